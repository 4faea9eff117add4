"""How sure each structural pair is: ``UnitPair.score`` in [0, 1] and the ``method`` that made it.

A pair's score is meant as the probability that it is right, and the links aligned inside
it inherit it, so a pair made on weak grounds must say so:

- ``key``: the two units carry the same label in a labelled run (section 12 and article 12):
  sure.
- ``content``: paired for what the texts share; the certainty grows with the similarity and
  with its margin over the best rival (a neighbour in reading order, any other unit of a
  list whose order means nothing).
- ``position``: paired mostly because of where the units stand: a stretch of uncertain pairs
  of a run, unit for unit, between two sure pairs (or the ends of the run) is likely right,
  the more so the shorter it is (each further unit is one more place where an omission and
  an insertion could cancel out). Lists each language orders its own way get no such
  support: their positions mean nothing.
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
    # Support from the order of the run (``support_by_order``).
    position: float = 0.0


def sure_share(score: float, rival: float) -> float:
    """Certainty in [0, 1] from a similarity and that of the best rival: it grows linearly
    with both up to SURE_SIMILARITY and a margin of SURE_MARGIN."""
    strength = min(1.0, score / SURE_SIMILARITY)
    margin = min(1.0, max(0.0, score - rival) / SURE_MARGIN)
    return strength * margin


def combine(content: float, position: float) -> float:
    """Two independent pieces of evidence that a pair is right, together: the pair is wrong only if
    both are (1 - (1 - content)(1 - position))."""
    return 1 - (1 - content) * (1 - position)


def settle_scores(pairs: list[UnitPair], facts: dict[int, PairFacts], content: UnitContent) -> None:
    """Give every pair made by content its final score and method, in place (``pairs`` in
    source reading order); then no pair is surer than the pair of the units that hold it
    (the cells of a doubtful row, the paragraphs of a doubtful definition share its doubt)."""
    in_reading_order = _reading_order_support(pairs, facts, content)
    for pair in pairs:
        fact = facts.get(id(pair))
        if fact is None or pair.method in ("key", "none"):
            continue
        position = max(fact.position, in_reading_order.get(id(pair), 0.0))
        pair.score = combine(fact.certainty, position)
        pair.method = "position" if position > fact.certainty else "content"
    _cap_by_parents(pairs)


def _cap_by_parents(pairs: list[UnitPair]) -> None:
    """A pair is at most as sure as the pair of its nearest paired ancestor."""
    score_of = {pair.source[0].key: pair for pair in pairs if pair.source and pair.target}
    for pair in sorted(score_of.values(), key=lambda pair: pair.source[0].key.count("/")):
        segments = pair.source[0].key.split("/")
        for cut in range(len(segments) - 1, 0, -1):
            parent = score_of.get("/".join(segments[:cut]))
            if parent is not None:
                pair.score = min(pair.score, parent.score)
                break


def support_by_order(run: list[UnitPair], facts: dict[int, PairFacts]) -> None:
    """Support from order for the one-to-one pairs of an ordered run made by content (its
    pairs in run order, gaps included): each maximal stretch of uncertain ones between two
    sure pairs, or the ends of the run, gets PER_UNIT ** its length (half that when bounded on
    one side only; a gap or a joined pair next to it is no bound); a sure one is a stretch of
    its own, bounded by any one-to-one pair."""
    index = 0
    while index < len(run):
        if not _by_content(run[index], facts):
            index += 1
            continue
        end = index + 1
        uncertain = _uncertain(run[index], facts)
        if uncertain:
            while end < len(run) and _uncertain(run[end], facts):
                end += 1
        bounds = _bounds(run, index - 1, facts, uncertain) + _bounds(run, end, facts, uncertain)
        value = PER_UNIT ** (end - index) * (1.0 if bounds == 2 else ONE_BOUND_SHARE if bounds == 1 else 0.0)
        for pair in run[index:end]:
            facts[id(pair)].position = value
        index = end


def _by_content(pair: UnitPair, facts: dict[int, PairFacts]) -> bool:
    fact = facts.get(id(pair))
    return bool(fact is not None and fact.ordered and len(pair.source) == len(pair.target) == 1)


def _uncertain(pair: UnitPair, facts: dict[int, PairFacts]) -> bool:
    return _by_content(pair, facts) and facts[id(pair)].certainty < SURE


def _bounds(run: list[UnitPair], index: int, facts: dict[int, PairFacts], sure_only: bool) -> int:
    """Is the pair at ``index`` (or the run's end beyond it) a bound of a stretch? A stretch
    of uncertain pairs needs a sure pair there; a sure pair only needs a one-to-one pair."""
    if index < 0 or index >= len(run):
        return 1
    pair = run[index]
    if not (len(pair.source) == len(pair.target) == 1):
        return 0
    if pair.method == "key" or not sure_only:
        return 1
    fact = facts.get(id(pair))
    return int(fact is not None and fact.certainty >= SURE)


def _is_sure(pair: UnitPair, facts: dict[int, PairFacts]) -> bool:
    if not (pair.source and pair.target):
        return False
    if pair.method == "key":
        return True
    fact = facts.get(id(pair))
    return fact is not None and fact.certainty >= SURE


def _reading_order_support(
    pairs: list[UnitPair], facts: dict[int, PairFacts], content: UnitContent
) -> dict[int, float]:
    """Support from the documents' reading order, all units together, for the uncertain
    one-to-one pairs of ordered runs: a heading between two sections paired by their labels
    stands where its counterpart stands."""
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
        opening = by_source.get(position)
        if opening is None or not candidate(opening):
            position += 1
            continue
        start_target = target_index[opening.target[0].key]
        chain = [opening]
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
