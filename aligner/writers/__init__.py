"""Writers: TMX 1.4b, XLIFF 1.2/2.x, TSV, the links file (JSON Lines) and the review
spreadsheet (XLSX), chosen by file extension.

Every writer takes an iterable of ``SegmentPair``s, streams it to the file through
``aligner.atomic`` and returns a ``WriteReport``.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from pathlib import Path
from types import MappingProxyType

from ..errors import AlignerError
from ..model import SegmentPair
from .common import WriteReport
from .jsonl import JsonlWriter, write_jsonl
from .tmx import TmxWriter, write_tmx
from .tsv import TsvWriter, write_tsv
from .xliff import XliffWriter, write_xliff
from .xlsx import XlsxWriter, write_xlsx

WRITERS = MappingProxyType(
    {
        ".tmx": TmxWriter,
        ".xlf": XliffWriter,
        ".xliff": XliffWriter,
        ".tsv": TsvWriter,
        ".jsonl": JsonlWriter,
        ".xlsx": XlsxWriter,
    }
)

__all__ = [
    "WRITERS",
    "JsonlWriter",
    "TmxWriter",
    "TsvWriter",
    "WriteReport",
    "XliffWriter",
    "XlsxWriter",
    "write_jsonl",
    "write_segments",
    "write_tmx",
    "write_tsv",
    "write_xliff",
    "write_xlsx",
]


def write_segments(pairs: Iterable[SegmentPair], path: str | Path, **options) -> WriteReport:
    """Write ``pairs`` to ``path`` in the format its extension names (.tmx, .tsv, .jsonl, .xlsx).

    ``options`` go to the writer (see ``TmxWriter``, ``TsvWriter``, ``JsonlWriter``); an option
    the chosen format does not have is an ``AlignerError``, as is an unknown extension.
    """
    extension = Path(path).suffix.lower()
    writer_class = WRITERS.get(extension)
    if writer_class is None:
        known = ", ".join(WRITERS)
        raise AlignerError(
            f"cannot write {path}: unknown extension {extension or '(none)'!r}, use one of {known}"
        )
    accepted = inspect.signature(writer_class).parameters
    unknown = sorted(name for name in options if name not in accepted)
    if unknown:
        names = ", ".join(f"--{name.replace('_', '-')}" for name in unknown)
        raise AlignerError(f"cannot write {path}: {names} does not apply to {extension} files")
    return writer_class(**options).write(pairs, path)
