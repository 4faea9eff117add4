"""CPU time per stage of ``aligner align``, for the cases the speed work is judged on.

    python scripts/profile_pipeline.py              # the UN pair, a long regulation, a 2k-sentence bitext
    python scripts/profile_pipeline.py --cases un --repeats 5
    python scripts/profile_pipeline.py --cases bitext --sentences 10000,100000
    python scripts/profile_pipeline.py --cases paragraphs --sentences 10000

Cases (inputs read from ../shared/corpora at run time, nothing copied):

- ``un``: A/74/400 (un-a74400 fr.txt, en.txt) to a TMX;
- ``regulation``: the longest Canadian regulation of the real corpus (ca-regs-SOR-2018-108, LIMS XML);
- ``bitext``: the five transread books concatenated and repeated up to N sentences a side,
  one sentence a line (``--presegmented``);
- ``paragraphs``: the same text given as documents, one paragraph per sentence and no
  numbering (the structural pairing sees one long unnumbered run).

Each case runs in a fresh process (this script with --worker) that imports the command the
way ``aligner align`` does, wraps the functions of each stage with a CPU timer
(``time.process_time``, inclusive: a stage called inside another is counted in both, and
indented under it), runs the command, and reports every stage's CPU seconds and calls, the
total CPU of the process, its peak resident memory and the load average of the machine
(the machine is shared: CPU time is what to compare, in one run). With ``--repeats`` the
median of each figure is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import import_module
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"
UN = CORPORA / "un-a74400"
REGULATION = CORPORA / "real" / "ca-regs-SOR-2018-108"
TRANSREAD = CORPORA / "transread"

# (stage, "module:function" or "module:Class.method", depth in the printed tree). A target
# that does not exist in this version of the code is reported as absent.
STAGES: tuple[tuple[str, str, int], ...] = (
    ("read", "aligner.pipeline:read_any", 0),
    ("language detection", "aligner.pipeline:_text_language", 0),
    ("repair", "aligner.pipeline:repair", 0),
    ("structure (parse)", "aligner.pipeline:parse", 0),
    ("language warnings", "aligner.pipeline:_language_warnings", 0),
    ("structural pairing", "aligner.pairing:align_structure", 0),
    ("  unit content (anchors, features)", "aligner.pairing.unit_content:UnitContent.similarity", 1),
    ("  ordered runs", "aligner.pairing.structural:_align_ordered", 1),
    ("  unordered lists", "aligner.pairing.structural:_match_unordered", 1),
    ("  pair scores", "aligner.pairing.structural:settle_scores", 1),
    ("  disagreements", "aligner.pairing.structural:_content_disagreements", 1),
    ("sentence blocks (segmentation)", "aligner.pipeline:sentence_blocks", 0),
    ("presegmented lines", "aligner.cli.align:_read_lines", 0),
    ("fit", "aligner.align.sentences:SentenceAligner.fit", 0),
    ("  word frequencies", "aligner.align.side_model:WordFrequency.count", 1),
    ("  first pass", "aligner.align.learning:_confident_links", 1),
    ("  lexicon induction", "aligner.align.learning:induce", 1),
    ("  length model", "aligner.align.learning:LengthModel.fit", 1),
    ("  usual coverage", "aligner.align.learning:_coverages", 1),
    ("align blocks", "aligner.align.sentences:SentenceAligner.align_blocks", 0),
    ("(all passes) token and evidence tables", "aligner.align.block_search:BlockSearch.sides", 0),
    ("(all passes) bead scoring", "aligner.align.block_search:bead_scores", 0),
    ("(all passes) best path", "aligner.align.block_search:best_path", 0),
    ("(all passes) guide", "aligner.align.block_search:anchor_guide", 0),
    ("(all passes) confidence", "aligner.align.confidence:calibrate", 0),
    ("(all passes) posteriors", "aligner.align.confidence:log_posteriors", 0),
    ("links and bitext (align blocks inside)", "aligner.pipeline:aligned_bitext", 0),
    ("write memory", "aligner.cli.align:write_segments", 0),
)


# --- inputs --------------------------------------------------------------------------------------


def _books() -> list[tuple[list[str], list[str]]]:
    books = []
    for folder in sorted(path for path in TRANSREAD.iterdir() if (path / "fr.sents").exists()):
        french = (folder / "fr.sents").read_text(encoding="utf-8").splitlines()
        english = (folder / "en.sents").read_text(encoding="utf-8").splitlines()
        books.append((french, english))
    return books


def repeated_books(sentences: int) -> tuple[list[str], list[str]]:
    """The books concatenated, repeated and cut at ``sentences`` French sentences (English cut
    in the same proportion, at a book's matching point)."""
    books = _books()
    french: list[str] = []
    english: list[str] = []
    while len(french) < sentences:
        for book_french, book_english in books:
            french += book_french
            english += book_english
    share = sentences / len(french)
    return french[:sentences], english[: round(len(english) * share)]


def write_bitext(folder: Path, sentences: int, paragraphs: bool) -> tuple[Path, Path]:
    french, english = repeated_books(sentences)
    separator = "\n\n" if paragraphs else "\n"
    suffix = "txt" if paragraphs else "sents"
    source, target = folder / f"fr-{sentences}.{suffix}", folder / f"en-{sentences}.{suffix}"
    source.write_text(separator.join(french) + "\n", encoding="utf-8")
    target.write_text(separator.join(english) + "\n", encoding="utf-8")
    return source, target


def command_of(case: str, sentences: int, folder: Path) -> list[str]:
    output = str(folder / f"{case}-{sentences}.tmx")
    if case == "un":
        return ["align", str(UN / "fr.txt"), str(UN / "en.txt"), "-o", output]
    if case == "regulation":
        return ["align", str(REGULATION / "fr.xml"), str(REGULATION / "en.xml"), "-o", output]
    if case == "bitext":
        source, target = write_bitext(folder, sentences, paragraphs=False)
        return ["align", str(source), str(target), "--presegmented", "-o", output]
    if case == "paragraphs":
        source, target = write_bitext(folder, sentences, paragraphs=True)
        return ["align", str(source), str(target), "-o", output]
    raise ValueError(f"unknown case {case}")


# --- worker --------------------------------------------------------------------------------------


class _Timer:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}

    def wrap(self, stage: str, function):
        seconds, calls = self.seconds, self.calls
        seconds.setdefault(stage, 0.0)
        calls.setdefault(stage, 0)
        active = [0]

        def timed(*args, **kwargs):
            if active[0]:  # recursive or re-entrant: counted once, by the outer call
                return function(*args, **kwargs)
            active[0] += 1
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                seconds[stage] += time.process_time() - started
                calls[stage] += 1
                active[0] -= 1

        return timed


def _install(timer: _Timer) -> list[str]:
    absent = []
    for stage, target, _ in STAGES:
        module_name, attribute = target.split(":")
        try:
            owner = import_module(module_name)
        except ImportError:
            absent.append(stage)
            continue
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part, None)
        function = getattr(owner, name, None) if owner is not None else None
        if function is None:
            absent.append(stage)
            continue
        if isinstance(owner, type) and isinstance(owner.__dict__.get(name), (classmethod, staticmethod)):
            raw = owner.__dict__[name]
            wrapped = timer.wrap(stage, raw.__func__)
            setattr(owner, name, type(raw)(wrapped))
        else:
            setattr(owner, name, timer.wrap(stage, function))
    return absent


def worker(command: list[str]) -> dict:
    started = time.process_time()
    cli = import_module("aligner.cli")
    group = cli.cli
    context = group.make_context("aligner", list(command), resilient_parsing=True)
    group.get_command(context, command[0])  # imports the command's module, as a run does
    import_seconds = time.process_time() - started
    timer = _Timer()
    absent = _install(timer)
    run_started = time.process_time()
    try:
        group.main(args=command, prog_name="aligner", standalone_mode=False)
    except SystemExit as exit_:
        if exit_.code:
            raise
    run_seconds = time.process_time() - run_started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "import": import_seconds,
        "run": run_seconds,
        "total": usage.ru_utime + usage.ru_stime,
        "system": usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,
        "stages": timer.seconds,
        "calls": timer.calls,
        "absent": absent,
    }


def run_worker(command: list[str]) -> dict:
    environment = dict(os.environ, PYTHONPATH=str(REPO), OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    completed = subprocess.run(
        [sys.executable, __file__, "--worker", json.dumps(command)],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    if completed.returncode:
        raise SystemExit(f"worker failed for {command}:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


# --- report --------------------------------------------------------------------------------------


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def report(case: str, sentences: int, results: list[dict]) -> None:
    label = {"un": "UN A/74/400", "regulation": "regulation SOR/2018-108"}.get(
        case, f"{case} {sentences:,} sentences a side"
    )
    total = _median([r["total"] for r in results])
    print(f"\n== {label}: {len(results)} run(s), medians ==")
    print(f"{'stage':<44} {'CPU s':>8} {'share':>6} {'calls':>7}")
    print(f"{'importing the CLI and the command':<44} {_median([r['import'] for r in results]):8.3f}")
    stages = results[0]["stages"]
    for stage, _, _ in STAGES:
        if stage not in stages:
            continue
        seconds = _median([r["stages"][stage] for r in results])
        calls = results[0]["calls"][stage]
        if calls == 0:
            continue
        print(f"{stage:<44} {seconds:8.3f} {seconds / total:6.1%} {calls:7d}")
    print(f"{'process total (user + system)':<44} {total:8.3f}")
    print(f"{'  of which system':<44} {_median([r['system'] for r in results]):8.3f}")
    print(f"peak resident memory: {_median([r['peak_mb'] for r in results]):.0f} MB")
    if sentences and case in ("bitext", "paragraphs"):
        print(f"per sentence: {total / sentences * 1e3:.3f} ms CPU")
    absent = results[0]["absent"]
    if absent:
        print("stages absent in this version: " + ", ".join(name.strip() for name in absent))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", default="un,regulation,bitext", help="un, regulation, bitext, paragraphs")
    parser.add_argument("--sentences", default="2000", help="bitext and paragraph sizes, comma-separated")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.worker:
        print(json.dumps(worker(json.loads(arguments.worker))))
        return
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average at start: {load} ({os.cpu_count()} CPUs)")
    with tempfile.TemporaryDirectory(prefix="profile-pipeline-") as scratch:
        folder = Path(scratch)
        for case in arguments.cases.split(","):
            sizes = (
                [int(size) for size in arguments.sentences.split(",")]
                if case in ("bitext", "paragraphs")
                else [0]
            )
            for sentences in sizes:
                command = command_of(case, sentences, folder)
                results = [run_worker(command) for _ in range(arguments.repeats)]
                report(case, sentences, results)
    print(f"\nload average at end: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")


if __name__ == "__main__":
    main()
