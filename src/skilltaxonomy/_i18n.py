"""Locales: gettext catalogs shipped in the package, and picking one.

Each language is one compiled catalog, ``locale/<lang>/LC_MESSAGES/skilltaxonomy.mo``
(made from the ``.po`` beside it). Adding a language means adding a catalog: the list
of locales is read from the package, and every label, plural and date pattern comes
from the catalog.
"""

from __future__ import annotations

import datetime
import functools
import gettext
import os
import re
from collections.abc import Mapping
from importlib import resources

from skilltaxonomy.exceptions import UnsupportedLocaleError

#: The gettext domain of the package's catalogs.
DOMAIN = "skilltaxonomy"

#: The locale used when none is asked for and the environment names none we have.
FALLBACK_LOCALE = "en"

_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}")


def _catalog_dir() -> resources.abc.Traversable:
    return resources.files("skilltaxonomy").joinpath("locale")


@functools.cache
def available_locales() -> tuple[str, ...]:
    """The locales with a catalog, sorted.

    >>> available_locales()
    ('de', 'en', 'es')
    """
    return tuple(
        sorted(
            entry.name
            for entry in _catalog_dir().iterdir()
            if entry.joinpath("LC_MESSAGES", f"{DOMAIN}.mo").is_file()
        )
    )


def _language(tag: str) -> str:
    """The language part of a locale name: ``es_ES.UTF-8`` → ``es``."""
    head = re.split(r"[-_.@]", tag.strip(), maxsplit=1)[0]
    return head.lower() if _LANGUAGE_TAG.fullmatch(head) else ""


def normalize_locale(tag: str) -> str:
    """The catalog for a locale name such as ``es``, ``de-AT`` or ``en_US.UTF-8``.

    Raises:
        UnsupportedLocaleError: No catalog covers the language.

    >>> normalize_locale("de_AT.UTF-8")
    'de'
    """
    language = _language(tag)
    if language in available_locales():
        return language
    raise UnsupportedLocaleError(tag, available_locales())


def default_locale(environ: Mapping[str, str] | None = None) -> str:
    """The locale the environment asks for, as gettext reads it, else `FALLBACK_LOCALE`.

    ``LANGUAGE`` (a colon-separated list), ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` are
    read in that order; the first language with a catalog wins.

    >>> default_locale({"LANG": "de_DE.UTF-8"}), default_locale({"LANG": "C.UTF-8"})
    ('de', 'en')
    """
    environ = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for tag in environ.get(variable, "").split(":"):
            language = _language(tag)
            if language in available_locales():
                return language
    return FALLBACK_LOCALE


def flag_word(words: Messages) -> str:
    """What the flag cell of a mandatory item says in the locale."""
    return words.pgettext("flag cell of a mandatory item", "Required")


@functools.cache
def messages(locale: str) -> Messages:
    """The messages of a supported locale (see `normalize_locale`)."""
    language = normalize_locale(locale)
    path = _catalog_dir().joinpath(language, "LC_MESSAGES", f"{DOMAIN}.mo")
    with path.open("rb") as catalog:
        return Messages(language, gettext.GNUTranslations(catalog))


class Messages:
    """One locale's translated labels, plurals and dates."""

    __slots__ = ("_translations", "locale")

    def __init__(self, locale: str, translations: gettext.GNUTranslations) -> None:
        self.locale = locale
        self._translations = translations

    def _(self, message: str) -> str:
        """Translate `message`."""
        return self._translations.gettext(message)

    def ngettext(self, singular: str, plural: str, number: int) -> str:
        """Translate the form of a message that fits `number`, with ``%(count)d`` filled."""
        return self._translations.ngettext(singular, plural, number) % {"count": number}

    def plural_forms(self, singular: str, plural: str) -> frozenset[str]:
        """The forms of a message with a count, unfilled (``"%(count)d skills"``), for readers."""
        # Two numbers give each form a language with two has; 5 and 21 the others of
        # languages with more.
        return frozenset(self._translations.ngettext(singular, plural, n) for n in (1, 2, 5, 21))

    def pgettext(self, context: str, message: str) -> str:
        """Translate `message` in `context`."""
        return self._translations.pgettext(context, message)

    def date(self, day: datetime.date) -> str:
        """A date in the locale's short numeric form: en 2/22/2026, es 22/2/2026.

        The pattern is the catalog's translation of CLDR's ``yMd`` pattern (``d.M.y``,
        ``dd/MM/y``, …), so a new catalog brings its own; the tests check each against
        CLDR through Babel.
        """
        values = {"y": day.year, "M": day.month, "d": day.day}

        def field(found: re.Match[str]) -> str:
            letters = found.group()
            if letters == "yy":  # CLDR: the year's last two digits
                return f"{day.year % 100:02d}"
            return str(values[letters[0]]).zfill(len(letters))

        return _DATE_FIELD.sub(field, self._date_pattern())

    def parse_date(self, text: str) -> datetime.date | None:
        """Read a date written by `date`; ``None`` if `text` is not one.

        >>> messages("de").parse_date("22.2.2026")
        datetime.date(2026, 2, 22)
        """
        pattern = "".join(
            rf"(?P<{part[0]}>\d{{1,4}})" if _DATE_FIELD.fullmatch(part) else re.escape(part)
            for part in _DATE_FIELD.split(self._date_pattern())
        )
        found = re.fullmatch(pattern, text.strip())
        if found is None:
            return None
        try:
            return datetime.date(int(found["y"]), int(found["M"]), int(found["d"]))
        except ValueError:
            return None

    def _date_pattern(self) -> str:
        return self.pgettext("date pattern (CLDR yMd)", "M/d/y")


_DATE_FIELD = re.compile(r"(y+|M+|d+)")
