"""The value classes of a competency framework: frozen, hashable, equal by value.

Nothing here knows about files or JSON; `Taxonomy` holds these and answers queries.
Each class refuses, with `InvalidValueError`, a value format v1 refuses (docs/format.md,
Rules): an id with surrounding whitespace, a control or reordering character in a name,
a lone surrogate in a description.
"""

from __future__ import annotations

import datetime

import attrs

from skilltaxonomy.model import _rules


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

    id: str = attrs.field(validator=_rules.ID)
    name: str = attrs.field(validator=_rules.NAME)


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

    id: str = attrs.field(validator=_rules.ID)
    name: str = attrs.field(validator=_rules.NAME)
    domain: Domain = attrs.field(repr=_short, validator=_rules.instance_of(Domain))
    category: str = attrs.field(default="", validator=_rules.TEXT)
    summary: str = attrs.field(default="", validator=_rules.TEXT)
    updated: datetime.date | None = attrs.field(default=None, validator=_rules.OPTIONAL_DATE)


@attrs.frozen
class Role:
    """A job role, such as "Data Scientist".

    Attributes:
        id: Unique among roles, ignoring case and Unicode normalisation.
        name: Display name.
        family: A label grouping related roles (may be empty).
        summary: A short description (may be empty).
    """

    id: str = attrs.field(validator=_rules.ID)
    name: str = attrs.field(validator=_rules.NAME)
    family: str = attrs.field(default="", validator=_rules.TEXT)
    summary: str = attrs.field(default="", validator=_rules.TEXT)


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

    id: str = attrs.field(order=False, validator=_rules.ID)
    name: str = attrs.field(order=False, validator=_rules.NAME)
    rank: int = attrs.field(validator=_rules.rank)


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

    skill: Skill = attrs.field(repr=_short, validator=_rules.instance_of(Skill))
    role: Role = attrs.field(repr=_short, validator=_rules.instance_of(Role))
    level: Level = attrs.field(repr=_short, validator=_rules.instance_of(Level))
    mandatory: bool = attrs.field(validator=_rules.BOOLEAN)
    description: str = attrs.field(validator=_rules.TEXT)
