"""``aligner terms INPUT… -o terms.tbx|.utf8|.txt|.csv|.xlsx``: a bilingual term table."""

from __future__ import annotations

from dataclasses import replace

import click

from ..files import check_output
from ..links import load_pairs
from ..terms import AssociationOptions, TermOptions, extract_terms, write_terms
from ..wording import counted
from .options import INPUT_FILE, base_language, language_options


@click.command("terms")
@click.argument("inputs", nargs=-1, required=True, type=INPUT_FILE)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="terms.tbx (TBX-Basic), terms.utf8 or .txt (OmegaT glossary), terms.csv or terms.xlsx.",
)
@language_options("from the files, else detected", source="the source side", target="the target side")
@click.option("--top", type=int, default=0, help="Keep only the best N term pairs (0: all).")
@click.option(
    "--min-frequency",
    type=click.IntRange(1),
    default=None,
    help=(
        f"Keep pairs seen together in at least N segments (default {AssociationOptions().min_cooccurrence})."
    ),
)
@click.option(
    "--min-association",
    type=click.FloatRange(0, 1),
    default=None,
    help=f"Keep pairs whose association (Dice, 0-1) reaches this (default {AssociationOptions().min_dice}).",
)
@click.option(
    "--tbx-version",
    type=click.Choice(["2", "3"]),
    default="2",
    show_default=True,
    help="TBX 2 (ISO 30042:2008, what OmegaT, memoQ and MultiTerm read) or TBX 3 (ISO 30042:2019).",
)
def terms_command(
    inputs: tuple[str, ...],
    output: str,
    src_lang: str | None,
    tgt_lang: str | None,
    top: int,
    min_frequency: int | None,
    min_association: float | None,
    tbx_version: str,
) -> None:
    """Extract bilingual term pairs from aligned segments.

    INPUTS are TMX files, links files (.jsonl, the .tsv that align writes, the review .xlsx;
    rejected links left out), other TSV or JSONL files of pairs, or plain text files two by two
    (line-parallel source and target).
    """
    check_output(output, inputs)
    source_lang, target_lang = base_language(src_lang), base_language(tgt_lang)
    pairs = load_pairs(inputs, source_lang, target_lang)
    table = extract_terms(pairs, term_options(min_frequency, min_association), source_lang=source_lang)
    if top > 0:
        table = table.head(top)
    removed = write_terms(table, output, pairs, tbx_version=int(tbx_version)).describe()
    found = f"{counted(table.height, 'term pair')} from {counted(len(pairs), 'segment pair')}"
    click.echo(f"{found} -> {output}{removed}", err=True)


def term_options(min_frequency: int | None, min_association: float | None) -> TermOptions:
    """Extraction options with the command line's thresholds: a pair must be seen together in
    ``min_frequency`` segments (each term as often at least) and reach ``min_association``."""
    association = AssociationOptions()
    if min_frequency is not None:
        association = replace(association, min_frequency=min_frequency, min_cooccurrence=min_frequency)
    if min_association is not None:
        association = replace(association, min_dice=min_association)
    return TermOptions(association=association)


def register(group: click.Group) -> None:
    """Add the ``terms`` command to the command group."""
    group.add_command(terms_command)
