"""Tests for `Taxonomy`: construction checks, lookups and queries."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import attrs
import pytest

from skilltaxonomy import (
    Definition,
    Domain,
    DomainNotFoundError,
    Expectation,
    ExpectationNotFoundError,
    InvalidQueryError,
    InvalidTaxonomyError,
    Ladder,
    Level,
    LevelNotFoundError,
    Listing,
    NotFoundError,
    Problem,
    Role,
    RoleLevel,
    RoleNotFoundError,
    Scale,
    Skill,
    SkillNotFoundError,
    Step,
    Taxonomy,
    dumps,
    load,
    loads,
)

from ..conftest import SMALL, Document

NNA = "neural-network-architectures"


@pytest.fixture(name="small")
def _small(small_text: str) -> Taxonomy:
    return loads(small_text)


def ids(items: Any) -> list[str]:
    return [item.id for item in items]


def cells(expectations: Any) -> list[tuple[str, str, str]]:
    return [(e.skill.id, e.role.id, e.level.id) for e in expectations]


class TestConstruction:
    def test_sequences_become_listings(self, make_taxonomy: Callable[..., Taxonomy]) -> None:
        """Lists passed to the constructor become listings."""
        taxonomy = make_taxonomy()
        assert isinstance(taxonomy.levels, Listing)
        assert isinstance(taxonomy.skills, Listing)
        assert isinstance(taxonomy.expectations, Listing)

    def test_frozen(self, small: Taxonomy) -> None:
        """A taxonomy cannot be changed after it is built."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            small.name = "other"  # type: ignore[misc]

    def test_equal_by_value_and_hashable(self, small_text: str) -> None:
        """Two taxonomies read from the same text are equal and hash alike."""
        assert loads(small_text) == loads(small_text)
        assert hash(loads(small_text)) == hash(loads(small_text))

    def test_repr(self, small: Taxonomy) -> None:
        """The repr counts the contents instead of listing them."""
        assert repr(small) == (
            "Taxonomy(name='Small', version='1', language='en', domains=2, skills=3, roles=2, "
            "levels=3, expectations=6)"
        )

    def test_rank_must_follow_the_ladder(self, make_taxonomy: Callable[..., Taxonomy]) -> None:
        """Ranks are 1, 2, 3… in ladder order."""
        levels = (Level("a", "A", 1), Level("b", "B", 3))
        with pytest.raises(InvalidTaxonomyError) as caught:
            make_taxonomy(levels=levels, expectations=())
        assert (
            str(caught.value)
            == "invalid taxonomy: 1 problem\n  $.levels[1].rank: expected 2, got 3"
        )

    def test_duplicates_and_dangling_references(
        self, make_taxonomy: Callable[..., Taxonomy]
    ) -> None:
        """Every duplicate id and foreign entity is reported at its place."""
        base = make_taxonomy()
        skill = base.skill("s")
        stranger = Skill("t", "Stranger", Domain("x", "Elsewhere"))
        outsider = Expectation(stranger, Role("q", "Q"), Level("z", "Z", 9), False, "")
        with pytest.raises(InvalidTaxonomyError) as caught:
            make_taxonomy(
                skills=[skill, skill, stranger],
                expectations=[*base.expectations, base.expectations[0], outsider],
            )
        assert caught.value.problems == tuple(
            Problem(*pair)
            for pair in [
                ("$.skills[1].id", "duplicate skill id 's' (first at $.skills[0].id)"),
                ("$.skills[2].domain", "domain 'x' is not one of the taxonomy's domains"),
                ("$.expectations[4].role", "role 'q' is not one of the taxonomy's roles"),
                ("$.expectations[4].level", "level 'z' is not one of the taxonomy's levels"),
                (
                    "$.expectations[3]",
                    "duplicate expectation for (skill, role, level) ('s', 'r', 'l1') "
                    "(first at $.expectations[0])",
                ),
            ]
        )

    def test_same_id_other_content_is_foreign(self, make_taxonomy: Callable[..., Taxonomy]) -> None:
        """An expectation's skill must be the taxonomy's own, not one sharing its id."""
        base = make_taxonomy()
        impostor = attrs.evolve(base.skill("s"), name="Impostor")
        expectation = attrs.evolve(base.expectations[0], skill=impostor)
        with pytest.raises(
            InvalidTaxonomyError, match=r"\$\.expectations\[0\]\.skill: skill 's' is not"
        ):
            make_taxonomy(expectations=[expectation])

    def test_a_domain_equal_to_the_listed_one_is_not_foreign(
        self, make_taxonomy: Callable[..., Taxonomy]
    ) -> None:
        """A skill's domain equal to the listed one, not the same object, is the taxonomy's."""
        base = make_taxonomy()
        skill = base.skills[0]
        twin = attrs.evolve(skill.domain)
        assert twin is not skill.domain
        moved = attrs.evolve(skill, domain=twin)
        made = make_taxonomy(skills=[moved, *base.skills[1:]], expectations=())
        assert made.skills[0].domain == base.skills[0].domain


class TestLookups:
    @pytest.mark.parametrize("key", ["python", "PYTHON", "Python"])
    def test_skill_by_id_or_name(self, small: Taxonomy, key: str) -> None:
        """A skill is found by id or by case-insensitive name."""
        assert small.skill(key).id == "python"

    def test_by_object(self, small: Taxonomy) -> None:
        """Passing the entity itself finds it."""
        sql = small.skill("sql")
        assert small.skill(sql) is sql
        assert small.role(small.role("manager")).id == "manager"
        assert small.domain(small.domain("eng")).id == "eng"

    def test_object_from_elsewhere_is_not_found(self, small: Taxonomy) -> None:
        """An entity with a known id but other content is not this taxonomy's."""
        with pytest.raises(SkillNotFoundError):
            small.skill(attrs.evolve(small.skill("sql"), name="Other"))

    def test_id_wins_over_name(self, make_taxonomy: Callable[..., Taxonomy]) -> None:
        """When one role's name is another's id, the id wins."""
        first, second = Role("lead", "Boss"), Role("boss", "Lead")
        taxonomy = make_taxonomy(roles=[first, second], expectations=())
        assert taxonomy.role("lead") is first
        assert taxonomy.role("boss") is second
        assert taxonomy.role("Boss") is first  # not an id (ids are case-sensitive): a name
        assert taxonomy.role("LEAD") is second

    def test_level_by_rank(self, small: Taxonomy) -> None:
        """A level is found by its rank, but not by a bool or an out-of-range rank."""
        assert small.level(2).id == "l2"
        for missing in (0, 4, True):
            with pytest.raises(LevelNotFoundError):
                small.level(missing)

    def test_default(self, small: Taxonomy) -> None:
        """With a default, a failed lookup returns it instead of raising."""
        assert small.skill("cobol", None) is None
        assert small.role("nobody", "fallback") == "fallback"
        assert small.level(99, None) is None
        assert small.domain("nowhere", None) is None
        assert small.expectation("sql", "manager", "l1", None) is None

    @pytest.mark.parametrize(
        ("lookup", "error", "message"),
        [
            (
                lambda t: t.skill("pyhton"),
                SkillNotFoundError,
                "no skill 'pyhton' (did you mean 'python'?)",
            ),
            (
                lambda t: t.role("backend engineer!"),
                RoleNotFoundError,
                "no role 'backend engineer!' (did you mean 'backend'?)",
            ),
            (
                lambda t: t.level("senior"),
                LevelNotFoundError,
                "no level 'senior' (did you mean 'l3'?)",
            ),
            (
                lambda t: t.domain("zzz"),
                DomainNotFoundError,
                "no domain 'zzz' (there are 'eng', 'people')",
            ),
            (lambda t: t.skill(42), SkillNotFoundError, "no skill 42"),
            (
                lambda t: t.expectation("sql", "manager", "l1"),
                ExpectationNotFoundError,
                "no expectation for skill 'sql', role 'manager', level 'l1'",
            ),
        ],
    )
    def test_not_found_messages(
        self,
        small: Taxonomy,
        lookup: Callable[[Taxonomy], object],
        error: type[NotFoundError],
        message: str,
    ) -> None:
        """A failed lookup names the key and suggests close matches."""
        with pytest.raises(error) as caught:
            lookup(small)
        assert str(caught.value) == message
        assert isinstance(caught.value, KeyError)

    def test_expectation(self, small: Taxonomy) -> None:
        """One cell of the grid is found by its three keys, in any accepted form."""
        found = small.expectation("Python", small.role("backend"), 2)
        assert found.description == "Writes tested modules."
        assert found.skill.name == "Python"
        assert found.role.name == "Backend Engineer"
        assert found.level.name == "Engineer"

    def test_next_and_previous(self, small: Taxonomy) -> None:
        """Neighbours on the ladder, or None at either end."""
        assert small.next_level("l1") == small.level("l2")
        assert small.next_level("l3") is None
        assert small.previous_level("l2") == small.level("l1")
        assert small.previous_level(1) is None


class TestListings:
    def test_everything_in_file_order(self, small: Taxonomy) -> None:
        """Without arguments the listings return everything in file order."""
        document: Document = SMALL
        assert ids(small.domains) == [d["id"] for d in document["domains"]]
        assert ids(small.skills) == [s["id"] for s in document["skills"]]
        assert ids(small.roles) == [r["id"] for r in document["roles"]]
        assert ids(small.levels) == [lv["id"] for lv in document["levels"]]
        assert cells(small.expectations) == [
            (e["skill"], e["role"], e["level"]) for e in document["expectations"]
        ]

    def test_skills_filters(self, small: Taxonomy) -> None:
        """Skill filters combine, and keep file order."""
        assert ids(small.skills.filter(domain="eng")) == ["python", "sql"]
        assert ids(small.skills.filter(category="languages")) == ["python", "sql"]
        assert ids(small.skills.filter(role="manager")) == ["python", "mentoring"]
        assert ids(small.skills.filter(domain="people", role="manager")) == ["mentoring"]
        assert ids(small.skills.filter(domain="eng", category="Languages", role="manager")) == [
            "python"
        ]
        assert small.skills.filter(category="none") == ()

    def test_roles_by_skill(self, small: Taxonomy) -> None:
        """Roles with expectations for a skill, in file order."""
        assert ids(small.roles.filter(skill="python")) == ["backend", "manager"]
        assert ids(small.roles.filter(skill="sql")) == ["backend"]

    @pytest.mark.parametrize(
        ("filters", "expected"),
        [
            ({"skill": "python"}, [0, 1, 2, 5]),
            ({"role": "backend"}, [0, 1, 2, 3]),
            ({"level": "l2"}, [2, 3]),
            ({"skill": "python", "role": "backend"}, [0, 1, 2]),
            ({"skill": "python", "level": 1}, [0, 5]),
            ({"role": "backend", "level": "l2"}, [2, 3]),
            ({"skill": "python", "role": "backend", "level": "l3"}, [1]),
            ({"skill": "sql", "role": "manager", "level": "l3"}, []),
            ({"mandatory": True}, [0, 2, 4]),
            ({"skill": "python", "mandatory": False}, [1, 5]),
            ({"role": "manager", "mandatory": True}, [4]),
        ],
    )
    def test_expectation_filters(
        self, small: Taxonomy, filters: dict[str, Any], expected: list[int]
    ) -> None:
        """Each filter narrows the answer, which stays in file order."""
        everything = small.expectations
        assert small.expectations.filter(**filters) == tuple(everything[i] for i in expected)

    def test_filters_check_their_keys(self, small: Taxonomy) -> None:
        """A filter naming nothing raises rather than answering empty."""
        with pytest.raises(RoleNotFoundError):
            small.expectations.filter(role="astronaut")


class TestQuestions:
    def test_progression_runs_up_the_ladder(self, small: Taxonomy) -> None:
        """A progression is in ladder order even when the file is not."""
        assert [e.level.id for e in small.progression("python", "backend")] == ["l1", "l2", "l3"]

    def test_compare_with_next(self, small: Taxonomy) -> None:
        """By default the target is the next level."""
        comparison = small.compare("python", "backend", "l1")
        assert comparison.target == small.level("l2")
        assert comparison.current_expectation is small.expectation("python", "backend", 1)
        assert comparison.target_expectation is small.expectation("python", "backend", 2)
        assert comparison.crossed == (small.level("l2"),)
        assert comparison.mandatory == (comparison.target_expectation,)
        assert str(comparison) == (
            "Python for Backend Engineer: Associate → Engineer, 1 level up, "
            "1 expectation to cover, 1 mandatory."
        )

    def test_compare_across_levels(self, small: Taxonomy) -> None:
        """A farther target lists every level crossed and their expectations."""
        comparison = small.compare("python", "backend", 1, 3)
        assert ids(comparison.crossed) == ["l2", "l3"]
        assert [e.level.id for e in comparison.steps] == ["l2", "l3"]
        assert [e.level.id for e in comparison.mandatory] == ["l2"]
        assert str(comparison).endswith(
            "Associate → Senior Engineer, 2 levels up, 2 expectations to cover, 1 mandatory."
        )

    def test_compare_with_gaps(self, small: Taxonomy) -> None:
        """Levels without an expectation are crossed but add no step."""
        comparison = small.compare("sql", "backend", "l1", "l3")
        assert comparison.current_expectation is None
        assert comparison.target_expectation is None
        assert [e.level.id for e in comparison.steps] == ["l2"]

    def test_compare_at_top(self, small: Taxonomy) -> None:
        """At the top level there is no next level, and the comparison says so."""
        comparison = small.compare("python", "backend", "l3")
        assert comparison.target is None
        assert comparison.crossed == comparison.steps == ()
        assert (
            str(comparison)
            == "Python for Backend Engineer: Senior Engineer is the top level; there is no next level."
        )

    def test_compare_same_level(self, small: Taxonomy) -> None:
        """Comparing a level with itself crosses nothing."""
        assert small.compare("python", "backend", 2, 2).steps == ()

    def test_compare_downwards(self, small: Taxonomy) -> None:
        """A target below the current level is refused."""
        with pytest.raises(InvalidQueryError) as caught:
            small.compare("python", "backend", "l3", "l1")
        assert (
            str(caught.value)
            == "target level 'Associate' is below the current level 'Senior Engineer'"
        )
        assert isinstance(caught.value, ValueError)

    def test_profile(self, small: Taxonomy) -> None:
        """A profile counts, groups and orders a skill's expectations."""
        profile = small.profile("python")
        assert profile.domain.id == "eng"
        assert profile.category == "Languages"
        assert profile.updated == datetime.date(2026, 1, 31)
        assert ids(profile.roles) == ["backend", "manager"]
        assert ids(profile.levels) == ["l1", "l2", "l3"]
        assert (profile.mandatory_count, profile.optional_count) == (2, 2)
        assert [(level.id, cells(found)) for level, found in profile.by_level] == [
            ("l1", [("python", "backend", "l1"), ("python", "manager", "l1")]),
            ("l2", [("python", "backend", "l2")]),
            ("l3", [("python", "backend", "l3")]),
        ]

    def test_search(self, small: Taxonomy) -> None:
        """Every word must match; name matches come first, then the rest in file order."""
        found = small.search("engineer")
        assert [getattr(x, "id", None) for x in found] == [
            "eng",
            "backend",
            "manager",
            "l2",
            "l3",
            None,
        ]
        assert found[-1] is small.expectations[4]
        assert [x.id for x in small.search("LANGUAGES")] == ["python", "sql"]  # type: ignore[union-attr]
        found = small.search("writes tested")
        assert cells(found) == [("python", "backend", "l2")]
        assert small.search("python reviews") == (small.expectations[5],)
        assert small.search("   ") == ()
        assert [x.id for x in small.search("engineering")] == ["eng", "manager", "backend"]  # type: ignore[union-attr]


class TestBundled:
    def test_counts(self, bundled: Taxonomy) -> None:
        """The bundled framework has what the source page counts."""
        profile = bundled.profile(NNA)
        assert (len(profile.roles), len(profile.levels)) == (2, 5)
        assert (profile.mandatory_count, profile.optional_count) == (0, 10)

    def test_compare_from_the_issue(self, bundled: Taxonomy) -> None:
        """The quick example of the core issue answers with typed values."""
        comparison = bundled.compare(NNA, "data-scientist", "junior")
        assert comparison.target is not None
        assert comparison.target.name == "Middle"
        assert comparison.target_expectation is not None
        assert comparison.target_expectation.description.startswith("Designs and implements modern")
        assert comparison.mandatory == ()

    def test_principal_is_the_top(self, bundled: Taxonomy) -> None:
        """Principal has no next level."""
        assert bundled.compare(NNA, "llm-engineer", "principal").at_top


def test_indices_are_built_once_from_many_threads(small_text: str) -> None:
    """32 threads asking a fresh taxonomy at once share one index and get one answer."""
    taxonomy = loads(small_text)
    barrier = threading.Barrier(32)

    def ask() -> tuple[Listing[Expectation], Listing[object]]:
        barrier.wait()
        return taxonomy.expectations.filter(role="backend"), taxonomy.search("python")

    with ThreadPoolExecutor(32) as pool:
        answers = [future.result() for future in [pool.submit(ask) for _ in range(32)]]
    first_listing, first_found = answers[0]
    assert first_found
    # One index: every thread's listing holds the very group the index built.
    assert all(
        listing._items is first_listing._items and found == first_found
        for listing, found in answers
    )


class TestSearchBounds:
    def test_repeated_words_count_once(self, bundled: Taxonomy) -> None:
        """A word repeated in a query is looked for once, with the same answer."""
        assert bundled.search("experts " * 1000) == bundled.search("experts")

    def test_too_many_words(self, bundled: Taxonomy) -> None:
        """A pasted document is refused, not scanned word by word."""
        with pytest.raises(InvalidQueryError) as caught:
            bundled.search(" ".join(f"w{n}" for n in range(65)))
        assert str(caught.value) == "a search takes at most 64 distinct words, got 65"

    def test_not_text(self, bundled: Taxonomy) -> None:
        """Searching for something that is not text says so."""
        with pytest.raises(InvalidQueryError, match=r"^expected the text to search for, got int$"):
            bundled.search(3)  # type: ignore[arg-type]


class TestScalesAndLadders:
    """What a framework built in code must agree on when it has scales and ladders."""

    domain = Domain("d", "D")
    scale = Scale("p", "P", [Step("w", "Working", 1, "W"), Step("e", "Expert", 2, "E")])
    skill = Skill("s", "S", domain, scale=scale)
    role = Role("r", "R")
    levels = (Level("a", "A", 1), Level("b", "B", 2))
    other = Ladder("y", "Y", [Level("y1", "Y1", 1)])

    def _problem(self, **changes: Any) -> str:
        fields: dict[str, Any] = {
            "name": "T",
            "domains": [self.domain],
            "skills": [self.skill],
            "roles": [self.role],
            "levels": self.levels,
            "expectations": [],
            "scales": [self.scale],
        }
        with pytest.raises(InvalidTaxonomyError) as caught:
            Taxonomy(**(fields | changes))
        (problem,) = caught.value.problems
        return f"{problem.path}: {problem.message}"

    def test_each_rule_is_placed(self) -> None:
        """Ranks, ids, codes and every reference of scales and ladders are checked."""
        plain = Skill("s", "S", self.domain)
        assert self._problem(scales=[self.scale, Scale("p", "P2", [])]) == (
            "$.scales[1].id: duplicate scale id 'p' (first at $.scales[0].id)"
        )
        assert self._problem(ladders=[Ladder("x", "X", [Level("x1", "X1", 2)])]) == (
            "$.ladders[0].levels[0].rank: expected 1, got 2"
        )
        assert self._problem(scales=[Scale("p", "P", [Step("w", "W", 2)])], skills=[plain]) == (
            "$.scales[0].steps[0].rank: expected 1, got 2"
        )
        twice = Scale("p", "P", [Step("w", "W", 1, "W"), Step("v", "V", 2, "W")])
        assert self._problem(scales=[twice], skills=[plain]) == (
            "$.scales[0].steps[1].code: duplicate step code 'W' (first at $.scales[0].steps[0].code)"
        )
        assert self._problem(skills=[Skill("s", "S", self.domain, scale=Scale("q", "Q", []))]) == (
            "$.skills[0].scale: scale 'q' is not one of the taxonomy's scales"
        )
        assert self._problem(roles=[Role("r", "R", ladder=self.other)]) == (
            "$.roles[0].ladder: ladder 'y' is not one of the taxonomy's ladders"
        )

    def test_steps_definitions_and_role_levels(self) -> None:
        """Steps are on the skill's scale; definitions and role levels refer to the framework."""
        unscaled = Skill("s", "S", self.domain)
        stray = Expectation(unscaled, self.role, self.levels[0], None, step=self.scale.steps[0])
        assert self._problem(scales=[], skills=[unscaled], expectations=[stray]) == (
            "$.expectations[0].step: the framework has no scale for this step"
        )
        odd = Expectation(self.skill, self.role, self.levels[0], None, step=Step("z", "Z", 1))
        assert self._problem(expectations=[odd]) == (
            "$.expectations[0].step: step 'z' is not on scale 'p' (w, e)"
        )
        again = [Definition(self.skill, self.scale.steps[0])] * 2
        assert self._problem(definitions=again) == (
            "$.definitions[1]: duplicate definition for (skill, step) ('s', 'w') "
            "(first at $.definitions[0])"
        )
        assert self._problem(
            ladders=[self.other], role_levels=[RoleLevel(self.role, self.other.levels[0])]
        ) == ("$.role_levels[0].level: level 'y1' is not on the ladder of role 'r' (a, b)")
        assert self._problem(
            definitions=[Definition(Skill("z", "Z", self.domain), self.scale.steps[0])]
        ) == ("$.definitions[0].skill: skill 'z' is not one of the taxonomy's skills")

    def test_lookups_on_ladders(self) -> None:
        """Levels are found on a role's ladder, or `default`; ladders and scales by id or name."""
        tax = Taxonomy(
            name="T",
            domains=[self.domain],
            skills=[self.skill],
            roles=[self.role, Role("r2", "R2", ladder=self.other)],
            levels=self.levels,
            expectations=[],
            scales=[self.scale],
            ladders=[self.other],
        )
        assert tax.level("y1", None, role="r") is None
        assert tax.level("nope", None, role="r") is None
        assert tax.level(1, role="r2").id == "y1"
        assert tax.next_level("a").id == "b"
        assert tax.previous_level("y1") is None
        assert [lv.id for lv in tax.levels_of_ladder("Y")] == ["y1"]
        assert tax.ladder("Y") is self.other or tax.ladder("Y") == self.other
        assert tax.scale("P") == self.scale
        assert tax.role_levels.get(("r", "a")) is None
        with pytest.raises(TypeError, match=r"^unknown fields: bogus$"):
            Taxonomy._from_checked(
                name="x",
                version="",
                language="en",
                domains=(),
                skills=(),
                roles=(),
                levels=(),
                expectations=(),
                by_cell={},
                bogus=1,
            )


def _coded() -> Taxonomy:
    """Roles named by URIs and codes, two of them sharing a last segment."""
    base = "http://example.org/occupation/"
    roles = [
        Role(base + "o-analyst", "data analyst", external_id="2511.3"),
        Role(base + "a/o-clerk", "data entry clerk", external_id="4132.1"),
        Role(base + "b/o-clerk", "filing clerk"),
        Role("PROG", "Programmer", external_id="https://example.org/skills/PRG"),
    ]
    return Taxonomy(name="Coded", domains=[], skills=[], roles=roles, levels=[], expectations=[])


def test_entities_are_found_by_code_and_last_uri_segment() -> None:
    """A role answers to its id, name, code (external id) and its URIs' last segments."""
    coded = _coded()
    analyst = coded.roles[0]
    assert coded.role("o-analyst") is analyst
    assert coded.role("O-Analyst") is analyst
    assert coded.role("2511.3") is analyst
    assert coded.role("prg") is coded.roles[3]
    assert coded.roles.get("o-analyst") is analyst


def test_a_shared_segment_finds_nothing_and_suggests_every_owner() -> None:
    """A segment two roles share is ambiguous: the error names both full ids."""
    with pytest.raises(RoleNotFoundError) as caught:
        _coded().role("o-clerk")
    assert str(caught.value) == (
        "no role 'o-clerk' (did you mean 'http://example.org/occupation/a/o-clerk' or "
        "'http://example.org/occupation/b/o-clerk'?)"
    )
    assert _coded().role("o-clerk", None) is None


def test_a_name_wins_over_a_code() -> None:
    """A name that is also another entity's code finds the named entity."""
    roles = [Role("a", "Analyst", external_id="X1"), Role("b", "X1")]
    coded = Taxonomy(name="N", domains=[], skills=[], roles=roles, levels=[], expectations=[])
    assert coded.role("x1").id == "b"


def test_a_reader_built_framework_is_checked_as_the_constructor_checks() -> None:
    """`_with_expectations` gives the constructor's taxonomy, and refuses a cell twice."""
    made = load()
    fields = {
        "name": made.name,
        "version": made.version,
        "domains": made.domains,
        "skills": made.skills,
        "roles": made.roles,
        "levels": made.levels,
    }
    expectations = tuple(made.expectations)
    by_cell = {(e.skill.id, e.role.id, e.level.id): e for e in expectations}
    built = Taxonomy._with_expectations(expectations, by_cell, **fields)
    assert built == made
    # Every query over the expectations sees them, none an index of the constructor's.
    role = made.roles[0]
    assert built.expectations.filter(role=role.id) == made.expectations.filter(role=role.id)
    assert built.skills.filter(role=role.id) == made.skills.filter(role=role.id)
    assert built.expectation(*next(reversed(by_cell))) is expectations[-1]
    assert dumps(built) == dumps(made)
    with pytest.raises(InvalidTaxonomyError) as caught:
        Taxonomy._with_expectations((*expectations, expectations[0]), by_cell, **fields)
    (problem,) = caught.value.problems
    assert problem.path == "$.expectations[10]"
    assert problem.message.startswith("duplicate expectation for (skill, role, level)")
