"""skilltaxonomy: a competency framework (skills × roles × levels → expectations) to query.

>>> from skilltaxonomy import load
>>> tax = load()
>>> tax.compare("neural-network-architectures", "data-scientist", "junior").target.name
'Middle'
"""

from typing import TYPE_CHECKING, Any

from skilltaxonomy.exceptions import (
    DomainNotFoundError,
    ExpectationNotFoundError,
    ExportError,
    InvalidAssessmentError,
    InvalidCaseError,
    InvalidPageError,
    InvalidQueryError,
    InvalidTableError,
    InvalidTaxonomyError,
    InvalidValueError,
    LevelNotFoundError,
    MergeConflictError,
    MissingDependencyError,
    NotFoundError,
    Problem,
    RoleNotFoundError,
    SkillNotFoundError,
    TaxonomyError,
    UnsupportedLocaleError,
)
from skilltaxonomy.formats._api import dump, dumps, load, loads
from skilltaxonomy.formats.fields import FORMAT
from skilltaxonomy.model import (
    Comparison,
    Domain,
    Expectation,
    Level,
    Listing,
    MatrixRow,
    Profile,
    Role,
    RoleMatrix,
    Skill,
    Taxonomy,
)

if TYPE_CHECKING:
    from skilltaxonomy._i18n import available_locales, default_locale
    from skilltaxonomy.compare import Change, Conflict, FieldChange, TaxonomyDiff, diff, merge
    from skilltaxonomy.formats.assessment import (
        ASSESSMENT_FORMAT,
        dump_assessment,
        dumps_assessment,
        load_assessment,
        loads_assessment,
    )
    from skilltaxonomy.formats.case import (
        CaseImport,
        CaseMetadata,
        CaseObject,
        dumps_case,
        from_case,
        to_case,
    )
    from skilltaxonomy.formats.page import read_profile_page
    from skilltaxonomy.formats.schema import json_schema
    from skilltaxonomy.formats.table import (
        COLUMNS,
        from_csv,
        from_xlsx,
        to_csv,
        to_dataframe,
        to_matrix_csv,
        to_records,
        to_xlsx,
    )
    from skilltaxonomy.pages.chart import gap_chart
    from skilltaxonomy.pages.render import FORMATS, render
    from skilltaxonomy.people import Assessment, Rating
    from skilltaxonomy.people.gap import (
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

# Pages and catalogs are imported on first use, so `import skilltaxonomy; load()` stays
# as quick as the model and the codec allow.
_LAZY = {
    **dict.fromkeys(
        (
            "ASSESSMENT_FORMAT",
            "dump_assessment",
            "dumps_assessment",
            "load_assessment",
            "loads_assessment",
        ),
        "skilltaxonomy.formats.assessment",
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
        "skilltaxonomy.people",
    ),
    **dict.fromkeys(
        (
            "COLUMNS",
            "from_csv",
            "from_xlsx",
            "to_csv",
            "to_dataframe",
            "to_matrix_csv",
            "to_records",
            "to_xlsx",
        ),
        "skilltaxonomy.formats.table",
    ),
    **dict.fromkeys(
        (
            "CaseImport",
            "CaseMetadata",
            "CaseObject",
            "dumps_case",
            "from_case",
            "to_case",
        ),
        "skilltaxonomy.formats.case",
    ),
    **dict.fromkeys(
        ("Change", "Conflict", "FieldChange", "TaxonomyDiff", "diff", "merge"),
        "skilltaxonomy.compare",
    ),
    "gap_chart": "skilltaxonomy.pages.chart",
    "Assessment": "skilltaxonomy.people",
    "Rating": "skilltaxonomy.people",
    "json_schema": "skilltaxonomy.formats.schema",
    "FORMATS": "skilltaxonomy.pages.render",
    "available_locales": "skilltaxonomy._i18n",
    "default_locale": "skilltaxonomy._i18n",
    "read_profile_page": "skilltaxonomy.formats.page",
    "render": "skilltaxonomy.pages.render",
}

__all__ = [
    "ASSESSMENT_FORMAT",
    "COLUMNS",
    "FORMAT",
    "FORMATS",
    "Assessment",
    "CaseImport",
    "CaseMetadata",
    "CaseObject",
    "Change",
    "Comparison",
    "Conflict",
    "Domain",
    "DomainNotFoundError",
    "Expectation",
    "ExpectationNotFoundError",
    "ExportError",
    "FieldChange",
    "GapReport",
    "InvalidAssessmentError",
    "InvalidCaseError",
    "InvalidPageError",
    "InvalidQueryError",
    "InvalidTableError",
    "InvalidTaxonomyError",
    "InvalidValueError",
    "Level",
    "LevelNotFoundError",
    "Listing",
    "MatrixRow",
    "MergeConflictError",
    "MissingDependencyError",
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
    "TaxonomyDiff",
    "TaxonomyError",
    "TeamView",
    "Transition",
    "UnsupportedLocaleError",
    "available_locales",
    "default_locale",
    "diff",
    "dump",
    "dump_assessment",
    "dumps",
    "dumps_assessment",
    "dumps_case",
    "from_case",
    "from_csv",
    "from_xlsx",
    "gap",
    "gap_chart",
    "json_schema",
    "load",
    "load_assessment",
    "loads",
    "loads_assessment",
    "merge",
    "path",
    "read_profile_page",
    "render",
    "team",
    "to_case",
    "to_csv",
    "to_dataframe",
    "to_matrix_csv",
    "to_records",
    "to_xlsx",
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
