"""Properties that hold for every valid framework hypothesis can think of."""

from __future__ import annotations

import itertools
import json
from typing import Any

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltaxonomy import (
    InvalidTaxonomyError,
    Problem,
    Taxonomy,
    dumps,
    json_schema,
    loads,
)
from skilltaxonomy.formats.json import LOADERS, decode_text, encode_text

from .strategies import documents, mutate


@settings(max_examples=150)
@given(documents())
def test_round_trip(document: dict[str, Any]) -> None:
    """Every valid v1 document loads, and survives dumps/loads in v1 and in v2 unchanged."""
    taxonomy = loads(json.dumps(document))
    text = dumps(taxonomy, version=1)
    assert json.loads(text) == document  # every key is written, so nothing is lost
    assert loads(text) == taxonomy
    assert dumps(loads(text), version=1) == text
    text = dumps(taxonomy)
    assert loads(text) == taxonomy
    assert dumps(loads(text)) == text


@settings(max_examples=150)
@given(documents(), st.data())
def test_filters_with_several_values_agree_with_the_listing(
    document: dict[str, Any], data: st.DataObject
) -> None:
    """Filters given several values keep what any of them would, in file order."""
    taxonomy = loads(json.dumps(document))
    skills = (
        data.draw(st.lists(st.sampled_from(taxonomy.skills), max_size=3)) if taxonomy.skills else []
    )
    roles = (
        data.draw(st.lists(st.sampled_from(taxonomy.roles), max_size=3)) if taxonomy.roles else []
    )
    levels = (
        data.draw(st.lists(st.sampled_from(taxonomy.levels), max_size=3)) if taxonomy.levels else []
    )
    flags = data.draw(st.sampled_from([None, [True], [False], [True, False]]))
    found = taxonomy.expectations.filter(
        skill=skills or None, role=roles or None, level=levels or None, mandatory=flags
    )
    assert found == tuple(
        e
        for e in taxonomy.expectations
        if (not skills or e.skill in skills)
        and (not roles or e.role in roles)
        and (not levels or e.level in levels)
        and (flags is None or e.mandatory in flags)
    )
    assert taxonomy.skills.filter(role=roles or None) == tuple(
        s
        for s in taxonomy.skills
        if not roles or any(e.skill == s and e.role in roles for e in taxonomy.expectations)
    )
    assert taxonomy.roles.filter(skill=skills or None) == tuple(
        r
        for r in taxonomy.roles
        if not skills or any(e.role == r and e.skill in skills for e in taxonomy.expectations)
    )


@settings(max_examples=150)
@given(documents())
def test_queries_agree_with_the_listing(document: dict[str, Any]) -> None:
    """Indexed queries give what filtering the full listing gives."""
    taxonomy = loads(json.dumps(document))
    everything = taxonomy.expectations
    for skill in taxonomy.skills:
        for role in taxonomy.roles:
            expected = tuple(e for e in everything if e.skill == skill and e.role == role)
            assert taxonomy.expectations.filter(skill=skill, role=role) == expected
            assert [e.level.rank for e in taxonomy.progression(skill, role)] == sorted(
                e.level.rank for e in expected
            )
    for level in taxonomy.levels:
        assert taxonomy.expectations.filter(level=level) == tuple(
            e for e in everything if e.level == level
        )
        assert taxonomy.level(level.rank) == level
    for skill_, role_, level_, mandatory in itertools.product(
        (None, *taxonomy.skills[:2]),
        (None, *taxonomy.roles[:2]),
        (None, *taxonomy.levels[:2]),
        (None, True, False),
    ):
        assert taxonomy.expectations.filter(
            skill=skill_, role=role_, level=level_, mandatory=mandatory
        ) == tuple(
            e
            for e in everything
            if skill_ in (None, e.skill)
            and role_ in (None, e.role)
            and level_ in (None, e.level)
            and mandatory in (None, e.mandatory)
        )


@settings(max_examples=150)
@given(documents(alphabet=st.sampled_from("abAB ÉéßẞσΣς\u00a0\n-")), st.data())
def test_search_agrees_with_a_scan(document: dict[str, Any], data: st.DataObject) -> None:
    """The word index finds what scanning every text, case-folded, finds, in its order."""
    taxonomy = loads(json.dumps(document))
    query = data.draw(st.text(st.sampled_from("abAB ÉéßẞσΣς\u00a0\n-"), max_size=8))
    words = query.casefold().split()

    def holds(*fields: str) -> bool:
        text = "\n".join(fields).casefold()
        return bool(words) and all(word in text for word in words)

    named = [
        e
        for e in (*taxonomy.domains, *taxonomy.skills, *taxonomy.roles, *taxonomy.levels)
        if holds(e.name)
    ]
    other = [s for s in taxonomy.skills if s not in named and holds(s.category, s.summary)]
    other += [r for r in taxonomy.roles if r not in named and holds(r.family, r.summary)]
    other += [e for e in taxonomy.expectations if holds(e.description)]
    assert taxonomy.search(query) == (*named, *other)


@settings(max_examples=200)
@given(documents(), st.data())
def test_mutations_load_or_fail_cleanly(document: dict[str, Any], data: st.DataObject) -> None:
    """Any value replaced, deleted or keyed anew: every loader agrees, and fails cleanly."""
    paths: list[tuple[Any, ...]] = [(key,) for key in document]
    for key, items in document.items():
        if isinstance(items, list):
            for index, item in enumerate(items):
                paths.append((key, index))
                paths += [(key, index, field) for field in item]
    path = data.draw(st.sampled_from(paths))
    junk = data.draw(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats()
        | st.text(max_size=40)
        | st.lists(st.text(max_size=40), max_size=2)
    )
    mutate(data, document, path, junk, st.text(min_size=1, max_size=10))
    text = json.dumps(document)
    outcomes = {loader: _outcome(text, loader) for loader in LOADERS}
    assert outcomes["json"] == outcomes["careful"]
    assert outcomes["orjson"] == outcomes["careful"]


def _outcome(text: str, loader: str) -> Taxonomy | tuple[Problem, ...]:
    try:
        return decode_text(text, loader=loader)
    except InvalidTaxonomyError as error:
        return error.problems


@settings(max_examples=150)
@given(documents())
def test_every_loader_reads_the_same(document: dict[str, Any]) -> None:
    """The fast loaders build exactly what the careful one builds, from str and bytes."""
    text = json.dumps(document, ensure_ascii=False)
    expected = decode_text(text, loader="careful")
    for loader in ("json", "orjson"):
        assert decode_text(text, loader=loader) == expected
        assert decode_text(text.encode(), loader=loader) == expected


@settings(max_examples=150)
@given(documents())
def test_every_writer_writes_the_same(document: dict[str, Any]) -> None:
    """Orjson and the standard library write the same canonical text."""
    taxonomy = loads(json.dumps(document))
    assert encode_text(taxonomy, "orjson") == encode_text(taxonomy, "json")


@settings(max_examples=100)
@given(documents())
def test_what_the_library_reads_passes_the_schema(document: dict[str, Any]) -> None:
    """Every document the library reads, and what it writes of it, pass the shipped schemas."""
    taxonomy = loads(json.dumps(document))
    for version, written in ((1, document), (2, json.loads(dumps(taxonomy)))):
        validator = jsonschema.Draft202012Validator(
            json_schema(version), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        assert list(validator.iter_errors(written)) == []
