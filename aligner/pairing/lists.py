"""Runs of units whose order differs between the languages, matched by content alone.

Canadian definitions are sorted alphabetically in each language, and so are many lists in
schedules (countries, species, products) and index entries: "Danemark" is the fifth country
in French and "Denmark" the fourth in English, so their positions say nothing. A run is taken
as such a list when its key type says so (definitions) or when both languages' versions of it
are in alphabetical order (each in its own). Such a run is matched by
``UnitContent.list_similarity`` turned into a soft assignment, whose probabilities are the
pairs' certainties: a pair is doubtful when a rival that has no better match elsewhere comes
close, and the pair left when all others are sure is sure too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from ..model import Unit, UnitPair
from .unit_content import UnitContent, fold

UNORDERED_TYPES = frozenset({"def"})
# A run shorter than this is sorted by chance too often (1 in 24 at 4) to prove anything.
MIN_SORTED_RUN = 4
SORTED_SHARE = 0.9
# How sharply similarity decides between rivals: a similarity 0.1 higher makes a pair
# e^2 (7.4) times likelier.
TEMPERATURE = 0.05
# Leaving a unit without counterpart scores this much: two units left alone are worth a
# pair of similarity 0.15.
ALONE_SIMILARITY = 0.075
SINKHORN_ROUNDS = 200
LEFTOVER_SIMILARITY = 0.15


@dataclass(slots=True)
class Match:
    """A pair of a list run and what the matching knew about it."""

    pair: UnitPair
    similarity: float
    certainty: float


def is_sorted_list(sources: list[Unit], targets: list[Unit]) -> bool:
    """Are both runs in alphabetical order, each in its language? Entries that open with a
    digit (numbered or quantified items keep their order in translation) do not count."""
    return _alphabetical(sources) and _alphabetical(targets)


def _alphabetical(units: list[Unit]) -> bool:
    """Nine neighbours in ten in order at least (hand-sorted lists have the odd slip), the
    entries starting with letters."""
    if len(units) < MIN_SORTED_RUN:
        return False
    keys = [_sort_key(unit.text) for unit in units]
    if sum(key[:1].isalpha() for key in keys) * 2 <= len(keys):
        return False
    in_order = sum(first <= second for first, second in pairwise(keys))
    return in_order >= SORTED_SHARE * (len(keys) - 1)


# What a sort key leaves out: everything but letters, digits and spaces (\w is the
# characters str.isalnum accepts, and the underscore).
_NOT_SORTED = re.compile(r"[^\w ]|_")


def _sort_key(text: str) -> str:
    return _NOT_SORTED.sub("", fold(text)).strip()


def match_unordered(sources: list[Unit], targets: list[Unit], content: UnitContent) -> list[Match]:
    """Matching of two runs whose order means nothing, with a certainty per pair.

    The similarities become a soft assignment (``assignment_probabilities``): the chance that
    source i goes with target j, given every other unit's options. A unit whose rivals are
    themselves better matched elsewhere is not in doubt for them, and the last pair left when
    all others are sure is sure too. Pairs are taken most probable first; a unit for which
    having no counterpart is likelier than any pair stays alone.
    """
    similarity = np.array([[content.list_similarity(s, t) for t in targets] for s in sources])
    probability, alone_source, alone_target = assignment_probabilities(similarity)
    ranked = sorted(
        ((probability[i, j], i, j) for i in range(len(sources)) for j in range(len(targets))), reverse=True
    )
    matched: dict[int, int] = {}
    used: set[int] = set()
    for value, i, j in ranked:
        if i in matched or j in used or value <= max(alone_source[i], alone_target[j]):
            continue
        matched[i] = j
        used.add(j)
    # What is left on both sides pairs if it is alike at all: a doubtful pair (its probability
    # says so) serves a reviewer better than two units without counterpart.
    for _, i, j in sorted(((similarity[i, j], i, j) for _, i, j in ranked), reverse=True):
        if i not in matched and j not in used and similarity[i, j] >= LEFTOVER_SIMILARITY:
            matched[i] = j
            used.add(j)
    matches = [
        Match(
            UnitPair([sources[i]], [targets[j]], "content", float(probability[i, j])),
            float(similarity[i, j]),
            float(probability[i, j]),
        )
        for i, j in sorted(matched.items())
    ]
    matches += [
        Match(UnitPair([unit], [], "none", 0.0), 0.0, 0.0)
        for i, unit in enumerate(sources)
        if i not in matched
    ]
    matches += [
        Match(UnitPair([], [unit], "none", 0.0), 0.0, 0.0) for j, unit in enumerate(targets) if j not in used
    ]
    return matches


def assignment_probabilities(similarity: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Soft one-to-one assignment of rows to columns (Sinkhorn balancing of exp(similarity /
    TEMPERATURE)), each row and column also free to have no counterpart, which scores
    ALONE_SIMILARITY. Returns the probability of each pair and, per row and per
    column, that of having none."""
    rows, columns = similarity.shape
    scores = np.full((rows + 1, columns + 1), ALONE_SIMILARITY)
    scores[:rows, :columns] = similarity
    kernel = np.exp((scores - scores.max()) / TEMPERATURE)
    row_mass = np.append(np.ones(rows), columns)
    column_mass = np.append(np.ones(columns), rows)
    row_scale, column_scale = np.ones(rows + 1), np.ones(columns + 1)
    for _ in range(SINKHORN_ROUNDS):
        row_scale = row_mass / np.maximum(kernel @ column_scale, 1e-300)
        previous = column_scale
        column_scale = column_mass / np.maximum(kernel.T @ row_scale, 1e-300)
        if np.allclose(previous, column_scale, rtol=1e-6, atol=0):
            break
    probability = row_scale[:, None] * kernel * column_scale[None, :]
    return probability[:rows, :columns], probability[:rows, columns], probability[rows, :columns]
