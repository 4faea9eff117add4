"""Lexical evidence for a bead: how much of each side the other side accounts for.

Every token has a class (function word, content word, anchor...) and emits *keys* with
strengths in [0, 1]: anchors (``anchors``), lexicon translations (``lexicon``) and shared
subwords (``subwords``). A token is *covered* by a group of sentences of the other side as
strongly as the best key it shares with them. A bead scores, for both of its sides, the sum
over its tokens of what their coverage is worth (``gains``): words accounted for raise the
score, words left unexplained lower it, so adding a sentence to a bead pays only if the
other side accounts for it.

Coverages are computed a chunk of rows of the search band at a time, with dense numpy
arrays no larger than chunk x band, so time and memory grow linearly with the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

import numpy as np

from .gains import token_gains

KeyFunction = Callable[[str], Iterable[tuple[str, float]]]
ClassFunction = Callable[[str, int], int]

# Key id 0 is never offered: tokens without keys emit it so that every token emits one.
NO_KEY = 0


class KeyIds:
    """Interns key strings as integers (one table per alignment, shared by both sides)."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {"": NO_KEY}

    def __call__(self, key: str) -> int:
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = len(self._ids)
        return found


@dataclass(frozen=True)
class SideEvidence:
    """The tokens of one side's sentences, flattened, with their weights and keys."""

    token_start: np.ndarray  # (sentences + 1,) offset of each sentence's first token
    token_class: np.ndarray  # (tokens,) see ``gains``
    emit_start: np.ndarray  # (tokens + 1,) offset of each token's first key
    emit_key: np.ndarray  # (emits,) key ids
    emit_weight: np.ndarray  # (emits,) key strengths
    emit_sentence: np.ndarray  # (emits,) sentence of each emitted key

    @property
    def sentence_count(self) -> int:
        return len(self.token_start) - 1

    def tokens_of(self, lo: int, hi: int) -> slice:
        """The token positions of sentences [lo, hi)."""
        return slice(int(self.token_start[lo]), int(self.token_start[hi]))


class TokenTable:
    """Class, keys and key strengths of every token of one side met so far.

    Worked out once per distinct token (and per "first in its sentence or not", which the
    class may depend on) and kept, so that aligning many small blocks does not redo it. A
    table is only valid for the key functions it was made with: make a new one when the
    lexicon changes.
    """

    def __init__(self, class_of: ClassFunction, key_functions: Sequence[KeyFunction], key_ids: KeyIds):
        self.class_of = class_of
        self.key_functions = key_functions
        self.key_ids = key_ids
        self._entries: dict[tuple[str, bool], tuple[int, list[int], list[float]]] = {}

    def entry(self, token: str, not_first: bool) -> tuple[int, list[int], list[float]]:
        found = self._entries.get((token, not_first))
        if found is None:
            best: dict[int, float] = {}
            for key_function in self.key_functions:
                for key, strength in key_function(token):
                    key_id = self.key_ids(key)
                    if strength > best.get(key_id, 0.0):
                        best[key_id] = strength
            if not best:
                best = {NO_KEY: 0.0}
            found = (self.class_of(token, int(not_first)), list(best), list(best.values()))
            self._entries[token, not_first] = found
        return found


def build_side(tokenised: Sequence[Sequence[str]], table: TokenTable) -> SideEvidence:
    """Evidence arrays of one side's sentences."""
    distinct: dict[tuple[str, bool], int] = {}
    token_ids: list[int] = []
    token_start = [0]
    for tokens in tokenised:
        for position, token in enumerate(tokens):
            token_ids.append(distinct.setdefault((token, position > 0), len(distinct)))
        token_start.append(len(token_ids))
    classes, key_counts, keys, strengths = [], [], [], []
    for token, not_first in distinct:
        token_class, token_keys, token_strengths = table.entry(token, not_first)
        classes.append(token_class)
        key_counts.append(len(token_keys))
        keys.extend(token_keys)
        strengths.extend(token_strengths)
    ids = np.array(token_ids, dtype=np.int64)
    counts = np.array(key_counts, dtype=np.int64)[ids] if len(ids) else np.zeros(0, dtype=np.int64)
    distinct_start = np.concatenate([[0], np.cumsum(key_counts)]).astype(np.int64)
    emit_start = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    # Position of every emitted key in the distinct tokens' key list.
    within = np.arange(emit_start[-1]) - np.repeat(emit_start[:-1], counts)
    source_position = np.repeat(distinct_start[ids], counts) + within
    token_start_array = np.array(token_start, dtype=np.int64)
    token_sentence = np.repeat(np.arange(len(tokenised)), np.diff(token_start_array))
    return SideEvidence(
        token_start=token_start_array,
        token_class=np.array(classes, dtype=np.int64)[ids] if len(ids) else np.zeros(0, dtype=np.int64),
        emit_start=emit_start,
        emit_key=np.array(keys, dtype=np.int64)[source_position],
        emit_weight=np.array(strengths, dtype=np.float64)[source_position],
        emit_sentence=np.repeat(token_sentence, counts),
    )


def token_coverage(query: SideEvidence, q_lo: int, q_hi: int, offer: SideEvidence, o_lo: int, o_hi: int) -> np.ndarray:
    """Coverage of each token of query sentences [q_lo, q_hi) by each offer sentence of
    [o_lo, o_hi): an array (tokens, offer sentences) of values in [0, 1]."""
    t_lo, t_hi = query.token_start[q_lo], query.token_start[q_hi]
    n_offer = o_hi - o_lo
    if t_hi == t_lo or n_offer <= 0:
        return np.zeros((t_hi - t_lo, max(n_offer, 0)))
    e_lo, e_hi = offer.emit_start[offer.token_start[o_lo]], offer.emit_start[offer.token_start[o_hi]]
    offer_keys = offer.emit_key[e_lo:e_hi]
    distinct = np.unique(offer_keys)
    # offered[key, sentence]: the strongest the offer sentence has that key.
    offered = np.zeros((len(distinct) + 1, n_offer), dtype=np.float32)
    columns = np.searchsorted(distinct, offer_keys)
    order = np.argsort(offer.emit_weight[e_lo:e_hi], kind="stable")  # strongest written last
    offered[columns[order], (offer.emit_sentence[e_lo:e_hi] - o_lo)[order]] = offer.emit_weight[e_lo:e_hi][order]
    if len(distinct) and distinct[0] == NO_KEY:
        offered[0] = 0.0
    q_e_lo, q_e_hi = query.emit_start[t_lo], query.emit_start[t_hi]
    query_keys = query.emit_key[q_e_lo:q_e_hi]
    query_columns = np.searchsorted(distinct, query_keys)
    clipped = np.minimum(query_columns, max(len(distinct) - 1, 0))
    missing = (query_columns >= len(distinct)) | (distinct[clipped] != query_keys) if len(distinct) else np.ones(len(query_keys), bool)
    query_columns = np.where(missing, len(distinct), query_columns)
    strengths = query.emit_weight[q_e_lo:q_e_hi, None].astype(np.float32) * offered[query_columns]
    return np.maximum.reduceat(strengths, query.emit_start[t_lo:t_hi] - q_e_lo, axis=0)


def span_sums(coverage: np.ndarray, classes: np.ndarray, token_start: np.ndarray, max_span: int) -> list[np.ndarray]:
    """For spans of 1..max_span offer sentences ending at each column, the sum over each
    query sentence's tokens of the gain of their best coverage within the span.

    ``token_start`` are the query sentences' token offsets relative to ``coverage``'s rows.
    Element [b - 1][s, c] is for the span of b offer sentences ending at column c (columns
    before b - 1 use a shorter span; callers never read them).
    """
    sums = []
    best = coverage
    for span in range(1, max_span + 1):
        if span > 1 and coverage.shape[1] >= span:
            best = best.copy()
            best[:, span - 1 :] = np.maximum(best[:, span - 1 :], coverage[:, : coverage.shape[1] - span + 1])
        gain = token_gains(best, classes)
        cumulative = np.vstack([np.zeros((1, coverage.shape[1])), np.cumsum(gain, axis=0)])
        sums.append(cumulative[token_start[1:]] - cumulative[token_start[:-1]])
    return sums
