"""Ratings of many people as one table: who holds what, rated when, by whom, in which round.

A `RatingsTable` holds two Arrow tables checked against a framework: the ratings (one
row per person, skill, rater and round) and, optionally, the people (their current role,
level and org unit). It is what the organisation-scale questions of
`skilltaxonomy.people.analytics` read, on an engine or in Python. Files of ratings are
read and written by `skilltaxonomy.formats.ratings`; this module knows no files.

Needs PyArrow, from the ``scale`` extra: ``pip install 'skilltaxonomy[scale]'``.

Which rating counts, when a person has several for a skill (`RatingsTable.current`):
the one of the latest round (up to the one asked for), and within a round the first
rater kind of `RATER_KINDS` (an agreed rating over a manager's, over a peer's, over the
person's own), a rating that names no rater last.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from skilltaxonomy._optional import optional_module
from skilltaxonomy._text import character_problem, close_matches, column_letter, header_key, show
from skilltaxonomy.exceptions import (
    InvalidQueryError,
    InvalidRatingsError,
    Problem,
)
from skilltaxonomy.model import Taxonomy
from skilltaxonomy.model.problems import unknown_reference
from skilltaxonomy.people.assessment import Assessment, Rating

if TYPE_CHECKING:
    import pyarrow

#: The kinds of rater, the one whose rating counts first (see the module's docstring).
RATER_KINDS: tuple[str, ...] = ("agreed", "manager", "peer", "self")
#: The columns of a ratings table: ``person`` and ``skill``, then a ``level`` or a ``step``.
RATING_COLUMNS: tuple[str, ...] = (
    "person",
    "skill",
    "level",
    "step",
    "assessed",
    "rater",
    "round",
    "note",
)
#: The columns of a people table: ``person``, then any of the others.
PEOPLE_COLUMNS: tuple[str, ...] = ("person", "role", "level", "org_unit")
#: What a `RatingsTable` adds to its ratings: the source row, and ranks for the engines.
DERIVED_COLUMNS: tuple[str, ...] = ("row", "level_rank", "step_rank", "round_order", "rater_order")
#: How many rows one check reports before it counts the rest.
EXAMPLES_PER_CHECK = 20


def arrow_module(feature: str) -> Any:
    """`pyarrow` (with `pyarrow.compute`), or `MissingDependencyError` naming ``scale``."""
    optional_module("numpy", feature, "scale")  # the checks sort with it
    optional_module("pyarrow.compute", feature, "scale", "pyarrow")
    return optional_module("pyarrow", feature, "scale")


def _round_sort_key(rounds: Sequence[str]) -> Callable[[str], Any]:
    """Rounds order as numbers when every one is a whole number, else as text."""
    if rounds and all(text.isdecimal() for text in rounds):
        return int
    return str


@attrs.frozen(eq=False)
class RatingsTable:
    """Ratings of many people, and who they are, checked against one framework.

    Build one with `RatingsTable.build` (from Arrow tables), `RatingsTable.from_assessments`,
    or read one with `skilltaxonomy.load_ratings` (CSV, XLSX, Parquet, pandas, Arrow).

    Attributes:
        taxonomy: The framework every id was checked against.
        ratings: One row per rating: `RATING_COLUMNS` (steps by id), then
            `DERIVED_COLUMNS`: the source row, the level's rank, the step's rank, the
            round's position in `rounds` (0 for none) and the rater's in `RATER_KINDS`.
        people: One row per person: `PEOPLE_COLUMNS` and ``row`` (may have no rows).
        rounds: The rounds named, first to latest.
        source: Where the ratings came from (a file name), if known.
        one_per_skill: Whether each person has at most one rating per skill (then
            there is no choice of the rating that counts to make).
        everyone: The people table's persons, then anyone else rated (`persons` as an
            Arrow array: no object per person).
        encoding: The text encoding the ratings file was read in (``"utf-8"``,
            ``"cp1252"``…), where it was a CSV file read from bytes; else None.

    >>> from skilltaxonomy import RatingsTable, load
    >>> import pyarrow as pa
    >>> table = RatingsTable.build(load(), pa.table({
    ...     "person": ["Ana", "Ana"], "skill": ["neural-network-architectures"] * 2,
    ...     "level": ["junior", "middle"], "rater": ["self", "manager"]}))
    >>> len(table), table.persons
    (2, ('Ana',))
    >>> table.assessments()[0].met("neural-network-architectures").id
    'middle'
    """

    taxonomy: Taxonomy = attrs.field(repr=False)
    ratings: pyarrow.Table = attrs.field(repr=False)
    people: pyarrow.Table = attrs.field(repr=False)
    rounds: tuple[str, ...] = ()
    source: str | None = None
    one_per_skill: bool = attrs.field(default=False, kw_only=True)
    everyone: pyarrow.Array = attrs.field(default=None, kw_only=True, repr=False)
    encoding: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.everyone is None:  # built from its tables: found once, here
            pa = arrow_module("RatingsTable")
            found = pa.chunked_array(
                [self.people.column("person"), self.ratings.column("person")], pa.string()
            )
            object.__setattr__(self, "everyone", found.unique())

    def __repr__(self) -> str:
        return (
            f"RatingsTable(ratings={self.ratings.num_rows}, people={len(self.persons)}, "
            f"rounds={self.rounds!r}, source={self.source!r}"
            + ("" if self.encoding is None else f", encoding={self.encoding!r}")
            + ")"
        )

    def __len__(self) -> int:
        return int(self.ratings.num_rows)

    @property
    def persons(self) -> tuple[str, ...]:
        """Everyone in the people table, then anyone else rated, each once, in order."""
        return tuple(self.everyone.to_pylist())

    @classmethod
    def build(
        cls,
        taxonomy: Taxonomy,
        ratings: pyarrow.Table,
        people: pyarrow.Table | None = None,
        *,
        source: str | None = None,
        people_source: str | None = None,
        first_row: int = 0,
        lettered: bool = False,
    ) -> RatingsTable:
        """Check Arrow tables of ratings (and people) against `taxonomy`.

        Headers are matched loosely (``"Org unit"`` is ``org_unit``); numbers in text
        columns are read as text; empty cells are missing values. Rows are numbered from
        `first_row` (2 for a file whose first line is its header), columns by letter
        when `lettered`.

        Raises:
            InvalidRatingsError: Every problem at its row and column: unknown columns,
                people, skills, levels, steps or rater kinds (with suggestions), cells of
                the wrong type, dates that are not dates, a rating with neither a level
                nor a step, and two ratings of one person, skill, rater and round.
        """
        pa = arrow_module("RatingsTable")
        people_table = None
        if people is not None:
            people_table = _Checker(
                pa,
                people,
                PEOPLE_COLUMNS,
                source=people_source,
                first_row=first_row,
                lettered=lettered,
            ).people(taxonomy)
        checker = _Checker(
            pa, ratings, RATING_COLUMNS, source=source, first_row=first_row, lettered=lettered
        )
        checked, rounds = checker.ratings(taxonomy, people_table)
        if people_table is None:
            people_table = _empty_people(pa)
        rated = checker.codes["person"].dictionary
        everyone = pa.chunked_array([people_table.column("person"), rated], pa.string()).unique()
        return cls(
            taxonomy,
            checked,
            people_table,
            rounds,
            source,
            one_per_skill=checker.one_per_skill,
            everyone=everyone,
        )

    @classmethod
    def from_assessments(
        cls,
        taxonomy: Taxonomy,
        assessments: Iterable[Assessment],
        *,
        rater: str | None = None,
        round: str | None = None,
    ) -> RatingsTable:
        """The ratings of assessments (files of one person each), as one table.

        Each assessment's role and level make its row of the people table. `rater` and
        `round`, if given, are written on every rating.
        """
        pa = arrow_module("RatingsTable.from_assessments")
        rows: dict[str, list[Any]] = {name: [] for name in RATING_COLUMNS}
        people: dict[str, list[Any]] = {name: [] for name in PEOPLE_COLUMNS}
        for assessment in assessments:
            people["person"].append(assessment.person)
            people["role"].append(None if assessment.role is None else assessment.role.id)
            people["level"].append(None if assessment.level is None else assessment.level.id)
            people["org_unit"].append(None)
            for rating in assessment.ratings:
                rows["person"].append(assessment.person)
                rows["skill"].append(rating.skill.id)
                rows["level"].append(None if rating.level is None else rating.level.id)
                rows["step"].append(None if rating.step is None else rating.step.id)
                rows["assessed"].append(rating.assessed)
                rows["rater"].append(rater)
                rows["round"].append(round)
                rows["note"].append(rating.note or None)
        types = {"assessed": pa.date32()}
        ratings = pa.table(
            {name: pa.array(values, types.get(name, pa.string())) for name, values in rows.items()}
        )
        people_table = pa.table({name: pa.array(v, pa.string()) for name, v in people.items()})
        return cls.build(taxonomy, ratings, people_table)

    def to_arrow(self) -> pyarrow.Table:
        """The ratings as given (`RATING_COLUMNS`, steps by id), without the derived columns."""
        return self.ratings.select(list(RATING_COLUMNS))

    def people_to_arrow(self) -> pyarrow.Table:
        """The people table (`PEOPLE_COLUMNS`)."""
        return self.people.select(list(PEOPLE_COLUMNS))

    def round_order(self, round: str | None) -> int | None:
        """A round's position in `rounds` (from 1), or ``None`` for no round (the latest).

        Raises:
            InvalidQueryError: The table names no such round (with suggestions).
        """
        return round_position(self.rounds, round)

    def current(
        self,
        *,
        round: str | None = None,
        rater: str | None = None,
    ) -> pyarrow.Table:
        """The rating that counts per person and skill (see the module's docstring).

        Args:
            round: Read the ratings as of this round: later rounds are left out.
            rater: Count only this kind of rater's ratings (one of `RATER_KINDS`).
        """
        pa = arrow_module("RatingsTable.current")
        keep = _selected_rows(self, round, rater)
        return self.ratings.take(pa.array(keep, pa.int64()))

    def assessments(
        self,
        *,
        round: str | None = None,
        rater: str | None = None,
    ) -> tuple[Assessment, ...]:
        """One assessment per person of `persons`, from the ratings that count (`current`).

        This is the per-person Python path: every rating becomes an object. The engines
        of `skilltaxonomy.people.analytics` answer the same questions without them.
        """
        current = self.current(round=round, rater=rater)
        columns = ("person", "skill", "level", "step", "note", "assessed")
        by_person: dict[str, list[Rating]] = {person: [] for person in self.persons}
        taxonomy = self.taxonomy
        for person, skill_id, level_id, step_id, note, assessed in zip(
            *(current.column(name).to_pylist() for name in columns), strict=True
        ):
            skill = taxonomy.skill(skill_id)
            step = None
            if step_id is not None:
                scale = taxonomy.scale_of(skill)
                step = None if scale is None else scale.step(step_id)
            level = None if level_id is None else taxonomy.level(level_id)
            by_person[person].append(Rating(skill, level, note or "", assessed, step=step))
        roles = dict(
            zip(
                self.people.column("person").to_pylist(),
                zip(
                    self.people.column("role").to_pylist(),
                    self.people.column("level").to_pylist(),
                    strict=True,
                ),
                strict=True,
            )
        )
        return tuple(
            Assessment(
                person,
                ratings,
                role=None
                if roles.get(person, (None,))[0] is None
                else taxonomy.role(roles[person][0]),
                level=None
                if roles.get(person, (None, None))[1] is None
                else taxonomy.level(roles[person][1]),
            )
            for person, ratings in by_person.items()
        )

    def assessment(
        self,
        person: str,
        *,
        round: str | None = None,
        rater: str | None = None,
    ) -> Assessment:
        """One person's assessment from the ratings that count (see `assessments`).

        Raises:
            InvalidQueryError: No such person in the table (with suggestions).
        """
        if person not in self.persons:
            raise InvalidQueryError(
                unknown_reference("person", person, self.persons, "a person in the ratings")
            )
        return next(a for a in self.assessments(round=round, rater=rater) if a.person == person)


def round_position(rounds: Sequence[str], round: str | None) -> int | None:
    """`round`'s position in `rounds` (from 1), ``None`` for none; else `InvalidQueryError`."""
    if round is None:
        return None
    if round not in rounds:
        hint = close_matches(round, rounds)
        known = ", ".join(rounds) or "none"
        also = f"did you mean {' or '.join(map(show, hint))}?" if hint else f"rounds: {known}"
        raise InvalidQueryError(f"no round {show(round)} in the ratings ({also})")
    return list(rounds).index(round) + 1


def sorted_rounds(names: Iterable[str | None]) -> tuple[str, ...]:
    """The rounds named, first to latest (see `_round_sort_key`)."""
    found = sorted({name for name in names if name is not None})
    return tuple(sorted(found, key=_round_sort_key(found)))


# The rules every ratings table is held to, in one place: the Arrow checks (`_Checker`)
# and the engine checks (`skilltaxonomy.people.analytics.engine_ratings`) both say them so.

#: A rating names a level, a step, or both.
NEITHER = "expected a level, a step, or both"


def empty_problem(what: str, value: str | None) -> str:
    """A cell that must hold `what` (a person, a skill id) and holds nothing."""
    return f"expected {what}, got {'an empty cell' if value is None else show(value)}"


def date_problem(value: str | None) -> str:
    """A cell that is not an ISO 8601 date."""
    return f"expected a date such as 2026-03-01, got {show(value)}"


def mistyped_problem(kind: object) -> str:
    """A column of something other than text (numbers are read as their digits)."""
    return f"expected text, got a column of {kind}"


def header_problems(
    headers: Sequence[str], known: Sequence[str], column_at: Callable[[int, str], str]
) -> tuple[dict[str, int], list[tuple[int, Problem]]]:
    """Each known column's position by its key (headers matched loosely), and what is wrong.

    That is: a second column of one key, and columns of no known key (with suggestions).
    """
    index: dict[str, int] = {}
    problems: list[tuple[int, Problem]] = []
    for at, header in enumerate(headers):
        key = header_key(str(header))
        if key in index:
            message = f"a second {key!r} column (the first is {column_at(index[key], key)})"
            problems.append((at, Problem(column_at(at, key), message)))
        elif key not in known:
            hint = close_matches(key, known)
            expected = (
                f"did you mean {' or '.join(map(show, hint))}?"
                if hint
                else f"expected one of: {', '.join(known)}"
            )
            message = f"unknown column {show(str(header))} ({expected})"
            problems.append((at, Problem(column_at(at, key), message)))
        else:
            index[key] = at
    return index, problems


def missing_columns(
    present: Iterable[str], keys: Sequence[str], either: Sequence[str] = ()
) -> list[Problem]:
    """The columns a table must have and has not: all of `keys`, one of `either`."""
    given = set(present)
    problems = [Problem("row 1", f"no {key!r} column") for key in keys if key not in given]
    if either and not any(key in given for key in either):
        wanted = " or ".join(repr(key) for key in either)
        problems.append(Problem("row 1", f"no {wanted} column (a rating names one or both)"))
    return problems


def step_names(taxonomy: Taxonomy) -> tuple[dict[str, tuple[str, int]], dict[str, list[str]]]:
    """Each skill and step (by id or code), its step's id and rank; each skill's step ids.

    The keys join a skill's id and a step's id or code with a unit separator (U+001F).
    """
    named: dict[str, tuple[str, int]] = {}
    steps_of: dict[str, list[str]] = {}
    for the_skill in taxonomy.skills:
        scale = taxonomy.scale_of(the_skill)
        if scale is None:
            continue
        steps_of[the_skill.id] = [s.id for s in scale.steps]
        for the_step in scale.steps:
            for key in (the_step.id, the_step.code):
                if key:
                    named.setdefault(f"{the_skill.id}\x1f{key}", (the_step.id, the_step.rank))
    return named, steps_of


def unknown_step(taxonomy_steps: dict[str, list[str]], skill_id: str, step: str) -> str:
    """A step not on the scale of its skill (with suggestions)."""
    where = f"a step of the scale of skill {skill_id!r}"
    return unknown_reference("step", step, taxonomy_steps.get(skill_id, []), where)


def off_ladder(role: str, level: str) -> str:
    """A person's level that is not on their role's ladder."""
    return f"level {level!r} is not on the ladder of role {role!r}"


def check_rater(rater: str | None) -> None:
    """Raise `InvalidQueryError` unless `rater` is ``None`` or one of `RATER_KINDS`."""
    if rater is not None and rater not in RATER_KINDS:
        raise InvalidQueryError(unknown_rater(rater))


def unknown_rater(rater: str) -> str:
    """An unknown kind of rater (with suggestions)."""
    hint = close_matches(rater, RATER_KINDS)
    if hint:
        return f"unknown rater kind {show(rater)} (did you mean {' or '.join(map(show, hint))}?)"
    return f"unknown rater kind {show(rater)} (expected one of: {', '.join(RATER_KINDS)})"


def _selected_rows(table: RatingsTable, round: str | None, rater: str | None) -> list[int]:
    """The positions of the ratings that count, in the order of the table."""
    check_rater(rater)
    last = table.round_order(round)
    wanted = None if rater is None else RATER_KINDS.index(rater)
    best: dict[tuple[str, str], tuple[int, int, int]] = {}
    columns = ("person", "skill", "round_order", "rater_order")
    ratings = table.ratings
    for position, (person, skill, order, rater_order) in enumerate(
        zip(*(ratings.column(name).to_pylist() for name in columns), strict=True)
    ):
        if (last is not None and order > last) or (wanted is not None and rater_order != wanted):
            continue
        key = (person, skill)
        found = best.get(key)
        # The latest round first, then the first rater kind.
        if found is None or (order, -rater_order) > (found[0], -found[1]):
            best[key] = (order, rater_order, position)
    return sorted(position for _, _, position in best.values())


def _empty_people(pa: Any) -> Any:
    columns = {name: pa.array([], pa.string()) for name in PEOPLE_COLUMNS}
    return pa.table({**columns, "row": pa.array([], pa.int64())})


class _Checker:
    """Check one Arrow table's columns and rows, collecting every problem with its place."""

    def __init__(
        self,
        pa: Any,
        table: Any,
        known: tuple[str, ...],
        *,
        source: str | None,
        first_row: int,
        lettered: bool,
    ) -> None:
        if not isinstance(table, pa.Table):
            message = f"expected an Arrow table, got {type(table).__name__}"
            raise InvalidRatingsError([Problem("$", message)], source)
        self.pa, self.pc = pa, pa.compute
        self.source, self.first_row, self.lettered = source, first_row, lettered
        self.problems: list[tuple[int, int, Problem]] = []
        self.rows = int(table.num_rows)
        self.columns: dict[str, Any] = {}
        self.index: dict[str, int] = {}
        self.one_per_skill = False
        self.codes: dict[str, Any] = {}
        self.mistyped: set[str] = set()
        self.uniques: dict[tuple[str, ...], bool] = {}
        try:
            headers = table.column_names
        except UnicodeDecodeError:  # Arrow holds names as bytes; a file's may be any
            problem = Problem("row 1", "a column's name is not UTF-8 text")
            raise InvalidRatingsError([problem], source) from None
        self.index, problems = header_problems(headers, known, self._column_at)
        for index, problem in problems:
            self._add(-1, index, problem)
        for key, index in self.index.items():
            self.columns[key] = table.column(index).combine_chunks()

    # Places ------------------------------------------------------------------------

    def _column_at(self, index: int, key: str) -> str:
        return f"column {column_letter(index)} ({key})" if self.lettered else f"column {key}"

    def _column(self, key: str) -> str:
        return self._column_at(self.index[key], key)

    def _place(self, position: int, key: str) -> str:
        return f"row {position + self.first_row}, {self._column(key)}"

    def _add(self, position: int, column: int, problem: Problem) -> None:
        self.problems.append((position, column, problem))

    def fail(self) -> None:
        """Raise every problem found so far, in row and column order."""
        if self.problems:
            self.problems.sort(key=lambda found: found[:2])
            raise InvalidRatingsError([problem for *_, problem in self.problems], self.source)

    # Checks ------------------------------------------------------------------------

    def require(self, *keys: str, either: tuple[str, ...] = ()) -> None:
        """Fail (with every problem so far) unless there are columns `keys`, and one of `either`."""
        missing = missing_columns(self.columns, keys, either)
        for problem in missing:
            self._add(-1, -1, problem)
        if missing:
            self.fail()

    def report(self, key: str, mask: Any, message: Callable[[int], str]) -> None:
        """Report the rows `mask` marks: the first `EXAMPLES_PER_CHECK`, then a count."""
        pc = self.pc
        if key in self.mistyped:
            return
        mask = pc.fill_null(mask, False)
        count = int(pc.sum(mask).as_py() or 0)
        if not count:
            return
        positions = pc.indices_nonzero(mask)[:EXAMPLES_PER_CHECK].to_pylist()
        for position in positions:
            problem = Problem(self._place(position, key), message(position))
            self._add(position, self.index[key], problem)
        if count > len(positions):
            more = Problem(
                self._column(key), f"… and {count - len(positions)} more rows like these"
            )
            self._add(positions[-1], self.index[key] + 1, more)

    def value(self, key: str, position: int) -> Any:
        return self.columns[key][position].as_py()

    def text(self, key: str, *, name: bool) -> Any:
        """Column `key` as text (whole numbers as digits), empty cells missing; else report.

        The checks run on the column's distinct values, then find the rows that hold
        the bad ones: a column of millions of cells has thousands of values.
        """
        pa, pc = self.pa, self.pc
        if key not in self.columns:
            return pa.nulls(self.rows, pa.string())
        column = self.columns[key]
        if pa.types.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        if pa.types.is_floating(column.type):
            whole = pc.fill_null(pc.equal(pc.floor(column), column), True)
            if pc.all(whole).as_py():
                column = column.cast(pa.int64())
        kind = column.type
        if pa.types.is_integer(kind) or pa.types.is_large_string(kind) or pa.types.is_null(kind):
            column = column.cast(pa.string())
        elif not pa.types.is_string(kind):
            message = mistyped_problem(kind)
            self._add(-1, self.index[key], Problem(self._column(key), message))
            self.mistyped.add(key)  # said once, not again for each of its cells
            column = pa.nulls(self.rows, pa.string())
        codes = pc.dictionary_encode(column)
        values = codes.dictionary
        if pc.any(pc.equal(values, "")).as_py():
            column = pc.if_else(pc.equal(column, ""), pa.scalar(None, pa.string()), column)
            codes = pc.dictionary_encode(column)
            values = codes.dictionary
        self.columns[key], self.codes[key] = column, codes
        odd = pc.invert(pc.utf8_is_printable(values))
        if pc.any(odd).as_py():
            for position in pc.indices_nonzero(self.holding(key, odd)).to_pylist():
                problem = character_problem(column[position].as_py(), name=name)
                if problem is not None:
                    where = Problem(self._place(position, key), problem)
                    self._add(position, self.index[key], where)
        return column

    def holding(self, key: str, bad: Any) -> Any:
        """The rows of column `key` whose value is one `bad` marks, of its distinct values."""
        pa, pc = self.pa, self.pc
        marked = pc.indices_nonzero(pc.fill_null(bad, False))
        return pc.is_in(self.codes[key].indices, value_set=marked.cast(pa.int32()))

    def filled(self, key: str, what: str) -> Any:
        """Column `key` as text in which every cell holds something (else reported)."""
        pc = self.pc
        column = self.text(key, name=True)
        self.report(key, pc.is_null(column), lambda _: empty_problem(what, None))
        blank = pc.equal(pc.utf8_trim_whitespace(self.codes[key].dictionary), "")
        if pc.any(blank).as_py():
            self.report(
                key,
                self.holding(key, blank),
                lambda at: empty_problem(what, self.value(key, at)),
            )
        return column

    def known(self, key: str, kind: str, ids: Sequence[str], where: str) -> Any:
        """Column `key`'s positions in `ids` (null where missing, or unknown and reported)."""
        pa, pc = self.pa, self.pc
        if key not in self.columns:
            return pa.nulls(self.rows, pa.int32())
        codes = self.codes[key]
        found = pc.index_in(codes.dictionary, value_set=pa.array(list(ids), pa.string()))
        unknown = pc.is_null(found)
        if pc.any(unknown).as_py():
            self.report(
                key,
                self.holding(key, unknown),
                lambda at: unknown_reference(kind, self.value(key, at), ids, where),
            )
        return pc.take(found, codes.indices)

    def date(self, key: str) -> Any:
        """Column `key` as dates: a date or timestamp column, or text as ISO 8601 dates."""
        pa, pc = self.pa, self.pc
        if key not in self.columns:
            return pa.nulls(self.rows, pa.date32())
        column = self.columns[key]
        if pa.types.is_timestamp(column.type):
            return pc.floor_temporal(column, unit="day").cast(pa.timestamp("s")).cast(pa.date32())
        if pa.types.is_date(column.type):
            return column.cast(pa.date32())
        text = self.text(key, name=True)
        parsed = pc.strptime(text, format="%Y-%m-%d", unit="s", error_is_null=True)
        # strptime rolls 2025-02-30 over to March: a real date writes back as it was read.
        same = pc.equal(pc.strftime(parsed, format="%Y-%m-%d"), text)
        bad = pc.and_(pc.is_valid(text), pc.invert(pc.fill_null(same, False)))
        self.report(
            key,
            bad,
            lambda at: date_problem(self.value(key, at)),
        )
        return parsed.cast(pa.date32())

    def key(self, keys: tuple[str, ...]) -> Any:
        """One whole number per row, equal where the values in `keys` are (nulls equal)."""
        pa, pc = self.pa, self.pc
        combined = None
        for key in keys:
            if key not in self.codes:
                continue  # a column not given: missing in every row
            codes = self.codes[key]
            # Missing values get a code of their own, after the others.
            size = len(codes.dictionary) + 1
            indices = codes.indices.cast(pa.int64())
            if codes.null_count:
                indices = pc.fill_null(indices, size - 1)
            combined = indices if combined is None else pc.add(pc.multiply(combined, size), indices)
        return pa.nulls(self.rows, pa.int64()).fill_null(0) if combined is None else combined

    def unique(self, keys: tuple[str, ...]) -> bool:
        """Whether no two rows hold the same values in `keys`."""
        given = tuple(key for key in keys if key in self.codes)
        if given not in self.uniques:
            import numpy  # noqa: PLC0415 - with pyarrow's engines (Ibis, pandas)

            # Sorting whole numbers beats hashing them when nearly all differ, as here.
            ordered = numpy.sort(self.key(given).to_numpy())
            self.uniques[given] = not bool((ordered[1:] == ordered[:-1]).any())
        return self.uniques[given]

    def duplicates(self, keys: tuple[str, ...], what: str) -> None:
        """Report every row after the first with the same values in `keys`."""
        pa, pc = self.pa, self.pc
        if self.unique(keys):  # the common case, quickly
            return
        columns = {k: self.columns.get(k, pa.nulls(self.rows, pa.string())) for k in keys}
        table = pa.table({**columns, "_row": self.positions()})
        groups = table.group_by(list(keys), use_threads=False).aggregate(
            [("_row", "min"), ("_row", "count")]
        )
        twice = groups.filter(pc.greater(groups.column("_row_count"), 1))
        if not twice.num_rows:
            return
        first_of = dict(
            zip(
                zip(*(twice.column(k).to_pylist() for k in keys), strict=True),
                twice.column("_row_min").to_pylist(),
                strict=True,
            )
        )
        rows = zip(*(table.column(k).to_pylist() for k in keys), strict=True)
        later = [
            (at, first_of[values])
            for at, values in enumerate(rows)
            if first_of.get(values, at) != at
        ]
        for at, first in later[:EXAMPLES_PER_CHECK]:
            shown = ", ".join(show(columns[k][at].as_py()) for k in keys)
            if len(keys) > 1:
                shown = f"({', '.join(keys)}) ({shown})"
            message = f"a second {what} {shown} (the first in row {first + self.first_row})"
            self._add(at, self.index[keys[0]], Problem(self._place(at, keys[0]), message))
        if len(later) > EXAMPLES_PER_CHECK:
            message = f"… and {len(later) - EXAMPLES_PER_CHECK} more rows like these"
            self._add(self.rows, 0, Problem(self._column(keys[0]), message))

    def positions(self) -> Any:
        """0, 1, 2… one per row."""
        import numpy  # noqa: PLC0415 - with pyarrow's engines (Ibis, pandas)

        return self.pa.array(numpy.arange(self.rows, dtype=numpy.int64))

    def row_numbers(self) -> Any:
        return self.pc.add(self.positions(), self.first_row)

    # Tables ------------------------------------------------------------------------

    def people(self, taxonomy: Taxonomy) -> Any:
        """The people table, checked: persons once each, roles and levels of the framework."""
        pa, pc = self.pa, self.pc
        self.require("person")
        person = self.filled("person", "a person")
        role = self.text("role", name=True)
        level = self.text("level", name=True)
        org_unit = self.text("org_unit", name=True)
        role_at = self.known("role", "role", [r.id for r in taxonomy.roles], "a role")
        level_at = self.known("level", "level", [lv.id for lv in taxonomy.levels], "a level")
        if "role" in self.columns and "level" in self.columns:
            on_ladder = {(r.id, lv.id) for r in taxonomy.roles for lv in taxonomy.levels_of_role(r)}
            pairs = list(zip(role.to_pylist(), level.to_pylist(), strict=True))
            both = pc.and_(pc.is_valid(role_at), pc.is_valid(level_at)).to_pylist()
            off = [b and pair not in on_ladder for b, pair in zip(both, pairs, strict=True)]
            self.report(
                "level",
                pa.array(off, pa.bool_()),
                lambda at: off_ladder(pairs[at][0], pairs[at][1]),
            )
        self.duplicates(("person",), "row for person")
        self.fail()
        columns = {"person": person, "role": role, "level": level, "org_unit": org_unit}
        return pa.table({**columns, "row": self.row_numbers()})

    def ratings(self, taxonomy: Taxonomy, people: Any | None) -> tuple[Any, tuple[str, ...]]:
        """The ratings table, checked, with its derived columns; and its rounds in order."""
        pa, pc = self.pa, self.pc
        self.require("person", "skill", either=("level", "step"))
        person = self.filled("person", "a person")
        skill = self.filled("skill", "a skill id")
        level = self.text("level", name=True)
        step = self.text("step", name=True)
        rater = self.text("rater", name=True)
        round_ = self.text("round", name=True)
        note = self.text("note", name=False)
        assessed = self.date("assessed")
        if people is not None:
            persons = people.column("person").to_pylist()
            listed = pc.is_in(person, value_set=people.column("person"))
            self.report(
                "person",
                pc.and_(pc.is_valid(person), pc.invert(listed)),
                lambda at: unknown_reference(
                    "person", self.value("person", at), persons, "a person of the people table"
                ),
            )
        skill_at = self.known("skill", "skill", [s.id for s in taxonomy.skills], "a skill")
        level_at = self.known("level", "level", [lv.id for lv in taxonomy.levels], "a level")
        level_rank = pc.take(pa.array([lv.rank for lv in taxonomy.levels], pa.int32()), level_at)
        step_id, step_rank = self._steps(taxonomy, skill, skill_at, step)
        neither = pc.and_(pc.is_null(level), pc.is_null(step))
        self.report(
            "level" if "level" in self.index else "step",
            neither,
            lambda _: NEITHER,
        )
        kinds = pc.index_in(rater, value_set=pa.array(RATER_KINDS))
        if "rater" in self.columns:
            unknown = pc.and_(pc.is_valid(rater), pc.is_null(kinds))
            self.report("rater", unknown, lambda at: unknown_rater(self.value("rater", at)))
        self.duplicates(("person", "skill", "rater", "round"), "rating for")
        self.fail()
        self.one_per_skill = self.unique(("person", "skill"))
        rounds = sorted_rounds(round_.unique().to_pylist())
        round_at = pc.index_in(round_, value_set=pa.array(list(rounds), pa.string()))
        columns = {
            "person": person,
            "skill": skill,
            "level": level,
            "step": step_id,
            "assessed": assessed,
            "rater": rater,
            "round": round_,
            "note": note,
            "row": self.row_numbers(),
            "level_rank": level_rank,
            "step_rank": step_rank,
            "round_order": pc.fill_null(pc.add(round_at, 1), 0).cast(pa.int32()),
            "rater_order": pc.fill_null(kinds, len(RATER_KINDS)).cast(pa.int32()),
        }
        return pa.table(columns), rounds

    def _steps(self, taxonomy: Taxonomy, skill: Any, skill_at: Any, step: Any) -> tuple[Any, Any]:
        """Each rating's step by id, and its rank; a rating names a step by id or code."""
        pa, pc = self.pa, self.pc
        if "step" not in self.columns:
            return pa.nulls(self.rows, pa.string()), pa.nulls(self.rows, pa.int32())
        named, steps_of = step_names(taxonomy)
        at = pc.index_in(
            pc.binary_join_element_wise(skill, step, "\x1f"),
            value_set=pa.array(list(named), pa.string()),
        )
        unknown = pc.and_(pc.and_(pc.is_valid(step), pc.is_valid(skill_at)), pc.is_null(at))

        def message(position: int) -> str:
            return unknown_step(
                steps_of, self.value("skill", position), self.value("step", position)
            )

        self.report("step", unknown, message)
        found = list(named.values())
        ids = pa.array([step_id for step_id, _ in found], pa.string())
        ranks = pa.array([rank for _, rank in found], pa.int32())
        return pc.take(ids, at), pc.take(ranks, at)
