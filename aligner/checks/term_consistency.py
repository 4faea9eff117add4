"""A term translated one way in most places and another way here.

Uses the term table of the pairs themselves: for a multi-word source term whose usual
rendering is clear (found with it in most segments), every segment that has the term but
not that rendering is a finding, with the counts that make the rendering the usual one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import polars as pl

from ..profiles import LanguageProfile
from ..terms.text import fold, tokenize
from .finding import Check, CheckContext, Finding

NAME = "term-consistency"


@dataclass(frozen=True, slots=True)
class ConsistencyOptions:
    min_cooccurrences: int = 4
    min_share: float = 0.8  # of the source term's segments that have the usual rendering
    min_dice: float = 0.75
    min_words: int = 2


def usual_renderings(table: pl.DataFrame, options: ConsistencyOptions) -> pl.DataFrame:
    return table.filter(
        (pl.col("cooccurrences") >= options.min_cooccurrences)
        & (pl.col("cooccurrences") < pl.col("source_freq"))
        & (pl.col("cooccurrences") >= options.min_share * pl.col("source_freq"))
        & (pl.col("dice") >= options.min_dice)
        & (pl.col("source_key").str.count_matches(" ") >= options.min_words - 1)
    ).select("source_key", "target_key", "source_term", "target_term", "cooccurrences", "source_freq")


def exceptions(context: CheckContext, options: ConsistencyOptions) -> pl.DataFrame:
    """Segments where a source term stands without its usual rendering."""
    index = context.terms
    occurrences = index.occurrences
    source = occurrences.filter(pl.col("lang") == index.source_lang).select("segment", source_key="key")
    target = occurrences.filter(pl.col("lang") == index.target_lang).select("segment", target_key="key")
    return (
        source.join(usual_renderings(index.table, options), on="source_key")
        .join(target, on=["segment", "target_key"], how="anti")
        .sort("segment", "source_key")
    )


def content_words(text: str, profile: LanguageProfile) -> set[str]:
    words = {
        fold(part, profile)
        for token in tokenize(text, profile)
        if token.kind == "word"
        for part in token.lower.split("-")
    }
    return words - profile.stopwords - profile.term_links


def rendered_loosely(target_term_key: str, target: str, profile: LanguageProfile) -> bool:
    """Every content word of the usual rendering is in the segment, perhaps split or
    reordered ("technical and legal assistance" for "technical assistance"): a variation
    of wording, not of terminology."""
    wanted = content_words(target_term_key, profile) - profile.term_articles
    return wanted <= content_words(target, profile)


def run(context: CheckContext, options: ConsistencyOptions = ConsistencyOptions()) -> Iterator[Finding]:
    for row in exceptions(context, options).iter_rows(named=True):
        index = row["segment"]
        if rendered_loosely(row["target_key"], context.pairs[index].target, context.target):
            continue
        detail = (
            f"“{row['source_term']}” is rendered “{row['target_term']}” in {row['cooccurrences']} of "
            f"{row['source_freq']} segments, but not here"
        )
        yield context.finding(NAME, "warning", index, detail)


CHECK = Check(NAME, "a term rendered one way in most segments and another way in a few (uses the term table)", run)
