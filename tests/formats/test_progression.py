"""Tests for progression frameworks in Monzo's layout: Markdown tracks with YAML front matter."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltaxonomy import (
    InvalidQueryError,
    InvalidTaxonomyError,
    MissingDependencyError,
    Taxonomy,
    dumps,
    load,
    loads,
)

DATA = Path(__file__).parent.parent / "data" / "progression"
ACME = DATA / "acme"
SINGLE = DATA / "single.md"


def _zipped(files: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _folder_zipped(folder: Path) -> bytes:
    return _zipped(
        {
            str(path.relative_to(folder)): path.read_bytes()
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        }
    )


def _problems(text: str, **options: object) -> list[str]:
    with pytest.raises(InvalidTaxonomyError) as caught:
        loads(text, format="progression", source="t.md", **options)
    assert caught.value.source == "t.md"
    return [str(problem) for problem in caught.value.problems]


def _track(topics: str, head: str = "levels: 3\n") -> str:
    return f"---\n{head}topics:\n{topics}---\n"


def test_tracks_are_roles_and_topics_skills() -> None:
    """Each track a role, each topic a skill in its group's domain, on one shared ladder."""
    acme = load(ACME, format="progression")
    assert acme.name == "Progression framework"
    assert [(r.id, r.name, r.family) for r in acme.roles] == [
        ("mobile", "Mobile", ""),
        ("engineering-backend", "Backend Engineering", "Engineering"),
        ("frontend-engineering", "Frontend Engineering", "Engineering"),
    ]
    backend = acme.role("engineering-backend")
    assert backend.external_id == "/engineering/backend"
    assert backend.extras.to_json() == {
        "progression:sidebarTitle": "Backend",
        "progression:homepage": True,
        "progression:yaml": True,
        "progression:body": "## How to read this track\n\n"
        "Each level adds to the one below it. Nobody is expected to show every line.",
    }
    assert [(s.id, s.name, s.domain.id, s.domain.name) for s in acme.skills] == [
        ("delivery", "🚚 Delivery", "engineering", "Engineering"),
        ("communication", "💬 Talking with people", "engineering", "Engineering"),
        ("craft", "🔧 Craft", "engineering", "Engineering"),
        ("accessibility", "♿ Accessibility", "engineering", "Engineering"),
    ]
    assert [(level.id, level.name, level.rank) for level in acme.levels] == [
        ("level-1", "Level 1", 1),
        ("level-2", "Level 2", 2),
        ("level-3", "Level 3", 3),
        ("level-4", "Level 4", 4),
    ]
    assert list(acme.ladders) == []


def test_content_is_expectations_with_criteria_and_examples() -> None:
    """A topic's entry at a level: its criteria, then those with examples; no requirement."""
    acme = load(ACME, format="progression")
    delivery = acme.expectation("delivery", "engineering-backend", 2)
    assert delivery.criteria == (
        "Plans a feature as a few changes that can each be merged",
        "Keeps the team's board true to what is happening",
    )
    assert delivery.examples == (
        "Moves a ticket back when review finds a gap",
        "Writes why a ticket was parked",
    )
    assert delivery.extras["progression:example_of"] == (
        "Keeps the team's board true to what is happening",
        "Keeps the team's board true to what is happening",
    )
    assert (delivery.mandatory, delivery.description, delivery.step) == (None, "", None)
    plain = acme.expectation("delivery", "engineering-backend", 1)
    assert (plain.examples, plain.extras.to_json()) == ((), {})
    assert [
        (e.skill.id, e.level.rank) for e in acme.expectations.filter(role="engineering-backend")
    ] == [
        ("delivery", 1),
        ("delivery", 2),
        ("delivery", 4),
        ("communication", 1),
        ("communication", 3),
        ("craft", 2),
    ]
    assert len(acme.expectations) == 11


def test_what_is_not_kept_is_reported() -> None:
    """Other files, unknown fields and a second title are listed at their file and line."""
    reading = load(ACME, format="progression", report=True)
    assert [str(problem) for problem in reading.skipped] == [
        "README.md, line 1: not read (no front matter: not a track)",
        "engineering/frontend.md, line 5: owner: not kept (not a field of the progression layout)",
        "engineering/frontend.md, line 15: topics[1].colour: not kept (not a field of the "
        "progression layout)",
        "engineering/frontend.md, line 20: topics[1].content[0].note: not kept (not a field of "
        "the progression layout)",
    ]
    assert (reading.encoding, reading.missing) == ("utf-8", ())


def test_a_second_title_is_reported() -> None:
    """A topic titled otherwise in a later track keeps the first title, and says so."""
    first = _track('  - name: "x"\n    title: "Ex"\n    content: [{level: 1}]\n')
    second = _track('  - name: "x"\n    title: "Other"\n    contnt: []\n')
    reading = loads(_zipped({"a.md": first, "b.md": second}), format="progression", report=True)
    assert reading.taxonomy.skill("x").name == "Ex"
    assert [str(problem) for problem in reading.skipped] == [
        "b.md, line 6: topics[0].contnt: not kept (not a field of the progression layout; "
        "did you mean 'content'?)",
        "b.md, line 4: the title 'Other' of topic 'x' is not kept (the skill is named 'Ex', "
        "as in a.md)",
    ]


def test_a_zip_reads_as_its_folder() -> None:
    """The archive of the folder reads the same framework as the folder."""
    reading = loads(_folder_zipped(ACME), format="progression", report=True)
    assert reading.taxonomy == load(ACME, format="progression")


def test_one_track_alone() -> None:
    """One Markdown file is a framework of one role, its id made from its title."""
    reading = load(SINGLE, format="progression", report=True)
    taxonomy = reading.taxonomy
    assert reading.encoding == "utf-8"
    role = taxonomy.role("data-analysis")
    assert (role.name, role.summary) == ("Data analysis", "What we look for in analysts.")
    assert [level.id for level in taxonomy.levels] == ["level-1", "level-2", "level-3"]
    top = taxonomy.expectation("insight", "data-analysis", 3)
    assert (top.criteria, top.examples) == (
        ("Frames the question before the stakeholder does",),
        ("Found why sign-ups fell in March",),
    )
    text = SINGLE.read_text(encoding="utf-8")
    assert loads(text, format="progression").roles[0].id == "data-analysis"
    assert loads(text, format="progression", name="Ours", version="2").name == "Ours"


def test_a_ladder_per_track_when_their_levels_differ() -> None:
    """Tracks of different numbers of levels each climb a ladder of their own."""
    three = _track("  - name: x\n    content: [{level: 3}]\n")
    five = _track("  - name: x\n    content: [{level: 5}]\n", head="levels: 5\n")
    taxonomy = loads(_zipped({"a.md": three, "b.md": five}), format="progression")
    assert [(ladder.id, len(ladder.levels)) for ladder in taxonomy.ladders] == [("a", 3), ("b", 5)]
    assert [level.id for level in taxonomy.levels_of_role("b")][-1] == "b-5"
    assert taxonomy.expectation("x", "a", "a-3").level.name == "Level 3"


def test_one_file_in_any_encoding() -> None:
    """A file alone is read in the encoding its bytes show, or the one named; the report says."""
    text = SINGLE.read_text(encoding="utf-8").replace("Data analysis", "Análisis de datos")
    for data, used in (
        (text.encode("utf-8"), "utf-8"),
        (text.encode("cp1252"), "cp1252"),
        (text.encode("utf-16"), "utf-16"),
    ):
        reading = loads(data, format="progression", report=True)
        assert (reading.encoding, reading.taxonomy.roles[0].name) == (used, "Análisis de datos")
    latin = loads(text.encode("latin-1"), format="progression", encoding="latin-1", report=True)
    assert latin.encoding == "iso8859-1"
    with pytest.raises(InvalidTaxonomyError) as caught:
        loads(b"---\x00\n", format="progression", source="t.md")
    assert str(caught.value.problems[0]) == (
        "line 1, column 4: a NUL byte: this is binary data, not text"
    )
    with pytest.raises(InvalidQueryError):
        loads(text.encode(), format="progression", encoding="no-such-codec")
    with pytest.raises(InvalidQueryError) as typed:
        loads(text.encode(), format="progression", encoding=8)
    assert str(typed.value) == "encoding must be a codec name, got int"


def test_an_empty_folder_has_no_track(tmp_path: Path) -> None:
    """A folder without a track is refused as such, not as text."""
    with pytest.raises(InvalidTaxonomyError) as caught:
        load(tmp_path, format="progression")
    assert [str(p) for p in caught.value.problems] == [
        "$: no track: expected Markdown files whose YAML front matter has 'topics' (the "
        "layout of Monzo's progression framework)"
    ]


def test_line_ends_of_every_kind() -> None:
    """CR LF and CR end lines as LF does; a form feed does not end the front matter's line."""
    text = SINGLE.read_text(encoding="utf-8")
    expected = loads(text, format="progression")
    for end in ("\r\n", "\r"):
        assert loads(text.replace("\n", end), format="progression") == expected
    assert _problems("---\x0c\ntopics: []\n---\n") == [
        "line 1: expected YAML front matter: a first line '---' (the layout of Monzo's "
        "progression framework)"
    ]


def test_levels_are_counted_when_not_given() -> None:
    """Without `levels`, the highest level a topic has is the top of the ladder."""
    text = _track("  - name: x\n    content: [{level: 2}, {level: 4, criteria: []}]\n", head="")
    taxonomy = loads(text, format="progression")
    assert [level.rank for level in taxonomy.levels] == [1, 2, 3, 4]


def test_empty_values_are_nothing() -> None:
    """An empty list, a null or a blank item holds nothing; a blank criterion's examples stay."""
    text = _track(
        "  - name: x\n    title:\n    content:\n      - level: 1\n        criteria:\n"
        "        examples: ['', ' ']\n"
        "        exampleCriteria: [{criteria: ' ', examples: [Shown]}]\n  - name: y\n"
    )
    taxonomy = loads(text, format="progression")
    expectation = taxonomy.expectations[0]
    assert (expectation.criteria, expectation.examples, expectation.extras.to_json()) == (
        (),
        ("Shown",),
        {},
    )
    assert [(skill.id, skill.name) for skill in taxonomy.skills] == [("x", "X"), ("y", "Y")]
    empty = loads("---\nlevels: 2\ntopics:\n---\n", format="progression")
    assert (len(empty.roles), len(empty.skills), len(empty.levels)) == (1, 0, 2)


def test_hugo_data_files_are_tracks() -> None:
    """The Hugo theme's data file (topics alone) is a track, alone or in a folder."""
    text = (ACME / "data" / "mobile.yml").read_text(encoding="utf-8")
    taxonomy = loads(text, format="progression", source="data/mobile.yml")
    assert [(e.skill.id, e.level.rank) for e in taxonomy.expectations] == [
        ("delivery", 1),
        ("delivery", 4),
    ]


def test_ids_alike_make_paths_the_ids() -> None:
    """A track's id is its site path, else its title, else its stem; paths tell alike apart."""
    text = _track("  - name: x\n    content: [{level: 1}]\n")
    taxonomy = loads(_zipped({"eng/web.md": text, "ops/web.md": text}), format="progression")
    assert [role.id for role in taxonomy.roles] == ["eng/web", "ops/web"]
    titled = _track("  - name: x\n", head='levels: 1\ntitle: "Web"\n')
    files = {"a.md": titled, "b.md": titled, "c.md": titled.replace('"Web"', '"Web"\npath: /web/c')}
    taxonomy = loads(_zipped(files), format="progression")
    assert [role.id for role in taxonomy.roles] == ["a", "b", "web-c"]


def test_junk_of_archives_is_not_read() -> None:
    """The resource files of macOS and other suffixes are listed as not read, never parsed."""
    text = _track("  - name: x\n    content: [{level: 1}]\n")
    files: dict[str, str | bytes] = {
        "docs/": "",
        "docs/about.md": "---\ntitle: About\n---\nNot a track.\n",
        "a.md": text,
        "__MACOSX/._a.md": b"\x00\x05\x16\x07",
        "._b.md": b"\xff",
        "logo.png": b"\x89PNG",
    }
    reading = loads(_zipped(files), format="progression", report=True)
    assert str(reading.skipped[0]) == ("docs/about.md, line 2: not read (no 'topics': not a track)")
    assert [problem.path for problem in reading.skipped][1:] == [
        "file '__MACOSX/._a.md'",
        "file '._b.md'",
        "file 'logo.png'",
    ]


def test_survives_json() -> None:
    """What is read is written as format v2 and read back equal."""
    for taxonomy in (load(ACME, format="progression"), load(SINGLE, format="progression")):
        assert loads(dumps(taxonomy)) == taxonomy


def test_reading_does_not_change_the_input(tmp_path: Path) -> None:
    """The bytes given, and the files of a folder, are as they were after reading."""
    data = bytearray(_folder_zipped(ACME))
    before = bytes(data)
    loads(data, format="progression")
    assert bytes(data) == before
    files = {path: path.read_bytes() for path in ACME.rglob("*") if path.is_file()}
    load(ACME, format="progression")
    assert {path: path.read_bytes() for path in ACME.rglob("*") if path.is_file()} == files


def test_without_pyyaml_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without PyYAML, the error says which extra to install."""
    monkeypatch.setitem(sys.modules, "yaml", None)
    with pytest.raises(MissingDependencyError) as caught:
        load(SINGLE, format="progression")
    assert str(caught.value) == (
        "reading progression frameworks needs PyYAML: pip install 'skilltaxonomy[progression]'"
    )


ALIASES = """---
a: &a ["x", "x", "x"]
b: &b [*a, *a, *a]
c: [*b, *b, *b]
topics: []
---
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "# A page\n",
            "line 1: expected YAML front matter: a first line '---' (the layout of "
            "Monzo's progression framework)",
        ),
        (
            "",
            "line 1: expected YAML front matter: a first line '---' (the layout of Monzo's "
            "progression framework)",
        ),
        (
            "---\ntopics: []\n",
            "line 1: the front matter is not closed: expected a line '---' after it",
        ),
        ("---\n---\n", "line 2: expected the front matter to be a mapping of fields, got nothing"),
        (
            "---\n- a\n- b\n---\n",
            "line 2: expected the front matter to be a mapping of fields, got an array",
        ),
        (
            "---\njust text\n---\n",
            "line 2: expected the front matter to be a mapping of fields, got 'just text'",
        ),
        ("---\ntitle: x\n---\n", "line 2: no 'topics': expected the topics of a track"),
        (
            ALIASES,
            "line 3: a YAML alias (*a): aliases are not read (a few can make a small file "
            "expand without bound)",
        ),
        (
            "---\ntopics: !!python/object/apply:os.system [echo]\n---\n",
            "line 2: a YAML tag (tag:yaml.org,2002:python/object/apply:os.system): tags are not read "
            "(expected plain values)",
        ),
        (
            "---\ntitle: !mine x\ntopics: []\n---\n",
            "line 2: a YAML tag (!mine): tags are not read (expected plain values)",
        ),
        (
            "---\ntopics: [\n---\n",
            "line 3: not valid YAML: expected the node content, but found "
            "'<stream end>' (while parsing a flow node)",
        ),
        (
            "---\ntitle: a\ntitle: b\ntopics: []\n---\n",
            "line 3: the field 'title' is given twice (first on line 2)",
        ),
        ("---\n? [a]\n: b\n---\n", "line 2: expected a field name, got a collection as a key"),
        (
            "---\ntitle: \x07\n---\n",
            "line 2: not valid YAML: a character YAML does not allow (U+0007)",
        ),
        (
            "---\nwhen: 2026-02-31\ntopics: []\n---\n",
            "line 2: cannot read '2026-02-31': day is out of range for month",
        ),
        (
            "---\ntopics: " + "[" * 70 + "\n---\n",
            "line 2: the YAML nests deeper than 64 (the limit, max_depth)",
        ),
    ],
)
def test_hostile_and_broken_yaml_is_refused_at_its_line(text: str, message: str) -> None:
    """Front matter that is missing, open, not a mapping, or hostile is refused at its line."""
    assert _problems(text) == [message]


def test_limits_are_options() -> None:
    """max_depth and max_nodes bound one file's YAML."""
    text = SINGLE.read_text(encoding="utf-8")
    assert _problems(text, max_nodes=5) == [
        "line 4: the YAML holds more than 5 values (the limit, max_nodes)"
    ]
    assert _problems(text, max_depth=3) == [
        "line 9: the YAML nests deeper than 3 (the limit, max_depth)"
    ]
    deep = "---\ntopics: " + "[" * 100_000 + "\n---\n"
    assert _problems(deep) == ["line 2: the YAML nests deeper than 64 (the limit, max_depth)"]


def test_a_second_document_is_refused() -> None:
    """A data file holds one YAML document."""
    with pytest.raises(InvalidTaxonomyError) as caught:
        loads("topics: []\n---\ntopics: []\n", format="progression", source="d.yml")
    assert [str(p) for p in caught.value.problems] == [
        "line 2: a second YAML document: expected one"
    ]


@pytest.mark.parametrize(
    ("topics", "messages"),
    [
        ("  - title: x\n", ["line 4: topics[0].name: required field missing"]),
        ("  - name: 3\n", ["line 4: topics[0].name: expected a name, got 3"]),
        (
            "  - name: x\n  - name: X\n",
            ["line 5: topics[1].name: the topic 'X' is given twice (first on line 4)"],
        ),
        ("  - x\n", ["line 4: topics[0]: expected a topic (name, title, content), got 'x'"]),
        (
            "  - name: x\n    content: {level: 1}\n",
            ["line 5: topics[0].content: expected a list of levels, got an object"],
        ),
        (
            "  - name: x\n    content: [3]\n",
            ["line 5: topics[0].content[0]: expected a level (level, criteria…), got 3"],
        ),
        (
            "  - name: x\n    content: [{criteria: []}]\n",
            ["line 5: topics[0].content[0].level: required field missing"],
        ),
        (
            "  - name: x\n    content: [{level: 4}, {level: two}, {level: 0}, {level: 1.0}]\n",
            [
                "line 5: topics[0].content[0].level: expected a whole number from 1 to 3, got 4",
                "line 5: topics[0].content[1].level: expected a whole number from 1 to 3, "
                "got 'two'",
                "line 5: topics[0].content[2].level: expected a whole number from 1 to 3, got 0",
                "line 5: topics[0].content[3].level: expected a whole number from 1 to 3, got 1.0",
            ],
        ),
        (
            "  - name: x\n    content:\n      - level: 1\n      - level: 1\n",
            [
                "line 7: topics[0].content[1].level: level 1 is given twice in this topic "
                "(first on line 6)"
            ],
        ),
        (
            "  - name: x\n    content: [{level: 1, criteria: a}]\n",
            ["line 5: topics[0].content[0].criteria: expected a list of text, got 'a'"],
        ),
        (
            '  - name: x\n    content: [{level: 1, criteria: [1, null, "a\\eb"]}]\n',
            [
                "line 5: topics[0].content[0].criteria[0]: expected text, got 1",
                "line 5: topics[0].content[0].criteria[1]: expected text, got null",
                "line 5: topics[0].content[0].criteria[2]: expected text without control "
                "characters, got 'a\\x1bb' (U+001B at character 2)",
            ],
        ),
        (
            "  - name: x\n    content:\n      - level: 1\n        exampleCriteria: [a, {examples: []}, {criteria: c, examples: d}, {criteria: [e]}]\n",
            [
                "line 7: topics[0].content[0].exampleCriteria[0]: expected a criterion (criteria, "
                "examples), got 'a'",
                "line 7: topics[0].content[0].exampleCriteria[1].criteria: required field missing",
                "line 7: topics[0].content[0].exampleCriteria[2].examples: expected a list of "
                "text, got 'd'",
                "line 7: topics[0].content[0].exampleCriteria[3].criteria: expected text, got an "
                "array",
            ],
        ),
        (
            "  - name: x\n    content:\n      - level: 1\n        exampleCriteria: c\n",
            [
                "line 7: topics[0].content[0].exampleCriteria: expected a list of criteria with "
                "examples, got 'c'"
            ],
        ),
    ],
)
def test_bad_topics_are_placed(topics: str, messages: list[str]) -> None:
    """Every problem of a track is listed, each at its line and path."""
    assert _problems(_track(topics)) == messages


@pytest.mark.parametrize(
    ("head", "messages"),
    [
        ("topics: {}\n", ["line 2: topics: expected a list of topics, got an object"]),
        (
            "levels: 0\ntopics: []\n",
            ["line 2: levels: expected a whole number from 1 to 100, got 0"],
        ),
        (
            "levels: 1000\ntopics: []\n",
            ["line 2: levels: expected a whole number from 1 to 100, got 1000"],
        ),
        (
            "topics: []\n",
            ["line 2: levels: not given, and no topic has a level to count them from"],
        ),
        ("title: [a]\ntopics: []\nlevels: 1\n", ["line 2: title: expected a name, got an array"]),
        (
            "title: ' '\ntopics: []\nlevels: 1\n",
            ["line 2: title: expected a non-empty string, got ''"],
        ),
        ("path: 3\ntopics: []\nlevels: 1\n", ["line 2: path: expected text, got 3"]),
        (
            "homepage: {a: 1}\ntopics: []\nlevels: 1\n",
            ["line 2: homepage: expected a plain value, got an object"],
        ),
    ],
)
def test_bad_fields_are_placed(head: str, messages: list[str]) -> None:
    """The track's own fields are checked at their lines."""
    assert _problems(f"---\n{head}---\n") == messages


def test_an_archive_s_files_in_their_own_encodings() -> None:
    """Each file of an archive is read in its own encoding, and the reading names them."""
    text = _track("  - name: x\n    title: Café\n    content: [{level: 1}]\n")
    data = _zipped({"a.md": text.encode("cp1252"), "b.md": text.replace("x", "y").encode()})
    reading = loads(data, format="progression", source="in.zip", report=True)
    assert reading.encoding in {"cp1252 (utf-8: 'b.md')", "utf-8 (cp1252: 'a.md')"}
    assert [skill.name for skill in reading.taxonomy.skills] == ["Café", "Café"]


def test_bad_archives_are_placed() -> None:
    """A file that is not text, an archive with no track, and bytes that are no archive."""
    text = _track("  - name: x\n    content: [{level: 1}]\n")
    cases: list[tuple[bytes, str]] = [
        (
            _zipped({"a.md": text, "b.md": b"---\n\x00\n"}),
            "b.md, line 2, column 1: a NUL byte: this is binary data, not text",
        ),
        (
            _zipped({"README.md": "# Hello\n"}),
            "$: no track: expected Markdown files whose YAML "
            "front matter has 'topics' (the layout of Monzo's progression framework)",
        ),
        (
            _zipped({"a.md": "---\ntopics: [\n---\n"}),
            "a.md, line 3: not valid YAML: expected the "
            "node content, but found '<stream end>' (while parsing a flow node)",
        ),
    ]
    for data, message in cases:
        with pytest.raises(InvalidTaxonomyError) as caught:
            loads(data, format="progression", source="in.zip")
        assert [str(p) for p in caught.value.problems] == [message]


def _as_read(taxonomy: Taxonomy) -> list[object]:
    """What a track holds but its page's text: the expectations, with their details."""
    return [
        (e.skill.id, e.skill.name, e.role.id, e.role.name, e.level.id, e.criteria, e.examples)
        for e in taxonomy.expectations
    ]


FULL = SINGLE.read_bytes() + b"\nThe page's text: what the levels mean.\n"


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=len(FULL)))
def test_a_file_cut_anywhere_is_refused_or_read_as_it_is(cut: int) -> None:
    """A track cut at any byte is refused, or read with exactly what it holds."""
    whole = loads(FULL, format="progression", encoding="utf-8")
    try:
        part = loads(FULL[:cut], format="progression", encoding="utf-8", report=True)
    except InvalidTaxonomyError:
        return
    assert part.missing == ()
    assert _as_read(part.taxonomy) == _as_read(whole)
    text = FULL[:cut].decode("utf-8")
    body = text[text.index("\n---", 3) + len("\n---") :].strip()
    assert part.taxonomy.roles[0].extras.get("progression:body") == (body or None)


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=len(_folder_zipped(ACME)) - 1))
def test_an_archive_cut_anywhere_is_refused(cut: int) -> None:
    """A zip archive cut short has lost its directory: it is refused, never half read."""
    with pytest.raises(InvalidTaxonomyError):
        loads(_folder_zipped(ACME)[:cut], format="progression")
