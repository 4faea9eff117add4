"""Readers, one module per input format, all returning a ``RawDocument``.

Every reader keeps the ``DocumentReader`` contract and is registered in ``READERS`` by the
file suffixes it reads; its module is imported when a file of its format is first met.
``read_document`` picks the reader from the file's suffix (an unknown suffix is refused with
the known ones, never read as text), after checking that the file exists and is not empty.
Adding a format is writing a module with ``read(path, data)`` and registering it here.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Protocol

from ..errors import InputError
from ..files import check_input, read_input
from ..model import RawDocument
from ..registry import Registry


class DocumentReader(Protocol):
    """The contract of a document reader: the file's path (for messages and for formats
    that look beside it) and its bytes in, a ``RawDocument`` of blocks out; a file it cannot
    read is an ``InputError`` with a one-line reason."""

    def __call__(self, path: Path, data: bytes, /) -> RawDocument: ...


READERS: Registry[DocumentReader] = Registry(
    "input format",
    InputError,
    unnamed="the file name has no extension to tell its format (known: {known})",
)


def _module_reader(module: str) -> Callable[[], DocumentReader]:
    def load() -> DocumentReader:
        reader: DocumentReader = import_module(f"{__name__}.{module}").read
        return reader

    return load


for _suffixes, _module in (
    ((".txt", ".text", ".sents"), "text"),
    ((".md", ".markdown"), "markdown"),
    ((".docx",), "docx"),
    ((".xml",), "lims"),
    ((".html", ".htm", ".xhtml"), "html"),
    ((".pdf",), "pdf"),
):
    READERS.register_lazy(_suffixes, _module_reader(_module))


# Formats a user may well hold that no reader reads, with how to get one that is read.
_CONVERT_FIRST = {
    ".doc": "Word 97-2003",
    ".rtf": "RTF",
    ".odt": "OpenDocument",
    ".wpd": "WordPerfect",
}


def reader_for(path: Path) -> DocumentReader:
    """The reader of ``path``'s format, by its suffix; an ``InputError`` for a suffix no
    reader is registered for (saying how to convert the formats a word processor opens)."""
    suffix = path.suffix.lower()
    if suffix in _CONVERT_FIRST:
        raise InputError(
            f"{path}: {_CONVERT_FIRST[suffix]} files ({suffix}) are not read; save it as .docx "
            f"(or convert it: soffice --headless --convert-to docx {shlex.quote(str(path))})"
        )
    return READERS.get(suffix, str(path))


def read_document(path: str | Path) -> RawDocument:
    """Read any supported file into blocks. Raises ``InputError`` with a one-line reason."""
    path = Path(path)
    check_input(path)  # a missing file, a device or a pipe is said as such, whatever its name
    reader = reader_for(path)
    return reader(path, read_bytes(path))


def read_bytes(path: Path) -> bytes:
    """The bytes of an input file, after the checks every input gets: it exists, is a regular
    file (not a folder, device or pipe) no larger than the input limit, can be read and is
    not empty (see ``aligner.files``)."""
    data = read_input(path)
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    return data
