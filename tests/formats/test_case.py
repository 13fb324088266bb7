"""Tests for 1EdTech CASE 1.1: exports valid against the CFPackage schema, lossless both ways."""

from __future__ import annotations

import copy
import gc
import json
import random
import uuid
from pathlib import Path
from typing import Any
from unittest import mock

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltaxonomy import (
    Extras,
    InvalidCaseError,
    InvalidQueryError,
    InvalidValueError,
    Reading,
    Taxonomy,
    dumps,
    load,
    loads,
)
from skilltaxonomy.formats import case
from skilltaxonomy.formats.case import CASE_NAMESPACE, from_package, to_package

from ..conftest import SMALL, read_case
from ..strategies import documents, v2_documents

HERE = Path(__file__).resolve().parent.parent  # tests/
CASE_SCHEMA = json.loads((HERE / "standards" / "case-v1p1-cfpackage-schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(
    CASE_SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)
EXAMPLE = HERE / "data" / "case" / "example-data-careers.json"
SHAPE_FILES = sorted((HERE / "data" / "shapes").glob("*.json"))


def _errors(package: dict[str, Any]) -> list[str]:
    return [f"{error.json_path}: {error.message}" for error in VALIDATOR.iter_errors(package)]


def _identifiers(package: dict[str, Any]) -> set[str]:
    """Every identifier of a package's document, items and associations."""
    found = {package["CFDocument"]["identifier"]}
    found |= {item["identifier"] for item in package.get("CFItems", [])}
    return found | {a["identifier"] for a in package.get("CFAssociations", [])}


@pytest.fixture(name="small")
def _small() -> Taxonomy:
    return loads(json.dumps(SMALL))


def _by_type(package: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [item for item in package["CFItems"] if item["CFItemType"] == kind]


class TestExport:
    @pytest.mark.parametrize("which", ["bundled", "small"])
    def test_valid_against_the_case_schema(self, small: Taxonomy, which: str) -> None:
        """Every export is a valid CASE 1.1 CFPackage, formats (uri, date-time) included."""
        taxonomy = load() if which == "bundled" else small
        assert _errors(to_package(taxonomy)) == []

    def test_identifiers_are_deterministic_uuid5(self, small: Taxonomy) -> None:
        """Identifiers are lower-case name-based UUIDs: exporting again gives the same ones."""
        package = to_package(small)
        document = package["CFDocument"]["identifier"]
        assert document == str(uuid.uuid5(CASE_NAMESPACE, "document\x1fSmall"))
        for identifier in _identifiers(package):
            assert identifier == identifier.lower()
            assert uuid.UUID(identifier).version == 5
        assert to_package(small) == package
        assert dumps(small, format="case") == dumps(loads(json.dumps(SMALL)), format="case")
        assert dumps(small, format="case").endswith("}\n")

    def test_different_frameworks_get_different_identifiers(self, small: Taxonomy) -> None:
        """The document's name seeds every identifier, so two frameworks never clash."""
        other = loads(json.dumps(SMALL | {"name": "Other"}))
        assert not _identifiers(to_package(small)) & _identifiers(to_package(other))

    def test_the_tree(self, small: Taxonomy) -> None:
        """Domains under the document, categories under domains, skills under categories."""
        package = to_package(small)
        by_id = {item["identifier"]: item for item in package["CFItems"]}
        document = package["CFDocument"]["identifier"]
        parent = {
            a["originNodeURI"]["identifier"]: a["destinationNodeURI"]["identifier"]
            for a in package["CFAssociations"]
            if a["associationType"] == "isChildOf"
        }

        def statement(identifier: str) -> str:
            return "document" if identifier == document else by_id[identifier]["fullStatement"]

        tree = {
            item["fullStatement"]: statement(parent[item["identifier"]])
            for item in package["CFItems"]
            if item["CFItemType"] in ("Domain", "Category", "Skill", "Role", "Level")
        }
        assert tree == {
            "Engineering": "document",
            "People": "document",
            "Languages": "Engineering",
            "Python": "Languages",
            "SQL": "Languages",
            "Mentoring": "People",
            "Backend Engineer": "document",
            "Engineering Manager": "document",
            "Associate": "document",
            "Engineer": "document",
            "Senior Engineer": "document",
        }
        assert [s["humanCodingScheme"] for s in _by_type(package, "Skill")] == [
            "python",
            "sql",
            "mentoring",
        ]

    def test_levels_are_linked_in_order(self, small: Taxonomy) -> None:
        """Each level precedes the next, and lists its rank."""
        package = to_package(small)
        names = {i["identifier"]: i["fullStatement"] for i in package["CFItems"]}
        chain = [
            (names[a["originNodeURI"]["identifier"]], names[a["destinationNodeURI"]["identifier"]])
            for a in package["CFAssociations"]
            if a["associationType"] == "precedes"
        ]
        assert chain == [("Associate", "Engineer"), ("Engineer", "Senior Engineer")]
        assert [lv["listEnumeration"] for lv in _by_type(package, "Level")] == ["1", "2", "3"]

    def test_expectations_and_the_mandatory_flag(self, small: Taxonomy) -> None:
        """An expectation is a child of its skill, has its level, is part of its role.

        The isPartOf association's grouping says Mandatory or Optional.
        """
        package = to_package(small)
        names = {i["identifier"]: i["fullStatement"] for i in package["CFItems"]}
        groupings = {
            g["identifier"]: g["title"] for g in package["CFDefinitions"]["CFAssociationGroupings"]
        }
        links: dict[str, dict[str, str]] = {}
        for a in package["CFAssociations"]:
            origin = names.get(a["originNodeURI"]["identifier"], "")
            target = names.get(a["destinationNodeURI"]["identifier"], "document")
            entry = links.setdefault(origin, {})
            entry[a["associationType"]] = target
            if "CFAssociationGroupingURI" in a:
                entry["grouping"] = groupings[a["CFAssociationGroupingURI"]["identifier"]]
        assert links["Writes small scripts."] == {
            "isChildOf": "Python",
            "hasSkillLevel": "Associate",
            "isPartOf": "Backend Engineer",
            "grouping": "Mandatory",
        }
        assert links["Designs packages with typed public APIs."]["grouping"] == "Optional"

    def test_rubrics_carry_the_grid(self, small: Taxonomy) -> None:
        """One rubric per role; a criterion per skill; a criterion level per expectation."""
        rubrics = to_package(small)["CFRubrics"]
        assert [r["title"] for r in rubrics] == ["Backend Engineer", "Engineering Manager"]
        criteria = rubrics[0]["CFRubricCriteria"]
        assert [c["description"] for c in criteria] == ["Python", "SQL"]
        assert [
            (lv["quality"], lv["position"], lv["description"])
            for lv in criteria[0]["CFRubricCriterionLevels"]
        ] == [
            ("Associate", 1, "Writes small scripts."),
            ("Engineer", 2, "Writes tested modules."),
            ("Senior Engineer", 3, "Designs packages with typed public APIs."),
        ]
        assert criteria[0]["rubricId"] == rubrics[0]["identifier"]

    def test_document_fields(self, small: Taxonomy) -> None:
        """Title, version, language and a change time from the latest skill update."""
        document = to_package(small)["CFDocument"]
        assert {k: document[k] for k in ("title", "version", "language", "caseVersion")} == {
            "title": "Small",
            "version": "1",
            "language": "en",
            "caseVersion": "1.1",
        }
        assert document["lastChangeDateTime"] == "2026-01-31T00:00:00Z"
        assert document["creator"] == "Small"

    def test_creator_and_change_time_can_be_given(self, small: Taxonomy) -> None:
        """The caller may name the creator and the change time."""
        import datetime

        when = datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.timezone.utc)
        document = to_package(small, creator="People Team", changed=when)["CFDocument"]
        assert (document["creator"], document["lastChangeDateTime"]) == (
            "People Team",
            "2026-03-01T09:30:00Z",
        )
        naive = to_package(small, changed=when.replace(tzinfo=None))
        assert naive["CFDocument"]["lastChangeDateTime"] == "2026-03-01T09:30:00Z"
        assert _errors(naive) == []

    def test_an_empty_framework(self) -> None:
        """A framework with nothing in it is still a valid package."""
        empty = Taxonomy(name="Empty", domains=(), skills=(), roles=(), levels=(), expectations=())
        package = to_package(empty)
        assert _errors(package) == []
        assert package["CFDocument"]["lastChangeDateTime"] == "1970-01-01T00:00:00Z"
        assert read_case(package).taxonomy == empty


class TestRoundTrips:
    @pytest.mark.parametrize("which", ["bundled", "small"])
    def test_taxonomy_to_case_and_back(self, small: Taxonomy, which: str) -> None:
        """Skilltaxonomy → CASE → skilltaxonomy gives an equal taxonomy, nothing skipped."""
        taxonomy = load() if which == "bundled" else small
        read = read_case(to_package(taxonomy))
        assert read.taxonomy == taxonomy
        assert read.skipped == ()

    def test_case_to_taxonomy_and_back_keeps_every_identifier(self, small: Taxonomy) -> None:
        """CASE → skilltaxonomy → CASE gives back the same package, every identifier kept."""
        package = to_package(small, creator="People Team")
        read = read_case(json.dumps(package))
        assert to_package(read.taxonomy, metadata=read.metadata) == package

    def test_items_in_any_order(self, small: Taxonomy) -> None:
        """Shuffled items and associations read to the same framework."""
        package = to_package(small)
        shuffled = copy.deepcopy(package)
        random.Random(3).shuffle(shuffled["CFItems"])
        random.Random(4).shuffle(shuffled["CFAssociations"])
        assert read_case(shuffled).taxonomy == small

    def test_input_is_not_changed(self, small: Taxonomy) -> None:
        """Reading parsed data leaves it as it was."""
        package = to_package(small)
        before = copy.deepcopy(package)
        read_case(package)
        assert package == before


class TestRealWorldPackage:
    """A package shaped like those public CASE tools publish.

    Item types as text, extra link titles and target types, items in any order, fields
    and types the framework has no place for.
    """

    @pytest.fixture(name="read")
    def _read(self) -> Reading:
        return read_case(EXAMPLE.read_bytes(), source=EXAMPLE.name)

    def test_the_fixture_is_valid_case(self) -> None:
        """The fixture itself passes the CASE schema."""
        assert _errors(json.loads(EXAMPLE.read_text())) == []

    def test_framework(self, read: Reading) -> None:
        """Domains, categories, skills, roles, the ladder, flags and the document's publisher and source are read."""
        assert json.loads(dumps(read.taxonomy)) == {
            "format": "skilltaxonomy/2",
            "name": "Example Data Careers",
            "version": "2.1",
            "language": "en",
            "publisher": "Example Org",
            "source": "https://example.org/framework",
            "domains": [{"id": "DA", "name": "Data & Analytics"}],
            "skills": [
                {
                    "id": "DA.ML.1",
                    "name": "Model Evaluation",
                    "domain": "DA",
                    "category": "Machine Learning",
                    "summary": "Judging models by the right metrics.",
                },
                {"id": "feature-engineering", "name": "Feature Engineering", "domain": "DA"},
            ],
            "roles": [{"id": "data-analyst", "name": "Data Analyst"}],
            "levels": [
                {"id": "foundation", "name": "Foundation"},
                {"id": "practitioner", "name": "Practitioner"},
                {"id": "expert", "name": "Expert"},
            ],
            "expectations": [
                {
                    "skill": "DA.ML.1",
                    "role": "data-analyst",
                    "level": "foundation",
                    "mandatory": True,
                    "description": "Computes accuracy, precision and recall for a classifier.",
                },
                {
                    # No Mandatory or Optional grouping: the package does not say.
                    "skill": "DA.ML.1",
                    "role": "data-analyst",
                    "level": "expert",
                    "description": "Chooses metrics that match the business cost of errors.",
                },
                {
                    "skill": "feature-engineering",
                    "role": "data-analyst",
                    "level": "practitioner",
                    "mandatory": True,
                    "description": "Builds features from raw logs.",
                },
            ],
        }

    def test_what_is_skipped_is_reported(self, read: Reading) -> None:
        """Nothing is dropped silently: every construct not kept is listed at its place."""
        assert [str(p) for p in read.skipped] == [
            "$.CFDocument.subject: not kept (a framework has no such field)",
            "$.CFDocument.adoptionStatus: not kept (a framework has no such field)",
            "$.CFDocument.frameworkType: not kept (a framework has no such field)",
            "$.CFItems[6].abbreviatedStatement: not kept (a skill has no such field)",
            "$.CFItems[7]: item type 'Standard' is not read (expected one of: Category, "
            "Cluster, Competency, Domain, Expectation, Job Role, Ladder, Level, Occupation, "
            "Proficiency Level, Role, Role Level, Skill)",
            "$.CFItems[9].educationLevel: not kept (a category has no such field)",
            "$.CFAssociations[0]: association type 'exemplar' is not read",
            "$.CFAssociations[6]: isChildOf association between items that are not read",
            "$.CFAssociations[8]: association type 'isRelatedTo' is not read",
            "$.CFDefinitions.CFSubjects: not kept (a framework has no such list)",
        ]

    def test_strict_refuses_what_it_would_skip(self) -> None:
        """With strict=True, anything that would be skipped is an error."""
        with pytest.raises(InvalidCaseError) as caught:
            read_case(EXAMPLE.read_bytes(), source=EXAMPLE.name, strict=True)
        assert str(caught.value).startswith(
            "example-data-careers.json: 10 problems\n"
            "  $.CFDocument.subject: not kept (a framework has no such field)"
        )

    def test_every_identifier_read_is_kept(self, read: Reading) -> None:
        """Re-exporting keeps the identifiers and URIs of everything read.

        Only what was skipped is missing, and the result is valid CASE.
        """
        original = json.loads(EXAMPLE.read_text())
        package = to_package(read.taxonomy, metadata=read.metadata)
        assert _errors(package) == []
        skipped = {
            original["CFItems"][7]["identifier"],
            *(original["CFAssociations"][i]["identifier"] for i in (0, 6, 8)),
        }
        assert _identifiers(original) - _identifiers(package) == skipped
        uris = {i["identifier"]: i["uri"] for i in package["CFItems"]}
        for item in original["CFItems"]:
            if item["identifier"] in uris:
                assert uris[item["identifier"]] == item["uri"]
        assert package["CFDocument"]["creator"] == "Example Skills Office"
        assert package["CFDocument"]["lastChangeDateTime"] == "2025-09-01T12:30:00+00:00"
        again = read_case(package)
        assert again.taxonomy == read.taxonomy
        assert to_package(again.taxonomy, metadata=again.metadata) == package


def _package(small: Taxonomy) -> dict[str, Any]:
    return to_package(small)


def _fresh(value: Any) -> Any:
    """`value` with a new identifier for it and every object in it (a copy is no repeat)."""
    if isinstance(value, dict):
        fresh = {key: _fresh(each) for key, each in value.items()}
        if "identifier" in value and set(value) != {"title", "identifier", "uri"}:  # no link
            fresh["identifier"] = str(uuid.uuid4())
        return fresh
    if isinstance(value, list):
        return [_fresh(each) for each in value]
    return value


class TestInvalidPackages:
    def _problems(self, package: object) -> list[str]:
        with pytest.raises(InvalidCaseError) as caught:
            read_case(
                package if isinstance(package, (str, bytes)) else json.dumps(package),
                source="p.json",
            )
        return [str(p) for p in caught.value.problems]

    def test_not_json(self) -> None:
        """Text that is not JSON fails like any framework input."""
        assert self._problems(b"{") == [
            "$: not valid JSON: Expecting property name enclosed in double quotes at line 1, "
            "column 2"
        ]

    def test_not_an_object(self) -> None:
        """A package is a JSON object."""
        assert self._problems([]) == ["$: expected a CFPackage object, got an array"]

    def test_no_document(self) -> None:
        """The CFDocument is required."""
        assert self._problems({"CFItems": []}) == [
            "$.CFDocument: required key missing (expected the CFDocument object)"
        ]

    def test_bad_objects(self, small: Taxonomy) -> None:
        """Missing and malformed identifiers, statements and links are placed."""
        package = _package(small)
        del package["CFDocument"]["title"]
        package["CFItems"][0]["identifier"] = "not-a-uuid"
        del package["CFItems"][1]["fullStatement"]
        package["CFItems"][2]["fullStatement"] = 3
        package["CFItems"][4]["identifier"] = package["CFItems"][3]["identifier"]
        package["CFItems"].append("item")
        del package["CFAssociations"][0]["originNodeURI"]
        package["CFAssociations"][1]["destinationNodeURI"] = {"title": "x"}
        package["CFAssociations"][2]["associationType"] = None
        repeated = package["CFItems"][3]["identifier"]
        assert self._problems(package) == [
            f"$.CFItems[4].identifier: duplicate identifier {repeated!r} "
            "(first at $.CFItems[3].identifier)",
            "$.CFDocument.title: required key missing",
            "$.CFItems[17]: expected an object",
            "$.CFItems[0].identifier: expected a UUID, got 'not-a-uuid'",
            "$.CFItems[1].fullStatement: required key missing",
            "$.CFItems[2].fullStatement: expected a string, got 3",
            "$.CFAssociations[0].originNodeURI: expected a link object",
            "$.CFAssociations[1].destinationNodeURI.identifier: required key missing",
            "$.CFAssociations[2].associationType: expected a string, got null",
        ]

    def test_unplaceable_items(self, small: Taxonomy) -> None:
        """Skills, categories and expectations without the links that place them."""
        package = _package(small)
        kinds = {i["identifier"]: i["CFItemType"] for i in package["CFItems"]}
        package["CFAssociations"] = [
            a
            for a in package["CFAssociations"]
            if not (
                a["associationType"] == "isChildOf"
                and kinds.get(a["originNodeURI"]["identifier"]) in ("Skill", "Category")
                and a["originNodeURI"]["title"] in ("SQL", "Languages")
            )
            and not (
                a["associationType"] == "hasSkillLevel"
                and a["originNodeURI"]["title"] == "Mentors engineers across teams."
            )
        ]
        index = {i["fullStatement"]: n for n, i in enumerate(package["CFItems"])}
        assert self._problems(package) == [
            f"$.CFItems[{index['Languages']}]: a category must be a child (isChildOf) of a "
            "domain item",
            f"$.CFItems[{index['Python']}]: a skill must be a child (isChildOf) of a domain or "
            "category item",
            f"$.CFItems[{index['SQL']}]: a skill must be a child (isChildOf) of a domain or "
            "category item",
            f"$.CFItems[{index['Writes small scripts.']}]: an expectation needs associations: "
            "isChildOf a skill",
            f"$.CFItems[{index['Designs packages with typed public APIs.']}]: an expectation "
            "needs associations: isChildOf a skill",
            f"$.CFItems[{index['Writes tested modules.']}]: an expectation needs associations: "
            "isChildOf a skill",
            f"$.CFItems[{index['Writes joins and indexes tables.']}]: an expectation needs "
            "associations: isChildOf a skill",
            f"$.CFItems[{index['Mentors engineers across teams.']}]: an expectation needs "
            "associations: hasSkillLevel a level",
            f"$.CFItems[{index['Reads Python code in reviews.']}]: an expectation needs "
            "associations: isChildOf a skill",
        ]

    def test_two_expectations_for_one_cell(self, small: Taxonomy) -> None:
        """Two expectation items for the same skill, role and level are reported."""
        package = _package(small)
        items = package["CFItems"]
        first = next(
            n for n, i in enumerate(items) if i["fullStatement"] == "Writes small scripts."
        )
        second = next(
            n for n, i in enumerate(items) if i["fullStatement"] == "Writes tested modules."
        )
        level_of = {
            a["originNodeURI"]["identifier"]: a
            for a in package["CFAssociations"]
            if a["associationType"] == "hasSkillLevel"
        }
        level_of[items[second]["identifier"]]["destinationNodeURI"] = copy.deepcopy(
            level_of[items[first]["identifier"]]["destinationNodeURI"]
        )
        assert self._problems(package) == [
            f"$.CFItems[{second}]: duplicate expectation for (skill, role, level) "
            f"('python', 'backend', 'l1') (first at $.CFItems[{first}])"
        ]

    def test_error_is_a_value_error_naming_the_source(self) -> None:
        """The error names the source and is an InvalidTaxonomyError (a ValueError)."""
        with pytest.raises(ValueError, match=r"^p.json: 1 problem"):
            read_case(b"[]", source="p.json")


@settings(max_examples=60, deadline=None)
@given(documents())
def test_any_framework_round_trips_through_case(document: dict[str, Any]) -> None:
    """Every valid framework exports to valid CASE, reads back equal, re-exports the same."""
    _round_trips(document)


def _round_trips(document: dict[str, Any]) -> None:
    """The document's framework exports to valid CASE, reads back equal, nothing skipped."""
    taxonomy = loads(json.dumps(document))
    package = to_package(taxonomy)
    assert _errors(package) == []
    read = read_case(package)
    assert read.taxonomy == taxonomy
    assert read.skipped == ()
    assert to_package(read.taxonomy, metadata=read.metadata) == package


@settings(max_examples=80, deadline=None)
@given(v2_documents())
def test_any_v2_framework_round_trips_through_case(document: dict[str, Any]) -> None:
    """Any framework format v2 holds exports to valid CASE and reads back equal, nothing skipped."""
    _round_trips(document)


class TestModelV2:
    """Scales, ladders, role levels, definitions and extras in CASE."""

    @pytest.mark.parametrize("shape", SHAPE_FILES, ids=lambda p: p.stem)
    def test_each_shape_round_trips(self, shape: Path) -> None:
        """Each hand-made framework of a real layout survives CASE equal, as valid CASE 1.1."""
        taxonomy = load(shape)
        package = to_package(taxonomy)
        assert _errors(package) == []
        read = read_case(json.dumps(package))
        assert read.taxonomy == taxonomy
        assert read.skipped == ()

    def test_ladders_and_role_levels_are_items(self) -> None:
        """A ladder is an item whose levels are its children; a role level is its role's child."""
        taxonomy = load(HERE / "data" / "shapes" / "ladders-per-role.json")
        package = to_package(taxonomy)
        ladders = _by_type(package, "Ladder")
        assert [item["fullStatement"] for item in ladders] == [
            ladder.name for ladder in taxonomy.ladders
        ]
        first = ladders[0]["identifier"]
        children = {
            a["originNodeURI"]["identifier"]
            for a in package["CFAssociations"]
            if a["associationType"] == "isChildOf"
            and a["destinationNodeURI"]["identifier"] == first
        }
        levels = {i["identifier"] for i in _by_type(package, "Level")}
        assert len(children & levels) == len(taxonomy.ladders[0].levels)

    def test_a_scale_is_a_rubric_of_steps_and_definitions(self) -> None:
        """A scale's rubric: a criterion of its steps, then one per skill it defines."""
        taxonomy = load(HERE / "data" / "shapes" / "catalogue.json")
        scale = taxonomy.scales[0]
        rubric = next(
            r
            for r in to_package(taxonomy)["CFRubrics"]
            if "scale" in r["extensions"]["skilltaxonomy"]
        )
        assert rubric["title"] == scale.name
        steps, *skills = rubric["CFRubricCriteria"]
        assert "CFItemURI" not in steps
        assert [(lv["quality"], lv["position"]) for lv in steps["CFRubricCriterionLevels"]] == [
            (step.name, step.rank) for step in scale.steps
        ]
        defined = {d.skill.name for d in taxonomy.definitions}
        assert {c["CFItemURI"]["title"] for c in skills} == defined

    def test_unstated_requirements_have_no_grouping(self) -> None:
        """An expectation whose requirement is not stated isPartOf its role without a grouping."""
        taxonomy = load(HERE / "data" / "shapes" / "tracks-milestones.json")
        unstated = sum(1 for e in taxonomy.expectations if e.mandatory is None)
        parts = [
            a for a in to_package(taxonomy)["CFAssociations"] if a["associationType"] == "isPartOf"
        ]
        assert unstated > 0
        assert sum(1 for a in parts if "CFAssociationGroupingURI" not in a) == unstated

    def test_bad_values_in_our_extensions_are_placed(self) -> None:
        """A value our extension holds is checked by the format's rule, at its place."""
        taxonomy = load(HERE / "data" / "shapes" / "positions-by-axis.json")
        package = to_package(taxonomy)
        index, item = next(
            (n, i) for n, i in enumerate(package["CFItems"]) if i["CFItemType"] == "Expectation"
        )
        ours = item["extensions"]["skilltaxonomy"]
        ours["step"] = "adopt"
        ours["criteria"] = "one"
        role_index, role = next(
            (n, i) for n, i in enumerate(package["CFItems"]) if i["CFItemType"] == "Role"
        )
        role["extensions"]["skilltaxonomy"]["ladder"] = "develper"
        with pytest.raises(InvalidCaseError) as caught:
            read_case(package)
        assert [str(p) for p in caught.value.problems] == [
            f"$.CFItems[{role_index}].extensions.skilltaxonomy.ladder: unknown ladder "
            "'develper' (did you mean 'developer'?)",
            f"$.CFItems[{index}].extensions.skilltaxonomy.criteria: expected an array of "
            "strings, got 'one'",
            f"$.CFItems[{index}].extensions.skilltaxonomy.step: unknown step 'adopt' (did you "
            "mean 'adopts'?)",
        ]

    def test_unknown_keys_in_our_extensions_are_reported(self) -> None:
        """A key our extension does not know is listed as skipped, never dropped silently."""
        package = to_package(load())
        index, item = next(
            (n, i) for n, i in enumerate(package["CFItems"]) if i["CFItemType"] == "Skill"
        )
        item["extensions"]["skilltaxonomy"]["colour"] = "blue"
        assert [str(p) for p in read_case(package).skipped] == [
            f"$.CFItems[{index}].extensions.skilltaxonomy.colour: not kept (a skill has no such "
            "field)"
        ]


class TestEdges:
    def test_metadata_lookup(self, small: Taxonomy) -> None:
        """CaseMetadata answers which identifier a package gave an object."""
        package = to_package(small)
        read = read_case(package)
        python = next(i for i in package["CFItems"] if i.get("humanCodingScheme") == "python")
        assert read.metadata.identifier(("skill", "python")) == python["identifier"]
        assert read.metadata.identifier(("skill", "cobol")) is None

    def test_names_must_not_be_empty(self, small: Taxonomy) -> None:
        """A framework's title and its entities' statements are names: never blank."""
        package = to_package(small)
        package["CFDocument"]["title"] = " "
        index = next(n for n, i in enumerate(package["CFItems"]) if i["CFItemType"] == "Role")
        package["CFItems"][index]["fullStatement"] = ""
        with pytest.raises(InvalidCaseError) as caught:
            read_case(package)
        assert [str(p) for p in caught.value.problems] == [
            "$.CFDocument.title: expected a non-empty title",
            f"$.CFItems[{index}].fullStatement: expected a non-empty statement (the role's name)",
        ]

    def test_a_bad_date_in_our_extension(self, small: Taxonomy) -> None:
        """The skill's updated date in our extension must be an ISO date."""
        package = to_package(small)
        index = next(n for n, i in enumerate(package["CFItems"]) if i["CFItemType"] == "Skill")
        package["CFItems"][index]["extensions"]["skilltaxonomy"]["updated"] = "31/1/2026"
        with pytest.raises(InvalidCaseError) as caught:
            read_case(package)
        assert [str(p) for p in caught.value.problems] == [
            f"$.CFItems[{index}].extensions.skilltaxonomy.updated: expected an ISO date such as '2026-02-22', or null, "
            "got '31/1/2026'"
        ]

    def test_rubrics_that_do_not_match_are_reported(self, small: Taxonomy) -> None:
        """Rubrics, criteria and levels that match nothing are listed as skipped."""
        package = to_package(small)
        rubric = package["CFRubrics"][0]
        rubric["CFRubricCriteria"][0]["CFRubricCriterionLevels"][0]["position"] = 9
        rubric["CFRubricCriteria"][1]["CFItemURI"]["identifier"] = "nothing"
        extra = _fresh(copy.deepcopy(package["CFRubrics"][1]))
        del extra["extensions"]
        extra["title"] = "Nobody"
        package["CFRubrics"].append(extra)
        read = read_case(package)
        assert [str(p) for p in read.skipped] == [
            "$.CFRubrics[0].CFRubricCriteria[0].CFRubricCriterionLevels[0]: a criterion level "
            "that matches no expectation is not read",
            "$.CFRubrics[0].CFRubricCriteria[1]: a criterion that names no skill item is not read",
            "$.CFRubrics[2]: a rubric that names no role (by its title) is not read",
        ]
        assert read.taxonomy == small

    def test_rubrics_matched_by_title_and_quality(self, small: Taxonomy) -> None:
        """Rubrics from other tools match roles by title and levels by quality."""
        package = to_package(small)
        for rubric in package["CFRubrics"]:
            del rubric["extensions"]
            for criterion in rubric["CFRubricCriteria"]:
                for level in criterion["CFRubricCriterionLevels"]:
                    del level["position"]
        read = read_case(package)
        assert read.skipped == ()
        assert (
            to_package(read.taxonomy, metadata=read.metadata)["CFRubrics"]
            == to_package(small)["CFRubrics"]
        )

    def test_second_parent_and_unknown_groupings(self, small: Taxonomy) -> None:
        """A second isChildOf of one item and groupings we cannot read are reported."""
        package = to_package(small)
        first = next(a for a in package["CFAssociations"] if a["associationType"] == "isChildOf")
        twin = copy.deepcopy(first)
        twin["identifier"] = str(uuid.uuid4())
        package["CFAssociations"].append(twin)
        grouping = {
            "identifier": str(uuid.uuid4()),
            "uri": "urn:x",
            "title": "Nice to have",
            "lastChangeDateTime": "2026-01-01T00:00:00Z",
        }
        package["CFDefinitions"]["CFAssociationGroupings"].append(grouping)
        package["extensions"] = {"tool": "x"}
        read = read_case(package)
        count = len(package["CFAssociations"]) - 1
        assert [str(p) for p in read.skipped] == [
            "$.extensions: not kept (this library reads the CFPackage's CF* lists)",
            "$.CFDefinitions.CFAssociationGroupings[2]: association grouping 'Nice to have' is "
            "not read",
            f"$.CFAssociations[{count}]: a second isChildOf association of the same item is not "
            "read",
        ]

    def test_ladder_without_links_follows_the_list_numbers(self, small: Taxonomy) -> None:
        """Without a complete precedes chain, levels follow listEnumeration."""
        package = to_package(small)
        package["CFAssociations"] = [
            a for a in package["CFAssociations"] if a["associationType"] != "precedes"
        ]
        package["CFItems"].reverse()
        assert read_case(package).taxonomy.levels == small.levels

    def test_wrong_shapes(self, small: Taxonomy) -> None:
        """Lists and definitions of the wrong type are placed."""
        package = to_package(small)
        package["CFRubrics"] = {}
        package["CFDefinitions"] = []
        with pytest.raises(InvalidCaseError) as caught:
            read_case(package)
        assert [str(p) for p in caught.value.problems] == [
            "$.CFDefinitions: expected an object",
            "$.CFRubrics: expected an array",
        ]
        package["CFDefinitions"] = {}
        with pytest.raises(InvalidCaseError) as caught:
            read_case(package)
        assert [str(p) for p in caught.value.problems] == ["$.CFRubrics: expected an array"]


class TestSizes:
    """Large packages take time in proportion to their size."""

    def test_many_items_share_one_code(self, bundled: Taxonomy) -> None:
        """5,000 skills with one humanCodingScheme get ids in one pass (code, code-2, …)."""
        package = to_package(bundled)
        skill = next(i for i in package["CFItems"] if i["CFItemType"] == "Skill")
        parent = next(
            a
            for a in package["CFAssociations"]
            if a["associationType"] == "isChildOf"
            and a["originNodeURI"]["identifier"] == skill["identifier"]
        )
        for number in range(5000):
            item = copy.deepcopy(skill)
            item["identifier"] = str(uuid.UUID(int=number))
            package["CFItems"].append(item)
            link = copy.deepcopy(parent)
            link["identifier"] = str(uuid.UUID(int=10_000 + number))
            link["originNodeURI"]["identifier"] = item["identifier"]
            package["CFAssociations"].append(link)
        ids = [s.id for s in from_package(package).taxonomy.skills]
        assert len(ids) == 5001
        assert ids[-1] == "neural-network-architectures-5001"


class TestPackagesOfOtherTools:
    """Packages laid out as CASE tools publish them: a tree of items of any type."""

    TREE = HERE / "data" / "case" / "tree-standards.json"
    FLAT = HERE / "data" / "case" / "tree-wrapped-flat.json"

    def test_the_fixtures_are_valid_case(self) -> None:
        """The hand-made packages pass the CASE schema (the wrapped one once unwrapped)."""
        assert _errors(json.loads(self.TREE.read_text())) == []
        assert _errors(json.loads(self.FLAT.read_text())["CFPackage"]) == []

    def test_the_tree_becomes_domains_categories_and_skills(self) -> None:
        """Top items are domains, inner headings categories, leaves and coded items skills."""
        taxonomy = load(self.TREE, format="case")
        assert [d.name for d in taxonomy.domains] == ["Grade 6", "Grade 7"]
        assert [(s.id, s.category) for s in taxonomy.skills] == [
            ("DL.6.1", "Collecting data"),
            ("DL.6.2", "Collecting data"),
            ("DL.6.3", "Summarising data"),
            ("DL.7.1", ""),
            ("uses-box-plots-side-by-side", "Compare two data sets by their centres and spreads."),
        ]
        survey = taxonomy.skill("DL.6.2")
        assert survey.name == "Design a survey"  # the abbreviated statement
        assert survey.summary.startswith("Design a survey and collect responses")
        assert survey.external_id.startswith("https://case.example.org/ims/case/v1p1/CFItems/")
        assert survey.extras["case:educationLevel"] == ("06",)
        assert survey.extras["case:CFItemType"] == "Standard"
        assert len(taxonomy.skill("DL.7.1").extras["case:isRelatedTo"]) == 1  # type: ignore[arg-type]

    def test_the_document_and_its_fields(self) -> None:
        """Title, version, licence and the document's other fields, none dropped."""
        taxonomy = load(self.TREE, format="case")
        assert (taxonomy.name, taxonomy.version, taxonomy.licence) == (
            "Data Literacy Standards",
            "2025",
            "CC BY 4.0",
        )
        assert dict(taxonomy.extras) == {
            "case:adoptionStatus": "Adopted",
            "case:subject": ("Data Science",),
        }

    def test_a_rubric_is_a_scale_and_its_criterion_definitions(self) -> None:
        """A rubric's levels are a scale's steps; a criterion naming a skill defines it."""
        taxonomy = load(self.TREE, format="case")
        assert [step.name for step in taxonomy.scales[0].steps] == [
            "Beginning",
            "Proficient",
            "Advanced",
        ]
        assert [(d.skill.id, d.step.name) for d in taxonomy.definitions] == [
            ("DL.6.3", "Beginning"),
            ("DL.6.3", "Proficient"),
            ("DL.6.3", "Advanced"),
        ]

    def test_nothing_is_skipped_and_the_export_keeps_every_identifier(self) -> None:
        """Every item is placed; the export is valid CASE, keeps their identifiers, reads back."""
        read = load(self.TREE, format="case", report=True)
        assert read.skipped == ()
        package = to_package(read.taxonomy, metadata=read.metadata)
        assert _errors(package) == []
        original = {i["identifier"] for i in json.loads(self.TREE.read_text())["CFItems"]}
        assert original <= {i["identifier"] for i in package["CFItems"]}
        assert read_case(package).taxonomy == read.taxonomy

    def test_a_wrapped_package_of_top_items_only(self) -> None:
        """{"CFPackage": …} is unwrapped; top items without children are skills of a domain named after the document."""
        taxonomy = load(self.FLAT, format="case")
        assert [d.name for d in taxonomy.domains] == ["Flat list"]
        assert len(taxonomy.skills) == 2

    def test_an_item_with_nothing_to_name_it_is_reported(self) -> None:
        """An item with no statement, abbreviation or code is listed as skipped."""
        package = json.loads(self.TREE.read_text())
        package["CFItems"].append(
            {
                "identifier": str(uuid.uuid4()),
                "uri": "urn:x",
                "fullStatement": " ",
                "lastChangeDateTime": "2025-01-01T00:00:00Z",
            }
        )
        index = len(package["CFItems"]) - 1
        assert [str(p) for p in read_case(package).skipped] == [
            f"$.CFItems[{index}]: an item with no statement, abbreviation or code is not read"
        ]

    def test_a_loop_of_is_child_of_links(self) -> None:
        """Items whose isChildOf links loop are reported, not read forever."""
        package = json.loads(self.TREE.read_text())
        links = package["CFAssociations"]
        one, two = package["CFItems"][0], package["CFItems"][1]
        for link in links:  # Grade 6 and its first cluster, each the other's child
            if link["originNodeURI"]["identifier"] == one["identifier"]:
                link["destinationNodeURI"] = {
                    "identifier": two["identifier"],
                    "uri": "urn:x",
                    "title": "x",
                }
        read = read_case(package)
        assert any("loop of isChildOf links" in str(p) for p in read.skipped)


def test_a_deep_tree_is_read_without_recursion() -> None:
    """A chain of 3,000 items under one top item reads; categories name the nearest four."""
    package = json.loads((HERE / "data" / "case" / "tree-wrapped-flat.json").read_text())[
        "CFPackage"
    ]
    document = package["CFDocument"]
    items, links = [], []
    parent = document["identifier"]
    for number in range(3_000):
        identifier = str(uuid.uuid5(uuid.NAMESPACE_URL, f"deep/{number}"))
        items.append(
            {
                "identifier": identifier,
                "uri": f"urn:uuid:{identifier}",
                "fullStatement": f"Level {number}",
                "lastChangeDateTime": "2025-01-01T00:00:00Z",
            }
        )
        links.append(
            {
                "identifier": str(uuid.uuid5(uuid.NAMESPACE_URL, f"deep/a{number}")),
                "uri": f"urn:x:{number}",
                "associationType": "isChildOf",
                "originNodeURI": {"identifier": identifier, "uri": "urn:x", "title": "x"},
                "destinationNodeURI": {"identifier": parent, "uri": "urn:x", "title": "x"},
                "lastChangeDateTime": "2025-01-01T00:00:00Z",
            }
        )
        parent = identifier
    package["CFItems"], package["CFAssociations"] = items, links
    taxonomy = read_case(package).taxonomy
    assert [skill.name for skill in taxonomy.skills] == ["Level 2999"]
    assert taxonomy.skills[0].category == "Level 2995 › Level 2996 › Level 2997 › Level 2998"


def test_what_a_tree_package_cannot_place_is_reported() -> None:
    """Links and rubric parts the tree reader cannot place are each listed at their place."""
    package = json.loads((HERE / "data" / "case" / "tree-standards.json").read_text())
    items, links = package["CFItems"], package["CFAssociations"]

    def link(kind: str, origin: str, destination: str, number: int) -> dict[str, Any]:
        return {
            "identifier": str(uuid.uuid5(uuid.NAMESPACE_URL, f"tree/{number}")),
            "uri": "urn:x",
            "associationType": kind,
            "originNodeURI": {"identifier": origin, "uri": "urn:x", "title": "x"},
            "destinationNodeURI": {"identifier": destination, "uri": "urn:x", "title": "x"},
            "lastChangeDateTime": "2025-01-01T00:00:00Z",
        }

    first, unknown = items[2]["identifier"], str(uuid.uuid4())
    links += [
        link("isChildOf", first, items[6]["identifier"], 1),
        link("exactMatchOf", unknown, first, 2),
        link("isChildOf", items[3]["identifier"], unknown, 3),
        link("isRelatedTo", items[1]["identifier"], first, 4),
    ]
    rubric = package["CFRubrics"][0]
    second = _fresh(copy.deepcopy(rubric)) | {"title": "Second"}
    empty = {
        "identifier": str(uuid.uuid4()),
        "uri": "urn:x",
        "title": "Empty",
        "lastChangeDateTime": "2025-01-01T00:00:00Z",
        "CFRubricCriteria": [],
    }
    loose = _fresh(copy.deepcopy(rubric["CFRubricCriteria"][0]))
    del loose["CFItemURI"]
    loose["CFRubricCriterionLevels"][0].pop("position")
    rubric["CFRubricCriteria"].append(loose)
    package["CFRubrics"] += [second, empty]
    assert [str(p) for p in read_case(package).skipped] == [
        "$.CFAssociations[10]: a second isChildOf association of the same item is not read",
        "$.CFAssociations[11]: exactMatchOf association from an item that is not read",
        "$.CFAssociations[12]: isChildOf association to an item that is not read",
        "$.CFAssociations[13]: isRelatedTo association from an item read as a domain or category",
        "$.CFRubrics[0].CFRubricCriteria[1].CFRubricCriterionLevels[0]: a criterion level "
        "without a position is not read",
        "$.CFRubrics[0].CFRubricCriteria[1]: a criterion that names no skill item is not read",
        "$.CFRubrics[1].CFRubricCriteria[0]: skill 'DL.6.3' is defined by an earlier rubric "
        "already",
        "$.CFRubrics[2]: a rubric without criterion levels is not read",
    ]


def _tree_package() -> dict[str, Any]:
    """A package of untyped items in a tree, as state standards are published."""
    document = "d1000000-0000-4000-8000-000000000000"

    def item(number: int, statement: str, code: str = "") -> dict[str, Any]:
        found = {
            "identifier": f"10000000-0000-4000-8000-{number:012d}",
            "uri": f"https://example.org/items/{number}",
            "fullStatement": statement,
            "lastChangeDateTime": "2024-01-01T00:00:00+00:00",
        }
        return found | ({"humanCodingScheme": code} if code else {})

    def child(number: int, origin: dict[str, Any], destination: str) -> dict[str, Any]:
        return {
            "identifier": f"a0000000-0000-4000-8000-{number:012d}",
            "uri": f"https://example.org/associations/{number}",
            "lastChangeDateTime": "2024-01-01T00:00:00+00:00",
            "associationType": "isChildOf",
            "originNodeURI": {"title": "", "identifier": origin["identifier"], "uri": ""},
            "destinationNodeURI": {"title": "", "identifier": destination, "uri": ""},
            "sequenceNumber": number,
        }

    top = item(1, "Reading")
    first = item(2, "Reads closely", "R.1")
    second = item(3, "Writes clearly", "W.1")
    return {
        "CFDocument": {
            "identifier": document,
            "uri": "https://example.org/doc",
            "creator": "Example",
            "title": "Literacy",
            "lastChangeDateTime": "2024-01-01T00:00:00+00:00",
        },
        "CFItems": [top, first, second],
        "CFAssociations": [
            child(1, top, document),
            child(2, first, top["identifier"]),
            child(3, second, top["identifier"]),
        ],
        "CFDefinitions": {"CFItemTypes": [], "CFAssociationGroupings": []},
    }


class TestRepeatedIdentifiers:
    def test_a_repeated_item_names_both_places(self) -> None:
        """By default a repeated item identifier is refused at the later place, naming the first."""
        package = _tree_package()
        repeat = copy.deepcopy(package["CFItems"][1]) | {"fullStatement": "Reads aloud"}
        package["CFItems"].append(repeat)
        with pytest.raises(InvalidCaseError) as caught:
            read_case(package, source="p.json")
        identifier = repeat["identifier"]
        assert [str(p) for p in caught.value.problems] == [
            f"$.CFItems[3].identifier: duplicate identifier {identifier!r} "
            "(first at $.CFItems[1].identifier)"
        ]

    def test_first_keeps_the_first_and_reports_the_others(self) -> None:
        """With on_duplicate="first", the first is read and each later one is skipped at its place."""
        package = _tree_package()
        original = read_case(copy.deepcopy(package))
        repeat = copy.deepcopy(package["CFItems"][1]) | {"fullStatement": "Reads aloud"}
        package["CFItems"] += [repeat, copy.deepcopy(repeat)]
        read = read_case(json.dumps(package), on_duplicate="first")
        identifier = repeat["identifier"]
        assert [str(p) for p in read.skipped] == [
            f"$.CFItems[{index}]: not read: duplicate identifier {identifier!r} "
            "(first at $.CFItems[1])"
            for index in (3, 4)
        ]
        assert read.taxonomy == original.taxonomy
        assert [s.name for s in read.taxonomy.skills] == ["Reads closely", "Writes clearly"]

    def test_first_in_the_typed_layout(self, small: Taxonomy) -> None:
        """This library's own layout keeps the first item too, and reads the same framework."""
        package = _package(small)
        repeat = copy.deepcopy(package["CFItems"][3]) | {"fullStatement": "Python 2"}
        package["CFItems"].insert(17, repeat)
        with pytest.raises(InvalidCaseError) as caught:
            read_case(package)
        assert [p.path for p in caught.value.problems] == ["$.CFItems[17].identifier"]
        assert "(first at $.CFItems[3].identifier)" in caught.value.problems[0].message
        read = read_case(package, on_duplicate="first")
        assert read.taxonomy == small
        assert [p.path for p in read.skipped] == ["$.CFItems[17]"]

    def test_strict_refuses_a_repeat_even_with_first(self) -> None:
        """strict=True refuses what on_duplicate="first" would skip."""
        package = _tree_package()
        package["CFItems"].append(copy.deepcopy(package["CFItems"][2]))
        with pytest.raises(InvalidCaseError) as caught:
            read_case(package, on_duplicate="first", strict=True)
        assert [p.path for p in caught.value.problems] == ["$.CFItems[3]"]

    def test_associations_rubrics_and_definitions(self, small: Taxonomy) -> None:
        """Repeats among associations, rubrics, criteria and definitions are placed the same way."""
        package = _package(small)
        associations = package["CFAssociations"]
        rubrics = package["CFRubrics"]
        criteria = rubrics[0]["CFRubricCriteria"]
        types = package["CFDefinitions"]["CFItemTypes"]
        for listed, index in ((associations, 2), (criteria, 0), (rubrics, 1), (types, 1)):
            listed.append(copy.deepcopy(listed[index]))
        with pytest.raises(InvalidCaseError) as caught:
            read_case(package)
        criterion = len(criteria) - 1
        assert [str(p) for p in caught.value.problems] == [
            f"$.CFAssociations[31].identifier: duplicate identifier "
            f"{associations[2]['identifier']!r} (first at $.CFAssociations[2].identifier)",
            f"$.CFRubrics[2].identifier: duplicate identifier {rubrics[1]['identifier']!r} "
            "(first at $.CFRubrics[1].identifier)",
            f"$.CFRubrics[0].CFRubricCriteria[{criterion}].identifier: duplicate identifier "
            f"{criteria[0]['identifier']!r} (first at $.CFRubrics[0].CFRubricCriteria[0].identifier)",
            f"$.CFDefinitions.CFItemTypes[6].identifier: duplicate identifier "
            f"{types[1]['identifier']!r} (first at $.CFDefinitions.CFItemTypes[1].identifier)",
        ]
        read = read_case(package, on_duplicate="first")
        assert [p.path for p in read.skipped] == [
            "$.CFAssociations[31]",
            "$.CFRubrics[2]",
            f"$.CFRubrics[0].CFRubricCriteria[{criterion}]",
            "$.CFDefinitions.CFItemTypes[6]",
        ]
        assert read.taxonomy == small

    def test_unknown_on_duplicate(self) -> None:
        """An on_duplicate other than "error" or "first" is a mistake in the call."""
        with pytest.raises(InvalidQueryError, match=r"^on_duplicate must be one of 'error', "):
            read_case(_tree_package(), on_duplicate="last")

    def test_a_document_without_identifier_is_reported_once(self) -> None:
        """A CFDocument with no identifier is one problem, not two."""
        for package in (_tree_package(), to_package(loads(json.dumps(SMALL)))):
            del package["CFDocument"]["identifier"]
            with pytest.raises(InvalidCaseError) as caught:
                read_case(package)
            assert [str(p) for p in caught.value.problems] == [
                "$.CFDocument.identifier: required key missing"
            ]


class TestCaseVersion:
    @pytest.mark.parametrize("layout", ["typed", "tree"])
    def test_an_unknown_version_is_refused(self, layout: str) -> None:
        """A caseVersion this library does not know is refused, naming those it reads."""
        package = to_package(loads(json.dumps(SMALL))) if layout == "typed" else _tree_package()
        package["CFDocument"]["caseVersion"] = "2.0"
        with pytest.raises(InvalidCaseError) as caught:
            read_case(package)
        assert [str(p) for p in caught.value.problems] == [
            "$.CFDocument.caseVersion: unknown CASE version '2.0' "
            "(this library reads CASE 1.0 and 1.1)"
        ]

    @pytest.mark.parametrize("version", ["1.0", "1.1", None])
    def test_known_versions_and_none_are_read(self, version: str | None) -> None:
        """CASE 1.0 and 1.1 are read, and so is a package that names no version."""
        package = _tree_package()
        if version is not None:
            package["CFDocument"]["caseVersion"] = version
        assert read_case(package).taxonomy.name == "Literacy"


@settings(max_examples=40, deadline=None)
@given(v2_documents(), st.data())
def test_a_package_cut_anywhere_is_refused_or_read_whole(
    document: dict[str, Any], data: st.DataObject
) -> None:
    """A CASE package cut at any byte is refused with the CASE error, never half read."""
    original = loads(json.dumps(document))
    text = dumps(original, format="case").encode("utf-8")
    cut = data.draw(st.integers(0, len(text)))
    try:
        read: object = loads(text[:cut], format="case")
    except InvalidCaseError as error:
        read = error
    if isinstance(read, InvalidCaseError):  # refused: with the reader's own error, placed
        assert type(read) is InvalidCaseError
        assert read.problems
        return
    assert text[:cut].rstrip() == text.rstrip()  # only the final line break was cut
    assert read == original


@pytest.mark.parametrize(
    ("item", "field", "value", "expected"),
    [
        (
            0,
            "fullStatement",
            "Read\tclosely",
            "expected an id or name without control characters, got 'Read\\tclosely' (U+0009 at character 5)",
        ),
        (
            1,
            "fullStatement",
            "Read\u2028closely",
            "expected an id or name without line separators, got 'Read\\u2028closely' (U+2028 at character 5)",
        ),
        (
            1,
            "abbreviatedStatement",
            "R\u2029c",
            "expected an id or name without line separators, got 'R\\u2029c' (U+2029 at character 2)",
        ),
        (
            0,
            "humanCodingScheme",
            "R\t0",
            "expected an id or name without control characters, got 'R\\t0' (U+0009 at character 2)",
        ),
        (
            2,
            "humanCodingScheme",
            "W\n1",
            "expected an id or name without control characters, got 'W\\n1' (U+000A at character 2)",
        ),
        (
            0,
            "uri",
            "urn:\x85",
            "expected text without control characters, got 'urn:\\x85' (U+0085 at character 5)",
        ),
        (
            2,
            "uri",
            "urn:\u202e",
            "expected text without bidirectional formatting characters, got 'urn:\\u202e' (U+202E at character 5)",
        ),
    ],
)
def test_a_tree_item_s_name_code_or_uri_the_model_refuses_is_placed(
    item: int, field: str, value: str, expected: str
) -> None:
    """A tree's statement, code or URI a domain or skill may not hold is reported at its field."""
    package = _tree_package()
    package["CFItems"][item][field] = value
    with pytest.raises(InvalidCaseError) as caught:
        loads(json.dumps(package), format="case")
    assert [str(problem) for problem in caught.value.problems] == [
        f"$.CFItems[{item}].{field}: {expected}"
    ]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda package: package["CFDocument"].update(licenseURI={"title": "CC\x85"}),
            "$.CFDocument.licenseURI.title: expected text without control characters, "
            "got 'CC\\x85' (U+0085 at character 3)",
        ),
        (
            lambda package: package["CFRubrics"][0].update(title="Depth\tof reading"),
            "$.CFRubrics[0].title: expected an id or name without control characters, "
            "got 'Depth\\tof reading' (U+0009 at character 6)",
        ),
        (
            lambda package: package["CFRubrics"][0]["CFRubricCriteria"][0][
                "CFRubricCriterionLevels"
            ][0].update(quality="Some\u2028times"),
            "$.CFRubrics[0].CFRubricCriteria[0].CFRubricCriterionLevels[0].quality: expected "
            "an id or name without line separators, got 'Some\\u2028times' (U+2028 at character 5)",
        ),
    ],
)
def test_a_tree_s_licence_rubric_and_level_names_the_model_refuses_are_placed(
    edit: Any, expected: str
) -> None:
    """A licence, a rubric's title or a level's quality the model refuses is placed at its field."""
    package = _tree_package()
    package["CFRubrics"] = [
        {
            "identifier": "c0000000-0000-4000-8000-000000000001",
            "title": "Depth",
            "CFRubricCriteria": [
                {
                    "identifier": "c0000000-0000-4000-8000-000000000002",
                    "CFItemURI": {"identifier": package["CFItems"][1]["identifier"]},
                    "CFRubricCriterionLevels": [
                        {
                            "identifier": "c0000000-0000-4000-8000-000000000003",
                            "position": 1,
                            "quality": "Sometimes",
                            "description": "Reads with help.",
                        }
                    ],
                }
            ],
        }
    ]
    loads(json.dumps(package), format="case")  # read as it is
    edit(package)
    with pytest.raises(InvalidCaseError) as caught:
        loads(json.dumps(package), format="case")
    assert [str(problem) for problem in caught.value.problems] == [expected]


@pytest.mark.parametrize(
    ("identifier", "expected"),
    [
        ("x\x85", "expected text without control characters, got 'x\\x85' (U+0085 at character 2)"),
        ("\ud800", "expected text without lone surrogates, got '\\ud800' (U+D800 at character 1)"),
    ],
)
def test_a_tree_s_other_link_to_an_identifier_no_extra_holds_is_placed(
    identifier: str, expected: str
) -> None:
    """An association kept as an extra whose target is no text an extra holds is placed at it."""
    package = _tree_package()
    package["CFAssociations"].append(
        {
            "identifier": "b0000000-0000-4000-8000-000000000001",
            "associationType": "isRelatedTo",
            "originNodeURI": {"identifier": package["CFItems"][1]["identifier"]},
            "destinationNodeURI": {"identifier": identifier},
        }
    )
    with pytest.raises(InvalidCaseError) as caught:
        loads(json.dumps(package), format="case")
    assert [str(problem) for problem in caught.value.problems] == [
        f"$.CFAssociations[3].destinationNodeURI.identifier: {expected}"
    ]


def test_a_tree_item_s_statement_of_lines_names_it_by_its_first() -> None:
    """A statement of several lines (and a code with spaces around) still names its item."""
    package = _tree_package()
    package["CFItems"][1]["fullStatement"] = "Reads closely\nand often"
    package["CFItems"][2]["humanCodingScheme"] = " W.1\n"
    skills = loads(json.dumps(package), format="case").skills
    assert [(skill.id, skill.name) for skill in skills] == [
        ("R.1", "Reads closely"),
        ("W.1", "Writes clearly"),
    ]


def _case_extra_items_one_by_one(
    reader: Any, raw: dict[str, Any], handled: Any, path: str
) -> dict[str, Any]:
    """The extras of an object as the reader made them before, each field frozen alone."""
    kept: dict[str, Any] = {}
    for key, value in raw.items():
        if key in handled or value in (None, "", [], {}):
            continue
        try:
            kept.update(Extras({f"case:{key}": value}).items())
        except InvalidValueError as error:
            reader.skip(f"{path}.{key}", f"not kept: {error}")
    return kept


def _tree_outcome(package: dict[str, Any]) -> object:
    try:
        read = from_package(copy.deepcopy(package))
    except InvalidCaseError as error:
        return [str(problem) for problem in error.problems]
    return read.taxonomy, dumps(read.taxonomy), read.skipped, read.metadata


_TREE_TEXTS = st.sampled_from(
    ["S.1", " S.2", "S\t3", "Do it.", "Do\nit.", "Do\u00a0it", "Do \u202eit", "", "  ", "é:1"]
)
_TREE_VALUES = st.one_of(
    _TREE_TEXTS,
    st.sampled_from([None, 0, 1, True, 2.5, float("nan"), [], {}, ["09", "10"], ["a\tb"]]),
    st.sampled_from([[1, "x"], {"a": ["b"]}, {"": 1}, [["x"]], ("t",), b"x"]),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            _TREE_TEXTS,
            _TREE_TEXTS,
            st.dictionaries(
                st.sampled_from(["educationLevel", "notes:x", "a b", " k"]), _TREE_VALUES
            ),
            st.integers(0, 2),
        ),
        min_size=1,
        max_size=6,
    ),
    _TREE_TEXTS,
    st.sampled_from(["uuid", "UUID", "not-a-uuid", 5, None, "missing"]),
    st.sampled_from(["Do it.", "Do\tit.", None, 3, "missing"]),
    st.sampled_from(["as written", "no type", "a tab", "no end", "an end of text", "isPartOf"]),
)
def test_a_tree_is_read_as_the_constructors_read_it(
    items: list[tuple[str, str, dict[str, Any], int]],
    item_type: str,
    odd_identifier: object,
    odd_notes: object,
    odd_link: str,
) -> None:
    """Skills made without the constructors' checks, extras at once: as they were made."""
    document = str(uuid.uuid5(CASE_NAMESPACE, "tree"))
    made, links = [], []
    for n, (statement, code, more, parent) in enumerate(items):
        identifier = str(uuid.uuid5(CASE_NAMESPACE, str(n)))
        made.append(
            {
                "identifier": identifier,
                "fullStatement": statement or f"Item {n}",
                "humanCodingScheme": code,
                "CFItemType": item_type,
                **more,
            }
        )
        up = document if n < 2 else str(uuid.uuid5(CASE_NAMESPACE, str(parent % 2)))
        links.append(
            {
                "identifier": str(uuid.uuid5(CASE_NAMESPACE, f"a{n}")),
                "associationType": "isChildOf",
                "originNodeURI": {"identifier": identifier},
                "destinationNodeURI": {"identifier": up},
            }
        )
    last = made[-1]
    if odd_identifier == "missing":
        del last["identifier"]
    elif odd_identifier == "UUID":
        last["identifier"] = last["identifier"].upper()
    elif odd_identifier != "uuid":
        last["identifier"] = odd_identifier
    if odd_notes != "missing":
        last["notes"] = odd_notes
    link = links[-1]
    if odd_link == "no type":
        del link["associationType"]
    elif odd_link == "a tab":
        link["associationType"] = "is\tChildOf"
    elif odd_link == "isPartOf":
        link["associationType"] = odd_link
    elif odd_link == "no end":
        del link["originNodeURI"]["identifier"]
    elif odd_link == "an end of text":
        link["destinationNodeURI"] = "urn:x"
    package = {
        "CFDocument": {"identifier": document, "title": "Tree", "creator": "me"},
        "CFItems": made,
        "CFAssociations": links,
    }
    fast = _tree_outcome(package)
    with (
        mock.patch.object(case, "_unchecked_maker", lambda cls: cls),
        mock.patch.object(case, "_case_extra_items", _case_extra_items_one_by_one),
        mock.patch.object(case, "_items_at_once", return_value=False),
        mock.patch.object(case, "_links_at_once", return_value=False),
    ):
        assert fast == _tree_outcome(package)


def _careful_tree_outcome(package: dict[str, Any]) -> object:
    """`_tree_outcome` with every item, link and skill read one by one, each checked."""
    with (
        mock.patch.object(case, "_unchecked_maker", lambda cls: cls),
        mock.patch.object(case, "_case_extra_items", _case_extra_items_one_by_one),
        mock.patch.object(case, "_items_at_once", return_value=False),
        mock.patch.object(case, "_links_at_once", return_value=False),
        mock.patch.object(case, "_names_at_once", return_value=None),
        mock.patch.object(case, "_tree_at_once", return_value=False),
        mock.patch.object(case, "_skills_at_once", return_value=None),
    ):
        return _tree_outcome(package)


_TREE_CODES = st.sampled_from(
    ["S.1", "s.1", "S.2", " S.3 ", "", "  ", None, "Ünï.1", "ÜNÏ.1", "S\t4", "S.5\n"]
)
_TREE_STATEMENTS = st.sampled_from(
    [
        *["Do it.", "do it.", " Do it. ", "Strand", "Ünï", "x" * 130, "Do it.\nNow.", "…", "?!"],
        *["Do\tit.", "Do\u2028it."],
    ]
)
_TREE_EXTRAS = st.dictionaries(
    st.sampled_from(["educationLevel", "subject", "weight", "open", "notes"]),
    st.one_of(
        st.sampled_from(["Math", "", None, 0, 3, True, False, [], ["09", "10"], ["09", ""]]),
        st.sampled_from([["a\tb"], [1], {"a": 1}, {}, 2.5, "a\tb"]),
    ),
    max_size=3,
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            _TREE_STATEMENTS,
            _TREE_CODES,
            _TREE_EXTRAS,
            st.integers(-1, 6),  # the parent: -1 the document, else an earlier item
            st.sampled_from(["uri", "no uri", "empty uri", "null uri", "a number", "odd uri"]),
            st.sampled_from(["stamp", "no stamp", "null stamp"]),
            st.sampled_from(["Standard", " Standard ", "", "by link", "none", "Skill"]),
            st.one_of(st.none(), st.integers(0, 3), st.just("2")),  # the sequenceNumber
        ),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from(["none", "abbreviated", "related", "second parent", "to nothing", "same"]),
)
def test_a_tree_read_at_once_is_read_as_one_by_one(
    items: list[tuple[str, Any, dict[str, Any], int, str, str, str, Any]],
    odd: str,
) -> None:
    """Items, links and skills read at once give the same framework, dump, skipped and problems.

    The packages are mostly as tools write them (where the fast paths are taken), with
    what each fast path must notice: colliding codes and names, codes blank or missing,
    items of different shapes and extras that are empty or not kept, URIs and change
    times missing, null or not text, item types given by link or not at all, sequence
    numbers missing or not whole, and links the tree does not read.
    """
    document = str(uuid.uuid5(CASE_NAMESPACE, "tree"))
    made, links = [], []
    for n, (statement, code, more, parent, uri, stamp, kind, sequence) in enumerate(items):
        identifier = str(uuid.uuid5(CASE_NAMESPACE, str(n)))
        item: dict[str, Any] = {"identifier": identifier, "fullStatement": statement}
        if code is not None:
            item["humanCodingScheme"] = code
        uris = {
            "uri": f"urn:uuid:{identifier}",
            "empty uri": "",
            "null uri": None,
            "odd uri": "urn:\x85",
        }
        if uri in uris:
            item["uri"] = uris[uri]
        elif uri == "a number":
            item["uri"] = 7
        if stamp != "no stamp":
            item["lastChangeDateTime"] = "2025-01-01T00:00:00Z" if stamp == "stamp" else None
        if kind == "by link":
            item["CFItemTypeURI"] = {"title": "Standard", "identifier": document}
        elif kind != "none":
            item["CFItemType"] = kind
        made.append({**item, **more})
        up = document if parent < 0 or parent >= n else str(uuid.uuid5(CASE_NAMESPACE, str(parent)))
        link: dict[str, Any] = {
            "identifier": str(uuid.uuid5(CASE_NAMESPACE, f"a{n}")),
            "associationType": "isChildOf",
            "originNodeURI": {"identifier": identifier},
            "destinationNodeURI": {"identifier": up},
        }
        if sequence is not None:
            link["sequenceNumber"] = sequence
        links.append(link)
    first = made[0]["identifier"]
    if odd == "abbreviated":
        made[-1]["abbreviatedStatement"] = "Short"
    elif odd == "related":
        links[-1]["associationType"] = "isRelatedTo"
    elif odd == "second parent":
        links.append({**links[-1], "identifier": str(uuid.uuid5(CASE_NAMESPACE, "again"))})
    elif odd == "to nothing":
        links[-1]["destinationNodeURI"] = {"identifier": str(uuid.uuid5(CASE_NAMESPACE, "none"))}
    elif odd == "same":  # an item under the document's own identifier
        document = first
    package = {
        "CFDocument": {"identifier": document, "title": "Tree", "creator": "me"},
        "CFItems": made,
        "CFAssociations": links,
    }
    fast = _tree_outcome(package)
    assert fast == _careful_tree_outcome(package)
    assert fast == _text_outcome(json.dumps(package))


def _text_outcome(text: str) -> object:
    """`_tree_outcome` of a package read from its JSON text."""
    try:
        read = case.read(text)
    except InvalidCaseError as error:
        return [str(problem) for problem in error.problems]
    return read.taxonomy, dumps(read.taxonomy), read.skipped, read.metadata


_ALIKE_EXTRAS = st.sampled_from(
    [
        {},
        {"level": True},
        {"level": 1},
        {"level": ["a"]},
        {"level": "a"},
        {"level": False},
        {"level": 0},
        {"level": True, "weight": 1},
        {"weight": 1, "level": True},
        {"level": 1, "weight": True},
    ]
)
_HOSTILE_CODES = st.sampled_from(
    [None, "A.1", "a.1", "B", "b", "\u212a", "k", "ß", "SS", "S-2", "S"]
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            _ALIKE_EXTRAS,
            _HOSTILE_CODES,
            st.sampled_from(["Standard", "Standard", "Objective", " Standard", "  ", None]),
            st.integers(-1, 30),  # the parent: -1 the document, else an earlier item
            st.booleans(),  # the extras before the item's own fields, or after
        ),
        min_size=2,
        max_size=30,
    ),
    st.sampled_from(["none", "none", "under itself", "under a later one", "two parents", "one id"]),
    st.data(),
)
def test_a_tree_of_alike_items_is_read_at_once_as_one_by_one(
    items: list[tuple[dict[str, Any], Any, Any, int, bool]], odd: str, data: st.DataObject
) -> None:
    """Items whose extras differ by true and 1, a list and text, or their order, and loops: as one by one."""
    document = str(uuid.uuid5(CASE_NAMESPACE, "tree"))
    identifiers = [str(uuid.uuid5(CASE_NAMESPACE, str(n))) for n in range(len(items))]
    made, links = [], []
    for n, (more, code, kind, parent, first) in enumerate(items):
        item: dict[str, Any] = {"identifier": identifiers[n], "fullStatement": f"Do {n % 7}."}
        if code is not None:
            item["humanCodingScheme"] = code
        if kind is not None:
            item["CFItemType"] = kind
        made.append({**more, **item} if first else {**item, **more})
        up = document if parent < 0 or parent >= n else identifiers[parent]
        links.append(
            {
                "identifier": str(uuid.uuid5(CASE_NAMESPACE, f"a{n}")),
                "associationType": "isChildOf",
                "originNodeURI": {"identifier": identifiers[n]},
                "destinationNodeURI": {"identifier": up},
            }
        )
    some = data.draw(st.integers(0, len(items) - 1))
    other = identifiers[data.draw(st.integers(0, len(items) - 1))]
    if odd == "under itself":
        links[some]["destinationNodeURI"] = {"identifier": identifiers[some]}
    elif odd == "under a later one":
        links[some]["destinationNodeURI"] = {"identifier": other}
    elif odd == "two parents":
        again = {**links[some], "identifier": str(uuid.uuid5(CASE_NAMESPACE, "again"))}
        links.append(again | {"destinationNodeURI": {"identifier": other}})
    elif odd == "one id":
        made[some]["identifier"] = other
    package = {
        "CFDocument": {"identifier": document, "title": "Tree", "creator": "me"},
        "CFItems": made,
        "CFAssociations": links,
    }
    assert _tree_outcome(package) == _careful_tree_outcome(package)


def test_a_tree_as_tools_write_it_is_read_at_once() -> None:
    """A large tree of standards takes every fast path, and reads as one by one."""
    document = str(uuid.uuid5(CASE_NAMESPACE, "tree"))
    made, links = [], []
    for n in range(60):
        identifier = str(uuid.uuid5(CASE_NAMESPACE, str(n)))
        made.append(
            {
                "identifier": identifier,
                "uri": f"urn:uuid:{identifier}",
                "fullStatement": f"Strand {n}" if n < 12 else f"Explain item {n}.",
                "humanCodingScheme": f"S.{n}",
                "CFItemType": "Standard",
                "lastChangeDateTime": "2025-01-01T00:00:00+00:00",
                "educationLevel": ["09", "10"],
            }
        )
        up = (
            document
            if n < 3
            else str(uuid.uuid5(CASE_NAMESPACE, str(n % 3 if n < 12 else n % 9 + 3)))
        )
        links.append(
            {
                "identifier": str(uuid.uuid5(CASE_NAMESPACE, f"a{n}")),
                "associationType": "isChildOf",
                "originNodeURI": {"identifier": identifier},
                "destinationNodeURI": {"identifier": up},
                "sequenceNumber": n,
            }
        )
    package = {
        "CFDocument": {"identifier": document, "title": "Tree", "creator": "me"},
        "CFItems": made,
        "CFAssociations": links,
    }
    with mock.patch.object(case, "_pending_skills", wraps=case._pending_skills) as pending:
        fast = _tree_outcome(package)
    assert pending.call_count == 1
    assert fast == _careful_tree_outcome(package)
    reading = from_package(package)
    assert len(reading.taxonomy.skills) == 57  # 3 domains; 9 inner items, 48 leaves
    assert reading.taxonomy.skills[0].extras == {
        "case:educationLevel": ("09", "10"),
        "case:CFItemType": "Standard",
    }


_UUID_PARTS = st.text(alphabet="0123456789abcdefABCDEF-gK\u212a\u0130é", min_size=0, max_size=40)


@given(
    st.lists(
        st.one_of(
            st.uuids().map(str),
            st.uuids().map(lambda value: str(value).upper()),
            _UUID_PARTS,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_identifiers_seen_as_uuids_at_once_are_those_the_pattern_takes(
    identifiers: list[str],
) -> None:
    """The C-speed UUID check of a tree's identifiers agrees with the pattern, one by one."""
    expected = all(case._UUID.fullmatch(identifier.lower()) for identifier in identifiers)
    assert case._all_uuids(identifiers) == expected


class _Item(dict[str, Any]):
    """An item of another mapping type, which `typed_layout` looks at one by one."""


@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                ["Skill", " skill ", "COMPETENCY", "Domain", "Cluster", "Standard", "", None, 3]
            ),
            st.sampled_from(["a", "b", "c", None]),
            st.booleans(),  # whether the type is also given by link
        ),
        min_size=1,
        max_size=6,
    ),
    st.lists(st.tuples(st.sampled_from("abcd"), st.sampled_from("abcd")), max_size=6),
)
def test_the_layout_seen_a_column_at_a_time_is_the_one_seen_item_by_item(
    typed: list[tuple[Any, str | None, bool]], parents: list[tuple[str, str]]
) -> None:
    """Whether a package is read as typed or as a tree does not depend on how it is seen."""
    items = []
    for title, identifier, linked in typed:
        item: dict[str, Any] = {"fullStatement": "x"}
        if title is not None:
            item["CFItemType"] = title
        if identifier is not None:
            item["identifier"] = identifier
        if linked:
            item["CFItemTypeURI"] = {"title": "Domain"}
        items.append(item)
    associations = [
        {
            "associationType": "isChildOf",
            "originNodeURI": {"identifier": origin},
            "destinationNodeURI": {"identifier": destination},
        }
        for origin, destination in parents
    ]
    package = {"CFItems": items, "CFAssociations": associations}
    one_by_one = {**package, "CFItems": [_Item(item) for item in items]}
    assert case.typed_layout(package) == case.typed_layout(one_by_one)


def test_a_package_s_framework_is_made_old() -> None:
    """The framework a package makes is in the collector's oldest generation, none frozen."""
    taxonomy = loads(dumps(load(), format="case"), format="case")
    young = {id(found) for found in gc.get_objects(0) + gc.get_objects(1)}
    assert gc.get_freeze_count() == 0
    assert not young & {id(taxonomy), *map(id, taxonomy.skills), *map(id, taxonomy.domains)}
