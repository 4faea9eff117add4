"""Anchors: tokens whose match across languages is evidence in itself.

A number, a document symbol, a footnote call, a name or any word spelt the same in both
languages ("Emma", "distinct", "A/74/400") matches itself; a month matches its translation
through the language profiles; a cognate ("intelligente"/"intelligent",
"gouvernement"/"government") matches through its first letters. Each anchor is a *key*
with a weight in [0, 1]; two tokens match as strongly as the best key they share (see
``evidence``).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..cognates import cognate_key
from ..profiles import LanguageProfile
from .tokens import deaccent

EXACT = "="
COGNATE = "~"
MONTH = "m:"

# How strongly two words match by their cognate key (see ``aligner.cognates``).
COGNATE_WEIGHT = 0.6


class AnchorKeys:
    """The anchor keys of the words of one language."""

    def __init__(self, profile: LanguageProfile, other: LanguageProfile, use_cognates: bool = True):
        self.profile = profile
        self.use_cognates = use_cognates
        # A word that is a function word in either language ("a", "on", "pour", "son") must
        # not match itself across languages.
        self.common_words = frozenset(deaccent(word.lower()) for word in profile.stopwords | other.stopwords)
        self.months = {deaccent(name): number for name, number in profile.months.items()}

    def keys(self, word: str) -> Iterator[tuple[str, float]]:
        """The anchor keys a token emits, with their weights: a symbol in its neutral form, a number
        or footnote as it is, a month as its number, and (with cognates) the folded word itself
        unless it is a function word of either language."""
        if word[0] == "@":  # a document symbol, in its neutral form ("DORS/2019-12" is "SOR/2019-12")
            yield EXACT + "@" + self.profile.neutral_symbol(word[1:]), 1.0
            return
        if word[0] in "#^":
            yield EXACT + word, 1.0
            return
        folded = deaccent(word.lower())
        month = self.months.get(folded)
        if month is not None:
            yield f"{MONTH}{month}", 1.0
        if folded in self.common_words:
            return
        yield EXACT + folded, 1.0
        cognate = cognate_key(folded) if self.use_cognates else None
        if cognate is not None:
            yield COGNATE + cognate, COGNATE_WEIGHT
