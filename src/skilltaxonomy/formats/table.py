"""Frameworks as tables: a long one in CSV and XLSX, a role matrix, records for pandas.

The long table has one row per expectation; the wide matrix, a row per skill and a
column per level, is the layout people print.

The long table is the exchange layout: every fact of the framework has a column, so a
table read back and written again gives the same rows. Entities no expectation mentions
(a new skill, a role not yet filled in, an unused level) get a row of their own with the
expectation columns left empty.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from skilltaxonomy._text import ISO_DATE, character_problem, close_matches, id_key, slug
from skilltaxonomy.exceptions import (
    ExportError,
    InvalidTableError,
    InvalidValueError,
    MissingDependencyError,
    Problem,
)
from skilltaxonomy.formats._guard import DEFAULT_MAX_BYTES, decode_utf8
from skilltaxonomy.model import Domain, Expectation, Level, Role, Skill, Taxonomy
from skilltaxonomy.model.problems import id_collision

if TYPE_CHECKING:
    import pandas

#: The columns of the long table, in the order they are written.
COLUMNS: tuple[str, ...] = (
    "domain",
    "category",
    "skill",
    "role",
    "level",
    "level_rank",
    "mandatory",
    "description",
    "domain_id",
    "skill_id",
    "role_id",
    "level_id",
    "skill_summary",
    "skill_updated",
    "role_family",
    "role_summary",
)

#: Columns a table must have; the others may be left out (ids are then made from names).
REQUIRED_COLUMNS: tuple[str, ...] = (
    "domain",
    "skill",
    "role",
    "level",
    "level_rank",
    "mandatory",
    "description",
)

# Columns holding ids and names, which are one line of plain text.
_NAME_COLUMNS = frozenset(
    ("domain", "skill", "role", "level", "domain_id", "skill_id", "role_id", "level_id")
)

#: The sheet of a workbook that holds the long table.
EXPECTATIONS_SHEET = "expectations"

Cell: TypeAlias = str | int | float | bool | datetime.date | datetime.datetime | None
Record: TypeAlias = dict[str, Any]

_TRUE = frozenset({"yes", "y", "true", "1", "x", "mandatory", "required"})
_FALSE = frozenset({"no", "n", "false", "0", "optional"})
# XML 1.0 cannot hold these characters (and turns a carriage return into a line feed).
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_ESCAPE_LIKE = re.compile(r"_x[0-9A-Fa-f]{4}_")
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# What a row that defines one entity, and no expectation, may fill in.
_ENTITY_ROW_SHAPES = frozenset(
    map(frozenset, ({"domain"}, {"domain", "skill"}, {"skill"}, {"role"}, {"level"}))
)


# Writing ---------------------------------------------------------------------------------


def _blank() -> Record:
    return dict.fromkeys(COLUMNS)


def _domain_cells(row: Record, domain: Domain) -> None:
    row["domain"], row["domain_id"] = domain.name, domain.id


def _skill_cells(row: Record, skill: Skill) -> None:
    _domain_cells(row, skill.domain)
    row["category"], row["skill"], row["skill_id"] = skill.category, skill.name, skill.id
    row["skill_summary"], row["skill_updated"] = skill.summary, skill.updated


def _role_cells(row: Record, role: Role) -> None:
    row["role"], row["role_id"] = role.name, role.id
    row["role_family"], row["role_summary"] = role.family, role.summary


def _level_cells(row: Record, level: Level) -> None:
    row["level"], row["level_id"], row["level_rank"] = level.name, level.id, level.rank


def _expectation_record(expectation: Expectation) -> Record:
    row = _blank()
    _skill_cells(row, expectation.skill)
    _role_cells(row, expectation.role)
    _level_cells(row, expectation.level)
    row["mandatory"], row["description"] = expectation.mandatory, expectation.description
    return row


def _long_rows(taxonomy: Taxonomy) -> list[Record]:
    """Every row of the long table, values typed (rank int, flag bool, date or None)."""
    expectations = taxonomy.expectations
    rows = [_expectation_record(e) for e in expectations]
    used_skills = {e.skill.id for e in expectations}
    used_roles = {e.role.id for e in expectations}
    used_levels = {e.level.id for e in expectations}
    domains_with_skills = {s.domain.id for s in taxonomy.skills}
    parts: list[tuple[Iterable[Any], set[str], Callable[[Record, Any], None]]] = [
        (taxonomy.domains, domains_with_skills, _domain_cells),
        (taxonomy.skills, used_skills, _skill_cells),
        (taxonomy.roles, used_roles, _role_cells),
        (taxonomy.levels, used_levels, _level_cells),
    ]
    for items, used, fill in parts:
        for item in items:
            if item.id not in used:
                row = _blank()
                fill(row, item)
                rows.append(row)
    return rows


def to_records(taxonomy: Taxonomy) -> list[dict[str, Any]]:
    """One plain dict per expectation, in file order, ready for ``pandas.DataFrame(...)``.

    Keys are the long table's columns (`COLUMNS`); ``level_rank`` is an int,
    ``mandatory`` a bool and ``skill_updated`` a `datetime.date` or ``None``.

    >>> from skilltaxonomy import load, to_records
    >>> record = to_records(load())[0]
    >>> record["skill"], record["role"], record["level"], record["level_rank"], record["mandatory"]
    ('Neural Network Architectures', 'Data Scientist', 'Junior', 1, False)
    """
    return [_expectation_record(e) for e in taxonomy.expectations]


def to_dataframe(taxonomy: Taxonomy) -> pandas.DataFrame:
    """The expectations as a tidy `pandas.DataFrame`, one row each.

    ``level`` is an ordered categorical in ladder order, so sorting and comparing levels
    follow the ladder. Needs the ``pandas`` extra: ``pip install 'skilltaxonomy[pandas]'``.
    """
    try:
        import pandas  # noqa: PLC0415 - an optional dependency, loaded when asked for
    except ImportError as error:
        raise MissingDependencyError("to_dataframe", "pandas", "pandas") from error
    frame = pandas.DataFrame(to_records(taxonomy), columns=list(COLUMNS))
    ladder = list(dict.fromkeys(level.name for level in taxonomy.levels))
    frame["level"] = pandas.Categorical(frame["level"], categories=ladder, ordered=True)
    return frame


def _text_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _write_csv(header: Sequence[str], rows: Iterable[Sequence[object]], bom: bool) -> str:
    buffer = io.StringIO(newline="")
    # Excel and RFC 4180 both expect CRLF; quoting handles commas, quotes and newlines.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_text_cell(value) for value in row] for row in rows)
    return ("\ufeff" if bom else "") + buffer.getvalue()


def to_csv(taxonomy: Taxonomy, *, bom: bool = False) -> str:
    """The framework as a long CSV table, one row per expectation (see `COLUMNS`).

    Fields holding commas, quotes or newlines are quoted; lines end with CRLF. With
    `bom`, the text starts with a byte-order mark, which Excel needs to read UTF-8.
    ``mandatory`` is written ``yes`` or ``no``.

    >>> from skilltaxonomy import load, to_csv
    >>> print(to_csv(load()).splitlines()[0])
    domain,category,skill,role,level,level_rank,mandatory,description,domain_id,skill_id,role_id,level_id,skill_summary,skill_updated,role_family,role_summary
    """
    return _write_csv(COLUMNS, ([row[c] for c in COLUMNS] for row in _long_rows(taxonomy)), bom)


def _matrix_rows(
    taxonomy: Taxonomy, role: Role | str, locale: str
) -> tuple[list[str], list[list[tuple[str, bool]]]]:
    from skilltaxonomy._i18n import flag_word, messages  # noqa: PLC0415 - catalogs on first use

    words = messages(locale)
    matrix = taxonomy.matrix(role)
    header = [words._("Skill"), words._("Category"), *(level.name for level in matrix.levels)]
    required = flag_word(words)
    rows = []
    for row in matrix.rows:
        cells = [(row.skill.name, False), (row.skill.category, False)]
        for found in row.cells:
            if found is None:
                cells.append(("", False))
            elif found.mandatory:
                cells.append((f"{required}: {found.description}", True))
            else:
                cells.append((found.description, False))
        rows.append(cells)
    return header, rows


def to_matrix_csv(
    taxonomy: Taxonomy, role: Role | str, *, locale: str = "en", bom: bool = False
) -> str:
    """A role's matrix as CSV: a row per skill, a column per level, the layout HR prints.

    Mandatory items start with the locale's word for required (``Required: …``).

    >>> from skilltaxonomy import load, to_matrix_csv
    >>> print(to_matrix_csv(load(), "llm-engineer").splitlines()[0])
    Skill,Category,Junior,Middle,Senior,Lead / Staff,Principal
    """
    header, rows = _matrix_rows(taxonomy, role, locale)
    return _write_csv(header, ([text for text, _ in row] for row in rows), bom)


def _openpyxl(what: str) -> Any:
    try:
        import openpyxl  # noqa: PLC0415 - an optional dependency, loaded when asked for
    except ImportError as error:
        raise MissingDependencyError(what, "openpyxl", "xlsx") from error
    return openpyxl


def _sheet_title(name: str, taken: set[str]) -> str:
    r"""A valid, unique worksheet title (31 characters, none of ``[]:*?/\\``)."""
    base = _NOT_IN_XML.sub(" ", _SHEET_NAME_FORBIDDEN.sub("-", name)).strip("' ") or "role"
    title, number = base[:31], 2
    while title.casefold() in taken:
        suffix = f" ({number})"
        title, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(title.casefold())
    return title


def _storable(value: object, number: int, column: str, index: int) -> object:
    r"""A cell's value as XLSX can hold it.

    XML has no way to write most control characters, and reads a carriage return as a
    line feed, so these are written as the ``_x000D_`` escapes Excel itself uses, and read
    back by `from_xlsx`. Text that already looks like such an escape could not be told
    apart, so it cannot be written.
    """
    if not isinstance(value, str):
        return value
    found = _ESCAPE_LIKE.search(value)
    if found is not None:
        raise ExportError(
            f"cannot write XLSX: row {number}, column {_column_letter(index)} ({column}) "
            f"holds the text {found.group()!r}, which XLSX reads as an escaped character "
            "(CSV, JSON and CASE can hold it)"
        )
    return _NOT_IN_XML.sub(lambda char: f"_x{ord(char.group()):04X}_", value)


def _append(sheet: Any, values: Sequence[object]) -> None:
    """Add a row whose text stays text: ``=SUM(A1)`` is not made a formula."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _unescape_cell(value: Cell) -> Cell:
    if isinstance(value, str) and "_x" in value:
        return _ESCAPE_LIKE.sub(lambda found: chr(int(found.group()[2:6], 16)), value)
    return value


def to_xlsx(taxonomy: Taxonomy, *, matrices: bool = True, locale: str = "en") -> bytes:
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
        ExportError: Some text already looks like such an escape (``_x0041_``).
    """
    openpyxl = _openpyxl("to_xlsx")
    styles = openpyxl.styles
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = EXPECTATIONS_SHEET
    sheet.append(list(COLUMNS))
    for number, row in enumerate(_long_rows(taxonomy), start=2):
        _append(
            sheet,
            [_storable(row[column], number, column, i) for i, column in enumerate(COLUMNS)],
        )
    for cell in sheet[1]:
        cell.font = styles.Font(bold=True)
    sheet.freeze_panes = "A2"
    if matrices:
        taken = {EXPECTATIONS_SHEET}
        for role in taxonomy.roles:
            header, rows = _matrix_rows(taxonomy, role, locale)
            grid = book.create_sheet(_sheet_title(role.name, taken))
            grid.append(header)
            for cell in grid[1]:
                cell.font = styles.Font(bold=True)
            for number, cells in enumerate(rows, start=2):
                _append(
                    grid,
                    [_storable(text, number, header[i], i) for i, (text, _) in enumerate(cells)],
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
    book.properties.title = _storable(taxonomy.name, 1, "title", 0)
    book.properties.version = _storable(taxonomy.version, 1, "version", 0)
    book.properties.language = _storable(taxonomy.language, 1, "language", 0)
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


def _column_letter(index: int) -> str:
    """``0`` → ``A``, ``26`` → ``AA``: the column as a spreadsheet shows it."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _header_key(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().casefold())


@attrs.frozen
class _Found:
    """An entity read from a table: its fields, and the row that first gave them."""

    row: int
    fields: tuple[object, ...]


class _TableReader:
    """Read rows of cells into a `Taxonomy`, collecting every problem with its place."""

    def __init__(self, header: Sequence[Cell], source: str | None) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.columns: dict[str, int] = {}
        for index, cell in enumerate(header):
            text = _text_cell(cell)
            key = _header_key(text)
            place = f"row 1, column {_column_letter(index)}"
            if not key:
                continue
            if key not in COLUMNS:
                hint = close_matches(key, COLUMNS, limit=1)
                expected = (
                    f"did you mean {hint[0]!r}?"
                    if hint
                    else f"expected one of: {', '.join(COLUMNS)}"
                )
                self.problems.append(Problem(place, f"unknown column {text!r} ({expected})"))
            elif key in self.columns:
                first = _column_letter(self.columns[key])
                self.problems.append(Problem(place, f"column {key!r} repeats column {first}"))
            else:
                self.columns[key] = index
        for column in REQUIRED_COLUMNS:
            if column not in self.columns:
                self.problems.append(Problem("row 1", f"required column {column!r} missing"))
        self.domains: dict[str, _Found] = {}
        self.skills: dict[str, _Found] = {}
        self.roles: dict[str, _Found] = {}
        self.levels: dict[str, _Found] = {}
        self.cells: dict[tuple[str, str, str], int] = {}
        # Each kind's ids in the form they collide in, with the id and row that came first.
        self.folded: dict[tuple[str, str], tuple[str, int]] = {}
        self.expectations: list[tuple[str, str, str, bool, str]] = []
        # A level whose rank could not be read leaves a gap not worth reporting again.
        self.unranked = False

    # Cells -----------------------------------------------------------------------------

    def _place(self, number: int, column: str) -> str:
        return f"row {number}, column {_column_letter(self.columns[column])} ({column})"

    def _raw(self, cells: Sequence[Cell], column: str) -> Cell:
        index = self.columns.get(column)
        if index is None or index >= len(cells):
            return None
        return cells[index]

    def _text(self, cells: Sequence[Cell], column: str) -> str:
        value = self._raw(cells, column)
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a number typed in a text column: 3.0 shows as 3
        return _text_cell(value)

    def _problem(self, number: int, column: str, message: str) -> None:
        self.problems.append(Problem(self._place(number, column), message))

    def _id(self, cells: Sequence[Cell], number: int, kind: str) -> str | None:
        """The row's id for `kind`, from its id column or else made from its name."""
        name = self._text(cells, kind)
        if f"{kind}_id" not in self.columns:
            return slug(name) if name.strip() else None
        key = self._text(cells, f"{kind}_id")
        if not key:
            if name.strip():
                self._problem(number, f"{kind}_id", f"expected the {kind}'s id, got an empty cell")
            return None
        if key.strip() != key:
            self._problem(
                number, f"{kind}_id", f"expected an id without surrounding whitespace, got {key!r}"
            )
            return None
        return key

    def _name(self, cells: Sequence[Cell], number: int, kind: str) -> str | None:
        name = self._text(cells, kind)
        if not name.strip():
            self._problem(number, kind, f"expected the {kind}'s name, got an empty cell")
            return None
        return name

    def _rank(self, cells: Sequence[Cell], number: int) -> int | None:
        value = self._raw(cells, "level_rank")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and value.strip().isdecimal():
            value = int(value)
        if type(value) is not int or value < 1:
            if value in (None, ""):
                shown = "an empty cell"
            elif isinstance(value, datetime.date):  # a rank Excel took for a date
                day = value.date() if isinstance(value, datetime.datetime) else value
                shown = f"a date ({day.isoformat()})"
            else:
                shown = repr(value)
            self._problem(number, "level_rank", f"expected a rank: 1, 2, 3…, got {shown}")
            return None
        return value

    def _flag(self, cells: Sequence[Cell], number: int) -> bool | None:
        value = self._raw(cells, "mandatory")
        if isinstance(value, bool):
            return value
        word = self._text(cells, "mandatory").strip().casefold()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        shown = "an empty cell" if not word else repr(self._text(cells, "mandatory"))
        self._problem(number, "mandatory", f"expected yes or no, got {shown}")
        return None

    def _date(self, cells: Sequence[Cell], number: int) -> datetime.date | None:
        value = self._raw(cells, "skill_updated")
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = self._text(cells, "skill_updated").strip()
        if not text:
            return None
        if ISO_DATE.fullmatch(text):
            try:
                return datetime.date.fromisoformat(text)
            except ValueError:
                pass
        self._problem(
            number, "skill_updated", f"expected an ISO date such as '2026-02-22', got {text!r}"
        )
        return None

    # Entities --------------------------------------------------------------------------

    def _define(
        self,
        kind: str,
        found: dict[str, _Found],
        key: str,
        number: int,
        fields: Mapping[str, object],
    ) -> None:
        """Record an entity, or check a later row agrees with the first that gave it."""
        values = tuple(fields.values())
        same, row = self.folded.setdefault((kind, id_key(key)), (key, number))
        if same != key:
            message = id_collision(kind, key, same, f"row {row}")
            self._problem(number, f"{kind}_id" if f"{kind}_id" in self.columns else kind, message)
            return
        earlier = found.setdefault(key, _Found(number, values))
        if earlier.row == number:
            return
        for column, before, now in zip(fields, earlier.fields, values, strict=True):
            if before != now:
                shown = _text_cell(now) if column != "skill_updated" else str(now or "")
                self._problem(
                    number,
                    column,
                    f"{kind} {key!r} is {_text_cell(before)!r} in row {earlier.row}, "
                    f"here {shown!r}",
                )

    def _domain(self, cells: Sequence[Cell], number: int) -> str | None:
        key = self._id(cells, number, "domain")
        name = self._name(cells, number, "domain")
        if key is None or name is None:
            return None
        self._define("domain", self.domains, key, number, {"domain": name})
        return key

    def _skill(self, cells: Sequence[Cell], number: int) -> str | None:
        domain = self._domain(cells, number)
        key = self._id(cells, number, "skill")
        name = self._name(cells, number, "skill")
        updated = self._date(cells, number)
        if domain is None or key is None or name is None:
            return None
        fields = {
            "skill": name,
            "domain_id" if "domain_id" in self.columns else "domain": domain,
            "category": self._text(cells, "category"),
            "skill_summary": self._text(cells, "skill_summary"),
            "skill_updated": updated,
        }
        self._define("skill", self.skills, key, number, fields)
        return key

    def _role(self, cells: Sequence[Cell], number: int) -> str | None:
        key = self._id(cells, number, "role")
        name = self._name(cells, number, "role")
        if key is None or name is None:
            return None
        fields = {
            "role": name,
            "role_family": self._text(cells, "role_family"),
            "role_summary": self._text(cells, "role_summary"),
        }
        self._define("role", self.roles, key, number, fields)
        return key

    def _level(self, cells: Sequence[Cell], number: int) -> str | None:
        key = self._id(cells, number, "level")
        name = self._name(cells, number, "level")
        rank = self._rank(cells, number)
        if rank is None:
            self.unranked = True
        if key is None or name is None or rank is None:
            return None
        self._define("level", self.levels, key, number, {"level": name, "level_rank": rank})
        return key

    def _filled(self, cells: Sequence[Cell], *columns: str) -> bool:
        return any(self._text(cells, column).strip() for column in columns)

    def _characters_allowed(self, cells: Sequence[Cell], number: int) -> bool:
        """Whether each text cell holds only the characters its column may (docs/format.md)."""
        allowed = True
        for column, index in self.columns.items():
            value = cells[index] if index < len(cells) else None
            if isinstance(value, str):
                problem = character_problem(value, name=column in _NAME_COLUMNS)
                if problem is not None:
                    self._problem(number, column, problem)
                    allowed = False
        return allowed

    def read_row(self, cells: Sequence[Cell], number: int) -> None:
        if not self._characters_allowed(cells, number):
            return
        has = {
            kind: self._filled(cells, kind, f"{kind}_id")
            for kind in ("domain", "skill", "role", "level")
        }
        details = self._filled(cells, "mandatory", "description")
        if has["skill"] and has["role"] and has["level"]:
            skill = self._skill(cells, number)
            role = self._role(cells, number)
            level = self._level(cells, number)
            flag = self._flag(cells, number)
            if None in (skill, role, level, flag):
                return
            cell = (skill, role, level)
            first = self.cells.setdefault(cell, number)  # type: ignore[arg-type]
            if first != number:
                self.problems.append(
                    Problem(
                        f"row {number}",
                        f"duplicate expectation for (skill, role, level) {cell!r} "
                        f"(first in row {first})",
                    )
                )
                return
            self.expectations.append((*cell, flag, self._text(cells, "description")))  # type: ignore[arg-type]
            return
        shape = frozenset(kind for kind, filled in has.items() if filled)
        if details or shape not in _ENTITY_ROW_SHAPES:
            missing = [kind for kind in ("skill", "role", "level") if not has[kind]]
            self._problem(
                number,
                missing[0],
                "expected the "
                + ", ".join(missing)
                + " of this expectation (a row that only defines a domain, skill, role or "
                "level leaves the others empty)",
            )
            return
        if has["skill"]:
            self._skill(cells, number)
        elif has["domain"]:
            self._domain(cells, number)
        elif has["role"]:
            self._role(cells, number)
        else:
            self._level(cells, number)

    def _ladder(self) -> tuple[Level, ...]:
        by_rank: dict[int, tuple[str, _Found]] = {}
        for key, found in self.levels.items():
            rank = found.fields[1]
            assert isinstance(rank, int)
            other = by_rank.setdefault(rank, (key, found))
            if other[0] != key:
                self._problem(
                    found.row,
                    "level_rank",
                    f"rank {rank} is level {other[0]!r}'s already (row {other[1].row})",
                )
        for expected, rank in enumerate(sorted(by_rank), start=1):
            if rank != expected and not self.unranked:
                key, found = by_rank[rank]
                self._problem(
                    found.row,
                    "level_rank",
                    f"ranks must run 1, 2, 3… without gaps: no level has rank {expected}",
                )
                break
        return tuple(
            Level(key, str(found.fields[0]), rank) for rank, (key, found) in sorted(by_rank.items())
        )

    def taxonomy(self, name: str, version: str, language: str) -> Taxonomy:
        levels = self._ladder()
        if self.problems:
            raise InvalidTableError(self.problems, self.source)
        domains = {key: Domain(key, str(f.fields[0])) for key, f in self.domains.items()}
        skills = {}
        for key, found in self.skills.items():
            skill_name, domain, category, summary, updated = found.fields
            skills[key] = Skill(
                key,
                str(skill_name),
                domains[str(domain)],
                str(category),
                str(summary),
                updated if isinstance(updated, datetime.date) else None,
            )
        roles = {key: Role(key, *map(str, found.fields)) for key, found in self.roles.items()}
        by_level = {level.id: level for level in levels}
        return Taxonomy(
            name=name,
            version=version,
            language=language,
            domains=domains.values(),
            skills=skills.values(),
            roles=roles.values(),
            levels=levels,
            expectations=[
                Expectation(skills[s], roles[r], by_level[lv], flag, text)
                for s, r, lv, flag, text in self.expectations
            ],
        )


def _read_rows(
    rows: Iterator[Sequence[Cell]], source: str | None, name: str, version: str, language: str
) -> Taxonomy:
    header = next(rows, None)
    if header is None:
        raise InvalidTableError(
            [Problem("row 1", "the table is empty (expected a header)")], source
        )
    reader = _TableReader(header, source)
    if reader.problems:  # without the right columns, rows cannot be read
        raise InvalidTableError(reader.problems, source)
    for number, cells in enumerate(rows, start=2):
        if any(_text_cell(cell).strip() for cell in cells):
            reader.read_row(cells, number)
    return reader.taxonomy(name, version, language)


def from_csv(
    data: str | bytes,
    *,
    name: str,
    version: str = "",
    language: str = "en",
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Taxonomy:
    """Read a long CSV table (as `to_csv` writes it, or made by hand) into a `Taxonomy`.

    Columns are matched by name, in any order and case (``Skill ID`` is ``skill_id``).
    `REQUIRED_COLUMNS` must be there; without id columns, ids are made from names.
    Domains, skills and roles keep the order they first appear in; levels are ordered by
    ``level_rank``. A CSV file has no place for the framework's name, so it is given.
    Inputs larger than `max_bytes` (characters, for text) are refused.

    Raises:
        InvalidTableError: Every bad row, each problem at its row and column, such as
            ``row 7, column F (level_rank): expected a rank: 1, 2, 3…, got 'two'``.

    >>> from skilltaxonomy import from_csv, load, to_csv
    >>> bundled = load()
    >>> from_csv(to_csv(bundled), name=bundled.name, version=bundled.version) == bundled
    True
    """
    if len(data) > max_bytes:
        unit = "characters" if isinstance(data, str) else "bytes"
        message = f"input is {len(data)} {unit}; the limit is {max_bytes}"
        raise InvalidTableError([Problem("$", message)], source)
    if isinstance(data, (bytes, bytearray)):
        try:
            text = decode_utf8(bytes(data))
        except InvalidValueError as error:
            raise InvalidTableError([Problem("row 1", str(error))], source) from None
    else:
        text = data.removeprefix("\ufeff")
    rows = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        return _read_rows(iter(list(rows)), source, name, version, language)
    except csv.Error as error:
        raise InvalidTableError(
            [Problem(f"line {rows.line_num}", f"not valid CSV: {error}")], source
        ) from None


def _unpacked_size(data: bytes) -> int | None:
    """What a zip archive's members add up to once unpacked; None if it is no archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return None


def from_xlsx(
    data: bytes,
    *,
    name: str | None = None,
    version: str | None = None,
    language: str | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Taxonomy:
    """Read the long table of an Excel workbook (an ``.xlsx`` file's bytes).

    The table is read from the sheet named ``expectations``, else the first sheet; the
    matrix sheets `to_xlsx` adds are views and are ignored. The name, version and
    language default to the workbook's properties (title, version, language). Cells
    are read as Excel stores them: TRUE/FALSE or yes/no for ``mandatory``, a date or
    ISO text for ``skill_updated``.

    A workbook is a zip archive: `max_bytes` limits both its size and what it unpacks
    to, so that a small file cannot unpack into an unbounded one.

    Needs the ``xlsx`` extra: ``pip install 'skilltaxonomy[xlsx]'``.

    Raises:
        InvalidTableError: The bytes are not a workbook, or rows are bad; each problem
            is placed as ``row 7, column F (level_rank)``.
    """
    openpyxl = _openpyxl("from_xlsx")
    if len(data) > max_bytes:
        message = f"input is {len(data)} bytes; the limit is {max_bytes}"
        raise InvalidTableError([Problem("$", message)], source)
    unpacked = _unpacked_size(data)
    if unpacked is not None and unpacked > max_bytes:
        message = f"the workbook unpacks to {unpacked} bytes; the limit is {max_bytes}"
        raise InvalidTableError([Problem("$", message)], source)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - a damaged file fails in many ways inside openpyxl
        raise InvalidTableError(
            [Problem("$", f"not an Excel workbook (.xlsx): {error}")], source
        ) from None
    try:
        names = book.sheetnames
        sheet = book[EXPECTATIONS_SHEET] if EXPECTATIONS_SHEET in names else book[names[0]]
        rows = [tuple(map(_unescape_cell, row)) for row in sheet.iter_rows(values_only=True)]
        properties = book.properties
    finally:
        book.close()
    return _read_rows(
        iter(rows),
        source,
        name if name is not None else str(_unescape_cell(properties.title or "Untitled")),
        version if version is not None else str(_unescape_cell(properties.version or "")),
        language if language is not None else str(_unescape_cell(properties.language or "en")),
    )
