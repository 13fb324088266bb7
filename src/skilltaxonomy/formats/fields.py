"""The fields of the format, both versions, declared once.

Each record of a file (a domain, skill, role, level, scale, step, ladder, expectation,
definition, role level, and the document around them) is a `Record` of `Field`s: its
key, the rule its value follows (a function of `skilltaxonomy._text` or a model
constructor), its default, the version that brought it, and what it means. Format v1 is
the same table without what version 2 brought, with its own defaults where they differ
(``mandatory`` and ``description`` are required in v1). Everything that knows the
format derives from this table:

- the careful reader's cattrs records (`records`),
- the fast path's checks (`Record.fields`, `Record.keys`),
- the canonical writers (`encoder`),
- the shipped JSON Schemas (`json_schema_document`; a test holds the files equal to it).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple, NewType, TypeVar

import attrs

from skilltaxonomy._text import (
    ISO_DATE,
    check_bool,
    check_id,
    check_name,
    check_optional_bool,
    check_optional_number,
    check_text,
    check_texts,
    parse_date,
    show,
)
from skilltaxonomy.exceptions import ExportError, InvalidValueError
from skilltaxonomy.model import Taxonomy
from skilltaxonomy.model.entities import NO_DETAILS
from skilltaxonomy.model.extras import NO_EXTRAS, NO_TRANSLATIONS, Extras, Translations

#: The value of ``format`` in the files `dump` writes: format v2.
FORMAT = "skilltaxonomy/2"
#: The value of ``format`` in format v1 files, which are still read (and written on request).
FORMAT_V1 = "skilltaxonomy/1"
#: Each version's ``format`` value, by version number.
FORMAT_OF = {1: FORMAT_V1, 2: FORMAT}
#: The versions this library reads and writes.
VERSIONS = (1, 2)
#: Each ``format`` value's version number.
VERSION_OF = {named: version for version, named in FORMAT_OF.items()}

#: The key under which a file may name its JSON Schema, for editors.
SCHEMA_KEY = "$schema"


def schema_id(version: int) -> str:
    """Where the JSON Schema of format `version` says it lives."""
    return (
        f"https://skilltaxonomy.readthedocs.io/en/latest/schema/skilltaxonomy-{version}.schema.json"
    )


#: Where the JSON Schema of format v1 says it lives.
SCHEMA_ID = schema_id(1)

_M = TypeVar("_M", Extras, Translations)

# Strings with a meaning beyond "any text": each gets a stricter cattrs hook.
Id = NewType("Id", str)
Name = NewType("Name", str)
# Values the model's own classes check (see `check_extras`, `check_translations`).
ExtrasObject = NewType("ExtrasObject", Extras)
TranslationsObject = NewType("TranslationsObject", Translations)


class _Required:
    """The default of a field that must be given."""

    def __repr__(self) -> str:
        return "REQUIRED"


#: The default of a field that must be given.
REQUIRED: Any = _Required()


def parse_optional_date(value: object, _: object = None) -> datetime.date | None:
    """An ISO date, or ``None`` for null."""
    return None if value is None else parse_date(value)


def check_optional_id(value: object, _: object = None) -> str | None:
    """An id, or ``None`` for null (a reference that may be left out)."""
    return None if value is None else check_id(value)


def _inside(error: InvalidValueError, name: str) -> InvalidValueError:
    """The model's message about a place inside `name`, as said at the field's own path.

    ``extras['a'][0]: …`` becomes ``at ['a'][0]: …``.
    """
    message = str(error)
    if message.startswith(f"{name}: "):
        message = message[len(name) + 2 :]
    elif message.startswith(f"{name}["):
        message = f"at {message[len(name) :]}"
    return InvalidValueError(message)


def _frozen_object(value: object, name: str, make: Callable[[Any], _M], empty: _M) -> _M:
    """A JSON object as the model's frozen mapping `make` builds, with its places inside."""
    if type(value) is not dict:
        raise InvalidValueError(f"expected an object, got {show(value)}")
    try:
        return empty if not value else make(value)
    except InvalidValueError as error:
        raise _inside(error, name) from None


def check_extras(value: object, _: object = None) -> Extras:
    """A JSON object of extra values, frozen; `InvalidValueError` naming the place inside."""
    return _frozen_object(value, "extras", Extras, NO_EXTRAS)


def check_translations(value: object, _: object = None) -> Translations:
    """A JSON object of translations by language tag, frozen."""
    return _frozen_object(value, "translations", Translations, NO_TRANSLATIONS)


class Kind(NamedTuple):
    """What a field's value is: the rule it follows, its type, and its JSON Schema.

    Attributes:
        check: The rule, from `skilltaxonomy._text`: returns the value or raises
            `InvalidValueError`.
        type: The type the careful reader structures it as.
        schema: The field's JSON Schema (without its description).
        encode: How the writer turns the model's value into JSON (``None``: as it is).
        record: For an array of records (a ladder's levels), their record's name.
    """

    check: Callable[[object, object], object]
    type: Any
    schema: Mapping[str, object]
    encode: str | None = None
    record: str = ""


ID = Kind(check_id, Id, {"$ref": "#/$defs/id"})
NAME = Kind(check_name, Name, {"$ref": "#/$defs/name"})
TEXT = Kind(check_text, str, {"type": "string"})
BOOLEAN = Kind(check_bool, bool, {"type": "boolean"})
DATE = Kind(
    parse_optional_date,
    datetime.date | None,
    {
        "oneOf": [
            {"type": "string", "format": "date", "pattern": f"^{ISO_DATE.pattern}$"},
            {"type": "null"},
        ]
    },
    encode="None if {} is None else {}.isoformat()",
)
OPTIONAL_BOOLEAN = Kind(check_optional_bool, bool | None, {"type": ["boolean", "null"]})
NUMBER = Kind(check_optional_number, float | None, {"type": ["number", "null"]})
TEXTS = Kind(
    check_texts, tuple[str, ...], {"type": "array", "items": {"type": "string"}}, encode="list({})"
)
REFERENCE = Kind(
    check_optional_id,
    Id | None,
    {"oneOf": [{"$ref": "#/$defs/id"}, {"type": "null"}]},
    encode="None if {} is None else {}.id",
)
EXTRAS = Kind(
    check_extras,
    ExtrasObject,
    {
        "description": "Extra JSON values by namespaced key, such as 'acme:cost-centre'.",
        "type": "object",
    },
    encode="{}.to_json()",
)
TRANSLATIONS = Kind(
    check_translations,
    TranslationsObject,
    {
        "description": "The name, summary or description in other languages, by language tag.",
        "type": "object",
        "propertyNames": {"pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"},
        "additionalProperties": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "name": {"type": "string", "pattern": "^$|\\S"},
                "summary": {"type": "string"},
                "description": {"type": "string"},
            },
        },
    },
    encode="{}.to_json()",
)


def records_of(name: str) -> Kind:
    """An array of `name` records, held inside another record (a scale's steps)."""
    return Kind(
        lambda value, _: value,
        None,
        {"type": "array", "items": {"$ref": f"#/$defs/{name}"}},
        encode="[_encode_" + name + "(x) for x in {}]",
        record=name,
    )


class Field(NamedTuple):
    """One key of a record.

    Attributes:
        key: The key in the file.
        kind: Its rule and type.
        default: Its value when left out; `REQUIRED` when it must be given.
        description: What it means, for the JSON Schema.
        attribute: The model attribute it is written from (``domain.id`` for a
            reference); default the key.
        since: The format version that brought it.
        v1: The field as format v1 has it, where that differs (``None`` otherwise).
    """

    key: str
    kind: Kind
    default: object = REQUIRED
    description: str = ""
    attribute: str = ""
    since: int = 1
    v1: Field | None = None

    @property
    def source(self) -> str:
        """The attribute path of the model value this field is written from."""
        return self.attribute or self.key

    def in_version(self, version: int) -> Field:
        """This field as format `version` has it."""
        return self.v1 if version == 1 and self.v1 is not None else self


class Record:
    """A kind of object in a file of one format version.

    Attributes:
        name: Its name, as the JSON Schema's ``$defs`` names it (``"skill"``).
        fields: Its keys, in the order the writer writes them.
        keys: Every key the record may hold.
        checks: Each field's key, rule and default, in order.
        version: The format version; `in_version` gives the record of another.
    """

    __slots__ = (
        "_encode",
        "_encode_all",
        "_versions",
        "checks",
        "defaults",
        "fields",
        "keys",
        "name",
        "positions",
        "required",
        "version",
    )

    def __init__(self, name: str, fields: tuple[Field, ...], version: int = 2) -> None:
        self.name = name
        self.version = version
        self.fields = fields
        self.keys = frozenset(field.key for field in fields)
        #: (key, rule, default) of each field, for the fast path's loop.
        self.checks = tuple((field.key, field.kind.check, field.default) for field in fields)
        #: Each key's position and rule, its default, and how many keys are required, for
        #: a loop over what a record holds rather than over every key it may hold.
        self.positions = {field.key: (i, field.kind.check) for i, field in enumerate(fields)}
        self.defaults = tuple(field.default for field in fields)
        self.required = sum(1 for field in fields if field.default is REQUIRED)
        self._encode: Callable[[Any], dict[str, object]] | None = None
        self._encode_all: Callable[[Any], dict[str, object]] | None = None
        self._versions: dict[int, Record] = {version: self}

    def __repr__(self) -> str:
        return f"Record({self.name!r}, version={self.version})"

    def in_version(self, version: int) -> Record:
        """The record as format `version` has it: the fields it had, with its defaults."""
        found = self._versions.get(version)
        if found is None:
            fields = tuple(f.in_version(version) for f in self.fields if f.since <= version)
            found = self._versions[version] = Record(self.name, fields, version)
        return found

    @property
    def encode(self) -> Callable[[Any], dict[str, object]]:
        """Write one model value as this record's JSON object (see `encoder`), made on first use."""
        if self._encode is None:
            self._encode = encoder(self)
        return self._encode

    @property
    def encode_all(self) -> Callable[[Any], dict[str, object]]:
        """Write one model value with every key, defaults too (as format v1 always does)."""
        if self._encode_all is None:
            self._encode_all = encoder(self, complete=True)
        return self._encode_all


def _identity(*, translated: bool = True) -> tuple[Field, ...]:
    """The fields format v2 gives every entity: its identifier elsewhere, extras, translations."""
    fields: tuple[Field, ...] = (
        Field("external_id", TEXT, "", "An identifier elsewhere: a URI or a code.", since=2),
        Field("extras", EXTRAS, NO_EXTRAS, since=2),
    )
    if translated:
        fields += (Field("translations", TRANSLATIONS, NO_TRANSLATIONS, since=2),)
    return fields


def _reference(key: str, kind: str, description: str = "") -> Field:
    return Field(
        key,
        REFERENCE,
        None,
        description or f"The id of an entry in {kind}s, or null.",
        since=2,
    )


DOMAIN = Record("domain", (Field("id", ID), Field("name", NAME), *_identity()))
SCALE_FIELD_DESCRIPTION = "The id of the scale its steps come from; null for the first scale."
SKILL = Record(
    "skill",
    (
        Field("id", ID),
        Field("name", NAME),
        Field("domain", ID, description="The id of an entry in domains.", attribute="domain.id"),
        Field("category", TEXT, "", "A label grouping skills within the domain."),
        Field("summary", TEXT, ""),
        Field("updated", DATE, None, "When the skill's expectations were last revised."),
        _reference("scale", "scale", SCALE_FIELD_DESCRIPTION),
        *_identity(),
    ),
)
ROLE = Record(
    "role",
    (
        Field("id", ID),
        Field("name", NAME),
        Field("family", TEXT, "", "A label grouping related roles."),
        Field("summary", TEXT, ""),
        _reference("ladder", "ladder", "The id of the ladder it climbs; null for levels."),
        _reference("start", "level", "The id of its entry level, above its ladder's first."),
        *_identity(),
    ),
)
LEVEL = Record(
    "level",
    (
        Field("id", ID),
        Field("name", NAME),
        Field("description", TEXT, "", "What the level means across skills.", since=2),
        *_identity(),
    ),
)
STEP = Record(
    "step",
    (
        Field("id", ID),
        Field("name", NAME),
        Field("code", TEXT, "", "A short code for matrices, such as 'W'."),
        Field("description", TEXT, "", "What the step means across skills."),
        *_identity(),
    ),
)
SCALE = Record(
    "scale",
    (
        Field("id", ID),
        Field("name", NAME),
        Field("steps", records_of("step"), description="Its steps, lowest first."),
        Field("description", TEXT, ""),
        *_identity(),
    ),
)
LADDER = Record(
    "ladder",
    (
        Field("id", ID),
        Field("name", NAME),
        Field("levels", records_of("level"), description="Its levels, entry level first."),
        Field("description", TEXT, ""),
        *_identity(),
    ),
)
_CRITERIA = Field("criteria", TEXTS, (), "What shows it is met, item by item.", since=2)
_EXAMPLES = Field("examples", TEXTS, (), "Examples of it.", since=2)
EXPECTATION = Record(
    "expectation",
    (
        Field("skill", ID, description="The id of an entry in skills.", attribute="skill.id"),
        Field("role", ID, description="The id of an entry in roles.", attribute="role.id"),
        Field(
            "level",
            ID,
            description="The id of a level of the role's ladder.",
            attribute="level.id",
            v1=Field(
                "level", ID, description="The id of an entry in levels.", attribute="level.id"
            ),
        ),
        Field(
            "mandatory",
            OPTIONAL_BOOLEAN,
            None,
            "Required (true), optional (false), or not stated (null, or left out).",
            v1=Field("mandatory", BOOLEAN, description="Required (true) or optional (false)."),
        ),
        Field(
            "description",
            TEXT,
            "",
            "What is expected, verbatim.",
            v1=Field("description", TEXT, description="What is expected, verbatim."),
        ),
        # What an expectation holds beyond these is in its `details` (one shared value
        # for most): the writer looks at it once.
        *(
            field._replace(attribute=f"details.{field.key}")
            for field in (
                _reference("step", "step", "The id or code of a step of the skill's scale."),
                Field(
                    "importance",
                    NUMBER,
                    None,
                    "How much it matters, on the source's numbers.",
                    since=2,
                ),
                _CRITERIA,
                _EXAMPLES,
                Field("signals", TEXTS, (), "Signs of it.", since=2),
                *_identity(),
            )
        ),
    ),
)
DEFINITION = Record(
    "definition",
    (
        Field("skill", ID, description="The id of an entry in skills.", attribute="skill.id"),
        Field(
            "step",
            ID,
            description="The id or code of a step of the skill's scale.",
            attribute="step.id",
        ),
        Field("description", TEXT, "", "What the skill looks like at that step."),
        _CRITERIA,
        _EXAMPLES,
        *_identity(translated=False),
    ),
)
ROLE_LEVEL = Record(
    "role_level",
    (
        Field("role", ID, description="The id of an entry in roles.", attribute="role.id"),
        Field(
            "level", ID, description="The id of a level of the role's ladder.", attribute="level.id"
        ),
        Field("title", TEXT, "", "The role's title at that level."),
        Field("focus", TEXT, "", "What the role concentrates on there."),
        Field("stack", TEXTS, (), "The technologies it works with there."),
        Field("extras", EXTRAS, NO_EXTRAS),
    ),
)

#: The records of format v2, in the order a file lists them (steps and ladders' levels
#: are held in their scales and ladders).
RECORDS: tuple[Record, ...] = (
    DOMAIN,
    SKILL,
    ROLE,
    LEVEL,
    LADDER,
    SCALE,
    ROLE_LEVEL,
    DEFINITION,
    EXPECTATION,
)
#: The records of format v1, in the order a file lists them.
RECORDS_V1: tuple[Record, ...] = tuple(
    record.in_version(1) for record in (DOMAIN, SKILL, ROLE, LEVEL, EXPECTATION)
)
#: The records inside others, not in arrays of the document.
NESTED: tuple[Record, ...] = (STEP,)
#: The names of format v1's records.
V1_NAMES = frozenset(record.name for record in RECORDS_V1)
#: The records new in format v2.
NEW_IN_V2 = frozenset(record.name for record in (*RECORDS, *NESTED)) - V1_NAMES

# The document: its format, its own fields, then one array per record (``"domains"`` …).
FORMAT_FIELD = Field("format", TEXT, description="The format and its version.")
DOCUMENT_FIELDS: tuple[Field, ...] = (
    Field("name", NAME, description="The framework's name."),
    Field("version", TEXT, "", "A version label."),
    Field("language", TEXT, "en", "The language of the framework's text, as a language tag."),
    Field("description", TEXT, "", "What the framework is.", since=2),
    Field("publisher", TEXT, "", "Who publishes it.", since=2),
    Field("licence", TEXT, "", "Its licence, such as 'CC-BY-4.0'.", since=2),
    Field("source", TEXT, "", "Where it comes from: a URL.", since=2),
    Field("issued", DATE, None, "When it was issued.", since=2),
    *_identity(),
)
#: The document's own fields as a record (the framework's head), for writers that
#: write them apart from the arrays.
DOCUMENT = Record("document", DOCUMENT_FIELDS)
ARRAY_DESCRIPTIONS = {
    "domain": "Broad areas of competence that hold skills.",
    "level": "The career ladder, entry level first; a level's rank is its position.",
    "ladder": "Further ladders, each with its levels; a role names the one it climbs.",
    "scale": "Ordered proficiency scales; the first is the default of every skill.",
    "role_level": "A role's own title, focus and stack at a level of its ladder.",
    "definition": "What a step of its scale means for one skill, whatever the role.",
    "expectation": "What a role expects of a skill at a level.",
}


def document_fields(version: int) -> tuple[Field, ...]:
    """The document's own fields in format `version`."""
    return tuple(field for field in DOCUMENT_FIELDS if field.since <= version)


def records_in(version: int) -> tuple[Record, ...]:
    """The records whose arrays a format `version` document holds, in file order."""
    return RECORDS_V1 if version == 1 else RECORDS


def array_key(record: Record) -> str:
    """The document's key for the array of `record`s: ``"skills"``."""
    return f"{record.name}s"


# What format v1 cannot hold --------------------------------------------------------------


def items_of(taxonomy: Taxonomy, record: Record) -> tuple[Any, ...]:
    """The entities of `taxonomy` that a document's array of `record`s holds."""
    if record.name == "level":
        # The framework's own ladder: the other ladders hold their levels.
        return tuple(taxonomy.levels_of_ladder())
    return tuple(getattr(taxonomy, array_key(record)))


def _value(item: object, source: str) -> object:
    """The model value at `source` (``"domain.id"``) of `item`."""
    for name in source.split("."):
        item = getattr(item, name)
    return item


def beyond_v1(taxonomy: Taxonomy) -> list[str]:
    """What format v1 cannot hold of `taxonomy`, one phrase each (empty: v1 can hold it)."""
    found: list[str] = []
    for field in document_fields(2):
        if field.since > 1 and getattr(taxonomy, field.key) != field.default:
            found.append(f"the framework's {field.key}")
    for record in RECORDS:
        items = items_of(taxonomy, record)
        if not items:
            continue
        if record.name not in V1_NAMES:
            found.append(f"{array_key(record)} ({len(items)})")
            continue
        with_details = [item for item in items if getattr(item, "details", None) is not NO_DETAILS]
        for field in record.fields:
            if field.since > 1:
                # Only expectations with details can differ from the defaults there.
                among = with_details if field.source.startswith("details.") else items
                count = sum(1 for item in among if _value(item, field.source) != field.default)
                if count:
                    found.append(f"{array_key(record)}' {field.key} ({count})")
        if record.name == "expectation":
            unstated = sum(1 for e in items if e.mandatory is None)
            if unstated:
                found.append(f"expectations whose requirement is not stated ({unstated})")
    return found


def refuse_beyond_v1(taxonomy: Taxonomy, where: str, instead: str) -> None:
    """Raise `ExportError` if `taxonomy` holds what format v1 cannot (`beyond_v1`)."""
    cannot = beyond_v1(taxonomy)
    if cannot:
        raise ExportError(f"{where} cannot hold " + "; ".join(cannot) + f" ({instead})")


# The careful reader's records -----------------------------------------------------------


def _record_class(name: str, fields: tuple[Field, ...], arrays: Mapping[str, Any]) -> type:
    """An attrs class of `fields` (and then `arrays`), required ones first, as cattrs reads it.

    cattrs reports problems in the order of the class's attributes, so that order is the
    order of the messages: the declared order, with the fields that have defaults last.
    """
    attributes: dict[str, Any] = {}
    for field in fields:
        default = attrs.NOTHING if field.default is REQUIRED else field.default
        attributes[field.key] = attrs.field(type=field.kind.type, default=default)
    attributes.update(arrays)
    ordered = dict(
        sorted(attributes.items(), key=lambda item: item[1]._default is not attrs.NOTHING)
    )
    return attrs.make_class(name, ordered, frozen=True)


@functools.cache
def records(version: int = 2) -> Mapping[str, type]:
    """The careful reader's cattrs records of format `version`, by name, and ``"document"``.

    Made from the fields on first use, as attrs classes with the fields' types.
    """
    made: dict[str, type] = {}

    def fields_of(record: Record) -> tuple[Field, ...]:
        return tuple(
            f._replace(
                kind=f.kind._replace(type=tuple.__class_getitem__((made[f.kind.record], ...)))
            )
            if f.kind.record
            else f
            for f in record.fields
        )

    for declared in (*NESTED, *records_in(version)):
        record = declared.in_version(version)
        if version == 1 and record.name in NEW_IN_V2:
            continue
        made[record.name] = _record_class(f"_{record.name.title()}Record", fields_of(record), {})
    # A tuple of each record, made at run time: the record classes are made here too.
    arrays: dict[str, Any] = {}
    for record in records_in(version):
        array_type = tuple.__class_getitem__((made[record.name], ...))
        default = attrs.NOTHING if version == 1 else ()
        arrays[array_key(record)] = attrs.field(type=array_type, default=default)  # type: ignore[call-overload]
    made["document"] = _record_class("_Document", (FORMAT_FIELD, *document_fields(version)), arrays)
    return made


# The writer ----------------------------------------------------------------------------


def _value_code(field: Field, item: str) -> str:
    value = f"{item}.{field.source}"
    return value if field.kind.encode is None else f"({field.kind.encode.format(value, value)})"


def _left_out_when(field: Field, value: str) -> str:
    """The code of the test that `value` (the model's) is not the field's default."""
    if field.default is None:
        return f"{value} is not None"
    if field.default in ("", ()) or field.default is NO_EXTRAS or field.default is NO_TRANSLATIONS:
        return value
    return f"{value} != {field.default!r}"


def encoder(record: Record, *, complete: bool = False) -> Callable[[Any], dict[str, object]]:
    """A function writing one model value as the record's JSON object, keys in order.

    In format v1 (and with `complete`) every key is written; in v2, a key at its default
    is left out. Made from the record's fields as code, so it is as quick as one written
    by hand; the code comes from the declarations above, never from input.
    """
    namespace: dict[str, Any] = {
        f"_encode_{nested.name}": (
            nested.in_version(record.version).encode_all
            if complete
            else nested.in_version(record.version).encode
        )
        for nested in (STEP, LEVEL)
        if any(field.kind.record == nested.name for field in record.fields)
    }
    if record.version == 1 or complete:
        body = ", ".join(f"{field.key!r}: {_value_code(field, 'item')}" for field in record.fields)
        function: Callable[[Any], dict[str, object]] = eval(f"lambda item: {{{body}}}", namespace)
        return function
    required = [field for field in record.fields if field.default is REQUIRED]
    # The keys format v1 has, which most records give: when all are given, one dict
    # display writes them with the required keys (quicker than adding them one by one).
    usual = [f for f in record.fields if f.default is not REQUIRED and f.since == 1]
    lines = ["def encode(item):"]
    for number, field in enumerate(usual):
        lines.append(f"    u{number} = item.{field.source}")
    display = [f"{f.key!r}: {_value_code(f, 'item')}" for f in required]
    if usual:
        given = " and ".join(_left_out_when(f, f"u{n}") for n, f in enumerate(usual))
        everything = display + [
            f"{f.key!r}: {_value_code(f, 'item').replace(f'item.{f.source}', f'u{n}')}"
            for n, f in enumerate(usual)
        ]
        if any(field.source.startswith("details.") for field in record.fields):
            # The commonest expectation of all: the v1 keys, and no details.
            lines.append(f"    if {given} and item.details is _NO_DETAILS:")
            lines.append("        return {" + ", ".join(everything) + "}")
        lines.append(f"    if {given}:")
        lines.append("        d = {" + ", ".join(everything) + "}")
        lines.append("    else:")
        lines.append("        d = {" + ", ".join(display) + "}")
        for number, field in enumerate(usual):
            value = _value_code(field, "item").replace(f"item.{field.source}", f"u{number}")
            lines.append(f"        if {_left_out_when(field, f'u{number}')}:")
            lines.append(f"            d[{field.key!r}] = {value}")
    else:
        lines.append("    d = {" + ", ".join(display) + "}")
    in_details = False
    for field in record.fields:
        if field.default is REQUIRED or field in usual:
            continue
        indent = "    "
        if field.source.startswith("details."):
            if not in_details:
                # Most expectations share the empty details: one test skips them all.
                lines.append("    if item.details is not _NO_DETAILS:")
                in_details = True
            indent = "        "
        lines.append(f"{indent}v = item.{field.source}")
        lines.append(f"{indent}if {_left_out_when(field, 'v')}:")
        lines.append(f"{indent}    d[{field.key!r}] = {_value_code(field, 'item')}")
    lines.append("    return d")
    namespace["_NO_DETAILS"] = NO_DETAILS
    exec("\n".join(lines), namespace)
    made: Callable[[Any], dict[str, object]] = namespace["encode"]
    return made


# The JSON Schema ------------------------------------------------------------------------


def _property(field: Field) -> dict[str, object]:
    schema: dict[str, object] = {}
    if field.description:
        schema["description"] = field.description
    schema.update(field.kind.schema)
    if field.default is not REQUIRED:
        default = field.default
        if isinstance(default, (Extras, Translations)):
            default = default.to_json()
        schema["default"] = list(default) if isinstance(default, tuple) else default
    return schema


def _object_schema(fields: tuple[Field, ...]) -> dict[str, object]:
    return {
        "type": "object",
        "required": [field.key for field in fields if field.default is REQUIRED],
        "additionalProperties": False,
        "properties": {field.key: _property(field) for field in fields},
    }


def json_schema_document(version: int = 2) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of format `version`, made from the declarations."""
    properties: dict[str, object] = {
        SCHEMA_KEY: {
            "description": "Where editors find this schema; read and ignored by the library.",
            "type": "string",
        },
        "format": {"description": "The format and its version.", "const": FORMAT_OF[version]},
    }
    properties.update({field.key: _property(field) for field in document_fields(version)})
    for record in records_in(version):
        array: dict[str, object] = {}
        if record.name in ARRAY_DESCRIPTIONS:
            array["description"] = ARRAY_DESCRIPTIONS[record.name]
        array |= {"type": "array", "items": {"$ref": f"#/$defs/{record.name}"}}
        if version > 1:
            array["default"] = []
        properties[array_key(record)] = array
    required = [
        "format",
        *(field.key for field in document_fields(version) if field.default is REQUIRED),
        *(map(array_key, records_in(version)) if version == 1 else ()),
    ]
    definitions: dict[str, object] = {
        "id": {
            "description": "A non-empty id without surrounding whitespace, unique within its kind.",
            "type": "string",
            "pattern": "^\\S([\\s\\S]*\\S)?$",
        },
        "name": {
            "description": "Display text that is not only whitespace.",
            "type": "string",
            "pattern": "\\S",
        },
    }
    shown = records_in(version) if version == 1 else (*records_in(version), *NESTED)
    definitions.update(
        {record.name: _object_schema(record.in_version(version).fields) for record in shown}
    )
    description = (
        "A competency framework: domains, skills, roles, a ladder of levels, and what "
        "each role expects of each skill at each level. The library checks more than "
        "this schema can say: ids are unique within their kind, every reference names "
        "an entry, and no (skill, role, level) has two expectations."
    )
    if version > 1:
        description = (
            "A competency framework: domains and skills, roles and the ladders they climb, "
            "proficiency scales, and what each role expects of each skill at each level. "
            "The library checks more than this schema can say: ids are unique within their "
            "kind, every reference names an entry (a role's levels on its ladder, a step on "
            "the skill's scale), and no (skill, role, level) has two expectations."
        )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id(version),
        "title": f"skilltaxonomy format v{version}",
        "description": description,
        "type": "object",
        "required": required,
        "additionalProperties": False,
        "properties": properties,
        "$defs": definitions,
    }
