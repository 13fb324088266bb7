"""Optional dependencies: imported when first used, or the error that names their extra."""

from __future__ import annotations

import importlib
from types import ModuleType

from skilltaxonomy.exceptions import MissingDependencyError


def optional_module(name: str, feature: str, extra: str, package: str = "") -> ModuleType:
    """Module `name`, or `MissingDependencyError`: `feature` needs `package` from `extra`.

    >>> optional_module("json", "reading", "none").__name__
    'json'
    >>> optional_module("no_such_module", "x", "plot", "y")
    Traceback (most recent call last):
    ...
    skilltaxonomy.exceptions.MissingDependencyError: x needs y: pip install 'skilltaxonomy[plot]'
    """
    try:
        return importlib.import_module(name)
    except ImportError as error:
        raise MissingDependencyError(feature, package or name.partition(".")[0], extra) from error
