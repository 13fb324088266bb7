"""People at organisation scale: readiness, coverage, risk, rounds, raters, on an engine.

Each question is one Ibis expression over the ratings (`RatingsTable`) and the
framework's expectations, run by an engine: DuckDB in the process by default, or Spark
when the data lives there. The same question has a per-person Python path
(``engine="python"``: `gap` per person) that gives the same answer; the tests hold them
equal. Big answers are Arrow tables (``.to_pandas()`` for a data frame); one person's
answer stays a `GapReport` (`gap` on `RatingsTable.assessment`), a small team's a
`TeamView` (`team` on `RatingsTable.assessments`).

Engines need the ``scale`` extra (Ibis, DuckDB, PyArrow); Spark also the ``spark`` extra.

>>> from skilltaxonomy import RatingsTable, load, team_readiness
>>> import pyarrow as pa
>>> ratings = RatingsTable.build(load(), pa.table({
...     "person": ["Ana", "Bo"], "skill": ["neural-network-architectures"] * 2,
...     "level": ["junior", "senior"]}))
>>> team_readiness(load(), ratings, "llm-engineer", "senior").to_pylist()[0]["person"]
'Bo'
"""

from __future__ import annotations

import contextlib
import copy
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import attrs

from skilltaxonomy._optional import optional_module
from skilltaxonomy._text import show
from skilltaxonomy.exceptions import InvalidQueryError, InvalidRatingsError, Problem
from skilltaxonomy.model import Level, Role, Taxonomy
from skilltaxonomy.model.problems import unknown_reference
from skilltaxonomy.model.taxonomy import LevelKey, RoleKey
from skilltaxonomy.people.assessment import Assessment
from skilltaxonomy.people.gap import READINESS, GapReport, Readiness, gap, gap_rows
from skilltaxonomy.people.ratings import (
    DERIVED_COLUMNS,
    EXAMPLES_PER_CHECK,
    NEITHER,
    PEOPLE_COLUMNS,
    RATER_KINDS,
    RATING_COLUMNS,
    RatingsTable,
    arrow_module,
    check_rater,
    date_problem,
    empty_problem,
    header_problems,
    missing_columns,
    mistyped_problem,
    off_ladder,
    round_position,
    sorted_rounds,
    step_names,
    unknown_rater,
    unknown_step,
)

if TYPE_CHECKING:
    import pyarrow

#: Ratings a question takes: checked in Python (`RatingsTable`), checked in an engine
#: (`EngineRatings`), or a table of an engine to check there (an Ibis table, a Spark
#: DataFrame, or a table's name with ``engine=``).
Ratings: TypeAlias = "RatingsTable | EngineRatings | Any"
#: The engines named by text; a `pyspark.sql.SparkSession` or an Ibis backend is taken too.
ENGINES: tuple[str, ...] = ("duckdb", "spark", "python")
EngineName: TypeAlias = Literal["duckdb", "spark", "python"]
#: An engine: a name of `ENGINES`, a Spark session, or a connected Ibis backend.
Engine: TypeAlias = "EngineName | Any"

#: The columns of `team_readiness`, one row per person, closest to the target first.
READINESS_COLUMNS: tuple[str, ...] = (
    "person",
    "ready",
    "blocking",
    "mandatory_missing",
    "items_missing",
    "items_met",
    "items_required",
    "mandatory_met",
    "mandatory_required",
)
#: The columns of `skill_gaps`, one row per person and skill of the role.
SKILL_GAP_COLUMNS: tuple[str, ...] = (
    "person",
    "skill_id",
    "met_id",
    "met_rank",
    "required_rank",
    "items_met",
    "items_required",
    "mandatory_met",
    "mandatory_required",
    "blocking",
    "ready",
)


# Engines ---------------------------------------------------------------------------


def _ibis() -> Any:
    return optional_module("ibis", "an engine", "scale", "ibis-framework")


class _Engine:
    """An Ibis backend, and how to hand it an Arrow table."""

    def __init__(self, engine: Engine) -> None:
        ibis = _ibis()
        self.ibis = ibis
        self.session: Any = None
        self.owned = engine == "duckdb"
        if engine == "duckdb":
            self.backend = ibis.duckdb.connect()
        elif engine == "spark" or _is_spark_session(engine):
            self.session = _spark_session() if engine == "spark" else engine
            self.backend = ibis.pyspark.connect(self.session)
        elif isinstance(engine, ibis.BaseBackend):
            self.backend = engine
            if getattr(engine, "name", "") == "pyspark":
                self.session = engine._session
        else:
            shown = engine if isinstance(engine, str) else type(engine).__name__
            raise InvalidQueryError(
                f"unknown engine {shown!r} (expected one of: {', '.join(ENGINES)}, "
                "a SparkSession or an Ibis backend)"
            )
        self.views: list[str] = []

    def table(self, data: pyarrow.Table) -> Any:
        """`data` as a table of this engine."""
        name = f"skilltaxonomy_{uuid.uuid4().hex}"
        self.views.append(name)
        if self.session is None:
            # A table of the engine's own, not a view of Arrow memory: the engine keeps
            # statistics of its tables, and orders its joins by them (ten times quicker).
            return self.backend.create_table(name, data, temp=True)
        # Ibis's memtable goes through pandas on Spark and loses integers beside nulls;
        # Spark 4 takes Arrow as it is.
        self.session.createDataFrame(data).createOrReplaceTempView(name)
        return self.backend.table(name)

    def run(self, expression: Any) -> pyarrow.Table:
        if self.session is None:
            return self.backend.to_pyarrow(expression)
        # Spark broadcasts a join's side it guesses small (below 10 MiB); a guess wrong on
        # people or ratings fills a default driver's memory. Only the framework's tables
        # are broadcast, for this question; the session's own setting is put back.
        conf, key = self.session.conf, "spark.sql.autoBroadcastJoinThreshold"
        before = conf.get(key)
        conf.set(key, str(_BROADCAST_BYTES))
        try:
            return self.backend.to_pyarrow(expression)
        finally:
            conf.set(key, before)

    def close(self) -> None:
        """Drop what this question made: the engine's tables, or the connection it opened."""
        if self.owned:
            self.backend.disconnect()
        elif self.session is not None:
            for name in self.views:
                self.session.catalog.dropTempView(name)
        else:
            for name in self.views:
                self.backend.drop_table(name, force=True)


#: The largest table Spark may broadcast to a join on a question's behalf (the framework's).
_BROADCAST_BYTES = 1024 * 1024


def _is_spark_session(engine: object) -> bool:
    return type(engine).__name__ == "SparkSession" and type(engine).__module__.startswith("pyspark")


def _spark_session() -> Any:
    """A local Spark session (``local[*]``, on loopback), or the one already running."""
    spark_sql = optional_module("pyspark.sql", "the Spark engine", "spark")
    # Spark binds to the host's address unless told; a session of ours stays on loopback.
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    return (
        spark_sql.SparkSession.builder.master("local[*]")
        .appName("skilltaxonomy")
        # In the process's own machine only: no web UI, nothing bound beyond loopback.
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .getOrCreate()
    )


@contextlib.contextmanager
def _engine(engine: Engine) -> Iterator[_Engine]:
    found = _Engine(engine)
    try:
        yield found
    finally:
        found.close()


# Ratings that live in an engine ----------------------------------------------------

#: What the engine checks keep of each rating, and the columns they add (see `RatingsTable`).
_ENGINE_COLUMNS = ("person", "skill", "level", "step", "rater", "round")
#: The columns that name a rating where the engine holds it: a key the user can find.
_ROW_KEY = ("person", "skill", "rater", "round")


@attrs.frozen(eq=False)
class EngineRatings:
    """Ratings (and people) checked inside an engine, where they stay.

    Made by `engine_ratings` (or `load_ratings(..., engine=...)`): the checks ran in the
    engine, and only their problems came back; every question then runs there too, and
    only its answer comes back. Pass it to any question as you would a `RatingsTable`.

    Attributes:
        taxonomy: The framework every id was checked against.
        ratings: The ratings as an Ibis table of the engine: person, skill, level, step
            (by id), rater, round, and the ranks the questions read (``level_rank``,
            ``step_rank``, ``round_order``, ``rater_order``), as `RatingsTable.ratings`.
        people: The people as an Ibis table (person, role, level, org_unit).
        everyone: Everyone in the people table or rated, as an Ibis table (person).
        rounds: The rounds named, first to latest.
        backend: The Ibis backend the tables live in.
        one_per_skill: Whether each person has at most one rating per skill.
        source: Where the ratings came from (a file or table name), if known.
    """

    taxonomy: Taxonomy = attrs.field(repr=False)
    ratings: Any = attrs.field(repr=False)
    people: Any = attrs.field(repr=False)
    everyone: Any = attrs.field(repr=False)
    rounds: tuple[str, ...] = ()
    backend: Any = attrs.field(default=None, repr=False)
    one_per_skill: bool = attrs.field(default=False, kw_only=True)
    source: str | None = attrs.field(default=None, kw_only=True)

    def __repr__(self) -> str:
        engine = getattr(self.backend, "name", "?")
        return f"EngineRatings(engine={engine!r}, rounds={self.rounds!r}, source={self.source!r})"

    def round_order(self, round: str | None) -> int | None:
        """A round's position in `rounds` (from 1), or ``None`` for none (the latest)."""
        return round_position(self.rounds, round)

    @classmethod
    def of(cls, ratings: RatingsTable, engine: Engine = "duckdb") -> EngineRatings:
        """A table checked in Python (`load_ratings`), handed to an engine as it is."""
        backend = engine_backend(engine)
        found = _Engine(backend)
        wanted = ["person", "skill", "level", "step", "rater", "round"]
        table = found.table(ratings.ratings.select([*wanted, *DERIVED_COLUMNS[1:]]))
        people = found.table(ratings.people.select(list(PEOPLE_COLUMNS)))
        everyone = found.table(arrow_module("an engine").table({"person": ratings.everyone}))
        return cls(
            ratings.taxonomy,
            table,
            people,
            everyone,
            ratings.rounds,
            backend,
            one_per_skill=ratings.one_per_skill,
            source=ratings.source,
        )


def engine_backend(engine: Engine) -> Any:
    """An Ibis backend for `engine` that stays open (its tables are the ratings')."""
    ibis = _ibis()
    if engine == "duckdb":
        return ibis.duckdb.connect()
    if engine == "spark":
        return ibis.pyspark.connect(_spark_session())
    if _is_spark_session(engine):
        return ibis.pyspark.connect(engine)
    if isinstance(engine, ibis.BaseBackend):
        return engine
    return _Engine(engine).backend  # says what an engine is


def _is_spark_frame(data: object) -> bool:
    kind = type(data)
    return kind.__name__ == "DataFrame" and kind.__module__.startswith("pyspark")


def _engine_table(data: Any, engine: Engine | None, backend: Any) -> tuple[Any, Any]:
    """`data` (an Ibis table, a Spark DataFrame, a table's name): an Ibis table, its backend."""
    ibis = _ibis()
    if isinstance(data, ibis.expr.types.Table):
        return data, data.get_backend() if backend is None else backend
    if _is_spark_frame(data):
        if backend is None:
            backend = ibis.pyspark.connect(data.sparkSession)
        name = f"skilltaxonomy_{uuid.uuid4().hex}"
        data.createOrReplaceTempView(name)  # a name for the plan: nothing is read
        return backend.table(name), backend
    if isinstance(data, str):
        if backend is None:
            if engine is None or engine in ("duckdb", "python"):
                raise InvalidQueryError(
                    f"a table name ({data!r}) needs engine= the session or Ibis backend "
                    "that holds it"
                )
            backend = engine_backend(engine)
        if getattr(backend, "name", "") == "pyspark":
            return _engine_table(backend._session.table(data), None, backend)
        return backend.table(data), backend
    raise TypeError(
        "expected a RatingsTable, an Ibis table, a Spark DataFrame or a table's name, "
        f"got {type(data).__name__}"
    )


class _EngineChecker:
    """Check a table inside its engine: counts and a few examples come back, never rows."""

    def __init__(self, ibis: Any, table: Any, known: tuple[str, ...], source: str | None) -> None:
        self.ibis, self.source = ibis, source
        self.problems: list[Problem] = []
        #: Each check: its column, the columns it reads, what marks a bad row (of a table
        #: holding those columns), and its message for a row.
        self.checks: list[
            tuple[str, tuple[str, ...], Callable[[Any], Any], Callable[[dict[str, Any]], str]]
        ] = []
        headers = list(table.columns)
        index, problems = header_problems(headers, known, lambda _, key: f"column {key}")
        self.problems.extend(problem for _, problem in problems)
        self.given = set(index)
        columns: dict[str, Any] = {}
        for key in known:
            if key not in index:
                columns[key] = ibis.null("string")
                continue
            column = table[headers[index[key]]]
            kind = column.type()
            if key == "assessed":
                columns[key] = column
                continue
            if kind.is_integer() or kind.is_null():
                column = column.cast("string")
            elif not kind.is_string():
                self.problems.append(Problem(f"column {key}", mistyped_problem(kind)))
                self.given.discard(key)
                column = ibis.null("string")
            columns[key] = column.nullif("")
        self.table = table.select(**columns)

    def check(
        self,
        key: str,
        reads: tuple[str, ...],
        bad: Callable[[Any], Any],
        message: Callable[[dict[str, Any]], str],
    ) -> None:
        """Count the rows `bad` marks (of column `key`); name a few of them on failure.

        `bad` is asked of a table with the columns `reads` (of the checked table): it
        marks the same rows whatever else the table holds.
        """
        self.checks.append((key, reads, bad, message))

    def filled(self, key: str, what: str) -> None:
        def bad(t: Any) -> Any:
            # Not `strip()`: Ibis writes its characters for Spark as '\v\f', which Spark
            # reads as the letters v and f (a skill "f" was blank there).
            text = t[key]
            for space in (" ", "\t", "\n"):
                text = text.replace(space, "")
            return t[key].isnull() | (text.length() == 0)

        self.check(key, (key,), bad, lambda row: empty_problem(what, row["value"]))

    def date(self, key: str) -> None:
        """Column `key` holds dates: a date or time column, or text as ISO 8601 dates."""
        if key not in self.given:
            return
        kind = self.table[key].type()
        if kind.is_date() or kind.is_timestamp():
            return
        if not kind.is_string():
            self.problems.append(Problem(f"column {key}", mistyped_problem(kind)))
            return
        ibis = self.ibis

        def bad(t: Any) -> Any:
            text = t[key].nullif("")
            shaped = text.re_search(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
            year, month, day = (
                text.substr(at, size).cast("int32") for at, size in ((0, 4), (5, 2), (8, 2))
            )
            leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
            days = ibis.cases(
                (month == 2, leap.ifelse(29, 28)),
                (month.isin([4, 6, 9, 11]), 30),
                else_=31,
            )
            real = shaped & (month >= 1) & (month <= 12) & (day >= 1) & (day <= days)
            return text.notnull() & ~shaped.ifelse(real, False)

        self.check(key, (key,), bad, lambda row: date_problem(row["value"]))

    def known(self, key: str, ids: Sequence[str], message: Callable[[str], str]) -> None:
        if key not in self.given:
            return
        listed = list(ids)

        def bad(t: Any) -> Any:
            return t[key].notnull() & ~t[key].isin(listed)

        self.check(key, (key,), bad, lambda row: message(row["value"]))

    def run(self, keys: Sequence[str], **more: Any) -> dict[str, Any]:
        """Run every check; raise what they found, placed by `keys`.

        Each check reads the distinct values of its columns (one group per value, with
        its count of rows), not every row: the framework's ids are few, and so are the
        values of a column in the common case, so a check costs a grouping pass of the
        engine rather than its expression per row: one query for each set of columns
        read.

        `more` are aggregates of the whole table, computed in a query of their own;
        their values are returned.
        """
        table = self.table
        counts = [0] * len(self.checks)
        by_reads: dict[tuple[str, ...], list[int]] = {}
        every = sorted({reads for _, reads, _, _ in self.checks})
        for at, (_, reads, _, _) in enumerate(self.checks):
            # A check of a column, beside one of it and another (level; level and step),
            # reads the groups of both: one pass of the engine, not two.
            wider = [other for other in every if set(reads) < set(other)]
            by_reads.setdefault(max(wider, key=len) if wider else reads, []).append(at)
        for reads, checks in by_reads.items():
            # Not one query for all: a table read by several parts of one query may be
            # copied out whole first (DuckDB does so: eight times slower here).
            values = table.group_by(list(reads)).aggregate(_rows=table.count())
            found = values.aggregate(
                **{f"c{at}": values._rows.sum(where=self.checks[at][2](values)) for at in checks}
            )
            for name, count in found.to_pyarrow().to_pylist()[0].items():
                counts[int(name[1:])] = int(count or 0)
        for at, (key, _, bad, message) in enumerate(self.checks):
            if counts[at]:
                self.examples(key, table.filter(bad(table)), counts[at], message, keys)
        self.fail()
        if not more:
            return {}
        return dict(table.aggregate(**more).to_pyarrow().to_pylist()[0])

    def examples(
        self,
        key: str,
        bad: Any,
        count: int,
        message: Callable[[dict[str, Any]], str],
        keys: Sequence[str],
    ) -> None:
        """A few rows of `bad`, each named by its `keys` and column `key`; then a count."""
        if "value" in bad.columns:
            shown = bad.select(*keys, "value")
        else:
            shown = bad.select(*keys, value=bad[key].cast("string"))
        rows = shown.order_by(list(keys)).limit(EXAMPLES_PER_CHECK).to_pyarrow().to_pylist()
        for row in rows:
            self.problems.append(Problem(_key_place(row, keys, key), message(row)))
        if count > len(rows):
            more = f"… and {count - len(rows)} more rows like these"
            self.problems.append(Problem(f"column {key}", more))

    def fail(self) -> None:
        if self.problems:
            raise InvalidRatingsError(list(self.problems), self.source)


def _key_place(row: dict[str, Any], keys: Sequence[str], column: str) -> str:
    """Where a row of an engine's table is: its key (person, skill, rater, round), a column."""
    named = [f"{key} {show(row[key])}" for key in keys if row.get(key) is not None]
    return ", ".join([*named, f"column {column}"])


def _refuse_repeats(
    checker: Any, t: Any, key: tuple[str, ...], message: Callable[[Any], str]
) -> None:
    """Fail `checker` with examples of the rows of `t` that repeat a whole `key`."""
    again = t.group_by(list(key)).aggregate(n=t.count())
    again = again.filter(again.n > 1)
    count = int(again.count().to_pyarrow().as_py())
    if count:
        checker.examples("person", again.mutate(value=again.n.cast("string")), count, message, key)
        checker.fail()


def engine_ratings(
    taxonomy: Taxonomy,
    ratings: Any,
    people: Any = None,
    *,
    engine: Engine | None = None,
    source: str | None = None,
) -> EngineRatings:
    """Check ratings (and people) that live in an engine, inside it; they stay there.

    The framework goes to the engine as small tables (its ids in the checks, its ranks
    in the derived columns); the checks run as a few passes of the engine's tables, and
    only counts and a few rows per problem come back, never the ratings themselves.

    Args:
        taxonomy: The framework the ratings refer to.
        ratings: An Ibis table, a Spark DataFrame, or a table's name (with `engine`), with
            the columns of a ratings table (`RATING_COLUMNS`, headers matched loosely).
        people: The people table (`PEOPLE_COLUMNS`), of the same engine, if any.
        engine: Where a table's name is looked up: a Spark session, ``"spark"``, or an
            Ibis backend.
        source: A name for the ratings in errors (default: none).

    Raises:
        InvalidRatingsError: Every problem (as `load_ratings` finds them), each named by
            the row's key (person, skill, rater, round) and column: at most
            `EXAMPLES_PER_CHECK` per check, then how many more.
    """
    ibis = _ibis()
    if isinstance(ratings, RatingsTable):
        return EngineRatings.of(ratings, "duckdb" if engine is None else engine)
    table, backend = _engine_table(ratings, engine, None)
    people_table = None
    if people is not None:
        people_table = _checked_people(ibis, taxonomy, _engine_table(people, engine, backend)[0])
    checker = _EngineChecker(ibis, table, RATING_COLUMNS, source)
    for problem in missing_columns(checker.given, ("person", "skill"), ("level", "step")):
        checker.problems.append(problem)
    checker.fail()
    t = checker.table
    checker.filled("person", "a person")
    checker.filled("skill", "a skill id")
    skills = [s.id for s in taxonomy.skills]
    levels = [lv.id for lv in taxonomy.levels]
    if people_table is not None:
        listed = people_table.person
        checker.check(
            "person",
            ("person",),
            lambda r: r.person.notnull() & ~r.person.isin(listed),
            lambda row: unknown_reference(
                "person", row["value"], (), "a person of the people table"
            ),
        )
    checker.known(
        "skill", skills, lambda value: unknown_reference("skill", value, skills, "a skill")
    )
    checker.known(
        "level", levels, lambda value: unknown_reference("level", value, levels, "a level")
    )
    named, steps_of = step_names(taxonomy)
    if "step" in checker.given:
        checker.check(
            "step",
            ("skill", "step"),
            lambda r: (
                r.step.notnull()
                & r.skill.isin(skills)
                & ~r.skill.concat("\x1f", r.step).isin(list(named))
            ),
            lambda row: unknown_step(steps_of, row["skill"], row["value"]),
        )
    checker.check(
        "level" if "level" in checker.given else "step",
        ("level", "step"),
        lambda r: r.level.isnull() & r.step.isnull(),
        lambda _: NEITHER,
    )
    checker.known("rater", RATER_KINDS, unknown_rater)
    checker.date("assessed")
    found = checker.run(_ROW_KEY, rounds=t["round"].collect(distinct=True))
    # Duplicates: first whether anyone has two ratings of a skill at all (the common case
    # is that nobody has), then, only if so, which rows repeat a whole key.
    twice = _rated_twice(ibis, backend, t, skills)
    if twice:
        _refuse_repeats(checker, t, _ROW_KEY, _second_rating)
    rounds = sorted_rounds(found["rounds"] or ())
    checked = _derived(ibis, taxonomy, t, rounds, named)
    if people_table is None:
        people_table = ibis.memtable(
            {name: [] for name in PEOPLE_COLUMNS},
            schema=dict.fromkeys(PEOPLE_COLUMNS, "string"),
        )
        everyone = checked.select("person").distinct()
    else:
        everyone = people_table.select("person").union(checked.select("person"), distinct=True)
    return EngineRatings(
        taxonomy,
        checked,
        people_table,
        everyone,
        rounds,
        backend,
        one_per_skill=not twice,
        source=source,
    )


#: The most skills a framework may have for DuckDB to find repeats with one bit string a
#: person (as many bits as skills: 128 bytes a person at most); past it, pairs are grouped.
_SKILL_BITS = 1024


def _rated_twice(ibis: Any, backend: Any, t: Any, skills: Sequence[str]) -> bool:
    """Whether anyone has two ratings of a skill, in checked ratings (every skill known).

    Grouping by person and skill makes a group per rating; on DuckDB, one group per
    person holds the skills rated as a bit string instead (``bitstring_agg`` of each
    skill's place in the framework): a skill rated twice sets its bit once, so the bits
    set fall short of the ratings counted.
    """
    if getattr(backend, "name", "") == "duckdb" and 0 < len(skills) <= _SKILL_BITS:
        pa = arrow_module("an engine")
        places = ibis.memtable(
            pa.table({"_skill": list(skills), "_place": pa.array(range(len(skills)), pa.int32())})
        )
        rated = t.join(places, t.skill == places._skill)
        per_person = rated.group_by("person").aggregate(
            _rows=rated.count(), _bits=_bitstring_agg(rated._place, 0, len(skills) - 1)
        )
        short = per_person.aggregate(twice=(per_person._rows != _bit_count(per_person._bits)).any())
        return bool(short.to_pyarrow().column("twice")[0].as_py())
    pairs = t.group_by(["person", "skill"]).aggregate(n=t.count())
    most = pairs.aggregate(most=pairs.n.max()).to_pyarrow().column("most")[0].as_py()
    return int(most or 0) > 1


def _bitstring_agg(place: Any, low: int, high: int) -> Any:
    """DuckDB's ``bitstring_agg``: a bit string of `low`..`high`, a bit set per value."""
    ibis = _ibis()

    def bitstring_agg(arg: int, low: int, high: int) -> str: ...  # type: ignore[empty-body]

    return ibis.udf.agg.builtin(bitstring_agg)(place, low, high)


def _bit_count(bits: Any) -> Any:
    """DuckDB's ``bit_count`` of a bit string: how many bits are set."""
    ibis = _ibis()

    def bit_count(arg: str) -> int: ...  # type: ignore[empty-body]

    return ibis.udf.scalar.builtin(bit_count)(bits)


def _second_rating(row: dict[str, Any]) -> str:
    shown = ", ".join(show(row[key]) for key in _ROW_KEY)
    return f"a second rating for ({', '.join(_ROW_KEY)}) ({shown}) ({row['value']} in all)"


def _derived(
    ibis: Any, taxonomy: Taxonomy, t: Any, rounds: Sequence[str], named: dict[str, tuple[str, int]]
) -> Any:
    """The checked ratings with the ranks the questions read, the framework's as literals."""
    ranks = {lv.id: lv.rank for lv in taxonomy.levels}
    step_key = t.skill.concat("\x1f", t.step)
    return t.select(
        "person",
        "skill",
        "level",
        "rater",
        "round",
        step=step_key.substitute({k: v[0] for k, v in named.items()}, else_=ibis.null("string"))
        if named
        else ibis.null("string"),
        level_rank=t.level.substitute(ranks, else_=ibis.null("int32")).cast("int32")
        if ranks
        else ibis.null("int32"),
        step_rank=step_key.substitute(
            {k: v[1] for k, v in named.items()}, else_=ibis.null("int32")
        ).cast("int32")
        if named
        else ibis.null("int32"),
        round_order=t["round"]
        .substitute({r: i for i, r in enumerate(rounds, 1)}, else_=0)
        .fill_null(0)
        .cast("int32")
        if rounds
        else ibis.literal(0, "int32"),
        rater_order=t.rater.substitute(
            {k: i for i, k in enumerate(RATER_KINDS)}, else_=len(RATER_KINDS)
        )
        .fill_null(len(RATER_KINDS))
        .cast("int32"),
    )


def _checked_people(ibis: Any, taxonomy: Taxonomy, table: Any) -> Any:
    """A people table of an engine, checked there: persons once each, roles and levels known."""
    checker = _EngineChecker(ibis, table, PEOPLE_COLUMNS, "people")
    for problem in missing_columns(checker.given, ("person",)):
        checker.problems.append(problem)
    checker.fail()
    t = checker.table
    roles = [r.id for r in taxonomy.roles]
    levels = [lv.id for lv in taxonomy.levels]
    checker.filled("person", "a person")
    checker.known("role", roles, lambda value: unknown_reference("role", value, roles, "a role"))
    checker.known(
        "level", levels, lambda value: unknown_reference("level", value, levels, "a level")
    )
    if {"role", "level"} <= checker.given:
        pairs = [f"{r.id}\x1f{lv.id}" for r in taxonomy.roles for lv in taxonomy.levels_of_role(r)]
        checker.check(
            "level",
            ("role", "level"),
            lambda r: (
                r.role.isin(roles)
                & r.level.isin(levels)
                & ~r.role.concat("\x1f", r.level).isin(pairs)
            ),
            lambda row: off_ladder(row["role"], row["value"]),
        )
    checker.run(("person", "role"))
    _refuse_repeats(
        checker,
        t,
        ("person",),
        lambda row: f"a second row for person {show(row['person'])} ({row['value']} in all)",
    )
    return t.select(*PEOPLE_COLUMNS)


# The framework as tables -----------------------------------------------------------


def _check_policy(readiness: str) -> None:
    if readiness not in READINESS:
        raise InvalidQueryError(
            f"unknown readiness policy {readiness!r} (expected one of: {', '.join(READINESS)})"
        )


def _strict(taxonomy: Taxonomy, role: Role, target: Level, readiness: Readiness) -> bool:
    """Whether the policy asks for every item (``"all"``), as `gap` decides it."""
    if readiness != "auto":
        return readiness == "all"
    return not any(
        e.mandatory
        for skill in taxonomy.skills.filter(role=role)
        for e in taxonomy.progression(skill, role)
        if e.level <= target
    )


def _required(pa: Any, taxonomy: Taxonomy, roles: Sequence[Role]) -> pyarrow.Table:
    """Each role's expectations: role, skill (and its position), level, ranks, requirement."""
    rows: dict[str, list[Any]] = {
        k: []
        for k in ("role", "skill", "skill_order", "level", "level_rank", "e_step", "mandatory")
    }
    for role in roles:
        for order, skill in enumerate(taxonomy.skills.filter(role=role)):
            for e in taxonomy.progression(skill, role):
                rows["role"].append(role.id)
                rows["skill"].append(skill.id)
                rows["skill_order"].append(order)
                rows["level"].append(e.level.id)
                rows["level_rank"].append(e.level.rank)
                rows["e_step"].append(None if e.step is None else e.step.rank)
                rows["mandatory"].append(e.mandatory)
    types = {"skill_order": pa.int32(), "level_rank": pa.int32(), "e_step": pa.int32()}
    types["mandatory"] = pa.bool_()
    return pa.table({k: pa.array(v, types.get(k, pa.string())) for k, v in rows.items()})


#: What a goal (a role at a target, under a policy) requires, per skill and in all.
_TOTALS = ("items_required", "mandatory_required", "eligible_required")


def _skill_totals(
    pa: Any, taxonomy: Taxonomy, goals: Sequence[tuple[Role, Level, bool]]
) -> pyarrow.Table:
    """Per goal and skill of its role: how many items it requires, mandatory, and blocking.

    An item can block readiness (is *eligible*) under a strict policy, or when it is not
    marked optional; the rest of the readiness policy is `_strict`'s.
    """
    rows: dict[str, list[Any]] = {
        k: [] for k in ("role", "target_rank", "strict", "skill", "skill_order", *_TOTALS)
    }
    for role, target, strict in goals:
        for order, skill in enumerate(taxonomy.skills.filter(role=role)):
            items = [e for e in taxonomy.progression(skill, role) if e.level <= target]
            values = (
                role.id,
                target.rank,
                strict,
                skill.id,
                order,
                len(items),
                sum(1 for e in items if e.mandatory),
                sum(1 for e in items if strict or e.mandatory is not False),
            )
            for key, value in zip(rows, values, strict=True):
                rows[key].append(value)
    types = {"role": pa.string(), "skill": pa.string(), "strict": pa.bool_()}
    return pa.table({k: pa.array(v, types.get(k, pa.int64())) for k, v in rows.items()})


# Goals: who is set against which role and level ------------------------------------


def _unknown_org_unit(org_unit: str, known: list[str]) -> InvalidQueryError:
    """The error for an org unit no one is in: the ones there are, or why there are none."""
    if not known:
        return InvalidQueryError(
            f"no org unit {org_unit!r}: no one has an org unit (they come from the people"
            " table's 'org unit' column: people= in Python, --people on the command line)"
        )
    return InvalidQueryError(
        f"no org unit {org_unit!r} in the people table (org units: {', '.join(known)})"
    )


def _persons(ratings: RatingsTable, org_unit: str | None) -> pyarrow.Array:
    """Everyone the question is about, as an Arrow array (no object per person)."""
    pa = arrow_module("an engine")
    everyone = ratings.everyone
    if org_unit is None:
        return everyone
    units = ratings.people.column("org_unit")
    known = sorted(unit for unit in units.unique().to_pylist() if unit is not None)
    if org_unit not in known:
        raise _unknown_org_unit(org_unit, known)
    members = ratings.people.filter(pa.compute.equal(units, org_unit)).column("person")
    return everyone.filter(pa.compute.is_in(everyone, value_set=members))


# The expressions -------------------------------------------------------------------


_CURRENT = ("person", "skill", "level", "level_rank", "step_rank")
#: What a goal is: a role, a target level's rank, and whether every item counts.
_GOAL = ("role", "target_rank", "strict")


def _current(
    ibis: Any,
    ratings: Any,
    last_round: int | None,
    rater: str | None,
    columns: Sequence[str] = _CURRENT,
    *,
    one_per_skill: bool = False,
) -> Any:
    """The rating that counts per person and skill, as `RatingsTable.current` chooses it."""
    if last_round is not None:
        ratings = ratings.filter(ratings.round_order <= last_round)
    if rater is not None:
        ratings = ratings.filter(ratings.rater_order == RATER_KINDS.index(rater))
    if one_per_skill:  # nothing to choose between
        return ratings.select(*columns)
    window = ibis.window(
        group_by=[ratings.person, ratings.skill],
        order_by=[ibis.desc(ratings.round_order), ratings.rater_order],
    )
    ranked = ratings.mutate(_first=ibis.row_number().over(window))
    chosen = ranked.filter(ranked._first == 0)
    return chosen.select(*columns)


def _rated_items(ibis: Any, goals: Any, required: Any, current: Any) -> Any:
    """Each required item of a skill a person has a rating for: met, and able to block.

    Items of skills not rated are never met; they count in the totals only, so the work
    grows with the ratings, not with people times requirements.
    """
    if set(_GOAL) <= set(current.columns):  # each rating already beside its goal
        rated = current
    else:
        rated = current.join(goals.select("person", *_GOAL), "person")
    rated = rated.select(
        "person",
        "skill",
        "role",
        "target_rank",
        "strict",
        r_level_rank=current.level_rank,
        r_step_rank=current.step_rank,
    )
    items = rated.join(
        required,
        [
            rated.role == required.role,
            rated.skill == required.skill,
            required.level_rank <= rated.target_rank,
        ],
    ).select(rated, "level", "level_rank", "e_step", "mandatory")
    met = (items.r_level_rank.notnull() & (items.level_rank <= items.r_level_rank)) | (
        items.r_step_rank.notnull() & items.e_step.notnull() & (items.e_step <= items.r_step_rank)
    )
    return items.mutate(
        met=met,
        eligible=items.strict | items.mandatory.isnull() | items.mandatory,
        is_mandatory=items.mandatory.fill_null(False),
    )


_MET = ("items_met", "mandatory_met", "eligible_met")


def _met_counts(items: Any, keys: Sequence[str], **more: Any) -> Any:
    def total(condition: Any) -> Any:
        return condition.ifelse(1, 0).sum()

    return items.group_by(list(keys)).aggregate(
        items_met=total(items.met),
        mandatory_met=total(items.met & items.is_mandatory),
        eligible_met=total(items.met & items.eligible),
        **more,
    )


def _with_counts(table: Any, counts: Any, keys: Sequence[str], extra: Sequence[str] = ()) -> Any:
    """`table` beside `counts` (left join on `keys`, 0 where none), and what follows.

    That is: the items blocking, the items and mandatory items missing, and ready.
    """
    joined = table.left_join(counts, list(keys)).select(
        table, *(counts[name] for name in (*_MET, *extra))
    )
    joined = joined.mutate(**{name: joined[name].fill_null(0).cast("int64") for name in _MET})
    joined = joined.mutate(
        items_required=joined.items_required.cast("int64"),
        mandatory_required=joined.mandatory_required.cast("int64"),
        blocking=(joined.eligible_required - joined.eligible_met).cast("int64"),
        mandatory_missing=(joined.mandatory_required - joined.mandatory_met).cast("int64"),
        items_missing=(joined.items_required - joined.items_met).cast("int64"),
    )
    return joined.mutate(ready=joined.blocking == 0)


def _readiness_expression(ibis: Any, goals: Any, required: Any, current: Any) -> Any:
    per_person = _met_counts(_rated_items(ibis, goals, required, current), ["person"])
    table = _with_counts(goals, per_person, ["person"])
    return table.select(*READINESS_COLUMNS).order_by(
        [ibis.desc(table.ready), "blocking", "mandatory_missing", "items_missing", "person"]
    )


def _skill_gaps_expression(ibis: Any, goals: Any, required: Any, current: Any, totals: Any) -> Any:
    items = _rated_items(ibis, goals, required, current)
    # Rated by a step only, a person meets a skill up to the highest level below the
    # first item not met, as `gap` reads it.
    whole_skill = ibis.window(group_by=[items.person, items.skill])
    first_unmet = ibis.ifelse(items.met, None, items.level_rank).min().over(whole_skill)
    items = items.mutate(first_unmet=first_unmet)
    below = items.met & (items.first_unmet.isnull() | (items.level_rank < items.first_unmet))
    keys = ["person", "skill"]
    per_skill = _met_counts(
        items,
        keys,
        reached=items.level.argmax(items.level_rank, where=below),
        reached_rank=items.level_rank.max(where=below),
    )
    grid = goals.select("person", "role", "target_rank", "strict").join(
        totals, ["role", "target_rank", "strict"]
    )
    grid = grid.select("person", "skill", "skill_order", "target_rank", *_TOTALS)
    table = _with_counts(grid, per_skill, keys, ("reached", "reached_rank"))
    rating = current.select(*keys, r_level=current.level, r_level_rank=current.level_rank)
    table = table.left_join(rating, keys).select(table, rating.r_level, rating.r_level_rank)
    by_level = table.r_level.notnull()
    table = table.mutate(
        skill_id=table.skill,
        met_id=ibis.ifelse(by_level, table.r_level, table.reached),
        met_rank=ibis.ifelse(by_level, table.r_level_rank, table.reached_rank)
        .fill_null(0)
        .cast("int64"),
        required_rank=table.target_rank.cast("int64"),
    )
    return table.order_by(["person", "skill_order"]).select(*SKILL_GAP_COLUMNS)


# The questions ---------------------------------------------------------------------


class _Question:
    """One question's settings, checked: who is set against which role and level, and when."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        ratings: Ratings,
        *,
        readiness: Readiness,
        round: str | None,
        rater: str | None,
        org_unit: str | None,
        engine: Engine = "duckdb",
    ) -> None:
        _check_policy(readiness)
        check_rater(rater)
        if not isinstance(ratings, (RatingsTable, EngineRatings)):
            ratings = engine_ratings(taxonomy, ratings, engine=engine)
        if ratings.taxonomy is not taxonomy and ratings.taxonomy != taxonomy:
            raise InvalidQueryError("the ratings were checked against another framework")
        self.ratings: Any = ratings
        self.taxonomy = taxonomy
        self.in_engine = isinstance(ratings, EngineRatings)
        self.readiness: Readiness = readiness
        self.last_round = ratings.round_order(round)
        self.round, self.rater = round, rater
        # Who the question is about: an Arrow array, or (in an engine) an Ibis table.
        self.persons: Any = (
            _engine_persons(ratings, org_unit)
            if isinstance(ratings, EngineRatings)
            else _persons(ratings, org_unit)
        )
        # In an engine, for goals of their own (promotion): person, held, role, level, target.
        self.goal_people: Any = None
        # Who is set against what: a goal (role, target, policy) per kind, and for each
        # person of `goal_persons` the index of theirs in `goal_keys`.
        self.goal_keys: list[tuple[Role, Level, bool]] = []
        self.goal_persons = self.persons
        self.goal_index = arrow_module("an engine").nulls(0, "int32")

    def at(self, role: RoleKey, target: LevelKey) -> _Question:
        """Set everyone against `role` at `target`."""
        pa = arrow_module("an engine")
        the_role = self.taxonomy.role(role)
        goal = self.taxonomy.level(target, role=the_role)
        strict = _strict(self.taxonomy, the_role, goal, self.readiness)
        self.goal_keys = [(the_role, goal, strict)]
        if not self.in_engine:
            self.goal_persons = self.persons
            self.goal_index = pa.nulls(len(self.persons), pa.int32()).fill_null(0)
        return self

    def goals(self) -> list[tuple[str, Role, Level]]:
        """Each person's goal, one by one (for the Python path, which needs objects)."""
        keys = self.goal_keys
        return [
            (person, keys[index][0], keys[index][1])
            for person, index in zip(
                self.goal_persons.to_pylist(), self.goal_index.to_pylist(), strict=True
            )
        ]

    def as_of(self, round: str | None) -> _Question:
        """The same question, read as of another round."""
        other = copy.copy(self)
        other.last_round, other.round = self.ratings.round_order(round), round
        return other

    # The Python path: a `GapReport` per person.

    def reports(self) -> list[GapReport]:
        assessments = self.ratings.assessments(round=self.round, rater=self.rater)
        by_person = {a.person: a for a in assessments}
        return [
            gap(
                self.taxonomy,
                by_person.get(person, Assessment(person, ())),
                role,
                target,
                readiness=self.readiness,
            )
            for person, role, target in self.goals()
        ]

    # The engine path: the tables an expression reads.

    def tables(self, engine: _Engine) -> tuple[Any, Any, Any, Any]:
        """The tables of the engine path.

        They are: the goals (with their totals), the roles' expectations, the ratings
        that count, and each goal's totals per skill.
        """
        pa = arrow_module("an engine")
        if self.in_engine:
            return self._engine_tables(engine)
        wanted = ["person", "skill", "level", "level_rank", "step_rank", "round_order"]
        source = self.ratings.ratings.select([*wanted, "rater_order"])
        current = _current(
            engine.ibis,
            engine.table(source),
            self.last_round,
            self.rater,
            one_per_skill=self.ratings.one_per_skill,
        )
        totals, keys, per_goal = self._per_goal()
        index = self.goal_index

        def per_person(values: list[Any], kind: Any) -> Any:
            return pa.array(values, kind).take(index)

        columns: dict[str, Any] = {
            "person": self.goal_persons,
            "role": per_person([k[0] for k in keys], pa.string()),
            "target_rank": per_person([k[1] for k in keys], pa.int32()),
            "strict": per_person([k[2] for k in keys], pa.bool_()),
        }
        for at, name in enumerate(_TOTALS):
            counts = [per_goal.get(k, [0] * len(_TOTALS))[at] for k in keys]
            columns[name] = per_person(counts, pa.int64())
        roles = list({role.id: role for role, _, _ in self.goal_keys}.values())
        return (
            engine.table(pa.table(columns)),
            engine.table(_required(pa, self.taxonomy, roles)),
            current,
            engine.table(totals.cast(totals.schema.set(1, pa.field("target_rank", pa.int32())))),
        )

    def _per_goal(self) -> tuple[pyarrow.Table, list[tuple[str, int, bool]], dict[Any, list[int]]]:
        """Each goal's totals per skill, its key, and its totals in all."""
        pa = arrow_module("an engine")
        totals = _skill_totals(pa, self.taxonomy, self.goal_keys)
        per_goal: dict[Any, list[int]] = {}
        for role, target, strict, *counts in zip(
            *(totals.column(k).to_pylist() for k in ("role", "target_rank", "strict", *_TOTALS)),
            strict=True,
        ):
            found = per_goal.setdefault((role, target, strict), [0] * len(_TOTALS))
            for index, count in enumerate(counts):
                found[index] += count
        keys = [(role.id, target.rank, strict) for role, target, strict in self.goal_keys]
        return totals, keys, per_goal

    def _engine_tables(self, engine: _Engine) -> tuple[Any, Any, Any, Any]:
        """`tables` where the ratings live in the engine: the framework goes to them."""
        pa = arrow_module("an engine")
        ratings = self.ratings
        current = _current(
            engine.ibis,
            ratings.ratings,
            self.last_round,
            self.rater,
            one_per_skill=ratings.one_per_skill,
        )
        totals, keys, per_goal = self._per_goal()
        lookup: dict[str, Any] = {
            "goal": pa.array(range(len(keys)), pa.int32()),
            "role": pa.array([k[0] for k in keys], pa.string()),
            "target_rank": pa.array([k[1] for k in keys], pa.int32()),
            "strict": pa.array([k[2] for k in keys], pa.bool_()),
        }
        for at, name in enumerate(_TOTALS):
            counts = [per_goal.get(k, [0] * len(_TOTALS))[at] for k in keys]
            lookup[name] = pa.array(counts, pa.int64())
        goal_table = engine.table(pa.table(lookup))
        if self.goal_people is None:  # everyone against the one goal
            goals = self.persons.cross_join(goal_table)
            if self.persons is ratings.everyone:
                # Every rating's person is asked: each rating beside the goal, not joined
                # to its person's row of the goals (a join of every rating on its person).
                goal = goal_table.select(*_GOAL)
                current = current.cross_join(goal)
        else:
            who = self.goal_people.select("person", "goal")
            goals = who.join(goal_table, "goal")
        goals = goals.select("person", "role", "target_rank", "strict", *_TOTALS)
        roles = list({role.id: role for role, _, _ in self.goal_keys}.values())
        return (
            goals,
            engine.table(_required(pa, self.taxonomy, roles)),
            current,
            engine.table(totals.cast(totals.schema.set(1, pa.field("target_rank", pa.int32())))),
        )


def _engine_persons(ratings: EngineRatings, org_unit: str | None) -> Any:
    """Everyone the question is about, as a table of the ratings' engine (person)."""
    if org_unit is None:
        return ratings.everyone
    people = ratings.people
    units = people.select("org_unit").distinct().to_pyarrow().column("org_unit").to_pylist()
    known = sorted(unit for unit in units if unit is not None)
    if org_unit not in known:
        raise _unknown_org_unit(org_unit, known)
    return people.filter(people.org_unit == org_unit).select("person")


def _run(
    engine: Engine,
    question: _Question,
    expression: Callable[[_Engine, Any, Any, Any, Any], Any],
    python: Callable[[], list[dict[str, Any]]],
    schema: Callable[[Any], Any],
) -> pyarrow.Table:
    pa = arrow_module("an engine")
    if engine == "python":
        _python_path(question)
        return pa.Table.from_pylist(python(), schema=schema(pa))
    with _engine(question.ratings.backend if question.in_engine else engine) as found:
        answer = found.run(expression(found, *question.tables(found)))
    return answer.select(schema(pa).names).cast(schema(pa))


def _python_path(question: _Question) -> None:
    """Refuse the Python path for ratings that live in an engine: it needs every rating."""
    if question.in_engine:
        raise InvalidQueryError(
            "engine='python' reads every rating as an object: these ratings live in an "
            "engine, and are answered there (leave engine= out, or use load_ratings)"
        )


def _readiness_schema(pa: Any) -> Any:
    return pa.schema(
        [("person", pa.string()), ("ready", pa.bool_())]
        + [(name, pa.int64()) for name in READINESS_COLUMNS[2:]]
    )


def _skill_gap_schema(pa: Any) -> Any:
    return pa.schema(
        [("person", pa.string()), ("skill_id", pa.string()), ("met_id", pa.string())]
        + [(name, pa.int64()) for name in SKILL_GAP_COLUMNS[3:-1]]
        + [("ready", pa.bool_())]
    )


def _report_row(report: GapReport) -> dict[str, Any]:
    blocking = len(report.blocking)
    return {
        "person": report.person,
        "ready": report.ready,
        "blocking": blocking,
        "mandatory_missing": report.mandatory_required - report.mandatory_met,
        "items_missing": report.items_required - report.items_met,
        "items_met": report.items_met,
        "items_required": report.items_required,
        "mandatory_met": report.mandatory_met,
        "mandatory_required": report.mandatory_required,
    }


def _closest_first(row: dict[str, Any]) -> tuple[Any, ...]:
    return (
        not row["ready"],
        row["blocking"],
        row["mandatory_missing"],
        row["items_missing"],
        row["person"],
    )


def team_readiness(
    taxonomy: Taxonomy,
    ratings: Ratings,
    role: RoleKey,
    target: LevelKey,
    *,
    engine: Engine = "duckdb",
    readiness: Readiness = "auto",
    round: str | None = None,
    rater: str | None = None,
    org_unit: str | None = None,
) -> pyarrow.Table:
    """Everyone's readiness for `role` at `target`: one row per person, closest first.

    The columns are `READINESS_COLUMNS`; the order is `team`'s (ready people, then
    fewest items blocking, fewest mandatory items missing, fewest items missing), then
    by person. A person with no rating counts every item as missing.

    Args:
        taxonomy: The framework the ratings were checked against.
        ratings: The ratings (and people): a `RatingsTable`, an `EngineRatings`, or a
            table of an engine to check there first (an Ibis table, a Spark DataFrame,
            or a table's name in `engine`; see `engine_ratings`).
        role: The role.
        target: The target level, on the role's ladder.
        engine: ``"duckdb"`` (the default), ``"spark"`` (a local session), a
            `SparkSession`, an Ibis backend, or ``"python"`` (`gap` per person).
            Ratings that live in an engine are answered there, whatever it says
            (``"python"`` is refused for them).
        readiness: The readiness policy, as for `gap`.
        round: Read the ratings as of this round (default: the latest of each).
        rater: Count only this kind of rater's ratings (see `RATER_KINDS`).
        org_unit: Only the people of this org unit (from the people table).

    Raises:
        InvalidQueryError: An unknown engine, policy, round, rater kind or org unit, or
            a target off the role's ladder.
        NotFoundError: An unknown role or level (with suggestions).
        MissingDependencyError: The engine's extra is not installed.
    """
    question = _Question(
        taxonomy,
        ratings,
        readiness=readiness,
        round=round,
        rater=rater,
        org_unit=org_unit,
        engine=engine,
    ).at(role, target)

    return _readiness_of(engine, question)


def skill_gaps(
    taxonomy: Taxonomy,
    ratings: Ratings,
    role: RoleKey,
    target: LevelKey,
    *,
    engine: Engine = "duckdb",
    readiness: Readiness = "auto",
    round: str | None = None,
    rater: str | None = None,
    org_unit: str | None = None,
) -> pyarrow.Table:
    """Team coverage: the level each person meets in each of the role's skills.

    One row per person and skill (`SKILL_GAP_COLUMNS`), by person, then skills in file
    order: the level met (``met``; its rank ``met_rank``, 0 when not assessed), the
    target's rank, the items met and required, and whether the skill is ready. The
    same rows as `to_records` of each person's `GapReport`; arguments as `readiness`.
    """
    question = _Question(
        taxonomy,
        ratings,
        readiness=readiness,
        round=round,
        rater=rater,
        org_unit=org_unit,
        engine=engine,
    ).at(role, target)

    def python() -> list[dict[str, Any]]:
        return [
            {name: row[name] for name in SKILL_GAP_COLUMNS}
            for report in sorted(question.reports(), key=lambda r: r.person)
            for row in gap_rows(report)
        ]

    return _run(
        engine,
        question,
        lambda found, *tables: _skill_gaps_expression(found.ibis, *tables),
        python,
        _skill_gap_schema,
    )


#: The columns of `key_person_risk`: skills that fewer than N people meet.
RISK_COLUMNS: tuple[str, ...] = ("skill_id", "people", "who")


def _risk_schema(pa: Any) -> Any:
    return pa.schema(
        [("skill_id", pa.string()), ("people", pa.int64()), ("who", pa.list_(pa.string()))]
    )


def key_person_risk(
    taxonomy: Taxonomy,
    ratings: Ratings,
    role: RoleKey,
    level: LevelKey,
    *,
    fewer_than: int = 2,
    engine: Engine = "duckdb",
    readiness: Readiness = "auto",
    round: str | None = None,
    rater: str | None = None,
    org_unit: str | None = None,
) -> pyarrow.Table:
    """The role's skills that fewer than `fewer_than` people meet at `level`.

    A person meets a skill at a level when nothing of it up to that level blocks them
    (the readiness policy's items). One row per skill at risk (`RISK_COLUMNS`): how many
    people meet it and who, fewest first, then in file order. Arguments as `team_readiness`.
    """
    if fewer_than < 1:
        raise InvalidQueryError(f"fewer_than must be at least 1, got {fewer_than}")
    question = _Question(
        taxonomy,
        ratings,
        readiness=readiness,
        round=round,
        rater=rater,
        org_unit=org_unit,
        engine=engine,
    ).at(role, level)
    order = {s.id: i for i, s in enumerate(taxonomy.skills.filter(role=taxonomy.role(role)))}

    def python() -> list[dict[str, Any]]:
        who: dict[str, list[str]] = {skill: [] for skill in order}
        for report in question.reports():
            for row in report.skills:
                if row.ready:
                    who[row.skill.id].append(report.person)
        return [
            {"skill_id": skill, "people": len(people), "who": people}
            for skill, people in who.items()
        ]

    def expression(found: _Engine, *tables: Any) -> Any:
        gaps = _skill_gaps_expression(found.ibis, *tables)
        return gaps.group_by("skill_id").aggregate(
            people=gaps.ready.ifelse(1, 0).sum().cast("int64"),
            who=gaps.person.collect(where=gaps.ready),
        )

    answer = {
        row["skill_id"]: row
        for row in _run(engine, question, expression, python, _risk_schema).to_pylist()
    }
    # A skill nobody is set against has no row on an engine: nobody meets it.
    found = [answer.get(skill, {"skill_id": skill, "people": 0, "who": []}) for skill in order]
    rows = [{**row, "who": sorted(row["who"] or [])} for row in found if row["people"] < fewer_than]
    rows.sort(key=lambda row: (row["people"], order[row["skill_id"]]))
    pa = arrow_module("key_person_risk")
    return pa.Table.from_pylist(rows, schema=_risk_schema(pa))


#: The columns of `gap_by_skill`: per org unit and skill, how many people meet it.
GAP_BY_SKILL_COLUMNS: tuple[str, ...] = (
    "org_unit",
    "skill_id",
    "people",
    "ready",
    "items_missing",
)


def _gap_by_skill_schema(pa: Any) -> Any:
    return pa.schema(
        [("org_unit", pa.string()), ("skill_id", pa.string())]
        + [(name, pa.int64()) for name in GAP_BY_SKILL_COLUMNS[2:]]
    )


def _units(ratings: RatingsTable) -> dict[str, str | None]:
    people = ratings.people
    return dict(
        zip(
            people.column("person").to_pylist(),
            people.column("org_unit").to_pylist(),
            strict=True,
        )
    )


def gap_by_skill(
    taxonomy: Taxonomy,
    ratings: Ratings,
    role: RoleKey,
    target: LevelKey,
    *,
    engine: Engine = "duckdb",
    readiness: Readiness = "auto",
    round: str | None = None,
    rater: str | None = None,
    org_unit: str | None = None,
) -> pyarrow.Table:
    """The gap by skill across each org unit, everyone set against `role` at `target`.

    One row per org unit and skill of the role (`GAP_BY_SKILL_COLUMNS`): the people of
    the unit, how many are ready in the skill, and the items they miss in all. People
    with no org unit form a unit of their own (``None``). By unit, then skills in file
    order. Arguments as `team_readiness`.
    """
    question = _Question(
        taxonomy,
        ratings,
        readiness=readiness,
        round=round,
        rater=rater,
        org_unit=org_unit,
        engine=engine,
    ).at(role, target)
    order = {s.id: i for i, s in enumerate(taxonomy.skills.filter(role=taxonomy.role(role)))}

    def python() -> list[dict[str, Any]]:
        units = _units(question.ratings)
        totals: dict[tuple[str | None, str], list[int]] = {}
        for report in question.reports():
            for row in report.skills:
                found = totals.setdefault((units.get(report.person), row.skill.id), [0, 0, 0])
                found[0] += 1
                found[1] += row.ready
                found[2] += len(row.required_items) - len(row.met_items)
        return [
            {"org_unit": unit, "skill_id": skill, "people": n, "ready": ready, "items_missing": m}
            for (unit, skill), (n, ready, m) in totals.items()
        ]

    def expression(found: _Engine, *tables: Any) -> Any:
        gaps = _skill_gaps_expression(found.ibis, *tables)
        if question.in_engine:
            unit_of = question.ratings.people.select("person", "org_unit")
        else:
            unit_of = found.table(question.ratings.people.select(["person", "org_unit"]))
        joined = gaps.left_join(unit_of, "person").select(gaps, unit_of.org_unit)
        return joined.group_by(["org_unit", "skill_id"]).aggregate(
            people=joined.count(),
            ready=joined.ready.ifelse(1, 0).sum(),
            items_missing=(joined.items_required - joined.items_met).sum(),
        )

    answer = _run(engine, question, expression, python, _gap_by_skill_schema)
    rows = sorted(
        answer.to_pylist(),
        key=lambda row: (row["org_unit"] is None, row["org_unit"] or "", order[row["skill_id"]]),
    )
    pa = arrow_module("gap_by_skill")
    return pa.Table.from_pylist(rows, schema=_gap_by_skill_schema(pa))


#: The columns of `promotion_readiness`: each person against the level after their own.
PROMOTION_COLUMNS: tuple[str, ...] = ("role", "level", "target", *READINESS_COLUMNS)


def promotion_readiness(
    taxonomy: Taxonomy,
    ratings: Ratings,
    *,
    engine: Engine = "duckdb",
    readiness: Readiness = "auto",
    round: str | None = None,
    rater: str | None = None,
    org_unit: str | None = None,
) -> pyarrow.Table:
    """Each person of the people table against the level above their own, in their role.

    People without a role or level, or at the top of their ladder, are left out. One row
    per person (`PROMOTION_COLUMNS`), the ready first (filter on ``ready`` for the
    promotion-ready list), then as `team_readiness` orders them. Arguments as `team_readiness`.
    """
    pa = arrow_module("promotion_readiness")
    pc = pa.compute
    question = _Question(
        taxonomy,
        ratings,
        readiness=readiness,
        round=round,
        rater=rater,
        org_unit=org_unit,
        engine=engine,
    )
    if question.in_engine:
        return _engine_promotion(question)
    people = question.ratings.people
    known = pc.and_(pc.is_valid(people.column("role")), pc.is_valid(people.column("level")))
    people = people.filter(pc.and_(known, pc.is_in(people.column("person"), question.persons)))
    # The goals: one per (role, level) held, found once each, not once per person.
    pairs = people.group_by(["role", "level"], use_threads=False).aggregate([]).to_pylist()
    names = _promotion_goals(question, pairs)
    held = pc.binary_join_element_wise(people.column("role"), people.column("level"), "\x1f")
    index = pc.index_in(held, value_set=pa.array(names, pa.string()))
    people = people.filter(pc.is_valid(index))
    question.goal_persons = people.column("person").combine_chunks()
    question.goal_index = pc.drop_null(index).cast(pa.int32())
    targets = pa.array([target.id for _, target, _ in question.goal_keys], pa.string())
    goals = pa.table(
        {
            "person": question.goal_persons,
            "role": people.column("role"),
            "level": people.column("level"),
            "target": targets.take(question.goal_index),
        }
    )

    answer = _readiness_of(engine, question)
    return answer.join(goals, "person").sort_by(_CLOSEST_FIRST).select(list(PROMOTION_COLUMNS))


def _promotion_goals(question: _Question, pairs: Sequence[dict[str, Any]]) -> list[str]:
    """Set each (role, level) held against the level after it; the pairs with one, as keys."""
    taxonomy = question.taxonomy
    names: list[str] = []
    for pair in pairs:
        role = taxonomy.role(pair["role"])
        following = taxonomy.next_level(pair["level"], role)
        if following is not None:
            names.append(f"{role.id}\x1f{pair['level']}")
            strict = _strict(taxonomy, role, following, question.readiness)
            question.goal_keys.append((role, following, strict))
    return names


def _engine_promotion(question: _Question) -> pyarrow.Table:
    """`promotion_readiness` where the ratings live: the goals too are found there."""
    people = question.ratings.people
    people = people.filter(people.role.notnull() & people.level.notnull())
    if question.persons is not question.ratings.everyone:
        people = people.filter(people.person.isin(question.persons.person))
    pairs = people.select("role", "level").distinct().to_pyarrow().to_pylist()
    names = _promotion_goals(question, pairs)
    targets = [target.id for _, target, _ in question.goal_keys]
    held = people.role.concat("\x1f", people.level)
    who = people.mutate(held=held).filter(held.isin(names) if names else False)
    question.goal_people = who.select(
        "person",
        "role",
        "level",
        goal=who.held.substitute(
            {n: i for i, n in enumerate(names)}, else_=_ibis().null("int32")
        ).cast("int32")
        if names
        else who.held.cast("int32"),
        target=who.held.substitute(dict(zip(names, targets, strict=True))) if names else who.held,
    )

    def expression(found: _Engine, goals: Any, required: Any, current: Any, _: Any) -> Any:
        table = _readiness_expression(found.ibis, goals, required, current)
        extra = question.goal_people.select("person", "role", "level", "target")
        return table.join(extra, "person").select(*PROMOTION_COLUMNS)

    def python() -> list[dict[str, Any]]:
        return []

    answer = _run("engine", question, expression, python, _promotion_schema)
    return answer.sort_by(_CLOSEST_FIRST)


def _promotion_schema(pa: Any) -> Any:
    texts = [pa.field(name, pa.string()) for name in PROMOTION_COLUMNS[:3]]
    return pa.schema(texts + list(_readiness_schema(pa)))


#: `team_readiness`'s order, as Arrow sorts it.
_CLOSEST_FIRST = [
    ("ready", "descending"),
    ("blocking", "ascending"),
    ("mandatory_missing", "ascending"),
    ("items_missing", "ascending"),
    ("person", "ascending"),
]


#: The columns of `round_changes`: each person's items met and readiness, then and now.
ROUND_COLUMNS: tuple[str, ...] = (
    "person",
    "items_met_before",
    "items_met_after",
    "change",
    "ready_before",
    "ready_after",
)


def round_changes(
    taxonomy: Taxonomy,
    ratings: Ratings,
    role: RoleKey,
    target: LevelKey,
    *,
    before: str,
    after: str,
    engine: Engine = "duckdb",
    readiness: Readiness = "auto",
    rater: str | None = None,
    org_unit: str | None = None,
) -> pyarrow.Table:
    """The change between two rounds: each person's items met as of `before` and `after`.

    One row per person (`ROUND_COLUMNS`), the largest gain first, then by person.
    Arguments as `team_readiness`.
    """
    question = _Question(
        taxonomy,
        ratings,
        readiness=readiness,
        round=after,
        rater=rater,
        org_unit=org_unit,
        engine=engine,
    ).at(role, target)
    earlier = question.as_of(before)
    then = _readiness_of(engine, earlier).select(["person", "items_met", "ready"])
    now = _readiness_of(engine, question).select(["person", "items_met", "ready"])
    pa = arrow_module("round_changes")
    both = now.join(
        then.rename_columns(["person", "items_met_before", "ready_before"]), "person"
    ).rename_columns(
        ["person", "items_met_after", "ready_after", "items_met_before", "ready_before"]
    )
    change = pa.compute.subtract(both.column("items_met_after"), both.column("items_met_before"))
    both = both.append_column("change", change)
    ordered = both.sort_by([("change", "descending"), ("person", "ascending")])
    return ordered.select(list(ROUND_COLUMNS)).cast(_round_schema(pa))


def _round_schema(pa: Any) -> Any:
    return pa.schema(
        [("person", pa.string())]
        + [(name, pa.int64()) for name in ROUND_COLUMNS[1:4]]
        + [(name, pa.bool_()) for name in ROUND_COLUMNS[4:]]
    )


def _readiness_of(engine: Engine, question: _Question) -> pyarrow.Table:
    """`team_readiness` of a question set up: its two paths, in one place."""

    def python() -> list[dict[str, Any]]:
        return sorted(map(_report_row, question.reports()), key=_closest_first)

    def expression(found: _Engine, goals: Any, required: Any, current: Any, _: Any) -> Any:
        return _readiness_expression(found.ibis, goals, required, current)

    return _run(engine, question, expression, python, _readiness_schema)


#: The columns of `rater_differences`: two raters' ratings of one person and skill.
RATER_COLUMNS: tuple[str, ...] = (
    "person",
    "skill_id",
    "first_level",
    "second_level",
    "level_difference",
    "first_step",
    "second_step",
    "step_difference",
)


def _rater_schema(pa: Any) -> Any:
    texts = {"person", "skill_id", "first_level", "second_level", "first_step", "second_step"}
    return pa.schema(
        [(name, pa.string() if name in texts else pa.int64()) for name in RATER_COLUMNS]
    )


def rater_differences(
    taxonomy: Taxonomy,
    ratings: Ratings,
    *,
    first: str = "self",
    second: str = "manager",
    engine: Engine = "duckdb",
    round: str | None = None,
    org_unit: str | None = None,
) -> pyarrow.Table:
    """Where two kinds of rater differ: self against manager by default.

    One row per person and skill that both rated (`RATER_COLUMNS`), each rater's rating
    as of `round` (default: their latest): the levels and steps, and the difference of
    their ranks (`first` minus `second`; ``None`` unless both gave one). The largest
    differences first, then by person and skill.
    """
    question = _Question(
        taxonomy,
        ratings,
        readiness="auto",
        round=round,
        rater=None,
        org_unit=org_unit,
        engine=engine,
    )
    check_rater(first)
    check_rater(second)

    def rows_of(table: Any) -> dict[tuple[str, str], dict[str, Any]]:
        return {(row["person"], row["skill"]): row for row in table.to_pylist()}

    def python() -> list[dict[str, Any]]:
        wanted = set(question.persons.to_pylist())
        mine = rows_of(question.ratings.current(round=round, rater=first))
        theirs = rows_of(question.ratings.current(round=round, rater=second))
        return [
            _difference(key, mine[key], theirs[key])
            for key in mine
            if key in theirs and key[0] in wanted
        ]

    pa = arrow_module("rater_differences")
    if engine == "python":
        _python_path(question)
        rows = python()
        rows.sort(
            key=lambda row: (
                -abs(row["level_difference"] or 0),
                -abs(row["step_difference"] or 0),
                row["person"],
                row["skill_id"],
            )
        )
        return pa.Table.from_pylist(rows, schema=_rater_schema(pa))
    columns = ["person", "skill", "level", "step", "level_rank", "step_rank"]
    with _engine(question.ratings.backend if question.in_engine else engine) as found:
        if question.in_engine:
            source, persons = question.ratings.ratings, question.persons
        else:
            table = question.ratings.ratings
            source = found.table(table.select([*columns, "round_order", "rater_order"]))
            persons = found.table(pa.table({"person": question.persons}))
        sides = []
        for name, rater in (("first", first), ("second", second)):
            side = _current(found.ibis, source, question.last_round, rater, columns)
            sides.append(side.rename(**{f"{name}_{column}": column for column in columns[2:]}))
        both = sides[0].join(sides[1], ["person", "skill"]).join(persons, "person")
        both = both.mutate(
            skill_id=both.skill,
            level_difference=both.first_level_rank - both.second_level_rank,
            step_difference=both.first_step_rank - both.second_step_rank,
        )
        ordered = both.order_by(
            [
                found.ibis.desc(both.level_difference.abs().fill_null(0)),
                found.ibis.desc(both.step_difference.abs().fill_null(0)),
                "person",
                "skill",
            ]
        )
        answer = found.run(ordered.select(*RATER_COLUMNS))
    return answer.cast(_rater_schema(pa))


def _difference(
    key: tuple[str, str], mine: dict[str, Any], theirs: dict[str, Any]
) -> dict[str, Any]:
    def minus(name: str) -> int | None:
        if mine[name] is None or theirs[name] is None:
            return None
        return int(mine[name]) - int(theirs[name])

    return {
        "person": key[0],
        "skill_id": key[1],
        "first_level": mine["level"],
        "second_level": theirs["level"],
        "level_difference": minus("level_rank"),
        "first_step": mine["step"],
        "second_step": theirs["step"],
        "step_difference": minus("step_rank"),
    }
