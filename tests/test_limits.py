"""Hostile sizes under a memory limit: every reader and command refuses them with its own error.

Each case runs in one child process whose address space is limited to 1 GiB
(``RLIMIT_AS``), so that a reader that held ``/dev/zero`` or a 2 GiB sparse file in
memory would fail there, not pass by the grace of a large machine. The child starts
Python once and tries every case in turn; each test looks up its case's result.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from skilltaxonomy import cli
from skilltaxonomy.formats._guard import DEFAULT_MAX_BYTES
from skilltaxonomy.formats._registry import FORMATS

resource = pytest.importorskip("resource")  # POSIX only

LIMIT = 1 << 30  # bytes of address space the child may use
SPARSE = 2 << 30  # bytes of the sparse file, none of them on disk

NUL_START = "starts with NUL bytes: binary data, not text, a workbook or an archive"
TOO_LARGE = f"file is larger than the limit of {DEFAULT_MAX_BYTES} bytes"

#: The suffixes the hostile inputs come with (a command tells a format from its suffix).
SUFFIXES = ("", ".json", ".case.json", ".csv", ".xlsx", ".parquet")

#: What the child runs: each case of the JSON list on stdin, one JSON line out per case.
CHILD = r"""
import contextlib, io, json, sys, traceback

from skilltaxonomy import InvalidTaxonomyError, load, load_assessment
from skilltaxonomy.cli import main

def attempt(case):
    kind, *rest = case
    if kind == "cli":
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stderr(err):
            code = main(rest[0], out)
        return {"code": code, "stdout": out.getvalue(), "stderr": err.getvalue()}
    try:
        if kind == "load":
            load(rest[1], format=rest[0])
        elif kind == "assessment":
            load_assessment(rest[1], load())
        else:
            from skilltaxonomy.formats.ratings import load_ratings
            load_ratings(rest[1], load(), format=rest[0])
    except InvalidTaxonomyError as error:
        return {"error": type(error).__name__, "problems": [[p.path, p.message] for p in error.problems]}
    return {"read": True}

for case in json.load(sys.stdin):
    try:
        result = attempt(case)
    except BaseException:  # noqa: BLE001 - what the test must never see
        result = {"traceback": traceback.format_exc()}
    print(json.dumps(result), flush=True)
"""


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


# Cases ------------------------------------------------------------------------------------

INPUTS = ("zero", "sparse")

READERS = [entry.name for entry in FORMATS if entry.reader is not None]
READER_CASES = (
    # A device with no end and no NUL bytes is read up to the limit (512 MiB) in 1 GiB.
    # First: once pyarrow is imported (by the ratings cases), it holds some 300 MB of
    # address space, and the rest no longer holds 512 MiB (a memory error, still the
    # reader's own, is then all that can be asked).
    [("load", "xlsx", "random")]
    + [("load", name, source) for name in READERS for source in INPUTS]
    + [("assessment", "json", source) for source in INPUTS]
    + [("ratings", name, source) for name in ("csv", "xlsx", "parquet") for source in INPUTS]
)

#: The metavars of the command line's arguments that name a file it reads.
FILE_ARGUMENTS = frozenset({"FILE", "FRAMEWORK", "OLD", "NEW", "ASSESSMENT", "RATINGS"})
#: The suffixes tried for each file argument: the formats a command tells from it.
ARGUMENT_SUFFIXES = {"RATINGS": (".csv", ".xlsx", ".parquet", ".json")}


def _commands() -> dict[str, Any]:
    """Every command of the command line, by name, with its parser (walked, not listed)."""
    parser = cli._parser()
    commands = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    found: dict[str, Any] = commands.choices
    return found


#: Options a command needs (said as usage errors, before any file is read), filled in.
NEEDED = {"--role": "data-scientist", "--level": "junior", "--target": "senior"}
#: The suffixes of ratings tables (a people table is one; assessments name their role).
TABLES = (".csv", ".xlsx", ".parquet")


def _argv(command: Any, name: str, hostile: str) -> list[str]:
    """The command line `name` with every file argument `hostile` and the rest filled in."""
    argv = [name]
    for action in command._actions:
        if action.dest == "help" or action.help == argparse.SUPPRESS:
            continue
        option = action.option_strings[-1] if action.option_strings else None
        if option in NEEDED:
            argv += [option, NEEDED[option]]
            continue
        if option is not None and not action.required:
            continue
        metavar = action.metavar or action.dest
        if metavar in FILE_ARGUMENTS:
            value = hostile
        elif action.choices:
            value = next(iter(action.choices))
        else:
            value = "1" if action.type is int else "x"
        argv += [option, value] if option is not None else [value]
    return argv


def _cli_cases() -> list[tuple[str, tuple[str, ...]]]:
    """(case id, argv) with ``@zero``/``@sparse`` standing for the hostile files.

    Every command that takes ``--data`` is given a hostile framework (with its file
    arguments hostile too), and every file argument a hostile file with each suffix the
    command tells a format from; but for combinations that are usage errors before any
    file is read (a people table beside assessments; a framework named twice).
    """
    cases = []
    for name, command in _commands().items():
        metavars = {
            a.metavar
            for a in command._actions
            if a.metavar in FILE_ARGUMENTS and (a.required or not a.option_strings)
        }
        takes_data = any("--data" in action.option_strings for action in command._actions)
        for source in INPUTS:
            if takes_data and name not in ("import", "site"):
                name_and_rest = _argv(command, name, f"@{source}")
                argv = [name_and_rest[0], "--data", f"@{source}", *name_and_rest[1:]]
                cases.append((f"--data-{source}-{name}", tuple(argv)))
            for metavar in metavars:
                for suffix in ARGUMENT_SUFFIXES.get(metavar, ("",)):
                    if name == "promotions" and suffix not in TABLES:
                        continue
                    argv = _argv(command, name, f"@{source}{suffix}")
                    if name == "import":
                        for entry in cli.IMPORT_FORMATS:
                            full = (*argv, "--from", entry)
                            cases.append((f"{name}-{source}-{entry}", full))
                        continue
                    cases.append((f"{name}-{source}{suffix}", tuple(argv)))
    return cases


CLI_CASES = _cli_cases()


def _paths(folder: Path) -> dict[str, str]:
    """The hostile files: links to /dev/zero and 2 GiB sparse files, with every suffix."""
    paths = {}
    for suffix in SUFFIXES:
        zero = folder / f"zero{suffix}"
        zero.symlink_to("/dev/zero")
        sparse = folder / f"sparse{suffix}"
        with open(sparse, "wb") as file:
            file.truncate(SPARSE)
        paths[f"@zero{suffix}"], paths[f"@sparse{suffix}"] = str(zero), str(sparse)
    return paths


@pytest.fixture(scope="module", name="results")
def _results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every case's result, from one child process under the memory limit."""
    if not Path("/dev/zero").exists():
        pytest.skip("needs /dev/zero")
    paths = _paths(tmp_path_factory.mktemp("hostile"))
    paths["@random"] = "/dev/urandom"
    cases: list[list[Any]] = [
        [kind, name, paths[f"@{source}"]] for kind, name, source in READER_CASES
    ]
    cases += [["cli", [paths.get(arg, arg) for arg in argv]] for _, argv in CLI_CASES]
    keys = [f"{kind}-{name}-{source}" for kind, name, source in READER_CASES]
    keys += [key for key, _ in CLI_CASES]
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path), LANGUAGE="en")
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit,  # the child runs no thread before exec
        env=environment,
        check=False,
    )
    lines = done.stdout.splitlines()
    assert len(lines) == len(cases), done.stderr
    found = dict(zip(keys, map(json.loads, lines), strict=True))
    found["paths"] = paths
    return found


# Readers ----------------------------------------------------------------------------------


def _expected(kind: str, name: str, source: str) -> str:
    """The one problem a reader reports for a hostile input (at ``$``)."""
    if kind == "ratings" and name == "parquet":
        return "not a Parquet file: "  # Arrow's own words follow
    if source == "random":
        return f"file is larger than the limit of {DEFAULT_MAX_BYTES} bytes"
    if source == "zero" or kind == "ratings":  # ratings read up to 4 GiB by default
        return NUL_START
    return TOO_LARGE


_ERRORS = {entry.name: entry.error.__name__ for entry in FORMATS}


@pytest.mark.parametrize(("kind", "name", "source"), READER_CASES)
def test_every_reader_refuses_hostile_sizes(
    results: dict[str, Any], kind: str, name: str, source: str
) -> None:
    """/dev/zero and a 2 GiB sparse file are refused at $ with the reader's own error, in 1 GiB."""
    result = results[f"{kind}-{name}-{source}"]
    assert "traceback" not in result, result.get("traceback")
    error = {"load": _ERRORS.get(name), "assessment": "InvalidAssessmentError"}.get(
        kind, "InvalidRatingsError"
    )
    assert result["error"] == error
    [(path, message)] = result["problems"]
    assert path == "$"
    expected = _expected(kind, name, source)
    assert message.startswith(expected) if expected.endswith(": ") else message == expected


# Commands ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "argv"), CLI_CASES, ids=[key for key, _ in CLI_CASES])
def test_every_command_refuses_hostile_files(
    results: dict[str, Any], key: str, argv: tuple[str, ...]
) -> None:
    """Every command given /dev/zero or a 2 GiB sparse file exits 1 with its error, no traceback."""
    result = results[key]
    assert "traceback" not in result, result.get("traceback")
    assert result["code"] == 1, result
    hostile = next(results["paths"][arg] for arg in argv if arg.startswith("@"))
    if argv[0] == "validate":  # validate reports on standard output, as it reports success
        assert result["stderr"] == ""
        assert result["stdout"].startswith(f"{hostile}: 1 problem\n  $: ")
        return
    assert "Traceback" not in result["stderr"]
    # An old spelling (import-page, render) says first that it is deprecated.
    stderr = re.sub(r"\Askilltaxonomy: warning: .*\n", "", result["stderr"])
    head, problem, rest = stderr.split("\n", 2)
    assert head == f"skilltaxonomy: error: {hostile}: 1 problem"
    assert problem.startswith("  $: "), problem
    assert rest == ""


def test_the_command_itself_under_the_limit(tmp_path: Path) -> None:
    """``python -m skilltaxonomy`` under 1 GiB: exit 1, the error on stderr, no traceback."""
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path), LANGUAGE="en")
    done = subprocess.run(
        [sys.executable, "-m", "skilltaxonomy", "skills", "--data", "/dev/zero"],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit,  # the child runs no thread before exec
        env=environment,
        cwd=tmp_path,
        check=False,
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"skilltaxonomy: error: /dev/zero: 1 problem\n  $: {NUL_START}\n"
