"""The ``skilltaxonomy`` command: argument parsing and printing only."""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any, TextIO

import attrs

from skilltaxonomy._i18n import available_locales, default_locale, messages, normalize_locale
from skilltaxonomy._text import count
from skilltaxonomy.exceptions import (
    ExportError,
    InvalidQueryError,
    InvalidTaxonomyError,
    InvalidValueError,
    NotFoundError,
    TaxonomyError,
    UnsupportedLocaleError,
)
from skilltaxonomy.formats._api import dumps, load
from skilltaxonomy.formats._guard import AUTO, Reading, write_file
from skilltaxonomy.formats._registry import FORMATS, Format, find, for_path
from skilltaxonomy.formats.assessment import load_assessment
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
from skilltaxonomy.pages.build import Renderable
from skilltaxonomy.pages.chart import gap_chart
from skilltaxonomy.pages.render import RENDER_FORMATS, render, render_table
from skilltaxonomy.pages.write import text_table
from skilltaxonomy.people.analytics import ENGINES
from skilltaxonomy.people.gap import READINESS, GapReport, Plan, gap, path
from skilltaxonomy.people.ratings import RATER_KINDS, RatingsTable

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
# What a shell reports for a command stopped by Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130

#: The formats `export` writes and `import` reads: the table of formats' own lists.
EXPORT_FORMATS = tuple(entry.name for entry in FORMATS if entry.writer is not None)
IMPORT_FORMATS = tuple(
    entry.name for entry in FORMATS if entry.reader is not None and entry.name != "page"
)

_EPILOG = """\
examples:
  skilltaxonomy skills
  skilltaxonomy show neural-network-architectures --role "LLM Engineer"
  skilltaxonomy --locale es render neural-network-architectures --format md
  skilltaxonomy compare neural-network-architectures data-scientist junior senior
  skilltaxonomy --data my-framework.json --json matrix backend
  skilltaxonomy validate my-framework.json

The locale defaults to the environment's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else en.
Exit status: 0 success, 1 invalid file or page, 2 unknown name or bad usage,
130 stopped (Ctrl-C).
"""


def _global_options(parser: argparse.ArgumentParser, *, defaults: bool) -> None:
    """Options every command takes, before or after its name."""

    def default(value: object) -> object:
        # After the command name, an option left out must not undo one given before it.
        return value if defaults else argparse.SUPPRESS

    parser.add_argument(
        "--data",
        metavar="FILE",
        default=default(None),
        help="use the framework in FILE instead of the bundled one (its format from its suffix)",
    )
    parser.add_argument(
        "--locale",
        metavar="LOCALE",
        default=default(None),
        help=f"language of labels and dates: {', '.join(available_locales())}",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        default=default(False),
        help="print machine-readable JSON instead of text",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="skilltaxonomy",
        description="Query a competency framework: skills × roles × levels → expectations.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _global_options(parser, defaults=True)
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, defaults=False)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str, description: str, *examples: str) -> Any:
        return commands.add_parser(
            name,
            parents=[common],
            help=summary,
            description=description,
            epilog="examples:\n" + "".join(f"  {example}\n" for example in examples),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    skills = command(
        "skills",
        "list the skills",
        "List the skills, optionally those of one domain, category or role.",
        "skilltaxonomy skills",
        'skilltaxonomy skills --role "LLM Engineer"',
    )
    skills.add_argument("--domain", metavar="DOMAIN", help="only skills of this domain")
    skills.add_argument("--category", metavar="CATEGORY", help="only skills of this category")
    skills.add_argument("--role", metavar="ROLE", help="only skills this role has expectations for")

    roles = command(
        "roles",
        "list the roles",
        "List the roles, optionally those with expectations for one skill.",
        "skilltaxonomy roles",
        "skilltaxonomy roles --skill neural-network-architectures",
    )
    roles.add_argument("--skill", metavar="SKILL", help="only roles with expectations for it")

    command(
        "levels", "list the levels", "List the ladder, entry level first.", "skilltaxonomy levels"
    )

    show = command(
        "show",
        "print a skill's profile page",
        "Print a skill's profile as on its page: figures, then one table per level.",
        "skilltaxonomy show neural-network-architectures",
        'skilltaxonomy --locale de show "Neural Network Architectures" --role llm-engineer',
    )
    show.add_argument("skill", metavar="SKILL", help="the skill's id or name")
    show.add_argument("--role", metavar="ROLE", help="only this role's expectations (id or name)")
    _format_option(show, "text")

    matrix = command(
        "matrix",
        "print a role's skills × levels matrix",
        "Print what a role expects of each of its skills at each level.",
        "skilltaxonomy matrix data-scientist",
        "skilltaxonomy matrix data-scientist --format html > data-scientist.html",
    )
    matrix.add_argument("role", metavar="ROLE", help="the role's id or name")
    _format_option(matrix, "text")

    compare = command(
        "compare",
        "compare a current level with the next (or a target) level",
        "Show what a role expects of a skill now, and what is new up to the target level.",
        "skilltaxonomy compare neural-network-architectures data-scientist junior",
        "skilltaxonomy compare neural-network-architectures llm-engineer middle principal",
    )
    compare.add_argument("skill", metavar="SKILL", help="the skill's id or name")
    compare.add_argument("role", metavar="ROLE", help="the role's id or name")
    compare.add_argument("current", metavar="CURRENT", help="the current level (id, name or rank)")
    compare.add_argument(
        "target", metavar="TARGET", nargs="?", help="the target level (default: the next one)"
    )
    _format_option(compare, "text")

    search = command(
        "search",
        "find skills, roles, levels and expectations by text",
        "Find everything whose text holds every word given, case-insensitively.",
        'skilltaxonomy search "mixture of experts"',
    )
    search.add_argument("text", metavar="TEXT", help="the words to look for")

    validate = command(
        "validate",
        "check a framework file and list every problem with its place",
        "Check a framework file (format v2 or v1): exit 0 with a summary, or 1 with every problem.",
        "skilltaxonomy validate my-framework.json",
    )
    validate.add_argument("file", metavar="FILE", help="the framework file to check")
    _encoding_option(validate, "FILE (a text format such as CSV)")

    render_ = command(
        "render",
        "write a skill's profile page as text, Markdown or HTML",
        "Write a skill's profile page; HTML is a whole document with its stylesheet.",
        "skilltaxonomy --locale es render neural-network-architectures --format md",
        "skilltaxonomy render neural-network-architectures --format html > profile.html",
    )
    render_.add_argument("skill", metavar="SKILL", help="the skill's id or name")
    render_.add_argument("--role", metavar="ROLE", help="only this role's expectations")
    _format_option(render_, "md")

    _people_commands(command)

    _exchange_commands(command)

    import_page = command(
        "import-page",
        "read a skill profile page (en, es or de) into a framework (format v2 JSON)",
        "Read a copied skill profile page. Levels and known roles come from the framework "
        "(--data, default the bundled one); the skill's name from the page's title, or "
        "--skill-name, and its id from the name, or --skill-id. A copy that holds less "
        "than the page's own figures is refused, unless --partial.",
        "skilltaxonomy import-page page.md --skill-id nna "
        '--skill-name "Neural Network Architectures" -o nna.json',
    )
    import_page.add_argument("file", metavar="FILE", help="the page, as text or Markdown")
    import_page.add_argument(
        "--skill-id", metavar="ID", help="the skill's id (default: made from its name)"
    )
    import_page.add_argument(
        "--skill-name", metavar="NAME", help="its name (default: the page's title)"
    )
    import_page.add_argument(
        "--partial",
        action="store_true",
        help="read a copy that ends early; what it lacks is listed on stderr",
    )
    import_page.add_argument(
        "-o", "--output", metavar="OUT", help="write the framework to OUT (default: stdout)"
    )
    _encoding_option(import_page, "the page")
    return parser


def _encoding_option(parser: argparse.ArgumentParser, what: str = "the file") -> None:
    parser.add_argument(
        "--encoding",
        metavar="CODEC",
        default=AUTO,
        help=f"the text encoding of {what}, such as utf-8 or cp1252 (default: auto: a "
        "byte-order mark, UTF-8, else Windows-1252, as Excel on Windows saves)",
    )


def _encoding(entry: Format, args: argparse.Namespace) -> dict[str, Any]:
    """The ``encoding=`` option for reading a file in `entry`'s format, if it takes one."""
    encoding = getattr(args, "encoding", AUTO)
    if "encoding" in entry.options("reader"):
        return {"encoding": encoding}
    if encoding != AUTO:
        raise _UsageError(f"--encoding is for text formats; {entry.name} is not one")
    return {}


def _format_version_option(parser: argparse.ArgumentParser, scope: str = "") -> None:
    parser.add_argument(
        "--format-version",
        type=int,
        choices=(1, 2),
        default=2,
        help=f"{scope}the version of the JSON format (default: 2; 1 for older readers)",
    )


def _exchange_commands(command: Callable[..., Any]) -> None:
    """The commands that move frameworks in and out: export, import, diff, schema."""
    export = command(
        "export",
        "write the framework as JSON, CSV, XLSX or 1EdTech CASE 1.1",
        "Write the framework (--data, default the bundled one) in another format. CSV and "
        "XLSX hold the long table, one row per expectation; with --role, CSV holds that "
        "role's matrix instead (a row per skill, a column per level).",
        "skilltaxonomy export --format csv --bom -o framework.csv",
        "skilltaxonomy --data ours.json export --format xlsx -o ours.xlsx",
        "skilltaxonomy export --format case -o framework.case.json",
        "skilltaxonomy export --format csv --role data-scientist",
    )
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default=None,
        help="output format (default: from the suffix of OUT, else json)",
    )
    export.add_argument("-o", "--output", metavar="OUT", help="write to OUT (default: stdout)")
    export.add_argument("--role", metavar="ROLE", help="CSV only: the role's matrix")
    export.add_argument(
        "--bom", action="store_true", help="CSV only: start with a byte-order mark, for Excel"
    )
    _format_version_option(export, "JSON only: ")

    import_ = command(
        "import",
        "read a CSV, XLSX or CASE file into a framework (format v2 JSON)",
        "Read a long table (CSV or XLSX) or a 1EdTech CASE 1.1 package and write it as "
        "format v2 JSON. The format is the one the file's suffix names unless --from says. "
        "Every bad row or object is reported with its place; what the input holds that a "
        "framework has no place for is listed on stderr.",
        "skilltaxonomy import framework.csv --name 'Our ladder' -o ours.json",
        "skilltaxonomy import framework.xlsx",
        "skilltaxonomy import package.json --from case --strict",
    )
    import_.add_argument("file", metavar="FILE", help="the file to read")
    import_.add_argument(
        "--from",
        dest="source_format",
        choices=IMPORT_FORMATS,
        help="its format (default: from its suffix)",
    )
    import_.add_argument(
        "--name", metavar="NAME", help="the framework's name (CSV: default the file's stem)"
    )
    import_.add_argument(
        "--strict", action="store_true", help="CASE only: fail rather than skip anything"
    )
    import_.add_argument("-o", "--output", metavar="OUT", help="write to OUT (default: stdout)")
    _encoding_option(import_, "FILE (CSV, a page, O*NET's or ESCO's files)")

    diff_ = command(
        "diff",
        "list what changed between two framework files",
        "Compare two framework files: what was added, removed and changed, by id.",
        "skilltaxonomy diff v1.json v2.json",
        "skilltaxonomy diff v1.json v2.json --format md > CHANGES.md",
    )
    diff_.add_argument("old", metavar="OLD", help="the framework before")
    diff_.add_argument("new", metavar="NEW", help="the framework after")
    _format_option(diff_, "text")

    schema = command(
        "schema",
        "print the JSON Schema of format v2 (or v1)",
        "Print the JSON Schema (draft 2020-12) that editors use to check framework files.",
        "skilltaxonomy schema > skilltaxonomy-2.schema.json",
        "skilltaxonomy schema --format-version 1 > skilltaxonomy-1.schema.json",
    )
    _format_version_option(schema)


def _people_commands(command: Callable[..., Any]) -> None:
    """The commands about people: a gap report and a promotion plan."""
    gap_ = command(
        "gap",
        "what a person still needs for a role at a target level",
        "Compare an assessment file (format skilltaxonomy-assessment/2 or /1) with a role's "
        "expectations up to a target level; the role and target default to the "
        "assessment's role and the level after its current one.",
        "skilltaxonomy gap ana.json --role data-scientist --target senior",
        "skilltaxonomy gap ana.json --format html --chart ana-gap.svg > ana-gap.html",
        "skilltaxonomy gap ana.json bo.json --role data-scientist --target senior",
    )
    gap_.add_argument(
        "assessments",
        metavar="ASSESSMENT",
        nargs="+",
        help="the assessment file (several: one report each)",
    )
    gap_.add_argument("--role", metavar="ROLE", help="the role (default: the assessment's)")
    gap_.add_argument(
        "--target", metavar="LEVEL", help="the target level (default: the next level)"
    )
    gap_.add_argument(
        "--chart", metavar="SVG", help="also write a bar chart of met vs required levels"
    )
    _format_option(gap_, "text")

    _scale_commands(command)

    path_ = command(
        "path",
        "a promotion plan: what is new at each level for a role",
        "List what a role expects at each level above FROM up to TO, across its skills.",
        "skilltaxonomy path data-scientist junior senior",
        "skilltaxonomy --locale es path llm-engineer 1 5 --format md",
    )
    path_.add_argument("role", metavar="ROLE", help="the role's id or name")
    path_.add_argument("start", metavar="FROM", help="the level to start from")
    path_.add_argument("end", metavar="TO", help="the level to reach")
    _format_option(path_, "text")


#: The output formats of the commands about many people.
TABLE_FORMATS = (*RENDER_FORMATS, "csv", "json")


def _scale_commands(command: Callable[..., Any]) -> None:
    """The commands about many people: team, coverage, risk, rounds, promotions, raters."""
    ratings_help = (
        "a ratings table (.csv, .tsv, .xlsx, .parquet) or assessment files (.json); "
        "needs the scale extra"
    )

    def scale_command(name: str, summary: str, description: str, *examples: str) -> Any:
        parser = command(name, summary, description, *examples)
        parser.add_argument("ratings", metavar="RATINGS", nargs="+", help=ratings_help)
        parser.add_argument(
            "--people", metavar="FILE", help="the people table (role, level, org unit)"
        )
        parser.add_argument(
            "--engine",
            choices=ENGINES,
            default="duckdb",
            help="where to compute: duckdb (default), spark (local), python (per person)",
        )
        parser.add_argument("--round", metavar="ROUND", help="read the ratings as of this round")
        parser.add_argument("--rater", choices=RATER_KINDS, help="count only this rater's ratings")
        parser.add_argument("--org-unit", metavar="UNIT", help="only the people of this org unit")
        parser.add_argument(
            "--readiness",
            choices=READINESS,
            default="auto",
            help="what ready requires (default: auto)",
        )
        parser.add_argument(
            "--format",
            choices=TABLE_FORMATS,
            default="text",
            help="output format (default: text)",
        )
        parser.add_argument("-o", "--output", metavar="OUT", help="write to OUT (default: stdout)")
        _encoding_option(parser, "a CSV ratings or people table")
        return parser

    def role_and_level(parser: Any, level: str = "--target") -> None:
        parser.add_argument("--role", metavar="ROLE", required=True, help="the role")
        parser.add_argument(level, metavar="LEVEL", required=True, help="the level, on its ladder")

    team_ = scale_command(
        "team",
        "everyone's readiness for a role at a level, closest first",
        "Set everyone in RATINGS against a role at a target level: items met, missing "
        "and blocking per person, ready people first. Computed by an engine (DuckDB by "
        "default; Spark; or gap per person in Python).",
        "skilltaxonomy team ratings.csv --role data-scientist --target senior",
        "skilltaxonomy team ratings.parquet --people people.csv --role backend --target 3 "
        "--engine spark --format csv -o team.csv",
    )
    role_and_level(team_)
    coverage = scale_command(
        "coverage",
        "the level each person meets in each of a role's skills",
        "One row per person and skill of the role: the level met, the items met and "
        "required up to the target, ready or not; with --chart, a heatmap of it.",
        "skilltaxonomy coverage ratings.csv --role data-scientist --target senior "
        "--chart coverage.svg",
    )
    role_and_level(coverage)
    coverage.add_argument("--chart", metavar="FILE", help="also write a heatmap (.svg or .png)")
    risk = scale_command(
        "risk",
        "skills of a role that fewer than N people meet at a level (key-person risk)",
        "List the role's skills that fewer than N people meet at LEVEL, and who does.",
        "skilltaxonomy risk ratings.csv --role data-scientist --level senior --fewer-than 2",
    )
    role_and_level(risk, "--level")
    risk.add_argument(
        "--fewer-than", metavar="N", type=int, default=2, help="the threshold (default: 2)"
    )
    rounds = scale_command(
        "rounds",
        "the change in items met between two rounds of ratings",
        "Each person's items met for a role at a target as of two rounds, the largest gain first.",
        "skilltaxonomy rounds ratings.csv --role data-scientist --target senior "
        "--before 2025-H1 --after 2025-H2",
    )
    role_and_level(rounds)
    rounds.add_argument("--before", metavar="ROUND", required=True, help="the earlier round")
    rounds.add_argument("--after", metavar="ROUND", required=True, help="the later round")
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
    )
    raters.add_argument("--first", choices=RATER_KINDS, default="self", help="default: self")
    raters.add_argument("--second", choices=RATER_KINDS, default="manager", help="default: manager")


def _format_option(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument(
        "--format",
        choices=RENDER_FORMATS,
        default=default,
        help=f"output format (default: {default})",
    )


def _version() -> str:
    try:
        return version("skilltaxonomy")
    except PackageNotFoundError:  # pragma: no cover - only when run from an uninstalled tree
        return "unknown"


def summary(taxonomy: Taxonomy) -> str:
    """Count a framework's contents in one line (ladders, scales, definitions if any)."""
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


def _print_json(value: object, out: TextIO) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2), file=out)


# Commands ------------------------------------------------------------------------------


def _width() -> int:
    return shutil.get_terminal_size().columns


def _list(
    args: argparse.Namespace,
    out: TextIO,
    items: Sequence[Domain | Skill | Role | Level],
    header: Sequence[str],
    row: Callable[[Any], Sequence[str]],
) -> int:
    if args.json:
        _print_json([_entity(item) for item in items], out)
    else:
        print(text_table(header, map(row, items), _width()), file=out)
    return EXIT_OK


def _skills(taxonomy: Taxonomy, args: argparse.Namespace, out: TextIO) -> int:
    found = taxonomy.skills.filter(domain=args.domain, category=args.category, role=args.role)
    words = messages(args.locale)
    return _list(
        args,
        out,
        found,
        ("Id", words._("Skill"), words._("Domain"), words._("Category")),
        lambda s: (s.id, s.name, s.domain.name, s.category),
    )


def _roles(taxonomy: Taxonomy, args: argparse.Namespace, out: TextIO) -> int:
    found = taxonomy.roles.filter(skill=args.skill)
    words = messages(args.locale)
    return _list(
        args,
        out,
        found,
        ("Id", words._("Role"), words._("Family")),
        lambda r: (r.id, r.name, r.family),
    )


def _levels(taxonomy: Taxonomy, args: argparse.Namespace, out: TextIO) -> int:
    words = messages(args.locale)
    return _list(
        args,
        out,
        taxonomy.levels,
        (words._("Rank"), "Id", words._("Level")),
        lambda lv: (str(lv.rank), lv.id, lv.name),
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


#: What --json prints for each kind of page; the pages themselves come from `render`.
_PAGE_JSON: dict[type, Callable[[Any], dict[str, object]]] = {
    Profile: _profile_json,
    RoleMatrix: _matrix_json,
    Comparison: _comparison_json,
    GapReport: _gap_json,
    Plan: _plan_json,
}


def _page(item: Renderable, args: argparse.Namespace, out: TextIO) -> int:
    if args.json:
        _print_json(_PAGE_JSON[type(item)](item), out)
        return EXIT_OK
    standalone = args.command == "render"
    page = render(item, args.format, locale=args.locale, width=_width(), standalone=standalone)
    out.write(page)
    return EXIT_OK


def _search(taxonomy: Taxonomy, args: argparse.Namespace, out: TextIO) -> int:
    found = taxonomy.search(args.text)
    if args.json:
        _print_json(
            [_expectation(e) if isinstance(e, Expectation) else _entity(e) for e in found], out
        )
        return EXIT_OK
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
    print(text_table((words._("Kind"), "Id", words._("Text")), rows, _width()), file=out)
    return EXIT_OK


def _validate(path: str, args: argparse.Namespace, out: TextIO) -> int:
    entry = for_path(path) or find("json")
    options = _encoding(entry, args)
    try:
        taxonomy = load(path, format=entry.name, **options)
    except InvalidTaxonomyError as error:
        if args.json:
            problems = [{"path": p.path, "message": p.message} for p in error.problems]
            _print_json({"file": path, "valid": False, "problems": problems}, out)
        else:
            print(error, file=out)
        return EXIT_INVALID
    if args.json:
        _print_json({"file": path, "valid": True, "summary": summary(taxonomy)}, out)
    else:
        print(f"{path}: valid framework {taxonomy.name!r}: {summary(taxonomy)}", file=out)
    return EXIT_OK


def _import_page(taxonomy: Taxonomy, args: argparse.Namespace, out: TextIO) -> int:
    _refuse_overwriting_input(args.output, args.file)
    reading = load(
        args.file,
        format="page",
        report=True,
        skill_id=args.skill_id,
        skill_name=args.skill_name,
        levels=taxonomy.levels,
        roles=taxonomy.roles,
        encoding=args.encoding,
        partial=args.partial,
    )
    if reading.missing:
        print(f"skilltaxonomy: {args.file}: this copy ends early; not in it:", file=sys.stderr)
        for problem in reading.missing:
            print(f"  {problem}", file=sys.stderr)
    return _write(dumps(reading.taxonomy), args.output, out)


class _UsageError(Exception):
    """A command line that cannot be carried out as given; the message says why."""


def _refuse_overwriting_input(output: str | None, *inputs: str | None) -> None:
    """Refuse to write over a file the command reads: the input would be lost."""
    if output is None:
        return
    for given in inputs:
        if (
            given is not None
            and os.path.exists(output)
            and os.path.exists(given)
            and os.path.samefile(output, given)
        ):
            raise _UsageError(f"{output} is also an input: write the output elsewhere")


def _write(data: str | bytes, output: str | None, out: TextIO) -> int:
    """Write to the file `output` (atomically), or to `out`; bytes need a file or a pipe."""
    if output is not None:
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


def _import(args: argparse.Namespace, out: TextIO) -> int:
    _refuse_overwriting_input(args.output, args.file)
    entry = find(args.source_format) if args.source_format else for_path(args.file)
    if entry is None or entry.reader is None or entry.name == "page":
        raise _UsageError(
            f"cannot tell the format of {args.file} from its name: give --from "
            f"({', '.join(IMPORT_FORMATS)})"
        )
    options: dict[str, Any] = {}
    if args.strict:
        if entry.name != "case":
            raise _UsageError("--strict is for --from case")
        options["strict"] = True
    if args.name and entry.name in ("csv", "xlsx"):
        options["name"] = args.name
    options |= _encoding(entry, args)
    reading = load(args.file, format=entry.name, report=True, **options)
    taxonomy = reading.taxonomy
    if args.name and entry.name not in ("csv", "xlsx"):
        taxonomy = attrs.evolve(taxonomy, name=args.name)
    if reading.skipped:
        print(
            f"skilltaxonomy: {args.file}: {count(len(reading.skipped), 'construct')} not kept:",
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


def _read_summary(reading: Reading) -> str:
    """What a reader made of a file, in one line: ``read 2 domains, 14 skills; …``."""
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
    read = f"read {', '.join(found)}; {count(len(reading.skipped), 'construct')} not kept"
    if reading.encoding not in (None, "utf-8"):
        read += f"; text read as {reading.encoding}"
    return read


def _diff(args: argparse.Namespace, out: TextIO) -> int:
    from skilltaxonomy.compare import diff  # noqa: PLC0415 - loaded when used

    changes = diff(load(args.old), load(args.new))
    if args.json:
        _print_json(
            [
                {
                    "kind": c.kind,
                    "key": c.key,
                    "action": c.action,
                    "name": c.name,
                    "fields": [{"field": f.field, "old": f.old, "new": f.new} for f in c.fields],
                }
                for c in changes.changes
            ],
            out,
        )
        return EXIT_OK
    out.write(render(changes, args.format, locale=args.locale, width=_width()))
    return EXIT_OK


def _gap(taxonomy: Taxonomy, args: argparse.Namespace, out: TextIO) -> int:
    """One gap report per assessment file, one after the other."""
    target = None if args.target is None else _level_key(taxonomy, args.target)
    reports = [
        gap(taxonomy, load_assessment(path, taxonomy), args.role, target)
        for path in args.assessments
    ]
    if args.chart is not None:
        if len(reports) > 1:
            raise _UsageError("--chart draws one person's report: give one assessment")
        _refuse_overwriting_input(args.chart, *args.assessments, args.data)
        write_file(args.chart, gap_chart(reports[0], locale=args.locale))
    if args.json and len(reports) > 1:
        _print_json([_gap_json(report) for report in reports], out)
        return EXIT_OK
    for index, report in enumerate(reports):
        if index:
            out.write("\n")
        _page(report, args, out)
    return EXIT_OK


#: The commands about many people, and the question each asks.
SCALE_COMMANDS = ("team", "coverage", "risk", "rounds", "promotions", "raters")


def _progress(message: str) -> None:
    """Say what a long command is doing, on a terminal only (never in a pipe or a file)."""
    if sys.stderr is not None and sys.stderr.isatty():
        print(f"skilltaxonomy: {message}", file=sys.stderr, flush=True)


def _read_ratings(taxonomy: Taxonomy, args: argparse.Namespace) -> Any:
    from skilltaxonomy.formats.ratings import load_ratings  # noqa: PLC0415 - loaded when used

    paths = args.ratings
    if all(path.lower().endswith(".json") for path in paths):
        if args.people is not None:
            raise _UsageError("--people goes with a ratings table; assessments name their role")
        _progress(f"reading {len(paths)} assessment files…")
        assessments = [load_assessment(path, taxonomy) for path in paths]
        return RatingsTable.from_assessments(taxonomy, assessments)
    if len(paths) > 1:
        raise _UsageError("give one ratings table, or assessment files (.json)")
    _progress(f"reading and checking {paths[0]}…")
    # On an engine, the engine reads and checks the file itself: the ratings stay there.
    engine = None if args.engine == "python" else args.engine
    return load_ratings(
        paths[0], taxonomy, people=args.people, encoding=args.encoding, engine=engine
    )


def _scale(taxonomy: Taxonomy, args: argparse.Namespace, out: TextIO) -> int:
    """Ask a question of many people's ratings, and print the answer as a table."""
    from skilltaxonomy.people import analytics  # noqa: PLC0415 - loaded when used

    _refuse_overwriting_input(args.output, *args.ratings, args.people, args.data)
    ratings = _read_ratings(taxonomy, args)
    if isinstance(ratings, RatingsTable):
        _progress(
            f"{len(ratings):,} ratings of {len(ratings.persons):,} people; asking {args.engine}…"
        )
    else:
        _progress(f"checked in {args.engine}; asking it…")
    options = {"engine": args.engine, "org_unit": args.org_unit}
    policy = {"readiness": args.readiness, "rater": args.rater}
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
        level = _level_key(taxonomy, args.level if args.command == "risk" else args.target)
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
    if args.command == "coverage" and args.chart is not None:
        from skilltaxonomy.pages.chart import coverage_heatmap  # noqa: PLC0415 - loaded when used

        write_file(
            args.chart,
            coverage_heatmap(
                taxonomy, answer, title=title, png=args.chart.lower().endswith(".png")
            ),
        )
    return _answer(answer, title, _summary(args.command, answer), args, out)


#: The columns a page shows (CSV and JSON have every column).
_PAGE_COLUMNS = {
    "team": ("person", "ready", "blocking", "items_met", "items_required"),
    "promotions": ("person", "role", "level", "target", "ready", "blocking"),
    "coverage": ("person", "skill_id", "met_id", "items_met", "items_required", "ready"),
    "raters": ("person", "skill_id", "first_level", "second_level", "level_difference"),
}


def _summary(command: str, answer: Any) -> list[str]:
    rows = answer.num_rows
    if command in ("team", "promotions"):
        ready = sum(1 for value in answer.column("ready").to_pylist() if value)
        return [f"{rows} people, {ready} ready"]
    if command == "risk":
        return [f"{rows} skills at risk"]
    return [f"{rows} rows"]


def _answer(
    answer: Any, title: str, summary: list[str], args: argparse.Namespace, out: TextIO
) -> int:
    """An Arrow table as CSV, JSON, or a page (text, Markdown, HTML)."""
    kind = "json" if args.json else args.format
    if kind in RENDER_FORMATS and args.command in _PAGE_COLUMNS:  # a page fits its width
        answer = answer.select(list(_PAGE_COLUMNS[args.command]))
    columns = answer.column_names
    rows = [[row[name] for name in columns] for row in answer.to_pylist()]
    if kind == "json":
        text = json.dumps(answer.to_pylist(), ensure_ascii=False, indent=2, default=str) + "\n"
    elif kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(
            ["" if v is None else ";".join(v) if isinstance(v, list) else v for v in row]
            for row in rows
        )
        text = buffer.getvalue()
    else:
        page_format: Any = kind
        text = render_table(
            title, summary, columns, rows, page_format, locale=args.locale, width=_width()
        )
    return _write(text, args.output, out)


def _level_key(taxonomy: Taxonomy, text: str) -> str | int:
    """A level as typed: an id or name, else a rank such as ``3``."""
    if taxonomy.level(text, None) is None and text.isdecimal():
        return int(text)
    return text


def _run(args: argparse.Namespace, out: TextIO) -> int:
    if args.command == "validate":
        return _validate(args.file, args, out)
    if args.command == "import":
        return _import(args, out)
    if args.command == "diff":
        return _diff(args, out)
    if args.command == "schema":
        from skilltaxonomy.formats.schema import schema_text  # noqa: PLC0415 - loaded when used

        out.write(schema_text(args.format_version))
        return EXIT_OK
    taxonomy = load(args.data)
    if args.command == "export":
        return _export(taxonomy, args, out)
    if args.command == "skills":
        return _skills(taxonomy, args, out)
    if args.command == "roles":
        return _roles(taxonomy, args, out)
    if args.command == "levels":
        return _levels(taxonomy, args, out)
    if args.command in ("show", "render"):
        return _page(taxonomy.profile(args.skill, args.role), args, out)
    if args.command == "matrix":
        return _page(taxonomy.matrix(args.role), args, out)
    if args.command == "compare":
        current = _level_key(taxonomy, args.current)
        target = None if args.target is None else _level_key(taxonomy, args.target)
        comparison = taxonomy.compare(args.skill, args.role, current, target)
        return _page(comparison, args, out)
    if args.command == "search":
        return _search(taxonomy, args, out)
    if args.command == "gap":
        return _gap(taxonomy, args, out)
    if args.command in SCALE_COMMANDS:
        return _scale(taxonomy, args, out)
    if args.command == "path":
        start, end = _level_key(taxonomy, args.start), _level_key(taxonomy, args.end)
        return _page(path(taxonomy, args.role, start, end), args, out)
    return _import_page(taxonomy, args, out)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line with `argv` (default: ``sys.argv[1:]``); return the exit code."""
    args = _parser().parse_args(argv)
    out = sys.stdout if out is None else out
    if out is None:  # the process was started with its standard output closed
        print("skilltaxonomy: error: standard output is closed (use -o FILE)", file=sys.stderr)
        return EXIT_INVALID
    try:
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
