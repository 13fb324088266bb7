"""Run a coverage-guided fuzz target for a bounded time: ``python fuzz/run.py loads 600``.

Needs the ``fuzz`` extra (atheris). The corpus grows in ``fuzz/work/<target>/``
(not committed), starting from the seeds in ``fuzz/seeds/<target>/``; inputs that
crash a target are written to ``fuzz/work/crashes/``. Each crash becomes a regression
test in ``tests/test_corpus.py``. Not run by CI: a run takes as long as it is given.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import atheris

HERE = Path(__file__).resolve().parent

with atheris.instrument_imports(include=["skilltaxonomy"]):
    from targets import TARGETS  # type: ignore[import-not-found]


def main() -> None:
    """Fuzz the target named on the command line for the seconds given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=sorted(TARGETS))
    parser.add_argument("seconds", type=int, help="how long to fuzz")
    parser.add_argument("libfuzzer", nargs="*", help="more libFuzzer options, after --")
    args = parser.parse_args()
    corpus = HERE / "work" / args.target
    crashes = HERE / "work" / "crashes"
    corpus.mkdir(parents=True, exist_ok=True)
    crashes.mkdir(parents=True, exist_ok=True)
    for seed in (HERE / "seeds" / args.target).iterdir():
        if not (corpus / seed.name).exists():
            shutil.copy(seed, corpus / seed.name)
    argv = [
        sys.argv[0],
        str(corpus),
        f"-max_total_time={args.seconds}",
        f"-artifact_prefix={crashes}/{args.target}-",
        "-max_len=65536",
        "-timeout=20",
        "-rss_limit_mb=4096",
        f"-dict={HERE / 'json.dict'}",
        "-print_final_stats=1",
        *args.libfuzzer,
    ]
    atheris.Setup(argv, TARGETS[args.target])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
