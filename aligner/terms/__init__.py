"""Bilingual terminology: candidate terms per language, association across aligned segments,
and writers for the resulting table (CSV, XLSX, TBX).

    table = extract_terms(pairs)                 # polars DataFrame, best pairs first
    write_terms(table, "terms.tbx")              # format from the suffix
"""

from .association import AssociationOptions
from .candidates import CandidateOptions, segment_candidates, term_key
from .extract import TERM_COLUMNS, TermIndex, TermOptions, extract_terms, index_terms, oriented
from .writers import TERM_FORMATS, write_terms

__all__ = [
    "TERM_COLUMNS",
    "TERM_FORMATS",
    "AssociationOptions",
    "CandidateOptions",
    "TermIndex",
    "TermOptions",
    "extract_terms",
    "index_terms",
    "oriented",
    "segment_candidates",
    "term_key",
    "write_terms",
]
