"""Tests for tables: long CSV/XLSX export and import, the role matrix, records, pandas."""

from __future__ import annotations

import csv
import datetime
import io
import json
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import attrs
import openpyxl
import pandas
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltaxonomy import (
    COLUMNS,
    Domain,
    ExportError,
    InvalidQueryError,
    InvalidTableError,
    Level,
    MissingDependencyError,
    Problem,
    Role,
    Skill,
    Taxonomy,
    dumps,
    load,
    loads,
    to_dataframe,
    to_records,
)
from skilltaxonomy._text import LINE_BREAK

from ..conftest import SMALL
from ..strategies import documents, v2_documents

HEADER = ",".join(COLUMNS)


@pytest.fixture(name="small")
def _small() -> Taxonomy:
    return loads(json.dumps(SMALL))


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _csv(*rows: dict[str, str], columns: tuple[str, ...] = COLUMNS) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


ROW = {
    "domain": "Engineering",
    "category": "Languages",
    "skill": "Python",
    "role": "Backend Engineer",
    "level": "Associate",
    "level_rank": "1",
    "mandatory": "yes",
    "description": "Writes small scripts.",
    "domain_id": "eng",
    "skill_id": "python",
    "role_id": "backend",
    "level_id": "l1",
}


def _problems(text: str | bytes) -> list[str]:
    with pytest.raises(InvalidTableError) as caught:
        loads(text, format="csv", name="Bad", source="team.csv")
    return [str(problem) for problem in caught.value.problems]


def _unordered(taxonomy: Taxonomy) -> tuple[Any, ...]:
    """A taxonomy's content, ignoring the order of domains, skills and roles."""
    return (
        taxonomy.name,
        taxonomy.version,
        taxonomy.language,
        sorted(map(repr, taxonomy.domains)),
        sorted(map(repr, taxonomy.skills)),
        sorted(map(repr, taxonomy.roles)),
        taxonomy.levels,
        taxonomy.expectations,
    )


class TestCsvExport:
    def test_small_framework(self, small: Taxonomy) -> None:
        """One row per expectation, in file order, every column, yes/no flags, CRLF ends."""
        text = dumps(small, format="csv")
        assert text.split("\r\n")[:3] == [
            HEADER,
            "Engineering,Languages,Python,Backend Engineer,Associate,1,yes,Writes small scripts.,"
            "eng,python,backend,l1,Writing Python.,2026-01-31,Engineering,",
            "Engineering,Languages,Python,Backend Engineer,Senior Engineer,3,no,"
            "Designs packages with typed public APIs.,eng,python,backend,l3,Writing Python.,"
            "2026-01-31,Engineering,",
        ]
        assert len(_rows(text)) == 1 + len(small.expectations)

    def test_byte_order_mark(self, small: Taxonomy) -> None:
        """With bom=True the text starts with U+FEFF, which Excel needs for UTF-8."""
        assert dumps(small, format="csv", bom=True) == "\ufeff" + dumps(small, format="csv")

    def test_commas_quotes_and_newlines_are_quoted(
        self, make_taxonomy: Callable[..., Taxonomy]
    ) -> None:
        """Text with commas, quotes and newlines survives a CSV reader unchanged."""
        taxonomy = make_taxonomy()
        tricky = 'Says "hi", then\r\nleaves; also\nthis'
        first = taxonomy.expectations[0]
        changed = make_taxonomy(
            expectations=[
                type(first)(first.skill, first.role, first.level, True, tricky),
                *taxonomy.expectations[1:],
            ]
        )
        rows = _rows(dumps(changed, format="csv"))
        assert rows[1][COLUMNS.index("description")] == tricky

    def test_entities_without_expectations_get_their_own_rows(
        self, make_taxonomy: Callable[..., Taxonomy]
    ) -> None:
        """A domain, skill, role or level no expectation mentions is still written."""
        base = make_taxonomy()
        lonely = Domain("lonely", "Lonely")
        spare = Skill("spare", "Spare", base.domains[0], "", "Unused.", None)
        extra = Role("extra", "Extra", "Family", "Not yet filled in.")
        top = Level("top", "Top", 4)
        taxonomy = make_taxonomy(
            domains=[*base.domains, lonely],
            skills=[*base.skills, spare],
            roles=[*base.roles, extra],
            levels=[*base.levels, top],
        )
        rows = [
            dict(zip(COLUMNS, row, strict=False))
            for row in _rows(dumps(taxonomy, format="csv"))[1:]
        ]
        own = rows[len(taxonomy.expectations) :]
        assert [(r["domain_id"], r["skill_id"], r["role_id"], r["level_id"]) for r in own] == [
            ("lonely", "", "", ""),
            ("d", "spare", "", ""),
            ("", "", "extra", ""),
            ("", "", "", "top"),
        ]
        assert own[3]["level_rank"] == "4"
        assert loads(dumps(taxonomy, format="csv"), format="csv", name=taxonomy.name) == taxonomy


class TestCsvImport:
    def test_round_trip_of_the_bundled_framework(self) -> None:
        """The bundled framework comes back equal, and writes the same rows again."""
        bundled = load()
        text = dumps(bundled, format="csv")
        again = loads(text, format="csv", name=bundled.name, version=bundled.version)
        assert again == bundled
        assert dumps(again, format="csv") == text

    def test_round_trip_of_a_small_framework(self, small: Taxonomy) -> None:
        """Every field comes back: summaries, dates, families, flags, the ladder."""
        again = loads(dumps(small, format="csv"), format="csv", name="Small", version="1")
        assert again == small

    def test_bytes_with_a_byte_order_mark(self, small: Taxonomy) -> None:
        """UTF-8 bytes are read, with or without a BOM, as is text starting with one."""
        text = dumps(small, format="csv", bom=True)
        assert loads(text.encode(), format="csv", name="Small", version="1") == small
        assert loads(text, format="csv", name="Small", version="1") == small

    def test_columns_in_any_order_and_case(self) -> None:
        """Headers match by name whatever their order, case, spaces or hyphens."""
        columns = ("Description", "Skill ID", "skill", "Domain-ID", "DOMAIN", "Role Id", "role")
        columns += ("Level ID", "level", "Level Rank", "mandatory")
        text = (
            ",".join(columns)
            + "\r\nWrites.,python,Python,eng,Engineering,backend,Backend,l1,Associate,1,TRUE\r\n"
        )
        taxonomy = loads(text, format="csv", name="Made")
        (found,) = taxonomy.expectations
        assert (found.skill.id, found.role.id, found.level.id, found.mandatory) == (
            "python",
            "backend",
            "l1",
            True,
        )

    def test_ids_are_made_from_names_without_id_columns(self) -> None:
        """A table people typed, with names only, gets ids made from the names."""
        text = (
            "domain,skill,role,level,level_rank,mandatory,description\r\n"
            "Machine Learning & AI,Neural Nets,Data Scientist,Junior,1,no,Knows MLPs.\r\n"
            "Machine Learning & AI,Neural Nets,Data Scientist,Senior,2,Yes,Designs them.\r\n"
            "Données,Réseaux,Ingénieur,Junior,1,optional,Connaît.\r\n"
        )
        taxonomy = loads(text, format="csv", name="Typed")
        assert [d.id for d in taxonomy.domains] == ["machine-learning-ai", "donnees"]
        assert [s.id for s in taxonomy.skills] == ["neural-nets", "reseaux"]
        assert [lv.id for lv in taxonomy.levels] == ["junior", "senior"]
        assert [e.mandatory for e in taxonomy.expectations] == [False, True, False]

    def test_blank_rows_are_skipped(self, small: Taxonomy) -> None:
        """Empty rows, such as those spreadsheets leave at the end, are not data."""
        text = dumps(small, format="csv") + ",,,,\r\n\r\n" + "," * 15 + "\r\n"
        assert loads(text, format="csv", name="Small", version="1") == small

    def test_the_caller_text_is_not_changed(self, small: Taxonomy) -> None:
        """Reading leaves the bytes passed in as they were."""
        data = bytearray(dumps(small, format="csv").encode())
        before = bytes(data)
        loads(data, format="csv", name="Small", version="1")
        assert bytes(data) == before

    @pytest.mark.parametrize(
        ("change", "expected"),
        [
            (
                {"level_rank": "two"},
                ["row 2, column F (level_rank): expected a rank: 1, 2, 3…, got 'two'"],
            ),
            (
                {"level_rank": "0"},
                ["row 2, column F (level_rank): expected a rank: 1, 2, 3…, got 0"],
            ),
            (
                {"level_rank": ""},
                ["row 2, column F (level_rank): expected a rank: 1, 2, 3…, got an empty cell"],
            ),
            (
                {"mandatory": "maybe"},
                ["row 2, column G (mandatory): expected yes, no, or an empty cell, got 'maybe'"],
            ),
            (
                {"skill": " "},
                ["row 2, column C (skill): expected the skill's name, got an empty cell"],
            ),
            (
                {"skill_id": ""},
                ["row 2, column J (skill_id): expected the skill's id, got an empty cell"],
            ),
            (
                {"role_id": "backend "},
                [
                    "row 2, column K (role_id): expected an id without surrounding whitespace, "
                    "got 'backend '"
                ],
            ),
            (
                {"skill_updated": "31/1/2026"},
                [
                    "row 2, column N (skill_updated): expected an ISO date such as "
                    "'2026-02-22', got '31/1/2026'"
                ],
            ),
            (
                {"skill_updated": "2026-02-30"},
                [
                    "row 2, column N (skill_updated): expected an ISO date such as "
                    "'2026-02-22', got '2026-02-30'"
                ],
            ),
            (
                {"level": "", "level_id": "", "level_rank": ""},
                [
                    "row 2, column E (level): expected the level of this expectation (a row "
                    "that only defines a domain, skill, role or level leaves the others empty)"
                ],
            ),
            (
                {"skill": "", "skill_id": "", "role": "", "role_id": ""},
                [
                    "row 2, column C (skill): expected the skill, role of this expectation (a "
                    "row that only defines a domain, skill, role or level leaves the others "
                    "empty)"
                ],
            ),
            (
                {"domain": "", "domain_id": ""},
                ["row 2, column A (domain): expected the domain's name, got an empty cell"],
            ),
        ],
    )
    def test_bad_cells_are_placed(self, change: dict[str, str], expected: list[str]) -> None:
        """Each bad cell is reported with its row number, column letter and name."""
        assert _problems(_csv(ROW | change)) == expected

    def test_contradicting_rows(self) -> None:
        """A later row that describes an entity differently is reported against the first."""
        rows = [
            ROW,
            ROW | {"level": "Engineer", "level_id": "l2", "level_rank": "2", "skill": "Python 3"},
            ROW | {"role_id": "qa", "role": "QA", "domain": "Eng"},
            ROW | {"level_id": "l3", "level": "Senior", "level_rank": "2"},
        ]
        assert _problems(_csv(*rows)) == [
            "row 3, column C (skill): skill 'python' is 'Python' in row 2, here 'Python 3'",
            "row 4, column A (domain): domain 'eng' is 'Engineering' in row 2, here 'Eng'",
            "row 5, column F (level_rank): rank 2 is level 'l2''s already (row 3)",
        ]

    def test_duplicate_cell(self) -> None:
        """A second row for the same skill, role and level is reported with the first."""
        assert _problems(_csv(ROW, ROW | {"description": "Again."})) == [
            "row 3: duplicate expectation for (skill, role, level) ('python', 'backend', 'l1') "
            "(first in row 2)"
        ]

    def test_gap_in_the_ladder(self) -> None:
        """Ranks must run from 1 without gaps."""
        rows = [ROW, ROW | {"level_id": "l3", "level": "Senior", "level_rank": "3"}]
        assert _problems(_csv(*rows)) == [
            "row 3, column F (level_rank): ranks must run 1, 2, 3… without gaps: no level has rank 2"
        ]

    def test_every_bad_row_at_once(self) -> None:
        """All problems of all rows are reported together, in row order."""
        rows = [ROW | {"mandatory": "?"}, ROW | {"level_rank": "x", "level_id": "l2"}]
        assert _problems(_csv(*rows)) == [
            "row 2, column G (mandatory): expected yes, no, or an empty cell, got '?'",
            "row 3, column F (level_rank): expected a rank: 1, 2, 3…, got 'x'",
        ]

    def test_a_column_that_cannot_name_an_extra_is_placed(self) -> None:
        """An unknown column kept as an extra must name one: else refused at its header."""
        text = _csv(ROW | {"Po\tints": "3"}, columns=(*COLUMNS, "Po\tints"))
        letter = chr(ord("A") + len(COLUMNS))
        assert _problems(text) == [
            f"row 1, column {letter}: column 'Po\\tints' cannot be kept as an extra: expected "
            "an id or name without control characters, got 'table:Po\\tints' (U+0009 at "
            "character 9)"
        ]

    def test_header_problems(self) -> None:
        """Unknown, repeated and missing columns are reported on row 1 before any data."""
        text = "domain,skil,role,level,role,colour,colour\r\nx,y,z,w,v,u,t\r\n"
        assert _problems(text) == [
            "row 1, column B: unknown column 'skil' (did you mean 'skill'?)",
            "row 1, column E: column 'role' repeats column C",
            "row 1, column G: column 'colour' repeats",
            "row 1: required column 'skill' missing",
            "row 1: required column 'level_rank' missing",
            "row 1: required column 'mandatory' missing",
            "row 1: required column 'description' missing",
        ]

    @pytest.mark.parametrize(
        ("data", "expected"),
        [
            (b"", ["row 1: the table is empty (expected a header)"]),
            (
                b"\xff\xfe\x00\xd8",
                [
                    "line 1, column 3: not utf-16 text (byte 0x00 at offset 2); name the file's encoding with encoding= or --encoding"
                ],
            ),
            (b"a,b\r\n\x00", ["row 2, column A (a): a NUL byte: this is binary data, not text"]),
            (  # a cell beyond csv's limit before the byte: placed at its line and column
                b"a,b\r\n" + b"x" * 131073 + b",\x00",
                ["line 2, column 131075: a NUL byte: this is binary data, not text"],
            ),
            (b'a,"b"c\r\n', ["row 1: not valid CSV: ',' expected after '\"'"]),
        ],
    )
    def test_not_a_table(self, data: bytes, expected: list[str]) -> None:
        """Input that is not a CSV table in any encoding fails with one clear problem."""
        assert _problems(data) == expected

    def test_error_message_names_the_source(self) -> None:
        """The message starts with the file name and counts the problems."""
        with pytest.raises(InvalidTableError) as caught:
            loads(_csv(ROW | {"mandatory": "?"}), format="csv", name="Bad", source="team.csv")
        assert str(caught.value) == (
            "team.csv: 1 problem\n  row 2, column G (mandatory): expected yes, no, or an empty cell, got '?'"
        )
        assert isinstance(caught.value, ValueError)


class TestMatrix:
    def test_small_role(self, small: Taxonomy) -> None:
        """A row per skill, a column per level, mandatory items marked, empty cells empty."""
        assert dumps(small, format="matrix-csv", role="backend").split("\r\n") == [
            "Skill,Category,Associate,Engineer,Senior Engineer",
            "Python,Languages,Required: Writes small scripts.,Required: Writes tested modules.,"
            "Designs packages with typed public APIs.",
            "SQL,Languages,,Writes joins and indexes tables.,",
            "",
        ]

    def test_labels_follow_the_locale(self, small: Taxonomy) -> None:
        """Column labels and the mandatory mark are in the locale's language."""
        lines = dumps(small, format="matrix-csv", role="Backend Engineer", locale="de").split(
            "\r\n"
        )
        assert lines[0] == "Fähigkeit,Kategorie,Associate,Engineer,Senior Engineer"
        assert lines[1].startswith("Python,Languages,Pflicht: Writes small scripts.")


class TestXlsx:
    def test_round_trip(self, small: Taxonomy) -> None:
        """A workbook written and read back gives an equal framework, name included."""
        assert loads(dumps(small, format="xlsx"), format="xlsx") == small
        assert loads(dumps(load(), format="xlsx"), format="xlsx") == load()

    def test_workbook_layout(self, small: Taxonomy) -> None:
        """The long table first, typed cells, then one printable matrix sheet per role."""
        book = openpyxl.load_workbook(io.BytesIO(dumps(small, format="xlsx")))
        assert book.sheetnames == ["expectations", "Backend Engineer", "Engineering Manager"]
        sheet = book["expectations"]
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0] == COLUMNS
        first = dict(zip(COLUMNS, rows[1], strict=False))
        assert (first["level_rank"], first["mandatory"]) == (1, True)
        assert first["skill_updated"] == datetime.datetime(2026, 1, 31)
        grid = book["Backend Engineer"]
        assert grid["C2"].value == "Required: Writes small scripts."
        assert grid["C2"].font.bold
        assert not grid["E2"].font.bold
        assert (book.properties.title, book.properties.version) == ("Small", "1")

    def test_same_framework_same_bytes(self, small: Taxonomy) -> None:
        """Writing twice gives the same workbook: no clock in the properties or the zip."""
        first = dumps(small, format="xlsx")
        with mock.patch("time.time", return_value=time.time() + 3600):
            assert dumps(small, format="xlsx") == first
        properties = openpyxl.load_workbook(io.BytesIO(first)).properties
        assert properties.created == properties.modified == datetime.datetime(2000, 1, 1)

    def test_sheet_names_are_made_valid_and_unique(
        self, make_taxonomy: Callable[..., Taxonomy]
    ) -> None:
        """Role names with characters Excel forbids, or too long, still name a sheet."""
        base = make_taxonomy()
        roles = [Role("a", "R&D: [lead]?"), Role("b", "r&d- -lead-?"), Role("c", "x" * 40)]
        taxonomy = make_taxonomy(roles=roles, expectations=[])
        book = openpyxl.load_workbook(io.BytesIO(dumps(taxonomy, format="xlsx")))
        assert book.sheetnames == ["expectations", "R&D- -lead--", "r&d- -lead-- (2)", "x" * 31]
        assert base.name == taxonomy.name

    def test_without_matrices(self, small: Taxonomy) -> None:
        """matrices=False writes the long table only."""
        book = openpyxl.load_workbook(io.BytesIO(dumps(small, format="xlsx", matrices=False)))
        assert book.sheetnames == ["expectations"]

    def test_cells_as_people_type_them(self) -> None:
        """Numbers in text columns, float ranks, yes/no text and real dates are read."""
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "My sheet"
        sheet.append(
            [
                "domain",
                "skill",
                "skill_id",
                "role",
                "level",
                "level_rank",
                "mandatory",
                "description",
                "skill_updated",
            ]
        )
        sheet.append(
            ["Eng", 2030, 7, "Dev", "Junior", 1.0, "Yes", "Does.", datetime.datetime(2026, 2, 22)]
        )
        sheet.append(["Eng", 2030, 7, "Dev", "Senior", 2, False, None, datetime.date(2026, 2, 22)])
        buffer = io.BytesIO()
        book.save(buffer)
        taxonomy = loads(buffer.getvalue(), format="xlsx", name="Typed")
        skill = taxonomy.skill("7")
        assert (skill.name, skill.updated) == ("2030", datetime.date(2026, 2, 22))
        assert [(e.level.rank, e.mandatory, e.description) for e in taxonomy.expectations] == [
            (1, True, "Does."),
            (2, False, ""),
        ]
        assert taxonomy.name == "Typed"

    def test_bad_rows_are_placed(self, small: Taxonomy) -> None:
        """Problems in a workbook are placed by row and column, like in CSV."""
        book = openpyxl.load_workbook(io.BytesIO(dumps(small, format="xlsx")))
        book["expectations"]["F3"] = "senior"
        buffer = io.BytesIO()
        book.save(buffer)
        with pytest.raises(InvalidTableError) as caught:
            loads(buffer.getvalue(), format="xlsx", source="team.xlsx")
        assert [str(p) for p in caught.value.problems] == [
            "row 3, column F (level_rank): expected a rank: 1, 2, 3…, got 'senior'"
        ]

    def test_control_characters_and_carriage_returns(
        self, make_taxonomy: Callable[..., Taxonomy]
    ) -> None:
        """What XML cannot hold is written as Excel's _xHHHH_ escapes and read back."""
        taxonomy = make_taxonomy(
            roles=[Role("r", "Role", summary="Ro\tle\r\nTwo")], expectations=[]
        )
        data = dumps(taxonomy, format="xlsx")
        book = openpyxl.load_workbook(io.BytesIO(data))
        assert book["expectations"]["P3"].value == "Ro\tle_x000D_\nTwo"
        assert loads(data, format="xlsx") == taxonomy

    def test_control_characters_in_names_are_refused(
        self, make_taxonomy: Callable[..., Taxonomy]
    ) -> None:
        """A control character another program wrote into a name is refused on reading."""
        with attrs.validators.disabled():  # the model refuses it; the file is made anyway
            data = dumps(
                make_taxonomy(roles=[Role("r", "Ro\x08le")], expectations=[]), format="xlsx"
            )
        with pytest.raises(InvalidTableError) as caught:
            loads(data, format="xlsx")
        assert caught.value.problems == (
            Problem(
                "row 3, column D (role)",
                "expected an id or name without control characters, got 'Ro\\x08le' "
                "(U+0008 at character 3)",
            ),
        )

    def test_text_is_never_a_formula(self, make_taxonomy: Callable[..., Taxonomy]) -> None:
        """Text starting with "=" is stored as text, so Excel shows it and runs nothing."""
        taxonomy = make_taxonomy(roles=[Role("r", '=HYPERLINK("http://x","y")')], expectations=[])
        data = dumps(taxonomy, format="xlsx")
        cell = openpyxl.load_workbook(io.BytesIO(data))["expectations"]["D3"]
        assert (cell.data_type, cell.value) == ("s", '=HYPERLINK("http://x","y")')
        assert loads(data, format="xlsx") == taxonomy

    def test_text_that_looks_like_an_escape_cannot_be_stored(
        self, make_taxonomy: Callable[..., Taxonomy]
    ) -> None:
        """Text such as _x0041_ would read back as "A": the export says where, and stops."""
        taxonomy = make_taxonomy(roles=[Role("r", "Role _x0041_")], expectations=[])
        with pytest.raises(ExportError) as caught:
            dumps(taxonomy, format="xlsx")
        assert str(caught.value) == (
            "cannot write XLSX: row 3, column D (role) holds the text '_x0041_', which XLSX "
            "reads as an escaped character (CSV, JSON and CASE can hold it)"
        )
        assert isinstance(caught.value, ValueError)

    def test_not_a_workbook(self) -> None:
        """Bytes that are not a workbook give the library's error, not openpyxl's."""
        with pytest.raises(
            InvalidTableError, match=r"^team.xlsx: 1 problem\n  \$: not an Excel workbook"
        ):
            loads(b"PK\x03\x04 not really", format="xlsx", source="team.xlsx")


class TestRecords:
    def test_records(self, small: Taxonomy) -> None:
        """One plain dict per expectation, typed values, every column."""
        records = to_records(small)
        assert len(records) == len(small.expectations)
        assert records[0] == {
            "domain": "Engineering",
            "category": "Languages",
            "skill": "Python",
            "role": "Backend Engineer",
            "level": "Associate",
            "level_rank": 1,
            "mandatory": True,
            "description": "Writes small scripts.",
            "domain_id": "eng",
            "skill_id": "python",
            "role_id": "backend",
            "level_id": "l1",
            "skill_summary": "Writing Python.",
            "skill_updated": datetime.date(2026, 1, 31),
            "role_family": "Engineering",
            "role_summary": "",
        }
        assert pandas.DataFrame(records).shape == (6, 16)

    def test_dataframe_levels_are_ordered(self, small: Taxonomy) -> None:
        """The level column is an ordered categorical in ladder order."""
        frame = to_dataframe(small)
        assert list(frame.columns) == list(COLUMNS)
        assert frame["level"].cat.ordered
        assert list(frame["level"].cat.categories) == ["Associate", "Engineer", "Senior Engineer"]
        assert frame.sort_values("level")["level"].tolist()[-2:] == ["Senior Engineer"] * 2
        assert (frame["level"] > "Associate").sum() == 4

    @pytest.mark.parametrize(
        ("module", "call", "message"),
        [
            (
                "pandas",
                to_dataframe,
                "to_dataframe needs pandas: pip install 'skilltaxonomy[pandas]'",
            ),
            (
                "openpyxl",
                lambda t: dumps(t, format="xlsx"),
                "writing XLSX needs openpyxl: pip install 'skilltaxonomy[xlsx]'",
            ),
            (
                "openpyxl",
                lambda t: loads(b"", format="xlsx"),
                "reading XLSX needs openpyxl: pip install 'skilltaxonomy[xlsx]'",
            ),
        ],
    )
    def test_missing_optional_dependency(
        self,
        small: Taxonomy,
        monkeypatch: pytest.MonkeyPatch,
        module: str,
        call: Callable[[Taxonomy], object],
        message: str,
    ) -> None:
        """Without the extra, the error says which extra to install, and is an ImportError."""
        monkeypatch.setitem(sys.modules, module, None)
        with pytest.raises(MissingDependencyError) as caught:
            call(small)
        assert str(caught.value) == message
        assert isinstance(caught.value, ImportError)
        assert caught.value.name == module


@settings(max_examples=100, deadline=None)
@given(documents())
def test_csv_round_trip(document: dict[str, Any]) -> None:
    """Any valid framework comes back from CSV with the same content and the same rows."""
    taxonomy = loads(json.dumps(document))
    text = dumps(taxonomy, format="csv")
    again = loads(
        text, format="csv", name=taxonomy.name, version=taxonomy.version, language=taxonomy.language
    )
    assert dumps(again, format="csv") == text
    assert _unordered(again) == _unordered(taxonomy)


# Text that looks like Excel's escapes (_x0041_) is refused; everything else is kept.
# Whatever ids and names may hold (Bidi_Control characters are all Cf), but "_".
_ALPHABET = st.characters(blacklist_categories=["Cs", "Cc", "Cf"], blacklist_characters="_")


@settings(max_examples=25, deadline=None)
@given(documents(alphabet=_ALPHABET))
def test_xlsx_round_trip(document: dict[str, Any]) -> None:
    """Any valid framework comes back from XLSX with the same content."""
    taxonomy = loads(json.dumps(document))
    again = loads(dumps(taxonomy, format="xlsx", matrices=False), format="xlsx")
    assert _unordered(again) == _unordered(taxonomy)


def test_a_sheet_dimension_is_not_trusted(bundled: Taxonomy) -> None:
    """A <dimension> claiming the whole sheet changes nothing: rows are read as stored."""
    source = io.BytesIO(dumps(bundled, format="xlsx"))
    out = io.BytesIO()
    with zipfile.ZipFile(source) as book, zipfile.ZipFile(out, "w") as copy:
        for info in book.infolist():
            content = book.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                start = content.index(b"<dimension")
                end = content.index(b"/>", start) + 2
                content = content[:start] + b'<dimension ref="A1:XFD1048576"/>' + content[end:]
            copy.writestr(info.filename, content)
    assert loads(out.getvalue(), format="xlsx") == bundled


def test_text_too_long_for_a_table_is_not_written(bundled: Taxonomy) -> None:
    """Text a reader would refuse (CSV) or cut (a workbook cell) is refused on writing."""
    first, *rest = bundled.expectations
    long = attrs.evolve(
        bundled, expectations=[attrs.evolve(first, description="x" * 200_000), *rest]
    )
    with pytest.raises(ExportError) as caught:
        dumps(long, format="csv")
    assert str(caught.value) == (
        "cannot write CSV: row 2, column H (description) holds 200000 characters; CSV readers "
        "take at most 131072 (JSON and CASE can hold it)"
    )
    with pytest.raises(ExportError) as caught:
        dumps(long, format="xlsx")
    assert str(caught.value) == (
        "cannot write XLSX: row 2, column H (description) holds 200000 characters; a workbook "
        "cell holds at most 32767 (JSON and CASE can hold it)"
    )
    assert loads(dumps(long, format="case"), format="case") == long


@pytest.mark.parametrize(
    "day",
    [
        datetime.date(1, 1, 1),
        datetime.date(1899, 12, 30),
        datetime.date(1899, 12, 31),
        datetime.date(1900, 1, 1),
        datetime.date(1900, 2, 28),
        datetime.date(1900, 3, 1),
        datetime.date(9999, 12, 31),
    ],
)
def test_every_date_survives_a_workbook(bundled: Taxonomy, day: datetime.date) -> None:
    """A skill's date reads back from a workbook, however early (Excel's own dates start late)."""
    skill = attrs.evolve(bundled.skills[0], updated=day)
    dated = attrs.evolve(
        bundled,
        skills=[skill],
        expectations=[attrs.evolve(e, skill=skill) for e in bundled.expectations],
    )
    assert loads(dumps(dated, format="xlsx"), format="xlsx") == dated


class TestBeyondFormatV1:
    """The long table holds unstated requirements, lists and extra columns, and refuses more."""

    TABLE = (
        "domain,skill,role,level,level_rank,mandatory,description,criteria,signals,Points\r\n"
        'Eng,Python,Dev,Junior,1,,Writes scripts.,"Reads docs\nWrites tests",,3\r\n'
        "Eng,Python,Dev,Senior,2,yes,Designs packages.,,Reviews others,\r\n"
    )

    def test_read(self) -> None:
        """An empty flag is not stated; lists are a line an item; other columns are extras."""
        junior, senior = loads(self.TABLE, format="csv").expectations
        assert (junior.mandatory, junior.criteria, junior.extras) == (
            None,
            ("Reads docs", "Writes tests"),
            {"table:Points": "3"},
        )
        assert (senior.mandatory, senior.signals, senior.extras) == (True, ("Reviews others",), {})

    @pytest.mark.parametrize("table", ["csv", "xlsx"])
    def test_round_trip(self, table: str) -> None:
        """What was read is written back with the same columns, and reads back equal."""
        if table == "xlsx":
            pytest.importorskip("openpyxl")
        taxonomy = loads(self.TABLE, format="csv", name="Ours")
        written = dumps(taxonomy, format=table)
        assert loads(written, format=table, name="Ours") == taxonomy
        if table == "csv":
            assert str(written).splitlines()[0].endswith("role_summary,criteria,signals,Points")

    def test_what_the_table_cannot_hold_is_refused(self) -> None:
        """Scales, ladders and other extras are refused, named, rather than lost."""
        shapes = Path(__file__).parent.parent / "data" / "shapes"
        with pytest.raises(ExportError) as caught:
            dumps(load(shapes / "tracks-milestones.json"), format="csv")
        assert str(caught.value) == (
            "the long table cannot hold the framework's extras (write JSON: format v2 holds it)"
        )
        taxonomy = loads(self.TABLE, format="csv")
        first = taxonomy.expectations[0]
        odd = attrs.evolve(first, extras={"table:Points": 3})
        with pytest.raises(ExportError, match=r"as text only, got 'table:Points': 3"):
            dumps(
                attrs.evolve(taxonomy, expectations=[odd, *taxonomy.expectations[1:]]), format="csv"
            )

    def test_an_extra_column_is_checked_like_text(self) -> None:
        """A control character in a kept column is placed at its row and column."""
        bad = self.TABLE.replace(",3\r\n", ",3\x07\r\n")
        assert _problems(bad)[0] == (
            "row 2 (lines 2–3), column J (Points): expected text without control characters, "
            "got '3\\x07' "
            "(U+0007 at character 2)"
        )


def _held_by_the_table(document: dict[str, Any]) -> Taxonomy:
    """A v2 document without the framework's head (which the table does not hold), loaded.

    List items are cut to lines that read back as items; each expectation's extras get
    one under ``table:`` besides (a column of its own).
    """
    for key in ("extras", "publisher", "issued"):
        document.pop(key, None)
    for e in document["expectations"]:
        for column in ("criteria", "signals"):
            e[column] = [c for c in e[column] if c.strip() and not LINE_BREAK.search(c)]
        e["extras"] = {**e["extras"], "table:points": str(len(e["extras"]))}
    for role_level in document["role_levels"]:
        role_level["stack"] = [
            c for c in role_level["stack"] if c.strip() and not LINE_BREAK.search(c)
        ]
    return loads(json.dumps(document))


def _everything(taxonomy: Taxonomy) -> tuple[Any, ...]:
    """All a framework holds, each kind of entry as a set (a table keeps no order of them)."""
    return (
        taxonomy.name,
        *(
            set(getattr(taxonomy, kind))
            for kind in ("domains", "skills", "roles", "scales", "ladders")
        ),
        taxonomy.levels_of_ladder(),
        {(ladder.id, ladder.levels) for ladder in taxonomy.ladders},
        {(s.id, s.steps) for s in taxonomy.scales},
        set(taxonomy.expectations),
        set(taxonomy.definitions),
        set(taxonomy.role_levels),
        {(s.id, s.extras, s.translations, s.external_id) for s in taxonomy.skills},
    )


@settings(max_examples=60, deadline=None)
@given(v2_documents())
def test_any_v2_framework_round_trips_through_csv(document: dict[str, Any]) -> None:
    """Any v2 framework (its head aside) reads back from CSV with every entry equal."""
    taxonomy = _held_by_the_table(document)
    text = dumps(taxonomy, format="csv")
    again = loads(text, format="csv", name=taxonomy.name)
    assert _everything(again) == _everything(taxonomy)
    assert dumps(
        loads(dumps(again, format="csv"), format="csv", name=taxonomy.name), format="csv"
    ) == dumps(again, format="csv")


@settings(max_examples=25, deadline=None)
@given(v2_documents())
def test_any_v2_framework_round_trips_through_xlsx(document: dict[str, Any]) -> None:
    """The same from XLSX, but for text a workbook cannot hold (refused, not changed)."""
    taxonomy = _held_by_the_table(document)
    try:
        data = dumps(taxonomy, format="xlsx", matrices=False)
    except ExportError:
        return  # text like Excel's escapes: refused
    again = loads(data, format="xlsx")
    assert _everything(again) == _everything(taxonomy)


@pytest.mark.parametrize(
    "shape", ["positions-by-axis.json", "role-page.json"], ids=lambda name: name[:-5]
)
def test_shapes_round_trip(shape: str) -> None:
    """A framework of scales and ladders per role reads back from CSV equal."""
    taxonomy = load(Path(__file__).parent.parent / "data" / "shapes" / shape)
    text = dumps(taxonomy, format="csv")
    again = loads(text, format="csv", name=taxonomy.name, version=taxonomy.version)
    assert _everything(again) == _everything(taxonomy)


def _texts(taxonomy: Taxonomy) -> list[str]:
    return [c for e in taxonomy.expectations for c in e.criteria]


class TestModelV2:
    """Scales, ladders, definitions, role levels and identity columns in the long table."""

    SHAPE = Path(__file__).parent.parent / "data" / "shapes" / "positions-by-axis.json"

    def _rows(self) -> list[list[str]]:
        return list(csv.reader(io.StringIO(dumps(load(self.SHAPE), format="csv"))))

    def _read(self, rows: list[list[str]]) -> list[str]:
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        with pytest.raises(InvalidTableError) as caught:
            loads(buffer.getvalue(), format="csv", name="x")
        return [str(problem) for problem in caught.value.problems]

    def _with_column(self, header: str, row: int, value: str) -> list[list[str]]:
        rows = self._rows()
        rows[0].append(header)
        for each in rows[1:]:
            each.append("")
        rows[row - 1][-1] = value
        return rows

    def test_the_scale_comes_first_a_row_per_step(self) -> None:
        """The table opens with the scale, so a reader sees its legend before it is used."""
        rows = self._rows()
        header = rows[0]
        assert rows[1][header.index("step")] == "Adopts"
        assert all(not row[header.index("skill")] for row in rows[1:6])

    def test_a_definition_and_a_role_level_are_rows_of_their_own(self) -> None:
        """A skill with a step and no role is a definition; a role with a level and no skill, a role level."""
        taxonomy = load(Path(__file__).parent.parent / "data" / "shapes" / "role-page.json")
        rows = list(csv.reader(io.StringIO(dumps(taxonomy, format="csv"))))
        header = rows[0]
        titled = [row for row in rows[1:] if row[header.index("title")]]
        assert len(titled) == len([r for r in taxonomy.role_levels if r.title])
        assert all(not row[header.index("skill")] for row in titled)

    @pytest.mark.parametrize(
        ("header", "value", "expected"),
        [
            (
                "extras",
                "[1, 2]",
                "row 13, column AC (extras): expected a JSON object of extras: expected an "
                "object, got an array",
            ),
            (
                "extras",
                '{"a":' + "[" * 100 + "]" * 100 + "}",
                "row 13, column AC (extras): expected a JSON object of extras: arrays and "
                "objects nest 101 deep; the limit is 64",
            ),
            ("importance", "lots", "row 13, column AC (importance): expected a number, got 'lots'"),
            ("importance", "nan", "row 13, column AC (importance): expected a number, got 'nan'"),
        ],
    )
    def test_bad_cells_are_placed(self, header: str, value: str, expected: str) -> None:
        """A bad extras or importance cell gets the reader's error at its row and column."""
        assert self._read(self._with_column(header, 13, value)) == [expected]

    def test_a_bad_language_in_a_translation_column(self) -> None:
        """A column ``skill@…`` must end in a language tag."""
        assert self._read(self._with_column("skill@xx_bad", 2, "")) == [
            "row 1, column AC: expected a language tag such as 'de' or 'pt-BR' after '@', got "
            "'xx_bad'"
        ]

    def test_a_step_off_the_skills_scale(self) -> None:
        """An expectation's step must be of its skill's scale."""
        rows = self._rows()
        header = rows[0]
        row = next(r for r in rows[1:] if r[header.index("skill")] and r[header.index("step")])
        number = rows.index(row) + 1
        row[header.index("scale_id")] = "elsewhere"
        problems = self._read(rows)
        assert problems[-1] == (
            f"row {number}, column R (scale_id): step 'adopts' is of scale 'elsewhere', not of "
            "skill 'technology''s scale (its scale is 'technology')"
        )

    def test_an_unknown_ladder(self) -> None:
        """A role's ladder must be a ladder of the table, with a suggestion."""
        rows = self._rows()
        header = rows[0]
        for row in rows[1:]:
            if row[header.index("role_ladder")] == "developer":
                row[header.index("role_ladder")] = "develper"
        problems = self._read(rows)
        assert problems[0].endswith(
            "(role_ladder): unknown ladder 'develper' (did you mean 'developer'?)"
        )

    def test_translations_are_columns(self) -> None:
        """A name in another language is a column ``<kind>@<language>``, read back."""
        taxonomy = load(Path(__file__).parent.parent / "data" / "shapes" / "catalogue.json")
        plain = attrs.evolve(
            taxonomy,
            publisher="",
            licence="",
            source="",
            issued=None,
            translations={},
        )
        text = dumps(plain, format="csv")
        translated = [c for c in text.splitlines()[0].split(",") if "@" in c]
        assert translated
        again = loads(text, format="csv", name=plain.name, language=plain.language)
        assert {s.translations for s in again.skills} == {s.translations for s in plain.skills}

    def test_an_extra_that_would_not_read_back_is_refused(self) -> None:
        """An expectation's ``table:`` extra named like a known column cannot be a column."""
        taxonomy = load()
        first = attrs.evolve(taxonomy.expectations[0], extras={"table:skil": "x"})
        with pytest.raises(ExportError, match=r"cannot make the extra 'table:skil' a column"):
            dumps(
                attrs.evolve(taxonomy, expectations=[first, *taxonomy.expectations[1:]]),
                format="csv",
            )


class TestDelimiters:
    """Commas, semicolons and tabs, told by the header."""

    @pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
    def test_every_separator_reads_the_same(self, delimiter: str) -> None:
        """The bundled framework's table reads back equal whatever separates its fields."""
        taxonomy = load()
        rows = list(csv.reader(io.StringIO(dumps(taxonomy, format="csv"))))
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter).writerows(rows)
        again = loads(buffer.getvalue(), format="csv", name=taxonomy.name, version=taxonomy.version)
        assert again == taxonomy

    def test_commas_in_cells_do_not_fool_a_semicolon_header(self) -> None:
        """A semicolon file whose cells hold commas is still read by semicolons."""
        text = (
            "domain;skill;role;level;level_rank;mandatory;description\n"
            "Eng;Python;Dev;Junior;1;nein;Reads, writes, tests\n"
        )
        expectation = loads(text, format="csv").expectations[0]
        assert (expectation.mandatory, expectation.description) == (False, "Reads, writes, tests")

    def test_flags_in_spanish_and_german(self) -> None:
        """sí/no and ja/nein, Pflicht and obligatorio are flags too."""
        text = "domain,skill,role,level,level_rank,mandatory,description\n" + "".join(
            f"Eng,Python,Dev,L{n},{n},{word},x\n"
            for n, word in enumerate(["sí", "No", "Pflicht", "opcional", "JA"], start=1)
        )
        assert [e.mandatory for e in loads(text, format="csv").expectations] == [
            True,
            False,
            True,
            False,
            True,
        ]

    def test_a_header_without_a_line_end_is_looked_at_in_part(self) -> None:
        """A huge first line is looked at for its separator up to a bound, then refused."""
        text = "domain;skill;" + "x" * 1_000_000
        with pytest.raises(
            InvalidTableError, match=r"row 1: not valid CSV: field larger than field limit"
        ):
            loads(text, format="csv")


class TestMatrixRead:
    """The role matrix and wide sheets: a skill a row, a level a column."""

    @pytest.mark.parametrize("locale", ["en", "es", "de"])
    def test_the_matrix_reads_back_in_every_locale(self, locale: str) -> None:
        """What write_matrix writes reads back, and writes the same matrix again."""
        taxonomy = load()
        text = dumps(taxonomy, format="matrix-csv", role="data-scientist", locale=locale)
        matrix = loads(text, format="matrix-csv", role="Data Scientist")
        assert dumps(matrix, format="matrix-csv", role="Data Scientist", locale=locale) == text
        assert [e.description for e in matrix.expectations] == [
            e.description for e in taxonomy.expectations.filter(role="data-scientist")
        ]

    def test_flags_and_unflagged_cells(self) -> None:
        """A cell starting with the word for required is mandatory; others as told."""
        sheet = "Skill,Category,L1,L2\nSQL,Data,Obligatorio: Joins.,Tunes.\nGit,,,Rebases.\n"
        read = loads(sheet, format="matrix-csv", source="backend.csv")
        assert read.roles[0].name == read.name == read.domains[0].name == "backend"
        assert [
            (e.skill.name, e.skill.category, e.level.name, e.mandatory) for e in read.expectations
        ] == [
            ("SQL", "Data", "L1", True),
            ("SQL", "Data", "L2", False),
            ("Git", "", "L2", False),
        ]
        unstated = loads(sheet, format="matrix-csv", unflagged=None)
        assert [e.mandatory for e in unstated.expectations] == [True, None, None]

    def test_bad_sheets_are_placed(self) -> None:
        """Repeated levels and skills, stray cells and bad characters, each at its place."""
        sheet = "Skill,L1,l1,L2\nSQL,a,,b,extra\nsql,c\n\x07Git,d\n"
        with pytest.raises(InvalidTableError) as caught:
            loads(sheet, format="matrix-csv", role="r")
        assert [str(p) for p in caught.value.problems] == [
            "row 1, column C (l1): level 'l1' repeats 'L1'"
        ]
        sheet = "Skill,L1,L2\nSQL,a,b,extra\nsql,c\n\x07Git,d\n"
        with pytest.raises(InvalidTableError) as caught:
            loads(sheet, format="matrix-csv", role="r")
        assert [str(p) for p in caught.value.problems] == [
            "row 2, column D (?): a cell beyond the last level's column",
            "row 3: skill 'sql' repeats row 2",
            "row 4, column A (Skill): expected an id or name without control characters, got '\\x07Git' "
            "(U+0007 at character 1)",
        ]

    def test_a_header_without_levels(self) -> None:
        """A sheet with only the skill's column is refused."""
        with pytest.raises(InvalidTableError, match=r"row 1: expected a column per level"):
            loads("Skill\nSQL\n", format="matrix-csv", role="r")


def test_a_translated_name_follows_the_name_rule() -> None:
    """A name in another language is one line, like every name: placed at its cell."""
    text = (
        "domain,skill,role,level,level_rank,mandatory,description,skill@de\n"
        'Eng,Python,Dev,Junior,1,,Writes.,"Zwei\nZeilen"\n'
    )
    with pytest.raises(InvalidTableError) as caught:
        loads(text, format="csv")
    assert [str(p) for p in caught.value.problems] == [
        "row 2 (lines 2–3), column H (skill@de): expected an id or name without control "
        "characters, got 'Zwei\\nZeilen' (U+000A at character 5)"
    ]


# Cut files ----------------------------------------------------------------------------

_LONG_HEADER = ["domain", "skill_id", "skill", "role_id", "role", "level_id", "level"]
_LONG_HEADER += ["level_rank", "mandatory", "description"]
_LONG_ROWS = [
    ["Eng", "py", "Python", "dev", "Dev", "jr", "Junior", "1", "yes", "Writes the team’s scripts."],
    [
        "Eng",
        "py",
        "Python",
        "dev",
        "Dev",
        "sr",
        "Senior",
        "2",
        "no",
        "Designs:\nfirst the API,\nthen",
    ],
    ["Eng", "go", "Go", "dev", "Dev", "jr", "Junior", "1", "no", "Café-grade services"],
    [
        "Data",
        "sql",
        "SQL",
        "ops",
        "Ops",
        "sr",
        "Senior",
        "2",
        "yes",
        "Tunes “slow” queries, naïvely",
    ],
]


def _records(rows: list[list[str]], delimiter: str = ",") -> list[str]:
    """Each record of a CSV table as its own text, line end included."""
    texts = []
    for row in rows:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerow(row)
        texts.append(buffer.getvalue())
    return texts


def _cut(records: list[str], encoding: str, at: float) -> tuple[bytes, int]:
    """The records' bytes cut at a fraction `at` of their length, and how many are whole."""
    pieces = [record.encode(encoding) for record in records]
    data = b"".join(pieces)
    end = round(len(data) * at)
    whole, total = 0, 0
    for piece in pieces:
        total += len(piece)
        if total > end:
            break
        whole += 1
    return data[:end], whole


@settings(max_examples=150, deadline=None)
@given(at=st.floats(0, 1), encoding=st.sampled_from(["utf-8", "cp1252"]))
def test_a_cut_long_table_is_refused_or_read_whole(at: float, encoding: str) -> None:
    """A table cut at any byte is refused, or read with every whole row as it is."""
    data, whole = _cut(_records([_LONG_HEADER, *_LONG_ROWS]), encoding, at)
    try:
        read = loads(data, format="csv", report=True, name="T")
    except InvalidTableError:
        return
    found = {(e.skill.id, e.role.id, e.level.id): e for e in read.taxonomy.expectations}
    for row in _LONG_ROWS[: max(whole - 1, 0)]:
        expectation = found[(row[1], row[3], row[5])]
        assert expectation.description == row[9]
        assert expectation.mandatory is (row[8] == "yes")
    assert len(found) <= len(_LONG_ROWS)
    # UTF-8 cut after one byte of a character, all else ASCII, may be Windows-1252.
    assert read.encoding == encoding or data[:-1].isascii()


_MATRIX_ROWS = [
    ["Skill", "Category", "Junior", "Senior"],
    ["Python", "Lang", "Writes the team’s scripts.", "Required: designs\npackages"],
    ["Go", "Lang", "", "Café-grade services"],
    ["SQL", "Data", "Reads “plans”", ""],
]


@settings(max_examples=100, deadline=None)
@given(at=st.floats(0, 1), encoding=st.sampled_from(["utf-8", "cp1252"]))
def test_a_cut_matrix_is_refused_or_read_whole(at: float, encoding: str) -> None:
    """A matrix cut at any byte is refused, or read with every whole row's cells as they are."""
    data, whole = _cut(_records(_MATRIX_ROWS, ";"), encoding, at)
    try:
        taxonomy = loads(data, format="matrix-csv", role="Dev", name="T")
    except InvalidTableError:
        return
    cells = {(e.skill.name, e.level.name): e.description for e in taxonomy.expectations}
    for row in _MATRIX_ROWS[1:whole]:
        for level, text in zip(_MATRIX_ROWS[0][2:], row[2:], strict=True):
            if text:
                assert cells[(row[0], level)] == text.removeprefix("Required: ")
    assert len(taxonomy.skills) <= len(_MATRIX_ROWS) - 1


def test_a_utf8_file_cut_inside_a_character_is_refused() -> None:
    """UTF-8 cut inside its last character is not read as Windows-1252: it is refused, placed."""
    data = "".join(_records([_LONG_HEADER, *_LONG_ROWS])).encode("utf-8")
    cut = data[: data.rindex("ï".encode()) + 1]
    with pytest.raises(InvalidTableError) as caught:
        loads(cut, format="csv", name="T")
    assert [str(p) for p in caught.value.problems] == [
        "row 5 (line 7), column J (description): the text ends inside a UTF-8 character "
        f"(byte 0xc3 at offset {len(cut) - 1}): the file is cut short"
    ]


def test_a_cell_under_no_header_is_refused() -> None:
    """A cell with no header above it, or beyond the header's last, is refused, not lost."""
    text = (
        "skill,role,level,level_rank,mandatory,description,domain,,Points\n"
        "Go,Dev,Jr,1,yes,x,Eng,lost,3\n"
        "Py,Dev,Jr,1,yes,x,Eng,,4,extra\n"
        "Rs,Dev,Jr,1,yes,x,Eng,again,5\n"
    )
    with pytest.raises(InvalidTableError) as caught:
        loads(text, format="csv")
    assert [str(p) for p in caught.value.problems] == [
        "row 2, column H: a cell under no header (name the column to keep it as an extra)",
        "row 3, column J: a cell under no header (name the column to keep it as an extra)",
    ]


@pytest.mark.parametrize("format", ["csv", "matrix-csv", "sfia", "onet", "esco"])
def test_an_encoding_that_is_no_name(format: str) -> None:
    """encoding= that is not a codec's name is refused as a mistake in the call."""
    options = {"role": "r"} if format == "matrix-csv" else {}
    data = b"a,b\n"
    if format in ("onet", "esco"):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("Occupation Data.txt" if format == "onet" else "skills_en.csv", data)
            archive.writestr("occupations_en.csv", data)
        data = buffer.getvalue()
    with pytest.raises(InvalidQueryError, match=r"encoding must be a codec name, got int"):
        loads(data, format=format, encoding=8, **options)
    with pytest.raises(InvalidQueryError, match=r"unknown encoding 'no-such-codec'"):
        loads(data, format=format, encoding="no-such-codec", **options)
