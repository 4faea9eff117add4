"""The paragraph-pair scorer: which gold pairs sentence links reproduce, and which not."""

from __future__ import annotations

import json

import pytest

from aligner.errors import InputError
from aligner.model import Bitext, Link, Sentence
from aligner.paragraph_score import GoldPair, normalise, read_gold_pairs, score_paragraph_pairs
from aligner.profiles import ENGLISH, FRENCH

SOURCE = ["1. Premier paragraphe.", "Il a deux phrases.", "2. Deuxième paragraphe.", "Titre", "3. Dernier."]
TARGET = ["1. First paragraph.", "It has two sentences.", "2. Second paragraph.", "3. Last one."]


def bitext(links: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> Bitext:
    return Bitext(
        FRENCH,
        ENGLISH,
        [Sentence(text) for text in SOURCE],
        [Sentence(text) for text in TARGET],
        [Link(source, target, 1.0) for source, target in links],
    )


GOLD = [
    GoldPair("1.  Premier paragraphe. Il a deux phrases.", "1. First paragraph. It has two sentences."),
    GoldPair("2. Deuxième paragraphe.", "2. Second paragraph."),
    GoldPair("3. Dernier.", "3. Last one."),
]


def test_whitespace_punctuation_case_and_compatibility_forms_do_not_count():
    assert normalise("Haïti¹ – « vu »,  l’ONU…") == normalise("haïti1 vu lONU")
    assert normalise("inter- national") == normalise("international")


def test_a_paragraph_split_in_two_pairs_still_counts_and_one_in_a_merged_pair_does_not():
    split = bitext([((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), ()), ((4,), (3,))])
    score = score_paragraph_pairs(GOLD, split)
    assert (score.reproduced, score.found, score.gold) == (3, 3, 3)
    merged = bitext([((0,), (0,)), ((1, 2), (1, 2)), ((3,), ()), ((4,), (3,))])
    score = score_paragraph_pairs(GOLD, merged)
    assert score.reproduced == 1 and [pair.target for pair in score.missed][:1] == [GOLD[0].target]


def test_a_pair_of_gaps_is_no_pairing():
    gaps = bitext([((0,), (0,)), ((1,), (1,)), ((2,), ()), ((), (2,)), ((3,), ()), ((4,), (3,))])
    score = score_paragraph_pairs(GOLD, gaps)
    assert score.reproduced == 2 and score.missed == [GOLD[1]]


def test_a_gold_paragraph_that_is_not_whole_sentences_is_not_found():
    gold = [GoldPair("Il a deux phrases. 2. Deuxième", "It has two sentences. 2. Second")]
    score = score_paragraph_pairs(gold, bitext([((0, 1, 2), (0, 1, 2))]))
    assert (score.found, score.reproduced) == (0, 0)


def test_gold_files_are_read_either_way_round(tmp_path):
    path = tmp_path / "labels.json"
    payload = {"paragraphs": [{"main_language": "Bonjour.", "other_language": "Hello."}]}
    path.write_text(json.dumps(payload), encoding="utf-8")
    assert read_gold_pairs(path) == [GoldPair("Bonjour.", "Hello.")]
    assert read_gold_pairs(path, swap=True) == [GoldPair("Hello.", "Bonjour.")]
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(InputError):
        read_gold_pairs(path)
