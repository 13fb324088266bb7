"""Personal questions: the gap to a target level, a promotion plan, a change of role, a team.

Every function here is pure: it reads a taxonomy and assessments and returns new frozen
values. A skill the person has not assessed counts as below the entry level. Levels are
read on the ladder the role climbs.

Who is *ready* follows a readiness policy (`READINESS`, docs/people.md):

- ``"all"``: every expectation up to the target is met.
- ``"not-optional"``: every expectation not marked optional is met: the mandatory ones,
  and those whose requirement the framework does not state.
- ``"auto"``, the default: ``"not-optional"`` where the role marks at least one of the
  expectations up to the target mandatory, else ``"all"``. So a framework that flags
  nothing mandatory never calls anyone ready with items still to cover.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, Literal, TypeAlias

import attrs

from skilltaxonomy.exceptions import InvalidQueryError
from skilltaxonomy.model import Expectation, Level, Listing, Role, Skill
from skilltaxonomy.model._display import ShowsAsHTML
from skilltaxonomy.model.listing import listing
from skilltaxonomy.model.taxonomy import LevelKey, RoleKey, Taxonomy
from skilltaxonomy.people.assessment import Assessment, Rating, check_assessment

#: A readiness policy (see the module's docstring).
Readiness: TypeAlias = Literal["auto", "all", "not-optional"]
#: The readiness policies, the default first.
READINESS: tuple[Readiness, ...] = ("auto", "all", "not-optional")


def _ids(items: Iterable[Skill | Level | Role]) -> str:
    return repr(tuple(item.id for item in items))


def _mandatory_first(items: Iterable[Expectation]) -> tuple[Expectation, ...]:
    return tuple(sorted(items, key=lambda e: (not e.mandatory, e.level.rank)))


@attrs.frozen
class SkillGap:
    """One skill of a `GapReport`.

    Attributes:
        skill: The skill.
        met: The level the person meets, or ``None`` when the skill was not assessed.
        required: The target level.
        required_items: The role's expectations for the skill up to the target level.
        met_items: Those of `required_items` at or below the level met.
        to_cover: The rest, mandatory first, then by level.
        blocking: Those of `to_cover` the readiness policy requires (see `GapReport`).
    """

    #: What `Listing.get` finds a SkillGap by.
    listed_by: ClassVar[str] = "skill"

    skill: Skill = attrs.field(repr=lambda skill: repr(skill.id))
    met: Level | None = attrs.field(repr=lambda level: repr(level and level.id))
    required: Level = attrs.field(repr=lambda level: repr(level.id))
    required_items: Listing[Expectation] = attrs.field(converter=listing, repr=False)
    met_items: Listing[Expectation] = attrs.field(converter=listing, repr=False)
    to_cover: Listing[Expectation] = attrs.field(converter=listing, repr=False)
    blocking: Listing[Expectation] = attrs.field(converter=listing, repr=False, default=())

    @property
    def assessed(self) -> bool:
        """Whether the person has a rating for the skill."""
        return self.met is not None

    @property
    def mandatory_required(self) -> int:
        """How many of the required items are mandatory."""
        return sum(1 for e in self.required_items if e.mandatory)

    @property
    def mandatory_met(self) -> int:
        """How many mandatory items the person meets."""
        return sum(1 for e in self.met_items if e.mandatory)

    @property
    def ready(self) -> bool:
        """Whether every item the readiness policy requires is met."""
        return not self.blocking


@attrs.frozen
class GapReport(ShowsAsHTML):
    """What one person still needs for a role at a target level. Returned by `gap`.

    Attributes:
        person: Who was assessed.
        role: The role.
        target: The target level.
        skills: One entry per skill the role has expectations for, in file order.
        ladder: The levels the role climbs, entry level first (for charts).
        readiness: The policy `ready` followed: ``"all"`` or ``"not-optional"`` (what
            ``"auto"`` chose, when it was asked for).
    """

    #: What `Listing.get` finds a GapReport by.
    listed_by: ClassVar[str] = "person"

    person: str
    role: Role = attrs.field(repr=lambda role: repr(role.id))
    target: Level = attrs.field(repr=lambda level: repr(level.id))
    skills: Listing[SkillGap] = attrs.field(
        converter=listing, repr=lambda gaps: _ids(g.skill for g in gaps)
    )
    ladder: Listing[Level] = attrs.field(converter=listing, default=(), repr=False)
    readiness: Readiness = "all"

    @property
    def ready(self) -> bool:
        """Whether every item the readiness policy requires is met, in every skill."""
        return all(skill.ready for skill in self.skills)

    @property
    def blocking(self) -> tuple[Expectation, ...]:
        """What stands between the person and ready, mandatory first, then by level."""
        return _mandatory_first(e for s in self.skills for e in s.blocking)

    @property
    def items_required(self) -> int:
        """Expectations up to the target, over all skills."""
        return sum(len(s.required_items) for s in self.skills)

    @property
    def items_met(self) -> int:
        """Of those, how many the person meets."""
        return sum(len(s.met_items) for s in self.skills)

    @property
    def mandatory_required(self) -> int:
        """Mandatory expectations up to the target, over all skills."""
        return sum(s.mandatory_required for s in self.skills)

    @property
    def mandatory_met(self) -> int:
        """Of those, how many the person meets."""
        return sum(s.mandatory_met for s in self.skills)

    @property
    def to_cover(self) -> tuple[Expectation, ...]:
        """Everything still to cover, mandatory first, then by level and skill."""
        return _mandatory_first(e for s in self.skills for e in s.to_cover)


def gap(
    taxonomy: Taxonomy,
    assessment: Assessment,
    role: RoleKey | None = None,
    target: LevelKey | None = None,
    *,
    readiness: Readiness = "auto",
) -> GapReport:
    """Compare a person with what `role` expects at `target`, skill by skill.

    Args:
        taxonomy: The framework.
        assessment: Where the person stands.
        role: The role; default the assessment's current role.
        target: The target level, on the role's ladder; default the level after the
            assessment's current one.
        readiness: What `GapReport.ready` requires: ``"auto"`` (the default),
            ``"all"`` or ``"not-optional"`` (see the module's docstring).

    Raises:
        InvalidQueryError: No role or target given and the assessment does not say,
            the current level is the top one, the target is not on the role's ladder,
            or the policy is unknown.
        InvalidAssessmentError: The assessment refers to another taxonomy's entities.
        NotFoundError: An unknown role or level (with suggestions).

    The bundled framework marks every item optional, so ``"auto"`` asks for all of them:
    Ana, at Middle, is not ready for Senior while its item is still to cover.

    >>> from skilltaxonomy import Assessment, gap, load
    >>> tax = load()
    >>> ana = Assessment.build(tax, "Ana", {"neural-network-architectures": "middle"})
    >>> report = gap(tax, ana, "data-scientist", "senior")
    >>> report.ready, report.readiness, report.items_met, report.items_required
    (False, 'all', 2, 3)
    >>> [e.level.id for e in report.blocking]
    ['senior']
    >>> gap(tax, ana, "data-scientist", "senior", readiness="not-optional").ready
    True
    """
    if readiness not in READINESS:
        raise InvalidQueryError(
            f"unknown readiness policy {readiness!r} (expected one of: {', '.join(READINESS)})"
        )
    check_assessment(taxonomy, assessment)
    the_role = _role(taxonomy, assessment, role)
    goal = _target(taxonomy, assessment, target, the_role)
    rating_of = {rating.skill.id: rating for rating in assessment.ratings}
    progressions = [
        (skill, tuple(e for e in taxonomy.progression(skill, the_role) if e.level <= goal))
        for skill in taxonomy.skills.filter(role=the_role)
    ]
    applied: Readiness = readiness
    if readiness == "auto":
        flagged = any(e.mandatory for _, required in progressions for e in required)
        applied = "not-optional" if flagged else "all"
    skills = []
    for skill, required in progressions:
        rating = rating_of.get(skill.id)
        met_items = tuple(e for e in required if rating is not None and rating.meets(e))
        met = None if rating is None else _level_met(rating, required, met_items)
        to_cover = _mandatory_first(e for e in required if e not in met_items)
        blocking = (
            to_cover if applied == "all" else [e for e in to_cover if e.mandatory is not False]
        )
        skills.append(SkillGap(skill, met, goal, required, met_items, to_cover, blocking))
    ladder = taxonomy.levels_of_role(the_role)
    return GapReport(assessment.person, the_role, goal, tuple(skills), ladder, applied)


def gap_rows(report: GapReport) -> list[dict[str, object]]:
    """A report as plain rows, one per skill: ids, ranks (0: not assessed) and counts.

    The rows of `to_records` and, in part (`SKILL_GAP_COLUMNS`), of the engines'
    `skill_gaps`.
    """
    return [
        {
            "person": report.person,
            "role_id": report.role.id,
            "target_id": report.target.id,
            "skill_id": row.skill.id,
            "skill": row.skill.name,
            "met_id": None if row.met is None else row.met.id,
            "met_rank": 0 if row.met is None else row.met.rank,
            "required_rank": row.required.rank,
            "items_met": len(row.met_items),
            "items_required": len(row.required_items),
            "mandatory_met": row.mandatory_met,
            "mandatory_required": row.mandatory_required,
            "blocking": len(row.blocking),
            "ready": row.ready,
        }
        for row in report.skills
    ]


def _level_met(
    rating: Rating, required: tuple[Expectation, ...], met_items: tuple[Expectation, ...]
) -> Level | None:
    """The level a rating meets: its own, or for a step, the highest one it covers.

    That is the highest level up to which every required item is met (``None`` below
    the first).
    """
    if rating.level is not None:
        return rating.level
    reached = None
    for e in required:  # in ladder order
        if e not in met_items:
            break
        reached = e.level
    return reached


def _role(taxonomy: Taxonomy, assessment: Assessment, role: RoleKey | None) -> Role:
    if role is not None:
        return taxonomy.role(role)
    if assessment.role is None:
        raise InvalidQueryError(f"no role given, and {assessment.person}'s assessment names none")
    return assessment.role


def _target(
    taxonomy: Taxonomy, assessment: Assessment, target: LevelKey | None, role: Role
) -> Level:
    if target is not None:
        return taxonomy.level(target, role=role)
    if assessment.level is None:
        raise InvalidQueryError(
            f"no target level given, and {assessment.person}'s assessment names no current level"
        )
    following = taxonomy.next_level(assessment.level, role)
    if following is None:
        raise InvalidQueryError(f"{assessment.level.name!r} is the top level; give a target")
    return following


@attrs.frozen
class PlanStep:
    """One step up the ladder: what is new at `level`, across the role's skills.

    Attributes:
        level: The level reached by this step.
        expectations: What the role expects at that level, mandatory first.
    """

    #: What `Listing.get` finds a PlanStep by.
    listed_by: ClassVar[str] = "level"

    level: Level = attrs.field(repr=lambda level: repr(level.id))
    expectations: Listing[Expectation] = attrs.field(converter=listing, repr=False)


@attrs.frozen
class Plan(ShowsAsHTML):
    """A promotion plan: the steps from one level to another for a role. See `path`.

    Attributes:
        role: The role.
        start: The level the plan starts from.
        end: The level it reaches.
        steps: One step per level above `start` up to `end`.
    """

    role: Role = attrs.field(repr=lambda role: repr(role.id))
    start: Level = attrs.field(repr=lambda level: repr(level.id))
    end: Level = attrs.field(repr=lambda level: repr(level.id))
    steps: Listing[PlanStep] = attrs.field(
        converter=listing, repr=lambda steps: _ids(s.level for s in steps)
    )


def path(taxonomy: Taxonomy, role: RoleKey, start: LevelKey, end: LevelKey) -> Plan:
    """What is new at each step of the ladder from `start` to `end`, for `role`.

    >>> from skilltaxonomy import load, path
    >>> plan = path(load(), "llm-engineer", "junior", "senior")
    >>> [(step.level.id, len(step.expectations)) for step in plan.steps]
    [('middle', 1), ('senior', 1)]
    """
    the_role = taxonomy.role(role)
    first, last = taxonomy.level(start, role=the_role), taxonomy.level(end, role=the_role)
    if last < first:
        raise InvalidQueryError(f"level {last.name!r} is below the starting level {first.name!r}")
    ladder = tuple(taxonomy.levels_of_role(the_role))
    steps = tuple(
        PlanStep(level, _mandatory_first(taxonomy.expectations.filter(role=the_role, level=level)))
        for level in ladder[ladder.index(first) + 1 : ladder.index(last) + 1]
    )
    return Plan(the_role, first, last, steps)


@attrs.frozen
class Transition(ShowsAsHTML):
    """Moving from one role to another at the same level. See `transition`.

    Attributes:
        from_role: The role held now.
        to_role: The role to move to.
        level: The level held in both.
        shared: Skills both roles expect.
        new: Skills only `to_role` expects: new to the person.
        left: Skills only `from_role` expects.
        expectations: What `to_role` expects at `level`, for shared and new skills,
            mandatory first.
    """

    from_role: Role = attrs.field(repr=lambda role: repr(role.id))
    to_role: Role = attrs.field(repr=lambda role: repr(role.id))
    level: Level = attrs.field(repr=lambda level: repr(level.id))
    shared: Listing[Skill] = attrs.field(converter=listing, repr=_ids)
    new: Listing[Skill] = attrs.field(converter=listing, repr=_ids)
    left: Listing[Skill] = attrs.field(converter=listing, repr=_ids)
    expectations: Listing[Expectation] = attrs.field(converter=listing, repr=False)


def transition(
    taxonomy: Taxonomy, from_role: RoleKey, to_role: RoleKey, level: LevelKey
) -> Transition:
    """What someone at `level` in `from_role` covers to hold `level` in `to_role`.

    >>> from skilltaxonomy import load, transition
    >>> move = transition(load(), "data-scientist", "llm-engineer", "senior")
    >>> [s.id for s in move.shared], [s.id for s in move.new], len(move.expectations)
    (['neural-network-architectures'], [], 1)
    """
    old, new = taxonomy.role(from_role), taxonomy.role(to_role)
    the_level = taxonomy.level(level, role=new)
    old_skills = taxonomy.skills.filter(role=old)
    new_skills = taxonomy.skills.filter(role=new)
    return Transition(
        from_role=old,
        to_role=new,
        level=the_level,
        shared=tuple(s for s in new_skills if s in old_skills),
        new=tuple(s for s in new_skills if s not in old_skills),
        left=tuple(s for s in old_skills if s not in new_skills),
        expectations=_mandatory_first(taxonomy.expectations.filter(role=new, level=the_level)),
    )


@attrs.frozen
class TeamView(ShowsAsHTML):
    """Several people against one role and level. See `team`.

    Attributes:
        role: The role.
        target: The level.
        reports: One gap report per person, closest to the target first: ready people,
            then fewest items blocking readiness, fewest mandatory items missing, and
            fewest items missing.
    """

    role: Role = attrs.field(repr=lambda role: repr(role.id))
    target: Level = attrs.field(repr=lambda level: repr(level.id))
    reports: Listing[GapReport] = attrs.field(
        converter=listing, repr=lambda reports: repr(tuple(r.person for r in reports))
    )

    @property
    def closest(self) -> GapReport | None:
        """The report of the person closest to the target, if there is anyone."""
        return self.reports[0] if self.reports else None

    @property
    def skills(self) -> tuple[Skill, ...]:
        """The role's skills, the rows of the coverage table."""
        return tuple(s.skill for s in self.reports[0].skills) if self.reports else ()

    def coverage(self, skill: Skill | str) -> tuple[Level | None, ...]:
        """The level each person (in `reports` order) meets in `skill`."""
        skill_id = skill if isinstance(skill, str) else skill.id
        return tuple(
            next((s.met for s in report.skills if s.skill.id == skill_id), None)
            for report in self.reports
        )


def team(
    taxonomy: Taxonomy,
    assessments: Iterable[Assessment],
    role: RoleKey,
    target: LevelKey,
    *,
    readiness: Readiness = "auto",
) -> TeamView:
    """Set several people against `role` at `target`, closest first (see `gap`).

    >>> from skilltaxonomy import Assessment, load, team
    >>> tax = load()
    >>> people = [Assessment.build(tax, name, {"neural-network-architectures": level})
    ...           for name, level in [("Ana", "junior"), ("Bo", "senior")]]
    >>> [r.person for r in team(tax, people, "llm-engineer", "senior").reports]
    ['Bo', 'Ana']
    """
    the_role = taxonomy.role(role)
    goal = taxonomy.level(target, role=the_role)
    reports = [
        gap(taxonomy, assessment, the_role, goal, readiness=readiness) for assessment in assessments
    ]
    ranked = sorted(
        reports,
        key=lambda r: (
            not r.ready,
            len(r.blocking),
            r.mandatory_required - r.mandatory_met,
            r.items_required - r.items_met,
        ),
    )
    return TeamView(the_role, goal, tuple(ranked))
