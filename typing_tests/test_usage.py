"""Usage that type checkers must accept, with the types they must infer."""

from __future__ import annotations

import datetime

from typing_extensions import assert_type

from skilltaxonomy import Comparison, Expectation, Level, Profile, Skill, Taxonomy, load

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
assert_type(tax.expectations(role="llm-engineer"), tuple[Expectation, ...])
assert_type(tax.skill("neural-network-architectures").updated, datetime.date | None)
names: list[str] = [
    e.level.name for e in tax.progression("neural-network-architectures", "llm-engineer")
]
