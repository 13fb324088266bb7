"""The library's JSON (formats v2 and v1) ⇄ `Taxonomy`: fast and careful readers, writers.

A valid file is parsed (orjson when installed, else the standard library) and built
in one pass; anything the fast path is not sure of goes to the careful path in
`_codec`, which reports every problem with its place, whichever path was tried first.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple, TypeVar

import attrs

from skilltaxonomy._text import check_text, id_key, show
from skilltaxonomy.exceptions import ExportError, InvalidTaxonomyError, InvalidValueError, Problem
from skilltaxonomy.formats._guard import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_DEPTH,
    Reading,
)
from skilltaxonomy.formats._guard import gc_aged as _gc_aged
from skilltaxonomy.formats._guard import gc_paused as _gc_paused
from skilltaxonomy.formats.fields import (
    EXPECTATION,
    FORMAT_OF,
    NESTED,
    RECORDS,
    RECORDS_V1,
    REQUIRED,
    SCHEMA_KEY,
    V1_NAMES,
    VERSION_OF,
    Record,
    array_key,
    document_fields,
    items_of,
    records,
    records_in,
    refuse_beyond_v1,
)
from skilltaxonomy.model import (
    Definition,
    Domain,
    Expectation,
    Ladder,
    Level,
    Role,
    RoleLevel,
    Scale,
    Skill,
    Step,
    Taxonomy,
)
from skilltaxonomy.model.entities import NO_DETAILS, ExpectationDetails
from skilltaxonomy.model.extras import Extras, Translations
from skilltaxonomy.model.problems import (
    duplicate_cell_problems,
    duplicate_id_problems,
    ids_collide,
    unknown_reference,
)

_T = TypeVar("_T")


def _by_id(items: Iterable[_T]) -> dict[str, _T] | None:
    """Entities by id, or None when ids collide (see `id_key`)."""
    items = tuple(items)
    found = {item.id: item for item in items}  # type: ignore[attr-defined]
    if len(found) != len(items) or len(set(map(id_key, found))) != len(items):
        return None
    return found


class _Count(NamedTuple):
    """What `_count` finds in a parsed value."""

    # The members of its objects, at any depth.
    members: int
    # The colons in its keys and strings.
    colons: int
    # How deeply its arrays and objects nest, counted from the depth it was found at.
    depth: int


def _count(value: object, depth: int = 0) -> _Count:
    """Count the members and colons of `value`, found `depth` arrays and objects deep."""
    if type(value) is str:
        return _Count(0, value.count(":"), depth)
    members = colons = 0
    deepest = depth
    # Only containers go on the stack; strings are counted where they are found.
    stack: list[tuple[Any, int]] = [(value, depth)] if type(value) in (dict, list) else []
    while stack:
        item, at = stack.pop()
        at += 1
        deepest = max(deepest, at)
        if type(item) is dict:
            members += len(item)
            for key, inner in item.items():
                if ":" in key:
                    colons += key.count(":")
                kind = type(inner)
                if kind is str:
                    colons += inner.count(":")
                elif kind is dict or kind is list:
                    stack.append((inner, at))
        else:
            for inner in item:
                kind = type(inner)
                if kind is str:
                    colons += inner.count(":")
                elif kind is dict or kind is list:
                    stack.append((inner, at))
    return _Count(members, colons, deepest)


def _count_items(items: list[dict[str, Any]]) -> _Count:
    """`_count` of records in the root's array (depth 3), quicker for flat records.

    A record's keys are the format's (no colon in any); only its lists and objects
    (criteria, extras) are walked by `_count`.
    """
    members = colons = 0
    deepest = 3 if items else 2
    for item in items:
        members += len(item)
        for value in item.values():
            kind = type(value)
            if kind is str:
                colons += value.count(":")
            elif kind is list and all(type(inner) is str for inner in value):
                deepest = max(deepest, 4)
                for inner in value:
                    colons += inner.count(":")
            elif kind is dict or kind is list:
                inner_count = _count(value, 3)
                members += inner_count.members
                colons += inner_count.colons
                deepest = max(deepest, inner_count.depth)
    return _Count(members, colons, deepest)


def _slot_setter(name: str) -> Callable[[Expectation, object], None]:
    setter: Callable[[Expectation, object], None] = Expectation.__dict__[name].__set__
    return setter


_EXPECTATION_SETTERS = tuple(_slot_setter(field.name) for field in attrs.fields(Expectation))
# The values of an expectation's details when it has none, in their fields' order.
_NO_DETAILS_VALUES = [getattr(NO_DETAILS, field.name) for field in attrs.fields(ExpectationDetails)]


_ENTITIES = (
    Domain,
    Skill,
    Role,
    Level,
    Step,
    Scale,
    Ladder,
    Expectation,
    ExpectationDetails,
    Definition,
    RoleLevel,
)
_E = TypeVar("_E", bound=attrs.AttrsInstance)  # one of `_ENTITIES`

# Each entity class's slots, in the order of its fields, with their defaults.
_SLOTS: dict[type, tuple[tuple[str, Any], ...]] = {
    cls: tuple((field.name, field.default) for field in attrs.fields(cls)) for cls in _ENTITIES
}


def _checked(cls: type[_E], values: list[Any]) -> _E:
    """An entity from values the fields' rules have checked (the model's own rules).

    The constructor would check them again, and for a small file that is most of the
    work, so the slots are set directly, as for expectations; slots after `values`
    (what format v1 does not hold) get their defaults.
    """
    entity = object.__new__(cls)
    setattr_ = object.__setattr__
    slots = _SLOTS[cls]
    for (name, _), value in zip(slots, values, strict=False):
        setattr_(entity, name, value)
    for name, default in slots[len(values) :]:
        setattr_(entity, name, default)
    return entity


def _fast_values(
    item: object,
    record: Record,
    positions: Mapping[str, tuple[int, Callable[..., Any]]] | None = None,
) -> list[Any]:
    """The values of a record, checked with the fields' rules; raises if in doubt.

    The loop is over the keys the record holds (an unknown one is a KeyError), not
    over every key it may hold: most of format v2's keys are usually left out.
    `positions` replaces the record's own (each key's place and rule).
    """
    if type(item) is not dict:
        raise InvalidValueError
    values = list(record.defaults)
    if positions is None:
        positions = record.positions
    for key, value in item.items():
        index, check = positions[key]
        values[index] = check(value, None)
    if record.required and REQUIRED in values:
        raise KeyError("a required key")
    return values


def _fast_array(value: object) -> list[Any]:
    if type(value) is not list:
        raise InvalidValueError
    return value


def _resolved(by_id: dict[str, _T], key: str | None) -> _T | None:
    """The entity `key` names, ``None`` for null; a KeyError for an unknown id."""
    return None if key is None else by_id[key]


def _step_of(scale: Scale | None, key: str) -> Step:
    """The step of `scale` with that id or code; a KeyError if there is none."""
    found = None if scale is None else scale.find_step(key)
    if found is None:
        raise KeyError(key)
    return found


# How deeply every document nests: its expectations in their array in the root (the
# fast path measures what nests deeper: ladders, scales, lists and extras).
FORMAT_DEPTH = 3


class _Head(NamedTuple):
    """What comes before the expectations, checked, with the counts `_fast_build` needs."""

    version: int
    fields: dict[str, Any]
    domains: tuple[Domain, ...]
    skills: tuple[Skill, ...]
    roles: tuple[Role, ...]
    levels: tuple[Level, ...]
    more: dict[str, Any]
    # Entities by id, for the expectations to refer to.
    skill_by_id: dict[str, Skill]
    role_by_id: dict[str, Role]
    level_by_id: dict[str, Level]
    # The first scale, the default of every skill without one.
    default_scale: Scale | None
    # Whether the framework holds what only the constructor checks: ladders, scales…
    structured: bool
    # The members of the objects read so far, the colons in their keys and strings, and
    # how deeply they nest.
    members: int
    colons: int
    depth: int


def _version_of(document: dict[str, Any]) -> int | None:
    """The format version a document's ``format`` names, or None."""
    named = document.get("format")
    return VERSION_OF.get(named) if type(named) is str else None


def _levels_of(items: object, record: Record) -> list[Level]:
    levels = []
    for rank, item in enumerate(_fast_array(items), start=1):
        key, level_name, *rest = _fast_values(item, record)
        levels.append(_checked(Level, [key, level_name, rank, *rest]))
    return levels


def _fast_scales(items: list[Any], records: dict[str, Record]) -> list[Scale]:
    scales = []
    for item in items:
        key, scale_name, steps, *rest = _fast_values(item, records["scale"])
        made = []
        for rank, step in enumerate(_fast_array(steps), start=1):
            step_key, step_name, *step_rest = _fast_values(step, records["step"])
            made.append(_checked(Step, [step_key, step_name, rank, *step_rest]))
        scales.append(_checked(Scale, [key, scale_name, tuple(made), *rest]))
    return scales


def _fast_ladders(items: list[Any], records: dict[str, Record]) -> list[Ladder]:
    ladders = []
    for item in items:
        key, ladder_name, ladder_levels, *rest = _fast_values(item, records["ladder"])
        made_levels = tuple(_levels_of(ladder_levels, records["level"]))
        ladders.append(_checked(Ladder, [key, ladder_name, made_levels, *rest]))
    return ladders


def _fast_roles(
    items: list[Any],
    record: Record,
    ladder_by_id: dict[str, Ladder],
    level_by_id: dict[str, Level],
    v1: bool,
) -> list[Role]:
    roles = []
    for item in items:
        values = _fast_values(item, record)
        if not v1:
            values[4] = _resolved(ladder_by_id, values[4])
            values[5] = _resolved(level_by_id, values[5])
        roles.append(_checked(Role, values))
    return roles


class _StepDetails:
    """The details of an expectation that names a step and nothing more, one per step.

    Called with a skill and a step's id or code; a KeyError when the skill's scale has
    no such step (the careful path then reports it).
    """

    __slots__ = ("default_scale", "made")

    def __init__(self, default_scale: Scale | None) -> None:
        self.default_scale = default_scale
        self.made: dict[tuple[int, str], ExpectationDetails] = {}

    def __call__(self, skill: Skill, key: str) -> ExpectationDetails:
        scale = skill.scale or self.default_scale
        found = self.made.get((id(scale), key))
        if found is None:
            step = _step_of(scale, key)
            found = self.made[id(scale), key] = _checked(
                ExpectationDetails, [step, *_NO_DETAILS_VALUES[1:]]
            )
        return found


def _as_is(value: object, _: object = None) -> object:
    return value


def _references_as_is(record: Record) -> dict[str, tuple[int, Callable[..., Any]]]:
    """The record's positions, its references taken as they are.

    Each reference is looked up among the framework's ids, which finds only a valid id
    (anything else is a KeyError or a TypeError), so checking it first would only repeat
    the work.
    """
    return {
        key: (index, _as_is if key in ("skill", "role", "level", "step") else check)
        for key, (index, check) in record.positions.items()
    }


_DETAIL_SETTERS = tuple(
    ExpectationDetails.__dict__[field.name].__set__ for field in attrs.fields(ExpectationDetails)
)


def _general_expectation(
    item: dict[str, Any],
    record: Record,
    head: _Head,
    positions: dict[str, tuple[int, Callable[..., Any]]],
) -> Expectation:
    """An expectation with more than format v1's five keys, checked; raises if in doubt."""
    values = _fast_values(item, record, positions)
    skill_key, role_key, level_key, mandatory, description, *more = values
    skill = head.skill_by_id[skill_key]
    details = NO_DETAILS
    if more != _NO_DETAILS_VALUES:
        if more[0] is not None:
            more[0] = _step_of(skill.scale or head.default_scale, more[0])
        details = object.__new__(ExpectationDetails)
        for setter, value in zip(_DETAIL_SETTERS, more, strict=True):
            setter(details, value)
    expectation = object.__new__(Expectation)
    set_skill, set_role, set_level, set_mandatory, set_description, set_details = (
        _EXPECTATION_SETTERS
    )
    set_skill(expectation, skill)
    set_role(expectation, head.role_by_id[role_key])
    set_level(expectation, head.level_by_id[level_key])
    set_mandatory(expectation, mandatory)
    set_description(expectation, description)
    set_details(expectation, details)
    return expectation


def _climbs(head: _Head) -> dict[str, frozenset[str]]:
    """The ids of the levels each role climbs: its ladder's, from its start."""
    ladders = {ladder.id: ladder.levels for ladder in head.more.get("ladders", ())}
    climbs = {}
    for role in head.roles:
        levels = head.levels if role.ladder is None else ladders.get(role.ladder.id, ())
        if role.start is not None and role.start in levels:
            levels = levels[levels.index(role.start) :]
        climbs[role.id] = frozenset(level.id for level in levels)
    return climbs


def _assemble(
    head: _Head, built: list[Expectation], by_cell: dict[Any, Expectation]
) -> Taxonomy | None:
    """The taxonomy of a checked head and expectations; None if in any doubt.

    The codec has checked what the constructor would, but for what only the whole
    framework can say of scales and ladders (a level off its role's ladder, a step id
    twice in a scale), which the model's own check then says.
    """
    taxonomy = Taxonomy._from_checked(
        name=head.fields["name"],
        version=head.fields.get("version", ""),
        language=head.fields.get("language", "en"),
        domains=head.domains,
        skills=head.skills,
        roles=head.roles,
        levels=head.levels,
        expectations=tuple(built),
        by_cell=by_cell,
        **{k: v for k, v in head.more.items() if k not in _HEAD_KEYS},
    )
    # The loop has put every expectation on its role's ladder and its skill's scale.
    if head.structured and taxonomy._v2_problems(expectations_checked=True):
        return None  # the careful path says why
    return taxonomy


def _fast_fields(document: dict[str, Any], version: int) -> dict[str, Any]:
    """The document's own fields, checked and taken out of it; KeyError if one is missing."""
    fields = {}
    for field in document_fields(version):
        value = document.pop(field.key, field.default)
        if value is REQUIRED:
            raise KeyError(field.key)
        fields[field.key] = (
            field.default if value is field.default else field.kind.check(value, None)
        )
    return fields


def _fast_head(document: dict[str, Any], version: int) -> _Head | None:
    """Everything in `document` but its expectations, checked; None if in any doubt."""
    counted = _count(document)
    del document["format"]
    records = {record.name: record.in_version(version) for record in (*NESTED, *RECORDS)}
    v1 = version == 1

    def array(key: str) -> list[Any]:
        if not v1:
            return _fast_array(document.pop(key, []))
        # Format v1 requires its five arrays; an array of v2 is left as an unknown key.
        return _fast_array(document.pop(key)) if key in _V1_ARRAYS else []

    try:
        if type(document.pop(SCHEMA_KEY, "")) is not str:
            return None
        fields = _fast_fields(document, version)
        scales = _fast_scales(array("scales"), records)
        scale_by_id = _by_id(scales)
        domains = tuple(
            _checked(Domain, _fast_values(item, records["domain"])) for item in array("domains")
        )
        domain_by_id = _by_id(domains)
        skills = []
        for item in array("skills"):
            key, skill_name, domain, *rest = _fast_values(item, records["skill"])
            if not v1:
                rest[3] = _resolved(scale_by_id, rest[3])  # type: ignore[arg-type]
            skills.append(_checked(Skill, [key, skill_name, domain_by_id[domain], *rest]))  # type: ignore[index]
        levels = _levels_of(array("levels"), records["level"])
        ladders = _fast_ladders(array("ladders"), records)
        ladder_by_id = _by_id(ladders)
        every_level = levels + [level for ladder in ladders for level in ladder.levels]
        level_by_id = _by_id(every_level)
        roles = _fast_roles(array("roles"), records["role"], ladder_by_id, level_by_id, v1)  # type: ignore[arg-type]
        role_by_id = _by_id(roles)
        skill_by_id = _by_id(skills)
        default_scale = scales[0] if scales else None
        role_levels = []
        for item in array("role_levels"):
            role, level, *rest = _fast_values(item, records["role_level"])
            role_levels.append(_checked(RoleLevel, [role_by_id[role], level_by_id[level], *rest]))  # type: ignore[index]
        definitions = []
        for item in array("definitions"):
            skill_key, step, *rest = _fast_values(item, records["definition"])
            the_skill = skill_by_id[skill_key]  # type: ignore[index]
            the_step = _step_of(the_skill.scale or default_scale, step)
            definitions.append(_checked(Definition, [the_skill, the_step, *rest]))
    except (KeyError, TypeError, InvalidValueError):
        return None
    if (
        document  # unknown keys
        or domain_by_id is None
        or skill_by_id is None
        or role_by_id is None
        or level_by_id is None
        or scale_by_id is None
        or ladder_by_id is None
    ):
        return None
    more: dict[str, Any] = {}
    if scales:
        more["scales"] = tuple(scales)
    if ladders:
        more["ladders"] = tuple(ladders)
    if role_levels:
        more["role_levels"] = tuple(role_levels)
    if definitions:
        more["definitions"] = tuple(definitions)
    structured = bool(more) or any(r.ladder is not None or r.start is not None for r in roles)
    more.update((key, value) for key, value in fields.items() if key not in _HEAD_KEYS)
    return _Head(
        version,
        fields,
        domains,
        tuple(skills),
        tuple(roles),
        tuple(levels),
        more,
        skill_by_id,
        role_by_id,
        level_by_id,
        default_scale,
        structured,
        *counted,
    )


_HEAD_KEYS = frozenset(("name", "version", "language"))
_V1_ARRAYS = frozenset(array_key(record) for record in RECORDS_V1)


def _fast_build(  # noqa: PLR0915 - the loop over expectations stays whole: it is the hot path
    document: object,
    colons: int | None = None,
    *,
    ascii_suspect: bool = True,
    text_suspect: bool = True,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Taxonomy | None:
    """The taxonomy of a valid document, built with the least work; None if in any doubt.

    Only a document the careful path (`decode`, through cattrs) would accept, as an
    equal taxonomy, gives a taxonomy here; at anything unexpected this returns None and
    the careful path reports the problems. The checks are the converter's own hooks,
    applied without the converter, so that loading a valid file never imports cattrs;
    the expectations, nearly all of a large file, are checked and built in one loop.
    `document` is the caller's own parse: its expectations are dropped once read, so
    that the parsed and the built copies of the file are not both held at their peak.

    Parsers keep the last of a repeated key, which the careful path reports instead.
    `colons`, the number of colons in the text (which has no escaped colon), finds
    them: each member of an object has one, and the rest are in keys and strings; when
    the count of members is short, a key was repeated. None skips this check.
    `ascii_suspect` False says no ASCII string can hold a control character, so only
    the others need checking for characters text may not hold; `text_suspect` False
    says no string can hold one, so the descriptions need no check. A document nesting
    deeper than `max_depth` is left to the careful path, which reports it.
    """
    if type(document) is not dict:
        return None
    version = _version_of(document)
    if version is None:
        return None
    items = document.pop("expectations", None if version == 1 else [])
    if type(items) is not list:
        return None
    head = _fast_head(document, version)
    if head is None:
        return None
    skill_by_id, role_by_id, level_by_id = head.skill_by_id, head.role_by_id, head.level_by_id
    colons_counted = head.colons
    general: list[dict[str, Any]] = []  # the expectations read the general way
    built: list[Expectation] = []
    add = built.append
    by_cell: dict[tuple[str, str, str], Expectation] = {}
    new = object.__new__
    set_skill, set_role, set_level, set_mandatory, set_description, set_details = (
        _EXPECTATION_SETTERS
    )
    record = EXPECTATION.in_version(version)
    positions = _references_as_is(record)
    step_details = _StepDetails(head.default_scale)
    # The five-key loop counts its ids' colons only where an id holds one.
    ids_hold_colons = any(":" in key for key in (*skill_by_id, *role_by_id, *level_by_id))
    # Each role's levels, from its start, where roles climb ladders of their own: an
    # expectation off its role's ladder is left to the careful path, which says why.
    climbs = _climbs(head) if head.structured else None
    try:
        for index, item in enumerate(items):
            if type(item) is not dict:
                return None
            mandatory = item.get("mandatory")
            description = item.get("description")
            size = len(item)
            step_key = item.get("step") if size == 6 else None
            if (
                (size == 5 or type(step_key) is str)
                and type(mandatory) is bool
                and type(description) is str
            ):
                # The five keys of format v1: none missing, none unknown, in one loop.
                if (
                    text_suspect
                    and (ascii_suspect or not description.isascii())
                    and not description.isprintable()
                ):
                    check_text(description)  # refuses a lone surrogate, a control character…
                colons_counted += description.count(":")
                # A key that is not a str, or names nothing, is a KeyError or a TypeError.
                skill = skill_by_id[item["skill"]]
                role = role_by_id[item["role"]]
                level = level_by_id[item["level"]]
                # What Expectation(skill, role, level, mandatory, description) does, in
                # two thirds of the time: the class has no validators or converters to skip.
                expectation = new(Expectation)
                set_skill(expectation, skill)
                set_role(expectation, role)
                set_level(expectation, level)
                set_mandatory(expectation, mandatory)
                set_description(expectation, description)
                if step_key is None:
                    set_details(expectation, NO_DETAILS)
                else:
                    # A step and nothing more: one shared details value per step.
                    set_details(expectation, step_details(skill, step_key))
                    colons_counted += step_key.count(":") + 1  # and the sixth member's
                if ids_hold_colons:
                    colons_counted += skill.id.count(":") + role.id.count(":")
                    colons_counted += level.id.count(":")
            elif version == 1:
                return None
            else:
                general.append(item)
                expectation = _general_expectation(item, record, head, positions)
                skill, role, level = expectation.skill, expectation.role, expectation.level
            if climbs is not None and level.id not in climbs[role.id]:
                return None
            add(expectation)
            by_cell[skill.id, role.id, level.id] = expectation
            items[index] = None
    except (KeyError, TypeError, InvalidValueError):
        return None
    # The general way's items, counted as items of the root's array.
    counted = _count_items(general)
    members = head.members + counted.members - 5 * len(general)
    if len(by_cell) != len(built) or max(head.depth, counted.depth) > max_depth:
        return None
    # The expectations' members are in `built`, one item more for the root's key.
    colons_counted += counted.colons
    if colons is not None and colons != members + 1 + 5 * len(built) + colons_counted:
        return None
    return _assemble(head, built, by_cell)


# Inputs from this size up are parsed with orjson, when it is installed.
_ORJSON_FROM = 64 * 1024

#: How `decode_text` may parse and build: "careful" is the path that reports problems;
#: "json" and "orjson" try the fast path with that parser first.
LOADERS = ("careful", "json", "orjson")


@functools.cache
def _orjson() -> Any:
    try:
        import orjson  # noqa: PLC0415 - optional, and imported only when loading
    except ImportError:
        return None
    return orjson


def _is_text(data: object) -> bool:
    return isinstance(data, (str, bytes, bytearray, memoryview))


def _fast_parse(data: str | bytes | bytearray | memoryview, loader: str) -> object:
    """Parse with the fast loader's parser; None when it fails (the careful path reports)."""
    if isinstance(data, (bytes, bytearray)) and data.startswith(b"\xef\xbb\xbf"):
        data = memoryview(data)[3:]
    elif isinstance(data, str) and data.startswith("\ufeff"):
        data = data[1:]
    try:
        if loader == "orjson":
            return _orjson().loads(data)
        return json.loads(data if isinstance(data, str) else str(data, "utf-8"))
    except (ValueError, TypeError, RecursionError):  # orjson's error is a ValueError
        return None


class _Scan(NamedTuple):
    """What one quick look at the raw text tells `_fast_build`."""

    # The colons in the text (no escaped colon hides one from the count).
    colons: int
    # Whether an ASCII string may hold a control character: DEL, or an escape.
    ascii_suspect: bool
    # Whether any string may hold a character text may not (`NOT_IN_TEXT`): an ASCII
    # suspect, or one of the forbidden characters beyond ASCII written as it is.
    text_suspect: bool = True


_ESCAPED_COLON = re.compile(r"\\u003[aA]")
_ESCAPED_COLON_BYTES = re.compile(rb"\\u003[aA]")
_CONTROL_ESCAPE = re.compile(r"\\[bfu]")
_CONTROL_ESCAPE_BYTES = re.compile(rb"\\[bfu]")
# What text may not hold beyond ASCII, as it is written in the raw text: C1 controls,
# embeddings, overrides, isolates (`NOT_IN_TEXT`) and, in a str, lone surrogates (UTF-8
# cannot hold them: the parsers refuse it). In UTF-8, \xc2 and \xe2 only begin a
# character, so a match is always a whole character.
_RAW_NOT_IN_TEXT = re.compile("[\x80-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# Two patterns, each with its first byte (found at memchr speed, the pattern searched
# only when it is there): one alternation of the three is ten times slower.
_RAW_NOT_IN_TEXT_BYTES = (
    (b"\xc2", re.compile(rb"\xc2[\x80-\x9f]")),
    (b"\xe2", re.compile(rb"\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")),
)


def _scan(data: str | bytes | bytearray | memoryview) -> _Scan | None:
    """Count the colons and look for escapes; None if an escaped colon spoils the count.

    Single characters are found at memchr speed, so text without escapes costs little.
    Characters text may not hold are looked for once in the whole text, rather than in
    each string the parser makes of it: a JSON string holds no raw character below
    U+0020 (the parsers refuse one), so only escapes, DEL and the forbidden characters
    beyond ASCII can put one there.
    """
    if isinstance(data, str):
        # An escaped colon is a \u escape: looked for only where the text has one.
        control = "\\" in data and _CONTROL_ESCAPE.search(data) is not None
        if control and _ESCAPED_COLON.search(data):
            return None
        suspect = control or "\x7f" in data
        beyond = suspect or (not data.isascii() and _RAW_NOT_IN_TEXT.search(data) is not None)
        return _Scan(data.count(":"), suspect, beyond)
    if isinstance(data, memoryview):
        data = data.tobytes()
    control = b"\\" in data and _CONTROL_ESCAPE_BYTES.search(data) is not None
    if control and _ESCAPED_COLON_BYTES.search(data):
        return None
    suspect = control or b"\x7f" in data
    beyond = suspect or (
        not data.isascii()
        and any(
            lead in data and pattern.search(data) is not None
            for lead, pattern in _RAW_NOT_IN_TEXT_BYTES
        )
    )
    return _Scan(data.count(b":"), suspect, beyond)


def decode_text(
    data: str | bytes,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    loader: str | None = None,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Taxonomy:
    """Build a `Taxonomy` from format v2 or v1 text, or raise `InvalidTaxonomyError`.

    A valid file takes the fast path: orjson when it is installed (the ``fast`` extra),
    else the standard library's parser, then `_fast_build`. Anything else is read again
    on the careful path, whose errors are the same whichever loader was tried first.
    `loader` (one of `LOADERS`) chooses a path, for tests and benchmarks.
    """
    # Anything but text goes to the careful path to be refused, and so does text over the limit.
    size = len(data) if _is_text(data) else max_bytes + 1
    if loader is None:
        # Small files parse as fast with the standard library, already imported.
        loader = "orjson" if size >= _ORJSON_FROM else "json"
    if loader == "orjson" and _orjson() is None:
        loader = "json"
    with _gc_paused():
        if loader != "careful" and size <= max_bytes and max_depth >= FORMAT_DEPTH:
            scan = _scan(data)
            if scan is not None:
                document = _fast_parse(data, loader)
                taxonomy = _fast_build(
                    document,
                    scan.colons,
                    ascii_suspect=scan.ascii_suspect,
                    text_suspect=scan.text_suspect,
                    max_depth=max_depth,
                )
                del document
                if taxonomy is not None:
                    _gc_aged()
                    return taxonomy
        from skilltaxonomy.formats._json import parse_json  # noqa: PLC0415 - only for files in doubt

        return decode(parse_json(data, source, max_bytes, max_depth), source)


def read(
    data: str | bytes,
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Reading:
    """Read format v2 or v1 text; `max_depth` limits how deeply arrays and objects nest.

    Raises:
        InvalidTaxonomyError: The text is not a valid framework; every problem is listed
            with its place.
    """
    return Reading(decode_text(data, source, max_bytes, max_depth=max_depth))


def write(taxonomy: Taxonomy, *, version: int = 2) -> str:
    """The canonical text of format `version` (see `encode_text`).

    Version 1 is for a framework format v1 can hold; `ExportError` names what it cannot.
    """
    return encode_text(taxonomy, version=version)


def encode(taxonomy: Taxonomy, version: int = 2, *, complete: bool = False) -> dict[str, object]:
    """The taxonomy as data of format `version`, in the canonical order.

    Format v1 writes every key; v2 writes ``name``, ``version``, ``language`` and the
    five arrays of v1 always, and every other key only when it is not at its default
    (`complete` writes every key and array, as diff and merge compare them).

    Raises:
        ExportError: `version` is 1 and the framework holds what v1 cannot (named).
    """
    if version not in FORMAT_OF:
        raise ExportError(f"unknown format version {version!r} (expected 1 or 2)")
    if version == 1:
        refuse_beyond_v1(taxonomy, "format v1", "write format v2 instead")
    document: dict[str, object] = {"format": FORMAT_OF[version]}
    for field in document_fields(version):
        value = getattr(taxonomy, field.key)
        if complete or field.since == 1 or value != field.default:
            document[field.key] = _plain(value)
    for declared in records_in(version):
        items = items_of(taxonomy, declared)
        if complete or declared.name in V1_NAMES or items:
            record = declared.in_version(version)
            write = record.encode_all if complete else record.encode
            document[array_key(record)] = list(map(write, items))
    return document


def _plain(value: object) -> object:
    """A document field's value as JSON has it."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (Extras, Translations)):
        return value.to_json()
    return value


def _orjson_text(document: dict[str, object], writer: str | None) -> bytes | None:
    """The canonical text by orjson, or None: not installed, not chosen, or refused.

    orjson refuses a lone surrogate (only code can put one in a taxonomy); the standard
    library then writes the text, as it would without orjson.
    """
    orjson = _orjson() if writer in (None, "orjson") else None
    if orjson is None:
        return None
    try:
        text: bytes = orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    except TypeError:  # orjson's JSONEncodeError
        return None
    return text


def encode_text(taxonomy: Taxonomy, writer: str | None = None, *, version: int = 2) -> str:
    """The canonical text of format `version`: two-space indents, UTF-8 as is, final newline.

    orjson writes it when installed (`writer` ``"orjson"``, the default then), the
    standard library otherwise (``"json"``); both give the same text.
    """
    document = encode(taxonomy, version)  # refuses what v1 cannot hold, before writing
    text = _orjson_text(document, writer)
    if text is not None:
        return text.decode()
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# The careful path ---------------------------------------------------------------------


def decode(document: object, source: str | None = None) -> Taxonomy:
    """Build a `Taxonomy` from parsed format v2 or v1 data, or raise `InvalidTaxonomyError`.

    A ``$schema`` key (where editors look for the JSON Schema) is allowed and ignored.
    """
    from skilltaxonomy.formats._json import key_path, structure  # noqa: PLC0415 - cattrs, only for files in doubt

    if type(document) is dict and SCHEMA_KEY in document:
        pointer = document[SCHEMA_KEY]
        if type(pointer) is not str:
            message = f"expected a string (where the JSON Schema is), got {show(pointer)}"
            raise InvalidTaxonomyError([Problem(key_path("$", SCHEMA_KEY), message)], source)
        document = {key: value for key, value in document.items() if key != SCHEMA_KEY}
    version = (_version_of(document) if type(document) is dict else None) or 2
    record: Any = structure(document, records(version)["document"], tuple(VERSION_OF), source)
    problems: list[Problem] = []
    taxonomy = _build(record, problems, version)
    if taxonomy is None:
        raise InvalidTaxonomyError(problems, source)
    return taxonomy


def _resolver(
    kind: str,
    items: list[tuple[str, _T | None]],
    problems: list[Problem],
    where: str = "",
) -> Callable[[str | None, str], _T | None]:
    """Look up references to one kind by id, reporting the dangling ones with suggestions.

    `items` pairs each id with its entity, or with ``None`` when the entity could not be
    built (its own problem is reported already, so references to it are not). A null
    reference resolves to ``None`` silently.
    """
    by_id: dict[str, _T | None] = {}
    for key, item in items:
        by_id.setdefault(key, item)
    if len(by_id) != len(items) or ids_collide(by_id.keys()):
        problems += duplicate_id_problems(kind, (key for key, _ in items))
    where = where or f"an entry in $.{kind}s"

    def resolve(key: str | None, path: str) -> _T | None:
        if key is None:
            return None
        if key not in by_id:
            problems.append(Problem(path, unknown_reference(kind, key, by_id, where)))
        return by_id.get(key)

    return resolve


def _step(scale: Scale | None, key: str, path: str, problems: list[Problem]) -> Step | None:
    """The step of `scale` that `key` names by id or code, or a problem with suggestions."""
    if scale is None:
        problems.append(Problem(path, "the framework has no scale: add one to $.scales"))
        return None
    found = scale.find_step(key)
    if found is not None:
        return found
    known = [step.id for step in scale.steps] + [step.code for step in scale.steps if step.code]
    problems.append(
        Problem(path, unknown_reference("step", key, known, f"a step of scale {scale.id!r}"))
    )
    return None


def _entity(cls: type[_E], record: Any, values: dict[str, Any]) -> _E:
    """A model entity from a careful record: its fields, by name, with `values` over them."""
    names = [field.alias for field in attrs.fields(cls)]
    if cls is Expectation:
        names += [field.name for field in attrs.fields(ExpectationDetails)]
    given = {
        name: values[name] if name in values else getattr(record, name)
        for name in names
        if name in values or hasattr(record, name)
    }
    return cls(**given)


def _careful_skills(
    document: Any,
    domain: Callable[..., Domain | None],
    scale: Callable[..., Scale | None],
    v1: bool,
) -> list[tuple[str, Skill | None]]:
    """Each skill's id, with the skill, or None where a reference of its does not resolve."""
    skills: list[tuple[str, Skill | None]] = []
    for index, r in enumerate(document.skills):
        found_domain = domain(r.domain, f"$.skills[{index}].domain")
        values: dict[str, Any] = {"domain": found_domain}
        if not v1:
            values["scale"] = scale(r.scale, f"$.skills[{index}].scale")
        built = None
        if found_domain is not None and (v1 or r.scale is None or values["scale"] is not None):
            built = _entity(Skill, r, values)
        skills.append((r.id, built))
    return skills


def _careful_roles(
    document: Any,
    ladder: Callable[..., Ladder | None],
    level: Callable[..., Level | None],
    v1: bool,
) -> list[tuple[str, Role | None]]:
    """Each role's id, with the role, or None where a reference of its does not resolve."""
    roles: list[tuple[str, Role | None]] = []
    for index, r in enumerate(document.roles):
        values: dict[str, Any] = {}
        if not v1:
            values["ladder"] = ladder(r.ladder, f"$.roles[{index}].ladder")
            values["start"] = level(r.start, f"$.roles[{index}].start")
        if v1 or (
            (r.ladder is None or values["ladder"] is not None)
            and (r.start is None or values["start"] is not None)
        ):
            roles.append((r.id, _entity(Role, r, values)))
        else:
            roles.append((r.id, None))
    return roles


def _build(document: Any, problems: list[Problem], version: int = 1) -> Taxonomy | None:
    v1 = version == 1
    scales: list[Scale] = []
    for r in () if v1 else document.scales:
        steps = [_entity(Step, step, {"rank": rank}) for rank, step in enumerate(r.steps, 1)]
        scales.append(_entity(Scale, r, {"steps": steps}))
    domains = tuple(_entity(Domain, r, {}) for r in document.domains)
    levels = tuple(_entity(Level, r, {"rank": rank}) for rank, r in enumerate(document.levels, 1))
    ladders = [
        _entity(
            Ladder,
            r,
            {"levels": [_entity(Level, lv, {"rank": k}) for k, lv in enumerate(r.levels, 1)]},
        )
        for r in (() if v1 else document.ladders)
    ]
    scale = _resolver("scale", [(s.id, s) for s in scales], problems)
    ladder = _resolver("ladder", [(lad.id, lad) for lad in ladders], problems)
    domain = _resolver("domain", [(d.id, d) for d in domains], problems)
    every_level = [*levels, *(lv for lad in ladders for lv in lad.levels)]
    level = _resolver(
        "level",
        [(lv.id, lv) for lv in every_level],
        problems,
        "a level in $.levels or a ladder" if ladders else "",
    )
    default_scale = scales[0] if scales else None
    skills = _careful_skills(document, domain, scale, v1)
    roles = _careful_roles(document, ladder, level, v1)
    skill = _resolver("skill", skills, problems)
    role = _resolver("role", roles, problems)

    def step_of(the_skill: Skill, key: str, path: str) -> Step | None:
        return _step(the_skill.scale or default_scale, key, path, problems)

    expectations = []
    for index, e in enumerate(document.expectations):
        path = f"$.expectations[{index}]"
        the_skill = skill(e.skill, f"{path}.skill")
        the_role = role(e.role, f"{path}.role")
        the_level = level(e.level, f"{path}.level")
        if the_skill is None or the_role is None or the_level is None:
            continue
        values: dict[str, Any] = {"skill": the_skill, "role": the_role, "level": the_level}
        if not v1 and e.step is not None:
            values["step"] = step_of(the_skill, e.step, f"{path}.step")
            if values["step"] is None:
                continue
        expectations.append(_entity(Expectation, e, values))
    problems += duplicate_cell_problems((e.skill, e.role, e.level) for e in document.expectations)
    definitions = []
    for index, d in enumerate(() if v1 else document.definitions):
        the_skill = skill(d.skill, f"$.definitions[{index}].skill")
        if the_skill is not None:
            the_step = step_of(the_skill, d.step, f"$.definitions[{index}].step")
            if the_step is not None:
                definitions.append(_entity(Definition, d, {"skill": the_skill, "step": the_step}))
    role_levels = []
    for index, r in enumerate(() if v1 else document.role_levels):
        the_role = role(r.role, f"$.role_levels[{index}].role")
        the_level = level(r.level, f"$.role_levels[{index}].level")
        if the_role is not None and the_level is not None:
            role_levels.append(_entity(RoleLevel, r, {"role": the_role, "level": the_level}))
    if problems:
        return None
    fields = {field.key: getattr(document, field.key) for field in document_fields(version)}
    try:
        return Taxonomy(
            **fields,
            domains=domains,
            skills=[built for _, built in skills if built is not None],
            roles=[built for _, built in roles if built is not None],
            levels=levels,
            expectations=expectations,
            scales=scales,
            ladders=ladders,
            definitions=definitions,
            role_levels=role_levels,
        )
    except InvalidTaxonomyError as error:
        # What only the whole framework can say: a level off its role's ladder, a
        # definition given twice. The model's paths are the file's.
        problems += error.problems
        return None
