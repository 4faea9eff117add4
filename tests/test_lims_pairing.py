"""Justice Canada LIMS pairs: symbols written per language, schedules nested differently,
lists sorted per language, citations, tables; on small inputs written here and on the real
regulations of ``real/`` (skipped when the corpora are absent)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from aligner.errors import MismatchError
from aligner.model import Bitext, Unit
from aligner.pairing import structural
from aligner.pipeline import align_documents, load_document, pair_documents
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


# --- lists each language sorts its own way -----------------------------------------------

COUNTRIES_FR = [
    "Allemagne",
    "Autriche",
    "Belgique",
    "Chypre",
    "Danemark",
    "Espagne",
    "Norvège",
    "Pays-Bas",
    "Suède",
]
COUNTRIES_EN = [
    "Austria",
    "Belgium",
    "Cyprus",
    "Denmark",
    "Germany",
    "Netherlands",
    "Norway",
    "Spain",
    "Sweden",
]
TRANSLATION = dict(
    zip(
        COUNTRIES_FR,
        ["Germany", "Austria", "Belgium", "Cyprus", "Denmark", "Spain", "Norway", "Netherlands", "Sweden"],
        strict=True,
    )
)


def schedule_list(language: str, symbol: str, entries: list[str]) -> str:
    items = "".join(
        f"<Item><Label>{n}</Label><Text>{entry}</Text></Item>" for n, entry in enumerate(entries, 1)
    )
    text = (
        "Le présent règlement vise les pays de l’annexe."
        if language == "fr"
        else "These Regulations apply to the countries in the schedule."
    )
    section = f"<Section><Label>1</Label><Text>{text}</Text></Section>"
    label = "ANNEXE" if language == "fr" else "SCHEDULE"
    return regulation(language, symbol, section).replace(
        "</Regulation>",
        f"<Schedule><ScheduleFormHeading><Label>{label}</Label></ScheduleFormHeading><List>{items}</List></Schedule></Regulation>",
    )


def list_pairs(alignment) -> dict[str, tuple[str, float, str]]:
    return {
        pair.source_text: (pair.target_text, pair.score, pair.method)
        for pair in alignment.paired
        if pair.source[0].key.startswith("sch:1/")
    }


def test_a_list_sorted_in_each_language_pairs_by_content_not_position(tmp_path: Path) -> None:
    french, english = write_pair(
        tmp_path,
        schedule_list("fr", "DORS/2020-1", COUNTRIES_FR),
        schedule_list("en", "SOR/2020-1", COUNTRIES_EN),
    )
    pairs = list_pairs(pair_documents(load_document(french), load_document(english)))
    assert {source: target for source, (target, _, _) in pairs.items()} == TRANSLATION
    # Names spelt alike are fairly sure; "Pays-Bas"/"Netherlands" (nothing alike, paired
    # because it is what is left) is doubtful, and says so.
    assert pairs["Danemark"][1] > 0.8 and pairs["Belgique"][1] > 0.9
    assert pairs["Pays-Bas"][1] < 0.5
    assert all(method == "content" for _, _, method in pairs.values())
    assert all(0.0 <= score <= 1.0 for _, score, _ in pairs.values())


@pytest.mark.skipif(
    not Path("/usr/share/dictd/freedict-fra-eng.index").exists(), reason="freedict not installed"
)
def test_a_dictionary_makes_list_pairs_surer(tmp_path: Path) -> None:
    french, english = write_pair(
        tmp_path,
        schedule_list("fr", "DORS/2020-1", COUNTRIES_FR),
        schedule_list("en", "SOR/2020-1", COUNTRIES_EN),
    )
    plain = list_pairs(pair_documents(load_document(french), load_document(english)))
    helped = list_pairs(pair_documents(load_document(french), load_document(english), dictionary="auto"))
    assert {source: target for source, (target, _, _) in helped.items()} == TRANSLATION
    assert helped["Allemagne"][1] > plain["Allemagne"][1] + 0.1
    assert sum(score for _, score, _ in helped.values()) > sum(score for _, score, _ in plain.values())


def test_a_list_sorted_in_one_language_only_keeps_its_order(tmp_path: Path) -> None:
    # The French follows the English order (a translated list): positions are right, and
    # the pairs made by position between sure neighbours say so.
    english_entries = ["barley", "canola", "millet", "oats", "quinoa", "rye", "wheat"]
    french_entries = ["orge", "canola", "millet", "avoine", "quinoa", "seigle", "blé"]
    french, english = write_pair(
        tmp_path,
        schedule_list("fr", "DORS/2020-1", french_entries),
        schedule_list("en", "SOR/2020-1", english_entries),
    )
    pairs = list_pairs(pair_documents(load_document(french), load_document(english)))
    assert {source: target for source, (target, _, _) in pairs.items()} == dict(
        zip(french_entries, english_entries, strict=True)
    )
    assert pairs["canola"][2] == "content" and pairs["canola"][1] > 0.9
    # "avoine"/"oats" sits alone between two sure pairs: likely, by position.
    assert pairs["avoine"][2] == "position" and 0.9 < pairs["avoine"][1] < 1.0


DEFINITIONS_EN = [
    ("board", "conseil", "means the board."),
    ("minister", "ministre", "means the minister."),
    ("place", "lieu", "includes any conveyance."),
    ("vessel", "bâtiment", "means a ship."),
]
DEFINITIONS_FR = [
    ("bâtiment", "vessel", "Navire."),
    ("conseil", "board", "Le conseil."),
    ("lieu", "place", "Est assimilé à un lieu tout moyen de transport."),
    ("ministre", "minister", "Le ministre."),
]


def definitions(language: str, entries: list[tuple[str, str, str]]) -> str:
    own, other = ("Fr", "En") if language == "fr" else ("En", "Fr")
    body = "".join(
        f"<Definition><Text><DefinedTerm{own}>{term}</DefinedTerm{own}> {text} "
        f"(<DefinedTerm{other}>{counterpart}</DefinedTerm{other}>)</Text></Definition>"
        for term, counterpart, text in entries
    )
    repealed = "Abrogée, DORS/2001-5, art. 1" if language == "fr" else "Repealed, SOR/2001-5, s. 1"
    term = "garde" if language == "fr" else "guard"
    body += (
        f"<Definition><Text><DefinedTerm{own}>{term}</DefinedTerm{own}> "
        f"<Repealed>[{repealed}]</Repealed></Text></Definition>"
    )
    opening = (
        "Les définitions qui suivent s’appliquent."
        if language == "fr"
        else "The following definitions apply."
    )
    return f"<Section><Label>2</Label><Text>{opening}</Text>{body}</Section>"


def test_definitions_sorted_in_each_language_pair_by_their_terms(tmp_path: Path) -> None:
    french, english = write_pair(
        tmp_path,
        regulation("fr", "DORS/2020-2", definitions("fr", DEFINITIONS_FR)),
        regulation("en", "SOR/2020-2", definitions("en", DEFINITIONS_EN)),
    )
    alignment = pair_documents(load_document(french), load_document(english))
    pairs = {
        pair.source[0].label: (pair.target[0].label, pair.score)
        for pair in alignment.paired
        if "def:" in pair.key
    }
    assert {french_term: english_term for french_term, (english_term, _) in pairs.items()} == {
        "bâtiment": "vessel",
        "conseil": "board",
        "lieu": "place",
        "ministre": "minister",
        "garde": "guard",
    }
    assert all(score > 0.9 for term, (_, score) in pairs.items() if term != "garde")
    assert load_document(french).by_key()["s:2/def:3"].terms == ("lieu", "place")


# --- schedules keyed by their own labels --------------------------------------------------


def convention(language: str, articles_inside_preamble: bool) -> str:
    """A treaty in a schedule: a preamble group, then articles with numbered paragraphs; one
    language nests the articles inside the preamble's group, the other beside it."""
    preamble_title, parties, agreed, article, paragraph = (
        ("Préambule", "Les États parties,", "Sont convenus de ce qui suit :", "ARTICLE", "Chaque État partie")
        if language == "fr"
        else ("Preamble", "The States Parties,", "Have agreed as follows:", "ARTICLE", "Each State Party")
    )
    articles = "".join(
        f"<Group><GroupHeading><Label>{article} {number}</Label>"
        f"<TitleText>T{number}</TitleText></GroupHeading>"
        + "".join(
            f"<Provision><Label>{paragraph_number}</Label>"
            f"<Text>{paragraph} {number}.{paragraph_number}.</Text></Provision>"
            for paragraph_number in (1, 2)
        )
        + "</Group>"
        for number in (1, 2, 3)
    )
    preamble = (
        f"<GroupHeading><TitleText>{preamble_title}</TitleText></GroupHeading>"
        f"<Provision><Text>{parties}</Text></Provision><Provision><Text>{agreed}</Text></Provision>"
    )
    groups = (
        f"<Group>{preamble}{articles}</Group>"
        if articles_inside_preamble
        else f"<Group>{preamble}</Group>{articles}"
    )
    label = "ANNEXE" if language == "fr" else "SCHEDULE"
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Statute xml:lang="{language}"><Identification><LongTitle>T</LongTitle>
<Chapter><ConsolidatedNumber>T-9</ConsolidatedNumber></Chapter></Identification>
<Body><Section><Label>1</Label><Text>{parties}</Text></Section></Body>
<Schedule><ScheduleFormHeading><Label>{label}</Label></ScheduleFormHeading><DocumentInternal>{groups}</DocumentInternal></Schedule>
</Statute>"""


def test_a_schedule_nested_differently_pairs_by_article_and_paragraph(tmp_path: Path) -> None:
    french, english = write_pair(tmp_path, convention("fr", True), convention("en", False))
    french_document, english_document = load_document(french), load_document(english)
    assert [unit.key for unit in french_document.units] == [unit.key for unit in english_document.units]
    assert "sch:1/art:2/prov:1" in french_document.by_key()
    alignment = pair_documents(french_document, english_document)
    assert not [pair for pair in alignment.pairs if not (pair.source and pair.target)]
    assert all(pair.method == "key" for pair in alignment.pairs if "/art:" in pair.key)
    assert alignment.disagreements == []


def test_a_provision_nested_one_level_deeper_still_pairs(tmp_path: Path) -> None:
    # The French closes the enabling provision after (b), the English after (a): (b) is one
    # level deeper in French.
    french_body = (
        "<Order><Provision><Text>Sur recommandation du ministre, en vertu :</Text>"
        "<Provision><Label>a)</Label><Text>de l’article 12 de la Loi;</Text></Provision>"
        "<Provision><Label>b)</Label><Text>de l’article 51<FootnoteRef>a</FootnoteRef> de la Loi.</Text>"
        "<Footnote><Label>a</Label><Text>L.C. 2014, ch. 20</Text></Footnote></Provision></Provision></Order>"
    )
    english_body = (
        "<Order><Provision><Text>On the recommendation of the Minister, under</Text>"
        "<Provision><Label>(a)</Label><Text>section 12 of the Act; and</Text></Provision></Provision>"
        "<Provision><Label>(b)</Label><Text>section 51<FootnoteRef>a</FootnoteRef> of the Act.</Text>"
        "<Footnote><Label>a</Label><Text>S.C. 2014, c. 20</Text></Footnote></Provision></Order>"
    )
    french, english = write_pair(
        tmp_path,
        regulation("fr", "DORS/2020-3", SECTIONS_FR).replace("<Body>", french_body + "<Body>"),
        regulation("en", "SOR/2020-3", SECTIONS_EN).replace("<Body>", english_body + "<Body>"),
    )
    alignment = pair_documents(load_document(french), load_document(english))
    pairs = {pair.source[0].key: pair.target[0].key for pair in alignment.paired}
    assert pairs["para:1/prov:b"] == "prov:b"
    assert pairs["para:1/prov:b/fn:a"] == "prov:b/fn:a"
    assert not [pair for pair in alignment.pairs if not (pair.source and pair.target)]
    assert [d.kind for d in alignment.disagreements] == ["nesting"]


# --- tables --------------------------------------------------------------------------------


def table(language: str) -> str:
    """A table whose header cell "Item" spans two rows in English but sits in the second row
    in French, with decimal commas, and a bilingual signature block."""
    if language == "fr":
        header = (
            '<row><entry colname="2">Colonne 1</entry><entry colname="3">Colonne 2</entry></row>'
            '<row><entry colname="1">Article</entry><entry colname="2">Appareil</entry>'
            '<entry colname="3">Tolérance</entry></row>'
        )
        rows = "<row><entry>1</entry><entry>Poids de 2,5 kg</entry><entry>0,25 g</entry></row>"
        title = "Tolérances des poids"
    else:
        header = (
            '<row><entry colname="1" morerows="1">Item</entry><entry colname="2">Column 1</entry>'
            '<entry colname="3">Column 2</entry></row>'
            '<row><entry colname="2">Device</entry><entry colname="3">Tolerance</entry></row>'
        )
        rows = "<row><entry>1</entry><entry>Weight of 2.5 kg</entry><entry>0.25 g</entry></row>"
        title = "Tolerances of Weights"
    signature = (
        '<TableGroup bilingual="yes"><table><tgroup cols="1"><colspec colname="1"/><tbody><row><entry>'
        '<SignatureBlock><SignatureTitle><Language xml:lang="fr">Le ministre de l’Industrie,</Language>'
        "</SignatureTitle>"
        "<SignatureName>Jean Tremblay</SignatureName>"
        '<SignatureTitle><Language xml:lang="en">Minister of Industry</Language></SignatureTitle>'
        "</SignatureBlock>"
        "</entry></row></tbody></tgroup></table></TableGroup>"
    )
    cols = '<colspec colname="1"/><colspec colname="2"/><colspec colname="3"/>'
    text = "Les tolérances sont les suivantes :" if language == "fr" else "The tolerances are as follows:"
    return (
        f"<Section><Label>5</Label><Text>{text}</Text><TableGroup><table><title>{title}</title>"
        f'<tgroup cols="3">{cols}<thead>{header}</thead><tbody>{rows}</tbody></tgroup></table>'
        "</TableGroup></Section>"
        f"<Section><Label>6</Label><Text>{text}</Text>{signature}</Section>"
    )


def test_tables_come_out_cell_by_cell_and_signature_blocks_in_each_language(tmp_path: Path) -> None:
    french, english = write_pair(
        tmp_path, regulation("fr", "DORS/2020-4", table("fr")), regulation("en", "SOR/2020-4", table("en"))
    )
    french_document, english_document = load_document(french), load_document(english)
    french_units = french_document.by_key()
    assert french_units["s:5/table:1/title"].text == "Tolérances des poids"
    assert french_units["s:5/table:1/item:3/col:3"].text == "0,25 g"
    assert english_document.by_key()["s:5/table:1/item:2/col:2"].text == "Device"
    bitext = align_documents(french_document, english_document)
    link_pairs = {(link.source_text, link.target_text) for link in bitext.links}
    assert ("Poids de 2,5 kg", "Weight of 2.5 kg") in link_pairs
    assert ("0,25 g", "0.25 g") in link_pairs
    # The header cell that each language places in another row still pairs.
    assert ("Article", "Item") in link_pairs
    assert not any(" | " in text for pair in link_pairs for text in pair)
    # A bilingual signature block gives each version its own language.
    signatures = [pair for pair in link_pairs if "Tremblay" in pair[0]]
    assert signatures == [("Le ministre de l’Industrie, Jean Tremblay", "Jean Tremblay Minister of Industry")]
    assert all(link.source and link.target for link in bitext.links)


def test_header_cells_placed_in_another_row_pair_in_each_of_several_tables(tmp_path: Path) -> None:
    def two_tables(language: str) -> str:
        section = table(language)
        start = section.index("<TableGroup>")
        end = section.index("</TableGroup>", start) + len("</TableGroup>")
        return section[:end] + section[start:end] + section[end:]

    french, english = write_pair(
        tmp_path,
        regulation("fr", "DORS/2020-5", two_tables("fr")),
        regulation("en", "SOR/2020-5", two_tables("en")),
    )
    alignment = pair_documents(load_document(french), load_document(english))
    pairs = {pair.source[0].key: pair.target[0].key for pair in alignment.paired}
    # Each table's displaced header cell is looked for in its own table, not among both.
    assert pairs["s:5/table:1/item:2/col:1"] == "s:5/table:1/item:1/col:1"
    assert pairs["s:5/table:2/item:2/col:1"] == "s:5/table:2/item:1/col:1"
    assert not [pair for pair in alignment.pairs if not (pair.source and pair.target)]
    # A cell written in another row of its own table is nested the same: no disagreement
    # for a reviewer to look at (a provision one level deeper still is one, above).
    assert alignment.disagreements == []


# --- the real Justice Canada pairs ---------------------------------------------------------

REAL_LIMS = (
    "ca-regs-SOR-2018-108",
    "ca-regs-CRC-c-1605",
    "ca-regs-SOR-2025-219",
    "ca-regs-SOR-2026-88",
    "ca-act-A-11.5",
)
BRACKETED = re.compile(r"\(([^()]+)\)\s*[.;,]?\s*$")


@pytest.fixture(scope="module")
def real_bitexts(corpora: Path) -> dict[str, Bitext]:
    folders = [corpora / "real" / name for name in REAL_LIMS]
    if not all((folder / "fr.xml").exists() for folder in folders):
        pytest.skip("the Justice Canada pairs of real/ are not there")
    return {
        folder.name: align_documents(load_document(folder / "fr.xml"), load_document(folder / "en.xml"))
        for folder in folders
    }


def test_every_real_lims_pair_aligns_without_force_and_few_links_lack_a_side(real_bitexts) -> None:
    for name, bitext in real_bitexts.items():
        empty = sum(1 for link in bitext.links if not (link.source and link.target))
        assert empty <= 0.1 * len(bitext.links), (name, empty, len(bitext.links))
        structure = bitext.structure
        one_sided = [pair for pair in structure.pairs if not (pair.source and pair.target)]
        assert len(one_sided) <= 0.01 * len(structure.pairs), (name, len(one_sided))
        assert all(0.0 <= pair.score <= 1.0 for pair in structure.pairs)
        assert {pair.method for pair in structure.pairs} <= {"key", "content", "position", "none"}


def test_real_definitions_pair_with_the_definition_naming_their_term(real_bitexts) -> None:
    checked = sure = 0
    for name, bitext in real_bitexts.items():
        structure = bitext.structure
        source_units, target_units = structure.source.units, structure.target.units
        for pair in structure.paired:
            if pair.source[0].kind != "definition":
                continue
            # Each side names the other's term in brackets at its end (in its last paragraph
            # when it has some): the English term the French names opens the English text.
            source_text = _subtree(source_units, pair.source[0])
            target_text = _subtree(target_units, pair.target[0])
            named = BRACKETED.search(source_text)
            if named is None or "[" in pair.target_text:
                continue
            checked += 1
            # Typing slips happen in the sources ("previous enactement"): spelling, not equality.
            term = named.group(1).split(" ou ")[0].strip().lower()
            opening = target_text.lower()[: len(term)]
            assert SequenceMatcher(None, term, opening).ratio() > 0.9, (name, pair.key, term, opening)
            assert pair.score > 0.8, (name, pair.key, pair.score)
            sure += pair.score > 0.9
    assert checked > 180 and sure > 0.97 * checked


def _subtree(units: list[Unit], unit: Unit) -> str:
    position = units.index(unit)
    texts = [unit.text]
    for following in units[position + 1 :]:
        if not following.key.startswith(unit.key + "/"):
            break
        texts.append(following.text)
    return " ".join(texts)


def test_the_convention_in_a_schedule_pairs_article_by_article(real_bitexts) -> None:
    structure = real_bitexts["ca-act-A-11.5"].structure
    article_pairs = [pair for pair in structure.pairs if pair.key.startswith("sch:1/art:")]
    articles = {pair.key.split("/")[1] for pair in article_pairs}
    assert articles == {f"art:{number}" for number in range(1, 23)}
    assert all(
        pair.source and pair.target and pair.source[0].key == pair.target[0].key for pair in article_pairs
    )
    preamble = [pair for pair in structure.paired if pair.key.startswith("sch:1/grp:1/para:")]
    assert len(preamble) == 13
    assert structure.disagreements == []


def test_real_tables_are_aligned_cell_by_cell(real_bitexts) -> None:
    bitext = real_bitexts["ca-regs-CRC-c-1605"]
    table_links = [link for link in bitext.links if "/table:" in link.unit]
    assert len(table_links) > 1000
    assert not any(" | " in link.source_text or " | " in link.target_text for link in table_links)
    # Decimal commas and points: a cell holding one number pairs with the same number.
    numbers = [
        (link.source_text, link.target_text)
        for link in table_links
        if re.fullmatch(r"\d+,\d+", link.source_text)
    ]
    assert len(numbers) > 50
    assert sum(source.replace(",", ".") == target for source, target in numbers) > 0.95 * len(numbers)


def test_a_list_too_long_to_compare_entry_by_entry_gets_no_support_from_order(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(structural, "MAX_LIST_PAIRS", 10)
    french, english = write_pair(
        tmp_path,
        schedule_list("fr", "DORS/2020-1", COUNTRIES_FR),
        schedule_list("en", "SOR/2020-1", COUNTRIES_EN),
    )
    pairs = list_pairs(pair_documents(load_document(french), load_document(english), force=True))
    assert pairs and all(method != "position" for _, _, method in pairs.values())
    # Paired in order, so mostly wrong: and the scores say so.
    assert all(score < 0.5 for source, (target, score, _) in pairs.items() if TRANSLATION[source] != target)
