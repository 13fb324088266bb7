"""Downloads of several files: a zip archive's text tables, read row by row.

The readers of sources that come as several files (O*NET's text files, ESCO's CSV
files) find each file by its name in any folder of the archive and in any case, read
it in the encoding given or its own (told from its bytes), record by record, and place
every problem at the file and line (O*NET's text) or row (ESCO's CSV).
"""

from __future__ import annotations

import array
import csv
import io
import itertools
import operator
import zipfile
from collections.abc import Callable, Iterator
from typing import TypeVar

from skilltaxonomy._text import character_problem, count, forbidden_character
from skilltaxonomy.exceptions import (
    InvalidQueryError,
    InvalidTableError,
    InvalidValueError,
    Problem,
)
from skilltaxonomy.formats._guard import (
    AUTO,
    Data,
    Reading,
    decode_text,
    encodings_read,
    gc_aged,
    gc_paused,
    open_archive,
)
from skilltaxonomy.formats.table import CsvText, decode_table, row_place
from skilltaxonomy.model import Taxonomy

_R = TypeVar("_R")

# How many records `Archive.columns` reads at a time: the chunk's lists stay in the
# processor's cache, where one list of every record would not.
_CHUNK = 2048

# The least block of text `_may_hold_longer` looks into (a few finds each).
_BLOCK = 4096

# How many characters of lines `Archive.columns` splits at a time (`_split_lines`),
# then to the end of the line: a block's cells stay few, where every cell of a large
# file at once would double the memory the file takes.
_LINES = 1 << 20

# ASCII's printable characters and line breaks: all of ASCII that a name may hold, and
# its line breaks (`forbidden_character`: ASCII's control characters are the others).
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\n\r"


def _clean(text: str, separator: str = "", ascii_bytes: bytes | None = None) -> bool:
    """Whether `text` holds no character an id or name may not hold, but line breaks.

    A `separator` of fields (a tab, where fields are never quoted) is no field's either.
    ASCII text (most downloads) is checked by deleting what it may hold, at memory
    speed (five times a regular expression's), in `ascii_bytes` where they are given
    (the text's own, not encoded again).
    """
    if (ascii_bytes is not None or text.isascii()) and separator.isascii():
        allowed = _PRINTABLE_ASCII + separator.encode("ascii")
        found = text.encode("ascii") if ascii_bytes is None else ascii_bytes
        return not found.translate(None, allowed)
    text = text.replace("\r", "").replace("\n", "")
    return (
        forbidden_character(text.replace(separator, "") if separator else text, name=True) is None
    )


def _unquoted(text: str, *, quoted: bool) -> str | None:
    """`text` where `csv.reader` reads each of its lines as one record, else None.

    Where no cell can be quoted (CSV text without a quote character, or a table read
    without quoting), no character is NUL, and no line end is a lone carriage return,
    each line is a record, its cells split at the separator (`_split_lines`); the text
    is given with its line ends as line feeds. None also for a blank or lone header:
    `csv.reader` reads those.
    """
    if (quoted and '"' in text) or "\0" in text:
        return None
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    end = text.find("\n")
    return None if end <= 0 or end == len(text) - 1 else text


def _split_lines(text: str, delimiter: str, width: int) -> list[str] | None:
    """The cells of `text`'s lines, each line's followed by a line feed, if all are `width` wide.

    Each line end becomes a cell of its own (a line feed, which no cell can be), so every
    line is `width` wide exactly where every line end is a cell of its place. None for
    a line of another width (a blank one too).
    """
    if not text.endswith("\n"):
        text += "\n"
    lines = text.count("\n")
    cells = text.replace("\n", f"{delimiter}\n{delimiter}").split(delimiter)
    cells.pop()  # the empty text after the last line end
    stride = width + 1
    if len(cells) != lines * stride or cells[width::stride].count("\n") != lines:
        return None
    return cells


def _may_hold_longer(text: str, delimiter: str, limit: int) -> bool:
    """Whether a line of `text` may hold a cell longer than `limit` characters.

    Such a cell holds a whole block of half as many characters starting at a multiple
    of that half: where each block holds a separator or a line end, there is none.
    Looking costs a few finds a block, not a pass over every cell.
    """
    half = limit // 2
    if half < _BLOCK:
        return True  # a limit that small: the cells are measured
    return any(
        text.find(delimiter, start, start + half) < 0 and text.find("\n", start, start + half) < 0
        for start in range(0, len(text), half)
    )


def _note_filled(
    unread: dict[str, tuple[tuple[int, int], int]],
    index: int,
    column: str,
    cells: list[str],
    before: int,
) -> None:
    """Note the filled `cells` of a column not kept, at `index` of the header, in `unread`.

    `unread` holds, by column name (a header may repeat one), the first record that
    fills it (counted from 0; `before` records come before these cells) with the place
    of that cell in the header, and how many cells are filled.
    """
    stripped = list(map(str.strip, cells))  # each cell itself where it has no space around
    filled = len(stripped) - stripped.count("")
    if filled:
        at = 0 if stripped[0] else list(map(bool, stripped)).index(True)
        first, count = unread.get(column, ((before + len(stripped), index), 0))
        unread[column] = min(first, (before + at, index)), count + filled


def _in_order(unread: dict[str, tuple[tuple[int, int], int]]) -> dict[str, int]:
    """How many cells of each column `_note_filled` noted, in the order `rows` reports them.

    By the first record that fills each, then as the header has them.
    """
    order = sorted(unread.items(), key=lambda item: item[1][0])
    return {column: filled for column, (_, filled) in order}


def _row_maker(wanted: tuple[str, ...], where: list[int]) -> Callable[[list[str]], dict[str, str]]:
    """A function making a record's dict of `wanted` columns from its cells, at `where`.

    One dict display, made for the file's header (a column's name is written as the
    `repr` of its str, a literal, whatever the file holds): a quarter of the time of
    ``dict(zip(...))`` per record.
    """
    return _dict_display(wanted, "cells", [f"cells[{index}]" for index in where])


def dict_maker(columns: tuple[str, ...]) -> Callable[..., dict[str, str]]:
    """A function making the dict of `columns` from their values, one argument each.

    As `_row_maker`, for records kept a column at a time: ``map(make, *cells)`` makes each
    record's dict with no tuple or list between.
    """
    names = [f"v{index}" for index in range(len(columns))]
    return _dict_display(columns, ", ".join(names), names)


def _dict_display(
    columns: tuple[str, ...], arguments: str, values: list[str]
) -> Callable[..., dict[str, str]]:
    """``lambda arguments: {column: value, ...}``, compiled once.

    Each column's name is written as the `repr` of its str (a literal, whatever the file
    holds), each value as an expression of `arguments`.
    """
    body = ", ".join(f"{column!r}: {value}" for column, value in zip(columns, values, strict=True))
    maker: Callable[..., dict[str, str]] = eval(f"lambda {arguments}: {{{body}}}", {})
    return maker


def _cells_maker(_: tuple[str, ...], where: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    """A function taking a record's cells at `where`, as a tuple."""
    if len(where) == 1:
        (index,) = where
        return lambda cells: (cells[index],)
    taker: Callable[[list[str]], tuple[str, ...]] = operator.itemgetter(*where)
    return taker


class Archive:
    """A download's files by name, read row by row, within `max_rows` lines each.

    Args:
        archive: The open zip archive.
        source: Its name, for errors.
        max_rows: The most lines a file may have.
        what: What the reader reads, for the message of a file it does not read.
        expected: What the download should be, for the message of a missing file.
        delimiter: The separator of fields (a tab for O*NET, a comma for ESCO).
        quoted: Whether fields may be quoted (CSV: a record may span lines, and places
            name rows), else read as they are, a line a record.
        encoding: The files' encoding, or ``"auto"`` to tell each file's from its bytes
            (`decode_text`).
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
        encoding: str = AUTO,
    ) -> None:
        if not isinstance(encoding, str):
            raise InvalidQueryError(f"encoding must be a codec name, got {type(encoding).__name__}")
        self.archive = archive
        self.source = source
        self.max_rows = max_rows
        self.what = what
        self.expected = expected
        self.delimiter = delimiter
        self.quoted = quoted
        self.encoding = encoding
        self.names: dict[str, str] = {}
        for member in archive.infolist():
            if not member.is_dir():
                base = member.filename.replace("\\", "/").rsplit("/", 1)[-1]
                self.names.setdefault(base.casefold(), member.filename)
        self.used: set[str] = set()
        #: The encoding each file read was read in, by its name.
        self.encodings: dict[str, str] = {}
        #: What the reader read and did not keep, for `Reading.skipped`.
        self.unkept: list[Problem] = []
        # The files whose whole text holds no character an id or name may not hold but
        # line breaks: their fields need no check of characters each, but for line
        # breaks in names (see `text`).
        self._clean: set[str] = set()
        # The last line of each record of each file read so far, to place them (`where`).
        self._ends: dict[str, array.array[int]] = {}
        # Each file read in bulk whose every record is one line, and the text of each
        # whose records span lines, for `where`.
        self._one_line: set[str] = set()
        self._spanning: dict[str, str] = {}

    def has(self, name: str) -> bool:
        """Whether the archive has a file of that name (in any folder, any case)."""
        return name.casefold() in self.names

    def base_names(self) -> list[str]:
        """The names of the archive's files, without their folders."""
        return [member.replace("\\", "/").rsplit("/", 1)[-1] for member in self.names.values()]

    def _text(self, name: str, member: str) -> str:
        """A file's text, decoded in `encoding` (each file's own, told, by default)."""
        return self._text_and_bytes(name, member)[0]

    def _text_and_bytes(self, name: str, member: str) -> tuple[str, bytes | None]:
        """`_text`, and the bytes it was read from where they are its ASCII, else None."""
        with self.archive.open(member) as raw:
            data = raw.read()
        if self.quoted:  # CSV: a bad byte is placed at its row and cell
            try:
                text, used = decode_table(
                    data, self.encoding, lambda _: True, InvalidTableError, self.source
                )
            except InvalidTableError as error:
                problems = [Problem(f"{name}, {p.path}", p.message) for p in error.problems]
                raise InvalidTableError(problems, self.source) from None
        else:
            try:
                text, used = decode_text(data, self.encoding)
            except InvalidValueError as problem:
                place, _, message = str(problem).partition(": ")
                problems = [Problem(f"{name}, {place}", message)]
                raise InvalidTableError(problems, self.source) from None
        self.encodings[name] = used or self.encoding
        # Bytes that are ASCII, read as UTF-8 or Windows-1252 (no mark), are the text's
        # characters one by one (a codec named by the caller may read them otherwise).
        ascii_bytes = (
            data
            if used in ("utf-8", "cp1252") and len(data) == len(text) and data.isascii()
            else None
        )
        if _clean(text, "" if self.quoted else self.delimiter, ascii_bytes):
            self._clean.add(name)
        return text, ascii_bytes

    def place(self, number: int) -> str:
        """Record `number` of a file (the header is 1): a row of CSV, a line of text."""
        return f"row {number}" if self.quoted else f"line {number}"

    def rows(
        self,
        name: str,
        columns: tuple[str, ...],
        optional: tuple[str, ...] = (),
        *,
        others: bool = False,
        skip: tuple[str, ...] = (),
        why: str = "",
    ) -> Iterator[tuple[str, dict[str, str]]]:
        """Each record after the header as its place and a dict of its `columns`.

        The columns of `optional` are there where the file has them, and with `others`
        every other column but those of `skip` too; a missing file or a missing column
        of `columns` is `InvalidTableError`. The cells of any other column that hold something are
        reported (`unkept`), saying `why`. A record's place is ``line 12`` (O*NET's
        text), or ``row 12`` with its lines where they differ (``row 12 (lines 13–14)``).
        """
        records = self._records(name, columns, optional, others, skip, why, _row_maker)
        for number, row in records:
            yield self.where(name, number), row

    def cells(
        self, name: str, columns: tuple[str, ...], *, why: str = ""
    ) -> Iterator[tuple[int, tuple[str, ...]]]:
        """Each record after the header as its number and the cells of `columns`, in order.

        As `rows` (the other columns' filled cells reported, saying `why`), for files of
        many records: no dict and no place is made per record; `where` names one.
        """
        return self._records(name, columns, (), False, (), why, _cells_maker)

    def columns(
        self,
        name: str,
        columns: tuple[str, ...],
        optional: tuple[str, ...] = (),
        *,
        others: bool = False,
        skip: tuple[str, ...] = (),
        why: str = "",
    ) -> tuple[tuple[str, ...], tuple[list[str], ...]] | None:
        """The columns `rows` would give, and their cells of every record, a list a column.

        As `rows` (the same columns kept, the other columns' filled cells reported,
        saying `why`), for a file of many records, read in bulk: no Python code runs
        per record. None where the file is in any doubt (a record of another width, a
        blank one, more than `max_rows`, text that is not CSV): `rows` and `cells` then
        read it and say what is wrong, at its place. Record `n` of the lists (from 0) is
        row ``n + 2``; `where` names it. A file whose every line is a record (no quote)
        is split at its line ends and separators (`_split_columns`), any other parsed
        by `csv.reader`, a chunk of records at a time.
        """
        self.used.add(name.casefold())
        member = self.names.get(name.casefold())
        if member is None:
            return None
        text, ascii_bytes = self._text_and_bytes(name, member)
        plain = _unquoted(text, quoted=self.quoted)
        if plain is not None:
            return self._split_columns(name, plain, columns, optional, others, skip, why)
        # What `CsvText` reads, read from the text's bytes: the standard library's lines
        # of bytes come a fifth quicker than those of a `StringIO`.
        lines = io.TextIOWrapper(
            io.BytesIO(
                text.encode("utf-8", "surrogatepass") if ascii_bytes is None else ascii_bytes
            ),
            encoding="utf-8",
            errors="surrogatepass",
            newline="",
        )
        reader = csv.reader(
            lines,
            strict=True,
            delimiter=self.delimiter,
            quoting=csv.QUOTE_MINIMAL if self.quoted else csv.QUOTE_NONE,
        )
        unread: dict[str, tuple[tuple[int, int], int]] = {}
        read = 0
        try:
            header = next(reader, None)
            if header is None or reader.line_num != 1:
                return None
            wanted, where, rest = self._columns(
                name, header, columns, optional=optional, others=others, skip=skip
            )
            width = {len(header)}
            found: tuple[list[str], ...] = tuple([] for _ in where)
            takers = [operator.itemgetter(index) for index in where]
            while chunk := list(itertools.islice(reader, _CHUNK)):
                read += len(chunk)
                if read >= self.max_rows or set(map(len, chunk)) != width:
                    return None
                kept = [list(map(take, chunk)) for take in takers]
                # A blank record (which `rows` passes over) has an empty first cell, the
                # empty string the parser makes: found at memory speed where there is none.
                if (not kept or "" in kept[0]) and not all(map(any, chunk)):
                    return None
                for index, column in rest:
                    cells = list(map(operator.itemgetter(index), chunk))
                    _note_filled(unread, index, column, cells, read - len(chunk))
                for cells, more in zip(found, kept, strict=True):
                    cells.extend(more)
        except csv.Error:
            return None
        self._ends.pop(name, None)  # where each record ends is found when one is shown
        if reader.line_num == read + 1:
            self._one_line.add(name)
        else:
            self._spanning[name] = text
        if unread:
            self._unread_columns(name, _in_order(unread), why)
        return wanted, found

    def _split_columns(  # noqa: PLR0917 - the arguments of `columns`, and the text
        self,
        name: str,
        text: str,
        columns: tuple[str, ...],
        optional: tuple[str, ...],
        others: bool,
        skip: tuple[str, ...],
        why: str,
    ) -> tuple[tuple[str, ...], tuple[list[str], ...]] | None:
        """`columns` of a file whose every line is a record (`_unquoted`), split at once.

        The lines are split a block at a time (`_split_lines`), each column a slice of
        the block's cells. None where `csv.reader` would find what `columns` refuses: a
        record of another width, a blank one, too many, a cell beyond its limit.
        """
        end = text.index("\n")
        header = text[:end].split(self.delimiter)
        limit = csv.field_size_limit()
        measure = len(text) > limit and _may_hold_longer(text, self.delimiter, limit)
        if measure and max(map(len, header)) > limit:
            return None
        wanted, where, rest = self._columns(
            name, header, columns, optional=optional, others=others, skip=skip
        )
        width, stride = len(header), len(header) + 1  # each record's cells and line end
        found: tuple[list[str], ...] = tuple([] for _ in where)
        unread: dict[str, tuple[tuple[int, int], int]] = {}
        read = 0
        start = end + 1
        while start < len(text):
            stop = text.find("\n", start + _LINES)
            stop = len(text) if stop < 0 else stop + 1
            cells = _split_lines(text[start:stop], self.delimiter, width)
            start = stop
            if cells is None or (measure and max(map(len, cells)) > limit):
                return None
            kept = [cells[index::stride] for index in where]
            if not kept or "" in kept[0]:
                every = [cells[index::stride] for index in range(width)]
                if not all(map(any, zip(*every, strict=True))):
                    return None  # a blank record, which `rows` passes over
            for index, column in rest:
                _note_filled(unread, index, column, cells[index::stride], read)
            read += len(cells) // stride
            if read >= self.max_rows:
                return None
            for taken, more in zip(found, kept, strict=True):
                taken.extend(more)
        self._ends.pop(name, None)
        self._one_line.add(name)  # each record a line
        if unread:
            self._unread_columns(name, _in_order(unread), why)
        return wanted, found

    def checked_names(self, name: str, cells: list[str]) -> list[str] | None:
        """The cells of a column of file `name`, each checked as a name and stripped.

        None where any is in doubt (the file is not clean, or a cell holds a line break
        or nothing): `text` then checks each, to say what is wrong at its place.
        """
        if name not in self._clean:
            return None
        joined = "".join(cells)
        if "\n" in joined or "\r" in joined or not all(map(str.strip, cells)):
            return None
        return list(map(str.strip, cells))

    def where(self, name: str, number: int) -> str:
        """The place of record `number` of file `name`, read so far (see `rows`)."""
        if not self.quoted:
            return f"line {number}"
        ends = self._ends.get(name)
        if ends is None and name in self._one_line:
            return f"row {number}"  # read in bulk, each record a line of its own
        if ends is None:  # read in bulk (`columns`): the records' ends are found now
            records = CsvText(self._spanning[name], self.delimiter, quoted=self.quoted)
            for _ in records:
                pass
            ends = self._ends[name] = records.ends
        first = ends[number - 2] + 1 if number > 1 else 1
        if first == ends[number - 1] == number:
            return f"row {number}"  # the usual place, made without a call
        return row_place(number, first, ends[number - 1])

    def _records(  # noqa: PLR0917 - the arguments of `rows`, and how a record is made
        self,
        name: str,
        columns: tuple[str, ...],
        optional: tuple[str, ...],
        others: bool,
        skip: tuple[str, ...],
        why: str,
        maker: Callable[[tuple[str, ...], list[int]], Callable[[list[str]], _R]],
    ) -> Iterator[tuple[int, _R]]:
        """The records of `rows` and `cells`, each made by what `maker` makes for the header."""
        self.used.add(name.casefold())
        member = self.names.get(name.casefold())
        if member is None:
            raise self.error(name, 1, f"the download has no {name!r} ({self.expected})")
        text = self._text(name, member)
        records = CsvText(text, self.delimiter, quoted=self.quoted)
        self._ends[name] = records.ends
        unread: dict[str, int] = {}
        # The records are read here, not through CsvText's iterator: a place is made
        # only where it is shown.
        reader, ends = records.reader, records.ends
        add_end = ends.append
        try:
            header = next(reader, None)
            if header is None:
                header = []
            else:
                add_end(reader.line_num)
            wanted, where, rest = self._columns(
                name, header, columns, optional=optional, others=others, skip=skip
            )
            width = len(header)
            pick = maker(wanted, where)
            max_rows = self.max_rows
            number = 1
            for cells in reader:
                number += 1
                add_end(reader.line_num)
                if number > max_rows:
                    message = f"more than {max_rows} lines (the limit, max_rows)"
                    raise self.error(name, self.where(name, number), message)
                if not any(cells):
                    continue
                if len(cells) != width:
                    message = f"expected {width} fields, got {len(cells)}"
                    raise self.error(name, self.where(name, number), message)
                for index, column in rest:
                    if cells[index].strip():
                        unread[column] = unread.get(column, 0) + 1
                yield number, pick(cells)
        except csv.Error as failure:
            place = records.syntax_error(failure, None).problems[0].path
            if not self.quoted:
                place = f"line {records.lines(len(records) + 1)[0]}"
            raise self.error(name, place, f"not valid text: {failure}") from None
        if unread:
            self._unread_columns(name, unread, why)

    def _unread_columns(self, name: str, unread: dict[str, int], why: str) -> None:
        """Report the columns of file `name` whose filled cells were not read."""
        shown = ", ".join(
            f"{repr(column) if column else 'with no header'} ({count(filled, 'cell')})"
            for column, filled in unread.items()
        )
        noun = "column" if len(unread) == 1 else "columns"
        message = f"{noun} {shown} not kept" + (f" ({why})" if why else "")
        self.unkept.append(Problem(name, message))

    def _columns(
        self,
        name: str,
        header: list[str],
        columns: tuple[str, ...],
        *,
        optional: tuple[str, ...],
        others: bool,
        skip: tuple[str, ...],
    ) -> tuple[tuple[str, ...], list[int], list[tuple[int, str]]]:
        """The columns `rows` keeps and their places, and the others with theirs."""
        missing = [column for column in columns if column not in header]
        if missing:
            shown = ", ".join(repr(column) for column in missing)
            raise self.error(name, 1, f"expected the columns {shown}")
        wanted = (*columns, *(c for c in optional if c in header and c not in columns))
        if others:
            wanted += tuple(c for c in header if c and c not in wanted and c not in skip)
        wanted = tuple(dict.fromkeys(wanted))
        where = [header.index(column) for column in wanted]
        rest = [(i, c) for i, c in enumerate(header) if c not in wanted]
        return wanted, where, rest

    def set_aside(self, name: str) -> None:
        """Count the file `name` as read: the reader has what it holds from another."""
        self.used.add(name.casefold())

    def text(self, name: str, line: str, column: str, value: str, *, named: bool) -> str:
        """A field's text, checked as a name (one line, not blank) or as text.

        In a file whose text is clean (`_text`) only a name's line breaks can be wrong,
        and text may hold them: the check of every character is made once per file.
        """
        if name not in self._clean or (named and ("\n" in value or "\r" in value)):
            problem = character_problem(value, name=named)
        else:
            problem = None
        if problem is None and named and not value.strip():
            problem = "expected text, got an empty field"
        if problem is not None:
            raise self.error(name, line, f"{column}: {problem}")
        return value.strip() if named else value

    def error(self, name: str, where: str | int, message: str) -> InvalidTableError:
        """The reader's error for a problem in file `name` at `where` (a place, or a record)."""
        place = self.place(where) if isinstance(where, int) else where
        return InvalidTableError([Problem(f"{name}, {place}", message)], self.source)

    def unread(self) -> list[Problem]:
        """Each file of the archive no `rows` call read, as a problem for the report."""
        return [
            Problem(f"file {member!r}", f"not read ({self.what})")
            for name, member in self.names.items()
            if name not in self.used
        ]

    def encoding_read(self) -> str | None:
        """The encoding the files were read in: one name, or each one's where they differ.

        ``"utf-8"``; ``"utf-8 (cp1252: 'Skills.txt')"`` where most files are UTF-8 and
        one is Windows-1252; None where no file was read.
        """
        return encodings_read(self.encodings)


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
    encoding: str = AUTO,
) -> Reading:
    """Open a download's archive, `build` the framework from its files, report the rest.

    The keywords are `Archive`'s; the files `build` did not read, and what it read and
    did not keep, are `Reading.skipped`; `Reading.encoding` says what the files were
    read in (`Archive.encoding_read`).
    """
    if not isinstance(encoding, str):
        raise InvalidQueryError(f"encoding must be a codec name, got {type(encoding).__name__}")
    with open_archive(data, source, max_bytes, InvalidTableError) as opened:
        archive = Archive(
            opened,
            source,
            max_rows,
            what=what,
            expected=expected,
            delimiter=delimiter,
            quoted=quoted,
            encoding=encoding,
        )
        with gc_paused():  # a download makes a framework of 100,000 expectations or more
            taxonomy = build(archive)
            gc_aged()
        skipped = (*archive.unread(), *archive.unkept)
        return Reading(taxonomy, skipped, encoding=archive.encoding_read())
