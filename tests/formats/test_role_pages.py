"""Tests for reading role pages: the site's skills matrix, and this library's own renders."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from skilltaxonomy import Expectation, InvalidPageError, Reading, Taxonomy, load, loads, render

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "role_pages"
SHAPE = HERE.parents[1] / "tests" / "data" / "shapes" / "role-page.json"
TAIL = " (copy the whole page, or read it with partial=True or --partial)"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def reading(text: str, **options: Any) -> Reading:
    found: Reading = loads(text, format="role-page", report=True, **options)
    return found


def problems(text: str, **options: Any) -> list[str]:
    with pytest.raises(InvalidPageError) as caught:
        reading(text, **options)
    return [str(problem) for problem in caught.value.problems]


def cells(taxonomy: Taxonomy) -> list[tuple[str, str, str | None, bool | None]]:
    """Each expectation as (skill, level, step's code, mandatory)."""
    return [
        (e.skill.id, e.level.id, None if e.step is None else e.step.code, e.mandatory)
        for e in taxonomy.expectations
    ]


def summary(expectations: Iterable[Expectation]) -> list[tuple[str, str, str | None, bool]]:
    """Each expectation as (skill's name, level, step's code, mandatory or not)."""
    return [
        (e.skill.name, e.level.id, None if e.step is None else e.step.code, bool(e.mandatory))
        for e in expectations
    ]


class TestTheSitesMatrix:
    def test_english_markdown_with_the_legend_after(self) -> None:
        """Letters only, groups as rows of a name alone, the legend on a line after the table."""
        found = reading(fixture("site-en.md"))
        taxonomy = found.taxonomy
        assert (found.missing, found.metadata.labels) == ((), "en")  # type: ignore[attr-defined]
        role = taxonomy.roles[0]
        assert (role.id, role.name, role.family) == (
            "data-engineer",
            "Data Engineer",
            "Data Platform",
        )
        assert role.summary == "Builds and runs the pipelines that carry the company's data."
        assert [level.name for level in taxonomy.levels] == ["Junior", "Middle", "Senior", "Lead"]
        assert [(s.name, s.category) for s in taxonomy.skills] == [
            ("Batch processing", "Pipelines"),
            ("Stream processing", "Pipelines"),
            ("Data modelling", "Storage"),
            ("Query tuning", "Storage"),
        ]
        scale = taxonomy.scales[0]
        assert [(s.code, s.name) for s in scale.steps] == [
            ("A", "Awareness"),
            ("W", "Working"),
            ("V", "Advanced"),
            ("E", "Expert"),
        ]
        assert cells(taxonomy)[4:8] == [
            ("stream-processing", "middle", "A", False),
            ("stream-processing", "senior", "W", False),
            ("stream-processing", "lead", "V", False),
            ("data-modelling", "junior", "W", False),
        ]
        assert len(taxonomy.expectations) == 13

    def test_spanish_visible_text(self) -> None:
        """Cells between tabs, a legend a step a line, groups with their counts, flags."""
        found = reading(fixture("site-es.txt"))
        taxonomy = found.taxonomy
        assert found.metadata.labels == "es"  # type: ignore[attr-defined]
        assert taxonomy.roles[0].name == "Ingeniera de datos"
        assert [s.name for s in taxonomy.scales[0].steps] == [
            "Conocimiento",
            "Práctica",
            "Avanzado",
            "Experto",
        ]
        assert {s.category for s in taxonomy.skills} == {"Canalizaciones", "Almacenamiento"}
        assert cells(taxonomy) == [
            ("procesamiento-por-lotes", "junior", "A", True),
            ("procesamiento-por-lotes", "middle", "W", False),
            ("procesamiento-por-lotes", "senior", "V", False),
            ("procesamiento-en-streaming", "middle", "A", False),
            ("procesamiento-en-streaming", "senior", "W", False),
            ("modelado-de-datos", "junior", "W", False),
            ("modelado-de-datos", "middle", "W", True),
            ("modelado-de-datos", "senior", "V", False),
            ("optimizacion-de-consultas", "senior", "W", False),
        ]

    def test_german_markdown_with_headings(self) -> None:
        """A legend on one line before the tables, a table per group under its heading."""
        taxonomy = reading(fixture("site-de.md")).taxonomy
        assert taxonomy.roles[0].name == "Dateningenieurin"
        assert [(s.name, s.category) for s in taxonomy.skills][1:3] == [
            ("Datenströme", "Datenstrecken"),
            ("Datenmodellierung", "Datenhaltung"),
        ]
        assert [c for c in cells(taxonomy) if c[3]] == [("datenmodellierung", "middle", "W", True)]
        assert taxonomy.scales[0].steps[2].name == "Fortgeschritten"

    @pytest.mark.parametrize(
        ("title", "locale"),
        [
            ("# Data Engineer — skills matrix", "en"),
            ("Skills matrix for Data Engineer", "en"),
            ("Data Engineer: skills by level", "en"),
            ("## Matriz de habilidades de Data Engineer", "es"),
            ("Data Engineer – matriz de habilidades", "es"),
            ("Kompetenzmatrix: Data Engineer", "de"),
            ("Data Engineer: Fähigkeiten nach Stufe", "de"),
        ],
    )
    def test_titles_in_other_shapes(self, title: str, locale: str) -> None:
        """The role's name is read from titles that put it before or after the words."""
        page = fixture("site-en.md").replace("# Data Engineer — skills matrix", title)
        found = reading(page)
        assert found.taxonomy.roles[0].name == "Data Engineer"
        assert found.metadata.labels == locale  # type: ignore[attr-defined]

    @pytest.mark.parametrize(
        "cell",
        ["W", "W Working", "W (Working)", "Working", "Required: W", "Obligatorio: W (Working)"],
    )
    def test_cells_with_or_without_their_words(self, cell: str) -> None:
        """A step is read from its letter, its letter and word, or its word alone."""
        page = fixture("site-en.md").replace(
            "| Data modelling | W |", f"| Data modelling | {cell} |"
        )
        taxonomy = reading(page).taxonomy
        found = taxonomy.expectation("data-modelling", "data-engineer", "junior")
        assert found.step is not None
        assert (found.step.code, found.mandatory) == ("W", cell.startswith(("Req", "Obl")))

    @pytest.mark.parametrize(
        "legend",
        [
            "Legend\nA — Awareness\nW — Working\nV — Advanced\nE — Expert",
            "A = Awareness\nW = Working\nV = Advanced\nE = Expert",
            "Legend:\tA Awareness\tW Working\tV Advanced\tE Expert",
            "A Awareness, W Working, V Advanced, E Expert",
        ],
        ids=["labelled lines", "lines", "a row of tabs", "commas"],
    )
    def test_legends_in_other_shapes(self, legend: str) -> None:
        """A legend a step a line, with or without a label, or on one line, before the table."""
        page = fixture("site-en.md").replace(
            "Legend: A Awareness · W Working · V Advanced · E Expert\n", ""
        )
        page = page.replace("| Skill |", f"{legend}\n\n| Skill |")
        steps = reading(page).taxonomy.scales[0].steps
        assert [(s.code, s.name) for s in steps] == [
            ("A", "Awareness"),
            ("W", "Working"),
            ("V", "Advanced"),
            ("E", "Expert"),
        ]

    def test_a_letter_the_legend_does_not_list(self) -> None:
        """A step letter that is not in a whole legend is named at its row."""
        page = fixture("site-es.txt").replace(
            "\tW Práctica\tV Avanzado\nProcesamiento en", "\tW Práctica\tX\nProcesamiento en"
        )
        assert problems(page) == [
            "line 12: step 'X' is not in the page's legend ('A', 'W', 'V', 'E')"
        ]


class TestCopiesThatEndEarly:
    def test_cut_before_the_legend(self) -> None:
        """Letters with no legend: the copy lacks it; with partial=True the letters stay."""
        page = "\n".join(fixture("site-en.md").splitlines()[:-1])
        assert problems(page) == [
            "line 10: the tables use step letters ('A', 'W', 'V', 'E') and the page has no "
            "legend (copy its legend too, or read it with partial=True or --partial)"
        ]
        found = reading(page, partial=True)
        assert [s.name for s in found.taxonomy.scales[0].steps] == ["A", "W", "V", "E"]
        assert str(found.missing[0]) == (
            "line 14: the tables use step 'A', which this copy's legend does not list (read "
            "with its letter for a name)"
        )

    def test_cut_in_the_legend(self) -> None:
        """A legend that ends the copy short of the tables' letters: the copy may end early."""
        page = fixture("site-en.md").replace(" · V Advanced · E Expert", " · V Advanced")
        assert problems(page) == [
            "line 16: the tables use 'E', which the legend does not list, and the legend ends "
            "this copy (at 'V'): the copy may end early" + TAIL
        ]

    def test_cut_at_a_line(self) -> None:
        """A copy cut between rows is refused at its last line, counts against rows."""
        page = "\n".join(fixture("site-es.txt").splitlines()[:13])
        assert problems(page) == [
            "line 13: this copy ends early: the page counts 4 skills and 2 were read; the page "
            "counts 9 requirements (2 mandatory) and 5 were read (1 mandatory)" + TAIL
        ]
        assert [str(p) for p in reading(page, partial=True).missing] == [
            "line 4: 2 of the 4 skills the page counts are not in this copy",
            "line 4: 1 of the 2 mandatory requirements the page counts is not in this copy",
            "line 4: 4 of the 9 requirements the page counts are not in this copy",
        ]

    def test_cut_in_a_row(self) -> None:
        """A Markdown row without its closing pipe or its cells ends the copy: not read."""
        lines = fixture("site-de.md").splitlines()
        page = "\n".join([*lines[:-1], "| Abfrageoptimierung | — |"])
        assert problems(page) == [
            "line 20: this copy ends early: it ends in the middle of a row; the page counts 4 "
            "skills and 3 were read; the page counts 9 requirements (1 mandatory) and 8 were "
            "read (1 mandatory); the page counts 2 skills in 'Datenhaltung' and 1 was read" + TAIL
        ]
        assert str(reading(page, partial=True).missing[-1]) == (
            "line 20: this copy ends in the middle of this row, which is not read"
        )

    def test_cut_after_a_heading(self) -> None:
        """A copy that ends with a group's heading lacks that group."""
        lines = fixture("site-de.md").splitlines()
        assert problems("\n".join(lines[:15])) == [
            "line 15: this copy ends early: it ends with the heading 'Datenhaltung: 2 "
            "Fähigkeiten'; the page counts 4 skills and 2 were read; the page counts 9 "
            "requirements (1 mandatory) and 5 were read (0 mandatory); the page counts 2 "
            "skills in 'Datenhaltung' and 0 were read" + TAIL
        ]

    def test_a_group_short_in_the_middle(self) -> None:
        """A group short of skills before another group: a part is gone, at its count."""
        page = fixture("site-es.txt").replace("Canalizaciones (2)", "Canalizaciones (3)")
        assert problems(page) == [
            "line 11: the page counts 3 skills in 'Canalizaciones', its tables show 2"
        ]


class TestFigures:
    def test_an_absurd_count(self) -> None:
        """A count of thousands of digits is refused at its line."""
        page = fixture("site-en.md").replace("4 skills", "9" * 3000 + " skills")
        assert problems(page) == [
            "line 5: expected a count of skills of at most 536870912 (more than a page within "
            "max_bytes could hold), got a number of 3000 digits"
        ]
        page = fixture("site-es.txt").replace("(2)", "(123456789012)", 1)
        assert problems(page) == [
            "line 11: expected a count of skills of at most 536870912 (more than a page within "
            "max_bytes could hold), got 123456789012"
        ]

    def test_more_than_counted(self) -> None:
        """Tables that hold more than a count are refused at the count."""
        page = fixture("site-en.md").replace("13 requirements", "12 requirements")
        assert problems(page, partial=True) == [
            "line 5: the page counts 12 requirements, its tables show 13"
        ]


class TestOurOwnRenders:
    @pytest.mark.parametrize("locale", ["en", "es", "de"])
    @pytest.mark.parametrize("form", ["md", "text"])
    def test_read_back(self, form: str, locale: str) -> None:
        """A role page written as Markdown or text reads back to the same page."""
        source = load(SHAPE)
        page = render(source.matrix("ml-engineer"), form, locale=locale)  # type: ignore[arg-type]
        found = reading(page)
        taxonomy = found.taxonomy
        assert found.missing == ()
        assert render(taxonomy.matrix(taxonomy.roles[0].id), form, locale=locale) == page  # type: ignore[arg-type]
        assert summary(taxonomy.expectations) == summary(
            source.expectations.filter(role="ml-engineer")
        )


@pytest.mark.parametrize("width", [40, 60, 100])
@pytest.mark.parametrize("locale", ["en", "es", "de"])
def test_text_at_any_width(width: int, locale: str) -> None:
    """A page written as text at any width (wrapped lines, stacked tables) reads back."""
    for source, role in ((load(SHAPE), "ml-engineer"), (load(), "llm-engineer")):
        page = render(source.matrix(role), "text", locale=locale, width=width)
        taxonomy = reading(page).taxonomy
        again = render(taxonomy.matrix(taxonomy.roles[0].id), "text", locale=locale, width=width)
        assert again == page


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Data Platform", "A B" + " " * 60_000 + "x"),
        ("Data Platform", "Data:" + " " * 60_000 + "x"),
        ("Legend: A Awareness", "Legend: A Awareness" + " " * 60_000 + "x"),
        ("| **Storage** | | | | |", "Storage" + " " * 60_000 + "x"),
        ("4 skills · 4 levels", "4 skills" + " " * 60_000 + "x"),
    ],
    ids=["a step's word", "after a colon", "in the legend", "a group", "the counts"],
)
def test_a_long_run_of_spaces_reads_quickly(old: str, new: str) -> None:
    """A line of 60,000 spaces is read in one pass (patterns that backtracked took minutes)."""
    page = fixture("site-en.md").replace(old, new)
    start = time.perf_counter()
    with contextlib.suppress(InvalidPageError):
        reading(page)
    assert time.perf_counter() - start < 5


def test_a_role_name_that_is_no_name() -> None:
    """A title whose role name holds a character names may not hold is refused at its line."""
    page = fixture("site-en.md").replace("# Data Engineer", "# Data\u200eEngineer")
    assert problems(page) == [
        "line 1: expected an id or name without bidirectional formatting characters, got "
        "'Data\\u200eEngineer' (U+200E at character 5)"
    ]
