"""Tests for the value classes."""

from __future__ import annotations

import datetime
import json
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltaxonomy import (
    Comparison,
    Domain,
    Expectation,
    Level,
    Profile,
    Role,
    Skill,
    loads,
)
from skilltaxonomy.model.entities import NO_DETAILS, _unchecked_maker, _unchecked_many

from ..strategies import documents

DOMAIN = Domain("d", "Domain")
SKILL = Skill("s", "Skill", DOMAIN, "Cat", "", datetime.date(2026, 2, 22))
ROLE = Role("r", "Role")
JUNIOR, SENIOR = Level("junior", "Junior", 1), Level("senior", "Senior", 2)


class TestValues:
    def test_frozen(self) -> None:
        """Setting any attribute raises."""
        for value in (DOMAIN, SKILL, ROLE, JUNIOR, Expectation(SKILL, ROLE, JUNIOR, False, "x")):
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                value.id = "other"  # type: ignore[misc,union-attr]

    def test_equal_and_hashable_by_value(self) -> None:
        """Two objects with the same values are equal and hash alike."""
        again = Skill("s", "Skill", Domain("d", "Domain"), "Cat", "", datetime.date(2026, 2, 22))
        assert again == SKILL
        assert len({SKILL, again}) == 1

    def test_defaults(self) -> None:
        """Optional attributes default to empty text and no date."""
        skill = Skill("x", "X", DOMAIN)
        assert (skill.category, skill.summary, skill.updated) == ("", "", None)
        assert (Role("x", "X").family, Role("x", "X").summary) == ("", "")

    def test_slots(self) -> None:
        """Value classes have no instance dict, so no stray attributes."""
        assert not hasattr(SKILL, "__dict__")


class TestLevel:
    def test_orders_by_rank(self) -> None:
        """Levels compare by rank alone."""
        assert JUNIOR < SENIOR
        assert max(SENIOR, JUNIOR) is SENIOR
        assert sorted([SENIOR, JUNIOR]) == [JUNIOR, SENIOR]


class TestRepr:
    def test_expectation_repr_names_nested_entities_by_id(self) -> None:
        """An expectation's repr stays short: nested entities show as ids."""
        expectation = Expectation(SKILL, ROLE, JUNIOR, True, "Does it.")
        assert repr(expectation) == (
            "Expectation(skill='s', role='r', level='junior', mandatory=True, description='Does it.')"
        )

    def test_profile_repr(self) -> None:
        """A profile's repr lists ids and counts."""
        profile = Profile(
            skill=SKILL,
            roles=(ROLE,),
            levels=(JUNIOR,),
            expectations=(),
            mandatory_count=0,
            optional_count=0,
        )
        assert repr(profile) == (
            "Profile(skill='s', roles=('r',), levels=('junior',), mandatory_count=0, optional_count=0)"
        )


class TestComparison:
    def test_str_at_top(self) -> None:
        """At the top of the ladder the comparison says there is no next level."""
        comparison = Comparison(
            skill=SKILL,
            role=ROLE,
            current=SENIOR,
            target=None,
            current_expectation=None,
            target_expectation=None,
            crossed=(),
            steps=(),
            mandatory=(),
        )
        assert comparison.at_top
        assert str(comparison) == "Skill for Role: Senior is the top level; there is no next level."
        assert repr(comparison) == (
            "Comparison(skill='s', role='r', current='senior', target=None, "
            "current_expectation=None, target_expectation=None)"
        )


# Every text field of every value class a reader can build, with a factory that puts a
# value into that field and valid values everywhere else.
def _taxonomy(**fields: object) -> object:
    from skilltaxonomy import Taxonomy

    values: dict[str, object] = {
        "name": "T",
        "domains": [],
        "skills": [],
        "roles": [],
        "levels": [],
        "expectations": [],
    }
    return Taxonomy(**(values | fields))  # type: ignore[arg-type]


def _rating(**fields: object) -> object:
    from skilltaxonomy import Rating

    return Rating(**({"skill": SKILL, "level": JUNIOR} | fields))  # type: ignore[arg-type]


def _assessment(**fields: object) -> object:
    from skilltaxonomy import Assessment

    return Assessment(**({"person": "Ana", "ratings": []} | fields))  # type: ignore[arg-type]


NAME_FIELDS = [
    ("Domain.id", lambda v: Domain(v, "Domain")),
    ("Domain.name", lambda v: Domain("d", v)),
    ("Skill.id", lambda v: Skill(v, "Skill", DOMAIN)),
    ("Skill.name", lambda v: Skill("s", v, DOMAIN)),
    ("Role.id", lambda v: Role(v, "Role")),
    ("Role.name", lambda v: Role("r", v)),
    ("Level.id", lambda v: Level(v, "Junior", 1)),
    ("Level.name", lambda v: Level("junior", v, 1)),
    ("Taxonomy.name", lambda v: _taxonomy(name=v)),
    ("Assessment.person", lambda v: _assessment(person=v)),
]
TEXT_FIELDS = [
    ("Skill.category", lambda v: Skill("s", "Skill", DOMAIN, category=v)),
    ("Skill.summary", lambda v: Skill("s", "Skill", DOMAIN, summary=v)),
    ("Role.family", lambda v: Role("r", "Role", family=v)),
    ("Role.summary", lambda v: Role("r", "Role", summary=v)),
    ("Expectation.description", lambda v: Expectation(SKILL, ROLE, JUNIOR, False, v)),
    ("Taxonomy.version", lambda v: _taxonomy(version=v)),
    ("Taxonomy.language", lambda v: _taxonomy(language=v)),
    ("Rating.note", lambda v: _rating(note=v)),
]
# What no text may hold, and what ids and names may not hold beyond it.
FORBIDDEN_IN_TEXT = {
    "\x00": "control characters",
    "\x1b": "control characters",
    "\x7f": "control characters",
    "\x85": "control characters",
    "\u202e": "bidirectional formatting characters",
    "\u2066": "bidirectional formatting characters",
    "\ud800": "lone surrogates",
}
FORBIDDEN_IN_NAMES = FORBIDDEN_IN_TEXT | {
    "\t": "control characters",
    "\n": "control characters",
    "\r": "control characters",
    "\u200e": "bidirectional formatting characters",
    "\u061c": "bidirectional formatting characters",
    "\u2028": "line separators",
    "\u2029": "line separators",
}


# Each field, with each character it may not hold.
REFUSALS = [
    (field, make, what, character, kind)
    for fields, forbidden, what in (
        (NAME_FIELDS, FORBIDDEN_IN_NAMES, "an id or name"),
        (TEXT_FIELDS, FORBIDDEN_IN_TEXT, "text"),
    )
    for field, make in fields
    for character, kind in forbidden.items()
]


class TestRules:
    """The model refuses what format v1 refuses, whoever builds the value."""

    @pytest.mark.parametrize(
        ("field", "make", "what", "character", "kind"),
        REFUSALS,
        ids=[f"{field}-{character!a}" for field, _, _, character, _ in REFUSALS],
    )
    def test_refuses(self, field: str, make: object, what: str, character: str, kind: str) -> None:
        """Every id and name, and every text field, refuses each character it may not hold."""
        from skilltaxonomy import InvalidValueError

        value = f"a{character}b"
        with pytest.raises(InvalidValueError) as caught:
            make(value)  # type: ignore[operator]
        assert str(caught.value) == (
            f"{field}: expected {what} without {kind}, got {value!r} "
            f"(U+{ord(character):04X} at character 2)"
        )

    @pytest.mark.parametrize(("field", "make"), TEXT_FIELDS, ids=[f for f, _ in TEXT_FIELDS])
    def test_text_keeps_line_breaks_and_marks(self, field: str, make: object) -> None:
        """Text may hold tabs, line breaks and the marks right-to-left text needs."""
        make("one\ttwo\nthree\r\n\u200e\u200f\u061c")  # type: ignore[operator]

    @pytest.mark.parametrize(
        ("make", "message"),
        [
            (
                lambda: Domain(" d", "D"),
                "Domain.id: expected a non-empty id without surrounding whitespace, got ' d'",
            ),
            (lambda: Role("r", "  "), "Role.name: expected a non-empty string, got '  '"),
            (lambda: Level("l", "L", 0), "Level.rank: expected a rank: 1, 2, 3…, got 0"),
            (lambda: Level("l", "L", True), "Level.rank: expected a rank: 1, 2, 3…, got true"),
            (lambda: Skill("s", "S", "d"), "Skill.domain: expected a Domain, got 'd'"),
            (
                lambda: Skill("s", "S", DOMAIN, updated="2026-02-22"),
                "Skill.updated: expected a date or None, got '2026-02-22'",
            ),
            (
                lambda: Expectation(SKILL, ROLE, JUNIOR, 1, "x"),
                "Expectation.mandatory: expected true, false or null, got 1",
            ),
            (
                lambda: Expectation("s", ROLE, JUNIOR, True, "x"),
                "Expectation.skill: expected a Skill, got 's'",
            ),
            (lambda: _rating(skill="python"), "Rating.skill: expected a Skill, got 'python'"),
            (lambda: _rating(level="senior"), "Rating.level: expected a Level, got 'senior'"),
            (
                lambda: _assessment(ratings=["python"]),
                "Assessment.ratings: expected a Rating, got 'python'",
            ),
            (
                lambda: _taxonomy(skills=["python"]),
                "Taxonomy._skills: expected a Skill, got 'python'",
            ),
        ],
    )
    def test_other_values(self, make: object, message: str) -> None:
        """Ids, ranks, flags, dates and references are checked too, with the model's error."""
        from skilltaxonomy import InvalidValueError

        with pytest.raises(InvalidValueError) as caught:
            make()  # type: ignore[operator]
        assert str(caught.value) == message

    def test_refusal_is_a_value_error(self) -> None:
        """Callers who catch ValueError catch the model's refusals."""
        with pytest.raises(ValueError, match=r"^Domain\.name: "):
            Domain("d", "\x1b")


def _fields(entity: object) -> dict[str, object]:
    return {field.name: getattr(entity, field.name) for field in attrs.fields(type(entity))}


@settings(max_examples=80, deadline=None)
@given(documents())
def test_unchecked_makers_make_what_the_constructors_make(document: dict[str, Any]) -> None:
    """`_unchecked_maker(cls)` of an entity's values makes the entity its constructor makes."""
    taxonomy = loads(json.dumps(document))
    entities = (*taxonomy.domains, *taxonomy.skills, *taxonomy.roles, *taxonomy.levels)
    for entity in entities:
        values = _fields(entity)
        made = _unchecked_maker(type(entity))(**values)
        again = type(entity)(**values)
        assert (made, repr(made), type(made)) == (again, repr(again), type(again))
        assert hash(made) == hash(again)
        positional = [values[f.name] for f in attrs.fields(type(entity)) if not f.kw_only]
        assert _unchecked_maker(type(entity))(*positional) == type(entity)(*positional)


def test_unchecked_makers_make_only_entities() -> None:
    """`_unchecked_maker` is for the model's entity classes, whose fields it knows."""
    with pytest.raises(TypeError, match="expected an entity class"):
        _unchecked_maker(Expectation)  # its constructor takes more than its fields
    with pytest.raises(TypeError):
        _unchecked_maker(Skill)("s", "Skill", DOMAIN, unknown=1)  # type: ignore[call-arg]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from([SKILL, Skill("t", "T", DOMAIN)]), st.booleans())),
    st.sampled_from([ROLE, Role("q", "Q")]),
)
def test_plain_expectations_are_the_constructors(
    pairs: list[tuple[Skill, bool]], role: Role
) -> None:
    """`Expectation._plain` makes what the constructor makes of each skill and flag."""
    skills = [skill for skill, _ in pairs]
    flags = [flag for _, flag in pairs]
    made = Expectation._plain(skills, [role] * len(skills), SENIOR, flags)
    expected = [Expectation(s, role, SENIOR, f) for s, f in zip(skills, flags, strict=True)]
    assert made == expected
    assert [repr(e) for e in made] == [repr(e) for e in expected]
    assert all(e.details is NO_DETAILS for e in made)


@settings(max_examples=60, deadline=None)
@given(documents())
def test_entities_made_a_field_at_a_time_are_the_constructors(document: dict[str, Any]) -> None:
    """`_unchecked_many` makes, from columns of checked values, what the constructors make."""
    taxonomy = loads(json.dumps(document))
    for entities in (taxonomy.domains, taxonomy.skills, taxonomy.roles):
        if not entities:
            continue
        cls = type(entities[0])
        names = [field.name for field in attrs.fields(cls) if not field.kw_only]
        columns = {name: [getattr(e, name) for e in entities] for name in names}
        constants = {"external_id": "x:1"}
        made = _unchecked_many(cls, columns, **constants)
        expected = [
            cls(**{name: getattr(e, name) for name in names}, **constants) for e in entities
        ]
        assert made == expected
        assert [repr(e) for e in made] == [repr(e) for e in expected]


def test_entities_made_a_field_at_a_time_need_every_field() -> None:
    """Columns of one length, known fields, and every field without a default, or no entity."""
    with pytest.raises(ValueError, match="all as long"):
        _unchecked_many(Role, {"id": ["a", "b"], "name": ["A"]})
    with pytest.raises(TypeError, match=r"Role\.name not given"):
        _unchecked_many(Role, {"id": ["a"]})
    with pytest.raises(TypeError, match="unknown fields: colour"):
        _unchecked_many(Role, {"id": ["a"], "name": ["A"]}, colour="red")
    with pytest.raises(TypeError, match="expected an entity class"):
        _unchecked_many(Expectation, {"skill": [SKILL]})
