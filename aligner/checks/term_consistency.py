"""A term translated one way in most places and another way here.

Uses the term table of the pairs themselves: for a multi-word source term whose usual
rendering is clear (found with it in most segments), every segment that has the term but
not that rendering is a finding, with the counts that make the rendering the usual one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import polars as pl

from ..profiles import LanguageProfile
from ..terms.extract import TermIndex
from ..terms.text import fold, tokenize
from .finding import Check, CheckContext, Finding

NAME = "term-consistency"


@dataclass(frozen=True, slots=True)
class ConsistencyOptions:
    min_cooccurrences: int = 4
    min_share: float = 0.8  # of the source term's segments that have the usual rendering
    # ... and of those where the source term stands on its own (exceptions count there).
    min_share_alone: float = 0.5
    min_dice: float = 0.75
    min_words: int = 2


def usual_renderings(index: TermIndex, options: ConsistencyOptions) -> pl.DataFrame:
    """Table rows whose target term goes with the source term in most of its segments, and
    also in most of those where the source term stands on its own: inside a longer term
    ("programmes de développement" in "Programme de développement durable à l'horizon 2030")
    it goes with the rendering of the longer term, which says nothing of its own."""
    occurrences = index.occurrences
    alone = occurrences.filter((pl.col("lang") == index.source_lang) & pl.col("independent")).select(
        "segment", source_key="key"
    )
    target = occurrences.filter(pl.col("lang") == index.target_lang).select("segment", target_key="key")
    alone_counts = alone.group_by("source_key").agg(pl.len().alias("alone"))
    rendered_alone = (
        alone.join(target, on="segment").group_by("source_key", "target_key").agg(pl.len().alias("rendered"))
    )
    return (
        index.table.filter(
            (pl.col("cooccurrences") >= options.min_cooccurrences)
            & (pl.col("cooccurrences") < pl.col("source_freq"))
            & (pl.col("cooccurrences") >= options.min_share * pl.col("source_freq"))
            & (pl.col("dice") >= options.min_dice)
            & (pl.col("source_key").str.count_matches(" ") >= options.min_words - 1)
        )
        .join(alone_counts, on="source_key", how="left")
        .join(rendered_alone, on=["source_key", "target_key"], how="left")
        .filter(pl.col("rendered").fill_null(0) >= options.min_share_alone * pl.col("alone").fill_null(0))
        .select("source_key", "target_key", "source_term", "target_term", "cooccurrences", "source_freq")
    )


def exceptions(context: CheckContext, options: ConsistencyOptions) -> pl.DataFrame:
    """Segments where a source term stands without its usual rendering."""
    index = context.terms
    occurrences = index.occurrences
    source = occurrences.filter(pl.col("lang") == index.source_lang).select("segment", source_key="key")
    target = occurrences.filter(pl.col("lang") == index.target_lang).select("segment", target_key="key")
    return (
        source.join(usual_renderings(index, options), on="source_key")
        .join(target, on=["segment", "target_key"], how="anti")
        .sort("segment", "source_key")
    )


def content_words(text: str, profile: LanguageProfile) -> set[str]:
    words = {
        fold(part, profile)
        for token in tokenize(unicodedata.normalize("NFC", text), profile)
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


CHECK = Check(
    NAME, "a term rendered one way in most segments and another way in a few (uses the term table)", run
)
