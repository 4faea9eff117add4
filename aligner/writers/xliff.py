"""XLIFF output, the bilingual file Trados, memoQ and OmegaT open: XLIFF 1.2 (the default,
what every CAT tool reads) or XLIFF 2.0/2.1 (``xliff_version``).

One ``<file>`` per document (``original`` names it), one unit per memory unit, in order; the
source holds the source text, the target its translation. Units are planned as the other
memory writers plan them (``common.UnitPlanner``: rejected links, empty sides and pairs below
the confidence threshold left out, labels placed, notes added), so an XLIFF file holds what
the TMX of the same options holds.

XLIFF 1.2 (``urn:oasis:names:tc:xliff:document:1.2``)::

    <file original="A/74/400" source-language="fr-FR" target-language="en-GB" datatype="plaintext">
      <header><tool tool-id="aligner" tool-name="aligner" tool-version="…"/></header>
      <body>
        <trans-unit id="u12" resname="A/74/400:p:12:1">
          <source>Prie le Secrétaire général…</source>
          <target state="translated">Requests the Secretary-General…</target>
          <context-group purpose="information"><context context-type="x-key">p:12</context>…
          <note from="aligner">…</note>
        </trans-unit>

State: ``translated``; a link a reviewer approved or corrected is ``signed-off`` (and
``approved="yes"``); one kept below the threshold is ``needs-review-translation``.

XLIFF 2.x (``urn:oasis:names:tc:xliff:document:2.0``, ``xliff_version`` 2.0 or 2.1)::

    <xliff version="2.0" srcLang="fr-FR" trgLang="en-GB">
      <file id="f1" original="A/74/400">
        <unit id="u12" name="A/74/400:p:12:1">
          <mda:metadata>…key, link type, confidence…</mda:metadata>
          <notes><note category="aligner">…</note></notes>
          <segment state="translated"><source>…</source><target>…</target></segment>
        </unit>

State ``translated``, ``reviewed`` for a reviewed link; the properties are in the Metadata
module (``urn:oasis:names:tc:xliff:metadata:2.0``).

``xliff_targets="source"`` writes a translation kit instead: each target holds a copy of its source
(state ``needs-translation`` / ``initial``) and the aligned translation is a proposal
(``<alt-trans>`` in 1.2, the Translation Candidates module's ``<mtc:match>`` in 2.x). That is
the form OmegaT 3.6 translates: its XLIFF filter keeps ``<source>`` as it is and translates
the text of ``<target>``, so in a bilingual file it would offer the English for translation;
with the memory in ``tm/auto`` it fills the kit from it.

Inline codes: with ``inline="tags"`` a footnote reference is ``<ph ctype="x-footnote">¹²</ph>``
(1.2) or ``<ph type="other" subType="aligner:footnote" disp="¹²"/>`` with its characters in
``originalData`` (2.x); with ``labels="tag"`` a label is such a code too (``x-label``,
``aligner:label``). By default both stay characters, which match the segments CAT tools make
from text and PDF sources (see ``tmx``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from pathlib import Path
from types import TracebackType
from typing import Any, ClassVar

from lxml import etree

from .. import __version__
from ..atomic import atomic_open
from ..errors import AlignerError
from ..model import SegmentPair
from ..profiles import DEFAULT_LANGUAGES
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
    rated_confidence,
)
from .tmx import INLINE_MODES, InlineMode, checked_language, footnote_number, footnote_spans

XLIFF_VERSIONS = ("1.2", "2.0", "2.1")
TARGET_MODES = ("translation", "source")
XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_2 = "urn:oasis:names:tc:xliff:document:2.0"
METADATA_2 = "urn:oasis:names:tc:xliff:metadata:2.0"
MATCHES_2 = "urn:oasis:names:tc:xliff:matches:2.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
REVIEWED = ("approved", "edited")

# lxml's incremental writer (``etree.xmlfile``), which lxml ships without type information.
XmlWriter = Any
# Makes one inline code element: (parent, kind, text, identifier) -> the element made.
CodeMaker = Callable[[etree._Element, str, str, str], etree._Element]


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of a segment's content: text, or an inline code holding ``text`` (its kind is
    "label" or "footnote")."""

    text: str
    code: str = ""


class XliffWriter:
    """Writes ``SegmentPair``s as XLIFF 1.2 (default) or 2.x; see the module docstring."""

    def __init__(
        self,
        *,
        xliff_version: str = "1.2",
        source_lang: str | None = None,
        target_lang: str | None = None,
        min_confidence: float = 0.0,
        low_confidence: LowConfidencePolicy = "drop",
        inline: InlineMode = "text",
        labels: LabelMode = "auto",
        note: str = "",
        keep_identical: bool = False,
        created: datetime | None = None,
        xliff_targets: str = "translation",
    ) -> None:
        if xliff_targets not in TARGET_MODES:
            raise AlignerError(
                f"XLIFF targets must be one of {', '.join(TARGET_MODES)}, got {xliff_targets!r}"
            )
        if xliff_version not in XLIFF_VERSIONS:
            raise AlignerError(
                f"XLIFF version must be one of {', '.join(XLIFF_VERSIONS)}, got {xliff_version!r}"
            )
        if inline not in INLINE_MODES:
            raise AlignerError(f"inline mode must be one of {', '.join(INLINE_MODES)}, got {inline!r}")
        self.version = xliff_version
        self.kit = xliff_targets == "source"
        self.confidence_rule = ConfidenceRule(min_confidence, low_confidence)
        self.label_rule = LabelRule(labels)
        self.source_lang = checked_language(source_lang) if source_lang else None
        self.target_lang = checked_language(target_lang) if target_lang else None
        self.inline = inline
        self.note = XML_FORBIDDEN.sub("", note)
        self.keep_identical = keep_identical
        self.created = created

    @property
    def layout(self) -> _Layout:
        """How the chosen XLIFF version lays the file out (1.2, or 2.0/2.1), made afresh for each
        file (XLIFF 2 numbers its <file> elements)."""
        return Xliff12Layout() if self.version == "1.2" else Xliff2Layout(self.version)

    def write(self, pairs: Iterable[SegmentPair], path: str | Path) -> WriteReport:
        """Write ``pairs`` as one XLIFF file at ``path``, atomically, one <file> per document in the
        order the pairs come, and report what was written, left out and cleaned."""
        report = WriteReport(path=str(path), format="xliff")
        remaining = iter(pairs)
        first = next(remaining, None)
        stream = remaining if first is None else chain([first], remaining)
        planner = UnitPlanner(
            self.confidence_rule, self.label_rule, self.note, keep_identical=self.keep_identical
        )
        layout = self.layout
        languages = self.languages(first)
        with atomic_open(path, "wb") as output, etree.xmlfile(output, encoding="utf-8") as xml:
            xml.write_declaration()
            with xml.element(layout.root_tag, layout.root_attributes(*languages), nsmap=layout.nsmap):
                xml.write("\n")
                with _Files(xml, layout, languages, self) as files:
                    for pair in stream:
                        for planned in planner.units(pair, report):
                            files.enter(planned.pair.document)
                            xml.write(layout.unit(planned, self, report), "\n")
        return report

    def languages(self, first: SegmentPair | None) -> tuple[str, str]:
        """The source and target language tags of the file: those given to the writer, else the
        first pair's, with the region a memory writes ("fr" gives "fr-FR")."""
        source = self.source_lang or memory_language(first.source_lang if first else DEFAULT_LANGUAGES[0])
        target = self.target_lang or memory_language(first.target_lang if first else DEFAULT_LANGUAGES[1])
        return source, target

    def pieces(self, code: str, text: str) -> list[Piece]:
        """A segment's content: the label code, then text and footnote codes."""
        pieces = [Piece(code + " ", "label")] if code else []
        if self.inline == "text":
            return [*pieces, Piece(text)]
        position = 0
        for start, end in footnote_spans(text):
            pieces += [Piece(text[position:start]), Piece(text[start:end], "footnote")]
            position = end
        return [*pieces, Piece(text[position:])]

    def state_of(self, planned: PlannedUnit) -> str:
        """ "reviewed" for a link a reviewer approved or corrected, "low" for one kept below the
        threshold, else "translated"."""
        pair = planned.pair
        if pair.status in REVIEWED:
            return "reviewed"
        return "low" if rated_confidence(pair) < self.confidence_rule.min_confidence else "translated"


class _Layout:
    """How one XLIFF version lays out the root, a ``<file>`` and a unit."""

    root_tag: str
    nsmap: ClassVar[dict[str | None, str]]

    def root_attributes(self, source: str, target: str) -> dict[str, str]:
        raise NotImplementedError

    def open_file(
        self, xml: XmlWriter, document: str, languages: tuple[str, str], writer: XliffWriter
    ) -> list[AbstractContextManager[Any]]:
        """Enter the ``<file>`` of ``document`` (and what opens with it); the contexts to close."""
        raise NotImplementedError

    def unit(self, planned: PlannedUnit, writer: XliffWriter, report: WriteReport) -> etree._Element:
        raise NotImplementedError

    def empty(self, xml: XmlWriter, languages: tuple[str, str], writer: XliffWriter) -> None:
        """What the root holds when no unit is written."""
        raise NotImplementedError


class _Files:
    """Opens a ``<file>`` when the document changes and closes the one before."""

    def __init__(
        self, xml: XmlWriter, layout: _Layout, languages: tuple[str, str], writer: XliffWriter
    ) -> None:
        self.xml, self.layout, self.languages, self.writer = xml, layout, languages, writer
        self.document: str | None = None
        self.open: list[AbstractContextManager[Any]] = []
        self.opened = 0

    def enter(self, document: str) -> None:
        if self.opened and document == self.document:
            return
        self.close_current()
        self.document = document
        self.opened += 1
        self.open = self.layout.open_file(self.xml, document, self.languages, self.writer)

    def close_current(self) -> None:
        for context in reversed(self.open):
            context.__exit__(None, None, None)
            self.xml.write("\n")
        self.open = []

    def __enter__(self) -> _Files:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is not None:
            for context in reversed(self.open):  # the output is dropped: only unwind
                context.__exit__(kind, error, trace)
            return
        if not self.opened:
            self.layout.empty(self.xml, self.languages, self.writer)
        self.close_current()


def unit_properties(pair: SegmentPair) -> list[tuple[str, str]]:
    """What a unit tells besides its texts: structural key, link type, confidence, status and
    the pair's own props (file names)."""
    properties = [
        ("key", pair.key),
        ("link-type", pair.kind),
        ("confidence", f"{pair.confidence:.3f}"),
        ("status", pair.status),
    ]
    properties += [
        (name.removeprefix("x-").replace("_", "-"), str(value)) for name, value in pair.props.items()
    ]
    return [(name, value) for name, value in properties if value]


def code_ids(pieces: list[Piece]) -> list[str]:
    """The id of each code of a side: "label", and "fn12" for footnote 12 ("fn12-2" the second
    time), so that a code of the target has the id of the same code in the source."""
    seen: dict[str, int] = {}
    ids = []
    for piece in pieces:
        if not piece.code:
            ids.append("")
            continue
        base = "label" if piece.code == "label" else f"fn{footnote_number(piece.text)}"
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


def _fill(element: etree._Element, pieces: list[Piece], make_code: CodeMaker) -> None:
    """Text and inline codes into ``element``, in order. The pieces are cleaned already (once
    per unit, so that a text written twice, in a kit, counts once)."""
    last: etree._Element | None = None
    for piece, identifier in zip(pieces, code_ids(pieces), strict=True):
        text = piece.text
        if not piece.code:
            if last is None:
                element.text = (element.text or "") + text
            else:
                last.tail = (last.tail or "") + text
            continue
        last = make_code(element, piece.code, text, identifier)


class Xliff12Layout(_Layout):
    """XLIFF 1.2: <file> with a <header> naming the tool and a <body> of <trans-unit>s, the pair's
    properties in a context group; a translation kit keeps the aligned target as an <alt-trans>
    proposal."""

    root_tag = f"{{{XLIFF_12}}}xliff"
    nsmap: ClassVar[dict[str | None, str]] = {None: XLIFF_12}
    STATES: ClassVar[dict[str, str]] = {
        "translated": "translated",
        "reviewed": "signed-off",
        "low": "needs-review-translation",
    }

    def root_attributes(self, source: str, target: str) -> dict[str, str]:
        """The root's attributes: version 1.2 (1.2 names the languages on each <file>)."""
        return {"version": "1.2"}

    def open_file(
        self, xml: XmlWriter, document: str, languages: tuple[str, str], writer: XliffWriter
    ) -> list[AbstractContextManager[Any]]:
        """Open a <file> naming the document and the languages (and the creation date, when set),
        with its <header> and <body>; the contexts to close, innermost last."""
        source, target = languages
        attributes = {
            "original": document or "aligner",
            "source-language": source,
            "target-language": target,
            "datatype": "plaintext",
            "tool-id": "aligner",
        }
        if writer.created is not None:
            attributes["date"] = writer.created.strftime("%Y-%m-%dT%H:%M:%SZ")
        file_element = xml.element(f"{{{XLIFF_12}}}file", attributes)
        file_element.__enter__()
        header = etree.Element(f"{{{XLIFF_12}}}header", nsmap=self.nsmap)
        etree.SubElement(
            header,
            f"{{{XLIFF_12}}}tool",
            {"tool-id": "aligner", "tool-name": "aligner", "tool-version": __version__},
        )
        xml.write("\n", header, "\n")
        body = xml.element(f"{{{XLIFF_12}}}body")
        body.__enter__()
        xml.write("\n")
        return [file_element, body]

    def empty(self, xml: XmlWriter, languages: tuple[str, str], writer: XliffWriter) -> None:
        """A file with no unit still holds one empty <file> (XLIFF 1.2 requires one)."""
        for context in reversed(self.open_file(xml, "", languages, writer)):
            context.__exit__(None, None, None)

    def unit(self, planned: PlannedUnit, writer: XliffWriter, report: WriteReport) -> etree._Element:
        """The <trans-unit> of one planned unit (see ``trans_unit``)."""
        return self.trans_unit(planned, writer, report)

    def trans_unit(self, planned: PlannedUnit, writer: XliffWriter, report: WriteReport) -> etree._Element:
        """One <trans-unit>: source and target with the label and footnote codes as <ph>, the state
        the link's review and confidence give ("signed-off" for an approved link), the pair's
        properties as contexts and the notes; in a kit the target repeats the source and the
        translation is an <alt-trans>."""
        clean = CharacterCleaner()
        pair = planned.pair
        report.units_written += 1
        attributes = {"id": f"u{report.units_written}", "resname": clean(planned.tuid)}
        state = writer.state_of(planned)
        if state == "reviewed" and not writer.kit:
            attributes["approved"] = "yes"
        unit = etree.Element(f"{{{XLIFF_12}}}trans-unit", attributes, nsmap=self.nsmap)
        source = writer.pieces(clean(planned.source_code), clean(pair.source))
        translation = writer.pieces(clean(planned.target_code), clean(pair.target))
        _fill(etree.SubElement(unit, f"{{{XLIFF_12}}}source"), source, self.code)
        target = etree.SubElement(unit, f"{{{XLIFF_12}}}target")
        _fill(target, source if writer.kit else translation, self.code)
        target.set("state", "needs-translation" if writer.kit else self.STATES[state])
        if writer.kit:
            proposal = etree.SubElement(
                unit, f"{{{XLIFF_12}}}alt-trans", {"origin": "aligner", "match-quality": self.quality(pair)}
            )
            _fill(etree.SubElement(proposal, f"{{{XLIFF_12}}}source"), source, self.code)
            _fill(etree.SubElement(proposal, f"{{{XLIFF_12}}}target"), translation, self.code)
        contexts = etree.SubElement(unit, f"{{{XLIFF_12}}}context-group", purpose="information")
        for name, value in [("document", pair.document), *unit_properties(pair)]:
            if value:
                etree.SubElement(
                    contexts, f"{{{XLIFF_12}}}context", {"context-type": f"x-{name}"}
                ).text = clean(value)
        for note in planned.notes:
            etree.SubElement(unit, f"{{{XLIFF_12}}}note", {"from": "aligner"}).text = clean(note)
        report.characters_removed += clean.removed
        _indent(unit, "  ")
        return unit

    @staticmethod
    def quality(pair: SegmentPair) -> str:
        """The aligner's confidence as a match quality (a percentage)."""
        return f"{round(100 * rated_confidence(pair))}"

    @staticmethod
    def code(parent: etree._Element, kind: str, text: str, identifier: str) -> etree._Element:
        """An inline code of XLIFF 1.2: a <ph> holding the code's characters, its kind in ``ctype``."""
        element = etree.SubElement(parent, f"{{{XLIFF_12}}}ph", {"id": identifier, "ctype": f"x-{kind}"})
        element.text = text
        return element


class Xliff2Layout(_Layout):
    """XLIFF 2.0 and 2.1: the languages on the root, a <file> per document, <unit>s with the pair's
    properties as mda:metadata, codes as <ph> with their characters in <originalData>, and a
    kit's translation as an mtc:match."""

    root_tag = f"{{{XLIFF_2}}}xliff"
    nsmap: ClassVar[dict[str | None, str]] = {None: XLIFF_2, "mda": METADATA_2, "mtc": MATCHES_2}
    STATES: ClassVar[dict[str, str]] = {"translated": "translated", "reviewed": "reviewed", "low": "initial"}

    def __init__(self, version: str) -> None:
        self.version = version
        self.files = 0

    def root_attributes(self, source: str, target: str) -> dict[str, str]:
        """The root's attributes: the version and the source and target languages."""
        return {"version": self.version, "srcLang": source, "trgLang": target}

    def open_file(
        self, xml: XmlWriter, document: str, languages: tuple[str, str], writer: XliffWriter
    ) -> list[AbstractContextManager[Any]]:
        """Open the next <file>, numbered, naming the document; the contexts to close."""
        self.files += 1
        file_element = xml.element(
            f"{{{XLIFF_2}}}file", {"id": f"f{self.files}", "original": document or "aligner"}
        )
        file_element.__enter__()
        xml.write("\n")
        return [file_element]

    def empty(self, xml: XmlWriter, languages: tuple[str, str], writer: XliffWriter) -> None:
        """Refuse to write a file with no unit: XLIFF 2 requires at least one."""
        raise AlignerError("nothing to write: XLIFF 2 needs at least one unit, and every pair was left out")

    def unit(self, planned: PlannedUnit, writer: XliffWriter, report: WriteReport) -> etree._Element:
        """One <unit>: metadata, notes, and a <segment> whose source and target carry the label and
        footnote codes, in the state the link's review and confidence give (kits: the source
        repeated, the translation offered as a match)."""
        clean = CharacterCleaner()
        pair = planned.pair
        report.units_written += 1
        unit = etree.Element(
            f"{{{XLIFF_2}}}unit",
            {"id": f"u{report.units_written}", "name": clean(planned.tuid)},
            nsmap=self.nsmap,
        )
        metadata = etree.SubElement(unit, f"{{{METADATA_2}}}metadata")
        group = etree.SubElement(metadata, f"{{{METADATA_2}}}metaGroup", category="aligner")
        for name, value in [("document", pair.document), *unit_properties(pair)]:
            if value:
                etree.SubElement(group, f"{{{METADATA_2}}}meta", type=name).text = clean(value)
        if planned.notes:
            notes = etree.SubElement(unit, f"{{{XLIFF_2}}}notes")
            for note in planned.notes:
                etree.SubElement(notes, f"{{{XLIFF_2}}}note", category="aligner").text = clean(note)
        original: list[tuple[str, str]] = []
        state = "initial" if writer.kit else self.STATES[writer.state_of(planned)]
        segment = etree.SubElement(unit, f"{{{XLIFF_2}}}segment", id="s1", state=state)
        source = writer.pieces(clean(planned.source_code), clean(pair.source))
        translation = writer.pieces(clean(planned.target_code), clean(pair.target))
        _fill(
            etree.SubElement(segment, f"{{{XLIFF_2}}}source"),
            source,
            self.code_maker("source", original),
        )
        _fill(
            etree.SubElement(segment, f"{{{XLIFF_2}}}target"),
            source if writer.kit else translation,
            self.code_maker("target", original),
        )
        if writer.kit:
            matches = etree.Element(f"{{{MATCHES_2}}}matches")
            match = etree.SubElement(
                matches,
                f"{{{MATCHES_2}}}match",
                {"ref": "#s1", "type": "tm", "origin": "aligner", "similarity": "100"},
            )
            match.set("matchQuality", Xliff12Layout.quality(pair))
            etree.SubElement(match, f"{{{XLIFF_2}}}source").text = "".join(p.text for p in source)
            etree.SubElement(match, f"{{{XLIFF_2}}}target").text = "".join(p.text for p in translation)
            metadata.addnext(matches)
        if original:
            data = etree.Element(f"{{{XLIFF_2}}}originalData")
            for identifier, text in original:
                etree.SubElement(data, f"{{{XLIFF_2}}}data", id=identifier).text = text
            segment.addprevious(data)
        report.characters_removed += clean.removed
        _indent(unit, "  ")
        return unit

    @staticmethod
    def code_maker(side: str, original: list[tuple[str, str]]) -> CodeMaker:
        """Codes of one side, their characters kept in originalData (``s-fn12``, ``t-fn12``)."""

        def make(parent: etree._Element, kind: str, text: str, identifier: str) -> etree._Element:
            reference = f"{side[0]}-{identifier}"
            original.append((reference, text))
            return etree.SubElement(
                parent,
                f"{{{XLIFF_2}}}ph",
                {
                    "id": identifier,
                    "type": "other",
                    "subType": f"aligner:{kind}",
                    "disp": text,
                    "equiv": text,
                    "dataRef": reference,
                },
            )

        return make


# Elements whose content is text (and inline codes): never indented inside.
TEXT_ELEMENTS = frozenset(
    f"{{{namespace}}}{name}"
    for namespace, names in (
        (XLIFF_12, ("source", "target", "note", "context")),
        (XLIFF_2, ("source", "target", "note", "data")),
        (METADATA_2, ("meta",)),
        (MATCHES_2, ()),
    )
    for name in names
)


def _indent(element: etree._Element, space: str, depth: int = 1) -> None:
    """One child a line, nested ones further in; the content of text elements untouched."""
    if element.tag in TEXT_ELEMENTS or not len(element):
        return
    element.text = "\n" + space * (depth + 1)
    for child in element:
        _indent(child, space, depth + 1)
        child.tail = "\n" + space * (depth + 1)
    element[-1].tail = "\n" + space * depth


def write_xliff(pairs: Iterable[SegmentPair], path: str | Path, **options: Any) -> WriteReport:
    """Write ``pairs`` as XLIFF at ``path``; see ``XliffWriter`` for the options."""
    return XliffWriter(**options).write(pairs, path)
