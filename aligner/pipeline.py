"""The public API: each stage of the pipeline as one call.

document = load_document("fr.txt")                 # read -> repair -> structure
structure = pair_documents(french, english)        # structural alignment
bitext = align_documents(french, english)          # + sentence alignment
bitext = align_files("fr.txt", "en.txt")           # all of the above
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .align.sentences import AlignOptions, SentenceAligner
from .align.structural import align_structure
from .errors import InputError, MismatchError
from .model import (
    Bitext,
    Disagreement,
    Document,
    Link,
    RawDocument,
    SegmentPair,
    Sentence,
    StructuralAlignment,
    Unit,
    UnitPair,
)
from .profiles import LanguageProfile, detect_language, get_profile
from .readers import read_document
from .readers.html import read_directory
from .repair import repair
from .segment import split_sentences
from .structure import parse
from .writers.common import TuidMaker


def read_any(path: str | Path) -> RawDocument:
    """A file, or a folder of HTML chapters read as one document (keys start with the chapter)."""
    path = Path(path)
    if not path.is_dir():
        return read_document(path)
    chapters = read_directory(path)
    languages = {chapter.language for chapter in chapters if chapter.language}
    return RawDocument(
        path=str(path),
        format="html",
        blocks=[block for chapter in chapters for block in chapter.blocks],
        encoding=chapters[0].encoding,
        language=languages.pop() if len(languages) == 1 else None,
        notes=[note for chapter in chapters for note in chapter.notes],
    )


def load_document(path: str | Path, language: str | None = None) -> Document:
    """Read a file (or a folder of HTML chapters), repair conversion damage, parse its structure."""
    raw = read_any(path)
    # What the text says beats what the file declares: Word files often carry the default
    # language of the template, whatever they are written in.
    code = language or detect_language("\n".join(block.text for block in raw.blocks)) or raw.language
    if code is None:
        raise InputError(
            f"{path}: cannot tell which language the text is in (give it with --lang, or --src-lang/--tgt-lang)"
        )
    profile = get_profile(code)
    repaired, _ = repair(raw, profile)
    return parse(repaired, profile.code, profile)


def pair_documents(
    source: Document, target: Document, force: bool = False, expected_source: str | None = None
) -> StructuralAlignment:
    """Pair the units of two language versions of one document.

    ``expected_source`` is the language the caller expects first (the CLI says FR EN): when
    the files come the other way round the report says they look swapped.
    """
    if source.language == target.language:
        name = get_profile(source.language).name
        raise MismatchError(
            f"both files are in {name} ({source.path}, {target.path}): give one file per language"
        )
    alignment = align_structure(
        source, target, get_profile(source.language), get_profile(target.language), force=force
    )
    if expected_source and source.language != expected_source and target.language == expected_source:
        source_name, target_name = get_profile(source.language).name, get_profile(target.language).name
        alignment.disagreements.insert(
            0,
            Disagreement(
                "direction",
                "",
                f"the first file is in {source_name} and the second in {target_name}: the files look swapped "
                f"(aligning {source_name} → {target_name})",
            ),
        )
    return alignment


@dataclass
class SentenceBlock:
    """Sentences of one structural pair (or of a whole unstructured text) to align together."""

    key: str
    source: list[Sentence]
    target: list[Sentence]


def align_documents(
    source: Document,
    target: Document,
    options: AlignOptions | None = None,
    force: bool = False,
    structure: StructuralAlignment | None = None,
    aligner: SentenceAligner | None = None,
) -> Bitext:
    """Pair the structures, then align the sentences inside each pair.

    A document without recognisable structure is aligned as one long text. Units that the
    structural alignment left unpaired inside a paired unit (an English paragraph with items
    (a) and (b) against one French paragraph) are aligned together with their parent pair.
    The sentence aligner is fitted on the document itself unless a fitted one is given (one
    model shared by a whole batch).
    """
    structure = structure or pair_documents(source, target, force=force)
    blocks = sentence_blocks(structure)
    if aligner is None:
        aligner = SentenceAligner(source.language, target.language, options).fit(block_texts(blocks))
    return _bitext(blocks, aligner, structure)


def sentence_blocks(structure: StructuralAlignment) -> list[SentenceBlock]:
    """What the sentence aligner works on: one block per structural pair, or the whole text
    when either document has no structure."""
    source, target = structure.source, structure.target
    source_profile, target_profile = get_profile(source.language), get_profile(target.language)
    if source.structured and target.structured:
        return _blocks_from_pairs(structure, source_profile, target_profile)
    return [_whole_text_block(structure, source_profile, target_profile)]


def align_files(
    source_path: str | Path,
    target_path: str | Path,
    options: AlignOptions | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    force: bool = False,
) -> Bitext:
    """Read, repair, parse, pair and align two files: the whole pipeline in one call."""
    source = load_document(source_path, source_lang)
    target = load_document(target_path, target_lang)
    return align_documents(source, target, options, force=force)


def _sentences(units: list[Unit], profile: LanguageProfile) -> list[Sentence]:
    return [
        Sentence(text=text, unit=unit.key, index=index)
        for unit in units
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
        blocks.append(SentenceBlock(pair.key, source_sentences, target_sentences))
    return blocks


def _inside(pair: UnitPair, block: SentenceBlock) -> bool:
    """Is a one-sided pair nested in the unit of the block before it ("s:10/p:a" in "s:10")?"""
    return pair.key.startswith(block.key + "/") and bool(block.source and block.target)


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


def _bitext(blocks: list[SentenceBlock], aligner: SentenceAligner, structure: StructuralAlignment) -> Bitext:
    """The blocks' sentences aligned by a fitted aligner, as one bitext."""
    source_sentences: list[Sentence] = []
    target_sentences: list[Sentence] = []
    links: list[Link] = []
    for block, beads in zip(blocks, aligner.align_blocks(block_texts(blocks))):
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
        source_lang=source.language,
        target_lang=target.language,
        source_sentences=source_sentences,
        target_sentences=target_sentences,
        links=links,
        structure=structure,
        source_path=source.path,
        target_path=target.path,
        symbol=source.symbol or target.symbol,
    )


def _document_name(bitext: Bitext, document: str | None) -> str:
    return document or bitext.symbol or Path(bitext.source_path).stem


def bitext_segments(bitext: Bitext, document: str | None = None) -> Iterator[SegmentPair]:
    """The links of a bitext as ``SegmentPair``s with stable ids (``A/74/400:res:IV/op:12:2``);
    ``document`` names the document when it has no symbol (default: the source file's name)."""
    tuids = TuidMaker()
    document = _document_name(bitext, document)
    for link in bitext.links:
        pair = SegmentPair(
            source=link.source_text,
            target=link.target_text,
            source_lang=bitext.source_lang,
            target_lang=bitext.target_lang,
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
        )
        pair.tuid = tuids.tuid(pair)
        yield pair


def _sentence_texts(sentences: list[Sentence], indices: tuple[int, ...]) -> tuple[str, ...]:
    if all(0 <= index < len(sentences) for index in indices):
        return tuple(sentences[index].text for index in indices)
    return ()


def paragraph_segments(bitext: Bitext, document: str | None = None) -> Iterator[SegmentPair]:
    """One segment per structural pair (a paragraph-level memory, as UN resolutions are often
    published); its confidence is the lowest of the sentence links inside it."""
    if bitext.structure is None:
        yield from bitext_segments(bitext, document)
        return
    lowest: dict[str, float] = {}
    for link in bitext.links:
        lowest[link.unit] = min(lowest.get(link.unit, 1.0), link.confidence)
    document = _document_name(bitext, document)
    for pair in bitext.structure.paired:
        yield SegmentPair(
            source=pair.source_text,
            target=pair.target_text,
            source_lang=bitext.source_lang,
            target_lang=bitext.target_lang,
            key=pair.key,
            tuid=f"{document}:{pair.key}",
            document=document,
            confidence=lowest.get(pair.key, pair.score),
            kind=f"{len(pair.source)}-{len(pair.target)}",
            props={
                "source-file": Path(bitext.source_path).name,
                "target-file": Path(bitext.target_path).name,
            },
        )
