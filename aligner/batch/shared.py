"""One sentence-alignment model for the whole batch (``--shared-model``).

``align_documents`` fits a fresh ``SentenceAligner`` on each document. With a shared model
the parent fits one aligner on the blocks of every pair (length ratio, subword model,
lexicon, word frequencies learnt from the whole corpus) and ships its fitted model
(``FittedModel``: plain data, no token tables or other caches), pickled, to the workers,
which align each pair's blocks with it instead of fitting their own; a worker unpickles
it once and keeps one aligner of it (whose token tables grow from pair to pair).

Workers align with ``pipeline.align_documents(..., aligner=...)``.
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .. import pipeline, sentence_blocks
from ..align.sentences import AlignOptions, FittedModel, SentenceAligner
from ..model import Bitext, StructuralAlignment
from ..profiles import DEFAULT_PAIR, Language

Block = tuple[list[str], list[str]]


@dataclass(frozen=True, slots=True, eq=False)
class ShippedModel:
    """A fitted model as bytes, named by the digest of what it was fitted on. Equal digests
    mean equal models, which lets a worker unpickle it once for all its pairs."""

    digest: str
    payload: bytes

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ShippedModel) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)


def block_texts(structure: StructuralAlignment) -> list[Block]:
    """The sentence texts of the blocks, as ``align_documents`` gives them to ``fit``."""
    return sentence_blocks.block_texts(sentence_blocks.sentence_blocks(structure))


def fit_shared(
    blocks: Sequence[Block],
    languages: tuple[Language, Language] = DEFAULT_PAIR,
    options: AlignOptions | None = None,
) -> SentenceAligner:
    """One aligner between the batch's ``languages`` (source, target) fitted on the blocks of
    every pair of the batch."""
    return SentenceAligner(*languages, options).fit(blocks)


def align_with(structure: StructuralAlignment, aligner: SentenceAligner) -> Bitext:
    """Sentence links of a structural alignment, made by an aligner fitted beforehand."""
    return pipeline.align_documents(structure.source, structure.target, structure=structure, aligner=aligner)


def ship(aligner: SentenceAligner, digest: str) -> ShippedModel:
    """The fitted model of ``aligner``, pickled, named by ``digest``."""
    buffer = io.BytesIO()
    pickle.dump(aligner.model, buffer, protocol=pickle.HIGHEST_PROTOCOL)
    return ShippedModel(digest, buffer.getvalue())


@lru_cache(maxsize=1)
def unpacked(model: ShippedModel) -> SentenceAligner:
    """An aligner of a shipped model, unpickled once per worker process and model."""
    fitted: FittedModel = pickle.loads(model.payload)
    return SentenceAligner.from_model(fitted)
