"""SFIA: the skills of the SFIA Foundation's spreadsheet, as a catalogue on its seven levels.

SFIA (the Skills Framework for the Information Age) is licensed: a user reads the copy
they downloaded, as CSV or as the XLSX workbook; the library ships none of it. Each
skill is defined at some of seven levels of responsibility, with no roles, so the
framework is a roleless catalogue: the levels are one scale, and each level
description a skill's definition at that step.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterator, Sequence
from typing import Any, TypeAlias

from skilltaxonomy._text import (
    character_problem,
    column_letter,
    count,
    first_few,
    id_key,
    slug,
)
from skilltaxonomy.exceptions import InvalidTableError, Problem
from skilltaxonomy.formats._guard import (
    AUTO,
    DEFAULT_MAX_BYTES,
    Reading,
    check_size,
    read_source,
)
from skilltaxonomy.formats._workbook import open_workbook, unescape_cell
from skilltaxonomy.formats.table import (
    DEFAULT_MAX_CELLS,
    DEFAULT_MAX_COLUMNS,
    DEFAULT_MAX_ROWS,
    Cell,
    CsvText,
    bounded_rows,
    decode_table,
    sniff_delimiter,
    text_cell,
)
from skilltaxonomy.model import Definition, Domain, Extras, Scale, Skill, Step, Taxonomy

#: How many levels of responsibility SFIA has.
LEVELS = 7
#: The id of the scale of SFIA's levels in the framework read.
SCALE_ID = "sfia-levels"
#: The prefix of the extras SFIA's other columns become (``"sfia:guidance"``).
EXTRA_PREFIX = "sfia:"

# The skills sheet's columns, by their header in lower case, and what each is.
_SKILL_COLUMNS = {
    "code": "code",
    "skill code": "code",
    "skill": "name",
    "skill name": "name",
    "name": "name",
    "category": "category",
    "subcategory": "subcategory",
    "sub-category": "subcategory",
    "sub category": "subcategory",
    "overall description": "description",
    "description": "description",
    "guidance notes": "guidance",
    "guidance": "guidance",
    "url": "url",
    "link": "url",
}
# "Level 3 description", "Level 3", "level_3": a level's column.
_LEVEL_COLUMN = re.compile(r"level[\s_]*([1-7])(\s+description)?")


def _key(header: Cell) -> str:
    return re.sub(r"\s+", " ", text_cell(header).strip().casefold())


def _level_of(header: Cell) -> int | None:
    found = _LEVEL_COLUMN.fullmatch(_key(header))
    return int(found[1]) if found else None


class _Sheet:
    """The columns of a sheet of the skills: what each is, by index."""

    def __init__(self, header: Sequence[Cell]) -> None:
        self.header = [text_cell(cell).strip() for cell in header]
        self.fields: dict[str, int] = {}
        self.levels: dict[int, int] = {}
        self.others: dict[int, str] = {}
        # A header over several columns (SFIA's "Levels", merged over seven): the columns
        # without a header of their own that follow it.
        self.spans: dict[int, list[int]] = {}
        self.unnamed: list[int] = []
        described = {_level_of(cell) for cell in header if _key(cell).endswith("description")}
        for index, cell in enumerate(header):
            level = _level_of(cell)
            field = _SKILL_COLUMNS.get(_key(cell))
            # "Level 3 description" holds the definition where a sheet has "Level 3" too.
            if level in described and not _key(cell).endswith("description"):
                level = None
            if level is not None and level not in self.levels:
                self.levels[level] = index
            elif field is not None and field not in self.fields:
                self.fields[field] = index
            elif self.header[index] and self.header[index] not in self.others.values():
                self.others[index] = self.header[index]
                self.spans[index] = [index]
            elif not self.header[index] and index - 1 in self.spans.get(self._last_other(), []):
                self.spans[self._last_other()].append(index)
            else:
                self.unnamed.append(index)

    def _last_other(self) -> int:
        return max(self.others, default=-1)

    def is_skills(self) -> bool:
        return {"code", "name"} <= set(self.fields) and bool(self.levels)

    def missing(self) -> list[str]:
        wanted = [f"'{name}'" for name in ("code", "name") if name not in self.fields]
        if not self.levels:
            wanted.append("'Level 1 description' … 'Level 7 description'")
        shown = [w.replace("'name'", "'Skill'").replace("'code'", "'Code'") for w in wanted]
        return shown


class _Reader:
    """Read the skills' rows into a catalogue, collecting every problem with its place."""

    def __init__(self, sheet: _Sheet, source: str | None, name: str, where: str) -> None:
        self.sheet = sheet
        self.source = source
        self.name = name
        self.where = where
        self.problems: list[Problem] = []
        self.domains: dict[str, Domain] = {}
        self.skills: dict[str, tuple[int, Skill]] = {}
        self.defined: list[tuple[Skill, int, str]] = []
        self.unkept: dict[int, list[int]] = {}  # cells with no header of their own

    def skipped(self) -> list[Problem]:
        """The cells of columns without a header of their own, a problem per column."""
        found = []
        for index, numbers in sorted(self.unkept.items()):
            label = self.sheet.header[index] if index < len(self.sheet.header) else ""
            why = f"repeats column {label!r}" if label else "has no header"
            rows = first_few(numbers, limit=5)
            place = f"{self.where}column {column_letter(index)}"
            noun = "row" if len(numbers) == 1 else "rows"
            message = f"{count(len(numbers), 'cell')} not kept (the column {why}): {noun} {rows}"
            found.append(Problem(place, message))
        return found

    def _place(self, number: int, index: int) -> str:
        label = self.sheet.header[index] if index < len(self.sheet.header) else ""
        label = label or next(
            (self.sheet.header[i] for i, span in self.sheet.spans.items() if index in span), ""
        )
        shown = f" ({label})" if label else ""
        return f"{self.where}row {number}, column {column_letter(index)}{shown}"

    def _cell(self, cells: Sequence[Cell], index: int | None) -> str:
        if index is None or index >= len(cells):
            return ""
        return text_cell(unescape_cell(cells[index]))

    def _checked(self, cells: Sequence[Cell], number: int, field: str, *, name: bool) -> str:
        index = self.sheet.fields.get(field)
        text = self._cell(cells, index)
        problem = character_problem(text, name=name)
        if problem is None and name and not text.strip():
            problem = "expected text, got an empty cell"
        if problem is not None and index is not None:
            self.problems.append(Problem(self._place(number, index), problem))
            return ""
        return text.strip() if name else text

    def read_row(self, cells: Sequence[Cell], number: int) -> None:
        code = self._checked(cells, number, "code", name=True)
        skill_name = self._checked(cells, number, "name", name=True)
        texts = {
            field: self._checked(cells, number, field, name=field == "category")
            for field in ("category", "subcategory", "description", "guidance", "url")
        }
        levels = {}
        for level, index in self.sheet.levels.items():
            text = self._cell(cells, index)
            problem = character_problem(text, name=False)
            if problem is not None:
                self.problems.append(Problem(self._place(number, index), problem))
            elif text.strip():
                levels[level] = text.strip()
        if not code or not skill_name:
            return
        if id_key(code) in self.skills:
            earlier = self.skills[id_key(code)][0]
            message = f"skill code {code!r} repeats row {earlier}"
            self.problems.append(Problem(f"{self.where}row {number}", message))
            return
        category = texts["category"].strip() or self.name
        domain = self.domains.setdefault(category, Domain(slug(category) or "sfia", category))
        extras: dict[str, object] = {}
        if texts["guidance"].strip():
            extras[f"{EXTRA_PREFIX}guidance"] = texts["guidance"]
        for index, header in self.sheet.others.items():
            span = self.sheet.spans[index]
            found = []
            for each in span:
                text = self._cell(cells, each)
                problem = character_problem(text, name=False)
                if problem is not None:
                    self.problems.append(Problem(self._place(number, each), problem))
                elif text.strip():
                    found.append(text.strip() if len(span) > 1 else text)
            if found:  # a header over several columns: the texts of its cells, in order
                extras[f"{EXTRA_PREFIX}{header}"] = tuple(found) if len(span) > 1 else found[0]
        width = len(self.sheet.header)
        for index in [*self.sheet.unnamed, *range(width, len(cells))]:
            if self._cell(cells, index).strip():
                self.unkept.setdefault(index, []).append(number)
        skill = Skill(
            code,
            skill_name,
            domain,
            texts["subcategory"].strip(),
            texts["description"].strip(),
            external_id=texts["url"].strip(),
            extras=Extras(extras),
        )
        self.skills[id_key(code)] = (number, skill)
        self.defined += [(skill, level, text) for level, text in sorted(levels.items())]


def _level_key(header: Cell) -> str:
    """A levels sheet's column as the reader knows it: ``essence of the level`` is ``essence``."""
    key = _key(header)
    return "essence" if key.startswith("essence") else key


_LEVEL_TEXTS = ("level", "guiding phrase", "essence")


def _transposed(rows: list[Sequence[Cell]]) -> list[Sequence[Cell]]:
    """A levels sheet with a column per level, as SFIA 9 publishes it, as a row per level.

    Its rows are texts (``Level``, ``Guiding phrase`` …); any other sheet is as it is.
    """
    first = [text_cell(cell).strip() for cell in rows[0]] if rows else []
    if len(first) < 2 or _level_key(first[0]) != "level":
        return rows
    if not all(re.fullmatch(r"[1-7]", cell) for cell in first[1:] if cell):
        return rows
    width = max(len(row) for row in rows)
    padded = [[*row, *[None] * (width - len(row))] for row in rows]
    return [list(column) for column in zip(*padded, strict=True)]


def _levels_sheet(rows: list[Sequence[Cell]]) -> dict[int, dict[str, str]] | None:
    """The levels of responsibility, if this is their sheet: each level's texts by column.

    ``level``, ``guiding phrase`` and ``essence`` by those keys, any other column by its
    header (each step's extra). The sheet may have a row per level, or (as SFIA 9
    publishes it) a column per level.
    """
    rows = _transposed(rows)
    header = [_level_key(cell) for cell in rows[0]] if rows else []
    if "level" not in header or not {"guiding phrase", "essence"} & set(header):
        return None
    shown = [text_cell(cell).strip() for cell in rows[0]]
    keys = [key if key in _LEVEL_TEXTS else label for key, label in zip(header, shown, strict=True)]
    found: dict[int, dict[str, str]] = {}
    for cells in rows[1:]:
        texts = {
            key: text_cell(unescape_cell(cell)).strip()
            for key, cell in zip(keys, cells, strict=False)
            if key
        }
        level = re.fullmatch(r"(?:level\s*)?([1-7])", texts.get("level", ""), re.IGNORECASE)
        if level is not None:
            found.setdefault(int(level[1]), texts)
    return found


def _level_problems(rows: list[Sequence[Cell]]) -> list[tuple[int, int, str, str]]:
    """Each cell of a levels sheet not read as it stands: row, column index, label, problem.

    Rows are numbered from 1, columns from 0, as the sheet has them (a sheet with a
    column per level is checked as its rows per level, and placed as it is).
    """
    turned = _transposed(rows)
    table = turned if turned is not rows else rows
    header = [_level_key(cell) for cell in table[0]] if table else []
    shown = [text_cell(cell).strip() for cell in table[0]] if table else []
    problems: list[tuple[int, int, str, str]] = []
    seen: set[str] = set()

    def add(number: int, index: int, label: str, problem: str) -> None:
        if turned is rows:
            problems.append((number, index, label, problem))
        else:  # a text's row, a level's column
            problems.append((index + 1, number - 1, label, problem))

    for number, cells in enumerate(table[1:], start=2):
        texts = [text_cell(unescape_cell(cell)).strip() for cell in cells]
        if not any(texts):
            continue
        for index, text in enumerate(texts):
            label = shown[index] if index < len(shown) else ""
            key = header[index] if index < len(header) else ""
            if not label and text:
                add(number, index, "", "a cell under no header")
                continue
            problem = character_problem(text, name=key in ("level", "guiding phrase"))
            if problem is not None:
                add(number, index, label, problem)
            elif key == "level":
                level = re.fullmatch(r"(?:level\s*)?([1-7])", text, re.IGNORECASE)
                if level is None:
                    add(number, index, label, f"expected a level 1 to 7, got {text!r}")
                elif level[1] in seen:
                    add(number, index, label, f"level {level[1]} repeats")
                else:
                    seen.add(level[1])
    return sorted(problems)


def _level_place(index: int, label: str) -> str:
    return f"column {column_letter(index)}" + (f" ({label})" if label else "")


def _attributes_sheet(rows: list[Sequence[Cell]]) -> dict[int, dict[str, str]] | None:
    """The generic attributes at each level, if this is their sheet: level → attribute → text."""
    header = list(rows[0]) if rows else []
    if len(header) < 2 or _key(header[0]) not in ("attribute", "attributes"):
        return None
    if _level_of(header[1]) is None:
        return None
    found: dict[int, dict[str, str]] = {}
    for cells in rows[1:]:
        name = text_cell(unescape_cell(cells[0])).strip() if cells else ""
        if not name or character_problem(name, name=True):
            continue
        for index, cell in enumerate(cells[1:], start=1):
            level = _level_of(header[index]) if index < len(header) else None
            text = text_cell(unescape_cell(cell)).strip()
            if level is not None and text and character_problem(text, name=False) is None:
                found.setdefault(level, {})[name] = text
    return found


def _scale(
    levels: dict[int, dict[str, str]] | None, attributes: dict[int, dict[str, str]] | None
) -> Scale:
    """SFIA's seven levels as a scale: named by their guiding phrases where the file has them."""
    steps = []
    for level in range(1, LEVELS + 1):
        texts = (levels or {}).get(level, {})
        phrase = texts.get("guiding phrase", "")
        name = phrase if phrase and character_problem(phrase, name=True) is None else ""
        essence = texts.get("essence", "")
        extras = {
            f"{EXTRA_PREFIX}{column}": text
            for column, text in texts.items()
            if column not in _LEVEL_TEXTS and text
        }
        extras |= {
            f"{EXTRA_PREFIX}{attribute}": text
            for attribute, text in (attributes or {}).get(level, {}).items()
        }
        steps.append(
            Step(
                str(level),
                name or f"Level {level}",
                level,
                str(level),
                essence if character_problem(essence, name=False) is None else "",
                extras=Extras(extras),
            )
        )
    return Scale(SCALE_ID, "Levels of responsibility", steps)


def _catalogue(reader: _Reader, scale: Scale, name: str, version: str) -> Taxonomy:
    steps = {step.rank: step for step in scale.steps}
    return Taxonomy(
        name=name,
        version=version,
        domains=reader.domains.values(),
        skills=[skill for _, skill in reader.skills.values()],
        roles=(),
        levels=(),
        expectations=(),
        scales=[scale],
        definitions=[
            Definition(skill, steps[level], text) for skill, level, text in reader.defined
        ],
    )


def _read_skills(
    rows: Iterator[tuple[int, Sequence[Cell]]], source: str | None, name: str, where: str
) -> _Reader:
    first = next(rows, None)
    if first is None:
        raise InvalidTableError(
            [Problem(f"{where}row 1", "the sheet is empty (expected a header)")], source
        )
    sheet = _Sheet(first[1])
    if not sheet.is_skills():
        message = "expected SFIA's skills columns: " + ", ".join(sheet.missing())
        raise InvalidTableError([Problem(f"{where}row 1", message)], source)
    reader = _Reader(sheet, source, name, where)
    for number, cells in rows:
        if any(text_cell(cell).strip() for cell in cells):
            reader.read_row(cells, number)
    if reader.problems:
        raise InvalidTableError(reader.problems, source)
    return reader


def read(
    data: str | bytes,
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str = "SFIA",
    version: str = "",
    max_rows: int = DEFAULT_MAX_ROWS,
    max_columns: int = DEFAULT_MAX_COLUMNS,
    max_cells: int = DEFAULT_MAX_CELLS,
    encoding: str = AUTO,
    levels: LevelsSource | None = None,
) -> Reading:
    """Read SFIA's skills (CSV text, or the XLSX workbook's bytes) into a catalogue.

    The skills sheet has a row per skill: ``Code`` (the skill's id), ``Skill`` (its
    name), ``Category`` (its domain), ``Subcategory`` (its category), ``Overall
    description`` (its summary), ``Guidance notes`` (the extra ``sfia:guidance``),
    ``URL`` (its external id) and ``Level 1 description`` … ``Level 7 description``
    (its definitions at those levels); any other column is kept as an extra
    ``sfia:<header>`` (``sfia:Levels``), and a cell under no header of its own (an
    empty or repeated one) is listed in `Reading.skipped`. In a workbook, a sheet of
    the levels of responsibility (``Level``, ``Guiding phrase``, ``Essence``) names
    the scale's steps and describes them (its other columns are their extras), and a
    sheet of the generic attributes (``Attribute``, ``Level 1`` …) gives each step its
    extras; other sheets are listed in `Reading.skipped`.

    CSV bytes are read in `encoding` (``"auto"``: a byte-order mark, UTF-8, else
    Windows-1252, what Excel on Windows saves, and SFIA publishes). A CSV file has no
    levels sheet: `levels` is SFIA's levels-of-responsibility CSV (a path, its bytes or
    its text) to name the steps as the workbook does; else they are ``Level 1`` …
    ``Level 7``.

    Raises:
        InvalidTableError: Not SFIA's layout, or bad rows; each problem placed (``row
            7, column C (Code): expected text, got an empty cell``; ``row 7 (lines 7–9),
            …`` where a row's cells hold line breaks).
    """
    limits = {"max_rows": max_rows, "max_columns": max_columns, "max_cells": max_cells}
    found = None if levels is None else _read_levels(levels, max_bytes, encoding, limits)
    if isinstance(data, (bytes, bytearray, memoryview)) and bytes(data[:2]) == b"PK":
        return _read_workbook(
            bytes(data), source, max_bytes, name=name, version=version, limits=limits, levels=found
        )
    check_size(data, max_bytes, InvalidTableError, source)
    text, used = decode_table(data, encoding, _is_column, InvalidTableError, source)
    records = CsvText(text, sniff_delimiter(text, _is_column))
    try:
        reader = _read_skills(bounded_rows(iter(records), source, **limits), source, name, "")
    except csv.Error as error:
        raise records.syntax_error(error, source) from None
    except InvalidTableError as error:
        raise records.placed(error) from None
    taxonomy = _catalogue(reader, _scale(found, None), name, version)
    skipped = [records.placed_problem(problem) for problem in reader.skipped()]
    return Reading(taxonomy, skipped, encoding=used)


def is_skills_header(header: Sequence[Cell]) -> bool:
    """Whether a table's first row is SFIA's skills sheet: a code, a name and a level.

    >>> is_skills_header(["Code", "Skill", "Category", "Level 3 description"])
    True
    >>> is_skills_header(["domain", "skill", "role", "level"])
    False
    """
    return _Sheet(header).is_skills()


def _is_column(header: str) -> bool:
    return _key(header) in _SKILL_COLUMNS or _level_of(header) is not None


#: What `read`'s ``levels=`` takes: a path to SFIA's levels-of-responsibility CSV, or
#: its bytes or text.
LevelsSource: TypeAlias = "str | os.PathLike[str] | bytes"


def _read_levels(
    levels: LevelsSource, max_bytes: int, encoding: str, limits: Any
) -> dict[int, dict[str, str]]:
    """SFIA's levels of responsibility from their CSV: each level's texts by column."""
    name: str | None = "levels"
    data: str | bytes
    if isinstance(levels, (bytes, bytearray, memoryview)):
        data = bytes(levels)
    elif isinstance(levels, str) and ("\n" in levels or "\r" in levels):
        data = levels
    elif isinstance(levels, (str, os.PathLike)):
        data, name = read_source(levels, max_bytes, InvalidTableError)
    else:
        raise TypeError(f"levels must be a path, bytes or text, got {type(levels).__name__}")
    check_size(data, max_bytes, InvalidTableError, name)
    known = {"level", "guiding phrase", "essence"}.__contains__
    text, _ = decode_table(data, encoding, lambda h: known(_key(h)), InvalidTableError, name)
    records = CsvText(text, sniff_delimiter(text, lambda h: known(_key(h))))
    try:
        rows: list[Sequence[Cell]] = [
            cells for _, cells in bounded_rows(iter(records), name, **limits)
        ]
    except csv.Error as error:
        raise records.syntax_error(error, name) from None
    except InvalidTableError as error:
        raise records.placed(error) from None
    found = _levels_sheet(rows)
    if found is None:
        message = "expected SFIA's levels of responsibility: columns 'Level' and 'Guiding phrase'"
        raise InvalidTableError([Problem("row 1", message)], name)
    problems = [
        Problem(f"{records.place(number)}, {_level_place(index, label)}", problem)
        for number, index, label, problem in _level_problems(rows)
    ]
    if problems:
        raise InvalidTableError(problems, name)
    return found


def _read_workbook(
    data: bytes,
    source: str | None,
    max_bytes: int,
    *,
    name: str,
    version: str,
    limits: Any,
    levels: dict[int, dict[str, str]] | None,
) -> Reading:
    book = open_workbook(data, source, max_bytes, InvalidTableError, "reading SFIA's workbook")
    skipped: list[Problem] = []
    given = levels
    try:
        reader = attributes = None
        for title in book.sheetnames:
            sheet = book[title]
            if not hasattr(sheet, "iter_rows"):
                skipped.append(Problem(f"sheet {title!r}", "not a worksheet, not read"))
                continue
            sheet.reset_dimensions()
            rows = bounded_rows(sheet.iter_rows(values_only=True), source, **limits)
            first = next(rows, None)
            header = list(first[1]) if first else []
            if reader is None and _Sheet(header).is_skills():
                again = iter([(1, header), *rows])
                reader = _read_skills(again, source, name, f"sheet {title!r}, ")
                continue
            table = [header, *(cells for _, cells in rows)]
            found_levels = _levels_sheet(table) if levels is given else None
            found_attributes = _attributes_sheet(table) if attributes is None else None
            if found_levels is not None:
                problems = [
                    Problem(f"sheet {title!r}, row {number}, {_level_place(index, label)}", problem)
                    for number, index, label, problem in _level_problems(table)
                ]
                if problems:
                    raise InvalidTableError(problems, source)
                if given is not None:
                    message = "levels of responsibility, not read (levels= gives them)"
                    skipped.append(Problem(f"sheet {title!r}", message))
                levels = found_levels
            elif found_attributes is not None:
                attributes = found_attributes
            else:
                skipped.append(
                    Problem(f"sheet {title!r}", "not SFIA's skills, levels or attributes, not read")
                )
    finally:
        book.close()
    if reader is None:
        message = "no sheet has SFIA's skills columns ('Code', 'Skill', 'Level 1 description' …)"
        raise InvalidTableError([Problem("$", message)], source)
    skipped += reader.skipped()
    scale = _scale(levels if given is None else given, attributes)
    return Reading(_catalogue(reader, scale, name, version), tuple(skipped))
