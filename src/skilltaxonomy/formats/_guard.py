"""The one entry every reader goes through, and the one way every writer writes a file.

Reading: whatever the caller passes (a path, text, bytes or a file object) becomes text
or bytes here, read within a limit; UTF-8 is decoded here; and any failure of a reader
that is not already the reader's own error becomes that error, with a place, so that no
input can raise an exception from deep inside the library.

Writing: a file is written to a temporary file beside it, then moved over the old one,
so a failed or interrupted write leaves the old file as it was.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import stat
import tempfile
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TypeAlias, TypeVar

import attrs

from skilltaxonomy.exceptions import (
    InvalidTaxonomyError,
    InvalidValueError,
    Problem,
    TaxonomyError,
)
from skilltaxonomy.model import Taxonomy

#: A path to a file, as the standard library takes one.
StrPath: TypeAlias = "str | os.PathLike[str]"

#: What every reader's ``load`` takes: a path, or a file object open for reading.
Source: TypeAlias = "str | os.PathLike[str] | IO[bytes] | IO[str]"

#: What every reader's ``loads`` takes: the text itself, or its UTF-8 bytes.
Data: TypeAlias = "str | bytes | bytearray | memoryview"

#: The largest input a reader accepts by default, in bytes (or characters, for text).
DEFAULT_MAX_BYTES = 512 * 1024 * 1024

#: How deeply arrays and objects may nest in a JSON input by default (a framework needs 3).
DEFAULT_MAX_DEPTH = 64

# Files are read in pieces of this size, so that a limit never asks for one huge buffer.
_CHUNK = 1024 * 1024

_T = TypeVar("_T")


def _problems(items: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(items)


@attrs.frozen
class Reading:
    """What a reader read: the framework, and an account of what it did not keep.

    Returned by ``load(..., report=True)`` and ``loads(..., report=True)``.

    Attributes:
        taxonomy: The framework.
        skipped: Every part of the input the framework has no place for, each at its
            place (``$.CFItems[4].educationLevel: not kept …``); empty when nothing was
            left out.
        metadata: What the format keeps beside the framework so that writing it again
            gives the input back (a CASE package's identifiers: `CaseMetadata`), or None.
    """

    taxonomy: Taxonomy
    skipped: tuple[Problem, ...] = attrs.field(default=(), converter=_problems)
    metadata: object = None


def source_name(source: object) -> str | None:
    """The name errors give `source`: a path as text, a file object's name, or None."""
    if isinstance(source, (str, os.PathLike)):
        return os.fsdecode(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else None


def _read_bounded(file: IO[bytes] | IO[str], max_bytes: int) -> str | bytes:
    """Up to `max_bytes` + 1 of what `file` holds: one more than the limit shows it is over."""
    pieces: list[str | bytes] = []
    size = 0
    while size <= max_bytes:
        piece = file.read(min(_CHUNK, max_bytes + 1 - size))
        if not piece:
            break
        pieces.append(piece)
        size += len(piece)
    if pieces and isinstance(pieces[0], str):
        return "".join(pieces)  # type: ignore[arg-type]
    return b"".join(pieces)  # type: ignore[arg-type]


def read_source(
    source: Source, max_bytes: int, error: type[InvalidTaxonomyError]
) -> tuple[str | bytes, str | None]:
    """The content of a path or file object, and its name; `error` if over `max_bytes`.

    Raises:
        FileNotFoundError: There is no such file (and other `OSError` as they come).
        TypeError: `source` is neither a path nor a file object.
    """
    name = source_name(source)
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as file:
            data = _read_bounded(file, max_bytes)
    elif callable(getattr(source, "read", None)):
        data = _read_bounded(source, max_bytes)
    else:
        raise TypeError(
            f"expected a path or a file object, got {type(source).__name__}"
            " (text and bytes go to loads)"
        )
    if len(data) > max_bytes:
        raise error([Problem("$", f"file is larger than the limit of {max_bytes} bytes")], name)
    return data, name


def read_folder(
    folder: str | os.PathLike[str], max_bytes: int, error: type[InvalidTaxonomyError]
) -> tuple[bytes, str]:
    """A folder's files, below it at any depth, as the bytes of a zip archive of them.

    Readers of sources that come as several files (a download unpacked) read an archive;
    a folder is read as the archive it was unpacked from. Links are not followed, and
    `error` is raised once the files add up to more than `max_bytes`.
    """
    name = os.fsdecode(folder)
    buffer = io.BytesIO()
    total = 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for root, folders, files in os.walk(folder):
            folders.sort()
            for file_name in sorted(files):
                path = os.path.join(root, file_name)
                if os.path.islink(path) or not os.path.isfile(path):
                    continue
                total += os.path.getsize(path)
                if total > max_bytes:
                    message = f"the folder's files add up to more than {max_bytes} bytes"
                    raise error([Problem("$", message)], name)
                archive.write(path, os.path.relpath(path, folder))
    return buffer.getvalue(), name


def unpacked_size(data: bytes) -> int | None:
    """What a zip archive's members add up to once unpacked; None if it is no archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return None


def open_archive(
    data: Data, source: str | None, max_bytes: int, error: type[InvalidTaxonomyError]
) -> zipfile.ZipFile:
    """The zip archive in `data`, once its size and what it unpacks to are within `max_bytes`.

    The members' sizes are the archive's own claims, so a reader also bounds what it
    reads of each (`max_bytes`); the caller closes the archive.
    """
    check_size(data, max_bytes, error, source)
    if isinstance(data, str):
        message = "a zip archive is binary: pass its bytes (open the file in 'rb' mode)"
        raise error([Problem("$", message)], source)
    raw = bytes(data)
    unpacked = unpacked_size(raw)
    if unpacked is None:
        message = "expected a zip archive (the download), or the folder it unpacks to"
        raise error([Problem("$", message)], source)
    if unpacked > max_bytes:
        message = f"the archive unpacks to {unpacked} bytes; the limit is {max_bytes}"
        raise error([Problem("$", message)], source)
    return zipfile.ZipFile(io.BytesIO(raw))


def check_size(
    data: Data, max_bytes: int, error: type[InvalidTaxonomyError], source: str | None
) -> None:
    """Raise `error` if `data` is longer than `max_bytes` (characters, for text)."""
    if not isinstance(data, (str, bytes, bytearray, memoryview)):
        raise TypeError(f"expected str or bytes, got {type(data).__name__}")
    if len(data) > max_bytes:
        unit = "characters" if isinstance(data, str) else "bytes"
        message = f"input is {len(data)} {unit}; the limit is {max_bytes}"
        raise error([Problem("$", message)], source)


def _wide_encoding(data: bytes) -> str | None:
    """The wide encoding `data` starts like (UTF-32 or UTF-16), or None."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) or data[:4].count(0) == 3:
        return "UTF-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or data[:2].count(0) == 1:
        return "UTF-16"
    return None


def decode_utf8(data: bytes) -> str:
    """`data` as text, without a leading byte-order mark; `InvalidValueError` if not UTF-8.

    ASCII text in UTF-16 or UTF-32 is valid UTF-8 (NUL bytes between the letters), so
    those are recognised first, and named.
    """
    wide = _wide_encoding(data)
    if wide is not None:
        raise InvalidValueError(f"not UTF-8 text: it looks like {wide} (save it as UTF-8)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        message = f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})"
        raise InvalidValueError(message) from None


def as_text(
    data: Data, error: type[InvalidTaxonomyError], source: str | None, place: str = "$"
) -> str:
    """`data` as text: bytes decoded as UTF-8, a leading byte-order mark dropped."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return decode_utf8(bytes(data))
    except InvalidValueError as problem:
        raise error([Problem(place, str(problem))], source) from None


def guarded(read: Callable[[], _T], error: type[InvalidTaxonomyError], source: str | None) -> _T:
    """Run a reader; whatever it raises that is not the library's own becomes `error`.

    A reader reports what it expected at each place. This is the net under all of
    them: a parser's own exception, a limit of Python's (deep recursion, huge numbers),
    or a value class refusing a value a reader did not check all become `error` at
    ``$``, never a traceback from inside the library.
    """
    try:
        return read()
    except error:
        raise
    except InvalidTaxonomyError as other:  # another reader's error, from a shared base
        raise error(other.problems, source if other.source is None else other.source) from None
    except InvalidValueError as refused:  # the model refused a value the reader let through
        raise error([Problem("$", str(refused))], source) from None
    except (TaxonomyError, MemoryError, KeyboardInterrupt):  # the library's own, or the host's
        raise
    except RecursionError:
        raise error([Problem("$", "nested too deeply to read")], source) from None
    except Exception as failure:  # noqa: BLE001 - the net: every other failure is reported
        message = brief(str(failure) or type(failure).__name__)
        raise error([Problem("$", f"cannot be read: {message}")], source) from None


# How much of a parser's own message a problem keeps.
_BRIEF = 200


def brief(message: str) -> str:
    """A parser's own message as a problem shows it.

    Unprintable characters (which may come from the input) are escaped, and the message
    is cut to `_BRIEF` characters.
    """
    shown = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in message[: _BRIEF * 2])
    return shown if len(shown) <= _BRIEF else shown[: _BRIEF - 3] + "..."


def _default_mode() -> int:
    """The permissions a new file gets here (0o666 less the process's umask)."""
    with _UMASK_LOCK:  # reading the umask means setting it: no other thread may see that
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


_UMASK_LOCK = threading.Lock()


@contextlib.contextmanager
def _replacing(target: str) -> Iterator[IO[bytes]]:
    """A temporary file beside `target` that replaces it when the block ends without error."""
    directory = os.path.dirname(os.path.abspath(target))
    try:
        mode = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        mode = _default_mode()
    handle, temporary = tempfile.mkstemp(
        dir=directory, prefix=f".{os.path.basename(target)}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_file(path: StrPath, data: str | bytes) -> None:
    r"""Write `data` (text as UTF-8, as it is: no ``\r\n`` added) to `path`.

    A regular file (or a new one) is written atomically: to a temporary file beside it,
    then moved over it, so that a failed or interrupted write leaves the old file whole.
    A link is followed, so the file it points to is the one replaced. Anything else (a
    device such as ``/dev/stdout``, a pipe) is written to as it is: it cannot be replaced.
    """
    content = data.encode("utf-8") if isinstance(data, str) else data
    target = os.path.realpath(os.fspath(path))
    try:
        regular = stat.S_ISREG(os.stat(target).st_mode)
    except FileNotFoundError:
        regular = True
    if not regular:
        with open(target, "wb") as file:
            file.write(content)
        return
    with _replacing(target) as file:
        file.write(content)


def write_target(target: Source, data: str | bytes) -> None:
    """Write `data` to a path (atomically) or to a file object open for writing.

    A text file object takes text; a binary one takes bytes (text is encoded as UTF-8).
    """
    if isinstance(target, (str, os.PathLike)):
        write_file(target, data)
        return
    write = getattr(target, "write", None)
    if write is None:
        raise TypeError(f"expected a path or a file object, got {type(target).__name__}")
    if isinstance(target, io.TextIOBase):
        if isinstance(data, bytes):
            raise TypeError("this format is binary: write it to a path or a binary file")
        write(data)
    else:
        write(data.encode("utf-8") if isinstance(data, str) else data)
