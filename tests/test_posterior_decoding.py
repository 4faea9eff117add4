"""Bead posteriors over the whole band and the path with the most sentences expected right
(``search.bead_log_posteriors``, ``search.expected_accuracy_path``), checked against every
path of small grids enumerated by hand."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from aligner.align import AlignOptions, SentenceAligner
from aligner.align.search import (
    BEAD_TYPES,
    IMPOSSIBLE,
    Band,
    bead_log_posteriors,
    best_path,
    expected_accuracy_path,
    log_posteriors,
    path_log_posteriors,
)


def all_paths(n: int, m: int) -> list[list[tuple[int, int, int]]]:
    """Every monotone path from (0, 0) to (n, m), as (end row, end column, bead type) steps."""
    if n == 0 and m == 0:
        return [[]]
    paths = []
    for k, (a, b) in enumerate(BEAD_TYPES):
        if a <= n and b <= m:
            paths += [[*path, (n, m, k)] for path in all_paths(n - a, m - b)]
    return paths


def random_scores(n: int, m: int, seed: int) -> tuple[np.ndarray, Band]:
    band = Band.full(n + 1, m + 1)
    scores = np.random.default_rng(seed).normal(0.0, 2.0, (len(BEAD_TYPES), n + 1, m + 1))
    for k, (a, b) in enumerate(BEAD_TYPES):
        rows, columns = np.meshgrid(np.arange(n + 1), np.arange(m + 1), indexing="ij")
        scores[k][(rows < a) | (columns < b)] = IMPOSSIBLE
    return scores, band


def brute_force(scores: np.ndarray, n: int, m: int) -> tuple[dict[tuple[int, int, int], float], list]:
    """Posterior of every bead by summing over all paths, and the paths."""
    paths = all_paths(n, m)
    weights = np.array([sum(scores[k, i, j] for i, j, k in path) for path in paths])
    probabilities = np.exp(weights - np.logaddexp.reduce(weights))
    posterior: dict[tuple[int, int, int], float] = {}
    for path, probability in zip(paths, probabilities, strict=True):
        for step in path:
            posterior[step] = posterior.get(step, 0.0) + float(probability)
    return posterior, paths


@pytest.mark.parametrize(("n", "m", "seed"), [(3, 3, 0), (4, 2, 1), (2, 5, 2), (4, 4, 3)])
def test_bead_posteriors_are_those_of_all_paths(n: int, m: int, seed: int) -> None:
    scores, band = random_scores(n, m, seed)
    posterior, _ = brute_force(scores, n, m)
    log_table = bead_log_posteriors(scores, band)
    table = np.exp(log_table)
    for k, i, j in itertools.product(range(len(BEAD_TYPES)), range(n + 1), range(m + 1)):
        assert table[k, i, j] == pytest.approx(posterior.get((i, j, k), 0.0), abs=1e-9)
    # The same values as the posteriors of one path's steps.
    steps, _ = best_path(scores, band)
    on_path = np.exp(log_posteriors(scores, band, steps))
    assert on_path == pytest.approx([table[step.kind, step.i, step.j] for step in steps])
    assert np.exp(path_log_posteriors(log_table, band, steps)) == pytest.approx(on_path)


@pytest.mark.parametrize(("n", "m", "seed"), [(3, 3, 4), (4, 2, 5), (2, 4, 6), (4, 3, 7), (3, 4, 8)])
def test_the_decoded_path_has_the_most_sentences_expected_right(n: int, m: int, seed: int) -> None:
    scores, band = random_scores(n, m, seed)
    posterior, paths = brute_force(scores, n, m)

    def expected(path: list[tuple[int, int, int]]) -> float:
        return sum(posterior[step] * sum(BEAD_TYPES[step[2]]) for step in path)

    decoded = [(step.i, step.j, step.kind) for step in expected_accuracy_path(scores, band)[0]]
    assert decoded in paths
    assert expected(decoded) == pytest.approx(max(map(expected, paths)), rel=1e-6)


def test_a_likely_gap_is_not_absorbed_by_a_doubtful_link() -> None:
    """Two source sentences, one target sentence. The most probable path is one 2-1 link
    (35% of the probability); but the second source sentence is a gap in the other 65%,
    whose paths differ only in how the first sentence reaches the target one (a 1-1 link,
    30%, or a gap on each side, 17.5% in either order). The decoded path links the first
    sentence and leaves the second as a gap: 0.3 x 2 + 0.65 sentences expected right,
    against 0.35 x 3."""
    scores = np.full((len(BEAD_TYPES), 3, 2), IMPOSSIBLE)
    one_one, deletion, insertion, two_one = (
        BEAD_TYPES.index(kind) for kind in ((1, 1), (1, 0), (0, 1), (2, 1))
    )
    scores[two_one, 2, 1] = np.log(0.35)
    scores[one_one, 1, 1] = np.log(0.3)
    scores[deletion, 1, 0] = scores[insertion, 0, 1] = np.log(0.175)
    scores[insertion, 1, 1] = scores[deletion, 1, 1] = scores[deletion, 2, 1] = 0.0
    band = Band.full(3, 2)
    most_probable, _ = best_path(scores, band)
    assert [BEAD_TYPES[step.kind] for step in most_probable] == [(2, 1)]
    decoded, _ = expected_accuracy_path(scores, band)
    assert [(BEAD_TYPES[step.kind], step.i, step.j) for step in decoded] == [((1, 1), 1, 1), ((1, 0), 2, 1)]


def test_posterior_decoding_is_an_option() -> None:
    french = ["Le chat dort.", "Il pleut.", "Le chien mange sa soupe."]
    english = ["The cat sleeps.", "The dog eats its soup."]
    for decoding in (True, False):
        beads = SentenceAligner("fr", "en", AlignOptions(posterior_decoding=decoding)).align(french, english)
        assert sorted(i for bead in beads for i in bead.source) == [0, 1, 2]
        assert sorted(j for bead in beads for j in bead.target) == [0, 1]
