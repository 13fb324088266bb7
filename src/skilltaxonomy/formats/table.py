"""The long table: a framework as rows of cells, and rows of cells read back.

The shared base of the table formats (`skilltaxonomy.formats.csv`,
`skilltaxonomy.formats.xlsx`): one row per expectation, and a row of its own for an
entity no expectation mentions (a new skill, a role not yet filled in, an unused level),
its expectation columns left empty. Every fact of the framework has a column, so a
table read back and written again gives the same rows.
"""

from __future__ import annotations

import array
import csv
import datetime
import io
import itertools
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

import attrs

if TYPE_CHECKING:
    import _csv

from skilltaxonomy._text import (
    ISO_DATE,
    LINE_BREAK,
    character_problem,
    check_language,
    close_matches,
    column_letter,
    header_key,
    id_key,
    show,
    slug,
    split_lines,
)
from skilltaxonomy.exceptions import (
    ExportError,
    InvalidQueryError,
    InvalidTableError,
    InvalidTaxonomyError,
    InvalidValueError,
    Problem,
)
from skilltaxonomy.formats._guard import decode_text
from skilltaxonomy.formats._json import parse_json
from skilltaxonomy.formats.fields import DOCUMENT, check_extras
from skilltaxonomy.model import (
    Definition,
    Domain,
    Expectation,
    Extras,
    Ladder,
    Level,
    Role,
    RoleLevel,
    Scale,
    Skill,
    Step,
    Taxonomy,
)
from skilltaxonomy.model.entities import NO_DETAILS
from skilltaxonomy.model.extras import NO_EXTRAS, extra_key_problem
from skilltaxonomy.model.problems import id_collision, unknown_reference

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
LIST_COLUMNS: tuple[str, ...] = ("criteria", "examples", "signals", "stack")

#: Columns of format v2's further concepts, written when a framework fills them. Steps
#: and their scales are described like levels (name, id, rank on every row that names
#: one, a row of its own for a step nothing names); a level's ladder beside it; a row
#: with a skill and a step but no role is a definition, one with a role and a level but
#: no skill is a role level. Every entity's external id and extras (a JSON object) have
#: a column of their own (``skill_external_id``, ``skill_extras``); an expectation's,
#: definition's or role level's are ``external_id`` and ``extras``.
V2_COLUMNS: tuple[str, ...] = (
    "importance",
    "scale",
    "scale_id",
    "scale_description",
    "step",
    "step_id",
    "step_rank",
    "step_code",
    "step_description",
    "level_description",
    "ladder",
    "ladder_id",
    "ladder_description",
    "skill_scale",
    "role_ladder",
    "role_start",
    "title",
    "focus",
    "external_id",
    "extras",
    *(
        f"{kind}_{field}"
        for kind in ("domain", "skill", "role", "level", "ladder", "scale", "step")
        for field in ("external_id", "extras")
    ),
)

#: The kinds whose names and texts a column ``<column>@<language>`` translates:
#: ``skill@de`` is a skill's name in German, ``skill_summary@de`` its summary.
TRANSLATED_KINDS: tuple[str, ...] = (
    *("domain", "skill", "role", "level", "ladder", "scale", "step", "expectation"),
)
_TRANSLATED_FIELDS = ("name", "summary", "description")

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
    (
        *("domain", "skill", "role", "level", "ladder", "scale", "step"),
        *("domain_id", "skill_id", "role_id", "level_id", "ladder_id", "scale_id", "step_id"),
        *("skill_scale", "role_ladder", "role_start"),
    )
)

#: The sheet of a workbook that holds the long table.

Cell: TypeAlias = str | int | float | bool | datetime.date | datetime.datetime | None

Record: TypeAlias = dict[str, Any]
_T = TypeVar("_T")

# The words for a flag, in the languages of the pages (en, es, de) too, as people type
# them in the spreadsheets of those locales.
_TRUE = frozenset(
    {"yes", "y", "true", "1", "x", "mandatory", "required"}
    | {"sí", "si", "verdadero", "obligatorio"}
    | {"ja", "j", "wahr", "pflicht", "erforderlich"}
)

_FALSE = frozenset(
    {"no", "n", "false", "0", "optional"} | {"falso", "opcional"} | {"nein", "falsch"}
)
# XML 1.0 cannot hold these characters (and turns a carriage return into a line feed).


def _blank() -> Record:
    return dict.fromkeys(COLUMNS)


def _detailed(taxonomy: Taxonomy) -> Iterator[Expectation]:
    return (e for e in taxonomy.expectations if e.details is not NO_DETAILS)


def refuse_beyond_the_table(taxonomy: Taxonomy) -> None:
    """Raise `ExportError` if `taxonomy` holds what the long table cannot.

    The table holds every entity of format v2 and all it says; what it has no place for
    is the framework's own head beyond its name, version and language (given to the
    reader), a list item that is empty or holds a line break (an item is a line), and
    an expectation's extra under ``table:`` that is not text (such an extra is a column).
    """
    head = [
        field.key
        for field in DOCUMENT.fields
        if field.since > 1 and getattr(taxonomy, field.key) != field.default
    ]
    if head:
        raise ExportError(
            "the long table cannot hold the framework's " + ", ".join(head) + " (write JSON: "
            "format v2 holds it)"
        )
    listed: list[tuple[str, Any, tuple[str, ...]]] = [
        (
            f"expectation ({e.skill.id}, {e.role.id}, {e.level.id})",
            e,
            ("criteria", "examples", "signals"),
        )
        for e in _detailed(taxonomy)
    ]
    listed += [
        (f"definition ({d.skill.id}, {d.step.id})", d, ("criteria", "examples"))
        for d in taxonomy.definitions
    ]
    listed += [
        (f"role level ({r.role.id}, {r.level.id})", r, ("stack",)) for r in taxonomy.role_levels
    ]
    for what, item, columns in listed:
        for column in columns:
            for text in getattr(item, column):
                if not text.strip() or LINE_BREAK.search(text):
                    raise ExportError(
                        f"the long table holds {column} a line each: {show(text)} of {what} "
                        "is empty or holds a line break (write JSON: format v2 holds it)"
                    )
    for e in _detailed(taxonomy):
        for key, value in e.extras.items():
            if not key.startswith(EXTRA_PREFIX):
                continue
            if type(value) is not str:
                raise ExportError(
                    f"the long table holds an expectation's extras under {EXTRA_PREFIX!r} "
                    f"as text only, got {key!r}: {show(value)} (write JSON: format v2 "
                    "holds it)"
                )
            header = key.removeprefix(EXTRA_PREFIX)
            if not _extra_column(header):
                raise ExportError(
                    f"the long table cannot make the extra {key!r} a column: {show(header)} "
                    "would not read back as that extra (empty, spaced, a known column or "
                    "one like it) (write JSON: format v2 holds it)"
                )


#: The separators a CSV file's fields may have: Excel writes ";" where the decimal mark
#: is a comma (German, Spanish…), and tab-separated text is common too.
DELIMITERS = (",", ";", "\t")

# How much of a header line is looked at to tell its separator.
_HEADER_LENGTH = 64 * 1024


def sniff_delimiter(text: str, known: Callable[[str], bool]) -> str:
    """The separator of a CSV table's fields, told by its header.

    The one that splits the header into the most columns `known` knows, else the most
    columns; a comma when none splits it.
    """
    end = text.find("\n")
    header = text[: end if end >= 0 else len(text)][:_HEADER_LENGTH]

    def score(delimiter: str) -> tuple[int, int]:
        try:
            cells = next(csv.reader([header], delimiter=delimiter), [])
        except csv.Error:
            return (0, 0)
        return (sum(1 for cell in cells if known(cell)), len(cells))

    return max(DELIMITERS, key=score)


# CSV text ------------------------------------------------------------------------------
#
# A spreadsheet counts records (rows), an editor counts lines: a quoted cell may hold line
# breaks, so a record may span several lines. Every problem of a CSV reader names both.


def row_place(number: int, first: int, last: int) -> str:
    """A record as a spreadsheet shows it, and its lines as an editor does.

    ``row 2`` where the record is line 2; ``row 3 (line 6)`` where earlier records span
    several lines; ``row 2 (lines 2–5)`` where this one does.
    """
    if first == last:
        return f"row {number}" if first == number else f"row {number} (line {first})"
    return f"row {number} (lines {first}–{last})"


_ROW = re.compile(r"row (\d+)(?=$|[,: ])")


class CsvText:
    """A CSV file's records, read one by one, and the lines each one spans.

    Iterate over it for the records (as `csv.reader` gives them); `place` then names a
    record read so far, or the one being read, by its row and its lines; `placed` and
    `syntax_error` give a reader's error those places.
    """

    def __init__(
        self, text: str, delimiter: str, *, strict: bool = True, quoted: bool = True
    ) -> None:
        self._reader = csv.reader(
            io.StringIO(text, newline=""),
            strict=strict,
            delimiter=delimiter,
            quoting=csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE,
        )
        self._ends = array.array("q")  # the last line of each record read

    @property
    def reader(self) -> _csv.Reader:
        """The `csv.reader` itself, for a caller that notes each record's end in `ends`."""
        return self._reader

    @property
    def ends(self) -> array.array[int]:
        """The last line of each record read so far (what iterating notes)."""
        return self._ends

    def __len__(self) -> int:
        """How many records were read so far."""
        return len(self._ends)

    def __iter__(self) -> Iterator[list[str]]:
        for cells in self._reader:
            self._ends.append(self._reader.line_num)
            yield cells

    def lines(self, number: int) -> tuple[int, int]:
        """The first and last line of record `number` (1: the header)."""
        count = len(self._ends)
        if number <= count:
            first = self._ends[number - 2] + 1 if number > 1 else 1
            return first, self._ends[number - 1]
        first = (self._ends[-1] if count else 0) + 1  # the record being read
        return first, max(first, self._reader.line_num)

    def place(self, number: int) -> str:
        """Record `number` as a problem names it (see `row_place`)."""
        return row_place(number, *self.lines(number))

    def placed(self, error: InvalidTaxonomyError) -> InvalidTaxonomyError:
        """`error` with each ``row N`` it names shown with that record's lines."""
        return type(error)([self.placed_problem(p) for p in error.problems], error.source)

    def placed_problem(self, problem: Problem) -> Problem:
        """`problem` with the ``row N`` it names shown with that record's lines."""
        found = _ROW.match(problem.path)
        if found is None or int(found[1]) > len(self._ends) + 1:
            return problem
        return Problem(self.place(int(found[1])) + problem.path[found.end() :], problem.message)

    def syntax_error(self, failure: csv.Error, source: str | None) -> InvalidTableError:
        """The reader's error for text that is not CSV, at the record being read."""
        place = self.place(len(self._ends) + 1)
        return InvalidTableError([Problem(place, f"not valid CSV: {failure}")], source)


def decode_table(
    data: str | bytes | bytearray | memoryview,
    encoding: str,
    known: Callable[[str], bool],
    error: type[InvalidTaxonomyError],
    source: str | None,
) -> tuple[str, str | None]:
    """A CSV file's text, and the encoding it was read in (None when it was text already).

    Bytes are decoded by `decode_text` (``encoding="auto"``: a byte-order mark, UTF-8,
    else Windows-1252); a byte that is not text in the encoding is `error`, placed at
    its record and lines, and column (``row 2 (lines 2–4), column D (Overall
    description): not utf-8 text (byte 0x92 at offset 99); …``). `known` tells the
    table's columns, to tell its separator.
    """
    if not isinstance(encoding, str):
        raise InvalidQueryError(f"encoding must be a codec name, got {type(encoding).__name__}")
    if isinstance(data, str):
        return data.removeprefix("\ufeff"), None
    raw = bytes(data)
    try:
        return decode_text(raw, encoding)
    except InvalidValueError as problem:
        place, _, message = str(problem).partition(": ")
        found = re.fullmatch(r"line (\d+), column (\d+)", place)
        if found is not None:
            place = _byte_place(raw, int(found[1]), int(found[2]), known) or place
        raise error([Problem(place, message)], source) from None


def _extra_column_problem(header: str, kept: Mapping[int, str]) -> str | None:
    """Why an unknown column's `header` (stripped) cannot be kept as an extra, or None.

    It repeats a column `kept` already, or no extra's key may be made of it.
    """
    if header in kept.values():
        return f"column {header!r} repeats"
    problem = extra_key_problem(f"{EXTRA_PREFIX}{header}")
    return None if problem is None else f"column {header!r} cannot be kept as an extra: {problem}"


def _byte_place(raw: bytes, line: int, column: int, known: Callable[[str], bool]) -> str | None:
    """Where the byte at `line` and `column` (lines counted at LF) is, as a record's cell."""
    if raw[:4].count(0) >= 1:  # UTF-16 or UTF-32: not read byte by byte
        return None
    offset = 0
    for _ in range(line - 1):
        offset = raw.index(b"\n", offset) + 1
    offset += column - 1
    # Latin-1 gives each byte one character: offsets stay, and the separators, quotes and
    # line ends of any ASCII-compatible encoding are where they are in the bytes.
    text = raw.decode("latin-1")
    delimiter = sniff_delimiter(text, known)
    ends = list(itertools.accumulate(len(each) for each in io.StringIO(text, newline="")))
    records = CsvText(text, delimiter, strict=False)
    header: list[str] = []
    number, start = 0, 0
    try:
        for number, cells in enumerate(records, start=1):
            if number == 1:
                header = cells
            end = ends[records.lines(number)[1] - 1]
            if end > offset:
                break
            start = end
        else:
            number += 1  # beyond the last whole record: the one being read
    except csv.Error:
        return None  # a cell beyond csv's limit on the way: the byte's line and column say
    index = _cell_index(text[start:offset], delimiter)
    label = header[index].strip() if index < len(header) and number > 1 else ""
    cell = f", column {column_letter(index)}" + (f" ({label})" if label else "")
    return records.place(number) + cell


def _cell_index(prefix: str, delimiter: str) -> int:
    """Which cell of a record the end of `prefix` (the record up to there) is in."""
    index, quoted = 0, False
    for char in prefix:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            index += 1
    return index


def is_known_column(header: str) -> bool:
    """Whether `header` names a column of the long table (in any case and spacing)."""
    return header_key(header) in _KNOWN or _translation(header) is not None


def _extra_column(header: str) -> bool:
    """Whether a column with this header reads back as an extra of that name."""
    key = header_key(header)
    return (
        bool(key)
        and header == header.strip()
        and not LINE_BREAK.search(header)
        and key not in _KNOWN
        and _translation(header) is None
        and not close_matches(key, _KNOWN, limit=1)
    )


def _put(row: Record, column: str, value: object) -> None:
    """Fill a column beyond `COLUMNS` only with something, so plain rows stay as they were."""
    if value not in (None, ""):
        row[column] = value


def _json_cell(extras: Extras) -> str | None:
    return json.dumps(extras.to_json(), ensure_ascii=False) if extras else None


def translation_column(kind: str, field: str, language: str) -> str:
    """The column of `kind`'s `field` in `language`: ``skill@de``, ``skill_summary@de``.

    An expectation's description is ``description@de``.
    """
    if kind == "expectation" and field == "description":
        return f"description@{language}"
    return f"{kind if field == 'name' else f'{kind}_{field}'}@{language}"


def _identity_cells(row: Record, kind: str, entity: Any) -> None:
    """An entity's external id, extras and translations, in its kind's columns."""
    _put(row, f"{kind}_external_id", entity.external_id)
    _put(row, f"{kind}_extras", _json_cell(entity.extras))
    for language, texts in entity.translations.items():
        for field, text in texts.items():
            row[translation_column(kind, field, language)] = text


def _domain_cells(row: Record, domain: Domain) -> None:
    row["domain"], row["domain_id"] = domain.name, domain.id
    _identity_cells(row, "domain", domain)


def _skill_cells(row: Record, skill: Skill) -> None:
    _domain_cells(row, skill.domain)
    row["category"], row["skill"], row["skill_id"] = skill.category, skill.name, skill.id
    row["skill_summary"], row["skill_updated"] = skill.summary, skill.updated
    _put(row, "skill_scale", None if skill.scale is None else skill.scale.id)
    _identity_cells(row, "skill", skill)


def _role_cells(row: Record, role: Role) -> None:
    row["role"], row["role_id"] = role.name, role.id
    row["role_family"], row["role_summary"] = role.family, role.summary
    _put(row, "role_ladder", None if role.ladder is None else role.ladder.id)
    _put(row, "role_start", None if role.start is None else role.start.id)
    _identity_cells(row, "role", role)


def _level_cells(row: Record, level: Level, ladder: Ladder | None) -> None:
    row["level"], row["level_id"], row["level_rank"] = level.name, level.id, level.rank
    _put(row, "level_description", level.description)
    _identity_cells(row, "level", level)
    if ladder is not None:
        row["ladder"], row["ladder_id"] = ladder.name, ladder.id
        _put(row, "ladder_description", ladder.description)
        _identity_cells(row, "ladder", ladder)


def _scale_cells(row: Record, scale: Scale) -> None:
    row["scale"], row["scale_id"] = scale.name, scale.id
    _put(row, "scale_description", scale.description)
    _identity_cells(row, "scale", scale)


def _step_cells(row: Record, step: Step, scale: Scale) -> None:
    _scale_cells(row, scale)
    row["step"], row["step_id"], row["step_rank"] = step.name, step.id, step.rank
    _put(row, "step_code", step.code)
    _put(row, "step_description", step.description)
    _identity_cells(row, "step", step)


def _own_cells(row: Record, item: Any, lists: Sequence[str]) -> None:
    """An expectation's, definition's or role level's lists, external id and extras."""
    for column in lists:
        _put(row, column, "\n".join(getattr(item, column)))
    _put(row, "external_id", getattr(item, "external_id", ""))
    for language, texts in getattr(item, "translations", {}).items():
        for field, text in texts.items():
            row[translation_column("expectation", field, language)] = text
    # An expectation's extras under "table:" are columns of their own (their header).
    others = {key: value for key, value in item.extras.items() if not key.startswith(EXTRA_PREFIX)}
    _put(row, "extras", _json_cell(Extras(others)) if others else None)
    for key, value in item.extras.items():
        if key.startswith(EXTRA_PREFIX):
            row[key.removeprefix(EXTRA_PREFIX)] = value


def expectation_record(
    expectation: Expectation, ladder: Ladder | None = None, scale: Scale | None = None
) -> Record:
    """The long table's row of one expectation (values typed: rank int, flag bool).

    `ladder` is the ladder its level is on and `scale` its skill's scale, where the
    framework has them (the row names them).
    """
    row = _blank()
    _skill_cells(row, expectation.skill)
    _role_cells(row, expectation.role)
    _level_cells(row, expectation.level, ladder)
    row["mandatory"], row["description"] = expectation.mandatory, expectation.description
    if expectation.details is not NO_DETAILS:
        _own_cells(row, expectation, ("criteria", "examples", "signals"))
        _put(row, "importance", expectation.importance)
        step = expectation.step
        scale = scale or expectation.skill.scale
        if step is not None and scale is not None:
            _step_cells(row, step, scale)
    return row


def long_table(taxonomy: Taxonomy) -> tuple[tuple[str, ...], list[Record]]:
    """The long table's header and rows, values typed (rank int, flag bool, date or None).

    The header is `COLUMNS`, then the columns of `V2_COLUMNS` and `LIST_COLUMNS` that a
    row fills, then a column per extra of its expectations (named without the
    ``table:`` prefix), then the translation columns.
    """
    rows = long_rows(taxonomy)
    filled = {key for row in rows for key, value in row.items() if value not in (None, "")}
    extras = dict.fromkeys(
        key.removeprefix(EXTRA_PREFIX)
        for e in _detailed(taxonomy)
        for key in e.extras
        if key.startswith(EXTRA_PREFIX)
    )
    translated = dict.fromkeys(key for row in rows for key in row if "@" in key)
    header = (
        *COLUMNS,
        *(c for c in (*V2_COLUMNS, *LIST_COLUMNS) if c in filled),
        *extras,
        *translated,
    )
    return header, rows


def long_rows(taxonomy: Taxonomy) -> list[Record]:
    """Every row of the long table, values typed (rank int, flag bool, date or None)."""
    ladder_of = {level.id: ladder for ladder in taxonomy.ladders for level in ladder.levels}
    first_scale = taxonomy.scales[0] if taxonomy.scales else None
    scale_of = {skill.id: skill.scale or first_scale for skill in taxonomy.skills}
    expectations = taxonomy.expectations
    # The scales first, a row per step, in order: the first is every skill's default.
    rows = []
    for scale in taxonomy.scales:
        for step in scale.steps:
            row = _blank()
            _step_cells(row, step, scale)
            rows.append(row)
        if not scale.steps:
            row = _blank()
            _scale_cells(row, scale)
            rows.append(row)
    for e in expectations:
        rows.append(expectation_record(e, ladder_of.get(e.level.id), scale_of[e.skill.id]))
    for definition in taxonomy.definitions:
        row = _blank()
        _skill_cells(row, definition.skill)
        of_skill = scale_of[definition.skill.id]
        assert of_skill is not None  # the model holds a definition to its skill's scale
        _step_cells(row, definition.step, of_skill)
        row["description"] = definition.description
        _own_cells(row, definition, ("criteria", "examples"))
        rows.append(row)
    for role_level in taxonomy.role_levels:
        row = _blank()
        _role_cells(row, role_level.role)
        _level_cells(row, role_level.level, ladder_of.get(role_level.level.id))
        _put(row, "title", role_level.title)
        _put(row, "focus", role_level.focus)
        _own_cells(row, role_level, ("stack",))
        rows.append(row)
    used = {key: {row[key] for row in rows} for key in ("skill_id", "role_id", "level_id")}
    used_ladders = {row["ladder_id"] for row in rows if row.get("ladder_id")}
    domains_with_skills = {s.domain.id for s in taxonomy.skills}
    parts: list[tuple[Iterable[Any], set[Any], Callable[[Record, Any], None]]] = [
        (taxonomy.domains, domains_with_skills, _domain_cells),
        (taxonomy.skills, used["skill_id"], _skill_cells),
        (taxonomy.roles, used["role_id"], _role_cells),
        (
            taxonomy.levels,
            used["level_id"],
            lambda row, level: _level_cells(row, level, ladder_of.get(level.id)),
        ),
    ]
    for items, in_use, fill in parts:
        for item in items:
            if item.id not in in_use:
                row = _blank()
                fill(row, item)
                rows.append(row)
    for ladder in taxonomy.ladders:
        if not ladder.levels and ladder.id not in used_ladders:
            row = _blank()
            row["ladder"], row["ladder_id"] = ladder.name, ladder.id
            _put(row, "ladder_description", ladder.description)
            _identity_cells(row, "ladder", ladder)
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


@attrs.frozen
class _Found:
    """An entity read from a table: its fields by column, and the row that first gave them."""

    row: int
    fields: Mapping[str, object]


# The kinds a row may describe, each by a name and an id column.
_KINDS = ("domain", "skill", "role", "level", "ladder", "scale", "step")
# What a row that defines no expectation may describe (beside definitions and role levels).
_ENTITY_ROWS = frozenset(
    map(
        frozenset,
        (
            {"domain"},
            {"domain", "skill"},
            {"skill"},
            {"role"},
            {"level"},
            {"level", "ladder"},
            {"ladder"},
            {"scale"},
            {"scale", "step"},
        ),
    )
)


class _TableReader:
    """Read rows of cells into a `Taxonomy`, collecting every problem with its place."""

    def __init__(self, header: Sequence[Cell], source: str | None) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.columns: dict[str, int] = {}
        # The columns kept as extras: their index, and their header as written.
        self.extra_columns: dict[int, str] = {}
        # The translation columns: their header, and the kind, field and language.
        self.translated: dict[str, tuple[str, str, str]] = {}
        # The columns without a header, and those beyond the header's last: a cell there
        # would be lost, so it is refused (once a column).
        self.unnamed, self.width, self.refused = (
            {i for i, cell in enumerate(header) if not header_key(text_cell(cell))},
            len(header),
            set[int](),
        )
        unknown = 0
        for index, cell in enumerate(header):
            text = text_cell(cell)
            key = header_key(text)
            place = f"row 1, column {column_letter(index)}"
            if not key:
                continue
            translation = _translation(text)
            if translation is not None:
                language = translation[2]
                try:
                    check_language(language)
                except InvalidValueError:
                    self.problems.append(
                        Problem(
                            place,
                            f"expected a language tag such as 'de' or 'pt-BR' after '@', got "
                            f"{language!r}",
                        )
                    )
                    continue
                key = text.strip()
                self.translated[key] = translation
            elif key not in _KNOWN:
                # A column that looks like a known one is a typo; any other is kept, as
                # each expectation's extra "table:<header>". Only the first few are
                # compared: a header of thousands of columns would cost a comparison each.
                unknown += 1
                hint = close_matches(key, _KNOWN, limit=1) if unknown <= _SUGGESTED else ()
                if hint:
                    message = f"unknown column {text!r} (did you mean {hint[0]!r}?)"
                    self.problems.append(Problem(place, message))
                elif (
                    refused := _extra_column_problem(text.strip(), self.extra_columns)
                ) is not None:
                    self.problems.append(Problem(place, refused))
                else:
                    self.extra_columns[index] = text.strip()
                continue
            if key in self.columns:
                first = column_letter(self.columns[key])
                self.problems.append(Problem(place, f"column {key!r} repeats column {first}"))
            else:
                self.columns[key] = index
        for column in REQUIRED_COLUMNS:
            if column not in self.columns:
                self.problems.append(Problem("row 1", f"required column {column!r} missing"))
        # Each kind's translation columns, so a row looks only at its own kinds'.
        self.translated_of: dict[str, list[str]] = {}
        for column, (kind, _, _) in self.translated.items():
            self.translated_of.setdefault(kind, []).append(column)
        self.found: dict[str, dict[Any, _Found]] = {kind: {} for kind in _KINDS}
        self.cells: dict[tuple[str, str, str], int] = {}
        # Each kind's ids in the form they collide in, with the id and row that came first.
        self.folded: dict[tuple[str, str], tuple[str, int]] = {}
        # (skill, role, level, flag, description, details, step, row) of each expectation.
        self.expectations: list[tuple[Any, ...]] = []
        # (skill, step, description, details, row) of each definition.
        self.definitions: list[tuple[Any, ...]] = []
        # (role, level, details, row) of each role level.
        self.role_levels: list[tuple[Any, ...]] = []
        self.pairs: dict[tuple[str, ...], int] = {}
        # A level or step whose rank could not be read leaves a gap not worth reporting again.
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

    def _rank(self, cells: Sequence[Cell], number: int, column: str = "level_rank") -> int | None:
        value = self._raw(cells, column)
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
            self._problem(number, column, f"expected a rank: 1, 2, 3…, got {shown}")
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

    def _number(self, cells: Sequence[Cell], number: int, column: str) -> float | None:
        value = self._raw(cells, column)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if math.isfinite(value):
                return value
        else:
            text = self._text(cells, column).strip()
            if not text:
                return None
            try:
                parsed = float(text)
            except ValueError:
                parsed = math.nan
            if math.isfinite(parsed) and _NUMBER.fullmatch(text):
                return int(text) if text.lstrip("+-").isdecimal() else parsed
        self._problem(number, column, f"expected a number, got {show(value)}")
        return None

    def _extras(self, cells: Sequence[Cell], number: int, column: str) -> Extras:
        """An extras cell: a JSON object, frozen; `NO_EXTRAS` for an empty cell."""
        text = self._text(cells, column)
        if not text.strip():
            return NO_EXTRAS
        try:
            return check_extras(parse_json(text, self.source))
        except InvalidTaxonomyError as error:
            problem = error.problems[0]
            where = "" if problem.path == "$" else f"at {problem.path.removeprefix('$')}: "
            message = f"expected a JSON object of extras: {where}{problem.message}"
        except InvalidValueError as error:
            message = f"expected a JSON object of extras: {error}"
        self._problem(number, column, message)
        return NO_EXTRAS

    def _details(self, cells: Sequence[Cell], number: int, lists: Sequence[str]) -> dict[str, Any]:
        """The row's lists (a line an item), external id and extras, as keywords."""
        found: dict[str, Any] = {}
        for column in lists:
            text = self._text(cells, column)
            if text.strip():
                found[column] = [line for line in split_lines(text) if line.strip()]
        if self._text(cells, "external_id"):
            found["external_id"] = self._text(cells, "external_id")
        extras: dict[str, object] = {
            EXTRA_PREFIX + header: self._text(cells, header_index)
            for header_index, header in self.extra_columns.items()
            if self._text(cells, header_index).strip()
        }
        extras |= self._extras(cells, number, "extras")
        if extras:
            found["extras"] = extras
        translations = self._translations(
            "expectation", self._translated_texts(cells, "expectation")
        )
        if translations:
            found["translations"] = translations
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

    def _define(self, kind: str, key: Any, number: int, fields: Mapping[str, object]) -> None:
        """Record an entity, or check a later row agrees with the first that gave it."""
        found = self.found[kind]
        if isinstance(key, str):
            same, row = self.folded.setdefault((kind, id_key(key)), (key, number))
            if same != key:
                message = id_collision(kind, key, same, f"row {row}")
                column = f"{kind}_id" if f"{kind}_id" in self.columns else kind
                self._problem(number, column, message)
                return
        earlier = found.setdefault(key, _Found(number, fields))
        if earlier.row == number:
            return
        for column, now in fields.items():
            before = earlier.fields[column]
            if before != now:
                shown = text_cell(now) if column != "skill_updated" else str(now or "")
                self._problem(
                    number,
                    column,
                    f"{kind} {_shown_key(key)!r} is {text_cell(before)!r} in row {earlier.row}, "
                    f"here {shown!r}",
                )

    def _identity(self, cells: Sequence[Cell], number: int, kind: str) -> dict[str, object]:
        """A kind's external id, extras and translation columns, by column."""
        fields: dict[str, object] = {
            f"{kind}_external_id": self._text(cells, f"{kind}_external_id"),
            f"{kind}_extras": self._extras(cells, number, f"{kind}_extras"),
        }
        return fields | self._translated_texts(cells, kind)

    def _translated_texts(self, cells: Sequence[Cell], kind: str) -> dict[str, str]:
        """The row's translation columns of `kind`, by column."""
        return {header: self._text(cells, header) for header in self.translated_of.get(kind, ())}

    def _translations(self, kind: str, fields: Mapping[str, object]) -> dict[str, dict[str, str]]:
        """The translations of `kind` the translation columns among `fields` give."""
        translations: dict[str, dict[str, str]] = {}
        for header in self.translated_of.get(kind, ()):
            text = fields.get(header)
            if isinstance(text, str) and text:
                _, field, language = self.translated[header]
                translations.setdefault(language, {})[field] = text
        return translations

    def _domain(self, cells: Sequence[Cell], number: int) -> str | None:
        key = self._id(cells, number, "domain")
        name = self._name(cells, number, "domain")
        if key is None or name is None:
            return None
        fields = {"domain": name, **self._identity(cells, number, "domain")}
        self._define("domain", key, number, fields)
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
            "skill_scale": self._text(cells, "skill_scale"),
            **self._identity(cells, number, "skill"),
        }
        self._define("skill", key, number, fields)
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
            "role_ladder": self._text(cells, "role_ladder"),
            "role_start": self._text(cells, "role_start"),
            **self._identity(cells, number, "role"),
        }
        self._define("role", key, number, fields)
        return key

    def _parent(self, cells: Sequence[Cell], number: int, kind: str) -> str | None:
        """A ladder or a scale: a level's or a step's, described on its row."""
        key = self._id(cells, number, kind)
        name = self._name(cells, number, kind)
        if key is None or name is None:
            return None
        fields = {
            kind: name,
            f"{kind}_description": self._text(cells, f"{kind}_description"),
            **self._identity(cells, number, kind),
        }
        self._define(kind, key, number, fields)
        return key

    def _level(self, cells: Sequence[Cell], number: int) -> str | None:
        ladder = ""
        if self._filled(cells, "ladder", "ladder_id"):
            ladder = self._parent(cells, number, "ladder") or ""
        key = self._id(cells, number, "level")
        name = self._name(cells, number, "level")
        rank = self._rank(cells, number)
        if rank is None:
            self.unranked = True
        if key is None or name is None or rank is None:
            return None
        fields = {
            "level": name,
            "level_rank": rank,
            "level_description": self._text(cells, "level_description"),
            "ladder_id" if "ladder_id" in self.columns else "ladder": ladder,
            **self._identity(cells, number, "level"),
        }
        self._define("level", key, number, fields)
        return key

    def _step(self, cells: Sequence[Cell], number: int) -> tuple[str, str] | None:
        scale = self._parent(cells, number, "scale")
        key = self._id(cells, number, "step")
        name = self._name(cells, number, "step")
        rank = self._rank(cells, number, "step_rank")
        if rank is None:
            self.unranked = True
        if scale is None or key is None or name is None or rank is None:
            return None
        fields = {
            "step": name,
            "step_rank": rank,
            "step_code": self._text(cells, "step_code"),
            "step_description": self._text(cells, "step_description"),
            **self._identity(cells, number, "step"),
        }
        self._define("step", (scale, key), number, fields)
        return scale, key

    def _filled(self, cells: Sequence[Cell], *columns: str) -> bool:
        return any(self._text(cells, column).strip() for column in columns)

    def _characters_allowed(self, cells: Sequence[Cell], number: int) -> bool:
        """Whether each text cell holds only the characters its column may (docs/format.md)."""
        allowed = True
        for column, index in self.columns.items():
            if column in self.translated:
                continue  # checked below, a name by the name rule
            value = cells[index] if index < len(cells) else None
            if isinstance(value, str):
                problem = character_problem(value, name=column in _NAME_COLUMNS)
                if problem is not None:
                    self._problem(number, column, problem)
                    allowed = False
        for column, (_, field, _) in self.translated.items():
            value = self._raw(cells, column)
            if isinstance(value, str) and value:
                problem = character_problem(value, name=field == "name")
                if problem is None and field == "name" and not value.strip():
                    problem = "expected a name, got only white space"
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

    def _once(self, pair: tuple[str, ...], number: int, what: str) -> bool:
        """Whether this is the first row of `pair`; a second is reported."""
        first = self.pairs.setdefault(pair, number)
        if first != number:
            self.problems.append(
                Problem(f"row {number}", f"duplicate {what} {pair[1:]!r} (first in row {first})")
            )
        return first == number

    def read_row(self, cells: Sequence[Cell], number: int) -> None:
        for index in [*self.unnamed, *range(self.width, len(cells))]:
            if index < len(cells) and index not in self.refused and text_cell(cells[index]).strip():
                self.refused.add(index)
                message = "a cell under no header (name the column to keep it as an extra)"
                self.problems.append(
                    Problem(f"row {number}, column {column_letter(index)}", message)
                )
        if not self._characters_allowed(cells, number):
            return
        has = {kind: self._filled(cells, kind, f"{kind}_id") for kind in _KINDS}
        details = self._filled(
            cells,
            "mandatory",
            "description",
            "importance",
            "external_id",
            "extras",
            *LIST_COLUMNS,
            "title",
            "focus",
        ) or any(self._text(cells, index).strip() for index in self.extra_columns)
        if has["skill"] and has["role"] and has["level"]:
            self._expectation(cells, number, has["step"])
            return
        if has["skill"] and has["step"] and not (has["role"] or has["level"]):
            skill, step = self._skill(cells, number), self._step(cells, number)
            found = self._details(cells, number, ("criteria", "examples"))
            if (
                skill is None
                or step is None
                or not self._once(
                    ("d", skill, *step), number, "definition for (skill, scale, step)"
                )
            ):
                return
            description = self._text(cells, "description")
            self.definitions.append((skill, step, description, found, number))
            return
        if has["role"] and has["level"] and not has["skill"]:
            role, level = self._role(cells, number), self._level(cells, number)
            found = self._details(cells, number, ("stack",))
            found.pop("external_id", None)
            if (
                role is None
                or level is None
                or not self._once(("r", role, level), number, "role level for (role, level)")
            ):
                return
            found |= {"title": self._text(cells, "title"), "focus": self._text(cells, "focus")}
            self.role_levels.append((role, level, found, number))
            return
        shape = frozenset(kind for kind, filled in has.items() if filled)
        if details or shape not in _ENTITY_ROWS:
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
        elif has["level"]:
            self._level(cells, number)
        elif has["step"]:
            self._step(cells, number)
        elif has["ladder"]:
            self._parent(cells, number, "ladder")
        else:
            self._parent(cells, number, "scale")

    def _expectation(self, cells: Sequence[Cell], number: int, with_step: bool) -> None:
        skill = self._skill(cells, number)
        role = self._role(cells, number)
        level = self._level(cells, number)
        step = self._step(cells, number) if with_step else None
        flag = self._flag(cells, number)
        found = self._details(cells, number, ("criteria", "examples", "signals"))
        importance = self._number(cells, number, "importance")
        if importance is not None:
            found["importance"] = importance
        if None in (skill, role, level) or flag is _BAD or (with_step and step is None):
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
        description = self._text(cells, "description")
        self.expectations.append((*cell, flag, description, found, step, number))

    # The framework -----------------------------------------------------------------------

    def _ranked(self, kind: str, column: str) -> dict[str, list[tuple[Any, _Found]]]:
        """The entities of `kind` on each ladder or scale, by rank: each rank once, no gaps.

        Levels are grouped by their ladder (``""`` for the framework's own), steps by
        their scale, in one pass over them all.
        """
        groups: dict[str, dict[int, tuple[Any, _Found]]] = {}
        for key, found in self.found[kind].items():
            if isinstance(key, tuple):
                group = key[0]
            else:
                group = str(found.fields.get("ladder_id", found.fields.get("ladder", "")))
            by_rank = groups.setdefault(group, {})
            rank = found.fields[column]
            assert isinstance(rank, int)
            other = by_rank.setdefault(rank, (key, found))
            if other[0] != key:
                self._problem(
                    found.row,
                    column,
                    f"rank {rank} is {kind} {_shown_key(other[0])!r}'s already "
                    f"(row {other[1].row})",
                )
        for by_rank in groups.values():
            for expected, rank in enumerate(sorted(by_rank), start=1):
                if rank != expected and not self.unranked:
                    _, found = by_rank[rank]
                    self._problem(
                        found.row,
                        column,
                        f"ranks must run 1, 2, 3… without gaps: no {kind} has rank {expected}",
                    )
                    break
        return {
            group: [by_rank[rank] for rank in sorted(by_rank)] for group, by_rank in groups.items()
        }

    def _identity_values(self, kind: str, fields: Mapping[str, object]) -> dict[str, Any]:
        """The model's `external_id`, `extras` and `translations` of an entity read."""
        return {
            "external_id": fields[f"{kind}_external_id"],
            "extras": fields[f"{kind}_extras"],
            "translations": self._translations(kind, fields),
        }

    def _reference(
        self, found: _Found, column: str, known: Mapping[str, _T], what: str
    ) -> _T | None:
        """The entity the id in `column` names among `known`; a problem if there is none."""
        key = found.fields.get(column)
        if not key:
            return None
        entity = known.get(str(key))
        if entity is None:
            message = unknown_reference(what, str(key), known, f"a {what} of the table")
            self._problem(found.row, column, message)
        return entity

    def taxonomy(self, name: str, version: str, language: str) -> Taxonomy:
        levels: dict[str, Level] = {}
        levels_of = self._ranked("level", "level_rank")
        steps_of = self._ranked("step", "step_rank")

        def ladder_levels(group: str) -> tuple[Level, ...]:
            made = tuple(
                Level(
                    key,
                    str(found.fields["level"]),
                    rank,
                    str(found.fields["level_description"]),
                    **self._identity_values("level", found.fields),
                )
                for rank, (key, found) in enumerate(levels_of.get(group, ()), start=1)
            )
            levels.update((level.id, level) for level in made)
            return made

        own = ladder_levels("")
        ladders = {
            key: Ladder(
                key,
                str(found.fields["ladder"]),
                ladder_levels(key),
                str(found.fields["ladder_description"]),
                **self._identity_values("ladder", found.fields),
            )
            for key, found in self.found["ladder"].items()
        }
        scales = {
            key: Scale(
                key,
                str(found.fields["scale"]),
                [
                    Step(
                        step_key[1],
                        str(step.fields["step"]),
                        rank,
                        str(step.fields["step_code"]),
                        str(step.fields["step_description"]),
                        **self._identity_values("step", step.fields),
                    )
                    for rank, (step_key, step) in enumerate(steps_of.get(key, ()), start=1)
                ],
                str(found.fields["scale_description"]),
                **self._identity_values("scale", found.fields),
            )
            for key, found in self.found["scale"].items()
        }
        if self.problems:
            raise InvalidTableError(self.problems, self.source)
        domains = {
            key: Domain(key, str(f.fields["domain"]), **self._identity_values("domain", f.fields))
            for key, f in self.found["domain"].items()
        }
        skills = {}
        for key, found in self.found["skill"].items():
            fields = found.fields
            updated = fields["skill_updated"]
            skills[key] = Skill(
                key,
                str(fields["skill"]),
                domains[str(fields.get("domain_id", fields.get("domain")))],
                str(fields["category"]),
                str(fields["skill_summary"]),
                updated if isinstance(updated, datetime.date) else None,
                scale=self._reference(found, "skill_scale", scales, "scale"),
                **self._identity_values("skill", fields),
            )
        roles = {}
        for key, found in self.found["role"].items():
            fields = found.fields
            roles[key] = Role(
                key,
                str(fields["role"]),
                str(fields["role_family"]),
                str(fields["role_summary"]),
                ladder=self._reference(found, "role_ladder", ladders, "ladder"),
                start=self._reference(found, "role_start", levels, "level"),
                **self._identity_values("role", fields),
            )
        first_scale = next(iter(scales.values()), None)

        def step_of(skill: Skill, step: tuple[str, str], number: int) -> Step | None:
            scale = skill.scale or first_scale
            if scale is None or scale.id != step[0]:
                expected = "it has none" if scale is None else f"its scale is {scale.id!r}"
                column = "scale_id" if "scale_id" in self.columns else "scale"
                self._problem(
                    number,
                    column,
                    f"step {step[1]!r} is of scale {step[0]!r}, not of skill {skill.id!r}'s "
                    f"scale ({expected})",
                )
                return None
            return scales[step[0]].step(step[1])

        expectations = []
        rows: dict[str, list[int]] = {"expectations": [], "definitions": [], "role_levels": []}
        for s, r, lv, flag, text, more, step, number in self.expectations:
            if step is not None:
                more = {**more, "step": step_of(skills[s], step, number)}  # noqa: PLW2901
            expectations.append(Expectation(skills[s], roles[r], levels[lv], flag, text, **more))
            rows["expectations"].append(number)
        definitions = []
        for s, step, text, more, number in self.definitions:
            found_step = step_of(skills[s], step, number)
            if found_step is not None:
                definitions.append(Definition(skills[s], found_step, text, **more))
                rows["definitions"].append(number)
        role_levels = []
        for r, lv, more, number in self.role_levels:
            role_levels.append(RoleLevel(roles[r], levels[lv], **more))
            rows["role_levels"].append(number)
        if self.problems:
            raise InvalidTableError(self.problems, self.source)
        rows["roles"] = [found.row for found in self.found["role"].values()]
        rows["skills"] = [found.row for found in self.found["skill"].values()]
        try:
            return Taxonomy(
                name=name,
                version=version,
                language=language,
                domains=domains.values(),
                skills=skills.values(),
                roles=roles.values(),
                levels=own,
                ladders=ladders.values(),
                scales=scales.values(),
                definitions=definitions,
                role_levels=role_levels,
                expectations=expectations,
            )
        except InvalidTaxonomyError as error:
            # What the model refuses of the whole (a level off its role's ladder), said at
            # the row that gave it.
            raise InvalidTableError(
                [_at_row(problem, rows) for problem in error.problems], self.source
            ) from None


def _shown_key(key: str | tuple[str, ...]) -> str:
    """An entity's id as messages show it (a step's without its scale)."""
    return key if isinstance(key, str) else key[-1]


def _at_row(problem: Problem, rows: Mapping[str, list[int]]) -> Problem:
    """A model problem at ``$.expectations[3]…``, placed at the table's row instead."""
    match = re.match(r"\$\.(\w+)\[(\d+)\]", problem.path)
    if match and match[1] in rows and int(match[2]) < len(rows[match[1]]):
        return Problem(f"row {rows[match[1]][int(match[2])]}", problem.message)
    return problem


def _translation(header: str) -> tuple[str, str, str] | None:
    """The kind, field and language of a translation column (``skill_summary@de``)."""
    base, at, language = header.strip().partition("@")
    if not at:
        return None
    key = header_key(base)
    if key == "description":
        return "expectation", "description", language.strip()
    kind, _, field = key.partition("_")
    if kind not in TRANSLATED_KINDS or (field and field not in _TRANSLATED_FIELDS[1:]):
        return None
    return kind, field or "name", language.strip()


class _Bad:
    """A cell that could not be read (its problem is reported)."""


_BAD = _Bad()

# The columns a reader knows (the others are kept as extras).
_KNOWN = (*COLUMNS, *LIST_COLUMNS, *V2_COLUMNS)
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")

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


def bounded_rows(
    rows: Iterator[Sequence[Cell]],
    source: str | None,
    *,
    max_rows: int = DEFAULT_MAX_ROWS,
    max_columns: int = DEFAULT_MAX_COLUMNS,
    max_cells: int = DEFAULT_MAX_CELLS,
) -> Iterator[tuple[int, Sequence[Cell]]]:
    """Each row with its number, cut after its last filled cell, within the limits.

    A table longer than `max_rows`, a row filling more than `max_columns`, or more than
    `max_cells` cells in all, is refused (`InvalidTableError`) at that row, before the
    rest is read.
    """
    filled = 0
    for number, cells in enumerate(rows, start=1):
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
        yield number, cells[:width]


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

    The rows are bounded as `bounded_rows` says.
    """
    numbered = bounded_rows(
        rows, source, max_rows=max_rows, max_columns=max_columns, max_cells=max_cells
    )
    first = next(numbered, None)
    if first is None:
        raise InvalidTableError(
            [Problem("row 1", "the table is empty (expected a header)")], source
        )
    reader = _TableReader(first[1], source)
    if reader.problems:  # without the right columns, rows cannot be read
        raise InvalidTableError(reader.problems, source)
    for number, found in numbered:
        if any(text_cell(cell).strip() for cell in found):
            reader.read_row(found, number)
    return reader.taxonomy(name, version, language)


class _MatrixReader:
    """Read a skills × levels matrix's rows, collecting every problem with its place."""

    def __init__(
        self, header: Sequence[Cell], role: str, domain: str, unflagged: bool | None
    ) -> None:
        from skilltaxonomy._i18n import available_locales, flag_word, messages  # noqa: PLC0415

        words = [messages(locale) for locale in available_locales()]
        self.flags = tuple(f"{flag_word(each)}:".casefold() for each in words)
        self.problems: list[Problem] = []
        self.header = [text_cell(cell).strip() for cell in header]
        categories = {each._("Category").casefold() for each in words}
        self.start = 2 if len(self.header) > 1 and self.header[1].casefold() in categories else 1
        self.levels: list[Level] = []
        for index, label in enumerate(self.header[self.start :], start=self.start):
            if self._checked(label, self._place(1, index, "level"), name=True) is None:
                continue
            twin = next((lv for lv in self.levels if id_key(lv.id) == id_key(slug(label))), None)
            if twin is not None:
                message = f"level {label!r} repeats {twin.name!r}"
                self.problems.append(Problem(self._place(1, index, label), message))
                continue
            self.levels.append(Level(slug(label), label, len(self.levels) + 1))
        if not self.levels and not self.problems:
            message = "expected a column per level after the skill's"
            self.problems.append(Problem("row 1", message))
        self.domain = Domain(slug(domain) or "domain", domain)
        self.role = Role(slug(role) or "role", role)
        self.unflagged = unflagged
        self.skills: dict[str, tuple[int, Skill]] = {}
        self.expectations: list[Expectation] = []

    @staticmethod
    def _place(number: int, index: int, label: str) -> str:
        return f"row {number}, column {column_letter(index)} ({label})"

    def _checked(self, text: str, where: str, *, name: bool) -> str | None:
        problem = character_problem(text, name=name)
        if problem is None and name and not text.strip():
            problem = "expected a name, got an empty cell"
        if problem is not None:
            self.problems.append(Problem(where, problem))
            return None
        return text

    def read_row(self, number: int, texts: Sequence[str]) -> None:
        where = self._place(number, 0, self.header[0] or "skill")
        skill_name = self._checked(texts[0] if texts else "", where, name=True)
        category = texts[1].strip() if self.start == 2 and len(texts) > 1 else ""
        if self.start == 2 and len(texts) > 1:
            self._checked(texts[1], self._place(number, 1, self.header[1]), name=False)
        if skill_name is None:
            return
        key = slug(skill_name)
        if id_key(key) in self.skills:
            earlier = self.skills[id_key(key)][0]
            message = f"skill {skill_name.strip()!r} repeats row {earlier}"
            self.problems.append(Problem(f"row {number}", message))
            return
        skill = Skill(key, skill_name.strip(), self.domain, category)
        self.skills[id_key(key)] = (number, skill)
        for index in range(self.start, len(texts)):
            if texts[index].strip():
                self._cell(number, index, skill, texts[index])

    def _cell(self, number: int, index: int, skill: Skill, text: str) -> None:
        if index - self.start >= len(self.levels):
            message = "a cell beyond the last level's column"
            self.problems.append(Problem(self._place(number, index, "?"), message))
            return
        level = self.levels[index - self.start]
        if self._checked(text, self._place(number, index, level.name), name=False) is None:
            return
        flag = self.unflagged
        for word in self.flags:
            if text.casefold().startswith(word):
                flag, text = True, text[len(word) :].strip()
                break
        self.expectations.append(Expectation(skill, self.role, level, flag, text))


def read_matrix_rows(
    rows: Iterator[Sequence[Cell]],
    source: str | None,
    *,
    name: str,
    role: str,
    domain: str,
    unflagged: bool | None = False,
    max_rows: int = DEFAULT_MAX_ROWS,
    max_columns: int = DEFAULT_MAX_COLUMNS,
    max_cells: int = DEFAULT_MAX_CELLS,
) -> Taxonomy:
    """Read one role's skills × levels matrix: a skill a row, a level a column.

    The header names the levels, entry level first, after the skill's column and an
    optional category column (``Category``, ``Categoría`` or ``Kategorie``). A cell is
    what the role expects of the row's skill at the column's level; an empty one, none.
    A cell that starts with the word for required in a page's language (``Required:``,
    ``Obligatorio:``, ``Pflicht:``) is mandatory, any other is `unflagged` (optional by
    default, as `write_matrix` writes it; ``None`` for a sheet that does not say). The
    rows are bounded as `bounded_rows` says.
    """
    numbered = bounded_rows(
        rows, source, max_rows=max_rows, max_columns=max_columns, max_cells=max_cells
    )
    first = next(numbered, None)
    if first is None:
        message = "the table is empty (expected a header)"
        raise InvalidTableError([Problem("row 1", message)], source)
    reader = _MatrixReader(first[1], role, domain, unflagged)
    if reader.problems:
        raise InvalidTableError(reader.problems, source)
    for number, cells in numbered:
        texts = [text_cell(cell) for cell in cells]
        if any(text.strip() for text in texts):
            reader.read_row(number, texts)
    if reader.problems:
        raise InvalidTableError(reader.problems, source)
    return Taxonomy(
        name=name,
        domains=[reader.domain],
        skills=[skill for _, skill in reader.skills.values()],
        roles=[reader.role],
        levels=reader.levels,
        expectations=reader.expectations,
    )
