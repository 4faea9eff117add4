"""The contract of every extension point, checked on every implementation its registry holds
(as translate-toolkit's TestTranslationStore runs one suite over every store): registering a
reader, writer or check puts it under these tests without writing any.

Samples are written here, in our own words, one per reader module; a reader registered
without one fails ``test_every_reader_has_a_sample`` until it gets one.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from docx_support import make_docx, paragraph, run
from pdf_support import Sheet

from aligner.checks import CheckContext, Finding
from aligner.checks.finding import SEVERITIES
from aligner.checks.registry import registry as checks
from aligner.checks.report import REPORT_WRITERS, Report
from aligner.errors import AlignerError, InputError
from aligner.model import RawDocument, SegmentPair
from aligner.profiles import ENGLISH, FRENCH
from aligner.readers import READERS, read_document
from aligner.terms.glossary import Glossary, GlossaryEntry
from aligner.terms.writers import TERM_WRITERS, term_writer
from aligner.writers import WRITERS, segment_writer

WORDS = ("Comité", "rapport", "recommandations")
TEXT = "1. Le Comité examine le rapport.\n\n2. Il adopte les recommandations."


def _pdf(path: Path) -> None:
    sheet = Sheet()
    sheet.page()
    y = sheet.write(72, 72, "1. Le Comité examine le rapport.")
    sheet.write(72, y + 20, "2. Il adopte les recommandations.")
    sheet.save(path)


def _docx(path: Path) -> None:
    paragraphs = [paragraph(run(line)) for line in TEXT.split("\n\n")]
    make_docx(path.parent, paragraphs, name=path.name)


LIMS = (
    '<?xml version="1.0" encoding="utf-8"?><Statute xml:lang="fr"><Identification>'
    "<ShortTitle>Loi sur le Comité</ShortTitle></Identification><Body>"
    "<Section><Label>1</Label><Text>Le Comité examine le rapport.</Text></Section>"
    "<Section><Label>2</Label><Text>Il adopte les recommandations.</Text></Section>"
    "</Body></Statute>"
)
HTML = "<html lang='fr'><body><h1>Comité</h1><p>1. Le Comité examine le rapport.</p><p>2. Il adopte les recommandations.</p></body></html>"  # noqa: E501
MARKDOWN = "# Comité\n\n1. Le Comité examine le rapport.\n\n2. Il adopte les recommandations.\n"

# reader module -> how to write a small valid file of its format
SAMPLES: dict[str, Callable[[Path], None]] = {
    "aligner.readers.text": lambda path: path.write_text(TEXT, encoding="utf-8"),
    "aligner.readers.markdown": lambda path: path.write_text(MARKDOWN, encoding="utf-8"),
    "aligner.readers.html": lambda path: path.write_text(HTML, encoding="utf-8"),
    "aligner.readers.lims": lambda path: path.write_text(LIMS, encoding="utf-8"),
    "aligner.readers.docx": _docx,
    "aligner.readers.pdf": _pdf,
}


def _sample(suffix: str) -> Callable[[Path], None] | None:
    return SAMPLES.get(READERS.get(suffix).__module__)


@pytest.mark.parametrize("suffix", READERS.names())
def test_every_reader_has_a_sample(suffix: str) -> None:
    assert _sample(suffix) is not None, f"no contract sample for {suffix}: add one to SAMPLES"


@pytest.mark.parametrize("suffix", READERS.names())
def test_reader_reads_its_format_into_blocks(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"doc{suffix}"
    write = _sample(suffix)
    assert write is not None
    write(path)
    document = read_document(path)
    assert isinstance(document, RawDocument) and document.path == str(path)
    text = " ".join(block.text for block in document.blocks)
    assert all(word in text for word in WORDS), text


@pytest.mark.parametrize("suffix", READERS.names())
def test_reader_refuses_what_is_not_its_format_in_one_line(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"noise{suffix}"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError) as refused:
        read_document(path)
    assert str(path) in str(refused.value) and "\n" not in str(refused.value)


@pytest.mark.parametrize("suffix", READERS.names())
def test_reader_refuses_an_empty_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        read_document(path)


@pytest.mark.parametrize("name", ["notes.xyz", "notes", "notes.tmx"])
def test_an_unknown_input_suffix_is_refused_with_the_known_ones(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_document(path)
    message = str(refused.value)
    refusal = "unknown input format" if path.suffix else "the file name has no extension to tell its format"
    assert message.startswith(f"{path}: {refusal}") and ".txt, " in message and ".pdf" in message


@pytest.mark.parametrize("name", ["notes.doc", "notes.RTF", "notes.odt"])
def test_a_word_processor_format_no_reader_reads_is_refused_with_how_to_convert_it(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0 not read")
    with pytest.raises(InputError) as refused:
        read_document(path)
    message = str(refused.value)
    assert message.startswith(f"{path}: ") and "save it as .docx" in message and "\n" not in message


# --- segment writers ----------------------------------------------------------------------

PAIRS = [
    SegmentPair(
        "1. Le Comité examine le rapport.", "1. The Committee considers the report.", key="p:1", tuid="d:1"
    ),
    SegmentPair("Il adopte les recommandations.", "It adopts the recommendations.", key="p:2", tuid="d:2"),
    SegmentPair("Le 5 juin 2020, 12 États.", "On 5 June 2020, 12 States.", key="p:3", tuid="d:3"),
]


def _failing(pairs: list[SegmentPair]) -> Iterator[SegmentPair]:
    yield pairs[0]
    raise RuntimeError("the pairs stopped coming")


def _leftovers(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


@pytest.mark.parametrize("suffix", WRITERS.names())
def test_segment_writer_writes_every_pair_and_says_so(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"memory{suffix}"
    report = segment_writer(path).write(iter(PAIRS), path)
    assert report.units_written >= len(PAIRS) and report.path == str(path)
    assert path.stat().st_size > 0 and _leftovers(tmp_path) == [path.name]


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # openpyxl's abandoned stream
@pytest.mark.parametrize("suffix", WRITERS.names())
def test_segment_writer_leaves_nothing_when_the_pairs_fail(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"memory{suffix}"
    with pytest.raises(RuntimeError):
        segment_writer(path).write(_failing(PAIRS), path)
    gc.collect()  # openpyxl's abandoned stream complains when collected: here, where it is ignored
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("suffix", WRITERS.names())
def test_segment_writer_refuses_an_option_it_does_not_have(tmp_path: Path, suffix: str) -> None:
    with pytest.raises(AlignerError, match="--no-such-option does not apply"):
        segment_writer(tmp_path / f"memory{suffix}", no_such_option=True)


def test_an_unknown_output_suffix_is_refused_with_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(AlignerError, match=r"unknown extension '\.doc', use one of \.tmx, "):
        segment_writer(tmp_path / "memory.doc")


# --- term writers -------------------------------------------------------------------------

GLOSSARY = Glossary(
    "fr",
    "en",
    (
        GlossaryEntry(
            "Comité", "Committee", 4, 4, 4, 1.0, 20.5, 0.9, 1, "d:1", PAIRS[0].source, PAIRS[0].target
        ),
        GlossaryEntry("recommandation", "recommendation", 2, 2, 2, 1.0, 9.1, 0.8, 1),
    ),
)


@pytest.mark.parametrize("suffix", TERM_WRITERS.names())
def test_term_writer_writes_the_glossary(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"terms{suffix}"
    cleaning = term_writer(path).write(GLOSSARY, path)
    assert cleaning is not None and path.stat().st_size > 0 and _leftovers(tmp_path) == [path.name]
    if suffix != ".xlsx":
        text = path.read_text(encoding="utf-8-sig")
        assert "Comité" in text and "recommendation" in text


def test_an_unknown_term_suffix_is_refused_with_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"unknown term table format '\.doc' \(use \.tbx, "):
        term_writer(tmp_path / "terms.doc")


# --- report writers -----------------------------------------------------------------------

FINDINGS = [
    Finding("numbers", "error", "d:3", PAIRS[2].source, "On 6 June 2020, 12 States.", "5 -> 6"),
    Finding("same-source", "warning", "d:1", PAIRS[0].source, PAIRS[0].target, "=cmd|' /C calc'!A0"),
]


@pytest.mark.parametrize("suffix", REPORT_WRITERS.names())
def test_report_writer_writes_every_finding(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"report{suffix}"
    cleaning = REPORT_WRITERS.get(suffix)().write(Report(FINDINGS, ("numbers", "same-source")), path)
    assert cleaning is not None and path.stat().st_size > 0 and _leftovers(tmp_path) == [path.name]
    if suffix != ".xlsx":
        text = path.read_text(encoding="utf-8-sig")
        assert "6 June 2020" in text and "same-source" in text


def test_an_unknown_report_suffix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"unknown report format '\.doc' \(use \.html, "):
        REPORT_WRITERS.get(".doc", str(tmp_path / "report.doc"))


# --- checks -------------------------------------------------------------------------------

CHECKED = [
    *PAIRS,
    SegmentPair("Le Comité examine le rapport.", "The Board considers the report.", key="p:4", tuid="d:4"),
    SegmentPair("Le Comité examine le rapport.", "The Committee reviews it.", key="p:5", tuid="d:5"),
    SegmentPair("Le 5 juin 2020, 12 États.", "On 6 June 2021, 13 States.", key="p:6", tuid="d:6"),
    SegmentPair("Voir A/74/400 ¹.", "See A/74/401.", key="p:7", tuid="d:7"),
]


def _findings(name: str, pairs: list[SegmentPair]) -> list[Finding]:
    return list(checks().get(name).run(CheckContext(pairs, FRENCH, ENGLISH)))


@pytest.mark.parametrize("name", checks().names())
def test_check_describes_itself(name: str) -> None:
    check = checks().get(name)
    assert check.name == name and check.description.strip() and "\n" not in check.description
    assert isinstance(check.default, bool)


@pytest.mark.parametrize("name", checks().names())
def test_check_findings_are_its_own_and_name_a_pair(name: str) -> None:
    findings = _findings(name, CHECKED)
    labels = {pair.tuid for pair in CHECKED}
    assert all(isinstance(finding, Finding) for finding in findings)
    assert all(finding.check == name and finding.severity in SEVERITIES for finding in findings)
    assert all(finding.key in labels for finding in findings)
    assert findings == _findings(name, CHECKED), "a check gives the same findings twice"


@pytest.mark.parametrize("name", checks().names())
def test_check_finds_nothing_in_no_pairs(name: str) -> None:
    assert _findings(name, []) == []


def test_an_unknown_check_is_refused_with_the_known_ones() -> None:
    with pytest.raises(AlignerError, match=r"unknown check 'spelling' \(known: same-source, "):
        checks().get("spelling")
