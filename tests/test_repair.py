"""Repair of conversion damage, on small inputs written here."""

from aligner.model import Block, RawDocument
from aligner.profiles import get_profile
from aligner.readers.text import split_blocks
from aligner.repair import RepairReport, clean_markup, repair, unwrap

FR = get_profile("fr")
EN = get_profile("en")


def repaired_texts(text: str, profile=FR) -> list[str]:
    document, _ = repair(RawDocument("test.txt", "text", split_blocks(text)), profile)
    return [block.text for block in document.blocks]


def test_markdown_links_become_symbols_and_ordinals_plain_text():
    block = clean_markup(Block("13. À la 43^e séance, voir [A/C.3/74/L.5](#) et le 1^{er} décembre."))
    assert block.text == "13. À la 43e séance, voir A/C.3/74/L.5 et le 1er décembre."


def test_italic_lead_word_of_operative_paragraph_is_recorded():
    block = clean_markup(Block("5. *Encourage également* les États Membres à agir ;"))
    assert block.italic_lead == "Encourage également"
    assert block.text == "5. Encourage également les États Membres à agir ;"


def test_inline_italics_are_dropped_without_becoming_a_lead():
    block = clean_markup(Block("Nations Unies, *Recueil des Traités*, vol. 1577."))
    assert block.italic_lead is None
    assert block.text == "Nations Unies, Recueil des Traités, vol. 1577."


def test_paragraph_split_by_footnote_block_is_rejoined():
    text = (
        "1. The Committee held a general discussion on the item at its meetings, on 3 October, and the\n\n"
        "¹ See A/C.3/74/SR.5.\n\n"
        "representatives made statements.\n\n"
        "2. Next paragraph."
    )
    assert repaired_texts(text, EN) == [
        "1. The Committee held a general discussion on the item at its meetings, on 3 October, and "
        "the representatives made statements.",
        "See A/C.3/74/SR.5.",
        "2. Next paragraph.",
    ]


def test_preambular_paragraph_ending_in_comma_is_continued_by_lowercase_text():
    text = (
        "Rappelant la résolution 7/8 sur les objectifs de développement durable,\n\n¹ Résolution "
        "70/1.\n\nénoncés dans le Programme 2030,"
    )
    assert repaired_texts(text)[0] == (
        "Rappelant la résolution 7/8 sur les objectifs de développement durable, énoncés dans le "
        "Programme 2030,"
    )


def test_list_of_countries_split_by_page_is_rejoined():
    text = (
        "21. Les pays suivants se sont joints aux auteurs : Algérie, Allemagne, Japon,\n\nKenya, "
        "Lettonie, Libéria, Libye, Malte et Viet Nam.\n\nPrenant note du rapport,"
    )
    texts = repaired_texts(text)
    assert texts[0].endswith("Japon, Kenya, Lettonie, Libéria, Libye, Malte et Viet Nam.")
    assert texts[1] == "Prenant note du rapport,"


def test_footnote_continued_between_two_halves_of_a_body_paragraph():
    text = (
        "Consciente de l'importance du rôle joué par le Groupe¹⁵,\n\n"
        "¹⁴ Résolution 71/1.\n\n"
        "¹⁵ L'Office des Nations Unies contre la drogue et le crime, le Bureau de la prévention du "
        "génocide et\n\n"
        "Consciente également de l'importance des mécanismes mis en place par les organisations "
        "non gouvernementales\n\n"
        "de la responsabilité de protéger, en leur qualité de partenaires du Groupe.\n\n"
        "pour faire face au problème de la traite des personnes,\n\n"
        "Prenant note avec satisfaction des initiatives,"
    )
    texts = repaired_texts(text)
    assert texts[2] == (
        "L'Office des Nations Unies contre la drogue et le crime, le Bureau de la prévention du génocide et "
        "de la responsabilité de protéger, en leur qualité de partenaires du Groupe."
    )
    assert texts[3] == (
        "Consciente également de l'importance des mécanismes mis en place par les organisations "
        "non gouvernementales "
        "pour faire face au problème de la traite des personnes,"
    )
    assert texts[4] == "Prenant note avec satisfaction des initiatives,"


def test_titles_and_headings_are_not_joined_to_what_follows():
    text = (
        "Projet de résolution II\n\nSuite à donner au treizième Congrès des Nations Unies pour la "
        "prévention du crime\n\nL'Assemblée générale,"
    )
    assert repaired_texts(text) == [
        "Projet de résolution II",
        "Suite à donner au treizième Congrès des Nations Unies pour la prévention du crime",
        "L'Assemblée générale,",
    ]


def test_running_heads_page_and_job_numbers_are_dropped():
    text = (
        "1. First paragraph of the report.\n\n2/61\n\n19-20599\n\nA/74/400\n\n2. Second "
        "paragraph.\n\n3/61\n\n19-20599\n\nA/74/400\n\n3. Third."
    )
    document, report = repair(RawDocument("en.txt", "text", split_blocks(text)), EN)
    assert [block.text for block in document.blocks] == [
        "1. First paragraph of the report.",
        "2. Second paragraph.",
        "3. Third.",
    ]
    assert document.metadata["symbol"] == "A/74/400"
    assert len(report.dropped) == 6


def _wrapped(lines: list[str]) -> list[Block]:
    return split_blocks("\n".join(lines))


def test_hard_wrapped_text_is_unwrapped_and_hyphenation_undone():
    paragraph = [
        "The Secretary-General submitted to the Committee a report on the implemen-",
        "tation of the mandates of the programme, with particular reference to the",
        "technical cooperation activities of the Office, and the Secretary-",
        "General answered the questions raised by the representatives of several",
        "States in the course of the general discussion held on that occasion.",
    ]
    lines = [
        *paragraph,
        "",
        *paragraph,
        "",
        *paragraph,
        "",
        "The implementation of the mandates was discussed at length by the delegations.",
    ]
    blocks = unwrap(_wrapped(lines), RepairReport())
    assert blocks[0].text == (
        "The Secretary-General submitted to the Committee a report on the implementation of the "
        "mandates of the "
        "programme, with particular reference to the technical cooperation activities of the Office, and the "
        "Secretary-General answered the questions raised by the representatives of several States "
        "in the course "
        "of the general discussion held on that occasion."
    )


def test_wrapped_block_with_a_new_numbered_paragraph_is_split():
    lines = [
        "1. The Committee considered the item at its meetings held in October and November",
        "of that year, and heard statements from many delegations on that occasion.",
        "2. At the same meeting, the Committee adopted the draft resolution without a",
        "vote, as orally revised by the representative of the sponsors of the text.",
    ] * 3
    blocks = unwrap(_wrapped(lines), RepairReport())
    assert [block.text[:2] for block in blocks] == ["1.", "2."] * 3


def test_header_lines_in_one_block_stay_separate_lines():
    document, _ = repair(
        RawDocument(
            "fr.txt", "text", split_blocks("Distr. générale\n26 novembre 2019\nFrançais\nOriginal : anglais")
        ),
        FR,
    )
    assert [block.text for block in document.blocks] == [
        "Distr. générale",
        "26 novembre 2019",
        "Français",
        "Original : anglais",
    ]


def test_superscript_footnote_block_becomes_a_labelled_footnote():
    document, _ = repair(RawDocument("fr.txt", "text", split_blocks("1. Texte¹².\n\n¹² Voir A/73/325.")), FR)
    footnote = document.blocks[1]
    assert (footnote.kind, footnote.label, footnote.text) == ("footnote", "12", "Voir A/73/325.")
