"""Charts, with matplotlib from the ``plot`` extra: ``pip install 'skilltaxonomy[plot]'``."""

from __future__ import annotations

import io
import re

from skilltaxonomy._i18n import messages
from skilltaxonomy._text import NOT_IN_XML
from skilltaxonomy.exceptions import MissingDependencyError
from skilltaxonomy.pages.write import printable
from skilltaxonomy.people import GapReport


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


def gap_chart(report: GapReport, *, locale: str = "en") -> str:
    """A bar chart of the level met against the level required, per skill, as SVG text.

    Skills not assessed show an empty bar. Text stays text in the SVG, so skill names
    can be searched and read by screen readers.

    Raises:
        TypeError: `report` is not a `GapReport` (one person's report; a team's is not
            charted yet).
        MissingDependencyError: matplotlib is not installed (the ``plot`` extra).
    """
    if not isinstance(report, GapReport):
        raise TypeError(
            f"gap_chart takes one person's GapReport (from gap), got {type(report).__name__}"
        )
    try:
        import matplotlib as mpl  # noqa: PLC0415 - an optional dependency, on first use
        from matplotlib.figure import Figure  # noqa: PLC0415
    except ImportError as error:  # pragma: no cover - the tests run with the extra
        raise MissingDependencyError("gap_chart", "matplotlib", "plot") from error
    words = messages(locale)
    names = [_label(gap.skill.name, 40) for gap in report.skills]
    met = [0 if gap.met is None else gap.met.rank for gap in report.skills]
    required = [gap.required.rank for gap in report.skills]
    rows = list(range(len(names)))
    # rc_context, not pyplot: no global figure state, and a fixed salt for stable ids.
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "skilltaxonomy"}):
        figure = Figure(figsize=(7, 1.2 + 0.45 * max(len(names), 1)), layout="constrained")
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
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()
