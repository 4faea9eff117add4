"""Long unstructured texts: CPU time, peak memory and strict F1 as the text grows.

    python scripts/bench_scale.py                            # 2k, 10k, 50k, 100k sentences a side
    python scripts/bench_scale.py --sizes 2000,10000
    python scripts/bench_scale.py --paragraphs --sizes 10000 # the same text as documents, no numbering

The five transread books (../shared/corpora/transread) are concatenated, whole books at a
time, until the French side has at least N sentences; their gold beads are shifted along,
so strict F1 is measured on the whole long text. Each size runs ``aligner align FR EN
--presegmented --format ladder`` in a fresh process; its CPU seconds (user + system) and
peak resident memory come from the kernel's accounting of that process (wait4), so the
machine's load does not count. Printed per size: sentences, CPU, peak, CPU per sentence and
peak per sentence, strict F1; then the slope of CPU per sentence between sizes, which must
not rise with size. Targets (issue 14): 100,000 sentences a side in at most 30 s and 500 MB.

With ``--paragraphs`` the sentences are written as paragraphs of two documents (blank lines
between them, no numbering) and aligned as documents to a TMX, so the structural pairing
sees one run of N unnumbered paragraphs (target: 10,000 in under 20 s and 500 MB).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from transread import load_books

from aligner.evaluate import IndexBead, score_alignment

DEFAULT_SIZES = "2000,10000,50000,100000"


def long_text(sentences: int) -> tuple[list[str], list[str], list[IndexBead]]:
    """Whole books, cyclically, until the French side has ``sentences``; gold shifted along."""
    books = load_books()
    french: list[str] = []
    english: list[str] = []
    gold: list[IndexBead] = []
    while len(french) < sentences:
        for book in books:
            source_offset, target_offset = len(french), len(english)
            french += book.french
            english += book.english
            gold += [
                (tuple(i + source_offset for i in source), tuple(j + target_offset for j in target))
                for source, target in book.gold
            ]
            if len(french) >= sentences:
                break
    return french, english, gold


def read_ladder(path: Path) -> list[IndexBead]:
    beads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        source, target, _ = line.split(":")
        beads.append(
            (
                tuple(int(i) for i in source.strip("[]").split(",") if i),
                tuple(int(j) for j in target.strip("[]").split(",") if j),
            )
        )
    return beads


def run_measured(arguments: list[str], stdout_path: Path) -> tuple[float, float]:
    """CPU seconds and peak MB of one ``aligner`` process (its own rusage, from wait4)."""
    with stdout_path.open("wb") as stdout:
        process = subprocess.Popen(
            [sys.executable, "-c", "from aligner.cli import main; main()", *arguments],
            stdout=stdout,
            stderr=subprocess.PIPE,
        )
        _, status, usage = os.wait4(process.pid, 0)
        error = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"aligner {' '.join(arguments)} failed:\n{error[-2000:]}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default=DEFAULT_SIZES)
    parser.add_argument("--paragraphs", action="store_true", help="as documents of unnumbered paragraphs")
    arguments = parser.parse_args()
    print(f"load average: {' '.join(f'{value:.2f}' for value in os.getloadavg())} ({os.cpu_count()} CPUs)")
    mode = (
        "documents of unnumbered paragraphs, to a TMX" if arguments.paragraphs else "--presegmented, ladder"
    )
    print(f"transread books repeated, {mode}")
    columns = ("FR sents", "EN sents", "CPU s", "peak MB", "ms/sent", "KB/sent", "strict F1")
    print(" ".join(f"{name:>9}" for name in columns))
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as scratch:
        folder = Path(scratch)
        for size in (int(value) for value in arguments.sizes.split(",")):
            french, english, gold = long_text(size)
            separator, suffix = ("\n\n", "txt") if arguments.paragraphs else ("\n", "sents")
            source, target = folder / f"fr.{suffix}", folder / f"en.{suffix}"
            source.write_text(separator.join(french) + "\n", encoding="utf-8")
            target.write_text(separator.join(english) + "\n", encoding="utf-8")
            output = folder / "out.txt"
            if arguments.paragraphs:
                command = ["align", str(source), str(target), "-o", str(folder / "out.tmx")]
            else:
                command = ["align", str(source), str(target), "--presegmented", "--format", "ladder"]
            seconds, peak = run_measured(command, output)
            f1 = (
                "" if arguments.paragraphs else f"{score_alignment(gold, read_ladder(output)).f1_strict:9.3f}"
            )
            sentences = len(french)
            results.append((sentences, seconds))
            print(
                f"{sentences:9d} {len(english):9d} {seconds:9.2f} {peak:9.1f} "
                f"{1e3 * seconds / sentences:9.3f} {1024 * peak / sentences:9.1f} {f1:>9}",
                flush=True,
            )
    for (small, small_seconds), (large, large_seconds) in pairwise(results):
        slope = (large_seconds - small_seconds) / (large - small)
        print(f"slope {small:,} -> {large:,} sentences: {1e3 * slope:.3f} ms CPU per added sentence")
    print(f"load average at end: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")


if __name__ == "__main__":
    main()
