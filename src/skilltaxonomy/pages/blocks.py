"""Blocks: what a page says, before it is written in a format.

A builder (`skilltaxonomy.pages.build`) lays a result out as these blocks; a writer
(`skilltaxonomy.pages.write`) turns them into text, Markdown or HTML.
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
class Table:
    """A table: a header row, then rows; the first cell of each row heads it."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block: TypeAlias = Title | Heading | Lines | Figures | Table


def title_of(blocks: Sequence[Block]) -> str:
    """The text of the page's title, or "" when it has none."""
    return next((block.text for block in blocks if isinstance(block, Title)), "")
