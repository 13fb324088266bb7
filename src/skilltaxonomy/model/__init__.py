"""The model: entities, the framework, and the results of its queries. It knows no files.

The results of queries (`Comparison`, `Profile`, `RoleMatrix`, `MatrixRow`) are imported
on first use, with the first query that makes one.
"""

from typing import TYPE_CHECKING, Any

from skilltaxonomy.model.entities import (
    Definition,
    Domain,
    Expectation,
    Ladder,
    Level,
    Role,
    RoleLevel,
    Scale,
    Skill,
    Step,
)
from skilltaxonomy.model.extras import Extras, Translations
from skilltaxonomy.model.listing import Listing
from skilltaxonomy.model.taxonomy import Taxonomy

if TYPE_CHECKING:
    from skilltaxonomy.model.views import Comparison, MatrixRow, Profile, RoleMatrix

_VIEWS = ("Comparison", "MatrixRow", "Profile", "RoleMatrix")

__all__ = [
    "Comparison",
    "Definition",
    "Domain",
    "Expectation",
    "Extras",
    "Ladder",
    "Level",
    "Listing",
    "MatrixRow",
    "Profile",
    "Role",
    "RoleLevel",
    "RoleMatrix",
    "Scale",
    "Skill",
    "Step",
    "Taxonomy",
    "Translations",
]


def __getattr__(name: str) -> Any:
    if name in _VIEWS:
        from skilltaxonomy.model import views  # noqa: PLC0415 - on first use

        return getattr(views, name)
    raise AttributeError(f"module 'skilltaxonomy.model' has no attribute {name!r}")
