"""Tests for gap reports, promotion plans, role transitions, team views and their pages."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

import pytest

from skilltaxonomy import (
    Assessment,
    Domain,
    Expectation,
    InvalidAssessmentError,
    InvalidQueryError,
    Level,
    LevelNotFoundError,
    Rating,
    Role,
    Skill,
    Taxonomy,
    gap,
    gap_chart,
    path,
    render,
    team,
    transition,
)

from ..pages.test_render import parse_html, parse_markdown


def ladder_framework(size: int) -> Taxonomy:
    """A framework with `size` levels; 'eng' lacks skill 'c', 'mgr' has 'a' at one level only."""
    domain = Domain("d", "Engineering")
    a, b, c = (Skill(i, f"Skill {i.upper()}", domain) for i in "abc")
    eng, mgr = Role("eng", "Engineer"), Role("mgr", "Manager")
    levels = tuple(Level(f"l{i}", f"L{i}", i) for i in range(1, size + 1))
    expectations = [Expectation(a, eng, lv, lv.rank % 2 == 0, f"A at {lv.id}") for lv in levels]
    expectations += [Expectation(b, eng, lv, True, f"B at {lv.id}") for lv in levels[2:]]
    expectations += [Expectation(c, mgr, lv, False, f"C at {lv.id}") for lv in levels]
    expectations.append(Expectation(a, mgr, levels[-1], True, "A for managers"))
    return Taxonomy(
        name=f"Ladder {size}",
        domains=[domain],
        skills=[a, b, c],
        roles=[eng, mgr],
        levels=levels,
        expectations=expectations,
    )


@pytest.fixture(name="seven")
def _seven() -> Taxonomy:
    return ladder_framework(7)


@pytest.fixture(name="three")
def _three() -> Taxonomy:
    return ladder_framework(3)


class TestGap:
    def test_counts_and_readiness(self, seven: Taxonomy) -> None:
        """Items and mandatory items are counted per skill and overall; readiness needs every mandatory."""
        ana = Assessment.build(seven, "Ana", {"a": "l4", "b": "l3"}, role="eng", level="l4")
        report = gap(seven, ana, target="l5")
        assert (report.role.id, report.target.id) == ("eng", "l5")
        a, b = report.skills
        assert (
            a.met.id,
            len(a.required_items),
            len(a.met_items),
            a.mandatory_required,
            a.mandatory_met,
        ) == ("l4", 5, 4, 2, 2)
        assert a.ready
        assert [e.description for e in a.to_cover] == ["A at l5"]
        assert (len(b.required_items), len(b.met_items), b.mandatory_required, b.mandatory_met) == (
            3,
            1,
            3,
            1,
        )
        assert not b.ready
        assert [e.description for e in b.to_cover] == ["B at l4", "B at l5"]
        assert (report.items_met, report.items_required) == (5, 8)
        assert (report.mandatory_met, report.mandatory_required) == (3, 5)
        assert not report.ready
        assert [e.description for e in report.to_cover] == ["B at l4", "B at l5", "A at l5"]

    def test_mandatory_first(self, seven: Taxonomy) -> None:
        """What is left to cover lists mandatory items before optional ones."""
        report = gap(seven, Assessment("Bo", ()), "eng", "l3")
        assert [(e.description, e.mandatory) for e in report.skills[0].to_cover] == [
            ("A at l2", True),
            ("A at l1", False),
            ("A at l3", False),
        ]

    def test_not_assessed(self, three: Taxonomy) -> None:
        """A skill without a rating meets nothing and says so; it is not guessed."""
        report = gap(three, Assessment.build(three, "Cy", {"a": "l3"}), "eng", "l3")
        b = report.skills[1]
        assert (b.assessed, b.met, len(b.met_items)) == (False, None, 0)
        assert "not assessed" in render(report)
        assert "sin evaluar" in render(report, locale="es")

    def test_only_the_roles_skills(self, seven: Taxonomy) -> None:
        """Skills the role does not have are left out; ratings for them are ignored."""
        report = gap(seven, Assessment.build(seven, "Di", {"c": "l7"}), "eng", "l7")
        assert [s.skill.id for s in report.skills] == ["a", "b"]
        manager = gap(seven, Assessment.build(seven, "Di", {"c": "l7"}), "mgr", "l6")
        assert [s.skill.id for s in manager.skills] == ["a", "c"]
        assert manager.skills[0].required_items == ()
        assert manager.ready

    def test_above_the_target(self, three: Taxonomy) -> None:
        """Meeting a level above the target meets everything up to it."""
        report = gap(three, Assessment.build(three, "Ed", {"a": "l3", "b": "l3"}), "eng", "l1")
        assert report.ready
        assert report.to_cover == ()

    def test_defaults_from_the_assessment(self, three: Taxonomy) -> None:
        """Role and target default to the assessment's role and the next level."""
        fay = Assessment.build(three, "Fay", {}, role="mgr", level="l1")
        report = gap(three, fay)
        assert (report.role.id, report.target.id) == ("mgr", "l2")

    @pytest.mark.parametrize(
        ("assessment", "message"),
        [
            (Assessment("Gus", ()), "no role given, and Gus's assessment names none"),
        ],
    )
    def test_missing_defaults(self, three: Taxonomy, assessment: Assessment, message: str) -> None:
        """Without a role or target, the assessment must say."""
        with pytest.raises(InvalidQueryError, match=f"^{message}$"):
            gap(three, assessment)

    def test_missing_target(self, three: Taxonomy) -> None:
        """No target and no current level, or a current level at the top, is a clear error."""
        with pytest.raises(
            InvalidQueryError,
            match=r"^no target level given, and Hal's assessment names no current level$",
        ):
            gap(three, Assessment("Hal", (), role=three.role("eng")))
        top = Assessment("Ida", (), role=three.role("eng"), level=three.level("l3"))
        with pytest.raises(InvalidQueryError, match=r"^'L3' is the top level; give a target$"):
            gap(three, top)

    def test_unknown_target(self, three: Taxonomy) -> None:
        """An unknown level raises with suggestions."""
        with pytest.raises(LevelNotFoundError, match=r"did you mean 'l3'\?"):
            gap(three, Assessment("Jo", ()), "eng", "l33")

    def test_foreign_assessment(self, three: Taxonomy, seven: Taxonomy) -> None:
        """An assessment built for another framework is refused, each problem placed."""
        foreign = Assessment.build(seven, "Kim", {"a": "l7", "c": "l2"}, level="l6")
        with pytest.raises(InvalidAssessmentError) as caught:
            gap(three, foreign, "eng", "l2")
        assert [str(p) for p in caught.value.problems] == [
            "$.ratings[0].level: level 'l7' is not one of the taxonomy's",
            "$.level: level 'l6' is not one of the taxonomy's",
        ]
        twice = Assessment("Lu", (Rating(three.skill("a"), three.level(1)),) * 2)
        with pytest.raises(
            InvalidAssessmentError,
            match=r"duplicate rating for skill 'a' \(first at \$\.ratings\[0\]\.skill\)",
        ):
            gap(three, twice, "eng", "l2")

    def test_pure(self, seven: Taxonomy) -> None:
        """Nothing passed in changes."""
        ana = Assessment.build(seven, "Ana", {"a": "l2"})
        before = (copy.deepcopy(ana), seven.expectations)
        gap(seven, ana, "eng", "l7")
        team(seven, [ana], "eng", "l7")
        assert (ana, seven.expectations) == before

    def test_bundled(self, bundled: Taxonomy) -> None:
        """On the bundled framework: a Middle Data Scientist aiming at Senior."""
        ana = Assessment.build(bundled, "Ana", {"neural-network-architectures": "middle"})
        report = gap(bundled, ana, "data-scientist", "senior")
        assert (report.ready, report.items_met, report.items_required) == (False, 2, 3)
        assert report.readiness == "all"  # the page marks nothing mandatory
        assert [e.level.id for e in report.blocking] == ["senior"]


class TestPath:
    def test_steps(self, seven: Taxonomy) -> None:
        """Each step lists what the role expects at that level, mandatory first."""
        plan = path(seven, "eng", "l2", "l4")
        assert [step.level.id for step in plan.steps] == ["l3", "l4"]
        assert [e.description for e in plan.steps[1].expectations] == ["A at l4", "B at l4"]
        assert [e.description for e in plan.steps[0].expectations] == ["B at l3", "A at l3"]

    def test_empty_and_backwards(self, three: Taxonomy) -> None:
        """A plan to the same level is empty; backwards is an error."""
        assert path(three, "eng", 2, 2).steps == ()
        with pytest.raises(
            InvalidQueryError, match=r"^level 'L1' is below the starting level 'L2'$"
        ):
            path(three, "eng", "l2", "l1")

    def test_gaps_in_the_ladder(self, seven: Taxonomy) -> None:
        """A step where the role expects nothing says so on the page."""
        plan = path(seven, "mgr", "l5", "l7")
        assert [len(step.expectations) for step in plan.steps] == [1, 2]
        page = render(path(ladder_framework(3), "eng", "l1", "l2"), "md", locale="de")
        assert page.startswith("# Engineer: von L1 bis L2\n\n1 Schritt\n\n## L2\n")


class TestTransition:
    def test_shared_new_left(self, seven: Taxonomy) -> None:
        """Moving from engineer to manager: a shared, c new, b left behind."""
        move = transition(seven, "eng", "mgr", "l7")
        assert (
            [s.id for s in move.shared],
            [s.id for s in move.new],
            [s.id for s in move.left],
        ) == (
            ["a"],
            ["c"],
            ["b"],
        )
        assert [e.description for e in move.expectations] == ["A for managers", "C at l7"]
        assert "Skills left behind" in render(move)


class TestTeam:
    def test_closest_first(self, seven: Taxonomy) -> None:
        """Ready people first, then by mandatory and other items missing."""
        people = [
            Assessment.build(seven, "Far", {"a": "l1"}),
            Assessment.build(seven, "Near", {"a": "l4", "b": "l4"}),
            Assessment.build(seven, "Mid", {"a": "l4", "b": "l3"}),
        ]
        view = team(seven, people, "eng", "l4")
        assert [r.person for r in view.reports] == ["Near", "Mid", "Far"]
        assert view.closest is not None
        assert view.closest.person == "Near"
        assert [lv and lv.id for lv in view.coverage("b")] == ["l4", "l3", None]
        assert [s.id for s in view.skills] == ["a", "b"]

    def test_empty(self, three: Taxonomy) -> None:
        """A team of nobody has no closest person and no rows."""
        view = team(three, [], "eng", "l2")
        assert (view.closest, view.skills) == (None, ())
        parse_html(render(view, "html"))

    def test_page(self, three: Taxonomy) -> None:
        """The team page has a row per person and a coverage grid: skills down, people across."""
        people = [Assessment.build(three, n, {"a": "l2"}) for n in ("Ann", "Ben")]
        page = render(team(three, people, "eng", "l2"), "md", locale="es")
        assert "| Persona | Listo | Requisitos cumplidos | Obligatorios cumplidos |" in page
        assert "| Habilidad | Objetivo | Ann | Ben |" in page
        assert "| Skill A | L2 | L2: ✓ | L2: ✓ |" in page
        assert "| Skill B | L2 | — | — |" in page  # not assessed, as the line above says
        assert "✓ marca una habilidad cumplida según la regla en vigor; — sin evaluar." in page


class TestPages:
    @pytest.mark.parametrize("locale", ["en", "es", "de"])
    def test_valid_and_escaped(self, seven: Taxonomy, locale: str) -> None:
        """Gap, plan, transition and team pages are valid HTML and escape framework text."""
        person = "<b>Eve</b> | x"
        eve = Assessment.build(seven, person, {"a": "l2"})
        items = [
            gap(seven, eve, "eng", "l4"),
            path(seven, "eng", "l1", "l7"),
            transition(seven, "eng", "mgr", "l3"),
            team(seven, [eve], "eng", "l4"),
        ]
        for item in items:
            tree = parse_html(render(item, "html", locale=locale))
            assert list(tree.iter("b")) == []
            if item in (items[0], items[3]):
                assert person in "".join(tree.itertext())
            tokens = parse_markdown(render(item, "md", locale=locale))
            assert all(t.type != "html_inline" or t.content == "<br>" for t in tokens)
            assert render(item, "text", locale=locale)
            assert item._repr_html_().startswith('<section class="skilltaxonomy"')

    def test_gap_report_text(self, three: Taxonomy) -> None:
        """The text report says ready or not, the counts, a row per skill, and what is left."""
        report = gap(three, Assessment.build(three, "Ana", {"a": "l1"}), "eng", "l3")
        lines = render(report, width=100).splitlines()
        assert lines[:10] == [
            "Ana: Engineer at L3",
            "===================",
            "",
            "Not ready: 2 mandatory items to cover.",
            "1 of 4 items met; 0 of 2 mandatory.",
            "Ready means every item up to the target not marked optional is met (readiness policy: "
            "not-optional).",
            "  Skill    Level met     Level required  Items met  Mandatory met",
            "  Skill A  L1            L3              1/3        0/1",
            "  Skill B  not assessed  L3              0/1        0/1",
            "",
        ]
        assert lines[10:] == [
            "Still to cover",
            "  Skill         Required  Description",
            "  Skill A · L2  Required  A at l2",
            "  Skill B · L3  Required  B at l3",
            "  Skill A · L3            A at l3",
        ]
        done = gap(three, Assessment.build(three, "Bo", {"a": "l3", "b": "l3"}), "eng", "l3")
        assert render(done).splitlines()[3] == "Ready: every item not marked optional is met."
        assert render(done).endswith("Nothing left to cover.\n")


class TestChart:
    def test_svg_names_every_skill(self, seven: Taxonomy) -> None:
        """The chart is SVG that names every skill and every level, as text."""
        report = gap(seven, Assessment.build(seven, "Ana", {"a": "l4"}), "eng", "l6")
        svg = gap_chart(report)
        root = ET.fromstring(svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        for name in ("Skill A", "Skill B", "not assessed", "L7", "Level met", "Level required"):
            assert name in svg
        assert gap_chart(report) == svg  # the same report, the same bytes

    def test_localized(self, three: Taxonomy) -> None:
        """Labels follow the locale."""
        report = gap(three, Assessment("Ana", ()), "eng", "l2")
        assert "Nivel requerido" in gap_chart(report, locale="es")


def test_gap_chart_of_a_team(bundled: Taxonomy) -> None:
    """A team view is charted per skill: ready and not ready; anything else is a TypeError."""
    people = [
        Assessment.build(bundled, name, {"neural-network-architectures": level})
        for name, level in [("Ana", "junior"), ("Bo", "senior")]
    ]
    view = team(bundled, people, "llm-engineer", "senior")
    svg = gap_chart(view)
    assert "Neural Network Architectures" in svg
    assert "LLM Engineer at Senior: ready per skill" in svg
    assert "Nicht bereit" in gap_chart(view, locale="de")
    with pytest.raises(TypeError) as caught:
        gap_chart(people[0])  # type: ignore[arg-type]
    assert str(caught.value) == (
        "gap_chart takes a GapReport (from gap) or a TeamView (from team), got Assessment"
    )
