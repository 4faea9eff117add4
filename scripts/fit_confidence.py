"""Fit the link confidence calibration of aligner/align/confidence.py on the transread books.

    /work/venv/bin/python scripts/fit_confidence.py [--chrf]

Aligns every book with the default options, labels each link right (it is a gold bead) or
wrong, and fits a logistic regression (L2-regularised, Newton's method) of that label on the
link features. To see whether it generalises to books it has not seen, it is first fitted
leaving each book out in turn and judged on the book left out: the share of links above 0.9
confidence that are right must stay at least 0.97. Then it is fitted on all books and the
coefficients are printed, ready to paste into confidence.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from transread import load_books

from aligner.align import (
    AlignOptions,
    SentenceAligner,
    confidence,
)

REGULARISATION = 1.0
THRESHOLD = 0.9


def fit_logistic(
    x: np.ndarray,
    y: np.ndarray,
    sample_weight: np.ndarray,
    regularisation: float = REGULARISATION,
    iterations: int = 50,
) -> np.ndarray:
    """Weights (intercept first) of an L2-regularised, sample-weighted logistic regression."""
    design = np.hstack([np.ones((len(x), 1)), x])
    weights = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], regularisation)
    penalty[0] = 0.0
    for _ in range(iterations):
        probability = 1.0 / (1.0 + np.exp(-design @ weights))
        gradient = design.T @ (sample_weight * (probability - y)) + penalty * weights
        curvature = design.T @ (
            design * (sample_weight * probability * (1 - probability))[:, None]
        ) + np.diag(penalty)
        step = np.linalg.solve(curvature, gradient)
        weights -= step
        if np.abs(step).max() < 1e-8:
            break
    return weights


def predict(weights: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(weights[0] + x @ weights[1:])))


def balanced_weights(books: list[np.ndarray]) -> np.ndarray:
    """Sample weights that give every book the same total weight (the mean book size), so
    that a long easy book does not drown a short hard one."""
    mean_size = np.mean([len(y) for y in books])
    return np.concatenate([np.full(len(y), mean_size / len(y)) for y in books])


def book_data(features: list[str], options: AlignOptions):
    """(name, feature matrix, right-or-wrong labels) for every book."""
    data = []
    for book in load_books():
        aligner = SentenceAligner("fr", "en", options).fit([(book.french, book.english)])
        beads, values = aligner.explain(book.french, book.english)
        gold = set(book.gold)
        labels = np.array([(bead.source, bead.target) in gold for bead in beads], dtype=np.float64)
        data.append((book.name, np.column_stack([values[name] for name in features]), labels))
    return data


def report(name: str, probability: np.ndarray, labels: np.ndarray) -> str:
    above = probability > THRESHOLD
    share = labels[above].mean() if above.any() else float("nan")
    return (
        f"{name:32s} links {len(labels):5d}  above {THRESHOLD}: {above.sum():5d} "
        f"({above.mean():5.1%}), right {share:6.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--chrf", action="store_true", help="align with use_chrf=True and fit the model that uses chrF"
    )
    parser.add_argument(
        "--features", default=None, help="comma-separated feature names (default: those of the model)"
    )
    args = parser.parse_args()
    default = confidence.COEFFICIENTS_WITH_CHRF if args.chrf else confidence.COEFFICIENTS
    features = args.features.split(",") if args.features else list(default)
    data = book_data(features, AlignOptions(use_chrf=args.chrf))
    print("leave one book out (fitted on the other books, judged on this one):")
    held_out_probability, held_out_labels = [], []
    for index, (name, x, y) in enumerate(data):
        train_x = np.vstack([d[1] for i, d in enumerate(data) if i != index])
        train_labels = [d[2] for i, d in enumerate(data) if i != index]
        train_y = np.concatenate(train_labels)
        probability = predict(fit_logistic(train_x, train_y, balanced_weights(train_labels)), x)
        held_out_probability.append(probability)
        held_out_labels.append(y)
        print("  " + report(name, probability, y))
    print(
        "  "
        + report(
            "all books, each held out", np.concatenate(held_out_probability), np.concatenate(held_out_labels)
        )
    )
    all_x = np.vstack([d[1] for d in data])
    all_y = np.concatenate([d[2] for d in data])
    weights = fit_logistic(all_x, all_y, balanced_weights([d[2] for d in data]))
    print("fitted on all books:")
    print("  " + report("all books (in sample)", predict(weights, all_x), all_y))
    suffix = "_WITH_CHRF" if args.chrf else ""
    print(f"INTERCEPT{suffix} = {weights[0]:.4f}")
    print(
        f"COEFFICIENTS{suffix} = {{"
        + ", ".join(f'"{name}": {w:.4f}' for name, w in zip(features, weights[1:], strict=True))
        + "}"
    )


if __name__ == "__main__":
    main()
