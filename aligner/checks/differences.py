"""Where two renderings of one text differ, word by word, for reports to mark.

    marked_words("the Member States decide", "the States decide")
    -> (("the ", False), ("Member", True), (" States decide", False))

Texts are cut into words, spaces and punctuation marks; the longest common subsequence of
those tokens (difflib, without its junk heuristic) is what both share, and every other token
of ``text`` is marked. Case counts: "Member" and "member" differ, as a reviser sees them.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def marked_words(text: str, other: str) -> tuple[tuple[str, bool], ...]:
    """``text`` as (part, differs) runs: a part differs when ``other`` does not have it."""
    tokens, others = _TOKEN.findall(text), _TOKEN.findall(other)
    flags = [True] * len(tokens)
    for block in SequenceMatcher(None, tokens, others, autojunk=False).get_matching_blocks():
        flags[block.a : block.a + block.size] = [False] * block.size
    for index, token in enumerate(tokens):  # a space between two marked words is marked too
        if token.isspace() and 0 < index < len(tokens) - 1 and flags[index - 1] and flags[index + 1]:
            flags[index] = True
    for index, token in enumerate(tokens):  # marks begin and end on words
        if (
            token.isspace()
            and flags[index]
            and not (0 < index < len(tokens) - 1 and flags[index - 1] and flags[index + 1])
        ):
            flags[index] = False
    runs: list[list] = []
    for token, differs in zip(tokens, flags, strict=True):
        if runs and runs[-1][1] == differs:
            runs[-1][0] += token
        else:
            runs.append([token, differs])
    return tuple((part, differs) for part, differs in runs)


def variant_runs(variants: tuple[tuple[str, int], ...]) -> list[tuple[tuple[tuple[str, bool], ...], int]]:
    """Each rendering marked against the usual one (the first), the usual one against the
    second: (runs, count) in the findings' order."""
    if len(variants) < 2:
        return [(((text, False),), count) for text, count in variants]
    usual = variants[0][0]
    return [
        (marked_words(text, variants[1][0] if index == 0 else usual), count)
        for index, (text, count) in enumerate(variants)
    ]
