"""The checks every reader of format v1 applies to a value, with the messages they give.

Both loaders use them: the careful one through its cattrs converter, the fast one
directly. Each raises `InvalidValueError` with what was expected.
"""

from __future__ import annotations

import datetime
import re
from typing import NewType, NoReturn

#: The value of ``format`` in every file this version reads and writes.
FORMAT = "skilltaxonomy/1"

#: The key under which a file may name its JSON Schema, for editors.
SCHEMA_KEY = "$schema"

#: The largest input `decode_text` accepts by default, in bytes (or characters).
DEFAULT_MAX_BYTES = 512 * 1024 * 1024

# Strings with a meaning beyond "any text": each gets a stricter hook.
Id = NewType("Id", str)
Name = NewType("Name", str)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


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


def _fail(expected: str, value: object) -> NoReturn:
    raise InvalidValueError(f"expected {expected}, got {_show(value)}")


def _text(value: object, _: object = None) -> str:
    if type(value) is not str:
        _fail("a string", value)
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidValueError("expected text, got a string with a lone surrogate") from None
    return value


def _id(value: object, _: object) -> str:
    text = _text(value)
    if not text or text.strip() != text:
        _fail("a non-empty id without surrounding whitespace", value)
    return text


def _name(value: object, _: object) -> str:
    text = _text(value)
    if not text.strip():
        _fail("a non-empty string", value)
    return text


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
