"""``aligner align FR EN``: the main job. Links to stdout, or a memory written to ``-o``."""

from __future__ import annotations

import itertools
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from ..files import check_output, read_input
from ..links import Links, LinksMeta, links_meta
from ..model import Bitext, SegmentPair
from ..pipeline import align_files, bitext_segments, paragraph_segments
from ..profiles import DEFAULT_LANGUAGES, detect_language, partner_language
from ..readers.encoding import decode
from ..segment import split_presegmented
from ..wording import counted, number
from ..writers import JsonlWriter, TsvWriter, WriteReport, segment_writer, write_segments
from .options import MemoryChoices, alignment_options, base_language, memory_options, writer_options

if TYPE_CHECKING:
    from ..align.sentences import AlignOptions

HISTOGRAM_BINS = (0.0, 0.5, 0.7, 0.9, 0.97, 1.0001)
# Disagreements listed in the summary (``aligner pair`` lists them all).
SHOWN_DISAGREEMENTS = 8


def register(group: click.Group) -> None:
    """Add the ``align`` command to the command group."""
    group.add_command(align)


@click.command()
@click.argument("source", type=click.Path())
@click.argument("target", type=click.Path())
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help=(
        "Write a memory (.tmx, .tsv), the links file (.jsonl) or the review sheet (.xlsx), not "
        "links to stdout."
    ),
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "tsv", "ladder"]),
    default="jsonl",
    show_default=True,
    help="How links are printed when there is no --output.",
)
@alignment_options("Align")
@memory_options("memory")
def align(
    source: str,
    target: str,
    output: str | None,
    output_format: str,
    presegmented: bool,
    src_lang: str | None,
    tgt_lang: str | None,
    dictionary: tuple[str, ...],
    force: bool,
    memory: MemoryChoices,
) -> None:
    """Align SOURCE with TARGET (conventionally FR EN): structure, then sentences."""
    from ..align.sentences import AlignOptions, format_ladder  # numpy: only when aligning

    chosen: dict[str, Any] = {}
    if output is not None:
        check_output(output, [source, target, *dictionary])
        chosen = writer_options(output, src_lang, tgt_lang, memory)
        segment_writer(output, **chosen)  # an unknown format or option is refused before the work
    options = AlignOptions(dictionary=_dictionary_option(dictionary))
    started = time.perf_counter()
    if presegmented:
        pairs, beads = _align_presegmented(source, target, src_lang, tgt_lang, options)
        if output is not None:
            click.echo(write_segments(pairs, output, **chosen).summary(), err=True)
        elif output_format == "ladder":
            sys.stdout.writelines(line + "\n" for line in format_ladder(beads))
        else:
            _print_links(pairs, None, output_format, sys.stdout)
        return
    bitext = align_files(
        source, target, options, base_language(src_lang), base_language(tgt_lang), force=force
    )
    _print_warnings(bitext, sys.stderr)
    if output is None:
        if output_format == "ladder":
            _print_ladder(bitext, sys.stdout)
        else:
            _print_links(bitext_segments(bitext), links_meta(bitext), output_format, sys.stdout)
        return
    segments = paragraph_segments(bitext) if memory.segtype == "paragraph" else bitext_segments(bitext)
    if Path(output).suffix.lower() in (".jsonl", ".xlsx"):
        chosen["meta"] = links_meta(bitext)
    report = write_segments(segments, output, **chosen)
    _print_summary(bitext, report, time.perf_counter() - started, sys.stderr)


def aligned_links(
    source: str | Path,
    target: str | Path,
    presegmented: bool,
    src_lang: str | None,
    tgt_lang: str | None,
    dictionary: tuple[str, ...],
    force: bool,
) -> Links:
    """The alignment ``align`` makes of SOURCE and TARGET with these options, as a links file
    holds it (what ``review`` shows)."""
    from ..align.sentences import AlignOptions  # numpy: only when aligning

    options = AlignOptions(dictionary=_dictionary_option(dictionary))
    if presegmented:
        pairs, _ = _align_presegmented(str(source), str(target), src_lang, tgt_lang, options)
        return Links(LinksMeta.from_pair(pairs[0]) if pairs else LinksMeta(), pairs)
    bitext = align_files(
        source, target, options, base_language(src_lang), base_language(tgt_lang), force=force
    )
    _print_warnings(bitext, sys.stderr)
    return Links(links_meta(bitext), list(bitext_segments(bitext)))


def _print_warnings(bitext: Bitext, out: TextIO) -> None:
    """What the documents warn about (a body mostly in the other language), one line each."""
    if bitext.structure is not None:
        for document in (bitext.structure.source, bitext.structure.target):
            for warning in document.warnings:
                out.write(f"warning: {warning}\n")


def _dictionary_option(values: tuple[str, ...]):
    if not values:
        return None
    return "auto" if values == ("auto",) else list(values)


def _read_lines(path: str) -> list[str]:
    return split_presegmented(decode(read_input(path), path).text)


def _align_presegmented(
    source: str, target: str, src_lang: str | None, tgt_lang: str | None, options: AlignOptions
) -> tuple[list[SegmentPair], list]:
    """Links of two files of one sentence a line, as pairs (sentence ids are line numbers)."""
    from ..align.sentences import align_presegmented

    source_lines, target_lines = _read_lines(source), _read_lines(target)
    source_code = base_language(src_lang) or detect_language("\n".join(source_lines)) or DEFAULT_LANGUAGES[0]
    target_code = (
        base_language(tgt_lang) or detect_language("\n".join(target_lines)) or partner_language(source_code)
    )
    beads = align_presegmented(source_lines, target_lines, source_code, target_code, options)
    document = Path(source).stem
    pairs = []
    for bead in beads:
        source_side = tuple(source_lines[i] for i in bead.source)
        target_side = tuple(target_lines[j] for j in bead.target)
        pairs.append(
            SegmentPair(
                " ".join(source_side),
                " ".join(target_side),
                source_code,
                target_code,
                document=document,
                confidence=float(bead.confidence),
                kind=bead.kind,
                props={"source-file": Path(source).name, "target-file": Path(target).name},
                source_sentences=source_side,
                target_sentences=target_side,
                source_ids=tuple(bead.source),
                target_ids=tuple(bead.target),
            )
        )
    return pairs, beads


def _print_ladder(bitext: Bitext, out: TextIO) -> None:
    for link in bitext.links:
        source, target = ",".join(map(str, link.source)), ",".join(map(str, link.target))
        out.write(f"[{source}]:[{target}]:{link.confidence:.4f}\n")


def _print_links(
    pairs: Iterable[SegmentPair], meta: LinksMeta | None, output_format: str, out: TextIO
) -> None:
    """The links on stdout as the links file (jsonl) or as the TSV ``-o x.tsv`` writes, with
    the links that have an empty side."""
    if output_format == "tsv":
        TsvWriter(skip_empty=False, keep_identical=True).write_stream(pairs, out)
    else:
        JsonlWriter(meta=meta).write_stream(pairs, out)


def _histogram(confidences: Iterable[float]) -> list[tuple[str, int]]:
    counts: Counter[tuple[float, float]] = Counter()
    for value in confidences:
        for low, high in itertools.pairwise(HISTOGRAM_BINS):
            if low <= value < high:
                counts[(low, high)] += 1
                break
    return [
        (f"{low:.2f}–{min(high, 1.0):.2f}", counts[(low, high)])
        for low, high in itertools.pairwise(HISTOGRAM_BINS)
    ]


def _print_summary(bitext: Bitext, report: WriteReport, seconds: float, out: TextIO) -> None:
    structure = bitext.structure
    kinds = Counter(link.kind for link in bitext.links)
    out.write(
        f"aligned {Path(bitext.source_path).name} ({bitext.source_language}) with "
        f"{Path(bitext.target_path).name} "
        f"({bitext.target_language}) in {seconds:.2f} s\n"
    )
    if structure is not None:
        out.write(
            f"  units: {number(len(structure.source.units))} source, {number(len(structure.target.units))} "
            f"target, {counted(len(structure.paired), 'pair')}\n"
        )
    out.write(
        f"  sentences: {number(len(bitext.source_sentences))} source, "
        f"{number(len(bitext.target_sentences))} target\n"
    )
    by_count = sorted(kinds.items(), key=lambda item: -item[1])
    out.write("  links: " + ", ".join(f"{kind} {number(count)}" for kind, count in by_count) + "\n")
    histogram = _histogram(link.confidence for link in bitext.links)
    out.write("  confidence: " + ", ".join(f"{label} {number(count)}" for label, count in histogram) + "\n")
    if structure is not None:
        disagreements = Counter(d.kind for d in structure.disagreements)
        kinds_text = ", ".join(f"{kind} {number(count)}" for kind, count in disagreements.items())
        out.write(
            f"  disagreements: {number(len(structure.disagreements))}"
            + (f" ({kinds_text})" if disagreements else "")
            + "\n"
        )
        for disagreement in structure.disagreements[:SHOWN_DISAGREEMENTS]:
            out.write(f"    {disagreement.kind:<14} {disagreement.key:<16} {disagreement.detail}\n")
        if len(structure.disagreements) > SHOWN_DISAGREEMENTS:
            more = number(len(structure.disagreements) - SHOWN_DISAGREEMENTS)
            out.write(f"    … {more} more (aligner pair shows them all)\n")
    out.write(f"  {report.summary()}\n")
