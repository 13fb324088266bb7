"""Tests for the archives' shared reading: files read in bulk as `csv.reader` reads them."""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import re
import zipfile
from collections.abc import Iterator
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from skilltaxonomy import InvalidTableError, loads
from skilltaxonomy.formats import _archive
from skilltaxonomy.formats._archive import Archive


def _opened(text: str, max_rows: int) -> Archive:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("t.csv", text.encode("utf-8"))
    opened = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    return Archive(opened, None, max_rows, what="", expected="", delimiter=",", quoted=True)


@contextlib.contextmanager
def _field_limit(limit: int | None) -> Iterator[None]:
    """`csv`'s limit of a field's length set to `limit` (None: as it is) while in the block."""
    before = csv.field_size_limit() if limit is None else csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(before)


def _columns(text: str, *, split: bool, max_rows: int, others: bool) -> object:
    """What `Archive.columns` gives of `text`, the problems it reports, and each row's place.

    With `split`, as the archive reads it; else with `csv.reader` (no line split at once).
    """
    archive = _opened(text, max_rows)
    unsplit = mock.patch.object(_archive, "_unquoted", return_value=None)
    with contextlib.nullcontext() if split else unsplit:
        try:
            found = archive.columns("t.csv", ("a",), ("b",), others=others, skip=("c",), why="w")
        except InvalidTableError as error:
            return [str(problem) for problem in error.problems]
    if found is None:
        return None
    places = [archive.where("t.csv", number) for number in range(2, len(found[1][0]) + 2)]
    return found, [str(problem) for problem in archive.unkept], places


_PLAIN = ["", " ", "x", "y z", " w ", "é"]
_ODD = [",", '"', "\n", "\r", "\r\n"]


@st.composite
def _tables(draw: st.DrawFn) -> str:
    """CSV text: a header and records, most often plain and as wide, a last line end or not.

    One table in four may hold odd cells (separators, quotes, line ends), lone carriage
    returns, and records of other widths.
    """
    header = draw(st.lists(st.sampled_from(["a", "b", "c", "d", "", "a "]), min_size=1, max_size=4))
    if "a" not in header and draw(st.integers(0, 3)):
        header.insert(draw(st.integers(0, len(header))), "a")
    odd = draw(st.integers(0, 3)) == 0
    cells = st.sampled_from(_PLAIN + _ODD) if odd else st.sampled_from(_PLAIN)
    width = st.integers(0, 5) if odd and draw(st.booleans()) else st.just(len(header))
    records = draw(
        st.lists(width.flatmap(lambda n: st.lists(cells, min_size=n, max_size=n)), min_size=1)
    )
    end = "\r\n" if draw(st.booleans()) else "\n"
    ends = st.sampled_from([end, end, end, "\r"]) if odd else st.just(end)
    text = ",".join(header) + "\n" + "".join(",".join(row) + draw(ends) for row in records)
    return text if draw(st.booleans()) else text.removesuffix("\n")


@settings(max_examples=400, deadline=None)
@given(
    text=_tables(),
    others=st.booleans(),
    max_rows=st.sampled_from([2, 4, 1000, 1000, 1000, 1000]),
    block=st.sampled_from([1, 7, 1 << 20]),
    limit=st.sampled_from([None, None, None, 1, 3, 6]),
)
def test_lines_split_at_once_are_what_csv_reader_reads(
    text: str, others: bool, max_rows: int, block: int, limit: int | None
) -> None:
    """A file split a line a record gives the columns, reports and places `csv.reader` gives."""
    with (
        _field_limit(limit),
        mock.patch.object(_archive, "_LINES", block),
        mock.patch.object(_archive, "_BLOCK", 1),
    ):
        split = _columns(text, split=True, max_rows=max_rows, others=others)
        read = _columns(text, split=False, max_rows=max_rows, others=others)
    assert split == read


def test_a_plain_file_is_split_and_placed_by_its_lines() -> None:
    """A file without quotes is split at once: its columns, unread cells and places as read."""
    text = "a,c,b,d\r\nx, ,y,\r\nz,q,w, 1\r\n"
    assert _archive._unquoted(text, quoted=True) == "a,c,b,d\nx, ,y,\nz,q,w, 1\n"
    found = _columns(text, split=True, max_rows=10, others=True)
    assert found == (
        (("a", "b", "d"), (["x", "z"], ["y", "w"], ["", " 1"])),
        ["t.csv: column 'c' (1 cell) not kept (w)"],
        ["row 2", "row 3"],
    )


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(st.sampled_from("ab,\n"), max_size=60),
    limit=st.integers(1, 12),
)
def test_a_cell_over_the_limit_is_never_missed(text: str, limit: int) -> None:
    """Where a cell is longer than the limit, `_may_hold_longer` says a cell may be."""
    longest = max(map(len, re.split("[,\n]", text)))
    with mock.patch.object(_archive, "_BLOCK", 1):
        found = _archive._may_hold_longer(text, ",", limit)
    assert found or longest <= limit


def _download() -> bytes:
    files = {
        "occupations_en.csv": "conceptUri,preferredLabel\nhttp://e/o/1,analyst\n",
        "skills_en.csv": "conceptUri,preferredLabel\nhttp://e/s/1,statistics\n",
        "occupationSkillRelations_en.csv": (
            "occupationUri,relationType,skillUri\nhttp://e/o/1,essential,http://e/s/1\n"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_a_download_s_objects_are_made_old() -> None:
    """The framework a download makes is in the collector's oldest generation, none frozen."""
    taxonomy = loads(_download(), format="esco")
    young = {id(found) for found in gc.get_objects(0) + gc.get_objects(1)}
    assert gc.get_freeze_count() == 0
    assert not young & {id(taxonomy), *map(id, taxonomy.expectations), *map(id, taxonomy.skills)}


def test_objects_frozen_stay_frozen() -> None:
    """Where the caller froze objects, a download leaves them frozen, and makes its own young."""
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        taxonomy = loads(_download(), format="esco")
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
    assert taxonomy.expectations[0].mandatory is True


def _download_of(data: bytes, max_rows: int, delimiter: str, *, quoted: bool) -> Archive:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("t.csv", data)
    opened = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    return Archive(opened, None, max_rows, what="", expected="", delimiter=delimiter, quoted=quoted)


def _read_in_bulk(archive: Archive, others: bool) -> object:
    """The records `Archive.columns` gives (None where in doubt), their places and reports."""
    try:
        found = archive.columns("t.csv", ("a",), ("b",), others=others, skip=("c",), why="w")
    except InvalidTableError as error:
        return [str(problem) for problem in error.problems]
    if found is None:
        return None
    records = [*zip(*found[1], strict=True)]
    places = [archive.where("t.csv", number) for number in range(2, len(records) + 2)]
    return records, places, [str(problem) for problem in archive.unkept]


def _read_by_row(archive: Archive, others: bool) -> object:
    """What `Archive.rows` gives: the records' cells, their places and the reports."""
    try:
        rows = [*archive.rows("t.csv", ("a",), ("b",), others=others, skip=("c",), why="w")]
    except InvalidTableError as error:
        return [str(problem) for problem in error.problems]
    records = [tuple(row.values()) for _, row in rows]
    return records, [place for place, _ in rows], [str(problem) for problem in archive.unkept]


_HOSTILE_CELLS = [*_PLAIN, "\t", ",", '"', "\0", "\r", "\n", "\ufeff", "\x0b", "\u2028", "\x85"]


@st.composite
def _hostile_downloads(draw: st.DrawFn) -> tuple[bytes, str]:
    """A file's bytes and separator: tabs or commas, any line ends, NUL, marks, Windows-1252."""
    header = draw(st.lists(st.sampled_from(["a", "b", "c", "d", "", "a ", "\ufeffa"]), max_size=4))
    if "a" not in header and draw(st.integers(0, 3)):
        header.insert(0, "a")
    odd = draw(st.integers(0, 2)) == 0
    cells = st.sampled_from(_HOSTILE_CELLS if odd else _PLAIN)
    width = st.integers(0, 5) if odd and draw(st.booleans()) else st.just(len(header))
    records = draw(st.lists(width.flatmap(lambda n: st.lists(cells, min_size=n, max_size=n))))
    delimiter = draw(st.sampled_from([",", "\t"]))
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    ends = st.sampled_from([end, end, end, "\r", "\n", "\r\n", "\n\n"]) if odd else st.just(end)
    text = delimiter.join(header) + draw(ends)
    text += "".join(delimiter.join(record) + draw(ends) for record in records)
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "cp1252"]))
    try:
        return text.encode(encoding), delimiter
    except UnicodeEncodeError:
        return text.encode("utf-8"), delimiter


@settings(max_examples=300, deadline=None)
@given(
    download=_hostile_downloads(),
    quoted=st.booleans(),
    others=st.booleans(),
    max_rows=st.sampled_from([2, 4, 1000]),
    block=st.sampled_from([1, 7, 1 << 20]),
    limit=st.sampled_from([None, None, 1, 3]),
)
def test_what_is_read_in_bulk_is_what_is_read_row_by_row(
    download: tuple[bytes, str],
    *,
    quoted: bool,
    others: bool,
    max_rows: int,
    block: int,
    limit: int | None,
) -> None:
    """Where `columns` reads a file (split or parsed), `rows` reads the same records, places, reports."""
    data, delimiter = download
    with (
        _field_limit(limit),
        mock.patch.object(_archive, "_LINES", block),
        mock.patch.object(_archive, "_BLOCK", 1),
    ):
        bulk = _read_in_bulk(_download_of(data, max_rows, delimiter, quoted=quoted), others)
        by_row = _read_by_row(_download_of(data, max_rows, delimiter, quoted=quoted), others)
    if bulk is not None:
        assert bulk == by_row
