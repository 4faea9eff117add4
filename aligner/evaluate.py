"""Strict and lax precision, recall and F1 of a sentence alignment against a gold one.

The metrics are those of Vecalign's and Bertalign's scorers (after Sennrich & Volk 2011):

* a predicted bead is a strict hit when the gold has exactly the same bead;
* it is a lax hit when some gold bead shares at least one sentence with it on *both* sides,
  so a predicted 1-0 or 0-1 bead is a lax hit only when it is a strict hit;
* precision counts every predicted bead, null ones (1-0, 0-1) included, against every gold
  bead; recall counts gold beads against predicted ones with null beads left out of both;
* several documents are scored by adding their counts (micro average), not by averaging.

Two kinds of gold are read: index beads in Vecalign's format (``[0, 1]:[2]`` a line) and
text beads in JSON lines (``{"fr": ..., "en": ...}``), which are matched by normalised text
(see ``normalise_text``): each text bead is placed on the word positions of the gold's own
running text, so strict and lax hits are decided exactly as for index beads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .files import read_input_text
from .links import load_pairs
from .profiles import DEFAULT_LANGUAGES

IndexBead = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class Counts:
    """Strict and lax hits and misses, in one direction (precision or recall)."""

    strict_hits: int = 0
    strict_misses: int = 0
    lax_hits: int = 0
    lax_misses: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.strict_hits + other.strict_hits,
            self.strict_misses + other.strict_misses,
            self.lax_hits + other.lax_hits,
            self.lax_misses + other.lax_misses,
        )


@dataclass(frozen=True, slots=True)
class Scores:
    """Precision, recall and F1 of an alignment against a gold one, strict (whole beads) and lax
    (every source-target sentence couple a bead links), with the number of predicted and gold
    beads."""

    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float
    predicted: int
    gold: int

    def table(self) -> str:
        """The scores as a small text table, strict and lax side by side."""
        return "\n".join(
            [
                "            strict    lax",
                f"precision   {self.precision_strict:6.3f}  {self.precision_lax:6.3f}",
                f"recall      {self.recall_strict:6.3f}  {self.recall_lax:6.3f}",
                f"F1          {self.f1_strict:6.3f}  {self.f1_lax:6.3f}",
                f"beads       {self.predicted} predicted, {self.gold} gold",
            ]
        )


def _as_bead_set(beads: Iterable[IndexBead]) -> set[IndexBead]:
    """Beads as hashable tuples, without beads empty on both sides."""
    return {(tuple(src), tuple(tgt)) for src, tgt in beads if len(src) or len(tgt)}


def count_hits(reference: Iterable[IndexBead], candidate: Iterable[IndexBead]) -> Counts:
    """How many candidate beads are strict and lax hits against the reference beads."""
    reference_set = _as_bead_set(reference)
    targets_of_source: dict[int, set[int]] = {}
    for src, tgt in reference_set:
        for src_id in src:
            targets_of_source.setdefault(src_id, set()).update(tgt)
    strict_hits = lax_hits = strict_misses = lax_misses = 0
    for bead in _as_bead_set(candidate):
        if bead in reference_set:
            strict_hits += 1
            lax_hits += 1
            continue
        strict_misses += 1
        reachable = set().union(*(targets_of_source.get(src_id, set()) for src_id in bead[0]))
        if reachable.intersection(bead[1]):
            lax_hits += 1
        else:
            lax_misses += 1
    return Counts(strict_hits, strict_misses, lax_hits, lax_misses)


def _without_null(beads: Iterable[IndexBead]) -> list[IndexBead]:
    return [(src, tgt) for src, tgt in beads if len(src) and len(tgt)]


def _ratio(hits: int, misses: int) -> float:
    return hits / (hits + misses) if hits + misses else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_documents(
    documents: Iterable[tuple[Sequence[IndexBead], Sequence[IndexBead]]],
) -> Scores:
    """Scores of several (gold, predicted) documents, counts added over documents."""
    precision_counts = Counts()
    recall_counts = Counts()
    predicted_total = gold_total = 0
    for gold, predicted in documents:
        precision_counts += count_hits(gold, predicted)
        recall_counts += count_hits(_without_null(predicted), _without_null(gold))
        predicted_total += len(_as_bead_set(predicted))
        gold_total += len(_as_bead_set(gold))
    p_strict = _ratio(precision_counts.strict_hits, precision_counts.strict_misses)
    p_lax = _ratio(precision_counts.lax_hits, precision_counts.lax_misses)
    r_strict = _ratio(recall_counts.strict_hits, recall_counts.strict_misses)
    r_lax = _ratio(recall_counts.lax_hits, recall_counts.lax_misses)
    return Scores(
        precision_strict=p_strict,
        recall_strict=r_strict,
        f1_strict=_f1(p_strict, r_strict),
        precision_lax=p_lax,
        recall_lax=r_lax,
        f1_lax=_f1(p_lax, r_lax),
        predicted=predicted_total,
        gold=gold_total,
    )


def score_alignment(gold: Sequence[IndexBead], predicted: Sequence[IndexBead]) -> Scores:
    """Scores of one predicted alignment against its gold."""
    return score_documents([(gold, predicted)])


# --- which way round the gold is -----------------------------------------------------------


def swap_beads(beads: Iterable[IndexBead]) -> list[IndexBead]:
    """The beads with their two sides exchanged."""
    return [(target, source) for source, target in beads]


def _side_sizes(beads: Sequence[IndexBead]) -> tuple[int, int]:
    """Sentences each side covers, from the highest index (an alignment covers its document)."""
    return (
        max((max(source) + 1 for source, _ in beads if source), default=0),
        max((max(target) + 1 for _, target in beads if target), default=0),
    )


# The gold is read the other way round when it scores this many times better so (strict F1)
# and by at least this much: a prediction never fits a transposed gold by chance that well.
SWAP_FIT_RATIO = 2.0
SWAP_FIT_MARGIN = 0.25


@dataclass(frozen=True, slots=True)
class Orientation:
    """Which way round a gold fits a prediction, and why in words (``reason`` is empty when
    nothing tells: the gold is then taken as given)."""

    swapped: bool
    reason: str = ""


def gold_orientation(gold: Sequence[IndexBead], predicted: Sequence[IndexBead]) -> Orientation:
    """Whether the gold's sides are the prediction's, or the other way round.

    First the sizes: both alignments cover their documents, so the sentences each side covers
    say which side is which, when the two documents have different numbers of sentences.
    Where they cannot tell (the same number each side, or a partial alignment), the fit does:
    an orientation that scores clearly better (``SWAP_FIT_RATIO`` times the strict F1 and
    ``SWAP_FIT_MARGIN`` more) is the right one. Strict, since a 1-1 bead scores alike both
    ways round: only the beads that are not 1-1 on the diagonal tell, and lax hits forgive
    them.
    """
    gold_sizes, predicted_sizes = _side_sizes(gold), _side_sizes(predicted)
    fits = (gold_sizes == predicted_sizes, gold_sizes[::-1] == predicted_sizes)
    if fits[0] != fits[1]:
        return Orientation(
            fits[1],
            f"its sides cover {gold_sizes[0]} and {gold_sizes[1]} sentences, the prediction's "
            f"{predicted_sizes[0]} and {predicted_sizes[1]}",
        )
    as_given = score_alignment(gold, predicted).f1_strict
    swapped = score_alignment(swap_beads(gold), predicted).f1_strict
    reason = f"strict F1 {as_given:.3f} as given, {swapped:.3f} the other way round"
    for better, worse, is_swapped in ((swapped, as_given, True), (as_given, swapped, False)):
        if better >= SWAP_FIT_RATIO * worse and better - worse >= SWAP_FIT_MARGIN:
            return Orientation(is_swapped, reason)
    return Orientation(False)


# --- reading index beads -------------------------------------------------------------------

_INDEX_LIST = re.compile(r"\[[\d,\s]*\]")


def parse_index_line(line: str) -> tuple[IndexBead, float | None]:
    """``[0, 1]:[2]`` or ``[0,1]:[2]:0.93`` -> (((0, 1), (2,)), confidence or None)."""
    matches = list(_INDEX_LIST.finditer(line))
    if len(matches) != 2:
        raise InputError(f"not an alignment line (want '[i,j]:[k]'): {line.strip()[:80]!r}")
    rest = line[matches[1].end() :].strip().lstrip(":").strip()
    try:
        confidence = float(rest) if rest else None
    except ValueError:
        raise InputError(f"bad confidence in alignment line: {line.strip()[:80]!r}") from None
    source, target = (_indices(match.group(), line) for match in matches)
    return (source, target), confidence


# An index has at most this many digits (a billion sentences): a longer one is no index, and
# is never converted (Python refuses numbers of over 4,300 digits).
_MAX_INDEX_DIGITS = 9


def _indices(listed: str, line: str) -> tuple[int, ...]:
    numbers = listed.strip("[]").replace(",", " ").split()
    if any(len(number) > _MAX_INDEX_DIGITS for number in numbers):
        raise InputError(f"sentence index too large in alignment line: {line.strip()[:80]!r}")
    return tuple(int(number) for number in numbers)


def read_index_beads(path: str | Path, swap: bool = False) -> list[IndexBead]:
    """Beads of a Vecalign or ladder file; ``swap`` exchanges the two sides of every bead."""
    beads = []
    for line in read_input_text(path).splitlines():
        if line.strip():
            (source, target), _ = parse_index_line(line)
            beads.append((target, source) if swap else (source, target))
    return beads


# --- text beads ----------------------------------------------------------------------------

_MARKDOWN_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")
_SUPERSCRIPT_MARKER = re.compile(r"\^\{[^}]*\}|\^[^\W\d_]+")
_ORDINAL_SUFFIX = re.compile(r"(?<=\d)(?:ère|ème|er|re|e|st|nd|rd|th)\b", re.IGNORECASE)
_FOOTNOTE_DIGITS = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]+")
_WORD = re.compile(r"\w+", re.UNICODE)


def normalise_text(text: str) -> str:
    """Text reduced to what any faithful rendering of it keeps.

    Markdown links keep their label, bold and italic markers go, superscript markers
    (``2^e``, ``1^{er}``) and ordinal suffixes go with their letters, superscript footnote
    digits go; what is left is its words, lower-cased, joined by single spaces.
    """
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _SUPERSCRIPT_MARKER.sub("", text)
    text = _FOOTNOTE_DIGITS.sub(" ", text)
    text = _ORDINAL_SUFFIX.sub("", text)
    return " ".join(word.casefold() for word in _WORD.findall(text.replace("_", " ")))


@dataclass(frozen=True, slots=True)
class TextBead:
    """A bead given by its texts: the side of the pair's first language (``source``), then
    the second's (``target``), whichever languages they are: what text golds hold."""

    source: str
    target: str


def read_text_beads(
    path: str | Path, swap: bool = False, languages: tuple[str, str] = DEFAULT_LANGUAGES
) -> list[TextBead]:
    """Beads of a JSON-lines file: fields named by the two ``languages`` (``fr``/``en``), or
    ``source``/``target`` fields whose languages the file declares or the text shows, each
    bead with the first language's side first; ``swap`` exchanges the sides."""
    first, second = languages
    beads = []
    for pair in load_pairs([path], first, second):
        one, other = (pair.source, pair.target) if pair.source_lang != second else (pair.target, pair.source)
        beads.append(TextBead(other, one) if swap else TextBead(one, other))
    return beads


def _word_ranges(texts: Sequence[str]) -> tuple[list[str], list[tuple[int, ...]]]:
    """The running words of consecutive texts and the word positions each text covers."""
    words: list[str] = []
    ranges = []
    for text in texts:
        start = len(words)
        words.extend(normalise_text(text).split())
        ranges.append(tuple(range(start, len(words))))
    return words, ranges


def _locate(words: list[str], texts: Sequence[str], first_unknown: int) -> list[tuple[int, ...]]:
    """Word positions of each text in ``words``, searched in order from where the previous
    text ended; a text that cannot be found gets positions no gold bead has (a miss)."""
    positions: list[tuple[int, ...]] = []
    cursor = 0
    unknown = first_unknown
    for text in texts:
        needle = normalise_text(text).split()
        if not needle:
            positions.append(())
            continue
        found = _find_words(words, needle, cursor)
        if found is None:
            positions.append(tuple(range(unknown, unknown + len(needle))))
            unknown += len(needle)
            continue
        positions.append(tuple(range(found, found + len(needle))))
        cursor = found + len(needle)
    return positions


def _find_words(words: list[str], needle: list[str], start: int) -> int | None:
    """First position at or after ``start`` (else anywhere) where ``needle`` occurs."""
    first = needle[0]
    for begin, end in ((start, len(words)), (0, start)):
        position = begin
        while True:
            try:
                position = words.index(first, position, end)
            except ValueError:
                break
            if words[position : position + len(needle)] == needle:
                return position
            position += 1
    return None


def text_beads_to_index(
    gold: Sequence[TextBead], predicted: Sequence[TextBead]
) -> tuple[list[IndexBead], list[IndexBead]]:
    """Gold and predicted text beads as index beads over the gold's word positions."""
    source_words, gold_source = _word_ranges([bead.source for bead in gold])
    target_words, gold_target = _word_ranges([bead.target for bead in gold])
    unknown_base = max(len(source_words), len(target_words)) + 1
    predicted_source = _locate(source_words, [bead.source for bead in predicted], unknown_base)
    predicted_target = _locate(target_words, [bead.target for bead in predicted], unknown_base)
    return (
        list(zip(gold_source, gold_target, strict=True)),
        list(zip(predicted_source, predicted_target, strict=True)),
    )


def score_text_beads(gold: Sequence[TextBead], predicted: Sequence[TextBead]) -> Scores:
    """Scores of text beads against text beads, both placed on the same sentence positions first
    (see ``text_beads_to_index``)."""
    return score_alignment(*text_beads_to_index(gold, predicted))
