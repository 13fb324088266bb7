"""Format v1 (JSON) ⇄ model: the one cattrs converter, and validation with ``$`` paths.

Decoding runs in three stages, each collecting every problem it finds:

1. text: UTF-8, JSON, an object with the supported ``format``;
2. shape: cattrs structures the document into private records, strictly (no
   coercion, no unknown keys), and reports each failure at its path;
3. references: ids are unique and every reference resolves, so the model can be built.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import gc
import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, NewType, NoReturn, TypeVar

import attrs

from ._model import Domain, Expectation, Level, Role, Skill
from ._suggest import close_matches
from ._taxonomy import Taxonomy, duplicate_cell_problems, duplicate_id_problems
from .exceptions import InvalidTaxonomyError, Problem

if TYPE_CHECKING:
    import cattrs

#: The value of ``format`` in every file this version reads and writes.
FORMAT = "skilltaxonomy/1"

#: The key under which a file may name its JSON Schema, for editors.
SCHEMA_KEY = "$schema"

#: The largest input `decode_text` accepts by default, in bytes (or characters).
DEFAULT_MAX_BYTES = 512 * 1024 * 1024

_T = TypeVar("_T")

# Strings with a meaning beyond "any text": each gets a stricter hook.
Id = NewType("Id", str)
Name = NewType("Name", str)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@attrs.frozen
class _DomainRecord:
    id: Id
    name: Name


@attrs.frozen
class _SkillRecord:
    id: Id
    name: Name
    domain: Id
    category: str = ""
    summary: str = ""
    updated: datetime.date | None = None


@attrs.frozen
class _RoleRecord:
    id: Id
    name: Name
    family: str = ""
    summary: str = ""


@attrs.frozen
class _LevelRecord:
    id: Id
    name: Name


@attrs.frozen
class _ExpectationRecord:
    skill: Id
    role: Id
    level: Id
    mandatory: bool
    description: str


@attrs.frozen
class _Document:
    format: str
    name: Name
    domains: tuple[_DomainRecord, ...]
    skills: tuple[_SkillRecord, ...]
    roles: tuple[_RoleRecord, ...]
    levels: tuple[_LevelRecord, ...]
    expectations: tuple[_ExpectationRecord, ...]
    version: str = ""
    language: str = "en"


class _InvalidValueError(ValueError):
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
    raise _InvalidValueError(f"expected {expected}, got {_show(value)}")


def _text(value: object, _: object = None) -> str:
    if type(value) is not str:
        _fail("a string", value)
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise _InvalidValueError("expected text, got a string with a lone surrogate") from None
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


def _record_hook(cls: type[Any], converter: cattrs.Converter) -> Callable[[object, object], Any]:
    from cattrs.gen import make_dict_structure_fn  # noqa: PLC0415 - see _converter

    structure = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )

    def hook(value: object, _: object) -> Any:
        if type(value) is not dict:
            _fail("an object", value)
        return structure(value, cls)

    return hook


def _array_hook(cls: type[Any], converter: cattrs.Converter) -> Callable[[object, object], Any]:
    from cattrs.errors import IterableValidationError, IterableValidationNote  # noqa: PLC0415

    item_type = cls.__args__[0]
    structure_item = converter.get_structure_hook(item_type)

    def hook(value: object, _: object) -> tuple[Any, ...]:
        if type(value) is not list:
            _fail("an array", value)
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
    """The one converter, made on first use.

    Importing cattrs and generating its code would otherwise be paid by every program
    that imports the library, loading or not.
    """
    import cattrs  # noqa: PLC0415

    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _text)
    converter.register_structure_hook(Id, _id)
    converter.register_structure_hook(Name, _name)
    converter.register_structure_hook(bool, _bool)
    converter.register_structure_hook(datetime.date, _date)
    converter.register_structure_hook_factory(attrs.has, _record_hook)
    converter.register_structure_hook_factory(_is_array, _array_hook)
    return converter


def _key_path(path: str, key: str) -> str:
    return (
        f"{path}.{key}" if key.isidentifier() else f"{path}[{json.dumps(key, ensure_ascii=False)}]"
    )


def _problems(error: BaseException, path: str, cls: type[Any]) -> Iterator[Problem]:
    """Turn cattrs' tree of exceptions into problems with their places."""
    from cattrs.errors import (  # noqa: PLC0415 - see _converter
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
    )

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
            yield from _problems(inner, _key_path(path, attribute.name), field_type)
        for inner in others:
            yield from _problems(inner, path, cls)
    elif isinstance(error, ForbiddenExtraKeysError):
        known = [field.name for field in attrs.fields(cls)]
        for key in sorted(error.extra_fields):
            hint = close_matches(key, known, limit=1)
            expected = (
                f"did you mean {hint[0]!r}?" if hint else f"expected one of: {', '.join(known)}"
            )
            yield Problem(_key_path(path, key), f"unknown key ({expected})")
    elif isinstance(error, KeyError):
        yield Problem(path, "required key missing")
    elif isinstance(error, _InvalidValueError):
        yield Problem(path, str(error))
    else:  # pragma: no cover - defensive: every hook above raises one of the kinds handled
        yield Problem(path, f"invalid value ({error})")


def parse_json(data: str | bytes, source: str | None, max_bytes: int = DEFAULT_MAX_BYTES) -> object:
    """Decode UTF-8 JSON text (a leading byte-order mark is allowed) within a size limit."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        raw = bytes(data)
        if len(raw) > max_bytes:
            raise InvalidTaxonomyError(
                [Problem("$", f"input is {len(raw)} bytes; the limit is {max_bytes}")], source
            )
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            message = f"not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start})"
            raise InvalidTaxonomyError([Problem("$", message)], source) from None
    elif isinstance(data, str):
        if len(data) > max_bytes:
            raise InvalidTaxonomyError(
                [Problem("$", f"input is {len(data)} characters; the limit is {max_bytes}")], source
            )
        text = data.removeprefix("\ufeff")
    else:
        raise TypeError(f"expected str or bytes, got {type(data).__name__}")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        message = f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
    except RecursionError:
        message = "not valid JSON here: nested too deeply"
    except ValueError:  # an integer with more digits than Python converts
        message = "not valid JSON here: a number too long to read"
    raise InvalidTaxonomyError([Problem("$", message)], source)


def structure(
    document: object,
    cls: type[_T],
    format_: str,
    source: str | None,
    error: type[InvalidTaxonomyError] = InvalidTaxonomyError,
) -> _T:
    """Check a parsed document's ``format`` and structure it strictly into `cls`.

    Every shape problem is collected and raised as one `error`, each at its path.
    """
    if type(document) is not dict:
        raise error([Problem("$", f"expected a JSON object, got {_show(document)}")], source)
    if "format" not in document:
        raise error([Problem("$.format", f"required key missing (expected {format_!r})")], source)
    if document["format"] != format_:
        message = f"unsupported format {_show(document['format'])}; this version reads {format_!r}"
        raise error([Problem("$.format", message)], source)
    try:
        return _converter().structure(document, cls)
    except Exception as caught:  # noqa: BLE001 - reported in full below
        raise error(list(_problems(caught, "$", cls)), source) from None


def decode(document: object, source: str | None = None) -> Taxonomy:
    """Build a `Taxonomy` from parsed format v1 data, or raise `InvalidTaxonomyError`.

    A ``$schema`` key (where editors look for the JSON Schema) is allowed and ignored.
    """
    if type(document) is dict and SCHEMA_KEY in document:
        pointer = document[SCHEMA_KEY]
        if type(pointer) is not str:
            message = f"expected a string (where the JSON Schema is), got {_show(pointer)}"
            raise InvalidTaxonomyError([Problem(_key_path("$", SCHEMA_KEY), message)], source)
        document = {key: value for key, value in document.items() if key != SCHEMA_KEY}
    record = structure(document, _Document, FORMAT, source)
    problems: list[Problem] = []
    taxonomy = _build(record, problems)
    if taxonomy is None:
        raise InvalidTaxonomyError(problems, source)
    return taxonomy


def unknown_reference(kind: str, key: str, known: Iterable[str], where: str) -> str:
    """The message for a reference to an id that is not there, with suggestions."""
    hint = close_matches(key, known)
    if hint:
        return f"unknown {kind} {key!r} (did you mean {' or '.join(map(repr, hint))}?)"
    return f"unknown {kind} {key!r} (expected the id of {where})"


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
    if len(by_id) != len(items):
        problems += duplicate_id_problems(kind, (key for key, _ in items))

    def resolve(key: str, path: str) -> _T | None:
        if key not in by_id:
            where = f"an entry in $.{kind}s"
            problems.append(Problem(path, unknown_reference(kind, key, by_id, where)))
        return by_id.get(key)

    return resolve


def _entities(
    head: _Document, problems: list[Problem]
) -> tuple[tuple[Domain, ...], list[tuple[str, Skill | None]], tuple[Role, ...], tuple[Level, ...]]:
    """Build the domains, skills, roles and levels; a skill is None where its domain is not."""
    domains = tuple(Domain(r.id, r.name) for r in head.domains)
    roles = tuple(Role(r.id, r.name, r.family, r.summary) for r in head.roles)
    levels = tuple(Level(r.id, r.name, rank) for rank, r in enumerate(head.levels, start=1))
    domain = _resolver("domain", [(d.id, d) for d in domains], problems)
    skills: list[tuple[str, Skill | None]] = []
    for index, r in enumerate(head.skills):
        found_domain = domain(r.domain, f"$.skills[{index}].domain")
        built = None
        if found_domain is not None:
            built = Skill(r.id, r.name, found_domain, r.category, r.summary, r.updated)
        skills.append((r.id, built))
    return domains, skills, roles, levels


def _build(document: _Document, problems: list[Problem]) -> Taxonomy | None:
    domains, skills, roles, levels = _entities(document, problems)
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


def _by_id(items: Iterable[_T]) -> dict[str, _T] | None:
    """Entities by id, or None when an id repeats."""
    items = tuple(items)
    found = {item.id: item for item in items}  # type: ignore[attr-defined]
    return found if len(found) == len(items) else None


def _slot_setter(name: str) -> Callable[[Expectation, object], None]:
    setter: Callable[[Expectation, object], None] = Expectation.__dict__[name].__set__
    return setter


_EXPECTATION_SETTERS = tuple(_slot_setter(field.name) for field in attrs.fields(Expectation))


def _optional_date(value: object, _: object) -> datetime.date | None:
    return None if value is None else _date(value, _)


_FAST_HOOKS: dict[str, Callable[[object, object], object]] = {
    "Id": _id,
    "Name": _name,
    "str": _text,
    "datetime.date | None": _optional_date,
}


_Field = tuple[str, Callable[[object, object], object], object]


def _fields_of(cls: type[Any]) -> tuple[tuple[_Field, ...], frozenset[str]]:
    """Each field of a record class (key, the converter's hook, default), and the keys."""
    fields = tuple((f.name, _FAST_HOOKS[f.type], f.default) for f in attrs.fields(cls))
    return fields, frozenset(key for key, _, _ in fields)


_FAST_FIELDS = {
    cls: _fields_of(cls) for cls in (_DomainRecord, _SkillRecord, _RoleRecord, _LevelRecord)
}


def _fast_values(item: object, cls: type[Any]) -> list[Any]:
    """The values of a record, checked as the converter checks them; raises if in doubt."""
    fields, keys = _FAST_FIELDS[cls]
    if type(item) is not dict or not item.keys() <= keys:
        raise _InvalidValueError
    values = []
    for key, hook, default in fields:
        value = item.get(key, default)
        if value is attrs.NOTHING:
            raise KeyError(key)
        values.append(default if value is default else hook(value, None))
    return values


def _fast_array(value: object) -> list[Any]:
    if type(value) is not list:
        raise _InvalidValueError
    return value


def _fast_build(document: object, *, utf8_checked: bool = False) -> Taxonomy | None:
    """The taxonomy of a valid document, built with the least work; None if in any doubt.

    Only a document the careful path (`decode`, through cattrs) would accept, as an
    equal taxonomy, gives a taxonomy here; at anything unexpected this returns None and
    the careful path reports the problems. The checks are the converter's own hooks,
    applied without the converter, so that loading a valid file never imports cattrs;
    the expectations, nearly all of a large file, are checked and built in one loop.
    `document` is the caller's own parse: its expectations are dropped once read, so
    that the parsed and the built copies of the file are not both held at their peak.
    `utf8_checked` says the parser refused lone surrogates already (orjson does).
    """
    if type(document) is not dict or document.pop("format", None) != FORMAT:
        return None
    try:
        if type(document.pop(SCHEMA_KEY, "")) is not str:
            return None
        items = _fast_array(document.pop("expectations"))
        name = _name(document.pop("name"), None)
        version = _text(document.pop("version", ""))
        language = _text(document.pop("language", "en"))
        domains = tuple(
            Domain(*_fast_values(item, _DomainRecord))
            for item in _fast_array(document.pop("domains"))
        )
        domain_by_id = _by_id(domains)
        skills = []
        for item in _fast_array(document.pop("skills")):
            key, skill_name, domain, *rest = _fast_values(item, _SkillRecord)
            skills.append(Skill(key, skill_name, domain_by_id[domain], *rest))  # type: ignore[index]
        roles = tuple(
            Role(*_fast_values(item, _RoleRecord)) for item in _fast_array(document.pop("roles"))
        )
        levels = []
        for rank, item in enumerate(_fast_array(document.pop("levels")), start=1):
            key, level_name = _fast_values(item, _LevelRecord)
            levels.append(Level(key, level_name, rank))
    except (KeyError, TypeError, _InvalidValueError):
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
            if not (utf8_checked or description.isascii() or _is_utf8(description)):
                return None
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
    except (KeyError, TypeError):
        return None
    if len(by_cell) != len(built):
        return None
    # The codec has checked what the constructor would.
    return Taxonomy._from_checked(
        name=name,
        version=version,
        language=language,
        domains=domains,
        skills=tuple(skills),
        roles=roles,
        levels=tuple(levels),
        expectations=tuple(built),
        by_cell=by_cell,
    )


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector, and restore it however the block ends.

    Building a framework allocates millions of objects that form no cycles; the
    collector would otherwise traverse them again and again while they are made.
    Concurrent loads may overlap: each restores only what it found, so the collector
    ends as it was before the first began.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
    orjson = _orjson() if loader == "orjson" else None
    try:
        if orjson is not None:
            return orjson.loads(data)
        return json.loads(data if isinstance(data, str) else str(data, "utf-8"))
    except (ValueError, TypeError, RecursionError):  # orjson's error is a ValueError
        return None


def decode_text(
    data: str | bytes,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    loader: str | None = None,
) -> Taxonomy:
    """Build a `Taxonomy` from format v1 text, or raise `InvalidTaxonomyError`.

    A valid file takes the fast path: orjson when it is installed (the ``fast`` extra),
    else the standard library's parser, then `_fast_build`. Anything else is read again
    on the careful path, whose errors are the same whichever loader was tried first.
    `loader` (one of `LOADERS`) chooses a path, for tests and benchmarks.
    """
    if loader is None:
        loader = "orjson" if _orjson() is not None else "json"
    # Anything but text, or text over the limit, goes to the careful path to be refused.
    fits = _is_text(data) and len(data) <= max_bytes
    with _gc_paused():
        if loader != "careful" and fits:
            document = _fast_parse(data, loader)
            taxonomy = _fast_build(
                document, utf8_checked=loader == "orjson" and _orjson() is not None
            )
            del document
            if taxonomy is not None:
                return taxonomy
        return decode(parse_json(data, source, max_bytes), source)


def encode(taxonomy: Taxonomy) -> dict[str, object]:
    """The taxonomy as format v1 data, every key present, in the canonical order."""
    return {
        "format": FORMAT,
        "name": taxonomy.name,
        "version": taxonomy.version,
        "language": taxonomy.language,
        "domains": [{"id": d.id, "name": d.name} for d in taxonomy.domains()],
        "skills": [
            {
                "id": s.id,
                "name": s.name,
                "domain": s.domain.id,
                "category": s.category,
                "summary": s.summary,
                "updated": None if s.updated is None else s.updated.isoformat(),
            }
            for s in taxonomy.skills()
        ],
        "roles": [
            {"id": r.id, "name": r.name, "family": r.family, "summary": r.summary}
            for r in taxonomy.roles()
        ],
        "levels": [{"id": lv.id, "name": lv.name} for lv in taxonomy.levels],
        "expectations": [
            {
                "skill": e.skill.id,
                "role": e.role.id,
                "level": e.level.id,
                "mandatory": e.mandatory,
                "description": e.description,
            }
            for e in taxonomy.expectations()
        ],
    }


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


def encode_bytes(taxonomy: Taxonomy, writer: str | None = None) -> bytes:
    """The canonical format v1 text as UTF-8 bytes (see `encode_text`)."""
    text = _orjson_text(taxonomy, writer)
    return encode_text(taxonomy, "json").encode() if text is None else text
