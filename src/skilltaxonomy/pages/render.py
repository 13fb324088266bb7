"""`render`: a result as a page for people, in text, Markdown or HTML."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, TypeAlias

from skilltaxonomy._i18n import messages
from skilltaxonomy.pages.blocks import Block, Lines, Table, Title, title_of
from skilltaxonomy.pages.build import Renderable, build
from skilltaxonomy.pages.write import write_html, write_html_pages, write_markdown, write_text

#: The output formats of `render`.
Format: TypeAlias = Literal["text", "md", "html"]
RENDER_FORMATS: tuple[Format, ...] = ("text", "md", "html")


def render(
    item: Renderable,
    format: Format = "text",
    *,
    locale: str = "en",
    width: int = 100,
    standalone: bool = False,
) -> str:
    """Write a profile, role matrix, comparison or framework overview for people.

    Args:
        item: What `Taxonomy.profile`, `Taxonomy.matrix`, `Taxonomy.compare`, `gap`,
            `path`, `transition`, `team` or `diff` returned, or a `Taxonomy` for an
            overview.
        format: ``"text"`` for a terminal, ``"md"`` for Markdown, ``"html"`` for an
            HTML fragment with a small inline stylesheet.
        locale: The language of the labels and dates (see `available_locales`); the
            framework's own text is shown as it is.
        width: The width plain text wraps to (``"text"`` only).
        standalone: For ``"html"``, a whole document instead of a fragment.

    Raises:
        UnsupportedLocaleError: No catalog for `locale`.
        ValueError: `format` is not one of `RENDER_FORMATS`.

    >>> from skilltaxonomy import load, render
    >>> page = render(load().profile("neural-network-architectures"), "md", locale="es")
    >>> print(page.splitlines()[0])
    # Neural Network Architectures
    >>> "| Rol | Obligatorio | Descripción |" in page
    True
    """
    _check_format(format)
    words = messages(locale)
    return _written(
        build(item, words, wide=format != "text"), format, words.locale, width, standalone
    )


def render_gap_reports(
    reports: Sequence[Renderable],
    format: Format = "text",
    *,
    locale: str = "en",
    width: int = 100,
    standalone: bool = False,
) -> str:
    """Several people's gap reports as one page: each report in turn, under its own title.

    As a whole HTML document (``standalone``), one document titled with their number,
    each report a section of it; else the reports one after the other.
    """
    _check_format(format)
    words = messages(locale)
    pages = [build(report, words, wide=format != "text") for report in reports]
    if format == "html" and standalone:
        title = words.ngettext("%(count)d gap report", "%(count)d gap reports", len(reports))
        return write_html_pages(pages, words.locale, title)
    return "\n".join(_written(blocks, format, words.locale, width, False) for blocks in pages)


def _check_format(format: str) -> None:
    if format not in RENDER_FORMATS:
        message = f"unknown format {format!r}: expected one of {', '.join(RENDER_FORMATS)}"
        raise ValueError(message)


def _written(
    blocks: Sequence[Block], format: Format, locale: str, width: int, standalone: bool
) -> str:
    if format == "text":
        return write_text(blocks, width)
    if format == "md":
        return write_markdown(blocks)
    return write_html(blocks, locale, standalone, title_of(blocks))


def render_table(
    title: str,
    summary: Sequence[str],
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    format: Format = "text",
    *,
    locale: str = "en",
    width: int = 100,
    standalone: bool = False,
) -> str:
    """A table of answers (a team's readiness, a coverage list…) as a page, like `render`.

    Cells are shown as text: ``None`` as empty, lists joined by commas.

    >>> print(render_table("Team", ["2 people"], ["person", "ready"], [["Ana", True]], "md"))
    # Team
    <BLANKLINE>
    2 people
    <BLANKLINE>
    | person | ready |
    |---|---|
    | Ana | True |
    <BLANKLINE>
    """
    if format not in RENDER_FORMATS:
        message = f"unknown format {format!r}: expected one of {', '.join(RENDER_FORMATS)}"
        raise ValueError(message)
    shown = tuple(tuple(_cell(value) for value in row) for row in rows)
    blocks: list[Block] = [Title(title)]
    if summary:
        blocks.append(Lines(tuple(summary)))
    blocks.append(Table(tuple(header), shown))
    if format == "text":
        return write_text(blocks, width)
    if format == "md":
        return write_markdown(blocks)
    return write_html(blocks, messages(locale).locale, standalone, title)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(map(_cell, value))
    return str(value)
