"""Plain records and data frames of the library's values, through one table.

`to_records` turns a framework, a listing, a query's result, a gap report, a team view
or a diff into a list of plain dicts (ids and names as text, ranks as numbers, dates as
`datetime.date`), and `to_dataframe` into a `pandas.DataFrame` with one row per record.
`RECORDERS` says which types they take; a new result type is one entry there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from skilltaxonomy._optional import optional_module
from skilltaxonomy.compare import TaxonomyDiff
from skilltaxonomy.formats.table import COLUMNS, expectation_record
from skilltaxonomy.model import (
    Comparison,
    Domain,
    Expectation,
    Level,
    Listing,
    Profile,
    Role,
    RoleMatrix,
    Skill,
    Taxonomy,
)
from skilltaxonomy.people import Assessment, GapReport, Rating, TeamView
from skilltaxonomy.people.gap import gap_rows

if TYPE_CHECKING:
    import pandas

Record = dict[str, Any]


def _entity(item: object) -> Record:
    if isinstance(item, Expectation):
        return expectation_record(item)
    if isinstance(item, Domain):
        return {"domain_id": item.id, "domain": item.name}
    if isinstance(item, Skill):
        return {
            "skill_id": item.id,
            "skill": item.name,
            "domain_id": item.domain.id,
            "domain": item.domain.name,
            "category": item.category,
            "skill_summary": item.summary,
            "skill_updated": item.updated,
        }
    if isinstance(item, Role):
        return {
            "role_id": item.id,
            "role": item.name,
            "role_family": item.family,
            "role_summary": item.summary,
        }
    if isinstance(item, Level):
        return {"level_id": item.id, "level": item.name, "level_rank": item.rank}
    if isinstance(item, Rating):
        return {
            "skill_id": item.skill.id,
            "skill": item.skill.name,
            "level_id": None if item.level is None else item.level.id,
            "level": None if item.level is None else item.level.name,
            "level_rank": None if item.level is None else item.level.rank,
            "step_id": None if item.step is None else item.step.id,
            "step": None if item.step is None else item.step.name,
            "note": item.note,
            "assessed": item.assessed,
        }
    return _fields(item)


def _reference(value: object) -> object:
    """A value inside a record, by reference.

    An entity by its id, an expectation by its (skill, role, level) ids, a sequence
    item by item.
    """
    if isinstance(value, (Listing, tuple)):
        return tuple(_reference(item) for item in value)
    if isinstance(value, Expectation):
        return (value.skill.id, value.role.id, value.level.id)
    return getattr(value, "id", value)


def _fields(item: object) -> Record:
    """Any other frozen value: its fields, entities by id."""
    cls = type(item)
    if not attrs.has(cls):
        return {"value": item}
    return {field.name: _reference(getattr(item, field.name)) for field in attrs.fields(cls)}


def _listing_rows(items: Listing[Any]) -> list[Record]:
    """A listing's rows: each result's own rows, one row for anything else."""
    rows: list[Record] = []
    for item in items:
        if type(item) in RECORDERS:
            rows += to_records(item)
        else:
            rows.append(_entity(item))
    return rows


def _expectations(items: Iterable[Expectation | None]) -> list[Record]:
    return [expectation_record(e) for e in items if e is not None]


#: Each type `to_records` takes, and how it becomes records.
RECORDERS: Mapping[type, Callable[[Any], list[Record]]] = MappingProxyType(
    {
        Taxonomy: lambda taxonomy: _expectations(taxonomy.expectations),
        Listing: _listing_rows,
        Profile: lambda profile: _expectations(profile.expectations),
        RoleMatrix: lambda matrix: _expectations(e for row in matrix.rows for e in row.cells),
        Comparison: lambda comparison: _expectations(
            (comparison.current_expectation, *comparison.steps)
        ),
        Assessment: lambda assessment: [
            {"person": assessment.person, **_entity(rating)} for rating in assessment.ratings
        ],
        GapReport: gap_rows,
        TeamView: lambda view: [row for report in view.reports for row in gap_rows(report)],
        TaxonomyDiff: lambda changes: [
            {
                "kind": change.kind,
                "key": change.key,
                "action": change.action,
                "name": change.name,
                "fields": "; ".join(map(str, change.fields)),
            }
            for change in changes.changes
        ],
    }
)


def to_records(item: object) -> list[dict[str, Any]]:
    """`item` as a list of plain dicts, one per row, ready for any data tool.

    A framework gives one record per expectation with the long table's columns
    (`COLUMNS`); a listing one per item; a profile, matrix or comparison one per
    expectation; a gap report one per skill (``met_rank`` 0 when not assessed); a team
    view one per person and skill; a diff one per change.

    Raises:
        TypeError: `item` is of none of the types in `RECORDERS`.

    >>> from skilltaxonomy import load, to_records
    >>> record = to_records(load())[0]
    >>> record["skill"], record["role"], record["level"], record["level_rank"], record["mandatory"]
    ('Neural Network Architectures', 'Data Scientist', 'Junior', 1, False)
    >>> [r["level"] for r in to_records(load().levels)][:2]
    ['Junior', 'Middle']
    """
    for cls in type(item).__mro__:
        recorder = RECORDERS.get(cls)
        if recorder is not None:
            return recorder(item)
    expected = ", ".join(cls.__name__ for cls in RECORDERS)
    raise TypeError(f"cannot make records of {type(item).__name__}: expected one of {expected}")


def to_dataframe(item: object) -> pandas.DataFrame:
    """`to_records(item)` as a `pandas.DataFrame`, one row per record.

    For a framework the columns are the long table's (`COLUMNS`), and ``level`` is an
    ordered categorical in ladder order, so sorting and comparing levels follow the
    ladder. Needs the ``pandas`` extra: ``pip install 'skilltaxonomy[pandas]'``.
    """
    optional_module("pandas", "to_dataframe", "pandas")  # or the error naming the extra
    import pandas  # noqa: PLC0415 - there (checked above), and typed

    records = to_records(item)
    if not isinstance(item, Taxonomy):
        return pandas.DataFrame(records)
    frame = pandas.DataFrame(records, columns=list(COLUMNS))
    ladder = list(dict.fromkeys(level.name for level in item.levels))
    frame["level"] = pandas.Categorical(frame["level"], categories=ladder, ordered=True)
    return frame


__all__ = ["RECORDERS", "to_dataframe", "to_records"]
