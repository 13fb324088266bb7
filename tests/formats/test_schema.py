"""Tests for the shipped JSON Schemas: valid files pass them, structural mistakes fail them."""

from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any

import jsonschema
import pytest

from skilltaxonomy import (
    dumps,
    json_schema,
    load,
    loads,
)
from skilltaxonomy.formats.schema import schema_text

from ..conftest import SMALL, Document
from ..formats.test_json import BAD

VALIDATORS = {
    version: jsonschema.Draft202012Validator(
        json_schema(version), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    for version in (1, 2)
}


class _ByFormat:
    """Validates a document with the schema of the version its ``format`` names."""

    def iter_errors(self, document: Any) -> Any:
        version = 1 if document.get("format") == "skilltaxonomy/1" else 2
        return VALIDATORS[version].iter_errors(document)


VALIDATOR = _ByFormat()

# Problems the schema cannot see: they need more than one place of the file at once.
_CROSS_REFERENCE = ("duplicate", "unknown domain", "unknown skill", "unknown role", "unknown level")


def _is_structural(expected: list[str]) -> bool:
    return not any(word in line for line in expected for word in _CROSS_REFERENCE)


def _schema_can_see(expected: list[str]) -> bool:
    # JSON Schema has no notion of a lone surrogate; the library checks text further.
    return _is_structural(expected) and not any("lone surrogate" in line for line in expected)


@pytest.mark.parametrize("version", [1, 2])
def test_the_schema_is_a_valid_draft_2020_12_schema(version: int) -> None:
    """The shipped file is a valid JSON Schema of the draft it declares."""
    schema = json_schema(version)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("version", [1, 2])
def test_the_schema_is_package_data(version: int) -> None:
    """The schema is a file inside the installed package, readable with importlib.resources."""
    name = f"skilltaxonomy-{version}.schema.json"
    shipped = resources.files("skilltaxonomy").joinpath("schema", name)
    assert json.loads(shipped.read_text("utf-8")) == json_schema(version)
    assert schema_text(version) == shipped.read_text("utf-8")


def test_each_call_returns_a_new_schema() -> None:
    """Changing the returned dict does not change what the next caller gets."""
    first = json_schema()
    first["properties"].clear()
    assert json_schema()["properties"]


@pytest.mark.parametrize(
    "document",
    [
        pytest.param(SMALL, id="small"),
        pytest.param(json.loads(dumps(load())), id="bundled"),
        pytest.param(json.loads(dumps(loads(json.dumps(SMALL)))), id="small-canonical"),
    ],
)
def test_valid_documents_pass(document: Document) -> None:
    """The bundled framework and every valid fixture pass the schema."""
    assert list(VALIDATOR.iter_errors(document)) == []


def test_the_shipped_data_file_passes() -> None:
    """The bundled file itself, as shipped, passes."""
    data = resources.files("skilltaxonomy").joinpath("data", "neural-network-architectures.json")
    assert list(VALIDATOR.iter_errors(json.loads(data.read_bytes()))) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [case for case in BAD if _schema_can_see(case[1])],
)
def test_structural_mistakes_fail(change: Any, expected: list[str]) -> None:
    """Every invalid fixture whose problem is the shape of one value fails the schema too."""
    document = copy.deepcopy(SMALL)
    change(document)
    assert list(VALIDATOR.iter_errors(document)) != []


@pytest.mark.parametrize(
    ("change", "expected"),
    [case for case in BAD if not _is_structural(case[1])],
)
def test_reference_mistakes_pass_the_schema_but_not_the_library(
    change: Any, expected: list[str]
) -> None:
    """Dangling references and duplicates are the library's to find, beyond the schema."""
    document = copy.deepcopy(SMALL)
    change(document)
    assert list(VALIDATOR.iter_errors(document)) == []


def test_a_schema_pointer_is_allowed_and_ignored() -> None:
    """A file may name its schema under "$schema", for editors; it loads as without it."""
    document = {"$schema": json_schema(1)["$id"], **SMALL}
    assert list(VALIDATOR.iter_errors(document)) == []
    assert loads(json.dumps(document)) == loads(json.dumps(SMALL))


def test_a_schema_pointer_must_be_text() -> None:
    """A "$schema" that is not a string is reported at its place."""
    with pytest.raises(ValueError, match=r'\$\["\$schema"\]: expected a string'):
        loads(json.dumps({"$schema": 1, **SMALL}))


@pytest.mark.parametrize("version", [1, 2])
def test_the_shipped_schema_is_the_declared_one(version: int) -> None:
    """The shipped file is the schema made from the declared fields, byte for byte."""
    from skilltaxonomy.formats.fields import json_schema_document

    assert json_schema(version) == json_schema_document(version)
    expected = json.dumps(json_schema_document(version), ensure_ascii=False, indent=2) + "\n"
    assert schema_text(version) == expected
