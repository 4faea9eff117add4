"""Reading TMX back (languages, props, inline codes, hostile files) and merging memories."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import textwrap
import time
import tracemalloc
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from tmx_support import assert_valid_tmx, load_tmx_dtd, sample_pairs

import aligner
from aligner.errors import AlignerError, InputError
from aligner.memories import SeenPairs, TmxReader, merge_memories, read_memory
from aligner.model import SegmentPair
from aligner.writers.tmx import write_tmx

REPO = Path(aligner.__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def dtd():
    return load_tmx_dtd()


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(textwrap.dedent(text).lstrip(), encoding=encoding)
    return path


FOREIGN_TMX = """
    <?xml version="1.0" encoding="UTF-16"?>
    <!DOCTYPE tmx SYSTEM "tmx14.dtd">
    <tmx version="1.4">
      <header creationtool="OtherTool" creationtoolversion="9" segtype="sentence" o-tmf="x"
              adminlang="EN-US" srclang="EN-US" datatype="rtf"/>
      <body>
        <!-- a comment -->
        <tu tuid="7" creationdate="20200101T000000Z">
          <note>from a client</note>
          <prop type="x-Client">Acme</prop>
          <tuv lang="FR-CA"><seg>Le <bpt i="1">{\\b </bpt>projet<ept i="1">}</ept> de loi<ph x="1">{\\super 2}</ph></seg></tuv>
          <tuv xml:lang="EN-US"><seg>The <bpt i="1">{\\b </bpt>bill<ept i="1">}</ept><hi type="x-em">2</hi></seg></tuv>
          <tuv xml:lang="fr-FR"><seg>Le projet de loi de France</seg></tuv>
        </tu>
        <tu><tuv xml:lang="de-DE"><seg>Nur Deutsch</seg></tuv></tu>
      </body>
    </tmx>
"""  # noqa: E501


# --- reading ------------------------------------------------------------------------------


def test_our_memory_reads_back_with_everything_it_carries(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    pairs = sample_pairs()
    write_tmx(pairs, path, min_confidence=0.5, low_confidence="note")
    read_back = list(read_memory(path))
    assert [(p.source, p.target) for p in read_back] == [(p.source, p.target) for p in pairs]
    first, third = read_back[0], read_back[2]
    assert (first.source_lang, first.target_lang) == ("fr-FR", "en-GB")
    assert (first.tuid, first.key, first.document, first.confidence, first.kind) == (
        "A/74/400:res:IV/op:12:1",
        "res:IV/op:12",
        "A/74/400",
        0.93,
        "1-1",
    )
    assert first.props["x-source-file"] == "fr.txt"
    assert first.props["x-target-file"] == "en.txt"
    assert read_back[1].kind == "1-2"
    assert third.note == "low confidence: 0.400 is below the threshold 0.500"


def test_footnote_placeholders_read_back_as_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    write_tmx([SegmentPair("Le Conseil¹² décide.", "The Council,¹² decides.")], path, inline="tags")
    assert b"<ph " in path.read_bytes()
    assert [(p.source, p.target) for p in read_memory(path)] == [
        ("Le Conseil¹² décide.", "The Council,¹² decides.")
    ]


def test_either_direction_is_read_by_language(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    write_tmx([SegmentPair("Loi.", "Act.")], path)
    english_first = list(read_memory(path, source_lang="en"))
    assert [(p.source, p.target, p.source_lang) for p in english_first] == [("Act.", "Loi.", "en-GB")]
    assert [p.source for p in read_memory(path, source_lang="FR", target_lang="en-US")] == ["Loi."]


def test_a_foreign_utf16_memory_is_read_with_native_codes_dropped(tmp_path: Path) -> None:
    path = write_text(tmp_path / "foreign.tmx", FOREIGN_TMX, encoding="utf-16")
    reader = TmxReader(path, source_lang="fr")
    pairs = list(reader)
    assert (reader.units_read, reader.units_skipped) == (2, 1)
    assert reader.header["creationtool"] == "OtherTool"
    [pair] = pairs
    # the exact region is preferred when asked for, any French otherwise (FR-CA comes first)
    assert (pair.source, pair.source_lang) == ("Le projet de loi{\\super 2}", "FR-CA")
    assert (pair.target, pair.target_lang) == ("The bill2", "EN-US")
    assert (pair.tuid, pair.note, pair.props, pair.confidence) == (
        "7",
        "from a client",
        {"x-Client": "Acme"},
        1.0,
    )
    [france] = TmxReader(path, source_lang="fr-fr", target_lang="en")
    assert france.source == "Le projet de loi de France"


def test_the_header_srclang_decides_the_source_by_default(tmp_path: Path) -> None:
    path = write_text(tmp_path / "foreign.tmx", FOREIGN_TMX, encoding="utf-16")
    [pair] = read_memory(path)
    assert (pair.source_lang, pair.target_lang) == ("EN-US", "FR-CA")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<tmx><header/><body><tu><tuv><seg>open</tuv></tu></body></tmx>", "malformed TMX"),
        ("<tmx><header/><body>", "malformed TMX"),
        ("not xml at all", "malformed TMX"),
        ("<tmx>&undeclared;</tmx>", "malformed TMX"),
        ('<?xml version="1.0"?><xliff version="1.2"/>', "not a TMX file"),
        ("", "empty file"),
    ],
)
def test_bad_files_give_a_one_line_input_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.tmx"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as raised:
        list(read_memory(path))
    assert "\n" not in str(raised.value)
    assert str(path) in str(raised.value)


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read_memory(tmp_path / "absent.tmx"))
    with pytest.raises(InputError, match="not a regular file"):
        list(read_memory(tmp_path))


# --- hostile files --------------------------------------------------------------------------

SECRET = "TOP-SECRET-7f3a"


def hostile_documents(target: Path) -> dict[str, str]:
    """TMX-shaped attacks whose entities point at ``target`` (a secret file or a FIFO)."""
    unit = '<body><tu><tuv xml:lang="fr"><seg>{}</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body>'
    header = (
        '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
        'adminlang="en" srclang="fr" datatype="plaintext"/>'
    )
    laughs = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{level} "{f"&l{level - 1};" * 10}">' for level in range(1, 10)
    )
    return {
        "xxe": (
            f'<!DOCTYPE tmx [<!ENTITY x SYSTEM "file://{target}">]><tmx '
            f'version="1.4">{header}{unit.format("&x;")}</tmx>'
        ),
        "parameter": (
            f'<!DOCTYPE tmx [<!ENTITY % p SYSTEM "file://{target}"> %p;]><tmx '
            f'version="1.4">{header}{unit.format("a")}</tmx>'
        ),
        "laughs": f'<!DOCTYPE tmx [{laughs}]><tmx version="1.4">{header}{unit.format("&l9;")}</tmx>',
        "laughs-in-root": f'<!DOCTYPE tmx [{laughs}]><tmx version="&l9;">{header}{unit.format("a")}</tmx>',
        "internal-text": (
            f'<!DOCTYPE tmx [<!ENTITY t "text">]><tmx version="1.4">{header}{unit.format("&t;")}</tmx>'
        ),
    }


@pytest.mark.parametrize("attack", ["xxe", "parameter", "laughs", "laughs-in-root", "internal-text"])
def test_entity_declarations_are_refused_and_nothing_is_read(tmp_path: Path, attack: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    path = tmp_path / "hostile.tmx"
    path.write_text(hostile_documents(secret)[attack], encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"declares XML entities|entity amplification") as raised:
        list(read_memory(path))
    assert time.perf_counter() - started < 1.0
    assert SECRET not in str(raised.value)
    assert "\n" not in str(raised.value)


FIFO_PROBE = """
import sys
from aligner.errors import InputError
from aligner.memories import read_memory
for path in sys.argv[1:]:
    try:
        print(path, "read", [pair.source for pair in read_memory(path)])
    except InputError as error:
        print(path, "refused", error)
"""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_no_file_is_opened_for_entities_or_an_external_dtd(tmp_path: Path) -> None:
    """Entities and the DTD point at a named pipe with no writer: opening it would block,
    so a reader that finishes has opened nothing. Run in a child with a time limit."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    attacks = {**hostile_documents(fifo), "external-dtd": ""}
    header = (
        '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
        'adminlang="en" srclang="fr" datatype="plaintext"/>'
    )
    attacks["external-dtd"] = (
        f'<!DOCTYPE tmx SYSTEM "file://{fifo}"><tmx version="1.4">{header}<body><tu>'
        '<tuv xml:lang="fr"><seg>Bonjour</seg></tuv><tuv '
        'xml:lang="en"><seg>Hello</seg></tuv></tu></body></tmx>'
    )
    paths = []
    for name, document in attacks.items():
        paths.append(tmp_path / f"{name}.tmx")
        paths[-1].write_text(document, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", FIFO_PROBE, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    outcomes = dict(line.split(" ", 2)[:2] for line in result.stdout.splitlines())
    assert outcomes == {**{str(p): "refused" for p in paths[:-1]}, str(paths[-1]): "read"}, result.stderr
    assert "['Bonjour']" in result.stdout


# --- merging --------------------------------------------------------------------------------


def pair(source: str, target: str, **fields) -> SegmentPair:
    return SegmentPair(source, target, document="A/74/400", key="para:1", **fields)


def test_merge_removes_exact_duplicates_and_counts_them(tmp_path: Path, dtd) -> None:
    first = tmp_path / "a.tmx"
    second = tmp_path / "b.tmx"
    write_tmx([pair("Un.", "One."), pair("Deux.", "Two."), pair("Un.", "One.")], first)
    write_tmx(
        [
            pair("Deux.", "Two."),
            pair("Deux.", "Second."),
            pair("Trois.", "Three.", props={"source_file": "f"}),
        ],
        second,
    )
    output = tmp_path / "merged.tmx"
    report = merge_memories([first, second], output)
    assert (report.files_read, report.units_read, report.duplicates_removed, report.units_written) == (
        2,
        6,
        2,
        4,
    )
    merged = list(read_memory(output))
    assert [(p.source, p.target) for p in merged] == [
        ("Un.", "One."),
        ("Deux.", "Two."),
        ("Deux.", "Second."),
        ("Trois.", "Three."),
    ]
    assert [p.tuid for p in merged] == [
        "A/74/400:para:1:1",
        "A/74/400:para:1:2",
        "A/74/400:para:1:2",
        "A/74/400:para:1:3",
    ]
    assert merged[-1].props["x-source-file"] == "f"
    assert_valid_tmx(output, dtd)
    assert any("duplicates removed" in line and line.rstrip().endswith("2") for line in report.lines())


def test_merge_reads_memories_written_in_the_other_direction(tmp_path: Path, dtd) -> None:
    french_english = tmp_path / "fr-en.tmx"
    english_french = tmp_path / "en-fr.tmx"
    write_tmx([pair("Loi.", "Act.")], french_english)
    write_tmx(
        [
            SegmentPair("Act.", "Loi.", source_lang="en", target_lang="fr"),
            SegmentPair("Rule.", "Règle.", source_lang="en", target_lang="fr"),
        ],
        english_french,
    )
    output = tmp_path / "merged.tmx"
    report = merge_memories([french_english, english_french], output)
    assert (report.duplicates_removed, report.units_written) == (1, 2)
    merged = list(read_memory(output))
    assert [(p.source, p.target, p.source_lang) for p in merged] == [
        ("Loi.", "Act.", "fr-FR"),
        ("Règle.", "Rule.", "fr-FR"),
    ]
    assert_valid_tmx(output, dtd)


def test_merge_counts_units_lacking_a_language(tmp_path: Path) -> None:
    path = write_text(tmp_path / "foreign.tmx", FOREIGN_TMX, encoding="utf-16")
    report = merge_memories([path], tmp_path / "merged.tmx", source_lang="fr", target_lang="en")
    assert (report.units_read, report.units_skipped, report.units_written) == (2, 1, 1)


def test_a_hostile_memory_stops_the_merge_and_leaves_no_output(tmp_path: Path) -> None:
    good = tmp_path / "good.tmx"
    write_tmx(sample_pairs(), good)
    hostile = tmp_path / "hostile.tmx"
    hostile.write_text(hostile_documents(tmp_path / "secret.txt")["xxe"], encoding="utf-8")
    output = tmp_path / "merged.tmx"
    with pytest.raises(InputError, match=r"hostile\.tmx: refused"):
        merge_memories([good, hostile], output)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.tmx", "hostile.tmx"]


def test_merge_needs_at_least_one_memory(tmp_path: Path) -> None:
    with pytest.raises(AlignerError, match="nothing to merge"):
        merge_memories([], tmp_path / "merged.tmx")


def test_merge_streams_instead_of_holding_units(tmp_path: Path) -> None:
    """Two memories of 600 long units, read 3 times in all: holding the units would take
    over 12 MB."""
    memories = []
    for name in ("a", "b"):
        memories.append(tmp_path / f"{name}.tmx")
        write_tmx(
            (pair(f"Phrase {name}{n} " * 300, f"Sentence {name}{n} " * 300) for n in range(600)), memories[-1]
        )
    tracemalloc.start()
    try:
        report = merge_memories(memories + memories[:1], tmp_path / "merged.tmx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (report.units_read, report.duplicates_removed, report.units_written) == (1_800, 600, 1_200)
    assert peak < 4_000_000, f"peak Python allocation {peak:,} bytes"


def test_seen_pairs_stays_exact_while_it_grows() -> None:
    seen = SeenPairs(capacity=4)
    assert all(seen.add(f"source {n}", "target") for n in range(5_000))
    assert not any(seen.add(f"source {n}", "target") for n in range(5_000))
    assert (
        seen.add("source 1", "target 1") and seen.add("source 1target", "") and seen.add("", "source 1target")
    )
    assert len(seen) == 5_003


# --- the merge command ------------------------------------------------------------------------


def export_commands() -> click.Group:
    """A group holding only this module's commands. The module is loaded from its file so
    that the test does not depend on the other command modules the package registers."""
    spec = importlib.util.spec_from_file_location(
        "aligner.cli.export", REPO / "aligner" / "cli" / "export.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    group = click.Group()
    module.register(group)
    return group


def test_merge_command_prints_the_report(tmp_path: Path, dtd) -> None:
    first, second = tmp_path / "a.tmx", tmp_path / "b.tmx"
    write_tmx(sample_pairs(), first)
    write_tmx(sample_pairs()[1:], second)
    output = tmp_path / "out" / "merged.tmx"
    result = CliRunner().invoke(export_commands(), ["merge", str(first), str(second), "-o", str(output)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"merged into {output}"
    assert len(lines) <= 20
    figures = {line.rsplit(None, 1)[0].strip(): line.rsplit(None, 1)[1] for line in lines[1:]}
    assert (figures["units read"], figures["duplicates removed"], figures["units written"]) == ("7", "3", "4")
    assert_valid_tmx(output, dtd)


def test_merge_command_reports_a_bad_file_as_an_aligner_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        export_commands(), ["merge", str(tmp_path / "absent.tmx"), "-o", str(tmp_path / "m.tmx")]
    )
    assert result.exit_code != 0
    assert isinstance(result.exception, InputError)
    assert "no such file" in str(result.exception)


def test_merge_command_needs_an_output(tmp_path: Path) -> None:
    (tmp_path / "a.tmx").write_text("<tmx/>", encoding="utf-8")
    result = CliRunner().invoke(export_commands(), ["merge", str(tmp_path / "a.tmx")])
    assert result.exit_code == 2
    assert "--output" in result.output
