"""How sure each structural pair is: ``UnitPair.score`` in [0, 1] and the ``method`` that made it.

A pair's score is meant as the probability that it is right, and the links aligned inside
it inherit it, so a pair made on weak grounds must say so:

- ``key``: the two units carry the same label in a labelled run (section 12 and article 12):
  sure.
- ``content``: paired for what the texts share; the certainty grows with the similarity and
  with its margin over the best rival (a neighbour in reading order, any other unit of a
  list whose order means nothing).
- ``position``: paired mostly because of where the units stand: a run of uncertain pairs in
  reading order, unit for unit, between two sure pairs (or the document's ends) is likely
  right, the more so the shorter it is (each further unit is one more place where an
  omission and an insertion could cancel out). Lists each language orders its own way get no
  such support: their positions mean nothing.
- ``none``: one side is empty.

The two kinds of evidence are combined as independent chances of being right:
1 - (1 - content) (1 - position).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import UnitPair
from .unit_content import UnitContent

# A pair at least this sure bounds a run of uncertain pairs.
SURE = 0.8
# A pair of an ordered run is sure from content when its similarity reaches SURE_SIMILARITY
# and stands SURE_MARGIN above that of either unit with the other's neighbours.
SURE_SIMILARITY = 0.6
SURE_MARGIN = 0.25
# Support from position for a run of n uncertain pairs between two sure ones: PER_UNIT ** n
# (0.97 for one pair squeezed between two sure ones, 0.86 for five, 0.74 for ten).
PER_UNIT = 0.97
# Bounded on one side only (the other side has a one-sided unit or a doubtful pair).
ONE_BOUND_SHARE = 0.5


@dataclass(slots=True)
class PairFacts:
    """What the pairing knew about a pair when it made it."""

    similarity: float
    certainty: float
    ordered: bool = True


def sure_share(score: float, rival: float) -> float:
    """Certainty in [0, 1] from a similarity and that of the best rival: it grows linearly
    with both up to SURE_SIMILARITY and a margin of SURE_MARGIN."""
    strength = min(1.0, score / SURE_SIMILARITY)
    margin = min(1.0, max(0.0, score - rival) / SURE_MARGIN)
    return strength * margin


def combine(content: float, position: float) -> float:
    return 1 - (1 - content) * (1 - position)


def settle_scores(pairs: list[UnitPair], facts: dict[int, PairFacts], content: UnitContent) -> None:
    """Give every pair made by content its final score and method, in place (``pairs`` in
    source reading order); key and one-sided pairs keep theirs."""
    support = _position_support(pairs, facts, content)
    for pair in pairs:
        fact = facts.get(id(pair))
        if fact is None or pair.method in ("key", "none"):
            continue
        position = support.get(id(pair), 0.0)
        pair.score = combine(fact.certainty, position)
        pair.method = "position" if position > fact.certainty else "content"


def _is_sure(pair: UnitPair, facts: dict[int, PairFacts]) -> bool:
    if not (pair.source and pair.target):
        return False
    if pair.method == "key":
        return True
    fact = facts.get(id(pair))
    return fact is not None and fact.certainty >= SURE


def _position_support(
    pairs: list[UnitPair], facts: dict[int, PairFacts], content: UnitContent
) -> dict[int, float]:
    """Support from reading order for the uncertain one-to-one pairs of ordered runs."""
    source_index, target_index = content.source.index, content.target.index
    last_source, last_target = len(content.source.document.units), len(content.target.document.units)
    by_source: dict[int, UnitPair] = {}
    for pair in pairs:
        if pair.source and pair.target:
            for unit in pair.source:
                by_source[source_index[unit.key]] = pair

    def bound_before(source_position: int, target_position: int) -> bool:
        if source_position == 0 and target_position == 0:
            return True
        pair = by_source.get(source_position - 1)
        return bool(
            pair
            and _is_sure(pair, facts)
            and target_index[pair.target[-1].key] == target_position - 1
            and source_index[pair.source[-1].key] == source_position - 1
        )

    def bound_after(source_position: int, target_position: int) -> bool:
        if source_position == last_source and target_position == last_target:
            return True
        pair = by_source.get(source_position)
        return bool(
            pair
            and _is_sure(pair, facts)
            and source_index[pair.source[0].key] == source_position
            and target_index[pair.target[0].key] == target_position
        )

    def candidate(pair: UnitPair) -> bool:
        fact = facts.get(id(pair))
        return bool(
            fact
            and fact.ordered
            and len(pair.source) == len(pair.target) == 1
            and pair.method != "key"
            and fact.certainty < SURE
        )

    support: dict[int, float] = {}
    position = 0
    while position < last_source:
        pair = by_source.get(position)
        if pair is None or not candidate(pair):
            position += 1
            continue
        start_target = target_index[pair.target[0].key]
        chain = [pair]
        while True:
            following = by_source.get(position + len(chain))
            if following is None or not candidate(following):
                break
            if target_index[following.target[0].key] != start_target + len(chain):
                break
            chain.append(following)
        bounds = bound_before(position, start_target) + bound_after(
            position + len(chain), start_target + len(chain)
        )
        value = PER_UNIT ** len(chain) * (1.0 if bounds == 2 else ONE_BOUND_SHARE if bounds == 1 else 0.0)
        for member in chain:
            support[id(member)] = value
        position += len(chain)
    return support
