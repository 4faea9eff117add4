"""Turn the bytes of a file into text, or refuse with a one-line reason."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters that never occur in text files (tab, LF, FF, CR and ESC-free text only).
_ALLOWED_CONTROLS = {0x09, 0x0A, 0x0C, 0x0D}


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A file's bytes as text: the text (newlines normalised), the encoding it was read in, and a
    note when the encoding was guessed or characters were replaced."""

    text: str
    encoding: str
    note: str | None = None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB: not a text file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 0x20 and byte not in _ALLOWED_CONTROLS)
    return controls > max(2, len(head) // 100)


def decode(data: bytes, name: str) -> DecodedText:
    """Decode with BOM detection, then UTF-8, then cp1252 (saying so). Line ends become LF."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(
                    f"{name}: not valid {encoding} despite its byte order mark ({error.reason})"
                ) from None
            if not text.strip():
                raise InputError(f"{name}: the file is empty (a byte order mark and nothing else)")
            return DecodedText(normalise_newlines(text), encoding.replace("-sig", ""))
    if looks_binary(data):
        raise InputError(f"{name}: this is a binary file, not text")
    try:
        return DecodedText(normalise_newlines(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(
            f"{name}: cannot decode the text (neither UTF-8, UTF-16 with BOM nor cp1252)"
        ) from None
    return DecodedText(
        normalise_newlines(text), "cp1252", f"{name}: not valid UTF-8, decoded as cp1252 (Windows-1252)"
    )


def normalise_newlines(text: str) -> str:
    """The text with Windows (CRLF) and old Mac (CR) line ends as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
