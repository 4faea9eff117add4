"""Plain text or markdown converted from PDF: blocks are runs of lines between blank lines.

Form feeds (page breaks) also end a block and advance the page count, which ``repair`` uses
to tell page-break splits from real paragraph ends. Nothing else is interpreted here.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Block, RawDocument
from .encoding import decode


def read(path: Path, data: bytes) -> RawDocument:
    """The blocks of a plain-text file: its text decoded (the encoding detected, with a note when
    guessed), split into paragraphs at blank lines."""
    decoded = decode(data, str(path))
    notes = [decoded.note] if decoded.note else []
    return RawDocument(
        path=str(path),
        format="text",
        blocks=split_blocks(decoded.text),
        encoding=decoded.encoding,
        notes=notes,
    )


def split_blocks(text: str) -> list[Block]:
    """Blocks of consecutive non-blank lines, with their first line number and page."""
    blocks: list[Block] = []
    lines: list[str] = []
    start = page = 0

    def flush() -> None:
        if lines:
            blocks.append(Block(text="\n".join(lines), line=start, page=page))
            lines.clear()

    for number, raw_line in enumerate(text.split("\n"), start=1):
        pieces = raw_line.split("\f")
        for index, piece in enumerate(pieces):
            if index > 0:
                flush()
                page += 1
            line = piece.rstrip()
            if not line.strip():
                flush()
                continue
            if not lines:
                start = number
            lines.append(line)
    flush()
    return blocks
