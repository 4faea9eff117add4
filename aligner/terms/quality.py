"""How far a term pair can be trusted beyond its counts: do its words translate each other,
and is it more than a slice of a longer pair?

Counts alone pair spans that merely stand together: "libertés fondamentales" with "rights
and fundamental freedoms" (the English side also holds "rights"), "étude approfondie" with
"Expert Group to Conduct". Two tests look inside a pair:

* coherence: the share of the content words of each side that some word of the other side
  accounts for, taking the smaller side's share. A word accounts for another when the two
  are associated across the document's segments nearly as strongly as each is with its
  best partner (``explains_share``), or when they are spelled alike (cognates:
  "organisations" / "organizations"). Words the document never uses on their own (too short
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
from difflib import SequenceMatcher
from functools import lru_cache

import polars as pl

from ..profiles import LanguageProfile


@dataclass(frozen=True, slots=True)
class QualityOptions:
    # A word accounts for a word of the other side when their association (Dice over
    # segments) reaches this share of the geometric mean of the two words' best associations.
    explains_share: float = 0.75
    # Spelled alike: similarity of the two words without accents (difflib's ratio).
    cognate_similarity: float = 0.8
    min_cognate_length: int = 4
    # A pair inside another is kept when seen outside it in this many segments.
    min_outside: int = 2


@dataclass(frozen=True)
class WordAssociation:
    """Dice of word couples across segments, and each word's best Dice."""

    dice: dict[tuple[str, str], float]
    best_source: dict[str, float]
    best_target: dict[str, float]

    def explains(self, source: str, target: str, share: float) -> bool:
        """Are the two words associated nearly as strongly as each is with its best partner
        (``share`` of the geometric mean of their best Dice)? A word with several renderings
        ("crime" for "crime" and "criminalité") still accounts for each of them."""
        best = (self.best_source.get(source, 0.0) * self.best_target.get(target, 0.0)) ** 0.5
        return self.dice.get((source, target), 0.0) >= share * best > 0


def word_association(
    word_rows: pl.LazyFrame,
    source_lang: str,
    target_lang: str,
    source_words: set[str],
    target_words: set[str],
) -> WordAssociation:
    """Association of the words of the segments (rows: segment, lang, word, as term keys
    hold them) that belong to the given word sets."""
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
    couples = (
        source.join(target, on="segment")
        .group_by("source_word", "target_word")
        .agg(pl.len().alias("n"))
        .join(source_freq, on="source_word")
        .join(target_freq, on="target_word")
        .select("source_word", "target_word", (2.0 * pl.col("n") / (pl.col("source_n") + pl.col("target_n"))))
        .collect()
    )
    dice = {(s, t): d for s, t, d in couples.iter_rows()}
    best_source: dict[str, float] = {}
    best_target: dict[str, float] = {}
    for (s, t), d in dice.items():
        best_source[s] = max(best_source.get(s, 0.0), d)
        best_target[t] = max(best_target.get(t, 0.0), d)
    return WordAssociation(dice, best_source, best_target)


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=100_000)
def cognates(first: str, second: str, similarity: float, min_length: int) -> bool:
    if min(len(first), len(second)) < min_length:
        return False
    return SequenceMatcher(None, _plain(first), _plain(second)).ratio() >= similarity


def content_words(key: str, profile: LanguageProfile) -> list[str]:
    """The words of a term key that carry its meaning: link words left out, hyphenated
    words in their parts ("secretary-general")."""
    links = profile.term_links | frozenset(profile.term_link_folds.values())
    return [part for word in key.split() if word not in links for part in word.split("-") if part]


def coherence(
    source_key: str,
    target_key: str,
    profiles: tuple[LanguageProfile, LanguageProfile],
    words: WordAssociation,
    options: QualityOptions = QualityOptions(),
) -> float:
    """The smaller share, over the two sides, of content words accounted for by the other
    side (1.0 when every word of both sides is)."""
    source = content_words(source_key, profiles[0])
    target = content_words(target_key, profiles[1])

    def accounted(
        word: str, others: list[str], known: dict[str, float], unknown: bool, forward: bool
    ) -> bool:
        if word not in known or unknown:
            return True
        return any(
            cognates(word, other, options.cognate_similarity, options.min_cognate_length)
            or words.explains(*((word, other) if forward else (other, word)), options.explains_share)
            for other in others
        )

    # A side with a word the association does not know may hold the partner of any word.
    unknown_source = any(word not in words.best_source for word in source)
    unknown_target = any(word not in words.best_target for word in target)
    shares = []
    for own, others, known, unknown, forward in (
        (source, target, words.best_source, unknown_target, True),
        (target, source, words.best_target, unknown_source, False),
    ):
        if own:
            shares.append(sum(accounted(word, others, known, unknown, forward) for word in own) / len(own))
    return min(shares, default=1.0)


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
