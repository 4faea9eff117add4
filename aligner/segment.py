"""Split the text of a unit into sentences, with the language's abbreviations from its profile.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (possibly followed by closing quotes or
brackets and a footnote reference, as in "records.¹") when the next word can start a
sentence. It does not end after an abbreviation ("M.", "Mr.", "par. 29", "No. 3"), an initial,
a token with inner periods ("e.g.", "I.A."), inside a number (1.5, 2,225) or a document
symbol (A/C.3/74/L.10/Rev.1), nor after the paragraph number or list marker that opens a
unit ("12. ", "a) ", "(a) "), which stays with the first sentence.
"""

from __future__ import annotations

import re

from .labels import LEADING_LABEL, SUPERSCRIPTS
from .profiles import LanguageProfile

# Linear time on any text: a boundary starts only where a run of final punctuation starts
# (the look-behind), so a paragraph of 100,000 dots is one failed match, not 100,000 of
# them each scanning the rest of the run.
_BOUNDARY = re.compile(
    rf"(?<![.!?…])[.!?…]++(?:[ \u00a0\u202f]?[»”\"'’)\]])*[{SUPERSCRIPTS}]*+(?P<space>\s+)"
)
# The text is split on single spaces (see ``split_sentences``): one space at most.
_SENTENCE_START = re.compile(rf"(?<![«“\"'‘(\[¿¡])[«“\"'‘(\[¿¡]*+\s?[A-ZÀ-ÖØ-Þ0-9{SUPERSCRIPTS}]")
# Five times the longest sentence of the real documents the project reads (2,142 characters,
# a UN report's list of documents in one sentence); a safety bound, not a tuning.
MAX_SENTENCE_CHARS = 10_000

_INITIAL = re.compile(r"^[A-ZÀ-Þ]\.$")
_INNER_PERIODS = re.compile(r"^(?:[A-Za-z]{1,3}\.){2,}$")


def split_sentences(text: str, profile: LanguageProfile) -> list[str]:
    """The sentences of ``text`` in order; their concatenation (with single spaces) is the text
    (but for a space put into a piece cut inside a word, see ``MAX_SENTENCE_CHARS``)."""
    text = " ".join(text.split())
    if not text:
        return []
    label = LEADING_LABEL.match(text)
    start_at = label.end() if label else 0
    sentences: list[str] = []
    sentence_start = 0
    for match in _BOUNDARY.finditer(text, start_at):
        end = match.start("space")
        if _is_boundary(text, end, match.end(), profile):
            sentences += _bounded(text[sentence_start:end].strip())
            sentence_start = match.end()
    tail = text[sentence_start:].strip()
    if tail:
        sentences += _bounded(tail)
    return sentences


def _bounded(sentence: str, limit: int = MAX_SENTENCE_CHARS) -> list[str]:
    """The sentence, or pieces of it of at most ``limit`` characters cut at spaces."""
    if len(sentence) <= limit:
        return [sentence]
    pieces: list[str] = []
    start = 0
    while len(sentence) - start > limit:
        cut = sentence.rfind(" ", start + 1, start + limit + 1)
        if cut <= start:
            pieces.append(sentence[start : start + limit])
            start += limit
        else:
            pieces.append(sentence[start:cut])
            start = cut + 1
    pieces.append(sentence[start:])
    return pieces


def _is_boundary(text: str, end: int, next_start: int, profile: LanguageProfile) -> bool:
    """Does the punctuation ending at ``end`` close a sentence, given what follows?"""
    # Only the first character of what follows matters below: slicing the whole rest of the
    # text at every candidate boundary would make splitting quadratic.
    following = text[next_start : next_start + 1]
    if not following or not _SENTENCE_START.match(text, next_start):
        return False
    token = _last_token(text, end)
    return not (
        token.endswith((".", ".."))
        and not token.endswith("...")
        and _is_abbreviation(token, profile, following)
    )


def _last_token(text: str, end: int) -> str:
    """The word that carries the final punctuation, without closing quotes, brackets, references."""
    start = text.rfind(" ", 0, end) + 1
    token = text[start:end].rstrip(SUPERSCRIPTS + "»”\"'’)]")
    return token.lstrip("(«“\"'‘[")


def _is_abbreviation(token: str, profile: LanguageProfile, following: str) -> bool:
    if token in profile.abbreviations or token.lower() in profile.abbreviations:
        return not _ends_sentence_anyway(token, following)
    if token in profile.abbreviations_before_number:
        return following[:1].isdigit()
    return bool(_INITIAL.match(token) or _INNER_PERIODS.match(token))


def _ends_sentence_anyway(token: str, following: str) -> bool:
    """ "etc." and "ibid." can end a sentence; a capitalised word after them starts a new one,
    unless they are followed by a number."""
    return token.lower() in {"etc.", "ibid."} and following[:1].isupper()


def split_presegmented(text: str) -> list[str]:
    """One sentence per line (blank lines ignored), as in pre-segmented corpora."""
    return [line.strip() for line in text.split("\n") if line.strip()]
