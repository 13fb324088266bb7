"""Tests for the fast loader and the writer: same answers as the careful path, state restored."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from unittest import mock

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltaxonomy import (
    InvalidTaxonomyError,
    Problem,
    Taxonomy,
    dumps,
    load,
    loads,
)
from skilltaxonomy.formats import _guard, fields
from skilltaxonomy.formats import _json as _codec
from skilltaxonomy.formats import json as _format
from skilltaxonomy.formats.json import LOADERS, decode_text

from ..conftest import Document
from ..strategies import documents


@pytest.fixture
def gc_state() -> Iterator[None]:
    """Leave the collector as the test found it, whatever the test did."""
    was_enabled = gc.isenabled()
    yield
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.parametrize("version", fields.VERSIONS)
@pytest.mark.parametrize(
    "record", [*fields.RECORDS, *fields.NESTED], ids=lambda record: record.name
)
def test_careful_records_follow_the_declarations(record: fields.Record, version: int) -> None:
    """The careful reader's records have the declared keys, in order, with their defaults."""
    made_records = fields.records(version)
    if record.name not in made_records:
        assert record.name in fields.NEW_IN_V2
        assert version == 1
        return
    made = attrs.fields(made_records[record.name])
    declared = {field.key: field for field in record.in_version(version).fields}
    assert sorted(field.name for field in made) == sorted(declared)
    for field in made:
        default = declared[field.name].default
        assert field.default == (attrs.NOTHING if default is fields.REQUIRED else default)
        kind = declared[field.name].kind
        if kind.record:
            assert field.type == tuple[made_records[kind.record], ...]  # type: ignore[name-defined]
        else:
            assert field.type == kind.type


def test_writer_of_format_v1_follows_the_declarations() -> None:
    """Each record is written in format v1 with exactly the declared keys, in order."""
    document = _format.encode(load(), version=1)
    for record in fields.RECORDS_V1:
        for item in document[fields.array_key(record)]:
            assert list(item) == [field.key for field in record.fields]


def test_writer_of_format_v2_follows_the_declarations() -> None:
    """Format v2 writes the keys not at their defaults, in the declared order."""
    document = _format.encode(load())
    for record in fields.RECORDS:
        declared = [field.key for field in record.fields]
        for item in document.get(fields.array_key(record), []):  # type: ignore[attr-defined]
            assert list(item) == [key for key in declared if key in item]


@pytest.mark.usefixtures("gc_state")
@pytest.mark.parametrize("loader", _format.LOADERS)
@pytest.mark.parametrize("enabled", [True, False])
def test_collector_restored(loader: str, enabled: bool, small_text: str) -> None:
    """The garbage collector ends as it was, after a load that succeeds or fails."""
    if enabled:
        gc.enable()
    else:
        gc.disable()
    _format.decode_text(small_text, loader=loader)
    assert gc.isenabled() is enabled
    with pytest.raises(InvalidTaxonomyError):
        _format.decode_text(small_text.replace('"l2"', '"L2"', 1), loader=loader)
    assert gc.isenabled() is enabled


@pytest.mark.usefixtures("gc_state")
def test_collector_restored_after_an_unexpected_error(
    monkeypatch: pytest.MonkeyPatch, small_text: str
) -> None:
    """Even an error the loader does not expect leaves the collector running."""
    gc.enable()

    def broken(document: object, colons: int | None = None, **_: object) -> None:
        raise MemoryError

    monkeypatch.setattr(_format, "_fast_build", broken)
    with pytest.raises(InvalidTaxonomyError, match="too large to read in this process's memory"):
        loads(small_text)
    assert gc.isenabled()


@pytest.mark.usefixtures("gc_state")
@pytest.mark.parametrize(
    "order",
    [
        "a+ b+ a- b-",
        "a+ b+ b- a-",
        "a+ a- b+ b-",
        "a+ b+ a- c+ b- c-",
    ],
)
def test_collector_resumes_after_overlapping_loads(order: str) -> None:
    """Loads that overlap in any order leave the collector as it was before the first."""
    gc.enable()
    pause = _guard.CollectorPause()
    running: dict[str, object] = {}
    for step in order.split():
        name, action = step[0], step[1]
        if action == "+":
            running[name] = pause()
            running[name].__enter__()  # type: ignore[attr-defined]
            assert not gc.isenabled()
        else:
            running.pop(name).__exit__(None, None, None)  # type: ignore[attr-defined]
            assert gc.isenabled() is (not running)
    assert gc.isenabled()


def test_large_input_takes_orjson(document: Document) -> None:
    """From 64 KiB up the default loader parses with orjson and builds the same taxonomy."""
    padding = "x" * 70_000
    document["expectations"][0]["description"] = padding
    text = json.dumps(document)
    assert len(text) >= _format._ORJSON_FROM
    expected = _format.decode_text(text, loader="careful")
    assert loads(text) == expected
    assert loads(text.encode()).expectation("python", "backend", "l1").description == padding


def test_own_parse_only_is_consumed(document: Document) -> None:
    """The fast path empties only its own parse; a caller's document is never touched."""
    before = json.dumps(document)
    taxonomy = _format.decode(document)
    assert json.dumps(document) == before
    assert _format.decode_text(before, loader="json") == taxonomy


def test_checked_construction_equals_the_constructor(small_text: str) -> None:
    """A taxonomy built by the fast loader equals one built by the checked constructor."""
    small = _format.decode_text(small_text, loader="careful")
    rebuilt = Taxonomy(
        name=small.name,
        version=small.version,
        language=small.language,
        domains=small.domains,
        skills=small.skills,
        roles=small.roles,
        levels=small.levels,
        expectations=small.expectations,
    )
    assert loads(dumps(small)) == rebuilt
    assert hash(loads(dumps(small)).expectations[0]) == hash(rebuilt.expectations[0])


def test_lone_surrogate_is_written_by_the_standard_library() -> None:
    """Text orjson refuses (the model refuses it too; here its validators are off) is written by json."""
    with attrs.validators.disabled():
        taxonomy = attrs.evolve(load(), name="\ud800")
    assert dumps(taxonomy).startswith('{\n  "format": "skilltaxonomy/2",\n  "name": "\ud800"')


def test_writers_agree_on_the_bundled_framework() -> None:
    """Orjson and the standard library write the bundled framework alike."""
    assert _format.encode_text(load(), "orjson") == _format.encode_text(load(), "json")


def _with_a_repeated_key(value: object, target: tuple[object, ...], key: str) -> str:
    """JSON text of `value`, the object at `target` giving `key` twice (a junk value first)."""
    if isinstance(value, dict):
        members = [
            f"{json.dumps(k)}: {_with_a_repeated_key(v, target[1:], key) if target[:1] == (k,) else json.dumps(v)}"
            for k, v in value.items()
        ]
        if not target:
            members.insert(0, f'{json.dumps(key)}: "junk: \\" value"')
        return "{" + ", ".join(members) + "}"
    assert isinstance(value, list)
    items = [
        _with_a_repeated_key(v, target[1:], key) if target[:1] == (i,) else json.dumps(v)
        for i, v in enumerate(value)
    ]
    return "[" + ", ".join(items) + "]"


def _objects(document: Document) -> list[tuple[tuple[object, ...], list[str]]]:
    """Every object of a document (by its path) with its keys."""
    found: list[tuple[tuple[object, ...], list[str]]] = [((), list(document))]
    for key, items in document.items():
        if isinstance(items, list):
            found += [((key, index), list(item)) for index, item in enumerate(items)]
    return found


@settings(max_examples=150)
@given(documents(), st.data())
def test_a_repeated_key_is_found_by_every_loader(document: Document, data: st.DataObject) -> None:
    """Any key given twice in any object is reported at its place, whichever loader reads."""
    target, keys = data.draw(st.sampled_from(_objects(document)))
    key = data.draw(st.sampled_from(keys))
    text = _with_a_repeated_key(document, target, key)
    place = "$" + "".join(f".{step}" if isinstance(step, str) else f"[{step}]" for step in target)
    problem = Problem(
        _codec.key_path(place, key),
        "duplicate key (given 2 times in one object; readers differ on which counts)",
    )
    for loader in LOADERS:
        with pytest.raises(InvalidTaxonomyError) as caught:
            decode_text(text, loader=loader)
        assert caught.value.problems == (problem,)


@settings(max_examples=100)
@given(documents(), st.sampled_from(["a:b", "::", "x: y", "ns:id:1"]))
def test_colons_in_text_and_ids_keep_the_fast_path(document: Document, colons: str) -> None:
    """Colons in ids and text are counted right: a valid file still takes the fast path."""
    for kind in ("domains", "skills", "roles", "levels"):
        for entity in document[kind]:
            entity["name"] += colons
    for skill in document["skills"]:
        skill["summary"] = colons
    for expectation in document["expectations"]:
        expectation["description"] += colons
        expectation["skill"] += colons
    for skill in document["skills"]:
        skill["id"] += colons
    for parse in ("json", "orjson"):
        text = json.dumps(document, ensure_ascii=False, indent=1)
        scan = _format._scan(text)
        assert scan is not None
        built = _format._fast_build(_format._fast_parse(text, parse), scan.colons)
        assert built == loads(text, max_bytes=10**9)


# Characters text may not hold, beyond ASCII: C1 controls, embeddings, overrides and
# isolates; and what text may hold that lies beside them in UTF-8 (an ellipsis, a
# curly quote, a mark, a line separator).
_FORBIDDEN_BEYOND_ASCII = "\x80\x85\x9f\u202a\u202c\u202e\u2066\u2069"
_ALLOWED_BEYOND_ASCII = "\xa0\xe9\u2019\u2026\u200e\u2028\u2029\u206a\u2070"


@pytest.mark.parametrize("character", _FORBIDDEN_BEYOND_ASCII)
@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("as_bytes", [False, True])
def test_a_forbidden_character_beyond_ascii_is_found_by_the_text_scan(
    character: str, loader: str, as_bytes: bool
) -> None:
    """A description holding a forbidden character as it is, among curly quotes, is refused."""
    document = json.loads(dumps(load()))
    document["expectations"][1]["description"] = f"Leads the team’s work {character}…"
    text = json.dumps(document, ensure_ascii=False)
    with pytest.raises(InvalidTaxonomyError) as caught:
        decode_text(text.encode() if as_bytes else text, loader=loader)
    (problem,) = caught.value.problems
    assert problem.path == "$.expectations[1].description"
    assert problem.message.endswith(f"(U+{ord(character):04X} at character 23)")


@pytest.mark.parametrize("loader", ["json", "orjson"])
def test_a_lone_surrogate_in_a_str_is_found_by_the_text_scan(loader: str) -> None:
    """A lone surrogate in text given as str is refused, whichever parser reads it."""
    document = json.loads(dumps(load()))
    document["expectations"][0]["description"] = "Half a character: \udc80"
    with pytest.raises(InvalidTaxonomyError) as caught:
        decode_text(json.dumps(document, ensure_ascii=False), loader=loader)
    assert [problem.path for problem in caught.value.problems] == ["$.expectations[0].description"]


@pytest.mark.parametrize("as_bytes", [False, True])
def test_allowed_characters_beyond_ascii_need_no_check_per_string(as_bytes: bool) -> None:
    """Text whose raw characters are all allowed is known clean from one look at it."""
    document = json.loads(dumps(load()))
    for expectation in document["expectations"]:
        expectation["description"] += _ALLOWED_BEYOND_ASCII
    text = json.dumps(document, ensure_ascii=False)
    scan = _format._scan(text.encode() if as_bytes else text)
    assert scan is not None
    assert not scan.text_suspect
    assert loads(text) == loads(json.dumps(document))


@pytest.mark.parametrize("escape", ["\\u0085", "\\u202e", "\\b", "\\u0001", "\x7f"])
def test_escapes_and_del_leave_the_text_suspect(escape: str) -> None:
    """An escape that may spell a forbidden character, or DEL, keeps the per-string check."""
    scan = _format._scan('{"a": "x' + escape + '"}')
    assert scan is not None
    assert scan.text_suspect


_JSON_PIECES = st.recursive(
    st.one_of(
        st.sampled_from(["null", "true", "1", "-2.5", "1e999", "NaN", "-Infinity", "9" * 5000]),
        st.sampled_from(
            [
                '"a"',
                '"a:b"',
                '"\\u003a"',
                '"\\\\u003a"',
                '"\\u0007"',
                '"é:"',
                '"[{"',
                '"\\"]"',
                '"\\\\"',
            ]
        ),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda items: "[" + ",".join(items) + "]"),
        st.lists(
            st.tuples(st.sampled_from(['"k"', '"k:"', '"l"', '"\\u003a"']), inner), max_size=4
        ).map(lambda pairs: "{" + ",".join(f"{k}:{v}" for k, v in pairs) + "}"),
    ),
    max_leaves=12,
)


def _parse_outcome(text: str) -> object:
    try:
        return _codec.parse_json(text, None, max_depth=4)
    except InvalidTaxonomyError as error:
        return error.problems


@settings(max_examples=300, deadline=None)
@given(_JSON_PIECES)
def test_parsing_at_once_answers_as_the_hooks_do(text: str) -> None:
    """Text parsed without hooks gives the document or the problems the hooks give."""
    at_once = _parse_outcome(text)
    with mock.patch.object(_codec, "_parsed_at_once", return_value=_codec._IN_DOUBT):
        careful = _parse_outcome(text)
    assert repr(at_once) == repr(careful)


_SPACE = st.sampled_from(["", " ", "\n", "\t", "\r\n "])
_HOSTILE_STRINGS = st.sampled_from(
    [
        *['"a"', '""', '":"', '"}:{"', '"[{"', '"\\u0022"', '"\\u003a"', '"\\"]"'],
        *['"\\\\"', '"\\\\\\""', '"\\"":"', '"\\ud800"', '"é:"', '"\U0001f600"'],
    ]
)
_HOSTILE_KEYS = st.sampled_from(['"k"', '"k"', '""', '""', '"\\u006b"', '"\\""', '"k:"', '"[["'])
_HOSTILE_JSON = st.recursive(
    st.one_of(
        _HOSTILE_STRINGS,
        st.sampled_from(["null", "-0", "-0.0", "1e400", "1e-400", "-1E+2", "NaN", "9" * 4301]),
    ),
    lambda inner: st.one_of(
        st.tuples(st.lists(st.tuples(_SPACE, inner), max_size=4), _SPACE).map(
            lambda found: "[" + ",".join(a + b for a, b in found[0]) + found[1] + "]"
        ),
        st.tuples(
            st.lists(st.tuples(_SPACE, _HOSTILE_KEYS, _SPACE, inner), max_size=4), _SPACE
        ).map(
            lambda found: (
                "{" + ",".join(a + k + b + ":" + v for a, k, b, v in found[0]) + found[1] + "}"
            )
        ),
    ),
    max_leaves=14,
)


@settings(max_examples=300, deadline=None)
@given(
    _HOSTILE_JSON,
    _SPACE,
    st.sampled_from(["", "", " x", "]", ",1", "\x00"]),
    st.sampled_from(["text", "bytes", "marked text", "marked bytes"]),
    st.integers(0, 5),
)
def test_parsing_at_once_answers_as_the_hooks_do_on_hostile_text(
    text: str, space: str, tail: str, given_as: str, max_depth: int
) -> None:
    """Spaced keys, escaped quotes, repeats at any depth, marks, bytes, tails: the hooks' answer."""
    text = space + text + space + tail
    data: str | bytes = ("\ufeff" if given_as.startswith("marked") else "") + text
    if given_as.endswith("bytes"):
        data = data.encode("utf-8", "surrogatepass")

    def outcome() -> object:
        try:
            return _codec.parse_json(data, None, max_depth=max_depth)
        except InvalidTaxonomyError as error:
            return error.problems

    at_once = outcome()
    with mock.patch.object(_codec, "_parsed_at_once", return_value=_codec._IN_DOUBT):
        careful = outcome()
    assert repr(at_once) == repr(careful)
