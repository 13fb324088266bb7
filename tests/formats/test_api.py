"""Tests for load, loads, dump and dumps."""

from __future__ import annotations

import json
import threading
from importlib import resources
from pathlib import Path

import pytest

from skilltaxonomy import (
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
