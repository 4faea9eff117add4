"""The search: a fitted model (``fitted.FittedModel``) and blocks in, links out.

``BlockSearch.align_blocks`` aligns many blocks (``blocks``: small blocks are searched
together, their boundaries kept as walls): beads are scored (``scoring``) in a band (around
a guide path, ``guide``, when the block is large; window by window, ``windows``, when it is
long) and the path is found by dynamic programming (``search``): the one with the most
sentences expected in the right link, by every bead's posterior (``posterior_decoding``), or
the most probable one; each link gets a calibrated confidence (``confidence``). A search
reads each side's tokens with that side's ``side_model.SideModel``, whose token tables it
keeps from block to block.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import confidence as confidence_model
from . import link_evidence
from .blocks import Layout, group_blocks
from .chrf import GlossChrf
from .evidence import KeyIds, SideEvidence, build_side
from .fitted import FittedModel
from .guide import anchor_guide, guide_from, strong_occurrences
from .length import char_length
from .lexicon import Lexicon
from .scoring import SemanticEvidence, bead_scores
from .search import BEAD_TYPES, Band, Step, best_path, expected_accuracy_path, path_extent, touches_edge
from .semantic import SemanticModel
from .side_model import SideModel
from .tokens import words
from .windows import (
    CUT_SHARE,
    FIRST_PASS_SENTENCES,
    LEAD_SHARE,
    SURE_CONFIDENCE,
    WINDOW_SENTENCES,
    WindowSearch,
    chunk_bounds,
    cut_point,
    cut_point_rows,
    local_guide,
    needs_windows,
    text_offsets,
    window_from,
    window_size,
)

# Searches in a band moved onto the last path, at most; a path this close to the band's edge
# moves it.
MAX_SEARCHES = 4
EDGE_MARGIN = 2
# The guide of a long text (see ``windows``) is made from this many sentences at a time, and
# at most this many characters.
GUIDE_CHUNK = 5000
GUIDE_CHUNK_CHARS = 2_000_000


@dataclass(frozen=True, slots=True)
class Bead:
    """A link: consecutive source and target sentence indices (either may be empty) and
    the probability that the link is right."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float

    @property
    def kind(self) -> str:
        """The link type, source sentences then target sentences ("1-1", "2-1", "0-1")."""
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
    # Every bead's log posterior, when the path was decoded from them (see ``_decoded``).
    bead_posteriors: np.ndarray | None = None


class BlockSearch:
    """Aligns blocks of sentences with a fitted model. The side models (token tables) and
    the semantic model are made once and kept; ``refitted`` gives the search of another
    model that keeps what is still valid of them."""

    def __init__(
        self,
        model: FittedModel,
        sides: tuple[SideModel, SideModel] | None = None,
        semantic_model: SemanticModel | None = None,
        lexicon: Lexicon | None = None,
    ):
        self.model = model
        self.options = model.options
        self.lexicon: Lexicon = model.lexicon() if lexicon is None else lexicon
        if sides is None:
            source_profile, target_profile = model.source_language, model.target_language
            key_ids = KeyIds()
            cognates = self.options.use_cognates
            sides = (
                SideModel(source_profile, target_profile, True, key_ids, cognates),
                SideModel(target_profile, source_profile, False, key_ids, cognates),
            )
        lexicon = self.lexicon if len(self.lexicon) else None
        self.source = sides[0].reading(model.source_frequency, model.subwords, lexicon)
        self.target = sides[1].reading(model.target_frequency, model.subwords, lexicon)
        self.language_words = link_evidence.language_words(self.source.profile, self.target.profile)
        if semantic_model is None and self.options.use_semantic:
            semantic_model = SemanticModel()
        self.semantic_model = semantic_model

    def refitted(self, model: FittedModel) -> BlockSearch:
        """The search of another model of the same languages and options, keeping the side
        models' remembered classes and keys where they are still valid."""
        same_lexicon = model.dictionary is self.model.dictionary and model.induced is self.model.induced
        lexicon = self.lexicon if same_lexicon else None
        return BlockSearch(model, (self.source, self.target), self.semantic_model, lexicon)

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
            k for k, (s, t) in enumerate(blocks) if window is None and s and t and needs_windows(s, t)
        ]
        sizes = [(0, 0) if k in long_blocks else (len(s), len(t)) for k, (s, t) in enumerate(blocks)]
        for group in group_blocks(sizes, self.max_grouped_columns()):
            searched = self.search_group([blocks[k] for k in group], window)
            steps, layout = searched.steps, searched.layout
            features, path = self._path_facts(searched, use_chrf)
            features.update(link_evidence.link_evidence(path, self.model.reference_coverage))
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
        pairs = confidence_model.pair_certainty(prior, weight, gained, self.model.coverage_rates)
        weighed = list(explained)
        for k, certainty in zip(searched, pairs.tolist(), strict=True):
            beads, features = explained[k]
            weighed[k] = (
                [Bead(bead.source, bead.target, bead.confidence * certainty) for bead in beads],
                {**features, "pair_certainty": np.full(len(beads), certainty)},
            )
        return weighed

    def long_block_links(
        self, source: Sequence[str], target: Sequence[str], ranking_feature: str
    ) -> list[tuple[float, int, int]]:
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
            offsets = text_offsets(source)
            for source_start in np.linspace(0, n - WINDOW_SENTENCES, count).round().astype(int).tolist():
                size = window_size(offsets, source_start)
                window = window_from(guide, source_start, int(guide[source_start]), size)
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
            for bead, value in zip(beads, features[ranking_feature].tolist(), strict=False):
                if len(bead.source) == len(bead.target) == 1 and bead.source[0] >= lead:
                    links.append((value, source_start + bead.source[0], target_start + bead.target[0]))
        return links

    def _explain_windowed(
        self, source: Sequence[str], target: Sequence[str], use_chrf: bool, guide: np.ndarray | None = None
    ) -> tuple[list[Bead], dict[str, np.ndarray]]:
        """Links and features of one long block, window by window (see ``windows``): each
        window's tables are dropped before the next is made."""
        guide = self._text_guide(source, target) if guide is None else guide
        offsets = text_offsets(source)
        beads: list[Bead] = []
        parts: dict[str, list[np.ndarray]] = {}
        source_start = target_start = 0
        while True:
            window = window_from(guide, source_start, target_start, window_size(offsets, source_start))
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
            steps, searched.scores, searched.band, searched.layout.owners(steps), searched.bead_posteriors
        )
        kinds = np.array([BEAD_TYPES[step.kind] for step in steps], dtype=np.int64).reshape(-1, 2)
        ends = np.array([(step.i, step.j) for step in steps], dtype=np.int64).reshape(-1, 2)
        source_total = np.concatenate([[0.0], np.cumsum(searched.source_chars)])
        target_total = np.concatenate([[0.0], np.cumsum(searched.target_chars)])
        source_chars = source_total[ends[:, 0]] - source_total[ends[:, 0] - kinds[:, 0]]
        target_chars = target_total[ends[:, 1]] - target_total[ends[:, 1] - kinds[:, 1]]
        features["length_cost"] = self.model.length_model.cost(source_chars, target_chars)
        if use_chrf:
            gloss = GlossChrf(self.lexicon, searched.source, searched.target)
            features["chrf"] = np.array([gloss.score(step.source, step.target) for step in steps])
        layout, owners = searched.layout, searched.layout.owners(steps)
        source_bounds = np.column_stack([layout.source_starts[owners], layout.source_starts[owners + 1]])
        target_bounds = np.column_stack([layout.target_starts[owners], layout.target_starts[owners + 1]])
        path = link_evidence.path_evidence(
            steps, searched.source_side, searched.target_side, source_bounds, target_bounds
        )
        features["copied"] = link_evidence.copied_links(
            steps, searched.source, searched.target, self.language_words
        )
        features["source_ends_alone"], features["target_ends_alone"] = link_evidence.ends_alone(
            steps, searched.source, searched.target, self.source.profile, self.target.profile
        )
        features["glued"] = link_evidence.glued_passages(steps, searched.source, searched.target, path)
        return features, path

    def max_grouped_columns(self) -> int:
        """Blocks with more target sentences than this are searched alone, in a band around
        a guide (``_guided_search``); smaller ones are searched whole, in groups."""
        return 2 * self.options.band

    def _text_guide(self, source: Sequence[str], target: Sequence[str]) -> np.ndarray:
        """The anchor guide (see ``guide``) of a whole long text, its evidence made a chunk of
        sentences at a time and dropped but for its strong keys."""
        self._keep_tables_bounded()
        found = []
        for sentences, table in ((source, self.source.table()), (target, self.target.table())):
            keys, rows = [], []
            for start, end in chunk_bounds([len(s) for s in sentences], GUIDE_CHUNK, GUIDE_CHUNK_CHARS):
                chunk = build_side([words(s) for s in sentences[start:end]], table)
                chunk_keys, chunk_rows = strong_occurrences(chunk, start)
                keys.append(chunk_keys)
                rows.append(chunk_rows)
            all_keys, all_rows = np.concatenate(keys), np.concatenate(rows)
            order = np.lexsort((all_rows, all_keys))
            found.append((all_keys[order], all_rows[order]))
        return guide_from(found[0], found[1], len(source), len(target))

    def sides(self, source: Sequence[str], target: Sequence[str]) -> tuple[SideEvidence, SideEvidence]:
        """The evidence of a block's sentences, each side read with its side model."""
        self._keep_tables_bounded()
        return self.source.evidence(source), self.target.evidence(target)

    def _keep_tables_bounded(self) -> None:
        """Before the evidence of both sides is made: once the key ids pass their budget
        (``evidence.MAX_KEYS``), they restart and both side models forget what they
        remember per token, so that a text of millions of distinct words does not keep
        a table of them all (the evidence is the same, worked out again)."""
        key_ids = self.source.key_ids
        if key_ids.over_budget():
            key_ids.restart()
            self.source.forget()
            self.target.forget()

    def search_group(
        self, blocks: Sequence[tuple[Sequence[str], Sequence[str]]], window: WindowSearch | None = None
    ) -> _Search:
        """The best path through a group of blocks (see ``blocks``), with what it was found from."""
        source = [s for block, _ in blocks for s in block]
        target = [t for _, block in blocks for t in block]
        layout = Layout.of([(len(s), len(t)) for s, t in blocks])
        source_side, target_side = self.sides(source, target)
        source_chars = np.array([char_length(s) for s in source], dtype=np.float64)
        target_chars = np.array([char_length(t) for t in target], dtype=np.float64)
        semantic = None
        if self.semantic_model is not None:
            semantic = SemanticEvidence(
                self.semantic_model.embed(source), self.semantic_model.embed(target), self.model.chance_cosine
            )
        if layout.blocks == 1 and (window is not None or len(target) > self.max_grouped_columns()):
            steps, scores, lexical, band, bead_posteriors = self._guided_search(
                source_side, target_side, source_chars, target_chars, semantic, window
            )
        else:
            band = layout.band()
            scores, lexical = self._scores(
                source_side, target_side, source_chars, target_chars, band, semantic
            )
            layout.forbid_crossing(scores, band)
            steps, bead_posteriors = self._decoded(scores, band)
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
            bead_posteriors,
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
            self.model.length_model,
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
    ) -> tuple[list[Step], np.ndarray, np.ndarray, Band, np.ndarray | None]:
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
        if trusted is None:
            steps, bead_posteriors = self._decoded(scores, band, steps)
            return steps, scores, lexical, band, bead_posteriors
        return steps, scores, lexical, band, None

    def _decoded(
        self, scores: np.ndarray, band: Band, best: list[Step] | None = None
    ) -> tuple[list[Step], np.ndarray | None]:
        """The path through the band to the grid's corner: the one with the most sentences
        expected in the right link (``search.expected_accuracy_path``, with every bead's log
        posterior, which the confidences then read), or the most probable one (``best``, if
        it was found already) without ``posterior_decoding``. (A window of a longer text,
        whose path may end anywhere in its last row, keeps its most probable path.)"""
        if self.options.posterior_decoding:
            return expected_accuracy_path(scores, band)
        return (best if best is not None else best_path(scores, band)[0]), None


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
