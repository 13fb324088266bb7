"""Format v1 text ⇄ `Taxonomy`: the fast path for valid files, and the canonical writer.

A valid file is parsed (orjson when installed, else the standard library) and built
in one pass; anything the fast path is not sure of goes to the careful path in
`_codec`, which reports every problem with its place, whichever path was tried first.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple, TypeVar

import attrs

from skilltaxonomy._text import check_name, check_text, id_key, show
from skilltaxonomy.exceptions import InvalidTaxonomyError, InvalidValueError, Problem
from skilltaxonomy.formats._guard import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, Reading
from skilltaxonomy.formats.fields import (
    DOCUMENT_FIELDS,
    DOMAIN,
    EXPECTATION,
    FORMAT,
    LEVEL,
    REQUIRED,
    ROLE,
    SCHEMA_KEY,
    SKILL,
    Record,
    array_key,
    records,
)
from skilltaxonomy.model import Domain, Expectation, Level, Role, Skill, Taxonomy
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


def _members_and_colons(records: Iterable[dict[str, object]]) -> tuple[int, int]:
    """How many members the objects have, and how many colons their string values hold."""
    members = colons = 0
    for record in records:
        members += len(record)
        for value in record.values():
            if type(value) is str:
                colons += value.count(":")
    return members, colons


def _slot_setter(name: str) -> Callable[[Expectation, object], None]:
    setter: Callable[[Expectation, object], None] = Expectation.__dict__[name].__set__
    return setter


_EXPECTATION_SETTERS = tuple(_slot_setter(field.name) for field in attrs.fields(Expectation))


_E = TypeVar("_E", Domain, Skill, Role, Level)

# Each entity class's slots, in the order of its fields.
_SLOTS = {
    cls: tuple(field.name for field in attrs.fields(cls)) for cls in (Domain, Skill, Role, Level)
}


def _checked(cls: type[_E], values: list[Any]) -> _E:
    """An entity from values the fields' rules have checked (the model's own rules).

    The constructor would check them again, and for a small file that is most of the
    work, so the slots are set directly, as for expectations.
    """
    entity = object.__new__(cls)
    for name, value in zip(_SLOTS[cls], values, strict=True):
        object.__setattr__(entity, name, value)
    return entity


def _fast_values(item: object, record: Record) -> list[Any]:
    """The values of a record, checked with the fields' rules; raises if in doubt."""
    if type(item) is not dict or not item.keys() <= record.keys:
        raise InvalidValueError
    values = []
    for key, check, default in record.checks:
        value = item.get(key, default)
        if value is REQUIRED:
            raise KeyError(key)
        values.append(default if value is default else check(value, None))
    return values


def _fast_array(value: object) -> list[Any]:
    if type(value) is not list:
        raise InvalidValueError
    return value


# How deeply a valid format v1 document nests: the expectations in their array in the root.
FORMAT_DEPTH = 3


class _Head(NamedTuple):
    """What comes before the expectations, checked, with the counts `_fast_build` needs."""

    name: str
    version: str
    language: str
    domains: tuple[Domain, ...]
    skills: tuple[Skill, ...]
    roles: tuple[Role, ...]
    levels: tuple[Level, ...]
    # Entities by id, for the expectations to refer to.
    skill_by_id: dict[str, Skill]
    role_by_id: dict[str, Role]
    level_by_id: dict[str, Level]
    # The members of the objects read so far, and the colons in their strings.
    members: int
    colons: int


def _fast_head(document: dict[str, Any]) -> _Head | None:
    """Everything in `document` but its expectations, checked; None if in any doubt."""
    # The root's members, and the colons of its strings (the format, name, version…).
    members, colons = _members_and_colons([document])
    del document["format"]
    try:
        if type(document.pop(SCHEMA_KEY, "")) is not str:
            return None
        name = check_name(document.pop("name"), None)
        version = check_text(document.pop("version", ""))
        language = check_text(document.pop("language", "en"))
        domain_items = _fast_array(document.pop("domains"))
        domains = tuple(_checked(Domain, _fast_values(item, DOMAIN)) for item in domain_items)
        domain_by_id = _by_id(domains)
        skill_items = _fast_array(document.pop("skills"))
        skills = []
        for item in skill_items:
            key, skill_name, domain, *rest = _fast_values(item, SKILL)
            skills.append(_checked(Skill, [key, skill_name, domain_by_id[domain], *rest]))  # type: ignore[index]
        role_items = _fast_array(document.pop("roles"))
        roles = tuple(_checked(Role, _fast_values(item, ROLE)) for item in role_items)
        level_items = _fast_array(document.pop("levels"))
        levels = []
        for rank, item in enumerate(level_items, start=1):
            key, level_name = _fast_values(item, LEVEL)
            levels.append(_checked(Level, [key, level_name, rank]))
    except (KeyError, TypeError, InvalidValueError):
        return None
    skill_by_id, role_by_id, level_by_id = _by_id(skills), _by_id(roles), _by_id(levels)
    if (
        document  # unknown keys
        or domain_by_id is None
        or skill_by_id is None
        or role_by_id is None
        or level_by_id is None
    ):
        return None
    # Counted now that each record is known to hold only strings, null and known keys.
    record_members, record_colons = _members_and_colons(
        [*domain_items, *skill_items, *role_items, *level_items]
    )
    return _Head(
        name,
        version,
        language,
        domains,
        tuple(skills),
        roles,
        tuple(levels),
        skill_by_id,
        role_by_id,
        level_by_id,
        members + record_members,
        colons + record_colons,
    )


def _fast_build(
    document: object, colons: int | None = None, *, ascii_suspect: bool = True
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
    them: each member of an object has one, and the rest are in strings; when the
    count of members is short, a key was repeated. None skips this check.
    `ascii_suspect` False says no ASCII string can hold a control character, so only
    the others need checking for characters text may not hold.
    """
    if type(document) is not dict or document.get("format") != FORMAT:
        return None
    items = document.pop("expectations", None)
    head = _fast_head(document)
    if head is None or type(items) is not list:
        return None
    skill_by_id, role_by_id, level_by_id = head.skill_by_id, head.role_by_id, head.level_by_id
    colons_counted = head.colons
    built: list[Expectation] = []
    add = built.append
    by_cell: dict[tuple[str, str, str], Expectation] = {}
    new = object.__new__
    set_skill, set_role, set_level, set_mandatory, set_description = _EXPECTATION_SETTERS
    try:
        for index, item in enumerate(items):
            # Exactly the five required keys: none missing, none unknown.
            if type(item) is not dict or len(item) != 5:
                return None
            mandatory = item["mandatory"]
            description = item["description"]
            if type(mandatory) is not bool or type(description) is not str:
                return None
            if (ascii_suspect or not description.isascii()) and not description.isprintable():
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
            add(expectation)
            by_cell[skill.id, role.id, level.id] = expectation
            items[index] = None
    except (KeyError, TypeError, InvalidValueError):
        return None
    if len(by_cell) != len(built):
        return None
    if colons is not None:
        if any(":" in key for key in (*skill_by_id, *role_by_id, *level_by_id)):
            colons_counted += sum(
                e.skill.id.count(":") + e.role.id.count(":") + e.level.id.count(":") for e in built
            )
        # The expectations' members are in `built`, one item more for the root's key.
        if colons != head.members + 1 + 5 * len(built) + colons_counted:
            return None
    # The codec has checked what the constructor would.
    return Taxonomy._from_checked(
        name=head.name,
        version=head.version,
        language=head.language,
        domains=head.domains,
        skills=head.skills,
        roles=head.roles,
        levels=head.levels,
        expectations=tuple(built),
        by_cell=by_cell,
    )


class _CollectorPause:
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


_gc_paused = _CollectorPause()


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


_ESCAPED_COLON = re.compile(r"\\u003[aA]")
_ESCAPED_COLON_BYTES = re.compile(rb"\\u003[aA]")
_CONTROL_ESCAPE = re.compile(r"\\[bfu]")
_CONTROL_ESCAPE_BYTES = re.compile(rb"\\[bfu]")


def _scan(data: str | bytes | bytearray | memoryview) -> _Scan | None:
    """Count the colons and look for escapes; None if an escaped colon spoils the count.

    Single characters are found at memchr speed, so text without escapes costs little.
    """
    if isinstance(data, str):
        escapes = "\\" in data
        if escapes and _ESCAPED_COLON.search(data):
            return None
        suspect = "\x7f" in data or (escapes and _CONTROL_ESCAPE.search(data) is not None)
        return _Scan(data.count(":"), suspect)
    if isinstance(data, memoryview):
        data = data.tobytes()
    escapes = b"\\" in data
    if escapes and _ESCAPED_COLON_BYTES.search(data):
        return None
    suspect = b"\x7f" in data or (escapes and _CONTROL_ESCAPE_BYTES.search(data) is not None)
    return _Scan(data.count(b":"), suspect)


def decode_text(
    data: str | bytes,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    loader: str | None = None,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Taxonomy:
    """Build a `Taxonomy` from format v1 text, or raise `InvalidTaxonomyError`.

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
                taxonomy = _fast_build(document, scan.colons, ascii_suspect=scan.ascii_suspect)
                del document
                if taxonomy is not None:
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
    """Read format v1 text; `max_depth` limits how deeply arrays and objects nest.

    Raises:
        InvalidTaxonomyError: The text is not a valid framework; every problem is listed
            with its place.
    """
    return Reading(decode_text(data, source, max_bytes, max_depth=max_depth))


def write(taxonomy: Taxonomy) -> str:
    """The canonical format v1 text (see `encode_text`)."""
    return encode_text(taxonomy)


def encode(taxonomy: Taxonomy) -> dict[str, object]:
    """The taxonomy as format v1 data, every key present, in the canonical order."""
    document: dict[str, object] = {"format": FORMAT}
    document.update({field.key: getattr(taxonomy, field.key) for field in DOCUMENT_FIELDS})
    lists = (
        (DOMAIN, taxonomy.domains),
        (SKILL, taxonomy.skills),
        (ROLE, taxonomy.roles),
        (LEVEL, taxonomy.levels),
        (EXPECTATION, taxonomy.expectations),
    )
    for record, items in lists:
        document[array_key(record)] = list(map(record.encode, items))
    return document


def _orjson_text(taxonomy: Taxonomy, writer: str | None) -> bytes | None:
    """The canonical text by orjson, or None: not installed, not chosen, or refused.

    orjson refuses a lone surrogate (only code can put one in a taxonomy); the standard
    library then writes the text, as it would without orjson.
    """
    orjson = _orjson() if writer in (None, "orjson") else None
    if orjson is None:
        return None
    try:
        text: bytes = orjson.dumps(
            encode(taxonomy), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
        )
    except TypeError:  # orjson's JSONEncodeError
        return None
    return text


def encode_text(taxonomy: Taxonomy, writer: str | None = None) -> str:
    """The canonical format v1 text: two-space indents, UTF-8 as is, a final newline.

    orjson writes it when installed (`writer` ``"orjson"``, the default then), the
    standard library otherwise (``"json"``); both give the same text.
    """
    text = _orjson_text(taxonomy, writer)
    if text is not None:
        return text.decode()
    return json.dumps(encode(taxonomy), ensure_ascii=False, indent=2) + "\n"


# The careful path ---------------------------------------------------------------------


def decode(document: object, source: str | None = None) -> Taxonomy:
    """Build a `Taxonomy` from parsed format v1 data, or raise `InvalidTaxonomyError`.

    A ``$schema`` key (where editors look for the JSON Schema) is allowed and ignored.
    """
    from skilltaxonomy.formats._json import key_path, structure  # noqa: PLC0415 - cattrs, only for files in doubt

    if type(document) is dict and SCHEMA_KEY in document:
        pointer = document[SCHEMA_KEY]
        if type(pointer) is not str:
            message = f"expected a string (where the JSON Schema is), got {show(pointer)}"
            raise InvalidTaxonomyError([Problem(key_path("$", SCHEMA_KEY), message)], source)
        document = {key: value for key, value in document.items() if key != SCHEMA_KEY}
    record: Any = structure(document, records()["document"], FORMAT, source)
    problems: list[Problem] = []
    taxonomy = _build(record, problems)
    if taxonomy is None:
        raise InvalidTaxonomyError(problems, source)
    return taxonomy


def _resolver(
    kind: str, items: list[tuple[str, _T | None]], problems: list[Problem]
) -> Callable[[str, str], _T | None]:
    """Look up references to one kind by id, reporting the dangling ones with suggestions.

    `items` pairs each id with its entity, or with ``None`` when the entity could not be
    built (its own problem is reported already, so references to it are not).
    """
    by_id: dict[str, _T | None] = {}
    for key, item in items:
        by_id.setdefault(key, item)
    if len(by_id) != len(items) or ids_collide(by_id.keys()):
        problems += duplicate_id_problems(kind, (key for key, _ in items))

    def resolve(key: str, path: str) -> _T | None:
        if key not in by_id:
            where = f"an entry in $.{kind}s"
            problems.append(Problem(path, unknown_reference(kind, key, by_id, where)))
        return by_id.get(key)

    return resolve


def _build(document: Any, problems: list[Problem]) -> Taxonomy | None:
    domains = tuple(Domain(r.id, r.name) for r in document.domains)
    roles = tuple(Role(r.id, r.name, r.family, r.summary) for r in document.roles)
    levels = tuple(Level(r.id, r.name, rank) for rank, r in enumerate(document.levels, start=1))
    domain = _resolver("domain", [(d.id, d) for d in domains], problems)
    skills: list[tuple[str, Skill | None]] = []
    for index, r in enumerate(document.skills):
        found_domain = domain(r.domain, f"$.skills[{index}].domain")
        built = None
        if found_domain is not None:
            built = Skill(r.id, r.name, found_domain, r.category, r.summary, r.updated)
        skills.append((r.id, built))
    skill = _resolver("skill", skills, problems)
    role = _resolver("role", [(r.id, r) for r in roles], problems)
    level = _resolver("level", [(lv.id, lv) for lv in levels], problems)
    expectations = []
    for index, e in enumerate(document.expectations):
        path = f"$.expectations[{index}]"
        the_skill = skill(e.skill, f"{path}.skill")
        the_role = role(e.role, f"{path}.role")
        the_level = level(e.level, f"{path}.level")
        if the_skill is not None and the_role is not None and the_level is not None:
            expectations.append(
                Expectation(the_skill, the_role, the_level, e.mandatory, e.description)
            )
    problems += duplicate_cell_problems((e.skill, e.role, e.level) for e in document.expectations)
    if problems:
        return None
    return Taxonomy(
        name=document.name,
        version=document.version,
        language=document.language,
        domains=domains,
        skills=[built for _, built in skills if built is not None],
        roles=roles,
        levels=levels,
        expectations=expectations,
    )
