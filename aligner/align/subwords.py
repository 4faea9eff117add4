"""Shared subwords: a joint French-English sentencepiece model trained on the text itself.

Trained on both sides at once, the model cuts related words of the two languages into the
same pieces ("▁aff|ection|ate", "▁aff|ect|u|eux"), so a long enough shared piece is weak
evidence that two words are related even when neither the lexicon nor the cognate prefix
says so. Training on a document takes a few hundredths of a second (BPE, small vocabulary).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from functools import lru_cache

from .tokens import deaccent

PIECE = "p:"
# Pieces shorter than this say nothing ("e", "ent", "▁l"); a piece counts in proportion to
# the share of the word it covers, scaled by SUBWORD_WEIGHT.
MIN_PIECE_LETTERS = 4
SUBWORD_WEIGHT = 0.6
# Below this much text a model learns nothing useful.
MIN_TRAINING_CHARS = 2_000


class SubwordModel:
    """Encodes words into pieces and pieces into keys."""

    def __init__(self, model_proto: bytes):
        self.model_proto = model_proto
        import sentencepiece  # only when subwords are used (an option, off by default)

        self._processor = sentencepiece.SentencePieceProcessor(model_proto=model_proto)
        self._pieces = lru_cache(maxsize=100_000)(self._encode)

    def __reduce__(self) -> tuple[type, tuple[bytes]]:
        """Pickled as its model bytes (the processor and the cache are rebuilt from them)."""
        return SubwordModel, (self.model_proto,)

    def _encode(self, word: str) -> tuple[str, ...]:
        return tuple(self._processor.encode(word, out_type=str))

    def keys(self, word: str) -> Iterator[tuple[str, float]]:
        """The subword keys a word emits: its sentencepiece pieces of three letters or more, each
        weighted by its share of the word's letters (none for a short word, a number, a symbol or
        a footnote)."""
        folded = deaccent(word.lower())
        if len(folded) < MIN_PIECE_LETTERS or folded[0] in "#@^":
            return
        for piece in self._pieces(folded):
            letters = piece.lstrip("\u2581")
            if len(letters) >= MIN_PIECE_LETTERS:
                yield PIECE + piece, SUBWORD_WEIGHT * len(letters) / len(folded)

    @classmethod
    def train(cls, sentences: Iterable[str], vocab_size: int = 4000) -> SubwordModel | None:
        """A model trained on the given sentences (both languages), or None if too little text."""
        lines = [deaccent(sentence.lower()) for sentence in sentences if sentence.strip()]
        if sum(map(len, lines)) < MIN_TRAINING_CHARS:
            return None
        import sentencepiece

        buffer = io.BytesIO()
        try:
            sentencepiece.SentencePieceTrainer.train(
                sentence_iterator=iter(lines),
                model_writer=buffer,
                vocab_size=vocab_size,
                model_type="bpe",
                character_coverage=1.0,
                hard_vocab_limit=False,
                minloglevel=2,
                num_threads=1,
            )
        except RuntimeError:
            return None
        return cls(buffer.getvalue())

    @classmethod
    def load(cls, path: str) -> SubwordModel:
        """A model from a sentencepiece model file."""
        with open(path, "rb") as stream:
            return cls(stream.read())
