"""Tests for reading workbooks as people have them: document properties, cut files."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltaxonomy import InvalidTableError, Taxonomy, dumps, load, loads

pytest.importorskip("openpyxl")

CORE = "docProps/core.xml"
CUSTOM = "docProps/custom.xml"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"


def _workbook() -> bytes:
    return dumps(load(), format="xlsx")


def _core() -> str:
    with zipfile.ZipFile(io.BytesIO(_workbook())) as archive:
        return archive.read(CORE).decode("utf-8")


def _with(data: bytes, parts: dict[str, str]) -> bytes:
    """The workbook `data` with `parts` replaced or added (a custom part declared)."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == "[Content_Types].xml" and CUSTOM in parts:
                override = f'<Override PartName="/{CUSTOM}" ContentType="{CUSTOM_TYPE}" />'
                content = content.replace(b"</Types>", override.encode() + b"</Types>")
            if entry.filename in parts:
                content = parts[entry.filename].encode("utf-8")
            target.writestr(entry, content)
        for name, text in parts.items():
            if name not in source.namelist():
                target.writestr(name, text)
    return buffer.getvalue()


def _changed_core(pattern: str, replacement: str) -> bytes:
    core, count = re.subn(pattern, replacement, _core())
    assert count == 1
    return _with(_workbook(), {CORE: core})


CREATED = r'<dcterms:created xsi:type="dcterms:W3CDTF">[^<]*</dcterms:created>'


class TestProperties:
    @pytest.mark.parametrize(
        ("pattern", "replacement"),
        [
            (CREATED, '<dcterms:created xsi:type="dcterms:W3CDTF">2024-05-01</dcterms:created>'),
            ("<cp:version>", "<cp:lastPrinted>never</cp:lastPrinted><cp:version>"),
            ("<cp:version>", "<cp:revision>draft</cp:revision><cp:version>"),
            (
                "<cp:version>",
                "<cp:keywords>skills, levels</cp:keywords><dc:subject>Careers</dc:subject>"
                "<cp:lastModifiedBy>Ana</cp:lastModifiedBy><cp:version>",
            ),
        ],
    )
    def test_properties_this_library_does_not_need_are_ignored(
        self, pattern: str, replacement: str
    ) -> None:
        """Dates, printing times and keywords openpyxl cannot read do not stop the workbook."""
        assert loads(_changed_core(pattern, replacement), format="xlsx") == load()

    def test_a_custom_property_that_cannot_be_read_is_ignored(self) -> None:
        """Custom properties are not read: one of a damaged value does not stop the workbook."""
        custom = (
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            '2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" '
            'pid="2" name="Reviewed"><vt:filetime>last week</vt:filetime></property></Properties>'
        )
        assert loads(_with(_workbook(), {CUSTOM: custom}), format="xlsx") == load()

    def test_title_language_and_version_are_read(self) -> None:
        """The framework's name, language and version come from the title, language and version."""
        data = _changed_core("<dc:language>en</dc:language>", "<dc:language>en-GB</dc:language>")
        taxonomy = loads(data, format="xlsx")
        assert (taxonomy.name, taxonomy.version, taxonomy.language) == (
            load().name,
            load().version,
            "en-GB",
        )

    def test_no_core_properties(self) -> None:
        """A workbook without core properties is read with the defaults: Untitled, en."""
        buffer = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(_workbook())) as source,
            zipfile.ZipFile(buffer, "w") as target,
        ):
            for entry in source.infolist():
                if entry.filename != CORE:
                    target.writestr(entry, source.read(entry))
        taxonomy = loads(buffer.getvalue(), format="xlsx")
        assert (taxonomy.name, taxonomy.version, taxonomy.language) == ("Untitled", "", "en")

    def test_properties_that_are_not_xml_are_placed(self) -> None:
        """Core properties that are not XML are refused at their place, not at $."""
        with pytest.raises(InvalidTableError) as caught:
            loads(_with(_workbook(), {CORE: "<cp:coreProperties"}), format="xlsx", source="t.xlsx")
        assert str(caught.value) == (
            "t.xlsx: 1 problem\n  workbook properties (docProps/core.xml): not XML: "
            "unclosed token: line 1, column 0"
        )

    def test_a_title_refused_names_the_property(self) -> None:
        """A title the name rule refuses is placed at the workbook's title property."""
        data = _changed_core(r"<dc:title>[^<]*</dc:title>", "<dc:title>Ours\u202e</dc:title>")
        with pytest.raises(InvalidTableError) as caught:
            loads(data, format="xlsx")
        [problem] = caught.value.problems
        assert problem.path == "workbook properties: title"

    def test_a_title_given_wins(self) -> None:
        """name= overrides the title, even when the properties hold dates openpyxl refuses."""
        data = _changed_core(
            CREATED, '<dcterms:created xsi:type="dcterms:W3CDTF">2024-05-01</dcterms:created>'
        )
        assert loads(data, format="xlsx", name="Ours").name == "Ours"


# Cut files ---------------------------------------------------------------------------------

_WHOLE = dumps(loads(dumps(load())), format="xlsx")


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=len(_WHOLE) - 1))
def test_a_workbook_cut_anywhere_is_refused_or_read_whole(cut: int) -> None:
    """A workbook cut at any byte is refused with the table error, or read as what it holds."""
    try:
        taxonomy: Taxonomy = loads(_WHOLE[:cut], format="xlsx")
    except InvalidTableError:
        return
    # A zip archive's directory is at its end: what is read is the whole workbook.
    assert taxonomy == load()
