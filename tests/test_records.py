"""Tests for `to_records` and `to_dataframe`: every result becomes plain rows, one table."""

from __future__ import annotations

import pandas
import pytest

from skilltaxonomy import (
    Assessment,
    Taxonomy,
    diff,
    gap,
    path,
    team,
    to_dataframe,
    to_records,
)
from skilltaxonomy.records import RECORDERS

NNA = "neural-network-architectures"


@pytest.fixture(name="ana")
def _ana(bundled: Taxonomy) -> Assessment:
    return Assessment.build(bundled, "Ana", {NNA: "middle"})


def test_every_kind_of_result(bundled: Taxonomy, ana: Assessment) -> None:
    """Each type in the table gives plain rows of scalars."""
    results = {
        "framework": bundled,
        "listing": bundled.expectations.filter(role="llm-engineer"),
        "profile": bundled.profile(NNA),
        "matrix": bundled.matrix("llm-engineer"),
        "comparison": bundled.compare(NNA, "llm-engineer", "junior"),
        "assessment": ana,
        "gap": gap(bundled, ana, "data-scientist", "senior"),
        "team": team(bundled, [ana], "data-scientist", "senior"),
        "diff": diff(bundled, bundled),
    }
    sizes = {name: len(to_records(item)) for name, item in results.items()}
    assert sizes == {
        "framework": 10,
        "listing": 5,
        "profile": 10,
        "matrix": 5,
        "comparison": 2,
        "assessment": 1,
        "gap": 1,
        "team": 1,
        "diff": 0,
    }
    for item in results.values():
        for record in to_records(item):
            assert all(isinstance(key, str) for key in record)


def test_gap_rows(bundled: Taxonomy, ana: Assessment) -> None:
    """A gap report gives a row per skill: met and required ranks, items, blocking, readiness."""
    (row,) = to_records(gap(bundled, ana, "data-scientist", "senior"))
    assert row == {
        "person": "Ana",
        "role_id": "data-scientist",
        "target_id": "senior",
        "skill_id": NNA,
        "skill": "Neural Network Architectures",
        "met_id": "middle",
        "met_rank": 2,
        "required_rank": 3,
        "items_met": 2,
        "items_required": 3,
        "mandatory_met": 0,
        "mandatory_required": 0,
        "blocking": 1,
        "ready": False,
    }


def test_a_team_frame(bundled: Taxonomy, ana: Assessment) -> None:
    """A team view is a data frame of one row per person and skill."""
    bo = Assessment.build(bundled, "Bo", {})
    frame = to_dataframe(team(bundled, [ana, bo], "data-scientist", "senior"))
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["person"]) == ["Ana", "Bo"]
    assert list(frame["met_rank"]) == [2, 0]


def test_listings_of_entities(bundled: Taxonomy) -> None:
    """A listing of entities gives their fields, references by id and name."""
    assert to_records(bundled.levels)[0] == {
        "level_id": "junior",
        "level": "Junior",
        "level_rank": 1,
    }
    assert to_records(bundled.skills)[0]["domain_id"] == "machine-learning-ai"


def test_not_records() -> None:
    """Anything else is refused, naming what is taken."""
    with pytest.raises(
        TypeError, match=r"^cannot make records of str: expected one of Taxonomy, Listing"
    ):
        to_records("framework")


def test_a_plan_is_not_yet_records(bundled: Taxonomy) -> None:
    """The table lists what it takes; a plan is rendered, not tabulated (yet)."""
    assert type(path(bundled, "llm-engineer", 1, 3)) not in RECORDERS


def test_listings_of_results(bundled: Taxonomy, ana: Assessment) -> None:
    """A listing of reports gives every report's rows; other values their fields, by id."""
    bo = Assessment.build(bundled, "Bo", {})
    view = team(bundled, [ana, bo], "data-scientist", "senior")
    assert [row["person"] for row in to_records(view.reports)] == ["Ana", "Bo"]
    (row,) = to_records(gap(bundled, ana, "data-scientist", "senior").skills)
    assert row["skill"] == NNA
    assert row["met"] == "middle"
    assert row["required_items"] == tuple(
        (NNA, "data-scientist", level) for level in ("junior", "middle", "senior")
    )
