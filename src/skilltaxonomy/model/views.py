"""The results of a framework's queries: a comparison, a skill's profile, a role's matrix.

Each is a frozen value built by `Taxonomy`; in a notebook it shows as an HTML table.
"""

from __future__ import annotations

import datetime
from typing import ClassVar

import attrs

from skilltaxonomy._text import count
from skilltaxonomy.model._display import ShowsAsHTML
from skilltaxonomy.model.entities import (
    Domain,
    Expectation,
    Level,
    Role,
    RoleLevel,
    Scale,
    Skill,
    _short,
)
from skilltaxonomy.model.listing import Listing, listing


@attrs.frozen
class Comparison(ShowsAsHTML):
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
    crossed: Listing[Level] = attrs.field(converter=listing, repr=False)
    steps: Listing[Expectation] = attrs.field(converter=listing, repr=False)
    mandatory: Listing[Expectation] = attrs.field(converter=listing, repr=False)

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
class Profile(ShowsAsHTML):
    """A skill's page: where it sits, who expects it, and what at each level.

    Returned by `Taxonomy.profile`.

    Attributes:
        skill: The skill.
        roles: The roles with expectations for the skill, in file order.
        levels: The levels with expectations for the skill, in ladder order.
        expectations: All the skill's expectations, by level and then file order.
        mandatory_count: How many of `expectations` are mandatory.
        optional_count: How many of `expectations` are marked optional.
    """

    skill: Skill = attrs.field(repr=_short)
    roles: Listing[Role] = attrs.field(
        converter=listing, repr=lambda roles: repr(tuple(r.id for r in roles))
    )
    levels: Listing[Level] = attrs.field(
        converter=listing, repr=lambda levels: repr(tuple(lv.id for lv in levels))
    )
    expectations: Listing[Expectation] = attrs.field(converter=listing, repr=False)
    mandatory_count: int
    optional_count: int

    @property
    def unstated_count(self) -> int:
        """How many of `expectations` state no requirement (neither mandatory nor optional)."""
        return len(self.expectations) - self.mandatory_count - self.optional_count

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

    #: What `Listing.get` finds a MatrixRow by.
    listed_by: ClassVar[str] = "skill"

    skill: Skill = attrs.field(repr=_short)
    cells: tuple[Expectation | None, ...] = attrs.field(repr=False)


@attrs.frozen
class RoleMatrix(ShowsAsHTML):
    """A role's skills × levels grid. Returned by `Taxonomy.matrix`.

    Attributes:
        role: The role.
        levels: The columns: the levels the role climbs, entry level first.
        rows: One row per skill the role has expectations for, in file order.
        scales: The scales whose steps its cells name (the legend of a matrix of
            letters), in file order.
        role_levels: The role's own title, focus and stack at its levels.
    """

    role: Role = attrs.field(repr=_short)
    levels: Listing[Level] = attrs.field(
        converter=listing, repr=lambda levels: repr(tuple(lv.id for lv in levels))
    )
    rows: Listing[MatrixRow] = attrs.field(
        converter=listing, repr=lambda rows: repr(tuple(r.skill.id for r in rows))
    )
    scales: Listing[Scale] = attrs.field(converter=listing, default=(), repr=False)
    role_levels: Listing[RoleLevel] = attrs.field(converter=listing, default=(), repr=False)

    @property
    def mandatory_count(self) -> int:
        """How many cells hold a mandatory expectation."""
        return sum(1 for row in self.rows for e in row.cells if e is not None and e.mandatory)

    @property
    def requirement_count(self) -> int:
        """How many cells hold an expectation."""
        return sum(1 for row in self.rows for e in row.cells if e is not None)
