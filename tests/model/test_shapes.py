"""Tests that frameworks of each real shape answer queries as their sources would."""

from __future__ import annotations

from pathlib import Path

import pytest

from skilltaxonomy import (
    Assessment,
    Extras,
    InvalidQueryError,
    Taxonomy,
    gap,
    load,
    path,
)

SHAPES = Path(__file__).parent.parent / "data" / "shapes"


def _shape(name: str) -> Taxonomy:
    return load(SHAPES / f"{name}.json")


class TestLaddersPerRole:
    """A progression framework where each discipline climbs its own ladder."""

    @pytest.fixture(name="tax")
    def _tax(self) -> Taxonomy:
        return _shape("ladders-per-role")

    def test_each_role_climbs_its_ladder(self, tax: Taxonomy) -> None:
        """A role's levels are its ladder's, with descriptions; ranks count on that ladder."""
        assert [lv.name for lv in tax.levels_of_role("backend-engineer")] == [
            "Level 2",
            "Level 3",
            "Level 4",
            "Level 5",
            "Level 6",
        ]
        assert tax.level(1, role="backend-engineer").name == "Level 2"
        assert tax.level("be-3").description == "Owns features end to end."
        assert [lv.id for lv in tax.levels.filter(ladder="support")] == ["ops-1", "ops-2"]

    def test_compare_stays_on_the_role_ladder(self, tax: Taxonomy) -> None:
        """A two-level ladder has one step up, and its top is the top."""
        up = tax.compare("support-quality", "support-specialist", "ops-1")
        assert (up.target.id, len(up.crossed)) == ("ops-2", 1)
        assert tax.compare("support-quality", "support-specialist", "ops-2").at_top
        assert tax.next_level("be-6", "backend-engineer") is None

    def test_a_level_of_another_ladder_is_refused(self, tax: Taxonomy) -> None:
        """Asking about a level the role does not climb says which levels it does."""
        with pytest.raises(InvalidQueryError) as caught:
            tax.compare("delivery", "backend-engineer", "ops-1")
        assert str(caught.value) == (
            "level 'ops-1' is not on the ladder of role 'backend-engineer' "
            "(be-2, be-3, be-4, be-5, be-6)"
        )
        with pytest.raises(InvalidQueryError) as caught:
            tax.compare("delivery", "backend-engineer", 6)
        assert str(caught.value) == (
            "no level of rank 6 on the ladder of role 'backend-engineer' "
            "(be-2, be-3, be-4, be-5, be-6)"
        )

    def test_criteria_and_examples_are_lists(self, tax: Taxonomy) -> None:
        """An expectation keeps its criteria and examples item by item."""
        first = tax.expectation("delivery", "backend-engineer", "be-2")
        assert first.criteria == (
            "Splits work into reviewable changes",
            "Asks for help when blocked for a day",
        )
        assert first.examples == ("Shipped a small endpoint with tests",)
        assert first.mandatory is None

    def test_a_plan_follows_the_ladder(self, tax: Taxonomy) -> None:
        """A promotion plan steps through the role's own levels."""
        plan = path(tax, "backend-engineer", "be-2", "be-4")
        assert [step.level.id for step in plan.steps] == ["be-3", "be-4"]


class TestPositionsByAxis:
    """Ladders whose positions each name one step of every axis's own scale."""

    @pytest.fixture(name="tax")
    def _tax(self) -> Taxonomy:
        return _shape("positions-by-axis")

    def test_each_position_names_a_step_per_axis(self, tax: Taxonomy) -> None:
        """The step expected of each axis at each developer position."""
        steps = {
            (e.skill.id, e.level.id): e.step.name
            for e in tax.expectations.filter(role="developer")
            if e.step is not None
        }
        assert steps[("technology", "d3")] == "Specializes"
        assert steps[("influence", "d4")] == "Multiple teams"
        assert tax.scale_of("influence") == tax.scale("influence")

    def test_a_ladder_that_starts_higher(self, tax: Taxonomy) -> None:
        """The technical lead starts at TL4: TL3 is not on its ladder, and TL4 is its first."""
        assert [lv.id for lv in tax.levels_of_role("technical-lead")] == ["tl4", "tl5"]
        assert tax.previous_level("tl4", "technical-lead") is None
        with pytest.raises(InvalidQueryError, match=r"^level 'tl3' is not on the ladder"):
            tax.compare("technology", "technical-lead", "tl3")
        assert [lv.id for lv in tax.matrix("technical-lead").levels] == ["tl4", "tl5"]

    def test_levels_carry_their_flags(self, tax: Taxonomy) -> None:
        """A senior flag per level travels as a namespaced extra."""
        senior = [lv.id for lv in tax.levels if lv.extras.get("ladders:senior")]
        assert senior == ["d3", "d4", "tl4", "tl5"]


class TestCatalogue:
    """A skills catalogue without roles: a generic scale, definitions per skill, tools."""

    @pytest.fixture(name="tax")
    def _tax(self) -> Taxonomy:
        return _shape("catalogue")

    def test_no_roles(self, tax: Taxonomy) -> None:
        """A catalogue has skills and a scale, and no roles, levels or expectations."""
        assert (len(tax.roles), len(tax.levels), len(tax.expectations)) == (0, 0, 0)
        assert [step.name for step in tax.scale("skill-level").steps][:2] == [
            "Not aware",
            "Aware",
        ]

    def test_definitions_per_skill(self, tax: Taxonomy) -> None:
        """What a step means for one skill, found by skill and step (id, code or name)."""
        found = tax.definitions.filter(skill="data-cleaning", step="Independent")
        assert [d.description for d in found] == [
            "Writes a repeatable cleaning script for a new data set."
        ]
        # By id "2", or by rank 3: the scale starts at "0".
        assert tax.definitions.get(("version-control", "2")) is not None
        assert tax.definitions.get(("version-control", 3)) == tax.definitions.get(
            ("version-control", "Practitioner")
        )

    def test_identity_extras_and_translations(self, tax: Taxonomy) -> None:
        """External ids, tools and translations come through as the source gives them."""
        skill = tax.skill("data-cleaning")
        assert skill.external_id == "RDS-DC"
        assert skill.extras["catalogue:tools"] == ("OpenRefine", "pandas")
        assert isinstance(skill.extras["catalogue:resources"][0], Extras)  # type: ignore[index]
        assert skill.translations.text("de", "name", skill.name) == "Datenbereinigung"
        assert skill.translations.text("de-AT", "name", skill.name) == "Datenbereinigung"
        assert skill.translations.text("fr", "name", skill.name) == "Data cleaning"
        assert (tax.publisher, tax.licence, str(tax.issued)) == (
            "An example research office",
            "CC-BY-4.0",
            "2026-03-01",
        )


class TestTracksAndMilestones:
    """A growth framework: tracks × milestones, with signals, examples and points."""

    @pytest.fixture(name="tax")
    def _tax(self) -> Taxonomy:
        return _shape("tracks-milestones")

    def test_lists_and_points(self, tax: Taxonomy) -> None:
        """Signals and examples stay lists; points are extras."""
        m1 = tax.expectation("web-client", "engineer", "m1")
        assert m1.signals == ("Makes minor changes to components", "Follows the style guide")
        assert m1.examples == ("Added a field to a form", "Fixed a layout bug on small screens")
        points = sum(int(e.extras["growth:points"]) for e in tax.expectations)  # type: ignore[call-overload]
        assert points == 11

    def test_search_reads_the_lists(self, tax: Taxonomy) -> None:
        """Search finds words in signals and examples, not only in descriptions."""
        assert [e.level.id for e in tax.search("style guide")] == ["m1"]
        assert [e.level.id for e in tax.search("settings page")] == ["m2"]

    def test_nothing_flagged_means_every_item_counts(self, tax: Taxonomy) -> None:
        """Without any mandatory flag, ready means every item met (never 0 of N)."""
        nobody = Assessment.build(tax, "Sam", {}, role="engineer")
        report = gap(tax, nobody, target="m2")
        assert (report.ready, report.readiness, len(report.blocking)) == (False, "all", 3)
        everything = Assessment.build(tax, "Kim", {"web-client": "m2", "mentorship": "m2"})
        assert gap(tax, everything, "engineer", "m2").ready


class TestRolePage:
    """A role page: proficiency letters on a scale with a legend, per skill and level."""

    @pytest.fixture(name="tax")
    def _tax(self) -> Taxonomy:
        return _shape("role-page")

    def test_the_matrix_of_letters(self, tax: Taxonomy) -> None:
        """Each cell shows the step's code; blank where the role expects nothing."""
        matrix = tax.matrix("ml-engineer")
        letters = {
            row.skill.id: [None if e is None or e.step is None else e.step.code for e in row.cells]
            for row in matrix.rows
        }
        assert letters == {
            "prompt-design": ["W", "V", "W"],  # a letter may go down as the level rises
            "code-review-with-ai": [None, "A", "W"],
            "model-serving": [None, None, "E"],
        }

    def test_counts_groups_and_levels(self, tax: Taxonomy) -> None:
        """Skill groups, mandatory counts, and the role's own focus and stack per level."""
        groups = {s.category for s in tax.skills.filter(role="ml-engineer")}
        assert groups == {"AI-Assisted Development", "MLOps"}
        expectations = tax.expectations.filter(role="ml-engineer")
        assert (len(expectations), len(expectations.filter(mandatory=True))) == (6, 3)
        senior = tax.role_levels.get(("ml-engineer", "senior"))
        assert senior is not None
        assert senior.stack == ("Python", "PyTorch", "Kubernetes", "Triton")
        assert tax.expectation("model-serving", "ml-engineer", "senior").importance == 4.5
        assert tax.scale("proficiency").translations.text("es", "name") == "Dominio"


def test_repr_counts_what_the_framework_has() -> None:
    """A framework's repr counts every level, and its ladders and scales when it has some."""
    assert repr(_shape("positions-by-axis")).endswith(
        "levels=7, expectations=12, ladders=2, scales=2)"
    )


def test_lookups_take_translated_names() -> None:
    """A skill is found by its name in any language the framework gives; its own name first."""
    tax = _shape("catalogue")
    assert tax.skill("Datenbereinigung").id == "data-cleaning"
    assert tax.skill("datenbereinigung") == tax.skill("Data cleaning")
    assert tax.scale("Dominio", None) is None  # that translation is in another file
    assert _shape("role-page").scale("Dominio").id == "proficiency"
