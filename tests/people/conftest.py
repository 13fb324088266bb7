"""Spark for the tests: run where Java 17 or 21 works, else skip in one line (fail on CI)."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from types import ModuleType

import pytest

#: The Java versions PySpark 4.0 runs on.
JAVA_VERSIONS = (17, 21)


@functools.cache
def java_version() -> int | None:
    """The major version of the Java that Spark would start (``JAVA_HOME``, else ``PATH``).

    ``None`` where there is none, or where ``java -version`` fails (the stub some systems
    put on ``PATH`` without a runtime behind it).
    """
    home = os.environ.get("JAVA_HOME")
    java = os.path.join(home, "bin", "java") if home else shutil.which("java")
    if java is None:
        return None
    try:
        done = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.search(r'version "(\d+)(?:\.(\d+))?', done.stderr)
    if done.returncode or found is None:
        return None
    major = int(found[1])
    return int(found[2] or 0) if major == 1 else major  # "1.8" is Java 8


def spark_or_skip() -> ModuleType:
    """`pyspark.sql`, or a skip saying what is missing (a failure under ``CI=true``)."""
    reason = None
    try:
        import pyspark.sql as spark_sql
    except ImportError:
        reason = "pyspark is not installed (pip install -e '.[test]')"
    version = java_version()
    if version is None:
        reason = "no working java on PATH or in JAVA_HOME"
    elif version not in JAVA_VERSIONS:
        reason = f"found Java {version}"
    if reason is None:
        return spark_sql
    message = f"the Spark tests need Java 17 or 21 and PySpark: {reason}"
    if os.environ.get("CI") == "true":  # .ci/run promises the Spark path runs
        pytest.fail(message)
    pytest.skip(message)
