"""Charts, with matplotlib from the ``plot`` extra: ``pip install 'skilltaxonomy[plot]'``."""

from __future__ import annotations

import io
import re
from typing import Any

from skilltaxonomy._i18n import messages
from skilltaxonomy._optional import optional_module
from skilltaxonomy._text import NOT_IN_XML
from skilltaxonomy.model import Taxonomy
from skilltaxonomy.pages.write import printable
from skilltaxonomy.people import GapReport, TeamView


def _escaped(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


def _label(text: str, length: int) -> str:
    """Framework text as a chart label: one line, escaped as `render` does, never mathtext.

    Text longer than `length` is cut, so that the bars keep their room.
    """
    # One line, escaped as `render` escapes, and no character XML 1.0 cannot hold.
    text = NOT_IN_XML.sub(_escaped, " ".join(printable(text).split()))
    if len(text) > length:
        text = text[: length - 1] + "…"
    return text.replace("$", r"\$")


def gap_chart(report: GapReport | TeamView, *, locale: str = "en") -> str:
    """A bar chart of the level met against the level required, per skill, as SVG text.

    Skills not assessed show an empty bar. Text stays text in the SVG, so skill names
    can be searched and read by screen readers.

    A team's view (`team`) is charted as `team_gap_chart` charts it.

    Raises:
        TypeError: `report` is neither a `GapReport` nor a `TeamView`.
        MissingDependencyError: matplotlib is not installed (the ``plot`` extra).
    """
    if isinstance(report, TeamView):
        return str(team_gap_chart(report, locale=locale))
    if not isinstance(report, GapReport):
        raise TypeError(
            f"gap_chart takes a GapReport (from gap) or a TeamView (from team), "
            f"got {type(report).__name__}"
        )
    mpl, figure_class = _matplotlib("gap_chart")
    words = messages(locale)
    names = [_label(gap.skill.name, 40) for gap in report.skills]
    met = [0 if gap.met is None else gap.met.rank for gap in report.skills]
    required = [gap.required.rank for gap in report.skills]
    rows = list(range(len(names)))
    # rc_context, not pyplot: no global figure state, and a fixed salt for stable ids.
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "skilltaxonomy"}):
        figure = figure_class(figsize=(7, 1.2 + 0.45 * max(len(names), 1)), layout="constrained")
        axes = figure.add_subplot()
        axes.barh(rows, met, height=0.5, color="#4c8bf5", label=words._("Level met"))
        axes.scatter(
            required,
            rows,
            marker="|",
            s=600,
            linewidths=3,
            color="#d9480f",
            label=words._("Level required"),
            zorder=3,
        )
        axes.set_yticks(rows, names)
        axes.invert_yaxis()
        ladder = report.ladder or (report.target,)
        axes.set_xticks(
            range(len(ladder) + 1),
            [words._("not assessed"), *(_label(lv.name, 20) for lv in ladder)],
        )
        axes.set_xlim(0, len(ladder) + 0.3)
        axes.tick_params(axis="x", labelrotation=30)
        axes.set_title(
            words._("%(person)s: %(role)s at %(level)s")
            % {
                "person": _label(report.person, 30),
                "role": _label(report.role.name, 30),
                "level": _label(report.target.name, 20),
            }
        )
        axes.legend(loc="lower right", fontsize="small")
        return _saved(figure, png=False)  # type: ignore[return-value]


def _matplotlib(feature: str) -> tuple[Any, Any]:
    """Matplotlib and its `Figure` (no pyplot: no global figure state)."""
    mpl = optional_module("matplotlib", feature, "plot")
    return mpl, optional_module("matplotlib.figure", feature, "plot").Figure


def _saved(figure: Any, *, png: bool) -> str | bytes:
    """The figure as SVG text (text kept as text), or as PNG bytes."""
    if png:
        binary = io.BytesIO()
        figure.savefig(binary, format="png", dpi=100, metadata={"Software": None})
        return binary.getvalue()
    out = io.StringIO()
    figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


#: The most people and skills a heatmap shows one by one; beyond, people are counted.
HEATMAP_PEOPLE, HEATMAP_SKILLS = 500, 200


def coverage_heatmap(
    taxonomy: Taxonomy,
    coverage: Any,
    *,
    title: str = "",
    png: bool = False,
    locale: str = "en",
) -> str | bytes:
    """A heatmap of a team's coverage: skills down, people across, the level met in color.

    `coverage` is what `skill_gaps` returns (or its rows as dicts). Up to
    `HEATMAP_PEOPLE` people each have a column; beyond, the columns are the levels and
    each cell counts the people who meet the skill at that level, so the chart stays
    readable for any organisation. Beyond `HEATMAP_SKILLS` skills, those with the most
    people not ready are shown. SVG text by default, PNG bytes with `png`.
    """
    mpl, figure_class = _matplotlib("coverage_heatmap")
    words = messages(locale)
    rows = coverage.to_pylist() if hasattr(coverage, "to_pylist") else list(coverage)
    people = list(dict.fromkeys(row["person"] for row in rows))
    skills = list(dict.fromkeys(row["skill_id"] for row in rows))
    if len(skills) > HEATMAP_SKILLS:
        missing = dict.fromkeys(skills, 0)
        for row in rows:
            missing[row["skill_id"]] += not row["ready"]
        skills = sorted(skills, key=lambda skill: -missing[skill])[:HEATMAP_SKILLS]
    shown = {skill: index for index, skill in enumerate(skills)}
    top = max((row["required_rank"] for row in rows), default=1)
    aggregated = len(people) > HEATMAP_PEOPLE
    column_of = {person: index for index, person in enumerate(people)}
    width = (top + 1) if aggregated else max(len(people), 1)
    grid = [[0.0] * width for _ in skills]
    for row in rows:
        line = shown.get(row["skill_id"])
        if line is None:
            continue
        if aggregated:
            grid[line][min(row["met_rank"], top)] += 1
        else:
            grid[line][column_of[row["person"]]] = row["met_rank"]
    names = [_label(taxonomy.skill(skill).name, 40) for skill in skills]
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "skilltaxonomy"}):
        figure = figure_class(
            figsize=(min(4 + 0.12 * width, 40), min(1.5 + 0.22 * max(len(skills), 1), 60)),
            layout="constrained",
        )
        axes = figure.add_subplot()
        image = axes.imshow(grid or [[0.0]], aspect="auto", cmap="viridis", interpolation="nearest")
        axes.set_yticks(range(len(names)), names, fontsize="small")
        if aggregated:
            ranks = [*map(str, range(1, width - 1)), f"≥{width - 1}"] if width > 1 else []
            axes.set_xticks(range(width), [words._("not assessed"), *ranks])
            axes.set_xlabel(words._("Level met"))
        elif len(people) <= 60:
            axes.set_xticks(
                range(len(people)), [_label(p, 20) for p in people], rotation=90, fontsize="small"
            )
        else:
            axes.set_xticks([])
            axes.set_xlabel(f"{len(people)}")
        figure.colorbar(
            image, ax=axes, label=words._("People") if aggregated else words._("Level met")
        )
        axes.set_title(_label(title, 80))
        return _saved(figure, png=png)


def _coverage_rows(team: Any) -> list[dict[str, Any]]:
    """A team's coverage rows: from a `TeamView`, or `skill_gaps`' table or rows."""
    if isinstance(team, TeamView):
        return [
            {"skill_id": gap.skill.id, "name": gap.skill.name, "ready": gap.ready}
            for report in team.reports
            for gap in report.skills
        ]
    return team.to_pylist() if hasattr(team, "to_pylist") else list(team)


def team_gap_chart(
    team: Any,
    *,
    taxonomy: Taxonomy | None = None,
    title: str = "",
    png: bool = False,
    locale: str = "en",
) -> str | bytes:
    """A team's gap per skill: how many people are ready in it, and how many are not.

    `team` is a `TeamView` (from `team`) or what `skill_gaps` returns; for the latter,
    `taxonomy` gives the skills' names. Beyond `HEATMAP_SKILLS` skills, those with the
    most people not ready are shown. SVG text by default, PNG bytes with `png`.
    """
    mpl, figure_class = _matplotlib("team_gap_chart")
    words = messages(locale)
    rows = _coverage_rows(team)
    ready: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    for row in rows:
        counts = ready.setdefault(row["skill_id"], [0, 0])
        counts[0 if row["ready"] else 1] += 1
        if "name" in row:
            names[row["skill_id"]] = row["name"]
        elif taxonomy is not None:
            names[row["skill_id"]] = taxonomy.skill(row["skill_id"]).name
    skills = list(ready)
    if len(skills) > HEATMAP_SKILLS:
        skills = sorted(skills, key=lambda skill: -ready[skill][1])[:HEATMAP_SKILLS]
    labels = [_label(names.get(skill, skill), 40) for skill in skills]
    if isinstance(team, TeamView) and not title:
        title = f"{team.role.name}: {team.target.name}"
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "skilltaxonomy"}):
        figure = figure_class(
            figsize=(7, min(1.5 + 0.3 * max(len(skills), 1), 60)), layout="constrained"
        )
        axes = figure.add_subplot()
        lines = list(range(len(skills)))
        met = [ready[skill][0] for skill in skills]
        not_met = [ready[skill][1] for skill in skills]
        axes.barh(lines, met, color="#4c8bf5", label=words._("Ready"))
        axes.barh(lines, not_met, left=met, color="#d9480f", label=words._("Not ready"))
        axes.set_yticks(lines, labels, fontsize="small")
        axes.invert_yaxis()
        axes.set_title(_label(title, 80))
        axes.legend(loc="lower right", fontsize="small")
        return _saved(figure, png=png)
