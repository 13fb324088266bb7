"""Tests for `Taxonomy.in_language`: texts from translations, with fallback, nothing lost."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from skilltaxonomy import Taxonomy, load, loads, render

from ..strategies import v2_documents

CATALOGUE = Path(__file__).parent.parent / "data" / "shapes" / "catalogue.json"

GERMAN = {
    "format": "skilltaxonomy/2",
    "name": "Ours",
    "language": "en",
    "translations": {"de": {"name": "Unsere"}},
    "domains": [{"id": "data", "name": "Data", "translations": {"de": {"name": "Daten"}}}],
    "skills": [
        {
            "id": "sql",
            "name": "SQL",
            "domain": "data",
            "summary": "Querying tables.",
            "translations": {"de": {"summary": "Tabellen abfragen."}},
        }
    ],
    "levels": [{"id": "junior", "name": "Junior"}, {"id": "senior", "name": "Senior"}],
    "roles": [{"id": "analyst", "name": "Analyst", "translations": {"es": {"name": "Analista"}}}],
    "expectations": [
        {
            "skill": "sql",
            "role": "analyst",
            "level": "junior",
            "description": "Writes joins.",
            "translations": {"de": {"description": "Schreibt Joins."}},
        },
        {"skill": "sql", "role": "analyst", "level": "senior", "description": "Tunes queries."},
    ],
}


def _german() -> Taxonomy:
    return loads(json.dumps(GERMAN))


def test_texts_come_from_translations_else_stay() -> None:
    """Each translated text is replaced, the others stay; the framework says the language."""
    german = _german().in_language("de")
    assert german.language == "de"
    assert german.name == "Unsere"
    assert german.domain("data").name == "Daten"
    assert german.skill("sql").summary == "Tabellen abfragen."
    assert german.role("analyst").name == "Analyst"  # no German name: as it was
    assert [e.description for e in german.expectations] == ["Schreibt Joins.", "Tunes queries."]


def test_queries_and_references_speak_the_language() -> None:
    """Every reference is the translated entity, so every answer speaks the language."""
    german = _german().in_language("de")
    assert german.skill("sql").domain.name == "Daten"
    comparison = german.compare("sql", "analyst", "junior")
    assert comparison.current_expectation.description == "Schreibt Joins."  # type: ignore[union-attr]
    assert german.profile("sql").skill.summary == "Tabellen abfragen."


def test_nothing_is_lost() -> None:
    """The texts replaced become translations into the framework's language."""
    german = _german().in_language("de")
    assert german.domain("data").translations.text("en", "name") == "Data"
    assert german.expectations[0].translations.text("en", "description") == "Writes joins."
    assert german.in_language("en") == _german()


def test_a_region_falls_back_to_its_language_and_lookups_take_any_name() -> None:
    """``es-MX`` finds ``es``; an entity is still found by its name in any language."""
    mexican = _german().in_language("es-MX")
    assert mexican.language == "es-MX"
    assert mexican.role("analyst").name == "Analista"
    assert mexican.role("Analyst") == mexican.role("analista")


def test_the_same_language_is_the_same_framework() -> None:
    """Asking for the framework's own language gives it back."""
    bundled = load()
    assert bundled.in_language("en") is bundled


def test_pages_show_texts_in_their_locale() -> None:
    """A page in a locale shows the descriptions and summaries the framework translates."""
    page = render(_german().profile("sql"), "md", locale="de")
    assert "Schreibt Joins." in page
    assert "Tabellen abfragen." in page
    assert "Tunes queries." in page  # untranslated: the framework's own text


def _texts(taxonomy: Taxonomy) -> list[str]:
    """Every text a framework's entities hold, translations included."""
    found: list[str] = []
    for kind in ("domains", "skills", "roles", "levels", "scales", "ladders", "expectations"):
        for entity in getattr(taxonomy, kind):
            found += [
                getattr(entity, f) for f in ("name", "summary", "description") if hasattr(entity, f)
            ]
            found += [t for texts in entity.translations.values() for t in texts.values()]
    return sorted(text for text in found if text)


@settings(max_examples=60, deadline=None)
@given(v2_documents(), st.sampled_from(["de", "es", "pt-BR", "es-MX"]))
def test_any_framework_in_any_language(document: dict[str, Any], language: str) -> None:
    """Any v2 framework in another language: every name from its translation, no text lost."""
    taxonomy = loads(json.dumps(document))
    translated = taxonomy.in_language(language)
    for kind in ("domains", "skills", "roles", "expectations"):
        for before, after in zip(getattr(taxonomy, kind), getattr(translated, kind), strict=True):
            for field in ("name", "summary", "description"):
                if hasattr(before, field):
                    expected = before.translations.text(language, field, getattr(before, field))
                    assert getattr(after, field) == expected
    assert _texts(translated) == _texts(taxonomy)
