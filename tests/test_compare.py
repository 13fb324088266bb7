"""Tests for diff and merge: changes as data and as a changelog; conflicts never hidden."""

from __future__ import annotations

import copy
import json
import pickle
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

from skilltaxonomy import (
    Change,
    Conflict,
    Domain,
    Expectation,
    FieldChange,
    Level,
    MergeConflictError,
    Role,
    Skill,
    Taxonomy,
    diff,
    load,
    loads,
    merge,
    render,
)

from .conftest import SMALL, Document
from .test_properties import documents


def _load(document: Document) -> Taxonomy:
    return loads(json.dumps(document))


@pytest.fixture(name="changed")
def _changed() -> Document:
    """SMALL, edited: a renamed skill, a new level, a flag flipped, a role removed."""
    document = copy.deepcopy(SMALL)
    document["version"] = "2"
    document["skills"][1]["name"] = "SQL and databases"
    document["levels"].insert(1, {"id": "l1b", "name": "Associate II"})
    document["expectations"][0]["mandatory"] = False
    document["roles"].pop(1)
    document["expectations"] = [e for e in document["expectations"] if e["role"] != "manager"]
    document["skills"].append({"id": "rust", "name": "Rust", "domain": "eng"})
    return document


class TestDiff:
    def test_no_changes(self) -> None:
        """Equal frameworks have an empty, false diff."""
        found = diff(load(), load())
        assert not found
        assert found.changes == ()
        assert str(found) == ""

    def test_changes_as_data(self, changed: Document) -> None:
        """Every added, removed and changed entry, with the fields that changed."""
        found = diff(_load(SMALL), _load(changed))
        assert found.changes == (
            Change("framework", "", "changed", "Small", (FieldChange("version", "1", "2"),)),
            Change("skill", "rust", "added", "Rust"),
            Change(
                "skill",
                "sql",
                "changed",
                "SQL and databases",
                (FieldChange("name", "SQL", "SQL and databases"),),
            ),
            Change("role", "manager", "removed", "Engineering Manager"),
            Change("level", "l1b", "added", "Associate II"),
            Change("level", "l2", "changed", "Engineer", (FieldChange("rank", 2, 3),)),
            Change("level", "l3", "changed", "Senior Engineer", (FieldChange("rank", 3, 4),)),
            Change(
                "expectation",
                "mentoring / manager / l3",
                "removed",
                "Mentors engineers across teams.",
            ),
            Change(
                "expectation", "python / manager / l1", "removed", "Reads Python code in reviews."
            ),
            Change(
                "expectation",
                "python / backend / l1",
                "changed",
                "Writes small scripts.",
                (FieldChange("mandatory", True, False),),
            ),
        )
        assert [c.key for c in found.of("added")] == ["rust", "l1b"]

    def test_text_lines(self, changed: Document) -> None:
        """str() gives one line per change, marked +, - or ~."""
        lines = str(diff(_load(SMALL), _load(changed))).splitlines()
        assert lines[:4] == [
            "~ framework: version: '1' → '2'",
            "+ skill 'rust': Rust",
            "~ skill 'sql': name: 'SQL' → 'SQL and databases'",
            "- role 'manager': Engineering Manager",
        ]
        assert lines[-1] == "~ expectation 'python / backend / l1': mandatory: true → false"

    def test_changed_values_of_every_type(self) -> None:
        """Dates, nulls and empty strings show as they are written in the file."""
        document = copy.deepcopy(SMALL)
        document["skills"][0]["updated"] = None
        document["skills"][0]["summary"] = ""
        (change,) = diff(_load(SMALL), _load(document)).changes
        assert (
            str(change)
            == "~ skill 'python': summary: 'Writing Python.' → ''; updated: '2026-01-31' → null"
        )

    def test_markdown_changelog(self, changed: Document) -> None:
        """The Markdown changelog has a heading per action and a table per heading."""
        page = render(diff(_load(SMALL), _load(changed)), "md")
        assert page.splitlines()[0] == "# Changes from Small 1 to Small 2"
        assert "## Added\n\n| Kind | Id | Name |\n|---|---|---|\n| Skill | rust | Rust |" in page
        assert "| Expectation | python / backend / l1 | mandatory: true → false |" in page

    def test_text_changelog_in_another_language(self, changed: Document) -> None:
        """Labels follow the locale; framework text and field names stay as they are."""
        page = render(diff(_load(SMALL), _load(changed)), "text", locale="de", width=100)
        assert page.splitlines()[0] == "Änderungen von Small 1 zu Small 2"
        assert "Hinzugefügt" in page
        assert "version: '1' → '2'" in page

    def test_no_changes_page(self) -> None:
        """A changelog without changes says so."""
        assert "No changes." in render(diff(load(), load()), "text")

    def test_html_escapes_framework_text(self) -> None:
        """Names with markup are escaped in the HTML changelog."""
        document = copy.deepcopy(SMALL)
        document["skills"][0]["name"] = "<script>alert(1)</script>"
        page = render(diff(_load(SMALL), _load(document)), "html")
        assert "<script>" not in page
        assert "&lt;script&gt;" in page

    def test_notebook_display(self, changed: Document) -> None:
        """A diff shows as an HTML table in a notebook."""
        assert diff(_load(SMALL), _load(changed))._repr_html_().startswith("<")


class TestMerge:
    def test_extending_the_bundled_framework(self) -> None:
        """A company's own roles, skills and expectations are added after the base's."""
        bundled = load()
        own = _load(
            {
                "format": "skilltaxonomy/1",
                "name": "Our additions",
                "domains": [{"id": "machine-learning-ai", "name": "Machine Learning & AI"}],
                "skills": [
                    {"id": "mlops", "name": "MLOps", "domain": "machine-learning-ai"},
                ],
                "roles": [{"id": "ml-platform", "name": "ML Platform Engineer"}],
                "levels": [{"id": "junior", "name": "Junior"}],
                "expectations": [
                    {
                        "skill": "mlops",
                        "role": "ml-platform",
                        "level": "junior",
                        "mandatory": True,
                        "description": "Ships a model behind a versioned endpoint.",
                    }
                ],
            }
        )
        merged = merge(bundled, own)
        assert merged.name == bundled.name
        assert [s.id for s in merged.skills] == ["neural-network-architectures", "mlops"]
        assert [r.id for r in merged.roles][-1] == "ml-platform"
        assert merged.levels == bundled.levels
        assert len(merged.expectations) == len(bundled.expectations) + 1
        assert merged.expectation("mlops", "ml-platform", "junior").mandatory

    def test_conflicts_are_reported_not_overwritten(self, changed: Document) -> None:
        """By default every conflict is raised at once, naming both values."""
        with pytest.raises(MergeConflictError) as caught:
            merge(_load(SMALL), _load(changed))
        assert caught.value.conflicts == (
            Conflict("skill", "sql", 1, (FieldChange("name", "SQL", "SQL and databases"),)),
            Conflict(
                "expectation", "python / backend / l1", 1, (FieldChange("mandatory", True, False),)
            ),
        )
        assert str(caught.value) == (
            "2 conflicts\n"
            "  skill 'sql' differs in framework 1: name: 'SQL' → 'SQL and databases'\n"
            "  expectation 'python / backend / l1' differs in framework 1: mandatory: true → false"
        )
        assert isinstance(caught.value, ValueError)
        again = pickle.loads(pickle.dumps(caught.value))
        assert again.conflicts == caught.value.conflicts

    def test_keep_and_replace(self, changed: Document) -> None:
        """A chosen policy keeps the earlier entry or takes the later one."""
        kept = merge(_load(SMALL), _load(changed), on_conflict="keep")
        assert kept.skill("sql").name == "SQL"
        assert kept.expectation("python", "backend", "l1").mandatory
        replaced = merge(_load(SMALL), _load(changed), on_conflict="replace")
        assert replaced.skill("sql").name == "SQL and databases"
        assert not replaced.expectation("python", "backend", "l1").mandatory
        for merged in (kept, replaced):
            assert [lv.id for lv in merged.levels] == ["l1", "l1b", "l2", "l3"]
            assert [s.id for s in merged.skills] == ["python", "sql", "mentoring", "rust"]
            assert merged.role("manager").name == "Engineering Manager"

    def test_ladders_in_different_orders(self) -> None:
        """Two ladders that order the same levels differently conflict, whatever the policy."""
        document = copy.deepcopy(SMALL)
        document["levels"].reverse()
        for policy in ("raise", "keep", "replace"):
            with pytest.raises(MergeConflictError) as caught:
                merge(_load(SMALL), _load(document), on_conflict=policy)  # type: ignore[arg-type]
            assert str(caught.value) == (
                "1 conflict\n  level 'l3 < l2 < l1' differs in framework 1: order: "
                "['l1', 'l2', 'l3'] → ['l3', 'l2', 'l1']"
            )

    def test_several_frameworks_in_turn(self) -> None:
        """Each further framework is merged into the result so far, and numbered."""
        first = copy.deepcopy(SMALL)
        first["roles"].append({"id": "qa", "name": "QA"})
        second = copy.deepcopy(SMALL)
        second["roles"].append({"id": "qa", "name": "Quality"})
        with pytest.raises(MergeConflictError, match="role 'qa' differs in framework 2"):
            merge(_load(SMALL), _load(first), _load(second))

    def test_unknown_policy(self) -> None:
        """A policy that does not exist is a ValueError naming the choices."""
        with pytest.raises(ValueError, match="expected 'raise', 'keep' or 'replace'"):
            merge(load(), on_conflict="newest")  # type: ignore[arg-type]

    def test_inputs_are_not_changed(self, changed: Document) -> None:
        """Merging builds a new framework; the ones passed in are equal to before."""
        base, other = _load(SMALL), _load(changed)
        merge(base, other, on_conflict="replace")
        assert base == _load(SMALL)
        assert other == _load(changed)


@settings(max_examples=60, deadline=None)
@given(documents(), documents())
def test_diff_of_a_merge(first: dict[str, Any], second: dict[str, Any]) -> None:
    """Merging a framework into itself changes nothing; a diff with itself is empty."""
    taxonomy = loads(json.dumps(first))
    assert not diff(taxonomy, taxonomy)
    assert merge(taxonomy, taxonomy) == taxonomy
    other = loads(json.dumps(second))
    assert bool(diff(taxonomy, other)) == (taxonomy != other)


def _framework(skills: list[str], roles: list[str], levels: list[str]) -> Taxonomy:
    domain = Domain("d", "D")
    the_skills = [Skill(s, f"Skill {s}", domain) for s in skills]
    the_roles = [Role(r, f"Role {r}") for r in roles]
    the_levels = [Level(lv, f"Level {lv}", rank) for rank, lv in enumerate(levels, start=1)]
    return Taxonomy(
        name="T",
        domains=[domain],
        skills=the_skills,
        roles=the_roles,
        levels=the_levels,
        expectations=[
            Expectation(s, r, lv, False, f"{s.id}|{r.id}|{lv.id}")
            for s in the_skills
            for r in the_roles
            for lv in the_levels[:1]
        ],
    )


class TestKeys:
    """Entries are matched by their ids as tuples: no two entries can share a key."""

    def test_ids_with_the_separator_stay_apart(self) -> None:
        """Skills 'a' and 'a / b', roles 'b / c' and 'c': four expectations, none merged away."""
        one = _framework(["a", "a / b"], ["c", "b / c"], ["l"])
        assert len(one.expectations) == 4
        assert merge(one, one) == one
        changed = Taxonomy(
            name=one.name,
            domains=one.domains,
            skills=one.skills,
            roles=one.roles,
            levels=one.levels,
            expectations=[
                attrs.evolve(e, description="new") if e.role.id == "c" and e.skill.id == "a" else e
                for e in one.expectations
            ],
        )
        changes = diff(one, changed)
        assert [(c.kind, c.key, c.action) for c in changes.changes] == [
            ("expectation", "a / c / l", "changed")
        ]

    def test_a_long_ladder_merges(self) -> None:
        """Merging ladders of 20,000 levels takes time in proportion to them."""
        levels = [f"l{n}" for n in range(20_000)]
        base = _framework(["s"], ["r"], levels[::2])
        other = _framework(["s"], ["r"], levels)
        merged = merge(base, other, on_conflict="keep")
        assert [level.id for level in merged.levels] == levels
