"""Document symbols (A/74/400, E/CN.15/2019/11, A/C.3/74/L.10/Rev.1, SOR/2019-12) and
resolution numbers (70/1, 2019/16, S-20/2) that differ between the two sides; a symbol that
each language writes its own way ("DORS/2019-12", "SOR/2019-12") is one symbol."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..anchors import RESOLUTION_NUMBER, SYMBOL, document_symbols, resolution_numbers
from ..profiles import LanguageProfile
from .finding import Check, CheckContext, Finding
from .multisets import compare_sides

NAME = "symbols"


def symbols(text: str, profile: LanguageProfile) -> Counter[str]:
    """Symbols, in neutral form, and resolution numbers; a symbol holds a digit ("VIH/sida"
    is not one)."""
    found = Counter(document_symbols(text, profile))
    found.update(resolution_numbers(SYMBOL.sub(" ", text)))
    return found


def without_symbols(text: str) -> str:
    """The text with symbols and resolution numbers blanked out (for the number check)."""
    return RESOLUTION_NUMBER.sub(" ", SYMBOL.sub(" ", text))


def run(context: CheckContext) -> Iterator[Finding]:
    """The symbols check: a finding for each pair whose sides do not cite the same document symbols
    and resolution numbers (each in its neutral form)."""
    return compare_sides(context, NAME, symbols, "symbol")


CHECK = Check(NAME, "document symbols and resolution numbers that differ between source and target", run)
