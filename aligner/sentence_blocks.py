"""The sentence-block step: what the sentence aligner works on, and its beads back as a bitext.

A structured pair of documents gives one block per structural pair (``UnitPair``); units the
pairing left alone inside a paired unit join their parent's block. A document without
structure gives one block: the whole text. ``aligned_bitext`` runs a fitted aligner over the
blocks and turns its beads (block-relative sentence indices) into the ``Bitext``'s links.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import STRUCTURE_ONLY_KINDS, Bitext, Link, Sentence, StructuralAlignment, Unit, UnitPair
from .profiles import LanguageProfile
from .segment import split_sentences

if TYPE_CHECKING:
    from .align.sentences import SentenceAligner


@dataclass
class SentenceBlock:
    """Sentences of one structural pair (or of a whole unstructured text) to align together."""

    key: str
    source: list[Sentence]
    target: list[Sentence]
    # The key of the pair's first target unit ("" when it has none).
    target_key: str = ""
    # How sure the structure is of the pair (``UnitPair.score``): the links inside it are
    # right only if it is, and the sentence aligner weighs this against what the pair's
    # sentences share (``confidence.pair_certainty``). 1 for a whole text, and for a pair
    # with an empty side (its links are gaps the structure found, not sentence links that
    # could sit in the wrong pair).
    certainty: float = 1.0


def sentence_blocks(structure: StructuralAlignment) -> list[SentenceBlock]:
    """What the sentence aligner works on: one block per structural pair, or the whole text
    when either document has no structure."""
    source, target = structure.source, structure.target
    source_profile, target_profile = source.language, target.language
    if source.structured and target.structured:
        return _blocks_from_pairs(structure, source_profile, target_profile)
    return [_whole_text_block(structure, source_profile, target_profile)]


def _sentences(units: list[Unit], profile: LanguageProfile) -> list[Sentence]:
    """The sentences of units, leaving out units whose children carry their text (table rows)."""
    return [
        Sentence(text=text, unit=unit.key, index=index)
        for unit in units
        if unit.kind not in STRUCTURE_ONLY_KINDS
        for index, text in enumerate(split_sentences(unit.text, profile))
    ]


def _blocks_from_pairs(
    structure: StructuralAlignment, source_profile: LanguageProfile, target_profile: LanguageProfile
) -> list[SentenceBlock]:
    blocks: list[SentenceBlock] = []
    for pair in structure.pairs:
        source_sentences = _sentences(pair.source, source_profile)
        target_sentences = _sentences(pair.target, target_profile)
        if blocks and not (pair.source and pair.target) and _inside(pair, blocks[-1]):
            blocks[-1].source += source_sentences
            blocks[-1].target += target_sentences
            continue
        target_key = pair.target[0].key if pair.target else ""
        certainty = pair.score if pair.source and pair.target else 1.0
        blocks.append(SentenceBlock(pair.key, source_sentences, target_sentences, target_key, certainty))
    return blocks


def _inside(pair: UnitPair, block: SentenceBlock) -> bool:
    """Is a one-sided pair nested in the unit of the block before it ("s:10/p:a" in "s:10"),
    on its own side (a target unit under the block's target unit, whatever the source key)?"""
    parent = block.key if pair.source else block.target_key
    return bool(parent) and pair.key.startswith(parent + "/") and bool(block.source and block.target)


def _whole_text_block(
    structure: StructuralAlignment, source_profile: LanguageProfile, target_profile: LanguageProfile
) -> SentenceBlock:
    return SentenceBlock(
        "",
        _sentences(structure.source.units, source_profile),
        _sentences(structure.target.units, target_profile),
    )


def block_texts(blocks: list[SentenceBlock]) -> list[tuple[list[str], list[str]]]:
    """The sentence texts of each block, as ``SentenceAligner.fit`` takes them."""
    return [([s.text for s in block.source], [t.text for t in block.target]) for block in blocks]


def aligned_bitext(
    blocks: list[SentenceBlock], aligner: SentenceAligner, structure: StructuralAlignment
) -> Bitext:
    """The blocks' sentences aligned by a fitted aligner, as one bitext."""
    source_sentences: list[Sentence] = []
    target_sentences: list[Sentence] = []
    links: list[Link] = []
    aligned = aligner.align_blocks(block_texts(blocks), [block.certainty for block in blocks])
    for block, beads in zip(blocks, aligned, strict=True):
        source_offset, target_offset = len(source_sentences), len(target_sentences)
        source_sentences += block.source
        target_sentences += block.target
        for bead in beads:
            source_side = [block.source[i] for i in bead.source]
            target_side = [block.target[j] for j in bead.target]
            links.append(
                Link(
                    source=tuple(source_offset + i for i in bead.source),
                    target=tuple(target_offset + j for j in bead.target),
                    confidence=float(bead.confidence),
                    unit=(source_side or target_side)[0].unit if block.key == "" else block.key,
                    source_text=" ".join(s.text for s in source_side),
                    target_text=" ".join(t.text for t in target_side),
                )
            )
    source, target = structure.source, structure.target
    return Bitext(
        source_language=source.language,
        target_language=target.language,
        source_sentences=source_sentences,
        target_sentences=target_sentences,
        links=links,
        structure=structure,
        source_path=source.path,
        target_path=target.path,
        symbol=source.symbol or target.symbol,
    )
