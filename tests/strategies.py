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
