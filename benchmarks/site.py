"""The static site: build time, pages per second, size, search index, memory, page weight.

    python benchmarks/site.py                 # bundled, 60 × 5 page weight, ESCO-sized
    python benchmarks/site.py --no-esco       # without the ESCO-sized build (~minutes)

Three measures, each in a fresh child process so that peak memory is its own:

- the bundled framework's site in every locale (en, de, es), with its search index;
- an ESCO-sized synthetic framework (14,000 skills, 3,000 roles, 120,000 expectations:
  40 skills per role, one level, six in ten essential, as ESCO's occupations hold their
  skills) in one locale: build time without and with the Pagefind index, pages per
  second, size on disk, peak memory (this process and Pagefind's);
- page weight: a skill page and a role page of a framework of 60 skills × 5 levels
  (300-character descriptions, three roles), HTML + CSS + JS as transferred, before
  compression; the target is at most 100 KB each.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import _sentence  # the shared vocabulary of descriptions

from skilltaxonomy import build_site, load, loads


def esco_sized(skills: int = 14_000, roles: int = 3_000, per_role: int = 40) -> dict[str, Any]:
    """An ESCO-shaped framework: occupations holding essential and optional skills."""
    rng = random.Random(0)
    return {
        "format": "skilltaxonomy/2",
        "name": "ESCO-sized synthetic framework",
        "language": "en",
        "domains": [{"id": f"d{d}", "name": f"Domain {d}"} for d in range(40)],
        "skills": [
            {
                "id": f"skill-{s}",
                "name": f"Skill {s} {_sentence(rng, 12)[:-1]}",
                "domain": f"d{s % 40}",
                "category": f"Group {s % 300}",
                "summary": _sentence(rng, 120),
            }
            for s in range(skills)
        ],
        "roles": [
            {"id": f"occupation-{r}", "name": f"Occupation {r}", "family": f"Major group {r % 10}"}
            for r in range(roles)
        ],
        "levels": [{"id": "occupation", "name": "Occupation"}],
        "expectations": [
            {
                "skill": f"skill-{s}",
                "role": f"occupation-{r}",
                "level": "occupation",
                "mandatory": rng.random() < 0.6,
            }
            for r in range(roles)
            for s in rng.sample(range(skills), per_role)
        ],
    }


def sixty_by_five() -> dict[str, Any]:
    """Three roles of 60 skills on five levels, 300-character descriptions."""
    rng = random.Random(1)
    levels = ["junior", "middle", "senior", "lead", "principal"]
    return {
        "format": "skilltaxonomy/2",
        "name": "Sixty by five",
        "domains": [{"id": "eng", "name": "Engineering"}],
        "skills": [
            {"id": f"s{s}", "name": f"Skill {s}", "domain": "eng", "category": f"Group {s % 6}"}
            for s in range(60)
        ],
        "roles": [{"id": f"r{r}", "name": f"Role {r}"} for r in range(3)],
        "levels": [{"id": level, "name": level.title()} for level in levels],
        "expectations": [
            {
                "skill": f"s{s}",
                "role": f"r{r}",
                "level": level,
                "mandatory": rng.random() < 0.3,
                "description": _sentence(rng, 300),
            }
            for r in range(3)
            for s in range(60)
            for level in levels
        ],
    }


def _size(directory: Path) -> int:
    return sum(path.stat().st_size for path in directory.rglob("*") if path.is_file())


def _child(kind: str, search: bool) -> dict[str, Any]:
    """Run one build in a child process; what it measured."""
    result = subprocess.run(
        [sys.executable, __file__, "--child", kind, *([] if search else ["--no-search-child"])],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _build(kind: str, search: bool) -> None:
    if kind == "bundled":
        taxonomy, locales = load(), None
    else:
        taxonomy, locales = loads(json.dumps(esco_sized())), ["en"]
    with tempfile.TemporaryDirectory() as work:
        start = time.perf_counter()
        site = build_site(taxonomy, Path(work) / "site", locales=locales, search=search)
        seconds = time.perf_counter() - start
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            json.dumps(
                {
                    "pages": site.pages,
                    "files": len(site.files),
                    "seconds": seconds,
                    "bytes": _size(site.directory),
                    "index_bytes": _size(site.directory / "pagefind") if search else 0,
                    "peak_mib": own,
                    "pagefind_peak_mib": children,
                }
            )
        )


def _weight() -> None:
    with tempfile.TemporaryDirectory() as work:
        site = build_site(loads(json.dumps(sixty_by_five())), Path(work) / "s", locales=["en"])
        static = sum(
            (site.directory / "static" / name).stat().st_size for name in ("site.css", "site.js")
        )
        for label, page in (
            ("role page (60 skills × 5 levels)", "en/roles/r0/index.html"),
            ("skill page (3 roles × 5 levels)", "en/skills/s0/index.html"),
        ):
            html = (site.directory / page).stat().st_size
            total = html + static
            print(
                f"| {label} | {html / 1024:.1f} KB | {static / 1024:.1f} KB | {total / 1024:.1f} KB |"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-esco", action="store_true")
    parser.add_argument("--child", choices=("bundled", "esco"))
    parser.add_argument("--no-search-child", action="store_true")
    args = parser.parse_args()
    if args.child:
        _build(args.child, not args.no_search_child)
        return
    print("| page | HTML | CSS + JS | total |\n|---|---|---|---|")
    _weight()
    print()
    print(
        "| site | search | pages | files | build | pages/s | size | index | peak | Pagefind peak |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    runs = [("bundled", True)] + ([] if args.no_esco else [("esco", False), ("esco", True)])
    for kind, search in runs:
        found = _child(kind, search)
        print(
            f"| {kind} | {'yes' if search else 'no'} | {found['pages']:,} | {found['files']:,} "
            f"| {found['seconds']:.1f} s | {found['pages'] / found['seconds']:,.0f} "
            f"| {found['bytes'] / 2**20:.1f} MiB | {found['index_bytes'] / 2**20:.1f} MiB "
            f"| {found['peak_mib']:.0f} MiB | {found['pagefind_peak_mib']:.0f} MiB |",
            flush=True,
        )


if __name__ == "__main__":
    main()
