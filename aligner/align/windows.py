"""Long texts aligned window by window, so that memory stays bounded however long they are.

A text without structure (a book, a 50 MB file of one sentence a line) is one block of
tens of thousands of sentences. Its score tables would grow with it, so it is aligned in
windows of ``WINDOW_SENTENCES`` source sentences and the stretch of target sentences that
the anchor guide of the whole text (``guide``, made a chunk of sentences at a time) puts
against them, plus a margin; each window is searched around its part of that guide. The end of a window is
arbitrary, so the path near it is not to be trusted: only the links before a *cut* are
kept, and the next window starts there. The cut is placed at the end of a run of
``SURE_RUN`` 1-1 links that the window is sure of, as late as possible within the first
``CUT_SHARE`` of the window; paths through a text agree long before its end, so what lies
before the cut is what a search of the whole text would have found. The last window
reaches both ends and keeps everything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

WINDOW_SENTENCES = 2000
# A block this much longer than a window (on either side) is aligned in windows.
WINDOWED_BLOCK = 2500
# So is a block of more characters than this on either side, in windows of at most
# WINDOW_CHARS source characters (MIN_WINDOW_SENTENCES at least): a run of text without
# sentence ends is cut into pieces of thousands of words, and a few thousand of them would
# make tables of millions of tokens. Ordinary sentences (some 150 characters) reach the
# sentence limits long before these.
WINDOW_CHARS = 1_000_000
WINDOWED_CHARS = 1_250_000
MIN_WINDOW_SENTENCES = 50
CUT_SHARE = 0.75
SURE_RUN = 3
# A first pass (learning the lexicon) over a longer text looks at this many source
# sentences, in windows spread over the text, each started where the guide says: the start
# of such a window is no cut, and its first LEAD_SHARE of rows is not trusted either.
FIRST_PASS_SENTENCES = 12_000
LEAD_SHARE = 0.1
SURE_CONFIDENCE = 0.9
# Target sentences a window has past where the guide puts its end (fewer than the search
# band's half-width, so that the band around the guide holds the window's last cell).
TARGET_MARGIN = 10


@dataclass(frozen=True)
class Window:
    """Source sentences [source_start, source_end) against target [target_start, target_end)."""

    source_start: int
    source_end: int
    target_start: int
    target_end: int
    last: bool

    @property
    def rows(self) -> int:
        """The number of source sentences the window holds."""
        return self.source_end - self.source_start


@dataclass(frozen=True)
class WindowSearch:
    """What the search of one window is given: its part of the text's guide, and the share
    of its rows whose path is kept (the band is widened only for a path near its edge there,
    and the path may end anywhere on the last row)."""

    guide: np.ndarray
    trusted: float


def needs_windows(source: Sequence[str], target: Sequence[str]) -> bool:
    """Whether a block is too long to search at once (more than ``WINDOWED_BLOCK`` sentences
    or ``WINDOWED_CHARS`` characters on a side) and is searched window by window."""
    if max(len(source), len(target)) > WINDOWED_BLOCK:
        return True
    return max(sum(map(len, source)), sum(map(len, target))) > WINDOWED_CHARS


def text_offsets(sentences: Sequence[str]) -> np.ndarray:
    """The character offset of every sentence and of the end (sentences + 1)."""
    offsets: np.ndarray = np.concatenate([[0], np.cumsum([len(s) for s in sentences], dtype=np.int64)])
    return offsets


def window_size(offsets: np.ndarray, start: int) -> int:
    """The source sentences of a window that starts at ``start`` (``offsets``: see
    ``text_offsets``): ``WINDOW_SENTENCES``, fewer if they hold more than ``WINDOW_CHARS``
    characters, but at least ``MIN_WINDOW_SENTENCES``."""
    end = int(np.searchsorted(offsets, offsets[start] + WINDOW_CHARS, side="right")) - 1
    return max(min(MIN_WINDOW_SENTENCES, WINDOW_SENTENCES), min(WINDOW_SENTENCES, end - start))


def chunk_bounds(lengths: Sequence[int], max_items: int, max_chars: int) -> list[tuple[int, int]]:
    """Runs [start, end) of consecutive items, each of at most ``max_items`` items and
    ``max_chars`` characters (``lengths``: each item's), at least one item each: the
    chunks a long text's evidence is made in, so that it stays small however long its
    sentences. Items that never pass ``max_chars`` are cut every ``max_items``."""
    total = np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)])
    bounds = []
    start = 0
    while start < len(lengths):
        end = int(np.searchsorted(total, total[start] + max_chars, side="right")) - 1
        end = max(start + 1, min(start + max_items, end))
        bounds.append((start, end))
        start = end
    return bounds


def window_from(guide: np.ndarray, source_start: int, target_start: int, size: int | None = None) -> Window:
    """The window that starts at (source_start, target_start): ``size`` source sentences
    and the target sentences up to where the text's guide (column of every row 0..n, see
    ``guide``) puts its end, with a margin; the last window when it reaches the end of
    either side (then it takes both ends)."""
    n, m = len(guide) - 1, int(guide[-1])
    source_end = min(n, source_start + (size or WINDOW_SENTENCES))
    expected = int(guide[source_end]) - target_start
    target_end = target_start + max(1, expected + TARGET_MARGIN)
    if source_end >= n or target_end >= m:
        return Window(source_start, n, target_start, m, True)
    return Window(source_start, source_end, target_start, target_end, False)


def local_guide(guide: np.ndarray, window: Window) -> np.ndarray:
    """The text's guide over a window's rows, in the window's columns."""
    local = guide[window.source_start : window.source_end + 1] - window.target_start
    local = np.clip(local, 0, window.target_end - window.target_start)
    local[0] = 0
    if window.last:
        local[-1] = window.target_end - window.target_start
    return np.maximum.accumulate(local)


def cut_point(
    ends: Sequence[tuple[int, int]], kinds: Sequence[tuple[int, int]], sure: Sequence[bool], window: Window
) -> int:
    """How many links of a window's path to keep: up to the end of the last run of
    ``SURE_RUN`` sure 1-1 links within the first ``CUT_SHARE`` of the window's rows, else
    up to the last 1-1 link there, else every link there (at least one link that moves on
    the source side). ``ends`` are the (row, column) each link ends at, local to the window;
    ``kinds`` its sentences on each side."""
    if window.last:
        return len(ends)
    limit = CUT_SHARE * window.rows
    run = 0
    best_run = best_one_to_one = best_any = 0
    for index, ((row, _), kind, is_sure) in enumerate(zip(ends, kinds, sure, strict=True)):
        if row > limit:
            break
        one_to_one = tuple(kind) == (1, 1)
        run = run + 1 if one_to_one and is_sure else 0
        if run >= SURE_RUN:
            best_run = index + 1
        if one_to_one:
            best_one_to_one = index + 1
        if row > 0:
            best_any = index + 1
    return best_run or best_one_to_one or best_any or len(ends)


def cut_point_rows(beads: Sequence[Any], rows: float) -> int:
    """How many of a window's links (``Bead``s, in order) end within its first ``rows`` rows."""
    ended = 0
    for index, bead in enumerate(beads):
        ended += len(bead.source)
        if ended > rows:
            return index
    return len(beads)
