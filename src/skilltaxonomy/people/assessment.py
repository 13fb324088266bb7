"""Assessments: where one person stands, skill by skill, and their small JSON format.

Format ``skilltaxonomy-assessment/1``::

    {
      "format": "skilltaxonomy-assessment/1",
      "person": "Ana",
      "role": "data-scientist",            // optional: their current role
      "level": "middle",                   // optional: their current level
      "ratings": [
        {"skill": "neural-network-architectures", "level": "middle",
         "note": "", "assessed": "2026-03-01"}   // note and assessed are optional
      ]
    }

Ids refer to a framework; reading a file needs that framework, and every unknown id is
reported at its place with suggestions, as for framework files.
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Iterable, Mapping

import attrs

from skilltaxonomy._text import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, Id, Name
from skilltaxonomy.exceptions import InvalidAssessmentError, InvalidTaxonomyError, Problem
from skilltaxonomy.formats._json import parse_json, structure, unknown_reference
from skilltaxonomy.model.entities import Level, Role, Skill, _ShowsAsHTML
from skilltaxonomy.model.taxonomy import LevelKey, RoleKey, SkillKey, Taxonomy, duplicate_problems

#: The value of ``format`` in every assessment file this version reads and writes.
ASSESSMENT_FORMAT = "skilltaxonomy-assessment/1"

StrPath = str | os.PathLike[str]


@attrs.frozen
class Rating:
    """The level one person meets in one skill.

    Attributes:
        skill: The skill.
        level: The highest level whose expectations the person meets.
        note: Evidence or a comment (may be empty).
        assessed: When the rating was made, if known.
    """

    skill: Skill = attrs.field(repr=lambda skill: repr(skill.id))
    level: Level = attrs.field(repr=lambda level: repr(level.id))
    note: str = ""
    assessed: datetime.date | None = None


def _rating_tuple(items: Iterable[Rating]) -> tuple[Rating, ...]:
    return tuple(items)


@attrs.frozen
class Assessment(_ShowsAsHTML):
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

    person: str
    ratings: tuple[Rating, ...] = attrs.field(converter=_rating_tuple)
    role: Role | None = attrs.field(default=None, repr=lambda role: repr(role and role.id))
    level: Level | None = attrs.field(default=None, repr=lambda level: repr(level and level.id))

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


# The file format -------------------------------------------------------------------------


@attrs.frozen
class _RatingRecord:
    skill: Id
    level: Id
    note: str = ""
    assessed: datetime.date | None = None


@attrs.frozen
class _AssessmentDocument:
    format: str
    person: Name
    ratings: tuple[_RatingRecord, ...]
    role: Id | None = None
    level: Id | None = None


def loads_assessment(
    data: str | bytes,
    taxonomy: Taxonomy,
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Assessment:
    """Read an assessment (format ``skilltaxonomy-assessment/1``) against `taxonomy`.

    `max_bytes` and `max_depth` limit the input's size and nesting, as for `loads`.

    Raises:
        InvalidAssessmentError: The text is not a valid assessment for this taxonomy;
            every problem is listed with its place, unknown ids with suggestions.

    >>> from skilltaxonomy import load, loads_assessment
    >>> loads_assessment('{"format": "skilltaxonomy-assessment/1", "person": "Ana",'
    ...                  ' "ratings": [{"skill": "neural-network-architectures",'
    ...                  ' "level": "senoir"}]}', load(), source="ana.json")
    Traceback (most recent call last):
    ...
    skilltaxonomy.exceptions.InvalidAssessmentError: ana.json: 1 problem
      $.ratings[0].level: unknown level 'senoir' (did you mean 'senior'?)
    """
    try:
        document = parse_json(data, source, max_bytes, max_depth)
    except InvalidTaxonomyError as error:
        raise InvalidAssessmentError(error.problems, source) from None
    record = structure(
        document, _AssessmentDocument, ASSESSMENT_FORMAT, source, InvalidAssessmentError
    )
    problems: list[Problem] = []
    skill_ids = {s.id: None for s in taxonomy.skills()}  # ordered, for suggestions
    level_ids = {lv.id: None for lv in taxonomy.levels}

    def skill(key: str, path: str) -> Skill | None:
        found = taxonomy.skill(key, None) if key in skill_ids else None
        if found is None:
            problems.append(Problem(path, unknown_reference("skill", key, skill_ids, "a skill")))
        return found

    def level(key: str, path: str) -> Level | None:
        found = taxonomy.level(key, None) if key in level_ids else None
        if found is None:
            problems.append(Problem(path, unknown_reference("level", key, level_ids, "a level")))
        return found

    ratings = []
    for index, rating in enumerate(record.ratings):
        path = f"$.ratings[{index}]"
        the_skill, the_level = (
            skill(rating.skill, f"{path}.skill"),
            level(rating.level, f"{path}.level"),
        )
        if the_skill is not None and the_level is not None:
            ratings.append(Rating(the_skill, the_level, rating.note, rating.assessed))
    role = None
    if record.role is not None:
        role_ids = {r.id: None for r in taxonomy.roles()}
        role = taxonomy.role(record.role, None) if record.role in role_ids else None
        if role is None:
            problems.append(
                Problem("$.role", unknown_reference("role", record.role, role_ids, "a role"))
            )
    current = None if record.level is None else level(record.level, "$.level")
    problems += duplicate_problems(
        (r.skill for r in record.ratings),
        lambda i: f"$.ratings[{i}].skill",
        lambda key: f"rating for skill {key!r}",
    )
    if problems:
        raise InvalidAssessmentError(problems, source)
    return Assessment(person=record.person, ratings=ratings, role=role, level=current)


def load_assessment(
    path: StrPath,
    taxonomy: Taxonomy,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Assessment:
    """Read the assessment file at `path` against `taxonomy` (see `loads_assessment`)."""
    with open(path, "rb") as file:
        data = file.read(max_bytes + 1)
    return loads_assessment(
        data, taxonomy, source=os.fspath(path), max_bytes=max_bytes, max_depth=max_depth
    )


def dumps_assessment(assessment: Assessment) -> str:
    """The canonical text of an assessment: every key, two-space indents, a final newline."""
    document = {
        "format": ASSESSMENT_FORMAT,
        "person": assessment.person,
        "role": None if assessment.role is None else assessment.role.id,
        "level": None if assessment.level is None else assessment.level.id,
        "ratings": [
            {
                "skill": r.skill.id,
                "level": r.level.id,
                "note": r.note,
                "assessed": None if r.assessed is None else r.assessed.isoformat(),
            }
            for r in assessment.ratings
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def dump_assessment(assessment: Assessment, path: StrPath) -> None:
    """Write an assessment to `path` as canonical UTF-8 text."""
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        file.write(dumps_assessment(assessment))
