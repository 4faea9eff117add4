"""aligner: structure-aware French-English alignment of institutional documents.

The public API, one call per stage (see ``aligner.pipeline``)::

    from aligner import align_files, bitext_segments, write_segments

    bitext = align_files("fr.txt", "en.txt")            # read, repair, parse, pair, align
    write_segments(bitext_segments(bitext), "memory.tmx")

Names are imported when first used, so that ``import aligner`` (and the ``aligner`` command,
which only needs the version) stays cheap: ``from aligner import align_files`` loads the
pipeline, ``from aligner import Document`` only the model.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> the module of this package that defines it.
_EXPORTS: dict[str, str] = {
    # The pipeline, stage by stage.
    "load_document": "pipeline",
    "load_pair": "pipeline",
    "pair_documents": "pipeline",
    "align_documents": "pipeline",
    "align_files": "pipeline",
    "bitext_segments": "pipeline",
    "paragraph_segments": "pipeline",
    "AlignOptions": "align.sentences",
    # What flows between the stages.
    "Block": "model",
    "RawDocument": "model",
    "Unit": "model",
    "Document": "model",
    "UnitPair": "model",
    "Disagreement": "model",
    "StructuralAlignment": "model",
    "Sentence": "model",
    "Link": "model",
    "Bitext": "model",
    "SegmentPair": "model",
    # Writing and reading alignments.
    "write_segments": "writers",
    "WriteReport": "writers",
    "read_links": "links",
    "Links": "links",
    "LinksMeta": "links",
    # Languages.
    "Language": "profiles",
    "LanguageProfile": "profiles",
    "get_profile": "profiles",
    "detect_language": "profiles",
    # Errors the user can act on.
    "AlignerError": "errors",
    "InputError": "errors",
    "MismatchError": "errors",
}

__all__ = [
    "AlignOptions",
    "AlignerError",
    "Bitext",
    "Block",
    "Disagreement",
    "Document",
    "InputError",
    "Language",
    "LanguageProfile",
    "Link",
    "Links",
    "LinksMeta",
    "MismatchError",
    "RawDocument",
    "SegmentPair",
    "Sentence",
    "StructuralAlignment",
    "Unit",
    "UnitPair",
    "WriteReport",
    "__version__",
    "align_documents",
    "align_files",
    "bitext_segments",
    "detect_language",
    "get_profile",
    "load_document",
    "load_pair",
    "pair_documents",
    "paragraph_segments",
    "read_links",
    "write_segments",
]


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use (PEP 562) and keep the name here."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'aligner' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


if TYPE_CHECKING:  # what type checkers and editors see; nothing is imported at run time
    from .align.sentences import AlignOptions
    from .errors import AlignerError, InputError, MismatchError
    from .links import Links, LinksMeta, read_links
    from .model import (
        Bitext,
        Block,
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
    from .pipeline import (
        align_documents,
        align_files,
        bitext_segments,
        load_document,
        load_pair,
        pair_documents,
        paragraph_segments,
    )
    from .profiles import Language, LanguageProfile, detect_language, get_profile
    from .writers import WriteReport, write_segments
