"""The site in a real browser: pickers, languages, self-assessment, search, layout, a11y."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from skilltaxonomy import gap, load, load_ratings, loads, path
from skilltaxonomy._i18n import messages
from skilltaxonomy.pages.build import readiness_rule
from tests.site.conftest import Watched, missing_browser, open_page
from tests.site.frameworks import LADDERS, text

# Without a browser: one line for the whole module (under CI=true the fixture fails).
if missing_browser() and os.environ.get("CI") != "true":
    pytest.skip(f"browser tests: {missing_browser()}", allow_module_level=True)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "images"


def _texts(page: Any, selector: str) -> list[str]:
    return [item.inner_text().strip() for item in page.locator(selector).all()]


def test_skill_picker_compares_a_level_with_the_next(server: str, watched: Watched) -> None:
    """On the bundled skill page, picking a role and level shows it and the next level."""
    page = watched.page
    tax = load()
    page.goto(f"{server}bundled/en/skills/neural-network-architectures/")
    assert page.locator("#picker").is_visible()
    page.select_option("#pick-role", label="Data Scientist")
    page.select_option("#pick-level", label="Middle")
    comparison = tax.compare("neural-network-architectures", "data-scientist", "middle")
    assert page.inner_text("#pick-now-title") == "Middle"
    assert page.inner_text("#pick-next-title") == "Senior"
    assert comparison.current_expectation is not None
    assert comparison.target_expectation is not None
    assert page.inner_text("#pick-now").strip() == comparison.current_expectation.description
    assert page.inner_text("#pick-next").strip() == comparison.target_expectation.description
    page.select_option("#pick-level", label="Principal")
    assert page.inner_text("#pick-next-title") == "—"
    assert "This is the top level" in page.inner_text("#pick-next")
    page.select_option("#pick-role", label="LLM Engineer")
    assert page.inner_text("#pick-now-title") == "Junior"


def test_skill_picker_follows_a_role_ladder_that_starts_above_the_first_level(
    server: str, watched: Watched
) -> None:
    """A role starting at TL4 offers TL4-TL6; each level's next and new items are compare's."""
    page = watched.page
    tax = loads(text(LADDERS))
    for skill, name in (("python", "python"), ("sql", "sql"), ("Ops/Run book", None)):
        if name is None:
            page.goto(f"{server}ladders/en/")
            page.click("text=Operations")
            page.wait_for_load_state()
        else:
            page.goto(f"{server}ladders/en/skills/{name}/")
        assert _texts(page, "#pick-level option") == ["TL4", "TL5", "TL6"]
        for level in tax.levels_of_role("lead"):
            page.select_option("#pick-level", label=level.name)
            comparison = tax.compare(skill, "lead", level)
            shown_next = page.inner_text("#pick-next-title")
            assert shown_next == (comparison.target.name if comparison.target else "—")
            new = _texts(page, "#pick-new > li")
            if comparison.steps:
                assert len(new) == len(comparison.steps)
                for item, e in zip(new, comparison.steps, strict=True):
                    assert item.startswith(f"{e.level.name}:")
                    assert e.description in item
            mandatory = _texts(page, "#pick-mandatory > li")
            if comparison.mandatory:
                assert [m.split(":")[0] for m in mandatory] == [
                    e.level.name for e in comparison.mandatory
                ]
            else:
                assert mandatory == ["Nothing becomes mandatory."]
    page.goto(f"{server}ladders/en/skills/python/")
    page.select_option("#pick-level", label="TL4")
    assert "Required" in page.inner_text("#pick-now")
    assert "Reviews the team's Python" in page.inner_text("#pick-now")


def test_role_picker_highlights_a_level_and_compares_it_with_the_next(
    server: str, watched: Watched
) -> None:
    """The role page's picker marks two columns and lists what the next level adds."""
    page = watched.page
    tax = loads(text(LADDERS))
    page.goto(f"{server}ladders/en/roles/lead/")
    ladder = list(tax.levels_of_role("lead"))
    for index, level in enumerate(ladder[:-1]):
        page.select_option("#pick-column", label=level.name)
        assert page.locator("td.st-hl").count() == 3
        assert page.locator(f'td.st-hl[data-level="{index}"]').count() == 3
        assert page.locator(f'td.st-nextcol[data-level="{index + 1}"]').count() == 3
        plan = path(tax, "lead", level, ladder[index + 1])
        expected = plan.steps[0].expectations
        new = _texts(page, "#pick-new > li")
        assert sorted(item.split(":")[0] for item in new) == sorted(e.skill.name for e in expected)
        mandatory = [e.skill.name for e in expected if e.mandatory]
        assert _texts(page, "#pick-mandatory > li") == (mandatory or ["Nothing becomes mandatory."])
        assert page.get_attribute("#pick-link", "href") == f"{level.id}/"
    page.select_option("#pick-column", label="TL6")
    assert page.locator("td.st-nextcol").count() == 0
    assert "top level" in page.inner_text("#pick-new")


def test_language_switch_keeps_the_page(server: str, watched: Watched) -> None:
    """Choosing another language opens the same page in it, the picker's choice kept."""
    page = watched.page
    page.goto(f"{server}bundled/en/skills/neural-network-architectures/")
    page.select_option("#pick-role", label="LLM Engineer")
    page.select_option("#pick-level", label="Senior")
    page.click('.st-languages a[hreflang="de"]')
    page.wait_for_load_state()
    assert page.url == f"{server}bundled/de/skills/neural-network-architectures/#pick=1.2"
    assert page.get_attribute("html", "lang") == "de"
    assert page.input_value("#pick-role") == "1"
    assert page.input_value("#pick-level") == "2"
    assert page.inner_text("#pick-next-title") == "Lead / Staff"
    page.goto(f"{server}ladders/en/roles/lead/")
    page.select_option("#pick-column", label="TL5")
    page.click('.st-languages a[hreflang="es"]')
    page.wait_for_load_state()
    assert page.input_value("#pick-column") == "1"
    assert page.locator("td.st-hl").count() == 3
    page.goto(f"{server}ladders/en/roles/lead/tl5/")
    page.click('.st-languages a[hreflang="es"]')
    page.wait_for_load_state()
    assert page.url == f"{server}ladders/es/roles/lead/tl5/"
    assert page.get_attribute("html", "lang") == "es"
    page.click('.st-languages a[hreflang="en"]')
    page.wait_for_load_state()
    assert page.url == f"{server}ladders/en/roles/lead/tl5/"


def test_every_page_reads_without_javascript(server: str, browser: Any) -> None:
    """Without JavaScript the content is there and the pickers, which need it, are not."""
    watched = open_page(browser, java_script_enabled=False)
    page = watched.page
    page.goto(f"{server}ladders/en/skills/python/")
    assert page.locator("#picker").is_hidden()
    assert "Reviews the team's Python with care for zeppelins." in page.inner_text("main")
    page.goto(f"{server}ladders/en/roles/lead/")
    assert page.locator("#picker").is_hidden()
    assert page.locator(".st-matrix tbody tr").count() == 5  # two group rows, three skills
    page.goto(f"{server}ladders/en/roles/lead/assess/")
    assert "needs JavaScript" in page.inner_text("main")
    watched.check()
    page.context.close()


def test_print_leaves_out_navigation_and_pickers(server: str, watched: Watched) -> None:
    """The print stylesheet shows the content only, the grid without its scroll box."""
    page = watched.page
    page.emulate_media(media="print")
    page.goto(f"{server}ladders/en/roles/lead/")
    assert page.locator(".st-header").is_hidden()
    assert page.locator(".st-crumbs").is_hidden()
    assert page.locator("#picker").is_hidden()
    assert page.locator(".st-matrix").is_visible()
    assert (
        page.eval_on_selector(".st-scroll", "box => getComputedStyle(box).overflowX") == "visible"
    )


#: One page of each kind, with the site it is in.
PAGE_KINDS = {
    "root": "bundled/",
    "home": "bundled/es/",
    "skill": "bundled/de/skills/neural-network-architectures/",
    "role": "ladders/en/roles/lead/",
    "level": "ladders/es/roles/lead/tl4/",
    "job": "ladders/en/roles/lead/tl5/job/",
    "assess-roles": "ladders/en/assess/",
    "assess": "ladders/en/roles/lead/assess/",
    "search": "bundled/en/search/?q=architectures",
    "catalogue": "catalogue/en/skills/cleaning/",
    "render-profile": "rendered/profile.html",
    "render-matrix": "rendered/matrix.html",
    "render-comparison": "rendered/comparison.html",
}


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_no_page_wide_horizontal_scroll_at_360_px(server: str, browser: Any, kind: str) -> None:
    """At 360 px the page is no wider than the screen; wide tables scroll in their box."""
    watched = open_page(browser, width=360)
    watched.page.goto(f"{server}{PAGE_KINDS[kind]}")
    watched.page.wait_for_load_state("networkidle")
    width = watched.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    watched.check()
    watched.page.context.close()


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_no_serious_accessibility_violation(server: str, watched: Watched, kind: str) -> None:
    """axe-core finds no serious or critical violation on each kind of page, light and dark."""
    from axe_playwright_python.sync_playwright import Axe

    for scheme in ("light", "dark"):
        watched.page.emulate_media(color_scheme=scheme)
        watched.page.goto(f"{server}{PAGE_KINDS[kind]}")
        watched.page.wait_for_load_state("networkidle")
        results = Axe().run(watched.page)
        serious = [
            (v["id"], [node["target"] for node in v["nodes"]][:3])
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], scheme


def test_hostile_text_runs_no_script(server: str, watched: Watched) -> None:
    """Markup in a framework's text runs nothing in the browser, pickers and search used."""
    page = watched.page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{server}hostile/es/")
    for link in [a.get_attribute("href") for a in page.locator("main a").all()]:
        page.goto(f"{server}hostile/es/{link}")
        page.wait_for_load_state("networkidle")
        for select in page.locator("select").all():
            for value in [o.get_attribute("value") for o in select.locator("option").all()]:
                select.select_option(value)
    page.goto(f"{server}hostile/en/search/?q=alert")
    page.wait_for_selector("#search-results a")
    assert dialogs == []
    assert page.locator("img").count() == 0


def _rate(page: Any, target: str, ratings: dict[str, str]) -> None:
    page.select_option("#assess-target", label=target)
    for skill, level in ratings.items():
        page.select_option(f'select[aria-label="{skill}"]', label=level)


@pytest.mark.parametrize(
    "case",
    [
        ("ladders", "lead", "TL5", {"Python": "TL4", "Operations": "TL5"}),
        ("ladders", "lead", "TL5", {"Python": "TL5", "Operations": "TL4", "SQL": "TL6"}),
        ("ladders", "lead", "TL6", {"Python": "TL6", "Operations": "TL6", "SQL": "TL5"}),
        ("bundled", "data-scientist", "Senior", {"Neural Network Architectures": "Middle"}),
        ("bundled", "llm-engineer", "Middle", {"Neural Network Architectures": "Lead / Staff"}),
    ],
)
def test_self_assessment_download_reads_back_with_the_same_readiness(
    server: str, watched: Watched, tmp_path: Path, case: tuple[str, str, str, dict[str, str]]
) -> None:
    """The downloaded CSV loads with load_ratings, gap() gives the page's readiness and rule."""
    site, role, target, ratings = case
    page = watched.page
    tax = load() if site == "bundled" else loads(text(LADDERS))
    page.goto(f"{server}{site}/en/roles/{role}/assess/")
    page.fill("#assess-person", 'Ana, "the" lead')
    _rate(page, target, ratings)
    with page.expect_download() as download:
        page.click("#assess-download")
    saved = tmp_path / "ratings.csv"
    download.value.save_as(saved)
    table = load_ratings(saved, tax)
    report = gap(tax, table.assessment('Ana, "the" lead'), role, tax.level(target, role=role).id)
    verdict = page.locator("#assess-verdict")
    assert verdict.get_attribute("data-ready") == ("true" if report.ready else "false")
    assert verdict.get_attribute("data-policy") == report.readiness
    assert page.inner_text("#assess-policy") == readiness_rule(report.readiness, messages("en"))
    counts = page.inner_text("#assess-counts")
    assert counts == (
        f"{report.items_met} of {report.items_required} items met; "
        f"{report.mandatory_met} of {report.mandatory_required} mandatory."
    )
    # The state stays in the browser: a reload shows the same ratings.
    page.reload()
    assert page.locator("#assess-verdict").get_attribute("data-ready") == verdict.get_attribute(
        "data-ready"
    )
    assert page.input_value("#assess-person") == 'Ana, "the" lead'
    # The same page in another language shows the same ratings.
    page.goto(f"{server}{site}/es/roles/{role}/assess/")
    assert page.input_value("#assess-person") == 'Ana, "the" lead'
    assert page.locator("#assess-verdict").get_attribute("data-ready") == verdict.get_attribute(
        "data-ready"
    )


@pytest.mark.parametrize(
    "case",
    [
        ("bundled", "en", "ablation", "/bundled/en/skills/neural-network-architectures/"),
        ("ladders", "en", "zeppelins", "/ladders/en/skills/python/"),
        ("ladders", "es", "zeppelins", "/ladders/es/skills/python/"),
    ],
)
def test_search_finds_a_skill_by_a_word_of_its_description(
    server: str, watched: Watched, case: tuple[str, str, str, str]
) -> None:
    """The search page finds the skill's page, in the page's language, from the site itself."""
    site, locale, word, found = case
    page = watched.page
    page.goto(f"{server}{site}/{locale}/")
    page.fill("#st-q", word)
    page.press("#st-q", "Enter")
    page.wait_for_selector("#search-results a")
    links = [link.get_attribute("href") for link in page.locator("#search-results a").all()]
    assert found in links
    assert all(f"/{site}/{locale}/" in link for link in links)
    page.click(f'#search-results a[href="{found}"]')
    page.wait_for_load_state()
    assert page.url == f"{server}{found.lstrip('/')}"


@pytest.mark.skipif(
    os.environ.get("SKILLTAXONOMY_SCREENSHOTS") != "1",
    reason="screenshots for the docs: SKILLTAXONOMY_SCREENSHOTS=1",
)
@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots(server: str, browser: Any, width: int) -> None:
    """The docs' screenshots: home, a skill page with the picker used, a role, `render`'s."""
    SCREENSHOTS.mkdir(exist_ok=True)
    watched = open_page(browser, width=width)
    page = watched.page
    page.goto(f"{server}bundled/en/")
    page.screenshot(path=SCREENSHOTS / f"site-home-{width}.png")
    page.goto(f"{server}bundled/en/skills/neural-network-architectures/")
    page.select_option("#pick-role", label="LLM Engineer")
    page.select_option("#pick-level", label="Middle")
    page.locator("#picker").scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / f"site-skill-{width}.png")
    page.goto(f"{server}ladders/en/roles/lead/")
    page.select_option("#pick-column", label="TL4")
    page.locator(".st-matrix").scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / f"site-role-{width}.png")
    page.goto(f"{server}rendered/profile.html")
    page.screenshot(path=SCREENSHOTS / f"render-profile-{width}.png")
    watched.check()
    watched.page.context.close()
    for name in ("site-home", "site-skill", "site-role", "render-profile"):
        _small(SCREENSHOTS / f"{name}-{width}.png")


def _small(png: Path) -> None:
    """The screenshot in 64 colours: a quarter of the bytes, the same to read."""
    from PIL import Image

    with Image.open(png) as image:
        reduced = image.convert("RGB").quantize(colors=64)
    reduced.save(png, optimize=True)
