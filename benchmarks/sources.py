"""Measure the readers of real sources against reading the same files with the stdlib.

    python benchmarks/sources.py            # ESCO-sized and a 10,000-item CASE package
    python benchmarks/sources.py --cpu      # the same, timed by CPU time (a busy machine)
    python benchmarks/sources.py --esco     # ESCO alone (with --cpu too)
    python benchmarks/sources.py --case     # CASE alone (with --cpu too)

The inputs are generated here (deterministic, no network): an ESCO-sized CSV download
(14,000 skills, 3,000 occupations, 125,000 relations, one language) and a CASE package
of 10,000 items laid out as other tools publish them (a tree of standards). Each reader
is timed against the floor of the same bytes read with the standard library's `csv` or
`json` alone (nothing built), best of several interleaved rounds; the peak memory of
each, with tracemalloc, in the same run. Ratios only: the machine is shared and noisy.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import random
import sys
import time
import tracemalloc
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import table

import skilltaxonomy

B = "http://data.europa.eu/esco/bench"


def _csv_text(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def esco_download(
    skills: int = 14_000, occupations: int = 3_000, relations: int = 125_000
) -> bytes:
    rng = random.Random(7)
    words = [
        "data",
        "model",
        "plan",
        "report",
        "design",
        "test",
        "teach",
        "repair",
        "sell",
        "build",
    ]

    def label(n: int) -> str:
        return " ".join(rng.choice(words) for _ in range(3)) + f" {n}"

    groups = [f"{B}/group/{n}" for n in range(40)]
    files = {
        "skillGroups_en.csv": _csv_text(
            ["conceptType", "conceptUri", "preferredLabel", "description"],
            [["SkillGroup", g, label(n), ""] for n, g in enumerate(groups)],
        ),
        "skills_en.csv": _csv_text(
            [
                "conceptType",
                "conceptUri",
                "skillType",
                "reuseLevel",
                "preferredLabel",
                "altLabels",
                "description",
            ],
            [
                [
                    "KnowledgeSkillCompetence",
                    f"{B}/skill/{n}",
                    "skill/competence",
                    "cross-sector",
                    label(n),
                    f"{label(n)}\n{label(n)}",
                    "A description of the skill. " * 6,
                ]
                for n in range(skills)
            ],
        ),
        "occupations_en.csv": _csv_text(
            [
                "conceptType",
                "conceptUri",
                "iscoGroup",
                "preferredLabel",
                "altLabels",
                "description",
                "code",
            ],
            [
                [
                    "Occupation",
                    f"{B}/occupation/{n}",
                    "2511",
                    label(n),
                    "",
                    "What the job is. " * 8,
                    f"2511.{n}",
                ]
                for n in range(occupations)
            ],
        ),
        "broaderRelationsSkillPillar_en.csv": _csv_text(
            ["conceptType", "conceptUri", "broaderType", "broaderUri"],
            [["SkillGroup", g, "SkillGroup", groups[0]] for g in groups[1:]]
            + [
                ["KnowledgeSkillCompetence", f"{B}/skill/{n}", "SkillGroup", rng.choice(groups)]
                for n in range(skills)
            ],
        ),
        "occupationSkillRelations_en.csv": _csv_text(
            ["occupationUri", "relationType", "skillType", "skillUri"],
            [
                [
                    f"{B}/occupation/{n % occupations}",
                    rng.choice(["essential", "optional"]),
                    "skill/competence",
                    # Each occupation's skills spread over the pillar, no pair twice.
                    f"{B}/skill/{(n % occupations * 7919 + n // occupations) % skills}",
                ]
                for n in range(relations)
            ],
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def case_package(items: int = 10_000) -> bytes:
    """A tree of standards: 20 top items, 200 clusters, the rest leaves, as tools publish."""
    ns = uuid.UUID("0f7c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b")
    document = str(uuid.uuid5(ns, "doc"))
    stamp = "2025-01-01T00:00:00+00:00"
    made, links = [], []

    def item(n: int, parent: str, statement: str) -> str:
        identifier = str(uuid.uuid5(ns, str(n)))
        made.append(
            {
                "identifier": identifier,
                "uri": f"urn:uuid:{identifier}",
                "fullStatement": statement,
                "humanCodingScheme": f"S.{n}",
                "CFItemType": "Standard",
                "lastChangeDateTime": stamp,
                "educationLevel": ["09", "10"],
            }
        )
        links.append(
            {
                "identifier": str(uuid.uuid5(ns, f"a{n}")),
                "uri": f"urn:uuid:a{n}",
                "associationType": "isChildOf",
                "originNodeURI": {
                    "identifier": identifier,
                    "uri": f"urn:uuid:{identifier}",
                    "title": statement[:20],
                },
                "destinationNodeURI": {
                    "identifier": parent,
                    "uri": f"urn:uuid:{parent}",
                    "title": "p",
                },
                "sequenceNumber": n,
                "lastChangeDateTime": stamp,
            }
        )
        return identifier

    tops = [item(n, document, f"Strand {n}") for n in range(20)]
    clusters = [item(20 + n, tops[n % 20], f"Cluster {n}") for n in range(200)]
    for n in range(220, items):
        item(
            n,
            clusters[n % 200],
            f"Students describe and explain item {n} with evidence from a text.",
        )
    package = {
        "CFDocument": {
            "identifier": document,
            "uri": f"urn:uuid:{document}",
            "creator": "bench",
            "title": "Bench standards",
            "lastChangeDateTime": stamp,
        },
        "CFItems": made,
        "CFAssociations": links,
    }
    return json.dumps(package).encode("utf-8")


def _stdlib_csv(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            with archive.open(name) as raw:
                for _ in csv.reader(io.TextIOWrapper(raw, encoding="utf-8")):
                    pass


# Wall-clock time, or with --cpu the process's CPU time: on a machine other sessions
# share, it is far less swayed by them (the same code measured 5-9x by the clock
# measured 6.1-6.2x by CPU time in one afternoon).
CLOCK = time.process_time if "--cpu" in sys.argv else time.perf_counter


def _best(action: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        gc.collect()
        start = CLOCK()
        action()
        best = min(best, CLOCK() - start)
    return best


def _peak(action: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main(rounds: int = 5) -> None:
    esco = esco_download()
    case = case_package()
    cases = [
        (
            "ESCO-sized (14k skills, 3k occupations, 125k relations)",
            esco,
            lambda: skilltaxonomy.loads(esco, format="esco"),
            lambda: _stdlib_csv(esco),
            "csv.reader",
        ),
        (
            "CASE, 10,000 items (a tree of standards)",
            case,
            lambda: skilltaxonomy.loads(case, format="case"),
            lambda: json.loads(case),
            "json.loads",
        ),
    ]
    if "--esco" in sys.argv:
        cases = cases[:1]
    elif "--case" in sys.argv:
        cases = cases[1:]
    rows = []
    for label, data, read, floor, floor_name in cases:
        best_read = best_floor = float("inf")
        for _ in range(rounds):  # interleaved, so the machine's swings fall on both
            best_read = min(best_read, _best(read, 1))
            best_floor = min(best_floor, _best(floor, 1))
        rows.append(
            [
                label,
                f"{len(data) / 2**20:.1f} MB",
                floor_name,
                f"{best_floor * 1e3:.0f} ms",
                f"{best_read * 1e3:.0f} ms",
                f"{best_read / best_floor:.2f}",
                f"{_peak(read):.0f} MiB",
                f"{_peak(floor):.0f} MiB",
            ]
        )
    table(
        [
            f"source (best of {rounds}, interleaved, {'CPU' if CLOCK is time.process_time else 'wall'} time)",
            "input",
            "stdlib floor",
            "floor",
            "loads",
            "loads ÷ floor",
            "peak, loads",
            "peak, floor",
        ],
        rows,
    )


if __name__ == "__main__":
    main()
