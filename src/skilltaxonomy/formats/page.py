"""Reading skill profile pages (copied from the web, or written by `render`) back into data.

A page is read by its structure and its labels, in any locale there is a catalog for:
the "Domain" label and the line after it, the three counts, the breadcrumb and date,
the "from … to …" line, and one table per level. Markdown decoration (headings, bold,
list markers, escapes, hard breaks) is ignored, so a page `render` wrote in ``"md"``
reads back to the same expectations; a table copied as visible text (a row a line, its
cells between tabs, as browsers copy tables) reads as its Markdown twin, and so does a
page ``render`` wrote as ``"text"`` (its figures in columns, its tables aligned with
spaces and wrapped).

A page's own figures (its counts of roles, levels and requirements; a role page's counts
of skills, levels and requirements, and of each group's skills) are held against what was
read: a copy that holds less is refused as cut off, at its last line, unless it is read
with ``partial=True``, and then every shortfall is in `Reading.missing`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence

import attrs

from skilltaxonomy._i18n import Messages, available_locales, flag_word, messages
from skilltaxonomy._text import character_problem, slug, split_lines
from skilltaxonomy.exceptions import InvalidPageError, InvalidTaxonomyError, Problem
from skilltaxonomy.formats._guard import AUTO, DEFAULT_MAX_BYTES, Reading, check_size, read_text
from skilltaxonomy.model import (
    Domain,
    Expectation,
    Level,
    Role,
    RoleLevel,
    Scale,
    Skill,
    Step,
    Taxonomy,
)

#: How long a line of a page may be by default, in characters.
DEFAULT_MAX_LINE_LENGTH = 100_000


@attrs.frozen
class _Line:
    number: int
    text: str


@attrs.frozen
class _Row:
    number: int
    cells: tuple[str, ...]
    # Whether the row ends with its closing pipe (a Markdown row copied whole does).
    closed: bool = True


@attrs.frozen
class _PageTable:
    header: _Row
    heading: str | None
    rows: tuple[_Row, ...]


_PIPE = re.compile(r"(?<!\\)\|")
_SEPARATOR = re.compile(r"\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_DECORATION = re.compile(r"^(?:#{1,6}\s+|[-*+]\s+)?(?:\*\*|__)?(.*?)(?:\*\*|__)?:?$")
# A count as pages show it: a run of digits (of any length: `_count` bounds it).
_DIGITS = re.compile(r"(?<![0-9])[0-9]+(?![0-9])")
# A column of a page written as plain text: words with single spaces between them.
_COLUMN = re.compile(r"\S+(?: \S+)*")
# A setext underline (a text page's title) or a Markdown rule: no text of its own.
_RULE = re.compile(r"=+|-{3,}|\*{3,}")
# A Markdown heading of the first level: a page's title.
_TITLE = re.compile(r"#\s")
_CRUMB_SEPARATOR = re.compile(r"(?<=\s)[›>](?=\s)")


def _tabs_as_cells(line: str) -> str:
    """A table's row copied as visible text (cells between tabs) as a Markdown row."""
    if "\t" in line and not line.startswith("|"):
        return "| " + " | ".join(_escape_cell(cell.strip()) for cell in line.split("\t")) + " |"
    return line


def _escape_cell(text: str) -> str:
    """A cell's text as a Markdown row holds it: its pipes and backslashes escaped."""
    return text.replace("\\", "\\\\").replace("|", "\\|")


def _markdown_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(map(_escape_cell, cells)) + " |"


def _unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", _BREAK.sub("\n", text))


def _plain(line: str) -> str:
    """A line without its Markdown decoration: ``## **Domain**`` → ``Domain``."""
    found = _DECORATION.fullmatch(line.rstrip("\\").strip())
    return _unescape(found.group(1).strip() if found else line)


def _cells(line: str) -> tuple[str, ...]:
    parts = _PIPE.split(line.strip())
    if parts and not parts[0].strip():
        parts = parts[1:]
    if parts and not parts[-1].strip():
        parts = parts[:-1]
    return tuple(_unescape(part.strip()) for part in parts)


def _closed(line: str) -> bool:
    """Whether a table's row ends with its closing pipe (not an escaped one)."""
    body = line.rstrip()
    return body.endswith("|") and (len(body) - len(body[:-1].rstrip("\\")) - 1) % 2 == 0


def _fold(text: str) -> str:
    return text.casefold().strip()


# Plain text, as `render` writes it ----------------------------------------------------


def _columns(line: str) -> list[tuple[int, str]]:
    """The columns of a line of plain text (two or more spaces between), with where each starts."""
    return [(found.start(), found.group()) for found in _COLUMN.finditer(line)]


def _text_headers() -> frozenset[tuple[str, ...]]:
    """The headers of the tables `render` writes, folded, in every locale."""
    found: set[tuple[str, ...]] = set()
    for words in map(messages, available_locales()):
        found.add(_header_key(words))
        for header in (("Level", "Required", "Description"), ("Level", "Title", "Focus", "Stack")):
            found.add(tuple(_fold(words._(label)) for label in header))
    return frozenset(found)


def _figure_labels() -> frozenset[tuple[str, ...]]:
    """A skill page's three figures' labels, folded, in every locale."""
    return frozenset(
        tuple(_fold(words._(label)) for label in ("Roles", "Levels", "Mandatory requirements"))
        for words in map(messages, available_locales())
    )


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _layout(text: str) -> list[_Line]:
    """The page's lines, with what `render` writes as plain text made its Markdown twin.

    A text page's figures stand in columns (labels, values, notes) or as ``Label: value
    (note)`` lines; its tables are aligned with spaces, their last column wrapped, or
    stacked (``Level · Title`` over the last cell). Each becomes what the Markdown page
    has: a line per label, value and note, and a Markdown row per row (at the number of
    its first line). Every other line is as it was.
    """
    lines = _joined([_Line(n, line) for n, line in enumerate(split_lines(text), start=1)])
    headers, figures = _text_headers(), _figure_labels()
    labelled = re.compile(
        "(?P<label>"
        + "|".join(re.escape(label) for labels in figures for label in labels)
        + r"): (?P<value>[0-9]+) \((?P<note>.*)\)",
        re.IGNORECASE,
    )
    out: list[_Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        columns = _columns(line.text)
        folded = tuple(_fold(cell) for _, cell in columns)
        stacked = tuple(_fold(cell) for cell in line.text.strip().split(" · "))
        if _indent(line.text) == 2 and len(columns) > 1 and folded in headers:
            index = _aligned_table(lines, index, [start for start, _ in columns], out)
        elif _indent(line.text) == 2 and len(stacked) > 1 and stacked in headers:
            index = _stacked_table(lines, index, len(stacked), out)
        elif folded in figures and len(columns) == 3:
            starts = [start for start, _ in columns]
            for column in range(3):
                out += [
                    _Line(part.number, _cut(part.text, starts, column))
                    for part in lines[index : index + 3]
                ]
            index += 3
        elif (found := labelled.fullmatch(line.text.strip())) is not None:
            out += [_Line(line.number, found[group]) for group in ("label", "value", "note")]
            index += 1
        else:
            out.append(line)
            index += 1
    return out


def _joined(lines: list[_Line]) -> list[_Line]:
    """Lines of text with an unclosed bracket joined to the next: what wrapping split.

    A page written as text wraps a legend's ``W: Working (Applies it…`` or a figure's
    ``Roles: 2 (where this…`` over lines; a table's row, or text before a blank line or
    a table, is left as it is.
    """
    out: list[_Line] = []
    joins = 0
    for line in lines:
        previous = out[-1].text if out else ""
        if (
            joins < _MOST_JOINED
            and previous.count("(") > previous.count(")")
            and line.text.strip()
            and not previous.lstrip().startswith("|")
            and not line.text.lstrip().startswith("|")
            and "\t" not in previous + line.text
            and _indent(previous) == _indent(line.text)
        ):
            out[-1] = _Line(out[-1].number, f"{previous.rstrip()} {line.text.strip()}")
            joins += 1
        else:
            out.append(line)
            joins = 0
    return out


# How many lines a wrapped line of text is joined from, at most.
_MOST_JOINED = 4


def _cut(text: str, starts: Sequence[int], column: int) -> str:
    end = starts[column + 1] if column + 1 < len(starts) else None
    return text[starts[column] : end].strip()


def _aligned_table(lines: Sequence[_Line], index: int, starts: list[int], out: list[_Line]) -> int:
    """A table aligned with spaces: a row a line at indent 2, the last cell wrapped below."""
    header = lines[index]
    rows: list[tuple[int, list[str]]] = [
        (header.number, [_cut(header.text, starts, i) for i in range(len(starts))])
    ]
    index += 1
    while index < len(lines) and lines[index].text:
        text = lines[index].text
        if _indent(text) == 2:
            rows.append((lines[index].number, [_cut(text, starts, i) for i in range(len(starts))]))
        elif _indent(text) >= starts[-1] and len(rows) > 1:
            rows[-1][1][-1] = f"{rows[-1][1][-1]} {text.strip()}".strip()
        elif text.strip():
            break
        index += 1
    out += [_Line(number, _markdown_row(cells)) for number, cells in rows]
    return index


def _stacked_table(lines: Sequence[_Line], index: int, width: int, out: list[_Line]) -> int:
    """A stacked table: a row's short cells at indent 2 (`` · `` between), its last below."""
    rows: list[tuple[int, list[str], list[str]]] = [
        (lines[index].number, lines[index].text.strip().split(" · ")[:-1], [])
    ]
    rows[0][2].append(lines[index].text.strip().split(" · ")[-1])
    index += 1
    while index < len(lines) and lines[index].text:
        text = lines[index].text
        if _indent(text) == 2 and len(rows) > 1 and not rows[-1][2]:
            # The short cells wrapped: this line goes on with them.
            more = text.strip().split(" · ")
            rows[-1][1][-1] = f"{rows[-1][1][-1]} {more[0]}"
            rows[-1][1].extend(more[1:])
        elif _indent(text) == 2:
            rows.append((lines[index].number, text.strip().split(" · "), []))
        elif _indent(text) >= 4 and len(rows) > 1:
            rows[-1][2].append(text.strip())
        elif text.strip():
            break
        index += 1
    for number, short, last in rows:
        cells = (short + [""] * width)[: width - 1]
        out.append(_Line(number, _markdown_row([*cells, " ".join(last).strip()])))
    return index


# Skill pages --------------------------------------------------------------------------


class _Reader:
    """One pass over a page's lines, collecting every problem with its line number."""

    def __init__(self, lines: Sequence[_Line], role_names: Iterable[str] = ()) -> None:
        self.problems: list[Problem] = []
        # What the page's figures promise and this copy does not hold (with partial=True).
        self.missing: list[Problem] = []
        self.prose: list[_Line] = []
        self.tables: list[_PageTable] = []
        # Lines that are a title: a first-level heading, or text over a line of "=".
        self.titles: list[_Line] = []
        # The page's last line with text, and what it is ("row", "header", "prose").
        self.last = 0
        self.last_kind = ""
        # A row the copy ends in the middle of (taken out of its table, not read).
        self.cut: _Row | None = None
        # Rows whose role's name could not be read (the page's counts are not checked then).
        self.unread_roles = 0
        # The roles' names, longest first, to tell them from descriptions in a page whose
        # cells were copied with spaces between them.
        self.role_names = sorted({name for name in role_names if name.strip()}, key=len)[::-1]
        # Table headers copied with spaces between their cells ("Role Required Description").
        self.spaced_headers = 0
        self.headers = {_header_key(words) for words in map(messages, available_locales())}
        self._split(lines)

    def problem(self, number: int, message: str) -> None:
        self.problems.append(Problem(f"line {number}", message))

    def _split(self, lines: Sequence[_Line]) -> None:
        """Sort the page's lines into prose and tables."""
        headers = self.headers
        tables: list[tuple[_Row, str | None, list[_Row]]] = []
        previous: str | None = None
        in_table = False
        spaced = {" ".join(header) for header in headers}
        flags = sorted(_flag_words(), key=len)[::-1]
        in_spaced = False
        for number, raw in ((line.number, line.text) for line in lines):
            line = _tabs_as_cells(raw.strip().removeprefix("\ufeff"))
            if not line:
                continue
            self.last = number
            folded = " ".join(_fold(line).split())
            if folded in spaced and not line.startswith("|"):
                self.spaced_headers += 1
            if not line.startswith("|") and self.role_names:
                if folded in spaced:  # a header copied with spaces between its cells
                    line, in_spaced = "| " + " | ".join(line.split(maxsplit=2)) + " |", True
                elif in_spaced:
                    spaced_row = self._spaced_row(line, flags)
                    line = line if spaced_row is None else spaced_row
                    in_spaced = spaced_row is not None
            if not line.startswith("|"):
                in_table = False
                self.last_kind = "prose"
                if _RULE.fullmatch(line):
                    if line.startswith("=") and self.prose:
                        self.titles.append(self.prose[-1])
                    continue
                previous = _plain(line)
                self.prose.append(_Line(number, previous))
                if _TITLE.match(line):
                    self.titles.append(self.prose[-1])
                continue
            if not _SEPARATOR.fullmatch(line):
                in_table = self._table_row(
                    _Row(number, _cells(line), _closed(line)), previous, in_table, tables
                )
                previous = None
        if self.last_kind == "row" and _is_cut(tables[-1][0], tables[-1][2][-1], headers):
            self.cut = tables[-1][2].pop()
        self.tables = [_PageTable(header, heading, tuple(rows)) for header, heading, rows in tables]

    def _table_row(
        self,
        row: _Row,
        heading: str | None,
        in_table: bool,
        tables: list[tuple[_Row, str | None, list[_Row]]],
    ) -> bool:
        """A table's header (its heading the line before) or row; whether a table goes on."""
        if tuple(map(_fold, row.cells[:3])) in self.headers:
            tables.append((row, heading, []))
            self.last_kind = "header"
            return True
        if not in_table:
            self.problem(row.number, "expected a table header row before this row")
            self.last_kind = "stray"
            return False
        tables[-1][2].append(row)
        self.last_kind = "row"
        return True

    def _spaced_row(self, line: str, flags: Sequence[str]) -> str | None:
        """A row copied with spaces between its cells, told by the role it starts with.

        The row is the role's name, then the flag word if it is mandatory, then the
        description, as a Markdown row; None if no known role starts the line.
        """
        for name in self.role_names:
            if _fold(line).startswith(_fold(name)) and line[len(name) : len(name) + 1].isspace():
                rest = line[len(name) :].strip()
                flag = next(
                    (
                        f
                        for f in flags
                        if _fold(rest).startswith(f) and rest[len(f) :][:1].isspace()
                    ),
                    None,
                )
                if flag is not None:
                    return f"| {name} | {rest[: len(flag)]} | {rest[len(flag) :].strip()} |"
                return f"| {name} | | {rest} |"
        return None


def _is_cut(header: _Row, row: _Row, headers: Iterable[tuple[str, ...]]) -> bool:
    """Whether a page's last row is cut short: what a copy that ends mid-row leaves.

    It is one cell (a role with nothing after it), the start of the next table's header
    (``| Rol | Obligatorio``), a row without the closing pipe its header has, or a row
    with no description. (A row of two cells is whole: copies drop the empty flag cell.)
    """
    folded = tuple(map(_fold, row.cells))
    if len(row.cells) <= 1 or any(header[: len(folded)] == folded for header in headers):
        return True
    if header.closed and not row.closed:
        return True
    flags = _flag_words()
    return not [cell for cell in row.cells[1:] if cell and _fold(cell) not in flags]


def _header_key(words: Messages) -> tuple[str, str, str]:
    return (_fold(words._("Role")), _fold(words._("Required")), _fold(words._("Description")))


def read(
    data: str | bytes,
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    skill_id: str | None = None,
    skill_name: str | None = None,
    levels: Sequence[Level] | None = None,
    roles: Iterable[Role] = (),
    domain_id: str | None = None,
    name: str | None = None,
    version: str = "",
    language: str = "en",
    max_line_length: int = DEFAULT_MAX_LINE_LENGTH,
    partial: bool = False,
    encoding: str = AUTO,
) -> Reading:
    """Read a skill profile page, in any supported locale, into a one-skill `Taxonomy`.

    The page text gives the skill's name (its title), the domain, category, date, the
    roles and, per level, each role's description and whether it is mandatory. What it
    does not give comes from the arguments.

    The page's own figures (roles, levels, mandatory and optional requirements) are held
    against its tables: a copy that ends early (cut by the browser or the clipboard) is
    refused, at its last line, and so is one that holds more than its figures say.

    Args:
        data: The page, as copied from the site or written by ``render(..., "md")`` or
            ``render(..., "text")``.
        source: A file name for error messages.
        max_bytes: Refuse larger pages; a figure larger than this is refused too (no
            page within the limit could hold that many items).
        skill_id: The skill's id (pages do not show it). Default: made from its name.
        skill_name: The skill's name. Default: the page's title (the first-level
            heading, or the text over a line of ``=``, before the domain label).
        levels: The ladder; the page's level tables are matched to it by the level
            headings where the page has them, else by position from the "from … to …"
            line's first level. Default: the bundled framework's levels.
        roles: Roles the page may name, matched by name (case-insensitive) so they keep
            their ids and families; other roles get an id made from their name.
        domain_id: The domain's id. Default: made from its name.
        name: The framework's name. Default: the skill's name.
        version: The framework's version label.
        language: The language of the descriptions (pages show them untranslated);
            the language of the page's labels, which may differ, is the reading's
            `PageMetadata` (``report=True``).
        max_line_length: Refuse a page with a longer line (in characters).
        partial: Read a copy that holds less than its figures promise: what it holds
            is read, and each shortfall (levels, roles, mandatory and optional
            requirements, a row cut in the middle) is in `Reading.missing`, at the line
            of the figure that promised it.
        encoding: The encoding of a page given as bytes: a codec name, or ``"auto"``
            (a byte-order mark, else UTF-8, else Windows-1252); the `Reading` says which.

    Raises:
        InvalidPageError: The page lacks something it needs, or contradicts itself;
            every problem is listed with its line.

    >>> from skilltaxonomy import load, loads, render
    >>> page = render(load().profile("neural-network-architectures"), "md", locale="de")
    >>> fragment = loads(page, format="page", roles=load().roles)
    >>> fragment.expectations == load().expectations
    True
    >>> fragment.skills[0].id
    'neural-network-architectures'
    """
    text, used = _page_text(data, source, max_bytes, max_line_length, encoding)
    known_roles = tuple(roles)
    reader = _Reader(_layout(text), (role.name for role in known_roles))
    result = _Page.read(reader, levels, partial=partial, bound=max_bytes)
    page_roles, cells = _resolve_roles(reader, () if result is None else result.levels, known_roles)
    named = skill_name if skill_name is not None else None if result is None else result.title
    if result is not None and not named:
        reader.problem(
            1,
            "expected the skill's name in a title before the domain label; the page has "
            "none: pass skill_name (and skill_id), or --skill-name and --skill-id on the "
            "command line",
        )
    if reader.problems or result is None or not named:
        raise InvalidPageError(_by_line(reader.problems), source)
    domain = Domain(domain_id or slug(result.domain) or "domain", result.domain)
    the_id = skill_id if skill_id is not None else slug(named) or "skill"
    skill = Skill(the_id, named, domain, result.category, result.summary, result.updated)
    expectations = [
        Expectation(skill, role, level, mandatory, description)
        for level, role, mandatory, description in cells
    ]
    try:
        taxonomy = Taxonomy(
            name=named if name is None else name,
            version=version,
            language=language,
            domains=(domain,),
            skills=(skill,),
            roles=page_roles,
            levels=result.ladder,
            expectations=expectations,
        )
    except InvalidTaxonomyError as error:  # such as two role names with one id
        raise InvalidPageError(error.problems, source) from None
    return Reading(
        taxonomy,
        metadata=PageMetadata(result.labels),
        encoding=used,
        missing=_by_line(reader.missing),
    )


def _by_line(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in the order of their lines (a stable sort: one line's stay in order)."""
    return sorted(problems, key=lambda problem: int(problem.path.split()[-1]))


@attrs.frozen
class PageMetadata:
    """What a page says beside the framework (`Reading.metadata` of a page).

    Attributes:
        labels: The language of the page's labels (``"es"``), which is not always that
            of its text: the site's Spanish and German pages carry English descriptions.
    """

    labels: str


def _page_text(
    data: str | bytes, source: str | None, max_bytes: int, max_line_length: int, encoding: str
) -> tuple[str, str | None]:
    """A page's text and its encoding, once its size and every line's characters are checked.

    Text from a page becomes names and descriptions: the characters they may not hold
    are reported at their line, before anything else is read.
    """
    check_size(data, max_bytes, InvalidPageError, source)
    text, used = read_text(data, InvalidPageError, source, encoding)
    bad_lines = [
        Problem(f"line {number}", problem)
        for number, line in enumerate(split_lines(text), start=1)
        if (problem := _line_problem(line, max_line_length)) is not None
    ]
    if bad_lines:
        raise InvalidPageError(bad_lines, source)
    return text, used


def _line_problem(line: str, max_line_length: int) -> str | None:
    if len(line) > max_line_length:
        return (
            f"the line is {len(line)} characters long; the limit is {max_line_length} "
            "(max_line_length)"
        )
    return character_problem(line, name=False)


_Cell = tuple[int, str, bool, str]  # line number, role name, mandatory, description


def _resolve_roles(
    reader: _Reader,
    levels: Iterable[tuple[Level, Iterable[_Cell]]],
    known_roles: Iterable[Role],
) -> tuple[tuple[Role, ...], list[tuple[Level, Role, bool, str]]]:
    """The page's roles (known ones by name, others made from their names), and its cells."""
    known = {_fold(role.name): role for role in known_roles}
    page_roles: dict[str, Role] = {}
    names_by_id: dict[str, str] = {}
    cells = []
    for level, rows in levels:
        for number, name, mandatory, description in rows:
            role = page_roles.get(_fold(name))
            if role is None:
                role = known.get(_fold(name)) or Role(slug(name) or "role", name)
                if names_by_id.setdefault(role.id, role.name) != role.name:
                    reader.problem(
                        number,
                        f"role {name!r} would get the id {role.id!r} of role "
                        f"{names_by_id[role.id]!r}; pass roles with distinct ids",
                    )
                page_roles[_fold(name)] = role
            cells.append((level, role, mandatory, description))
    return tuple(page_roles.values()), cells


@attrs.frozen
class _Page:
    """What a page says, once read and checked."""

    title: str | None
    domain: str
    summary: str
    category: str
    updated: datetime.date | None
    labels: str
    ladder: tuple[Level, ...]
    levels: tuple[tuple[Level, tuple[_Cell, ...]], ...]

    @classmethod
    def read(
        cls, reader: _Reader, levels: Sequence[Level] | None, *, partial: bool, bound: int
    ) -> _Page | None:
        if levels is None:
            # The bundled ladder, read only when needed (the one import of another format,
            # allowed in pyproject.toml's contracts).
            from skilltaxonomy.formats._api import load  # noqa: PLC0415

            levels = load().levels
        ladder = tuple(levels)
        words, at = _find_locale(reader)
        if words is None:
            labels = ", ".join(repr(messages(loc)._("Domain")) for loc in available_locales())
            reader.problem(1, f"expected a line with the domain label ({labels})")
            return None
        prose = reader.prose
        if at + 1 >= len(prose):
            reader.problem(prose[at].number, "expected the domain's name on the next line")
            return None
        domain = prose[at + 1].text
        problem = character_problem(domain, name=True)
        if problem is not None:  # the domain's name is one line of plain text
            reader.problem(prose[at + 1].number, problem)
            return None
        title = _skill_name(reader, prose[at].number)
        counts = _counts(reader, words, at + 2, bound)
        summary = _summary(reader, words, at + 2, counts.end)
        category, updated, ladder_line = _place(reader, words, counts.end, domain)
        assigned, gap = _assign_levels(reader, ladder, ladder_line)
        if not reader.tables:
            hint = (
                " (its tables were copied with spaces between their cells: pass roles=… so "
                "the roles' names can be told from the descriptions)"
                if reader.spaced_headers
                else " (this copy ends before its first table: copy the whole page)"
                if counts.figures or ladder_line is not None
                else ""
            )
            reader.problem(prose[-1].number, f"expected a table per level; the page has none{hint}")
        flags = _flag_words()
        rows_by_level = tuple(
            (level, _rows(reader, words, flags, table, level)) for level, table in assigned
        )
        # When levels could not be placed, or a role's name could not be read, the counts
        # would mislead.
        if assigned and not reader.unread_roles:
            # The copy shows that it runs to the page's end: its last table is at the
            # "from … to …" line's last level and as full as any other.
            ends = (
                ladder_line is not None
                and _fold(assigned[-1][0].name) == _fold(ladder_line.last)
                and len(assigned[-1][1].rows) == max(len(table.rows) for _, table in assigned)
            )
            _hold_to_figures(reader, counts, rows_by_level, gap, partial=partial, ends=ends)
        if reader.problems:
            return None
        return cls(title, domain, summary, category, updated, words.locale, ladder, rows_by_level)


def _skill_name(reader: _Reader, label: int) -> str | None:
    """The page's title before its domain label (line `label`): the skill's name, or None.

    A first-level heading, or text over a line of ``=``; else the one line before the
    label, if there is exactly one. The site's copies start at the label: no name.
    """
    titles = [line for line in reader.titles if line.number < label]
    before = [line for line in reader.prose if line.number < label]
    found = titles[-1] if titles else before[0] if len(before) == 1 else None
    if found is None or not found.text:
        return None
    problem = character_problem(found.text, name=True)
    if problem is not None:
        reader.problem(found.number, problem)
        return None
    return found.text


def _summary(reader: _Reader, words: Messages, start: int, end: int) -> str:
    """The skill's summary: the line under the "Skill profile" heading, if it is its own.

    Generic pages have the same sentence there; a page with a summary has the summary.
    """
    heading = _fold(words._("Skill profile"))
    generic = {
        _fold(messages(locale)._("This skill defines expectations across roles and levels."))
        for locale in available_locales()
    }
    labels = {_fold(words._(label)) for label in ("Roles", "Levels", "Mandatory requirements")}
    prose = reader.prose
    for index in range(start, min(end, len(prose) - 1)):
        if _fold(prose[index].text) == heading:
            # The text up to the first figure's label: a page written as text wraps it.
            lines = []
            for line in prose[index + 1 : end]:
                if _fold(line.text) in labels:
                    break
                lines.append(line.text)
            text = " ".join(lines)
            return "" if _fold(text) in generic else text
    return ""


def _find_locale(reader: _Reader) -> tuple[Messages | None, int]:
    labels = {_fold(messages(loc)._("Domain")): messages(loc) for loc in available_locales()}
    for index, line in enumerate(reader.prose):
        if _fold(line.text) in labels:
            return labels[_fold(line.text)], index
    return None, -1


@attrs.frozen
class _Counts:
    """A skill page's figures: each kind's count and the line that states it."""

    figures: dict[str, tuple[int, int]]  # "roles", "levels", "mandatory", "optional"
    end: int


def _bounded(digits: str, bound: int) -> int | None:
    """A page's count, or None if no page within `bound` bytes could hold that many.

    A run of digits longer than the bound's is refused before it is made a number.
    """
    return int(digits) if len(digits) <= len(str(bound)) and int(digits) <= bound else None


def _too_many(noun: str, digits: str, bound: int) -> str:
    shown = digits if len(digits) <= 20 else f"a number of {len(digits)} digits"
    return (
        f"expected a count of {noun} of at most {bound} (more than a page within max_bytes "
        f"could hold), got {shown}"
    )


def _count(reader: _Reader, number: int, digits: str, noun: str, bound: int) -> int | None:
    """A skill page's count, or None and a problem at its line (see `_bounded`)."""
    found = _bounded(digits, bound)
    if found is None:
        reader.problem(number, _too_many(noun, digits, bound))
    return found


def _counts(reader: _Reader, words: Messages, start: int, bound: int) -> _Counts:
    """The three figures: each a label, then a number, then (for the last) the rest."""
    prose = reader.prose
    figures: dict[str, tuple[int, int]] = {}
    labels = {
        _fold(words._("Roles")): "roles",
        _fold(words._("Levels")): "levels",
        _fold(words._("Mandatory requirements")): "mandatory",
    }
    index, end = start, start
    while index < len(prose) - 1 and index < start + 12:
        kind = labels.get(_fold(prose[index].text))
        value = prose[index + 1]
        if kind is not None and _DIGITS.fullmatch(value.text):
            found = _count(reader, value.number, value.text, _NOUNS[kind], bound)
            if found is not None:
                figures[kind] = (value.number, found)
            end = index + 2
            if kind == "mandatory" and index + 2 < len(prose):
                note = prose[index + 2]
                digits = _DIGITS.search(note.text)
                if digits is not None:
                    optional = _count(
                        reader, note.number, digits.group(), _NOUNS["optional"], bound
                    )
                    if optional is not None:
                        figures["optional"] = (note.number, optional)
                end = index + 3
            index += 2
        else:
            index += 1
    return _Counts(figures, end)


_NOUNS = {
    "roles": "roles",
    "levels": "levels",
    "mandatory": "mandatory requirements",
    "optional": "optional requirements",
}


@attrs.frozen
class _Ladder:
    """The "from <first> to <last>" line."""

    first: str
    last: str
    number: int


def _place(
    reader: _Reader, words: Messages, start: int, domain: str
) -> tuple[str, datetime.date | None, _Ladder | None]:
    """The breadcrumb (domain › category), the date, and the "from … to …" line."""
    choose = _fold(words._("Choose your current level and compare expectations."))
    crumb: list[str] = []
    updated: datetime.date | None = None
    in_crumb = True
    ladder_line = _ladder_pattern(words)
    prose = reader.prose
    for index, line in enumerate(prose[start:], start=start):
        # The line, or (a page written as text wraps it) the line and the next.
        found = ladder_line.fullmatch(line.text)
        if found is None and index + 1 < len(prose) and prose[index + 1].text[:1].islower():
            found = ladder_line.fullmatch(f"{line.text} {prose[index + 1].text}")
        if found is not None:
            ladder = _Ladder(found["first"], found["last"], line.number)
            break
        if _fold(line.text) == choose:
            in_crumb = False
        elif in_crumb:
            # The date alone, or after a label ("Last updated: 22/2/2026").
            updated = words.parse_date(line.text.rpartition(": ")[2])
            if updated is None:
                crumb.append(line.text)
            else:
                in_crumb = False
    else:
        ladder = None
    # A separator between spaces, found with a fixed-width look-around: linear in the
    # line, where "\s+[›>]\s+" backtracks over a long run of spaces.
    parts = [part.strip() for piece in crumb for part in _CRUMB_SEPARATOR.split(piece)]
    if parts and parts[0] == domain:
        parts = parts[1:]
    return (parts[0] if parts else ""), updated, ladder


def _ladder_pattern(words: Messages) -> re.Pattern[str]:
    """The locale's "from <first> to <last>" line, with the two level names as groups."""
    template = re.escape(words._("The table shows how depth grows from %(first)s to %(last)s."))
    return re.compile(
        template.replace(re.escape("%(first)s"), "(?P<first>.+?)").replace(
            re.escape("%(last)s"), "(?P<last>.+)"
        )
    )


@attrs.frozen
class _Gap:
    """Levels the "from … to …" line (at `line`) names past the page's last table."""

    line: int
    last: str
    levels: tuple[Level, ...]


def _assign_levels(
    reader: _Reader, ladder: tuple[Level, ...], line: _Ladder | None
) -> tuple[list[tuple[Level, _PageTable]], _Gap | None]:
    """Each table's level (by its heading if every table has one, else by position).

    And the levels the page's "from … to …" line names after its last table's: where a
    copy ends early, the levels it does not hold.
    """
    by_name = {_fold(level.name): level for level in ladder}
    tables = reader.tables
    if not ladder:
        reader.problem(
            tables[0].header.number if tables else 1,
            "no levels to place the page's tables on (pass the framework's levels)",
        )
        return [], None
    headed = [by_name.get(_fold(table.heading or "")) for table in tables]
    if tables and all(level is not None for level in headed):
        pairs = [(level, table) for level, table in zip(headed, tables, strict=True) if level]
    else:
        start = 0
        if line is not None:
            first = by_name.get(_fold(line.first))
            if first is None:
                names = ", ".join(repr(level.name) for level in ladder)
                reader.problem(
                    line.number, f"unknown level {line.first!r}: expected one of {names}"
                )
                return [], None
            start = first.rank - 1
        if start + len(tables) > len(ladder):
            reader.problem(
                tables[0].header.number,
                f"the page has {len(tables)} level tables from {ladder[start].name!r}, "
                f"but the ladder has only {len(ladder) - start} levels from there",
            )
            return [], None
        pairs = list(zip(ladder[start : start + len(tables)], tables, strict=True))
    gap = None
    if line is not None and pairs:
        last, end = pairs[-1][0], by_name.get(_fold(line.last))
        if end is not None and end.rank > last.rank:
            gap = _Gap(line.number, line.last, tuple(ladder[last.rank : end.rank]))
        elif _fold(last.name) != _fold(line.last) and not all(headed):
            reader.problem(
                line.number,
                f"the page's ladder ends at {line.last!r}, but its last table falls on "
                f"{last.name!r}",
            )
    seen: set[str] = set()
    for level, table in pairs:
        if level.id in seen:
            reader.problem(table.header.number, f"a second table for level {level.name!r}")
        seen.add(level.id)
    return pairs, gap


def _flag_words() -> frozenset[str]:
    words = (messages(loc) for loc in available_locales())
    return frozenset(_fold(w) for m in words for w in (flag_word(m), m._("Required")))


def _rows(
    reader: _Reader, words: Messages, flags: frozenset[str], table: _PageTable, level: Level
) -> tuple[_Cell, ...]:
    """Each row's role, flag and description, whichever way the flag cell was copied."""
    out: list[_Cell] = []
    seen: set[str] = set()
    for row in table.rows:
        role, *rest = row.cells or ("",)
        filled = [cell for cell in rest if cell]
        if not role:
            reader.problem(row.number, "expected a role's name in the first cell")
            continue
        problem = character_problem(role, name=True)
        if problem is not None:  # a role's name is one line of plain text
            reader.problem(row.number, problem)
            reader.unread_roles += 1
            continue
        if _fold(role) in seen:
            reader.problem(row.number, f"a second row for {role!r} at level {level.name!r}")
            continue
        seen.add(_fold(role))
        if len(filled) == 1 and _fold(filled[0]) not in flags:
            out.append((row.number, role, False, filled[0]))
        elif len(filled) == 2 and _fold(filled[0]) in flags:
            out.append((row.number, role, True, filled[1]))
        elif len(filled) == 2 and _fold(filled[1]) in flags:
            out.append((row.number, role, True, filled[0]))
        elif len(filled) > 2:
            reader.problem(
                row.number, f"expected 3 cells (role, flag, description), got {len(row.cells)}"
            )
        elif len(filled) == 2:
            flag = min(filled, key=len)
            reader.problem(
                row.number,
                f"expected the flag cell to be empty or {flag_word(words)!r}, got {flag!r}",
            )
        else:
            reader.problem(row.number, f"expected a description for {role!r}")
    return tuple(out)


def _hold_to_figures(
    reader: _Reader,
    counts: _Counts,
    rows_by_level: Sequence[tuple[Level, Sequence[_Cell]]],
    gap: _Gap | None,
    *,
    partial: bool,
    ends: bool,
) -> None:
    """Hold the page's tables to its own figures.

    More than a figure says is a problem at the figure's line. Less is what a copy that
    ends early holds: with `partial` each shortfall is missing, at its figure's line;
    else the copy is refused at its last line, as cut off, unless it shows that it runs
    to the page's end (`ends`: its last table is at the "from … to …" line's last level,
    as full as any other, its last row whole) or the page has other problems: then each
    shortfall is a problem at its figure's line.
    """
    rows = [row for _, found in rows_by_level for row in found]
    read = {
        "roles": len({_fold(role) for _, role, _, _ in rows}),
        "levels": sum(1 for _, found in rows_by_level if found),
        "mandatory": sum(1 for _, _, mandatory, _ in rows if mandatory),
        "optional": sum(1 for _, _, mandatory, _ in rows if not mandatory),
    }
    absent = [level.name for level, found in rows_by_level if not found]
    absent += [] if gap is None else [level.name for level in gap.levels]
    short: dict[str, tuple[int, int]] = {}
    for kind, (number, counted) in counts.figures.items():
        if read[kind] > counted:
            reader.problem(
                number,
                f"the page counts {_counted(counted, _NOUNS[kind])}, its tables show {read[kind]}",
            )
        elif read[kind] < counted:
            short[kind] = (number, counted)
    if partial:
        for kind, (number, counted) in short.items():
            names = f": {_names(absent)}" if kind == "levels" and absent else ""
            reader.missing.append(
                Problem(
                    f"line {number}",
                    _not_in_copy(counted - read[kind], _counted(counted, _NOUNS[kind])) + names,
                )
            )
        if gap is not None and "levels" not in short:
            reader.missing.append(
                Problem(
                    f"line {gap.line}",
                    f"the page's levels go on to {gap.last!r}: {_names(absent)} not in this copy",
                )
            )
        if reader.cut is not None:
            reader.missing.append(
                Problem(
                    f"line {reader.cut.number}",
                    "this copy ends in the middle of this row, which is not read",
                )
            )
        return
    if not short and reader.cut is None and gap is None:
        return
    # Rows refused (they, not the copy's end, may be what is short), or a copy that runs
    # to the page's end: a figure that disagrees with the tables, at its line.
    if reader.problems or (ends and reader.cut is None and reader.last_kind == "row"):
        for kind, (number, counted) in short.items():
            reader.problem(
                number,
                f"the page counts {_counted(counted, _NOUNS[kind])}, its tables show {read[kind]}",
            )
        if gap is not None:
            reader.problem(
                gap.line,
                f"the page's ladder ends at {gap.last!r}, but its last table falls on "
                f"{rows_by_level[-1][0].name!r}",
            )
        if reader.cut is not None:
            reader.problem(reader.cut.number, "this copy ends in the middle of this row")
        return
    details = ["it ends in the middle of a row"] if reader.cut is not None else []
    details += _shortfalls(counts.figures, short, read, absent)
    if gap is not None and "levels" not in short:
        details.append(
            f"its last table is at {rows_by_level[-1][0].name!r}, and its levels go on to "
            f"{gap.last!r}"
        )
    reader.problem(reader.last, _ENDS_EARLY % "; ".join(details))


_ENDS_EARLY = (
    "this copy ends early: %s (copy the whole page, or read it with partial=True or --partial)"
)


def _shortfalls(
    figures: dict[str, tuple[int, int]],
    short: dict[str, tuple[int, int]],
    read: dict[str, int],
    absent: Sequence[str],
) -> list[str]:
    """What a copy holds against what its page counts: requirements, levels, roles."""
    details = []
    if ("mandatory" in short or "optional" in short) and {"mandatory", "optional"} <= set(figures):
        mandatory, optional = figures["mandatory"][1], figures["optional"][1]
        details.append(
            f"the page counts {mandatory + optional} requirements ({mandatory} mandatory, "
            f"{optional} optional) and {_were(read['mandatory'] + read['optional'])} read "
            f"({read['mandatory']} mandatory, {read['optional']} optional)"
        )
    else:
        details += [
            f"the page counts {_counted(short[kind][1], _NOUNS[kind])} and {_were(read[kind])} read"
            for kind in ("mandatory", "optional")
            if kind in short
        ]
    if "levels" in short:
        names = f" (missing {_names(absent)})" if absent else ""
        details.append(
            f"the page counts {_counted(short['levels'][1], 'levels')} and "
            f"{_were(read['levels'])} read{names}"
        )
    if "roles" in short:
        roles = _counted(short["roles"][1], "roles")
        details.append(f"the page counts {roles} and {_were(read['roles'])} read")
    return details


def _counted(count: int, noun: str) -> str:
    """``2 roles``, ``1 role``, ``1 skill in 'X'``: a count and its noun (given plural)."""
    head, where, tail = noun.partition(" in ")
    return f"{count} {head.removesuffix('s') if count == 1 else head}{where}{tail}"


def _not_in_copy(count: int, counted: str) -> str:
    """``2 of the 5 levels the page counts are not in this copy``."""
    verb = "is" if count == 1 else "are"
    return f"{count} of the {counted} the page counts {verb} not in this copy"


def _were(count: int) -> str:
    return f"{count} was" if count == 1 else f"{count} were"


def _names(names: Sequence[str]) -> str:
    return ", ".join(map(repr, names))


# Role pages -----------------------------------------------------------------------------

# A legend line as `render` writes it: "W: Working (Applies it in everyday work.)". (No
# part may match what the next one does: a long run of spaces must not be tried at each
# of its places.)
_LEGEND_LINE = re.compile(r"(?P<code>[^:]{1,16}):\s*(?P<name>[^\s(][^(]*)(?:\((?P<about>.*)\))?")
# A step of a legend as a site shows it: a letter or two, then its word ("W Working",
# "W — Working", "W = Working", "W: Working (about)").
_STEP = re.compile(
    r"(?P<code>[A-Z][A-Z0-9+]?)(?:[ \t]*[:=—–·-][ \t]*|[ \t]+)(?P<name>[^\W\d_][^():=·]*)"
    r"(?:\((?P<about>[^()]*)\))?"
)
# What separates the steps of a legend on one line.
_LEGEND_SEPARATOR = re.compile(r"[·•|;,]")
# The words that label a legend, in the languages of the site.
_LEGEND_WORDS = frozenset({"legend", "key", "leyenda", "legende"})
# A cell that can only be a step's letter: one or two capitals, maybe with the step's word.
_LETTER = re.compile(r"(?P<code>[A-Z][A-Z0-9+]?)(?:\s+\(?(?P<name>[^\W\d_][^():]*?)\)?)?")
# What a role's matrix is called in its title, by language: the role's name stands
# before it ("Data Engineer — skills matrix") or after it ("Skills matrix for …").
_MATRIX_TITLES = {
    "en": ("skills by level", "skills matrix", "skill matrix", "competency matrix"),
    "es": ("habilidades por nivel", "matriz de habilidades", "matriz de competencias"),
    "de": ("fähigkeiten nach stufe", "kompetenzmatrix", "skill-matrix", "skills-matrix"),
}
_TITLE_JOINS = frozenset({"for", "of", "de", "del", "für", "der", "des"})
_TITLE_TRIM = " :—–-|·"
# The name of a scale whose legend has no name of its own.
_DEFAULT_SCALE = "Proficiency"


def _bracketed_group(text: str) -> tuple[str, str] | None:
    """A group's heading with its count of skills in brackets: ``Pipelines (3)``."""
    head, bracket, count = text.removesuffix(")").rpartition("(")
    if text.endswith(")") and bracket and head.strip() and count.isascii() and count.isdigit():
        return head.strip(), count
    return None


def _role_title(words: Messages) -> re.Pattern[str]:
    """The locale's "<role>: skills by level" title, the role's name as a group."""
    template = re.escape(words._("%(role)s: skills by level"))
    return re.compile(template.replace(re.escape("%(role)s"), "(?P<role>.+)"))


def _site_title(text: str) -> tuple[str, str] | None:
    """The role's name and the title's language, for a title such as ``X — skills matrix``."""
    for locale, phrases in _MATRIX_TITLES.items():
        for phrase in phrases:
            if text[: len(phrase)].lower() == phrase:
                rest = text[len(phrase) :].strip(_TITLE_TRIM)
                join, _, after = rest.partition(" ")
                if join.lower() in _TITLE_JOINS and after.strip():
                    rest = after
            elif text[len(text) - len(phrase) :].lower() == phrase:
                rest = text[: len(text) - len(phrase)]
            else:
                continue
            rest = rest.strip(_TITLE_TRIM)
            if rest and locale in available_locales():
                return rest, locale
    return None


def _count_items(words: Messages) -> dict[str, re.Pattern[str]]:
    """Each count a role page shows (skills, levels, mandatory, requirements), as a pattern."""
    items = {}
    for kind, singular, plural in (
        ("skills", "%(count)d skill", "%(count)d skills"),
        ("levels", "%(count)d level", "%(count)d levels"),
        ("mandatory", "%(count)d mandatory", "%(count)d mandatory"),
        ("requirements", "%(count)d requirement", "%(count)d requirements"),
    ):
        forms = words.plural_forms(singular, plural)
        items[kind] = re.compile(
            "|".join(
                re.escape(form).replace(re.escape("%(count)d"), "[0-9]+", 1)
                for form in sorted(forms, key=len, reverse=True)
            ),
            re.IGNORECASE,
        )
    return items


def _group_pattern(words: Messages) -> re.Pattern[str]:
    """A group's heading, "<group>: <n> skills", the group's name and count as groups."""
    forms = words.plural_forms("%(count)d skill", "%(count)d skills")
    skills = "|".join(
        re.escape(form).replace(re.escape("%(count)d"), "[0-9]+", 1)
        for form in sorted(forms, key=len, reverse=True)
    )
    template = re.escape(words._("%(group)s: %(skills)s"))
    template = template.replace(re.escape("%(group)s"), "(?P<group>.+)")
    return re.compile(template.replace(re.escape("%(skills)s"), f"(?P<count>{skills})"))


def read_role_page(
    data: str | bytes,
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    domain: str | None = None,
    name: str | None = None,
    version: str = "",
    language: str = "en",
    max_line_length: int = DEFAULT_MAX_LINE_LENGTH,
    partial: bool = False,
    encoding: str = AUTO,
) -> Reading:
    """Read a role's page of skills by level into a framework of that role.

    Two kinds of page are read, in every supported locale (en, es, de), as Markdown
    tables or as visible text (a row a line, cells between tabs):

    - the page ``render(tax.matrix(role), "md")`` (or ``"text"``) writes: the role (its
      name in the title, then its family and its tagline), the counts of skills, levels,
      mandatory items and requirements, the legend of its proficiency scale (``W:
      Working (…)``), its skills in groups (``AI tools: 4 skills``), a table of a skill
      per row and a level per column (or, in text, a skill per heading with a row per
      level), each cell a step's code or a description, mandatory ones starting with
      the locale's word for required, and its title, focus and stack at each level;
    - a skills matrix as the site shows it: a title naming the role (``Data Engineer —
      skills matrix``, ``Matriz de habilidades: …``, ``Kompetenzmatrix: …``), a table
      of a skill per row and a level per column whose cells are step letters (``W``,
      ``W Working``, ``W (Working)``), skills in groups (headings, or rows with only a
      name), and a legend (``A Awareness · W Working · V Advanced · E Expert``, on a
      line or a step a line) before or after the table.

    The page names no domain: the skills' domain is `domain` (default: the role's
    family, else its name). The language of the page's labels is the reading's
    `PageMetadata`. The page's own figures (its counts, each group's count of skills)
    are held against its tables, and the step letters against its legend: a copy that
    ends early is refused at its last line, unless `partial` is set, and then each
    shortfall is in `Reading.missing`.

    Raises:
        InvalidPageError: The page lacks something it needs, or contradicts itself;
            every problem is listed with its line.
    """
    text, used = _page_text(data, source, max_bytes, max_line_length, encoding)
    reader = _RolePageReader(_layout(text), source, partial=partial, bound=max_bytes)
    taxonomy = reader.read(domain, name, version, language)
    return Reading(
        taxonomy,
        metadata=PageMetadata(reader.words.locale),
        encoding=used,
        missing=_by_line(reader.missing),
    )


@attrs.frozen
class _Token:
    """A role page's line: prose, or a table's row (its cells)."""

    number: int
    text: str
    cells: tuple[str, ...] | None = None
    closed: bool = True
    markdown: bool = False  # a Markdown row, not cells between tabs
    heading: bool = False  # a Markdown heading (##)


@attrs.define
class _SkillRow:
    """A skill's row in a matrix, or its rows in the text layout (a level each)."""

    number: int
    name: str
    category: str
    group: int
    # Each cell: its line, its level's name, and what it holds (a matrix's cell; a row of
    # the text layout's flag and description).
    cells: list[tuple[int, str, tuple[str, ...]]]


@attrs.frozen
class _Vocabulary:
    """The words a role page's parts are told by, in every locale (the title's first)."""

    at_each_level: frozenset[str]
    list_headers: frozenset[tuple[str, ...]]
    role_headers: frozenset[tuple[str, ...]]
    skill_words: frozenset[str]
    other: frozenset[str]
    group_heading: re.Pattern[str]

    @classmethod
    def of(cls, words: Messages) -> _Vocabulary:
        every = [messages(locale) for locale in available_locales()]
        return cls(
            frozenset(_fold(w._("At each level")) for w in every),
            frozenset(
                tuple(_fold(w._(c)) for c in ("Level", "Required", "Description")) for w in every
            ),
            frozenset(
                tuple(_fold(w._(c)) for c in ("Level", "Title", "Focus", "Stack")) for w in every
            ),
            frozenset(_fold(w._("Skill")) for w in every),
            frozenset(_fold(w._("Other skills")) for w in every),
            _group_pattern(words),
        )


@attrs.frozen
class _Group:
    number: int
    name: str
    count: int | None


class _RolePageReader:
    """One pass over a role page's lines, collecting every problem with its line."""

    def __init__(self, lines: Sequence[_Line], source: str | None, *, partial: bool, bound: int):
        self.source = source
        self.partial = partial
        self.bound = bound
        self.problems: list[Problem] = []
        self.missing: list[Problem] = []
        self.tokens: list[_Token] = []
        for line in lines:
            # A leading tab is an empty first cell (a matrix's corner), so only spaces go.
            raw = line.text.rstrip().lstrip(" \ufeff")
            if not raw.strip() or _RULE.fullmatch(raw):
                continue
            text = _tabs_as_cells(raw if "\t" in raw else raw.strip())
            if not text.startswith("|"):
                heading = re.match(r"#{2,6}\s", raw) is not None
                self.tokens.append(_Token(line.number, _plain(text), heading=heading))
            elif not _SEPARATOR.fullmatch(text):
                cells = _cells(text)
                markdown = raw.startswith("|")
                self.tokens.append(_Token(line.number, text, cells, _closed(text), markdown))
        found = self._title()
        if found is None:
            example = messages("en")._("%(role)s: skills by level") % {"role": "ML Engineer"}
            problem = Problem(
                "line 1",
                f"expected a title naming the role, such as {example!r} or "
                "'ML Engineer — skills matrix'",
            )
            raise InvalidPageError([problem], source)
        self.words, self.start, self.role_name = found
        problem_of_name = character_problem(self.role_name, name=True)
        if problem_of_name is not None:  # a role's name is one line of plain text
            title = self.tokens[self.start].number
            raise InvalidPageError([Problem(f"line {title}", problem_of_name)], source)
        self.about: list[str] = []
        self.scale_name = ""
        self.legend: list[tuple[int, str, str, str]] = []  # line, code, name, description
        self.levels: list[str] = []
        self.header: _Token | None = None
        self.skills: list[_SkillRow] = []
        self.groups: list[_Group] = []
        self.role_levels: list[tuple[int, tuple[str, ...]]] = []
        self.counts: dict[str, tuple[int, int]] = {}
        # What the last line was: a "row", a table's "header", a "heading", the "legend"…
        self.end = ""
        self.cut: _Token | None = None
        self.text_layout = False
        self.vocabulary = _Vocabulary.of(self.words)
        # Where the scan is: the part of the page ("about", "body", "levels"), the kind
        # of table ("matrix", "list", "roles"), the group, a legend going on, and a
        # skill's name waiting for its table (the text layout).
        self.part, self.kind = "about", ""
        self.category, self.group = "", -1
        self.legend_open = False
        self.pending: _Token | None = None
        # Lines read with the line before them (a line of counts wrapped in two).
        self.skip: set[int] = set()

    def _title(self) -> tuple[Messages, int, str] | None:
        """The title (before the first table): its language, where it is, the role's name."""
        for index, token in enumerate(self.tokens):
            if token.cells is not None:
                return None
            for locale in available_locales():
                words = messages(locale)
                match = _role_title(words).fullmatch(token.text)
                if match and match["role"].strip():
                    return words, index, match["role"].strip()
            site = _site_title(token.text)
            if site is not None:
                return messages(site[1]), index, site[0]
        return None

    def fail(self, line: int, message: str) -> None:
        self.problems.append(Problem(f"line {line}", message))

    def scan(self) -> None:
        """Sort the lines: about the role, counts, legend, skills and groups, levels."""
        tokens = self.tokens[self.start + 1 :]
        for index, token in enumerate(tokens):
            if token.number in self.skip:
                continue
            if token.cells is None:
                self._prose(token, tokens[index + 1] if index + 1 < len(tokens) else None)
            else:
                self.legend_open = False
                self.part = "body" if self.part == "about" else self.part
                self.end = "header"
                self._row(token, token.cells)
        self._find_cut(self.vocabulary.list_headers | self.vocabulary.role_headers)
        if not self.levels and not self.text_layout:
            last = self.tokens[-1].number if self.tokens else 1
            self.fail(last, "expected a table of skills by level")

    def _prose(self, token: _Token, following: _Token | None) -> None:
        """A line of text: the role's, the counts, the legend, a group's or skill's heading."""
        words, text = self.vocabulary, token.text
        if self.kind != "matrix":
            self.kind = ""
        if (
            self.legend_open
            and not token.heading
            and words.group_heading.fullmatch(text) is None
            and self._legend_line(token, lenient=True)
        ):
            self.end = "legend"
            return
        self.legend_open = False
        self.end = "heading"
        if _fold(text) in words.at_each_level:
            self.part, self.kind = "levels", ""
        elif self.part == "about" and self._counts_here(token, following):
            self.part, self.end = "body", "counts"
        elif self._legend(token, following):
            self.part = "body" if self.part == "about" else self.part
        elif self.part == "levels":
            self.fail(token.number, f"unexpected line {text[:60]!r}")
        elif (found := words.group_heading.fullmatch(text)) is not None:
            digits = _DIGITS.search(found["count"])
            self._group(token, found["group"], None if digits is None else digits.group())
        elif (self.part != "about" or token.heading) and (
            bracketed := _bracketed_group(text)
        ) is not None:
            self._group(token, *bracketed)
        elif (
            following is not None
            and following.cells is not None
            and tuple(map(_fold, following.cells)) in words.list_headers
        ):
            self.pending, self.part = token, "body"
        elif self.part != "about" or token.heading:
            self._group(token, text, None)
        else:
            self.about.append(text)

    def _legend(self, token: _Token, following: _Token | None) -> bool:
        """Read what starts or is a legend: its label, its steps on a line, its first step."""
        text = token.text
        label = _fold(text).rstrip(":") in _LEGEND_WORDS
        if label or (_fold(text.partition(":")[0]) in _LEGEND_WORDS and self._legend_items(token)):
            self.legend_open = label
            self.end = "heading" if label else "legend"
            self.scale_name = self.scale_name or text.partition(":")[0].strip()
            return True
        if self._legend_items(token):
            self.end = "legend"
            return True
        if self._starts_legend(token, following, after_counts=bool(self.counts)):
            self.legend_open = True
            if _STEP.fullmatch(text) or _LEGEND_LINE.fullmatch(text):
                self._legend_line(token, lenient=True)
                self.end = "legend"
            else:
                self.scale_name = text
            return True
        return False

    def _row(self, token: _Token, cells: tuple[str, ...]) -> None:
        """A table's row: a header, a legend, a skill, a group, a level of the role."""
        words = self.vocabulary
        folded = tuple(map(_fold, cells))
        if folded and folded[0].rstrip(":") in _LEGEND_WORDS:
            self._legend_cells(token, cells[1:])
            self.scale_name = self.scale_name or cells[0].rstrip(":")
            self.end = "legend"
        elif folded in words.list_headers and self.part != "levels":
            self.kind, self.text_layout = "list", True
            if self.pending is None:
                self.fail(token.number, "expected the skill's name on the line before")
                return
            name = self.pending
            self.skills.append(_SkillRow(name.number, name.text, self.category, self.group, []))
            self.header, self.pending = token, None
        elif self.part == "levels" and self.kind != "roles":
            self.kind, self.header = "roles", token
            if folded not in words.role_headers:
                self.end = "row"
                self.role_levels.append((token.number, cells))
        elif self.kind == "roles":
            self.end = "row"
            self.role_levels.append((token.number, cells))
        elif self.kind == "list":
            self.end = "row"
            self.skills[-1].cells.append((token.number, cells[0], cells[1:]))
        elif not self.levels:
            self.levels, self.kind, self.header = list(cells[1:]), "matrix", token
        elif folded[1:] == tuple(map(_fold, self.levels)):
            self.kind, self.header = "matrix", token
        elif folded[0] in words.skill_words and self.kind != "matrix":
            self.fail(token.number, "expected the same level columns as the first table")
        elif (len(cells) > 1 and not any(cells[1:])) or (len(cells) == 1 and self.kind != "matrix"):
            self._group(token, _plain(cells[0]), None)
            self.kind = "matrix"
        else:
            self.kind, self.end = "matrix", "row"
            row = _SkillRow(token.number, cells[0], self.category, self.group, [])
            row.cells += [
                (token.number, level, (cell,))
                for level, cell in zip(self.levels, cells[1:], strict=False)
            ]
            self.skills.append(row)

    def _group(self, token: _Token, name: str, count: str | None) -> None:
        """A group's heading: the skills after it are in it (the catch-all group has no name)."""
        number = None if count is None else _bounded(count, self.bound)
        if count is not None and number is None:
            self.fail(token.number, _too_many("skills", count, self.bound))
        name = name.strip()
        self.groups.append(_Group(token.number, name, number))
        self.category = "" if _fold(name) in self.vocabulary.other else name
        self.group, self.part = len(self.groups) - 1, "body"
        self.end = "heading"

    def _counts_here(self, token: _Token, following: _Token | None) -> bool:
        """Read the line of counts here, or (wrapped in two) here and on the next line."""
        if self._counts_line(token, token.text):
            return True
        if following is None or following.cells is not None:
            return False
        if self._counts_line(token, f"{token.text} {following.text}"):
            self.skip.add(following.number)
            return True
        return False

    def _counts_line(self, token: _Token, text: str) -> bool:
        """Read the line of counts ("3 skills, 3 levels, 2 mandatory, 6 requirements").

        `text` is the line's, or (a page written as text wraps it) with the next line's.
        """
        items = _count_items(self.words)
        found: dict[str, tuple[int, str]] = {}
        for piece in (part.strip() for part in re.split(r"[,·|]", text)):
            kind = next((k for k, item in items.items() if item.fullmatch(piece)), None)
            digits = _DIGITS.search(piece)
            if kind is None or kind in found or digits is None:
                return False
            found[kind] = (token.number, digits.group())
        for kind, (number, count) in found.items():
            value = _bounded(count, self.bound)
            if value is None:
                self.fail(number, _too_many(_ROLE_NOUNS[kind], count, self.bound))
            else:
                self.counts[kind] = (number, value)
        return True

    def _legend_line(self, token: _Token, *, lenient: bool) -> bool:
        """Read a legend's step on a line of its own; False if the line is no step."""
        found = _STEP.fullmatch(token.text) or (
            _LEGEND_LINE.fullmatch(token.text) if lenient else None
        )
        if found is None:
            return self._legend_items(token)
        self.legend.append(
            (
                token.number,
                found["code"].strip(),
                found["name"].strip(),
                (found["about"] or "").strip(),
            )
        )
        return True

    def _legend_items(self, token: _Token) -> bool:
        """Read a legend on one line ("A Awareness · W Working"); False if it is none."""
        label, colon, rest = token.text.partition(":")
        text = rest if colon and _fold(label) in _LEGEND_WORDS else token.text
        items = [item.strip() for item in _LEGEND_SEPARATOR.split(text)]
        found = [_STEP.fullmatch(item) for item in items]
        if len(items) < (1 if text is rest else 2) or not all(found):
            return False
        self._legend_cells(token, items)
        return True

    def _legend_cells(self, token: _Token, items: Iterable[str]) -> None:
        for item in items:
            found = _STEP.fullmatch(item.strip())
            if found is not None:
                self.legend.append(
                    (
                        token.number,
                        found["code"],
                        found["name"].strip(),
                        (found["about"] or "").strip(),
                    )
                )
            elif item.strip():
                self.fail(
                    token.number,
                    "expected a step of the legend, such as 'W Working', got "
                    f"{item.strip()[:40]!r}",
                )

    def _starts_legend(
        self, token: _Token, following: _Token | None, *, after_counts: bool
    ) -> bool:
        """Whether a legend starts here: a run of steps, or (after the counts) its name."""
        if following is None or following.cells is not None or self.legend:
            return False
        if _STEP.fullmatch(token.text) and _STEP.fullmatch(following.text):
            return True
        return (
            after_counts
            and not self.levels
            and _LEGEND_LINE.fullmatch(following.text) is not None
            and _LEGEND_LINE.fullmatch(token.text) is None
        )

    def _find_cut(self, headers: frozenset[tuple[str, ...]]) -> None:
        """Where a copy ends in the middle of a row: that row is taken out, not read.

        The row is the start of a table's header, a Markdown row without the closing pipe
        or the cells its header has, or a row of the text layout without its description.
        """
        if self.end != "row" or self.header is None:
            return
        last, header = self.tokens[-1], self.header
        cells = last.cells or ()
        folded = tuple(map(_fold, cells))
        cut = any(len(folded) < len(h) and h[: len(folded)] == folded for h in headers)
        if header.markdown and last.markdown:
            cut = cut or (header.closed and not last.closed) or len(cells) < len(header.cells or ())
        if self.text_layout and self.skills and self.skills[-1].cells:
            flags = _flag_words()
            cut = cut or not [c for c in cells[1:] if c and _fold(c) not in flags]
        if not cut:
            return
        self.cut = last
        if self.role_levels and self.role_levels[-1][0] == last.number:
            self.role_levels.pop()
        elif self.skills and self.skills[-1].cells and self.skills[-1].cells[-1][0] == last.number:
            if self.text_layout:
                self.skills[-1].cells.pop()
            else:
                self.skills.pop()

    def read(self, domain: str | None, name: str | None, version: str, language: str) -> Taxonomy:
        self.scan()
        if self.problems:
            raise InvalidPageError(_by_line(self.problems), self.source)
        family = summary = ""
        if len(self.about) >= 2:
            family, summary = self.about[0], " ".join(self.about[1:])
        elif self.about:
            # One line: the tagline where it reads as a sentence, else the family.
            family, summary = (
                ("", self.about[0]) if self.about[0].endswith(".") else (self.about[0], "")
            )
        role = Role(slug(self.role_name) or "role", self.role_name, family, summary)
        levels = [
            Level(slug(n) or f"level-{i}", n, i) for i, n in enumerate(self._level_names(), 1)
        ]
        the_domain = Domain(
            slug(domain or family or self.role_name) or "domain", domain or family or self.role_name
        )
        taxonomy = self._framework(
            role,
            levels,
            the_domain,
            name=name or self.role_name,
            version=version,
            language=language,
        )
        self._hold_to_figures(taxonomy)
        if self.problems:
            raise InvalidPageError(_by_line(self.problems), self.source)
        return taxonomy

    def _level_names(self) -> list[str]:
        """The levels: the matrix's columns, or (text layout) the levels of the rows in order."""
        if not self.text_layout:
            return self.levels
        order: list[str] = []
        sequences = [[level for _, level, _ in skill.cells] for skill in self.skills]
        sequences.append([row[0] for _, row in self.role_levels if row])
        for sequence in sequences:
            for index, level in enumerate(sequence):
                if _fold(level) in map(_fold, order):
                    continue
                later = [n for n in sequence[index + 1 :] if _fold(n) in map(_fold, order)]
                folded = [_fold(n) for n in order]
                at = folded.index(_fold(later[0])) if later else len(order)
                order.insert(at, level)
        return order

    def _scale(self, used: Iterable[tuple[int, str, str]]) -> Scale | None:
        """The legend's scale, with any step the tables use and the legend lacks (partial)."""
        steps = [(code, name, about) for _, code, name, about in self.legend]
        codes = {code for code, _, _ in steps}
        for _, code, name in used:
            if code not in codes:
                steps.append((code, name or code, ""))
                codes.add(code)
        if not steps:
            return None
        scale_name = self.scale_name if _fold(self.scale_name) not in _LEGEND_WORDS else ""
        scale_name = scale_name or _DEFAULT_SCALE
        return Scale(
            slug(scale_name) or "scale",
            scale_name,
            [
                Step(slug(code) or str(rank), name, rank, code, about)
                for rank, (code, name, about) in enumerate(steps, start=1)
            ],
        )

    def _unknown_steps(self) -> list[tuple[int, str, str]]:
        """The step letters the tables use that the legend does not list (line, code, word)."""
        known = {code for _, code, _, _ in self.legend}
        found: list[tuple[int, str, str]] = []
        for skill in self.skills:
            for number, _, cell in skill.cells:
                given = _description_of(cell, self.text_layout)[1]
                letter = _LETTER.fullmatch(given.partition(": ")[0])
                if (
                    letter is not None
                    and letter["code"] not in known
                    and (letter["name"] is None or given == given.partition(": ")[0])
                    and all(code != letter["code"] for _, code, _ in found)
                ):
                    found.append((number, letter["code"], letter["name"] or ""))
        return found

    def _framework(
        self,
        role: Role,
        levels: list[Level],
        domain: Domain,
        *,
        name: str,
        version: str,
        language: str,
    ) -> Taxonomy:
        """The framework of the rows read: skills, their expectations, the role's levels."""
        unknown = self._unknown_steps()
        if unknown and not self.partial:
            self._refuse_steps(unknown)
        elif unknown:
            where = self.legend[-1][0] if self.legend else self.tokens[-1].number
            for _, code, _ in unknown:
                self.missing.append(
                    Problem(
                        f"line {where}",
                        f"the tables use step {code!r}, which this copy's legend does not "
                        "list (read with its letter for a name)",
                    )
                )
        scale = self._scale(unknown if self.partial else ())
        steps = {} if scale is None else {step.code: step for step in scale.steps}
        names = {} if scale is None else {_fold(step.name): step for step in scale.steps}
        by_name = {_fold(level.name): level for level in levels}
        skills: dict[str, Skill] = {}
        expectations = []
        for row in self.skills:
            if character_problem(row.name, name=True) or not row.name.strip():
                self.fail(row.number, "expected a skill's name in the first cell")
                continue
            if _fold(row.name) in skills:
                self.fail(row.number, f"a second row for skill {row.name!r}")
                continue
            skill = Skill(slug(row.name) or "skill", row.name, domain, row.category)
            skills[_fold(row.name)] = skill
            for number, level_name, cell in row.cells:
                level = by_name.get(_fold(level_name))
                mandatory, given = _description_of(cell, self.text_layout)
                if level is None:
                    self.fail(number, f"unknown level {level_name!r}")
                    continue
                if given in ("", "—", "–", "-"):
                    if self.text_layout:
                        self.fail(number, f"expected a description at level {level_name!r}")
                    continue
                step, description = _step_of(given, steps, names)
                expectations.append(
                    Expectation(skill, role, level, mandatory, description, step=step)
                )
        role_levels = []
        for number, cells in self.role_levels:
            level_name, title, focus, stack = (*cells, "", "", "")[:4]
            at = by_name.get(_fold(level_name))
            if at is None:
                self.fail(number, f"unknown level {level_name!r}")
                continue
            items = tuple(item.strip() for item in stack.split(",") if item.strip())
            role_levels.append(RoleLevel(role, at, title, focus, stack=items))
        if self.problems:
            raise InvalidPageError(_by_line(self.problems), self.source)
        try:
            return Taxonomy(
                name=name,
                version=version,
                language=language,
                domains=[domain],
                skills=skills.values(),
                roles=[role],
                levels=levels,
                expectations=expectations,
                scales=[] if scale is None else [scale],
                role_levels=role_levels,
            )
        except InvalidTaxonomyError as error:
            raise InvalidPageError(error.problems, self.source) from None

    def _refuse_steps(self, unknown: Sequence[tuple[int, str, str]]) -> None:
        codes = _names([code for _, code, _ in unknown])
        last = self.tokens[-1].number
        if self.legend and self.legend[-1][0] == last:
            self.fail(
                last,
                f"the tables use {codes}, which the legend does not list, and the legend ends "
                f"this copy (at {self.legend[-1][1]!r}): the copy may end early (copy the "
                "whole page, or read it with partial=True or --partial)",
            )
        elif not self.legend:
            self.fail(
                unknown[0][0],
                f"the tables use step letters ({codes}) and the page has no legend (copy its "
                "legend too, or read it with partial=True or --partial)",
            )
        else:
            listed = _names([code for _, code, _, _ in self.legend])
            for number, code, _ in unknown:
                self.fail(number, f"step {code!r} is not in the page's legend ({listed})")

    def _runs_to_the_end(self, early: bool) -> bool:
        """Whether the copy shows it runs to the page's end, so a shortfall is not its end.

        A group short of skills before a group with its rows lost a part in the middle;
        a copy that ends with what follows the skills (the role's levels, or a legend
        after the tables) with every group whole reached the end.
        """
        short = [
            index
            for index, group in enumerate(self.groups)
            if group.count is not None
            and sum(1 for row in self.skills if row.group == index) < group.count
        ]
        if any(row.group > index for index in short for row in self.skills):
            return True
        last_skill = max((row.number for row in self.skills), default=0)
        after = bool(self.role_levels) or bool(self.legend and self.legend[-1][0] > last_skill)
        return not early and not short and after

    def _hold_to_figures(self, taxonomy: Taxonomy) -> None:
        """Hold the tables to the page's counts and its groups' counts (see the skill page's)."""
        read = {
            "skills": len(taxonomy.skills),
            "levels": len(taxonomy.levels),
            "mandatory": sum(1 for e in taxonomy.expectations if e.mandatory),
            "requirements": len(taxonomy.expectations),
        }
        figures = [
            (number, kind, _ROLE_NOUNS[kind], counted, read[kind])
            for kind, (number, counted) in self.counts.items()
        ]
        for index, group in enumerate(self.groups):
            if group.count is not None:
                found = sum(1 for row in self.skills if row.group == index)
                figures.append(
                    (group.number, "group", f"skills in {group.name!r}", group.count, found)
                )
        short = []
        for number, kind, noun, counted, found in figures:
            # In the text layout a level no skill has is not shown: its count is a bound.
            if found > counted or (found < counted and not (kind == "levels" and self.text_layout)):
                if found > counted:
                    self.fail(
                        number,
                        f"the page counts {_counted(counted, noun)}, its tables show {found}",
                    )
                else:
                    short.append((number, noun, counted, found))
        if self.partial:
            for number, noun, counted, found in short:
                self.missing.append(
                    Problem(
                        f"line {number}",
                        _not_in_copy(counted - found, _counted(counted, noun)),
                    )
                )
            if self.cut is not None:
                self.missing.append(
                    Problem(
                        f"line {self.cut.number}",
                        "this copy ends in the middle of this row, which is not read",
                    )
                )
            elif self.end in ("header", "heading"):
                self.missing.append(
                    Problem(
                        f"line {self.tokens[-1].number}",
                        "this copy ends after this line, before what it heads",
                    )
                )
            return
        early = self.cut is not None or self.end in ("header", "heading")
        if not short and not early:
            return
        if self.problems or self._runs_to_the_end(early):
            for number, noun, counted, found in short:
                self.fail(
                    number, f"the page counts {_counted(counted, noun)}, its tables show {found}"
                )
            if self.cut is not None:
                self.fail(self.cut.number, "this copy ends in the middle of this row")
            return
        last = self.tokens[-1]
        details = (
            ["it ends in the middle of a row"]
            if self.cut is not None
            else ["it ends with a table's header"]
            if self.end == "header"
            else [f"it ends with the heading {last.text[:60]!r}"]
            if self.end == "heading"
            else []
        )
        details += _role_shortfalls(short, self.counts, read)
        self.fail(last.number, _ENDS_EARLY % "; ".join(details))


def _role_shortfalls(
    short: Sequence[tuple[int, str, int, int]],
    counts: dict[str, tuple[int, int]],
    read: dict[str, int],
) -> list[str]:
    """What a role page's copy holds against its counts: skills, levels, requirements."""
    nouns = {noun for _, noun, _, _ in short}
    details = []
    for _, noun, counted, found in short:
        if noun == "mandatory requirements" and "requirements" in counts:
            continue
        if noun == "requirements" and "mandatory" in counts:
            details.append(
                f"the page counts {_counted(counted, noun)} ({counts['mandatory'][1]} mandatory) "
                f"and {_were(found)} read ({read['mandatory']} mandatory)"
            )
        else:
            details.append(f"the page counts {_counted(counted, noun)} and {_were(found)} read")
    if (
        "mandatory requirements" in nouns
        and "requirements" in counts
        and "requirements" not in nouns
    ):
        details.append(
            f"the page counts {_counted(counts['mandatory'][1], 'mandatory requirements')} and "
            f"{_were(read['mandatory'])} read"
        )
    return details


_ROLE_NOUNS = {
    "skills": "skills",
    "levels": "levels",
    "mandatory": "mandatory requirements",
    "requirements": "requirements",
}


def _description_of(cell: tuple[str, ...], text_layout: bool) -> tuple[bool, str]:
    """A cell's flag and what it holds: ``Required: W`` → (True, ``W``).

    A matrix's cell starts with the flag word when it is mandatory; a row of the text
    layout has the flag in a cell of its own, before the description.
    """
    flags = _flag_words()
    if text_layout:
        filled = [part for part in cell if part]
        if len(filled) == 2 and _fold(filled[0]) in flags:
            return True, filled[1]
        return False, " ".join(filled)
    given = cell[0] if cell else ""
    first, colon, rest = given.partition(":")
    if colon and _fold(first) in flags:
        return True, rest.strip()
    return False, given


def _step_of(given: str, steps: dict[str, Step], names: dict[str, Step]) -> tuple[Step | None, str]:
    """A cell's step and description: ``W``, ``W Working``, ``W (Working): text``, ``text``."""
    head, colon, rest = given.partition(": ")
    for candidate in (given, head) if colon else (given,):
        step = steps.get(candidate) or names.get(_fold(candidate))
        letter = _LETTER.fullmatch(candidate)
        if step is None and letter is not None:
            step = steps.get(letter["code"])
            if (
                step is not None
                and letter["name"] is not None
                and (_fold(letter["name"]) != _fold(step.name))
            ):
                step = None
        if step is not None:
            return step, rest if candidate == head and colon else ""
    return None, given
