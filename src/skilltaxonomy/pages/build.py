"""Builders: each kind of result laid out as blocks, with every label from the catalog.

`BUILDERS` maps each type `render` takes to its builder; `render`, the notebook display
and the command line all find a page there, so a new page is one builder and one entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, Literal, TypeAlias

import attrs

from skilltaxonomy._i18n import Messages, flag_word
from skilltaxonomy.compare import TaxonomyDiff
from skilltaxonomy.model import (
    Comparison,
    Definition,
    Domain,
    Expectation,
    Level,
    MatrixRow,
    Profile,
    Role,
    RoleMatrix,
    Scale,
    Skill,
    Step,
    Taxonomy,
)
from skilltaxonomy.model._display import ShowsAsHTML
from skilltaxonomy.pages.blocks import (
    Badge,
    Block,
    Cell,
    Chart,
    Criteria,
    Description,
    Empty,
    Figure,
    Figures,
    Heading,
    Legend,
    Lines,
    Mark,
    Table,
    Text,
    Title,
)
from skilltaxonomy.people import GapReport, Plan, TeamView, Transition

#: The questions of `skilltaxonomy.people.analytics` a `PeopleAnswer` can hold.
AnswerKind: TypeAlias = Literal[
    "team", "coverage", "risk", "gap-by-skill", "promotions", "rounds", "raters"
]
ANSWER_KINDS: tuple[AnswerKind, ...] = (
    "team",
    "coverage",
    "risk",
    "gap-by-skill",
    "promotions",
    "rounds",
    "raters",
)
#: The most people a coverage grid shows one by one; beyond, it counts them by level.
GRID_PEOPLE = 200


def _rows_of(answer: Any) -> tuple[Mapping[str, Any], ...]:
    """An Arrow table's rows (or rows as dicts) as a tuple of mappings."""
    rows = answer.to_pylist() if hasattr(answer, "to_pylist") else answer
    return tuple(MappingProxyType(dict(row)) for row in rows)


@attrs.frozen
class PeopleAnswer(ShowsAsHTML):
    """An answer of the people analytics, with what it answers, ready for `render`.

    The analytics return Arrow tables of ids (`team_readiness`, `skill_gaps`,
    `key_person_risk`, `gap_by_skill`, `promotion_readiness`, `round_changes`,
    `rater_differences`); this puts a name on each id from `taxonomy`, so that the
    page reads as words. CSV and JSON keep the table's own ids and columns.

    Attributes:
        kind: Which question: one of `ANSWER_KINDS` (``"coverage"`` is `skill_gaps`).
        rows: The answer: an Arrow table, or its rows as dicts.
        taxonomy: The framework the question was asked of.
        role: The role asked about (id, name or code); "" for promotions and raters.
        target: The target level asked about; "" for promotions and raters.
        readiness: The readiness policy asked for (``"auto"``, ``"all"``, ``"not-optional"``).
        fewer_than: For ``"risk"``: the fewest people a skill needs not to be at risk.
        rounds: For ``"rounds"``: the rounds compared, before and after.
        raters: For ``"raters"``: the two kinds of rater compared.
        by_name: For ``"coverage"``: people in name order, not closest to the target first.
    """

    kind: AnswerKind = attrs.field()
    rows: tuple[Mapping[str, Any], ...] = attrs.field(converter=_rows_of, repr=False)
    taxonomy: Taxonomy = attrs.field(repr=False)
    role: str = ""
    target: str = ""
    readiness: str = "auto"
    fewer_than: int = 2
    rounds: tuple[str, str] = ("", "")
    raters: tuple[str, str] = ("self", "manager")
    by_name: bool = False

    @kind.validator
    def _known(self, attribute: Any, value: str) -> None:
        if value not in ANSWER_KINDS:
            expected = ", ".join(ANSWER_KINDS)
            raise ValueError(f"unknown kind of answer {value!r}: expected one of {expected}")


@attrs.frozen
class TeamReport(ShowsAsHTML):
    """A team's report for a role at a target level: one page a manager can send on.

    `team_report` asks the questions and draws the charts; `render` writes the page
    (``render(report, "html", standalone=True)`` is one HTML file read offline), and a
    notebook shows it. It holds the summary (how many are ready, who, the readiness rule
    in force), each person's readiness (closest first), the gap by skill (with a chart
    of the people ready in each skill), and the coverage grid (with its heatmap).

    >>> import pyarrow as pa
    >>> from skilltaxonomy import RatingsTable, load, render, team_report
    >>> tax = load()
    >>> ratings = RatingsTable.build(tax, pa.table({"person": ["Ana", "Bo"],
    ...     "skill": ["neural-network-architectures"] * 2, "level": ["senior", "junior"]}))
    >>> report = team_report(tax, ratings, "llm-engineer", "senior", charts=False)
    >>> print(render(report, "text").splitlines()[3:5])
    ['2 people, 1 ready (50%)', 'Ready: Ana.']

    Attributes:
        team: `team_readiness`'s answer, as a `PeopleAnswer` of kind ``"team"``.
        by_skill: `gap_by_skill`'s answer (kind ``"gap-by-skill"``).
        coverage: `skill_gaps`' answer (kind ``"coverage"``).
        charts: The charts drawn (SVG): the people ready per skill, then the heatmap.
        plot_missing: The charts were asked for, and matplotlib (the ``plot`` extra) is
            not installed: the page says so in a sentence.
        round: The round the ratings were read as of (None: the latest of each).
        rater: The kind of rater counted (None: every rater, as `team_readiness`).
        org_unit: The org unit counted (None: everyone).
    """

    team: PeopleAnswer
    by_skill: PeopleAnswer
    coverage: PeopleAnswer
    charts: tuple[Chart, ...] = attrs.field(default=(), repr=False)
    plot_missing: bool = False
    round: str | None = None
    rater: str | None = None
    org_unit: str | None = None

    @property
    def taxonomy(self) -> Taxonomy:
        """The framework the questions were asked of."""
        return self.team.taxonomy

    @property
    def ready(self) -> tuple[str, ...]:
        """The people ready, closest first as the readiness table orders them."""
        return tuple(str(row["person"]) for row in self.team.rows if row["ready"])


#: What `render` takes: the results of the framework's queries and of people's questions.
Renderable: TypeAlias = (
    Profile
    | RoleMatrix
    | Comparison
    | Taxonomy
    | GapReport
    | Plan
    | Transition
    | TeamView
    | TaxonomyDiff
    | PeopleAnswer
    | TeamReport
)

Builder: TypeAlias = Callable[[Any, Messages, bool], list[Block]]
# What has a name that the framework may translate.
Named: TypeAlias = Domain | Skill | Role | Level | Scale | Step


# Pages -----------------------------------------------------------------------------------


def _no_link(entity: Skill | Role) -> str:
    return ""


@attrs.frozen
class Links:
    """What a page adds to the framework's text: links, and the language of untranslated text.

    `render` adds neither; the site links each skill and role to its page and marks text
    the framework has not translated with its own language (`own`).

    Attributes:
        href: The address of a skill's or role's page ("" for none).
        own: The language of the framework's own text ("" to leave it unmarked).
    """

    href: Callable[[Skill | Role], str] = _no_link
    own: str = ""


#: No links, no language marks: how `render` writes a page.
NO_LINKS = Links()


def said(entity: Any, field: str, words: Messages, links: Links = NO_LINKS) -> Text:
    """An entity's name, summary or description in the page's language, else its own.

    Text the framework has not translated is marked with `Links.own` where that is not
    the page's language.
    """
    own: str = getattr(entity, field)
    found = entity.translations.text(words.locale, field, "")
    if found or not own:
        return Text(found or own)
    return Text(own, _own_lang(links, words))


def named(entity: Any, words: Messages, links: Links = NO_LINKS) -> Text:
    """An entity's name as `said`, linked to its page when it is a skill or role."""
    text = said(entity, "name", words, links)
    if isinstance(entity, (Skill, Role)):
        return attrs.evolve(text, href=links.href(entity))
    return text


def step_badge(step: Step, words: Messages, *, short: bool = False) -> Badge:
    """A step as a badge: its code, its name, and its place on the scale for the colour.

    >>> from skilltaxonomy import Step
    >>> from skilltaxonomy._i18n import messages
    >>> step_badge(Step("w", "Working", 2, code="W"), messages("en"))
    Badge(code='W', name='Working', rank=1, short=False)
    """
    return Badge(step.code, _named(step, words), min(max(step.rank - 1, 0), 5), short)


def clip(text: str, limit: int) -> str:
    """`text` cut at a word before `limit` characters, with an ellipsis; 0: no limit.

    >>> clip("Designs and reviews the platform's schema", 20)
    'Designs and reviews…'
    """
    if not limit or len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if text[limit - 1] != " " and space > limit // 2:  # not at a word's end: drop the part
        cut = cut[:space]
    return cut.rstrip(" ,.;:") + "…"


def expectation_cell(
    expectation: Expectation,
    words: Messages,
    links: Links = NO_LINKS,
    *,
    mark: bool = False,
    short: bool = False,
    criteria: bool = True,
    limit: int = 0,
) -> Cell:
    """An expectation as a cell: its mandatory mark (when `mark`), step, description, criteria.

    `short` shows the step by its code alone, as a matrix does; `limit` clips the
    description (see `clip`). In text it reads ``"Required: W: Builds models"``.
    """
    parts: list[Any] = []
    if mark and expectation.mandatory:
        parts.append(Mark(flag_word(words)))
    if expectation.step is not None:
        parts.append(step_badge(expectation.step, words, short=short))
    text = said(expectation, "description", words, links)
    if text.text:
        parts.append(Description(clip(text.text, limit), text.lang))
    if criteria and expectation.criteria:
        parts.append(Criteria(expectation.criteria))
    return Cell(tuple(parts))


def _flag(expectation: Expectation, words: Messages) -> Cell | str:
    return Cell((Mark(flag_word(words)),)) if expectation.mandatory else ""


def _expectation_table(
    rows: Iterable[tuple[str | Cell, Expectation]],
    first_column: str,
    words: Messages,
    links: Links = NO_LINKS,
) -> Table:
    return Table(
        (first_column, words._("Required"), words._("Description")),
        tuple((name, _flag(e, words), expectation_cell(e, words, links)) for name, e in rows),
    )


def profile_sections(profile: Profile, words: Messages, links: Links = NO_LINKS) -> list[Block]:
    """A skill's expectations by level: a heading and a table of roles for each level.

    `render` shows them on a profile's page, and the site on the skill's page.
    """
    blocks: list[Block] = []
    for level, found in profile.by_level:
        blocks.append(Heading(_named(level, words)))
        blocks.append(
            _expectation_table(
                ((Cell((named(e.role, words, links),)), e) for e in found),
                words._("Role"),
                words,
                links,
            )
        )
    return blocks


def definitions_table(
    definitions: Iterable[Definition], words: Messages, links: Links = NO_LINKS
) -> Table:
    """What each step of a skill means (a catalogue such as SFIA): a step, its description."""
    return Table(
        (words._("Level"), words._("Description")),
        tuple(
            (
                Cell((step_badge(d.step, words),)),
                Cell(
                    (
                        Description(d.description, _own_lang(links, words)),
                        *((Criteria(d.criteria),) if d.criteria else ()),
                    )
                ),
            )
            for d in definitions
        ),
    )


def _own_lang(links: Links, words: Messages) -> str:
    return links.own if links.own and links.own != words.locale else ""


def number(value: int, words: Messages) -> str:
    """A whole number with the locale's digit grouping: 14,000 in English, 14.000 in German.

    The separator is the catalog's translation of CLDR's grouping symbol.
    """
    separator = words.pgettext("digit group separator (CLDR)", ",")
    return f"{value:,}".replace(",", separator)


def counted(text: str, value: int, words: Messages) -> str:
    """A counted label (``"14000 skills"``, from the catalog) with `value` grouped by locale."""
    return text.replace(str(value), number(value, words), 1) if value >= 1000 else text


def profile_figures(profile: Profile, words: Messages) -> Figures:
    """A skill's figures: the roles that expect it, its levels, what is mandatory."""
    # The messages are written out here so that the catalogs' extraction finds them.
    if profile.unstated_count:
        text = words.ngettext(
            "%(count)d not stated as mandatory or optional",
            "%(count)d not stated as mandatory or optional",
            profile.unstated_count,
        )
        note = counted(text, profile.unstated_count, words)
    else:
        text = words.ngettext(
            "the other %(count)d optional", "the other %(count)d optional", profile.optional_count
        )
        note = counted(text, profile.optional_count, words)
    return Figures(
        (
            Figure(
                words._("Roles"),
                number(len(profile.roles), words),
                words._("where this skill appears"),
            ),
            Figure(
                words._("Levels"),
                number(len(profile.levels), words),
                words._("structured growth path"),
            ),
            Figure(words._("Mandatory requirements"), number(profile.mandatory_count, words), note),
        )
    )


def _profile_blocks(profile: Profile, words: Messages) -> list[Block]:
    skill = profile.skill
    generic = words._("This skill defines expectations across roles and levels.")
    blocks: list[Block] = [Title(_named(skill, words))]
    blocks += [
        Lines((words._("Domain"), _named(skill.domain, words)), labelled=True),
        Heading(words._("Skill profile")),
        # Where the skill has a summary, the site shows it in place of the generic line.
        Lines((_text(skill, "summary", words) if skill.summary else generic,)),
        profile_figures(profile, words),
    ]
    place = [" › ".join(part for part in (_named(skill.domain, words), skill.category) if part)]
    if skill.updated is not None:
        place.append(words.date(skill.updated))
    blocks.append(Lines(tuple(place)))
    guide = [words._("Choose your current level and compare expectations.")]
    if profile.levels:
        guide.append(
            words._("The table shows how depth grows from %(first)s to %(last)s.")
            % {"first": _named(profile.levels[0], words), "last": _named(profile.levels[-1], words)}
        )
    blocks.append(Lines(tuple(guide)))
    blocks += profile_sections(profile, words)
    if not profile.expectations:
        blocks.append(Lines((words._("No expectations."),)))
    return blocks


def _named(entity: Named, words: Messages) -> str:
    """The entity's name in the page's language, else as the framework gives it."""
    return entity.translations.text(words.locale, "name", entity.name)


def _text(entity: Any, field: str, words: Messages) -> str:
    """The entity's summary or description in the page's language, else its own."""
    own: str = getattr(entity, field)
    return entity.translations.text(words.locale, field, own)  # type: ignore[no-any-return]


def legend(scale: Scale, words: Messages) -> Legend:
    """A scale's steps, lowest first: the legend of a grid of step codes."""
    return Legend(
        _named(scale, words),
        tuple(
            (step_badge(step, words), _text(step, "description", words) if step.description else "")
            for step in scale.steps
        ),
        tuple(step.id for step in scale.steps),
    )


def _matrix_blocks(matrix: RoleMatrix, words: Messages, *, wide: bool) -> list[Block]:
    role = matrix.role
    blocks: list[Block] = [
        Title(words._("%(role)s: skills by level") % {"role": _named(role, words)}),
    ]
    about = tuple(text for text in (role.family, _text(role, "summary", words)) if text)
    about += (
        ", ".join(
            (
                words.ngettext("%(count)d skill", "%(count)d skills", len(matrix.rows)),
                words.ngettext("%(count)d level", "%(count)d levels", len(matrix.levels)),
                words.ngettext(
                    "%(count)d mandatory", "%(count)d mandatory", matrix.mandatory_count
                ),
                words.ngettext(
                    "%(count)d requirement", "%(count)d requirements", matrix.requirement_count
                ),
            )
        ),
    )
    blocks.append(Lines(about))
    blocks += (legend(scale, words) for scale in matrix.scales)
    if wide:
        blocks.append(matrix_grid(matrix, words))
    else:
        for heading, rows in _matrix_groups(matrix, words):
            if heading:
                blocks.append(Heading(heading))
            blocks += _matrix_rows(matrix, rows, words)
    if matrix.role_levels:
        blocks.append(Heading(words._("At each level")))
        blocks.append(role_levels_table(matrix, words))
    return blocks


def _matrix_groups(matrix: RoleMatrix, words: Messages) -> list[tuple[str, list[MatrixRow]]]:
    """The matrix's rows by category, each with its heading ("" when there is one group)."""
    groups: dict[str, list[MatrixRow]] = {}
    for row in matrix.rows:
        groups.setdefault(row.skill.category, []).append(row)
    if len(groups) < 2:
        return [("", list(matrix.rows))]
    found = []
    for category, rows in groups.items():
        skills = words.ngettext("%(count)d skill", "%(count)d skills", len(rows))
        group = category or words._("Other skills")
        heading = words._("%(group)s: %(skills)s") % {"group": group, "skills": skills}
        found.append((heading, rows))
    return found


def matrix_grid(
    matrix: RoleMatrix, words: Messages, links: Links = NO_LINKS, *, limit: int = 0
) -> Table:
    """A role's skills by level as one grid, grouped by category.

    Each cell is its expectation (mandatory mark, step's code, description clipped to
    `limit`, criteria); `render` shows it on a matrix's page, and the site on the
    role's page.
    """
    groups = _matrix_groups(matrix, words)
    return Table(
        (words._("Skill"), *(_named(level, words) for level in matrix.levels)),
        tuple(
            (
                Cell((named(row.skill, words, links),)),
                *(_cell(found, words, links, limit) for found in row.cells),
            )
            for _, rows in groups
            for row in rows
        ),
        tuple((heading, len(rows)) for heading, rows in groups),
    )


def role_levels_table(matrix: RoleMatrix, words: Messages) -> Table:
    """A role's title, focus and stack at each level."""
    return Table(
        (words._("Level"), words._("Title"), words._("Focus"), words._("Stack")),
        tuple(
            (_named(r.level, words), r.title, r.focus, ", ".join(r.stack))
            for r in matrix.role_levels
        ),
    )


def _matrix_rows(matrix: RoleMatrix, rows: list[MatrixRow], words: Messages) -> list[Block]:
    """A narrow matrix: a heading and a table of levels for each skill."""
    blocks: list[Block] = []
    for row in rows:
        blocks.append(Heading(_named(row.skill, words)))
        blocks.append(
            _expectation_table(
                ((_named(e.level, words), e) for e in row.cells if e is not None),
                words._("Level"),
                words,
            )
        )
    return blocks


def _cell(found: Expectation | None, words: Messages, links: Links, limit: int) -> Cell:
    if found is None:
        return Cell((Empty(),))
    return expectation_cell(found, words, links, mark=True, short=True, limit=limit)


def _comparison_blocks(comparison: Comparison, words: Messages) -> list[Block]:
    blocks: list[Block] = [
        Title(f"{_named(comparison.skill, words)} · {_named(comparison.role, words)}"),
    ]
    current = comparison.current
    if comparison.target is None:
        blocks.append(
            Lines(
                (
                    words._("%(level)s is the top level; there is no next level.")
                    % {"level": _named(current, words)},
                )
            )
        )
    else:
        blocks.append(
            Lines(
                (
                    f"{_named(current, words)} → {_named(comparison.target, words)}",
                    ", ".join(
                        (
                            words.ngettext(
                                "%(count)d level up", "%(count)d levels up", len(comparison.crossed)
                            ),
                            words.ngettext(
                                "%(count)d expectation to cover",
                                "%(count)d expectations to cover",
                                len(comparison.steps),
                            ),
                            words.ngettext(
                                "%(count)d mandatory",
                                "%(count)d mandatory",
                                len(comparison.mandatory),
                            ),
                        )
                    ),
                )
            )
        )
    blocks += _level_section(
        words._("Now: %(level)s") % {"level": _named(current, words)},
        current,
        comparison.current_expectation,
        words,
    )
    by_level = {e.level.id: e for e in comparison.steps}
    for level in comparison.crossed:
        blocks += _level_section(
            words._("New at %(level)s") % {"level": _named(level, words)},
            level,
            by_level.get(level.id),
            words,
        )
    return blocks


def _level_section(
    heading: str, level: Level, found: Expectation | None, words: Messages
) -> list[Block]:
    if found is None:
        return [Heading(heading), Lines((words._("No expectation at this level."),))]
    return [
        Heading(heading),
        _expectation_table(((_named(level, words), found),), words._("Level"), words),
    ]


def _overview_blocks(taxonomy: Taxonomy, words: Messages) -> list[Block]:
    title = taxonomy.name if not taxonomy.version else f"{taxonomy.name} ({taxonomy.version})"
    skills = taxonomy.skills
    return [
        Title(title),
        Lines(
            (
                ", ".join(
                    (
                        words.ngettext(
                            "%(count)d domain", "%(count)d domains", len(taxonomy.domains)
                        ),
                        words.ngettext("%(count)d skill", "%(count)d skills", len(skills)),
                        words.ngettext("%(count)d role", "%(count)d roles", len(taxonomy.roles)),
                        words.ngettext("%(count)d level", "%(count)d levels", len(taxonomy.levels)),
                        words.ngettext(
                            "%(count)d expectation",
                            "%(count)d expectations",
                            len(taxonomy.expectations),
                        ),
                    )
                ),
                *_ladder_lines(taxonomy),
                *(
                    f"{_named(scale, words)}: "
                    + ", ".join(
                        f"{step.code} {_named(step, words)}" if step.code else _named(step, words)
                        for step in scale.steps
                    )
                    for scale in taxonomy.scales
                ),
            )
        ),
        Table(
            (words._("Skill"), words._("Domain"), words._("Category"), words._("Roles")),
            tuple(
                (
                    _named(skill, words),
                    _named(skill.domain, words),
                    skill.category,
                    ", ".join(_named(role, words) for role in taxonomy.roles.filter(skill=skill)),
                )
                for skill in skills
            ),
        ),
    ]


def _ladder_lines(taxonomy: Taxonomy) -> tuple[str, ...]:
    """The framework's own ladder, then each named ladder, entry level first."""
    own = taxonomy.levels_of_ladder()
    lines = (" → ".join(level.name for level in own),) if own or not taxonomy.ladders else ()
    return lines + tuple(
        f"{ladder.name}: " + " → ".join(level.name for level in ladder.levels)
        for ladder in taxonomy.ladders
    )


def _level_name(level: Level | None, words: Messages) -> str:
    return words._("not assessed") if level is None else _named(level, words)


def _fraction(met: int, required: int) -> str:
    return f"{met}/{required}"


def _gap_blocks(report: GapReport, words: Messages) -> list[Block]:
    if report.ready:
        verdict = (
            words._("Ready: every item is met.")
            if report.readiness == "all"
            else words._("Ready: every item not marked optional is met.")
        )
    elif report.readiness == "all":
        verdict = words.ngettext(
            "Not ready: %(count)d item to cover.",
            "Not ready: %(count)d items to cover.",
            len(report.blocking),
        )
    elif all(e.mandatory for e in report.blocking):
        verdict = words.ngettext(
            "Not ready: %(count)d mandatory item to cover.",
            "Not ready: %(count)d mandatory items to cover.",
            len(report.blocking),
        )
    else:  # some of what blocks has no stated requirement
        verdict = words.ngettext(
            "Not ready: %(count)d item not marked optional to cover.",
            "Not ready: %(count)d items not marked optional to cover.",
            len(report.blocking),
        )
    blocks: list[Block] = [
        Title(
            words._("%(person)s: %(role)s at %(level)s")
            % {
                "person": report.person,
                "role": _named(report.role, words),
                "level": _named(report.target, words),
            }
        ),
        Lines(
            (
                verdict,
                words._(
                    "%(met)d of %(required)d items met; %(mandatory_met)d of %(mandatory)d mandatory."  # noqa: E501
                )
                % {
                    "met": report.items_met,
                    "required": report.items_required,
                    "mandatory_met": report.mandatory_met,
                    "mandatory": report.mandatory_required,
                },
                readiness_rule(report.readiness, words),
            )
        ),
        Table(
            (
                words._("Skill"),
                words._("Level met"),
                words._("Level required"),
                words._("Items met"),
                words._("Mandatory met"),
            ),
            tuple(
                (
                    _named(s.skill, words),
                    _level_name(s.met, words),
                    _named(s.required, words),
                    _fraction(len(s.met_items), len(s.required_items)),
                    _fraction(s.mandatory_met, s.mandatory_required),
                )
                for s in report.skills
            ),
        ),
        Heading(words._("Still to cover")),
    ]
    if report.to_cover:
        blocks.append(_skill_table(report.to_cover, words, with_level=True))
    else:
        blocks.append(Lines((words._("Nothing left to cover."),)))
    return blocks


def _skill_table(found: Iterable[Expectation], words: Messages, *, with_level: bool) -> Table:
    if not with_level:
        return skills_table(found, words)

    def name(e: Expectation) -> str:
        return f"{_named(e.skill, words)} · {_named(e.level, words)}"

    return _expectation_table(((name(e), e) for e in found), words._("Skill"), words)


def skills_table(found: Iterable[Expectation], words: Messages, links: Links = NO_LINKS) -> Table:
    """Expectations by skill: the skill, its mandatory mark, step and description.

    `render` shows what each level of a `path` adds in it, and the site's page of a
    role's level what the next level adds.
    """
    return _expectation_table(
        ((Cell((named(e.skill, words, links),)), e) for e in found),
        words._("Skill"),
        words,
        links,
    )


def _plan_blocks(plan: Plan, words: Messages) -> list[Block]:
    blocks: list[Block] = [
        Title(
            words._("%(role)s: from %(start)s to %(end)s")
            % {
                "role": _named(plan.role, words),
                "start": _named(plan.start, words),
                "end": _named(plan.end, words),
            }
        ),
        Lines((words.ngettext("%(count)d step", "%(count)d steps", len(plan.steps)),)),
    ]
    for step in plan.steps:
        blocks.append(Heading(_named(step.level, words)))
        if step.expectations:
            blocks.append(_skill_table(step.expectations, words, with_level=False))
        else:
            blocks.append(Lines((words._("No expectation at this level."),)))
    return blocks


def _transition_blocks(move: Transition, words: Messages) -> list[Block]:
    def names(skills: Iterable[Skill]) -> str:
        return ", ".join(_named(s, words) for s in skills) or "—"

    return [
        Title(
            words._("%(from)s → %(to)s at %(level)s")
            % {
                "from": _named(move.from_role, words),
                "to": _named(move.to_role, words),
                "level": _named(move.level, words),
            }
        ),
        Figures(
            (
                Figure(
                    words._("Shared skills"), number(len(move.shared), words), names(move.shared)
                ),
                Figure(words._("New skills"), number(len(move.new), words), names(move.new)),
                Figure(
                    words._("Skills left behind"), number(len(move.left), words), names(move.left)
                ),
            )
        ),
        Heading(
            words._("What %(role)s expects at %(level)s")
            % {"role": _named(move.to_role, words), "level": _named(move.level, words)}
        ),
        _skill_table(move.expectations, words, with_level=False)
        if move.expectations
        else Lines((words._("No expectation at this level."),)),
    ]


def _team_blocks(view: TeamView, words: Messages) -> list[Block]:
    people = [report.person for report in view.reports]
    yes, no = words._("yes"), words._("no")
    title = Title(
        words._("%(role)s at %(level)s: the team")
        % {"role": _named(view.role, words), "level": _named(view.target, words)}
    )
    if not view.reports:
        return [title, Lines((words._("No one to show."),))]
    ready = sum(1 for report in view.reports if report.ready)
    return [
        title,
        Lines(
            (
                readiness_rule(view.reports[0].readiness, words),
                _ready_count(ready, len(people), words),
            )
        ),
        Table(
            (words._("Person"), words._("Ready"), words._("Items met"), words._("Mandatory met")),
            tuple(
                (
                    r.person,
                    yes if r.ready else no,
                    _fraction(r.items_met, r.items_required),
                    _fraction(r.mandatory_met, r.mandatory_required),
                )
                for r in view.reports
            ),
        ),
        Heading(words._("Levels met")),
        Lines(
            (
                words._(
                    "Target: %(level)s. ✓ marks a skill met by the rule in force; — not assessed."
                )
                % {"level": _named(view.target, words)},
            )
        ),
        _team_grid(view, words),
    ]


def _team_grid(view: TeamView, words: Messages) -> Table:
    """A team's levels met: skills down, people across (closest first), levels as badges."""
    rows: list[tuple[str | Cell, ...]] = []
    for skill in view.skills:
        gaps = [next(s for s in report.skills if s.skill.id == skill.id) for report in view.reports]
        rows.append(
            (
                _named(skill, words),
                _level_badge(view.target, words),
                *(_level_badge(g.met, words, ready=g.ready) for g in gaps),
            )
        )
    header = (words._("Skill"), words._("Target"), *(r.person for r in view.reports))
    return Table(header, tuple(rows), (("", len(rows)),), compact=True)


def _diff_blocks(changes: TaxonomyDiff, words: Messages) -> list[Block]:
    def label(taxonomy: Taxonomy) -> str:
        return f"{taxonomy.name} {taxonomy.version}".strip()

    kinds = {
        "framework": words._("Framework"),
        "domain": words._("Domain"),
        "skill": words._("Skill"),
        "role": words._("Role"),
        "level": words._("Level"),
        "expectation": words._("Expectation"),
    }
    headings = {"added": words._("Added"), "removed": words._("Removed")}
    headings["changed"] = words._("Changed")
    blocks: list[Block] = [
        Title(
            words._("Changes from %(old)s to %(new)s")
            % {"old": label(changes.old), "new": label(changes.new)}
        ),
        Figures(
            tuple(
                Figure(headings[action], str(len(changes.of(action))), "")
                for action in ("added", "removed", "changed")
            )
        ),
    ]
    if not changes:
        blocks.append(Lines((words._("No changes."),)))
    for action in ("added", "removed", "changed"):
        found = changes.of(action)
        if not found:
            continue
        blocks.append(Heading(headings[action]))
        last = words._("What changed") if action == "changed" else words._("Name")
        blocks.append(
            Table(
                (words._("Kind"), "Id", last),
                tuple(
                    (
                        kinds[change.kind],
                        change.key,
                        "\n".join(map(str, change.fields)) if change.fields else change.name,
                    )
                    for change in found
                ),
            )
        )
    return blocks


# People at scale: the answers of the analytics (Arrow tables) as pages --------------------


def closest_first(
    rows: Iterable[Mapping[str, Any]], *, order: Iterable[Any] = (), by_name: bool = False
) -> list[str]:
    """The people of `skill_gaps` rows, closest to the target first, as `team_readiness` has them.

    The one rule of every grid and chart of people: the people `order` names first, in
    its order (`team_readiness`'s rows, or names); the others as `team_readiness` orders
    them: ready first, then fewest items blocking, fewest mandatory items missing, fewest
    items missing, then by name. `by_name` orders them all by name.

    >>> rows = [
    ...     {"person": p, "blocking": 1, "mandatory_required": m, "mandatory_met": 0,
    ...      "items_required": 2, "items_met": 1}
    ...     for p, m in (("A", 1), ("B", 2), ("C", 1))
    ... ]
    >>> closest_first(rows), closest_first(rows, order=["C"]), closest_first(rows, by_name=True)
    (['A', 'C', 'B'], ['C', 'A', 'B'], ['A', 'B', 'C'])
    """
    rows = list(rows)
    people = list(dict.fromkeys(str(row["person"]) for row in rows))
    if by_name:
        return sorted(people)
    totals = {person: [0, 0, 0] for person in people}
    for row in rows:
        total = totals[str(row["person"])]
        total[0] += row["blocking"]
        total[1] += row["mandatory_required"] - row["mandatory_met"]
        total[2] += row["items_required"] - row["items_met"]
    # team_readiness's ORDER BY: ready (nothing blocking) first, then the fewest missing.
    ruled = sorted(people, key=lambda person: (totals[person][0] > 0, *totals[person], person))
    named = [
        str(person["person"]) if isinstance(person, Mapping) else str(person) for person in order
    ]
    first = [person for person in dict.fromkeys(named) if person in totals]
    placed = set(first)
    return first + [person for person in ruled if person not in placed]


def yes_no(value: object, words: Messages) -> str:
    """``yes`` or ``no`` in the locale ("" for a missing value)."""
    if value is None:
        return ""
    return words._("yes") if value else words._("no")


def percent(part: int, whole: int, words: Messages) -> str:
    r"""`part` of `whole` as a whole percentage by locale: 45% in English, 45 % in German.

    Halves round up: 1 of 8 is 13%.

    >>> from skilltaxonomy._i18n import messages
    >>> en, de = messages("en"), messages("de")
    >>> percent(9, 20, en), percent(9, 20, de), percent(1, 8, en)
    ('45%', '45\xa0%', '13%')
    """
    # Half up, as people read a share (1 of 8 is 13%), not half to even as round() does.
    value = (200 * part + whole) // (2 * whole) if whole else 0
    return words.pgettext("percent pattern (CLDR)", "{value}%").replace("{value}", str(value))


def signed(value: int, words: Messages) -> str:
    """A change with its sign, grouped by locale: +3, −2, 0."""
    if value > 0:
        return "+" + number(value, words)
    return "−" + number(-value, words) if value < 0 else "0"


def readiness_rule(policy: str, words: Messages) -> str:
    """The readiness policy in force, said in one line (``"all"`` or ``"not-optional"``).

    >>> from skilltaxonomy._i18n import messages
    >>> readiness_rule("all", messages("en"))
    'Ready means every item up to the target is met (readiness policy: all).'
    """
    if policy == "all":
        return words._("Ready means every item up to the target is met (readiness policy: all).")
    if policy == "not-optional":
        return words._(
            "Ready means every item up to the target not marked optional is met "
            "(readiness policy: not-optional)."
        )
    return words._(
        "Ready means every item not marked optional is met where the role marks some "
        "mandatory, else every item (readiness policy: auto)."
    )


def _applied(answer: PeopleAnswer, role: Role | None, target: Level | None) -> str:
    """The policy in force for one role and target, as `gap` decides ``"auto"``."""
    if answer.readiness != "auto" or role is None or target is None:
        return answer.readiness
    tax = answer.taxonomy
    flagged = any(
        e.mandatory
        for skill in tax.skills.filter(role=role)
        for e in tax.progression(skill, role)
        if e.level <= target
    )
    return "not-optional" if flagged else "all"


def _ready_count(ready: int, people: int, words: Messages) -> str:
    text = words.ngettext("%(count)d person", "%(count)d people", people)
    # "ready" agrees with its count in some languages: "1 lista", "2 listas".
    ready_text = words.ngettext("%(count)d ready", "%(count)d ready", ready)
    return words._("%(people)s, %(ready)s (%(percent)s)") % {
        "people": counted(text, people, words),
        "ready": counted(ready_text, ready, words),
        "percent": percent(ready, people, words),
    }


class _Names:
    """Ids of an answer looked up in the framework, as the page's language says them."""

    def __init__(self, taxonomy: Taxonomy, words: Messages) -> None:
        self.taxonomy = taxonomy
        self.words = words
        self._steps = {step.id: step for scale in taxonomy.scales for step in scale.steps}

    def skill(self, key: str) -> str:
        found = self.taxonomy.skill(key, None)
        return key if found is None else _named(found, self.words)

    def role(self, key: str | None) -> str:
        found = None if key is None else self.taxonomy.role(key, None)
        return key or "" if found is None else _named(found, self.words)

    def level(self, key: str | None) -> str:
        if key is None:
            return self.words._("not assessed")
        found = self.taxonomy.level(key, None)
        return key if found is None else _named(found, self.words)

    def step(self, key: str | None) -> str:
        if key is None:
            return self.words._("not assessed")
        found = self._steps.get(key)
        if found is None:
            return key
        name = _named(found, self.words)
        return f"{found.code} ({name})" if found.code else name


def _goal(answer: PeopleAnswer) -> tuple[Role | None, Level | None]:
    tax = answer.taxonomy
    role = tax.role(answer.role, None) if answer.role else None
    target = tax.level(answer.target, None) if answer.target else None
    return role, target


def _goal_title(answer: PeopleAnswer, words: Messages, what: str) -> Title:
    role, target = _goal(answer)
    if role is None or target is None:
        return Title(what)
    return Title(
        words._("%(role)s at %(level)s: %(what)s")
        % {"role": _named(role, words), "level": _named(target, words), "what": what}
    )


def _rule(answer: PeopleAnswer, words: Messages) -> str:
    return readiness_rule(_applied(answer, *_goal(answer)), words)


def _answer_team(answer: PeopleAnswer, words: Messages) -> list[Block]:
    blocks: list[Block] = [
        _goal_title(answer, words, words._("readiness")),
    ]
    rows = answer.rows
    if not rows:
        return [*blocks, Lines((words._("No one to show."),))]
    ready = sum(1 for row in rows if row["ready"])
    blocks.append(Lines((_rule(answer, words), _ready_count(ready, len(rows), words))))
    blocks.append(
        Table(
            (
                words._("Person"),
                words._("Ready"),
                words._("Items blocking"),
                words._("Items met"),
                words._("Mandatory met"),
            ),
            tuple(
                (
                    str(row["person"]),
                    yes_no(row["ready"], words),
                    number(row["blocking"], words),
                    _fraction(row["items_met"], row["items_required"]),
                    _fraction(row["mandatory_met"], row["mandatory_required"]),
                )
                for row in rows
            ),
        )
    )
    return blocks


def _level_badge(level: Level | None, words: Messages, *, ready: bool = False) -> Cell:
    """A level met as a short badge (a dash when not assessed), ticked when it is enough."""
    if level is None:
        return Cell((Empty(),))
    # The name is the badge's text; a title repeating it would say nothing more.
    badge = Badge(_named(level, words), "", min(max(level.rank - 1, 0), 5), True)
    return Cell((badge, Text("✓"))) if ready else Cell((badge,))


def _answer_coverage(
    answer: PeopleAnswer, words: Messages, order: Iterable[Any] = ()
) -> list[Block]:
    """The coverage grid, people in `order` (the readiness answer), as `closest_first` says."""
    blocks: list[Block] = [_goal_title(answer, words, words._("coverage"))]
    rows = answer.rows
    if not rows:
        return [*blocks, Lines((words._("No one to show."),))]
    tax = answer.taxonomy
    role, _ = _goal(answer)
    people = closest_first(rows, order=order, by_name=answer.by_name)
    skills = list(dict.fromkeys(str(row["skill_id"]) for row in rows))
    blocking = dict.fromkeys(people, 0)
    for row in rows:
        blocking[str(row["person"])] += row["blocking"]
    cell = {(str(row["person"]), str(row["skill_id"])): row for row in rows}
    required = {str(row["skill_id"]): row["required_rank"] for row in rows}
    ladder = list(tax.levels_of_role(role)) if role is not None else []
    by_rank = {level.rank: level for level in ladder}
    names = _Names(tax, words)
    ready_people = sum(1 for person in people if not blocking[person])
    target_name = names.level(answer.target) if answer.target else ""
    blocks.append(
        Lines(
            (
                _rule(answer, words),
                _ready_count(ready_people, len(people), words),
                words._(
                    "Target: %(level)s. ✓ marks a skill met by the rule in force; — not assessed."
                )
                % {"level": target_name},
            )
        )
    )
    target_header = words._("Target")
    if len(people) > GRID_PEOPLE:
        # Too many columns to read: each level's people counted instead, per skill.
        columns = [None, *ladder]
        counts = {skill: [0] * len(columns) for skill in skills}
        ready_of = dict.fromkeys(skills, 0)
        for row in rows:
            met = tax.level(row["met_id"], None) if row["met_id"] else None
            at = (
                0
                if met is None
                else 1
                + next((i for i, level in enumerate(ladder) if level.id == met.id), len(ladder) - 1)
            )
            counts[str(row["skill_id"])][at] += 1
            ready_of[str(row["skill_id"])] += bool(row["ready"])
        blocks.append(
            Lines(
                (
                    words._("%(count)s people: each cell counts the people at that level.")
                    % {"count": number(len(people), words)},
                )
            )
        )
        counted_rows: tuple[tuple[str | Cell, ...], ...] = tuple(
            (
                names.skill(skill),
                _level_badge(by_rank.get(required[skill]), words),
                *(number(n, words) for n in counts[skill]),
                number(ready_of[skill], words),
            )
            for skill in skills
        )
        header = (
            words._("Skill"),
            target_header,
            words._("not assessed"),
            *(_named(level, words) for level in ladder),
            words._("Ready"),
        )
        blocks.append(Table(header, counted_rows, (("", len(counted_rows)),), compact=True))
        return blocks
    table_rows: tuple[tuple[str | Cell, ...], ...] = tuple(
        (
            names.skill(skill),
            _level_badge(by_rank.get(required[skill]), words),
            *(_coverage_cell(cell.get((person, skill)), tax, words) for person in people),
        )
        for skill in skills
    )
    header = (words._("Skill"), target_header, *people)
    blocks.append(Table(header, table_rows, (("", len(table_rows)),), compact=True))
    return blocks


def _coverage_cell(row: Mapping[str, Any] | None, tax: Taxonomy, words: Messages) -> Cell:
    if row is None or row["met_id"] is None:
        return Cell((Empty(),))
    return _level_badge(tax.level(row["met_id"], None), words, ready=bool(row["ready"]))


def _answer_risk(answer: PeopleAnswer, words: Messages) -> list[Block]:
    blocks: list[Block] = [_goal_title(answer, words, words._("key-person risk"))]
    names = _Names(answer.taxonomy, words)
    least = words.ngettext(
        "A skill is at risk when fewer than %(count)d person meets it.",
        "A skill is at risk when fewer than %(count)d people meet it.",
        answer.fewer_than,
    )
    blocks.append(Lines((_rule(answer, words), least)))
    if not answer.rows:
        return [*blocks, Lines((words._("No skill is at risk."),))]
    count = words.ngettext("%(count)d skill at risk", "%(count)d skills at risk", len(answer.rows))
    blocks.append(Lines((count,)))
    blocks.append(
        Table(
            (words._("Skill"), words._("People who meet it"), words._("Who")),
            tuple(
                (
                    names.skill(row["skill_id"]),
                    number(row["people"], words),
                    ", ".join(row["who"] or ()) or "—",
                )
                for row in answer.rows
            ),
        )
    )
    return blocks


def _answer_gap_by_skill(answer: PeopleAnswer, words: Messages) -> list[Block]:
    blocks: list[Block] = [_goal_title(answer, words, words._("gap by skill"))]
    names = _Names(answer.taxonomy, words)
    blocks.append(Lines((_rule(answer, words),)))
    if not answer.rows:
        return [*blocks, Lines((words._("No one to show."),))]
    blocks.append(
        Table(
            (
                words._("Org unit"),
                words._("Skill"),
                words._("People"),
                words._("Ready"),
                words._("Share ready"),
                words._("Items missing"),
            ),
            tuple(
                (
                    row["org_unit"] or words._("no org unit"),
                    names.skill(row["skill_id"]),
                    number(row["people"], words),
                    number(row["ready"], words),
                    percent(row["ready"], row["people"], words),
                    number(row["items_missing"], words),
                )
                for row in answer.rows
            ),
        )
    )
    return blocks


def _answer_promotions(answer: PeopleAnswer, words: Messages) -> list[Block]:
    blocks: list[Block] = [Title(words._("Promotions: each person against the next level"))]
    rows = answer.rows
    names = _Names(answer.taxonomy, words)
    blocks.append(Lines((readiness_rule(answer.readiness, words),)))
    if not rows:
        return [*blocks, Lines((words._("No one has a next level to reach."),))]
    ready = sum(1 for row in rows if row["ready"])
    blocks.append(Lines((_ready_count(ready, len(rows), words),)))
    blocks.append(
        Table(
            (
                words._("Person"),
                words._("Role"),
                words._("Level"),
                words._("Next level"),
                words._("Ready"),
                words._("Items blocking"),
                words._("Items met"),
            ),
            tuple(
                (
                    str(row["person"]),
                    names.role(row["role"]),
                    names.level(row["level"]),
                    names.level(row["target"]),
                    yes_no(row["ready"], words),
                    number(row["blocking"], words),
                    _fraction(row["items_met"], row["items_required"]),
                )
                for row in rows
            ),
        )
    )
    return blocks


def _answer_rounds(answer: PeopleAnswer, words: Messages) -> list[Block]:
    before, after = answer.rounds
    what = words._("from round %(before)s to round %(after)s") % {
        "before": before or "?",
        "after": after or "?",
    }
    blocks: list[Block] = [_goal_title(answer, words, what), Lines((_rule(answer, words),))]
    if not answer.rows:
        return [*blocks, Lines((words._("No one to show."),))]
    blocks.append(
        Table(
            (
                words._("Person"),
                words._("Items met before"),
                words._("Items met after"),
                words._("Change"),
                words._("Ready before"),
                words._("Ready after"),
            ),
            tuple(
                (
                    str(row["person"]),
                    number(row["items_met_before"], words),
                    number(row["items_met_after"], words),
                    signed(row["change"], words),
                    yes_no(row["ready_before"], words),
                    yes_no(row["ready_after"], words),
                )
                for row in answer.rows
            ),
        )
    )
    return blocks


def rated_by(kind: str, words: Messages) -> str:
    """Who gave a kind of rater's ratings, as a sentence says it after "by" ("their manager").

    The kinds of `RATER_KINDS` have words in the catalog; another kind is its own id.

    >>> from skilltaxonomy._i18n import messages
    >>> rated_by("manager", messages("de")), rated_by("coach", messages("en"))
    ('die Führungskraft', 'coach')
    """
    found = {
        "self": words.pgettext("who rated, after 'by'", "the person themselves"),
        "manager": words.pgettext("who rated, after 'by'", "their manager"),
        "peer": words.pgettext("who rated, after 'by'", "peers"),
        "agreed": words.pgettext("who rated, after 'by'", "agreement"),
    }
    return found.get(kind, kind)


def rater_label(kind: str, words: Messages) -> str:
    """A kind of rater in a word, as a column's header names it ("Level (manager)").

    >>> from skilltaxonomy._i18n import messages
    >>> rater_label("self", messages("es")), rater_label("coach", messages("es"))
    ('autoevaluación', 'coach')
    """
    found = {
        "self": words.pgettext("rater kind, in a column header", "self"),
        "manager": words.pgettext("rater kind, in a column header", "manager"),
        "peer": words.pgettext("rater kind, in a column header", "peer"),
        "agreed": words.pgettext("rater kind, in a column header", "agreed"),
    }
    return found.get(kind, kind)


def _answer_raters(answer: PeopleAnswer, words: Messages) -> list[Block]:
    first, second = answer.raters
    names = _Names(answer.taxonomy, words)
    blocks: list[Block] = [
        Title(
            words._("Ratings by %(first)s and by %(second)s")
            % {"first": rated_by(first, words), "second": rated_by(second, words)}
        )
    ]
    if not answer.rows:
        return [*blocks, Lines((words._("No skill rated by both."),))]

    def difference(value: int | None) -> str:
        return "—" if value is None else signed(value, words)

    # Steps only where a rater gave one (a catalogue such as SFIA rates by step).
    steps = any(row.get("first_step") or row.get("second_step") for row in answer.rows)
    header = [
        words._("Person"),
        words._("Skill"),
        words._("Level (%(rater)s)") % {"rater": rater_label(first, words)},
        words._("Level (%(rater)s)") % {"rater": rater_label(second, words)},
        words._("Difference in levels"),
    ]
    if steps:
        header += [
            words._("Step (%(rater)s)") % {"rater": rater_label(first, words)},
            words._("Step (%(rater)s)") % {"rater": rater_label(second, words)},
            words._("Difference in steps"),
        ]
    rows: list[tuple[str | Cell, ...]] = []
    for row in answer.rows:
        found: tuple[str | Cell, ...] = (
            str(row["person"]),
            names.skill(row["skill_id"]),
            names.level(row["first_level"]),
            names.level(row["second_level"]),
            difference(row["level_difference"]),
        )
        if steps:
            found += (
                names.step(row.get("first_step")),
                names.step(row.get("second_step")),
                difference(row.get("step_difference")),
            )
        rows.append(found)
    blocks.append(Table(tuple(header), tuple(rows)))
    return blocks


_ANSWER_BUILDERS: Mapping[str, Callable[[PeopleAnswer, Messages], list[Block]]] = MappingProxyType(
    {
        "team": _answer_team,
        "coverage": _answer_coverage,
        "risk": _answer_risk,
        "gap-by-skill": _answer_gap_by_skill,
        "promotions": _answer_promotions,
        "rounds": _answer_rounds,
        "raters": _answer_raters,
    }
)


def _answer_blocks(answer: PeopleAnswer, words: Messages) -> list[Block]:
    return _ANSWER_BUILDERS[answer.kind](answer, words)


#: The most names the summary of a team report lists as ready; beyond, it counts the rest.
READY_NAMES = 20


def _who_is_ready(ready: tuple[str, ...], words: Messages) -> str:
    if not ready:
        return words._("No one is ready yet.")
    # No-break spaces keep each name whole where text wraps.
    people = ", ".join(name.replace(" ", "\u00a0") for name in ready[:READY_NAMES])
    more = len(ready) - READY_NAMES
    if more > 0:
        text = words.ngettext("and %(count)d more", "and %(count)d more", more)
        people += " " + counted(text, more, words)
    # "Ready" agrees with how many in some languages: "Persona lista", "Personas listas".
    line = (
        words.pgettext("one person", "Ready: %(people)s.")
        if len(ready) == 1
        else words._("Ready: %(people)s.")
    )
    return line % {"people": people}


def _asked(report: TeamReport, words: Messages) -> str:
    """What the ratings were narrowed to, in a line ("" when to nothing)."""
    parts = []
    if report.org_unit is not None:
        parts.append(words._("org unit %(unit)s") % {"unit": report.org_unit})
    if report.round is not None:
        parts.append(words._("ratings as of round %(round)s") % {"round": report.round})
    if report.rater is not None:
        parts.append(
            words._("ratings by %(rater)s only") % {"rater": rated_by(report.rater, words)}
        )
    return words._("Asked of: %(what)s.") % {"what": "; ".join(parts)} if parts else ""


def _section(blocks: list[Block], said: set[str]) -> list[Block]:
    """An answer's page as a section of the report: no title, nothing the summary said."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Title):
            continue
        if isinstance(block, Lines):
            lines = tuple(line for line in block.lines if line not in said)
            if lines:
                out.append(attrs.evolve(block, lines=lines))
            continue
        out.append(block)
    return out


def _report_blocks(report: TeamReport, words: Messages) -> list[Block]:
    team = report.team
    rule = _rule(team, words)
    blocks: list[Block] = [_goal_title(team, words, words._("team report"))]
    asked = _asked(report, words)
    if not team.rows:
        lines = tuple(line for line in (rule, asked) if line)
        return [*blocks, Lines(lines), Lines((words._("No one to show."),))]
    summary = (
        _ready_count(len(report.ready), len(team.rows), words),
        _who_is_ready(report.ready, words),
        rule,
    )
    blocks.append(Lines(summary + ((asked,) if asked else ())))
    if report.plot_missing:
        blocks.append(
            Lines(
                (
                    words._(
                        "The charts are left out: they need matplotlib "
                        "(pip install 'skilltaxonomy[plot]')."
                    ),
                )
            )
        )
    said = set(summary)
    charts = list(report.charts)
    blocks.append(Heading(words._("Readiness, closest first")))
    blocks += _section(_answer_team(team, words), said)
    blocks.append(Heading(words._("Gap by skill")))
    blocks += charts[:1]
    blocks += _section(_answer_gap_by_skill(report.by_skill, words), said)
    blocks.append(Heading(words._("Coverage: the level each person meets")))
    blocks += charts[1:]
    blocks += _section(_answer_coverage(report.coverage, words, report.team.rows), said)
    return blocks


def _narrow(build: Callable[[Any, Messages], list[Block]]) -> Builder:
    """A builder that lays its page out the same way whatever the width."""
    return lambda item, words, wide: build(item, words)


#: Each renderable type and the builder of its page; `wide` asks for tables over lists.
BUILDERS: Mapping[type, Builder] = MappingProxyType(
    {
        Profile: _narrow(_profile_blocks),
        RoleMatrix: lambda item, words, wide: _matrix_blocks(item, words, wide=wide),
        Comparison: _narrow(_comparison_blocks),
        Taxonomy: _narrow(_overview_blocks),
        GapReport: _narrow(_gap_blocks),
        Plan: _narrow(_plan_blocks),
        Transition: _narrow(_transition_blocks),
        TeamView: _narrow(_team_blocks),
        TaxonomyDiff: _narrow(_diff_blocks),
        PeopleAnswer: _narrow(_answer_blocks),
        TeamReport: _narrow(_report_blocks),
    }
)


def builder(item: object) -> Builder:
    """The builder of `item`'s page (found by its type, or a base class's).

    Raises:
        TypeError: Nothing renders that type.
    """
    for cls in type(item).__mro__:
        found = BUILDERS.get(cls)
        if found is not None:
            return found
    expected = ", ".join(cls.__name__ for cls in BUILDERS)
    raise TypeError(f"cannot render {type(item).__name__}: expected one of {expected}")


def build(item: object, words: Messages, *, wide: bool) -> list[Block]:
    """Lay `item` out as blocks, in the language of `words`."""
    return builder(item)(item, words, wide)
