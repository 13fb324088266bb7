"""Tests for ESCO's CSV download: occupations, skills in their groups, relations as requirements."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from skilltaxonomy import InvalidTableError, dumps, load, loads

DOWNLOAD = Path(__file__).parent.parent / "data" / "esco" / "esco-test-csv.zip"
B = "http://data.europa.eu/esco/test"


def _files() -> dict[str, str]:
    with zipfile.ZipFile(DOWNLOAD) as archive:
        return {info.filename: archive.read(info).decode("utf-8") for info in archive.infolist()}


def _problems(files: dict[str, str]) -> list[str]:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    with pytest.raises(InvalidTableError) as caught:
        loads(buffer.getvalue(), format="esco")
    return [str(problem) for problem in caught.value.problems]


def test_occupations_skills_and_requirements() -> None:
    """Roles with their ISCO group, skills in their groups, essential as mandatory."""
    taxonomy = load(DOWNLOAD, format="esco")
    analyst = taxonomy.role(f"{B}/occupation/o-analyst")
    assert (analyst.name, analyst.family, analyst.external_id) == (
        "data analyst",
        "Systems analysts",
        "2511.3",
    )
    present = taxonomy.skill(f"{B}/skill/s-present")
    assert (present.domain.name, present.category) == ("skills", "communication skills")
    assert present.extras["esco:altLabels"] == ("present results", "report findings")
    assert taxonomy.skill("tie knots").domain.name == "Other skills"  # no group above it
    assert [(e.skill.name, e.role.name, e.mandatory) for e in taxonomy.expectations] == [
        ("present findings", "data analyst", True),
        ("statistics", "data analyst", True),
        ("listen actively", "data analyst", False),
        ("statistics", "data entry clerk", False),
    ]


def test_languages_merge_into_translations() -> None:
    """English gives the texts; German gives translations, and lookups find them."""
    taxonomy = load(DOWNLOAD, format="esco")
    assert taxonomy.language == "en"
    assert taxonomy.skill("Statistik").translations.text("de", "name") == "Statistik"
    german = taxonomy.in_language("de")
    assert german.role(f"{B}/occupation/o-analyst").name == "Datenanalyst"


def test_other_files_are_reported_and_a_folder_reads_the_same(tmp_path: Path) -> None:
    """A collection the reader does not read is listed; the unpacked folder is the archive."""
    read = load(DOWNLOAD, format="esco", report=True)
    assert [p.path for p in read.skipped] == ["file 'greenSkillsCollection_en.csv'"]
    with zipfile.ZipFile(DOWNLOAD) as archive:
        archive.extractall(tmp_path)
    assert load(tmp_path, format="esco") == read.taxonomy


def test_what_is_read_survives_json_and_case() -> None:
    """The framework read round-trips through format v2 and CASE."""
    taxonomy = load(DOWNLOAD, format="esco")
    assert loads(dumps(taxonomy)) == taxonomy
    assert loads(dumps(taxonomy, format="case"), format="case") == taxonomy


def test_bad_files_are_placed() -> None:
    """Unknown references, unknown relation types and missing files, at file and line."""
    files = _files()
    files["occupationSkillRelations_en.csv"] = files["occupationSkillRelations_en.csv"].replace(
        "s-listen", "s-lisen"
    )
    assert _problems(files) == [
        f"occupationSkillRelations_en.csv, line 4: skillUri: unknown skill '{B}/skill/s-lisen'"
    ]
    files = _files()
    files["occupationSkillRelations_en.csv"] = files["occupationSkillRelations_en.csv"].replace(
        "optional", "nice"
    )
    assert _problems(files) == [
        "occupationSkillRelations_en.csv, line 4: relationType: expected essential or "
        "optional, got 'nice'"
    ]
    files = _files()
    del files["skills_en.csv"], files["skills_de.csv"]
    assert _problems(files) == [
        "skills_en.csv, line 1: the download has no skills file (expected ESCO's CSV files, "
        "such as occupations_en.csv and skills_en.csv)"
    ]
    files = _files()
    files["skills_en.csv"] = files["skills_en.csv"].replace("present findings", " ")
    assert _problems(files) == [
        "skills_en.csv, line 2: preferredLabel: expected text, got an empty field"
    ]


def test_long_chains_and_loops_of_broader_relations() -> None:
    """A chain of 20,000 broader relations is walked once, and a loop is cut, not followed."""
    n = 20_000
    b = "http://x/"
    files = {
        "skills_en.csv": "conceptUri,preferredLabel\n"
        + "".join(f"{b}s{i},s {i}\n" for i in range(n)),
        "occupations_en.csv": f"conceptUri,preferredLabel\n{b}o,o\n",
        "skillGroups_en.csv": f"conceptUri,preferredLabel\n{b}g,g\n{b}h,h\n",
        "broaderRelationsSkillPillar_en.csv": "conceptUri,broaderUri\n"
        + "".join(f"{b}s{i},{b}s{i + 1}\n" for i in range(n - 1))
        + f"{b}s{n - 1},{b}h\n{b}h,{b}g\n{b}g,{b}s{n - 2}\n",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    taxonomy = loads(buffer.getvalue(), format="esco")
    first = taxonomy.skills[0]
    assert (first.domain.name, first.category) in {("g", "h"), ("h", "g")}
    assert len({skill.domain.id for skill in taxonomy.skills}) == 1
