"""Immutability audit: nothing reachable from load() can be changed through its attributes."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import attrs
import pytest

from skilltaxonomy import (
    Extras,
    Listing,
    Taxonomy,
    Translations,
    load,
)

_SCALARS = (str, int, bool, float, datetime.date, type(None))


def _reachable(taxonomy: Taxonomy) -> Iterator[object]:
    """Every public object a caller can reach from the taxonomy and its query answers."""
    yield taxonomy
    yield from taxonomy.domains
    yield from taxonomy.skills
    yield from taxonomy.roles
    yield from taxonomy.levels
    yield from taxonomy.expectations
    for skill in taxonomy.skills:
        yield taxonomy.profile(skill)
        for role in taxonomy.roles.filter(skill=skill):
            yield taxonomy.compare(skill, role, 1)
    for role in taxonomy.roles:
        matrix = taxonomy.matrix(role)
        yield matrix
        yield from matrix.rows


def _public_values(item: object) -> Iterator[tuple[str, object]]:
    for field in attrs.fields(type(item)):
        if not field.name.startswith("_"):
            yield field.name, getattr(item, field.name)


def _frozen_value(value: object) -> bool:
    if isinstance(value, (tuple, Listing)):
        return all(_frozen_value(item) for item in value)
    # Extras and translations are read-only mappings of frozen values (tests/model).
    return isinstance(value, (*_SCALARS, Extras, Translations)) or attrs.has(type(value))


def test_no_public_attribute_is_mutable() -> None:
    """Every public attribute is a scalar, a frozen value, or a tuple or listing of them."""
    for item in _reachable(load()):
        for name, value in _public_values(item):
            assert _frozen_value(value), (type(item).__name__, name, type(value))


def test_attributes_cannot_be_set_or_deleted() -> None:
    """Setting or deleting any attribute of any reachable object raises."""
    for item in _reachable(load()):
        for field in attrs.fields(type(item)):
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(item, field.name, None)
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                delattr(item, field.name)


def test_listings_are_listings() -> None:
    """Every listing is a Listing, which cannot be appended to or changed in place."""
    taxonomy = load()
    for answer in (
        taxonomy.domains,
        taxonomy.skills,
        taxonomy.roles,
        taxonomy.expectations,
        taxonomy.expectations.filter(role="llm-engineer"),
        taxonomy.search("neural"),
        taxonomy.progression("neural-network-architectures", "llm-engineer"),
    ):
        assert type(answer) is Listing
        with pytest.raises(TypeError):
            answer[0] = None  # type: ignore[index]
        with pytest.raises(AttributeError, match=r"^a Listing cannot be changed"):
            answer._items = ()  # type: ignore[misc]
        assert not hasattr(answer, "append")
