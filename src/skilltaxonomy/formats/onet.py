"""O*NET: occupations and the skills they need, from O*NET's database as text files.

O*NET publishes its database as tab-separated text files in a zip archive (the
``db_<version>_text.zip`` download), or unpacked in a folder; `read` takes either. The
occupations (``Occupation Data.txt``) are roles; the elements rated for them
(``Skills.txt``, and ``Knowledge.txt`` and ``Abilities.txt`` where the download has
them) are skills, grouped by the content model (``Content Model Reference.txt``); each
rating of an element for an occupation is an expectation, whose importance is the IM
value and whose step, on the level scale 0–7, is the LV value rounded (the value itself
is kept as the extra ``onet:LV``, and each rating's N, standard error and confidence
bounds as ``onet:IM N``, ``onet:LV Standard Error`` …, its date and source as
``onet:date`` and ``onet:source``). O*NET has no career levels: every expectation is at
the one level ``onet``. The content model gives the skills' descriptions and the
domains' names; ``Level Scale Anchors.txt`` the skills' definitions. What the files
read hold that the framework does not keep is listed in `Reading.skipped`.
"""

from __future__ import annotations

import math
from typing import Any

from skilltaxonomy._text import count, first_few
from skilltaxonomy.exceptions import InvalidTableError, Problem
from skilltaxonomy.formats._archive import Archive, read_archive
from skilltaxonomy.formats._guard import AUTO, DEFAULT_MAX_BYTES, Reading
from skilltaxonomy.formats.table import DEFAULT_MAX_ROWS
from skilltaxonomy.model import (
    Definition,
    Domain,
    Expectation,
    Extras,
    Level,
    Role,
    Scale,
    Skill,
    Step,
    Taxonomy,
)

#: The files of elements rated IM and LV for each occupation that `read` reads.
ELEMENT_FILES = ("Skills.txt", "Knowledge.txt", "Abilities.txt")
#: The prefix of the extras O*NET's other values become (``"onet:LV"``).
EXTRA_PREFIX = "onet:"
#: The one level every expectation is at (O*NET rates occupations, not career levels).
LEVEL_ID = "onet"
#: The scale of the LV ratings.
SCALE_ID = "onet-level"
_STEPS = range(8)

_WHAT = (
    "this library reads O*NET's occupations, skills, knowledge, abilities, content model "
    "and level anchors"
)
_OCCUPATIONS = "Occupation Data.txt"
_CONTENT_MODEL = "Content Model Reference.txt"
_ANCHORS = "Level Scale Anchors.txt"
_CODE = "O*NET-SOC Code"


def _number(
    archive: Archive, name: str, line: str, value: str, column: str = "Data Value"
) -> float:
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise archive.error(name, line, f"{column}: expected a number, got {value!r}")
    return number


def read(
    data: bytes | str,
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str = "O*NET",
    version: str = "",
    max_rows: int = DEFAULT_MAX_ROWS,
    encoding: str = AUTO,
) -> Reading:
    """Read O*NET's database text files (the zip archive's bytes) into a framework.

    `load` also takes the folder the archive unpacks to. Each file is read in
    `encoding` (``"auto"``: each file's own, told from its bytes: a byte-order mark,
    UTF-8, else Windows-1252); `Reading.encoding` says which. The other files of the
    download, and what the files read hold that is not kept, are listed in
    `Reading.skipped`.

    Raises:
        InvalidTableError: Not O*NET's files, or a bad line; the problem names the file
            and line (``Skills.txt, line 12: Data Value: expected a number, got 'x'``).
    """
    return read_archive(
        data,
        lambda archive: _read(archive, name, version),
        source=source,
        max_bytes=max_bytes,
        max_rows=max_rows,
        what=_WHAT,
        expected="expected O*NET's text files",
        delimiter="\t",
        quoted=False,
        encoding=encoding,
    )


#: The columns of a rating beside its value, each kept as the extra ``onet:<scale> <column>``
#: (``onet:LV Standard Error``), a number where it is one.
RATING_COLUMNS = ("N", "Standard Error", "Lower CI Bound", "Upper CI Bound")
_OPTIONAL = (*RATING_COLUMNS, "Recommend Suppress", "Not Relevant", "Date", "Domain Source")
# What a rating's cell holds where it has no value.
_NONE = ("", "n/a")


def _content_model(archive: Archive) -> dict[str, tuple[str, str]]:
    """Each element of the content model: its name and description."""
    found: dict[str, tuple[str, str]] = {}
    if not archive.has(_CONTENT_MODEL):
        return found
    columns = ("Element ID", "Element Name")
    for line, row in archive.rows(_CONTENT_MODEL, columns, ("Description",)):
        key = archive.text(_CONTENT_MODEL, line, "Element ID", row["Element ID"], named=True)
        element = archive.text(
            _CONTENT_MODEL, line, "Element Name", row["Element Name"], named=True
        )
        about = archive.text(
            _CONTENT_MODEL, line, "Description", row.get("Description", ""), named=False
        )
        found.setdefault(key, (element, about.strip()))
    return found


def _rating(
    archive: Archive, file: str, line: str, row: dict[str, str], rating: dict[str, Any]
) -> None:
    """One row of an element file into the rating of its element and occupation."""
    kind = row["Scale ID"].strip()
    rating[kind] = _number(archive, file, line, row["Data Value"])
    for column in RATING_COLUMNS:
        text = row.get(column, "").strip()
        if text.casefold() not in _NONE:
            try:
                value: object = (
                    int(text) if text.isdigit() else _number(archive, file, line, text, column)
                )
            except InvalidTableError:
                value = archive.text(file, line, column, text, named=True)
            rating[f"{kind} {column}"] = value
    suppress = row.get("Recommend Suppress", "").strip()
    if suppress == "Y":
        rating["suppress"] = True
    elif suppress.casefold() not in (*_NONE, "n"):
        rating[f"{kind} Recommend Suppress"] = archive.text(
            file, line, "Recommend Suppress", suppress, named=True
        )
    relevant = row.get("Not Relevant", "").strip()
    if kind == "LV":
        rating["not_relevant"] = relevant == "Y"
    if relevant.casefold() not in (*_NONE, "n") and (kind != "LV" or relevant != "Y"):
        rating[f"{kind} Not Relevant"] = archive.text(
            file, line, "Not Relevant", relevant, named=True
        )
    for column, extra in (("Date", "date"), ("Domain Source", "source")):
        text = row.get(column, "").strip()
        if text:
            rating.setdefault("texts", {})[(kind, extra)] = archive.text(
                file, line, column, text, named=True
            )


def _extras(rating: dict[str, Any]) -> dict[str, Any]:
    """A rating's extras: the LV value, the rating columns, the date and the source."""
    extras = {
        f"{EXTRA_PREFIX}{key}": value
        for key, value in rating.items()
        if key not in ("IM", "texts", "not_relevant")
    }
    texts = rating.get("texts", {})
    for extra in ("date", "source"):
        # The LV rating's date and source, else the IM rating's; the IM rating's too
        # where the two differ.
        lv, im = texts.get(("LV", extra)), texts.get(("IM", extra))
        if lv is not None or im is not None:
            extras[f"{EXTRA_PREFIX}{extra}"] = lv if lv is not None else im
        if lv is not None and im is not None and im != lv:
            extras[f"{EXTRA_PREFIX}IM {extra}"] = im
    for kind in {kind for kind, _ in texts} - {"IM", "LV"}:
        for extra in ("date", "source"):
            if (kind, extra) in texts:
                extras[f"{EXTRA_PREFIX}{kind} {extra}"] = texts[(kind, extra)]
    if rating.get("not_relevant"):
        extras[f"{EXTRA_PREFIX}not_relevant"] = True
    return extras


def _read(archive: Archive, name: str, version: str) -> Taxonomy:
    roles: dict[str, Role] = {}
    for line, row in archive.rows(_OCCUPATIONS, (_CODE, "Title", "Description")):
        code = archive.text(_OCCUPATIONS, line, _CODE, row[_CODE], named=True)
        title = archive.text(_OCCUPATIONS, line, "Title", row["Title"], named=True)
        about = archive.text(_OCCUPATIONS, line, "Description", row["Description"], named=False)
        roles.setdefault(code, Role(code, title, summary=about))
    model = _content_model(archive)
    scale = Scale(
        SCALE_ID,
        "O*NET level",
        [Step(str(n), f"Level {n}", n + 1, str(n)) for n in _STEPS],
        "How much of an element an occupation needs, from 0 to 7 (O*NET's LV scale).",
    )
    level = Level(LEVEL_ID, "O*NET rating", 1, "What the occupation needs, as O*NET rates it.")
    domains: dict[str, Domain] = {}
    skills: dict[str, Skill] = {}
    ratings: dict[tuple[str, str], dict[str, Any]] = {}
    columns = (_CODE, "Element ID", "Element Name", "Scale ID", "Data Value")
    for file in ELEMENT_FILES:
        if not archive.has(file):
            continue
        for line, row in archive.rows(file, columns, _OPTIONAL):
            code = row[_CODE].strip()
            if code not in roles:
                raise archive.error(file, line, f"{_CODE}: unknown occupation {code!r}")
            key = archive.text(file, line, "Element ID", row["Element ID"], named=True)
            if key not in skills:
                element = archive.text(file, line, "Element Name", row["Element Name"], named=True)
                parts = key.split(".")
                top = ".".join(parts[:2])
                if top not in domains:
                    texts = model.get(top, (top, ""))
                    extras = {f"{EXTRA_PREFIX}description": texts[1]} if texts[1] else {}
                    domains[top] = Domain(top, texts[0], extras=Extras(extras))
                group = ".".join(parts[:3]) if len(parts) > 3 else ""
                category = model.get(group, (group, ""))[0]
                skills[key] = Skill(
                    key, element, domains[top], category, model.get(key, ("", ""))[1]
                )
            kind = row["Scale ID"].strip()
            if not kind:
                raise archive.error(file, line, "Scale ID: expected a scale, got an empty field")
            if not kind.isprintable():  # it names the rating's extras: one line, as a name
                archive.text(file, line, "Scale ID", kind, named=True)
            _rating(archive, file, line, row, ratings.setdefault((key, code), {}))
    by_step = {step.id: step for step in scale.steps}
    expectations = []
    for (key, code), rating in ratings.items():
        step = None
        if "LV" in rating and not rating.get("not_relevant"):
            step = by_step[str(min(7, max(0, round(rating["LV"]))))]
        expectations.append(
            Expectation(
                skills[key],
                roles[code],
                level,
                None,
                step=step,
                importance=rating.get("IM"),
                extras=Extras(_extras(rating)),
            )
        )
    _report_model(archive, model, skills)
    definitions = _definitions(archive, skills, by_step)
    return Taxonomy(
        name=name,
        version=version,
        domains=domains.values(),
        skills=skills.values(),
        roles=roles.values(),
        levels=[level],
        expectations=expectations,
        scales=[scale],
        definitions=definitions,
    )


def _report_model(
    archive: Archive, model: dict[str, tuple[str, str]], skills: dict[str, Skill]
) -> None:
    """Say which elements of the content model the framework has no place for."""
    placed = set(skills) | {".".join(key.split(".")[:2]) for key in skills}
    groups = {".".join(key.split(".")[:3]) for key in skills if len(key.split(".")) > 3}
    described = [key for key in groups if model.get(key, ("", ""))[1]]
    unplaced = [key for key in model if key not in placed and key not in groups]
    if described:
        message = (
            f"{count(len(described), 'description')} of the groups that are categories not kept "
            f"(a category is a name), such as {sorted(described)[0]!r}"
        )
        archive.unkept.append(Problem(_CONTENT_MODEL, message))
    if unplaced:
        message = (
            f"{count(len(unplaced), 'element')} no skill read is or belongs to, not kept, "
            f"such as {unplaced[0]!r}"
        )
        archive.unkept.append(Problem(_CONTENT_MODEL, message))


def _definitions(
    archive: Archive, skills: dict[str, Skill], steps: dict[str, Step]
) -> list[Definition]:
    """The level anchors of the skills read: what a step of the LV scale means for each."""
    if not archive.has(_ANCHORS):
        return []
    found: dict[tuple[str, str], Definition] = {}
    unkept: dict[str, list[str]] = {}
    columns = ("Element ID", "Scale ID", "Anchor Value", "Anchor Description")
    for line, row in archive.rows(_ANCHORS, columns, ("Element Name",)):
        key = row["Element ID"].strip()
        skill = skills.get(key)
        value = row["Anchor Value"].strip()
        kind = row["Scale ID"].strip()
        step = steps.get(value)
        if skill is None:
            unkept.setdefault("of elements no skill read is", []).append(line)
            continue
        if kind != "LV" or step is None:
            unkept.setdefault("not of a step of the LV scale (0 to 7)", []).append(line)
            continue
        text = archive.text(
            _ANCHORS, line, "Anchor Description", row["Anchor Description"], named=False
        )
        if (skill.id, step.id) in found:
            unkept.setdefault("repeating an anchor of the same element and value", []).append(line)
            continue
        found[(skill.id, step.id)] = Definition(skill, step, text)
    for why, lines in unkept.items():
        message = f"{count(len(lines), 'anchor')} {why}, not kept: {first_few(lines)}"
        archive.unkept.append(Problem(_ANCHORS, message))
    return list(found.values())
