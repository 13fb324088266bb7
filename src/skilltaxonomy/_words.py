"""Small English wording helpers shared by messages and the CLI."""

from __future__ import annotations


def count(number: int, noun: str) -> str:
    """Say how many of `noun` there are, in English.

    >>> count(1, "level"), count(2, "level")
    ('1 level', '2 levels')
    """
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
