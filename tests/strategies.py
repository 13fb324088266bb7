"""Hypothesis strategies for valid frameworks, shared by the property tests."""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import strategies as st

from skilltaxonomy._text import forbidden_character, id_key
from skilltaxonomy.formats.fields import FORMAT_V1


def _valid_text(text: str) -> bool:
    return forbidden_character(text, name=False) is None


def _valid_name(text: str) -> bool:
    return text.strip() != "" and forbidden_character(text, name=True) is None


def _valid_id(text: str) -> bool:
    return text == text.strip() and _valid_name(text)


# What ids and names may hold, and what other text may (docs/format.md, Rules).
_NAME_CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc")).filter(
    lambda c: forbidden_character(c, name=True) is None
)
_TEXT_CHARACTERS = st.characters(blacklist_categories=("Cs",)).filter(
    lambda c: forbidden_character(c, name=False) is None
)
#: Ids, names and other text a file may hold.
IDS = st.text(_NAME_CHARACTERS, min_size=1, max_size=10).filter(lambda s: s == s.strip())
NAMES = st.text(_NAME_CHARACTERS, min_size=1, max_size=20).filter(lambda s: s.strip() != "")
TEXTS = st.text(_TEXT_CHARACTERS, max_size=40)
dates = st.none() | st.dates(min_value=datetime.date(1900, 1, 1)).map(datetime.date.isoformat)


@st.composite
def documents(draw: st.DrawFn, alphabet: st.SearchStrategy[str] | None = None) -> dict[str, Any]:
    """A valid format v1 document: unique ids, resolving references, unique cells.

    With `alphabet`, every string is made of its characters only (those it may hold).
    """
    if alphabet is not None:
        ids = st.text(alphabet, min_size=1, max_size=10).filter(_valid_id)
        names = st.text(alphabet, min_size=1, max_size=20).filter(_valid_name)
        texts = st.text(alphabet, max_size=40).filter(_valid_text)
    else:
        ids, names, texts = IDS, NAMES, TEXTS
    domain_ids = draw(st.lists(ids, unique_by=id_key, max_size=3))
    skill_ids = draw(st.lists(ids, unique_by=id_key, max_size=5)) if domain_ids else []
    role_ids = draw(st.lists(ids, unique_by=id_key, max_size=4))
    level_ids = draw(st.lists(ids, unique_by=id_key, max_size=7))
    cells = [(s, r, lv) for s in skill_ids for r in role_ids for lv in level_ids]
    chosen = draw(st.lists(st.sampled_from(cells), unique=True, max_size=20)) if cells else []
    return {
        "format": FORMAT_V1,
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


def mutate(
    data: st.DataObject,
    root: Any,
    path: tuple[Any, ...],
    junk: object,
    new_key: st.SearchStrategy[str],
) -> None:
    """Replace the value at `path` in `root` by `junk`, delete it, or give it a new key.

    `root` is changed in place; a new key (drawn from `new_key`) is added only where
    the value is an object, else the value is replaced.
    """
    target = root
    for step in path[:-1]:
        target = target[step]
    how = data.draw(st.sampled_from(["replace", "delete", "add a key"]))
    if how == "delete":
        del target[path[-1]]
    elif how == "add a key" and isinstance(target[path[-1]], dict):
        target[path[-1]][data.draw(new_key)] = junk
    else:
        target[path[-1]] = junk


# Extra JSON values: what a file may carry under a namespaced key.
_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXTS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(IDS, inner, max_size=3),
    max_leaves=6,
)
EXTRAS = st.dictionaries(IDS.map(lambda key: f"x:{key}"), _JSON, max_size=2)
_TRANSLATIONS = st.dictionaries(
    st.sampled_from(["es", "de", "pt-BR"]),
    st.fixed_dictionaries({}, optional={"name": NAMES, "summary": TEXTS, "description": TEXTS}),
    max_size=2,
)


def _optional(draw: st.DrawFn, strategy: st.SearchStrategy[Any], default: object) -> Any:
    """Draw a value, or leave the key out (None) when the draw says so."""
    return draw(strategy) if draw(st.booleans()) else default


def _v2_scales(draw: st.DrawFn) -> list[dict[str, Any]]:
    scales = []
    for scale_id in draw(st.lists(IDS, unique_by=id_key, max_size=2)):
        step_ids = draw(st.lists(IDS, unique_by=id_key, min_size=1, max_size=4))
        scales.append(
            {
                "id": scale_id,
                "name": draw(NAMES),
                "steps": [
                    {"id": s, "name": draw(NAMES), "description": draw(TEXTS)} for s in step_ids
                ],
                "extras": draw(EXTRAS),
            }
        )
    return scales


def _v2_ladders(draw: st.DrawFn, level_ids: list[str]) -> list[dict[str, Any]]:
    """One or two ladders sharing `level_ids` between them (none without levels)."""
    if not level_ids:
        return []
    ladder_ids = draw(st.lists(IDS, unique_by=id_key, min_size=1, max_size=2))
    cut = draw(st.integers(1, len(level_ids))) if len(ladder_ids) == 2 else len(level_ids)
    parts = [level_ids[:cut], level_ids[cut:]]
    return [
        {"id": key, "name": draw(NAMES), "levels": [{"id": i, "name": draw(NAMES)} for i in part]}
        for key, part in zip(ladder_ids, parts, strict=False)
        if part
    ]


def _v2_expectation(
    draw: st.DrawFn, cell: tuple[str, str, str], steps: list[str] | None
) -> dict[str, Any]:
    skill, role, level = cell
    expectation: dict[str, Any] = {"skill": skill, "role": role, "level": level}
    expectation["mandatory"] = draw(st.none() | st.booleans())
    expectation["description"] = draw(TEXTS)
    if steps and draw(st.booleans()):
        expectation["step"] = draw(st.sampled_from(steps))
    expectation["importance"] = draw(st.none() | st.integers(0, 5))
    expectation["criteria"] = draw(st.lists(TEXTS, max_size=2))
    expectation["signals"] = draw(st.lists(TEXTS, max_size=2))
    expectation["extras"] = draw(EXTRAS)
    expectation["translations"] = draw(_TRANSLATIONS)
    return expectation


@st.composite
def v2_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid format v2 document with scales, several ladders, steps, lists and extras."""
    scales = _v2_scales(draw)
    steps_of = {s["id"]: [step["id"] for step in s["steps"]] for s in scales}
    level_ids = draw(st.lists(IDS, unique_by=id_key, max_size=6))
    cut = draw(st.integers(0, len(level_ids)))
    own, ladders = level_ids[:cut], _v2_ladders(draw, level_ids[cut:])
    climbs: dict[str | None, list[str]] = {None: own}
    climbs.update({ladder["id"]: [lv["id"] for lv in ladder["levels"]] for ladder in ladders})
    domain_ids = draw(st.lists(IDS, unique_by=id_key, min_size=1, max_size=2))
    skills = [
        {
            "id": i,
            "name": draw(NAMES),
            "domain": draw(st.sampled_from(domain_ids)),
            "scale": draw(st.sampled_from([None, *steps_of])),
            "extras": draw(EXTRAS),
            "translations": draw(_TRANSLATIONS),
        }
        for i in draw(st.lists(IDS, unique_by=id_key, max_size=4))
    ]
    # A skill without a scale names steps of the first.
    first = next(iter(steps_of), None)
    steps = {s["id"]: steps_of.get(s["scale"] or first or "", []) for s in skills}
    roles, climbed = [], []
    for i in draw(st.lists(IDS, unique_by=id_key, max_size=3)):
        ladder = draw(st.sampled_from([key for key, levels in climbs.items() if levels] or [None]))
        role: dict[str, Any] = {"id": i, "name": draw(NAMES), "ladder": ladder}
        levels = climbs[ladder]
        if levels and draw(st.booleans()):
            role["start"] = levels[start := draw(st.integers(0, len(levels) - 1))]
            levels = levels[start:]
        roles.append(role)
        climbed.append((role["id"], levels))
    cells = [(s, role, lv) for s in steps for role, levels in climbed for lv in levels]
    chosen = draw(st.lists(st.sampled_from(cells), unique=True, max_size=12)) if cells else []
    return {
        "format": "skilltaxonomy/2",
        "name": draw(NAMES),
        "publisher": draw(TEXTS),
        "issued": draw(dates),
        "extras": draw(EXTRAS),
        "scales": scales,
        "domains": [{"id": i, "name": draw(NAMES)} for i in domain_ids],
        "skills": skills,
        "levels": [{"id": i, "name": draw(NAMES), "description": draw(TEXTS)} for i in own],
        "ladders": ladders,
        "roles": roles,
        "role_levels": [
            {"role": role, "level": level, "focus": draw(TEXTS), "stack": draw(st.lists(TEXTS))}
            for role, levels in [(role, levels) for role, levels in climbed if levels]
            for level in draw(st.lists(st.sampled_from(levels), unique=True, max_size=1))
        ],
        "definitions": [
            {"skill": s, "step": step, "description": draw(TEXTS)}
            for s, known in steps.items()
            if known
            for step in draw(st.lists(st.sampled_from(known), unique=True, max_size=2))
        ],
        "expectations": [_v2_expectation(draw, cell, steps[cell[0]]) for cell in chosen],
    }
