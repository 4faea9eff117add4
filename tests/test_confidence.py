"""The certainty of a structural pair, borne out (or not) by what its sentences share."""

from __future__ import annotations

import numpy as np

from aligner.align import SentenceAligner
from aligner.align.confidence import COPIED_CAP, CUT_CAP, MAX_PRIOR, NUMBER_CAP, capped, pair_certainty
from aligner.align.link_evidence import CoverageRates, copied_links, ends_alone, language_words
from aligner.align.search import BEAD_TYPES, Step
from aligner.profiles import get_profile

RATES = CoverageRates(right=0.6, chance=0.1)


def test_sentences_that_cover_each_other_confirm_a_pair_made_by_position() -> None:
    certainty = pair_certainty(np.array([0.8]), np.array([40.0]), np.array([24.0]), RATES)
    assert certainty[0] > 0.999


def test_sentences_that_cover_no_more_than_chance_undo_a_pair_by_key() -> None:
    certainty = pair_certainty(np.array([1.0]), np.array([40.0]), np.array([4.0]), RATES)
    assert certainty[0] < 0.1


def test_little_evidence_moves_a_pair_little_and_none_not_at_all() -> None:
    priors = np.array([0.5, 0.5, 1.0])
    certainty = pair_certainty(priors, np.array([2.0, 0.0, 0.0]), np.array([0.3, 0.0, 0.0]), RATES)
    assert 0.2 < certainty[0] < 0.5
    assert np.allclose(certainty[1:], [0.5, MAX_PRIOR])


def _blocks(count: int) -> list[tuple[list[str], list[str]]]:
    """Blocks of one sentence a side that share names and numbers (what any document's
    alignment can match without a lexicon)."""
    names = ["Aline", "Bruno", "Chloé", "Damien", "Élise", "Fabien", "Gaëlle", "Hugo", "Inès", "Jules"]
    return [
        (
            [f"{names[k % 10]} Martin a écrit {1000 + 7 * k} lettres à {names[(k + 3) % 10]} en {1900 + k}."],
            [f"{names[k % 10]} Martin wrote {1000 + 7 * k} letters to {names[(k + 3) % 10]} in {1900 + k}."],
        )
        for k in range(count)
    ]


def test_links_take_the_certainty_of_their_pair_once_its_sentences_have_judged_it() -> None:
    blocks = _blocks(30)
    # The last pair is wrong: its English is that of another block.
    blocks[-1] = (blocks[-1][0], blocks[5][1])
    aligner = SentenceAligner("fr", "en").fit(blocks)
    doubtful_pairs = [0.6] * (len(blocks) - 1) + [1.0]
    beads = aligner.align_blocks(blocks, doubtful_pairs)
    assert all(block[0].confidence >= 0.9 for block in beads[:-1])
    assert beads[-1][0].confidence < 0.5
    # Without the pairs' certainties every pair is taken as sure.
    assert aligner.align_blocks(blocks[:1])[0][0].confidence >= 0.9


def test_a_sentence_left_untranslated_is_doubtful_however_well_it_covers_itself() -> None:
    blocks = _blocks(30)
    left_in_french = blocks[7][0]
    blocks[7] = (left_in_french, list(left_in_french))
    aligner = SentenceAligner("fr", "en").fit(blocks)
    beads = aligner.align_blocks(blocks)
    assert beads[7][0].confidence <= COPIED_CAP
    assert all(block[0].confidence >= 0.9 for k, block in enumerate(beads) if k != 7)


def test_the_same_names_on_both_sides_are_not_an_untranslated_sentence() -> None:
    language = language_words(get_profile("fr"), get_profile("en"))
    steps = [Step(1, 1, BEAD_TYPES.index((1, 1)))]
    # Names and titles carry no function word of one language only; a French sentence does.
    assert copied_links(steps, ["Aline Martin"], ["Aline Martin"], language)[0] == 0.0
    assert copied_links(steps, ["Rapport sur le travail"], ["Rapport sur le travail"], language)[0] == 1.0
    assert copied_links(steps, ["Rapport sur le travail"], ["Report on the work"], language)[0] == 0.0


def test_a_number_of_each_side_that_the_other_lacks_caps_the_link() -> None:
    blocks = _blocks(30)
    french, english = blocks[11]
    blocks[11] = (french, [english[0].replace(str(1000 + 77), str(1000 + 78))])
    aligner = SentenceAligner("fr", "en").fit(blocks)
    beads = aligner.align_blocks(blocks)
    assert beads[11][0].confidence <= NUMBER_CAP
    # A number one side writes and the other does not (in words, say) is no such evidence.
    features = {"unmatched_number_pairs": np.array([0.0, 1.0]), "copied": np.zeros(2)}
    assert capped(np.array([0.99, 0.99]), features).tolist() == [0.99, NUMBER_CAP]


def test_a_translation_cut_off_before_its_end_is_doubtful() -> None:
    blocks = _blocks(30)
    french, english = blocks[13]
    # The English stops mid-sentence: the French ends in words it does not cover.
    blocks[13] = (french, [english[0].split(" letters")[0]])
    aligner = SentenceAligner("fr", "en").fit(blocks)
    beads = aligner.align_blocks(blocks)
    assert beads[13][0].confidence <= CUT_CAP
    assert all(block[0].confidence >= 0.9 for k, block in enumerate(beads) if k != 13)


def test_a_side_ends_alone_only_when_the_other_has_no_closing_punctuation() -> None:
    french, english = get_profile("fr"), get_profile("en")
    steps = [Step(k + 1, k + 1, BEAD_TYPES.index((1, 1))) for k in range(5)]
    source = ["Il a écrit.", "a) les lettres;", "Il est interdit :", "Titre", "Il a écrit."]
    target = ["He wrote", "(a) the letters; and", "No person shall", "Title", "He wrote ¹."]
    source_ends, target_ends = ends_alone(steps, source, target, french, english)
    # A list item closed by "; and" is closed; a lead-in's colon, a title or a footnote
    # call after the full stop are no cut.
    assert source_ends.tolist() == [1.0, 0.0, 0.0, 0.0, 0.0]
    assert not target_ends.any()


def test_a_sentence_glued_to_a_neighbours_translation_is_doubtful() -> None:
    blocks = _blocks(30)
    french, english = blocks[17]
    # An English sentence with no French counterpart, kept in its neighbour's link (it
    # follows a semicolon, where the segmenter does not cut).
    blocks[17] = (
        french,
        [english[0].rstrip(".") + "; The committee then adjourned its meeting until Tuesday."],
    )
    aligner = SentenceAligner("fr", "en").fit(blocks)
    beads = aligner.align_blocks(blocks)
    assert beads[17][0].confidence <= CUT_CAP
    assert all(block[0].confidence >= 0.9 for k, block in enumerate(beads) if k != 17)
