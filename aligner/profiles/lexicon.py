"""Word classes from a lexicon: which parts of speech a word form can have.

The tables are the lemmatizer lookups that spaCy publishes as the ``spacy-lookups-data``
package (French from Lefff, English from WordNet): per part of speech, the lemmas
(``index``), irregular forms (``exc``) and suffix rules from a form to its lemma (``rules``).
A form can have a class when it is a listed lemma or irregular form of it, or when a rule
turns it into a listed lemma. The profiles decide what a class means for terms (see
``LanguageProfile.term_word_role``); this module only reads the tables.
"""

from __future__ import annotations

import gzip
import importlib.resources
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import InputError

CLASSES = ("noun", "adj", "verb", "adv")


@dataclass(frozen=True, eq=False)
class Lexicon:
    """A language's word-class tables (spaCy's lookup data): for each class, the irregular forms and
    their lemmas, the suffix rules that turn a form into a lemma, and the lemmas."""

    irregular: dict[str, dict[str, list[str]]]  # class -> irregular form -> its lemmas
    rules: dict[str, tuple[tuple[str, str], ...]]  # class -> (suffix, replacement)
    lemmas: dict[str, frozenset[str]]  # class -> lemmas

    def classes(self, word: str) -> frozenset[str]:
        """The classes ``word`` (lower case) can belong to; empty for a word the lexicon
        does not know (a name, a coinage)."""
        return _classes(self, word)


@lru_cache(maxsize=200_000)
def _classes(lexicon: Lexicon, word: str) -> frozenset[str]:
    found = set()
    for name in CLASSES:
        lemmas = lexicon.lemmas.get(name, frozenset())
        if word in lemmas or word in lexicon.irregular.get(name, {}):
            found.add(name)
            continue
        for suffix, replacement in lexicon.rules.get(name, ()):
            if suffix and word.endswith(suffix) and word[: len(word) - len(suffix)] + replacement in lemmas:
                found.add(name)
                break
    return frozenset(found)


def _table(code: str, name: str) -> dict[str, Any]:
    try:
        data = importlib.resources.files("spacy_lookups_data") / "data" / f"{code}_lemma_{name}.json.gz"
        with gzip.open(data.open("rb")) as stream:
            table: dict[str, Any] = json.load(stream)
            return table
    except ModuleNotFoundError:
        raise InputError("the word-class lexicon needs the spacy-lookups-data package") from None
    except FileNotFoundError:
        return {}


@lru_cache(maxsize=8)
def load_lexicon(code: str) -> Lexicon:
    """The lexicon of language ``code`` ("fr", "en"), read once per process."""
    index, exceptions, rules = (_table(code, name) for name in ("index", "exc", "rules"))
    return Lexicon(
        irregular={name: exceptions.get(name, {}) for name in CLASSES},
        lemmas={name: frozenset(index.get(name, ())) for name in CLASSES},
        rules={name: tuple((old, new) for old, new in rules.get(name, ())) for name in CLASSES},
    )
