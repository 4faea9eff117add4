"""Bilingual terminology: candidate terms per language, association across aligned segments,
and writers for the resulting table (TBX, OmegaT glossary, CSV, XLSX).

    table = extract_terms(pairs)                 # polars DataFrame, best pairs first
    write_terms(table, "terms.tbx", pairs)       # format from the suffix; examples from pairs
"""

from .association import AssociationOptions
from .candidates import CandidateOptions, segment_candidates, term_key
from .extract import TERM_COLUMNS, TermIndex, TermOptions, extract_terms, index_terms, oriented
from .glossary import Glossary, GlossaryEntry, example_texts, glossary
from .writers import TERM_FORMATS, TERM_WRITERS, write_terms

__all__ = [
    "TERM_COLUMNS",
    "TERM_FORMATS",
    "TERM_WRITERS",
    "AssociationOptions",
    "CandidateOptions",
    "Glossary",
    "GlossaryEntry",
    "TermIndex",
    "TermOptions",
    "example_texts",
    "extract_terms",
    "glossary",
    "index_terms",
    "oriented",
    "segment_candidates",
    "term_key",
    "write_terms",
]
