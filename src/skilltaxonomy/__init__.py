"""skilltaxonomy: a competency framework (skills × roles × levels → expectations) to query.

>>> from skilltaxonomy import load
>>> tax = load()
>>> tax.compare("neural-network-architectures", "data-scientist", "junior").target.name
'Middle'

Everything public is importable from here, each name from its module when first
used, so that importing a part of the package (the command line's ``--help``) costs
only that part, and ``import skilltaxonomy; load()`` only the model and the JSON loader.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from skilltaxonomy._i18n import available_locales, default_locale
    from skilltaxonomy.compare import Change, Conflict, FieldChange, TaxonomyDiff, diff, merge
    from skilltaxonomy.exceptions import (
        DomainNotFoundError,
        ExpectationNotFoundError,
        ExportError,
        InvalidAssessmentError,
        InvalidCaseError,
        InvalidPageError,
        InvalidQueryError,
        InvalidRatingsError,
        InvalidTableError,
        InvalidTaxonomyError,
        InvalidValueError,
        LadderNotFoundError,
        LevelNotFoundError,
        MergeConflictError,
        MissingDependencyError,
        NotFoundError,
        Problem,
        RoleNotFoundError,
        ScaleNotFoundError,
        SkillNotFoundError,
        TaxonomyError,
        UnsupportedLocaleError,
    )
    from skilltaxonomy.formats._api import dump, dumps, load, loads
    from skilltaxonomy.formats._guard import Reading
    from skilltaxonomy.formats._registry import FORMATS, Format
    from skilltaxonomy.formats.assessment import (
        ASSESSMENT_FORMAT,
        dump_assessment,
        dumps_assessment,
        load_assessment,
        loads_assessment,
    )
    from skilltaxonomy.formats.case import CaseMetadata, CaseObject
    from skilltaxonomy.formats.fields import FORMAT
    from skilltaxonomy.formats.ratings import (
        RATINGS_FORMATS,
        dump_ratings,
        dumps_ratings,
        load_ratings,
    )
    from skilltaxonomy.formats.schema import json_schema
    from skilltaxonomy.formats.table import COLUMNS
    from skilltaxonomy.model import (
        Definition,
        Domain,
        Expectation,
        Extras,
        Ladder,
        Level,
        Listing,
        Role,
        RoleLevel,
        Scale,
        Skill,
        Step,
        Taxonomy,
        Translations,
    )
    from skilltaxonomy.model.views import Comparison, MatrixRow, Profile, RoleMatrix
    from skilltaxonomy.pages.build import PeopleAnswer, TeamReport
    from skilltaxonomy.pages.chart import coverage_heatmap, gap_chart, team_gap_chart
    from skilltaxonomy.pages.render import RENDER_FORMATS, render
    from skilltaxonomy.pages.report import team_report
    from skilltaxonomy.people import (
        READINESS,
        Assessment,
        GapReport,
        Plan,
        PlanStep,
        Rating,
        SkillGap,
        TeamView,
        Transition,
        gap,
        path,
        team,
        transition,
    )
    from skilltaxonomy.people.analytics import (
        ENGINES,
        EngineRatings,
        engine_ratings,
        gap_by_skill,
        key_person_risk,
        promotion_readiness,
        rater_differences,
        round_changes,
        skill_gaps,
        team_readiness,
    )
    from skilltaxonomy.people.ratings import RATER_KINDS, RatingsTable
    from skilltaxonomy.records import to_dataframe, to_records
    from skilltaxonomy.site import Site, build_site

#: The names imported on first use, by the module that defines them (a test holds this
#: table, the imports above and `__all__` in step).
_LAZY_MODULES: dict[str, tuple[str, ...]] = {
    "skilltaxonomy.exceptions": (
        "DomainNotFoundError",
        "ExpectationNotFoundError",
        "ExportError",
        "InvalidAssessmentError",
        "InvalidCaseError",
        "InvalidPageError",
        "InvalidQueryError",
        "InvalidRatingsError",
        "InvalidTableError",
        "InvalidTaxonomyError",
        "InvalidValueError",
        "LadderNotFoundError",
        "LevelNotFoundError",
        "MergeConflictError",
        "MissingDependencyError",
        "NotFoundError",
        "Problem",
        "RoleNotFoundError",
        "ScaleNotFoundError",
        "SkillNotFoundError",
        "TaxonomyError",
        "UnsupportedLocaleError",
    ),
    "skilltaxonomy.formats._api": ("dump", "dumps", "load", "loads"),
    "skilltaxonomy.formats._guard": ("Reading",),
    "skilltaxonomy.formats._registry": ("FORMATS", "Format"),
    "skilltaxonomy.formats.fields": ("FORMAT",),
    "skilltaxonomy.model": (
        "Definition",
        "Domain",
        "Expectation",
        "Extras",
        "Ladder",
        "Level",
        "Listing",
        "Role",
        "RoleLevel",
        "Scale",
        "Skill",
        "Step",
        "Taxonomy",
        "Translations",
    ),
    "skilltaxonomy._i18n": ("available_locales", "default_locale"),
    "skilltaxonomy.compare": ("Change", "Conflict", "FieldChange", "TaxonomyDiff", "diff", "merge"),
    "skilltaxonomy.formats.assessment": (
        "ASSESSMENT_FORMAT",
        "dump_assessment",
        "dumps_assessment",
        "load_assessment",
        "loads_assessment",
    ),
    "skilltaxonomy.formats.case": ("CaseMetadata", "CaseObject"),
    "skilltaxonomy.formats.schema": ("json_schema",),
    "skilltaxonomy.formats.ratings": (
        "RATINGS_FORMATS",
        "dump_ratings",
        "dumps_ratings",
        "load_ratings",
    ),
    "skilltaxonomy.people.analytics": (
        "ENGINES",
        "EngineRatings",
        "engine_ratings",
        "gap_by_skill",
        "key_person_risk",
        "promotion_readiness",
        "rater_differences",
        "round_changes",
        "skill_gaps",
        "team_readiness",
    ),
    "skilltaxonomy.people.ratings": ("RATER_KINDS", "RatingsTable"),
    "skilltaxonomy.formats.table": ("COLUMNS",),
    "skilltaxonomy.model.views": ("Comparison", "MatrixRow", "Profile", "RoleMatrix"),
    "skilltaxonomy.pages.chart": ("coverage_heatmap", "gap_chart", "team_gap_chart"),
    "skilltaxonomy.pages.build": ("PeopleAnswer", "TeamReport"),
    "skilltaxonomy.pages.render": ("RENDER_FORMATS", "render"),
    "skilltaxonomy.pages.report": ("team_report",),
    "skilltaxonomy.people": (
        "READINESS",
        "Assessment",
        "GapReport",
        "Plan",
        "PlanStep",
        "Rating",
        "SkillGap",
        "TeamView",
        "Transition",
        "gap",
        "path",
        "team",
        "transition",
    ),
    "skilltaxonomy.records": ("to_dataframe", "to_records"),
    "skilltaxonomy.site": ("Site", "build_site"),
}
_LAZY = {name: module for module, names in _LAZY_MODULES.items() for name in names}

__all__ = [
    "ASSESSMENT_FORMAT",
    "COLUMNS",
    "ENGINES",
    "FORMAT",
    "FORMATS",
    "RATER_KINDS",
    "RATINGS_FORMATS",
    "READINESS",
    "RENDER_FORMATS",
    "Assessment",
    "CaseMetadata",
    "CaseObject",
    "Change",
    "Comparison",
    "Conflict",
    "Definition",
    "Domain",
    "DomainNotFoundError",
    "EngineRatings",
    "Expectation",
    "ExpectationNotFoundError",
    "ExportError",
    "Extras",
    "FieldChange",
    "Format",
    "GapReport",
    "InvalidAssessmentError",
    "InvalidCaseError",
    "InvalidPageError",
    "InvalidQueryError",
    "InvalidRatingsError",
    "InvalidTableError",
    "InvalidTaxonomyError",
    "InvalidValueError",
    "Ladder",
    "LadderNotFoundError",
    "Level",
    "LevelNotFoundError",
    "Listing",
    "MatrixRow",
    "MergeConflictError",
    "MissingDependencyError",
    "NotFoundError",
    "PeopleAnswer",
    "Plan",
    "PlanStep",
    "Problem",
    "Profile",
    "Rating",
    "RatingsTable",
    "Reading",
    "Role",
    "RoleLevel",
    "RoleMatrix",
    "RoleNotFoundError",
    "Scale",
    "ScaleNotFoundError",
    "Site",
    "Skill",
    "SkillGap",
    "SkillNotFoundError",
    "Step",
    "Taxonomy",
    "TaxonomyDiff",
    "TaxonomyError",
    "TeamReport",
    "TeamView",
    "Transition",
    "Translations",
    "UnsupportedLocaleError",
    "available_locales",
    "build_site",
    "coverage_heatmap",
    "default_locale",
    "diff",
    "dump",
    "dump_assessment",
    "dump_ratings",
    "dumps",
    "dumps_assessment",
    "dumps_ratings",
    "engine_ratings",
    "gap",
    "gap_by_skill",
    "gap_chart",
    "json_schema",
    "key_person_risk",
    "load",
    "load_assessment",
    "load_ratings",
    "loads",
    "loads_assessment",
    "merge",
    "path",
    "promotion_readiness",
    "rater_differences",
    "render",
    "round_changes",
    "skill_gaps",
    "team",
    "team_gap_chart",
    "team_readiness",
    "team_report",
    "to_dataframe",
    "to_records",
    "transition",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module  # noqa: PLC0415 - only when asked

        return getattr(import_module(_LAZY[name]), name)
    # The version comes from the installed metadata, read only when asked for.
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415 - only when asked

        return version("skilltaxonomy")
    raise AttributeError(f"module 'skilltaxonomy' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
