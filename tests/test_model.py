"""Tests for the value classes."""

from __future__ import annotations

import datetime

import attrs
import pytest

from skilltaxonomy import Comparison, Domain, Expectation, Level, Profile, Role, Skill

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
