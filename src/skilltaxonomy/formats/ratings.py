r"""Ratings tables: many people's ratings as CSV, XLSX, Parquet, pandas or Arrow.

A ratings table has a row per rating (``person``, ``skill``, ``level`` and/or ``step``,
and optionally ``assessed``, ``rater``, ``round``, ``note``); a people table a row per
person (``person``, and optionally ``role``, ``level``, ``org_unit``). Headers are
matched loosely (``Org unit`` is ``org_unit``). An XLSX workbook holds the ratings in its
first sheet, and the people in a sheet named ``people`` if it has one.

Every row is checked against the framework (`RatingsTable.build`): the error names the
row and column, with suggestions for unknown ids. Needs the ``scale`` extra (PyArrow);
XLSX also the ``xlsx`` extra.

>>> import io
>>> from skilltaxonomy import load, load_ratings
>>> text = "person,skill,level,rater\nAna,neural-network-architectures,senoir,self\n"
>>> load_ratings(io.StringIO(text), load())
Traceback (most recent call last):
...
skilltaxonomy.exceptions.InvalidRatingsError: invalid ratings: 1 problem
  row 2, column C (level): unknown level 'senoir' (did you mean 'senior'?)
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import os
import re
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal, TypeAlias

import attrs

from skilltaxonomy._text import header_key
from skilltaxonomy.exceptions import ExportError, InvalidQueryError, InvalidRatingsError, Problem
from skilltaxonomy.formats._guard import (
    AUTO,
    Source,
    brief,
    read_source,
    source_name,
    write_target,
)
from skilltaxonomy.formats._workbook import (
    append_text_row,
    open_workbook,
    openpyxl_module,
    storable_cell,
    unescape_cell,
)
from skilltaxonomy.formats.table import CsvText, decode_table, sniff_delimiter
from skilltaxonomy.model import Taxonomy
from skilltaxonomy.people.ratings import (
    PEOPLE_COLUMNS,
    RATING_COLUMNS,
    RatingsTable,
    arrow_module,
)

#: The file formats of ratings tables, by name.
RATINGS_FORMATS: tuple[str, ...] = ("csv", "xlsx", "parquet")
RatingsFormat: TypeAlias = Literal["csv", "xlsx", "parquet"]
#: The largest ratings file read unless `max_bytes` says otherwise (4 GiB).
DEFAULT_MAX_RATINGS_BYTES = 4 * 1024**3
#: The rows of a worksheet, its header's included (Excel's limit).
MAX_SHEET_ROWS = 1_048_576
_LINE_END = re.compile(rb"\r\n|\r|\n")
#: The largest row a CSV file may hold (pyarrow reads rows whole, a block at a time).
_BLOCK_SIZE = 64 * 1024 * 1024
#: The sheet of a workbook that holds the people, beside the ratings in the first.
PEOPLE_SHEET = "people"

_SUFFIXES = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".xlsx": "xlsx"}
_SUFFIXES.update({".parquet": "parquet", ".pq": "parquet"})
#: Anything a table may be read from: a path, a file object, a data frame, an Arrow table.
TableSource: TypeAlias = "Source | Any"


def _format_of(source: object, format: str | None) -> str:
    if format is not None:
        if format not in RATINGS_FORMATS:
            raise InvalidQueryError(
                f"unknown ratings format {format!r} (expected one of: {', '.join(RATINGS_FORMATS)})"
            )
        return format
    name = source_name(source)
    suffix = Path(name).suffix.lower() if name else ""
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if not isinstance(source, (str, os.PathLike)):
        return "csv"  # a file object: CSV unless `format` says otherwise
    raise InvalidQueryError(
        f"cannot tell the format of {name!r} from its suffix "
        f"(expected {', '.join(sorted(_SUFFIXES))}, or format=)"
    )


def _is_frame(source: object) -> bool:
    kind = type(source)
    return kind.__name__ == "DataFrame" and kind.__module__.startswith("pandas")


@attrs.frozen
class _Table:
    """A table read, and what else the reader needs to know of it."""

    table: Any
    people: Any = None  # a workbook's people sheet
    name: str | None = None
    first_row: int = 0  # the number of its first row
    lettered: bool = False  # whether its columns have letters
    placing: _Placing | None = None  # a CSV file's rows at their lines
    encoding: str | None = None  # a CSV file's encoding


def _arrow_table(source: Any, format: str | None, max_bytes: int, encoding: str) -> _Table:
    """`source` as an Arrow table, and what else the reader needs to know of it."""
    pa = arrow_module("load_ratings")
    if isinstance(source, pa.Table):
        return _Table(source)
    if _is_frame(source):
        return _Table(_from_frame(pa, source))
    if not isinstance(source, (str, os.PathLike)) and not hasattr(source, "read"):
        raise TypeError(
            "load_ratings takes a path, a file object, a pandas DataFrame or an Arrow table, "
            f"got {type(source).__name__}"
        )
    name = source_name(source)
    kind = _format_of(source, format)
    if kind == "parquet":
        return _Table(_parquet(pa, source, name, max_bytes), name=name)
    data, name = read_source(source, max_bytes, InvalidRatingsError)
    if kind == "xlsx":
        ratings, people = _sheets(pa, data, name, max_bytes)
        return _Table(ratings, people, name, 2, True)
    table, placing = _csv(pa, data, name, encoding)
    return _Table(table, None, name, 2, True, placing, placing.encoding)


def _from_frame(pa: Any, frame: Any) -> Any:
    """A data frame as Arrow; a column of mixed values (numbers and text) as text."""
    try:
        return pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        mixed = [name for name in frame.columns if frame[name].dtype == object]
        try:
            return pa.Table.from_pandas(
                frame.astype(dict.fromkeys(mixed, "string")), preserve_index=False
            )
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as error:
            raise InvalidRatingsError([Problem("$", brief(str(error)))]) from None


def _parquet(pa: Any, source: Any, name: str | None, max_bytes: int) -> Any:
    import pyarrow.parquet  # noqa: PLC0415 - with pyarrow, on first use

    if isinstance(source, (str, os.PathLike)) and os.path.getsize(source) > max_bytes:
        message = f"the file has more than {max_bytes} bytes (the limit, max_bytes)"
        raise InvalidRatingsError([Problem("$", message)], name)
    try:
        return pyarrow.parquet.read_table(source)
    except (pa.ArrowException, OSError) as error:
        message = f"not a Parquet file: {brief(str(error))}"
        raise InvalidRatingsError([Problem("$", message)], name) from None


# UTF-8 is checked a piece at a time, so that a large file is never held twice to be checked.
_CHECKED = 16 * 1024 * 1024


def _is_utf8(raw: bytes) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for start in range(0, len(raw), _CHECKED):
            decoder.decode(raw[start : start + _CHECKED])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _utf8(data: str | bytes, name: str | None, encoding: str) -> tuple[bytes, str | None]:
    """A CSV file's bytes as UTF-8 (what pyarrow reads), and the encoding it was read in.

    UTF-8 bytes are taken as they are (once checked); others are decoded by
    `decode_table` (``"auto"``: a byte-order mark, UTF-8, else Windows-1252), which
    places a byte that is not text at its row and cell.
    """
    if not isinstance(encoding, str):
        raise InvalidQueryError(f"encoding must be a codec name, got {type(encoding).__name__}")
    if isinstance(data, str):
        return data.removeprefix("\ufeff").encode("utf-8"), None
    raw = bytes(data)
    try:
        utf8 = encoding == AUTO or codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        utf8 = False  # decode_table names the codec it does not know
    if utf8:
        stripped = raw.removeprefix(codecs.BOM_UTF8)
        if b"\x00" not in stripped and _is_utf8(stripped):
            return stripped, "utf-8"
    text, used = decode_table(raw, encoding, _is_ratings_column, InvalidRatingsError, name)
    return text.encode("utf-8"), used


def _csv(
    pa: Any, data: str | bytes, name: str | None, encoding: str = AUTO
) -> tuple[Any, _Placing]:
    """The ratings CSV as an Arrow table, and what places its rows (`_Placing`)."""
    import pyarrow.csv  # noqa: PLC0415 - with pyarrow, on first use

    raw, used = _utf8(data, name, encoding)
    # The header ends where pyarrow ends a row: at CR, LF or CRLF.
    first = _LINE_END.split(raw, maxsplit=1)[0].decode("utf-8")
    if not first.strip():
        raise InvalidRatingsError(
            [Problem("row 1", "the table is empty (expected a header)")], name
        )
    delimiter = sniff_delimiter(first, _is_ratings_column)
    placing = _Placing(raw, delimiter, used)
    try:
        header = next(csv.reader([first], delimiter=delimiter))
    except csv.Error as error:
        raise InvalidRatingsError([Problem("row 1", f"not a CSV header: {error}")], name) from None
    try:
        table = pyarrow.csv.read_csv(
            io.BytesIO(raw),
            # A block holds whole rows: as large as a cell may be (the file is bounded).
            read_options=pyarrow.csv.ReadOptions(block_size=_BLOCK_SIZE),
            parse_options=pyarrow.csv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pyarrow.csv.ConvertOptions(
                column_types={column: pa.string() for column in header},
                strings_can_be_null=False,
            ),
        )
    except pa.ArrowException as error:
        ragged = _ragged_row(raw, delimiter, len(header))
        if ragged is not None:
            raise InvalidRatingsError([ragged], name) from None
        raise InvalidRatingsError([Problem("$", brief(str(error)))], name) from None
    return table, placing


class _Placing:
    """Places a CSV file's rows at their lines too, where a row spans several (on failure only)."""

    def __init__(self, raw: bytes, delimiter: str, encoding: str | None) -> None:
        self.raw, self.delimiter, self.encoding = raw, delimiter, encoding

    def placed(self, error: InvalidRatingsError) -> InvalidRatingsError:
        """`error` with each row it names shown with its lines, where a cell holds a line break."""
        if b'"' not in self.raw:  # no quoted cell: every row is a line
            return error
        records = CsvText(self.raw.decode("utf-8"), self.delimiter, strict=False)
        try:
            for _ in records:
                pass
        except csv.Error:  # a cell beyond the csv module's limit: the rows read so far
            pass
        found = records.placed(error)
        return InvalidRatingsError(found.problems, error.source)


def _ragged_row(raw: bytes, delimiter: str, width: int) -> Problem | None:
    """The first row whose cells the header's do not match, as a problem (on failure only)."""
    records = CsvText(raw.decode("utf-8", errors="replace"), delimiter, strict=False)
    try:
        for number, row in enumerate(records, start=1):
            if row and len(row) != width:
                message = f"expected {width} cells, as the header has, got {len(row)}"
                return Problem(records.place(number), message)
    except csv.Error:  # a cell beyond the csv module's limit: pyarrow's message says it
        return None
    return None


def _is_ratings_column(header: str) -> bool:
    return header_key(header) in RATING_COLUMNS or header_key(header) in PEOPLE_COLUMNS


def _sheets(pa: Any, data: str | bytes, name: str | None, max_bytes: int) -> tuple[Any, Any]:
    """A workbook's first sheet, and its people sheet if it has one, as Arrow tables."""
    book = open_workbook(data, name, max_bytes, InvalidRatingsError, "load_ratings")
    try:
        found = [book.worksheets[0]]
        if PEOPLE_SHEET in book.sheetnames and book.worksheets[0].title != PEOPLE_SHEET:
            found.append(book[PEOPLE_SHEET])
        tables = [_sheet(pa, sheet, name) for sheet in found]
    finally:
        book.close()
    return tables[0], tables[1] if len(tables) > 1 else None


def _sheet(pa: Any, sheet: Any, name: str | None) -> Any:
    rows = [tuple(map(unescape_cell, row)) for row in sheet.iter_rows(values_only=True)]
    if not rows or not any(cell not in (None, "") for cell in rows[0]):
        raise InvalidRatingsError(
            [Problem("row 1", "the sheet is empty (expected a header)")], name
        )
    header = [str(cell) if cell is not None else "" for cell in rows[0]]
    while header and not header[-1]:
        header.pop()
    columns: dict[str, list[Any]] = {h: [] for h in header}
    for row in rows[1:]:
        for index, title in enumerate(header):
            columns[title].append(_cell(row[index] if index < len(row) else None))
    arrays = []
    for values in columns.values():
        dates = all(v is None or isinstance(v, datetime.date) for v in values)
        if dates and any(v is not None for v in values):
            arrays.append(pa.array(values, pa.date32()))
        else:
            texts = [v.isoformat() if isinstance(v, datetime.date) else v for v in values]
            arrays.append(pa.array(texts, pa.string()))
    return pa.table(arrays, names=header)


def _cell(value: Any) -> Any:
    """A workbook cell as text, a date stays a date; whole numbers are written as digits."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return str(value).upper()
    return str(value)


def load_ratings(
    source: TableSource,
    taxonomy: Taxonomy,
    *,
    people: TableSource | None = None,
    format: RatingsFormat | None = None,
    max_bytes: int = DEFAULT_MAX_RATINGS_BYTES,
    encoding: str = AUTO,
    engine: Any = None,
) -> Any:
    """Read a ratings table (and a people table) and check every row against `taxonomy`.

    Args:
        source: A path (``.csv``, ``.tsv``, ``.xlsx``, ``.parquet``), a file object (CSV,
            or the format given), a `pandas.DataFrame` or a `pyarrow.Table`. Rows of a
            file are numbered as a spreadsheet shows them (the header is row 1); rows of
            a data frame or table by position (from 0).
        taxonomy: The framework the ratings refer to.
        people: The people table, from any of the same; for a workbook, default its
            ``people`` sheet if it has one.
        format: ``"csv"``, ``"xlsx"`` or ``"parquet"``, when a suffix does not say.
        max_bytes: The largest file read.
        encoding: The encoding of a CSV file (ratings and people): a codec name, or
            ``"auto"`` (the default: a byte-order mark, UTF-8, else Windows-1252, what
            Excel on Windows saves). `RatingsTable.encoding` says which was used (and the
            people file's, where it differs: ``cp1252 (people: utf-8)``); a byte
            that is not text in it is placed at its row and cell. A row whose cells hold
            line breaks is placed at its lines too (``row 3 (lines 3–5), column C …``).
        engine: Where the ratings go, if not into this process (`RatingsTable`, the
            default): ``"duckdb"``, ``"spark"``, a Spark session or an Ibis backend. Then
            a Parquet or CSV file is read by the engine itself (DuckDB's ``read_parquet``
            and ``read_csv``, Spark's readers), checked there, and stays there: the
            answer is an `EngineRatings`. Other inputs (XLSX, a CSV file that is not
            UTF-8, a data frame) are read and checked here, then handed to the engine.
            Problems are the same as without it, at the same rows and columns.

    Raises:
        InvalidRatingsError: A file that cannot be read, or rows that do not fit the
            framework: every problem at its row and column (see `RatingsTable.build`).
        MissingDependencyError: PyArrow (``scale``) or openpyxl (``xlsx``) is missing.
    """
    if engine is not None and engine != "python":
        return _in_engine(source, taxonomy, people, format, max_bytes, encoding, engine)
    read = _arrow_table(source, format, max_bytes, encoding)
    people_read = _Table(read.people, name=f"{read.name or 'workbook'} ({PEOPLE_SHEET})")
    if people is not None:
        people_read = _arrow_table(people, None, max_bytes, encoding)
    try:
        table = RatingsTable.build(
            taxonomy,
            read.table,
            people_read.table,
            source=read.name,
            people_source=people_read.name,
            first_row=read.first_row,
            lettered=read.lettered,
        )
    except InvalidRatingsError as error:
        placing = read.placing if error.source == read.name else people_read.placing
        raise (error if placing is None else placing.placed(error)) from None
    encoding_read = read.encoding
    if people_read.encoding not in (None, read.encoding):
        encoding_read = f"{read.encoding or 'none'} (people: {people_read.encoding})"
    return attrs.evolve(table, encoding=encoding_read) if encoding_read else table


def _in_engine(  # noqa: PLR0917 - load_ratings's arguments, passed on
    source: TableSource,
    taxonomy: Taxonomy,
    people: TableSource | None,
    format: RatingsFormat | None,
    max_bytes: int,
    encoding: str,
    engine: Any,
) -> Any:
    """`load_ratings` into an engine: files read by the engine, checked there (see `engine`)."""
    from skilltaxonomy.people.analytics import (  # noqa: PLC0415 - with the engine, on use
        EngineRatings,
        engine_backend,
        engine_ratings,
    )

    backend = engine_backend(engine)

    def here() -> Any:  # read and checked in this process, then handed to the engine
        table = load_ratings(
            source, taxonomy, people=people, format=format, max_bytes=max_bytes, encoding=encoding
        )
        return EngineRatings.of(table, backend)

    try:
        ratings = _engine_read(backend, source, format, max_bytes, encoding)
        people_table = (
            None if people is None else _engine_read(backend, people, None, max_bytes, encoding)
        )
        if ratings is None or (people is not None and people_table is None):
            return here()
        return engine_ratings(
            taxonomy, ratings, people_table, engine=backend, source=source_name(source)
        )
    except (InvalidRatingsError, InvalidQueryError):
        here()  # the same problems, at the rows and columns of the file (and its lines)
        raise
    except Exception:  # noqa: BLE001 - the engine's own reader refused the file: ours says why
        return here()


def _engine_read(
    backend: Any, source: Any, format: str | None, max_bytes: int, encoding: str
) -> Any:
    """A Parquet or CSV file as a table of the engine, read by the engine; else None."""
    if not isinstance(source, (str, os.PathLike)) or encoding not in (AUTO, "utf-8", "utf8"):
        return None
    kind = _format_of(source, format)
    path = os.fspath(source)
    if kind not in ("parquet", "csv") or not os.path.isfile(path):
        return None
    if os.path.getsize(path) > max_bytes:
        return None  # our reader says so
    spark = getattr(backend, "name", "") == "pyspark"
    if kind == "parquet":
        return backend._session.read.parquet(path) if spark else backend.read_parquet(path)
    with open(path, "rb") as file:
        head = file.read(64 * 1024)
    if (
        head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        or b"\x00" in head
    ):
        return None
    first = _LINE_END.split(head, maxsplit=1)[0].decode("utf-8", errors="replace")
    if not first.strip():
        return None
    delimiter = sniff_delimiter(first, _is_ratings_column)
    if spark:
        return backend._session.read.csv(
            path, header=True, sep=delimiter, multiLine=True, quote='"', escape='"'
        )
    read = backend.read_csv(
        path, all_varchar=True, delim=delimiter, header=True, quote='"', escape='"'
    )
    # Text is parsed once, into DuckDB's own columns, not again for each pass of the checks.
    return backend.create_table(f"skilltaxonomy_{uuid.uuid4().hex}", read, temp=True)


def _csv_bytes(table: Any) -> bytes:
    """The table as CSV: UTF-8, a header line, dates as ISO 8601, empty cells for none."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.column_names)
    for row in zip(*(table.column(name).to_pylist() for name in table.column_names), strict=True):
        writer.writerow([_csv_cell(value) for value in row])
    return out.getvalue().encode("utf-8")


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, datetime.date) else value


def _xlsx_bytes(sheets: Sequence[tuple[str, Any]]) -> bytes:
    openpyxl = openpyxl_module("dump_ratings")
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, table in sheets:
        if table.num_rows >= MAX_SHEET_ROWS:
            raise ExportError(
                f"cannot write XLSX: the {title} table has {table.num_rows} rows; a sheet holds "
                f"{MAX_SHEET_ROWS - 1} below its header (CSV and Parquet hold any number)"
            )
        sheet = book.create_sheet(title)
        names = table.column_names
        append_text_row(sheet, names)
        columns = [table.column(name).to_pylist() for name in names]
        for number, row in enumerate(zip(*columns, strict=True), start=2):
            append_text_row(
                sheet, [storable_cell(v, number, names[i], i) for i, v in enumerate(row)]
            )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _parquet_bytes(table: Any) -> bytes:
    import pyarrow.parquet  # noqa: PLC0415 - with pyarrow, on first use

    pa = arrow_module("dump_ratings")
    out = pa.BufferOutputStream()
    pyarrow.parquet.write_table(table, out)
    return bytes(out.getvalue().to_pybytes())


def dumps_ratings(
    ratings: RatingsTable, format: RatingsFormat = "csv", *, people: bool = False
) -> bytes:
    """The ratings (or, with `people`, the people table) as a file's bytes.

    An XLSX workbook holds both: the ratings in its first sheet, the people (if any) in
    the ``people`` sheet. Only the columns given are written; derived ones never are.
    """
    kind = _format_of(None, format)
    table = ratings.people_to_arrow() if people else ratings.to_arrow()
    if kind == "xlsx":
        sheets = [("ratings", ratings.to_arrow())]
        if ratings.people.num_rows:
            sheets.append((PEOPLE_SHEET, ratings.people_to_arrow()))
        return _xlsx_bytes(sheets)
    if kind == "parquet":
        return _parquet_bytes(table)
    return _csv_bytes(table)


def dump_ratings(
    ratings: RatingsTable,
    target: Source,
    *,
    format: RatingsFormat | None = None,
    people: bool = False,
) -> None:
    """Write the ratings (or the people) to a path, atomically, or to a binary file object.

    The format is `format`, else the path's suffix; see `dumps_ratings`.
    """
    kind = _format_of(target, format) if format is not None or source_name(target) else "csv"
    write_target(target, dumps_ratings(ratings, kind, people=people))  # type: ignore[arg-type]


__all__ = [
    "DEFAULT_MAX_RATINGS_BYTES",
    "PEOPLE_COLUMNS",
    "RATINGS_FORMATS",
    "RATING_COLUMNS",
    "dump_ratings",
    "dumps_ratings",
    "load_ratings",
]
