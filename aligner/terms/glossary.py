"""A term table as the glossary entries every term writer lays out.

One entry per term pair: the two terms, how often each occurs and how often they occur
together, the association figures, the documents, an example sentence pair (the shortest of
the segments the table cites for the pair, so that a translator sees the terms in use) and a
part of speech only where one is known (the table may carry a ``part_of_speech`` column; the
extractor does not guess one).

The example texts come from the segments the table was made from: ``example_texts`` picks
the cited ones out of any stream of pairs, keeping only those, so a caller that streams its
segments (the batch reads every memory again) holds no more than one pair per term.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import polars as pl

from ..model import SegmentPair
from ..wording import counted, number
from .extract import pair_label, turned

EXAMPLE_SEPARATOR = " | "


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """One pair of the term table as writers take it: both terms, their frequencies and co-
    occurrences, Dice, log-likelihood, score, the number of documents, an example pair with its
    segment, and the part of speech when known."""

    source_term: str
    target_term: str
    source_freq: int
    target_freq: int
    cooccurrences: int
    dice: float
    llr: float
    score: float
    documents: int
    example_id: str = ""
    example_source: str = ""
    example_target: str = ""
    part_of_speech: str = ""

    def figures(self) -> str:
        """The pair's association figures in words (a TBX concept note)."""
        return (
            f"{counted(self.cooccurrences, 'segment')} together; Dice {self.dice:.3f}, log-likelihood "
            f"{self.llr:.1f}, score {self.score:.3f}; {counted(self.documents, 'document')}"
        )

    def sides(self, glossary: Glossary) -> tuple[tuple[str, str, int, str], tuple[str, str, int, str]]:
        """(language, term, frequency, example sentence) of the source, then the target."""
        return (
            (glossary.source_lang, self.source_term, self.source_freq, self.example_source),
            (glossary.target_lang, self.target_term, self.target_freq, self.example_target),
        )

    def comment(self) -> str:
        """One line for a glossary's comment field: the counts and the example pair."""
        counts = (
            f"{counted(self.cooccurrences, 'segment')} together; {number(self.source_freq)} / "
            f"{counted(self.target_freq, 'occurrence')}; "
            f"Dice {self.dice:.2f}"
        )
        if self.example_source:
            return f"{counts}. Example: {self.example_source} = {self.example_target}"
        return counts


@dataclass(frozen=True, slots=True)
class Glossary:
    """The term table as writers take it: its languages, its entries best first, and a description
    for the file's header."""

    source_lang: str
    target_lang: str
    entries: tuple[GlossaryEntry, ...]
    description: str = "Term pairs extracted by aligner"


def cited_examples(table: pl.DataFrame) -> set[str]:
    """Every segment id the table cites as an example."""
    cited: set[str] = set()
    for examples in table["examples"].to_list() if table.height else []:
        cited.update(example for example in (examples or "").split(EXAMPLE_SEPARATOR) if example)
    return cited


def example_texts(table: pl.DataFrame, pairs: Iterable[SegmentPair]) -> dict[str, tuple[str, str]]:
    """The (source, target) texts of the segments the table cites, from ``pairs`` (the ones
    the table was made from, in the same order), turned to the table's source language."""
    wanted = cited_examples(table)
    source = table["source_lang"][0] if table.height else ""
    texts: dict[str, tuple[str, str]] = {}
    for index, pair in enumerate(pairs):
        label = pair_label(pair, index)
        if label in wanted and label not in texts:
            oriented = turned(pair, source) if source else pair
            texts[label] = (" ".join(oriented.source.split()), " ".join(oriented.target.split()))
    return texts


def _example(examples: str, texts: Mapping[str, tuple[str, str]]) -> tuple[str, str, str]:
    """(id, source, target) of the shortest cited example whose texts are known, else the
    first id alone."""
    ids = [example for example in (examples or "").split(EXAMPLE_SEPARATOR) if example]
    known = [example for example in ids if example in texts]
    if not known:
        return (ids[0] if ids else "", "", "")
    best = min(known, key=lambda example: len(texts[example][0]) + len(texts[example][1]))
    return (best, *texts[best])


def glossary(table: pl.DataFrame, texts: Mapping[str, tuple[str, str]] | None = None) -> Glossary:
    """The glossary of a term table (``extract_terms``'s columns), best pairs first."""
    texts = texts or {}
    has_pos = "part_of_speech" in table.columns
    entries = []
    for row in table.iter_rows(named=True):
        example_id, example_source, example_target = _example(row["examples"], texts)
        entries.append(
            GlossaryEntry(
                source_term=row["source_term"],
                target_term=row["target_term"],
                source_freq=int(row["source_freq"]),
                target_freq=int(row["target_freq"]),
                cooccurrences=int(row["cooccurrences"]),
                dice=float(row["dice"]),
                llr=float(row["llr"]),
                score=float(row["score"]),
                documents=int(row["documents"]),
                example_id=example_id,
                example_source=example_source,
                example_target=example_target,
                part_of_speech=(row["part_of_speech"] or "") if has_pos else "",
            )
        )
    source_lang = table["source_lang"][0] if table.height else "fr"
    target_lang = table["target_lang"][0] if table.height else "en"
    return Glossary(source_lang, target_lang, tuple(entries))
