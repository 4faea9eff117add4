"""``aligner batch``: pair discovery, the journal, per-pair failures, local processes against a
Dask cluster, and a run killed with SIGKILL then resumed."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from aligner.batch import discover
from aligner.batch.discover import PairSpec
from aligner.batch.executors import LocalProcesses, WorkerLost
from aligner.batch.journal import JournalRecord, JournalWriter, compact_journal, read_journal
from aligner.batch.settings import BatchSettings
from aligner.batch.summary import PairRow, summary_frame
from aligner.batch.worker import PairJob, run_pair
from aligner.cli import AlignerGroup
from aligner.cli.batch import register
from aligner.links import read_links
from aligner.memories import read_memory
from aligner.model import Link

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "corpora" / "sample"
CREATED = "2024-05-01T09:00:00Z"
PER_PAIR_FILES = ("memory.tmx", "links.jsonl", "checks.csv", "checks.html")
# Columns that say how a particular run went rather than what it produced.
RUN_COLUMNS = ("seconds", "status")
# The settings of every whole-batch run here. The term consistency check is the slowest
# part of a pair (5 s of the UN pair's 13 on a loaded machine): the one-pair and shared-model
# tests run it.
SETTINGS = ("--created", CREATED, "--skip", "term-consistency", "--no-progress")


def touch(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- discovery ------------------------------------------------------------------------------


def test_folders_pair_files_by_every_naming_convention(tmp_path: Path):
    for name in (
        "acts/C-1/fr.xml",
        "acts/C-1/en.xml",
        "A_74_400_F.txt",
        "A_74_400_E.txt",
        "report.fr.md",
        "report.en.md",
        "site/fr/guide.html",
        "site/en/guide.html",
        "un/fr/A_1_F.txt",
        "un/en/A_1_E.txt",
        "A_74_400_S.txt",
        "NOTE.md",
        ".hidden/fr.txt",
        "data.csv",
    ):
        touch(tmp_path / name)
    found = discover([tmp_path])
    assert [
        (pair.id, pair.source.relative_to(tmp_path).as_posix(), pair.target.relative_to(tmp_path).as_posix())
        for pair in found.pairs
    ] == [
        ("A_74_400", "A_74_400_F.txt", "A_74_400_E.txt"),
        ("acts/C-1", "acts/C-1/fr.xml", "acts/C-1/en.xml"),
        ("report", "report.fr.md", "report.en.md"),
        ("site/guide", "site/fr/guide.html", "site/en/guide.html"),
        ("un/A_1", "un/fr/A_1_F.txt", "un/en/A_1_E.txt"),
    ]
    assert not any(pair.declared for pair in found.pairs)
    assert found.unpaired == []
    assert sorted(path.name for path in found.ignored) == ["A_74_400_S.txt", "NOTE.md"]


def test_a_batch_of_other_languages_pairs_their_files_and_leaves_the_rest(tmp_path: Path):
    """With languages given, the same conventions find files of those languages (the UN
    letter is the language's: S for Spanish); files in other languages are not looked at."""
    for name in (
        "A_74_400_S.txt",
        "A_74_400_E.txt",
        "A_74_400_F.txt",
        "plan/es.pdf",
        "plan/en.pdf",
        "x/fr.txt",
    ):
        touch(tmp_path / name)
    found = discover([tmp_path], languages=("es", "en"))
    codes = [tuple(language.code for language in pair.languages) for pair in found.pairs]
    assert [
        (pair.id, pair.source.name, pair.target.name, pair_codes)
        for pair, pair_codes in zip(found.pairs, codes, strict=True)
    ] == [
        ("A_74_400", "A_74_400_S.txt", "A_74_400_E.txt", ("es", "en")),
        ("plan", "es.pdf", "en.pdf", ("es", "en")),
    ]
    assert found.unpaired == []
    assert sorted(path.name for path in found.ignored) == ["A_74_400_F.txt", "fr.txt"]
    spanish_french = discover([tmp_path], languages=("es", "fr"))
    assert [pair.id for pair in spanish_french.pairs] == ["A_74_400"]
    assert [unpaired.reason.split(" beside")[0] for unpaired in spanish_french.unpaired] == [
        "no French file",
        "no Spanish file",
    ]


def test_files_without_a_partner_and_two_french_files_are_unpaired_with_a_reason(tmp_path: Path):
    for name in ("lonely/fr.txt", "twice/fr.txt", "twice/fr.docx", "twice/en.txt", "B_2_E.txt"):
        touch(tmp_path / name)
    found = discover([tmp_path])
    assert found.pairs == []
    reasons = {unpaired.id: unpaired.reason for unpaired in found.unpaired}
    assert reasons["lonely"].startswith("no English file beside")
    assert reasons["twice"] == "two French files for one id (fr.docx, fr.txt)"
    assert reasons["B_2"].startswith("no French file beside")


def test_a_manifest_reads_paths_from_its_own_folder_and_reports_bad_rows(tmp_path: Path):
    touch(tmp_path / "docs" / "un.fr.txt")
    touch(tmp_path / "docs" / "un.en.txt")
    manifest = touch(
        tmp_path / "lists" / "batch.csv",
        "id,french,english\n"
        "first,../docs/un.en.txt,../docs/un.fr.txt\n"
        "short,only-one.txt\n"
        "../escape,a.txt,b.txt\n",
    )
    found = discover([manifest, tmp_path / "docs"])
    first = found.pairs[0]
    assert (first.id, first.declared) == ("first", True)
    assert first.source.resolve() == (tmp_path / "docs" / "un.en.txt").resolve()  # the manifest decides
    assert [pair.id for pair in found.pairs] == ["first", "un"]
    reasons = {unpaired.id: unpaired.reason for unpaired in found.unpaired}
    assert reasons["short"] == "batch.csv line 3: expected 3 cells (id, French path, English path)"
    assert reasons["../escape"].startswith("batch.csv line 4: unusable id")


def test_an_id_given_by_two_sources_is_reported_once_used(tmp_path: Path):
    for folder in ("one", "two"):
        touch(tmp_path / folder / "doc" / "fr.txt")
        touch(tmp_path / folder / "doc" / "en.txt")
    found = discover([tmp_path / "one", tmp_path / "two"])
    assert [pair.source.parts[-3] for pair in found.pairs] == ["one"]
    assert found.unpaired[0].reason.startswith("id 'doc' is already used by")


# --- journal, summary ---------------------------------------------------------------------------


def test_the_journal_skips_a_line_cut_by_a_kill_and_appends_after_it(tmp_path: Path):
    path = tmp_path / "journal.jsonl"
    with JournalWriter(path) as journal:
        journal.append(JournalRecord("a", "f1", "ok", {"id": "a"}))
        journal.append(JournalRecord("b", "f2", "failed", {"id": "b"}))
    with open(path, "a", encoding="utf-8") as stream:
        stream.write('{"v": 1, "id": "c", "finger')  # what a SIGKILL in mid-write leaves
    contents = read_journal(path)
    assert sorted(contents.latest) == ["a", "b"] and contents.broken_lines == 1
    with JournalWriter(path) as journal:
        journal.append(JournalRecord("a", "f3", "ok", {"id": "a"}))
    contents = read_journal(path)
    assert contents.latest["a"].fingerprint == "f3" and contents.broken_lines == 1
    compact_journal(path, contents.latest.values())
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2
    assert read_journal(path).broken_lines == 0


def test_summary_rows_count_links_by_type_and_keep_their_columns_when_empty():
    row = PairRow(id="x", source="fr.txt", target="en.txt")
    row.count_links(
        [Link((0,), (0,), 0.9), Link((1,), (1, 2), 0.5), Link((2,), (), 1.0), Link((3, 4, 5), (3,), 0.2)]
    )
    assert (row.links_1_1, row.links_1_2, row.links_1_0, row.links_other, row.links) == (1, 1, 1, 1, 4)
    assert row.mean_confidence == pytest.approx(0.65)
    assert summary_frame([]).columns == summary_frame([row]).columns
    assert summary_frame([row]).schema["mean_confidence"] == pl.Float64


# --- one pair, in this process -------------------------------------------------------------------


def test_a_pair_whose_aligner_raises_is_a_failed_row_and_leaves_no_stale_output(tmp_path: Path, monkeypatch):
    folder = tmp_path / "pairs" / "sample"
    stale = touch(folder / "memory.tmx", "an earlier run's memory")

    def broken_aligner(*args, **kwargs):
        raise RuntimeError("the aligner broke\non two lines")

    monkeypatch.setattr("aligner.batch.worker.align_documents", broken_aligner)
    job = PairJob(
        PairSpec("sample", SAMPLE / "fr.txt", SAMPLE / "en.txt"), folder, "f", BatchSettings(created=CREATED)
    )
    outcome = run_pair(job)
    assert outcome.row.status == "failed"
    assert outcome.row.reason == "aligning sentences: RuntimeError: the aligner broke on two lines"
    assert not stale.exists()
    log = (folder / "pair.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "broken_aligner" in log


def test_a_pairs_links_file_carries_that_pairs_own_alignment_metadata(tmp_path: Path):
    # The review page and ``aligner export`` read languages, files and disagreements from the
    # links file's first line: it must describe this pair, not be guessed from its first link.
    folder = tmp_path / "pairs" / "sample"
    job = PairJob(
        PairSpec("sample", SAMPLE / "fr.txt", SAMPLE / "en.txt"), folder, "f", BatchSettings(created=CREATED)
    )
    assert run_pair(job).row.status == "ok"
    links = read_links(folder / "links.jsonl")
    meta = links.meta
    assert (meta.source_lang, meta.target_lang) == ("fr", "en")
    assert (meta.source_file, meta.target_file) == ("fr.txt", "en.txt")
    assert meta.document == (meta.symbol or "sample")
    assert links.pairs and all(pair.source_lang.startswith("fr") for pair in links.pairs)


def test_a_worker_that_dies_fails_its_own_item_only():
    # Each call raises a signal in its worker: SIGKILL kills it (as the kernel's OOM killer
    # would), the others are ignored by default and the call returns None.
    calls = [signal.SIGWINCH, signal.SIGURG, signal.SIGKILL, signal.SIGCHLD, signal.SIGWINCH]
    results = list(LocalProcesses(2).results(signal.raise_signal, calls))
    assert sorted(calls) == sorted(call for call, _ in results)
    assert [call for call, outcome in results if isinstance(outcome, WorkerLost)] == [signal.SIGKILL]
    assert [outcome for _, outcome in results if not isinstance(outcome, WorkerLost)] == [None] * 4


# --- whole batches ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def batch_inputs(tmp_path_factory, corpora: Path) -> Path:
    """Real pairs in every layout, a pair named the wrong way round, and bad pairs."""
    root = tmp_path_factory.mktemp("inputs")
    acts = corpora / "canada-acts"
    copies = {
        "un-a74400/fr.txt": corpora / "un-a74400" / "fr.txt",
        "un-a74400/en.txt": corpora / "un-a74400" / "en.txt",
        "sample/fr.txt": SAMPLE / "fr.txt",
        "sample/en.txt": SAMPLE / "en.txt",
        "A_80_412_F.txt": SAMPLE / "fr.txt",  # the same document again: duplicates in the merge
        "A_80_412_E.txt": SAMPLE / "en.txt",
        "acts/J-2/en.xml": acts / "J-2" / "en.xml",
        "acts/J-2/fr.xml": acts / "J-2" / "fr.xml",
        "acts/C-12.3/fr.xml": acts / "C-12.3" / "en.xml",  # named the wrong way round
        "acts/C-12.3/en.xml": acts / "C-12.3" / "fr.xml",
        "twice/fr.txt": SAMPLE / "fr.txt",
        "twice/fr.xml": acts / "J-2" / "fr.xml",
        "twice/en.txt": SAMPLE / "en.txt",
        "lonely/fr.txt": SAMPLE / "fr.txt",
        "binary/en.txt": SAMPLE / "en.txt",
        "empty/en.txt": SAMPLE / "en.txt",
    }
    for name, source in copies.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, root / name)
    (root / "binary" / "fr.txt").write_bytes(bytes(range(256)) * 20)
    (root / "empty" / "fr.txt").write_bytes(b"")
    return root


def batch_group():
    group = AlignerGroup("aligner")
    register(group)
    return group


def run_cli(*arguments: object):
    return CliRunner().invoke(batch_group(), ["batch", *map(str, arguments)])


@pytest.fixture(scope="module")
def local_run(batch_inputs: Path, tmp_path_factory) -> Path:
    outdir = tmp_path_factory.mktemp("local") / "out"
    result = run_cli(batch_inputs, "-o", outdir, "-j", 2, *SETTINGS)
    assert result.exit_code == 1, result.output  # some pairs are bad on purpose
    return outdir


def summary_rows(outdir: Path) -> dict[str, dict]:
    frame = pl.read_parquet(outdir / "summary.parquet")
    assert frame.equals(pl.read_csv(outdir / "summary.csv", schema=frame.schema))
    return {row["id"]: row for row in frame.iter_rows(named=True)}


def produced(rows: dict[str, dict]) -> dict[str, dict]:
    """The rows without what depends on the run (time taken; aligned now or skipped as done)."""
    return {
        key: {name: value for name, value in row.items() if name not in RUN_COLUMNS}
        for key, row in rows.items()
    }


def assert_same_outputs(first: Path, second: Path) -> None:
    assert produced(summary_rows(first)) == produced(summary_rows(second))
    for memory in sorted((first / "pairs").rglob("memory.tmx")):
        for name in PER_PAIR_FILES:
            mine = memory.parent / name
            theirs = second / mine.relative_to(first)
            assert mine.read_bytes() == theirs.read_bytes(), mine
    assert (first / "merged.tmx").read_bytes() == (second / "merged.tmx").read_bytes()


def test_a_spanish_english_batch_aligns_spanish_to_english(tmp_path: Path):
    from test_spanish import ENGLISH, SPANISH

    touch(tmp_path / "in" / "res" / "es.txt", SPANISH)
    touch(tmp_path / "in" / "res" / "en.txt", ENGLISH)
    touch(tmp_path / "in" / "turned" / "es.txt", ENGLISH)
    touch(tmp_path / "in" / "turned" / "en.txt", SPANISH)
    outdir = tmp_path / "out"
    result = run_cli(
        tmp_path / "in", "-o", outdir, "-j", 1, "--src-lang", "es", "--tgt-lang", "en", *SETTINGS
    )
    assert result.exit_code == 0, result.output
    rows = summary_rows(outdir)
    assert {key: (row["source_lang"], row["target_lang"]) for key, row in rows.items()} == {
        "res": ("es", "en"),
        "turned": ("es", "en"),
    }
    assert "aligned Spanish → English" in rows["turned"]["notes"]
    units = list(read_memory(outdir / "merged.tmx"))
    assert units and all(unit.source_lang.startswith("es") for unit in units)
    assert any("Asamblea General" in unit.source and "General Assembly" in unit.target for unit in units)


def test_a_batch_refuses_one_language_for_both_sides(tmp_path: Path):
    result = run_cli(tmp_path, "-o", tmp_path / "out", "--src-lang", "es", "--tgt-lang", "es-MX")
    assert result.exit_code == 2 and "both 'es'" in result.output


def test_a_local_batch_aligns_good_pairs_and_lists_bad_ones_with_a_reason(local_run: Path):
    rows = summary_rows(local_run)
    status = {key: row["status"] for key, row in rows.items()}
    assert status == {
        "A_80_412": "ok",
        "acts/C-12.3": "ok",
        "acts/J-2": "ok",
        "sample": "ok",
        "un-a74400": "ok",
        "binary": "failed",
        "empty": "failed",
        "lonely": "failed",
        "twice": "failed",
    }
    assert rows["binary"]["reason"].endswith("binary/fr.txt: this is a binary file, not text")
    assert rows["empty"]["reason"].endswith("empty/fr.txt: the file is empty")
    assert rows["twice"]["reason"] == "unpaired: two French files for one id (fr.txt, fr.xml)"
    assert rows["lonely"]["reason"].startswith("unpaired: no English file beside")
    swapped = rows["acts/C-12.3"]
    assert swapped["source"].endswith("C-12.3/en.xml") and swapped["source_lang"] == "fr"
    assert "aligned French → English" in swapped["notes"]
    un = rows["un-a74400"]
    assert un["units_source"] > 500 and un["links"] >= un["links_1_1"] > 400
    assert un["sentences_source"] > 500 and 0 < un["mean_confidence"] <= 1
    for key in ("A_80_412", "acts/C-12.3", "acts/J-2", "sample", "un-a74400"):
        folder = local_run / "pairs" / key
        units = list(read_memory(folder / "memory.tmx"))
        assert len(units) == rows[key]["memory_units"] > 0
        # Justice Canada acts are Canadian by their format; the others' origin is unknown.
        assert units[0].source_lang == ("fr-CA" if key.startswith("acts/") else "fr-FR")
        assert (
            (folder / "pair.log")
            .read_text(encoding="utf-8")
            .rstrip()
            .endswith(f"ok in {rows[key]['seconds']:.2f} s")
        )
    assert 'creationdate="20240501T090000Z"' in (local_run / "merged.tmx").read_text(encoding="utf-8")[:600]


def test_the_merged_memory_counts_the_duplicated_document_once(local_run: Path):
    log = (local_run / "batch.log").read_text(encoding="utf-8")
    rows = summary_rows(local_run)
    merged = len(list(read_memory(local_run / "merged.tmx")))
    per_pair = sum(row["memory_units"] for row in rows.values())
    duplicates = int(re.search(r"(\d+) duplicates removed", log).group(1))
    assert duplicates >= rows["sample"]["memory_units"]
    assert merged == per_pair - duplicates
    terms = pl.read_csv(local_run / "terms.csv")
    assert terms.height > 10 and {"term (fr)", "term (en)", "documents"} <= set(terms.columns)
    assert terms["example (fr)"].str.len_chars().min() > 0, "every term has its example sentence"


def test_a_dask_cluster_produces_the_same_outputs(batch_inputs: Path, local_run: Path, tmp_path: Path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        result = run_cli(
            batch_inputs,
            "-o",
            tmp_path / "out",
            "--scheduler",
            cluster.scheduler_address,
            *SETTINGS,
            "--no-terms",
        )  # terms are made in the parent from the memories compared here
    assert result.exit_code == 1, result.output
    assert_same_outputs(local_run, tmp_path / "out")


def batch_process(sources: Path, outdir: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "aligner.cli.batch",
        str(sources),
        "-o",
        str(outdir),
        "-j",
        "1",
        *SETTINGS,
        "--no-terms",
    ]
    return subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )


def wait_for_journal_lines(
    journal: Path, process: subprocess.Popen, count: int, timeout: float = 120
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if journal.exists() and len(journal.read_bytes().splitlines()) >= count:
            return
        assert process.poll() is None, process.stderr.read().decode()
        time.sleep(0.05)
    raise AssertionError(f"no journal line after {timeout} s")


def test_a_batch_killed_after_its_first_pair_resumes_to_the_same_outputs(
    batch_inputs: Path, local_run: Path, tmp_path: Path
):
    outdir = tmp_path / "out"
    process = batch_process(batch_inputs, outdir)
    try:
        wait_for_journal_lines(outdir / ".batch" / "journal.jsonl", process, 1)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # the batch and its workers, as a crash would
        process.wait()
    journal = outdir / ".batch" / "journal.jsonl"
    done = read_journal(journal).latest
    assert 1 <= len(done) < 7 and not (outdir / "summary.csv").exists()
    with open(journal, "a", encoding="utf-8") as stream:
        stream.write('{"v": 1, "id": "sample", "fingerprint": "')  # a line the kill cut short

    resumed = run_cli(
        batch_inputs, "-o", outdir, "-j", 2, "--skip", "term-consistency", "--no-progress", "--no-terms"
    )
    # (no --created: the output folder keeps the date of its first run)
    assert resumed.exit_code == 1, resumed.output
    rows = summary_rows(outdir)
    assert {key for key, row in rows.items() if row["status"] == "skipped"} == {
        key for key, record in done.items() if record.status == "ok"
    }
    assert_same_outputs(local_run, outdir)
    assert not list(outdir.rglob("*.part"))
    assert "1 incomplete line skipped" in (outdir / "batch.log").read_text(encoding="utf-8")


def test_a_rerun_redoes_only_the_pair_whose_file_changed(batch_inputs: Path, local_run: Path, tmp_path: Path):
    inputs, outdir = tmp_path / "inputs", tmp_path / "out"
    shutil.copytree(batch_inputs, inputs)
    shutil.copytree(local_run, outdir)
    unchanged = run_cli(inputs, "-o", outdir, "-j", 1, *SETTINGS)
    assert {row["status"] for row in summary_rows(outdir).values()} == {"skipped", "failed"}, unchanged.output
    english = inputs / "sample" / "en.txt"
    english.write_text(
        english.read_text(encoding="utf-8").replace("relevant summary records", "summary records"),
        encoding="utf-8",
    )
    run_cli(inputs, "-o", outdir, "-j", 1, *SETTINGS, "--no-terms")
    status = {key: row["status"] for key, row in summary_rows(outdir).items() if row["status"] != "failed"}
    assert status == {
        "A_80_412": "skipped",
        "acts/C-12.3": "skipped",
        "acts/J-2": "skipped",
        "sample": "ok",
        "un-a74400": "skipped",
    }
    memory = (outdir / "pairs" / "sample" / "memory.tmx").read_text(encoding="utf-8")
    assert "reflected in the summary records" in memory and "relevant summary records" not in memory


def test_a_shared_model_is_fitted_once_and_used_by_every_pair(corpora: Path, tmp_path: Path):
    acts = corpora / "canada-acts"
    manifest = touch(
        tmp_path / "pairs.csv",
        f"id,fr,en\nsample,{SAMPLE / 'fr.txt'},{SAMPLE / 'en.txt'}\n"
        f"J-2,{acts / 'J-2' / 'fr.xml'},{acts / 'J-2' / 'en.xml'}\n",
    )
    result = run_cli(
        manifest, "-o", tmp_path / "out", "--shared-model", "-j", 2, "--no-progress", "--no-terms"
    )
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out" / ".batch").glob("model-*.pkl"))) == 1
    for key in ("sample", "J-2"):
        assert (
            "aligning sentences with the shared model"
            in (tmp_path / "out" / "pairs" / key / "pair.log").read_text()
        )
    again = run_cli(
        manifest, "-o", tmp_path / "out", "--shared-model", "-j", 2, "--no-progress", "--no-terms"
    )
    assert "ok 0, skipped 2, failed 0" in again.output


def test_usage_errors_are_one_line(tmp_path: Path):
    missing = run_cli(tmp_path / "nowhere", "-o", tmp_path / "out")
    assert (
        missing.exit_code == 2
        and missing.output.strip() == f"aligner batch: error: {tmp_path / 'nowhere'}: no such file or folder"
    )
    bad_check = run_cli(tmp_path, "-o", tmp_path / "out", "--checks", "spelling")
    assert bad_check.exit_code == 2 and bad_check.output.startswith(
        "aligner batch: error: unknown check: spelling"
    )
    bad_date = run_cli(tmp_path, "-o", tmp_path / "out", "--created", "yesterday")
    assert bad_date.exit_code == 2 and "not an ISO 8601 date" in bad_date.output
