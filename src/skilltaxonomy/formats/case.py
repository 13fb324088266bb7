"""1EdTech CASE 1.1: a taxonomy as a CFPackage, and a CFPackage read back.

How the framework maps onto CASE (docs/exchange.md says why):

- the framework is the CFDocument; domains, categories, skills, roles, levels and
  expectations are CFItems whose CFItemType says which (``Domain``, ``Category``, …),
  with our ids as ``humanCodingScheme``;
- ``isChildOf`` builds the tree: domain → document, category → domain, skill →
  category (or domain), expectation → skill, role and level → document; its
  ``sequenceNumber`` keeps our order;
- ``precedes`` links each level to the next; an expectation ``hasSkillLevel`` its level
  and ``isPartOf`` its role;
- the mandatory flag is the ``isPartOf`` association's CFAssociationGrouping:
  ``Mandatory`` or ``Optional``;
- one CFRubric per role carries the role's skill × level grid for rubric-aware tools.

Identifiers are lower-case name-based UUIDs (uuid5): the document's from the
framework's name, every other from the document's and the object's own key, so
exporting again gives the same identifiers. A package read with `read` brings its
identifiers along (`CaseMetadata`), and exporting with them keeps every one.
"""

from __future__ import annotations

import collections
import datetime
import functools
import itertools
import json
import operator
import re
import types
import uuid
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any, NamedTuple, NoReturn, TypeAlias, TypeVar

import attrs

from skilltaxonomy._text import character_problem, id_key, printable, show, slug, split_lines
from skilltaxonomy.exceptions import (
    InvalidCaseError,
    InvalidQueryError,
    InvalidTaxonomyError,
    InvalidValueError,
    Problem,
)
from skilltaxonomy.formats._guard import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_DEPTH,
    Reading,
    gc_aged,
    gc_paused,
    guarded,
)
from skilltaxonomy.formats._json import parse_json
from skilltaxonomy.formats.fields import (
    DEFINITION,
    DOCUMENT,
    DOMAIN,
    EXPECTATION,
    LADDER,
    LEVEL,
    ROLE,
    ROLE_LEVEL,
    SCALE,
    SKILL,
    STEP,
    Record,
)
from skilltaxonomy.model import (
    Definition,
    Domain,
    Expectation,
    Extras,
    Ladder,
    Level,
    Role,
    RoleLevel,
    Scale,
    Skill,
    Step,
    Taxonomy,
)
from skilltaxonomy.model.entities import _unchecked_maker, _unchecked_many
from skilltaxonomy.model.extras import NO_EXTRAS, JSONValue
from skilltaxonomy.model.problems import unknown_reference

#: The namespace every identifier this library makes descends from.
CASE_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://skilltaxonomy.readthedocs.io/case/1.1")

#: How many objects a package's lists may hold in all, by default.
DEFAULT_MAX_ITEMS = 2_000_000

#: Where this library keeps, in an object's ``extensions``, what CASE has no field for.
EXTENSION_KEY = "skilltaxonomy"

Key: TypeAlias = tuple[str, ...]
_T = TypeVar("_T")
Json: TypeAlias = dict[str, Any]

_ITEM_TYPES = {
    "domain": ("Domain", "A broad area of competence that holds skills."),
    "category": ("Category", "A group of skills within a domain."),
    "skill": ("Skill", "A skill, assessed against a ladder of levels."),
    "role": ("Role", "A job role that expects skills at each level."),
    "level": ("Level", "A step of the career ladder; each precedes the next."),
    "expectation": ("Expectation", "What a role expects of a skill at a level."),
    "ladder": ("Ladder", "A ladder of levels that roles climb; its levels are its children."),
    "role level": ("Role Level", "A role's own title, focus and stack at a level."),
}
#: The item types every package lists; the others only where the framework has them.
_ALWAYS_TYPES = frozenset({"domain", "category", "skill", "role", "level", "expectation"})
_USED_WHEN: Mapping[str, Callable[[Taxonomy], bool]] = {
    "ladder": lambda taxonomy: bool(taxonomy.ladders),
    "role level": lambda taxonomy: bool(taxonomy.role_levels),
}
#: The keys of each kind's format v2 record that CASE holds in fields of its own (the
#: rest is in the object's extensions).
_NATIVE: Mapping[str, frozenset[str]] = {
    "domain": frozenset({"id", "name"}),
    "skill": frozenset({"id", "name", "domain", "category", "summary"}),
    "role": frozenset({"id", "name", "summary"}),
    "level": frozenset({"id", "name", "description"}),
    "ladder": frozenset({"id", "name", "levels", "description"}),
    "role level": frozenset({"role", "level", "focus"}),
    "expectation": frozenset({"skill", "role", "level", "mandatory", "description"}),
    "scale": frozenset({"name", "steps", "description"}),
    "step": frozenset({"name", "description"}),
    "definition": frozenset({"skill", "description"}),
}
_DOCUMENT_NATIVE = frozenset({"name", "version", "language", "description", "publisher"})
# An absolute URI, as CASE's officialSourceURL must be (a scheme, then no white space).
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s]+")

#: CFItemType titles `read` reads, case-insensitively, and the kind each is read as.
CASE_ITEM_TYPES: Mapping[str, str] = types.MappingProxyType(
    {
        "domain": "domain",
        "category": "category",
        "cluster": "category",
        "skill": "skill",
        "competency": "skill",
        "role": "role",
        "job role": "role",
        "occupation": "role",
        "level": "level",
        "proficiency level": "level",
        "expectation": "expectation",
        "ladder": "ladder",
        "role level": "role level",
    }
)

_GROUPINGS = {
    True: ("Mandatory", "Expectations a role requires at a level."),
    False: ("Optional", "Expectations a role lists at a level without requiring them."),
}
_GROUPING_FLAGS = {"mandatory": True, "required": True, "optional": False}
_EPOCH = "1970-01-01T00:00:00Z"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@attrs.frozen
class CaseObject:
    """Where one object of a CASE package was: its identifier, URI and change time.

    Attributes:
        key: What the object is in this library's terms, such as ``("skill", "sql")``.
        identifier: The CASE identifier (a UUID).
        uri: The object's URI.
        last_change: Its ``lastChangeDateTime``.
    """

    key: Key
    identifier: str
    uri: str
    last_change: str


@attrs.frozen
class CaseMetadata:
    """What a CASE package holds beyond the framework, kept so an export can give it back.

    Attributes:
        creator: The CFDocument's ``creator``.
        last_change: The CFDocument's ``lastChangeDateTime``.
        objects: Every object read, with its identifier.
    """

    creator: str
    last_change: str
    objects: tuple[CaseObject, ...] = attrs.field(repr=False)

    def identifier(self, key: Key) -> str | None:
        """The identifier the package gave the object `key`, if it had one."""
        found = self._by_key().get(key)
        return None if found is None else found.identifier

    def _by_key(self) -> dict[Key, CaseObject]:
        return {item.key: item for item in self.objects}


# Export ----------------------------------------------------------------------------------


class _Writer:
    """Names every object: a kept identifier when there is one, else a uuid5."""

    def __init__(self, taxonomy: Taxonomy, metadata: CaseMetadata | None, changed: str) -> None:
        self.kept = {} if metadata is None else metadata._by_key()
        document = self.kept.get(("document",))
        self.document_id = (
            document.identifier
            if document is not None
            else str(uuid.uuid5(CASE_NAMESPACE, f"document\x1f{taxonomy.name}"))
        )
        self.changed = changed

    def head(self, key: Key, *, changed: str | None = None) -> Json:
        """``identifier``, ``uri`` and ``lastChangeDateTime`` of the object `key`."""
        found = self.kept.get(key)
        if key == ("document",):
            identifier = self.document_id
        elif found is not None:
            identifier = found.identifier
        else:
            identifier = str(uuid.uuid5(uuid.UUID(self.document_id), "\x1f".join(key)))
        return {
            "identifier": identifier,
            "uri": found.uri if found is not None else f"urn:uuid:{identifier}",
            "lastChangeDateTime": changed
            or (found.last_change if found is not None and found.last_change else self.changed),
        }


def _link(node: Json, title: str) -> Json:
    return {"title": title, "identifier": node["identifier"], "uri": node["uri"]}


def _document_changed(taxonomy: Taxonomy) -> str:
    dates = [s.updated for s in taxonomy.skills if s.updated is not None]
    return f"{max(dates).isoformat()}T00:00:00Z" if dates else _EPOCH


def _kept(record: Record, entity: object, native: Collection[str]) -> Json:
    """What of the entity's format v2 record CASE has no field for.

    The record's own writer writes it (keys at their defaults left out), so a field the
    format gains is carried by CASE too, with nothing to add here.
    """
    return {key: value for key, value in record.encode(entity).items() if key not in native}


def _ours(record: Record, entity: object, native: Collection[str]) -> Json | None:
    """An object's ``extensions``: `_kept` under our key, or None when nothing is left."""
    kept = _kept(record, entity, native)
    return {EXTENSION_KEY: kept} if kept else None


def _is_uri(text: str) -> bool:
    return _URI.fullmatch(text) is not None


def to_package(  # noqa: PLR0915 - builds the package in one readable pass
    taxonomy: Taxonomy,
    *,
    metadata: CaseMetadata | None = None,
    creator: str | None = None,
    changed: datetime.datetime | None = None,
) -> dict[str, Any]:
    """The framework as a 1EdTech CASE 1.1 CFPackage (JSON-ready data).

    Everything the framework holds is in the package: what CASE has a field for in that
    field, the rest in the object's ``extensions`` under ``"skilltaxonomy"`` (docs/exchange.md
    has the mapping), so `read` gives back an equal framework.

    Args:
        taxonomy: The framework.
        metadata: What the reader kept beside the framework (`Reading.metadata`), so
            that every identifier, URI and change time of the package is kept.
        creator: The CFDocument's creator (default: the metadata's, else the framework's
            name).
        changed: The CFDocument's ``lastChangeDateTime`` (default: the metadata's, else
            the latest date a skill was updated, so equal frameworks give equal packages);
            a time without a time zone is taken as UTC.

    >>> from skilltaxonomy import load
    >>> from skilltaxonomy.formats.case import to_package
    >>> package = to_package(load())
    >>> package["CFDocument"]["title"], len(package["CFItems"])
    ('devlevel.app skills matrix: Neural Network Architectures', 20)
    >>> package == to_package(load())
    True
    """
    if changed is not None:
        if changed.tzinfo is None:  # CASE needs an offset; a naive time is taken as UTC
            changed = changed.replace(tzinfo=datetime.timezone.utc)
        stamp = changed.isoformat().replace("+00:00", "Z")
    elif metadata is not None:
        stamp = metadata.last_change
    else:
        stamp = _document_changed(taxonomy)
    writer = _Writer(taxonomy, metadata, stamp)
    head = writer.head
    source_is_uri = _is_uri(taxonomy.source)
    document: Json = {
        **head(("document",)),
        "creator": creator or (metadata.creator if metadata else taxonomy.name),
        "title": taxonomy.name,
        "caseVersion": "1.1",
        "language": taxonomy.language,
    }
    for field, value in (
        ("version", taxonomy.version),
        ("description", taxonomy.description),
        ("publisher", taxonomy.publisher),
        ("officialSourceURL", taxonomy.source if source_is_uri else ""),
    ):
        if value:
            document[field] = value
    native = _DOCUMENT_NATIVE | ({"source"} if source_is_uri else set())
    extensions = _ours(DOCUMENT, taxonomy, native)
    if extensions:
        document["extensions"] = extensions
    used = {kind for kind, of in _USED_WHEN.items() if of(taxonomy)}
    types = {
        kind: {
            **head(("item-type", title)),
            "title": title,
            "description": description,
            "hierarchyCode": str(number),
        }
        for number, (kind, (title, description)) in enumerate(_ITEM_TYPES.items(), start=1)
        if kind in _ALWAYS_TYPES or kind in used
    }
    groupings = {
        flag: {**head(("grouping", title.casefold())), "title": title, "description": text}
        for flag, (title, text) in _GROUPINGS.items()
    }
    items: list[Json] = []
    associations: list[Json] = []

    def item(kind: str, key: Key, statement: str, **fields: Any) -> Json:
        changed_at = fields.pop("changed", None)
        node = {
            **head(key, changed=changed_at),
            "fullStatement": statement,
            "CFItemType": types[kind]["title"],
            "CFItemTypeURI": _link(types[kind], types[kind]["title"]),
            **{name: value for name, value in fields.items() if value not in ("", None)},
        }
        node["language"] = taxonomy.language
        items.append(node)
        return node

    def associate(
        kind: str,
        origin: Json,
        destination: Json,
        sequence: int | None = None,
        grouping: Json | None = None,
    ) -> None:
        origin_title = str(origin.get("fullStatement", origin.get("title", "")))
        destination_title = str(destination.get("fullStatement", destination.get("title", "")))
        association = {
            **head(("association", kind, origin["identifier"], destination["identifier"])),
            "associationType": kind,
            "originNodeURI": _link(origin, origin_title),
            "destinationNodeURI": _link(destination, destination_title),
        }
        if grouping is not None:
            association["CFAssociationGroupingURI"] = _link(grouping, grouping["title"])
        if sequence is not None:
            association["sequenceNumber"] = sequence
        associations.append(association)

    nodes: dict[Key, Json] = {}
    for number, domain in enumerate(taxonomy.domains, start=1):
        node = item(
            "domain",
            ("domain", domain.id),
            domain.name,
            humanCodingScheme=domain.id,
            extensions=_ours(DOMAIN, domain, _NATIVE["domain"]),
        )
        nodes["domain", domain.id] = node
        associate("isChildOf", node, document, number)
    categories: dict[Key, Json] = {}
    for number, skill in enumerate(taxonomy.skills, start=1):
        parent = nodes["domain", skill.domain.id]
        if skill.category:
            key = ("category", skill.domain.id, skill.category)
            if key not in categories:
                categories[key] = item("category", key, skill.category)
                associate("isChildOf", categories[key], parent, len(categories))
            parent = categories[key]
        node = item(
            "skill",
            ("skill", skill.id),
            skill.name,
            humanCodingScheme=skill.id,
            notes=skill.summary,
            changed=None if skill.updated is None else f"{skill.updated.isoformat()}T00:00:00Z",
            extensions=_ours(SKILL, skill, _NATIVE["skill"]),
        )
        nodes["skill", skill.id] = node
        associate("isChildOf", node, parent, number)
    for number, role in enumerate(taxonomy.roles, start=1):
        node = item(
            "role",
            ("role", role.id),
            role.name,
            humanCodingScheme=role.id,
            notes=role.summary,
            extensions=_ours(ROLE, role, _NATIVE["role"]),
        )
        nodes["role", role.id] = node
        associate("isChildOf", node, document, number)

    def ladder_items(levels: Iterable[Level], parent: Json) -> None:
        previous = None
        for level in levels:
            node = item(
                "level",
                ("level", level.id),
                level.name,
                humanCodingScheme=level.id,
                listEnumeration=str(level.rank),
                notes=level.description,
                extensions=_ours(LEVEL, level, _NATIVE["level"]),
            )
            nodes["level", level.id] = node
            associate("isChildOf", node, parent, level.rank)
            if previous is not None:
                associate("precedes", previous, node)
            previous = node

    ladder_items(taxonomy.levels_of_ladder(), document)
    for number, ladder in enumerate(taxonomy.ladders, start=1):
        node = item(
            "ladder",
            ("ladder", ladder.id),
            ladder.name,
            humanCodingScheme=ladder.id,
            notes=ladder.description,
            extensions=_ours(LADDER, ladder, _NATIVE["ladder"]),
        )
        associate("isChildOf", node, document, len(taxonomy.roles) + number)
        ladder_items(ladder.levels, node)
    for number, role_level in enumerate(taxonomy.role_levels, start=1):
        role, level = role_level.role, role_level.level
        node = item(
            "role level",
            ("role-level", role.id, level.id),
            role_level.title or f"{role.name}: {level.name}",
            notes=role_level.focus,
            extensions=_ours(ROLE_LEVEL, role_level, _NATIVE["role level"]),
        )
        associate("isChildOf", node, nodes["role", role.id], number)
        associate("hasSkillLevel", node, nodes["level", level.id])
    expectation_nodes: dict[Key, Json] = {}
    for number, e in enumerate(taxonomy.expectations, start=1):
        cell_key = ("expectation", e.skill.id, e.role.id, e.level.id)
        node = item(
            "expectation",
            cell_key,
            e.description,
            extensions=_ours(EXPECTATION, e, _NATIVE["expectation"]),
        )
        expectation_nodes[cell_key] = node
        associate("isChildOf", node, nodes["skill", e.skill.id], number)
        associate("hasSkillLevel", node, nodes["level", e.level.id])
        # A requirement not stated is an isPartOf without a grouping.
        grouping = None if e.mandatory is None else groupings[e.mandatory]
        associate("isPartOf", node, nodes["role", e.role.id], grouping=grouping)
    package: Json = {
        "CFDocument": document,
        "CFItems": items,
        "CFAssociations": associations,
        "CFDefinitions": {
            "CFItemTypes": list(types.values()),
            "CFAssociationGroupings": list(groupings.values()),
        },
        "CFRubrics": [
            *_rubrics(taxonomy, head, nodes, expectation_nodes),
            *_scale_rubrics(taxonomy, head, nodes),
        ],
    }
    return package


def _rubrics(
    taxonomy: Taxonomy,
    head: Any,
    nodes: Mapping[Key, Json],
    expectation_nodes: Mapping[Key, Json],
) -> list[Json]:
    """One rubric per role: a criterion per skill, a criterion level per expectation."""
    rubrics = []
    for role in taxonomy.roles:
        rubric = {
            **head(("rubric", role.id)),
            "title": role.name,
            "description": f"What {role.name} expects of each skill at each level.",
            "extensions": {EXTENSION_KEY: {"role": role.id}},
        }
        criteria = []
        for position, skill in enumerate(taxonomy.skills.filter(role=role), start=1):
            criterion = {**head(("criterion", role.id, skill.id))}
            levels = [
                {
                    **head(("criterion-level", e.skill.id, e.role.id, e.level.id)),
                    "description": e.description,
                    "quality": e.level.name,
                    "score": float(e.level.rank),
                    "position": e.level.rank,
                    "rubricCriterionId": criterion["identifier"],
                }
                for e in taxonomy.progression(skill, role)
                if ("expectation", e.skill.id, e.role.id, e.level.id) in expectation_nodes
            ]
            skill_node = nodes["skill", skill.id]
            criterion |= {
                "category": skill.category,
                "description": skill.name,
                "CFItemURI": _link(skill_node, skill.name),
                "position": position,
                "rubricId": rubric["identifier"],
                "CFRubricCriterionLevels": levels,
            }
            criteria.append(criterion)
        rubric["CFRubricCriteria"] = criteria
        rubrics.append(rubric)
    return rubrics


def _scale_rubrics(taxonomy: Taxonomy, head: Any, nodes: Mapping[Key, Json]) -> list[Json]:
    """One rubric per scale: a criterion of its steps, then one per skill it defines.

    The first criterion names no item: its levels are the scale's steps. Each further
    criterion is a skill's (``CFItemURI``), a criterion level per definition, at its
    step's position.
    """
    rubrics = []
    # Each scale's definitions, by skill, in one pass; and where each is in the framework.
    by_scale: dict[str, dict[str, list[tuple[int, Definition]]]] = {}
    for number, definition in enumerate(taxonomy.definitions):
        of_skill = taxonomy.scale_of(definition.skill)
        assert of_skill is not None  # the model holds a definition to its skill's scale
        by_scale.setdefault(of_skill.id, {}).setdefault(definition.skill.id, []).append(
            (number, definition)
        )
    for scale in taxonomy.scales:
        rubric: Json = {
            **head(("rubric-scale", scale.id)),
            "title": scale.name,
            "description": scale.description,
            "extensions": {EXTENSION_KEY: {"scale": _kept(SCALE, scale, _NATIVE["scale"])}},
        }
        if not scale.description:
            del rubric["description"]
        steps: Json = {**head(("criterion-steps", scale.id)), "description": scale.name}
        steps |= {
            "position": 1,
            "rubricId": rubric["identifier"],
            "CFRubricCriterionLevels": [
                _criterion_level(
                    head(("criterion-step", scale.id, step.id)),
                    steps,
                    step,
                    step.description,
                    _ours(STEP, step, _NATIVE["step"]),
                )
                for step in scale.steps
            ],
        }
        criteria = [steps]
        defined = by_scale.get(scale.id, {})
        for position, (skill_id, definitions) in enumerate(defined.items(), start=2):
            skill = taxonomy.skill(skill_id)
            criterion: Json = {**head(("criterion-scale", scale.id, skill.id))}
            criterion |= {
                "category": skill.category,
                "description": skill.name,
                "CFItemURI": _link(nodes["skill", skill.id], skill.name),
                "position": position,
                "rubricId": rubric["identifier"],
            }
            criterion["CFRubricCriterionLevels"] = [
                _criterion_level(
                    head(("definition", skill.id, d.step.id)),
                    criterion,
                    d.step,
                    d.description,
                    # Rubrics group definitions by scale and skill: their order in the
                    # framework is kept beside them.
                    {EXTENSION_KEY: _kept(DEFINITION, d, _NATIVE["definition"]) | {"order": n}},
                )
                for n, d in definitions
            ]
            if not skill.category:
                del criterion["category"]
            criteria.append(criterion)
        rubric["CFRubricCriteria"] = criteria
        rubrics.append(rubric)
    return rubrics


def _criterion_level(
    head: Json, criterion: Json, step: Step, description: str, extensions: Json | None
) -> Json:
    level = {
        **head,
        "description": description,
        "quality": step.name,
        "score": float(step.rank),
        "position": step.rank,
        "rubricCriterionId": criterion["identifier"],
    }
    if extensions:
        # The schema has a criterion level's extensions as an array of objects.
        level["extensions"] = [extensions]
    return level


def write(
    taxonomy: Taxonomy,
    *,
    metadata: CaseMetadata | None = None,
    creator: str | None = None,
    changed: datetime.datetime | None = None,
) -> str:
    """`to_package` as JSON text: two-space indents, UTF-8 as is, a final newline."""
    package = to_package(taxonomy, metadata=metadata, creator=creator, changed=changed)
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


# Import ----------------------------------------------------------------------------------


@attrs.frozen
class _Node:
    index: int
    kind: str
    identifier: str
    statement: str
    raw: Json


@attrs.frozen
class _Link:
    index: int
    kind: str
    origin: str
    destination: str
    sequence: int | None
    grouping: str | None


_KEPT_DOCUMENT_FIELDS = frozenset(
    {
        "identifier",
        "uri",
        "creator",
        "title",
        "lastChangeDateTime",
        "language",
        "version",
        "description",
        "publisher",
        "officialSourceURL",
        "extensions",
    }
)
_IGNORED_DOCUMENT_FIELDS = frozenset({"caseVersion", "CFPackageURI"})
_KEPT_ITEM_FIELDS = frozenset(
    {
        "identifier",
        "uri",
        "fullStatement",
        "CFItemType",
        "CFItemTypeURI",
        "humanCodingScheme",
        "notes",
        "lastChangeDateTime",
        "language",
        "listEnumeration",
        "extensions",
    }
)
_READ_ASSOCIATIONS = frozenset({"isChildOf", "precedes", "hasSkillLevel", "isPartOf"})


class _Reader:
    def __init__(self, package: object, source: str | None, on_duplicate: str = "error") -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.skipped: list[Problem] = []
        self.objects: list[CaseObject] = []
        self.on_duplicate = on_duplicate
        # The place of every object whose identifier an earlier object of its list has
        # (`_find_repeats`), and the first's place: such an object is never read.
        self.repeats: dict[str, str] = {}
        if type(package) is not dict:
            self.fail("$", f"expected a CFPackage object, got {show(package)}")
        self.package: Json = package
        # The package's lists of objects, and their columns, each made once (`column`).
        self._listed: dict[str, list[Json] | None] = {}
        self._columns: dict[tuple[str, str], list[Any]] = {}

    def listed(self, key: str) -> list[Json] | None:
        """The package's list `key`, where it holds objects only, and some; else None."""
        if key not in self._listed:
            entries = self.package.get(key)
            every = type(entries) is list and {*map(type, entries)} == _ONLY_OBJECTS
            self._listed[key] = entries if every else None
        return self._listed[key]

    def column(self, key: str, field: str) -> list[Any]:
        """The value of `field` (None where missing) of each object of a `listed` list."""
        found = self._columns.get((key, field))
        if found is None:
            entries = self.listed(key)
            assert entries is not None
            found = [*map(dict.get, entries, itertools.repeat(field))]
            self._columns[key, field] = found
        return found

    def fail(self, path: str, message: str) -> NoReturn:
        raise InvalidCaseError([Problem(path, message)], self.source)

    def skip(self, path: str, message: str) -> None:
        self.skipped.append(Problem(path, message))

    def string(
        self, value: Json, key: str, path: str, *, required: bool = True, name: bool = False
    ) -> str:
        """The string at `key`, checked by the text rule (the name rule with `name`)."""
        found = value.get(key)
        if key not in value or (found is None and not required):
            if required:
                self.problems.append(Problem(f"{path}.{key}", "required key missing"))
            return ""
        if type(found) is not str:
            self.problems.append(Problem(f"{path}.{key}", f"expected a string, got {show(found)}"))
            return ""
        if found.isprintable():  # no control, format or surrogate: passes either rule
            return found
        problem = character_problem(found, name=name)
        if problem is not None:
            self.problems.append(Problem(f"{path}.{key}", problem))
            return ""
        return found

    def array(self, value: Json, key: str, path: str) -> list[Any]:
        found = value.get(key, [])
        if type(found) is not list:
            self.problems.append(Problem(f"{path}.{key}", "expected an array"))
            return []
        return found

    def objects_of(self, value: Json, key: str, path: str) -> list[tuple[str, Json]]:
        return [(where, entry) for _, where, entry in self.indexed(value, key, path)]

    def indexed(self, value: Json, key: str, path: str) -> list[tuple[int, str, Json]]:
        """The objects of the list at `key`, each with its index and place.

        An object whose identifier an earlier one of the list has (see `_find_repeats`)
        is left out: it was reported once, as a problem or as skipped.
        """
        found = []
        for index, entry in enumerate(self.array(value, key, path)):
            where = f"{path}.{key}[{index}]"
            if type(entry) is not dict:
                self.problems.append(Problem(where, "expected an object"))
            elif where not in self.repeats:
                found.append((index, where, entry))
        return found

    def identifier(self, value: Json, path: str) -> str:
        found = self.string(value, "identifier", path)
        # An empty identifier is no UUID either (a string `string` refused is reported).
        if found == value.get("identifier") and not _UUID.fullmatch(found.lower()):
            self.problems.append(
                Problem(f"{path}.identifier", f"expected a UUID, got {found[:40]!r}")
            )
        return found

    def keep(self, key: Key, value: Json, path: str) -> None:
        # The identifier was checked where the object was read: a missing one is
        # reported there, once.
        found = value.get("identifier")
        identifier = found if type(found) is str else ""
        uri = self.string(value, "uri", path, required=False) or f"urn:uuid:{identifier}"
        changed = self.string(value, "lastChangeDateTime", path, required=False)
        self.objects.append(CaseObject(key, identifier, uri, changed))

    def link_target(self, value: Json, key: str, path: str) -> str | None:
        link = value.get(key)
        if type(link) is not dict:
            self.problems.append(Problem(f"{path}.{key}", "expected a link object"))
            return None
        found = link.get("identifier")
        if type(found) is not str or not found:
            self.problems.append(Problem(f"{path}.{key}.identifier", "required key missing"))
            return None
        return found


def _item_kind(raw: Json) -> str:
    title = raw.get("CFItemType")
    if not isinstance(title, str) or not title:
        link = raw.get("CFItemTypeURI")
        title = link.get("title") if isinstance(link, dict) else None
    return title.strip() if isinstance(title, str) else ""


def read(
    data: str | bytes,
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    strict: bool = False,
    max_items: int = DEFAULT_MAX_ITEMS,
    on_duplicate: str = "error",
) -> Reading:
    """Read a 1EdTech CASE 1.1 CFPackage (JSON text) into a framework.

    Items are recognised by their CFItemType title, given as text or as a
    CFItemTypeURI, in any order: besides this library's own (Domain, Category, Skill,
    Role, Level, Expectation), Competency, Cluster, Job Role, Occupation and
    Proficiency Level are understood. Ids are the items' ``humanCodingScheme``,
    or made from their statements. Whatever the framework has no place for (other
    item types, association types, subjects, licences, fields such as
    ``educationLevel``) is listed in `Reading.skipped`, never dropped silently;
    `Reading.metadata` keeps the package's identifiers (`CaseMetadata`).

    Args:
        data: The package as JSON text or UTF-8 bytes.
        source: A name for the package (such as a file name) that errors mention.
        max_bytes: Refuse larger inputs.
        max_depth: Refuse inputs whose arrays and objects nest deeper than this.
        strict: Raise `InvalidCaseError` when anything would be skipped.
        max_items: Refuse a package whose lists (items, associations, definitions,
            rubrics) hold more objects than this in all.
        on_duplicate: What to do with an object whose identifier an earlier object of
            the same list has (real packages have two items under one identifier):
            ``"error"`` (the default) refuses the package, naming both places;
            ``"first"`` reads the first and lists each later one in
            `Reading.skipped`, at its place.

    Raises:
        InvalidCaseError: The package cannot be read as a framework; every problem is
            placed (``$.CFItems[3].identifier: required key missing``).
        InvalidQueryError: `on_duplicate` is neither ``"error"`` nor ``"first"``.

    >>> from skilltaxonomy import dumps, load, loads
    >>> reading = loads(dumps(load(), format="case"), format="case", report=True)
    >>> reading.taxonomy == load(), reading.skipped
    (True, ())
    >>> again = dumps(reading.taxonomy, format="case", metadata=reading.metadata)
    >>> again == dumps(load(), format="case")
    True
    """
    # One pause for the parse and the reading: the collector, back on between them,
    # would go through every object of the parsed package before a skill is made.
    with gc_paused():
        try:
            package = parse_json(data, source, max_bytes, max_depth)
        except InvalidTaxonomyError as error:
            raise InvalidCaseError(error.problems, source) from None
        reading = _from_package(package, source, strict, max_items, on_duplicate)
        # Dropped before the collector resumes, which would go through all of it first,
        # and what was made aged, which it would go through too.
        del package
        gc_aged()
    return reading


def from_package(
    package: object,
    *,
    source: str | None = None,
    strict: bool = False,
    max_items: int = DEFAULT_MAX_ITEMS,
    on_duplicate: str = "error",
) -> Reading:
    """Read a CFPackage already parsed from JSON (a mapping; not changed), as `read` does.

    Like every reader, it raises only `InvalidCaseError` for a package it cannot read.
    """
    return guarded(
        lambda: _from_package(package, source, strict, max_items, on_duplicate),
        InvalidCaseError,
        source,
    )


#: The values of `read`'s ``on_duplicate``.
ON_DUPLICATE = ("error", "first")


def _from_package(
    package: object, source: str | None, strict: bool, max_items: int, on_duplicate: str = "error"
) -> Reading:
    if on_duplicate not in ON_DUPLICATE:
        raise InvalidQueryError(
            f"on_duplicate must be one of {', '.join(map(repr, ON_DUPLICATE))}, "
            f"got {on_duplicate!r}"
        )
    if isinstance(package, Mapping) and type(package) is not dict:
        package = dict(package)
    # Some CASE services answer with the package wrapped: {"CFPackage": {...}}.
    if isinstance(package, dict) and list(package) == ["CFPackage"]:
        package = package["CFPackage"]
        if isinstance(package, Mapping) and type(package) is not dict:
            package = dict(package)
    reader = _Reader(package, source, on_duplicate)
    _check_size(reader, max_items)
    _find_repeats(reader)
    result = _read(reader) if typed_layout(package) else _read_tree(reader)
    if reader.problems:
        raise InvalidCaseError(reader.problems, source)
    if strict and reader.skipped:
        raise InvalidCaseError(reader.skipped, source)
    assert result is not None
    return result


def _check_size(reader: _Reader, max_items: int) -> None:
    """Refuse a package whose lists hold more than `max_items` objects, before reading them."""
    lists = [reader.package.get(key) for key in ("CFItems", "CFAssociations", "CFRubrics")]
    definitions = reader.package.get("CFDefinitions")
    if isinstance(definitions, dict):
        lists += definitions.values()
    total = sum(len(found) for found in lists if isinstance(found, list))
    if total > max_items:
        message = f"the package holds {total} objects; the limit is {max_items} (max_items)"
        reader.fail("$", message)


# The lists whose objects' identifiers must differ from each other's, by where they are.
_DEFINITION_LISTS = (
    "CFItemTypes",
    "CFAssociationGroupings",
    "CFConcepts",
    "CFSubjects",
    "CFLicenses",
)


#: The values of a CFDocument's ``caseVersion`` that `read` reads (a package without
#: one is read as CASE 1.0).
CASE_VERSIONS = ("1.0", "1.1")


def _check_case_version(reader: _Reader, document: Json) -> None:
    """Refuse a package of a CASE version this library does not know, naming those it reads."""
    if document.get("caseVersion") is None:
        return
    version = reader.string(document, "caseVersion", "$.CFDocument")
    if version and version not in CASE_VERSIONS:
        message = (
            f"unknown CASE version {version!r} (this library reads CASE "
            f"{' and '.join(CASE_VERSIONS)})"
        )
        reader.problems.append(Problem("$.CFDocument.caseVersion", message))


def _find_repeats(reader: _Reader) -> None:
    """Note each object whose identifier an earlier object of its list has.

    The lists are the items, the associations, the rubrics, their criteria (across
    rubrics), the criteria's levels (across criteria) and each list of definitions. Each
    repeat is a problem naming both places, or with ``on_duplicate="first"`` skipped at
    its place; either way `_Reader.indexed` never reads it.
    """
    package = reader.package

    def objects(holders: Iterable[tuple[str, object]], key: str) -> list[tuple[str, Json]]:
        found = []
        for path, holder in holders:
            entries = holder.get(key) if type(holder) is dict else None
            for index, entry in enumerate(entries if type(entries) is list else ()):
                if type(entry) is dict:
                    found.append((f"{path}.{key}[{index}]", entry))
        return found

    def check(listed: list[tuple[str, Json]]) -> list[tuple[str, Json]]:
        """Note the repeats of `listed`; return the objects that are read."""
        first: dict[str, str] = {}
        kept = []
        for where, entry in listed:
            identifier = entry.get("identifier")
            if type(identifier) is not str or not identifier:
                kept.append((where, entry))  # reported where the object is read
                continue
            earlier = first.setdefault(identifier, where)
            if earlier == where:
                kept.append((where, entry))
                continue
            reader.repeats[where] = earlier
            if reader.on_duplicate == "first":
                reader.skip(
                    where, f"not read: duplicate identifier {identifier!r} (first at {earlier})"
                )
            else:
                message = f"duplicate identifier {identifier!r} (first at {earlier}.identifier)"
                reader.problems.append(Problem(f"{where}.identifier", message))
        return kept

    for key in ("CFItems", "CFAssociations"):
        if not _distinct_identifiers(reader, key):
            check(objects([("$", package)], key))
    rubrics = check(objects([("$", package)], "CFRubrics"))
    criteria = check(objects(rubrics, "CFRubricCriteria"))
    check(objects(criteria, "CFRubricCriterionLevels"))
    for key in _DEFINITION_LISTS:
        check(objects([("$.CFDefinitions", package.get("CFDefinitions"))], key))


def _distinct_identifiers(reader: _Reader, key: str) -> bool:
    """Whether a list's objects all have text identifiers, no two alike: no repeats.

    Seen at C speed, for the lists of thousands of objects; else `_find_repeats` looks
    at each object.
    """
    if reader.listed(key) is None:
        return False
    identifiers = reader.column(key, "identifier")
    return {*map(type, identifiers)} <= _ONLY_TEXT and len(set(identifiers)) == len(identifiers)


def _read(reader: _Reader) -> Reading | None:  # noqa: PLR0915 - one pass, in the package's order
    package = reader.package
    for key in package:
        if key not in ("CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "CFRubrics"):
            reader.skip(f"$.{key}", "not kept (this library reads the CFPackage's CF* lists)")
    document = package.get("CFDocument")
    if type(document) is not dict:
        reader.fail("$.CFDocument", "required key missing (expected the CFDocument object)")
    reader.identifier(document, "$.CFDocument")
    _check_case_version(reader, document)
    title = reader.string(document, "title", "$.CFDocument", name=True)
    creator = reader.string(document, "creator", "$.CFDocument", required=False)
    changed = reader.string(document, "lastChangeDateTime", "$.CFDocument", required=False)
    language = reader.string(document, "language", "$.CFDocument", required=False) or "en"
    version = reader.string(document, "version", "$.CFDocument", required=False)
    head: dict[str, Any] = {
        "name": title,
        "version": version,
        "language": language,
        "description": reader.string(document, "description", "$.CFDocument", required=False),
        "publisher": reader.string(document, "publisher", "$.CFDocument", required=False),
        "source": reader.string(document, "officialSourceURL", "$.CFDocument", required=False),
    }
    head |= _values(reader, DOCUMENT, document, "$.CFDocument", _DOCUMENT_NATIVE)
    if type(document.get("title")) is str and not document["title"].strip():
        reader.problems.append(Problem("$.CFDocument.title", "expected a non-empty title"))
    reader.keep(("document",), document, "$.CFDocument")
    for key in document:
        if key not in _KEPT_DOCUMENT_FIELDS | _IGNORED_DOCUMENT_FIELDS:
            reader.skip(f"$.CFDocument.{key}", "not kept (a framework has no such field)")
    document_id = document.get("identifier")

    nodes: dict[str, _Node] = {}
    for index, path, raw in reader.indexed(package, "CFItems", "$"):
        identifier = reader.identifier(raw, path)
        type_title = _item_kind(raw)
        kind = CASE_ITEM_TYPES.get(type_title.casefold())
        named = kind not in (None, "expectation", "category", "role level")  # text, not names
        # A name and an id are one line of plain text (other text is checked by `string`).
        misnamed = [
            Problem(f"{path}.{field}", problem)
            for field in ("fullStatement", "humanCodingScheme")
            if named
            and type(raw.get(field)) is str
            and (problem := character_problem(raw[field], name=True)) is not None
        ]
        if misnamed:
            reader.problems += misnamed
            continue
        statement = reader.string(raw, "fullStatement", path)
        if kind is None:
            expected = ", ".join(sorted({t.title() for t in CASE_ITEM_TYPES}))
            shown = repr(type_title) if type_title else "none"
            reader.skip(path, f"item type {shown} is not read (expected one of: {expected})")
            continue
        if named and type(raw.get("fullStatement")) is str and not raw["fullStatement"].strip():
            reader.problems.append(
                Problem(
                    f"{path}.fullStatement", f"expected a non-empty statement (the {kind}'s name)"
                )
            )
            continue
        nodes[identifier] = _Node(index, kind, identifier, statement, raw)
        for field in raw:
            if field not in _KEPT_ITEM_FIELDS:
                reader.skip(f"{path}.{field}", f"not kept (a {kind} has no such field)")

    links: list[_Link] = []
    for index, path, raw in reader.indexed(package, "CFAssociations", "$"):
        kind = reader.string(raw, "associationType", path)
        origin = reader.link_target(raw, "originNodeURI", path)
        destination = reader.link_target(raw, "destinationNodeURI", path)
        identifier = reader.identifier(raw, path)
        if origin is None or destination is None or not kind:
            continue
        if kind not in _READ_ASSOCIATIONS:
            reader.skip(path, f"association type {kind!r} is not read")
            continue
        known = origin in nodes and (destination in nodes or destination == document_id)
        if not known:
            reader.skip(path, f"{kind} association between items that are not read")
            continue
        grouping_link = raw.get("CFAssociationGroupingURI")
        grouping = grouping_link.get("identifier") if isinstance(grouping_link, dict) else None
        sequence = raw.get("sequenceNumber")
        links.append(
            _Link(
                index,
                kind,
                origin,
                destination,
                sequence if type(sequence) is int else None,
                grouping if isinstance(grouping, str) else None,
            )
        )
        if identifier:
            reader.keep(("association", kind, origin, destination), raw, path)

    groupings = _read_definitions(reader, package)
    scales = _read_scales(reader, package)
    if reader.problems:
        return None
    taxonomy = _build(
        reader, nodes=nodes, links=links, groupings=groupings, head=head, scales=scales
    )
    _read_rubrics(reader, package, taxonomy)
    if reader.problems or taxonomy is None:
        return None
    metadata = CaseMetadata(creator, changed or _EPOCH, tuple(reader.objects))
    return Reading(taxonomy, reader.skipped, metadata)


def _read_definitions(reader: _Reader, package: Json) -> dict[str, bool]:
    """Keep the item types' and groupings' identifiers; return the groupings' flags."""
    definitions = package.get("CFDefinitions", {})
    flags: dict[str, bool] = {}
    if type(definitions) is not dict:
        reader.problems.append(Problem("$.CFDefinitions", "expected an object"))
        return flags
    for key in definitions:
        if key not in ("CFItemTypes", "CFAssociationGroupings") and definitions[key]:
            reader.skip(f"$.CFDefinitions.{key}", "not kept (a framework has no such list)")
    path = "$.CFDefinitions"
    for where, raw in reader.objects_of(definitions, "CFItemTypes", path):
        title = reader.string(raw, "title", where)
        if title.casefold() in CASE_ITEM_TYPES:
            reader.keep(
                ("item-type", _ITEM_TYPES[CASE_ITEM_TYPES[title.casefold()]][0]), raw, where
            )
    for where, raw in reader.objects_of(definitions, "CFAssociationGroupings", path):
        title = reader.string(raw, "title", where)
        flag = _GROUPING_FLAGS.get(title.strip().casefold())
        if flag is None:
            reader.skip(where, f"association grouping {title!r} is not read")
            continue
        flags[str(raw.get("identifier"))] = flag
        reader.keep(("grouping", title.strip().casefold()), raw, where)
    return flags


def _ordered(nodes: Iterable[_Node], sequence: Mapping[str, int | None]) -> list[_Node]:
    """By the ``sequenceNumber`` of each node's parent link, then the package's order."""
    big = 2**63
    return sorted(nodes, key=lambda n: (sequence.get(n.identifier) or big, n.index))


@attrs.frozen
class _ScaleRead:
    """A scale read from its rubric, and the definitions its criteria hold (by skill node)."""

    scale: Scale
    definitions: tuple[
        tuple[str, str, Json, str, Json], ...
    ]  # skill node, step id, raw, path, values


def _build(  # noqa: PLR0915 - one pass per kind, in the order references need
    reader: _Reader,
    *,
    nodes: Mapping[str, _Node],
    links: Sequence[_Link],
    groupings: Mapping[str, bool],
    head: Mapping[str, Any],
    scales: Sequence[_ScaleRead],
) -> Taxonomy | None:
    parent: dict[str, tuple[str, int | None]] = {}
    part_of: dict[str, _Link] = {}
    level_of: dict[str, str] = {}
    precedes: dict[str, str] = {}
    for link in links:
        path = f"$.CFAssociations[{link.index}]"
        tables: dict[str, dict[str, Any]] = {
            "isChildOf": parent,
            "isPartOf": part_of,
            "hasSkillLevel": level_of,
            "precedes": precedes,
        }
        table = tables[link.kind]
        if link.origin in table:
            reader.skip(path, f"a second {link.kind} association of the same item is not read")
        elif link.kind == "isChildOf":
            parent[link.origin] = (link.destination, link.sequence)
        elif link.kind == "isPartOf":
            part_of[link.origin] = link
        else:
            table[link.origin] = link.destination
    sequence = {origin: seq for origin, (_, seq) in parent.items()}
    of_kind: dict[str, list[_Node]] = {kind: [] for kind in _ITEM_TYPES}
    for node in nodes.values():
        of_kind[node.kind].append(node)

    ids: dict[str, str] = {}

    def place(node: _Node) -> str:
        return f"$.CFItems[{node.index}]"

    def values(node: _Node, record: Record, kind: str) -> dict[str, Any]:
        return _values(reader, record, node.raw, place(node), _NATIVE[kind])

    def notes(node: _Node) -> str:
        return reader.string(node.raw, "notes", place(node), required=False)

    def up(node: _Node) -> str:
        return parent.get(node.identifier, ("", None))[0]

    def name_ids(kind: str, ordered: list[_Node]) -> None:
        taken: set[str] = set()  # in the form ids collide in
        # The next suffix to try for each base, so that many items sharing one code are
        # numbered in one pass, not by trying 2, 3, … again for each.
        next_number: dict[str, int] = {}
        for node in ordered:
            code = node.raw.get("humanCodingScheme")
            base = code.strip() if isinstance(code, str) and code.strip() else slug(node.statement)
            key, number = base, next_number.get(id_key(base), 2)
            while id_key(key) in taken:
                key, number = f"{base}-{number}", number + 1
            next_number[id_key(base)] = number
            taken.add(id_key(key))
            ids[node.identifier] = key
            reader.keep((kind, key), node.raw, place(node))

    domains = []
    ordered_domains = _ordered(of_kind["domain"], sequence)
    name_ids("domain", ordered_domains)
    for node in ordered_domains:
        domains.append(
            Domain(ids[node.identifier], node.statement, **values(node, DOMAIN, "domain"))
        )
    domain_by_node = {node.identifier: d for node, d in zip(ordered_domains, domains, strict=True)}

    category_of: dict[str, tuple[Domain, str]] = {}
    for node in of_kind["category"]:
        if up(node) not in domain_by_node:
            reader.problems.append(
                Problem(place(node), "a category must be a child (isChildOf) of a domain item")
            )
            continue
        category_of[node.identifier] = (domain_by_node[up(node)], node.statement)
        key = ("category", domain_by_node[up(node)].id, node.statement)
        reader.keep(key, node.raw, place(node))

    scale_by_id = {read.scale.id: read.scale for read in scales}
    skills = []
    ordered_skills = _ordered(of_kind["skill"], sequence)
    name_ids("skill", ordered_skills)
    skill_by_node: dict[str, Skill] = {}
    for node in ordered_skills:
        if up(node) in domain_by_node:
            domain, category = domain_by_node[up(node)], ""
        elif up(node) in category_of:
            domain, category = category_of[up(node)]
        else:
            reader.problems.append(
                Problem(
                    place(node),
                    "a skill must be a child (isChildOf) of a domain or category item",
                )
            )
            continue
        found = values(node, SKILL, "skill")
        found["scale"] = _resolve(reader, found, "scale", scale_by_id, place(node))
        skill = Skill(ids[node.identifier], node.statement, domain, category, notes(node), **found)
        skills.append(skill)
        skill_by_node[node.identifier] = skill

    ladders = []
    ladder_by_node: dict[str, tuple[_Node, dict[str, Any]]] = {}
    ordered_ladders = _ordered(of_kind["ladder"], sequence)
    name_ids("ladder", ordered_ladders)
    for node in ordered_ladders:
        ladder_by_node[node.identifier] = (node, values(node, LADDER, "ladder"))
    # Each ladder's levels ("" for the framework's own), grouped in one pass.
    grouped: dict[str, list[_Node]] = {"": [], **{ladder: [] for ladder in ladder_by_node}}
    for node in of_kind["level"]:
        grouped[up(node) if up(node) in ladder_by_node else ""].append(node)
    level_nodes = _ladder(grouped[""], precedes, sequence)
    of_ladder = {ladder: _ladder(grouped[ladder], precedes, sequence) for ladder in ladder_by_node}
    name_ids("level", level_nodes + [n for each in of_ladder.values() for n in each])

    def levels_of(ordered: list[_Node]) -> list[Level]:
        return [
            Level(
                ids[node.identifier],
                node.statement,
                rank,
                notes(node),
                **values(node, LEVEL, "level"),
            )
            for rank, node in enumerate(ordered, start=1)
        ]

    levels = levels_of(level_nodes)
    level_by_node = dict(zip((n.identifier for n in level_nodes), levels, strict=True))
    for identifier, (node, found) in ladder_by_node.items():
        its = levels_of(of_ladder[identifier])
        level_by_node.update(zip((n.identifier for n in of_ladder[identifier]), its, strict=True))
        ladders.append(Ladder(ids[identifier], node.statement, its, notes(node), **found))
    ladder_by_id = {ladder.id: ladder for ladder in ladders}
    level_by_id = {level.id: level for level in level_by_node.values()}

    ordered_roles = _ordered(of_kind["role"], sequence)
    name_ids("role", ordered_roles)
    roles = []
    role_by_node = {}
    for node in ordered_roles:
        found = values(node, ROLE, "role")
        found["ladder"] = _resolve(reader, found, "ladder", ladder_by_id, place(node))
        found["start"] = _resolve(reader, found, "start", level_by_id, place(node))
        role = Role(ids[node.identifier], node.statement, summary=notes(node), **found)
        roles.append(role)
        role_by_node[node.identifier] = role

    role_levels = []
    for node in _ordered(of_kind["role level"], sequence):
        of_role = role_by_node.get(up(node))
        at_level = level_by_node.get(level_of.get(node.identifier, ""))
        if of_role is None or at_level is None:
            reader.problems.append(
                Problem(
                    place(node),
                    "a role level needs associations: isChildOf a role, hasSkillLevel a level",
                )
            )
            continue
        found = values(node, ROLE_LEVEL, "role level")
        role_levels.append(RoleLevel(of_role, at_level, focus=notes(node), **found))
        reader.keep(("role-level", of_role.id, at_level.id), node.raw, place(node))

    first_scale = scales[0].scale if scales else None
    ordered: list[tuple[int, int, Definition]] = []
    for read in scales:
        for skill_node, step_id, raw, where, found in read.definitions:
            of_skill = skill_by_node.get(skill_node)
            scale = None if of_skill is None else (of_skill.scale or first_scale)
            if of_skill is None or scale != read.scale:
                reader.skip(where, "a criterion level that defines no step of a skill is not read")
                continue
            step = read.scale.step(step_id)
            description = reader.string(raw, "description", where, required=False)
            order = found.pop("order")
            definition = Definition(of_skill, step, description, **found)
            ordered.append((2**63 if order is None else order, len(ordered), definition))
            reader.keep(("definition", of_skill.id, step_id), raw, where)
    definitions = [definition for _, _, definition in sorted(ordered, key=lambda o: o[:2])]

    expectations = []
    cells: dict[tuple[str, str, str], str] = {}
    for node in _ordered(of_kind["expectation"], sequence):
        where = place(node)
        of_skill = skill_by_node.get(up(node))
        role_link = part_of.get(node.identifier)
        of_role = None if role_link is None else role_by_node.get(role_link.destination)
        at_level = level_by_node.get(level_of.get(node.identifier, ""))
        if of_skill is None or of_role is None or at_level is None or role_link is None:
            missing = [
                text
                for found_, text in (
                    (of_skill, "isChildOf a skill"),
                    (of_role, "isPartOf a role"),
                    (at_level, "hasSkillLevel a level"),
                )
                if found_ is None
            ]
            reader.problems.append(
                Problem(where, f"an expectation needs associations: {', '.join(missing)}")
            )
            continue
        # Without a Mandatory or Optional grouping, the package does not say.
        flag = groupings.get(role_link.grouping or "")
        cell = (of_skill.id, of_role.id, at_level.id)
        if cell in cells:
            reader.problems.append(
                Problem(
                    where,
                    f"duplicate expectation for (skill, role, level) {cell!r} "
                    f"(first at {cells[cell]})",
                )
            )
            continue
        cells[cell] = where
        found = values(node, EXPECTATION, "expectation")
        scale = of_skill.scale or first_scale
        found["step"] = _resolve(reader, found, "step", _steps_by_key(scale), where)
        expectations.append(Expectation(of_skill, of_role, at_level, flag, node.statement, **found))
        reader.keep(("expectation", *cell), node.raw, where)
    if reader.problems:
        return None
    try:
        return Taxonomy(
            domains=domains,
            skills=skills,
            roles=roles,
            levels=levels,
            expectations=expectations,
            scales=[read.scale for read in scales],
            ladders=ladders,
            definitions=definitions,
            role_levels=role_levels,
            **head,
        )
    except InvalidTaxonomyError as error:
        # What the model refuses of the whole (a level off its role's ladder, a step off
        # its skill's scale): said of the package, with the model's own places.
        reader.problems += error.problems
        return None


def _steps_by_key(scale: Scale | None) -> dict[str, Step]:
    """The steps of `scale` by code and by id (an id wins over another step's code)."""
    if scale is None:
        return {}
    by_code = {step.code: step for step in scale.steps if step.code}
    return by_code | {step.id: step for step in scale.steps}


def _resolve(
    reader: _Reader, found: dict[str, Any], key: str, known: Mapping[str, _T], path: str
) -> _T | None:
    """The entity an extension's reference `key` names among `known`, or None."""
    named = found.get(key)
    if named is None:
        return None
    entity = known.get(named)
    if entity is None:
        where = f"{path}.extensions.{EXTENSION_KEY}.{key}"
        message = unknown_reference(key, named, known, f"a {key} of the package")
        reader.problems.append(Problem(where, message))
    return entity


def _extension(raw: Json) -> tuple[Json, str]:
    """Our part of an object's ``extensions``, and where it is.

    ``extensions`` is an object, or (on rubric criterion levels, as the schema has it)
    an array of objects.
    """
    extensions = raw.get("extensions")
    if isinstance(extensions, list):
        for index, each in enumerate(extensions):
            if isinstance(each, dict) and EXTENSION_KEY in each:
                ours, where = each[EXTENSION_KEY], f".extensions[{index}].{EXTENSION_KEY}"
                return (ours if isinstance(ours, dict) else {}), where
        return {}, ""
    ours = extensions.get(EXTENSION_KEY) if isinstance(extensions, dict) else None
    return (ours if isinstance(ours, dict) else {}), f".extensions.{EXTENSION_KEY}"


def _values(
    reader: _Reader,
    record: Record,
    raw: Json,
    path: str,
    native: Collection[str],
    *,
    ours: tuple[Json, str] | None = None,
) -> dict[str, Any]:
    """The model values of `record`'s keys in the object's extensions, checked by their rules.

    A key CASE holds in a field of its own, or one the record does not have, is reported
    as skipped; a value its rule refuses is a problem at its place.
    """
    found, where = _extension(raw) if ours is None else ours
    kept: dict[str, Any] = {}
    for key, value in found.items():
        position = record.positions.get(key)
        if position is None or key in native:
            kind = record.name.replace("_", " ")
            reader.skip(f"{path}{where}.{key}", f"not kept (a {kind} has no such field)")
            continue
        try:
            kept[key] = position[1](value, None)
        except InvalidValueError as error:
            reader.problems.append(Problem(f"{path}{where}.{key}", str(error)))
    return kept


def _ladder(
    levels: list[_Node], precedes: Mapping[str, str], sequence: Mapping[str, int | None]
) -> list[_Node]:
    """The levels in ladder order.

    Along ``precedes`` when it chains them all, else by ``listEnumeration``, then the
    sequence number, then the package's order.
    """
    by_id = {node.identifier: node for node in levels}
    targets = {precedes[i] for i in by_id if precedes.get(i) in by_id}
    starts = [i for i in by_id if i not in targets]
    if len(starts) == 1:
        chain, seen, current = [], set(), starts[0]
        while current in by_id and current not in seen:
            seen.add(current)
            chain.append(by_id[current])
            current = precedes.get(current, "")
        if len(chain) == len(levels):
            return chain

    def rank(node: _Node) -> tuple[int, int, int]:
        text = node.raw.get("listEnumeration")
        number = 2**63
        if isinstance(text, str) and text.isascii() and text.isdecimal() and len(text) < 19:
            number = int(text)
        return (number, sequence.get(node.identifier) or 2**63, node.index)

    return sorted(levels, key=rank)


def _scale_extension(rubric: Json) -> tuple[Json, str] | None:
    """The scale record a rubric of ours carries (``{"scale": {...}}``), if it is one."""
    found, where = _extension(rubric)
    scale = found.get("scale")
    if scale is None:
        return None
    return (scale if isinstance(scale, dict) else {}), f"{where}.scale"


def _read_scales(reader: _Reader, package: Json) -> list[_ScaleRead]:
    """The scales the package's scale rubrics hold, with the definitions of their criteria.

    A scale rubric's criterion that names no item holds the steps, one criterion level
    per step; each criterion naming a skill item holds the skill's definitions.
    """
    read: list[_ScaleRead] = []
    taken: set[str] = set()
    for path, rubric in reader.objects_of(package, "CFRubrics", "$"):
        ours = _scale_extension(rubric)
        if ours is None:
            continue
        found = _values(reader, SCALE, rubric, path, _NATIVE["scale"], ours=ours)
        title = reader.string(rubric, "title", path, name=True)
        scale_id = found.pop("id", "") or slug(title)
        if id_key(scale_id) in taken:
            reader.problems.append(Problem(path, f"duplicate scale id {scale_id!r}"))
            continue
        taken.add(id_key(scale_id))
        reader.keep(("rubric-scale", scale_id), rubric, path)
        criteria = reader.objects_of(rubric, "CFRubricCriteria", path)
        steps: list[Step] = []
        pending = []
        for where, criterion in criteria:
            link = criterion.get("CFItemURI")
            levels = reader.objects_of(criterion, "CFRubricCriterionLevels", where)
            if link is None and not steps:
                reader.keep(("criterion-steps", scale_id), criterion, where)
                for at, level in levels:
                    step = _values(reader, STEP, level, at, _NATIVE["step"])
                    name = reader.string(level, "quality", at, name=True)
                    step_id = step.pop("id", "") or slug(name)
                    description = reader.string(level, "description", at, required=False)
                    steps.append(
                        Step(step_id, name, len(steps) + 1, description=description, **step)
                    )
                    reader.keep(("criterion-step", scale_id, step_id), level, at)
                continue
            target = link.get("identifier") if isinstance(link, dict) else None
            if not isinstance(target, str):
                reader.skip(where, "a criterion that names no skill item is not read")
                continue
            reader.keep(("criterion-scale", scale_id, target), criterion, where)
            for at, level in levels:
                given, place = _extension(level)
                order = given.get("order")
                rest = {key: value for key, value in given.items() if key != "order"}
                definition = _values(
                    reader, DEFINITION, level, at, _NATIVE["definition"], ours=(rest, place)
                )
                definition["order"] = order if type(order) is int else None
                pending.append((target, definition.pop("step", ""), level, at, definition))
        if reader.problems:
            continue
        scale = Scale(scale_id, title, steps, rubric.get("description") or "", **found)
        known = _steps_by_key(scale)
        kept = []
        for target, step_id, level, at, definition in pending:
            if step_id not in known:
                message = unknown_reference("step", step_id, known, f"a step of {title!r}")
                reader.problems.append(Problem(f"{at}{_extension(level)[1]}.step", message))
                continue
            kept.append((target, step_id, level, at, definition))
        read.append(_ScaleRead(scale, tuple(kept)))
    return read


def _read_rubrics(reader: _Reader, package: Json, taxonomy: Taxonomy | None) -> None:
    """Keep the identifiers of rubrics that carry the grid; report any that do not."""
    if taxonomy is None:
        return
    skill_ids = {o.identifier: o.key[1] for o in reader.objects if o.key[0] == "skill"}
    by_name: dict[str, Role | None] = {}
    for each in taxonomy.roles:  # a name two roles share names neither
        by_name[each.name] = None if each.name in by_name else each
    for path, rubric in reader.objects_of(package, "CFRubrics", "$"):
        if _scale_extension(rubric) is not None:
            continue  # a scale's, read by `_read_scales`
        named = _extension(rubric)[0].get("role")
        role: Role | None = (
            taxonomy.role(named, None)
            if isinstance(named, str)
            else by_name.get(reader.string(rubric, "title", path, required=False))
        )
        if role is None:
            reader.skip(path, "a rubric that names no role (by its title) is not read")
            continue
        reader.keep(("rubric", role.id), rubric, path)
        for where, criterion in reader.objects_of(rubric, "CFRubricCriteria", path):
            link = criterion.get("CFItemURI")
            target = link.get("identifier") if isinstance(link, dict) else None
            skill_id = skill_ids.get(target) if isinstance(target, str) else None
            if skill_id is None:
                reader.skip(where, "a criterion that names no skill item is not read")
                continue
            reader.keep(("criterion", role.id, skill_id), criterion, where)
            for at, level in reader.objects_of(criterion, "CFRubricCriterionLevels", where):
                position = level.get("position")
                key = (
                    position
                    if type(position) is int
                    else reader.string(level, "quality", at, required=False)
                )
                found = taxonomy.level(key, None, role=role)
                cell = None if found is None else (skill_id, role.id, found.id)
                if cell is None or taxonomy.expectation(*cell, None) is None:
                    reader.skip(at, "a criterion level that matches no expectation is not read")
                    continue
                reader.keep(("criterion-level", *cell), level, at)


# Packages of other tools: a tree of items of any type ------------------------------------

# Item fields the tree reader maps onto the model; any other is kept as an extra.
_TREE_FIELDS = frozenset(
    {
        "identifier",
        "uri",
        "fullStatement",
        "abbreviatedStatement",
        "humanCodingScheme",
        "lastChangeDateTime",
        "CFItemType",
        "CFItemTypeURI",
        "language",
    }
)
# Document fields read into the framework's own (or ignored); any other is kept as an
# extra. The typed reader's, but extensions: other tools' are kept as they are.
_TREE_DOCUMENT_FIELDS = (_KEPT_DOCUMENT_FIELDS - {"extensions"}) | _IGNORED_DOCUMENT_FIELDS
#: The prefix of the extras a package's own fields become (``"case:educationLevel"``).
CASE_EXTRA_PREFIX = "case:"
# How long a name made from a statement may be, in characters.
_NAME_LENGTH = 120
# How many inner items above a skill its category names (the nearest).
_CATEGORY_DEPTH = 4


def typed_layout(package: object) -> bool:
    """Whether a package names its skills by item type, in domains and categories.

    This library's own packages do (every item of a type it knows), and so do tools
    that type items ``Competency`` under ``Domain`` and ``Cluster`` items. Any other
    package is read as a tree of items of any type (`_read_tree`): top items are
    domains, inner items categories, leaves skills.
    """
    if not isinstance(package, Mapping):
        return True  # the typed reader says what is wrong with it
    items = package.get("CFItems")
    associations = package.get("CFAssociations")
    if not isinstance(items, list) or not items:
        return True
    kinds: dict[str, str] = {}
    titles: list[Any] = (
        [*map(dict.get, items, itertools.repeat("CFItemType"))]
        if {*map(type, items)} == _ONLY_OBJECTS
        else []
    )
    if titles and {*map(type, titles)} == _ONLY_TEXT and "" not in titles:
        # Every item typed by its title (as most are): the types seen a column at a time.
        found = [*map(CASE_ITEM_TYPES.get, map(str.casefold, map(str.strip, titles)))]
        if None not in found:
            return True
        if "skill" not in found:
            return False  # no item typed a skill
        identifiers: list[Any] = [*map(dict.get, items, itertools.repeat("identifier"))]
        kinds = {
            identifier: kind
            for identifier, kind in zip(identifiers, found, strict=True)
            if kind is not None and isinstance(identifier, str)
        }
    else:
        every_typed = True
        for raw in items:
            kind = (
                CASE_ITEM_TYPES.get(_item_kind(raw).casefold()) if isinstance(raw, dict) else None
            )
            if kind is None:
                every_typed = False
            elif isinstance(raw.get("identifier"), str):
                kinds[raw["identifier"]] = kind
        if every_typed:
            return True
    skills = {identifier for identifier, kind in kinds.items() if kind == "skill"}
    if not skills:
        return False
    parents: dict[str, str] = {}
    for raw in associations if isinstance(associations, list) else ():
        if isinstance(raw, dict) and raw.get("associationType") == "isChildOf":
            origin, destination = raw.get("originNodeURI"), raw.get("destinationNodeURI")
            if isinstance(origin, dict) and isinstance(destination, dict):
                parents.setdefault(
                    str(origin.get("identifier")), str(destination.get("identifier"))
                )
    return all(kinds.get(parents.get(skill, "")) in ("domain", "category") for skill in skills)


def _name_of(raw: Json) -> str:
    """An item's name: its abbreviated statement, else its statement's first line, cut."""
    for field in ("abbreviatedStatement", "fullStatement"):
        text = raw.get(field)
        if isinstance(text, str) and text.strip():
            if "\n" in text or "\r" in text:
                line = next(line for line in split_lines(text) if line.strip()).strip()
            else:  # one line, the usual statement: nothing to split
                line = text.strip()
            if len(line) > _NAME_LENGTH:
                line = line[: _NAME_LENGTH - 1].rsplit(" ", 1)[0] + "…"
            return line
    code = raw.get("humanCodingScheme")
    return code.strip() if isinstance(code, str) and code.strip() else ""


def _line_named(reader: _Reader, text: str, path: str) -> str:
    """The name `text` (checked as text) gives (`_name_of`); "" where none may (said at `path`)."""
    name = _name_of({"fullStatement": text})
    problem = character_problem(name, name=True)
    if problem is not None:
        reader.problems.append(Problem(path, problem))
        return ""
    return name


def _refused_of_item(raw: Json, name: str, path: str) -> list[Problem]:
    """What a domain or skill would refuse of an item's name, id and URI, at their fields.

    For `_read_tree`: a statement, abbreviation or code passes the text rule (a tab, a
    line separator) where the name or id made of it may not; a URI is checked here.
    A field the text rule refused is reported already, and not again.
    """
    field = next(
        (
            key
            for key in ("abbreviatedStatement", "fullStatement")
            if isinstance(raw.get(key), str) and raw[key].strip()
        ),
        "humanCodingScheme",
    )
    checks = [(field, name, True)]
    code, uri = raw.get("humanCodingScheme"), raw.get("uri")
    if field != "humanCodingScheme" and isinstance(code, str) and code.strip():
        checks.append(("humanCodingScheme", code.strip(), True))
    if isinstance(uri, str):
        checks.append(("uri", uri, False))
    found = []
    for key, value, as_name in checks:
        if value.isprintable() or (as_name and character_problem(raw[key], name=False)):
            continue
        problem = character_problem(value, name=as_name)
        if problem is not None:
            found.append(Problem(f"{path}.{key}", problem))
    return found


def _case_extras(reader: _Reader, raw: Json, handled: Collection[str], path: str) -> Extras:
    """An object's fields beyond `handled`, as extras under ``case:``.

    A field whose key or value an extra cannot hold is reported, not kept.
    """
    return Extras._trusted(_case_extra_items(reader, raw, handled, path))


# The types the standard library's parser makes (another is a caller's: `from_package`).
_JSON_TYPES = frozenset((str, list, dict, int, float, bool))
_ONLY_TEXT = frozenset((str,))
_ONLY_OBJECTS = frozenset((dict,))
_ONLY_LISTS = frozenset((list,))
_TEXT_OR_NONE = frozenset((str, type(None)))
_WHOLE = frozenset((int, bool))


def _case_extra_items(
    reader: _Reader, raw: Json, handled: Collection[str], path: str
) -> dict[str, JSONValue]:
    """The items of `_case_extras`, as `Extras` would keep them.

    What the parser made as an extra keeps it (printable text, an array of it, a whole
    number, true or false, a key that is printable and unspaced) is kept as it is;
    anything else is frozen by `Extras`, which says what is wrong with it.
    """
    kept: dict[str, JSONValue] = {}
    for key, value in raw.items():
        if key in handled:
            continue
        kind = type(value)
        if value is None or (not value and (kind is str or kind is list or kind is dict)):
            continue  # says nothing
        if kind not in _JSON_TYPES and value in ("", [], {}):
            continue  # another empty mapping or sequence (`from_package`), as above
        named = f"{CASE_EXTRA_PREFIX}{key}"
        if named.isprintable() and named.strip() == named:
            if (kind is str and value.isprintable()) or kind is int or kind is bool:
                kept[named] = value
                continue
            # Only text, all of it printable (the types seen at C speed, then the whole).
            if kind is list and {*map(type, value)} == _ONLY_TEXT and printable("".join(value)):
                kept[named] = tuple(value)
                continue
        try:
            kept.update(Extras({named: value}).items())
        except InvalidValueError as error:
            reader.skip(f"{path}.{key}", f"not kept: {error}")
    return kept


def _all_uuids(identifiers: list[str]) -> bool:
    """Whether every identifier, lower-cased, is a UUID (`_UUID`), as `_Reader.identifier` asks.

    Seen at C speed: 36 characters each, all ASCII (no other character lower-cases to a
    hex digit or a hyphen), hyphens where a UUID has them and hex digits elsewhere.
    """
    joined = "".join(identifiers)
    if not joined.isascii() or {*map(len, identifiers)} != {36}:
        return False
    raw = joined.lower().encode("ascii")
    hyphens = b"-" * len(identifiers)
    return raw.translate(None, b"0123456789abcdef") == hyphens * 4 and all(
        raw[at::36] == hyphens for at in (8, 13, 18, 23)
    )


def _items_at_once(reader: _Reader) -> bool:
    """Whether `_read_tree`'s checks of each item would find nothing, seen at C speed.

    True where every item is an object, none repeats an identifier, every identifier is
    a UUID, and every statement (required), abbreviation, code, notes and URI (where
    given) is printable text: each passes its rule. Else each item is checked, and each
    problem placed.
    """
    if reader.listed("CFItems") is None or reader.repeats:
        return False

    def values(field: str, *, required: bool) -> list[Any] | None:
        found = reader.column("CFItems", field)
        if not required:
            found = [*filter(_NOT_NONE, found)]
        clean = {*map(type, found)} <= _ONLY_TEXT and printable("".join(found))
        return found if clean else None

    identifiers = values("identifier", required=True)
    if identifiers is None or not _all_uuids(identifiers):
        return False
    return values("fullStatement", required=True) is not None and all(
        values(field, required=False) is not None
        for field in ("abbreviatedStatement", "humanCodingScheme", "notes", "uri")
    )


def _links_at_once(reader: _Reader) -> _Links | None:
    """The associations' types and ends where `_read_tree`'s checks of each would find nothing.

    Seen at C speed: where every association is an object, none repeats an identifier,
    its type is printable text and both its ends are objects naming a non-empty
    identifier; else None.
    """
    if reader.listed("CFAssociations") is None or reader.repeats:
        return None
    kinds = reader.column("CFAssociations", "associationType")
    if not ({*map(type, kinds)} <= _ONLY_TEXT and printable("".join(kinds))):
        return None
    found: list[list[Any]] = []
    for end in ("originNodeURI", "destinationNodeURI"):
        links = reader.column("CFAssociations", end)
        if {*map(type, links)} != _ONLY_OBJECTS:
            return None
        targets: list[Any] = list(map(dict.get, links, itertools.repeat("identifier")))
        if not ({*map(type, targets)} <= _ONLY_TEXT and all(targets)):
            return None
        found.append(targets)
    return _Links(kinds, *found)


class _Links(NamedTuple):
    """The associations' types, origins and destinations (`_links_at_once`), in order."""

    kinds: list[str]
    origins: list[str]
    destinations: list[str]


def _names_at_once(reader: _Reader) -> list[str] | None:
    """Each item's name (`_name_of`), made at C speed, or None to make each one by one.

    For items `_items_at_once` passed, none abbreviated, each statement one printable
    line (printable text holds no line break) short enough to be a name as it is.
    """
    if {*reader.column("CFItems", "abbreviatedStatement")} != {None}:
        return None
    found: list[str] = [*map(str.strip, reader.column("CFItems", "fullStatement"))]
    if "" in found or max(map(len, found)) > _NAME_LENGTH:
        return None
    return found


def _tree_at_once(
    reader: _Reader,
    links: _Links | None,
    items: Mapping[str, tuple[int, Json]],
    document_id: object,
    *,
    parent: dict[str, str],
    children: dict[str, list[tuple[int, int, str]]],
) -> bool:
    """Read the associations at C speed where each is one item's only isChildOf link.

    For associations `_links_at_once` passed (`links`): where every one is an isChildOf
    from an item read, to the document or an item read, and no item has two, `parent`
    and `children` are filled as `_read_tree`'s loop would fill them (nothing is
    skipped), and True is returned; else nothing is filled.
    """
    if links is None or set(links.kinds) != {"isChildOf"}:
        return False
    origins, destinations = links.origins, links.destinations
    starts = set(origins)
    if (
        len(starts) != len(origins)
        or not items.keys() >= starts
        or any(other != document_id for other in set(destinations) - items.keys())
    ):
        return False
    sequences = reader.column("CFAssociations", "sequenceNumber")
    if {*map(type, sequences)} != {int}:
        sequences = [number if type(number) is int else 2**63 for number in sequences]
    parent.update(zip(origins, destinations, strict=True))
    positions = [*map(_FIRST, map(items.__getitem__, origins))]
    below: collections.defaultdict[str, list[tuple[int, int, str]]] = collections.defaultdict(list)
    places = zip(sequences, positions, origins, strict=True)
    collections.deque[None](maxlen=0).extend(
        map(list.append, map(below.__getitem__, destinations), places)
    )
    children.update(below)
    return True


# What `_read_tree` holds the place of a skill's object with, until the skill is made.
_PENDING = CaseObject(("skill",), "", "", "")


class _Columns(NamedTuple):
    """What `_skills_at_once` found of each item, in the items' order."""

    names: list[str]
    extras: list[Extras]
    bases: list[str]
    uris: list[str | None]
    changes: list[str | None]


def _skills_at_once(reader: _Reader, names: list[str]) -> _Columns | None:
    """Each item's extras as a skill and the base of its id, or None to make each at its turn.

    For items `_names_at_once` named (`names`): where every item's URI and change time
    are printable text (or not given), every field beyond `_TREE_FIELDS` an extra kept
    as it is (`_case_extra_items`: printable, non-empty text, an array of it, a whole
    number, true or false) under a key an id, and every code (else name's slug) an id,
    no skill made of any item is reported, or made by its constructor: all can be made
    at the end, at once (`_pending_skills`), as `add_skill` would make each.
    """
    entries = reader.listed("CFItems")
    assert entries is not None
    uris = reader.column("CFItems", "uri")  # printable text or none (`_items_at_once`)
    changes = reader.column("CFItems", "lastChangeDateTime")
    if not {*map(type, changes)} <= _TEXT_OR_NONE or not printable("".join(filter(None, changes))):
        return None
    codes = reader.column("CFItems", "humanCodingScheme")
    bases: list[str] = []
    if {*map(type, codes)} == _ONLY_TEXT:
        bases = [*map(str.strip, codes)]
    if not bases or "" in bases:
        bases = [
            code.strip() if type(code) is str and code.strip() else slug(name)
            for code, name in zip(codes, names, strict=True)
        ]
    if "" in bases or not printable("".join(bases)):
        return None
    titles = reader.column("CFItems", "CFItemType")
    if {*map(type, titles)} == _ONLY_TEXT and "" not in titles:
        kinds: list[str] = [*map(str.strip, titles)]
    else:
        kinds = [*map(_item_kind, entries)]
    if not printable("".join(kinds)):
        return None
    extras = _extras_at_once(entries, kinds)
    return None if extras is None else _Columns(names, extras, bases, uris, changes)


def _extras_at_once(entries: list[Json], kinds: list[str]) -> list[Extras] | None:
    """Each item's extras (`_case_extra_items`, then its type), a field at a time; or None.

    None where a field would not be kept as it is: what `Extras` would report, or
    leave out (an empty or null value). Items whose extras are alike (the same grade
    levels and type, as most of a package's items are) share one `Extras`, made once.
    """
    every_kind = "" not in kinds
    shapes: list[tuple[str, ...]] = [*map(tuple, entries)]
    groups: dict[tuple[str, ...], list[int]] = {}
    if len(set(shapes)) == 1:
        groups[shapes[0]] = list(range(len(entries)))
    else:
        for index, shape in enumerate(shapes):
            groups.setdefault(shape, []).append(index)
    extras: list[Extras] = [NO_EXTRAS] * len(entries)
    for shape, indices in groups.items():
        group = entries if len(groups) == 1 else [entries[index] for index in indices]
        keys: list[str] = []
        columns: list[list[Any]] = []
        # Whether rows alike in value are alike: no column holds both 1 and True.
        comparable = True
        for field in shape:
            if field in _TREE_FIELDS:
                continue
            key = f"{CASE_EXTRA_PREFIX}{field}"
            if not (key.isprintable() and key.strip() == key):
                return None
            column: list[Any] = [*map(dict.__getitem__, group, itertools.repeat(field))]
            types_ = {*map(type, column)}
            if types_ == _ONLY_TEXT:
                if "" in column or not printable("".join(column)):
                    return None
            elif types_ == _ONLY_LISTS:
                texts = [*itertools.chain.from_iterable(column)]
                if [] in column or {*map(type, texts)} != _ONLY_TEXT:
                    return None
                if not printable("".join(texts)):
                    return None
                column = [*map(tuple, column)]
            elif not types_ <= _WHOLE:
                return None
            comparable = comparable and types_ != _WHOLE
            keys.append(key)
            columns.append(column)
        # An item's type is its last extra, where it has one.
        if every_kind:
            keys.append(f"{CASE_EXTRA_PREFIX}CFItemType")
            columns.append(kinds if len(groups) == 1 else [kinds[index] for index in indices])
        made: list[Extras]
        rows: list[tuple[Any, ...]] = [*zip(*columns, strict=True)] if columns else []
        distinct = dict.fromkeys(rows) if comparable and every_kind else rows
        if rows and len(distinct) * 2 <= len(rows):
            shared = {row: Extras._trusted(dict(zip(keys, row, strict=True))) for row in distinct}
            made = [*map(shared.__getitem__, rows)]
        else:
            dicts: list[dict[str, JSONValue]] = (
                [*map(dict, map(zip, itertools.repeat(keys), rows))]
                if columns
                else [{} for _ in indices]
            )
            if not every_kind:
                for index, items in zip(indices, dicts, strict=True):
                    if kinds[index]:
                        items[f"{CASE_EXTRA_PREFIX}CFItemType"] = kinds[index]
            made = (
                Extras._trusted_each(dicts) if {} not in dicts else [*map(Extras._trusted, dicts)]
            )
        if len(groups) == 1:
            extras = made
        else:
            for index, found in zip(indices, made, strict=True):
                extras[index] = found
    return extras


def _pending_skills(
    reader: _Reader,
    pending: list[tuple[str, Domain, str, int]],
    items: Mapping[str, tuple[int, Json]],
    *,
    at_once: _Columns,
    taken: set[str],
) -> dict[str, Skill]:
    """The skills `_read_tree` put off (`_skills_at_once`) by item, made as `add_skill` would.

    Their objects take the places held for them in `reader.objects`. Each column is
    made by the interpreter's own loops where it can be, of the columns `at_once` has.
    A name `_names_at_once` made is its item's statement, stripped: no skill has a
    summary.
    """
    identifiers, domains, categories, slots = map(list, zip(*pending, strict=True))
    indices: list[int] = [*map(_FIRST, map(items.__getitem__, identifiers))]
    bases: list[str] = [*map(at_once.bases.__getitem__, indices)]
    folded = [*map(str.lower, bases)] if "".join(bases).isascii() else [*map(id_key, bases)]
    if not taken and len(set(folded)) == len(folded):
        keys = bases
        taken.update(folded)
    else:
        keys = []
        for base in bases:  # as `unique` gives them, in turn
            key, number = base, 2
            found = id_key(key)
            while found in taken:
                key, number = f"{base}-{number}", number + 1
                found = id_key(key)
            taken.add(found)
            keys.append(key)
    uris: list[Any] = [*map(at_once.uris.__getitem__, indices)]
    changes: list[Any] = [*map(at_once.changes.__getitem__, indices)]
    # Where an item has no URI, its object's is made of its identifier.
    urns: list[str] | None = (
        [f"urn:uuid:{identifier}" for identifier in identifiers]
        if None in uris or "" in uris
        else None
    )
    extras: list[Extras] = [*map(at_once.extras.__getitem__, indices)]
    skills = _unchecked_many(
        Skill,
        {
            "id": keys,
            "name": [*map(at_once.names.__getitem__, indices)],
            "domain": domains,
            "category": categories,
            "external_id": uris
            if urns is None
            else [urn if uri is None else uri for uri, urn in zip(uris, urns, strict=True)],
            "extras": extras,
        },
    )
    made = _case_objects(
        [*zip(itertools.repeat("skill"), keys)],
        identifiers,
        uris if urns is None else [uri or urn for uri, urn in zip(uris, urns, strict=True)],
        changes if None not in changes else [changed or "" for changed in changes],
    )
    collections.deque[None](maxlen=0).extend(map(reader.objects.__setitem__, slots, made))
    return dict(zip(identifiers, skills, strict=True))


_FIRST = operator.itemgetter(0)
_NOT_NONE = functools.partial(operator.is_not, None)
_CASE_OBJECT_SLOTS = tuple(
    CaseObject.__dict__[field.name].__set__ for field in attrs.fields(CaseObject)
)


def _case_objects(*columns: list[Any]) -> list[CaseObject]:
    """A `CaseObject` of each row of `columns` (its fields in order), made at C speed."""
    made = [*map(object.__new__, itertools.repeat(CaseObject, len(columns[0])))]
    consume = collections.deque[None](maxlen=0).extend
    for setter, values in zip(_CASE_OBJECT_SLOTS, columns, strict=True):
        consume(map(setter, made, values))
    return made


def _read_tree(reader: _Reader) -> Reading | None:  # noqa: PLR0915 - one pass, in tree order
    """Read a package as a tree of items of any type (see `typed_layout`).

    Top items (children of the document) are domains; inner items are categories, whose
    names, joined with " › ", label the skills below them; leaves are skills, and so
    is an inner item with a statement of its own (a code, or more text than its name).
    A top item with no children is a skill of a domain named after the document.
    Codes are ids, URIs external ids, and every other field of an item or the
    document is kept as an extra under ``case:`` (``case:educationLevel``); other
    associations are kept on the skill they start from (``case:isRelatedTo``, the
    identifiers they point at). Rubrics are scales and their criteria's levels the
    definitions of the skills they name.
    """
    package = reader.package
    document = package.get("CFDocument")
    if type(document) is not dict:
        reader.fail("$.CFDocument", "required key missing (expected the CFDocument object)")
    for key in package:
        if key not in ("CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "CFRubrics"):
            reader.skip(f"$.{key}", "not kept (this library reads the CFPackage's CF* lists)")
    reader.identifier(document, "$.CFDocument")
    _check_case_version(reader, document)
    title = reader.string(document, "title", "$.CFDocument", name=True)
    if type(document.get("title")) is str and not document["title"].strip():
        reader.problems.append(Problem("$.CFDocument.title", "expected a non-empty title"))
    head: dict[str, Any] = {
        "name": title,
        "version": reader.string(document, "version", "$.CFDocument", required=False),
        "language": reader.string(document, "language", "$.CFDocument", required=False) or "en",
        "description": reader.string(document, "description", "$.CFDocument", required=False),
        "publisher": reader.string(document, "publisher", "$.CFDocument", required=False),
        "source": reader.string(document, "officialSourceURL", "$.CFDocument", required=False),
        "external_id": reader.string(document, "uri", "$.CFDocument", required=False),
    }
    license_link = document.get("licenseURI")
    if isinstance(license_link, dict) and isinstance(license_link.get("title"), str):
        head["licence"] = reader.string(license_link, "title", "$.CFDocument.licenseURI")
    handled = _TREE_DOCUMENT_FIELDS | ({"licenseURI"} if "licence" in head else set())
    head["extras"] = _case_extras(reader, document, handled, "$.CFDocument")
    creator = reader.string(document, "creator", "$.CFDocument", required=False)
    changed = reader.string(document, "lastChangeDateTime", "$.CFDocument", required=False)
    reader.keep(("document",), document, "$.CFDocument")
    document_id = document.get("identifier")

    items: dict[str, tuple[int, Json]] = {}
    names: dict[str, str] = {}  # each item's, made once (`_name_of`)
    # Where every item is as tools write them, its checks below find nothing.
    checked_at_once = _items_at_once(reader)
    named_at_once = _names_at_once(reader) if checked_at_once else None
    if named_at_once is not None:
        # Every item is read, under its own identifier, with a name (no item skipped).
        entries: list[Json] = package["CFItems"]
        identifiers = reader.column("CFItems", "identifier")
        items = dict(zip(identifiers, enumerate(entries), strict=True))
        names = dict(zip(identifiers, named_at_once, strict=True))
    # Where no item's extras, id or place would be reported, skills are made at the end.
    skills_at_once = _skills_at_once(reader, named_at_once) if named_at_once is not None else None
    for index, path, raw in (
        () if named_at_once is not None else reader.indexed(package, "CFItems", "$")
    ):
        if checked_at_once:
            identifier = raw["identifier"]
        else:
            identifier = reader.identifier(raw, path)
            reader.string(raw, "fullStatement", path)
            for field in ("abbreviatedStatement", "humanCodingScheme", "notes"):
                reader.string(raw, field, path, required=False)
        name = _name_of(raw)
        if not name:
            reader.skip(path, "an item with no statement, abbreviation or code is not read")
            continue
        if not checked_at_once:
            reader.problems += _refused_of_item(raw, name, path)
        items[identifier] = (index, raw)
        names[identifier] = name

    children: dict[str, list[tuple[int, int, str]]] = {}
    parent: dict[str, str] = {}
    others: list[tuple[int, str, str, str]] = []
    links_at_once = _links_at_once(reader)
    tree_at_once = bool(links_at_once) and _tree_at_once(
        reader,
        links_at_once,
        items,
        document_id,
        parent=parent,
        children=children,
    )
    for index, path, raw in () if tree_at_once else reader.indexed(package, "CFAssociations", "$"):
        if links_at_once:
            kind = raw["associationType"]
            origin = raw["originNodeURI"]["identifier"]
            destination = raw["destinationNodeURI"]["identifier"]
        else:
            kind = reader.string(raw, "associationType", path)
            origin = reader.link_target(raw, "originNodeURI", path)
            destination = reader.link_target(raw, "destinationNodeURI", path)
        if origin is None or destination is None or not kind:
            continue
        if origin not in items:
            reader.skip(path, f"{kind} association from an item that is not read")
            continue
        if kind != "isChildOf":
            if character_problem(kind, name=True) or kind.strip() != kind:
                reader.skip(path, f"association type {kind!r} is not read")
                continue
            # The target is kept in an extra: text, as an extra holds it.
            problem = character_problem(destination, name=False)
            if problem is not None:
                reader.problems.append(Problem(f"{path}.destinationNodeURI.identifier", problem))
            others.append((index, kind, origin, destination))
            continue
        if destination != document_id and destination not in items:
            reader.skip(path, "isChildOf association to an item that is not read")
            continue
        if origin in parent:
            reader.skip(path, "a second isChildOf association of the same item is not read")
            continue
        parent[origin] = destination
        sequence = raw.get("sequenceNumber")
        number = sequence if type(sequence) is int else 2**63
        children.setdefault(destination, []).append((number, items[origin][0], origin))
    if reader.problems:
        return None

    def ordered(of: str) -> list[str]:
        return [identifier for _, _, identifier in sorted(children.get(of, ()))]

    # Items under no read parent hang from the document, after its own children.
    roots = ordered(str(document_id)) + sorted(
        items.keys() - parent.keys(), key=lambda i: items[i][0]
    )
    taken: dict[str, set[str]] = {"domain": set(), "skill": set()}

    def unique(kind: str, raw: Json, name: str) -> str:
        code = raw.get("humanCodingScheme")
        base = code.strip() if isinstance(code, str) and code.strip() else slug(name)
        key, number, ids = base, 2, taken[kind]
        folded = id_key(key)
        while folded in ids:
            key, number = f"{base}-{number}", number + 1
            folded = id_key(key)
        ids.add(folded)
        return key

    domains: list[Domain] = []
    skills: list[Skill] = []
    skill_of: dict[str, Skill] = {}
    seen: set[str] = set()
    loose: list[str] = []

    def place(identifier: str) -> str:
        return f"$.CFItems[{items[identifier][0]}]"

    make_skill = _unchecked_maker(Skill)
    # The skills to make at the end (`_skills_at_once`): item, domain, category, and the
    # place of its object in `reader.objects`.
    put_off: list[tuple[str, Domain, str, int]] = []

    def add_skill(identifier: str, domain: Domain, category: str) -> None:
        if skills_at_once is not None:
            put_off.append((identifier, domain, category, len(reader.objects)))
            reader.objects.append(_PENDING)
            return
        _, raw = items[identifier]
        name = names[identifier]
        statement = raw.get("fullStatement") if isinstance(raw.get("fullStatement"), str) else ""
        summary = statement if statement and statement.strip() != name else ""
        key = unique("skill", raw, name)
        uri = raw.get("uri")
        external_id = uri if isinstance(uri, str) else f"urn:uuid:{identifier}"
        where = place(identifier)
        extras = _case_extra_items(reader, raw, _TREE_FIELDS, where)
        item_type = _item_kind(raw)
        if item_type:
            extras[f"{CASE_EXTRA_PREFIX}CFItemType"] = item_type
        # Printable values pass every rule but an id's and a name's spacing, seen here:
        # what the constructor would make, without its checks; else the constructor.
        trusted = bool(
            key
            and key.isprintable()
            and key.strip() == key
            and name.isprintable()
            and name.strip()
            and category.isprintable()
            and summary.isprintable()
            and external_id.isprintable()
            and item_type.isprintable()
        )
        skill = (make_skill if trusted else Skill)(
            key,
            name,
            domain,
            category,
            summary,
            external_id=external_id,
            extras=Extras._trusted(extras) if trusted else Extras(extras),
        )
        skills.append(skill)
        skill_of[identifier] = skill
        reader.keep(("skill", key), raw, where)

    def walk(start: str, domain: Domain) -> None:
        """The items below a domain, depth first in their order, without recursion.

        A skill's category names the inner items above it, the nearest few (a deep tree
        would otherwise give labels as long as the tree is deep).
        """
        # Each item with the inner items above it and their label: the label is made
        # once for all the items below one.
        stack: list[tuple[str, tuple[str, ...], str]] = [(start, (), "")]
        while stack:
            identifier, path, label = stack.pop()
            if identifier in seen:
                reader.skip(place(identifier), "an item reached twice (its isChildOf links loop)")
                continue
            seen.add(identifier)
            below = (
                [child for child in ordered(identifier) if child in items]
                if identifier in children
                else []
            )
            if not below:  # a leaf: a skill
                add_skill(identifier, domain, label)
                continue
            _, raw = items[identifier]
            code = raw.get("humanCodingScheme")
            bears = (isinstance(code, str) and code.strip()) or names[identifier] != (
                raw.get("fullStatement") or ""
            ).strip()
            if bears:
                add_skill(identifier, domain, label)
            inner = (*path, names[identifier])[-_CATEGORY_DEPTH:]
            inner_label = " › ".join(inner)
            if not bears:
                # An inner heading names the category of the skills below it (and an
                # export keeps its identifier for that category; an item read as a
                # skill keeps it as the skill's).
                reader.keep(("category", domain.id, inner_label), raw, place(identifier))
            if (
                skills_at_once is not None
                and children.keys().isdisjoint(below)
                and seen.isdisjoint(below)
                and len(set(below)) == len(below)
            ):
                # Only leaves below, each reached once: all put off in turn, at C speed,
                # as the loop would put off each.
                seen.update(below)
                first = len(reader.objects)
                put_off.extend(
                    zip(
                        below,
                        itertools.repeat(domain),
                        itertools.repeat(inner_label),
                        range(first, first + len(below)),
                    )
                )
                reader.objects.extend(itertools.repeat(_PENDING, len(below)))
                continue
            stack.extend((child, inner, inner_label) for child in reversed(below))

    for root in roots:
        _, raw = items[root]
        if not [child for child in ordered(root) if child in items]:
            loose.append(root)
            continue
        extras = dict(_case_extras(reader, raw, _TREE_FIELDS, place(root)))
        if _item_kind(raw):
            extras[f"{CASE_EXTRA_PREFIX}CFItemType"] = _item_kind(raw)
        domain = Domain(
            unique("domain", raw, names[root]),
            names[root],
            external_id=raw["uri"] if isinstance(raw.get("uri"), str) else "",
            extras=Extras(extras),
        )
        domains.append(domain)
        reader.keep(("domain", domain.id), raw, place(root))
        seen.add(root)
        for child in ordered(root):
            walk(child, domain)
    if loose:
        holder = Domain(slug(title) or "framework", title or "Framework")
        domains.append(holder)
        for identifier in loose:
            walk(identifier, holder)
    if not seen.issuperset(items):
        for identifier in items:
            if identifier not in seen:
                reader.skip(place(identifier), "an item in a loop of isChildOf links is not read")

    if put_off:
        assert skills_at_once is not None
        skill_of = _pending_skills(
            reader, put_off, items, at_once=skills_at_once, taken=taken["skill"]
        )
        skills = list(skill_of.values())
    links: dict[str, dict[str, list[str]]] = {}
    for index, kind, origin, destination in others:
        if origin in skill_of:
            links.setdefault(origin, {}).setdefault(kind, []).append(destination)
        else:
            where = f"$.CFAssociations[{index}]"
            reader.skip(where, f"{kind} association from an item read as a domain or category")
    if links:
        skills = [
            attrs.evolve(
                skill,
                extras=Extras(
                    {
                        **skill.extras,
                        **{f"{CASE_EXTRA_PREFIX}{kind}": ids for kind, ids in links[key].items()},
                    }
                ),
            )
            if key in links
            else skill
            for key, skill in zip(skill_of, skills, strict=True)
        ]
    by_item = dict(zip(skill_of, skills, strict=True))
    scales, pending = _tree_scales(reader, package, by_item)
    if reader.problems:
        return None
    definitions: list[Definition] = []
    if pending:
        # A skill defined on a scale other than the first (every skill's default) names it.
        scale_of = {key: scale for key, scale, _, _ in pending}
        first = scales[0] if scales else None
        skills = [
            attrs.evolve(skill, scale=scale_of[skill.id])
            if skill.id in scale_of and scale_of[skill.id] is not first
            else skill
            for skill in skills
        ]
        by_id = {skill.id: skill for skill in skills}
        definitions = [Definition(by_id[key], step, text) for key, _, step, text in pending]
    taxonomy = Taxonomy(
        domains=domains,
        skills=skills,
        roles=(),
        levels=(),
        expectations=(),
        scales=scales,
        definitions=definitions,
        **head,
    )
    metadata = CaseMetadata(creator, changed or _EPOCH, tuple(reader.objects))
    return Reading(taxonomy, reader.skipped, metadata)


def _tree_scales(
    reader: _Reader, package: Json, skill_of: Mapping[str, Skill]
) -> tuple[list[Scale], list[tuple[str, Scale, Step, str]]]:
    """Each rubric as a scale: its steps from its criteria's levels, by position.

    A step's name is its level's ``quality`` (else "Level N"); a criterion that names a
    skill item gives that skill its definitions, one per level, returned as (skill id,
    scale, step, description). A skill defined by several rubrics keeps the first (the
    others are reported).
    """
    scales: list[Scale] = []
    pending: list[tuple[str, Scale, Step, str]] = []
    defined: dict[str, str] = {}
    taken: set[str] = set()
    for path, rubric in reader.objects_of(package, "CFRubrics", "$"):
        title = reader.string(rubric, "title", path, required=False)
        title = _line_named(reader, title, f"{path}.title") or f"Rubric {len(scales) + 1}"
        criteria = reader.objects_of(rubric, "CFRubricCriteria", path)
        names: dict[int, str] = {}
        for where, criterion in criteria:
            for at, level in reader.objects_of(criterion, "CFRubricCriterionLevels", where):
                position = level.get("position")
                if type(position) is not int:
                    reader.skip(at, "a criterion level without a position is not read")
                    continue
                quality = reader.string(level, "quality", at, required=False)
                name = _line_named(reader, quality, f"{at}.quality") or f"Level {position}"
                names.setdefault(position, name)
        if not names:
            reader.skip(path, "a rubric without criterion levels is not read")
            continue
        base, number = slug(title) or "scale", 2
        scale_id = base
        while id_key(scale_id) in taken:
            scale_id, number = f"{base}-{number}", number + 1
        taken.add(id_key(scale_id))
        ranked = sorted(names)
        steps = [
            Step(str(position), names[position], rank)
            for rank, position in enumerate(ranked, start=1)
        ]
        by_position = dict(zip(ranked, steps, strict=True))
        description = reader.string(rubric, "description", path, required=False)
        scale = Scale(scale_id, title, steps, description)
        scales.append(scale)
        reader.keep(("rubric-scale", scale_id), rubric, path)
        for where, criterion in criteria:
            link = criterion.get("CFItemURI")
            target = link.get("identifier") if isinstance(link, dict) else None
            skill = skill_of.get(target) if isinstance(target, str) else None
            if skill is None:
                reader.skip(where, "a criterion that names no skill item is not read")
                continue
            if defined.setdefault(skill.id, scale_id) != scale_id:
                reader.skip(where, f"skill {skill.id!r} is defined by an earlier rubric already")
                continue
            seen: set[int] = set()
            for at, level in reader.objects_of(criterion, "CFRubricCriterionLevels", where):
                position = level.get("position")
                if type(position) is int and position not in seen:
                    seen.add(position)
                    text = reader.string(level, "description", at, required=False)
                    pending.append((skill.id, scale, by_position[position], text))
    return scales, pending
