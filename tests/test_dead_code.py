"""No dead code: every function, method, class and property of the package is used somewhere
in the package, its tests or its scripts, as vulture (pinned in the test extra) finds it.

Variables and attributes are left out: dataclass fields are read through ``asdict`` and
written out whole (summaries, links files), which vulture cannot follow. The names below are
hooks called by Python or a library, never by our code, and decorators that register.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOOKS = (
    "__getattr__",  # PEP 562: the package's lazy attributes
    "__dir__",
    "__call__",  # Protocols of callables (readers.DocumentReader)
    "convert",  # click.ParamType
    "format_commands",  # click.Group
)
# Decorators that register what they decorate (read through the registry, never by name).
REGISTERING = ("@case",)  # tests/hostile_cases.py: the hostile catalogue
KINDS = ("unused function", "unused method", "unused class", "unused property", "unused import")


def test_no_function_method_class_or_property_is_unused() -> None:
    pytest.importorskip("vulture")
    command = [sys.executable, "-m", "vulture", "aligner", "tests", "scripts", "--min-confidence", "60"]
    result = subprocess.run(
        [*command, "--ignore-names", ",".join(HOOKS), "--ignore-decorators", ",".join(REGISTERING)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    unused = [line for line in result.stdout.splitlines() if any(kind in line for kind in KINDS)]
    assert not unused, "\n".join(unused)
