"""Comparing and combining frameworks: `diff` lists what changed, `merge` joins them.

Both work on the framework's entries as the format writes them, every key present,
matched by id (an expectation by its skill, role and level, a definition by its skill
and step, a role level by its role and level), so a change is reported in the same
terms a file's author edits.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Literal, TypeAlias

import attrs

from skilltaxonomy._text import show
from skilltaxonomy.exceptions import MergeConflictError
from skilltaxonomy.formats.fields import document_fields
from skilltaxonomy.formats.json import decode, encode
from skilltaxonomy.model import Taxonomy
from skilltaxonomy.model._display import ShowsAsHTML
from skilltaxonomy.model.listing import Listing, listing

#: The kinds of entry a diff reports, in the order it reports them.
KINDS: tuple[str, ...] = (
    "framework",
    "domain",
    "skill",
    "role",
    "level",
    "ladder",
    "scale",
    "role_level",
    "definition",
    "expectation",
)

Action: TypeAlias = Literal["added", "removed", "changed"]
Policy: TypeAlias = Literal["raise", "keep", "replace"]
_Record: TypeAlias = dict[str, Any]

_FRAMEWORK_FIELDS = tuple(field.key for field in document_fields(2))
# The fields that key each kind of entry (the others are keyed by id).
_KEY_FIELDS = {
    "expectation": ("skill", "role", "level"),
    "definition": ("skill", "step"),
    "role_level": ("role", "level"),
}


@attrs.frozen
class FieldChange:
    """One field of an entry, before and after.

    Attributes:
        field: The field's name in the format, such as ``"mandatory"``; a level's
            position on the ladder is ``"rank"``.
        old: Its value before (as the format writes it).
        new: Its value after.
    """

    field: str
    old: object
    new: object

    def __str__(self) -> str:
        return f"{self.field}: {show(self.old, None)} → {show(self.new, None)}"


@attrs.frozen
class Change:
    """An entry added, removed or changed.

    Attributes:
        kind: One of `KINDS`.
        key: The entry's id; for an expectation, ``"skill / role / level"`` ids; for
            the framework's own fields, ``""``.
        action: ``"added"``, ``"removed"`` or ``"changed"``.
        name: The entry's name (an expectation's description), after the change when
            there is an after.
        fields: For a change, each field that differs.
    """

    #: What `Listing.get` finds a Change by.
    listed_by: ClassVar[str] = "key"

    kind: str
    key: str
    action: Action
    name: str
    fields: tuple[FieldChange, ...] = ()

    def __str__(self) -> str:
        mark = {"added": "+", "removed": "-", "changed": "~"}[self.action]
        head = f"{mark} {self.kind} {self.key!r}" if self.key else f"{mark} {self.kind}"
        if self.fields:
            return f"{head}: " + "; ".join(map(str, self.fields))
        return f"{head}: {self.name}"


@attrs.frozen
class TaxonomyDiff(ShowsAsHTML):
    """What changed from one framework to another. Returned by `diff`.

    It is true when anything changed; ``str()`` gives one line per change, and
    `render` gives a readable changelog in text, Markdown or HTML.

    Attributes:
        old: The framework before.
        new: The framework after.
        changes: Every change, by kind (`KINDS`), then removed, added, changed.
    """

    old: Taxonomy = attrs.field(repr=lambda t: repr(t.name))
    new: Taxonomy = attrs.field(repr=lambda t: repr(t.name))
    changes: Listing[Change] = attrs.field(converter=listing)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def __str__(self) -> str:
        return "\n".join(map(str, self.changes))

    def of(self, action: Action) -> tuple[Change, ...]:
        """The changes with that action, in report order."""
        return tuple(change for change in self.changes if change.action == action)


# An entry's key: its id, or an expectation's (skill, role, level) ids; the framework's
# own fields have the empty key. Tuples, so that no two entries share one ("a" and
# "a / b" joined with " / " would).
_Key: TypeAlias = tuple[str, ...]


def _entries(document: Mapping[str, Any]) -> dict[str, dict[_Key, _Record]]:
    """Every entry of an encoded framework, by kind and then key."""
    entries: dict[str, dict[_Key, _Record]] = {
        "framework": {(): {field: document[field] for field in _FRAMEWORK_FIELDS}}
    }
    for kind in KINDS[1:]:
        parts = _KEY_FIELDS.get(kind, ("id",))
        entries[kind] = {
            tuple(record[part] for part in parts): dict(record)
            for record in document.get(f"{kind}s", ())
        }
    for rank, record in enumerate(document["levels"], start=1):
        entries["level"][record["id"],]["rank"] = rank
    return entries


def _shown(key: _Key) -> str:
    """A key as `Change.key` shows it: the id, or ``"skill / role / level"``."""
    return " / ".join(key)


def _name(kind: str, record: _Record) -> str:
    if kind in _KEY_FIELDS:
        return str(record.get("description") or record.get("title") or "")
    return str(record["name"])


def _field_changes(old: _Record, new: _Record) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(field, old.get(field), new.get(field))
        for field in dict.fromkeys([*old, *new])
        if old.get(field) != new.get(field)
    )


def diff(old: Taxonomy, new: Taxonomy) -> TaxonomyDiff:
    """List what was added, removed and changed from `old` to `new`.

    Entries are matched by id; an expectation by its skill, role and level. A level
    that moved on the ladder shows a changed ``rank``.

    >>> from skilltaxonomy import diff, load
    >>> bool(diff(load(), load()))
    False
    """
    before, after = _entries(encode(old, complete=True)), _entries(encode(new, complete=True))
    changes: list[Change] = []
    for kind in KINDS:
        was, now = before[kind], after[kind]
        changes += [
            Change(kind, _shown(key), "removed", _name(kind, record))
            for key, record in was.items()
            if key not in now
        ]
        changes += [
            Change(kind, _shown(key), "added", _name(kind, record))
            for key, record in now.items()
            if key not in was
        ]
        for key, record in now.items():
            if key in was and was[key] != record:
                fields = _field_changes(was[key], record)
                changes.append(Change(kind, _shown(key), "changed", _name(kind, record), fields))
    return TaxonomyDiff(old, new, tuple(changes))


# Merging ---------------------------------------------------------------------------------


@attrs.frozen
class Conflict:
    """An entry two frameworks both have, with different content.

    Attributes:
        kind: One of `KINDS` (``"level"`` also when two ladders disagree on order).
        key: The entry's id, as in `Change`.
        framework: Which of the merged frameworks disagrees with those before it
            (1 is the first of `others`).
        fields: Each field that differs, the value so far first.
    """

    kind: str
    key: str
    framework: int
    fields: tuple[FieldChange, ...]

    def __str__(self) -> str:
        changes = "; ".join(map(str, self.fields))
        return f"{self.kind} {self.key!r} differs in framework {self.framework}: {changes}"


def _merge_ladders(
    ladder: list[str], other: Sequence[str], number: int, conflicts: list[Conflict]
) -> list[str]:
    """`ladder` with `other`'s new levels, each after its predecessor in `other`.

    The levels both have must come in the same order in both (else a conflict, and the
    ladder as it was). Linear in the two ladders' lengths.
    """
    position = {key: index for index, key in enumerate(ladder)}
    shared = [key for key in other if key in position]
    if any(position[a] > position[b] for a, b in itertools.pairwise(shared)):
        in_ours = sorted(shared, key=position.__getitem__)
        conflicts.append(
            Conflict("level", " < ".join(shared), number, (FieldChange("order", in_ours, shared),))
        )
        return ladder
    after: dict[int, list[str]] = {}  # new levels after the level at each position; -1: first
    anchor = -1
    for key in other:
        if key in position:
            anchor = position[key]
        else:
            after.setdefault(anchor, []).append(key)
    merged = list(after.get(-1, ()))
    for index, key in enumerate(ladder):
        merged.append(key)
        merged += after.get(index, ())
    return merged


def merge(base: Taxonomy, *others: Taxonomy, on_conflict: Policy = "raise") -> Taxonomy:
    """Combine frameworks: `base`, extended by each of `others` in turn.

    Entries are matched by id (an expectation by its skill, role and level); new ones
    are added after the existing ones, in their framework's order, and a new level
    takes its place after the level it follows in its ladder. The result keeps `base`'s
    name, version and language.

    Args:
        base: The framework to extend, such as the bundled one.
        others: Frameworks to add, such as a company's own roles and skills.
        on_conflict: What to do when an entry is in two frameworks with different
            content: ``"raise"`` (the default) reports every conflict at once,
            ``"keep"`` keeps the earlier entry, ``"replace"`` takes the later one.

    Raises:
        MergeConflictError: With ``"raise"``, when any entry conflicts, or when two
            ladders order the same levels differently (whatever the policy).

    >>> from skilltaxonomy import load, merge
    >>> merge(load(), load()) == load()
    True
    """
    if on_conflict not in ("raise", "keep", "replace"):
        raise ValueError(
            f"unknown conflict policy {on_conflict!r}: expected 'raise', 'keep' or 'replace'"
        )
    document = encode(base, complete=True)
    merged = _entries(document)
    ladder = [key for (key,) in merged["level"]]
    conflicts: list[Conflict] = []
    for number, other in enumerate(others, start=1):
        theirs = _entries(encode(other, complete=True))
        ladder = _merge_ladders(ladder, [key for (key,) in theirs["level"]], number, conflicts)
        for kind in KINDS[1:]:
            ours = merged[kind]
            for key, record in theirs[kind].items():
                if key not in ours:
                    ours[key] = record
                    continue
                mine = ours[key]
                fields = _field_changes(mine, record)
                if kind == "level":  # ranks follow from the merged ladder
                    fields = tuple(f for f in fields if f.field != "rank")
                if not fields:
                    continue
                if on_conflict == "raise":
                    conflicts.append(Conflict(kind, _shown(key), number, fields))
                elif on_conflict == "replace":
                    ours[key] = record
    if conflicts:
        raise MergeConflictError(conflicts)
    for kind in KINDS[1:]:
        document[f"{kind}s"] = list(merged[kind].values())
    document["levels"] = [
        {field: value for field, value in merged["level"][key,].items() if field != "rank"}
        for key in ladder
    ]
    return decode(document, source="merged framework")
