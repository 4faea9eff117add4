"""What a link's own words say about it, for its confidence (``confidence``).

The search's posterior says how much better a link is than its rivals; it cannot say that
the best link is still bad: a paragraph whose translation was replaced by another one, a
sentence left in the source language, a number that changed. So every link of a path is
also judged on its own:

- *coverage* of each side: the share of the side's token weight (see ``gains``) that the
  other side accounts for, and the lowest share of any one sentence of the link, which
  drops when a sentence with no counterpart was absorbed into a neighbour's link;
- numbers and document symbols of either side that the other side lacks;
- words of the other language (function words the profiles list for it and not for the
  side's own): a sentence left untranslated covers its "translation" perfectly; and a link
  whose two sides are the same words, written in one of the languages (``copied_links``),
  is such a sentence whatever else it shows;
- for a gap link (an empty side), how well the sentences next to where it sits on the
  other side account for it: a real omission is accounted for by nothing.

Coverage depends on the text (a literary translation shares fewer words than a resolution
does), so coverages are also given relative to the document's own: the median sentence
coverage of its 1-1 links (``reference_coverage``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..labels import SUPERSCRIPTS
from ..profiles import LanguageProfile
from .evidence import NO_KEY, FlagFunction, SideEvidence
from .gains import CLASS_WEIGHT, FUNCTION
from .length import median
from .search import BEAD_TYPES, Step
from .tokens import words

# A sentence whose tokens weigh less than this (a lone function word, a dash) says nothing
# about its coverage and is not a link's weakest sentence.
MIN_SENTENCE_WEIGHT = 1.0
# Where a gap sits, this many sentences of the other side before and after it are what could
# have accounted for it.
GAP_NEIGHBOURHOOD = 2
# The document's reference coverage is shrunk towards PRIOR_COVERAGE as if PRIOR_SENTENCES
# sentences had it, so that a short document does not set its own scale from a few links.
PRIOR_COVERAGE = 0.5
PRIOR_SENTENCES = 20
MAX_RATIO = 2.0
# Tokens that must match exactly: numbers and document symbols (see ``tokens.words``).
EXACT_PREFIXES = ("#", "@")
FOREIGN_PRIOR = 2.0
# A token covered less than this is uncovered, for runs of uncovered words.
UNCOVERED = 0.5
# The document's coverage rates (``CoverageRates``) are shrunk towards these as if
# PRIOR_RATE_WEIGHT of token weight (see ``gains``) had them.
PRIOR_RIGHT_RATE = 0.5
PRIOR_CHANCE_RATE = 0.1
PRIOR_RATE_WEIGHT = 50.0


# Bits of a token's flags (see ``token_flags``).
EXACT = 1  # a number or a document symbol: must match exactly
OWN_WORD = 2  # a function word of its side's language only
FOREIGN_WORD = 4  # a function word of the other language only
NUMBER = 8  # a number (also EXACT)
# The prefix ``tokens.words`` gives numbers.
NUMBER_PREFIX = "#"
# A link whose sides are the same words is text left untranslated when there are at least
# this many and one of them is a function word of one of the two languages only (names,
# titles and codes are written the same in both languages and seldom hold one).
MIN_COPIED_WORDS = 2


def token_flags(own: LanguageProfile, other: LanguageProfile) -> FlagFunction:
    """The flag function of one side's tokens (for ``evidence.TokenTable``)."""
    # One-letter words ("a", "à", "I", "c" of "c'est" or of "c. 33") say nothing of the
    # language: roman numerals, initials and abbreviations look the same.
    own_words = {word for word in own.stopwords - other.stopwords if len(word) > 1}
    other_words = {word for word in other.stopwords - own.stopwords if len(word) > 1}

    def flags(token: str) -> int:
        if token.startswith(EXACT_PREFIXES):
            return EXACT | NUMBER * token.startswith(NUMBER_PREFIX)
        lowered = token.lower()
        return OWN_WORD * (lowered in own_words) + FOREIGN_WORD * (lowered in other_words)

    return flags


def path_coverage(
    query: SideEvidence, offer: SideEvidence, first: np.ndarray, count: np.ndarray
) -> np.ndarray:
    """Coverage of every token of ``query`` by the offer sentences [first[s], first[s] +
    count[s]) of its sentence s (the strongest key they share, the product of both
    strengths; 0 with no offer sentences): the coverage ``window_span_sums`` adds up, for
    the beads of one path, all at once."""
    tokens = len(query.token_class)
    if not tokens:
        return np.zeros(0)
    sentences = max(offer.sentence_count, 1)
    # Only the keys of sentences with offer sentences are looked for (a gap's neighbourhood
    # is asked for every sentence, but only gap sentences have one).
    searched = np.flatnonzero((count[query.emit_sentence] > 0) & (query.emit_key != NO_KEY))
    best = np.zeros(len(query.emit_key))
    if len(searched) and len(offer.offer_code):
        # Every (key, offer sentence) a key is looked for at, as the code the offers are
        # sorted by: one exact look-up each (a link holds a few sentences, so this is fewer
        # searches than both ends of every key's run).
        sentence = query.emit_sentence[searched]
        counts = count[sentence]
        run_start = np.cumsum(counts) - counts
        looked = np.repeat(np.arange(len(searched)), counts)
        other = np.repeat(first[sentence] - run_start, counts) + np.arange(int(counts.sum()))
        codes = query.emit_key[searched][looked] * sentences + other
        position = np.minimum(np.searchsorted(offer.offer_code, codes), len(offer.offer_code) - 1)
        weight = np.where(
            (offer.offer_code[position] == codes) & (other < sentences), offer.offer_weight[position], 0
        )
        best[searched] = np.maximum.reduceat(weight, run_start)
    best *= query.emit_weight
    return np.maximum.reduceat(best, query.emit_start[:-1])


@dataclass(frozen=True)
class PathSide:
    """One side of a path: per sentence, its step, the weight of its tokens and what they
    gain from the other side of their link."""

    step: np.ndarray  # (sentences,) index of the step holding each sentence
    weight: np.ndarray  # (sentences,)
    gained: np.ndarray  # (sentences,)
    own_words: np.ndarray  # (sentences,) function words of the side's language only
    foreign_words: np.ndarray  # (sentences,) function words of the other language only
    neighbour_gained: np.ndarray  # (sentences,) for sentences of gap links: gained from the neighbourhood
    exact_step: np.ndarray  # (numbers and symbols,) the step of each
    exact_key: np.ndarray  # (numbers and symbols,) its key (the same on both sides for the same number)
    number: np.ndarray  # (numbers and symbols,) whether each is a number
    longest_gap: np.ndarray  # (steps,) weight of the longest run of uncovered words in each step
    tail_gap: np.ndarray  # (steps,) weight of the uncovered words after the last covered one of each step
    word_gained: np.ndarray  # (tokens,) what each word gains from the other side (0 for function words)
    word_weights: np.ndarray  # (tokens,) the weight of each word (0 for function words)
    token_start: np.ndarray  # (sentences + 1,) where each sentence's tokens start
    word_weight: np.ndarray  # (steps,) weight of each step's words (function words left out)

    @property
    def share(self) -> np.ndarray:
        """The share of each sentence's weight that its link accounts for (gained over weight)."""
        share: np.ndarray = self.gained / np.maximum(self.weight, 1e-9)
        return share


def _side_of_path(
    steps: Sequence[Step], query: SideEvidence, offer: SideEvidence, is_source: bool, bounds: np.ndarray
) -> PathSide:
    """``bounds[k]`` is the range of offer sentences that step k's block holds (a gap's
    neighbourhood stays inside its block)."""
    n = query.sentence_count
    step_of = np.zeros(n, dtype=np.int64)
    first = np.zeros(n, dtype=np.int64)
    count = np.zeros(n, dtype=np.int64)
    around_first = np.zeros(n, dtype=np.int64)
    around_count = np.zeros(n, dtype=np.int64)
    for index, step in enumerate(steps):
        a, b = BEAD_TYPES[step.kind]
        own, other, own_end, other_end = (a, b, step.i, step.j) if is_source else (b, a, step.j, step.i)
        if not own:
            continue
        sentences = slice(own_end - own, own_end)
        step_of[sentences] = index
        first[sentences] = other_end - other
        count[sentences] = other
        if not other:
            low = max(int(bounds[index, 0]), other_end - GAP_NEIGHBOURHOOD)
            around_first[sentences] = low
            around_count[sentences] = max(0, min(int(bounds[index, 1]), other_end + GAP_NEIGHBOURHOOD) - low)
    token_weight = CLASS_WEIGHT[query.token_class]
    coverage = path_coverage(query, offer, first, count)
    around = path_coverage(query, offer, around_first, around_count)
    sentence_of_token = np.repeat(np.arange(n), np.diff(query.token_start))
    flags = query.token_flags if query.token_flags is not None else np.zeros(len(coverage), np.int64)
    exact = flags & EXACT > 0
    token_step = step_of[sentence_of_token]
    return PathSide(
        step=step_of,
        weight=np.bincount(sentence_of_token, token_weight, minlength=n),
        gained=np.bincount(sentence_of_token, token_weight * coverage, minlength=n),
        own_words=np.bincount(sentence_of_token, flags & OWN_WORD > 0, minlength=n),
        foreign_words=np.bincount(sentence_of_token, flags & FOREIGN_WORD > 0, minlength=n),
        neighbour_gained=np.bincount(sentence_of_token, token_weight * around, minlength=n),
        exact_step=token_step[exact],
        # A number's first key is its anchor (see ``anchors.AnchorKeys``).
        exact_key=query.emit_key[query.emit_start[:-1][exact]],
        number=flags[exact] & NUMBER > 0,
        longest_gap=_longest_uncovered_run(query.token_class, token_weight, coverage, token_step, len(steps)),
        tail_gap=_uncovered_tail(query.token_class, token_weight, coverage, token_step, len(steps)),
        word_gained=np.where(query.token_class != FUNCTION, token_weight * coverage, 0.0),
        word_weights=np.where(query.token_class != FUNCTION, token_weight, 0.0),
        token_start=query.token_start,
        word_weight=np.bincount(
            token_step[query.token_class != FUNCTION],
            token_weight[query.token_class != FUNCTION],
            minlength=len(steps),
        )[: len(steps)],
    )


def _longest_uncovered_run(
    classes: np.ndarray, weights: np.ndarray, coverage: np.ndarray, token_step: np.ndarray, steps: int
) -> np.ndarray:
    """Per step, the weight of its longest run of consecutive words (function words left
    out: they neither extend nor break a run) that the other side does not cover. A
    translation leaves words uncovered here and there; an inserted or a cut-off passage
    leaves them all in a row."""
    longest = np.zeros(steps)
    words = classes != FUNCTION
    if not words.any():
        return longest
    uncovered = coverage[words] < UNCOVERED
    step = token_step[words]
    weight = weights[words]
    starts = uncovered & np.concatenate([[True], ~uncovered[:-1] | (step[1:] != step[:-1])])
    run = np.cumsum(starts) - 1
    if not uncovered.any():
        return longest
    totals = np.bincount(run[uncovered], weight[uncovered])
    np.maximum.at(longest, step[uncovered], totals[run[uncovered]])
    return longest


def _uncovered_tail(
    classes: np.ndarray, weights: np.ndarray, coverage: np.ndarray, token_step: np.ndarray, steps: int
) -> np.ndarray:
    """Per step, the weight of the words (function words left out) after the last word the
    other side covers: all of them when none is covered. A translation cut off before its
    end leaves the tail of the sentence it translates uncovered, in one run."""
    tail = np.zeros(steps)
    words = classes != FUNCTION
    if not words.any():
        return tail
    step, weight = token_step[words], weights[words]
    covered = coverage[words] >= UNCOVERED
    position = np.arange(len(step))
    last = np.full(steps, -1)
    np.maximum.at(last, step[covered], position[covered])
    result: np.ndarray = np.bincount(step, weight * (position > last[step]), minlength=steps)[:steps]
    return result


def reference_coverage(sides: Sequence[tuple[PathSide, Sequence[Step]]]) -> float:
    """The document's median sentence coverage in its 1-1 links, shrunk towards PRIOR_COVERAGE."""
    shares = []
    for side, steps in sides:
        one_to_one = np.array([BEAD_TYPES[step.kind] == (1, 1) for step in steps], dtype=bool)
        if not len(side.step):
            continue
        chosen = one_to_one[side.step] & (side.weight >= MIN_SENTENCE_WEIGHT)
        shares.append(side.share[chosen])
    values = np.concatenate(shares) if shares else np.zeros(0)
    if not len(values):
        return PRIOR_COVERAGE
    return float(
        (len(values) * median(values) + PRIOR_SENTENCES * PRIOR_COVERAGE) / (len(values) + PRIOR_SENTENCES)
    )


@dataclass(frozen=True)
class CoverageRates:
    """What share of a sentence's token weight the other side covers, in a document: when
    the other side is its translation (``right``), and when it is an unrelated sentence of
    the same document (``chance``: shared names, numbers, and words that cover by chance)."""

    right: float = PRIOR_RIGHT_RATE
    chance: float = PRIOR_CHANCE_RATE

    @classmethod
    def of(cls, right: Sequence[PathSide], chance: Sequence[PathSide]) -> CoverageRates:
        """The rates of the sides of translated sentence pairs and of unrelated ones."""
        return cls(_pooled_rate(right, PRIOR_RIGHT_RATE), _pooled_rate(chance, PRIOR_CHANCE_RATE))


def _pooled_rate(sides: Sequence[PathSide], prior: float) -> float:
    """What the sides' sentences gain over what they weigh, shrunk towards ``prior``."""
    weight = sum(float(side.weight.sum()) for side in sides)
    gained = sum(float(side.gained.sum()) for side in sides)
    return (gained + prior * PRIOR_RATE_WEIGHT) / (weight + PRIOR_RATE_WEIGHT)


def link_content(evidence: PathEvidence) -> tuple[np.ndarray, np.ndarray]:
    """Per link of a path, the token weight of its sentences, both sides together, and what
    they gain from the other side (0 for a gap link): added up over a structural pair, how
    far its content bears out its pairing (``confidence.pair_certainty``)."""
    links = len(evidence.steps)
    weight, gained = np.zeros(links), np.zeros(links)
    if not links:
        return weight, gained
    kinds = np.array([BEAD_TYPES[step.kind] for step in evidence.steps], dtype=np.int64).reshape(-1, 2)
    linked = kinds.min(axis=1) > 0
    for side in (evidence.source, evidence.target):
        weight += np.bincount(side.step, side.weight, minlength=links)
        gained += np.bincount(side.step, side.gained, minlength=links)
    return np.where(linked, weight, 0.0), np.where(linked, gained, 0.0)


@dataclass(frozen=True)
class PathEvidence:
    """Both sides of a path's evidence, before it is turned into features per link."""

    steps: Sequence[Step]
    source: PathSide
    target: PathSide


def path_evidence(
    steps: Sequence[Step],
    source: SideEvidence,
    target: SideEvidence,
    source_bounds: np.ndarray | None = None,
    target_bounds: np.ndarray | None = None,
) -> PathEvidence:
    """The evidence of a path's links in the sides it was searched on (their token tables
    made with ``token_flags``). ``source_bounds`` and ``target_bounds`` give, per step, the
    sentences [start, end) of its block on each side when the path runs through several
    blocks (see ``blocks``); by default the whole side."""
    if source_bounds is None:
        source_bounds = np.tile([0, source.sentence_count], (len(steps), 1))
    if target_bounds is None:
        target_bounds = np.tile([0, target.sentence_count], (len(steps), 1))
    return PathEvidence(
        steps,
        _side_of_path(steps, source, target, True, target_bounds),
        _side_of_path(steps, target, source, False, source_bounds),
    )


def link_evidence(evidence: PathEvidence, reference: float) -> dict[str, np.ndarray]:
    """Features of every link of the path, by name (see the module's docstring)."""
    links = len(evidence.steps)
    totals = {}
    source_excess, target_excess = _exact_differences(evidence.source, evidence.target, links)
    source_numbers, target_numbers = _exact_differences(
        evidence.source, evidence.target, links, numbers_only=True
    )
    for name, side in (("source", evidence.source), ("target", evidence.target)):
        totals[name] = {
            "weight": np.bincount(side.step, side.weight, minlength=links),
            "gained": np.bincount(side.step, side.gained, minlength=links),
            "neighbour": np.bincount(side.step, side.neighbour_gained, minlength=links),
            "own": np.bincount(side.step, side.own_words, minlength=links),
            "foreign": np.bincount(side.step, side.foreign_words, minlength=links),
            "weakest": _weakest(side, links),
        }
    kinds = np.array([BEAD_TYPES[step.kind] for step in evidence.steps], dtype=np.int64).reshape(-1, 2)
    linked = kinds.min(axis=1) > 0
    shares = [
        np.where(
            totals[name]["weight"] > 0, totals[name]["gained"] / np.maximum(totals[name]["weight"], 1e-9), 1.0
        )
        for name in ("source", "target")
    ]
    coverage = np.where(linked, np.minimum(*shares), 0.0)
    weakest = np.where(linked, np.minimum(totals["source"]["weakest"], totals["target"]["weakest"]), 0.0)
    weight = totals["source"]["weight"] + totals["target"]["weight"]
    neighbour = np.where(
        linked,
        0.0,
        (totals["source"]["neighbour"] + totals["target"]["neighbour"]) / np.maximum(weight, 1e-9),
    )
    # Shrunk towards 0 as if FOREIGN_PRIOR words of the side's own language were there: one
    # foreign word in a three-word heading is no evidence.
    foreign = np.maximum(
        *(
            totals[name]["foreign"] / (totals[name]["own"] + totals[name]["foreign"] + FOREIGN_PRIOR)
            for name in ("source", "target")
        )
    )
    return {
        "coverage": coverage,
        "coverage_ratio": np.minimum(coverage / reference, MAX_RATIO),
        "weakest_ratio": np.minimum(weakest / reference, MAX_RATIO),
        # A number of each side that the other lacks is a changed number; one on one side
        # only is as often a number the other side writes in words.
        "unmatched_pairs": np.minimum(np.minimum(source_excess, target_excess), 3.0),
        "unmatched_single": np.minimum(np.abs(source_excess - target_excess), 3.0),
        "unmatched_number_pairs": np.minimum(source_numbers, target_numbers),
        "uncovered_run": np.where(
            linked, np.log1p(np.maximum(evidence.source.longest_gap, evidence.target.longest_gap)), 0.0
        ),
        "foreign": foreign,
        **{
            f"{name}_tail": np.where(linked, side.tail_gap, 0.0)
            for name, side in (("source", evidence.source), ("target", evidence.target))
        },
        **{
            f"{name}_tail_share": np.where(linked, side.tail_gap / np.maximum(side.word_weight, 1e-9), 0.0)
            for name, side in (("source", evidence.source), ("target", evidence.target))
        },
        "gap_neighbour_ratio": np.minimum(neighbour / reference, MAX_RATIO),
        "log_weight": np.log1p(weight),
    }


def _exact_differences(
    source: PathSide, target: PathSide, links: int, numbers_only: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Per link, how many numbers and symbols (only numbers with ``numbers_only``) of each
    side the other side does not have, as multisets ("art. 2" against "s. 3" in "J-2": one
    each)."""
    keys = int(max(source.exact_key.max(initial=0), target.exact_key.max(initial=0))) + 1
    source_chosen = source.number if numbers_only else slice(None)
    target_chosen = target.number if numbers_only else slice(None)
    source_codes = source.exact_step[source_chosen] * keys + source.exact_key[source_chosen]
    target_codes = target.exact_step[target_chosen] * keys + target.exact_key[target_chosen]
    codes, inverse = np.unique(np.concatenate([source_codes, target_codes]), return_inverse=True)
    balance = np.bincount(inverse, np.concatenate([np.ones(len(source_codes)), -np.ones(len(target_codes))]))
    step = codes // keys if len(codes) else np.zeros(0, np.int64)
    source_excess = np.bincount(step, np.maximum(balance, 0.0), minlength=links)
    target_excess = np.bincount(step, np.maximum(-balance, 0.0), minlength=links)
    return source_excess[:links], target_excess[:links]


def language_words(first: LanguageProfile, second: LanguageProfile) -> frozenset[str]:
    """The function words of one of two languages only: what tells which of the two a text
    is written in. One-letter ones only if they are not ASCII letters ("à", not "a" or "l":
    roman numerals, initials and abbreviations look the same in both languages)."""
    return frozenset(
        word for word in first.stopwords ^ second.stopwords if len(word) > 1 or not word.isascii()
    )


def _letter_words(sentences: Sequence[str]) -> tuple[str, ...]:
    """The words of sentences (numbers, symbols and footnote calls left out), lowercased."""
    return tuple(token.lower() for sentence in sentences for token in words(sentence) if token[:1].isalpha())


def copied_links(
    steps: Sequence[Step], source: Sequence[str], target: Sequence[str], language: frozenset[str]
) -> np.ndarray:
    """Per link of a path through sentences ``source`` and ``target``, 1.0 if both sides are
    the same words, at least MIN_COPIED_WORDS of them, one a word of ``language`` (see
    ``language_words``): a passage left untranslated, which covers its "translation"
    perfectly and so looks like the surest of links."""
    copied = np.zeros(len(steps))
    for index, step in enumerate(steps):
        if not (step.source and step.target):
            continue
        source_words = _letter_words([source[i] for i in step.source])
        if len(source_words) < MIN_COPIED_WORDS or not language.intersection(source_words):
            continue
        copied[index] = source_words == _letter_words([target[j] for j in step.target])
    return copied


# How a text ends: closing a sentence or a clause ("... ;", "... ,", "... ; and"), with some
# other punctuation (a lead-in's ":" is written in one language and not the other), or open.
_CLAUSE_END = re.compile(rf"[.!?…;,][\"'’»”)\]]*[{SUPERSCRIPTS}]*$")
_ANY_END = re.compile(rf"[.!?…;,:][\"'’»”)\]]*[{SUPERSCRIPTS}]*$")


def _ending(text: str, joiners: frozenset[str]) -> int:
    """2 when ``text`` closes a sentence or a clause, 1 when it ends with other punctuation,
    0 when it ends open (mid-sentence, or a title)."""
    text = text.rstrip()
    head, _, last = text.rpartition(" ")
    if head and last.lower() in joiners:
        text = head.rstrip()
    if _CLAUSE_END.search(text):
        return 2
    return 1 if _ANY_END.search(text) else 0


def ends_alone(
    steps: Sequence[Step],
    source: Sequence[str],
    target: Sequence[str],
    source_profile: LanguageProfile,
    target_profile: LanguageProfile,
) -> tuple[np.ndarray, np.ndarray]:
    """Per link of a path through sentences ``source`` and ``target``, 1.0 where the
    source side closes a sentence or a clause and the target side ends with no punctuation
    at all (first array), and the other way round (second): one side stops short of the
    other's end, as a translation cut off mid-sentence does."""
    source_ends, target_ends = np.zeros(len(steps)), np.zeros(len(steps))
    for index, step in enumerate(steps):
        if not (step.source and step.target):
            continue
        source_end = _ending(source[step.source[-1]], source_profile.clause_joiners)
        target_end = _ending(target[step.target[-1]], target_profile.clause_joiners)
        source_ends[index] = source_end == 2 and target_end == 0
        target_ends[index] = target_end == 2 and source_end == 0
    return source_ends, target_ends


# Where a sentence or a clause ends inside a text and another one starts (a capital next).
_INNER_END = re.compile(rf"[.!?…;:][\"'’»”)\]]*[{SUPERSCRIPTS}]*\s+(?=[«“\"'‘(\[]*[A-ZÀ-ÖØ-Þ])")
# The fewest words after such an end that make a passage of its own; the least token weight
# and share of its side's words, and the most of it the other side may cover, for it to be
# glued there (see ``glued_passages``).
MIN_GLUED_WORDS = 4
GLUED_WEIGHT = 3.0
GLUED_SHARE = 0.1
GLUED_COVERAGE = 0.2


def _glued_start(text: str) -> int:
    """The number of tokens of ``text`` before the last sentence or clause that starts inside
    it (-1 when none does, or it is shorter than MIN_GLUED_WORDS)."""
    ends = list(_INNER_END.finditer(text))
    if not ends or len(words(text[ends[-1].end() :])) < MIN_GLUED_WORDS:
        return -1
    return len(words(text[: ends[-1].end()]))


def glued_passages(
    steps: Sequence[Step], source: Sequence[str], target: Sequence[str], evidence: PathEvidence
) -> np.ndarray:
    """Per link of a path, 1.0 where the last sentence of one side ends in a sentence or a
    clause of its own (after a ";" or a full stop the segmenter did not cut at) that weighs
    at least GLUED_WEIGHT and GLUED_SHARE of the side's words, of which the other side
    covers at most GLUED_COVERAGE, while the other side ends in no such passage: a sentence
    glued to its neighbour's translation (inserted, or moved from elsewhere)."""
    glued = np.zeros((2, len(steps)))
    for index, step in enumerate(steps):
        if not (step.source and step.target):
            continue
        for side, (sentences, texts, path_side) in enumerate(
            ((step.source, source, evidence.source), (step.target, target, evidence.target))
        ):
            start = _glued_start(texts[sentences[-1]])
            if start < 0:
                continue
            first = int(path_side.token_start[sentences[-1]]) + start
            end = int(path_side.token_start[sentences[-1] + 1])
            weight = float(path_side.word_weights[first:end].sum())
            gained = float(path_side.word_gained[first:end].sum())
            glued[side, index] = (
                weight >= GLUED_WEIGHT
                and weight >= GLUED_SHARE * path_side.word_weight[index]
                and gained <= GLUED_COVERAGE * weight
            )
    alone: np.ndarray = np.maximum(glued[0] * (1 - glued[1]), glued[1] * (1 - glued[0]))
    return alone


def _weakest(side: PathSide, links: int) -> np.ndarray:
    """Per link, the lowest coverage share of its sentences that weigh enough (1 if none)."""
    weakest = np.ones(links)
    heavy = side.weight >= MIN_SENTENCE_WEIGHT
    np.minimum.at(weakest, side.step[heavy], side.share[heavy])
    return weakest


__all__ = [
    "CoverageRates",
    "PathEvidence",
    "PathSide",
    "copied_links",
    "ends_alone",
    "glued_passages",
    "language_words",
    "link_content",
    "link_evidence",
    "path_coverage",
    "path_evidence",
    "reference_coverage",
    "token_flags",
]
