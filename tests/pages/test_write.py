"""Tests for the one HTML writer: its element builder, cells, and that markup is made nowhere else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skilltaxonomy import Step, load, render
from skilltaxonomy._i18n import messages
from skilltaxonomy.pages.blocks import Badge, Cell, Chart, Criteria, Description, Mark, Text
from skilltaxonomy.pages.build import expectation_cell, step_badge
from skilltaxonomy.pages.write import (
    Html,
    element,
    escape,
    html_cell,
    html_chart,
    plain,
    text_table,
)
from tests.test_output_safety import elements

SOURCE = Path(__file__).resolve().parents[2] / "src" / "skilltaxonomy"
#: The start of an element a page shows, or markup built in an f-string. (``<br`` is
#: left out: the page reader matches it in what it reads.)
MARKUP = re.compile(
    r"<(?:td|tr|th|table|span|p|ul|li|div|section|abbr|strong|h[1-6])\b|<a |f\"<|f'<"
)


def test_no_markup_outside_the_writer() -> None:
    """Only pages/write.py writes markup in Python; the site's templates hold its chrome."""
    found = [
        f"{path.relative_to(SOURCE)}:{number}"
        for path in sorted(SOURCE.rglob("*.py"))
        if path.relative_to(SOURCE).as_posix() != "pages/write.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if MARKUP.search(line)
    ]
    assert found == []


def test_element_escapes_text_and_attributes() -> None:
    """Text and attribute values are escaped; markup the writer made is kept as it is."""
    made = element("td", {"class": '"><script>', "hidden": None}, "<b>&", element("br"))
    assert made == '<td class="&quot;&gt;&lt;script&gt;" hidden>&lt;b&gt;&amp;<br></td>'
    assert isinstance(made, Html)
    assert element("abbr", {"title": "a\nb"}) == '<abbr title="a\nb"></abbr>'
    assert made.__html__() == made


@pytest.mark.parametrize(("tag", "attribute"), [("td onclick", "class"), ("td", "on click")])
def test_element_refuses_a_name_that_is_not_one(tag: str, attribute: str) -> None:
    """Element and attribute names come from code: anything else is refused."""
    with pytest.raises(ValueError, match=r"^not an (element|attribute) name: "):
        element(tag, {attribute: "x"})


@given(st.text())
def test_any_text_is_one_text_node(text: str) -> None:
    """Whatever the text, a cell made of it holds no element but line breaks."""
    cell = Cell((Text(text), Description(text, "es"), Criteria((text,)), Mark(text)))
    found = elements(str(html_cell(cell)))
    assert [tag for tag, _ in found.elements] == ["p", "ul", "li", "strong"]
    assert escape(text).count("<") == escape(text).count("<br>")


def test_cell_as_words_and_as_html() -> None:
    """An expectation's cell reads the same in text as it did, and shows its parts in HTML."""
    step = Step("w", "Working", 2, code="W")
    cell = Cell((Mark("Required"), Badge("W", "Working", 1, short=True), Description("Builds")))
    assert plain(cell) == "Required: W: Builds"
    assert plain(Cell((step_badge(step, messages("en")), Description("x"), Criteria(("a",))))) == (
        "W (Working): x\n– a"
    )
    assert html_cell(cell) == (
        '<strong class="st-req">Required</strong>'
        '<abbr class="st-step st-rank-1" title="Working">W</abbr><p class="st-desc">Builds</p>'
    )
    assert html_cell(Cell((Text("Ada", "de", "../ada/"),))) == '<a href="../ada/" lang="de">Ada</a>'


def test_expectation_cell_of_the_bundled_framework() -> None:
    """The bundled framework's expectations, as cells, read as their descriptions."""
    taxonomy = load()
    for e in taxonomy.expectations:
        assert plain(expectation_cell(e, messages("en"))) == e.description


def test_notebook_shows_what_render_writes() -> None:
    """The notebook display is `render`'s HTML: one writer for both."""
    taxonomy = load()
    for item in (taxonomy, taxonomy.profile("neural-network-architectures")):
        assert item._repr_html_() == render(item, "html")


def test_cells_and_lines_stay_apart_as_text() -> None:
    """A page's text without its markup (a search index, a copy) keeps cells and lines apart."""
    tax = load()
    matrix = render(tax.matrix("llm-engineer"), "html")
    comparison = render(
        tax.compare("neural-network-architectures", "llm-engineer", "junior"), "html"
    )
    text = re.sub(r"<[^>]+>", "", matrix + comparison)
    assert "Junior\nMiddle\nSenior" in text
    assert "Level\nRequired\nDescription" in text
    assert "Junior → Middle\n1 level up" in text


def test_long_headers_wrap_to_keep_columns() -> None:
    """A header wider than its cells wraps word by word, so the table keeps its columns."""
    header = ("Name", "Requisitos que bloquean", "Obligatorios cumplidos")
    assert text_table(header, [("Ana", "0", "5/5")], 40).splitlines() == [
        "  Name  Requisitos  Obligatorios",
        "        que         cumplidos",
        "        bloquean",
        "  Ana   0           5/5",
    ]
    assert text_table(header, [("Ana", "0", "5/5")], 80).splitlines() == [
        "  Name  Requisitos que bloquean  Obligatorios cumplidos",
        "  Ana   0                        5/5",
    ]


def test_a_chart_without_caption_has_no_figcaption() -> None:
    """A chart shows its own title: the figure has a caption only when one says more."""
    bare = html_chart(Chart("Ready per skill", "<svg/>", "Bars per skill"))
    assert "<figcaption>" not in bare
    assert 'alt="Bars per skill"' in bare
    read = html_chart(Chart("Ready per skill", "<svg/>", "Bars per skill", "Blue: ready."))
    assert "<figcaption>Blue: ready.</figcaption>" in read
