"""The model: entities, the framework, and the results of its queries. It knows no files."""

from skilltaxonomy.model.entities import Domain, Expectation, Level, Role, Skill
from skilltaxonomy.model.listing import Listing
from skilltaxonomy.model.taxonomy import Taxonomy
from skilltaxonomy.model.views import Comparison, MatrixRow, Profile, RoleMatrix

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
