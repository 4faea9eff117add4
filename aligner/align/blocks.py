"""Align many small blocks (the sentences of each structural pair) at the cost of a few big ones.

A report has hundreds of paired paragraphs of one to five sentences each. Aligning them one by
one pays the aligner's fixed cost hundreds of times. Instead, consecutive blocks are joined
into groups and each group is aligned in one search; the links that stay inside one block are
kept, and only the blocks that some link crossed (rare: the structure already paired them)
are aligned again on their own. The structure is respected either way.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Sequence

from .sentences import Bead, SentenceAligner

# A group stops growing past this many sentences on either side (the search is linear in
# length, so the size only bounds memory and the cost of realigning a broken group).
MAX_GROUP_SENTENCES = 400

BlockTexts = tuple[Sequence[str], Sequence[str]]


def group_blocks(blocks: Sequence[BlockTexts], limit: int = MAX_GROUP_SENTENCES) -> list[list[int]]:
    """Consecutive two-sided blocks, in groups of at most ``limit`` sentences a side."""
    groups: list[list[int]] = []
    current: list[int] = []
    source_size = target_size = 0
    for index, (source, target) in enumerate(blocks):
        if not source or not target:
            continue
        if current and (source_size + len(source) > limit or target_size + len(target) > limit):
            groups.append(current)
            current, source_size, target_size = [], 0, 0
        current.append(index)
        source_size += len(source)
        target_size += len(target)
    if current:
        groups.append(current)
    return groups


def joined_groups(blocks: Sequence[BlockTexts], limit: int = MAX_GROUP_SENTENCES) -> list[tuple[list[str], list[str]]]:
    """The groups' sentences joined, as ``SentenceAligner.fit`` takes them."""
    return [_joined(blocks, group) for group in group_blocks(blocks, limit)]


def align_blocks(aligner: SentenceAligner, blocks: Sequence[BlockTexts], limit: int = MAX_GROUP_SENTENCES) -> list[list[Bead]]:
    """Beads of every block, indices local to the block, as ``aligner.align`` would give them."""
    results: list[list[Bead] | None] = [None] * len(blocks)
    for index, (source, target) in enumerate(blocks):
        if not source or not target:
            results[index] = aligner.align(source, target)
    for group in group_blocks(blocks, limit):
        source, target = _joined(blocks, group)
        kept, broken = _split(aligner.align(source, target), blocks, group)
        for index, beads in kept.items():
            results[index] = beads
        for index in broken:
            results[index] = aligner.align(*blocks[index])
    return [beads or [] for beads in results]


def _joined(blocks: Sequence[BlockTexts], group: list[int]) -> tuple[list[str], list[str]]:
    return [s for index in group for s in blocks[index][0]], [t for index in group for t in blocks[index][1]]


def _starts(sizes: list[int]) -> list[int]:
    starts, total = [], 0
    for size in sizes:
        starts.append(total)
        total += size
    return starts


def _split(beads: list[Bead], blocks: Sequence[BlockTexts], group: list[int]) -> tuple[dict[int, list[Bead]], set[int]]:
    """Beads of the joined group given back to their blocks; blocks that a bead crossed are broken."""
    source_starts = _starts([len(blocks[index][0]) for index in group])
    target_starts = _starts([len(blocks[index][1]) for index in group])
    kept: dict[int, list[Bead]] = {index: [] for index in group}
    broken: set[int] = set()
    for bead in beads:
        owners = {bisect_right(source_starts, i) - 1 for i in bead.source} | {bisect_right(target_starts, j) - 1 for j in bead.target}
        if len(owners) > 1:
            broken.update(group[position] for position in owners)
            continue
        position = owners.pop()
        kept[group[position]].append(
            Bead(
                tuple(i - source_starts[position] for i in bead.source),
                tuple(j - target_starts[position] for j in bead.target),
                bead.confidence,
            )
        )
    return {index: beads for index, beads in kept.items() if index not in broken}, broken
