"""Tests for the organisation-scale questions: every engine gives the Python path's answers."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skilltaxonomy import (
    READINESS,
    Assessment,
    EngineRatings,
    InvalidQueryError,
    InvalidRatingsError,
    RatingsTable,
    Taxonomy,
    engine_ratings,
    gap,
    gap_by_skill,
    key_person_risk,
    load,
    load_ratings,
    loads,
    promotion_readiness,
    rater_differences,
    round_changes,
    skill_gaps,
    team,
    team_readiness,
)
from skilltaxonomy.people.ratings import EXAMPLES_PER_CHECK, RATER_KINDS

from ..strategies import v2_documents
from .conftest import spark_or_skip

pa = pytest.importorskip("pyarrow")
pytest.importorskip("ibis")

ROUNDS = ("2025-H1", "2025-H2", "2026-H1")


@pytest.fixture(name="spark", scope="module")
def _spark() -> Iterator[Any]:
    """A local Spark session, or a skip saying why there is none."""
    sql = spark_or_skip()
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # loopback only
    session = (
        sql.SparkSession.builder.master("local[2]")
        .appName("skilltaxonomy-tests")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        # Small, so that a question collecting the ratings would fail (see the test).
        .config("spark.driver.maxResultSize", "1m")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@st.composite
def organisations(draw: st.DrawFn) -> tuple[Taxonomy, RatingsTable, str, str]:
    """A random v2 framework, ratings of a few people by level and step, and a role × target."""
    taxonomy = loads(json.dumps(draw(v2_documents())))
    roles = [r for r in taxonomy.roles if len(taxonomy.levels_of_role(r))]
    if not roles or not len(taxonomy.skills):
        from hypothesis import reject

        reject()
    role = draw(st.sampled_from(roles))
    target = draw(st.sampled_from(list(taxonomy.levels_of_role(role)))).id
    rows: dict[str, list[Any]] = {
        k: [] for k in ("person", "skill", "level", "step", "rater", "round")
    }
    people = [f"p{i}" for i in range(draw(st.integers(1, 5)))]
    for person in people:
        for skill in taxonomy.skills:
            for rater, round_ in draw(
                st.lists(
                    st.tuples(
                        st.sampled_from([None, *RATER_KINDS]), st.sampled_from([None, *ROUNDS])
                    ),
                    unique=True,
                    max_size=3,
                )
            ):
                scale = taxonomy.scale_of(skill)
                steps = [s.id for s in scale.steps] if scale is not None else []
                level = (
                    draw(st.none() | st.sampled_from([lv.id for lv in taxonomy.levels]))
                    if len(taxonomy.levels)
                    else None
                )
                step = draw(st.none() | st.sampled_from(steps)) if steps else None
                if level is None and step is None:
                    continue
                for key, value in zip(
                    rows, (person, skill.id, level, step, rater, round_), strict=True
                ):
                    rows[key].append(value)
    table = pa.table({k: pa.array(v, pa.string()) for k, v in rows.items()})
    return taxonomy, RatingsTable.build(taxonomy, table), role.id, target


def _same(
    question: Callable[..., Any], *args: Any, engines: tuple[Any, ...], **options: Any
) -> None:
    expected = question(*args, engine="python", **options)
    for engine in engines:
        found = question(*args, engine=engine, **options)
        assert found.to_pylist() == expected.to_pylist(), engine
        assert found.schema == expected.schema


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(
    organisations(),
    st.sampled_from(READINESS),
    st.sampled_from([None, *ROUNDS]),
    st.sampled_from([None, *RATER_KINDS]),
)
def test_duckdb_answers_as_the_python_path(
    organisation: tuple[Taxonomy, RatingsTable, str, str],
    policy: Any,
    round_: str | None,
    rater: str | None,
) -> None:
    """Readiness, coverage, risk and gap by skill on DuckDB equal the per-person Python path."""
    taxonomy, ratings, role, target = organisation
    if round_ is not None and round_ not in ratings.rounds:
        round_ = None
    options = {"readiness": policy, "round": round_, "rater": rater}
    for question in (team_readiness, skill_gaps, key_person_risk, gap_by_skill):
        _same(question, taxonomy, ratings, role, target, engines=("duckdb",), **options)
    _same(rater_differences, taxonomy, ratings, engines=("duckdb",), round=round_)


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(organisations(), st.sampled_from(READINESS))
def test_spark_answers_as_the_python_path(
    spark: Any, organisation: tuple[Taxonomy, RatingsTable, str, str], policy: Any
) -> None:
    """The same expressions, unchanged, on Spark in local mode give the same answers."""
    taxonomy, ratings, role, target = organisation
    for question in (team_readiness, skill_gaps, key_person_risk, gap_by_skill):
        _same(question, taxonomy, ratings, role, target, engines=(spark,), readiness=policy)
    _same(rater_differences, taxonomy, ratings, engines=(spark,))


_QUESTIONS = (team_readiness, skill_gaps, key_person_risk, gap_by_skill)


def _same_in_place(
    taxonomy: Taxonomy,
    ratings: RatingsTable,
    there: EngineRatings,
    role: str,
    target: str,
    **options: Any,
) -> None:
    """Every question of ratings that live in an engine equals the Python path's answer."""
    for question in _QUESTIONS:
        expected = question(taxonomy, ratings, role, target, engine="python", **options)
        found = question(taxonomy, there, role, target, **options)
        assert found.to_pylist() == expected.to_pylist(), question.__name__
        assert found.schema == expected.schema
    for question in (promotion_readiness, rater_differences):
        expected = question(taxonomy, ratings, engine="python")
        assert question(taxonomy, there).to_pylist() == expected.to_pylist(), question.__name__
    if len(ratings.rounds) > 1:
        before, after = ratings.rounds[0], ratings.rounds[-1]
        expected = round_changes(
            taxonomy, ratings, role, target, before=before, after=after, engine="python"
        )
        found = round_changes(taxonomy, there, role, target, before=before, after=after)
        assert found.to_pylist() == expected.to_pylist()


def _people_of(ratings: RatingsTable) -> Any:
    """A people table for the ratings: everyone at the first level of the first role."""
    taxonomy = ratings.taxonomy
    role = next(r for r in taxonomy.roles if len(taxonomy.levels_of_role(r)))
    level = taxonomy.levels_of_role(role)[0]
    persons = list(ratings.persons)
    units = ["A" if i % 2 else "B" for i in range(len(persons))]
    return pa.table(
        {
            "person": persons,
            "role": [role.id] * len(persons),
            "level": [level.id] * len(persons),
            "org_unit": units,
        }
    )


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(organisations(), st.sampled_from(READINESS), st.sampled_from([None, *RATER_KINDS]))
def test_duckdb_tables_answer_as_the_python_path(
    organisation: tuple[Taxonomy, RatingsTable, str, str], policy: Any, rater: str | None
) -> None:
    """Ratings already in DuckDB (an Ibis table) are checked and answered there, as in Python."""
    import ibis

    taxonomy, ratings, role, target = organisation
    people = _people_of(ratings)
    ratings = RatingsTable.build(taxonomy, ratings.to_arrow(), people)
    backend = ibis.duckdb.connect()
    there = engine_ratings(
        taxonomy,
        backend.create_table("ratings", ratings.to_arrow()),
        ibis.memtable(people),
    )
    assert there.rounds == ratings.rounds
    assert there.one_per_skill == ratings.one_per_skill
    _same_in_place(taxonomy, ratings, there, role, target, readiness=policy, rater=rater)
    # A table passed as it is is checked on the way.
    found = team_readiness(taxonomy, backend.table("ratings"), role, target, readiness=policy)
    expected = team_readiness(
        taxonomy, RatingsTable.build(taxonomy, ratings.to_arrow()), role, target, readiness=policy
    )
    assert found.equals(expected)


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(organisations(), st.sampled_from(READINESS))
def test_spark_frames_answer_as_the_python_path(
    spark: Any, organisation: tuple[Taxonomy, RatingsTable, str, str], policy: Any
) -> None:
    """Ratings already in Spark (a DataFrame, a table's name) are checked and answered there."""
    taxonomy, ratings, role, target = organisation
    people = _people_of(ratings)
    ratings = RatingsTable.build(taxonomy, ratings.to_arrow(), people)
    frame = spark.createDataFrame(ratings.to_arrow().drop_columns(["assessed"]))
    frame.createOrReplaceTempView("skilltaxonomy_test_ratings")
    there = engine_ratings(
        taxonomy, "skilltaxonomy_test_ratings", spark.createDataFrame(people), engine=spark
    )
    _same_in_place(taxonomy, ratings, there, role, target, readiness=policy)
    found = team_readiness(taxonomy, frame, role, target, readiness=policy)
    expected = team_readiness(
        taxonomy, RatingsTable.build(taxonomy, ratings.to_arrow()), role, target, readiness=policy
    )
    assert found.equals(expected)


def test_spark_ratings_are_never_collected(spark: Any, bundled: Taxonomy) -> None:
    """A table larger than the driver may collect (maxResultSize 1 MiB) is checked and answered."""
    skills = [s.id for s in bundled.skills]
    listed = ", ".join(f"'{skill}'" for skill in skills)
    frame = spark.range(400_000).selectExpr(
        "concat('person-', cast(id % 20000 as string), '-', repeat('x', 40)) as person",
        f"element_at(array({listed}), cast(id div 20000 % {len(skills)} as int) + 1) as skill",
        "element_at(array('junior', 'middle', 'senior'), cast(id % 3 as int) + 1) as level",
        "cast(id div 20000 div " + str(len(skills)) + " as string) as round",
    )
    with pytest.raises(Exception, match="maxResultSize"):
        frame.toArrow()  # the control: collecting it is refused
    there = engine_ratings(bundled, frame)
    risk = key_person_risk(bundled, there, "llm-engineer", "senior", fewer_than=10**9)
    assert sum(risk.column("people").to_pylist()) > 0
    units = gap_by_skill(bundled, there, "llm-engineer", "senior")
    assert units.column("people").to_pylist()[0] == 20000


def test_problems_in_an_engine_table_name_the_row_key(bundled: Taxonomy) -> None:
    """Problems found in an engine's table name person, skill, rater, round and column; bounded."""
    import ibis

    skill = "neural-network-architectures"
    bad = {
        "person": ["Ana", "Zed", None, "Ana"] + [f"p{i}" for i in range(30)],
        "skill": [skill, "neural-network-architecture", skill, skill] + [skill] * 30,
        "level": ["junior", "senoir", None, "junior"] + ["principle"] * 30,
        "rater": [None, "boss", None, None] + [None] * 30,
        "round": ["2025-H1", None, None, "2025-H1"] + ["2025-H2"] * 30,
        "assessed": ["2025-02-30", None, None, None] + [None] * 30,
    }
    people = {"person": ["Ana", "Bo"] + [f"p{i}" for i in range(30)]}
    with pytest.raises(InvalidRatingsError) as caught:
        engine_ratings(bundled, ibis.memtable(bad), ibis.memtable(people), source="hr.ratings")
    found = [str(p) for p in caught.value.problems]
    assert found[:5] == [
        "skill 'neural-network-architectures', column person: expected a person, got an empty cell",
        "person 'Zed', skill 'neural-network-architecture', rater 'boss', column person: "
        "unknown person 'Zed' (expected the id of a person of the people table)",
        "person 'Zed', skill 'neural-network-architecture', rater 'boss', column skill: "
        "unknown skill 'neural-network-architecture' (did you mean 'neural-network-architectures'?)",
        "person 'Zed', skill 'neural-network-architecture', rater 'boss', column level: "
        "unknown level 'senoir' (did you mean 'senior'?)",
        "person 'p0', skill 'neural-network-architectures', round '2025-H2', column level: "
        "unknown level 'principle' (did you mean 'principal'?)",
    ]
    assert found[-4:] == [
        "column level: … and 11 more rows like these",
        "skill 'neural-network-architectures', column level: expected a level, a step, or both",
        "person 'Zed', skill 'neural-network-architecture', rater 'boss', column rater: "
        "unknown rater kind 'boss' (expected one of: agreed, manager, peer, self)",
        "person 'Ana', skill 'neural-network-architectures', round '2025-H1', column assessed: "
        "expected a date such as 2026-03-01, got '2025-02-30'",
    ]
    assert caught.value.source == "hr.ratings"
    assert len(found) == 3 + EXAMPLES_PER_CHECK + 1 + 3


def test_duplicates_in_an_engine_table(bundled: Taxonomy) -> None:
    """A second rating of one person, skill, rater and round is named by that key."""
    import ibis

    skill = "neural-network-architectures"
    table = ibis.memtable(
        {"person": ["Ana", "Ana", "Ana"], "skill": [skill] * 3, "level": ["junior"] * 3}
    )
    with pytest.raises(InvalidRatingsError) as caught:
        engine_ratings(bundled, table)
    assert [str(p) for p in caught.value.problems] == [
        "person 'Ana', skill 'neural-network-architectures', column person: a second rating "
        "for (person, skill, rater, round) ('Ana', 'neural-network-architectures', null, null) "
        "(3 in all)"
    ]


@pytest.mark.parametrize("bits", [1024, 0])
def test_a_skill_rated_in_two_rounds_in_an_engine_table(
    bundled: Taxonomy, bits: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A skill rated twice (two rounds) is found, one bit string a person or pairs grouped."""
    import ibis

    from skilltaxonomy.people import analytics

    monkeypatch.setattr(analytics, "_SKILL_BITS", bits)  # 0: every framework groups pairs
    skill = bundled.skills[0].id
    once = {
        "person": ["Ana", "Bo"],
        "skill": [skill, skill],
        "level": ["junior", "middle"],
        "round": ["2025-H1", "2025-H1"],
    }
    assert engine_ratings(bundled, ibis.memtable(once)).one_per_skill
    twice = {key: [*values, values[0]] for key, values in once.items()}
    twice["level"][-1], twice["round"][-1] = "senior", "2025-H2"
    found = engine_ratings(bundled, ibis.memtable(twice))
    assert not found.one_per_skill
    expected = RatingsTable.build(bundled, pa.table(twice))
    assert not expected.one_per_skill
    answer = team_readiness(bundled, found, "llm-engineer", "senior")
    assert answer.equals(team_readiness(bundled, expected, "llm-engineer", "senior"))


def test_a_skill_id_of_the_letters_v_and_f_is_filled_in_spark(spark: Any) -> None:
    """Spark's checks find "fv" filled: Ibis's trim of whitespace reads there as v and f."""
    from skilltaxonomy import Domain, Expectation, Level, Role, Skill

    domain = Domain("d", "D")
    skill, role, level = Skill("fv", "FV", domain), Role("r", "R"), Level("junior", "Junior", 1)
    taxonomy = Taxonomy(
        name="T",
        version="1",
        language="en",
        domains=[domain],
        skills=[skill],
        roles=[role],
        levels=[level],
        expectations=[Expectation(skill, role, level, True, "FV")],
    )
    frame = spark.createDataFrame([("Ana", "fv", "junior")], ["person", "skill", "level"])
    found = team_readiness(taxonomy, engine_ratings(taxonomy, frame), "r", "junior")
    assert found.column("ready").to_pylist() == [True]


def test_engine_ratings_refuse_the_python_path(bundled: Taxonomy, ratings: RatingsTable) -> None:
    """Ratings that live in an engine are answered there: the per-person path is refused."""
    there = engine_ratings(bundled, ratings)
    assert repr(there).startswith("EngineRatings(engine='duckdb'")
    with pytest.raises(InvalidQueryError, match="answered there"):
        team_readiness(bundled, there, "llm-engineer", "senior", engine="python")
    with pytest.raises(InvalidQueryError, match="a table name"):
        team_readiness(bundled, "ratings", "llm-engineer", "senior")


@pytest.fixture(name="ratings")
def _ratings(bundled: Taxonomy) -> RatingsTable:
    skill = "neural-network-architectures"
    ratings = pa.table(
        {
            "person": ["Ana", "Ana", "Bo", "Bo", "Cy"],
            "skill": [skill] * 5,
            "level": ["junior", "senior", "middle", "junior", "principal"],
            "rater": ["self", "manager", "self", "manager", "agreed"],
            "round": ["2025-H1", "2025-H2", "2025-H2", "2025-H2", "2025-H1"],
        }
    )
    people = pa.table(
        {
            "person": ["Ana", "Bo", "Cy", "Di"],
            "role": ["llm-engineer", "llm-engineer", "data-scientist", None],
            "level": ["middle", "junior", "lead", None],
            "org_unit": ["Research", "Research", "Platform", "Platform"],
        }
    )
    return RatingsTable.build(bundled, ratings, people)


def test_team_readiness_of_the_bundled_framework(bundled: Taxonomy, ratings: RatingsTable) -> None:
    """Closest first; someone with no rating counts every item missing; ranks follow `team`."""
    rows = team_readiness(bundled, ratings, "llm-engineer", "senior").to_pylist()
    assert [(r["person"], r["ready"], r["items_met"], r["items_required"]) for r in rows] == [
        ("Ana", True, 3, 3),
        ("Cy", True, 3, 3),
        ("Bo", False, 1, 3),
        ("Di", False, 0, 3),
    ]
    view = team(bundled, ratings.assessments(), "llm-engineer", "senior")
    assert sorted(r.person for r in view.reports if r.ready) == ["Ana", "Cy"]


def test_round_and_rater_choose_the_rating_that_counts(
    bundled: Taxonomy, ratings: RatingsTable
) -> None:
    """As of a round, later ones are left out; a rater kind keeps only its ratings."""
    early = team_readiness(bundled, ratings, "llm-engineer", "senior", round="2025-H1")
    assert {r["person"]: r["items_met"] for r in early.to_pylist()}["Ana"] == 1
    own = team_readiness(bundled, ratings, "llm-engineer", "senior", rater="self")
    assert {r["person"]: r["items_met"] for r in own.to_pylist()}["Bo"] == 2
    assert ratings.assessment("Bo").met("neural-network-architectures").id == "junior"


def test_round_changes_and_rater_differences(bundled: Taxonomy, ratings: RatingsTable) -> None:
    """The change between rounds per person; self against manager per person and skill."""
    changes = round_changes(
        bundled, ratings, "llm-engineer", "senior", before="2025-H1", after="2025-H2"
    )
    assert changes.to_pylist()[0] == {
        "person": "Ana",
        "items_met_before": 1,
        "items_met_after": 3,
        "change": 2,
        "ready_before": False,
        "ready_after": True,
    }
    differences = rater_differences(bundled, ratings).to_pylist()
    assert [(d["person"], d["level_difference"]) for d in differences] == [("Ana", -2), ("Bo", 1)]
    python = round_changes(
        bundled,
        ratings,
        "llm-engineer",
        "senior",
        before="2025-H1",
        after="2025-H2",
        engine="python",
    )
    assert python.equals(changes)


def test_promotion_risk_and_units(bundled: Taxonomy, ratings: RatingsTable) -> None:
    """The level after each person's own; skills few people meet; the gap per org unit."""
    promotion = promotion_readiness(bundled, ratings).to_pylist()
    assert [(p["person"], p["target"], p["ready"]) for p in promotion] == [
        ("Ana", "senior", True),
        ("Cy", "principal", True),
        ("Bo", "middle", False),
    ]
    assert promotion_readiness(bundled, ratings, engine="python").to_pylist() == promotion
    risk = key_person_risk(bundled, ratings, "llm-engineer", "principal", fewer_than=2).to_pylist()
    assert risk == [{"skill_id": "neural-network-architectures", "people": 1, "who": ["Cy"]}]
    units = gap_by_skill(bundled, ratings, "llm-engineer", "senior").to_pylist()
    assert [(u["org_unit"], u["people"], u["ready"]) for u in units] == [
        ("Platform", 2, 1),
        ("Research", 2, 1),
    ]
    only = team_readiness(bundled, ratings, "llm-engineer", "senior", org_unit="Research")
    assert only.column("person").to_pylist() == ["Ana", "Bo"]


def test_small_answers_stay_typed(bundled: Taxonomy, ratings: RatingsTable) -> None:
    """One person's report is `gap` of their assessment, equal to the engine's row."""
    report = gap(bundled, ratings.assessment("Bo"), "llm-engineer", "senior")
    row = next(
        r
        for r in skill_gaps(bundled, ratings, "llm-engineer", "senior").to_pylist()
        if r["person"] == "Bo"
    )
    assert (report.items_met, report.skills[0].met.id) == (row["items_met"], row["met_id"])
    assert isinstance(ratings.assessments()[0], Assessment)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"engine": "oracle"},
            "unknown engine 'oracle' (expected one of: duckdb, spark, python, a SparkSession or an Ibis backend)",
        ),
        (
            {"readiness": "most"},
            "unknown readiness policy 'most' (expected one of: auto, all, not-optional)",
        ),
        (
            {"round": "2025-H3"},
            "no round '2025-H3' in the ratings (did you mean '2025-H2' or '2025-H1'?)",
        ),
        (
            {"rater": "boss"},
            "unknown rater kind 'boss' (expected one of: agreed, manager, peer, self)",
        ),
        (
            {"org_unit": "Sales"},
            "no org unit 'Sales' in the people table (org units: Platform, Research)",
        ),
    ],
)
def test_bad_questions(
    bundled: Taxonomy, ratings: RatingsTable, options: dict[str, Any], message: str
) -> None:
    """Each bad setting is the library's own error, saying what was expected."""
    with pytest.raises(InvalidQueryError) as caught:
        team_readiness(bundled, ratings, "llm-engineer", "senior", **options)
    assert str(caught.value) == message


def test_ratings_of_another_framework(bundled: Taxonomy, ratings: RatingsTable) -> None:
    """Ratings checked against one framework are not read against another."""
    other = loads(
        json.dumps(
            {
                "format": "skilltaxonomy/1",
                "name": "x",
                "domains": [],
                "skills": [],
                "roles": [{"id": "r", "name": "R"}],
                "levels": [{"id": "l", "name": "L"}],
                "expectations": [],
            }
        )
    )
    with pytest.raises(InvalidQueryError, match="another framework"):
        team_readiness(other, ratings, "r", "l")
    assert load() == bundled


@pytest.mark.parametrize("engine", ["duckdb", "python"])
def test_an_org_unit_without_people(bundled: Taxonomy, engine: str) -> None:
    """An org unit asked of ratings without a people table says where org units come from."""
    ratings = load_ratings(
        io.StringIO("person,skill,level\nAna,neural-network-architectures,senior\n"), bundled
    )
    with pytest.raises(InvalidQueryError) as caught:
        team_readiness(bundled, ratings, "llm-engineer", "senior", org_unit="Sales", engine=engine)
    assert str(caught.value) == (
        "no org unit 'Sales': no one has an org unit (they come from the people table's"
        " 'org unit' column: people= in Python, --people on the command line)"
    )
