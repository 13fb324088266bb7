"""Tests for format v1 decoding and encoding: every problem, with its place."""

from __future__ import annotations

import gc
import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltaxonomy import (
    FORMAT,
    InvalidTaxonomyError,
    Problem,
    Taxonomy,
    dumps,
    load,
    loads,
)
from skilltaxonomy.formats import _json as _codec
from skilltaxonomy.formats._guard import DEFAULT_MAX_BYTES
from skilltaxonomy.formats.json import LOADERS, decode_text

from ..conftest import Document
from ..strategies import documents, v2_documents

Change = Callable[[Document], Any]
Loads = Callable[..., Taxonomy]


@pytest.fixture(params=LOADERS)
def loads_via(request: pytest.FixtureRequest) -> Loads:
    """`loads` through one loader path: each test using it runs through every path."""

    def load(
        data: str | bytes, source: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
    ) -> Taxonomy:
        return decode_text(data, source, max_bytes, loader=request.param)

    return load


def problems_of(loads_via: Loads, document: object, source: str | None = None) -> list[str]:
    """Load `document` and return its problems as 'path: message' lines."""
    with pytest.raises(InvalidTaxonomyError) as caught:
        loads_via(json.dumps(document), source=source)
    return [str(problem) for problem in caught.value.problems]


def _set(path: tuple[Any, ...], value: object) -> Change:
    def change(document: Document) -> None:
        target: Any = document
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


def _drop(path: tuple[Any, ...]) -> Change:
    def change(document: Document) -> None:
        target: Any = document
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return change


BAD = [
    # Missing required keys.
    (_drop(("name",)), ["$.name: required key missing"]),
    (_drop(("expectations",)), ["$.expectations: required key missing"]),
    (_drop(("skills", 0, "domain")), ["$.skills[0].domain: required key missing"]),
    (_drop(("domains", 1, "name")), ["$.domains[1].name: required key missing"]),
    (_drop(("roles", 0, "id")), ["$.roles[0].id: required key missing"]),
    (_drop(("levels", 2, "id")), ["$.levels[2].id: required key missing"]),
    (
        _drop(("expectations", 3, "mandatory")),
        ["$.expectations[3].mandatory: required key missing"],
    ),
    (
        _drop(("expectations", 0, "description")),
        ["$.expectations[0].description: required key missing"],
    ),
    # Unknown keys.
    (
        _set(("colour",), "blue"),
        [
            "$.colour: unknown key (expected one of: format, name, domains, skills, roles, levels, expectations, version, language)"
        ],
    ),
    (
        _set(("skills", 1, "sumary"), ""),
        ["$.skills[1].sumary: unknown key (did you mean 'summary'?)"],
    ),
    (
        _set(("roles", 0, "family name"), ""),
        ["$.roles[0][\"family name\"]: unknown key (did you mean 'family'?)"],
    ),
    (
        _set(("expectations", 0, "rank"), 1),
        [
            "$.expectations[0].rank: unknown key (expected one of: skill, role, level, mandatory, description)"
        ],
    ),
    # Wrong types: no coercion.
    (_set(("name",), 7), ["$.name: expected a string, got 7"]),
    (_set(("version",), 1.5), ["$.version: expected a string, got 1.5"]),
    (_set(("language",), None), ["$.language: expected a string, got null"]),
    (
        _set(("expectations", 3, "mandatory"), "yes"),
        ["$.expectations[3].mandatory: expected true or false, got 'yes'"],
    ),
    (
        _set(("expectations", 3, "mandatory"), 1),
        ["$.expectations[3].mandatory: expected true or false, got 1"],
    ),
    (
        _set(("expectations", 1, "description"), ["x"]),
        ["$.expectations[1].description: expected a string, got an array"],
    ),
    (
        _set(("skills", 0, "updated"), 20260222),
        ["$.skills[0].updated: expected an ISO date such as '2026-02-22', or null, got 20260222"],
    ),
    (
        _set(("skills", 0, "updated"), "22/2/2026"),
        [
            "$.skills[0].updated: expected an ISO date such as '2026-02-22', or null, got '22/2/2026'"
        ],
    ),
    (
        _set(("skills", 0, "updated"), "2026-02-30"),
        ["$.skills[0].updated: expected a valid calendar date, got '2026-02-30'"],
    ),
    (
        _set(("skills", 0, "category"), False),
        ["$.skills[0].category: expected a string, got false"],
    ),
    (_set(("roles", 1, "summary"), {}), ["$.roles[1].summary: expected a string, got an object"]),
    (_set(("domains",), {"eng": "Engineering"}), ["$.domains: expected an array, got an object"]),
    (_set(("levels",), "l1,l2"), ["$.levels: expected an array, got 'l1,l2'"]),
    (_set(("roles", 1), "manager"), ["$.roles[1]: expected an object, got 'manager'"]),
    (_set(("expectations", 2), None), ["$.expectations[2]: expected an object, got null"]),
    # Empty or padded ids and names.
    (
        _set(("skills", 2, "id"), ""),
        [
            "$.skills[2].id: expected a non-empty id without surrounding whitespace, got ''",
        ],
    ),
    (
        _set(("roles", 0, "id"), "backend "),
        ["$.roles[0].id: expected a non-empty id without surrounding whitespace, got 'backend '"],
    ),
    (
        _set(("levels", 0, "name"), "  "),
        ["$.levels[0].name: expected a non-empty string, got '  '"],
    ),
    (_set(("name",), ""), ["$.name: expected a non-empty string, got ''"]),
    (
        _set(("expectations", 0, "level"), ""),
        ["$.expectations[0].level: expected a non-empty id without surrounding whitespace, got ''"],
    ),
    # Duplicates.
    (
        _set(("levels", 2, "id"), "l1"),
        [
            "$.levels[2].id: duplicate level id 'l1' (first at $.levels[0].id)",
            "$.expectations[1].level: unknown level 'l3' (expected the id of an entry in $.levels)",
            "$.expectations[4].level: unknown level 'l3' (expected the id of an entry in $.levels)",
        ],
    ),
    (
        _set(("domains", 1, "id"), "eng"),
        [
            "$.domains[1].id: duplicate domain id 'eng' (first at $.domains[0].id)",
            "$.skills[2].domain: unknown domain 'people' (expected the id of an entry in $.domains)",
        ],
    ),
    (
        _set(("expectations", 1, "level"), "l1"),
        [
            "$.expectations[1]: duplicate expectation for (skill, role, level) ('python', 'backend', 'l1') (first at $.expectations[0])"
        ],
    ),
    # Dangling references.
    (
        _set(("skills", 0, "domain"), "engg"),
        ["$.skills[0].domain: unknown domain 'engg' (did you mean 'eng'?)"],
    ),
    (
        _set(("expectations", 3, "skill"), "sqll"),
        ["$.expectations[3].skill: unknown skill 'sqll' (did you mean 'sql'?)"],
    ),
    (
        _set(("expectations", 3, "role"), "qa"),
        ["$.expectations[3].role: unknown role 'qa' (expected the id of an entry in $.roles)"],
    ),
    (
        _set(("expectations", 3, "level"), "L2"),
        ["$.expectations[3].level: unknown level 'L2' (did you mean 'l2'?)"],
    ),
    # Text that cannot be written back as UTF-8.
    (
        _set(("roles", 0, "name"), "\ud800"),
        [
            "$.roles[0].name: expected an id or name without lone surrogates, got '\\ud800' "
            "(U+D800 at character 1)"
        ],
    ),
]


class TestInvalidDocuments:
    @pytest.mark.parametrize(("change", "expected"), BAD)
    def test_reports_the_place(
        self, loads_via: Loads, document: Document, change: Change, expected: list[str]
    ) -> None:
        """Each invalid document is reported with the exact place and expectation."""
        change(document)
        assert problems_of(loads_via, document) == expected

    def test_every_problem_at_once(self, loads_via: Loads, document: Document) -> None:
        """All problems of a document are reported together, across stages' kinds."""
        document["skills"][0]["name"] = 1
        document["skills"][1]["extra"] = True
        document["expectations"][0]["mandatory"] = "no"
        document["expectations"][5]["level"] = None
        assert problems_of(loads_via, document, "team.json") == [
            "$.skills[0].name: expected a string, got 1",
            "$.skills[1].extra: unknown key (expected one of: id, name, domain, category, summary, updated)",
            "$.expectations[0].mandatory: expected true or false, got 'no'",
            "$.expectations[5].level: expected a string, got null",
        ]

    def test_message_names_the_source(self, loads_via: Loads, document: Document) -> None:
        """The message starts with the source and counts the problems."""
        document["name"] = ""
        with pytest.raises(InvalidTaxonomyError) as caught:
            loads_via(json.dumps(document), source="team.json")
        assert (
            str(caught.value)
            == "team.json: 1 problem\n  $.name: expected a non-empty string, got ''"
        )
        assert caught.value.source == "team.json"
        assert isinstance(caught.value, ValueError)

    def test_long_lists_are_capped(self, loads_via: Loads, document: Document) -> None:
        """The message lists 50 problems and counts the rest; `problems` keeps all."""
        document["expectations"] = [dict(document["expectations"][0], mandatory="x")] * 60
        with pytest.raises(InvalidTaxonomyError) as caught:
            loads_via(json.dumps(document))
        error = caught.value
        assert len(error.problems) == 60
        lines = str(error).splitlines()
        assert lines[0] == "invalid taxonomy: 60 problems"
        assert len(lines) == 52
        assert lines[-1] == "  … and 10 more"

    def test_references_are_checked_once_the_shape_is_right(
        self, loads_via: Loads, document: Document
    ) -> None:
        """Shape problems are reported first; references to a malformed entry are not."""
        document["skills"][2]["id"] = ""
        assert problems_of(loads_via, document) == [
            "$.skills[2].id: expected a non-empty id without surrounding whitespace, got ''"
        ]
        document["skills"][2]["id"] = "mentor"
        assert problems_of(loads_via, document) == [
            "$.expectations[4].skill: unknown skill 'mentoring' (did you mean 'mentor'?)"
        ]

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            (b"\xff{}", "$: not UTF-8 text (byte 0xff at offset 0)"),
            (
                '{"name": "caf\u00e9"}'.encode("latin-1"),
                "$: not UTF-8 text (byte 0xe9 at offset 13)",
            ),
            ("{}".encode("utf-16"), "$: not UTF-8 text: it looks like UTF-16 (save it as UTF-8)"),
            (b"", "$: not valid JSON: Expecting value at line 1, column 1"),
            (b'{"format": ', "$: not valid JSON: Expecting value at line 1, column 12"),
            (b"[1, 2]", "$: expected a JSON object, got an array"),
            (b'"text"', "$: expected a JSON object, got 'text'"),
            (b"null", "$: expected a JSON object, got null"),
            (
                b"{}",
                "$.format: required key missing (expected 'skilltaxonomy/1' or 'skilltaxonomy/2')",
            ),
            (
                b'{"format": "skilltaxonomy/3"}',
                "$.format: unsupported format 'skilltaxonomy/3'; this version reads 'skilltaxonomy/1' or 'skilltaxonomy/2'",
            ),
            (
                b'{"format": 1}',
                "$.format: unsupported format 1; this version reads 'skilltaxonomy/1' or 'skilltaxonomy/2'",
            ),
            (
                b"[" * 100_000 + b"]" * 100_000,
                "$: arrays and objects nest 100000 deep; the limit is 64",
            ),
            (b"1" * 5000, "$: a number of 5000 digits is too long (the limit is 4300)"),
        ],
    )
    def test_not_a_framework_document(self, loads_via: Loads, data: bytes, message: str) -> None:
        """Input that is not UTF-8 JSON of the right format fails in one clear problem."""
        with pytest.raises(InvalidTaxonomyError) as caught:
            loads_via(data)
        assert [str(p) for p in caught.value.problems] == [message]

    def test_size_limit(self, loads_via: Loads, small_text: str) -> None:
        """Inputs over the size limit are refused before parsing."""
        with pytest.raises(InvalidTaxonomyError) as caught:
            loads_via(small_text.encode(), max_bytes=100)
        assert caught.value.problems == (
            Problem("$", f"input is {len(small_text)} bytes; the limit is 100"),
        )
        with pytest.raises(InvalidTaxonomyError, match="characters; the limit is 100"):
            loads_via(small_text, max_bytes=100)

    def test_wrong_argument_type(self, loads_via: Loads) -> None:
        """Passing something other than text is a programming error, a TypeError."""
        with pytest.raises(TypeError, match="expected str or bytes, got dict"):
            loads_via({"format": FORMAT})  # type: ignore[arg-type]


class TestValidDocuments:
    def test_defaults(self, loads_via: Loads, document: Document) -> None:
        """Optional keys take their documented defaults."""
        for key in ("version", "language"):
            del document[key]
        taxonomy = loads_via(json.dumps(document))
        assert (taxonomy.version, taxonomy.language) == ("", "en")
        sql = taxonomy.skill("sql")
        assert (sql.summary, sql.updated) == ("", None)
        assert taxonomy.role("manager").family == ""

    def test_empty_arrays(self, loads_via: Loads) -> None:
        """A framework may be empty."""
        kinds = ("domains", "skills", "roles", "levels", "expectations")
        text = json.dumps({"format": FORMAT, "name": "Empty", **{kind: [] for kind in kinds}})
        assert loads_via(text).expectations == ()

    def test_bom_and_str_input(self, loads_via: Loads, small_text: str) -> None:
        """A UTF-8 byte-order mark is allowed, in bytes and in text."""
        expected = loads_via(small_text)
        assert loads_via(b"\xef\xbb\xbf" + small_text.encode()) == expected
        assert loads_via("\ufeff" + small_text) == expected
        assert loads_via(bytearray(small_text.encode())) == expected

    def test_input_is_not_changed(self, loads_via: Loads, document: Document) -> None:
        """Loading leaves the caller's data as it was."""
        text = json.dumps(document)
        raw = text.encode()
        loads_via(raw)
        assert raw == text.encode()


class TestEncoding:
    def test_canonical_text_of_format_v1(self, document: Document) -> None:
        """Format v1 is written with every key in a fixed order, two-space indents, a final newline."""
        del document["version"]
        text = dumps(loads(json.dumps(document)), version=1)
        assert text.endswith("}\n")
        written = json.loads(text)
        assert list(written) == [
            "format",
            "name",
            "version",
            "language",
            "domains",
            "skills",
            "roles",
            "levels",
            "expectations",
        ]
        assert written["version"] == ""
        assert list(written["skills"][1]) == [
            "id",
            "name",
            "domain",
            "category",
            "summary",
            "updated",
        ]
        assert written["skills"][1]["updated"] is None
        assert text.startswith('{\n  "format": "skilltaxonomy/1",\n')

    def test_canonical_text_of_format_v2(self, document: Document) -> None:
        """Format v2 leaves out every key at its default but the document's own and v1's arrays."""
        del document["version"]
        text = dumps(loads(json.dumps(document)))
        written = json.loads(text)
        assert list(written) == [
            "format",
            "name",
            "version",
            "language",
            "domains",
            "skills",
            "roles",
            "levels",
            "expectations",
        ]
        assert written["format"] == "skilltaxonomy/2"
        assert list(written["skills"][1]) == ["id", "name", "domain", "category"]
        assert text.startswith('{\n  "format": "skilltaxonomy/2",\n')

    def test_round_trip(self, small_text: str) -> None:
        """loads(dumps(t)) == t, and canonical text survives dumps(loads(s)) unchanged."""
        taxonomy = loads(small_text)
        canonical = dumps(taxonomy)
        assert loads(canonical) == taxonomy
        assert dumps(loads(canonical)) == canonical

    def test_non_ascii_text_stays_readable(self, document: Document) -> None:
        """Non-ASCII text is written as is, not as escapes."""
        document["roles"][0]["name"] = "Ingeniera de datos — Ñandú"
        assert "Ñandú" in dumps(loads(json.dumps(document)))


def _objects(document: object) -> list[dict[str, Any]]:
    """Every object of a parsed document."""
    if isinstance(document, dict):
        return [document, *(found for value in document.values() for found in _objects(value))]
    if isinstance(document, list):
        return [found for value in document for found in _objects(value)]
    return []


class TestNesting:
    @pytest.mark.parametrize(
        ("text", "depth"),
        [
            ("1", 0),
            ("[]", 1),
            ('{"a": [{"b": []}], "c": {}}', 4),
            ('{"a": 1, "a": [[[]]]}', 4),  # an object with a repeated key is walked too
            ('["[[[[", "]]", {"x": "{"}]', 2),  # brackets in strings are text
            ('["\\\\", "\\"[[[", []]', 2),  # and so are escaped quotes and backslashes
        ],
    )
    def test_depth_of_text_and_of_the_parse_agree(self, text: str, depth: int) -> None:
        """Nesting is measured alike in the text (too deep to parse) and in the parse."""
        assert _codec._text_depth(text.encode()) == depth
        parsed = json.loads(text, object_pairs_hook=_codec._Hooks().object)
        assert _codec._depth(parsed) == depth

    @settings(max_examples=300, deadline=None)
    @given(
        st.recursive(
            st.one_of(
                st.integers(),
                st.text(alphabet='[]{}"\\:ab', max_size=6),
            ),
            lambda inner: st.one_of(
                st.lists(inner, max_size=3),
                st.dictionaries(st.text(alphabet='[]{}"\\:k', max_size=3), inner, max_size=3),
            ),
            max_leaves=10,
        ),
        st.integers(min_value=0, max_value=6),
    )
    def test_nesting_read_from_the_text_is_the_parsed_nesting(
        self, document: object, max_depth: int
    ) -> None:
        """Brackets, colons, quotes and backslashes in strings never change the structure read."""
        text = json.dumps(document)
        depth = _codec._depth(document)
        assert _codec._text_depth(text.encode()) == depth
        members = sum(len(found) for found in _objects(document))
        assert _codec._structure(text.encode()).count(b":") == members
        brackets = _codec._structure(text.encode()).translate(None, b":")
        assert _codec._nests_within(brackets, max_depth) is (depth <= max_depth)

    def test_limit_is_configurable(self) -> None:
        """max_depth raises or lowers the limit; the error says both depths."""
        text = "[" * 70 + "]" * 70
        assert _codec.parse_json(text, None, max_depth=70) is not None
        with pytest.raises(InvalidTaxonomyError) as caught:
            _codec.parse_json(text, "deep.json", max_depth=69)
        assert str(caught.value) == (
            "deep.json: 1 problem\n  $: arrays and objects nest 70 deep; the limit is 69"
        )

    def test_deeper_than_python_parses(self) -> None:
        """Beyond what Python's parser reaches, the text is measured and the limit named."""
        text = "[" * 5000 + "]" * 5000
        with pytest.raises(InvalidTaxonomyError) as caught:
            _codec.parse_json(text, None, max_depth=10_000)
        assert caught.value.problems == (
            Problem("$", "arrays and objects nest 5000 deep, deeper than Python's parser goes"),
        )


@pytest.mark.parametrize("version", ["skilltaxonomy/3", "skilltaxonomy/9", "skilltaxonomy/2.1"])
def test_a_later_format_version_of_a_whole_framework_is_refused(version: str) -> None:
    """A framework of a later format version is refused, even when the rest reads as v1 or v2."""
    for text in (dumps(load()), dumps(load(), version=1)):
        document = json.loads(text) | {"format": version}
        with pytest.raises(InvalidTaxonomyError) as caught:
            loads(json.dumps(document))
        assert [str(p) for p in caught.value.problems] == [
            f"$.format: unsupported format {version!r}; this version reads "
            "'skilltaxonomy/1' or 'skilltaxonomy/2'"
        ]


def _cut_reads_back(text: bytes, cut: int, original: Taxonomy) -> None:
    """`text` cut at `cut` is refused with the JSON reader's own error, or read whole."""
    try:
        read: object = loads(text[:cut])
    except InvalidTaxonomyError as error:
        read = error
    if isinstance(read, InvalidTaxonomyError):  # refused: with the reader's own error, placed
        assert type(read) is InvalidTaxonomyError
        assert read.problems
        return
    assert text[:cut].rstrip() == text.rstrip()  # only the final line break was cut
    assert read == original


@settings(max_examples=60, deadline=None)
@given(documents(), st.data())
def test_a_v1_file_cut_anywhere_is_refused_or_read_whole(
    document: dict[str, Any], data: st.DataObject
) -> None:
    """A format v1 file cut at any byte is refused with the reader's error, never half read."""
    original = loads(json.dumps(document))
    text = dumps(original, version=1).encode("utf-8")
    _cut_reads_back(text, data.draw(st.integers(0, len(text))), original)


@settings(max_examples=60, deadline=None)
@given(v2_documents(), st.data())
def test_a_v2_file_cut_anywhere_is_refused_or_read_whole(
    document: dict[str, Any], data: st.DataObject
) -> None:
    """A format v2 file cut at any byte (inside a character too) is refused, never half read."""
    original = loads(json.dumps(document))
    text = dumps(original).encode("utf-8")
    _cut_reads_back(text, data.draw(st.integers(0, len(text))), original)


def test_a_loaded_framework_is_made_old() -> None:
    """The framework the fast path makes is in the collector's oldest generation, none frozen."""
    taxonomy = loads(dumps(load()))
    young = {id(found) for found in gc.get_objects(0) + gc.get_objects(1)}
    assert gc.get_freeze_count() == 0
    assert not young & {id(taxonomy), *map(id, taxonomy.skills), *map(id, taxonomy.expectations)}
