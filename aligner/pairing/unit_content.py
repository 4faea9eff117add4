"""How alike the texts of two structural units are, from evidence that crosses languages.

``UnitContent`` holds both documents and computes, once per unit and only when first asked,
what their texts offer: document symbols, numbers, dates, footnote references, capitalised
names and cognate stems (``similarity``, used to pair units in reading order), and for
units that each language orders its own way (``list_similarity``: definitions, lists sorted
alphabetically) also the terms a definition names, the words both texts share, their
spelling (short names: "Danemark"/"Denmark") and translations from a lexicon: one induced
from the units the two documents number alike, merged with a bilingual dictionary if given.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from ..align.lexicon import Lexicon, induce
from ..align.tokens import stem, words
from ..anchors import Anchors, extract
from ..cognates import cognate_key
from ..labels import strip_label
from ..model import Document, Unit, is_ordinal_key
from ..profiles import LanguageProfile

# Evidence compared between units, with its weight: document symbols, numbers, dates,
# footnote references, capitalised names, cognate stems.
EVIDENCE_WEIGHTS = (3.0, 2.0, 2.0, 1.5, 1.0, 1.0)
# Multisets of strings, or of (year, month, day) dates.
Features = tuple[Counter[Any], ...]

# List evidence and its weight: lengths (always there, so weak), anchors and cognates, the
# terms a definition defines (in both languages, so nearly proof; else how its term is
# spelt), translations, spelling of short texts.
LENGTH_WEIGHT = 0.5
ANCHOR_WEIGHT = 1.0
TERM_WEIGHT = 4.0
TERM_SPELLING_WEIGHT = 2.0
TRANSLATION_WEIGHT = 1.5
SPELLING_WEIGHT = 1.5
# Share of the distance to 1 that words written alike in both texts close (all shared: half).
SHARED_WORD_WEIGHT = 0.5
# Texts of at most this many words are compared by spelling (names, list entries).
SHORT_TEXT_WORDS = 5
# Units paired by identical labelled keys that teach the lexicon, at most.
LEXICON_PAIRS = 5000

_PLAIN_WORD = re.compile(r"[^\W\d_]{3,}")
_LETTER_WORD = re.compile(r"[^\W\d_]+")
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(slots=True)
class Side:
    """One document's units with what is computed once per unit, when first needed (units
    paired by label alone never need their words counted)."""

    document: Document
    profile: LanguageProfile
    lengths: list[int] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)
    _anchors: dict[int, Anchors] = field(default_factory=dict)
    _features: dict[tuple[int, ...], Features] = field(default_factory=dict)
    _families: dict[int, tuple[int, ...]] = field(default_factory=dict)
    _list_words: dict[int, tuple[set[str], frozenset[str]]] = field(default_factory=dict)

    @classmethod
    def build(cls, document: Document, profile: LanguageProfile) -> Side:
        """The side of ``document``: each unit's length (label aside) and position by key, the rest
        left for first use."""
        side = cls(document, profile)
        for position, unit in enumerate(document.units):
            side.lengths.append(len(strip_label(unit.text)))
            side.index[unit.key] = position
        return side

    def anchors_of(self, position: int) -> Anchors:
        """The anchors (symbols, numbers, dates, footnotes, names) of the unit at ``position``,
        extracted once."""
        if position not in self._anchors:
            self._anchors[position] = extract(self.document.units[position].text, self.profile)
        return self._anchors[position]

    def features_of(self, positions: tuple[int, ...]) -> Features:
        """What the content comparison weighs for the units at ``positions`` taken together
        (anchors, cognate stems, words, length), computed once for each group of positions."""
        if positions not in self._features:
            if len(positions) == 1:
                anchors = self.anchors_of(positions[0])
                stems = cognate_stems(strip_label(self.document.units[positions[0]].text), self.profile)
                self._features[positions] = (
                    anchors.symbols,
                    anchors.numbers,
                    Counter(anchors.dates),
                    anchors.footnotes,
                    anchors.names,
                    stems,
                )
            else:
                parts = [self.features_of((p,)) for p in positions]
                self._features[positions] = tuple(
                    sum((part[kind] for part in parts), Counter()) for kind in range(len(EVIDENCE_WEIGHTS))
                )
        return self._features[positions]

    def family_of(self, position: int) -> tuple[int, ...]:
        """A unit and the units nested in it, which follow it in reading order (a definition
        and its paragraphs, a table row and its cells)."""
        if position not in self._families:
            units = self.document.units
            prefix = units[position].key + "/"
            end = position + 1
            while end < len(units) and units[end].key.startswith(prefix):
                end += 1
            self._families[position] = tuple(range(position, end))
        return self._families[position]

    def subtree_text(self, position: int) -> str:
        """The text of a unit and of the units nested in it."""
        return " ".join(self.document.units[p].text for p in self.family_of(position))

    def list_words_of(self, position: int) -> tuple[set[str], frozenset[str]]:
        """Plain words (no stopwords) and word stems of a unit with its descendants."""
        if position not in self._list_words:
            text = self.subtree_text(position)
            plain = plain_words(text, self.profile)
            stems = frozenset(stem(word, self.profile) for word in words(text) if word[:1].isalpha())
            self._list_words[position] = (plain, stems)
        return self._list_words[position]


class UnitContent:
    """The two sides of a pairing and the evidence that crosses them."""

    def __init__(
        self,
        source: Document,
        target: Document,
        source_profile: LanguageProfile,
        target_profile: LanguageProfile,
        dictionary: Lexicon | None = None,
    ) -> None:
        self.source = Side.build(source, source_profile)
        self.target = Side.build(target, target_profile)
        self.dictionary = dictionary
        self._lexicon: Lexicon | None = None

    # --- reading order: anchors, length, cognates ------------------------------------------

    def similarity(self, source_units: list[Unit], target_units: list[Unit]) -> float:
        """A 0..1 similarity of the texts of two groups of units, from language-neutral evidence."""
        source, target = self.source, self.target
        source_positions = tuple(source.index[unit.key] for unit in source_units)
        target_positions = tuple(target.index[unit.key] for unit in target_units)
        length = length_score(
            sum(source.lengths[p] for p in source_positions), sum(target.lengths[p] for p in target_positions)
        )
        weighted_sum = weight_total = 0.0
        for weight, first, second in zip(
            EVIDENCE_WEIGHTS,
            source.features_of(source_positions),
            target.features_of(target_positions),
            strict=True,
        ):
            value = dice(first, second)
            if value is not None:
                weighted_sum += weight * value
                weight_total += weight
        if not weight_total:
            return 0.6 * length
        return 0.3 * length + 0.7 * weighted_sum / weight_total

    # --- lists ordered by each language ------------------------------------------------------

    def list_similarity(self, source_unit: Unit, target_unit: Unit) -> float:
        """A 0..1 similarity for units whose order says nothing (definitions, sorted lists),
        from the evidence their texts (with their descendants') offer: the anchors and cognates
        of ``similarity``, the terms they define, the words both write alike, translations
        and, for short texts, spelling; their lengths count a little."""
        source_position = self.source.index[source_unit.key]
        target_position = self.target.index[target_unit.key]
        source_plain, source_stems = self.source.list_words_of(source_position)
        target_plain, target_stems = self.target.list_words_of(target_position)
        source_family = self.source.family_of(source_position)
        target_family = self.target.family_of(target_position)
        evidence = [
            (
                LENGTH_WEIGHT,
                length_score(
                    sum(self.source.lengths[p] for p in source_family),
                    sum(self.target.lengths[p] for p in target_family),
                ),
            )
        ]
        anchors = self._anchor_agreement(source_family, target_family)
        if anchors is not None:
            evidence.append((ANCHOR_WEIGHT, anchors))
        terms = term_agreement(source_unit.terms, target_unit.terms)
        if terms is not None:
            evidence.append((TERM_WEIGHT, terms))
        elif source_unit.terms and target_unit.terms:
            evidence.append((TERM_SPELLING_WEIGHT, self._term_spelling(source_unit.terms, target_unit.terms)))
        translated = self._translated_share(source_stems, target_stems)
        if translated is not None:
            evidence.append((TRANSLATION_WEIGHT, translated))
        if _is_short(source_unit.text) and _is_short(target_unit.text):
            evidence.append((SPELLING_WEIGHT, spelling_likeness(source_unit.text, target_unit.text)))
        average = sum(weight * value for weight, value in evidence) / sum(weight for weight, _ in evidence)
        # Words written alike in both texts (names, Latin, "non") only ever add evidence: their
        # absence says nothing of two texts in different languages.
        shared = overlap(source_plain, target_plain) or 0.0
        return 1 - (1 - average) * (1 - SHARED_WORD_WEIGHT * shared)

    def _term_spelling(self, source_terms: tuple[str, ...], target_terms: tuple[str, ...]) -> float:
        """Agreement of terms named in one language each (repealed definitions): the words
        they write alike or nearly ("automatique"/"automatic", "non"/"non")."""
        return (
            dice(
                term_word_keys(source_terms, self.source.profile),
                term_word_keys(target_terms, self.target.profile),
            )
            or 0.0
        )

    def _anchor_agreement(
        self, source_family: tuple[int, ...], target_family: tuple[int, ...]
    ) -> float | None:
        """Weighted agreement of the anchors and cognates of two families of units (None:
        none on either)."""
        weighted_sum = weight_total = 0.0
        for weight, first, second in zip(
            EVIDENCE_WEIGHTS,
            self.source.features_of(source_family),
            self.target.features_of(target_family),
            strict=True,
        ):
            value = dice(first, second)
            if value is not None:
                weighted_sum += weight * value
                weight_total += weight
        return weighted_sum / weight_total if weight_total else None

    def _translated_share(self, source_stems: frozenset[str], target_stems: frozenset[str]) -> float | None:
        """Share of the source stems that the lexicon knows whose translation the target has
        (None when it knows none of them)."""
        lexicon = self.lexicon()
        known = found = 0.0
        for source_stem in source_stems:
            translations = lexicon.translations(source_stem)
            if not translations:
                continue
            known += 1
            found += max(
                (weight for stem_, weight in translations.items() if stem_ in target_stems), default=0
            )
        if not known:
            return None
        return min(1.0, found / min(known, max(1, len(target_stems))))

    def lexicon(self) -> Lexicon:
        """Induced from units that both documents key alike with labels (s:2/ss:1, p:12),
        merged with the dictionary; computed on first use."""
        if self._lexicon is None:
            target_units = self.target.document.by_key()
            pairs = [
                (words(unit.text), words(target_units[unit.key].text))
                for unit in self.source.document.units
                if unit.key in target_units and not any(map(is_ordinal_key, unit.key.split("/")))
            ][:LEXICON_PAIRS]
            lexicon = induce(pairs, self.source.profile, self.target.profile)
            self._lexicon = self.dictionary.merged(lexicon) if self.dictionary else lexicon
        return self._lexicon


# --- evidence measures ------------------------------------------------------------------------


def plain_words(text: str, profile: LanguageProfile) -> set[str]:
    """The lower-case words of ``text`` that are not stopwords of its language: what two texts may
    share as written (names, Latin, figures in words)."""
    return {word for word in _PLAIN_WORD.findall(text.lower()) if word not in profile.stopwords}


def overlap(first: set[str], second: set[str]) -> float | None:
    """Share of the smaller set that the other contains (None when either is empty)."""
    if not first or not second:
        return None
    return len(first & second) / min(len(first), len(second))


_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"})


def fold(text: str) -> str:
    """Lower case, accents off, ligatures spelt out ("œuf" is "oeuf")."""
    return (
        unicodedata.normalize("NFKD", text.lower().translate(_LIGATURES)).encode("ascii", "ignore").decode()
    )


def cognate_stems(text: str, profile: LanguageProfile) -> Counter[str]:
    """The cognate keys of the words (``aligner.cognates``), accents folded:
    "organisation"/"organization" agree."""
    keys = (cognate_key(word) for word in _LETTER_WORD.findall(fold(text)) if word not in profile.stopwords)
    return Counter(key for key in keys if key is not None)


def spelling_likeness(first: str, second: str) -> float:
    """How alike two short texts are spelt, accents and case aside ("Danemark"/"Denmark"
    0.80, "Chypre"/"Cyprus" 0.67, unrelated names about 0.3): difflib's matching-blocks ratio."""
    return SequenceMatcher(None, _letters(first), _letters(second), autojunk=False).ratio()


def _letters(text: str) -> str:
    return " ".join(_LETTERS.findall(fold(strip_label(text))))


def term_word_keys(terms: tuple[str, ...], profile: LanguageProfile) -> Counter[str]:
    """The words of terms as cognate keys: their first four letters, accents folded (short
    words whole), stopwords left out."""
    keys: Counter[str] = Counter()
    for term in terms:
        for word in _LETTERS.findall(fold(term)):
            if word not in profile.stopwords:
                keys[word[:4]] += 1
    return keys


def _is_short(text: str) -> bool:
    return len(text.split()) <= SHORT_TEXT_WORDS


def term_agreement(first: tuple[str, ...], second: tuple[str, ...]) -> float | None:
    """How far the terms two definitions name agree (Dice of the two sets; each names its
    term in both languages, and sometimes another definition's term it refers to): 1 for the
    same terms, 0 when each names terms in both languages and they share none, None when
    there is nothing to compare (a repealed definition names only its own)."""
    if not first or not second:
        return None
    first_terms, second_terms = {_term_key(term) for term in first}, {_term_key(term) for term in second}
    shared = len(first_terms & second_terms)
    if shared:
        return 2 * shared / (len(first_terms) + len(second_terms))
    return 0.0 if min(len(first_terms), len(second_terms)) >= 2 else None


def _term_key(term: str) -> str:
    return " ".join(fold(term).split())


def dice(first: Counter[Any], second: Counter[Any]) -> float | None:
    """Dice coefficient of two multisets; None when both are empty (no evidence either way)."""
    if not first and not second:
        return None
    if len(first) > len(second):
        first, second = second, first
    shared = sum(min(count, second[item]) for item, count in first.items() if item in second)
    return 2 * shared / (first.total() + second.total())


def length_score(source_length: int, target_length: int) -> float:
    """How well two lengths (in characters) fit a translation: 1 for a log ratio of 0, falling as a
    Gaussian of the log ratio (with 20 characters added to each, so short units are not judged on
    a few characters)."""
    ratio = math.log((target_length + 20) / (source_length + 20))
    return math.exp(-(ratio**2) / (2 * 0.25**2))


def merge_anchors(anchors: list[Anchors]) -> Anchors:
    """The anchors of several units together (their multisets added), as one unit split in two on
    the other side holds them."""
    if len(anchors) == 1:
        return anchors[0]
    return Anchors(
        symbols=sum((a.symbols for a in anchors), Counter()),
        numbers=sum((a.numbers for a in anchors), Counter()),
        dates=sum((a.dates for a in anchors), Counter()),
        footnotes=sum((a.footnotes for a in anchors), Counter()),
        names=sum((a.names for a in anchors), Counter()),
    )
