"""Lexical evidence for a bead: how much of each side the other side accounts for.

Every token has a class (function word, content word, anchor...) and emits *keys* with
strengths in [0, 1]: anchors (``anchors``), lexicon translations (``lexicon``) and shared
subwords (``subwords``). A token is *covered* by a group of sentences of the other side as
strongly as the best key it shares with them. A bead scores, for both of its sides, the sum
over its tokens of what their coverage is worth (``gains``): words accounted for raise the
score, words left unexplained lower it, so adding a sentence to a bead pays only if the
other side accounts for it.

Coverages are computed for each sentence against the window of sentences of the other
side that the search band may put it with (``Windows``), in flat arrays, a chunk of
sentences at a time: time and memory grow linearly with the text and the band's width.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .gains import token_gains

KeyFunction = Callable[[str], Iterable[tuple[int, float]]]  # token -> (key id, strength)
ClassFunction = Callable[[str, bool], int]  # token, "not first in its sentence" -> class
FlagFunction = Callable[[str], int]  # token -> bits that the link evidence reads (see link_evidence)

# Key id 0 is never offered: tokens without keys emit it so that every token emits one.
NO_KEY = 0


# What a side remembers per distinct token (its class, its keys, its token table's entry)
# and the key ids it holds are dropped and started again once there are this many keys: a
# text of a million distinct words (numbers, codes, garbage) keeps its memory bounded, at
# the cost of working them out again. An ordinary document's vocabulary stays far below
# (A/74/400 has about 20,000 keys, a 50 MB file of it repeated as many).
MAX_KEYS = 200_000


class KeyIds:
    """Interns key strings as integers (one table per aligner, shared by both sides).

    Past ``budget`` keys it is ``over_budget``: whoever builds evidence may then ``restart``
    it (between two searches, never between the two sides of one), which numbers keys
    afresh; ``generation`` counts the restarts, so that what holds ids of an earlier one
    knows it is stale. Which number a key gets changes no result: ids are only compared."""

    def __init__(self, budget: int | None = None) -> None:
        self._ids: dict[str, int] = {"": NO_KEY}
        self.budget = MAX_KEYS if budget is None else budget
        self.generation = 0

    def __call__(self, key: str) -> int:
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = len(self._ids)
        return found

    def __len__(self) -> int:
        return len(self._ids)

    def over_budget(self) -> bool:
        """Whether it holds more keys than its budget."""
        return len(self._ids) > self.budget

    def restart(self) -> None:
        """Forget every key (the next ones are numbered from 1 again)."""
        self._ids = {"": NO_KEY}
        self.generation += 1


@dataclass(frozen=True)
class SideEvidence:
    """The tokens of one side's sentences, flattened, with their weights and keys."""

    token_start: np.ndarray  # (sentences + 1,) offset of each sentence's first token
    token_class: np.ndarray  # (tokens,) see ``gains``
    emit_start: np.ndarray  # (tokens + 1,) offset of each token's first key
    emit_key: np.ndarray  # (emits,) key ids
    emit_weight: np.ndarray  # (emits,) key strengths
    emit_sentence: np.ndarray  # (emits,) sentence of each emitted key
    emit_token: np.ndarray  # (emits,) token of each emitted key
    # What the side offers: every (key, sentence) once, as key * sentences + sentence, sorted,
    # with the strongest the sentence has that key (NO_KEY is never offered).
    offer_code: np.ndarray
    offer_weight: np.ndarray
    token_flags: np.ndarray | None = None  # (tokens,) bits of the table's flag function

    @property
    def sentence_count(self) -> int:
        """The number of sentences of the side."""
        return len(self.token_start) - 1

    def tokens_of(self, lo: int, hi: int) -> slice:
        """The token positions of sentences [lo, hi)."""
        return slice(int(self.token_start[lo]), int(self.token_start[hi]))


class TokenTable:
    """Class, keys and key strengths of every token of one side met so far.

    Worked out once per distinct token (and per "first in its sentence or not", which the
    class may depend on) and kept, so that aligning many small blocks does not redo it.
    Entries are numbered in the order they were met; ``arrays`` gives them all as arrays
    indexed by that number. A table is only valid for the key functions it was made with:
    make a new one when the lexicon changes.
    """

    def __init__(
        self,
        class_of: ClassFunction,
        key_functions: Sequence[KeyFunction],
        flag_of: FlagFunction | None = None,
    ):
        self.class_of = class_of
        self.key_functions = key_functions
        self.flag_of = flag_of
        # Entry number of each token, first in its sentence and elsewhere.
        self._numbers: tuple[dict[str, int], dict[str, int]] = ({}, {})
        self._classes: list[int] = []
        self._flags: list[int] = []
        self._key_counts: list[int] = []
        self._keys: list[int] = []
        self._strengths: list[float] = []
        self._arrays: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None

    def numbers(self, tokenised: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """The entry number of every token of the sentences, flattened, and the offset of
        each sentence's first token (sentences + 1)."""
        lengths = np.array([len(tokens) for tokens in tokenised], dtype=np.int64)
        token_start = np.concatenate([[0], np.cumsum(lengths)])
        flat = [token for tokens in tokenised for token in tokens]
        starts = token_start[:-1][lengths > 0].tolist()
        found = self._lookup(flat, starts)
        if None in found:
            opening = set(starts)
            for position in [position for position, number in enumerate(found) if number is None]:
                not_first = position not in opening
                if flat[position] not in self._numbers[not_first]:
                    self._add(flat[position], not_first)
            found = self._lookup(flat, starts)
        return np.array(found, dtype=np.int64), token_start

    def _lookup(self, flat: list[str], starts: list[int]) -> list[int | None]:
        """Entry numbers of the tokens (None for those not met yet); ``starts`` are the
        positions of the first tokens of sentences."""
        first, elsewhere = self._numbers
        found = list(map(elsewhere.get, flat))
        for position in starts:
            found[position] = first.get(flat[position])
        return found

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(class, first key position, keys, strengths, flags) of the entries: entry e emits
        keys[start[e]:start[e + 1]] with those strengths."""
        if self._arrays is None:
            self._arrays = (
                np.array(self._classes, dtype=np.int64),
                np.concatenate([[0], np.cumsum(self._key_counts, dtype=np.int64)]),
                np.array(self._keys, dtype=np.int64),
                np.array(self._strengths, dtype=np.float64),
                np.array(self._flags, dtype=np.int64),
            )
        return self._arrays

    def extended(self, key_function: KeyFunction) -> TokenTable:
        """This table with one more key function after its own, whose keys none of them
        emits (a lexicon learnt after the table was made): the entries met so far keep their
        numbers, classes, flags and keys, and get the new function's keys after theirs, as
        a table made with all the functions would give them."""
        table = TokenTable(self.class_of, [*self.key_functions, key_function], self.flag_of)
        table._numbers = (dict(self._numbers[0]), dict(self._numbers[1]))
        table._classes = list(self._classes)
        table._flags = list(self._flags)
        token_of = [""] * len(self._classes)
        for numbers in self._numbers:
            for token, number in numbers.items():
                token_of[number] = token
        start = 0
        for token, count in zip(token_of, self._key_counts, strict=True):
            keys, strengths = self._keys[start : start + count], self._strengths[start : start + count]
            start += count
            best = {} if keys == [NO_KEY] else dict(zip(keys, strengths, strict=True))
            for key_id, strength in key_function(token):
                if strength > best.get(key_id, 0.0):
                    best[key_id] = strength
            if not best:
                best = {NO_KEY: 0.0}
            table._key_counts.append(len(best))
            table._keys.extend(best)
            table._strengths.extend(best.values())
        return table

    def _add(self, token: str, not_first: bool) -> int:
        best: dict[int, float] = {}
        for key_function in self.key_functions:
            for key_id, strength in key_function(token):
                if strength > best.get(key_id, 0.0):
                    best[key_id] = strength
        if not best:
            best = {NO_KEY: 0.0}
        number = len(self._classes)
        self._numbers[not_first][token] = number
        self._classes.append(self.class_of(token, not_first))
        self._flags.append(self.flag_of(token) if self.flag_of else 0)
        self._key_counts.append(len(best))
        self._keys.extend(best)
        self._strengths.extend(best.values())
        self._arrays = None
        return number


def build_side(tokenised: Sequence[Sequence[str]], table: TokenTable) -> SideEvidence:
    """Evidence arrays of one side's sentences."""
    numbers, token_start = table.numbers(tokenised)
    classes, key_start, keys, strengths, flags = table.arrays()
    counts = key_start[numbers + 1] - key_start[numbers]
    emit_start = np.concatenate([[0], np.cumsum(counts)])
    # Position of every emitted key in the table's keys.
    position = np.repeat(key_start[numbers] - emit_start[:-1], counts) + np.arange(emit_start[-1])
    token_sentence = np.repeat(np.arange(len(tokenised)), np.diff(token_start))
    emit_key, emit_weight = keys[position], strengths[position]
    emit_sentence = np.repeat(token_sentence, counts)
    offer_code, offer_weight = _offers(emit_key, emit_weight, emit_sentence, len(tokenised))
    return SideEvidence(
        token_start=token_start,
        token_class=classes[numbers],
        emit_start=emit_start,
        emit_key=emit_key,
        emit_weight=emit_weight,
        emit_sentence=emit_sentence,
        emit_token=np.repeat(np.arange(len(numbers)), counts),
        offer_code=offer_code,
        offer_weight=offer_weight,
        token_flags=flags[numbers],
    )


def _offers(
    keys: np.ndarray, weights: np.ndarray, sentences: np.ndarray, sentence_count: int
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (key, sentence) codes, sorted, and the strongest weight of each."""
    offered = keys != NO_KEY
    codes = keys[offered] * max(sentence_count, 1) + sentences[offered]
    order = np.argsort(codes)
    codes = codes[order]
    starts = (
        np.flatnonzero(np.concatenate([[True], codes[1:] != codes[:-1]]))
        if len(codes)
        else np.zeros(0, np.int64)
    )
    strongest = np.maximum.reduceat(weights[offered][order], starts) if len(codes) else np.zeros(0)
    return codes[starts], strongest.astype(np.float32)


@dataclass(frozen=True)
class Windows:
    """For every sentence of one side, the run of sentences of the other side that the
    search band may put it with: [first, first + length). The windows are laid end to end
    in flat arrays, sentence s at [offset[s], offset[s + 1])."""

    first: np.ndarray
    length: np.ndarray
    offset: np.ndarray

    @classmethod
    def spanning(cls, first: np.ndarray, last: np.ndarray) -> Windows:
        """Windows that hold [first, last] of every sentence (at least one sentence each)."""
        length = np.maximum(last - first + 1, 1).astype(np.int64)
        return cls(first.astype(np.int64), length, np.concatenate([[0], np.cumsum(length)]))

    def at(self, sentence: np.ndarray, other: np.ndarray) -> np.ndarray:
        """Flat positions of (sentence, other sentence) pairs (clipped into the window)."""
        positions: np.ndarray = self.offset[sentence] + np.clip(
            other - self.first[sentence], 0, self.length[sentence] - 1
        )
        return positions


# The coverage arrays of a chunk of query sentences hold a cell per token and sentence of its
# window: chunks are cut at this many cells (about 128 ordinary sentences against a band of
# 25), so that a few very long sentences do not make them huge.
CHUNK_CELLS = 400_000


def window_span_sums(
    query: SideEvidence, offer: SideEvidence, windows: Windows, max_span: int, chunk_cells: int = CHUNK_CELLS
) -> np.ndarray:
    """For every query sentence s and every span of 1..max_span offer sentences ending in
    its window, the sum over s's tokens of the gain of their best coverage within the span:
    an array (max_span, windows' flat size), the span ending at offer sentence o read at
    ``windows.at(s, o)``.

    Only the offer sentences of each query sentence's window are looked at, so the work is
    what the search band needs and no more; query sentences taken about ``chunk_cells``
    cells at a time (at least one sentence) keep the arrays small (and in cache). Spans that
    would start before the window are never read: their values are meaningless."""
    sums = np.zeros((max_span, int(windows.offset[-1])))
    offer_sentence = offer.offer_code % max(offer.sentence_count, 1)
    cells = np.cumsum(np.diff(query.token_start) * windows.length[: query.sentence_count])
    lo = 0
    while lo < query.sentence_count:
        before = int(cells[lo - 1]) if lo else 0
        hi = max(lo + 1, int(np.searchsorted(cells, before + chunk_cells, side="right")))
        hi = min(hi, query.sentence_count)
        coverage, token_offset = _window_coverage(query, offer, windows, lo, hi, offer_sentence)
        classes = query.token_class[query.tokens_of(lo, hi)]
        gains = token_gains(np.ones((len(classes), 1)), classes)[:, 0]
        tokens = np.diff(query.token_start[lo : hi + 1])
        lengths = windows.length[lo:hi]
        # The sentences of a window length at a time: their tokens' rows of coverage are a
        # matrix, and each sentence's sums the sums of its rows (in token order, as adding
        # the tokens one by one would give them).
        for length in np.unique(lengths[tokens > 0]).tolist():
            chosen = np.flatnonzero((lengths == length) & (tokens > 0))
            counts = tokens[chosen]
            first_row = np.cumsum(counts) - counts
            if len(chosen) == hi - lo:
                rows = coverage.reshape(-1, length)
                row_gains = gains
            else:
                first_token = query.token_start[lo + chosen] - query.token_start[lo]
                token = np.repeat(first_token - first_row, counts) + np.arange(int(counts.sum()))
                rows = coverage[token_offset[token][:, None] + np.arange(length)]
                row_gains = gains[token]
            gained = rows * row_gains[:, None]  # a positive factor: the best of gains is the gain of the best
            best = gained.copy()
            positions = (windows.offset[lo + chosen][:, None] + np.arange(length)).ravel()
            for span in range(1, max_span + 1):
                if span > 1:
                    np.maximum(best[:, span - 1 :], gained[:, : length - span + 1], out=best[:, span - 1 :])
                sums[span - 1, positions] = np.add.reduceat(best, first_row, axis=0).ravel()
        lo = hi
    return sums


def _window_coverage(
    query: SideEvidence, offer: SideEvidence, windows: Windows, lo: int, hi: int, offer_sentence: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Coverage of each token of query sentences [lo, hi) by each offer sentence of its
    sentence's window (the strongest key they share, the product of both strengths; 0 if
    none), flat: token t's row at [token_offset[t], token_offset[t + 1]). ``offer_sentence``
    is the sentence of each of the offer side's offers."""
    t_lo, t_hi = int(query.token_start[lo]), int(query.token_start[hi])
    e_lo, e_hi = int(query.emit_start[t_lo]), int(query.emit_start[t_hi])
    token_sentence = np.repeat(np.arange(lo, hi), np.diff(query.token_start[lo : hi + 1]))
    token_offset = np.concatenate([[0], np.cumsum(windows.length[token_sentence])])
    # Only keys that can be offered are looked for (a function word emits NO_KEY).
    emits = e_lo + np.flatnonzero(query.emit_key[e_lo:e_hi] != NO_KEY)
    keys = query.emit_key[emits]
    sentence = query.emit_sentence[emits]
    start, end = windows.first[sentence], windows.first[sentence] + windows.length[sentence]
    sentences = max(offer.sentence_count, 1)
    # Each key's offers are a run of the sorted codes; the window is a part of that run.
    first = np.searchsorted(offer.offer_code, keys * sentences + np.minimum(start, sentences))
    last = np.searchsorted(offer.offer_code, keys * sentences + np.minimum(end, sentences))
    counts = last - first
    run_start = np.cumsum(counts) - counts
    match = np.repeat(first - run_start, counts) + np.arange(int(counts.sum()))
    # A match's cell: its token's row, at its offer sentence's place in the window.
    row_start = token_offset[query.emit_token[emits] - t_lo] - start
    cell = np.repeat(row_start, counts) + offer_sentence[match]
    strengths = (np.repeat(query.emit_weight[emits], counts) * offer.offer_weight[match]).astype(np.float32)
    coverage = np.zeros(int(token_offset[-1]), dtype=np.float32)
    np.maximum.at(coverage, cell, strengths)
    return coverage, token_offset
