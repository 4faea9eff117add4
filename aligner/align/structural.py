"""Pair the units of two documents and report where their structures disagree.

Units are taken level by level (``res:IV`` before ``res:IV/op:12`` before ``res:IV/op:12/b``)
and, at each level, sibling runs of the same type under corresponding parents are aligned by
a dynamic programme whose moves are 1-1, 1-0, 0-1, 2-1 and 1-2. A shared label ("12", "b")
is strong evidence; content (length, numbers, document symbols, dates, footnote references,
names, cognates) decides for ordinal runs (preambular paragraphs, unlabelled paragraphs,
headings) and overrules a label when a paragraph was renumbered. Definitions, which each
language sorts alphabetically, are matched without regard to order.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..anchors import Anchors, describe_difference, extract, strip_label
from ..errors import MismatchError
from ..model import Disagreement, Document, StructuralAlignment, Unit, UnitPair, is_ordinal_key, key_type
from ..profiles import LanguageProfile

UNORDERED_TYPES = frozenset({"def"})
# Unnumbered headings, paragraphs and bulleted items of one parent are one run in reading
# order: whether a short line is a heading, a paragraph or an item is a matter of
# punctuation and styling, which translations do not always keep.
FLOW_TYPES = frozenset({"h", "para", "item"})
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
MOVES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))


# Evidence compared between units, with its weight: document symbols, numbers, dates,
# footnote references, capitalised names, cognate stems.
EVIDENCE_WEIGHTS = (3.0, 2.0, 2.0, 1.5, 1.0, 1.0)
Features = tuple[Counter, ...]


@dataclass(slots=True)
class _Side:
    """One document's units with what the aligner computes once per unit, when first needed
    (units paired by label alone never need their words counted)."""

    document: Document
    profile: LanguageProfile
    lengths: list[int] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)
    _anchors: dict[int, Anchors] = field(default_factory=dict)
    _features: dict[tuple[int, ...], Features] = field(default_factory=dict)

    @classmethod
    def build(cls, document: Document, profile: LanguageProfile) -> _Side:
        side = cls(document, profile)
        for position, unit in enumerate(document.units):
            side.lengths.append(len(strip_label(unit.text)))
            side.index[unit.key] = position
        return side

    def anchors_of(self, position: int) -> Anchors:
        if position not in self._anchors:
            self._anchors[position] = extract(self.document.units[position].text, self.profile)
        return self._anchors[position]

    def features_of(self, positions: tuple[int, ...]) -> Features:
        if positions not in self._features:
            if len(positions) == 1:
                anchors = self.anchors_of(positions[0])
                stems = _cognate_stems(strip_label(self.document.units[positions[0]].text), self.profile)
                self._features[positions] = (
                    anchors.symbols,
                    anchors.numbers,
                    Counter(anchors.dates),
                    anchors.footnotes,
                    anchors.names,
                    stems,
                )
            else:
                parts = [self.features_of((p,)) for p in positions]
                self._features[positions] = tuple(
                    sum((part[kind] for part in parts), Counter()) for kind in range(len(EVIDENCE_WEIGHTS))
                )
        return self._features[positions]


def align_structure(
    source: Document,
    target: Document,
    source_profile: LanguageProfile,
    target_profile: LanguageProfile,
    force: bool = False,
) -> StructuralAlignment:
    """Pair the units of ``source`` and ``target``; refuse two different documents unless forced."""
    _refuse_different_symbols(source, target, source_profile, target_profile, force)
    source_side = _Side.build(source, source_profile)
    target_side = _Side.build(target, target_profile)
    pairs, disagreements = _pair_levels(source_side, target_side)
    pairs = _order_pairs(pairs, source_side, target_side)
    disagreements += _content_disagreements(pairs, source_side, target_side)
    disagreements += _footnote_count_disagreements(source, target)
    _refuse_unrelated(pairs, source, target, force)
    return StructuralAlignment(source, target, pairs, disagreements)


# --- levels and runs --------------------------------------------------------------------------


def _pair_levels(source: _Side, target: _Side) -> tuple[list[UnitPair], list[Disagreement]]:
    """Align sibling runs level by level, carrying target-to-source key renames downwards."""
    renamed: dict[str, str] = {}
    pairs: list[UnitPair] = []
    disagreements: list[Disagreement] = []
    depth = 0
    max_depth = max(
        (unit.key.count("/") for unit in (*source.document.units, *target.document.units)), default=0
    )
    while depth <= max_depth:
        source_runs = _runs_at_depth(source.document.units, depth, lambda key: key)
        target_runs = _runs_at_depth(target.document.units, depth, lambda key: _rename(key, renamed))
        for run_key in sorted(set(source_runs) | set(target_runs), key=str):
            run_pairs = _align_run(
                source_runs.get(run_key, []), target_runs.get(run_key, []), source, target, run_key[1]
            )
            for pair in run_pairs:
                pairs.append(pair)
                disagreements.extend(_pair_disagreements(pair))
                if pair.source and pair.target:
                    renamed[pair.target[0].key] = pair.source[0].key
        depth += 1
    return pairs, disagreements


def _rename(key: str, renamed: dict[str, str]) -> str:
    """The key a target unit would have if its ancestors carried their source keys."""
    segments = key.split("/")
    for cut in range(len(segments) - 1, 0, -1):
        prefix = "/".join(segments[:cut])
        if prefix in renamed:
            return "/".join([renamed[prefix], *segments[cut:]])
    return key


def _runs_at_depth(units: list[Unit], depth: int, rename) -> dict[tuple[str, str], list[Unit]]:
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
    last = _base_key(unit.key).rsplit("/", 1)[-1]
    return last.split(":", 1)[-1]


def _align_run(
    sources: list[Unit], targets: list[Unit], source: _Side, target: _Side, run_type: str
) -> list[UnitPair]:
    if not sources or not targets:
        return [UnitPair([unit], [], "none", 0.0) for unit in sources] + [
            UnitPair([], [unit], "none", 0.0) for unit in targets
        ]
    ordinal = bool(sources) and is_ordinal_key(_base_key(sources[0].key))
    if not ordinal and [_label_of(unit) for unit in sources] == [_label_of(unit) for unit in targets]:
        return [UnitPair([s], [t], "key", 1.0) for s, t in zip(sources, targets)]
    if run_type in UNORDERED_TYPES:
        return _match_unordered(sources, targets, source, target)
    if ordinal:
        diagonal = _diagonal_if_sure(sources, targets, source, target)
        if diagonal is not None:
            return diagonal
    return _align_ordered(sources, targets, source, target, labelled=not ordinal)


def _diagonal_if_sure(
    sources: list[Unit], targets: list[Unit], source: _Side, target: _Side
) -> list[UnitPair] | None:
    """Runs of equal length whose units pair one to one need no search: each unit pairs well
    with the unit at its position, or at least better than with the neighbours of either.
    Any doubt sends the run to the search."""
    if len(sources) != len(targets):
        return None
    similarity = lambda i, j: _similarity([sources[i]], [targets[j]], source, target)
    pairs = []
    for index, (source_unit, target_unit) in enumerate(zip(sources, targets)):
        score = similarity(index, index)
        if score < SURE_PAIR:
            neighbours = [(index, index + 1), (index + 1, index), (index, index - 1), (index - 1, index)]
            rivals = [
                similarity(i, j) for i, j in neighbours if 0 <= i < len(sources) and 0 <= j < len(targets)
            ]
            if any(score < rival + SURE_MARGIN for rival in rivals):
                return None
        pairs.append(UnitPair([source_unit], [target_unit], "content", score))
    return pairs


def _align_ordered(
    sources: list[Unit], targets: list[Unit], source: _Side, target: _Side, labelled: bool
) -> list[UnitPair]:
    """Monotonic alignment maximising the summed gain of its moves (1-1, 1-0, 0-1, 2-1, 1-2).

    The search keeps to a band around the diagonal as wide as the difference in length plus
    a margin, which is where the answer lies for two versions of one document; 1-0 and 0-1
    moves keep every cell of the band reachable.
    """
    n, m = len(sources), len(targets)
    band = abs(n - m) + BAND_MARGIN
    gains = _GainCache(sources, targets, source, target, labelled)
    best: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        centre = round(i * m / n) if n else 0
        for j in range(max(0, centre - band), min(m, centre + band) + 1):
            here = best.get((i, j))
            if here is None:
                continue
            for di, dj in MOVES:
                if i + di > n or j + dj > m:
                    continue
                gain = gains.get(i, j, di, dj)
                if gain is None:
                    continue
                cell = (i + di, j + dj)
                if here + gain > best.get(cell, -math.inf):
                    best[cell] = here + gain
                    back[cell] = (di, dj)
    return _trace(back, sources, targets, source, target, labelled)


class _GainCache:
    """Gains of the moves of one run, each computed once."""

    def __init__(
        self, sources: list[Unit], targets: list[Unit], source: _Side, target: _Side, labelled: bool
    ) -> None:
        self.sources, self.targets = sources, targets
        self.source, self.target = source, target
        self.labelled = labelled
        self.cache: dict[tuple[int, int, int, int], float | None] = {}

    def get(self, i: int, j: int, di: int, dj: int) -> float | None:
        key = (i, j, di, dj)
        if key not in self.cache:
            self.cache[key] = _move_gain(
                self.sources[i : i + di], self.targets[j : j + dj], self.source, self.target, self.labelled
            )
        return self.cache[key]


def _trace(
    back: dict[tuple[int, int], tuple[int, int]],
    sources: list[Unit],
    targets: list[Unit],
    source: _Side,
    target: _Side,
    labelled: bool,
) -> list[UnitPair]:
    pairs: list[UnitPair] = []
    i, j = len(sources), len(targets)
    while i or j:
        di, dj = back[(i, j)]
        source_units, target_units = sources[i - di : i], targets[j - dj : j]
        same_label = bool(source_units and target_units) and _label_of(source_units[0]) == _label_of(
            target_units[0]
        )
        method = "key" if labelled and same_label and di == dj == 1 else "content" if di and dj else "none"
        score = _similarity(source_units, target_units, source, target) if di and dj else 0.0
        pairs.append(UnitPair(list(source_units), list(target_units), method, score))
        i, j = i - di, j - dj
    return pairs[::-1]


def _move_gain(
    source_units: list[Unit], target_units: list[Unit], source: _Side, target: _Side, labelled: bool
) -> float | None:
    if not source_units or not target_units:
        return -SKIP_COST
    joined = len(source_units) + len(target_units) > 2
    if joined and not all(unit.kind in MERGEABLE_KINDS for unit in (*source_units, *target_units)):
        return None
    gain = _similarity(source_units, target_units, source, target) - PAIR_THRESHOLD
    if labelled:
        same_label = _label_of(source_units[0]) == _label_of(target_units[0])
        if same_label:
            gain += LABEL_BONUS
        elif key_type(_base_key(source_units[0].key)) not in NAMED_TYPES:
            gain -= LABEL_CONFLICT
    return gain - MERGE_PENALTY if joined else gain


def _match_unordered(
    sources: list[Unit], targets: list[Unit], source: _Side, target: _Side
) -> list[UnitPair]:
    """Best-first matching for runs whose order differs between languages.

    Without order to go by, words written the same in both texts count as well: a Canadian
    definition names its term in both languages ("Act means … (Loi)" / "Loi … (Act)"), and
    its sub-paragraphs are part of what it says. A second, more lenient pass pairs what the
    first left over on both sides.
    """
    source_families = [_family(unit, source) for unit in sources]
    target_families = [_family(unit, target) for unit in targets]
    source_words = [_plain_words(_text(family), source.profile) for family in source_families]
    target_words = [_plain_words(_text(family), target.profile) for family in target_families]
    scored = sorted(
        (
            (
                _similarity(source_families[si], target_families[ti], source, target)
                + SHARED_WORD_WEIGHT * _overlap(source_words[si], target_words[ti]),
                si,
                ti,
            )
            for si, s in enumerate(sources)
            for ti, t in enumerate(targets)
        ),
        reverse=True,
    )
    matches: dict[int, tuple[int, float]] = {}
    for threshold in (PAIR_THRESHOLD, LEFTOVER_THRESHOLD):
        used_targets = {ti for ti, _ in matches.values()}
        for score, si, ti in scored:
            if score >= threshold and si not in matches and ti not in used_targets:
                matches[si] = (ti, score)
                used_targets.add(ti)
    pairs = [
        UnitPair([sources[si]], [targets[ti]], "content", score)
        for si, (ti, score) in sorted(matches.items())
    ]
    matched_targets = {ti for ti, _ in matches.values()}
    pairs += [UnitPair([unit], [], "none", 0.0) for index, unit in enumerate(sources) if index not in matches]
    pairs += [
        UnitPair([], [unit], "none", 0.0)
        for index, unit in enumerate(targets)
        if index not in matched_targets
    ]
    return pairs


def _family(unit: Unit, side: _Side) -> list[Unit]:
    """A unit and the units nested in it (which follow it in reading order): a definition and
    its paragraphs, a glossary row and its cells."""
    units = side.document.units
    position = side.index[unit.key]
    family = [unit]
    prefix = unit.key + "/"
    for following in units[position + 1 :]:
        if not following.key.startswith(prefix):
            break
        family.append(following)
    return family


def _text(units: list[Unit]) -> str:
    return " ".join(unit.text for unit in units)


# --- content similarity -----------------------------------------------------------------------

_PLAIN_WORD = re.compile(r"[^\W\d_]{3,}")
SHARED_WORD_WEIGHT = 0.5
LEFTOVER_THRESHOLD = 0.15


def _plain_words(text: str, profile: LanguageProfile) -> set[str]:
    return {word for word in _PLAIN_WORD.findall(text.lower()) if word not in profile.stopwords}


def _overlap(first: set[str], second: set[str]) -> float:
    """Share of the smaller set that the other contains."""
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


_WORD = re.compile(r"[^\W\d_]{6,}")


def _cognate_stems(text: str, profile: LanguageProfile) -> Counter[str]:
    """First four letters of long words, accents folded: "organisation"/"organization" agree."""
    folded = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return Counter(word[:4] for word in _WORD.findall(folded) if word not in profile.stopwords)


def _dice(first: Counter, second: Counter) -> float | None:
    """Dice coefficient of two multisets; None when both are empty (no evidence either way)."""
    if not first and not second:
        return None
    if len(first) > len(second):
        first, second = second, first
    shared = sum(min(count, second[item]) for item, count in first.items() if item in second)
    return 2 * shared / (first.total() + second.total())


def _length_score(source_length: int, target_length: int) -> float:
    ratio = math.log((target_length + 20) / (source_length + 20))
    return math.exp(-(ratio**2) / (2 * 0.25**2))


def _similarity(source_units: list[Unit], target_units: list[Unit], source: _Side, target: _Side) -> float:
    """A 0..1 similarity of the texts of two groups of units, from language-neutral evidence."""
    source_positions = tuple(source.index[unit.key] for unit in source_units)
    target_positions = tuple(target.index[unit.key] for unit in target_units)
    length = _length_score(
        sum(source.lengths[p] for p in source_positions), sum(target.lengths[p] for p in target_positions)
    )
    source_features = source.features_of(source_positions)
    target_features = target.features_of(target_positions)
    weighted_sum = weight_total = 0.0
    for weight, first, second in zip(EVIDENCE_WEIGHTS, source_features, target_features):
        value = _dice(first, second)
        if value is not None:
            weighted_sum += weight * value
            weight_total += weight
    if not weight_total:
        return 0.6 * length
    return 0.3 * length + 0.7 * weighted_sum / weight_total


def _merge_anchors(anchors: list[Anchors]) -> Anchors:
    if len(anchors) == 1:
        return anchors[0]
    return Anchors(
        symbols=sum((a.symbols for a in anchors), Counter()),
        numbers=sum((a.numbers for a in anchors), Counter()),
        dates=sum((a.dates for a in anchors), Counter()),
        footnotes=sum((a.footnotes for a in anchors), Counter()),
        names=sum((a.names for a in anchors), Counter()),
    )


# --- reporting --------------------------------------------------------------------------------


def _describe(units: list[Unit]) -> str:
    return " + ".join(unit.key for unit in units)


def _first_words(unit: Unit, count: int = 8) -> str:
    words = unit.text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def _pair_disagreements(pair: UnitPair) -> list[Disagreement]:
    source, target = pair.source, pair.target
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


def _content_disagreements(pairs: list[UnitPair], source: _Side, target: _Side) -> list[Disagreement]:
    """Document symbols and dates that differ between paired units."""
    found: list[Disagreement] = []
    for pair in pairs:
        if not (pair.source and pair.target):
            continue
        source_anchors = _merge_anchors([source.anchors_of(source.index[unit.key]) for unit in pair.source])
        target_anchors = _merge_anchors([target.anchors_of(target.index[unit.key]) for unit in pair.target])
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


def _footnote_count_disagreements(source: Document, target: Document) -> list[Disagreement]:
    source_counts = _footnotes_by_scope(source)
    target_counts = _footnotes_by_scope(target)
    found = []
    for scope in sorted(set(source_counts) | set(target_counts)):
        if source_counts[scope] != target_counts[scope]:
            where = scope or "report"
            found.append(
                Disagreement(
                    "footnote-count",
                    scope or "fn",
                    f"{where}: {source_counts[scope]} footnotes in the source, {target_counts[scope]} in the target",
                )
            )
    return found


def _footnotes_by_scope(document: Document) -> Counter[str]:
    return Counter(
        unit.key.rsplit("fn:", 1)[0].rstrip("/") for unit in document.units if unit.kind == "footnote"
    )


def _order_pairs(pairs: list[UnitPair], source: _Side, target: _Side) -> list[UnitPair]:
    """Source reading order; a target-only unit goes after the source unit paired with the
    target unit that precedes it."""
    source_of_target: dict[int, int] = {}
    for pair in pairs:
        if pair.source and pair.target:
            source_of_target[target.index[pair.target[0].key]] = source.index[pair.source[0].key]
    latest_source = [-1] * (len(target.document.units) + 1)
    for position in range(len(target.document.units)):
        latest_source[position + 1] = max(latest_source[position], source_of_target.get(position, -1))

    def position(pair: UnitPair) -> tuple[float, int]:
        if pair.source:
            return (source.index[pair.source[0].key], 0)
        target_position = target.index[pair.target[0].key]
        return (latest_source[target_position] + 0.5, target_position)

    return sorted(pairs, key=position)


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
            f"different documents: {source.path} is {source_symbol} but {target.path} is {target_symbol} (use --force to pair anyway)"
        )


def _refuse_unrelated(pairs: list[UnitPair], source: Document, target: Document, force: bool) -> None:
    total = len(source.units) + len(target.units)
    paired = sum(
        len(pair.source) + len(pair.target)
        for pair in pairs
        if pair.source and pair.target and (pair.method == "key" or pair.score >= PAIR_THRESHOLD)
    )
    if not force and total and paired / total < MIN_PAIRED_SHARE:
        raise MismatchError(
            f"{source.path} and {target.path} look like different documents: only {paired / total:.0%} of their units pair (use --force to pair anyway)"
        )
