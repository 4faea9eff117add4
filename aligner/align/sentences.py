"""Sentence alignment: ``SentenceAligner`` learns from the document, then aligns blocks.

``SentenceAligner(source_language, target_language, options).fit(blocks).align(source, target)``
is the public face of three parts:

- ``side_model``: per side, how the words of its language are read (class, keys, flags,
  word frequencies, token table);
- ``fitted``: the options and the frozen fitted model (lexicons, length model, word
  frequencies, calibration): plain data, what a batch ships to its workers;
- ``block_search``: the search, which takes a fitted model and blocks and gives links with
  calibrated confidences; ``learning`` fits a model with it (align, learn, realign).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from ..profiles import DEFAULT_PAIR, Language, get_profile
from .block_search import Bead, BlockSearch
from .fitted import AlignOptions, FittedModel
from .learning import fit_model
from .lexicon import Lexicon
from .side_model import WordFrequency
from .subwords import SubwordModel

__all__ = [
    "AlignOptions",
    "Bead",
    "FittedModel",
    "SentenceAligner",
    "WordFrequency",
    "align_presegmented",
    "format_ladder",
]


class SentenceAligner:
    """Aligns the sentences of French and English blocks (``fit`` first on the whole
    document, then ``align`` block by block; ``align`` alone works too, with less evidence).
    What it has learnt is ``model`` (``induced`` and ``subwords`` are its lexicon and subword
    model); ``from_model`` makes an aligner of a model fitted elsewhere (a batch's shared
    model)."""

    def __init__(
        self,
        source_language: Language | str = DEFAULT_PAIR[0],
        target_language: Language | str = DEFAULT_PAIR[1],
        options: AlignOptions | None = None,
    ):
        # The languages as a document carries them; a library caller may give codes, which
        # are resolved here, once (a batch's workers receive the objects inside the model).
        self.source_language = get_profile(source_language)
        self.target_language = get_profile(target_language)
        self.options = options or AlignOptions()
        self._search = BlockSearch(
            FittedModel.unfitted(self.source_language, self.target_language, self.options)
        )

    @classmethod
    def from_model(cls, model: FittedModel) -> SentenceAligner:
        """An aligner that aligns with ``model`` (fitted already)."""
        aligner = cls.__new__(cls)
        aligner.source_language, aligner.target_language, aligner.options = (
            model.source_language,
            model.target_language,
            model.options,
        )
        aligner._search = BlockSearch(model)
        return aligner

    @property
    def model(self) -> FittedModel:
        """What the aligner has learnt (its priors before ``fit``)."""
        return self._search.model

    @property
    def induced(self) -> Lexicon:
        """The lexicon learnt from the document."""
        return self.model.induced

    @property
    def subwords(self) -> SubwordModel | None:
        """The joint subword model learnt from the document (with ``use_subwords``)."""
        return self.model.subwords

    def fit(self, blocks: Sequence[tuple[Sequence[str], Sequence[str]]]) -> SentenceAligner:
        """Learn from all paired blocks of a document (see ``learning.fit_model``)."""
        self._search = fit_model(self._search, blocks)
        return self

    def align(self, source: Sequence[str], target: Sequence[str]) -> list[Bead]:
        """Links between the sentences of one block, in order, every sentence in one link."""
        return self._search.align_blocks([(source, target)])[0]

    def align_blocks(
        self,
        blocks: Sequence[tuple[Sequence[str], Sequence[str]]],
        certainties: Sequence[float] | None = None,
    ) -> list[list[Bead]]:
        """The links of every block (see ``BlockSearch.align_blocks``)."""
        return self._search.align_blocks(blocks, certainties)

    def explain(
        self, source: Sequence[str], target: Sequence[str]
    ) -> tuple[list[Bead], dict[str, np.ndarray]]:
        """The links of ``align`` (before any merging of null links) and the features their
        confidences were computed from (one array per feature, one value per link)."""
        return self._search.explain(source, target)

    def explain_blocks(
        self, blocks: Sequence[tuple[Sequence[str], Sequence[str]]]
    ) -> list[tuple[list[Bead], dict[str, np.ndarray]]]:
        """``explain`` for the blocks of ``align_blocks``."""
        return self._search.explain_blocks(blocks)


def align_presegmented(
    source_lines: Sequence[str],
    target_lines: Sequence[str],
    source_language: Language | str = DEFAULT_PAIR[0],
    target_language: Language | str = DEFAULT_PAIR[1],
    options: AlignOptions | None = None,
) -> list[Bead]:
    """Align two texts given one sentence a line, learning from the texts themselves."""
    source = [line.rstrip("\n") for line in source_lines]
    target = [line.rstrip("\n") for line in target_lines]
    aligner = SentenceAligner(source_language, target_language, options).fit([(source, target)])
    return aligner.align(source, target)


def format_ladder(beads: Sequence[Bead]) -> Iterator[str]:
    """``[source indices]:[target indices]:confidence`` lines, one per link."""
    for bead in beads:
        source = ",".join(map(str, bead.source))
        target = ",".join(map(str, bead.target))
        yield f"[{source}]:[{target}]:{bead.confidence:.4f}"
