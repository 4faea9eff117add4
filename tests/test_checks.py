"""Consistency checks: planted errors found, clean pair quiet, reports safe, glossary hardened."""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import replace
from pathlib import Path

import click
import polars as pl
import pytest
from click.testing import CliRunner

from aligner.checks import run_checks
from aligner.checks.glossary import Glossary, GlossaryEntry, load_glossary
from aligner.checks.numbers import number_tokens
from aligner.checks.report import write_report
from aligner.checks.term_consistency import ConsistencyOptions, blanked, short_forms, usual_renderings
from aligner.checks.typography import problems
from aligner.cli import AlignerGroup
from aligner.cli import check as check_cli
from aligner.errors import InputError
from aligner.model import SegmentPair
from aligner.profiles import get_profile
from aligner.quantities import numbers
from aligner.terms import TermIndex
from aligner.terms.pairs import load_pairs
from aligner.terms.text import strip_markup


@pytest.fixture(scope="module")
def gold(corpora: Path) -> list[SegmentPair]:
    pairs = load_pairs([corpora / "un-a74400" / "gold.jsonl"])
    return [
        replace(p, source=strip_markup(p.source), target=strip_markup(p.target), tuid=f"bead:{i}")
        for i, p in enumerate(pairs)
    ]


@pytest.fixture(scope="module")
def clean_findings(gold):
    return run_checks(gold)


def _replace_first(pairs: list[SegmentPair], needle: str, replacement: str, used: set[int]) -> int:
    for index, pair in enumerate(pairs):
        if index not in used and needle in pair.target:
            pairs[index] = replace(pair, target=pair.target.replace(needle, replacement, 1))
            used.add(index)
            return index
    raise AssertionError(f"nothing to plant: {needle!r}")


def _plant(gold: list[SegmentPair]) -> tuple[list[SegmentPair], list[tuple[int, str]]]:
    """30 known errors in a copy of the English side: (pair index, check expected)."""
    pairs = list(gold)
    used: set[int] = set()
    planted: list[tuple[int, str]] = []
    edits = [
        ("2019/16", "2019/61", "symbols"),
        ("A/C.3/74/L.2", "A/C.3/74/L.3", "symbols"),
        ("A/74/125", "A/74/152", "symbols"),
        ("A/C.3/74/SR.44", "A/C.3/74/SR.45", "symbols"),
        ("70/1", "71/1", "symbols"),
        ("2019/17", "2019/71", "symbols"),
        ("20 September 2019", "21 September 2019", "numbers"),
        ("3 October", "4 October", "numbers"),
        ("seventy-fourth", "seventy-third", "numbers"),
        ("Thirteenth", "Fourteenth", "numbers"),
        ("para. 29", "para. 28", "numbers"),
        ("44th", "45th", "numbers"),
        ("1 December", "10 December", "numbers"),
        ("5 November", "6 November", "numbers"),
        ("ninth session", "tenth session", "numbers"),
        ("¹", "", "footnotes"),
        ("²", "", "footnotes"),
        ("³", "⁴", "footnotes"),
        ("⁵", "", "footnotes"),
        ("⁶", "⁸", "footnotes"),
        ("trafficking in persons", "human trafficking", "term-consistency"),
        ("criminal justice", "penal justice", "term-consistency"),
        ("transnational organized crime", "cross-border organised criminality", "term-consistency"),
        ("technical assistance", "technical aid", "term-consistency"),
        ("international cooperation", "global collaboration", "term-consistency"),
    ]
    for needle, replacement, check in edits:
        planted.append((_replace_first(pairs, needle, replacement, used), check))
    for index in (40, 120, 200, 300, 400):
        while index in used or len(pairs[index].source.split()) < 8:
            index += 1
        pairs[index] = replace(pairs[index], target=pairs[index].source)
        used.add(index)
        planted.append((index, "untranslated"))
    return pairs, planted


def test_planted_errors_are_found(gold, clean_findings):
    pairs, planted = _plant(gold)
    clean = {(f.key, f.check) for f in clean_findings}
    found = {(f.key, f.check) for f in run_checks(pairs)} - clean
    hits = [(index, check) for index, check in planted if (pairs[index].tuid, check) in found]
    missed = [(index, check) for index, check in planted if (index, check) not in hits]
    assert len(planted) == 30
    assert len(hits) >= 29, f"missed: {missed}"


def test_clean_pair_is_quiet(clean_findings):
    # Printed for inspection with -s; see the report for which of these are real.
    for finding in clean_findings:
        print(finding.check, finding.key, finding.detail)
    assert len(clean_findings) <= 8
    assert not [f for f in clean_findings if f.check in ("symbols", "footnotes", "untranslated")]


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("le 1er décembre 1950", "on 1 December 1950"),
        ("2 225 personnes", "2,225 persons"),
        ("1,5 %", "1.5 per cent"),
        ("soixante-quatorzième session", "seventy-fourth session"),
        ("les deux premiers jours", "the first two days"),
        ("Cible 16.2", "Target 16.2"),
        ("quatre-vingt-dix-neuf", "ninety-nine"),
        ("à 10 h 15", "at 10.15 a.m."),
        ("à 18 heures", "at 6 p.m."),
        ("À 3 h 00 et à midi", "At 0300 and at noon"),
        ("du XXIe siècle", "of the twenty-first century"),
        ("une vingtaine d'experts", "about 20 experts"),
        ("les deux tiers", "two-thirds"),
        ("les années 1990", "the 1990s"),
        ("2015\u20132030", "2015-2030"),
        ("10 millions de dollars, un million de personnes", "USD 10 million, 1 million people"),
        ("50 %", "50 per cent"),
        ("100 pour cent et un taux de 80 %", "100 per cent and a rate of 80 per cent"),
        ("2\u202f225 et 3\u00a0000", "2,225 and 3,000"),
        ("une déclaration en 10 points", "a 10point declaration"),
        ("les deux parties, deux fois plus", "both sides, twice as many"),
        ("le Comité consultatif3 et les Règles (Bangkok)16", "the Advisory Committee and the Rules"),
        ("près du baril 59 et 1,5 million d'euros", "near B59 and Euro1.5 million"),
        ("du 1er au 4 juillet", "from 1 to 4 July"),
    ],
)
def test_numbers_fold_conventions(french, english):
    assert sorted(numbers(french, get_profile("fr"))) == sorted(numbers(english, get_profile("en")))


def test_numbers_differ_when_they_should():
    assert sorted(numbers("2 225", get_profile("fr"))) != sorted(numbers("2,252", get_profile("en")))
    assert numbers("1 731,3 millions", get_profile("fr")) != numbers("$1,731.5 million", get_profile("en"))
    assert numbers("à 10 h 5", get_profile("fr")) != numbers("at 10.07 a.m.", get_profile("en"))
    assert numbers("both in Geneva and in New York", get_profile("en")) == []


def test_number_check_leaves_structure_out():
    fr, en = get_profile("fr"), get_profile("en")
    assert number_tokens("12. Le Comité siège.", fr) == number_tokens("The Committee sits.", en) == set()
    assert number_tokens("19.25 The Committee sits.", en) == number_tokens("6 Il est entendu.", fr) == set()
    assert number_tokens("3 December 2014", en) == {"date:2014-12-03"}
    assert number_tokens("Second, the group met.", en) == number_tokens("Ensuite, le groupe s'est réuni.", fr)
    assert number_tokens(unicodedata.normalize("NFD", "un travail décent et un salaire"), fr) == set()


def test_number_check_reads_each_side_as_a_set_with_the_other_sides_years():
    pairs = [
        SegmentPair(
            "Un montant de 5 819 000 dollars, soit 5 819 000 dollars.",
            "An amount of $5,819,000, the same amount.",
        ),
        SegmentPair(
            "Entre le 1er janvier et le 31 décembre 1994.", "Between 1 January 1994 and 31 December 1994."
        ),
        SegmentPair("En 2013, le décret du 12 décembre.", "The decree of 12 December 2013."),
        SegmentPair("Réunie du 14 au 18 mars 2014.", "Met from 14 to 18 March 2015."),
    ]
    findings = run_checks(pairs, only=["numbers"], source_lang="fr")
    assert [finding.key for finding in findings] == ["#4"]


def test_a_usual_rendering_goes_with_its_term_where_the_term_stands_alone():
    def usual(
        together: int,
        alone: int,
        nested_without: int = 0,
        dice: float = 0.9,
        coherence: float = 1.0,
        terms: bool = True,
    ) -> bool:
        """The source term alone in ``alone`` segments, the rendering in ``together`` of
        them; inside a longer term, without the rendering, in ``nested_without`` more."""
        table = pl.DataFrame(
            {
                "source_key": ["plan de travail"],
                "target_key": ["work plan"],
                "source_term": ["plan de travail"],
                "target_term": ["work plan"],
                "dice": [dice],
                "coherence": [coherence],
                "terms": [terms],
            }
        )
        rows = [(segment, "fr", "plan de travail", True, 1) for segment in range(alone)]
        rows += [(segment, "en", "work plan", True, 1) for segment in range(together)]
        rows += [(alone + i, "fr", "plan de travail", False, 1) for i in range(nested_without)]
        schema = {"segment": pl.UInt32, "lang": pl.String, "key": pl.String, "independent": pl.Boolean}
        occurrences = pl.DataFrame(rows, schema={**schema, "count": pl.UInt32}, orient="row")
        index = TermIndex(table, occurrences, "fr", "en")
        return usual_renderings(index, ConsistencyOptions()).height == 1

    assert usual(11, 12)
    assert usual(12, 12)  # used everywhere: usual, with nothing to report
    assert usual(12, 12, nested_without=6)  # inside a longer term, another rendering may hold
    assert not usual(6, 12)  # half the time: no usual rendering
    assert not usual(11, 12, dice=0.5)  # the target term goes with much else
    assert not usual(2, 3)  # too few to tell
    assert not usual(11, 12, coherence=0.5)  # its words do not translate each other
    assert not usual(11, 12, terms=False)  # one side is only seen inside a longer term


def test_a_name_is_held_to_its_wording_though_its_words_do_not_translate_one_by_one():
    def usual(source: str, target: str) -> bool:
        """Is a pair whose words translate each other only in part (coherence 0.75) the usual
        rendering of its source term, found with it in 11 of 12 segments?"""
        source_key, target_key = source.lower(), target.lower()
        table = pl.DataFrame(
            {
                "source_key": [source_key],
                "target_key": [target_key],
                "source_term": [source],
                "target_term": [target],
                "dice": [0.95],
                "coherence": [0.75],
                "terms": [True],
            }
        )
        rows = [(segment, "fr", source_key, True, 1) for segment in range(12)]
        rows += [(segment, "en", target_key, True, 1) for segment in range(11)]
        schema = {"segment": pl.UInt32, "lang": pl.String, "key": pl.String, "independent": pl.Boolean}
        occurrences = pl.DataFrame(rows, schema={**schema, "count": pl.UInt32}, orient="row")
        return usual_renderings(TermIndex(table, occurrences, "fr", "en"), ConsistencyOptions()).height == 1

    assert usual(
        "Programme de développement durable à l'horizon 2030", "2030 Agenda for Sustainable Development"
    )
    assert not usual("libertés fondamentales", "rights and fundamental freedoms")
    assert not usual("Conseil de sécurité", "security")  # one opens with a capital, no name on either side


def test_one_off_renderings_are_reported_with_what_stands_instead():
    # Six different sentences: were they one sentence six times, every word would go with every
    # other as well, and nothing would say which words translate "États" and "Membres".
    french = [
        *(f"Les États Membres ont {verb}." for verb in ("renforcé la justice pénale", "adopté des lois")),
        *(f"Les États Membres ont {verb}." for verb in ("financé des programmes", "formé des juges")),
        *(f"Les États Membres ont {verb}." for verb in ("protégé les victimes", "ratifié la Convention")),
        "Les États Membres ont agi.",
    ]
    english = [
        *(f"Member States have {verb}." for verb in ("strengthened criminal justice", "adopted laws")),
        *(f"Member States have {verb}." for verb in ("funded programmes", "trained judges")),
        *(f"Member States have {verb}." for verb in ("protected victims", "ratified the Convention")),
        "Member countries have acted.",
    ]
    pairs = [
        SegmentPair(f, e, "fr", "en", tuid=f"t{i}")
        for i, (f, e) in enumerate(zip(french, english, strict=True))
    ]
    findings = run_checks(pairs, only=["term-consistency"])
    assert [f.key for f in findings] == ["t6"]
    assert "“Member States”" in findings[0].detail and "“Member countries” here" in findings[0].detail
    variant = [*pairs[:6], SegmentPair(french[6], "The member-states have acted.", "fr", "en", tuid="t6")]
    assert not run_checks(variant, only=["term-consistency"])


def _member_state_pairs(last_french: str, last_english: str) -> list[SegmentPair]:
    """Six segments rendering "États Membres" as "Member States", then one to judge."""
    verbs = (
        ("renforcé la justice pénale", "strengthened criminal justice"),
        ("adopté des lois", "adopted laws"),
        ("financé des programmes", "funded programmes"),
        ("formé des juges", "trained judges"),
        ("protégé les victimes", "protected victims"),
        ("ratifié la Convention", "ratified the Convention"),
    )
    french = [f"Les États Membres ont {fr}." for fr, _ in verbs] + [last_french]
    english = [f"Member States have {en}." for _, en in verbs] + [last_english]
    return [
        SegmentPair(f, e, "fr", "en", tuid=f"t{i}")
        for i, (f, e) in enumerate(zip(french, english, strict=True))
    ]


def test_a_term_used_twice_and_rendered_once_reports_the_other_rendering():
    pairs = _member_state_pairs(
        "Les États Membres ont agi et les États Membres ont voté.",
        "Member States have acted and member countries have voted.",
    )
    findings = run_checks(pairs, only=["term-consistency"])
    assert [f.key for f in findings] == ["t6"]
    assert (
        "“member countries” here" in findings[0].detail and "elsewhere in the segment" in findings[0].detail
    )
    # The second mention shortened or left out is how repetition is written, and a word
    # sharing only a stem with the rendering ("membership") is none of it: no finding.
    for english in (
        "Member States have acted and they have voted.",
        "Member States have acted and voted.",
        "Member States have acted and membership bodies have voted.",
    ):
        quiet = _member_state_pairs("Les États Membres ont agi et les États Membres ont voté.", english)
        assert not run_checks(quiet, only=["term-consistency"]), english


def test_blanked_sets_aside_the_renderings_found_word_for_word():
    words = ["member", "state", "have", "acted", "and", "member", "state", "voted"]
    assert blanked(words, ["member", "state"], 1) == ["", "have", "acted", "and", "member", "state", "voted"]
    assert blanked(words, ["member", "state"], 2) == ["", "have", "acted", "and", "", "voted"]
    assert blanked(words, ["member", "state"], 0) == words


def test_a_short_form_counts_only_beyond_the_source_own_short_forms():
    french, english = get_profile("fr"), get_profile("en")
    # "the facility" (head alone after an article) is a short form; "nuclear facility" is not.
    assert (
        short_forms(
            ["nuclear", "facility"], ["the", "facility", "and", "the", "nuclear", "facility"], english
        )
        == 1
    )
    # French puts the head first: "l'installation nucléaire" is the term, "l'installation" a short form.
    words = ["l'", "installation", "nucléaire", "et", "l'", "installation"]
    assert short_forms(["installation", "nucléaire"], words, french) == 1
    assert short_forms(["facility"], ["the", "facility"], english) == 0


def test_a_sentence_copied_whole_is_untranslated_by_its_elided_function_words_too():
    # Only one full function word ("de"); "l'" and "d'" are function words too.
    text = "Revoir l'inventaire afin d'y intégrer chaque changement survenu lors de l'audit;"
    findings = run_checks([SegmentPair(text, text, "fr", "en", tuid="t0")], only=["untranslated"])
    assert [f.detail for f in findings] == ["target identical to source"]
    # A name the same in both languages is no untranslated text.
    assert not run_checks([SegmentPair("Côte d'Ivoire", "Côte d'Ivoire", "fr", "en")], only=["untranslated"])


def test_a_passage_left_in_the_source_language_is_untranslated():
    source = (
        "Le Conseil a adopté la résolution sur la prévention du crime et la justice pénale dans le monde."
    )
    half = (
        "At its meeting in Vienna on that day, the Council adopted by consensus and without a vote the "
        "resolution that its members had prepared, "
        "sur la prévention du crime et la justice pénale dans le monde."
    )
    pairs = [SegmentPair(source, half, "fr", "en", tuid="t0")]
    findings = run_checks(pairs, only=["untranslated"])
    assert findings and "passage" in findings[0].detail
    clean = [
        SegmentPair(
            source, "The Council adopted the resolution on crime prevention and criminal justice.", "fr", "en"
        )
    ]
    assert not run_checks(clean, only=["untranslated"])


def test_french_typography():
    assert problems("Il dit\u00a0: « oui\u00a0» ; non !") == [
        "ordinary space before “!” (a non-breaking space is expected)",
        "ordinary space before “;” (a non-breaking space is expected)",
        "no non-breaking space after «",
    ]
    assert problems("Il dit\u202f: «\u00a0oui\u00a0»\u202f; à 10:30") == []
    assert problems("Voir:") == ["no space before “:”"]


def test_glossary_missing_and_forbidden():
    glossary = Glossary(
        (GlossaryEntry("traite des personnes", ("trafficking in persons",), ("human trafficking",)),)
    )
    pairs = [
        SegmentPair("La traite des personnes augmente.", "Trafficking in persons is rising."),
        SegmentPair("La traite des personnes augmente.", "Human trafficking is rising."),
    ]
    details = [f.detail for f in run_checks(pairs, only=["glossary"], glossary=glossary)]
    assert len(details) == 2 and all(
        f.key == "#2" for f in run_checks(pairs, only=["glossary"], glossary=glossary)
    )
    assert "forbidden" in details[1]


def test_glossary_files(tmp_path):
    tsv = tmp_path / "g.tsv"
    tsv.write_text(
        "source\tapproved\tforbidden\njustice pénale\tcriminal justice|penal justice\tjustice criminelle\n",
        encoding="utf-8",
    )
    assert load_glossary(tsv, "fr", "en").entries[0].approved == ("criminal justice", "penal justice")
    tbx = tmp_path / "g.tbx"
    tbx.write_text(
        '<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca"><text><body>'
        '<conceptEntry id="c1"><langSec xml:lang="fr"><termSec><term>état de droit</term></termSec></langSec>'
        '<langSec xml:lang="en"><termSec><term>rule of law</term></termSec><termSec><term>state of law</term>'
        '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec>'
        "</conceptEntry></body></text></tbx>",
        encoding="utf-8",
    )
    entry = load_glossary(tbx, "fr", "en").entries[0]
    assert (entry.source, entry.approved, entry.forbidden) == (
        "état de droit",
        ("rule of law",),
        ("state of law",),
    )


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE tbx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
    ],
)
def test_hostile_tbx_refused_in_one_line(tmp_path, doctype):
    path = tmp_path / "evil.tbx"
    path.write_text(
        f'<?xml version="1.0"?>{doctype}<tbx><text><body><conceptEntry><langSec xml:lang="fr"><termSec>'
        "<term>&c;</term></termSec></langSec></conceptEntry></body></text></tbx>".replace(
            "&c;", "&xxe;" if "xxe" in doctype else "&c;"
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as error:
        load_glossary(path, "fr", "en")
    assert "\n" not in str(error.value) and "entit" in str(error.value)


def test_reports_escape_html_and_neutralise_formulas(tmp_path):
    pairs = [SegmentPair('=HYPERLINK("http://x") 12', "<script>alert(1)</script> 13", tuid="@tu")]
    findings = run_checks(pairs, only=["numbers"])
    html_path, csv_path = tmp_path / "r.html", tmp_path / "r.csv"
    write_report(findings, html_path, ["numbers"])
    write_report(findings, csv_path, ["numbers"])
    write_report(findings, tmp_path / "r.xlsx", ["numbers"])
    page = html_path.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page
    rows = list(csv.reader(csv_path.open(encoding="utf-8")))
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert "'=HYPERLINK" in rows[1][3] and rows[1][2] == "'@tu"
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "r.xlsx")["findings"]
    assert sheet.cell(row=2, column=4).data_type == "s" and sheet.cell(row=2, column=4).value.startswith("'=")


def _group() -> click.Group:
    @click.group(cls=AlignerGroup)
    def group() -> None:
        """Test group."""

    check_cli.register(group)
    return group


def test_check_command_fail_on_and_skip(tmp_path):
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(
        "La résolution 70/1 du 25 septembre 2015.\tResolution 70/2 of 25 September 2015.\n", encoding="utf-8"
    )
    runner = CliRunner()
    failed = runner.invoke(
        _group(),
        [
            "check",
            str(pairs),
            "-o",
            str(tmp_path / "r.csv"),
            "--source-lang",
            "fr",
            "--target-lang",
            "en",
            "--fail-on",
            "symbols",
        ],
    )
    assert failed.exit_code == 1
    skipped = runner.invoke(
        _group(),
        [
            "check",
            str(pairs),
            "-o",
            str(tmp_path / "r.html"),
            "--source-lang",
            "fr",
            "--target-lang",
            "en",
            "--skip",
            "symbols",
            "--fail-on",
            "symbols",
        ],
    )
    assert skipped.exit_code == 0 and (tmp_path / "r.html").exists()
    unknown = runner.invoke(
        _group(), ["check", str(pairs), "-o", str(tmp_path / "r.html"), "--checks", "nope"]
    )
    assert unknown.exit_code == 2 and "unknown check" in unknown.output


def test_omegat_glossaries_read_as_omegat_reads_them(tmp_path):
    """The third column of an OmegaT glossary is a comment, "#" lines are comments, a line
    without a target is a note, and several lines of one source term are its renderings."""
    lines = (
        "# made by hand\n"
        "justice pénale\tcriminal justice\tnot penal justice\n"
        "justice pénale\tjustice\n"
        "traite des personnes\t\tto be decided\n"
        "État membre\tMember State\n"
    )
    for name, encoding in (("g.txt", "utf-8-sig"), ("g.utf8", "utf-8"), ("g.tab", "utf-8")):
        path = tmp_path / name
        path.write_text(lines, encoding=encoding)
        entries = load_glossary(path, "fr", "en").entries
        assert [(e.source, e.approved, e.forbidden) for e in entries] == [
            ("justice pénale", ("criminal justice", "justice"), ()),
            ("État membre", ("Member State",), ()),
        ]
    pairs = [SegmentPair("La justice pénale.", "Not penal justice: criminal justice.")]
    glossary = load_glossary(tmp_path / "g.utf8", "fr", "en")
    assert not list(run_checks(pairs, only=["glossary"], glossary=glossary))
    empty = tmp_path / "empty.utf8"
    empty.write_text("# nothing\nterme\t\tcomment\n", encoding="utf-8")
    with pytest.raises(InputError, match="no entry with a target term"):
        load_glossary(empty, "fr", "en")


def test_term_tables_load_as_glossaries(tmp_path):
    """A term table written by ``aligner terms`` (CSV or OmegaT) is a glossary of its pairs."""
    from aligner.terms import extract_terms
    from aligner.terms.writers import write_terms

    pairs = [
        SegmentPair(
            f"La justice pénale {n} protège les victimes de la traite.",
            f"Criminal justice {n} protects victims of trafficking.",
        )
        for n in range(6)
    ]
    table = extract_terms(pairs, source_lang="fr")
    expected = set(table.select("source_term", "target_term").iter_rows())
    assert ("victimes de la traite", "victims of trafficking") in expected
    for name in ("terms.csv", "terms.utf8"):
        write_terms(table, tmp_path / name, pairs)
        entries = load_glossary(tmp_path / name, "fr", "en").entries
        assert {(e.source, e.approved[0]) for e in entries} == expected
        assert all(len(e.approved) == 1 and not e.forbidden for e in entries)


def test_the_date_linkers_of_a_language_may_stand_before_its_month_and_year() -> None:
    """A language that writes "5 de junio de 2020" lists "de" as a date linker: the date is
    read as "5 June 2020" is (a copy of the English profile with a linker shows it)."""
    english = get_profile("en")
    linked = replace(english, code="en-linked", date_linkers=frozenset({"of"}))
    assert number_tokens("the 5th of June of 2020", linked) == number_tokens("5 June 2020", english)
    assert number_tokens("June of 2020", linked) == number_tokens("June 2020", english)
    assert "date:2020-06-05" not in number_tokens("the 5th of June of 2020", english)
