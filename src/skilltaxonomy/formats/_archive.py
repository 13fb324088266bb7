"""Downloads of several files: a zip archive's text tables, read row by row.

The readers of sources that come as several files (O*NET's text files, ESCO's CSV
files) find each file by its name in any folder of the archive and in any case, read
it line by line (never whole), and place every problem at the file and line.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator

from skilltaxonomy._text import character_problem
from skilltaxonomy.exceptions import InvalidTableError, Problem
from skilltaxonomy.formats._guard import Data, Reading, open_archive
from skilltaxonomy.model import Taxonomy


class Archive:
    """A download's files by name, read row by row, within `max_rows` lines each.

    Args:
        archive: The open zip archive.
        source: Its name, for errors.
        max_rows: The most lines a file may have.
        what: What the reader reads, for the message of a file it does not read.
        expected: What the download should be, for the message of a missing file.
        delimiter: The separator of fields (a tab for O*NET, a comma for ESCO).
        quoted: Whether fields may be quoted (CSV), else read as they are.
    """

    def __init__(
        self,
        archive: zipfile.ZipFile,
        source: str | None,
        max_rows: int,
        *,
        what: str,
        expected: str,
        delimiter: str,
        quoted: bool,
    ) -> None:
        self.archive = archive
        self.source = source
        self.max_rows = max_rows
        self.what = what
        self.expected = expected
        self.delimiter = delimiter
        self.quoted = quoted
        self.names: dict[str, str] = {}
        for member in archive.infolist():
            if not member.is_dir():
                base = member.filename.replace("\\", "/").rsplit("/", 1)[-1]
                self.names.setdefault(base.casefold(), member.filename)
        self.used: set[str] = set()

    def has(self, name: str) -> bool:
        """Whether the archive has a file of that name (in any folder, any case)."""
        return name.casefold() in self.names

    def base_names(self) -> list[str]:
        """The names of the archive's files, without their folders."""
        return [member.replace("\\", "/").rsplit("/", 1)[-1] for member in self.names.values()]

    def rows(
        self, name: str, columns: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> Iterator[tuple[int, dict[str, str]]]:
        """Each line after the header as a dict of its `columns`, with `optional` ones.

        The columns of `optional` are there where the file has them; a missing file or
        a missing column of `columns` is `InvalidTableError`.
        """
        self.used.add(name.casefold())
        member = self.names.get(name.casefold())
        if member is None:
            raise self.error(name, 1, f"the download has no {name!r} ({self.expected})")
        with self.archive.open(member) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="")
            reader = csv.reader(
                text,
                delimiter=self.delimiter,
                quoting=csv.QUOTE_MINIMAL if self.quoted else csv.QUOTE_NONE,
                strict=True,
            )
            try:
                header = next(reader, [])
                missing = [column for column in columns if column not in header]
                if missing:
                    shown = ", ".join(repr(column) for column in missing)
                    raise self.error(name, 1, f"expected the columns {shown}")
                wanted = (*columns, *(c for c in optional if c in header))
                where = [header.index(column) for column in wanted]
                for number, cells in enumerate(reader, start=2):
                    if number > self.max_rows:
                        message = f"more than {self.max_rows} lines (the limit, max_rows)"
                        raise self.error(name, number, message)
                    if not any(cells):
                        continue
                    if len(cells) < len(header):
                        message = f"expected {len(header)} fields, got {len(cells)}"
                        raise self.error(name, number, message)
                    yield number, {c: cells[i] for c, i in zip(wanted, where, strict=True)}
            except UnicodeDecodeError as failure:
                message = f"not UTF-8 text ({failure.reason})"
                raise self.error(name, reader.line_num, message) from None
            except csv.Error as failure:
                raise self.error(name, reader.line_num, f"not valid text: {failure}") from None

    def set_aside(self, name: str) -> None:
        """Count the file `name` as read: the reader has what it holds from another."""
        self.used.add(name.casefold())

    def text(self, name: str, line: int, column: str, value: str, *, named: bool) -> str:
        """A field's text, checked as a name (one line, not blank) or as text."""
        problem = character_problem(value, name=named)
        if problem is None and named and not value.strip():
            problem = "expected text, got an empty field"
        if problem is not None:
            raise self.error(name, line, f"{column}: {problem}")
        return value.strip() if named else value

    def error(self, name: str, line: int, message: str) -> InvalidTableError:
        """The reader's error for a problem in file `name` at `line`."""
        return InvalidTableError([Problem(f"{name}, line {line}", message)], self.source)

    def unread(self) -> list[Problem]:
        """Each file of the archive no `rows` call read, as a problem for the report."""
        return [
            Problem(f"file {member!r}", f"not read ({self.what})")
            for name, member in self.names.items()
            if name not in self.used
        ]


def read_archive(
    data: Data,
    build: Callable[[Archive], Taxonomy],
    *,
    source: str | None,
    max_bytes: int,
    max_rows: int,
    what: str,
    expected: str,
    delimiter: str,
    quoted: bool,
) -> Reading:
    """Open a download's archive, `build` the framework from its files, report the rest.

    The keywords are `Archive`'s; the files `build` did not read are `Reading.skipped`.
    """
    with open_archive(data, source, max_bytes, InvalidTableError) as opened:
        archive = Archive(
            opened,
            source,
            max_rows,
            what=what,
            expected=expected,
            delimiter=delimiter,
            quoted=quoted,
        )
        taxonomy = build(archive)
        return Reading(taxonomy, tuple(archive.unread()))
