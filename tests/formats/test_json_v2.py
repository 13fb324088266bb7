"""Tests for format v2: every shape of framework round-trips, v1 still reads, bad keys are placed."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from skilltaxonomy import (
    ExportError,
    InvalidTaxonomyError,
    Taxonomy,
    dumps,
    json_schema,
    load,
    loads,
)
from skilltaxonomy.formats.json import LOADERS, decode_text

from ..strategies import v2_documents

SHAPES = Path(__file__).parent.parent / "data" / "shapes"
SHAPE_FILES = sorted(SHAPES.glob("*.json"))


@pytest.fixture(params=SHAPE_FILES, ids=lambda path: path.stem)
def shape(request: pytest.FixtureRequest) -> Path:
    """Each hand-made framework of a real layout (see tests/data/shapes)."""
    path: Path = request.param
    return path


def _document(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SHAPES / name).read_text(encoding="utf-8"))
    return loaded


class TestShapes:
    def test_every_loader_reads_it_alike(self, shape: Path) -> None:
        """The fast path and the careful path build the same framework from each shape."""
        text = shape.read_text(encoding="utf-8")
        built = {loader: decode_text(text, loader=loader) for loader in LOADERS}
        assert built["json"] == built["careful"] == built["orjson"]

    def test_round_trip_loses_nothing(self, shape: Path) -> None:
        """loads(dumps(t)) == t, and the canonical text is stable."""
        taxonomy = load(shape)
        text = dumps(taxonomy)
        assert loads(text) == taxonomy
        assert dumps(loads(text)) == text

    def test_the_file_passes_the_schema(self, shape: Path) -> None:
        """Each shape, as written here and as dumps writes it, passes the v2 schema."""
        import jsonschema

        validator = jsonschema.Draft202012Validator(json_schema())
        assert list(validator.iter_errors(json.loads(shape.read_text("utf-8")))) == []
        assert list(validator.iter_errors(json.loads(dumps(load(shape))))) == []

    def test_what_v1_cannot_hold_is_named(self) -> None:
        """Writing v1 of a framework with ladders says what v1 has no place for."""
        with pytest.raises(ExportError) as caught:
            dumps(load(SHAPES / "ladders-per-role.json"), version=1)
        assert str(caught.value) == (
            "format v1 cannot hold the framework's description; the framework's licence; "
            "roles' ladder (2); ladders (2); expectations' criteria (4); expectations' examples "
            "(2); expectations whose requirement is not stated (7) "
            "(write format v2 instead)"
        )

    @pytest.mark.parametrize("table", ["csv", "xlsx"])
    def test_the_tables_refuse_what_they_cannot_hold(self, table: str) -> None:
        """The long table refuses a framework whose head says more than its name, rather than lose it."""
        pytest.importorskip("openpyxl")
        with pytest.raises(
            ExportError,
            match=r"^the long table cannot hold the framework's publisher, licence, source, "
            r"issued, translations \(write JSON: format v2 holds it\)$",
        ):
            dumps(load(SHAPES / "catalogue.json"), format=table)

    def test_a_v1_file_reads_as_v2(self) -> None:
        """A format v1 file loads to what its v2 text loads to."""
        bundled = load()
        assert loads(dumps(bundled, version=1)) == loads(dumps(bundled)) == bundled
        assert dumps(bundled, version=1).startswith('{\n  "format": "skilltaxonomy/1"')

    def test_an_unknown_version_is_refused(self) -> None:
        """Only versions 1 and 2 are written."""
        with pytest.raises(ExportError, match=r"^unknown format version 3 \(expected 1 or 2\)$"):
            dumps(load(), version=3)


# Each bad new key, and the reader's message for it (the same on every loader).
_AXES = "positions-by-axis.json"
BAD_KEYS: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    (
        "unknown step",
        lambda d: d["expectations"][0].update(step="adopt"),
        "$.expectations[0].step: unknown step 'adopt' (did you mean 'adopts'?)",
    ),
    (
        "unknown ladder",
        lambda d: d["roles"][0].update(ladder="develper"),
        "$.roles[0].ladder: unknown ladder 'develper' (did you mean 'developer'?)",
    ),
    (
        "level below the role's start",
        lambda d: d["expectations"][8].update(level="tl3"),
        "$.expectations[8].level: level 'tl3' is not on the ladder of role 'technical-lead' "
        "(tl4, tl5)",
    ),
    (
        "level of another ladder",
        lambda d: d["expectations"][0].update(level="tl4"),
        "$.expectations[0].level: level 'tl4' is not on the ladder of role 'developer' "
        "(d1, d2, d3, d4)",
    ),
    (
        "start off the ladder",
        lambda d: d["roles"][1].update(start="d2"),
        "$.roles[1].start: level 'd2' is not on the ladder of role 'technical-lead' "
        "(tl3, tl4, tl5)",
    ),
    (
        "unknown scale",
        lambda d: d["skills"][0].update(scale="tech"),
        "$.skills[0].scale: unknown scale 'tech' (did you mean 'technology'?)",
    ),
    (
        "step id twice in a scale",
        lambda d: d["scales"][0]["steps"].append({"id": "adopts", "name": "Again"}),
        "$.scales[0].steps[5].id: duplicate step id 'adopts' (first at $.scales[0].steps[0].id)",
    ),
    (
        "bad language tag",
        lambda d: d.update(translations={"english": {"name": "x"}}),
        "$.translations: expected language tags such as 'en' or 'pt-BR', got 'english'",
    ),
    (
        "translated field that is not one",
        lambda d: d.update(translations={"de": {"title": "x"}}),
        "$.translations: at ['de']: unknown field 'title' (expected one of: name, summary, "
        "description)",
    ),
    (
        "extras that are not an object",
        lambda d: d["skills"][0].update(extras=[1]),
        "$.skills[0].extras: expected an object, got an array",
    ),
    (
        "an extra's key",
        lambda d: d["skills"][0].update(extras={" x": 1}),
        "$.skills[0].extras: expected keys that are ids (one line, not empty, no surrounding "
        "whitespace), got ' x'",
    ),
    (
        "a control character deep in an extra",
        lambda d: d["skills"][0].update(extras={"x": [1, {"y": "\x00"}]}),
        "$.skills[0].extras: at ['x'][1]['y']: expected text without control characters, "
        "got '\\x00' (U+0000 at character 1)",
    ),
    (
        "criteria that are not a list",
        lambda d: d["expectations"][0].update(criteria="one"),
        "$.expectations[0].criteria: expected an array, got 'one'",
    ),
    (
        "importance that is not a number",
        lambda d: d["expectations"][0].update(importance="high"),
        "$.expectations[0].importance: expected a finite number or null, got 'high'",
    ),
    (
        "requirement that is not a flag",
        lambda d: d["expectations"][0].update(mandatory="yes"),
        "$.expectations[0].mandatory: expected true, false or null, got 'yes'",
    ),
]


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize(
    ("change", "expected"), [case[1:] for case in BAD_KEYS], ids=[case[0] for case in BAD_KEYS]
)
def test_bad_new_keys_are_placed(
    change: Callable[[dict[str, Any]], None], expected: str, loader: str
) -> None:
    """Every new key of v2 gets the reader's error, at its place, with suggestions."""
    document = copy.deepcopy(_document(_AXES))
    change(document)
    with pytest.raises(InvalidTaxonomyError) as caught:
        decode_text(json.dumps(document), "axes.json", loader=loader)
    assert str(caught.value) == f"axes.json: 1 problem\n  {expected}"


def test_v2_arrays_are_not_v1_keys() -> None:
    """A format v1 file may not hold v2's arrays: the reader names the key."""
    document = json.loads(dumps(load(), version=1))
    document["scales"] = []
    with pytest.raises(InvalidTaxonomyError, match=r"\$\.scales: unknown key"):
        loads(json.dumps(document))


@settings(max_examples=100)
@given(v2_documents())
def test_any_v2_framework_round_trips(document: dict[str, Any]) -> None:
    """Any framework v2 can hold survives dumps/loads equal, on every loader."""
    text = json.dumps(document)
    taxonomy = decode_text(text, loader="careful")
    assert isinstance(taxonomy, Taxonomy)
    for loader in LOADERS:
        assert decode_text(text, loader=loader) == taxonomy
    written = dumps(taxonomy)
    assert loads(written) == taxonomy
    assert dumps(loads(written)) == written


def test_a_step_id_wins_over_another_steps_code() -> None:
    """Where one step's code is another's id, a reference names the step with that id.

    Found by fuzzing: the writer writes ids, so reading a code first gave another step.
    """
    document = _document("catalogue.json")
    steps = document["scales"][0]["steps"]
    steps[0]["code"], steps[1]["code"] = "1", "0"  # ids "0" and "1", codes swapped
    document["definitions"] = [{"skill": "data-cleaning", "step": "0"}]
    taxonomy = loads(json.dumps(document))
    assert taxonomy.definitions[0].step.name == "Not aware"
    assert loads(dumps(taxonomy)) == taxonomy
    assert taxonomy.scale("skill-level").step("1").name == "Aware"
