"""Properties of pages cut short: refused, or read as partial, never read as whole with less."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltaxonomy import InvalidPageError, Reading, Taxonomy, load, loads, render

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
NNA = "neural-network-architectures"

Page = tuple[str, str, str, dict[str, Any]]  # format, name, text, options


def spaced(text: str) -> str:
    """A page whose tables were copied with spaces between their cells (read with roles=)."""
    return "\n".join(
        " ".join(cell.strip() for cell in line.strip().strip("|").split("|") if cell.strip())
        if line.startswith("|")
        else line
        for line in text.splitlines()
        if not line.startswith("|---")
    )


@functools.cache
def pages() -> tuple[Page, ...]:
    """Every page: skill and role pages in every locale, as Markdown and text, and copies."""
    bundled, shape = load(), load(ROOT / "tests" / "data" / "shapes" / "role-page.json")
    found: list[Page] = []
    for locale in ("en", "es", "de"):
        for form in ("md", "text"):
            found += [
                (
                    "page",
                    f"skill-{form}-{locale}",
                    render(bundled.profile(NNA), form, locale=locale),
                    {},
                ),  # type: ignore[arg-type]
                (
                    "role-page",
                    f"steps-{form}-{locale}",
                    render(shape.matrix("ml-engineer"), form, locale=locale),
                    {},
                ),  # type: ignore[arg-type]
                (
                    "role-page",
                    f"text-{form}-{locale}",
                    render(bundled.matrix("llm-engineer"), form, locale=locale),
                    {},
                ),  # type: ignore[arg-type]
            ]
    seed = (ROOT / "sources" / "skill-profile-deep-learning.txt").read_text(encoding="utf-8")
    found.append(("page", "seed", seed, {"skill_id": NNA, "skill_name": "NNA"}))
    options = {"skill_name": "NNA", "roles": bundled.roles}
    found.append(("page", "seed-spaced", spaced(seed), options))
    found += [
        ("role-page", path.name, path.read_text(encoding="utf-8"), {})
        for path in sorted((HERE / "role_pages").iterdir())
    ]
    return tuple(found)


def items(taxonomy: Taxonomy) -> tuple[int, ...]:
    """What a page's figures count: skills, levels, roles, expectations, steps."""
    return (
        len(taxonomy.skills),
        len(taxonomy.levels),
        len(taxonomy.roles),
        len(taxonomy.expectations),
        sum(len(scale.steps) for scale in taxonomy.scales),
    )


@functools.cache
def whole(index: int) -> tuple[int, ...]:
    kind, _, text, options = pages()[index]
    return items(loads(text, format=kind, **options))


def check_cut(index: int, cut: str | bytes, **extra: Any) -> None:
    """The cut page is refused, or read as partial (with partial=True), or holds it all."""
    kind, _, _, options = pages()[index]
    for partial in (False, True):
        try:
            found: Reading = loads(
                cut, format=kind, report=True, partial=partial, **options, **extra
            )
        except InvalidPageError:
            continue
        if not partial:
            assert found.missing == ()
        if not found.missing:
            assert items(found.taxonomy) == whole(index)


INDEXES = st.integers(min_value=0, max_value=len(pages()) - 1)


@pytest.mark.parametrize("index", range(len(pages())), ids=[page[1] for page in pages()])
def test_a_whole_page_misses_nothing(index: int) -> None:
    """Every page, read whole, is read with nothing missing, with or without partial=True."""
    kind, _, text, options = pages()[index]
    for partial in (False, True):
        found = loads(text, format=kind, report=True, partial=partial, **options)
        assert (found.missing, found.partial) == ((), False)


@settings(max_examples=150, deadline=None)
@given(index=INDEXES, data=st.data())
def test_cut_at_a_line(index: int, data: st.DataObject) -> None:
    """A page cut after any line is refused, read as partial, or holds all its items."""
    lines = pages()[index][2].splitlines(keepends=True)
    at = data.draw(st.integers(min_value=0, max_value=len(lines)))
    check_cut(index, "".join(lines[:at]))


@settings(max_examples=150, deadline=None)
@given(index=INDEXES, data=st.data())
def test_cut_at_a_character(index: int, data: st.DataObject) -> None:
    """A page cut at any character is refused, read as partial, or holds all its items."""
    text = pages()[index][2]
    check_cut(index, text[: data.draw(st.integers(min_value=0, max_value=len(text)))])


@settings(max_examples=150, deadline=None)
@given(index=INDEXES, data=st.data())
def test_cut_at_a_byte(index: int, data: st.DataObject) -> None:
    """A page's UTF-8 bytes cut anywhere (a character too) are refused or read as above."""
    raw = pages()[index][2].encode("utf-8")
    check_cut(
        index, raw[: data.draw(st.integers(min_value=0, max_value=len(raw)))], encoding="utf-8"
    )


@pytest.mark.parametrize("index", range(len(pages())), ids=[page[1] for page in pages()])
def test_cut_at_every_line(index: int) -> None:
    """Every line of every page, not only those hypothesis draws."""
    lines = pages()[index][2].splitlines(keepends=True)
    for at in range(len(lines)):
        check_cut(index, "".join(lines[:at]))
