"""Tests for reading skill profile pages back into data."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltaxonomy import (
    Domain,
    Expectation,
    InvalidPageError,
    InvalidTaxonomyError,
    Level,
    Role,
    Skill,
    Taxonomy,
    load,
    loads,
    render,
)

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "sources" / "skill-profile-deep-learning.txt").read_text(encoding="utf-8")
NNA = "neural-network-architectures"
NAME = "Neural Network Architectures"

Make = Callable[..., Taxonomy]


def read(text: str, **options: Any) -> Taxonomy:
    options.setdefault("skill_id", NNA)
    options.setdefault("skill_name", NAME)
    return loads(text, format="page", **options)


def problems(text: str, **options: Any) -> list[str]:
    with pytest.raises(InvalidPageError) as caught:
        read(text, **options)
    return [str(problem) for problem in caught.value.problems]


class TestTheSeedPage:
    def test_reads_the_page(self, bundled: Taxonomy) -> None:
        """The copied Spanish page reads to the bundled expectations and skill."""
        fragment = read(SEED, roles=bundled.roles)
        assert fragment.expectations == bundled.expectations
        assert fragment.skills == bundled.skills
        assert fragment.levels == bundled.levels
        assert fragment.name == NAME

    def test_ids_made_from_names(self) -> None:
        """Without known roles, ids come from the names; facts the page lacks stay empty."""
        fragment = read(SEED)
        assert [(r.id, r.name, r.family) for r in fragment.roles] == [
            ("data-scientist", "Data Scientist", ""),
            ("llm-engineer", "LLM Engineer", ""),
        ]
        assert fragment.domains == (Domain("machine-learning-ai", "Machine Learning & AI"),)
        skill = fragment.skill(NNA)
        assert (skill.category, skill.summary, skill.updated) == (
            "Deep Learning",
            "",
            datetime.date(2026, 2, 22),
        )

    @pytest.mark.parametrize(
        "mangle",
        [
            lambda page: page.replace("\n", "\r\n"),
            lambda page: "\ufeff" + page,
            lambda page: page.replace("\n", "   \n"),
            lambda page: page.replace("\n", "\n\n"),
            lambda page: "\ufeff" + page.replace("\n", " \t\r\n"),
        ],
        ids=["crlf", "bom", "trailing-spaces", "blank-lines", "all"],
    )
    def test_tolerates_copies(self, bundled: Taxonomy, mangle: Callable[[str], str]) -> None:
        """Windows line endings, a BOM, trailing spaces and blank lines change nothing."""
        assert read(mangle(SEED), roles=bundled.roles) == read(SEED, roles=bundled.roles)

    def test_both_row_shapes(self) -> None:
        """The seed's rows come with an empty trailing cell and with the cell dropped."""
        assert "tasks. | |\n" in SEED
        assert "layers. |\n" in SEED
        assert all(not e.mandatory for e in read(SEED).expectations)


class TestRoundTrip:
    @pytest.mark.parametrize("locale", ["en", "es", "de"])
    def test_rendered_pages_read_back(self, bundled: Taxonomy, locale: str) -> None:
        """Rendering the bundled profile as Markdown and reading it gives the same data."""
        page = render(bundled.profile(NNA), "md", locale=locale)
        assert read(page, roles=bundled.roles).expectations == bundled.expectations

    @pytest.mark.parametrize("locale", ["en", "es", "de"])
    def test_mandatory_and_awkward_text(self, locale: str) -> None:
        """Flags, pipes, newlines, markup and list markers survive the round trip."""
        domain = Domain("d", "R&D | Tools")
        skill = Skill("s", "S", domain, "# Not a heading", "", datetime.date(2031, 12, 1))
        roles = (Role("a", "Back\\end *Engineer*"), Role("b", "- Manager"), Role("c", "3. QA"))
        ladder = tuple(Level(f"l{i}", f"L{i}", i) for i in range(1, 8))
        texts = ["a | b", "line\nbreak", "<script>x</script>", "&amp; stays", "1. first", "`code`"]
        expectations = [
            Expectation(skill, role, level, (i + j) % 3 == 0, f"{texts[(i + j) % len(texts)]} {i}")
            for i, role in enumerate(roles)
            for j, level in enumerate(ladder[1:6])
            if (i, j) != (2, 0)
        ]
        taxonomy = Taxonomy(
            name="x",
            domains=[domain],
            skills=[skill],
            roles=roles,
            levels=ladder,
            expectations=expectations,
        )
        page = render(taxonomy.profile("s"), "md", locale=locale)
        fragment = read(
            page, skill_id="s", skill_name="S", levels=ladder, roles=roles, domain_id="d"
        )
        assert fragment.expectations == taxonomy.profile("s").expectations
        assert fragment.skill("s") == skill

    @settings(max_examples=40, deadline=None)
    @given(
        locale=st.sampled_from(["en", "es", "de"]),
        flags=st.lists(st.booleans(), min_size=1, max_size=9),
        description=st.text(
            st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30
        ).filter(lambda text: text.strip() == text and text.strip()),
        size=st.integers(min_value=1, max_value=9),
    )
    def test_any_ladder_round_trips(
        self, locale: str, flags: list[bool], description: str, size: int
    ) -> None:
        """Any ladder, flags and single-line text read back as rendered."""
        domain = Domain("d", "Domain")
        skill = Skill("s", "Skill", domain)
        role = Role("r", "Role")
        ladder = tuple(Level(f"l{i}", f"Level {i}", i) for i in range(1, size + 1))
        expectations = [
            Expectation(skill, role, level, flag, f"{description} {level.rank}")
            for level, flag in zip(ladder, flags, strict=False)
        ]
        taxonomy = Taxonomy(
            name="x",
            domains=[domain],
            skills=[skill],
            roles=[role],
            levels=ladder,
            expectations=expectations,
        )
        page = render(taxonomy.profile("s"), "md", locale=locale)
        fragment = read(
            page, skill_id="s", skill_name="Skill", levels=ladder, roles=[role], domain_id="d"
        )
        assert fragment.expectations == tuple(expectations)


def page_with(*rows: str, header: str = "| Rol | Obligatorio | Descripción |") -> str:
    head = SEED.split("| Rol |")[0]
    table = "\n".join([header, "|---|---|---|", *rows])
    return head + table + "\n"


class TestRows:
    @pytest.mark.parametrize(
        ("row", "mandatory", "description"),
        [
            ("| DS | | Does. |", False, "Does."),
            ("| DS | Does. | |", False, "Does."),
            ("| DS | Does. |", False, "Does."),
            ("| DS | Obligatorio | Does. |", True, "Does."),
            ("| DS | obligatorio | Does. |", True, "Does."),
            ("| DS | Does. | Obligatorio |", True, "Does."),
            ("| DS | Required | Does. |", True, "Does."),
            ("| DS | Pflicht | Does. |", True, "Does."),
            ("| DS | | Does \\| does not. |", False, "Does | does not."),
            ("| DS | | One<br>two<br/>three |", False, "One\ntwo\nthree"),
            ("DS | | Does. ", False, "Does."),
        ],
    )
    def test_flag_cell_shapes(self, row: str, mandatory: bool, description: str) -> None:
        """However the flag cell was copied, the flag and description come out right."""
        seed_counts = page_with(row).replace("Roles\n2\n", "Roles\n1\n")
        text = seed_counts.replace("Niveles\n5\n", "Niveles\n1\n")
        text = text.replace("Requisitos obligatorios\n0\nlos otros 10 opcionales", "")
        text = text.replace("hasta Principal", "hasta Junior")
        if not row.startswith("|"):  # a copy without closing pipes: its header has none
            text = text.replace(row, "| " + row).replace("Descripción |", "Descripción")
        (found,) = read(text).expectations
        assert (found.role.name, found.mandatory, found.description) == (
            "DS",
            mandatory,
            description,
        )

    def test_any_roles_per_table(self) -> None:
        """Tables may list different roles, any number of them."""
        text = (
            "Domain\nD\nThe table shows how depth grows from Junior to Middle.\n"
            "| Role | Required | Description |\n|---|---|---|\n| A | | a1 |\n| B | Required | b1 |\n"
            "| C | | c1 |\n"
            "| Role | Required | Description |\n|---|---|---|\n| B | | b2 |\n"
        )
        fragment = read(text)
        assert [(e.role.id, e.level.id, e.mandatory) for e in fragment.expectations] == [
            ("a", "junior", False),
            ("b", "junior", True),
            ("c", "junior", False),
            ("b", "middle", False),
        ]
        assert fragment.skill(NNA).category == ""
        assert fragment.skill(NNA).updated is None


class TestLevels:
    def test_by_heading(self) -> None:
        """Headings naming levels place tables, in any order, skipping levels."""
        text = (
            "Domain\nD\n### Senior\n| Role | Required | Description |\n|---|---|---|\n| A | | s |\n"
            "## Junior\n| Role | Required | Description |\n|---|---|---|\n| A | | j |\n"
        )
        fragment = read(text)
        assert [(e.level.id, e.description) for e in fragment.expectations] == [
            ("senior", "s"),
            ("junior", "j"),
        ]

    def test_by_position_from_the_first_level(self) -> None:
        """Without headings, tables follow the ladder from the page's first level."""
        text = (
            "Dominio\nD\nLa tabla muestra cómo crece la profundidad desde Senior hasta Principal.\n"
            + "".join(
                f"| Rol | Obligatorio | Descripción |\n|---|---|---|\n| A | | {n} |\n"
                for n in ("s", "l", "p")
            )
        )
        assert [e.level.id for e in read(text).expectations] == ["senior", "lead", "principal"]

    def test_levels_from_the_argument(self, make_taxonomy: Make) -> None:
        """The ladder given is used, not the bundled one."""
        ladder = make_taxonomy(7).levels
        text = "Domäne\nD\n" + "".join(
            f"| Rolle | Pflicht | Beschreibung |\n|---|---|---|\n| A | | {n} |\n" for n in range(7)
        )
        fragment = read(text, levels=ladder)
        assert [e.level.name for e in fragment.expectations] == [lv.name for lv in ladder]
        assert fragment.levels == ladder


class TestProblems:
    def test_no_domain_label(self) -> None:
        """A page without the domain label is not a skill profile page."""
        assert problems("Hello\nWorld\n") == [
            "line 1: expected a line with the domain label ('Domäne', 'Domain', 'Dominio')"
        ]

    def test_nothing_after_the_label(self) -> None:
        """The domain label needs the domain's name after it."""
        assert problems("\n\nDominio\n") == ["line 3: expected the domain's name on the next line"]

    def test_no_tables(self) -> None:
        """A page needs its level tables."""
        assert problems("Dominio\nD\nnothing else\n") == [
            "line 3: expected a table per level; the page has none"
        ]

    def test_every_problem_with_its_line(self) -> None:
        """Bad rows are all reported, in line order, with the message naming the file."""
        text = page_with(
            "| | | nobody |",
            "| DS | | one |",
            "| DS | | two |",
            "| LLM | a | b | c |",
            "| X | Sí | Does. |",
            "| Z | Obligatorio |",
            "| Y | | |",
        )
        with pytest.raises(InvalidPageError) as caught:
            read(text, source="page.md")
        assert str(caught.value) == "\n".join(
            [
                "page.md: 10 problems",
                "  line 6: the page counts 2 roles, its tables show 1",
                "  line 9: the page counts 5 levels, its tables show 1",
                "  line 13: the page counts 10 optional requirements, its tables show 1",
                "  line 18: the page's ladder ends at 'Principal', but its last table falls on 'Junior'",
                "  line 21: expected a role's name in the first cell",
                "  line 23: a second row for 'DS' at level 'Junior'",
                "  line 24: expected 3 cells (role, flag, description), got 4",
                "  line 25: expected the flag cell to be empty or 'Obligatorio', got 'Sí'",
                "  line 26: expected a description for 'Z'",
                "  line 27: this copy ends in the middle of this row",
            ]
        )

    def test_row_before_header(self) -> None:
        """A table row needs its header first."""
        assert problems("Dominio\nD\n| A | | x |\n") == [
            "line 2: expected a table per level; the page has none",
            "line 3: expected a table header row before this row",
        ]

    def test_unknown_first_level(self) -> None:
        """The page's first level must be on the ladder."""
        text = page_with("| A | | x |").replace("desde Junior", "desde Intern")
        assert (
            "line 18: unknown level 'Intern': expected one of 'Junior', 'Middle', 'Senior', 'Lead / Staff', 'Principal'"
            in problems(text)
        )

    def test_more_tables_than_levels(self, bundled: Taxonomy) -> None:
        """More tables than the ladder has levels is a problem, not a guess."""
        assert problems(SEED, levels=bundled.levels[:3]) == [
            "line 19: the page has 5 level tables from 'Junior', but the ladder has only 3 levels from there"
        ]

    def test_two_tables_for_one_level(self) -> None:
        """Two headings naming one level are reported."""
        text = "Domain\nD\nJunior\n| Role | Required | Description |\n| A | | x |\nJunior\n| Role | Required | Description |\n| B | | y |\n"
        assert problems(text) == ["line 7: a second table for level 'Junior'"]

    def test_role_ids_collide(self) -> None:
        """Two role names that make one id are refused, not merged."""
        text = "Domain\nD\n| Role | Required | Description |\n| A B | | x |\n| a-b | | y |\n"
        assert problems(text) == [
            "line 5: role 'a-b' would get the id 'a-b' of role 'A B'; pass roles with distinct ids"
        ]

    def test_an_invalid_page_is_an_invalid_taxonomy(self) -> None:
        """InvalidPageError is an InvalidTaxonomyError and a ValueError, and names a page."""
        with pytest.raises(InvalidPageError) as caught:
            read("nothing")
        assert isinstance(caught.value, InvalidTaxonomyError)
        assert isinstance(caught.value, ValueError)
        assert str(caught.value).startswith("invalid page: 1 problem\n")

    def test_input_untouched(self, bundled: Taxonomy) -> None:
        """Reading does not change the roles or levels passed in."""
        roles, levels = list(bundled.roles), list(bundled.levels)
        read(SEED, roles=roles, levels=levels)
        assert roles == list(bundled.roles)
        assert levels == list(bundled.levels)


def test_a_line_of_many_spaces_reads_quickly() -> None:
    """A breadcrumb of 40,000 spaces is read in one pass (a backtracking pattern took 9 s)."""
    page = render(load().profile("neural-network-architectures"), "md")
    lines = page.splitlines()
    at = next(n for n, line in enumerate(lines) if "›" in line)
    long_line = "Machine" + " " * 40_000 + "x"
    text = "\n".join([*lines[:at], long_line, *lines[at + 1 :]])
    taxonomy = loads(text, format="page", skill_id="s", skill_name="S")
    assert taxonomy.skills[0].category == long_line


class TestSummaryAndCutOffPages:
    """A page's own summary line is kept; a page copied short says it looks cut off."""

    GENERIC = "Esta habilidad define expectativas en roles y niveles."

    def test_the_generic_line_is_no_summary(self) -> None:
        """The seed page has the sentence every page has: the skill has no summary."""
        assert read(SEED).skill(NNA).summary == ""

    def test_a_summary_line_is_kept(self) -> None:
        """A page with a line of its own under the profile heading keeps it as the summary."""
        page = SEED.replace(self.GENERIC, "Image processing, OpenCV, augmentation, detection.")
        assert read(page).skill(NNA).summary == "Image processing, OpenCV, augmentation, detection."

    @pytest.mark.parametrize("locale", ["en", "es", "de"])
    def test_a_rendered_summary_reads_back(self, locale: str) -> None:
        """render(..., "md") shows the summary where the site does, and it reads back."""
        taxonomy = read(SEED.replace(self.GENERIC, "Layers, attention, residuals."))
        page = render(taxonomy.profile(NNA), "md", locale=locale)
        assert read(page).skill(NNA).summary == "Layers, attention, residuals."

    @pytest.mark.parametrize(
        "end",
        ["| Rol | Obligatorio", "| LLM Engineer", "| Rol"],
        ids=["a header begun", "a role alone", "one cell of a header"],
    )
    def test_a_page_cut_off_mid_table(self, end: str) -> None:
        """A page that ends mid-table says so, at its last line, with what it holds."""
        lines = SEED.splitlines()
        cut = lines[: lines.index("| Rol | Obligatorio | Descripción |", 30)]
        page = "\n".join([*cut, end])
        assert problems(page) == [
            f"line {len(cut) + 1}: this copy ends early: it ends in the middle of a row; "
            "the page counts 10 requirements (0 mandatory, 10 optional) and 6 were read "
            "(0 mandatory, 6 optional); the page counts 5 levels and 3 were read (missing "
            "'Lead / Staff', 'Principal') (copy the whole page, or read it with partial=True or --partial)"
        ]


def test_the_language_of_the_labels_is_kept_apart() -> None:
    """A Spanish page of English text: its labels' language is the reading's metadata."""
    reading = loads(SEED, format="page", skill_id=NNA, skill_name=NAME, report=True)
    assert reading.metadata.labels == "es"  # type: ignore[attr-defined]
    assert reading.taxonomy.language == "en"  # the descriptions' language, as given
    german = render(reading.taxonomy.profile(NNA), "md", locale="de")
    again = loads(german, format="page", skill_id=NNA, skill_name=NAME, report=True)
    assert again.metadata.labels == "de"  # type: ignore[attr-defined]


class TestRolePages:
    """Role pages, as render writes them like the site's, read back in every language."""

    SHAPE = ROOT / "tests" / "data" / "shapes" / "role-page.json"

    @pytest.mark.parametrize("locale", ["en", "es", "de"])
    def test_a_role_page_reads_back(self, locale: str) -> None:
        """The role, the legend's scale, groups, letters, flags and levels: the same page again."""
        source = load(self.SHAPE)
        role = source.roles[0]
        page = render(source.matrix(role.id), "md", locale=locale)
        reading = loads(page, format="role-page", report=True)
        read = reading.taxonomy
        assert reading.metadata.labels == locale  # type: ignore[attr-defined]
        assert render(read.matrix(read.roles[0].id), "md", locale=locale) == page
        assert (read.roles[0].family, read.roles[0].summary) == (role.family, role.summary)
        assert [s.code for s in read.scales[0].steps] == ["A", "W", "V", "E"]
        assert {s.category for s in read.skills} == {"AI-Assisted Development", "MLOps"}
        prompt = read.expectation("prompt-design", read.roles[0], "junior")
        assert (prompt.step.code, prompt.mandatory) == ("W", True)  # type: ignore[union-attr]
        assert read.role_levels[0].stack == ("Python", "PyTorch")

    def test_a_page_of_descriptions(self) -> None:
        """A role without a scale: each cell is a description."""
        page = render(load().matrix("llm-engineer"), "md", locale="es")
        read = loads(page, format="role-page")
        assert [e.description for e in read.expectations] == [
            e.description for e in load().expectations.filter(role="llm-engineer")
        ]

    def test_not_a_role_page(self) -> None:
        """A page without a role page's title says what it expected."""
        with pytest.raises(
            InvalidPageError, match=r"line 1: expected a title naming the role, such as"
        ):
            loads("# Nothing here\n", format="role-page")

    def test_counts_that_disagree(self) -> None:
        """The page's own counts are checked against its tables."""
        page = render(load(self.SHAPE).matrix("ml-engineer"), "md").replace(
            "3 skills, 3 levels", "4 skills, 3 levels"
        )
        with pytest.raises(InvalidPageError) as caught:
            loads(page, format="role-page")
        assert [str(p) for p in caught.value.problems] == [
            "line 5: the page counts 4 skills, its tables show 3"
        ]


def test_tables_copied_as_visible_text() -> None:
    """A page whose tables were copied as text (cells between tabs) reads the same."""
    lines = []
    for line in SEED.splitlines():
        if line.startswith("|---"):
            continue
        if line.startswith("|"):
            lines.append("\t".join(cell.strip() for cell in line.strip().strip("|").split("|")))
        else:
            lines.append(line)
    assert read("\n".join(lines)).expectations == read(SEED).expectations
    role_page = render(load(ROOT / "tests/data/shapes/role-page.json").matrix("ml-engineer"), "md")
    visible = "\n".join(
        "\t".join(cell.strip() for cell in line.strip().strip("|").split("|"))
        if line.startswith("| ")
        else line
        for line in role_page.splitlines()
        if not line.startswith("|---")
    )
    assert loads(visible, format="role-page") == loads(role_page, format="role-page")


@pytest.mark.parametrize(
    "dated",
    ["Last updated\n22/2/2026\nHow to Use\n", "Last updated: 22/2/2026\nHow to Use\n"],
    ids=["label above", "label before"],
)
def test_headings_of_the_visible_page(dated: str) -> None:
    """A copy with the visible page's headings keeps its category and date."""
    skill = read(SEED.replace("22/2/2026\n", dated)).skill(NNA)
    assert (skill.category, skill.updated) == ("Deep Learning", datetime.date(2026, 2, 22))


def _spaced(text: str) -> str:
    """The page as visible text with spaces between cells, as some copies give it."""
    return "\n".join(
        " ".join(cell.strip() for cell in line.strip().strip("|").split("|") if cell.strip())
        if line.startswith("|")
        else line
        for line in text.splitlines()
        if not line.startswith("|---")
    )


def test_tables_copied_with_spaces_between_cells() -> None:
    """With the roles given, rows copied with spaces read by the role each starts with."""
    known = load().roles
    assert read(_spaced(SEED), roles=known).expectations == read(SEED, roles=known).expectations
    mandatory = (
        SEED.replace(
            "| Data Scientist | Designs and", "| Data Scientist | Obligatorio | Designs and", 1
        )
        .replace("obligatorios\n0\n", "obligatorios\n1\n")
        .replace("los otros 10 opcionales", "los otros 9 opcionales")
    )
    flagged = read(_spaced(mandatory), roles=known)
    assert [e.mandatory for e in flagged.expectations if e.level.id == "middle"] == [True, False]


def test_spaced_tables_without_roles_say_what_is_needed() -> None:
    """Without the roles, a spaced copy is refused with what would read it."""
    assert problems(_spaced(SEED))[-1] == (
        "line 33: expected a table per level; the page has none (its tables were copied with "
        "spaces between their cells: pass roles=… so the roles' names can be told from the "
        "descriptions)"
    )
