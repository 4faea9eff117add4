"""``aligner evaluate --gold GOLD --pred PRED``: strict and lax precision, recall and F1."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InputError
from ..evaluate import (
    IndexBead,
    gold_orientation,
    read_index_beads,
    read_text_beads,
    score_alignment,
    score_text_beads,
    swap_beads,
)
from ..files import json_value, read_input_text, text_lines
from ..links import is_meta_record
from ..profiles import DEFAULT_LANGUAGES, partner_language
from .options import INPUT_PATH, base_language, language_options


def register(group: click.Group) -> None:
    """Add the ``evaluate`` command to the command group."""
    group.add_command(evaluate)


@click.command()
@click.option("--gold", required=True, type=INPUT_PATH, help="The gold alignment.")
@click.option("--pred", required=True, type=INPUT_PATH, help="The alignment to judge.")
@click.option(
    "--gold-format",
    type=click.Choice(["vecalign", "jsonl"]),
    default=None,
    help="vecalign: '[i,j]:[k]' lines; jsonl: one bead a line with its texts. Default: from the file name.",
)
@click.option(
    "--swap/--no-swap",
    default=None,
    help="The gold's first side is the predicted second side (transread's gold.vecalign is "
    "[en]:[fr]), or it is not. Default: found out, and said on stderr when the gold is read swapped.",
)
@language_options(
    "fr and en",
    source="the predicted source side",
    target="the predicted target side (a JSONL gold's fields)",
)
def evaluate(
    gold: Path,
    pred: Path,
    gold_format: str | None,
    swap: bool | None,
    src_lang: str | None,
    tgt_lang: str | None,
) -> None:
    """Score PRED against GOLD as Vecalign's and Bertalign's scorers do.

    PRED may be ladder lines ('[fr]:[en]:confidence'), Vecalign lines, or JSON lines of
    links (with 'source_ids'/'target_ids', or with their texts for a JSONL gold).

    An index gold given the other way round (its first side the prediction's second) is
    detected, by the number of sentences each side covers or else by how much better it
    fits swapped, and scored swapped with a note on stderr; --swap or --no-swap decides
    instead. A JSONL gold's sides are told apart by their languages.
    """
    gold_format = gold_format or ("jsonl" if gold.suffix in (".jsonl", ".ndjson") else "vecalign")
    if gold_format == "jsonl":
        source = base_language(src_lang) or DEFAULT_LANGUAGES[0]
        languages = (source, base_language(tgt_lang) or partner_language(source))
        gold_beads = read_text_beads(gold, swap=bool(swap), languages=languages)
        scores = score_text_beads(gold_beads, read_text_beads(pred, languages=languages))
    else:
        gold_index, predicted = read_index_beads(gold), _predicted_index_beads(pred)
        orientation = gold_orientation(gold_index, predicted)
        if swap is None:
            swap = orientation.swapped
            if swap:
                click.echo(
                    f"note: {gold} looks the other way round from {pred} ({orientation.reason}): "
                    "scored with its sides swapped (--no-swap scores it as given)",
                    err=True,
                )
        elif orientation.reason and swap != orientation.swapped:
            way = "the other way round" if orientation.swapped else "as given"
            click.echo(f"note: {gold} fits {pred} better {way} ({orientation.reason})", err=True)
        scores = score_alignment(swap_beads(gold_index) if swap else gold_index, predicted)
    click.echo(scores.table())


def _predicted_index_beads(path: Path) -> list[IndexBead]:
    """Index beads from ladder or Vecalign lines, or from JSON lines that carry indices."""
    lines = [line for line in text_lines(read_input_text(path)) if line.strip()]
    if not lines or not lines[0].lstrip().startswith("{"):
        return read_index_beads(path)
    beads = []
    for number, line in enumerate(lines, 1):
        record = json_value(line, f"{path}:{number}")
        if is_meta_record(record):
            continue
        if not isinstance(record, dict) or "source_ids" not in record or "target_ids" not in record:
            raise InputError(
                f"{path}:{number}: a link needs source_ids and target_ids to be scored against an index gold"
            )
        beads.append((_ids(record["source_ids"], path, number), _ids(record["target_ids"], path, number)))
    return beads


def _ids(value: object, path: Path, number: int) -> tuple[int, ...]:
    """Sentence ids of a JSON link: a list of whole numbers, nothing else."""
    if not isinstance(value, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in value):
        raise InputError(f"{path}:{number}: source_ids and target_ids must be lists of sentence numbers")
    return tuple(value)
