"""Writers: blocks as plain text, Markdown or HTML. Escaping lives here and only here.

Text from a framework is escaped by the writers only: HTML escapes markup, Markdown
escapes what would be read as markup or table structure, and plain text shows control
characters as escapes.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable, Iterable, Sequence

from skilltaxonomy._text import NOT_IN_TEXT, split_lines
from skilltaxonomy.pages.blocks import Block, Figure, Figures, Heading, Lines, Table, Title


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


def write_text(blocks: Sequence[Block], width: int) -> str:
    """The blocks as plain text for a terminal, wrapped to `width` (at least 40)."""
    width = max(width, 40)
    out: list[str] = []
    for block in blocks:
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


def _text_table(table: Table, width: int) -> list[str]:
    """Columns sized to their content; the last one wraps to what is left of `width`.

    When too little is left, each row is stacked instead: its short cells on one line,
    the last cell wrapped beneath.
    """
    # Every column but the last, which wraps, is one line.
    header = [printable(cell) for cell in table.header]
    rows = [
        [*(" ".join(split_lines(printable(cell))) for cell in row[:-1]), printable(row[-1])]
        for row in table.rows
    ]
    fixed = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    indent = sum(fixed) + 2 * len(fixed) + 2
    longest_last = max(len(line) for row in [header, *rows] for line in split_lines(row[-1]))
    if width - indent < min(_NARROWEST_COLUMN, longest_last):
        return _stacked_table(header, rows, width)
    lines = [
        "  " + "  ".join(c.ljust(w) for c, w in zip(header, [*fixed, 0], strict=True)).rstrip()
    ]
    for row in rows:
        wrapped = _wrap(row[-1], width - indent)
        first = "  ".join(cell.ljust(w) for cell, w in zip(row[:-1], fixed, strict=True))
        lines.append(("  " + first + "  " + wrapped[0]).rstrip())
        lines += [" " * indent + more for more in wrapped[1:]]
    return lines


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
    for block in blocks:
        if out:
            out.append("")
        if isinstance(block, Title):
            out.append(f"# {escape_markdown(block.text)}")
        elif isinstance(block, Heading):
            out.append(f"### {escape_markdown(block.text)}")
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


def _markdown_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(escape_markdown(cell) for cell in cells) + " |"


_STYLE = """\
.skilltaxonomy{color-scheme:light dark;font-family:system-ui,sans-serif;line-height:1.45;\
max-width:72rem}
.skilltaxonomy h2{margin:.2em 0 .4em;font-size:1.5em}
.skilltaxonomy h3{margin:1.2em 0 .4em;font-size:1.1em}
.skilltaxonomy .st-label{font-size:.8em;text-transform:uppercase;letter-spacing:.06em;\
opacity:.7;margin:0}
.skilltaxonomy .st-figures{display:flex;flex-wrap:wrap;gap:.75rem;margin:.8em 0;padding:0}
.skilltaxonomy .st-figures div{border:1px solid rgba(127,127,127,.35);border-radius:.5rem;\
padding:.5rem .9rem;min-width:11rem}
.skilltaxonomy dt{font-size:.8em;opacity:.75}
.skilltaxonomy dd{margin:0}
.skilltaxonomy dd strong{font-size:1.6em;display:block}
.skilltaxonomy table{border-collapse:collapse;width:100%;margin:.3em 0 1em}
.skilltaxonomy th,.skilltaxonomy td{border:1px solid rgba(127,127,127,.35);padding:.35rem .6rem;\
text-align:left;vertical-align:top}
.skilltaxonomy thead th{background:rgba(127,127,127,.12)}
.skilltaxonomy tbody th{font-weight:600;white-space:nowrap}
"""


def write_html(blocks: Sequence[Block], locale: str, standalone: bool, title: str) -> str:
    """The blocks as an HTML fragment with its stylesheet, or a whole document."""

    def e(text: str) -> str:
        return "<br>".join(html.escape(printable(line), quote=True) for line in split_lines(text))

    out = [f'<section class="skilltaxonomy" lang="{e(locale)}">', f"<style>\n{_STYLE}</style>"]
    for block in blocks:
        if isinstance(block, Title):
            out.append(f"<h2>{e(block.text)}</h2>")
        elif isinstance(block, Heading):
            out.append(f"<h3>{e(block.text)}</h3>")
        elif isinstance(block, Lines):
            first, *rest = block.lines
            if block.labelled:
                out.append(f'<p class="st-label">{e(first)}</p>')
                out.append(f"<p>{'<br>'.join(map(e, rest))}</p>")
            else:
                out.append(f"<p>{'<br>'.join(map(e, block.lines))}</p>")
        elif isinstance(block, Figures):
            out.append('<dl class="st-figures">')
            out += [
                f"<div><dt>{e(f.label)}</dt><dd><strong>{e(f.value)}</strong>{e(f.note)}</dd></div>"
                for f in block.figures
            ]
            out.append("</dl>")
        else:
            out += _html_table(block, e)
    out.append("</section>")
    fragment = "\n".join(out) + "\n"
    if not standalone:
        return fragment
    return (
        f'<!DOCTYPE html>\n<html lang="{e(locale)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n</head>\n<body>\n{fragment}</body>\n</html>\n"
    )


def _html_table(table: Table, e: Callable[[str], str]) -> list[str]:
    out = ["<table>", "<thead><tr>"]
    out += [f'<th scope="col">{e(cell)}</th>' for cell in table.header]
    out += ["</tr></thead>", "<tbody>"]
    for first, *rest in table.rows:
        cells = "".join(f"<td>{e(cell)}</td>" for cell in rest)
        out.append(f'<tr><th scope="row">{e(first)}</th>{cells}</tr>')
    out += ["</tbody>", "</table>"]
    return out
