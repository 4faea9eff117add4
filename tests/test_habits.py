"""The habits the code keeps, checked like any other behaviour: formatted and linted by ruff,
typed by mypy (strict for the model, the pipeline, the aligner and the readers), with the
configuration in pyproject.toml."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ["aligner", "tests", "scripts"]
# The stages held to mypy's strict mode, and with them every module they import (pyproject's
# override makes these strict; ``--strict`` on the command line extends it to their imports).
STRICT = [
    "aligner/model.py",
    "aligner/pipeline.py",
    "aligner/align",
    "aligner/pairing",
    "aligner/sentence_blocks.py",
    "aligner/readers",
]


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


# --- docstrings ---------------------------------------------------------------------------

PACKAGE = ROOT / "aligner"
# A docstring says what the function holds or returns and why, in a sentence: fewer words
# than this re-spell the name.
MIN_DOCSTRING_WORDS = 3


def _public_definitions(tree: ast.Module) -> list[tuple[str, ast.AST]]:
    """The public functions, classes and methods of a module, by qualified name: dunder and
    ``_private`` names are left out, and so are what private classes hold and functions
    nested in functions (none of them is anyone's interface)."""
    found: list[tuple[str, ast.AST]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                if child.name.startswith("_"):
                    continue
                found.append((prefix + child.name, child))
                if isinstance(child, ast.ClassDef):
                    visit(child, f"{prefix}{child.name}.")

    visit(tree, "")
    return found


def _undocumented(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    missing = []
    for name, node in _public_definitions(tree):
        assert isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        docstring = ast.get_docstring(node)
        if docstring is None or len(docstring.split()) < MIN_DOCSTRING_WORDS:
            missing.append(f"{name} (line {node.lineno})")
    return missing


@pytest.mark.parametrize(
    "path",
    sorted(PACKAGE.rglob("*.py")),
    ids=lambda path: path.relative_to(PACKAGE).as_posix(),
)
def test_every_public_function_and_class_says_what_it_is(path: Path) -> None:
    missing = _undocumented(path)
    assert not missing, (
        f"aligner/{path.relative_to(PACKAGE).as_posix()}: no docstring for {', '.join(missing)}"
    )


def test_the_docstring_search_finds_what_it_looks_for() -> None:
    code = '''
def public():
    pass

def _private():
    pass

class Shown:
    """A class that says what it is."""

    def __init__(self):
        pass

    def method(self):
        """Run."""

    @property
    def value(self):
        """The value it holds, counted."""
        return 1

class _Hidden:
    def method(self):
        pass

def outer():
    """A function that holds another."""

    def inner():
        pass
'''
    names = [name for name, node in _public_definitions(ast.parse(code))]
    assert names == ["public", "Shown", "Shown.method", "Shown.value", "outer"]
