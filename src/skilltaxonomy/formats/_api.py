"""The four verbs of every format: `load`, `loads`, `dump`, `dumps`.

`load` reads a path or a file object, `loads` the text or bytes themselves; `dump` writes
to a path (atomically) or a file object, `dumps` returns the text or bytes. The format
is named with ``format=``, or found from the file's suffix; every one goes through the
same guard (`skilltaxonomy.formats._guard`), so every reader takes its input the same
way and fails the same way.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
from typing import Any, Literal, overload

from skilltaxonomy.exceptions import InvalidTaxonomyError, Problem
from skilltaxonomy.formats._guard import (
    DEFAULT_MAX_BYTES,
    Data,
    Reading,
    Source,
    check_size,
    guarded,
    read_folder,
    read_source,
    source_name,
    unpacked_size,
    write_target,
)
from skilltaxonomy.formats._registry import (
    FORMATS,
    Format,
    find,
    for_path,
    options_of,
    sniff_json,
    sniff_names,
)
from skilltaxonomy.model import Taxonomy

#: The bundled framework, inside the package.
BUNDLED_RESOURCE = "neural-network-architectures.json"

_bundled_lock = threading.Lock()


@functools.cache
def _read_bundled() -> Taxonomy:
    # The package's own loader reads its data, from a folder or a zip archive alike, as
    # `importlib.resources` would without importing it (and pathlib, tempfile…).
    package = sys.modules["skilltaxonomy"]
    path = os.path.join(os.path.dirname(package.__file__ or ""), "data", BUNDLED_RESOURCE)
    data = package.__spec__.loader.get_data(path)  # type: ignore[union-attr]
    return loads(data, source=f"skilltaxonomy/data/{BUNDLED_RESOURCE}")


def _format_of(format: str | None, target: object) -> Format:
    if format is not None:
        return find(format)
    if isinstance(target, (str, bytes)) or hasattr(target, "__fspath__"):
        found = for_path(os.fsdecode(target))
        if found is not None:
            return found
    name = source_name(target)
    found = None if name is None else for_path(name)
    return found if found is not None else find("json")


# How much of a file's head tells its format, and how many of a folder's files.
_HEAD = 64 * 1024
_NAMES = 10_000


def guess_format(source: Source) -> Format:
    """The format of a file or folder given no format: by its suffix, else by its contents.

    A ``.json`` file (or one with no suffix the table knows) is told by its first bytes
    (`sniff_json`: this library's JSON, a CASE package, a progression framework as JSON);
    a ``.csv`` or ``.xlsx`` file holding SFIA's skills sheet by its header (a table with
    this library's columns is its own); a folder or a ``.zip`` archive by its files'
    names (`sniff_names`: O*NET, ESCO, progression tracks). Anything else is read as
    the library's JSON.

    Raises:
        InvalidTaxonomyError: A folder whose files are of no format read from folders.
    """
    if isinstance(source, (str, os.PathLike)) and os.path.isdir(source):
        found = sniff_names(_folder_names(source))
        if found is None:
            folders = ", ".join(entry.name for entry in FORMATS if entry.archive)
            message = f"a folder of no format read from folders: name its format ({folders})"
            raise InvalidTaxonomyError([Problem("$", message)], os.fsdecode(source))
        return found
    by_suffix = _format_of(None, source)
    if not isinstance(source, (str, os.PathLike)):
        return by_suffix
    if by_suffix.name in ("csv", "xlsx"):
        return _table_format(source, by_suffix)
    if by_suffix.name != "json":
        return by_suffix
    try:
        with open(source, "rb") as file:
            head = file.read(_HEAD)
    except OSError:
        return by_suffix  # reading it says why, in its own words
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(source) or by_suffix
    return sniff_json(head) or by_suffix


def _folder_names(folder: str | os.PathLike[str]) -> list[str]:
    names: list[str] = []
    for _, _, files in os.walk(folder):
        names += files
        if len(names) > _NAMES:
            break
    return names


def _table_format(path: str | os.PathLike[str], by_suffix: Format) -> Format:
    """SFIA's skills sheet where a ``.csv`` or ``.xlsx`` file holds it, else `by_suffix`.

    Only the headers are read: the first line of a CSV file, the first row of each of a
    workbook's sheets. A table with this library's own columns is never taken for SFIA.
    """
    from skilltaxonomy.formats import sfia  # noqa: PLC0415 - only for tables given no format
    from skilltaxonomy.formats.table import REQUIRED_COLUMNS  # noqa: PLC0415

    for header in _headers(path, workbook=by_suffix.name == "xlsx"):
        if set(REQUIRED_COLUMNS) <= {cell.strip().casefold() for cell in header}:
            break
        if sfia.is_skills_header(header):
            return find("sfia")
    return by_suffix


def _headers(path: str | os.PathLike[str], *, workbook: bool) -> list[list[str]]:
    """The header rows of a table file, or none where it cannot be read (its reader says why).

    Only a regular file is looked into (a pipe's head would be lost to its reader), and
    a workbook only within the size limits its reader holds it to.
    """
    if not os.path.isfile(path):
        return []
    try:
        if not workbook:
            import csv  # noqa: PLC0415 - kept off the start-up path

            from skilltaxonomy.formats.table import sniff_delimiter  # noqa: PLC0415

            with open(path, "rb") as file:
                text = _decoded_head(file.read(_HEAD))
            line = text.split("\n", 1)[0].strip("\r")
            delimiter = sniff_delimiter(line, lambda cell: bool(cell.strip()))
            return [next(csv.reader([line], delimiter=delimiter), [])]
        import openpyxl  # noqa: PLC0415 - the xlsx extra, only for a workbook given no format

        # Sizes from the file and the archive's directory: nothing is read whole to sniff.
        unpacked = unpacked_size(path)
        too_large = os.path.getsize(path) > DEFAULT_MAX_BYTES
        if too_large or unpacked is None or unpacked > DEFAULT_MAX_BYTES:
            return []
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            return [
                ["" if cell is None else str(cell) for cell in row]
                for sheet in book.worksheets
                for row in sheet.iter_rows(max_row=1, values_only=True)
            ]
        finally:
            book.close()
    except Exception:  # noqa: BLE001 - any failure here is the reader's to explain
        return []


def _decoded_head(head: bytes) -> str:
    """The head of a file as text; a head may end inside a character (of up to 4 bytes)."""
    from skilltaxonomy.exceptions import InvalidValueError  # noqa: PLC0415
    from skilltaxonomy.formats._guard import decode_text  # noqa: PLC0415

    for cut in range(3):
        try:
            return decode_text(head[: len(head) - cut])[0]
        except InvalidValueError:
            continue
    return decode_text(head[: len(head) - 3])[0]


def _zip_format(path: str | os.PathLike[str]) -> Format | None:
    import zipfile  # noqa: PLC0415 - only for a zip archive: kept off the start-up path

    try:
        with zipfile.ZipFile(path) as archive:
            return sniff_names(archive.namelist()[:_NAMES])
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def _check_options(function: Any, entry: Format, role: str, options: dict[str, Any]) -> None:
    """Refuse, by name, an option the format does not take (a mistake in the call)."""
    taken = options_of(function)
    for option in options:
        if option not in taken:
            raise TypeError(
                f"format {entry.name!r} takes no option {option!r} when {role} "
                f"(its options: {', '.join(taken) or 'none'})"
            )


def _read(
    entry: Format, data: Data, source: str | None, max_bytes: int, options: dict[str, Any]
) -> Reading:
    read = entry.function("reader")
    _check_options(read, entry, "reading", options)
    check_size(data, max_bytes, entry.error, source)
    reading: Reading = guarded(
        lambda: read(data, source=source, max_bytes=max_bytes, **options), entry.error, source
    )
    return reading


@overload
def load(
    source: Source | None = None,
    *,
    format: str | None = None,
    report: Literal[False] = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    **options: Any,
) -> Taxonomy: ...
@overload
def load(
    source: Source | None = None,
    *,
    format: str | None = None,
    report: Literal[True],
    max_bytes: int = DEFAULT_MAX_BYTES,
    **options: Any,
) -> Reading: ...
def load(
    source: Source | None = None,
    *,
    format: str | None = None,
    report: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    **options: Any,
) -> Taxonomy | Reading:
    """Read a framework: the bundled one, or a file in any format of `FORMATS`.

    The bundled framework is read once per process, on first use, and the same object
    is returned every time, from any thread.

    Args:
        source: A path, or a file object open for reading (binary or text); ``None``
            for the bundled framework.
        format: The format's name (see `FORMATS`); default: the one the file's suffix
            names, else the one its contents show (a CASE package, a download of O*NET
            or ESCO, a folder of progression tracks: `guess_format`), else ``"json"``
            (format v2; v1 is read too).
        report: Return a `Reading` (the framework and what was not kept) instead of
            the framework alone.
        max_bytes: Refuse inputs larger than this.
        options: The format's own options, such as ``name=`` for ``"csv"`` or
            ``max_depth=`` for ``"json"`` (docs/exchange.md lists them), and
            ``encoding=`` for every format read as text: a codec name, or ``"auto"``
            (the default: a byte-order mark, else UTF-8, else Windows-1252; the
            `Reading` says which was used).

    Raises:
        InvalidTaxonomyError: The file is not a valid framework (for tables
            `InvalidTableError`, for CASE `InvalidCaseError`, for pages
            `InvalidPageError`); the error names the file and lists every problem with
            its place.
        FileNotFoundError: There is no such file.
        InvalidQueryError: No such format, or it cannot be read.

    >>> from skilltaxonomy import load
    >>> load() is load()
    True
    """
    if source is None and format is None and not options and not report:
        with _bundled_lock:
            return _read_bundled()
    if source is None:
        raise TypeError("load() needs a source to read a format or options")
    entry = _format_of(format, source) if format is not None else guess_format(source)
    data: str | bytes
    name: str | None
    if entry.archive and isinstance(source, (str, os.PathLike)) and os.path.isdir(source):
        data, name = read_folder(source, max_bytes, entry.error)
    else:
        data, name = read_source(source, max_bytes, entry.error)
    reading = _read(entry, data, name, max_bytes, options)
    return reading if report else reading.taxonomy


@overload
def loads(
    data: Data,
    *,
    format: str = "json",
    source: str | None = None,
    report: Literal[False] = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    **options: Any,
) -> Taxonomy: ...
@overload
def loads(
    data: Data,
    *,
    format: str = "json",
    source: str | None = None,
    report: Literal[True],
    max_bytes: int = DEFAULT_MAX_BYTES,
    **options: Any,
) -> Reading: ...
def loads(
    data: Data,
    *,
    format: str = "json",
    source: str | None = None,
    report: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    **options: Any,
) -> Taxonomy | Reading:
    """Read a framework from its text (str) or bytes (a text format's in any encoding).

    Args:
        data: The text or bytes.
        format: The format's name (see `FORMATS`); default ``"json"`` (format v2; v1 is read too).
        source: A name for the input (such as a file name) that errors mention.
        report: Return a `Reading` instead of the framework alone.
        max_bytes: Refuse inputs larger than this (characters, for text).
        options: The format's own options, and ``encoding=`` for a format read as
            text (see `load`).

    Raises:
        InvalidTaxonomyError: The input is not a valid framework (see `load`).

    >>> from skilltaxonomy import dumps, load, loads
    >>> loads(dumps(load())) == load()
    True
    >>> table = dumps(load(), format="csv")
    >>> loads(table, format="csv", name=load().name, version=load().version) == load()
    True
    """
    reading = _read(find(format), data, source, max_bytes, options)
    return reading if report else reading.taxonomy


@overload
def dumps(taxonomy: Taxonomy, *, format: Literal["xlsx"], **options: Any) -> bytes: ...
@overload
def dumps(taxonomy: Taxonomy, *, format: str = "json", **options: Any) -> str: ...
def dumps(taxonomy: Taxonomy, *, format: str = "json", **options: Any) -> str | bytes:
    r"""Write a framework in a format of `FORMATS`: text, or bytes for ``"xlsx"``.

    Format v1 (the default) is canonical: keys in a fixed order, every key written
    (defaults too), UTF-8 rather than ``\u`` escapes, two-space indents and a final
    newline, so equal taxonomies always give equal text.

    Raises:
        ExportError: The framework cannot be written in that format (the message says why).
        InvalidQueryError: No such format, or it cannot be written.
    """
    entry = find(format)
    write = entry.function("writer")
    _check_options(write, entry, "writing", options)
    result: str | bytes = write(taxonomy, **options)
    return result


def dump(taxonomy: Taxonomy, target: Source, *, format: str | None = None, **options: Any) -> None:
    r"""Write a framework to a path or a file object (see `dumps`).

    The format defaults to the one the path's suffix names, else ``"json"``. A path is
    written atomically: to a temporary file beside it, then moved over it, so a failed
    write leaves the old file as it was. Text is UTF-8 with ``\n`` line ends (CSV keeps
    the ``\r\n`` it is written with).
    """
    write_target(target, dumps(taxonomy, format=_format_of(format, target).name, **options))
