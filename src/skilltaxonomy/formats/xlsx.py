"""XLSX: the long table in an Excel workbook, with a matrix sheet per role to print.

Needs the ``xlsx`` extra (openpyxl): ``pip install 'skilltaxonomy[xlsx]'``.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from typing import Any

from skilltaxonomy._text import NOT_IN_XML, character_problem
from skilltaxonomy.exceptions import InvalidTableError, Problem
from skilltaxonomy.formats._guard import DEFAULT_MAX_BYTES, Reading
from skilltaxonomy.formats._workbook import (
    append_text_row,
    open_workbook,
    openpyxl_module,
    storable_cell,
    unescape_cell,
    workbook_properties,
)
from skilltaxonomy.formats.table import (
    DEFAULT_MAX_CELLS,
    DEFAULT_MAX_COLUMNS,
    DEFAULT_MAX_ROWS,
    long_table,
    matrix_rows,
    read_rows,
    refuse_beyond_the_table,
)
from skilltaxonomy.model import Taxonomy

EXPECTATIONS_SHEET = "expectations"

_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# What a row that defines one entity, and no expectation, may fill in.


def _sheet_title(name: str, taken: set[str]) -> str:
    r"""A valid, unique worksheet title (31 characters, none of ``[]:*?/\\``)."""
    base = NOT_IN_XML.sub(" ", _SHEET_NAME_FORBIDDEN.sub("-", name)).strip("' ") or "role"
    title, number = base[:31], 2
    while title.casefold() in taken:
        suffix = f" ({number})"
        title, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(title.casefold())
    return title


def write(taxonomy: Taxonomy, *, matrices: bool = True, locale: str = "en") -> bytes:
    """The framework as an Excel workbook (the bytes of an ``.xlsx`` file).

    The first sheet, ``expectations``, is the long table (`COLUMNS`), with ``mandatory``
    as TRUE/FALSE and ``skill_updated`` as a date. With `matrices`, one more sheet per
    role holds its matrix, ready to print (mandatory items in bold); those sheets are
    views and are not read back. The framework's name, version and language are kept in
    the workbook's properties (title, version, language).

    Needs the ``xlsx`` extra: ``pip install 'skilltaxonomy[xlsx]'``.

    Control characters and carriage returns, which XML cannot hold, are written as the
    ``_x000D_`` escapes Excel uses, and read back.

    Raises:
        ExportError: Some text already looks like such an escape (``_x0041_``), or is
            longer than a cell holds (`MAX_CELL_TEXT`).
    """
    refuse_beyond_the_table(taxonomy)
    header, table_rows = long_table(taxonomy)
    openpyxl = openpyxl_module("writing XLSX")
    styles = openpyxl.styles
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = EXPECTATIONS_SHEET
    sheet.append(list(header))
    for number, row in enumerate(table_rows, start=2):
        append_text_row(
            sheet,
            [storable_cell(row.get(column), number, column, i) for i, column in enumerate(header)],
        )
    for cell in sheet[1]:
        cell.font = styles.Font(bold=True)
    sheet.freeze_panes = "A2"
    if matrices:
        taken = {EXPECTATIONS_SHEET}
        for role in taxonomy.roles:
            labels, rows = matrix_rows(taxonomy, role, locale)
            grid = book.create_sheet(_sheet_title(role.name, taken))
            grid.append(labels)
            for cell in grid[1]:
                cell.font = styles.Font(bold=True)
            for number, cells in enumerate(rows, start=2):
                append_text_row(
                    grid,
                    [
                        storable_cell(text, number, labels[i], i)
                        for i, (text, _) in enumerate(cells)
                    ],
                )
                for column, (_, bold) in enumerate(cells, start=1):
                    cell = grid.cell(number, column)
                    cell.alignment = styles.Alignment(wrap_text=True, vertical="top")
                    if bold:
                        cell.font = styles.Font(bold=True)
            for column in range(3, len(header) + 1):
                grid.column_dimensions[openpyxl.utils.get_column_letter(column)].width = 40
            grid.freeze_panes = "C2"
            grid.page_setup.orientation = "landscape"
    book.properties.title = storable_cell(taxonomy.name, 1, "title", 0)
    book.properties.version = storable_cell(taxonomy.version, 1, "version", 0)
    book.properties.language = storable_cell(taxonomy.language, 1, "language", 0)
    book.properties.creator = "skilltaxonomy"
    # Fixed times, so that the same framework gives the same workbook: `Workbook.save`
    # would stamp the time of saving into the properties, so the writer is called
    # directly, and the zip entries it dates by the clock are dated afresh.
    book.properties.created = book.properties.modified = datetime.datetime(2000, 1, 1)
    buffer = io.BytesIO()
    archive = zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    openpyxl.writer.excel.ExcelWriter(book, archive).save()  # closes the archive
    return _without_clock(buffer.getvalue())


def _without_clock(workbook: bytes) -> bytes:
    """The workbook with every zip entry dated 2000-01-01.

    openpyxl dates each entry by the time of writing, so two writes of the same
    framework a second apart would otherwise differ.
    """
    rewritten = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook)) as source,
        zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            entry.date_time = (2000, 1, 1, 0, 0, 0)
            target.writestr(entry, source.read(entry))
    return rewritten.getvalue()


# Reading ---------------------------------------------------------------------------------


def read(
    data: bytes | str,
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str | None = None,
    version: str | None = None,
    language: str | None = None,
    max_rows: int = DEFAULT_MAX_ROWS,
    max_columns: int = DEFAULT_MAX_COLUMNS,
    max_cells: int = DEFAULT_MAX_CELLS,
) -> Reading:
    """Read the long table of an Excel workbook (an ``.xlsx`` file's bytes).

    The table is read from the sheet named ``expectations``, else the first sheet; the
    matrix sheets `write` adds are views and are ignored. The name, version and
    language default to the workbook's properties (title, version, language). Cells
    are read as Excel stores them: TRUE/FALSE or yes/no for ``mandatory``, a date or
    ISO text for ``skill_updated``.

    A workbook is a zip archive: `max_bytes` limits both its size and what it unpacks
    to, so that a small file cannot unpack into an unbounded one; `max_rows`,
    `max_columns` and `max_cells` bound the table, whatever the sheet's
    ``<dimension>`` claims.

    Needs the ``xlsx`` extra: ``pip install 'skilltaxonomy[xlsx]'``.

    Raises:
        InvalidTableError: The bytes are not a workbook, or rows are bad; each problem
            is placed as ``row 7, column F (level_rank)``.
    """
    book = open_workbook(data, source, max_bytes, InvalidTableError, "reading XLSX")
    try:
        raw = b"" if isinstance(data, str) else data  # `open_workbook` refused text
        properties = workbook_properties(raw, source, InvalidTableError)
        found = {
            "title": _property(properties["title"], "title", source, name=True) or "Untitled",
            "version": _property(properties["version"], "version", source, name=False),
            "language": _property(properties["language"], "language", source, name=False) or "en",
        }
        sheet = _table_sheet(book, source)
        # The sheet's own <dimension> is input too: rows are read as they are stored.
        sheet.reset_dimensions()
        taxonomy = read_rows(
            (tuple(map(unescape_cell, row)) for row in sheet.iter_rows(values_only=True)),
            source,
            name if name is not None else found["title"],
            version if version is not None else found["version"],
            language if language is not None else found["language"],
            max_rows=max_rows,
            max_columns=max_columns,
            max_cells=max_cells,
        )
    finally:
        book.close()
    return Reading(taxonomy)


def _table_sheet(book: Any, source: str | None) -> Any:
    """The worksheet holding the long table: ``expectations``, else the first sheet."""
    names = book.sheetnames
    if not names:
        raise InvalidTableError([Problem("$", "the workbook has no sheet")], source)
    name = EXPECTATIONS_SHEET if EXPECTATIONS_SHEET in names else names[0]
    sheet = book[name]
    if not hasattr(sheet, "iter_rows"):
        message = f"the sheet {name!r} is not a worksheet (a chart sheet holds no table)"
        raise InvalidTableError([Problem("$", message)], source)
    return sheet


def _property(value: object, key: str, source: str | None, *, name: bool) -> str:
    """A workbook property as the framework's text, checked like every cell."""
    text = "" if value is None else str(unescape_cell(str(value)))
    problem = character_problem(text, name=name)
    if problem is None and name and text and not text.strip():
        problem = f"expected a non-empty title, got {text!r}"
    if problem is not None:
        raise InvalidTableError([Problem(f"workbook properties: {key}", problem)], source)
    return text
