"""Properties that hold for every valid framework hypothesis can think of."""

from __future__ import annotations

import contextlib
import datetime
import json
from typing import Any

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltaxonomy import FORMAT, InvalidTaxonomyError, dumps, json_schema, loads

_ids = st.text(min_size=1, max_size=10).filter(lambda s: s == s.strip())
_names = st.text(min_size=1, max_size=20).filter(lambda s: s.strip() != "")
_texts = st.text(max_size=40)
dates = st.none() | st.dates(min_value=datetime.date(1900, 1, 1)).map(datetime.date.isoformat)


@st.composite
def documents(draw: st.DrawFn, alphabet: st.SearchStrategy[str] | None = None) -> dict[str, Any]:
    """A valid format v1 document: unique ids, resolving references, unique cells.

    With `alphabet`, every string is made of its characters only.
    """
    if alphabet is not None:
        ids = st.text(alphabet, min_size=1, max_size=10).filter(lambda s: s == s.strip())
        names = st.text(alphabet, min_size=1, max_size=20).filter(lambda s: s.strip() != "")
        texts = st.text(alphabet, max_size=40)
    else:
        ids, names, texts = _ids, _names, _texts
    domain_ids = draw(st.lists(ids, unique=True, max_size=3))
    skill_ids = draw(st.lists(ids, unique=True, max_size=5)) if domain_ids else []
    role_ids = draw(st.lists(ids, unique=True, max_size=4))
    level_ids = draw(st.lists(ids, unique=True, max_size=7))
    cells = [(s, r, lv) for s in skill_ids for r in role_ids for lv in level_ids]
    chosen = draw(st.lists(st.sampled_from(cells), unique=True, max_size=20)) if cells else []
    return {
        "format": FORMAT,
        "name": draw(names),
        "version": draw(texts),
        "language": draw(st.sampled_from(["en", "es", "de", "pt-BR"])),
        "domains": [{"id": i, "name": draw(names)} for i in domain_ids],
        "skills": [
            {
                "id": i,
                "name": draw(names),
                "domain": draw(st.sampled_from(domain_ids)),
                "category": draw(texts),
                "summary": draw(texts),
                "updated": draw(dates),
            }
            for i in skill_ids
        ],
        "roles": [
            {"id": i, "name": draw(names), "family": draw(texts), "summary": draw(texts)}
            for i in role_ids
        ],
        "levels": [{"id": i, "name": draw(names)} for i in level_ids],
        "expectations": [
            {
                "skill": s,
                "role": r,
                "level": lv,
                "mandatory": draw(st.booleans()),
                "description": draw(texts),
            }
            for s, r, lv in chosen
        ],
    }


@settings(max_examples=150)
@given(documents())
def test_round_trip(document: dict[str, Any]) -> None:
    """Every valid document loads, and survives dumps/loads unchanged."""
    taxonomy = loads(json.dumps(document))
    text = dumps(taxonomy)
    assert json.loads(text) == document  # every key is written, so nothing is lost
    assert loads(text) == taxonomy
    assert dumps(loads(text)) == text


@settings(max_examples=150)
@given(documents())
def test_queries_agree_with_the_listing(document: dict[str, Any]) -> None:
    """Indexed queries give what filtering the full listing gives."""
    taxonomy = loads(json.dumps(document))
    everything = taxonomy.expectations()
    for skill in taxonomy.skills():
        for role in taxonomy.roles():
            expected = tuple(e for e in everything if e.skill == skill and e.role == role)
            assert taxonomy.expectations(skill=skill, role=role) == expected
            assert [e.level.rank for e in taxonomy.progression(skill, role)] == sorted(
                e.level.rank for e in expected
            )
    for level in taxonomy.levels:
        assert taxonomy.expectations(level=level) == tuple(
            e for e in everything if e.level == level
        )
        assert taxonomy.level(level.rank) == level


@settings(max_examples=200)
@given(documents(), st.data())
def test_mutations_load_or_fail_cleanly(document: dict[str, Any], data: st.DataObject) -> None:
    """Replacing any value with another JSON value loads or raises InvalidTaxonomyError, nothing else."""
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
        | _texts
        | st.lists(_texts, max_size=2)
    )
    target: Any = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = junk
    with contextlib.suppress(InvalidTaxonomyError):
        loads(json.dumps(document))


@settings(max_examples=100)
@given(documents())
def test_what_the_library_reads_passes_the_schema(document: dict[str, Any]) -> None:
    """Every document the library reads also passes the shipped JSON Schema."""
    loads(json.dumps(document))
    validator = jsonschema.Draft202012Validator(
        json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert list(validator.iter_errors(document)) == []
