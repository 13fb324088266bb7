"""Tests for ratings tables in files and frames: every row checked, nothing lost both ways."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltaxonomy import (
    Assessment,
    InvalidRatingsError,
    RatingsTable,
    Taxonomy,
    dump_ratings,
    dumps_ratings,
    load,
    load_ratings,
)

pa = pytest.importorskip("pyarrow")

SKILL = "neural-network-architectures"
TEXT = (
    "Person;Skill;Level;Rater;Round;Assessed;Note\n"
    f"Ana;{SKILL};senior;self;2025-H1;2025-01-02;=SUM(A1)\n"
    f"Bo;{SKILL};junior;manager;2025-H2;;\n"
)


@pytest.fixture(name="ratings")
def _ratings(bundled: Taxonomy) -> RatingsTable:
    return load_ratings(io.StringIO(TEXT), bundled)


@pytest.mark.parametrize("kind", ["csv", "xlsx", "parquet"])
def test_each_format_round_trips(
    bundled: Taxonomy, ratings: RatingsTable, kind: str, tmp_path: Path
) -> None:
    """CSV, XLSX and Parquet give back the ratings as given, text that looks like a formula too."""
    path = tmp_path / f"ratings.{kind}"
    dump_ratings(ratings, path)
    again = load_ratings(path, bundled)
    assert again.to_arrow().equals(ratings.to_arrow())
    assert again.rounds == ("2025-H1", "2025-H2")
    assert again.ratings.column("assessed").to_pylist() == [datetime.date(2025, 1, 2), None]
    assert (
        load_ratings(io.BytesIO(dumps_ratings(ratings, kind)), bundled, format=kind)
        .to_arrow()
        .equals(ratings.to_arrow())
    )


def test_frames_and_people(bundled: Taxonomy, ratings: RatingsTable) -> None:
    """A data frame and an Arrow table read as a file does; a people table names roles and units."""
    frame = ratings.to_arrow().to_pandas()
    people = pa.table(
        {
            "person": ["Ana", "Bo"],
            "role": ["llm-engineer", None],
            "level": ["middle", None],
            "Org unit": ["R", "R"],
        }
    )
    table = load_ratings(frame, bundled, people=people)
    assert table.people_to_arrow().column("org_unit").to_pylist() == ["R", "R"]
    assert table.assessments()[0].role is not None
    workbook = dumps_ratings(table, "xlsx")
    assert load_ratings(io.BytesIO(workbook), bundled, format="xlsx").people.num_rows == 2


def test_assessments_convert_both_ways(bundled: Taxonomy) -> None:
    """Assessment files become one table and come back the same."""
    ana = Assessment.build(bundled, "Ana", {SKILL: "middle"}, role="data-scientist", level="junior")
    table = RatingsTable.from_assessments(bundled, [ana], rater="agreed", round="1")
    assert table.assessments() == (ana,)


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        (
            f"person,skill,level,rater,assessed\n,{SKILL},junior,self,2025-13-01\nAna,pyhton,senoir,boss,\nAna,{SKILL},junior,self,\nAna,{SKILL},junior,self,\n",
            [
                "row 2, column A (person): expected a person, got an empty cell",
                "row 2, column E (assessed): expected a date such as 2026-03-01, got '2025-13-01'",
                "row 3, column B (skill): unknown skill 'pyhton' (expected the id of a skill)",
                "row 3, column C (level): unknown level 'senoir' (did you mean 'senior'?)",
                "row 3, column D (rater): unknown rater kind 'boss' (expected one of: agreed, manager, peer, self)",
                f"row 5, column A (person): a second rating for (person, skill, rater, round) ('Ana', '{SKILL}', 'self', null) (the first in row 4)",
            ],
        ),
        (
            "person,skil,level\n",
            [
                "row 1: no 'skill' column",
                "column B (skil): unknown column 'skil' (did you mean 'skill'?)",
            ],
        ),
        (
            f"person,skill,step\nAna,{SKILL},W\n",
            [
                "row 2, column C (step): unknown step 'W' (expected the id of a step of the scale of skill 'neural-network-architectures')"
            ],
        ),
        (
            f"person,skill,level\nAna,{SKILL},\n",
            ["row 2, column C (level): expected a level, a step, or both"],
        ),
        (
            f"person,skill,level\nAna,{SKILL}\n",
            ["row 2: expected 3 cells, as the header has, got 2"],
        ),
        ('person,skill,level\n"Ana,x\n', ["row 2: expected 3 cells, as the header has, got 1"]),
    ],
)
@pytest.mark.parametrize("engine", [None, "duckdb"])
def test_bad_rows_are_placed(
    bundled: Taxonomy, text: str, problems: list[str], engine: str | None, tmp_path: Path
) -> None:
    """Every bad cell is reported at its row and column, unknown ids with suggestions.

    A file read by DuckDB itself (``engine=``) gives the same problems at the same places.
    """
    source: object = io.StringIO(text)
    if engine is not None:
        pytest.importorskip("ibis")
        source = tmp_path / "ratings.csv"
        source.write_text(text, encoding="utf-8")  # type: ignore[attr-defined]
    with pytest.raises(InvalidRatingsError) as caught:
        load_ratings(source, bundled, engine=engine)
    assert [str(p) for p in caught.value.problems] == problems


def test_bad_files(bundled: Taxonomy, tmp_path: Path) -> None:
    """Files that are not what their suffix says are the library's own error; nothing is written on failure."""
    bad = tmp_path / "ratings.parquet"
    bad.write_bytes(b"not parquet")
    with pytest.raises(InvalidRatingsError, match="not a Parquet file"):
        load_ratings(bad, bundled)
    with pytest.raises(InvalidRatingsError, match="not an Excel workbook"):
        load_ratings(io.BytesIO(b"x"), bundled, format="xlsx")
    with pytest.raises(InvalidRatingsError) as caught:
        load_ratings(io.BytesIO(b"person,skill,level\n\xff\xfe,x,y\n"), bundled, encoding="utf-8")
    assert [str(p) for p in caught.value.problems] == [
        "row 2, column A (person): not utf-8 text (byte 0xff at offset 19); name the file's "
        "encoding with encoding= or --encoding"
    ]


def test_frames_of_any_shape(bundled: Taxonomy) -> None:
    """Numbers among text are text; a column of the wrong type is said once; other objects are a TypeError."""
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"person": [1, "b"], "skill": [SKILL] * 2, "level": ["junior", "senior"]})
    assert load_ratings(frame, bundled).persons == ("1", "b")
    with pytest.raises(InvalidRatingsError) as caught:
        load_ratings(pa.table({"person": [["a"]], "skill": [SKILL], "level": ["junior"]}), bundled)
    assert [str(p) for p in caught.value.problems] == [
        "column person: expected text, got a column of list<item: string>"
    ]
    with pytest.raises(TypeError, match="load_ratings takes a path, a file object"):
        load_ratings({"person": ["a"]}, bundled)


def test_a_cell_longer_than_the_csv_modules_limit(bundled: Taxonomy) -> None:
    """A cell of ten million characters is read, not refused by a parser's default."""
    text = "person,skill,level\n" + "A" * 10_000_000 + f",{SKILL},junior\n"
    assert len(load_ratings(io.StringIO(text), bundled)) == 1


def test_rows_ended_by_carriage_returns(bundled: Taxonomy) -> None:
    """A file whose rows end in CR alone (found by the fuzzer) is read as CSV readers read it."""
    text = f"person,skill,level\r\nAna,{SKILL},junior\rBo,{SKILL},senior\r"
    assert load_ratings(io.StringIO(text), bundled).persons == ("Ana", "Bo")


WINDOWS = (
    "person;skill;level;note\r\n"
    f'Ana;{SKILL};junior;"Ana\u2019s first\r\nreview"\r\n'
    f"Bo;{SKILL};senoir;\r\n"
).encode("cp1252")


def test_windows_1252_is_read_and_named(bundled: Taxonomy) -> None:
    """A CSV file Excel saved on Windows is read as Windows-1252, and the table says so."""
    fixed = WINDOWS.replace(b"senoir", b"senior")
    table = load_ratings(io.BytesIO(fixed), bundled)
    assert table.encoding == "cp1252"
    assert table.ratings.column("note").to_pylist()[0] == "Ana\u2019s first\r\nreview"
    assert repr(table).endswith("source=None, encoding='cp1252')")
    assert load_ratings(io.StringIO(TEXT), bundled).encoding is None
    utf8 = load_ratings(io.BytesIO(TEXT.encode("utf-8")), bundled, format="csv")
    assert utf8.encoding == "utf-8"
    assert load_ratings(io.BytesIO(fixed), bundled, encoding="windows-1252").encoding == "cp1252"
    people = io.BytesIO(b"person,role\nAna,llm-engineer\nBo,llm-engineer\n")
    both = load_ratings(io.BytesIO(fixed), bundled, people=people)
    assert both.encoding == "cp1252 (people: utf-8)"


def test_rows_are_placed_at_their_lines(bundled: Taxonomy) -> None:
    """A row after one whose cell holds a line break is placed at its row and its line."""
    with pytest.raises(InvalidRatingsError) as caught:
        load_ratings(io.BytesIO(WINDOWS), bundled)
    assert [str(p) for p in caught.value.problems] == [
        "row 3 (line 4), column C (level): unknown level 'senoir' (did you mean 'senior'?)"
    ]
    with pytest.raises(InvalidRatingsError) as caught:
        load_ratings(io.BytesIO(WINDOWS), bundled, encoding="utf-8")
    assert [str(p) for p in caught.value.problems] == [
        "row 2 (lines 2–3), column D (note): not utf-8 text (byte 0x92 at offset 69); name "
        "the file's encoding with encoding= or --encoding"
    ]


def test_an_unknown_encoding(bundled: Taxonomy) -> None:
    """An encoding Python does not know is refused by name."""
    from skilltaxonomy import InvalidQueryError

    with pytest.raises(InvalidQueryError, match="unknown encoding 'klingon'"):
        load_ratings(io.BytesIO(WINDOWS), bundled, encoding="klingon")


_CUT_ROWS = [
    ["person", "skill", "level", "note"],
    ["Ana", SKILL, "junior", "Ana’s first\nreview"],
    ["Björn", SKILL, "senior", "“fine”"],
    ["Cleo", SKILL, "middle", ""],
]


@settings(max_examples=80, deadline=None)
@given(at=st.floats(0, 1), encoding=st.sampled_from(["utf-8", "cp1252"]))
def test_a_cut_csv_is_refused_or_read_whole(at: float, encoding: str) -> None:
    """A ratings CSV cut at any byte is refused, or read with every whole row as it is."""
    bundled = load()
    records = []
    for row in _CUT_ROWS:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerow(row)
        records.append(buffer.getvalue().encode(encoding))
    data = b"".join(records)
    end = round(len(data) * at)
    whole = sum(1 for i in range(len(records)) if len(b"".join(records[: i + 1])) <= end)
    try:
        table = load_ratings(io.BytesIO(data[:end]), bundled, format="csv")
    except InvalidRatingsError:
        return
    rows = table.ratings.to_pylist()
    for row, found in zip(_CUT_ROWS[1:whole], rows, strict=False):
        assert (found["person"], found["level"], found["note"] or "") == (row[0], row[2], row[3])
    assert whole - 1 <= len(rows) <= len(_CUT_ROWS) - 1


@pytest.mark.parametrize("kind", ["csv", "parquet", "xlsx"])
def test_a_file_read_by_the_engine_answers_as_one_read_here(
    bundled: Taxonomy, ratings: RatingsTable, kind: str, tmp_path: Path
) -> None:
    """A file read and checked by DuckDB itself gives the answers of the same file read here."""
    pytest.importorskip("ibis")
    from skilltaxonomy import EngineRatings, promotion_readiness, team_readiness

    path = tmp_path / f"ratings.{kind}"
    dump_ratings(ratings, path)
    people = tmp_path / "people.csv"
    people.write_text("person,role,level\nAna,llm-engineer,middle\nBo,llm-engineer,junior\n")
    here = load_ratings(path, bundled, people=people)
    there = load_ratings(path, bundled, people=people, engine="duckdb")
    assert isinstance(there, EngineRatings)
    assert there.rounds == here.rounds
    for question in (team_readiness,):
        assert question(bundled, there, "llm-engineer", "senior").equals(
            question(bundled, here, "llm-engineer", "senior")
        )
    assert promotion_readiness(bundled, there).equals(promotion_readiness(bundled, here))


def test_a_windows_1252_file_for_the_engine(bundled: Taxonomy, tmp_path: Path) -> None:
    """A CSV file DuckDB cannot read as UTF-8 is read here, then handed to the engine."""
    pytest.importorskip("ibis")
    from skilltaxonomy import team_readiness

    path = tmp_path / "ratings.csv"
    path.write_bytes(f"person,skill,level\nBj\u00f6rn,{SKILL},senior\n".encode("cp1252"))
    there = load_ratings(path, bundled, engine="duckdb")
    answer = team_readiness(bundled, there, "llm-engineer", "senior")
    assert answer.column("person").to_pylist() == ["Bj\u00f6rn"]
