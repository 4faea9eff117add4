"""Justice Canada LIMS pairs: symbols written per language, schedules nested differently,
lists sorted per language, citations, tables; on small inputs written here and on the real
regulations of ``real/`` (skipped when the corpora are absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.errors import MismatchError
from aligner.pipeline import load_document, pair_documents
from aligner.profiles import get_profile
from aligner.segment import split_sentences

FRENCH, ENGLISH = get_profile("fr"), get_profile("en")


def regulation(language: str, symbol: str, body: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Regulation xml:lang="{language}" regulation-type="SOR"><Identification>
<InstrumentNumber>{symbol}</InstrumentNumber><LongTitle>Test</LongTitle></Identification>
<Body>{body}</Body></Regulation>"""


SECTIONS_EN = """<Section><Label>1</Label><Text>These Regulations apply to testing.</Text>
<HistoricalNote><HistoricalNoteSubItem>SOR/2019-12, s. 3</HistoricalNoteSubItem></HistoricalNote></Section>
<Section><Label>2</Label><Text>The Minister may test.</Text></Section>"""
SECTIONS_FR = """<Section><Label>1</Label><Text>Le présent règlement s’applique aux essais.</Text>
<HistoricalNote><HistoricalNoteSubItem>DORS/2019-12, art. 3</HistoricalNoteSubItem></HistoricalNote></Section>
<Section><Label>2</Label><Text>Le ministre peut faire des essais.</Text></Section>"""


def write_pair(folder: Path, french: str, english: str) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "fr.xml").write_text(french, encoding="utf-8")
    (folder / "en.xml").write_text(english, encoding="utf-8")
    return folder / "fr.xml", folder / "en.xml"


# --- symbols ------------------------------------------------------------------------------


def test_symbols_that_differ_only_by_language_name_one_document() -> None:
    for french, english in (
        ("DORS/2018-108", "SOR/2018-108"),
        ("C.R.C., ch. 1605", "C.R.C., c. 1605"),
        ("TR/99-18", "SI/99-18"),
        ("L.C. 2023, ch. 26", "S.C. 2023, c. 26"),
        ("L.R.C. (1985), ch. C-46", "R.S.C. (1985), c. C-46"),
    ):
        assert FRENCH.neutral_symbol(french) == ENGLISH.neutral_symbol(english), (french, english)
    assert FRENCH.neutral_symbol("DORS/2018-109") != ENGLISH.neutral_symbol("SOR/2018-108")
    assert FRENCH.neutral_symbol("C.R.C., ch. 1606") != ENGLISH.neutral_symbol("C.R.C., c. 1605")


def test_a_dors_sor_pair_aligns_and_a_real_mismatch_is_refused(tmp_path: Path) -> None:
    french, english = write_pair(
        tmp_path / "same",
        regulation("fr", "DORS/2018-108", SECTIONS_FR),
        regulation("en", "SOR/2018-108", SECTIONS_EN),
    )
    alignment = pair_documents(load_document(french), load_document(english))
    assert {pair.key for pair in alignment.paired} >= {"s:1", "s:2", "s:1/hist"}
    # The history notes cite DORS/2019-12 and SOR/2019-12: one symbol, no disagreement.
    assert [d for d in alignment.disagreements if d.kind == "symbol"] == []

    french, english = write_pair(
        tmp_path / "other",
        regulation("fr", "DORS/2018-109", SECTIONS_FR),
        regulation("en", "SOR/2018-108", SECTIONS_EN),
    )
    with pytest.raises(MismatchError, match=r"DORS/2018-109 but .* is SOR/2018-108"):
        pair_documents(load_document(french), load_document(english))
    assert pair_documents(load_document(french), load_document(english), force=True).paired


# --- citations are not sentence ends -----------------------------------------------------


def test_history_notes_and_citations_stay_one_sentence() -> None:
    english_notes = (
        "2014, c. 20, s. 366(E); SOR/2022-144, s. 1; SOR/2024-244, ss. 164 to 166",
        "R.S., c. C-46, s. 2; S.C. 2023, c. 26, s. 297",
        "as defined in par. 2(1)(a) of the Act.",
    )
    for note in english_notes:
        assert split_sentences(note, ENGLISH) == [note], note
    french_notes = (
        "2014, ch. 20, art. 366(A); DORS/2022-144, art. 1; DORS/2024-244, art. 164 à 166",
        "L.R., ch. C-46, art. 2; L.C. 2023, ch. 26, art. 297",
        "au sens de l’al. b) ou du par. 2(1)a) de la Loi, modifié le 12 janv. 2005.",
    )
    for note in french_notes:
        assert split_sentences(note, FRENCH) == [note], note
    # A real sentence end after a citation still ends the sentence.
    assert split_sentences("It applies (SOR/2019-12, s. 3). The Minister may act.", ENGLISH) == [
        "It applies (SOR/2019-12, s. 3).",
        "The Minister may act.",
    ]
    # "sept." is also the number seven: it ends a sentence unless a year follows.
    assert len(split_sentences("Ils étaient sept. Le jour vint.", FRENCH)) == 2
