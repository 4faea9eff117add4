"""Sentence splitting with the French and English profiles."""

import itertools

import pytest

from aligner.profiles import get_profile
from aligner.segment import MAX_SENTENCE_CHARS, split_presegmented, split_sentences

FR = get_profile("fr")
EN = get_profile("en")


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "M. Dupont et Mme Durand sont arrivés. Ils ont parlé.",
            ["M. Dupont et Mme Durand sont arrivés.", "Ils ont parlé."],
        ),
        (
            "Voir par. 29 ci-après. La Commission a adopté le texte.",
            ["Voir par. 29 ci-après.", "La Commission a adopté le texte."],
        ),
        (
            "Nations Unies, Recueil des Traités, vol. 1577, n° 27531. Voir aussi art. 5 et al. 2.",
            ["Nations Unies, Recueil des Traités, vol. 1577, n° 27531.", "Voir aussi art. 5 et al. 2."],
        ),
        (
            "Le projet (A/C.3/74/L.10/Rev.1) a été adopté. Le document E/CN.15/2019/11 aussi.",
            ["Le projet (A/C.3/74/L.10/Rev.1) a été adopté.", "Le document E/CN.15/2019/11 aussi."],
        ),
        (
            "Le taux est passé de 1,5 à 2 225 unités. Il a doublé.",
            ["Le taux est passé de 1,5 à 2 225 unités.", "Il a doublé."],
        ),
        (
            "Il a dit : « Nous agirons. » Puis il est parti…",
            ["Il a dit : « Nous agirons. »", "Puis il est parti…"],
        ),
        (
            (
                "12. À la même séance, la Commission a adopté le projet ; elle a pris note. Ses débats "
                "sont consignés¹."
            ),
            [
                "12. À la même séance, la Commission a adopté le projet ; elle a pris note.",
                "Ses débats sont consignés¹.",
            ],
        ),
        ("Voir CAC/COSP/2017/14, sect. I.A.", ["Voir CAC/COSP/2017/14, sect. I.A."]),
    ],
)
def test_french(text, expected):
    assert split_sentences(text, FR) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Mr. Smith and Dr. Jones met on 3 May. They agreed.",
            ["Mr. Smith and Dr. Jones met on 3 May.", "They agreed."],
        ),
        (
            "See para. 29 below. The Committee adopted it.",
            ["See para. 29 below.", "The Committee adopted it."],
        ),
        (
            "Treaty Series, vol. 2225, No. 39574. Ibid., p. 3.",
            ["Treaty Series, vol. 2225, No. 39574.", "Ibid., p. 3."],
        ),
        (
            "Values rose from 1.5 to 2,225 units, e.g. in Asia. Then they fell.",
            ["Values rose from 1.5 to 2,225 units, e.g. in Asia.", "Then they fell."],
        ),
        (
            "It is reflected in the records.¹ It considered proposals.",
            ["It is reflected in the records.¹", "It considered proposals."],
        ),
        ("He said: “We will act.” Then he left.", ["He said: “We will act.”", "Then he left."]),
        (
            "(a) Report of the Secretary-General (A/74/125);",
            ["(a) Report of the Secretary-General (A/74/125);"],
        ),
        (
            "3. The document A/C.3/74/L.10/Rev.1 was adopted. See also E/CN.15/2019/11.",
            ["3. The document A/C.3/74/L.10/Rev.1 was adopted.", "See also E/CN.15/2019/11."],
        ),
    ],
)
def test_english(text, expected):
    assert split_sentences(text, EN) == expected


def test_empty_text_has_no_sentences():
    assert split_sentences("   ", EN) == []


def test_presegmented_keeps_lines_and_drops_blank_ones():
    assert split_presegmented("One .\n\nTwo .\r\nThree\n") == ["One .", "Two .", "Three"]


def test_a_run_past_the_sentence_bound_is_cut_at_spaces_into_bounded_pieces():
    lines = " ".join(f"ligne {k} du texte" for k in range(5_000))
    pieces = split_sentences(lines, FR)
    assert len(pieces) > 1
    assert all(len(piece) <= MAX_SENTENCE_CHARS for piece in pieces)
    assert " ".join(pieces) == lines
    # Cut at the last space before the bound: no piece could take the next word too.
    assert all(
        len(piece) + 1 + len(next_piece.split()[0]) > MAX_SENTENCE_CHARS
        for piece, next_piece in itertools.pairwise(pieces)
    )
    assert all(not piece.startswith(" ") and not piece.endswith(" ") for piece in pieces)


def test_a_word_past_the_sentence_bound_is_cut_inside_it():
    word = "a" * (2 * MAX_SENTENCE_CHARS + 5)
    pieces = split_sentences(f"Début. {word} fin.", FR)
    assert pieces[0] == "Début."
    assert pieces[1:] == [word[:MAX_SENTENCE_CHARS], word[MAX_SENTENCE_CHARS:-5], "aaaaa fin."]


def test_real_sentences_under_the_bound_are_left_whole():
    sentence = "Le Comité a examiné le rapport, " * 200 + "et l'a adopté."
    assert len(sentence) < MAX_SENTENCE_CHARS
    assert split_sentences(sentence, FR) == [sentence]
