"""The static site: its pages, links, escaping, languages and how it is written."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import html5lib
import pytest

from skilltaxonomy import MissingDependencyError, Site, build_site, load, loads, path, render
from skilltaxonomy.cli import main
from skilltaxonomy.exceptions import InvalidQueryError, UnsupportedLocaleError
from skilltaxonomy.pages.write import STYLESHEET
from skilltaxonomy.site import SITE_MANIFEST
from tests.site.frameworks import CATALOGUE, HOSTILE, HOSTILE_TEXT, LADDERS, text


class _Page(HTMLParser):
    """The links, scripts and elements of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        for key in ("href", "src", "action"):
            value = found.get(key)
            if value is not None:
                self.links.append(value)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def _built(tmp_path: Path, framework: dict[str, object] | None, **options: object) -> Site:
    taxonomy = load() if framework is None else loads(text(framework))
    options.setdefault("search", False)
    return build_site(taxonomy, tmp_path / "site", **options)  # type: ignore[arg-type]


def test_bundled_site_has_every_page_in_every_locale(tmp_path: Path) -> None:
    """The bundled framework's site: home, skill, roles, levels, jobs, assessments, search."""
    site = _built(tmp_path, None)
    assert site.locales == ("en", "de", "es")
    for locale in site.locales:
        for page in (
            "index.html",
            "skills/neural-network-architectures/index.html",
            "roles/data-scientist/index.html",
            "roles/data-scientist/junior/index.html",
            "roles/data-scientist/junior/job/index.html",
            "roles/data-scientist/junior/job.md",
            "roles/llm-engineer/assess/index.html",
            "assess/index.html",
            "search/index.html",
        ):
            assert (site.directory / locale / page).is_file(), (locale, page)
    assert site.pages == 1 + 3 * 28
    spanish = (site.directory / "es/skills/neural-network-architectures/index.html").read_text()
    assert '<html lang="es">' in spanish
    assert "Perfil de habilidad" in spanish
    assert '<h1><span lang="en">Neural Network Architectures</span></h1>' in spanish
    assert '<time datetime="2026-02-22">22/2/2026</time>' in spanish


@pytest.mark.parametrize("framework", [None, LADDERS, HOSTILE, CATALOGUE])
def test_every_internal_link_resolves_and_no_request_leaves_the_site(
    tmp_path: Path, framework: dict[str, object] | None
) -> None:
    """Every href, src and action names a file of the site; none names another host."""
    site = _built(tmp_path, framework)
    for page in _pages(site.directory):
        for link in _parse(page).links:
            assert not urlsplit(link).scheme, (page, link)
            assert not urlsplit(link).netloc, (page, link)
            target = (page.parent / urldefrag(link).url.split("?")[0]).resolve()
            if link.endswith("/") or target.is_dir():
                target = target / "index.html"
            assert target.is_file(), (page, link)
            assert target.is_relative_to(site.directory.resolve()), (page, link)


@pytest.mark.parametrize("framework", [None, LADDERS, HOSTILE, CATALOGUE])
def test_every_page_is_valid_html(tmp_path: Path, framework: dict[str, object] | None) -> None:
    """html5lib's strict parser reads every page without a parse error."""
    site = _built(tmp_path, framework)
    parser = html5lib.HTMLParser(strict=True)
    for page in _pages(site.directory):
        parser.parse(page.read_bytes())


def test_building_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    """Two builds of one framework, search index included, are byte for byte the same."""
    first = build_site(loads(text(LADDERS)), tmp_path / "one")
    second = build_site(loads(text(LADDERS)), tmp_path / "two")
    assert first.files == second.files
    for name in first.files:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), (
            name
        )


def test_hostile_text_changes_no_element_attribute_script_or_url(tmp_path: Path) -> None:
    """Markup in names, descriptions and extras is shown as text, in pages and in JSON."""
    site = _built(tmp_path, HOSTILE, locales=["en", "es"])
    scripts = {
        "st-picker-data",
        "st-skill-data",
        "st-assess-labels",
        "st-assess-data",
        "st-search-labels",
    }
    seen_text = False
    for page in _pages(site.directory):
        parsed = _parse(page)
        for tag, attrs in parsed.tags:
            assert tag not in ("img", "b"), page
            assert not any(key.startswith("on") for key in attrs), page
            if tag == "script":
                assert attrs.get("src", "").endswith("static/site.js") or attrs["id"] in scripts
        body = page.read_text(encoding="utf-8")
        for found in re.finditer(
            r'<script type="application/json" id="[\w-]+">(.*?)</script>', body, re.S
        ):
            json.loads(found.group(1))
        document = html5lib.parse(body, namespaceHTMLElements=False)
        seen_text = seen_text or HOSTILE_TEXT in "".join(document.itertext())
    assert seen_text
    data = (site.directory / "en/skills").iterdir()
    assert sorted(p.name for p in data) == [
        "etc-passwd-3754d6cb3a",
        "javascript-alert-1-d0ee0421cc",
    ]


def test_ids_that_are_not_path_segments_get_safe_names(tmp_path: Path) -> None:
    """An id with slashes, dots or quotes is one safe segment; nothing is written outside."""
    before = sorted(p.name for p in tmp_path.iterdir())
    site = _built(tmp_path, HOSTILE, locales=["en"])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*before, "site"])
    for name in site.files:
        assert re.fullmatch(r"[A-Za-z0-9_./-]+", name), name
        assert ".." not in name.split("/"), name


def test_per_role_ladder_starts_where_the_role_starts(tmp_path: Path) -> None:
    """The role page shows the role's own ladder; each level page compares with the next."""
    site = _built(tmp_path, LADDERS, locales=["en"])
    role = (site.directory / "en/roles/lead/index.html").read_text()
    columns = re.findall(r'<th scope="col" data-level="(\d)">(TL\d)', role)
    assert columns == [("0", "TL4"), ("1", "TL5"), ("2", "TL6")]
    assert not (site.directory / "en/roles/lead/tl3").exists()
    assert role.count('<tr class="st-group">') == 2  # two categories, one grid
    assert (
        '<strong class="st-req">Required</strong><abbr class="st-step st-rank-1" title="Working">W</abbr>'
        in role
    )
    level = (site.directory / "en/roles/lead/tl4/index.html").read_text()
    assert "TL4</span> → <span" not in level  # same language: no span
    assert "Tech Lead: TL4 → TL5" in re.sub(r"<[^>]+>", "", level)
    becomes = level.split("What becomes mandatory")[1]
    assert "Operations" in becomes
    assert "Python" not in becomes
    top = (site.directory / "en/roles/lead/tl6/index.html").read_text()
    assert "This is the top level; there is no next level." in top


def test_job_description_in_html_and_markdown(tmp_path: Path) -> None:
    """The job description lists what is mandatory first, and its Markdown escapes text."""
    site = _built(tmp_path, LADDERS, locales=["en"])
    markdown = (site.directory / "en/roles/lead/tl5/job.md").read_text()
    assert markdown.startswith("# Senior Tech Lead (TL5)\n")
    must, also = markdown.split("## Also expected")
    assert "**Operations** (Working): Owns the run book." in must
    assert "**Python** (Expert): Sets the team's Python style." in also
    assert "**SQL** (Aware): Reads query plans." in also
    hostile = _built(tmp_path / "h", HOSTILE, locales=["en"])
    job = next((hostile.directory / "en/roles").glob("*/l-1-*/job.md")).read_text()
    assert "\\<script\\>" in job
    assert "<script>" not in job


def test_catalogue_skill_page_shows_what_each_step_means(tmp_path: Path) -> None:
    """A framework without roles: skill pages define each step; no role or assessment pages."""
    site = _built(tmp_path, CATALOGUE, locales=["en"])
    page = (site.directory / "en/skills/cleaning/index.html").read_text()
    assert "What each step means" in page
    assert "Cleans a new data set alone." in page
    assert "Documents each change" in page
    assert not (site.directory / "en/roles").exists()
    assert not (site.directory / "en/assess").exists()


def test_translations_and_lang_of_untranslated_text(tmp_path: Path) -> None:
    """Translated names are the page's language; the rest keeps the framework's ``lang``."""
    site = _built(tmp_path, LADDERS, locales=["es", "de"])
    spanish = (site.directory / "es/skills/python/index.html").read_text()
    assert "<h1>Pitón</h1>" in spanish
    assert '<span lang="en">Engineering</span>' in spanish
    german = (site.directory / "de/skills/python/index.html").read_text()
    assert '<h1><span lang="en">Python</span></h1>' in german
    assert "Technik" in german
    assert 'hreflang="es" href="../../../es/skills/python/"' in german


def test_base_url_gives_canonical_and_hreflang_links(tmp_path: Path) -> None:
    """With a base URL, canonical and alternate links are absolute; page links stay relative."""
    site = _built(tmp_path, LADDERS, locales=["en", "de"], base_url="https://example.org/f")
    page = (site.directory / "de/roles/lead/index.html").read_text()
    assert '<link rel="canonical" href="https://example.org/f/de/roles/lead/">' in page
    assert (
        '<link rel="alternate" hreflang="en" href="https://example.org/f/en/roles/lead/">' in page
    )
    with pytest.raises(InvalidQueryError, match="is not an http\\(s\\) URL"):
        _built(tmp_path, LADDERS, base_url="javascript:alert(1)")


def test_unknown_locale_is_refused(tmp_path: Path) -> None:
    """A locale without a catalog is refused before anything is written."""
    with pytest.raises(UnsupportedLocaleError):
        _built(tmp_path, LADDERS, locales=["en", "xx"])
    assert not (tmp_path / "site").exists()


def test_a_directory_with_other_files_is_refused_unless_forced(tmp_path: Path) -> None:
    """Other files refuse the build; --force writes beside them and keeps them."""
    out = tmp_path / "site"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(FileExistsError, match="holds 1 file the site did not write"):
        _built(tmp_path, LADDERS, locales=["en"])
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    _built(tmp_path, LADDERS, locales=["en"], force=True)
    assert (out / "notes.txt").read_text() == "mine"
    assert (out / "en/index.html").is_file()
    # A rebuild in fewer locales removes the site's own stale files, and only those.
    _built(tmp_path, LADDERS, locales=["de"], force=True)
    assert not (out / "en/index.html").exists()
    assert (out / "notes.txt").read_text() == "mine"


def test_an_edited_manifest_deletes_nothing_outside_the_site(tmp_path: Path) -> None:
    """A manifest naming files outside the site's directory is not followed."""
    _built(tmp_path, LADDERS, locales=["en"])
    outside = tmp_path / "outside.txt"
    outside.write_text("mine")
    (tmp_path / "site" / "notes.txt").write_text("mine too")
    manifest = tmp_path / "site" / SITE_MANIFEST
    manifest.write_text(manifest.read_text() + "../outside.txt\n/etc/hostname\n")
    _built(tmp_path, LADDERS, locales=["de"], force=True)
    assert outside.read_text() == "mine"
    assert (tmp_path / "site" / "notes.txt").read_text() == "mine too"


def test_a_site_built_before_is_replaced(tmp_path: Path) -> None:
    """Building again into a site's directory replaces it; nothing is left beside it."""
    _built(tmp_path, LADDERS, locales=["en", "de"])
    _built(tmp_path, LADDERS, locales=["es"])
    site = tmp_path / "site"
    assert sorted(p.name for p in site.iterdir()) == [SITE_MANIFEST, "es", "index.html", "static"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failed_build_leaves_the_directory_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error mid-build leaves the old site untouched and no temporary directory."""
    _built(tmp_path, LADDERS, locales=["en"])
    before = {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}

    def broken(*args: object) -> object:
        raise RuntimeError("disk full")

    monkeypatch.setattr("skilltaxonomy.site._pages.roles", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        _built(tmp_path, LADDERS, locales=["de"])
    after = {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_plain_install_says_which_extra_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without Jinja2, build_site names the site extra."""
    monkeypatch.setitem(sys.modules, "jinja2", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'skilltaxonomy\[site\]'"):
        _built(tmp_path, LADDERS)
    assert main(["site", "-o", str(tmp_path / "x")]) == 1


def test_cli_builds_a_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`skilltaxonomy site FRAMEWORK -o DIR --locale en,es` writes the site and says so."""
    framework = tmp_path / "ladders.json"
    framework.write_text(text(LADDERS))
    out = tmp_path / "site"
    assert main(["site", str(framework), "-o", str(out), "--locale", "en,es", "--no-search"]) == 0
    assert capsys.readouterr().out == f"wrote 29 pages in en, es to {out} (no search index)\n"
    assert main(["site", str(framework), "-o", str(out), "--locale", "de", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["files"] > 15  # the pages, the static files and the search index
    assert summary | {"files": 0} == {
        "directory": str(out),
        "locales": ["de"],
        "pages": 15,
        "files": 0,
        "search": True,
    }
    assert main(["site", "-o", str(out), "--locale", "en,xx"]) == 2
    assert "unsupported locale" in capsys.readouterr().err.lower()
    (out.parent / "other").mkdir()
    (out.parent / "other" / "a.txt").write_text("")
    assert main(["site", "-o", str(out.parent / "other")]) == 1
    assert "--force" in capsys.readouterr().err


def test_cli_serves_on_loopback(tmp_path: Path) -> None:
    """`--serve` prints a 127.0.0.1 URL and serves the site there."""
    with subprocess.Popen(
        [
            sys.executable,
            "-m",
            "skilltaxonomy",
            "site",
            "-o",
            str(tmp_path / "s"),
            "--locale",
            "en",
            "--no-search",
            "--serve",
            "--port",
            "0",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as process:
        assert process.stdout is not None
        assert process.stdout.readline().startswith("wrote ")
        line = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert url is not None, line
        try:
            with urllib.request.urlopen(f"{url.group()}en/") as response:
                assert b"neural-network-architectures" in response.read()
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_a_role_page_of_60_skills_by_5_levels_weighs_under_100_kb(tmp_path: Path) -> None:
    """Long descriptions are clipped in the grid (whole on the skill page): under 100 KB."""
    words = [
        "designs",
        "reviews",
        "pipelines",
        "latency",
        "mentors",
        "platform",
        "standards",
        "quality",
    ]
    description = " ".join(words[(i * 7) % len(words)] for i in range(45))  # ~350 characters
    framework = {
        "format": "skilltaxonomy/2",
        "name": "Wide",
        "domains": [{"id": "d", "name": "D"}],
        "skills": [{"id": f"s{s}", "name": f"Skill {s}", "domain": "d"} for s in range(60)],
        "roles": [{"id": "r", "name": "R"}],
        "levels": [{"id": f"l{n}", "name": f"L{n}"} for n in range(5)],
        "expectations": [
            {
                "skill": f"s{s}",
                "role": "r",
                "level": f"l{n}",
                "mandatory": False,
                "description": f"{s}-{n} {description}",
            }
            for s in range(60)
            for n in range(5)
        ],
    }
    site = _built(tmp_path, framework, locales=["en"])
    weight = sum(
        (site.directory / name).stat().st_size
        for name in ("en/roles/r/index.html", "static/site.css", "static/site.js")
    )
    assert weight <= 100 * 1024
    role = (site.directory / "en/roles/r/index.html").read_text()
    assert role.count("…</p>") == 300
    assert f"0-0 {description}" in (site.directory / "en/skills/s0/index.html").read_text()


DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(
    ("source", "format"),
    [
        *((f"shapes/{path.name}", None) for path in sorted((DATA / "shapes").glob("*.json"))),
        ("case/example-data-careers.json", "case"),
        ("case/tree-standards.json", "case"),
        ("esco/esco-test-csv.zip", "esco"),
        ("onet/db_test_text.zip", "onet"),
        ("sfia/skills.csv", "sfia"),
    ],
)
def test_every_shape_and_source_builds_a_linked_valid_site(
    tmp_path: Path, source: str, format: str | None
) -> None:
    """Each shape of framework and each source format gives valid pages whose links resolve."""
    taxonomy = load(DATA / source, format=format)  # type: ignore[arg-type]
    site = build_site(taxonomy, tmp_path / "site", locales=["en", "de"], search=False)
    parser = html5lib.HTMLParser(strict=True)
    for page in _pages(site.directory):
        parser.parse(page.read_bytes())
        for link in _parse(page).links:
            target = (page.parent / link.split("#")[0].split("?")[0]).resolve()
            assert (target / "index.html" if target.is_dir() else target).is_file(), (page, link)
    assert len(taxonomy.roles) == len(list((site.directory / "en").glob("roles/*/index.html")))


def test_bad_targets_and_locales_are_refused(tmp_path: Path) -> None:
    """No locale at all, or a file where the directory should be, is refused."""
    with pytest.raises(InvalidQueryError, match="no locale given"):
        _built(tmp_path, LADDERS, locales=[])
    (tmp_path / "site").write_text("a file")
    with pytest.raises(NotADirectoryError, match="not a directory"):
        _built(tmp_path, LADDERS)
    assert (tmp_path / "site").read_text() == "a file"


def test_an_empty_directory_becomes_the_site(tmp_path: Path) -> None:
    """An empty directory is used as it is."""
    (tmp_path / "site").mkdir()
    site = _built(tmp_path, LADDERS, locales=["en"])
    assert (site.directory / "en/index.html").is_file()


def test_a_failing_search_index_fails_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind's error is the build's; without Pagefind, the error names the extra."""
    failed = subprocess.CompletedProcess([], 1, stdout="", stderr="Error: no pages")
    monkeypatch.setattr("skilltaxonomy.site.subprocess.run", lambda *a, **k: failed)
    with pytest.raises(RuntimeError, match="pagefind failed: Error: no pages"):
        _built(tmp_path, LADDERS, search=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    monkeypatch.setitem(sys.modules, "pagefind_bin", None)
    with pytest.raises(
        MissingDependencyError, match=r"pagefind\[bin\]: pip install 'skilltaxonomy\[site\]'"
    ):
        _built(tmp_path, LADDERS, search=True)


def test_serve_prints_its_loopback_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`serve` binds 127.0.0.1, says where, and stops on Ctrl-C."""
    import http.server
    import io

    from skilltaxonomy.site import serve

    def interrupted(self: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(http.server.ThreadingHTTPServer, "serve_forever", interrupted)
    out = io.StringIO()
    serve(tmp_path, 0, out)
    assert re.fullmatch(
        rf"serving {tmp_path} at http://127\.0\.0\.1:\d+/ \(Ctrl-C stops\)\n", out.getvalue()
    )


@pytest.mark.parametrize("locale", ["en", "es", "de"])
def test_numbers_are_grouped_as_cldr_groups_them(locale: str) -> None:
    """Counts of a thousand and more use the locale's separator, as Babel (CLDR) writes them."""
    from babel.numbers import format_decimal

    from skilltaxonomy._i18n import messages
    from skilltaxonomy.site._pages import Words

    words = Words(load(), messages(locale))
    for value in (0, 7, 999, 1000, 14000, 120000, 1234567):
        assert words.number(value) == format_decimal(value, locale=locale)
    expected = {"en": "14,000 skills", "es": "14.000 habilidades", "de": "14.000 Fähigkeiten"}
    assert words.count("%(count)d skill", "%(count)d skills", 14000) == expected[locale]


def _tables(page: str, *, document: bool, marks: str = "") -> list[str]:
    """The page's tables (their scrolling boxes), legends and figures as markup, unlinked.

    With `marks`, the site's marks of untranslated text in language `marks` are left out.
    """
    import xml.etree.ElementTree as ET

    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree = parser.parse(page) if document else parser.parseFragment(page)
    boxes = [
        box
        for box in tree.iter()
        if (box.tag, box.get("class"))
        in (("div", "st-scroll"), ("ul", "st-badges"), ("dl", "st-figures"))
    ]
    for box in boxes:
        box.tail = None  # what follows the box is not the box
    shown = [
        re.sub(r'<a href="[^"]*"(?: lang="[^"]*")?>|</a>', "", ET.tostring(box, encoding="unicode"))
        for box in boxes
    ]
    return [box.replace(f' lang="{marks}"', "") for box in shown] if marks else shown


@pytest.mark.parametrize("locale", ["en", "es"])
def test_skill_page_shows_the_profile_as_render_writes_it(tmp_path: Path, locale: str) -> None:
    """The skill page's figures and profile tables are `render`'s, with links added.

    The site also marks text the framework has not translated with its language ("en"):
    `render` is given a profile, which does not say the framework's language.
    """
    taxonomy = load()
    site = _built(tmp_path, None, locales=[locale])
    page = (site.directory / f"{locale}/skills/neural-network-architectures/index.html").read_text()
    profile = taxonomy.profile("neural-network-architectures")
    rendered = render(profile, "html", locale=locale)
    shown = _tables(page, document=True, marks="en" if locale != "en" else "")
    assert len(shown) == 1 + len(profile.levels) == 6
    assert shown == _tables(rendered, document=False)
    link = '<th scope="row"><a href="../../roles/data-scientist/"'
    assert f"{link}>" in page if locale == "en" else f'{link} lang="en">' in page


def test_site_and_render_share_one_stylesheet(tmp_path: Path) -> None:
    """The site's stylesheet starts with the one `render` embeds; its own rules follow."""
    site = _built(tmp_path, LADDERS, locales=["en"])
    css = (site.directory / "static/site.css").read_text(encoding="utf-8")
    assert css.startswith(STYLESHEET)
    assert f"<style>{STYLESHEET}</style>" in render(load(), "html")
    role = (site.directory / "en/roles/lead/tl4/index.html").read_text(encoding="utf-8")
    assert '<body class="skilltaxonomy"' in role
    assert '<table class="st-table st-stack">' in role  # what the level adds: the writer's


def test_role_page_shows_the_matrix_as_render_writes_it(tmp_path: Path) -> None:
    """The role page's legend, grid and table of levels are `render`'s matrix, linked."""
    taxonomy = loads(text(LADDERS))
    site = _built(tmp_path, LADDERS, locales=["en"])
    page = (site.directory / "en/roles/lead/index.html").read_text(encoding="utf-8")
    shown = _tables(page, document=True)
    assert len(shown) == 3
    assert shown == _tables(render(taxonomy.matrix("lead"), "html"), document=False)
    assert '<th scope="row" class="st-skillcol"><a href="../../skills/python/">' in page


def test_level_page_shows_what_is_new_as_render_writes_a_path(tmp_path: Path) -> None:
    """A role's level page lists what the next level adds as `render(path(...))` does."""
    taxonomy = loads(text(LADDERS))
    site = _built(tmp_path, LADDERS, locales=["en"])
    page = (site.directory / "en/roles/lead/tl4/index.html").read_text(encoding="utf-8")
    plan = path(taxonomy, "lead", "tl4", "tl5")
    shown = _tables(page, document=True)
    assert len(shown) == 1
    assert shown == _tables(render(plan, "html"), document=False)
