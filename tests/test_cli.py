"""Tests for the ``skilltaxonomy`` command."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from skilltaxonomy._cli import main

from .conftest import Document

NNA = "neural-network-architectures"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


@pytest.fixture(autouse=True)
def _fixed_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


class TestShow:
    def test_profile_tables(self) -> None:
        """Show prints the header block and one table per level."""
        code, out = run("show", NNA)
        assert code == 0
        lines = out.splitlines()
        assert lines[:4] == [
            "Neural Network Architectures",
            "Machine Learning & AI › Deep Learning",
            "Updated 2026-02-22",
            "2 roles · 5 levels · 0 mandatory, 10 optional",
        ]
        assert lines[5:8] == [
            "Junior (level 1)",
            "  Role            Required  Description",
            "  Data Scientist            Understands basic neural network architectures: MLP,",
        ]
        assert "Principal (level 5)" in lines
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
        ],
    )
    def test_unknown_names(
        self, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Unknown names exit 2 with suggestions on standard error."""
        assert run(*argv) == (2, "")
        assert capsys.readouterr().err == message

    def test_other_data(self, tmp_path: Path, document: Document) -> None:
        """--data reads another framework."""
        path = tmp_path / "small.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        code, out = run("--data", str(path), "show", "sql")
        assert code == 0
        assert out.splitlines()[:3] == [
            "SQL",
            "Engineering › Languages",
            "1 role · 1 level · 0 mandatory, 1 optional",
        ]

    def test_skill_without_expectations(self, tmp_path: Path, document: Document) -> None:
        """A skill nobody expects says so."""
        document["expectations"] = []
        path = tmp_path / "small.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        _, out = run("--data", str(path), "show", "python")
        assert out.splitlines()[-1] == "No expectations."
        assert "Writing Python." in out

    def test_bad_data(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An invalid or missing --data file exits 1 with the reason."""
        path = tmp_path / "bad.json"
        path.write_text("{}", encoding="utf-8")
        assert run("--data", str(path), "show", "x") == (1, "")
        assert capsys.readouterr().err == (
            f"skilltaxonomy: error: {path}: 1 problem\n"
            "  $.format: required key missing (expected 'skilltaxonomy/1')\n"
        )
        assert run("--data", str(tmp_path / "nope.json"), "show", "x") == (1, "")
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

    def test_help_has_examples(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Every command's help shows an example."""
        for argv in ([], ["show"], ["validate"]):
            with pytest.raises(SystemExit):
                main([*argv, "--help"])
            assert "example" in capsys.readouterr().out

    def test_module_and_console_script_agree(self) -> None:
        """``python -m skilltaxonomy`` and the console script print the same."""
        script = Path(sys.executable).parent / (
            "skilltaxonomy.exe" if os.name == "nt" else "skilltaxonomy"
        )
        env = {**os.environ, "COLUMNS": "90"}
        for argv in (["show", NNA], ["show", "nope"], ["--version"]):
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
