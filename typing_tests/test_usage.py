"""Usage that type checkers must accept, with the types they must infer."""

from __future__ import annotations

import datetime

from typing_extensions import assert_type

from skilltaxonomy import (
    Comparison,
    Expectation,
    Level,
    Listing,
    Profile,
    Reading,
    Role,
    RoleMatrix,
    Skill,
    Taxonomy,
    available_locales,
    dumps,
    load,
    loads,
    render,
)

tax: Taxonomy = load()
assert_type(tax.skill("neural-network-architectures"), Skill)
assert_type(tax.skill("x", None), Skill | None)
assert_type(tax.level(1), Level)
assert_type(tax.next_level("junior"), Level | None)
assert_type(
    tax.expectation("neural-network-architectures", "data-scientist", "junior"), Expectation
)
assert_type(tax.compare("neural-network-architectures", "data-scientist", "junior"), Comparison)
assert_type(tax.profile("neural-network-architectures"), Profile)
assert_type(tax.expectations.filter(role="llm-engineer"), Listing[Expectation])
assert_type(tax.skills.filter(role=["llm-engineer", "data-scientist"]), Listing[Skill])
assert_type(tax.levels.get(1), Level | None)
assert_type(tax.levels[0], Level)
assert_type(tax.roles[:1], Listing[Role])
assert_type(tax.skill("neural-network-architectures").updated, datetime.date | None)
names: list[str] = [
    e.level.name for e in tax.progression("neural-network-architectures", "llm-engineer")
]
assert_type(tax.matrix("llm-engineer"), RoleMatrix)
assert_type(tax.matrix("llm-engineer").rows[0].cells[0], Expectation | None)
assert_type(render(tax.profile("neural-network-architectures"), "md", locale="es"), str)
assert_type(loads("", format="page", skill_id="s", skill_name="S"), Taxonomy)
assert_type(loads("", format="csv", report=True), Reading)
assert_type(dumps(tax, format="xlsx"), bytes)
assert_type(dumps(tax, format="csv"), str)
assert_type(available_locales(), tuple[str, ...])

from skilltaxonomy import Assessment, GapReport, Plan, gap, gap_chart, path  # noqa: E402

ana = Assessment.build(tax, "Ana", {"neural-network-architectures": "middle"})
assert_type(gap(tax, ana, "data-scientist", "senior"), GapReport)
assert_type(gap(tax, ana, "data-scientist", "senior").skills[0].met, Level | None)
assert_type(path(tax, "llm-engineer", 1, 3), Plan)
assert_type(gap_chart(gap(tax, ana, "data-scientist", "senior")), str)
