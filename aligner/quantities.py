"""Numbers, dates and times of a text read by its language's conventions: the one reader of
quantities, for the structural pairing's anchors and for the checks.

"2 225" (fr) and "2,225" (en) both give "2225"; "1,5" and "1.5" give "1.5"; "un million",
"1 million" and "one million" give "1000000"; "1er décembre 1950" and "1 December 1950" give
"date:1950-12-01"; "2e"/"2nd" give "2"; spelled-out numbers ("soixante-quatorzième",
"seventy-fourth") give "74"; times give the hour of a 24-hour clock
and the minutes ("18 h 15" and "6.15 p.m." give "18", "15"); "XXIe" gives "21". Footnote
digits (superscripts, or digits glued to the end of a word by conversion: "consultatif3") are
not numbers here, and symbols must be blanked out before (see ``symbols.without_symbols``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache

from .labels import roman_value
from .profiles import LanguageProfile

_HYPHENS = re.compile(r"[-\u2010\u2011]")


def _alternatives(words: Iterable[str]) -> str:
    """A regular-expression alternation of words, longest first (so "juil." is tried before
    "juil"), or a pattern that never matches for no words."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True)) or "(?!)"


@lru_cache(maxsize=8)
def _date_patterns(profile: LanguageProfile) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Day and month (and year), month and day (North American order, and year), month and
    year: "1er décembre 1950", "December 1, 1950", "décembre 1950", "5 juil. 1982", and with
    the language's date linkers "5 de junio de 2020", "junio de 2020"."""
    months = _alternatives([*profile.months, *(name + "." for name in profile.month_abbreviations)])
    suffixes = _alternatives(profile.ordinal_suffixes)
    linker = rf"(?:(?:{_alternatives(profile.date_linkers)})\s+)?"
    day_month = re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:{suffixes})?\s+{linker}(?P<month>{months})"
        rf"(?:,?\s+{linker}(?P<year>\d{{4}}))?(?!\w)",
        re.I,
    )
    month_day = re.compile(rf"\b(?P<month>{months})\s+(?P<day>\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?\b", re.I)
    month_year = re.compile(rf"\b(?P<month>{months})\s+{linker}(?P<year>\d{{4}})\b", re.I)
    return day_month, month_day, month_year


@lru_cache(maxsize=8)
def _number_pattern(profile: LanguageProfile) -> re.Pattern[str]:
    groups = "|".join(re.escape(sep) for sep in profile.thousands_separators)
    decimal = re.escape(profile.decimal_separator)
    suffixes = _alternatives(profile.ordinal_suffixes)
    # Letters may follow a number ("10point", "235U", "1990s"); see ``_glued_footnote`` for
    # what may precede it.
    return re.compile(
        rf"(?<![\d.,])(?P<number>\d{{1,3}}(?:(?:{groups})\d{{3}})+(?:{decimal}\d+)?|\d+(?:{decimal}\d+)?)"
        rf"(?:(?:{suffixes})\b)?(?!\d|[.,]\d)"
    )


def _month(name: str, profile: LanguageProfile) -> int:
    name = name.lower()
    return profile.months.get(name) or profile.month_abbreviations[name.rstrip(".")]


def _date_token(match: re.Match[str], profile: LanguageProfile) -> str:
    parts = match.groupdict()
    month = _month(parts["month"], profile)
    year = parts.get("year") or ""
    day = parts.get("day")
    if day is None:
        return f"date:{year}-{month:02d}"
    return f"date:{year or '-'}-{month:02d}-{int(day):02d}"


def full_dates(text: str, profile: LanguageProfile) -> list[tuple[int, int, int]]:
    """The dates that have a day, a month and a year, as (year, month, day) in the order of
    the text: "1er décembre 1950", "1 December 1950", "December 1, 1950" and "1 déc. 1950"
    agree."""
    day_month, month_day, _ = _date_patterns(profile)
    found = [
        (match.start(), (int(match["year"]), _month(match["month"], profile), int(match["day"])))
        for pattern in (day_month, month_day)
        for match in pattern.finditer(text)
        if match["year"]
    ]
    return [date for _, date in sorted(found)]


def dates(text: str, profile: LanguageProfile) -> tuple[list[str], str]:
    """Date tokens, and the text with the dates blanked out."""
    found: list[str] = []
    for pattern in _date_patterns(profile):
        found.extend(_date_token(match, profile) for match in pattern.finditer(text))
        text = pattern.sub(" ", text)
    return found, text


def _value(digits: str, profile: LanguageProfile) -> str:
    for separator in profile.thousands_separators:
        if separator != profile.decimal_separator:
            digits = digits.replace(separator, "")
    whole, _, fraction = digits.partition(profile.decimal_separator)
    fraction = fraction.rstrip("0")
    whole = whole.lstrip("0") or "0"  # as int() would write it, for numbers of any length
    return f"{whole}.{fraction}" if fraction else whole


def _glued_footnote(text: str, start: int) -> bool:
    """Digits right after a lower-case letter or a closing bracket or quote ("consultatif3",
    "(Règles de Bangkok)16", '"... ranges"18') are a footnote reference flattened by
    conversion; after a capital they are part of a name ("B59", "PM2.5", "UF6")."""
    before = text[start - 1] if start else " "
    closing_quote = before == '"' and start >= 2 and not text[start - 2].isspace()
    currency = text[max(0, start - 4) : start].lower() == "euro"  # "€" as conversion spells it
    return (before.islower() and not currency) or before in ")]»”" or closing_quote


# A number longer than this is read as written, never multiplied ("1.5 million"): Python
# will not convert a number of over 4,300 digits, and no amount in a document has 30.
_MAX_SCALED = 30
_NEXT_WORD = re.compile(r"(?<!\s)\s+([^\W\d_]+)")


def _scaled(value: str, text: str, end: int, profile: LanguageProfile) -> str:
    """The value times the large number word that follows it: "1,5 million" and "un million"
    are both read in full (1500000, 1000000), as "1.5 million" and "one million" are."""
    word = _NEXT_WORD.match(text, end)
    if word is None:
        return value
    scale = profile.cardinal_words.get(word.group(1).lower(), 0)
    if scale < 10**6 or word.group(1).lower() not in profile.multiplying_words or len(value) > _MAX_SCALED:
        return value
    return (
        format(Decimal(value) * scale, "f").rstrip("0").rstrip(".")
        if "." in value
        else str(int(value) * scale)
    )


def digit_numbers(text: str, profile: LanguageProfile) -> list[str]:
    """Numbers written with digits, each as a plain decimal ("2 225" and "2,225" give "2225"), scaled by a
    following "million"; footnote digits glued to a word are left out."""
    return [
        _scaled(_value(match.group("number"), profile), text, match.end(), profile)
        for match in _number_pattern(profile).finditer(text)
        if not _glued_footnote(text, match.start())
    ]


def _clock(match: re.Match[str]) -> list[str]:
    parts = match.groupdict()
    hour, minute = int(parts["hour"]), int(parts.get("minute") or 0)
    if parts.get("pm") and hour < 12:
        hour += 12
    elif parts.get("am") and hour == 12:
        hour = 0
    return [str(hour), str(minute)] if minute else [str(hour)]


@lru_cache(maxsize=8)
def _time_word_pattern(profile: LanguageProfile) -> re.Pattern[str] | None:
    names = profile.time_words
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, names))})\b", re.I) if names else None


def times(text: str, profile: LanguageProfile) -> tuple[list[str], str]:
    """Hours and minutes of the times of day, and the text with the times blanked out."""
    found: list[str] = []

    def take(match: re.Match[str]) -> str:
        found.extend(_clock(match))
        return " "

    for pattern in profile.time_patterns:
        text = pattern.sub(take, text)
    words = _time_word_pattern(profile)
    if words is not None:
        found.extend(str(profile.time_words[match.group().lower()]) for match in words.finditer(text))
    return found, text


@lru_cache(maxsize=8)
def _roman_ordinal_pattern(profile: LanguageProfile) -> re.Pattern[str] | None:
    """ "XXIe", "IIIe": two roman digits or more, or I, V, X alone ("Ce", "Le" are words)."""
    suffixes = profile.ordinal_suffixes
    if not suffixes:
        return None
    endings = "|".join(re.escape(suffix) for suffix in sorted(suffixes, key=len, reverse=True))
    return re.compile(rf"\b(?P<roman>[IVXLC]{{2,}}|[IVX])(?:{endings})\b")


def roman_ordinals(text: str, profile: LanguageProfile) -> list[str]:
    """Roman numerals read as ordinals by the language's endings ("XXIe" gives "21")."""
    pattern = _roman_ordinal_pattern(profile)
    return [str(roman_value(match.group("roman"))) for match in pattern.finditer(text)] if pattern else []


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


def correlative_numbers(text: str, profile: LanguageProfile) -> list[str]:
    """ "both" is two ("both sides", "les deux parties") unless a coordinator follows it in
    the text: then it opens a coordination ("both in Geneva and in New York")."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    return [
        str(profile.correlative_numbers[word])
        for position, word in enumerate(words)
        if word in profile.correlative_numbers
        and not profile.term_coordinators.intersection(words[position + 1 :])
    ]


@lru_cache(maxsize=8)
def _percent_pattern(profile: LanguageProfile) -> re.Pattern[str] | None:
    phrases = profile.percent_words
    if not phrases:
        return None
    return re.compile(
        r"\b(?:" + "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in phrases) + r")\b", re.I
    )


def numbers(text: str, profile: LanguageProfile) -> list[str]:
    """All number, time and date tokens of ``text`` (symbols already removed)."""
    percent = _percent_pattern(profile)
    if percent is not None:
        text = percent.sub(" % ", text)
    found, rest = dates(text, profile)
    clock, rest = times(rest, profile)
    labels, rest = dotted_labels(rest, profile)
    found.extend(clock)
    found.extend(labels)
    found.extend(roman_ordinals(rest, profile))
    found.extend(digit_numbers(rest, profile))
    found.extend(spelled_numbers(rest, profile, profile.term_coordinators))
    found.extend(correlative_numbers(rest, profile))
    return found
