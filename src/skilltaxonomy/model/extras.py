"""Read-only mappings an entity carries beside its fields: `Extras` and `Translations`.

Both are frozen copies of what they are given (the caller's dicts and lists are never
kept, so changing them later changes nothing here), hashable, and equal to any mapping
with the same items.

>>> extras = Extras({"snowflake:points": 3, "tools": ["Git", "Jupyter"]})
>>> extras["tools"]
('Git', 'Jupyter')
>>> extras.to_json()
{'snowflake:points': 3, 'tools': ['Git', 'Jupyter']}
>>> Translations({"es": {"name": "Científico de datos"}}).text("es", "name")
'Científico de datos'
"""

from __future__ import annotations

import collections
import itertools
import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeAlias, TypeVar

from skilltaxonomy._text import check_id, check_language, check_name, check_text, show
from skilltaxonomy.exceptions import InvalidValueError

#: A frozen JSON value: null, a boolean, a finite number, text, a tuple or `Extras`.
JSONValue: TypeAlias = "bool | int | float | str | tuple[JSONValue, ...] | Extras | None"

_V = TypeVar("_V")

#: How deeply an extra's arrays and objects may nest.
MAX_EXTRAS_DEPTH = 32

#: The fields a translation may give.
TRANSLATED_FIELDS = ("name", "summary", "description")


def _where(path: str, key: object) -> str:
    return f"{path}[{key!r}]"


def _frozen(value: object, path: str, depth: int) -> JSONValue:
    """A frozen copy of a JSON value; `InvalidValueError` naming its place otherwise."""
    if value is None or type(value) is bool:
        return value
    if type(value) is int:
        return value
    if type(value) is float:
        if not math.isfinite(value):
            raise InvalidValueError(f"{path}: expected a finite number, got {show(value)}")
        return value
    if type(value) is str:
        try:
            return check_text(value)
        except InvalidValueError as error:
            raise InvalidValueError(f"{path}: {error}") from None
    if depth >= MAX_EXTRAS_DEPTH:
        raise InvalidValueError(f"{path}: nests deeper than {MAX_EXTRAS_DEPTH} arrays and objects")
    if isinstance(value, (list, tuple)):
        if all(type(item) is str and item.isprintable() for item in value):
            return tuple(value)  # printable text needs no check, nor its place made
        return tuple(_frozen(item, f"{path}[{i}]", depth + 1) for i, item in enumerate(value))
    if isinstance(value, Mapping):
        return Extras._of(value, path, depth + 1)
    raise InvalidValueError(
        f"{path}: expected a JSON value (null, true/false, a number, text, an array or "
        f"an object), got {type(value).__name__}"
    )


def _thawed(value: JSONValue) -> object:
    if isinstance(value, Extras):
        return value.to_json()
    if isinstance(value, tuple):
        return [_thawed(item) for item in value]
    return value


class _Frozen(Mapping[str, _V]):
    """A read-only mapping over a dict it owns, hashable by its items."""

    __slots__ = ("_hash", "_items")

    _items: dict[str, _V]
    _hash: int | None

    def __getitem__(self, key: str) -> _V:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def _hashed(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset((k, _hashable(v)) for k, v in self._items.items()))
        return self._hash


def _hashable(value: object) -> object:
    return frozenset(value.items()) if isinstance(value, Mapping) else value


def extra_key_problem(key: str) -> str | None:
    """Why `key` cannot be an extra's key (an id: one line, not empty, unspaced), or None.

    >>> extra_key_problem("sfia:level"), extra_key_problem("esco:status ")
    (None, "expected a non-empty id without surrounding whitespace, got 'esco:status '")
    """
    # Most keys are printable and unspaced, which is all an id asks of them.
    if key and key.isprintable() and key.strip() == key:
        return None
    try:
        check_id(key)
    except InvalidValueError as error:
        return str(error)
    return None


class Extras(_Frozen["JSONValue"]):
    """Extra JSON values by key, kept by every format; keys are namespaced by convention.

    A reader puts what its source has beyond the model under its own prefix
    (``"csv:points"``, ``"case:CFItemType"``), and so can you (``"acme:cost-centre"``).
    Arrays become tuples and objects `Extras`, so the whole is immutable and hashable.
    `InvalidValueError` names the place of anything that is not JSON.
    """

    __slots__ = ()

    def __init__(self, items: Mapping[str, object] | None = None) -> None:
        made = self._of(items or {}, "extras", 0)
        self._items: dict[str, JSONValue] = made._items
        self._hash: int | None = None

    @classmethod
    def _of(cls, items: object, path: str, depth: int) -> Extras:
        if isinstance(items, Extras):
            return items
        if not isinstance(items, Mapping):
            raise InvalidValueError(f"{path}: expected an object, got {show(items)}")
        frozen: dict[str, JSONValue] = {}
        for key, value in items.items():
            if type(key) is not str:
                raise InvalidValueError(f"{path}: expected text keys, got {show(key)}")
            if extra_key_problem(key) is not None:
                raise InvalidValueError(
                    f"{path}: expected keys that are ids (one line, not empty, no "
                    f"surrounding whitespace), got {show(key)}"
                )
            kind = type(value)
            if (
                value is None
                or kind is bool
                or kind is int
                or (kind is str and value.isprintable())
            ):
                frozen[key] = value  # what `_frozen` keeps as it is, without its place made
            else:
                frozen[key] = _frozen(value, _where(path, key), depth)
        made = cls.__new__(cls)
        made._items = frozen
        made._hash = None
        return made

    @classmethod
    def _trusted(cls, items: dict[str, JSONValue]) -> Extras:
        """`Extras` of `items`, kept as they are (the dict is owned from then on).

        For a reader that made its extras of its parser's own types and checked them:
        every key an id, every value text that `check_text` passes or a tuple of such
        text (what `Extras(items)` would keep unchanged). Nothing is checked here.
        """
        if not items:
            return NO_EXTRAS
        made = cls.__new__(cls)
        made._items = items
        made._hash = None
        return made

    @classmethod
    def _trusted_each(cls, items: Iterable[dict[str, JSONValue]]) -> list[Extras]:
        """`_trusted` of each of `items`, made by the interpreter's own loops.

        For a reader's thousands of rows, every one with extras: no Python code runs per
        row. The caller guarantees what `_trusted` asks, and that no dict is empty.
        """
        found = list(items)
        made = list(map(object.__new__, itertools.repeat(cls, len(found))))
        consume = collections.deque[None](maxlen=0).extend
        consume(map(_SET_ITEMS, made, found))
        consume(map(_SET_HASH, made, itertools.repeat(None)))
        return made

    @classmethod
    def _merged(cls, parts: Iterable[Extras]) -> Extras:
        """The items of `parts` in one `Extras`, the later keeping a key given twice.

        As ``Extras({**a, **b})`` makes, without freezing and checking again what each
        part has made and checked already.
        """
        items: dict[str, JSONValue] = {}
        for part in parts:
            items.update(part._items)
        return cls._trusted(items)

    def __hash__(self) -> int:
        return self._hashed()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Extras):
            return self._items == other._items
        return isinstance(other, Mapping) and self._items == dict(other.items())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._items!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.to_json(),))

    def to_json(self) -> dict[str, object]:
        """A plain copy, with lists and dicts, for a JSON writer."""
        return {key: _thawed(value) for key, value in self._items.items()}


# The slots of `_Frozen`, set directly by `Extras._trusted_each`.
_SET_ITEMS = _Frozen.__dict__["_items"].__set__
_SET_HASH = _Frozen.__dict__["_hash"].__set__


class Translations(_Frozen[Mapping[str, str]]):
    """An entity's name, summary or description in other languages, by language tag.

    A name follows the name rule in every language (one line, not blank). An empty
    text, and a language left with none, say nothing and are left out.

    >>> Translations({"de": {"name": "Leitung"}}).text("es", "name", "Lead")
    'Lead'
    """

    __slots__ = ()

    def __init__(self, items: Mapping[str, Mapping[str, str]] | None = None) -> None:
        frozen: dict[str, Mapping[str, str]] = {}
        for language, fields in (items or {}).items():
            where = f"translations[{language!r}]"
            try:
                check_language(language)
            except InvalidValueError:
                raise InvalidValueError(
                    f"translations: expected language tags such as 'en' or 'pt-BR', "
                    f"got {show(language)}"
                ) from None
            if not isinstance(fields, Mapping):
                raise InvalidValueError(f"{where}: expected an object, got {show(fields)}")
            texts: dict[str, str] = {}
            for field, text in fields.items():
                if field not in TRANSLATED_FIELDS:
                    expected = ", ".join(TRANSLATED_FIELDS)
                    raise InvalidValueError(
                        f"{where}: unknown field {show(field)} (expected one of: {expected})"
                    )
                try:
                    # A name is a name in any language: one line, not blank.
                    checked = (check_name if field == "name" and text != "" else check_text)(text)
                    if checked:
                        texts[field] = checked
                except InvalidValueError as error:
                    raise InvalidValueError(f"{where}[{field!r}]: {error}") from None
            if texts:
                frozen[language] = _ReadOnly(texts)
        self._items = frozen
        self._hash: int | None = None

    def __hash__(self) -> int:
        return self._hashed()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return False
        if not all(isinstance(fields, Mapping) for fields in other.values()):
            return False
        return self.to_json() == {k: dict(v) for k, v in other.items()}

    def __repr__(self) -> str:
        return f"Translations({self.to_json()!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.to_json(),))

    def text(self, language: str | None, field: str, default: str = "") -> str:
        """The `field` in `language`, else `default` (the text in the framework's language).

        A regional tag falls back to its language: ``"es-MX"`` finds ``"es"``.
        """
        for tag in (language, (language or "").partition("-")[0]):
            if tag and tag in self._items and field in self._items[tag]:
                return self._items[tag][field]
        return default

    def to_json(self) -> dict[str, dict[str, str]]:
        """A plain copy, for a JSON writer."""
        return {language: dict(fields) for language, fields in self._items.items()}


class _ReadOnly(_Frozen[str]):
    __slots__ = ()

    def __init__(self, items: dict[str, str]) -> None:
        self._items = items
        self._hash = None

    def __repr__(self) -> str:
        return repr(self._items)


#: The empty extras and translations every entity starts with (immutable, so shared).
NO_EXTRAS = Extras()
NO_TRANSLATIONS = Translations()
