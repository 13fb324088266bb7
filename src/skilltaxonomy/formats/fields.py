"""The fields of format v1, declared once.

Each record of a format v1 file (a domain, skill, role, level, expectation, and the
document around them) is a `Record` of `Field`s: its key, the rule its value follows
(a function of `skilltaxonomy._text`), its default, and what it means. Everything that
knows the format derives from this table:

- the careful reader's cattrs records (`records`),
- the fast path's checks (`Record.fields`, `Record.keys`),
- the canonical writer (`encoder`),
- the shipped JSON Schema (`json_schema_document`; a test holds the file equal to it).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple, NewType

import attrs

from skilltaxonomy._text import (
    ISO_DATE,
    check_bool,
    check_id,
    check_name,
    check_text,
    parse_date,
)

#: The value of ``format`` in every file this version reads and writes.
FORMAT = "skilltaxonomy/1"

#: The key under which a file may name its JSON Schema, for editors.
SCHEMA_KEY = "$schema"

#: Where the JSON Schema of format v1 says it lives.
SCHEMA_ID = "https://skilltaxonomy.readthedocs.io/en/latest/schema/skilltaxonomy-1.schema.json"

# Strings with a meaning beyond "any text": each gets a stricter cattrs hook.
Id = NewType("Id", str)
Name = NewType("Name", str)


class _Required:
    """The default of a field that must be given."""

    def __repr__(self) -> str:
        return "REQUIRED"


#: The default of a field that must be given.
REQUIRED: Any = _Required()


def parse_optional_date(value: object, _: object = None) -> datetime.date | None:
    """An ISO date, or ``None`` for null."""
    return None if value is None else parse_date(value)


class Kind(NamedTuple):
    """What a field's value is: the rule it follows, its type, and its JSON Schema.

    Attributes:
        check: The rule, from `skilltaxonomy._text`: returns the value or raises
            `InvalidValueError`.
        type: The type the careful reader structures it as.
        schema: The field's JSON Schema (without its description).
        encode: How the writer turns the model's value into JSON (``None``: as it is).
    """

    check: Callable[[object, object], object]
    type: Any
    schema: Mapping[str, object]
    encode: str | None = None


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


class Field(NamedTuple):
    """One key of a record.

    Attributes:
        key: The key in the file.
        kind: Its rule and type.
        default: Its value when left out; `REQUIRED` when it must be given.
        description: What it means, for the JSON Schema.
        attribute: The model attribute it is written from (``domain.id`` for a
            reference); default the key.
    """

    key: str
    kind: Kind
    default: object = REQUIRED
    description: str = ""
    attribute: str = ""

    @property
    def source(self) -> str:
        """The attribute path of the model value this field is written from."""
        return self.attribute or self.key


class Record:
    """A kind of object in a format v1 file.

    Attributes:
        name: Its name, as the JSON Schema's ``$defs`` names it (``"skill"``).
        fields: Its keys, in the order the writer writes them.
        keys: Every key the record may hold.
        checks: Each field's key, rule and default, in order.
    """

    __slots__ = ("_encode", "checks", "fields", "keys", "name")

    def __init__(self, name: str, fields: tuple[Field, ...]) -> None:
        self.name = name
        self.fields = fields
        self.keys = frozenset(field.key for field in fields)
        #: (key, rule, default) of each field, for the fast path's loop.
        self.checks = tuple((field.key, field.kind.check, field.default) for field in fields)
        self._encode: Callable[[Any], dict[str, object]] | None = None

    def __repr__(self) -> str:
        return f"Record({self.name!r})"

    @property
    def encode(self) -> Callable[[Any], dict[str, object]]:
        """Write one model value as this record's JSON object (see `encoder`), made on first use."""
        if self._encode is None:
            self._encode = encoder(self)
        return self._encode


DOMAIN = Record("domain", (Field("id", ID), Field("name", NAME)))
SKILL = Record(
    "skill",
    (
        Field("id", ID),
        Field("name", NAME),
        Field("domain", ID, description="The id of an entry in domains.", attribute="domain.id"),
        Field("category", TEXT, "", "A label grouping skills within the domain."),
        Field("summary", TEXT, ""),
        Field("updated", DATE, None, "When the skill's expectations were last revised."),
    ),
)
ROLE = Record(
    "role",
    (
        Field("id", ID),
        Field("name", NAME),
        Field("family", TEXT, "", "A label grouping related roles."),
        Field("summary", TEXT, ""),
    ),
)
LEVEL = Record("level", (Field("id", ID), Field("name", NAME)))
EXPECTATION = Record(
    "expectation",
    (
        Field("skill", ID, description="The id of an entry in skills.", attribute="skill.id"),
        Field("role", ID, description="The id of an entry in roles.", attribute="role.id"),
        Field("level", ID, description="The id of an entry in levels.", attribute="level.id"),
        Field("mandatory", BOOLEAN, description="Required (true) or optional (false)."),
        Field("description", TEXT, description="What is expected, verbatim."),
    ),
)

#: The records of format v1, in the order a file lists them.
RECORDS: tuple[Record, ...] = (DOMAIN, SKILL, ROLE, LEVEL, EXPECTATION)

# The document: its format, its own fields, then one array per record (``"domains"`` …).
FORMAT_FIELD = Field("format", TEXT, description="The format and its version.")
DOCUMENT_FIELDS: tuple[Field, ...] = (
    Field("name", NAME, description="The framework's name."),
    Field("version", TEXT, "", "A version label."),
    Field("language", TEXT, "en", "The language of the framework's text, as a language tag."),
)
ARRAY_DESCRIPTIONS = {
    "domain": "Broad areas of competence that hold skills.",
    "level": "The career ladder, entry level first; a level's rank is its position.",
    "expectation": "What a role expects of a skill at a level.",
}


def array_key(record: Record) -> str:
    """The document's key for the array of `record`s: ``"skills"``."""
    return f"{record.name}s"


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
def records() -> Mapping[str, type]:
    """The cattrs records of the careful reader, by record name, and ``"document"``.

    Made from the fields on first use, as attrs classes with the fields' types.
    """
    made = {
        record.name: _record_class(f"_{record.name.title()}Record", record.fields, {})
        for record in RECORDS
    }
    # A tuple of each record, made at run time: the record classes are made here too.
    array_types: dict[str, Any] = {
        array_key(record): tuple.__class_getitem__((made[record.name], ...)) for record in RECORDS
    }
    arrays = {key: attrs.field(type=array_type) for key, array_type in array_types.items()}
    made["document"] = _record_class("_Document", (FORMAT_FIELD, *DOCUMENT_FIELDS), arrays)
    return made


# The writer ----------------------------------------------------------------------------


def _value_code(field: Field, item: str) -> str:
    value = f"{item}.{field.source}"
    return value if field.kind.encode is None else f"({field.kind.encode.format(value, value)})"


def encoder(record: Record) -> Callable[[Any], dict[str, object]]:
    """A function writing one model value as the record's JSON object, every key in order.

    Made from the record's fields as one dict display, so it is as quick as one written by
    hand; the code comes from the declarations above, never from input.
    """
    body = ", ".join(f"{field.key!r}: {_value_code(field, 'item')}" for field in record.fields)
    function: Callable[[Any], dict[str, object]] = eval(f"lambda item: {{{body}}}")
    return function


# The JSON Schema ------------------------------------------------------------------------


def _property(field: Field) -> dict[str, object]:
    schema: dict[str, object] = {}
    if field.description:
        schema["description"] = field.description
    schema.update(field.kind.schema)
    if field.default is not REQUIRED:
        schema["default"] = field.default
    return schema


def _object_schema(fields: tuple[Field, ...]) -> dict[str, object]:
    return {
        "type": "object",
        "required": [field.key for field in fields if field.default is REQUIRED],
        "additionalProperties": False,
        "properties": {field.key: _property(field) for field in fields},
    }


def json_schema_document() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of format v1, made from the declarations."""
    properties: dict[str, object] = {
        SCHEMA_KEY: {
            "description": "Where editors find this schema; read and ignored by the library.",
            "type": "string",
        },
        "format": {"description": "The format and its version.", "const": FORMAT},
    }
    properties.update({field.key: _property(field) for field in DOCUMENT_FIELDS})
    for record in RECORDS:
        array: dict[str, object] = {}
        if record.name in ARRAY_DESCRIPTIONS:
            array["description"] = ARRAY_DESCRIPTIONS[record.name]
        array |= {"type": "array", "items": {"$ref": f"#/$defs/{record.name}"}}
        properties[array_key(record)] = array
    required = [
        "format",
        *(field.key for field in DOCUMENT_FIELDS if field.default is REQUIRED),
        *map(array_key, RECORDS),
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
    definitions.update({record.name: _object_schema(record.fields) for record in RECORDS})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "skilltaxonomy format v1",
        "description": (
            "A competency framework: domains, skills, roles, a ladder of levels, and what "
            "each role expects of each skill at each level. The library checks more than "
            "this schema can say: ids are unique within their kind, every reference names "
            "an entry, and no (skill, role, level) has two expectations."
        ),
        "type": "object",
        "required": required,
        "additionalProperties": False,
        "properties": properties,
        "$defs": definitions,
    }
