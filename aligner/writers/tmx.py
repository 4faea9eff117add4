"""TMX 1.4b output, streamed: one ``<tu>`` per pair, written as the pairs arrive.

The file is written with lxml's incremental ``etree.xmlfile``: each unit is built as a small
element, serialised and forgotten, so memory stays flat for millions of units. It goes through
``aligner.atomic``: an exception part-way leaves no file behind.

Language codes
--------------
Units carry region-qualified codes: the pairs' own (the pipeline gives each document the
region of its origin where the reader knows it, fr-CA/en-CA for a Canadian act, else its
language profile's default, fr-FR/en-GB), and a bare code gets its profile's default region
(``common.memory_language``). Why regions:

* Trados Studio translation memories are created for one specific locale pair (French
  (France) -> English (United Kingdom)); its TMX import takes the TM's language direction
  and has a ``CheckMatchingSublanguages`` setting that rejects units whose sub-language
  differs from the TM's (RWS Studio API, ``Sdl.LanguagePlatform.TranslationMemory.
  ImportSettings``; Trados cloud import doc: "mismatched language pairs are not imported").
  A region-qualified code that equals the TM's locale imports whatever that setting is; a
  bare ``fr`` depends on it.
* memoQ reads the ``xml:lang`` codes and lets the user map them to the TM's languages in
  its "Translation memory TMX import settings" dialog (memoQ documentation); both forms work,
  the regional one maps onto a regional TM with no manual step.
* OmegaT matches the project's language against ``xml:lang``: same language and country
  first, then the same language without country, then the same language with any country
  (OmegaT user manual, "Translation memories"; OmegaT feature request #1452 describing
  ``ExternalTMFactory``). Region-qualified codes therefore load in any French or English
  project.

``source_lang``/``target_lang`` override them (``--src-lang fr-CA``).

Footnote references and labels
------------------------------
Texts keep footnote references as superscript digits. By default they stay plain characters:
a CAT tool that reads a plain-text or PDF-converted source sees them as characters, and OmegaT
reads the inline codes of an external memory at "level 1" (its default), dropping each code
with its content, so a memory with codes no longer equals those segments (on A/74/400, 753
of OmegaT's 901 segments filled with codes against 824 without, ``scripts/bench_tmx.py``).
With ``inline="tags"`` a run of superscript digits that follows a letter or a closing
punctuation mark becomes a TMX placeholder: ``<ph x="12" assoc="p" type="fnote">¹²</ph>``.
``type="fnote"`` is the TMX 1.4b recommended value for a footnote, ``assoc="p"`` says the
code belongs to the text before it, and ``x`` is the footnote number, so that the same
footnote gets the same ``x`` in both languages and tools can pair the codes; that is the
form for tools that match codes against a Word source's footnote references.

``labels`` places paragraph numbers, list letters and footnote numbers (``common.LabelRule``);
with ``labels="tag"`` a label is ``<ph type="x-label" assoc="f">12. </ph>`` at the start of
the segment (the space inside, so that a tool that drops codes sees the bare sentence).

Per-unit metadata
-----------------
``unit_dates=True`` gives every ``<tu>`` the file's ``creationdate``; ``creation_id`` sets
``creationid`` (who or what made the unit: a name, "aligner"); ``note`` adds a ``<note>`` to
every unit ("aligned automatically, not reviewed").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import chain
from pathlib import Path
from typing import Any, Literal

from lxml import etree

from .. import __version__
from ..anchors import SUPERSCRIPT_RUN, superscript_to_digits
from ..atomic import atomic_open
from ..errors import AlignerError
from ..model import SegmentPair
from ..profiles import DEFAULT_LANGUAGES, normalized_tag
from .common import (
    XML_FORBIDDEN,
    CharacterCleaner,
    ConfidenceRule,
    LabelMode,
    LabelRule,
    LowConfidencePolicy,
    PlannedUnit,
    UnitPlanner,
    WriteReport,
    memory_language,
)

SEGTYPES = ("sentence", "paragraph")
INLINE_MODES = ("text", "tags")
InlineMode = Literal["text", "tags"]

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")

CLOSING_PUNCTUATION = frozenset(".,;:!?)]»”’\"'")

# Props written from SegmentPair fields; SegmentPair.props adds to these, never repeats them.
FIELD_PROPS = ("x-document", "x-key", "x-link-type", "x-confidence", "x-status")


def checked_language(code: str) -> str:
    """A language code given as an option, normalised, or an error naming it."""
    normalized = normalized_tag(code)
    if not LANGUAGE_TAG.match(normalized):
        raise AlignerError(f"not a language code: {code!r} (expected e.g. fr, fr-FR, en-GB)")
    return normalized


def prop_name(name: str) -> str:
    """``source_file`` -> ``x-source-file``: TMX reserves un-prefixed prop types."""
    return name if name.startswith("x-") else "x-" + name.replace("_", "-")


def footnote_spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of superscript-digit runs that follow a word (a letter or closing punctuation)."""
    for match in SUPERSCRIPT_RUN.finditer(text):
        start = match.start()
        if start and (text[start - 1].isalpha() or text[start - 1] in CLOSING_PUNCTUATION):
            yield start, match.end()


def footnote_number(superscripts: str) -> int:
    """The number a run of superscript digits writes ("¹²" -> 12)."""
    return int(superscript_to_digits(superscripts))


def checked_creation_id(value: str | None) -> str | None:
    """The creation id without the characters XML cannot hold; an ``AlignerError`` if nothing is left."""
    if value is None:
        return None
    cleaned = XML_FORBIDDEN.sub("", value).strip()
    if not cleaned:
        raise AlignerError("the creation id is empty: give a name, or leave the option out")
    return cleaned


def creation_date(moment: datetime | None) -> str:
    """TMX's UTC timestamp ``YYYYMMDDThhmmssZ``; a naive datetime is taken as UTC."""
    moment = moment or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass(slots=True)
class CleanUnit:
    """A planned unit's texts after cleaning, ready to be laid out as a ``<tu>``."""

    tuid: str
    source: str
    target: str
    source_code: str
    target_code: str
    props: list[tuple[str, str]]
    notes: list[str]


class TmxWriter:
    """Writes ``SegmentPair``s as a TMX 1.4b file.

    ``source_lang``/``target_lang`` override the codes derived from each pair's languages;
    pairs below ``min_confidence`` are dropped (``low_confidence="drop"``) or kept with a
    ``<note>`` (``"note"``); ``inline="tags"`` turns footnote references into ``<ph>``;
    ``labels`` places paragraph and list labels (``common.LabelRule``); ``unit_dates``,
    ``creation_id`` and ``note`` add per-unit metadata (module docstring); pairs whose two
    sides are the same text are left out unless ``keep_identical``.
    """

    def __init__(
        self,
        *,
        source_lang: str | None = None,
        target_lang: str | None = None,
        segtype: str = "sentence",
        min_confidence: float = 0.0,
        low_confidence: LowConfidencePolicy = "drop",
        inline: InlineMode = "text",
        labels: LabelMode = "auto",
        created: datetime | None = None,
        unit_dates: bool = False,
        creation_id: str | None = None,
        note: str = "",
        keep_identical: bool = False,
    ) -> None:
        if segtype not in SEGTYPES:
            raise AlignerError(f"segment type must be one of {', '.join(SEGTYPES)}, got {segtype!r}")
        if inline not in INLINE_MODES:
            raise AlignerError(f"inline mode must be one of {', '.join(INLINE_MODES)}, got {inline!r}")
        self.confidence_rule = ConfidenceRule(min_confidence, low_confidence)
        self.label_rule = LabelRule(labels)
        self.source_lang = checked_language(source_lang) if source_lang else None
        self.target_lang = checked_language(target_lang) if target_lang else None
        self.segtype = segtype
        self.inline = inline
        self.created = created
        self.unit_dates = unit_dates
        self.creation_id = checked_creation_id(creation_id)
        self.note = XML_FORBIDDEN.sub("", note)
        self.keep_identical = keep_identical

    def write(self, pairs: Iterable[SegmentPair], path: str | Path) -> WriteReport:
        """Write ``pairs`` to ``path`` as the module describes (the ``SegmentWriter`` contract): streamed,
        atomically, with what was written and left out in the report."""
        report = WriteReport(path=str(path), format="tmx")
        remaining = iter(pairs)
        first = next(remaining, None)
        stream = remaining if first is None else chain([first], remaining)
        planner = UnitPlanner(
            self.confidence_rule, self.label_rule, self.note, keep_identical=self.keep_identical
        )
        stamp = creation_date(self.created)
        with atomic_open(path, "wb") as output, etree.xmlfile(output, encoding="utf-8") as xml:
            xml.write_declaration()
            xml.write_doctype(DOCTYPE)
            with xml.element("tmx", version="1.4"):
                xml.write("\n", self.header(first, stamp), "\n")
                with xml.element("body"):
                    xml.write("\n")
                    for pair in stream:
                        for planned in planner.units(pair, report):
                            xml.write(self.unit_element(planned, stamp, report), "\n")
                xml.write("\n")
        return report

    def header(self, first: SegmentPair | None, stamp: str) -> etree._Element:
        """The memory's ``<header>``: the tool, the segmentation, the source language and the date."""
        source_lang = self.source_lang or memory_language(
            first.source_lang if first else DEFAULT_LANGUAGES[0]
        )
        return etree.Element(
            "header",
            {
                "creationtool": "aligner",
                "creationtoolversion": __version__,
                "segtype": self.segtype,
                "o-tmf": "aligner",
                "adminlang": "en-US",
                "srclang": source_lang,
                "datatype": "plaintext",
                "creationdate": stamp,
            },
        )

    def unit_element(self, planned: PlannedUnit, stamp: str, report: WriteReport) -> etree._Element:
        """The ``<tu>`` of a planned unit (counted in the report)."""
        cleaner = CharacterCleaner()
        unit = self.clean_unit(planned, cleaner)
        report.units_written += 1
        report.characters_removed += cleaner.removed
        return self.layout(unit, planned.pair, stamp)

    def clean_unit(self, planned: PlannedUnit, clean: CharacterCleaner) -> CleanUnit:
        """The unit's texts, codes, properties and notes without the characters XML cannot hold."""
        pair = planned.pair
        return CleanUnit(
            clean(planned.tuid),
            clean(pair.source),
            clean(pair.target),
            clean(planned.source_code),
            clean(planned.target_code),
            [(name, clean(value)) for name, value in unit_props(pair)],
            [clean(note) for note in planned.notes],
        )

    def unit_attributes(self, tuid: str, stamp: str) -> dict[str, str]:
        """The ``<tu>`` attributes: its tuid, and its date and creation id when asked for."""
        attributes = {"tuid": tuid}
        if self.unit_dates:
            attributes["creationdate"] = stamp
        if self.creation_id:
            attributes["creationid"] = self.creation_id
        return attributes

    def layout(self, unit: CleanUnit, pair: SegmentPair, stamp: str) -> etree._Element:
        """The ``<tu>`` element, one child per line (text inside ``<seg>`` is untouched)."""
        tu = etree.Element("tu", self.unit_attributes(unit.tuid, stamp))
        for name, value in unit.props:
            etree.SubElement(tu, "prop", type=name).text = value
        for note in unit.notes:
            etree.SubElement(tu, "note").text = note
        sides = (
            (self.source_lang or memory_language(pair.source_lang), unit.source_code, unit.source),
            (self.target_lang or memory_language(pair.target_lang), unit.target_code, unit.target),
        )
        for language, code, text in sides:
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: language})
            self.fill_segment(etree.SubElement(tuv, "seg"), code, text)
        tu.text = "\n  "
        for child in tu:
            child.tail = "\n  "
        tu[-1].tail = "\n"
        return tu

    def fill_segment(self, seg: etree._Element, label_code: str, text: str) -> None:
        """Put ``text`` in ``seg``: a label code first if there is one, footnote references
        as ``<ph>`` in ``inline="tags"`` mode."""
        placeholder: etree._Element | None = None
        if label_code:
            placeholder = etree.SubElement(seg, "ph", type="x-label", assoc="f")
            placeholder.text = label_code + " "
        if self.inline == "text":
            set_text_before(seg, placeholder, text)
            return
        position = 0
        for start, end in footnote_spans(text):
            set_text_before(seg, placeholder, text[position:start])
            placeholder = etree.SubElement(
                seg, "ph", x=str(footnote_number(text[start:end])), assoc="p", type="fnote"
            )
            placeholder.text = text[start:end]
            position = end
        set_text_before(seg, placeholder, text[position:])


def set_text_before(seg: etree._Element, previous: etree._Element | None, text: str) -> None:
    """Text goes in ``seg.text`` before the first inline code, else in the previous tail."""
    if previous is None:
        seg.text = text
    else:
        previous.tail = text


def unit_props(pair: SegmentPair) -> Iterator[tuple[str, str]]:
    """The ``x-`` props of a unit: fields of the pair, then its own props (source and target
    file names...) without repeating a field prop. Empty values are left out."""
    yield from (
        (name, value)
        for name, value in zip(
            FIELD_PROPS,
            (pair.document, pair.key, pair.kind, f"{pair.confidence:.3f}", pair.status),
            strict=True,
        )
        if value
    )
    written = set(FIELD_PROPS)
    for name, value in pair.props.items():
        prop = prop_name(name)
        if prop not in written and value:
            written.add(prop)
            yield prop, str(value)


def write_tmx(pairs: Iterable[SegmentPair], path: str | Path, **options: Any) -> WriteReport:
    """Write ``pairs`` to a TMX file at ``path``; see ``TmxWriter`` for the options."""
    return TmxWriter(**options).write(pairs, path)
