"""People: assessments, and the questions asked of them (gap, path, transition, team)."""

from skilltaxonomy.people.assessment import Assessment, Rating
from skilltaxonomy.people.gap import (
    READINESS,
    GapReport,
    Plan,
    PlanStep,
    SkillGap,
    TeamView,
    Transition,
    gap,
    path,
    team,
    transition,
)

__all__ = [
    "READINESS",
    "Assessment",
    "GapReport",
    "Plan",
    "PlanStep",
    "Rating",
    "SkillGap",
    "TeamView",
    "Transition",
    "gap",
    "path",
    "team",
    "transition",
]
