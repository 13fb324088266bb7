"""Writers: blocks as plain text, Markdown or HTML. Escaping lives here and only here.

Text from a framework is escaped by the writers only: HTML escapes markup, Markdown
escapes what would be read as markup or table structure, and plain text shows control
characters as escapes.

This is the one home of HTML: `render`, the notebook display and the site
(`skilltaxonomy.site`, whose templates hold only the page's chrome) all write their
content with `write_html`, `html_blocks` and `html_cell`, and style it with one
stylesheet (`STYLESHEET`, ``page.css``). Markup is made by `element`, which escapes
every text and attribute value it is given.
"""

from __future__ import annotations

import base64
import html
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources

import attrs

from skilltaxonomy._text import NOT_IN_TEXT, split_lines
from skilltaxonomy.pages.blocks import (
    Badge,
    Block,
    Cell,
    Chart,
    Criteria,
    Description,
    Empty,
    Figure,
    Figures,
    Heading,
    Legend,
    Lines,
    Mark,
    Table,
    Text,
    Title,
)


def _escaped(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    r"""Show control characters as ``\x1b`` escapes, in every format.

    A terminal would obey them and HTML forbids them; an override or isolate
    (``\u202e``) would reorder the text after it, on the screen and in a page.
    Such characters come only from code: files may not hold them.
    """
    return NOT_IN_TEXT.sub(_escaped, text)


def _as_lines(legend: Legend) -> Lines:
    """A legend as text and Markdown show it: its title, then ``"W: Working (what it means)"``."""
    return Lines(
        (
            legend.title,
            *(
                f"{badge.code or id_}: {badge.name}" + (f" ({meaning})" if meaning else "")
                for (badge, meaning), id_ in zip(legend.steps, legend.ids, strict=True)
            ),
        ),
        labelled=True,
    )


#: The blocks text and Markdown write: a grid is split by group and a legend is lines.
_TextBlock = Title | Heading | Lines | Figures | Table


def _grouped(blocks: Sequence[Block]) -> list[_TextBlock]:
    """A grid's groups as a heading and a table each, and a legend as lines, for text.

    Charts are left out: the tables beside them say the same in words.
    """
    out: list[_TextBlock] = []
    for block in blocks:
        if isinstance(block, Chart):
            continue
        if isinstance(block, Legend):
            out.append(_as_lines(block))
            continue
        if not isinstance(block, Table) or len(block.groups) < 2:
            out.append(block)
            continue
        start = 0
        for heading, count in block.groups:
            out.append(Heading(heading))
            out.append(Table(block.header, block.rows[start : start + count]))
            start += count
    return out


def write_text(blocks: Sequence[Block], width: int) -> str:
    """The blocks as plain text for a terminal, wrapped to `width` (at least 40)."""
    width = max(width, 40)
    out: list[str] = []
    for block in _grouped(blocks):
        if out and not isinstance(block, Table):
            out.append("")
        if isinstance(block, Title):
            title = _wrap(printable(block.text), width)
            out += [*title, "=" * max(map(len, title))]
        elif isinstance(block, Heading):
            out += _wrap(printable(block.text), width)
        elif isinstance(block, Lines):
            for line in block.lines:
                out += _wrap(printable(line), width)
        elif isinstance(block, Figures):
            out += _text_figures(block.figures, width)
        else:
            out += _text_table(block, width)
    return "\n".join(out) + "\n"


def _text_figures(figures: Sequence[Figure], width: int) -> list[str]:
    columns = [[printable(f.label), printable(f.value), printable(f.note)] for f in figures]
    widths = [max(map(len, column)) for column in columns]
    if sum(widths) + 2 * (len(widths) - 1) > width:
        return [
            line
            for label, value, note in columns
            for line in _wrap(f"{label}: {value} ({note})", width)
        ]
    return [
        "  ".join(column[row].ljust(w) for column, w in zip(columns, widths, strict=True)).rstrip()
        for row in range(3)
    ]


def text_table(header: Sequence[str], rows: Iterable[Sequence[str]], width: int) -> str:
    """A plain-text table fitting `width` columns; the last column wraps."""
    table = Table(tuple(header), tuple(tuple(row) for row in rows))
    return "\n".join(_text_table(table, max(width, 40)))


def plain(cell: str | Cell) -> str:
    r"""A cell as words, for text and Markdown.

    Its parts are joined by ``": "`` and its criteria follow, each on a line of its own:
    ``"W (Working): Builds models\n– Reviewed"``.
    """
    if isinstance(cell, str):
        return cell
    words: list[str] = []
    criteria = ""
    for part in cell.parts:
        if isinstance(part, Criteria):
            criteria += "".join(f"\n– {item}" for item in part.items)
        elif isinstance(part, Badge):
            shown = part.code or part.name
            words.append(f"{part.code} ({part.name})" if part.code and not part.short else shown)
        elif part.text:
            words.append(part.text)
    return ": ".join(words) + criteria


def _text_table(table: Table, width: int) -> list[str]:
    """Columns sized to their content; the last one wraps to what is left of `width`.

    A header wider than its column's cells wraps onto more lines where the table would
    not fit otherwise, word by word (a column is never narrower than its longest
    header word). When too little is left still, each row is stacked instead: its short
    cells on one line, the last cell wrapped beneath.
    """
    # Every column but the last, which wraps, is one line.
    header = [printable(cell) for cell in table.header]
    rows = [
        [
            *(" ".join(split_lines(printable(plain(cell)))) for cell in row[:-1]),
            printable(plain(row[-1])),
        ]
        for row in table.rows
    ]
    fixed = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    # The last column needs room for its cells and its header's longest word (it wraps).
    longest_last = max(
        _longest_word(header[-1]), *(len(line) for row in rows for line in split_lines(row[-1]))
    )
    least = min(_NARROWEST_COLUMN, longest_last)
    # Too wide: the headers wider than their cells wrap, the most room won first.
    narrowest = [
        max(_longest_word(header[i]), *(len(row[i]) for row in rows)) for i in range(len(fixed))
    ]
    for at in sorted(range(len(fixed)), key=lambda i: narrowest[i] - fixed[i]):
        if width - _indent(fixed) >= least:
            break
        fixed[at] = narrowest[at]
    indent = _indent(fixed)
    if width - indent < least:
        return _stacked_table(header, rows, width)
    heads = [_wrap(cell, w) for cell, w in zip(header[:-1], fixed, strict=True)]
    heads.append(_wrap(header[-1], width - indent))
    lines = [
        (
            "  "
            + "  ".join(
                (head[at] if at < len(head) else "").ljust(w)
                for head, w in zip(heads, [*fixed, 0], strict=True)
            )
        ).rstrip()
        for at in range(max(map(len, heads)))
    ]
    for row in rows:
        wrapped = _wrap(row[-1], width - indent)
        first = "  ".join(cell.ljust(w) for cell, w in zip(row[:-1], fixed, strict=True))
        lines.append(("  " + first + "  " + wrapped[0]).rstrip())
        lines += [" " * indent + more for more in wrapped[1:]]
    return lines


def _indent(fixed: Sequence[int]) -> int:
    """Where the last column starts: after each fixed column and its two spaces."""
    return sum(fixed) + 2 * len(fixed) + 2


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


_NARROWEST_COLUMN = 24


def _stacked_table(header: list[str], rows: list[list[str]], width: int) -> list[str]:
    lines = [f"  {line}" for line in _wrap(" · ".join(header), width - 2)]
    for row in rows:
        short = " · ".join(cell for cell in row[:-1] if cell)
        lines += [f"  {line}" for line in _wrap(short, width - 2)]
        lines += [f"    {line}" for line in _wrap(row[-1], width - 4)]
    return lines


def _wrap(text: str, width: int) -> list[str]:
    """Wrap each line of `text` to `width`; an empty text is one empty line."""
    lines: list[str] = []
    for part in split_lines(text):
        lines += textwrap.wrap(part, width, break_on_hyphens=False) or [""]
    return lines


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
# A line starting like this would become a heading, list item, rule or setext underline.
_MD_LINE_START = re.compile(
    r"^(\s*)(?:(\d{1,9})(?=[.)](?:\s|$))|(?=(?:#{1,6}|[+-])(?:\s|$)|[=-]+\s*$))"
)
# A run of # ending a line, after whitespace: the closing sequence of an ATX heading.
_MD_CLOSING_HASHES = re.compile(r"(\s)(#+\s*)$")


def escape_markdown(text: str) -> str:
    r"""Escape text so Markdown shows it as it is, in a paragraph or a table cell.

    Characters Markdown reads as markup or table structure get a backslash, ``&``
    only where it would start an entity, a marker that would start a heading or list
    is escaped, and so is a run of ``#`` closing a heading; leading spaces are dropped
    (four would start a code block; a page is read back without them), line breaks
    become ``<br>`` and control characters ``\x1b`` escapes.

    >>> print(escape_markdown("a|b <script> *x* R&D &amp;"))
    a\|b \<script\> \*x\* R&D \&amp;
    """
    text = printable(text)
    escaped = split_lines(_MD_ENTITY.sub(r"\\&", _MD_SPECIAL.sub(r"\\\1", text)))
    # Leading whitespace would make a code block; a marker at the start a heading, list
    # or rule (its first punctuation is escaped: "\\# h", "\\- a", "1\\. x"); and a run
    # of # at the end of a heading would close it ("C \\#").
    return "<br>".join(
        _MD_CLOSING_HASHES.sub(r"\1\\\2", _MD_LINE_START.sub(r"\1\2\\", line.lstrip(" \t")))
        for line in escaped
    )


def write_markdown(blocks: Sequence[Block]) -> str:
    """The blocks as CommonMark with pipe tables; framework text escaped."""
    out: list[str] = []
    for block in _grouped(blocks):
        if out:
            out.append("")
        if isinstance(block, Title):
            out.append(f"# {escape_markdown(block.text)}")
        elif isinstance(block, Heading):
            out.append(f"## {escape_markdown(block.text)}")
        elif isinstance(block, Lines):
            lines = [escape_markdown(line) for line in block.lines]
            if block.labelled:
                lines[0] = f"**{lines[0]}**"
            out.append("  \n".join(lines))
        elif isinstance(block, Figures):
            out += [
                f"- **{escape_markdown(f.label)}**  \n  {escape_markdown(f.value)}  \n"
                f"  {escape_markdown(f.note)}"
                for f in block.figures
            ]
        else:
            out.append(_markdown_row(block.header))
            out.append("|" + "---|" * len(block.header))
            out += [_markdown_row(row) for row in block.rows]
    return "\n".join(out) + "\n"


def _markdown_row(cells: Iterable[str | Cell]) -> str:
    return "| " + " | ".join(escape_markdown(plain(cell)) for cell in cells) + " |"


#: The stylesheet of every page: `render`'s HTML, the notebook display and the site.
#: Each rule is scoped to ``.skilltaxonomy`` (a page's section, the site's body), so
#: that a notebook's own styles and the page's do not meet.
STYLESHEET: str = resources.files(__package__).joinpath("page.css").read_text(encoding="utf-8")


class Html(str):
    """Markup made by this module: text already escaped, safe to put in a page as it is.

    Jinja2 (the site's templates) takes it as it is too: it has ``__html__``.
    """

    __slots__ = ()

    def __html__(self) -> str:
        """The markup, for template engines that escape what is not markup."""
        return str(self)


_NAME = re.compile(r"[a-z][a-z0-9-]*")
_VOID = frozenset({"br", "img", "link", "meta"})


def escape(text: str) -> Html:
    r"""Framework text as HTML: markup escaped, control characters shown, lines by ``<br>``.

    >>> print(escape("<b>R&D</b>\nnext"))
    &lt;b&gt;R&amp;D&lt;/b&gt;<br>next
    """
    return Html("<br>".join(html.escape(printable(line), quote=True) for line in split_lines(text)))


def element(tag: str, attributes: Mapping[str, str | None] | None = None, *content: str) -> Html:
    """An element: `content` that is not `Html` is escaped, and so is every attribute value.

    An attribute whose value is None is written bare (``hidden``).

    >>> print(element("td", {"class": 'a"b'}, "<x>", element("br")))
    <td class="a&quot;b">&lt;x&gt;<br></td>
    """
    if not _NAME.fullmatch(tag):
        raise ValueError(f"not an element name: {tag!r}")
    written = []
    for name, value in (attributes or {}).items():
        if not _NAME.fullmatch(name):
            raise ValueError(f"not an attribute name: {name!r}")
        if value is None:
            written.append(f" {name}")
        else:  # line breaks stay characters in an attribute
            written.append(f' {name}="{html.escape(printable(value), quote=True)}"')
    start = f"<{tag}{''.join(written)}>"
    if tag in _VOID:
        return Html(start)
    inner = "".join(part if isinstance(part, Html) else escape(part) for part in content)
    return Html(f"{start}{inner}</{tag}>")


_EMPTY = Html("")


def _lines(parts: Iterable[Html]) -> Html:
    return Html("\n".join(parts))


def _lang(lang: str) -> dict[str, str | None]:
    return {"lang": lang} if lang else {}


def html_part(part: Text | Badge | Mark | Description | Criteria | Empty) -> Html:
    """A part of a cell as HTML: a link, a step's badge, a mark, a paragraph, a list."""
    if isinstance(part, Text):
        if part.href:
            return element("a", {"href": part.href, **_lang(part.lang)}, part.text)
        return element("span", _lang(part.lang), part.text) if part.lang else escape(part.text)
    if isinstance(part, Badge):
        badge = element(
            "abbr",
            {"class": f"st-step st-rank-{min(max(part.rank, 0), 5)}", "title": part.name},
            part.code or part.name,
        )
        if part.code and not part.short:
            return Html(f"{badge} {element('span', {'class': 'st-step-name'}, part.name)}")
        return badge
    if isinstance(part, Mark):
        return element("strong", {"class": "st-req"}, part.text)
    if isinstance(part, Description):
        return element("p", {"class": "st-desc", **_lang(part.lang)}, part.text)
    if isinstance(part, Empty):
        return element("span", {"class": "st-none"}, part.text)
    return element(
        "ul", {"class": "st-criteria"}, *(element("li", {}, item) for item in part.items)
    )


def html_cell(cell: str | Cell) -> Html:
    """A cell's content as HTML (text escaped, a `Cell`'s parts one after the other)."""
    if isinstance(cell, str):
        return escape(cell)
    return Html("".join(html_part(part) for part in cell.parts))


def _table_class(table: Table) -> str:
    # A name, a mark and a text read well as a card on a narrow screen (see page.css);
    # wider tables need their column headers, and scroll.
    return "st-table st-stack" if len(table.header) <= 3 else "st-table"


def _row(attributes: Mapping[str, str | None], cells: Iterable[Html]) -> Html:
    """A table row, a cell a line."""
    # Text taken from the page (a search index, a copy and paste) keeps its cells apart:
    # "Skill Required", not "SkillRequired".
    return element("tr", attributes, _lines(cells))


def _html_table(table: Table) -> Html:
    head = element(
        "thead", {}, _row({}, (element("th", {"scope": "col"}, cell) for cell in table.header))
    )
    rows = [
        _row(
            {},
            [
                element("th", {"scope": "row"}, html_cell(first)),
                *(element("td", {}, html_cell(cell)) for cell in rest),
            ],
        )
        for first, *rest in table.rows
    ]
    body = element("tbody", {}, _lines([_EMPTY, *rows, _EMPTY]))
    # A table wider than the screen scrolls in its own box, which the keyboard reaches. It
    # is named by the heading before it (no label here: a label would carry framework text
    # into an attribute, and ids to point at the heading could clash in a notebook).
    return element(
        "div",
        {"class": "st-scroll", "tabindex": "0"},
        element("table", {"class": _table_class(table)}, _lines([_EMPTY, head, body, _EMPTY])),
    )


def _html_grid(table: Table) -> Html:
    """A grid: one table, a row heading each group, each column's cells marked with its place.

    ``data-level`` (the column's place) and ``data-mandatory`` let the site's level
    picker find a column's cells and what is mandatory in them.
    """
    columns = len(table.header) - 1
    first, *levels = table.header
    head = element(
        "thead",
        {},
        _row(
            {},
            [
                element("th", {"scope": "col", "class": "st-skillcol"}, first),
                *(
                    element("th", {"scope": "col", "data-level": str(at)}, name)
                    for at, name in enumerate(levels)
                ),
            ],
        ),
    )
    bodies = []
    start = 0
    for heading, count in table.groups:
        rows = []
        if len(table.groups) > 1:
            cell = element("th", {"scope": "colgroup", "colspan": str(columns + 1)}, heading)
            rows.append(element("tr", {"class": "st-group"}, cell))
        for name, *cells in table.rows[start : start + count]:
            rows.append(
                _row(
                    {},
                    [
                        element("th", {"scope": "row", "class": "st-skillcol"}, html_cell(name)),
                        *(_grid_cell(at, cell) for at, cell in enumerate(cells)),
                    ],
                )
            )
        start += count
        bodies.append(element("tbody", {}, _lines([_EMPTY, *rows, _EMPTY])))
    grid = element(
        "table",
        {
            "class": "st-table st-matrix st-compact" if table.compact else "st-table st-matrix",
            "style": f"--cols:{columns}",
        },
        _lines([_EMPTY, head, *bodies, _EMPTY]),
    )
    return element("div", {"class": "st-scroll", "tabindex": "0"}, grid)


def _grid_cell(at: int, cell: str | Cell) -> Html:
    mandatory = isinstance(cell, Cell) and any(isinstance(part, Mark) for part in cell.parts)
    marks: dict[str, str | None] = {"data-level": str(at)}
    if mandatory:
        marks["data-mandatory"] = ""
    return element("td", marks, html_cell(cell))


def html_blocks(blocks: Sequence[Block], *, title_level: int = 2) -> Html:
    """The blocks as HTML elements, one a line: what a page's section holds.

    The title is a heading of `title_level`, other headings one level below it.
    """
    out: list[Html] = []
    for block in blocks:
        if isinstance(block, Title):
            out.append(element(f"h{title_level}", {}, block.text))
        elif isinstance(block, Heading):
            out.append(element(f"h{title_level + 1}", {}, block.text))
        elif isinstance(block, Lines):
            first, *rest = block.lines
            if block.labelled:
                out.append(element("p", {"class": "st-label"}, first))
                lines = rest
            else:
                lines = list(block.lines)
            out.append(element("p", {}, Html(f"{element('br')}\n".join(map(escape, lines)))))
        elif isinstance(block, Figures):
            out.append(element("dl", {"class": "st-figures"}, *map(_html_figure, block.figures)))
        elif isinstance(block, Legend):
            out.append(html_legend(block))
        elif isinstance(block, Chart):
            out.append(html_chart(block))
        elif block.groups:
            out.append(_html_grid(block))
        else:
            out.append(_html_table(block))
    return _lines(out)


def html_legend(legend: Legend) -> Html:
    """A scale's steps as their badges, each with its name and what it means."""
    items = []
    for badge, meaning in legend.steps:
        shown = attrs.evolve(badge, short=True)
        name = f" {badge.name}" if badge.code else ""
        items.append(
            element("li", {}, html_part(shown), name + (f": {meaning}" if meaning else ""))
        )
    return _lines(
        [
            element("p", {"class": "st-label"}, legend.title),
            element("ul", {"class": "st-badges"}, *items),
        ]
    )


def html_chart(chart: Chart) -> Html:
    """A chart as a figure: the SVG as an image of the page itself, and its caption.

    The SVG is written as a ``data:`` address, so that the page stays one file read
    offline; in an image, a browser runs no script and fetches nothing, and the chart's
    ids and styles cannot meet the page's (or a second chart's).
    """
    encoded = base64.b64encode(chart.svg.encode("utf-8")).decode("ascii")
    source = f"data:image/svg+xml;base64,{encoded}"
    image = element("img", {"src": source, "alt": chart.description})
    # No caption repeats the title the chart shows itself.
    caption = [element("figcaption", {}, chart.caption)] if chart.caption else []
    return element("figure", {"class": "st-chart"}, _lines([_EMPTY, image, *caption, _EMPTY]))


def _html_figure(figure: Figure) -> Html:
    value = element("dd", {}, element("strong", {}, figure.value), " ", figure.note)
    return element("div", {}, element("dt", {}, figure.label), value)


def write_html(blocks: Sequence[Block], locale: str, standalone: bool, title: str) -> str:
    """The blocks as an HTML fragment with its stylesheet, or a whole document.

    A document's title is its one ``h1``, in its ``main`` landmark; a fragment's is an
    ``h2``, under the headings of the page (or notebook) it is put in.
    """
    if not standalone:
        style = element("style", {}, Html(STYLESHEET))
        content = html_blocks(blocks, title_level=2)
        section = element(
            "section",
            {"class": "skilltaxonomy", "lang": locale},
            _lines([_EMPTY, style, content, _EMPTY]),
        )
        return f"{section}\n"
    return _document(html_blocks(blocks, title_level=1), locale, title)


def write_html_pages(pages: Sequence[Sequence[Block]], locale: str, title: str) -> str:
    """Several pages as one HTML document: `title` its ``h1``, each page a section under it.

    Each page's own title is an ``h2`` and its headings ``h3``, as in a fragment.
    """
    heading = element("h1", {}, title)
    sections = [
        element("section", {}, _lines([_EMPTY, html_blocks(blocks, title_level=2), _EMPTY]))
        for blocks in pages
    ]
    return _document(_lines([heading, *sections]), locale, title)


def _document(content: Html, locale: str, title: str) -> str:
    """A whole HTML document holding `content`, with the stylesheet inside."""
    style = element("style", {}, Html(STYLESHEET))
    head = element(
        "head",
        {},
        _lines(
            [
                _EMPTY,
                element("meta", {"charset": "utf-8"}),
                element(
                    "meta",
                    {"name": "viewport", "content": "width=device-width, initial-scale=1"},
                ),
                element("title", {}, title),
                # No icon: a browser would ask the server for /favicon.ico.
                element("link", {"rel": "icon", "href": "data:,"}),
                style,
                _EMPTY,
            ]
        ),
    )
    section = element("section", {"class": "skilltaxonomy"}, _lines([_EMPTY, content, _EMPTY]))
    main = element("main", {}, _lines([_EMPTY, section, _EMPTY]))
    # The body takes the page's colours too, so that its margin is dark in dark mode.
    body = element("body", {"class": "skilltaxonomy"}, _lines([_EMPTY, main, _EMPTY]))
    page = element("html", {"lang": locale}, _lines([_EMPTY, head, body, _EMPTY]))
    return f"<!DOCTYPE html>\n{page}\n"
