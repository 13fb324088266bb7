"""`Listing`: the one shape of every listing in the library.

A framework's domains, skills, roles, levels and expectations are listings, and so is
every sequence a result holds (a profile's roles, a gap report's skills, a team's
reports). Each is an immutable sequence with the same three extras: `Listing.get` finds
one item by its key, ``key in listing`` asks whether it is there, and `Listing.filter`
narrows it, each filter taking one value or several.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar, overload

from skilltaxonomy.exceptions import InvalidQueryError

_T = TypeVar("_T")
_D = TypeVar("_D")

# How many items a listing's repr shows: a framework's listings can be long.
_SHOWN = 5

#: Finds the item a key names, or None (a framework's listings use its indices).
Finder = Callable[[object], Any]
#: Narrows a listing by filters already split into one value or several per name.
Filterer = Callable[[Mapping[str, tuple[object, ...]]], "Listing[Any]"]


def subject(item: object) -> object:
    """What a key names in `item`: the entity itself, or the one it is about.

    A class says which of its attributes that is with a ``listed_by`` class attribute:
    a gap report's skill rows are found by their skill, a team's reports by person.
    """
    attribute = getattr(type(item), "listed_by", None)
    return item if attribute is None else getattr(item, attribute)


def matches(value: object, key: object) -> bool:
    """Whether `key` names `value`: its id, its name (any case), the value itself, a rank."""
    if value is key or value == key:
        return True
    if isinstance(key, str):
        if isinstance(value, str):
            return value.casefold() == key.casefold()
        if getattr(value, "id", None) == key:
            return True
        name = getattr(value, "name", None)
        return isinstance(name, str) and name.casefold() == key.casefold()
    if isinstance(key, int) and not isinstance(key, bool):
        return getattr(value, "rank", None) == key
    return False


def values_of(value: object) -> tuple[object, ...]:
    """A filter's values: several from a list, tuple, set or listing, else the one given."""
    if isinstance(value, (list, tuple, set, frozenset, Listing)):
        return tuple(value)
    return (value,)


class Listing(Sequence[_T]):
    """An ordered, immutable listing of one kind of value.

    It is a sequence: ``len``, iteration, indexing and slicing (a slice is a listing),
    and it equals another listing, or a tuple, with the same items in the same order.

    >>> from skilltaxonomy import load
    >>> tax = load()
    >>> len(tax.levels), tax.levels[0].name, tax.levels.get("senior").rank
    (5, 'Junior', 3)
    >>> "Data Scientist" in tax.roles, tax.roles.get("chef") is None
    (True, True)
    >>> [e.level.id for e in tax.expectations.filter(role="llm-engineer", level=["junior", 5])]
    ['junior', 'principal']
    """

    __slots__ = ("_filterer", "_finder", "_items")

    def __init__(
        self,
        items: Iterable[_T] = (),
        *,
        finder: Finder | None = None,
        filterer: Filterer | None = None,
    ) -> None:
        # Set once, here; `__setattr__` refuses every later change.
        set_slot = object.__setattr__
        set_slot(self, "_items", tuple(items))
        set_slot(self, "_finder", finder)
        set_slot(self, "_filterer", filterer)

    _items: tuple[_T, ...]
    _finder: Finder | None
    _filterer: Filterer | None

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Listing cannot be changed (set {name!r})")

    # The sequence --------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[_T]:
        return iter(self._items)

    def __reversed__(self) -> Iterator[_T]:
        return reversed(self._items)

    @overload
    def __getitem__(self, index: int) -> _T: ...
    @overload
    def __getitem__(self, index: slice) -> Listing[_T]: ...
    def __getitem__(self, index: int | slice) -> _T | Listing[_T]:
        if isinstance(index, slice):
            return Listing(self._items[index])
        if isinstance(index, (str, bool)) or not isinstance(index, int):
            raise TypeError(
                f"a listing is indexed by position; to find {index!r} by its key, use .get()"
            )
        return self._items[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Listing):
            return self._items == other._items
        if isinstance(other, tuple):
            return self._items == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._items)

    def __add__(self, other: Iterable[_T]) -> Listing[_T]:
        return Listing((*self._items, *other))

    def __repr__(self) -> str:
        shown = ", ".join(map(repr, self._items[:_SHOWN]))
        more = f", … and {len(self._items) - _SHOWN} more" if len(self._items) > _SHOWN else ""
        return f"Listing([{shown}{more}])"

    def __reduce__(self) -> tuple[Any, ...]:
        # Copies and pickles keep the lookups and filters (bound to the copied framework).
        return (_rebuild, (self._items, self._finder, self._filterer))

    def __contains__(self, key: object) -> bool:
        return self.get(key, _ABSENT) is not _ABSENT

    # Lookups and filters -------------------------------------------------------------

    @overload
    def get(self, key: object) -> _T | None: ...
    @overload
    def get(self, key: object, default: _D) -> _T | _D: ...
    def get(self, key: object, default: object = None) -> object:
        """The item `key` names, or `default`.

        A key is an id, a name (any case), the item itself, or, for levels, a rank; in a
        framework's own listings also a code (`Taxonomy.skill` says which); for an item
        about something else (a gap report's row about a skill), a key to that.
        """
        if self._finder is not None:
            found = self._finder(key)
            return default if found is None else found
        for item in self._items:
            if matches(subject(item), key):
                return item
        return default

    def filter(self, **criteria: object) -> Listing[_T]:
        """The items that meet every filter given, in the listing's order.

        Each filter takes one value, or several (a list, tuple or set: any of them);
        ``None`` leaves it out. A framework's listings filter by what they are related to
        (skills by ``domain``, ``category`` or ``role``; roles by ``skill`` or ``family``;
        expectations by ``skill``, ``role``, ``level`` or ``mandatory``); other listings by
        their items' attributes.

        Raises:
            InvalidQueryError: No such filter for this listing.
            NotFoundError: A value names nothing in the framework (with suggestions).
        """
        given = {name: values_of(value) for name, value in criteria.items() if value is not None}
        if not given:
            return self
        if self._filterer is not None:
            result: Listing[_T] = self._filterer(given)
            return result
        return Listing(item for item in self._items if self._meets(item, given))

    def _meets(self, item: _T, given: Mapping[str, tuple[object, ...]]) -> bool:
        for name, keys in given.items():
            try:
                value = getattr(item, name)
            except AttributeError:
                known = sorted(a.name for a in getattr(type(item), "__attrs_attrs__", ()))
                raise InvalidQueryError(
                    f"unknown filter {name!r} for {type(item).__name__} items"
                    + (f" (expected one of: {', '.join(known)})" if known else "")
                ) from None
            if not any(matches(value, key) for key in keys):
                return False
        return True


_ABSENT: Any = object()


def _rebuild(
    items: tuple[Any, ...], finder: Finder | None, filterer: Filterer | None
) -> Listing[Any]:
    return Listing(items, finder=finder, filterer=filterer)


def listing(items: Iterable[Any]) -> Listing[Any]:
    """`items` as a `Listing` (a listing as it is): the converter of result classes.

    Typed with ``Any`` so that each field's own annotation (``Listing[Role]``) is the one
    type checkers see.
    """
    return items if isinstance(items, Listing) else Listing(items)
