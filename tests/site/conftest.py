"""Browser fixtures: built sites served on 127.0.0.1, and Debian's Chromium by Playwright.

The browser tests skip with one line when Playwright or Chromium is missing, except
under ``CI=true``, where they fail: CI installs both (``.ci/run``).
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from skilltaxonomy import build_site, load, loads, render
from tests.site.frameworks import CATALOGUE, HOSTILE, LADDERS, text

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def missing_browser() -> str:
    """Why the browser tests cannot run here, or "" when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright)"
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    return ""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Path:
    """The sites the browser tests open: the bundled one, per-role ladders, a catalogue.

    Beside them, ``rendered/`` holds pages `render` wrote as whole documents, to look
    at as the site's pages are. They are built only when there is a browser to open
    them (else the tests skip).
    """
    root = tmp_path_factory.mktemp("sites")
    rendered = root / "rendered"
    rendered.mkdir()
    bundled, ladders = load(), loads(text(LADDERS))
    for name, item, locale in (
        ("profile", bundled.profile("neural-network-architectures"), "es"),
        ("matrix", ladders.matrix("lead"), "en"),
        ("comparison", ladders.compare("python", "lead", "tl4"), "de"),
    ):
        page = render(item, "html", locale=locale, standalone=True)
        (rendered / f"{name}.html").write_text(page, encoding="utf-8")
    build_site(load(), root / "bundled")
    build_site(loads(text(LADDERS)), root / "ladders", locales=["en", "es"])
    build_site(loads(text(CATALOGUE)), root / "catalogue", locales=["en"], search=False)
    build_site(loads(text(HOSTILE)), root / "hostile", locales=["en", "es"])
    return root


@pytest.fixture(scope="session")
def server(sites: Path) -> Iterator[str]:
    """The sites served on 127.0.0.1; the base URL."""
    handler = functools.partial(_Quiet, directory=str(sites))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as httpd:
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
        httpd.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless; the tests skip (fail under CI=true) without it."""
    missing = missing_browser()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests: {missing}")
        pytest.skip(f"browser tests: {missing}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Watched:
    """A page and what went wrong on it: console errors, failed and outside requests."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.outside: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        page.on("request", self._request)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _failed(self, request: Any) -> None:
        # A request cut short by the next navigation is no failure of the site.
        if request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.failure} {request.url}")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")

    def _request(self, request: Any) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != "127.0.0.1":
            self.outside.append(request.url)

    def check(self) -> None:
        """Nothing went wrong."""
        assert self.errors == []
        assert self.failed == []
        assert self.outside == []


def open_page(browser: Any, width: int = 1280, **options: Any) -> Watched:
    """A new page of `width` CSS pixels, watched."""
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    return Watched(context.new_page())


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    """A watched page at 1280 px; after the test, nothing went wrong on it."""
    page = open_page(browser, accept_downloads=True)
    yield page
    page.check()
    page.page.context.close()
