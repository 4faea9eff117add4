"""``aligner export`` and ``aligner merge``: memories from a links file, and memories merged."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from ..errors import AlignerError
from ..files import check_output
from ..links import read_links
from ..memories import merge_memories
from ..model import REVIEW_STATUSES
from ..wording import counted, number
from ..writers import segment_writer, write_segments
from .options import (
    INPUT_PATH,
    MEMORY_SUFFIXES,
    MemoryChoices,
    base_language,
    language_options,
    memory_options,
    writer_options,
)


def register(group: click.Group) -> None:
    """Add the ``merge`` and ``export`` commands to the command group."""
    group.add_command(merge)
    group.add_command(export)


@click.command("export")
@click.argument("links", type=INPUT_PATH)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="memory.tmx or memory.tsv (a memory), links.jsonl (the links file), review.xlsx (the review sheet).",
)
@language_options("from the file, else detected")
@memory_options("memory")
def export(
    links: Path,
    output: Path,
    src_lang: str | None,
    tgt_lang: str | None,
    memory: MemoryChoices,
) -> None:
    """Write a memory, links file or review sheet from LINKS (a links file .jsonl, the TSV
    that align writes, or a review sheet .xlsx), reviewed or not.

    Memories (.tmx, .tsv) leave out rejected links, links with an empty side and links whose
    two sides are the same text (unless --keep-identical), and keep edited text; approved
    and edited links count as sure for --min-confidence. A links file or review sheet keeps
    every link and its status.
    """
    check_output(output, [links])
    suffix = output.suffix.lower()
    chosen = writer_options(output, src_lang, tgt_lang, memory)
    segment_writer(output, **chosen)  # an unknown format or option is refused before reading
    if memory.segtype == "paragraph" and suffix not in MEMORY_SUFFIXES:
        raise AlignerError("--segtype paragraph makes a memory: write a .tmx or .tsv")
    alignment = read_links(links, base_language(src_lang), base_language(tgt_lang))
    # Memory writers leave out rejected links themselves.
    pairs = alignment.paragraph_pairs() if memory.segtype == "paragraph" else iter(alignment.pairs)
    if suffix not in MEMORY_SUFFIXES:
        chosen["meta"] = alignment.meta
    report = write_segments(pairs, output, **chosen)
    counts = Counter(pair.status for pair in alignment.pairs)
    reviewed = ", ".join(f"{number(counts[status])} {status}" for status in REVIEW_STATUSES)
    read = f"read {counted(len(alignment.pairs), 'link')} from {links} ({reviewed})"
    click.echo(f"{read}; {report.summary()}", err=True)


@click.command("merge")
@click.argument("memories", nargs=-1, required=True, type=INPUT_PATH)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The merged TMX file (written whole or not at all).",
)
@language_options(
    "the first file's srclang, and the language of its first unit's other side",
    source="the source side to read (fr reads fr, fr-FR, fr-CA...)",
    target="the target side to read",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Drop units whose x-confidence is below this (units from other tools count as 1).",
)
def merge(
    memories: tuple[Path, ...],
    output: Path,
    src_lang: str | None,
    tgt_lang: str | None,
    min_confidence: float,
) -> None:
    """Merge MEMORIES (TMX files, links files or the TSV that align writes) into one TMX,
    removing exact duplicates (same source and target) and rejected links."""
    check_output(output, memories)
    report = merge_memories(
        memories, output, source_lang=src_lang, target_lang=tgt_lang, min_confidence=min_confidence
    )
    click.echo("\n".join(report.lines()))
