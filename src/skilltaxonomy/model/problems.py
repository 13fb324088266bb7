"""The wording of integrity problems, for the model and for every reader.

The model finds these problems in a framework built in code; readers find them in a
file, at their place. Both say them in the same words, from here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection, Hashable, Iterable

from skilltaxonomy._text import close_matches, id_key, show
from skilltaxonomy.exceptions import Problem


def duplicate_problems(
    keys: Iterable[Hashable], path: Callable[[int], str], what: Callable[[Hashable], str]
) -> list[Problem]:
    """Report every key that repeats an earlier one, pointing at both places."""
    first: dict[Hashable, int] = {}
    problems = []
    for index, key in enumerate(keys):
        earlier = first.setdefault(key, index)
        if earlier != index:
            problems.append(
                Problem(path(index), f"duplicate {what(key)} (first at {path(earlier)})")
            )
    return problems


def ids_collide(ids: Collection[str]) -> bool:
    """Whether two of `ids` are one id: equal, or equal but for case or normalisation."""
    # ASCII ids (most) fold by lower-casing: all folded at C speed.
    folded = map(str.lower, ids) if "".join(ids).isascii() else map(id_key, ids)
    return len(set(folded)) != len(ids)


def id_collision(kind: str, key: str, earlier: str, where: str) -> str:
    """The message for an id of `kind` that is the id `earlier`, given at `where`."""
    if key == earlier:
        return f"duplicate {kind} id {show(key)} (first at {where})"
    shown, shown_earlier = show(key), show(earlier)
    if unicodedata.normalize("NFC", shown) == unicodedata.normalize("NFC", shown_earlier):
        # The same to the eye: show the code points.
        shown, shown_earlier = ascii(key), ascii(earlier)
    return (
        f"{kind} id {shown} collides with {shown_earlier} at {where} "
        "(ids that differ only in case or Unicode normalisation are one id)"
    )


def duplicate_id_problems(kind: str, ids: Iterable[str]) -> list[Problem]:
    """Report ids repeated within one kind (``"skill"`` looks at ``$.skills``; see `id_key`)."""
    first: dict[str, tuple[int, str]] = {}
    problems = []
    for index, key in enumerate(ids):
        earlier, earlier_key = first.setdefault(id_key(key), (index, key))
        if earlier != index:
            message = id_collision(kind, key, earlier_key, f"$.{kind}s[{earlier}].id")
            problems.append(Problem(f"$.{kind}s[{index}].id", message))
    return problems


def _cell_shown(cell: Hashable) -> str:
    shown = map(show, cell) if isinstance(cell, tuple) else [show(cell)]
    return f"expectation for (skill, role, level) ({', '.join(shown)})"


def duplicate_cell_problems(cells: Iterable[tuple[str, str, str]]) -> list[Problem]:
    """Report a second expectation for the same (skill, role, level) ids."""
    return duplicate_problems(cells, lambda i: f"$.expectations[{i}]", _cell_shown)


def unknown_reference(kind: str, key: str, known: Iterable[str], where: str) -> str:
    """The message for a reference to an id that is not there, with suggestions."""
    hint = close_matches(key, known)
    if hint:
        return f"unknown {kind} {show(key)} (did you mean {' or '.join(map(show, hint))}?)"
    return f"unknown {kind} {show(key)} (expected the id of {where})"
