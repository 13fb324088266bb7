"""The ``skilltaxonomy`` command: argument parsing and printing only.

One grammar for every command: ``--data FILE`` the framework, ``--locale`` the language,
``--format`` the output (``json`` the one machine output), ``-o/--output`` the file,
``--role``, ``--level`` the current level and ``--target`` the level aimed at,
``--chart`` a figure beside the output, ``--quiet``/``--verbose`` for long work. Each
command takes only the options it uses. The spellings of earlier releases still work,
hidden from ``--help``, with a one-line deprecation message on standard error.

So that ``skilltaxonomy --help`` starts quickly, this module imports only the standard
library and the table of formats at first; the rest of the library when a command runs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from skilltaxonomy.formats._registry import FORMATS

if TYPE_CHECKING:
    from skilltaxonomy._i18n import Messages
    from skilltaxonomy.formats._guard import Reading
    from skilltaxonomy.formats._registry import Format
    from skilltaxonomy.model import (
        Comparison,
        Domain,
        Expectation,
        Level,
        Profile,
        Role,
        RoleMatrix,
        Skill,
        Taxonomy,
    )
    from skilltaxonomy.pages.build import Renderable, TeamReport
    from skilltaxonomy.people.gap import GapReport, Plan

_T = TypeVar("_T")

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
# What a shell reports for a command stopped by Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130

#: The formats `export` writes and `import` reads: the table of formats' own lists.
EXPORT_FORMATS = tuple(entry.name for entry in FORMATS if entry.writer is not None)
IMPORT_FORMATS = tuple(entry.name for entry in FORMATS if entry.reader is not None)

# The library's own lists, spelled here so that ``--help`` imports none of their modules
# (tests/test_cli.py holds each equal to the one it copies).
#: `skilltaxonomy.RENDER_FORMATS`: the formats of a page.
RENDER_FORMATS = ("text", "md", "html")
#: `skilltaxonomy.ENGINES`: where the questions about many people are computed.
ENGINES = ("duckdb", "spark", "python")
#: `skilltaxonomy.READINESS`: what "ready" requires.
READINESS = ("auto", "all", "not-optional")
#: `skilltaxonomy.RATER_KINDS`: who gave a rating.
RATER_KINDS = ("agreed", "manager", "peer", "self")
#: The locales with a catalog (`skilltaxonomy.available_locales()`).
LOCALES = ("de", "en", "es")

#: The commands, as ``skilltaxonomy --help`` lists them.
COMMANDS = (
    *("skills", "roles", "levels", "show", "matrix", "compare", "search", "validate"),
    *("gap", "path", "team", "coverage", "risk", "rounds", "promotions", "raters"),
    *("export", "import", "diff", "schema", "site"),
)

#: The output formats of each kind of command (``json`` the machine output of all).
LIST_FORMATS = ("text", "json")
PAGE_FORMATS = (*RENDER_FORMATS, "json")
TABLE_FORMATS = (*RENDER_FORMATS, "csv", "json")

_EPILOG = """\
examples:
  skilltaxonomy skills
  skilltaxonomy show neural-network-architectures --role "LLM Engineer"
  skilltaxonomy compare neural-network-architectures data-scientist --level junior
  skilltaxonomy matrix llm-engineer --data my-framework.json --format json
  skilltaxonomy validate my-framework.json
  skilltaxonomy site -o site

Every option goes after the command; `skilltaxonomy COMMAND --help` lists a command's.
The locale defaults to the environment's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else en.
Exit status: 0 success, 1 invalid file or page, 2 unknown name or bad usage,
130 stopped (Ctrl-C).
"""


class _UsageError(Exception):
    """A command line that cannot be carried out as given; the message says why."""


def _deprecated(old: str, new: str) -> None:
    """Say, in one line on standard error, that a spelling goes away in the next release."""
    print(
        f"skilltaxonomy: warning: {old} is deprecated and will be removed in the next "
        f"release; use {new}",
        file=sys.stderr,
    )


# Options: one function per idea, the same words in every command ----------------------


def _data_option(parser: argparse.ArgumentParser, what: str = "") -> None:
    parser.add_argument(
        "--data",
        metavar="FILE",
        help=what
        or "read the framework in FILE (its format from its suffix) instead of the bundled one",
    )


def _locale_option(parser: argparse.ArgumentParser, what: str = "") -> None:
    parser.add_argument(
        "--locale",
        metavar="LOCALE",
        help=what
        or f"write labels and dates in LOCALE ({', '.join(LOCALES)}; default: the "
        "environment's language, else en)",
    )


def _format_option(
    parser: argparse.ArgumentParser, choices: Sequence[str], default: str, what: str = ""
) -> None:
    others = [choice for choice in choices if choice != default]
    rest = ", ".join(others[:-1]) + " or " + others[-1] if len(others) > 1 else others[0]
    parser.add_argument(
        "--format",
        choices=choices,
        default=default,
        help=what or f"write the output as {default} (the default), or as {rest}",
    )
    # The spelling of earlier releases: --json for --format json.
    parser.add_argument("--json", action="store_true", dest="json_alias", help=argparse.SUPPRESS)


def _output_option(parser: argparse.ArgumentParser, what: str = "") -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=what or "write to FILE (replaced whole, never half-written) instead of stdout",
    )


def _role_option(parser: argparse.ArgumentParser, what: str, *, required: bool = False) -> None:
    parser.add_argument("--role", metavar="ROLE", required=required, help=what)


def _level_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--level", metavar="LEVEL", help=what)


def _target_option(parser: argparse.ArgumentParser, what: str, *, required: bool = False) -> None:
    parser.add_argument("--target", metavar="LEVEL", required=required, help=what)


def _chart_file(path: str) -> str:
    """A chart's file: its suffix says SVG or PNG, before any work is done."""
    if not path.lower().endswith((".svg", ".png")):
        raise argparse.ArgumentTypeError(f"{path!r}: a chart is written as .svg or .png")
    return path


def _png(args: argparse.Namespace) -> bool:
    """Whether ``--chart`` names a PNG file (else SVG)."""
    return bool(args.chart.lower().endswith(".png"))


def _chart_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--chart", metavar="FILE", type=_chart_file, help=what)


def _quiet_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="show no progress on stderr (none is shown when stderr is not a terminal)",
    )


def _verbose_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="also show the engine's own log (Spark's JVM and py4j), hidden by default",
    )


def _encoding_option(parser: argparse.ArgumentParser, what: str = "the file") -> None:
    parser.add_argument(
        "--encoding",
        metavar="CODEC",
        default="auto",
        help=f"read {what} in this text encoding, such as utf-8 or cp1252 (default: auto: "
        "a byte-order mark, UTF-8, else Windows-1252, as Excel on Windows saves)",
    )


def _format_version_option(parser: argparse.ArgumentParser, scope: str = "") -> None:
    parser.add_argument(
        "--format-version",
        type=int,
        choices=(1, 2),
        default=2,
        help=f"{scope}write version 2 of the JSON format (the default), or 1 for older readers",
    )


# The parser ----------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    """The whole command line: each command, its options and its examples."""
    parser = argparse.ArgumentParser(
        prog="skilltaxonomy",
        description="Query a competency framework: skills × roles × levels → expectations.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_VersionAction, help="print the version and exit")
    # Before the command name, as earlier releases took them: hidden, deprecated.
    parser.add_argument("--data", dest="early_data", help=argparse.SUPPRESS)
    parser.add_argument("--locale", dest="early_locale", help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", dest="early_json", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, summary: str | None, description: str, *examples: str, more: str = ""
    ) -> Any:
        # A command without a summary is an old spelling: parsed, but not listed.
        options: dict[str, Any] = {} if summary is None else {"help": summary}
        return commands.add_parser(
            name,
            description=textwrap.fill(description, 79),
            epilog=more + "examples:\n" + "".join(f"  {example}\n" for example in examples),
            formatter_class=argparse.RawDescriptionHelpFormatter,
            **options,
        )

    _framework_commands(command)
    _people_commands(command)
    _exchange_commands(command)
    _site_command(command)
    return parser


def _framework_commands(command: Callable[..., Any]) -> None:
    """The commands that query the framework: listings, pages, search, validate."""
    skills = command(
        "skills",
        "list the skills",
        "List the skills, optionally those of one domain, category or role.",
        "skilltaxonomy skills",
        'skilltaxonomy skills --role "LLM Engineer" --format json',
    )
    skills.add_argument("--domain", metavar="DOMAIN", help="list only the skills of this domain")
    skills.add_argument(
        "--category", metavar="CATEGORY", help="list only the skills of this category"
    )
    _role_option(skills, "list only the skills this role has expectations for")
    _listing_options(skills)

    roles = command(
        "roles",
        "list the roles",
        "List the roles, optionally those with expectations for one skill.",
        "skilltaxonomy roles",
        "skilltaxonomy roles --skill neural-network-architectures",
    )
    roles.add_argument(
        "--skill", metavar="SKILL", help="list only the roles with expectations for this skill"
    )
    _listing_options(roles)

    levels = command(
        "levels",
        "list the levels",
        "List the levels, entry level first: every ladder's, or one role's.",
        "skilltaxonomy levels",
        "skilltaxonomy levels --role data-scientist --locale de",
    )
    _role_option(levels, "list only the levels of this role's ladder, from where it starts")
    _listing_options(levels)

    show = command(
        "show",
        "print a skill's profile page",
        "Print a skill's profile as on its page: figures, then one table per level; for a "
        "skill of a catalogue (no role), what each step of its scale means. HTML is a "
        "whole document with its stylesheet.",
        "skilltaxonomy show neural-network-architectures",
        'skilltaxonomy show "Neural Network Architectures" --role llm-engineer --locale de',
        "skilltaxonomy show neural-network-architectures --format html -o profile.html",
    )
    show.add_argument("skill", metavar="SKILL", help="the skill's id, name or code")
    _role_option(show, "show only this role's expectations")
    _page_options(show)

    # `render` was `show` with Markdown by default and a whole HTML document.
    render_ = command(
        "render",
        None,
        "Deprecated: use `skilltaxonomy show SKILL --format md`.",
        "skilltaxonomy show neural-network-architectures --format md",
    )
    render_.add_argument("skill", metavar="SKILL", help="the skill's id, name or code")
    _role_option(render_, "show only this role's expectations")
    _page_options(render_, default="md")

    matrix = command(
        "matrix",
        "print a role's skills × levels matrix",
        "Print what a role expects of each of its skills at each level.",
        "skilltaxonomy matrix data-scientist",
        "skilltaxonomy matrix data-scientist --format html -o data-scientist.html",
    )
    matrix.add_argument("role", metavar="ROLE", help="the role's id, name or code")
    _page_options(matrix)

    compare = command(
        "compare",
        "compare a current level with the next (or a target) level",
        "Show what a role expects of a skill at the current level, and what is new up to "
        "the target level.",
        "skilltaxonomy compare neural-network-architectures data-scientist --level junior",
        "skilltaxonomy compare neural-network-architectures llm-engineer --level middle "
        "--target principal --format md",
    )
    compare.add_argument("skill", metavar="SKILL", help="the skill's id, name or code")
    compare.add_argument("role", metavar="ROLE", help="the role's id, name or code")
    _level_option(compare, "the current level: id, name or rank (required)")
    _target_option(compare, "the level aimed at (default: the one after --level)")
    # compare SKILL ROLE CURRENT [TARGET], as earlier releases took them.
    compare.add_argument("levels", nargs="*", help=argparse.SUPPRESS)
    _page_options(compare)

    search = command(
        "search",
        "find skills, roles, levels and expectations by text",
        "Find everything whose text holds every word given, case-insensitively.",
        'skilltaxonomy search "mixture of experts"',
        "skilltaxonomy search python --data ours.json --format json",
    )
    search.add_argument("text", metavar="TEXT", help="the words to look for")
    _listing_options(search)

    validate = command(
        "validate",
        "check a framework file and list every problem with its place",
        "Check a framework file (format v2 or v1, or any format its suffix names): exit 0 "
        "with a summary, or 1 with every problem and its place.",
        "skilltaxonomy validate my-framework.json",
        "skilltaxonomy validate ladder.csv --encoding cp1252 --format json",
    )
    validate.add_argument("file", metavar="FILE", help="the framework file to check")
    _encoding_option(validate, "FILE (a text format such as CSV)")
    _format_option(validate, LIST_FORMATS, "text")
    _output_option(validate)
    _quiet_option(validate)


def _listing_options(parser: argparse.ArgumentParser) -> None:
    _data_option(parser)
    _locale_option(parser)
    _format_option(parser, LIST_FORMATS, "text")
    _output_option(parser)


def _page_options(parser: argparse.ArgumentParser, default: str = "text") -> None:
    _data_option(parser)
    _locale_option(parser)
    _format_option(parser, PAGE_FORMATS, default)
    _output_option(parser)


def _port(text: str) -> int:
    """A TCP port from the command line: 0 (any free one) to 65535."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 0 to 65535, got {port}")
    return port


def _site_command(command: Callable[..., Any]) -> None:
    """The command that writes the framework as a static website."""
    site = command(
        "site",
        "write the framework as a static website (needs the site extra)",
        "Write FRAMEWORK (or --data; default the bundled one) as a static website in DIR: "
        "a home page, a page per skill and role with a level picker, a page comparing "
        "each level with the next, job descriptions, a self-assessment and search, in "
        "each locale of --locale. DIR must be new, empty or a site built before, unless "
        "--force. Needs pip install 'skilltaxonomy[site]'.",
        "skilltaxonomy site -o site",
        "skilltaxonomy site framework.json -o site --locale en,es --serve",
        "skilltaxonomy site ours.json -o public --base-url https://example.org/skills/",
    )
    # The framework published is the command's object: named first, as the site issue has
    # it; --data, every other command's spelling, is taken too.
    site.add_argument(
        "framework",
        nargs="?",
        metavar="FRAMEWORK",
        help="the framework file to publish, in any format the library reads "
        "(default: --data, else the bundled one)",
    )
    _data_option(site, "publish the framework in FILE instead of the bundled one")
    site.add_argument(
        "-o", "--output", metavar="DIR", required=True, help="write the site in DIR (required)"
    )
    _locale_option(
        site,
        f"write the site in these locales, comma-separated ({','.join(LOCALES)}; default: all)",
    )
    site.add_argument(
        "--base-url",
        metavar="URL",
        default="",
        help="the URL the site is published at, for canonical and hreflang links",
    )
    site.add_argument("--no-search", action="store_true", help="write no search index")
    site.add_argument(
        "--force",
        action="store_true",
        help="write into DIR even where it holds files the site did not write (they are kept)",
    )
    site.add_argument(
        "--serve", action="store_true", help="then serve DIR on 127.0.0.1 until interrupted"
    )
    site.add_argument(
        "--port",
        type=_port,
        default=8000,
        help="serve on this port with --serve (default: 8000; 0: any free port)",
    )
    _format_option(site, LIST_FORMATS, "text", "say what was written as text (the default) or json")
    _quiet_option(site)


def _exchange_commands(command: Callable[..., Any]) -> None:
    """The commands that move frameworks in and out: export, import, diff, schema."""
    export = command(
        "export",
        "write the framework in another format: " + ", ".join(EXPORT_FORMATS),
        "Write the framework (--data, default the bundled one) in another format. CSV and "
        "XLSX hold the long table, one row per expectation; with --role, CSV holds that "
        "role's matrix instead (a row per skill, a column per level).",
        "skilltaxonomy export --format csv --bom -o framework.csv",
        "skilltaxonomy export --data ours.json --format xlsx -o ours.xlsx",
        "skilltaxonomy export --format case -o framework.case.json",
        "skilltaxonomy export --format csv --role data-scientist",
    )
    _data_option(export)
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default=None,
        help="write in this format (default: the one the suffix of --output names, else json)",
    )
    _output_option(export)
    _role_option(export, "CSV only: write this role's skills × levels matrix")
    export.add_argument(
        "--bom", action="store_true", help="CSV only: start with a byte-order mark, for Excel"
    )
    _locale_option(export, "XLSX and the role's matrix: write headers in LOCALE")
    _format_version_option(export, "JSON only: ")

    width = max(len(name) for name in IMPORT_FORMATS)
    readable = "formats (--from):\n" + "".join(
        f"  {entry.name:<{width}}  {entry.summary}\n" for entry in FORMATS if entry.reader
    )
    import_ = command(
        "import",
        "read a file in another format into a framework (format v2 JSON)",
        "Read FILE and write it as format v2 JSON. The format is the one the file's suffix "
        "names unless --from says (the formats are listed below). Every bad row or object is "
        "reported with its place; what the input holds that a framework has no place "
        "for is listed on stderr. A skill profile page (--from page) takes the levels and "
        "known roles of --data, its skill's name from its title or --skill-name, and is "
        "refused when it holds less than the page's own figures, unless --partial.",
        "skilltaxonomy import framework.csv --name 'Our ladder' -o ours.json",
        "skilltaxonomy import package.json --from case --strict",
        "skilltaxonomy import sfia-skills.xlsx --from sfia -o sfia.json",
        "skilltaxonomy import page.md --from page --skill-id nna "
        '--skill-name "Neural Network Architectures" -o nna.json',
        more=readable + "\n",
    )
    import_.add_argument("file", metavar="FILE", help="the file to read")
    import_.add_argument(
        "--from",
        dest="source_format",
        metavar="FORMAT",
        choices=IMPORT_FORMATS,
        help=f"read FILE as this format ({', '.join(IMPORT_FORMATS)}; default: from its suffix)",
    )
    import_.add_argument(
        "--name", metavar="NAME", help="name the framework NAME (CSV: default the file's stem)"
    )
    import_.add_argument(
        "--strict", action="store_true", help="CASE only: fail rather than skip anything"
    )
    import_.add_argument(
        "--on-duplicate",
        choices=("error", "first"),
        help="CASE only: a package that gives two objects one identifier is refused "
        "(error, the default), or read keeping the first and listing the others (first)",
    )
    _page_import_options(import_)
    _output_option(import_)
    _encoding_option(import_, "FILE (a text format: CSV, a page, O*NET's or ESCO's files)")
    _quiet_option(import_)

    # `import-page` was `import --from page`.
    import_page = command(
        "import-page",
        None,
        "Deprecated: use `skilltaxonomy import FILE --from page`.",
        "skilltaxonomy import page.md --from page --skill-id nna --skill-name NNA",
    )
    import_page.add_argument("file", metavar="FILE", help="the page, as text or Markdown")
    _page_import_options(import_page)
    _output_option(import_page)
    _encoding_option(import_page, "the page")

    diff_ = command(
        "diff",
        "list what changed between two framework files",
        "Compare two framework files: what was added, removed and changed, by id.",
        "skilltaxonomy diff v1.json v2.json",
        "skilltaxonomy diff v1.json v2.json --format md -o CHANGES.md",
    )
    diff_.add_argument("old", metavar="OLD", help="the framework before")
    diff_.add_argument("new", metavar="NEW", help="the framework after")
    _locale_option(diff_)
    _format_option(diff_, PAGE_FORMATS, "text")
    _output_option(diff_)

    schema = command(
        "schema",
        "print the JSON Schema of format v2 (or v1)",
        "Print the JSON Schema (draft 2020-12) that editors use to check framework files.",
        "skilltaxonomy schema -o skilltaxonomy-2.schema.json",
        "skilltaxonomy schema --format-version 1 > skilltaxonomy-1.schema.json",
    )
    _format_version_option(schema)
    _output_option(schema)


def _page_import_options(parser: argparse.ArgumentParser) -> None:
    _data_option(
        parser,
        "page only: take levels and known roles from the framework in FILE "
        "(default: the bundled one)",
    )
    parser.add_argument(
        "--skill-id", metavar="ID", help="page only: the skill's id (default: made from its name)"
    )
    parser.add_argument(
        "--skill-name", metavar="NAME", help="page only: the skill's name (default: its title)"
    )
    parser.add_argument(
        "--partial",
        action="store_true",
        help="pages and role pages: read a copy that ends early; what it lacks is listed on stderr",
    )


def _people_commands(command: Callable[..., Any]) -> None:
    """The commands about people: a gap report, a promotion plan, many people's ratings."""
    gap_ = command(
        "gap",
        "what a person still needs for a role at a target level",
        "Compare an assessment file (format skilltaxonomy-assessment/2 or /1) with a role's "
        "expectations up to a target level; the role and target default to the "
        "assessment's role and the level after its current one.",
        "skilltaxonomy gap ana.json --role data-scientist --target senior",
        "skilltaxonomy gap ana.json --format html --chart ana-gap.svg -o ana-gap.html",
        "skilltaxonomy gap ana.json bo.json --role data-scientist --target senior",
    )
    gap_.add_argument(
        "assessments",
        metavar="ASSESSMENT",
        nargs="+",
        help="an assessment file (several: one report each)",
    )
    _role_option(gap_, "the role to compare with (default: the assessment's)")
    _target_option(gap_, "the level aimed at (default: the one after the assessment's)")
    _chart_option(
        gap_, "also write a bar chart of met against required levels to FILE (.svg, or .png)"
    )
    _page_options(gap_)

    path_ = command(
        "path",
        "a promotion plan: what is new at each level for a role",
        "List what a role expects at each level above --level up to --target, across its skills.",
        "skilltaxonomy path data-scientist --level junior --target senior",
        "skilltaxonomy path llm-engineer --level 1 --target 5 --format md --locale es",
    )
    path_.add_argument("role", metavar="ROLE", help="the role's id, name or code")
    _level_option(path_, "the level to start from: id, name or rank (required)")
    _target_option(path_, "the level to reach: id, name or rank (required)")
    # path ROLE FROM TO, as earlier releases took them.
    path_.add_argument("levels", nargs="*", help=argparse.SUPPRESS)
    _page_options(path_)

    _scale_commands(command)


def _scale_commands(command: Callable[..., Any]) -> None:
    """The commands about many people: team, coverage, risk, rounds, promotions, raters."""
    ratings_help = (
        "a ratings table (.csv, .tsv, .xlsx, .parquet) or assessment files (.json); "
        "needs the scale extra"
    )

    def scale_command(
        name: str,
        summary: str,
        description: str,
        *examples: str,
        policy: bool = True,
        round_: bool = True,
    ) -> Any:
        parser = command(name, summary, description, *examples)
        parser.add_argument("ratings", metavar="RATINGS", nargs="+", help=ratings_help)
        parser.add_argument(
            "--people",
            metavar="FILE",
            required=name == "promotions",
            help="read each person's role, level and org unit from this people table"
            + (" (required)" if name == "promotions" else ""),
        )
        _data_option(parser)
        parser.add_argument(
            "--engine",
            choices=ENGINES,
            default="duckdb",
            help="compute with duckdb (the default, in the process), spark (local) or "
            "python (gap per person)",
        )
        if round_:
            parser.add_argument(
                "--round", metavar="ROUND", help="read the ratings as of this round"
            )
        if policy:
            parser.add_argument(
                "--rater", choices=RATER_KINDS, help="count only the ratings of this rater"
            )
            parser.add_argument(
                "--readiness",
                choices=READINESS,
                default="auto",
                help="what ready requires: auto (the default: every mandatory item where "
                "the role has any, else every item), all, or not-optional",
            )
        parser.add_argument(
            "--org-unit", metavar="UNIT", help="count only the people of this org unit"
        )
        _locale_option(parser)
        _format_option(parser, TABLE_FORMATS, "text")
        _output_option(parser)
        _encoding_option(parser, "a CSV ratings or people table")
        _quiet_option(parser)
        _verbose_option(parser)
        return parser

    team_ = scale_command(
        "team",
        "everyone's readiness for a role at a level, closest first",
        "Set everyone in RATINGS against a role at a target level: items met, missing "
        "and blocking per person, ready people first. Computed by an engine (DuckDB by "
        "default; Spark; or gap per person in Python). As text, md or html it is the "
        "team report: who is ready, each person's readiness, the gap by skill and the "
        "coverage grid; html is one file read offline, with the charts inline (they need "
        "the plot extra). csv and json are the readiness table, ids and columns.",
        "skilltaxonomy team ratings.csv --role data-scientist --target senior",
        "skilltaxonomy team ratings.csv --role data-scientist --target senior "
        "--format html -o report.html",
        "skilltaxonomy team ratings.parquet --people people.csv --role backend --target 3 "
        "--engine spark --format csv -o team.csv",
    )
    _role_option(team_, "the role to set everyone against (required)", required=True)
    _target_option(team_, "the level aimed at, on the role's ladder (required)", required=True)
    _chart_option(
        team_, "also write a bar chart of the people ready in each skill to FILE (.svg, or .png)"
    )

    coverage = scale_command(
        "coverage",
        "the level each person meets in each of a role's skills",
        "One row per person and skill of the role: the level met, the items met and "
        "required up to the target, ready or not; with --chart, a heatmap of it.",
        "skilltaxonomy coverage ratings.csv --role data-scientist --target senior "
        "--chart coverage.svg",
    )
    _role_option(coverage, "the role whose skills to cover (required)", required=True)
    _target_option(coverage, "the level aimed at, on the role's ladder (required)", required=True)
    _chart_option(coverage, "also write a heatmap of it to FILE (.svg, or .png)")

    risk = scale_command(
        "risk",
        "skills of a role that fewer than N people meet at a level (key-person risk)",
        "List the role's skills that fewer than N people meet at the target level, and who does.",
        "skilltaxonomy risk ratings.csv --role data-scientist --target senior --fewer-than 2",
    )
    _role_option(risk, "the role whose skills to check (required)", required=True)
    _target_option(
        risk, "the level aimed at, each skill to be met at, on the role's ladder (required)"
    )
    # risk --level, as earlier releases named the level it checks.
    risk.add_argument("--level", dest="level_alias", help=argparse.SUPPRESS)
    risk.add_argument(
        "--fewer-than",
        metavar="N",
        type=int,
        default=2,
        help="list the skills fewer than N people meet (default: 2)",
    )

    rounds = scale_command(
        "rounds",
        "the change in items met between two rounds of ratings",
        "Each person's items met for a role at a target as of two rounds, the largest gain first.",
        "skilltaxonomy rounds ratings.csv --role data-scientist --target senior "
        "--before 2025-H1 --after 2025-H2",
        round_=False,
    )
    _role_option(rounds, "the role to set everyone against (required)", required=True)
    _target_option(rounds, "the level aimed at, on the role's ladder (required)", required=True)
    rounds.add_argument(
        "--before", metavar="ROUND", required=True, help="the earlier round (required)"
    )
    rounds.add_argument(
        "--after", metavar="ROUND", required=True, help="the later round (required)"
    )

    scale_command(
        "promotions",
        "each person against the level above their own (needs a people table)",
        "Set each person of the people table against the level after their current one "
        "in their role: the ready first.",
        "skilltaxonomy promotions ratings.csv --people people.csv",
    )

    raters = scale_command(
        "raters",
        "where two kinds of rater differ (self against manager by default)",
        "One row per person and skill both rated: the two levels or steps and their "
        "difference, the largest first.",
        "skilltaxonomy raters ratings.csv --first self --second agreed",
        policy=False,
    )
    raters.add_argument(
        "--first",
        choices=RATER_KINDS,
        default="self",
        help="the rater whose ratings are compared (default: self)",
    )
    raters.add_argument(
        "--second",
        choices=RATER_KINDS,
        default="manager",
        help="the rater they are compared with (default: manager)",
    )


class _VersionAction(argparse.Action):
    """``--version``: the installed version, read only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        print(f"{parser.prog} {_version()}")
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("skilltaxonomy")
    except PackageNotFoundError:  # pragma: no cover - only when run from an uninstalled tree
        return "unknown"


# The old spellings ---------------------------------------------------------------------


def _settle(args: argparse.Namespace) -> None:
    """Turn the spellings of earlier releases into today's, saying so on stderr."""
    for early, option in (("early_data", "--data"), ("early_locale", "--locale")):
        given = getattr(args, early)
        if given is None:
            continue
        name = option[2:]
        if not hasattr(args, name):
            raise _UsageError(f"{args.command} takes no {option}")
        _deprecated(f"{option} before the command", f"{args.command} ... {option} {given}")
        if getattr(args, name) is None:
            setattr(args, name, given)
    if args.early_json or getattr(args, "json_alias", False):
        if not hasattr(args, "format") or args.command in ("export",):
            raise _UsageError(f"{args.command} takes no --json")
        _deprecated("--json", "--format json")
        args.format = "json"
    if getattr(args, "level_alias", None) is not None:  # risk --level
        _deprecated("risk --level", "risk --target")
        args.target = args.target or args.level_alias
    if args.command == "render":
        _deprecated("render", "show --format md")
    if args.command == "import-page":
        _deprecated("import-page", "import FILE --from page")
        args.command, args.source_format = "import", "page"
        args.name = args.strict = args.quiet = args.on_duplicate = None
    if args.command == "site" and args.framework is not None:
        if args.data is not None:
            raise _UsageError("site takes FRAMEWORK or --data, not both")
        args.data = args.framework
    if args.command in ("compare", "path") and args.levels:
        _levels_given_as_words(args)
    if args.command in ("compare", "path") and args.level is None:
        what = "the current level" if args.command == "compare" else "the level to start from"
        raise _UsageError(f"{args.command} needs --level ({what})")
    if args.command == "path" and args.target is None:
        raise _UsageError("path needs --target (the level to reach)")
    if args.command == "risk" and args.target is None:
        raise _UsageError("risk needs --target (the level each skill is to be met at)")


def _levels_given_as_words(args: argparse.Namespace) -> None:
    """``compare SKILL ROLE CURRENT [TARGET]`` and ``path ROLE FROM TO`` of earlier releases."""
    levels, most = args.levels, 2
    least = 1 if args.command == "compare" else 2
    if not least <= len(levels) <= most or args.level is not None:
        raise _UsageError(f"give the levels as --level LEVEL --target LEVEL, not {levels!r}")
    new = f"--level {levels[0]}" + (f" --target {levels[1]}" if len(levels) > 1 else "")
    _deprecated(
        f"levels given after the {'role' if args.command == 'path' else 'skill and role'}", new
    )
    args.level = levels[0]
    if len(levels) > 1:
        args.target = levels[1]


# Progress ------------------------------------------------------------------------------


class _Progress:
    """Progress on stderr, only where a person watches it.

    A bar on a terminal (with rich, the ``cli`` extra), else one line per stage; nothing
    when stderr is not a terminal, or with ``--quiet``.
    """

    def __init__(self, quiet: bool) -> None:
        stream = sys.stderr
        self.shown = not quiet and stream is not None and stream.isatty()

    def _bar(self, counted: bool = False) -> Any:
        """A rich progress display on stderr (`counted`: with N of M), or ``None`` without rich."""
        try:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )
        except ImportError:
            return None
        counts = (BarColumn(), MofNCompleteColumn()) if counted else ()
        return Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            *counts,
            TimeElapsedColumn(),
            console=Console(file=sys.stderr),
            transient=True,
        )

    @contextlib.contextmanager
    def stage(self, message: str) -> Iterator[None]:
        """Show `message` while the work of the ``with`` block runs."""
        bar = self._bar() if self.shown else None
        if bar is None:
            if self.shown:
                print(f"skilltaxonomy: {message}", file=sys.stderr, flush=True)
            yield
            return
        with bar:
            bar.add_task(message, total=None)
            yield

    def track(self, items: Sequence[_T], message: str) -> Iterator[_T]:
        """Yield `items`, counting them on a bar headed `message`."""
        bar = self._bar(counted=True) if self.shown else None
        if bar is None:
            if self.shown:
                print(f"skilltaxonomy: {message}", file=sys.stderr, flush=True)
            yield from items
            return
        with bar:
            task = bar.add_task(message, total=len(items))
            for item in items:
                yield item
                bar.advance(task)


def _quiet_engine(engine: str, verbose: bool) -> Any:
    """The engine to ask: for Spark, a local session whose JVM logs stay off the terminal.

    The JVM writes to the standard error it is started with, from its first line (before
    any log level can be set): it is started with an unnamed temporary file as its
    standard error instead of ours (``--verbose`` shows it). With `verbose`, or another
    engine, the name as given.
    """
    if engine != "spark" or verbose:
        return engine
    import logging
    import tempfile

    from skilltaxonomy._optional import optional_module

    spark_sql = optional_module("pyspark.sql", "the Spark engine", "spark")
    logging.getLogger("py4j").setLevel(logging.ERROR)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # loopback only
    sys.stderr.flush()
    log, log_path = tempfile.mkstemp(prefix="skilltaxonomy-spark-", suffix=".log")
    ours = os.dup(2)
    os.dup2(log, 2)
    try:
        session = (
            spark_sql.SparkSession.builder.master("local[*]")
            .appName("skilltaxonomy")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "8")
            .getOrCreate()
        )
    finally:
        os.dup2(ours, 2)
        os.close(ours)
        os.close(log)
        os.unlink(log_path)  # the JVM keeps writing to it; nothing is left behind
    session.sparkContext.setLogLevel("ERROR")
    return session


def summary(taxonomy: Taxonomy) -> str:
    """Count a framework's contents in one line (ladders, scales, definitions if any)."""
    from skilltaxonomy._text import count

    parts = [
        count(len(taxonomy.domains), "domain"),
        count(len(taxonomy.skills), "skill"),
        count(len(taxonomy.roles), "role"),
        count(len(taxonomy.levels), "level"),
        count(len(taxonomy.expectations), "expectation"),
    ]
    for number, noun in (
        (len(taxonomy.ladders), "ladder"),
        (len(taxonomy.scales), "scale"),
        (len(taxonomy.definitions), "definition"),
    ):
        if number:
            parts.append(count(number, noun))
    return ", ".join(parts)


# JSON output ---------------------------------------------------------------------------


def _entity(item: Domain | Skill | Role | Level) -> dict[str, object]:
    from skilltaxonomy.model import Domain, Role, Skill

    if isinstance(item, Domain):
        return {"kind": "domain", "id": item.id, "name": item.name}
    if isinstance(item, Skill):
        return {
            "kind": "skill",
            "id": item.id,
            "name": item.name,
            "domain": item.domain.id,
            "category": item.category,
            "summary": item.summary,
            "updated": None if item.updated is None else item.updated.isoformat(),
        }
    if isinstance(item, Role):
        return {
            "kind": "role",
            "id": item.id,
            "name": item.name,
            "family": item.family,
            "summary": item.summary,
        }
    return {"kind": "level", "id": item.id, "name": item.name, "rank": item.rank}


def _expectation(item: Expectation | None) -> dict[str, object] | None:
    if item is None:
        return None
    return {
        "kind": "expectation",
        "skill": item.skill.id,
        "role": item.role.id,
        "level": item.level.id,
        "mandatory": item.mandatory,
        "description": item.description,
    }


def _profile_json(profile: Profile) -> dict[str, object]:
    return {
        "skill": _entity(profile.skill),
        "domain": _entity(profile.domain),
        "roles": [role.id for role in profile.roles],
        "levels": [level.id for level in profile.levels],
        "mandatory_count": profile.mandatory_count,
        "optional_count": profile.optional_count,
        "expectations": [_expectation(e) for e in profile.expectations],
    }


def _matrix_json(matrix: RoleMatrix) -> dict[str, object]:
    return {
        "role": _entity(matrix.role),
        "levels": [level.id for level in matrix.levels],
        "rows": [
            {"skill": row.skill.id, "cells": [_expectation(e) for e in row.cells]}
            for row in matrix.rows
        ],
    }


def _comparison_json(comparison: Comparison) -> dict[str, object]:
    return {
        "skill": comparison.skill.id,
        "role": comparison.role.id,
        "current": comparison.current.id,
        "target": None if comparison.target is None else comparison.target.id,
        "crossed": [level.id for level in comparison.crossed],
        "current_expectation": _expectation(comparison.current_expectation),
        "target_expectation": _expectation(comparison.target_expectation),
        "steps": [_expectation(e) for e in comparison.steps],
        "mandatory_count": len(comparison.mandatory),
    }


# Commands ------------------------------------------------------------------------------


def _width() -> int:
    return shutil.get_terminal_size().columns


def _list(
    args: argparse.Namespace,
    out: TextIO,
    items: Sequence[Domain | Skill | Role | Level],
    header: Sequence[str],
    row: Callable[[Any], Sequence[str]],
    *,
    empty: str,
) -> int:
    """A listing as a table, or as JSON records; an empty one says so in a sentence."""
    from skilltaxonomy.pages.write import text_table

    if args.format == "json":
        return _write(_json_text([_entity(item) for item in items]), args.output, out)
    if not items:
        return _write(empty + "\n", args.output, out)
    return _write(text_table(header, map(row, items), _width()) + "\n", args.output, out)


def _filters(args: argparse.Namespace, *names: str) -> str:
    """The filters given, as words for a sentence: `` with role 'qa'``."""
    given = [f"{name} {getattr(args, name)!r}" for name in names if getattr(args, name)]
    return f" with {' and '.join(given)}" if given else ""


def _skills(taxonomy: Taxonomy, args: argparse.Namespace, out: TextIO) -> int:
    from skilltaxonomy._i18n import messages

    found = taxonomy.skills.filter(domain=args.domain, category=args.category, role=args.role)
    words = messages(args.locale)
    return _list(
        args,
        out,
        found,
        ("Id", words._("Skill"), words._("Domain"), words._("Category")),
        lambda s: (s.id, s.name, s.domain.name, s.category),
        empty=f"No skills{_filters(args, 'domain', 'category', 'role')}.",
    )


def _roles(taxonomy: Taxonomy, args: argparse.Namespace, out: TextIO) -> int:
    from skilltaxonomy._i18n import messages

    found = taxonomy.roles.filter(skill=args.skill)
    words = messages(args.locale)
    empty = (
        "No roles: this framework is a catalogue of skills (see `skilltaxonomy show SKILL`)."
        if not taxonomy.roles
        else f"No roles{_filters(args, 'skill')}."
    )
    return _list(
        args,
        out,
        found,
        ("Id", words._("Role"), words._("Family")),
        lambda r: (r.id, r.name, r.family),
        empty=empty,
    )


def _levels(taxonomy: Taxonomy, args: argparse.Namespace, out: TextIO) -> int:
    from skilltaxonomy._i18n import messages

    words = messages(args.locale)
    found = taxonomy.levels if args.role is None else taxonomy.levels_of_role(args.role)
    empty = (
        "No levels: this framework's skills are described by the steps of a scale "
        "(see `skilltaxonomy show SKILL`)."
        if taxonomy.scales
        else f"No levels{_filters(args, 'role')}."
    )
    return _list(
        args,
        out,
        found,
        (words._("Rank"), "Id", words._("Level")),
        lambda lv: (str(lv.rank), lv.id, lv.name),
        empty=empty,
    )


def _json_text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def _page_json(item: Renderable) -> dict[str, object]:
    """What ``--format json`` prints for each kind of page; the pages come from `render`."""
    from skilltaxonomy.model import Comparison, Profile, RoleMatrix
    from skilltaxonomy.people.gap import GapReport

    if isinstance(item, Profile):
        return _profile_json(item)
    if isinstance(item, RoleMatrix):
        return _matrix_json(item)
    if isinstance(item, Comparison):
        return _comparison_json(item)
    if isinstance(item, GapReport):
        return _gap_json(item)
    return _plan_json(item)  # type: ignore[arg-type]


def _page(item: Renderable, args: argparse.Namespace, out: TextIO) -> int:
    """A page as text, Markdown, a whole HTML document, or JSON."""
    from skilltaxonomy.pages.render import render

    if args.format == "json":
        return _write(_json_text(_page_json(item)), args.output, out)
    standalone = args.format == "html"
    page = render(item, args.format, locale=args.locale, width=_width(), standalone=standalone)
    return _write(page, args.output, out)


def _show(taxonomy: Taxonomy, args: argparse.Namespace, out: TextIO) -> int:
    """A skill's profile; for a skill no role expects, what each step of its scale means."""
    profile = taxonomy.profile(args.skill, args.role)
    definitions = taxonomy.definitions.filter(skill=profile.skill)
    if profile.expectations or not definitions or args.role is not None:
        return _page(profile, args, out)
    if args.format == "json":
        data = _profile_json(profile)
        data["definitions"] = [
            {
                "kind": "definition",
                "skill": d.skill.id,
                "step": d.step.id,
                "code": d.step.code,
                "name": d.step.name,
                "description": d.description,
            }
            for d in definitions
        ]
        return _write(_json_text(data), args.output, out)
    from skilltaxonomy._i18n import messages
    from skilltaxonomy.pages.render import render_table

    words = messages(args.locale)
    skill = profile.skill
    summary = [part for part in (skill.domain.name, skill.category, skill.summary) if part]
    summary.append(
        f"No role expects this skill; what each of its {len(definitions)} steps means:"
        if len(definitions) != 1
        else "No role expects this skill; what its one step means:"
    )
    rows = [
        (f"{d.step.code} {d.step.name}".strip(), d.description or "; ".join(d.criteria))
        for d in definitions
    ]
    page = render_table(
        skill.name,
        summary,
        (words._("Level"), words._("Description")),
        rows,
        args.format,
        locale=args.locale,
        width=_width(),
        standalone=args.format == "html",
    )
    return _write(page, args.output, out)


def _search(taxonomy: Taxonomy, args: argparse.Namespace, out: TextIO) -> int:
    from skilltaxonomy._i18n import messages
    from skilltaxonomy.model import Domain, Expectation, Level, Role, Skill
    from skilltaxonomy.pages.write import text_table

    found = taxonomy.search(args.text)
    if args.format == "json":
        records = [_expectation(e) if isinstance(e, Expectation) else _entity(e) for e in found]
        return _write(_json_text(records), args.output, out)
    if not found:
        return _write(f"Nothing matches {args.text!r}.\n", args.output, out)
    words = messages(args.locale)
    kinds = {
        Domain: words._("Domain"),
        Skill: words._("Skill"),
        Role: words._("Role"),
        Level: words._("Level"),
        Expectation: words._("Expectation"),
    }
    rows = [
        (kinds[Expectation], f"{e.role.id} · {e.level.id}", f"{e.skill.name}: {e.description}")
        if isinstance(e, Expectation)
        else (kinds[type(e)], e.id, e.name)
        for e in found
    ]
    table = text_table((words._("Kind"), "Id", words._("Text")), rows, _width())
    return _write(table + "\n", args.output, out)


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    from skilltaxonomy.exceptions import InvalidTaxonomyError
    from skilltaxonomy.formats._api import load
    from skilltaxonomy.formats._registry import find, for_path

    path = args.file
    entry = for_path(path) or find("json")
    options = _encoding(entry, args)
    try:
        reading = _words(args)._("reading and checking %(path)s…") % {"path": path}
        with _Progress(args.quiet).stage(reading):
            taxonomy = load(path, format=entry.name, **options)
    except InvalidTaxonomyError as error:
        if args.format == "json":
            problems = [{"path": p.path, "message": p.message} for p in error.problems]
            _write(
                _json_text({"file": path, "valid": False, "problems": problems}), args.output, out
            )
        else:
            _write(f"{error}\n", args.output, out)
        return EXIT_INVALID
    if args.format == "json":
        record = {"file": path, "valid": True, "summary": summary(taxonomy)}
        return _write(_json_text(record), args.output, out)
    line = f"{path}: valid framework {taxonomy.name!r}: {summary(taxonomy)}\n"
    return _write(line, args.output, out)


def _encoding(entry: Format, args: argparse.Namespace) -> dict[str, Any]:
    """The ``encoding=`` option for reading a file in `entry`'s format, if it takes one."""
    encoding = getattr(args, "encoding", "auto")
    if "encoding" in entry.options("reader"):
        return {"encoding": encoding}
    if encoding != "auto":
        raise _UsageError(f"--encoding is for text formats; {entry.name} is not one")
    return {}


def _import(args: argparse.Namespace, out: TextIO) -> int:
    from skilltaxonomy._text import count
    from skilltaxonomy.formats._api import dumps, guess_format, load
    from skilltaxonomy.formats._registry import find

    _refuse_overwriting_input(args.output, args.file)
    entry = find(args.source_format) if args.source_format else guess_format(args.file)
    if entry.reader is None:
        raise _UsageError(
            f"cannot tell the format of {args.file} from its name: give --from "
            f"({', '.join(IMPORT_FORMATS)})"
        )
    page_only = ("data", "skill_id", "skill_name")
    if entry.name != "page":
        for name in page_only:
            if getattr(args, name):
                raise _UsageError(f"--{name.replace('_', '-')} is for --from page")
    options: dict[str, Any] = {}
    if args.partial:
        if entry.name not in ("page", "role-page"):
            raise _UsageError("--partial is for --from page and --from role-page")
        options["partial"] = True
    if args.strict or args.on_duplicate:
        if entry.name != "case":
            which = "--strict" if args.strict else "--on-duplicate"
            raise _UsageError(f"{which} is for --from case")
        if args.strict:
            options["strict"] = True
        if args.on_duplicate:
            options["on_duplicate"] = args.on_duplicate
    if args.name and entry.name in ("csv", "xlsx"):
        options["name"] = args.name
    if entry.name == "page":
        framework = load(args.data)
        options |= {
            "skill_id": args.skill_id,
            "skill_name": args.skill_name,
            "levels": framework.levels,
            "roles": framework.roles,
        }
    options |= _encoding(entry, args)
    said = _words(args)._("reading %(file)s as %(format)s…")
    with _Progress(bool(args.quiet)).stage(said % {"file": args.file, "format": entry.name}):
        reading = load(args.file, format=entry.name, report=True, **options)
    taxonomy = reading.taxonomy
    if args.name and entry.name not in ("csv", "xlsx"):
        import attrs

        taxonomy = attrs.evolve(taxonomy, name=args.name)
    if reading.missing:
        print(f"skilltaxonomy: {args.file}: this copy ends early; not in it:", file=sys.stderr)
        for problem in reading.missing:
            print(f"  {problem}", file=sys.stderr)
    if reading.skipped:
        print(
            f"skilltaxonomy: {args.file}: {count(len(reading.skipped), 'part')} of it not kept:",
            file=sys.stderr,
        )
        for problem in reading.skipped:
            print(f"  {problem}", file=sys.stderr)
    print(f"skilltaxonomy: {args.file}: {_read_summary(reading)}", file=sys.stderr)
    if not taxonomy.skills:
        print(
            f"skilltaxonomy: error: {args.file}: no skill read, nothing written",
            file=sys.stderr,
        )
        return 1
    return _write(dumps(taxonomy), args.output, out)


def _diff(args: argparse.Namespace, out: TextIO) -> int:
    from skilltaxonomy.compare import diff
    from skilltaxonomy.formats._api import load
    from skilltaxonomy.pages.render import render

    changes = diff(load(args.old), load(args.new))
    if args.format == "json":
        records = [
            {
                "kind": c.kind,
                "key": c.key,
                "action": c.action,
                "name": c.name,
                "fields": [{"field": f.field, "old": f.old, "new": f.new} for f in c.fields],
            }
            for c in changes.changes
        ]
        return _write(_json_text(records), args.output, out)
    page = render(
        changes, args.format, locale=args.locale, width=_width(), standalone=args.format == "html"
    )
    return _write(page, args.output, out)


def _gap(taxonomy: Taxonomy, args: argparse.Namespace, out: TextIO) -> int:
    """One gap report per assessment file, one after the other."""
    from skilltaxonomy.formats._guard import write_file
    from skilltaxonomy.formats.assessment import load_assessment
    from skilltaxonomy.pages.chart import gap_chart
    from skilltaxonomy.people.gap import gap

    _refuse_overwriting_input(args.output, *args.assessments, args.data)
    if args.chart is not None:
        if len(args.assessments) > 1:
            raise _UsageError("--chart draws one person's report: give one assessment")
        _refuse_chart_over_output(args)
        _refuse_overwriting_input(args.chart, *args.assessments, args.data)
    target = None if args.target is None else _level_key(taxonomy, args.target)
    reports = [
        gap(taxonomy, load_assessment(path, taxonomy), args.role, target)
        for path in args.assessments
    ]
    if args.chart is not None:
        write_file(args.chart, gap_chart(reports[0], png=_png(args), locale=args.locale))
    if len(reports) == 1:
        return _page(reports[0], args, out)
    if args.format == "json":
        return _write(_json_text([_gap_json(report) for report in reports]), args.output, out)
    from skilltaxonomy.pages.render import render_gap_reports

    page = render_gap_reports(
        reports, args.format, locale=args.locale, width=_width(), standalone=args.format == "html"
    )
    return _write(page, args.output, out)


def _path(taxonomy: Taxonomy, args: argparse.Namespace, out: TextIO) -> int:
    from skilltaxonomy.people.gap import path

    start, end = _level_key(taxonomy, args.level), _level_key(taxonomy, args.target)
    role = taxonomy.role(args.role)
    first, last = taxonomy.level(start, role=role), taxonomy.level(end, role=role)
    if first == last:
        raise _UsageError(
            f"--level and --target are both {first.name}: give a --target above --level"
        )
    return _page(path(taxonomy, role, start, end), args, out)


#: The commands about many people, and the question each asks.
SCALE_COMMANDS = ("team", "coverage", "risk", "rounds", "promotions", "raters")


def _read_ratings(taxonomy: Taxonomy, args: argparse.Namespace) -> Any:
    from skilltaxonomy.formats.assessment import load_assessment
    from skilltaxonomy.formats.ratings import load_ratings
    from skilltaxonomy.people.ratings import RatingsTable

    paths = args.ratings
    progress = _Progress(args.quiet)
    if all(path.lower().endswith(".json") for path in paths):
        if args.people is not None:
            raise _UsageError("--people goes with a ratings table; assessments name their role")
        assessments = [
            load_assessment(path, taxonomy)
            for path in progress.track(
                paths,
                _words(args).ngettext(
                    "reading %(count)d assessment file",
                    "reading %(count)d assessment files",
                    len(paths),
                ),
            )
        ]
        return RatingsTable.from_assessments(taxonomy, assessments)
    if len(paths) > 1:
        raise _UsageError("give one ratings table, or assessment files (.json)")
    # On an engine, the engine reads and checks the file itself: the ratings stay there.
    engine = None if args.engine == "python" else _quiet_engine(args.engine, args.verbose)
    with progress.stage(_words(args)._("reading and checking %(path)s…") % {"path": paths[0]}):
        return load_ratings(
            paths[0], taxonomy, people=args.people, encoding=args.encoding, engine=engine
        )


def _gap_json(report: GapReport) -> dict[str, object]:
    return {
        "person": report.person,
        "role": report.role.id,
        "target": report.target.id,
        "ready": report.ready,
        "items_met": report.items_met,
        "items_required": report.items_required,
        "mandatory_met": report.mandatory_met,
        "mandatory_required": report.mandatory_required,
        "skills": [
            {
                "skill": s.skill.id,
                "met": None if s.met is None else s.met.id,
                "required": s.required.id,
                "ready": s.ready,
                "items_met": len(s.met_items),
                "items_required": len(s.required_items),
                "mandatory_met": s.mandatory_met,
                "mandatory_required": s.mandatory_required,
                "to_cover": [_expectation(e) for e in s.to_cover],
            }
            for s in report.skills
        ],
    }


def _plan_json(plan: Plan) -> dict[str, object]:
    return {
        "role": plan.role.id,
        "from": plan.start.id,
        "to": plan.end.id,
        "steps": [
            {"level": step.level.id, "expectations": [_expectation(e) for e in step.expectations]}
            for step in plan.steps
        ],
    }


def _read_summary(reading: Reading) -> str:
    """What a reader made of a file, in one line: ``read 2 domains, 14 skills; …``."""
    from skilltaxonomy._text import count

    taxonomy = reading.taxonomy
    found = [
        count(len(getattr(taxonomy, kind)), kind[:-1].replace("_", " "))
        for kind in ("domains", "skills", "roles", "levels", "scales", "expectations")
        if getattr(taxonomy, kind) or kind in ("domains", "skills")
    ]
    found += [
        count(len(getattr(taxonomy, kind)), kind[:-1].replace("_", " "))
        for kind in ("definitions", "role_levels")
        if getattr(taxonomy, kind)
    ]
    if reading.skipped:
        kept = f"{count(len(reading.skipped), 'part')} not kept (listed above)"
    elif reading.missing:
        kept = "all the copy holds; it ends early (listed above)"
    else:
        kept = "nothing left out"
    read = f"read {', '.join(found)}; {kept}"
    if reading.encoding not in (None, "utf-8"):
        read += f"; text read as {reading.encoding}"
    return read


def _refuse_overwriting_input(output: str | None, *inputs: str | None) -> None:
    """Refuse, before any work, a write that would lose a file or the work.

    Over a file the command reads, the input would be lost; into a folder that is not
    there, the work would.
    """
    if output is None:
        return
    folder = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(folder):
        raise _UsageError(f"{output}: there is no folder {folder} to write it in")
    for given in inputs:
        if (
            given is not None
            and os.path.exists(output)
            and os.path.exists(given)
            and os.path.samefile(output, given)
        ):
            raise _UsageError(f"{output} is also an input: write the output elsewhere")


def _refuse_chart_over_output(args: argparse.Namespace) -> None:
    """Refuse ``--chart`` and ``-o`` naming one file: one would be written over the other."""
    if args.output is not None and os.path.abspath(args.chart) == os.path.abspath(args.output):
        raise _UsageError(f"--chart and -o both name {args.chart}: give each a file of its own")


def _write(data: str | bytes, output: str | None, out: TextIO) -> int:
    """Write to the file `output` (atomically), or to `out`; bytes need a file or a pipe."""
    if output is not None:
        from skilltaxonomy.formats._guard import write_file

        write_file(output, data)
        return EXIT_OK
    if isinstance(data, str):
        out.write(data)
        return EXIT_OK
    binary = getattr(out, "buffer", None)
    if binary is None or out.isatty():
        raise _UsageError("XLSX is binary: write it to a file with -o")
    out.flush()
    binary.write(data)
    return EXIT_OK


def _export(taxonomy: Taxonomy, args: argparse.Namespace, out: TextIO) -> int:
    from skilltaxonomy.formats._api import dumps
    from skilltaxonomy.formats._registry import for_path

    name = args.format
    if name is None:
        found = None if args.output is None else for_path(args.output)
        name = found.name if found is not None and found.writer is not None else "json"
    if args.role is not None:
        if name not in ("csv", "matrix-csv"):
            raise _UsageError("--role needs --format csv")
        name = "matrix-csv"
    options: dict[str, Any] = {}
    if name in ("csv", "matrix-csv"):
        options["bom"] = args.bom
    if name in ("xlsx", "matrix-csv"):
        options["locale"] = args.locale
    if name == "matrix-csv":
        if args.role is None:
            raise _UsageError("--format matrix-csv needs --role")
        options["role"] = args.role
    if args.format_version != 2:
        if name != "json":
            raise _UsageError("--format-version is for --format json")
        options["version"] = args.format_version
    return _write(dumps(taxonomy, format=name, **options), args.output, out)


def _site(args: argparse.Namespace, out: TextIO) -> int:
    from skilltaxonomy.site import build_site, serve

    locales = None if args.locale is None else [part for part in args.locale.split(",") if part]
    taxonomy = _framework(args)
    with _Progress(args.quiet).stage(_words(args)._("writing the site…")):
        built = build_site(
            taxonomy,
            args.output,
            locales=locales,
            base_url=args.base_url,
            search=not args.no_search,
            force=args.force,
        )
    if args.format == "json":
        summary = {
            "directory": str(built.directory),
            "locales": list(built.locales),
            "pages": built.pages,
            "files": len(built.files),
            "search": built.search,
        }
        out.write(json.dumps(summary, ensure_ascii=False) + "\n")
    else:
        out.write(
            f"wrote {built.pages} pages in {', '.join(built.locales)} to {built.directory}"
            f"{'' if built.search else ' (no search index)'}\n"
        )
    if args.serve:
        serve(built.directory, args.port, out)
    return EXIT_OK


def _scale(taxonomy: Taxonomy, args: argparse.Namespace, out: TextIO) -> int:
    """Ask a question of many people's ratings, and print the answer as a table."""
    from skilltaxonomy.people import analytics

    _refuse_overwriting_input(args.output, *args.ratings, args.people, args.data)
    if getattr(args, "chart", None) is not None:
        _refuse_chart_over_output(args)
        _refuse_overwriting_input(args.chart, *args.ratings, args.people, args.data)
    ratings = _read_ratings(taxonomy, args)
    progress = _Progress(args.quiet)
    asking = _asking(ratings, args) if progress.shown else ""
    if args.command == "team" and args.format in ("text", "md", "html"):
        with progress.stage(asking):
            report = _team_report(taxonomy, ratings, args)
        return _report(report, args, out)
    with progress.stage(asking):
        answer, title = _ask(analytics, taxonomy, ratings, args)
    if args.command == "team" and args.chart is not None:
        arguments, options = _goal_question(taxonomy, ratings, args)
        coverage = analytics.skill_gaps(*arguments, **options)
        _team_chart(coverage, taxonomy, args)
    if args.command == "coverage" and args.chart is not None:
        from skilltaxonomy.formats._guard import write_file
        from skilltaxonomy.pages.chart import coverage_heatmap

        write_file(
            args.chart,
            coverage_heatmap(
                answer,
                taxonomy=taxonomy,
                title=title,
                png=_png(args),
                locale=args.locale,
                role=args.role,
            ),
        )
    return _answer(answer, taxonomy, args, out)


def _team_report(taxonomy: Taxonomy, ratings: Any, args: argparse.Namespace) -> TeamReport:
    """The team report of ``team``: charts drawn for HTML only (text and md show none)."""
    from skilltaxonomy.pages.report import team_report

    arguments, options = _goal_question(taxonomy, ratings, args)
    return team_report(*arguments, **options, charts=args.format == "html", locale=args.locale)


def _goal_question(
    taxonomy: Taxonomy, ratings: Any, args: argparse.Namespace
) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """The arguments of a question of everyone against ``--role`` at ``--target``."""
    options = {
        "engine": _quiet_engine(args.engine, args.verbose),
        "readiness": args.readiness,
        "round": args.round,
        "rater": args.rater,
        "org_unit": args.org_unit,
    }
    return (taxonomy, ratings, args.role, _level_key(taxonomy, args.target)), options


def _report(report: TeamReport, args: argparse.Namespace, out: TextIO) -> int:
    """The team report as a page (HTML: a whole document); with ``--chart``, its chart."""
    from skilltaxonomy.pages.render import render

    if args.chart is not None:
        _team_chart(report.coverage.rows, report.taxonomy, args)
    page = render(
        report, args.format, locale=args.locale, width=_width(), standalone=args.format == "html"
    )
    return _write(page, args.output, out)


def _team_chart(coverage: Any, taxonomy: Taxonomy, args: argparse.Namespace) -> None:
    """``team --chart``: the people ready and not ready in each skill, as SVG or PNG."""
    from skilltaxonomy.formats._guard import write_file
    from skilltaxonomy.pages.chart import team_gap_chart

    chart = team_gap_chart(
        coverage,
        taxonomy=taxonomy,
        png=_png(args),
        locale=args.locale,
        role=args.role,
        target=_level_key(taxonomy, args.target),
    )
    write_file(args.chart, chart)


def _ask(
    analytics: Any, taxonomy: Taxonomy, ratings: Any, args: argparse.Namespace
) -> tuple[Any, str]:
    """The answer of the engine to the command's question, and its title."""
    engine = _quiet_engine(args.engine, args.verbose)
    options = {"engine": engine, "org_unit": args.org_unit}
    policy = {
        "readiness": getattr(args, "readiness", "auto"),
        "rater": getattr(args, "rater", None),
    }
    if args.command == "raters":
        answer = analytics.rater_differences(
            taxonomy, ratings, first=args.first, second=args.second, round=args.round, **options
        )
        title = f"{args.first} against {args.second}"
    elif args.command == "promotions":
        answer = analytics.promotion_readiness(
            taxonomy, ratings, round=args.round, **policy, **options
        )
        title = "Promotion readiness"
    elif args.command == "rounds":
        role, target = taxonomy.role(args.role), _level_key(taxonomy, args.target)
        answer = analytics.round_changes(
            taxonomy,
            ratings,
            role,
            target,
            before=args.before,
            after=args.after,
            **policy,
            **options,
        )
        title = (
            f"{role.name} at {taxonomy.level(target, role=role).name}: {args.before} → {args.after}"
        )
    else:
        role = taxonomy.role(args.role)
        level = _level_key(taxonomy, args.target)
        common = {"round": args.round, **policy, **options}
        if args.command == "risk":
            answer = analytics.key_person_risk(
                taxonomy, ratings, role, level, fewer_than=args.fewer_than, **common
            )
        elif args.command == "coverage":
            answer = analytics.skill_gaps(taxonomy, ratings, role, level, **common)
        else:
            answer = analytics.team_readiness(taxonomy, ratings, role, level, **common)
        title = f"{role.name} at {taxonomy.level(level, role=role).name}"
    return answer, title


def _answer(answer: Any, taxonomy: Taxonomy, args: argparse.Namespace, out: TextIO) -> int:
    """An Arrow table as CSV or JSON (its ids and columns), or a page in words."""
    kind = args.format
    if kind == "json":
        text = json.dumps(answer.to_pylist(), ensure_ascii=False, indent=2, default=str) + "\n"
    elif kind == "csv":
        import csv
        import io

        plain = _plain_csv(answer)
        if plain is not None:
            text = plain
        else:  # a cell to quote: the csv module's own rules
            columns = answer.column_names
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(columns)
            # Column by column, not a dict a row.
            cells = [_csv_cells(answer.column(name)) for name in columns]
            writer.writerows(zip(*cells, strict=True))
            text = buffer.getvalue()
    else:
        from skilltaxonomy.pages.build import PeopleAnswer
        from skilltaxonomy.pages.render import render

        role = taxonomy.role(args.role) if getattr(args, "role", None) else None
        target = getattr(args, "target", None)
        if role is not None and target is not None:  # a rank such as 3 becomes its level's id
            target = taxonomy.level(_level_key(taxonomy, target), role=role).id
        page = PeopleAnswer(
            args.command,
            answer,
            taxonomy,
            role="" if role is None else role.id,
            target=target or "",
            readiness=getattr(args, "readiness", None) or "auto",
            fewer_than=getattr(args, "fewer_than", 2),
            rounds=(getattr(args, "before", ""), getattr(args, "after", "")),
            raters=(getattr(args, "first", "self"), getattr(args, "second", "manager")),
        )
        text = render(page, kind, locale=args.locale, width=_width(), standalone=kind == "html")
    return _write(text, args.output, out)


def _plain_csv(answer: Any) -> str | None:
    """An answer as CSV, its cells made by Arrow, if none needs quoting; else None.

    The text is what the csv module writes of the same rows (`_csv_cells`): whole
    numbers as digits, ``True``/``False``, lists joined by ``;``, none as empty. Text
    holding a comma, a quote or a line break is left to the csv module, as are other
    kinds of values.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    names = answer.column_names
    if len(names) < 2 or any(_needs_quotes(name) for name in names):
        return None
    cells = []
    for name in names:
        column = answer.column(name).combine_chunks()
        kind = column.type
        if pa.types.is_boolean(kind):
            text = pc.if_else(column, "True", "False")
        elif pa.types.is_integer(kind):
            text = pc.cast(column, pa.string())
        elif pa.types.is_string(kind) or pa.types.is_large_string(kind):
            text = column
        elif pa.types.is_list(kind) and pa.types.is_string(kind.value_type):
            if column.flatten().null_count:
                return None
            text = pc.binary_join(column, ";")
        else:
            return None
        digits = pa.types.is_boolean(kind) or pa.types.is_integer(kind)
        if not digits and pc.any(pc.match_substring_regex(text, _TO_QUOTE_OR_GUARD)).as_py():
            return None
        cells.append(pc.fill_null(text, ""))
    lines = pc.binary_join_element_wise(*cells, ",").to_pylist()
    return "\n".join([",".join(names), *lines]) + "\n"


def _needs_quotes(text: str) -> bool:
    return any(c in text for c in ',"\r\n')


# A cell a spreadsheet would run as a formula starts with one of these.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# What `_plain_csv` leaves to the csv module: text to quote, or to keep from a spreadsheet.
_TO_QUOTE_OR_GUARD = '[,"\r\n]|^[=+\\-@\t]'


def _guarded(value: Any) -> Any:
    """Text a spreadsheet would run as a formula (``=HYPERLINK(…)``) kept as text by a ``'``."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_cells(column: Any) -> list[Any]:
    """An answer's column as CSV cells: none as empty, a list as its items joined by ``;``.

    Text that a spreadsheet would take for a formula starts with ``'`` (`_guarded`).
    """
    values = column.to_pylist()
    return [
        "" if v is None else _guarded(";".join(v) if isinstance(v, list) else v) for v in values
    ]


def _level_key(taxonomy: Taxonomy, text: str) -> str | int:
    """A level as typed: an id or name, else a rank such as ``3``."""
    if taxonomy.level(text, None) is None and text.isdecimal():
        return int(text)
    return text


def _words(args: argparse.Namespace) -> Messages:
    """The catalog of the command's language: its ``--locale`` (a list's first), else ours."""
    from skilltaxonomy._i18n import default_locale, messages

    given = getattr(args, "locale", None)
    return messages(given.split(",")[0] if given else default_locale())


def _asking(ratings: Any, args: argparse.Namespace) -> str:
    """What the progress line says while the engine answers."""
    from skilltaxonomy.pages.build import counted
    from skilltaxonomy.people.ratings import RatingsTable

    words = _words(args)
    if not isinstance(ratings, RatingsTable):
        return words._("checked in %(engine)s: asking it…") % {"engine": args.engine}
    rated = words.ngettext("%(count)d rating", "%(count)d ratings", len(ratings))
    count = len(ratings.everyone)  # the Arrow array's length: no string made per person
    people = words.ngettext("%(count)d person", "%(count)d people", count)
    return words._("%(ratings)s of %(people)s: asking %(engine)s…") % {
        "ratings": counted(rated, len(ratings), words),
        "people": counted(people, count, words),
        "engine": args.engine,
    }


def _framework(args: argparse.Namespace) -> Taxonomy:
    """The framework of ``--data`` (default the bundled one), with progress where shown."""
    from skilltaxonomy.formats._api import load

    if args.data is None or not hasattr(args, "quiet"):
        return load(args.data)
    with _Progress(args.quiet).stage(_words(args)._("reading %(path)s…") % {"path": args.data}):
        return load(args.data)


def _run(args: argparse.Namespace, out: TextIO) -> int:
    if args.command == "validate":
        return _validate(args, out)
    if args.command == "import":
        return _import(args, out)
    if args.command == "diff":
        return _diff(args, out)
    if args.command == "schema":
        from skilltaxonomy.formats.schema import schema_text

        return _write(schema_text(args.format_version), args.output, out)
    taxonomy = _framework(args)
    if args.command == "export":
        return _export(taxonomy, args, out)
    if args.command == "skills":
        return _skills(taxonomy, args, out)
    if args.command == "roles":
        return _roles(taxonomy, args, out)
    if args.command == "levels":
        return _levels(taxonomy, args, out)
    if args.command in ("show", "render"):
        return _show(taxonomy, args, out)
    if args.command == "matrix":
        return _page(taxonomy.matrix(args.role), args, out)
    if args.command == "compare":
        current = _level_key(taxonomy, args.level)
        target = None if args.target is None else _level_key(taxonomy, args.target)
        return _page(taxonomy.compare(args.skill, args.role, current, target), args, out)
    if args.command == "search":
        return _search(taxonomy, args, out)
    if args.command == "gap":
        return _gap(taxonomy, args, out)
    if args.command in SCALE_COMMANDS:
        return _scale(taxonomy, args, out)
    return _path(taxonomy, args, out)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line with `argv` (default: ``sys.argv[1:]``); return the exit code."""
    args = _parser().parse_args(argv)
    out = sys.stdout if out is None else out
    if out is None:  # the process was started with its standard output closed
        print("skilltaxonomy: error: standard output is closed (use -o FILE)", file=sys.stderr)
        return EXIT_INVALID
    from skilltaxonomy.exceptions import (
        ExportError,
        InvalidQueryError,
        InvalidTaxonomyError,
        InvalidValueError,
        NotFoundError,
        TaxonomyError,
        UnsupportedLocaleError,
    )

    try:
        _settle(args)
        if args.command == "site":  # a list of locales, default every catalog
            return _site(args, out)
        if hasattr(args, "locale"):
            from skilltaxonomy._i18n import default_locale, normalize_locale

            args.locale = default_locale() if args.locale is None else normalize_locale(args.locale)
        return _run(args, out)
    except (NotFoundError, InvalidQueryError, UnsupportedLocaleError, _UsageError) as error:
        print(f"skilltaxonomy: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except InvalidValueError as error:  # a value given on the command line, such as --name
        print(f"skilltaxonomy: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except (InvalidTaxonomyError, ExportError) as error:
        # A bad input, or a framework the chosen output cannot hold without loss.
        print(f"skilltaxonomy: error: {error}", file=sys.stderr)
        return EXIT_INVALID
    except ImportError as error:
        print(f"skilltaxonomy: error: {error}", file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:  # the reader of our output went away: nothing more to say
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - so that exit's flush is quiet
        return EXIT_INVALID
    except OSError as error:
        where = f"{error.filename}: " if error.filename is not None else ""
        print(f"skilltaxonomy: error: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_INVALID
    except TaxonomyError as error:  # any other of the library's own errors
        print(f"skilltaxonomy: error: {error}", file=sys.stderr)
        return EXIT_INVALID
    except MemoryError:  # outside a reader (which reports it as its own error)
        print("skilltaxonomy: error: out of memory", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:  # the user stopped it: no traceback, the shell's usual status
        return EXIT_INTERRUPTED
