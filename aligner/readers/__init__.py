"""Readers, one module per input format, all returning a ``RawDocument``.

``read_document`` picks the reader from the file extension (and, for XML, from the root
element), after checking that the file exists and is not empty.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from ..errors import InputError
from ..files import read_input
from ..model import RawDocument

Reader = Callable[[Path, bytes], RawDocument]

# extension -> module in this package exposing ``read(path, data)``
READERS: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".text": "text",
    ".sents": "text",
    ".docx": "docx",
    ".xml": "lims",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
}


def reader_for(path: Path) -> Reader:
    module_name = READERS.get(path.suffix.lower(), "text")
    reader: Reader = import_module(f"{__name__}.{module_name}").read
    return reader


def read_document(path: str | Path) -> RawDocument:
    """Read any supported file into blocks. Raises ``InputError`` with a one-line reason."""
    path = Path(path)
    return reader_for(path)(path, read_bytes(path))


def read_bytes(path: Path) -> bytes:
    """The bytes of an input file, after the checks every input gets: it exists, is a regular
    file (not a folder, device or pipe) no larger than the input limit, can be read and is
    not empty (see ``aligner.files``)."""
    data = read_input(path)
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    return data
