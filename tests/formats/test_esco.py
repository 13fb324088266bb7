"""Tests for ESCO's CSV download: occupations, skills in their groups, relations as requirements."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from unittest import mock

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltaxonomy import InvalidTableError, InvalidValueError, dumps, load, loads
from skilltaxonomy.formats import esco
from skilltaxonomy.formats._archive import Archive

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
    assert next(p.path for p in read.skipped) == "file 'greenSkillsCollection_en.csv'"
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
        f"occupationSkillRelations_en.csv, row 4: skillUri: unknown skill '{B}/skill/s-lisen'"
    ]
    files = _files()
    files["occupationSkillRelations_en.csv"] = files["occupationSkillRelations_en.csv"].replace(
        "optional", "nice"
    )
    assert _problems(files) == [
        "occupationSkillRelations_en.csv, row 4: relationType: expected essential or "
        "optional, got 'nice'"
    ]
    files = _files()
    del files["skills_en.csv"], files["skills_de.csv"]
    assert _problems(files) == [
        "skills_en.csv, row 1: the download has no skills file (expected ESCO's CSV files, "
        "such as occupations_en.csv and skills_en.csv)"
    ]
    files = _files()
    files["skills_en.csv"] = files["skills_en.csv"].replace("present findings", " ")
    assert _problems(files) == [
        "skills_en.csv, row 2 (lines 2–4): preferredLabel: expected text, got an empty field"
    ]


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        ("status ", "expected a non-empty id without surrounding whitespace, got 'esco:status '"),
        (
            "st\tatus",
            "expected an id or name without control characters, got 'esco:st\\tatus' "
            "(U+0009 at character 8)",
        ),
    ],
)
def test_a_column_that_cannot_name_an_extra_is_placed(column: str, expected: str) -> None:
    """A kept column whose name no extra's key may be is refused at the file's header."""
    files = _files()
    files["skills_en.csv"] = files["skills_en.csv"].replace("status", column, 1)
    assert _problems(files) == [
        f"skills_en.csv, row 1: column {column!r} cannot be kept as an extra: {expected}"
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


def test_every_column_is_kept_or_reported() -> None:
    """A concept's other columns are its extras; the columns not kept are listed by file."""
    read = load(DOWNLOAD, format="esco", report=True)
    present = read.taxonomy.skill(f"{B}/skill/s-present")
    assert dict(present.extras) == {
        "esco:skillType": "skill/competence",
        "esco:reuseLevel": "cross-sector",
        "esco:altLabels": ("present results", "report findings"),
        "esco:status": "released",
        "esco:modifiedDate": "2024-01-01",
    }
    assert read.taxonomy.role(f"{B}/occupation/o-analyst").extras["esco:iscoGroup"] == "2511"
    shown = [str(p) for p in read.skipped]
    assert (
        "skills_en.csv: column 'conceptType' (4 cells) not kept (every concept of the file "
        "is of its kind)"
    ) in shown
    assert (
        "occupationSkillRelations_en.csv: column 'skillType' (4 cells) not kept (the "
        "occupation's and the skill's own files give them)"
    ) in shown
    assert len(shown) == 11


def test_a_repeated_relation_is_reported() -> None:
    """A second relation of one occupation and skill is listed, not dropped silently."""
    files = _files()
    relations = files["occupationSkillRelations_en.csv"]
    files["occupationSkillRelations_en.csv"] = relations + relations.splitlines()[1] + "\n"
    read = loads(_zipped(files), format="esco", report=True)
    assert [str(p) for p in read.skipped if "repeating" in str(p)] == [
        "occupationSkillRelations_en.csv: 1 row repeating a relation of the same occupation "
        "and skill, not kept: row 6"
    ]


def test_windows_1252_and_rows_over_lines() -> None:
    """A file in Windows-1252 is read as such; a bad byte is placed at its row and lines."""
    files: dict[str, bytes] = {n: t.encode("utf-8") for n, t in _files().items()}
    text = _files()["skills_en.csv"].replace("Use charts.", "Use charts\u2019 axes.")
    files["skills_en.csv"] = text.encode("cp1252")
    read = loads(_zipped(files), format="esco", report=True)
    assert read.taxonomy.skill(f"{B}/skill/s-present").summary.endswith("charts\u2019 axes.")
    assert read.encoding == "utf-8 (cp1252: 'skills_en.csv')"
    with pytest.raises(InvalidTableError) as caught:
        loads(_zipped(files), format="esco", encoding="utf-8")
    assert [str(p) for p in caught.value.problems] == [
        "skills_en.csv, row 2 (lines 2–4), column M (description): not utf-8 text (byte 0x92 "
        "at offset 383); name the file's encoding with encoding= or --encoding"
    ]


def _zipped(files: dict[str, str] | dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@settings(max_examples=80, deadline=None)
@given(
    at=st.floats(0, 1),
    encoding=st.sampled_from(["utf-8", "cp1252"]),
    name=st.sampled_from(["skills_en.csv", "occupationSkillRelations_en.csv"]),
)
def test_a_cut_file_is_refused_or_read_whole(at: float, encoding: str, name: str) -> None:
    """A file cut at any byte is refused, or read with every whole row it holds."""
    files: dict[str, bytes] = {n: t.encode("utf-8") for n, t in _files().items()}
    text = _files()[name].replace("statistics", "statistics – “sums”")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    records = []
    for row in rows:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(row)
        records.append(buffer.getvalue().encode(encoding))
    data = b"".join(records)
    end = round(len(data) * at)
    whole = sum(1 for i in range(len(records)) if len(b"".join(records[: i + 1])) <= end)
    files[name] = data[:end]
    try:
        taxonomy = loads(_zipped(files), format="esco")
    except InvalidTableError:
        return
    header = rows[0]
    for row in rows[1:whole]:
        cells = dict(zip(header, row, strict=True))
        if name == "skills_en.csv":
            assert taxonomy.skill(cells["conceptUri"]).name == cells["preferredLabel"]
        else:
            found = taxonomy.expectation(cells["skillUri"], cells["occupationUri"], "esco")
            assert found.mandatory is (cells["relationType"] == "essential")


def test_a_translation_without_its_concept_is_reported() -> None:
    """Another language's row of a concept the first language lacks is listed, not dropped."""
    files = _files()
    files["skills_en.csv"] = "".join(
        line for line in files["skills_en.csv"].splitlines(keepends=True) if "s-loose" not in line
    )
    read = loads(_zipped(files), format="esco", report=True)
    assert [str(p) for p in read.skipped if "first language" in str(p)] == [
        "skills_de.csv: 1 row of concepts the first language's file does not hold, not kept: row 5"
    ]


@pytest.mark.parametrize(
    ("before", "after", "problem"),
    [
        # A line break in a name, in a file otherwise clean.
        (
            ",listen actively,",
            ',"listen\nactively",',
            "skills_en.csv, row 3 (lines 5–6): preferredLabel: expected an id or name "
            "without control characters, got 'listen\\nactively' (U+000A at character 7)",
        ),
        # A tab, a C1 control and an override, in a name and in text.
        (
            "listen actively",
            "listen\tactively",
            "skills_en.csv, row 3 (line 5): preferredLabel: expected an id or name without control "
            "characters, got 'listen\\tactively' (U+0009 at character 7)",
        ),
        (
            "Give full attention",
            "Give full\x85attention",
            "skills_en.csv, row 3 (line 5): description: expected text without control characters, "
            "got 'Give full\\x85attention to what others say.' (U+0085 at character 10)",
        ),
        (
            "Give full attention",
            "Give \u202efull attention",
            "skills_en.csv, row 3 (line 5): description: expected text without bidirectional "
            "formatting characters, got 'Give \\u202efull attention to what others say.' "
            "(U+202E at character 6)",
        ),
    ],
)
def test_characters_are_checked_once_per_file_and_placed(
    before: str, after: str, problem: str
) -> None:
    """A forbidden character anywhere in a file is found, at its row and column."""
    files = _files()
    assert before in files["skills_en.csv"]
    files["skills_en.csv"] = files["skills_en.csv"].replace(before, after)
    assert _problems(files) == [problem]


def test_line_breaks_in_text_keep_a_file_clean() -> None:
    """Descriptions over several lines are text, in a file checked once."""
    taxonomy = load(DOWNLOAD, format="esco")
    assert "\n" in taxonomy.skill(f"{B}/skill/s-present").summary


def _careful(data: bytes) -> object:
    """What the reader makes of `data` read row by row (no file read in bulk)."""
    with mock.patch.object(Archive, "columns", return_value=None):
        return _outcome(data)


def _outcome(data: bytes) -> object:
    """The framework, its JSON and what was skipped; or the problems, as shown."""
    try:
        read = loads(data, format="esco", report=True)
    except InvalidTableError as error:
        return [str(problem) for problem in error.problems]
    return read.taxonomy, dumps(read.taxonomy), [str(p) for p in read.skipped]


_CELLS = st.sampled_from(
    [
        "",
        " ",
        "a",
        "b",
        "a ",
        " b",
        "c\nd",
        "c\r\nd",
        "c\rd",
        "\u2028",
        "\x0b",
        "e\tf",
        "g\u202eh",
        "essential",
        "optional",
        "Optional ",
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    skills=st.lists(st.tuples(st.integers(0, 6), _CELLS, _CELLS), max_size=8),
    relations=st.lists(
        st.tuples(
            st.integers(0, 3),
            st.sampled_from(["essential", "optional", " optional", "x"]),
            st.integers(0, 7),
            st.sampled_from(["", " "]),
        ),
        max_size=12,
    ),
    blank=st.booleans(),
    short=st.booleans(),
    crlf=st.booleans(),
)
def test_reading_in_bulk_makes_what_reading_row_by_row_makes(
    skills: list[tuple[int, str, str]],
    relations: list[tuple[int, str, int, str]],
    blank: bool,
    short: bool,
    crlf: bool,
) -> None:
    """Files read in bulk give the same framework, skipped rows and problems as row by row."""

    def table(header: list[str], rows: list[list[str]]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n" if crlf else "\n").writerows([header, *rows])
        return buffer.getvalue()

    skill_rows = [[f"{B}/skill/{n}", label or "s", extra] for n, label, extra in skills]
    relation_rows = [
        [f"{pad}{B}/occupation/{o}", kind, "skill/competence", f"{B}/skill/{s}{pad}"]
        for o, kind, s, pad in relations
    ]
    if blank and relation_rows:
        relation_rows.insert(len(relation_rows) // 2, ["", "", "", ""])
    if short and relation_rows:
        relation_rows[-1] = relation_rows[-1][:3]
    files = {
        "skills_en.csv": table(["conceptUri", "preferredLabel", "altLabels"], skill_rows),
        "occupations_en.csv": table(
            ["conceptUri", "preferredLabel", "description"],
            [[f"{B}/occupation/{n}", f"o {n}", "What\nit is."] for n in range(3)],
        ),
        "broaderRelationsSkillPillar_en.csv": table(
            ["conceptUri", "broaderUri"],
            [[f"{B}/skill/{n}", f"{B}/group/{n % 2}"] for n, _, _ in skills],
        ),
        "skillGroups_en.csv": table(
            ["conceptUri", "preferredLabel"], [[f"{B}/group/{n}", f"g {n}"] for n in range(2)]
        ),
        "occupationSkillRelations_en.csv": table(
            ["occupationUri", "relationType", "skillType", "skillUri"], relation_rows
        ),
    }
    data = _zipped(files)
    assert _outcome(data) == _careful(data)


def test_the_download_read_in_bulk_is_the_one_read_row_by_row() -> None:
    """The test download, in every file read in bulk, makes what reading row by row makes."""
    data = DOWNLOAD.read_bytes()
    assert _outcome(data) == _careful(data)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(_CELLS, _CELLS, _CELLS),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["altLabels", "status", "alt Labels", "alt\tLabels"]),
)
def test_extras_made_a_column_at_a_time_are_those_made_row_by_row(
    cells: list[tuple[str, str, str]], column: str
) -> None:
    """Each concept's extras, made from whole columns, are those made from its row."""
    rows = {
        f"{B}/skill/{n}": {
            "conceptUri": f"{B}/skill/{n}",
            "preferredLabel": "s",
            column: first,
            "hiddenLabels": second,
            "skillType": third,
        }
        for n, (first, second, third) in enumerate(cells)
    }
    mapped = ("conceptUri", "preferredLabel", "description")
    one_by_one = esco._extras_maker(rows, mapped)
    try:
        expected = [one_by_one(row) for row in rows.values()]
    except InvalidValueError as error:
        with pytest.raises(InvalidValueError, match=re.escape(str(error))):
            esco._all_extras(rows, mapped)
        return
    made = esco._all_extras(rows, mapped)
    assert made == expected
    assert [type(extras) for extras in made] == [type(extras) for extras in expected]
    assert [list(extras.items()) for extras in made] == [list(e.items()) for e in expected]


def test_skills_and_roles_made_without_their_checks_pass_them() -> None:
    """Every skill, role and extra the reader makes is what its constructor makes."""
    taxonomy = load(DOWNLOAD, format="esco")
    for entity in (*taxonomy.skills, *taxonomy.roles):
        fields = {field.name: getattr(entity, field.name) for field in attrs.fields(type(entity))}
        fields["extras"] = entity.extras.to_json()
        fields["translations"] = entity.translations.to_json()
        again = type(entity)(**fields)
        assert (again, repr(again), hash(again)) == (entity, repr(entity), hash(entity))
