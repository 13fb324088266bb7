"""Assessments: where one person stands, skill by skill.

An assessment refers to a framework's own entities; `check_assessment` tells whether
it belongs to a framework. Files of assessments are read and written by
`skilltaxonomy.formats.assessment`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, ClassVar

import attrs

from skilltaxonomy.exceptions import (
    InvalidAssessmentError,
    InvalidQueryError,
    InvalidValueError,
    Problem,
)
from skilltaxonomy.model import Expectation, Level, Listing, Role, Skill, Step, _rules
from skilltaxonomy.model.listing import listing
from skilltaxonomy.model.problems import duplicate_problems
from skilltaxonomy.model.taxonomy import LevelKey, RoleKey, SkillKey, Taxonomy


def _level_or_step(instance: Rating, attribute: attrs.Attribute[Any], value: object) -> None:
    if instance.level is None and instance.step is None:
        raise InvalidValueError("Rating: expected a level, a step of the skill's scale, or both")


@attrs.frozen
class Rating:
    """The level one person meets in one skill, or the step of its scale they hold.

    Attributes:
        skill: The skill.
        level: The highest level whose expectations the person meets, if rated so.
        note: Evidence or a comment (may be empty).
        assessed: When the rating was made, if known.
        step: The step of the skill's scale the person holds, if rated so: they meet
            every expectation that names this step or a lower one.
    """

    #: What `Listing.get` finds a Rating by.
    listed_by: ClassVar[str] = "skill"

    skill: Skill = attrs.field(
        repr=lambda skill: repr(skill.id), validator=_rules.instance_of(Skill)
    )
    level: Level | None = attrs.field(
        repr=lambda level: repr(level and level.id), validator=_rules.optional_instance_of(Level)
    )
    note: str = attrs.field(default="", validator=_rules.TEXT)
    assessed: datetime.date | None = attrs.field(default=None, validator=_rules.OPTIONAL_DATE)
    step: Step | None = attrs.field(
        default=None,
        kw_only=True,
        repr=lambda step: repr(step and step.id),
        validator=[_rules.optional_instance_of(Step), _level_or_step],
    )

    def meets(self, expectation: Expectation) -> bool:
        """Whether the rating meets `expectation`: by level, or by the step it names."""
        if self.level is not None and expectation.level <= self.level:
            return True
        return (
            self.step is not None
            and expectation.step is not None
            and expectation.step.rank <= self.step.rank
        )


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
        steps: Mapping[SkillKey, str | int] | None = None,
    ) -> Assessment:
        """Build an assessment from ids, names or objects, looked up in `taxonomy`.

        `steps` rates skills by a step of their scale (its id, code, name or rank)
        instead of, or beside, a level.

        Raises:
            NotFoundError: A skill, level or role is not in the taxonomy (with suggestions).
            InvalidQueryError: A step is not on the skill's scale.
        """
        by_skill: dict[str, list[Any]] = {}
        for key, rated in ratings.items():
            the_skill = taxonomy.skill(key)
            by_skill[the_skill.id] = [the_skill, taxonomy.level(rated), None]
        for key, rated in (steps or {}).items():
            the_skill = taxonomy.skill(key)
            entry = by_skill.setdefault(the_skill.id, [the_skill, None, None])
            entry[2] = _step(taxonomy, the_skill, rated)
        return cls(
            person=person,
            ratings=[Rating(s, lv, step=step) for s, lv, step in by_skill.values()],
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


def _step(taxonomy: Taxonomy, skill: Skill, key: str | int) -> Step:
    scale = taxonomy.scale_of(skill)
    found = None if scale is None else scale.step(key)
    if found is None:
        steps = "" if scale is None else ", ".join(step.id for step in scale.steps)
        raise InvalidQueryError(
            f"no step {key!r} on the scale of skill {skill.id!r}"
            + (f" ({steps})" if steps else " (the framework has no scale)")
        )
    return found


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
        if rating.level is not None:
            check(
                "level",
                taxonomy.level(rating.level.id, None),
                rating.level,
                f"$.ratings[{index}].level",
            )
        if rating.step is not None:
            known = taxonomy.skill(rating.skill.id, None) is not None
            scale = taxonomy.scale_of(rating.skill.id) if known else None
            if scale is None or rating.step not in scale.steps:
                problems.append(
                    Problem(
                        f"$.ratings[{index}].step",
                        f"step {rating.step.id!r} is not on the scale of skill {rating.skill.id!r}",
                    )
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
