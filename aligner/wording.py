"""Counts in messages, written one way everywhere: "1 disagreement", "2 disagreements",
"12,345 units" (English messages, so thousands are grouped with commas).

``counted(1, "unit")`` is "1 unit"; ``counted(3, "entry")`` "3 entries"; a noun whose plural
is not made by the usual rules, or a phrase whose head is not its last word, gives its
plural: ``counted(n, "pair with an empty side", "pairs with an empty side")``.
"""

from __future__ import annotations

import re

_SIBILANT = re.compile(r"(?:s|x|z|ch|sh)$")
_CONSONANT_Y = re.compile(r"[^aeiou]y$")


def number(count: int | float) -> str:
    """``12345`` -> "12,345"; a float keeps what it needs (``0.5`` -> "0.5")."""
    if isinstance(count, float) and not count.is_integer():
        return f"{count:,g}" if abs(count) < 1e6 else f"{count:,.0f}"
    return f"{int(count):,}"


def plural(noun: str) -> str:
    """The regular English plural of ``noun`` (of its last word)."""
    if _CONSONANT_Y.search(noun):
        return noun[:-1] + "ies"
    if _SIBILANT.search(noun):
        return noun + "es"
    return noun + "s"


def noun_for(count: int, noun: str, plural_form: str | None = None) -> str:
    """``noun`` as ``count`` of it is said, without the count: "unknown check" for one,
    "unknown checks" for two."""
    return noun if count == 1 else plural_form or plural(noun)


def counted(count: int, noun: str, plural_form: str | None = None) -> str:
    """``count`` and ``noun``, in the plural unless the count is one: "1 link", "0 links"."""
    return f"{number(count)} {noun_for(count, noun, plural_form)}"
