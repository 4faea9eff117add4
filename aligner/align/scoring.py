"""The score of every bead in the search band: lexical evidence, length evidence and a prior
per bead type, added up (all in the same unit, roughly nats)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from .evidence import SideEvidence, span_sums, token_coverage
from .length import LengthModel
from .gains import token_gains
from .search import BEAD_TYPES, IMPOSSIBLE, Band, Step
from .semantic import ChanceCosine, span_vectors

CHUNK_ROWS = 64
MIN_CHUNK_ROWS = 16
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


def _default_penalties() -> dict[tuple[int, int], float]:
    """Rounded -log(P(type) / P(1-1)) of Gale & Church's priors (1-2: 2.3, 2-2: 4.4), with
    1-3 as 2-2; null links at 3 rather than their 4.5 (strict F1 on transread moves by less
    than 0.003 between 2.5 and 4.5)."""
    return {
        (1, 1): 0.0,
        (1, 0): 3.0,
        (0, 1): 3.0,
        (1, 2): 2.0,
        (2, 1): 2.0,
        (2, 2): 4.0,
        (1, 3): 4.0,
        (3, 1): 4.0,
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


def _cumulative_rows(array: np.ndarray) -> np.ndarray:
    return np.vstack([np.zeros((1, array.shape[1])), np.cumsum(array, axis=0)])


def bead_scores(
    source: SideEvidence,
    target: SideEvidence,
    source_chars: np.ndarray,
    target_chars: np.ndarray,
    band: Band,
    length_model: LengthModel,
    weights: ScoreWeights,
    max_span: int = 3,
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
        evidence = weights.lexical_weight * lexical[k] - weights.length_weight * length_model.cost(source_len, target_len)
        if semantic is not None and a and b:
            evidence = evidence + weights.semantic_weight * semantic.standardised_cosines(a, b, band)
        scores[k] = np.where(valid, evidence - weights.penalties[(a, b)], IMPOSSIBLE)
    return scores, lexical


def coverage_shares(steps: Sequence[Step], lexical: np.ndarray, band: Band, source: SideEvidence, target: SideEvidence) -> np.ndarray:
    """For each bead of a path, the share of what its tokens could gain that they do gain
    from the other side (its lexical score over the most its tokens could score): 0 for a
    null bead or an unrelated pair, 1 for a bead whose every token is fully covered."""
    if not steps:
        return np.zeros(0)
    kinds = np.array([step.kind for step in steps])
    rows = np.array([step.i for step in steps])
    columns = np.array([step.j for step in steps])
    gained = lexical[kinds, rows, columns - band.lo[rows]].astype(np.float64)
    spans = np.array(BEAD_TYPES)[kinds]
    possible = _most_gained(source, rows, spans[:, 0]) + _most_gained(target, columns, spans[:, 1])
    linked = (spans.min(axis=1) > 0) & (possible > 0)
    return np.where(linked, gained / np.where(linked, possible, 1.0), 0.0)


def _most_gained(side: SideEvidence, ends: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """What the tokens of the ``counts`` sentences ending before each of ``ends`` gain if fully covered."""
    by_token = np.concatenate([[0.0], np.cumsum(token_gains(np.ones((len(side.token_class), 1)), side.token_class)[:, 0])])
    by_sentence = by_token[side.token_start]
    return by_sentence[ends] - by_sentence[ends - counts]


def _chunk_rows(width: int) -> int:
    """Rows scored at a time: a chunk's coverage arrays span its rows plus the band's width
    in columns, so a narrow band (blocks of a structured document) wants short chunks."""
    return int(np.clip(width, MIN_CHUNK_ROWS, CHUNK_ROWS))


def _lexical_scores(
    source: SideEvidence, target: SideEvidence, band: Band, max_span: int
) -> np.ndarray:
    """Lexical score of every linking bead type in the band (null types left at 0)."""
    n, m = source.sentence_count, target.sentence_count
    rows, width = band.rows, band.width
    lexical = np.zeros((len(BEAD_TYPES), rows, width), dtype=np.float32)
    chunk = _chunk_rows(width)
    for r0 in range(1, rows, chunk):
        r1 = min(rows, r0 + chunk)
        s_lo, s_hi = max(0, r0 - max_span), min(r1 - 1, n)
        t_lo = max(0, int(band.lo[r0]) - max_span)
        t_hi = min(int(band.lo[r1 - 1]) + width - 1, m)
        if s_hi <= s_lo or t_hi <= t_lo:
            continue
        source_cover = token_coverage(source, s_lo, s_hi, target, t_lo, t_hi)
        target_cover = token_coverage(target, t_lo, t_hi, source, s_lo, s_hi)
        src_tokens = source.token_start[s_lo : s_hi + 1] - source.token_start[s_lo]
        tgt_tokens = target.token_start[t_lo : t_hi + 1] - target.token_start[t_lo]
        src_classes = source.token_class[source.tokens_of(s_lo, s_hi)]
        tgt_classes = target.token_class[target.tokens_of(t_lo, t_hi)]
        # by_source[b-1][s, t]: source sentence s against the b target sentences ending at t.
        by_source = [_cumulative_rows(x) for x in span_sums(source_cover, src_classes, src_tokens, max_span)]
        by_target = [_cumulative_rows(x) for x in span_sums(target_cover, tgt_classes, tgt_tokens, max_span)]
        i = np.arange(r0, r1)[:, None]
        j = band.lo[r0:r1, None] + np.arange(width)[None, :]
        for k, (a, b) in enumerate(BEAD_TYPES):
            if not (a and b) or max(a, b) > max_span:
                continue
            valid = (i - a >= s_lo) & (j - b >= t_lo) & (j <= t_hi) & (i <= s_hi)
            # Invalid cells read harmless in-range values and are masked below.
            ii = np.where(valid, i - s_lo, min(a, s_hi - s_lo))
            jj = np.where(valid, j - t_lo, min(b, t_hi - t_lo))
            ii, jj = np.maximum(ii, 1), np.maximum(jj, 1)
            from_source = by_source[b - 1][ii, jj - 1] - by_source[b - 1][np.maximum(ii - a, 0), jj - 1]
            from_target = by_target[a - 1][jj, ii - 1] - by_target[a - 1][np.maximum(jj - b, 0), ii - 1]
            lexical[k, r0:r1] = np.where(valid, from_source + from_target, 0.0)
    return lexical
