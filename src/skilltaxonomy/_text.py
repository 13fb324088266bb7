"""The checks every reader of format v1 applies to a value, with the messages they give.

Both loaders use them: the careful one through its cattrs converter, the fast one
directly. Each raises `InvalidValueError` with what was expected.
"""

from __future__ import annotations

import codecs
import datetime
import difflib
import re
import unicodedata
from collections.abc import Iterable
from typing import NewType, NoReturn

#: The value of ``format`` in every file this version reads and writes.
FORMAT = "skilltaxonomy/1"

#: The key under which a file may name its JSON Schema, for editors.
SCHEMA_KEY = "$schema"

#: The largest input `decode_text` accepts by default, in bytes (or characters).
DEFAULT_MAX_BYTES = 512 * 1024 * 1024

#: How deeply arrays and objects may nest in an input by default (a framework needs 3).
DEFAULT_MAX_DEPTH = 64

# Strings with a meaning beyond "any text": each gets a stricter hook.
Id = NewType("Id", str)
Name = NewType("Name", str)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# Unicode's Bidi_Control characters: they reorder the text displayed around them.
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Ids and names are one line of plain text: no control characters, no reordering.
_NOT_IN_NAMES = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI_CONTROLS}\ud800-\udfff]")
# Free text keeps its tabs and line breaks, and the marks (LRM, RLM, ALM) that
# right-to-left text needs; embeddings, overrides and isolates would reorder whatever
# follows the text where it is shown.
_NOT_IN_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


class InvalidValueError(ValueError):
    """A value of the wrong type or form; the message says what was expected."""


def _show(value: object) -> str:
    """Describe a JSON value briefly, the way a reader of the file sees it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, (int, float)):
        text = repr(value)
        return text if len(text) <= 40 else text[:37] + "..."
    return "an array" if isinstance(value, list) else "an object"


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


def _fail(expected: str, value: object) -> NoReturn:
    raise InvalidValueError(f"expected {expected}, got {_show(value)}")


def forbidden_character(text: str, *, name: bool) -> tuple[str, str] | None:
    """The kind of character `text` may not hold and where it is, or None.

    Ids and names (`name`) hold no control character, bidirectional formatting
    character or lone surrogate; other text may hold tabs, line breaks and the marks
    U+061C, U+200E and U+200F. docs/format.md states the rules for users.
    """
    found = (_NOT_IN_NAMES if name else _NOT_IN_TEXT).search(text)
    if found is None:
        return None
    character = found.group()
    kind = {"Cc": "control characters", "Cs": "lone surrogates"}.get(
        unicodedata.category(character), "bidirectional formatting characters"
    )
    return kind, f"U+{ord(character):04X} at character {found.start() + 1}"


def character_problem(text: str, *, name: bool) -> str | None:
    """The message for a character `text` may not hold, or None (see `forbidden_character`)."""
    found = forbidden_character(text, name=name)
    if found is None:
        return None
    kind, where = found
    what = "an id or name" if name else "text"
    return f"expected {what} without {kind}, got {_show(text)} ({where})"


def _checked_text(value: object, *, name: bool = False) -> str:
    if type(value) is not str:
        _fail("a string", value)
    if value.isprintable():  # the common case, quickly: no control, format or surrogate
        return value
    problem = character_problem(value, name=name)
    if problem is not None:
        raise InvalidValueError(problem)
    return value


def _text(value: object, _: object = None) -> str:
    return _checked_text(value)


def _id(value: object, _: object) -> str:
    text = _checked_text(value, name=True)
    if not text or text.strip() != text:
        _fail("a non-empty id without surrounding whitespace", value)
    return text


def _name(value: object, _: object) -> str:
    text = _checked_text(value, name=True)
    if not text.strip():
        _fail("a non-empty string", value)
    return text


def id_key(key: str) -> str:
    """The form two ids collide in: case-folded, and normalised the NFKC way.

    ``"Python"`` and ``"python"`` collide, and so do ``"café"`` written with one code
    point or two: such ids would look the same to people, and to case-insensitive file
    systems and URLs, while meaning two things to the library.
    """
    if key.isascii():
        return key.lower()
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", key).casefold())


def _bool(value: object, _: object) -> bool:
    if type(value) is not bool:
        _fail("true or false", value)
    return value


def _date(value: object, _: object) -> datetime.date:
    if type(value) is not str or not _ISO_DATE.fullmatch(value):
        _fail("an ISO date such as '2026-02-22', or null", value)
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        _fail("a valid calendar date", value)


def close_matches(word: str, candidates: Iterable[str], limit: int = 3) -> tuple[str, ...]:
    """Return up to `limit` of `candidates` that look like `word`, best first.

    Candidates that contain `word` come first (a prefix typed from memory), then those
    `difflib` finds similar (typos), all compared case-insensitively.

    >>> close_matches("seniour", ["junior", "senior", "lead"])
    ('senior', 'junior')
    >>> close_matches("neural", ["neural-network-architectures", "data-scientist"])
    ('neural-network-architectures',)
    """
    by_folded: dict[str, str] = {}
    for candidate in candidates:
        by_folded.setdefault(candidate.casefold(), candidate)
    folded = word.casefold()
    found = [key for key in by_folded if folded and folded in key]
    found += difflib.get_close_matches(folded, by_folded, n=limit, cutoff=0.6)
    return tuple(by_folded[key] for key in dict.fromkeys(found))[:limit]


def count(number: int, noun: str) -> str:
    """Say how many of `noun` there are, in English.

    >>> count(1, "level"), count(2, "level")
    ('1 level', '2 levels')
    """
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
