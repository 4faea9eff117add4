"""The command line: outputs of structure and pair, and one-line errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import cli

SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "sample"


def run(*arguments: str):
    return CliRunner().invoke(cli, [str(argument) for argument in arguments])


def test_structure_prints_keys_kinds_and_first_words():
    result = run("structure", SAMPLE / "fr.txt")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert any(line.split()[:2] == ["p:5", "paragraph"] for line in lines)
    assert any(line.strip().startswith("res:1/op:2/a") for line in lines)


def test_pair_json_lists_pairs_and_disagreements():
    result = run("pair", SAMPLE / "fr.txt", SAMPLE / "en.txt", "--format", "json")
    assert result.exit_code == 0
    payload = json.loads(result.output)
    pairs = {pair["key"]: pair for pair in payload["pairs"]}
    assert pairs["p:5"]["source"].startswith("5. À la même séance")
    assert pairs["p:5"]["target"].startswith("5. At the same meeting")
    assert pairs["res:1/fn:2"]["source"] == "A/80/214."
    assert payload["disagreements"] == [
        {
            "kind": "missing",
            "key": "meta:language",
            "detail": "meta:language (Français) has no counterpart in the target",
        }
    ]


def test_pair_tsv_has_a_header_and_one_line_per_pair():
    result = run("pair", SAMPLE / "fr.txt", SAMPLE / "en.txt", "--format", "tsv")
    rows = [line for line in result.output.splitlines() if not line.startswith("#")]
    assert rows[0].split("\t")[:3] == ["key", "source_keys", "target_keys"]
    assert all(len(row.split("\t")) == 7 for row in rows)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00", "binary file"),
        (b"\xff\xfe" + "Bonjour".encode("utf-16-le") + b"\x00", "not valid utf-16"),
        (b"Caf\xe9 \x81\x8d au lait", "cannot decode"),
    ],
)
def test_bad_input_gets_one_line_and_a_non_zero_exit(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run("pair", bad, SAMPLE / "en.txt")
    assert result.exit_code != 0
    assert message in result.output.lower()
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_missing_file_is_one_line(tmp_path):
    result = run("structure", tmp_path / "nowhere.txt")
    assert result.exit_code != 0 and "no such file" in result.output


def test_cp1252_text_is_read_and_the_fallback_is_said(tmp_path):
    legacy = tmp_path / "fr.txt"
    legacy.write_bytes((SAMPLE / "fr.txt").read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    result = run("structure", legacy)
    assert result.exit_code == 0
    assert "decoded as cp1252" in result.output


def test_two_french_files_are_refused():
    result = run("pair", SAMPLE / "fr.txt", SAMPLE / "fr.txt")
    assert result.exit_code == 3 and "both files are in French" in result.output


def test_different_documents_are_refused_unless_forced(corpora):
    french = corpora / "un-a74400" / "fr.txt"
    result = run("pair", french, SAMPLE / "en.txt")
    assert result.exit_code == 3 and "different documents" in result.output
    assert run("pair", french, SAMPLE / "en.txt", "--force").exit_code == 0


def test_swapped_files_are_paired_and_reported():
    result = run("pair", SAMPLE / "en.txt", SAMPLE / "fr.txt")
    assert result.exit_code == 0
    assert "the files look swapped" in result.output


def test_help_lists_every_command_without_importing_it():
    """``aligner --help`` shows each command's line from the registry, and importing a
    command's module registers exactly the names the registry gives it."""
    import subprocess
    import sys

    from aligner.cli import COMMANDS

    probe = (
        "import contextlib, io, sys\n"
        "from aligner.cli import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    try:\n        cli.main(args=['--help'], prog_name='aligner')\n"
        "    except SystemExit:\n        pass\n"
        "print(out.getvalue())\n"
        "print(sorted(name for name in sys.modules if name.startswith('aligner.cli.')))\n"
        "print('numpy' in sys.modules)\n"
    )
    completed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    *help_lines, imported, numpy_loaded = completed.stdout.strip().splitlines()
    assert imported == "[]" and numpy_loaded == "False"
    for name, (_, summary) in COMMANDS.items():
        assert any(line.split()[:1] == [name] and summary[:30] in line for line in help_lines), name
    for module in {module for module, _ in COMMANDS.values()}:
        group = type(cli)(name="probe")
        __import__(f"aligner.cli.{module}", fromlist=["register"]).register(group)
        assert set(group.commands) == {name for name, (owner, _) in COMMANDS.items() if owner == module}


HEAVY_MODULES = ("numpy", "polars", "lxml", "openpyxl", "sentencepiece", "wordfreq", "pypdfium2", "sacrebleu")


@pytest.mark.parametrize(
    ("arguments", "needed"),
    [
        (["structure", str(SAMPLE / "fr.txt")], ()),
        (["align", "--help"], ("lxml",)),
    ],
)
def test_commands_import_only_the_libraries_they_use(arguments: list[str], needed: tuple[str, ...]) -> None:
    """A command that reads a text file and prints its structure imports none of the heavy
    libraries (the numerical, spreadsheet, PDF and subword ones): they cost more
    start-up than the command itself. ``align --help`` loads the TMX writer's XML library,
    and nothing else of them."""
    import subprocess
    import sys

    probe = (
        "import contextlib, io, sys\n"
        "from aligner.cli import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    try:\n        cli.main(args={arguments!r}, prog_name='aligner')\n"
        "    except SystemExit as exit_:\n        assert not exit_.code, exit_.code\n"
        f"print(','.join(name for name in {HEAVY_MODULES!r} if name in sys.modules))\n"
    )
    completed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    imported = completed.stdout.strip().splitlines()[-1] if completed.stdout.strip() else ""
    assert set(filter(None, imported.split(","))) <= set(needed)
