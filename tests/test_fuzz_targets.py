"""The fuzz targets run in the test suite on their seeds and on every input that crashed one.

The fuzzer itself (atheris) runs outside CI, by `fuzz/run.py`; this keeps its targets
working, and each input it found a crash with is a regression test here.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parent.parent / "fuzz"


def _targets() -> dict[str, Callable[[bytes], None]]:
    spec = importlib.util.spec_from_file_location("fuzz_targets", FUZZ / "targets.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    targets: dict[str, Callable[[bytes], None]] = module.TARGETS
    return targets


TARGETS = _targets()
INPUTS = sorted(
    (folder.parent.name, folder.name, path)
    for folder in [*FUZZ.glob("seeds/*"), *FUZZ.glob("regressions/*")]
    for path in folder.iterdir()
)


def test_every_target_has_seeds() -> None:
    """Each target starts from a seed corpus of its own."""
    assert {target for kind, target, _ in INPUTS if kind == "seeds"} == set(TARGETS)


@pytest.mark.parametrize(
    ("kind", "target", "path"), INPUTS, ids=[f"{k}/{t}/{p.name}" for k, t, p in INPUTS]
)
def test_target_passes(kind: str, target: str, path: Path) -> None:
    """The target reads its input and raises nothing but the documented error."""
    TARGETS[target](path.read_bytes())
