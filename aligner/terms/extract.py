"""Bilingual term table from aligned segment pairs: candidates per language, then association.

>>> table = extract_terms(pairs)          # a polars DataFrame, best pairs first
>>> table.select("source_term", "target_term", "cooccurrences", "dice").head()
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice

import polars as pl

from ..errors import InputError
from ..model import SegmentPair
from ..profiles import Language, get_profile, primary_language
from .association import (
    AssociationOptions,
    association_table,
    display_forms,
    evidence,
    fit,
    kept_occurrences,
    paired,
)
from .candidates import CandidateOptions, Occurrence, read_segment
from .quality import QualityOptions, coherence_scores, dominated
from .termhood import TermhoodOptions, single_word_weight, specificity

# Pairs turned into occurrence rows at a time (the rows, not the pairs, are then kept).
CHUNK_PAIRS = 2_000

TERM_COLUMNS = (
    "source_lang",
    "target_lang",
    "source_term",
    "target_term",
    "source_freq",
    "target_freq",
    "cooccurrences",
    "dice",
    "llr",
    "score",
    "documents",
    "examples",
)

# Words and terms are dictionary-encoded (categorical): an occurrence row then holds numbers,
# and the joins and group-bys of the query work on them (a third less memory than strings).
_OCCURRENCE_SCHEMA = {
    "segment": pl.UInt32,
    "lang": pl.Categorical,
    "key": pl.Categorical,
    "surface": pl.Categorical,
    "start": pl.UInt32,
    "end": pl.UInt32,
    "words": pl.UInt32,
    "initial": pl.Boolean,
    "position": pl.Float64,
    "cut": pl.Boolean,
    "continued": pl.Boolean,
    "next_word": pl.Categorical,
    "dated": pl.Boolean,
    "virtual": pl.Boolean,
    "split": pl.Boolean,
    "joined": pl.Boolean,
}
_WORD_SCHEMA = {"segment": pl.UInt32, "lang": pl.Categorical, "word": pl.String}
_SEGMENT_SCHEMA = {
    "segment": pl.UInt32,
    "document": pl.String,
    "tuid": pl.String,
    "source_words": pl.UInt32,
    "target_words": pl.UInt32,
}
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class TermOptions:
    """Every setting of term extraction: candidates, association, how coordinations, single words
    (termhood) and incoherent pairs (quality) rank."""

    candidates: CandidateOptions = field(default_factory=CandidateOptions)
    association: AssociationOptions = field(default_factory=AssociationOptions)
    # A coordination of modifiers on both sides ("national and international levels") is
    # two terms more than one: it ranks after them.
    coordination_weight: float = 0.3
    # Single words rank by how specific they are to the document (see ``termhood``).
    termhood: TermhoodOptions = field(default_factory=TermhoodOptions)
    # Pairs whose words do not translate each other pair and rank lower: the fit of a couple
    # is multiplied by its coherence (see ``quality``).
    quality: QualityOptions = field(default_factory=QualityOptions)


def oriented(
    pairs: Iterable[SegmentPair], source_lang: str | None = None
) -> tuple[list[SegmentPair], Language, Language]:
    """The pairs, all turned the same way (the way of the first pair unless ``source_lang``
    says otherwise), with the source and target languages."""
    pairs = list(pairs)
    if not pairs:
        raise InputError("no segment pairs to work on")
    source, target = orientation(pairs[0], source_lang)
    return [turned(pair, source.code) for pair in pairs], source, target


def orientation(first: SegmentPair, source_lang: str | None = None) -> tuple[Language, Language]:
    """Source and target languages: ``source_lang`` if given, else the first pair's. The
    pairs' language tags come from files (memories, links, term tables): they are resolved
    here, once for the pairs, and the languages go on to the term table and the checks."""
    source = primary_language(source_lang or first.source_lang)
    target = first.target_lang if primary_language(first.source_lang) == source else first.source_lang
    target = primary_language(target)
    if source == target:
        raise InputError(f"source and target language are both '{source}'")
    return get_profile(source), get_profile(target)


def turned(pair: SegmentPair, source: str) -> SegmentPair:
    """The pair with ``source`` as its source language."""
    return pair if _base(pair.source_lang) == source else _reversed(pair)


def _base(code: str) -> str:
    return primary_language(code)


def _reversed(pair: SegmentPair) -> SegmentPair:
    return SegmentPair(
        source=pair.target,
        target=pair.source,
        source_lang=pair.target_lang,
        target_lang=pair.source_lang,
        key=pair.key,
        tuid=pair.tuid,
        document=pair.document,
        confidence=pair.confidence,
        kind=pair.kind,
        note=pair.note,
        props=dict(pair.props),
    )


def pair_label(pair: SegmentPair, index: int) -> str:
    """What names a pair in tables and reports: its tuid, else its structural key, else its
    position."""
    return pair.tuid or pair.key or f"#{index + 1}"


def occurrence_rows(
    texts: Sequence[str],
    language: Language,
    options: CandidateOptions,
    first_segment: int = 0,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The occurrence rows and the word rows (segment, lang, word) of ``texts``, in
    ``language`` (its code fills the rows' ``lang`` column)."""
    lang = language.code
    found: list[Occurrence] = []
    segments: list[int] = []
    word_segments: list[int] = []
    words: list[str] = []
    for segment, text in enumerate(texts, start=first_segment):
        occurrences, segment_words = read_segment(text, language, options)
        found.extend(occurrences)
        segments.extend([segment] * len(occurrences))
        words.extend(segment_words)
        word_segments.extend([segment] * len(segment_words))
    fields = {name: dtype for name, dtype in _OCCURRENCE_SCHEMA.items() if name not in ("segment", "lang")}
    occurrence_frame = pl.DataFrame(found, schema=fields, orient="row").select(
        pl.Series("segment", segments, dtype=pl.UInt32),
        pl.lit(lang, dtype=pl.Categorical).alias("lang"),
        *fields,
    )
    word_frame = pl.DataFrame(
        {"segment": word_segments, "lang": [lang] * len(words), "word": words}, schema=_WORD_SCHEMA
    )
    return occurrence_frame, word_frame


def occurrence_frame(
    pairs: Sequence[SegmentPair],
    source: Language,
    target: Language,
    options: CandidateOptions,
    first_segment: int = 0,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The occurrence rows and word rows of both sides of ``pairs``."""
    occurrences, words = [], []
    for language, texts in ((source, [p.source for p in pairs]), (target, [p.target for p in pairs])):
        occurrence_part, word_part = occurrence_rows(texts, language, options, first_segment)
        occurrences.append(occurrence_part)
        words.append(word_part)
    return pl.concat(occurrences), pl.concat(words)


def segment_frame(pairs: Sequence[SegmentPair], first_segment: int = 0) -> pl.LazyFrame:
    """One row per pair (from ``first_segment`` on): its document, its label and the number of words
    of each side."""
    return pl.DataFrame(
        {
            "segment": list(range(first_segment, first_segment + len(pairs))),
            "document": [pair.document for pair in pairs],
            "tuid": [pair_label(pair, index) for index, pair in enumerate(pairs, start=first_segment)],
            "source_words": [len(_WORD.findall(pair.source)) for pair in pairs],
            "target_words": [len(_WORD.findall(pair.target)) for pair in pairs],
        },
        schema=_SEGMENT_SCHEMA,
    ).lazy()


def batched(items: Iterable[SegmentPair], size: int) -> Iterator[list[SegmentPair]]:
    """Lists of ``size`` items (the last shorter); itertools.batched needs Python 3.12."""
    iterator = iter(items)
    while block := list(islice(iterator, size)):
        yield block


def corpus_frames(
    pairs: Iterable[SegmentPair],
    options: CandidateOptions,
    source_lang: str | None = None,
    chunk: int = CHUNK_PAIRS,
) -> tuple[pl.LazyFrame, pl.LazyFrame, pl.LazyFrame, Language, Language]:
    """Occurrence, word and segment frames of a stream of pairs, built ``chunk`` pairs at a
    time, so that only compact columnar frames are held, never the pairs themselves."""
    stream = iter(pairs)
    first = next(stream, None)
    if first is None:
        raise InputError("no segment pairs to work on")
    source, target = orientation(first, source_lang)
    occurrence_chunks: list[pl.DataFrame] = []
    word_chunks: list[pl.DataFrame] = []
    segment_chunks: list[pl.DataFrame] = []
    offset = 0
    for block in batched(chain([first], stream), chunk):
        block = [turned(pair, source.code) for pair in block]
        occurrences, words = occurrence_frame(block, source, target, options, offset)
        occurrence_chunks.append(occurrences)
        word_chunks.append(words)
        segment_chunks.append(segment_frame(block, offset).collect())
        offset += len(block)
    return (
        pl.concat(occurrence_chunks).lazy(),
        pl.concat(word_chunks).lazy(),
        pl.concat(segment_chunks).lazy(),
        source,
        target,
    )


def term_query(
    kept: pl.LazyFrame,
    segments: pl.LazyFrame,
    word_rows: pl.LazyFrame,
    source_language: Language,
    target_language: Language,
    options: TermOptions,
) -> pl.LazyFrame:
    """The whole table as one query over the kept occurrences and the segment frame: every
    associated couple with its coherence (``quality.coherence_scores``), the one-to-one
    pairing, the evidence and the forms to show."""
    source, target = source_language.code, target_language.code
    forms = display_forms(kept)
    source_forms = forms.filter(pl.col("lang") == source).select(
        pl.col("key").alias("source_key"), pl.col("term").alias("source_term")
    )
    target_forms = forms.filter(pl.col("lang") == target).select(
        pl.col("key").alias("target_key"), pl.col("term").alias("target_term")
    )
    couples = association_table(kept, segments, source, target, options.association).collect()
    profiles = source_language, target_language
    coherence = coherence_scores(couples, word_rows, source, target, profiles, options.quality)
    couples = couples.with_columns(coherence).with_columns(fit().alias("fit"))
    table = paired(couples).lazy()
    shown = evidence(table, kept, segments, source, target, options.association.examples)
    return (
        table.join(shown, on=["source_key", "target_key"], how="left")
        .join(source_forms, on="source_key")
        .join(target_forms, on="target_key")
        .with_columns(
            pl.lit(source).alias("source_lang"),
            pl.lit(target).alias("target_lang"),
            pl.col("examples").list.join(" | "),
        )
        .with_columns(pl.col(pl.Categorical).cast(pl.String))
    )


def assessed(table: pl.DataFrame, options: TermOptions) -> pl.DataFrame:
    """The table less the pairs that are slices of longer ones (``quality.dominated``)."""
    rows = list(table.select("source_key", "target_key", "cooccurrences").iter_rows())
    slices = dominated(rows, options.quality)
    keep = [index not in slices for index in range(len(rows))]
    return table.filter(pl.Series("keep", keep, dtype=pl.Boolean))


def ranked(
    table: pl.DataFrame, words: tuple[int, int], options: TermOptions, languages: tuple[Language, Language]
) -> pl.DataFrame:
    """The table in the order a terminologist reads it, surest and most frequent first:
    ``score`` is the fit of the pair (``association.fit``: how surely the terms go together,
    lowered for terms in different places, times coherence), times log2(1 + co-occurrences),
    times 0.5 + half the share of segments where the terms stand on their own, times the
    termhood weight of single words (``termhood``). ``words`` counts the words of each side,
    in its language of ``languages`` (source, target)."""
    profiles = languages if table.height else ()
    weights = []
    for row in table.select(
        "source_term", "target_term", "source_freq", "target_freq", "source_words", "target_words"
    ).iter_rows():
        sides = zip(profiles, row[0:2], row[2:4], row[4:6], words, strict=False)
        specific = [
            specificity(term, frequency, total, profile)
            for profile, term, frequency, length, total in sides
            if length == 1
        ]
        weights.append(single_word_weight(specific, options.termhood))
    alone = pl.min_horizontal("source_independence", "target_independence")
    single = (pl.col("source_words") == 1) | (pl.col("target_words") == 1)
    independence = pl.when(single).then(alone).otherwise(0.5 + 0.5 * alone)
    joined = (pl.col("source_joined") > 0.5) & (pl.col("target_joined") > 0.5)
    coordination = pl.when(joined).then(options.coordination_weight).otherwise(1.0)
    frequency = (1.0 + pl.col("cooccurrences").cast(pl.Float64)).log(2)
    score = pl.col("fit") * frequency * independence * coordination * pl.col("termhood")
    return (
        table.with_columns(pl.Series("termhood", weights, dtype=pl.Float64))
        .with_columns(score.alias("score"))
        .sort(["score", "cooccurrences", "source_term"], descending=[True, True, False])
        .with_columns(pl.col("dice").round(4), pl.col("llr").round(2), pl.col("score").round(4))
        .select(
            *TERM_COLUMNS,
            "source_key",
            "target_key",
            pl.col("coherence").round(3),
            (pl.col("source_is_term") & pl.col("target_is_term")).alias("terms"),
        )
    )


@dataclass(frozen=True, slots=True)
class TermIndex:
    """The term table and where its terms occur: ``occurrences`` has one row per segment,
    language and key, whether the term stands on its own there (``independent``: not inside
    a longer term) and how many times it stands there (``count``); the consistency check
    needs both."""

    table: pl.DataFrame
    occurrences: pl.DataFrame
    source_lang: str
    target_lang: str


def index_terms(
    pairs: Iterable[SegmentPair],
    options: TermOptions = TermOptions(),
    source_lang: str | None = None,
) -> TermIndex:
    """Term table and occurrences of ``pairs`` (turned to ``source_lang`` first if given)."""
    occurrences, word_rows, segments, source, target = corpus_frames(pairs, options.candidates, source_lang)
    found = kept_occurrences(occurrences, options.association).lazy()
    table, kept, words = pl.collect_all(
        [
            term_query(found, segments, word_rows, source, target, options),
            found.group_by("segment", "lang", "key")
            .agg(pl.col("independent").any(), pl.col("start").n_unique().alias("count"))
            .with_columns(pl.col(pl.Categorical).cast(pl.String)),
            segments.select(pl.col("source_words").sum(), pl.col("target_words").sum()),
        ]
    )
    table = ranked(assessed(table, options), words.row(0), options, (source, target))
    return TermIndex(table, kept, source.code, target.code)


def extract_terms(
    pairs: Iterable[SegmentPair],
    options: TermOptions = TermOptions(),
    source_lang: str | None = None,
) -> pl.DataFrame:
    """The bilingual term table of ``pairs``: one row per term pair, best first.

    Columns: ``TERM_COLUMNS`` plus ``source_key``/``target_key`` (the folded forms that the
    consistency check matches on).
    """
    return index_terms(pairs, options, source_lang).table
