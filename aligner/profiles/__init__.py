"""Language profiles, one module per language, and language identification."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import InputError
from .base import Language, LanguageProfile, page_number_pattern
from .en import PROFILE as ENGLISH
from .es import PROFILE as SPANISH
from .fr import PROFILE as FRENCH

PROFILES: dict[str, Language] = {profile.code: profile for profile in (FRENCH, ENGLISH, SPANISH)}

# The language pair assumed where nothing (an option, a file, the text) says which it is:
# its codes, and the languages themselves.
DEFAULT_LANGUAGES = ("fr", "en")
DEFAULT_PAIR: tuple[Language, Language] = (PROFILES[DEFAULT_LANGUAGES[0]], PROFILES[DEFAULT_LANGUAGES[1]])

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def normalized_tag(tag: str) -> str:
    """A language tag as BCP 47 writes it, with hyphens: " fr_CA " gives "fr-CA"."""
    return tag.strip().replace("_", "-")


def primary_language(tag: str | None) -> str:
    """The language subtag of a tag, in lower case: "fr" for "fr-CA", "FR_ca" or "fr"; ""
    for no tag."""
    return normalized_tag(tag or "").split("-")[0].lower()


def is_language_code(name: str) -> bool:
    """Is ``name`` the code of a language with a profile ("fr", "EN"), as file and folder
    names often are ("fr.xml", "en/")?"""
    return name.lower() in PROFILES


def partner_language(code: str) -> str:
    """The language assumed opposite ``code`` where nothing says: the default pair's target,
    or its source opposite the target ("en" for "fr" or "es", "fr" for "en")."""
    source, target = DEFAULT_LANGUAGES
    return source if primary_language(code) == target else target


def get_profile(code: str | Language) -> Language:
    """The language of a code or tag such as "fr", "fr-FR" or "en_GB" (an ``InputError``
    naming the known ones for any other): the one resolver, called where a code enters the
    program (options, file metadata, the headers of links, memories and term tables); the
    stages are given the ``Language`` object and never look a code up themselves. A
    ``Language`` is its own answer (an entry point may be given either)."""
    if isinstance(code, Language):
        return code
    base = primary_language(code)
    try:
        return PROFILES[base]
    except KeyError:
        known = ", ".join(sorted(PROFILES))
        raise InputError(f"no language profile for '{code}' (known: {known})") from None


@dataclass(frozen=True)
class LegislationWords:
    """Division and label words of every known language together: a Canadian act's labels
    ("PARTIE 2" / "PART 2", "8 à 10" / "8 to 10") give the same keys in both languages."""

    divisions: dict[str, str]
    range_words: frozenset[str]
    list_words: frozenset[str]
    # Numbers written as words in a division label ("ARTICLE PREMIER" is "ARTICLE 1").
    number_words: dict[str, int]


@lru_cache(maxsize=1)
def legislation_words() -> LegislationWords:
    """The division and label words of every known language together (see ``LegislationWords``)."""
    return LegislationWords(
        divisions={
            word: prefix
            for profile in PROFILES.values()
            for word, prefix in profile.legislation_divisions.items()
        },
        range_words=frozenset().union(*(profile.label_range_words for profile in PROFILES.values())),
        list_words=frozenset().union(*(profile.label_list_words for profile in PROFILES.values())),
        number_words={
            word: number
            for profile in PROFILES.values()
            for word, number in (*profile.cardinal_words.items(), *profile.ordinal_words.items())
        },
    )


@lru_cache(maxsize=1)
def any_language_page_number() -> re.Pattern[str]:
    """Page numbers, roman ones included, with the page words of every known language: what
    a reader uses on a line in the page margin before it knows the document's language
    ("Page 3 of 12", "page 3 sur 12", "xii")."""
    return page_number_pattern(
        frozenset().union(*(profile.page_words for profile in PROFILES.values())),
        frozenset().union(*(profile.page_count_words for profile in PROFILES.values())),
        roman=True,
    )


@lru_cache(maxsize=1)
def _function_word_languages() -> dict[str, tuple[str, ...]]:
    """Every function word of a known language and the languages it is one of."""
    languages: dict[str, tuple[str, ...]] = {}
    for code, profile in PROFILES.items():
        for word in profile.function_words:
            languages[word] = (*languages.get(word, ()), code)
    return languages


def _scores_of(tokens: list[str]) -> dict[str, float]:
    """Share of the (lower-cased) tokens that are function words of each language."""
    if not tokens:
        return {code: 0.0 for code in PROFILES}
    counts = dict.fromkeys(PROFILES, 0)
    languages = _function_word_languages()
    for token in tokens:
        for code in languages.get(token, ()):
            counts[code] += 1
    return {code: count / len(tokens) for code, count in counts.items()}


def language_scores(text: str, sample_chars: int = 30_000) -> dict[str, float]:
    """Share of running words that are function words of each language."""
    return _scores_of([token.lower() for token in _WORD.findall(text[:sample_chars])])


def _decided(scores: dict[str, float]) -> str | None:
    best = max(scores, key=scores.__getitem__)
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < 0.05 or (len(ranked) > 1 and ranked[0] < 1.5 * ranked[1]):
        return None
    return best


def detect_language(text: str) -> str | None:
    """The code of the language whose function words dominate, or None if too little text."""
    return _decided(language_scores(text))


def language_shares(texts: list[str], min_words: int = 6) -> dict[str, float]:
    """Share of the text (in characters) of the blocks that read as each language.

    Each block long enough to tell (``min_words`` words or more) is identified on its own;
    blocks that are too short or undecided count for no language, so the shares may add up
    to less than 1.
    """
    counted: dict[str, int] = {}
    total = 0
    for text in texts:
        total += len(text)
        tokens = [token.lower() for token in _WORD.findall(text)]
        if len(tokens) < min_words:
            continue
        # (the words of the first 30,000 characters, as detect_language reads them)
        language = _decided(_scores_of(tokens) if len(text) <= 30_000 else language_scores(text))
        if language is not None:
            counted[language] = counted.get(language, 0) + len(text)
    return {code: count / total for code, count in counted.items()} if total else {}


__all__ = [
    "DEFAULT_LANGUAGES",
    "DEFAULT_PAIR",
    "PROFILES",
    "Language",
    "LanguageProfile",
    "LegislationWords",
    "any_language_page_number",
    "detect_language",
    "get_profile",
    "is_language_code",
    "language_scores",
    "language_shares",
    "legislation_words",
    "normalized_tag",
    "partner_language",
    "primary_language",
]
