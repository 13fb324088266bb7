"""The command line's grammar, walked from its parser: what each command offers and says."""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import skilltaxonomy
from skilltaxonomy import cli, dumps, load, load_ratings
from skilltaxonomy.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_cli_docs", ROOT / "scripts" / "build_cli_docs.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DOCS = _script()
COMMANDS = DOCS.commands()

#: Every command's options: the test says what each command uses, the parser must agree.
FRAMEWORK = {"--data", "--locale", "--format", "--output"}
SCALE = {
    *FRAMEWORK,
    *("--people", "--engine", "--org-unit", "--encoding", "--quiet", "--verbose"),
}
POLICY = {"--round", "--rater", "--readiness"}
OPTIONS = {
    "skills": {*FRAMEWORK, "--domain", "--category", "--role"},
    "roles": {*FRAMEWORK, "--skill"},
    "levels": {*FRAMEWORK, "--role"},
    "show": {*FRAMEWORK, "--role"},
    "matrix": FRAMEWORK,
    "compare": {*FRAMEWORK, "--level", "--target"},
    "search": FRAMEWORK,
    "validate": {"--encoding", "--format", "--output", "--quiet"},
    "gap": {*FRAMEWORK, "--role", "--target", "--chart"},
    "path": {*FRAMEWORK, "--level", "--target"},
    "team": {*SCALE, *POLICY, "--role", "--target", "--chart"},
    "coverage": {*SCALE, *POLICY, "--role", "--target", "--chart"},
    "risk": {*SCALE, *POLICY, "--role", "--target", "--fewer-than"},
    "rounds": {*SCALE, "--rater", "--readiness", "--role", "--target", "--before", "--after"},
    "promotions": {*SCALE, *POLICY},
    "raters": {*SCALE, "--round", "--first", "--second"},
    "export": {*FRAMEWORK, "--role", "--bom", "--format-version"},
    "import": {
        *("--from", "--name", "--strict", "--on-duplicate", "--data", "--skill-id", "--skill-name"),
        *("--partial", "--output", "--encoding", "--quiet"),
    },
    "diff": {"--locale", "--format", "--output"},
    "schema": {"--format-version", "--output"},
    "site": {
        *("--data", "--output", "--locale", "--base-url", "--no-search", "--force"),
        *("--serve", "--port", "--format", "--quiet"),
    },
}


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {a.option_strings[-1] for a in DOCS.shown_actions(parser) if a.option_strings}


def test_the_listed_commands() -> None:
    """`skilltaxonomy --help` lists exactly `cli.COMMANDS`, in that order."""
    assert tuple(COMMANDS) == cli.COMMANDS
    assert set(OPTIONS) == set(COMMANDS)


@pytest.mark.parametrize("name", cli.COMMANDS)
def test_each_command_offers_only_what_it_uses(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A command's --help lists the options it uses, each saying what it does, and examples."""
    parser = COMMANDS[name]
    assert _options(parser) == OPTIONS[name]
    for action in DOCS.shown_actions(parser):
        assert action.help, (name, action.dest)
        assert not action.help.startswith("default"), (name, action.dest)
        assert len(action.help.split()) >= 3, (name, action.dest, action.help)
    with pytest.raises(SystemExit):
        main([name, "--help"])
    shown = capsys.readouterr().out
    assert "--json" not in shown
    assert f"examples:\n  skilltaxonomy {name}" in shown


def test_the_same_idea_has_the_same_words() -> None:
    """--level, --target, --format, -o and --locale mean one thing in every command."""
    for name, parser in COMMANDS.items():
        for action in DOCS.shown_actions(parser):
            option = action.option_strings[-1] if action.option_strings else ""
            if option == "--output" and name != "site":
                assert action.option_strings == ["-o", "--output"], name
                assert action.metavar == "FILE", name
            if option == "--level":
                assert "current level" in str(action.help) or "start from" in str(action.help)
            if option == "--target":
                assert "aimed at" in str(action.help) or "to reach" in str(action.help)
                assert action.metavar == "LEVEL"
            if option == "--format" and name not in ("export",):
                assert "json" in action.choices, name  # type: ignore[operator]


def test_the_lists_copied_for_a_quick_start_are_the_librarys() -> None:
    """The lists spelled in cli (so --help imports nothing heavy) equal the library's."""
    assert cli.RENDER_FORMATS == skilltaxonomy.RENDER_FORMATS
    assert cli.ENGINES == skilltaxonomy.ENGINES
    assert cli.READINESS == skilltaxonomy.READINESS
    assert cli.RATER_KINDS == skilltaxonomy.RATER_KINDS
    assert tuple(skilltaxonomy.available_locales()) == cli.LOCALES


def test_import_names_every_format_it_reads(capsys: pytest.CaptureFixture[str]) -> None:
    """`import --help` lists every format of the registry a reader reads, with its summary."""
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    shown = capsys.readouterr().out
    for entry in skilltaxonomy.FORMATS:
        if entry.reader is not None:
            assert f"  {entry.name} " in shown
            assert entry.summary in shown


def test_the_reference_page_is_current() -> None:
    """docs/cli.md is what scripts/build_cli_docs.py writes from the parser."""
    assert DOCS.PAGE.read_text(encoding="utf-8") == DOCS.text()


def test_help_imports_only_the_command_line() -> None:
    """`--help` loads the command line and the table of formats, no model, page or engine."""
    code = (
        "import sys, contextlib, io\n"
        "from skilltaxonomy.cli import main\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('skilltaxonomy')))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert eval(found) == [
        "skilltaxonomy",
        "skilltaxonomy._text",
        "skilltaxonomy.cli",
        "skilltaxonomy.exceptions",
        "skilltaxonomy.formats",
        "skilltaxonomy.formats._registry",
    ]


def test_help_is_quick() -> None:
    """`skilltaxonomy --help` takes well under 150 ms of processor time (the best of 5)."""
    times = []
    for _ in range(5):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(
            [sys.executable, "-m", "skilltaxonomy", "--help"], capture_output=True, check=True
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(
            after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime,
        )
    assert min(times) < 0.150


# Catalogues, listings and names --------------------------------------------------------


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


@pytest.fixture(autouse=True)
def _fixed_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(name="sfia", scope="module")
def _sfia(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("sfia") / "sfia.json"
    path.write_text(dumps(load(ROOT / "tests/data/sfia/skills.xlsx", format="sfia")), "utf-8")
    return str(path)


def test_a_catalogue_skill_shows_what_each_step_means(sfia: str) -> None:
    """`show` of a skill no role expects prints its steps' definitions, not empty figures."""
    code, out = run("show", "DTAN", "--data", sfia)
    assert code == 0
    assert "No role expects this skill; what each of its 3 steps means:" in out
    assert "Roles" not in out
    assert "No expectations." not in out
    catalogue = load(sfia)
    for definition in catalogue.definitions.filter(skill="DTAN"):
        assert definition.step.name in out
    data = json.loads(run("show", "dtan", "--data", sfia, "--format", "json")[1])
    assert [d["skill"] for d in data["definitions"]] == ["DTAN"] * 3
    assert run("show", "DTAN", "--data", sfia, "--format", "md")[1].startswith("# Data tidying")


def test_empty_listings_say_so(sfia: str) -> None:
    """An empty listing is a sentence, not a table's header alone."""
    assert run("roles", "--data", sfia) == (
        0,
        "No roles: this framework is a catalogue of skills (see `skilltaxonomy show SKILL`).\n",
    )
    assert run("skills", "--category", "Nothing") == (0, "No skills with category 'Nothing'.\n")
    assert run("search", "zzz") == (0, "Nothing matches 'zzz'.\n")
    assert run("skills", "--category", "Nothing", "--format", "json") == (0, "[]\n")


def test_roles_are_found_by_the_last_segment_of_their_uri() -> None:
    """An ESCO occupation is found by the end of its URI, or its code, not only the whole URI."""
    esco = str(ROOT / "tests/data/esco/esco-test-csv.zip")
    framework = load(esco, format="esco")
    analyst = framework.role("o-analyst")
    assert analyst.id.endswith("/o-analyst")
    assert framework.role("2511.3") is analyst


def test_levels_of_one_role() -> None:
    """`levels --role` lists that role's ladder."""
    code, out = run("levels", "--role", "data-scientist")
    assert code == 0
    assert out.splitlines()[1].split() == ["1", "junior", "Junior"]


def test_a_path_that_goes_nowhere_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """`path` from a level to itself is a usage error, not a page "from Junior to Junior"."""
    assert run("path", "data-scientist", "--level", "junior", "--target", "1") == (2, "")
    assert capsys.readouterr().err == (
        "skilltaxonomy: error: --level and --target are both Junior: give a --target above "
        "--level\n"
    )


def test_compare_needs_a_current_level(capsys: pytest.CaptureFixture[str]) -> None:
    """`compare` without --level says which option is missing."""
    assert run("compare", "neural-network-architectures", "data-scientist") == (2, "")
    assert capsys.readouterr().err == (
        "skilltaxonomy: error: compare needs --level (the current level)\n"
    )


def test_output_file_for_every_page(tmp_path: Path) -> None:
    """-o writes the page to a file and nothing to standard output."""
    target = tmp_path / "levels.json"
    assert run("levels", "--format", "json", "-o", str(target)) == (0, "")
    assert json.loads(target.read_text(encoding="utf-8"))[0]["id"] == "junior"


# Progress ------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _validate_with_stderr(
    monkeypatch: pytest.MonkeyPatch, stderr: io.StringIO, *options: str
) -> str:
    monkeypatch.setattr(sys, "stderr", stderr)
    monkeypatch.setattr(cli._Progress, "_bar", lambda *_, **__: None)  # the plain lines, not rich
    path = str(ROOT / "tests/data/sfia/skills.csv")
    assert run("validate", path, *options)[0] in (0, 1)
    return stderr.getvalue()


def test_progress_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal, without rich, each stage is one line on stderr."""
    shown = _validate_with_stderr(monkeypatch, _Terminal())
    assert shown.startswith("skilltaxonomy: reading and checking ")


def test_progress_in_the_environments_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """A command without --locale says its progress in the environment's language."""
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    shown = _validate_with_stderr(monkeypatch, _Terminal())
    path = ROOT / "tests/data/sfia/skills.csv"
    assert shown.splitlines()[0] == f"skilltaxonomy: {path} wird gelesen und geprüft…"


def test_the_engine_stage_counts_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """The line shown while an engine answers counts ratings and people in the locale."""
    ratings = load_ratings(
        io.StringIO("person,skill,level\nAna,neural-network-architectures,junior\n"), load()
    )
    args = argparse.Namespace(locale="es", engine="duckdb")
    assert cli._asking(ratings, args) == "1 valoración de 1 persona: consultando duckdb…"


def test_no_progress_when_piped_or_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Piped, or with --quiet, nothing is said."""
    assert _validate_with_stderr(monkeypatch, io.StringIO()) == ""
    assert _validate_with_stderr(monkeypatch, _Terminal(), "--quiet") == ""


def test_a_bar_with_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    """With rich, a terminal gets a bar that clears itself; the result is the same."""
    pytest.importorskip("rich")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    progress = cli._Progress(quiet=False)
    assert list(progress.track([1, 2, 3], "counting")) == [1, 2, 3]
    with progress.stage("waiting"):
        pass


@pytest.mark.skipif(
    os.name == "nt", reason="the JVM's stderr is kept off by POSIX file descriptors"
)
def test_spark_keeps_the_jvm_log_off_the_terminal(tmp_path: Path) -> None:
    """`--engine spark` prints the answer and nothing of the JVM's log on stderr."""
    from tests.people.conftest import spark_or_skip

    spark_or_skip()
    ratings = tmp_path / "ratings.csv"
    ratings.write_text(
        "person,skill,level,rater,round\n"
        "Ana,neural-network-architectures,junior,self,2025-H1\n"
        "Bo,neural-network-architectures,senior,self,2025-H1\n",
        encoding="utf-8",
    )
    argv = ["risk", str(ratings), "--role", "llm-engineer", "--target", "senior"]
    done = subprocess.run(
        [sys.executable, "-m", "skilltaxonomy", *argv, "--engine", "spark"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "80"},
        timeout=600,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert "1 skill at risk" in done.stdout.splitlines()
