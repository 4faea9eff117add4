"""The score of every bead in the search band: lexical evidence, length evidence and a prior
per bead type, added up (all in the same unit, roughly nats)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .evidence import SideEvidence, Windows, window_span_sums
from .length import LengthModel
from .search import BEAD_TYPES, IMPOSSIBLE, MAX_SPAN, Band
from .semantic import ChanceCosine, span_vectors

CHUNK_ROWS = 64
MAX_STANDARDISED = 6.0


@dataclass(frozen=True)
class SemanticEvidence:
    """Sentence embeddings of both sides and the cosine that chance gives (see semantic)."""

    source: np.ndarray
    target: np.ndarray
    chance: ChanceCosine

    def standardised_cosines(self, a: int, b: int, band: Band) -> np.ndarray:
        """(rows, width): cosine of the a source and b target sentences ending at each cell,
        in standard deviations above chance (0 where no such bead exists)."""
        source_spans = span_vectors(self.source, a)
        target_spans = span_vectors(self.target, b)
        result = np.zeros((band.rows, band.width))
        for r0 in range(1, band.rows, CHUNK_ROWS):
            r1 = min(band.rows, r0 + CHUNK_ROWS)
            ends = np.clip(band.lo[r0:r1, None] + np.arange(band.width)[None, :] - 1, 0, len(self.target) - 1)
            cosines = np.einsum("rd,rcd->rc", source_spans[np.arange(r0, r1) - 1], target_spans[ends])
            result[r0:r1] = (cosines - self.chance.mean) / self.chance.spread
        return np.clip(result, -MAX_STANDARDISED, MAX_STANDARDISED)


# -log prior odds against 1-1: every sentence a linking bead has beyond the first on each
# side costs EXTRA_SENTENCE_PENALTY (Gale & Church's priors give 2.3 for 1-2 and 4.4 for 2-2,
# the same rule rounded), a null bead NULL_PENALTY (their 4.5 is too dear: strict F1 on
# transread moves by less than 0.003 between 2.5 and 4.5). Beads of 2-3, 3-2, 1-4 and 4-1
# (cost 6) lifted transread strict F1 from 0.923 to 0.933; 2-4, 4-2 and 3-3 (cost 8) and a
# per-sentence cost of 1.8 or 2.2 did not help.
EXTRA_SENTENCE_PENALTY = 2.0
NULL_PENALTY = 3.0


def _default_penalties() -> dict[tuple[int, int], float]:
    return {
        (a, b): NULL_PENALTY if a * b == 0 else EXTRA_SENTENCE_PENALTY * (a + b - 2) for a, b in BEAD_TYPES
    }


@dataclass(frozen=True)
class ScoreWeights:
    """The few global constants of the bead score.

    ``lexical_weight`` scales the token gains; ``length_weight`` the Gale-Church cost;
    ``semantic_weight`` the embedding evidence (in standard deviations above chance, when
    it is used); ``penalties`` are -log prior odds of each bead type against 1-1.
    """

    length_weight: float = 0.3
    lexical_weight: float = 1.0
    semantic_weight: float = 1.0
    penalties: dict[tuple[int, int], float] = field(default_factory=_default_penalties)


def bead_scores(
    source: SideEvidence,
    target: SideEvidence,
    source_chars: np.ndarray,
    target_chars: np.ndarray,
    band: Band,
    length_model: LengthModel,
    weights: ScoreWeights,
    max_span: int = MAX_SPAN,
    semantic: SemanticEvidence | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """scores[k, i, c]: score of a bead of type BEAD_TYPES[k] ending at row i, band column c;
    and the lexical part of it (before weighting: what its tokens gain, see ``evidence``)."""
    n, m = source.sentence_count, target.sentence_count
    rows, width = band.rows, band.width
    scores = np.full((len(BEAD_TYPES), rows, width), IMPOSSIBLE, dtype=np.float32)
    column = band.absolute_columns()
    row = np.broadcast_to(np.arange(rows)[:, None], column.shape)
    source_total = np.concatenate([[0.0], np.cumsum(source_chars)])
    target_total = np.concatenate([[0.0], np.cumsum(target_chars)])
    lexical = _lexical_scores(source, target, band, max_span)
    for k, (a, b) in enumerate(BEAD_TYPES):
        if max(a, b) > max_span:
            continue
        valid = (row - a >= 0) & (column - b >= 0) & (column <= m) & (row <= n)
        # Invalid cells read harmless in-range values and are masked below.
        i = np.where(valid, row, min(a, n))
        j = np.where(valid, column, min(b, m))
        source_len = source_total[i] - source_total[np.maximum(i - a, 0)]
        target_len = target_total[j] - target_total[np.maximum(j - b, 0)]
        evidence = weights.lexical_weight * lexical[k] - weights.length_weight * length_model.cost(
            source_len, target_len
        )
        if semantic is not None and a and b:
            evidence = evidence + weights.semantic_weight * semantic.standardised_cosines(a, b, band)
        scores[k] = np.where(valid, evidence - weights.penalties[(a, b)], IMPOSSIBLE)
    return scores, lexical


def _lexical_scores(source: SideEvidence, target: SideEvidence, band: Band, max_span: int) -> np.ndarray:
    """Lexical score of every linking bead type in the band (null types left at 0): for
    both sides of the bead, what its tokens gain from the other side (see ``evidence``)."""
    n, m = source.sentence_count, target.sentence_count
    lexical = np.zeros((len(BEAD_TYPES), band.rows, band.width), dtype=np.float32)
    if n == 0 or m == 0:
        return lexical
    source_windows = _source_windows(band, n, m, max_span)
    target_windows = _target_windows(band, n, m, max_span)
    # by_source[b - 1, source_windows.at(s, t)]: source sentence s against the b target
    # sentences ending at t; by_target the same the other way.
    by_source = window_span_sums(source, target, source_windows, max_span)
    by_target = window_span_sums(target, source, target_windows, max_span)
    row = np.arange(band.rows)[:, None]
    column = band.absolute_columns()
    spans = range(1, max_span + 1)
    # Where the sums of the source sentence ``back`` rows up (and the target sentence ``back``
    # columns back) are read for every cell: the same for every bead type that reaches it.
    # Invalid cells read harmless in-range values and are masked below.
    source_at = {back: source_windows.at(np.clip(row - back, 0, n - 1), column - 1) for back in spans}
    target_at = {back: target_windows.at(np.clip(column - back, 0, m - 1), row - 1) for back in spans}
    for k, (a, b) in enumerate(BEAD_TYPES):
        if not (a and b) or max(a, b) > max_span:
            continue
        valid = (row >= a) & (column >= b) & (column <= m)
        total = np.zeros(column.shape)
        for back in range(1, a + 1):
            total += by_source[b - 1][source_at[back]]
        for back in range(1, b + 1):
            total += by_target[a - 1][target_at[back]]
        lexical[k] = np.where(valid, total, 0.0)
    return lexical


def _source_windows(band: Band, n: int, m: int, max_span: int) -> Windows:
    """The target sentences any bead of the band with source sentence s can use: beads
    with s end in rows s + 1 .. s + max_span, and use target sentences up to max_span
    before the columns of those rows."""
    sentence = np.arange(n)
    first = np.maximum(band.lo[sentence + 1] - max_span, 0)
    last = np.minimum(band.lo[np.minimum(sentence + max_span, n)] + band.width - 1, m) - 1
    return Windows.spanning(first, last)


def _target_windows(band: Band, n: int, m: int, max_span: int) -> Windows:
    """The source sentences any bead of the band with target sentence t can use: beads with
    t end in columns t + 1 .. t + max_span, in the rows whose band holds those columns."""
    sentence = np.arange(m)
    first_row = np.searchsorted(band.lo + band.width - 1, sentence + 1, side="left")
    last_row = np.searchsorted(band.lo, np.minimum(sentence + max_span, m), side="right") - 1
    first = np.maximum(first_row - max_span, 0)
    last = np.minimum(last_row, n) - 1
    return Windows.spanning(first, last)
