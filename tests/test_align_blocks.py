"""Blocks searched together: the structure's boundaries are never crossed, and every block
gets the links and confidences it gets when aligned alone."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align import AlignOptions, SentenceAligner
from aligner.align.blocks import Layout, group_blocks
from aligner.align.search import BEAD_TYPES, IMPOSSIBLE, Band, best_path, log_posteriors

FRENCH = [
    "Le Comité a examiné le rapport annuel en 2019.",
    "Il a approuvé le budget de 2 500 000 dollars.",
    "La séance est levée à 13 heures.",
    "Madame Dupont a présenté le programme de travail.",
    "Elle a remercié les délégations de leur soutien.",
    "Le Conseil économique et social s'est réuni à Genève.",
    "Cette phrase n'a aucun équivalent dans la version anglaise, qui l'omet.",
    "Le Secrétaire général a soumis la note A/74/400 à l'Assemblée.",
    "Les États Membres ont adopté la résolution 74/12 sans vote.",
    "Paris accueillera la conférence du 3 au 7 juin.",
    "Le chat dort dans la maison pendant que le chien court dans le jardin.",
    "Le soleil revient après la pluie.",
]
ENGLISH = [
    "The Committee examined the annual report in 2019.",
    "It approved the budget of 2,500,000 dollars.",
    "The meeting rose at 1 p.m.",
    "Mrs. Dupont presented the programme of work.",
    "She thanked the delegations for their support.",
    "The Economic and Social Council met in Geneva.",
    "The Secretary-General submitted note A/74/400 to the Assembly.",
    "Member States adopted resolution 74/12 without a vote.",
    "Paris will host the conference from 3 to 7 June.",
    "The cat sleeps in the house.",
    "The dog runs in the garden.",
    "The sun comes back after the rain.",
]

block_sizes = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=1, max_size=8)


def texts_of(sizes: list[tuple[int, int]], seed: int) -> list[tuple[list[str], list[str]]]:
    """Blocks of distinct sentences (no two candidate links score exactly alike)."""
    random = np.random.default_rng(seed)
    blocks = []
    for number, (n, m) in enumerate(sizes):
        source = [
            f"{FRENCH[i]} ({number}-{k})" for k, i in enumerate(random.choice(len(FRENCH), n, replace=False))
        ]
        target = [
            f"{ENGLISH[j]} ({number}-{k})"
            for k, j in enumerate(random.choice(len(ENGLISH), m, replace=False))
        ]
        blocks.append((source, target))
    return blocks


def summary(beads) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """Links in order of their sentences (two null links may come in either order when
    both orders score the same) with their confidences."""
    return sorted((bead.source, bead.target, bead.confidence) for bead in beads)


def assert_same_links(first, second) -> None:
    assert [(s, t) for s, t, _ in first] == [(s, t) for s, t, _ in second]
    assert np.allclose([c for _, _, c in first], [c for _, _, c in second], atol=1e-6)


@settings(max_examples=200, deadline=None)
@given(block_sizes, st.integers(0, 1000))
def test_blocks_searched_together_give_what_each_block_gives_alone(
    sizes: list[tuple[int, int]], seed: int
) -> None:
    blocks = texts_of(sizes, seed)
    aligner = SentenceAligner("fr", "en").fit(blocks)
    together = aligner.align_blocks(blocks)
    alone = [aligner.align(source, target) for source, target in blocks]
    assert len(together) == len(alone)
    for beads, expected in zip(together, alone, strict=True):
        assert_same_links(summary(beads), summary(expected))


def test_a_block_too_wide_for_a_group_is_searched_alone_in_a_guided_band() -> None:
    wide = (
        [f"Phrase numéro {i} du texte." for i in range(50)],
        [f"Sentence number {i} of the text." for i in range(50)],
    )
    blocks = [(["Le chat dort."], ["The cat sleeps."]), wide, (["Oui."], ["Yes."])]
    aligner = SentenceAligner("fr", "en", AlignOptions(band=5))
    assert group_blocks([(len(s), len(t)) for s, t in blocks], 10) == [[0, 2], [1]]
    result = aligner.align_blocks(blocks)
    assert [(bead.source, bead.target) for bead in result[1]] == [((i,), (i,)) for i in range(50)]
    for beads, block in zip(result, blocks, strict=True):
        assert_same_links(summary(beads), summary(aligner.align(*block)))


def test_groups_skip_one_sided_blocks_and_respect_the_size_limit() -> None:
    sizes = [(1, 1), (0, 2), (3, 2), (2, 0), (1, 1), (30, 3), (1, 1)]
    assert group_blocks(sizes, 10, limit=5) == [[0, 2, 4], [5], [6]]
    assert group_blocks(sizes, 10, limit=4) == [[0, 2], [4], [5], [6]]
    assert group_blocks(sizes, 10, limit=400) == [[0, 2, 4, 5, 6]]


def test_one_sided_blocks_are_null_links_of_full_confidence() -> None:
    aligner = SentenceAligner("fr", "en")
    result = aligner.align_blocks([(["Une phrase.", "Deux."], []), ([], ["One."]), ([], [])])
    assert [[(bead.source, bead.target, bead.confidence) for bead in beads] for beads in result] == [
        [((0,), (), 1.0), ((1,), (), 1.0)],
        [((), (0,), 1.0)],
        [],
    ]


def _block_scores(rng: np.random.Generator, n: int, m: int) -> np.ndarray:
    """Random scores over a block's whole grid (a full band), IMPOSSIBLE where no bead fits."""
    scores = rng.normal(-2.0, 2.0, size=(len(BEAD_TYPES), n + 1, m + 1)).astype(np.float32)
    for kind, (a, b) in enumerate(BEAD_TYPES):
        for i in range(n + 1):
            for j in range(m + 1):
                if i < a or j < b:
                    scores[kind, i, j] = IMPOSSIBLE
    return scores


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=1, max_size=6), st.integers(0, 10_000)
)
def test_the_joined_search_passes_every_corner_and_keeps_every_blocks_posteriors(
    sizes: list[tuple[int, int]], seed: int
) -> None:
    """Whatever the scores, the best path of the group is the blocks' best paths end to end,
    and the posterior of every step is the one its block gives alone."""
    rng = np.random.default_rng(seed)
    layout = Layout.of(sizes)
    band = layout.band()
    noise = rng.normal(0.0, 3.0, size=(len(BEAD_TYPES), band.rows, band.width)).astype(np.float32)
    scores = np.where(noise > -100, noise, IMPOSSIBLE).astype(
        np.float32
    )  # scores everywhere, crossing beads too
    expected_steps, expected_posteriors = [], []
    for block, (n, m) in enumerate(sizes):
        s0, t0 = int(layout.source_starts[block]), int(layout.target_starts[block])
        own = _block_scores(rng, n, m)
        for kind in range(len(BEAD_TYPES)):
            for i in range(n + 1):
                for j in range(m + 1):
                    if own[kind, i, j] > IMPOSSIBLE and (i, j) != (0, 0):
                        scores[kind, s0 + i, t0 + j - band.lo[s0 + i]] = own[kind, i, j]
        alone = Band.full(n + 1, m + 1)
        steps, _ = best_path(own, alone)
        expected_steps += [((s0 + step.i, t0 + step.j), step.kind) for step in steps]
        expected_posteriors += log_posteriors(own, alone, steps).tolist()
    # Cells outside the grid cannot hold a bead.
    column = band.absolute_columns()
    scores[:, column > band.columns - 1] = IMPOSSIBLE
    for kind, (a, b) in enumerate(BEAD_TYPES):
        scores[kind][(np.arange(band.rows)[:, None] < a) | (column < b)] = IMPOSSIBLE
    layout.forbid_crossing(scores, band)
    steps, _ = best_path(scores, band)
    assert [((step.i, step.j), step.kind) for step in steps] == expected_steps
    assert np.allclose(log_posteriors(scores, band, steps), expected_posteriors, atol=1e-4)
    owners = layout.owners(steps)
    for step, owner in zip(steps, owners, strict=True):
        a, b = BEAD_TYPES[step.kind]
        assert layout.source_starts[owner] <= step.i - a and step.i <= layout.source_starts[owner + 1]
        assert layout.target_starts[owner] <= step.j - b and step.j <= layout.target_starts[owner + 1]


def test_a_layout_needs_both_sides_in_every_block() -> None:
    with pytest.raises(ValueError):
        Layout.of([(1, 1), (0, 2)])


def test_sure_blocks_of_one_sentence_a_side_teach_the_lexicon() -> None:
    """Blocks of one sentence on each side are learnt from as they are: no first pass
    decides whether to trust them."""
    pairs = [
        ("Le chat noir dort.", "The black cat sleeps."),
        ("Le chat mange.", "The cat eats."),
        ("Le chien noir mange.", "The black dog eats."),
        ("Un chien dort.", "A dog sleeps."),
    ] * 3
    aligner = SentenceAligner("fr", "en").fit([([french], [english]) for french, english in pairs])
    chat = aligner.induced.translations("chat")
    chien = aligner.induced.translations("chien")
    assert max(chat, key=chat.get) == "cat" and max(chien, key=chien.get) == "dog"


def test_a_fitted_model_is_plain_data_that_aligns_as_its_aligner_does() -> None:
    """What a fit learns is a frozen model without caches or functions: pickled and given to
    a new aligner (as a batch's workers get it), it aligns every block as the aligner that
    learnt it, confidences included, and pickles to less than the aligner's own state."""
    import dataclasses
    import pickle

    from aligner.align.sentences import FittedModel

    blocks = [(FRENCH[:6], ENGLISH[:5]), (FRENCH[6:], ENGLISH[5:])]
    aligner = SentenceAligner("fr", "en").fit(blocks)
    expected = aligner.align_blocks(blocks)
    model = aligner.model
    assert isinstance(model, FittedModel) and dataclasses.is_dataclass(model)
    with pytest.raises(dataclasses.FrozenInstanceError):
        model.reference_coverage = 0.5  # type: ignore[misc]
    shipped = pickle.dumps(model)
    received = SentenceAligner.from_model(pickle.loads(shipped))
    assert received.align_blocks(blocks) == expected
    assert len(shipped) < len(pickle.dumps(aligner))
    assert SentenceAligner("fr", "en").model.induced.entries == {}
