"""Many small blocks searched at once, with the structure's boundaries as walls.

A structured document is hundreds of paired paragraphs of one to five sentences a side.
Searching them one by one pays the search's fixed cost hundreds of times, so consecutive
blocks are joined into groups and each group is searched once. The joined search must
not see alternatives that cross a boundary (they would take probability from the right
links and lower their confidence), so each block keeps its own rectangle of the grid:
block k, with source sentences [S_k, S_k+1) and target sentences [T_k, T_k+1), owns the
cells [S_k, S_k+1] x [T_k, T_k+1], and a bead is allowed only if it starts and ends in the
rectangle of the block whose sentences it uses. Two rectangles meet only at a corner
(S_k, T_k), so every path passes through every corner: a path of the group is a path per
block, its score their sum, and the best path and the forward-backward posteriors of a
group are exactly those of its blocks searched alone. The band holds just the rectangles.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .search import BEAD_TYPES, IMPOSSIBLE, Band, Step

# A group stops growing past this many sentences on either side (the search is linear in
# length: the size only bounds memory).
MAX_GROUP_SENTENCES = 400


def group_blocks(
    sizes: Sequence[tuple[int, int]], max_columns: int, limit: int = MAX_GROUP_SENTENCES
) -> list[list[int]]:
    """Indices of the blocks to search together, in order: consecutive blocks with sentences
    on both sides and at most ``max_columns`` target sentences, at most ``limit`` sentences
    a side per group; a block with more target sentences is a group of its own (its search
    needs a guided band). Blocks with an empty side are in no group."""
    groups: list[list[int]] = []
    current: list[int] = []
    source_size = target_size = 0
    for index, (n, m) in enumerate(sizes):
        if not n or not m:
            continue
        if m > max_columns:
            groups.append([index])
            continue
        if current and (source_size + n > limit or target_size + m > limit):
            groups.append(current)
            current, source_size, target_size = [], 0, 0
        current.append(index)
        source_size += n
        target_size += m
    if current:
        groups.append(current)
    return sorted(groups)


@dataclass(frozen=True)
class Layout:
    """Where the blocks of a group start on each side: (blocks + 1,) offsets, the last
    being the group's size. Every block has at least one sentence a side."""

    source_starts: np.ndarray
    target_starts: np.ndarray

    @classmethod
    def of(cls, sizes: Sequence[tuple[int, int]]) -> Layout:
        """The layout of blocks of the given (source, target) sentence counts; every block needs
        sentences on both sides."""
        if any(n < 1 or m < 1 for n, m in sizes):
            raise ValueError("every block of a layout needs sentences on both sides")
        source = np.concatenate([[0], np.cumsum([n for n, _ in sizes], dtype=np.int64)])
        target = np.concatenate([[0], np.cumsum([m for _, m in sizes], dtype=np.int64)])
        return cls(source.astype(np.int64), target.astype(np.int64))

    @property
    def blocks(self) -> int:
        """The number of blocks."""
        return len(self.source_starts) - 1

    def band(self) -> Band:
        """The narrowest band that holds every block's rectangle (a row where one block ends
        and the next starts holds both)."""
        starts, columns_at = self.source_starts, self.target_starts
        rows, columns = int(starts[-1]) + 1, int(columns_at[-1]) + 1
        row = np.arange(rows)
        block = np.minimum(np.searchsorted(starts, row, side="right") - 1, self.blocks - 1)
        high = columns_at[block + 1]
        opens_block = (row == starts[block]) & (block > 0)
        low = np.where(opens_block, columns_at[np.maximum(block - 1, 0)], columns_at[block])
        width = int(np.max(high - low)) + 1
        return Band(np.minimum(low, columns - width), width, columns)

    def forbid_crossing(self, scores: np.ndarray, band: Band) -> None:
        """Make IMPOSSIBLE, in place, every bead of ``scores`` (see ``scoring.bead_scores``)
        that uses sentences of two blocks or does not start and end in its block."""
        if self.blocks == 1:
            return
        n, m = int(self.source_starts[-1]), int(self.target_starts[-1])
        source_block = np.repeat(np.arange(self.blocks), np.diff(self.source_starts))
        target_block = np.repeat(np.arange(self.blocks), np.diff(self.target_starts))
        row = np.arange(band.rows)[:, None]
        column = band.absolute_columns()
        # Cells where a bead cannot end are IMPOSSIBLE already: clipped reads are harmless.
        for kind, (a, b) in enumerate(BEAD_TYPES):
            allowed = np.ones(column.shape, dtype=bool)
            if a:
                owner = source_block[np.clip(row - 1, 0, n - 1)]
                allowed &= source_block[np.clip(row - a, 0, n - 1)] == owner
            if b:
                target_owner = target_block[np.clip(column - 1, 0, m - 1)]
                allowed &= target_block[np.clip(column - b, 0, m - 1)] == target_owner
            if a and b:
                allowed &= owner == target_owner
            elif a:  # 1-0 beads: the column must lie in the block's rectangle
                allowed &= (column >= self.target_starts[owner]) & (column <= self.target_starts[owner + 1])
            else:  # 0-1 beads: the row must
                allowed &= (row >= self.source_starts[target_owner]) & (
                    row <= self.source_starts[target_owner + 1]
                )
            scores[kind][~allowed] = IMPOSSIBLE

    def owners(self, steps: Sequence[Step]) -> np.ndarray:
        """The block of every step of a path (the block of its sentences)."""
        last_source = np.array(
            [step.i - 1 if BEAD_TYPES[step.kind][0] else -1 for step in steps], dtype=np.int64
        )
        last_target = np.array([step.j - 1 for step in steps], dtype=np.int64)
        by_source = np.searchsorted(self.source_starts, last_source, side="right") - 1
        by_target = np.searchsorted(self.target_starts, last_target, side="right") - 1
        return np.where(last_source >= 0, by_source, by_target)

    def step_ranges(self, owners: np.ndarray) -> list[slice]:
        """The steps of each block, given the owners of a path's steps (in order)."""
        bounds = np.searchsorted(owners, np.arange(self.blocks + 1))
        return [slice(int(start), int(end)) for start, end in itertools.pairwise(bounds)]
