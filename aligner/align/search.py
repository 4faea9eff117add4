"""The best monotone path of beads through a band of the alignment grid: the most probable
one (``best_path``), or the one with the most sentences expected in the right link by every
bead's posterior (``bead_log_posteriors``, ``expected_accuracy_path``).

Cell (i, j) of the grid stands for "the first i source and j target sentences are aligned".
A bead of type (a, b) moves from (i - a, j - b) to (i, j). Only cells within a band around
a guide path are scored: row i holds columns [lo[i], lo[i] + width). The dynamic program
runs row by row with numpy over the band, so time and memory are linear in the number of
rows for a fixed width; 0-1 beads, which stay within a row, are handled by a running
maximum instead of a loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# Every bead type the search knows, up to four sentences on a side (AlignOptions.max_sentences
# keeps those with more sentences on a side out); null types second and third.
BEAD_TYPES: tuple[tuple[int, int], ...] = (
    (1, 1),
    (1, 0),
    (0, 1),
    (1, 2),
    (2, 1),
    (2, 2),
    (1, 3),
    (3, 1),
    (2, 3),
    (3, 2),
    (1, 4),
    (4, 1),
)
MAX_SPAN = max(max(kind) for kind in BEAD_TYPES)
INSERTION = BEAD_TYPES.index((0, 1))
IMPOSSIBLE = -1e9  # finite, so that running sums of scores never produce NaN
# In the running sums of insertions along a row, an impossible insertion counts this much:
# still far below any real alternative, and small enough for the sums to stay exact (at
# -1e9 they would keep only seven digits after the point, and posteriors near 1 would lose
# their precision).
BLOCKED_INSERTION = -1e4


@dataclass(frozen=True)
class Band:
    """The cells of the alignment grid the search looks at: for each source row (sentence boundary),
    ``width`` target columns from ``lo[row]``, in a grid of ``columns`` target boundaries."""

    lo: np.ndarray  # (rows,) first column of each row, non-decreasing
    width: int
    columns: int  # target sentences + 1

    @property
    def rows(self) -> int:
        """The number of rows (source sentences + 1)."""
        return len(self.lo)

    def absolute_columns(self) -> np.ndarray:
        """(rows, width) array of the grid column of every band cell."""
        return self.lo[:, None] + np.arange(self.width)[None, :]

    @classmethod
    def around(cls, centre_low: np.ndarray, centre_high: np.ndarray, margin: int, columns: int) -> Band:
        """The band that holds columns [centre_low[i] - margin, centre_high[i] + margin] of
        every row i, clipped to the grid; consecutive rows always overlap."""
        width = int(np.max(centre_high - centre_low)) + 2 * margin + 1
        while width < columns:
            lo = np.clip(np.asarray(centre_low, dtype=np.int64) - margin, 0, columns - width)
            lo[0] = 0
            # Each row starts no further right than where the previous row's band ends, so
            # that a path can always go on; if the last row then cannot reach the last
            # column (far more target than source sentences), the band is too narrow.
            for row in range(1, len(lo)):
                lo[row] = min(max(lo[row], lo[row - 1]), lo[row - 1] + width - 1)
            if lo[-1] + width >= columns:
                return cls(lo, width, columns)
            width *= 2
        return cls(np.zeros(len(centre_low), dtype=np.int64), columns, columns)

    @classmethod
    def full(cls, rows: int, columns: int) -> Band:
        """The whole grid: every row spans every column (texts short enough to search whole)."""
        return cls(np.zeros(rows, dtype=np.int64), columns, columns)


@dataclass(frozen=True)
class Step:
    """One bead of a path: it ends at grid cell (i, j) and has type BEAD_TYPES[kind]."""

    i: int
    j: int
    kind: int

    @property
    def source(self) -> tuple[int, ...]:
        """The source sentences the bead holds (indices, in order)."""
        a = BEAD_TYPES[self.kind][0]
        return tuple(range(self.i - a, self.i))

    @property
    def target(self) -> tuple[int, ...]:
        """The target sentences the bead holds (indices, in order)."""
        b = BEAD_TYPES[self.kind][1]
        return tuple(range(self.j - b, self.j))


def _sweep(scores: np.ndarray, band: Band, log_sum: bool) -> tuple[np.ndarray, np.ndarray]:
    """Row-by-row pass over the band: the best (or, with ``log_sum``, the log-summed) score
    of all paths from (0, 0) to every cell, and the bead type each best path arrived by."""
    rows, width = band.rows, band.width
    combine = np.logaddexp if log_sum else np.maximum
    # Rows are stored with IMPOSSIBLE padding on both sides, so that reading a previous row
    # shifted by up to ``pad`` columns stays inside the array (a shift beyond that reads
    # padding only: no bead of that type reaches the row).
    pad = width + MAX_SPAN + 1
    stride = width + 2 * pad
    padded = np.full((rows, stride), IMPOSSIBLE)
    flat = padded.reshape(-1)
    came_by = np.full((rows, width), -1, dtype=np.int8)
    # Running sums of insertion scores along each row (see below), all rows at once.
    # The insertion ending in a row's first column comes from outside the band: not counted.
    running_rows = np.zeros((rows, width))
    np.cumsum(
        np.maximum(scores[INSERTION, :, 1:], BLOCKED_INSERTION),
        axis=1,
        dtype=np.float64,
        out=running_rows[:, 1:],
    )
    positions = np.arange(width)
    # Every linking bead type of a row at once: where in ``flat`` each type reads the
    # previous rows (a type that would start above row 0 reads row 0 and scores IMPOSSIBLE).
    kinds = np.array([k for k, (a, _) in enumerate(BEAD_TYPES) if a > 0])
    ups = np.array([BEAD_TYPES[k][0] for k in kinds])
    lefts = np.array([BEAD_TYPES[k][1] for k in kinds])
    row = np.arange(rows)[:, None]
    from_row = np.maximum(row - ups, 0)
    shift = np.clip(band.lo[:, None] - band.lo[from_row] - lefts, -pad, pad)
    reads = from_row * stride + pad + shift  # (rows, types): first cell read
    linking_scores = scores[kinds]
    for i in range(rows):
        candidates = flat[reads[i][:, None] + positions] + linking_scores[:, i]
        if i == 0:
            best = np.full(width, IMPOSSIBLE)
            kind = np.full(width, -1, dtype=np.int8)
            if band.lo[0] == 0:
                best[0] = 0.0
        elif log_sum:
            best = np.logaddexp(np.logaddexp.reduce(candidates, axis=0), IMPOSSIBLE)
        else:
            chosen = candidates.argmax(axis=0)
            best = candidates[chosen, positions]
            reachable = best > IMPOSSIBLE
            kind = np.where(reachable, kinds[chosen], -1).astype(np.int8)
            best = np.where(reachable, best, IMPOSSIBLE)
        # Insertions (0-1 beads) chain along the row: total[c] combines, over c' <= c,
        # best[c'] plus the insertion scores of columns c'+1..c.
        running = running_rows[i]
        shifted_best = best - running
        accumulated = combine.accumulate(shifted_best)
        padded[i, pad : pad + width] = accumulated + running
        if not log_sum:
            from_insertion = (shifted_best < accumulated) & (positions > 0)
            came_by[i] = np.where(from_insertion, INSERTION, kind)
    return padded[:, pad : pad + width], came_by


def best_path(scores: np.ndarray, band: Band, open_end: bool = False) -> tuple[list[Step], np.ndarray]:
    """The highest-scoring path from (0, 0) to (rows - 1, columns - 1), or with ``open_end``
    to the best cell of the last row (a window of a longer text, whose target side runs on
    past its source side's end: the path may leave target sentences unused there).

    ``scores[k, i, c]`` is the score of a bead of type BEAD_TYPES[k] ending at row i and
    band column c (IMPOSSIBLE where it cannot end). Returns the steps in order and the
    table of best totals (rows, width).
    """
    total, came_by = _sweep(scores, band, log_sum=False)
    end = band.columns - 1
    if open_end:
        end = int(band.lo[-1] + np.argmax(total[-1]))
    return _trace_back(came_by, band, end), total


def reversed_problem(scores: np.ndarray, band: Band) -> tuple[np.ndarray, Band]:
    """The same grid walked from its end: cell (i, j) becomes (n - i, m - j) and a bead
    ending at a reversed cell is the original bead starting at the original cell."""
    rows, width, columns = band.rows, band.width, band.columns
    n, m = rows - 1, columns - 1
    lo_reversed = (m - (band.lo + width - 1))[::-1].copy()
    reversed_band = Band(lo_reversed, width, columns)
    reversed_scores = np.full_like(scores, IMPOSSIBLE)
    row = np.arange(rows)[:, None]
    column = lo_reversed[:, None] + np.arange(width)[None, :]
    for k, (a, b) in enumerate(BEAD_TYPES):
        end_row = n - row + a
        end_column = m - column + b
        inside = (end_row <= n) & (end_column <= m)
        end_row_safe = np.where(inside, end_row, 0)
        band_column = end_column - band.lo[end_row_safe]
        inside &= (band_column >= 0) & (band_column < width)
        gathered = scores[k, end_row_safe, np.clip(band_column, 0, width - 1)]
        reversed_scores[k] = np.where(inside, gathered, IMPOSSIBLE)
    return reversed_scores, reversed_band


def log_posteriors(scores: np.ndarray, band: Band, steps: Sequence[Step]) -> np.ndarray:
    """log P(step is in the path) for each step, every path weighted by exp(its score)."""
    forward, _ = _sweep(scores, band, log_sum=True)
    reversed_scores, reversed_band = reversed_problem(scores, band)
    backward_reversed, _ = _sweep(reversed_scores, reversed_band, log_sum=True)
    n, m = band.rows - 1, band.columns - 1
    log_total = forward[n, m - band.lo[n]]
    kind = np.array([step.kind for step in steps], dtype=np.int64)
    i = np.array([step.i for step in steps], dtype=np.int64)
    j = np.array([step.j for step in steps], dtype=np.int64)
    spans = np.array(BEAD_TYPES, dtype=np.int64).reshape(-1, 2)[kind]
    start_i, start_j = i - spans[:, 0], j - spans[:, 1]
    before = forward[start_i, start_j - band.lo[start_i]]
    after = backward_reversed[n - i, (m - j) - reversed_band.lo[n - i]]
    result: np.ndarray = np.minimum(before + scores[kind, i, j - band.lo[i]] + after - log_total, 0.0)
    return result


def _trace_back(came_by: np.ndarray, band: Band, end: int) -> list[Step]:
    i, j = band.rows - 1, end
    steps: list[Step] = []
    while i > 0 or j > 0:
        kind = int(came_by[i, j - band.lo[i]])
        if kind < 0:
            raise RuntimeError(f"no path through the band at cell ({i}, {j})")
        steps.append(Step(i, j, kind))
        a, b = BEAD_TYPES[kind]
        i, j = i - a, j - b
    steps.reverse()
    return steps


def path_extent(steps: Sequence[Step], rows: int) -> tuple[np.ndarray, np.ndarray]:
    """Lowest and highest column the path visits in every row."""
    low = np.full(rows, np.iinfo(np.int64).max, dtype=np.int64)
    high = np.zeros(rows, dtype=np.int64)
    low[0] = high[0] = 0
    for step in steps:
        a, b = BEAD_TYPES[step.kind]
        for row, column in ((step.i, step.j), (step.i - a, step.j - b)):
            low[row] = min(low[row], column)
            high[row] = max(high[row], column)
    # Rows crossed by a multi-row bead take the columns of its ends.
    for row in range(1, rows):
        if low[row] > high[row]:
            low[row], high[row] = high[row - 1], high[row - 1]
    return low, high


def touches_edge(steps: Sequence[Step], band: Band, margin: int) -> bool:
    """Whether the path comes within ``margin`` columns of a band edge that is not the grid's."""
    for step in steps:
        c = step.j - band.lo[step.i]
        if (c < margin and band.lo[step.i] > 0) or (
            c >= band.width - margin and band.lo[step.i] + band.width < band.columns
        ):
            return True
    return False


def bead_log_posteriors(scores: np.ndarray, band: Band) -> np.ndarray:
    """log P(bead in the path) of every bead of the band, laid out as ``scores`` (every path
    weighted by exp(its score)); IMPOSSIBLE where no path through the band holds the bead."""
    forward, _ = _sweep(scores, band, log_sum=True)
    reversed_scores, reversed_band = reversed_problem(scores, band)
    backward_reversed, _ = _sweep(reversed_scores, reversed_band, log_sum=True)
    rows, width = band.rows, band.width
    n, m = rows - 1, band.columns - 1
    log_total = forward[n, m - band.lo[n]]
    row = np.broadcast_to(np.arange(rows)[:, None], (rows, width))
    column = band.absolute_columns()
    # What all paths from a bead's end cell to the grid's corner weigh, read in the reversed
    # grid (cells past the last column read nothing).
    reversed_column = (m - column) - reversed_band.lo[n - row]
    ends_inside = (column <= m) & (reversed_column >= 0) & (reversed_column < width)
    after = backward_reversed[n - row, np.clip(reversed_column, 0, width - 1)]
    result = np.full(scores.shape, IMPOSSIBLE)
    for k, (a, b) in enumerate(BEAD_TYPES):
        start_row = np.maximum(row - a, 0)
        start_column = column - b - band.lo[start_row]
        inside = ends_inside & (row >= a) & (start_column >= 0) & (start_column < width)
        inside &= scores[k] > IMPOSSIBLE / 2
        before = forward[start_row, np.clip(start_column, 0, width - 1)]
        value = before + scores[k] + after - log_total
        result[k] = np.where(inside & (value > IMPOSSIBLE / 2), np.minimum(value, 0.0), IMPOSSIBLE)
    return result


def expected_accuracy_path(scores: np.ndarray, band: Band) -> tuple[list[Step], np.ndarray]:
    """The path from (0, 0) to the grid's corner with the most sentences expected to be in
    the right link: each bead counts its posterior times its number of sentences (maximum
    expected accuracy decoding). The single most probable path can hold a bead few paths
    agree on, when its rivals split the probability between them; this one takes, say, a
    sure link and a likely gap rather than the doubtful link that absorbs the gap. Returns
    the path and the bead posteriors (``bead_log_posteriors``), from which the posteriors
    of its steps are read (``path_log_posteriors``)."""
    log_posterior = bead_log_posteriors(scores, band)
    sentences = np.array([a + b for a, b in BEAD_TYPES], dtype=np.float64)[:, None, None]
    gains = np.where(log_posterior > IMPOSSIBLE / 2, np.exp(log_posterior) * sentences, IMPOSSIBLE)
    steps, _ = best_path(gains.astype(scores.dtype), band)
    return steps, log_posterior


def path_log_posteriors(log_posterior: np.ndarray, band: Band, steps: Sequence[Step]) -> np.ndarray:
    """The log posteriors of a path's steps (``log_posteriors``' values) read from the table
    of every bead's (``bead_log_posteriors``)."""
    kind = np.array([step.kind for step in steps], dtype=np.int64)
    i = np.array([step.i for step in steps], dtype=np.int64)
    j = np.array([step.j for step in steps], dtype=np.int64)
    result: np.ndarray = log_posterior[kind, i, j - band.lo[i]]
    return result
