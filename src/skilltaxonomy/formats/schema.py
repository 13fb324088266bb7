"""The JSON Schemas of formats v2 and v1, shipped inside the package for editors and validators."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from skilltaxonomy.exceptions import InvalidQueryError


def schema_resource(version: int = 2) -> str:
    """The file name of format `version`'s schema inside the package's ``schema`` folder."""
    if version not in (1, 2):
        raise InvalidQueryError(f"unknown format version {version!r} (expected 1 or 2)")
    return f"skilltaxonomy-{version}.schema.json"


#: Where format v2's schema lives inside the package.
SCHEMA_RESOURCE = schema_resource(2)


def schema_text(version: int = 2) -> str:
    """The JSON Schema (draft 2020-12) of format `version`, as the text shipped in the package."""
    folder = resources.files("skilltaxonomy").joinpath("schema")
    return folder.joinpath(schema_resource(version)).read_text("utf-8")


def json_schema(version: int = 2) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of format `version` (2 or 1), a new dict on every call.

    The schema checks a file's shape: keys, types, non-empty ids and names. The library
    checks more (unique ids, references that resolve, one expectation per cell), so a
    file the schema accepts can still be refused by `load`, never the other way round.

    >>> from skilltaxonomy import json_schema
    >>> json_schema()["properties"]["format"]
    {'description': 'The format and its version.', 'const': 'skilltaxonomy/2'}
    >>> json_schema(1)["properties"]["format"]["const"]
    'skilltaxonomy/1'
    """
    loaded: dict[str, Any] = json.loads(schema_text(version))
    return loaded
