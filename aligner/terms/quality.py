"""How far a term pair can be trusted beyond its counts: do its words translate each other,
and is it more than a slice of a longer pair?

Counts alone pair spans that merely stand together: "libertés fondamentales" with "rights
and fundamental freedoms" (the English side also holds "rights"), "étude approfondie" with
"Expert Group to Conduct". Two tests look inside a pair; the first is computed for every
couple the association table offers, as one query, since the pairing itself weighs it:

* coherence: the share of the content words of the two sides that some word of the other
  side accounts for. A word accounts for another when the word lexicon learnt on the
  document's own segments (IBM model 1, ``aligner.align.lexicon``) makes the couple the best
  rendering of at least one of the two, or when they are spelled alike (cognates:
  "organisations" / "organizations"). No weight is tuned: a couple either is some word's
  best translation or is not. Words the document never uses on their own (too short
  to be candidates, adjectives) are given the benefit of the doubt, and so is every word
  facing such a word on the other side.
* dominance: a pair whose two terms lie inside the two terms of another pair of the table,
  and that is seen outside it in fewer than ``min_outside`` segments, is a slice of it
  ("criminalité transnationale" / "organized crime" inside "criminalité transnationale
  organisée" / "transnational organized crime").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl
from rapidfuzz.distance import Indel

from ..profiles import LanguageProfile


@dataclass(frozen=True, slots=True)
class QualityOptions:
    """When the words of a term pair translate each other (coherence): how close to a word's best
    weight a couple must be, how alike cognates must be spelled and how long they must be, which
    evidence counts (IBM model 1, Dice or both), and when a pair inside another is kept."""

    # A word accounts for a word of the other side when their weight (lexicon or Dice) reaches
    # this share of the smaller of the two words' best weights: at 1.0, when the couple is the
    # best of one of the two words.
    explains_share: float = 1.0
    # Spelled alike: similarity of the two words without accents (Indel similarity: twice
    # the longest common subsequence over the two lengths, difflib's ratio).
    cognate_similarity: float = 0.8
    min_cognate_length: int = 4
    # Which words translate each other: "lexicon" (IBM model 1 on the segments), "dice"
    # (association over segments) or "both" (either says so).
    evidence: str = "both"
    # A pair inside another is kept when seen outside it in this many segments.
    min_outside: int = 2


def word_dice(
    word_rows: pl.LazyFrame,
    source_lang: str,
    target_lang: str,
    source_words: Iterable[str],
    target_words: Iterable[str],
) -> pl.DataFrame:
    """Dice over segments of every couple of words (rows: segment, lang, word, as term keys
    hold them) of the given word sets that stand together somewhere: columns
    ``source_word``, ``target_word``, ``dice``."""
    single = word_rows.select("segment", "lang", pl.col("word").alias("key"))
    source = (
        single.filter((pl.col("lang") == source_lang) & pl.col("key").is_in(list(source_words)))
        .select("segment", source_word="key")
        .unique()
    )
    target = (
        single.filter((pl.col("lang") == target_lang) & pl.col("key").is_in(list(target_words)))
        .select("segment", target_word="key")
        .unique()
    )
    source_freq = source.group_by("source_word").agg(pl.len().alias("source_n"))
    target_freq = target.group_by("target_word").agg(pl.len().alias("target_n"))
    return (
        source.join(target, on="segment")
        .group_by("source_word", "target_word")
        .agg(pl.len().alias("n"))
        .join(source_freq, on="source_word")
        .join(target_freq, on="target_word")
        .select(
            "source_word",
            "target_word",
            (2.0 * pl.col("n") / (pl.col("source_n") + pl.col("target_n"))).alias("dice"),
        )
        .collect()
    )


def lexicon_couples(
    word_rows: pl.LazyFrame, source_language: LanguageProfile, target_language: LanguageProfile
) -> pl.DataFrame:
    """The word couples that IBM model 1, learnt on the segments both ways, takes for
    translations (``aligner.align.lexicon.induce``): columns ``source_word``,
    ``target_word``, ``dice`` (the lexicon's weight). The rows' ``lang`` holds the codes."""
    from ..align.lexicon import induce
    from ..align.tokens import stem

    source_lang, target_lang = source_language.code, target_language.code
    rows = word_rows.group_by("segment", "lang").agg(pl.col("word")).collect()
    sides: dict[str, dict[int, list[str]]] = {source_lang: {}, target_lang: {}}
    for segment, lang, segment_words in rows.iter_rows():
        sides[str(lang)][segment] = segment_words
    segments = sorted(set(sides[source_lang]) & set(sides[target_lang]))
    lexicon = induce(
        [(sides[source_lang][s], sides[target_lang][s]) for s in segments], source_language, target_language
    )
    source_vocabulary = {w for words in sides[source_lang].values() for w in words}
    target_vocabulary = {w for words in sides[target_lang].values() for w in words}
    by_stem: dict[str, list[str]] = {}
    for word in target_vocabulary:
        by_stem.setdefault(stem(word, target_language), []).append(word)
    found = [
        (word, target, weight)
        for word in source_vocabulary
        for target_stem, weight in lexicon.translations(stem(word, source_language)).items()
        for target in by_stem.get(target_stem, ())
    ]
    return pl.DataFrame(
        found, schema={"source_word": pl.String, "target_word": pl.String, "dice": pl.Float64}, orient="row"
    )


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def content_words(key: str, profile: LanguageProfile) -> list[str]:
    """The words of a term key that carry its meaning: link words left out, hyphenated
    words in their parts ("secretary-general")."""
    links = profile.term_links | frozenset(profile.term_link_folds.values())
    return [part for word in key.split() if word not in links for part in word.split("-") if part]


def _key_words(keys: pl.Series, profile: LanguageProfile, column: str, word: str) -> pl.DataFrame:
    """One row per key and content word of it."""
    unique = keys.unique().to_list()
    lists = [content_words(key, profile) for key in unique]
    return (
        pl.DataFrame({column: unique, word: lists}, schema={column: pl.String, word: pl.List(pl.String)})
        .explode(word)
        .drop_nulls(word)
        .unique()
    )


def _cognate_couples(couples: pl.DataFrame, options: QualityOptions) -> pl.Series:
    """Are the words of each couple spelled alike (accents aside; Indel similarity, the
    ratio difflib computes)?"""
    plain = {word: _plain(word) for word in set(couples["source_word"]) | set(couples["target_word"])}
    least = options.min_cognate_length
    return pl.Series(
        "cognate",
        [
            min(len(a), len(b)) >= least
            and Indel.normalized_similarity(plain[a], plain[b]) >= options.cognate_similarity
            for a, b in couples.select("source_word", "target_word").iter_rows()
        ],
        dtype=pl.Boolean,
    )


def coherence_scores(
    table: pl.DataFrame,
    word_rows: pl.LazyFrame,
    source_lang: str,
    target_lang: str,
    profiles: tuple[LanguageProfile, LanguageProfile],
    options: QualityOptions = QualityOptions(),
) -> pl.Series:
    """For each row (``source_key``, ``target_key``) of ``table``: the share of the content
    words of both sides accounted for by the other side (1.0 when every word is). A word
    accounts for another when the couple is the best of one of the two by the word weights
    (``explains_share`` of the smaller best weight; so a word with several renderings,
    "crime" for "crime" and "criminalité", still accounts for each), or when they are
    spelled alike. A side with a word the association does not know (no candidate
    anywhere, too short, an adjective) may hold the partner of any word, and a word the
    association does not know is given the benefit of the doubt."""
    if not table.height:
        return pl.Series("coherence", [], dtype=pl.Float64)
    keys = table.select(
        pl.int_range(pl.len(), dtype=pl.UInt32).alias("row"),
        pl.col("source_key").cast(pl.String),
        pl.col("target_key").cast(pl.String),
    )
    source_words = _key_words(keys["source_key"], profiles[0], "source_key", "source_word")
    target_words = _key_words(keys["target_key"], profiles[1], "target_key", "target_word")
    weights = []
    if options.evidence in ("lexicon", "both"):
        weights.append(lexicon_couples(word_rows, *profiles))
    if options.evidence in ("dice", "both"):
        weights.append(
            word_dice(
                word_rows, source_lang, target_lang, source_words["source_word"], target_words["target_word"]
            )
        )
    explained = pl.concat([_best_couples(frame, options.explains_share) for frame in weights]).unique()
    best_source = _known(weights, "source_word", "best_source")
    best_target = _known(weights, "target_word", "best_target")
    sides = (
        keys.join(source_words, on="source_key", how="left")
        .join(best_source, on="source_word", how="left")
        .join(target_words, on="target_key", how="left")
        .join(best_target, on="target_word", how="left")
    )
    couples = sides.select("source_word", "target_word").drop_nulls().unique()
    couples = couples.with_columns(_cognate_couples(couples, options))
    unknown_source = pl.col("source_word").is_not_null() & pl.col("best_source").is_null()
    unknown_target = pl.col("target_word").is_not_null() & pl.col("best_target").is_null()
    words = (
        sides.join(couples, on=["source_word", "target_word"], how="left")
        .join(explained, on=["source_word", "target_word"], how="left")
        .with_columns(
            (pl.col("cognate").fill_null(False) | pl.col("explained").fill_null(False)).alias("explains"),
            unknown_source.any().over("row").alias("source_unknown"),
            unknown_target.any().over("row").alias("target_unknown"),
        )
    )
    source_share = _side_share(words, "source_word", "best_source", "target_unknown")
    target_share = _side_share(words, "target_word", "best_target", "source_unknown")
    shares = (
        keys.select("row")
        .join(source_share, on="row", how="left")
        .join(target_share, on="row", how="left")
        .sort("row")
        .fill_null(0)
        .select(
            (
                (pl.col("source_word_accounted") + pl.col("target_word_accounted"))
                / (pl.col("source_word_words") + pl.col("target_word_words"))
            )
            .fill_nan(1.0)
            .alias("coherence")
        )
    )
    return shares["coherence"]


def _best_couples(weights: pl.DataFrame, share: float) -> pl.DataFrame:
    """The couples of ``weights`` (``source_word``, ``target_word``, ``dice``) whose weight
    reaches ``share`` of the smaller of the two words' best weights: at 1.0, the couples that
    are the best of at least one of their words. Column ``explained`` (True)."""
    best = pl.min_horizontal(
        pl.col("dice").max().over("source_word"), pl.col("dice").max().over("target_word")
    )
    return weights.filter((pl.col("dice") >= share * best) & (pl.col("dice") > 0)).select(
        "source_word", "target_word", pl.lit(True).alias("explained")
    )


def _known(weights: list[pl.DataFrame], word: str, name: str) -> pl.DataFrame:
    """The words that some evidence weighs (column ``name``: True), so that a word none of them
    knows is given the benefit of the doubt."""
    return (
        pl.concat([frame.select(word) for frame in weights]).unique().with_columns(pl.lit(True).alias(name))
    )


def _side_share(words: pl.DataFrame, word: str, best: str, other_unknown: str) -> pl.DataFrame:
    """Per row, the share of the content words of one side that are accounted for."""
    accounted = pl.col("explains").any() | pl.col(best).first().is_null() | pl.col(other_unknown).first()
    return (
        words.filter(pl.col(word).is_not_null())
        .group_by("row", word)
        .agg(accounted.alias("accounted"))
        .group_by("row")
        .agg(pl.col("accounted").sum().alias(f"{word}_accounted"), pl.len().alias(f"{word}_words"))
    )


def _spans(key: str) -> Iterable[str]:
    parts = key.split()
    for start in range(len(parts)):
        for end in range(start + 1, len(parts) + 1):
            if end - start < len(parts):
                yield " ".join(parts[start:end])


def dominated(rows: list[tuple[str, str, int]], options: QualityOptions = QualityOptions()) -> set[int]:
    """Indexes of the pairs (source key, target key, co-occurrences) that are slices of
    another pair of the list: both keys inside its keys, and seen outside it in fewer than
    ``options.min_outside`` segments."""
    by_source: dict[str, list[int]] = {}
    for index, (source, _, _) in enumerate(rows):
        for inner in _spans(source):
            by_source.setdefault(inner, []).append(index)
    found: set[int] = set()
    for index, (source, target, together) in enumerate(rows):
        for outer in by_source.get(source, ()):
            outer_target, outer_together = rows[outer][1], rows[outer][2]
            if (
                outer_target != target
                and f" {target} " in f" {outer_target} "
                and together - outer_together < options.min_outside
            ):
                found.add(index)
                break
    return found
