"""Generic structure: numbered headings of any depth, division headings, bullets and tables,
on small documents written here (plain text, and blocks as the Word and Markdown readers give
them)."""

from __future__ import annotations

from aligner.model import Block, RawDocument
from aligner.pipeline import pair_documents
from aligner.profiles import get_profile
from aligner.readers.text import split_blocks
from aligner.repair import repair
from aligner.structure import parse


def parse_text(text: str, language: str):
    profile = get_profile(language)
    raw, _ = repair(RawDocument(f"{language}.txt", "text", split_blocks(text)), profile)
    return parse(raw, profile)


def parse_blocks(blocks: list[Block], language: str):
    profile = get_profile(language)
    raw, _ = repair(RawDocument(f"{language}.docx", "docx", blocks, paginated=False), profile)
    return parse(raw, profile)


def keys(document) -> list[str]:
    return [unit.key for unit in document.units]


FRAMEWORK_FR = """Cadre de confiance

1 Introduction

Le présent document décrit le cadre.

2 Le cadre

2.1 Aperçu

Un paragraphe ajouté par la traduction.

Le cadre comprend des processus.

2.3.1.1 Processus atomiques

Un processus atomique est un ensemble d'activités.

Annexe A : Termes et définitions

Les termes suivants sont définis.
"""

FRAMEWORK_EN = """Trust Framework

1 Introduction

This document describes the framework.

2 The Framework

2.1 Overview

The framework is made of processes.

2.3.1.1 Atomic Processes

An atomic process is a set of activities.

Appendix A: Terms and Definitions

The following terms are defined.
"""


def test_decimal_headings_of_any_depth_are_keys_in_plain_text() -> None:
    document = parse_text(FRAMEWORK_EN, "en")
    by_key = document.by_key()
    assert by_key["sec:2/1"].text == "2.1 Overview" and by_key["sec:2/1"].kind == "heading"
    assert by_key["sec:2/3/1/1"].label == "2.3.1.1"
    assert "sec:2/3/1/1/para:1" in by_key
    assert by_key["annex:A"].text.startswith("Appendix A")
    assert "annex:A/para:1" in by_key


def test_numbered_headings_pair_by_number_not_by_position() -> None:
    french, english = parse_text(FRAMEWORK_FR, "fr"), parse_text(FRAMEWORK_EN, "en")
    alignment = pair_documents(french, english)
    headings = {
        pair.source[0].key: pair.target[0].key
        for pair in alignment.paired
        if pair.source[0].kind == "heading" and pair.source[0].label
    }
    assert headings["sec:2/1"] == "sec:2/1"
    assert headings["sec:2/3/1/1"] == "sec:2/3/1/1"
    paired_keys = {pair.source[0].key for pair in alignment.paired}
    assert "annex:A" in paired_keys
    assert not [d for d in alignment.disagreements if d.kind == "renumbered"]


def test_a_sentence_that_starts_with_a_decimal_is_not_a_heading() -> None:
    text = "Census\n\n1.1 Counts\n\n2.5 million people were counted in 2021.\n\n1.2 Method\n\n1.3 Results\n"
    document = parse_text(text, "en")
    assert keys(document) == ["meta:title", "sec:1/1", "sec:1/1/para:1", "sec:1/2", "sec:1/3"]
    assert document.units[2].kind == "text"


def test_division_headings_with_colons_capitals_or_alone() -> None:
    for text, language, key in [
        ("Annexe A : Termes et définitions", "fr", "annex:A"),
        ("Appendix B: Glossary", "en", "annex:B"),
        ("ANNEXE", "fr", "annex:1"),
        ("Annexe b", "fr", "annex:B"),
        ("APPENDIX C", "en", "annex:C"),
        ("Chapitre 3", "fr", "chap:3"),
        ("Chapter 3 – Open source", "en", "chap:3"),
        ("Partie II", "fr", "part:II"),
    ]:
        document = parse_text(f"1. Before.\n\n{text}\n\n1. Inside the division.\n", language)
        assert keys(document)[-2:] == [key, f"{key}/p:1"], text


def test_headings_known_to_the_reader_open_numbered_sections() -> None:
    blocks = [
        Block("Sommaire", kind="heading", level=1),
        Block("Ce document décrit le cadre."),
        Block("2 Le cadre", kind="heading", level=1),
        Block("2.3 Noyau normatif", kind="heading", level=2),
        Block("Le noyau comprend :"),
        Block("les processus ;", kind="item", label="•"),
        Block("les critères.", kind="item", label="•"),
        Block("1. Première étape.", kind="item", label="1."),
        Block("a) Sous-étape.", kind="item", label="a)"),
        Block("Références", kind="heading", level=1),
        Block("Une référence."),
    ]
    document = parse_blocks(blocks, "fr")
    assert keys(document) == [
        "h:1",
        "para:1",
        "sec:2",
        "sec:2/3",
        "sec:2/3/para:1",
        "sec:2/3/item:1",
        "sec:2/3/item:2",
        "sec:2/3/p:1",
        "sec:2/3/p:1/a",
        "h:2",
        "para:2",
    ]
    assert [unit.kind for unit in document.units][:4] == ["heading", "text", "heading", "heading"]


def test_a_bold_line_in_one_language_and_a_styled_heading_in_the_other_still_pair() -> None:
    french = parse_blocks(
        [
            Block("1 Introduction", kind="heading", level=1),
            Block("Contexte", kind="heading", level=2),
            Block("Le contexte du projet est décrit ici en détail."),
            Block("Prochaines étapes :"),
            Block("Établir un groupe de travail.", kind="item", label="•"),
        ],
        "fr",
    )
    english = parse_blocks(
        [
            Block("1 Introduction", kind="heading", level=1),
            Block("Background", kind="heading"),
            Block("The background of the project is described here in detail."),
            Block("Next steps"),
            Block("Set up a working group.", kind="item", label="•"),
        ],
        "en",
    )
    alignment = pair_documents(french, english)
    assert all(pair.source and pair.target for pair in alignment.pairs)
    assert len(alignment.paired) == 5


def test_table_cells_are_units_cell_by_cell() -> None:
    blocks = [Block("1 Résultats", kind="heading", level=1)]
    rows = [("Sexe", "Échantillon"), ("Hommes", "48,5 %"), ("Femmes", "51,5 %")]
    for row, cells in enumerate(rows, start=1):
        for column, text in enumerate(cells, start=1):
            blocks.append(Block(text, kind="cell", table=4, row=row, column=column))
    blocks.append(Block("Le tableau montre la répartition."))
    document = parse_blocks(blocks, "fr")
    assert keys(document) == [
        "sec:1",
        "sec:1/tbl:1",
        *[f"sec:1/tbl:1/cell:{n}" for n in range(2, 7)],
        "sec:1/para:1",
    ]
    assert document.by_key()["sec:1/tbl:1/cell:4"].text == "48,5 %"
    assert document.by_key()["sec:1/tbl:1"].text == "Sexe"


def test_a_table_found_on_one_side_only_shifts_nothing() -> None:
    def report(language: str, with_first_table: bool) -> list[Block]:
        words = {"fr": ("Résultats", "Total", "Région"), "en": ("Results", "Total", "Region")}[language]
        blocks = [Block(f"1 {words[0]}", kind="heading", level=1)]
        tables = [(1, [("Année", "2021"), ("2022", "2023")])] if with_first_table else []
        tables.append((2, [(words[2], "Nord"), ("48", "52"), (words[1], "100")]))
        for table, rows in tables:
            for row, cells in enumerate(rows, start=1):
                for column, text in enumerate(cells, start=1):
                    blocks.append(Block(text, kind="cell", table=table, row=row, column=column))
        return blocks

    french, english = parse_blocks(report("fr", True), "fr"), parse_blocks(report("en", False), "en")
    alignment = pair_documents(french, english)
    paired = {pair.source[0].text: pair.target[0].text for pair in alignment.paired}
    assert paired["Région"] == "Region" and paired["48"] == "48" and paired["Total"] == "Total"


def glossary(language: str, rows: list[tuple[str, str]]) -> list[Block]:
    header = ("Terme", "Définition") if language == "fr" else ("Term", "Definition")
    blocks = []
    for row, cells in enumerate([header, *rows], start=1):
        for column, text in enumerate(cells, start=1):
            blocks.append(Block(text, kind="cell", table=1, row=row, column=column))
    return blocks


def test_a_glossary_sorted_in_each_language_pairs_by_content() -> None:
    french_rows = [
        ("authentification", "Le processus qui confirme l'identité (ISO 29115)."),
        ("biométrie", "Une mesure du corps (NIST 800-63)."),
        ("cadre de confiance", "Un ensemble de règles (PCTF 2020)."),
        ("justificatif", "Un objet délivré à un titulaire (X.509)."),
        ("titulaire", "Une entité qui contrôle un justificatif (W3C VC)."),
    ]
    english_rows = [
        ("authentication", "The process that confirms identity (ISO 29115)."),
        ("biometrics", "A measurement of the body (NIST 800-63)."),
        ("credential", "An object issued to a holder (X.509)."),
        ("holder", "An entity that controls a credential (W3C VC)."),
        ("trust framework", "A set of rules (PCTF 2020)."),
    ]
    french, english = (
        parse_blocks(glossary("fr", french_rows), "fr"),
        parse_blocks(glossary("en", english_rows), "en"),
    )
    assert keys(french)[:4] == ["tbl:1", "tbl:1/cell:2", "tbl:1/def:2", "tbl:1/def:2/cell:2"]
    alignment = pair_documents(french, english)
    paired = {pair.source[0].text: pair.target[0].text for pair in alignment.paired}
    assert paired["cadre de confiance"] == "trust framework"
    assert paired["justificatif"] == "credential"
    assert paired["titulaire"] == "holder"
    assert all(pair.source and pair.target for pair in alignment.pairs)


REPORT_FR = """1. Introduction

1.1 Le présent rapport décrit les activités du Comité. Il a été établi en 2024.

1.2 Le Comité a tenu trois sessions :

a) La première à Genève;

b) La deuxième à New York.

2. Méthodes de travail

2.1 Le Comité a adopté de nouvelles méthodes. Elles figurent à l'annexe.

2.1.1 Les réunions sont publiques.

Les documents sont publiés en ligne.

2.2 Le secrétariat a appuyé les travaux.
"""

REPORT_EN = """1. Introduction

1.1 This report describes the activities of the Committee. It was prepared in 2024.

1.2 The Committee held three sessions:

(a) The first in Geneva;

(b) The second in New York.

2. Working methods

2.1 The Committee adopted new methods. They are set out in the annex.

2.1.1 Meetings are public.

Documents are published online.

2.2 The secretariat supported the work.
"""


def test_paragraphs_numbered_in_an_outline_are_keyed_by_their_number() -> None:
    french, english = parse_text(REPORT_FR, "fr"), parse_text(REPORT_EN, "en")
    expected = [
        "sec:1",
        "sec:1/1",
        "sec:1/2",
        "sec:1/2/a",
        "sec:1/2/b",
        "sec:2",
        "sec:2/1",
        "sec:2/1/1",
        "sec:2/1/1/para:1",
        "sec:2/2",
    ]
    assert keys(french) == expected
    assert keys(english) == expected
    kinds = {unit.key: unit.kind for unit in english.units}
    assert kinds["sec:1"] == kinds["sec:2"] == "heading"
    assert kinds["sec:2/1/1"] == "paragraph"
    alignment = pair_documents(french, english)
    assert all(pair.source and pair.target for pair in alignment.pairs)
    assert all(pair.source[0].key == pair.target[0].key for pair in alignment.pairs)


def test_one_paragraph_opening_with_a_quantity_does_not_make_an_outline() -> None:
    text = (
        "1. Overview\n\n2.5 Million people were displaced in 2023.\n\n2. Response\n\nThe response grew.\n\n"
        "3. Outlook\n\nIt will grow again.\n"
    )
    document = parse_text(text, "en")
    assert not any(unit.key.startswith("sec:") for unit in document.units)
    assert [unit.key for unit in document.units if unit.kind == "paragraph"] == ["p:1", "p:2", "p:3"]


def test_a_paragraph_one_language_leaves_unnumbered_pairs_with_its_numbered_counterpart() -> None:
    french = parse_text(
        "I. Compétence\n\n"
        "1. La Cour a été saisie le 3 mars 2017 par le requérant, M. Ugo Tanaka.\n\n"
        "2. Le requérant invoque les articles 9 et 12 de la Charte africaine "
        "et la décision ECW/CCJ/12/19.\n\n"
        "3. La Cour se déclare compétente au titre de l'article 9 du Protocole de 1991.\n",
        "fr",
    )
    english = parse_text(
        "I. Jurisdiction\n\n"
        "1. The Court was seised on 3 March 2017 by the Applicant, Mr. Ugo Tanaka.\n\n"
        "The Applicant relies on Articles 9 and 12 of the African Charter and decision ECW/CCJ/12/19.\n\n"
        "3. The Court declares itself competent under Article 9 of the 1991 Protocol.\n",
        "en",
    )
    alignment = pair_documents(french, english)
    counterpart = {
        pair.source[0].key: pair.target[0].key for pair in alignment.pairs if pair.source and pair.target
    }
    assert counterpart["p:2"].endswith("para:1")
    assert all(pair.source and pair.target for pair in alignment.pairs)


AGREEMENT_FR = """Accord de coopération

Première partie : Dispositions générales

Article premier

Le présent accord entre en vigueur à sa signature.

Article 2

1. Il est conclu pour cinq ans.

2. Il peut être prorogé.

Deuxième partie

Article 3

Il peut être dénoncé.
"""

AGREEMENT_EN = """Cooperation Agreement

Part One: General Provisions

Article 1

This agreement enters into force upon signature.

Article 2

1. It is concluded for five years.

2. It may be extended.

Part Two

Article 3

It may be denounced.
"""


def test_divisions_numbered_in_words_or_figures_get_the_same_keys() -> None:
    french, english = parse_text(AGREEMENT_FR, "fr"), parse_text(AGREEMENT_EN, "en")
    expected = ["meta:title", "part:1", "art:1", "art:1/para:1", "art:2", "art:2/p:1", "art:2/p:2"]
    expected += ["part:2", "art:3", "art:3/para:1"]
    assert keys(french) == expected
    assert keys(english) == expected


def test_a_chapter_heading_is_not_joined_to_the_quotation_after_it() -> None:
    english = parse_text(
        'A Tale\n\nCHAPTER I\n\n"Mine ear is open."\n\nIt was a cold morning.\n\n'
        "CHAPTER II\n\nThe road was long.\n\nCHAPTER III\n\nThey arrived.\n",
        "en",
    )
    french = parse_text(
        "Un conte\n\nChapitre premier\n\n« Mon oreille est ouverte. »\n\nLe matin était froid.\n\n"
        "Chapitre II\n\nLa route était longue.\n\nChapitre III\n\nIls arrivèrent.\n",
        "fr",
    )
    assert english.by_key()["chap:I"].text == "CHAPTER I"
    assert french.by_key()["chap:1"].text == "Chapitre premier"
    alignment = pair_documents(french, english)
    headings = {p.source[0].key: p.target[0].key for p in alignment.pairs if p.source and p.target}
    assert headings["chap:1"] == "chap:I" and headings["chap:II"] == "chap:II"
