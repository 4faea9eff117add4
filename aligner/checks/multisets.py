"""Checks that compare a multiset found on each side of every pair (symbols, footnote calls)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

from ..anchors import describe_difference as difference
from ..profiles import LanguageProfile
from .finding import CheckContext, Finding

__all__ = ["compare_sides", "difference"]


def compare_sides(
    context: CheckContext, name: str, items: Callable[[str, LanguageProfile], Counter[str]], what: str
) -> Iterator[Finding]:
    """An error for every pair whose two sides do not hold the same ``items`` (found in each
    side's text with that side's language profile)."""
    for index, pair in enumerate(context.pairs):
        detail = difference(items(pair.source, context.source), items(pair.target, context.target), what)
        if detail:
            yield context.finding(name, "error", index, detail)
