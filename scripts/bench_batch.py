"""Batch throughput and memory: sentence pairs aligned per second with 1 and 2 workers on the
same batch, the speed-up, and the peak resident memory of the workers as the batch grows.

    python scripts/bench_batch.py                    # 12 pairs; then 10, 20, 40 pairs
    python scripts/bench_batch.py --sizes 10,20 --repeats 2

The batch is the 10 Canadian acts, the UN pair A/74/400 (../shared/corpora) and the
project's sample, listed in a manifest in a temporary folder (nothing is copied); larger
batches repeat them under other ids. Throughput counts the pair phase only (reading,
structure, alignment, memories, checks), from the first pair started to the last finished;
the merge and the term table run after it in the parent and are timed apart.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from aligner.batch import BatchOptions, BatchSettings, run_batch
from aligner.batch.journal import read_journal
from aligner.batch.run import STATE_FOLDER
from aligner.batch.worker import peak_rss_mb

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"
CREATED = "2024-01-01T00:00:00Z"


def base_pairs() -> list[tuple[str, Path, Path]]:
    acts = sorted(path for path in (CORPORA / "canada-acts").iterdir() if (path / "fr.xml").exists())
    pairs = [(act.name, act / "fr.xml", act / "en.xml") for act in acts]
    pairs.append(("un-a74400", CORPORA / "un-a74400" / "fr.txt", CORPORA / "un-a74400" / "en.txt"))
    pairs.append(("sample", REPO / "corpora" / "sample" / "fr.txt", REPO / "corpora" / "sample" / "en.txt"))
    return pairs


def write_manifest(folder: Path, count: int | None) -> Path:
    """A manifest of the base pairs, or of ``count`` pairs cycling through them under new ids."""
    pairs = base_pairs()
    chosen = pairs if count is None else [pairs[index % len(pairs)] for index in range(count)]
    manifest = folder / f"manifest-{count or 'base'}.csv"
    lines = ["id,fr,en"] + [
        f"copy{index:03d}-{name},{french},{english}" for index, (name, french, english) in enumerate(chosen)
    ]
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


def run(manifest: Path, outdir: Path, jobs: int, terms: bool = True):
    options = BatchOptions(
        outdir, BatchSettings(created=CREATED), jobs=jobs, terms=terms, progress=False, redo=True
    )
    started = time.perf_counter()
    report = run_batch([manifest], options)
    return report, time.perf_counter() - started


def journal_records(outdir: Path):
    return read_journal(outdir / STATE_FOLDER / "journal.jsonl").latest.values()


def worker_figures(outdir: Path) -> str:
    """Each worker process's peak resident memory (over all the pairs it ran) and pair count."""
    peaks: dict[str, float] = {}
    counts: dict[str, int] = {}
    for record in journal_records(outdir):
        worker = record.cost.worker
        peaks[worker] = max(peaks.get(worker, 0.0), record.cost.peak_rss_mb)
        counts[worker] = counts.get(worker, 0) + 1
    return ", ".join(f"{peaks[worker]:.0f} MB after {counts[worker]} pairs" for worker in sorted(peaks))


def throughput(manifest: Path, folder: Path, jobs: int, repeats: int) -> tuple[float, float, int, float]:
    """Best of ``repeats`` runs: sentence pairs per second, pair-phase seconds, links, and
    the CPU seconds the workers got (all their threads) during the pair phase."""
    best = None
    for attempt in range(repeats):
        outdir = folder / f"j{jobs}-{attempt}"
        report, _ = run(manifest, outdir, jobs, terms=False)
        failed = [row for row in report.rows if row.status == "failed"]
        if failed:
            print(f"  ({len(failed)} failed pairs, e.g. {failed[0].id}: {failed[0].reason})")
        cpu = sum(record.cost.cpu_seconds for record in journal_records(outdir))
        if best is None or report.sentence_pairs_per_second > best[0].sentence_pairs_per_second:
            best = report, cpu
    report, cpu = best
    return report.sentence_pairs_per_second, report.aligning_seconds, report.aligned_links, cpu


def spin(count: int) -> int:
    """Pure CPU work, for the control measurement."""
    total = 0
    for number in range(count):
        total += number * number
    return total


def machine_speedup(count: int = 15_000_000, calls: int = 4) -> float:
    """How much faster 2 processes do pure CPU work than 1, on this machine right now: what
    other users of the cores leave to the batch."""
    seconds = {}
    for workers in (1, 2):
        started = time.perf_counter()
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            list(pool.map(spin, [count] * calls))
        seconds[workers] = time.perf_counter() - started
    return seconds[1] / seconds[2]


def print_throughput(folder: Path, repeats: int) -> None:
    manifest = write_manifest(folder, None)
    print(f"batch: {len(base_pairs())} pairs (10 Canadian acts, UN A/74/400, sample)")
    rates = {}
    for jobs in (1, 2):
        load = os.getloadavg()[0]
        rate, seconds, links, cpu = throughput(manifest, folder, jobs, repeats)
        rates[jobs] = rate
        print(
            f"  {jobs} worker{'s' if jobs > 1 else ' '}: {links:,} sentence pairs in {seconds:6.2f} s = "
            f"{rate:7.1f} per second"
            f"  (workers got {cpu:5.1f} CPU s = {cpu / seconds:.2f} cores; {links / cpu:6.1f} per CPU second;"
            f" load average {load:.2f} before)"
        )
    print(
        f"  speed-up with 2 workers: {rates[2] / rates[1]:.2f}x "
        f"(control: 2 processes of pure CPU work run {machine_speedup():.2f}x faster than 1 on this "
        "machine now)"
    )


def print_memory(folder: Path, sizes: list[int]) -> None:
    print("memory as the batch grows (2 workers; each worker's peak RSS over all the pairs it ran):")
    for size in sizes:
        outdir = folder / f"size-{size}"
        report, seconds = run(write_manifest(folder, size), outdir, 2)
        print(
            f"  {size:4d} pairs: workers {worker_figures(outdir)}; {report.aligned_links:6,} sentence pairs, "
            f"merged {report.corpus.units_written:,} units ({report.corpus.duplicates_removed:,} "
            "duplicates), "
            f"{report.corpus.terms:,} terms, {seconds:5.1f} s; parent peak so far {peak_rss_mb():.0f} MB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="10,20,40", help="batch sizes for the memory figures ('' for none)"
    )
    parser.add_argument("--repeats", type=int, default=1, help="runs per worker count (the best is kept)")
    parser.add_argument("--no-throughput", action="store_true", help="only the memory figures")
    arguments = parser.parse_args()
    print(
        f"cores: {os.cpu_count()}, load average at start: "
        f"{', '.join(f'{load:.2f}' for load in os.getloadavg())}"
        " (other processes on the machine slow the 2-worker run most)"
    )
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as temp:
        if not arguments.no_throughput:
            print_throughput(Path(temp), arguments.repeats)
        print_memory(Path(temp), [int(value) for value in arguments.sizes.split(",") if value.strip()])


if __name__ == "__main__":
    main()
