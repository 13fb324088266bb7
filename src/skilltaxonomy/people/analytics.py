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

from skilltaxonomy._optional import optional_module
from skilltaxonomy.exceptions import InvalidQueryError
from skilltaxonomy.model import Level, Role, Taxonomy
from skilltaxonomy.model.taxonomy import LevelKey, RoleKey
from skilltaxonomy.people.assessment import Assessment
from skilltaxonomy.people.gap import READINESS, GapReport, Readiness, gap, gap_rows
from skilltaxonomy.people.ratings import RATER_KINDS, RatingsTable, arrow_module, check_rater

if TYPE_CHECKING:
    import pyarrow

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
        return self.backend.to_pyarrow(expression)

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


def _persons(ratings: RatingsTable, org_unit: str | None) -> pyarrow.Array:
    """Everyone the question is about, as an Arrow array (no object per person)."""
    pa = arrow_module("an engine")
    everyone = ratings.everyone
    if org_unit is None:
        return everyone
    units = ratings.people.column("org_unit")
    known = sorted(unit for unit in units.unique().to_pylist() if unit is not None)
    if org_unit not in known:
        raise InvalidQueryError(
            f"no org unit {org_unit!r} in the people table "
            f"(org units: {', '.join(known) or 'none'})"
        )
    members = ratings.people.filter(pa.compute.equal(units, org_unit)).column("person")
    return everyone.filter(pa.compute.is_in(everyone, value_set=members))


# The expressions -------------------------------------------------------------------


_CURRENT = ("person", "skill", "level", "level_rank", "step_rank")


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
    keys = goals.select("person", "role", "target_rank", "strict")
    rated = current.join(keys, "person").select(
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
        ratings: RatingsTable,
        *,
        readiness: Readiness,
        round: str | None,
        rater: str | None,
        org_unit: str | None,
    ) -> None:
        _check_policy(readiness)
        check_rater(rater)
        if ratings.taxonomy is not taxonomy and ratings.taxonomy != taxonomy:
            raise InvalidQueryError("the ratings were checked against another framework")
        self.taxonomy, self.ratings = taxonomy, ratings
        self.readiness: Readiness = readiness
        self.last_round = ratings.round_order(round)
        self.round, self.rater = round, rater
        self.persons = _persons(ratings, org_unit)
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
        wanted = ["person", "skill", "level", "level_rank", "step_rank", "round_order"]
        source = self.ratings.ratings.select([*wanted, "rater_order"])
        current = _current(
            engine.ibis,
            engine.table(source),
            self.last_round,
            self.rater,
            one_per_skill=self.ratings.one_per_skill,
        )
        totals = _skill_totals(pa, self.taxonomy, self.goal_keys)
        per_goal: dict[tuple[str, int, bool], list[int]] = {}
        for role, target, strict, *counts in zip(
            *(totals.column(k).to_pylist() for k in ("role", "target_rank", "strict", *_TOTALS)),
            strict=True,
        ):
            found = per_goal.setdefault((role, target, strict), [0] * len(_TOTALS))
            for index, count in enumerate(counts):
                found[index] += count
        keys = [(role.id, target.rank, strict) for role, target, strict in self.goal_keys]
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


def _run(
    engine: Engine,
    question: _Question,
    expression: Callable[[_Engine, Any, Any, Any, Any], Any],
    python: Callable[[], list[dict[str, Any]]],
    schema: Callable[[Any], Any],
) -> pyarrow.Table:
    pa = arrow_module("an engine")
    if engine == "python":
        return pa.Table.from_pylist(python(), schema=schema(pa))
    with _engine(engine) as found:
        answer = found.run(expression(found, *question.tables(found)))
    return answer.select(schema(pa).names).cast(schema(pa))


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
    ratings: RatingsTable,
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
        ratings: The ratings (and people).
        role: The role.
        target: The target level, on the role's ladder.
        engine: ``"duckdb"`` (the default), ``"spark"`` (a local session), a
            `SparkSession`, an Ibis backend, or ``"python"`` (`gap` per person).
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
        taxonomy, ratings, readiness=readiness, round=round, rater=rater, org_unit=org_unit
    ).at(role, target)

    return _readiness_of(engine, question)


def skill_gaps(
    taxonomy: Taxonomy,
    ratings: RatingsTable,
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
        taxonomy, ratings, readiness=readiness, round=round, rater=rater, org_unit=org_unit
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
    ratings: RatingsTable,
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
        taxonomy, ratings, readiness=readiness, round=round, rater=rater, org_unit=org_unit
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
    ratings: RatingsTable,
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
        taxonomy, ratings, readiness=readiness, round=round, rater=rater, org_unit=org_unit
    ).at(role, target)
    order = {s.id: i for i, s in enumerate(taxonomy.skills.filter(role=taxonomy.role(role)))}
    units = _units(ratings)

    def python() -> list[dict[str, Any]]:
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
        unit_of = found.table(ratings.people.select(["person", "org_unit"]))
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
    ratings: RatingsTable,
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
        taxonomy, ratings, readiness=readiness, round=round, rater=rater, org_unit=org_unit
    )
    people = ratings.people
    known = pc.and_(pc.is_valid(people.column("role")), pc.is_valid(people.column("level")))
    people = people.filter(pc.and_(known, pc.is_in(people.column("person"), question.persons)))
    # The goals: one per (role, level) held, found once each, not once per person.
    pairs = people.group_by(["role", "level"], use_threads=False).aggregate([]).to_pylist()
    names: list[str] = []
    for pair in pairs:
        role = taxonomy.role(pair["role"])
        following = taxonomy.next_level(pair["level"], role)
        if following is not None:
            names.append(f"{role.id}\x1f{pair['level']}")
            strict = _strict(taxonomy, role, following, readiness)
            question.goal_keys.append((role, following, strict))
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
    ratings: RatingsTable,
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
        taxonomy, ratings, readiness=readiness, round=after, rater=rater, org_unit=org_unit
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
    ratings: RatingsTable,
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
        taxonomy, ratings, readiness="auto", round=round, rater=None, org_unit=org_unit
    )
    check_rater(first)
    check_rater(second)
    wanted = set(question.persons.to_pylist())

    def rows_of(table: Any) -> dict[tuple[str, str], dict[str, Any]]:
        return {(row["person"], row["skill"]): row for row in table.to_pylist()}

    def python() -> list[dict[str, Any]]:
        mine = rows_of(ratings.current(round=round, rater=first))
        theirs = rows_of(ratings.current(round=round, rater=second))
        return [
            _difference(key, mine[key], theirs[key])
            for key in mine
            if key in theirs and key[0] in wanted
        ]

    pa = arrow_module("rater_differences")
    if engine == "python":
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
    with _engine(engine) as found:
        source = found.table(ratings.ratings.select([*columns, "round_order", "rater_order"]))
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
