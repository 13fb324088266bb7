"""Tests for the ``skilltaxonomy`` command."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from skilltaxonomy import (
    Assessment,
    TaxonomyError,
    cli,
    dump_assessment,
    dumps,
    load,
)
from skilltaxonomy.cli import main

from .conftest import Document

NNA = "neural-network-architectures"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


@pytest.fixture(autouse=True)
def _fixed_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """80 columns and an English environment, whatever the machine running the tests."""
    monkeypatch.setenv("COLUMNS", "80")
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(name="small_file")
def _small_file(tmp_path: Path, document: Document) -> Path:
    path = tmp_path / "small.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


class TestShow:
    def test_profile_page(self) -> None:
        """Show prints the page: header block, figures, one table per level."""
        code, out = run("show", NNA)
        assert code == 0
        lines = out.splitlines()
        assert lines[:7] == [
            "Neural Network Architectures",
            "============================",
            "",
            "Domain",
            "Machine Learning & AI",
            "",
            "Skill profile",
        ]
        assert "2/22/2026" in lines
        assert lines[lines.index("Junior") + 1 : lines.index("Junior") + 3] == [
            "  Role            Required  Description",
            "  Data Scientist            Understands basic neural network architectures: MLP,",
        ]
        assert "Principal" in lines
        assert max(map(len, lines)) <= 80

    def test_wraps_to_the_terminal(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Long descriptions wrap to the terminal width."""
        monkeypatch.setenv("COLUMNS", "60")
        _, out = run("show", NNA)
        assert max(map(len, out.splitlines())) <= 60

    def test_one_role(self) -> None:
        """--role keeps that role's rows only; names work as well as ids."""
        _, out = run("show", "Neural Network Architectures", "--role", "llm engineer")
        assert "LLM Engineer" in out
        assert "Data Scientist" not in out

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (
                ["show", "neural"],
                "skilltaxonomy: error: no skill 'neural' (did you mean 'neural-network-architectures'?)\n",
            ),
            (
                ["show", NNA, "--role", "data scientst"],
                "skilltaxonomy: error: no role 'data scientst' (did you mean 'data-scientist'?)\n",
            ),
            (
                ["matrix", "llm"],
                "skilltaxonomy: error: no role 'llm' (did you mean 'llm-engineer'?)\n",
            ),
            (
                ["compare", NNA, "data-scientist", "--level", "senoir"],
                "skilltaxonomy: error: no level 'senoir' (did you mean 'senior'?)\n",
            ),
            (
                ["compare", NNA, "data-scientist", "--level", "senior", "--target", "junior"],
                "skilltaxonomy: error: target level 'Junior' is below the current level 'Senior'\n",
            ),
            (
                ["skills", "--role", "qa"],
                "skilltaxonomy: error: no role 'qa' (there are 'data-scientist', 'llm-engineer')\n",
            ),
            (
                ["levels", "--locale", "fr"],
                "skilltaxonomy: error: unsupported locale 'fr': expected one of de, en, es\n",
            ),
        ],
    )
    def test_unknown_names(
        self, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Unknown names exit 2 with suggestions on standard error."""
        assert run(*argv) == (2, "")
        assert capsys.readouterr().err == message

    def test_other_data(self, small_file: Path) -> None:
        """--data reads another framework, before or after the command."""
        code, out = run("show", "sql", "--data", str(small_file))
        assert code == 0
        assert out.splitlines()[:5] == ["SQL", "===", "", "Domain", "Engineering"]
        assert "Engineering › Languages" in out.splitlines()
        assert run("show", "sql", "--data", str(small_file)) == (code, out)

    def test_skill_without_expectations(self, tmp_path: Path, document: Document) -> None:
        """A skill nobody expects says so."""
        document["expectations"] = []
        path = tmp_path / "small.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        _, out = run("show", "python", "--data", str(path))
        assert out.splitlines()[-1] == "No expectations."
        assert "Writing Python." in out

    @pytest.mark.parametrize(
        ("environ", "label"),
        [("es_ES.UTF-8", "Dominio"), ("de_DE.UTF-8", "Domäne"), ("fr_FR", "Domain")],
    )
    def test_locale_from_the_environment(
        self, monkeypatch: pytest.MonkeyPatch, environ: str, label: str
    ) -> None:
        """Without --locale, the environment's language is used, else English."""
        monkeypatch.setenv("LANG", environ)
        assert run("show", NNA)[1].splitlines()[3] == label

    def test_locale_option_wins(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """--locale overrides the environment, given before or after the command."""
        monkeypatch.setenv("LANG", "es_ES.UTF-8")
        assert run("show", NNA, "--locale", "de")[1].splitlines()[3] == "Domäne"
        assert run("show", NNA, "--locale", "en")[1].splitlines()[3] == "Domain"

    def test_json(self) -> None:
        """--json prints the profile as data."""
        code, out = run("show", NNA, "--format", "json")
        data = json.loads(out)
        assert code == 0
        assert data["roles"] == ["data-scientist", "llm-engineer"]
        assert (data["mandatory_count"], data["optional_count"]) == (0, 10)
        assert data["expectations"][0] == {
            "kind": "expectation",
            "skill": NNA,
            "role": "data-scientist",
            "level": "junior",
            "mandatory": False,
            "description": load().expectations[0].description,
        }
        assert data["skill"]["updated"] == "2026-02-22"


class TestLists:
    def test_skills(self, small_file: Path) -> None:
        """Skills list as a table, filtered by domain, category or role."""
        assert run("skills", "--data", str(small_file)) == (
            0,
            "  Id         Skill      Domain       Category\n"
            "  python     Python     Engineering  Languages\n"
            "  sql        SQL        Engineering  Languages\n"
            "  mentoring  Mentoring  People\n",
        )
        _, out = run("skills", "--role", "manager", "--data", str(small_file))
        assert [line.split()[0] for line in out.splitlines()] == ["Id", "python", "mentoring"]
        _, out = run("skills", "--domain", "people", "--data", str(small_file), "--locale", "es")
        assert out.splitlines()[0].split() == ["Id", "Habilidad", "Dominio", "Categoría"]

    def test_roles_and_levels(self, small_file: Path) -> None:
        """Roles and levels list as tables."""
        assert run("roles") == (
            0,
            "  Id              Role            Family\n"
            "  data-scientist  Data Scientist  ML & AI Engineering\n"
            "  llm-engineer    LLM Engineer\n",
        )
        _, out = run("roles", "--skill", "mentoring", "--data", str(small_file))
        assert out.splitlines()[1].split()[0] == "manager"
        assert run("levels", "--locale", "de")[1].splitlines()[:3] == [
            "  Rang  Id         Stufe",
            "  1     junior     Junior",
            "  2     middle     Middle",
        ]

    @pytest.mark.parametrize(
        ("command", "first"),
        [
            ("skills", {"kind": "skill", "id": NNA}),
            ("roles", {"kind": "role", "id": "data-scientist", "family": "ML & AI Engineering"}),
            ("levels", {"kind": "level", "id": "junior", "rank": 1}),
        ],
    )
    def test_json(self, command: str, first: dict[str, object]) -> None:
        """--json lists records."""
        code, out = run(command, "--format", "json")
        assert code == 0
        record = json.loads(out)[0]
        assert {key: record[key] for key in first} == first


class TestMatrixCompareSearch:
    def test_matrix(self) -> None:
        """A role's matrix prints a section per skill in text, a grid in Markdown."""
        _, out = run("matrix", "data-scientist")
        assert out.splitlines()[:6] == [
            "Data Scientist: skills by level",
            "===============================",
            "",
            "ML & AI Engineering",
            "1 skill, 5 levels, 0 mandatory, 5 requirements",
            "",
        ]
        _, out = run("matrix", "LLM Engineer", "--format", "md")
        assert "| Skill | Junior | Middle | Senior | Lead / Staff | Principal |" in out
        data = json.loads(run("matrix", "llm-engineer", "--format", "json")[1])
        assert data["levels"] == ["junior", "middle", "senior", "lead", "principal"]
        assert data["rows"][0]["skill"] == NNA
        assert data["rows"][0]["cells"][4]["level"] == "principal"

    def test_compare(self) -> None:
        """Compare shows now and what is new, to the next level by default."""
        _, out = run("compare", NNA, "data-scientist", "--level", "junior", "--locale", "es")
        lines = out.splitlines()
        assert lines[3:5] == [
            "Junior → Middle",
            "1 nivel más, 1 expectativa por cubrir, 0 obligatorias",
        ]
        assert "Ahora: Junior" in lines
        assert "Nuevo en Middle" in lines
        data = json.loads(
            run(
                "compare",
                NNA,
                "data-scientist",
                "--level",
                "1",
                "--target",
                "3",
                "--format",
                "json",
            )[1]
        )
        assert (data["current"], data["target"], data["crossed"]) == (
            "junior",
            "senior",
            ["middle", "senior"],
        )
        assert len(data["steps"]) == 2
        top = json.loads(
            run("compare", NNA, "data-scientist", "--level", "principal", "--format", "json")[1]
        )
        assert (top["target"], top["target_expectation"], top["steps"]) == (None, None, [])

    def test_search(self) -> None:
        """Search lists what matched, names first."""
        _, out = run("search", "mixture of experts")
        assert out.splitlines()[0].split() == ["Kind", "Id", "Text"]
        assert out.splitlines()[1].startswith(
            "  Expectation  llm-engineer · middle  Neural Network Architectures:"
        )
        _, out = run("search", "engineer")
        assert out.splitlines()[1].split()[:2] == ["Role", "llm-engineer"]
        found = json.loads(run("search", "principal", "--format", "json")[1])
        assert found[0] == {"kind": "level", "id": "principal", "name": "Principal", "rank": 5}
        assert run("search", "zzz", "--format", "json") == (0, "[]\n")


class TestPagesAndImport:
    @pytest.mark.parametrize("locale", ["en", "es", "de"])
    def test_formats(self, locale: str) -> None:
        """Show writes Markdown, text, or a whole HTML document."""
        _, md = run("show", NNA, "--format", "md", "--locale", locale)
        assert md.startswith("# Neural Network Architectures\n")
        _, page = run("show", NNA, "--format", "html", "--locale", locale)
        assert page.startswith(f'<!DOCTYPE html>\n<html lang="{locale}">')
        _, text = run("show", NNA, "--locale", locale)
        assert text.startswith("Neural Network Architectures\n=====")

    def test_import_page_round_trip(self, tmp_path: Path) -> None:
        """A page written by show and imported back gives the bundled framework's expectations."""
        page = tmp_path / "page.md"
        page.write_text(run("show", NNA, "--format", "md", "--locale", "de")[1], encoding="utf-8")
        out_file = tmp_path / "nna.json"
        argv = [
            "import",
            str(page),
            "--from",
            "page",
            "--skill-id",
            NNA,
            "--skill-name",
            "Neural Network Architectures",
        ]
        assert run(*argv, "-o", str(out_file)) == (0, "")
        assert load(out_file).expectations == load().expectations
        code, out = run(*argv)
        assert code == 0
        assert out == out_file.read_text(encoding="utf-8")

    def test_import_the_seed(self) -> None:
        """The copied Spanish page imports with the bundled roles' ids."""
        seed = (
            Path(__file__).resolve().parent.parent / "sources" / "skill-profile-deep-learning.txt"
        )
        code, out = run(
            "import", str(seed), "--from", "page", "--skill-id", NNA, "--skill-name", "NNA"
        )
        assert code == 0
        assert '"family": "ML & AI Engineering"' in out

    def test_page_options_are_for_pages(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--skill-id and the other page options are refused for another format."""
        assert run("import", "x.csv", "--skill-id", "s") == (2, "")
        assert capsys.readouterr().err == "skilltaxonomy: error: --skill-id is for --from page\n"

    def test_import_bad_pages(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A page that cannot be read exits 1 with its problems, in any encoding."""
        page = tmp_path / "page.md"
        page.write_text("Dominio\nD\n", encoding="utf-8")
        argv = ["import", str(page), "--from", "page", "--skill-id", "s", "--skill-name", "S"]
        assert run(*argv) == (1, "")
        assert capsys.readouterr().err == (
            f"skilltaxonomy: error: {page}: 1 problem\n"
            "  line 2: expected a table per level; the page has none\n"
        )
        page.write_bytes("Dominio\nD\n".encode("utf-16"))
        assert run(*argv) == (1, "")
        assert capsys.readouterr().err == (
            f"skilltaxonomy: error: {page}: 1 problem\n"
            "  line 2: expected a table per level; the page has none\n"
        )
        argv[1] = str(tmp_path / "nope.md")
        assert run(*argv) == (1, "")
        assert "No such file or directory" in capsys.readouterr().err


class TestOldSpellings:
    """The spellings of the last release still work, each with one line of deprecation."""

    @pytest.mark.parametrize(
        ("old", "new", "warning"),
        [
            (
                ["--json", "levels"],
                ["levels", "--format", "json"],
                "--json is deprecated and will be removed in the next release; use --format json",
            ),
            (
                ["--locale", "de", "levels"],
                ["levels", "--locale", "de"],
                "--locale before the command is deprecated and will be removed in the next "
                "release; use levels ... --locale de",
            ),
            (
                ["compare", NNA, "data-scientist", "junior", "senior"],
                ["compare", NNA, "data-scientist", "--level", "junior", "--target", "senior"],
                "levels given after the skill and role is deprecated and will be removed in "
                "the next release; use --level junior --target senior",
            ),
            (
                ["path", "data-scientist", "junior", "senior"],
                ["path", "data-scientist", "--level", "junior", "--target", "senior"],
                "levels given after the role is deprecated and will be removed in the next "
                "release; use --level junior --target senior",
            ),
            (
                ["render", NNA],
                ["show", NNA, "--format", "md"],
                "render is deprecated and will be removed in the next release; use show "
                "--format md",
            ),
        ],
    )
    def test_old_spelling(
        self,
        old: list[str],
        new: list[str],
        warning: str,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """An old spelling prints what the new one prints, and one warning on stderr."""
        assert run(*old) == run(*new)
        assert capsys.readouterr().err == f"skilltaxonomy: warning: {warning}\n"

    def test_import_page(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """import-page is import --from page."""
        page = tmp_path / "page.md"
        page.write_text(run("show", NNA, "--format", "md")[1], encoding="utf-8")
        options = ["--skill-id", NNA, "--skill-name", "NNA"]
        assert run("import-page", str(page), *options) == run(
            "import", str(page), "--from", "page", *options
        )
        summary = (
            f"skilltaxonomy: {page}: read 1 domain, 1 skill, 2 roles, 5 levels, 10 expectations;"
            " nothing left out\n"
        )
        assert capsys.readouterr().err == (
            "skilltaxonomy: warning: import-page is deprecated and will be removed in the next "
            f"release; use import FILE --from page\n{summary}{summary}"
        )

    def test_an_option_the_command_does_not_take(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--data before a command that reads no framework is refused, not ignored."""
        assert run("--data", "x.json", "schema") == (2, "")
        assert capsys.readouterr().err == "skilltaxonomy: error: schema takes no --data\n"


class TestGapAndPath:
    @pytest.fixture(name="ana")
    def _ana(self, tmp_path: Path) -> Path:
        path = tmp_path / "ana.json"
        path.write_text(
            json.dumps(
                {
                    "format": "skilltaxonomy-assessment/1",
                    "person": "Ana",
                    "role": "data-scientist",
                    "level": "middle",
                    "ratings": [{"skill": NNA, "level": "middle"}],
                }
            ),
            encoding="utf-8",
        )
        return path

    def test_gap(self, ana: Path, tmp_path: Path) -> None:
        """Gap reads an assessment and reports against the next level by default."""
        code, out = run("gap", str(ana))
        assert code == 0
        assert out.splitlines()[:5] == [
            "Ana: Data Scientist at Senior",
            "=============================",
            "",
            "Not ready: 1 item to cover.",
            "2 of 3 items met; 0 of 0 mandatory.",
        ]
        data = json.loads(
            run("gap", str(ana), "--role", "llm-engineer", "--target", "5", "--format", "json")[1]
        )
        assert (data["role"], data["target"], data["items_met"], data["items_required"]) == (
            "llm-engineer",
            "principal",
            2,
            5,
        )
        assert [e["level"] for e in data["skills"][0]["to_cover"]] == [
            "senior",
            "lead",
            "principal",
        ]
        chart = tmp_path / "ana.svg"
        code, page = run("gap", str(ana), "--format", "md", "--chart", str(chart), "--locale", "de")
        assert page.startswith("# Ana: Data Scientist auf Stufe Senior")
        assert "Neural Network Architectures" in chart.read_text(encoding="utf-8")
        png = tmp_path / "ana.png"
        assert run("gap", str(ana), "--format", "json", "--chart", str(png))[0] == 0
        assert png.read_bytes().startswith(b"\x89PNG")

    def test_gap_errors(
        self, ana: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A bad assessment exits 1 with its problems; an unknown target exits 2."""
        bad = tmp_path / "bad.json"
        bad.write_text(
            ana.read_text(encoding="utf-8").replace('"middle"}', '"midle"}'), encoding="utf-8"
        )
        assert run("gap", str(bad)) == (1, "")
        assert capsys.readouterr().err == (
            f"skilltaxonomy: error: {bad}: 1 problem\n"
            "  $.ratings[0].level: unknown level 'midle' (did you mean 'middle'?)\n"
        )
        assert run("gap", str(ana), "--target", "staff") == (2, "")
        assert "no level 'staff'" in capsys.readouterr().err

    def test_path(self) -> None:
        """Path lists what is new at each level, as text, Markdown or JSON."""
        _, out = run(
            "path",
            "data-scientist",
            "--level",
            "junior",
            "--target",
            "senior",
            "--format",
            "md",
            "--locale",
            "es",
        )
        assert out.startswith("# Data Scientist: de Junior a Senior\n\n2 pasos\n\n## Middle\n")
        data = json.loads(
            run("path", "llm-engineer", "--level", "1", "--target", "5", "--format", "json")[1]
        )
        assert [step["level"] for step in data["steps"]] == [
            "middle",
            "senior",
            "lead",
            "principal",
        ]
        assert run("path", "llm-engineer", "--level", "senior", "--target", "junior")[0] == 2


class TestExitCodes:
    def test_bad_data(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An invalid or missing --data file exits 1 with the reason."""
        path = tmp_path / "bad.json"
        path.write_text("{}", encoding="utf-8")
        assert run("show", "x", "--data", str(path)) == (1, "")
        assert capsys.readouterr().err == (
            f"skilltaxonomy: error: {path}: 1 problem\n"
            "  $.format: required key missing (expected 'skilltaxonomy/1' or 'skilltaxonomy/2')\n"
        )
        assert run("show", "x", "--data", str(tmp_path / "nope.json")) == (1, "")
        assert (
            capsys.readouterr().err
            == f"skilltaxonomy: error: {tmp_path / 'nope.json'}: No such file or directory\n"
        )


class TestValidate:
    def test_valid(self, tmp_path: Path, document: Document) -> None:
        """A valid file exits 0 with a one-line summary."""
        path = tmp_path / "small.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        assert run("validate", str(path)) == (
            0,
            f"{path}: valid framework 'Small': 2 domains, 3 skills, 2 roles, 3 levels, 6 expectations\n",
        )

    def test_invalid(self, tmp_path: Path, document: Document) -> None:
        """An invalid file exits 1 listing every problem with its place."""
        document["skills"][0]["domain"] = "engg"
        document["expectations"][0]["mandatory"] = None
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        assert run("validate", str(path)) == (
            1,
            f"{path}: 1 problem\n  $.expectations[0].mandatory: expected true or false, got null\n",
        )
        document["expectations"][0]["mandatory"] = True
        path.write_text(json.dumps(document), encoding="utf-8")
        assert run("validate", str(path)) == (
            1,
            f"{path}: 1 problem\n  $.skills[0].domain: unknown domain 'engg' (did you mean 'eng'?)\n",
        )

    def test_json(self, small_file: Path, tmp_path: Path, document: Document) -> None:
        """--json reports validity and every problem as data."""
        code, out = run("validate", str(small_file), "--format", "json")
        assert (code, json.loads(out)) == (
            0,
            {
                "file": str(small_file),
                "valid": True,
                "summary": "2 domains, 3 skills, 2 roles, 3 levels, 6 expectations",
            },
        )
        document["levels"][0]["name"] = ""
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps(document), encoding="utf-8")
        code, out = run("validate", str(bad), "--format", "json")
        assert (code, json.loads(out)["problems"]) == (
            1,
            [{"path": "$.levels[0].name", "message": "expected a non-empty string, got ''"}],
        )

    def test_missing(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing file exits 1."""
        assert run("validate", str(tmp_path / "nope.json"))[0] == 1
        assert "No such file or directory" in capsys.readouterr().err


class TestEntryPoints:
    def test_usage_errors_exit_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing command is a usage error."""
        with pytest.raises(SystemExit) as caught:
            main([])
        assert caught.value.code == 2
        assert "COMMAND" in capsys.readouterr().err

    @pytest.mark.parametrize("command", cli.COMMANDS)
    def test_help_has_examples(self, command: str, capsys: pytest.CaptureFixture[str]) -> None:
        """Every command's help shows an example of itself."""
        with pytest.raises(SystemExit) as caught:
            main([command, "--help"])
        assert caught.value.code == 0
        out = capsys.readouterr().out
        assert (
            f"examples:\n  skilltaxonomy {command}" in out or "examples:\n  skilltaxonomy --" in out
        )
        assert f"skilltaxonomy {command}" in out.split("examples:")[1] or command == "show"

    def test_main_help(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The main help lists the commands and examples."""
        with pytest.raises(SystemExit):
            main(["--help"])
        out = capsys.readouterr().out
        assert "examples:" in out
        for command in cli.COMMANDS:
            assert f"\n    {command}" in out
        assert "render" not in out
        assert "import-page" not in out

    def test_module_and_console_script_agree(self) -> None:
        """``python -m skilltaxonomy`` and the console script print the same."""
        script = Path(sys.executable).parent / (
            "skilltaxonomy.exe" if os.name == "nt" else "skilltaxonomy"
        )
        env = {**os.environ, "COLUMNS": "90"}
        for argv in (["show", NNA], ["show", "nope"], ["--version"], ["--locale", "es", "levels"]):
            module = subprocess.run(
                [sys.executable, "-m", "skilltaxonomy", *argv],
                capture_output=True,
                text=True,
                env=env,
                check=False,
            )
            console = subprocess.run(
                [script, *argv], capture_output=True, text=True, env=env, check=False
            )
            assert (module.returncode, module.stdout, module.stderr) == (
                console.returncode,
                console.stdout,
                console.stderr,
            )
            assert module.stdout or module.stderr


class TestHostileRuns:
    """The command line loses no file and prints no traceback, whatever it is given."""

    def test_closed_stdout(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """With standard output closed (Python sets it to None), the error says so."""
        monkeypatch.setattr(sys, "stdout", None)
        assert main(["levels"]) == 1
        assert capsys.readouterr().err == (
            "skilltaxonomy: error: standard output is closed (use -o FILE)\n"
        )

    def test_an_error_without_a_file_name(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An OSError that names no file is shown without a "None:"."""

        def failing(*_: object, **__: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr("skilltaxonomy.formats._api.load", failing)
        assert run("levels")[0] == 1
        assert capsys.readouterr().err == "skilltaxonomy: error: No space left on device\n"

    def test_import_onto_its_input(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`import -o` onto its own input is refused and the input is kept."""
        table = tmp_path / "ladder.csv"
        table.write_text(dumps(load(), format="csv"), encoding="utf-8")
        before = table.read_bytes()
        assert run("import", str(table), "-o", str(table))[0] == 2
        assert capsys.readouterr().err == (
            f"skilltaxonomy: error: {table} is also an input: write the output elsewhere\n"
        )
        assert table.read_bytes() == before

    def test_chart_onto_the_assessment(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`gap --chart` onto the assessment it reads is refused and the assessment kept."""
        ana = tmp_path / "ana.svg"
        dump_assessment(Assessment.build(load(), "Ana", {"neural-network-architectures": 1}), ana)
        before = ana.read_bytes()
        code, _ = run(
            "gap", str(ana), "--role", "llm-engineer", "--target", "2", "--chart", str(ana)
        )
        assert code == 2
        assert "is also an input" in capsys.readouterr().err
        assert ana.read_bytes() == before

    @pytest.mark.parametrize("command", ["gap", "team", "coverage"])
    def test_a_chart_is_svg_or_png(
        self, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--chart with another suffix is refused before any work, and nothing is written."""
        chart = tmp_path / "chart.pdf"
        with pytest.raises(SystemExit) as caught:
            run(command, "input", "--chart", str(chart))
        assert caught.value.code == 2
        assert capsys.readouterr().err.splitlines()[-1] == (
            f"skilltaxonomy {command}: error: argument --chart: '{chart}': a chart is written"
            " as .svg or .png"
        )
        assert not chart.exists()

    def test_a_bad_name_is_refused(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`--name` with a control character is refused; nothing is written."""
        table = tmp_path / "ladder.csv"
        table.write_text(dumps(load(), format="csv"), encoding="utf-8")
        out = tmp_path / "out.json"
        assert run("import", str(table), "--name", "Evil\x1b[2J", "-o", str(out))[0] == 1
        assert "control characters" in capsys.readouterr().err
        assert not out.exists()

    def test_problem_paths_are_escaped(self, tmp_path: Path) -> None:
        """`validate` shows a key's reordering character as an escape, never raw."""
        bad = tmp_path / "bad.json"
        bad.write_text('{"format": "skilltaxonomy/1", "evil\\u202ekey": 1}', encoding="utf-8")
        code, out = run("validate", str(bad))
        assert code == 1
        assert "\u202e" not in out
        assert '$["evil\\u202ekey"]: unknown key' in out

    def test_an_endless_input(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`import /dev/zero` is refused at once instead of reading until memory runs out."""
        if not Path("/dev/zero").exists():
            pytest.skip("needs /dev/zero")
        assert run("import", "/dev/zero", "--from", "csv")[0] == 1
        assert "starts with NUL bytes" in capsys.readouterr().err


class TestLastResort:
    @pytest.mark.parametrize(
        ("raised", "code", "message"),
        [
            (
                TaxonomyError("a library error no command expects"),
                1,
                "a library error no command expects",
            ),
            (MemoryError(), 1, "out of memory"),
        ],
    )
    def test_an_unexpected_error_is_one_line_and_a_status(
        self,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        raised: BaseException,
        code: int,
        message: str,
    ) -> None:
        """Any library error, or memory running out outside a reader, exits 1 without a traceback."""

        def fail(*_: object) -> int:
            raise raised

        monkeypatch.setattr(cli, "_run", fail)
        assert main(["levels"], io.StringIO()) == code
        assert capsys.readouterr().err == f"skilltaxonomy: error: {message}\n"

    def test_ctrl_c_is_status_130(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Stopped with Ctrl-C, the command exits 130, as a shell reports it, without a traceback."""

        def stop(*_: object) -> int:
            raise KeyboardInterrupt

        monkeypatch.setattr(cli, "_run", stop)
        assert main(["levels"], io.StringIO()) == 130
        assert capsys.readouterr().err == ""
