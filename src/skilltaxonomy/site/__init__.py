"""The framework as a static website: linked pages in every locale, a level picker, search.

`build_site` writes a directory that any web server (or ``skilltaxonomy site --serve``)
can serve: a home page, a page per skill and per role, a page comparing each level of
a role with the next, a job description per role and level (with its Markdown), a
self-assessment per role, and a search page (Pagefind). Every page is readable without
JavaScript and requests nothing from outside the site. Needs the ``site`` extra.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from skilltaxonomy._i18n import FALLBACK_LOCALE, available_locales, messages, normalize_locale
from skilltaxonomy._optional import optional_module
from skilltaxonomy._text import count
from skilltaxonomy.exceptions import InvalidQueryError
from skilltaxonomy.model import Taxonomy
from skilltaxonomy.pages.write import STYLESHEET, escape_markdown, printable
from skilltaxonomy.site import _pages
from skilltaxonomy.site._labels import endonym, labels

__all__ = ["SITE_MANIFEST", "Site", "build_site", "serve"]

#: The file in a built site listing every file the site wrote (so a rebuild replaces
#: those, and only those).
SITE_MANIFEST = ".skilltaxonomy-site"
_STATIC = ("icon.svg", "site.css", "site.js")
_SITE_FILE = re.compile(r"[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*")
_BASE_URL = re.compile(r"https?://[^\s\"'<>\\`]+")


@attrs.frozen
class Site:
    """What `build_site` wrote.

    Attributes:
        directory: The site's directory.
        locales: The locales built, the first the default.
        pages: How many HTML pages.
        files: Every file written, relative to `directory`, sorted.
        search: Whether the search index was built.
    """

    directory: Path
    locales: tuple[str, ...]
    pages: int
    files: tuple[str, ...] = attrs.field(repr=False)
    search: bool


def build_site(
    taxonomy: Taxonomy,
    directory: str | os.PathLike[str],
    *,
    locales: Sequence[str] | None = None,
    base_url: str = "",
    search: bool = True,
    force: bool = False,
) -> Site:
    """Write `taxonomy` as a static website into `directory`.

    The site is built in a temporary directory beside `directory` and moved into place
    only when whole, so a failed build leaves `directory` as it was.

    Args:
        taxonomy: The framework.
        directory: Where the site goes: a new or empty directory, or a site built
            before (its files are replaced; nothing else in it is touched).
        locales: The languages of the pages (default every catalog, English first: en,
            de, es); the first is the one the site's root page names first.
        base_url: The URL the site will be published at (``https://example.org/skills/``):
            used for canonical and ``hreflang`` links. Links between pages are relative.
        search: Build the Pagefind search index (needs the ``pagefind`` binary of the
            ``site`` extra).
        force: Write into a directory holding other files (they are kept; files with
            the site's names are replaced).

    Raises:
        MissingDependencyError: Jinja2 or Pagefind is not installed (``site`` extra).
        UnsupportedLocaleError: No catalog for one of `locales`.
        InvalidQueryError: `base_url` is not an http(s) URL.
        FileExistsError: `directory` holds files that are not the site's, and not `force`.

    >>> import tempfile
    >>> from skilltaxonomy import build_site, load
    >>> with tempfile.TemporaryDirectory() as out:
    ...     site = build_site(load(), f"{out}/site", locales=["en", "es"], search=False)
    ...     site.pages, "es/skills/neural-network-architectures/index.html" in site.files
    (57, True)
    """
    jinja2 = optional_module("jinja2", "build_site", "site")
    if search:
        optional_module("pagefind_bin", "the site's search", "site", "pagefind[bin]")
    chosen = _locales(locales)
    base = _base_url(base_url)
    target = Path(directory)
    _check_target(target, force=force)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        written, pages = _write_site(jinja2, taxonomy, work, chosen, base)
        if search:
            written += _index(work)
        files = tuple(sorted(written))
        (work / SITE_MANIFEST).write_text("".join(f"{f}\n" for f in files), encoding="utf-8")
        _move_into_place(work, target, files)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Site(target, chosen, pages, files, search)


def _locales(locales: Sequence[str] | None) -> tuple[str, ...]:
    if locales is None:  # every catalog, the fallback language first
        return tuple(
            sorted(available_locales(), key=lambda locale: (locale != FALLBACK_LOCALE, locale))
        )
    chosen = tuple(dict.fromkeys(normalize_locale(locale) for locale in locales))
    if not chosen:
        raise InvalidQueryError("no locale given: name at least one, such as 'en'")
    return chosen


def _base_url(url: str) -> str:
    if not url:
        return ""
    if not _BASE_URL.fullmatch(url):
        raise InvalidQueryError(
            f"base URL {printable(url)!r} is not an http(s) URL such as 'https://example.org/'"
        )
    return url if url.endswith("/") else f"{url}/"


def _manifest(target: Path) -> set[str] | None:
    """The files a site built before in `target` wrote, or None if it is not a site."""
    try:
        text = (target / SITE_MANIFEST).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError):
        return None
    # Only names the site writes: a manifest edited to name "../x" deletes nothing outside.
    return {
        line
        for line in text.splitlines()
        if _SITE_FILE.fullmatch(line) and ".." not in line.split("/")
    }


def _present(target: Path) -> set[str]:
    return {
        str(path.relative_to(target).as_posix())
        for path in target.rglob("*")
        if not path.is_dir() or path.is_symlink()
    }


def _check_target(target: Path, *, force: bool) -> None:
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a directory", str(target))
    if not target.exists() or force:
        return
    ours = _manifest(target)
    others = _present(target) - (ours or set()) - {SITE_MANIFEST}
    if others:
        raise FileExistsError(
            errno.EEXIST,
            f"holds {count(len(others), 'file')} the site did not write (such as"
            f" {min(others)!r}); build with force=True (on the command line, --force) to"
            " write beside them",
            str(target),
        )


def _move_into_place(work: Path, target: Path, files: Sequence[str]) -> None:
    """Move the built site from `work` to `target`; a site built before is replaced."""
    if not target.exists() or not any(target.iterdir()):
        if target.exists():
            target.rmdir()
        work.rename(target)
        return
    old = _manifest(target) or set()
    if _present(target) <= old | {SITE_MANIFEST}:
        # Only the site's own files: swap the whole directory.
        aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
        aside.rmdir()
        target.rename(aside)
        work.rename(target)
        shutil.rmtree(aside, ignore_errors=True)
        return
    # Forced beside other files: replace the site's files one by one, keep the rest.
    for name in sorted(old - set(files)):
        stale = target / name
        if stale.is_file() and not stale.is_symlink():
            stale.unlink()
    for name in (*files, SITE_MANIFEST):
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(work / name, destination)


def _index(work: Path) -> list[str]:
    """Build the Pagefind index of every locale into ``pagefind/``; the files it wrote."""
    before = _present(work)
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(work), "--silent"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"pagefind failed: {result.stderr.strip() or result.stdout.strip()}")
    # Pagefind lists the languages in hash-map order: sorted, two builds are the same.
    entry = work / "pagefind" / "pagefind-entry.json"
    found = json.loads(entry.read_text(encoding="utf-8"))
    found["languages"] = dict(sorted(found.get("languages", {}).items()))
    entry.write_text(json.dumps(found, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return sorted(_present(work) - before)


def _environment(jinja2: Any) -> Any:
    def finalize(value: object) -> object:
        # Markup (Jinja2's, or the pages' writer's `Html`) is escaped already.
        if isinstance(value, str) and not hasattr(value, "__html__"):
            return printable(value)
        return value

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("skilltaxonomy.site", "templates"),
        autoescape=jinja2.select_autoescape(["html"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=finalize,
    )
    environment.filters["md"] = escape_markdown
    environment.filters["extra"] = _pages.extra_text
    return environment


def _write_site(
    jinja2: Any, taxonomy: Taxonomy, work: Path, locales: Sequence[str], base: str
) -> tuple[list[str], int]:
    environment = _environment(jinja2)
    markup = jinja2.utils.markupsafe.Markup
    names = _pages.Names.of(taxonomy)
    written: list[str] = []
    pages = 0
    for name in _STATIC:
        data = (Path(__file__).parent / "static" / name).read_bytes()
        if name == "site.css":  # the pages' stylesheet, then the site's chrome
            data = STYLESHEET.encode("utf-8") + data
        _write(work, f"static/{name}", data)
        written.append(f"static/{name}")
    endonyms = {locale: endonym(messages(locale)) for locale in locales}
    root = environment.get_template("root.html").render(
        languages=[(locale, endonyms[locale]) for locale in locales],
        lang=locales[0],
        taxonomy=taxonomy,
        words=_pages.Words(taxonomy, messages(locales[0])),
        base=base,
        labels={locale: labels(messages(locale)) for locale in locales},
    )
    _write(work, "index.html", root.encode("utf-8"))
    written.append("index.html")
    pages += 1
    for locale in locales:
        words = _pages.Words(taxonomy, messages(locale))
        shared = {
            "taxonomy": taxonomy,
            "words": words,
            "names": names,
            "L": labels(words.messages),
            "lang": locale,
            "locales": [(other, endonyms[other]) for other in locales],
            "base": base,
            "has_roles": bool(len(taxonomy.roles)),
            "script_json": lambda value: markup(_pages.script_json(value)),
        }
        for path, template_name, context in _all_pages(taxonomy, words, names):
            depth = path.count("/")
            relative = "../" * depth
            page = environment.get_template(template_name).render(
                **shared,
                **context,
                path=path,
                root=relative,
                w=_pages.Writer(words, names, relative),
                top=f"{relative}../",
            )
            file = (
                f"{locale}/{path}index.html"
                if path.endswith("/") or not path
                else f"{locale}/{path}"
            )
            _write(work, file, page.encode("utf-8"))
            written.append(file)
            pages += file.endswith(".html")
    return written, pages


def _all_pages(
    taxonomy: Taxonomy, words: _pages.Words, names: _pages.Names
) -> Iterable[_pages.Page]:
    yield from _pages.home(taxonomy, words)
    yield from _pages.skills(taxonomy, words, names)
    yield from _pages.roles(taxonomy, words, names)
    yield from _pages.extra_pages(taxonomy)


def _write(work: Path, name: str, data: bytes) -> None:
    path = work / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def serve(directory: str | os.PathLike[str], port: int = 8000, out: Any = None) -> None:
    """Serve `directory` on 127.0.0.1 (only this machine) until interrupted.

    Prints the URL to `out` (default standard output) first. Port 0 picks a free one.
    """
    import functools  # noqa: PLC0415 - only when serving
    import http.server  # noqa: PLC0415

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        stream = sys.stdout if out is None else out
        stream.write(
            f"serving {directory} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)\n"
        )
        stream.flush()
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
