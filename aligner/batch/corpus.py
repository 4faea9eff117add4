"""Outputs over the whole batch, made from the per-pair memories once the pairs are done:
the merged memory (streamed, exact duplicates removed and counted) and the term table."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from ..errors import AlignerError
from ..memories import merge_memories, read_memory
from ..model import SegmentPair
from ..profiles import DEFAULT_PAIR, Language
from ..terms import extract_terms, write_terms

MERGED_NAME = "merged.tmx"
TERM_NAMES = ("terms.csv", "terms.tbx")


@dataclass(slots=True)
class CorpusOutputs:
    """What the batch-wide outputs hold; ``terms_note`` says why there is no term table."""

    memories: int = 0
    units_read: int = 0
    duplicates_removed: int = 0
    units_written: int = 0
    terms: int = 0
    terms_note: str = ""

    def as_record(self) -> dict:
        """The figures as a dict (what the batch's report prints and keeps)."""
        return asdict(self)


def merge_batch(
    memories: Sequence[Path],
    outdir: Path,
    created: datetime | None,
    languages: tuple[Language, Language] = DEFAULT_PAIR,
) -> CorpusOutputs:
    """``merged.tmx`` from the per-pair memories, in the order given, the batch's
    ``languages`` (source, target) as its sides."""
    merged = outdir / MERGED_NAME
    if not memories:
        merged.unlink(missing_ok=True)
        return CorpusOutputs()
    source, target = languages
    report = merge_memories(
        memories, merged, source_lang=source.code, target_lang=target.code, created=created
    )
    return CorpusOutputs(len(memories), report.units_read, report.duplicates_removed, report.units_written)


def batch_terms(
    memories: Sequence[Path],
    outdir: Path,
    outputs: CorpusOutputs,
    languages: tuple[Language, Language] = DEFAULT_PAIR,
) -> None:
    """``terms.csv`` and ``terms.tbx`` from every pair's memory (duplicates included: a term
    repeated across documents is a better term). The memories are read one unit at a time;
    the term extractor itself keeps the segments it is given. Each writer reads them once more
    for the example sentences, keeping only the cited ones."""
    paths = [outdir / name for name in TERM_NAMES]
    try:
        table = extract_terms(lean_segments(memories, languages))
    except AlignerError as error:
        outputs.terms_note = str(error)
        for path in paths:
            path.unlink(missing_ok=True)
        return
    for path in paths:
        write_terms(table, path, lean_segments(memories, languages))
    outputs.terms = table.height


def lean_segments(
    memories: Iterable[Path], languages: tuple[Language, Language] = DEFAULT_PAIR
) -> Iterator[SegmentPair]:
    """The units of the memories with only what the term table uses (texts, languages,
    document, tuid): no props or notes to hold for every segment."""
    for path in memories:
        source, target = languages
        for unit in read_memory(path, source_lang=source.code, target_lang=target.code):
            yield SegmentPair(
                unit.source,
                unit.target,
                unit.source_lang,
                unit.target_lang,
                key=unit.key,
                tuid=unit.tuid,
                document=unit.document,
            )
