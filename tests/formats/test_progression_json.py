"""Tests for progression frameworks as JSON: topics' levels as scales, roles' needs as steps."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltaxonomy import InvalidTaxonomyError, dumps, load, loads

LADDER = Path(__file__).parent.parent / "data" / "progression" / "ladder.json"


def _document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(LADDER.read_text(encoding="utf-8"))
    return document


def _problems(document: object, **options: object) -> list[str]:
    with pytest.raises(InvalidTaxonomyError) as caught:
        loads(json.dumps(document), format="progression-json", source="l.json", **options)
    assert caught.value.source == "l.json"
    return [str(problem) for problem in caught.value.problems]


def test_levels_topics_and_roles() -> None:
    """The ladder's levels, each topic a skill on a scale of its own, roles with families."""
    ladder = load(LADDER, format="progression-json")
    assert (ladder.name, ladder.version, ladder.description) == (
        "Acme engineering ladder",
        "2026.2",
        "Topics, their levels and what each role needs.",
    )
    assert [(lv.id, lv.name, lv.rank, lv.description) for lv in ladder.levels] == [
        ("e1", "Engineer I", 1, "Learns the team's systems."),
        ("e2", "Engineer II", 2, ""),
        ("e3", "Senior Engineer", 3, ""),
    ]
    assert [(s.id, s.name, s.domain.name, s.summary, s.scale.id) for s in ladder.skills] == [  # type: ignore[union-attr]
        ("delivery", "Delivery", "Craft", "Getting changes to users.", "delivery"),
        ("mentoring", "Mentoring", "Topics", "", "mentoring"),
    ]
    delivery = ladder.scale("delivery")
    assert [(s.id, s.name, s.rank, s.code) for s in delivery.steps] == [
        ("1", "Ships with help", 1, "1"),
        ("2", "Ships alone", 2, "2"),
        ("3", "Ships for others", 3, "3"),
    ]
    assert [s.name for s in ladder.scale("mentoring").steps] == ["Level 1", "Level 2"]
    assert [(r.id, r.name, r.family, r.summary) for r in ladder.roles] == [
        ("backend", "Backend engineer", "Engineering", "Builds the services."),
        ("staff-engineer", "Staff engineer", "", ""),
    ]


def test_topic_levels_are_definitions() -> None:
    """What a topic's level says is the skill's definition at that step."""
    ladder = load(LADDER, format="progression-json")
    assert [
        (d.skill.id, d.step.id, d.description, d.criteria, d.examples) for d in ladder.definitions
    ] == [
        ("delivery", "1", "", ("Finishes a small ticket with a reviewer",), ()),
        (
            "delivery",
            "2",
            "Plans and ships a feature.",
            ("Splits a feature into mergeable steps", "Watches the release"),
            ("Shipped the export button behind a flag",),
        ),
        ("mentoring", "1", "", ("Pairs with a new joiner for a week",), ()),
        ("mentoring", "2", "", ("Runs the team's review rota",), ()),
    ]


def test_required_topic_levels_are_mandatory_steps() -> None:
    """Each topic level a role needs at a level is a mandatory expectation of that step."""
    ladder = load(LADDER, format="progression-json")
    assert [
        (e.role.id, e.level.id, e.skill.id, e.step.id, e.mandatory)  # type: ignore[union-attr]
        for e in ladder.expectations
    ] == [
        ("backend", "e1", "delivery", "1", True),
        ("backend", "e2", "delivery", "2", True),
        ("backend", "e2", "mentoring", "1", True),
        ("backend", "e3", "delivery", "3", True),
        ("backend", "e3", "mentoring", "2", True),
        ("staff-engineer", "e3", "delivery", "3", True),
        ("staff-engineer", "e3", "mentoring", "2", True),
    ]
    assert ladder.role("staff-engineer").start == ladder.level("e3")
    assert ladder.role("backend").start is None
    assert [e.step.name for e in ladder.progression("delivery", "backend")] == [  # type: ignore[union-attr]
        "Ships with help",
        "Ships alone",
        "Ships for others",
    ]


def test_levels_of_a_role_in_any_order_come_in_ladder_order() -> None:
    """A role's levels listed out of order give expectations in the ladder's order."""
    document = _document()
    document["roles"][0]["levels"] = {"e3": {"delivery": 3}, "e1": {"delivery": 1}}
    ladder = loads(json.dumps(document), format="progression-json")
    assert [e.level.id for e in ladder.expectations.filter(role="backend")] == ["e1", "e3"]


def test_what_is_not_kept_is_reported() -> None:
    """Fields the layout does not have are listed at their paths, with a hint for a typo."""
    reading = load(LADDER, format="progression-json", report=True)
    assert [str(problem) for problem in reading.skipped] == [
        "$.licence: not kept (not a field of a framework)",
        "$.topics[1].colour: not kept (not a field of a topic)",
        "$.topics[1].levels[1].owner: not kept (not a field of a topic level)",
    ]
    document = _document()
    document["topics"][0]["descripton"] = "x"
    document["roles"][0]["ladder"] = "x"
    reading = loads(json.dumps(document), format="progression-json", report=True)
    assert [str(problem) for problem in reading.skipped] == [
        "$.licence: not kept (not a field of a framework)",
        "$.topics[0].descripton: not kept (not a field of a topic; did you mean 'description'?)",
        "$.topics[1].colour: not kept (not a field of a topic)",
        "$.topics[1].levels[1].owner: not kept (not a field of a topic level)",
        "$.roles[0].ladder: not kept (not a field of a role)",
    ]


def test_options_name_and_version() -> None:
    """name= and version= win over the file's; without either, defaults."""
    data = LADDER.read_bytes()
    taxonomy = loads(data, format="progression-json", name="Ours", version="3")
    assert (taxonomy.name, taxonomy.version) == ("Ours", "3")
    document = _document()
    del document["name"], document["version"]
    taxonomy = loads(json.dumps(document), format="progression-json")
    assert (taxonomy.name, taxonomy.version) == ("Progression framework", "")


def test_survives_json_and_reading_changes_nothing() -> None:
    """What is read round-trips through format v2; the bytes given are unchanged."""
    data = bytearray(LADDER.read_bytes())
    taxonomy = loads(data, format="progression-json")
    assert bytes(data) == LADDER.read_bytes()
    assert loads(dumps(taxonomy)) == taxonomy


def _edit(path: tuple[Any, ...], value: object) -> dict[str, Any]:
    """The fixture with the value at `path` replaced (or deleted, for `...`)."""
    document = copy.deepcopy(_document())
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    if value is ...:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return document


@pytest.mark.parametrize(
    ("path", "value", "messages"),
    [
        (("levels",), ..., ["$.levels: required field missing (the ladder's levels)"]),
        (("topics",), ..., ["$.topics: required field missing"]),
        (("levels",), [], ["$.levels: expected at least one level"]),
        (("levels",), {}, ["$.levels: expected an array, got an object"]),
        (("name",), "", ["$.name: expected a non-empty string, got ''"]),
        (("version",), 2, ["$.version: expected a string, got 2"]),
        (("levels", 1), "e2", ["$.levels[1]: expected an object (level), got 'e2'"]),
        (("levels", 1, "name"), ..., ["$.levels[1].name: required field missing"]),
        (
            ("levels", 1, "id"),
            "E1",
            ["$.levels[1]: the level id 'E1' is given twice (first at $.levels[0])"],
        ),
        (
            ("levels", 1, "id"),
            " e2",
            ["$.levels[1].id: expected a non-empty id without surrounding whitespace, got ' e2'"],
        ),
        (
            ("topics", 0, "levels"),
            ...,
            ["$.topics[0].levels: required field missing (the topic's levels)"],
        ),
        (("topics", 0, "levels"), [], ["$.topics[0].levels: expected at least one level"]),
        (
            ("topics", 0, "levels", 1, "level"),
            3,
            [
                "$.topics[0].levels[1].level: expected 2 (levels are numbered from 1, in order), "
                "got 3"
            ],
        ),
        (
            ("topics", 0, "levels", 1, "level"),
            2.0,
            [
                "$.topics[0].levels[1].level: expected 2 (levels are numbered from 1, in order), "
                "got 2.0"
            ],
        ),
        (
            ("topics", 0, "levels", 1),
            [],
            ["$.topics[0].levels[1]: expected an object (topic level), got an array"],
        ),
        (
            ("topics", 0, "levels", 1, "criteria"),
            "one",
            ["$.topics[0].levels[1].criteria: expected an array of strings, got 'one'"],
        ),
        (
            ("topics", 0, "levels", 1, "examples"),
            ["ok", 3],
            ["$.topics[0].levels[1].examples: item 1: expected a string, got 3"],
        ),
        (
            ("topics", 1, "name"),
            "Delivery",
            ["$.topics[1]: the topic id 'delivery' is given twice (first at $.topics[0])"],
        ),
        (
            ("roles", 0, "levels", "e4"),
            {"delivery": 1},
            ["$.roles[0].levels.e4: unknown level 'e4' (expected one of: e1, e2, e3)"],
        ),
        (
            ("roles", 0, "levels", "E1"),
            {"delivery": 1},
            [
                "$.roles[0].levels.E1: the level id 'e1' is given twice (first at "
                "$.roles[0].levels.e1)"
            ],
        ),
        (
            ("roles", 0, "levels", "e2", "delivry"),
            1,
            ["$.roles[0].levels.e2.delivry: unknown topic 'delivry' (did you mean 'delivery'?)"],
        ),
        (
            ("roles", 0, "levels", "e2", "zzz"),
            1,
            [
                "$.roles[0].levels.e2.zzz: unknown topic 'zzz' (expected one of: delivery, "
                "mentoring)"
            ],
        ),
        (
            ("roles", 0, "levels", "e2", "delivery"),
            4,
            [
                "$.roles[0].levels.e2.delivery: expected a level of the topic: a whole number from "
                "1 to 3, got 4"
            ],
        ),
        (
            ("roles", 0, "levels", "e2", "delivery"),
            True,
            [
                "$.roles[0].levels.e2.delivery: expected a level of the topic: a whole number from "
                "1 to 3, got true"
            ],
        ),
        (
            ("roles", 0, "levels", "e2"),
            [1],
            ["$.roles[0].levels.e2: expected an object of topic ids, got an array"],
        ),
        (
            ("roles", 0, "levels"),
            [],
            ["$.roles[0].levels: expected an object of level ids, got an array"],
        ),
        (
            ("roles", 1, "id"),
            "Backend",
            ["$.roles[1]: the role id 'Backend' is given twice (first at $.roles[0])"],
        ),
        (("roles", 0), None, ["$.roles[0]: expected an object (role), got null"]),
        (("topics", 1), "Mentoring", ["$.topics[1]: expected an object (topic), got 'Mentoring'"]),
        (
            ("roles", 0, "levels", "level 4"),
            {},
            ["$.roles[0].levels['level 4']: unknown level 'level 4' (expected one of: e1, e2, e3)"],
        ),
        (("roles", 0, "family"), ["x"], ["$.roles[0].family: expected a string, got an array"]),
        (  # a group names a domain: one line, as names are
            ("topics", 0, "group"),
            "Craft\tand care",
            [
                "$.topics[0].group: expected an id or name without control characters, "
                "got 'Craft\\tand care' (U+0009 at character 6)"
            ],
        ),
        (
            ("topics", 0, "group"),
            "Craft\u2028",
            [
                "$.topics[0].group: expected an id or name without line separators, "
                "got 'Craft\\u2028' (U+2028 at character 6)"
            ],
        ),
    ],
)
def test_bad_documents_are_placed(
    path: tuple[Any, ...], value: object, messages: list[str]
) -> None:
    """Every problem is listed at its path, with what was expected."""
    assert _problems(_edit(path, value)) == messages


def test_not_an_object_and_not_json() -> None:
    """The file is one JSON object, within the limits."""
    assert _problems([1]) == ["$: expected an object (framework), got an array"]
    with pytest.raises(InvalidTaxonomyError) as caught:
        loads("{", format="progression-json")
    assert str(caught.value.problems[0]) == (
        "$: not valid JSON: Expecting property name enclosed in double quotes at line 1, column 2"
    )
    with pytest.raises(InvalidTaxonomyError) as caught:
        loads(LADDER.read_text(encoding="utf-8"), format="progression-json", max_depth=3)
    assert str(caught.value.problems[0]) == "$: arrays and objects nest 6 deep; the limit is 3"


FULL = LADDER.read_bytes()


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=len(FULL)))
def test_a_file_cut_anywhere_is_refused_or_read_whole(cut: int) -> None:
    """A file cut at any byte is refused, or (cut in its trailing blank) read whole."""
    try:
        part = loads(FULL[:cut], format="progression-json", report=True)
    except InvalidTaxonomyError:
        return
    assert part.missing == ()
    assert part.taxonomy == loads(FULL, format="progression-json")
