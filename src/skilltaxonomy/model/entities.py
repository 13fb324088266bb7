"""The value classes of a competency framework: frozen, hashable, equal by value.

Nothing here knows about files or JSON; `Taxonomy` holds these and answers queries.
Each class refuses, with `InvalidValueError`, a value the format refuses (docs/format.md,
Rules): an id with surrounding whitespace, a control or reordering character in a name,
a lone surrogate in a description, an extra that is not JSON.

Every entity may carry an `external_id` (a URI or a code such as ``"PROG"``), `extras`
(namespaced JSON values every format keeps) and, where it has a name, `translations`.
The simple case needs none of them: ``Level("senior", "Senior", 3)``.
"""

from __future__ import annotations

import collections
import datetime
import functools
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from skilltaxonomy.model import _rules
from skilltaxonomy.model.extras import NO_EXTRAS, NO_TRANSLATIONS, Extras, Translations

_E = TypeVar("_E")  # an entity class of `_unchecked_maker`


def _short(value: object) -> str:
    """Show a nested entity by its id, so an expectation's repr stays one line."""
    return repr(getattr(value, "id", value))


class _ShortRepr:
    """A repr that leaves out the fields at their defaults, so the simple case stays short."""

    __slots__ = ()

    def __repr__(self) -> str:
        shown = []
        cls: Any = type(self)
        for field in attrs.fields(cls):
            value = getattr(self, field.name)
            if field.repr is False or (
                field.default is not attrs.NOTHING and value == field.default
            ):
                continue
            text = field.repr(value) if callable(field.repr) else repr(value)
            shown.append(f"{field.name}={text}")
        return f"{type(self).__name__}({', '.join(shown)})"


# The fields every entity may carry, keyword-only; `order` False keeps them out of a
# level's or step's ordering (which is by rank).


def _external_id(*, order: bool = True) -> Any:
    return attrs.field(default="", kw_only=True, order=order, validator=_rules.TEXT)


def _extras(*, order: bool = True) -> Any:
    return attrs.field(default=NO_EXTRAS, kw_only=True, order=order, converter=_rules.extras)


def _translations(*, order: bool = True) -> Any:
    return attrs.field(
        default=NO_TRANSLATIONS, kw_only=True, order=order, converter=_rules.translations
    )


def _texts() -> Any:
    return attrs.field(default=(), kw_only=True, converter=_rules.texts, validator=_rules.TEXTS)


@attrs.frozen(repr=False)
class Domain(_ShortRepr):
    """A broad area of competence that holds skills, such as "Machine Learning & AI".

    Attributes:
        id: Unique among domains, ignoring case and Unicode normalisation, for
            example ``"machine-learning-ai"``.
        name: Display name.
        external_id: An identifier elsewhere: a URI or a code (may be empty).
        extras: Extra JSON values, by namespaced key.
        translations: The name in other languages.
    """

    id: str = attrs.field(validator=_rules.ID)
    name: str = attrs.field(validator=_rules.NAME)
    external_id: str = _external_id()
    extras: Extras = _extras()
    translations: Translations = _translations()


def _levels(items: Iterable[Level]) -> tuple[Level, ...]:
    return tuple(items)


def _steps(items: Iterable[Step]) -> tuple[Step, ...]:
    return tuple(items)


@attrs.frozen(order=True, repr=False)
class Level(_ShortRepr):
    """A step of the career ladder, such as "Senior".

    Levels order by `rank`, so ``junior < senior`` and ``max(levels)`` work.

    Attributes:
        id: Unique among levels, ignoring case and Unicode normalisation.
        name: Display name.
        rank: Position on its ladder: 1 for the entry level, consecutive upwards.
        description: What the level means across skills (may be empty).

    >>> Level("junior", "Junior", 1) < Level("senior", "Senior", 3)
    True
    """

    id: str = attrs.field(order=False, validator=_rules.ID)
    name: str = attrs.field(order=False, validator=_rules.NAME)
    rank: int = attrs.field(validator=_rules.rank)
    description: str = attrs.field(default="", order=False, validator=_rules.TEXT)
    external_id: str = _external_id(order=False)
    extras: Extras = _extras(order=False)
    translations: Translations = _translations(order=False)


@attrs.frozen(repr=False)
class Ladder(_ShortRepr):
    """A ladder of levels that roles climb, such as ``D1``–``D7`` for developers.

    A framework with one ladder needs none: its levels are the ladder every role
    climbs. With several, each role names its ladder (`Role.ladder`).

    Attributes:
        id: Unique among ladders.
        name: Display name.
        levels: Its levels, entry level first; each level's rank is its position.
        description: What the ladder is for (may be empty).
    """

    id: str = attrs.field(validator=_rules.ID)
    name: str = attrs.field(validator=_rules.NAME)
    levels: tuple[Level, ...] = attrs.field(
        converter=_levels,
        repr=lambda levels: repr(tuple(level.id for level in levels)),
        validator=attrs.validators.deep_iterable(_rules.instance_of(Level)),
    )
    description: str = attrs.field(default="", validator=_rules.TEXT)
    external_id: str = _external_id()
    extras: Extras = _extras()
    translations: Translations = _translations()


@attrs.frozen(order=True, repr=False)
class Step(_ShortRepr):
    """A step of a proficiency scale, such as "Working" (code ``"W"``).

    Steps order by `rank`, as levels do.

    Attributes:
        id: Unique within its scale.
        name: Display name.
        rank: Position on the scale: 1 for the lowest step.
        code: A short code for matrices, such as ``"W"`` (may be empty).
        description: What the step means across skills (may be empty).
    """

    id: str = attrs.field(order=False, validator=_rules.ID)
    name: str = attrs.field(order=False, validator=_rules.NAME)
    rank: int = attrs.field(validator=_rules.rank)
    code: str = attrs.field(default="", order=False, validator=_rules.TEXT)
    description: str = attrs.field(default="", order=False, validator=_rules.TEXT)
    external_id: str = _external_id(order=False)
    extras: Extras = _extras(order=False)
    translations: Translations = _translations(order=False)


@attrs.frozen(repr=False)
class Scale(_ShortRepr):
    """An ordered proficiency scale, such as Awareness, Working, Advanced, Expert.

    Attributes:
        id: Unique among scales.
        name: Display name.
        steps: Its steps, lowest first; each step's rank is its position.
        description: What the scale measures (may be empty).

    >>> scale = Scale("proficiency", "Proficiency", [Step("a", "Awareness", 1, "A")])
    >>> scale.step("A").name
    'Awareness'
    """

    id: str = attrs.field(validator=_rules.ID)
    name: str = attrs.field(validator=_rules.NAME)
    steps: tuple[Step, ...] = attrs.field(
        converter=_steps,
        repr=lambda steps: repr(tuple(step.id for step in steps)),
        validator=attrs.validators.deep_iterable(_rules.instance_of(Step)),
    )
    description: str = attrs.field(default="", validator=_rules.TEXT)
    external_id: str = _external_id()
    extras: Extras = _extras()
    translations: Translations = _translations()

    def step(self, key: Step | str | int, default: Any = None) -> Step | Any:
        """The step with that id, code, name (case-insensitive) or rank, or `default`.

        An id wins over a code, and a code over a name: ``"0"`` is the step whose id is
        ``"0"`` even where another step's code is ``"0"``.
        """
        if isinstance(key, str):
            found = self.find_step(key)
            if found is not None:
                return found
        return next((step for step in self.steps if step_named(step, key)), default)

    def find_step(self, key: str) -> Step | None:
        """The step with that id, else the one with that code (how files name steps)."""
        for step in self.steps:
            if step.id == key:
                return step
        for step in self.steps:
            if step.code and step.code == key:
                return step
        return None


def step_named(step: Step, key: object) -> bool:
    """Whether `key` names `step`: the step, its id, code, name (any case) or rank."""
    if isinstance(key, Step):
        return step == key
    if isinstance(key, int) and not isinstance(key, bool):
        return step.rank == key
    return isinstance(key, str) and (
        key in (step.id, step.code) or key.casefold() == step.name.casefold()
    )


@attrs.frozen(repr=False)
class Skill(_ShortRepr):
    """A skill, such as "Neural Network Architectures".

    Attributes:
        id: Unique among skills, ignoring case and Unicode normalisation.
        name: Display name.
        domain: The domain the skill belongs to.
        category: A label grouping skills within the domain (may be empty).
        summary: A short description (may be empty).
        updated: When the skill's expectations were last revised, if known.
        scale: The proficiency scale its expectations and definitions name steps of;
            ``None`` for the framework's first scale.
    """

    id: str = attrs.field(validator=_rules.ID)
    name: str = attrs.field(validator=_rules.NAME)
    domain: Domain = attrs.field(repr=_short, validator=_rules.instance_of(Domain))
    category: str = attrs.field(default="", validator=_rules.TEXT)
    summary: str = attrs.field(default="", validator=_rules.TEXT)
    updated: datetime.date | None = attrs.field(default=None, validator=_rules.OPTIONAL_DATE)
    scale: Scale | None = attrs.field(
        default=None, kw_only=True, repr=_short, validator=_rules.optional_instance_of(Scale)
    )
    external_id: str = _external_id()
    extras: Extras = _extras()
    translations: Translations = _translations()


@attrs.frozen(repr=False)
class Role(_ShortRepr):
    """A job role, such as "Data Scientist".

    Attributes:
        id: Unique among roles, ignoring case and Unicode normalisation.
        name: Display name.
        family: A label grouping related roles (may be empty).
        summary: A short description (may be empty).
        ladder: The ladder the role climbs; ``None`` for the framework's own levels.
        start: The role's entry level, when it starts above its ladder's first.
    """

    id: str = attrs.field(validator=_rules.ID)
    name: str = attrs.field(validator=_rules.NAME)
    family: str = attrs.field(default="", validator=_rules.TEXT)
    summary: str = attrs.field(default="", validator=_rules.TEXT)
    ladder: Ladder | None = attrs.field(
        default=None, kw_only=True, repr=_short, validator=_rules.optional_instance_of(Ladder)
    )
    start: Level | None = attrs.field(
        default=None, kw_only=True, repr=_short, validator=_rules.optional_instance_of(Level)
    )
    external_id: str = _external_id()
    extras: Extras = _extras()
    translations: Translations = _translations()


@attrs.frozen(repr=False)
class ExpectationDetails(_ShortRepr):
    """What an expectation may hold beyond its description: see `Expectation`.

    Most expectations hold none of it and share `NO_DETAILS`, so a framework of a
    million plain expectations pays for one slot each, not eight.
    """

    step: Step | None = attrs.field(
        default=None, repr=_short, validator=_rules.optional_instance_of(Step)
    )
    importance: float | None = attrs.field(default=None, validator=_rules.OPTIONAL_NUMBER)
    criteria: tuple[str, ...] = _texts()
    examples: tuple[str, ...] = _texts()
    signals: tuple[str, ...] = _texts()
    external_id: str = _external_id()
    extras: Extras = _extras()
    translations: Translations = _translations()


#: The details of an expectation that has none (shared: it is immutable).
NO_DETAILS = ExpectationDetails()

_DETAIL_NAMES = tuple(field.name for field in attrs.fields(ExpectationDetails))
_NOT_GIVEN: Any = object()


@attrs.frozen(init=False, repr=False)
class Expectation(_ShortRepr):
    """What a role expects of a skill at a level.

    The skill, role and level are the objects themselves, so
    ``expectation.skill.name`` needs no second lookup.

    Attributes:
        skill: The skill.
        role: The role.
        level: The level.
        mandatory: Whether the item is required (``True``), optional (``False``), or
            the source does not say (``None``).
        description: What is expected, verbatim from the source (may be empty when a
            step says it all).
        step: The step of the skill's scale expected, if the source names one.
        importance: How much the item matters, on the source's own numbers, if given.
        criteria: What shows the expectation is met, item by item.
        examples: Examples of meeting it.
        signals: Signs of it, as some frameworks list them.
        external_id: Its identifier elsewhere (may be empty).
        extras: Extra JSON values, by namespaced key.
        translations: Its description in other languages.
        details: The eight above, together, as one `ExpectationDetails`.

    The last eight are held together in `details`, shared by every expectation that
    has none of them; they are given to the constructor by name all the same.
    """

    skill: Skill = attrs.field(repr=_short, validator=_rules.instance_of(Skill))
    role: Role = attrs.field(repr=_short, validator=_rules.instance_of(Role))
    level: Level = attrs.field(repr=_short, validator=_rules.instance_of(Level))
    mandatory: bool | None = attrs.field(validator=_rules.OPTIONAL_BOOLEAN)
    description: str = attrs.field(default="", validator=_rules.TEXT)
    details: ExpectationDetails = attrs.field(
        default=NO_DETAILS, repr=False, validator=_rules.instance_of(ExpectationDetails)
    )

    def __init__(  # noqa: PLR0917 - the fields as attrs would take them, in order
        self,
        skill: Skill,
        role: Role,
        level: Level,
        mandatory: bool | None,
        description: str = "",
        details: ExpectationDetails | None = None,
        *,
        step: Step | None = _NOT_GIVEN,
        importance: float | None = _NOT_GIVEN,
        criteria: Iterable[str] = _NOT_GIVEN,
        examples: Iterable[str] = _NOT_GIVEN,
        signals: Iterable[str] = _NOT_GIVEN,
        external_id: str = _NOT_GIVEN,
        extras: Any = _NOT_GIVEN,
        translations: Any = _NOT_GIVEN,
    ) -> None:
        given = {
            name: value
            for name, value in zip(
                _DETAIL_NAMES,
                (step, importance, criteria, examples, signals, external_id, extras, translations),
                strict=True,
            )
            if value is not _NOT_GIVEN
        }
        found = NO_DETAILS if details is None else details
        if given:
            found = attrs.evolve(found, **given)
            if found == NO_DETAILS:
                found = NO_DETAILS
        self.__attrs_init__(skill, role, level, mandatory, description, found)

    @classmethod
    def _plain(
        cls, skills: Sequence[Skill], roles: Iterable[Role], level: Level, flags: Iterable[bool]
    ) -> list[Expectation]:
        """What ``Expectation(skill, role, level, flag)`` makes for each, without its checks.

        For a reader of a large source (100,000 relations and more): the objects are
        made and their slots set by the interpreter's own loops, no Python code run per
        expectation. The caller guarantees what the constructor would check: every
        skill a `Skill`, every role a `Role`, `level` a `Level`, every flag a bool, and
        as many flags and roles as skills.
        """
        made = list(map(object.__new__, itertools.repeat(cls, len(skills))))
        set_skill, set_role, set_level, set_mandatory, set_description, set_details = _SETTERS
        consume = collections.deque[None](maxlen=0).extend
        consume(map(set_skill, made, skills))
        consume(map(set_role, made, roles))
        consume(map(set_level, made, itertools.repeat(level)))
        consume(map(set_mandatory, made, flags))
        consume(map(set_description, made, itertools.repeat("")))
        consume(map(set_details, made, itertools.repeat(NO_DETAILS)))
        return made

    @property
    def step(self) -> Step | None:
        """The step of the skill's scale expected, if the source names one."""
        return self.details.step

    @property
    def importance(self) -> float | None:
        """How much the item matters, on the source's own numbers, if given."""
        return self.details.importance

    @property
    def criteria(self) -> tuple[str, ...]:
        """What shows the expectation is met, item by item."""
        return self.details.criteria

    @property
    def examples(self) -> tuple[str, ...]:
        """Examples of meeting it."""
        return self.details.examples

    @property
    def signals(self) -> tuple[str, ...]:
        """Signs of it, as some frameworks list them."""
        return self.details.signals

    @property
    def external_id(self) -> str:
        """Its identifier elsewhere (may be empty)."""
        return self.details.external_id

    @property
    def extras(self) -> Extras:
        """Extra JSON values, by namespaced key."""
        return self.details.extras

    @property
    def translations(self) -> Translations:
        """Its description in other languages."""
        return self.details.translations

    def __repr__(self) -> str:
        shown = super().__repr__()
        if self.details is NO_DETAILS or self.details == NO_DETAILS:
            return shown
        extra = repr(self.details).removeprefix("ExpectationDetails(")
        return f"{shown[:-1]}, {extra}"


# Each slot's setter, in the order of the fields: what `Expectation._plain` sets.
_SETTERS: tuple[Callable[[Expectation, Any], None], ...] = tuple(
    Expectation.__dict__[field.name].__set__ for field in attrs.fields(Expectation)
)


@attrs.frozen(repr=False)
class Definition(_ShortRepr):
    """What a step of its scale means for one skill, whatever the role (SFIA, DIRECT).

    Attributes:
        skill: The skill.
        step: The step, of the skill's scale.
        description: What the skill looks like at that step.
        criteria: What shows it, item by item.
        examples: Examples of it.
    """

    skill: Skill = attrs.field(repr=_short, validator=_rules.instance_of(Skill))
    step: Step = attrs.field(repr=_short, validator=_rules.instance_of(Step))
    description: str = attrs.field(default="", validator=_rules.TEXT)
    criteria: tuple[str, ...] = _texts()
    examples: tuple[str, ...] = _texts()
    external_id: str = _external_id()
    extras: Extras = _extras()


@attrs.frozen(repr=False)
class RoleLevel(_ShortRepr):
    """A role's own text for one level of its ladder: its title, focus and stack there.

    Attributes:
        role: The role.
        level: A level of the role's ladder.
        title: The role's title at that level, such as "Senior ML Engineer".
        focus: What the role concentrates on at that level.
        stack: The technologies it works with there.
    """

    role: Role = attrs.field(repr=_short, validator=_rules.instance_of(Role))
    level: Level = attrs.field(repr=_short, validator=_rules.instance_of(Level))
    title: str = attrs.field(default="", validator=_rules.TEXT)
    focus: str = attrs.field(default="", validator=_rules.TEXT)
    stack: tuple[str, ...] = _texts()
    extras: Extras = _extras()


def _checked_maker(cls: type[_E]) -> Callable[..., _E]:
    """A function taking what `cls` takes and making it without a check: see `_unchecked_maker`.

    Generated for the class's fields, as attrs generates its constructor, each slot set
    by its own setter: a third of the constructor's time.
    """
    fields = attrs.fields(cls)  # type: ignore[arg-type]
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    parameters: list[str] = []
    keywords: list[str] = []
    body: list[str] = []
    for index, field in enumerate(fields):
        scope[f"set_{index}"] = cls.__dict__[field.name].__set__
        if field.default is not attrs.NOTHING:
            scope[f"default_{index}"] = field.default
        parameter = field.name + ("" if field.default is attrs.NOTHING else f"=default_{index}")
        (keywords if field.kw_only else parameters).append(parameter)
        body.append(f"    set_{index}(entity, {field.name})")
    signature = ", ".join([*parameters, *(["*", *keywords] if keywords else [])])
    code = f"def make({signature}):\n    entity = new(cls)\n" + "\n".join(body)
    exec(code + "\n    return entity", scope)
    made: Callable[..., _E] = scope["make"]
    return made


@functools.cache
def _unchecked_maker(cls: type[_E]) -> Callable[..., _E]:
    """What makes a `cls` as ``cls(...)`` does, from values already checked, without a check.

    For a reader of a large source, whose values the fields' own rules have checked
    already (a reader checks each value first, to place its problem in the file): an id
    by `check_id`, a name by `check_name`, text by `check_text`, an entity of the
    model's class, `Extras` and `Translations` made. The caller guarantees all of it:
    nothing is checked, nothing converted. ``_unchecked_maker(Skill)("python", "Python", domain)``.
    """
    if cls not in _ENTITIES:
        raise TypeError(f"expected an entity class, got {cls!r}")
    return _checked_maker(cls)


def _unchecked_many(
    cls: type[_E], columns: Mapping[str, Sequence[Any]], **constants: Any
) -> list[_E]:
    """What `_unchecked_maker` makes for each row of `columns`, a field at a time.

    `columns` gives some fields' values, a sequence each, all as long; `constants` a
    value every entity has; any other field its default. The objects are made and
    their slots set by the interpreter's own loops, no Python code run per entity (as
    `Expectation._plain`). The caller guarantees what `_unchecked_maker` asks.
    """
    if cls not in _ENTITIES:
        raise TypeError(f"expected an entity class, got {cls!r}")
    lengths = {len(values) for values in columns.values()}
    if len(lengths) != 1:
        raise ValueError("expected columns all as long")
    made = list(map(object.__new__, itertools.repeat(cls, lengths.pop())))
    consume = collections.deque[None](maxlen=0).extend
    given = {**columns}
    for field in attrs.fields(cls):  # type: ignore[arg-type]
        if field.name in given:
            values: Iterable[Any] = given.pop(field.name)
        elif field.name in constants:
            values = itertools.repeat(constants.pop(field.name))
        elif field.default is not attrs.NOTHING:
            values = itertools.repeat(field.default)
        else:
            raise TypeError(f"{cls.__name__}.{field.name} not given")
        consume(map(cls.__dict__[field.name].__set__, made, values))
    if given or constants:
        raise TypeError(f"unknown fields: {', '.join([*given, *constants])}")
    return made


_ENTITIES = (Domain, Level, Ladder, Step, Scale, Skill, Role, Definition, RoleLevel)
