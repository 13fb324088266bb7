"""The model: entities, the framework, and the results of its queries. It knows no files.

The results of queries (`Comparison`, `Profile`, `RoleMatrix`, `MatrixRow`) are imported
on first use, with the first query that makes one.
"""

from typing import TYPE_CHECKING, Any

from skilltaxonomy.model.entities import Domain, Expectation, Level, Role, Skill
from skilltaxonomy.model.listing import Listing
from skilltaxonomy.model.taxonomy import Taxonomy

if TYPE_CHECKING:
    from skilltaxonomy.model.views import Comparison, MatrixRow, Profile, RoleMatrix

_VIEWS = ("Comparison", "MatrixRow", "Profile", "RoleMatrix")

__all__ = [
    "Comparison",
    "Domain",
    "Expectation",
    "Level",
    "Listing",
    "MatrixRow",
    "Profile",
    "Role",
    "RoleMatrix",
    "Skill",
    "Taxonomy",
]


def __getattr__(name: str) -> Any:
    if name in _VIEWS:
        from skilltaxonomy.model import views  # noqa: PLC0415 - on first use

        return getattr(views, name)
    raise AttributeError(f"module 'skilltaxonomy.model' has no attribute {name!r}")
