"""Tests for the exchange commands: export, import, diff and schema."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import openpyxl
import pytest

from skilltaxonomy import (
    dumps,
    json_schema,
    load,
    loads,
    render,
)
from skilltaxonomy.cli import main

from .conftest import SMALL, Document, read_case
from .test_cli import run

HERE = Path(__file__).parent


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(name="small_file")
def _small_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.json"
    path.write_text(json.dumps(SMALL), encoding="utf-8")
    return path


class _BinaryOut(io.TextIOWrapper):
    """A text stream over bytes, like sys.stdout when it is a pipe."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8")

    def isatty(self) -> bool:
        return False


class TestExport:
    def test_json_is_the_canonical_file(self) -> None:
        """The default format is format v1, as dumps writes it."""
        code, out = run("export")
        assert code == 0
        assert loads(out) == load()

    def test_csv_and_matrix(self, small_file: Path) -> None:
        """CSV writes the long table; with --role, that role's matrix."""
        code, out = run("export", "--format", "csv", "--data", str(small_file))
        assert (code, out) == (0, dumps(loads(json.dumps(SMALL)), format="csv"))
        code, out = run("export", "--format", "csv", "--role", "backend", "--data", str(small_file))
        assert out.startswith("Skill,Category,Associate,Engineer,Senior Engineer\r\n")

    def test_bom_and_output_file(self, tmp_path: Path) -> None:
        """--bom starts the file with a byte-order mark; -o writes the file as is."""
        target = tmp_path / "out.csv"
        assert run("export", "--format", "csv", "--bom", "-o", str(target)) == (0, "")
        data = target.read_bytes()
        assert data.startswith(b"\xef\xbb\xbfdomain,category,")
        assert b"\r\n" in data
        assert b"\r\r\n" not in data

    def test_case(self, tmp_path: Path) -> None:
        """--format case writes a CFPackage that reads back to the framework."""
        target = tmp_path / "case.json"
        assert run("export", "--format", "case", "-o", str(target))[0] == 0
        assert read_case(target.read_bytes()).taxonomy == load()

    def test_xlsx_to_a_file_or_a_pipe(self, tmp_path: Path) -> None:
        """XLSX goes to -o, or to a binary stdout that is not a terminal."""
        target = tmp_path / "out.xlsx"
        assert run("export", "--format", "xlsx", "-o", str(target)) == (0, "")
        assert openpyxl.load_workbook(target).sheetnames[0] == "expectations"
        pipe = _BinaryOut()
        assert main(["export", "--format", "xlsx"], pipe) == 0
        pipe.flush()
        assert pipe.buffer.getvalue() == dumps(load(), format="xlsx")  # type: ignore[attr-defined]

    def test_xlsx_needs_a_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without -o and a binary stdout, XLSX is refused with a hint."""
        assert run("export", "--format", "xlsx") == (2, "")
        assert capsys.readouterr().err == (
            "skilltaxonomy: error: XLSX is binary: write it to a file with -o\n"
        )

    def test_role_needs_csv(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--role only makes sense for CSV."""
        assert run("export", "--format", "case", "--role", "llm-engineer") == (2, "")
        assert "--role needs --format csv" in capsys.readouterr().err


class TestImport:
    def test_csv(self, tmp_path: Path) -> None:
        """A CSV table becomes a format v1 file, named after the file unless told."""
        table = tmp_path / "ladder.csv"
        table.write_text(dumps(load(), format="csv", bom=True), encoding="utf-8")
        code, out = run("import", str(table), "--from", "csv")
        assert code == 0
        assert loads(out).name == "ladder"
        code, out = run("import", str(table), "--from", "csv", "--name", "Ours")
        assert loads(out).name == "Ours"

    def test_encoding(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--encoding names the file's encoding; by default it is told, and the summary says it."""
        table = tmp_path / "ladder.csv"
        text = dumps(load(), format="csv").replace("Knows main", "Knows the team\u2019s main")
        table.write_bytes(text.encode("cp1252"))
        code, out = run("import", str(table), "--from", "csv")
        assert code == 0
        assert "team\u2019s" in out
        assert capsys.readouterr().err.splitlines()[-1].endswith("; text read as cp1252")
        code, _ = run("import", str(table), "--encoding", "utf-8")
        assert code == 1
        err = capsys.readouterr().err.splitlines()
        assert err[1].startswith("  row 3, column H (description): not utf-8 text (byte 0x92")
        assert run("validate", str(table), "--encoding", "cp1252")[0] == 0
        assert run("validate", str(table), "--encoding", "utf-8")[0] == 1
        code, _ = run(
            "validate", str(HERE / "data" / "case" / "tree-standards.json"), "--encoding", "cp1252"
        )
        assert code == 2
        assert "--encoding is for text formats; json is not one" in capsys.readouterr().err

    def test_xlsx_to_a_file(self, tmp_path: Path) -> None:
        """An XLSX workbook becomes a format v1 file, its name from the workbook."""
        book, target = tmp_path / "ladder.xlsx", tmp_path / "ladder.json"
        book.write_bytes(dumps(load(), format="xlsx"))
        assert run("import", str(book), "--from", "xlsx", "-o", str(target)) == (0, "")
        assert loads(target.read_bytes()) == load()

    def test_case_lists_what_it_skips(self, capsys: pytest.CaptureFixture[str]) -> None:
        """What a CASE package holds beyond the framework is listed on stderr."""
        package = HERE / "data" / "case" / "example-data-careers.json"
        code, out = run("import", str(package), "--from", "case", "--name", "Renamed")
        assert code == 0
        assert loads(out).name == "Renamed"
        err = capsys.readouterr().err.splitlines()
        assert err[0] == f"skilltaxonomy: {package}: 10 parts of it not kept:"
        assert err[1] == "  $.CFDocument.subject: not kept (a framework has no such field)"

    def test_a_summary_line_closes_the_report(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Import says what it read and what it did not keep, in one line."""
        package = HERE / "data" / "case" / "tree-standards.json"
        code, out = run("import", str(package), "--from", "case")
        assert code == 0
        assert len(loads(out).skills) == 5
        assert capsys.readouterr().err.splitlines() == [
            f"skilltaxonomy: {package}: read 2 domains, 5 skills, 1 scale, 3 definitions; "
            "nothing left out"
        ]

    def test_a_page_import_says_what_it_read(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A skill page's import closes with the same one-line summary as every other format."""
        page = tmp_path / "page.md"
        page.write_text(render(load().profile("neural-network-architectures"), "md"))
        code, _ = run("import", str(page), "--from", "page", "-o", str(tmp_path / "out.json"))
        assert code == 0
        assert capsys.readouterr().err.splitlines() == [
            f"skilltaxonomy: {page}: read 1 domain, 1 skill, 2 roles, 5 levels, 10 expectations; "
            "nothing left out"
        ]

    def test_a_package_that_yields_no_skill_is_an_error(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A package with no skill in it exits 1 and writes nothing."""
        package = json.loads((HERE / "data" / "case" / "tree-standards.json").read_text())
        package["CFItems"], package["CFAssociations"], package["CFRubrics"] = [], [], []
        empty = tmp_path / "empty.json"
        empty.write_text(json.dumps(package), encoding="utf-8")
        target = tmp_path / "out.json"
        assert run("import", str(empty), "--from", "case", "-o", str(target))[0] == 1
        assert not target.exists()
        assert capsys.readouterr().err.splitlines()[-1] == (
            f"skilltaxonomy: error: {empty}: no skill read, nothing written"
        )

    def test_case_strict(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--strict turns anything skipped into an error, exit 1."""
        package = HERE / "data" / "case" / "example-data-careers.json"
        assert run("import", str(package), "--from", "case", "--strict") == (1, "")
        assert capsys.readouterr().err.startswith(f"skilltaxonomy: error: {package}: 10 problems\n")

    def test_bad_table(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A bad row is reported with its place, exit 1."""
        table = tmp_path / "bad.csv"
        table.write_text(
            "domain,skill,role,level,level_rank,mandatory,description\n"
            "Eng,Python,Dev,Junior,one,yes,Writes.\n",
            encoding="utf-8",
        )
        assert run("import", str(table), "--from", "csv") == (1, "")
        assert capsys.readouterr().err == (
            f"skilltaxonomy: error: {table}: 1 problem\n"
            "  row 2, column E (level_rank): expected a rank: 1, 2, 3…, got 'one'\n"
        )


class TestDiff:
    def test_changelog(self, tmp_path: Path, small_file: Path) -> None:
        """Diff prints a readable changelog of two files."""
        document: Document = copy.deepcopy(SMALL)
        document["skills"][1]["name"] = "SQL 2"
        newer = tmp_path / "newer.json"
        newer.write_text(json.dumps(document), encoding="utf-8")
        code, out = run("diff", str(small_file), str(newer), "--format", "md")
        assert code == 0
        assert out.splitlines()[0] == "# Changes from Small 1 to Small 1"
        assert "| Skill | sql | name: 'SQL' → 'SQL 2' |" in out
        code, out = run("diff", str(small_file), str(newer), "--format", "json")
        assert json.loads(out) == [
            {
                "kind": "skill",
                "key": "sql",
                "action": "changed",
                "name": "SQL 2",
                "fields": [{"field": "name", "old": "SQL", "new": "SQL 2"}],
            }
        ]

    def test_invalid_file(self, tmp_path: Path, small_file: Path) -> None:
        """An invalid file exits 1, like validate."""
        bad = tmp_path / "bad.json"
        bad.write_text("{}", encoding="utf-8")
        assert run("diff", str(small_file), str(bad))[0] == 1


def test_schema() -> None:
    """Schema prints the shipped JSON Schema."""
    code, out = run("schema")
    assert code == 0
    assert json.loads(out) == json_schema()


def test_schema_of_format_v1() -> None:
    """Schema --format-version 1 prints format v1's schema."""
    code, out = run("schema", "--format-version", "1")
    assert code == 0
    assert json.loads(out) == json_schema(1)


def test_export_format_v1(tmp_path: Path) -> None:
    """Export writes format v1 on request, and refuses what v1 cannot hold."""
    code, out = run("export", "--format-version", "1")
    assert code == 0
    assert json.loads(out)["format"] == "skilltaxonomy/1"
    shapes = Path(__file__).parent / "data" / "shapes"
    for shape, command in (
        ("role-page.json", ("--format-version", "1")),
        ("catalogue.json", ("--format", "csv")),  # the framework's licence: not in a CSV
    ):
        code, out = run("export", *command, "--data", str(shapes / shape))
        assert (code, out) == (1, "")  # the reason on stderr, nothing half-written
    code, _ = run("export", "--format", "csv", "--format-version", "1")
    assert code == 2


class TestImportOptions:
    """import reads CASE repeats, cut role pages and downloads as the library does."""

    DATA = Path(__file__).parent / "data"

    def test_case_with_a_repeated_identifier(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--on-duplicate first reads the first of two objects with one identifier."""
        package = json.loads((self.DATA / "case" / "tree-standards.json").read_text())
        package["CFItems"].append(dict(package["CFItems"][3], fullStatement="Another"))
        path = tmp_path / "dup.json"
        path.write_text(json.dumps(package), encoding="utf-8")
        out = tmp_path / "out.json"
        assert run("import", str(path), "-o", str(out)) == (1, "")
        assert "duplicate identifier" in capsys.readouterr().err
        assert run("import", str(path), "--on-duplicate", "first", "-o", str(out)) == (0, "")
        assert "$.CFItems[9]: not read: duplicate identifier" in capsys.readouterr().err
        assert len(load(out).skills) == 5

    def test_on_duplicate_is_for_case(self, tmp_path: Path) -> None:
        """--on-duplicate with another format is a usage error."""
        path = tmp_path / "t.csv"
        path.write_text("x", encoding="utf-8")
        with pytest.raises(SystemExit):
            main(["import", str(path), "--on-duplicate", "nope"])
        assert main(["import", str(path), "--on-duplicate", "first"]) == 2

    def test_partial_role_page(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A role page cut short imports with --partial, what it lacks on stderr."""
        page = (Path(__file__).parent / "formats" / "role_pages" / "site-en.md").read_text(
            encoding="utf-8"
        )
        cut = tmp_path / "cut.md"
        cut.write_text("\n".join(page.splitlines()[:14]) + "\n", encoding="utf-8")
        out = tmp_path / "out.json"
        argv = ["import", str(cut), "--from", "role-page", "-o", str(out)]
        assert run(*argv) == (1, "")
        assert "or read it with partial=True or --partial" in capsys.readouterr().err
        assert run(*argv, "--partial") == (0, "")
        assert "this copy ends early; not in it:" in capsys.readouterr().err


def test_site_port_is_checked_first(capsys: pytest.CaptureFixture[str]) -> None:
    """A port out of range is a usage error before anything is built."""
    with pytest.raises(SystemExit) as caught:
        main(["site", "-o", "never-written", "--serve", "--port", "99999"])
    assert caught.value.code == 2
    assert "expected a port from 0 to 65535, got 99999" in capsys.readouterr().err
    assert not Path("never-written").exists()
