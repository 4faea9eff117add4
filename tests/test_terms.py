"""Term extraction: candidates, association, writers (formula-safe), and the terms command."""

from __future__ import annotations

import csv
import unicodedata

import click
from click.testing import CliRunner
from lxml import etree

from aligner.cli import AlignerGroup
from aligner.cli import terms as terms_cli
from aligner.model import SegmentPair
from aligner.profiles import get_profile
from aligner.terms import extract_terms, segment_candidates, term_key, write_terms
from aligner.terms.sheets import safe_cell

FR = [
    "La traite des personnes est un crime.",
    "Les victimes de la traite des personnes ont besoin d'aide.",
    "La justice pénale doit protéger les victimes.",
    "L'Office des Nations Unies contre la drogue et le crime aide les États Membres.",
    "Les États Membres renforcent la justice pénale.",
    "L'Office des Nations Unies contre la drogue et le crime combat la traite des personnes.",
]
EN = [
    "Trafficking in persons is a crime.",
    "Victims of trafficking in persons need help.",
    "Criminal justice must protect victims.",
    "The United Nations Office on Drugs and Crime helps Member States.",
    "Member States strengthen criminal justice.",
    "The United Nations Office on Drugs and Crime fights trafficking in persons.",
]


def _pairs(reverse: bool = False) -> list[SegmentPair]:
    pairs = [
        SegmentPair(fr, en, "fr", "en", tuid=f"tu{i}", document="d")
        for i, (fr, en) in enumerate(zip(FR, EN, strict=True))
    ]
    if reverse:
        return [SegmentPair(p.target, p.source, "en", "fr", tuid=p.tuid) for p in pairs]
    return pairs


def _table_pairs(table) -> set[tuple[str, str]]:
    return set(zip(table["source_term"], table["target_term"], strict=True))


def test_candidates_follow_patterns_and_fold_plurals():
    found = {o.surface for o in segment_candidates(FR[3], get_profile("fr"))}
    assert "Office des Nations Unies contre la drogue et le crime" in found
    assert "États Membres" in found and not segment_candidates("il est ainsi que", get_profile("fr"))
    assert term_key("États Membres", get_profile("fr")) == term_key("État Membre", get_profile("fr"))
    assert term_key("activities", get_profile("en")) == "activity"


def test_extraction_pairs_terms_in_both_directions():
    expected = {
        ("traite des personnes", "trafficking in persons"),
        ("justice pénale", "criminal justice"),
        ("États Membres", "Member States"),
    }
    forward = {(s.lower(), t.lower()) for s, t in _table_pairs(extract_terms(_pairs()))}
    backward = {(t.lower(), s.lower()) for s, t in _table_pairs(extract_terms(_pairs(reverse=True)))}
    for french, english in expected:
        assert (french.lower(), english.lower()) in forward
        assert (french.lower(), english.lower()) in backward


def test_table_has_counts_and_examples():
    table = extract_terms(_pairs())
    row = table.filter(table["source_term"] == "traite des personnes").row(0, named=True)
    assert (row["source_freq"], row["target_freq"], row["cooccurrences"]) == (3, 3, 3)
    assert row["dice"] == 1.0 and row["llr"] > 0 and row["documents"] == 1
    assert row["examples"] == "tu0 | tu1 | tu5"


def test_safe_cell():
    assert [safe_cell(v) for v in ("=1+1", "+1", "-x", "@a", "\tx", "\rx", "ok", 3)] == [
        "'=1+1",
        "'+1",
        "'-x",
        "'@a",
        "'\tx",
        "'\rx",
        "ok",
        3,
    ]


def test_writers(tmp_path):
    table = extract_terms(_pairs() + [SegmentPair("=cmd() déclaration", "=cmd() statement", "fr", "en")] * 2)
    write_terms(table, tmp_path / "t.csv")
    write_terms(table, tmp_path / "t.xlsx")
    write_terms(table, tmp_path / "t.tbx", tbx_version=3)
    cells = [cell for row in csv.reader((tmp_path / "t.csv").open(encoding="utf-8-sig")) for cell in row]
    assert not any(cell.startswith("=") for cell in cells)
    root = etree.parse(str(tmp_path / "t.tbx")).getroot()
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    assert root.get("type") == "TBX-Basic" and root.get("style") == "dca"
    assert len(root.findall(".//t:conceptEntry", ns)) == table.height
    assert root.find(".//t:conceptEntry/t:langSec/t:termSec/t:term", ns) is not None


def test_terms_command(tmp_path):
    @click.group(cls=AlignerGroup)
    def group() -> None:
        """Test group."""

    terms_cli.register(group)
    fr, en = tmp_path / "a.fr", tmp_path / "a.en"
    fr.write_text("\n".join(FR) + "\n", encoding="utf-8")
    en.write_text("\n".join(EN) + "\n", encoding="utf-8")
    result = CliRunner().invoke(group, ["terms", str(fr), str(en), "-o", str(tmp_path / "t.csv")])
    assert result.exit_code == 0, result.output
    assert "traite des personnes" in (tmp_path / "t.csv").read_text(encoding="utf-8")
    odd = CliRunner().invoke(group, ["terms", str(fr), "-o", str(tmp_path / "u.csv")])
    assert odd.exit_code == 2 and "pairs" in odd.output


def _terms_of(french: list[str], english: list[str]) -> set[tuple[str, str]]:
    pairs = [
        SegmentPair(fr, en, "fr", "en", tuid=f"t{i}")
        for i, (fr, en) in enumerate(zip(french, english, strict=True))
    ]
    return _table_pairs(extract_terms(pairs))


def _surfaces(text: str, lang: str) -> set[str]:
    return {o.surface for o in segment_candidates(text, get_profile(lang))}


def test_years_join_the_word_beside_them_only():
    assert "Programme de développement durable à l'horizon 2030" in _surfaces(
        "Le Programme de développement durable à l'horizon 2030 est adopté.", "fr"
    )
    assert "2030 Agenda for Sustainable Development" in _surfaces(
        "The 2030 Agenda for Sustainable Development.", "en"
    )
    found = _surfaces("La Commission en 2019, la résolution 2019/16 et le plan 2015-2030 depuis 2012.", "fr")
    assert not {s for s in found if any(c.isdigit() for c in s)}


def test_names_go_on_across_commas_until_a_coordination_closes_them():
    assert "Organisation des Nations Unies pour l'éducation, la science et la culture" in _surfaces(
        "L'Organisation des Nations Unies pour l'éducation, la science et la culture aide.", "fr"
    )
    assert "United Nations Educational, Scientific and Cultural Organization" in _surfaces(
        "The United Nations Educational, Scientific and Cultural Organization helps.", "en"
    )
    assert not {s for s in _surfaces("Des tribunaux rapides, justes et ouverts.", "fr") if "," in s}


def test_coordination_is_a_name_only_when_the_capital_comes_first():
    occurrences = segment_candidates(
        "Il suit les règles et procédures de l'Organisation des Nations Unies.", get_profile("fr")
    )
    coordinated = [o for o in occurrences if o.surface.startswith("règles et procédures")]
    assert coordinated and all(o.cut for o in coordinated)
    named = [o for o in segment_candidates("Le Conseil économique et social se réunit.", get_profile("fr"))]
    assert any(o.surface == "Conseil économique et social" and not o.cut for o in named)


def test_two_one_word_complements_share_their_head_with_or_without_a_second_link():
    """ "violence against women and girls" is one term as "violence à l'égard des femmes et des
    filles" is; "cooperation and coordination", with no complement, stays two phrases."""
    for text, lang, term in (
        (
            "It condemns violence against women and girls everywhere.",
            "en",
            "violence against women and girls",
        ),
        (
            "Elle condamne la violence à l'égard des femmes et des filles.",
            "fr",
            "violence à l'égard des femmes et des filles",
        ),
    ):
        found = [o for o in segment_candidates(text, get_profile(lang)) if o.surface == term]
        assert found and not any(o.cut for o in found)
    joined = [
        o
        for o in segment_candidates("It calls for better cooperation and coordination.", get_profile("en"))
        if o.surface == "cooperation and coordination"
    ]
    assert joined and all(o.cut for o in joined)


def test_a_long_name_is_a_candidate_after_a_word_that_governs_it():
    name = (
        "fonds de contributions volontaires des Nations Unies en faveur des victimes de la traite des "
        "personnes"
    )
    found = segment_candidates(f"Il agit en qualité de gestionnaire du {name}.", get_profile("fr"))
    assert any(o.surface == name and not o.cut for o in found)


def test_the_second_of_two_coordinated_words_does_not_take_their_complement_alone():
    """ "procédures de l'Organisation des Nations Unies" in "les règles et procédures de
    l'Organisation des Nations Unies" is cut short of "règles": no term."""
    french = [
        f"Il applique les règles et procédures de l'Organisation des Nations Unies ({i})." for i in range(4)
    ]
    english = [f"It applies the rules and procedures of the United Nations ({i})." for i in range(4)]
    terms = _terms_of(french, english)
    assert not {source for source, _ in terms if source.startswith("procédures de")}
    assert not {target for _, target in terms if target.startswith("procedures of")}
    found = segment_candidates("Les règles et procédures de l'Organisation.", get_profile("fr"))
    assert all(o.continued for o in found if o.surface.startswith("procédures"))


def test_adjunct_phrases_and_verbs_break_terms():
    assert "Président sur la recommandation du Conseil" not in _surfaces(
        "Il a été déposé par le Président sur la recommandation du Conseil.", "fr"
    )
    assert "Chair on the recommendation of the Council" not in _surfaces(
        "It was submitted by the Chair on the recommendation of the Council.", "en"
    )
    assert not {s for s in _surfaces("States build effective courts.", "en") if "build" in s}


def test_fragments_of_longer_phrases_are_not_terms():
    french, english = [], []
    for i in range(1, 5):
        french.append(
            f"Un état des incidences du projet de résolution A/C.2/75/L.{i} sur le budget-programme est "
            "publié."
        )
        english.append(
            f"A statement of programme budget implications of draft resolution A/C.2/75/L.{i} is issued."
        )
        french.append(
            f"Il faut des tribunaux rapides, justes et ouverts, selon le rôle joué par la cour {i}."
        )
        english.append(f"We need fast, fair and open courts, given the role played by court {i}.")
    terms = _terms_of(french, english)
    sources = {source for source, _ in terms}
    targets = {target for _, target in terms}
    assert "état des incidences du projet de résolution" not in sources
    assert not {"tribunaux rapides", "rôle joué"} & sources and "role played" not in targets


def test_a_year_does_not_hide_the_name_it_dates():
    french = [f"La Conférence d'examen de {year} a été tenue." for year in (2010, 2010, 2015, 2015)]
    english = [f"The {year} Review Conference was held." for year in (2010, 2010, 2015, 2015)]
    assert ("Conférence d'examen", "Review Conference") in _terms_of(french, english)


def test_decomposed_accents_do_not_split_words():
    decomposed = unicodedata.normalize("NFD", "des personnes handicapées")
    assert "personnes handicapées" in _surfaces(decomposed, "fr")
    assert term_key(decomposed, get_profile("fr")) == term_key("des personnes handicapées", get_profile("fr"))


def test_fit_weighs_how_sure_the_counts_are():
    """Two terms seen together twice out of twice go together less surely than ten times out of
    eleven (the lower bound of the Wilson interval), and a pair whose words do not all
    translate each other fits less than one whose words do."""
    import polars as pl

    from aligner.terms.association import fit, together

    counts = pl.DataFrame({"a": [2.0, 10.0, 10.0], "f1": [2.0, 11.0, 10.0], "f2": [2.0, 10.0, 10.0]})
    sure = counts.select(together(pl.col("a"), pl.col("f1"), pl.col("f2")))["a"].to_list()
    assert 0 < sure[0] < sure[1] < sure[2] < 1
    couples = pl.DataFrame({"together": [0.8, 0.8], "distance": [0.0, 0.0], "coherence": [1.0, 0.5]})
    assert couples.select(fit())["together"].to_list() == [0.8, 0.4]


def test_coherence_counts_the_words_the_other_side_accounts_for():
    """Every word of "libertés fondamentales" / "fundamental freedoms" translates one of the
    other side; "rights" in "rights and fundamental freedoms" translates none of the French."""
    import polars as pl

    from aligner.terms.quality import coherence_scores

    segments = [
        ("liberté fondamental", "fundamental freedom"),
        ("liberté presse", "freedom press"),
        ("droit enfant", "right child"),
        ("droit homme", "right human"),
        ("principe fondamental", "fundamental principle"),
        ("enfant presse", "child press"),
    ]
    rows = [
        (number, lang, word)
        for number, texts in enumerate(segments)
        for lang, text in zip(("fr", "en"), texts, strict=True)
        for word in text.split()
    ]
    word_rows = pl.DataFrame(
        rows, schema={"segment": pl.UInt32, "lang": pl.String, "word": pl.String}, orient="row"
    )
    couples = pl.DataFrame(
        {
            "source_key": ["liberté fondamental", "liberté fondamental"],
            "target_key": ["fundamental freedom", "right and fundamental freedom"],
        }
    )
    profiles = get_profile("fr"), get_profile("en")
    scores = coherence_scores(couples, word_rows.lazy(), "fr", "en", profiles).to_list()
    assert scores[0] == 1.0 and scores[1] < 1.0
