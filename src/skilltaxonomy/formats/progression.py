"""Progression frameworks in the Monzo layout: a track per Markdown file, in YAML front matter.

Monzo's public progression framework, the companies that copied it and the Hugo theme
made for it keep each track (a discipline, such as backend engineering) as a Markdown
file whose YAML front matter holds the framework::

    ---
    title: "Backend engineering"
    sidebarGroup: "Engineering"
    levels: 6
    topics:
      - name: "delivery"
        title: "Delivery"
        content:
          - level: 1
            criteria: ["Ships small changes with help"]
            exampleCriteria:
              - criteria: "Breaks work into steps"
                examples: ["Splits a feature into three pull requests"]
    ---
    The page's own text.

`read` takes one such file, or a zip archive of them (or, through `load`, the folder
they are in). Each file is a role (its track), each topic a skill, in the domain of
the file's group (``sidebarGroup``), and each topic's content at a level an expectation
with its criteria and examples. The Hugo theme's data files (``.yml``, ``.yaml``: the
``topics`` alone) are read as tracks too. The YAML is read with PyYAML's safe parser
(the ``progression`` extra), and refused, at its file and line, where it uses what a
framework never needs and a hostile file would: aliases, tags, several documents,
nesting deeper than ``max_depth``, more than ``max_nodes`` values.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterator
from typing import Any

import attrs

from skilltaxonomy._optional import optional_module
from skilltaxonomy._text import (
    check_id,
    check_name,
    check_text,
    close_matches,
    id_key,
    show,
    slug,
)
from skilltaxonomy.exceptions import (
    InvalidQueryError,
    InvalidTaxonomyError,
    InvalidValueError,
    Problem,
)
from skilltaxonomy.formats._guard import (
    AUTO,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_DEPTH,
    Data,
    Reading,
    brief,
    decode_text,
    encodings_read,
    open_archive,
    read_text,
    unpacked_size,
)
from skilltaxonomy.model import (
    Domain,
    Expectation,
    Extras,
    Ladder,
    Level,
    Role,
    Skill,
    Taxonomy,
)

#: The prefix of the extras the layout's other values become (``"progression:body"``).
EXTRA_PREFIX = "progression:"
#: The optional dependency (PyYAML) reading needs: ``pip install 'skilltaxonomy[progression]'``.
EXTRA = "progression"
#: The most values one file's YAML may hold by default (a large track holds a few thousand).
DEFAULT_MAX_NODES = 100_000
#: The most levels a track may have (its ``levels``, and each topic's ``level``).
MAX_LEVELS = 100
#: The suffixes of the files read in an archive: tracks, and the Hugo theme's data files.
TRACK_SUFFIXES = (".md", ".markdown")
DATA_SUFFIXES = (".yml", ".yaml")

# The domain of the skills of a track that names no group.
_NO_GROUP = ("topics", "Topics")
_FIELDS = (
    "title",
    "sidebarTitle",
    "sidebarGroup",
    "path",
    "levels",
    "topics",
    "homepage",
    "yaml",
    "description",
)
# Fields the layout has that the model has no place for: kept as extras, as they are.
_KEPT = ("sidebarTitle", "homepage", "yaml")
_TOPIC_FIELDS = ("name", "title", "content")
_CONTENT_FIELDS = ("level", "criteria", "exampleCriteria", "examples")
_EXAMPLE_FIELDS = ("criteria", "examples")
_STRING_TAG = "tag:yaml.org,2002:str"
# The lines of a file, each with its end: only CR LF, CR and LF end lines, as in YAML.
_LINES = re.compile(r"[^\r\n]*(?:\r\n|[\r\n])|[^\r\n]+\Z")
_BLANK = " \t\r\n"


@attrs.frozen
class _Node:
    """A YAML value and the line of the file it starts on.

    A mapping's value is a dict of each key to its line and value; a sequence's a list
    of nodes; a scalar's the Python value PyYAML's safe rules give it.
    """

    value: Any
    line: int


@attrs.frozen
class _Topic:
    id: str
    name: str
    line: int
    titled: bool
    entries: tuple[_Entry, ...]


@attrs.frozen
class _Entry:
    level: int
    criteria: tuple[str, ...]
    examples: tuple[str, ...]
    example_of: tuple[str, ...]


@attrs.frozen
class _Track:
    file: str
    id: str
    name: str
    group: str
    summary: str
    external_id: str
    levels: int
    topics: tuple[_Topic, ...]
    extras: dict[str, Any]


class _File:
    """One file being read: its name, where its YAML starts, and what it found wrong."""

    def __init__(self, name: str | None, source: str | None, first_line: int) -> None:
        self.name = name
        self.source = source
        self.first_line = first_line
        self.problems: list[Problem] = []
        self.skipped: list[Problem] = []

    def place(self, line: int) -> str:
        """The place of `line` (of the file): ``line 12``, or ``backend.md, line 12``."""
        return f"line {line}" if self.name is None else f"{self.name}, line {line}"

    def problem(self, line: int, message: str) -> None:
        """Note a problem at `line`, to be raised with the others of the file."""
        self.problems.append(Problem(self.place(line), message))

    def refuse(self, line: int, message: str) -> InvalidTaxonomyError:
        """The error for a problem that stops the reading of the file at `line`."""
        return InvalidTaxonomyError([Problem(self.place(line), message)], self.source)

    def check(self) -> None:
        """Raise the file's problems, if it has any."""
        if self.problems:
            raise InvalidTaxonomyError(self.problems, self.source)


def _yaml() -> Any:
    return optional_module("yaml", "reading progression frameworks", EXTRA, "PyYAML")


def read(
    data: Data,
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str = "Progression framework",
    version: str = "",
    encoding: str = AUTO,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Reading:
    """Read a progression framework in the Monzo layout: one track, or a zip archive of them.

    Text, or bytes that are not a zip archive, is one track (a Markdown file with YAML
    front matter; a ``.yml`` or ``.yaml`` `source` is the Hugo theme's data file); a zip
    archive holds tracks, as `load` makes of a folder. Files that are no track (no
    front matter, no ``topics``, another suffix) and fields the layout does not have
    are listed in `Reading.skipped`.

    Args:
        data: The Markdown text or its bytes, or the bytes of the zip archive.
        source: The file's name, for errors (and its suffix, for a data file).
        max_bytes: Refuse inputs larger than this (and archives that unpack to more).
        name: The framework's name.
        version: Its version label.
        encoding: The encoding of the files given as bytes: a codec name, or ``"auto"``
            (each file's own: a byte-order mark, else UTF-8, else Windows-1252); the
            `Reading` names it, and each file's where they differ.
        max_depth: How deeply one file's YAML may nest (a track needs 6).
        max_nodes: How many values one file's YAML may hold.

    Raises:
        InvalidTaxonomyError: Not a track, or a bad one; each problem names its file and
            line (``backend.md, line 12: topics[0].content[1].level: expected …``).
        MissingDependencyError: PyYAML is not installed (the ``progression`` extra).
    """
    _yaml()
    limits = (max_depth, max_nodes)
    if not isinstance(encoding, str):  # the call's error, which guarded lets through
        message = f"encoding must be a codec name, got {type(encoding).__name__}"  # type: ignore[unreachable]
        raise InvalidQueryError(message)
    # Decoded here rather than before the reader is called, so that an empty archive
    # (an empty folder) is told from text.
    if isinstance(data, str) or unpacked_size(bytes(data)) is None:
        text, used = read_text(data, InvalidTaxonomyError, source, encoding)
        data_file = source is not None and source.casefold().endswith(DATA_SUFFIXES)
        file = _File(None, source, 0 if data_file else 1)
        stem = _stem(source) if source else ""
        track = _read_file(text, file, stem, data_file, limits, alone=True)
        assert track is not None  # a file read alone is a track, or refused
        taxonomy = _build([track], name, version, [])
        return Reading(taxonomy, file.skipped, encoding=used)
    tracks: list[_Track] = []
    skipped: list[Problem] = []
    encodings: dict[str, str] = {}
    with open_archive(data, source, max_bytes, InvalidTaxonomyError) as archive:
        for member in archive.infolist():
            if member.is_dir():
                continue
            path = member.filename.replace("\\", "/")
            base = path.rsplit("/", 1)[-1]
            folded = base.casefold()
            data_file = folded.endswith(DATA_SUFFIXES)
            if (
                base.startswith("._")
                or "__MACOSX/" in path
                or not (data_file or folded.endswith(TRACK_SUFFIXES))
            ):
                skipped.append(Problem(f"file {path!r}", "not read (not a Markdown or YAML file)"))
                continue
            # open_archive bounds what the members claim to unpack to, and a member is
            # never read past its claim: this read is bounded twice.
            with archive.open(member) as opened:
                raw = opened.read(max_bytes)
            try:
                text, encodings[path] = decode_text(raw, encoding)
            except InvalidValueError as error:
                place, _, message = str(error).partition(": ")
                raise InvalidTaxonomyError([Problem(f"{path}, {place}", message)], source) from None
            file = _File(path, source, 0 if data_file else 1)
            track = _read_file(text, file, _stem(path), data_file, limits, alone=False)
            skipped += file.skipped
            if track is not None:
                tracks.append(track)
    if not tracks:
        message = (
            "no track: expected Markdown files whose YAML front matter has 'topics' "
            "(the layout of Monzo's progression framework)"
        )
        raise InvalidTaxonomyError([Problem("$", message)], source)
    taxonomy = _build(tracks, name, version, skipped)
    return Reading(taxonomy, skipped, encoding=encodings_read(encodings))


def _stem(path: str) -> str:
    base = path.replace("\\", "/").rsplit("/", 1)[-1]
    return os.path.splitext(base)[0] or base


def _read_file(
    text: str,
    file: _File,
    stem: str,
    data_file: bool,
    limits: tuple[int, int],
    *,
    alone: bool,
) -> _Track | None:
    """The track in one file; None (noted as skipped) for a file that is no track."""
    body = ""
    if data_file:
        front = text
    else:
        found = _front_matter(text, file, alone=alone)
        if found is None:
            return None
        front, body = found
    root = _parse(front, file, *limits)
    if root is None or type(root.value) is not dict:
        got = "nothing" if root is None else show(root.value)
        line = file.first_line + 1 if root is None else root.line
        raise file.refuse(line, f"expected the front matter to be a mapping of fields, got {got}")
    fields: dict[str, tuple[int, _Node]] = root.value
    if "topics" not in fields:
        if alone:
            raise file.refuse(root.line, "no 'topics': expected the topics of a track")
        file.skipped.append(Problem(file.place(root.line), "not read (no 'topics': not a track)"))
        return None
    track = _track(fields, file, stem, body)
    file.check()
    return track


def _front_matter(text: str, file: _File, *, alone: bool) -> tuple[str, str] | None:
    """The YAML between the ``---`` lines, and the Markdown after them."""
    lines = _LINES.findall(text)
    if not lines or lines[0].rstrip(_BLANK) != "---":
        if alone:
            message = (
                "expected YAML front matter: a first line '---' (the layout of Monzo's "
                "progression framework)"
            )
            raise file.refuse(1, message)
        file.skipped.append(Problem(file.place(1), "not read (no front matter: not a track)"))
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip(_BLANK) in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1 :])
    raise file.refuse(1, "the front matter is not closed: expected a line '---' after it")


def _parse(text: str, file: _File, max_depth: int, max_nodes: int) -> _Node | None:
    """One YAML document as nodes, each with its line; hostile YAML is refused at its line.

    The parser's events are read one at a time (never PyYAML's constructor, which
    follows aliases and builds whatever a tag names), so nesting is measured as it
    grows and no value is built twice.
    """
    yaml = _yaml()
    parser = _Parser(yaml, file, max_depth, max_nodes)
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            parser.take(event)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 if mark is not None else 1) + file.first_line
        context = f" ({error.context})" if error.context else ""
        raise file.refuse(line, f"not valid YAML: {error.problem}{context}") from None
    except yaml.YAMLError as error:  # the reader's: a character YAML does not allow
        position = getattr(error, "position", 0)
        line = text.count("\n", 0, position) + 1 + file.first_line
        character = getattr(error, "character", None)
        what = f"U+{character:04X}" if isinstance(character, int) else brief(str(error))
        message = f"not valid YAML: a character YAML does not allow ({what})"
        raise file.refuse(line, message) from None
    return parser.root


class _Parser:
    """Nodes built from the parser's events, within the limits."""

    def __init__(self, yaml: Any, file: _File, max_depth: int, max_nodes: int) -> None:
        self.yaml = yaml
        self.file = file
        self.max_depth = max_depth
        self.max_nodes = max_nodes
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()
        self.root: _Node | None = None
        # Each open collection, and for a mapping the key awaiting its value.
        self.stack: list[tuple[_Node, list[Any]]] = []
        self.count = 0
        self.documents = 0

    def take(self, event: Any) -> None:
        """Build what one event adds to the document."""
        yaml = self.yaml
        file = self.file
        line = event.start_mark.line + 1 + file.first_line
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise file.refuse(line, "a second YAML document: expected one")
        elif isinstance(event, yaml.AliasEvent):
            message = (
                f"a YAML alias (*{event.anchor}): aliases are not read (a few can "
                "make a small file expand without bound)"
            )
            raise file.refuse(line, message)
        elif isinstance(event, yaml.CollectionEndEvent):
            self.stack.pop()
        elif isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            self._node(event, line)

    def _node(self, event: Any, line: int) -> None:
        yaml = self.yaml
        file = self.file
        if event.tag is not None:
            message = f"a YAML tag ({event.tag}): tags are not read (expected plain values)"
            raise file.refuse(line, message)
        self.count += 1
        if self.count > self.max_nodes:
            message = f"the YAML holds more than {self.max_nodes} values (the limit, max_nodes)"
            raise file.refuse(line, message)
        if isinstance(event, yaml.ScalarEvent):
            node = _Node(self._scalar(event, line), line)
        else:
            node = _Node({} if isinstance(event, yaml.MappingStartEvent) else [], line)
        if not self.stack:
            self.root = node
        else:
            self._attach(node, event, line)
        if isinstance(event, yaml.CollectionStartEvent):
            self.stack.append((node, []))
            if len(self.stack) > self.max_depth:
                message = f"the YAML nests deeper than {self.max_depth} (the limit, max_depth)"
                raise file.refuse(line, message)

    def _scalar(self, event: Any, line: int) -> Any:
        """A scalar's value by YAML's safe rules: quoted text is text; plain text is resolved."""
        value: str = event.value
        if not event.implicit[0]:
            return value
        yaml = self.yaml
        tag = self.resolver.resolve(yaml.ScalarNode, value, (True, False))
        if tag == _STRING_TAG:
            return value
        build = self.constructor.yaml_constructors[tag]
        try:
            return build(self.constructor, yaml.ScalarNode(tag, value))
        except (ValueError, OverflowError, yaml.YAMLError) as error:
            message = f"cannot read {show(value)}: {brief(str(error))}"
            raise self.file.refuse(line, message) from None

    def _attach(self, node: _Node, event: Any, line: int) -> None:
        """Put `node` in the collection it belongs to: a sequence's item, a key or a value."""
        container, pending = self.stack[-1]
        if type(container.value) is list:
            container.value.append(node)
            return
        if pending:
            key, key_line = pending.pop(), pending.pop()
            container.value[key] = (key_line, node)
            return
        if type(node.value) in (dict, list):
            raise self.file.refuse(line, "expected a field name, got a collection as a key")
        key = event.value
        if key in container.value:
            first = container.value[key][0]
            message = f"the field {key!r} is given twice (first on line {first})"
            raise self.file.refuse(line, message)
        pending += [line, key]


def _path(parent: str, key: str | int) -> str:
    return f"{parent}[{key}]" if isinstance(key, int) else (f"{parent}.{key}" if parent else key)


def _unknown(
    fields: dict[str, tuple[int, _Node]], known: tuple[str, ...], where: str, file: _File
) -> None:
    """List each field not in `known` as skipped, with a suggestion for a typo."""
    for key, (line, _) in fields.items():
        if key not in known:
            hint = close_matches(key, known, limit=1)
            also = f"; did you mean {hint[0]!r}?" if hint else ""
            message = f"{_path(where, key)}: not kept (not a field of the progression layout{also})"
            file.skipped.append(Problem(file.place(line), message))


def _text(node: _Node, where: str, file: _File, *, named: bool = False) -> str | None:
    """A text value, stripped; a problem (and None) for anything else."""
    if type(node.value) is not str:
        expected = "a name" if named else "text"
        file.problem(node.line, f"{where}: expected {expected}, got {show(node.value)}")
        return None
    value = node.value.strip()
    try:
        return check_name(value) if named else check_text(value)
    except InvalidValueError as error:
        file.problem(node.line, f"{where}: {error}")
        return None


def _texts(node: _Node | None, where: str, file: _File) -> tuple[str, ...]:
    """A sequence of texts (an absent or empty value is none)."""
    if node is None or node.value is None:
        return ()
    if type(node.value) is not list:
        file.problem(node.line, f"{where}: expected a list of text, got {show(node.value)}")
        return ()
    found = (_text(item, _path(where, i), file) for i, item in enumerate(node.value))
    return tuple(text for text in found if text)


def _number(node: _Node, where: str, file: _File, top: int) -> int | None:
    value = node.value
    if type(value) is not int or not 1 <= value <= top:
        file.problem(
            node.line, f"{where}: expected a whole number from 1 to {top}, got {show(value)}"
        )
        return None
    return value


def _get(fields: dict[str, tuple[int, _Node]], key: str) -> _Node | None:
    found = fields.get(key)
    return None if found is None else found[1]


def _track(fields: dict[str, tuple[int, _Node]], file: _File, stem: str, body: str) -> _Track:
    _unknown(fields, _FIELDS, "", file)
    name = None
    for key in ("title", "sidebarTitle"):
        node = _get(fields, key)
        if node is not None and node.value is not None:
            name = _text(node, key, file, named=True)
            break
    group = summary = external_id = ""
    for key in ("sidebarGroup", "description", "path"):
        node = _get(fields, key)
        if node is not None and node.value is not None:
            found = _text(node, key, file) or ""
            if key == "sidebarGroup":
                group = found
            elif key == "description":
                summary = found
            else:
                external_id = found
    extras: dict[str, Any] = {}
    for key in _KEPT:
        node = _get(fields, key)
        if node is not None:
            if isinstance(node.value, (dict, list)) or not _json_scalar(node.value):
                file.problem(node.line, f"{key}: expected a plain value, got {show(node.value)}")
            else:
                extras[EXTRA_PREFIX + key] = node.value
    if body.strip():
        extras[EXTRA_PREFIX + "body"] = body.strip()
    levels_node = _get(fields, "levels")
    levels = None
    if levels_node is not None and levels_node.value is not None:
        levels = _number(levels_node, "levels", file, MAX_LEVELS)
    topics = _topics(_get(fields, "topics"), file, levels or MAX_LEVELS)
    if levels is None:
        levels = max((entry.level for topic in topics for entry in topic.entries), default=0)
        if levels == 0 and not file.problems:
            line = fields["topics"][0]
            file.problem(line, "levels: not given, and no topic has a level to count them from")
    # The same track gets the same id from a path, text or an archive: its site path,
    # else its title, else (a data file's topics alone) its file's stem.
    track_id = slug(external_id) if external_id.strip("/") else slug(name or "")
    track_id = track_id or stem or "track"
    return _Track(
        file.name or "",
        track_id,
        name or track_id.replace("-", " ").replace("_", " ").strip().capitalize() or track_id,
        group,
        summary,
        external_id,
        levels,
        topics,
        extras,
    )


def _json_scalar(value: object) -> bool:
    return (
        value is None
        or type(value) in (bool, int, str)
        or (type(value) is float and math.isfinite(value))
    )


def _topics(node: _Node | None, file: _File, top: int) -> tuple[_Topic, ...]:
    if node is None or node.value is None:
        return ()
    if type(node.value) is not list:
        file.problem(node.line, f"topics: expected a list of topics, got {show(node.value)}")
        return ()
    topics: list[_Topic] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(node.value):
        where = f"topics[{index}]"
        if type(item.value) is not dict:
            file.problem(
                item.line,
                f"{where}: expected a topic (name, title, content), got {show(item.value)}",
            )
            continue
        fields: dict[str, tuple[int, _Node]] = item.value
        _unknown(fields, _TOPIC_FIELDS, where, file)
        name_node = _get(fields, "name")
        if name_node is None:
            file.problem(item.line, f"{where}.name: required field missing")
            continue
        topic_id = _text(name_node, f"{where}.name", file, named=True)
        if topic_id is None:
            continue
        try:
            check_id(topic_id)
        except InvalidValueError as error:  # pragma: no cover - a stripped name is an id
            file.problem(name_node.line, f"{where}.name: {error}")
            continue
        if id_key(topic_id) in seen:
            first = seen[id_key(topic_id)]
            file.problem(
                name_node.line,
                f"{where}.name: the topic {topic_id!r} is given twice (first on line {first})",
            )
            continue
        seen[id_key(topic_id)] = name_node.line
        title_node = _get(fields, "title")
        title = None
        if title_node is not None and title_node.value is not None:
            title = _text(title_node, f"{where}.title", file, named=True)
        entries = _entries(_get(fields, "content"), where, file, top)
        name = title or topic_id.replace("-", " ").replace("_", " ").capitalize()
        topics.append(_Topic(topic_id, name, name_node.line, title is not None, entries))
    return tuple(topics)


def _entries(node: _Node | None, topic: str, file: _File, top: int) -> tuple[_Entry, ...]:
    if node is None or node.value is None:
        return ()
    where = f"{topic}.content"
    if type(node.value) is not list:
        file.problem(node.line, f"{where}: expected a list of levels, got {show(node.value)}")
        return ()
    entries: list[_Entry] = []
    seen: dict[int, int] = {}
    for index, item in enumerate(node.value):
        at = f"{where}[{index}]"
        if type(item.value) is not dict:
            file.problem(
                item.line,
                f"{at}: expected a level (level, criteria…), got {show(item.value)}",
            )
            continue
        fields: dict[str, tuple[int, _Node]] = item.value
        _unknown(fields, _CONTENT_FIELDS, at, file)
        level_node = _get(fields, "level")
        if level_node is None:
            file.problem(item.line, f"{at}.level: required field missing")
            continue
        level = _number(level_node, f"{at}.level", file, top)
        if level is None:
            continue
        if level in seen:
            message = f"level {level} is given twice in this topic (first on line {seen[level]})"
            file.problem(level_node.line, f"{at}.level: {message}")
            continue
        seen[level] = level_node.line
        criteria = list(_texts(_get(fields, "criteria"), f"{at}.criteria", file))
        examples = list(_texts(_get(fields, "examples"), f"{at}.examples", file))
        example_of = [""] * len(examples)
        for criterion, shown in _example_criteria(_get(fields, "exampleCriteria"), at, file):
            if criterion:  # a blank one has no text to keep; its examples are kept
                criteria.append(criterion)
            examples += shown
            example_of += [criterion] * len(shown)
        entries.append(_Entry(level, tuple(criteria), tuple(examples), tuple(example_of)))
    return tuple(entries)


def _example_criteria(
    node: _Node | None, at: str, file: _File
) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Each criterion with examples: the criterion, and its examples."""
    if node is None or node.value is None:
        return
    where = f"{at}.exampleCriteria"
    if type(node.value) is not list:
        file.problem(
            node.line, f"{where}: expected a list of criteria with examples, got {show(node.value)}"
        )
        return
    for index, item in enumerate(node.value):
        here = f"{where}[{index}]"
        if type(item.value) is not dict:
            file.problem(
                item.line,
                f"{here}: expected a criterion (criteria, examples), got {show(item.value)}",
            )
            continue
        fields: dict[str, tuple[int, _Node]] = item.value
        _unknown(fields, _EXAMPLE_FIELDS, here, file)
        criterion_node = _get(fields, "criteria")
        if criterion_node is None:
            file.problem(item.line, f"{here}.criteria: required field missing")
            continue
        criterion = _text(criterion_node, f"{here}.criteria", file)
        examples = _texts(_get(fields, "examples"), f"{here}.examples", file)
        if criterion is not None:
            yield criterion, examples


def _build(tracks: list[_Track], name: str, version: str, skipped: list[Problem]) -> Taxonomy:
    """The framework of the tracks: roles, skills, levels (shared, or a ladder each)."""
    ids = _role_ids(tracks)
    shared = len({track.levels for track in tracks}) == 1
    top = tracks[0].levels
    common = [Level(f"level-{n}", f"Level {n}", n) for n in range(1, top + 1)] if shared else []
    skills = _skills(tracks, skipped)
    roles: list[Role] = []
    ladders: list[Ladder] = []
    expectations: list[Expectation] = []
    for track, role_id in zip(tracks, ids, strict=True):
        ladder = None
        levels = common
        if not shared:
            levels = [Level(f"{role_id}-{n}", f"Level {n}", n) for n in range(1, track.levels + 1)]
            ladder = Ladder(role_id, track.name, levels)
            ladders.append(ladder)
        role = Role(
            role_id,
            track.name,
            track.group,
            track.summary,
            ladder=ladder,
            external_id=track.external_id,
            extras=Extras(track.extras),
        )
        roles.append(role)
        for topic in track.topics:
            skill = skills[id_key(topic.id)]
            for entry in topic.entries:
                extras = None
                if any(entry.example_of):
                    extras = {EXTRA_PREFIX + "example_of": list(entry.example_of)}
                expectations.append(
                    Expectation(
                        skill,
                        role,
                        levels[entry.level - 1],
                        None,
                        criteria=entry.criteria,
                        examples=entry.examples,
                        extras=extras,
                    )
                )
    return Taxonomy(
        name=name,
        version=version,
        domains={skill.domain.id: skill.domain for skill in skills.values()}.values(),
        skills=skills.values(),
        roles=roles,
        levels=common,
        ladders=ladders,
        expectations=expectations,
    )


def _skills(tracks: list[_Track], skipped: list[Problem]) -> dict[str, Skill]:
    """Each topic's skill, by its id's key; titles that differ are noted as skipped.

    A skill is named by the first title any track gives its topic, and is in the
    domain of the first track with a group that has it.
    """
    first: dict[str, _Topic] = {}
    titled: dict[str, tuple[_Topic, _Track]] = {}
    groups: dict[str, str] = {}
    for track in tracks:
        for topic in track.topics:
            key = id_key(topic.id)
            first.setdefault(key, topic)
            if topic.titled:
                titled.setdefault(key, (topic, track))
            if track.group:
                groups.setdefault(key, track.group)
    domains: dict[str, Domain] = {}
    skills: dict[str, Skill] = {}
    for key, topic in first.items():
        group = groups.get(key, "")
        group_id, group_name = (slug(group), group) if group else _NO_GROUP
        domain = domains.setdefault(id_key(group_id), Domain(group_id, group_name))
        skill_name = titled[key][0].name if key in titled else topic.name
        skills[key] = Skill(topic.id, skill_name, domain)
    for track in tracks:
        for topic in track.topics:
            key = id_key(topic.id)
            if topic.titled and topic.name != skills[key].name:
                place = f"{track.file}, line {topic.line}"
                message = (
                    f"the title {topic.name!r} of topic {topic.id!r} is not kept (the skill "
                    f"is named {skills[key].name!r}, as in {titled[key][1].file})"
                )
                skipped.append(Problem(place, message))
    return skills


def _role_ids(tracks: list[_Track]) -> list[str]:
    """Each track's role id, or its file's path (without suffix) where two ids are alike."""
    stems: dict[str, int] = {}
    for track in tracks:
        stems[id_key(track.id)] = stems.get(id_key(track.id), 0) + 1
    return [
        track.id if stems[id_key(track.id)] == 1 else os.path.splitext(track.file)[0]
        for track in tracks
    ]
