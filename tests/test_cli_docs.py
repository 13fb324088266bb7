"""The command lines the README and the tutorial show run as shown, in an empty folder."""

from __future__ import annotations

import io
import re
import shlex
from pathlib import Path

import pytest

from skilltaxonomy import Assessment, dump, dump_assessment, dumps, load
from skilltaxonomy.cli import main

ROOT = Path(__file__).resolve().parent.parent
NNA = "neural-network-architectures"


def _block(path: Path, after: str) -> str:
    """The first fenced block after the line `after` in a Markdown file."""
    text = path.read_text(encoding="utf-8")
    rest = text[text.index(after) :]
    found = re.search(r"```[a-z]*\n(.*?)```", rest, re.DOTALL)
    assert found is not None
    return found[1]


@pytest.fixture(name="folder")
def _folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder as the current one, with the files the README's lines name."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "88")  # as the tutorial shows it
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    bundled = load()
    dump_assessment(Assessment.build(bundled, "Ana", {NNA: "middle"}), tmp_path / "ana.json")
    for name in ("my-framework.json", "v1.json", "v2.json", "framework.json"):
        dump(bundled, tmp_path / name)
    (tmp_path / "framework.csv").write_text(dumps(bundled, format="csv"), encoding="utf-8")
    return tmp_path


def _run(line: str) -> tuple[int, str]:
    argv = shlex.split(line)
    assert argv[0] == "skilltaxonomy"
    out = io.StringIO()
    return main(argv[1:], out), out.getvalue()


def test_the_readmes_command_lines(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every line of the README's command-line block runs (the site's in tests/site)."""
    copied = _run(f"skilltaxonomy show {NNA} --format md")[1]
    (folder / "copied-page.txt").write_text(copied, encoding="utf-8")
    lines = _block(ROOT / "README.md", "On the command line").splitlines()
    assert len(lines) > 10
    for line in lines:
        if line.startswith("skilltaxonomy site"):
            continue
        code, _ = _run(line)
        assert code == 0, (line, capsys.readouterr().err)
        assert "warning" not in capsys.readouterr().err, line
    assert (folder / "profile.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (folder / "ana.svg").exists()


def test_the_tutorials_command_lines(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each `$` line of the tutorial runs and prints the lines shown under it."""
    block = _block(ROOT / "docs" / "tutorial.md", "## On the command line")
    sessions = re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]
    assert len(sessions) >= 4
    for session in sessions:
        line, *shown = session.splitlines()
        code, out = _run(line)
        assert code == 0, (line, capsys.readouterr().err)
        assert capsys.readouterr().err == ""
        printed = [text.rstrip() for text in out.splitlines()]
        position = 0
        for expected in shown:
            if expected == "…":
                continue
            assert expected in printed[position:], (line, expected)
            position = printed.index(expected, position) + 1
