"""The habits the code keeps, checked like any other behaviour: formatted and linted by ruff,
typed by mypy (strict for the model, the pipeline, the aligner and the readers), with the
configuration in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ["aligner", "tests", "scripts"]
# The stages held to mypy's strict mode, and with them every module they import (pyproject's
# override makes these strict; ``--strict`` on the command line extends it to their imports).
STRICT = ["aligner/model.py", "aligner/pipeline.py", "aligner/align", "aligner/readers"]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize(
    "command",
    [
        ("ruff", "check", *CHECKED),
        ("ruff", "format", "--check", *CHECKED),
        ("mypy",),
        ("mypy", "--strict", *STRICT),
    ],
    ids=["ruff-check", "ruff-format", "mypy", "mypy-strict"],
)
def test_the_code_passes_its_checks(command: tuple[str, ...]) -> None:
    result = _run(*command)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
