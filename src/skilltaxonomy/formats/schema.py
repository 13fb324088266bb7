"""The JSON Schema of format v1, shipped inside the package for editors and validators."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

#: Where the schema lives inside the package.
SCHEMA_RESOURCE = "skilltaxonomy-1.schema.json"


def schema_text() -> str:
    """The JSON Schema (draft 2020-12) of format v1, as the text shipped in the package."""
    return resources.files("skilltaxonomy").joinpath("schema", SCHEMA_RESOURCE).read_text("utf-8")


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of format v1, as a new dict on every call.

    The schema checks a file's shape: keys, types, non-empty ids and names. The library
    checks more (unique ids, references that resolve, one expectation per cell), so a
    file the schema accepts can still be refused by `load`, never the other way round.

    >>> from skilltaxonomy import json_schema
    >>> json_schema()["properties"]["format"]
    {'description': 'The format and its version.', 'const': 'skilltaxonomy/1'}
    """
    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded
