"""skilltaxonomy: a competency framework (skills × roles × levels → expectations) to query.

>>> from skilltaxonomy import load
>>> tax = load()
>>> tax.compare("neural-network-architectures", "data-scientist", "junior").target.name
'Middle'
"""

from ._codec import FORMAT
from ._load import dump, dumps, load, loads
from ._model import Comparison, Domain, Expectation, Level, Profile, Role, Skill
from ._taxonomy import Taxonomy
from .exceptions import (
    DomainNotFoundError,
    ExpectationNotFoundError,
    InvalidQueryError,
    InvalidTaxonomyError,
    LevelNotFoundError,
    NotFoundError,
    Problem,
    RoleNotFoundError,
    SkillNotFoundError,
    TaxonomyError,
)

__all__ = [
    "FORMAT",
    "Comparison",
    "Domain",
    "DomainNotFoundError",
    "Expectation",
    "ExpectationNotFoundError",
    "InvalidQueryError",
    "InvalidTaxonomyError",
    "Level",
    "LevelNotFoundError",
    "NotFoundError",
    "Problem",
    "Profile",
    "Role",
    "RoleNotFoundError",
    "Skill",
    "SkillNotFoundError",
    "Taxonomy",
    "TaxonomyError",
    "dump",
    "dumps",
    "load",
    "loads",
]


def __getattr__(name: str) -> str:
    # The version comes from the installed metadata, read only when asked for.
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415 - only when asked

        return version("skilltaxonomy")
    raise AttributeError(f"module 'skilltaxonomy' has no attribute {name!r}")
