"""Tests for the team charts: a coverage heatmap and a team's gap, as SVG and PNG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from skilltaxonomy import Assessment, RatingsTable, Taxonomy, gap, skill_gaps, team
from skilltaxonomy.pages.chart import (
    HEATMAP_PEOPLE,
    coverage_heatmap,
    gap_chart,
    team_gap_chart,
)

pa = pytest.importorskip("pyarrow")
pytest.importorskip("ibis")
NNA = "neural-network-architectures"


def _team(bundled: Taxonomy, size: int) -> RatingsTable:
    levels = ["junior", "middle", "senior", "lead", "principal"]
    return RatingsTable.build(
        bundled,
        pa.table(
            {
                "person": [f"p{i}" for i in range(size)],
                "skill": [NNA] * size,
                "level": [levels[i % 5] for i in range(size)],
            }
        ),
    )


def test_heatmap_names_skills_and_people(bundled: Taxonomy) -> None:
    """A small team: a column per person, the skills by name, valid SVG; PNG on request."""
    coverage = skill_gaps(bundled, _team(bundled, 3), "llm-engineer", "senior")
    svg = coverage_heatmap(coverage, taxonomy=bundled, title="LLM Engineer at Senior")
    assert isinstance(svg, str)
    ET.fromstring(svg.encode())
    assert "Neural Network Architectures" in svg
    assert "p2" in svg
    png = coverage_heatmap(coverage, taxonomy=bundled, png=True)
    assert isinstance(png, bytes)
    assert png.startswith(b"\x89PNG")


def test_heatmap_counts_people_beyond_its_width(bundled: Taxonomy) -> None:
    """More people than columns: the columns are levels, the target marked; cells count people."""
    coverage = skill_gaps(bundled, _team(bundled, HEATMAP_PEOPLE + 1), "llm-engineer", "senior")
    svg = str(coverage_heatmap(coverage, taxonomy=bundled, locale="es"))
    assert "p500" not in svg
    texts = _texts(svg)
    assert "Personas" in texts
    assert "sin evaluar" in texts
    assert "Senior (objetivo)" in texts
    assert "Personas en cada nivel, por habilidad" in texts


def test_team_gap_chart_of_a_table(bundled: Taxonomy) -> None:
    """The engines' coverage table charts as a team view does."""
    coverage = skill_gaps(bundled, _team(bundled, 5), "llm-engineer", "senior")
    svg = team_gap_chart(coverage, taxonomy=bundled, title="Team")
    assert "Neural Network Architectures" in svg


SVG = "{http://www.w3.org/2000/svg}"
Box = tuple[float, float, float, float]


def _texts(svg: str) -> list[str]:
    """The SVG's text elements, in document order."""
    return [text.text or "" for text in ET.fromstring(svg.encode()).iter(f"{SVG}text")]


def _group(svg: str | ET.Element, name: str) -> ET.Element:
    """The group of `svg` (text, or a group of it) with that id."""
    root = ET.fromstring(svg.encode()) if isinstance(svg, str) else svg
    found = root.find(f".//{SVG}g[@id='{name}']")
    assert found is not None, name
    return found


def _box(group: ET.Element) -> Box:
    """The box (left, top, right, bottom) of the first path of a group: a frame or a patch."""
    path = group.find(f".//{SVG}path")
    assert path is not None
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d", ""))]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def _area(svg: str, axes: str) -> Box:
    """The box of an axes: its first patch, the background matplotlib draws first."""
    first = next(
        g for g in _group(svg, axes).findall(f"{SVG}g") if g.get("id", "").startswith("patch_")
    )
    return _box(first)


def _apart(one: Box, other: Box) -> bool:
    return one[2] <= other[0] or other[2] <= one[0] or one[3] <= other[1] or other[3] <= one[1]


def _marks(svg: str) -> list[Box]:
    """Every data mark's box: the bars (patches) and markers (uses) inside the data axes."""
    axes = _group(svg, "axes_1")
    boxes = []
    for group in axes.findall(f"{SVG}g"):
        if group.get("id", "").startswith("patch_"):
            boxes.append(_box(group))
        for use in group.iter(f"{SVG}use"):
            if group.get("id", "").startswith("PathCollection"):
                x, y = float(use.get("x", 0)), float(use.get("y", 0))
                boxes.append((x - 2, y - 10, x + 2, y + 10))
    return boxes


def _charts(bundled: Taxonomy) -> dict[str, str]:
    many: dict[Any, Any] = {skill.id: "junior" for skill in bundled.skills}
    people = [Assessment.build(bundled, f"P{n}", many) for n in range(6)]
    view = team(bundled, people, "llm-engineer", "senior")
    coverage = skill_gaps(bundled, _team(bundled, 8), "llm-engineer", "senior")
    return {
        "gap": gap_chart(gap(bundled, people[0], "llm-engineer", "senior")),
        "team view": str(team_gap_chart(view)),
        "team table": str(team_gap_chart(coverage, taxonomy=bundled)),
    }


def test_no_legend_over_a_data_mark(bundled: Taxonomy) -> None:
    """Each chart's legend lies outside its data area, so it covers no bar and no marker."""
    for name, svg in _charts(bundled).items():
        legend = _box(_group(svg, "legend_1"))
        area = _area(svg, "axes_1")
        assert _apart(legend, area), name
        for mark in _marks(svg):
            assert _apart(legend, mark), (name, mark)


def test_heatmap_scale_is_outside_and_named(bundled: Taxonomy) -> None:
    """The heatmap's scale is beside the data, names the levels, says not assessed and the target."""
    coverage = skill_gaps(bundled, _team(bundled, 4), "llm-engineer", "senior")
    svg = str(coverage_heatmap(coverage, taxonomy=bundled, locale="de"))
    data, scale = _area(svg, "axes_1"), _area(svg, "axes_2")
    assert _apart(data, scale)
    texts = _texts(svg)
    assert "nicht bewertet" in texts
    assert "Senior (Ziel)" in texts
    assert {"Junior", "Middle", "Lead / Staff"} <= set(texts)  # up to the highest met
    assert "Erreichte Stufe, je Fähigkeit und Person" in texts
    assert not any(re.fullmatch(r"\d+\.\d", text) for text in texts)  # no half steps


def test_heatmap_orders_people_closest_first(bundled: Taxonomy) -> None:
    """People are columns closest to the target first; by name on request."""
    ratings = RatingsTable.build(
        bundled,
        pa.table(
            {
                "person": ["Zoe", "Al", "Mo"],
                "skill": [NNA] * 3,
                "level": ["principal", "junior", "senior"],
            }
        ),
    )
    coverage = skill_gaps(bundled, ratings, "llm-engineer", "senior")
    people = [
        t
        for t in _texts(str(coverage_heatmap(coverage, taxonomy=bundled)))
        if t in {"Zoe", "Al", "Mo"}
    ]
    assert people == ["Mo", "Zoe", "Al"]
    by_name = coverage_heatmap(coverage, taxonomy=bundled, by_name=True)
    assert [t for t in _texts(str(by_name)) if t in {"Zoe", "Al", "Mo"}] == ["Al", "Mo", "Zoe"]


def test_old_argument_order_warns(bundled: Taxonomy) -> None:
    """``coverage_heatmap(taxonomy, coverage)`` still works, with a DeprecationWarning."""
    coverage = skill_gaps(bundled, _team(bundled, 3), "llm-engineer", "senior")
    with pytest.warns(DeprecationWarning, match=r"coverage_heatmap\(result, taxonomy=taxonomy\)"):
        old = coverage_heatmap(bundled, coverage)
    assert old == coverage_heatmap(coverage, taxonomy=bundled)
    with pytest.raises(TypeError, match="coverage_heatmap needs taxonomy="):
        coverage_heatmap(coverage)


def test_charts_are_deterministic_and_inert(bundled: Taxonomy) -> None:
    """The same chart twice is the same text, with no script and no event handler."""
    first, second = _charts(bundled), _charts(bundled)
    assert first == second
    for svg in first.values():
        assert "<script" not in svg
        assert not re.search(r"\son[a-z]+=", svg)


def test_titles_by_default_in_the_locale(bundled: Taxonomy) -> None:
    """Every chart has a title without one asked for, in the chart's language."""
    coverage = skill_gaps(bundled, _team(bundled, 3), "llm-engineer", "senior")
    assert "Listos por habilidad" in _texts(
        str(team_gap_chart(coverage, taxonomy=bundled, locale="es"))
    )
    assert "Level met, per skill and person" in _texts(
        str(coverage_heatmap(coverage, taxonomy=bundled))
    )


def test_every_chart_draws_png_too(bundled: Taxonomy) -> None:
    """Each chart function takes png=True and returns PNG bytes, the same every time."""
    report = gap(bundled, Assessment.build(bundled, "Ana", {}), "llm-engineer", "senior")
    coverage = skill_gaps(bundled, _team(bundled, 3), "llm-engineer", "senior")
    drawn = [
        gap_chart(report, png=True),
        team_gap_chart(coverage, taxonomy=bundled, png=True),
        coverage_heatmap(coverage, taxonomy=bundled, png=True),
    ]
    for png in drawn:
        assert isinstance(png, bytes)
        assert png.startswith(b"\x89PNG")
    assert gap_chart(report, png=True) == drawn[0]
