"""Tests for `Listing`: the one shape of every listing, in a framework and in results."""

from __future__ import annotations

import copy
import pickle

import pytest

from skilltaxonomy import (
    Assessment,
    InvalidQueryError,
    Listing,
    RoleNotFoundError,
    Taxonomy,
    gap,
    load,
)

NNA = "neural-network-architectures"


@pytest.fixture(name="tax")
def _tax() -> Taxonomy:
    return load()


class TestSequence:
    def test_a_sequence(self, tax: Taxonomy) -> None:
        """A listing has a length, iterates, indexes by position and slices into a listing."""
        levels = tax.levels
        assert len(levels) == 5
        assert [level.rank for level in levels] == [1, 2, 3, 4, 5]
        assert levels[0].id == "junior"
        assert levels[-1].id == "principal"
        assert isinstance(levels[1:3], Listing)
        assert [level.id for level in levels[1:3]] == ["middle", "senior"]
        assert next(level.id for level in reversed(levels)) == "principal"
        assert levels.index(levels[2]) == 2

    def test_equal_to_tuples_and_listings(self, tax: Taxonomy) -> None:
        """A listing equals a listing or a tuple of the same items, and hashes like one."""
        as_tuple = tuple(tax.levels)
        assert tax.levels == as_tuple
        assert as_tuple == tax.levels
        assert tax.levels == Listing(as_tuple)
        assert hash(tax.levels) == hash(Listing(as_tuple))
        assert tax.levels != list(as_tuple)

    def test_truth_is_emptiness(self, tax: Taxonomy) -> None:
        """An empty listing is false, a full one true: `if tax.domains:` means something."""
        assert tax.domains
        assert not tax.expectations.filter(mandatory=True)

    def test_indexed_by_position_only(self, tax: Taxonomy) -> None:
        """A key in brackets is refused with a pointer to `get`."""
        with pytest.raises(TypeError, match=r"^a listing is indexed by position; .*use \.get\(\)$"):
            tax.skills[NNA]  # type: ignore[call-overload]

    def test_repr_is_short(self) -> None:
        """A long listing shows its first five items and how many more."""
        assert repr(Listing(range(8))) == "Listing([0, 1, 2, 3, 4, … and 3 more])"
        assert repr(Listing(())) == "Listing([])"

    def test_cannot_be_changed(self, tax: Taxonomy) -> None:
        """A listing has no way to change: no item assignment, no attribute setting."""
        with pytest.raises(TypeError):
            tax.levels[0] = tax.levels[1]  # type: ignore[index]
        with pytest.raises(AttributeError, match=r"^a Listing cannot be changed"):
            tax.levels._items = ()  # type: ignore[misc]

    def test_copies_keep_lookups_and_filters(self, tax: Taxonomy) -> None:
        """A copied or pickled framework's listings still look up and filter."""
        for again in (copy.deepcopy(tax), pickle.loads(pickle.dumps(tax))):
            assert again == tax
            assert again.roles.get("llm engineer") == tax.roles.get("llm-engineer")
            assert again.expectations.filter(role="llm-engineer") == tax.expectations.filter(
                role="llm-engineer"
            )


class TestLookups:
    def test_get_by_id_name_object_and_rank(self, tax: Taxonomy) -> None:
        """`get` takes an id, a name in any case, the item itself, or for levels a rank."""
        senior = tax.level("senior")
        assert tax.levels.get("senior") is senior
        assert tax.levels.get("SENIOR") is senior
        assert tax.levels.get(senior) is senior
        assert tax.levels.get(3) is senior
        assert tax.levels.get(9) is None
        assert tax.levels.get("staff", "none") == "none"

    def test_contains(self, tax: Taxonomy) -> None:
        """`in` asks whether a key names an item."""
        assert "Data Scientist" in tax.roles
        assert "data-scientist" in tax.roles
        assert "chef" not in tax.roles
        assert 5 in tax.levels
        assert 0 not in tax.levels

    def test_expectations_by_cell(self, tax: Taxonomy) -> None:
        """An expectation is found by its (skill, role, level), each by id, name or rank."""
        found = tax.expectations.get((NNA, "LLM Engineer", 2))
        assert found is tax.expectation(NNA, "llm-engineer", "middle")
        assert tax.expectations.get((NNA, "chef", 2)) is None
        assert found in tax.expectations

    def test_results_find_by_what_they_are_about(self, tax: Taxonomy) -> None:
        """A gap report's rows are found by their skill, a team's reports by person."""
        ana = Assessment.build(tax, "Ana", {NNA: "middle"})
        report = gap(tax, ana, "data-scientist", "senior")
        row = report.skills.get("Neural Network Architectures")
        assert row is not None
        assert row.skill.id == NNA
        assert [r.skill.id for r in ana.ratings] == [NNA]
        assert ana.ratings.get(NNA) is ana.ratings[0]


class TestFilters:
    def test_several_values(self, tax: Taxonomy) -> None:
        """A filter given several values keeps items meeting any, in file order."""
        found = tax.expectations.filter(level=["senior", "junior"], role="data-scientist")
        assert [e.level.id for e in found] == ["junior", "senior"]
        both = tax.expectations.filter(role=("llm-engineer", "data-scientist"), level={"middle"})
        assert [e.role.id for e in both] == ["data-scientist", "llm-engineer"]
        assert tax.skills.filter(role=["llm-engineer", "data-scientist"]) == tax.skills
        assert tax.roles.filter(skill=[NNA]) == tax.roles

    def test_none_leaves_a_filter_out(self, tax: Taxonomy) -> None:
        """A filter given None is no filter, so optional arguments pass straight through."""
        assert tax.skills.filter(domain=None, category=None, role=None) is tax.skills
        assert tax.expectations.filter(mandatory=None) is tax.expectations

    def test_mandatory_both_ways(self, tax: Taxonomy) -> None:
        """`mandatory=[True, False]` keeps everything; a non-bool is refused."""
        assert tax.expectations.filter(mandatory=[True, False]) == tax.expectations
        assert tax.expectations.filter(mandatory=[True, False], role="llm-engineer") == (
            tax.expectations.filter(role="llm-engineer")
        )
        with pytest.raises(InvalidQueryError, match=r"^expected True or False for the mandatory"):
            tax.expectations.filter(mandatory="yes")

    def test_unknown_filter(self, tax: Taxonomy) -> None:
        """A filter the listing has not is refused, naming the ones it has."""
        with pytest.raises(InvalidQueryError) as caught:
            tax.skills.filter(rol="sre")
        assert str(caught.value) == (
            "unknown filter 'rol' for skills (expected one of: domain, category, role)"
        )
        with pytest.raises(InvalidQueryError) as caught:
            tax.levels.filter(rank=2)
        assert str(caught.value) == "unknown filter 'rank' for levels (expected one of: ladder)"
        with pytest.raises(InvalidQueryError) as caught:
            tax.domains.filter(rank=2)
        assert str(caught.value) == "unknown filter 'rank' for this listing (there are none)"

    def test_unknown_value(self, tax: Taxonomy) -> None:
        """A value that names nothing is the lookup's error, with suggestions."""
        with pytest.raises(RoleNotFoundError, match="did you mean 'data-scientist'"):
            tax.expectations.filter(role=["llm-engineer", "data-scientst"])

    def test_families(self, tax: Taxonomy) -> None:
        """Roles filter by family, any case; a family must be text."""
        assert [r.id for r in tax.roles.filter(family="ml & ai engineering")] == ["data-scientist"]
        assert tax.roles.filter(family=["", "ML & AI Engineering"]) == tax.roles
        assert not tax.roles.filter(family="Nobody")
        with pytest.raises(InvalidQueryError, match=r"^expected text for the family filter"):
            tax.roles.filter(family=3)

    def test_results_filter_by_attribute(self, tax: Taxonomy) -> None:
        """A result's listing filters by its items' attributes, with the same keys."""
        profile = tax.profile(NNA)
        mine = profile.expectations.filter(role="LLM Engineer", level=[1, "senior"])
        assert [(e.role.id, e.level.id) for e in mine] == [
            ("llm-engineer", "junior"),
            ("llm-engineer", "senior"),
        ]
        with pytest.raises(InvalidQueryError) as caught:
            profile.roles.filter(colour="red")
        assert str(caught.value) == (
            "unknown filter 'colour' for Role items (expected one of: external_id, extras, "
            "family, id, ladder, name, start, summary, translations)"
        )
