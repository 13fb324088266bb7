"""Shared fixtures: the bundled framework and small hand-made ones."""

from __future__ import annotations

import copy
import datetime
import json
from collections.abc import Callable
from typing import Any

import pytest

from skilltaxonomy import (
    Domain,
    Expectation,
    Level,
    Reading,
    Role,
    Skill,
    Taxonomy,
    load,
    loads,
)
from skilltaxonomy.formats.case import from_package

Document = dict[str, Any]

SMALL: Document = {
    "format": "skilltaxonomy/1",
    "name": "Small",
    "version": "1",
    "language": "en",
    "domains": [
        {"id": "eng", "name": "Engineering"},
        {"id": "people", "name": "People"},
    ],
    "skills": [
        {
            "id": "python",
            "name": "Python",
            "domain": "eng",
            "category": "Languages",
            "summary": "Writing Python.",
            "updated": "2026-01-31",
        },
        {"id": "sql", "name": "SQL", "domain": "eng", "category": "Languages"},
        {"id": "mentoring", "name": "Mentoring", "domain": "people"},
    ],
    "roles": [
        {"id": "backend", "name": "Backend Engineer", "family": "Engineering"},
        {"id": "manager", "name": "Engineering Manager"},
    ],
    "levels": [
        {"id": "l1", "name": "Associate"},
        {"id": "l2", "name": "Engineer"},
        {"id": "l3", "name": "Senior Engineer"},
    ],
    "expectations": [
        {
            "skill": "python",
            "role": "backend",
            "level": "l1",
            "mandatory": True,
            "description": "Writes small scripts.",
        },
        {
            "skill": "python",
            "role": "backend",
            "level": "l3",
            "mandatory": False,
            "description": "Designs packages with typed public APIs.",
        },
        {
            "skill": "python",
            "role": "backend",
            "level": "l2",
            "mandatory": True,
            "description": "Writes tested modules.",
        },
        {
            "skill": "sql",
            "role": "backend",
            "level": "l2",
            "mandatory": False,
            "description": "Writes joins and indexes tables.",
        },
        {
            "skill": "mentoring",
            "role": "manager",
            "level": "l3",
            "mandatory": True,
            "description": "Mentors engineers across teams.",
        },
        {
            "skill": "python",
            "role": "manager",
            "level": "l1",
            "mandatory": False,
            "description": "Reads Python code in reviews.",
        },
    ],
}


@pytest.fixture(name="bundled")
def _bundled() -> Taxonomy:
    return load()


@pytest.fixture(name="document")
def _document() -> Document:
    """A fresh deep copy of the small valid document, free to change."""
    return copy.deepcopy(SMALL)


@pytest.fixture(name="small_text")
def _small_text() -> str:
    return json.dumps(SMALL)


@pytest.fixture(name="make_taxonomy")
def _make_taxonomy() -> Callable[..., Taxonomy]:
    """Build a taxonomy in code, with ladders of any length."""

    def make(ladder_size: int = 3, **changes: Any) -> Taxonomy:
        domain = Domain("d", "Domain")
        skill = Skill("s", "Skill", domain, "Cat", "", datetime.date(2026, 2, 22))
        role = Role("r", "Role")
        ladder = tuple(Level(f"l{i}", f"Level {i}", i) for i in range(1, ladder_size + 1))
        parts: dict[str, Any] = {
            "name": "Made",
            "domains": [domain],
            "skills": [skill],
            "roles": [role],
            "levels": ladder,
            "expectations": [
                Expectation(skill, role, lv, lv.rank % 2 == 0, f"At {lv.name}.") for lv in ladder
            ],
        }
        parts.update(changes)
        return Taxonomy(**parts)

    return make


def read_case(data: object, **options: Any) -> Reading:
    """Read a CASE package given as parsed data (`from_package`) or as text (`loads`)."""
    if isinstance(data, (str, bytes, bytearray)):
        return loads(data, format="case", report=True, **options)
    return from_package(data, **options)
