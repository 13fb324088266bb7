"""Tests for `Extras` and `Translations`: frozen copies of JSON, with every bad value placed."""

from __future__ import annotations

import copy
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltaxonomy import Extras, InvalidValueError, Level, Translations
from skilltaxonomy._text import NOT_IN_TEXT
from skilltaxonomy.model.extras import MAX_EXTRAS_DEPTH, NO_EXTRAS


class TestExtras:
    def test_a_frozen_copy(self) -> None:
        """Lists become tuples and objects Extras; the caller's dict is not kept."""
        given = {"x:tools": ["Git", {"since": 2020}], "x:ok": True}
        extras = Extras(given)
        given["x:tools"].append("more")  # type: ignore[attr-defined]
        assert extras["x:tools"] == ("Git", {"since": 2020})
        assert isinstance(extras["x:tools"][1], Extras)  # type: ignore[index]
        assert extras.to_json() == {"x:tools": ["Git", {"since": 2020}], "x:ok": True}
        assert extras == {"x:tools": ("Git", Extras({"since": 2020})), "x:ok": True}
        assert extras != ["not", "a", "mapping"]

    def test_hashable_and_picklable(self) -> None:
        """Equal extras hash alike, survive pickling and copying, and live in sets."""
        one, two = Extras({"a": [1, {"b": None}]}), Extras({"a": [1, {"b": None}]})
        assert hash(one) == hash(two)
        assert len({one, two}) == 1
        assert pickle.loads(pickle.dumps(one)) == one
        assert copy.deepcopy(one) == one
        assert repr(Extras({"a": 1})) == "Extras({'a': 1})"

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ({"a": float("nan")}, "extras['a']: expected a finite number, got nan"),
            (
                {"a": object()},
                "extras['a']: expected a JSON value (null, true/false, a number, "
                "text, an array or an object), got object",
            ),
            ({1: "x"}, "extras: expected text keys, got 1"),
            (
                {"a": {"b": "\x00"}},
                "extras['a']['b']: expected text without control "
                "characters, got '\\x00' (U+0000 at character 1)",
            ),
            (["a"], "extras: expected an object, got an array"),
        ],
    )
    def test_what_is_not_json_is_placed(self, value: object, message: str) -> None:
        """Each value that is not JSON is refused, naming its place inside."""
        with pytest.raises(InvalidValueError) as caught:
            Extras(value)  # type: ignore[arg-type]
        assert str(caught.value) == message

    def test_nesting_is_bounded(self) -> None:
        """Arrays and objects nest at most MAX_EXTRAS_DEPTH deep."""
        deep: object = 1
        for _ in range(MAX_EXTRAS_DEPTH + 1):
            deep = [deep]
        with pytest.raises(InvalidValueError, match=r"nests deeper than 32"):
            Extras({"a": deep})

    def test_on_an_entity(self) -> None:
        """An entity takes a plain dict and holds it frozen; equality includes it."""
        level = Level("l1", "L1", 1, extras={"x:senior": True})
        assert level.extras == {"x:senior": True}
        assert level != Level("l1", "L1", 1)
        with pytest.raises(InvalidValueError, match=r"^extras: expected an object"):
            Level("l1", "L1", 1, extras=3)  # type: ignore[arg-type]


class TestTranslations:
    def test_text_falls_back(self) -> None:
        """A regional tag finds its language; a missing one gives the default."""
        names = Translations({"es": {"name": "Ciencia de datos"}, "pt-BR": {"name": "Dados"}})
        assert names.text("es-MX", "name", "Data") == "Ciencia de datos"
        assert names.text("pt-BR", "name", "Data") == "Dados"
        assert names.text("de", "name", "Data") == "Data"
        assert names.text(None, "name", "Data") == "Data"
        assert names["es"] == {"name": "Ciencia de datos"}
        assert repr(names["es"]) == "{'name': 'Ciencia de datos'}"

    def test_equality_hash_and_pickling(self) -> None:
        """Translations compare with plain dicts, hash alike, and pickle."""
        names = Translations({"de": {"name": "Leitung"}})
        assert names == {"de": {"name": "Leitung"}}
        assert names != {"de": "Leitung"}
        assert names != "de"
        assert hash(names) == hash(Translations({"de": {"name": "Leitung"}}))
        assert pickle.loads(pickle.dumps(names)) == names
        assert repr(names) == "Translations({'de': {'name': 'Leitung'}})"

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            (
                {"english": {"name": "x"}},
                "translations: expected language tags such as 'en' or 'pt-BR', got 'english'",
            ),
            ({"de": "Leitung"}, "translations['de']: expected an object, got 'Leitung'"),
            (
                {"de": {"title": "x"}},
                "translations['de']: unknown field 'title' (expected one "
                "of: name, summary, description)",
            ),
            ({"de": {"name": 3}}, "translations['de']['name']: expected a string, got 3"),
        ],
    )
    def test_bad_translations_are_placed(self, value: object, message: str) -> None:
        """A bad tag, field or text is refused with its place."""
        with pytest.raises(InvalidValueError) as caught:
            Translations(value)  # type: ignore[arg-type]
        assert str(caught.value) == message


def test_merged_parts_equal_the_extras_of_their_items() -> None:
    """Merging checked parts gives what one Extras of all their items gives; none is empty."""
    parts = [Extras({"a:x": [1, {"b": "c"}]}), Extras({"a:y": "z"}), Extras({"a:x": 2})]
    merged = Extras._merged(parts)
    assert merged == Extras({"a:x": 2, "a:y": "z"})
    assert hash(merged) == hash(Extras({"a:y": "z", "a:x": 2}))
    assert Extras._merged([]) == Extras()


@pytest.mark.parametrize(
    ("items", "problem"),
    [
        (
            ["ok", "bad\x01"],
            "extras['a:list'][1]: expected text without control characters, got "
            "'bad\\x01' (U+0001 at character 4)",
        ),
        (
            ["ok", "\u202eflip"],
            "extras['a:list'][1]: expected text without bidirectional formatting characters, "
            "got '\\u202eflip' (U+202E at character 1)",
        ),
        (["ok", float("nan")], "extras['a:list'][1]: expected a finite number, got nan"),
    ],
)
def test_an_array_of_text_is_checked_item_by_item(items: list[object], problem: str) -> None:
    """An array kept as it is only when all its items are printable text; else each is placed."""
    assert Extras({"a:list": ["09", "10", "Grade 1"]})["a:list"] == ("09", "10", "Grade 1")
    with pytest.raises(InvalidValueError) as caught:
        Extras({"a:list": items})
    assert str(caught.value) == problem


_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=8)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.from_regex(r"[a-z]{1,4}:[A-Za-z]{1,6}", fullmatch=True),
        st.one_of(_TEXT, st.lists(_TEXT, max_size=3).map(tuple)),
    )
)
def test_trusted_extras_are_what_extras_make(items: dict[str, str | tuple[str, ...]]) -> None:
    """`Extras._trusted` (and `_trusted_each`) of checked text keep what `Extras` would."""
    checked = {
        key: value
        for key, value in items.items()
        if not NOT_IN_TEXT.search("".join(value) if isinstance(value, tuple) else value)
    }
    trusted, made = Extras._trusted(dict(checked)), Extras(checked)
    assert trusted == made
    assert (hash(trusted), repr(trusted), trusted.to_json()) == (
        hash(made),
        repr(made),
        made.to_json(),
    )
    assert (trusted is NO_EXTRAS) is (not checked)
    if checked:
        (each,) = Extras._trusted_each([dict(checked)])
        assert (each, hash(each), repr(each), type(each)) == (made, hash(made), repr(made), Extras)
