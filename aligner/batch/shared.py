"""One sentence-alignment model for the whole batch (``--shared-model``).

``align_documents`` fits a fresh ``SentenceAligner`` on each document. With a shared model
the parent fits one aligner on the blocks of every pair (length ratio, subword model,
lexicon, token gains learnt from the whole corpus) and ships it, pickled, to the workers,
which align each pair's blocks with it instead of fitting their own.

The pipeline has no public way to align with a given aligner, so this module uses its block
and bitext builders (``pipeline._blocks_from_pairs``, ``_whole_text_block``, ``_bitext``);
``SubwordModel`` holds a per-instance cache that pickle refuses, so it is pickled as its
model bytes through this module's own dispatch table (the global ``copyreg`` table is left
alone).
"""

from __future__ import annotations

import copyreg
import io
import pickle
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from .. import pipeline
from ..align.sentences import AlignOptions, SentenceAligner
from ..align.subwords import SubwordModel
from ..model import Bitext, StructuralAlignment
from ..profiles import get_profile

Block = tuple[list[str], list[str]]


@dataclass(frozen=True, slots=True, eq=False)
class ShippedModel:
    """A fitted aligner as bytes, named by the digest of what it was fitted on. Equal digests
    mean equal models, which lets a worker unpickle it once for all its pairs."""

    digest: str
    payload: bytes

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ShippedModel) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)


def alignment_blocks(structure: StructuralAlignment) -> list[pipeline._Block]:
    """The blocks ``align_documents`` would align: one per structural pair, or the whole text
    when either side has no structure."""
    source, target = structure.source, structure.target
    profiles = get_profile(source.language), get_profile(target.language)
    if source.structured and target.structured:
        return pipeline._blocks_from_pairs(structure, *profiles)
    return [pipeline._whole_text_block(structure, *profiles)]


def block_texts(structure: StructuralAlignment) -> list[Block]:
    """The sentence texts of the blocks, as ``align_documents`` gives them to ``fit``."""
    return [
        ([sentence.text for sentence in block.source], [sentence.text for sentence in block.target])
        for block in alignment_blocks(structure)
    ]


def fit_shared(blocks: Sequence[Block], options: AlignOptions | None = None) -> SentenceAligner:
    """One French→English aligner fitted on the blocks of every pair of the batch."""
    return SentenceAligner("fr", "en", options).fit(blocks)


def align_with(structure: StructuralAlignment, aligner: SentenceAligner) -> Bitext:
    """Sentence links of a structural alignment, made by an aligner fitted beforehand."""
    return pipeline._bitext(alignment_blocks(structure), aligner, structure)


def ship(aligner: SentenceAligner, digest: str) -> ShippedModel:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, SubwordModel: reduce_subword_model}
    pickler.dump(aligner)
    return ShippedModel(digest, buffer.getvalue())


def reduce_subword_model(model: SubwordModel) -> tuple[type, tuple[bytes]]:
    return SubwordModel, (model.model_proto,)


@lru_cache(maxsize=1)
def unpacked(model: ShippedModel) -> SentenceAligner:
    """The aligner in a shipped model, unpickled once per worker process and model."""
    return pickle.loads(model.payload)
