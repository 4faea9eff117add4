"""``aligner align FR EN``: the main job. Links to stdout, or a memory written to ``-o``."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

import click

from ..align.sentences import AlignOptions, align_presegmented, format_ladder
from ..errors import InputError
from ..model import Bitext
from ..pipeline import align_files, bitext_segments, paragraph_segments
from ..profiles import detect_language
from ..readers.encoding import decode
from ..segment import split_presegmented
from ..writers import write_segments
from .options import memory_options

HISTOGRAM_BINS = (0.0, 0.5, 0.7, 0.9, 0.97, 1.0001)


def register(group: click.Group) -> None:
    group.add_command(align)


@click.command()
@click.argument("source", type=click.Path())
@click.argument("target", type=click.Path())
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write a memory (.tmx, .tsv, .jsonl) instead of printing links.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "tsv", "ladder"]),
    default="jsonl",
    show_default=True,
    help="How links are printed when there is no --output.",
)
@click.option(
    "--presegmented", is_flag=True, help="Each input is one sentence per line; no structure is parsed."
)
@click.option(
    "--src-lang",
    default=None,
    help="Source language, optionally with a region for the TMX (fr, fr-FR, fr-CA). Default: detected.",
)
@click.option(
    "--tgt-lang",
    default=None,
    help="Target language, optionally with a region (en, en-GB, en-CA). Default: detected.",
)
@click.option(
    "--dictionary",
    multiple=True,
    help="A bilingual dictionary (dictd .index or TSV), or 'auto' for installed freedict ones.",
)
@memory_options("memory")
@click.option("--force", is_flag=True, help="Align even if the files look like different documents.")
def align(
    source: str,
    target: str,
    output: str | None,
    output_format: str,
    presegmented: bool,
    src_lang: str | None,
    tgt_lang: str | None,
    dictionary: tuple[str, ...],
    min_confidence: float,
    keep_low: bool,
    segtype: str,
    inline: str,
    force: bool,
) -> None:
    """Align SOURCE with TARGET (conventionally FR EN): structure, then sentences."""
    options = AlignOptions(dictionary=_dictionary_option(dictionary))
    started = time.perf_counter()
    if presegmented:
        _align_presegmented(source, target, src_lang, tgt_lang, options, output_format, output)
        return
    bitext = align_files(source, target, options, _base(src_lang), _base(tgt_lang), force=force)
    segments = paragraph_segments(bitext) if segtype == "paragraph" else bitext_segments(bitext)
    if output is None:
        _print_links(bitext, output_format, sys.stdout)
        return
    writer_options = _writer_options(output, src_lang, tgt_lang, min_confidence, keep_low, segtype, inline)
    report = write_segments(segments, output, **writer_options)
    _print_summary(bitext, report, time.perf_counter() - started, sys.stderr)


def _base(code: str | None) -> str | None:
    return code.replace("_", "-").split("-")[0].lower() if code else None


def _dictionary_option(values: tuple[str, ...]):
    if not values:
        return None
    return "auto" if values == ("auto",) else list(values)


def _writer_options(
    output: str,
    src_lang: str | None,
    tgt_lang: str | None,
    min_confidence: float,
    keep_low: bool,
    segtype: str,
    inline: str,
) -> dict:
    options: dict = {"min_confidence": min_confidence, "low_confidence": "note" if keep_low else "drop"}
    if Path(output).suffix.lower() == ".tmx":
        options.update(segtype=segtype, inline=inline)
        if src_lang and "-" in src_lang:
            options["source_lang"] = src_lang
        if tgt_lang and "-" in tgt_lang:
            options["target_lang"] = tgt_lang
    return options


def _read_lines(path: str) -> list[str]:
    file = Path(path)
    if not file.is_file():
        raise InputError(f"{path}: no such file")
    data = file.read_bytes()
    return split_presegmented(decode(data, path).text)


def _align_presegmented(
    source: str,
    target: str,
    src_lang: str | None,
    tgt_lang: str | None,
    options: AlignOptions,
    output_format: str,
    output: str | None,
) -> None:
    source_lines, target_lines = _read_lines(source), _read_lines(target)
    source_code = _base(src_lang) or detect_language("\n".join(source_lines)) or "fr"
    target_code = _base(tgt_lang) or detect_language("\n".join(target_lines)) or "en"
    beads = align_presegmented(source_lines, target_lines, source_code, target_code, options)
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        if output_format == "ladder":
            for line in format_ladder(beads):
                out.write(line + "\n")
            return
        for bead in beads:
            record = {
                "source": " ".join(source_lines[i] for i in bead.source),
                "target": " ".join(target_lines[j] for j in bead.target),
                "confidence": round(bead.confidence, 4),
                "kind": bead.kind,
                "source_ids": list(bead.source),
                "target_ids": list(bead.target),
            }
            out.write(_link_line(record, output_format))
    finally:
        if output:
            out.close()


def _link_line(record: dict, output_format: str) -> str:
    if output_format == "tsv":
        one_line = lambda text: " ".join(str(text).split())
        return (
            "\t".join(
                one_line(record[field])
                for field in ("source", "target", "confidence", "unit", "kind")
                if field in record
            )
            + "\n"
        )
    return json.dumps(record, ensure_ascii=False) + "\n"


def _print_links(bitext: Bitext, output_format: str, out: TextIO) -> None:
    if output_format == "ladder":
        for link in bitext.links:
            out.write(
                f"[{','.join(map(str, link.source))}]:[{','.join(map(str, link.target))}]:{link.confidence:.4f}\n"
            )
        return
    for link in bitext.links:
        record = {
            "source": link.source_text,
            "target": link.target_text,
            "confidence": round(link.confidence, 4),
            "unit": link.unit,
            "kind": link.kind,
            "source_ids": list(link.source),
            "target_ids": list(link.target),
        }
        out.write(_link_line(record, output_format))


def _histogram(confidences: Iterable[float]) -> list[tuple[str, int]]:
    counts = Counter()
    for value in confidences:
        for low, high in zip(HISTOGRAM_BINS, HISTOGRAM_BINS[1:]):
            if low <= value < high:
                counts[(low, high)] += 1
                break
    return [
        (f"{low:.2f}–{min(high, 1.0):.2f}", counts[(low, high)])
        for low, high in zip(HISTOGRAM_BINS, HISTOGRAM_BINS[1:])
    ]


def _print_summary(bitext: Bitext, report, seconds: float, out: TextIO) -> None:
    structure = bitext.structure
    kinds = Counter(link.kind for link in bitext.links)
    out.write(
        f"aligned {Path(bitext.source_path).name} ({bitext.source_lang}) with {Path(bitext.target_path).name} "
        f"({bitext.target_lang}) in {seconds:.2f} s\n"
    )
    if structure is not None:
        out.write(
            f"  units: {len(structure.source.units)} source, {len(structure.target.units)} target, "
            f"{len(structure.paired)} pairs\n"
        )
    out.write(f"  sentences: {len(bitext.source_sentences)} source, {len(bitext.target_sentences)} target\n")
    out.write(
        "  links: "
        + ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items(), key=lambda item: -item[1]))
        + "\n"
    )
    out.write(
        "  confidence: "
        + ", ".join(
            f"{label} {count}" for label, count in _histogram(link.confidence for link in bitext.links)
        )
        + "\n"
    )
    if structure is not None:
        disagreements = Counter(d.kind for d in structure.disagreements)
        out.write(
            f"  disagreements: {len(structure.disagreements)}"
            + (" (" + ", ".join(f"{k} {v}" for k, v in disagreements.items()) + ")" if disagreements else "")
            + "\n"
        )
        for disagreement in structure.disagreements[:8]:
            out.write(f"    {disagreement.kind:<14} {disagreement.key:<16} {disagreement.detail}\n")
        if len(structure.disagreements) > 8:
            out.write(f"    … {len(structure.disagreements) - 8} more (aligner pair shows them all)\n")
    out.write(f"  wrote {report.summary()}\n")
