"""Rebuild the bundled framework from the copy of the source page.

    python scripts/build_bundled.py          # rewrite src/skilltaxonomy/data/…json
    python scripts/build_bundled.py --check  # exit 1 if the shipped file differs

The page (sources/skill-profile-deep-learning.txt) gives the domain, category, date,
counts, and one table per level with each role's description. What the page text does
not carry (ids, the level names between Junior and Principal, the Data Scientist role's
family) is written below as facts about the source site, each noted where it is used.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from skilltaxonomy import Domain, Expectation, Level, Role, Skill, Taxonomy, dumps

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sources" / "skill-profile-deep-learning.txt"
BUNDLED = ROOT / "src" / "skilltaxonomy" / "data" / "neural-network-architectures.json"

# Facts about the source site that the page text does not carry.
SKILL_ID = "neural-network-architectures"
SKILL_NAME = "Neural Network Architectures"
DOMAIN_ID = "machine-learning-ai"
ROLE_FACTS = {  # role name on the page → (id, family)
    "Data Scientist": ("data-scientist", "ML & AI Engineering"),
    "LLM Engineer": ("llm-engineer", ""),  # the site's family for this role is unknown
}
# The page shows five levels from Junior to Principal; the site's role pages name the
# middle three.
LEVELS = (
    ("junior", "Junior"),
    ("middle", "Middle"),
    ("senior", "Senior"),
    ("lead", "Lead / Staff"),
    ("principal", "Principal"),
)
NAME = "devlevel.app skills matrix: Neural Network Architectures"
VERSION = "2026-02-22 (skill profile page, es)"


class SeedError(ValueError):
    """The page does not say what this script expects it to say."""


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def build(page: str) -> Taxonomy:
    """Build the bundled framework from the text of the page, checking its own counts."""
    lines = [line.rstrip() for line in page.splitlines()]

    def after(label: str) -> str:
        return lines[lines.index(label) + 1]

    domain = Domain(DOMAIN_ID, after("Dominio"))
    roles_count, levels_count = int(after("Roles")), int(after("Niveles"))
    counts_at = lines.index("Requisitos obligatorios")
    mandatory_count = int(lines[counts_at + 1])
    optional_count = int(lines[counts_at + 2].split()[2])  # "los otros 10 opcionales"
    crumb = lines.index(domain.name, counts_at + 3)  # the breadcrumb: domain, category

    category = lines[crumb + 1]
    day, month, year = map(int, lines[crumb + 2].split("/"))
    skill = Skill(SKILL_ID, SKILL_NAME, domain, category, "", datetime.date(year, month, day))

    tables: list[list[list[str]]] = []
    for line in lines:
        if line.startswith("| Rol |"):
            tables.append([])
        elif line.startswith("|") and not line.startswith("|---"):
            tables[-1].append(_cells(line))
    levels = tuple(Level(id_, name, rank) for rank, (id_, name) in enumerate(LEVELS, start=1))
    if len(tables) != levels_count or len(levels) != levels_count:
        raise SeedError(f"the page counts {levels_count} levels and shows {len(tables)} tables")
    if f"desde {levels[0].name} hasta {levels[-1].name}." not in page:
        raise SeedError("the page's ladder does not run from Junior to Principal")

    roles: dict[str, Role] = {}
    expectations = []
    for level, rows in zip(levels, tables, strict=True):
        for row in rows:
            # The page's rows are shifted: the description sits under "Obligatorio" and
            # the flag cell, empty or missing, under "Descripción". Empty means optional.
            name, description, *flag = row
            if any(flag):
                raise SeedError(f"unexpected flag {flag!r} for {name} at {level.name}")
            role_id, family = ROLE_FACTS[name]
            role = roles.setdefault(name, Role(role_id, name, family, ""))
            expectations.append(Expectation(skill, role, level, False, description))
    mandatory = sum(e.mandatory for e in expectations)
    if (len(roles), mandatory, len(expectations) - mandatory) != (
        roles_count,
        mandatory_count,
        optional_count,
    ):
        raise SeedError("the page's counts of roles and items do not match its tables")
    return Taxonomy(
        name=NAME,
        version=VERSION,
        language="en",
        domains=[domain],
        skills=[skill],
        roles=list(roles.values()),
        levels=levels,
        expectations=expectations,
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
