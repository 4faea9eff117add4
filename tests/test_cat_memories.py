"""Memories shaped as CAT tools segment: labels (paragraph numbers, list letters, footnote
numbers) placed by the writers, locales from the document's origin, per-unit metadata."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tmx_support import assert_valid_tmx, load_tmx_dtd

from aligner.errors import AlignerError
from aligner.model import SegmentPair
from aligner.pipeline import align_files, bitext_segments, document_locale, load_document, paragraph_segments
from aligner.profiles import get_profile
from aligner.writers import write_segments
from aligner.writers.common import memory_language
from aligner.writers.tmx import write_tmx
from aligner.writers.tsv import write_tsv

CREATED = datetime(2024, 3, 5, 14, 7, 9, tzinfo=UTC)


@pytest.fixture(scope="module")
def dtd():
    return load_tmx_dtd()


def labelled_pairs() -> list[SegmentPair]:
    """An operative paragraph (its label ends in a full stop), a list item ("a)" in French,
    "(a)" in English), a footnote (whose text comes without its number), and a second
    paragraph numbered 12 (same label pair) in another resolution."""
    return [
        SegmentPair(
            "12. Prie le Secrétaire général de faire rapport.",
            "12. Requests the Secretary-General to report.",
            key="res:I/op:12",
            document="A/1",
            source_label="12.",
            target_label="12.",
        ),
        SegmentPair(
            "a) Rapport du Secrétaire général ;",
            "(a) Report of the Secretary-General;",
            key="res:I/op:12/a",
            document="A/1",
            source_label="a)",
            target_label="(a)",
        ),
        SegmentPair(
            "Voir A/74/125.",
            "See A/74/125.",
            key="res:I/fn:3",
            document="A/1",
            source_label="³",
            target_label="³",
        ),
        SegmentPair(
            "12. Décide de rester saisi de la question.",
            "12. Decides to remain seized of the matter.",
            key="res:II/op:12",
            document="A/1",
            source_label="12.",
            target_label="12.",
        ),
        SegmentPair("Il décide aussi.", "It also decides.", key="res:II/op:12", document="A/1"),
    ]


def tmx_units(path: Path, dtd) -> list[tuple[str, str]]:
    tree = assert_valid_tmx(path, dtd)
    return [
        tuple("".join(tuv.find("seg").itertext()) for tuv in tu.findall("tuv"))
        for tu in tree.getroot().findall("body/tu")
    ]


def test_auto_labels_make_full_stop_labels_units_and_keep_the_others_in_the_text(tmp_path: Path, dtd) -> None:
    path = tmp_path / "memory.tmx"
    report = write_tmx(labelled_pairs(), path)
    assert tmx_units(path, dtd) == [
        ("12.", "12."),
        ("Prie le Secrétaire général de faire rapport.", "Requests the Secretary-General to report."),
        ("a) Rapport du Secrétaire général ;", "(a) Report of the Secretary-General;"),
        ("³ Voir A/74/125.", "³ See A/74/125."),
        ("Décide de rester saisi de la question.", "Decides to remain seized of the matter."),
        ("Il décide aussi.", "It also decides."),
    ]
    assert (report.units_written, report.label_units) == (6, 1)
    tree = assert_valid_tmx(path, dtd)
    label = tree.getroot().find("body/tu")
    assert label.get("tuid") == "A/1:res:I/op:12:1:label"
    assert {prop.get("type"): prop.text for prop in label.findall("prop")}["x-link-type"] == "label"


PRIE = ("Prie le Secrétaire général de faire rapport.", "Requests the Secretary-General to report.")
RAPPORT = ("Rapport du Secrétaire général ;", "Report of the Secretary-General;")
VOIR = ("Voir A/74/125.", "See A/74/125.")


def labelled(label: tuple[str, str], unit: tuple[str, str]) -> tuple[str, str]:
    return (f"{label[0]} {unit[0]}", f"{label[1]} {unit[1]}")


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("unit", [("12.", "12."), PRIE, ("a)", "(a)"), RAPPORT, ("³", "³"), VOIR]),
        (
            "text",
            [labelled(("12.", "12."), PRIE), labelled(("a)", "(a)"), RAPPORT), labelled(("³", "³"), VOIR)],
        ),
        ("omit", [PRIE, RAPPORT, VOIR]),
        ("keep", [labelled(("12.", "12."), PRIE), labelled(("a)", "(a)"), RAPPORT), VOIR]),
    ],
)
def test_each_label_mode_places_the_labels(tmp_path: Path, dtd, mode: str, expected: list) -> None:
    path = tmp_path / "memory.tmx"
    write_tmx(labelled_pairs()[:3], path, labels=mode)
    assert tmx_units(path, dtd) == expected


def test_labels_as_tags_are_placeholders_a_tool_can_drop(tmp_path: Path, dtd) -> None:
    """``<ph type="x-label">`` holds the label and the space after it: a tool that reads
    inline codes sees the label, one that drops them (OmegaT's default) the bare sentence."""
    path = tmp_path / "memory.tmx"
    write_tmx(labelled_pairs()[:1], path, labels="tag")
    tree = assert_valid_tmx(path, dtd)
    seg = tree.getroot().find("body/tu/tuv/seg")
    placeholder = seg.find("ph")
    assert (seg.text, placeholder.get("type"), placeholder.get("assoc"), placeholder.text) == (
        None,
        "x-label",
        "f",
        "12. ",
    )
    assert placeholder.tail == "Prie le Secrétaire général de faire rapport."


def test_formats_without_inline_codes_refuse_labels_as_tags(tmp_path: Path) -> None:
    with pytest.raises(AlignerError, match="inline codes"):
        write_tsv(labelled_pairs(), tmp_path / "memory.tsv", labels="tag")
    with pytest.raises(AlignerError, match=r"--note does not apply to \.tsv"):
        write_segments(labelled_pairs(), tmp_path / "memory.tsv", note="draft")
    assert list(tmp_path.iterdir()) == []


def test_tsv_keeps_the_texts_unless_asked_for_cat_labels(tmp_path: Path) -> None:
    path = tmp_path / "memory.tsv"
    write_tsv(labelled_pairs()[:1], path, header=False)
    assert (
        path.read_text(encoding="utf-8-sig").split("\t")[0]
        == "12. Prie le Secrétaire général de faire rapport."
    )
    write_tsv(labelled_pairs()[:1], path, header=False, labels="auto")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert [line.split("\t")[0] for line in lines] == ["12.", "Prie le Secrétaire général de faire rapport."]


def test_units_can_carry_their_date_author_and_a_note(tmp_path: Path, dtd) -> None:
    path = tmp_path / "memory.tmx"
    write_tmx(
        labelled_pairs()[:1],
        path,
        created=CREATED,
        unit_dates=True,
        creation_id="Terminology Section",
        note="Aligned automatically; not reviewed.",
    )
    tree = assert_valid_tmx(path, dtd)
    for tu in tree.getroot().findall("body/tu"):
        assert (tu.get("creationdate"), tu.get("creationid")) == ("20240305T140709Z", "Terminology Section")
        assert [note.text for note in tu.findall("note")] == ["Aligned automatically; not reviewed."]
    write_tmx(labelled_pairs()[:1], path)
    plain = assert_valid_tmx(path, dtd).getroot().find("body/tu")
    assert (
        plain.get("creationdate") is None and plain.get("creationid") is None and plain.find("note") is None
    )
    with pytest.raises(AlignerError, match="creation id"):
        write_tmx(labelled_pairs(), tmp_path / "other.tmx", creation_id="  ")


# --- languages -------------------------------------------------------------------------------


def test_bare_codes_take_their_profile_region_and_tags_with_a_region_are_kept() -> None:
    assert [memory_language(code) for code in ("fr", "en", "fr-CA", "en_US", "de")] == [
        "fr-FR",
        "en-GB",
        "fr-CA",
        "en-US",
        "de",
    ]


def test_profiles_read_a_region_only_from_a_tag_of_their_language() -> None:
    french = get_profile("fr")
    assert [french.region_of(tag) for tag in ("fr-CA", "fr_be", "en-US", "fr", None, "fr-Latn-CH")] == [
        "CA",
        "BE",
        None,
        None,
        None,
        "CH",
    ]
    assert (french.locale(), french.locale("ca"), get_profile("en").locale()) == ("fr-FR", "fr-CA", "en-GB")


def test_canadian_documents_give_canadian_locales(corpora: Path) -> None:
    """A Justice Canada LIMS file is Canadian by its format; a Word file says so in the
    language tags it declares."""
    real = corpora / "real"
    for folder, name in (("ca-regs-SOR-2026-88", "{}.xml"), ("ca-gov-digital-rail-proposal", "{}.docx")):
        bitext = align_files(real / folder / name.format("fr"), real / folder / name.format("en"), force=True)
        first = next(bitext_segments(bitext))
        assert (first.source_lang, first.target_lang) == ("fr-CA", "en-CA"), folder


def test_documents_of_unknown_origin_get_the_profile_defaults(un_pair: tuple[Path, Path]) -> None:
    bitext = align_files(*un_pair)
    first = next(paragraph_segments(bitext))
    assert (first.source_lang, first.target_lang) == ("fr-FR", "en-GB")


def test_html_declared_region_gives_the_locale(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<html lang="fr-CA"><body><h1>Titre</h1><p>Le Conseil décide de proroger le mandat de la mission.</p>'
        "</body></html>",
        encoding="utf-8",
    )
    document = load_document(page)
    assert document.metadata["language_tags"] == "fr-CA"
    assert document_locale(document) == "fr-CA"


# --- what the pipeline gives the writers -----------------------------------------------------


def test_un_links_carry_the_labels_of_the_units_they_open(un_pair: tuple[Path, Path]) -> None:
    pairs = list(bitext_segments(align_files(*un_pair)))
    labelled = [pair for pair in pairs if pair.source_label]
    numbered = [pair for pair in labelled if re.fullmatch(r"\d+\.", pair.source_label)]
    footnotes = [pair for pair in labelled if "/fn:" in pair.key or pair.key.startswith("fn:")]
    items = [pair for pair in labelled if pair.source_label.endswith(")")]
    assert len(numbered) > 200 and len(footnotes) > 100 and len(items) >= 10
    for pair in numbered + items:
        assert pair.source.startswith(pair.source_label + " ") and pair.target.startswith(
            pair.target_label + " "
        )
    for pair in footnotes:
        assert pair.source_label == pair.target_label and not pair.source.startswith(pair.source_label)
    keys_opened = [pair.key for pair in labelled]
    assert len(keys_opened) == len(set(keys_opened)), "only the first link of a unit carries its label"


@pytest.mark.parametrize(
    "pair", ["un-a74400/{}.txt", "real/ca-gov-openfirst-ch3/{}.md", "real/ca-gov-openfirst-ch4/{}.md"]
)
def test_no_markup_is_left_in_a_segment(tmp_path: Path, corpora: Path, dtd, pair: str) -> None:
    """Markdown and the PDF conversion's links, bold, italics, headings and ``^`` superscripts
    never reach the memory."""
    path = tmp_path / "memory.tmx"
    bitext = align_files(corpora / pair.format("fr"), corpora / pair.format("en"))
    write_segments(bitext_segments(bitext), path)
    leftovers = re.compile(r"\*\*|\]\(|\^|</?[a-z]|(^|\s)\*\w|\w\*(\s|$)|^#|`")
    units = tmx_units(path, dtd)
    assert len(units) > 100
    for source, target in units:
        assert not leftovers.search(source) and not leftovers.search(target), (source, target)


def test_align_command_takes_the_memory_options(tmp_path: Path, dtd) -> None:
    from click.testing import CliRunner

    from aligner.cli import cli

    sample = Path(__file__).resolve().parents[1] / "corpora" / "sample"
    path = tmp_path / "memory.tmx"
    arguments = [
        sample / "fr.txt",
        sample / "en.txt",
        "-o",
        path,
        "--src-lang",
        "fr-CA",
        "--tgt-lang",
        "en-CA",
    ]
    options = ["--note", "not reviewed", "--creation-id", "aligner", "--unit-dates", "--labels", "omit"]
    result = CliRunner().invoke(cli, ["align", *map(str, arguments), *options])
    assert result.exit_code == 0, result.output
    tree = assert_valid_tmx(path, dtd)
    units = tree.getroot().findall("body/tu")
    assert all(tu.get("creationid") == "aligner" and tu.get("creationdate") for tu in units)
    assert all(tu.find("note").text == "not reviewed" for tu in units)
    assert not any(re.match(r"\d+\. ", "".join(tu.find("tuv/seg").itertext())) for tu in units)
    assert {tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in tree.iter("tuv")} == {
        "fr-CA",
        "en-CA",
    }
    refused = CliRunner().invoke(
        cli, ["align", *map(str, arguments[:3]), str(tmp_path / "m.tsv"), "--note", "x"]
    )
    assert refused.exit_code != 0 and "--note does not apply to .tsv files" in refused.output
