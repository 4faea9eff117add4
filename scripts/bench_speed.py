"""End-to-end speed against an earlier commit, in one run: CPU, peak memory, same output.

    python scripts/bench_speed.py              # A/74/400 against the last commit before the speed work
    python scripts/bench_speed.py --baseline HEAD~3 --runs 7
    python scripts/bench_speed.py --case regulation --case copies

The baseline commit is checked out in a temporary git worktree (nothing in this checkout
changes) and both versions run the same command alternately, each run a fresh process,
so that the machine's load weighs on both alike. For each version: median and lowest CPU
seconds (user + system of the finished process), median peak resident memory, and whether
the outputs are the same byte for byte apart from the TMX creation dates. Cases:

- ``un``: ``aligner align fr.txt en.txt -o m.tmx`` on A/74/400 (target: at most 0.5 s CPU,
  2.5 times faster than the baseline, under 120 MB, same TMX);
- ``regulation``: the same on ca-regs-SOR-2018-108 (LIMS XML);
- ``copies``: A/74/400 ten times in one file against once (target: at most 11 times the time
  of one copy, under 400 MB), the current version only.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"
UN = CORPORA / "un-a74400"
REGULATION = CORPORA / "real" / "ca-regs-SOR-2018-108"
# The last commit of main before the speed work of issue 14.
DEFAULT_BASELINE = "2b53528"
DATES = re.compile(rb'(creationdate|changedate)="[0-9TZ]+"')


def _run(checkout: Path, arguments: list[str]) -> float:
    """CPU seconds of one ``aligner`` run of the code in ``checkout``."""
    environment = dict(os.environ, PYTHONPATH=str(checkout))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    completed = subprocess.run(
        [sys.executable, "-c", "from aligner.cli import main; main()", *arguments],
        cwd=checkout,
        env=environment,
        capture_output=True,
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode:
        raise SystemExit(
            f"{checkout}: aligner {' '.join(arguments)} failed:\n{completed.stderr.decode()[-2000:]}"
        )
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _peak_mb(checkout: Path, arguments: list[str]) -> float:
    """Peak resident MB of one run (RUSAGE_CHILDREN keeps the largest child so far: apart)."""
    environment = dict(os.environ, PYTHONPATH=str(checkout))
    completed = subprocess.run(
        [
            "/usr/bin/time",
            "-f",
            "%M",
            sys.executable,
            "-c",
            "from aligner.cli import main; main()",
            *arguments,
        ],
        cwd=checkout,
        env=environment,
        capture_output=True,
        check=True,
    )
    return int(completed.stderr.decode().strip().splitlines()[-1]) / 1024


def _without_dates(path: Path) -> bytes:
    return DATES.sub(rb'\1=""', path.read_bytes())


def _copies_input(folder: Path, copies: int) -> tuple[Path, Path]:
    """A/74/400 repeated ``copies`` times in one file (its symbol kept: one document)."""
    paths = []
    for name in ("fr.txt", "en.txt"):
        text = (UN / name).read_text(encoding="utf-8")
        path = folder / f"{copies}x-{name}"
        path.write_text("\n\n".join([text] * copies), encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


def compare(case: str, baseline: Path, runs: int, folder: Path) -> None:
    inputs = {
        "un": (UN / "fr.txt", UN / "en.txt"),
        "regulation": (REGULATION / "fr.xml", REGULATION / "en.xml"),
    }
    source, target = inputs[case]
    versions = {"baseline": baseline, "current": REPO}
    outputs = {name: folder / f"{case}-{name}.tmx" for name in versions}
    seconds: dict[str, list[float]] = {name: [] for name in versions}
    for name, checkout in versions.items():  # warm-up: bytecode compiled, files cached
        _run(checkout, ["align", str(source), str(target), "-o", str(outputs[name])])
    for _ in range(runs):
        for name, checkout in versions.items():
            seconds[name].append(
                _run(checkout, ["align", str(source), str(target), "-o", str(outputs[name])])
            )
    peaks = {
        name: _peak_mb(checkout, ["align", str(source), str(target), "-o", str(outputs[name])])
        for name, checkout in versions.items()
    }
    same = _without_dates(outputs["baseline"]) == _without_dates(outputs["current"])
    print(
        f"\n== {case}: aligner align {source.name} {target.name} -o m.tmx, {runs} runs each, alternating =="
    )
    for name in versions:
        median, lowest = statistics.median(seconds[name]), min(seconds[name])
        print(f"{name:<9} CPU median {median:6.3f} s, lowest {lowest:6.3f} s, peak {peaks[name]:6.1f} MB")
    ratio = statistics.median(seconds["baseline"]) / statistics.median(seconds["current"])
    print(f"speed-up (median against median): {ratio:.2f}x; output the same apart from dates: {same}")


def copies(runs: int, folder: Path) -> None:
    times = {}
    peaks = {}
    for count in (1, 10):
        source, target = _copies_input(folder, count)
        output = folder / f"copies-{count}.tmx"
        arguments = ["align", str(source), str(target), "-o", str(output)]
        times[count] = statistics.median(_run(REPO, arguments) for _ in range(runs))
        peaks[count] = _peak_mb(REPO, arguments)
    print(f"\n== A/74/400 once and ten times in one file, current version, {runs} runs each ==")
    for count in times:
        print(f"{count:>2} copies: CPU median {times[count]:6.2f} s, peak {peaks[count]:6.1f} MB")
    print(f"ten copies take {times[10] / times[1]:.2f} times one copy (target at most 11, under 400 MB)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="commit to compare with")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--case", action="append", choices=["un", "regulation", "copies"])
    arguments = parser.parse_args()
    cases = arguments.case or ["un"]
    print(f"load average: {' '.join(f'{value:.2f}' for value in os.getloadavg())} ({os.cpu_count()} CPUs)")
    with tempfile.TemporaryDirectory(prefix="bench-speed-") as scratch:
        folder = Path(scratch)
        baseline = folder / "baseline"
        needs_baseline = any(case != "copies" for case in cases)
        if needs_baseline:
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "add", "--detach", str(baseline), arguments.baseline],
                check=True,
                capture_output=True,
            )
        try:
            for case in cases:
                if case == "copies":
                    copies(arguments.runs, folder)
                else:
                    compare(case, baseline, arguments.runs, folder)
        finally:
            if needs_baseline:
                subprocess.run(
                    ["git", "-C", str(REPO), "worktree", "remove", "--force", str(baseline)],
                    capture_output=True,
                )
    print(f"\nload average at end: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")


if __name__ == "__main__":
    main()
