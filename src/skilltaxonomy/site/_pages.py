"""The site's pages: what each page shows, from the framework's queries, in one locale.

Each function here yields ``(path, template, context)`` for the pages of one kind; the
templates (``templates/``) lay out each page's chrome, and `Writer` gives them the
content they share with `render`, as the pages' one HTML writer makes it. Framework text
reaches a template as `Text` (the text and its language) so that text the framework
has not translated keeps its own ``lang``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs

from skilltaxonomy._i18n import Messages
from skilltaxonomy._text import LANGUAGE_TAG
from skilltaxonomy.model import (
    Comparison,
    Definition,
    Expectation,
    Level,
    Profile,
    Role,
    RoleLevel,
    RoleMatrix,
    Scale,
    Skill,
    Step,
    Taxonomy,
)
from skilltaxonomy.pages.blocks import Cell
from skilltaxonomy.pages.build import (
    Links,
    counted,
    definitions_table,
    expectation_cell,
    legend,
    matrix_grid,
    number,
    profile_figures,
    profile_sections,
    role_levels_table,
    skills_table,
    step_badge,
)
from skilltaxonomy.pages.write import Html, html_blocks, html_cell, printable
from skilltaxonomy.people import path
from skilltaxonomy.site._names import safe_names

#: A page to write: its path under the locale's directory, its template and context.
Page = tuple[str, str, dict[str, Any]]


@attrs.frozen
class Text:
    """Framework text and the language it is written in."""

    text: str
    lang: str


@attrs.frozen
class Names:
    """The file name of every skill, role and level: safe path segments (see `safe_names`)."""

    skills: Mapping[str, str]
    roles: Mapping[str, str]
    levels: Mapping[str, str]

    @classmethod
    def of(cls, taxonomy: Taxonomy) -> Names:
        """The names of `taxonomy`'s skills, roles and levels."""
        levels = [level.id for level in taxonomy.levels]
        levels += [level.id for ladder in taxonomy.ladders for level in ladder.levels]
        return cls(
            safe_names(skill.id for skill in taxonomy.skills),
            safe_names(role.id for role in taxonomy.roles),
            safe_names(levels),
        )

    def skill(self, skill: Skill) -> str:
        """The path of a skill's page, from the locale's directory."""
        return f"skills/{self.skills[skill.id]}/"

    def role(self, role: Role) -> str:
        """The path of a role's page."""
        return f"roles/{self.roles[role.id]}/"

    def level(self, role: Role, level: Level) -> str:
        """The path of the page comparing a role's level with the next."""
        return f"{self.role(role)}{self.levels[level.id]}/"


class Words:
    """Framework text in one locale: translated where the framework has it, else its own."""

    def __init__(self, taxonomy: Taxonomy, words: Messages) -> None:
        self.locale = words.locale
        # A language that is no tag would make an invalid lang attribute: "und" instead.
        language = taxonomy.language
        self.own = language if LANGUAGE_TAG.fullmatch(language) else "und"
        self.messages = words

    def _text(self, entity: Any, field: str) -> Text:
        own: str = getattr(entity, field)
        found = entity.translations.text(self.locale, field, "")
        if found:
            return Text(printable(found), self.locale)
        return Text(printable(own), self.own)

    def name(self, entity: Any) -> Text:
        """An entity's name."""
        return self._text(entity, "name")

    def text(self, entity: Any, field: str) -> Text:
        """An entity's summary or description."""
        return self._text(entity, field)

    def number(self, value: int) -> str:
        """A whole number with the locale's digit grouping: 14,000, 14.000 (see `number`)."""
        return number(value, self.messages)

    def count(self, singular: str, plural: str, value: int) -> str:
        """A counted label (``"%(count)d skills"``) with the count grouped by locale."""
        return counted(self.messages.ngettext(singular, plural, value), value, self.messages)

    def plain(self, text: str) -> Text:
        """Framework text without translations (a category, a family, a title)."""
        return Text(printable(text), self.own)


class Writer:
    """The page's content as the pages' one HTML writer makes it, for the templates.

    The templates lay out the chrome (head, navigation, pickers); what `render` shows
    too (a skill's profile, an expectation, a step's badge, what a level adds) comes
    from here, so it is the same markup, with links to the site's pages and the
    framework's language on text it has not translated.
    """

    def __init__(self, words: Words, names: Names, root: str) -> None:
        self.messages = words.messages
        skills, roles = names.skill, names.role

        def href(entity: Skill | Role) -> str:
            return root + (skills(entity) if isinstance(entity, Skill) else roles(entity))

        self.links = Links(href, words.own)

    def cell(self, expectation: Expectation, limit: int = 0) -> Html:
        """An expectation in a grid: mandatory mark, step's badge, description, criteria."""
        return html_cell(
            expectation_cell(
                expectation, self.messages, self.links, mark=True, short=True, limit=limit
            )
        )

    def badge(self, step: Step | None) -> Html:
        """A step's badge (nothing for no step)."""
        if step is None:
            return Html("")
        return html_cell(Cell((step_badge(step, self.messages, short=True),)))

    def figures(self, profile: Profile) -> Html:
        """A skill's figures: the roles that expect it, its levels, what is mandatory."""
        return html_blocks([profile_figures(profile, self.messages)])

    def profile(self, profile: Profile) -> Html:
        """A skill's expectations by level: a heading and a table of roles per level."""
        return html_blocks(profile_sections(profile, self.messages, self.links))

    def definitions(self, definitions: Sequence[Definition]) -> Html:
        """What each step of a skill means."""
        return html_blocks([definitions_table(definitions, self.messages, self.links)])

    def matrix(self, matrix: RoleMatrix, limit: int = 0) -> Html:
        """A role's skills by level: one grid, its cells clipped to `limit` characters."""
        return html_blocks([matrix_grid(matrix, self.messages, self.links, limit=limit)])

    def levels(self, matrix: RoleMatrix) -> Html:
        """A role's title, focus and stack at each level."""
        return html_blocks([role_levels_table(matrix, self.messages)])

    def legend(self, scale: Scale) -> Html:
        """A scale's steps as badges, each with its name and what it means."""
        return html_blocks([legend(scale, self.messages)])

    def new(self, found: Sequence[Expectation]) -> Html:
        """What a level adds, skill by skill."""
        return html_blocks([skills_table(found, self.messages, self.links)])


def script_json(value: object) -> str:
    r"""`value` as JSON that can sit inside a ``<script>`` element: no ``<``, ``>``, ``&``.

    >>> print(script_json({"a": "</script><b>&"}))
    {"a":"\u003c/script\u003e\u003cb\u003e\u0026"}
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for character, escape in _SCRIPT_ESCAPES:
        text = text.replace(character, escape)
    return text


_SCRIPT_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


#: The characters of description a role's grid shows in all: past it, each cell is
#: clipped (the skill's page and the level pages hold every word), so that a role page
#: of 60 skills × 5 levels stays under 100 KB.
GRID_TEXT = 48_000


def extra_text(value: object) -> str:
    """An extra's value as text: text as it is, a list of texts joined, the rest as JSON.

    >>> extra_text(("OpenRefine", "pandas")), extra_text(3), extra_text({"a": [1, None]})
    ('OpenRefine, pandas', '3', '{"a": [1, null]}')
    """
    if isinstance(value, str):
        return value
    if isinstance(value, tuple) and all(isinstance(item, str) for item in value):
        return ", ".join(value)
    return json.dumps(_thawed(value), ensure_ascii=False)


def _thawed(value: object) -> object:
    if isinstance(value, Mapping):
        return {key: _thawed(item) for key, item in value.items()}
    if isinstance(value, (tuple, list)):
        return [_thawed(item) for item in value]
    return value


def _grid_limit(cells: Sequence[Expectation]) -> int:
    """The characters each cell of a role's grid shows: all (0) unless over `GRID_TEXT`."""
    if sum(len(e.description) for e in cells) <= GRID_TEXT:
        return 0
    return max(80, GRID_TEXT // len(cells))


def _cell(e: Expectation | None, words: Words) -> dict[str, Any] | None:
    """An expectation as the scripts show it: step, text and its language, mandatory."""
    if e is None:
        return None
    text = words.text(e, "description")
    step = e.step
    return {
        "level": words.name(e.level).text,
        "step": "" if step is None else (step.code or words.name(step).text),
        "stepName": "" if step is None else words.name(step).text,
        "rank": 0 if step is None else step_badge(step, words.messages).rank,
        "text": text.text,
        "lang": text.lang,
        "m": e.mandatory,
    }


def home(taxonomy: Taxonomy, words: Words) -> Iterator[Page]:
    """The home page: domains, categories and skills; roles by family; the counts."""
    domains = []
    for domain in taxonomy.domains:
        categories: dict[str, list[Skill]] = {}
        for skill in taxonomy.skills.filter(domain=domain):
            categories.setdefault(skill.category, []).append(skill)
        if categories:
            domains.append((domain, list(categories.items())))
    families: dict[str, list[Role]] = {}
    for role in taxonomy.roles:
        families.setdefault(role.family, []).append(role)
    yield (
        "",
        "home.html",
        {"domains": domains, "families": list(families.items()), "kind": "home"},
    )


def skills(taxonomy: Taxonomy, words: Words, names: Names) -> Iterator[Page]:
    """A page per skill: its profile by level and role, the picker's data, its steps."""
    for skill in taxonomy.skills:
        profile = taxonomy.profile(skill)
        picker = []
        for role in profile.roles:
            ladder = list(taxonomy.levels_of_role(role))
            at = {level.id: position for position, level in enumerate(ladder)}
            levels = []
            for level in ladder:
                comparison: Comparison = taxonomy.compare(skill, role, level)
                levels.append(
                    {
                        "name": words.name(level).text,
                        "next": None if comparison.target is None else at[comparison.target.id],
                        "new": [at[e.level.id] for e in comparison.steps],
                        "mandatory": [at[e.level.id] for e in comparison.mandatory],
                    }
                )
            cells = {e.level.id: e for e in taxonomy.progression(skill, role)}
            picker.append(
                {
                    "name": words.name(role).text,
                    "levels": levels,
                    "cells": [_cell(cells.get(level.id), words) for level in ladder],
                }
            )
        scale = taxonomy.scale_of(skill)
        definitions = list(taxonomy.definitions.filter(skill=skill))
        yield (
            names.skill(skill),
            "skill.html",
            {
                "kind": "skill",
                "skill": skill,
                "profile": profile,
                "scale": scale,
                "definitions": definitions,
                "picker": script_json({"roles": picker}) if picker else "",
            },
        )


def _levels_info(taxonomy: Taxonomy, role: Role, ladder: Sequence[Level]) -> dict[str, RoleLevel]:
    found = {r.level.id: r for r in taxonomy.role_levels.filter(role=role)}
    return {level.id: found[level.id] for level in ladder if level.id in found}


def roles(taxonomy: Taxonomy, words: Words, names: Names) -> Iterator[Page]:
    """Per role: its matrix, each level against the next, job descriptions, self-assessment.

    The job descriptions are written as HTML and as Markdown.
    """
    for role in taxonomy.roles:
        matrix = taxonomy.matrix(role)
        ladder = list(matrix.levels)
        info = _levels_info(taxonomy, role, ladder)
        base = {"role": role, "ladder": ladder, "info": info}
        yield (
            names.role(role),
            "role.html",
            {
                **base,
                "kind": "role",
                "matrix": matrix,
                "limit": _grid_limit(
                    [cell for row in matrix.rows for cell in row.cells if cell is not None]
                ),
                "level_links": [f"{names.levels[level.id]}/" for level in ladder],
            },
        )
        for index, level in enumerate(ladder):
            following = ladder[index + 1] if index + 1 < len(ladder) else None
            previous = ladder[index - 1] if index else None
            new: list[Expectation] = []
            if following is not None:
                new = list(path(taxonomy, role, level, following).steps[0].expectations)
            yield (
                names.level(role, level),
                "level.html",
                {
                    **base,
                    "kind": "level",
                    "level": level,
                    "next": following,
                    "previous": previous,
                    "new": new,
                    "mandatory": [e for e in new if e.mandatory],
                },
            )
            at_level = []
            for row in matrix.rows:
                # What the role expects of each skill at this level: the latest up to it.
                found = [cell for cell in row.cells[: index + 1] if cell is not None]
                if found:
                    at_level.append(found[-1])
            job = {
                **base,
                "kind": "job",
                "level": level,
                "must": [e for e in at_level if e.mandatory],
                "also": [e for e in at_level if not e.mandatory],
                "markdown": f"{names.levels[level.id]}/job.md",
            }
            yield (f"{names.level(role, level)}job/", "job.html", job)
            yield (f"{names.level(role, level)}job.md", "job.md", job)
        skills_of_role = list(taxonomy.skills.filter(role=role))
        ranks = {level.id: position for position, level in enumerate(ladder)}
        data = {
            "role": role.id,
            "levels": [
                {"id": level.id, "name": words.name(level).text, "rank": level.rank}
                for level in ladder
            ],
            "skills": [
                {"id": skill.id, "name": words.name(skill).text, "lang": words.name(skill).lang}
                for skill in skills_of_role
            ],
            "items": [
                [position, ranks[e.level.id], e.mandatory]
                for position, skill in enumerate(skills_of_role)
                for e in taxonomy.progression(skill, role)
                if e.level.id in ranks
            ],
        }
        yield (
            f"{names.role(role)}assess/",
            "assess.html",
            {**base, "kind": "assess", "data": script_json(data)},
        )


def extra_pages(taxonomy: Taxonomy) -> Iterator[Page]:
    """The list of roles to assess against, and the search page."""
    if len(taxonomy.roles):
        yield ("assess/", "assess-roles.html", {"kind": "assess-roles"})
    yield ("search/", "search.html", {"kind": "search"})
