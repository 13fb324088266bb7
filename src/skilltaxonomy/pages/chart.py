"""Charts, with matplotlib from the ``plot`` extra: ``pip install 'skilltaxonomy[plot]'``.

Every chart function takes what it charts first, then keywords: ``chart(result,
taxonomy=..., title=..., locale=..., png=...)``. Legends sit outside the data, titles
are there by default, and every label is in the chart's locale. SVG output is
deterministic (a fixed hash salt, no date) and holds no script.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Sequence
from typing import Any, Literal, overload

from skilltaxonomy._i18n import Messages, messages
from skilltaxonomy._optional import optional_module
from skilltaxonomy._text import NOT_IN_XML
from skilltaxonomy.model import Level, Skill, Taxonomy
from skilltaxonomy.model.taxonomy import LevelKey, RoleKey
from skilltaxonomy.pages.build import GRID_PEOPLE, closest_first
from skilltaxonomy.pages.write import printable
from skilltaxonomy.people import GapReport, TeamView

#: The colour of "not assessed" in a heatmap: a grey no level's colour comes near.
NOT_ASSESSED_COLOR = "#d0d0d0"
#: The colour of the target's mark.
TARGET_COLOR = "#d9480f"


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


def _name(entity: Skill | Level | Any, words: Messages) -> str:
    """An entity's name in the chart's language, else its own."""
    return entity.translations.text(words.locale, "name", entity.name)


def _legend_below(figure: Any, columns: int) -> None:
    """The figure's legend below the axes, outside the data area (constrained layout)."""
    figure.legend(loc="outside lower center", ncols=columns, fontsize="small")


@overload
def gap_chart(
    report: GapReport | TeamView,
    *,
    taxonomy: Taxonomy | None = ...,
    title: str = ...,
    png: Literal[False] = ...,
    locale: str = ...,
) -> str: ...
@overload
def gap_chart(
    report: GapReport | TeamView,
    *,
    taxonomy: Taxonomy | None = ...,
    title: str = ...,
    png: Literal[True],
    locale: str = ...,
) -> bytes: ...
@overload
def gap_chart(
    report: GapReport | TeamView,
    *,
    taxonomy: Taxonomy | None = ...,
    title: str = ...,
    png: bool,
    locale: str = ...,
) -> str | bytes: ...
def gap_chart(
    report: GapReport | TeamView,
    *,
    taxonomy: Taxonomy | None = None,
    title: str = "",
    png: bool = False,
    locale: str = "en",
) -> str | bytes:
    """A bar chart of the level met against the level required, per skill: SVG text, or PNG.

    Skills not assessed show an empty bar; the level required is marked on each. Text
    stays text in the SVG, so skill names can be searched and read by screen readers.

    A team's view (`team`) is charted as `team_gap_chart` charts it.

    Args:
        report: What `gap` (or `team`) returned.
        taxonomy: Not needed (the report holds its framework's entities); taken so that
            every chart function is called the same way.
        title: The chart's title (default: the person, role and level).
        png: PNG bytes rather than SVG text.
        locale: The language of the labels.

    Raises:
        TypeError: `report` is neither a `GapReport` nor a `TeamView`.
        MissingDependencyError: matplotlib is not installed (the ``plot`` extra).
    """
    if isinstance(report, TeamView):
        return team_gap_chart(report, taxonomy=taxonomy, title=title, png=png, locale=locale)
    if not isinstance(report, GapReport):
        raise TypeError(
            f"gap_chart takes a GapReport (from gap) or a TeamView (from team), "
            f"got {type(report).__name__}"
        )
    mpl, figure_class = _matplotlib("gap_chart")
    words = messages(locale)
    names = [_label(_name(gap.skill, words), 40) for gap in report.skills]
    met = [0 if gap.met is None else gap.met.rank for gap in report.skills]
    required = [gap.required.rank for gap in report.skills]
    rows = list(range(len(names)))
    title = title or words._("%(person)s: %(role)s at %(level)s") % {
        "person": report.person,
        "role": _name(report.role, words),
        "level": _name(report.target, words),
    }
    # rc_context, not pyplot: no global figure state, and a fixed salt for stable ids.
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "skilltaxonomy"}):
        figure = figure_class(figsize=(7, 1.8 + 0.45 * max(len(names), 1)), layout="constrained")
        axes = figure.add_subplot()
        axes.barh(rows, met, height=0.5, color="#4c8bf5", label=words._("Level met"))
        axes.scatter(
            required,
            rows,
            marker="|",
            s=600,
            linewidths=3,
            color=TARGET_COLOR,
            label=words._("Level required"),
            zorder=3,
        )
        axes.set_yticks(rows, names)
        axes.invert_yaxis()
        ladder = report.ladder or (report.target,)
        axes.set_xticks(
            range(len(ladder) + 1),
            [words._("not assessed"), *(_label(_name(lv, words), 20) for lv in ladder)],
        )
        axes.set_xlim(0, len(ladder) + 0.3)
        axes.tick_params(axis="x", labelrotation=30)
        axes.set_title(_label(title, 80))
        _legend_below(figure, 2)
        return _saved(figure, png=png)


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


#: The most people a heatmap shows one by one; beyond, people are counted. The coverage
#: grid's threshold (`GRID_PEOPLE`): the chart and the table beside it switch together.
HEATMAP_PEOPLE = GRID_PEOPLE
#: The most skills a chart shows; beyond, those with the most people not ready.
HEATMAP_SKILLS = 200


def _taxonomy_first(
    name: str, result: Any, legacy: Any, taxonomy: Taxonomy | None
) -> tuple[Any, Taxonomy | None]:
    """The old order ``chart(taxonomy, result)`` read as ``chart(result, taxonomy=...)``.

    It warns (`DeprecationWarning`): the one order is the result first.
    """
    if isinstance(result, Taxonomy):
        warnings.warn(
            f"{name}(taxonomy, result) is deprecated: call {name}(result, taxonomy=taxonomy)",
            DeprecationWarning,
            stacklevel=3,
        )
        return legacy, result
    if legacy is not None:
        raise TypeError(f"{name} takes one positional argument, the result; taxonomy= by name")
    return result, taxonomy


def _rows(coverage: Any) -> list[dict[str, Any]]:
    return coverage.to_pylist() if hasattr(coverage, "to_pylist") else list(coverage)


def _ladder(
    rows: Sequence[dict[str, Any]], taxonomy: Taxonomy, role: RoleKey | None
) -> list[Level]:
    """The whole ladder of the rows' levels, entry level first: the role's, else a met level's.

    Every level of it is on the colour scale, so that a level has the same colour in
    every chart of the ladder, whatever the team meets.
    """
    if role is not None:
        found = taxonomy.role(role)
        return list(
            found.ladder.levels if found.ladder is not None else taxonomy.levels_of_ladder()
        )
    met = {row["met_id"] for row in rows if row["met_id"] is not None}
    for ladder in taxonomy.ladders:
        if any(level.id in met for level in ladder.levels):
            return list(ladder.levels)
    own = list(taxonomy.levels_of_ladder())
    first = next(iter(taxonomy.ladders), None)
    return own if own or first is None else list(first.levels)


def _worst_skills(rows: Sequence[dict[str, Any]]) -> list[str]:
    """The skills of the rows; beyond `HEATMAP_SKILLS`, those with the most people not ready."""
    skills = list(dict.fromkeys(row["skill_id"] for row in rows))
    if len(skills) <= HEATMAP_SKILLS:
        return skills
    missing = dict.fromkeys(skills, 0)
    for row in rows:
        missing[row["skill_id"]] += not row["ready"]
    return sorted(skills, key=lambda skill: -missing[skill])[:HEATMAP_SKILLS]


def _heat_grid(
    rows: Sequence[dict[str, Any]],
    people: Sequence[str],
    skills: Sequence[str],
    top: int,
    *,
    aggregated: bool,
) -> list[list[float]]:
    """A line per skill: each person's rank met, or (`aggregated`) the people at each rank."""
    shown = {skill: index for index, skill in enumerate(skills)}
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
    return grid


def _level_colors(mpl: Any, top: int) -> tuple[Any, Any]:
    """A colour per rank from 1 to `top`, and grey for 0 ("not assessed"), with its bounds."""
    colors = optional_module("matplotlib.colors", "coverage_heatmap", "plot")
    ramp = mpl.colormaps["viridis"].resampled(max(top, 1))
    palette = [NOT_ASSESSED_COLOR, *(ramp(i) for i in range(top))]
    bounds = [rank - 0.5 for rank in range(top + 2)]
    return colors.ListedColormap(palette), colors.BoundaryNorm(bounds, len(palette))


def _nothing(figure_class: Any, mpl: Any, title: str, words: Messages, *, png: bool) -> str | bytes:
    """A chart of no one: its title, and a sentence saying there is no one to chart."""
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "skilltaxonomy"}):
        figure = figure_class(figsize=(7, 2), layout="constrained")
        axes = figure.add_subplot()
        axes.set_axis_off()
        axes.text(0.5, 0.5, words._("No one to chart."), ha="center", va="center")
        axes.set_title(_label(title, 80))
        return _saved(figure, png=png)


def _heat_size(columns: int, skills: int, *, named: bool) -> tuple[float, float]:
    """A heatmap's size in inches: room for each column's name, else a fixed width."""
    # Columns without names (beyond 60 people) need no room for a name each.
    wide = min(5 + 0.12 * columns, 40) if named else 12
    return wide, min(2 + 0.22 * max(skills, 1), 60)


def coverage_heatmap(
    coverage: Any,
    legacy: Any = None,
    /,
    *,
    taxonomy: Taxonomy | None = None,
    title: str = "",
    png: bool = False,
    locale: str = "en",
    by_name: bool = False,
    order: Any = (),
    role: RoleKey | None = None,
) -> str | bytes:
    """A heatmap of a team's coverage: skills down, people across, the level met in colour.

    `coverage` is what `skill_gaps` returns (or its rows as dicts); `taxonomy` gives the
    names of the skills and levels. The colour scale holds every level of the ladder
    (`role`'s, else the one of the levels met), so a level has the same colour in every
    chart of that ladder; it names each level, "not assessed" has a grey of its own
    (said on the scale), and the target level is marked on it. People are ordered as
    `order` has them (`team_readiness`'s answer, or names), the others closest to the
    target first as `team_readiness` orders them (see `closest_first`); by name with
    `by_name`. Up to `HEATMAP_PEOPLE` people (the coverage grid's `GRID_PEOPLE`) each
    have a column; beyond, the columns are the levels and each cell counts the people
    who meet the skill at that level, so the chart stays readable for any
    organisation. Beyond `HEATMAP_SKILLS` skills, those with the most people not ready
    are shown. With no one to chart, the chart says so. SVG text by default, PNG bytes
    with `png`.

    The old order, ``coverage_heatmap(taxonomy, coverage)``, still works and warns
    (`DeprecationWarning`).

    Raises:
        TypeError: No `taxonomy`.
        NotFoundError: An unknown `role`.
        MissingDependencyError: matplotlib is not installed (the ``plot`` extra).
    """
    coverage, found = _taxonomy_first("coverage_heatmap", coverage, legacy, taxonomy)
    if found is None:
        raise TypeError("coverage_heatmap needs taxonomy= for the names of skills and levels")
    taxonomy = found
    mpl, figure_class = _matplotlib("coverage_heatmap")
    words = messages(locale)
    rows = _rows(coverage)
    people = closest_first(rows, order=_rows(order), by_name=by_name)
    aggregated = len(people) > HEATMAP_PEOPLE
    if not title:
        title = (
            words._("People at each level, per skill")
            if aggregated
            else words._("Level met, per skill and person")
        )
    if not rows:
        return _nothing(figure_class, mpl, title, words, png=png)
    skills = _worst_skills(rows)
    ladder = _ladder(rows, taxonomy, role)
    target = max(row["required_rank"] for row in rows)
    top = max([len(ladder), target, *(row["met_rank"] for row in rows)])
    names_of = {level.rank: _name(level, words) for level in ladder}
    levels = [_label(names_of.get(rank, str(rank)), 20) for rank in range(1, top + 1)]
    width = (top + 1) if aggregated else len(people)
    grid = _heat_grid(rows, people, skills, top, aggregated=aggregated)
    names = [_label(_name(taxonomy.skill(skill), words), 40) for skill in skills]
    target_label = words._("%(level)s (target)") % {"level": levels[target - 1]}
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "skilltaxonomy"}):
        figure = figure_class(
            figsize=_heat_size(width, len(skills), named=aggregated or len(people) <= 60),
            layout="constrained",
        )
        axes = figure.add_subplot()
        axes.set_yticks(range(len(names)), names, fontsize="small")
        if aggregated:
            image = axes.imshow(grid, aspect="auto", cmap="viridis", interpolation="nearest")
            ticks = [words._("not assessed"), *levels]
            ticks[target] = target_label
            axes.set_xticks(range(width), ticks, rotation=30, fontsize="small")
            axes.axvline(target - 0.5, color=TARGET_COLOR, linewidth=2)
            axes.set_xlabel(words._("Level met"))
            figure.colorbar(image, ax=axes, label=words._("People"))
        else:
            # One colour per level, and grey for "not assessed": a scale of names, not numbers.
            cmap, norm = _level_colors(mpl, top)
            image = axes.imshow(grid, aspect="auto", cmap=cmap, norm=norm, interpolation="nearest")
            if len(people) <= 60:
                axes.set_xticks(
                    range(len(people)),
                    [_label(p, 20) for p in people],
                    rotation=90,
                    fontsize="small",
                )
            else:
                axes.set_xticks([])
                axes.set_xlabel(words.ngettext("%(count)d person", "%(count)d people", len(people)))
            bar = figure.colorbar(image, ax=axes, label=words._("Level met"))
            ticks = [words._("not assessed"), *levels]
            ticks[target] = target_label
            bar.set_ticks(range(top + 1), labels=ticks)
            bar.ax.axhline(target - 0.5, color=TARGET_COLOR, linewidth=2)
            bar.ax.axhline(target + 0.5, color=TARGET_COLOR, linewidth=2)
        axes.set_title(_label(title, 80))
        return _saved(figure, png=png)


def _coverage_rows(team: Any, words: Messages, taxonomy: Taxonomy | None) -> list[dict[str, Any]]:
    """A team's coverage rows: from a `TeamView`, or `skill_gaps`' table or rows."""
    if isinstance(team, TeamView):
        return [
            {"skill_id": gap.skill.id, "name": _name(gap.skill, words), "ready": gap.ready}
            for report in team.reports
            for gap in report.skills
        ]
    rows = _rows(team)
    if taxonomy is None:
        return rows
    return [
        {**row, "name": _name(taxonomy.skill(row["skill_id"]), words)}
        if taxonomy.skill(row["skill_id"], None) is not None
        else row
        for row in rows
    ]


def team_gap_chart(
    team: Any,
    legacy: Any = None,
    /,
    *,
    taxonomy: Taxonomy | None = None,
    title: str = "",
    png: bool = False,
    locale: str = "en",
    role: RoleKey | None = None,
    target: LevelKey | None = None,
) -> str | bytes:
    """A team's gap per skill: how many people are ready in it, and how many are not.

    `team` is a `TeamView` (from `team`) or what `skill_gaps` returns; for the latter,
    `taxonomy` gives the skills' names, and `role` and `target` (the question asked:
    the rows do not hold it) name the default title. People are counted in whole
    numbers on the axis. Beyond `HEATMAP_SKILLS` skills, those with the most people not
    ready are shown. With no one to chart, the chart says so. SVG text by default, PNG
    bytes with `png`.

    Raises:
        NotFoundError: An unknown `role` or `target`.
        MissingDependencyError: matplotlib is not installed (the ``plot`` extra).
    """
    team, taxonomy = _taxonomy_first("team_gap_chart", team, legacy, taxonomy)
    mpl, figure_class = _matplotlib("team_gap_chart")
    ticker = optional_module("matplotlib.ticker", "team_gap_chart", "plot")
    words = messages(locale)
    rows = _coverage_rows(team, words, taxonomy)
    ready: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    for row in rows:
        counts = ready.setdefault(row["skill_id"], [0, 0])
        counts[0 if row["ready"] else 1] += 1
        if "name" in row:
            names[row["skill_id"]] = row["name"]
    skills = list(ready)
    if len(skills) > HEATMAP_SKILLS:
        skills = sorted(skills, key=lambda skill: -ready[skill][1])[:HEATMAP_SKILLS]
    labels = [_label(names.get(skill, skill), 40) for skill in skills]
    if not title:
        title = _team_title(team, taxonomy, role, target, words)
    if not rows:
        return _nothing(figure_class, mpl, title, words, png=png)
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "skilltaxonomy"}):
        figure = figure_class(
            figsize=(7, min(2 + 0.3 * max(len(skills), 1), 60)), layout="constrained"
        )
        axes = figure.add_subplot()
        lines = list(range(len(skills)))
        met = [ready[skill][0] for skill in skills]
        not_met = [ready[skill][1] for skill in skills]
        axes.barh(lines, met, color="#4c8bf5", label=words._("Ready"))
        axes.barh(lines, not_met, left=met, color=TARGET_COLOR, label=words._("Not ready"))
        axes.set_yticks(lines, labels, fontsize="small")
        axes.invert_yaxis()
        # People come whole: no tick at half a person.
        axes.xaxis.set_major_locator(ticker.MaxNLocator(integer=True))
        axes.set_xlabel(words._("People"))
        axes.set_title(_label(title, 80))
        _legend_below(figure, 2)
        return _saved(figure, png=png)


def _team_title(
    team: Any,
    taxonomy: Taxonomy | None,
    role: RoleKey | None,
    target: LevelKey | None,
    words: Messages,
) -> str:
    """A team chart's default title: the role and target when known, else what it shows."""
    goal: tuple[Any, Any] | None = None
    if isinstance(team, TeamView):
        goal = (team.role, team.target)
    elif taxonomy is not None and role is not None and target is not None:
        found = taxonomy.role(role)
        goal = (found, taxonomy.level(target, role=found))
    if goal is None:
        return words._("Ready per skill")
    return words._("%(role)s at %(level)s: %(what)s") % {
        "role": _name(goal[0], words),
        "level": _name(goal[1], words),
        "what": words._("ready per skill"),
    }
