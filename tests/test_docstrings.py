"""Every example in the package's docstrings runs and prints what it shows."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import subprocess
import sys

import pytest

import skilltaxonomy

MODULES = sorted(
    {"skilltaxonomy"}
    | {f"skilltaxonomy.{info.name}" for info in pkgutil.iter_modules(skilltaxonomy.__path__)}
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    """The module's doctests pass."""
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_every_public_name_is_documented() -> None:
    """Every name in __all__ exists once and has a docstring (ruff's RUF022 keeps it sorted)."""
    assert len(set(skilltaxonomy.__all__)) == len(skilltaxonomy.__all__)
    for name in skilltaxonomy.__all__:
        value = getattr(skilltaxonomy, name)
        if isinstance(value, str):
            continue
        assert value.__doc__, name


def test_pages_load_on_first_use() -> None:
    """Importing the package and loading the bundled data imports no page or catalog code."""
    code = (
        "import sys, skilltaxonomy; skilltaxonomy.load(); "
        "print(sorted(m for m in sys.modules if m.split('.')[-1] in "
        "('_render', '_page', '_i18n', 'gettext')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "[]\n"
    assert "render" in dir(skilltaxonomy)
    with pytest.raises(AttributeError, match="has no attribute 'nothing'"):
        skilltaxonomy.nothing  # noqa: B018
