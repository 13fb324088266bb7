"""Tests for the commands about many people: team, coverage, risk, rounds, promotions, raters."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import html5lib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltaxonomy import Assessment, dump_assessment, load
from skilltaxonomy.cli import main

pytest.importorskip("ibis")

NNA = "neural-network-architectures"
RATINGS = (
    "person,skill,level,rater,round\n"
    f"Ana,{NNA},junior,self,2025-H1\n"
    f"Ana,{NNA},senior,manager,2025-H2\n"
    f"Bo,{NNA},middle,self,2025-H2\n"
    f"Bo,{NNA},junior,manager,2025-H2\n"
)
PEOPLE = "person,role,level,org unit\nAna,llm-engineer,middle,Research\nBo,llm-engineer,junior,Research\n"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


@pytest.fixture(name="files")
def _files(tmp_path: Path) -> tuple[str, str]:
    ratings, people = tmp_path / "ratings.csv", tmp_path / "people.csv"
    ratings.write_text(RATINGS, encoding="utf-8")
    people.write_text(PEOPLE, encoding="utf-8")
    return str(ratings), str(people)


@pytest.mark.parametrize("engine", ["duckdb", "python"])
def test_team_as_csv_on_each_engine(files: tuple[str, str], engine: str) -> None:
    """The team report is the same table whatever the engine."""
    code, text = run(
        "team",
        files[0],
        "--role",
        "llm-engineer",
        "--target",
        "senior",
        "--engine",
        engine,
        "--format",
        "csv",
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["person"], r["ready"], r["items_met"]) for r in rows] == [
        ("Ana", "True", "3"),
        ("Bo", "False", "1"),
    ]


def test_team_pages_and_output_file(files: tuple[str, str], tmp_path: Path) -> None:
    """Text, Markdown and JSON pages say who is ready; -o writes the file and nothing else."""
    code, text = run("team", files[0], "--role", "llm-engineer", "--target", "senior")
    assert code == 0
    assert text.splitlines()[:6] == [
        "LLM Engineer at Senior: team report",
        "===================================",
        "",
        "2 people, 1 ready (50%)",
        "Ready: Ana.",
        "Ready means every item up to the target is met (readiness policy: all).",
    ]
    code, text = run("team", files[0], "--role", "llm-engineer", "--target", "3", "--format", "md")
    assert text.startswith("# LLM Engineer at Senior: team report\n")
    assert "| Ana | yes | 0 | 3/3 | 0/0 |" in text
    code, text = run(
        "team",
        files[0],
        "--role",
        "llm-engineer",
        "--target",
        "senior",
        "--rater",
        "self",
        "--format",
        "json",
    )
    assert [row["items_met"] for row in json.loads(text)] == [2, 1]
    target = tmp_path / "team.html"
    assert run(
        "team",
        files[0],
        "--role",
        "llm-engineer",
        "--target",
        "senior",
        "--format",
        "html",
        "-o",
        str(target),
    ) == (0, "")
    assert "<table" in target.read_text(encoding="utf-8")


def test_the_other_questions(files: tuple[str, str], tmp_path: Path) -> None:
    """Coverage (with its heatmap), risk, rounds, promotions and raters each print a table."""
    chart = tmp_path / "coverage.svg"
    code, text = run(
        "coverage",
        files[0],
        "--role",
        "llm-engineer",
        "--target",
        "senior",
        "--format",
        "csv",
        "--chart",
        str(chart),
    )
    assert code == 0
    assert text.splitlines()[1].startswith(f"Ana,{NNA},senior,3,3,")
    assert chart.read_text(encoding="utf-8").startswith("<?xml")
    code, text = run(
        "risk", files[0], "--role", "llm-engineer", "--target", "senior", "--format", "csv"
    )
    assert text.splitlines()[1] == f"{NNA},1,Ana"
    code, text = run(
        "rounds",
        files[0],
        "--role",
        "llm-engineer",
        "--target",
        "senior",
        "--before",
        "2025-H1",
        "--after",
        "2025-H2",
        "--format",
        "csv",
    )
    assert text.splitlines()[1] == "Ana,1,3,2,False,True"
    code, text = run("promotions", files[0], "--people", files[1], "--format", "csv")
    assert [line.split(",")[:4] for line in text.splitlines()[1:]] == [
        ["llm-engineer", "middle", "senior", "Ana"],
        ["llm-engineer", "junior", "middle", "Bo"],
    ]
    code, text = run("raters", files[0], "--format", "csv")
    assert text.splitlines()[1:] == [
        f"Ana,{NNA},junior,senior,-2,,,",
        f"Bo,{NNA},middle,junior,1,,,",
    ]


def test_risk_counts_in_words(files: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    """Risk says "1 skill at risk", or that none is; its old --level still works, with a warning."""
    argv = ["risk", files[0], "--role", "llm-engineer"]
    code, text = run(*argv, "--target", "senior")
    assert code == 0
    assert "1 skill at risk" in text.splitlines()
    code, text = run(*argv, "--target", "senior", "--fewer-than", "1")
    assert code == 0
    assert "No skill is at risk." in text.splitlines()
    assert run(*argv, "--level", "senior") == run(*argv, "--target", "senior")
    assert capsys.readouterr().err == (
        "skilltaxonomy: warning: risk --level is deprecated and will be removed in the next "
        "release; use risk --target\n"
    )


def test_the_team_in_words(files: tuple[str, str]) -> None:
    """The team's summary counts people in words."""
    code, text = run("team", files[0], "--role", "llm-engineer", "--target", "senior")
    assert (code, text.splitlines()[3]) == (0, "2 people, 1 ready (50%)")


def test_the_team_report_as_one_file(files: tuple[str, str], tmp_path: Path) -> None:
    """--format html -o writes the team report, its charts inline; --chart writes one too."""
    report, chart = tmp_path / "report.html", tmp_path / "team.svg"
    argv = ["team", files[0], "--people", files[1], "--role", "llm-engineer", "--target", "senior"]
    code, text = run(*argv, "--format", "html", "-o", str(report), "--chart", str(chart))
    assert (code, text) == (0, "")
    page = report.read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<title>LLM Engineer at Senior: team report</title>" in page
    assert page.count('<img src="data:image/svg+xml;base64,') == 2
    assert '<th scope="row">Research</th>' in page
    assert chart.read_text(encoding="utf-8").startswith("<?xml")
    assert "Neural Network Architectures" in chart.read_text(encoding="utf-8")
    assert "LLM Engineer at Senior: ready per skill" in chart.read_text(encoding="utf-8")
    png = tmp_path / "team.png"
    code, text = run(*argv, "--format", "csv", "--chart", str(png), "--locale", "es")
    assert code == 0
    assert text.splitlines()[0].startswith("person,ready,blocking,")
    assert png.read_bytes().startswith(b"\x89PNG")
    code, text = run(*argv, "--format", "md", "--locale", "de")
    assert text.startswith("# LLM Engineer auf Stufe Senior: Teambericht\n")
    assert "<img" not in text


@pytest.mark.parametrize("option", ["-o", "--chart"])
def test_the_team_report_refuses_to_overwrite_its_inputs(
    files: tuple[str, str], option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The report or its chart written over the ratings or people is refused; both stay whole."""
    for path in files:
        before = Path(path).read_bytes()
        if option == "--chart":  # a chart's file ends in .svg or .png: no table is one
            with pytest.raises(SystemExit):
                run("team", files[0], "--people", files[1], "--role", "r", option, path)
            assert "a chart is written as .svg or .png" in capsys.readouterr().err
            assert Path(path).read_bytes() == before
            continue
        code, _ = run(
            "team",
            files[0],
            "--people",
            files[1],
            "--role",
            "llm-engineer",
            "--target",
            "senior",
            "--format",
            "html",
            option,
            path,
        )
        assert code == 2
        assert capsys.readouterr().err.splitlines()[-1] == (
            f"skilltaxonomy: error: {path} is also an input: write the output elsewhere"
        )
        assert Path(path).read_bytes() == before


def test_assessment_files_as_ratings(tmp_path: Path) -> None:
    """Assessment files are a team too; gap takes several of them."""
    taxonomy = load()
    paths = []
    for person, level in [("Ana", "senior"), ("Bo", "junior")]:
        path = tmp_path / f"{person}.json"
        dump_assessment(Assessment.build(taxonomy, person, {NNA: level}), path)
        paths.append(str(path))
    code, text = run(
        "team", *paths, "--role", "llm-engineer", "--target", "senior", "--format", "csv"
    )
    assert code == 0
    assert text.splitlines()[1].startswith("Ana,True")
    code, text = run("gap", *paths, "--role", "llm-engineer", "--target", "senior")
    assert code == 0
    assert text.count("LLM Engineer") >= 2
    code, page = run(
        "gap",
        *paths,
        "--role",
        "llm-engineer",
        "--target",
        "senior",
        "--format",
        "html",
        "--locale",
        "de",
    )
    assert code == 0
    assert page.count("<!DOCTYPE html>") == page.count("<html") == 1
    assert re.findall(r"<h[12]>[^<]*</h[12]>", page) == [
        "<h1>2 Lückenberichte</h1>",
        "<h2>Ana: LLM Engineer auf Stufe Senior</h2>",
        "<h2>Bo: LLM Engineer auf Stufe Senior</h2>",
    ]
    html5lib.HTMLParser(strict=True).parse(page)


def test_bad_ratings_are_reported_with_their_place(
    files: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad row is the reader's error, exit 1; nothing is written."""
    bad = tmp_path / "bad.csv"
    bad.write_text(f"person,skill,level\nAna,{NNA},senoir\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    code, _ = run(
        "team", str(bad), "--role", "llm-engineer", "--target", "senior", "-o", str(target)
    )
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        f"skilltaxonomy: error: {bad}: 1 problem",
        "  row 2, column C (level): unknown level 'senoir' (did you mean 'senior'?)",
    ]
    assert not target.exists()
    code, _ = run(
        "team", files[0], "--role", "llm-engineer", "--target", "senior", "--round", "2024"
    )
    assert code == 2
    assert "no round '2024' in the ratings" in capsys.readouterr().err


def test_ratings_in_windows_1252(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A ratings table Excel saved on Windows is read; --encoding names another."""
    path = tmp_path / "ratings.csv"
    path.write_bytes(RATINGS.replace("Bo,", "Bj\u00f6rn,").encode("cp1252"))
    code, text = run("team", str(path), "--role", "llm-engineer", "--target", "senior")
    assert code == 0
    assert "Bj\u00f6rn" in text
    code, _ = run(
        "team", str(path), "--role", "llm-engineer", "--target", "senior", "--encoding", "utf-8"
    )
    assert code == 1
    assert "row 4, column A (person): not utf-8 text (byte 0xf6" in capsys.readouterr().err


_CELL_TEXT = st.text(st.characters(codec="utf-8"), max_size=6)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.none() | _CELL_TEXT,
            st.none() | st.booleans(),
            st.none() | st.integers(-(2**62), 2**62),
            st.none() | st.lists(_CELL_TEXT, max_size=3),
        ),
        max_size=8,
    )
)
def test_an_answer_as_csv_is_the_csv_modules_text(
    rows: list[tuple[str | None, bool | None, int | None, list[str] | None]],
) -> None:
    """An answer's CSV made by Arrow is the csv module's text of the same rows, or left to it."""
    pa = pytest.importorskip("pyarrow")
    from skilltaxonomy.cli import _plain_csv

    names = ["person", "ready", "blocking", "people"]
    kinds = [pa.string(), pa.bool_(), pa.int64(), pa.list_(pa.string())]
    answer = pa.table(
        [pa.array([row[at] for row in rows], kind) for at, kind in enumerate(kinds)], names=names
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    writer.writerows(
        ["" if v is None else ";".join(v) if isinstance(v, list) else v for v in row]
        for row in rows
    )
    found = _plain_csv(answer)
    texts = [row[0] or "" for row in rows] + [";".join(row[3] or []) for row in rows]
    guarded = any(text.startswith(("=", "+", "-", "@", "\t", "\r")) for text in texts)
    if guarded or any(c in text for text in texts for c in ',"\r\n'):
        assert found is None  # quoting, and keeping formulas text, are the csv module's
    else:
        assert found == buffer.getvalue()


def test_csv_cells_that_a_spreadsheet_would_run_stay_text(
    files: tuple[str, str], tmp_path: Path
) -> None:
    """A person named as a formula is written with a leading ' in CSV; JSON keeps the name."""
    ratings = tmp_path / "formula.csv"
    ratings.write_text(
        f'person,skill,level\n"=HYPERLINK(""http://x"")",{NNA},senior\n-Bo,{NNA},junior\n'
        f"Cy,{NNA},junior\n",
        encoding="utf-8",
    )
    argv = ["team", str(ratings), "--role", "llm-engineer", "--target", "senior"]
    code, text = run(*argv, "--format", "csv")
    assert code == 0
    assert [row[0] for row in csv.reader(io.StringIO(text))] == [
        "person",
        '\'=HYPERLINK("http://x")',
        "'-Bo",
        "Cy",
    ]
    code, text = run(*argv, "--format", "json")
    assert [row["person"] for row in json.loads(text)] == ['=HYPERLINK("http://x")', "-Bo", "Cy"]


def test_risk_says_what_it_needs(
    files: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """The --role of risk is required in its usage; without --target it says what that is for."""
    assert run("risk", files[0], "--role", "llm-engineer")[0] == 2
    assert capsys.readouterr().err == (
        "skilltaxonomy: error: risk needs --target (the level each skill is to be met at)\n"
    )
    with pytest.raises(SystemExit):
        run("risk", files[0], "--target", "senior")
    assert "the following arguments are required: --role" in capsys.readouterr().err


def test_outputs_are_checked_before_any_work(
    files: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing folder, or --chart and -o naming one file, is refused before anything is written."""
    argv = ["team", files[0], "--role", "llm-engineer", "--target", "senior", "--format", "html"]
    chart, missing = tmp_path / "chart.svg", tmp_path / "nope" / "report.html"
    assert run(*argv, "-o", str(missing), "--chart", str(chart))[0] == 2
    assert capsys.readouterr().err == (
        f"skilltaxonomy: error: {missing}: there is no folder {missing.parent} to write it in\n"
    )
    assert not chart.exists()
    same = tmp_path / "same.svg"
    assert run(*argv, "-o", str(same), "--chart", str(same))[0] == 2
    assert capsys.readouterr().err == (
        f"skilltaxonomy: error: --chart and -o both name {same}: give each a file of its own\n"
    )
    assert not same.exists()
