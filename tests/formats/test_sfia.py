"""Tests for SFIA's spreadsheet: skills as a catalogue on seven levels, CSV and XLSX alike."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltaxonomy import InvalidTableError, dumps, load, loads

DATA = Path(__file__).parent.parent / "data" / "sfia"


@pytest.mark.parametrize("name", ["skills.csv", "skills.xlsx"])
def test_the_skills_become_a_catalogue(name: str) -> None:
    """Codes are ids, categories domains, subcategories categories, level texts definitions."""
    taxonomy = load(DATA / name, format="sfia")
    assert (len(taxonomy.roles), len(taxonomy.levels)) == (0, 0)
    tidy = taxonomy.skill("DTAN")
    assert (tidy.name, tidy.domain.name, tidy.category) == (
        "Data tidying",
        "Data and analytics",
        "Data preparation",
    )
    assert tidy.external_id == "https://example.org/skills/DTAN"
    assert tidy.extras["sfia:guidance"] == "Often paired with data modelling."
    assert tidy.extras["sfia:Levels"] == "3-5"  # a column the reader does not map, kept
    assert [d.step.rank for d in taxonomy.definitions.filter(skill="DTAN")] == [3, 4, 5]
    assert taxonomy.skill("DGOV").domain.name == "Governance"


def test_the_workbook_names_and_describes_the_levels() -> None:
    """The levels sheet names the steps, the attributes sheet gives each its extras."""
    read = load(DATA / "skills.xlsx", format="sfia", report=True)
    steps = read.taxonomy.scales[0].steps
    assert [step.name for step in steps][:3] == ["Follow", "Assist", "Apply"]
    assert steps[0].extras["sfia:Autonomy"] == "Autonomy text 1."
    assert [str(p) for p in read.skipped] == [
        "sheet 'Notes': not SFIA's skills, levels or attributes, not read"
    ]


def test_csv_levels_are_numbered() -> None:
    """Without the levels sheet, the steps are Level 1 … Level 7."""
    scale = load(DATA / "skills.csv", format="sfia").scales[0]
    assert [step.name for step in scale.steps] == [f"Level {n}" for n in range(1, 8)]


def test_what_is_read_survives_json_and_case() -> None:
    """The catalogue round-trips through format v2 and CASE."""
    taxonomy = load(DATA / "skills.xlsx", format="sfia")
    assert loads(dumps(taxonomy)) == taxonomy
    assert loads(dumps(taxonomy, format="case"), format="case") == taxonomy


def _rows() -> list[list[str]]:
    return list(csv.reader(io.StringIO((DATA / "skills.csv").read_text(encoding="utf-8"))))


def _problems(rows: list[list[str]], delimiter: str = ",") -> list[str]:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    with pytest.raises(InvalidTableError) as caught:
        loads(buffer.getvalue(), format="sfia")
    return [str(problem) for problem in caught.value.problems]


def test_not_sfia() -> None:
    """A table without SFIA's columns says which it lacks."""
    assert _problems([["Title", "Notes"], ["x", "y"]]) == [
        "row 1: expected SFIA's skills columns: 'Code', 'Skill', 'Level 1 description' … "
        "'Level 7 description'"
    ]


def test_bad_rows_are_placed() -> None:
    """An empty code, a repeated one and a control character, each at its place."""
    rows = _rows()
    rows[1][2] = ""
    rows[3][2] = "vizc"
    rows[2][10] = "Bad\x07text"
    assert _problems(rows, ";") == [
        "row 2, column C (Code): expected text, got an empty cell",
        "row 3, column K (Level 2 description): expected text without control characters, "
        "got 'Bad\\x07text' (U+0007 at character 4)",
        "row 4: skill code 'vizc' repeats row 3",
    ]


def test_a_workbook_without_the_skills_sheet() -> None:
    """A workbook with no sheet of skills is refused."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["Level", "Essence"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(InvalidTableError, match=r"no sheet has SFIA's skills columns"):
        loads(buffer.getvalue(), format="sfia")


WINDOWS = DATA / "skills-cp1252.csv"


def test_the_csv_as_excel_saves_it_on_windows() -> None:
    """Windows-1252 is told from the bytes; a row over several lines is one skill."""
    read = load(WINDOWS, format="sfia", report=True)
    assert read.encoding == "cp1252"
    maps = read.taxonomy.skill("MAPS")
    assert maps.summary == "Finding one\u2019s way with a paper map."
    assert (
        maps.extras["sfia:guidance"]
        == "Pairs well with\r\ncompass use.\r\nSee the team\u2019s guide."
    )
    assert [d.description for d in read.taxonomy.definitions.filter(skill="KNOT")][-1] == (
        "Teaches \u201csafe\u201d knots to others."
    )
    assert not read.skipped
    # SFIA 9's "Levels" header is merged over seven columns: their cells, in order.
    assert (maps.extras["sfia:Levels"], maps.extras["sfia:#"]) == (("1", "2"), "1")
    assert read.taxonomy.skill("KNOT").extras["sfia:Levels"] == ("3", "4", "5")


def test_a_bad_byte_is_placed_at_its_row_and_lines() -> None:
    """With encoding="utf-8", the first 0x92 is placed at its row, the lines it spans, its cell."""
    with pytest.raises(InvalidTableError) as caught:
        load(WINDOWS, format="sfia", encoding="utf-8")
    assert [str(p) for p in caught.value.problems] == [
        "row 2 (lines 2–4), column N (Overall description): not utf-8 text (byte 0x92 at "
        "offset 320); name the file's encoding with encoding= or --encoding"
    ]
    rows = WINDOWS.read_bytes().decode("cp1252").replace("Rope work", "Rope\x07work")
    with pytest.raises(InvalidTableError) as caught:
        loads(rows, format="sfia")
    assert [str(p) for p in caught.value.problems] == [
        "row 3 (line 5), column M (Subcategory): expected text without control characters, "
        "got 'Rope\\x07work' (U+0007 at character 5)"
    ]


def test_the_levels_csv_names_the_steps() -> None:
    """levels= (a path, bytes or text) names and describes the steps as the workbook does."""
    levels = DATA / "levels.csv"  # a column per level, as SFIA 9 publishes it
    for source in (levels, str(levels), levels.read_bytes(), levels.read_bytes().decode("cp1252")):
        steps = load(WINDOWS, format="sfia", levels=source).scales[0].steps
        assert [step.name for step in steps][-3:] == ["Lead", "Steer", "Shape, inspire"]
        assert (steps[0].description, steps[0].extras["sfia:URL"]) == (
            "Essence text 1.",
            "https://example.org/levels/1",
        )
    by_row = "Level,Guiding phrase,Essence,Autonomy\n1,Trail,Follows.,Low\n"
    steps = load(WINDOWS, format="sfia", levels=by_row).scales[0].steps
    assert (steps[0].name, steps[0].extras["sfia:Autonomy"], steps[1].name) == (
        "Trail",
        "Low",
        "Level 2",
    )
    with pytest.raises(InvalidTableError) as caught:
        load(WINDOWS, format="sfia", levels="Level,Guiding phrase\n9,Too high\n")
    assert [str(p) for p in caught.value.problems] == [
        "row 2, column A (Level): expected a level 1 to 7, got '9'"
    ]
    assert caught.value.source == "levels"
    with pytest.raises(InvalidTableError) as caught:
        load(WINDOWS, format="sfia", levels="Level,1,2\nGuiding phrase,Trail,Bad\x07\n")
    assert [str(p) for p in caught.value.problems] == [
        "row 2, column C (Guiding phrase): expected an id or name without control characters, "
        "got 'Bad\\x07' (U+0007 at character 4)"
    ]
    with pytest.raises(InvalidTableError, match=r"row 1: expected SFIA's levels"):
        load(WINDOWS, format="sfia", levels="Title,Notes\nx,y\n")


def test_columns_without_a_header_are_reported() -> None:
    """A cell under no header, or under a repeated one, is listed in the report."""
    rows = _rows()
    rows[0].append("")
    rows[1].append("lost")
    rows[0].append("Levels")
    rows[2] += ["", "again"]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    read = loads(buffer.getvalue(), format="sfia", report=True)
    assert [str(p) for p in read.skipped] == [
        "column Q: 1 cell not kept (the column has no header): row 2",
        "column R: 1 cell not kept (the column repeats column 'Levels'): row 3",
    ]


_CUT_ROWS = [
    ["Code", "Skill", "Category", "Overall description", "Level 2 description", "Notes"],
    ["MAPS", "Map reading", "Field", "Finding one’s way.", "Plans a day’s\nwalk.", "n1"],
    ["KNOT", "Knot tying", "Field", "Tying knots – well.", "Ties “safe” knots.", ""],
    ["FIRE", "Fire making", "Camp", "Making fire safely.", "", "n3"],
]


@settings(max_examples=120, deadline=None)
@given(at=st.floats(0, 1), encoding=st.sampled_from(["utf-8", "cp1252"]))
def test_a_cut_csv_is_refused_or_read_whole(at: float, encoding: str) -> None:
    """SFIA's CSV cut at any byte is refused, or read with every whole row as it is."""
    records = []
    for row in _CUT_ROWS:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerow(row)
        records.append(buffer.getvalue().encode(encoding))
    data = b"".join(records)
    end = round(len(data) * at)
    whole = sum(1 for i in range(len(records)) if len(b"".join(records[: i + 1])) <= end)
    try:
        read = loads(data[:end], format="sfia", report=True)
    except InvalidTableError:
        return
    for row in _CUT_ROWS[1:whole]:
        skill = read.taxonomy.skill(row[0])
        assert (skill.name, skill.summary) == (row[1], row[3])
        assert skill.extras.get("sfia:Notes", "") == row[5]
        texts = [d.description for d in read.taxonomy.definitions.filter(skill=row[0])]
        assert texts == ([row[4]] if row[4] else [])
    assert len(read.taxonomy.skills) <= len(_CUT_ROWS) - 1
