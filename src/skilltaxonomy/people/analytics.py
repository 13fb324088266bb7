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
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from skilltaxonomy.exceptions import InvalidQueryError, MissingDependencyError
from skilltaxonomy.model import Level, Role, Taxonomy
from skilltaxonomy.model.taxonomy import LevelKey, RoleKey
from skilltaxonomy.people.assessment import Assessment
from skilltaxonomy.people.gap import READINESS, GapReport, Readiness, gap
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
    "skill",
    "met",
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
    try:
        import ibis  # noqa: PLC0415 - an optional dependency, on first use
    except ImportError as error:
        raise MissingDependencyError("an engine", "ibis-framework", "scale") from error
    return ibis


class _Engine:
    """An Ibis backend, and how to hand it an Arrow table."""

    def __init__(self, engine: Engine) -> None:
        ibis = _ibis()
        self.ibis = ibis
        self.session: Any = None
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
        if self.session is None:
            return self.ibis.memtable(data)
        # Ibis's memtable goes through pandas on Spark and loses integers beside nulls;
        # Spark 4 takes Arrow as it is.
        name = f"skilltaxonomy_{uuid.uuid4().hex}"
        self.session.createDataFrame(data).createOrReplaceTempView(name)
        self.views.append(name)
        return self.backend.table(name)

    def run(self, expression: Any) -> pyarrow.Table:
        return self.backend.to_pyarrow(expression)

    def close(self) -> None:
        for name in self.views:
            self.session.catalog.dropTempView(name)


def _is_spark_session(engine: object) -> bool:
    return type(engine).__name__ == "SparkSession" and type(engine).__module__.startswith("pyspark")


def _spark_session() -> Any:
    """A local Spark session (``local[*]``, on loopback), or the one already running."""
    try:
        from pyspark.sql import SparkSession  # noqa: PLC0415 - an optional dependency
    except ImportError as error:
        raise MissingDependencyError("the Spark engine", "pyspark", "spark") from error
    return (
        SparkSession.builder.master("local[*]")
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


def _role_skills(pa: Any, taxonomy: Taxonomy, roles: Sequence[Role]) -> pyarrow.Table:
    pairs = [(r.id, s.id, i) for r in roles for i, s in enumerate(taxonomy.skills.filter(role=r))]
    return pa.table(
        {
            "role": pa.array([p[0] for p in pairs], pa.string()),
            "skill": pa.array([p[1] for p in pairs], pa.string()),
            "skill_order": pa.array([p[2] for p in pairs], pa.int32()),
        }
    )


# Goals: who is set against which role and level ------------------------------------


def _persons(ratings: RatingsTable, org_unit: str | None) -> list[str]:
    if org_unit is None:
        return list(ratings.persons)
    units = dict(
        zip(
            ratings.people.column("person").to_pylist(),
            ratings.people.column("org_unit").to_pylist(),
            strict=True,
        )
    )
    if org_unit not in set(units.values()):
        known = sorted({u for u in units.values() if u is not None})
        raise InvalidQueryError(
            f"no org unit {org_unit!r} in the people table "
            f"(org units: {', '.join(known) or 'none'})"
        )
    return [person for person in ratings.persons if units.get(person) == org_unit]


# The expressions -------------------------------------------------------------------


_CURRENT = ("person", "skill", "level", "level_rank", "step_rank")


def _current(
    ibis: Any,
    ratings: Any,
    last_round: int | None,
    rater: str | None,
    columns: Sequence[str] = _CURRENT,
) -> Any:
    """The rating that counts per person and skill, as `RatingsTable.current` chooses it."""
    if last_round is not None:
        ratings = ratings.filter(ratings.round_order <= last_round)
    if rater is not None:
        ratings = ratings.filter(ratings.rater_order == RATER_KINDS.index(rater))
    window = ibis.window(
        group_by=[ratings.person, ratings.skill],
        order_by=[ibis.desc(ratings.round_order), ratings.rater_order],
    )
    ranked = ratings.mutate(_first=ibis.row_number().over(window))
    chosen = ranked.filter(ranked._first == 0)
    return chosen.select(*columns)


def _items(ibis: Any, goals: Any, required: Any, current: Any) -> Any:
    """Each person's required items, with whether each is met and whether it blocks."""
    pairs = goals.join(
        required,
        [goals.role == required.role, required.level_rank <= goals.target_rank],
    )
    rated = pairs.left_join(
        current.rename(r_level="level", r_level_rank="level_rank", r_step_rank="step_rank"),
        ["person", "skill"],
    )
    met = (rated.r_level_rank.notnull() & (rated.level_rank <= rated.r_level_rank)) | (
        rated.r_step_rank.notnull() & rated.e_step.notnull() & (rated.e_step <= rated.r_step_rank)
    )
    return rated.mutate(
        met=met,
        blocking=~met & (rated.strict | rated.mandatory.isnull() | rated.mandatory),
        is_mandatory=rated.mandatory.fill_null(False),
    )


def _counts(items: Any, keys: Sequence[str]) -> Any:
    def total(condition: Any) -> Any:
        return condition.ifelse(1, 0).sum()

    return items.group_by(list(keys)).aggregate(
        items_required=items.count(),
        items_met=total(items.met),
        mandatory_required=total(items.is_mandatory),
        mandatory_met=total(items.met & items.is_mandatory),
        blocking=total(items.blocking),
    )


_COUNTS = ("items_required", "items_met", "mandatory_required", "mandatory_met", "blocking")


def _readiness_expression(ibis: Any, goals: Any, required: Any, current: Any) -> Any:
    per_person = _counts(_items(ibis, goals, required, current), ["person"])
    joined = goals.select("person").left_join(per_person, "person")
    filled = joined.select(
        "person", **{name: joined[name].fill_null(0).cast("int64") for name in _COUNTS}
    )
    table = filled.mutate(
        ready=filled.blocking == 0,
        mandatory_missing=filled.mandatory_required - filled.mandatory_met,
        items_missing=filled.items_required - filled.items_met,
    )
    return table.select(*READINESS_COLUMNS).order_by(
        [ibis.desc(table.ready), "blocking", "mandatory_missing", "items_missing", "person"]
    )


def _skill_gaps_expression(ibis: Any, goals: Any, required: Any, current: Any, skills: Any) -> Any:
    items = _items(ibis, goals, required, current)
    # Rated by a step only, a person meets a skill up to the highest level below the
    # first item not met, as `gap` reads it.
    whole_skill = ibis.window(group_by=[items.person, items.skill])
    first_unmet = ibis.ifelse(items.met, None, items.level_rank).min().over(whole_skill)
    items = items.mutate(first_unmet=first_unmet)
    below = items.met & (items.first_unmet.isnull() | (items.level_rank < items.first_unmet))
    reached = items.group_by(["person", "skill"]).aggregate(
        reached=items.level.argmax(items.level_rank, where=below),
        reached_rank=items.level_rank.max(where=below),
    )
    keys = ["person", "skill"]
    per_skill = (
        _counts(items, keys).join(reached, keys).select(*keys, *_COUNTS, "reached", "reached_rank")
    )
    grid = goals.join(skills, "role").select(*keys, "skill_order", "target_rank")
    rating = current.select(*keys, r_level=current.level, r_level_rank=current.level_rank)
    with_counts = grid.left_join(per_skill, keys).select(
        grid, *(per_skill[name] for name in (*_COUNTS, "reached", "reached_rank"))
    )
    table = with_counts.left_join(rating, keys).select(
        with_counts, rating.r_level, rating.r_level_rank
    )
    by_level = table.r_level.notnull()
    table = table.mutate(
        met=ibis.ifelse(by_level, table.r_level, table.reached),
        met_rank=ibis.ifelse(by_level, table.r_level_rank, table.reached_rank)
        .fill_null(0)
        .cast("int64"),
        required_rank=table.target_rank.cast("int64"),
        **{name: table[name].fill_null(0).cast("int64") for name in _COUNTS},
    )
    table = table.mutate(ready=table.blocking == 0)
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
        self.goals: list[tuple[str, Role, Level, bool]] = []

    def at(self, role: RoleKey, target: LevelKey) -> _Question:
        """Set everyone against `role` at `target`."""
        the_role = self.taxonomy.role(role)
        goal = self.taxonomy.level(target, role=the_role)
        strict = _strict(self.taxonomy, the_role, goal, self.readiness)
        self.goals = [(person, the_role, goal, strict) for person in self.persons]
        return self

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
            for person, role, target, _ in self.goals
        ]

    # The engine path: the tables an expression reads.

    def tables(self, engine: _Engine) -> tuple[Any, Any, Any, Any]:
        """The goals, the roles' expectations, the ratings that count, the roles' skills."""
        pa = arrow_module("an engine")
        columns = ["person", "skill", "level", "level_rank", "step_rank", "round_order"]
        source = self.ratings.ratings.select([*columns, "rater_order"])
        current = _current(engine.ibis, engine.table(source), self.last_round, self.rater)
        goals = pa.table(
            {
                "person": pa.array([g[0] for g in self.goals], pa.string()),
                "role": pa.array([g[1].id for g in self.goals], pa.string()),
                "target_rank": pa.array([g[2].rank for g in self.goals], pa.int32()),
                "strict": pa.array([g[3] for g in self.goals], pa.bool_()),
            }
        )
        roles = list({g[1].id: g[1] for g in self.goals}.values())
        return (
            engine.table(goals),
            engine.table(_required(pa, self.taxonomy, roles)),
            current,
            engine.table(_role_skills(pa, self.taxonomy, roles)),
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
        [("person", pa.string()), ("skill", pa.string()), ("met", pa.string())]
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
        rows = []
        for report in sorted(question.reports(), key=lambda r: r.person):
            for row in report.skills:
                rows.append(
                    {
                        "person": report.person,
                        "skill": row.skill.id,
                        "met": None if row.met is None else row.met.id,
                        "met_rank": 0 if row.met is None else row.met.rank,
                        "required_rank": row.required.rank,
                        "items_met": len(row.met_items),
                        "items_required": len(row.required_items),
                        "mandatory_met": row.mandatory_met,
                        "mandatory_required": row.mandatory_required,
                        "blocking": len(row.blocking),
                        "ready": row.ready,
                    }
                )
        return rows

    return _run(
        engine,
        question,
        lambda found, *tables: _skill_gaps_expression(found.ibis, *tables),
        python,
        _skill_gap_schema,
    )


#: The columns of `key_person_risk`: skills that fewer than N people meet.
RISK_COLUMNS: tuple[str, ...] = ("skill", "people", "who")


def _risk_schema(pa: Any) -> Any:
    return pa.schema(
        [("skill", pa.string()), ("people", pa.int64()), ("who", pa.list_(pa.string()))]
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
            {"skill": skill, "people": len(people), "who": people} for skill, people in who.items()
        ]

    def expression(found: _Engine, *tables: Any) -> Any:
        gaps = _skill_gaps_expression(found.ibis, *tables)
        return gaps.group_by("skill").aggregate(
            people=gaps.ready.ifelse(1, 0).sum().cast("int64"),
            who=gaps.person.collect(where=gaps.ready),
        )

    answer = {
        row["skill"]: row
        for row in _run(engine, question, expression, python, _risk_schema).to_pylist()
    }
    # A skill nobody is set against has no row on an engine: nobody meets it.
    found = [answer.get(skill, {"skill": skill, "people": 0, "who": []}) for skill in order]
    rows = [{**row, "who": sorted(row["who"] or [])} for row in found if row["people"] < fewer_than]
    rows.sort(key=lambda row: (row["people"], order[row["skill"]]))
    pa = arrow_module("key_person_risk")
    return pa.Table.from_pylist(rows, schema=_risk_schema(pa))


#: The columns of `gap_by_skill`: per org unit and skill, how many people meet it.
GAP_BY_SKILL_COLUMNS: tuple[str, ...] = ("org_unit", "skill", "people", "ready", "items_missing")


def _gap_by_skill_schema(pa: Any) -> Any:
    return pa.schema(
        [("org_unit", pa.string()), ("skill", pa.string())]
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
            {"org_unit": unit, "skill": skill, "people": n, "ready": ready, "items_missing": m}
            for (unit, skill), (n, ready, m) in totals.items()
        ]

    def expression(found: _Engine, *tables: Any) -> Any:
        pa = arrow_module("gap_by_skill")
        gaps = _skill_gaps_expression(found.ibis, *tables)
        unit_of = found.table(
            pa.table(
                {
                    "person": pa.array(list(units), pa.string()),
                    "org_unit": pa.array(list(units.values()), pa.string()),
                }
            )
        )
        joined = gaps.left_join(unit_of, "person").select(gaps, unit_of.org_unit)
        return joined.group_by(["org_unit", "skill"]).aggregate(
            people=joined.count(),
            ready=joined.ready.ifelse(1, 0).sum(),
            items_missing=(joined.items_required - joined.items_met).sum(),
        )

    answer = _run(engine, question, expression, python, _gap_by_skill_schema)
    rows = sorted(
        answer.to_pylist(),
        key=lambda row: (row["org_unit"] is None, row["org_unit"] or "", order[row["skill"]]),
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
    question = _Question(
        taxonomy, ratings, readiness=readiness, round=round, rater=rater, org_unit=org_unit
    )
    people = ratings.people
    current = dict(
        zip(
            people.column("person").to_pylist(),
            zip(people.column("role").to_pylist(), people.column("level").to_pylist(), strict=True),
            strict=True,
        )
    )
    wanted = set(question.persons)
    for person, (role_id, level_id) in current.items():
        if person not in wanted or role_id is None or level_id is None:
            continue
        role = taxonomy.role(role_id)
        following = taxonomy.next_level(level_id, role)
        if following is not None:
            strict = _strict(taxonomy, role, following, readiness)
            question.goals.append((person, role, following, strict))
    goal_of = {person: (role.id, target.id) for person, role, target, _ in question.goals}

    def python() -> list[dict[str, Any]]:
        return [_report_row(report) for report in question.reports()]

    def expression(found: _Engine, goals: Any, required: Any, current: Any, _: Any) -> Any:
        return _readiness_expression(found.ibis, goals, required, current)

    answer = _run(engine, question, expression, python, _readiness_schema)
    rows = sorted(answer.to_pylist(), key=_closest_first)
    pa = arrow_module("promotion_readiness")
    for row in rows:
        role_id, target_id = goal_of[row["person"]]
        row.update(role=role_id, level=current[row["person"]][1], target=target_id)
    schema = pa.schema(
        [(name, pa.string()) for name in PROMOTION_COLUMNS[:3]] + list(_readiness_schema(pa))
    )
    return pa.Table.from_pylist(rows, schema=schema)


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
    then = _readiness_of(engine, earlier)
    now = _readiness_of(engine, question)
    old = {row["person"]: row for row in then.to_pylist()}
    rows = [
        {
            "person": row["person"],
            "items_met_before": old[row["person"]]["items_met"],
            "items_met_after": row["items_met"],
            "change": row["items_met"] - old[row["person"]]["items_met"],
            "ready_before": old[row["person"]]["ready"],
            "ready_after": row["ready"],
        }
        for row in now.to_pylist()
    ]
    rows.sort(key=lambda row: (-row["change"], row["person"]))
    pa = arrow_module("round_changes")
    return pa.Table.from_pylist(rows, schema=_round_schema(pa))


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
    "skill",
    "first_level",
    "second_level",
    "level_difference",
    "first_step",
    "second_step",
    "step_difference",
)


def _rater_schema(pa: Any) -> Any:
    texts = {"person", "skill", "first_level", "second_level", "first_step", "second_step"}
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
    wanted = set(question.persons)

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

    if engine == "python":
        rows = python()
    else:
        pa = arrow_module("rater_differences")
        columns = ["person", "skill", "level", "step", "level_rank", "step_rank"]
        with _engine(engine) as found:
            source = found.table(ratings.ratings.select([*columns, "round_order", "rater_order"]))
            persons = found.table(pa.table({"person": pa.array(list(wanted), pa.string())}))
            mine = _current(found.ibis, source, question.last_round, first, columns)
            theirs = _current(found.ibis, source, question.last_round, second, columns)
            both = mine.join(theirs, ["person", "skill"]).join(persons, "person")
            rows = [
                _difference(
                    (row["person"], row["skill"]),
                    {name: row[name] for name in columns},
                    {name: row[f"{name}_right"] for name in columns[2:]},
                )
                for row in found.run(both).to_pylist()
            ]
    rows.sort(
        key=lambda row: (
            -abs(row["level_difference"] or 0),
            -abs(row["step_difference"] or 0),
            row["person"],
            row["skill"],
        )
    )
    pa = arrow_module("rater_differences")
    return pa.Table.from_pylist(rows, schema=_rater_schema(pa))


def _difference(
    key: tuple[str, str], mine: dict[str, Any], theirs: dict[str, Any]
) -> dict[str, Any]:
    def minus(name: str) -> int | None:
        if mine[name] is None or theirs[name] is None:
            return None
        return int(mine[name]) - int(theirs[name])

    return {
        "person": key[0],
        "skill": key[1],
        "first_level": mine["level"],
        "second_level": theirs["level"],
        "level_difference": minus("level_rank"),
        "first_step": mine["step"],
        "second_step": theirs["step"],
        "step_difference": minus("step_rank"),
    }
