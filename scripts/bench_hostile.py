"""Hostile and huge inputs: the whole catalogue, the time slopes, large documents.

    python scripts/bench_hostile.py                      # every part below (the 50 MB run takes a while)
    python scripts/bench_hostile.py --part cases         # the catalogue only (--long-only: its long cases)
    python scripts/bench_hostile.py --part slopes --part dots
    python scripts/bench_hostile.py --part large --large-mb 50
    python scripts/bench_hostile.py --part stages --stages-mb 5     # peak memory stage by stage

Parts:

- ``cases``: every case of tests/hostile_cases.py (the quick ones tests/test_hostile.py runs,
  and the long ones: a 20 MB line, a million lines, tens of thousands of units), each in a
  process of its own with a time limit, verified as the test verifies it (a valid output or
  one line on stderr, no traceback, no input changed, nothing left behind). Prints the
  cases, the passes, the failures with why, the slowest cases and the largest peak memory.
- ``kills``: a batch of ``--pairs`` pairs (8, each the sample ten times) killed with kill -9
  (with its workers) at ``--kills`` random moments of its CPU time, resumed after each, then
  run to the end: its outputs against an uninterrupted run's, byte for byte (logs, state and
  summaries with timings aside), and no temporary file left.
- ``slopes``: the stages (sentence splitter, repair, structure parser, anchors, checks) on
  pathological texts (runs of dots, digits, brackets, label-like lines, superscripts, a long
  line) at 1, 4 and 16 times a size: CPU seconds and the growth per 4x (4 is linear, 16
  quadratic). ``scripts/hostile_regex.py`` does the same for every regular expression.
- ``dots``: ``aligner align`` of the sample with a paragraph of 100,000 dots added (target:
  under 2 s of CPU beyond the sample's own time).
- ``large``: ``aligner align`` of UN-like text at 1 MB and at ``--large-mb`` (A/74/400 from
  the shared corpora repeated, or the embedded sample where they are absent): CPU seconds,
  peak memory, and the large time against ``--large-mb`` times the 1 MB time (target: within
  1.2, under 1 GB peak).
- ``stages``: where the memory of a large alignment goes, stage by stage (read, repair and
  parse, pair, sentence blocks, fit, align, write), in a process of its own: the peak
  resident memory within each stage and what stays after it, with its CPU seconds; on
  ``--stages-mb`` MB of UN-like text, or ``--stages-lines`` unpunctuated lines (one paragraph).

Every run is a fresh process; CPU time (user + system) and peak resident memory come from
the process's own resource usage (os.wait4), so the machine's load weighs little.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

import hostile_cases as cases  # noqa: E402

UN = REPO.parent / "shared" / "corpora" / "un-a74400"
SAMPLE = REPO / "corpora" / "sample"
PARTS = ("cases", "kills", "slopes", "dots", "large", "stages")


@dataclass
class Run:
    """A finished process: exit status, its output, CPU seconds, wall seconds, peak MB."""

    returncode: int
    stdout: str
    stderr: str
    cpu: float
    wall: float
    peak_mb: float
    timed_out: bool = False


# The child writes its own peak at exit: the high-water mark of its memory after exec
# (wait4's ru_maxrss would count the parent's pages copied at fork), and the largest of the
# workers it waited for (batch).
PEAK_PROBE = """
import atexit, os, resource
def _peak():
    with open("/proc/self/status") as status:
        own = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(os.environ["HOSTILE_PEAK_FILE"], "w") as out:
        out.write(str(max(own, workers)))
atexit.register(_peak)
from aligner.cli import main
main()
"""


def run_process(args: list[str], timeout: float, env: dict[str, str] | None = None) -> Run:
    """``aligner ARGS`` in a process of its own: its CPU time (wait4) and peak memory."""
    descriptor, peak_path = tempfile.mkstemp(prefix="hostile-peak-")
    os.close(descriptor)
    env = dict(env if env is not None else os.environ, HOSTILE_PEAK_FILE=peak_path)
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", PEAK_PROBE, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    outputs: dict[str, bytes] = {}

    def drain(name: str, stream) -> None:
        outputs[name] = stream.read()

    readers = [
        threading.Thread(target=drain, args=(name, stream), daemon=True)
        for name, stream in (("stdout", process.stdout), ("stderr", process.stderr))
    ]
    for reader in readers:
        reader.start()
    timed_out = False
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - started > timeout:
            timed_out = True
            os.killpg(process.pid, signal.SIGKILL)
            pid, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.02)
    process.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    peak_text = Path(peak_path).read_text()
    os.unlink(peak_path)
    return Run(
        process.returncode,
        outputs.get("stdout", b"").decode("utf-8", "replace"),
        outputs.get("stderr", b"").decode("utf-8", "replace"),
        usage.ru_utime + usage.ru_stime,
        time.perf_counter() - started,
        int(peak_text) / 1024 if peak_text else usage.ru_maxrss / 1024,
        timed_out,
    )


# --- the catalogue ---------------------------------------------------------------------------


def run_case(case: cases.Case, timeout: float) -> tuple[Run | None, str]:
    """Run and verify one case; the run and "" on a pass, else why it failed."""
    with tempfile.TemporaryDirectory(prefix="hostile-") as name:
        folder = Path(name)
        try:
            setup, before = cases.prepare(case, folder)
        except Exception as error:  # a case that cannot even be built is a failure of the catalogue
            return None, f"building the case: {type(error).__name__}: {error}"
        run = run_process(setup.args, timeout, dict(os.environ, **setup.env))
        if run.timed_out:
            return run, f"still running after {timeout:.0f} s (killed)"
        try:
            cases.verify(setup, folder, run.returncode, run.stderr, before, run.stdout)
        except AssertionError as error:
            return run, str(error).splitlines()[0][:300] if str(error) else "assertion failed"
        return run, ""


def bench_cases(long_only: bool, timeout: float, show: int) -> bool:
    chosen = [case for case in cases.CASES if case.long or not long_only]
    long_cases = sum(case.long for case in chosen)
    print(f"== hostile cases: {len(chosen)} ({long_cases} long), each in a process of its own ==")
    results: list[tuple[cases.Case, Run | None, str]] = []
    for number, case in enumerate(chosen, 1):
        run, failure = run_case(case, timeout)
        results.append((case, run, failure))
        if failure:
            print(f"  FAIL {case.family}/{case.name}: {failure}", flush=True)
        elif number % 50 == 0:
            print(f"  ... {number} cases run", flush=True)
    passes = sum(not failure for _, _, failure in results)
    print(f"cases {len(results)}, passes {passes}, failures {len(results) - passes}")
    timed = [(case, run) for case, run, _ in results if run is not None]
    timed.sort(key=lambda item: -item[1].cpu)
    print(f"slowest {min(show, len(timed))} (CPU s, wall s, peak MB):")
    for case, run in timed[:show]:
        print(f"  {run.cpu:7.2f} {run.wall:7.2f} {run.peak_mb:7.0f}  {case.family}/{case.name}")
    if timed:
        case, run = max(timed, key=lambda item: item[1].peak_mb)
        print(f"largest peak: {run.peak_mb:.0f} MB ({case.family}/{case.name}); limit 1024 MB")
    for family, members in cases.iter_families():
        failed = sum(1 for case, _, failure in results if failure and case.family == family)
        ran = sum(1 for case, _, _ in results if case.family == family)
        if ran:
            print(f"  {family:<20} {ran:4d} cases, {failed} failed (catalogue {len(members)})")
    return passes == len(results)


# --- kill -9 of a batch ------------------------------------------------------------------------


def bench_kills(kills: int, seed: int, pairs: int) -> bool:
    chance = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="hostile-") as name:
        folder = Path(name)
        names = tuple(f"pair{number:02d}" for number in range(pairs))
        corpus = cases.batch_corpus(folder, names, copies=10)
        reference = folder / "reference"
        whole = run_process(cases.batch_args(corpus, reference), 600)
        if whole.returncode:
            print(f"the uninterrupted batch failed: {whole.stderr.strip()[-300:]}")
            return False
        # A run with nothing left to do costs the start-up and the summary; past it, each
        # killed run does at most its share of the work, so that every run is killed before
        # the batch is done, at a moment anywhere in its share.
        idle = run_process(cases.batch_args(corpus, reference), 600).cpu
        share = max(whole.cpu - idle, 0.1) / kills
        moments = [idle + chance.uniform(0.1, 1.0) * share for _ in range(kills)]
        print(
            f"\n== batch of {pairs} pairs ({whole.cpu:.1f} s CPU uninterrupted), "
            f"kill -9 at {kills} random moments (seed {seed}): "
            + ", ".join(f"{moment:.1f}" for moment in moments)
            + " s CPU =="
        )
        interrupted = folder / "interrupted"
        killed, final = cases.killed_batch(corpus, interrupted, moments)
        same = final.returncode == 0 and cases.batch_outputs(interrupted) == cases.batch_outputs(reference)
        left = cases.leftovers(interrupted)
        outputs = len(cases.batch_outputs(reference))
        print(
            f"runs killed {len(killed)}/{kills} (outputs in the folder after each kill: "
            f"{', '.join(map(str, killed))}); final run exit {final.returncode}; "
            f"{outputs} outputs {'byte-identical' if same else 'DIFFERENT'} to the uninterrupted run; "
            f"{len(left)} temporary files left"
        )
        return same and not left and len(killed) == kills


# --- slopes of the stages ----------------------------------------------------------------------


def pathological_texts(size: int) -> dict[str, str]:
    """Texts of about ``size`` characters that trip naive patterns."""

    def fill(unit: str) -> str:
        return unit * max(1, size // len(unit))

    return {
        "dots": "9. Texte " + fill(".") + " fin.",
        "spaced-dots": "9. Texte " + fill(". ") + "fin",
        "digits": "9. " + fill("1") + " texte.",
        "brackets": "9. " + fill("(") + "x" + ")" * (size // 2),
        "square-links": "9. " + fill("[a](") + " fin.",
        "superscripts": "9. Texte" + fill("¹²³") + " fin.",
        "label-lines": fill("12. a) (i) I. A. texte\n\n"),
        "heading-lines": fill("I. Titre\n\n"),
        "footnote-lines": fill("¹ Note.\n\n"),
        "one-long-line": "9. " + fill("Une phrase de la ligne. "),
        "one-long-word": "9. " + fill("a"),
        "quotes": "9. " + fill("« ") + "fin.",
        "abbreviations": "9. " + fill("M. e.g. art. ") + "fin.",
    }


def stage_seconds(stage: str, text: str) -> float:
    from aligner.anchors import extract
    from aligner.checks import run_checks
    from aligner.model import RawDocument, SegmentPair
    from aligner.profiles import get_profile
    from aligner.readers.text import split_blocks
    from aligner.repair import repair
    from aligner.segment import split_sentences
    from aligner.structure import parse

    french = get_profile("fr")
    started = time.process_time()
    if stage == "splitter":
        split_sentences(text, french)
    elif stage == "repair":
        repair(RawDocument("x.txt", "text", split_blocks(text)), french)
    elif stage == "structure":
        repaired, _ = repair(RawDocument("x.txt", "text", split_blocks(text)), french)
        parse(repaired, french)
    elif stage == "anchors":
        extract(text, french)
    elif stage == "checks":
        run_checks([SegmentPair(text, text, "fr", "en", key="k")], source_lang="fr")
    return time.process_time() - started


def bench_slopes(size: int) -> None:
    stages = ("splitter", "repair", "structure", "anchors", "checks")
    print(f"\n== stages on pathological texts: CPU s at {size:,}, x4 and x16 characters; growth per 4x ==")
    print(f"{'text':<15}" + "".join(f"{stage:>24}" for stage in stages))
    worst = (0.0, "")
    for name in pathological_texts(size):
        row = f"{name:<15}"
        for stage in stages:
            seconds = [
                min(stage_seconds(stage, pathological_texts(size * factor)[name]) for _ in range(2))
                for factor in (1, 4, 16)
            ]
            growth = seconds[2] / max(seconds[1], 1e-4)
            if seconds[2] > 0.05 and growth > worst[0]:
                worst = (growth, f"{name}/{stage}")
            row += f"{seconds[2]:>10.3f} s x{growth:5.1f}    "
        print(row, flush=True)
    print(f"steepest growth per 4x (16x time above 0.05 s): {worst[0]:.1f} ({worst[1] or 'none'})")


# --- the 100,000-dot paragraph -----------------------------------------------------------------


def bench_dots(timeout: float) -> None:
    print("\n== align the sample with a paragraph of 100,000 dots (CPU s, peak MB) ==")
    with tempfile.TemporaryDirectory(prefix="hostile-") as name:
        folder = Path(name)
        plain = cases.sample_pair(folder / "plain")
        dotted = cases.sample_pair(folder / "dots", "9. Texte " + "." * 100_000 + " fin.")
        runs = {}
        for label, (fr, en) in (("sample", plain), ("sample + dots", dotted)):
            out = fr.parent / "out.tmx"
            best = min(
                (run_process(cases.align_args(fr, en, out, "--force"), timeout) for _ in range(3)),
                key=lambda run: run.cpu,
            )
            if best.returncode:
                print(f"  {label}: failed: {best.stderr.strip()[-300:]}")
                return
            runs[label] = best
            print(f"  {label:<15} CPU {best.cpu:6.2f} s  peak {best.peak_mb:6.0f} MB")
        extra = runs["sample + dots"].cpu - runs["sample"].cpu
        print(f"the dots cost {extra:.2f} s of CPU (target under 2 s)")


# --- large documents ---------------------------------------------------------------------------


def un_like(folder: Path, megabytes: float) -> tuple[Path, Path]:
    """UN-like text of about ``megabytes`` MB a side: A/74/400 (else the sample) repeated."""
    base = UN if (UN / "fr.txt").exists() else SAMPLE
    paths = []
    french_size = (base / "fr.txt").stat().st_size
    copies = max(1, round(megabytes * 1_000_000 / french_size))
    for language in ("fr", "en"):
        text = (base / f"{language}.txt").read_text(encoding="utf-8")
        path = folder / f"{copies}x-{language}.txt"
        path.write_text("\n\n".join([text] * copies), encoding="utf-8")
        paths.append(path)
    print(
        f"  {base.name} x{copies}: {paths[0].stat().st_size / 1e6:.1f} MB French, "
        f"{paths[1].stat().st_size / 1e6:.1f} MB English"
    )
    return paths[0], paths[1]


def bench_large(megabytes: float, timeout: float) -> None:
    print(f"\n== align UN-like text: 1 MB and {megabytes:g} MB a side (CPU s, peak MB) ==")
    runs = {}
    with tempfile.TemporaryDirectory(prefix="hostile-") as name:
        folder = Path(name)
        for size in (1.0, megabytes):
            fr, en = un_like(folder, size)
            out = folder / f"{size:g}.tmx"
            run = run_process(["align", str(fr), str(en), "-o", str(out)], timeout)
            if run.timed_out or run.returncode:
                reason = "timed out" if run.timed_out else run.stderr.strip()[-300:]
                print(f"  {size:g} MB: failed after {run.cpu:.0f} s CPU, peak {run.peak_mb:.0f} MB: {reason}")
                return
            runs[size] = run
            print(
                f"  {size:6g} MB: CPU {run.cpu:8.1f} s, wall {run.wall:8.1f} s, peak {run.peak_mb:7.0f} MB",
                flush=True,
            )
            fr.unlink()
            en.unlink()
    ratio = runs[megabytes].cpu / (megabytes * runs[1.0].cpu)
    print(
        f"{megabytes:g} MB takes {ratio:.2f} times {megabytes:g} x the 1 MB time (target at most 1.2); "
        f"peak {runs[megabytes].peak_mb:.0f} MB (target under 1024)"
    )


# --- memory stage by stage -----------------------------------------------------------------------


def bench_stages(megabytes: float, lines: int, timeout: float) -> None:
    with tempfile.TemporaryDirectory(prefix="hostile-") as name:
        folder = Path(name)
        if lines:
            print(f"\n== memory stage by stage: the sample with {lines:,} unpunctuated lines a side ==")
            fr, en = cases.sample_pair(folder, "".join(f"ligne {k} du texte\n" for k in range(lines)))
        else:
            print(f"\n== memory stage by stage: UN-like text, {megabytes:g} MB a side ==")
            fr, en = un_like(folder, megabytes)
        script = REPO / "scripts" / "memory_stages.py"
        try:
            done = subprocess.run(
                [sys.executable, str(script), str(fr), str(en)],
                timeout=timeout,
                text=True,
                capture_output=True,
            )
        except subprocess.TimeoutExpired:
            print(f"  still running after {timeout:.0f} s (killed)")
            return
        print(done.stdout, end="")
        if done.returncode:
            print(f"  failed: {done.stderr.strip()[-300:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--part", action="append", choices=PARTS, help="run only these parts (repeatable)")
    parser.add_argument("--long-only", action="store_true", help="cases: only the long ones")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds a case may take")
    parser.add_argument("--show", type=int, default=15, help="slowest cases to list")
    parser.add_argument("--kills", type=int, default=5, help="kills: how many kill -9 moments")
    parser.add_argument("--pairs", type=int, default=8, help="kills: pairs in the batch")
    parser.add_argument("--seed", type=int, default=None, help="kills: random seed (default: a new one)")
    parser.add_argument("--size", type=int, default=20_000, help="slopes: characters of the first text")
    parser.add_argument("--large-mb", type=float, default=50.0)
    parser.add_argument("--stages-mb", type=float, default=5.0, help="stages: MB of UN-like text a side")
    parser.add_argument("--stages-lines", type=int, default=0, help="stages: unpunctuated lines instead")
    options = parser.parse_args(argv)
    parts = options.part or list(PARTS)
    ok = True
    if "cases" in parts:
        ok = bench_cases(options.long_only, options.timeout, options.show)
    if "kills" in parts:
        seed = options.seed if options.seed is not None else random.randrange(10_000)
        ok = bench_kills(options.kills, seed, options.pairs) and ok
    if "slopes" in parts:
        bench_slopes(options.size)
    if "dots" in parts:
        bench_dots(options.timeout)
    if "large" in parts:
        bench_large(options.large_mb, 3 * options.timeout)
    if "stages" in parts:
        bench_stages(options.stages_mb, options.stages_lines, 3 * options.timeout)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
