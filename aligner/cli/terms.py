"""``aligner terms INPUT… -o terms.csv|.xlsx|.tbx``: a bilingual term table."""

from __future__ import annotations

import click

from ..files import check_output
from ..links import load_pairs
from ..terms import extract_terms, write_terms


@click.command("terms")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="terms.csv, terms.xlsx or terms.tbx",
)
@click.option("--source-lang", help="Source language code (default: from the files, else detected).")
@click.option("--target-lang", help="Target language code (default: from the files, else detected).")
@click.option("--top", type=int, default=0, help="Keep only the best N term pairs (0: all).")
def terms_command(
    inputs: tuple[str, ...], output: str, source_lang: str | None, target_lang: str | None, top: int
) -> None:
    """Extract bilingual term pairs from aligned segments.

    INPUTS are TMX files, links files (.jsonl, the .tsv that align writes, the review .xlsx;
    rejected links left out), other TSV or JSONL files of pairs, or plain text files two by two
    (line-parallel source and target).
    """
    check_output(output, inputs)
    pairs = load_pairs(inputs, source_lang, target_lang)
    table = extract_terms(pairs, source_lang=source_lang)
    if top > 0:
        table = table.head(top)
    removed = write_terms(table, output).describe()
    click.echo(f"{table.height} term pairs from {len(pairs)} segment pairs -> {output}{removed}", err=True)


def register(group: click.Group) -> None:
    group.add_command(terms_command)
