"""Maintain the message catalogs with Babel (``pip install -e '.[i18n]'``).

    python scripts/catalogs.py extract      # update skilltaxonomy.pot and merge it into every .po
    python scripts/catalogs.py new fr       # start a French catalog (plural rule, date pattern)
    python scripts/catalogs.py compile      # write the .mo files the package reads

A new language is one new catalog: ``new``, translate the ``.po``, ``compile``.
The tests check that every catalog translates every message, that each .mo matches
its .po, and that each date pattern is CLDR's.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "skilltaxonomy"
LOCALE_DIR = PACKAGE / "locale"
TEMPLATE = LOCALE_DIR / "skilltaxonomy.pot"
DOMAIN = "skilltaxonomy"
DATE_CONTEXT = "date pattern (CLDR yMd)"


def template() -> Catalog:
    """The messages the source code asks for, as Babel extracts them."""
    catalog = Catalog(project="skilltaxonomy", domain=DOMAIN, fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords=DEFAULT_KEYWORDS
    ):
        catalog.add(
            message,
            None,
            [(f"src/skilltaxonomy/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def po_path(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def locales() -> list[str]:
    return sorted(path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def cldr_date_pattern(locale: str) -> str:
    """CLDR's numeric year-month-day pattern (``yMd``) for `locale`, e.g. ``d/M/y``."""
    return str(Locale.parse(locale).datetime_skeletons["yMd"])


def extract() -> None:
    pot = template()
    with TEMPLATE.open("wb") as out:
        write_po(out, pot, sort_output=True, width=96, include_lineno=False)
    for locale in locales():
        with po_path(locale).open("rb") as file:
            catalog = read_po(file, locale=locale)
        catalog.update(pot)
        with po_path(locale).open("wb") as out:
            write_po(
                out, catalog, sort_output=True, width=96, ignore_obsolete=True, include_lineno=False
            )


def new(locale: str) -> None:
    catalog = Catalog(locale=locale, project="skilltaxonomy", domain=DOMAIN, fuzzy=False)
    catalog.update(template())
    catalog.get("M/d/y", context=DATE_CONTEXT).string = cldr_date_pattern(locale)
    po_path(locale).parent.mkdir(parents=True, exist_ok=True)
    with po_path(locale).open("wb") as out:
        write_po(out, catalog, sort_output=True, width=96, include_lineno=False)


def compile_all() -> None:
    for locale in locales():
        with po_path(locale).open("rb") as file:
            catalog = read_po(file, locale=locale)
        with po_path(locale).with_suffix(".mo").open("wb") as out:
            write_mo(out, catalog, use_fuzzy=False)


def main(argv: list[str]) -> int:
    if argv[:1] == ["extract"]:
        extract()
    elif argv[:1] == ["new"] and len(argv) == 2:
        new(argv[1])
    elif argv[:1] == ["compile"]:
        compile_all()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
