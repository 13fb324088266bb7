"""Tests for the table of formats and the four verbs every format shares."""

from __future__ import annotations

import inspect
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from skilltaxonomy import (
    FORMATS,
    InvalidCaseError,
    InvalidPageError,
    InvalidQueryError,
    InvalidTableError,
    InvalidTaxonomyError,
    Reading,
    Taxonomy,
    dump,
    dumps,
    load,
    loads,
    render,
)
from skilltaxonomy.formats import _registry

ROOT = Path(__file__).resolve().parents[2]


def _options(entry: _registry.Format, role: str) -> str:
    name = entry.reader if role == "reader" else entry.writer
    if name is None:
        return "—"
    parameters = inspect.signature(entry.function(role)).parameters.values()
    taken = [
        f"`{p.name}`"
        for p in parameters
        if p.kind is inspect.Parameter.KEYWORD_ONLY and p.name not in ("source", "max_bytes")
    ]
    return ", ".join(taken) or "—"


def test_docs_list_every_format() -> None:
    """docs/exchange.md's table of formats is the registry's, options and all."""
    rows = [
        "| format | suffixes | what it is | options when reading | options when writing |",
        "|---|---|---|---|---|",
    ]
    for entry in FORMATS:
        suffixes = ", ".join(f"`{s}`" for s in entry.suffixes) or "—"
        rows.append(
            f"| `{entry.name}` | {suffixes} | {entry.summary} | "
            f"{_options(entry, 'reader')} | {_options(entry, 'writer')} |"
        )
    assert "\n".join(rows) in (ROOT / "docs" / "exchange.md").read_text(encoding="utf-8")


def test_every_format_has_its_functions() -> None:
    """Each entry's module has the reader and writer it names, with the shared parameters."""
    for entry in FORMATS:
        if entry.reader is not None:
            parameters = inspect.signature(entry.function("reader")).parameters
            assert list(parameters)[:3] == ["data", "source", "max_bytes"], entry.name
        if entry.writer is not None:
            writer = inspect.signature(entry.function("writer"))
            assert next(iter(writer.parameters)) == "taxonomy"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("ladder.csv", "csv"),
        ("LADDER.CSV", "csv"),
        ("book.xlsx", "xlsx"),
        ("package.case.json", "case"),
        ("framework.json", "json"),
        ("copied.md", "page"),
        ("notes", None),
        ("archive.zip", None),
    ],
)
def test_suffixes(path: str, expected: str | None) -> None:
    """A file's suffix names its format (the longest suffix that matches)."""
    found = _registry.for_path(path)
    assert (None if found is None else found.name) == expected


def test_unknown_format() -> None:
    """An unknown format name is refused with a suggestion or the list."""
    with pytest.raises(InvalidQueryError) as caught:
        loads("", format="cvs")
    assert str(caught.value) == "unknown format 'cvs' (did you mean 'csv'?)"
    with pytest.raises(InvalidQueryError) as caught:
        loads("", format="yaml")
    assert str(caught.value) == (
        "unknown format 'yaml' (expected one of: json, csv, xlsx, case, page, role-page, sfia, onet, esco, matrix-csv, progression, progression-json)"
    )


def test_one_way_formats(bundled: Taxonomy) -> None:
    """A read-only format cannot be written (every other format is read and written)."""
    with pytest.raises(InvalidQueryError, match=r"^format 'page' cannot be written by"):
        dumps(bundled, format="page")
    assert [entry.name for entry in FORMATS if entry.reader is None] == []


def test_options_are_checked_by_name(bundled: Taxonomy) -> None:
    """An option the format does not take is refused, naming the ones it has."""
    with pytest.raises(TypeError) as caught:
        loads(dumps(bundled), nme="x")
    assert str(caught.value) == (
        "format 'json' takes no option 'nme' when reading (its options: max_depth)"
    )
    with pytest.raises(TypeError) as caught:
        dumps(bundled, format="csv", role="x")
    assert (
        str(caught.value) == "format 'csv' takes no option 'role' when writing (its options: bom)"
    )


def _case_text(taxonomy: Taxonomy) -> str:
    return dumps(taxonomy, format="case")


def _page_text(taxonomy: Taxonomy) -> str:
    return render(taxonomy.profile("neural-network-architectures"), "md")


# Every readable format: how to write the bundled framework in it, and what to pass back.
READABLE: dict[str, tuple[Callable[[Taxonomy], str | bytes], dict[str, Any]]] = {
    "json": (dumps, {}),
    "csv": (lambda t: dumps(t, format="csv"), {"name": "N"}),
    "xlsx": (lambda t: dumps(t, format="xlsx"), {}),
    "case": (_case_text, {}),
    "page": (
        _page_text,
        {"skill_id": "neural-network-architectures", "skill_name": "Neural Network Architectures"},
    ),
    # The read-only layouts of progression frameworks: a file of each, as it is.
    "progression": (
        lambda _: (ROOT / "tests" / "data" / "progression" / "single.md").read_text("utf-8"),
        {},
    ),
    "progression-json": (
        lambda _: (ROOT / "tests" / "data" / "progression" / "ladder.json").read_text("utf-8"),
        {},
    ),
}


@pytest.mark.parametrize("name", READABLE)
def test_every_reader_takes_every_kind_of_input(
    name: str, bundled: Taxonomy, tmp_path: Path
) -> None:
    """A path (str or Path), text, bytes, a binary and a text file object read alike."""
    write, options = READABLE[name]
    data = write(bundled)
    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    path = tmp_path / f"framework.{name}"
    path.write_bytes(raw)
    expected = loads(raw, format=name, **options)
    assert loads(data, format=name, **options) == expected
    assert load(path, format=name, **options) == expected
    assert load(str(path), format=name, **options) == expected
    assert load(io.BytesIO(raw), format=name, **options) == expected
    with path.open("rb") as binary:
        assert load(binary, format=name, **options) == expected
    if not isinstance(data, bytes):
        assert load(io.StringIO(data), format=name, **options) == expected
        with path.open(encoding="utf-8") as text:
            assert load(text, format=name, **options) == expected


def test_the_suffix_names_the_format(bundled: Taxonomy, tmp_path: Path) -> None:
    """Without format=, load and dump go by the suffix, else format v1."""
    for name in ("ours.csv", "ours.xlsx", "ours.case.json", "ours.json", "ours"):
        path = tmp_path / name
        dump(bundled, path)
        read = (
            load(path, name=bundled.name, version=bundled.version)
            if name.endswith(".csv")
            else load(path)
        )
        assert read == bundled, name
    assert (tmp_path / "ours").read_text(encoding="utf-8") == dumps(bundled)


def test_errors_name_the_file_of_a_file_object(tmp_path: Path) -> None:
    """A file object's name is the source errors give."""
    path = tmp_path / "bad.csv"
    path.write_text("domain\nx\n", encoding="utf-8")
    with path.open("rb") as file, pytest.raises(InvalidTableError) as caught:
        load(file)
    assert caught.value.source == str(path)


def test_report(bundled: Taxonomy) -> None:
    """report=True gives the Reading: the framework and what was not kept."""
    reading = loads(dumps(bundled), report=True)
    assert reading == Reading(bundled)
    assert reading.skipped == ()
    assert reading.metadata is None


def test_not_a_source() -> None:
    """Load takes a path or a file object, and says so for anything else."""
    with pytest.raises(TypeError) as caught:
        load(b"{}")  # type: ignore[arg-type]
    assert (
        str(caught.value)
        == "expected a path or a file object, got bytes (text and bytes go to loads)"
    )


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("json", InvalidTaxonomyError),
        ("csv", InvalidTableError),
        ("xlsx", InvalidTableError),
        ("case", InvalidCaseError),
        ("page", InvalidPageError),
    ],
)
def test_limits_bound_every_read(
    name: str, error: type[InvalidTaxonomyError], tmp_path: Path
) -> None:
    """max_bytes bounds a path, a file object and the text itself, in every format."""
    options = READABLE[name][1]
    path = tmp_path / "big"
    path.write_bytes(b"x" * 100)
    for source in (path, io.BytesIO(b"x" * 100)):
        with pytest.raises(error) as caught:
            load(source, format=name, max_bytes=10, **options)
        assert str(caught.value).endswith("$: file is larger than the limit of 10 bytes")
    with pytest.raises(error) as caught:
        loads("x" * 100, format=name, max_bytes=10, **options)
    assert str(caught.value).endswith("$: input is 100 characters; the limit is 10")


@pytest.mark.skipif(not os.path.exists("/dev/urandom"), reason="needs /dev/urandom")
def test_an_endless_file_is_read_within_the_limit() -> None:
    """Reading /dev/urandom stops one byte past the limit (no MemoryError, bounded time)."""
    with pytest.raises(InvalidTaxonomyError) as caught:
        load("/dev/urandom", max_bytes=1024 * 1024)
    assert str(caught.value) == (
        "/dev/urandom: 1 problem\n  $: file is larger than the limit of 1048576 bytes"
    )


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_file_of_nul_bytes_is_refused_at_once() -> None:
    """/dev/zero starts with NUL bytes, as no input a reader reads does: refused at once."""
    with pytest.raises(InvalidTaxonomyError) as caught:
        load("/dev/zero")
    assert str(caught.value) == (
        "/dev/zero: 1 problem\n"
        "  $: starts with NUL bytes: binary data, not text, a workbook or an archive"
    )


def test_a_huge_limit_is_a_limit(tmp_path: Path, bundled: Taxonomy) -> None:
    """max_bytes=sys.maxsize reads as no limit at all, without overflowing."""
    path = tmp_path / "ours.json"
    dump(bundled, path)
    assert load(path, max_bytes=sys.maxsize) == bundled


class TestDump:
    def test_atomic(
        self, bundled: Taxonomy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A write that fails half-way leaves the old file as it was, and no temporary file."""
        path = tmp_path / "ours.json"
        path.write_text("old", encoding="utf-8")

        def failing_replace(source: str, target: str) -> None:
            raise OSError("disk full")

        monkeypatch.setattr(os, "replace", failing_replace)
        with pytest.raises(OSError, match="disk full"):
            dump(bundled, path)
        assert path.read_text(encoding="utf-8") == "old"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["ours.json"]

    def test_a_missing_folder_is_named_as_the_target(
        self, bundled: Taxonomy, tmp_path: Path
    ) -> None:
        """Writing into a folder that is not there names the file asked for, not a temporary."""
        path = tmp_path / "nowhere" / "ours.json"
        with pytest.raises(FileNotFoundError) as caught:
            dump(bundled, path)
        assert (caught.value.filename, caught.value.strerror) == (
            str(path),
            "No such file or directory",
        )

    def test_keeps_permissions(self, bundled: Taxonomy, tmp_path: Path) -> None:
        """Replacing a file keeps its permissions."""
        path = tmp_path / "ours.json"
        path.write_text("old", encoding="utf-8")
        path.chmod(0o640)
        dump(bundled, path)
        assert path.stat().st_mode & 0o777 == 0o640
        assert load(path) == bundled

    def test_to_file_objects(self, bundled: Taxonomy) -> None:
        """Dump writes text to a text file, bytes (or UTF-8) to a binary one."""
        text, binary = io.StringIO(), io.BytesIO()
        dump(bundled, text)
        dump(bundled, binary, format="xlsx")
        assert text.getvalue() == dumps(bundled)
        assert loads(binary.getvalue(), format="xlsx") == bundled
        with pytest.raises(TypeError, match="this format is binary"):
            dump(bundled, io.StringIO(), format="xlsx")


class TestDumpTargets:
    def test_a_link_is_followed(self, bundled: Taxonomy, tmp_path: Path) -> None:
        """Writing through a symbolic link replaces the file it points to, not the link."""
        real = tmp_path / "real.json"
        real.write_text("old", encoding="utf-8")
        link = tmp_path / "link.json"
        link.symlink_to(real)
        dump(bundled, link)
        assert link.is_symlink()
        assert load(real) == bundled

    @pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
    def test_a_device_is_written_not_replaced(self, bundled: Taxonomy) -> None:
        """A device is written to as it is (and /dev/full's error is the OS's), never replaced."""
        with pytest.raises(OSError, match="No space left on device"):
            dump(bundled, "/dev/full")
        assert not Path("/dev/full").is_file()


@pytest.mark.parametrize(
    ("name", "data", "options", "message"),
    [
        (
            "csv",
            "domain,skill,role,level,level_rank,mandatory,description\n" + "d,s,r,l,1,no,x\n" * 3,
            {"max_cells": 20},
            "row 3: the table has more than 20 cells (the limit, max_cells)",
        ),
        (
            "case",
            '{"CFItems": [{}, {}, {}]}',
            {"max_items": 2},
            "$: the package holds 3 objects; the limit is 2 (max_items)",
        ),
        (
            "page",
            "x" * 50,
            {"skill_id": "s", "skill_name": "S", "max_line_length": 10},
            "line 1: the line is 50 characters long; the limit is 10 (max_line_length)",
        ),
    ],
)
def test_limits_are_settable(name: str, data: str, options: dict[str, Any], message: str) -> None:
    """Each reader's size limits are options, refused at the place they are passed."""
    with pytest.raises(InvalidTaxonomyError) as caught:
        loads(data, format=name, source="in", **options)
    assert str(caught.value) == f"in: 1 problem\n  {message}"
