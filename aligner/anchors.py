"""Things that survive translation unchanged, or nearly: anchors for pairing and for checks.

Document symbols (A/C.3/74/L.10/Rev.1), resolution numbers (70/1), dates ("1er décembre 1950"
is "1 December 1950"), numbers in each language's convention ("2 225,5" is "2,225.5"),
footnote reference digits, and capitalised names. Each function takes text and, where the
convention depends on the language, its profile; results compare equal across languages.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .labels import SUPERSCRIPTS, strip_label
from .profiles import LanguageProfile
from .quantities import digit_numbers, full_dates

_SUPERSCRIPT_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")


_DIGIT_TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPTS)
SUPERSCRIPT_RUN = re.compile(f"[{SUPERSCRIPTS}]+")


def superscript_to_digits(text: str) -> str:
    """ "¹²" -> "12"."""
    return text.translate(_SUPERSCRIPT_TO_DIGIT)


def digits_to_superscript(number: str | int) -> str:
    """12 -> "¹²" (a footnote reference as printed)."""
    return str(number).translate(_DIGIT_TO_SUPERSCRIPT)


def without_superscripts(text: str) -> str:
    """The text without its runs of superscript digits (footnote references)."""
    return SUPERSCRIPT_RUN.sub("", text)


# A/74/400, A/C.3/74/L.10/Rev.1, E/CN.15/2019/11, CAC/COSP/2017/14, A/CONF.234/PM.1
SYMBOL = re.compile(r"\b[A-Z]{1,8}(?:\.\d{1,3})?(?:/(?:[A-Z0-9][A-Za-z0-9]*(?:[.\-–][A-Za-z0-9]+)*))+")
# 70/1, 2019/16, S-30/1, ES-10/2, 53/243 (General Assembly and ECOSOC resolution numbers)
RESOLUTION_NUMBER = re.compile(r"(?<![\w/.\-])(?:(?:S|ES)-)?\d{1,4}/\d{1,4}(?![\w/]|[.,]\d)")
FOOTNOTE_REFERENCE = re.compile(rf"(?<=[^\s{SUPERSCRIPTS}])[{SUPERSCRIPTS}]+")
_CAPITALISED = re.compile(r"\b[A-ZÀ-Þ][\w\-]*[A-Za-zÀ-ÿ]\b")


def document_symbols(text: str, profile: LanguageProfile | None = None) -> list[str]:
    """Document symbols; they always carry a number, which tells them from "HIV/AIDS". With
    the language's profile, each in its neutral form ("DORS/2019-12" is "SOR/2019-12")."""
    symbols = (match.group(0).rstrip(".").replace("–", "-") for match in SYMBOL.finditer(text))
    found = [symbol for symbol in symbols if any(char.isdigit() for char in symbol)]
    return [profile.neutral_symbol(symbol) for symbol in found] if profile else found


def resolution_numbers(text: str) -> list[str]:
    """The resolution numbers the text cites ("70/1", "S-30/1"), in order."""
    return RESOLUTION_NUMBER.findall(text)


def footnote_references(text: str) -> list[str]:
    """The footnote references of the text (superscript digits after a word), as plain digits."""
    return [superscript_to_digits(digits) for digits in FOOTNOTE_REFERENCE.findall(text)]


def dates(text: str, profile: LanguageProfile) -> list[tuple[int, int, int]]:
    """Full dates as (year, month, day): "1er décembre 1950", "1 December 1950",
    "December 1, 1950" (North American order) and "1 déc. 1950" agree."""
    return full_dates(text, profile)


def numbers(text: str, profile: LanguageProfile) -> list[str]:
    """Numbers written with the language's separators, as canonical strings ("2 225,5" -> "2225.5").

    Superscript footnote digits are not numbers of the text and are left out.
    """
    return digit_numbers(text, profile)


_SENTENCE_OPENERS = frozenset('.!?:«“"')


def capitalised_words(text: str) -> list[str]:
    """Capitalised words not at the start of a sentence: names, acronyms, titles."""
    words = []
    for match in _CAPITALISED.finditer(text):
        before = match.start() - 1
        while before >= 0 and text[before].isspace():
            before -= 1
        if before < 0 or text[before] in _SENTENCE_OPENERS:
            continue
        words.append(match.group(0))
    return words


def describe_difference(source: Counter[str], target: Counter[str], what: str) -> str:
    """ "" when both sides hold the same items, else one line saying what only one side has
    ("symbol only in source: A/74/125; symbol only in target: A/74/152")."""
    only_source = source - target
    only_target = target - source
    parts = []
    if only_source:
        parts.append(f"{what} only in source: {', '.join(map(str, sorted(only_source.elements())))}")
    if only_target:
        parts.append(f"{what} only in target: {', '.join(map(str, sorted(only_target.elements())))}")
    return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class Anchors:
    """The anchors of one text, as multisets that can be compared across languages."""

    symbols: Counter[str]
    numbers: Counter[str]
    dates: Counter[tuple[int, int, int]]
    footnotes: Counter[str]
    names: Counter[str]


def extract(text: str, profile: LanguageProfile) -> Anchors:
    """The anchors of a unit's text, its label and footnote references aside: document symbols in
    neutral form, numbers outside symbols, dates, footnote references and capitalised names, as
    multisets."""
    body = FOOTNOTE_REFERENCE.sub("", strip_label(text))
    has_digits = any(map(str.isdigit, body))
    without_symbols = SYMBOL.sub(" ", body) if has_digits else body
    return Anchors(
        symbols=Counter(document_symbols(body, profile) if has_digits else ()),
        numbers=Counter(numbers(without_symbols, profile) if has_digits else ()),
        dates=Counter(dates(body, profile) if has_digits else ()),
        footnotes=Counter(footnote_references(strip_label(text))),
        names=Counter(word.lower() for word in capitalised_words(without_symbols) if len(word) > 3),
    )
