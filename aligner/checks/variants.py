"""Shared by ``same_source`` and ``same_target``: one side repeated, the other side varying."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from ..terms.text import comparable
from ..wording import number
from .finding import CheckContext, Finding

_WORD = re.compile(r"[^\W\d_]{2,}")
# Starts only where a run of these characters starts: linear on a long run not at the end.
_TRAILING_PUNCTUATION = re.compile(r"(?<![\s.;:,!?])[\s.;:,!?]+$")


def _normal(text: str) -> str:
    return _TRAILING_PUNCTUATION.sub("", comparable(text))


def varying_translations(
    context: CheckContext, check: str, repeated_side: str, min_words: int = 3
) -> Iterator[Finding]:
    """Pairs whose ``repeated_side`` ("source" or "target") text recurs elsewhere with a
    different other side. The most frequent rendering counts as the norm; each pair with
    another one is a finding that gives all renderings with their counts. Segments of fewer
    than ``min_words`` words ("Introduction", "Annexe") are left alone."""
    other_side = "target" if repeated_side == "source" else "source"
    groups: dict[str, list[int]] = defaultdict(list)
    for index, pair in enumerate(context.pairs):
        text = getattr(pair, repeated_side)
        if len(_WORD.findall(text)) >= min_words:
            groups[_normal(text)].append(index)
    for members in groups.values():
        renderings = Counter(_normal(getattr(context.pairs[i], other_side)) for i in members)
        if len(renderings) < 2:
            continue
        norm, usual = renderings.most_common(1)[0]
        # Each rendering as its first pair writes it, in full (the report shows them whole).
        written: dict[str, str] = {}
        for index in members:
            text = getattr(context.pairs[index], other_side)
            written.setdefault(_normal(text), " ".join(text.split()))
        variants = tuple((written[text], count) for text, count in renderings.most_common())
        for index in members:
            if _normal(getattr(context.pairs[index], other_side)) != norm:
                count = renderings[_normal(getattr(context.pairs[index], other_side))]
                yield context.finding(
                    check,
                    "warning",
                    index,
                    f"the same {repeated_side} has {len(renderings)} different {other_side}s "
                    f"({number(count)} of its {number(len(members))} pairs {'has' if count == 1 else 'have'} "
                    f"this one, {usual} the most used)",
                    variants,
                )
