"""Write a term table in the format its file name asks for: one writer class per format, in
a registry by suffix. Every writer takes a ``Glossary`` (``terms.glossary``) and a path and
returns how many characters the format could not hold it removed (``sheets.Cleaning``).

    .tbx          TBX-Basic (ISO 30042:2008 martif): OmegaT, memoQ, MultiTerm
                  (``tbx_version=3``: TBX v3, ISO 30042:2019)
    .utf8 .txt    OmegaT's tab-separated glossary (source, target, comment; no header)
    .csv          the table for Excel (UTF-8 with a byte-order mark)
    .xlsx         the table laid out for reading
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol

import polars as pl

from ..errors import InputError
from ..model import SegmentPair
from ..registry import Registry
from .glossary import Glossary, example_texts, glossary
from .omegat import OmegatGlossaryWriter
from .sheets import Cleaning
from .spreadsheet import CsvTermWriter, XlsxTermWriter
from .tbx import Tbx3Writer
from .tbx_basic import TbxBasicWriter


class TermWriter(Protocol):
    """The contract of a term-table writer: ``write`` writes the glossary to ``path``
    (atomically) and returns what the format could not hold and was removed."""

    def write(self, glossary: Glossary, path: str | Path) -> Cleaning:
        """Write ``glossary`` at ``path``, whole or not at all; what was removed to fit the format."""
        ...


TERM_WRITERS: Registry[type[TermWriter]] = Registry(
    "term table format",
    InputError,
    unknown="unknown term table format {name} (use {known})",
    unnamed="the file name has no extension to tell the format (use {known})",
)
TERM_WRITERS.register(".tbx", TbxBasicWriter)
TERM_WRITERS.register((".utf8", ".txt"), OmegatGlossaryWriter)
TERM_WRITERS.register(".csv", CsvTermWriter)
TERM_WRITERS.register(".xlsx", XlsxTermWriter)
TERM_FORMATS = TERM_WRITERS.names()
# The TBX standard's editions: ISO 30042:2008 (TBX-Basic) and ISO 30042:2019 (TBX v3).
TBX_WRITERS: Mapping[int, type[TermWriter]] = {2: TbxBasicWriter, 3: Tbx3Writer}


def term_writer(path: str | Path, tbx_version: int = 2) -> TermWriter:
    """The writer of ``path``'s format (a ``.tbx`` file in the TBX edition asked for); an
    ``InputError`` for an unknown suffix or TBX version."""
    if tbx_version not in TBX_WRITERS:
        raise InputError(f"TBX version must be 2 (ISO 30042:2008) or 3 (ISO 30042:2019), got {tbx_version}")
    suffix = Path(path).suffix.lower()
    writer_class = TERM_WRITERS.get(suffix, str(path))
    if suffix == ".tbx":
        writer_class = TBX_WRITERS[tbx_version]
    return writer_class()


def write_terms(
    table: pl.DataFrame,
    path: str | Path,
    pairs: Iterable[SegmentPair] | None = None,
    tbx_version: int = 2,
) -> Cleaning:
    """Write ``table`` (``extract_terms``) to ``path``. ``pairs``, the segments the table was
    made from, give each term its example sentence pair (else only the example's id).
    Returns how many characters the format could not hold were removed."""
    writer = term_writer(path, tbx_version)
    texts = example_texts(table, pairs) if pairs is not None else {}
    return writer.write(glossary(table, texts), path)
