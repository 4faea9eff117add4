"""The public API: each stage of the pipeline as one call.

    document = load_document("fr.txt")                 # read -> repair -> structure
    structure = pair_documents(french, english)        # structural alignment
    bitext = align_documents(french, english)          # + sentence alignment
    bitext = align_files("fr.txt", "en.txt")           # all of the above
"""

from __future__ import annotations

from pathlib import Path

from .align.structural import align_structure
from .errors import InputError, MismatchError
from .model import Disagreement, Document, RawDocument, StructuralAlignment
from .profiles import detect_language, get_profile
from .readers import read_document
from .readers.html import read_directory
from .repair import repair
from .structure import parse


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
    code = language or raw.language or detect_language("\n".join(block.text for block in raw.blocks))
    if code is None:
        raise InputError(f"{path}: cannot tell which language the text is in (give it with --source-lang/--target-lang)")
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
        raise MismatchError(f"both files are in {name} ({source.path}, {target.path}): give one file per language")
    alignment = align_structure(source, target, get_profile(source.language), get_profile(target.language), force=force)
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
