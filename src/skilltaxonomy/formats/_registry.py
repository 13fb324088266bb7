"""The table of formats: every way a framework is read or written, in one place.

`load`, `loads`, `dump` and `dumps`, the command line's ``--from`` and ``--format``
choices, the file suffixes they recognise and the docs' list of formats all read
`FORMATS`. A format is a module with the same verbs:

- ``read(data, *, source, max_bytes, **options) -> Reading``, taking the text or bytes;
- ``write(taxonomy, **options) -> str | bytes``.

Adding a format is one such module and one entry here. Modules are imported when
their format is first used, so that a plain ``import skilltaxonomy`` stays quick.
"""

from __future__ import annotations

import functools
import inspect
import os
import re
from collections.abc import Callable, Iterable
from importlib import import_module
from typing import Any, NamedTuple

from skilltaxonomy._text import close_matches
from skilltaxonomy.exceptions import (
    InvalidCaseError,
    InvalidPageError,
    InvalidQueryError,
    InvalidTableError,
    InvalidTaxonomyError,
)


class Format(NamedTuple):
    """One entry of the table of formats.

    Attributes:
        name: What ``format=`` and the command line call it, such as ``"csv"``.
        summary: One line for the docs and ``--help``.
        module: The module that reads and writes it.
        suffixes: The file suffixes that mean this format when none is named (longest
            match wins: ``.case.json`` before ``.json``).
        error: The exception its reader raises (a subclass of `InvalidTaxonomyError`).
        binary: Whether it is written as bytes rather than text.
        reader: The module's function that reads, or ``None`` for a write-only format.
        writer: The module's function that writes, or ``None`` for a read-only format.
        extra: The optional dependency it needs, if any.
        archive: Whether it is a download of several files: a zip archive, or the folder
            it unpacks to (`load` reads a folder as the archive of its files).
        text: Whether it is text of any encoding, decoded before its reader sees it
            (``encoding=``, told from the bytes by default); a zip archive given to such
            a format (a workbook) is passed on as bytes. A reader that takes
            ``encoding=`` itself (the CSV readers) is given the bytes, to place a byte
            that is not text at its row and cell.
    """

    name: str
    summary: str
    module: str
    suffixes: tuple[str, ...] = ()
    error: type[InvalidTaxonomyError] = InvalidTaxonomyError
    binary: bool = False
    reader: str | None = "read"
    writer: str | None = "write"
    extra: str | None = None
    archive: bool = False

    def function(self, role: str) -> Callable[..., Any]:
        """The module's reader (`role` ``"reader"``) or writer, importing it on first use."""
        name = self.reader if role == "reader" else self.writer
        if name is None:
            verb = "read" if role == "reader" else "written"
            raise InvalidQueryError(f"format {self.name!r} cannot be {verb} by this library")
        found: Callable[..., Any] = getattr(import_module(self.module), name)
        return found

    def options(self, role: str) -> tuple[str, ...]:
        """The options the reader (`role` ``"reader"``) or writer takes (`options_of`)."""
        return options_of(self.function(role))


# Every reader takes these; they are `load`'s and `loads`'s own arguments, not options.
_SHARED = ("source", "max_bytes")


@functools.cache
def options_of(function: Callable[..., Any]) -> tuple[str, ...]:
    """The options a reader or writer takes: its keyword-only parameters but the shared."""
    return tuple(
        name
        for name, parameter in inspect.signature(function).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY and name not in _SHARED
    )


#: Every format, in the order the docs list them.
FORMATS: tuple[Format, ...] = (
    Format(
        "json",
        "format v2 (v1 is read too), the library's own JSON (docs/format.md)",
        "skilltaxonomy.formats.json",
        (".json",),
    ),
    Format(
        "csv",
        "the long table, one row per expectation, as CSV",
        "skilltaxonomy.formats.csv",
        (".csv",),
        InvalidTableError,
    ),
    Format(
        "xlsx",
        "the long table in an Excel workbook, with a matrix sheet per role",
        "skilltaxonomy.formats.xlsx",
        (".xlsx",),
        InvalidTableError,
        binary=True,
        extra="xlsx",
    ),
    Format(
        "case",
        "a 1EdTech CASE 1.1 CFPackage (JSON)",
        "skilltaxonomy.formats.case",
        (".case.json",),
        InvalidCaseError,
    ),
    Format(
        "page",
        "a skill profile page, copied from the site or written by render (read only)",
        "skilltaxonomy.formats.page",
        (".md", ".txt"),
        InvalidPageError,
        writer=None,
    ),
    Format(
        "role-page",
        "a role's skills × levels page, as the site shows it or render writes it (read only)",
        "skilltaxonomy.formats.page",
        error=InvalidPageError,
        reader="read_role_page",
        writer=None,
    ),
    Format(
        "sfia",
        "the SFIA Foundation's skills spreadsheet (CSV or XLSX): a catalogue on seven levels",
        "skilltaxonomy.formats.sfia",
        error=InvalidTableError,
        writer=None,
    ),
    Format(
        "onet",
        "O*NET's database as text files: the db_*_text.zip download, or its folder",
        "skilltaxonomy.formats.onet",
        error=InvalidTableError,
        writer=None,
        archive=True,
    ),
    Format(
        "esco",
        "ESCO's CSV download: the zip archive of one or more languages, or its folder",
        "skilltaxonomy.formats.esco",
        error=InvalidTableError,
        writer=None,
        archive=True,
    ),
    Format(
        "matrix-csv",
        "one role's skills × levels matrix as CSV, the layout people print, or any wide sheet",
        "skilltaxonomy.formats.csv",
        error=InvalidTableError,
        reader="read_matrix",
        writer="write_matrix",
    ),
    Format(
        "progression",
        "a progression framework in Monzo's layout: Markdown tracks with YAML front matter",
        "skilltaxonomy.formats.progression",
        writer=None,
        extra="progression",
        archive=True,
    ),
    Format(
        "progression-json",
        "a progression framework as JSON: topics with criteria per level, roles' topic levels",
        "skilltaxonomy.formats.progression_json",
        writer=None,
    ),
)

_BY_NAME = {entry.name: entry for entry in FORMATS}


def find(name: str) -> Format:
    """The format called `name`.

    Raises:
        InvalidQueryError: No format has that name (the message lists them).
    """
    found = _BY_NAME.get(name)
    if found is None:
        hint = close_matches(name, _BY_NAME, limit=1) if isinstance(name, str) else ()  # type: ignore[redundant-expr]
        expected = f"did you mean {hint[0]!r}?" if hint else f"expected one of: {names()}"
        raise InvalidQueryError(f"unknown format {name!r} ({expected})")
    return found


def names(role: str | None = None) -> str:
    """The formats' names, comma-separated: all, or those with a reader (writer)."""
    return ", ".join(
        entry.name for entry in FORMATS if role is None or getattr(entry, role) is not None
    )


def for_path(path: str | os.PathLike[str]) -> Format | None:
    """The format a file's suffix names (the longest suffix that matches), or None."""
    name = os.fsdecode(path).casefold()
    matching = [
        (len(suffix), entry)
        for entry in FORMATS
        for suffix in entry.suffixes
        if name.endswith(suffix)
    ]
    return max(matching, key=lambda found: found[0])[1] if matching else None


# What a download's files are called: O*NET's text files, ESCO's CSV files of a language.
_ONET_FILES = frozenset({"skills.txt", "content model reference.txt", "occupation data.txt"})
_ESCO_FILE = re.compile(r"(?:skills|occupations|skillgroups|iscogroups)_[a-z]{2,3}\.csv")
_TRACK_SUFFIXES = (".md", ".markdown", ".yml", ".yaml")


def sniff_names(names: Iterable[str]) -> Format | None:
    """The archive format whose files these are (O*NET, ESCO, progression), or None."""
    bases = {name.replace("\\", "/").rsplit("/", 1)[-1].casefold() for name in names}
    if bases & _ONET_FILES:
        return find("onet")
    if any(_ESCO_FILE.fullmatch(base) for base in bases):
        return find("esco")
    if any(base.endswith(_TRACK_SUFFIXES) for base in bases):
        return find("progression")
    return None


_OWN = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"format"\s*:')


def sniff_json(head: bytes) -> Format | None:
    """The JSON format the first bytes of a file look like (CASE, progression), or None.

    A file this library wrote starts with its ``"format"``; a CASE package names its
    ``CFDocument`` (or is wrapped in ``CFPackage``); a progression framework as JSON has
    ``topics``. None where the head tells nothing (it is then read as format v2).
    """
    if _OWN.match(head) or not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return None
    if b'"CFDocument"' in head or b'"CFPackage"' in head:
        return find("case")
    if b'"topics"' in head:
        return find("progression-json")
    return None
