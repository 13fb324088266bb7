"""Reading and writing frameworks: the bundled one, files and strings."""

from __future__ import annotations

import functools
import os
import threading
from importlib import resources

from skilltaxonomy.exceptions import InvalidTaxonomyError, Problem
from skilltaxonomy.formats._guard import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH
from skilltaxonomy.formats.json_v1 import decode_text, encode_bytes, encode_text
from skilltaxonomy.model import Taxonomy

StrPath = str | os.PathLike[str]

#: The bundled framework, inside the package.
BUNDLED_RESOURCE = "neural-network-architectures.json"

_bundled_lock = threading.Lock()


@functools.cache
def _read_bundled() -> Taxonomy:
    data = resources.files("skilltaxonomy").joinpath("data", BUNDLED_RESOURCE).read_bytes()
    return loads(data, source=f"skilltaxonomy/data/{BUNDLED_RESOURCE}")


def load(
    path: StrPath | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Taxonomy:
    """Read a framework: the bundled one, or the format v1 file at `path`.

    The bundled framework is read once per process, on first use, and the same object
    is returned every time, from any thread.

    Args:
        path: A format v1 file; ``None`` for the bundled framework.
        max_bytes: Refuse files larger than this.
        max_depth: Refuse files whose arrays and objects nest deeper than this.

    Raises:
        InvalidTaxonomyError: The file is not a valid framework; the error names the
            file and lists every problem with its place.
        FileNotFoundError: There is no such file.

    >>> from skilltaxonomy import load
    >>> load() is load()
    True
    """
    if path is None:
        with _bundled_lock:
            return _read_bundled()
    source = os.fsdecode(path)
    with open(path, "rb") as file:
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InvalidTaxonomyError(
            [Problem("$", f"file is larger than the limit of {max_bytes} bytes")], source
        )
    return loads(data, source=source, max_bytes=max_bytes, max_depth=max_depth)


def loads(
    data: str | bytes,
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Taxonomy:
    """Read a framework from format v1 text (str, or UTF-8 bytes).

    Args:
        data: The JSON text.
        source: A name for the text (such as a file name) that errors mention.
        max_bytes: Refuse inputs larger than this.
        max_depth: Refuse inputs whose arrays and objects nest deeper than this.

    Raises:
        InvalidTaxonomyError: The text is not a valid framework.

    >>> from skilltaxonomy import dumps, load, loads
    >>> loads(dumps(load())) == load()
    True
    """
    return decode_text(data, source, max_bytes, max_depth=max_depth)


def dumps(taxonomy: Taxonomy) -> str:
    r"""Write a framework as canonical format v1 text.

    Keys are in a fixed order, every key is written (defaults too), text stays UTF-8
    rather than ``\u`` escapes, indents are two spaces and the text ends with a newline,
    so equal taxonomies always give equal text.
    """
    return encode_text(taxonomy)


def dump(taxonomy: Taxonomy, path: StrPath) -> None:
    r"""Write a framework to `path` as canonical format v1 (UTF-8, ``\n`` line ends)."""
    data = encode_bytes(taxonomy)
    with open(path, "wb") as file:
        file.write(data)
