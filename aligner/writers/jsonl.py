"""JSON Lines output: one object per pair, for scripts and data tools.

Keys: source, target, source_lang, target_lang, confidence (3 decimals), key, tuid, kind,
document, and note when the pair has one. Text is written as it is (``ensure_ascii=False``);
JSON escapes control characters itself, so only lone surrogates, which UTF-8 cannot encode,
are removed. Pairs with an empty side are kept by default (their ``kind`` says "1-0"): this is
a record of the alignment, not a memory; ``skip_empty=True`` leaves them out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ..atomic import atomic_open
from ..model import SegmentPair
from .common import (
    LONE_SURROGATES,
    ConfidenceRule,
    LowConfidencePolicy,
    TuidMaker,
    WriteReport,
    has_empty_side,
)


class JsonlWriter:
    def __init__(
        self,
        *,
        min_confidence: float = 0.0,
        low_confidence: LowConfidencePolicy = "drop",
        skip_empty: bool = False,
    ) -> None:
        self.confidence_rule = ConfidenceRule(min_confidence, low_confidence)
        self.skip_empty = skip_empty

    def write(self, pairs: Iterable[SegmentPair], path: str | Path) -> WriteReport:
        report = WriteReport(path=str(path), format="jsonl")
        tuids = TuidMaker()
        with atomic_open(path, "w", encoding="utf-8", newline="\n") as output:
            for pair in pairs:
                record = self.record(pair, tuids.tuid(pair), report)
                if record is not None:
                    output.write(json.dumps(record, ensure_ascii=False) + "\n")
        return report

    def record(self, pair: SegmentPair, tuid: str, report: WriteReport) -> dict[str, object] | None:
        """The pair's JSON object, or None (counted in the report) if it is not written."""
        if self.skip_empty and has_empty_side(pair):
            report.skipped_empty_side += 1
            return None
        low_confidence_note = self.confidence_rule.note_for(pair.confidence, report)
        if low_confidence_note is None:
            return None
        record: dict[str, object] = {
            "source": pair.source,
            "target": pair.target,
            "source_lang": pair.source_lang,
            "target_lang": pair.target_lang,
            "confidence": round(pair.confidence, 3),
            "key": pair.key,
            "tuid": tuid,
            "kind": pair.kind,
            "document": pair.document,
        }
        note = " ".join(part for part in (pair.note, low_confidence_note) if part)
        if note:
            record["note"] = note
        for name, value in record.items():
            if isinstance(value, str):
                record[name], removed = LONE_SURROGATES.subn("", value)
                report.characters_removed += removed
        report.units_written += 1
        return record


def write_jsonl(pairs: Iterable[SegmentPair], path: str | Path, **options) -> WriteReport:
    """Write ``pairs`` as JSON Lines at ``path``; see ``JsonlWriter`` for the options."""
    return JsonlWriter(**options).write(pairs, path)
