"""Files that mix languages: a French report whose appendix is printed in English in both
versions. The language of each block is detected, the French file is still French, it gets a
warning, and what is the same text on both sides is not written to memories unless asked."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from aligner.cli import cli
from aligner.model import SegmentPair
from aligner.pipeline import align_documents, bitext_segments, load_pair
from aligner.profiles import language_shares
from aligner.writers import write_segments

FRENCH_BODY = """Rapport sur la consultation

I. Introduction

La consultation a eu lieu du 3 mars au 30 avril 2024 et elle a réuni des représentants de
toutes les provinces.

Les participants ont examiné les propositions du groupe de travail et ils ont formulé des recommandations.

II. Annexe

"""

ENGLISH_BODY = """Report on the consultation

I. Introduction

The consultation took place from 3 March to 30 April 2024 and it brought together
representatives of all the provinces.

The participants examined the proposals of the working group and they made recommendations to the minister.

II. Appendix

"""

# Printed in English in both versions, as a quoted submission would be.
APPENDIX = """The submission of the association is reproduced here as it was received by the secretariat.

The association asks that the working group consider the needs of the small businesses
that are in the regions.

It also asks that the timetable of the consultation be extended by three months for all the participants.

The association thanks the members of the working group for the work that they have done in the past year.

It is ready to take part in the next phase of the consultation and to share the results of its own survey.
"""


def write_pair(folder: Path) -> tuple[Path, Path]:
    french, english = folder / "fr.txt", folder / "en.txt"
    french.write_text(FRENCH_BODY + APPENDIX, encoding="utf-8")
    english.write_text(ENGLISH_BODY + APPENDIX, encoding="utf-8")
    return french, english


def test_language_shares_per_block() -> None:
    french = "La consultation a eu lieu du 3 mars au 30 avril et elle a réuni des représentants."
    english = "The consultation took place in March and it brought together the representatives."
    shares = language_shares([french, english, english, "Annexe"])
    assert shares["en"] > shares["fr"] > 0.2
    assert sum(shares.values()) < 1  # "Annexe" alone is too short to tell


def test_french_file_with_an_english_appendix_stays_french_and_is_warned_about(tmp_path: Path) -> None:
    french, english = load_pair(*write_pair(tmp_path))
    assert (french.language.code, english.language.code) == ("fr", "en")
    assert len(french.warnings) == 1 and "English" in french.warnings[0] and "\n" not in french.warnings[0]
    assert english.warnings == []


def test_identical_segments_are_left_out_of_memories_unless_asked(tmp_path: Path) -> None:
    french, english = load_pair(*write_pair(tmp_path))
    segments = list(bitext_segments(align_documents(french, english)))
    identical = [pair for pair in segments if pair.source == pair.target]
    assert len(identical) >= 5
    report = write_segments(segments, tmp_path / "memory.tmx")
    assert report.identical_left_out == len(identical)
    assert "the same on both sides left out" in report.summary()
    sources = [seg.text for seg in etree.parse(str(tmp_path / "memory.tmx")).iter("seg")]
    assert not any(pair.source in sources for pair in identical)
    kept = write_segments(segments, tmp_path / "all.tsv", keep_identical=True)
    assert kept.identical_left_out == 0 and kept.units_written == report.units_written + len(identical)


def test_spacing_alone_does_not_make_a_translation(tmp_path: Path) -> None:
    pairs = [SegmentPair("Annex  B", "Annex B"), SegmentPair("Annexe B", "Annex B")]
    report = write_segments(pairs, tmp_path / "m.tsv")
    assert (report.units_written, report.identical_left_out) == (1, 1)


def test_align_command_warns_and_has_keep_identical(tmp_path: Path) -> None:
    french, english = write_pair(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["align", str(french), str(english), "-o", str(tmp_path / "m.tmx")])
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr and "left out" in result.stderr
    kept = runner.invoke(
        cli, ["align", str(french), str(english), "-o", str(tmp_path / "k.tmx"), "--keep-identical"]
    )
    assert kept.exit_code == 0
    units = len(list(etree.parse(str(tmp_path / "m.tmx")).iter("tu")))
    assert len(list(etree.parse(str(tmp_path / "k.tmx")).iter("tu"))) > units
