"""Termhood of single words: how much more a word is used in the document than in general
use of the language, and the weight that gives its term pair in the ranking.

A multi-word term is marked as a term by its form; a single word is not ("measures" and
"corruption" look alike), so it is weighed against general language: its rate in the
document (segment frequency over the words of that side) against its general frequency
(the profile's ``general_zipf``). "cybercrime", many thousand times more frequent here than
in general use, weighs fully; "children", a few times more frequent, weighs little.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..profiles import LanguageProfile

# A word never seen in general use counts as this rare (Zipf 1: once in 100 million words).
_RAREST = 1.0


@dataclass(frozen=True, slots=True)
class TermhoodOptions:
    """How much a single-word pair weighs by how specific its words are to the document (log10 of
    the document's rate over general use): nothing below ``floor``, fully from ``full``, never
    less than ``min_weight``."""

    # Specificity (log10 of document rate over general rate) at which a single word starts to
    # count, and the specificity that makes it weigh fully.
    floor: float = 0.8
    full: float = 2.5
    # The least weight a single-word pair keeps, however common its words are.
    min_weight: float = 0.1


def specificity(word: str, frequency: int, words_in_document: int, profile: LanguageProfile) -> float:
    """log10 of the word's rate in the document over its general rate."""
    document_zipf = math.log10(max(frequency, 1) / max(words_in_document, 1) * 1e9)
    return document_zipf - max(profile.general_zipf(word.lower()), _RAREST)


def single_word_weight(specificities: list[float], options: TermhoodOptions = TermhoodOptions()) -> float:
    """The ranking weight of a pair whose single-word sides have these specificities (1.0
    for a pair with none)."""
    if not specificities:
        return 1.0
    mean = sum(specificities) / len(specificities)
    share = (mean - options.floor) / (options.full - options.floor)
    return min(1.0, max(options.min_weight, options.min_weight + (1 - options.min_weight) * share))
