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

import datetime
import json
import re
import types
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NoReturn, TypeAlias

import attrs

from skilltaxonomy._text import character_problem, id_key, show, slug
from skilltaxonomy.exceptions import InvalidCaseError, InvalidTaxonomyError, Problem
from skilltaxonomy.formats._guard import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, Reading, guarded
from skilltaxonomy.formats._json import parse_json
from skilltaxonomy.formats.fields import refuse_beyond_v1
from skilltaxonomy.model import Domain, Expectation, Level, Role, Skill, Taxonomy

#: The namespace every identifier this library makes descends from.
CASE_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://skilltaxonomy.readthedocs.io/case/1.1")

#: How many objects a package's lists may hold in all, by default.
DEFAULT_MAX_ITEMS = 2_000_000

#: Where this library keeps, in an object's ``extensions``, what CASE has no field for.
EXTENSION_KEY = "skilltaxonomy"

Key: TypeAlias = tuple[str, ...]
Json: TypeAlias = dict[str, Any]

_ITEM_TYPES = {
    "domain": ("Domain", "A broad area of competence that holds skills."),
    "category": ("Category", "A group of skills within a domain."),
    "skill": ("Skill", "A skill, assessed against a ladder of levels."),
    "role": ("Role", "A job role that expects skills at each level."),
    "level": ("Level", "A step of the career ladder; each precedes the next."),
    "expectation": ("Expectation", "What a role expects of a skill at a level."),
}

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


def to_package(  # noqa: PLR0915 - builds the package in one readable pass
    taxonomy: Taxonomy,
    *,
    metadata: CaseMetadata | None = None,
    creator: str | None = None,
    changed: datetime.datetime | None = None,
) -> dict[str, Any]:
    """The framework as a 1EdTech CASE 1.1 CFPackage (JSON-ready data).

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
    refuse_beyond_v1(taxonomy, "the CASE writer", "write JSON: format v2 holds it")
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
    document: Json = {
        **head(("document",)),
        "creator": creator or (metadata.creator if metadata else taxonomy.name),
        "title": taxonomy.name,
        "caseVersion": "1.1",
        "language": taxonomy.language,
    }
    if taxonomy.version:
        document["version"] = taxonomy.version
    types = {
        kind: {
            **head(("item-type", title)),
            "title": title,
            "description": description,
            "hierarchyCode": str(number),
        }
        for number, (kind, (title, description)) in enumerate(_ITEM_TYPES.items(), start=1)
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
        kind: str, origin: Json, destination: Json, sequence: int | None = None, **more: Any
    ) -> None:
        origin_title = str(origin.get("fullStatement", origin.get("title", "")))
        destination_title = str(destination.get("fullStatement", destination.get("title", "")))
        association = {
            **head(("association", kind, origin["identifier"], destination["identifier"])),
            "associationType": kind,
            "originNodeURI": _link(origin, origin_title),
            "destinationNodeURI": _link(destination, destination_title),
            **more,
        }
        if sequence is not None:
            association["sequenceNumber"] = sequence
        associations.append(association)

    nodes: dict[Key, Json] = {}
    for number, domain in enumerate(taxonomy.domains, start=1):
        node = item("domain", ("domain", domain.id), domain.name, humanCodingScheme=domain.id)
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
            extensions={
                EXTENSION_KEY: {
                    "updated": None if skill.updated is None else skill.updated.isoformat()
                }
            },
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
            extensions={EXTENSION_KEY: {"family": role.family}},
        )
        nodes["role", role.id] = node
        associate("isChildOf", node, document, number)
    previous = None
    for level in taxonomy.levels:
        node = item(
            "level",
            ("level", level.id),
            level.name,
            humanCodingScheme=level.id,
            listEnumeration=str(level.rank),
        )
        nodes["level", level.id] = node
        associate("isChildOf", node, document, level.rank)
        if previous is not None:
            associate("precedes", previous, node)
        previous = node
    expectation_nodes: dict[Key, Json] = {}
    for number, e in enumerate(taxonomy.expectations, start=1):
        cell_key = ("expectation", e.skill.id, e.role.id, e.level.id)
        node = item("expectation", cell_key, e.description)
        expectation_nodes[cell_key] = node
        associate("isChildOf", node, nodes["skill", e.skill.id], number)
        associate("hasSkillLevel", node, nodes["level", e.level.id])
        grouping = groupings[e.mandatory is True]  # never None: refused above
        associate(
            "isPartOf",
            node,
            nodes["role", e.role.id],
            CFAssociationGroupingURI=_link(grouping, grouping["title"]),
        )
    package: Json = {
        "CFDocument": document,
        "CFItems": items,
        "CFAssociations": associations,
        "CFDefinitions": {
            "CFItemTypes": list(types.values()),
            "CFAssociationGroupings": list(groupings.values()),
        },
        "CFRubrics": _rubrics(taxonomy, head, nodes, expectation_nodes),
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
    {"identifier", "uri", "creator", "title", "lastChangeDateTime", "language", "version"}
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
    def __init__(self, package: object, source: str | None) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.skipped: list[Problem] = []
        self.objects: list[CaseObject] = []
        if type(package) is not dict:
            self.fail("$", f"expected a CFPackage object, got {show(package)}")
        self.package: Json = package

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
        found = []
        for index, entry in enumerate(self.array(value, key, path)):
            where = f"{path}.{key}[{index}]"
            if type(entry) is not dict:
                self.problems.append(Problem(where, "expected an object"))
            else:
                found.append((where, entry))
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
        identifier = self.string(value, "identifier", path)
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

    Raises:
        InvalidCaseError: The package cannot be read as a framework; every problem is
            placed (``$.CFItems[3].identifier: required key missing``).

    >>> from skilltaxonomy import dumps, load, loads
    >>> reading = loads(dumps(load(), format="case"), format="case", report=True)
    >>> reading.taxonomy == load(), reading.skipped
    (True, ())
    >>> again = dumps(reading.taxonomy, format="case", metadata=reading.metadata)
    >>> again == dumps(load(), format="case")
    True
    """
    try:
        package = parse_json(data, source, max_bytes, max_depth)
    except InvalidTaxonomyError as error:
        raise InvalidCaseError(error.problems, source) from None
    return _from_package(package, source, strict, max_items)


def from_package(
    package: object,
    *,
    source: str | None = None,
    strict: bool = False,
    max_items: int = DEFAULT_MAX_ITEMS,
) -> Reading:
    """Read a CFPackage already parsed from JSON (a mapping; not changed), as `read` does.

    Like every reader, it raises only `InvalidCaseError` for a package it cannot read.
    """
    return guarded(
        lambda: _from_package(package, source, strict, max_items), InvalidCaseError, source
    )


def _from_package(package: object, source: str | None, strict: bool, max_items: int) -> Reading:
    if isinstance(package, Mapping) and type(package) is not dict:
        package = dict(package)
    reader = _Reader(package, source)
    _check_size(reader, max_items)
    result = _read(reader)
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


def _read(reader: _Reader) -> Reading | None:  # noqa: PLR0915 - one pass, in the package's order
    package = reader.package
    for key in package:
        if key not in ("CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "CFRubrics"):
            reader.skip(f"$.{key}", "not kept (this library reads the CFPackage's CF* lists)")
    document = package.get("CFDocument")
    if type(document) is not dict:
        reader.fail("$.CFDocument", "required key missing (expected the CFDocument object)")
    reader.identifier(document, "$.CFDocument")
    title = reader.string(document, "title", "$.CFDocument", name=True)
    creator = reader.string(document, "creator", "$.CFDocument", required=False)
    changed = reader.string(document, "lastChangeDateTime", "$.CFDocument", required=False)
    language = reader.string(document, "language", "$.CFDocument", required=False) or "en"
    version = reader.string(document, "version", "$.CFDocument", required=False)
    if type(document.get("title")) is str and not document["title"].strip():
        reader.problems.append(Problem("$.CFDocument.title", "expected a non-empty title"))
    reader.keep(("document",), document, "$.CFDocument")
    for key in document:
        if key not in _KEPT_DOCUMENT_FIELDS | _IGNORED_DOCUMENT_FIELDS:
            reader.skip(f"$.CFDocument.{key}", "not kept (a framework has no such field)")
    document_id = document.get("identifier")

    nodes: dict[str, _Node] = {}
    for index, (path, raw) in enumerate(reader.objects_of(package, "CFItems", "$")):
        identifier = reader.identifier(raw, path)
        type_title = _item_kind(raw)
        kind = CASE_ITEM_TYPES.get(type_title.casefold())
        named = kind not in (None, "expectation", "category")  # their text may be blank
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
        if identifier in nodes:
            reader.problems.append(
                Problem(f"{path}.identifier", f"duplicate identifier {identifier!r}")
            )
            continue
        nodes[identifier] = _Node(index, kind, identifier, statement, raw)
        for field in raw:
            if field not in _KEPT_ITEM_FIELDS:
                reader.skip(f"{path}.{field}", f"not kept (a {kind} has no such field)")

    links: list[_Link] = []
    for index, (path, raw) in enumerate(reader.objects_of(package, "CFAssociations", "$")):
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
    if reader.problems:
        return None
    taxonomy = _build(
        reader,
        nodes=nodes,
        links=links,
        groupings=groupings,
        title=title,
        version=version,
        language=language,
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


def _build(  # noqa: PLR0915 - one pass per kind, in the order references need
    reader: _Reader,
    *,
    nodes: Mapping[str, _Node],
    links: Sequence[_Link],
    groupings: Mapping[str, bool],
    title: str,
    version: str,
    language: str,
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
        domains.append(Domain(ids[node.identifier], node.statement))
    domain_by_node = {node.identifier: d for node, d in zip(ordered_domains, domains, strict=True)}

    category_of: dict[str, tuple[Domain, str]] = {}
    for node in of_kind["category"]:
        up = parent.get(node.identifier, ("", None))[0]
        if up not in domain_by_node:
            reader.problems.append(
                Problem(place(node), "a category must be a child (isChildOf) of a domain item")
            )
            continue
        category_of[node.identifier] = (domain_by_node[up], node.statement)
        key = ("category", domain_by_node[up].id, node.statement)
        reader.keep(key, node.raw, place(node))

    skills = []
    ordered_skills = _ordered(of_kind["skill"], sequence)
    name_ids("skill", ordered_skills)
    skill_by_node: dict[str, Skill] = {}
    for node in ordered_skills:
        up = parent.get(node.identifier, ("", None))[0]
        if up in domain_by_node:
            domain, category = domain_by_node[up], ""
        elif up in category_of:
            domain, category = category_of[up]
        else:
            reader.problems.append(
                Problem(
                    place(node),
                    "a skill must be a child (isChildOf) of a domain or category item",
                )
            )
            continue
        extension = _extension(node.raw)
        updated = _updated(reader, extension, place(node))
        skill = Skill(
            ids[node.identifier],
            node.statement,
            domain,
            category,
            reader.string(node.raw, "notes", place(node), required=False),
            updated,
        )
        skills.append(skill)
        skill_by_node[node.identifier] = skill

    ordered_roles = _ordered(of_kind["role"], sequence)
    name_ids("role", ordered_roles)
    roles = []
    role_by_node = {}
    for node in ordered_roles:
        family = reader.string(
            _extension(node.raw),
            "family",
            f"{place(node)}.extensions.{EXTENSION_KEY}",
            required=False,
        )
        role = Role(
            ids[node.identifier],
            node.statement,
            family,
            reader.string(node.raw, "notes", place(node), required=False),
        )
        roles.append(role)
        role_by_node[node.identifier] = role

    ordered_levels = _ladder(of_kind["level"], precedes, sequence)
    name_ids("level", ordered_levels)
    levels = [
        Level(ids[node.identifier], node.statement, rank)
        for rank, node in enumerate(ordered_levels, start=1)
    ]
    level_by_node = {
        node.identifier: level for node, level in zip(ordered_levels, levels, strict=True)
    }

    expectations = []
    cells: dict[tuple[str, str, str], str] = {}
    for node in _ordered(of_kind["expectation"], sequence):
        where = place(node)
        of_skill = skill_by_node.get(parent.get(node.identifier, ("", None))[0])
        role_link = part_of.get(node.identifier)
        of_role = None if role_link is None else role_by_node.get(role_link.destination)
        at_level = level_by_node.get(level_of.get(node.identifier, ""))
        if of_skill is None or of_role is None or at_level is None or role_link is None:
            missing = [
                text
                for found, text in (
                    (of_skill, "isChildOf a skill"),
                    (of_role, "isPartOf a role"),
                    (at_level, "hasSkillLevel a level"),
                )
                if found is None
            ]
            reader.problems.append(
                Problem(where, f"an expectation needs associations: {', '.join(missing)}")
            )
            continue
        flag = groupings.get(role_link.grouping or "")
        if flag is None:
            reader.skip(
                f"$.CFAssociations[{role_link.index}]",
                "no Mandatory or Optional grouping: the expectation is read as optional",
            )
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
        expectations.append(Expectation(of_skill, of_role, at_level, bool(flag), node.statement))
        reader.keep(("expectation", *cell), node.raw, where)
    if reader.problems:
        return None
    return Taxonomy(
        name=title,
        version=version,
        language=language,
        domains=domains,
        skills=skills,
        roles=roles,
        levels=levels,
        expectations=expectations,
    )


def _extension(raw: Json) -> Json:
    extensions = raw.get("extensions")
    ours = extensions.get(EXTENSION_KEY) if isinstance(extensions, dict) else None
    return ours if isinstance(ours, dict) else {}


def _updated(reader: _Reader, extension: Json, path: str) -> datetime.date | None:
    value = extension.get("updated")
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        reader.problems.append(
            Problem(
                f"{path}.extensions.{EXTENSION_KEY}.updated", f"expected an ISO date, got {value!r}"
            )
        )
        return None


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


def _read_rubrics(reader: _Reader, package: Json, taxonomy: Taxonomy | None) -> None:
    """Keep the identifiers of rubrics that carry the grid; report any that do not."""
    if taxonomy is None:
        return
    skill_ids = {o.identifier: o.key[1] for o in reader.objects if o.key[0] == "skill"}
    by_name: dict[str, Role | None] = {}
    for each in taxonomy.roles:  # a name two roles share names neither
        by_name[each.name] = None if each.name in by_name else each
    for path, rubric in reader.objects_of(package, "CFRubrics", "$"):
        named = _extension(rubric).get("role")
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
                found = (
                    taxonomy.level(position, None)
                    if type(position) is int
                    else taxonomy.level(reader.string(level, "quality", at, required=False), None)
                )
                cell = None if found is None else (skill_id, role.id, found.id)
                if cell is None or taxonomy.expectation(*cell, None) is None:
                    reader.skip(at, "a criterion level that matches no expectation is not read")
                    continue
                reader.keep(("criterion-level", *cell), level, at)
