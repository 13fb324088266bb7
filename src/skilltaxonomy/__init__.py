"""skilltaxonomy: a competency framework (skills × roles × levels → expectations) to query.

>>> from skilltaxonomy import load
>>> tax = load()
>>> tax.compare("neural-network-architectures", "data-scientist", "junior").target.name
'Middle'
"""

from typing import TYPE_CHECKING, Any

from ._codec import FORMAT
from ._load import dump, dumps, load, loads
from ._model import (
    Comparison,
    Domain,
    Expectation,
    Level,
    MatrixRow,
    Profile,
    Role,
    RoleMatrix,
    Skill,
)
from ._taxonomy import Taxonomy
from .exceptions import (
    DomainNotFoundError,
    ExpectationNotFoundError,
    InvalidAssessmentError,
    InvalidPageError,
    InvalidQueryError,
    InvalidTaxonomyError,
    LevelNotFoundError,
    NotFoundError,
    Problem,
    RoleNotFoundError,
    SkillNotFoundError,
    TaxonomyError,
    UnsupportedLocaleError,
)

if TYPE_CHECKING:
    from ._assessment import (
        ASSESSMENT_FORMAT,
        Assessment,
        Rating,
        dump_assessment,
        dumps_assessment,
        load_assessment,
        loads_assessment,
    )
    from ._gap import (
        GapReport,
        Plan,
        PlanStep,
        SkillGap,
        TeamView,
        Transition,
        gap,
        path,
        team,
        transition,
    )
    from ._i18n import available_locales, default_locale
    from ._page import read_profile_page
    from ._plot import gap_chart
    from ._render import FORMATS, render

# Pages and catalogs are imported on first use, so `import skilltaxonomy; load()` stays
# as quick as the model and the codec allow.
_LAZY = {
    **dict.fromkeys(
        (
            "ASSESSMENT_FORMAT",
            "Assessment",
            "Rating",
            "dump_assessment",
            "dumps_assessment",
            "load_assessment",
            "loads_assessment",
        ),
        "._assessment",
    ),
    **dict.fromkeys(
        (
            "GapReport",
            "Plan",
            "PlanStep",
            "SkillGap",
            "TeamView",
            "Transition",
            "gap",
            "path",
            "team",
            "transition",
        ),
        "._gap",
    ),
    "gap_chart": "._plot",
    "FORMATS": "._render",
    "available_locales": "._i18n",
    "default_locale": "._i18n",
    "read_profile_page": "._page",
    "render": "._render",
}

__all__ = [
    "ASSESSMENT_FORMAT",
    "FORMAT",
    "FORMATS",
    "Assessment",
    "Comparison",
    "Domain",
    "DomainNotFoundError",
    "Expectation",
    "ExpectationNotFoundError",
    "GapReport",
    "InvalidAssessmentError",
    "InvalidPageError",
    "InvalidQueryError",
    "InvalidTaxonomyError",
    "Level",
    "LevelNotFoundError",
    "MatrixRow",
    "NotFoundError",
    "Plan",
    "PlanStep",
    "Problem",
    "Profile",
    "Rating",
    "Role",
    "RoleMatrix",
    "RoleNotFoundError",
    "Skill",
    "SkillGap",
    "SkillNotFoundError",
    "Taxonomy",
    "TaxonomyError",
    "TeamView",
    "Transition",
    "UnsupportedLocaleError",
    "available_locales",
    "default_locale",
    "dump",
    "dump_assessment",
    "dumps",
    "dumps_assessment",
    "gap",
    "gap_chart",
    "load",
    "load_assessment",
    "loads",
    "loads_assessment",
    "path",
    "read_profile_page",
    "render",
    "team",
    "transition",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module  # noqa: PLC0415 - only when asked

        return getattr(import_module(_LAZY[name], __name__), name)
    # The version comes from the installed metadata, read only when asked for.
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415 - only when asked

        return version("skilltaxonomy")
    raise AttributeError(f"module 'skilltaxonomy' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
