"""Exceptions raised by skilltaxonomy.

Every exception the library raises on purpose derives from `TaxonomyError`, and each
also derives from the builtin it resembles, so ``except ValueError`` or
``except KeyError`` keep working for callers who do not know this library.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "DomainNotFoundError",
    "ExpectationNotFoundError",
    "ExportError",
    "InvalidAssessmentError",
    "InvalidCaseError",
    "InvalidPageError",
    "InvalidQueryError",
    "InvalidRatingsError",
    "InvalidTableError",
    "InvalidTaxonomyError",
    "InvalidValueError",
    "LevelNotFoundError",
    "MergeConflictError",
    "MissingDependencyError",
    "NotFoundError",
    "Problem",
    "RoleNotFoundError",
    "SkillNotFoundError",
    "TaxonomyError",
    "UnsupportedLocaleError",
]

#: How many problems `InvalidTaxonomyError`'s message lists before "… and N more".
MAX_LISTED_PROBLEMS = 50


def _listing(head: str, noun: str, items: tuple[object, ...]) -> str:
    """Count `items` after `head`, then list them one per line, up to the cap."""
    count = len(items)
    lines = [f"{head}{count} {noun}" + ("" if count == 1 else "s")]
    lines += [f"  {item}" for item in items[:MAX_LISTED_PROBLEMS]]
    if count > MAX_LISTED_PROBLEMS:
        lines.append(f"  … and {count - MAX_LISTED_PROBLEMS} more")
    return "\n".join(lines)


@attrs.frozen
class Problem:
    """One thing wrong with a framework, and where it is.

    Attributes:
        path: Where the problem is, as a JSONPath-like location such as
            ``$.expectations[3].level``; ``$`` is the whole document. In a skill
            profile page, the line: ``line 19``.
        message: What is wrong and what was expected.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class TaxonomyError(Exception):
    """Base class of every error skilltaxonomy raises on purpose."""


class InvalidTaxonomyError(TaxonomyError, ValueError):
    """The input is not a valid framework; `problems` lists everything found wrong.

    The message names the source (usually a file name) when there is one, then every
    problem with its place, for example::

        team.json: 2 problems
          $.skills[0].name: expected a non-empty string, got ''
          $.expectations[3].level: unknown level 'seniour' (did you mean 'senior'?)
    """

    problems: tuple[Problem, ...]
    source: str | None
    _unnamed = "invalid taxonomy"

    def __init__(self, problems: Iterable[Problem], source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        super().__init__(self._message())

    def _message(self) -> str:
        return _listing(f"{self.source or self._unnamed}: ", "problem", self.problems)

    def __reduce__(
        self,
    ) -> tuple[type[InvalidTaxonomyError], tuple[tuple[Problem, ...], str | None]]:
        return (type(self), (self.problems, self.source))


class InvalidValueError(TaxonomyError, ValueError):
    r"""A value a framework may not hold; the message says which field and what was expected.

    Raised when a value class is built, for example::

        Skill.name: expected an id or name without control characters, got 'SQL\x1b'
        (U+001B at character 4)

    Readers report the same rule at its place in the file instead.
    """


class InvalidPageError(InvalidTaxonomyError):
    """A skill profile page could not be read; each problem names its line."""

    _unnamed = "invalid page"


class InvalidAssessmentError(InvalidTaxonomyError):
    """An assessment is not valid for its framework; each problem names its place."""

    _unnamed = "invalid assessment"


class InvalidCaseError(InvalidTaxonomyError):
    """A CASE package cannot be read as a framework; each problem names its ``$`` path."""

    _unnamed = "invalid CASE package"


class InvalidTableError(InvalidTaxonomyError):
    """A CSV or XLSX table could not be read; each problem names its row and column."""

    _unnamed = "invalid table"


class InvalidRatingsError(InvalidTableError):
    """A ratings or people table does not fit its framework; each problem names its row.

    For example::

        ratings.csv: 1 problem
          row 7, column skill: unknown skill 'pyhton' (did you mean 'python'?)
    """

    _unnamed = "invalid ratings"


class MergeConflictError(TaxonomyError, ValueError):
    """Frameworks to merge disagree; `conflicts` lists every entry that differs.

    The message lists them, for example::

        1 conflict
          skill 'python' differs in framework 1: name: 'Python' → 'Python 3'
    """

    conflicts: tuple[object, ...]

    def __init__(self, conflicts: Iterable[object]) -> None:
        self.conflicts = tuple(conflicts)
        super().__init__(_listing("", "conflict", self.conflicts))

    def __reduce__(self) -> tuple[type[MergeConflictError], tuple[tuple[object, ...]]]:
        return (type(self), (self.conflicts,))


class ExportError(TaxonomyError, ValueError):
    """The framework cannot be written in the format asked for; the message says why."""


class MissingDependencyError(TaxonomyError, ImportError):
    """A feature needs an optional dependency that is not installed.

    The message says which extra installs it, for example
    ``to_xlsx needs openpyxl: pip install 'skilltaxonomy[xlsx]'``.
    """

    def __init__(self, feature: str, package: str, extra: str) -> None:
        super().__init__(
            f"{feature} needs {package}: pip install 'skilltaxonomy[{extra}]'", name=package
        )


class InvalidQueryError(TaxonomyError, ValueError):
    """A query's arguments make no sense together, such as a target below the current level."""


class UnsupportedLocaleError(TaxonomyError, LookupError):
    """No catalog covers the locale asked for.

    Attributes:
        locale: The locale asked for.
        available: The locales there are catalogs for.
    """

    def __init__(self, locale: str, available: Iterable[str]) -> None:
        self.locale = locale
        self.available = tuple(available)
        super().__init__(locale, self.available)

    def __str__(self) -> str:
        return f"unsupported locale {self.locale!r}: expected one of {', '.join(self.available)}"


class NotFoundError(TaxonomyError, KeyError):
    """A lookup found nothing; the message names the key and suggests close matches.

    Attributes:
        key: What was looked up.
        suggestions: Ids or names close to `key`, best first (possibly empty).
        known: Where none is close and there are few: the ids there are.
    """

    kind = "entry"

    key: object
    suggestions: tuple[str, ...]
    known: tuple[str, ...]

    def __init__(
        self, key: object, suggestions: Iterable[str] = (), known: Iterable[str] = ()
    ) -> None:
        self.key = key
        self.suggestions = tuple(suggestions)
        self.known = tuple(known)
        super().__init__(key)

    def __str__(self) -> str:
        message = f"no {self.kind} {self.key!r}"
        if self.suggestions:
            message += f" (did you mean {' or '.join(map(repr, self.suggestions))}?)"
        elif self.known:
            message += f" (there are {', '.join(map(repr, self.known))})"
        return message

    def __reduce__(
        self,
    ) -> tuple[type[NotFoundError], tuple[object, tuple[str, ...], tuple[str, ...]]]:
        return (type(self), (self.key, self.suggestions, self.known))


class DomainNotFoundError(NotFoundError):
    """No domain has that id or name."""

    kind = "domain"


class SkillNotFoundError(NotFoundError):
    """No skill has that id or name."""

    kind = "skill"


class RoleNotFoundError(NotFoundError):
    """No role has that id or name."""

    kind = "role"


class LevelNotFoundError(NotFoundError):
    """No level has that id, name or rank."""

    kind = "level"


class ScaleNotFoundError(NotFoundError):
    """No proficiency scale has that id or name."""

    kind = "scale"


class LadderNotFoundError(NotFoundError):
    """No ladder has that id or name."""

    kind = "ladder"


class ExpectationNotFoundError(NotFoundError):
    """The framework holds no expectation for that skill, role and level."""

    kind = "expectation"

    def __str__(self) -> str:
        if isinstance(self.key, tuple) and len(self.key) == 3:
            skill, role, level = self.key
            return f"no expectation for skill {skill!r}, role {role!r}, level {level!r}"
        return super().__str__()
