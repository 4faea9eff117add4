"""The export step: a bitext as segment pairs, the unit every writer, the terminology and the
checks take. Each link (``bitext_segments``) or each structural pair (``paragraph_segments``)
becomes a ``SegmentPair`` with a stable tuid, its document's locale, the label it opens with
and where it came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from . import labels
from .anchors import digits_to_superscript
from .model import STRUCTURE_ONLY_KINDS, Bitext, Document, SegmentPair, Sentence, Unit

__all__ = ["bitext_segments", "document_locale", "opening_label", "paragraph_segments", "printed_label"]


def _document_name(bitext: Bitext, document: str | None) -> str:
    return document or bitext.symbol or Path(bitext.source_path).stem


def document_locale(document: Document) -> str:
    """The language tag memories give a document: its language with the region of its origin
    where the reader knows it (a Justice Canada file is Canadian, a Word or HTML file may
    declare "fr-CA"), else the language profile's default region (fr-FR, en-GB)."""
    profile = document.language
    region = document.metadata.get("region")
    if not region:
        declared = document.metadata.get("language_tags", "").split()
        region = next((found for tag in declared if (found := profile.region_of(tag))), None)
    return profile.locale(region)


def _locales(bitext: Bitext) -> tuple[str, str]:
    if bitext.structure is None:
        return bitext.source_language.code, bitext.target_language.code
    return document_locale(bitext.structure.source), document_locale(bitext.structure.target)


def printed_label(unit: Unit) -> str:
    """The unit's label as the document prints it before the text: "12.", "a)", "(a)", "IV.";
    a footnote's number, which readers take out of its text, in superscript digits ("³").
    Empty when the unit has no label or its text does not open with it."""
    if not unit.label:
        return ""
    if unit.kind == "footnote" and not unit.text.startswith(unit.label):
        return digits_to_superscript(unit.label) if unit.label.isdigit() else unit.label
    return labels.printed_label(unit.label, unit.text)


def opening_label(unit: Unit, text: str) -> str:
    """The label of ``unit`` if ``text`` opens it: the text starts with the label and goes on
    after it (or, for a footnote, the label is the footnote's number)."""
    label = printed_label(unit)
    if not label:
        return ""
    if unit.kind == "footnote" and not text.startswith(label):
        return label
    return label if text.startswith(label) and text[len(label) :].strip() else ""


class _Labels:
    """The label a link's side opens with: only a link holding a unit's first sentence."""

    def __init__(self, document: Document | None, sentences: list[Sentence]) -> None:
        self.units = document.by_key() if document is not None else {}
        self.sentences = sentences

    def of(self, indices: tuple[int, ...], text: str) -> str:
        """The label of the unit a link's side opens, if the side holds that unit's first sentence."""
        if not indices or not 0 <= indices[0] < len(self.sentences):
            return ""
        first = self.sentences[indices[0]]
        unit = self.units.get(first.unit)
        return opening_label(unit, text) if unit is not None and first.index == 0 else ""


def bitext_segments(bitext: Bitext, document: str | None = None) -> Iterator[SegmentPair]:
    """The links of a bitext as ``SegmentPair``s with stable ids (``A/74/400:res:IV/op:12:2``);
    ``document`` names the document when it has no symbol (default: the source file's name).

    Languages are locales (``document_locale``). A link that opens a numbered paragraph, a list
    item or a footnote carries that unit's printed label (``source_label``, ``target_label``):
    memory writers decide where it goes."""
    from .writers.common import TuidMaker

    tuids = TuidMaker()
    document = _document_name(bitext, document)
    source_lang, target_lang = _locales(bitext)
    structure = bitext.structure
    source_labels = _Labels(structure.source if structure else None, bitext.source_sentences)
    target_labels = _Labels(structure.target if structure else None, bitext.target_sentences)
    for link in bitext.links:
        pair = SegmentPair(
            source=link.source_text,
            target=link.target_text,
            source_lang=source_lang,
            target_lang=target_lang,
            key=link.unit,
            document=document,
            confidence=link.confidence,
            kind=link.kind,
            props={
                "source-file": Path(bitext.source_path).name,
                "target-file": Path(bitext.target_path).name,
            },
            source_sentences=_sentence_texts(bitext.source_sentences, link.source),
            target_sentences=_sentence_texts(bitext.target_sentences, link.target),
            source_ids=link.source,
            target_ids=link.target,
            source_label=source_labels.of(link.source, link.source_text),
            target_label=target_labels.of(link.target, link.target_text),
        )
        pair.tuid = tuids.tuid(pair)
        yield pair


def _sentence_texts(sentences: list[Sentence], indices: tuple[int, ...]) -> tuple[str, ...]:
    if all(0 <= index < len(sentences) for index in indices):
        return tuple(sentences[index].text for index in indices)
    return ()


def paragraph_segments(bitext: Bitext, document: str | None = None) -> Iterator[SegmentPair]:
    """One segment per structural pair (a paragraph-level memory, as UN resolutions are often
    published); its confidence is the lowest of the sentence links inside it. Languages and
    labels as in ``bitext_segments``."""
    if bitext.structure is None:
        yield from bitext_segments(bitext, document)
        return
    lowest: dict[str, float] = {}
    for link in bitext.links:
        lowest[link.unit] = min(lowest.get(link.unit, 1.0), link.confidence)
    document = _document_name(bitext, document)
    source_lang, target_lang = _locales(bitext)
    for pair in bitext.structure.paired:
        if all(unit.kind in STRUCTURE_ONLY_KINDS for unit in (*pair.source, *pair.target)):
            continue  # a table or a row: its cells are segments of their own
        yield SegmentPair(
            source=pair.source_text,
            target=pair.target_text,
            source_lang=source_lang,
            target_lang=target_lang,
            key=pair.key,
            tuid=f"{document}:{pair.key}",
            document=document,
            confidence=lowest.get(pair.key, pair.score),
            kind=f"{len(pair.source)}-{len(pair.target)}",
            props={
                "source-file": Path(bitext.source_path).name,
                "target-file": Path(bitext.target_path).name,
            },
            source_label=opening_label(pair.source[0], pair.source_text),
            target_label=opening_label(pair.target[0], pair.target_text),
        )
