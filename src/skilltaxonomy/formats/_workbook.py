"""Opening Excel workbooks safely, for every reader of ``.xlsx`` files.

A workbook is a zip archive: its size and what it unpacks to are both bounded before
openpyxl (the ``xlsx`` extra) reads it, and whatever openpyxl raises on a damaged file
becomes the reader's own error.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Sequence
from typing import Any

from skilltaxonomy._optional import optional_module
from skilltaxonomy._text import NOT_IN_XML, column_letter
from skilltaxonomy.exceptions import (
    ExportError,
    InvalidTaxonomyError,
    Problem,
)
from skilltaxonomy.formats._guard import brief, check_size, unpacked_size

#: The escapes Excel writes for characters XML cannot hold: "_x0007_".
ESCAPE_LIKE = re.compile(r"_x[0-9A-Fa-f]{4}_")

# Excel's dates before March 1900 are not the calendar's (its serial 0 is read back as
# a time of day, and 1900 has a 29 February there): such dates are written as ISO text.
_EXCEL_DATES_FROM = datetime.date(1900, 3, 1)

#: The most text a workbook cell holds (Excel's limit; openpyxl cuts longer text).
MAX_CELL_TEXT = 32_767


def openpyxl_module(what: str) -> Any:
    """openpyxl, or `MissingDependencyError` saying `what` needs the ``xlsx`` extra."""
    return optional_module("openpyxl", what, "xlsx")


def unescape_cell(value: Any) -> Any:
    """A cell's text with Excel's ``_x0007_`` escapes turned back into characters."""
    if isinstance(value, str) and "_x" in value:
        return ESCAPE_LIKE.sub(lambda found: chr(int(found.group()[2:6], 16)), value)
    return value


def open_workbook(
    data: bytes | str,
    source: str | None,
    max_bytes: int,
    error: type[InvalidTaxonomyError],
    what: str,
) -> Any:
    """The workbook in `data` (an ``.xlsx`` file's bytes), read-only, values only.

    `max_bytes` bounds both the file and what it unpacks to. Raises `error` for text,
    a file too large, or bytes that are not a workbook; the caller closes the book.
    """
    openpyxl = openpyxl_module(what)
    check_size(data, max_bytes, error, source)
    if isinstance(data, str):
        message = "an XLSX workbook is binary: pass its bytes (open the file in 'rb' mode)"
        raise error([Problem("$", message)], source)
    data = bytes(data)
    unpacked = unpacked_size(data)
    if unpacked is not None and unpacked > max_bytes:
        message = f"the workbook unpacks to {unpacked} bytes; the limit is {max_bytes}"
        raise error([Problem("$", message)], source)
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as failure:  # noqa: BLE001 - a damaged file fails in many ways inside openpyxl
        raise error(
            [Problem("$", f"not an Excel workbook (.xlsx): {brief(str(failure))}")], source
        ) from None


def storable_cell(value: object, number: int, column: str, index: int) -> object:
    r"""A cell's value as XLSX can hold it.

    XML has no way to write most control characters, and reads a carriage return as a
    line feed, so these are written as the ``_x000D_`` escapes Excel itself uses, and read
    back by `from_xlsx`. Text that already looks like such an escape could not be told
    apart, so it cannot be written.
    """
    if isinstance(value, datetime.date) and value < _EXCEL_DATES_FROM:
        return value.isoformat()  # read back as the ISO date it is
    if not isinstance(value, str):
        return value
    found = ESCAPE_LIKE.search(value)
    if found is not None:
        raise ExportError(
            f"cannot write XLSX: row {number}, column {column_letter(index)} ({column}) "
            f"holds the text {found.group()!r}, which XLSX reads as an escaped character "
            "(CSV, JSON and CASE can hold it)"
        )
    stored = NOT_IN_XML.sub(lambda char: f"_x{ord(char.group()):04X}_", value)
    if len(stored) > MAX_CELL_TEXT:
        # openpyxl would cut it to fit, silently.
        raise ExportError(
            f"cannot write XLSX: row {number}, column {column_letter(index)} ({column}) "
            f"holds {len(stored)} characters; a workbook cell holds at most {MAX_CELL_TEXT} "
            "(JSON and CASE can hold it)"
        )
    return stored


def append_text_row(sheet: Any, values: Sequence[object]) -> None:
    """Add a row whose text stays text: ``=SUM(A1)`` is not made a formula."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
