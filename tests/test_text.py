"""The text helpers shared by every reader."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from skilltaxonomy._text import printable


@given(st.text() | st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_printable_is_isprintable(text: str) -> None:
    """The quick look at ASCII text answers as `str.isprintable` does, for any text."""
    assert printable(text) is text.isprintable()
