"""The transread gold books (../shared/corpora/transread): loading for the alignment scripts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aligner.evaluate import IndexBead, read_index_beads

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
TRANSREAD = CORPORA / "transread"


@dataclass(frozen=True)
class Book:
    name: str
    french: list[str]
    english: list[str]
    gold: list[IndexBead]  # [French indices]:[English indices]


def load_books(folder: Path = TRANSREAD) -> list[Book]:
    """Every book folder with fr.sents, en.sents and gold.vecalign ([en]:[fr], swapped here)."""
    books = []
    for book in sorted(path for path in folder.iterdir() if (path / "gold.vecalign").exists()):
        books.append(
            Book(
                name=book.name,
                french=(book / "fr.sents").read_text(encoding="utf-8").splitlines(),
                english=(book / "en.sents").read_text(encoding="utf-8").splitlines(),
                gold=read_index_beads(book / "gold.vecalign", swap=True),
            )
        )
    return books
