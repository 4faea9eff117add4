"""Structure parsing and pairing on small documents written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.errors import MismatchError
from aligner.model import RawDocument
from aligner.pipeline import load_document, pair_documents
from aligner.profiles import get_profile
from aligner.readers.text import split_blocks
from aligner.repair import repair
from aligner.structure import parse

FRENCH = """Assemblée générale

Distr. générale
3 mars 2024
Français
Original : anglais

Soixante-dix-huitième session
Point 12 de l'ordre du jour

I. Introduction

1. La Commission a examiné la question le 3 mars 2024.

2. Elle était saisie des documents suivants :

a) Rapport du Secrétaire général (A/78/100) ;

b) Note du Secrétariat (A/78/101).

II. Recommandations

3. La Commission recommande d'adopter le projet de résolution suivant :

Projet de résolution IV Coopération internationale

L'Assemblée générale,

Rappelant sa résolution 70/1¹,

Consciente de l'importance de la coopération,

1. *Prie* les États Membres de coopérer ;

2. *Invite* les organismes à :

a) Échanger des informations ;

b) Renforcer les capacités.

¹ Résolution 70/1.
"""

ENGLISH = """General Assembly

Distr.: General
3 March 2024
Original: English

Seventy-eighth session
Agenda item 12

I. Introduction

1. The Committee considered the item on 3 March 2024.

2. It had before it the following documents:

(a) Report of the Secretary-General (A/78/100);

(b) Note by the Secretariat (A/78/101).

II. Recommendations

3. The Committee recommends the adoption of the following draft resolution:

Draft resolution IV
International cooperation

The General Assembly,

Recalling its resolution 70/1,¹

Aware of the importance of cooperation,

1. *Requests* Member States to cooperate;

2. *Invites* the organizations:

(a) To exchange information;

(b) To build capacity.

¹ Resolution 70/1.
"""


def parse_text(text: str, language: str):
    profile = get_profile(language)
    raw, _ = repair(RawDocument(f"{language}.txt", "text", split_blocks(text)), profile)
    return parse(raw, profile)


def test_french_keys_follow_the_document_structure():
    document = parse_text(FRENCH, "fr")
    assert [unit.key for unit in document.units] == [
        "meta:organ",
        "meta:distribution",
        "meta:date",
        "meta:language",
        "meta:original",
        "meta:session",
        "meta:agenda",
        "sec:I",
        "p:1",
        "p:2",
        "p:2/a",
        "p:2/b",
        "sec:II",
        "p:3",
        "res:IV",
        "res:IV/title",
        "res:IV/formula",
        "res:IV/pre:1",
        "res:IV/pre:2",
        "res:IV/op:1",
        "res:IV/op:2",
        "res:IV/op:2/a",
        "res:IV/op:2/b",
        "res:IV/fn:1",
    ]
    units = document.by_key()
    assert units["res:IV/op:1"].italic_lead == "Prie"
    assert units["res:IV/pre:1"].footnote_refs == ("res:IV/fn:1",)
    assert units["res:IV"].text == "Projet de résolution IV"
    assert units["res:IV/title"].text == "Coopération internationale"
    assert document.metadata["original"] == "en" and document.metadata["agenda"] == "12"


def test_english_gets_the_same_keys_but_the_language_line():
    french = [unit.key for unit in parse_text(FRENCH, "fr").units]
    english = [unit.key for unit in parse_text(ENGLISH, "en").units]
    assert english == [key for key in french if key != "meta:language"]


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_pairing_reports_a_missing_preambular_paragraph(tmp_path):
    english = ENGLISH.replace("Aware of the importance of cooperation,\n\n", "")
    alignment = pair_documents(
        load_document(_write(tmp_path, "fr.txt", FRENCH)), load_document(_write(tmp_path, "en.txt", english))
    )
    assert {(d.kind, d.key) for d in alignment.disagreements} == {
        ("missing", "meta:language"),
        ("missing", "res:IV/pre:2"),
    }


def test_preambular_paragraphs_pair_by_content_not_position(tmp_path):
    english = ENGLISH.replace("Recalling its resolution 70/1,¹\n\n", "").replace("¹ Resolution 70/1.\n", "")
    alignment = pair_documents(
        load_document(_write(tmp_path, "fr.txt", FRENCH)),
        load_document(_write(tmp_path, "en.txt", english)),
        force=True,
    )
    pairs = {
        pair.source[0].key: [unit.key for unit in pair.target] for pair in alignment.pairs if pair.source
    }
    assert pairs["res:IV/pre:1"] == []
    assert pairs["res:IV/pre:2"] == ["res:IV/pre:1"]


def test_text_without_structure_falls_back_to_paragraphs_and_says_so(tmp_path):
    text = "Il était une fois un roi.\n\nLe roi avait trois filles.\n\nLa plus jeune était la plus belle."
    document = load_document(_write(tmp_path, "conte.txt", text))
    assert not document.structured
    assert [unit.key for unit in document.units] == ["para:1", "para:2", "para:3"]
    assert any("no recognisable structure" in note for note in document.notes)


def test_two_files_in_the_same_language_are_refused(tmp_path):
    french = load_document(_write(tmp_path, "a.txt", FRENCH))
    with pytest.raises(MismatchError, match="both files are in French"):
        pair_documents(french, french)


def test_documents_with_different_symbols_are_refused_unless_forced(tmp_path):
    french = load_document(_write(tmp_path, "fr.txt", "A/78/1\n\n" + FRENCH))
    english = load_document(_write(tmp_path, "en.txt", "A/78/2\n\n" + ENGLISH))
    with pytest.raises(MismatchError, match="different documents"):
        pair_documents(french, english)
    assert pair_documents(french, english, force=True).pairs


def _as_docx(tmp_path: Path, text: str, name: str) -> Path:
    """The same document as a Word file: one paragraph per block, operative verbs in italics."""
    from xml.sax.saxutils import escape

    from test_readers_structured import make_docx, paragraph, run

    paragraphs = []
    for block in text.strip().split("\n\n"):
        for line in block.split("\n"):
            if "*" in line:
                before, verb, after = line.split("*", 2)
                paragraphs.append(
                    paragraph(run(escape(before)), run(escape(verb), italic=True), run(escape(after)))
                )
            else:
                paragraphs.append(paragraph(run(escape(line))))
    return make_docx(tmp_path, paragraphs, name=name)


def test_word_documents_parse_and_pair_like_text(tmp_path):
    french = load_document(_as_docx(tmp_path, FRENCH, "fr.docx"))
    english = load_document(_as_docx(tmp_path, ENGLISH, "en.docx"))
    assert french.language.code == "fr" and english.language.code == "en"
    assert [unit.key for unit in french.units] == [unit.key for unit in parse_text(FRENCH, "fr").units]
    assert french.by_key()["res:IV/op:1"].italic_lead == "Prie"
    alignment = pair_documents(french, english)
    assert [(d.kind, d.key) for d in alignment.disagreements] == [("missing", "meta:language")]


def test_an_annex_numbers_its_paragraphs_afresh():
    annex_fr = (
        "\n\nAnnexe II\n\nDéclaration de la présidence\n\n1. La Commission salue les progrès "
        "accomplis.\n\n2. Elle demande un rapport."
    )
    annex_en = (
        "\n\nAnnex II\n\nStatement by the Chair\n\n1. The Committee welcomes the progress "
        "made.\n\n2. It requests a report."
    )
    french = parse_text(FRENCH + annex_fr, "fr")
    english = parse_text(ENGLISH + annex_en, "en")
    french_keys = [unit.key for unit in french.units]
    assert french_keys[-4:] == ["annex:II", "annex:II/h:1", "annex:II/p:1", "annex:II/p:2"]
    assert [unit.key for unit in english.units][-4:] == french_keys[-4:]
    assert "p:1" in french_keys and "p:1+2" not in french_keys


def test_a_sentence_starting_with_a_division_word_is_no_heading():
    document = parse_text(FRENCH.replace("Consciente de l'importance", "Partie de l'importance"), "fr")
    assert not any(unit.key.startswith("part:") for unit in document.units)
