"""`team_report`: a team's readiness, gap by skill and coverage, asked once, as one page."""

from __future__ import annotations

from typing import Any

from skilltaxonomy._i18n import messages
from skilltaxonomy.exceptions import MissingDependencyError
from skilltaxonomy.model import Taxonomy
from skilltaxonomy.model.taxonomy import LevelKey, RoleKey
from skilltaxonomy.pages.blocks import Chart
from skilltaxonomy.pages.build import PeopleAnswer, TeamReport
from skilltaxonomy.pages.chart import HEATMAP_PEOPLE, coverage_heatmap, team_gap_chart
from skilltaxonomy.people.analytics import (
    Engine,
    Ratings,
    gap_by_skill,
    skill_gaps,
    team_readiness,
)
from skilltaxonomy.people.gap import Readiness


def team_report(
    taxonomy: Taxonomy,
    ratings: Ratings,
    role: RoleKey,
    target: LevelKey,
    *,
    engine: Engine = "duckdb",
    readiness: Readiness = "auto",
    round: str | None = None,
    rater: str | None = None,
    org_unit: str | None = None,
    charts: bool = True,
    locale: str = "en",
) -> TeamReport:
    """A team's report for `role` at `target`: each question asked once, the charts drawn.

    It asks `team_readiness`, `gap_by_skill` and `skill_gaps` (arguments as theirs),
    and draws the chart of the people ready per skill (`team_gap_chart`) and the
    coverage heatmap (`coverage_heatmap`) in `locale`. Without matplotlib (the ``plot``
    extra) the report is made all the same and says that its charts are left out.

    >>> import pyarrow as pa
    >>> from skilltaxonomy import RatingsTable, load, render
    >>> tax = load()
    >>> ratings = RatingsTable.build(tax, pa.table({"person": ["Ana", "Bo"],
    ...     "skill": ["neural-network-architectures"] * 2, "level": ["senior", "junior"]}))
    >>> report = team_report(tax, ratings, "llm-engineer", "senior")
    >>> [chart.title for chart in report.charts], report.ready
    (['Ready per skill', 'Level met, per skill and person'], ('Ana',))
    >>> page = render(report, "html", standalone=True)  # one file, read offline

    Args:
        taxonomy: The framework the ratings were checked against.
        ratings: The ratings (and people), as for `team_readiness`.
        role: The role.
        target: The target level, on the role's ladder.
        engine: The engine that answers, as for `team_readiness`.
        readiness: The readiness policy, as for `gap`.
        round: Read the ratings as of this round (default: the latest of each).
        rater: Count only this kind of rater's ratings.
        org_unit: Only the people of this org unit.
        charts: Draw the charts (False: tables only, and no matplotlib needed).
        locale: The language of the charts' text (`render` chooses the page's).

    Raises:
        InvalidQueryError: As `team_readiness`.
        NotFoundError: An unknown role or level (with suggestions).
        UnsupportedLocaleError: No catalog for `locale`.
        MissingDependencyError: The engine's extra is not installed.
    """
    messages(locale)  # an unknown locale is refused before any question is asked
    found_role = taxonomy.role(role)
    found_target = taxonomy.level(target, role=found_role)
    options: dict[str, Any] = {
        "engine": engine,
        "readiness": readiness,
        "round": round,
        "rater": rater,
        "org_unit": org_unit,
    }
    goal = (taxonomy, found_role.id, found_target.id)
    readiness_rows = team_readiness(taxonomy, ratings, found_role, found_target, **options)
    by_skill = gap_by_skill(taxonomy, ratings, found_role, found_target, **options)
    coverage = skill_gaps(taxonomy, ratings, found_role, found_target, **options)
    drawn: tuple[Chart, ...] = ()
    plot_missing = False
    if charts and len(readiness_rows):
        try:
            drawn = _charts(coverage, readiness_rows, goal, locale)
        except MissingDependencyError:
            plot_missing = True
    return TeamReport(
        PeopleAnswer("team", readiness_rows, *goal, readiness=readiness),
        PeopleAnswer("gap-by-skill", by_skill, *goal, readiness=readiness),
        PeopleAnswer("coverage", coverage, *goal, readiness=readiness),
        drawn,
        plot_missing=plot_missing,
        round=round,
        rater=rater,
        org_unit=org_unit,
    )


def _charts(
    coverage: Any, readiness: Any, goal: tuple[Taxonomy, str, str], locale: str
) -> tuple[Chart, ...]:
    """The people ready per skill, then the coverage heatmap (people as `readiness` has them)."""
    taxonomy, role, target = goal
    words = messages(locale)
    ready_title = words._("Ready per skill")
    counted = len(readiness) > HEATMAP_PEOPLE
    heat_title = (
        words._("People at each level, per skill")
        if counted
        else words._("Level met, per skill and person")
    )
    heat_caption = (
        words._(
            "Each cell counts the people who meet the skill at that level; "
            "the line marks the target."
        )
        if counted
        else words._(
            "Each colour is a level, named on the scale at the side; grey is not assessed. "
            "The target is framed on the scale; people closest to it come first."
        )
    )
    bars = team_gap_chart(
        coverage, taxonomy=taxonomy, title=ready_title, locale=locale, role=role, target=target
    )
    heatmap = coverage_heatmap(
        coverage,
        taxonomy=taxonomy,
        title=heat_title,
        locale=locale,
        order=readiness,
        role=role,
    )
    return (
        Chart(
            ready_title,
            str(bars),
            words._(
                "Bars: in each skill, the people ready and the people not ready; "
                "the table below gives the figures."
            ),
            words._(
                "Blue: the people ready in the skill; orange: those not ready. "
                "The longer the orange, the wider the gap."
            ),
        ),
        Chart(
            heat_title,
            str(heatmap),
            words._(
                "Heatmap: skills down, people across, the level each person meets in colour; "
                "the grid below says the same in words."
            ),
            heat_caption,
        ),
    )
