"""Side by side: this tree against another checkout of skilltaxonomy, in one run.

python benchmarks/compare.py /path/to/other/checkout 100000

Times, in fresh interpreters that alternate between the two trees (so that the shared
machine's drift falls on both alike): start-up (`import skilltaxonomy`, and with the
first `load()`, beside `import attrs, cattrs`), `loads` of a generated framework of each
size (median of several loads in each interpreter, then the median over rounds), and
`dumps`. Prints Markdown tables of the times and their ratios, this tree ÷ the other.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
THIS = HERE.parent

TIMED = """
import gc, statistics, sys, time
sys.path.insert(0, {src!r})
import skilltaxonomy
data = open({path!r}, "rb").read()
loads = skilltaxonomy.loads
dumps = skilltaxonomy.dumps
times = []
for _ in range({runs}):
    start = time.perf_counter(); taxonomy = loads(data); times.append(time.perf_counter() - start)
    del taxonomy
    gc.collect()
taxonomy = loads(data)
writes = []
for _ in range({runs}):
    start = time.perf_counter(); dumps(taxonomy); writes.append(time.perf_counter() - start)
print(statistics.median(times), statistics.median(writes))
"""

STARTUP = {
    "import attrs, cattrs": "import attrs, cattrs",
    "import skilltaxonomy": "import sys; sys.path.insert(0, {src!r}); import skilltaxonomy",
    "import skilltaxonomy; load()": (
        "import sys; sys.path.insert(0, {src!r}); import skilltaxonomy; skilltaxonomy.load()"
    ),
}


def _python(code: str) -> str:
    # Bytecode is cached, as an installed package runs; the trees are put on the path here.
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE")
    }
    return subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env
    ).stdout


def _timed_start(code: str) -> float:
    start = time.perf_counter()
    _python(code)
    return time.perf_counter() - start


def main(other: Path, sizes: list[int], rounds: int = 5) -> None:
    trees = {"this tree": str(THIS / "src"), "other": str(other / "src")}
    for code in STARTUP.values():  # write the bytecode caches
        for src in trees.values():
            _python(code.format(src=src))
    starts: dict[tuple[str, str], list[float]] = {}
    for _ in range(15):
        for label, code in STARTUP.items():
            for tree, src in trees.items():
                starts.setdefault((label, tree), []).append(_timed_start(code.format(src=src)))
    print(
        "| start-up, fresh interpreter (median of 15) | this tree, ms | other, ms | this ÷ other | this ÷ import attrs, cattrs |"
    )
    print("|---|---|---|---|---|")
    base = statistics.median(starts["import attrs, cattrs", "this tree"])
    for label in STARTUP:
        mine = statistics.median(starts[label, "this tree"])
        theirs = statistics.median(starts[label, "other"])
        print(
            f"| `{label}` | {mine * 1e3:.0f} | {theirs * 1e3:.0f} | {mine / theirs:.2f} | {mine / base:.2f} |"
        )
    sys.path.insert(0, str(HERE))
    from generate import generate  # noqa: PLC0415 - the benchmarks' own generator

    print()
    print(
        "| size (median of rounds) | loads, this | loads, other | this ÷ other | dumps, this | dumps, other | this ÷ other |"
    )
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"{size}.json"
            path.write_text(json.dumps(generate(size), ensure_ascii=False), encoding="utf-8")
            runs = max(3, min(21, 2_000_000 // max(size, 1)))
            found: dict[str, list[tuple[float, float]]] = {tree: [] for tree in trees}
            for _ in range(rounds):
                for tree, src in trees.items():
                    code = TIMED.format(src=src, path=str(path), runs=runs)
                    read, write = map(float, _python(code).split())
                    found[tree].append((read, write))
            mine = [statistics.median(x[i] for x in found["this tree"]) for i in (0, 1)]
            theirs = [statistics.median(x[i] for x in found["other"]) for i in (0, 1)]
            print(
                f"| {size:,} | {mine[0] * 1e3:.1f} ms | {theirs[0] * 1e3:.1f} ms | "
                f"{mine[0] / theirs[0]:.2f} | {mine[1] * 1e3:.1f} ms | {theirs[1] * 1e3:.1f} ms | "
                f"{mine[1] / theirs[1]:.2f} |"
            )


if __name__ == "__main__":
    main(Path(sys.argv[1]), [int(size) for size in sys.argv[2:]] or [10_000, 100_000])
