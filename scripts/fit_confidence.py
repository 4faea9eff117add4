"""Fit the link confidence calibration of aligner/align/confidence.py, one model per link group.

    .venv/bin/python scripts/fit_confidence.py [--copies 2] [--chrf] [--no-damage]

Data, every link labelled right or wrong:

- the five transread books (../shared/corpora/transread), aligned from their sentences: a
  link with both sides is right when it is a gold bead, a gap link when its sentence is in a
  gold gap bead;
- damaged copies (``aligner.damage``, ``--copies`` per document, seeds apart from
  bench_damage's) of the real documents that scripts/bench_damage.py uses, aligned by the
  pipeline: a link holding a damaged sentence is wrong, a gap link of a sentence that lost
  its counterpart right, and an undamaged link right when the clean copy has it too (the
  clean alignment stands in for a gold; it has errors of its own).

The UN pair is in no fit: bench_damage.py and bench_align.py measure the models on it.

Each group (1-1, n-1, n-m, gap) gets an L2-regularised logistic regression (Newton's
method) on its features; every book and the damaged documents together weigh the same. To
see whether it generalises, the models are first fitted leaving one book (or one damaged
document) out and judged on it: per link type, the share of links at 0.9 or more that are
right must stay at least 0.97. Then they are fitted on everything and printed, ready to
paste into confidence.py.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_damage import documents, usable
from transread import load_books

from aligner.align import AlignOptions, SentenceAligner, confidence
from aligner.damage import plant_damages
from aligner.errors import AlignerError
from aligner.pipeline import align_documents, load_document, pair_documents
from aligner.sentence_blocks import block_texts, sentence_blocks

REGULARISATION = 1.0
THRESHOLD = 0.9
# Damage seeds of the fit, apart from those of bench_damage.py.
SEED_BASE = 1_000_003


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


@dataclass
class Links:
    """The links of one book or damaged document: features by name, types, labels."""

    name: str
    features: dict[str, np.ndarray]
    kinds: list[tuple[int, int]]
    labels: np.ndarray
    weight: float = 1.0
    damaged: np.ndarray | None = None  # links holding a planted damage (damaged documents)

    def group_mask(self, group: str) -> np.ndarray:
        return np.array([confidence.group_of(kind) == group for kind in self.kinds], dtype=bool)


def _stack(parts: list[tuple[list, dict[str, np.ndarray], list[bool]]], name: str, damaged=None) -> Links:
    kinds = [kind for part_kinds, _, _ in parts for kind in part_kinds]
    names = {feature for _, features, _ in parts for feature in features}
    features = {feature: np.concatenate([f[feature] for _, f, _ in parts if len(f)]) for feature in names}
    labels = np.array([label for _, _, part_labels in parts for label in part_labels], dtype=np.float64)
    return Links(name, features, kinds, labels, damaged=None if damaged is None else np.array(damaged, bool))


def book_links(options: AlignOptions) -> list[Links]:
    data = []
    for book in load_books():
        aligner = SentenceAligner("fr", "en", options).fit([(book.french, book.english)])
        beads, features = aligner.explain(book.french, book.english)
        gold = set(book.gold)
        gap_sources = {i for source, target in book.gold if not target for i in source}
        gap_targets = {j for source, target in book.gold if not source for j in target}
        labels = [
            (bead.source, bead.target) in gold
            if bead.source and bead.target
            else all(i in gap_sources for i in bead.source) and all(j in gap_targets for j in bead.target)
            for bead in beads
        ]
        data.append(_stack([([(len(b.source), len(b.target)) for b in beads], features, labels)], book.name))
    return data


def damaged_links(name: str, french: Path, english: Path, copies: int, options: AlignOptions) -> Links | None:
    """The links of ``copies`` damaged copies of one document, or None if it is not used
    (it does not align, or its clean alignment is already doubtful, as in bench_damage)."""
    try:
        clean = align_documents(load_document(french), load_document(english), options)
    except AlignerError:
        return None
    if not usable(clean):
        return None
    clean_links = {
        (link.source_text, link.target_text) for link in clean.links if link.source and link.target
    }
    clean_gaps = {
        link.source_text or link.target_text for link in clean.links if not (link.source and link.target)
    }
    parts = []
    holding = []
    for copy in range(copies):
        # Planted wherever the clean alignment has no empty side, whatever the model in use
        # says of it: the fit must not depend on the model it replaces.
        damaged = plant_damages(clean, seed=SEED_BASE + 7919 * copy + sum(map(ord, name)), min_confidence=0.0)
        lost_sources, bad_targets = damaged.untranslated_sentences()
        touched_sources = {(ref.unit, ref.index): d.kind for d in damaged.damages for ref in d.source}
        touched_targets = {(ref.unit, ref.index): d.kind for d in damaged.damages for ref in d.target}
        blocks = sentence_blocks(pair_documents(damaged.source, damaged.target))
        aligner = SentenceAligner(damaged.source.language, damaged.target.language, options)
        texts = block_texts(blocks)
        aligner.fit(texts)
        for block, (beads, features) in zip(blocks, aligner.explain_blocks(texts), strict=True):
            if not features:
                continue
            labels = []
            for bead in beads:
                sources = [block.source[i] for i in bead.source]
                targets = [block.target[j] for j in bead.target]
                keys = {(s.unit, s.index) for s in sources}, {(t.unit, t.index) for t in targets}
                kinds = {touched_sources[k] for k in keys[0] if k in touched_sources} | {
                    touched_targets[k] for k in keys[1] if k in touched_targets
                }
                touched = bool(kinds)
                holding.append(touched)
                if sources and targets:
                    text = " ".join(s.text for s in sources), " ".join(t.text for t in targets)
                    labels.append(not touched and text in clean_links)
                else:
                    gap = (keys[0] <= lost_sources and keys[1] <= bad_targets) and bool(keys[0] | keys[1])
                    untouched = not touched
                    text = " ".join(s.text for s in sources + targets)
                    labels.append(gap or (untouched and text in clean_gaps))
            parts.append(([(len(b.source), len(b.target)) for b in beads], features, labels))
    return _stack(parts, name, holding) if parts else None


def fit_group(data: list[Links], group: str, features: list[str]) -> np.ndarray | None:
    xs, ys, ws = [], [], []
    for links in data:
        mask = links.group_mask(group)
        if not mask.any():
            continue
        xs.append(np.column_stack([links.features[name][mask] for name in features]))
        ys.append(links.labels[mask])
        ws.append(np.full(int(mask.sum()), links.weight))
    if not xs or len(np.unique(np.concatenate(ys))) < 2:
        return None
    weights = np.concatenate(ws)
    # Weights of mean 1, so that the regularisation weighs as one link does.
    return fit_logistic(np.vstack(xs), np.concatenate(ys), weights / weights.mean())


def fit_models(data: list[Links], models: dict) -> dict[str, np.ndarray | None]:
    return {group: fit_group(data, group, list(coefficients)) for group, (_, coefficients) in models.items()}


def apply_models(fitted: dict[str, np.ndarray | None], models: dict, links: Links) -> np.ndarray:
    probability = np.full(len(links.labels), 0.5)
    for group, weights in fitted.items():
        mask = links.group_mask(group)
        if weights is None or not mask.any():
            continue
        x = np.column_stack([links.features[name][mask] for name in models[group][1]])
        probability[mask] = predict(weights, x)
    return probability


def balance(data: list[Links], books: int) -> None:
    """Every book weighs the same; the damaged documents together weigh as much as one book
    times the number of books (so transread and the documents count alike)."""
    mean_size = np.mean([len(links.labels) for links in data[:books]])
    for links in data[:books]:
        links.weight = mean_size / len(links.labels)
    documents_total = sum(len(links.labels) for links in data[books:])
    for links in data[books:]:
        links.weight = books * mean_size / documents_total if documents_total else 1.0


def kind_name(kind: tuple[int, int]) -> str:
    a, b = kind
    if not (a and b):
        return "1-0" if a else "0-1"
    return f"{a}-{b}"


def report(title: str, rows: list[tuple[Links, np.ndarray]]) -> None:
    """Per link type: links, links at THRESHOLD or more and the share of them right; then all."""
    by_kind: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for links, probability in rows:
        for kind, p, label in zip(links.kinds, probability, links.labels, strict=True):
            by_kind[kind_name(kind)].append((p, label))
            by_kind["all"].append((p, label))
    print(f"  {title}")
    for kind in sorted(by_kind, key=lambda k: (k == "all", -len(by_kind[k]))):
        values = np.array(by_kind[kind])
        above = values[:, 0] >= THRESHOLD
        right = values[above, 1].mean() if above.any() else float("nan")
        flag = "" if len(values) < 30 or not above.any() or right >= 0.97 else "  <- below 0.97"
        print(
            f"    {kind:5s} links {len(values):6d}  right {values[:, 1].mean():.3f}  at >= {THRESHOLD}: "
            f"{above.sum():6d} ({above.mean():5.1%}), right {right:.3f}{flag}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--copies", type=int, default=2, help="damaged copies of each real document")
    parser.add_argument(
        "--chrf", action="store_true", help="align with use_chrf=True and fit the models with chrF"
    )
    parser.add_argument("--no-damage", action="store_true", help="fit on the transread books only")
    args = parser.parse_args()
    options = AlignOptions(use_chrf=args.chrf, merge_adjacent_nulls=False)
    models = confidence.MODELS_WITH_CHRF if args.chrf else confidence.MODELS
    data = book_links(options)
    books = len(data)
    if not args.no_damage:
        for group, name, french, english in documents():
            if group == "UN":
                continue
            links = damaged_links(name, french, english, args.copies, options)
            if links is not None:
                data.append(links)
    balance(data, books)
    print(
        f"{books} books and {len(data) - books} damaged documents, {sum(len(d.labels) for d in data)} links"
    )
    print("leave one out (fitted on the others, judged on the one left out):")
    held_out = []
    for index, links in enumerate(data):
        others = [d for k, d in enumerate(data) if k != index]
        balance(others, books - (index < books))
        held_out.append((links, apply_models(fit_models(others, models), models, links)))
    balance(data, books)
    report("transread books, each held out", held_out[:books])
    if len(data) > books:
        report("damaged documents, each held out", held_out[books:])
    fitted = fit_models(data, models)
    print("fitted on everything:")
    report("transread books (in sample)", [(d, apply_models(fitted, models, d)) for d in data[:books]])
    name = "MODELS_WITH_CHRF" if args.chrf else "MODELS"
    print(f"{name}: dict[str, Model] = {{")
    for group, weights in fitted.items():
        features = list(models[group][1])
        if weights is None:
            print(f"    # {group}: no data")
            continue
        body = ", ".join(f'"{feature}": {w:.4f}' for feature, w in zip(features, weights[1:], strict=True))
        print(f'    "{group}": ({weights[0]:.4f}, {{{body}}}),')
    print("}")


if __name__ == "__main__":
    main()
