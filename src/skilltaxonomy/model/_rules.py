"""The value rules of `skilltaxonomy._text`, as attrs validators for the value classes.

Every value class a reader can build applies these, so a value the format refuses
cannot get into a framework by any road: a file, a spreadsheet, a page or code.
Readers apply the same rules first, to report each problem at its place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from skilltaxonomy._text import (
    check_bool,
    check_id,
    check_name,
    check_optional_bool,
    check_optional_date,
    check_optional_number,
    check_text,
    check_texts,
    show,
)
from skilltaxonomy.exceptions import InvalidValueError
from skilltaxonomy.model.extras import NO_EXTRAS, NO_TRANSLATIONS, Extras, Translations

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _follows(check: Callable[[object], object]) -> Validator:
    def validate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        try:
            check(value)
        except InvalidValueError as error:
            raise InvalidValueError(
                f"{type(instance).__name__}.{attribute.name}: {error}"
            ) from None

    return validate


#: An id: one line, not empty, without surrounding whitespace.
ID: Validator = _follows(check_id)
#: A name: one line that is not only whitespace.
NAME: Validator = _follows(check_name)
#: Free text: no control characters but tab and line breaks, no reordering controls.
TEXT: Validator = _follows(check_text)
#: ``True`` or ``False``.
BOOLEAN: Validator = _follows(check_bool)
#: A `datetime.date` or ``None``.
OPTIONAL_DATE: Validator = _follows(check_optional_date)
#: ``True``, ``False`` or ``None`` (not stated).
OPTIONAL_BOOLEAN: Validator = _follows(check_optional_bool)
#: A finite number or ``None``.
OPTIONAL_NUMBER: Validator = _follows(check_optional_number)
#: A tuple of free text.
TEXTS: Validator = _follows(check_texts)


def texts(value: object) -> object:
    """A list of texts as a tuple (other values are left for `TEXTS` to refuse)."""
    return tuple(value) if type(value) is list else value


def extras(value: object) -> Extras:
    """Any mapping of JSON values as frozen `Extras`; `InvalidValueError` naming the place."""
    if value is NO_EXTRAS or type(value) is Extras:
        return value
    if value is None:
        return NO_EXTRAS
    return Extras(value)  # type: ignore[arg-type]


def translations(value: object) -> Translations:
    """A mapping of language tag → field → text as frozen `Translations`."""
    if value is NO_TRANSLATIONS or type(value) is Translations:
        return value
    if value is None:
        return NO_TRANSLATIONS
    return Translations(value)  # type: ignore[arg-type]


def rank(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A level's rank: a whole number from 1."""
    if type(value) is not int or value < 1:
        where = f"{type(instance).__name__}.{attribute.name}"
        raise InvalidValueError(f"{where}: expected a rank: 1, 2, 3…, got {show(value)}")


def instance_of(cls: type) -> Validator:
    """The value is a `cls` (an entity of the model, not its id)."""

    def validate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            raise InvalidValueError(
                f"{type(instance).__name__}.{attribute.name}: expected a {cls.__name__}, "
                f"got {show(value)}"
            )

    return validate


def optional_instance_of(cls: type) -> Validator:
    """The value is a `cls` or ``None``."""
    required = instance_of(cls)

    def validate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            required(instance, attribute, value)

    return validate
