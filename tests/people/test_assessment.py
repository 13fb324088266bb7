"""Tests for assessments and their file format."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltaxonomy import (
    ASSESSMENT_FORMAT,
    Assessment,
    InvalidAssessmentError,
    InvalidQueryError,
    InvalidTaxonomyError,
    Listing,
    Rating,
    SkillNotFoundError,
    Taxonomy,
    dump_assessment,
    dumps_assessment,
    gap,
    load,
    load_assessment,
    loads_assessment,
)

NNA = "neural-network-architectures"


def document(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": ASSESSMENT_FORMAT,
        "person": "Ana",
        "role": "data-scientist",
        "level": "middle",
        "ratings": [
            {"skill": NNA, "level": "middle", "note": "Ships U-Nets.", "assessed": "2026-03-01"}
        ],
    }
    doc.update(changes)
    return doc


def problems(data: object, taxonomy: Taxonomy) -> list[str]:
    text = data if isinstance(data, str) else json.dumps(data)
    with pytest.raises(InvalidAssessmentError) as caught:
        loads_assessment(text, taxonomy, source="ana.json")
    return [str(problem) for problem in caught.value.problems]


class TestModel:
    def test_build_and_query(self, bundled: Taxonomy) -> None:
        """An assessment built from names or ids holds the framework's objects."""
        ana = Assessment.build(
            bundled, "Ana", {"Neural Network Architectures": 2}, role="Data Scientist"
        )
        assert ana.ratings == (Rating(bundled.skill(NNA), bundled.level("middle")),)
        assert ana.role == bundled.role("data-scientist")
        assert ana.level is None
        assert ana.met(NNA) == bundled.level("middle")
        assert ana.met(bundled.skill(NNA)) == bundled.level("middle")
        assert ana.rating("other") is None
        assert ana.met("other") is None

    def test_build_unknown(self, bundled: Taxonomy) -> None:
        """Unknown names fail at once, with suggestions."""
        with pytest.raises(SkillNotFoundError, match="did you mean"):
            Assessment.build(bundled, "Ana", {"neural": "junior"})

    def test_frozen(self, bundled: Taxonomy) -> None:
        """Assessments are immutable and keep their ratings as a listing."""
        ana = Assessment.build(bundled, "Ana", {NNA: "junior"})
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            ana.person = "Bo"  # type: ignore[misc]
        assert isinstance(Assessment("Bo", [*ana.ratings]).ratings, Listing)
        assert repr(ana) == (
            "Assessment(person='Ana', ratings=Listing([Rating(skill='neural-network-architectures', "
            "level='junior', note='', assessed=None, step=None)]), role=None, level=None)"
        )


class TestFormat:
    def test_round_trip(self, bundled: Taxonomy, tmp_path: Path) -> None:
        """Reading and writing keeps everything; the output is canonical."""
        ana = loads_assessment(json.dumps(document()), bundled)
        assert ana.ratings[0].note == "Ships U-Nets."
        assert ana.ratings[0].assessed == datetime.date(2026, 3, 1)
        assert (ana.role and ana.role.id, ana.level and ana.level.id) == (
            "data-scientist",
            "middle",
        )
        text = dumps_assessment(ana)
        assert json.loads(text) == document()
        assert loads_assessment(text, bundled) == ana
        path = tmp_path / "ana.json"
        dump_assessment(ana, path)
        assert path.read_text(encoding="utf-8") == text
        assert load_assessment(path, bundled) == ana

    def test_optional_keys(self, bundled: Taxonomy) -> None:
        """Role, level, note and date may be left out."""
        doc = document(ratings=[{"skill": NNA, "level": "junior"}])
        del doc["role"], doc["level"]
        ana = loads_assessment(json.dumps(doc), bundled)
        assert (ana.role, ana.level, ana.ratings[0].note, ana.ratings[0].assessed) == (
            None,
            None,
            "",
            None,
        )

    @pytest.mark.parametrize(
        ("doc", "expected"),
        [
            (
                document(ratings=[{"skill": "neural", "level": "seniour"}]),
                [
                    "$.ratings[0].skill: unknown skill 'neural' (did you mean 'neural-network-architectures'?)",
                    "$.ratings[0].level: unknown level 'seniour' (did you mean 'senior' or 'junior'?)",
                ],
            ),
            (
                document(role="llm", level="staff"),
                [
                    "$.role: unknown role 'llm' (did you mean 'llm-engineer'?)",
                    "$.level: unknown level 'staff' (expected the id of a level)",
                ],
            ),
            (
                document(
                    ratings=[{"skill": NNA, "level": "junior"}, {"skill": NNA, "level": "senior"}]
                ),
                [
                    "$.ratings[1].skill: duplicate rating for skill 'neural-network-architectures' (first at $.ratings[0].skill)"
                ],
            ),
            (
                document(person="", ratings={}, extra=1),
                [
                    "$.person: expected a non-empty string, got ''",
                    "$.ratings: expected an array, got an object",
                    "$.extra: unknown key (expected one of: format, person, ratings, role, level)",
                ],
            ),
            (
                document(
                    ratings=[{"skill": NNA, "level": "junior", "assessed": "1 March", "notes": ""}]
                ),
                [
                    "$.ratings[0].assessed: expected an ISO date such as '2026-02-22', or null, got '1 March'",
                    "$.ratings[0].notes: unknown key (did you mean 'note'?)",
                ],
            ),
            (
                {"format": "skilltaxonomy/1", "person": "Ana", "ratings": []},
                [
                    "$.format: unsupported format 'skilltaxonomy/1'; this version reads 'skilltaxonomy-assessment/1' or "
                    "'skilltaxonomy-assessment/2'"
                ],
            ),
            ([], ["$: expected a JSON object, got an array"]),
            (
                "{",
                [
                    "$: not valid JSON: Expecting property name enclosed in double quotes at line 1, column 2"
                ],
            ),
        ],
    )
    def test_problems(self, bundled: Taxonomy, doc: object, expected: list[str]) -> None:
        """Every problem is reported with its place, unknown ids with suggestions."""
        assert problems(doc, bundled) == expected

    def test_message_names_the_file(self, bundled: Taxonomy) -> None:
        """The error names the file and is an InvalidTaxonomyError (and ValueError)."""
        with pytest.raises(InvalidAssessmentError) as caught:
            loads_assessment(b"\xff", bundled, source="ana.json")
        assert (
            str(caught.value) == "ana.json: 1 problem\n  $: not UTF-8 text (byte 0xff at offset 0)"
        )
        assert isinstance(caught.value, InvalidTaxonomyError)
        with pytest.raises(InvalidAssessmentError, match=r"^invalid assessment: 1 problem"):
            loads_assessment("[]", bundled)

    def test_ids_not_names(self, bundled: Taxonomy) -> None:
        """Files refer to ids; a name is an unknown id."""
        doc = document(ratings=[{"skill": "Neural Network Architectures", "level": "Middle"}])
        assert problems(doc, bundled)[0].startswith(
            "$.ratings[0].skill: unknown skill 'Neural Network Architectures'"
        )


class TestSteps:
    """Ratings by a step of the skill's scale: read, written, and counted by gap."""

    @pytest.fixture(name="tax")
    def _tax(self) -> Taxonomy:
        return load(Path(__file__).parent.parent / "data" / "shapes" / "role-page.json")

    def test_a_step_meets_what_names_it_or_less(self, tax: Taxonomy) -> None:
        """Rated Advanced (V) in prompt design, one meets the W and V items; gap counts them."""
        sam = Assessment.build(tax, "Sam", {}, steps={"prompt-design": "V"})
        report = gap(tax, sam, "ml-engineer", "senior", readiness="all")
        prompt = report.skills.get("prompt-design")
        assert prompt is not None
        assert [e.level.id for e in prompt.met_items] == ["junior", "middle", "senior"]
        assert prompt.met is not None
        assert prompt.met.id == "senior"
        assert [s.skill.id for s in report.skills if not s.met_items] == [
            "code-review-with-ai",
            "model-serving",
        ]

    def test_file_round_trip(self, tax: Taxonomy) -> None:
        """Format v2 writes the step; v1 files still read, and may not hold one."""
        sam = Assessment.build(
            tax, "Sam", {"model-serving": "senior"}, steps={"prompt-design": "W"}
        )
        text = dumps_assessment(sam)
        assert '"format": "skilltaxonomy-assessment/2"' in text
        assert loads_assessment(text, tax) == sam
        v1 = text.replace("assessment/2", "assessment/1")
        with pytest.raises(InvalidAssessmentError) as caught:
            loads_assessment(v1, tax, source="sam.json")
        assert str(caught.value) == (
            "sam.json: 1 problem\n  $.ratings[1].step: unknown key "
            "(a step needs format 'skilltaxonomy-assessment/2')"
        )

    def test_unknown_step_is_placed(self, tax: Taxonomy) -> None:
        """A step that is not on the skill's scale gets the reader's error with suggestions."""
        text = (
            '{"format": "skilltaxonomy-assessment/2", "person": "Sam", '
            '"ratings": [{"skill": "prompt-design", "step": "working!"}]}'
        )
        with pytest.raises(InvalidAssessmentError) as caught:
            loads_assessment(text, tax, source="sam.json")
        assert str(caught.value) == (
            "sam.json: 1 problem\n  $.ratings[0].step: unknown step 'working!' "
            "(did you mean 'working'?)"
        )
        with pytest.raises(InvalidQueryError, match=r"^no step 'Z' on the scale of skill"):
            Assessment.build(tax, "Sam", {}, steps={"prompt-design": "Z"})


@pytest.mark.parametrize(
    "version",
    ["skilltaxonomy-assessment/3", "skilltaxonomy-assessment/9", "skilltaxonomy-assessment/2.1"],
)
def test_a_later_format_version_is_refused(bundled: Taxonomy, version: str) -> None:
    """An assessment of a format version this library does not know is refused, naming those it reads."""
    text = json.dumps(document(format=version))
    with pytest.raises(InvalidAssessmentError) as caught:
        loads_assessment(text, bundled, source="ana.json")
    assert [str(p) for p in caught.value.problems] == [
        f"$.format: unsupported format {version!r}; this version reads "
        "'skilltaxonomy-assessment/1' or 'skilltaxonomy-assessment/2'"
    ]


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(["Ana", "Zoë Ødegård", "李雷", "Ωmega 🚀"]),
    st.sampled_from(["", "Leads the reading group.", "Ausgezeichnet — weiter so ✓"]),
    st.sampled_from(["junior", "middle", "principal"]),
    st.data(),
)
def test_an_assessment_cut_anywhere_is_refused_or_read_whole(
    person: str, note: str, level: str, data: st.DataObject
) -> None:
    """An assessment file cut at any byte is refused with the assessment error, never half read."""
    bundled = load()
    original = Assessment(
        person, [Rating(bundled.skill(NNA), bundled.level(level), note)], role=None, level=None
    )
    text = dumps_assessment(original).encode("utf-8")
    cut = data.draw(st.integers(0, len(text)))
    try:
        read: object = loads_assessment(text[:cut], bundled)
    except InvalidAssessmentError as error:
        read = error
    if isinstance(read, InvalidAssessmentError):  # refused: with the reader's own error, placed
        assert type(read) is InvalidAssessmentError
        assert read.problems
        return
    assert text[:cut].rstrip() == text.rstrip()  # only the final line break was cut
    assert read == original
