"""Every example in the package's docstrings runs and prints what it shows."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import subprocess
import sys

import pytest

import skilltaxonomy

# Every module of every subpackage, by its full name.
MODULES = sorted(
    {"skilltaxonomy"}
    | {info.name for info in pkgutil.walk_packages(skilltaxonomy.__path__, "skilltaxonomy.")}
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


def test_modules_are_found() -> None:
    """The walk sees the modules inside the subpackages, not only the top level."""
    assert {"skilltaxonomy.model.taxonomy", "skilltaxonomy.formats.json"} <= set(MODULES)


#: What `import skilltaxonomy; load()` must not import: pages, catalogs, other formats,
#: people, comparison, the careful reader and cattrs.
LAZY_MODULES = (
    "skilltaxonomy.pages",
    "skilltaxonomy.model.views",
    "skilltaxonomy.records",
    "skilltaxonomy.formats.page",
    "skilltaxonomy.formats.case",
    "skilltaxonomy.formats.table",
    "skilltaxonomy.formats._json",
    "skilltaxonomy.people",
    "skilltaxonomy.compare",
    "skilltaxonomy.cli",
    "skilltaxonomy._i18n",
    "gettext",
    "cattrs",
)


def test_pages_load_on_first_use() -> None:
    """Importing the package and loading the bundled data imports none of `LAZY_MODULES`."""
    code = (
        "import sys, skilltaxonomy; skilltaxonomy.load(); "
        f"print(sorted(m for m in sys.modules if m.startswith({LAZY_MODULES!r})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "[]\n"
    assert "render" in dir(skilltaxonomy)
    with pytest.raises(AttributeError, match="has no attribute 'nothing'"):
        skilltaxonomy.nothing  # noqa: B018
