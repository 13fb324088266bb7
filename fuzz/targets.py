"""The fuzz targets: each feeds one input to a reader, which must load or refuse it cleanly.

A target passes when the reader returns a value or raises the library's documented
error for bad input; any other exception is a finding. A value that loads must also
write and read back equal, so the fuzzer checks the writers too.
"""

from __future__ import annotations

import atexit
import contextlib
import html.parser
import io
import os
import shutil
import tempfile
from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt

import skilltaxonomy
from skilltaxonomy import (
    InvalidTaxonomyError,
)
from skilltaxonomy.cli import main

_MARKDOWN = MarkdownIt("commonmark").enable("table")


def _loads(data: bytes) -> None:
    try:
        taxonomy = skilltaxonomy.loads(data)
    except InvalidTaxonomyError:
        return
    if skilltaxonomy.loads(skilltaxonomy.dumps(taxonomy)) != taxonomy:
        raise AssertionError("a loaded framework did not read back equal")


def _loads_text(data: bytes) -> None:
    # The same reader given str: surrogates and other code points bytes cannot hold.
    try:
        skilltaxonomy.loads(data.decode("utf-8", "surrogateescape"))
    except InvalidTaxonomyError:
        return


def _case(data: bytes) -> None:
    # Both ways of taking a repeated identifier: refusing it, and reading the first.
    for on_duplicate in ("error", "first"):
        try:
            read = skilltaxonomy.loads(data, format="case", report=True, on_duplicate=on_duplicate)
        except InvalidTaxonomyError:
            continue
        skilltaxonomy.dumps(read.taxonomy, format="case", metadata=read.metadata)


def _csv(data: bytes) -> None:
    try:
        taxonomy = skilltaxonomy.loads(data, format="csv", name="fuzz")
    except InvalidTaxonomyError:
        return
    skilltaxonomy.dumps(taxonomy, format="csv")


def _sfia(data: bytes) -> None:
    try:
        taxonomy = skilltaxonomy.loads(data, format="sfia")
    except InvalidTaxonomyError:
        return
    if skilltaxonomy.loads(skilltaxonomy.dumps(taxonomy)) != taxonomy:
        raise AssertionError("the catalogue read does not survive JSON")


def _onet(data: bytes) -> None:
    try:
        taxonomy = skilltaxonomy.loads(data, format="onet")
    except InvalidTaxonomyError:
        return
    if skilltaxonomy.loads(skilltaxonomy.dumps(taxonomy)) != taxonomy:
        raise AssertionError("the framework read does not survive JSON")


def _esco(data: bytes) -> None:
    try:
        taxonomy = skilltaxonomy.loads(data, format="esco")
    except InvalidTaxonomyError:
        return
    if skilltaxonomy.loads(skilltaxonomy.dumps(taxonomy)) != taxonomy:
        raise AssertionError("the framework read does not survive JSON")


def _progression(data: bytes) -> None:
    try:
        taxonomy = skilltaxonomy.loads(data, format="progression")
    except InvalidTaxonomyError:
        return
    if skilltaxonomy.loads(skilltaxonomy.dumps(taxonomy)) != taxonomy:
        raise AssertionError("the framework read does not survive JSON")


def _progression_json(data: bytes) -> None:
    try:
        taxonomy = skilltaxonomy.loads(data, format="progression-json")
    except InvalidTaxonomyError:
        return
    if skilltaxonomy.loads(skilltaxonomy.dumps(taxonomy)) != taxonomy:
        raise AssertionError("the framework read does not survive JSON")


def _role_page(data: bytes) -> None:
    _whole_or_partial(data, "role-page", {})


def _matrix_csv(data: bytes) -> None:
    try:
        taxonomy = skilltaxonomy.loads(data, format="matrix-csv", role="fuzz")
    except InvalidTaxonomyError:
        return
    written = skilltaxonomy.dumps(taxonomy, format="matrix-csv", role="fuzz")
    again = skilltaxonomy.loads(written, format="matrix-csv", role="fuzz")
    if skilltaxonomy.dumps(again, format="matrix-csv", role="fuzz") != written:
        raise AssertionError("the matrix written does not read back the same")


_BUNDLED = skilltaxonomy.load()


def _assessment(data: bytes) -> None:
    try:
        skilltaxonomy.loads_assessment(data, _BUNDLED)
    except InvalidTaxonomyError:
        return


def _ratings(data: bytes) -> None:
    """A ratings CSV: read and checked, or refused with the library's own error; round trip."""
    try:
        table = skilltaxonomy.load_ratings(io.BytesIO(data), _BUNDLED)
    except InvalidTaxonomyError:
        return
    again = skilltaxonomy.load_ratings(io.BytesIO(skilltaxonomy.dumps_ratings(table)), _BUNDLED)
    assert again.to_arrow().equals(table.to_arrow())
    skilltaxonomy.team_readiness(_BUNDLED, table, "llm-engineer", "senior", engine="python")


def _xlsx(data: bytes) -> None:
    try:
        taxonomy = skilltaxonomy.loads(data, format="xlsx")
    except InvalidTaxonomyError:
        return
    skilltaxonomy.dumps(taxonomy, format="xlsx")


def _page(data: bytes) -> None:
    _whole_or_partial(data, "page", {"skill_id": "s", "skill_name": "S"})
    try:  # the skill's name from the page's title
        skilltaxonomy.dumps(skilltaxonomy.loads(data, format="page"))
    except InvalidTaxonomyError:
        return


def _whole_or_partial(data: bytes, kind: str, options: dict[str, str]) -> None:
    """Read a page as whole and with partial=True: they agree unless something is missing.

    A page read as whole is read the same with partial=True, missing nothing; a page
    refused as whole is refused with partial=True too, or read with what it misses.
    """
    readings = []
    for partial in (False, True):
        try:
            readings.append(
                skilltaxonomy.loads(data, format=kind, report=True, partial=partial, **options)
            )
        except InvalidTaxonomyError:
            readings.append(None)
    whole, loose = readings
    if whole is not None:
        if whole.missing or loose is None or loose.missing:
            raise AssertionError("a page read whole misses something, or not with partial=True")
        if loose.taxonomy != whole.taxonomy:
            raise AssertionError("partial=True read a whole page differently")
        skilltaxonomy.dumps(whole.taxonomy)
    elif loose is not None:
        if not loose.missing:
            raise AssertionError("partial=True read a refused page and says nothing is missing")
        skilltaxonomy.dumps(loose.taxonomy)


# The CLI runs in a folder of its own, so that "-o FILE" writes nowhere that matters;
# arguments naming a path outside it (/dev/stdin would wait for input) are dropped.
_CLI_FOLDER = tempfile.mkdtemp(prefix="skilltaxonomy-fuzz-cli-")
atexit.register(shutil.rmtree, _CLI_FOLDER, ignore_errors=True)  # not left behind


def _cli(data: bytes) -> None:
    argv = [
        argument
        for argument in data.decode("utf-8", "replace").split("\x00")
        if argument and not argument.startswith(("/", "~", "..")) and "/" not in argument
    ][:12]
    previous = os.getcwd()
    os.chdir(_CLI_FOLDER)
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            code = main(argv, io.StringIO())
    except SystemExit as stop:  # argparse refuses the arguments: exit 2, or 0 for --help
        code = stop.code if isinstance(stop.code, int) else 2
    finally:
        os.chdir(previous)
    if code not in (0, 1, 2):
        raise AssertionError(f"exit status {code}")


def _shape(page: str) -> list[tuple[str, int]]:
    """A Markdown page's structure: its blocks' types and nesting, without their text."""
    return [(token.type, token.nesting) for token in _MARKDOWN.parse(page)]


def _render(data: bytes) -> None:
    # The input is the text of every field of a small framework, beside a plain twin.
    text = data.decode("utf-8", "replace")
    try:
        hostile = _framework(lambda label: f"{label} {text}", lambda label: f"{label} {text}")
    except skilltaxonomy.InvalidValueError:  # the model refuses it, as files would
        try:
            hostile = _framework(lambda label: label, lambda label: f"{label} {text}")
        except skilltaxonomy.InvalidValueError:
            return
    plain = _framework(lambda label: label, lambda label: label)
    for kind in ("overview", "profile", "matrix"):
        pages = [_page_of(taxonomy, kind) for taxonomy in (plain, hostile)]
        if _shape(pages[0]) != _shape(pages[1]):
            raise AssertionError(f"the {kind} page's Markdown changed shape")
        html_pages = [_page_of(taxonomy, kind, "html") for taxonomy in (plain, hostile)]
        if _html_shape(html_pages[0]) != _html_shape(html_pages[1]):
            raise AssertionError(f"the {kind} page's HTML changed shape")
        skilltaxonomy.render(_item(hostile, kind), "text")


def _framework(name: Callable[[str], str], text: Callable[[str], str]) -> skilltaxonomy.Taxonomy:
    domain = skilltaxonomy.Domain("d", name("Domain"))
    skill = skilltaxonomy.Skill("s", name("Skill"), domain, text("Category"), text("Summary"))
    role = skilltaxonomy.Role("r", name("Role"), text("Family"), text("Summary"))
    levels = [skilltaxonomy.Level(f"l{n}", name(f"Level {n}"), n) for n in (1, 2)]
    return skilltaxonomy.Taxonomy(
        name=name("Framework"),
        domains=[domain],
        skills=[skill],
        roles=[role],
        levels=levels,
        expectations=[
            skilltaxonomy.Expectation(skill, role, level, level.rank == 2, text("Does"))
            for level in levels
        ],
    )


def _item(taxonomy: skilltaxonomy.Taxonomy, kind: str) -> Any:
    if kind == "profile":
        return taxonomy.profile("s")
    if kind == "matrix":
        return taxonomy.matrix("r")
    return taxonomy


def _page_of(taxonomy: skilltaxonomy.Taxonomy, kind: str, form: str = "md") -> str:
    return skilltaxonomy.render(_item(taxonomy, kind), form)  # type: ignore[arg-type]


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(f"/{tag}")


def _html_shape(page: str) -> list[str]:
    parser = _Tags()
    parser.feed(page)
    return [tag for tag in parser.tags if tag not in ("br",)]


#: Each target by the name `run.py` takes.
TARGETS: dict[str, Callable[[bytes], None]] = {
    "loads": _loads,
    "loads-text": _loads_text,
    "case": _case,
    "csv": _csv,
    "matrix-csv": _matrix_csv,
    "sfia": _sfia,
    "onet": _onet,
    "esco": _esco,
    "progression": _progression,
    "progression-json": _progression_json,
    "role-page": _role_page,
    "assessment": _assessment,
    "ratings": _ratings,
    "xlsx": _xlsx,
    "page": _page,
    "cli": _cli,
    "render": _render,
}
