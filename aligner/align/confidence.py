"""Confidence of each link: a calibrated probability that the link is right.

The raw signal is the link's posterior probability over all paths through the band
(forward-backward with every path weighted by exp(score / TEMPERATURE)): a link that the
evidence leaves no alternative to is near 1, one that competes with a nearly as good
alternative is near 0.5 or below. A logistic model on the posterior's log-odds and a few
link features (the neighbours' posteriors, how much of the link its words account for, its
type and length) turns it into a probability that means what it says.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .search import BEAD_TYPES, Band, Step, log_posteriors

TEMPERATURE = 1.0
# Logistic calibration: confidence = sigmoid(INTERCEPT + sum(COEFFICIENTS[f] * feature f)).
# Fitted by scripts/fit_confidence.py on the five transread books (books weighted equally);
# fitted leaving each book out, links above 0.9 were 98.6% right on the books left out.
INTERCEPT = 3.4700
COEFFICIENTS = {
    "posterior_logit": 0.4148,
    "neighbour_logit": 0.7127,
    "neighbour_null": -1.2522,
    "coverage": 1.6769,
    "null": -2.6213,
    "many": -2.0339,
    "log_chars": -0.4696,
}
# The same with AlignOptions(use_chrf=True) (scripts/fit_confidence.py --chrf); held out,
# 98.4% right above 0.9: chrF adds nothing the other features do not already say.
INTERCEPT_WITH_CHRF = 3.4536
COEFFICIENTS_WITH_CHRF = {
    "posterior_logit": 0.4019,
    "neighbour_logit": 0.6764,
    "neighbour_null": -1.1994,
    "coverage": 0.7304,
    "null": -2.1280,
    "many": -1.9681,
    "log_chars": -0.5773,
    "chrf": 2.7364,
}
MAX_LOGIT = 12.0


def _logit(log_probability: np.ndarray) -> np.ndarray:
    probability = np.exp(log_probability)
    logit: np.ndarray = np.clip(
        log_probability - np.log1p(-np.minimum(probability, 1 - 1e-12)), -MAX_LOGIT, MAX_LOGIT
    )
    return logit


def posterior_logits(steps: Sequence[Step], scores: np.ndarray, band: Band) -> np.ndarray:
    """Log-odds of every link of a path by its posterior over all paths through the band."""
    return _logit(log_posteriors(scores / TEMPERATURE, band, steps))


def link_features(
    steps: Sequence[Step],
    scores: np.ndarray,
    band: Band,
    source_chars: np.ndarray,
    target_chars: np.ndarray,
    coverage: np.ndarray,
    owners: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """Features of every link of a path, by name; ``coverage`` is each link's share of
    covered tokens (see ``evidence.bead_coverage``). ``owners`` gives the block of each link
    when the path runs through several blocks (see ``blocks``): a link at a block's edge
    has no neighbour there, as at the path's ends."""
    logit = posterior_logits(steps, scores, band)
    kinds = np.array([BEAD_TYPES[step.kind] for step in steps], dtype=np.int64).reshape(-1, 2)
    ends = np.array([(step.i, step.j) for step in steps], dtype=np.int64).reshape(-1, 2)
    source_total = np.concatenate([[0.0], np.cumsum(source_chars)])
    target_total = np.concatenate([[0.0], np.cumsum(target_chars)])
    chars = (source_total[ends[:, 0]] - source_total[ends[:, 0] - kinds[:, 0]]) + (
        target_total[ends[:, 1]] - target_total[ends[:, 1] - kinds[:, 1]]
    )
    nulls = (kinds.min(axis=1) == 0).astype(np.float64)
    if owners is None:
        owners = np.zeros(len(steps), dtype=np.int64)
    opens = np.concatenate([[True], owners[1:] != owners[:-1]]) if len(steps) else np.zeros(0, bool)
    closes = np.concatenate([owners[1:] != owners[:-1], [True]]) if len(steps) else np.zeros(0, bool)
    before = np.where(opens, MAX_LOGIT, np.roll(logit, 1))
    after = np.where(closes, MAX_LOGIT, np.roll(logit, -1))
    null_before = np.where(opens, 0.0, np.roll(nulls, 1))
    null_after = np.where(closes, 0.0, np.roll(nulls, -1))
    return {
        "posterior_logit": logit,
        "coverage": coverage,
        "neighbour_logit": np.minimum(before, after),
        "neighbour_null": np.maximum(null_before, null_after),
        "null": nulls,
        "many": (kinds.sum(axis=1) > 2).astype(np.float64),
        "log_chars": np.log1p(chars),
    }


def calibrate(features: dict[str, np.ndarray]) -> np.ndarray:
    """Confidence of every link; with a "chrf" feature, by the model fitted with it."""
    intercept, coefficients = (
        (INTERCEPT_WITH_CHRF, COEFFICIENTS_WITH_CHRF) if "chrf" in features else (INTERCEPT, COEFFICIENTS)
    )
    z = np.full(len(features["posterior_logit"]), intercept)
    for name, coefficient in coefficients.items():
        z = z + coefficient * features[name]
    confidence: np.ndarray = 1.0 / (1.0 + np.exp(-z))
    return confidence
