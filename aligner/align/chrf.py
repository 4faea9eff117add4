"""chrF between a word-by-word gloss of the source and the target (Popović 2015).

The source is glossed with the lexicon (each word replaced by its strongest translation, or
kept when it has none: names, numbers, cognates), both sides are reduced to word stems, and
the character n-gram F-score (orders 1-6, beta 2, precision and recall averaged over orders,
as sacreBLEU 2 computes it) is taken between them. Character n-grams forgive what word keys
do not: an inflection the stemmer missed, a cognate spelt a little differently, a compound.

N-grams are extracted with sacreBLEU, once per sentence; a link's n-grams are the sum of its
sentences', so scoring a multi-sentence link costs no new extraction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from ..profiles import Language
from .lexicon import Lexicon
from .tokens import stem, words

ORDER = 6
BETA = 2.0


def _stems(sentence: str, language: Language) -> list[str]:
    return [stem(word, language) for word in words(sentence)]


class GlossChrf:
    """chrF of links between two lists of sentences."""

    def __init__(self, lexicon: Lexicon, source: Sequence[str], target: Sequence[str]):
        # Imported here: sacreBLEU takes a tenth of a second to import, and chrF is optional.
        from sacrebleu.metrics.helpers import extract_all_char_ngrams

        self.source_ngrams = [
            extract_all_char_ngrams(" ".join(self._gloss(s, lexicon)), ORDER) for s in source
        ]
        target_lang = lexicon.target_language
        self.target_ngrams = [
            extract_all_char_ngrams(" ".join(_stems(t, target_lang)), ORDER) for t in target
        ]

    @staticmethod
    def _gloss(sentence: str, lexicon: Lexicon) -> list[str]:
        glossed = []
        for word in words(sentence):
            translations = lexicon.translations(stem(word, lexicon.source_language))
            glossed.append(
                max(translations, key=translations.__getitem__)
                if translations
                else stem(word, lexicon.target_language)
            )
        return glossed

    def score(self, source: Sequence[int], target: Sequence[int]) -> float:
        """chrF in [0, 1] of the link (0 for a null link)."""
        if not source or not target:
            return 0.0
        precision = recall = 0.0
        orders = 0
        for n in range(ORDER):
            hypothesis = _summed(self.source_ngrams[i][n] for i in source)
            reference = _summed(self.target_ngrams[j][n] for j in target)
            hypothesis_total, reference_total = sum(hypothesis.values()), sum(reference.values())
            if not hypothesis_total or not reference_total:
                continue
            matches = sum((hypothesis & reference).values())
            precision += matches / hypothesis_total
            recall += matches / reference_total
            orders += 1
        if not orders or not precision + recall:
            return 0.0
        precision, recall = precision / orders, recall / orders
        factor = BETA**2
        return (1 + factor) * precision * recall / (factor * precision + recall)


def _summed(counters: Iterable[Counter[str]]) -> Counter[str]:
    listed = list(counters)
    if len(listed) == 1:
        return listed[0]
    total: Counter[str] = Counter()
    for counter in listed:
        total.update(counter)
    return total
