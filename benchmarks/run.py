"""Measure skilltaxonomy side by side with the parse floor, pydantic and msgspec.

    python -m pip install -e '.[bench]'
    python benchmarks/run.py                  # bundled, 10k and 100k expectations
    python benchmarks/run.py 100000 1000000   # choose the sizes
    python benchmarks/run.py --v2 10000       # only format v2 against v1
    python benchmarks/run.py --real           # only real text, ESCO-sized (98,681 expectations)
    python benchmarks/run.py --startup        # only start-up, in fresh interpreters

Every figure is a median of several runs, and every ratio is taken within one run,
since this machine is shared and noisy. Memory and start-up are measured in fresh
interpreters. Prints Markdown tables, the ones benchmarks/README.md keeps.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import orjson
from comparators import msgspec_loads, pydantic_loads
from generate import RARE, as_v2, generate
from realtext import ESCO_EXPECTATIONS, generate_real

import skilltaxonomy
from skilltaxonomy.formats import json as _format

# Start-up is measured as an installed package runs: with its bytecode cached.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def table(header: list[str], rows: list[list[str]]) -> None:
    print("\n| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")


def startup() -> None:
    """Fresh interpreters: import and the first load of the bundled framework."""
    commands = {
        "python -c pass": "pass",
        "import attrs, cattrs": "import attrs, cattrs",
        "import msgspec": "import msgspec",
        "import skilltaxonomy": "import skilltaxonomy",
        "import skilltaxonomy; load()": "import skilltaxonomy; skilltaxonomy.load()",
    }

    def run(code: str) -> None:
        subprocess.run([sys.executable, "-c", code], check=True, env=ENV)

    for code in commands.values():
        run(code)  # writes the bytecode caches
    timings = {
        label: median_seconds(lambda code=code: run(code), 21) for label, code in commands.items()
    }
    base = timings["import attrs, cattrs"]
    table(
        ["start-up, fresh interpreter (median of 21)", "ms", "÷ import attrs, cattrs"],
        [[f"`{label}`", f"{s * 1e3:.0f}", f"{s / base:.2f}"] for label, s in timings.items()],
    )
    first = subprocess.run(
        [sys.executable, "-c", FIRST_LOAD], check=True, env=ENV, capture_output=True, text=True
    ).stdout.split()
    print(
        f"\nFirst `load()` of the bundled framework, after the import: {first[0]} ms "
        f"(the second: {first[1]} ms, the same object)."
    )


FIRST_LOAD = """
import time, skilltaxonomy
start = time.perf_counter(); skilltaxonomy.load(); first = time.perf_counter() - start
start = time.perf_counter(); skilltaxonomy.load(); second = time.perf_counter() - start
print(f"{first * 1e3:.2f} {second * 1e3:.4f}")
"""

MEMORY = """
import sys, gc, tracemalloc
sys.path.insert(0, {here!r})
data = open({path!r}, "rb").read()
which = {which!r}
if which == "skilltaxonomy":
    import skilltaxonomy
    load = skilltaxonomy.loads
elif which == "msgspec":
    from comparators import msgspec_loads as load
else:
    from comparators import pydantic_loads as load
load({small!r}.encode())  # imports and caches, so that only the data is counted
gc.collect()
def rss(field):
    # VmHWM, unlike ru_maxrss, starts afresh at exec: the parent's size is not counted.
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
if {traced!r}:
    tracemalloc.start()
    kept = load(data)
    gc.collect()
    print(tracemalloc.get_traced_memory()[0])
else:
    before = rss("VmHWM")
    kept = load(data)
    print(rss("VmHWM") - before)
"""


def memory(path: Path, which: str, traced: bool) -> float:
    """MiB: retained after loading (tracemalloc), or the high-water mark while loading (RSS)."""
    small = skilltaxonomy.dumps(skilltaxonomy.load())
    code = MEMORY.format(here=str(HERE), path=str(path), which=which, traced=traced, small=small)
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, env=ENV, capture_output=True, text=True
    )
    return int(out.stdout) / 2**20


def loads_and_dumps(inputs: list[tuple[str, Path]]) -> dict[str, float]:
    rows, dump_rows, memory_rows = [], [], []
    load_times = {}
    for label, path in inputs:
        data = path.read_bytes()
        runs = 5 if len(data) < 100_000_000 else 3
        floor = median_seconds(lambda: orjson.loads(data), runs)
        timings = {
            "json.loads": median_seconds(lambda: json.loads(data), runs),
            "loads": median_seconds(lambda: skilltaxonomy.loads(data), runs),
            "loads, stdlib parser": median_seconds(
                lambda: _format.decode_text(data, loader="json"), runs
            ),
            "careful path": median_seconds(
                lambda: _format.decode_text(data, loader="careful"), runs
            ),
            "msgspec": median_seconds(lambda: msgspec_loads(data), runs),
            "pydantic": median_seconds(lambda: pydantic_loads(data), runs),
        }
        load_times[label] = timings["loads"]
        rows.append(
            [label, f"{len(data) / 1e6:.1f}", f"{floor * 1e3:.1f} ms"]
            + [f"{timings[k] / floor:.2f}" for k in timings]
            + [f"{timings['loads'] / timings['pydantic']:.2f}"]
        )
        taxonomy = skilltaxonomy.loads(data)
        plain = _format.encode(taxonomy)
        dump_floor = median_seconds(lambda: orjson.dumps(plain), runs)
        dump = median_seconds(lambda: skilltaxonomy.dumps(taxonomy), runs)
        dump_rows.append(
            [
                label,
                f"{dump_floor * 1e3:.1f} ms",
                f"{dump * 1e3:.1f} ms",
                f"{dump / dump_floor:.2f}",
            ]
        )
        mem = {
            which: (memory(path, which, True), memory(path, which, False))
            for which in ("skilltaxonomy", "msgspec", "pydantic")
        }
        ours, peak = mem["skilltaxonomy"]
        memory_rows.append(
            [
                label,
                f"{ours:.1f}",
                f"{mem['msgspec'][0]:.1f}",
                f"{mem['pydantic'][0]:.1f}",
                f"{ours / mem['msgspec'][0]:.2f}",
                f"{peak:.1f}",
                f"{peak / ours:.2f}",
                f"{mem['msgspec'][1]:.1f}",
                f"{mem['pydantic'][1]:.1f}",
            ]
        )

    table(
        [
            "loads (median)",
            "MB",
            "orjson.loads",
            "json.loads ÷ orjson",
            "loads ÷ orjson",
            "loads, stdlib parser ÷ orjson",
            "careful path ÷ orjson",
            "msgspec ÷ orjson",
            "pydantic ÷ orjson",
            "loads ÷ pydantic",
        ],
        rows,
    )
    table(
        ["dumps (median)", "orjson.dumps of plain data", "dumps", "dumps ÷ orjson.dumps"], dump_rows
    )
    table(
        [
            "memory, MiB",
            "retained",
            "msgspec retained",
            "pydantic retained",
            "retained ÷ msgspec",
            "peak while loading",
            "peak ÷ retained",
            "msgspec peak",
            "pydantic peak",
        ],
        memory_rows,
    )
    return load_times


def queries(inputs: list[tuple[str, Path]]) -> None:
    rows, first_rows = [], []
    labels: list[str] = []
    for label, path in inputs:
        taxonomy = skilltaxonomy.loads(path.read_bytes())
        skill = taxonomy.skills[len(taxonomy.skills) // 2]
        role = taxonomy.roles.filter(skill=skill)[0]
        rare = RARE[-7] if label != "bundled" else "transformers"
        first = {
            "first filter (builds the indices it reads)": lambda: taxonomy.expectations.filter(
                role=role
            ),
            "first search (builds the word index)": lambda: taxonomy.search("latency"),
        }
        first_rows.append(
            [label] + [f"{median_seconds(action, 1) * 1e3:.1f} ms" for action in first.values()]
        )
        checks = {
            "skill(id)": lambda: taxonomy.skill(skill.id),
            "role(id)": lambda: taxonomy.role(role.id),
            "level(id)": lambda: taxonomy.level("senior"),
            "expectation(s, r, l)": lambda: taxonomy.expectation(skill, role, 1, None),
            "expectations(skill=)": lambda: taxonomy.expectations.filter(skill=skill),
            "expectations(role=, level=)": lambda: taxonomy.expectations.filter(role=role, level=1),
            "progression": lambda: taxonomy.progression(skill, role),
            "compare": lambda: taxonomy.compare(skill, role, 1),
            "profile": lambda: taxonomy.profile(skill),
            "search rare word + common": lambda: taxonomy.search(f"{rare} latency"),
            "search two common words": lambda: taxonomy.search("latency mentors"),
        }
        labels = list(checks)
        timings = {
            name: median_seconds(action, 7 if name.startswith("search") else 2001) * 1e6
            for name, action in checks.items()
        }
        answers = (len(taxonomy.search(f"{rare} latency")), len(taxonomy.search("latency mentors")))
        rows.append(
            [label]
            + [f"{timings[name]:.1f}" for name in labels]
            + [f"{answers[0]:,} / {answers[1]:,}"]
        )
    table(["queries, µs (median)", *labels, "search answers"], rows)
    table(["one-off, on first use", *first], first_rows)


def format_v2(sizes: list[int], rounds: int = 7) -> None:
    """Loads of the same framework as v1, as v2 without new keys, and as v2 rich.

    The three are loaded in turn, round after round, and each keeps its best time: on
    a shared machine that swings from one minute to the next, interleaving puts the
    swings on all three alike.
    """
    rows = []
    for size in sizes:
        base = generate(size)
        texts = {
            "v1": orjson.dumps(base),
            "v2, v1's keys": orjson.dumps(as_v2(base, rich=False)),
            "v2 rich": orjson.dumps(as_v2(base, rich=True)),
        }
        best = dict.fromkeys(texts, float("inf"))
        # The parse alone of the same bytes: the floor any loader of that text stands on.
        floor = dict.fromkeys(texts, float("inf"))
        for _ in range(rounds):
            for label, data in texts.items():
                gc.collect()
                start = time.perf_counter()
                skilltaxonomy.loads(data)
                best[label] = min(best[label], time.perf_counter() - start)
                start = time.perf_counter()
                orjson.loads(data)
                floor[label] = min(floor[label], time.perf_counter() - start)
        v1 = best["v1"]
        rich = "v2 rich"
        rows.append(
            [f"{size:,}"]
            + [f"{best[label] * 1e3:.1f} ms" for label in texts]
            + [f"{best[label] / v1:.2f}" for label in list(texts)[1:]]
            + [
                f"{floor[rich] / floor['v1']:.2f}",
                f"{(best[rich] / floor[rich]) / (v1 / floor['v1']):.2f}",
            ]
        )
    table(
        [
            f"format v2 (best of {rounds}, interleaved)",
            "v1",
            "v2, v1's keys",
            "v2 rich",
            "v2 v1's keys ÷ v1",
            "v2 rich ÷ v1",
            "orjson.loads: rich ÷ v1 (the floor)",
            "rich ÷ v1, each over its floor",
        ],
        rows,
    )


def real_text(expectations: int = ESCO_EXPECTATIONS, rounds: int = 7) -> None:
    """`loads` of real-looking text beside the parse floor, msgspec and pydantic.

    The same framework twice: its descriptions from the word-frequency model of
    `realtext` (real length and vocabulary: ESCO's size at its count of expectations),
    and the synthetic ones of `generate`. The four loaders take turns, round after
    round, each keeping its best time, so that the machine's swings fall on all alike.
    """
    texts = {
        "real text": orjson.dumps(generate_real(expectations)),
        "synthetic": orjson.dumps(generate(expectations)),
    }
    loaders: dict[str, Callable[[bytes], object]] = {
        "orjson.loads": orjson.loads,
        "loads": skilltaxonomy.loads,
        "pydantic": pydantic_loads,
        "msgspec": msgspec_loads,
    }
    rows = []
    for label, data in texts.items():
        best = dict.fromkeys(loaders, float("inf"))
        for _ in range(rounds):
            for name, load in loaders.items():
                gc.collect()
                start = time.perf_counter()
                load(data)
                best[name] = min(best[name], time.perf_counter() - start)
        floor = best["orjson.loads"]
        rows.append(
            [
                f"{label}, {expectations:,}",
                f"{len(data) / 1e6:.1f}",
                f"{floor * 1e3:.0f} ms",
                f"{best['loads'] * 1e3:.0f} ms",
                f"{best['loads'] / floor:.2f}",
                f"{best['pydantic'] / floor:.2f}",
                f"{best['msgspec'] / floor:.2f}",
                f"{best['loads'] / best['pydantic']:.2f}",
                f"{best['loads'] / best['msgspec']:.2f}",
            ]
        )
    table(
        [
            f"real text (best of {rounds}, interleaved)",
            "MB",
            "orjson.loads",
            "loads",
            "loads ÷ orjson",
            "pydantic ÷ orjson",
            "msgspec ÷ orjson",
            "loads ÷ pydantic",
            "loads ÷ msgspec",
        ],
        rows,
    )


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        bundled = Path(folder, "bundled.json")
        bundled.write_text(skilltaxonomy.dumps(skilltaxonomy.load()))
        inputs = [("bundled", bundled)]
        for size in sizes:
            path = Path(folder, f"{size}.json")
            path.write_bytes(orjson.dumps(generate(size)))
            inputs.append((f"{size:,}", path))
        print(
            f"Python {sys.version.split()[0]}, skilltaxonomy {skilltaxonomy.__version__}, "
            f"{os.cpu_count()} cores"
        )
        startup()
        load_times = loads_and_dumps(inputs)
        format_v2([size for size in sizes if size <= 100_000])
        real_text()
        queries(inputs)
        if "100,000" in load_times and "1,000,000" in load_times:
            growth = load_times["1,000,000"] / load_times["100,000"]
            print(
                f"\nGrowth: loads of 1,000,000 expectations takes {growth:.1f}× loads of 100,000."
            )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--v2"]:  # only the format v2 table
        format_v2([int(arg) for arg in sys.argv[2:]] or [10_000, 100_000])
    elif sys.argv[1:2] == ["--real"]:  # only the real-text table (ESCO's size by default)
        real_text(*[int(arg) for arg in sys.argv[2:3]])
    elif sys.argv[1:2] == ["--startup"]:  # only start-up, in fresh interpreters
        startup()
    else:
        main([int(arg) for arg in sys.argv[1:]] or [10_000, 100_000])
