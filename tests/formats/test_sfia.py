"""Tests for SFIA's spreadsheet: skills as a catalogue on seven levels, CSV and XLSX alike."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

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
