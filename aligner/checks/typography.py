"""French typography of the target: a non-breaking space (U+00A0 or U+202F) before ; : ! ?
and inside « »."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .finding import Check, CheckContext, Finding

NAME = "typography"
NARROW = "\u00a0\u202f"
# A mark right after a word (no space at all), and one after an ordinary space. A colon
# followed by a digit (10:30) or "//" (a URL) is not punctuation.
_NO_SPACE = re.compile(r"(?<=[\w)\]»%])(?P<mark>[;!?]|:(?![\d/]))")
_BREAKING_SPACE = re.compile(r"(?<=\S) (?P<mark>[;!?]|:(?![\d/]))")
_OPEN_QUOTE = re.compile(rf"«(?![{NARROW}])")
_CLOSE_QUOTE = re.compile(rf"(?<![{NARROW}])»")


def problems(text: str) -> list[str]:
    """What is wrong with the spacing of French punctuation and quotes in ``text``."""
    found: list[str] = []
    for pattern, message in (
        (_NO_SPACE, "no space before “{}”"),
        (_BREAKING_SPACE, "ordinary space before “{}” (a non-breaking space is expected)"),
    ):
        marks = sorted({match.group("mark") for match in pattern.finditer(text)})
        found.extend(message.format(mark) for mark in marks)
    if _OPEN_QUOTE.search(text):
        found.append("no non-breaking space after «")
    if _CLOSE_QUOTE.search(text):
        found.append("no non-breaking space before »")
    return found


def run(context: CheckContext) -> Iterator[Finding]:
    """The typography check, for a target language that spaces its punctuation (French): a finding
    for each target with a missing or wrong space before ; : ! ? or inside « » (a missing one is
    an error, a wrong kind a warning)."""
    if not context.target.spaced_punctuation:
        return
    for index, pair in enumerate(context.pairs):
        found = problems(pair.target)
        if found:
            severity = "error" if any(item.startswith("no ") for item in found) else "warning"
            yield context.finding(NAME, severity, index, "; ".join(found))


CHECK = Check(NAME, "French target: non-breaking space before ; : ! ? and inside « »", run)
