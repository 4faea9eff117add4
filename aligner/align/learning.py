"""Learning from a document: a fitted model (``fitted.FittedModel``) from its paired blocks.

``fit_model`` sees every paired block of a document (or one block for a text without
structure) and learns what the text itself can teach: word frequencies, the length ratio
and its spread, a joint subword model, and a bilingual lexicon (align, learn from the
confident 1-1 links, realign), then the document's usual coverage and coverage rates from
the links it learnt from (``link_evidence``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from . import confidence as confidence_model
from . import link_evidence
from .block_search import BlockSearch
from .blocks import group_blocks
from .length import LengthModel, char_length
from .lexicon import induce
from .search import BEAD_TYPES, Step
from .semantic import ChanceCosine
from .side_model import WordFrequency
from .subwords import SubwordModel
from .tokens import words
from .windows import chunk_bounds, needs_windows

# The first pass's 1-1 links that are in this top share by RANKING_FEATURE feed the lexicon
# (with every block of one sentence a side, which needs no first pass).
LEXICON_TRAINING_SHARE = 0.7
RANKING_FEATURE = "posterior_logit"
# The usual coverage of a document's links (``_coverages``) is measured on this many links
# at a time (all at once in any document of fewer), of at most this many characters.
COVERAGE_CHUNK = 4000
COVERAGE_CHUNK_CHARS = 3_000_000

Blocks = Sequence[tuple[Sequence[str], Sequence[str]]]


def fit_model(search: BlockSearch, blocks: Blocks) -> BlockSearch:
    """The search of the model learnt from all paired blocks of a document, starting from
    ``search``'s (its languages, options and dictionaries; what its side models remember
    that stays valid is kept). Blocks with an empty side teach nothing and are left out."""
    start = search.model
    options = start.options
    paired = [(list(source), list(target)) for source, target in blocks if len(source) and len(target)]
    all_source = [s for source, _ in paired for s in source]
    all_target = [t for _, target in paired for t in target]
    model = replace(
        start,
        source_frequency=WordFrequency.count(all_source),
        target_frequency=WordFrequency.count(all_target),
    )
    source_chars = sum(map(char_length, all_source))
    target_chars = sum(map(char_length, all_target))
    if source_chars and target_chars:
        model = replace(
            model, length_model=LengthModel(ratio=float(np.clip(target_chars / source_chars, 0.5, 2.0)))
        )
    if options.use_subwords:
        model = replace(model, subwords=SubwordModel.train(all_source + all_target))
    if search.semantic_model is not None:
        embed = search.semantic_model.embed
        model = replace(model, chance_cosine=ChanceCosine.estimate(embed(all_source), embed(all_target)))
    search = search.refitted(model)
    # Align, learn, realign. (A second round of learning changed nothing on transread.)
    links = _confident_links(search, paired)
    if options.use_lexicon:
        induced = induce(
            # A generator: the words of every link are coded one pair at a time, never all
            # held at once (a long document has hundreds of thousands of links).
            ((words(all_source[i]), words(all_target[j])) for i, j in links),
            model.source_language,
            model.target_language,
        )
        model = replace(model, induced=induced)
    model = replace(
        model,
        length_model=LengthModel.fit(
            [(char_length(all_source[i]), char_length(all_target[j])) for i, j in links]
        ),
    )
    search = search.refitted(model)
    reference, rates = _coverages(
        search, [all_source[i] for i, _ in links], [all_target[j] for _, j in links]
    )
    return search.refitted(replace(model, reference_coverage=reference, coverage_rates=rates))


def _coverages(
    search: BlockSearch, source: list[str], target: list[str]
) -> tuple[float, link_evidence.CoverageRates]:
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
    lengths = [len(s) + len(t) for s, t in zip(source, target, strict=True)]
    for start, end in chunk_bounds(lengths, COVERAGE_CHUNK, COVERAGE_CHUNK_CHARS):
        steps = [Step(k + 1, k + 1, BEAD_TYPES.index((1, 1))) for k in range(end - start)]
        source_side, target_side = search.sides(source[start:end], target[start:end])
        path = link_evidence.path_evidence(steps, source_side, target_side)
        right += [(path.source, steps), (path.target, steps)]
        if shifted_target:
            # The source side is the same: only the shifted target side is built again.
            shifted_side = search.target.evidence(shifted_target[start:end])
            shifted = link_evidence.path_evidence(steps, source_side, shifted_side)
            chance += [shifted.source, shifted.target]
    reference = link_evidence.reference_coverage(right)
    return reference, link_evidence.CoverageRates.of([side for side, _ in right], chance)


def _confident_links(search: BlockSearch, blocks: Blocks) -> list[tuple[int, int]]:
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
    others = [k for k, (s, t) in enumerate(blocks) if not len(s) == len(t) == 1 and not needs_windows(s, t)]
    scored = []
    for k, (s, t) in enumerate(blocks):
        if needs_windows(s, t):
            scored += [
                (value, int(source_offsets[k] + i), int(target_offsets[k] + j))
                for value, i, j in search.long_block_links(s, t, RANKING_FEATURE)
            ]
    for group in group_blocks(
        [(len(blocks[k][0]), len(blocks[k][1])) for k in others], search.max_grouped_columns()
    ):
        indices = [others[position] for position in group]
        searched = search.search_group([blocks[k] for k in indices])
        certainty = confidence_model.posterior_logits(
            searched.steps, searched.scores, searched.band, searched.bead_posteriors
        )
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
