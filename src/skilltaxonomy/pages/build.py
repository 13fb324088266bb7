"""Pages for people: a skill's profile, a role's matrix, a comparison, in text, Markdown, HTML.

Each page is first laid out as a few blocks (title, heading, lines, figures, table),
whatever the format, with every label taken from the locale's catalog; one writer per
format then turns the blocks into text. Text from a framework is escaped by the
writers only: HTML escapes markup, Markdown escapes what would be read as markup or
table structure, and plain text shows control characters as escapes.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Literal, TypeAlias

import attrs

from skilltaxonomy._i18n import Messages, messages
from skilltaxonomy.model.entities import Comparison, Expectation, Level, Profile, RoleMatrix, Skill
from skilltaxonomy.model.taxonomy import Taxonomy

#: The output formats of `render`.
Format: TypeAlias = Literal["text", "md", "html"]
FORMATS: tuple[Format, ...] = ("text", "md", "html")

if TYPE_CHECKING:
    from skilltaxonomy.compare import TaxonomyDiff
    from skilltaxonomy.people.gap import GapReport, Plan, TeamView, Transition

Renderable: TypeAlias = (
    "Profile | RoleMatrix | Comparison | Taxonomy | GapReport | Plan | Transition | TeamView"
    " | TaxonomyDiff"
)


# Blocks: what a page says, before it is written in a format ----------------------------


@attrs.frozen
class _Title:
    text: str


@attrs.frozen
class _Heading:
    text: str


@attrs.frozen
class _Lines:
    """Lines shown one under the other; the first is a label when `labelled`."""

    lines: tuple[str, ...]
    labelled: bool = False


@attrs.frozen
class _Figure:
    label: str
    value: str
    note: str


@attrs.frozen
class _Figures:
    figures: tuple[_Figure, ...]


@attrs.frozen
class _Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


_Block: TypeAlias = _Title | _Heading | _Lines | _Figures | _Table


def render(
    item: Renderable,
    format: Format = "text",
    *,
    locale: str = "en",
    width: int = 100,
    standalone: bool = False,
) -> str:
    """Write a profile, role matrix, comparison or framework overview for people.

    Args:
        item: What `Taxonomy.profile`, `Taxonomy.matrix`, `Taxonomy.compare`, `gap`,
            `path`, `transition`, `team` or `diff` returned, or a `Taxonomy` for an
            overview.
        format: ``"text"`` for a terminal, ``"md"`` for Markdown, ``"html"`` for an
            HTML fragment with a small inline stylesheet.
        locale: The language of the labels and dates (see `available_locales`); the
            framework's own text is shown as it is.
        width: The width plain text wraps to (``"text"`` only).
        standalone: For ``"html"``, a whole document instead of a fragment.

    Raises:
        UnsupportedLocaleError: No catalog for `locale`.
        ValueError: `format` is not one of `FORMATS`.

    >>> from skilltaxonomy import load, render
    >>> page = render(load().profile("neural-network-architectures"), "md", locale="es")
    >>> print(page.splitlines()[0])
    # Neural Network Architectures
    >>> "| Rol | Obligatorio | Descripción |" in page
    True
    """
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}: expected one of {', '.join(FORMATS)}")
    words = messages(locale)
    blocks = _blocks(item, words, wide=format != "text")
    if format == "text":
        return _write_text(blocks, width)
    if format == "md":
        return _write_markdown(blocks)
    return _write_html(blocks, words.locale, standalone, _title_of(blocks))


def _blocks(item: Renderable, words: Messages, *, wide: bool) -> list[_Block]:
    if isinstance(item, Profile):
        return _profile_blocks(item, words)
    if isinstance(item, RoleMatrix):
        return _matrix_blocks(item, words, wide=wide)
    if isinstance(item, Comparison):
        return _comparison_blocks(item, words)
    if isinstance(item, Taxonomy):
        return _overview_blocks(item, words)
    from skilltaxonomy.people.gap import GapReport, Plan, TeamView, Transition  # noqa: PLC0415 - only when needed

    if isinstance(item, GapReport):
        return _gap_blocks(item, words)
    if isinstance(item, Plan):
        return _plan_blocks(item, words)
    if isinstance(item, Transition):
        return _transition_blocks(item, words)
    if isinstance(item, TeamView):
        return _team_blocks(item, words)
    from skilltaxonomy.compare import TaxonomyDiff  # noqa: PLC0415 - only when needed

    if isinstance(item, TaxonomyDiff):
        return _diff_blocks(item, words)
    raise TypeError(f"cannot render {type(item).__name__}: expected {Renderable}")


def _title_of(blocks: Sequence[_Block]) -> str:
    return next((block.text for block in blocks if isinstance(block, _Title)), "")


# Pages -----------------------------------------------------------------------------------


def flag_word(words: Messages) -> str:
    """What the flag cell of a mandatory item says in the locale."""
    return words.pgettext("flag cell of a mandatory item", "Required")


def _flag(expectation: Expectation, words: Messages) -> str:
    return flag_word(words) if expectation.mandatory else ""


def _expectation_table(
    rows: Iterable[tuple[str, Expectation]], first_column: str, words: Messages
) -> _Table:
    return _Table(
        (first_column, words._("Required"), words._("Description")),
        tuple((name, _flag(e, words), e.description) for name, e in rows),
    )


def _profile_blocks(profile: Profile, words: Messages) -> list[_Block]:
    skill = profile.skill
    blocks: list[_Block] = [_Title(skill.name)]
    if skill.summary:
        blocks.append(_Lines((skill.summary,)))
    blocks += [
        _Lines((words._("Domain"), skill.domain.name), labelled=True),
        _Heading(words._("Skill profile")),
        _Lines((words._("This skill defines expectations across roles and levels."),)),
        _Figures(
            (
                _Figure(
                    words._("Roles"), str(len(profile.roles)), words._("where this skill appears")
                ),
                _Figure(
                    words._("Levels"), str(len(profile.levels)), words._("structured growth path")
                ),
                _Figure(
                    words._("Mandatory requirements"),
                    str(profile.mandatory_count),
                    words.ngettext(
                        "the other %(count)d optional",
                        "the other %(count)d optional",
                        profile.optional_count,
                    ),
                ),
            )
        ),
    ]
    place = [" › ".join(part for part in (skill.domain.name, skill.category) if part)]
    if skill.updated is not None:
        place.append(words.date(skill.updated))
    blocks.append(_Lines(tuple(place)))
    guide = [words._("Choose your current level and compare expectations.")]
    if profile.levels:
        guide.append(
            words._("The table shows how depth grows from %(first)s to %(last)s.")
            % {"first": profile.levels[0].name, "last": profile.levels[-1].name}
        )
    blocks.append(_Lines(tuple(guide)))
    for level, found in profile.by_level:
        blocks.append(_Heading(level.name))
        blocks.append(_expectation_table(((e.role.name, e) for e in found), words._("Role"), words))
    if not profile.expectations:
        blocks.append(_Lines((words._("No expectations."),)))
    return blocks


def _matrix_blocks(matrix: RoleMatrix, words: Messages, *, wide: bool) -> list[_Block]:
    role = matrix.role
    blocks: list[_Block] = [
        _Title(words._("%(role)s: skills by level") % {"role": role.name}),
    ]
    about = tuple(text for text in (role.family, role.summary) if text)
    about += (
        ", ".join(
            (
                words.ngettext("%(count)d skill", "%(count)d skills", len(matrix.rows)),
                words.ngettext("%(count)d level", "%(count)d levels", len(matrix.levels)),
                words.ngettext(
                    "%(count)d mandatory", "%(count)d mandatory", matrix.mandatory_count
                ),
            )
        ),
    )
    blocks.append(_Lines(about))
    if wide:
        blocks.append(
            _Table(
                (words._("Skill"), *(level.name for level in matrix.levels)),
                tuple(
                    (row.skill.name, *(_cell(found, words) for found in row.cells))
                    for row in matrix.rows
                ),
            )
        )
        return blocks
    for row in matrix.rows:
        blocks.append(_Heading(row.skill.name))
        blocks.append(
            _expectation_table(
                ((e.level.name, e) for e in row.cells if e is not None), words._("Level"), words
            )
        )
    return blocks


def _cell(found: Expectation | None, words: Messages) -> str:
    if found is None:
        return "—"
    if found.mandatory:
        return f"{flag_word(words)}: {found.description}"
    return found.description


def _comparison_blocks(comparison: Comparison, words: Messages) -> list[_Block]:
    blocks: list[_Block] = [
        _Title(f"{comparison.skill.name} · {comparison.role.name}"),
    ]
    current = comparison.current
    if comparison.target is None:
        blocks.append(
            _Lines(
                (
                    words._("%(level)s is the top level; there is no next level.")
                    % {"level": current.name},
                )
            )
        )
    else:
        blocks.append(
            _Lines(
                (
                    f"{current.name} → {comparison.target.name}",
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
        words._("Now: %(level)s") % {"level": current.name},
        current,
        comparison.current_expectation,
        words,
    )
    by_level = {e.level.id: e for e in comparison.steps}
    for level in comparison.crossed:
        blocks += _level_section(
            words._("New at %(level)s") % {"level": level.name},
            level,
            by_level.get(level.id),
            words,
        )
    return blocks


def _level_section(
    heading: str, level: Level, found: Expectation | None, words: Messages
) -> list[_Block]:
    if found is None:
        return [_Heading(heading), _Lines((words._("No expectation at this level."),))]
    return [
        _Heading(heading),
        _expectation_table(((level.name, found),), words._("Level"), words),
    ]


def _overview_blocks(taxonomy: Taxonomy, words: Messages) -> list[_Block]:
    title = taxonomy.name if not taxonomy.version else f"{taxonomy.name} ({taxonomy.version})"
    skills = taxonomy.skills()
    return [
        _Title(title),
        _Lines(
            (
                ", ".join(
                    (
                        words.ngettext(
                            "%(count)d domain", "%(count)d domains", len(taxonomy.domains())
                        ),
                        words.ngettext("%(count)d skill", "%(count)d skills", len(skills)),
                        words.ngettext("%(count)d role", "%(count)d roles", len(taxonomy.roles())),
                        words.ngettext("%(count)d level", "%(count)d levels", len(taxonomy.levels)),
                        words.ngettext(
                            "%(count)d expectation",
                            "%(count)d expectations",
                            len(taxonomy.expectations()),
                        ),
                    )
                ),
                " → ".join(level.name for level in taxonomy.levels),
            )
        ),
        _Table(
            (words._("Skill"), words._("Domain"), words._("Category"), words._("Roles")),
            tuple(
                (
                    skill.name,
                    skill.domain.name,
                    skill.category,
                    ", ".join(role.name for role in taxonomy.roles(skill=skill)),
                )
                for skill in skills
            ),
        ),
    ]


def _level_name(level: Level | None, words: Messages) -> str:
    return words._("not assessed") if level is None else level.name


def _fraction(met: int, required: int) -> str:
    return f"{met}/{required}"


def _gap_blocks(report: GapReport, words: Messages) -> list[_Block]:
    missing = report.mandatory_required - report.mandatory_met
    verdict = (
        words._("Ready: every mandatory item is met.")
        if report.ready
        else words.ngettext(
            "Not ready: %(count)d mandatory item to cover.",
            "Not ready: %(count)d mandatory items to cover.",
            missing,
        )
    )
    blocks: list[_Block] = [
        _Title(
            words._("%(person)s: %(role)s at %(level)s")
            % {"person": report.person, "role": report.role.name, "level": report.target.name}
        ),
        _Lines(
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
            )
        ),
        _Table(
            (
                words._("Skill"),
                words._("Level met"),
                words._("Level required"),
                words._("Items met"),
                words._("Mandatory met"),
            ),
            tuple(
                (
                    s.skill.name,
                    _level_name(s.met, words),
                    s.required.name,
                    _fraction(len(s.met_items), len(s.required_items)),
                    _fraction(s.mandatory_met, s.mandatory_required),
                )
                for s in report.skills
            ),
        ),
        _Heading(words._("Still to cover")),
    ]
    if report.to_cover:
        blocks.append(_skill_table(report.to_cover, words, with_level=True))
    else:
        blocks.append(_Lines((words._("Nothing left to cover."),)))
    return blocks


def _skill_table(found: Iterable[Expectation], words: Messages, *, with_level: bool) -> _Table:
    def name(e: Expectation) -> str:
        return f"{e.skill.name} · {e.level.name}" if with_level else e.skill.name

    return _expectation_table(((name(e), e) for e in found), words._("Skill"), words)


def _plan_blocks(plan: Plan, words: Messages) -> list[_Block]:
    blocks: list[_Block] = [
        _Title(
            words._("%(role)s: from %(start)s to %(end)s")
            % {"role": plan.role.name, "start": plan.start.name, "end": plan.end.name}
        ),
        _Lines((words.ngettext("%(count)d step", "%(count)d steps", len(plan.steps)),)),
    ]
    for step in plan.steps:
        blocks.append(_Heading(step.level.name))
        if step.expectations:
            blocks.append(_skill_table(step.expectations, words, with_level=False))
        else:
            blocks.append(_Lines((words._("No expectation at this level."),)))
    return blocks


def _transition_blocks(move: Transition, words: Messages) -> list[_Block]:
    def names(skills: Iterable[Skill]) -> str:
        return ", ".join(s.name for s in skills) or "—"

    return [
        _Title(
            words._("%(from)s → %(to)s at %(level)s")
            % {"from": move.from_role.name, "to": move.to_role.name, "level": move.level.name}
        ),
        _Figures(
            (
                _Figure(words._("Shared skills"), str(len(move.shared)), names(move.shared)),
                _Figure(words._("New skills"), str(len(move.new)), names(move.new)),
                _Figure(words._("Skills left behind"), str(len(move.left)), names(move.left)),
            )
        ),
        _Heading(
            words._("What %(role)s expects at %(level)s")
            % {"role": move.to_role.name, "level": move.level.name}
        ),
        _skill_table(move.expectations, words, with_level=False)
        if move.expectations
        else _Lines((words._("No expectation at this level."),)),
    ]


def _team_blocks(view: TeamView, words: Messages) -> list[_Block]:
    people = [report.person for report in view.reports]
    yes, no = words._("yes"), words._("no")
    return [
        _Title(
            words._("%(role)s at %(level)s: the team")
            % {"role": view.role.name, "level": view.target.name}
        ),
        _Table(
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
        _Heading(words._("Levels met")),
        _Table(
            (words._("Skill"), *people),
            tuple(
                (skill.name, *(_level_name(level, words) for level in view.coverage(skill)))
                for skill in view.skills
            ),
        ),
    ]


def _diff_blocks(changes: TaxonomyDiff, words: Messages) -> list[_Block]:
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
    blocks: list[_Block] = [
        _Title(
            words._("Changes from %(old)s to %(new)s")
            % {"old": label(changes.old), "new": label(changes.new)}
        ),
        _Figures(
            tuple(
                _Figure(headings[action], str(len(changes.of(action))), "")
                for action in ("added", "removed", "changed")
            )
        ),
    ]
    if not changes:
        blocks.append(_Lines((words._("No changes."),)))
    for action in ("added", "removed", "changed"):
        found = changes.of(action)
        if not found:
            continue
        blocks.append(_Heading(headings[action]))
        last = words._("What changed") if action == "changed" else words._("Name")
        blocks.append(
            _Table(
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


# Writers ---------------------------------------------------------------------------------

# Control characters, and the bidirectional controls that reorder what follows them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escaped(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    r"""Show control characters as ``\x1b`` escapes, in every format.

    A terminal would obey them and HTML forbids them; an override or isolate
    (``\u202e``) would reorder the text after it, on the screen and in a page.
    Such characters come only from code: files may not hold them.
    """
    return _CONTROL.sub(_escaped, text)


def _write_text(blocks: Sequence[_Block], width: int) -> str:
    width = max(width, 40)
    out: list[str] = []
    for block in blocks:
        if out and not isinstance(block, _Table):
            out.append("")
        if isinstance(block, _Title):
            title = _wrap(printable(block.text), width)
            out += [*title, "=" * max(map(len, title))]
        elif isinstance(block, _Heading):
            out += _wrap(printable(block.text), width)
        elif isinstance(block, _Lines):
            for line in block.lines:
                out += _wrap(printable(line), width)
        elif isinstance(block, _Figures):
            out += _text_figures(block.figures, width)
        else:
            out += _text_table(block, width)
    return "\n".join(out) + "\n"


def _text_figures(figures: Sequence[_Figure], width: int) -> list[str]:
    columns = [[printable(f.label), printable(f.value), printable(f.note)] for f in figures]
    widths = [max(map(len, column)) for column in columns]
    if sum(widths) + 2 * (len(widths) - 1) > width:
        return [
            line
            for label, value, note in columns
            for line in _wrap(f"{label}: {value} ({note})", width)
        ]
    return [
        "  ".join(column[row].ljust(w) for column, w in zip(columns, widths, strict=True)).rstrip()
        for row in range(3)
    ]


def text_table(header: Sequence[str], rows: Iterable[Sequence[str]], width: int) -> str:
    """A plain-text table fitting `width` columns; the last column wraps."""
    table = _Table(tuple(header), tuple(tuple(row) for row in rows))
    return "\n".join(_text_table(table, max(width, 40)))


def _text_table(table: _Table, width: int) -> list[str]:
    """Columns sized to their content; the last one wraps to what is left of `width`.

    When too little is left, each row is stacked instead: its short cells on one line,
    the last cell wrapped beneath.
    """
    header = [printable(cell) for cell in table.header]
    rows = [[printable(cell) for cell in row] for row in table.rows]
    fixed = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    indent = sum(fixed) + 2 * len(fixed) + 2
    longest_last = max(
        len(line) for row in [header, *rows] for line in row[-1].splitlines() or [""]
    )
    if width - indent < min(_NARROWEST_COLUMN, longest_last):
        return _stacked_table(header, rows, width)
    lines = [
        "  " + "  ".join(c.ljust(w) for c, w in zip(header, [*fixed, 0], strict=True)).rstrip()
    ]
    for row in rows:
        wrapped = _wrap(row[-1], width - indent)
        first = "  ".join(cell.ljust(w) for cell, w in zip(row[:-1], fixed, strict=True))
        lines.append(("  " + first + "  " + wrapped[0]).rstrip())
        lines += [" " * indent + more for more in wrapped[1:]]
    return lines


_NARROWEST_COLUMN = 24


def _stacked_table(header: list[str], rows: list[list[str]], width: int) -> list[str]:
    lines = [f"  {line}" for line in _wrap(" · ".join(header), width - 2)]
    for row in rows:
        short = " · ".join(cell for cell in row[:-1] if cell)
        lines += [f"  {line}" for line in _wrap(short, width - 2)]
        lines += [f"    {line}" for line in _wrap(row[-1], width - 4)]
    return lines


def _wrap(text: str, width: int) -> list[str]:
    """Wrap each line of `text` to `width`; an empty text is one empty line."""
    lines: list[str] = []
    for part in text.splitlines() or [""]:
        lines += textwrap.wrap(part, width, break_on_hyphens=False) or [""]
    return lines


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
# A line starting like this would become a heading, list item, rule or setext underline.
_MD_LINE_START = re.compile(
    r"^(\s*)(?:(\d{1,9})(?=[.)](?:\s|$))|(?=(?:#{1,6}|[+-])(?:\s|$)|[=-]+\s*$))"
)


def escape_markdown(text: str) -> str:
    r"""Escape text so Markdown shows it as it is, in a paragraph or a table cell.

    Characters Markdown reads as markup or table structure get a backslash, ``&``
    only where it would start an entity, a marker that would start a heading or list
    is escaped, line breaks become ``<br>`` and control characters ``\x1b`` escapes.

    >>> print(escape_markdown("a|b <script> *x* R&D &amp;"))
    a\|b \<script\> \*x\* R&D \&amp;
    """
    text = printable(text)
    lines = _MD_ENTITY.sub(r"\\&", _MD_SPECIAL.sub(r"\\\1", text)).splitlines() or [""]
    # Escape the marker's first punctuation: "\\# h", "\\- a", "1\\. x".
    return "<br>".join(_MD_LINE_START.sub(r"\1\2\\", line) for line in lines)


def _write_markdown(blocks: Sequence[_Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if out:
            out.append("")
        if isinstance(block, _Title):
            out.append(f"# {escape_markdown(block.text)}")
        elif isinstance(block, _Heading):
            out.append(f"### {escape_markdown(block.text)}")
        elif isinstance(block, _Lines):
            lines = [escape_markdown(line) for line in block.lines]
            if block.labelled:
                lines[0] = f"**{lines[0]}**"
            out.append("  \n".join(lines))
        elif isinstance(block, _Figures):
            out += [
                f"- **{escape_markdown(f.label)}**  \n  {escape_markdown(f.value)}  \n"
                f"  {escape_markdown(f.note)}"
                for f in block.figures
            ]
        else:
            out.append(_markdown_row(block.header))
            out.append("|" + "---|" * len(block.header))
            out += [_markdown_row(row) for row in block.rows]
    return "\n".join(out) + "\n"


def _markdown_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(escape_markdown(cell) for cell in cells) + " |"


_STYLE = """\
.skilltaxonomy{color-scheme:light dark;font-family:system-ui,sans-serif;line-height:1.45;\
max-width:72rem}
.skilltaxonomy h2{margin:.2em 0 .4em;font-size:1.5em}
.skilltaxonomy h3{margin:1.2em 0 .4em;font-size:1.1em}
.skilltaxonomy .st-label{font-size:.8em;text-transform:uppercase;letter-spacing:.06em;\
opacity:.7;margin:0}
.skilltaxonomy .st-figures{display:flex;flex-wrap:wrap;gap:.75rem;margin:.8em 0;padding:0}
.skilltaxonomy .st-figures div{border:1px solid rgba(127,127,127,.35);border-radius:.5rem;\
padding:.5rem .9rem;min-width:11rem}
.skilltaxonomy dt{font-size:.8em;opacity:.75}
.skilltaxonomy dd{margin:0}
.skilltaxonomy dd strong{font-size:1.6em;display:block}
.skilltaxonomy table{border-collapse:collapse;width:100%;margin:.3em 0 1em}
.skilltaxonomy th,.skilltaxonomy td{border:1px solid rgba(127,127,127,.35);padding:.35rem .6rem;\
text-align:left;vertical-align:top}
.skilltaxonomy thead th{background:rgba(127,127,127,.12)}
.skilltaxonomy tbody th{font-weight:600;white-space:nowrap}
"""


def _write_html(blocks: Sequence[_Block], locale: str, standalone: bool, title: str) -> str:
    def e(text: str) -> str:
        return "<br>".join(html.escape(printable(line), quote=True) for line in text.splitlines())

    out = [f'<section class="skilltaxonomy" lang="{e(locale)}">', f"<style>\n{_STYLE}</style>"]
    for block in blocks:
        if isinstance(block, _Title):
            out.append(f"<h2>{e(block.text)}</h2>")
        elif isinstance(block, _Heading):
            out.append(f"<h3>{e(block.text)}</h3>")
        elif isinstance(block, _Lines):
            first, *rest = block.lines
            if block.labelled:
                out.append(f'<p class="st-label">{e(first)}</p>')
                out.append(f"<p>{'<br>'.join(map(e, rest))}</p>")
            else:
                out.append(f"<p>{'<br>'.join(map(e, block.lines))}</p>")
        elif isinstance(block, _Figures):
            out.append('<dl class="st-figures">')
            out += [
                f"<div><dt>{e(f.label)}</dt><dd><strong>{e(f.value)}</strong>{e(f.note)}</dd></div>"
                for f in block.figures
            ]
            out.append("</dl>")
        else:
            out += _html_table(block, e)
    out.append("</section>")
    fragment = "\n".join(out) + "\n"
    if not standalone:
        return fragment
    return (
        f'<!DOCTYPE html>\n<html lang="{e(locale)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n</head>\n<body>\n{fragment}</body>\n</html>\n"
    )


def _html_table(table: _Table, e: Callable[[str], str]) -> list[str]:
    out = ["<table>", "<thead><tr>"]
    out += [f'<th scope="col">{e(cell)}</th>' for cell in table.header]
    out += ["</tr></thead>", "<tbody>"]
    for first, *rest in table.rows:
        cells = "".join(f"<td>{e(cell)}</td>" for cell in rest)
        out.append(f'<tr><th scope="row">{e(first)}</th>{cells}</tr>')
    out += ["</tbody>", "</table>"]
    return out
