"""The team report in a real browser: opened from disk, offline, accessible, narrow, printed."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from skilltaxonomy import RatingsTable, Taxonomy, loads, render, team_gap_chart, team_report
from tests.site.conftest import Watched, missing_browser, open_page
from tests.site.frameworks import LADDERS, text

# Without a browser: one line for the whole module (under CI=true the fixture fails).
if missing_browser() and os.environ.get("CI") != "true":
    pytest.skip(f"browser tests: {missing_browser()}", allow_module_level=True)

pa = pytest.importorskip("pyarrow")
pytest.importorskip("ibis")
pytest.importorskip("matplotlib")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "images"
#: Eight people of a team of tech leads, each rated in the role's three skills.
TEAM = {
    "Ana Souza": ("tl5", "tl5", "tl6"),
    "Bo Lindqvist": ("tl4", "tl5", "tl4"),
    "Chidi Okafor": ("tl6", "tl5", "tl5"),
    "Dana Weiss": ("tl4", "tl4", None),
    "Eitan Mor": ("tl5", "tl4", "tl5"),
    "Fatima Zahra": ("tl5", "tl6", "tl5"),
    "Gus Ortega": (None, "tl4", "tl4"),
    "Hana Sato": ("tl6", "tl6", "tl6"),
}
SKILLS = ("python", "Ops/Run book", "sql")


def team_ratings(taxonomy: Taxonomy) -> RatingsTable:
    """The team's ratings, with their org units, as a `RatingsTable`."""
    rows = [
        (person, skill, level)
        for person, levels in TEAM.items()
        for skill, level in zip(SKILLS, levels, strict=True)
        if level is not None
    ]
    ratings = pa.table(
        {
            "person": [row[0] for row in rows],
            "skill": [row[1] for row in rows],
            "level": [row[2] for row in rows],
        }
    )
    people = pa.table(
        {
            "person": list(TEAM),
            "org_unit": ["Platform" if n % 2 else "Data" for n in range(len(TEAM))],
        }
    )
    return RatingsTable.build(taxonomy, ratings, people)


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Path:
    """The team report of the tech leads at TL5, written as one HTML file."""
    taxonomy = loads(text(LADDERS))
    report = team_report(taxonomy, team_ratings(taxonomy), "lead", "tl5")
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render(report, "html", standalone=True), encoding="utf-8")
    return path


class Offline(Watched):
    """A watched page that also lists every address it asks for, whatever its scheme."""

    def __init__(self, page: Any) -> None:
        super().__init__(page)
        self.asked: list[str] = []
        page.on("request", lambda request: self.asked.append(request.url))

    def schemes(self) -> set[str]:
        """The schemes of the addresses asked for."""
        return {urlsplit(url).scheme for url in self.asked}


def _open(browser: Any, width: int = 1280, **options: Any) -> Offline:
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    return Offline(context.new_page())


@pytest.fixture
def offline(browser: Any) -> Iterator[Offline]:
    """A page at 1280 px with the network cut off; after the test, nothing went wrong."""
    page = _open(browser, offline=True)
    yield page
    page.check()
    page.page.context.close()


def test_the_report_reads_from_disk_offline(report_file: Path, offline: Offline) -> None:
    """From disk with no network: the report shows whole, its charts drawn, nothing fetched."""
    page = offline.page
    page.goto(report_file.as_uri())
    page.wait_for_load_state("load")
    assert page.title() == "Tech Lead at TL5: team report"
    assert page.get_attribute("html", "lang") == "en"
    summary = page.inner_text("section.skilltaxonomy > p >> nth=0")
    assert summary.splitlines()[:2] == [
        "8 people, 5 ready (63%)",
        "Ready: Ana\xa0Souza, Chidi\xa0Okafor, Fatima\xa0Zahra, Hana\xa0Sato, Bo\xa0Lindqvist.",
    ]
    images = page.locator("figure.st-chart img")
    assert images.count() == 2
    for index in range(2):
        drawn = images.nth(index).evaluate("image => image.complete && image.naturalWidth > 0")
        assert drawn, index
    assert page.locator("figure.st-chart figcaption").all_inner_texts() == [
        "Blue: the people ready in the skill; orange: those not ready. "
        "The longer the orange, the wider the gap.",
        "Each colour is a level, named on the scale at the side; grey is not assessed. "
        "The target is framed on the scale; people closest to it come first.",
    ]
    assert offline.schemes() <= {"file", "data"}


def test_no_accessibility_violation(report_file: Path, offline: Offline) -> None:
    """axe-core finds no violation in the report, light and dark; no frame of another colour."""
    from axe_playwright_python.sync_playwright import Axe

    for scheme in ("light", "dark"):
        offline.page.emulate_media(color_scheme=scheme)
        offline.page.goto(report_file.as_uri())
        offline.page.wait_for_load_state("load")
        results = Axe().run(offline.page)
        found = [
            (v["id"], v["impact"], [node["target"] for node in v["nodes"]][:3])
            for v in results.response["violations"]
        ]
        assert found == [], (scheme, found)
        # The margin around the report is the report's colour, not a white frame.
        body, report = offline.page.evaluate(
            "[document.body, document.querySelector('section')]"
            ".map(e => getComputedStyle(e).backgroundColor)"
        )
        assert body == report, scheme


def test_no_page_wide_horizontal_scroll_at_360_px(report_file: Path, browser: Any) -> None:
    """At 360 px the page is no wider than the screen: the grid scrolls in its own box."""
    watched = _open(browser, width=360, offline=True)
    page = watched.page
    page.goto(report_file.as_uri())
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    widths = page.eval_on_selector_all(
        "figure.st-chart img", "images => images.map(image => image.getBoundingClientRect().right)"
    )
    assert all(right <= 360 for right in widths)
    boxes = page.eval_on_selector_all(
        ".st-scroll", "boxes => boxes.map(box => [box.scrollWidth, box.clientWidth])"
    )
    assert any(scroll > client for scroll, client in boxes)  # the grid scrolls in its box
    watched.check()
    page.context.close()


def test_print_shows_the_whole_grid(report_file: Path, offline: Offline) -> None:
    """Printed, the grid leaves its scroll box and its width; each chart stays on one page."""
    page = offline.page
    page.emulate_media(media="print")
    page.goto(report_file.as_uri())
    page.wait_for_load_state("load")
    assert page.eval_on_selector(".st-scroll", "box => getComputedStyle(box).overflowX") == (
        "visible"
    )
    assert page.eval_on_selector("figure.st-chart", "f => getComputedStyle(f).breakInside") == (
        "avoid"
    )
    # The grid's screen width (a column per person) is let go: it fits the paper.
    assert page.eval_on_selector_all(
        "table.st-compact", "grids => grids.map(g => getComputedStyle(g).minWidth)"
    ) == ["0px"]
    assert len(page.pdf(format="A4")) > 0


@pytest.mark.skipif(
    os.environ.get("SKILLTAXONOMY_SCREENSHOTS") != "1",
    reason="screenshots for the docs: SKILLTAXONOMY_SCREENSHOTS=1",
)
@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots(report_file: Path, browser: Any, width: int) -> None:
    """The docs' screenshots: the team report at two widths, and its charts."""
    from tests.site.test_browser import _small

    SCREENSHOTS.mkdir(exist_ok=True)
    watched = open_page(browser, width=width)
    page = watched.page
    page.goto(report_file.as_uri())
    page.wait_for_load_state("load")
    written = [SCREENSHOTS / f"team-report-{width}.png"]
    page.screenshot(path=written[0])
    if width == 1280:
        taxonomy = loads(text(LADDERS))
        chart = team_gap_chart(
            team_ratings_coverage(taxonomy), taxonomy=taxonomy, png=True, title="Ready per skill"
        )
        written.append(SCREENSHOTS / "team-report-chart.png")
        written[-1].write_bytes(bytes(chart))
        written.append(SCREENSHOTS / "team-report-heatmap.png")
        page.locator("figure.st-chart img").nth(1).screenshot(path=written[-1])
    watched.check()
    page.context.close()
    for png in written:
        _small(png)


def team_ratings_coverage(taxonomy: Taxonomy) -> Any:
    """The team's coverage at TL5, as `skill_gaps` answers."""
    from skilltaxonomy import skill_gaps

    return skill_gaps(taxonomy, team_ratings(taxonomy), "lead", "tl5")
