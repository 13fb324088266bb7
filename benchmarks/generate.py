"""A deterministic generator of synthetic format v1 frameworks of any size.

python benchmarks/generate.py 100000 > big.json

Descriptions are ~300 characters drawn from a vocabulary with a long tail (a few words
in most descriptions, thousands of rarer ones), as real text is; names and ids read
like real ones; skills appear in several roles; one role in four has a sparse ladder.
"""

from __future__ import annotations

import itertools
import json
import random
import sys
from typing import Any

#: Words found in most descriptions.
COMMON = (
    "designs implements reviews architecture models data pipelines production latency "
    "evaluation training inference mentors team strategy research standards guidelines "
    "optimizes deploys monitors experiments features metrics scalable reliable secure "
    "documents coordinates stakeholders roadmap quality testing automation platform"
).split()
_SYLLABLES = "ka lo mi ne ru sa te vo zi da fe gu hi jo pe qua re si tu".split()
#: A long tail of rarer words, made of syllables.
RARE = [
    "".join(parts)
    for parts in itertools.islice(itertools.product(_SYLLABLES, repeat=3), 0, None, 2)
]
VOCABULARY = COMMON + RARE
# Zipf's law: the word of rank r is used in proportion to 1/r.
_WEIGHTS = list(itertools.accumulate(1 / rank for rank in range(1, len(VOCABULARY) + 1)))
LEVELS = ("junior", "middle", "senior", "lead", "principal")


def _sentence(rng: random.Random, length: int) -> str:
    words: list[str] = []
    size = 0
    while size < length:
        (word,) = rng.choices(VOCABULARY, cum_weights=_WEIGHTS)
        words.append(word)
        size += len(word) + 1
    return " ".join(words).capitalize() + "."


def _named(rng: random.Random, index: int, words: int) -> tuple[str, str]:
    """A name like "Scalable Pipelines Kalomi 12" and its id "scalable-pipelines-kalomi-12"."""
    chosen = [rng.choice(VOCABULARY) for _ in range(words)]
    return "-".join([*chosen, str(index)]), " ".join([*(w.title() for w in chosen), str(index)])


def generate(expectations: int, seed: int = 0) -> dict[str, Any]:
    """A valid document with `expectations` expectations (~300-character descriptions)."""
    rng = random.Random(seed)
    skills_count = max(1, expectations // 40)
    roles_count = max(2, min(3000, expectations // 200))
    domains_count = max(1, skills_count // 50)
    skills = [_named(rng, s, 2) for s in range(skills_count)]
    roles = [_named(rng, r, 1) for r in range(roles_count)]
    document: dict[str, Any] = {
        "format": "skilltaxonomy/1",
        "name": f"Synthetic framework of {expectations} expectations",
        "version": str(seed),
        "language": "en",
        "domains": [{"id": f"domain-{d}", "name": f"Domain {d}"} for d in range(domains_count)],
        "skills": [
            {
                "id": key,
                "name": name,
                "domain": f"domain-{s % domains_count}",
                "category": f"Category {s % 97}",
                "summary": _sentence(rng, 80),
                "updated": "2026-02-22",
            }
            for s, (key, name) in enumerate(skills)
        ],
        "roles": [
            {"id": key, "name": name, "family": f"Family {r % 13}", "summary": ""}
            for r, (key, name) in enumerate(roles)
        ],
        "levels": [{"id": level, "name": level.title()} for level in LEVELS],
        "expectations": [],
    }
    cells = document["expectations"]
    seen: set[tuple[int, int]] = set()
    while len(cells) < expectations:
        skill, role = rng.randrange(skills_count), rng.randrange(roles_count)
        if (skill, role) in seen:
            continue
        seen.add((skill, role))
        ladder = LEVELS if role % 4 else LEVELS[::2]
        for level in ladder[: expectations - len(cells)]:
            cells.append(
                {
                    "skill": skills[skill][0],
                    "role": roles[role][0],
                    "level": level,
                    "mandatory": rng.random() < 0.3,
                    "description": _sentence(rng, 300),
                }
            )
    return document


if __name__ == "__main__":
    json.dump(generate(int(sys.argv[1])), sys.stdout)
