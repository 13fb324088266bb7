"""The careful reader of the JSON formats: the one cattrs converter, and every problem at its path.

Valid files are read by the fast path in `_format`; this module is imported when a
file is in doubt (and by the readers built on it), and decides what is valid.
Decoding runs in three stages, each collecting every problem it finds:

1. text: UTF-8, JSON, an object with the supported ``format``;
2. shape: cattrs structures the document into private records, strictly (no
   coercion, no unknown keys), and reports each failure at its path;
3. references: ids are unique and every reference resolves, so the model can be built.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import json
import math
import re
import sys
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from skilltaxonomy._text import (
    SHOWN_LENGTH,
    check_bool,
    check_id,
    check_name,
    check_text,
    close_matches,
    parse_date,
    show,
)
from skilltaxonomy.exceptions import InvalidTaxonomyError, InvalidValueError, Problem
from skilltaxonomy.formats._guard import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_DEPTH,
    decode_utf8,
    gc_paused,
)
from skilltaxonomy.formats.fields import (
    NUMBER,
    OPTIONAL_BOOLEAN,
    REFERENCE,
    ExtrasObject,
    Id,
    Name,
    TranslationsObject,
    check_extras,
    check_translations,
)

_T = TypeVar("_T")


def _record_hook(cls: type[Any], converter: cattrs.Converter) -> Callable[[object, object], Any]:
    structure = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )

    def hook(value: object, _: object) -> Any:
        if type(value) is not dict:
            raise InvalidValueError(f"expected an object, got {show(value)}")
        return structure(value, cls)

    return hook


def _array_hook(cls: type[Any], converter: cattrs.Converter) -> Callable[[object, object], Any]:
    item_type = cls.__args__[0]
    structure_item = converter.get_structure_hook(item_type)

    def hook(value: object, _: object) -> tuple[Any, ...]:
        if type(value) is not list:
            raise InvalidValueError(f"expected an array, got {show(value)}")
        items: list[Any] = []
        errors = []
        for index, item in enumerate(value):
            try:
                items.append(structure_item(item, item_type))
            except Exception as error:  # noqa: BLE001 - every failure is reported with its place
                # cattrs reads an item's index from its notes (set directly: no add_note on 3.10).
                note = IterableValidationNote(f"@ index {index}", index, item_type)
                error.__notes__ = [*getattr(error, "__notes__", ()), note]
                errors.append(error)
        if errors:
            raise IterableValidationError("invalid items", errors, cls)
        return tuple(items)

    return hook


def _is_array(cls: Any) -> bool:
    args: tuple[Any, ...] = getattr(cls, "__args__", ())
    return getattr(cls, "__origin__", None) is tuple and len(args) == 2 and args[1] is Ellipsis


@functools.cache
def _converter() -> cattrs.Converter:
    """The one converter, made on first use (most programs never read a file in doubt)."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, check_text)
    converter.register_structure_hook(Id, check_id)
    converter.register_structure_hook(Name, check_name)
    converter.register_structure_hook(bool, check_bool)
    converter.register_structure_hook(datetime.date, parse_date)
    converter.register_structure_hook(ExtrasObject, check_extras)
    converter.register_structure_hook(TranslationsObject, check_translations)
    for kind in (REFERENCE, OPTIONAL_BOOLEAN, NUMBER):
        converter.register_structure_hook(kind.type, kind.check)
    converter.register_structure_hook_factory(attrs.has, _record_hook)
    converter.register_structure_hook_factory(_is_array, _array_hook)
    return converter


def key_path(path: str, key: str) -> str:
    r"""The place of `key` under `path`: ``$.name``, or ``$["a key"]`` quoted as JSON.

    A key is input: a long one is cut as values are in messages, and one that is not
    printable (a control or reordering character) is written with JSON's ``\u``
    escapes, so a message shows where a problem is without being changed by it.
    """
    if key.isidentifier() and len(key) <= SHOWN_LENGTH:
        return f"{path}.{key}"
    shown = key if len(key) <= SHOWN_LENGTH else key[: SHOWN_LENGTH - 3] + "..."
    return f"{path}[{json.dumps(shown, ensure_ascii=not shown.isprintable())}]"


def _problems(error: BaseException, path: str, cls: type[Any]) -> Iterator[Problem]:
    """Turn cattrs' tree of exceptions into problems with their places."""
    if isinstance(error, IterableValidationError):
        items, others = error.group_exceptions()
        for inner, item in items:
            yield from _problems(inner, f"{path}[{item.index}]", item.type)
        for inner in others:
            yield from _problems(inner, path, cls)
    elif isinstance(error, ClassValidationError):
        attributes, others = error.group_exceptions()
        fields = attrs.fields_dict(cls)
        for inner, attribute in attributes:
            field_type = fields[attribute.name].type or object
            yield from _problems(inner, key_path(path, attribute.name), field_type)
        for inner in others:
            yield from _problems(inner, path, cls)
    elif isinstance(error, ForbiddenExtraKeysError):
        known = [field.name for field in attrs.fields(cls)]
        for key in sorted(error.extra_fields):
            hint = close_matches(key, known, limit=1)
            expected = (
                f"did you mean {hint[0]!r}?" if hint else f"expected one of: {', '.join(known)}"
            )
            yield Problem(key_path(path, key), f"unknown key ({expected})")
    elif isinstance(error, KeyError):
        yield Problem(path, "required key missing")
    elif isinstance(error, InvalidValueError):
        yield Problem(path, str(error))
    else:  # pragma: no cover - defensive: every hook above raises one of the kinds handled
        yield Problem(path, f"invalid value ({error})")


class _Repeated(dict[str, Any]):
    """A parsed object that had a key more than once: `counts` says how many times."""

    counts: dict[str, int]


@attrs.frozen
class _BadNumber:
    """A number JSON does not allow, or that does not fit, kept to be reported at its place."""

    problem: str


class _Hooks:
    """The parser's hooks for one parse; `found` says a problem awaits `_json_problems`."""

    __slots__ = ("found",)

    def __init__(self) -> None:
        self.found = False

    def object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(pairs)
        if len(found) == len(pairs):
            return found
        self.found = True
        repeated = _Repeated(found)
        repeated.counts = {}
        for key, _ in pairs:
            repeated.counts[key] = repeated.counts.get(key, 0) + 1
        return repeated

    def constant(self, name: str) -> _BadNumber:
        self.found = True
        return _BadNumber(f"{name} is not valid JSON (numbers must be finite)")

    def float(self, text: str) -> float | _BadNumber:
        value = float(text)
        if math.isinf(value):
            self.found = True
            return _BadNumber(f"the number {show(text)[1:-1]} is too large for a double")
        return value

    def int(self, text: str) -> int | _BadNumber:
        digits = len(text.lstrip("-"))
        limit = sys.get_int_max_str_digits()
        if limit and digits > limit:
            self.found = True
            return _BadNumber(f"a number of {digits} digits is too long (the limit is {limit})")
        return int(text)


def _json_problems(document: object) -> Iterator[Problem]:
    """The duplicate keys and bad numbers in a parsed document, each at its path."""
    stack: list[tuple[object, str]] = [(document, "$")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, _BadNumber):
            yield Problem(path, value.problem)
        elif isinstance(value, dict):
            if isinstance(value, _Repeated):
                for key, count in value.counts.items():
                    if count > 1:
                        message = (
                            f"duplicate key (given {count} times in one object; "
                            "readers differ on which counts)"
                        )
                        yield Problem(key_path(path, key), message)
            stack += [(item, key_path(path, key)) for key, item in reversed(value.items())]
        elif isinstance(value, list):
            stack += [
                (item, f"{path}[{index}]") for index, item in reversed(list(enumerate(value)))
            ]


# To read the structure of JSON text: an escape, and the bytes that are not quotes,
# brackets or colons (JSON's structure is ASCII, so UTF-8 text can be cut bytewise).
# Brackets are made one kind: only their nesting counts.
_ESCAPE = re.compile(rb"\\.", re.DOTALL)
_BRACKETS_AS_ONE = bytes.maketrans(b"[]", b"{}")
_NOT_STRUCTURE = bytes(set(range(256)) - set(b'"[]{}:'))
_NESTING_STEP = {ord("{"): 1, ord("}"): -1, ord(":"): 0}


def _structure(raw: bytes) -> bytes:
    """The brackets (as ``{`` and ``}``) and colons of JSON text outside its strings.

    At memory speed: a colon there is an object's member, a bracket its nesting.
    """
    if b"\\" in raw and b'\\"' in raw:
        raw = _ESCAPE.sub(b"", raw)  # first, so that no quote is an escaped one
    # An empty string, or the gap between two strings, holds neither: dropping its
    # two quotes leaves every other quote opening or closing as before.
    structure = raw.translate(_BRACKETS_AS_ONE, _NOT_STRUCTURE).replace(b'""', b"")
    if b'"' not in structure:
        return structure
    # Quotes alternate opening and closing a string: what lies between is dropped.
    return b"".join(structure.split(b'"')[::2])


def _text_depth(raw: bytes) -> int:
    """How deeply arrays and objects nest in JSON text, read from its brackets."""
    return max(itertools.accumulate(map(_NESTING_STEP.__getitem__, _structure(raw))), default=0)


def _nests_within(brackets: bytes, max_depth: int) -> bool:
    """Whether the brackets of `_structure` nest at most `max_depth` deep.

    Each pass drops the innermost pairs (non-overlapping: a pair made by dropping one
    waits for the next pass), so a few passes over a few bytes decide.
    """
    for _ in range(max_depth):
        if not brackets:
            return True
        brackets = brackets.replace(b"{}", b"")
    return not brackets


def _depth(document: object) -> int:
    """How deeply arrays and objects nest in a parsed document, a level at a time."""
    depth = 0
    level = [document] if isinstance(document, (dict, list)) else []
    while level:
        depth += 1
        level = [
            value
            for container in level
            for value in (container.values() if isinstance(container, dict) else container)
            if isinstance(value, (dict, list))
        ]
    return depth


# What `_parsed_at_once` answers when the careful parse must say what is wrong.
_IN_DOUBT: Any = object()


def _parsed_at_once(text: str, raw: bytes | None, max_depth: int) -> Any:
    """`text` parsed by the standard library with the fewest hooks, or `_IN_DOUBT`.

    The JSON fast path's technique: the colons outside the text's strings are its
    objects' members, unless an object repeats a key (the parser keeps one member of
    the two), and the objects, each handed to a hook as the parser made it, say how
    many members it kept. NaN, Infinity and a number too large for a double reach
    hooks called only for them; a number too long is the parser's ValueError (no hook
    for every integer); the nesting is read from the text's brackets, not from a walk
    of the document. On any doubt the careful parse says what is wrong, at its path.
    """
    objects: list[dict[str, Any]] = []

    def kept(found: dict[str, Any], add: Callable[[dict[str, Any]], None] = objects.append) -> Any:
        add(found)
        return found

    hooks = _Hooks()
    try:
        with gc_paused():  # as below
            document = json.loads(
                text, object_hook=kept, parse_constant=hooks.constant, parse_float=hooks.float
            )
    except (ValueError, RecursionError):
        return _IN_DOUBT
    if hooks.found:
        return _IN_DOUBT
    structure = _structure(text.encode("utf-8", "surrogatepass") if raw is None else raw)
    if structure.count(b":") != sum(map(len, objects)):
        return _IN_DOUBT  # a key repeated in an object
    if not _nests_within(structure.translate(None, b":"), max_depth):
        return _IN_DOUBT
    return document


def parse_json(
    data: str | bytes,
    source: str | None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> object:
    """Decode UTF-8 JSON text (a leading byte-order mark is allowed) within the limits.

    Beyond what the standard library's parser refuses, a key repeated in one object,
    NaN and Infinity, and numbers that do not fit are reported, each at its path, and
    so is nesting deeper than `max_depth` (measured in the text when it is too deep
    for Python's parser).
    """
    raw = None
    if isinstance(data, (bytes, bytearray, memoryview)):
        raw = bytes(data)
        if len(raw) > max_bytes:
            raise InvalidTaxonomyError(
                [Problem("$", f"input is {len(raw)} bytes; the limit is {max_bytes}")], source
            )
        try:
            text = decode_utf8(raw)
        except InvalidValueError as error:
            raise InvalidTaxonomyError([Problem("$", str(error))], source) from None
    elif isinstance(data, str):
        if len(data) > max_bytes:
            raise InvalidTaxonomyError(
                [Problem("$", f"input is {len(data)} characters; the limit is {max_bytes}")], source
            )
        text = data.removeprefix("\ufeff")
    else:
        raise TypeError(f"expected str or bytes, got {type(data).__name__}")
    document = _parsed_at_once(text, raw, max_depth)
    if document is not _IN_DOUBT:
        return document
    hooks = _Hooks()
    try:
        # The collector paused: the parse makes no cycles, and a finalizer it would run at
        # the parser's deepest (text nested to the recursion limit) would fail there.
        with gc_paused():
            document = json.loads(
                text,
                object_pairs_hook=hooks.object,
                parse_constant=hooks.constant,
                parse_float=hooks.float,
                parse_int=hooks.int,
            )
    except json.JSONDecodeError as error:
        message = f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
    except RecursionError:
        depth = _text_depth(raw if raw is not None else text.encode("utf-8", "surrogatepass"))
        message = (
            f"arrays and objects nest {depth} deep; the limit is {max_depth}"
            if depth > max_depth
            else f"arrays and objects nest {depth} deep, deeper than Python's parser goes"
        )
    else:
        # Only a text with more brackets than the limit can nest deeper than it.
        if text.count("[") + text.count("{") > max_depth:
            depth = _depth(document)
            if depth > max_depth:
                message = f"arrays and objects nest {depth} deep; the limit is {max_depth}"
                raise InvalidTaxonomyError([Problem("$", message)], source)
        if not hooks.found:
            return document
        raise InvalidTaxonomyError(list(_json_problems(document)), source)
    raise InvalidTaxonomyError([Problem("$", message)], source)


def structure(
    document: object,
    cls: type[_T],
    format_: str | tuple[str, ...],
    source: str | None,
    error: type[InvalidTaxonomyError] = InvalidTaxonomyError,
) -> _T:
    """Check a parsed document's ``format`` and structure it strictly into `cls`.

    `format_` is the ``format`` value expected, or a tuple of those accepted. Every
    shape problem is collected and raised as one `error`, each at its path.
    """
    formats = (format_,) if isinstance(format_, str) else format_
    expected = " or ".join(map(repr, formats))
    if type(document) is not dict:
        raise error([Problem("$", f"expected a JSON object, got {show(document)}")], source)
    if "format" not in document:
        raise error([Problem("$.format", f"required key missing (expected {expected})")], source)
    if document["format"] not in formats:
        message = f"unsupported format {show(document['format'])}; this version reads {expected}"
        raise error([Problem("$.format", message)], source)
    try:
        return _converter().structure(document, cls)
    except Exception as caught:  # noqa: BLE001 - reported in full below
        raise error(list(_problems(caught, "$", cls)), source) from None
