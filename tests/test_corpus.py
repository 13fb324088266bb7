"""The corpus of bad inputs: each is refused with exactly the error it names, and only that.

Every reader is here: format v1 JSON (through every loader path), CSV and XLSX tables,
CASE packages, assessments and skill profile pages. A case that the fuzzer found is
marked so in its id.
"""

from __future__ import annotations

import codecs
import copy
import datetime
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest

from skilltaxonomy import (
    COLUMNS,
    InvalidAssessmentError,
    InvalidCaseError,
    InvalidPageError,
    InvalidTableError,
    InvalidTaxonomyError,
    Role,
    Taxonomy,
    dumps,
    load,
    loads,
    loads_assessment,
    render,
)
from skilltaxonomy.formats.case import to_package
from skilltaxonomy.formats.json import LOADERS, decode_text

from .conftest import SMALL, read_case

Document = dict[str, Any]


@attrs.frozen
class Case:
    """A bad input, how to read it, and the error expected, word for word."""

    id: str
    read: Callable[[], object]
    error: type[InvalidTaxonomyError]
    message: str
    # The format v1 text, for the cases every loader path must refuse alike.
    framework_text: str | bytes | None = None


CASES: list[Case] = []


def _text(document: object) -> str:
    return json.dumps(document, ensure_ascii=False)


def _changed(change: Callable[[Document], object]) -> str:
    document = copy.deepcopy(SMALL)
    change(document)
    return _text(document)


def framework(id_: str, data: str | bytes, message: str, **options: Any) -> None:
    """A format v1 input that `loads` refuses with `message`; every loader alike."""
    CASES.append(
        Case(
            f"json-{id_}",
            lambda: loads(data, source="bad.json", **options),
            InvalidTaxonomyError,
            message,
            None if options else data,
        )
    )


def other(
    id_: str, error: type[InvalidTaxonomyError], read: Callable[[], object], message: str
) -> None:
    """An input of another format that `read` refuses with `error` and `message`."""
    CASES.append(Case(id_, read, error, message))


SMALL_TEXT = _text(SMALL)
CSV_TEXT = dumps(load(), format="csv")
CASE_TEXT = json.dumps(to_package(load()), ensure_ascii=False)
BUNDLED = load()
SEED_PAGE = (
    Path(__file__).resolve().parent.parent / "sources" / "skill-profile-deep-learning.txt"
).read_text(encoding="utf-8")
ASSESSMENT: Document = {
    "format": "skilltaxonomy-assessment/1",
    "person": "Ana",
    "role": "data-scientist",
    "level": "senior",
    "ratings": [{"skill": "neural-network-architectures", "level": "middle"}],
}
ASSESSMENT_TEXT = _text(ASSESSMENT)


def _case(change: Callable[[Document], object]) -> str:
    package = to_package(load())
    change(package)
    return _text(package)


def _nested_title(depth: int) -> Document:
    """The bundled framework's CASE package, parsed, its title an array `depth` deep."""
    package = to_package(load())
    title: object = "deep"
    for _ in range(depth):
        title = [title]
    package["CFDocument"]["title"] = title
    return package


def _assessment(change: Callable[[Document], object]) -> str:
    document = copy.deepcopy(ASSESSMENT)
    change(document)
    return _text(document)


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _workbook(sheet: str, rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _with_role_name(name: str) -> Taxonomy:
    # The model refuses such a name; with its validators off, the library writes the file
    # another program could have written, which must be refused on reading.
    with attrs.validators.disabled():
        return Taxonomy(
            name="T", domains=[], skills=[], roles=[Role("r", name)], levels=[], expectations=[]
        )


# Format v1 ---------------------------------------------------------------------------

framework(
    "empty",
    b"",
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $: not valid JSON: Expecting value at line 1, column 1",
        ]
    ),
)
framework(
    "truncated",
    SMALL_TEXT[: len(SMALL_TEXT) // 2],
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $: not valid JSON: Expecting ':' delimiter at line 1, column 728",
        ]
    ),
)
framework(
    "trailing-garbage",
    SMALL_TEXT + " x",
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $: not valid JSON: Extra data at line 1, column 1457",
        ]
    ),
)
framework(
    "single-quotes",
    "{'format': 'skilltaxonomy/1'}",
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $: not valid JSON: Expecting property name enclosed in double quotes at line 1, column 2",
        ]
    ),
)
framework(
    "trailing-comma",
    SMALL_TEXT[:-1] + ", }",
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $: not valid JSON: Expecting property name enclosed in double quotes at line 1, column 1457",
        ]
    ),
)
framework(
    "comment",
    "// a framework\n" + SMALL_TEXT,
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $: not valid JSON: Expecting value at line 1, column 1",
        ]
    ),
)
framework(
    "utf-16-le-with-bom",
    codecs.BOM_UTF16_LE + SMALL_TEXT.encode("utf-16-le"),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $: not UTF-8 text: it looks like UTF-16 (save it as UTF-8)",
        ]
    ),
)
framework(
    "utf-16-be",
    SMALL_TEXT.encode("utf-16-be"),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $: not UTF-8 text: it looks like UTF-16 (save it as UTF-8)",
        ]
    ),
)
framework(
    "latin-1",
    _changed(lambda d: d.update(name="Café")).encode("latin-1"),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $: not UTF-8 text (byte 0xe9 at offset 42)",
        ]
    ),
)
framework(
    "lone-surrogate-escaped",
    SMALL_TEXT.replace('"Small"', '"Sm\\ud800all"'),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.name: expected an id or name without lone surrogates, got 'Sm\\ud800all' "
            "(U+D800 at character 3)",
        ]
    ),
)
framework(
    "lone-surrogate-in-str",
    SMALL_TEXT.replace("Small", "Sm\ud800all"),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.name: expected an id or name without lone surrogates, got 'Sm\\ud800all' "
            "(U+D800 at character 3)",
        ]
    ),
)
framework(
    "two-byte-order-marks",
    "\ufeff\ufeff" + SMALL_TEXT,
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $: not valid JSON: Unexpected UTF-8 BOM (decode using utf-8-sig) at line 1, column 1",
        ]
    ),
)
framework(
    "not-an-object",
    "[1, 2]",
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $: expected a JSON object, got an array",
        ]
    ),
)
framework(
    "a-bare-string",
    '"skilltaxonomy/1"',
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $: expected a JSON object, got 'skilltaxonomy/1'",
        ]
    ),
)
framework(
    "nan",
    _changed(lambda d: d.update(version=float("nan"))),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.version: NaN is not valid JSON (numbers must be finite)",
        ]
    ),
)
framework(
    "infinity",
    SMALL_TEXT.replace('"mandatory": true', '"mandatory": Infinity', 1),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.expectations[0].mandatory: Infinity is not valid JSON (numbers must be finite)",
        ]
    ),
)
framework(
    "minus-infinity",
    SMALL_TEXT.replace('"version": "1"', '"version": -Infinity'),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.version: -Infinity is not valid JSON (numbers must be finite)",
        ]
    ),
)
framework(
    "huge-float",
    SMALL_TEXT.replace('"version": "1"', '"version": 1e400'),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.version: the number 1e400 is too large for a double",
        ]
    ),
)
framework(
    "huge-integer",
    SMALL_TEXT.replace('"version": "1"', '"version": ' + "9" * 5000),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.version: a number of 5000 digits is too long (the limit is 4300)",
        ]
    ),
)
framework(
    "integer-version",
    SMALL_TEXT.replace('"version": "1"', '"version": 1'),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.version: expected a string, got 1",
        ]
    ),
)
framework(
    "duplicate-key-in-root",
    SMALL_TEXT.replace('"name": "Small"', '"name": "Small", "name": "Big"'),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.name: duplicate key (given 2 times in one object; readers differ on which counts)",
        ]
    ),
)
framework(
    "duplicate-key-in-expectation",
    SMALL_TEXT.replace('"mandatory": true', '"mandatory": false, "mandatory": true', 1),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.expectations[0].mandatory: duplicate key (given 2 times in one object; readers differ on which counts)",
        ]
    ),
)
framework(
    "duplicate-key-in-skill",
    SMALL_TEXT.replace('"id": "sql"', '"id": "sql", "id": "sql"'),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.skills[1].id: duplicate key (given 2 times in one object; readers differ on which counts)",
        ]
    ),
)
framework(
    "duplicate-key-spelled-with-an-escape",
    SMALL_TEXT.replace('"name": "Small"', '"name": "Small", "n\\u0061me": "Big"'),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.name: duplicate key (given 2 times in one object; readers differ on which counts)",
        ]
    ),
)
framework(
    "duplicate-key-beside-an-escaped-colon",
    SMALL_TEXT.replace('"name": "Small"', '"name": "Small\\u003a", "name": "Big"'),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.name: duplicate key (given 2 times in one object; readers differ on which counts)",
        ]
    ),
)
framework(
    "duplicate-key-three-times",
    SMALL_TEXT.replace('"version": "1"', '"version": "1", "version": "2", "version": "3"'),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.version: duplicate key (given 3 times in one object; readers differ on which counts)",
        ]
    ),
)
framework(
    "nested-arrays-100000-deep",
    "[" * 100_000 + "]" * 100_000,
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $: arrays and objects nest 100000 deep; the limit is 64",
        ]
    ),
)
framework(
    "nested-objects-100000-deep",
    '{"a": ' * 100_000 + "1" + "}" * 100_000,
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $: arrays and objects nest 100000 deep; the limit is 64",
        ]
    ),
)
framework(
    "nested-65-deep-in-a-field",
    SMALL_TEXT.replace('"version": "1"', '"version": ' + "[" * 64 + "]" * 64),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $: arrays and objects nest 65 deep; the limit is 64",
        ]
    ),
)
framework(
    "deeper-than-a-lowered-limit",
    SMALL_TEXT,
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $: arrays and objects nest 3 deep; the limit is 2",
        ]
    ),
    max_depth=2,
)
framework(
    "larger-than-the-limit",
    SMALL_TEXT,
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $: input is 1455 characters; the limit is 100",
        ]
    ),
    max_bytes=100,
)
framework(
    "a-megabyte-where-a-flag-goes",
    SMALL_TEXT.replace('"mandatory": true', '"mandatory": "' + "y" * 1_000_000 + '"', 1),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.expectations[0].mandatory: expected true or false, got 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy...'",
        ]
    ),
)
framework(
    "a-megabyte-reference",
    SMALL_TEXT.replace('"level": "l1"', '"level": "' + "l" * 1_000_000 + '"', 1),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.expectations[0].level: unknown level 'lllllllllllllllllllllllllllllllllllll...' (expected the id of an entry in $.levels)",
        ]
    ),
)
framework(
    "format-missing",
    _changed(lambda d: d.pop("format")),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.format: required key missing (expected 'skilltaxonomy/1' or 'skilltaxonomy/2')",
        ]
    ),
)
framework(
    "format-unsupported",
    _changed(lambda d: d.update(format="skilltaxonomy/3")),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.format: unsupported format 'skilltaxonomy/3'; this version reads 'skilltaxonomy/1' or 'skilltaxonomy/2'",
        ]
    ),
)
framework(
    "unknown-key-with-a-typo",
    _changed(lambda d: d.update(levles=[])),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.levles: unknown key (did you mean 'levels'?)",
        ]
    ),
)
framework(
    "required-keys-missing",
    _text({"format": "skilltaxonomy/1"}),
    "\n".join(
        [
            "bad.json: 6 problems",
            "  $.name: required key missing",
            "  $.domains: required key missing",
            "  $.skills: required key missing",
            "  $.roles: required key missing",
            "  $.levels: required key missing",
            "  $.expectations: required key missing",
        ]
    ),
)
framework(
    "name-empty",
    _changed(lambda d: d.update(name="")),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.name: expected a non-empty string, got ''",
        ]
    ),
)
framework(
    "name-blank",
    _changed(lambda d: d.update(name="   ")),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.name: expected a non-empty string, got '   '",
        ]
    ),
)
framework(
    "name-a-number",
    _changed(lambda d: d.update(name=3)),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.name: expected a string, got 3",
        ]
    ),
)
framework(
    "language-null",
    _changed(lambda d: d.update(language=None)),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.language: expected a string, got null",
        ]
    ),
)
framework(
    "schema-not-a-string",
    _changed(lambda d: d.update({"$schema": 1})),
    "\n".join(
        [
            "bad.json: 1 problem",
            '  $["$schema"]: expected a string (where the JSON Schema is), got 1',
        ]
    ),
)
framework(
    "domains-an-object",
    _changed(lambda d: d.update(domains={})),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.domains: expected an array, got an object",
        ]
    ),
)
framework(
    "domain-without-id",
    _changed(lambda d: d["domains"][0].pop("id")),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.domains[0].id: required key missing",
        ]
    ),
)
framework(
    "skill-a-string",
    _changed(lambda d: d["skills"].__setitem__(0, "python")),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.skills[0]: expected an object, got 'python'",
        ]
    ),
)
framework(
    "expectation-an-array",
    _changed(lambda d: d["expectations"].__setitem__(0, ["python", "backend"])),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.expectations[0]: expected an object, got an array",
        ]
    ),
)
framework(
    "expectation-with-an-unknown-key",
    _changed(lambda d: d["expectations"][0].update(notes="")),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.expectations[0].notes: unknown key (expected one of: skill, role, level, mandatory, description)",
        ]
    ),
)
framework(
    "mandatory-a-string",
    _changed(lambda d: d["expectations"][0].update(mandatory="yes")),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.expectations[0].mandatory: expected true or false, got 'yes'",
        ]
    ),
)
framework(
    "mandatory-a-number",
    _changed(lambda d: d["expectations"][0].update(mandatory=1)),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.expectations[0].mandatory: expected true or false, got 1",
        ]
    ),
)
framework(
    "description-null",
    _changed(lambda d: d["expectations"][0].update(description=None)),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.expectations[0].description: expected a string, got null",
        ]
    ),
)
framework(
    "updated-not-a-date",
    _changed(lambda d: d["skills"][0].update(updated="2026-02-30")),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.skills[0].updated: expected a valid calendar date, got '2026-02-30'",
        ]
    ),
)
framework(
    "updated-not-iso",
    _changed(lambda d: d["skills"][0].update(updated="31/01/2026")),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.skills[0].updated: expected an ISO date such as '2026-02-22', or null, got '31/01/2026'",
        ]
    ),
)
framework(
    "every-field-the-wrong-type",
    _text(
        {
            "format": "skilltaxonomy/1",
            "name": [],
            "version": 1,
            "language": True,
            "domains": [{"id": 1, "name": None}],
            "skills": [
                {
                    "id": {},
                    "name": 2.5,
                    "domain": [],
                    "category": 1,
                    "summary": False,
                    "updated": 20260131,
                }
            ],
            "roles": [{"id": None, "name": True, "family": [], "summary": {}}],
            "levels": [{"id": 0, "name": []}],
            "expectations": [
                {"skill": 1, "role": 2, "level": 3, "mandatory": "no", "description": 4}
            ],
        }
    ),
    "\n".join(
        [
            "bad.json: 22 problems",
            "  $.name: expected a string, got an array",
            "  $.domains[0].id: expected a string, got 1",
            "  $.domains[0].name: expected a string, got null",
            "  $.skills[0].id: expected a string, got an object",
            "  $.skills[0].name: expected a string, got 2.5",
            "  $.skills[0].domain: expected a string, got an array",
            "  $.skills[0].category: expected a string, got 1",
            "  $.skills[0].summary: expected a string, got false",
            "  $.skills[0].updated: expected an ISO date such as '2026-02-22', or null, got 20260131",
            "  $.roles[0].id: expected a string, got null",
            "  $.roles[0].name: expected a string, got true",
            "  $.roles[0].family: expected a string, got an array",
            "  $.roles[0].summary: expected a string, got an object",
            "  $.levels[0].id: expected a string, got 0",
            "  $.levels[0].name: expected a string, got an array",
            "  $.expectations[0].skill: expected a string, got 1",
            "  $.expectations[0].role: expected a string, got 2",
            "  $.expectations[0].level: expected a string, got 3",
            "  $.expectations[0].mandatory: expected true or false, got 'no'",
            "  $.expectations[0].description: expected a string, got 4",
            "  $.version: expected a string, got 1",
            "  $.language: expected a string, got true",
        ]
    ),
)
framework(
    "dangling-domain",
    _changed(lambda d: d["skills"][1].update(domain="engineering")),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.skills[1].domain: unknown domain 'engineering' (expected the id of an entry in $.domains)",
        ]
    ),
)
framework(
    "dangling-skill",
    _changed(lambda d: d["expectations"][0].update(skill="pyhton")),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.expectations[0].skill: unknown skill 'pyhton' (did you mean 'python'?)",
        ]
    ),
)
framework(
    "dangling-role",
    _changed(lambda d: d["expectations"][0].update(role="frontend")),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.expectations[0].role: unknown role 'frontend' (expected the id of an entry in $.roles)",
        ]
    ),
)
framework(
    "dangling-level",
    _changed(lambda d: d["expectations"][0].update(level="l9")),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.expectations[0].level: unknown level 'l9' (expected the id of an entry in $.levels)",
        ]
    ),
)
framework(
    "every-reference-dangling",
    _changed(lambda d: d["expectations"][0].update(skill="a", role="b", level="c")),
    "\n".join(
        [
            "bad.json: 3 problems",
            "  $.expectations[0].skill: unknown skill 'a' (expected the id of an entry in $.skills)",
            "  $.expectations[0].role: unknown role 'b' (did you mean 'backend'?)",
            "  $.expectations[0].level: unknown level 'c' (expected the id of an entry in $.levels)",
        ]
    ),
)
framework(
    "duplicate-domain",
    _changed(lambda d: d["domains"].append(d["domains"][0])),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.domains[2].id: duplicate domain id 'eng' (first at $.domains[0].id)",
        ]
    ),
)
framework(
    "duplicate-skill",
    _changed(lambda d: d["skills"].append(d["skills"][1])),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.skills[3].id: duplicate skill id 'sql' (first at $.skills[1].id)",
        ]
    ),
)
framework(
    "duplicate-role",
    _changed(lambda d: d["roles"].append(d["roles"][0])),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.roles[2].id: duplicate role id 'backend' (first at $.roles[0].id)",
        ]
    ),
)
framework(
    "duplicate-level",
    _changed(lambda d: d["levels"].append(d["levels"][2])),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.levels[3].id: duplicate level id 'l3' (first at $.levels[2].id)",
        ]
    ),
)
framework(
    "duplicate-expectation",
    _changed(lambda d: d["expectations"].append(d["expectations"][3])),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.expectations[6]: duplicate expectation for (skill, role, level) ('sql', 'backend', 'l2') (first at $.expectations[3])",
        ]
    ),
)
framework(
    "ids-differing-by-case",
    _changed(lambda d: d["skills"].append(dict(d["skills"][0], id="Python"))),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.skills[3].id: skill id 'Python' collides with 'python' at $.skills[0].id (ids that differ only in case or Unicode normalisation are one id)",
        ]
    ),
)
framework(
    "ids-differing-by-normalisation",
    _changed(
        lambda d: d["roles"].extend(
            [{"id": "caf\u00e9", "name": "A"}, {"id": "cafe\u0301", "name": "B"}]
        )
    ),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.roles[3].id: role id 'cafe\\u0301' collides with 'caf\\xe9' at $.roles[2].id (ids that differ only in case or Unicode normalisation are one id)",
        ]
    ),
)
framework(
    "ids-differing-by-width",
    _changed(lambda d: d["levels"].append({"id": "\uff4c1", "name": "Wide"})),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.levels[3].id: level id 'ｌ1' collides with 'l1' at $.levels[0].id (ids that differ only in case or Unicode normalisation are one id)",
        ]
    ),
)
framework(
    "ids-differing-by-sharp-s",
    _changed(
        lambda d: d["domains"].extend(
            [{"id": "stra\u00dfe", "name": "A"}, {"id": "STRASSE", "name": "B"}]
        )
    ),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.domains[3].id: domain id 'STRASSE' collides with 'straße' at $.domains[2].id (ids that differ only in case or Unicode normalisation are one id)",
        ]
    ),
)
framework(
    "nul-in-a-name",
    _changed(lambda d: d["skills"][0].update(name="Py\x00thon")),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.skills[0].name: expected an id or name without control characters, got 'Py\\x00thon' (U+0000 at character 3)",
        ]
    ),
)
framework(
    "newline-in-a-name",
    _changed(lambda d: d["roles"][0].update(name="Backend\nEngineer")),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.roles[0].name: expected an id or name without control characters, got 'Backend\\nEngineer' (U+000A at character 8)",
        ]
    ),
)
framework(
    "tab-in-an-id",
    _changed(lambda d: d["levels"][0].update(id="l\t1")),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.levels[0].id: expected an id or name without control characters, got 'l\\t1' (U+0009 at character 2)",
        ]
    ),
)
framework(
    "escape-sequence-in-a-name",
    _changed(lambda d: d.update(name="\x1b[31mSmall")),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.name: expected an id or name without control characters, got '\\x1b[31mSmall' (U+001B at character 1)",
        ]
    ),
)
framework(
    "right-to-left-override-in-a-name",
    _changed(lambda d: d["skills"][0].update(name="Python \u202egnp.exe")),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.skills[0].name: expected an id or name without bidirectional formatting characters, got 'Python \\u202egnp.exe' (U+202E at character 8)",
        ]
    ),
)
framework(
    "right-to-left-mark-in-an-id",
    _changed(lambda d: d["domains"][0].update(id="eng\u200f")),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.domains[0].id: expected an id or name without bidirectional formatting characters, got 'eng\\u200f' (U+200F at character 4)",
        ]
    ),
)
framework(
    "isolate-in-a-description",
    _changed(
        lambda d: d["expectations"][0].update(description="Writes \u2067small\u2069 scripts.")
    ),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.expectations[0].description: expected text without bidirectional formatting characters, got 'Writes \\u2067small\\u2069 scripts.' (U+2067 at character 8)",
        ]
    ),
)
framework(
    "c1-control-in-a-description",
    _changed(lambda d: d["expectations"][0].update(description="Writes\x85scripts.")),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.expectations[0].description: expected text without control characters, got 'Writes\\x85scripts.' (U+0085 at character 7)",
        ]
    ),
)
framework(
    "delete-in-a-summary",
    _changed(lambda d: d["skills"][0].update(summary="Writing\x7fPython.")),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.skills[0].summary: expected text without control characters, got 'Writing\\x7fPython.' (U+007F at character 8)",
        ]
    ),
)
framework(
    "escaped-bell-in-a-description",
    SMALL_TEXT.replace("Writes small scripts.", "Writes \\u0007small scripts."),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.expectations[0].description: expected text without control characters, got 'Writes \\x07small scripts.' (U+0007 at character 8)",
        ]
    ),
)
framework(
    "id-with-surrounding-space",
    _changed(lambda d: d["roles"][1].update(id=" manager")),
    "\n".join(
        [
            "bad.json: 1 problem",
            "  $.roles[1].id: expected a non-empty id without surrounding whitespace, got ' manager'",
        ]
    ),
)

# Tables, CASE packages, assessments and pages -----------------------------------------

other(
    "csv-empty",
    InvalidTableError,
    lambda: loads("", format="csv", name="T", source="bad.csv"),
    "\n".join(
        [
            "bad.csv: 1 problem",
            "  row 1: the table is empty (expected a header)",
        ]
    ),
)
other(
    "csv-latin-1",
    InvalidTableError,
    lambda: loads(
        CSV_TEXT.replace("Junior", "Júnior").encode("latin-1"),
        format="csv",
        name="T",
        source="bad.csv",
        encoding="utf-8",
    ),
    "\n".join(
        [
            "bad.csv: 1 problem",
            "  row 2, column E (level): not utf-8 text (byte 0xfa at offset 237); name the "
            "file's encoding with encoding= or --encoding",
        ]
    ),
)
other(
    "csv-utf-16",
    InvalidTableError,
    lambda: loads(
        CSV_TEXT.encode("utf-16"), format="csv", name="T", source="bad.csv", encoding="utf-8"
    ),
    "\n".join(
        [
            "bad.csv: 1 problem",
            "  line 1, column 1: not utf-8 text (byte 0xff at offset 0); name the file's "
            "encoding with encoding= or --encoding",
        ]
    ),
)
other(
    "csv-required-column-missing",
    InvalidTableError,
    lambda: loads(
        CSV_TEXT.replace(",level_rank,", ",rank,", 1), format="csv", name="T", source="bad.csv"
    ),
    "\n".join(
        [
            "bad.csv: 2 problems",
            "  row 1, column F: unknown column 'rank' (did you mean 'level_rank'?)",
            "  row 1: required column 'level_rank' missing",
        ]
    ),
)
other(
    "csv-nul-in-a-name",
    InvalidTableError,
    lambda: loads(
        CSV_TEXT.replace("Data Scientist", "Data\x00Scientist", 1),
        format="csv",
        name="T",
        source="bad.csv",
    ),
    "\n".join(
        [
            "bad.csv: 1 problem",
            "  row 2, column D (role): expected an id or name without control characters, got 'Data\\x00Scientist' (U+0000 at character 5)",
        ]
    ),
)
other(
    "csv-override-in-a-name",
    InvalidTableError,
    lambda: loads(
        CSV_TEXT.replace("Neural Network", "Neural \u202eNetwork", 1),
        format="csv",
        name="T",
        source="bad.csv",
    ),
    "\n".join(
        [
            "bad.csv: 1 problem",
            "  row 2, column C (skill): expected an id or name without bidirectional formatting characters, got 'Neural \\u202eNetwork Architectures' (U+202E at character 8)",
        ]
    ),
)
other(
    "csv-ids-differing-by-case",
    InvalidTableError,
    lambda: loads(
        CSV_TEXT.replace(",data-scientist,", ",Data-Scientist,", 1),
        format="csv",
        name="T",
        source="bad.csv",
    ),
    "\n".join(
        [
            "bad.csv: 4 problems",
            "  row 4, column K (role_id): role id 'data-scientist' collides with 'Data-Scientist' at row 2 (ids that differ only in case or Unicode normalisation are one id)",
            "  row 6, column K (role_id): role id 'data-scientist' collides with 'Data-Scientist' at row 2 (ids that differ only in case or Unicode normalisation are one id)",
            "  row 8, column K (role_id): role id 'data-scientist' collides with 'Data-Scientist' at row 2 (ids that differ only in case or Unicode normalisation are one id)",
            "  row 10, column K (role_id): role id 'data-scientist' collides with 'Data-Scientist' at row 2 (ids that differ only in case or Unicode normalisation are one id)",
        ]
    ),
)
other(
    "csv-mandatory-maybe",
    InvalidTableError,
    lambda: loads(CSV_TEXT.replace(",no,", ",maybe,", 1), format="csv", name="T", source="bad.csv"),
    "\n".join(
        [
            "bad.csv: 1 problem",
            "  row 2, column G (mandatory): expected yes, no, or an empty cell, got 'maybe'",
        ]
    ),
)
other(
    "csv-rank-zero",
    InvalidTableError,
    lambda: loads(
        CSV_TEXT.replace(",Junior,1,", ",Junior,0,"), format="csv", name="T", source="bad.csv"
    ),
    "\n".join(
        [
            "bad.csv: 2 problems",
            "  row 2, column F (level_rank): expected a rank: 1, 2, 3…, got 0",
            "  row 3, column F (level_rank): expected a rank: 1, 2, 3…, got 0",
        ]
    ),
)
other(
    "csv-duplicate-row",
    InvalidTableError,
    lambda: loads(
        CSV_TEXT + CSV_TEXT.splitlines()[1] + "\n", format="csv", name="T", source="bad.csv"
    ),
    "\n".join(
        [
            "bad.csv: 1 problem",
            "  row 12: duplicate expectation for (skill, role, level) ('neural-network-architectures', 'data-scientist', 'junior') (first in row 2)",
        ]
    ),
)
other(
    "csv-rows-disagree",
    InvalidTableError,
    lambda: loads(
        CSV_TEXT.replace("Neural Network Architectures", "Neural Nets", 1),
        format="csv",
        name="T",
        source="bad.csv",
    ),
    "\n".join(
        [
            "bad.csv: 9 problems",
            "  row 3, column C (skill): skill 'neural-network-architectures' is 'Neural Nets' in row 2, here 'Neural Network Architectures'",
            "  row 4, column C (skill): skill 'neural-network-architectures' is 'Neural Nets' in row 2, here 'Neural Network Architectures'",
            "  row 5, column C (skill): skill 'neural-network-architectures' is 'Neural Nets' in row 2, here 'Neural Network Architectures'",
            "  row 6, column C (skill): skill 'neural-network-architectures' is 'Neural Nets' in row 2, here 'Neural Network Architectures'",
            "  row 7, column C (skill): skill 'neural-network-architectures' is 'Neural Nets' in row 2, here 'Neural Network Architectures'",
            "  row 8, column C (skill): skill 'neural-network-architectures' is 'Neural Nets' in row 2, here 'Neural Network Architectures'",
            "  row 9, column C (skill): skill 'neural-network-architectures' is 'Neural Nets' in row 2, here 'Neural Network Architectures'",
            "  row 10, column C (skill): skill 'neural-network-architectures' is 'Neural Nets' in row 2, here 'Neural Network Architectures'",
            "  row 11, column C (skill): skill 'neural-network-architectures' is 'Neural Nets' in row 2, here 'Neural Network Architectures'",
        ]
    ),
)
other(
    "csv-unterminated-quote",
    InvalidTableError,
    lambda: loads(CSV_TEXT + '"Machine', format="csv", name="T", source="bad.csv"),
    "\n".join(
        [
            "bad.csv: 1 problem",
            "  row 12: not valid CSV: unexpected end of data",
        ]
    ),
)
other(
    "csv-a-field-past-the-csv-module-limit",
    InvalidTableError,
    lambda: loads(
        CSV_TEXT.replace("Understands basic", "Understands " + "very " * 30_000 + "basic", 1),
        format="csv",
        name="T",
        source="bad.csv",
    ),
    "\n".join(
        [
            "bad.csv: 1 problem",
            "  row 2: not valid CSV: field larger than field limit (131072)",
        ]
    ),
)
other(
    "xlsx-empty",
    InvalidTableError,
    lambda: loads(b"", format="xlsx", source="bad.xlsx"),
    "\n".join(
        [
            "bad.xlsx: 1 problem",
            "  $: not an Excel workbook (.xlsx): File is not a zip file",
        ]
    ),
)
other(
    "xlsx-not-a-zip",
    InvalidTableError,
    lambda: loads(CSV_TEXT.encode(), format="xlsx", source="bad.xlsx"),
    "\n".join(
        [
            "bad.xlsx: 1 problem",
            "  $: not an Excel workbook (.xlsx): File is not a zip file",
        ]
    ),
)
other(
    "xlsx-a-zip-without-a-workbook",
    InvalidTableError,
    lambda: loads(_zip({"readme.txt": "hello"}), format="xlsx", source="bad.xlsx"),
    "\n".join(
        [
            "bad.xlsx: 1 problem",
            "  $: not an Excel workbook (.xlsx): \"There is no item named '[Content_Types].xml' in the archive\"",
        ]
    ),
)
other(
    "xlsx-no-expectations-sheet",
    InvalidTableError,
    lambda: loads(_workbook("other", [["a"]]), format="xlsx", source="bad.xlsx"),
    "\n".join(
        [
            "bad.xlsx: 8 problems",
            "  row 1, column A: unknown column 'a' (did you mean 'domain'?)",
            "  row 1: required column 'domain' missing",
            "  row 1: required column 'skill' missing",
            "  row 1: required column 'role' missing",
            "  row 1: required column 'level' missing",
            "  row 1: required column 'level_rank' missing",
            "  row 1: required column 'mandatory' missing",
            "  row 1: required column 'description' missing",
        ]
    ),
)
other(
    "xlsx-control-character-in-a-name",
    InvalidTableError,
    lambda: loads(
        dumps(_with_role_name("Ro\x08le"), format="xlsx"), format="xlsx", source="bad.xlsx"
    ),
    "\n".join(
        [
            "bad.xlsx: 1 problem",
            "  row 2, column D (role): expected an id or name without control characters, got 'Ro\\x08le' (U+0008 at character 3)",
        ]
    ),
)
other(
    "xlsx-rank-a-date",
    InvalidTableError,
    lambda: loads(
        _workbook(
            "expectations",
            [list(COLUMNS[:8]), ["D", "", "S", "R", "L", datetime.date(2026, 1, 1), "yes", "x"]],
        ),
        format="xlsx",
        source="bad.xlsx",
    ),
    "\n".join(
        [
            "bad.xlsx: 1 problem",
            "  row 2, column F (level_rank): expected a rank: 1, 2, 3…, got a date (2026-01-01)",
        ]
    ),
)
other(
    "csv-larger-than-the-limit",
    InvalidTableError,
    lambda: loads(CSV_TEXT, format="csv", name="T", source="bad.csv", max_bytes=1000),
    f"bad.csv: 1 problem\n  $: input is {len(CSV_TEXT)} characters; the limit is 1000",
)
other(
    "xlsx-larger-than-the-limit",
    InvalidTableError,
    lambda: loads(_zip({"a": "b"}), format="xlsx", source="bad.xlsx", max_bytes=10),
    f"bad.xlsx: 1 problem\n  $: input is {len(_zip({'a': 'b'}))} bytes; the limit is 10",
)
other(
    "xlsx-a-zip-bomb",
    InvalidTableError,
    lambda: loads(
        _zip({"xl/workbook.xml": " " * 2_000_000}),
        format="xlsx",
        source="bad.xlsx",
        max_bytes=100_000,
    ),
    "bad.xlsx: 1 problem\n  $: the workbook unpacks to 2000000 bytes; the limit is 100000",
)
other(
    "case-not-json",
    InvalidCaseError,
    lambda: read_case(b"<CFPackage/>", source="bad.case.json"),
    "\n".join(
        [
            "bad.case.json: 1 problem",
            "  $: not valid JSON: Expecting value at line 1, column 1",
        ]
    ),
)
other(
    "case-an-array",
    InvalidCaseError,
    lambda: read_case("[]", source="bad.case.json"),
    "\n".join(
        [
            "bad.case.json: 1 problem",
            "  $: expected a CFPackage object, got an array",
        ]
    ),
)
other(
    "case-duplicate-key",
    InvalidCaseError,
    lambda: read_case(
        CASE_TEXT.replace('"CFItems": [', '"CFItems": [], "CFItems": [', 1), source="bad.case.json"
    ),
    "\n".join(
        [
            "bad.case.json: 1 problem",
            "  $.CFItems: duplicate key (given 2 times in one object; readers differ on which counts)",
        ]
    ),
)
other(
    "case-nan",
    InvalidCaseError,
    lambda: read_case(
        CASE_TEXT.replace('"CFItems": [', '"version": NaN, "CFItems": [', 1), source="bad.case.json"
    ),
    "\n".join(
        [
            "bad.case.json: 1 problem",
            "  $.version: NaN is not valid JSON (numbers must be finite)",
        ]
    ),
)
other(
    "case-no-document",
    InvalidCaseError,
    lambda: read_case('{"CFItems": []}', source="bad.case.json"),
    "\n".join(
        [
            "bad.case.json: 1 problem",
            "  $.CFDocument: required key missing (expected the CFDocument object)",
        ]
    ),
)
other(
    "case-identifier-not-a-uuid",
    InvalidCaseError,
    lambda: read_case(
        _case(lambda p: p["CFItems"][0].update(identifier="item-1")), source="bad.case.json"
    ),
    "\n".join(
        [
            "bad.case.json: 1 problem",
            "  $.CFItems[0].identifier: expected a UUID, got 'item-1'",
        ]
    ),
)
other(
    "case-control-character-in-a-statement",
    InvalidCaseError,
    lambda: read_case(
        _case(lambda p: p["CFItems"][0].update(fullStatement="Machine\x1bLearning")),
        source="bad.case.json",
    ),
    "\n".join(
        [
            "bad.case.json: 1 problem",
            "  $.CFItems[0].fullStatement: expected an id or name without control characters, got 'Machine\\x1bLearning' (U+001B at character 8)",
        ]
    ),
)
other(
    "case-override-in-a-coding-scheme",
    InvalidCaseError,
    lambda: read_case(
        _case(lambda p: p["CFItems"][0].update(humanCodingScheme="ml\u202e")),
        source="bad.case.json",
    ),
    "\n".join(
        [
            "bad.case.json: 1 problem",
            "  $.CFItems[0].humanCodingScheme: expected an id or name without bidirectional formatting characters, got 'ml\\u202e' (U+202E at character 3)",
        ]
    ),
)
other(
    "case-nested-deep",
    InvalidCaseError,
    lambda: read_case('{"CFDocument": ' + "[" * 1000 + "]" * 1000 + "}", source="bad.case.json"),
    "\n".join(
        [
            "bad.case.json: 1 problem",
            "  $: arrays and objects nest 1001 deep; the limit is 64",
        ]
    ),
)
other(
    "case-lone-surrogate-in-a-coding-scheme-found-by-fuzzing",
    InvalidCaseError,
    lambda: read_case(
        _case(lambda p: p["CFItems"][3].update(humanCodingScheme="data-s\ud800cientist")),
        source="bad.case.json",
    ),
    "\n".join(
        [
            "bad.case.json: 1 problem",
            "  $.CFItems[3].humanCodingScheme: expected an id or name without lone surrogates, "
            "got 'data-s\\ud800cientist' (U+D800 at character 7)",
        ]
    ),
)
other(
    "case-lone-surrogate-in-parsed-data",
    InvalidCaseError,
    lambda: read_case(
        json.loads(_case(lambda p: p["CFDocument"].update(title="Neural \udfff"))),
        source="bad.case.json",
    ),
    "\n".join(
        [
            "bad.case.json: 1 problem",
            "  $.CFDocument.title: expected an id or name without lone surrogates, "
            "got 'Neural \\udfff' (U+DFFF at character 8)",
        ]
    ),
)
other(
    "csv-lone-surrogate-in-str",
    InvalidTableError,
    lambda: loads(
        CSV_TEXT.replace("Data Scientist", "Data \ud800Scientist", 1),
        format="csv",
        name="T",
        source="bad.csv",
    ),
    "\n".join(
        [
            "bad.csv: 1 problem",
            "  row 2, column D (role): expected an id or name without lone surrogates, "
            "got 'Data \\ud800Scientist' (U+D800 at character 6)",
        ]
    ),
)
other(
    "page-lone-surrogate",
    InvalidPageError,
    lambda: loads(
        SEED_PAGE.replace("Understands basic", "Understands \ud800basic", 1),
        format="page",
        skill_id="s",
        skill_name="S",
        source="page.md",
    ),
    "\n".join(
        [
            "page.md: 1 problem",
            "  line 21: expected text without lone surrogates, "
            "got '| Data Scientist | Understands \\ud800basic...' (U+D800 at character 32)",
        ]
    ),
)
other(
    "assessment-unknown-skill-and-role",
    InvalidAssessmentError,
    lambda: loads_assessment(
        _assessment(
            lambda a: (
                a.update(role="data-scientst"),
                a["ratings"][0].update(skill="neural-networks"),
            )
        ),
        BUNDLED,
        source="ana.json",
    ),
    "\n".join(
        [
            "ana.json: 2 problems",
            "  $.ratings[0].skill: unknown skill 'neural-networks' (did you mean 'neural-network-architectures'?)",
            "  $.role: unknown role 'data-scientst' (did you mean 'data-scientist'?)",
        ]
    ),
)
other(
    "case-wrong-types",
    InvalidCaseError,
    lambda: read_case(
        _case(lambda p: (p["CFDocument"].update(title=1, language=[]), p.update(CFItems={}))),
        source="bad.case.json",
    ),
    "\n".join(
        [
            "bad.case.json: 3 problems",
            "  $.CFDocument.title: expected a string, got 1",
            "  $.CFDocument.language: expected a string, got an array",
            "  $.CFItems: expected an array",
        ]
    ),
)
other(
    "case-dangling-association-when-strict",
    InvalidCaseError,
    lambda: read_case(
        _case(
            lambda p: p["CFAssociations"][0]["destinationNodeURI"].update(
                identifier="00000000-0000-5000-8000-000000000000"
            )
        ),
        source="bad.case.json",
        strict=True,
    ),
    "\n".join(
        [
            "bad.case.json: 1 problem",
            "  $.CFAssociations[0]: isChildOf association between items that are not read",
        ]
    ),
)
other(
    "case-duplicate-identifier",
    InvalidCaseError,
    lambda: read_case(
        _case(lambda p: p["CFItems"].append(p["CFItems"][0])), source="bad.case.json"
    ),
    "\n".join(
        [
            "bad.case.json: 1 problem",
            "  $.CFItems[20].identifier: duplicate identifier 'fec14844-a124-5842-a6d1-4650672d432e' "
            "(first at $.CFItems[0].identifier)",
        ]
    ),
)
other(
    "case-empty-document-identifier-found-by-fuzzing",
    InvalidCaseError,
    lambda: read_case(
        _case(lambda p: p["CFDocument"].update(identifier="")), source="bad.case.json"
    ),
    "bad.case.json: 1 problem\n  $.CFDocument.identifier: expected a UUID, got ''",
)
other(
    "case-parsed-data-nested-5000-deep",
    InvalidCaseError,
    lambda: read_case(_nested_title(5000), source="bad.case.json"),
    "bad.case.json: 1 problem\n  $.CFDocument.title: expected a string, got an array",
)
other(
    "assessment-duplicate-key",
    InvalidAssessmentError,
    lambda: loads_assessment(
        ASSESSMENT_TEXT.replace('"person": "Ana"', '"person": "Ana", "person": "Bea"'),
        BUNDLED,
        source="ana.json",
    ),
    "\n".join(
        [
            "ana.json: 1 problem",
            "  $.person: duplicate key (given 2 times in one object; readers differ on which counts)",
        ]
    ),
)
other(
    "assessment-nan",
    InvalidAssessmentError,
    lambda: loads_assessment(
        ASSESSMENT_TEXT.replace('"person": "Ana"', '"person": NaN'), BUNDLED, source="ana.json"
    ),
    "\n".join(
        [
            "ana.json: 1 problem",
            "  $.person: NaN is not valid JSON (numbers must be finite)",
        ]
    ),
)
other(
    "assessment-not-utf-8",
    InvalidAssessmentError,
    lambda: loads_assessment(
        ASSESSMENT_TEXT.replace("Ana", "Ána").encode("latin-1"), BUNDLED, source="ana.json"
    ),
    "\n".join(
        [
            "ana.json: 1 problem",
            "  $: not UTF-8 text (byte 0xc1 at offset 52)",
        ]
    ),
)
other(
    "assessment-unknown-level",
    InvalidAssessmentError,
    lambda: loads_assessment(
        ASSESSMENT_TEXT.replace('"level": "middle"', '"level": "midle"'), BUNDLED, source="ana.json"
    ),
    "\n".join(
        [
            "ana.json: 1 problem",
            "  $.ratings[0].level: unknown level 'midle' (did you mean 'middle'?)",
        ]
    ),
)
other(
    "assessment-control-character-in-the-person",
    InvalidAssessmentError,
    lambda: loads_assessment(
        ASSESSMENT_TEXT.replace("Ana", "Ana\\u0000"), BUNDLED, source="ana.json"
    ),
    "\n".join(
        [
            "ana.json: 1 problem",
            "  $.person: expected an id or name without control characters, got 'Ana\\x00' (U+0000 at character 4)",
        ]
    ),
)
other(
    "assessment-nested-deep",
    InvalidAssessmentError,
    lambda: loads_assessment('{"person": ' + "[" * 100_000, BUNDLED, source="ana.json"),
    "\n".join(
        [
            "ana.json: 1 problem",
            "  $: arrays and objects nest 100001 deep; the limit is 64",
        ]
    ),
)
other(
    "assessment-duplicate-rating",
    InvalidAssessmentError,
    lambda: loads_assessment(
        _assessment(lambda a: a["ratings"].append(a["ratings"][0])), BUNDLED, source="ana.json"
    ),
    "\n".join(
        [
            "ana.json: 1 problem",
            "  $.ratings[1].skill: duplicate rating for skill 'neural-network-architectures' (first at $.ratings[0].skill)",
        ]
    ),
)
other(
    "assessment-wrong-types",
    InvalidAssessmentError,
    lambda: loads_assessment(
        _assessment(
            lambda a: a.update(
                person=1,
                role=[],
                level={},
                ratings=[{"skill": 1, "level": 2, "note": 3, "assessed": 4}],
            )
        ),
        BUNDLED,
        source="ana.json",
    ),
    "\n".join(
        [
            "ana.json: 7 problems",
            "  $.person: expected a string, got 1",
            "  $.ratings[0].skill: expected a string, got 1",
            "  $.ratings[0].level: expected a string, got 2",
            "  $.ratings[0].note: expected a string, got 3",
            "  $.ratings[0].assessed: expected an ISO date such as '2026-02-22', or null, got 4",
            "  $.role: expected a string, got an array",
            "  $.level: expected a string, got an object",
        ]
    ),
)
other(
    "page-nothing",
    InvalidPageError,
    lambda: loads("", format="page", skill_id="s", skill_name="S", source="page.md"),
    "\n".join(
        [
            "page.md: 1 problem",
            "  line 1: expected a line with the domain label ('Domäne', 'Domain', 'Dominio')",
        ]
    ),
)
other(
    "page-escape-sequence-in-a-role",
    InvalidPageError,
    lambda: loads(
        SEED_PAGE.replace("Data Scientist", "Data \x1b[2JScientist", 1),
        format="page",
        skill_id="s",
        skill_name="S",
        source="page.md",
    ),
    "\n".join(
        [
            "page.md: 1 problem",
            "  line 21: expected text without control characters, got '| Data \\x1b[2JScientist | Understands ba...' (U+001B at character 8)",
        ]
    ),
)
other(
    "page-override-in-a-description",
    InvalidPageError,
    lambda: loads(
        SEED_PAGE.replace("Understands basic", "Understands \u202ebasic", 1),
        format="page",
        skill_id="s",
        skill_name="S",
        source="page.md",
    ),
    "\n".join(
        [
            "page.md: 1 problem",
            "  line 21: expected text without bidirectional formatting characters, got '| Data Scientist | Understands \\u202ebasic...' (U+202E at character 32)",
        ]
    ),
)


# Inputs written to break the promises (the classes of the hostile corpus) ------------------

WORKBOOK = dumps(BUNDLED, format="xlsx")
SHEET = "xl/worksheets/sheet1.xml"


def _workbook_with(member: str, change: Callable[[bytes], bytes]) -> bytes:
    """The bundled workbook with one member of its archive changed."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(WORKBOOK)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info.filename, change(content) if info.filename == member else content)
    return out.getvalue()


def _without_sheets(content: bytes) -> bytes:
    start, end = content.index(b"<sheets>"), content.index(b"</sheets>") + len(b"</sheets>")
    return content[:start] + b"<sheets/>" + content[end:]


def _xlsx(id_: str, data: bytes, message: str, **options: Any) -> None:
    other(
        f"xlsx-{id_}",
        InvalidTableError,
        lambda: loads(data, format="xlsx", source="bad.xlsx", **options),
        f"bad.xlsx: 1 problem\n  {message}",
    )


_xlsx(
    "no-sheet", _workbook_with("xl/workbook.xml", _without_sheets), "$: the workbook has no sheet"
)
_xlsx(
    "a-cell-that-is-no-number",
    _workbook_with(SHEET, lambda c: c.replace(b"<v>1</v>", b"<v>abc</v>", 1)),
    "$: cannot be read: invalid literal for int() with base 10: 'abc'",
)
_xlsx(
    "a-truncated-sheet",
    _workbook_with(SHEET, lambda c: c[: len(c) // 2]),
    "$: cannot be read: unclosed token: line 1, column 5826",
)
_xlsx(
    "an-entity-in-a-sheet",
    _workbook_with(SHEET, lambda c: c.replace(b"<sheetData>", b"<sheetData>&x;", 1)),
    "$: cannot be read: undefined entity: line 1, column 451",
)
_xlsx(
    "an-escape-in-the-title",
    _workbook_with("docProps/core.xml", lambda c: c.replace(b"devlevel.app", b"Evil_x001B_[2J", 1)),
    "workbook properties: title: expected an id or name without control characters, "
    "got 'Evil\\x1b[2J skills matrix: Neural Networ...' (U+001B at character 5)",
)
_xlsx(
    "a-blank-title",
    _workbook_with("docProps/core.xml", lambda c: c.replace(BUNDLED.name.encode(), b"   ", 1)),
    "workbook properties: title: expected a non-empty title, got '   '",
)
_xlsx(
    "a-cell-a-million-rows-down",
    _workbook_with(
        SHEET,
        lambda c: c.replace(
            b"</sheetData>",
            b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
            b"</sheetData>",
        ),
    ),
    "row 1001: the table has more than 1000 rows (the limit, max_rows)",
    max_rows=1000,
)
_xlsx(
    "more-rows-than-the-limit",
    WORKBOOK,
    "row 6: the table has more than 5 rows (the limit, max_rows)",
    max_rows=5,
)
other(
    "csv-more-columns-than-the-limit",
    InvalidTableError,
    lambda: loads("a," * 2000 + "b\n", format="csv", source="bad.csv"),
    "bad.csv: 1 problem\n  row 1: the row fills 2001 columns; the limit is 1000 (max_columns)",
)
other(
    "csv-a-rank-of-5000-digits",
    InvalidTableError,
    lambda: loads(
        "domain,skill,role,level,level_rank,mandatory,description\nd,s,r,l,"
        + "9" * 5000
        + ",no,x\n",
        format="csv",
        source="bad.csv",
    ),
    "bad.csv: 1 problem\n  row 2, column E (level_rank): expected a rank: 1, 2, 3…, got "
    f"'{'9' * 37}...'",
)
other(
    "csv-a-name-with-an-escape",
    InvalidTableError,
    lambda: loads(CSV_TEXT, format="csv", source="bad.csv", name="Evil\x1b[2J"),
    "bad.csv: 1 problem\n  $: Taxonomy.name: expected an id or name without control "
    "characters, got 'Evil\\x1b[2J' (U+001B at character 5)",
)
other(
    "case-parsed-data-that-is-a-list",
    InvalidCaseError,
    lambda: read_case([], source="bad.case.json"),
    "bad.case.json: 1 problem\n  $: expected a CFPackage object, got an array",
)


def _case_item(kind: str, change: Callable[[Document], None]) -> str:
    package = to_package(BUNDLED)
    change(next(item for item in package["CFItems"] if item["CFItemType"] == kind))
    return json.dumps(package)


other(
    "case-a-lone-surrogate-in-notes",
    InvalidCaseError,
    lambda: loads(
        _case_item("Skill", lambda item: item.__setitem__("notes", "\ud800")),
        format="case",
        source="bad.case.json",
    ),
    "bad.case.json: 1 problem\n  $.CFItems[2].notes: expected text without lone surrogates, "
    "got '\\ud800' (U+D800 at character 1)",
)
other(
    "case-an-override-in-a-family",
    InvalidCaseError,
    lambda: loads(
        _case_item(
            "Role",
            lambda item: item["extensions"]["skilltaxonomy"].__setitem__("family", "ML\u202e"),
        ),
        format="case",
        source="bad.case.json",
    ),
    "bad.case.json: 1 problem\n  $.CFItems[3].extensions.skilltaxonomy.family: expected text "
    "without bidirectional formatting characters, got 'ML\\u202e' (U+202E at character 3)",
)
PAGE = render(BUNDLED.profile("neural-network-architectures"), "md")
for id_, cell, where in (
    ("a-tab", "Data\tScientist", "U+0009 at character 5"),
    ("a-break", "Data<br>Scientist", "U+000A at character 5"),
):
    shown = repr(cell.replace("<br>", "\n"))
    other(
        f"page-a-role-name-with-{id_}",
        InvalidPageError,
        lambda cell=cell: loads(
            PAGE.replace("| Data Scientist |", f"| {cell} |", 1),
            format="page",
            skill_id="s",
            skill_name="S",
            source="page.md",
        ),
        f"page.md: 1 problem\n  line 30: expected an id or name without control characters, "
        f"got {shown} ({where})",
    )
other(
    "page-no-levels-to-place-tables-on",
    InvalidPageError,
    lambda: loads(PAGE, format="page", skill_id="s", skill_name="S", levels=[], source="page.md"),
    "page.md: 1 problem\n  line 28: no levels to place the page's tables on "
    "(pass the framework's levels)",
)

FRAMEWORK_CASES = [case for case in CASES if case.framework_text is not None]


def test_the_corpus_is_large() -> None:
    """The corpus holds at least 60 bad inputs, of every format."""
    assert len(CASES) >= 60
    assert {case.error for case in CASES} == {
        InvalidTaxonomyError,
        InvalidTableError,
        InvalidCaseError,
        InvalidAssessmentError,
        InvalidPageError,
    }


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_refused_with_exactly_this_error(case: Case) -> None:
    """Each bad input raises its reader's documented error, with exactly this message."""
    with pytest.raises(InvalidTaxonomyError) as caught:
        case.read()
    assert type(caught.value) is case.error
    assert str(caught.value) == case.message


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("case", FRAMEWORK_CASES, ids=[case.id for case in FRAMEWORK_CASES])
def test_every_loader_refuses_alike(case: Case, loader: str) -> None:
    """Whichever path a loader tries first, a bad framework gets the same message."""
    assert case.framework_text is not None
    with pytest.raises(InvalidTaxonomyError) as caught:
        decode_text(case.framework_text, "bad.json", loader=loader)
    assert str(caught.value) == case.message


def test_every_problem_is_kept_and_the_listing_capped() -> None:
    """Two hundred problems are all on the error; its message lists 50 and counts the rest."""
    document = copy.deepcopy(SMALL)
    document["expectations"] = [
        dict(document["expectations"][0], level=f"x{index}") for index in range(200)
    ]
    with pytest.raises(InvalidTaxonomyError) as caught:
        loads(_text(document), source="bad.json")
    lines = str(caught.value).splitlines()
    assert len(caught.value.problems) == 200
    assert lines[0] == "bad.json: 200 problems"
    assert lines[1] == (
        "  $.expectations[0].level: unknown level 'x0' (expected the id of an entry in $.levels)"
    )
    assert lines[-1] == "  … and 150 more"
    assert len(lines) == 1 + 50 + 1
