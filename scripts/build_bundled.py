"""Rebuild the bundled framework from the copy of the source page.

    python scripts/build_bundled.py          # rewrite src/skilltaxonomy/data/…json
    python scripts/build_bundled.py --check  # exit 1 if the shipped file differs

The page (sources/skill-profile-deep-learning.txt) is read by the library's own page
reader (format `page`), which checks the page's counts against its
tables. What the page text does not carry (ids, the level names between Junior and
Principal, the Data Scientist role's family) is written below as facts about the source
site, each noted where it is used.
"""

from __future__ import annotations

import sys
from pathlib import Path

from skilltaxonomy import (
    Level,
    Role,
    Taxonomy,
    dumps,
    loads,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sources" / "skill-profile-deep-learning.txt"
BUNDLED = ROOT / "src" / "skilltaxonomy" / "data" / "neural-network-architectures.json"

# Facts about the source site that the page text does not carry.
SKILL_ID = "neural-network-architectures"
SKILL_NAME = "Neural Network Architectures"
DOMAIN_ID = "machine-learning-ai"
ROLES = (
    Role("data-scientist", "Data Scientist", "ML & AI Engineering"),
    Role("llm-engineer", "LLM Engineer"),  # the site's family for this role is unknown
)
# The page shows five levels from Junior to Principal; the site's role pages name the
# middle three.
LEVELS = (
    Level("junior", "Junior", 1),
    Level("middle", "Middle", 2),
    Level("senior", "Senior", 3),
    Level("lead", "Lead / Staff", 4),
    Level("principal", "Principal", 5),
)
NAME = "devlevel.app skills matrix: Neural Network Architectures"
VERSION = "2026-02-22 (skill profile page, es)"


def build(page: str) -> Taxonomy:
    """Read the page with the library's page reader, adding the facts it does not carry."""
    return loads(
        page,
        format="page",
        skill_id=SKILL_ID,
        skill_name=SKILL_NAME,
        levels=LEVELS,
        roles=ROLES,
        domain_id=DOMAIN_ID,
        name=NAME,
        version=VERSION,
        language="en",
        source=str(SEED.relative_to(ROOT)),
    )


def main(argv: list[str]) -> int:
    text = dumps(build(SEED.read_text(encoding="utf-8")))
    if "--check" in argv:
        if BUNDLED.read_text(encoding="utf-8") != text:
            print(f"{BUNDLED} differs from what {SEED.name} builds", file=sys.stderr)
            return 1
        return 0
    BUNDLED.write_text(text, encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
