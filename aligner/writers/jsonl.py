"""JSON Lines output: the links file (see ``aligner.links`` for the schema).

A first line describes the document (languages, symbol, file names, structural
disagreements); then one object per link: source, target, confidence (4 decimals), key, kind,
tuid, status when reviewed, languages, document, note when there is one, and the sentences
and sentence positions of each side where known. Text is written as it is
(``ensure_ascii=False``; escaped on a stream whose encoding cannot hold every character, a
cp1252 console); JSON escapes control characters itself, so only lone surrogates, which UTF-8
cannot encode, are removed. Links with an empty side are kept by default (their
``kind`` says "1-0"): this is a record of the alignment, not a memory; ``skip_empty=True``
leaves them out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import chain
from pathlib import Path
from typing import IO, Any

from ..atomic import atomic_open
from ..links import LinksMeta, link_record
from ..model import SegmentPair
from .common import (
    LONE_SURROGATES,
    ConfidenceRule,
    LowConfidencePolicy,
    TuidMaker,
    WriteReport,
    has_empty_side,
    rated_confidence,
)


class JsonlWriter:
    """``.jsonl``: the links file, the aligner's own lossless format (one JSON record a link, after
    a first record of metadata), which ``export``, ``review`` and ``check`` read back;
    ``ascii_only`` escapes every character beyond ASCII."""

    def __init__(
        self,
        *,
        min_confidence: float = 0.0,
        low_confidence: LowConfidencePolicy = "drop",
        skip_empty: bool = False,
        meta: LinksMeta | None = None,
    ) -> None:
        self.confidence_rule = ConfidenceRule(min_confidence, low_confidence)
        self.skip_empty = skip_empty
        self.meta = meta
        self.ascii_only = False

    def write(self, pairs: Iterable[SegmentPair], path: str | Path) -> WriteReport:
        """Write ``pairs`` to ``path`` as the module describes (the ``SegmentWriter`` contract): streamed,
        atomically, with what was written and left out in the report."""
        with atomic_open(path, "w", encoding="utf-8", newline="\n") as output:
            return self.write_stream(pairs, output, str(path))

    def write_stream(self, pairs: Iterable[SegmentPair], output: IO[str], name: str = "-") -> WriteReport:
        """Write the document line and the links to an open text stream."""
        report = WriteReport(path=name, format="jsonl")
        self.ascii_only = not _holds_unicode(output)
        remaining = iter(pairs)
        first = next(remaining, None)
        meta = self.meta or (LinksMeta.from_pair(first) if first is not None else LinksMeta())
        output.write(self.line(meta.record(), report))
        tuids = TuidMaker()
        for pair in chain([first] if first is not None else [], remaining):
            record = self.record(pair, tuids.tuid(pair), report)
            if record is not None:
                output.write(self.line(record, report))
        return report

    def record(self, pair: SegmentPair, tuid: str, report: WriteReport) -> dict[str, Any] | None:
        """The link's JSON object, or None (counted in the report) if it is not written."""
        if self.skip_empty and has_empty_side(pair):
            report.skipped_empty_side += 1
            return None
        low_confidence_note = self.confidence_rule.note_for(rated_confidence(pair), report)
        if low_confidence_note is None:
            return None
        note = " ".join(part for part in (pair.note, low_confidence_note) if part)
        report.units_written += 1
        return link_record(pair, tuid, note)

    def line(self, record: dict[str, Any], report: WriteReport) -> str:
        """A record as one JSON line, lone surrogates removed (and counted)."""
        text, removed = LONE_SURROGATES.subn("", json.dumps(record, ensure_ascii=self.ascii_only))
        report.characters_removed += removed
        # JSON leaves these raw, and they end a line for str.splitlines and many tools: escaped,
        # a record is one line for every reader.
        return text.translate(_LINE_ENDS_IN_JSON) + "\n"


_LINE_ENDS_IN_JSON = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def _holds_unicode(stream: IO[str]) -> bool:
    """Whether ``stream`` encodes every character (a file, a UTF-8 console); a cp1252 or ASCII
    console gets ``\\u00e9`` escapes instead, the same JSON."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    return encoding.lower().replace("_", "-").startswith("utf")


def write_jsonl(pairs: Iterable[SegmentPair], path: str | Path, **options: Any) -> WriteReport:
    """Write ``pairs`` as a links file at ``path``; see ``JsonlWriter`` for the options."""
    return JsonlWriter(**options).write(pairs, path)
