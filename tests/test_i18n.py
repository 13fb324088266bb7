"""Tests for the locales: catalogs, choosing one, plurals and dates."""

from __future__ import annotations

import datetime
import gettext
import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from babel.dates import format_skeleton
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from skilltaxonomy import (
    Taxonomy,
    UnsupportedLocaleError,
    _i18n,
    available_locales,
    default_locale,
    loads,
    render,
)
from skilltaxonomy._i18n import messages, normalize_locale

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "src" / "skilltaxonomy" / "locale"
FEB_22 = datetime.date(2026, 2, 22)


@pytest.fixture(name="catalogs", scope="module")
def _catalogs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogs", ROOT / "scripts" / "catalogs.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_available_locales() -> None:
    """The locales are the catalogs shipped in the package."""
    assert available_locales() == ("de", "en", "es")


@pytest.mark.parametrize(
    ("tag", "locale"),
    [("es", "es"), ("ES", "es"), ("de-AT", "de"), ("en_US.UTF-8", "en"), ("es_ES@euro", "es")],
)
def test_normalize_locale(tag: str, locale: str) -> None:
    """Region, encoding and modifier are ignored; the language picks the catalog."""
    assert normalize_locale(tag) == locale


@pytest.mark.parametrize("tag", ["fr", "", "C", "e", "españ"])
def test_unsupported_locale(tag: str) -> None:
    """A language without a catalog is refused, listing the ones there are."""
    with pytest.raises(UnsupportedLocaleError) as caught:
        normalize_locale(tag)
    assert str(caught.value) == f"unsupported locale {tag!r}: expected one of de, en, es"
    assert isinstance(caught.value, LookupError)
    assert caught.value.available == ("de", "en", "es")


@pytest.mark.parametrize(
    ("environ", "locale"),
    [
        ({}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "de_DE.UTF-8", "LC_MESSAGES": "es_ES"}, "es"),
        ({"LANG": "de_DE.UTF-8", "LC_ALL": "en_GB"}, "en"),
        ({"LANGUAGE": "fr:es:de", "LC_ALL": "en_GB"}, "es"),
        ({"LANGUAGE": "fr", "LANG": "fr_FR.UTF-8"}, "en"),
    ],
)
def test_default_locale(environ: dict[str, str], locale: str) -> None:
    """The environment is read as gettext reads it; without a catalog, English."""
    assert default_locale(environ) == locale


def test_default_locale_reads_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without an argument, the process environment is read."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    assert default_locale() == "es"


@pytest.mark.parametrize(
    ("locale", "text"), [("en", "2/22/2026"), ("es", "22/2/2026"), ("de", "22.2.2026")]
)
def test_dates_as_on_the_page(locale: str, text: str) -> None:
    """Dates take each locale's short numeric form, as the page shows them."""
    assert messages(locale).date(FEB_22) == text
    assert messages(locale).parse_date(text) == FEB_22


@pytest.mark.parametrize("locale", ["en", "es", "de"])
@pytest.mark.parametrize(
    "day", [FEB_22, datetime.date(1999, 12, 31), datetime.date(2031, 1, 5), datetime.date(5, 6, 7)]
)
def test_dates_follow_cldr(locale: str, day: datetime.date) -> None:
    """Each catalog's date pattern is CLDR's yMd pattern, so dates equal Babel's."""
    assert messages(locale).date(day) == format_skeleton("yMd", day, locale=locale)


@pytest.mark.parametrize("text", ["", "22/2", "2026-02-22", "31/2/2026", "a/b/c", "22/2/2026 x"])
def test_not_a_date(text: str) -> None:
    """Text that is not a date in the locale's form reads as no date."""
    assert messages("es").parse_date(text) is None


def test_plurals() -> None:
    """Plural forms follow each language's rule."""
    es, de, en = messages("es"), messages("de"), messages("en")
    one, other = "the other %(count)d optional", "the other %(count)d optional"
    assert [es.ngettext(one, other, n) for n in (1, 10)] == [
        "el otro 1 opcional",
        "los otros 10 opcionales",
    ]
    assert [de.ngettext(one, other, n) for n in (1, 0)] == [
        "die übrige 1 optional",
        "die übrigen 0 optional",
    ]
    assert en.ngettext("%(count)d level", "%(count)d levels", 1) == "1 level"


@pytest.mark.parametrize("locale", ["en", "es", "de"])
def test_every_message_is_translated(catalogs: ModuleType, locale: str) -> None:
    """Each catalog translates every message the source code asks for, every plural form."""
    template = catalogs.template()
    with (LOCALE_DIR / locale / "LC_MESSAGES" / "skilltaxonomy.po").open("rb") as file:
        catalog = read_po(file, locale=locale)
    wanted = {(m.context, m.id) for m in template if m.id}
    have = {(m.context, m.id) for m in catalog if m.id}
    assert wanted - have == set()
    assert have - wanted == set(), "obsolete messages: run scripts/catalogs.py extract"
    for message in catalog:
        if message.id:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            assert all(strings), message.id
            assert not message.fuzzy, message.id


@pytest.mark.parametrize("locale", ["en", "es", "de"])
def test_compiled_catalogs_match_their_sources(locale: str) -> None:
    """Each .mo holds exactly what its .po says (run scripts/catalogs.py compile)."""
    folder = LOCALE_DIR / locale / "LC_MESSAGES"
    with (folder / "skilltaxonomy.po").open("rb") as file:
        source = read_po(file, locale=locale)
    with (folder / "skilltaxonomy.mo").open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    table = compiled._catalog  # type: ignore[attr-defined]
    expected: dict[object, str] = {}
    for message in source:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            expected.update(((message.id[0], i), form) for i, form in enumerate(message.string))
        elif message.context:
            expected[f"{message.context}\x04{message.id}"] = message.string
        else:
            expected[message.id] = message.string
    assert {key: value for key, value in table.items() if key != ""} == expected


@pytest.mark.parametrize("locale", ["en", "es", "de"])
def test_catalog_date_pattern_is_cldr(catalogs: ModuleType, locale: str) -> None:
    """The date pattern each catalog carries is the one CLDR gives for the language."""
    assert messages(locale).pgettext(catalogs.DATE_CONTEXT, "M/d/y") == catalogs.cldr_date_pattern(
        locale
    )


@pytest.fixture(name="with_french")
def _with_french(
    tmp_path: Path, catalogs: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """The shipped catalogs plus a French one made the way a contributor would."""
    shutil.copytree(LOCALE_DIR, tmp_path / "locale")
    catalog = Catalog(locale="fr", domain="skilltaxonomy")
    catalog.update(catalogs.template())
    french = {
        "Domain": "Domaine",
        "Role": "Rôle",
        "Required": "Obligatoire",
        "Description": "Description",
        "Roles": "Rôles",
        "Levels": "Niveaux",
        "Mandatory requirements": "Exigences obligatoires",
        "The table shows how depth grows from %(first)s to %(last)s.": (
            "Le tableau montre comment la profondeur croît de %(first)s à %(last)s."
        ),
    }
    for message in catalog:
        if message.id in french:
            message.string = french[message.id]
    catalog.get("M/d/y", context=catalogs.DATE_CONTEXT).string = catalogs.cldr_date_pattern("fr")
    catalog.get("Required", context="flag cell of a mandatory item").string = "Obligatoire"
    folder = tmp_path / "locale" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "skilltaxonomy.mo").open("wb") as out:
        write_mo(out, catalog)
    monkeypatch.setattr(_i18n, "_catalog_dir", lambda: tmp_path / "locale")
    _i18n.available_locales.cache_clear()
    _i18n.messages.cache_clear()
    yield
    _i18n.available_locales.cache_clear()
    _i18n.messages.cache_clear()


@pytest.mark.usefixtures("with_french")
def test_a_new_language_is_a_new_catalog_only(bundled: Taxonomy) -> None:
    """Dropping in a French catalog adds French pages, and the reader reads them."""
    assert available_locales() == ("de", "en", "es", "fr")
    page = render(bundled.profile("neural-network-architectures"), "md", locale="fr")
    assert "| Rôle | Obligatoire | Description |" in page
    assert "22/02/2026" in page
    fragment = loads(
        page,
        format="page",
        skill_id="neural-network-architectures",
        skill_name="Neural Network Architectures",
        roles=bundled.roles,
    )
    assert fragment.expectations == bundled.expectations
