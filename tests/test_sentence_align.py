"""The sentence aligner: link types, edge cases, invariants, anchors, lexicons, real books."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align import AlignOptions, Bead, SentenceAligner, align_presegmented, format_ladder
from aligner.align.evidence import TokenTable, Windows, build_side, window_span_sums
from aligner.align.gains import CLASS_WEIGHT
from aligner.align.length import LengthModel
from aligner.align.lexicon import induce, load_dictionary
from aligner.align.scoring import ScoreWeights, bead_scores
from aligner.align.search import BEAD_TYPES, Band
from aligner.align.tokens import _PLAIN_WORD, _WORD, normalise_number, stem, words
from aligner.evaluate import read_index_beads, score_documents
from aligner.profiles import ENGLISH, FRENCH

# A small French-English glossary for the hand-written examples (written for these tests).
GLOSSARY = """\
président\tpresident
ouvert\topened
séance\tmeeting
heures\thours
comité\tcommittee
examiné\texamined
rapport\treport
annuel\tannual
financière\tfinancial
approuvé\tapproved
budget\tbudget
présenté\tpresented
programme\tprogramme
remercié\tthanked
délégations\tdelegations
levée\tadjourned
chat\tcat
chien\tdog
maison\thouse
jardin\tgarden
pluie\train
soleil\tsun
"""


@pytest.fixture()
def glossary(tmp_path: Path) -> Path:
    path = tmp_path / "fr-en.tsv"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


def links(beads: list[Bead]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(bead.source, bead.target) for bead in beads]


def assert_well_formed(beads: list[Bead], n: int, m: int) -> None:
    """Every sentence in exactly one link, links in order, no crossing, confidences in [0, 1]."""
    sources = [i for bead in beads for i in bead.source]
    targets = [j for bead in beads for j in bead.target]
    assert sources == list(range(n))
    assert targets == list(range(m))
    for bead in beads:
        assert bead.source or bead.target
        assert 0.0 <= bead.confidence <= 1.0
        assert (
            list(bead.source) == list(range(bead.source[0], bead.source[0] + len(bead.source)))
            if bead.source
            else True
        )
        assert (
            list(bead.target) == list(range(bead.target[0], bead.target[0] + len(bead.target)))
            if bead.target
            else True
        )


def test_one_to_one_one_to_two_two_to_one_and_one_to_nothing(glossary: Path) -> None:
    french = [
        "Le président Martin a ouvert la séance à 10 heures.",
        "Le comité a examiné le rapport annuel sur la situation financière et il a approuvé le budget de 2 500 000 dollars pour 2020.",
        "Madame Dupont a présenté le programme.",
        "Elle a remercié les délégations.",
        "Cette phrase de la version française ne se retrouve nulle part dans la version anglaise, qui l'omet entièrement.",
        "La séance a été levée à 13 heures.",
    ]
    english = [
        "President Martin opened the meeting at 10 hours.",
        "The committee examined the annual report on the financial situation.",
        "It approved the budget of 2,500,000 dollars for 2020.",
        "Mrs Dupont presented the programme and thanked the delegations.",
        "The meeting was adjourned at 13 hours.",
    ]
    aligner = SentenceAligner("fr", "en", AlignOptions(dictionary=glossary))
    beads = aligner.align(french, english)
    assert_well_formed(beads, len(french), len(english))
    assert links(beads) == [((0,), (0,)), ((1,), (1, 2)), ((2, 3), (3,)), ((4,), ()), ((5,), (4,))]


def test_nothing_to_one_in_the_middle(glossary: Path) -> None:
    french = [
        "Le chat dort dans la maison.",
        "Le chien court dans le jardin.",
        "Le soleil revient après la pluie.",
    ]
    english = [
        "The cat sleeps in the house.",
        "The dog runs in the garden.",
        "This English sentence was added by the translator and has no counterpart whatsoever in French.",
        "The sun comes back after the rain.",
    ]
    beads = SentenceAligner("fr", "en", AlignOptions(dictionary=glossary)).align(french, english)
    assert links(beads) == [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), (3,))]


def test_two_to_two_when_the_content_crosses_the_sentence_boundary() -> None:
    french = ["Alpha Bravo Charlie Delta Echo Foxtrot Golf.", "Hotel India."]
    english = ["Alpha Bravo.", "Charlie Delta Echo Foxtrot Golf Hotel India."]
    beads = SentenceAligner("fr", "en").align(french, english)
    assert links(beads) == [((0, 1), (0, 1))]


def test_one_to_three_and_three_to_one() -> None:
    one = ["Alpha Bravo Charlie, Delta Echo Foxtrot, Golf Hotel India."]
    three = ["Alpha Bravo Charlie.", "Delta Echo Foxtrot.", "Golf Hotel India."]
    aligner = SentenceAligner("fr", "en")
    assert links(aligner.align(one, three)) == [((0,), (0, 1, 2))]
    assert links(aligner.align(three, one)) == [((0, 1, 2), (0,))]


def test_empty_inputs() -> None:
    aligner = SentenceAligner("fr", "en")
    assert aligner.align([], []) == []
    assert links(aligner.align(["Une phrase.", "Deux."], [])) == [((0,), ()), ((1,), ())]
    assert links(aligner.align([], ["One sentence."])) == [((), (0,))]
    assert aligner.fit([]).align(["Oui."], ["Yes."])[0].source == (0,)
    assert_well_formed(aligner.fit([([], ["Yes."])]).align([""], ["Yes."]), 1, 1)


def test_identical_sentences_repeated_many_times() -> None:
    french = ["Oui."] * 300 + ["Non, jamais de la vie."] + ["Oui."] * 200
    english = ["Yes."] * 280 + ["No, never in my life."] + ["Yes."] * 230
    beads = align_presegmented(french, english)
    assert_well_formed(beads, len(french), len(english))


@pytest.mark.parametrize("n, m", [(1, 300), (300, 1), (3, 200), (200, 3), (40, 400)])
def test_very_unequal_numbers_of_sentences(n: int, m: int) -> None:
    """Far more sentences on one side than a band of fixed width can cross. The band is
    checked on the most probable path, which links every sentence of the short side; the
    sentences differ only by their number, so that spread over the many ways of placing the
    long side's gaps few links are likely, and the decoded path (the default) makes fewer
    links: there every sentence is still in one link."""
    french = [f"Phrase numéro {i} du texte." for i in range(n)]
    english = [f"Sentence number {i} of the text." for i in range(m)]
    assert_well_formed(SentenceAligner("fr", "en").align(french, english), n, m)
    options = AlignOptions(posterior_decoding=False)
    beads = SentenceAligner("fr", "en", options).align(french, english)
    assert_well_formed(beads, n, m)
    assert sum(1 for bead in beads if bead.source and bead.target) == min(n, m)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Le chat.", "Il pleut 3 fois.", "Paris, 1999.", "Non !", "", "Oui, oui."]),
        max_size=12,
    ),
    st.lists(
        st.sampled_from(["The cat.", "It rains 3 times.", "Paris, 1999.", "No!", "", "Yes, yes."]),
        max_size=12,
    ),
)
def test_every_sentence_in_exactly_one_link_in_order(french: list[str], english: list[str]) -> None:
    beads = SentenceAligner("fr", "en").align(french, english)
    assert_well_formed(beads, len(french), len(english))


def test_paragraph_numbers_and_list_labels_are_not_evidence() -> None:
    assert words("12. Le Conseil") == ("Le", "Conseil")
    assert words("a) Le Conseil") == words("(a) Le Conseil") == ("Le", "Conseil")
    aligner = SentenceAligner("fr", "en")
    labelled = aligner.explain(["12. Xyzzy plugh quux."], ["12. Foo bar baz."])[1]
    plain = aligner.explain(["Xyzzy plugh quux."], ["Foo bar baz."])[1]
    assert labelled["coverage"][0] == plain["coverage"][0] == 0.0
    # A number inside the sentence is evidence, the same number as a label is not.
    inside = aligner.explain(["Il y a 12 chats."], ["There are 12 cats."])[1]
    assert inside["coverage"][0] > 0.0


def test_numbers_match_across_conventions() -> None:
    assert normalise_number("2 225") == normalise_number("2,225") == "2225"
    assert normalise_number("1,5") == normalise_number("1.5") == "1.5"
    assert normalise_number("30,00") == normalise_number("30.00") == normalise_number("30") == "30"
    assert normalise_number("0.40") == "0.40" and normalise_number("0.00") == "0"
    assert "#1000000" in words("1 000 000 de personnes") and "#1000000" in words("1,000,000 people")
    assert "@A/C.3/74/L.10/Rev.1" in words("le projet A/C.3/74/L.10/Rev.1.")
    assert "^12" in words("la résolution¹² adoptée")


def cat_and_dog_pairs() -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Twelve sentence pairs of seven words a side, each word in several of them."""
    return [
        (words("le chat noir dort"), words("the black cat sleeps")),
        (words("le chat mange"), words("the cat eats")),
        (words("le chien noir mange"), words("the black dog eats")),
        (words("un chien dort"), words("a dog sleeps")),
    ] * 3


def test_lexicon_induced_from_sentence_pairs() -> None:
    pairs = cat_and_dog_pairs()
    lexicon = induce(pairs, FRENCH, ENGLISH)
    assert max(lexicon.translations("chat"), key=lexicon.translations("chat").get) == "cat"
    assert max(lexicon.translations("chien"), key=lexicon.translations("chien").get) == "dog"


def _ibm1_token_by_token(
    pairs: list[tuple[list[str], list[str]]], iterations: int
) -> dict[tuple[str, str], float]:
    """t(target | source) by IBM model 1 as written in the textbook: every token of every
    sentence, NULL on the source side (the reference the vectorised induction must match)."""
    translation: dict[tuple[str, str], float] = {}
    for source, target in pairs:
        for f in ["\0", *source]:
            for e in target:
                translation[f, e] = 1.0
    for _ in range(iterations):
        expected: dict[tuple[str, str], float] = {}
        for source, target in pairs:
            for e in target:
                total = sum(translation[f, e] for f in ["\0", *source])
                for f in ["\0", *source]:
                    expected[f, e] = expected.get((f, e), 0.0) + translation[f, e] / total
        totals: dict[str, float] = {}
        for (f, _), value in expected.items():
            totals[f] = totals.get(f, 0.0) + value
        translation = {(f, e): value / totals[f] for (f, e), value in expected.items()}
    return translation


def test_lexicon_induction_matches_ibm1_token_by_token() -> None:
    """Words repeated in a sentence count as often as they occur, as in plain IBM model 1."""
    text = [
        ("le chat et le chien du voisin", "the cat and the dog of the neighbour"),
        ("le chat du voisin dort", "the neighbour's cat sleeps"),
        ("le chien dort et le chat mange", "the dog sleeps and the cat eats"),
        ("un voisin mange", "a neighbour eats"),
        ("le voisin et le voisin", "the neighbour and the neighbour"),
    ]
    pairs = [(words(french), words(english)) for french, english in text]
    lexicon = induce(pairs, FRENCH, ENGLISH, iterations=4)
    stems = [([stem(w, FRENCH) for w in f], [stem(w, ENGLISH) for w in e]) for f, e in pairs]
    forward = _ibm1_token_by_token(stems, 4)
    backward = _ibm1_token_by_token([(e, f) for f, e in stems], 4)
    expected: dict[str, dict[str, float]] = {}
    for (f, e), value in forward.items():
        association = (value * backward.get((e, f), 0.0)) ** 0.5
        if f != "\0" and association >= 0.05:
            expected.setdefault(f, {})[e] = min(1.0, association)
    expected = {
        f: dict(sorted(found.items(), key=lambda item: (-item[1], item[0]))[:5])
        for f, found in expected.items()
    }
    assert set(lexicon.entries) == set(expected)
    for f, translations in expected.items():
        assert lexicon.entries[f] == pytest.approx(translations, rel=1e-9)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="abcdeéèçÀÉZzqu' ’-,.;:!?()«»_\u00a0\u0301", max_size=60))
def test_words_of_plain_text_are_the_same_by_either_pattern(text: str) -> None:
    """Text without digits, slashes or superscripts is split by one simple pattern, which
    must find what the full pattern finds there."""
    assert _PLAIN_WORD.findall(text) == [match.group() for match in _WORD.finditer(text)]


def _dictd_index_number(value: int) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    digits = ""
    while True:
        digits = alphabet[value % 64] + digits
        value //= 64
        if not value:
            return digits


def test_dictd_dictionary_in_both_directions(tmp_path: Path) -> None:
    entries = [("chat", "chat /ʃa/\n1. cat\n2. tomcat\n"), ("maison", "maison /mɛzɔ̃/\nhouse (building)\n")]
    data, index = b"", []
    for head, body in entries:
        encoded = body.encode("utf-8")
        index.append(f"{head}\t{_dictd_index_number(len(data))}\t{_dictd_index_number(len(encoded))}")
        data += encoded
    (tmp_path / "freedict-fra-eng.index").write_text("\n".join(index) + "\n", encoding="utf-8")
    with gzip.open(tmp_path / "freedict-fra-eng.dict.dz", "wb") as stream:
        stream.write(data)
    forward = load_dictionary(tmp_path / "freedict-fra-eng.index", FRENCH, ENGLISH)
    assert "cat" in forward.translations("chat") and "tomcat" in forward.translations("chat")
    assert "house" in forward.translations("maison")
    backward = load_dictionary(tmp_path / "freedict-fra-eng.index", ENGLISH, FRENCH)
    assert "chat" in backward.translations("cat")


def test_subwords_and_chrf_options_keep_the_hand_made_links(glossary: Path) -> None:
    french = [
        "Le chat dort dans la maison.",
        "Le chien court dans le jardin.",
        "Le soleil revient après la pluie.",
    ] * 40
    english = [
        "The cat sleeps in the house.",
        "The dog runs in the garden.",
        "The sun comes back after the rain.",
    ] * 40
    options = AlignOptions(dictionary=glossary, use_subwords=True, use_chrf=True)
    aligner = SentenceAligner("fr", "en", options).fit([(french, english)])
    assert aligner.subwords is not None
    keys = list(aligner.subwords.keys("revient"))
    assert all(key.startswith("p:") and 0 < strength <= 1 for key, strength in keys)
    beads, features = aligner.explain(french, english)
    assert links(beads) == [((i,), (i,)) for i in range(len(french))]
    assert features["chrf"].min() > 0.3


def test_links_limited_to_max_sentences() -> None:
    one = ["Alpha Bravo Charlie, Delta Echo Foxtrot, Golf Hotel India."]
    three = ["Alpha Bravo Charlie.", "Delta Echo Foxtrot.", "Golf Hotel India."]
    beads = SentenceAligner("fr", "en", AlignOptions(max_sentences=2)).align(one, three)
    assert_well_formed(beads, 1, 3)
    assert max(len(bead.target) for bead in beads) <= 2
    with pytest.raises(ValueError):
        AlignOptions(max_sentences=5)


def test_format_ladder() -> None:
    beads = [Bead((0,), (0, 1), 0.91234), Bead((1,), (), 0.5), Bead((), (2,), 1.0)]
    assert list(format_ladder(beads)) == ["[0]:[0,1]:0.9123", "[1]:[]:0.5000", "[]:[2]:1.0000"]


def test_merge_adjacent_nulls_option(glossary: Path) -> None:
    french = [
        "Le chat dort.",
        "Première phrase sans équivalent aucun.",
        "Deuxième phrase sans équivalent non plus.",
        "Le chien court.",
    ]
    english = ["The cat sleeps.", "The dog runs."]
    options = AlignOptions(dictionary=glossary, merge_adjacent_nulls=True)
    beads = SentenceAligner("fr", "en", options).align(french, english)
    assert links(beads) == [((0,), (0,)), ((1, 2), ()), ((3,), (1,))]


def test_transread_books_strict_f1(corpora: Path) -> None:
    """The five transread books, aligned from their sentences alone, as in the benchmark."""
    started = time.perf_counter()
    documents = []
    for book in sorted(
        path for path in (corpora / "transread").iterdir() if (path / "gold.vecalign").exists()
    ):
        french = (book / "fr.sents").read_text(encoding="utf-8").splitlines()
        english = (book / "en.sents").read_text(encoding="utf-8").splitlines()
        beads = align_presegmented(french, english)
        assert_well_formed(beads, len(french), len(english))
        documents.append((read_index_beads(book / "gold.vecalign", swap=True), links(beads)))
    scores = score_documents(documents)
    assert len(documents) == 5
    assert scores.f1_strict >= 0.92
    assert scores.f1_lax >= 0.98
    assert time.perf_counter() - started < 30  # 5 s when the machine is not shared


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 30), st.integers(1, 30), st.integers(1, 4), st.integers(0, 10_000))
def test_lexical_scores_in_the_band_are_what_each_bead_gains(n: int, m: int, margin: int, seed: int) -> None:
    """The windowed computation gives, for every bead of the band, both sides' sum over
    their tokens of the class weight times the best key each shares with the other side."""
    rng = np.random.default_rng(seed)
    vocabulary = [f"w{k}" for k in range(15)]
    own_strength = {word: float(rng.uniform(0.2, 1.0)) for word in vocabulary}
    key_of = {word: index + 1 for index, word in enumerate(vocabulary)}

    def side(count: int) -> list[list[str]]:
        return [list(rng.choice(vocabulary, size=int(rng.integers(0, 6)))) for _ in range(count)]

    def table(strengths: dict[str, float]) -> TokenTable:
        return TokenTable(
            lambda token, not_first: int(token[1:]) % 4, [lambda token: [(key_of[token], strengths[token])]]
        )

    source, target = side(n), side(m)
    source_side = build_side(source, table(own_strength))
    target_side = build_side(target, table(dict.fromkeys(vocabulary, 1.0)))
    guide = np.rint(np.linspace(0, m, n + 1)).astype(np.int64)
    band = Band.around(guide, guide, margin, m + 1)
    _, lexical = bead_scores(
        source_side, target_side, np.ones(n), np.ones(m), band, LengthModel(), ScoreWeights()
    )

    def gained(
        tokens: list[str], others: list[str], strengths: dict[str, float], other_strengths: dict[str, float]
    ) -> float:
        return sum(
            CLASS_WEIGHT[int(token[1:]) % 4]
            * (strengths[token] * other_strengths[token] if token in others else 0.0)
            for token in tokens
        )

    target_strength = dict.fromkeys(vocabulary, 1.0)
    for kind, (a, b) in enumerate(BEAD_TYPES):
        for i in range(band.rows):
            for c in range(band.width):
                j = int(band.lo[i]) + c
                if not (a and b) or i < a or j < b or j > m:
                    continue
                source_words = [w for s in source[i - a : i] for w in s]
                target_words = [w for t in target[j - b : j] for w in t]
                expected = gained(source_words, target_words, own_strength, target_strength) + gained(
                    target_words, source_words, target_strength, own_strength
                )
                assert lexical[kind, i, c] == pytest.approx(expected, rel=1e-5, abs=1e-5)


@pytest.mark.parametrize("chunk_cells", [1, 7, 50])
def test_window_sums_do_not_depend_on_how_the_sentences_are_chunked(chunk_cells: int) -> None:
    """Query sentences are taken a budget of cells at a time (long sentences fewer at once):
    the sums are the same however small the chunks."""
    rng = np.random.default_rng(3)
    vocabulary = [f"w{k}" for k in range(12)]
    table = TokenTable(
        lambda token, not_first: int(token[1:]) % 4, [lambda token: [(int(token[1:]) + 1, 0.8)]]
    )
    source = [list(rng.choice(vocabulary, size=int(rng.integers(0, 30)))) for _ in range(40)]
    target = [list(rng.choice(vocabulary, size=int(rng.integers(0, 30)))) for _ in range(35)]
    query, offer = build_side(source, table), build_side(target, table)
    first = np.clip(np.arange(40) - 4, 0, 34)
    windows = Windows.spanning(first, np.minimum(first + 8, 34))
    whole = window_span_sums(query, offer, windows, 3)
    chunked = window_span_sums(query, offer, windows, 3, chunk_cells=chunk_cells)
    # Only spans that start inside the window are read (the others hold what is left over).
    column = np.arange(int(windows.offset[-1])) - np.repeat(windows.offset[:-1], windows.length)
    for span in range(1, 4):
        read = column >= span - 1
        assert np.array_equal(chunked[span - 1, read], whole[span - 1, read])


def test_lexicon_induction_leaves_out_a_pair_too_long_to_teach() -> None:
    """A sentence pair whose co-occurrences alone pass a tenth of the budget is left out; the
    ordinary pairs still teach their words."""
    ordinary = cat_and_dog_pairs()
    huge = (words(" ".join(f"mot{k}" for k in range(40))), words(" ".join(f"word{k}" for k in range(40))))
    lexicon = induce([*ordinary, huge], FRENCH, ENGLISH, max_cooccurrences=1_000)
    assert max(lexicon.translations("chat"), key=lexicon.translations("chat").get) == "cat"
    assert not any(source.startswith("mot") for source in lexicon.entries)
    assert any(
        source.startswith("mot")
        for source in induce([huge], FRENCH, ENGLISH, max_cooccurrences=100_000).entries
    )


def test_side_tables_restarted_past_the_key_budget_give_the_same_links(monkeypatch) -> None:
    """A text of many distinct words and numbers: with a key budget small enough that the
    key ids restart (and the side models forget their tables) many times during the fit and
    the alignment, the links and their confidences are those of an unbounded run."""
    rng = np.random.default_rng(5)
    french_words = ["rapport", "comité", "budget", "programme", "séance", "président", "examiné"]
    english_words = ["report", "committee", "budget", "programme", "meeting", "president", "examined"]
    source, target = [], []
    for k in range(240):
        chosen = rng.choice(len(french_words), size=4, replace=False)
        numbers = [int(n) for n in rng.integers(0, 10_000, size=2)]
        source.append(f"Le {' '.join(french_words[c] for c in chosen)} mot{k} {numbers[0]} et {numbers[1]}.")
        target.append(
            f"The {' '.join(english_words[c] for c in chosen)} mot{k} {numbers[0]} and {numbers[1]}."
        )
        if k % 7 == 3:
            target.append(f"An added line number {k}.")
    blocks = [(source[:120], target[:130]), (source[120:], target[130:])]

    def aligned() -> tuple[list[list[Bead]], int]:
        aligner = SentenceAligner(FRENCH, ENGLISH).fit(blocks)
        return aligner.align_blocks(blocks), aligner._search.source.key_ids.generation

    unbounded, restarts = aligned()
    assert restarts == 0
    monkeypatch.setattr("aligner.align.evidence.MAX_KEYS", 60)
    bounded, restarts = aligned()
    assert restarts > 1
    assert bounded == unbounded


def test_lexicon_learns_on_at_most_its_stem_budget(monkeypatch) -> None:
    """Past ``MAX_STEMS`` stems a side, the words met share one id that no entry names: the
    first words are learnt as without a budget, the later ones not at all."""
    ordinary = cat_and_dog_pairs()
    late = [(words(f"zorglub{k} chat"), words(f"zorglub{k} cat")) for k in range(30)]
    unbounded = induce(ordinary + late, FRENCH, ENGLISH)
    assert any(source.startswith("zorglu") for source in unbounded.entries)
    monkeypatch.setattr("aligner.align.lexicon.MAX_STEMS", 8)  # NULL and the seven words a side
    bounded = induce(ordinary + late, FRENCH, ENGLISH)
    assert max(bounded.translations("chat"), key=bounded.translations("chat").get) == "cat"
    assert not any(source.startswith("zorglu") or "\1" in source for source in bounded.entries)
    assert not any("\1" in target for entry in bounded.entries.values() for target in entry)
