"""Pair the units of two documents and report where their structures disagree.

Units are taken level by level (``res:IV`` before ``res:IV/op:12`` before ``res:IV/op:12/b``)
and, at each level, sibling runs of the same type under corresponding parents are aligned by
a dynamic programme whose moves are 1-1, 1-0, 0-1, 2-1 and 1-2. A shared label ("12", "b")
is strong evidence; content (length, numbers, document symbols, dates, footnote references,
names, cognates) decides for ordinal runs (preambular paragraphs, unlabelled paragraphs,
headings) and overrules a label when a paragraph was renumbered. Lists that each language
orders its own way (definitions, alphabetical lists) are matched by content without regard
to order (``lists``). Units left without a counterpart because the two versions nest them
differently (a provision one level deeper in one language) are paired afterwards by label.
Every pair then gets a score that says how sure it is, and a method (``pair_scores``).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping

from ..align.lexicon import Lexicon
from ..anchors import describe_difference
from ..errors import MismatchError
from ..labels import UPPER_ROMAN, roman_value
from ..model import Disagreement, Document, StructuralAlignment, Unit, UnitPair, is_ordinal_key, key_type
from ..profiles import LanguageProfile
from ..wording import counted, number
from .lists import UNORDERED_TYPES, is_sorted_list, match_unordered
from .pair_scores import PairFacts, combine, settle_scores, support_by_order, sure_share
from .unit_content import UnitContent, merge_anchors

# Unnumbered headings, paragraphs, bulleted items and tables (their first cells) of one
# parent are one run in reading order: whether a short line is a heading, a paragraph or an
# item is a matter of punctuation and styling, which translations do not always keep, and a
# table may be found on one side only.
FLOW_TYPES = frozenset({"h", "para", "item", "tbl"})
FLOW_RUN = "flow"
# Labels that are names rather than numbers (HTML anchors, chapters named by their anchor):
# the same name pairs two units, but a different one proves nothing, since the name may be
# a slug of the translated title ("#droits-des-personnes" / "#rights-of-people").
NAMED_TYPES = frozenset({"id", "ch"})
# Moves of the dynamic programme that may join two units (split or merged paragraphs).
MERGEABLE_KINDS = frozenset(
    {
        "paragraph",
        "preamble",
        "operative",
        "text",
        "item",
        "definition",
        "subsection",
        "subparagraph",
        "clause",
        "subclause",
        "continued",
        "provision",
    }
)
PAIR_THRESHOLD = 0.35
LABEL_BONUS = 0.8
LABEL_CONFLICT = 0.2
MERGE_PENALTY = 0.15
MIN_PAIRED_SHARE = 0.4
# Leaving a unit unpaired costs this much: a pair of unrelated texts (similarity 0) scores
# -PAIR_THRESHOLD, better than two skips, so a unit is left out only when a neighbour
# pairs better without it.
SKIP_COST = 0.3
# Similarity above which a unit of an ordinal run of equal length is paired without search.
SURE_PAIR = 0.5
SURE_MARGIN = 0.05
BAND_MARGIN = 4
# A bound on the work a labelled run of siblings may cost (an unlabelled one past
# MAX_SEARCHED_CELLS goes to ``_align_long_run``), met by no real pair of language versions:
# the ordered search visits at most this many cells (its band narrows for very long runs,
# down to BAND_MARGIN).
MAX_BAND_CELLS = 2_000_000
MOVES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))
# Lists whose order means nothing are matched entry against entry up to this many pairs
# (400 entries a side).
MAX_LIST_PAIRS = 160_000
# Two units nested differently, the sole ones with their label under one paired ancestor,
# are this likely to correspond before their texts are compared.
DISPLACED_SUPPORT = 0.8
# A run whose search above would visit more cells than this is aligned as the sentence
# aligner aligns a long text (``_align_long_run``): the search is quadratic when the two
# runs differ much in length.
MAX_SEARCHED_CELLS = 200_000
# A pair that joins units (2-1, 1-2) is never surer than this from content alone.
JOINED_CERTAINTY = 0.9


class _Pairing:
    """One structural alignment under way: the content of both sides and what is known about
    each pair made (its similarity and certainty, whether its run has an order)."""

    def __init__(self, content: UnitContent) -> None:
        self.content = content
        self.facts: dict[int, PairFacts] = {}
        self.displaced: set[int] = set()

    def similarity(self, source_units: list[Unit], target_units: list[Unit]) -> float:
        return self.content.similarity(source_units, target_units)

    def record(self, pair: UnitPair, similarity: float, certainty: float, ordered: bool = True) -> UnitPair:
        self.facts[id(pair)] = PairFacts(similarity, certainty, ordered)
        return pair


def align_structure(
    source: Document,
    target: Document,
    source_profile: LanguageProfile,
    target_profile: LanguageProfile,
    force: bool = False,
    dictionary: Lexicon | None = None,
) -> StructuralAlignment:
    """Pair the units of ``source`` and ``target``; refuse two different documents unless forced.

    ``dictionary`` (source to target) helps match lists whose order differs by language.
    """
    _refuse_different_symbols(source, target, source_profile, target_profile, force)
    content = UnitContent(source, target, source_profile, target_profile, dictionary)
    pairing = _Pairing(content)
    pairs = _pair_levels(pairing)
    pairs = _pair_displaced(pairs, pairing)
    _refuse_unrelated(pairs, pairing, source, target, force)
    pairs = _pair_leftovers(_order_pairs(pairs, content), pairing)
    pairs = _order_pairs(pairs, content)
    settle_scores(pairs, pairing.facts, content)
    disagreements = [
        found for pair in pairs for found in _pair_disagreements(pair, id(pair) in pairing.displaced)
    ]
    disagreements += _content_disagreements(pairs, content)
    disagreements += _footnote_count_disagreements(pairs, source, target)
    return StructuralAlignment(source, target, pairs, disagreements)


# --- levels and runs --------------------------------------------------------------------------


def _pair_levels(pairing: _Pairing) -> list[UnitPair]:
    """Align sibling runs level by level, carrying target-to-source key renames downwards."""
    source, target = pairing.content.source, pairing.content.target
    renamed: dict[str, str] = {}
    pairs: list[UnitPair] = []
    depth = 0
    max_depth = max(
        (unit.key.count("/") for unit in (*source.document.units, *target.document.units)), default=0
    )
    while depth <= max_depth:
        source_runs = _runs_at_depth(source.document.units, depth, lambda key: key)
        target_runs = _runs_at_depth(target.document.units, depth, lambda key: _rename(key, renamed))
        for run_key in sorted(set(source_runs) | set(target_runs), key=str):
            run_pairs = _align_run(
                source_runs.get(run_key, []), target_runs.get(run_key, []), pairing, run_key[1]
            )
            for pair in run_pairs:
                pairs.append(pair)
                if pair.source and pair.target:
                    renamed[pair.target[0].key] = pair.source[0].key
        depth += 1
    return pairs


def _rename(key: str, renamed: dict[str, str]) -> str:
    """The key a target unit would have if its ancestors carried their source keys."""
    segments = key.split("/")
    for cut in range(len(segments) - 1, 0, -1):
        prefix = "/".join(segments[:cut])
        if prefix in renamed:
            return "/".join([renamed[prefix], *segments[cut:]])
    return key


def _runs_at_depth(
    units: list[Unit], depth: int, rename: Callable[[str], str]
) -> dict[tuple[str, str], list[Unit]]:
    """Units at one depth grouped by (parent key, key type), in document order."""
    runs: dict[tuple[str, str], list[Unit]] = defaultdict(list)
    for unit in units:
        if unit.key.count("/") != depth:
            continue
        key = rename(unit.key)
        parent = key.rsplit("/", 1)[0] if "/" in key else ""
        run_type = key_type(_base_key(key))
        runs[(parent, FLOW_RUN if run_type in FLOW_TYPES else run_type)].append(unit)
    return runs


def _base_key(key: str) -> str:
    """A key without the "+2" that made a repeated label unique."""
    return re.sub(r"\+\d+$", "", key)


def _label_of(unit: Unit) -> str:
    """The unit's label as pairs compare it: an upper-case roman numeral as its value, so
    that "CHAPTER I" (``chap:I``) and "Chapitre premier" (``chap:1``) carry one label."""
    last = _base_key(unit.key).rsplit("/", 1)[-1]
    label = last.split(":", 1)[-1]
    return str(roman_value(label)) if _UPPER_ROMAN.fullmatch(label) else label


_UPPER_ROMAN = re.compile(UPPER_ROMAN)


def _align_run(sources: list[Unit], targets: list[Unit], pairing: _Pairing, run_type: str) -> list[UnitPair]:
    if not sources or not targets:
        return [UnitPair([unit], [], "none", 0.0) for unit in sources] + [
            UnitPair([], [unit], "none", 0.0) for unit in targets
        ]
    ordinal = bool(sources) and is_ordinal_key(_base_key(sources[0].key))
    if not ordinal and [_label_of(unit) for unit in sources] == [_label_of(unit) for unit in targets]:
        return [UnitPair([s], [t], "key", 1.0) for s, t in zip(sources, targets, strict=True)]
    if run_type in UNORDERED_TYPES or (ordinal and is_sorted_list(sources, targets)):
        if len(sources) * len(targets) <= MAX_LIST_PAIRS:
            return _match_unordered(sources, targets, pairing)
        # Too long to compare every entry with every other: aligned in order, and the
        # order lends the pairs no support.
        pairs = _align_ordered(sources, targets, pairing, labelled=False)
        for pair in pairs:
            if id(pair) in pairing.facts:
                pairing.facts[id(pair)].ordered = False
        return pairs
    diagonal = _diagonal_if_sure(sources, targets, pairing) if ordinal else None
    pairs = (
        diagonal if diagonal is not None else _align_ordered(sources, targets, pairing, labelled=not ordinal)
    )
    support_by_order(pairs, pairing.facts)
    return pairs


def _match_unordered(sources: list[Unit], targets: list[Unit], pairing: _Pairing) -> list[UnitPair]:
    matches = match_unordered(sources, targets, pairing.content)
    for match in matches:
        if match.pair.source and match.pair.target:
            pairing.record(match.pair, match.similarity, match.certainty, ordered=False)
    return [match.pair for match in matches]


def _diagonal_if_sure(sources: list[Unit], targets: list[Unit], pairing: _Pairing) -> list[UnitPair] | None:
    """Runs of equal length whose units pair one to one need no search: each unit pairs well
    with the unit at its position, or at least better than with the neighbours of either.
    Any doubt sends the run to the search."""
    if len(sources) != len(targets):
        return None

    def similarity(i: int, j: int) -> float:
        return pairing.similarity([sources[i]], [targets[j]])

    pairs = []
    for index, (source_unit, target_unit) in enumerate(zip(sources, targets, strict=True)):
        score = similarity(index, index)
        rival = _neighbour_rival(index, index, len(sources), len(targets), similarity)
        if score < SURE_PAIR and score < rival + SURE_MARGIN:
            return None
        pair = UnitPair([source_unit], [target_unit], "content", score)
        pairs.append(pairing.record(pair, score, sure_share(score, rival)))
    return pairs


def _neighbour_rival(i: int, j: int, n: int, m: int, similarity: Callable[[int, int], float]) -> float:
    """The best similarity of either unit with the other's neighbours in reading order."""
    neighbours = [(i, j + 1), (i + 1, j), (i, j - 1), (i - 1, j)]
    return max((similarity(a, b) for a, b in neighbours if 0 <= a < n and 0 <= b < m), default=0.0)


def _align_ordered(
    sources: list[Unit], targets: list[Unit], pairing: _Pairing, labelled: bool
) -> list[UnitPair]:
    """Monotonic alignment maximising the summed gain of its moves (1-1, 1-0, 0-1, 2-1, 1-2).

    The search keeps to a band around the diagonal as wide as the difference in length plus
    a margin, which is where the answer lies for two versions of one document; 1-0 and 0-1
    moves keep every cell of the band reachable.
    """
    n, m = len(sources), len(targets)
    band = abs(n - m) + BAND_MARGIN
    if not labelled and (n + 1) * (2 * band + 1) > MAX_SEARCHED_CELLS:
        return _align_long_run(sources, targets, pairing)
    band = min(band, max(BAND_MARGIN, MAX_BAND_CELLS // (2 * max(n, 1))))
    moves = _BandMoves(n, m, band)
    best: dict[int, list[float]] = {0: moves.row_of(0, -math.inf)}
    best[0][0] = 0.0
    for i in range(n + 1):
        row = best.pop(i, None)  # no move goes back up: only the next two rows are kept
        if row is None:
            continue
        first, last = moves.band(i)
        for j in range(first, last + 1):
            here = row[j - moves.start[i]]
            if here == -math.inf:
                continue
            for code, (di, dj) in enumerate(MOVES, start=1):
                if i + di > n or j + dj > m:
                    continue
                gain = _move_gain(sources[i : i + di], targets[j : j + dj], pairing, labelled)
                if gain is None:
                    continue
                if not di:
                    reached = row
                elif (reached_row := best.get(i + di)) is not None:
                    reached = reached_row
                else:
                    reached = best[i + di] = moves.row_of(i + di, -math.inf)
                position = j + dj - moves.start[i + di]
                if here + gain > reached[position]:
                    reached[position] = here + gain
                    moves.back[i + di][position] = code
    return _trace(moves, sources, targets, pairing, labelled)


def _align_long_run(sources: list[Unit], targets: list[Unit], pairing: _Pairing) -> list[UnitPair]:
    """A run too long for the search above (thousands of unnumbered paragraphs: a book, a
    report without numbering), aligned as the sentence aligner aligns a long text, each
    unit a sentence: linear in time and memory. Pairs are scored as the search scores its own."""
    from ..align.sentences import AlignOptions, SentenceAligner

    source_texts = [unit.text for unit in sources]
    target_texts = [unit.text for unit in targets]
    aligner = SentenceAligner(
        pairing.content.source.profile,
        pairing.content.target.profile,
        AlignOptions(max_sentences=2),
    ).fit([(source_texts, target_texts)])

    def similarity(a: int, b: int) -> float:
        return pairing.similarity([sources[a]], [targets[b]])

    pairs: list[UnitPair] = []
    for bead in aligner.align(source_texts, target_texts):
        source_units = [sources[i] for i in bead.source]
        target_units = [targets[j] for j in bead.target]
        if not (source_units and target_units):
            pairs += [UnitPair([unit], [], "none", 0.0) for unit in source_units]
            pairs += [UnitPair([], [unit], "none", 0.0) for unit in target_units]
            continue
        score = pairing.similarity(source_units, target_units)
        if len(source_units) == len(target_units) == 1:
            i, j = bead.source[0], bead.target[0]
            certainty = sure_share(score, _neighbour_rival(i, j, len(sources), len(targets), similarity))
        else:
            certainty = JOINED_CERTAINTY * sure_share(score, 0.0)
        pairs.append(pairing.record(UnitPair(source_units, target_units, "content", score), score, certainty))
    return pairs


class _BandMoves:
    """The band of the ordered search, row by row, and the move that reached each cell.

    Row i is searched from ``band(i)``; it holds the cells that moves from the two rows above
    (one or two sources down, up to two targets on) and its own 0-1 moves can reach: from
    ``start[i]`` on, ``width[i]`` cells. The moves are one byte a cell (an index into MOVES,
    plus one; 0 where no move arrived), so that a band of millions of cells stays small.
    """

    def __init__(self, n: int, m: int, band: int) -> None:
        self.n, self.m, self.half = n, m, band
        spans = [self.band(i) for i in range(n + 1)]
        self.start: list[int] = []
        self.width: list[int] = []
        for i in range(n + 1):
            above = spans[max(0, i - 2) : i + 1]
            first = min(span[0] for span in above)
            last = min(m, max(span[1] for span in above) + 2)
            self.start.append(first)
            self.width.append(last - first + 1)
        self.back = [bytearray(width) for width in self.width]

    def band(self, i: int) -> tuple[int, int]:
        """The first and last target searched from row i (around the proportional diagonal)."""
        centre = round(i * self.m / self.n) if self.n else 0
        return max(0, centre - self.half), min(self.m, centre + self.half)

    def row_of(self, i: int, value: float) -> list[float]:
        return [value] * self.width[i]

    def move_to(self, i: int, j: int) -> tuple[int, int]:
        code = self.back[i][j - self.start[i]]
        if not code:
            raise AssertionError(f"no move reached cell {(i, j)} of the band")
        return MOVES[code - 1]


def _trace(
    moves: _BandMoves,
    sources: list[Unit],
    targets: list[Unit],
    pairing: _Pairing,
    labelled: bool,
) -> list[UnitPair]:
    def similarity(a: int, b: int) -> float:
        return pairing.similarity([sources[a]], [targets[b]])

    pairs: list[UnitPair] = []
    i, j = len(sources), len(targets)
    while i or j:
        di, dj = moves.move_to(i, j)
        source_units, target_units = sources[i - di : i], targets[j - dj : j]
        if not (di and dj):
            pairs.append(UnitPair(list(source_units), list(target_units), "none", 0.0))
        elif labelled and di == dj == 1 and _label_of(source_units[0]) == _label_of(target_units[0]):
            pairs.append(UnitPair(list(source_units), list(target_units), "key", 1.0))
        else:
            score = pairing.similarity(source_units, target_units)
            if di == dj == 1:
                certainty = sure_share(
                    score, _neighbour_rival(i - 1, j - 1, len(sources), len(targets), similarity)
                )
            else:
                certainty = JOINED_CERTAINTY * sure_share(score, 0.0)
            pair = UnitPair(list(source_units), list(target_units), "content", score)
            pairs.append(pairing.record(pair, score, certainty))
        i, j = i - di, j - dj
    return pairs[::-1]


def _move_gain(
    source_units: list[Unit], target_units: list[Unit], pairing: _Pairing, labelled: bool
) -> float | None:
    if not source_units or not target_units:
        return -SKIP_COST
    joined = len(source_units) + len(target_units) > 2
    if joined and not all(unit.kind in MERGEABLE_KINDS for unit in (*source_units, *target_units)):
        return None
    gain = pairing.similarity(source_units, target_units) - PAIR_THRESHOLD
    if labelled:
        same_label = _label_of(source_units[0]) == _label_of(target_units[0])
        if same_label:
            gain += LABEL_BONUS
        elif key_type(_base_key(source_units[0].key)) not in NAMED_TYPES:
            gain -= LABEL_CONFLICT
    return gain - MERGE_PENALTY if joined else gain


# --- units nested differently ----------------------------------------------------------------


def _pair_displaced(pairs: list[UnitPair], pairing: _Pairing) -> list[UnitPair]:
    """Pair units that the two versions nest differently (a provision one level deeper in one
    language, a table heading cell one row lower): a source unit and a target unit both left
    without counterpart, carrying the same label (not a position), under one paired ancestor
    (or both at the top) and the only such candidates there, are paired, and so are their
    descendants that keep the same place under them."""
    source, target = pairing.content.source, pairing.content.target
    source_alone = {p.source[0].key: p for p in pairs if p.source and not p.target}
    target_alone = {p.target[0].key: p for p in pairs if p.target and not p.source}
    if not source_alone or not target_alone:
        return pairs
    target_of = {p.source[0].key: p.target[0].key for p in pairs if p.source and p.target}
    candidates: dict[tuple[str, str], tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for key in source_alone:
        if _is_displaced_root(key, source_alone) and not is_ordinal_key(_base_key(key)):
            for ancestor in _paired_ancestors(key, target_of, source.index):
                candidates[(ancestor, _last_segment(key))][0].append(key)
    source_of = {target_key: source_key for source_key, target_key in target_of.items()}
    for key in target_alone:
        if _is_displaced_root(key, target_alone) and not is_ordinal_key(_base_key(key)):
            for ancestor in _paired_ancestors(key, source_of, target.index):
                candidates[(source_of.get(ancestor, ancestor), _last_segment(key))][1].append(key)
    joined: dict[str, str] = {}
    for (_, _), (source_keys, target_keys) in sorted(
        candidates.items(), key=lambda item: -item[0][0].count("/")
    ):
        sources = [key for key in source_keys if key not in joined]
        targets = [key for key in target_keys if key not in joined.values()]
        if len(sources) == len(targets) == 1:
            joined[sources[0]] = targets[0]
    if not joined:
        return pairs
    roots = set(joined)
    for source_root, target_root in list(joined.items()):
        for key in source_alone:
            if key.startswith(source_root + "/"):
                counterpart = target_root + key[len(source_root) :]
                if counterpart in target_alone and counterpart not in joined.values():
                    joined[key] = counterpart
    dropped = {id(source_alone[key]) for key in joined} | {id(target_alone[key]) for key in joined.values()}
    kept = [pair for pair in pairs if id(pair) not in dropped]
    for source_key, target_key in joined.items():
        source_unit = source.document.units[source.index[source_key]]
        target_unit = target.document.units[target.index[target_key]]
        score = pairing.similarity([source_unit], [target_unit])
        pair = UnitPair([source_unit], [target_unit], "content", score)
        kept.append(pairing.record(pair, score, combine(sure_share(score, 0.0), DISPLACED_SUPPORT)))
        if source_key in roots and not _cell_in_another_row(source_unit, target_unit):
            pairing.displaced.add(id(pair))
    return kept


def _cell_in_another_row(source: Unit, target: Unit) -> bool:
    """Whether two displaced units are the same cell of one table, in another row: a heading
    cell spanning rows is written in the first row of its span by one version and in the last
    by the other. The pair is right and nothing is nested differently (same depth, same
    column), so it is no disagreement."""
    if not source.kind == target.kind == "cell":
        return False
    source_segments, target_segments = source.key.split("/"), target.key.split("/")
    return (
        len(source_segments) == len(target_segments) >= 2
        and source_segments[:-2] == target_segments[:-2]
        and source_segments[-1] == target_segments[-1]
    )


def _pair_leftovers(ordered: list[UnitPair], pairing: _Pairing) -> list[UnitPair]:
    """Units left without counterpart between the same two pairs, in reading order, paired
    by content when their texts say they translate each other: a paragraph one language
    numbers and the other does not ("43. Le requérant soutient…" against "The Applicant
    contends…"), a heading one language splits in two. Their keys are of different types, so
    no run held both. Footnotes are paired with footnotes only, and a stretch longer than
    ``MAX_LEFTOVERS`` a side is a passage one language lacks, left as it is."""
    kept: list[UnitPair] = []
    stretch: list[UnitPair] = []
    for pair in [*ordered, None]:
        if pair is not None and not (pair.source and pair.target):
            stretch.append(pair)
            continue
        kept += _paired_stretch(stretch, pairing)
        stretch = []
        if pair is not None:
            kept.append(pair)
    return kept


# The longest stretch of units without counterpart, a side, that ``_pair_leftovers`` pairs.
MAX_LEFTOVERS = 12


def _paired_stretch(stretch: list[UnitPair], pairing: _Pairing) -> list[UnitPair]:
    """A stretch of one-sided pairs, its units paired by content where they pair well."""
    result: list[UnitPair] = []
    for notes in (False, True):
        part = [pair for pair in stretch if ((pair.source or pair.target)[0].kind == "footnote") == notes]
        sources = [unit for pair in part for unit in pair.source]
        targets = [unit for pair in part for unit in pair.target]
        if not sources or not targets or max(len(sources), len(targets)) > MAX_LEFTOVERS:
            result += part
            continue
        for pair in _align_ordered(sources, targets, pairing, labelled=False):
            fact = pairing.facts.get(id(pair))
            if pair.source and pair.target and (fact is None or fact.similarity < PAIR_THRESHOLD):
                result += [UnitPair([unit], [], "none", 0.0) for unit in pair.source]
                result += [UnitPair([], [unit], "none", 0.0) for unit in pair.target]
            else:
                result.append(pair)
    return result


def _is_displaced_root(key: str, alone: dict[str, UnitPair]) -> bool:
    """A unit without counterpart whose parent has one (the top of what was displaced)."""
    return "/" not in key or key.rsplit("/", 1)[0] not in alone


def _paired_ancestors(key: str, counterpart: dict[str, str], units: Mapping[str, int]) -> list[str]:
    """The nearest two ancestors of a key that have a counterpart ("" for the top). A prefix
    that is no unit of its document (a table, "s:5/table:1", has only its title and rows)
    is a container whose key both versions share: it is its own counterpart, so that what is
    displaced inside one table is looked for in that table, not among all the tables of the
    schedule."""
    found: list[str] = []
    segments = key.split("/")
    for cut in range(len(segments) - 1, -1, -1):
        prefix = "/".join(segments[:cut])
        if not prefix or prefix in counterpart or prefix not in units:
            found.append(prefix)
            if len(found) == 2 or not prefix:
                break
    return found


def _last_segment(key: str) -> str:
    return _base_key(key).rsplit("/", 1)[-1]


# --- reporting --------------------------------------------------------------------------------


def _describe(units: list[Unit]) -> str:
    return " + ".join(unit.key for unit in units)


def _first_words(unit: Unit, count: int = 8) -> str:
    words = unit.text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def _pair_disagreements(pair: UnitPair, displaced: bool = False) -> list[Disagreement]:
    source, target = pair.source, pair.target
    if displaced:
        return [
            Disagreement(
                "nesting",
                source[0].key,
                f"source {source[0].key} is nested as {target[0].key} in the target",
            )
        ]
    if source and not target:
        return [
            Disagreement(
                "missing",
                source[0].key,
                f"{source[0].key} ({_first_words(source[0])}) has no counterpart in the target",
            )
        ]
    if target and not source:
        return [
            Disagreement(
                "extra",
                target[0].key,
                f"{target[0].key} ({_first_words(target[0])}) has no counterpart in the source",
            )
        ]
    if len(source) > 1:
        return [
            Disagreement(
                "merged",
                source[0].key,
                f"source {_describe(source)} are one unit in the target ({_describe(target)})",
            )
        ]
    if len(target) > 1:
        return [
            Disagreement(
                "split",
                source[0].key,
                f"source {source[0].key} is split in the target into {_describe(target)}",
            )
        ]
    base = _base_key(source[0].key)
    if (
        _label_of(source[0]) != _label_of(target[0])
        and not is_ordinal_key(base)
        and key_type(base) not in NAMED_TYPES
    ):
        return [
            Disagreement(
                "renumbered",
                source[0].key,
                f"source {source[0].key} is numbered {target[0].key} in the target",
            )
        ]
    return []


def _content_disagreements(pairs: list[UnitPair], content: UnitContent) -> list[Disagreement]:
    """Document symbols and dates that differ between paired units."""
    source, target = content.source, content.target
    found: list[Disagreement] = []
    for pair in pairs:
        if not (pair.source and pair.target):
            continue
        source_anchors = merge_anchors([source.anchors_of(source.index[unit.key]) for unit in pair.source])
        target_anchors = merge_anchors([target.anchors_of(target.index[unit.key]) for unit in pair.target])
        key = pair.source[0].key
        if source_anchors.symbols != target_anchors.symbols:
            found.append(
                Disagreement(
                    "symbol",
                    key,
                    "document symbols differ: "
                    + describe_difference(source_anchors.symbols, target_anchors.symbols, "symbol"),
                )
            )
        if source_anchors.dates != target_anchors.dates:
            found.append(
                Disagreement(
                    "date",
                    key,
                    "dates differ: "
                    + describe_difference(_iso(source_anchors.dates), _iso(target_anchors.dates), "date"),
                )
            )
    return found


def _iso(dates: Counter[tuple[int, int, int]]) -> Counter[str]:
    return Counter({f"{y:04d}-{m:02d}-{d:02d}": count for (y, m, d), count in dates.items()})


def _footnote_count_disagreements(
    pairs: list[UnitPair], source: Document, target: Document
) -> list[Disagreement]:
    """Footnotes counted per unit that holds them, the target's units under the keys of the
    source units they are paired with."""
    source_of = {pair.target[0].key: pair.source[0].key for pair in pairs if pair.source and pair.target}
    source_counts = _footnotes_by_scope(source)
    target_counts: Counter[str] = Counter()
    for scope, count in _footnotes_by_scope(target).items():
        target_counts[source_of.get(scope, scope)] += count
    found = []
    for scope in sorted(set(source_counts) | set(target_counts)):
        if source_counts[scope] != target_counts[scope]:
            where = scope or "report"
            found.append(
                Disagreement(
                    "footnote-count",
                    scope or "fn",
                    f"{where}: {counted(source_counts[scope], 'footnote')} in the source, "
                    f"{number(target_counts[scope])} in the target",
                )
            )
    return found


def _footnotes_by_scope(document: Document) -> Counter[str]:
    return Counter(
        unit.key.rsplit("fn:", 1)[0].rstrip("/") for unit in document.units if unit.kind == "footnote"
    )


def _order_pairs(pairs: list[UnitPair], content: UnitContent) -> list[UnitPair]:
    """Source reading order; a target-only unit goes after the source unit paired with the
    target unit that precedes it."""
    source, target = content.source, content.target
    source_of_target: dict[int, int] = {}
    for pair in pairs:
        if pair.source and pair.target:
            source_of_target[target.index[pair.target[0].key]] = source.index[pair.source[0].key]
    latest_source = [-1] * (len(target.document.units) + 1)
    for position in range(len(target.document.units)):
        latest_source[position + 1] = max(latest_source[position], source_of_target.get(position, -1))

    def reading_position(pair: UnitPair) -> tuple[float, int]:
        if pair.source:
            return (source.index[pair.source[0].key], 0)
        target_position = target.index[pair.target[0].key]
        return (latest_source[target_position] + 0.5, target_position)

    return sorted(pairs, key=reading_position)


# --- refusing to pair different documents -----------------------------------------------------


def _refuse_different_symbols(
    source: Document,
    target: Document,
    source_profile: LanguageProfile,
    target_profile: LanguageProfile,
    force: bool,
) -> None:
    """Two symbols that differ beyond how each language writes them ("DORS/" and "SOR/",
    "C.R.C., ch." and "C.R.C., c.") name two documents."""
    source_symbol, target_symbol = source.symbol, target.symbol
    if force or not (source_symbol and target_symbol):
        return
    if source_profile.neutral_symbol(source_symbol) != target_profile.neutral_symbol(target_symbol):
        raise MismatchError(
            f"different documents: {source.path} is {source_symbol} but {target.path} is {target_symbol} "
            "(use --force to pair anyway)"
        )


def _refuse_unrelated(
    pairs: list[UnitPair], pairing: _Pairing, source: Document, target: Document, force: bool
) -> None:
    """Two documents whose units mostly fail to pair (by label, or with a similarity at the
    pairing threshold) are different documents."""
    total = len(source.units) + len(target.units)

    def pairs_well(pair: UnitPair) -> bool:
        fact = pairing.facts.get(id(pair))
        return pair.method == "key" or (fact is not None and fact.similarity >= PAIR_THRESHOLD)

    paired = sum(
        len(pair.source) + len(pair.target)
        for pair in pairs
        if pair.source and pair.target and pairs_well(pair)
    )
    if not force and total and paired / total < MIN_PAIRED_SHARE:
        raise MismatchError(
            f"{source.path} and {target.path} look like different documents: only {paired / total:.0%} "
            "of their units pair (use --force to pair anyway)"
        )
