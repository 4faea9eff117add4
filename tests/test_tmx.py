"""TMX 1.4b, TSV and JSONL writers: layout, options, validity against the official DTD,
hostile text, atomic output."""

from __future__ import annotations

import csv
import json
import re
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from tmx_support import XML_LANG, assert_valid_tmx, load_tmx_dtd, sample_pairs

from aligner.errors import AlignerError
from aligner.memories import read_memory
from aligner.model import SegmentPair
from aligner.writers import write_segments
from aligner.writers.common import XML_FORBIDDEN
from aligner.writers.jsonl import write_jsonl
from aligner.writers.tmx import write_tmx
from aligner.writers.tsv import write_tsv

CREATED = datetime(2024, 3, 5, 14, 7, 9, tzinfo=UTC)


@pytest.fixture(scope="module")
def dtd():
    return load_tmx_dtd()


def units(tree) -> list:
    return tree.getroot().findall("body/tu")


def props_of(tu) -> dict[str, str]:
    return {prop.get("type"): prop.text for prop in tu.findall("prop")}


def segments_of(tu) -> dict[str, str]:
    return {tuv.get(XML_LANG): "".join(tuv.find("seg").itertext()) for tuv in tu.findall("tuv")}


# --- TMX layout -------------------------------------------------------------------------


def test_header_carries_every_required_attribute(tmp_path: Path, dtd) -> None:
    path = tmp_path / "memory.tmx"
    write_tmx(sample_pairs(), path, created=CREATED)
    tree = assert_valid_tmx(path, dtd)
    assert tree.docinfo.doctype == '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
    assert tree.getroot().get("version") == "1.4"
    header = tree.getroot().find("header")
    assert dict(header.attrib) == {
        "creationtool": "aligner",
        "creationtoolversion": __import__("aligner").__version__,
        "segtype": "sentence",
        "o-tmf": "aligner",
        "adminlang": "en-US",
        "srclang": "fr-FR",
        "datatype": "plaintext",
        "creationdate": "20240305T140709Z",
    }


def test_creation_date_defaults_to_now_in_utc(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    before = datetime.now(UTC).replace(microsecond=0)
    write_tmx(sample_pairs(), path)
    stamp = re.search(rb'creationdate="(\d{8}T\d{6}Z)"', path.read_bytes()).group(1).decode()
    written = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert before <= written <= datetime.now(UTC)


def test_one_unit_per_pair_with_props_languages_and_text(tmp_path: Path, dtd) -> None:
    path = tmp_path / "memory.tmx"
    report = write_tmx(sample_pairs(), path)
    tree = assert_valid_tmx(path, dtd)
    first = units(tree)[0]
    assert report.units_written == len(units(tree)) == 4
    assert first.get("tuid") == "A/74/400:res:IV/op:12:1"
    assert props_of(first) == {
        "x-document": "A/74/400",
        "x-key": "res:IV/op:12",
        "x-link-type": "1-1",
        "x-confidence": "0.930",
        "x-source-file": "fr.txt",
        "x-target-file": "en.txt",
    }
    assert props_of(units(tree)[1])["x-link-type"] == "1-2"
    assert segments_of(first) == {
        "fr-FR": "Le Conseil décide de proroger le mandat.",
        "en-GB": "The Council decides to extend the mandate.",
    }
    assert [tuv.get(XML_LANG) for tuv in first.findall("tuv")] == ["fr-FR", "en-GB"]


def test_generated_tuids_number_the_sentences_of_a_key(tmp_path: Path, dtd) -> None:
    path = tmp_path / "memory.tmx"
    pairs = sample_pairs()
    pairs[3].tuid = "given-by-aligner"
    write_tmx(pairs, path)
    tuids = [tu.get("tuid") for tu in units(assert_valid_tmx(path, dtd))]
    assert tuids == [
        "A/74/400:res:IV/op:12:1",
        "A/74/400:res:IV/op:12:2",
        "A/74/400:res:IV/op:12:3",
        "given-by-aligner",
    ]


def test_dropping_a_unit_does_not_renumber_the_others(tmp_path: Path, dtd) -> None:
    path = tmp_path / "memory.tmx"
    pairs = sample_pairs()
    pairs[0].confidence = 0.1
    write_tmx(pairs, path, min_confidence=0.3)
    tuids = [tu.get("tuid") for tu in units(assert_valid_tmx(path, dtd))]
    assert tuids[:2] == ["A/74/400:res:IV/op:12:2", "A/74/400:res:IV/op:12:3"]


def test_tuids_restart_for_each_document(tmp_path: Path, dtd) -> None:
    path = tmp_path / "memory.tmx"
    pairs = [SegmentPair("Un.", "One.", key="para:1", document=doc) for doc in ("A/1", "A/1", "A/2")]
    pairs.append(SegmentPair("Sans clé.", "No key."))
    write_tmx(pairs, path)
    tuids = [tu.get("tuid") for tu in units(assert_valid_tmx(path, dtd))]
    assert tuids == ["A/1:para:1:1", "A/1:para:1:2", "A/2:para:1:1", "1"]


def test_language_codes_are_region_qualified_unless_given(tmp_path: Path, dtd) -> None:
    pairs = [SegmentPair("Loi.", "Act.", source_lang="fr-CA", target_lang="en_CA")]
    path = tmp_path / "canada.tmx"
    write_tmx(pairs, path)
    tree = assert_valid_tmx(path, dtd)
    assert tree.getroot().find("header").get("srclang") == "fr-CA"
    assert list(segments_of(units(tree)[0])) == ["fr-CA", "en-CA"]

    write_tmx(sample_pairs(), path, source_lang="fr", target_lang="en-US")
    tree = assert_valid_tmx(path, dtd)
    assert tree.getroot().find("header").get("srclang") == "fr"
    assert list(segments_of(units(tree)[0])) == ["fr", "en-US"]


def test_english_to_french_pairs_get_the_header_srclang_of_their_source(tmp_path: Path, dtd) -> None:
    path = tmp_path / "memory.tmx"
    write_tmx([SegmentPair("Act.", "Loi.", source_lang="en", target_lang="fr")], path)
    tree = assert_valid_tmx(path, dtd)
    assert tree.getroot().find("header").get("srclang") == "en-GB"
    assert list(segments_of(units(tree)[0])) == ["en-GB", "fr-FR"]


@pytest.mark.parametrize(
    "options",
    [
        {"source_lang": "fr FR"},
        {"target_lang": "<en>"},
        {"segtype": "chapter"},
        {"inline": "html"},
        {"min_confidence": 1.5},
        {"low_confidence": "keep"},
    ],
)
def test_bad_options_are_one_line_errors_and_write_nothing(tmp_path: Path, options: dict) -> None:
    path = tmp_path / "memory.tmx"
    with pytest.raises(AlignerError) as raised:
        write_tmx(sample_pairs(), path, **options)
    assert "\n" not in str(raised.value)
    assert list(tmp_path.iterdir()) == []


def test_pairs_with_an_empty_side_never_become_units(tmp_path: Path, dtd) -> None:
    pairs = [
        *sample_pairs()[:1],
        SegmentPair("Phrase orpheline.", "", kind="1-0"),
        SegmentPair("", "Orphan sentence.", kind="0-1"),
        SegmentPair("  \n", "Blank source."),
        SegmentPair("\x00\x01\x02", "Only control characters in the source."),
    ]
    path = tmp_path / "memory.tmx"
    report = write_tmx(pairs, path)
    assert (report.units_written, report.skipped_empty_side) == (1, 4)
    assert report.characters_removed == 0  # nothing of a skipped unit is counted
    assert len(units(assert_valid_tmx(path, dtd))) == 1


def test_units_below_the_threshold_are_dropped_by_default(tmp_path: Path, dtd) -> None:
    path = tmp_path / "memory.tmx"
    report = write_tmx(sample_pairs(), path, min_confidence=0.5)
    assert (report.units_written, report.dropped_below_threshold, report.kept_with_note) == (3, 1, 0)
    tree = assert_valid_tmx(path, dtd)
    assert all(float(props_of(tu)["x-confidence"]) >= 0.5 for tu in units(tree))
    assert tree.getroot().find("body/tu/note") is None


def test_units_below_the_threshold_can_be_kept_with_a_note(tmp_path: Path, dtd) -> None:
    path = tmp_path / "memory.tmx"
    report = write_tmx(sample_pairs(), path, min_confidence=0.5, low_confidence="note")
    assert (report.units_written, report.dropped_below_threshold, report.kept_with_note) == (4, 0, 1)
    assert report.summary() == f"wrote 4 units to {path}; 1 kept with a low-confidence note"
    noted = [tu for tu in units(assert_valid_tmx(path, dtd)) if tu.find("note") is not None]
    assert len(noted) == 1
    assert props_of(noted[0])["x-confidence"] == "0.400"
    assert noted[0].find("note").text == "low confidence: 0.400 is below the threshold 0.500"


def test_footnote_references_stay_plain_text_by_default(tmp_path: Path, dtd) -> None:
    path = tmp_path / "memory.tmx"
    write_tmx([SegmentPair("Le Conseil¹ décide.", "The Council¹ decides.")], path)
    tree = assert_valid_tmx(path, dtd)
    assert tree.getroot().find(".//ph") is None
    assert "Council¹ decides" in path.read_text(encoding="utf-8")


def test_footnote_references_become_placeholders_with_inline_tags(tmp_path: Path, dtd) -> None:
    pairs = [SegmentPair("Le Conseil¹² décide, voir³ ; ⁴ seul et x ⁵.", "The Council,¹² decides, see³.")]
    path = tmp_path / "memory.tmx"
    write_tmx(pairs, path, inline="tags")
    tree = assert_valid_tmx(path, dtd)
    french, english = (tuv.find("seg") for tuv in units(tree)[0].findall("tuv"))
    assert [(ph.get("x"), ph.get("assoc"), ph.get("type"), ph.text) for ph in french.findall("ph")] == [
        ("12", "p", "fnote", "¹²"),
        ("3", "p", "fnote", "³"),
    ]
    assert [ph.get("x") for ph in english.findall("ph")] == ["12", "3"]
    # digits that follow a space are not references to a word: they stay in the text
    assert "".join(french.itertext()) == pairs[0].source
    assert french.findall("ph")[-1].tail == " ; ⁴ seul et x ⁵."


def test_forbidden_characters_are_removed_and_counted(tmp_path: Path, dtd) -> None:
    pairs = [SegmentPair("A\x00b\x0bc\ufffe\ud800d", "e\x1ff\uffff", note="n\x07", props={"x-a": "\x01v"})]
    path = tmp_path / "memory.tmx"
    report = write_tmx(pairs, path)
    assert report.characters_removed == 8
    tu = units(assert_valid_tmx(path, dtd))[0]
    assert list(segments_of(tu).values()) == ["Abcd", "ef"]
    assert (tu.find("note").text, props_of(tu)["x-a"]) == ("n", "v")


def test_paragraph_segtype(tmp_path: Path, dtd) -> None:
    path = tmp_path / "memory.tmx"
    write_tmx(sample_pairs(), path, segtype="paragraph")
    assert assert_valid_tmx(path, dtd).getroot().find("header").get("segtype") == "paragraph"


def test_an_empty_stream_gives_a_valid_empty_memory(tmp_path: Path, dtd) -> None:
    path = tmp_path / "memory.tmx"
    report = write_tmx(iter(()), path)
    assert report.units_written == 0
    assert units(assert_valid_tmx(path, dtd)) == []


# --- atomic output and streaming ---------------------------------------------------------


def failing_stream(after: int) -> Iterator[SegmentPair]:
    yield from sample_pairs()[:after]
    raise RuntimeError("aligner crashed")


@pytest.mark.parametrize("name", ["memory.tmx", "memory.tsv", "memory.jsonl"])
def test_an_exception_while_writing_leaves_no_file(tmp_path: Path, name: str) -> None:
    with pytest.raises(RuntimeError):
        write_segments(failing_stream(after=3), tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_an_exception_while_writing_keeps_the_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text("previous memory", encoding="utf-8")
    with pytest.raises(RuntimeError):
        write_tmx(failing_stream(after=2), path)
    assert path.read_text(encoding="utf-8") == "previous memory"
    assert list(tmp_path.iterdir()) == [path]


def synthetic_pairs(count: int) -> Iterator[SegmentPair]:
    for number in range(count):
        yield SegmentPair(
            f"Phrase {number} du rapport, assez longue pour peser quelques milliers d'octets. " * 20,
            f"Sentence {number} of the report, long enough to weigh a few thousand bytes. " * 20,
            key=f"para:{number // 4}",
            document="A/74/400",
        )


def test_writing_streams_in_constant_memory(tmp_path: Path) -> None:
    """4,000 pairs of ~3,000 characters: holding them would take over 12 MB."""
    tracemalloc.start()
    try:
        report = write_tmx(synthetic_pairs(4_000), tmp_path / "memory.tmx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.units_written == 4_000
    assert peak < 3_000_000, f"peak Python allocation {peak:,} bytes"


# --- hostile text, validity and round trip -----------------------------------------------

HOSTILE_PIECES = [
    "&",
    "&amp;",
    "<",
    ">",
    "<seg>",
    "]]>",
    "<![CDATA[",
    '"',
    "'",
    "\x00",
    "\x08",
    "\x1f",
    "\x7f",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\u200f",
    "\u202e",
    "\u2028",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\ud800",
    "\udfff",
    "😀",
    "\U0001d11e",
    "\U0010ffff",
    "¹",
    "²³",
    " ",
    "\u00a0",
    "&#0;",
    "%ent;",
]
hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(st.characters(exclude_categories=()), max_size=20)),
    max_size=12,
).map("".join)


def expected_text(text: str) -> str:
    return XML_FORBIDDEN.sub("", text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=hostile_text, target=hostile_text, key=hostile_text, inline=st.sampled_from(["text", "tags"]))
@example(source="x" * 10_000 + "]]>", target="\U0001f600" * 10_000, key="k", inline="tags")
@example(source="Conseil¹\r\nfin\r", target="A\u200fB & <C>", key="]]>", inline="tags")
def test_hostile_text_gives_a_valid_file_that_round_trips(
    tmp_path: Path, dtd, source: str, target: str, key: str, inline: str
) -> None:
    path = tmp_path / "hostile.tmx"
    pair = SegmentPair(source, target, key=key, document="A/\x00<74>", note=target, props={"x-raw": source})
    report = write_tmx([pair], path, inline=inline, keep_identical=True)
    assert_valid_tmx(path, dtd)
    readable = expected_text(source).strip() and expected_text(target).strip()
    assert report.units_written == (1 if readable else 0)
    read_back = list(read_memory(path))
    if not readable:
        assert read_back == []
        return
    assert [(p.source, p.target, p.key) for p in read_back] == [
        (expected_text(source), expected_text(target), expected_text(key))
    ]
    assert report.characters_removed >= len(source) - len(expected_text(source))


# --- TSV and JSONL ------------------------------------------------------------------------


def test_tsv_has_a_header_and_one_line_per_unit(tmp_path: Path) -> None:
    pairs = [
        *sample_pairs(),
        SegmentPair("Deux\tcolonnes\net\r\nlignes\u2028!", "Two\u2029lines", key="k"),
        SegmentPair("Orpheline.", "", kind="1-0"),
    ]
    path = tmp_path / "memory.tsv"
    report = write_tsv(pairs, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[-1] == ""
    assert lines[0] == "source\ttarget\tconfidence\tkey\ttuid"
    assert len(lines) - 2 == report.units_written == 5
    assert report.skipped_empty_side == 1
    assert all(line.count("\t") == 4 for line in lines[:-1])
    assert lines[1].split("\t") == [
        "Le Conseil décide de proroger le mandat.",
        "The Council decides to extend the mandate.",
        "0.930",
        "res:IV/op:12",
        "A/74/400:res:IV/op:12:1",
    ]
    assert lines[5].split("\t")[:2] == ["Deux colonnes et lignes !", "Two lines"]


def test_tsv_reads_back_with_the_csv_module(tmp_path: Path) -> None:
    path = tmp_path / "memory.tsv"
    pairs = [SegmentPair('« Citation » "entre guillemets"', "'Quoted' \"text\"", key="a/b")]
    write_tsv(pairs, path, bom=False, header=False)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows == [['« Citation » "entre guillemets"', "'Quoted' \"text\"", "1.000", "a/b", "a/b:1"]]


def test_tsv_threshold_and_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "memory.tsv"
    pairs = [SegmentPair("A\x00B", "C\ud800D", confidence=0.9), SegmentPair("E", "F", confidence=0.2)]
    report = write_tsv(pairs, path, min_confidence=0.5, header=False)
    assert (report.units_written, report.dropped_below_threshold, report.characters_removed) == (1, 1, 2)
    assert path.read_text(encoding="utf-8-sig").split("\t")[:2] == ["AB", "CD"]


def test_jsonl_writes_one_object_per_pair(tmp_path: Path) -> None:
    pairs = [*sample_pairs()[:2], SegmentPair("Orpheline é.", "", kind="1-0", note="seul\ud800")]
    path = tmp_path / "memory.jsonl"
    report = write_jsonl(pairs, path, min_confidence=0.9, low_confidence="note")
    text = path.read_text(encoding="utf-8")
    assert "é" in text  # ensure_ascii=False
    document, *records = [json.loads(line) for line in text.splitlines()]
    assert document["format"] == "aligner-links" and document["document"] == "A/74/400"
    assert (document["source_lang"], document["target_lang"]) == ("fr", "en")
    assert report.units_written == len(records) == 3
    assert (report.kept_with_note, report.characters_removed) == (1, 1)
    assert records[0] == {
        "source": "Le Conseil décide de proroger le mandat.",
        "target": "The Council decides to extend the mandate.",
        "source_lang": "fr",
        "target_lang": "en",
        "confidence": 0.93,
        "key": "res:IV/op:12",
        "tuid": "A/74/400:res:IV/op:12:1",
        "kind": "1-1",
        "document": "A/74/400",
    }
    assert records[1]["note"] == "low confidence: 0.810 is below the threshold 0.900"
    assert (records[2]["kind"], records[2]["target"], records[2]["note"]) == ("1-0", "", "seul")


def test_jsonl_can_skip_empty_sides(tmp_path: Path) -> None:
    path = tmp_path / "memory.jsonl"
    report = write_jsonl([SegmentPair("Seule.", "", kind="1-0")], path, skip_empty=True)
    assert (report.units_written, report.skipped_empty_side) == (0, 1)
    assert [json.loads(line)["format"] for line in path.read_text(encoding="utf-8").splitlines()] == [
        "aligner-links"
    ]


# --- the factory --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "format", "opening"),
    [
        ("m.tmx", "tmx", b"<?xml"),
        ("m.TMX", "tmx", b"<?xml"),
        ("m.tsv", "tsv", b"\xef\xbb\xbfsource"),
        ("m.jsonl", "jsonl", b'{"format"'),
    ],
)
def test_write_segments_picks_the_writer_from_the_extension(
    tmp_path: Path, name: str, format: str, opening: bytes
) -> None:
    report = write_segments(sample_pairs(), tmp_path / name, min_confidence=0.5)
    assert (report.format, report.units_written, report.dropped_below_threshold) == (format, 3, 1)
    assert (tmp_path / name).read_bytes().startswith(opening)


@pytest.mark.parametrize("name", ["memory.docx", "memory", "memory.tmx.bak"])
def test_write_segments_refuses_an_unknown_extension(tmp_path: Path, name: str) -> None:
    with pytest.raises(
        AlignerError,
        match=r"(unknown extension .*|no extension to tell the format), use one of \.tmx, \.xlf, \.xliff",
    ):
        write_segments(sample_pairs(), tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_write_segments_refuses_an_option_of_another_format(tmp_path: Path) -> None:
    with pytest.raises(AlignerError, match="segtype"):
        write_segments(sample_pairs(), tmp_path / "memory.tsv", segtype="paragraph")
