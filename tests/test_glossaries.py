"""Term tables that CAT and terminology tools load as they are: OmegaT's own glossary readers
(GlossaryReaderTBX, GlossaryReaderTSV from OmegaT.jar) on our TBX and tab glossary of
A/74/400, OmegaT's TBX schema, a CSV that Excel decodes, an XLSX laid out for reading, and
the terms command's filters."""

from __future__ import annotations

import csv
import os
import subprocess
import zipfile
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner
from lxml import etree
from omegat_support import OMEGAT_JAR, missing_reason

from aligner.cli import cli
from aligner.pipeline import align_files, bitext_segments
from aligner.terms import example_texts, extract_terms, glossary, write_terms

PROBE = Path(__file__).parent / "java" / "GlossaryProbe.java"
needs_omegat = pytest.mark.skipif(missing_reason() is not None, reason=str(missing_reason()))


@pytest.fixture(scope="module")
def un_terms(un_pair: tuple[Path, Path]) -> tuple[pl.DataFrame, list]:
    pairs = list(bitext_segments(align_files(*un_pair)))
    return extract_terms(pairs), pairs


def probe(kind: str, path: Path, tmp_path: Path) -> list[tuple[str, str, str]]:
    """What OmegaT's reader of ``kind`` (tbx, tsv) makes of ``path`` in a French -> English
    project: (source, target, comment) per entry."""
    home = tmp_path / "java-home"
    home.mkdir(exist_ok=True)
    java = ["java", f"-Duser.home={home}", "-Djava.awt.headless=true", "-cp", str(OMEGAT_JAR), str(PROBE)]
    result = subprocess.run(
        [*java, kind, str(path), "fr-FR", "en-GB"],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "HOME": str(home)},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    entries = []
    for line in result.stdout.splitlines():
        source, target, comment = line.split("\t")
        entries.append(
            tuple(field.replace("\\t", "\t").replace("\\n", "\n") for field in (source, target, comment))
        )
    return entries


@needs_omegat
@pytest.mark.parametrize("name", ["terms.tbx", "terms.utf8", "terms.txt"])
def test_omegat_reads_every_entry_with_its_french_and_english(tmp_path: Path, un_terms, name: str) -> None:
    table, pairs = un_terms
    path = tmp_path / name
    write_terms(table, path, pairs)
    entries = probe("tbx" if name.endswith(".tbx") else "tsv", path, tmp_path)
    expected = list(zip(table["source_term"], table["target_term"], strict=True))
    assert len(expected) > 500
    assert [(source, target) for source, target, _ in entries] == expected
    # Every comment gives the counts and the example sentence pair of the glossary entry.
    terms = glossary(table, {}).entries
    for (_, _, comment), entry in zip(entries, terms, strict=True):
        assert f"{entry.cooccurrences} segments together" in comment


@needs_omegat
def test_omegat_shows_the_example_sentences_as_context(tmp_path: Path, un_terms) -> None:
    table, pairs = un_terms
    head = table.head(20)
    path = tmp_path / "terms.tbx"
    write_terms(head, path, pairs)
    entries = glossary(head, example_texts(head, pairs)).entries
    for (_, _, comment), entry in zip(probe("tbx", path, tmp_path), entries, strict=True):
        contexts = [line for line in comment.splitlines() if line.startswith("context: ")]
        assert contexts == [f"context: {entry.example_source}", f"context: {entry.example_target}"]
        assert entry.example_source and entry.example_target


def test_tbx_basic_is_valid_for_omegat_schema_and_tbx3_is_kept(tmp_path: Path, un_terms) -> None:
    table, pairs = un_terms
    if not OMEGAT_JAR.is_file():
        pytest.skip(f"OmegaT's TBX schema unavailable: {OMEGAT_JAR} not found (apt-get install omegat)")
    schemas = tmp_path / "schemas"
    with zipfile.ZipFile(OMEGAT_JAR) as jar:
        for member in ("schemas/tbx.xsd", "schemas/xml.xsd"):
            jar.extract(member, tmp_path)
    schema = etree.XMLSchema(etree.parse(str(schemas / "tbx.xsd")))
    basic, version3 = tmp_path / "terms.tbx", tmp_path / "terms3.tbx"
    write_terms(table, basic, pairs)
    write_terms(table, version3, pairs, tbx_version=3)
    tree = etree.parse(str(basic), etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False))
    assert schema.validate(tree), schema.error_log.filter_from_errors()[:3]
    assert tree.getroot().tag == "martif" and tree.getroot().get("type") == "TBX-Basic"
    assert len(tree.findall("text/body/termEntry")) == table.height
    assert not tree.findall(".//termNote[@type='partOfSpeech']"), "no part of speech is known"
    root3 = etree.parse(str(version3)).getroot()
    assert root3.tag == "{urn:iso:std:iso:30042:ed-2}tbx"
    assert len(root3.findall(".//{urn:iso:std:iso:30042:ed-2}conceptEntry")) == table.height


def test_part_of_speech_is_written_only_where_known(tmp_path: Path, un_terms) -> None:
    table, pairs = un_terms
    known = table.head(3).with_columns(pl.Series("part_of_speech", ["noun", "", None]))
    path = tmp_path / "terms.tbx"
    write_terms(known, path, pairs)
    tree = etree.parse(str(path), etree.XMLParser(load_dtd=False, no_network=True))
    notes = [
        len(entry.findall(".//termNote[@type='partOfSpeech']"))
        for entry in tree.findall("text/body/termEntry")
    ]
    assert notes == [2, 0, 0]
    write_terms(known, tmp_path / "terms.csv", pairs)
    header = (tmp_path / "terms.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "part of speech" in header


def test_csv_opens_in_excel_with_its_accents(tmp_path: Path, un_terms) -> None:
    table, pairs = un_terms
    path = tmp_path / "terms.csv"
    write_terms(table, path, pairs)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows[0][:3] == ["term (fr)", "term (en)", "segments together"]
    assert len(rows) == table.height + 1
    examples = rows[0].index("example (fr)")
    assert all(row[examples] for row in rows[1:]), "every term has its example sentence"
    assert rows[1][0] == table["source_term"][0] and "É" in data.decode("utf-8-sig")


def test_xlsx_has_widths_wrapping_a_frozen_header_and_filters(tmp_path: Path, un_terms) -> None:
    from openpyxl import load_workbook

    table, pairs = un_terms
    path = tmp_path / "terms.xlsx"
    write_terms(table, path, pairs)
    sheet = load_workbook(path)["terms"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:L{table.height + 1}"
    assert sheet["A1"].font.b and sheet["A1"].value == "term (fr)"
    assert sheet.column_dimensions["A"].width >= 30 and sheet.column_dimensions["J"].width >= 50
    assert sheet["A2"].alignment.wrap_text and sheet["J2"].alignment.wrap_text
    assert not sheet["C2"].alignment.wrap_text and isinstance(sheet["C2"].value, int)


def test_terms_command_filters_on_frequency_and_association(tmp_path: Path, un_pair) -> None:
    memory = tmp_path / "memory.tmx"
    aligned = CliRunner().invoke(cli, ["align", *map(str, un_pair), "-o", str(memory)])
    assert aligned.exit_code == 0, aligned.output
    everything, filtered = tmp_path / "all.csv", tmp_path / "filtered.csv"
    for path, options in ((everything, []), (filtered, ["--min-frequency", "5", "--min-association", "0.8"])):
        result = CliRunner().invoke(cli, ["terms", str(memory), "-o", str(path), *options])
        assert result.exit_code == 0, result.output
    full, kept = (pl.read_csv(path, encoding="utf8-lossy") for path in (everything, filtered))
    assert 0 < kept.height < full.height
    assert kept["segments together"].min() >= 5 and kept["Dice"].min() >= 0.8
    refused = CliRunner().invoke(cli, ["terms", str(memory), "-o", str(path), "--min-association", "2"])
    assert refused.exit_code == 2
