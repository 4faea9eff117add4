"""Footnote references (superscript digits) that differ between the two sides."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..anchors import SUPERSCRIPT_RUN, superscript_to_digits
from .finding import Check, CheckContext, Finding
from .multisets import compare_sides

NAME = "footnotes"


def references(text: str) -> Counter[str]:
    """The footnote references of a text (runs of superscript digits) as plain numbers, counted."""
    return Counter(superscript_to_digits(match) for match in SUPERSCRIPT_RUN.findall(text))


def run(context: CheckContext) -> Iterator[Finding]:
    """The footnote check: a finding for each pair whose sides do not hold the same footnote
    references."""
    return compare_sides(context, NAME, lambda text, _profile: references(text), "footnote")


CHECK = Check(NAME, "footnote references (superscript digits) missing or different on one side", run)
