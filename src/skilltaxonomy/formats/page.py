"""Reading skill profile pages (copied from the web, or written by `render`) back into data.

A page is read by its structure and its labels, in any locale there is a catalog for:
the "Domain" label and the line after it, the three counts, the breadcrumb and date,
the "from … to …" line, and one table per level. Markdown decoration (headings, bold,
list markers, escapes, hard breaks) is ignored, so a page `render` wrote in ``"md"``
reads back to the same expectations; a table copied as visible text (a row a line, its
cells between tabs, as browsers copy tables) reads as its Markdown twin.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence

import attrs

from skilltaxonomy._i18n import Messages, available_locales, flag_word, messages
from skilltaxonomy._text import character_problem, slug, split_lines
from skilltaxonomy.exceptions import InvalidPageError, InvalidTaxonomyError, Problem
from skilltaxonomy.formats._guard import DEFAULT_MAX_BYTES, Reading, as_text, check_size
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
# A count as pages show it: digits, few enough to be a number (a longer run is text).
_NUMBER = re.compile(r"(?<![0-9])[0-9]{1,18}(?![0-9])")
_CRUMB_SEPARATOR = re.compile(r"(?<=\s)[›>](?=\s)")


def _tabs_as_cells(line: str) -> str:
    """A table's row copied as visible text (cells between tabs) as a Markdown row."""
    if "\t" in line and not line.startswith("|"):
        return "| " + " | ".join(cell.strip() for cell in line.split("\t")) + " |"
    return line


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


def _fold(text: str) -> str:
    return text.casefold().strip()


class _Reader:
    """One pass over a page's lines, collecting every problem with its line number."""

    def __init__(self, text: str, role_names: Iterable[str] = ()) -> None:
        self.problems: list[Problem] = []
        self.prose: list[_Line] = []
        self.tables: list[_PageTable] = []
        # Rows whose role's name could not be read (the page's counts are not checked then).
        self.unread_roles = 0
        # The roles' names, longest first, to tell them from descriptions in a page whose
        # cells were copied with spaces between them.
        self.role_names = sorted({name for name in role_names if name.strip()}, key=len)[::-1]
        # Table headers copied with spaces between their cells ("Role Required Description").
        self.spaced_headers = 0
        self._split(text.removeprefix("\ufeff"))

    def problem(self, number: int, message: str) -> None:
        self.problems.append(Problem(f"line {number}", message))

    def _split(self, text: str) -> None:
        """Sort the page's lines into prose and tables."""
        headers = {_header_key(words) for words in map(messages, available_locales())}
        tables: list[tuple[_Row, str | None, list[_Row]]] = []
        previous: str | None = None
        in_table = False
        spaced = {" ".join(header) for header in headers}
        flags = sorted(_flag_words(), key=len)[::-1]
        in_spaced = False
        for number, raw in enumerate(split_lines(text), start=1):
            line = _tabs_as_cells(raw.strip())
            if not line:
                continue
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
                previous = _plain(line)
                self.prose.append(_Line(number, previous))
                continue
            if _SEPARATOR.fullmatch(line):
                continue
            row = _Row(number, _cells(line))
            if tuple(map(_fold, row.cells[:3])) in headers:
                tables.append((row, previous, []))
                in_table = True
            elif not in_table:
                self.problem(number, "expected a table header row before this row")
            else:
                tables[-1][2].append(row)
            previous = None
        self.tables = [_PageTable(header, heading, tuple(rows)) for header, heading, rows in tables]

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


def _header_key(words: Messages) -> tuple[str, str, str]:
    return (_fold(words._("Role")), _fold(words._("Required")), _fold(words._("Description")))


def read(
    data: str | bytes,
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    skill_id: str,
    skill_name: str,
    levels: Sequence[Level] | None = None,
    roles: Iterable[Role] = (),
    domain_id: str | None = None,
    name: str | None = None,
    version: str = "",
    language: str = "en",
    max_line_length: int = DEFAULT_MAX_LINE_LENGTH,
) -> Reading:
    """Read a skill profile page, in any supported locale, into a one-skill `Taxonomy`.

    The page text gives the domain, category, date, the roles and, per level, each
    role's description and whether it is mandatory. What it does not give comes
    from the arguments.

    Args:
        data: The page, as copied from the site or written by ``render(..., "md")``.
        source: A file name for error messages.
        max_bytes: Refuse larger pages.
        skill_id: The skill's id (pages do not show it).
        skill_name: The skill's name.
        levels: The ladder; the page's level tables are matched to it by the level
            headings where the page has them, else by position from the "from … to …"
            line's first level. Default: the bundled framework's levels.
        roles: Roles the page may name, matched by name (case-insensitive) so they keep
            their ids and families; other roles get an id made from their name.
        domain_id: The domain's id. Default: made from its name.
        name: The framework's name. Default: `skill_name`.
        version: The framework's version label.
        language: The language of the descriptions (pages show them untranslated);
            the language of the page's labels, which may differ, is the reading's
            `PageMetadata` (``report=True``).
        max_line_length: Refuse a page with a longer line (in characters).

    Raises:
        InvalidPageError: The page lacks something it needs, or contradicts itself;
            every problem is listed with its line.

    >>> from skilltaxonomy import load, loads, render
    >>> page = render(load().profile("neural-network-architectures"), "md", locale="de")
    >>> fragment = loads(
    ...     page,
    ...     format="page",
    ...     skill_id="neural-network-architectures",
    ...     skill_name="Neural Network Architectures",
    ...     roles=load().roles,
    ... )
    >>> fragment.expectations == load().expectations
    True
    """
    text = _page_text(data, source, max_bytes, max_line_length)
    known_roles = tuple(roles)
    reader = _Reader(text, (role.name for role in known_roles))
    result = _Page.read(reader, levels)
    page_roles, cells = _resolve_roles(reader, () if result is None else result.levels, known_roles)
    if reader.problems or result is None:
        numbered = sorted(reader.problems, key=lambda problem: int(problem.path.split()[-1]))
        raise InvalidPageError(numbered, source)
    domain = Domain(domain_id or slug(result.domain) or "domain", result.domain)
    skill = Skill(skill_id, skill_name, domain, result.category, result.summary, result.updated)
    expectations = [
        Expectation(skill, role, level, mandatory, description)
        for level, role, mandatory, description in cells
    ]
    try:
        taxonomy = Taxonomy(
            name=skill_name if name is None else name,
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
    return Reading(taxonomy, metadata=PageMetadata(result.labels))


@attrs.frozen
class PageMetadata:
    """What a page says beside the framework (`Reading.metadata` of a page).

    Attributes:
        labels: The language of the page's labels (``"es"``), which is not always that
            of its text: the site's Spanish and German pages carry English descriptions.
    """

    labels: str


def _page_text(data: str | bytes, source: str | None, max_bytes: int, max_line_length: int) -> str:
    """A page's text, once its size and every line's characters are checked.

    Text from a page becomes names and descriptions: the characters they may not hold
    are reported at their line, before anything else is read.
    """
    check_size(data, max_bytes, InvalidPageError, source)
    text = as_text(data, InvalidPageError, source, place="line 1")
    bad_lines = [
        Problem(f"line {number}", problem)
        for number, line in enumerate(split_lines(text), start=1)
        if (problem := _line_problem(line, max_line_length)) is not None
    ]
    if bad_lines:
        raise InvalidPageError(bad_lines, source)
    return text


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

    domain: str
    summary: str
    category: str
    updated: datetime.date | None
    labels: str
    ladder: tuple[Level, ...]
    levels: tuple[tuple[Level, tuple[_Cell, ...]], ...]

    @classmethod
    def read(cls, reader: _Reader, levels: Sequence[Level] | None) -> _Page | None:
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
        counts = _counts(reader, words, at + 2)
        summary = _summary(reader, words, at + 2, counts.end)
        category, updated, ladder_line = _place(reader, words, counts.end, domain)
        assigned = _assign_levels(reader, ladder, ladder_line)
        if not reader.tables:
            hint = (
                " (its tables were copied with spaces between their cells: pass roles=… so "
                "the roles' names can be told from the descriptions)"
                if reader.spaced_headers
                else ""
            )
            reader.problem(prose[-1].number, f"expected a table per level; the page has none{hint}")
        flags = _flag_words()
        rows_by_level = tuple(
            (level, _rows(reader, words, flags, table, level)) for level, table in assigned
        )
        # When levels could not be placed, or a role's name could not be read, the counts
        # would mislead.
        if (assigned or not reader.tables) and not reader.unread_roles:
            _check_counts(reader, counts, rows_by_level)
        _cut_off(reader)
        if reader.problems:
            return None
        return cls(domain, summary, category, updated, words.locale, ladder, rows_by_level)


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
            line = prose[index + 1].text
            if _fold(line) not in generic and _fold(line) not in labels:
                return line
            break
    return ""


def _cut_off(reader: _Reader) -> None:
    """Say once where a page that ends mid-table ends, instead of the wrong facts.

    A page copied short ends in the middle of a row: its last line is a table row of one
    cell (a role with nothing after it), or the start of the next table's header
    (``| Rol | Obligatorio``). The problems that follow from it, at that line, in the
    page's counts and in where its ladder ends, are replaced by one. (A row of two cells
    is whole: copies drop the empty flag cell.)
    """
    if not reader.tables:
        return
    table = reader.tables[-1]
    if not table.rows:
        return
    last = table.rows[-1]
    if reader.prose and reader.prose[-1].number > last.number:
        return  # text follows the last table: the page goes on past it
    folded = tuple(map(_fold, last.cells))
    headers = {_header_key(words) for words in map(messages, available_locales())}
    starts_a_header = any(header[: len(folded)] == folded for header in headers)
    if len(last.cells) > 1 and not starts_a_header:
        return
    caused = [
        problem
        for problem in reader.problems
        if problem.path == f"line {last.number}"
        or problem.message.startswith(("the page counts", "the page's ladder ends at"))
    ]
    if caused:
        reader.problems = [p for p in reader.problems if p not in caused]
        reader.problem(
            last.number,
            "the page looks cut off here: it ends in the middle of a table (copy the whole page)",
        )


def _find_locale(reader: _Reader) -> tuple[Messages | None, int]:
    labels = {_fold(messages(loc)._("Domain")): messages(loc) for loc in available_locales()}
    for index, line in enumerate(reader.prose):
        if _fold(line.text) in labels:
            return labels[_fold(line.text)], index
    return None, -1


@attrs.frozen
class _Counts:
    roles: _Line | None
    levels: _Line | None
    mandatory: _Line | None
    optional: _Line | None
    end: int


def _counts(reader: _Reader, words: Messages, start: int) -> _Counts:
    """The three figures: each a label, then a number, then (for the last) the rest."""
    prose = reader.prose
    found: dict[str, _Line | None] = {"roles": None, "levels": None, "mandatory": None}
    labels = {
        _fold(words._("Roles")): "roles",
        _fold(words._("Levels")): "levels",
        _fold(words._("Mandatory requirements")): "mandatory",
    }
    index, end, optional = start, start, None
    while index < len(prose) - 1 and index < start + 12:
        kind = labels.get(_fold(prose[index].text))
        if kind is not None and _NUMBER.fullmatch(prose[index + 1].text):
            found[kind] = prose[index + 1]
            end = index + 2
            if kind == "mandatory" and index + 2 < len(prose):
                optional, end = prose[index + 2], index + 3
            index += 2
        else:
            index += 1
    return _Counts(found["roles"], found["levels"], found["mandatory"], optional, end)


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
    for line in reader.prose[start:]:
        found = ladder_line.fullmatch(line.text)
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


def _assign_levels(
    reader: _Reader, ladder: tuple[Level, ...], line: _Ladder | None
) -> list[tuple[Level, _PageTable]]:
    """Each table's level: by its heading if every table has one, else by position."""
    by_name = {_fold(level.name): level for level in ladder}
    tables = reader.tables
    if not ladder:
        reader.problem(
            tables[0].header.number if tables else 1,
            "no levels to place the page's tables on (pass the framework's levels)",
        )
        return []
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
                return []
            start = first.rank - 1
        if start + len(tables) > len(ladder):
            reader.problem(
                tables[0].header.number,
                f"the page has {len(tables)} level tables from {ladder[start].name!r}, "
                f"but the ladder has only {len(ladder) - start} levels from there",
            )
            return []
        pairs = list(zip(ladder[start : start + len(tables)], tables, strict=True))
        if line is not None and pairs and _fold(pairs[-1][0].name) != _fold(line.last):
            reader.problem(
                line.number,
                f"the page's ladder ends at {line.last!r}, but its last table falls on "
                f"{pairs[-1][0].name!r}",
            )
    seen: set[str] = set()
    for level, table in pairs:
        if level.id in seen:
            reader.problem(table.header.number, f"a second table for level {level.name!r}")
        seen.add(level.id)
    return pairs


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


def _check_counts(
    reader: _Reader,
    counts: _Counts,
    rows_by_level: Sequence[tuple[Level, Sequence[_Cell]]],
) -> None:
    """The page's own figures must agree with its tables."""
    rows = [row for _, found in rows_by_level for row in found]
    shown = {
        "roles": len({_fold(role) for _, role, _, _ in rows}),
        "levels": len(rows_by_level),
        "mandatory": sum(1 for _, _, mandatory, _ in rows if mandatory),
    }
    for kind, line, noun in (
        ("roles", counts.roles, "roles"),
        ("levels", counts.levels, "levels"),
        ("mandatory", counts.mandatory, "mandatory items"),
    ):
        if line is not None and int(line.text) != shown[kind]:
            reader.problem(
                line.number, f"the page counts {line.text} {noun}, its tables show {shown[kind]}"
            )
    if counts.optional is not None:
        optional = _NUMBER.search(counts.optional.text)
        expected = len(rows) - shown["mandatory"]
        if optional is not None and int(optional.group()) != expected:
            reader.problem(
                counts.optional.number,
                f"the page counts {optional.group()} optional items, its tables show {expected}",
            )


# Role pages -----------------------------------------------------------------------------

# A legend line: "W: Working (Applies it in everyday work.)".
_LEGEND_LINE = re.compile(r"(?P<code>[^:]{1,16}):\s+(?P<name>.+?)(?:\s+\((?P<about>.*)\))?")


def _role_title(words: Messages) -> re.Pattern[str]:
    """The locale's "<role>: skills by level" title, the role's name as a group."""
    template = re.escape(words._("%(role)s: skills by level"))
    return re.compile(template.replace(re.escape("%(role)s"), "(?P<role>.+)"))


def _count_pattern(words: Messages) -> re.Pattern[str]:
    """The line counting skills, levels, mandatory items and requirements, in the locale."""
    parts = []
    for singular, plural in (
        ("%(count)d skill", "%(count)d skills"),
        ("%(count)d level", "%(count)d levels"),
        ("%(count)d mandatory", "%(count)d mandatory"),
        ("%(count)d requirement", "%(count)d requirements"),
    ):
        forms = words.plural_forms(singular, plural)
        alternatives = "|".join(
            re.escape(form).replace(re.escape("%(count)d"), r"[0-9]{1,18}") for form in forms
        )
        parts.append(f"(?:{alternatives})")
    return re.compile(", ".join(parts))


def _group_pattern(words: Messages) -> re.Pattern[str]:
    """A group's heading, "<group>: <n> skills", the group's name as a group."""
    forms = words.plural_forms("%(count)d skill", "%(count)d skills")
    skills = "|".join(
        re.escape(form).replace(re.escape("%(count)d"), "[0-9]{1,18}") for form in forms
    )
    template = re.escape(words._("%(group)s: %(skills)s"))
    template = template.replace(re.escape("%(group)s"), "(?P<group>.+)")
    return re.compile(template.replace(re.escape("%(skills)s"), f"(?:{skills})"))


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
) -> Reading:
    """Read a role page (as ``render(tax.matrix(role), "md")`` writes it) into a framework.

    A role page, in any supported locale, gives the role (its name in the title, then
    its family and its tagline), the count of skills, levels and requirements, the
    legend of its proficiency scale (``W: Working (…)``), its skills in groups (``AI
    tools: 4 skills`` headings, a table of a skill per row and a level per column, each
    cell a step's code or a description, mandatory ones starting with the locale's word
    for required), and its title, focus and stack at each level. The page names no
    domain: the skills' domain is `domain` (default: the role's family, else its name).
    The language of the page's labels is the reading's `PageMetadata`.

    Raises:
        InvalidPageError: The page lacks something it needs, or contradicts itself;
            every problem is listed with its line.
    """
    text = _page_text(data, source, max_bytes, max_line_length)
    reader = _RolePageReader(text, source)
    taxonomy = reader.read(domain, name, version, language)
    return Reading(taxonomy, metadata=PageMetadata(reader.words.locale))


class _RolePageReader:
    """One pass over a role page's lines, collecting every problem with its line."""

    def __init__(self, text: str, source: str | None) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.lines = [
            _Line(number, _tabs_as_cells(line.strip()))
            for number, line in enumerate(split_lines(text.removeprefix("\ufeff")), start=1)
            if line.strip()
        ]
        found = None
        for locale in available_locales():
            words = messages(locale)
            title = _role_title(words)
            for index, line in enumerate(self.lines):
                match = title.fullmatch(_plain(line.text))
                if match:
                    found = (words, index, match["role"].strip())
                    break
            if found:
                break
        if found is None:
            shown = repr(messages("en")._("%(role)s: skills by level") % {"role": "…"})
            problem = Problem("line 1", f"expected a title such as {shown}")
            raise InvalidPageError([problem], source)
        self.words, self.start, self.role_name = found
        self.about: list[str] = []
        self.scale_name = ""
        self.legend: list[tuple[int, re.Match[str]]] = []
        # (line, category, cells) of each skill row; the level names of the tables.
        self.rows: list[tuple[int, str, tuple[str, ...]]] = []
        self.levels: list[str] = []
        self.role_levels: list[tuple[int, tuple[str, ...]]] = []
        # The counts line: its number, and its skills, levels, mandatory items, requirements.
        self.counts: tuple[int, list[int]] = (0, [])

    def fail(self, line: int, message: str) -> None:
        self.problems.append(Problem(f"line {line}", message))

    def check_counts(self, taxonomy: Taxonomy) -> None:
        """The page's own figures must agree with its tables."""
        number, given = self.counts
        shown = [
            len(taxonomy.skills),
            len(taxonomy.levels),
            sum(1 for e in taxonomy.expectations if e.mandatory),
            len(taxonomy.expectations),
        ]
        nouns = ("skills", "levels", "mandatory items", "requirements")
        for noun, counted, found in zip(nouns, given, shown, strict=False):
            if counted != found:
                self.fail(number, f"the page counts {counted} {noun}, its tables show {found}")

    def scan(self) -> None:
        """Sort the lines: the role's about lines, the legend, the tables of skills and levels."""
        words = self.words
        counts, group_heading = _count_pattern(words), _group_pattern(words)
        at_each_level = _fold(words._("At each level"))
        part, category = "about", ""
        header: tuple[str, ...] = ()
        for line in self.lines[self.start + 1 :]:
            plain = _plain(line.text)
            if line.text.startswith("|"):
                if _SEPARATOR.fullmatch(line.text):
                    continue
                row = _cells(line.text)
                if not header:
                    header = row
                    if part != "levels":
                        self._level_header(line.number, row)
                        part = "skills"
                elif part == "levels":
                    self.role_levels.append((line.number, row))
                else:
                    self.rows.append((line.number, category, row))
                continue
            header = ()
            if _fold(plain) == at_each_level:
                part = "levels"
            elif (group := group_heading.fullmatch(plain)) is not None and part != "about":
                category = group["group"].strip()
                if _fold(category) == _fold(words._("Other skills")):
                    category = ""
                part = "skills"
            elif part == "about" and counts.fullmatch(plain):
                part = "legend"
                self.counts = (line.number, [int(n) for n in _NUMBER.findall(plain)])
            elif part == "about":
                self.about.append(plain)
            elif part == "legend" and not self.scale_name:
                self.scale_name = plain
            elif part == "legend" and (step := _LEGEND_LINE.fullmatch(plain)) is not None:
                self.legend.append((line.number, step))
            else:
                self.fail(line.number, f"unexpected line {plain[:60]!r}")
        if not self.levels:
            last = self.lines[-1].number if self.lines else 1
            self.fail(last, "expected a table of skills by level")

    def _level_header(self, number: int, row: tuple[str, ...]) -> None:
        names = list(row[1:])
        if not self.levels:
            self.levels = names
        elif names != self.levels:
            self.fail(number, "expected the same level columns as the first table")

    def read(self, domain: str | None, name: str | None, version: str, language: str) -> Taxonomy:
        self.scan()
        if self.problems:
            raise InvalidPageError(self.problems, self.source)
        family = summary = ""
        if len(self.about) >= 2:
            family, summary = self.about[0], " ".join(self.about[1:])
        elif self.about:
            # One line: the tagline where it reads as a sentence, else the family.
            family, summary = (
                ("", self.about[0])
                if self.about[0].endswith(".")
                else (
                    self.about[0],
                    "",
                )
            )
        role = Role(slug(self.role_name) or "role", self.role_name, family, summary)
        steps = [
            Step(
                slug(found["code"]) or str(rank),
                found["name"].strip(),
                rank,
                found["code"],
                (found["about"] or "").strip(),
            )
            for rank, (_, found) in enumerate(self.legend, start=1)
        ]
        scale = Scale(slug(self.scale_name) or "scale", self.scale_name, steps) if steps else None
        levels = [Level(slug(n) or f"level-{i}", n, i) for i, n in enumerate(self.levels, start=1)]
        the_domain = Domain(
            slug(domain or family or self.role_name) or "domain", domain or family or self.role_name
        )
        taxonomy = self._framework(
            role,
            scale,
            levels,
            the_domain,
            name=name or self.role_name,
            version=version,
            language=language,
        )
        self.check_counts(taxonomy)
        if self.problems:
            raise InvalidPageError(self.problems, self.source)
        return taxonomy

    def _framework(
        self,
        role: Role,
        scale: Scale | None,
        levels: list[Level],
        domain: Domain,
        *,
        name: str,
        version: str,
        language: str,
    ) -> Taxonomy:
        """The framework of the rows read: skills, their expectations, the role's levels."""
        flags = _flag_words()
        steps = {} if scale is None else {step.code: step for step in scale.steps}
        skills: dict[str, Skill] = {}
        expectations = []
        for number, category, row in self.rows:
            skill_name, *row_cells = row
            if character_problem(skill_name, name=True) or not skill_name.strip():
                self.fail(number, "expected a skill's name in the first cell")
                continue
            if _fold(skill_name) in skills:
                self.fail(number, f"a second row for skill {skill_name!r}")
                continue
            skill = Skill(slug(skill_name) or "skill", skill_name, domain, category)
            skills[_fold(skill_name)] = skill
            for level, given in zip(levels, row_cells, strict=False):
                if given in ("", "—"):
                    continue
                mandatory: bool | None = False
                cell = given
                first, colon, rest = given.partition(":")
                if colon and _fold(first) in flags:
                    mandatory, cell = True, rest.strip()
                step = steps.get(cell)
                description = ""
                if step is None:
                    code, colon, rest = cell.partition(": ")
                    step = steps.get(code) if colon else None
                    description = rest if step is not None else cell
                expectations.append(
                    Expectation(skill, role, level, mandatory, description, step=step)
                )
        by_name = {_fold(level.name): level for level in levels}
        role_levels = []
        for number, row in self.role_levels:
            level_name, title, focus, stack = (*row, "", "", "")[:4]
            found = by_name.get(_fold(level_name))
            if found is None:
                self.fail(number, f"unknown level {level_name!r}")
                continue
            items = tuple(item.strip() for item in stack.split(",") if item.strip())
            role_levels.append(RoleLevel(role, found, title, focus, stack=items))
        if self.problems:
            raise InvalidPageError(self.problems, self.source)
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
