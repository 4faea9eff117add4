"""The public API: each stage of the pipeline as one call.

document = load_document("fr.txt")                 # read -> repair -> structure
structure = pair_documents(french, english)        # structural alignment
bitext = align_documents(french, english)          # + sentence blocks and sentence alignment
bitext = align_files("fr.txt", "en.txt")           # all of the above
segments = bitext_segments(bitext)                 # export: segment pairs with tuids (aligner.export)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError, MismatchError

# The export step lives in ``aligner.export``; the pipeline's API offers it too.
from .export import bitext_segments as bitext_segments
from .export import document_locale as document_locale
from .export import paragraph_segments as paragraph_segments
from .model import (
    Bitext,
    Disagreement,
    Document,
    RawDocument,
    StructuralAlignment,
)
from .profiles import Language, detect_language, get_profile, language_shares
from .readers import read_document
from .repair import repair
from .sentence_blocks import aligned_bitext, block_texts, sentence_blocks
from .structure import parse

if TYPE_CHECKING:
    from .align.sentences import AlignOptions, SentenceAligner

# The alignment stages (numpy), the HTML folder reader and the writers are imported where
# they are used, so that reading and parsing a document (``aligner structure``) starts fast.


def read_any(path: str | Path) -> RawDocument:
    """A file, or a folder of HTML chapters read as one document (keys start with the chapter)."""
    path = Path(path)
    if not path.is_dir():
        return read_document(path)
    from .readers.html import read_directory

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


def load_document(path: str | Path, language: Language | str | None = None) -> Document:
    """Read a file (or a folder of HTML chapters), repair conversion damage, parse its structure.

    ``language`` (a ``Language``, or a code an option gave) is the document's; without it the
    text tells, else the file's metadata. It is resolved here, once: the document carries it."""
    raw = read_any(path)
    return _document(raw, get_profile(language) if language else _text_language(raw, path))


def load_pair(
    source_path: str | Path,
    target_path: str | Path,
    source_lang: Language | str | None = None,
    target_lang: Language | str | None = None,
) -> tuple[Document, Document]:
    """Both documents of a pair, each in its language (given as a ``Language`` or a code, or
    told by the text, else by the file's metadata).

    When the texts of both read as one language, the file that shows the most of a second
    language (at least ``SECOND_LANGUAGE_SHARE`` of its body) is in that one: a French file
    whose appendices are printed in English reads as English on the whole.
    """
    source_raw, target_raw = read_any(source_path), read_any(target_path)
    source = get_profile(source_lang) if source_lang else _text_language(source_raw, source_path)
    target = get_profile(target_lang) if target_lang else _text_language(target_raw, target_path)
    if source == target:
        source, target = _tell_apart(
            (source_raw, source, source_lang is None), (target_raw, target, target_lang is None)
        )
    return _document(source_raw, source), _document(target_raw, target)


# A document that reads as the language of the other file of its pair is in the second
# language it shows if that is at least this share of its text.
SECOND_LANGUAGE_SHARE = 0.15
# A body whose text reads as another language than the document's for more than this share
# gets a warning.
MIXED_LANGUAGE_SHARE = 0.5


def _tell_apart(*sides: tuple[RawDocument, Language, bool]) -> tuple[Language, Language]:
    """The languages of two sides that read as one: the side free to change (its language not
    given) that shows the most of a second language is in that one."""
    languages = [language for _, language, _ in sides]
    common = languages[0].code
    best: tuple[float, int, str] | None = None
    for index, (raw, _, free) in enumerate(sides):
        if not free:
            continue
        shares = language_shares([block.text for block in raw.blocks])
        for language, share in shares.items():
            if language != common and share >= SECOND_LANGUAGE_SHARE and (best is None or share > best[0]):
                best = (share, index, language)
    if best is not None:
        languages[best[1]] = get_profile(best[2])
    source, target = languages
    return source, target


def _text_language(raw: RawDocument, path: str | Path) -> Language:
    # What the text says beats what the file declares: Word files often carry the default
    # language of the template, whatever they are written in.
    code = detect_language("\n".join(block.text for block in raw.blocks)) or raw.language
    if code is None:
        raise InputError(
            f"{path}: cannot tell which language the text is in (give it with --lang, or "
            "--src-lang/--tgt-lang)"
        )
    return get_profile(code)


def _document(raw: RawDocument, language: Language) -> Document:
    repaired, _ = repair(raw, language)
    document = parse(repaired, language)
    document.warnings.extend(_language_warnings(document))
    return document


def _language_warnings(document: Document) -> list[str]:
    """A one-line warning when most of the body reads as another language."""
    body = [unit.text for unit in document.units if unit.kind not in ("meta", "code")]
    shares = language_shares(body)
    others = {code: share for code, share in shares.items() if code != document.language.code}
    if not others:
        return []
    other, share = max(others.items(), key=lambda item: item[1])
    if share <= MIXED_LANGUAGE_SHARE:
        return []
    own, foreign = document.language.name, get_profile(other).name
    return [
        f"{document.path}: {share:.0%} of the body reads as {foreign}, not {own}; parts printed in "
        "both languages are not translations (segments the same on both sides are left out of memories)"
    ]


def pair_documents(
    source: Document,
    target: Document,
    force: bool = False,
    expected_source: Language | str | None = None,
    dictionary: str | Path | Sequence[str | Path] | None = None,
) -> StructuralAlignment:
    """Pair the units of two language versions of one document.

    ``expected_source`` is the language the caller expects first (the CLI says FR EN): when
    the files come the other way round the report says they look swapped. ``dictionary``
    (paths, or "auto" for the installed freedict ones) helps match lists that each language
    sorts its own way.
    """
    if source.language == target.language:
        name = source.language.name
        raise MismatchError(
            f"both files are in {name} ({source.path}, {target.path}): give one file per language"
        )
    from .align.lexicon import load_dictionaries
    from .pairing import align_structure

    source_profile, target_profile = source.language, target.language
    lexicon = load_dictionaries(
        dictionary, source.language, target.language, (source_profile.stopwords, target_profile.stopwords)
    )
    alignment = align_structure(
        source,
        target,
        source_profile,
        target_profile,
        force=force,
        dictionary=lexicon if len(lexicon) else None,
    )
    expected = get_profile(expected_source) if expected_source else None
    if expected and source.language != expected and target.language == expected:
        source_name, target_name = source.language.name, target.language.name
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
    structure = structure or pair_documents(
        source, target, force=force, dictionary=options.dictionary if options else None
    )
    blocks = sentence_blocks(structure)
    if aligner is None:
        from .align.sentences import SentenceAligner

        aligner = SentenceAligner(source.language, target.language, options).fit(block_texts(blocks))
    return aligned_bitext(blocks, aligner, structure)


def align_files(
    source_path: str | Path,
    target_path: str | Path,
    options: AlignOptions | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    force: bool = False,
) -> Bitext:
    """Read, repair, parse, pair and align two files: the whole pipeline in one call."""
    source, target = load_pair(source_path, target_path, source_lang, target_lang)
    return align_documents(source, target, options, force=force)
