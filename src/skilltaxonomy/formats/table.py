"""The long table: a framework as rows of cells, and rows of cells read back.

The shared base of the table formats (`skilltaxonomy.formats.csv`,
`skilltaxonomy.formats.xlsx`): one row per expectation, and a row of its own for an
entity no expectation mentions (a new skill, a role not yet filled in, an unused level),
its expectation columns left empty. Every fact of the framework has a column, so a
table read back and written again gives the same rows.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeAlias

import attrs

from skilltaxonomy._text import (
    ISO_DATE,
    LINE_BREAK,
    character_problem,
    close_matches,
    id_key,
    show,
    slug,
    split_lines,
)
from skilltaxonomy.exceptions import ExportError, InvalidTableError, Problem
from skilltaxonomy.formats.fields import refuse_beyond_v1
from skilltaxonomy.model import Domain, Expectation, Level, Role, Skill, Taxonomy
from skilltaxonomy.model.entities import NO_DETAILS
from skilltaxonomy.model.problems import id_collision

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

#: Columns of lists, one item per line in the cell; written when a framework has any.
LIST_COLUMNS: tuple[str, ...] = ("criteria", "examples", "signals")

#: The namespace of the extras an unknown column becomes: column ``Points`` → the
#: expectation's extra ``"table:Points"``, written back as that column.
EXTRA_PREFIX = "table:"

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

Cell: TypeAlias = str | int | float | bool | datetime.date | datetime.datetime | None

Record: TypeAlias = dict[str, Any]

_TRUE = frozenset({"yes", "y", "true", "1", "x", "mandatory", "required"})

_FALSE = frozenset({"no", "n", "false", "0", "optional"})
# XML 1.0 cannot hold these characters (and turns a carriage return into a line feed).

_ENTITY_ROW_SHAPES = frozenset(
    map(frozenset, ({"domain"}, {"domain", "skill"}, {"skill"}, {"role"}, {"level"}))
)


def _blank() -> Record:
    return dict.fromkeys(COLUMNS)


def columns_of(taxonomy: Taxonomy) -> tuple[str, ...]:
    """The long table's header for `taxonomy`.

    `COLUMNS`, then the list columns it fills, then a column per extra of its
    expectations (named without the ``table:`` prefix).
    """
    lists = [c for c in LIST_COLUMNS if any(getattr(e, c) for e in _detailed(taxonomy))]
    extras = dict.fromkeys(
        key.removeprefix(EXTRA_PREFIX) for e in _detailed(taxonomy) for key in e.extras
    )
    return (*COLUMNS, *lists, *extras)


def _detailed(taxonomy: Taxonomy) -> Iterator[Expectation]:
    return (e for e in taxonomy.expectations if e.details is not NO_DETAILS)


def refuse_beyond_the_table(taxonomy: Taxonomy) -> None:
    """Raise `ExportError` if `taxonomy` holds what the long table cannot.

    The table holds what format v1 holds, and: requirements not stated (an empty
    ``mandatory`` cell), criteria, examples and signals (a line each), and extras of
    expectations under ``table:`` whose values are text (a column each).
    """
    held = {"expectation.criteria", "expectation.examples", "expectation.signals"}
    held |= {"expectation.extras", "expectation.unstated"}
    refuse_beyond_v1(taxonomy, "the long table", "write JSON: format v2 holds it", held)
    for e in _detailed(taxonomy):
        for column in LIST_COLUMNS:
            for item in getattr(e, column):
                if not item.strip() or LINE_BREAK.search(item):
                    raise ExportError(
                        f"the long table holds {column} a line each: {show(item)} of "
                        f"expectation ({e.skill.id}, {e.role.id}, {e.level.id}) is empty "
                        "or holds a line break (write JSON: format v2 holds it)"
                    )
        for key, value in e.extras.items():
            if not key.startswith(EXTRA_PREFIX) or type(value) is not str:
                raise ExportError(
                    f"the long table holds an expectation's extras under {EXTRA_PREFIX!r} "
                    f"as text only, got {key!r}: {show(value)} (write JSON: format v2 "
                    "holds it)"
                )


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


def expectation_record(expectation: Expectation) -> Record:
    """The long table's row of one expectation (values typed: rank int, flag bool)."""
    row = _blank()
    _skill_cells(row, expectation.skill)
    _role_cells(row, expectation.role)
    _level_cells(row, expectation.level)
    row["mandatory"], row["description"] = expectation.mandatory, expectation.description
    if expectation.details is not NO_DETAILS:
        for column in LIST_COLUMNS:
            row[column] = "\n".join(getattr(expectation, column)) or None
        for key, value in expectation.extras.items():
            row[key.removeprefix(EXTRA_PREFIX)] = value
    return row


def long_rows(taxonomy: Taxonomy) -> list[Record]:
    """Every row of the long table, values typed (rank int, flag bool, date or None)."""
    expectations = taxonomy.expectations
    rows = [expectation_record(e) for e in expectations]
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


def text_cell(value: object) -> str:
    """A cell's value as text: yes/no for flags, ISO dates, "" for nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def matrix_rows(
    taxonomy: Taxonomy, role: Role | str, locale: str
) -> tuple[list[str], list[list[tuple[str, bool]]]]:
    """A role's matrix as a header and rows of (text, mandatory) cells, labels in `locale`."""
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


def column_letter(index: int) -> str:
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
        # The columns kept as extras: their index, and their header as written.
        self.extra_columns: dict[int, str] = {}
        unknown = 0
        for index, cell in enumerate(header):
            text = text_cell(cell)
            key = _header_key(text)
            place = f"row 1, column {column_letter(index)}"
            if not key:
                continue
            if key not in _KNOWN:
                # A column that looks like a known one is a typo; any other is kept, as
                # each expectation's extra "table:<header>". Only the first few are
                # compared: a header of thousands of columns would cost a comparison each.
                unknown += 1
                hint = close_matches(key, _KNOWN, limit=1) if unknown <= _SUGGESTED else ()
                if hint:
                    message = f"unknown column {text!r} (did you mean {hint[0]!r}?)"
                    self.problems.append(Problem(place, message))
                elif text.strip() in self.extra_columns.values():
                    self.problems.append(Problem(place, f"column {text.strip()!r} repeats"))
                else:
                    self.extra_columns[index] = text.strip()
            elif key in self.columns:
                first = column_letter(self.columns[key])
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
        self.expectations: list[tuple[str, str, str, bool | None, str, dict[str, Any]]] = []
        # A level whose rank could not be read leaves a gap not worth reporting again.
        self.unranked = False

    # Cells -----------------------------------------------------------------------------

    def _place(self, number: int, column: str) -> str:
        return f"row {number}, column {column_letter(self.columns[column])} ({column})"

    def _raw(self, cells: Sequence[Cell], column: str | int) -> Cell:
        index = column if isinstance(column, int) else self.columns.get(column)
        if index is None or index >= len(cells):
            return None
        return cells[index]

    def _text(self, cells: Sequence[Cell], column: str | int) -> str:
        value = self._raw(cells, column)
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a number typed in a text column: 3.0 shows as 3
        return text_cell(value)

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
        if isinstance(value, str) and value.strip().isdecimal() and len(value.strip()) < 19:
            value = int(value)
        if type(value) is not int or value < 1:
            if value in (None, ""):
                shown = "an empty cell"
            elif isinstance(value, datetime.date):  # a rank Excel took for a date
                day = value.date() if isinstance(value, datetime.datetime) else value
                shown = f"a date ({day.isoformat()})"
            else:
                shown = show(value)
            self._problem(number, "level_rank", f"expected a rank: 1, 2, 3…, got {shown}")
            return None
        return value

    def _flag(self, cells: Sequence[Cell], number: int) -> bool | _Bad | None:
        """True, False, None for an empty cell (the requirement is not stated), or `_BAD`."""
        value = self._raw(cells, "mandatory")
        if isinstance(value, bool):
            return value
        word = self._text(cells, "mandatory").strip().casefold()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        if not word:
            return None
        shown = repr(self._text(cells, "mandatory"))
        self._problem(number, "mandatory", f"expected yes, no, or an empty cell, got {shown}")
        return _BAD

    def _details(self, cells: Sequence[Cell]) -> dict[str, Any]:
        """The row's lists (a line an item) and extras (a column each), as keywords."""
        found: dict[str, Any] = {}
        for column in LIST_COLUMNS:
            text = self._text(cells, column)
            if text.strip():
                found[column] = [line for line in split_lines(text) if line.strip()]
        extras = {
            EXTRA_PREFIX + header: self._text(cells, header_index)
            for header_index, header in self.extra_columns.items()
            if self._text(cells, header_index).strip()
        }
        if extras:
            found["extras"] = extras
        return found

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
                shown = text_cell(now) if column != "skill_updated" else str(now or "")
                self._problem(
                    number,
                    column,
                    f"{kind} {key!r} is {text_cell(before)!r} in row {earlier.row}, here {shown!r}",
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
        for index, header in self.extra_columns.items():
            value = cells[index] if index < len(cells) else None
            problem = character_problem(value, name=False) if isinstance(value, str) else None
            if problem is not None:
                place = f"row {number}, column {column_letter(index)} ({header})"
                self.problems.append(Problem(place, problem))
                allowed = False
        return allowed

    def read_row(self, cells: Sequence[Cell], number: int) -> None:
        if not self._characters_allowed(cells, number):
            return
        has = {
            kind: self._filled(cells, kind, f"{kind}_id")
            for kind in ("domain", "skill", "role", "level")
        }
        details = self._filled(cells, "mandatory", "description", *LIST_COLUMNS)
        details = details or bool(self._details(cells))
        if has["skill"] and has["role"] and has["level"]:
            skill = self._skill(cells, number)
            role = self._role(cells, number)
            level = self._level(cells, number)
            flag = self._flag(cells, number)
            if None in (skill, role, level) or flag is _BAD:
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
            self.expectations.append(
                (*cell, flag, self._text(cells, "description"), self._details(cells))  # type: ignore[arg-type]
            )
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
        roles = {
            key: Role(key, str(role_name), str(family), str(summary))
            for key, (role_name, family, summary) in (
                (key, found.fields) for key, found in self.roles.items()
            )
        }
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
                Expectation(skills[s], roles[r], by_level[lv], flag, text, **more)
                for s, r, lv, flag, text, more in self.expectations
            ],
        )


class _Bad:
    """A cell that could not be read (its problem is reported)."""


_BAD = _Bad()

# The columns a reader knows (the others are kept as extras).
_KNOWN = (*COLUMNS, *LIST_COLUMNS)

# How many unknown columns get a did-you-mean suggestion.
_SUGGESTED = 20

#: How many rows (the header included) a table may have by default.
DEFAULT_MAX_ROWS = 1_000_000

#: How many columns a table's rows may fill by default (the long table has 16).
DEFAULT_MAX_COLUMNS = 1_000

#: How many cells (up to each row's last filled one) a table may hold by default.
DEFAULT_MAX_CELLS = 20_000_000


def _width(cells: Sequence[Cell]) -> int:
    """How many columns a row fills: up to its last cell that holds something."""
    width = len(cells)
    while width and cells[width - 1] in (None, ""):
        width -= 1
    return width


def read_rows(
    rows: Iterator[Sequence[Cell]],
    source: str | None,
    name: str,
    version: str,
    language: str,
    *,
    max_rows: int = DEFAULT_MAX_ROWS,
    max_columns: int = DEFAULT_MAX_COLUMNS,
    max_cells: int = DEFAULT_MAX_CELLS,
) -> Taxonomy:
    """Read a long table's rows, the header first, into a framework (`InvalidTableError`).

    A table longer than `max_rows`, a row filling more than `max_columns`, or more than
    `max_cells` cells in all, is refused at that row, before the rest is read.
    """
    filled = 0

    def bounded(number: int, cells: Sequence[Cell]) -> Sequence[Cell]:
        nonlocal filled
        if number > max_rows:
            message = f"the table has more than {max_rows} rows (the limit, max_rows)"
            raise InvalidTableError([Problem(f"row {number}", message)], source)
        width = _width(cells)
        if width > max_columns:
            message = f"the row fills {width} columns; the limit is {max_columns} (max_columns)"
            raise InvalidTableError([Problem(f"row {number}", message)], source)
        filled += width
        if filled > max_cells:
            message = f"the table has more than {max_cells} cells (the limit, max_cells)"
            raise InvalidTableError([Problem(f"row {number}", message)], source)
        return cells[:width]

    header = next(rows, None)
    if header is None:
        raise InvalidTableError(
            [Problem("row 1", "the table is empty (expected a header)")], source
        )
    reader = _TableReader(bounded(1, header), source)
    if reader.problems:  # without the right columns, rows cannot be read
        raise InvalidTableError(reader.problems, source)
    for number, cells in enumerate(rows, start=2):
        found = bounded(number, cells)
        if any(text_cell(cell).strip() for cell in found):
            reader.read_row(found, number)
    return reader.taxonomy(name, version, language)
