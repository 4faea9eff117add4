"""Translation memories in, translation memories out: read TMX files back into
``SegmentPair``s and merge several into one TMX without exact duplicates.

Reading streams with ``etree.iterparse`` (one ``<tu>`` in memory at a time) and is hardened
against hostile files: no DTD is loaded, no network is used, entities are never expanded, and
a file whose internal DTD subset declares any entity (the shape of XXE and "billion laughs"
attacks) is refused before its first element is read. Malformed files raise a one-line
``InputError``.

Sides are picked by ``xml:lang``: asking for ``fr`` matches ``fr``, ``fr-FR``, ``fr-CA``...
(an exact match is preferred), in whichever order the file lists the variants. Inline codes
are reduced to text: the content of ``<ph>`` (footnote references, for our own files) and of
``<hi>`` is kept, the native codes in ``<bpt>``/``<ept>``/``<it>``/``<ut>`` are dropped.
"""

from __future__ import annotations

import hashlib
import math
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lxml import etree

from .errors import AlignerError, InputError
from .files import check_input
from .links import read_links
from .model import REVIEW_STATUSES, SegmentPair
from .profiles import normalized_tag, primary_language
from .readers.safexml import declares_entities, iterparse_xml
from .writers.common import WriteReport
from .writers.tmx import write_tmx

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ALL_LANGUAGES = "*all*"


def normalized_language(code: str) -> str:
    """A language tag in one spelling for comparisons: " fr_CA " gives "fr-ca"."""
    return normalized_tag(code).lower()


def best_variant(variants: list[tuple[str, str]], wanted: str, exclude: int = -1) -> int | None:
    """Index of the variant in the language ``wanted``, skipping ``exclude``: the very code
    asked for if present, else the first in the same language (other region, or none)."""
    wanted = normalized_language(wanted)
    wanted_primary = wanted.split("-", 1)[0]
    same_language = None
    for index, (language, _) in enumerate(variants):
        if index == exclude:
            continue
        code = normalized_language(language)
        if code == wanted:
            return index
        if same_language is None and code.split("-", 1)[0] == wanted_primary:
            same_language = index
    return same_language


def segment_text(element: etree._Element) -> str:
    """The text of a ``<seg>`` (or ``<hi>``), with inline codes reduced to their text."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "hi":  # highlighted text, which may hold codes of its own
            parts.append(segment_text(child))
        elif child.tag == "ph":  # a placeholder: our footnote references are text
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def one_line_message(error: Exception) -> str:
    """An exception's message on one line (XML parsers' messages may hold line breaks)."""
    return " ".join(str(error).split())


class TmxReader:
    """Streams the units of one TMX file as ``SegmentPair``s.

    ``source_lang``/``target_lang`` say which variants to take (``fr`` matches any French);
    without ``source_lang`` the header's ``srclang`` decides, and without ``target_lang`` the
    first variant in another language is the target. A unit lacking either side is skipped
    and counted in ``units_skipped``; ``units_read`` counts every ``<tu>``.
    """

    def __init__(
        self, path: str | Path, *, source_lang: str | None = None, target_lang: str | None = None
    ) -> None:
        self.path = Path(path)
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.header: dict[str, str] = {}
        self.units_read = 0
        self.units_skipped = 0

    def __iter__(self) -> Iterator[SegmentPair]:
        self.check_file()
        context = iterparse_xml(self.path, events=("start", "end"), tags=("tmx", "header", "tu"))
        try:
            yield from self.units(context)
        except etree.XMLSyntaxError as error:
            raise InputError(f"{self.path}: malformed TMX: {one_line_message(error)}") from None
        except OSError as error:
            raise InputError(
                f"{self.path}: cannot read: {error.strerror or one_line_message(error)}"
            ) from None

    def check_file(self) -> None:
        """A regular file (not a folder, device or pipe) within the input size limit, not empty."""
        if check_input(self.path).st_size == 0:
            raise InputError(f"{self.path}: empty file")

    def units(self, context: Any) -> Iterator[SegmentPair]:
        """The units of the file as segment pairs, read as the parser's events come and released
        after: the root is checked first, the header kept, units without both languages counted
        as skipped."""
        checked = False
        for event, element in context:
            if not checked:
                self.check_root(element.getroottree().getroot())
                checked = True
            if event == "start":
                continue
            if element.tag == "header":
                self.header = {name: str(value) for name, value in element.attrib.items()}
            elif element.tag == "tu":
                self.units_read += 1
                pair = self.pair(element)
                release(element)
                if pair is None:
                    self.units_skipped += 1
                else:
                    yield pair
        if not checked:
            root = context.root.tag if context.root is not None else "none"
            raise InputError(f"{self.path}: not a TMX file (root element <{root}>)")

    def check_root(self, root: etree._Element) -> None:
        """Refuse entity declarations and files that are not TMX, before reading further."""
        if declares_entities(root.getroottree()):
            raise InputError(f"{self.path}: refused: the file declares XML entities (unsafe, not valid TMX)")
        if root.tag != "tmx":
            raise InputError(f"{self.path}: not a TMX file (root element <{root.tag}>)")

    def pair(self, unit: etree._Element) -> SegmentPair | None:
        """The pair one <tu> gives (its two chosen language variants, with the unit's props, notes
        and review status), or None when one of the languages is missing."""
        variants = [
            (tuv.get(XML_LANG) or tuv.get("lang") or "", segment_text(seg))
            for tuv in unit.iterfind("tuv")
            if (seg := tuv.find("seg")) is not None
        ]
        sides = self.pick_sides(variants)
        if sides is None:
            return None
        (source_lang, source), (target_lang, target) = (variants[index] for index in sides)
        props = {prop.get("type", ""): prop.text or "" for prop in unit.iterfind("prop")}
        notes = [note.text.strip() for note in unit.iterfind("note") if note.text and note.text.strip()]
        return SegmentPair(
            source=source,
            target=target,
            source_lang=source_lang,
            target_lang=target_lang,
            key=props.get("x-key", ""),
            tuid=unit.get("tuid", ""),
            document=props.get("x-document", ""),
            confidence=parse_confidence(props.get("x-confidence")),
            kind=props.get("x-link-type", "1-1"),
            note=" | ".join(notes),
            props=props,
            status=status if (status := props.get("x-status", "")) in REVIEW_STATUSES else "",
        )

    def pick_sides(self, variants: list[tuple[str, str]]) -> tuple[int, int] | None:
        """Indices of the source and target variants, or None if the unit lacks one."""
        wanted_source = self.source_lang or self.header.get("srclang", "")
        if wanted_source and wanted_source.lower() != ALL_LANGUAGES:
            source = best_variant(variants, wanted_source)
        else:
            source = 0 if variants else None
        if source is None:
            return None
        if self.target_lang:
            target = best_variant(variants, self.target_lang, exclude=source)
        else:
            target = first_other_language(variants, source)
        return None if target is None else (source, target)


def first_other_language(variants: list[tuple[str, str]], source: int) -> int | None:
    """The first variant in a language other than the source's (else any other variant)."""
    source_language = primary_language(variants[source][0])
    others = [index for index in range(len(variants)) if index != source]
    for index in others:
        if primary_language(variants[index][0]) != source_language:
            return index
    return others[0] if others else None


def parse_confidence(value: str | None) -> float:
    """``x-confidence`` as a float; units from other tools have none and count as sure."""
    try:
        confidence = float(value) if value else 1.0
    except ValueError:
        return 1.0
    return 1.0 if math.isnan(confidence) else min(max(confidence, 0.0), 1.0)


def release(element: etree._Element) -> None:
    """Free a processed unit and the siblings already read, so memory stays flat."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def read_memory(
    path: str | Path, *, source_lang: str | None = None, target_lang: str | None = None
) -> Iterator[SegmentPair]:
    """The units of a TMX file as ``SegmentPair``s, streamed; see ``TmxReader``."""
    return iter(TmxReader(path, source_lang=source_lang, target_lang=target_lang))


class SeenPairs:
    """A compact set of (source, target) pairs, remembered by a 128-bit BLAKE2b digest.

    Digests sit in two flat arrays of 64-bit halves with open addressing (linear probing),
    16 bytes a slot at most 3/4 full, where a Python set of digests costs about 100 bytes an
    entry: two million pairs take 32 to 64 MB instead of 200. A false duplicate would need two
    different pairs with the same 127-bit digest. Zero marks an empty slot, so the low half is
    stored with its lowest bit set.
    """

    MAX_LOAD = 3 / 4

    def __init__(self, capacity: int = 1 << 16) -> None:
        self._high = array("Q", bytes(8 * capacity))
        self._low = array("Q", bytes(8 * capacity))
        self._mask = capacity - 1
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def add(self, source: str, target: str) -> bool:
        """Remember the pair; True if it was new, False if it had been seen."""
        digest = hashlib.blake2b(
            source.encode("utf-8", "surrogatepass") + b"\0" + target.encode("utf-8", "surrogatepass"),
            digest_size=16,
        ).digest()
        high = int.from_bytes(digest[:8], "little")
        low = int.from_bytes(digest[8:], "little") | 1
        if not self._insert(high, low):
            return False
        self._size += 1
        if self._size > self.MAX_LOAD * len(self._low):
            self._grow()
        return True

    def _insert(self, high: int, low: int) -> bool:
        index = high & self._mask
        while (slot_low := self._low[index]) != 0:
            if slot_low == low and self._high[index] == high:
                return False
            index = (index + 1) & self._mask
        self._high[index] = high
        self._low[index] = low
        return True

    def _grow(self) -> None:
        old_high, old_low = self._high, self._low
        capacity = 2 * len(old_low)
        self._high = array("Q", bytes(8 * capacity))
        self._low = array("Q", bytes(8 * capacity))
        self._mask = capacity - 1
        for high, low in zip(old_high, old_low, strict=True):
            if low:
                self._insert(high, low)


@dataclass(slots=True)
class MergeReport:
    """What ``merge_memories`` did."""

    output: str
    files_read: int = 0
    units_read: int = 0
    units_skipped: int = 0
    rejected: int = 0
    duplicates_removed: int = 0
    units_written: int = 0
    written: WriteReport | None = field(default=None, repr=False)

    def lines(self) -> list[str]:
        """The report as aligned lines: the output, then files read, units read, skipped, rejected,
        duplicates, what the writer dropped or cleaned, and units written."""
        rows = [
            ("files read", self.files_read),
            ("units read", self.units_read),
            ("skipped (language missing)", self.units_skipped),
            ("rejected by a reviewer", self.rejected),
            ("duplicates removed", self.duplicates_removed),
        ]
        if self.written is not None:
            rows += [
                ("skipped (empty side)", self.written.skipped_empty_side),
                ("dropped (low confidence)", self.written.dropped_below_threshold),
                ("characters removed", self.written.characters_removed),
            ]
        rows.append(("units written", self.units_written))
        width = max(len(label) for label, _ in rows)
        return [f"merged into {self.output}"] + [f"  {label:<{width}}  {count:>10,}" for label, count in rows]


class MemoryMerger:
    """Streams units from several TMX files, once each, in one language direction.

    Without explicit languages, the direction of the first unit read is used for every
    file after it, so memories written in the other direction are read the right way round.
    """

    def __init__(self, report: MergeReport, source_lang: str | None, target_lang: str | None) -> None:
        self.report = report
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.seen = SeenPairs()

    def units(self, paths: Iterable[str | Path]) -> Iterator[SegmentPair]:
        """Every new unit of the files in the merge's direction, TMX streamed and links files read
        whole, counted in the report."""
        for path in paths:
            if Path(path).suffix.lower() == ".tmx":
                reader = TmxReader(path, source_lang=self.source_lang, target_lang=self.target_lang)
                yield from self.new_pairs(reader)
                self.report.units_read += reader.units_read
                self.report.units_skipped += reader.units_skipped
            else:
                yield from self.new_pairs(self.links_pairs(path))
            self.report.files_read += 1

    def new_pairs(self, pairs: Iterable[SegmentPair]) -> Iterator[SegmentPair]:
        """The pairs not seen before (same source and target texts), counting the duplicates; the
        first pair fixes the direction."""
        for pair in pairs:
            self.learn_direction(pair)
            if self.seen.add(pair.source, pair.target):
                yield pair
            else:
                self.report.duplicates_removed += 1

    def links_pairs(self, path: str | Path) -> Iterator[SegmentPair]:
        """The links of a links file (or of the TSV ``align`` writes) in this merge's direction;
        rejected links are counted and left out."""
        links = read_links(path)
        self.report.units_read += len(links.pairs)
        self.report.rejected += links.rejected()
        for pair in links.memory_pairs():
            if self.source_lang and primary_language(pair.source_lang) != primary_language(self.source_lang):
                pair = swapped(pair)
            yield pair

    def learn_direction(self, pair: SegmentPair) -> None:
        """Take the languages of the first pair as the merge's direction when none was given."""
        if self.source_lang is None:
            self.source_lang = primary_language(pair.source_lang)
        if self.target_lang is None:
            self.target_lang = primary_language(pair.target_lang)


def swapped(pair: SegmentPair) -> SegmentPair:
    """The same link read the other way round."""
    return replace(
        pair,
        source=pair.target,
        target=pair.source,
        source_lang=pair.target_lang,
        target_lang=pair.source_lang,
        kind="-".join(reversed(pair.kind.split("-"))),
        source_sentences=pair.target_sentences,
        target_sentences=pair.source_sentences,
        source_ids=pair.target_ids,
        target_ids=pair.source_ids,
    )


def merge_memories(
    paths: Iterable[str | Path],
    output: str | Path,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    **write_options,
) -> MergeReport:
    """Merge TMX files into one at ``output``, dropping exact duplicates (same source and
    target text). Streams: only digests of the pairs seen are kept. ``write_options`` go to
    ``TmxWriter`` (language codes, confidence threshold...); units the same on both sides
    (the label units "12." / "12." of a memory) are kept unless ``keep_identical=False``:
    what a memory holds was decided when it was written."""
    write_options.setdefault("keep_identical", True)
    paths = list(paths)
    if not paths:
        raise AlignerError("nothing to merge: give at least one TMX or links file")
    report = MergeReport(output=str(output))
    merger = MemoryMerger(report, source_lang, target_lang)
    report.written = write_tmx(merger.units(paths), output, **write_options)
    report.units_written = report.written.units_written
    return report
