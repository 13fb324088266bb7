"""Blocks: what a page says, before it is written in a format.

A builder (`skilltaxonomy.pages.build`) lays a result out as these blocks; a writer
(`skilltaxonomy.pages.write`) turns them into text, Markdown or HTML. A table's cell is
text, or a `Cell` of parts (a step's badge, a mandatory mark, a description, criteria,
a link) that HTML shows as such and text and Markdown as words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

import attrs


@attrs.frozen
class Title:
    """The page's title."""

    text: str


@attrs.frozen
class Heading:
    """A section's heading."""

    text: str


@attrs.frozen
class Lines:
    """Lines shown one under the other; the first is a label when `labelled`."""

    lines: tuple[str, ...]
    labelled: bool = False


@attrs.frozen
class Figure:
    """A number with its label and a note."""

    label: str
    value: str
    note: str


@attrs.frozen
class Figures:
    """Figures shown side by side."""

    figures: tuple[Figure, ...]


@attrs.frozen
class Text:
    """Text in a cell: in language `lang` where that is not the page's, a link to `href`."""

    text: str
    lang: str = ""
    href: str = ""


@attrs.frozen
class Badge:
    """A step of a scale as a badge: its code (or name when it has none) and its name.

    `rank` is its place on the scale from 0 (at most 5), for the badge's colour. In text
    it reads ``"W (Working)"``, or ``"W"`` when `short`.
    """

    code: str
    name: str
    rank: int
    short: bool = False


@attrs.frozen
class Mark:
    """A mark that an item is mandatory, such as "Required"."""

    text: str


@attrs.frozen
class Description:
    """A paragraph of description, in language `lang` where that is not the page's."""

    text: str
    lang: str = ""


@attrs.frozen
class Criteria:
    """A list of criteria under a description."""

    items: tuple[str, ...]


@attrs.frozen
class Empty:
    """A cell with nothing in it, shown as `text` (a dash)."""

    text: str = "—"


Part: TypeAlias = Text | Badge | Mark | Description | Criteria | Empty


@attrs.frozen
class Cell:
    """A cell made of parts: ``(Badge, Mark, Description, Criteria)`` for an expectation."""

    parts: tuple[Part, ...]


@attrs.frozen
class Table:
    """A table: a header row, then rows; the first cell of each row heads it.

    A grid (a role's skills by level) has `groups`: each a heading and how many of the
    rows, in order, it heads. HTML shows one grid with a row per heading (so the
    columns line up) and marks each column's cells with its place; text and Markdown
    show a table per group under its heading (none when there is one group). A `compact`
    grid (a team's coverage: a badge per cell) has narrow columns, and its header row and
    first column stay in view as it scrolls.
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str | Cell, ...], ...]
    groups: tuple[tuple[str, int], ...] = ()
    compact: bool = False


@attrs.frozen
class Legend:
    """A scale's steps, lowest first: what the badges of a grid mean.

    Each step is its badge and its description; `ids` are the steps' ids, which text
    and Markdown show for a step without a code.
    """

    title: str
    steps: tuple[tuple[Badge, str], ...]
    ids: tuple[str, ...]


@attrs.frozen
class Chart:
    """A chart as SVG text (`skilltaxonomy.pages.chart`), its title and what it shows.

    HTML shows it as a figure, the SVG kept in the page as an image (``data:`` address:
    nothing in it runs, nothing is fetched, its ids and styles stay its own), with
    `caption` beneath (how to read it: the chart shows its own title); `description` is
    the image's text for those who cannot see it. Text and Markdown leave charts out:
    the tables beside them hold the same figures.
    """

    title: str
    svg: str
    description: str
    caption: str = ""


Block: TypeAlias = Title | Heading | Lines | Figures | Table | Legend | Chart


def title_of(blocks: Sequence[Block]) -> str:
    """The text of the page's title, or "" when it has none."""
    return next((block.text for block in blocks if isinstance(block, Title)), "")
