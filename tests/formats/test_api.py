"""Tests for load, loads, dump and dumps."""

from __future__ import annotations

import io
import json
import os
import threading
import zipfile
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from skilltaxonomy import (
    InvalidQueryError,
    InvalidTaxonomyError,
    Taxonomy,
    dump,
    dumps,
    load,
    loads,
)

from ..conftest import Document


class TestBundled:
    def test_same_object_every_call(self) -> None:
        """The bundled framework is read once and shared."""
        assert load() is load()

    def test_same_object_from_many_threads(self) -> None:
        """Threads loading at once all get the one object."""
        results: list[Taxonomy] = []
        barrier = threading.Barrier(32)

        def worker() -> None:
            barrier.wait()
            results.append(load())

        threads = [threading.Thread(target=worker) for _ in range(32)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(results) == 32
        assert all(result is results[0] for result in results)

    def test_shipped_file_is_canonical(self) -> None:
        """The bundled file is exactly what dumps writes for it."""
        shipped = resources.files("skilltaxonomy").joinpath(
            "data", "neural-network-architectures.json"
        )
        assert dumps(load()) == shipped.read_text(encoding="utf-8")


class TestFiles:
    def test_load_path_and_str(self, tmp_path: Path, small_text: str) -> None:
        """A file is read from a path-like object or a string."""
        path = tmp_path / "small.json"
        path.write_text(small_text, encoding="utf-8")
        assert load(path) == load(str(path)) == loads(small_text)

    def test_dump_then_load(self, tmp_path: Path, small_text: str) -> None:
        """Dump writes canonical text that load reads back equal."""
        taxonomy = loads(small_text)
        path = tmp_path / "out.json"
        dump(taxonomy, path)
        assert path.read_bytes() == dumps(taxonomy).encode()
        assert load(path) == taxonomy

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file raises the ordinary FileNotFoundError."""
        with pytest.raises(FileNotFoundError):
            load(tmp_path / "absent.json")

    def test_error_names_the_file(self, tmp_path: Path, document: Document) -> None:
        """Problems in a file are reported under its name."""
        document["levels"][1]["id"] = 2
        path = tmp_path / "team.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        with pytest.raises(InvalidTaxonomyError) as caught:
            load(path)
        assert str(caught.value) == f"{path}: 1 problem\n  $.levels[1].id: expected a string, got 2"

    def test_file_size_limit(self, tmp_path: Path, small_text: str) -> None:
        """A file over the limit is refused without reading it all."""
        path = tmp_path / "big.json"
        path.write_text(small_text, encoding="utf-8")
        with pytest.raises(InvalidTaxonomyError) as caught:
            load(path, max_bytes=10)
        assert (
            str(caught.value)
            == f"{path}: 1 problem\n  $: file is larger than the limit of 10 bytes"
        )


class TestEncoding:
    """Text formats are read in any encoding, told from the bytes unless named."""

    TABLE = "domain,skill,role,level,level_rank,mandatory,description\nEng,Python,Dev,Junior,1,yes,Writes “clean” code\n"

    @pytest.mark.parametrize(
        ("codec", "told"),
        [
            ("utf-8", "utf-8"),
            ("utf-8-sig", "utf-8"),
            ("cp1252", "cp1252"),
            ("utf-16", "utf-16"),
            ("utf-16-le", "utf-16-le"),
            ("utf-16-be", "utf-16-be"),
            ("utf-32", "utf-32"),
        ],
    )
    def test_told_from_the_bytes(self, codec: str, told: str) -> None:
        """Each common encoding is recognised and named in the reading."""
        reading = loads(self.TABLE.encode(codec), format="csv", name="T", report=True)
        assert reading.encoding == told
        assert reading.taxonomy.expectations[0].description == "Writes “clean” code"

    def test_named_encoding(self) -> None:
        """An encoding named by the caller is used as it is, and reported by its codec name."""
        data = self.TABLE.replace("“clean”", "çà").encode("latin-1")
        reading = loads(data, format="csv", name="T", encoding="ISO-8859-1", report=True)
        assert reading.encoding == "iso8859-1"
        assert reading.taxonomy.expectations[0].description == "Writes çà code"

    def test_pages_too(self) -> None:
        """A page saved in Windows-1252 reads as its UTF-8 twin, and says so."""
        page = (
            Path(__file__).parents[2] / "sources" / "skill-profile-deep-learning.txt"
        ).read_text(encoding="utf-8")
        reading = loads(page.encode("cp1252"), format="page", skill_name="NNA", report=True)
        assert reading.encoding == "cp1252"
        assert reading.taxonomy == loads(page.encode("utf-8"), format="page", skill_name="NNA")

    def test_text_has_no_encoding(self) -> None:
        """Text given as str was decoded by the caller: the reading names no encoding."""
        assert loads(self.TABLE, format="csv", name="T", report=True).encoding is None

    def test_wrong_named_encoding_is_placed(self) -> None:
        """Bytes that are not text in the named encoding are refused at their row and cell."""
        data = self.TABLE.encode("cp1252")
        with pytest.raises(InvalidTaxonomyError) as caught:
            loads(data, format="csv", name="T", encoding="utf-8", source="t.csv")
        assert str(caught.value) == (
            "t.csv: 1 problem\n  row 2, column G (description): not utf-8 text (byte 0x93 at "
            "offset 92);"
            " name the file's encoding with encoding= or --encoding"
        )

    def test_binary_is_not_text(self) -> None:
        """A NUL byte outside UTF-16 or UTF-32 is binary data, refused where it is."""
        with pytest.raises(InvalidTaxonomyError) as caught:
            loads(b"skill,role\n\x00\x00\x00\x00", format="csv", source="t.csv")
        assert str(caught.value) == (
            "t.csv: 1 problem\n  row 2, column A (skill): a NUL byte: this is binary data, not text"
        )

    def test_unknown_encoding(self) -> None:
        """An encoding Python does not know is the caller's mistake, said by name."""
        with pytest.raises(InvalidQueryError) as caught:
            loads(b"a", format="csv", encoding="klingon")
        assert str(caught.value) == (
            "unknown encoding 'klingon' (a codec name such as 'utf-8', 'cp1252', 'latin-1',"
            " or 'auto')"
        )

    def test_json_takes_no_encoding(self) -> None:
        """JSON is UTF-8 by definition: the option is refused by name."""
        with pytest.raises(TypeError, match="format 'json' takes no option 'encoding'"):
            loads("{}", encoding="cp1252")


class TestDevices:
    """Inputs that are not regular files are read within the limit."""

    def test_endless_stream_refused_at_the_limit(self) -> None:
        """A file object with no end is read up to the limit, then refused."""

        class Endless(io.RawIOBase):
            def readable(self) -> bool:
                return True

            def readinto(self, buffer: Any) -> int:
                buffer[:] = b"a" * len(buffer)
                return len(buffer)

        with pytest.raises(InvalidTaxonomyError) as caught:
            load(io.BufferedReader(Endless()), format="csv", max_bytes=1000)
        assert (
            str(caught.value)
            == "invalid table: 1 problem\n  $: file is larger than the limit of 1000 bytes"
        )

    def test_pipe(self, small_text: str) -> None:
        """A pipe is read to its end like a file."""
        read_end, write_end = os.pipe()
        with os.fdopen(write_end, "wb") as writer:
            writer.write(small_text.encode())
        with os.fdopen(read_end, "rb") as reader:
            assert load(reader) == loads(small_text)

    def test_regular_file_over_the_limit_is_not_read(self, tmp_path: Path) -> None:
        """A sparse file far over the limit is refused from its size, before any read."""
        path = tmp_path / "sparse.csv"
        with open(path, "wb") as file:
            file.truncate(2 * 1024**3)
        with pytest.raises(InvalidTaxonomyError) as caught:
            load(path, format="csv")
        assert str(caught.value) == (
            f"{path}: 1 problem\n  $: file is larger than the limit of 536870912 bytes"
        )


class TestGuessFormat:
    """A file or folder given no format is read by what its suffix, then its contents, show."""

    DATA = Path(__file__).parents[1] / "data"

    def test_case_package_named_json(self, tmp_path: Path) -> None:
        """A CASE package in a plain .json file is read as CASE."""
        path = tmp_path / "package.json"
        path.write_bytes((self.DATA / "case" / "tree-standards.json").read_bytes())
        assert load(path) == load(path, format="case")

    def test_progression_json(self) -> None:
        """Topics with levels and roles in a .json file are a progression framework."""
        path = self.DATA / "progression" / "ladder.json"
        assert load(path) == load(path, format="progression-json")

    @pytest.mark.parametrize(("archive", "format"), [("onet", "onet"), ("esco", "esco")])
    def test_downloads_by_their_files(self, tmp_path: Path, archive: str, format: str) -> None:
        """A download's zip (with any name) and its folder are told by their files' names."""
        [zipped] = (self.DATA / archive).glob("*.zip")
        expected = load(zipped, format=format)
        copy = tmp_path / "download.zip"
        copy.write_bytes(zipped.read_bytes())
        assert load(copy) == expected
        folder = tmp_path / "unpacked"
        with zipfile.ZipFile(zipped) as opened:
            opened.extractall(folder)
        assert load(folder) == expected

    def test_own_json_is_never_sniffed(self, tmp_path: Path) -> None:
        """A file this library wrote is read as its own JSON, whatever its text holds."""
        path = tmp_path / "ours.json"
        dump(load(), path)
        assert load(path) == load()

    @pytest.mark.parametrize("name", ["skills.csv", "skills-cp1252.csv", "skills.xlsx"])
    def test_sfia_by_its_skills_header(self, tmp_path: Path, name: str) -> None:
        """SFIA's skills sheet in a .csv or .xlsx file, in any encoding, is read as SFIA."""
        source = self.DATA / "sfia" / name
        path = tmp_path / f"download{source.suffix}"
        path.write_bytes(source.read_bytes())
        assert load(path) == load(source, format="sfia")

    @pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
    def test_own_tables_are_never_sniffed(self, tmp_path: Path, suffix: str) -> None:
        """A table this library wrote is read as its own, and so is a table of neither."""
        path = tmp_path / f"ours{suffix}"
        dump(load(), path)
        assert load(path) == load(path, format=suffix[1:])
        other = tmp_path / "notes.csv"
        other.write_text("Code;Name\nX;Y\n", encoding="utf-8")
        with pytest.raises(InvalidTaxonomyError, match="row 1: required column 'domain' missing"):
            load(other)

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
    def test_a_named_pipe_is_not_looked_into(self, tmp_path: Path) -> None:
        """A pipe named .csv is read whole by its reader: no head is taken from it to sniff."""
        text = dumps(load(), format="csv")
        pipe = tmp_path / "ladder.csv"
        os.mkfifo(pipe)

        def feed() -> None:
            with open(pipe, "w", encoding="utf-8") as writer:
                writer.write(text)

        feeder = threading.Thread(target=feed)
        feeder.start()
        try:
            assert load(pipe) == loads(text, format="csv", source=str(pipe))
        finally:
            feeder.join(timeout=10)

    def test_a_folder_of_nothing_known(self, tmp_path: Path) -> None:
        """A folder of no known download is refused, naming the formats read from folders."""
        (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
        with pytest.raises(InvalidTaxonomyError) as caught:
            load(tmp_path)
        assert str(caught.value) == (
            f"{tmp_path}: 1 problem\n  $: a folder of no format read from folders: name its"
            " format (onet, esco, progression)"
        )
