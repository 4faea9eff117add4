"""Length evidence (Gale & Church 1993): a translation's length in characters is roughly
proportional to its original's, with a variance that grows with the length.

``ratio`` and ``variance`` are learnt from the text being aligned (see ``LengthModel.fit``);
Gale & Church's values (1.0 and 6.8) are the defaults for texts too short to learn from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

DEFAULT_RATIO = 1.0
DEFAULT_VARIANCE = 6.8
# Below this many pairs the text's own estimate is not trusted.
MIN_PAIRS_FOR_FIT = 30

# Abramowitz & Stegun 7.1.26 for erfc, kept in log space so long tails do not underflow.
_P = 0.3275911
_A = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)


def neg_log_two_tailed(z: np.ndarray) -> np.ndarray:
    """-log P(|Z| >= z) for a standard normal Z, i.e. -log erfc(z / sqrt 2)."""
    x = np.abs(z) / np.sqrt(2.0)
    t = 1.0 / (1.0 + _P * x)
    poly = t * (_A[0] + t * (_A[1] + t * (_A[2] + t * (_A[3] + t * _A[4]))))
    value: np.ndarray = x * x - np.log(poly)
    return value


def median(values: np.ndarray) -> float:
    """``np.median`` of a 1-d array, the same value, without the import of ``numpy.ma``
    that the first call of ``np.median`` makes (10 ms of CPU)."""
    ordered = np.sort(np.asarray(values, dtype=np.float64))
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return float((ordered[middle - 1] + ordered[middle]) / 2.0)


def char_length(sentence: str) -> int:
    """Characters other than spaces, so that tokenised and untokenised texts compare."""
    return len(sentence) - sentence.count(" ")


@dataclass(frozen=True)
class LengthModel:
    """Gale and Church's length model: a target sentence's length in characters is about ``ratio``
    times its source's, with a spread whose variance grows with the length (``variance`` per
    character); fitted on the document's surest links."""

    ratio: float = DEFAULT_RATIO
    variance: float = DEFAULT_VARIANCE

    def cost(self, source_chars: np.ndarray, target_chars: np.ndarray) -> np.ndarray:
        """-log of the probability of a length difference at least this large, per bead.

        The spread is taken on the mean of both lengths (in source units) so that the cost
        is symmetric; a bead with an empty side costs nothing here (it has its own prior).
        """
        source = np.asarray(source_chars, dtype=np.float64)
        target = np.asarray(target_chars, dtype=np.float64)
        scale = np.sqrt(self.variance * np.maximum((source + target / self.ratio) / 2.0, 1.0))
        delta = (target - self.ratio * source) / scale
        cost = neg_log_two_tailed(delta)
        return np.where((source > 0) & (target > 0), cost, 0.0)

    @classmethod
    def fit(cls, pairs: Sequence[tuple[int, int]]) -> LengthModel:
        """Ratio and variance from (source chars, target chars) of beads believed right.

        Ratio is the ratio of totals; variance a robust estimate (from the median absolute
        deviation) so that a few wrong beads do not inflate it.
        """
        pairs = [(s, t) for s, t in pairs if s > 0 and t > 0]
        if len(pairs) < MIN_PAIRS_FOR_FIT:
            total_source = sum(s for s, _ in pairs)
            total_target = sum(t for _, t in pairs)
            ratio = total_target / total_source if total_source and len(pairs) >= 3 else DEFAULT_RATIO
            return cls(ratio=float(np.clip(ratio, 0.5, 2.0)), variance=DEFAULT_VARIANCE)
        source = np.array([s for s, _ in pairs], dtype=np.float64)
        target = np.array([t for _, t in pairs], dtype=np.float64)
        ratio = float(np.clip(target.sum() / source.sum(), 0.5, 2.0))
        mean_length = (source + target / ratio) / 2.0
        standardised = (target - ratio * source) / np.sqrt(mean_length)
        mad = median(np.abs(standardised - median(standardised)))
        variance = (1.4826 * mad) ** 2
        return cls(ratio=ratio, variance=float(np.clip(variance, 1.0, 40.0)))
