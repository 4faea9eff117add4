"""Confidence of each link: a calibrated probability that the link is right.

The raw signal is the link's posterior probability over all paths through the band
(forward-backward with every path weighted by exp(score / TEMPERATURE)): a link that the
evidence leaves no alternative to is near 1, one that competes with a nearly as good
alternative is near 0.5 or below. A logistic model on the posterior's log-odds and a few
link features turns it into a probability that means what it says.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .search import BEAD_TYPES, Band, Step, log_posteriors

TEMPERATURE = 1.0
# Logistic calibration: confidence = sigmoid(INTERCEPT + sum(COEFFICIENTS[f] * feature f)).
INTERCEPT = 0.0
COEFFICIENTS = {"posterior_logit": 1.0}
MAX_LOGIT = 12.0


def _logit(log_probability: np.ndarray) -> np.ndarray:
    probability = np.exp(log_probability)
    return np.clip(log_probability - np.log1p(-np.minimum(probability, 1 - 1e-12)), -MAX_LOGIT, MAX_LOGIT)


def link_features(steps: Sequence[Step], scores: np.ndarray, band: Band) -> dict[str, np.ndarray]:
    """Features of every link of a path, by name."""
    log_post = log_posteriors(scores / TEMPERATURE, band, steps)
    return {"posterior_logit": _logit(log_post)}


def calibrate(features: dict[str, np.ndarray]) -> np.ndarray:
    z = np.full(len(next(iter(features.values()))), INTERCEPT)
    for name, coefficient in COEFFICIENTS.items():
        z = z + coefficient * features[name]
    return 1.0 / (1.0 + np.exp(-z))


def annotate(steps: Sequence[Step], scores: np.ndarray, band: Band, totals: np.ndarray):
    """(source indices, target indices, confidence) of every step."""
    if not steps:
        return []
    confidence = calibrate(link_features(steps, scores, band))
    return [(step.source, step.target, float(c)) for step, c in zip(steps, confidence)]
