"""The bundled framework holds exactly the facts of the source page, and is rebuilt from it."""

from __future__ import annotations

import datetime
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from skilltaxonomy import (
    InvalidPageError,
    Taxonomy,
    dumps,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sources" / "skill-profile-deep-learning.txt"


@pytest.fixture(name="builder", scope="module")
def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_bundled", ROOT / "scripts" / "build_bundled.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(name="page", scope="module")
def _page() -> str:
    return SEED.read_text(encoding="utf-8")


def test_rebuilding_gives_the_shipped_file(builder: ModuleType, page: str) -> None:
    """The script rebuilds the shipped file byte for byte from the page copy."""
    shipped = (
        ROOT / "src" / "skilltaxonomy" / "data" / "neural-network-architectures.json"
    ).read_text(encoding="utf-8")
    assert dumps(builder.build(page)) == shipped
    assert builder.main(["--check"]) == 0


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("Roles\n2\n", "Roles\n3\n", "line 6: the page counts 3 roles, its tables show 2"),
        ("Niveles\n5\n", "Niveles\n4\n", "line 9: the page counts 4 levels, its tables show 5"),
        (
            "hasta Principal",
            "hasta Staff",
            "line 18: the page's ladder ends at 'Staff', but its last table falls on 'Principal'",
        ),
    ],
)
def test_builder_checks_the_page_counts(
    builder: ModuleType, page: str, old: str, new: str, problem: str
) -> None:
    """A page whose figures disagree with its tables is refused, at the figure's line."""
    with pytest.raises(InvalidPageError) as caught:
        builder.build(page.replace(old, new))
    assert str(caught.value) == f"sources/skill-profile-deep-learning.txt: 1 problem\n  {problem}"


def test_every_description_is_verbatim(bundled: Taxonomy, page: str) -> None:
    """Each table row of the page is one expectation, word for word, at its level."""
    tables = page.split("| Rol | Obligatorio | Descripción |")[1:]
    assert len(tables) == len(bundled.levels) == 5
    for level, table in zip(bundled.levels, tables, strict=True):
        rows = re.findall(r"^\| ([^|]+) \| ([^|]+) \|", table, flags=re.MULTILINE)
        rows = [row for row in rows if not row[0].startswith("---")]
        found = bundled.expectations.filter(level=level)
        assert [(e.role.name, e.description) for e in found] == [
            (r.strip(), d.strip()) for r, d in rows
        ]


def test_header_facts(bundled: Taxonomy, page: str) -> None:
    """Domain, category, date and counts match the page's header block."""
    skill = bundled.skill("neural-network-architectures")
    assert skill.domain.name in page.splitlines()[1]
    assert f"\n{skill.domain.name}\n{skill.category}\n22/2/2026\n" in page
    assert skill.updated == datetime.date(2026, 2, 22)
    profile = bundled.profile(skill)
    assert f"Roles\n{len(profile.roles)}\n" in page
    assert f"Niveles\n{len(profile.levels)}\n" in page
    assert f"Requisitos obligatorios\n{profile.mandatory_count}\n" in page
    assert f"los otros {profile.optional_count} opcionales" in page
    assert f"desde {bundled.levels[0].name} hasta {bundled.levels[-1].name}." in page


def test_facts_from_the_issue(bundled: Taxonomy) -> None:
    """Ids, level names and role families are those the core issue states."""
    assert [(d.id, d.name) for d in bundled.domains] == [
        ("machine-learning-ai", "Machine Learning & AI")
    ]
    assert [(s.id, s.name, s.category) for s in bundled.skills] == [
        ("neural-network-architectures", "Neural Network Architectures", "Deep Learning")
    ]
    assert [(r.id, r.name, r.family) for r in bundled.roles] == [
        ("data-scientist", "Data Scientist", "ML & AI Engineering"),
        ("llm-engineer", "LLM Engineer", ""),
    ]
    assert [(lv.id, lv.name, lv.rank) for lv in bundled.levels] == [
        ("junior", "Junior", 1),
        ("middle", "Middle", 2),
        ("senior", "Senior", 3),
        ("lead", "Lead / Staff", 4),
        ("principal", "Principal", 5),
    ]
    assert "devlevel.app" in bundled.name
    assert bundled.language == "en"
    assert not any(e.mandatory for e in bundled.expectations)
