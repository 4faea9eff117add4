"""Text helpers shared by term extraction and the checks: markup, tokens, folded keys.

Everything language-specific (stopwords, elisions, plural rules) comes from the profile; the
code here is the same for every language.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from ..anchors import without_superscripts
from ..labels import SUPERSCRIPTS as SUPERSCRIPT_DIGITS
from ..profiles import LanguageProfile

APOSTROPHES = "'\u2019\u02bc"

# Neither part holds its own opening bracket: a run of "[" fails once per bracket.
_MARKDOWN_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")
_EMPHASIS = re.compile(r"\*{1,3}(?=\S)|(?<=\S)\*{1,3}")
_CARET_BEFORE_LETTERS = re.compile(r"\^(?=[^\W\d_])")
_CARET_BRACES = re.compile(r"\^\{([^{}]*)\}")
_SPACES = re.compile(r"[ \t\r\n\u00a0\u202f\u2009]+")

# A word (letters, with inner hyphens or apostrophes), a number, or one punctuation mark.
_LETTER = rf"[^\W\d_{SUPERSCRIPT_DIGITS}]"
_TOKEN = re.compile(
    rf"(?P<word>{_LETTER}+(?:[-\u2010\u2011'\u2019\u02bc]{_LETTER}+)*)"
    r"|(?P<number>\d+(?:[.,]\d+)*)"
    rf"|(?P<footnote>[{SUPERSCRIPT_DIGITS}]+)"
    r"|(?P<punct>[^\w\s])",
    re.UNICODE,
)


def strip_markup(text: str) -> str:
    """Plain text from the markdown-ish output of PDF conversion: ``[A/74/1](#)`` becomes
    ``A/74/1``, ``**bold**`` loses its stars, ``2^e`` and ``1^{er}`` become ``2e`` and ``1er``;
    spaces are collapsed."""
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    text = _CARET_BRACES.sub(r"\1", text)
    text = _CARET_BEFORE_LETTERS.sub("", text)
    return _SPACES.sub(" ", text).strip()


def comparable(text: str) -> str:
    """The form under which two segments count as the same text: markup, footnote digits,
    case, apostrophe and space variants ignored."""
    text = without_superscripts(strip_markup(text))
    text = unicodedata.normalize("NFC", text).casefold()
    for apostrophe in APOSTROPHES[1:]:
        text = text.replace(apostrophe, "'")
    return _SPACES.sub(" ", text).strip()


class Token(NamedTuple):
    """A token with its place in the text; ``lower`` has apostrophes normalised to '. A named
    tuple: the candidate finder makes some sixty thousand of them on a report."""

    text: str
    lower: str
    kind: str  # "word", "number", "footnote" (superscript digits) or "punct"
    start: int
    end: int


def _split_apostrophe(word: str, start: int, profile: LanguageProfile) -> list[Token]:
    """Split "l'Office" into "l'" + "Office" (an elision) and "children's" into
    "children" + "'s"; leave other apostrophes ("aujourd'hui") inside the word."""
    normalised = word
    for apostrophe in APOSTROPHES[1:]:
        normalised = normalised.replace(apostrophe, "'")
    head, _, tail = normalised.partition("'")
    if head.lower() in profile.elisions and tail:
        cut = len(head) + 1
        return [
            Token(word[:cut], head.lower() + "'", "word", start, start + cut),
            *tokenize_word(word[cut:], start + cut, profile),
        ]
    if tail.lower() == "s":
        cut = len(head)
        return [
            Token(word[:cut], head.lower(), "word", start, start + cut),
            Token(word[cut:], "'s", "word", start + cut, start + len(word)),
        ]
    return [Token(word, normalised.lower(), "word", start, start + len(word))]


_APOSTROPHE = re.compile(f"[{APOSTROPHES}]")


def tokenize_word(word: str, start: int, profile: LanguageProfile) -> list[Token]:
    """The tokens of one word at ``start``: a word with an apostrophe is split after the language's
    elisions ("l'Assemblée" gives "l'" and "Assemblée"), any other is one token."""
    if _APOSTROPHE.search(word):
        return _split_apostrophe(word, start, profile)
    return [Token(word, word.lower(), "word", start, start + len(word))]


def tokenize(text: str, profile: LanguageProfile) -> list[Token]:
    """Words, numbers and punctuation of ``text`` (which should already be plain text). A
    prefix that the language writes apart ("non gouvernementales") is one word with the
    word after it, as its hyphenated spelling would be."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "punct"
        found, start = match.group(), match.start()
        if kind != "word":
            tokens.append(Token(found, found, kind, start, match.end()))
        elif _APOSTROPHE.search(found):
            tokens.extend(_split_apostrophe(found, start, profile))
        else:
            tokens.append(Token(found, found.lower(), kind, start, match.end()))
    return _join_detached_prefixes(text, tokens, profile) if profile.detached_prefixes else tokens


def _join_detached_prefixes(text: str, tokens: list[Token], profile: LanguageProfile) -> list[Token]:
    joined: list[Token] = []
    for token in tokens:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and token.kind == "word"
            and previous.kind == "word"
            and previous.lower in profile.detached_prefixes
            and text[previous.end : token.start] == " "
        ):
            joined[-1] = Token(
                text[previous.start : token.end],
                f"{previous.lower} {token.lower}",
                "word",
                previous.start,
                token.end,
            )
        else:
            joined.append(token)
    return joined


@lru_cache(maxsize=200_000)
def _fold(word: str, rules: tuple[tuple[str, str], ...]) -> str:
    if len(word) <= 3:
        return word
    for suffix, replacement in rules:
        if word.endswith(suffix):
            return word[: len(word) - len(suffix)] + replacement
    return word


def fold(word: str, profile: LanguageProfile) -> str:
    """The plural-folded form of a lower-case word ("personnes" -> "personne",
    "activities" -> "activity"): a key for counting, not a lemma to show."""
    return _fold(word, profile.plural_suffixes)
