"""People at organisation scale: the engines against the per-person Python path and SQL.

    python benchmarks/people.py                 # 10k and 100k people
    python benchmarks/people.py 1000000         # also 1M (about 6 GB of memory)
    python benchmarks/people.py 10000 --spark   # and Spark in local mode
    python benchmarks/people.py --cli 300000 1000000   # the command line against DuckDB SQL
    python benchmarks/people.py --spark-only 100000 1000000   # Spark, default driver memory

A synthetic organisation: a framework of 100 skills, two roles (100 and 50 skills) on
five levels, a third of the items mandatory; each person rated in 60 skills (a level
each), written once as Parquet. For each size it prints, in one run:

- the per-person Python path (`team` over `RatingsTable.assessments`), timed on a
  sample of 2,000 people, in ms per person;
- the engine path: `load_ratings` of the Parquet file (read and every row checked)
  plus `team_readiness` on DuckDB, in all and per person, and the ratio to the Python
  path;
- the same readiness question written by hand as one DuckDB SQL query over the same
  Parquet files, and our engine path's time over it (the target is at most 1.5×);
- peak memory of the process (the engine path builds no object per person or rating).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from skilltaxonomy import (
    Domain,
    Expectation,
    Level,
    Role,
    Skill,
    Taxonomy,
    load_ratings,
    team,
    team_readiness,
)

SKILLS, RATED, LEVELS = 100, 60, 5
ROLE, TARGET = "engineer", "senior"


def framework() -> Taxonomy:
    """100 skills; role "engineer" expects all of them, "manager" half, at five levels."""
    domain = Domain("engineering", "Engineering")
    skills = [Skill(f"skill-{i:03d}", f"Skill {i}", domain) for i in range(SKILLS)]
    levels = [
        Level(key, key.title(), rank)
        for rank, key in enumerate(("junior", "middle", "senior", "lead", "principal"), 1)
    ]
    roles = [Role("engineer", "Engineer"), Role("manager", "Manager")]
    expectations = [
        Expectation(skill, role, level, (i + level.rank) % 3 == 0, f"{skill.name} at {level.name}")
        for role, count in zip(roles, (SKILLS, SKILLS // 2), strict=True)
        for i, skill in enumerate(skills[:count])
        for level in levels
    ]
    return Taxonomy(
        name="Synthetic",
        version="1",
        language="en",
        domains=[domain],
        skills=skills,
        roles=roles,
        levels=levels,
        expectations=expectations,
    )


def ratings(people: int, seed: int = 0) -> pa.Table:
    """`RATED` distinct skills per person (a stride through the skills), a level each."""
    rng = np.random.default_rng(seed)
    strides = np.array([1, 3, 7, 9, 11, 13, 17, 19, 21, 23, 27, 29, 31, 33, 37, 39])
    start = rng.integers(0, SKILLS, people)
    stride = strides[rng.integers(0, len(strides), people)]
    skill = (start[:, None] + np.arange(RATED)[None, :] * stride[:, None]) % SKILLS
    level = rng.integers(0, LEVELS, (people, RATED))
    names = pa.array([f"p{i:07d}" for i in range(people)])
    skill_ids = pa.array([f"skill-{i:03d}" for i in range(SKILLS)])
    level_ids = pa.array(["junior", "middle", "senior", "lead", "principal"])
    return pa.table(
        {
            "person": names.take(pa.array(np.repeat(np.arange(people), RATED))),
            "skill": skill_ids.take(pa.array(skill.ravel())),
            "level": level_ids.take(pa.array(level.ravel())),
        }
    )


def required_table(taxonomy: Taxonomy) -> pa.Table:
    """The framework's expectations as a table, for the hand-written query."""
    rows = [(e.role.id, e.skill.id, e.level.rank, bool(e.mandatory)) for e in taxonomy.expectations]
    return pa.table(
        {
            "role": [r[0] for r in rows],
            "skill": [r[1] for r in rows],
            "level_rank": [r[2] for r in rows],
            "mandatory": [r[3] for r in rows],
        }
    )


HAND_QUERY = """
WITH rated AS (
  SELECT r.person, r.skill, l.level_rank AS rated_rank
  FROM read_parquet('{ratings}') r JOIN read_parquet('{levels}') l ON r.level = l.level
),
people AS (SELECT DISTINCT person FROM read_parquet('{ratings}')),
required AS (
  SELECT skill, level_rank, mandatory FROM read_parquet('{required}')
  WHERE role = '{role}' AND level_rank <= {target}
),
items AS (
  SELECT p.person, q.mandatory,
         coalesce(t.rated_rank >= q.level_rank, false) AS met
  FROM people p CROSS JOIN required q
  LEFT JOIN rated t ON t.person = p.person AND t.skill = q.skill
)
SELECT person,
       sum(CASE WHEN NOT met AND mandatory THEN 1 ELSE 0 END) = 0 AS ready,
       sum(CASE WHEN NOT met AND mandatory THEN 1 ELSE 0 END) AS blocking,
       sum(CASE WHEN met THEN 1 ELSE 0 END) AS items_met,
       count(*) AS items_required
FROM items GROUP BY person
ORDER BY ready DESC, blocking, items_required - items_met, person
"""


def seconds(run: Any, repeat: int = 3) -> float:
    """The best of `repeat` runs."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def measure(people: int, folder: Path, spark: bool, spark_max: int) -> None:
    taxonomy = framework()
    path = folder / f"ratings-{people}.parquet"
    pq.write_table(ratings(people), path)
    levels = folder / "levels.parquet"
    ranks = {
        "level": [lv.id for lv in taxonomy.levels],
        "level_rank": [lv.rank for lv in taxonomy.levels],
    }
    pq.write_table(pa.table(ranks), levels)
    required = folder / "required.parquet"
    pq.write_table(required_table(taxonomy), required)
    target = taxonomy.level(TARGET).rank
    query = HAND_QUERY.format(
        ratings=path, levels=levels, required=required, role=ROLE, target=target
    )

    # Peak memory first, each path alone in a fresh interpreter, before this one grows.
    here = Path(__file__).resolve().parent
    ours_alone = OURS_ALONE.format(
        bench=str(here), src=str(here.parent / "src"), path=str(path), target=TARGET
    )
    ours_mib = peak_in_a_fresh_process(ours_alone)
    hand_mib = peak_in_a_fresh_process(HAND_ALONE.format(query=query))

    # The Python path on 2,000 people of the same kind (its cost per person is flat).
    sample = load_ratings(ratings(2000, seed=1), taxonomy).assessments()
    python_ms = seconds(lambda: team(taxonomy, sample, ROLE, TARGET), 1) * 1000 / len(sample)
    table = load_ratings(path, taxonomy)

    def ours() -> pa.Table:
        return team_readiness(taxonomy, load_ratings(path, taxonomy), ROLE, TARGET)

    def engine_only() -> pa.Table:
        return team_readiness(taxonomy, table, ROLE, TARGET)

    def hand() -> pa.Table:
        return duckdb.sql(query).to_arrow_table()

    ours_s, engine_s, hand_s = seconds(ours), seconds(engine_only), seconds(hand)
    a, b = ours(), hand()
    assert a.column("person").to_pylist() == b.column("person").to_pylist()
    assert a.column("items_met").to_pylist() == b.column("items_met").to_pylist()
    per_person = ours_s * 1000 / people
    print(
        f"{people:>9,} people | python {python_ms:7.3f} ms/person | "
        f"engine {ours_s:6.2f} s ({per_person:.4f} ms/person, {python_ms / per_person:6.0f}×) | "
        f"engine on a read table {engine_s:6.2f} s | hand DuckDB SQL {hand_s:6.2f} s "
        f"(ours {ours_s / hand_s:.2f}×) | peak memory: ours {ours_mib:,.0f} MiB, "
        f"hand SQL {hand_mib:,.0f} MiB",
        flush=True,
    )
    if spark and people <= spark_max:
        from pyspark.sql import SparkSession  # noqa: PLC0415 - only with --spark

        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # loopback only
        session = (
            SparkSession.builder.master("local[*]")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            # Local mode runs in the driver: its default 1 GiB is too small past 100k people.
            .config("spark.driver.memory", "8g")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        spark_s = seconds(lambda: team_readiness(taxonomy, table, ROLE, TARGET, engine=session), 1)
        same = team_readiness(taxonomy, table, ROLE, TARGET, engine=session).equals(engine_only())
        print(
            f"{'':>9}        | Spark local mode {spark_s:6.2f} s, same answers: {same}", flush=True
        )


#: Each path alone in a fresh interpreter, for its peak memory (VmHWM: a forked child's
#: ru_maxrss would count its parent's memory before exec).
OURS_ALONE = """
import sys
sys.path[:0] = [{bench!r}, {src!r}]
from people import framework
from skilltaxonomy import load_ratings, team_readiness
taxonomy = framework()
team_readiness(taxonomy, load_ratings({path!r}, taxonomy), "engineer", {target!r})
print(next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM")))
"""
HAND_ALONE = """
import duckdb
duckdb.sql({query!r}).to_arrow_table()
print(next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM")))
"""


def peak_in_a_fresh_process(code: str) -> float:
    """The peak resident memory of `code` run alone, in MiB."""
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(found.stdout.split()[-1]) / 1024


CLI_HAND = """
import duckdb
duckdb.sql({query!r}).write_csv({out!r})
"""


def timed_process(command: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MiB) of `command`, from process start."""
    found = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", *command], capture_output=True, text=True, check=True
    )
    wall, peak = found.stderr.strip().splitlines()[-1].split()
    return float(wall), int(peak) / 1024


def measure_cli(people: int, folder: Path) -> None:
    """`skilltaxonomy team` from the command line against one hand-written DuckDB query."""
    taxonomy = framework()
    from skilltaxonomy import dump  # noqa: PLC0415

    data = folder / "framework.json"
    dump(taxonomy, data)
    table = ratings(people)
    parquet, csv_path = folder / f"ratings-{people}.parquet", folder / f"ratings-{people}.csv"
    pq.write_table(table, parquet)
    import pyarrow.csv as pcsv  # noqa: PLC0415

    pcsv.write_csv(table, csv_path)
    del table
    levels, required = folder / "levels.parquet", folder / "required.parquet"
    ranks = {
        "level": [lv.id for lv in taxonomy.levels],
        "level_rank": [lv.rank for lv in taxonomy.levels],
    }
    pq.write_table(pa.table(ranks), levels)
    pq.write_table(required_table(taxonomy), required)
    target = taxonomy.level(TARGET).rank
    src = str(Path(__file__).resolve().parents[1] / "src")
    for kind, path in (("parquet", parquet), ("csv", csv_path)):
        query = HAND_QUERY.format(
            ratings=path, levels=levels, required=required, role=ROLE, target=target
        )
        if kind == "csv":
            query = query.replace(f"read_parquet('{path}')", f"read_csv('{path}')")
        ours_out, hand_out = folder / "ours.csv", folder / "hand.csv"
        ours = [
            sys.executable,
            "-c",
            f"import sys; sys.path.insert(0, {src!r}); from skilltaxonomy.cli import main; "
            "sys.exit(main())",
            "--data",
            str(data),
            "team",
            str(path),
            "--role",
            ROLE,
            "--target",
            TARGET,
            "--format",
            "csv",
            "-o",
            str(ours_out),
        ]
        ours_s, ours_mib = timed_process(ours)
        hand_s, hand_mib = timed_process(
            [sys.executable, "-c", CLI_HAND.format(query=query, out=str(hand_out))]
        )
        mine = pcsv.read_csv(ours_out).column("person").to_pylist()
        theirs = pcsv.read_csv(hand_out).column("person").to_pylist()
        print(
            f"{people:>9,} people, {kind:>7} | skilltaxonomy team {ours_s:6.2f} s "
            f"{ours_mib:7,.0f} MiB | hand DuckDB query {hand_s:6.2f} s {hand_mib:7,.0f} MiB | "
            f"time {ours_s / hand_s:.2f}×, memory {ours_mib / hand_mib:.2f}× | "
            f"same people in the same order: {mine == theirs}",
            flush=True,
        )


def measure_spark(people: int, folder: Path) -> None:
    """Spark local mode, default driver memory: the file read, checked and answered in Spark."""
    from pyspark.sql import SparkSession  # noqa: PLC0415 - only with --spark-only

    taxonomy = framework()
    path = folder / f"ratings-{people}.parquet"
    pq.write_table(ratings(people), path)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # loopback only
    session = (
        SparkSession.builder.master("local[*]")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    start = time.perf_counter()
    found = load_ratings(path, taxonomy, engine=session)
    answer = team_readiness(taxonomy, found, ROLE, TARGET)
    spark_s = time.perf_counter() - start
    pid = session.sparkContext._gateway.proc.pid  # the driver's JVM
    with open(f"/proc/{pid}/status") as status:
        jvm = next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
    with open("/proc/self/status") as status:
        python = next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
    duck = team_readiness(taxonomy, load_ratings(path, taxonomy, engine="duckdb"), ROLE, TARGET)
    print(
        f"{people:>9,} people | Spark local (default driver memory) {spark_s:7.1f} s | "
        f"peak driver JVM {jvm:,.0f} MiB, Python {python:,.0f} MiB | "
        f"same answers as DuckDB: {answer.equals(duck)}",
        flush=True,
    )
    session.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--spark", action="store_true", help="also run Spark in local mode")
    parser.add_argument(
        "--spark-max", type=int, default=100_000, help="the most people Spark is run on"
    )
    parser.add_argument("--cli", action="store_true", help="the command line against DuckDB SQL")
    parser.add_argument("--spark-only", action="store_true", help="Spark, default driver memory")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for people in args.sizes:
            if args.cli:
                measure_cli(people, Path(folder))
                continue
            if args.spark_only:
                measure_spark(people, Path(folder))
                continue
            measure(people, Path(folder), args.spark, args.spark_max)


if __name__ == "__main__":
    main()
