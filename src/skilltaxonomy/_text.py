"""The rules for values: what ids, names, text and dates may be, and how values are shown.

This is the one home of each rule. The model applies them when a value class is built
(so no reader can let a forbidden character through), and the readers apply the same
functions first, to report each problem at its place in the file. docs/format.md states
the rules for users. Standard library only.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import NoReturn

from skilltaxonomy.exceptions import InvalidValueError

#: An ISO calendar date as files write it: ``2026-02-22``.
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

#: How many characters of a value `show` keeps by default.
SHOWN_LENGTH = 40

# Unicode's Bidi_Control characters: they reorder the text displayed around them.
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Ids and names are one line of plain text: no control characters, no line or paragraph
# separators, no reordering.
_NOT_IN_NAMES = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI_CONTROLS}\ud800-\udfff]")

#: What XML 1.0 cannot hold (a workbook's cells, an SVG's text): most control
#: characters, and the noncharacters U+FFFE and U+FFFF.
NOT_IN_XML = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")

#: What breaks a line of text: CR LF, CR or LF (not the other characters
#: `str.splitlines` breaks at, which text may not hold or which are not line ends here).
LINE_BREAK = re.compile(r"\r\n|[\r\n]")


def split_lines(text: str) -> list[str]:
    r"""The lines of `text`, split at `LINE_BREAK` only.

    >>> split_lines("a\r\nb\x0bc\u2028d")
    ['a', 'b\x0bc\u2028d']
    """
    return LINE_BREAK.split(text)


#: What free text may not hold. It keeps its tabs and line breaks, and the marks (LRM,
#: RLM, ALM) that right-to-left text needs; embeddings, overrides and isolates would
#: reorder whatever follows the text where it is shown. Renderers show these characters
#: as escapes when code (not a file) put them in a value.
NOT_IN_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def show(value: object, limit: int | None = SHOWN_LENGTH) -> str:
    """Describe a JSON-like value briefly, the way a reader of the file sees it.

    Strings and numbers longer than `limit` characters are cut; with ``None`` nothing is
    cut and an array is shown item by item (as a diff shows a value before and after).

    >>> show(None), show(True), show("Senior"), show([1]), show({})
    ('null', 'true', "'Senior'", 'an array', 'an object')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value if limit is None or len(value) <= limit else value[: limit - 3] + "...")
    if isinstance(value, (int, float)):
        text = repr(value)
        return text if limit is None or len(text) <= limit else text[: limit - 3] + "..."
    if isinstance(value, (list, tuple)):
        # In full, each item shown the same way; briefly, only what it is.
        return (
            "[" + ", ".join(show(item, None) for item in value) + "]"
            if limit is None
            else "an array"
        )
    if isinstance(value, dict):
        return "an object"
    return repr(value)


def _fail(expected: str, value: object) -> NoReturn:
    raise InvalidValueError(f"expected {expected}, got {show(value)}")


def forbidden_character(text: str, *, name: bool) -> tuple[str, str] | None:
    """The kind of character `text` may not hold and where it is, or None.

    Ids and names (`name`) hold no control character, bidirectional formatting
    character or lone surrogate; other text may hold tabs, line breaks and the marks
    U+061C, U+200E and U+200F.
    """
    if text.isprintable():  # no control, format or surrogate: passes either rule
        return None
    found = (_NOT_IN_NAMES if name else NOT_IN_TEXT).search(text)
    if found is None:
        return None
    character = found.group()
    kind = {
        "Cc": "control characters",
        "Cs": "lone surrogates",
        "Zl": "line separators",
        "Zp": "line separators",
    }.get(unicodedata.category(character), "bidirectional formatting characters")
    return kind, f"U+{ord(character):04X} at character {found.start() + 1}"


_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))


def printable(text: str) -> bool:
    r"""`str.isprintable`, at memory speed for ASCII text (a column's values joined, say).

    >>> printable("Do it."), printable("Do\tit."), printable("Ünï")
    (True, False, True)
    """
    if text.isascii():
        # What deleting the printable characters leaves is a control character, or nothing.
        return not text.encode("ascii").translate(None, _PRINTABLE_ASCII)
    return text.isprintable()


def character_problem(text: str, *, name: bool) -> str | None:
    """The message for a character `text` may not hold, or None (see `forbidden_character`)."""
    found = forbidden_character(text, name=name)
    if found is None:
        return None
    kind, where = found
    what = "an id or name" if name else "text"
    return f"expected {what} without {kind}, got {show(text)} ({where})"


def _checked_text(value: object, *, name: bool = False) -> str:
    if type(value) is not str:
        _fail("a string", value)
    if value.isprintable():  # the common case, quickly: no control, format or surrogate
        return value
    problem = character_problem(value, name=name)
    if problem is not None:
        raise InvalidValueError(problem)
    return value


# The checks take a second argument, unused, so that they serve as cattrs hooks as they are.


def check_text(value: object, _: object = None) -> str:
    """`value` if it is text a framework may hold; else `InvalidValueError` saying why."""
    return _checked_text(value)


def check_id(value: object, _: object = None) -> str:
    """`value` if it is an id: one line, not empty, no surrounding whitespace."""
    text = _checked_text(value, name=True)
    if not text or text.strip() != text:
        _fail("a non-empty id without surrounding whitespace", value)
    return text


def check_name(value: object, _: object = None) -> str:
    """`value` if it is a name: one line of text that is not only whitespace."""
    text = _checked_text(value, name=True)
    if not text.strip():
        _fail("a non-empty string", value)
    return text


def check_bool(value: object, _: object = None) -> bool:
    """`value` if it is ``True`` or ``False`` (never 1 or "yes")."""
    if type(value) is not bool:
        _fail("true or false", value)
    return value


def check_optional_bool(value: object, _: object = None) -> bool | None:
    """`value` if it is ``True``, ``False`` or ``None`` (a requirement left unstated)."""
    if value is not None and type(value) is not bool:
        _fail("true, false or null", value)
    return value


def check_optional_number(value: object, _: object = None) -> float | None:
    """`value` if it is a finite number (never a boolean) or ``None``, as a float."""
    if value is None:
        return None
    if type(value) not in (int, float) or not math.isfinite(value):  # type: ignore[arg-type]
        _fail("a finite number or null", value)
    return float(value)  # type: ignore[arg-type]


def check_texts(value: object, _: object = None) -> tuple[str, ...]:
    """`value` as a tuple if it is a list or tuple of text (criteria, examples, a stack…)."""
    if not isinstance(value, (list, tuple)) or type(value) not in (list, tuple):
        _fail("an array of strings", value)
    for index, item in enumerate(value):
        try:
            check_text(item)
        except InvalidValueError as error:
            raise InvalidValueError(f"item {index}: {error}") from None
    return tuple(value)


#: A language tag as BCP 47 writes it, in the forms frameworks use: ``en``, ``pt-BR``,
#: ``zh-Hant-TW``, ``es-419`` (a primary language of 2–3 letters, then subtags).
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|\d{3}))?(-[A-Za-z\d]{5,8})*")


def check_language(value: object, _: object = None) -> str:
    """`value` if it is a language tag such as ``"en"`` or ``"pt-BR"``."""
    if type(value) is not str or not LANGUAGE_TAG.fullmatch(value):
        _fail("a language tag such as 'en' or 'pt-BR'", value)
    return value


def parse_date(value: object, _: object = None) -> datetime.date:
    """The date an ISO text such as ``"2026-02-22"`` names; else `InvalidValueError`."""
    if type(value) is not str or not ISO_DATE.fullmatch(value):
        _fail("an ISO date such as '2026-02-22', or null", value)
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        _fail("a valid calendar date", value)


def check_optional_date(value: object, _: object = None) -> datetime.date | None:
    """`value` if it is a `datetime.date` (not a datetime) or ``None``."""
    if value is not None and type(value) is not datetime.date:
        _fail("a date or None", value)
    return value


def id_key(key: str) -> str:
    """The form two ids collide in: case-folded, and normalised the NFKC way.

    ``"Python"`` and ``"python"`` collide, and so do ``"café"`` written with one code
    point or two: such ids would look the same to people, and to case-insensitive file
    systems and URLs, while meaning two things to the library.
    """
    if key.isascii():
        return key.lower()
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", key).casefold())


def slug(name: str) -> str:
    """An id made from a name, for sources that give names only.

    Letters and digits are kept, lower-cased, in runs joined by hyphens; accents are
    dropped where the letter has an ASCII form, and letters without one are kept.

    A name with no letter or digit is kept as it is, without surrounding whitespace.

    >>> slug("Data Scientist"), slug("Lead / Staff"), slug("Café"), slug("数据科学家")
    ('data-scientist', 'lead-staff', 'cafe', '数据科学家')
    """
    folded = "".join(
        character
        for character in unicodedata.normalize("NFKD", name)
        if not unicodedata.combining(character)
    )
    return "-".join(re.findall(r"[^\W_]+", folded.lower())) or name.strip()


def close_matches(word: str, candidates: Iterable[str], limit: int = 3) -> tuple[str, ...]:
    """Return up to `limit` of `candidates` that look like `word`, best first.

    Candidates that contain `word` come first (a prefix typed from memory), then those
    `difflib` finds similar (typos), all compared case-insensitively.

    >>> close_matches("seniour", ["junior", "senior", "lead"])
    ('senior', 'junior')
    >>> close_matches("neural", ["neural-network-architectures", "data-scientist"])
    ('neural-network-architectures',)
    """
    import difflib  # noqa: PLC0415 - only when a suggestion is wanted

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


def first_few(items: Sequence[object], limit: int = 3) -> str:
    """The first `limit` of `items`, joined by commas, with an ellipsis for the rest.

    >>> first_few(["line 2", "line 5", "line 9", "line 12"]), first_few([4, 7], limit=5)
    ('line 2, line 5, line 9, …', '4, 7')
    """
    shown = ", ".join(map(str, items[:limit]))
    return shown + (", …" if len(items) > limit else "")


def column_letter(index: int) -> str:
    """``0`` → ``A``, ``26`` → ``AA``: the column as a spreadsheet shows it."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def header_key(text: str) -> str:
    """A column's header as the key it is known by: ``"Org unit"`` → ``"org_unit"``."""
    return re.sub(r"[\s\-]+", "_", text.strip().casefold())
