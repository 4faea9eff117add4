"""UN document symbols (A/74/400, E/CN.15/2019/11, A/C.3/74/L.10/Rev.1) and resolution
numbers (70/1, 2019/16, S-20/2) that differ between the two sides."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from .finding import Check, CheckContext, Finding
from .multisets import difference

NAME = "symbols"

# An organ letter group, then "/"-separated parts such as 74, C.3, L.10, Rev.1, SR.5.
DOCUMENT_SYMBOL = re.compile(r"\b[A-Z]{1,8}(?:/[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*)+")
RESOLUTION_NUMBER = re.compile(r"(?<![\w/.\-])(?:(?:S|ES)-)?\d{1,4}/\d{1,4}(?![\w/]|[.,]\d)")


def symbols(text: str) -> Counter[str]:
    """Symbols and resolution numbers; a symbol holds a digit ("VIH/sida" is not one)."""
    found = Counter(symbol for symbol in DOCUMENT_SYMBOL.findall(text) if any(c.isdigit() for c in symbol))
    found.update(RESOLUTION_NUMBER.findall(DOCUMENT_SYMBOL.sub(" ", text)))
    return found


def without_symbols(text: str) -> str:
    """The text with symbols and resolution numbers blanked out (for the number check)."""
    return RESOLUTION_NUMBER.sub(" ", DOCUMENT_SYMBOL.sub(" ", text))


def run(context: CheckContext) -> Iterator[Finding]:
    for index, pair in enumerate(context.pairs):
        detail = difference(symbols(pair.source), symbols(pair.target), "symbol")
        if detail:
            yield context.finding(NAME, "error", index, detail)


CHECK = Check(NAME, "document symbols and resolution numbers that differ between source and target", run)
