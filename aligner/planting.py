"""Planted errors for the checks' benchmark and tests: a seeded generator that damages the
target side of aligned segment pairs at random places, one error a pair, and says where.

Kinds: a term's usual rendering replaced once (one of its words swapped for another word of the
document), a number, a date, a document symbol or resolution number, a footnote call removed,
a whole sentence and half a sentence left in the source language. ``EXPECTED`` names the check
that should report each kind. Nothing here knows any document: what is damaged is read off
the pairs given, and the same seed damages the same places.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import replace

import polars as pl

from .anchors import SUPERSCRIPT_RUN, SYMBOL
from .checks.finding import CheckContext
from .model import SegmentPair
from .terms.extract import orientation, oriented

KINDS = ("term", "number", "date", "symbol", "footnote", "untranslated", "half-untranslated")
EXPECTED = {
    "term": "term-consistency",
    "number": "numbers",
    "date": "numbers",
    "symbol": "symbols",
    "footnote": "footnotes",
    "untranslated": "untranslated",
    "half-untranslated": "untranslated",
}
_NUMBER = re.compile(r"(?<![\d/.,\-\w])\d{1,4}(?![\d/\w])")
_WORD = re.compile(r"[^\W\d_]{4,}")


def _symbol_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in SYMBOL.finditer(text) if any(c.isdigit() for c in match.group())]


def plant_number(pair: SegmentPair, rng: random.Random) -> str | None:
    """The target with one of its numbers (not a symbol's, not the label opening the segment) raised
    by 1 to 9; None when it holds none."""
    symbols = _symbol_spans(pair.target)
    # Not the paragraph number opening the segment: structure, which the pairing compares.
    first_word = re.search(r"[^\W\d_]", pair.target)
    opening = first_word.start() if first_word else 0
    found = [
        m
        for m in _NUMBER.finditer(pair.target)
        if m.start() >= opening and not any(a <= m.start() < b for a, b in symbols)
    ]
    if not found:
        return None
    match = rng.choice(found)
    return (
        pair.target[: match.start()]
        + str(int(match.group()) + rng.randint(1, 9))
        + pair.target[match.end() :]
    )


def plant_date(pair: SegmentPair, rng: random.Random, months: tuple[str, ...]) -> str | None:
    """The target with the day of one of its dates (a day before a month name of ``months``) moved
    by one; None when it holds no such date."""
    pattern = re.compile(rf"\b(\d{{1,2}})(?=\s+(?:{'|'.join(months)})\b)", re.I)
    found = list(pattern.finditer(pair.target))
    if not found:
        return None
    match = rng.choice(found)
    day = int(match.group(1))
    other = day + 1 if day < 28 else day - 1
    return pair.target[: match.start()] + str(other) + pair.target[match.end() :]


def plant_symbol(pair: SegmentPair, rng: random.Random) -> str | None:
    """The target with one digit of a document symbol changed (its last digit); None when it cites
    no symbol with digits."""
    spans = _symbol_spans(pair.target)
    if not spans:
        return None
    start, end = rng.choice(spans)
    digits = [i for i in range(start, end) if pair.target[i].isdigit()]
    i = digits[-1]
    new = str((int(pair.target[i]) + rng.randint(1, 8)) % 10)
    return pair.target[:i] + new + pair.target[i + 1 :]


def plant_footnote(pair: SegmentPair, rng: random.Random) -> str | None:
    """The target without one of its footnote references (a run of superscript digits); None when it
    has none."""
    found = list(SUPERSCRIPT_RUN.finditer(pair.target))
    if not found:
        return None
    match = rng.choice(found)
    return pair.target[: match.start()] + pair.target[match.end() :]


def plant_untranslated(pair: SegmentPair, rng: random.Random) -> str | None:
    """The source in place of the target (a segment left untranslated), for a one-to-one pair of
    twelve words or more; else None."""
    if len(pair.source.split()) < 12 or pair.kind != "1-1":
        return None
    return pair.source


def plant_half(pair: SegmentPair, rng: random.Random) -> str | None:
    """The second half of the target replaced by the second half of the source."""
    source, target = pair.source.split(), pair.target.split()
    if len(source) < 24 or len(target) < 24 or pair.kind != "1-1":
        return None
    return " ".join(target[: len(target) // 2] + source[len(source) // 2 :])


class TermPlanter:
    """Replaces, once, the usual rendering of a term of the document's own table: one of its
    words becomes another word of the document (seeded), so the rendering is used once.

    A rendering is usual when, as text, it stands in at least ``usual_share`` of the pairs
    whose source holds the source term as text, and in four of them or more: counted here on
    the strings, apart from how the check counts."""

    usual_share = 0.9

    def __init__(self, pairs: list[SegmentPair]):
        context = CheckContext(*oriented(pairs))
        table = context.terms.table.filter(pl.col("cooccurrences") >= 4)
        self.renderings = [
            (source, target)
            for source, target in table.select("source_term", "target_term").iter_rows()
            if " " in target and self._usual(pairs, source, target)
        ]
        self.vocabulary = sorted({w for p in pairs for w in _WORD.findall(p.target) if w.islower()})

    @classmethod
    def _usual(cls, pairs: list[SegmentPair], source: str, target: str) -> bool:
        with_source = [pair for pair in pairs if source in pair.source]
        together = sum(target in pair.target for pair in with_source)
        return together >= 4 and together >= cls.usual_share * len(with_source)

    def __call__(self, pair: SegmentPair, rng: random.Random) -> str | None:
        fitting = [(s, t) for s, t in self.renderings if s in pair.source and t in pair.target]
        if not fitting:
            return None
        _, rendering = rng.choice(fitting)
        words = rendering.split()
        replaceable = [i for i, word in enumerate(words) if len(word) >= 4]
        if not replaceable:
            return None
        i = rng.choice(replaceable)
        words[i] = rng.choice([w for w in self.vocabulary if w[:4] != words[i][:4].lower()])
        return pair.target.replace(rendering, " ".join(words), 1)


def damage(
    pairs: list[SegmentPair],
    per_kind: int,
    rng: random.Random,
    allowed: Callable[[SegmentPair], bool] = lambda pair: True,
) -> tuple[list[SegmentPair], list[tuple[int, str]]]:
    """A copy of ``pairs`` with up to ``per_kind`` errors of each kind planted in the target
    sides of pairs that ``allowed`` accepts, and the planted (pair index, kind)."""
    damaged = list(pairs)
    months = tuple(orientation(pairs[0])[1].months)
    planters: dict[str, Callable[[SegmentPair, random.Random], str | None]] = {
        "term": TermPlanter(pairs),
        "number": plant_number,
        "date": lambda pair, rng: plant_date(pair, rng, months),
        "symbol": plant_symbol,
        "footnote": plant_footnote,
        "untranslated": plant_untranslated,
        "half-untranslated": plant_half,
    }
    used: set[int] = set()
    planted: list[tuple[int, str]] = []
    order = list(range(len(pairs)))
    for kind in KINDS:
        rng.shuffle(order)
        count = 0
        for index in order:
            if count == per_kind:
                break
            if index in used or not allowed(pairs[index]):
                continue
            new = planters[kind](pairs[index], rng)
            if new is None or new == pairs[index].target:
                continue
            damaged[index] = replace(pairs[index], target=new)
            used.add(index)
            planted.append((index, kind))
            count += 1
    return damaged, planted
