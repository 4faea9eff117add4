"""Footnote references (superscript digits) that differ between the two sides."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from ..terms.text import SUPERSCRIPT_DIGITS, superscripts_to_digits
from .finding import Check, CheckContext, Finding
from .multisets import difference

NAME = "footnotes"
_REFERENCE = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")


def references(text: str) -> Counter[str]:
    return Counter(superscripts_to_digits(match) for match in _REFERENCE.findall(text))


def run(context: CheckContext) -> Iterator[Finding]:
    for index, pair in enumerate(context.pairs):
        detail = difference(references(pair.source), references(pair.target), "footnote")
        if detail:
            yield context.finding(NAME, "error", index, detail)


CHECK = Check(NAME, "footnote references (superscript digits) missing or different on one side", run)
