"""Hostile and huge inputs, file-system traps, signals: no hang, no traceback, no harm.

Each case of ``hostile_cases`` (encodings, regular-expression traps, XML/HTML/Word/PDF
attacks, hostile memories and links files, file-system traps, outputs that must stay valid,
batch pairs that fail) runs through the ``aligner`` command and must end in a valid output or
in one line on stderr, with no input changed and no temporary file left. The long cases (a
20 MB line, a million lines) and the timings are in scripts/bench_hostile.py.

Then: the stages of the pipeline on generated pathological strings (hypothesis), checked for
what they promise (the splitter gives the text back, keys are unique, outputs stay valid);
signals and kill -9 at random moments of align, merge, terms and batch.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import hostile_cases as cases
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.anchors import extract
from aligner.checks import run_checks
from aligner.model import RawDocument, SegmentPair
from aligner.profiles import get_profile
from aligner.readers.text import split_blocks
from aligner.repair import repair
from aligner.segment import split_sentences
from aligner.structure import parse
from aligner.terms.sheets import safe_cell, write_csv
from aligner.writers import write_segments

FRENCH, ENGLISH = get_profile("fr"), get_profile("en")


@pytest.mark.parametrize("case", cases.quick_cases(), ids=lambda case: f"{case.family}/{case.name}")
def test_hostile_case(case: cases.Case, tmp_path: Path) -> None:
    cases.run_in_process(case, tmp_path)


def test_the_catalogue_covers_every_command_and_family() -> None:
    assert len(cases.CASES) >= 150
    commands = {case.build.__qualname__ for case in cases.CASES}
    assert commands
    families = {case.family for case in cases.CASES}
    assert families >= {
        "encodings",
        "redos",
        "xml-html-docx-pdf",
        "memories-links",
        "file-system",
        "outputs",
        "batch",
    }


# --- the stages on pathological strings ----------------------------------------------------

PIECES = [
    ".",
    ". ",
    "...",
    "!",
    "?",
    "…",
    "(",
    ")",
    "[",
    "]",
    "[a](",
    "](#)",
    "*",
    "**",
    "^",
    "^{",
    "}",
    "-",
    "- ",
    "/",
    "A/",
    "1",
    "12",
    "1,5",
    "2 225",
    "¹",
    "²³",
    "⁴ ",
    "«",
    "»",
    "“",
    "”",
    "'",
    "’",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\f",
    "M. ",
    "Mr. ",
    "e.g. ",
    "a) ",
    "(a) ",
    "i) ",
    "I. ",
    "A. ",
    "12. ",
    "Annexe II",
    "Projet de résolution IV",
    "L'Assemblée générale,",
    "Décide ",
    "mot",
    "Mot",
    "international",
    "inter-",
    "national",
    "é",
    "\u00a0",
    "\u202f",
    "\u2028",
    "\x01",
    "=",
    "+",
    "@",
]


def pathological(min_size: int = 0) -> st.SearchStrategy[str]:
    """Texts made of pieces that trip regular expressions, repeated in runs."""
    run = st.tuples(st.sampled_from(PIECES), st.integers(1, 400)).map(lambda item: item[0] * item[1])
    return st.lists(
        st.one_of(run, st.sampled_from(PIECES), st.text(max_size=20)), min_size=1, max_size=40
    ).map("".join)


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(pathological())
def test_splitter_gives_the_text_back(text: str) -> None:
    for profile in (FRENCH, ENGLISH):
        sentences = split_sentences(text, profile)
        assert " ".join(sentences) == " ".join(text.split())
        assert all(sentence.strip() == sentence and sentence for sentence in sentences)


@FUZZ
@given(pathological())
def test_repair_and_structure_keep_unique_keys(text: str) -> None:
    raw = RawDocument("fuzz.txt", "text", split_blocks(text))
    repaired, _ = repair(raw, FRENCH)
    document = parse(repaired, FRENCH)
    keys = [unit.key for unit in document.units]
    assert len(keys) == len(set(keys))
    for unit in document.units:
        assert unit.text.strip() or unit.kind in ("meta", "heading", "footnote")
    repaired_words = " ".join(" ".join(block.text for block in repaired.blocks).split())
    assert len(repaired_words) <= len(" ".join(text.split())) + 1


@FUZZ
@given(pathological(), pathological())
def test_anchors_and_checks_take_anything(source: str, target: str) -> None:
    extract(source, FRENCH)
    extract(target, ENGLISH)
    findings = run_checks([SegmentPair(source, target, "fr", "en", key="k")], source_lang="fr")
    for finding in findings:
        assert finding.check and isinstance(finding.detail, str)


@FUZZ
@given(pathological(), pathological())
def test_memories_stay_valid_whatever_the_text(tmp_path_factory, source: str, target: str) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    pairs = [SegmentPair(source or "x", target or "y", "fr", "en", key="p:1", document="d", confidence=0.9)]
    for suffix in (".tmx", ".tsv", ".jsonl"):
        path = folder / f"out{suffix}"
        write_segments(pairs, path)
        cases.check_output(path)


@FUZZ
@given(st.text())
def test_no_spreadsheet_cell_is_a_live_formula(text: str) -> None:
    cell = safe_cell(text)
    assert isinstance(cell, str)
    assert not cell.startswith(cases.FORMULA_STARTS)
    assert not any(ord(char) < 32 and char not in "\t\n\r" for char in cell)
    assert not any(0xD800 <= ord(char) <= 0xDFFF for char in cell)


def test_control_character_before_a_formula_is_neutralised(tmp_path: Path) -> None:
    import polars as pl

    frame = pl.DataFrame({"text": ["\x01=1+1", "\x00\x02@SUM(A1)", '=HYPERLINK("x")', "fine"]})
    cleaning = write_csv(frame, tmp_path / "t.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "t.csv").read_text())))
    assert [row[0] for row in rows[1:]] == ["'=1+1", "'@SUM(A1)", '\'=HYPERLINK("x")', "fine"]
    assert cleaning.characters_removed == 3


# --- signals and kill -9 ---------------------------------------------------------------------


def run_aligner(args: list[str], **options) -> subprocess.CompletedProcess:
    return subprocess.run(cases.command(args), capture_output=True, text=True, timeout=300, **options)


def start_aligner(args: list[str]) -> subprocess.Popen:
    return subprocess.Popen(cases.command(args), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_for_work(process: subprocess.Popen, seconds: float) -> None:
    """Let the process run ``seconds`` of CPU time (its start-up done), or until it ends."""
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        try:
            with open(f"/proc/{process.pid}/stat") as stat_file:
                fields = stat_file.read().rsplit(")", 1)[1].split()
            if (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") >= seconds:
                return
        except (OSError, IndexError, ValueError):
            return
        time.sleep(0.02)


def wait_for_output(process: subprocess.Popen, folder: Path) -> None:
    """Let the process run until it has begun writing an output (a temporary file of the
    atomic writer exists under ``folder``), or until it ends: a signal sent then finds its
    handler installed, however slow the start-up (modules compiled afresh in a new clone)."""
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline and not cases.leftovers(folder):
        time.sleep(0.005)


def big_memories(folder: Path, count: int = 12, units: int = 3000) -> list[Path]:
    return [cases.sample_memory(folder, f"m{k}.tmx", units=units) for k in range(count)]


def test_sigterm_during_merge_leaves_no_part_file(tmp_path: Path) -> None:
    memories = big_memories(tmp_path)
    before = cases.fingerprint(tmp_path, set())
    output = tmp_path / "merged.tmx"
    process = start_aligner(["merge", *map(str, memories), "-o", str(output)])
    wait_for_output(process, tmp_path)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    if process.returncode != 0:
        assert process.returncode == 128 + signal.SIGTERM and "terminated" in stderr.decode()
        assert not output.exists()
    else:
        cases.check_output(output)
    assert not cases.leftovers(tmp_path)
    assert cases.fingerprint(tmp_path, {output}) == before


def presegmented_args(folder: Path, output: Path) -> list[str]:
    """Two files of one sentence a line, long enough to be killed in the middle."""
    rows = cases.SENTENCE_ROWS * 150
    fr = cases.write(folder, "fr.sents", "".join(f"{a} ({k})\n" for k, (a, _) in enumerate(rows)))
    en = cases.write(folder, "en.sents", "".join(f"{b} ({k})\n" for k, (_, b) in enumerate(rows)))
    return [
        "align",
        str(fr),
        str(en),
        "--presegmented",
        "-o",
        str(output),
        "--src-lang",
        "fr",
        "--tgt-lang",
        "en",
    ]


KILLED = {
    "align": lambda folder: cases.align_args(*cases.sample_pair(folder), folder / "out.tmx"),
    "align-tsv": lambda folder: cases.align_args(
        *(cases.write(folder, f"{code}.txt", "\n\n".join([cases.sample(code)] * 6)) for code in ("fr", "en")),
        folder / "out.tsv",
    ),
    "align-presegmented": lambda folder: presegmented_args(folder, folder / "out.tmx"),
    "merge": lambda folder: [
        "merge",
        *map(str, big_memories(folder, 6, 2000)),
        "-o",
        str(folder / "out.tmx"),
    ],
    "terms": lambda folder: [
        "terms",
        str(cases.pairs_tsv(folder, cases.SENTENCE_ROWS * 300)),
        "-o",
        str(folder / "out.xlsx"),
        "--source-lang",
        "fr",
        "--target-lang",
        "en",
    ],
}


@pytest.mark.parametrize("name", sorted(KILLED))
def test_kill_9_leaves_a_whole_output_or_none_and_the_rerun_cleans_up(name: str, tmp_path: Path) -> None:
    args = KILLED[name](tmp_path)
    output = Path(args[args.index("-o") + 1])
    before = cases.fingerprint(tmp_path, {output})
    moment = random.Random(name).uniform(0.6, 2.5)
    process = start_aligner(args)
    wait_for_work(process, moment)
    process.kill()
    process.communicate(timeout=60)
    if output.exists():
        cases.check_output(output)
    assert cases.fingerprint(tmp_path, {output}) == before
    rerun = run_aligner(args)
    assert rerun.returncode == 0, rerun.stderr
    cases.check_output(output)
    assert not cases.leftovers(tmp_path), "the rerun should remove what the killed run left"


def test_batch_killed_twice_then_rerun_ends_as_an_uninterrupted_run(tmp_path: Path) -> None:
    """kill -9 of the batch and its workers at two random moments (scripts/bench_hostile.py
    --part kills does five), each time resumed; the outputs end as an uninterrupted run's."""
    corpus = cases.batch_corpus(tmp_path)
    reference = tmp_path / "reference"
    assert run_aligner(cases.batch_args(corpus, reference)).returncode == 0
    interrupted = tmp_path / "interrupted"
    chance = random.Random(7)
    killed, rerun = cases.killed_batch(corpus, interrupted, [chance.uniform(0.8, 2.5) for _ in range(2)])
    assert killed, "the batch ended before any kill: nothing was tested"
    assert rerun.returncode == 0, rerun.stderr
    assert cases.batch_outputs(interrupted) == cases.batch_outputs(reference)
    assert not cases.leftovers(interrupted)
    summary = {
        row["id"]: row["status"]
        for row in csv.DictReader(io.StringIO((interrupted / "summary.csv").read_text()))
    }
    assert set(summary) == set(cases.BATCH_PAIRS) and set(summary.values()) <= {"ok", "skipped"}


def test_a_pair_that_will_not_stop_is_killed_and_failed(tmp_path: Path) -> None:
    """A pair stuck where no exception reaches it (signals blocked, as in some C code) is
    ended by killing its worker after the grace period; the marker says why."""
    script = f"""
import signal, sys, time
from pathlib import Path
sys.path.insert(0, {str(cases.REPO)!r})
from aligner.batch import limits
limits.GRACE_SECONDS = 0.5
marker = Path({str(tmp_path / "marker")!r})
with limits.limited(limits.PairLimits(seconds=0.3, memory_mb=0), marker):
    signal.pthread_sigmask(signal.SIG_BLOCK, {{signal.SIGUSR1, signal.SIGALRM}})
    time.sleep(30)
print("not stopped")
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == -signal.SIGKILL
    assert "time limit" in (tmp_path / "marker").read_text()


def test_pair_limits_leave_nothing_behind_when_the_pair_is_quick() -> None:
    from aligner.batch.limits import PairLimits, limited

    for _ in range(50):
        with limited(PairLimits(seconds=5, memory_mb=500)):
            sum(range(1000))
    time.sleep(0.3)  # an alarm left armed would fire here
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_internal_errors_never_reach_the_user_for_the_issue_cases(tmp_path: Path) -> None:
    """The inputs the issue names, once more end to end in a process of their own."""
    pairs = cases.pairs_tsv(tmp_path, cases.SENTENCE_ROWS)
    digits = cases.write(
        tmp_path, "digits.jsonl", json.dumps({"source": "7" * 5000, "target": "7" * 5000}) + "\n"
    )
    nested = cases.write(tmp_path, "nested.jsonl", "[" * 100_000 + "\n")
    wide = cases.write(tmp_path, "wide.tsv", "x" * 140_000 + "\ty\n" + "a\tb\n")
    binary = cases.write(tmp_path, "fr-en.tsv", os.urandom(3000))
    fr, en = cases.sample_pair(tmp_path)
    runs = [
        ["check", str(digits), "-o", str(tmp_path / "r1.csv"), "--source-lang", "fr", "--target-lang", "en"],
        ["terms", str(nested), "-o", str(tmp_path / "t1.csv")],
        ["check", str(wide), "-o", str(tmp_path / "r2.csv"), "--source-lang", "fr", "--target-lang", "en"],
        cases.align_args(fr, en, tmp_path / "o.tmx", "--dictionary", str(binary)),
        ["terms", str(tmp_path), "-o", str(tmp_path / "t2.csv")],
        ["check", str(tmp_path), "-o", str(tmp_path / "r3.csv")],
        ["merge", str(tmp_path), "-o", str(tmp_path / "m.tmx")],
        ["check", str(pairs), "-o", str(tmp_path / "r4.csv"), "--source-lang", "fr", "--target-lang", "en"],
    ]
    for args in runs:
        result = run_aligner(args)
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr, (
            args,
            result.stderr,
        )
        if result.returncode:
            cases.one_line_error(result.stderr)
