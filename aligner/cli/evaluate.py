"""``aligner evaluate --gold GOLD --pred PRED``: strict and lax precision, recall and F1."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InputError
from ..evaluate import IndexBead, read_index_beads, read_text_beads, score_alignment, score_text_beads
from ..files import json_value, read_input_text
from ..links import is_meta_record


def register(group: click.Group) -> None:
    group.add_command(evaluate)


@click.command()
@click.option(
    "--gold", required=True, type=click.Path(exists=True, dir_okay=False), help="The gold alignment."
)
@click.option(
    "--pred", required=True, type=click.Path(exists=True, dir_okay=False), help="The alignment to judge."
)
@click.option(
    "--gold-format",
    type=click.Choice(["vecalign", "jsonl"]),
    default=None,
    help="vecalign: '[i,j]:[k]' lines; jsonl: one bead a line with its texts. Default: from the file name.",
)
@click.option(
    "--swap",
    is_flag=True,
    help="The gold's first side is the predicted second side (transread's gold.vecalign is [en]:[fr]).",
)
def evaluate(gold: str, pred: str, gold_format: str | None, swap: bool) -> None:
    """Score PRED against GOLD as Vecalign's and Bertalign's scorers do.

    PRED may be ladder lines ('[fr]:[en]:confidence'), Vecalign lines, or JSON lines of
    links (with 'source_ids'/'target_ids', or with their texts for a JSONL gold).
    """
    gold_format = gold_format or ("jsonl" if Path(gold).suffix in (".jsonl", ".ndjson") else "vecalign")
    if gold_format == "jsonl":
        scores = score_text_beads(read_text_beads(gold, swap=swap), read_text_beads(pred))
    else:
        scores = score_alignment(read_index_beads(gold, swap=swap), _predicted_index_beads(Path(pred)))
    click.echo(scores.table())


def _predicted_index_beads(path: Path) -> list[IndexBead]:
    """Index beads from ladder or Vecalign lines, or from JSON lines that carry indices."""
    lines = [line for line in read_input_text(path).splitlines() if line.strip()]
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
