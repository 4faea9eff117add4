"""Words of a sentence as the scorers see them.

Leading structure labels ("12. ", "a) ", "(iv) ") are cut off first (``anchors.strip_label``):
they are anchors of the document's structure, which pairs paragraphs before sentences are
aligned, and two sentences that both start with "3." are no more likely to translate each
other for that.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from sys import intern

from ..anchors import SYMBOL, superscript_to_digits
from ..labels import SUPERSCRIPTS, strip_label
from ..profiles import Language

# Numbers in either convention: 1,5 1.5 2 225 2,225 2.225 1 000 000 (thin or no-break spaces).
_NUMBER = r"(?<!\d)\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+(?!\d)|\d+(?:[.,]\d+)?"
_WORD = re.compile(
    f"(?P<symbol>{SYMBOL.pattern})|(?P<note>[{SUPERSCRIPTS}]+)|(?P<number>{_NUMBER})"
    rf"|[^\W\d_{SUPERSCRIPTS}]+",
    re.UNICODE,
)
# Most sentences have no digit, symbol or footnote call: their words are runs of letters.
_PLAIN_WORD = re.compile(rf"[^\W\d_{SUPERSCRIPTS}]+")
_SPECIAL = re.compile(rf"[\d/{SUPERSCRIPTS}]")
_APOSTROPHES = ("\u2019", "\u02bc", "`", "\u2018")


@lru_cache(maxsize=200_000)
def deaccent(word: str) -> str:
    """The word without its diacritics ("réunion" -> "reunion")."""
    if word.isascii():  # nothing to decompose
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower case without accents: the form words are counted and compared in."""
    return deaccent(word.lower())


def normalise_number(token: str) -> str | None:
    """A number written in either convention as one canonical string, or None.

    "2 225", "2,225" and "2.225" followed by exactly three digits are thousands; "1,5" and
    "1.5" are decimals, and a decimal with only zeros after the point is the whole number
    ("30,00" is "30"). The two readings of "2,225"/"2.225" collide on purpose: both
    conventions are in use and the key must match across them.
    """
    compact = re.sub(r"[ \u00a0\u202f]", "", token)
    if not compact or not compact[0].isdigit():
        return None
    match = re.fullmatch(r"(\d{1,3})((?:[,.]\d{3})+)", compact)
    if match:
        return match.group(1) + re.sub(r"[,.]", "", match.group(2))
    if re.fullmatch(r"\d+", compact):
        return compact.lstrip("0") or "0"
    match = re.fullmatch(r"(?<!\d)(\d++)[.,](\d++)", compact)
    if match:
        whole, fraction = match.groups()
        # "30.00" is 30: amounts are written with cents in one language and without in the
        # other ("30 $" against "$30.00").
        if not fraction.strip("0"):
            return whole.lstrip("0") or "0"
        return f"{whole}.{fraction}"
    return None


@lru_cache(maxsize=100_000)
def words(sentence: str) -> tuple[str, ...]:
    """Words, numbers and anchors of a sentence, in order, case kept, without its label.

    Numbers come back canonical (see ``normalise_number``) prefixed with "#", document
    symbols prefixed with "@" and superscript footnote calls as "^12". Apostrophes and
    hyphens split words ("l'homme" -> "l", "homme"; "wedding-day" -> "wedding", "day").
    Words are interned: the sentences of a long text (and this function's cache of them)
    share one string per distinct word instead of one per occurrence.
    """
    text = strip_label(sentence)
    for apostrophe in _APOSTROPHES:  # str.replace four times is faster than str.translate once
        text = text.replace(apostrophe, "'")
    if not _SPECIAL.search(text):
        return tuple(map(intern, _PLAIN_WORD.findall(text)))
    result: list[str] = []
    for match in _WORD.finditer(text):
        kind = match.lastgroup
        if kind is None:
            result.append(intern(match.group()))
        else:
            result.extend(_special_token(kind, match.group()))
    return tuple(result)


@lru_cache(maxsize=20_000)
def _special_token(kind: str, token: str) -> tuple[str, ...]:
    """The tokens of a symbol, a footnote call or a number (see ``words``)."""
    if kind == "symbol":
        return ("@" + token.rstrip("."),)
    if kind == "note":
        return ("^" + superscript_to_digits(token),)
    number = normalise_number(token)
    if number is None:
        return tuple("#" + part for part in re.findall(r"\d+", token))
    return ("#" + number,)


@lru_cache(maxsize=64)
def _folded_suffixes(language: Language) -> tuple[str, ...]:
    """The language's stemming suffixes, without accents (as ``fold`` leaves words)."""
    return tuple(map(deaccent, language.stem_suffixes))


@lru_cache(maxsize=200_000)
def stem(word: str, language: Language) -> str:
    """A crude stem: lower case, no accents, one common suffix off, at most 7 letters.

    Good enough to pool inflected forms for lexicon counts and dictionary look-ups; it is
    never shown to anyone.
    """
    lowered = fold(word)
    if lowered.startswith("#") or len(lowered) <= 3:
        return lowered
    for suffix in _folded_suffixes(language):
        if lowered.endswith(suffix) and len(lowered) - len(suffix) >= 3:
            lowered = lowered[: -len(suffix)]
            break
    return lowered[:7]
