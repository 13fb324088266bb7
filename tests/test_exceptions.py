"""Tests for the exception classes."""

from __future__ import annotations

import importlib.metadata
import pickle

import pytest

import skilltaxonomy
from skilltaxonomy import (
    InvalidTaxonomyError,
    NotFoundError,
    Problem,
    SkillNotFoundError,
    TaxonomyError,
)


def test_hierarchy() -> None:
    """Each error derives from TaxonomyError and from the builtin it resembles."""
    assert issubclass(InvalidTaxonomyError, TaxonomyError)
    assert issubclass(InvalidTaxonomyError, ValueError)
    assert issubclass(SkillNotFoundError, NotFoundError)
    assert issubclass(SkillNotFoundError, KeyError)


def test_pickle_round_trip() -> None:
    """Errors survive pickling, as they must to cross process pools."""
    invalid = InvalidTaxonomyError([Problem("$.name", "required key missing")], "x.json")
    again = pickle.loads(pickle.dumps(invalid))
    assert (again.problems, again.source, str(again)) == (invalid.problems, "x.json", str(invalid))
    missing = SkillNotFoundError("pyhton", ("python",))
    assert str(pickle.loads(pickle.dumps(missing))) == "no skill 'pyhton' (did you mean 'python'?)"


def test_no_suggestions() -> None:
    """Without close matches the message is just the key."""
    assert str(SkillNotFoundError("zzz")) == "no skill 'zzz'"
    assert str(NotFoundError("zzz")) == "no entry 'zzz'"


def test_version_from_metadata() -> None:
    """The package's version is its installed metadata's, and other names still fail."""
    assert skilltaxonomy.__version__ == importlib.metadata.version("skilltaxonomy")
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        _ = skilltaxonomy.nope  # type: ignore[attr-defined]
