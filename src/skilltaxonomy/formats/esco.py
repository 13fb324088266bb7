"""ESCO: occupations and the skills they need, from ESCO's CSV download.

ESCO (the European classification of Skills, Competences and Occupations) publishes
its classification as CSV files in a zip archive, one set per language; `read` takes
the archive (or, through `load`, the folder it unpacks to). Occupations are roles (their
ISCO group the family), skills and knowledge are skills in the hierarchy of skill
groups (the top group the domain, the group above a skill its category), and each
occupation–skill relation is a requirement without a level: mandatory for an
``essential`` relation, optional for an ``optional`` one, at the one level ``esco``.
Concept URIs are the ids. The files of several languages merge: the first language
(``en`` where there is one) gives the texts, the others translations.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Callable, Collection, Iterator
from typing import Any

import attrs

from skilltaxonomy._text import count, first_few
from skilltaxonomy.exceptions import Problem
from skilltaxonomy.formats._archive import Archive, dict_maker, read_archive
from skilltaxonomy.formats._guard import AUTO, DEFAULT_MAX_BYTES, Reading
from skilltaxonomy.formats.table import DEFAULT_MAX_ROWS
from skilltaxonomy.model import (
    Domain,
    Expectation,
    Extras,
    Level,
    Role,
    Skill,
    Taxonomy,
    Translations,
)
from skilltaxonomy.model.entities import NO_DETAILS, _unchecked_maker, _unchecked_many
from skilltaxonomy.model.extras import NO_EXTRAS, NO_TRANSLATIONS, extra_key_problem

#: The one level every requirement is at (ESCO's relations have no levels).
LEVEL_ID = "esco"
#: The prefix of the extras ESCO's other values become (``"esco:skillType"``).
EXTRA_PREFIX = "esco:"

_WHAT = (
    "this library reads ESCO's occupations, skills, skill groups, ISCO groups, the "
    "occupation-skill relations and the broader relations of the skills pillar"
)
_EXPECTED = "expected ESCO's CSV files, such as occupations_en.csv and skills_en.csv"
# "skills_en.csv", "occupationSkillRelations_en.csv", "ISCOGroups_pt-br.csv".
_FILE = re.compile(r"([a-z]+)(?:_([a-z]{2,3}(?:-[a-z0-9]+)?))?\.csv")
_KINDS = {
    "occupations": "occupations",
    "skills": "skills",
    "skillgroups": "groups",
    "iscogroups": "isco",
    "occupationskillrelations": "relations",
    "broaderrelationsskillpillar": "broader",
}
_FLAGS = {"essential": True, "optional": False}


def _files(archive: Archive) -> tuple[dict[str, dict[str, str]], list[str]]:
    """The download's files by kind and language (``""`` for none), and the languages."""
    found: dict[str, dict[str, str]] = {}
    for base in archive.base_names():
        match = _FILE.fullmatch(base.casefold())
        kind = _KINDS.get(match[1]) if match else None
        if match and kind:
            found.setdefault(kind, {})[match[2] or ""] = base
    languages = sorted(set(found.get("skills", {})) | set(found.get("occupations", {})))
    languages = [language for language in languages if language]
    if "en" in languages:
        languages.remove("en")
        languages.insert(0, "en")
    return found, languages


def read(
    data: bytes | str,
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str = "ESCO",
    version: str = "",
    max_rows: int = DEFAULT_MAX_ROWS,
    encoding: str = AUTO,
) -> Reading:
    """Read ESCO's CSV download (the zip archive's bytes) into a framework.

    `load` also takes the folder the archive unpacks to. Each file is read in
    `encoding` (``"auto"``: each file's own, told from its bytes: a byte-order mark,
    UTF-8, else Windows-1252); `Reading.encoding` says which. An occupation's or
    skill's columns beyond those the framework has a field for are kept as its extras
    (``esco:altLabels``, ``esco:status`` …); files the reader does not read (ESCO's
    other collections and relations), and columns it does not keep, are listed in
    `Reading.skipped`.

    Raises:
        InvalidTableError: Not ESCO's files, or a bad row; the problem names the file
            and row (``skills_en.csv, row 12: preferredLabel: expected text, got an
            empty field``), and the lines of a row that spans several.
    """
    return read_archive(
        data,
        lambda archive: _read(archive, name, version),
        source=source,
        max_bytes=max_bytes,
        max_rows=max_rows,
        what=_WHAT,
        expected=_EXPECTED,
        delimiter=",",
        quoted=True,
        encoding=encoding,
    )


# Columns that hold a list, an item a line.
_LISTS = ("altLabels", "hiddenLabels")
_KIND = "every concept of the file is of its kind"
_OTHER_LANGUAGE = "another language's file gives names and descriptions only"


def _labels(
    archive: Archive,
    files: dict[str, str],
    languages: list[str],
    *,
    optional: tuple[str, ...] = ("description",),
    keep: bool = False,
    why: str = "",
) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, dict[str, str]]]]:
    """Each concept's row in the first language, and its label and description in each other.

    The first language's rows hold the columns of `optional` and, with `keep`, every
    other column but ``conceptType``; the columns not read are reported, saying `why`.
    """
    rows: dict[str, dict[str, str]] = {}
    translations: dict[str, dict[str, dict[str, str]]] = {}
    first = (languages or [""])[0]
    lines: dict[str, dict[str, str]] = {}  # each other language's rows, by file and concept
    for language in languages or [""]:
        file = files.get(language)
        if file is None:
            continue
        ours = language == first
        arguments: dict[str, Any] = {
            "optional": optional if ours else ("description",),
            "others": keep and ours,
            "skip": ("conceptType",),
            "why": (_KIND if keep else why) if ours else _OTHER_LANGUAGE,
        }
        # The first language's file in bulk; another's rows are all placed (`lines`), and
        # a file read in bulk whose records span lines is read again to place them.
        bulk = (
            archive.columns(file, ("conceptUri", "preferredLabel"), **arguments) if ours else None
        )
        if bulk is not None:
            made = _rows_at_once(archive, file, *bulk)
            if made is not None:
                rows = made
                continue
        found = (
            archive.rows(file, ("conceptUri", "preferredLabel"), **arguments)
            if bulk is None
            else _bulk_rows(archive, file, *bulk)
        )
        repeated: list[str] = []
        for line, row in found:
            uri = archive.text(file, line, "conceptUri", row["conceptUri"], named=True)
            label = archive.text(file, line, "preferredLabel", row["preferredLabel"], named=True)
            about = archive.text(file, line, "description", row.get("description", ""), named=False)
            for column, text in row.items():
                if column not in ("conceptUri", "preferredLabel", "description"):
                    archive.text(file, line, column, text, named=False)
            if ours:
                if uri in rows:
                    repeated.append(line)
                    continue
                rows[uri] = {**row, "conceptUri": uri, "preferredLabel": label}
            else:
                texts = {"name": label} | ({"summary": about} if about.strip() else {})
                translations.setdefault(uri, {})[language] = texts
                lines.setdefault(file, {})[uri] = line
        if repeated:
            shown = first_few(repeated)
            message = f"{count(len(repeated), 'row')} repeating a concept, not kept: {shown}"
            archive.unkept.append(Problem(file, message))
    for file, found_lines in lines.items():
        alone = [line for uri, line in found_lines.items() if uri not in rows]
        if alone:
            shown = first_few(alone)
            message = (
                f"{count(len(alone), 'row')} of concepts the first language's file does not "
                f"hold, not kept: {shown}"
            )
            archive.unkept.append(Problem(file, message))
    if keep and rows:
        _check_extra_keys(archive, files[first], next(iter(rows.values())))
    return rows, translations


def _check_extra_keys(archive: Archive, file: str, columns: Collection[str]) -> None:
    """Refuse, at the header of `file`, a kept column whose name no extra's key may be."""
    for column in columns:
        problem = extra_key_problem(EXTRA_PREFIX + column)
        if problem is not None:
            message = f"column {column!r} cannot be kept as an extra: {problem}"
            raise archive.error(file, 1, message)


def _bulk_rows(
    archive: Archive, file: str, columns: tuple[str, ...], cells: tuple[list[str], ...]
) -> Iterator[tuple[str, dict[str, str]]]:
    """What `Archive.rows` gives, of a file `Archive.columns` read: each row's place and cells."""
    for number, values in enumerate(zip(*cells, strict=True), start=2):
        yield archive.where(file, number), dict(zip(columns, values, strict=True))


def _rows_at_once(
    archive: Archive, file: str, columns: tuple[str, ...], cells: tuple[list[str], ...]
) -> dict[str, dict[str, str]] | None:
    """`_labels`' rows of the first language's file, checked in bulk.

    None where any row is in doubt (the file is not clean, a URI or label holds a line
    break or nothing, a concept comes twice): `_labels` then reads them one by one.
    The columns are ``conceptUri`` and ``preferredLabel`` first (`Archive.columns`).
    """
    uris = archive.checked_names(file, cells[0])
    labels = archive.checked_names(file, cells[1])
    if uris is None or labels is None or len(set(uris)) != len(uris):
        return None
    # A clean file's every cell is text (`Archive.text`): the others need no check.
    return dict(zip(uris, map(dict_maker(columns), uris, labels, *cells[2:]), strict=True))


def _extras_maker(
    rows: dict[str, dict[str, str]], mapped: tuple[str, ...]
) -> Callable[[dict[str, str]], Extras]:
    """A function making a concept's ``esco:`` extras: its columns the framework has no field for.

    Each cell was checked as text where its row was read, and a part of checked text is
    checked text: where the columns' names, prefixed, are keys `Extras` takes (checked
    here, once), the extras are made as they are, else by `Extras`, which checks them.
    """
    columns = next(iter(rows.values()), {})
    extra = [
        (column, EXTRA_PREFIX + column, column in _LISTS)
        for column in columns
        if column not in mapped
    ]
    trusted = all(key.isprintable() and key.strip() == key for _, key, _ in extra)
    make = Extras._trusted if trusted else Extras

    def extras(row: dict[str, str]) -> Extras:
        found: dict[str, Any] = {}
        for column, key, listed in extra:
            text = row[column].strip()
            if text:
                found[key] = (
                    tuple(filter(None, map(str.strip, text.splitlines()))) if listed else text
                )
        return make(found) if found else NO_EXTRAS

    return extras


def _all_extras(rows: dict[str, dict[str, str]], mapped: tuple[str, ...]) -> list[Extras]:
    """Each row's extras (`_extras_maker`), in order, a column at a time where they can be.

    Where every row fills every column (the usual download), each column's cells are
    stripped, and lists split into their lines, by the interpreter's own loops, and
    each row's extras made of them at once; else row by row.
    """
    one_by_one = _extras_maker(rows, mapped)
    columns = next(iter(rows.values()), {})
    extra = [(column, column in _LISTS) for column in columns if column not in mapped]
    keys = [EXTRA_PREFIX + column for column, _ in extra]
    if not extra or not all(key.isprintable() and key.strip() == key for key in keys):
        return list(map(one_by_one, rows.values()))
    values: list[list[Any]] = []
    for column, listed in extra:
        stripped: list[Any] = list(map(str.strip, map(operator.itemgetter(column), rows.values())))
        if "" in stripped:  # a row without it: its extras have no such key
            return list(map(one_by_one, rows.values()))
        if listed:  # each a tuple of its lines, stripped, but the blank ones
            lines = map(map, itertools.repeat(str.strip), map(str.splitlines, stripped))
            kept: Iterator[Any] = map(filter, itertools.repeat(None), lines)
            stripped = list(map(tuple, kept))
        values.append(stripped)
    made = map(dict, map(zip, itertools.repeat(keys), zip(*values, strict=True)))
    return Extras._trusted_each(made)  # every one holds every key


def _translations(texts: dict[str, dict[str, str]] | None) -> Translations:
    """A concept's texts in the other languages (most downloads hold one language)."""
    return Translations(texts) if texts else NO_TRANSLATIONS


def _read(archive: Archive, name: str, version: str) -> Taxonomy:
    files, languages = _files(archive)
    for kind in ("occupations", "skills"):
        if kind not in files:
            message = f"the download has no {kind} file ({_EXPECTED})"
            raise archive.error(f"{kind}_en.csv", 1, message)
    roles = _roles(archive, files, languages)
    skills, domains = _skills(archive, files, languages)
    level = Level(LEVEL_ID, "Occupation profile", 1, "What ESCO relates to the occupation.")
    by_cell = _relations(archive, files, roles, skills, level)
    return Taxonomy._with_expectations(
        tuple(by_cell.values()),
        by_cell,
        name=name,
        version=version,
        language=languages[0] if languages else "en",
        domains=dict.fromkeys(domains),  # in the order of their first skills'
        skills=skills.values(),
        roles=roles.values(),
        levels=[level],
    )


def _roles(
    archive: Archive, files: dict[str, dict[str, str]], languages: list[str]
) -> dict[str, Role]:
    """The occupations, their ISCO group's label as their family."""
    isco: dict[str, str] = {}
    if "isco" in files:
        why = "an ISCO group gives its occupations' family name only"
        isco_rows, _ = _labels(archive, files["isco"], languages, optional=("code",), why=why)
        isco = {row.get("code", "").strip(): row["preferredLabel"] for row in isco_rows.values()}
    rows, texts = _labels(archive, files["occupations"], languages, keep=True)
    mapped = ("conceptUri", "preferredLabel", "description", "code")
    every_extras = _all_extras(rows, mapped)
    make_role = _unchecked_maker(Role)
    return {
        # Every value checked where its row was read (`_labels`): no second check.
        uri: make_role(
            uri,
            row["preferredLabel"],
            isco.get(row.get("iscoGroup", "").strip(), ""),
            row.get("description", ""),
            external_id=row.get("code", "").strip(),
            extras=extras,
            translations=_translations(texts.get(uri)),
        )
        for (uri, row), extras in zip(rows.items(), every_extras, strict=True)
    }


def _skills(
    archive: Archive, files: dict[str, dict[str, str]], languages: list[str]
) -> tuple[dict[str, Skill], list[Domain]]:
    """The skills, each in the domain of its top group and the category of its nearest.

    And their domains, in the order of the first skill of each.
    """
    rows, texts = _labels(archive, files["skills"], languages, keep=True)
    groups: dict[str, dict[str, str]] = {}
    group_texts: dict[str, dict[str, dict[str, str]]] = {}
    if "groups" in files:
        why = "a skill group gives a domain's or a category's name only"
        groups, group_texts = _labels(archive, files["groups"], languages, optional=(), why=why)
    broader: dict[str, str] = {}
    pillars = list(files.get("broader", {}).values())
    for file in pillars[1:]:
        archive.set_aside(file)  # every language's file holds the same relations
    for file in pillars[:1]:
        why = "the concepts' own files give them"
        bulk = archive.columns(file, ("conceptUri", "broaderUri"), why=why)
        if bulk is not None:
            concepts, parents = (archive.checked_names(file, cells) for cells in bulk[1])
            if concepts is not None and parents is not None:
                # The first broader concept of each wins, as `setdefault` keeps it.
                broader = dict(zip(reversed(concepts), reversed(parents), strict=True))
                break
        records = (
            archive.cells(file, ("conceptUri", "broaderUri"), why=why)
            if bulk is None
            else enumerate(zip(*bulk[1], strict=True), start=2)
        )
        for number, cells in records:
            line = archive.where(file, number)
            concept = archive.text(file, line, "conceptUri", cells[0], named=True)
            parent = archive.text(file, line, "broaderUri", cells[1], named=True)
            broader.setdefault(concept, parent)
    groups_above = _groups_above(broader, groups)
    # Each skill's top group and nearest group above it; then each domain made once,
    # in the order of their first skills, and each category's label once.
    places = list(map(groups_above, rows))
    domains: dict[str | None, Domain] = {}
    for top in dict.fromkeys(map(operator.itemgetter(0), places)):
        if top is None:
            domains[None] = Domain("esco-other", "Other skills")
        else:
            names = {k: {"name": v["name"]} for k, v in group_texts.get(top, {}).items()}
            domains[top] = Domain(
                top, groups[top]["preferredLabel"], translations=Translations(names)
            )
    category_of = {
        (top, nearest): groups[nearest]["preferredLabel"] if nearest and nearest != top else ""
        for top, nearest in dict.fromkeys(places)
    }
    in_order = list(rows.values())
    # Every value checked where its row was read (`_labels`): no second check.
    columns: dict[str, list[Any]] = {
        "id": list(rows),
        "name": list(map(operator.itemgetter("preferredLabel"), in_order)),
        "domain": list(map(domains.__getitem__, map(operator.itemgetter(0), places))),
        "category": list(map(category_of.__getitem__, places)),
        "summary": list(
            map(dict.get, in_order, itertools.repeat("description"), itertools.repeat(""))
        ),
        "extras": _all_extras(rows, ("conceptUri", "preferredLabel", "description")),
    }
    if texts:  # the names and descriptions in other languages
        columns["translations"] = [_translations(texts.get(uri)) for uri in rows]
    made = _unchecked_many(Skill, columns)
    return dict(zip(rows, made, strict=True)), list(domains.values())


def _groups_above(
    broader: dict[str, str], groups: Collection[str]
) -> Callable[[str], tuple[str | None, str | None]]:
    """A function giving a concept's top group and nearest group above it.

    Each concept's answer is kept, so a chain of broader relations is walked once in
    all, however many skills hang from it; a loop is cut where it closes.
    """
    known: dict[str, tuple[str | None, str | None]] = {}

    def above(uri: str) -> tuple[str | None, str | None]:
        found = known.get(uri)
        if found is not None:
            return found
        parent = broader.get(uri)
        if parent is not None and parent != uri and parent in known:
            # The usual concept: one step below a group walked already (as below).
            top_of, nearest_of = known[parent]
            found = known[uri] = (top_of, parent if parent in groups else nearest_of)
            return found
        chain, seen = [uri], {uri}
        parent = broader.get(uri)
        while parent is not None and parent not in seen and parent not in known:
            chain.append(parent)
            seen.add(parent)
            parent = broader.get(parent)
        nearest: str | None
        if parent is not None and parent in known:
            top, nearest = known[parent]
            below = parent
        else:  # the chain ends: no broader concept, or a loop closing on itself
            end = chain.pop()
            top = end if end in groups else None
            known[end] = (top, None)
            below, nearest = end, None
        for concept in reversed(chain):
            nearest = below if below in groups else nearest
            known[concept] = (top, nearest)
            below = concept
        return known[uri]

    return above


def _relations(
    archive: Archive,
    files: dict[str, dict[str, str]],
    roles: dict[str, Role],
    skills: dict[str, Skill],
    level: Level,
) -> dict[tuple[str, str, str], Expectation]:
    """Each occupation–skill relation: essential as mandatory, optional as optional.

    The expectations by their (skill, role, level) ids, in the file's order.
    """
    # Each relation's expectation by its cell, the model's index of them, as it is built.
    by_cell: dict[tuple[str, str, str], Expectation] = {}
    relations = list(files.get("relations", {}).values())
    for file in relations[1:]:
        archive.set_aside(file)  # every language's file holds the same relations
    repeated: list[str] = []
    set_skill, set_role, set_level, set_mandatory, set_description, set_details = _SETTERS
    new = object.__new__
    level_id = level.id
    for file in relations[:1]:
        columns = ("occupationUri", "relationType", "skillUri")
        why = "the occupation's and the skill's own files give them"
        bulk = archive.columns(file, columns, why=why)
        found = None if bulk is None else bulk[1]
        if found is not None:
            made = _relations_at_once(found, roles, skills, level)
            if made is not None:
                return made
        records = (
            archive.cells(file, columns, why=why)
            if found is None
            else enumerate(zip(*found, strict=True), start=2)
        )
        for number, (occupation_cell, kind, skill_cell) in records:
            occupation, skill = occupation_cell.strip(), skill_cell.strip()
            the_role = roles.get(occupation)
            if the_role is None:
                message = f"occupationUri: unknown occupation {occupation!r}"
                raise archive.error(file, archive.where(file, number), message)
            the_skill = skills.get(skill)
            if the_skill is None:
                message = f"skillUri: unknown skill {skill!r}"
                raise archive.error(file, archive.where(file, number), message)
            mandatory = _FLAGS.get(kind)
            if mandatory is None:
                mandatory = _FLAGS.get(kind.strip().casefold())
                if mandatory is None:
                    message = f"relationType: expected essential or optional, got {kind!r}"
                    raise archive.error(file, archive.where(file, number), message)
            cell = (skill, occupation, level_id)
            if cell in by_cell:
                repeated.append(archive.where(file, number))
                continue
            # What Expectation(the_skill, the_role, level, mandatory) makes, without its
            # checks: the skill, role and level are the framework's own, `mandatory` a bool.
            expectation = new(Expectation)
            set_skill(expectation, the_skill)
            set_role(expectation, the_role)
            set_level(expectation, level)
            set_mandatory(expectation, mandatory)
            set_description(expectation, "")
            set_details(expectation, NO_DETAILS)
            by_cell[cell] = expectation
        if repeated:
            shown = first_few(repeated)
            message = (
                f"{count(len(repeated), 'row')} repeating a relation of the same occupation "
                f"and skill, not kept: {shown}"
            )
            archive.unkept.append(Problem(file, message))
    return by_cell


_SETTERS = tuple(Expectation.__dict__[field.name].__set__ for field in attrs.fields(Expectation))


def _relations_at_once(
    found: tuple[list[str], ...],
    roles: dict[str, Role],
    skills: dict[str, Skill],
    level: Level,
) -> dict[tuple[str, str, str], Expectation] | None:
    """`_relations` of a file whose every relation is as ESCO writes it, in bulk.

    None where any relation is in doubt (a URI with surrounding whitespace, an unknown
    one, a relation type written otherwise, a pair given twice): `_relations` then
    reads them one by one and says what is wrong.
    """
    occupations, kinds, skill_uris = found
    try:
        the_roles = list(map(roles.__getitem__, occupations))
        the_skills = list(map(skills.__getitem__, skill_uris))
        flags = list(map(_FLAGS.__getitem__, kinds))
    except KeyError:
        return None
    # A URI found as it is is the id itself (the ids are stripped).
    cells = zip(skill_uris, occupations, itertools.repeat(level.id))
    made = Expectation._plain(the_skills, the_roles, level, flags)
    by_cell = dict(zip(cells, made, strict=False))  # `cells` never ends: it repeats the level
    return by_cell if len(by_cell) == len(occupations) else None
