"""Confidence of each link: a calibrated probability that the link is right.

For a link with both sides, "right" means it is the link a careful bilingual reader would
make; for a gap link (1-0, 0-1), that its sentences really have no counterpart.

Two kinds of evidence go in. The search's: the link's posterior probability over all paths
through the band (forward-backward, every path weighted by exp(score / TEMPERATURE)) and
its neighbours'; a link the evidence leaves no alternative to is near 1, one with a nearly
as good rival near 0.5 or below. And the link's own (``link_evidence``): how much of each
side the other accounts for, against the document's usual coverage; its weakest sentence;
numbers and symbols that do not match; words of the other language; the length ratio; for
a gap, whether the sentences around it account for it. A logistic model per group of link
types (``GROUPS``) turns them into a probability; each group has its own because the same
posterior means different things for a 1-1 link and for a gap.

A link inside a wrongly paired unit is wrong, so a link of a structural pair is right only
if the pair is: its confidence is multiplied by the pair's certainty (``pair_certainty``),
which starts from what the structure knew (``UnitPair.score``: a pair made by position or
by a weak content score is doubtful) and is then borne out, or not, by what the sentences
of the pair share once the document's lexicon is known (``link_evidence.link_content``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .link_evidence import CoverageRates
from .search import BEAD_TYPES, Band, Step, log_posteriors, path_log_posteriors

TEMPERATURE = 1.0
MAX_LOGIT = 12.0
LOW_COVERAGE = 0.5


def group_of(kind: tuple[int, int]) -> str:
    """The calibration group of a link type: "1-1", "n-1" (one sentence on a side), "n-m"
    (two or more on both) or "gap"."""
    a, b = kind
    if not (a and b):
        return "gap"
    if a == b == 1:
        return "1-1"
    return "n-1" if min(a, b) == 1 else "n-m"


GROUPS = ("1-1", "n-1", "n-m", "gap")

# Logistic calibration per group: confidence = sigmoid(intercept + sum(coefficient * feature)).
# Fitted by scripts/fit_confidence.py (its header says on what, and how it was judged).
Model = tuple[float, Mapping[str, float]]
MODELS: dict[str, Model] = {
    "1-1": (
        3.0452,
        {
            "posterior_logit": 0.1370,
            "neighbour_logit": 1.0029,
            "neighbour_null": -1.6952,
            "coverage_ratio": 0.6357,
            "unmatched_pairs": -4.2217,
            "unmatched_single": -0.3849,
            "uncovered_run": 0.0005,
            "foreign": -6.6441,
            "length_cost": -0.0782,
            "log_weight": -0.1916,
            "whole_block": -10.1866,
            "low_coverage": -2.8053,
            "whole_block_low_coverage": 0.4607,
            "whole_block_length": -0.0767,
        },
    ),
    "n-1": (
        2.3108,
        {
            "posterior_logit": 0.9733,
            "neighbour_logit": 0.1515,
            "neighbour_null": -1.9057,
            "coverage_ratio": -0.9546,
            "unmatched_pairs": -0.0324,
            "unmatched_single": -0.8304,
            "uncovered_run": -0.3821,
            "foreign": -0.3806,
            "length_cost": -0.1891,
            "log_weight": -0.1140,
            "whole_block": -0.7527,
            "low_coverage": 1.0798,
            "whole_block_low_coverage": -0.0268,
            "whole_block_length": -0.0500,
            "weakest_ratio": 1.5138,
            "sentences": -0.1569,
        },
    ),
    "n-m": (
        -2.0726,
        {
            "posterior_logit": 0.8067,
            "neighbour_logit": 0.4263,
            "neighbour_null": -1.3477,
            "coverage_ratio": 0.2308,
            "unmatched_pairs": -0.0000,
            "unmatched_single": -0.3596,
            "uncovered_run": 1.1025,
            "foreign": -0.0671,
            "length_cost": -0.3675,
            "log_weight": -1.4305,
            "whole_block": -0.2298,
            "low_coverage": -0.3231,
            "whole_block_low_coverage": -0.0175,
            "whole_block_length": 0.1159,
            "weakest_ratio": 0.9929,
            "sentences": 0.8151,
        },
    ),
    "gap": (
        1.0117,
        {
            "posterior_logit": 1.5544,
            "neighbour_logit": -1.2275,
            "gap_neighbour_ratio": -0.3910,
            "log_weight": -0.1955,
            "sentences": 0.0000,
        },
    ),
}

# The same with AlignOptions(use_chrf=True) (scripts/fit_confidence.py --chrf): every group
# also weighs the chrF of the link's glossed source against its target.
MODELS_WITH_CHRF: dict[str, Model] = {
    group: (intercept, {**coefficients, "chrf": 0.0}) for group, (intercept, coefficients) in MODELS.items()
}


def _logit(log_probability: np.ndarray) -> np.ndarray:
    probability = np.exp(log_probability)
    logit: np.ndarray = np.clip(
        log_probability - np.log1p(-np.minimum(probability, 1 - 1e-12)), -MAX_LOGIT, MAX_LOGIT
    )
    return logit


def posterior_logits(
    steps: Sequence[Step], scores: np.ndarray, band: Band, bead_posteriors: np.ndarray | None = None
) -> np.ndarray:
    """Log-odds of every link of a path by its posterior over all paths through the band
    (read from ``bead_posteriors``, every bead's, when the search made them at this
    temperature: ``search.expected_accuracy_path``)."""
    if bead_posteriors is not None and TEMPERATURE == 1.0:
        return _logit(path_log_posteriors(bead_posteriors, band, steps))
    return _logit(log_posteriors(scores / TEMPERATURE, band, steps))


def search_features(
    steps: Sequence[Step],
    scores: np.ndarray,
    band: Band,
    owners: np.ndarray | None = None,
    bead_posteriors: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """What the search says of every link of a path, by name. ``owners`` gives the block of
    each link when the path runs through several blocks (see ``blocks``): a link at a
    block's edge has no neighbour there, as at the path's ends. ``bead_posteriors``: see
    ``posterior_logits``."""
    logit = posterior_logits(steps, scores, band, bead_posteriors)
    kinds = np.array([BEAD_TYPES[step.kind] for step in steps], dtype=np.int64).reshape(-1, 2)
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
        "neighbour_logit": np.minimum(before, after),
        "neighbour_null": np.maximum(null_before, null_after),
        "sentences": kinds.sum(axis=1).astype(np.float64),
    }


def whole_block_features(features: Mapping[str, np.ndarray], owners: np.ndarray) -> dict[str, np.ndarray]:
    """A link that is its block's only link (a structural pair of one sentence a side, say)
    had no rival in the search: its posterior says nothing, and its own words say all. So
    such links get their content evidence again, as features of their own."""
    names = ("whole_block", "low_coverage", "whole_block_low_coverage", "whole_block_length")
    if not len(owners):
        return {name: np.zeros(0) for name in names}
    counts = np.bincount(owners)
    whole = (counts[owners] == 1).astype(np.float64)
    # How far the coverage falls below half the document's: a link can be right with less
    # coverage than usual, hardly with almost none.
    low = np.maximum(LOW_COVERAGE - features["coverage_ratio"], 0.0)
    return dict(zip(names, (whole, low, whole * low, whole * features["length_cost"]), strict=True))


# The pair certainty's log-likelihood ratio counts every unit of token weight as one
# independent observation, covered (at the document's rate for translations) or not (at its
# rate for unrelated sentences); the words of a sentence are not independent, so the pair
# takes this share of it.
EVIDENCE_SHARE = 0.5
# A structural certainty of 1 (a pair by key) still yields to overwhelming evidence.
MAX_PRIOR = 0.999


def pair_certainty(
    prior: np.ndarray, weight: np.ndarray, gained: np.ndarray, rates: CoverageRates
) -> np.ndarray:
    """The certainty of structural pairs, from the structure's (``prior``) and the token
    weight of the sentences of their links and what those gain from their links' other side
    (``link_evidence.link_content``): a pair whose sentences cover each other as the
    document's translations do is right, whatever its position said; one whose sentences
    cover no more than unrelated ones do is wrong, whatever its key said."""
    right = float(np.clip(rates.right, 2 * rates.chance, 0.99))
    chance = float(np.clip(rates.chance, 0.01, right / 2))
    log_ratio = gained * np.log(right / chance) + (weight - gained) * np.log((1 - right) / (1 - chance))
    prior = np.clip(prior, 1 - MAX_PRIOR, MAX_PRIOR)
    z = np.log(prior / (1 - prior)) + EVIDENCE_SHARE * log_ratio
    certainty: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0)))
    return certainty


# Evidence that a link is wrong, or holds an error, whatever else it shows: a weight in the
# models could be outweighed by a high posterior and full coverage, which are exactly what a
# passage left untranslated has (``link_evidence.copied_links``); and a number of each side
# that the other lacks is a changed number or a wrong pair, which a reviewer must see even in
# a link that is otherwise sure. Such links get at most these confidences (under any review
# threshold a reviewer would use).
COPIED_CAP = 0.5
NUMBER_CAP = 0.8
# A link one side of which closes a sentence or a clause while the other stops with no
# punctuation at all, and whose closing side ends in a run of words the other side does not
# cover (at least CUT_WEIGHT of token weight, CUT_SHARE of its words), is a translation cut
# off before its end; one side of which ends in a passage of its own that the other side
# hardly covers (``link_evidence.glued_passages``) is a sentence glued to a neighbour's
# translation.
CUT_CAP = 0.8
CUT_WEIGHT = 3.0
CUT_SHARE = 0.25


def cut_off(features: Mapping[str, np.ndarray]) -> np.ndarray:
    """Per link, whether one side stops short of the other's end (see CUT_CAP)."""
    cut = np.zeros(len(features["source_tail"]), dtype=bool)
    for side in ("source", "target"):
        tail = features[f"{side}_tail"]
        ends_alone = features[f"{side}_ends_alone"] > 0
        cut |= ends_alone & (tail >= CUT_WEIGHT) & (features[f"{side}_tail_share"] >= CUT_SHARE)
    if "glued" in features:
        cut |= features["glued"] > 0
    return cut


def capped(confidences: np.ndarray, features: Mapping[str, np.ndarray]) -> np.ndarray:
    """Confidences held under the caps their links' evidence calls for."""
    cap = np.ones(len(confidences))
    if "copied" in features:
        cap = np.where(features["copied"] > 0, np.minimum(cap, COPIED_CAP), cap)
    if "unmatched_number_pairs" in features:
        cap = np.where(features["unmatched_number_pairs"] > 0, np.minimum(cap, NUMBER_CAP), cap)
    if "source_ends_alone" in features and "source_tail" in features:
        cap = np.where(cut_off(features), np.minimum(cap, CUT_CAP), cap)
    result: np.ndarray = np.minimum(confidences, cap)
    return result


def calibrate(features: Mapping[str, np.ndarray], kinds: Sequence[tuple[int, int]]) -> np.ndarray:
    """Confidence of every link from its features and type, under the caps its evidence
    calls for (``capped``); with a "chrf" feature, by the models fitted with it."""
    models = MODELS_WITH_CHRF if "chrf" in features else MODELS
    groups = np.array([group_of(kind) for kind in kinds])
    z = np.zeros(len(groups))
    for group, (intercept, coefficients) in models.items():
        chosen = groups == group
        if not chosen.any():
            continue
        value = np.full(int(chosen.sum()), intercept)
        for name, coefficient in coefficients.items():
            value = value + coefficient * features[name][chosen]
        z[chosen] = value
    return capped(1.0 / (1.0 + np.exp(-z)), features)
