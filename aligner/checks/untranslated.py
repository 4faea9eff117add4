"""Target segments left in the source language."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..profiles import language_scores
from ..terms.text import comparable
from .finding import Check, CheckContext, Finding

NAME = "untranslated"
_WORD = re.compile(r"[^\W\d_]{2,}")


def _function_words(text: str, profile) -> int:
    return sum(word.lower() in profile.function_words for word in _WORD.findall(text))


def reason(source: str, target: str, context: CheckContext, min_words: int = 5) -> str:
    """Why the target looks untranslated, or "" when it does not. Identical sides count
    only when they contain running text of the source language (not a symbol, a title such
    as "Introduction" or a list of names, which are the same in both languages)."""
    if not target.strip():
        return ""
    if comparable(source) == comparable(target):
        return "target identical to source" if _function_words(target, context.source) >= 2 else ""
    if len(_WORD.findall(target)) < min_words:
        return ""
    scores = language_scores(target)
    source_score = scores.get(context.source.code, 0.0)
    target_score = scores.get(context.target.code, 0.0)
    if source_score >= 0.15 and source_score > 2 * target_score:
        return (
            f"target reads as {context.source.name} (function words {source_score:.0%} vs {target_score:.0%})"
        )
    return ""


def run(context: CheckContext) -> Iterator[Finding]:
    for index, pair in enumerate(context.pairs):
        why = reason(pair.source, pair.target, context)
        if why:
            yield context.finding(NAME, "error", index, why)


CHECK = Check(NAME, "target equal to the source, or written in the source language", run)
