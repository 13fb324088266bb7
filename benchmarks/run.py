"""Measure skilltaxonomy against the JSON parse floor, side by side, in one run.

    python benchmarks/run.py            # bundled, 10k and 100k expectations
    python benchmarks/run.py 1000000    # add sizes

Each figure is the median of several runs; ratios are taken within this run, so they
hold on a shared, noisy machine where absolute times do not.
"""

from __future__ import annotations

import gc
import json
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

import skilltaxonomy

try:
    import orjson
except ImportError:  # orjson is optional: the ratios use json.loads then
    orjson = None


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def retained_mib(action: Callable[[], object]) -> tuple[float, float]:
    gc.collect()
    tracemalloc.start()
    kept = action()
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept
    return retained / 2**20, peak / 2**20


def main(sizes: list[int]) -> None:
    bundled = skilltaxonomy.dumps(skilltaxonomy.load()).encode()
    inputs = [("bundled", bundled)] + [(f"{n:,}", json.dumps(generate(n)).encode()) for n in sizes]
    floor_name = "orjson.loads" if orjson else "json.loads"
    floor = orjson.loads if orjson else json.loads
    print(
        f"| size | MB | {floor_name} | loads | loads ÷ floor | dumps ÷ floor | retained MiB | peak MiB |"
    )
    print("|---|---|---|---|---|---|---|---|")
    query_rows = []
    for name, data in inputs:
        runs = 15 if len(data) < 1_000_000 else 5
        parse = median_seconds(lambda data=data: floor(data), runs)
        load = median_seconds(lambda data=data: skilltaxonomy.loads(data), runs)
        taxonomy = skilltaxonomy.loads(data)
        dump = median_seconds(lambda taxonomy=taxonomy: skilltaxonomy.dumps(taxonomy), runs)
        retained, peak = retained_mib(lambda data=data: skilltaxonomy.loads(data))
        print(
            f"| {name} | {len(data) / 1e6:.1f} | {parse * 1e3:.1f} ms | {load * 1e3:.1f} ms | "
            f"{load / parse:.1f} | {dump / parse:.1f} | {retained:.1f} | {peak:.1f} |"
        )
        query_rows.append((name, queries(taxonomy)))
    labels = list(query_rows[0][1])
    print(f"\n| size (µs, median) | {' | '.join(labels)} |")
    print("|---" * (len(labels) + 1) + "|")
    for name, timings in query_rows:
        print(f"| {name} | {' | '.join(f'{timings[label]:.1f}' for label in labels)} |")


def startup() -> None:
    """Wall time of a fresh interpreter importing the library and loading the bundled data."""
    commands = {
        "python -c pass": "pass",
        "import attrs, cattrs": "import attrs, cattrs",
        "import skilltaxonomy; load()": "import skilltaxonomy; skilltaxonomy.load()",
    }
    timings = {
        label: median_seconds(
            lambda code=code: subprocess.run([sys.executable, "-c", code], check=True), 11
        )
        for label, code in commands.items()
    }
    base = timings["import attrs, cattrs"]
    print("\n| start-up (median of 11) | ms | ÷ import attrs, cattrs |\n|---|---|---|")
    for label, seconds in timings.items():
        print(f"| `{label}` | {seconds * 1e3:.0f} | {seconds / base:.2f} |")


def queries(taxonomy: skilltaxonomy.Taxonomy) -> dict[str, float]:
    """Median microseconds of each query on a skill in the middle of the framework."""
    skill = taxonomy.skills()[len(taxonomy.skills()) // 2]
    role = taxonomy.roles(skill=skill)[0]
    checks = {
        "skill(id)": lambda: taxonomy.skill(skill.id),
        "expectation(s, r, l)": lambda: taxonomy.expectation(skill, role, 1, None),
        "expectations(role=)": lambda: taxonomy.expectations(role=role),
        "progression": lambda: taxonomy.progression(skill, role),
        "compare": lambda: taxonomy.compare(skill, role, 1),
        "profile": lambda: taxonomy.profile(skill),
        "search": lambda: taxonomy.search("latency mentors"),
    }
    return {
        label: median_seconds(action, 5 if label == "search" else 2001) * 1e6
        for label, action in checks.items()
    }


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [10_000, 100_000])
    startup()
