"""A first guess of the alignment path, to centre the search band on, from anchor words.

A key (a name, a number, a rare word or its translation) that occurs equally often on both
sides, and not often, most likely pairs its k-th occurrence on one side with its k-th on
the other (Church's and Melamed's idea for bitext maps). Those points, filtered to the
longest chain that increases on both sides, are joined by straight lines from (0, 0) to
(n, m). With no anchors the guide is the diagonal.
"""

from __future__ import annotations

from bisect import bisect_left

import numpy as np

from .evidence import NO_KEY, SideEvidence

# A key may occur at most this share of sentences (and at least this often in absolute
# terms for short texts) to be an anchor.
MAX_ANCHOR_SHARE = 0.01
MIN_ANCHOR_LIMIT = 2
STRONG_KEY = 0.8


def strong_occurrences(side: SideEvidence, offset: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Every strong key of a side and a sentence it occurs in (once per sentence), sorted by
    key then sentence; sentences numbered from ``offset`` (a chunk of a longer text)."""
    strong = (side.emit_weight >= STRONG_KEY) & (side.emit_key != NO_KEY)
    sentences = max(side.sentence_count, 1)
    codes = np.unique(side.emit_key[strong] * sentences + side.emit_sentence[strong])
    return codes // sentences, codes % sentences + offset


def _longest_chain(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of points strictly increasing in both coordinates."""
    points = sorted(set(points), key=lambda p: (p[0], -p[1]))
    tails: list[int] = []
    tail_index: list[int] = []
    parent = [-1] * len(points)
    for index, (_, j) in enumerate(points):
        position = bisect_left(tails, j)
        if position == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[position] = j
            tail_index[position] = index
        parent[index] = tail_index[position - 1] if position else -1
    chain = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        chain.append(points[index])
        index = parent[index]
    return chain[::-1]


def anchor_guide(source: SideEvidence, target: SideEvidence) -> tuple[np.ndarray, np.ndarray]:
    """Guide column for every row 0..n (as a low and a high column, equal here)."""
    guide = guide_from(
        strong_occurrences(source), strong_occurrences(target), source.sentence_count, target.sentence_count
    )
    return guide, guide


def guide_from(
    source: tuple[np.ndarray, np.ndarray], target: tuple[np.ndarray, np.ndarray], n: int, m: int
) -> np.ndarray:
    """Guide column for every row 0..n from the strong keys' occurrences of each side (see
    ``strong_occurrences``)."""
    limit = max(MIN_ANCHOR_LIMIT, int(MAX_ANCHOR_SHARE * max(n, m)))
    (source_keys, source_rows), (target_keys, target_rows) = source, target
    source_distinct, source_start, source_count = np.unique(
        source_keys, return_index=True, return_counts=True
    )
    target_distinct, target_start, target_count = np.unique(
        target_keys, return_index=True, return_counts=True
    )
    _, on_source, on_target = np.intersect1d(
        source_distinct, target_distinct, assume_unique=True, return_indices=True
    )
    # Keys as frequent on both sides, and not too frequent: their k-th occurrences pair.
    counts = source_count[on_source]
    paired = (counts == target_count[on_target]) & (counts <= limit)
    on_source, on_target, counts = on_source[paired], on_target[paired], counts[paired]
    occurrence = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    rows = source_rows[np.repeat(source_start[on_source], counts) + occurrence] + 1
    columns = target_rows[np.repeat(target_start[on_target], counts) + occurrence] + 1
    points = list(zip(rows.tolist(), columns.tolist(), strict=True))
    chain = [(0, 0), *(p for p in _longest_chain(points) if p[0] < n and p[1] < m), (n, m)]
    xs = np.array([p[0] for p in chain], dtype=np.float64)
    ys = np.array([p[1] for p in chain], dtype=np.float64)
    return np.rint(np.interp(np.arange(n + 1), xs, ys)).astype(np.int64)
