"""Tests for the team charts: a coverage heatmap and a team's gap, as SVG and PNG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from skilltaxonomy import RatingsTable, Taxonomy, skill_gaps
from skilltaxonomy.pages.chart import HEATMAP_PEOPLE, coverage_heatmap, team_gap_chart

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
    svg = coverage_heatmap(bundled, coverage, title="LLM Engineer at Senior")
    assert isinstance(svg, str)
    ET.fromstring(svg.encode())
    assert "Neural Network Architectures" in svg
    assert "p2" in svg
    png = coverage_heatmap(bundled, coverage, png=True)
    assert isinstance(png, bytes)
    assert png.startswith(b"\x89PNG")


def test_heatmap_counts_people_beyond_its_width(bundled: Taxonomy) -> None:
    """More people than columns: the columns are levels and the cells count people."""
    coverage = skill_gaps(bundled, _team(bundled, HEATMAP_PEOPLE + 1), "llm-engineer", "senior")
    svg = coverage_heatmap(bundled, coverage, locale="es")
    assert "p500" not in svg
    assert "Personas" in svg
    assert "≥3" in svg


def test_team_gap_chart_of_a_table(bundled: Taxonomy) -> None:
    """The engines' coverage table charts as a team view does."""
    coverage = skill_gaps(bundled, _team(bundled, 5), "llm-engineer", "senior")
    svg = team_gap_chart(coverage, taxonomy=bundled, title="Team")
    assert "Neural Network Architectures" in svg
