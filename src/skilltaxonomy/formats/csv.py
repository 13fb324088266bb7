"""CSV: the long table as comma-separated text, and a role's matrix as HR prints it.

Format ``csv`` reads and writes the long table (`skilltaxonomy.formats.table.COLUMNS`);
``matrix-csv`` writes one role's skills × levels grid.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence

from skilltaxonomy._text import column_letter
from skilltaxonomy.exceptions import ExportError, InvalidTableError
from skilltaxonomy.formats._guard import AUTO, DEFAULT_MAX_BYTES, Reading, check_size
from skilltaxonomy.formats.table import (
    DEFAULT_MAX_CELLS,
    DEFAULT_MAX_COLUMNS,
    DEFAULT_MAX_ROWS,
    CsvText,
    decode_table,
    is_known_column,
    long_table,
    matrix_rows,
    read_matrix_rows,
    read_rows,
    refuse_beyond_the_table,
    sniff_delimiter,
    text_cell,
)
from skilltaxonomy.model import Role, Taxonomy


def _write_csv(header: Sequence[str], rows: Iterable[Sequence[object]], bom: bool) -> str:
    buffer = io.StringIO(newline="")
    # Excel and RFC 4180 both expect CRLF; quoting handles commas, quotes and newlines.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    # A CSV reader (Python's among them) refuses a field longer than its limit, so such a
    # table would not read back: it is not written.
    limit = csv.field_size_limit()
    for number, row in enumerate(rows, start=2):
        cells = [text_cell(value) for value in row]
        for index, cell in enumerate(cells):
            if len(cell) > limit:
                raise ExportError(
                    f"cannot write CSV: row {number}, column {column_letter(index)} "
                    f"({header[index]}) holds {len(cell)} characters; CSV readers take at "
                    f"most {limit} (JSON and CASE can hold it)"
                )
        writer.writerow(cells)
    return ("\ufeff" if bom else "") + buffer.getvalue()


def write(taxonomy: Taxonomy, *, bom: bool = False) -> str:
    """The framework as a long CSV table, one row per expectation (see `COLUMNS`).

    A field longer than CSV readers take (`csv.field_size_limit()`, 131,072 characters)
    is refused with `ExportError`, so that every table written reads back.

    Fields holding commas, quotes or newlines are quoted; lines end with CRLF. With
    `bom`, the text starts with a byte-order mark, which Excel needs to read UTF-8.
    ``mandatory`` is written ``yes`` or ``no``.

    >>> from skilltaxonomy import dumps, load
    >>> print(dumps(load(), format="csv").splitlines()[0])
    domain,category,skill,role,level,level_rank,mandatory,description,domain_id,skill_id,role_id,level_id,skill_summary,skill_updated,role_family,role_summary
    """
    refuse_beyond_the_table(taxonomy)
    header, rows = long_table(taxonomy)
    return _write_csv(header, ([row.get(c) for c in header] for row in rows), bom)


def write_matrix(
    taxonomy: Taxonomy, *, role: Role | str, locale: str = "en", bom: bool = False
) -> str:
    """A role's matrix as CSV: a row per skill, a column per level, the layout HR prints.

    Mandatory items start with the locale's word for required (``Required: …``).

    >>> from skilltaxonomy import dumps, load
    >>> print(dumps(load(), format="matrix-csv", role="llm-engineer").splitlines()[0])
    Skill,Category,Junior,Middle,Senior,Lead / Staff,Principal
    """
    header, rows = matrix_rows(taxonomy, role, locale)
    return _write_csv(header, ([text for text, _ in row] for row in rows), bom)


def read(
    data: str | bytes,
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str | None = None,
    version: str = "",
    language: str = "en",
    max_rows: int = DEFAULT_MAX_ROWS,
    max_columns: int = DEFAULT_MAX_COLUMNS,
    max_cells: int = DEFAULT_MAX_CELLS,
    encoding: str = AUTO,
) -> Reading:
    """Read a long CSV table (as `write` writes it, or made by hand).

    Columns are matched by name, in any order and case (``Skill ID`` is ``skill_id``).
    Fields may be separated by commas, semicolons (as Excel writes them where the
    decimal mark is a comma) or tabs: the header tells which.
    `REQUIRED_COLUMNS` must be there; without id columns, ids are made from names.
    Domains, skills and roles keep the order they first appear in; levels are ordered by
    ``level_rank``. A CSV file has no place for the framework's name: it is `name`,
    else the file's name without its suffix, else ``"Untitled"``. `max_rows`,
    `max_columns` and `max_cells` bound the table (beside `max_bytes`). Bytes are read
    in `encoding` (``"auto"``: a byte-order mark, UTF-8, else Windows-1252, what Excel
    on Windows saves); `Reading.encoding` says which.

    Raises:
        InvalidTableError: Every bad row, each problem at its row and column, such as
            ``row 7, column F (level_rank): expected a rank: 1, 2, 3…, got 'two'``; a
            row whose cells span several lines names them too (``row 7 (lines 7–9)``).
    """
    check_size(data, max_bytes, InvalidTableError, source)
    text, used = decode_table(data, encoding, is_known_column, InvalidTableError, source)
    if name is None:
        name = _stem(source) if source else "Untitled"
    records = _records(text)
    try:
        taxonomy = read_rows(
            iter(records),
            source,
            name,
            version,
            language,
            max_rows=max_rows,
            max_columns=max_columns,
            max_cells=max_cells,
        )
    except csv.Error as error:
        raise records.syntax_error(error, source) from None
    except InvalidTableError as error:
        raise records.placed(error) from None
    return Reading(taxonomy, encoding=used)


def read_matrix(
    data: str | bytes,
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str | None = None,
    role: str | None = None,
    domain: str | None = None,
    unflagged: bool | None = False,
    max_rows: int = DEFAULT_MAX_ROWS,
    max_columns: int = DEFAULT_MAX_COLUMNS,
    max_cells: int = DEFAULT_MAX_CELLS,
    encoding: str = AUTO,
) -> Reading:
    """Read one role's skills × levels matrix as CSV (as `write_matrix` writes it).

    Also a wide sheet made by hand: a skill a row, a level a column, each cell what the
    role expects there (`read_matrix_rows` says how cells are read). The matrix names
    no role, domain or framework: they are `role`, `domain` and `name`, each the file's
    name without its suffix by default. Separators are told as `read` tells them.

    >>> from skilltaxonomy import dumps, load, loads
    >>> text = dumps(load(), format="matrix-csv", role="llm-engineer")
    >>> matrix = loads(text, format="matrix-csv", role="LLM Engineer")
    >>> [level.name for level in matrix.levels][:2], len(matrix.expectations)
    (['Junior', 'Middle'], 5)
    >>> dumps(matrix, format="matrix-csv", role="LLM Engineer") == text
    True
    """
    check_size(data, max_bytes, InvalidTableError, source)
    text, used = decode_table(data, encoding, is_known_column, InvalidTableError, source)
    stem = _stem(source) if source else "Untitled"
    records = _records(text)
    try:
        taxonomy = read_matrix_rows(
            iter(records),
            source,
            name=name or stem,
            role=role or stem,
            domain=domain or stem,
            unflagged=unflagged,
            max_rows=max_rows,
            max_columns=max_columns,
            max_cells=max_cells,
        )
    except csv.Error as error:
        raise records.syntax_error(error, source) from None
    except InvalidTableError as error:
        raise records.placed(error) from None
    return Reading(taxonomy, encoding=used)


def _records(text: str) -> CsvText:
    """The records of `text`, its separator told by the header (`sniff_delimiter`)."""
    return CsvText(text, sniff_delimiter(text, is_known_column))


def _stem(source: str) -> str:
    """A file's name without its folder and suffix: ``ladders/ours.csv`` → ``ours``."""
    base = os.path.basename(source)
    return os.path.splitext(base)[0] or base
