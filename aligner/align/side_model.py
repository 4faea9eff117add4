"""One side of a sentence alignment: how the words of its language are read.

A ``SideModel`` holds, for the sentences of one language, what the scorers ask of every
token: its class (function word, content word, rare word, anchor; see ``gains``), the keys
it emits (anchors, shared subwords, lexicon translations; see ``evidence``) and the flags
the link evidence reads, with the token table that remembers them per distinct token. Its
word frequencies (``WordFrequency``) are part of what it reads with: a word is rare in the
document it was counted on.

A side model is fixed for what it reads with (frequencies, subword model, lexicon);
``reading`` gives the model of other ones, keeping the remembered classes and keys that
are still valid (aligning many blocks, or the passes of a fit, does not redo them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain

from ..profiles import LanguageProfile
from . import link_evidence
from .anchors import AnchorKeys
from .evidence import ClassFunction, KeyFunction, KeyIds, SideEvidence, TokenTable, build_side
from .gains import ANCHOR, CONTENT, FUNCTION, RARE
from .lexicon import Lexicon
from .subwords import SubwordModel
from .tokens import deaccent, fold, words

# A word is rare (see gains) if it occurs in at most n**RARE_EXPONENT of n sentences; texts
# shorter than MIN_SENTENCES_FOR_FREQUENCY have no rare words.
RARE_EXPONENT = 0.4
MIN_SENTENCES_FOR_FREQUENCY = 50


@dataclass(frozen=True)
class WordFrequency:
    """In how many sentences of a side each (folded) word occurs."""

    sentences: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def count(cls, sentences: Sequence[str]) -> WordFrequency:
        """The frequencies of the words of ``sentences``. Numbers, symbols and footnote calls
        are left out: they are anchors, never rare (a table of a million numbers would
        otherwise hold a million counts)."""
        counts = Counter(
            chain.from_iterable(
                {fold(token) for token in words(sentence) if not is_anchor_token(token)}
                for sentence in sentences
            )
        )
        return cls(len(sentences), dict(counts))

    def is_rare(self, folded: str) -> bool:
        """A word in at most n**RARE_EXPONENT of n sentences (all words of short texts)."""
        if self.sentences < MIN_SENTENCES_FOR_FREQUENCY:
            return False
        return bool(self.counts.get(folded, 0) <= self.sentences**RARE_EXPONENT)


def is_anchor_token(token: str) -> bool:
    """A number, a document symbol or a footnote call (see ``tokens.words``): an anchor
    whatever the frequencies, its keys its own text."""
    return token[0] in "#@^"


class SideModel:
    """How the tokens of one side (``own`` language, aligned with ``other``) are classed,
    keyed and flagged, read with one side's word frequencies, a subword model (or none)
    and a lexicon (``is_source``: the side whose words the lexicon translates)."""

    def __init__(
        self,
        own: LanguageProfile,
        other: LanguageProfile,
        is_source: bool,
        key_ids: KeyIds,
        use_cognates: bool = True,
        frequency: WordFrequency | None = None,
        subwords: SubwordModel | None = None,
        lexicon: Lexicon | None = None,
    ):
        self.profile = own
        self.other = other
        self.is_source = is_source
        self.key_ids = key_ids
        self.anchors = AnchorKeys(own, other, use_cognates)
        self.frequency = frequency or WordFrequency()
        self.subwords = subwords
        self.lexicon = lexicon
        self._stopwords = frozenset(deaccent(word) for word in own.stopwords)
        # What does not depend on the lexicon, per token: its class (with "not first in its
        # sentence") and its anchor and subword keys.
        # Numbers, symbols and footnote calls are not remembered: their class and keys cost
        # nothing to work out, and a long table can hold a million distinct ones.
        self._classes: dict[tuple[str, bool], int] = {}
        self._document_keys: dict[str, list[tuple[int, float]]] = {}
        self._table: TokenTable | None = None
        self._table_generation = key_ids.generation

    def reading(
        self, frequency: WordFrequency, subwords: SubwordModel | None, lexicon: Lexicon | None
    ) -> SideModel:
        """This side read with other frequencies, subword model or lexicon (itself if they
        are the same objects): the classes it remembers are kept when the frequencies are,
        the anchor and subword keys when the subword model is."""
        if frequency is self.frequency and subwords is self.subwords and lexicon is self.lexicon:
            return self
        side = SideModel.__new__(SideModel)
        side.__dict__.update(self.__dict__)
        side.frequency, side.subwords, side.lexicon = frequency, subwords, lexicon
        if frequency is not self.frequency:
            side._classes = {}
        if subwords is not self.subwords:
            side._document_keys = {}
        side._table = None
        if frequency is self.frequency and subwords is self.subwords and self.lexicon is None:
            # A lexicon learnt since the table was made adds its keys to the entries.
            lexicon_keys, table = side._lexicon_keys(), self._current_table()
            if table is not None and lexicon_keys is not None:
                side._table = table.extended(lexicon_keys)
        return side

    def forget(self) -> None:
        """Drop what is remembered per distinct token (after the key ids restart, see
        ``evidence.KeyIds``): classes, keys and the token table are worked out again as
        tokens come. The remembered classes and keys are emptied in place, for every side
        model read from this one shares them."""
        self._classes.clear()
        self._document_keys.clear()
        self._table = None

    def __getstate__(self) -> dict[str, object]:
        """Pickled without its token table (it holds closures; the first use makes it again)."""
        state = self.__dict__.copy()
        state["_table"] = None
        return state

    def table(self) -> TokenTable:
        """The token table of this side (made on first use, and again after the key ids
        restarted)."""
        table = self._current_table()
        if table is None:
            table = self._table = TokenTable(
                self._class_function(),
                self._key_functions(),
                link_evidence.token_flags(self.profile, self.other),
            )
            self._table_generation = self.key_ids.generation
        return table

    def _current_table(self) -> TokenTable | None:
        """The token table, if it was made with the key ids as they are numbered now."""
        if self._table_generation != self.key_ids.generation:
            self._table = None
        return self._table

    def evidence(self, sentences: Sequence[str]) -> SideEvidence:
        """The evidence arrays of sentences of this side."""
        return build_side([words(sentence) for sentence in sentences], self.table())

    def _class_function(self) -> ClassFunction:
        frequency, stopwords, remembered = self.frequency, self._stopwords, self._classes

        def class_of(token: str, not_first: bool) -> int:
            folded = fold(token)
            if folded in stopwords:
                return FUNCTION
            if not_first and token[0].isupper():
                return ANCHOR
            return RARE if frequency.is_rare(folded) else CONTENT

        def token_class(token: str, not_first: bool) -> int:
            if is_anchor_token(token):
                return ANCHOR
            found = remembered.get((token, not_first))
            if found is None:
                found = remembered[token, not_first] = class_of(token, not_first)
            return found

        return token_class

    def _key_functions(self) -> list[KeyFunction]:
        """What the tokens emit: anchors and shared subwords (remembered per token across
        tables), lexicon entries."""
        anchors, subwords, remembered, key_ids = (
            self.anchors,
            self.subwords,
            self._document_keys,
            self.key_ids,
        )

        def keys_of(token: str) -> list[tuple[int, float]]:
            found = [(key_ids(key), strength) for key, strength in anchors.keys(token)]
            if subwords is not None:
                found.extend((key_ids(key), strength) for key, strength in subwords.keys(token))
            return found

        def document_keys(token: str) -> list[tuple[int, float]]:
            if is_anchor_token(token):
                return keys_of(token)
            found = remembered.get(token)
            if found is None:
                found = remembered[token] = keys_of(token)
            return found

        lexicon_keys = self._lexicon_keys()
        return [document_keys] if lexicon_keys is None else [document_keys, lexicon_keys]

    def _lexicon_keys(self) -> KeyFunction | None:
        """The keys of a token's lexicon entries (None without a lexicon): stems, which no
        other key function emits."""
        if self.lexicon is None or not len(self.lexicon):
            return None
        key_ids = self.key_ids
        keys = self.lexicon.source_keys if self.is_source else self.lexicon.target_keys
        return lambda token: [(key_ids(key), strength) for key, strength in keys(token)]
