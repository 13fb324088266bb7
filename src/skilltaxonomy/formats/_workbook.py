"""Opening Excel workbooks safely, for every reader of ``.xlsx`` files.

A workbook is a zip archive: its size and what it unpacks to are both bounded before
openpyxl (the ``xlsx`` extra) reads it, and whatever openpyxl raises on a damaged file
becomes the reader's own error.
"""

from __future__ import annotations

import io
import re
from typing import Any

from skilltaxonomy.exceptions import InvalidTaxonomyError, MissingDependencyError, Problem
from skilltaxonomy.formats._guard import brief, check_size, unpacked_size

#: The escapes Excel writes for characters XML cannot hold: "_x0007_".
ESCAPE_LIKE = re.compile(r"_x[0-9A-Fa-f]{4}_")


def openpyxl_module(what: str) -> Any:
    """openpyxl, or `MissingDependencyError` saying `what` needs the ``xlsx`` extra."""
    try:
        import openpyxl  # noqa: PLC0415 - an optional dependency, loaded when asked for
    except ImportError as error:
        raise MissingDependencyError(what, "openpyxl", "xlsx") from error
    return openpyxl


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
