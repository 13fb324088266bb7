"""The package's public names: one list, imported on first use where it says, all of them real."""

from __future__ import annotations

import importlib

import skilltaxonomy


def test_lazy_names_live_where_the_table_says() -> None:
    """Every lazily imported name is defined by the module the table names."""
    for module, names in skilltaxonomy._LAZY_MODULES.items():
        found = importlib.import_module(module)
        for name in names:
            assert hasattr(found, name), (module, name)
            assert getattr(skilltaxonomy, name) is getattr(found, name)


def test_all_is_eager_and_lazy_names() -> None:
    """`__all__` lists exactly the names imported with the package and those imported lazily."""
    eager = {
        name
        for name, value in vars(skilltaxonomy).items()
        if not name.startswith("_")
        and not isinstance(value, type(skilltaxonomy))
        and name not in ("TYPE_CHECKING", "Any")
    }
    assert set(skilltaxonomy.__all__) == eager | set(skilltaxonomy._LAZY)
    assert not eager & set(skilltaxonomy._LAZY)


def test_packages_export_what_they_list() -> None:
    """Each layer package's `__all__` names exist in it."""
    for name in ("skilltaxonomy.model", "skilltaxonomy.people", "skilltaxonomy.records"):
        module = importlib.import_module(name)
        for exported in module.__all__:
            assert hasattr(module, exported), (name, exported)
