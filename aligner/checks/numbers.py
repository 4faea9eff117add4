"""Numbers and dates that do not match once French and English conventions are folded."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from ..terms.text import strip_markup, without_superscript_digits
from .finding import Check, CheckContext, Finding
from .multisets import difference
from .numerals import numbers
from .symbols import without_symbols

NAME = "numbers"


def number_tokens(text: str, profile) -> Counter[str]:
    plain = without_superscript_digits(without_symbols(strip_markup(text)))
    return Counter(numbers(plain, profile))


def run(context: CheckContext) -> Iterator[Finding]:
    for index, pair in enumerate(context.pairs):
        source = number_tokens(pair.source, context.source)
        target = number_tokens(pair.target, context.target)
        detail = difference(source, target, "number")
        if detail and pair.target.strip():
            yield context.finding(NAME, "error", index, detail)


CHECK = Check(
    NAME,
    "numbers, ordinals and dates that differ (\"2 225\" = \"2,225\", \"1er décembre\" = \"1 December\", "
    "\"soixante-quatorzième\" = \"seventy-fourth\")",
    run,
)
