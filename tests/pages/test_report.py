"""Tests for the team report: its questions asked once, its words, its charts, its one file."""

from __future__ import annotations

import base64
import re
import sys
import xml.etree.ElementTree as ET
from typing import Any

import html5lib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skilltaxonomy import (
    RatingsTable,
    Taxonomy,
    TeamReport,
    load,
    loads,
    render,
    skill_gaps,
    team_readiness,
    team_report,
)
from skilltaxonomy._i18n import messages
from skilltaxonomy.pages.blocks import Chart, Heading, Table
from skilltaxonomy.pages.build import (
    GRID_PEOPLE,
    READY_NAMES,
    PeopleAnswer,
    build,
    closest_first,
    readiness_rule,
)
from skilltaxonomy.pages.chart import HEATMAP_PEOPLE, coverage_heatmap, team_gap_chart
from tests.pages.test_people_pages import RAW, small_team

pa = pytest.importorskip("pyarrow")
pytest.importorskip("ibis")

NNA = "neural-network-architectures"
LOCALES = ("en", "es", "de")
FORMATS = ("text", "md", "html")


@pytest.fixture(name="report", scope="module")
def _report() -> TeamReport:
    tax = load()
    return team_report(tax, small_team(tax), "llm-engineer", "senior")


#: What the report says in each locale: its title, summary, headings and a word of a table.
SAID: dict[str, tuple[str, ...]] = {
    "en": (
        "LLM Engineer at Senior: team report",
        "4 people, 2 ready (50%)",
        "Ready: Ana, Cy.",
        "Readiness, closest first",
        "Gap by skill",
        "Coverage: the level each person meets",
        "no org unit",
        "Target: Senior.",
        "yes",
    ),
    "es": (
        "LLM Engineer en Senior: informe del equipo",
        "4 personas, 2 listas (50\xa0%)",
        "Personas listas: Ana, Cy.",
        "Preparación, primero quien está más cerca",
        "Brecha por habilidad",
        "Cobertura: el nivel que cumple cada persona",
        "sin unidad organizativa",
        "Objetivo: Senior.",
        "sí",
    ),
    "de": (
        "LLM Engineer auf Stufe Senior: Teambericht",
        "4 Personen, 2 bereit (50\xa0%)",
        "Bereit: Ana, Cy.",
        "Bereitschaft, die Nächsten zuerst",
        "Lücke nach Fähigkeit",
        "Abdeckung: die Stufe, die jede Person erfüllt",
        "keine Organisationseinheit",
        "Ziel: Senior.",
        "ja",
    ),
}


def _words(page: str, format: str) -> str:
    """The visible words of a page: its tags, styles and images' addresses left out."""
    if format == "html":
        page = re.sub(r"<style>.*?</style>", " ", page, flags=re.DOTALL)
        page = re.sub(r"<[^>]+>", " ", page)
        page = page.replace("&amp;", "&")
    return page


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("locale", LOCALES)
def test_the_report_says_words_not_columns(report: TeamReport, locale: str, format: Any) -> None:
    """The report speaks the locale: names, yes/no, headings; no column name, no True/False."""
    page = _words(render(report, format, locale=locale, width=400), format)
    for words in SAID[locale]:
        assert words in page, (locale, words)
    assert readiness_rule("all", messages(locale)) in page
    for raw in RAW:
        assert raw not in page, (locale, raw)
    assert not re.search(r"\b(True|False|None)\b", page)
    assert "llm-engineer" not in page
    assert NNA not in page


def test_the_rule_is_said_once(report: TeamReport) -> None:
    """The summary says the readiness rule and the count; the sections do not repeat them."""
    page = render(report, "text", width=400)
    assert page.count(readiness_rule("all", messages("en"))) == 1
    assert page.count("4 people, 2 ready (50%)") == 1
    assert page.splitlines()[:6] == [
        "LLM Engineer at Senior: team report",
        "===================================",
        "",
        "4 people, 2 ready (50%)",
        "Ready: Ana, Cy.",
        "Ready means every item up to the target is met (readiness policy: all).",
    ]


def test_sections_in_order(report: TeamReport) -> None:
    """Readiness closest first, the gap by skill with its chart, the coverage with its heatmap."""
    blocks = build(report, messages("en"), wide=True)
    shown = [
        block.text if isinstance(block, Heading) else type(block).__name__
        for block in blocks
        if isinstance(block, (Heading, Table, Chart))
    ]
    assert shown == [
        "Readiness, closest first",
        "Table",
        "Gap by skill",
        "Chart",
        "Table",
        "Coverage: the level each person meets",
        "Chart",
        "Table",
    ]
    readiness = next(block for block in blocks if isinstance(block, Table))
    assert [row[0] for row in readiness.rows] == ["Ana", "Cy", "Bo", "Di"]
    assert report.ready == ("Ana", "Cy")
    assert report.taxonomy is report.team.taxonomy


def _images(page: str) -> list[str]:
    """The SVG of each chart of an HTML page, decoded."""
    found = re.findall(r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', page)
    return [base64.b64decode(data).decode("utf-8") for data in found]


def test_charts_are_figures_of_the_page_itself(report: TeamReport) -> None:
    """Each chart is a figure with a caption saying how to read it, and text for the image."""
    page = render(report, "html")
    assert page.count('<figure class="st-chart">') == 2
    assert re.findall(r"<figcaption>(.*?)</figcaption>", page) == [
        "Blue: the people ready in the skill; orange: those not ready. "
        "The longer the orange, the wider the gap.",
        "Each colour is a level, named on the scale at the side; grey is not assessed. "
        "The target is framed on the scale; people closest to it come first.",
    ]
    for chart in report.charts:
        assert chart.caption != chart.title
        assert f"<figcaption>{chart.title}</figcaption>" not in page
    assert 'alt="Bars: in each skill, the people ready and the people not ready; ' in page
    svgs = _images(page)
    assert [chart.svg for chart in report.charts] == svgs
    for svg in svgs:
        tree = ET.fromstring(svg.encode())
        assert "script" not in {element.tag.rsplit("}", 1)[-1] for element in tree.iter()}
        assert "Neural Network Architectures" in "".join(tree.itertext())
    assert "Ready per skill" not in render(report, "md")


def test_charts_in_their_locale(bundled: Taxonomy) -> None:
    """The charts are drawn, and captioned, in the locale asked for."""
    report = team_report(bundled, small_team(bundled), "llm-engineer", "senior", locale="de")
    assert [chart.title for chart in report.charts] == [
        "Bereit je Fähigkeit",
        "Erreichte Stufe, je Fähigkeit und Person",
    ]
    assert "Bereit je Fähigkeit" in _images(render(report, "html", locale="de"))[0]


def test_without_matplotlib_the_report_says_so(
    bundled: Taxonomy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without matplotlib the report is made all the same, and a sentence says why no chart."""
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    report = team_report(bundled, small_team(bundled), "llm-engineer", "senior")
    assert report.plot_missing
    assert report.charts == ()
    page = render(report, "html")
    assert "<figure" not in page
    assert (
        "The charts are left out: they need matplotlib (pip install &#x27;skilltaxonomy[plot]&#x27;)."
        in page
    )
    assert "Die Diagramme fehlen" in render(report, "text", locale="de")


def test_charts_not_asked_for(bundled: Taxonomy) -> None:
    """With charts=False there is no chart and nothing said about them."""
    report = team_report(bundled, small_team(bundled), "llm-engineer", "senior", charts=False)
    assert (report.charts, report.plot_missing) == ((), False)
    assert "matplotlib" not in render(report, "html")


@pytest.mark.parametrize("locale", LOCALES)
def test_one_html_file(report: TeamReport, locale: str) -> None:
    """Standalone, it is one valid document: encoding, language, its stylesheet, no address."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    page = render(report, "html", locale=locale, standalone=True)
    document = parser.parse(page)
    assert document.get("lang") == locale
    assert page.startswith('<!DOCTYPE html>\n<html lang="')
    assert '<meta charset="utf-8">' in page
    assert ".skilltaxonomy .st-chart img{" in page
    assert not re.search(r'(?:src|href)="(?!data:)', page)
    parser.parseFragment(render(report, "html", locale=locale))


def test_a_notebook_shows_the_report(report: TeamReport) -> None:
    """In Jupyter the report shows as its HTML page, the same body as the file's."""
    shown = report._repr_html_()
    assert shown == render(report, "html")
    page = render(report, "html", standalone=True)
    content = page.split('<section class="skilltaxonomy">')[1].split("</section>")[0]
    # The same blocks, a heading level lower in a notebook: its title is no page's h1.
    assert "<h1>LLM Engineer at Senior: team report</h1>" in content
    lower = re.sub(r"<(/?)h([12])>", lambda m: f"<{m[1]}h{int(m[2]) + 1}>", content)
    assert lower.strip() in shown


def test_the_questions_as_the_analytics_answer(bundled: Taxonomy) -> None:
    """The report holds what team_readiness, gap_by_skill and skill_gaps answer, by ids."""
    from skilltaxonomy import gap_by_skill, skill_gaps, team_readiness

    ratings = small_team(bundled)
    report = team_report(bundled, ratings, "LLM Engineer", 3, charts=False, engine="python")
    goal = ("llm-engineer", "senior")
    assert (report.team.role, report.team.target) == goal
    assert [dict(row) for row in report.team.rows] == team_readiness(
        bundled, ratings, *goal
    ).to_pylist()
    assert [dict(row) for row in report.by_skill.rows] == gap_by_skill(
        bundled, ratings, *goal
    ).to_pylist()
    assert [dict(row) for row in report.coverage.rows] == skill_gaps(
        bundled, ratings, *goal
    ).to_pylist()


def test_what_was_asked_is_said(bundled: Taxonomy) -> None:
    """A round, a rater or an org unit asked for is said under the summary."""
    report = team_report(
        bundled,
        small_team(bundled),
        "llm-engineer",
        "senior",
        round="2025-H2",
        rater="manager",
        org_unit="Research",
        charts=False,
    )
    page = render(report, "text", width=400)
    assert (
        "Asked of: org unit Research; ratings as of round 2025-H2; ratings by their manager only."
        in page.splitlines()
    )
    assert "Ready: Ana." in page.splitlines()


def test_no_one_ready_and_many_ready(bundled: Taxonomy) -> None:
    """No one ready is a sentence; beyond READY_NAMES, the rest of the ready are counted."""
    none = RatingsTable.build(
        bundled, pa.table({"person": ["Ana"], "skill": [NNA], "level": ["junior"]})
    )
    report = team_report(bundled, none, "llm-engineer", "senior", charts=False)
    assert "No one is ready yet." in render(report, "text").splitlines()
    people = [f"P{n:02d}" for n in range(READY_NAMES + 3)]
    many = RatingsTable.build(
        bundled,
        pa.table(
            {"person": people, "skill": [NNA] * len(people), "level": ["senior"] * len(people)}
        ),
    )
    report = team_report(bundled, many, "llm-engineer", "senior", charts=False)
    listed = ", ".join(people[:READY_NAMES])
    assert f"Ready: {listed} and 3 more." in render(report, "text", width=400).splitlines()
    assert f"Bereit: {listed} und 3 weitere." in render(report, "md", locale="de")


def test_an_empty_team_is_a_sentence(bundled: Taxonomy) -> None:
    """No one in the team: the report says so, with the rule, no table and no chart."""
    goal = (bundled, "llm-engineer", "senior")
    empty = TeamReport(
        PeopleAnswer("team", [], *goal),
        PeopleAnswer("gap-by-skill", [], *goal),
        PeopleAnswer("coverage", [], *goal),
        org_unit="Research",
    )
    page = render(empty, "md")
    assert page.splitlines()[2:] == [
        "Ready means every item up to the target is met (readiness policy: all).  ",
        "Asked of: org unit Research.",
        "",
        "No one to show.",
    ]


def test_hostile_names_stay_text(bundled: Taxonomy) -> None:
    """A person's name is text in the page and in the charts' SVG: no element, no script."""
    name = "<script>alert(1)</script> $\\frac{$ | *em*"
    ratings = RatingsTable.build(
        bundled, pa.table({"person": [name, "Bo"], "skill": [NNA] * 2, "level": ["senior"] * 2})
    )
    report = team_report(bundled, ratings, "llm-engineer", "senior")
    page = render(report, "html", standalone=True)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    heatmap = _images(page)[1]
    tree = ET.fromstring(heatmap.encode())
    assert "script" not in {element.tag.rsplit("}", 1)[-1] for element in tree.iter()}
    assert "<script>alert(1)</s…" in "".join(tree.itertext())


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    levels=st.lists(
        st.sampled_from(["junior", "middle", "senior", "lead", "principal"]),
        min_size=1,
        max_size=30,
    )
)
def test_the_summary_counts_whom_the_table_marks_ready(
    bundled: Taxonomy, levels: list[str]
) -> None:
    """Whatever the team, the summary names and counts exactly the people marked ready."""
    people = [f"P{n:02d}" for n in range(len(levels))]
    ratings = RatingsTable.build(
        bundled, pa.table({"person": people, "skill": [NNA] * len(people), "level": levels})
    )
    report = team_report(bundled, ratings, "llm-engineer", "senior", charts=False)
    ready = [row["person"] for row in report.team.rows if row["ready"]]
    assert list(report.ready) == ready
    met = [p for p, level in zip(people, levels, strict=True) if level not in ("junior", "middle")]
    assert sorted(ready) == met
    words = messages("en")
    lines = render(report, "text", width=1000).splitlines()
    assert lines[3].startswith(
        f"{len(people)} {'person' if len(people) == 1 else 'people'}, {len(ready)} ready"
    )
    assert lines[4] == (
        f"Ready: {', '.join(ready[:READY_NAMES])}"
        + (f" and {len(ready) - READY_NAMES} more" if len(ready) > READY_NAMES else "")
        + "."
        if ready
        else "No one is ready yet."
    )
    assert words._("Gap by skill") in lines


# What a new user found (issue 25), on a small framework of four skills and four levels.

#: A backend role on one ladder of four levels; some of its items mandatory.
ACME = """{"format": "skilltaxonomy/2", "name": "Shipyard", "version": "1",
 "domains": [{"id": "eng", "name": "Engineering"}],
 "skills": [{"id": "py", "name": "Python", "domain": "eng"},
            {"id": "db", "name": "Databases", "domain": "eng"},
            {"id": "run", "name": "Running services", "domain": "eng"},
            {"id": "arch", "name": "Architecture", "domain": "eng"}],
 "levels": [{"id": "junior", "name": "Junior"}, {"id": "middle", "name": "Middle"},
            {"id": "senior", "name": "Senior"}, {"id": "staff", "name": "Staff"}],
 "roles": [{"id": "backend", "name": "Backend engineer"}],
 "expectations": [
  {"skill": "py", "role": "backend", "level": "junior", "description": "Tests.", "mandatory": true},
  {"skill": "py", "role": "backend", "level": "middle", "description": "Owns.", "mandatory": true},
  {"skill": "py", "role": "backend", "level": "senior", "description": "Leads.", "mandatory": true},
  {"skill": "py", "role": "backend", "level": "staff", "description": "Sets rules."},
  {"skill": "db", "role": "backend", "level": "junior", "description": "Joins."},
  {"skill": "db", "role": "backend", "level": "middle", "description": "Models.",
   "mandatory": false},
  {"skill": "db", "role": "backend", "level": "senior", "description": "Tunes."},
  {"skill": "run", "role": "backend", "level": "middle", "description": "On call.",
   "mandatory": true},
  {"skill": "run", "role": "backend", "level": "senior", "description": "Leads incidents.",
   "mandatory": true},
  {"skill": "arch", "role": "backend", "level": "senior", "description": "A service."},
  {"skill": "arch", "role": "backend", "level": "staff", "description": "Services.",
   "mandatory": true}]}"""


@pytest.fixture(name="acme", scope="module")
def _acme() -> Taxonomy:
    return loads(ACME)


def _rated(taxonomy: Taxonomy, *rows: tuple[str, str, str], units: bool = False) -> RatingsTable:
    """Ratings of (person, skill, level); with `units`, people of two org units."""
    ratings = pa.table(
        {name: [row[at] for row in rows] for at, name in enumerate(("person", "skill", "level"))}
    )
    if not units:
        return RatingsTable.build(taxonomy, ratings)
    people = sorted({row[0] for row in rows})
    unit = ["Platform" if at % 2 else "Data" for at in range(len(people))]
    return RatingsTable.build(taxonomy, ratings, pa.table({"person": people, "org_unit": unit}))


#: Three people, each meeting one skill a little: all 7 items blocking, A and C with 4
#: mandatory items missing, B with 5 (the order a user found the grid did not follow).
TIED = (("A", "py", "junior"), ("B", "db", "junior"), ("C", "run", "middle"))
#: Four people of two org units, from all to little met.
TEAM = (
    *(("Ana", skill, "senior") for skill in ("py", "db", "run", "arch")),
    ("Bo", "py", "middle"),
    ("Bo", "db", "junior"),
    ("Bo", "run", "middle"),
    ("Chen", "py", "senior"),
    ("Chen", "db", "middle"),
    ("Chen", "run", "senior"),
    ("Dana", "py", "middle"),
    ("Dana", "arch", "junior"),
)


def _grid(blocks: list[Any]) -> Table:
    """The last table of a page: the coverage grid."""
    return [block for block in blocks if isinstance(block, Table)][-1]


def _people_in(svg: str, people: set[str]) -> list[str]:
    return [text for text in _svg_texts(svg) if text in people]


def _svg_texts(svg: str) -> list[str]:
    tree = ET.fromstring(svg.encode())
    return [text.text or "" for text in tree.iter("{http://www.w3.org/2000/svg}text")]


def test_grid_and_heatmap_follow_the_readiness_order(acme: Taxonomy) -> None:
    """The report's readiness table, coverage grid and heatmap list the people in one order."""
    report = team_report(acme, _rated(acme, *TIED), "backend", "senior")
    assert [row["person"] for row in report.team.rows] == ["A", "C", "B"]
    assert _grid(build(report, messages("en"), wide=True)).header[2:] == ("A", "C", "B")
    assert _people_in(report.charts[1].svg, {"A", "B", "C"}) == ["A", "C", "B"]


def test_grid_and_heatmap_alone_order_as_team_readiness(acme: Taxonomy) -> None:
    """On their own, the grid and the heatmap order as team_readiness; `order` is followed."""
    ratings = _rated(acme, *TIED)
    coverage = skill_gaps(acme, ratings, "backend", "senior")
    answer = PeopleAnswer("coverage", coverage, acme, "backend", "senior")
    assert _grid(build(answer, messages("en"), wide=True)).header[2:] == ("A", "C", "B")
    assert _people_in(str(coverage_heatmap(coverage, taxonomy=acme)), {"A", "B", "C"}) == [
        "A",
        "C",
        "B",
    ]
    readiness = team_readiness(acme, ratings, "backend", "senior")
    drawn = str(coverage_heatmap(coverage, taxonomy=acme, order=readiness))
    assert _people_in(drawn, {"A", "B", "C"}) == ["A", "C", "B"]
    drawn = str(coverage_heatmap(coverage, taxonomy=acme, order=["B"]))
    assert _people_in(drawn, {"A", "B", "C"}) == ["B", "A", "C"]
    assert closest_first(coverage.to_pylist(), by_name=True, order=["C"]) == ["A", "B", "C"]


@settings(max_examples=20, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Ana", "Bo", "Cy", "Di", "Ed"]),
            st.sampled_from(["py", "db", "run", "arch"]),
            st.sampled_from(["junior", "middle", "senior", "staff"]),
        ),
        min_size=1,
        max_size=14,
        unique_by=lambda row: row[:2],
    )
)
def test_closest_first_is_team_readiness_order(rows: list[tuple[str, str, str]]) -> None:
    """Whatever the ratings, closest_first of skill_gaps is team_readiness's order."""
    acme = loads(ACME)
    ratings = _rated(acme, *rows)
    coverage = skill_gaps(acme, ratings, "backend", "senior").to_pylist()
    readiness = team_readiness(acme, ratings, "backend", "senior").to_pylist()
    assert closest_first(coverage) == [row["person"] for row in readiness]


def test_grid_and_heatmap_count_people_beyond_one_threshold(acme: Taxonomy) -> None:
    """Beyond GRID_PEOPLE people, the grid and the heatmap both count people by level."""
    assert HEATMAP_PEOPLE == GRID_PEOPLE
    people = [f"P{n:03d}" for n in range(GRID_PEOPLE + 1)]
    ratings = _rated(acme, *((person, "py", "senior") for person in people))
    report = team_report(acme, ratings, "backend", "senior")
    assert [chart.title for chart in report.charts] == [
        "Ready per skill",
        "People at each level, per skill",
    ]
    assert "People at each level, per skill" in _svg_texts(report.charts[1].svg)
    assert "P200" not in report.charts[1].svg
    header = _grid(build(report, messages("en"), wide=True)).header
    assert header == (
        "Skill",
        "Target",
        "not assessed",
        "Junior",
        "Middle",
        "Senior",
        "Staff",
        "Ready",
    )
    fewer = team_report(
        acme, _rated(acme, *((p, "py", "senior") for p in people[1:])), "backend", "senior"
    )
    assert fewer.charts[1].title == "Level met, per skill and person"
    assert "200 people" in _svg_texts(fewer.charts[1].svg)
    # 200 unnamed columns: no strip thousands of points wide.
    assert float(re.findall(r'<svg[^>]* width="([0-9.]+)pt"', fewer.charts[1].svg)[0]) <= 864


def _scale(svg: str) -> list[tuple[str, str]]:
    """The heatmap's colour scale: each tick's label beside the colour of its band."""
    scale = svg[svg.index('<g id="axes_2">') :]
    colours = re.findall(r'style="fill: (#[0-9a-f]{6})"', scale.split('<g id="QuadMesh_1">')[1])
    labels = [text for text in _svg_texts(svg) if text][-len(colours) - 1 : -1]
    return list(zip(labels, colours, strict=True))


def test_a_level_has_one_colour_in_every_report(acme: Taxonomy) -> None:
    """Two teams of the role meeting different levels: each level has the same colour."""
    low = _rated(acme, ("Ana", "py", "junior"), ("Bo", "db", "middle"))
    high = _rated(acme, ("Cy", "py", "staff"), ("Di", "db", "senior"))
    scales = [
        _scale(team_report(acme, team, "backend", "senior").charts[1].svg) for team in (low, high)
    ]
    assert scales[0] == scales[1]
    assert [label for label, _ in scales[0]] == [
        "not assessed",
        "Junior",
        "Middle",
        "Senior (target)",
        "Staff",
    ]
    assert scales[0][0][1] == "#d0d0d0"
    assert len({colour for _, colour in scales[0]}) == 5
    alone = coverage_heatmap(skill_gaps(acme, low, "backend", "middle"), taxonomy=acme)
    assert [colour for _, colour in _scale(str(alone))] == [c for _, c in scales[0]]


@pytest.mark.parametrize("chart", [team_gap_chart, coverage_heatmap])
def test_no_one_to_chart_is_said(acme: Taxonomy, chart: Any) -> None:
    """With no one rated, a chart says there is no one to chart: no axis, no legend."""
    empty = skill_gaps(acme, _rated(acme), "backend", "senior")
    texts = _svg_texts(str(chart(empty, taxonomy=acme, locale="de")))
    assert texts[0] == "Niemand darzustellen."
    assert len(texts) == 2
    assert _svg_texts(str(chart([], taxonomy=acme)))[0] == "No one to chart."


def test_bars_count_whole_people_and_name_the_goal(acme: Taxonomy) -> None:
    """The bar chart's axis counts whole people; given the goal, its title names it."""
    coverage = skill_gaps(acme, _rated(acme, ("Ana", "py", "senior")), "backend", "senior")
    texts = _svg_texts(str(team_gap_chart(coverage, taxonomy=acme, role="backend", target=3)))
    assert texts[:2] == ["0", "1"]
    assert not any(re.fullmatch(r"\d+\.\d+", text) for text in texts)
    assert "Backend engineer at Senior: ready per skill" in texts
    assert "Ready per skill" in _svg_texts(str(team_gap_chart(coverage, taxonomy=acme)))


#: The readiness table and the gap by skill at 80 columns, header and first row.
AT_80: dict[str, tuple[str, ...]] = {
    "en": (
        "  Person  Ready  Items blocking  Items met  Mandatory met",
        "  Ana     yes    0               9/9        5/5",
        "  Org unit  Skill             People  Ready  Share ready  Items missing",
        "  Data      Python            2       2      100%         0",
    ),
    "es": (
        "  Persona  Listo  Requisitos que bloquean  Requisitos cumplidos  Obligatorios",
        "                                                                 cumplidos",
        "  Ana      sí     0                        9/9                   5/5",
        "  Unidad        Habilidad         Personas  Listo  Proporción lista  Requisitos",
        "  organizativa                                                       pendientes",
        "  Data          Python            2         2      100\xa0%             0",
    ),
    "de": (
        "  Person  Bereit  Blockierende Anforderungen  Erfüllt  Pflicht erfüllt",
        "  Ana     ja      0                           9/9      5/5",
        "  Org.-Einheit  Fähigkeit         Personen  Bereit  Anteil bereit  Fehlende",
        "                                                                   Anforderungen",
        "  Data          Python            2         2       100\xa0%          0",
    ),
}


@pytest.mark.parametrize("locale", LOCALES)
def test_tables_fit_80_columns(acme: Taxonomy, locale: str) -> None:
    """At 80 columns the report's tables are columns (headers wrap), no line is wider."""
    report = team_report(acme, _rated(acme, *TEAM, units=True), "backend", "senior", charts=False)
    page = render(report, "text", locale=locale, width=80)
    lines = page.splitlines()
    assert max(map(len, lines)) <= 80
    assert " · " not in page
    for line in AT_80[locale]:
        assert line in lines, line


@pytest.mark.parametrize("width", [40, 80])
def test_no_name_is_split_across_lines(acme: Taxonomy, width: int) -> None:
    """The list of who is ready keeps each name whole, whatever the width."""
    names = ["Ana María López Ruiz", "Bo Lindqvist", "Chidi Okafor Nwosu", "Dana Weiss"]
    ratings = _rated(
        acme, *((name, skill, "senior") for name in names for skill in ("py", "db", "run", "arch"))
    )
    report = team_report(acme, ratings, "backend", "senior", charts=False)
    page = render(report, "text", width=width)
    for name in names:
        assert sum(name.replace(" ", "\xa0") in line for line in page.splitlines()) == 1, name


@pytest.mark.parametrize(
    ("locale", "one", "two"),
    [
        ("en", "Ready: Ana.", "Ready: Ana, Bo."),
        ("es", "Persona lista: Ana.", "Personas listas: Ana, Bo."),
        ("de", "Bereit: Ana.", "Bereit: Ana, Bo."),
    ],
)
def test_who_is_ready_reads_right_for_one_and_many(
    acme: Taxonomy, locale: str, one: str, two: str
) -> None:
    """The list of who is ready agrees with how many are in it."""
    full = ("py", "db", "run", "arch")
    for people, said in (((("Ana"),), one), (("Ana", "Bo"), two)):
        ratings = _rated(acme, *((person, skill, "staff") for person in people for skill in full))
        report = team_report(acme, ratings, "backend", "senior", charts=False)
        assert said in render(report, "text", locale=locale).splitlines()


def test_spanish_says_habilidad_throughout(report: TeamReport) -> None:
    """The Spanish report names a skill one way: "habilidad", in headings, columns and charts."""
    page = _words(render(report, "html", locale="es"), "html").lower()
    assert "competencia" not in page
    assert "brecha por habilidad" in page
    es = team_report(
        report.taxonomy, small_team(report.taxonomy), "llm-engineer", "senior", locale="es"
    )
    assert (
        "competencia" not in "".join(chart.svg + chart.description for chart in es.charts).lower()
    )
