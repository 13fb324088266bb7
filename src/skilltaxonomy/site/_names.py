"""File names from ids: an id that is a safe path segment is its own name, others a slug.

A framework's ids may hold slashes, dots, spaces, letters of any script or names a file
system reserves; a page's URL must still be one safe, stable segment. Safe ids keep
their name (so URLs read like the ids); the rest get their ASCII slug and a hash of the
id, longer where two would collide (case-insensitively, as some file systems compare).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping

from skilltaxonomy._text import slug

_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
# Names Windows reserves whatever the suffix, and the names the site gives its own files.
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", "index", "assess", "job", "static", "pagefind", "search"]
    + [f"com{n}" for n in range(10)]
    + [f"lpt{n}" for n in range(10)]
)


def _hashed(key: str, length: int) -> str:
    head = re.sub(r"[^a-z0-9]+", "-", slug(key).encode("ascii", "ignore").decode().lower())
    head = head.strip("-")[:40].strip("-")
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:length]
    return f"{head}-{digest}" if head else f"id-{digest}"


def safe_names(ids: Iterable[str]) -> Mapping[str, str]:
    """A unique, safe, stable path segment for each id.

    >>> names = safe_names(["python", "a/b", "Data Science", "../x", "con"])
    >>> names["python"], names["a/b"], names["Data Science"]
    ('python', 'a-b-c14cddc033', 'data-science-f25168f39a')
    >>> names["../x"], names["con"]
    ('x-d6b96a97d1', 'con-1143da2bc5')

    An id that is already another's hashed name keeps it; the other gets a longer hash:

    >>> safe_names(["a/b", "a-b-c14cddc033"])["a/b"]
    'a-b-c14cddc033f6'
    """
    given = list(dict.fromkeys(ids))
    names: dict[str, str] = {}
    taken: set[str] = set()
    for key in given:
        if _SAFE.fullmatch(key) and key.lower() not in _RESERVED:
            names[key] = key
            taken.add(key.lower())
    for key in given:
        if key in names:
            continue
        length = 10
        name = _hashed(key, length)
        while name.lower() in taken:
            length += 2
            name = _hashed(key, length)
        names[key] = name
        taken.add(name.lower())
    return names
