"""Damaged files of every format load to a valid value or raise the documented error.

(And assessments, which the other modules do not generate, round-trip.)

Hypothesis writes a valid framework in each format, then damages the file: bytes
deleted, inserted, replaced, repeated or cut off, or (for workbooks and packages) a
cell or field changed to any value. Reading it again must give a framework (which
then writes and reads back equal) or raise `InvalidTaxonomyError` (the readers' own
subclasses included), never another exception.
"""

from __future__ import annotations

import datetime
import io
import json
from collections.abc import Callable
from typing import Any

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skilltaxonomy import (
    Assessment,
    InvalidTaxonomyError,
    Rating,
    Taxonomy,
    dumps,
    dumps_assessment,
    load,
    loads,
    loads_assessment,
    render,
)
from skilltaxonomy.formats.case import to_package

from .conftest import read_case
from .strategies import NAMES, TEXTS, documents, mutate

_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` with a few bytes deleted, inserted, replaced, repeated, or the end cut off."""
    for _ in range(draw(st.integers(1, 3))):
        start = draw(st.integers(0, len(data)))
        end = draw(st.integers(start, min(len(data), start + 8)))
        how = draw(st.sampled_from(["delete", "insert", "replace", "repeat", "cut"]))
        if how == "delete":
            data = data[:start] + data[end:]
        elif how == "insert":
            data = data[:start] + draw(st.binary(min_size=1, max_size=4)) + data[start:]
        elif how == "replace":
            data = data[:start] + draw(st.binary(min_size=1, max_size=4)) + data[end:]
        elif how == "repeat":
            data = data[:end] + data[start:end] + data[end:]
        else:
            data = data[:start]
    return data


def _read_or_refuse(read: Callable[[], Any]) -> Any:
    """What `read` returns, or None when it raises the documented error."""
    try:
        return read()
    except InvalidTaxonomyError:
        return None


def _still_a_framework(taxonomy: Taxonomy | None) -> None:
    if taxonomy is not None:
        assert loads(dumps(taxonomy)) == taxonomy


@_SETTINGS
@given(documents(), st.data())
def test_damaged_json(document: dict[str, Any], data: st.DataObject) -> None:
    """A damaged format v1 file loads (and writes back equal) or is refused."""
    text = data.draw(damaged(json.dumps(document, ensure_ascii=False).encode()))
    _still_a_framework(_read_or_refuse(lambda: loads(text)))


@_SETTINGS
@given(documents(), st.data())
def test_damaged_csv(document: dict[str, Any], data: st.DataObject) -> None:
    """A damaged CSV table reads into a framework or is refused."""
    table = data.draw(damaged(dumps(loads(json.dumps(document)), format="csv").encode()))
    _still_a_framework(_read_or_refuse(lambda: loads(table, format="csv", name="T")))


_CELL_VALUES = (
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.dates(min_value=datetime.date(1900, 3, 1))
    | st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.data())
def test_damaged_workbook(document: dict[str, Any], data: st.DataObject) -> None:
    """A workbook with a cell changed to any value reads into a framework or is refused."""
    book = openpyxl.load_workbook(io.BytesIO(dumps(loads(json.dumps(document)), format="xlsx")))
    sheet = book["expectations"]
    row = data.draw(st.integers(1, sheet.max_row + 1))
    column = data.draw(st.integers(1, sheet.max_column + 1))
    sheet.cell(row, column).value = data.draw(_CELL_VALUES)
    buffer = io.BytesIO()
    book.save(buffer)
    _still_a_framework(_read_or_refuse(lambda: loads(buffer.getvalue(), format="xlsx")))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=64) | st.sampled_from([b"", b"PK\x03\x04", b"PK\x05\x06" + bytes(18)]))
def test_workbook_bytes_that_are_not_one(data: bytes) -> None:
    """Bytes that are no workbook are refused as such."""
    assert _read_or_refuse(lambda: loads(data, format="xlsx")) is None


def _case_paths(package: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    paths = [path] if path else []
    if isinstance(package, dict):
        for key, value in package.items():
            paths += _case_paths(value, (*path, key))
    elif isinstance(package, list):
        for index, value in enumerate(package):
            paths += _case_paths(value, (*path, index))
    return paths


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=4,
)


@_SETTINGS
@given(documents(), st.data())
def test_damaged_case_package(document: dict[str, Any], data: st.DataObject) -> None:
    """A CASE package with a field changed, removed or added reads or is refused."""
    package = to_package(loads(json.dumps(document)))
    path = data.draw(st.sampled_from(_case_paths(package)))
    mutate(data, package, path, data.draw(_JSON_VALUES), st.text(max_size=12))
    read = _read_or_refuse(lambda: read_case(package))
    _still_a_framework(None if read is None else read.taxonomy)


@_SETTINGS
@given(documents(), st.data())
def test_damaged_case_text(document: dict[str, Any], data: st.DataObject) -> None:
    """A CASE package's damaged text reads or is refused."""
    text = data.draw(damaged(json.dumps(to_package(loads(json.dumps(document)))).encode()))
    read = _read_or_refuse(lambda: read_case(text))
    _still_a_framework(None if read is None else read.taxonomy)


_ASSESSMENT = json.dumps(
    {
        "format": "skilltaxonomy-assessment/1",
        "person": "Ana",
        "role": "data-scientist",
        "level": "middle",
        "ratings": [
            {"skill": "neural-network-architectures", "level": "junior", "note": "Led: a CNN"},
        ],
    }
).encode()


@_SETTINGS
@given(damaged(_ASSESSMENT))
def test_damaged_assessment(text: bytes) -> None:
    """A damaged assessment reads or is refused."""
    _read_or_refuse(lambda: loads_assessment(text, load()))


_PAGE = render(load().profile("neural-network-architectures"), "md").encode()


@_SETTINGS
@given(damaged(_PAGE))
def test_damaged_page(page: bytes) -> None:
    """A damaged skill profile page reads into a framework or is refused."""
    text = page.decode("utf-8", "replace")
    read = _read_or_refuse(lambda: loads(text, format="page", skill_id="s", skill_name="S"))
    _still_a_framework(read)


@_SETTINGS
@given(documents(), st.data())
def test_any_assessment_round_trips(document: dict[str, Any], data: st.DataObject) -> None:
    """Any assessment of any framework writes and reads back equal."""
    taxonomy = loads(json.dumps(document))
    rated = (
        data.draw(st.lists(st.sampled_from(taxonomy.skills), unique=True))
        if taxonomy.skills and taxonomy.levels
        else []
    )
    ratings = [
        Rating(
            skill,
            data.draw(st.sampled_from(taxonomy.levels)),
            note=data.draw(TEXTS),
            assessed=data.draw(st.none() | st.dates(min_value=datetime.date(1900, 1, 1))),
        )
        for skill in rated
    ]
    assessment = Assessment(
        person=data.draw(NAMES),
        ratings=ratings,
        role=data.draw(st.sampled_from((None, *taxonomy.roles))),
        level=data.draw(st.sampled_from((None, *taxonomy.levels))),
    )
    assert loads_assessment(dumps_assessment(assessment), taxonomy) == assessment
