"""Writers: TMX 1.4b, XLIFF 1.2/2.x, TSV, the links file (JSON Lines) and the review
spreadsheet (XLSX), chosen by file extension.

Every writer keeps the ``SegmentWriter`` contract: a class made with its format's options
(keywords only), whose ``write`` takes an iterable of ``SegmentPair``s, streams it to the file
through ``aligner.atomic`` and returns a ``WriteReport``. Writers are registered in
``WRITERS`` by the suffixes they write; adding a format is writing its module and
registering its class here.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from ..errors import AlignerError
from ..model import SegmentPair
from ..registry import Registry
from .common import WriteReport
from .jsonl import JsonlWriter, write_jsonl
from .tmx import TmxWriter, write_tmx
from .tsv import TsvWriter, write_tsv
from .xliff import XliffWriter, write_xliff
from .xlsx import XlsxWriter, write_xlsx


class SegmentWriter(Protocol):
    """The contract of a segment writer: ``write`` streams the pairs to ``path`` (atomically:
    a failure leaves no half-written file) and says what it wrote and left out."""

    def write(self, pairs: Iterable[SegmentPair], path: str | Path) -> WriteReport:
        """Write ``pairs`` at ``path``, whole or not at all; what was written and left out."""
        ...


WRITERS: Registry[type[SegmentWriter]] = Registry(
    "extension",
    AlignerError,
    unknown="unknown extension {name}, use one of {known}",
    unnamed="the file name has no extension to tell the format, use one of {known}",
)
WRITERS.register(".tmx", TmxWriter)
WRITERS.register((".xlf", ".xliff"), XliffWriter)
WRITERS.register(".tsv", TsvWriter)
WRITERS.register(".jsonl", JsonlWriter)
WRITERS.register(".xlsx", XlsxWriter)

__all__ = [
    "WRITERS",
    "JsonlWriter",
    "SegmentWriter",
    "TmxWriter",
    "TsvWriter",
    "WriteReport",
    "XliffWriter",
    "XlsxWriter",
    "segment_writer",
    "write_jsonl",
    "write_segments",
    "write_tmx",
    "write_tsv",
    "write_xliff",
    "write_xlsx",
]


def segment_writer(path: str | Path, **options: Any) -> SegmentWriter:
    """The writer of ``path``'s format, made with ``options``: an ``AlignerError`` for an
    unknown extension, or for an option the format does not have (named as the command
    line's option)."""
    extension = Path(path).suffix.lower()
    writer_class = WRITERS.get(extension, f"cannot write {path}")
    accepted = inspect.signature(writer_class).parameters
    unknown = sorted(name for name in options if name not in accepted)
    if unknown:
        names = ", ".join(f"--{name.replace('_', '-')}" for name in unknown)
        raise AlignerError(f"cannot write {path}: {names} does not apply to {extension} files")
    return writer_class(**options)


def write_segments(pairs: Iterable[SegmentPair], path: str | Path, **options: Any) -> WriteReport:
    """Write ``pairs`` to ``path`` in the format its extension names (.tmx, .tsv, .jsonl, .xlsx).

    ``options`` go to the writer (see ``TmxWriter``, ``TsvWriter``, ``JsonlWriter``); an option
    the chosen format does not have is an ``AlignerError``, as is an unknown extension.
    """
    return segment_writer(path, **options).write(pairs, path)
