"""``aligner check INPUT… -o report.html|.csv|.xlsx``: translation consistency checks."""

from __future__ import annotations

import sys
from collections import Counter

import click

from ..checks import registry, run_checks, select_checks
from ..checks.glossary import load_glossary
from ..checks.report import write_report
from ..files import check_output
from ..links import load_pairs
from ..terms import oriented
from ..wording import counted, number
from .options import INPUT_FILE, base_language, language_options


def _names(value: str | None) -> list[str]:
    return [name.strip() for name in (value or "").split(",") if name.strip()]


def _describe_checks() -> str:
    return "\n".join(f"  {name}: {check.description}" for name, check in registry().items())


@click.command("check", epilog="Checks:\n" + _describe_checks())
@click.argument("inputs", nargs=-1, required=True, type=INPUT_FILE)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="report.html, .csv or .xlsx"
)
@click.option("--checks", "only", help="Run only these checks (comma-separated).")
@click.option("--skip", help="Do not run these checks (comma-separated).")
@click.option(
    "--glossary",
    type=INPUT_FILE,
    help="Glossary to check against: OmegaT (.txt, .utf8, .tab), CSV/TSV or TBX.",
)
@click.option(
    "--fail-on", help="Exit with status 1 if any of these checks (comma-separated) finds something."
)
@language_options("from the files, else detected", source="the source side", target="the target side")
def check_command(
    inputs: tuple[str, ...],
    output: str,
    only: str | None,
    skip: str | None,
    glossary: str | None,
    fail_on: str | None,
    src_lang: str | None,
    tgt_lang: str | None,
) -> None:
    """Check aligned segment pairs for inconsistent translations.

    INPUTS are TMX files, links files (.jsonl, the .tsv that align writes, the review .xlsx;
    rejected links left out), other TSV or JSONL files of pairs, or plain text files two by two.
    """
    check_output(output, [*inputs, *([glossary] if glossary else [])])
    failing = set(_names(fail_on))
    chosen = select_checks(_names(only), _names(skip), glossary is not None)
    select_checks(failing)  # unknown names in --fail-on are an error too
    source_lang, target_lang = base_language(src_lang), base_language(tgt_lang)
    pairs, source, target = oriented(load_pairs(inputs, source_lang, target_lang), source_lang)
    loaded = load_glossary(glossary, source.code, target.code) if glossary else None
    findings = run_checks(pairs, [check.name for check in chosen], glossary=loaded, source_lang=source.code)
    checked = [*inputs, *([f"{glossary} (glossary)"] if glossary else [])]
    cleaning = write_report(findings, output, [check.name for check in chosen], checked)
    counts = Counter(finding.check for finding in findings)
    summary = ", ".join(f"{check.name} {number(counts.get(check.name, 0))}" for check in chosen)
    removed = cleaning.describe()
    found = f"{counted(len(findings), 'finding')} in {counted(len(pairs), 'pair')}"
    click.echo(f"{found} ({summary}) -> {output}{removed}", err=True)
    if any(counts.get(name) for name in failing):
        sys.exit(1)


def register(group: click.Group) -> None:
    """Add the ``check`` command to the command group."""
    group.add_command(check_command)
