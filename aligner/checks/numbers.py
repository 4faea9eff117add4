"""Numbers and dates that do not match once French and English conventions are folded.

Each side is read as a set of values: a number said twice on one side and once, or as "the
same amount", on the other is one number. What is structure rather than text is left out:
the paragraph number opening a segment ("12. "), and the ordinal that orders an argument
("Second, ...", "Deuxièmement, ...", which the other side may render "Ensuite").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from ..anchors import without_superscripts
from ..labels import opening_number
from ..profiles import LanguageProfile
from ..quantities import numbers
from ..terms.text import strip_markup
from .finding import Check, CheckContext, Finding
from .multisets import difference
from .symbols import without_symbols

NAME = "numbers"
_YEARLESS = "date:-"


@lru_cache(maxsize=8)
def _enumeration_pattern(profile: LanguageProfile) -> re.Pattern[str]:
    """An ordinal, or its adverb ("secondly", "deuxièmement"), and a comma, opening a
    sentence or a clause."""
    ordinals = "|".join(sorted(map(re.escape, profile.ordinal_words), key=len, reverse=True))
    suffixes = "|".join(map(re.escape, profile.enumeration_suffixes)) or "(?!)"
    return re.compile(rf"(?:^|(?<=[;:.]))\s*(?:{ordinals})(?:{suffixes})?\s*,", re.I)


def number_tokens(text: str, profile: LanguageProfile) -> set[str]:
    """The distinct number, time and date values of a text."""
    plain = unicodedata.normalize("NFC", strip_markup(text))
    # A paragraph or footnote number opening the segment: one side of a memory often lost it
    # in conversion.
    plain = opening_number(frozenset(profile.months)).sub("", plain, count=1)
    plain = _enumeration_pattern(profile).sub(" ", plain)
    return set(numbers(without_superscripts(without_symbols(plain)), profile))


def with_years(values: set[str], other: set[str]) -> set[str]:
    """``values`` read with the years of the other side's dates: a date without its year
    takes the year of the same day and month ("le 1er janvier et le 31 décembre 1994"
    against "1 January 1994 and 31 December 1994"), and a year said apart ("En 2013, ...
    le 12 décembre") is the year of a date there ("12 December 2013")."""
    dated = [value for value in other if value.startswith("date:") and not value.startswith(_YEARLESS)]
    years_of_dates = {value[len("date:") : len("date:") + 4] for value in dated}
    settled = set()
    for value in values:
        if value in years_of_dates and value not in other:
            continue
        day = value[len(_YEARLESS) :] if value.startswith(_YEARLESS) else None
        settled.add(
            next((date for date in dated if day and date.count("-") == 2 and date.endswith(day)), value)
        )
    return settled


def run(context: CheckContext) -> Iterator[Finding]:
    """The numbers check: a finding for each pair whose sides do not hold the same numbers, times
    and dates (read in each side's language; a year alone matches a date of that year)."""
    for index, pair in enumerate(context.pairs):
        source = number_tokens(pair.source, context.source)
        target = number_tokens(pair.target, context.target)
        source, target = with_years(source, target), with_years(target, source)
        detail = difference(Counter(source), Counter(target), "number")
        if detail and pair.target.strip():
            yield context.finding(NAME, "error", index, detail)


CHECK = Check(
    NAME,
    'numbers, ordinals and dates that differ ("2 225" = "2,225", "1er décembre" = "1 December", '
    '"soixante-quatorzième" = "seventy-fourth")',
    run,
)
