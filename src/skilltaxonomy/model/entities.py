"""The value classes of a competency framework: frozen, hashable, equal by value.

Nothing here knows about files or JSON; `Taxonomy` holds these and answers queries.
"""

from __future__ import annotations

import datetime

import attrs

from skilltaxonomy._text import count


def _short(value: object) -> str:
    """Show a nested entity by its id, so an expectation's repr stays one line."""
    return repr(getattr(value, "id", value))


@attrs.frozen
class Domain:
    """A broad area of competence that holds skills, such as "Machine Learning & AI".

    Attributes:
        id: Unique among domains, ignoring case and Unicode normalisation, for
            example ``"machine-learning-ai"``.
        name: Display name.
    """

    id: str
    name: str


@attrs.frozen
class Skill:
    """A skill, such as "Neural Network Architectures".

    Attributes:
        id: Unique among skills, ignoring case and Unicode normalisation.
        name: Display name.
        domain: The domain the skill belongs to.
        category: A label grouping skills within the domain (may be empty).
        summary: A short description (may be empty).
        updated: When the skill's expectations were last revised, if known.
    """

    id: str
    name: str
    domain: Domain = attrs.field(repr=_short)
    category: str = ""
    summary: str = ""
    updated: datetime.date | None = None


@attrs.frozen
class Role:
    """A job role, such as "Data Scientist".

    Attributes:
        id: Unique among roles, ignoring case and Unicode normalisation.
        name: Display name.
        family: A label grouping related roles (may be empty).
        summary: A short description (may be empty).
    """

    id: str
    name: str
    family: str = ""
    summary: str = ""


@attrs.frozen(order=True)
class Level:
    """A step of the career ladder, such as "Senior".

    Levels order by `rank`, so ``junior < senior`` and ``max(levels)`` work.

    Attributes:
        id: Unique among levels, ignoring case and Unicode normalisation.
        name: Display name.
        rank: Position on the ladder: 1 for the entry level, consecutive upwards.

    >>> Level("junior", "Junior", 1) < Level("senior", "Senior", 3)
    True
    """

    id: str = attrs.field(order=False)
    name: str = attrs.field(order=False)
    rank: int


@attrs.frozen
class Expectation:
    """What a role expects of a skill at a level.

    The skill, role and level are the objects themselves, so
    ``expectation.skill.name`` needs no second lookup.

    Attributes:
        skill: The skill.
        role: The role.
        level: The level.
        mandatory: Whether the item is required (``True``) or optional.
        description: What is expected, verbatim from the source.
    """

    skill: Skill = attrs.field(repr=_short)
    role: Role = attrs.field(repr=_short)
    level: Level = attrs.field(repr=_short)
    mandatory: bool
    description: str


class _ShowsAsHTML:
    """Shown as an HTML table in Jupyter; `render` gives text and Markdown too."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        from skilltaxonomy.pages.build import render  # noqa: PLC0415 - rendering loads catalogs; only when shown

        return render(self, "html")  # type: ignore[arg-type]


@attrs.frozen
class Comparison(_ShowsAsHTML):
    """One skill and role seen at a current level and at a target level.

    Returned by `Taxonomy.compare`.

    Attributes:
        skill: The skill compared.
        role: The role compared.
        current: The level the reader holds now.
        target: The level compared with, or ``None`` when `current` is the top level
            and no target was given.
        current_expectation: What `current` expects, if the framework says.
        target_expectation: What `target` expects, if the framework says.
        crossed: The levels above `current` up to and including `target`.
        steps: The expectations at the `crossed` levels, in ladder order.
        mandatory: Those of `steps` that are mandatory.
    """

    skill: Skill = attrs.field(repr=_short)
    role: Role = attrs.field(repr=_short)
    current: Level = attrs.field(repr=_short)
    target: Level | None = attrs.field(repr=_short)
    current_expectation: Expectation | None
    target_expectation: Expectation | None
    crossed: tuple[Level, ...] = attrs.field(repr=False)
    steps: tuple[Expectation, ...] = attrs.field(repr=False)
    mandatory: tuple[Expectation, ...] = attrs.field(repr=False)

    @property
    def at_top(self) -> bool:
        """Whether there is nothing above the current level to compare with."""
        return self.target is None

    def __str__(self) -> str:
        if self.target is None:
            return (
                f"{self.skill.name} for {self.role.name}: {self.current.name} is the top "
                "level; there is no next level."
            )
        return (
            f"{self.skill.name} for {self.role.name}: {self.current.name} → "
            f"{self.target.name}, {count(len(self.crossed), 'level')} up, "
            f"{count(len(self.steps), 'expectation')} to cover, "
            f"{len(self.mandatory)} mandatory."
        )


@attrs.frozen
class Profile(_ShowsAsHTML):
    """A skill's page: where it sits, who expects it, and what at each level.

    Returned by `Taxonomy.profile`.

    Attributes:
        skill: The skill.
        roles: The roles with expectations for the skill, in file order.
        levels: The levels with expectations for the skill, in ladder order.
        expectations: All the skill's expectations, by level and then file order.
        mandatory_count: How many of `expectations` are mandatory.
        optional_count: How many of `expectations` are optional.
    """

    skill: Skill = attrs.field(repr=_short)
    roles: tuple[Role, ...] = attrs.field(repr=lambda roles: repr(tuple(r.id for r in roles)))
    levels: tuple[Level, ...] = attrs.field(repr=lambda levels: repr(tuple(lv.id for lv in levels)))
    expectations: tuple[Expectation, ...] = attrs.field(repr=False)
    mandatory_count: int
    optional_count: int

    @property
    def domain(self) -> Domain:
        """The skill's domain."""
        return self.skill.domain

    @property
    def category(self) -> str:
        """The skill's category (may be empty)."""
        return self.skill.category

    @property
    def updated(self) -> datetime.date | None:
        """When the skill was last revised, if known."""
        return self.skill.updated

    @property
    def by_level(self) -> tuple[tuple[Level, tuple[Expectation, ...]], ...]:
        """The expectations grouped by level, in ladder order."""
        return tuple(
            (level, tuple(e for e in self.expectations if e.level == level))
            for level in self.levels
        )


@attrs.frozen
class MatrixRow:
    """One skill's row of a `RoleMatrix`.

    Attributes:
        skill: The skill.
        cells: What the role expects at each of the matrix's levels, ``None`` where the
            framework says nothing.
    """

    skill: Skill = attrs.field(repr=_short)
    cells: tuple[Expectation | None, ...] = attrs.field(repr=False)


@attrs.frozen
class RoleMatrix(_ShowsAsHTML):
    """A role's skills × levels grid. Returned by `Taxonomy.matrix`.

    Attributes:
        role: The role.
        levels: The columns: the whole ladder, entry level first.
        rows: One row per skill the role has expectations for, in file order.
    """

    role: Role = attrs.field(repr=_short)
    levels: tuple[Level, ...] = attrs.field(repr=lambda levels: repr(tuple(lv.id for lv in levels)))
    rows: tuple[MatrixRow, ...] = attrs.field(
        repr=lambda rows: repr(tuple(r.skill.id for r in rows))
    )

    @property
    def mandatory_count(self) -> int:
        """How many cells hold a mandatory expectation."""
        return sum(1 for row in self.rows for e in row.cells if e is not None and e.mandatory)
