"""The assessment file format: where one person stands, as a small JSON file.

Format ``skilltaxonomy-assessment/2`` (``/1`` is read too: it has no ``step``)::

    {
      "format": "skilltaxonomy-assessment/2",
      "person": "Ana",
      "role": "data-scientist",            // optional: their current role
      "level": "middle",                   // optional: their current level
      "ratings": [
        {"skill": "neural-network-architectures", "level": "middle",
         "note": "", "assessed": "2026-03-01"},  // note and assessed are optional
        {"skill": "prompt-design", "step": "W"}  // a step of the skill's scale, by id or code
      ]
    }

A rating gives a level, a step, or both.

Ids refer to a framework; reading a file needs that framework, and every unknown id is
reported at its place with suggestions, as for framework files.
"""

from __future__ import annotations

import datetime
import json

import attrs

from skilltaxonomy.exceptions import InvalidAssessmentError, InvalidTaxonomyError, Problem
from skilltaxonomy.formats._guard import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_DEPTH,
    Source,
    guarded,
    read_source,
    write_target,
)
from skilltaxonomy.formats._json import parse_json, structure
from skilltaxonomy.formats.fields import Id, Name
from skilltaxonomy.model import Level, Skill, Step, Taxonomy
from skilltaxonomy.model.problems import duplicate_problems, unknown_reference
from skilltaxonomy.people.assessment import Assessment, Rating

#: The value of ``format`` in the assessment files this version writes.
ASSESSMENT_FORMAT = "skilltaxonomy-assessment/2"
#: The assessment formats this version reads.
ASSESSMENT_FORMATS = ("skilltaxonomy-assessment/1", ASSESSMENT_FORMAT)


@attrs.frozen
class _RatingRecord:
    skill: Id
    level: Id | None = None
    note: str = ""
    assessed: datetime.date | None = None
    step: Id | None = None


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
    """Read an assessment (format ``skilltaxonomy-assessment/2``, or ``/1``) against `taxonomy`.

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
    return guarded(
        lambda: _read(data, taxonomy, source, max_bytes, max_depth),
        InvalidAssessmentError,
        source,
    )


def _read(
    data: str | bytes, taxonomy: Taxonomy, source: str | None, max_bytes: int, max_depth: int
) -> Assessment:
    try:
        document = parse_json(data, source, max_bytes, max_depth)
    except InvalidTaxonomyError as error:
        raise InvalidAssessmentError(error.problems, source) from None
    if type(document) is dict and document.get("format") == ASSESSMENT_FORMATS[0]:
        ratings = document.get("ratings")
        if type(ratings) is list and any(type(r) is dict and "step" in r for r in ratings):
            index = next(i for i, r in enumerate(ratings) if type(r) is dict and "step" in r)
            message = f"unknown key (a step needs format {ASSESSMENT_FORMAT!r})"
            raise InvalidAssessmentError([Problem(f"$.ratings[{index}].step", message)], source)
    record = structure(
        document, _AssessmentDocument, ASSESSMENT_FORMATS, source, InvalidAssessmentError
    )
    problems: list[Problem] = []
    skill_ids = {s.id: None for s in taxonomy.skills}  # ordered, for suggestions
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
        the_skill = skill(rating.skill, f"{path}.skill")
        the_level = None if rating.level is None else level(rating.level, f"{path}.level")
        the_step = None
        if rating.level is None and rating.step is None:
            problems.append(Problem(path, "expected a level, a step, or both"))
            continue
        if rating.step is not None and the_skill is not None:
            the_step = _step(taxonomy, the_skill, rating.step, f"{path}.step", problems)
            if the_step is None:
                continue
        if the_skill is not None and (the_level is not None or rating.level is None):
            ratings.append(
                Rating(the_skill, the_level, rating.note, rating.assessed, step=the_step)
            )
    role = None
    if record.role is not None:
        role_ids = {r.id: None for r in taxonomy.roles}
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


def _step(
    taxonomy: Taxonomy, skill: Skill, key: str, path: str, problems: list[Problem]
) -> Step | None:
    scale = taxonomy.scale_of(skill)
    found = None if scale is None else scale.find_step(key)
    if found is not None:
        return found
    known = [] if scale is None else [step.id for step in scale.steps]
    where = f"a step of the scale of skill {skill.id!r}"
    problems.append(Problem(path, unknown_reference("step", key, known, where)))
    return None


def load_assessment(
    source: Source,
    taxonomy: Taxonomy,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Assessment:
    """Read an assessment from a path or file object against `taxonomy` (see `loads_assessment`)."""
    data, name = read_source(source, max_bytes, InvalidAssessmentError)
    return loads_assessment(data, taxonomy, source=name, max_bytes=max_bytes, max_depth=max_depth)


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
                "level": None if r.level is None else r.level.id,
                "note": r.note,
                "assessed": None if r.assessed is None else r.assessed.isoformat(),
                **({} if r.step is None else {"step": r.step.id}),
            }
            for r in assessment.ratings
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def dump_assessment(assessment: Assessment, target: Source) -> None:
    """Write an assessment to a path (atomically) or a file object, as canonical UTF-8 text."""
    write_target(target, dumps_assessment(assessment))
