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
import gc
import io
import os
import stat
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, TypeAlias, TypeVar

import attrs

if TYPE_CHECKING:
    import zipfile

from skilltaxonomy.exceptions import (
    InvalidQueryError,
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
        encoding: The text encoding the input was read in (``"utf-8"``, ``"cp1252"``…),
            or None where the format is not read as text of a chosen encoding (JSON is
            UTF-8 by definition; a workbook is binary).
        missing: What the input's own figures promise and it does not hold, each at its
            place (a copied page cut off, read with ``partial=True``); empty when the
            input is whole. A reader never returns less than its input promises without
            saying so here or in its error.
    """

    taxonomy: Taxonomy
    skipped: tuple[Problem, ...] = attrs.field(default=(), converter=_problems)
    metadata: object = None
    encoding: str | None = None
    missing: tuple[Problem, ...] = attrs.field(default=(), converter=_problems)

    @property
    def partial(self) -> bool:
        """Whether the input held less than its own figures promised (see `missing`)."""
        return bool(self.missing)


def source_name(source: object) -> str | None:
    """The name errors give `source`: a path as text, a file object's name, or None."""
    if isinstance(source, (str, os.PathLike)):
        return os.fsdecode(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else None


def _read_bounded(file: IO[bytes] | IO[str], max_bytes: int) -> str | bytes:
    """Up to `max_bytes` + 1 of what `file` holds: one more than the limit shows it is over.

    Bytes are gathered in one growing buffer whose bytes are then handed over as they
    are (never a list of pieces joined at the end, nor a buffer copied into bytes, either
    of which would hold the input twice), so a device or pipe with no end costs at most
    the limit. Input that starts with NUL bytes (`_NUL_START`), such as ``/dev/zero``
    or a sparse file, is no text, workbook or archive: `_Binary` is raised at once.
    """
    first = file.read(min(_CHUNK, max_bytes + 1))
    if isinstance(first, str):
        if first.startswith("\x00" * len(_NUL_START)):
            raise _Binary
        texts = [first]
        size = len(first)
        while texts[-1] and size <= max_bytes:
            piece = file.read(min(_CHUNK, max_bytes + 1 - size))
            texts.append(str(piece))
            size += len(piece)
        return "".join(texts)
    if first.startswith(_NUL_START):
        raise _Binary
    buffer = io.BytesIO()
    buffer.write(first)
    piece = first
    while piece and buffer.tell() <= max_bytes:
        piece = file.read(min(_CHUNK, max_bytes + 1 - buffer.tell()))
        buffer.write(piece)  # type: ignore[arg-type]
    return buffer.getvalue()  # the buffer's own bytes, not a copy


# No input a reader reads starts with these: text never holds U+0000 (eight NUL bytes
# hold one in UTF-8, UTF-16 and UTF-32 alike), a workbook or archive starts "PK" and a
# Parquet file "PAR1".
_NUL_START = b"\x00" * 8

_BINARY = "starts with NUL bytes: binary data, not text, a workbook or an archive"


class _Binary(Exception):  # noqa: N818 - internal: becomes the reader's own error
    """The input starts with NUL bytes (`_NUL_START`)."""


class _TooLarge(Exception):  # noqa: N818 - internal: becomes the reader's own error
    """A regular file is larger than the limit."""


def _regular_size(source: IO[bytes] | IO[str]) -> int | None:
    """The size of the regular file behind `source`, or None (a device, a pipe, memory)."""
    try:
        status = os.fstat(source.fileno())
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return None
    return status.st_size if stat.S_ISREG(status.st_mode) else None


def read_source(
    source: Source, max_bytes: int, error: type[InvalidTaxonomyError]
) -> tuple[str | bytes, str | None]:
    """The content of a path or file object, and its name; `error` if over `max_bytes`.

    A regular file over the limit is refused before it is read, and so is input that
    starts with NUL bytes (a device such as ``/dev/zero``, a sparse file); a device or
    pipe is read into one buffer of at most `max_bytes` + 1 bytes.

    Raises:
        FileNotFoundError: There is no such file (and other `OSError` as they come).
        TypeError: `source` is neither a path nor a file object.
    """
    name = source_name(source)
    # The errors are made where they are raised: an error kept in a local variable
    # would keep, through its traceback, this frame and the input it read alive.
    try:
        data = _read_path_or_file(source, max_bytes)
    except _TooLarge:
        message = f"file is larger than the limit of {max_bytes} bytes"
        raise error([Problem("$", message)], name) from None
    except _Binary:
        raise error([Problem("$", _BINARY)], name) from None
    except MemoryError:
        message = "file is larger than this process's memory can hold (lower max_bytes)"
        raise error([Problem("$", message)], name) from None
    if len(data) > max_bytes:
        del data  # not kept alive by the error's traceback
        message = f"file is larger than the limit of {max_bytes} bytes"
        raise error([Problem("$", message)], name)
    return data, name


def _read_path_or_file(source: Source, max_bytes: int) -> str | bytes:
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as file:
            return _read_within(file, max_bytes)
    if callable(getattr(source, "read", None)):
        return _read_within(source, max_bytes)
    raise TypeError(
        f"expected a path or a file object, got {type(source).__name__}"
        " (text and bytes go to loads)"
    )


def _read_within(file: IO[bytes] | IO[str], max_bytes: int) -> str | bytes:
    """What `file` holds; `_TooLarge` at once when it is a regular file over the limit."""
    size = _regular_size(file)
    if size is not None and size - _position(file) > max_bytes:
        raise _TooLarge
    return _read_bounded(file, max_bytes)


def _position(file: IO[bytes] | IO[str]) -> int:
    try:
        return file.tell() if file.seekable() else 0
    except (OSError, ValueError):
        return 0


def read_folder(
    folder: str | os.PathLike[str], max_bytes: int, error: type[InvalidTaxonomyError]
) -> tuple[bytes, str]:
    """A folder's files, below it at any depth, as the bytes of a zip archive of them.

    Readers of sources that come as several files (a download unpacked) read an archive;
    a folder is read as the archive it was unpacked from. Links are not followed, and
    `error` is raised once the files add up to more than `max_bytes`.
    """
    import zipfile  # noqa: PLC0415 - only archives need it, not a plain load

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


def unpacked_size(data: bytes | StrPath) -> int | None:
    """What a zip archive's members add up to once unpacked; None if it is no archive.

    `data` is the archive's bytes, or its path (only its directory is read).
    """
    import zipfile  # noqa: PLC0415 - only archives need it, not a plain load

    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as archive:
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
    import zipfile  # noqa: PLC0415 - only archives need it, not a plain load

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


#: What ``encoding=`` is by default: the encoding is told from the bytes (`decode_text`).
AUTO = "auto"

# Excel on Windows saves CSV in the system's ANSI code page, Windows-1252 in Western
# Europe and the Americas: the fallback where the bytes are not UTF-8.
_FALLBACK = "cp1252"


def _codec(encoding: str) -> str:
    """The codec's canonical name; `InvalidQueryError` for a name Python does not know."""
    try:
        return codecs.lookup(encoding).name
    except (LookupError, TypeError, ValueError):
        raise InvalidQueryError(
            f"unknown encoding {encoding!r} (a codec name such as 'utf-8', 'cp1252', "
            f"'latin-1', or {AUTO!r})"
        ) from None


def _place_of(data: bytes, offset: int) -> str:
    """Where byte `offset` is, as an editor shows it: ``line 3, column 7``."""
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def decode_text(data: bytes, encoding: str = AUTO) -> tuple[str, str]:
    """`data` as text, and the name of the encoding it was read in.

    With ``encoding="auto"``: a byte-order mark names it (UTF-8, UTF-16, UTF-32), as
    does the pattern of NUL bytes of UTF-16 or UTF-32 without one; then UTF-8 if the
    bytes are UTF-8 (UTF-8 cut inside its last character is refused as cut short); then
    Windows-1252, what Excel on Windows saves. Any other codec
    name is used as it is. A leading byte-order mark is never part of the text.

    Raises:
        InvalidValueError: The bytes are not text in that encoding, or are binary (a NUL
            byte in text that is not UTF-16 or UTF-32); the message names the place.
        InvalidQueryError: `encoding` names no codec.
    """
    if encoding != AUTO:
        codec = _codec(encoding)
        return _decode(data, "utf-8-sig" if codec == "utf-8" else codec, codec), codec
    for mark, codec in _MARKS:
        if data.startswith(mark):
            return _decode(data, codec, codec), codec.removesuffix("-sig")
    wide = _wide_encoding(data)
    if wide is not None:
        codec = f"utf-{wide[4:]}-{'be' if data[:1] == _NUL else 'le'}"
        return _decode(data, codec, codec), codec
    nul = data.find(_NUL)
    if nul >= 0:
        message = f"{_place_of(data, nul)}: a NUL byte: this is binary data, not text"
        raise InvalidValueError(message)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        _refuse_cut_utf8(data, error)
    return _decode(data, _FALLBACK, _FALLBACK), _FALLBACK


def _refuse_cut_utf8(data: bytes, error: UnicodeDecodeError) -> None:
    """Raise `InvalidValueError` if `data` is UTF-8 text cut off inside its last character.

    Such bytes are not UTF-8, and the fallback would read them as Windows-1252: every
    other character beyond ASCII would be read wrong, without a word. (Where all else is
    ASCII, one last byte may as well be a Windows-1252 letter: it is read so.)
    """
    alone = error.end - error.start == 1 and data[: error.start].isascii()
    if error.reason != "unexpected end of data" or alone:
        return
    raise InvalidValueError(
        f"{_place_of(data, error.start)}: the text ends inside a UTF-8 character (byte "
        f"0x{data[error.start]:02x} at offset {error.start}): the file is cut short"
    )


_NUL = b"\x00"

_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        message = (
            f"{_place_of(data, error.start)}: not {name} text (byte 0x{byte:02x} at offset "
            f"{error.start}); name the file's encoding with encoding= or --encoding"
        )
        raise InvalidValueError(message) from None


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


def encodings_read(encodings: Mapping[str, str]) -> str | None:
    """What a reading of several files says of their encodings (files by name).

    One name where they agree; the most files' encoding, then each other's files, where
    they differ: ``"utf-8 (cp1252: 'Skills.txt')"``; None where no file was read.
    """
    by_encoding: dict[str, list[str]] = {}
    for name, used in encodings.items():
        by_encoding.setdefault(used, []).append(name)
    if not by_encoding:
        return None
    first, *others = sorted(by_encoding.items(), key=lambda found: -len(found[1]))
    if not others:
        return first[0]
    shown = "; ".join(f"{used}: {', '.join(map(repr, names))}" for used, names in others)
    return f"{first[0]} ({shown})"


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


def read_text(
    data: Data, error: type[InvalidTaxonomyError], source: str | None, encoding: str = AUTO
) -> tuple[str, str | None]:
    """`data` as text, and the encoding it was read in (None when it was text already).

    Bytes are decoded by `decode_text`; a failure is `error`, placed at the line and
    column of the first byte that is not text.
    """
    if isinstance(data, str):
        return data.removeprefix("\ufeff"), None
    try:
        return decode_text(bytes(data), encoding)
    except InvalidValueError as problem:
        place, _, message = str(problem).partition(": ")
        raise error([Problem(place, message)], source) from None


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
    except (TaxonomyError, KeyboardInterrupt):  # the library's own, or the user's
        raise
    except MemoryError:
        message = "too large to read in this process's memory (lower max_bytes)"
        raise error([Problem("$", message)], source) from None
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
    import tempfile  # noqa: PLC0415 - only writing needs it, not a load

    try:
        handle, temporary = tempfile.mkstemp(
            dir=directory, prefix=f".{os.path.basename(target)}.", suffix=".tmp"
        )
    except OSError as error:
        # The temporary file's name means nothing to the user: the failure is the target's
        # ("No such file or directory" for a folder that is not there).
        raise type(error)(error.errno, error.strerror, target) from None
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


class CollectorPause:
    """Pauses the cyclic garbage collector while any load runs, in any thread.

    Building a framework allocates millions of objects that form no cycles; the
    collector would otherwise traverse them again and again while they are made.
    Loads may overlap in any order, so the pause is counted under a lock: the first load
    to begin notes whether the collector was on and turns it off, the last to end turns
    it back on if it was. Reading `gc.isenabled()` per load instead would let an
    overlapping load note "off" and leave the collector off for good.
    """

    __slots__ = ("_lock", "_resume", "_running")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._resume = False

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._running == 0:
                self._resume = gc.isenabled()
                gc.disable()
            self._running += 1
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1
                if self._running == 0 and self._resume:
                    gc.enable()


#: The one pause every reader that builds large frameworks takes (see `CollectorPause`).
gc_paused = CollectorPause()


def gc_aged() -> None:
    """Move every object the collector tracks to its oldest generation, without a pass.

    For a reader, at the end of its pause (`gc_paused`): a framework is hundreds of
    thousands of objects made while the collector was paused, and none is garbage; the
    collector, resumed, would go through every one (~30 ms for ESCO's download, ~5 ms
    for a CASE package of 10,000 items), and again as they age. Frozen and unfrozen at
    once, they join the oldest generation as it is (with any other young objects: a
    cycle among those is found at the next full collection). Not where anything is
    frozen already (`gc.freeze`, as a server does before it forks): the unfreezing
    would undo it. (A freeze by another thread between the look and the unfreezing
    would be undone too; servers freeze before they fork, with one thread running.)
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
