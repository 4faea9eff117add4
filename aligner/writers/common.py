"""What every translation-memory writer shares: the report, text cleaning, stable tuids, the
confidence rule, the label rule and the planner that turns a pair into the units to write.
Each format module decides only how a unit is laid out.

Labels and CAT segmentation
---------------------------
A CAT tool segments the document it is given with its own rules (SRX in OmegaT, Trados and
memoQ), and a memory unit is reused only where its source equals one of those segments. The
default rules break after a full stop followed by a space and a capital, so a paragraph
number such as "12." or "IV." becomes a segment of its own, while "a)", "(a)" and a
footnote's "³" stay with the text that follows. ``labels="auto"`` writes the memory the same
way: a label ending in a full stop becomes a unit of its own ("12." -> "12."), any other label
stays in the text. Measured with OmegaT 3.6 on A/74/400 (``scripts/bench_tmx.py``), it fills
more segments than every other choice; ``unit``, ``text``, ``omit`` and ``tag`` (an inline
code before the text, in formats that have them) are there for tools that segment otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal, Protocol

from ..errors import AlignerError
from ..model import SegmentPair
from ..profiles import get_profile, normalized_tag
from ..wording import counted, number

# Characters XML 1.0 allows (production [2] Char): tab, LF, CR and everything from U+0020 on,
# except the surrogate block and U+FFFE/U+FFFF. Anything else cannot appear in a TMX file,
# not even as a character reference, so it is removed (and counted).
XML_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class CharacterCleaner:
    """Removes XML-forbidden characters from the texts of one unit and counts them."""

    def __init__(self) -> None:
        self.removed = 0

    def __call__(self, text: str) -> str:
        cleaned, count = XML_FORBIDDEN.subn("", text)
        self.removed += count
        return cleaned


# Lone surrogates cannot be encoded in UTF-8 at all: every writer removes them.
LONE_SURROGATES = re.compile("[\ud800-\udfff]")

LowConfidencePolicy = Literal["drop", "note"]
LabelMode = Literal["auto", "unit", "text", "omit", "tag", "keep"]
LABEL_MODES = ("auto", "unit", "text", "omit", "tag", "keep")

# What SRX default rules end a segment on: a label ending so is a segment of its own.
SEGMENT_END = frozenset(".!?")


class HasSides(Protocol):
    """Anything with a source and a target text (a segment pair, a planned unit): what the empty-
    side rule looks at."""

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
    label_units: int = 0
    identical_left_out: int = 0
    formulas_quoted: int = 0

    def summary(self) -> str:
        """What was written and what was left out, on one line ("wrote 52 units to x.tmx; ...")."""
        parts = [f"wrote {counted(self.units_written, 'unit')} to {self.path}"]
        if self.label_units:
            parts.append(
                counted(
                    self.label_units, "of them a paragraph or list label", "of them paragraph or list labels"
                )
            )
        left_out = (
            (self.rejected_left_out, "rejected by a reviewer left out"),
            (self.skipped_empty_side, "with an empty side skipped"),
            (self.identical_left_out, "the same on both sides left out"),
            (self.dropped_below_threshold, "below the confidence threshold dropped"),
            (self.kept_with_note, "kept with a low-confidence note"),
        )
        parts += [f"{number(count)} {what}" for count, what in left_out if count]
        if self.characters_removed:
            parts.append(f"{counted(self.characters_removed, 'character')} not allowed in XML removed")
        if self.formulas_quoted:
            quoted = counted(self.formulas_quoted, "cell")
            parts.append(f"{quoted} a spreadsheet would run as a formula quoted with an apostrophe")
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


def is_identical(pair: HasSides) -> bool:
    """Both sides are the same text (spacing aside): not a translation but a passage printed
    in both files in one language (a bilingual appendix, a name, a number)."""
    return " ".join(pair.source.split()) == " ".join(pair.target.split())


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


@dataclass(frozen=True, slots=True)
class LabelRule:
    """Where the printed label of a unit ("12.", "a)", "³") goes; see the module docstring.

    * ``auto``: a unit of its own when the source label ends a segment (a full stop), in the
      text otherwise;
    * ``unit``: always a unit of its own; ``text``: before the text, as printed;
    * ``omit``: left out; ``tag``: an inline code before the text (TMX, XLIFF only);
    * ``keep``: the texts as the aligner gave them (labels in paragraphs and list items,
      footnote numbers left out as the readers leave them).

    A label becomes a unit only when both sides have one; each distinct label pair is written
    once per file ("1." -> "1." does not need repeating for every resolution).
    """

    mode: LabelMode = "auto"
    inline_codes: bool = True

    def __post_init__(self) -> None:
        if self.mode not in LABEL_MODES:
            raise AlignerError(f"label mode must be one of {', '.join(LABEL_MODES)}, got {self.mode!r}")
        if self.mode == "tag" and not self.inline_codes:
            raise AlignerError(
                "labels as tags need a format with inline codes (.tmx, .xlf); use auto, unit, text or omit"
            )

    def apart(self, pair: SegmentPair) -> bool:
        """Is the label pair written as a unit of its own?"""
        if not (pair.source_label and pair.target_label) or self.mode == "keep":
            return False
        return self.mode == "unit" or (self.mode == "auto" and pair.source_label[-1] in SEGMENT_END)

    def side(self, label: str, text: str, apart: bool) -> tuple[str, str]:
        """(label as an inline code or "", text as written) for one side of a unit. The text
        opens with its label, except a footnote's text, which readers give without it."""
        if self.mode == "keep":
            return "", text
        body = text[len(label) :].lstrip() if label and text.startswith(label) else text
        if not label or apart or self.mode in ("omit", "unit"):
            return "", body
        if self.mode == "tag":
            return label, body
        return "", f"{label} {body}"


@dataclass(slots=True)
class PlannedUnit:
    """One unit to lay out: a pair (its texts final, labels placed) and what goes with it.
    ``source_code``/``target_code`` are labels to write as an inline code before the text."""

    pair: SegmentPair
    tuid: str
    notes: list[str] = field(default_factory=list)
    source_code: str = ""
    target_code: str = ""


class UnitPlanner:
    """Turns each pair into the units a memory writer lays out: leaves out links a reviewer
    rejected, pairs with an empty side, pairs whose two sides are the same text (unless
    ``keep_identical``) and those below the confidence threshold (counted in the report),
    places labels, adds the notes, and gives each unit its tuid. ``removed`` is what the
    format strips from texts (XML-forbidden characters by default), so that a side made only
    of those counts as empty."""

    def __init__(
        self,
        confidence: ConfidenceRule,
        labels: LabelRule,
        note: str = "",
        skip_empty: bool = True,
        removed: re.Pattern[str] = XML_FORBIDDEN,
        keep_identical: bool = False,
    ) -> None:
        self.confidence = confidence
        self.labels = labels
        self.note = note.strip()
        self.skip_empty = skip_empty
        self.removed = removed
        self.keep_identical = keep_identical
        self.tuids = TuidMaker()
        self._labels_written: set[tuple[str, str]] = set()

    def units(self, pair: SegmentPair, report: WriteReport) -> list[PlannedUnit]:
        """The units a pair becomes in a memory: none for a pair left out (rejected, an empty
        side, the same text on both sides), else its text and, by the label rule, its label
        as a unit of its own."""
        tuid = self.tuids.tuid(pair)
        if left_out_of_memory(pair, report):
            return []
        if self.skip_empty and self.has_empty_side(pair):
            report.skipped_empty_side += 1
            return []
        if not self.keep_identical and is_identical(pair):
            report.identical_left_out += 1
            return []
        low_confidence_note = self.confidence.note_for(rated_confidence(pair), report)
        if low_confidence_note is None:
            return []
        notes = [text for text in (pair.note.strip(), self.note, low_confidence_note) if text]
        apart = self.labels.apart(pair)
        source_code, source = self.labels.side(pair.source_label, pair.source, apart)
        target_code, target = self.labels.side(pair.target_label, pair.target, apart)
        unit = replace(pair, source=source, target=target)
        planned = [PlannedUnit(unit, tuid, notes, source_code, target_code)]
        label_pair = (pair.source_label, pair.target_label)
        if apart and label_pair not in self._labels_written:
            self._labels_written.add(label_pair)
            label = replace(
                pair, source=label_pair[0], target=label_pair[1], kind="label", note="", status=""
            )
            planned.insert(0, PlannedUnit(label, f"{tuid}:label", [self.note] if self.note else []))
            report.label_units += 1
        return planned

    def has_empty_side(self, pair: SegmentPair) -> bool:
        """A 1-0 or 0-1 link, or a side with nothing left once the characters the format
        cannot hold are removed."""
        return not self.removed.sub("", pair.source).strip() or not self.removed.sub("", pair.target).strip()


def memory_language(code: str) -> str:
    """The tag a memory writes for a pair's language: a tag that names a region is kept, a
    bare one gets the region its language profile gives ("fr" -> "fr-FR"); a language
    without a profile is written as it is."""
    normalized = normalized_tag(code)
    if "-" in normalized:
        return normalized
    try:
        return get_profile(normalized).locale()
    except AlignerError:
        return normalized


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
        """The pair's tuid: its own, else document, key and the ordinal of the key within the document
        ("A/74/400:p:12:2")."""
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
