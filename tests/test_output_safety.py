"""Every renderer shows framework text as text: markup, pipes and newlines never escape.

Each kind of thing `render` writes (and a cell's ``_repr_html_``, and `gap_chart`'s
SVG) is made twice from frameworks of the same shape: one with plain text, one whose
every text tries to break out. Parsed, the two pages must have the same structure,
the hostile text being only text in it.
"""

from __future__ import annotations

import html.parser
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from markdown_it import MarkdownIt

from skilltaxonomy import (
    Assessment,
    Domain,
    Expectation,
    Level,
    Rating,
    Role,
    Skill,
    Taxonomy,
    diff,
    gap,
    gap_chart,
    path,
    render,
    team,
    transition,
)

# The model refuses the control characters, and line breaks in names, as files do; the
# hostile framework is built with its validators off, so that the renderers are tested as
# the last line of defence too.
HOSTILE = (
    "<script>alert('x')</script> <img src=x onerror=alert(1)> | pipe |\n"
    "# heading\r\n- item\n1. item\n---\n*em* **strong** _u_ `code` ~~s~~ [link](javascript:x) "
    "![img](x) <!-- c --> &amp; &#60; R&D \\ $\\frac{$ \x1b[31mred \u202eevil\u202c"
)


def framework(text: Callable[[str], str]) -> Taxonomy:
    """Two skills, two roles, three levels; every text given by `text` from a plain label."""
    with attrs.validators.disabled():
        return _framework(text)


def _framework(text: Callable[[str], str]) -> Taxonomy:
    domain = Domain("d", text("Domain"))
    skills = [
        Skill(f"s{n}", text(f"Skill {n}"), domain, text("Category"), text("Summary"), None)
        for n in (1, 2)
    ]
    roles = [Role(f"r{n}", text(f"Role {n}"), text("Family"), text("Summary")) for n in (1, 2)]
    levels = [Level(f"l{n}", text(f"Level {n}"), n) for n in (1, 2, 3)]
    return Taxonomy(
        name=text("Framework"),
        version=text("Version"),
        domains=[domain],
        skills=skills,
        roles=roles,
        levels=levels,
        expectations=[
            Expectation(skill, role, level, (n + m) % 2 == 0, text(f"Does {n}{m}{level.rank}"))
            for n, skill in enumerate(skills)
            for m, role in enumerate(roles)
            for level in levels
        ],
    )


def plain(label: str) -> str:
    return label


def hostile(label: str) -> str:
    return f"{label} {HOSTILE}"


def renderables(taxonomy: Taxonomy) -> dict[str, Any]:
    """One of each kind of thing `render` writes, made from `taxonomy` (validators off)."""
    with attrs.validators.disabled():
        return _renderables(taxonomy)


def _renderables(taxonomy: Taxonomy) -> dict[str, Any]:
    skill, other_skill = taxonomy.skills
    role, other_role = taxonomy.roles
    ada = Assessment(
        person=taxonomy.name,
        ratings=[Rating(skill, taxonomy.levels[0], note=taxonomy.name)],
        role=role,
        level=taxonomy.levels[0],
    )
    bo = Assessment(person=skill.name, ratings=[Rating(other_skill, taxonomy.levels[1])])
    changed = Taxonomy(
        name=taxonomy.name,
        domains=taxonomy.domains,
        skills=[skill],
        roles=[role, other_role],
        levels=taxonomy.levels,
        expectations=[
            Expectation(e.skill, e.role, e.level, not e.mandatory, e.description + skill.name)
            for e in taxonomy.expectations.filter(skill=skill)
        ],
    )
    return {
        "overview": taxonomy,
        "profile": taxonomy.profile(skill),
        "matrix": taxonomy.matrix(role),
        "comparison": taxonomy.compare(skill, role, 1),
        "comparison-at-the-top": taxonomy.compare(skill, role, 3),
        "gap": gap(taxonomy, ada, role, 2),
        "path": path(taxonomy, role, 1, 3),
        "transition": transition(taxonomy, role, other_role, 2),
        "team": team(taxonomy, [ada, bo], role, 3),
        "diff": diff(taxonomy, changed),
    }


KINDS = list(renderables(framework(plain)))


class _Elements(html.parser.HTMLParser):
    """The elements and attributes of a page, in order, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.comments: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "br":  # line breaks of framework text are the one markup it may bring
            self.elements.append((tag, tuple(attrs)))

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def elements(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    parser.close()
    return parser


@pytest.mark.parametrize("standalone", [False, True])
@pytest.mark.parametrize("kind", KINDS)
def test_html_keeps_its_structure(kind: str, standalone: bool) -> None:
    """Hostile text adds no element, attribute or comment to an HTML page, and shows whole."""
    page = render(renderables(framework(hostile))[kind], "html", standalone=standalone)
    expected = render(renderables(framework(plain))[kind], "html", standalone=standalone)
    found = elements(page)
    assert found.elements == elements(expected).elements
    assert found.comments == []
    assert "<script>alert('x')</script> <img src=x onerror=alert(1)> | pipe |" in "".join(
        found.text
    )


@pytest.mark.parametrize("kind", ["profile", "matrix", "comparison"])
def test_cells_in_a_notebook_keep_their_structure(kind: str) -> None:
    """What a notebook shows (``_repr_html_``) escapes framework text as `render` does."""
    page = renderables(framework(hostile))[kind]._repr_html_()
    expected = renderables(framework(plain))[kind]._repr_html_()
    assert elements(page).elements == elements(expected).elements


def _markdown_shape(page: str) -> list[tuple[str, ...]]:
    """The blocks of a Markdown page, and the kinds of inline markup in each."""
    shape = []
    for token in MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(page):
        children = token.children or []
        markup = tuple(
            child.type
            for child in children
            if child.type not in ("text", "softbreak", "hardbreak")
            and not (child.type == "html_inline" and child.content == "<br>")
        )
        shape.append((token.type, token.tag, *markup))
    return shape


@pytest.mark.parametrize("kind", KINDS)
def test_markdown_keeps_its_structure(kind: str) -> None:
    """Hostile text adds no block, cell, link, emphasis or HTML to a Markdown page."""
    page = render(renderables(framework(hostile))[kind], "md")
    expected = render(renderables(framework(plain))[kind], "md")
    assert _markdown_shape(page) == _markdown_shape(expected)


@pytest.mark.parametrize("kind", KINDS)
def test_markdown_table_rows_keep_their_cells(kind: str) -> None:
    """Pipes and newlines stay in their cell: every row of a table has as many cells."""
    tokens = (
        MarkdownIt("commonmark")
        .enable("table")
        .parse(render(renderables(framework(hostile))[kind], "md"))
    )
    widths: list[int] = []
    for token in tokens:
        if token.type == "tr_open":
            widths.append(0)
        elif token.type in ("td_open", "th_open"):
            widths[-1] += 1
        elif token.type == "table_close":
            assert len(set(widths)) == 1, widths
            widths = []


@pytest.mark.parametrize("kind", KINDS)
def test_text_obeys_no_control_character(kind: str) -> None:
    """Plain text for a terminal shows control and bidirectional characters as escapes."""
    page = render(renderables(framework(hostile))[kind], "text")
    assert "\x1b" not in page
    assert "\u202e" not in page
    assert "\r" not in page


def test_chart_text_stays_text() -> None:
    """Framework text in the SVG chart is character data, never markup or mathtext."""
    name = "<script>$\\frac{$\x1b\u202e"
    taxonomy = framework(lambda label: f"{label} {name}")
    with attrs.validators.disabled():
        ada = Assessment(person=name, ratings=[Rating(taxonomy.skills[0], taxonomy.levels[0])])
    svg = gap_chart(gap(taxonomy, ada, "r1", 2))
    tree = ET.fromstring(svg)
    tags = {element.tag.rsplit("}", 1)[-1] for element in tree.iter()}
    assert "script" not in tags
    text = "".join(tree.itertext())
    assert "Skill 1 <script>$\\frac{$\\x1b\\u202e" in text


def test_chart_labels_are_cut() -> None:
    """A long skill name is cut to one line of 40 characters, so that the bars keep room."""
    taxonomy = framework(lambda label: f"{label} " + "word " * 40)
    ada = Assessment(person="Ana", ratings=[Rating(taxonomy.skills[0], taxonomy.levels[0])])
    text = "".join(ET.fromstring(gap_chart(gap(taxonomy, ada, "r1", 2))).itertext())
    assert "Skill 1 " + "word " * 6 + "w…" in text


#: A person's name as hostile as a ratings table lets it be (no control characters).
HOSTILE_PERSON = (
    "Ana <script>alert('x')</script> <img src=x onerror=alert(1)> | pipe | *em* $\\frac{$"
)


def _team_report_page(text: Callable[[str], str], person: str) -> str:
    """The team report of two people, one named `person`, in the framework of `text`."""
    pa = pytest.importorskip("pyarrow")
    pytest.importorskip("ibis")
    pytest.importorskip("matplotlib")
    from skilltaxonomy import RatingsTable, team_report

    taxonomy = framework(text)
    table = pa.table({"person": [person, "Bo"], "skill": ["s1", "s2"], "level": ["l1", "l2"]})
    report = team_report(taxonomy, RatingsTable.build(taxonomy, table), "r1", "l3")
    return render(report, "html", standalone=True)


def _without_sources(found: _Elements) -> list[tuple[str, tuple[tuple[str, str | None], ...]]]:
    """The elements, each image's address left out (its chart's bytes differ with the text)."""
    return [
        (tag, tuple((name, None if name == "src" else value) for name, value in attributes))
        for tag, attributes in found.elements
    ]


def test_team_report_keeps_its_structure() -> None:
    """Hostile names add nothing to the team report's page or its charts: they stay text."""
    import base64

    page = _team_report_page(hostile, HOSTILE_PERSON)
    found = elements(page)
    assert _without_sources(found) == _without_sources(elements(_team_report_page(plain, "Ana")))
    assert found.comments == []
    assert HOSTILE_PERSON in "".join(found.text)
    sources = [
        value for _, attributes in found.elements for name, value in attributes if name == "src"
    ]
    assert len(sources) == 2
    for source in sources:
        assert source is not None
        assert source.startswith("data:image/svg+xml;base64,")
        tree = ET.fromstring(base64.b64decode(source.split(",", 1)[1]))
        tags = {element.tag.rsplit("}", 1)[-1] for element in tree.iter()}
        assert not tags & {"script", "foreignObject", "a", "iframe"}
        for element in tree.iter():
            for name, value in element.attrib.items():
                assert not name.startswith("on"), name
                if name.endswith("href"):  # a mark of the chart itself, or the heatmap's raster
                    assert value.startswith(("#", "data:image/png;base64,")), value[:40]
