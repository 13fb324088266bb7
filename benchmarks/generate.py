"""A deterministic generator of synthetic frameworks of any size, in format v1 or v2.

python benchmarks/generate.py 100000 > big.json
python benchmarks/generate.py 100000 rich > big-v2.json   # scales, ladders, extras

Descriptions are ~300 characters drawn from a vocabulary with a long tail (a few words
in most descriptions, thousands of rarer ones), as real text is; names and ids read
like real ones; skills appear in several roles; one role in four has a sparse ladder.
"""

from __future__ import annotations

import itertools
import json
import random
import sys
from collections.abc import Callable
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


def generate(
    expectations: int,
    seed: int = 0,
    *,
    text: Callable[[random.Random, int], str] = _sentence,
) -> dict[str, Any]:
    """A valid document with `expectations` expectations (~300-character descriptions).

    `text` makes each description and summary of about the length it is given
    (`realtext.paragraph` makes real-looking ones).
    """
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
                "summary": text(rng, 80),
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
                    "description": text(rng, 300),
                }
            )
    return document


def as_v2(document: dict[str, Any], *, rich: bool) -> dict[str, Any]:
    """`document` (from `generate`) as format v2: the same keys, or with v2's structures.

    Rich: a four-step scale named by every expectation's step; two ladders that the
    roles alternate between (their levels prefixed by the ladder), one role in three
    starting at its second level; extras on every skill and on one expectation in three,
    criteria on one in four, and the requirement unstated in one in five.
    """
    made = json.loads(json.dumps(document))
    made["format"] = "skilltaxonomy/2"
    if not rich:
        return made
    rng = random.Random(1)
    steps = [("awareness", "A"), ("working", "W"), ("advanced", "V"), ("expert", "E")]
    made["scales"] = [
        {
            "id": "proficiency",
            "name": "Proficiency",
            "steps": [{"id": key, "name": key.title(), "code": code} for key, code in steps],
        }
    ]
    ladders = ("ic", "mgmt")
    made["ladders"] = [
        {
            "id": ladder,
            "name": ladder.upper(),
            "levels": [{"id": f"{ladder}-{lv}", "name": f"{ladder} {lv}"} for lv in LEVELS],
        }
        for ladder in ladders
    ]
    made["levels"] = []
    ladder_of = {}
    for number, role in enumerate(made["roles"]):
        role["ladder"] = ladder_of[role["id"]] = ladders[number % 2]
    for skill in made["skills"]:
        skill["extras"] = {"bench:tools": ["Python", "SQL"], "bench:code": skill["id"][:6]}
    for number, e in enumerate(made["expectations"]):
        e["level"] = f"{ladder_of[e['role']]}-{e['level']}"
        e["step"] = steps[LEVELS.index(e["level"].split("-", 1)[1]) % 4][1]
        if number % 3 == 0:
            e["extras"] = {"bench:points": rng.randrange(1, 8)}
        if number % 4 == 0:
            e["criteria"] = [_sentence(rng, 60), _sentence(rng, 60)]
        if number % 5 == 0:
            del e["mandatory"]
    return made


if __name__ == "__main__":
    generated = generate(int(sys.argv[1]))
    if sys.argv[2:] in (["plain"], ["rich"]):
        generated = as_v2(generated, rich=sys.argv[2] == "rich")
    json.dump(generated, sys.stdout)
