"""A deterministic generator of synthetic format v1 frameworks of any size.

python benchmarks/generate.py 100000 > big.json
"""

from __future__ import annotations

import json
import random
import sys
from typing import Any

WORDS = (
    "designs implements reviews architecture models data pipelines production latency "
    "evaluation training inference mentors team strategy research standards guidelines "
    "optimizes deploys monitors experiments features metrics scalable reliable secure "
    "documents coordinates stakeholders roadmap quality testing automation platform"
).split()
LEVELS = ("junior", "middle", "senior", "lead", "principal")


def _sentence(rng: random.Random, length: int) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS))
    return " ".join(words).capitalize() + "."


def generate(expectations: int, seed: int = 0) -> dict[str, Any]:
    """A valid document with about `expectations` expectations (~300-character descriptions).

    Skills appear in several roles; one role in four has a sparse ladder (three levels).
    """
    rng = random.Random(seed)
    skills_count = max(1, expectations // 40)
    roles_count = max(2, min(3000, expectations // 200))
    domains_count = max(1, skills_count // 50)
    document: dict[str, Any] = {
        "format": "skilltaxonomy/1",
        "name": f"Synthetic framework of {expectations} expectations",
        "version": str(seed),
        "language": "en",
        "domains": [{"id": f"domain-{d}", "name": f"Domain {d}"} for d in range(domains_count)],
        "skills": [
            {
                "id": f"skill-{s}",
                "name": f"Skill {s} {rng.choice(WORDS)}",
                "domain": f"domain-{s % domains_count}",
                "category": f"Category {s % 97}",
                "summary": _sentence(rng, 80),
                "updated": "2026-02-22",
            }
            for s in range(skills_count)
        ],
        "roles": [
            {"id": f"role-{r}", "name": f"Role {r}", "family": f"Family {r % 13}", "summary": ""}
            for r in range(roles_count)
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
                    "skill": f"skill-{skill}",
                    "role": f"role-{role}",
                    "level": level,
                    "mandatory": rng.random() < 0.3,
                    "description": _sentence(rng, 300),
                }
            )
    return document


if __name__ == "__main__":
    json.dump(generate(int(sys.argv[1])), sys.stdout)
