"""Did-you-mean suggestions for lookups and references."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def close_matches(word: str, candidates: Iterable[str], limit: int = 3) -> tuple[str, ...]:
    """Return up to `limit` of `candidates` that look like `word`, best first.

    Candidates that contain `word` come first (a prefix typed from memory), then those
    `difflib` finds similar (typos), all compared case-insensitively.

    >>> close_matches("seniour", ["junior", "senior", "lead"])
    ('senior', 'junior')
    >>> close_matches("neural", ["neural-network-architectures", "data-scientist"])
    ('neural-network-architectures',)
    """
    by_folded: dict[str, str] = {}
    for candidate in candidates:
        by_folded.setdefault(candidate.casefold(), candidate)
    folded = word.casefold()
    found = [key for key in by_folded if folded and folded in key]
    found += difflib.get_close_matches(folded, by_folded, n=limit, cutoff=0.6)
    return tuple(by_folded[key] for key in dict.fromkeys(found))[:limit]
