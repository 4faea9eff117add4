"""``aligner merge``: combine translation memories into one TMX without exact duplicates."""

from __future__ import annotations

from pathlib import Path

import click

from ..memories import merge_memories


def register(group: click.Group) -> None:
    group.add_command(merge)


@click.command("merge")
@click.argument("memories", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The merged TMX file (written whole or not at all).",
)
@click.option(
    "--source-lang",
    metavar="CODE",
    help="Source language to read (fr matches fr, fr-FR, fr-CA...). Default: the first file's srclang.",
)
@click.option(
    "--target-lang",
    metavar="CODE",
    help="Target language to read. Default: the language of the first unit's other side.",
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
    source_lang: str | None,
    target_lang: str | None,
    min_confidence: float,
) -> None:
    """Merge TMX MEMORIES into one, removing exact duplicates (same source and target)."""
    report = merge_memories(
        memories, output, source_lang=source_lang, target_lang=target_lang, min_confidence=min_confidence
    )
    click.echo("\n".join(report.lines()))
