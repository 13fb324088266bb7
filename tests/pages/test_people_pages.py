"""Tests for the pages of the people analytics: every answer in words, in every locale."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

import html5lib
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from skilltaxonomy import RatingsTable, Taxonomy, load, render
from skilltaxonomy._i18n import messages
from skilltaxonomy.pages.blocks import Table, Title
from skilltaxonomy.pages.build import (
    ANSWER_KINDS,
    GRID_PEOPLE,
    PeopleAnswer,
    _ready_count,
    build,
    percent,
    rated_by,
    rater_label,
    readiness_rule,
    signed,
)
from skilltaxonomy.people import gap, team
from skilltaxonomy.people.analytics import (
    GAP_BY_SKILL_COLUMNS,
    PROMOTION_COLUMNS,
    RATER_COLUMNS,
    READINESS_COLUMNS,
    RISK_COLUMNS,
    ROUND_COLUMNS,
    SKILL_GAP_COLUMNS,
    gap_by_skill,
    key_person_risk,
    promotion_readiness,
    rater_differences,
    round_changes,
    skill_gaps,
    team_readiness,
)
from skilltaxonomy.people.ratings import RATER_KINDS

NNA = "neural-network-architectures"
LOCALES = ("en", "es", "de")
FORMATS = ("text", "md", "html")
#: Every column name of the analytics' tables that is not also a word of a page.
RAW = sorted(
    {
        *READINESS_COLUMNS,
        *SKILL_GAP_COLUMNS,
        *RISK_COLUMNS,
        *GAP_BY_SKILL_COLUMNS,
        *PROMOTION_COLUMNS,
        *ROUND_COLUMNS,
        *RATER_COLUMNS,
    }
    - {"person", "ready", "role", "level", "target", "people", "who", "change", "blocking"}
)


def small_team(tax: Taxonomy) -> RatingsTable:
    """Four people, three rated in one skill over two rounds by several raters."""
    ratings = pa.table(
        {
            "person": ["Ana", "Ana", "Bo", "Bo", "Cy"],
            "skill": [NNA] * 5,
            "level": ["junior", "senior", "middle", "junior", "principal"],
            "rater": ["self", "manager", "self", "manager", "agreed"],
            "round": ["2025-H1", "2025-H2", "2025-H2", "2025-H2", "2025-H1"],
        }
    )
    people = pa.table(
        {
            "person": ["Ana", "Bo", "Cy", "Di"],
            "role": ["llm-engineer", "llm-engineer", "data-scientist", None],
            "level": ["middle", "junior", "lead", None],
            "org_unit": ["Research", "Research", "Platform", None],
        }
    )
    return RatingsTable.build(tax, ratings, people)


@pytest.fixture(name="ratings")
def _ratings(bundled: Taxonomy) -> RatingsTable:
    return small_team(bundled)


@pytest.fixture(name="found", scope="module")
def _found() -> dict[str, PeopleAnswer]:
    tax = load()
    return answers(tax, small_team(tax))


def answers(tax: Taxonomy, ratings: RatingsTable) -> dict[str, PeopleAnswer]:
    """One answer of each kind, from the same small team."""
    goal = ("llm-engineer", "senior")
    return {
        "team": PeopleAnswer("team", team_readiness(tax, ratings, *goal), tax, *goal),
        "coverage": PeopleAnswer("coverage", skill_gaps(tax, ratings, *goal), tax, *goal),
        "risk": PeopleAnswer(
            "risk",
            key_person_risk(tax, ratings, "llm-engineer", "principal"),
            tax,
            "llm-engineer",
            "principal",
        ),
        "gap-by-skill": PeopleAnswer("gap-by-skill", gap_by_skill(tax, ratings, *goal), tax, *goal),
        "promotions": PeopleAnswer("promotions", promotion_readiness(tax, ratings), tax),
        "rounds": PeopleAnswer(
            "rounds",
            round_changes(tax, ratings, *goal, before="2025-H1", after="2025-H2"),
            tax,
            *goal,
            rounds=("2025-H1", "2025-H2"),
        ),
        "raters": PeopleAnswer("raters", rater_differences(tax, ratings), tax),
    }


#: What each page says in each locale: its title's words, and a word of its table.
SAID: dict[str, dict[str, tuple[str, ...]]] = {
    "team": {
        "en": ("LLM Engineer at Senior: readiness", "4 people, 2 ready (50%)", "yes", "no"),
        "es": ("LLM Engineer en Senior: preparación", "4 personas, 2 listas (50\xa0%)", "sí"),
        "de": (
            "LLM Engineer auf Stufe Senior: Bereitschaft",
            "4 Personen, 2 bereit (50\xa0%)",
            "ja",
        ),
    },
    "coverage": {
        "en": ("LLM Engineer at Senior: coverage", "Target: Senior.", "Principal"),
        "es": ("LLM Engineer en Senior: cobertura", "Objetivo: Senior.", "Principal"),
        "de": ("LLM Engineer auf Stufe Senior: Abdeckung", "Ziel: Senior.", "Principal"),
    },
    "risk": {
        "en": ("key-person risk", "1 skill at risk", "Neural Network Architectures", "Cy"),
        "es": ("riesgo de persona clave", "1 habilidad en riesgo", "Quién"),
        "de": ("Schlüsselpersonenrisiko", "1 Fähigkeit gefährdet", "Wer"),
    },
    "gap-by-skill": {
        "en": ("gap by skill", "Org unit", "no org unit", "50%"),
        "es": ("brecha por habilidad", "Unidad organizativa", "sin unidad organizativa"),
        "de": ("Lücke nach Fähigkeit", "Organisationseinheit", "keine Organisationseinheit"),
    },
    "promotions": {
        "en": ("Promotions: each person against the next level", "Data Scientist", "Lead"),
        "es": ("Promociones: cada persona frente al nivel siguiente", "3 personas, 2 listas"),
        "de": ("Beförderungen: jede Person gegenüber der nächsten Stufe", "Nächste Stufe"),
    },
    "rounds": {
        "en": ("from round 2025-H1 to round 2025-H2", "Items met before", "+2"),
        "es": ("de la ronda 2025-H1 a la ronda 2025-H2", "Cumplidos antes", "+2"),
        "de": ("von Runde 2025-H1 bis Runde 2025-H2", "Erfüllt davor", "+2"),
    },
    "raters": {
        "en": (
            "Ratings by the person themselves and by their manager",
            "Level (self)",
            "−2",
            "Junior",
        ),
        "es": (
            "Evaluaciones de la propia persona y de su responsable",
            "Nivel (responsable)",
            "+1",
        ),
        "de": (
            "Bewertungen durch die Person selbst und durch die Führungskraft",
            "Stufe (Führungskraft)",
            "Unterschied in Stufen",
        ),
    },
}


def _words(page: str, format: str) -> str:
    """The visible words of a page: its tags and Markdown marks left out."""
    if format == "html":
        page = re.sub(r"<style>.*?</style>", " ", page, flags=re.DOTALL)
        page = re.sub(r"<[^>]+>", " ", page)
        page = page.replace("&amp;", "&")
    return page


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("kind", ANSWER_KINDS)
def test_pages_say_words_not_columns(
    found: dict[str, PeopleAnswer], kind: str, locale: str, format: Any
) -> None:
    """Each page says its answer in the locale: names, yes/no, no column name, no True/False."""
    page = _words(render(found[kind], format, locale=locale), format)
    for words in SAID[kind][locale]:
        assert words in page, (kind, locale, words)
    for raw in RAW:
        assert raw not in page, (kind, locale, raw)
    assert not re.search(r"\b(True|False|None)\b", page)
    assert "llm-engineer" not in page
    assert NNA not in page


@pytest.mark.parametrize("locale", LOCALES)
def test_the_rule_in_force_is_said(found: dict[str, PeopleAnswer], locale: str) -> None:
    """Every page that decides readiness says the policy in force in one line."""
    words = messages(locale)
    for kind in ("team", "coverage", "risk", "gap-by-skill", "rounds"):
        # The bundled LLM Engineer marks nothing mandatory: "auto" is "all" there.
        assert readiness_rule("all", words) in render(found[kind], "text", locale=locale, width=400)
    promotions = render(found["promotions"], "text", locale=locale, width=400)
    assert readiness_rule("auto", words) in promotions


def test_the_rule_names_the_policy() -> None:
    """Each policy is said in words, with its name for the command line."""
    words = messages("en")
    assert readiness_rule("all", words) == (
        "Ready means every item up to the target is met (readiness policy: all)."
    )
    assert "(readiness policy: not-optional)" in readiness_rule("not-optional", words)
    assert "(readiness policy: auto)" in readiness_rule("auto", words)


@pytest.mark.parametrize(
    ("kind", "sentence"),
    [
        ("team", "No one to show."),
        ("coverage", "No one to show."),
        ("risk", "No skill is at risk."),
        ("gap-by-skill", "No one to show."),
        ("promotions", "No one has a next level to reach."),
        ("rounds", "No one to show."),
        ("raters", "No skill rated by both."),
    ],
)
def test_an_empty_answer_is_a_sentence(bundled: Taxonomy, kind: Any, sentence: str) -> None:
    """An empty answer says so in a sentence, with no table of headers only."""
    answer = PeopleAnswer(kind, [], bundled, "llm-engineer", "senior")
    blocks = build(answer, messages("en"), wide=True)
    assert not any(isinstance(block, Table) for block in blocks)
    assert sentence in render(answer, "md")
    assert "|---|" not in render(answer, "md")


def test_empty_risk_in_german(bundled: Taxonomy, ratings: RatingsTable) -> None:
    """No skill at risk is said in the page's language."""
    risk = key_person_risk(bundled, ratings, "llm-engineer", "junior", fewer_than=1)
    answer = PeopleAnswer("risk", risk, bundled, "llm-engineer", "junior", fewer_than=1)
    page = render(answer, "text", locale="de")
    assert "Keine Fähigkeit ist gefährdet." in page
    assert "Eine Fähigkeit ist gefährdet, wenn weniger als 1 Person sie erfüllt." in page


def test_coverage_is_a_grid_closest_first(bundled: Taxonomy, ratings: RatingsTable) -> None:
    """Skills down, people across, closest to the target first (or by name), target marked."""
    coverage = skill_gaps(bundled, ratings, "llm-engineer", "senior")
    answer = PeopleAnswer("coverage", coverage, bundled, "llm-engineer", "senior")
    grid = next(b for b in build(answer, messages("en"), wide=True) if isinstance(b, Table))
    assert grid.header == ("Skill", "Target", "Ana", "Cy", "Bo", "Di")
    assert grid.compact
    page = render(answer, "md")
    assert "| Neural Network Architectures | Senior | Senior: ✓ | Principal: ✓ | Junior | — |" in (
        page
    )
    by_name = PeopleAnswer("coverage", coverage, bundled, "llm-engineer", "senior", by_name=True)
    grid = next(b for b in build(by_name, messages("en"), wide=True) if isinstance(b, Table))
    assert grid.header[2:] == ("Ana", "Bo", "Cy", "Di")
    html = render(answer, "html")
    assert 'class="st-table st-matrix st-compact"' in html
    assert '<abbr class="st-step st-rank-2" title="">Senior</abbr>✓' in html


def test_coverage_counts_people_beyond_the_grid(bundled: Taxonomy) -> None:
    """Beyond `GRID_PEOPLE` people, each skill counts its people at each level."""
    people = [f"P{n:03d}" for n in range(GRID_PEOPLE + 1)]
    table = pa.table(
        {"person": people, "skill": [NNA] * len(people), "level": ["middle"] * len(people)}
    )
    ratings = RatingsTable.build(bundled, table)
    coverage = skill_gaps(bundled, ratings, "llm-engineer", "senior")
    answer = PeopleAnswer("coverage", coverage, bundled, "llm-engineer", "senior")
    grid = next(b for b in build(answer, messages("de"), wide=True) if isinstance(b, Table))
    assert grid.header == (
        "Fähigkeit",
        "Ziel",
        "nicht bewertet",
        *(level.name for level in bundled.levels_of_role("llm-engineer")),
        "Bereit",
    )
    assert [str(cell) for cell in grid.rows[0][2:5]] == ["0", "0", "201"]
    assert "201 Personen: jede Zelle zählt die Personen auf dieser Stufe." in render(
        answer, "text", locale="de", width=400
    )


def test_the_answer_is_not_changed(bundled: Taxonomy, ratings: RatingsTable) -> None:
    """A page reads the answer: the analytics' table is the same before and after."""
    table = team_readiness(bundled, ratings, "llm-engineer", "senior")
    before = table.to_pylist()
    render(PeopleAnswer("team", table, bundled, "llm-engineer", "senior"), "html")
    assert table.to_pylist() == before


def test_unknown_kind(bundled: Taxonomy) -> None:
    """A kind of answer that is not asked of the analytics is refused, naming the kinds."""
    with pytest.raises(ValueError, match=r"unknown kind of answer 'teams': expected one of team, "):
        PeopleAnswer("teams", [], bundled)  # type: ignore[arg-type]


def test_numbers_by_locale() -> None:
    """Percentages and changes in each locale's form."""
    assert percent(1, 3, messages("en")) == "33%"
    assert percent(1, 3, messages("de")) == "33\xa0%"
    assert percent(0, 0, messages("es")) == "0\xa0%"
    assert signed(2, messages("en")) == "+2"
    assert signed(-1200, messages("de")) == "−1.200"


def test_half_a_percent_rounds_up_in_every_locale() -> None:
    """1 of 8 is 13%, 5 of 8 is 63%, 1 of 200 is 1%: halves round up, in every locale."""
    for locale, pattern in (("en", "{}%"), ("es", "{}\xa0%"), ("de", "{}\xa0%")):
        words = messages(locale)
        found = [percent(part, whole, words) for part, whole in ((1, 8), (5, 8), (1, 200), (1, 3))]
        assert found == [pattern.format(n) for n in (13, 63, 1, 33)], locale


@given(st.integers(0, 10_000), st.integers(1, 10_000))
def test_percent_is_the_nearest_whole_halves_up(part: int, whole: int) -> None:
    """Any share is shown as the nearest whole percent, a half going up."""
    shown = int(percent(part, whole, messages("en")).rstrip("%"))
    assert Fraction(shown * 2 - 1, 2) <= Fraction(100 * part, whole) < Fraction(shown * 2 + 1, 2)


@pytest.mark.parametrize(
    ("locale", "title", "columns"),
    [
        ("en", "Ratings by peers and by agreement", ("Level (peer)", "Level (agreed)")),
        (
            "es",
            "Evaluaciones de sus pares y de común acuerdo",
            ("Nivel (pares)", "Nivel (acordada)"),
        ),
        (
            "de",
            "Bewertungen durch Kollegen und durch gemeinsame Vereinbarung",
            ("Stufe (Kollegen)", "Stufe (vereinbart)"),
        ),
    ],
)
def test_raters_in_words(
    bundled: Taxonomy, locale: str, title: str, columns: tuple[str, str]
) -> None:
    """Each known kind of rater is said in words, in the title and the columns' headers."""
    row = {
        "person": "Ana",
        "skill_id": NNA,
        "first_level": "junior",
        "second_level": "senior",
        "level_difference": 2,
    }
    answer = PeopleAnswer("raters", [row], bundled, raters=("peer", "agreed"))
    blocks = build(answer, messages(locale), wide=True)
    assert blocks[0] == Title(title)
    table = next(block for block in blocks if isinstance(block, Table))
    assert table.header[2:4] == columns


def test_unknown_raters_keep_their_ids(bundled: Taxonomy) -> None:
    """A kind of rater the library does not know is shown by its own id, in every locale."""
    answer = PeopleAnswer("raters", [], bundled, raters=("coach", "self"))
    assert build(answer, messages("de"), wide=True)[0] == Title(
        "Bewertungen durch coach und durch die Person selbst"
    )
    assert {rater_label("coach", messages(locale)) for locale in LOCALES} == {"coach"}
    assert {rated_by(kind, messages("en")) for kind in RATER_KINDS} == {
        "the person themselves",
        "their manager",
        "peers",
        "agreement",
    }


@pytest.mark.parametrize(
    ("locale", "one", "many"),
    [
        ("en", "3 people, 1 ready (33%)", "1,200 people, 1,200 ready (100%)"),
        ("es", "3 personas, 1 lista (33\xa0%)", "1.200 personas, 1.200 listas (100\xa0%)"),
        ("de", "3 Personen, 1 bereit (33\xa0%)", "1.200 Personen, 1.200 bereit (100\xa0%)"),
    ],
)
def test_the_ready_count_agrees_with_its_number(locale: str, one: str, many: str) -> None:
    """The word for "ready" takes the form its own count asks for ("1 lista", "2 listas")."""
    words = messages(locale)
    assert (_ready_count(1, 3, words), _ready_count(1200, 1200, words)) == (one, many)


@pytest.mark.parametrize("locale", LOCALES)
def test_team_view_and_gap_say_the_rule(
    bundled: Taxonomy, ratings: RatingsTable, locale: str
) -> None:
    """A team view and a gap report say the rule in force; yes and no in the locale."""
    words = messages(locale)
    view = team(bundled, ratings.assessments(), "llm-engineer", "senior")
    page = render(view, "md", locale=locale)
    assert readiness_rule("all", words) in page
    assert f"| {words._('yes')} |" in page
    assert not re.search(r"\b(True|False)\b", page)
    # The levels met are a compact grid, its headers in view, not a table off the edge.
    assert 'class="st-table st-matrix st-compact"' in render(view, "html", locale=locale)
    report = gap(bundled, ratings.assessment("Bo"), "llm-engineer", "senior")
    assert readiness_rule("all", words) in render(report, "text", locale=locale, width=400)


@pytest.mark.parametrize("locale", LOCALES)
def test_valid_html_documents(found: dict[str, PeopleAnswer], locale: str) -> None:
    """Every page of an answer is valid HTML, fragment and whole document, in its language."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    for answer in found.values():
        parser.parseFragment(render(answer, "html", locale=locale))
        page = render(answer, "html", locale=locale, standalone=True)
        assert parser.parse(page).get("lang") == locale
        assert '<meta charset="utf-8">' in page.lower()


def test_a_notebook_shows_the_page(found: dict[str, PeopleAnswer]) -> None:
    """In Jupyter an answer shows as its HTML page."""
    assert found["team"]._repr_html_() == render(found["team"], "html")


def test_hostile_names_stay_text(bundled: Taxonomy) -> None:
    """A person's name is text in every format: no element in HTML, no extra column in Markdown."""
    name = "<script>alert(1)</script> | pipe *em*"
    row = dict.fromkeys(READINESS_COLUMNS, 0) | {"person": name, "ready": True}
    answer = PeopleAnswer("team", [row], bundled, "llm-engineer", "senior")
    html = render(answer, "html")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; | pipe *em*" in html
    table = [line for line in render(answer, "md").splitlines() if line.startswith("| ")]
    assert table[-1].count(" | ") == 4  # five cells, the name's pipe escaped
