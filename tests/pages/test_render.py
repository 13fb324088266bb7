"""Tests for rendering profiles, matrices, comparisons and overviews."""

from __future__ import annotations

import datetime
import gc
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import html5lib
import pytest
from markdown_it import MarkdownIt

from skilltaxonomy import (
    Domain,
    Expectation,
    Level,
    Role,
    RoleMatrix,
    Skill,
    Taxonomy,
    UnsupportedLocaleError,
    load,
    render,
)
from skilltaxonomy.pages.write import escape_markdown, text_table

NNA = "neural-network-architectures"
HOSTILE = "<script>alert('x')</script> | pipe\nsecond line & R&D &amp; *bold* # \x1b[31mred"

Make = Callable[..., Taxonomy]


def parse_html(page: str, *, document: bool = False) -> Any:
    """Parse with html5lib in strict mode: any parse error fails the test."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(page) if document else parser.parseFragment(page)


def parse_markdown(page: str) -> list[Any]:
    return MarkdownIt("commonmark").enable("table").parse(page)


@pytest.fixture(name="hostile")
def _hostile() -> Taxonomy:
    """A framework whose every text tries to break out of its place.

    The model refuses the control characters in it; the validators are off here so that
    the renderers' own escaping is tested.
    """
    with attrs.validators.disabled():
        return _hostile_framework()


def _hostile_framework() -> Taxonomy:
    domain = Domain("d", HOSTILE)
    skill = Skill("s", HOSTILE, domain, HOSTILE, HOSTILE, datetime.date(2026, 2, 22))
    role = Role("r", HOSTILE, HOSTILE, HOSTILE)
    levels = (Level("l1", HOSTILE, 1), Level("l2", "Two", 2))
    return Taxonomy(
        name=HOSTILE,
        version=HOSTILE,
        domains=[domain],
        skills=[skill],
        roles=[role],
        levels=levels,
        expectations=[
            Expectation(skill, role, levels[0], True, HOSTILE),
            Expectation(skill, role, levels[1], False, HOSTILE),
        ],
    )


def everything(taxonomy: Taxonomy) -> list[Any]:
    skill = taxonomy.skills[0]
    role = taxonomy.roles[0]
    return [
        taxonomy,
        taxonomy.profile(skill),
        taxonomy.matrix(role),
        taxonomy.compare(skill, role, 1),
        taxonomy.compare(skill, role, len(taxonomy.levels)),
    ]


class TestProfileText:
    def test_laid_out_like_the_page(self, bundled: Taxonomy) -> None:
        """The Spanish text page has the source page's header block, in its order."""
        lines = render(bundled.profile(NNA), locale="es", width=100).splitlines()
        assert lines[:21] == [
            "Neural Network Architectures",
            "============================",
            "",
            "Dominio",
            "Machine Learning & AI",
            "",
            "Perfil de habilidad",
            "",
            "Esta habilidad define expectativas en roles y niveles.",
            "",
            "Roles                         Niveles                           Requisitos obligatorios",
            "2                             5                                 0",
            "donde aparece esta habilidad  ruta de crecimiento estructurada  los otros 10 opcionales",
            "",
            "Machine Learning & AI › Deep Learning",
            "22/2/2026",
            "",
            "Selecciona tu nivel actual y compara las expectativas.",
            "La tabla muestra cómo crece la profundidad desde Junior hasta Principal.",
            "",
            "Junior",
        ]
        assert lines[21].split() == ["Rol", "Obligatorio", "Descripción"]

    @pytest.mark.parametrize("width", [40, 60, 80, 120])
    def test_wraps_to_the_width(self, bundled: Taxonomy, width: int) -> None:
        """No line is wider than asked, and no word of a description is lost."""
        page = render(bundled.profile(NNA), width=width)
        assert max(map(len, page.splitlines())) <= width
        words = " ".join(page.split())
        for expectation in bundled.expectations:
            assert " ".join(expectation.description.split()) in words

    def test_figures_stack_when_narrow(self, bundled: Taxonomy) -> None:
        """On a narrow terminal the three figures go one per line."""
        lines = render(bundled.profile(NNA), locale="de", width=50).splitlines()
        assert "Rollen: 2 (in denen diese Fähigkeit vorkommt)" in lines
        assert "Pflichtanforderungen: 0 (die übrigen 10 optional)" in lines

    def test_control_characters_are_shown_not_obeyed(self, hostile: Taxonomy) -> None:
        """Escape sequences from a file cannot drive the terminal."""
        for item in everything(hostile):
            page = render(item, "text")
            assert "\x1b" not in page
        assert "\\x1b[31mred" in render(hostile.profile("s"), "text")

    def test_one_role_and_summary(self, make_taxonomy: Make) -> None:
        """A summary shows where generic pages have their sentence; mandatory rows say so."""
        taxonomy = make_taxonomy()
        skill = Skill("s", "Skill", Domain("d", "Domain"), "Cat", "Sums it up.", None)
        role = Role("r", "Role")
        level = taxonomy.levels[1]
        changed = Taxonomy(
            name="x",
            domains=taxonomy.domains,
            skills=[skill],
            roles=[role],
            levels=taxonomy.levels,
            expectations=[Expectation(skill, role, level, True, "Must.")],
        )
        lines = render(changed.profile("s", role="r"), locale="de").splitlines()
        assert lines[6:9] == ["Skill-Profil", "", "Sums it up."]
        assert "Domain › Cat" in lines
        assert "  Role   Pflicht  Must." in lines

    def test_no_expectations(self) -> None:
        """A skill nobody expects says so."""
        domain = Domain("d", "D")
        taxonomy = Taxonomy(
            name="x",
            domains=[domain],
            skills=[Skill("s", "S", domain)],
            roles=[],
            levels=[Level("l1", "One", 1)],
            expectations=[],
        )
        page = render(taxonomy.profile("s"))
        assert page.endswith(
            "Choose your current level and compare expectations.\n\nNo expectations.\n"
        )
        assert "0\n" in page


class TestProfileMarkdown:
    @pytest.mark.parametrize(
        ("locale", "header", "date"),
        [
            ("en", "| Role | Required | Description |", "2/22/2026"),
            ("es", "| Rol | Obligatorio | Descripción |", "22/2/2026"),
            ("de", "| Rolle | Pflicht | Beschreibung |", "22.2.2026"),
        ],
    )
    def test_localized_tables_and_dates(
        self, bundled: Taxonomy, locale: str, header: str, date: str
    ) -> None:
        """Column headers and the date follow the locale; one table per level."""
        page = render(bundled.profile(NNA), "md", locale=locale)
        assert page.count(header) == 5
        assert f"\n{date}\n" in page

    def test_english_header(self, bundled: Taxonomy) -> None:
        """The English page reads as the issue words it."""
        page = render(bundled.profile(NNA), "md", locale="en")
        assert page.startswith(
            "# Neural Network Architectures\n\n**Domain**  \nMachine Learning & AI\n\n"
            "## Skill profile\n\nThis skill defines expectations across roles and levels.\n\n"
            "- **Roles**  \n  2  \n  where this skill appears\n"
            "- **Levels**  \n  5  \n  structured growth path\n"
            "- **Mandatory requirements**  \n  0  \n  the other 10 optional\n\n"
            "Machine Learning & AI › Deep Learning  \n2/22/2026\n\n"
            "Choose your current level and compare expectations.  \n"
            "The table shows how depth grows from Junior to Principal.\n\n## Junior\n\n"
            "| Role | Required | Description |\n|---|---|---|\n"
            "| Data Scientist |  | Understands basic"
        )

    def test_mandatory_word(self, make_taxonomy: Make) -> None:
        """A mandatory row's flag cell says the locale's word; an optional one is empty."""
        page = render(make_taxonomy().profile("s"), "md", locale="es")
        assert "| Role | Obligatorio | At Level 2. |" in page
        assert "| Role |  | At Level 1. |" in page

    def test_escaped(self, hostile: Taxonomy) -> None:
        """Markdown shows framework text as text: no HTML but line breaks, no emphasis."""
        for item in everything(hostile):
            tokens = parse_markdown(render(item, "md"))
            children = [c for t in tokens for c in [t, *(t.children or [])]]
            html_bits = {c.content for c in children if c.type in ("html_inline", "html_block")}
            assert html_bits <= {"<br>"}
            emphasis = {c.markup for c in children if c.type in ("strong_open", "em_open")}
            assert emphasis <= {"**"}  # only the labels the page itself puts in bold

    def test_table_cells_keep_their_column(self, hostile: Taxonomy) -> None:
        """Pipes and newlines in a description stay inside its cell."""
        tokens = parse_markdown(render(hostile.profile("s"), "md"))
        row_cells: list[int] = []
        for token in tokens:
            if token.type == "tr_open":
                row_cells.append(0)
            elif token.type in ("td_open", "th_open"):
                row_cells[-1] += 1
        assert row_cells == [3, 3, 3, 3]
        inline = [t.content for t in tokens if t.type == "inline"]
        assert escape_markdown(HOSTILE) in inline

    @pytest.mark.parametrize(
        ("text", "escaped"),
        [
            ("a|b", "a\\|b"),
            ("<b>", "\\<b\\>"),
            ("R&D & co", "R&D & co"),
            ("&amp; &#60;", "\\&amp; \\&#60;"),
            ("*x* _y_ `z` [l](u) ~s~", "\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) \\~s\\~"),
            ("back\\slash", "back\\\\slash"),
            ("# heading", "\\# heading"),
            ("#tag", "#tag"),
            ("- item", "\\- item"),
            ("+ item", "\\+ item"),
            ("3. item", "3\\. item"),
            ("22.2.2026", "22.2.2026"),
            ("---", "\\---"),
            ("one\ntwo\r\nthree", "one<br>two<br>three"),
            ("", ""),
        ],
    )
    def test_escape_markdown(self, text: str, escaped: str) -> None:
        """Exactly what Markdown would misread is escaped."""
        assert escape_markdown(text) == escaped


class TestHTML:
    @pytest.mark.parametrize("locale", ["en", "es", "de"])
    def test_valid_html(self, bundled: Taxonomy, locale: str) -> None:
        """Every page is valid HTML to a strict HTML5 parser, fragment and document."""
        for item in everything(bundled):
            parse_html(render(item, "html", locale=locale))
            tree = parse_html(render(item, "html", locale=locale, standalone=True), document=True)
            assert tree.get("lang") == locale

    def test_profile_structure(self, bundled: Taxonomy) -> None:
        """A table per level with a caption-like heading, columns and role row headers."""
        tree = parse_html(render(bundled.profile(NNA), "html", locale="de"))
        section = tree.find("section")
        assert section.get("lang") == "de"
        assert [h.text for h in section.iter("h3")][1:] == [lv.name for lv in bundled.levels]
        tables = list(section.iter("table"))
        assert len(tables) == 5
        assert [th.text for th in tables[0].iter("th")][:3] == ["Rolle", "Pflicht", "Beschreibung"]
        assert section.find(".//dl").findall("div/dt")[0].text == "Rollen"

    def test_escaped(self, hostile: Taxonomy) -> None:
        """Markup in framework text shows as text: no element comes from the file."""
        for item in everything(hostile):
            page = render(item, "html", standalone=True)
            tree = parse_html(page, document=True)
            assert list(tree.iter("script")) == []
            assert "<script>alert('x')</script>" in "".join(tree.itertext())
            assert tree.find("head/title").text is not None

    def test_dark_and_light(self, bundled: Taxonomy) -> None:
        """The stylesheet follows a light or dark theme: its colours are a palette of both."""
        page = render(bundled.profile(NNA), "html")
        assert "color-scheme:light dark" in page
        assert "@media (prefers-color-scheme:dark){.skilltaxonomy{--bg:" in page
        screen = page.split("@media print")[0]
        colours = re.findall(r"[;{](?:color|background):([^;}]+)", screen)
        assert colours
        assert all(colour.startswith("var(--") for colour in colours)


class TestMatrix:
    def test_text(self, make_taxonomy: Make) -> None:
        """Text shows a table per skill, a row per level the role has."""
        page = render(make_taxonomy().matrix("r"), locale="en")
        assert page.splitlines() == [
            "Role: skills by level",
            "=====================",
            "",
            "1 skill, 3 levels, 1 mandatory, 3 requirements",
            "",
            "Skill",
            "  Level    Required  Description",
            "  Level 1            At Level 1.",
            "  Level 2  Required  At Level 2.",
            "  Level 3            At Level 3.",
        ]

    def test_role_family_and_summary(self, make_taxonomy: Make) -> None:
        """The role's family and summary head its matrix."""
        taxonomy = make_taxonomy()
        role = Role("r", "Role", "Engineering", "Builds things.")
        changed = make_taxonomy(
            roles=[role],
            expectations=[attrs.evolve(e, role=role) for e in taxonomy.expectations],
        )
        assert render(changed.matrix("r")).splitlines()[3:6] == [
            "Engineering",
            "Builds things.",
            "1 skill, 3 levels, 1 mandatory, 3 requirements",
        ]

    def test_markdown_grid(self, bundled: Taxonomy, make_taxonomy: Make) -> None:
        """Markdown and HTML show skills × levels, with the mandatory mark and gaps."""
        taxonomy = make_taxonomy(5, expectations=[])
        assert render(taxonomy.matrix("r"), "md").endswith(
            "| Skill | Level 1 | Level 2 | Level 3 | Level 4 | Level 5 |\n|---|---|---|---|---|---|\n"
        )
        small = make_taxonomy()
        page = render(small.matrix("r"), "md", locale="es")
        assert "| Skill | Pflicht" not in page
        assert "| Habilidad | Level 1 | Level 2 | Level 3 |" in page
        assert "| Skill | At Level 1. | Obligatorio: At Level 2. | At Level 3. |" in page
        sparse = make_taxonomy(expectations=small.expectations[1:2])
        assert "| Skill | — | Required: At Level 2. | — |" in render(sparse.matrix("r"), "md")
        bundled_page = render(bundled.matrix("data-scientist"), "md")
        assert bundled_page.count("\n| Neural Network Architectures |") == 1


class TestComparison:
    def test_next_level(self, bundled: Taxonomy) -> None:
        """A comparison shows now, what is new at the target, and the counts."""
        page = render(bundled.compare(NNA, "data-scientist", "junior", "senior"), "md", locale="es")
        assert page.startswith(
            "# Neural Network Architectures · Data Scientist\n\n"
            "Junior → Senior  \n2 niveles más, 2 expectativas por cubrir, 0 obligatorias\n\n"
            "## Ahora: Junior\n\n| Nivel | Obligatorio | Descripción |\n"
        )
        assert "## Nuevo en Middle" in page
        assert "## Nuevo en Senior" in page

    def test_top_level(self, bundled: Taxonomy) -> None:
        """At the top, the comparison says there is no next level."""
        page = render(bundled.compare(NNA, "llm-engineer", "principal"), locale="en")
        assert "Principal is the top level; there is no next level." in page

    def test_gap_in_the_ladder(self, make_taxonomy: Make) -> None:
        """Levels without an expectation say so rather than showing an empty table."""
        taxonomy = make_taxonomy()
        sparse = make_taxonomy(expectations=taxonomy.expectations[2:])
        page = render(sparse.compare("s", "r", "l1"), "md", locale="de")
        assert "## Jetzt: Level 1\n\nKeine Erwartung auf dieser Stufe." in page
        assert "## Neu auf Stufe Level 2\n\nKeine Erwartung auf dieser Stufe." in page


class TestOverview:
    def test_counts_and_skills(self, bundled: Taxonomy) -> None:
        """A framework renders as its name, counts, ladder and skills."""
        page = render(bundled, "md", locale="en")
        assert page.splitlines()[:5] == [
            f"# {bundled.name} (2026-02-22 (skill profile page, es))",
            "",
            "1 domain, 1 skill, 2 roles, 5 levels, 10 expectations  ",
            "Junior → Middle → Senior → Lead / Staff → Principal",
            "",
        ]
        assert (
            "| Neural Network Architectures | Machine Learning & AI | Deep Learning | Data Scientist, LLM Engineer |"
            in page
        )


class TestNotebook:
    def test_repr_html(self, bundled: Taxonomy) -> None:
        """Jupyter shows a framework, profile, matrix and comparison as HTML tables."""
        for item in everything(bundled):
            page = item._repr_html_()
            tree = parse_html(page)
            assert tree.find("section").get("class") == "skilltaxonomy"
            assert list(tree.iter("table"))

    def test_plain_repr_stays_short(self, bundled: Taxonomy) -> None:
        """The plain repr stays one readable line."""
        assert repr(bundled.profile(NNA)) == (
            "Profile(skill='neural-network-architectures', roles=('data-scientist', "
            "'llm-engineer'), levels=('junior', 'middle', 'senior', 'lead', 'principal'), "
            "mandatory_count=0, optional_count=10)"
        )
        assert repr(bundled.matrix("llm-engineer")) == (
            "RoleMatrix(role='llm-engineer', levels=('junior', 'middle', 'senior', 'lead', "
            "'principal'), rows=('neural-network-architectures',))"
        )


class TestErrors:
    def test_unknown_format(self, bundled: Taxonomy) -> None:
        """An unknown format is refused with the ones there are."""
        with pytest.raises(
            ValueError, match=r"^unknown format 'pdf': expected one of text, md, html$"
        ):
            render(bundled, "pdf")  # type: ignore[arg-type]

    def test_unknown_locale(self, bundled: Taxonomy) -> None:
        """An unknown locale raises UnsupportedLocaleError."""
        with pytest.raises(UnsupportedLocaleError, match=r"^unsupported locale 'fr'"):
            render(bundled, locale="fr")

    def test_not_renderable(self) -> None:
        """Only what the taxonomy's queries return can be rendered."""
        with pytest.raises(TypeError, match=r"^cannot render str: expected "):
            render("profile")  # type: ignore[arg-type]

    def test_render_does_not_mutate(self, bundled: Taxonomy) -> None:
        """Rendering leaves the framework as it was."""
        before = bundled.expectations
        for item in everything(bundled):
            for format_ in ("text", "md", "html"):
                render(item, format_)  # type: ignore[arg-type]
        assert bundled.expectations == before


def test_text_table_wraps_last_column() -> None:
    """CLI tables size columns to content and wrap the last one."""
    table = text_table(("Id", "Text"), [("a", "word " * 30)], 40)
    assert all(len(line) <= 40 for line in table.splitlines())
    assert table.splitlines()[0] == "  Id  Text"


class TestMarkdownEdges:
    """Text that CommonMark would read as structure stays text (CommonMark's own parser)."""

    def test_a_closing_hash_stays(self) -> None:
        """A name ending in " #" is not the closing sequence of its heading."""
        from skilltaxonomy.pages.write import escape_markdown

        tokens = parse_markdown(f"# {escape_markdown('C #')}\n")
        assert tokens[1].content.replace("\\", "") == "C #"
        assert "".join(t.content for t in tokens[1].children or []) == "C #"

    def test_leading_spaces_make_no_code_block(self) -> None:
        """Four leading spaces would start a code block; the paragraph stays a paragraph."""
        from skilltaxonomy.pages.write import escape_markdown

        tokens = parse_markdown(escape_markdown("    indented summary") + "\n")
        assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]

    def test_only_line_ends_break_lines(self) -> None:
        """Form feed, NEL and the rest are shown as escapes, never as line breaks."""
        from skilltaxonomy.pages.write import printable

        with attrs.validators.disabled():
            role = Role("r", "a\x0bb\x0cc\x1cd\x85e")
            taxonomy = Taxonomy(
                name="T", domains=[], skills=[], roles=[role], levels=[], expectations=[]
            )
        html_page = render(taxonomy.matrix("r"), "html")
        assert "a\\x0bb\\x0cc\\x1cd\\x85e: " in html_page
        assert printable("a\x0bb\x85") == "a\\x0bb\\x85"


def test_everything_shown_as_html_has_a_page() -> None:
    """Every class a notebook shows as HTML has a builder (an Assessment had none)."""
    import skilltaxonomy
    from skilltaxonomy.model._display import ShowsAsHTML
    from skilltaxonomy.pages.build import BUILDERS

    for name in skilltaxonomy.__all__:
        getattr(skilltaxonomy, name)  # imports every module with a public name

    def subclasses(cls: type) -> set[type]:
        found = set(cls.__subclasses__())
        return found.union(*(subclasses(sub) for sub in found))

    # attrs makes a slotted class anew: the class it replaced lingers among the
    # subclasses until the cycle collector frees it.
    gc.collect()
    shown = subclasses(ShowsAsHTML)
    assert shown
    assert shown <= set(BUILDERS)


class TestRolePage:
    """A role page like the site's: letters on a scale, its legend, groups, counts, levels."""

    @pytest.fixture(name="matrix")
    def _matrix(self) -> RoleMatrix:
        shapes = Path(__file__).parent.parent / "data" / "shapes"
        return load(shapes / "role-page.json").matrix("ml-engineer")

    def test_markdown(self, matrix: RoleMatrix) -> None:
        """The page counts, shows the legend, a grid per skill group and each level's focus."""
        page = render(matrix, "md")
        assert "3 skills, 3 levels, 3 mandatory, 6 requirements" in page
        assert "**Proficiency**  \nA: Awareness (Knows what it is and when it applies.)" in page
        assert "## AI-Assisted Development: 2 skills" in page
        assert "| Prompt design | Required: W | Required: V | W |" in page
        assert "| Code review with AI tools | — | A | W |" in page
        assert (
            "| Senior | Senior ML Engineer | Owning models in production. "
            "| Python, PyTorch, Kubernetes, Triton |"
        ) in page

    @pytest.mark.parametrize(
        ("locale", "expected"),
        [
            ("es", ["**Dominio**", "## MLOps: 1 habilidad", "## En cada nivel", "6 requisitos"]),
            ("de", ["**Beherrschung**", "## Auf jeder Stufe", "6 Anforderungen"]),
        ],
    )
    def test_in_other_languages(self, matrix: RoleMatrix, locale: str, expected: list[str]) -> None:
        """Labels follow the locale, and so does the scale's name where it is translated."""
        page = render(matrix, "md", locale=locale)
        assert all(part in page for part in expected), page

    def test_text_names_the_step(self, matrix: RoleMatrix) -> None:
        """The narrow layout names each step beside its code."""
        assert "Middle  Required  V (Advanced)" in render(matrix, width=100)

    def test_unstated_requirements_are_not_called_optional(self) -> None:
        """A profile says how many items state no requirement, not that they are optional."""
        shapes = Path(__file__).parent.parent / "data" / "shapes"
        profile = load(shapes / "ladders-per-role.json").profile("delivery")
        assert (profile.mandatory_count, profile.optional_count, profile.unstated_count) == (
            0,
            0,
            3,
        )
        assert "3 not stated as mandatory or optional" in render(profile, "md")


def test_the_overview_shows_ladders_and_scales() -> None:
    """A framework's overview lists each ladder, entry level first, and each scale's steps."""
    shapes = Path(__file__).parent.parent / "data" / "shapes"
    lines = render(load(shapes / "role-page.json")).splitlines()
    assert "Junior → Middle → Senior" in lines
    assert "Proficiency: A Awareness, W Working, V Advanced, E Expert" in lines
    lines = render(load(shapes / "positions-by-axis.json"), width=200).splitlines()
    assert "Technical Lead: TL3 → TL4 → TL5" in lines


def test_names_follow_the_page_language_where_translated() -> None:
    """A page in German shows the German names the framework gives, the others as they are."""
    shapes = Path(__file__).parent.parent / "data" / "shapes"
    taxonomy = load(shapes / "catalogue.json")
    german = render(taxonomy, "md", locale="de")
    assert "| Datenbereinigung |" in german
    assert "| Data documentation |" in german
    assert "| Data cleaning |" in render(taxonomy, "md", locale="es")
