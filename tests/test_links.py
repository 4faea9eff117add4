"""The links file and its other forms (align's TSV, the review sheet), and ``aligner export``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from tmx_support import XML_LANG, assert_valid_tmx, load_tmx_dtd

from aligner.cli import cli
from aligner.errors import InputError
from aligner.links import LinksMeta, is_links_file, load_pairs, read_links, text_digest
from aligner.memories import read_memory
from aligner.model import Disagreement, SegmentPair
from aligner.writers import write_segments
from aligner.writers.jsonl import write_jsonl
from aligner.writers.tsv import write_tsv
from aligner.writers.xlsx import write_xlsx

SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "sample"
META = LinksMeta(
    source_lang="fr",
    target_lang="en",
    symbol="A/74/400",
    document="A/74/400",
    source_file="fr.txt",
    target_file="en.txt",
    disagreements=[Disagreement("missing", "p:3", "no English paragraph 3")],
)


def link(
    source: tuple[str, ...], target: tuple[str, ...], key: str, confidence: float, **fields
) -> SegmentPair:
    start = fields.pop("start", (0, 0))
    return SegmentPair(
        " ".join(source),
        " ".join(target),
        key=key,
        document="A/74/400",
        confidence=confidence,
        kind=f"{len(source)}-{len(target)}",
        source_sentences=source,
        target_sentences=target,
        source_ids=tuple(range(start[0], start[0] + len(source))),
        target_ids=tuple(range(start[1], start[1] + len(target))),
        **fields,
    )


def alignment() -> list[SegmentPair]:
    """Five links of three paragraphs: a 2-2, a 1-1 approved, a 1-0, a rejected, an edited one
    whose text looks like a formula."""
    return [
        link(
            ("Le Conseil décide.", "Il prie le Secrétaire."),
            ("The Council decides.", "It asks."),
            "p:1",
            0.62,
        ),
        link(("Il reste saisi.",), ("It remains seized.",), "p:1", 0.55, start=(2, 2), status="approved"),
        link(("Une phrase orpheline.",), (), "p:2", 0.97, start=(3, 3)),
        link(("Mauvais lien.",), ("Wrong link.",), "p:2", 0.99, start=(4, 3), status="rejected"),
        link(("=SOMME(A1)",), ("=SUM(A1) corrected",), "p:4", 0.3, start=(5, 4), status="edited"),
    ]


def as_tuples(pairs: list[SegmentPair]) -> list[tuple]:
    return [
        (p.source, p.target, p.key, p.kind, p.status, p.source_sentences, p.target_sentences, p.confidence)
        for p in pairs
    ]


# --- the links file ----------------------------------------------------------------------------


def test_links_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "links.jsonl"
    write_jsonl(alignment(), path, meta=META)
    first, *records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert first["format"] == "aligner-links" and first["version"] == 1
    assert first["disagreements"] == [{"kind": "missing", "key": "p:3", "detail": "no English paragraph 3"}]
    assert records[0]["source_sentences"] == ["Le Conseil décide.", "Il prie le Secrétaire."]
    assert "source_sentences" not in records[1] and records[1]["status"] == "approved"
    assert "status" not in records[0] and records[2]["target_ids"] == []
    links = read_links(path)
    assert links.meta == META
    assert as_tuples(links.pairs) == as_tuples(alignment())
    assert [pair.source_ids for pair in links.pairs] == [pair.source_ids for pair in alignment()]
    assert [pair.tuid for pair in links.pairs] == [record["tuid"] for record in records]
    assert links.pairs[0].props == {"source-file": "fr.txt", "target-file": "en.txt"}


def test_a_sentence_list_that_no_longer_spells_the_text_is_segmented_again(tmp_path: Path) -> None:
    path = tmp_path / "links.jsonl"
    record = {
        "source": "Première phrase corrigée. Deuxième phrase.",
        "target": "First sentence.",
        "source_sentences": ["Première phrase.", "Deuxième phrase."],
        "source_ids": [0, 1],
        "kind": "2-1",
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (pair,) = read_links(path, "fr", "en").pairs
    assert pair.source_sentences == ("Première phrase corrigée.", "Deuxième phrase.")
    assert pair.source_ids == (0, 1) and pair.kind == "2-1"
    assert (pair.source_lang, pair.target_lang, pair.confidence, pair.status) == ("fr", "en", 1.0, "")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[1, 2]", "expected a JSON object"),
        ('{"source": "a"}', "needs 'source' and 'target'"),
        ('{"source": "a", "target": "b", "status": "maybe"}', "status 'maybe' is not one of approved"),
        ('{"source": "a", "target": "b", "confidence": 1.5}', "not between 0 and 1"),
        ('{"source": "a", "target": "b", "confidence": "high"}', "is not a number"),
        ('{"source": ["a"], "target": "b"}', "expected text"),
        ('{"source": "a", "target": "b", "source_ids": [-1]}', "non-negative integers"),
        ('{"format": "aligner-links", "version": 9}', "newer than this aligner reads"),
        ("{not json", "not JSON"),
    ],
)
def test_bad_links_are_refused_with_the_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "links.jsonl"
    path.write_text('{"format": "aligner-links", "version": 1}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message) as error:
        read_links(path, "fr", "en")
    assert f"{path}:2" in str(error.value)


def test_missing_empty_and_other_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_links(tmp_path / "none.jsonl")
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="empty file"):
        read_links(tmp_path / "empty.jsonl")
    (tmp_path / "only-meta.jsonl").write_text('{"format": "aligner-links"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="no links"):
        read_links(tmp_path / "only-meta.jsonl")
    (tmp_path / "x.tmx").write_text("<tmx/>", encoding="utf-8")
    with pytest.raises(InputError, match="not a links file"):
        read_links(tmp_path / "x.tmx")
    (tmp_path / "fake.xlsx").write_text("not a workbook", encoding="utf-8")
    with pytest.raises(InputError, match=r"not an \.xlsx workbook"):
        read_links(tmp_path / "fake.xlsx")


# --- the TSV that align writes ------------------------------------------------------------------


def test_the_tsv_align_writes_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "memory.tsv"
    write_tsv(alignment(), path)  # a header, a byte-order mark, CRLF; the 1-0 and rejected links left out
    links = read_links(path)
    assert (links.meta.source_lang, links.meta.target_lang) == ("fr", "en")  # detected
    kept = [p.source for p in alignment() if p.target and p.status != "rejected"]
    assert [pair.source for pair in links.pairs] == kept
    first = links.pairs[0]
    assert first.source_sentences == ("Le Conseil décide.", "Il prie le Secrétaire.")  # segmented
    assert (first.kind, first.confidence, first.key, first.tuid) == ("2-2", 0.62, "p:1", "A/74/400:p:1:1")
    headerless = tmp_path / "bare.tsv"
    write_tsv(alignment(), headerless, header=False, bom=False)
    assert [p.source for p in read_links(headerless, "fr", "en").pairs] == [p.source for p in links.pairs]
    assert is_links_file(path) and not is_links_file(headerless)


def test_a_tsv_row_with_missing_cells_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "memory.tsv"
    path.write_text("source\ttarget\tconfidence\nUn.\tOne.\t0.5\nDeux.\tTwo.\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"memory.tsv:3: expected 3 tab-separated columns, found 2"):
        read_links(path, "fr", "en")


# --- the review sheet ---------------------------------------------------------------------------


def test_review_sheet_layout(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "review.xlsx"
    report = write_xlsx(alignment(), path, meta=META)
    assert report.units_written == 5
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["links", "document", "disagreements"]
    sheet = workbook["links"]
    header = [cell.value for cell in sheet[1]]
    assert header[:6] == ["n", "source (fr)", "target (en)", "confidence", "key", "status"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:K6"
    assert sheet.column_dimensions["B"].width == 60 and sheet.column_dimensions["L"].hidden
    assert (
        sheet["B2"].alignment.wrap_text and sheet["B2"].value == "Le Conseil décide.\nIl prie le Secrétaire."
    )
    assert sheet["D2"].number_format == "0.000"
    formula_like = sheet["B6"]
    assert (formula_like.value, formula_like.data_type, formula_like.quotePrefix) == ("=SOMME(A1)", "s", True)
    (status,) = sheet.data_validations.dataValidation
    assert str(status.sqref) == "F2:F6" and "rejected" in status.formula1
    assert [row for row in workbook["disagreements"].iter_rows(values_only=True)][1] == (
        "missing",
        "p:3",
        "no English paragraph 3",
    )


def test_review_sheet_reads_back_with_the_reviewers_changes(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "review.xlsx"
    write_xlsx(alignment(), path, meta=META)
    assert as_tuples(read_links(path).pairs) == as_tuples(alignment())
    assert read_links(path).meta == META
    labelled = alignment()
    labelled[0].source_label, labelled[0].target_label = "1.", "1."
    write_xlsx(labelled, path, meta=META)
    assert [(p.source_label, p.target_label) for p in read_links(path).pairs[:2]] == [("1.", "1."), ("", "")]
    write_xlsx(alignment(), path, meta=META)
    workbook = load_workbook(path)
    sheet = workbook["links"]
    sheet["C2"] = "The Council decides.\nIt requests the Secretary-General."  # an edit, status untouched
    sheet["F3"] = "rejected"
    sheet.move_range("A4:J4", rows=3)  # the 1-0 row moved to the end, as a sort would
    sheet.delete_rows(4)
    edited = tmp_path / "edited.xlsx"
    workbook.save(edited)
    pairs = read_links(edited).pairs
    assert [pair.source for pair in pairs] == [pair.source for pair in alignment()]  # order by n
    assert (
        pairs[0].status == "edited" and pairs[0].target_sentences[1] == "It requests the Secretary-General."
    )
    assert pairs[1].status == "rejected"
    assert pairs[2].status == "" and pairs[2].target == ""
    sheet = workbook["links"]
    sheet["F2"] = "perhaps"
    workbook.save(edited)
    with pytest.raises(InputError, match=r"row 2: status 'perhaps' is not one of"):
        read_links(edited)


def test_text_digest_tells_texts_apart() -> None:
    assert text_digest("a", "b") == text_digest("a", "b") != text_digest("a b", "")


# --- what terms, check and merge read -------------------------------------------------------------


def test_load_pairs_reads_links_files_and_leaves_out_rejected_links(tmp_path: Path) -> None:
    links, tsv, parallel_fr, parallel_en = (tmp_path / name for name in ("l.jsonl", "m.tsv", "a.fr", "a.en"))
    write_jsonl(alignment(), links, meta=META)
    write_tsv(alignment(), tsv)
    parallel_fr.write_text("Bonjour le monde.\n", encoding="utf-8")
    parallel_en.write_text("Hello world.\n", encoding="utf-8")
    pairs = load_pairs([links, parallel_fr, parallel_en, tsv])
    sources = [pair.source for pair in pairs]
    assert sources[:4] == [p.source for p in alignment() if p.status != "rejected"]
    assert sources[4] == "Bonjour le monde."
    assert len(sources) == 4 + 1 + 3 and "Mauvais lien." not in sources  # the TSV left it out too


def test_terms_check_and_merge_take_the_tsv_that_align_writes(tmp_path: Path) -> None:
    runner = CliRunner()
    memory = tmp_path / "sample.tsv"
    result = runner.invoke(cli, ["align", str(SAMPLE / "fr.txt"), str(SAMPLE / "en.txt"), "-o", str(memory)])
    assert result.exit_code == 0, result.output
    for arguments in (
        ["terms", str(memory), "-o", str(tmp_path / "terms.csv")],
        ["check", str(memory), "-o", str(tmp_path / "report.csv")],
        ["merge", str(memory), "-o", str(tmp_path / "merged.tmx")],
    ):
        result = runner.invoke(cli, arguments)
        assert result.exit_code == 0, (arguments[0], result.output)
    written = sum(1 for line in memory.read_text(encoding="utf-8-sig").splitlines()[1:] if line)
    assert len(list(read_memory(tmp_path / "merged.tmx"))) <= written
    assert (tmp_path / "terms.csv").stat().st_size > 0 and (tmp_path / "report.csv").stat().st_size > 0


def test_align_prints_the_links_file_and_evaluate_reads_it(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["align", str(SAMPLE / "fr.txt"), str(SAMPLE / "en.txt")])
    assert result.exit_code == 0, result.output
    printed = tmp_path / "printed.jsonl"
    printed.write_text(result.stdout, encoding="utf-8")
    links = read_links(printed)
    assert links.meta.source_file == "fr.txt" and links.meta.source_lang == "fr"
    assert all(len(pair.source_ids) == len(pair.source_sentences) for pair in links.pairs)
    ladder = tmp_path / "gold.ladder"
    ladder.write_text(
        "".join(f"{list(p.source_ids)}:{list(p.target_ids)}\n" for p in links.pairs), encoding="utf-8"
    )
    scored = runner.invoke(cli, ["evaluate", "--gold", str(ladder), "--pred", str(printed)])
    assert scored.exit_code == 0, scored.output
    assert "1.000" in scored.output


# --- aligner export ----------------------------------------------------------------------------


def export(tmp_path: Path, links: Path, output: str, *options: str) -> tuple[Path, str]:
    path = tmp_path / output
    result = CliRunner().invoke(cli, ["export", str(links), "-o", str(path), *options])
    assert result.exit_code == 0, result.output
    return path, result.output


@pytest.fixture()
def links_file(tmp_path: Path) -> Path:
    path = tmp_path / "links.jsonl"
    write_jsonl(alignment(), path, meta=META)
    return path


def test_export_tmx_leaves_out_rejected_and_empty_links_and_keeps_edits(
    tmp_path: Path, links_file: Path
) -> None:
    memory, output = export(tmp_path, links_file, "memory.tmx")
    tree = assert_valid_tmx(memory, load_tmx_dtd())
    units = tree.findall("body/tu")
    assert [unit.get("tuid") for unit in units] == ["A/74/400:p:1:1", "A/74/400:p:1:2", "A/74/400:p:4:1"]
    last = units[-1]
    assert [seg.text for seg in last.iter("seg")] == ["=SOMME(A1)", "=SUM(A1) corrected"]
    props = {prop.get("type"): prop.text for prop in last.iter("prop")}
    assert props["x-status"] == "edited" and props["x-confidence"] == "0.300"
    assert [tuv.get(XML_LANG) for tuv in last.iter("tuv")] == ["fr-FR", "en-GB"]
    assert "1 approved, 1 rejected, 1 edited" in output
    assert "1 rejected by a reviewer left out; 1 with an empty side skipped" in output


def test_export_applies_the_memory_options_of_align(tmp_path: Path, links_file: Path) -> None:
    memory, _ = export(tmp_path, links_file, "strict.tmx", "--min-confidence", "0.6")
    tuids = [pair.tuid for pair in read_memory(memory)]
    assert tuids == ["A/74/400:p:1:1", "A/74/400:p:1:2", "A/74/400:p:4:1"]  # reviewed links are sure
    memory, _ = export(tmp_path, links_file, "strict.tmx", "--min-confidence", "0.9")
    assert [pair.tuid for pair in read_memory(memory)] == ["A/74/400:p:1:2", "A/74/400:p:4:1"]
    memory, _ = export(tmp_path, links_file, "noted.tmx", "--min-confidence", "0.9", "--keep-low")
    notes = [pair.note for pair in read_memory(memory)]
    assert notes[0].startswith("low confidence: 0.620") and notes[1:] == ["", ""]
    memory, _ = export(tmp_path, links_file, "canada.tmx", "--src-lang", "fr-CA", "--tgt-lang", "en-CA")
    assert {pair.source_lang for pair in read_memory(memory)} == {"fr-CA"}
    memory, _ = export(tmp_path, links_file, "paragraphs.tmx", "--segtype", "paragraph")
    paragraphs = list(read_memory(memory))
    assert [pair.key for pair in paragraphs] == ["p:1", "p:4"]  # p:2 holds a gap and a rejected link
    assert paragraphs[0].source == "Le Conseil décide. Il prie le Secrétaire. Il reste saisi."
    assert_valid_tmx(memory, load_tmx_dtd())


def test_export_tsv_jsonl_and_xlsx(tmp_path: Path, links_file: Path) -> None:
    tsv, _ = export(tmp_path, links_file, "memory.tsv")
    lines = tsv.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "source\ttarget\tconfidence\tkey\ttuid" and len(lines) == 1 + 3
    copy, _ = export(tmp_path, links_file, "copy.jsonl")
    assert as_tuples(read_links(copy).pairs) == as_tuples(alignment())
    sheet, _ = export(tmp_path, links_file, "review.xlsx")
    again, _ = export(tmp_path, sheet, "again.jsonl")
    assert as_tuples(read_links(again).pairs) == as_tuples(alignment())
    assert read_links(again).meta == META


def test_export_refuses_to_overwrite_its_input_and_unknown_formats(tmp_path: Path, links_file: Path) -> None:
    before = links_file.read_bytes()
    result = CliRunner().invoke(cli, ["export", str(links_file), "-o", str(links_file)])
    assert result.exit_code != 0 and "overwrite the input" in result.output
    result = CliRunner().invoke(cli, ["export", str(links_file), "-o", str(tmp_path / "memory.docx")])
    assert result.exit_code != 0 and "use one of" in result.output
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "none.jsonl"), "-o", str(tmp_path / "m.tmx")])
    assert result.exit_code != 0 and "no such file" in result.output
    assert links_file.read_bytes() == before and not (tmp_path / "m.tmx").exists()


def test_export_tmx_is_read_by_translate_toolkit(tmp_path: Path, links_file: Path) -> None:
    tmx_storage = pytest.importorskip("translate.storage.tmx", reason="translate-toolkit is not installed")
    memory, _ = export(tmp_path, links_file, "memory.tmx")
    store = tmx_storage.tmxfile.parsefile(str(memory))
    expected = [(p.source, p.target) for p in alignment() if p.status != "rejected" and p.target]
    assert [(unit.source, unit.target) for unit in store.units] == expected


def test_write_segments_writes_the_review_sheet(tmp_path: Path) -> None:
    report = write_segments(alignment(), tmp_path / "links.xlsx", min_confidence=0.7)
    assert (report.format, report.units_written, report.dropped_below_threshold) == ("xlsx", 4, 1)


def test_merge_takes_links_files_without_their_rejected_links(tmp_path: Path, links_file: Path) -> None:
    merged = tmp_path / "merged.tmx"
    result = CliRunner().invoke(cli, ["merge", str(links_file), str(links_file), "-o", str(merged)])
    assert result.exit_code == 0, result.output
    assert re.search(r"rejected by a reviewer\s+2\b", result.output)
    assert [pair.tuid for pair in read_memory(merged)] == [
        "A/74/400:p:1:1",
        "A/74/400:p:1:2",
        "A/74/400:p:4:1",
    ]
    assert_valid_tmx(merged, load_tmx_dtd())
