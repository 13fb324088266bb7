"""The ``skilltaxonomy`` command: argument parsing and printing only."""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import TextIO

from ._load import load
from ._model import Profile
from ._taxonomy import Taxonomy
from ._words import count
from .exceptions import InvalidTaxonomyError, NotFoundError

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

_EPILOG = """\
examples:
  skilltaxonomy show neural-network-architectures
  skilltaxonomy show "Neural Network Architectures" --role "LLM Engineer"
  skilltaxonomy validate my-framework.json
  skilltaxonomy --data my-framework.json show my-skill
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="skilltaxonomy",
        description="Query a competency framework: skills × roles × levels → expectations.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--data",
        metavar="FILE",
        help="use the framework in FILE (format v1 JSON) instead of the bundled one",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    show = _command(
        commands,
        "show",
        "print a skill's profile: its roles, levels and expectations",
        "Print a skill's profile as tables, one per level.",
        "skilltaxonomy show neural-network-architectures --role data-scientist",
    )
    show.add_argument("skill", metavar="SKILL", help="the skill's id or name")
    show.add_argument("--role", metavar="ROLE", help="only this role's expectations (id or name)")

    validate = _command(
        commands,
        "validate",
        "check a framework file and list every problem with its place",
        "Check a format v1 file: exit 0 with a summary, or 1 with every problem.",
        "skilltaxonomy validate my-framework.json",
    )
    validate.add_argument("file", metavar="FILE", help="the framework file to check")
    return parser


def _command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    summary: str,
    description: str,
    example: str,
) -> argparse.ArgumentParser:
    """Add a subcommand whose help ends with an example."""
    return commands.add_parser(
        name,
        help=summary,
        description=description,
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _version() -> str:
    try:
        return version("skilltaxonomy")
    except PackageNotFoundError:  # pragma: no cover - only when run from an uninstalled tree
        return "unknown"


def summary(taxonomy: Taxonomy) -> str:
    """Count a framework's contents in one line."""
    return ", ".join(
        (
            count(len(taxonomy.domains()), "domain"),
            count(len(taxonomy.skills()), "skill"),
            count(len(taxonomy.roles()), "role"),
            count(len(taxonomy.levels), "level"),
            count(len(taxonomy.expectations()), "expectation"),
        )
    )


def format_profile(profile: Profile, width: int, role_id: str | None = None) -> str:
    """Lay a profile out as text tables that fit `width` columns, one table per level."""
    skill = profile.skill
    place = " › ".join(part for part in (skill.domain.name, skill.category) if part)
    lines = [skill.name, place]
    if skill.updated is not None:
        lines.append(f"Updated {skill.updated.isoformat()}")
    lines.append(
        f"{count(len(profile.roles), 'role')} · {count(len(profile.levels), 'level')} · "
        f"{profile.mandatory_count} mandatory, {profile.optional_count} optional"
    )
    if skill.summary:
        lines += ["", *textwrap.wrap(skill.summary, width)]
    rows_by_level = [
        (level, [e for e in found if role_id is None or e.role.id == role_id])
        for level, found in profile.by_level
    ]
    names = [e.role.name for _, rows in rows_by_level for e in rows]
    role_width = max(map(len, names), default=4)
    flag = "Required"
    description_width = max(20, width - role_width - len(flag) - 6)
    indent = " " * (2 + role_width + 2 + len(flag) + 2)
    for level, rows in rows_by_level:
        if not rows:
            continue
        lines += ["", f"{level.name} (level {level.rank})"]
        lines.append(f"  {'Role':<{role_width}}  {flag}  Description")
        for e in rows:
            wrapped = textwrap.wrap(e.description, description_width) or [""]
            mark = "yes" if e.mandatory else ""
            lines.append(f"  {e.role.name:<{role_width}}  {mark:<{len(flag)}}  {wrapped[0]}")
            lines += [indent + more for more in wrapped[1:]]
    if not names:
        lines += ["", "No expectations."]
    return "\n".join(lines)


def _show(taxonomy: Taxonomy, args: argparse.Namespace, out: TextIO) -> int:
    profile = taxonomy.profile(args.skill)
    role_id = None if args.role is None else taxonomy.role(args.role).id
    width = shutil.get_terminal_size().columns
    print(format_profile(profile, width, role_id), file=out)
    return EXIT_OK


def _validate(path: str, out: TextIO) -> int:
    try:
        taxonomy = load(path)
    except InvalidTaxonomyError as error:
        print(error, file=out)
        return EXIT_INVALID
    print(f"{path}: valid framework {taxonomy.name!r}: {summary(taxonomy)}", file=out)
    return EXIT_OK


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line with `argv` (default: ``sys.argv[1:]``); return the exit code."""
    out = sys.stdout if out is None else out
    args = _parser().parse_args(argv)
    try:
        if args.command == "validate":
            return _validate(args.file, out)
        taxonomy = load(args.data)
        return _show(taxonomy, args, out)
    except NotFoundError as error:
        print(f"skilltaxonomy: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except InvalidTaxonomyError as error:
        print(f"skilltaxonomy: error: {error}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as error:
        print(f"skilltaxonomy: error: {error.filename}: {error.strerror}", file=sys.stderr)
        return EXIT_INVALID
