"""O*NET: occupations and the skills they need, from O*NET's database as text files.

O*NET publishes its database as tab-separated text files in a zip archive (the
``db_<version>_text.zip`` download), or unpacked in a folder; `read` takes either. The
occupations (``Occupation Data.txt``) are roles; the elements rated for them
(``Skills.txt``, and ``Knowledge.txt`` and ``Abilities.txt`` where the download has
them) are skills, grouped by the content model (``Content Model Reference.txt``); each
rating of an element for an occupation is an expectation, whose importance is the IM
value and whose step, on the level scale 0–7, is the LV value rounded (the value itself
is kept as the extra ``onet:LV``). O*NET has no career levels: every expectation is at
the one level ``onet``. ``Level Scale Anchors.txt`` gives the skills' definitions.
"""

from __future__ import annotations

import math
from typing import Any

from skilltaxonomy._text import character_problem
from skilltaxonomy.formats._archive import Archive, read_archive
from skilltaxonomy.formats._guard import DEFAULT_MAX_BYTES, Reading
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


def _number(archive: Archive, name: str, line: int, value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise archive.error(name, line, f"Data Value: expected a number, got {value!r}")
    return number


def read(
    data: bytes | str,
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str = "O*NET",
    version: str = "",
    max_rows: int = DEFAULT_MAX_ROWS,
) -> Reading:
    """Read O*NET's database text files (the zip archive's bytes) into a framework.

    `load` also takes the folder the archive unpacks to. The other files of the
    download are listed in `Reading.skipped`.

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
    )


def _read(archive: Archive, name: str, version: str) -> Taxonomy:
    roles: dict[str, Role] = {}
    for line, row in archive.rows(_OCCUPATIONS, (_CODE, "Title", "Description")):
        code = archive.text(_OCCUPATIONS, line, _CODE, row[_CODE], named=True)
        title = archive.text(_OCCUPATIONS, line, "Title", row["Title"], named=True)
        about = archive.text(_OCCUPATIONS, line, "Description", row["Description"], named=False)
        roles.setdefault(code, Role(code, title, summary=about))
    names: dict[str, str] = {}
    if archive.has(_CONTENT_MODEL):
        for line, row in archive.rows(_CONTENT_MODEL, ("Element ID", "Element Name")):
            key = archive.text(_CONTENT_MODEL, line, "Element ID", row["Element ID"], named=True)
            names[key] = archive.text(
                _CONTENT_MODEL, line, "Element Name", row["Element Name"], named=True
            )
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
    optional = ("Recommend Suppress", "Not Relevant", "Date", "Domain Source")
    for file in ELEMENT_FILES:
        if not archive.has(file):
            continue
        for line, row in archive.rows(file, columns, optional):
            code = row[_CODE].strip()
            if code not in roles:
                raise archive.error(file, line, f"{_CODE}: unknown occupation {code!r}")
            key = archive.text(file, line, "Element ID", row["Element ID"], named=True)
            if key not in skills:
                element = archive.text(file, line, "Element Name", row["Element Name"], named=True)
                parts = key.split(".")
                top = ".".join(parts[:2])
                domain = domains.setdefault(top, Domain(top, names.get(top, top)))
                group = ".".join(parts[:3]) if len(parts) > 3 else ""
                skills[key] = Skill(key, element, domain, names.get(group, group))
            kind = row["Scale ID"].strip()
            if kind in ("IM", "LV"):
                rating = ratings.setdefault((key, code), {})
                rating[kind] = _number(archive, file, line, row["Data Value"])
                if row.get("Recommend Suppress", "").strip() == "Y":
                    rating["suppress"] = True
                if kind == "LV":
                    rating["not_relevant"] = row.get("Not Relevant", "").strip() == "Y"
                    for column, extra in (("Date", "date"), ("Domain Source", "source")):
                        text = row.get(column, "").strip()
                        if text and character_problem(text, name=False) is None:
                            rating[extra] = text
    by_step = {step.id: step for step in scale.steps}
    expectations = []
    for (key, code), rating in ratings.items():
        extras = {
            f"{EXTRA_PREFIX}{extra}": rating[extra]
            for extra in ("LV", "date", "source", "suppress")
            if extra in rating
        }
        step = None
        if "LV" in rating and not rating.get("not_relevant"):
            step = by_step[str(min(7, max(0, round(rating["LV"]))))]
        elif rating.get("not_relevant"):
            extras[f"{EXTRA_PREFIX}not_relevant"] = True
        expectations.append(
            Expectation(
                skills[key],
                roles[code],
                level,
                None,
                step=step,
                importance=rating.get("IM"),
                extras=Extras(extras),
            )
        )
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


def _definitions(
    archive: Archive, skills: dict[str, Skill], steps: dict[str, Step]
) -> list[Definition]:
    """The level anchors of the skills read: what a step of the LV scale means for each."""
    if not archive.has(_ANCHORS):
        return []
    found: dict[tuple[str, str], Definition] = {}
    columns = ("Element ID", "Scale ID", "Anchor Value", "Anchor Description")
    for line, row in archive.rows(_ANCHORS, columns):
        skill = skills.get(row["Element ID"].strip())
        step = steps.get(row["Anchor Value"].strip())
        if skill is None or step is None or row["Scale ID"].strip() != "LV":
            continue
        text = archive.text(
            _ANCHORS, line, "Anchor Description", row["Anchor Description"], named=False
        )
        found.setdefault((skill.id, step.id), Definition(skill, step, text))
    return list(found.values())
