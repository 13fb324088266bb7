"""Opening Excel workbooks safely, for every reader of ``.xlsx`` files.

A workbook is a zip archive: its size and what it unpacks to are both bounded before
openpyxl (the ``xlsx`` extra) reads it, and whatever openpyxl raises on a damaged file
becomes the reader's own error.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any
from xml.etree import ElementTree

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
        message = f"not an Excel workbook (.xlsx): {brief(str(failure))}"
    # openpyxl reads the document properties as it opens a workbook, and one it cannot
    # parse (a date without a time, a "lastPrinted" of "never") fails the whole book:
    # the sheets are read without them (`workbook_properties` reads what a reader needs).
    stripped = _without_properties(data)
    if stripped is not None:
        try:
            return openpyxl.load_workbook(io.BytesIO(stripped), read_only=True, data_only=True)
        except Exception:  # noqa: BLE001 - the first failure is the one reported
            pass
    raise error([Problem("$", message)], source)


#: The parts of a workbook that hold its document properties, core and custom.
PROPERTY_PARTS = ("docProps/core.xml", "docProps/custom.xml")


def _without_properties(data: bytes) -> bytes | None:
    """The workbook without its document properties (stored, not compressed), or None.

    None when it has none, or is no zip archive: its properties are not what failed.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if not any(member.filename in PROPERTY_PARTS for member in members):
                return None
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as copy:
                for member in members:
                    if member.filename not in PROPERTY_PARTS:
                        copy.writestr(member.filename, archive.read(member))
            return buffer.getvalue()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError):
        return None


_CORE_NAMES = {
    "title": "{http://purl.org/dc/elements/1.1/}title",
    "language": "{http://purl.org/dc/elements/1.1/}language",
    "version": "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}version",
}


def workbook_properties(
    data: bytes | bytearray | memoryview, source: str | None, error: type[InvalidTaxonomyError]
) -> dict[str, str | None]:
    """The workbook's title, version and language, as its core properties hold them.

    Each is None where the workbook has none. The properties are read here, not by
    openpyxl, so that one this library does not need (a creation date, the time of
    printing) cannot stop the ones it does from being read, whatever it holds. Call it
    on bytes `open_workbook` opened (their size is checked).

    Raises:
        error: The properties are not XML, placed at ``workbook properties``.
    """
    found: dict[str, str | None] = dict.fromkeys(_CORE_NAMES)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if PROPERTY_PARTS[0] not in archive.namelist():
                return found
            text = archive.read(PROPERTY_PARTS[0])
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError):
        return found  # openpyxl opened it: its properties are what cannot be read
    try:
        # Python's expat refuses entity expansion bombs; external entities are not read.
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as failure:
        place = f"workbook properties ({PROPERTY_PARTS[0]})"
        raise error([Problem(place, f"not XML: {brief(str(failure))}")], source) from None
    for key, tag in _CORE_NAMES.items():
        element = root.find(tag)
        if element is not None:
            found[key] = "".join(element.itertext())
    return found


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
