"""Numbers and dates of a text as language-neutral tokens, by the profile's conventions.

"2 225" (fr) and "2,225" (en) both give "2225"; "1,5" and "1.5" give "1.5"; "1er décembre
1950" and "1 December 1950" give "date:1950-12-01"; "2e"/"2nd" give "2"; spelled-out numbers
("soixante-quatorzième", "seventy-fourth") give "74". Footnote digits (superscripts) are
not numbers here, and symbols must be blanked out before (see ``symbols.without_symbols``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..profiles import LanguageProfile, get_profile

_HYPHENS = re.compile(r"[-\u2010\u2011]")


@lru_cache(maxsize=8)
def _date_patterns(code: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    profile = get_profile(code)
    months = "|".join(sorted(profile.months, key=len, reverse=True))
    suffixes = "|".join(re.escape(suffix) for suffix in sorted(profile.ordinal_suffixes, key=len, reverse=True))
    day_month = re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:{suffixes})?\s+(?P<month>{months})(?:\s+(?P<year>\d{{4}}))?\b", re.I
    )
    month_day = re.compile(rf"\b(?P<month>{months})\s+(?P<day>\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?\b", re.I)
    month_year = re.compile(rf"\b(?P<month>{months})\s+(?P<year>\d{{4}})\b", re.I)
    return day_month, month_day, month_year


@lru_cache(maxsize=8)
def _number_pattern(code: str) -> re.Pattern[str]:
    profile = get_profile(code)
    groups = "|".join(re.escape(sep) for sep in profile.thousands_separators)
    decimal = re.escape(profile.decimal_separator)
    suffixes = "|".join(re.escape(suffix) for suffix in sorted(profile.ordinal_suffixes, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w.,])(?P<number>\d{{1,3}}(?:(?:{groups})\d{{3}})+(?:{decimal}\d+)?|\d+(?:{decimal}\d+)?)"
        rf"(?:(?:{suffixes})\b)?(?![\w]|[.,]\d)"
    )


def _date_token(match: re.Match[str], profile: LanguageProfile) -> str:
    parts = match.groupdict()
    month = profile.months[parts["month"].lower()]
    year = parts.get("year") or ""
    day = parts.get("day")
    if day is None:
        return f"date:{year}-{month:02d}"
    return f"date:{year or '-'}-{month:02d}-{int(day):02d}"


def dates(text: str, profile: LanguageProfile) -> tuple[list[str], str]:
    """Date tokens, and the text with the dates blanked out."""
    found: list[str] = []
    for pattern in _date_patterns(profile.code):
        found.extend(_date_token(match, profile) for match in pattern.finditer(text))
        text = pattern.sub(" ", text)
    return found, text


def _value(digits: str, profile: LanguageProfile) -> str:
    for separator in profile.thousands_separators:
        if separator != profile.decimal_separator:
            digits = digits.replace(separator, "")
    whole, _, fraction = digits.partition(profile.decimal_separator)
    fraction = fraction.rstrip("0")
    return f"{int(whole)}.{fraction}" if fraction else str(int(whole))


def digit_numbers(text: str, profile: LanguageProfile) -> list[str]:
    return [_value(match.group("number"), profile) for match in _number_pattern(profile.code).finditer(text)]


def _number_words(text: str) -> Iterator[list[str]]:
    """Runs of words (hyphenated compounds split), one run per stretch without punctuation."""
    for chunk in re.split(r"[^\w\s\-\u2010\u2011]+", text.lower()):
        yield [part for word in chunk.split() for part in _HYPHENS.split(word) if part]


def _spelled_value(words: list[str], profile: LanguageProfile) -> int:
    """The value of number words such as ["quatre", "vingt", "dix", "neuf"] (99)."""
    total, current = 0, 0
    for word in words:
        value = profile.cardinal_words.get(word) or profile.ordinal_words.get(word, 0)
        if word in profile.multiplying_words and value >= 1000:
            total += max(current, 1) * value
            current = 0
        elif word in profile.multiplying_words and 0 < current < value:
            current *= value
        else:
            current += value
    return total + current


def spelled_numbers(text: str, profile: LanguageProfile, connector: frozenset[str]) -> list[str]:
    """Values of spelled-out numbers: runs of number words (joined by "et"/"and") that end
    at an ordinal ("vingt et unième"). A lone "un"/"one"/"premier"/"first" (an article, a
    pronoun, an idiom such as "en premier lieu") and a lone "cent"/"mille" ("pour cent")
    do not count."""
    found: list[str] = []
    for words in _number_words(text):
        run: list[str] = []
        for word in [*words, ""]:
            if run and run[-1] in profile.ordinal_words:
                found.extend(_run_value(run, profile, connector))
                run = []
            is_number = word in profile.cardinal_words or word in profile.ordinal_words
            if is_number and run and not _joins(run, word, profile, connector):
                found.extend(_run_value(run, profile, connector))
                run = []
            if is_number or (run and word in connector):
                run.append(word)
                continue
            found.extend(_run_value(run, profile, connector))
            run = []
    return found


def _word_value(word: str, profile: LanguageProfile) -> int:
    return profile.cardinal_words.get(word) or profile.ordinal_words.get(word, 0)


def _joins(run: list[str], word: str, profile: LanguageProfile, connector: frozenset[str]) -> bool:
    """Whether ``word`` continues the number of ``run``: after a multiplier ("deux cent",
    "quatre-vingt") or as a smaller part after tens ("vingt et un", "dix-sept"), not as a
    second number ("deux premiers" is two numbers: 2 and 1st)."""
    previous = next((w for w in reversed(run) if w not in connector), "")
    if word in profile.multiplying_words or previous in profile.multiplying_words:
        return True
    before, value = _word_value(previous, profile), _word_value(word, profile)
    return before >= 10 and value < before


def _run_value(run: list[str], profile: LanguageProfile, connector: frozenset[str]) -> list[str]:
    while run and run[-1] in connector:
        run = run[:-1]
    if not run or not _counts(run, profile):
        return []
    return [str(_spelled_value([word for word in run if word not in connector], profile))]


def _counts(run: list[str], profile: LanguageProfile) -> bool:
    if len(run) > 1:
        return True
    word = run[0]
    value = profile.cardinal_words.get(word) or profile.ordinal_words.get(word, 0)
    return value >= 2 and not (word in profile.multiplying_words and value >= 100)


_DOTTED_LABEL = re.compile(r"(?<![\w.,])\d+(?:\.\d+)+(?![\w]|[.,]\d)")


def dotted_labels(text: str, profile: LanguageProfile) -> tuple[list[str], str]:
    """Numbering such as "5.2" or "16.2.1" (targets, indicators, sections), kept as written
    where the language would not read it as a number, and blanked out of the text."""
    found: list[str] = []

    def take(match: re.Match[str]) -> str:
        label = match.group()
        readable = profile.decimal_separator == "." and label.count(".") == 1
        thousands = "." in profile.thousands_separators and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", label)
        if readable or thousands:
            return label
        found.append(label)
        return " "

    return found, _DOTTED_LABEL.sub(take, text)


def numbers(text: str, profile: LanguageProfile) -> list[str]:
    """All number and date tokens of ``text`` (symbols already removed)."""
    found, rest = dates(text, profile)
    labels, rest = dotted_labels(rest, profile)
    found.extend(labels)
    found.extend(digit_numbers(rest, profile))
    found.extend(spelled_numbers(rest, profile, profile.term_coordinators))
    return found
