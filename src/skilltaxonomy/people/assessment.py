"""Assessments: where one person stands, skill by skill.

An assessment refers to a framework's own entities; `check_assessment` tells whether
it belongs to a framework. Files of assessments are read and written by
`skilltaxonomy.formats.assessment`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import ClassVar

import attrs

from skilltaxonomy.exceptions import InvalidAssessmentError, Problem
from skilltaxonomy.model import Level, Listing, Role, Skill, _rules
from skilltaxonomy.model.listing import listing
from skilltaxonomy.model.problems import duplicate_problems
from skilltaxonomy.model.taxonomy import LevelKey, RoleKey, SkillKey, Taxonomy


@attrs.frozen
class Rating:
    """The level one person meets in one skill.

    Attributes:
        skill: The skill.
        level: The highest level whose expectations the person meets.
        note: Evidence or a comment (may be empty).
        assessed: When the rating was made, if known.
    """

    #: What `Listing.get` finds a Rating by.
    listed_by: ClassVar[str] = "skill"

    skill: Skill = attrs.field(
        repr=lambda skill: repr(skill.id), validator=_rules.instance_of(Skill)
    )
    level: Level = attrs.field(
        repr=lambda level: repr(level.id), validator=_rules.instance_of(Level)
    )
    note: str = attrs.field(default="", validator=_rules.TEXT)
    assessed: datetime.date | None = attrs.field(default=None, validator=_rules.OPTIONAL_DATE)


@attrs.frozen
class Assessment:
    """Where one person stands: a rating per skill, and their current role and level.

    A skill without a rating counts as below the framework's entry level ("not
    assessed"), never as a guess.

    Attributes:
        person: Who is assessed.
        ratings: One rating per skill, in the order given.
        role: Their current role, if recorded.
        level: Their current level, if recorded.

    >>> from skilltaxonomy import Assessment, load
    >>> ana = Assessment.build(load(), "Ana", {"neural-network-architectures": "middle"},
    ...                        role="data-scientist", level="middle")
    >>> ana.met("neural-network-architectures").name
    'Middle'
    """

    person: str = attrs.field(validator=_rules.NAME)
    ratings: Listing[Rating] = attrs.field(
        converter=listing,
        validator=attrs.validators.deep_iterable(_rules.instance_of(Rating)),
    )
    role: Role | None = attrs.field(
        default=None,
        repr=lambda role: repr(role and role.id),
        validator=_rules.optional_instance_of(Role),
    )
    level: Level | None = attrs.field(
        default=None,
        repr=lambda level: repr(level and level.id),
        validator=_rules.optional_instance_of(Level),
    )

    @classmethod
    def build(
        cls,
        taxonomy: Taxonomy,
        person: str,
        ratings: Mapping[SkillKey, LevelKey],
        *,
        role: RoleKey | None = None,
        level: LevelKey | None = None,
    ) -> Assessment:
        """Build an assessment from ids, names or objects, looked up in `taxonomy`.

        Raises:
            NotFoundError: A skill, level or role is not in the taxonomy (with suggestions).
        """
        return cls(
            person=person,
            ratings=[Rating(taxonomy.skill(s), taxonomy.level(lv)) for s, lv in ratings.items()],
            role=None if role is None else taxonomy.role(role),
            level=None if level is None else taxonomy.level(level),
        )

    def rating(self, skill: Skill | str) -> Rating | None:
        """The rating for a skill (an id or the skill), or ``None`` if not assessed."""
        skill_id = skill if isinstance(skill, str) else skill.id
        return next((r for r in self.ratings if r.skill.id == skill_id), None)

    def met(self, skill: Skill | str) -> Level | None:
        """The level met in a skill, or ``None`` if it was not assessed."""
        found = self.rating(skill)
        return None if found is None else found.level


def check_assessment(taxonomy: Taxonomy, assessment: Assessment) -> None:
    """Raise `InvalidAssessmentError` unless every reference is the taxonomy's own."""
    problems: list[Problem] = []

    def check(kind: str, found: object, item: Skill | Role | Level, path: str) -> None:
        if found != item:
            problems.append(Problem(path, f"{kind} {item.id!r} is not one of the taxonomy's"))

    for index, rating in enumerate(assessment.ratings):
        check(
            "skill",
            taxonomy.skill(rating.skill.id, None),
            rating.skill,
            f"$.ratings[{index}].skill",
        )
        check(
            "level",
            taxonomy.level(rating.level.id, None),
            rating.level,
            f"$.ratings[{index}].level",
        )
    if assessment.role is not None:
        check("role", taxonomy.role(assessment.role.id, None), assessment.role, "$.role")
    if assessment.level is not None:
        check("level", taxonomy.level(assessment.level.id, None), assessment.level, "$.level")
    problems += duplicate_problems(
        (r.skill.id for r in assessment.ratings),
        lambda i: f"$.ratings[{i}].skill",
        lambda key: f"rating for skill {key!r}",
    )
    if problems:
        raise InvalidAssessmentError(problems)
