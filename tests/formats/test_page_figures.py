"""Tests for holding a skill page's tables to its own figures, and for its name from its title."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from skilltaxonomy import InvalidPageError, Reading, Taxonomy, load, loads, render
from skilltaxonomy.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "sources" / "skill-profile-deep-learning.txt").read_text(encoding="utf-8")
LINES = SEED.splitlines()
NNA = "neural-network-architectures"
TAIL = " (copy the whole page, or read it with partial=True or --partial)"


def reading(text: str, **options: Any) -> Reading:
    options.setdefault("skill_name", "S")
    found: Reading = loads(text, format="page", report=True, **options)
    return found


def problems(text: str, **options: Any) -> list[str]:
    with pytest.raises(InvalidPageError) as caught:
        reading(text, **options)
    return [str(problem) for problem in caught.value.problems]


def a_page(mandatory: int) -> str:
    """A page of six roles on three levels, its first `mandatory` rows mandatory."""
    lines = ["# Skill", "Domain", "D", "Roles", "6", "Levels", "3", "Mandatory requirements"]
    lines += [str(mandatory), f"the other {18 - mandatory} optional"]
    lines += ["The table shows how depth grows from Junior to Senior."]
    for level in ("Junior", "Middle", "Senior"):
        lines += [f"### {level}", "| Role | Required | Description |", "|---|---|---|"]
        for role in range(1, 7):
            flag = "Required" if mandatory > 0 else ""
            mandatory -= 1
            lines.append(f"| Role {role} | {flag} | Does {level} work. |")
    return "\n".join(lines)


class TestCopiesThatEndEarly:
    def test_refused_at_the_last_line_with_what_it_holds(self) -> None:
        """A copy cut by the clipboard is refused at its last line, figures against rows."""
        assert reading(a_page(10)).missing == ()
        cut = "\n".join(a_page(10).splitlines()[:21])
        assert problems(cut) == [
            "line 21: this copy ends early: the page counts 18 requirements (10 mandatory, "
            "8 optional) and 6 were read (6 mandatory, 0 optional); the page counts 3 levels "
            "and 1 was read (missing 'Middle', 'Senior')" + TAIL
        ]

    def test_with_known_roles_too(self, bundled: Taxonomy) -> None:
        """Passing roles= changes nothing: the figures are held all the same."""
        cut = "\n".join(LINES[:-1])
        assert problems(cut, roles=bundled.roles) == [
            "line 37: this copy ends early: the page counts 10 requirements (0 mandatory, 10 "
            "optional) and 9 were read (0 mandatory, 9 optional)" + TAIL
        ]

    @pytest.mark.parametrize(
        "end",
        ["| LLM Engineer |", "| LLM Engineer | Shapes organizational", "| LLM Engineer | |"],
        ids=["a role alone", "no closing pipe", "no description"],
    )
    def test_a_row_cut_in_the_middle(self, end: str) -> None:
        """A last row without its description or closing pipe is the copy's end, not a row."""
        page = "\n".join([*LINES[:-1], end])
        assert problems(page) == [
            "line 38: this copy ends early: it ends in the middle of a row; the page counts 10 "
            "requirements (0 mandatory, 10 optional) and 9 were read (0 mandatory, 9 optional)"
            + TAIL
        ]

    def test_a_header_at_the_end(self) -> None:
        """A copy that ends with a table's header lacks that table's level."""
        at = max(n for n, line in enumerate(LINES) if line.startswith("| Rol |"))
        assert problems("\n".join(LINES[: at + 2])) == [
            f"line {at + 2}: this copy ends early: the page counts 10 requirements (0 mandatory, 10 "
            "optional) and 8 were read (0 mandatory, 8 optional); the page counts 5 levels and "
            "4 were read (missing 'Principal')" + TAIL
        ]

    def test_levels_the_ladder_line_names(self) -> None:
        """Without figures, the "from … to …" line still shows a copy that ends early."""
        page = "\n".join(LINES[:4] + LINES[13:25])
        assert problems(page) == [
            "line 16: this copy ends early: its last table is at 'Middle', and its levels go on "
            "to 'Principal'" + TAIL
        ]

    def test_read_with_partial(self) -> None:
        """With partial=True what the copy holds is read, and each shortfall is missing."""
        found = reading("\n".join(LINES[:25]), partial=True)
        assert [str(problem) for problem in found.missing] == [
            "line 9: 3 of the 5 levels the page counts are not in this copy: 'Senior', "
            "'Lead / Staff', 'Principal'",
            "line 13: 7 of the 10 optional requirements the page counts are not in this copy",
        ]
        assert found.partial
        assert len(found.taxonomy.expectations) == 3

    def test_partial_with_a_cut_row(self) -> None:
        """The row a copy ends in is not read, and is said to be missing."""
        page = "\n".join([*LINES[:-1], "| LLM Engineer | Shapes organiz"])
        assert [str(problem) for problem in reading(page, partial=True).missing] == [
            "line 13: 1 of the 10 optional requirements the page counts is not in this copy",
            "line 38: this copy ends in the middle of this row, which is not read",
        ]

    def test_a_whole_page_misses_nothing(self) -> None:
        """A whole page read with partial=True misses nothing."""
        found = reading(SEED, partial=True)
        assert (found.missing, found.partial) == ((), False)


class TestFiguresThatDisagree:
    def test_more_than_counted(self) -> None:
        """Tables that hold more than the page counts are refused at the figure."""
        assert problems(SEED.replace("Roles\n2\n", "Roles\n1\n")) == [
            "line 6: the page counts 1 role, its tables show 2"
        ]
        page = SEED.replace("obligatorios\n0\nlos otros 10", "obligatorios\n0\nlos otros 9")
        assert problems(page, partial=True) == [
            "line 13: the page counts 9 optional requirements, its tables show 10"
        ]

    def test_an_absurd_count(self) -> None:
        """A count of 5,000 digits is a problem at its line, never made a number."""
        assert problems(SEED.replace("Roles\n2\n", "Roles\n" + "9" * 5000 + "\n")) == [
            "line 6: expected a count of roles of at most 536870912 (more than a page within "
            "max_bytes could hold), got a number of 5000 digits"
        ]

    def test_a_count_beyond_max_bytes(self) -> None:
        """A count no page within max_bytes could hold is refused, whatever its length."""
        page = SEED.replace("los otros 10 opcionales", "los otros 5000 opcionales")
        assert problems(page, max_bytes=4000) == [
            "line 13: expected a count of optional requirements of at most 4000 (more than a "
            "page within max_bytes could hold), got 5000"
        ]


class TestTheSkillsName:
    @pytest.mark.parametrize("form", ["md", "text"])
    @pytest.mark.parametrize("locale", ["en", "es", "de"])
    def test_from_the_title(self, bundled: Taxonomy, form: str, locale: str) -> None:
        """A rendered page names its skill: its id is made from the name."""
        page = render(bundled.profile(NNA), form, locale=locale)  # type: ignore[arg-type]
        found = loads(page, format="page", roles=bundled.roles)
        assert found.skills == bundled.skills
        assert found.expectations == bundled.expectations
        assert found.name == "Neural Network Architectures"

    def test_the_options_win(self, bundled: Taxonomy) -> None:
        """skill_id and skill_name, when given, are used over the title."""
        page = render(bundled.profile(NNA), "md")
        found = loads(page, format="page", skill_id="nna", skill_name="NNA")
        assert (found.skills[0].id, found.skills[0].name) == ("nna", "NNA")
        assert loads(page, format="page", skill_id="nna").skills[0].name == bundled.skills[0].name

    def test_a_page_without_a_title(self) -> None:
        """The site's copy starts at its domain label: the error says which options to pass."""
        with pytest.raises(InvalidPageError) as caught:
            loads(SEED, format="page")
        assert [str(problem) for problem in caught.value.problems] == [
            "line 1: expected the skill's name in a title before the domain label; the page "
            "has none: pass skill_name (and skill_id), or --skill-name and --skill-id on the "
            "command line"
        ]

    def test_load_by_suffix(self, tmp_path: Path, bundled: Taxonomy) -> None:
        """A copied page saved as .md or .txt loads with no options at all."""
        for suffix, form in ((".md", "md"), (".txt", "text")):
            path = tmp_path / f"copy{suffix}"
            path.write_text(render(bundled.profile(NNA), form), encoding="utf-8")  # type: ignore[arg-type]
            found = load(path).expectations
            assert [(e.role.id, e.level, e.description) for e in found] == [
                (e.role.id, e.level, e.description) for e in bundled.expectations
            ]


class TestImportPage:
    """The command line's import-page, without the page's options, and with --partial."""

    def test_without_options(
        self, tmp_path: Path, bundled: Taxonomy, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A rendered page imports with its own title for the skill's name."""
        page = tmp_path / "page.md"
        page.write_text(render(bundled.profile(NNA), "md", locale="es"), encoding="utf-8")
        assert main(["import", str(page), "--from", "page", "-o", str(tmp_path / "out.json")]) == 0
        assert load(tmp_path / "out.json").expectations == bundled.expectations
        assert capsys.readouterr().err == (
            f"skilltaxonomy: {page}: read 1 domain, 1 skill, 2 roles, 5 levels, 10 expectations;"
            " nothing left out\n"
        )

    def test_partial(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--partial reads a cut copy and lists what it lacks on stderr."""
        page = tmp_path / "cut.txt"
        page.write_text("\n".join(LINES[:-1]), encoding="utf-8")
        out = tmp_path / "out.json"
        argv = ["import", str(page), "--from", "page", "--skill-name", "S", "-o", str(out)]
        assert main(argv) == 1
        assert "this copy ends early" in capsys.readouterr().err
        assert main([*argv, "--partial"]) == 0
        assert capsys.readouterr().err == (
            f"skilltaxonomy: {page}: this copy ends early; not in it:\n"
            "  line 13: 1 of the 10 optional requirements the page counts is not in this copy\n"
            f"skilltaxonomy: {page}: read 1 domain, 1 skill, 2 roles, 5 levels, 9 expectations;"
            " all the copy holds; it ends early (listed above)\n"
        )
        assert len(load(out).expectations) == 9


@pytest.mark.parametrize("width", [40, 60, 100])
@pytest.mark.parametrize("locale", ["en", "es", "de"])
def test_text_at_any_width(bundled: Taxonomy, width: int, locale: str) -> None:
    """A page written as text at any width (wrapped lines, stacked tables) reads back."""
    page = render(bundled.profile(NNA), "text", locale=locale, width=width)
    found = reading(page, skill_name=None, roles=bundled.roles)
    assert found.missing == ()
    assert found.taxonomy.skills == bundled.skills
    assert found.taxonomy.expectations == bundled.expectations
