"""Write the command-line reference (docs/cli.md) from the parser itself.

    python scripts/build_cli_docs.py          # rewrite docs/cli.md
    python scripts/build_cli_docs.py --check  # exit 1 if docs/cli.md differs

Every command, its arguments, what each option does and its examples come from
`skilltaxonomy.cli`, so that the page cannot drift from the command line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from skilltaxonomy import cli

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "cli.md"

INTRO = """\
# Command-line reference

<!-- Written by scripts/build_cli_docs.py from the parser; CI checks it is current. -->

`skilltaxonomy` (or `python -m skilltaxonomy`) has one grammar: every option goes after
the command, and the same idea has the same option everywhere:

| option | means |
|---|---|
| `--data FILE` | the framework to read (default: the bundled one) |
| `--locale LOCALE` | the language of labels and dates (`de`, `en`, `es`) |
| `--format FORMAT` | the output: `text`, `md`, `html`, …; `json` is the machine output |
| `-o FILE`, `--output FILE` | write to a file (replaced whole) instead of standard output |
| `--role ROLE` | a role, by id, name or code |
| `--level LEVEL` | the current level, by id, name or rank |
| `--target LEVEL` | the level aimed at |
| `--chart FILE` | also write a chart |
| `-q`, `--quiet` / `-v`, `--verbose` | no progress / the engine's own log too |

A command offers only the options it uses. Skills, roles and levels are found by id,
name (any case), code, or the last segment of a URI id; a name that could mean several
gets suggestions. Exit status: 0 success, 1 an invalid or missing file, 2 an unknown
name or a usage error, 130 stopped (Ctrl-C).

The spellings of the previous release still work, each with a one-line warning on
standard error, and will be removed in the next: `--json` (now `--format json`),
`--data`, `--locale` and `--json` before the command, the levels of `compare` and
`path` as arguments (now `--level` and `--target`), `risk --level` (now `--target`),
`render` (now `show --format md`) and `import-page` (now `import --from page`).
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _name(action: argparse.Action) -> str:
    """How an argument is written: ``--target LEVEL``, ``-o FILE, --output FILE``."""
    if not action.option_strings:
        return str(action.metavar or action.dest)
    if action.nargs == 0:
        return ", ".join(action.option_strings)
    if action.metavar is not None:
        metavar = str(action.metavar)
    elif action.choices is not None:
        metavar = "{" + ",".join(map(str, action.choices)) + "}"
    else:
        metavar = action.dest.upper()
    return ", ".join(f"{option} {metavar}" for option in action.option_strings)


def _usage(name: str, actions: list[argparse.Action]) -> str:
    parts = []
    for action in actions:
        shown = _name(action).split(", ")[-1]
        if not action.option_strings:
            if action.nargs == "+":
                shown = f"{shown} [{shown} ...]"
            elif action.nargs == "?":
                shown = f"[{shown}]"
            parts.append(shown)
        elif action.required:
            parts.append(shown)
        else:
            parts.append(f"[{shown}]")
    options = [part for part, action in zip(parts, actions, strict=True) if action.option_strings]
    positionals = [
        part for part, action in zip(parts, actions, strict=True) if not action.option_strings
    ]
    return " ".join([f"skilltaxonomy {name}", *options, *positionals])


def shown_actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """The arguments a command's ``--help`` lists, without ``--help`` itself."""
    return [
        action
        for action in parser._actions
        if action.help is not argparse.SUPPRESS and not isinstance(action, argparse._HelpAction)
    ]


def commands() -> dict[str, argparse.ArgumentParser]:
    """Each listed command's parser, in the order of ``skilltaxonomy --help``."""
    parser = cli._parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    listed = [choice.dest for choice in sub._choices_actions]
    return {name: sub.choices[name] for name in listed}


def text() -> str:
    """The whole page."""
    parts = [INTRO]
    found = commands()
    parts.append("\n## Commands\n\n| command | what it does |\n|---|---|\n")
    sub = next(a for a in cli._parser()._actions if isinstance(a, argparse._SubParsersAction))
    summaries = {choice.dest: choice.help or "" for choice in sub._choices_actions}
    parts.append(
        "".join(
            f"| [`{name}`](#{name.replace('-', '')}) | {_cell(summaries[name])} |\n"
            for name in found
        )
    )
    for name, parser in found.items():
        actions = shown_actions(parser)
        description = " ".join((parser.description or "").split())
        parts.append(f"\n## {name}\n\n{description}\n\n```text\n{_usage(name, actions)}\n```\n")
        positionals = [a for a in actions if not a.option_strings]
        options = [a for a in actions if a.option_strings]
        for title, group in (("argument", positionals), ("option", options)):
            if group:
                parts.append(f"\n| {title} | what it does |\n|---|---|\n")
                parts.append("".join(f"| `{_name(a)}` | {_cell(str(a.help))} |\n" for a in group))
        epilog = parser.epilog or ""
        examples = epilog.split("examples:\n", 1)[1]
        more = epilog.split("examples:\n", 1)[0].strip()
        if more:
            head, _, body = more.partition("\n")
            parts.append(f"\n{head.rstrip(':').capitalize()}:\n\n```text\n{body}\n```\n")
        lines = "".join(line.strip() + "\n" for line in examples.splitlines() if line.strip())
        parts.append(f"\nExamples:\n\n```bash\n{lines}```\n")
    return "".join(parts)


def main(argv: list[str]) -> int:
    if "--check" in argv:
        if not PAGE.exists() or PAGE.read_text(encoding="utf-8") != text():
            print(f"{PAGE} differs from the command line: run scripts/build_cli_docs.py")
            return 1
        return 0
    PAGE.write_text(text(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
