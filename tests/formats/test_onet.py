"""Tests for O*NET's text files: occupations as roles, rated elements as expectations."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltaxonomy import InvalidTableError, dumps, load, loads

DOWNLOAD = Path(__file__).parent.parent / "data" / "onet" / "db_test_text.zip"


def _files() -> dict[str, str]:
    with zipfile.ZipFile(DOWNLOAD) as archive:
        return {
            info.filename.rsplit("/", 1)[-1]: archive.read(info).decode("utf-8")
            for info in archive.infolist()
        }


def _zipped(files: dict[str, str] | dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _problems(files: dict[str, str]) -> list[str]:
    with pytest.raises(InvalidTableError) as caught:
        loads(_zipped(files), format="onet")
    return [str(problem) for problem in caught.value.problems]


def test_occupations_elements_and_ratings() -> None:
    """Roles, skills grouped by the content model, importance and the LV step."""
    taxonomy = load(DOWNLOAD, format="onet")
    assert [role.name for role in taxonomy.roles] == ["Data Scientists", "Data Entry Keyers"]
    programming = taxonomy.skill("2.B.3.e")
    assert (programming.domain.name, programming.category) == (
        "Cross-Functional Skills",
        "Technical Skills",
    )
    rated = taxonomy.expectation("2.A.1.a", "15-2051.00", "onet")
    assert (rated.importance, rated.step.id, rated.mandatory) == (4.0, "5", None)  # type: ignore[union-attr]
    assert rated.extras["onet:LV"] == 4.62
    not_relevant = taxonomy.expectation("2.B.3.e", "43-9021.00", "onet")
    assert (not_relevant.step, not_relevant.extras["onet:not_relevant"]) == (None, True)
    assert [(d.skill.id, d.step.id) for d in taxonomy.definitions] == [
        ("2.A.1.a", "2"),
        ("2.A.1.a", "4"),
        ("2.B.3.e", "5"),
    ]


def test_the_other_files_are_reported() -> None:
    """A file the reader does not read, and what the content model holds beyond it, are listed."""
    read = load(DOWNLOAD, format="onet", report=True)
    assert [str(p) for p in read.skipped][1:] == [
        "Content Model Reference.txt: 2 descriptions of the groups that are categories not "
        "kept (a category is a name), such as '2.A.1'",
        "Content Model Reference.txt: 1 element no skill read is or belongs to, not kept, "
        "such as '2.A.2'",
    ]
    assert next(p.path for p in read.skipped) == "file 'db_test_text/Job Zones.txt'"
    assert read.encoding == "utf-8"


def test_the_content_model_describes_skills_and_domains() -> None:
    """An element's description is its skill's summary, a domain's is its extra."""
    taxonomy = load(DOWNLOAD, format="onet")
    assert taxonomy.skill("2.B.3.e").summary == "Writing programs for a purpose (a test text)."
    assert taxonomy.domain("2.A").extras["onet:description"] == (
        "Capacities that help people learn."
    )


def test_every_rating_column_is_kept() -> None:
    """N, standard error, bounds, date and source are the expectation's extras, per scale."""
    rated = load(DOWNLOAD, format="onet").expectation("2.A.1.a", "15-2051.00", "onet")
    assert dict(rated.extras) == {
        "onet:IM N": 8,
        "onet:IM Standard Error": 0.19,
        "onet:IM Lower CI Bound": 3.6,
        "onet:IM Upper CI Bound": 4.4,
        "onet:LV": 4.62,
        "onet:LV N": 8,
        "onet:LV Standard Error": 0.18,
        "onet:LV Lower CI Bound": 4.3,
        "onet:LV Upper CI Bound": 5.0,
        "onet:date": "08/2023",
        "onet:source": "Analyst",
    }


def test_a_rating_without_lv_keeps_its_date() -> None:
    """An IM rating with no LV row keeps its date and source; a suppressed one says so."""
    files = _files()
    lines = files["Skills.txt"].splitlines(keepends=True)
    lines[3] = lines[3].replace("\tN\tn/a\t08/2023\tAnalyst", "\tY\tn/a\t02/2024\tIncumbent")
    files["Skills.txt"] = "".join(lines[:4] + lines[5:])  # 2.B.3.e's LV for 15-2051.00 gone
    rated = loads(_zipped(files), format="onet").expectation("2.B.3.e", "15-2051.00", "onet")
    assert (rated.step, rated.importance) == (None, 4.25)
    assert (rated.extras["onet:date"], rated.extras["onet:source"]) == ("02/2024", "Incumbent")
    assert rated.extras["onet:suppress"] is True


def test_windows_1252_files() -> None:
    """A file saved as Windows-1252 is read as such, and the reading says so per file."""
    files = {name: text.encode("utf-8") for name, text in _files().items()}
    files["Occupation Data.txt"] = (
        _files()["Occupation Data.txt"]
        .replace("(a test text)", "(a test\u2019s text)")
        .encode("cp1252")
    )
    read = loads(_zipped(files), format="onet", report=True)
    assert read.taxonomy.role("15-2051.00").summary.endswith("(a test\u2019s text).")
    assert read.encoding == "utf-8 (cp1252: 'Occupation Data.txt')"
    with pytest.raises(InvalidTableError) as caught:
        loads(_zipped(files), format="onet", encoding="utf-8")
    assert [str(p) for p in caught.value.problems] == [
        "Occupation Data.txt, line 2, column 91: not utf-8 text (byte 0x92 at offset 123); "
        "name the file's encoding with encoding= or --encoding"
    ]
    assert loads(_zipped(files), format="onet", report=True, encoding="cp1252").encoding == (
        "cp1252"
    )


def test_a_folder_reads_as_its_archive(tmp_path: Path) -> None:
    """The folder the download unpacks to reads the same as the archive."""
    with zipfile.ZipFile(DOWNLOAD) as archive:
        archive.extractall(tmp_path)
    assert load(tmp_path / "db_test_text", format="onet") == load(DOWNLOAD, format="onet")


def test_what_is_read_survives_json_and_case() -> None:
    """The framework read round-trips through format v2 and CASE."""
    taxonomy = load(DOWNLOAD, format="onet")
    assert loads(dumps(taxonomy)) == taxonomy
    assert loads(dumps(taxonomy, format="case"), format="case") == taxonomy


def test_bad_files_are_placed() -> None:
    """Each problem names the file and line."""
    files = _files()
    files["Skills.txt"] = files["Skills.txt"].replace("4.62", "high")
    assert _problems(files) == ["Skills.txt, line 3: Data Value: expected a number, got 'high'"]
    files = _files()
    files["Skills.txt"] = files["Skills.txt"].replace("43-9021.00", "43-9099.00")
    assert _problems(files) == [
        "Skills.txt, line 6: O*NET-SOC Code: unknown occupation '43-9099.00'"
    ]
    files = _files()
    del files["Occupation Data.txt"]
    assert _problems(files) == [
        "Occupation Data.txt, line 1: the download has no 'Occupation Data.txt' (expected "
        "O*NET's text files)"
    ]
    files = _files()
    files["Occupation Data.txt"] = "Code\tTitle\n"
    assert _problems(files) == [
        "Occupation Data.txt, line 1: expected the columns 'O*NET-SOC Code', 'Description'"
    ]


def test_a_scale_id_that_cannot_name_an_extra_is_placed() -> None:
    """A Scale ID (which names the rating's extras) is one line: else refused at its line."""
    files = _files()
    files["Skills.txt"] = files["Skills.txt"].replace("\tLV\t", "\tL\u2028V\t", 1)
    assert _problems(files) == [
        "Skills.txt, line 3: Scale ID: expected an id or name without line separators, "
        "got 'L\\u2028V' (U+2028 at character 2)"
    ]


def test_not_an_archive() -> None:
    """Text, or bytes that are no zip archive, are refused saying what is expected."""
    with pytest.raises(InvalidTableError, match=r"expected a zip archive \(the download\)"):
        loads(b"O*NET-SOC Code\tTitle\n", format="onet")
    with pytest.raises(InvalidTableError, match=r"a zip archive is binary"):
        loads("text", format="onet")


def test_limits() -> None:
    """An archive that unpacks past max_bytes, and a file past max_rows, are refused."""
    data = DOWNLOAD.read_bytes()
    with pytest.raises(InvalidTableError, match=r"the archive unpacks to \d+ bytes"):
        loads(data, format="onet", max_bytes=len(data) + 10)
    with pytest.raises(InvalidTableError, match=r"Reference.txt, line 4: more than 3 lines"):
        loads(data, format="onet", max_rows=3)


@settings(max_examples=80, deadline=None)
@given(at=st.floats(0, 1), encoding=st.sampled_from(["utf-8", "cp1252"]))
def test_a_cut_file_is_refused_or_read_whole(at: float, encoding: str) -> None:
    """Skills.txt cut at any byte is refused, or read with every whole line's rating."""
    files: dict[str, bytes] = {n: t.encode("utf-8") for n, t in _files().items()}
    text = _files()["Skills.txt"].replace("Programming", "Programming – “code”")
    lines = [line.encode(encoding) for line in text.splitlines(keepends=True)]
    data = b"".join(lines)
    end = round(len(data) * at)
    whole = sum(1 for i in range(len(lines)) if len(b"".join(lines[: i + 1])) <= end)
    files["Skills.txt"] = data[:end]
    try:
        read = loads(_zipped(files), format="onet", report=True)
    except InvalidTableError:
        return
    for line in text.splitlines()[1:whole]:
        code, element, _, kind, value = line.split("\t")[:5]
        rated = read.taxonomy.expectation(element, code, "onet")
        assert (rated.importance if kind == "IM" else rated.extras["onet:LV"]) == float(value)
    assert len(read.taxonomy.expectations) <= 4


@pytest.mark.parametrize(
    ("character", "kind"),
    [("\x85", "control characters"), ("\u2066", "bidirectional formatting characters")],
)
def test_characters_are_checked_once_per_file_and_placed(character: str, kind: str) -> None:
    """A forbidden character in a name is found, at its file, line and column."""
    files = _files()
    title = files["Occupation Data.txt"].splitlines()[1].split("\t")[1]
    files["Occupation Data.txt"] = files["Occupation Data.txt"].replace(title, title + character, 1)
    shown = repr(title + character)
    assert _problems(files) == [
        f"Occupation Data.txt, line 2: Title: expected an id or name without {kind}, got "
        f"{shown} (U+{ord(character):04X} at character {len(title) + 1})"
    ]


@pytest.mark.parametrize("character", ["\x01", "\x1f", "\x7f", "\x0b"])
def test_ascii_control_characters_are_found_by_the_file_check(character: str) -> None:
    """An ASCII control character in an ASCII file is found, at its line and column."""
    files = _files()
    title = files["Occupation Data.txt"].splitlines()[1].split("\t")[1]
    files["Occupation Data.txt"] = files["Occupation Data.txt"].replace(title, title + character, 1)
    (problem,) = _problems(files)
    assert problem.startswith("Occupation Data.txt, line 2: Title: expected an id or name without")
    assert problem.endswith(f"(U+{ord(character):04X} at character {len(title) + 1})")
