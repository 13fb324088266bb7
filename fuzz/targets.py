"""The fuzz targets: each feeds one input to a reader, which must load or refuse it cleanly.

A target passes when the reader returns a value or raises the library's documented
error for bad input; any other exception is a finding. A value that loads must also
write and read back equal, so the fuzzer checks the writers too.
"""

from __future__ import annotations

from collections.abc import Callable

import skilltaxonomy
from skilltaxonomy import (
    InvalidTaxonomyError,
)


def _loads(data: bytes) -> None:
    try:
        taxonomy = skilltaxonomy.loads(data)
    except InvalidTaxonomyError:
        return
    if skilltaxonomy.loads(skilltaxonomy.dumps(taxonomy)) != taxonomy:
        raise AssertionError("a loaded framework did not read back equal")


def _loads_text(data: bytes) -> None:
    # The same reader given str: surrogates and other code points bytes cannot hold.
    try:
        skilltaxonomy.loads(data.decode("utf-8", "surrogateescape"))
    except InvalidTaxonomyError:
        return


def _case(data: bytes) -> None:
    try:
        read = skilltaxonomy.loads(data, format="case", report=True)
    except InvalidTaxonomyError:
        return
    skilltaxonomy.dumps(read.taxonomy, format="case", metadata=read.metadata)


def _csv(data: bytes) -> None:
    try:
        taxonomy = skilltaxonomy.loads(data, format="csv", name="fuzz")
    except InvalidTaxonomyError:
        return
    skilltaxonomy.dumps(taxonomy, format="csv")


_BUNDLED = skilltaxonomy.load()


def _assessment(data: bytes) -> None:
    try:
        skilltaxonomy.loads_assessment(data, _BUNDLED)
    except InvalidTaxonomyError:
        return


#: Each target by the name `run.py` takes.
TARGETS: dict[str, Callable[[bytes], None]] = {
    "loads": _loads,
    "loads-text": _loads_text,
    "case": _case,
    "csv": _csv,
    "assessment": _assessment,
}
