"""How many gold paragraph pairs an alignment reproduces (HURIDOCS' paragraph labels).

The gold is a list of paragraph pairs, each side the text of one paragraph as some PDF
extraction gave it (``{"paragraphs": [{"main_language": ..., "other_language": ...}]}``).
Texts are compared after normalisation: Unicode compatibility forms folded (a superscript
call "¹" is the digit of the gold's plain text), case folded, and everything that is not a
letter or a digit removed, so that whitespace, punctuation, dot leaders and hyphens at line
ends do not count (a text of punctuation only keeps it, without its spaces).

A gold pair (F, E) is reproduced by the sentence links of a bitext when:

1. F is the text of a run of consecutive source sentences S, and E of a run of consecutive
   target sentences T, whole sentences only (a gold paragraph that starts or ends inside
   one of our sentences, or that our reading glued to a neighbour, is not found);
2. the links that touch S or T stay inside S x T: no sentence of F is linked with anything
   outside E, and no sentence of E with anything outside F;
3. and the links are a pairing, not a pair of gaps: the links with two sides cover more
   than half of the characters of F and of E.

So a paragraph we split into two units that are paired with the two halves of its
translation counts (the translator gets F against E, in two segments), a paragraph merged
with its neighbour does not, and neither does one whose sentences went to another
paragraph. Where a short text occurs several times ("ACCRA"), any of its places may do.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .model import Bitext


def normalise(text: str) -> str:
    """Letters and digits only, compatibility forms folded, case folded; a text of
    punctuation only ("(…) »") keeps its punctuation, without spaces, so it can be found."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    letters = "".join(char for char in folded if char.isalnum())
    return letters or "".join(folded.split())


@dataclass(frozen=True, slots=True)
class GoldPair:
    """One paragraph pair of a gold file: its source and target texts."""

    source: str
    target: str


def read_gold_pairs(path: str | Path, swap: bool = False) -> list[GoldPair]:
    """HURIDOCS labels: main language first; ``swap`` reads them the other way round."""
    try:
        payload = json.loads(Path(path).read_text(encoding="utf-8"))
        paragraphs = payload["paragraphs"]
        pairs = [GoldPair(item["main_language"], item["other_language"]) for item in paragraphs]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InputError(f"{path}: not a paragraph gold file ({error})") from None
    return [GoldPair(pair.target, pair.source) for pair in pairs] if swap else pairs


@dataclass
class ParagraphScore:
    """How many gold paragraph pairs the alignment reproduces (its links join exactly those
    sentences), how many it could have (the gold texts are runs of our sentences), and the missed
    ones."""

    gold: int
    reproduced: int
    found: int  # gold pairs whose two texts are runs of whole sentences of ours
    missed: list[GoldPair] = field(default_factory=list)

    @property
    def share(self) -> float:
        """The share of gold pairs reproduced (0 without gold pairs)."""
        return self.reproduced / self.gold if self.gold else 0.0


class _Side:
    """One side's sentences as one normalised string, with the sentence boundaries."""

    def __init__(self, sentences: Sequence[str]) -> None:
        pieces = [normalise(sentence) for sentence in sentences]
        self.text = "".join(pieces)
        self.lengths = [len(piece) for piece in pieces]
        self.start_of: dict[int, int] = {}
        self.end_of: dict[int, int] = {}
        offset = 0
        for index, piece in enumerate(pieces):
            self.start_of.setdefault(offset, index)
            offset += len(piece)
            self.end_of[offset] = index + 1

    def spans(self, text: str) -> list[range]:
        """Runs of whole sentences whose text is ``text``."""
        needle = normalise(text)
        found: list[range] = []
        if not needle:
            return found
        position = self.text.find(needle)
        while position >= 0:
            start = self.start_of.get(position)
            end = self.end_of.get(position + len(needle))
            if start is not None and end is not None and end > start:
                found.append(range(start, end))
            position = self.text.find(needle, position + 1)
        return found


def score_paragraph_pairs(gold: Sequence[GoldPair], bitext: Bitext) -> ParagraphScore:
    """How many gold paragraph pairs the bitext reproduces: a pair counts when the sentences its two
    texts cover on each side are linked to each other and to nothing else."""
    source = _Side([sentence.text for sentence in bitext.source_sentences])
    target = _Side([sentence.text for sentence in bitext.target_sentences])
    links_of_source: dict[int, list[int]] = {}
    links_of_target: dict[int, list[int]] = {}
    for number, link in enumerate(bitext.links):
        for index in link.source:
            links_of_source.setdefault(index, []).append(number)
        for index in link.target:
            links_of_target.setdefault(index, []).append(number)
    score = ParagraphScore(gold=len(gold), reproduced=0, found=0)
    for pair in gold:
        candidates = [(s, t) for s in source.spans(pair.source) for t in target.spans(pair.target)]
        if candidates:
            score.found += 1
        if any(
            _reproduced(s, t, bitext, links_of_source, links_of_target, source, target) for s, t in candidates
        ):
            score.reproduced += 1
        else:
            score.missed.append(pair)
    return score


def _reproduced(
    sources: range,
    targets: range,
    bitext: Bitext,
    links_of_source: dict[int, list[int]],
    links_of_target: dict[int, list[int]],
    source: _Side,
    target: _Side,
) -> bool:
    touching = {number for index in sources for number in links_of_source.get(index, [])}
    touching |= {number for index in targets for number in links_of_target.get(index, [])}
    linked_source = linked_target = 0
    for number in touching:
        link = bitext.links[number]
        if any(index not in sources for index in link.source) or any(
            index not in targets for index in link.target
        ):
            return False
        if link.source and link.target:
            linked_source += sum(source.lengths[index] for index in link.source)
            linked_target += sum(target.lengths[index] for index in link.target)
    total_source = sum(source.lengths[index] for index in sources)
    total_target = sum(target.lengths[index] for index in targets)
    return 2 * linked_source > total_source and 2 * linked_target > total_target
