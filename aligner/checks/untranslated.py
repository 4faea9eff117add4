"""Target text left in the source language: a whole segment, or a passage inside one (a
sentence or a clause not translated), found by the language of its words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..profiles import LanguageProfile, language_scores
from ..terms.text import comparable, strip_markup, tokenize
from .finding import Check, CheckContext, Finding

NAME = "untranslated"
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True, slots=True)
class UntranslatedOptions:
    """When a target reads as untranslated: the same text as the source (segments of ``min_words``
    or more), or a passage of ``window`` running words holding at least ``min_marked`` function
    words of the source language only and at most ``max_target_marks`` of the target's."""

    min_words: int = 5
    # A passage: this many running words, of which at least ``min_marked`` are function words
    # of the source language alone and at most ``max_target_marks`` of the target language.
    window: int = 10
    min_marked: int = 4
    max_target_marks: int = 1


def _function_words(text: str, profile: LanguageProfile) -> int:
    """Function words of the language in ``text``, its elided ones too ("l'" and "d'" in
    "l'évaluation afin d'y incorporer")."""
    found = 0
    for token in tokenize(strip_markup(text), profile):
        if token.kind != "word":
            continue
        if token.lower.endswith("'"):
            found += token.lower.rstrip("'") in profile.elisions
        else:
            found += len(token.lower) >= 2 and token.lower in profile.function_words
    return found


def _marks(words: list[str], own: LanguageProfile, other: LanguageProfile) -> list[bool]:
    """Which words are function words of ``own`` that ``other`` does not also use ("a" is
    French and English)."""
    shared = other.function_words | other.stopwords
    return [word in own.function_words and word not in shared for word in words]


def untranslated_passage(
    target: str,
    source_profile: LanguageProfile,
    target_profile: LanguageProfile,
    options: UntranslatedOptions,
) -> str:
    """The first run of words in the target that reads as the source language, or ""."""
    words = _WORD.findall(strip_markup(target))
    lowered = [word.lower() for word in words]
    source_marks = _marks(lowered, source_profile, target_profile)
    target_marks = _marks(lowered, target_profile, source_profile)
    for start in range(max(1, len(words) - options.window + 1)):
        end = start + options.window
        if (
            sum(source_marks[start:end]) >= options.min_marked
            and sum(target_marks[start:end]) <= options.max_target_marks
        ):
            return " ".join(words[start:end])
    return ""


def reason(
    source: str, target: str, context: CheckContext, options: UntranslatedOptions = UntranslatedOptions()
) -> str:
    """Why the target looks untranslated, or "" when it does not. Identical sides count
    only when they contain running text of the source language (not a symbol, a title such
    as "Introduction" or a list of names, which are the same in both languages)."""
    if not target.strip():
        return ""
    if comparable(source) == comparable(target):
        return "target identical to source" if _function_words(target, context.source) >= 2 else ""
    if len(_WORD.findall(target)) < options.min_words:
        return ""
    scores = language_scores(target)
    source_score = scores.get(context.source.code, 0.0)
    target_score = scores.get(context.target.code, 0.0)
    if source_score >= 0.15 and source_score > 2 * target_score:
        return (
            f"target reads as {context.source.name} (function words {source_score:.0%} vs {target_score:.0%})"
        )
    passage = untranslated_passage(target, context.source, context.target, options)
    if passage:
        return f"a passage of the target reads as {context.source.name}: “{passage} …”"
    return ""


def run(context: CheckContext) -> Iterator[Finding]:
    """The untranslated check: a finding for each pair whose target is its source again or holds a
    passage in the source language."""
    for index, pair in enumerate(context.pairs):
        why = reason(pair.source, pair.target, context)
        if why:
            yield context.finding(NAME, "error", index, why)


CHECK = Check(NAME, "target, or a passage of it, left in the source language", run)
