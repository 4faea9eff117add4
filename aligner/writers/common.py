"""What every translation-memory writer shares: the report, text cleaning, stable tuids and
the confidence rule. Each format module decides only how a unit is laid out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, Protocol

from ..errors import AlignerError
from ..model import SegmentPair

# Characters XML 1.0 allows (production [2] Char): tab, LF, CR and everything from U+0020 on,
# except the surrogate block and U+FFFE/U+FFFF. Anything else cannot appear in a TMX file,
# not even as a character reference, so it is removed (and counted).
XML_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# Lone surrogates cannot be encoded in UTF-8 at all: every writer removes them.
LONE_SURROGATES = re.compile("[\ud800-\udfff]")

LowConfidencePolicy = Literal["drop", "note"]


class HasSides(Protocol):
    source: str
    target: str


LOW_CONFIDENCE_POLICIES = ("drop", "note")


@dataclass(slots=True)
class WriteReport:
    """What a writer did with the pairs it was given."""

    path: str
    format: str
    units_written: int = 0
    skipped_empty_side: int = 0
    rejected_left_out: int = 0
    dropped_below_threshold: int = 0
    kept_with_note: int = 0
    characters_removed: int = 0

    def summary(self) -> str:
        parts = [f"{self.units_written} units written to {self.path}"]
        if self.rejected_left_out:
            parts.append(f"{self.rejected_left_out} rejected by a reviewer left out")
        if self.skipped_empty_side:
            parts.append(f"{self.skipped_empty_side} with an empty side skipped")
        if self.dropped_below_threshold:
            parts.append(f"{self.dropped_below_threshold} below the confidence threshold dropped")
        if self.kept_with_note:
            parts.append(f"{self.kept_with_note} kept with a low-confidence note")
        if self.characters_removed:
            parts.append(f"{self.characters_removed} characters not allowed in XML removed")
        return "; ".join(parts)


def rated_confidence(pair: SegmentPair) -> float:
    """The confidence a threshold is applied to: a link that a reviewer approved or corrected
    is sure, whatever the aligner thought of it."""
    return 1.0 if pair.status in ("approved", "edited") else pair.confidence


def left_out_of_memory(pair: SegmentPair, report: WriteReport) -> bool:
    """A link a reviewer rejected is never a memory unit (counted in the report)."""
    if pair.status == "rejected":
        report.rejected_left_out += 1
        return True
    return False


def has_empty_side(pair: HasSides) -> bool:
    """A 1-0 or 0-1 link: one side has no text to translate or to reuse."""
    return not pair.source.strip() or not pair.target.strip()


@dataclass(frozen=True, slots=True)
class ConfidenceRule:
    """What to do with pairs whose confidence is below ``min_confidence``: drop them, or keep
    them with a note saying so."""

    min_confidence: float = 0.0
    low_confidence: LowConfidencePolicy = "drop"

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_confidence <= 1.0:
            raise AlignerError(f"minimum confidence must be between 0 and 1, got {self.min_confidence}")
        if self.low_confidence not in LOW_CONFIDENCE_POLICIES:
            raise AlignerError(
                f"low-confidence policy must be one of {', '.join(LOW_CONFIDENCE_POLICIES)}, "
                f"got {self.low_confidence!r}"
            )

    def note_for(self, confidence: float, report: WriteReport) -> str | None:
        """None if the pair is dropped, else the note it must carry ("" for none); both counted."""
        if confidence >= self.min_confidence:
            return ""
        if self.low_confidence == "drop":
            report.dropped_below_threshold += 1
            return None
        report.kept_with_note += 1
        return f"low confidence: {confidence:.3f} is below the threshold {self.min_confidence:.3f}"


class TuidMaker:
    """Stable identifiers for pairs that arrive without one: ``document:key:ordinal``.

    The ordinal numbers the pairs of one key within a document (the second sentence of
    ``res:IV/op:12`` gets ``A/74/400:res:IV/op:12:2``). Counts are kept for the current
    document only and dropped when the document changes, so memory is bounded by the largest
    document, not by the stream; pairs that bring their own tuid are not counted at all. Every
    pair without a tuid is counted, written or not, so changing a threshold never renumbers
    the units that remain.
    """

    def __init__(self) -> None:
        self._document: str | None = None
        self._ordinals: dict[str, int] = {}

    def tuid(self, pair: SegmentPair) -> str:
        if pair.tuid:
            return pair.tuid
        if pair.document != self._document:
            self._document = pair.document
            self._ordinals.clear()
        ordinal = self._ordinals.get(pair.key, 0) + 1
        self._ordinals[pair.key] = ordinal
        prefix = ":".join(part for part in (pair.document, pair.key) if part)
        return f"{prefix}:{ordinal}" if prefix else str(ordinal)


LINE_BREAKS = re.compile("[\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")


def one_line(text: str) -> str:
    """Collapse tabs and line breaks (every character ``str.splitlines`` breaks on) to one
    space, so that a unit can never span two lines of a line-based format."""
    return LINE_BREAKS.sub(" ", text)
