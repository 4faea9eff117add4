"""Benchmark the TMX writer and merge at scale: wall time and peak memory, printed, not asserted.

    python scripts/bench_tmx.py                  # 1,000,000 units per memory
    python scripts/bench_tmx.py --units 100000   # a quicker run

Each phase runs in its own child process and its peak resident set size is the child's own
``ru_maxrss`` (from ``os.wait4``), so it counts everything the process touched: the
interpreter, lxml, the buffers, not only Python objects. A child that only imports the
modules is measured too, as the baseline. Phases:

1. write memory A: units 0 .. N-1
2. write memory B: units N/2 .. 3N/2-1 (half of them duplicates of A)
3. merge A and B (N/2 duplicates to remove)

Synthetic pairs are generated lazily, so the writer sees a stream as it would from the aligner.

After those, the real case: A/74/400 (../shared/corpora/un-a74400) is aligned end to end and
its memory written, and the script prints both times and their ratio.

Last, the leverage figure: OmegaT 3.6 (Debian ``omegat``), headless, translates the clean French
A/74/400 (the gold's French sentences joined into their paragraphs, markup removed) with our
memory in ``tm/auto``, once per way of writing labels and footnote references; the script
prints how many of OmegaT's segments each memory fills. ``--leverage-only`` runs just that.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

WORDS_FR = (
    "le Conseil",
    "l'Assemblée",
    "décide",
    "prie",
    "rapport",
    "mandat",
    "paix",
    "sécurité",
    "droits",
    "développement",
)
WORDS_EN = (
    "the Council",
    "the Assembly",
    "decides",
    "requests",
    "report",
    "mandate",
    "peace",
    "security",
    "rights",
    "development",
)


def synthetic_pairs(first: int, count: int) -> Iterator:
    """Deterministic pairs numbered ``first`` .. ``first + count - 1``: one key per 4 units,
    one document per 1,000 (a long UN report)."""
    from aligner.model import SegmentPair

    for number in range(first, first + count):
        pick = [number % 10, number // 10 % 10, number // 100 % 10, number // 1000 % 10]
        french, english = " ".join(WORDS_FR[i] for i in pick), " ".join(WORDS_EN[i] for i in pick)
        yield SegmentPair(
            source=f"Phrase {number} : {french}, conformément à la résolution {number % 997}/1.",
            target=f"Sentence {number}: {english}, in accordance with resolution {number % 997}/1.",
            key=f"para:{number // 4}",
            document=f"A/BENCH/{number // 1000}",
            confidence=(number % 1000) / 1000,
        )


def run_phase(arguments: argparse.Namespace) -> None:
    """Inside a child: do one phase and print what it did on one line."""
    if arguments.phase == "baseline":
        import aligner.memories  # noqa: F401  (what every phase imports)

        print("imports only")
        return
    if arguments.phase == "write":
        from aligner.writers.tmx import write_tmx

        report = write_tmx(synthetic_pairs(arguments.first, arguments.units), arguments.output)
        print(f"{report.units_written:,} units written")
        return
    from aligner.memories import merge_memories

    report = merge_memories(arguments.inputs, arguments.output)
    print(
        f"{report.units_read:,} read, {report.duplicates_removed:,} duplicates removed, "
        f"{report.units_written:,} written"
    )


def measure(label: str, phase_arguments: list[str]) -> tuple[str, float, float, str]:
    """Run one phase in a child; return its label, wall seconds, peak RSS in MiB, its output."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, __file__, "--phase", *phase_arguments], stdout=subprocess.PIPE, text=True
    )
    output = child.stdout.read().strip()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    if child.returncode != 0:
        raise SystemExit(f"phase {label!r} failed with exit code {child.returncode}")
    return label, elapsed, usage.ru_maxrss / 1024, output  # ru_maxrss is in KiB on Linux


def print_table(rows: list[tuple[str, float, float, str]], files: list[Path]) -> None:
    print(f"{'phase':<22} {'wall s':>8} {'peak RSS MiB':>13}  result")
    for label, elapsed, peak, output in rows:
        print(f"{label:<22} {elapsed:>8.1f} {peak:>13.1f}  {output}")
    for path in files:
        print(f"{path.name}: {path.stat().st_size / 2**20:,.1f} MiB")


def bench_un(corpora: Path, workdir: Path) -> None:
    """Align A/74/400, write its memory, and compare the two times (same process, same run)."""
    from aligner.pipeline import align_files, bitext_segments
    from aligner.writers import write_segments

    folder = corpora / "un-a74400"
    start = time.perf_counter()
    bitext = align_files(folder / "fr.txt", folder / "en.txt")
    aligned = time.perf_counter()
    report = write_segments(bitext_segments(bitext), workdir / "a74400.tmx")
    written = time.perf_counter()
    align_seconds, write_seconds = aligned - start, written - aligned
    print(
        f"un-a74400: alignment {align_seconds:.2f} s, TMX writing {write_seconds:.3f} s "
        f"({report.units_written} units) = {write_seconds / align_seconds:.1%} of the alignment time"
    )


LEVERAGE_VARIANTS = (
    # (what it is, writer options, paragraph-level units)
    ("default (labels auto, inline text)", {}, False),
    ("--keep-identical", {"keep_identical": True}, False),
    ("labels unit", {"labels": "unit"}, False),
    ("labels text", {"labels": "text"}, False),
    ("labels omit", {"labels": "omit"}, False),
    ("labels tag", {"labels": "tag"}, False),
    ("inline tags", {"inline": "tags"}, False),
    ("--segtype paragraph", {"segtype": "paragraph"}, True),
)


def bench_leverage(corpora: Path, workdir: Path) -> None:
    """OmegaT's filled segments for each way of writing the A/74/400 memory."""
    sys.path.insert(0, str(REPO / "tests"))
    from omegat_support import gold_paragraphs, make_project, missing_reason, translate

    from aligner.pipeline import align_files, bitext_segments, paragraph_segments
    from aligner.writers import write_segments

    reason = missing_reason()
    if reason:
        print(f"leverage: skipped, {reason}")
        return
    folder = corpora / "un-a74400"
    source = "\n\n".join(gold_paragraphs(folder / "gold.jsonl", "fr")) + "\n"
    bitext = align_files(folder / "fr.txt", folder / "en.txt")
    print("OmegaT 3.6 on the clean French A/74/400, our memory in tm/auto:")
    for number, (label, options, paragraphs) in enumerate(LEVERAGE_VARIANTS):
        project = make_project(workdir / f"omegat-{number}", "fr-FR", "en-GB")
        (project / "source" / "A74400.txt").write_text(source, encoding="utf-8")
        segments = paragraph_segments(bitext) if paragraphs else bitext_segments(bitext)
        report = write_segments(segments, project / "tm" / "auto" / "a74400.tmx", **options)
        result = translate(project)
        print(
            f"  {label:<36} {result.filled:>4}/{result.total_segments} segments filled "
            f"({result.share:.1%}), {report.units_written} units"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1_000_000, help="units per memory (default 1,000,000)")
    parser.add_argument(
        "--workdir",
        type=Path,
        help="where to write the memories, kept (default: a temporary folder, removed)",
    )
    parser.add_argument(
        "--corpora", type=Path, default=REPO.parent / "shared" / "corpora", help="the shared corpora"
    )
    parser.add_argument(
        "--leverage-only", action="store_true", help="only the OmegaT leverage figure (no 1M-unit phases)"
    )
    parser.add_argument("--phase", choices=["baseline", "write", "merge"], help=argparse.SUPPRESS)
    parser.add_argument("--first", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--inputs", type=Path, nargs="*", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.phase:
        run_phase(arguments)
        return
    temporary = arguments.workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="bench_tmx.")) if temporary else arguments.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    if arguments.leverage_only:
        try:
            bench_leverage(arguments.corpora, workdir)
        finally:
            if temporary:
                shutil.rmtree(workdir, ignore_errors=True)
        return
    units = arguments.units
    first_memory, second_memory, merged = workdir / "a.tmx", workdir / "b.tmx", workdir / "merged.tmx"
    try:
        rows = [
            measure("baseline (imports)", ["baseline"]),
            measure(
                f"write {first_memory.name}", ["write", "--units", str(units), "--output", str(first_memory)]
            ),
            measure(
                f"write {second_memory.name}",
                ["write", "--units", str(units), "--first", str(units // 2), "--output", str(second_memory)],
            ),
            measure(
                f"merge -> {merged.name}",
                ["merge", "--inputs", str(first_memory), str(second_memory), "--output", str(merged)],
            ),
        ]
        print_table(rows, [first_memory, second_memory, merged])
        # Last, so that the children measured above do not inherit this process's memory.
        if (arguments.corpora / "un-a74400").is_dir():
            bench_un(arguments.corpora, workdir)
            bench_leverage(arguments.corpora, workdir)
    finally:
        if temporary:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
