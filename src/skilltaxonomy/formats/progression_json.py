"""Progression frameworks as JSON: topics with criteria per level, and roles' topic levels.

The second layout progression frameworks are kept in: each topic (a competency, such
as "Delivery") has numbered levels, each with its criteria and examples; the ladder's
levels are listed once; and each role says, for each level of the ladder, which level
of each topic it requires::

    {
      "name": "Acme engineering",
      "levels": [{"id": "e1", "name": "Engineer I"}, {"id": "e2", "name": "Engineer II"}],
      "topics": [
        {"id": "delivery", "name": "Delivery", "group": "Craft",
         "levels": [
           {"name": "Ships with help", "criteria": ["Finishes a small ticket"]},
           {"name": "Ships alone", "criteria": ["Plans a feature"], "examples": ["…"]}]}
      ],
      "roles": [
        {"id": "backend", "name": "Backend engineer",
         "levels": {"e1": {"delivery": 1}, "e2": {"delivery": 2}}}
      ]
    }

Each topic is a skill with a scale of its own (its levels are the steps, numbered from
1), and what a level of it means (its description, criteria and examples) is the
skill's definition at that step; each role's requirement of a topic at a level of the
ladder is a mandatory expectation of that step. docs/sources.md states the layout.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from skilltaxonomy._text import (
    character_problem,
    check_id,
    check_name,
    check_text,
    close_matches,
    id_key,
    show,
    slug,
)
from skilltaxonomy.exceptions import InvalidTaxonomyError, InvalidValueError, Problem
from skilltaxonomy.formats._guard import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, Data, Reading
from skilltaxonomy.formats._json import parse_json
from skilltaxonomy.model import (
    Definition,
    Domain,
    Expectation,
    Level,
    Role,
    Scale,
    Skill,
    Step,
    Taxonomy,
)

_T = TypeVar("_T")

#: The fields of each object of the layout (any other is listed in `Reading.skipped`).
FIELDS = {
    "framework": ("name", "version", "description", "levels", "topics", "roles"),
    "level": ("id", "name", "description"),
    "topic": ("id", "name", "group", "description", "levels"),
    "topic level": ("level", "name", "description", "criteria", "examples"),
    "role": ("id", "name", "family", "description", "levels"),
}
# The domain of the topics that name no group.
_NO_GROUP = ("topics", "Topics")


class _Checker:
    """Every problem of a document, each at its path, and the fields it does not keep."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.skipped: list[Problem] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def fields(self, value: object, path: str, kind: str) -> dict[str, Any] | None:
        """`value` as an object of `kind`; its unknown fields noted as skipped."""
        if type(value) is not dict:
            self.problem(path, f"expected an object ({kind}), got {show(value)}")
            return None
        known = FIELDS[kind]
        for key in value:
            if key not in known:
                hint = close_matches(key, known, limit=1)
                also = f"; did you mean {hint[0]!r}?" if hint else ""
                self.skipped.append(
                    Problem(_at(path, key), f"not kept (not a field of a {kind}{also})")
                )
        return value

    def value(
        self, fields: dict[str, Any], key: str, path: str, check: Callable[[object], _T]
    ) -> _T | None:
        """A field checked by `check`; None (with a problem) where it fails, or is absent."""
        if key not in fields:
            return None
        try:
            return check(fields[key])
        except InvalidValueError as error:
            self.problem(_at(path, key), str(error))
            return None

    def required(
        self, fields: dict[str, Any], key: str, path: str, check: Callable[[object], _T]
    ) -> _T | None:
        """A field that must be there."""
        if key not in fields:
            self.problem(_at(path, key), "required field missing")
            return None
        return self.value(fields, key, path, check)

    def array(self, fields: dict[str, Any], key: str, path: str) -> list[Any]:
        """A field that is an array (absent: none)."""
        found = fields.get(key, [])
        if type(found) is not list:
            self.problem(_at(path, key), f"expected an array, got {show(found)}")
            return []
        return found

    def ident(self, fields: dict[str, Any], path: str, name: str | None) -> str | None:
        """The object's ``id``, or one made from its name."""
        if "id" in fields:
            return self.value(fields, "id", path, check_id)
        return None if name is None else slug(name)

    def check(self, source: str | None) -> None:
        if self.problems:
            raise InvalidTaxonomyError(self.problems, source)


def _at(path: str, key: str) -> str:
    return f"{path}.{key}" if key.isidentifier() else f"{path}[{key!r}]"


def _texts(value: object) -> tuple[str, ...]:
    if type(value) is not list:
        raise InvalidValueError(f"expected an array of strings, got {show(value)}")
    for index, item in enumerate(value):
        try:
            check_text(item)
        except InvalidValueError as error:
            raise InvalidValueError(f"item {index}: {error}") from None
    return tuple(value)


def _unique(checker: _Checker, seen: dict[str, str], key: str, path: str, what: str) -> bool:
    """Whether `key` is new among `seen` (a problem otherwise)."""
    folded = id_key(key)
    if folded in seen:
        checker.problem(path, f"the {what} id {key!r} is given twice (first at {seen[folded]})")
        return False
    seen[folded] = path
    return True


def read(
    data: Data,
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str | None = None,
    version: str | None = None,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Reading:
    """Read a progression framework of topics, levels and roles, as JSON.

    Fields the layout does not have are listed in `Reading.skipped`.

    Args:
        data: The JSON text, or its UTF-8 bytes.
        source: The file's name, for errors.
        max_bytes: Refuse inputs larger than this.
        name: The framework's name (default: the file's ``name``).
        version: Its version label (default: the file's ``version``).
        max_depth: How deeply arrays and objects may nest (the layout needs 6).

    Raises:
        InvalidTaxonomyError: Not JSON, or not the layout; every problem is listed at its
            path (``$.roles[0].levels.e2.delivery: unknown topic 'delivry' …``).
    """
    raw = data if isinstance(data, str) else bytes(data)
    document = parse_json(raw, source, max_bytes, max_depth)
    checker = _Checker()
    top = checker.fields(document, "$", "framework")
    if top is None:
        checker.check(source)
        raise AssertionError  # pragma: no cover - check raised
    title = checker.value(top, "name", "$", check_name)
    label = checker.value(top, "version", "$", check_text)
    description = checker.value(top, "description", "$", check_text) or ""
    if "levels" not in top:
        checker.problem("$.levels", "required field missing (the ladder's levels)")
    if "topics" not in top:
        checker.problem("$.topics", "required field missing")
    levels = _levels(checker, checker.array(top, "levels", "$"))
    topics = _topics(checker, checker.array(top, "topics", "$"))
    checker.check(source)
    roles, expectations = _roles(checker, checker.array(top, "roles", "$"), levels, topics)
    checker.check(source)
    taxonomy = Taxonomy(
        name=(name if name is not None else title) or "Progression framework",
        version=(version if version is not None else label) or "",
        description=description,
        domains={skill.domain.id: skill.domain for skill, _ in topics.values()}.values(),
        skills=[skill for skill, _ in topics.values()],
        roles=roles,
        levels=levels.values(),
        expectations=expectations,
        scales=[skill.scale for skill, _ in topics.values() if skill.scale is not None],
        definitions=[d for _, found in topics.values() for d in found],
    )
    return Reading(taxonomy, checker.skipped)


def _levels(checker: _Checker, items: list[Any]) -> dict[str, Level]:
    """The ladder's levels by their id's key, entry level first."""
    levels: dict[str, Level] = {}
    seen: dict[str, str] = {}
    for index, item in enumerate(items):
        path = f"$.levels[{index}]"
        fields = checker.fields(item, path, "level")
        if fields is None:
            continue
        level_name = checker.required(fields, "name", path, check_name)
        level_id = checker.ident(fields, path, level_name)
        about = checker.value(fields, "description", path, check_text) or ""
        if level_id is None or level_name is None:
            continue
        if _unique(checker, seen, level_id, path, "level"):
            levels[id_key(level_id)] = Level(level_id, level_name, len(levels) + 1, about)
    if not items and "$.levels" not in {p.path for p in checker.problems}:
        checker.problem("$.levels", "expected at least one level")
    return levels


def _check_group(value: object) -> str:
    """A topic's group: text, and one line where it names a domain (not blank)."""
    text = check_text(value)
    problem = character_problem(text, name=True) if text.strip() else None
    if problem is not None:
        raise InvalidValueError(problem)
    return text


def _topics(checker: _Checker, items: list[Any]) -> dict[str, tuple[Skill, list[Definition]]]:
    """Each topic's skill (with its scale) and definitions, by its id's key."""
    topics: dict[str, tuple[Skill, list[Definition]]] = {}
    domains: dict[str, Domain] = {}
    seen: dict[str, str] = {}
    for index, item in enumerate(items):
        path = f"$.topics[{index}]"
        fields = checker.fields(item, path, "topic")
        if fields is None:
            continue
        topic_name = checker.required(fields, "name", path, check_name)
        topic_id = checker.ident(fields, path, topic_name)
        group = checker.value(fields, "group", path, _check_group) or ""
        about = checker.value(fields, "description", path, check_text) or ""
        if "levels" not in fields:
            checker.problem(f"{path}.levels", "required field missing (the topic's levels)")
        steps = _steps(checker, checker.array(fields, "levels", path), path)
        if topic_id is None or topic_name is None or steps is None:
            continue
        if not _unique(checker, seen, topic_id, path, "topic"):
            continue
        group_id, group_name = (slug(group), group) if group.strip() else _NO_GROUP
        domain = domains.setdefault(id_key(group_id), Domain(group_id, group_name))
        scale = Scale(topic_id, topic_name, [step for step, _ in steps])
        skill = Skill(topic_id, topic_name, domain, summary=about, scale=scale)
        definitions = [
            Definition(skill, step, text, criteria=criteria, examples=examples)
            for step, (text, criteria, examples) in steps
            if text or criteria or examples
        ]
        topics[id_key(topic_id)] = (skill, definitions)
    return topics


_Meaning = tuple[str, tuple[str, ...], tuple[str, ...]]


def _steps(checker: _Checker, items: list[Any], topic: str) -> list[tuple[Step, _Meaning]] | None:
    """A topic's levels: each a step of its scale, and what it means (text, criteria, examples)."""
    if not items:
        if f"{topic}.levels" not in {p.path for p in checker.problems}:
            checker.problem(f"{topic}.levels", "expected at least one level")
        return None
    steps: list[tuple[Step, _Meaning]] = []
    failed = False
    for index, item in enumerate(items):
        path = f"{topic}.levels[{index}]"
        fields = checker.fields(item, path, "topic level")
        if fields is None:
            failed = True
            continue
        number = index + 1
        given = fields.get("level", number)
        if type(given) is not int or given != number:
            message = f"expected {number} (levels are numbered from 1, in order), got {show(given)}"
            checker.problem(f"{path}.level", message)
            failed = True
        step_name = checker.value(fields, "name", path, check_name) or f"Level {number}"
        text = checker.value(fields, "description", path, check_text) or ""
        criteria = checker.value(fields, "criteria", path, _texts) or ()
        examples = checker.value(fields, "examples", path, _texts) or ()
        step = Step(str(number), step_name, number, str(number))
        steps.append((step, (text, criteria, examples)))
    return None if failed else steps


def _roles(
    checker: _Checker,
    items: list[Any],
    levels: dict[str, Level],
    topics: dict[str, tuple[Skill, list[Definition]]],
) -> tuple[list[Role], list[Expectation]]:
    """The roles, and what each requires of each topic at each level of the ladder."""
    roles: list[Role] = []
    expectations: list[Expectation] = []
    seen: dict[str, str] = {}
    for index, item in enumerate(items):
        path = f"$.roles[{index}]"
        fields = checker.fields(item, path, "role")
        if fields is None:
            continue
        role_name = checker.required(fields, "name", path, check_name)
        role_id = checker.ident(fields, path, role_name)
        family = checker.value(fields, "family", path, check_text) or ""
        about = checker.value(fields, "description", path, check_text) or ""
        by_level = fields.get("levels", {})
        if type(by_level) is not dict:
            message = f"expected an object of level ids, got {show(by_level)}"
            checker.problem(f"{path}.levels", message)
            continue
        required = _required(checker, by_level, f"{path}.levels", levels, topics)
        if role_id is None or role_name is None or required is None:
            continue
        if not _unique(checker, seen, role_id, path, "role"):
            continue
        start = min((level for level, _, _ in required), default=None)
        role = Role(
            role_id, role_name, family, about, start=start if start and start.rank > 1 else None
        )
        roles.append(role)
        for level, skill, step in sorted(required, key=lambda found: found[0].rank):
            expectations.append(Expectation(skill, role, level, True, step=step))
    return roles, expectations


def _required(
    checker: _Checker,
    by_level: dict[str, Any],
    path: str,
    levels: dict[str, Level],
    topics: dict[str, tuple[Skill, list[Definition]]],
) -> list[tuple[Level, Skill, Step]] | None:
    """Each (level, skill, step) a role's ``levels`` object requires; None on a problem."""
    found: list[tuple[Level, Skill, Step]] = []
    before = len(checker.problems)
    seen: dict[str, str] = {}
    for level_key, needs in by_level.items():
        here = _at(path, level_key)
        level = levels.get(id_key(level_key))
        if level is None:
            checker.problem(here, _unknown("level", level_key, [lv.id for lv in levels.values()]))
            continue
        if not _unique(checker, seen, level.id, here, "level"):
            continue
        if type(needs) is not dict:
            checker.problem(here, f"expected an object of topic ids, got {show(needs)}")
            continue
        for topic_key, number in needs.items():
            at = _at(here, topic_key)
            topic = topics.get(id_key(topic_key))
            if topic is None:
                ids = [skill.id for skill, _ in topics.values()]
                checker.problem(at, _unknown("topic", topic_key, ids))
                continue
            skill = topic[0]
            steps = skill.scale.steps if skill.scale is not None else ()
            if type(number) is not int or not 1 <= number <= len(steps):
                expected = f"a level of the topic: a whole number from 1 to {len(steps)}"
                checker.problem(at, f"expected {expected}, got {show(number)}")
                continue
            found.append((level, skill, steps[number - 1]))
    return None if len(checker.problems) > before else found


def _unknown(what: str, key: str, known: list[str]) -> str:
    hint = close_matches(key, known, limit=1)
    also = f"did you mean {hint[0]!r}?" if hint else f"expected one of: {', '.join(known)}"
    return f"unknown {what} {key!r} ({also})"
