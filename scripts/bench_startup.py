"""Start-up cost of the ``aligner`` command: CPU seconds of whole runs, median of repeats.

    python scripts/bench_startup.py               # 15 runs of each command
    python scripts/bench_startup.py --runs 30

Each command runs as its own process (the installed ``aligner`` script beside this Python);
its CPU time (user + system, from ``getrusage`` of the finished child, so the machine's load
does not count) is what a user waits for on an idle machine. Commands: ``aligner --help``,
``aligner structure`` on the project's sample, ``aligner align --help``, and ``python -c
pass`` and ``python -c "import numpy"`` as the floor they are compared with. Also prints
which heavy modules each command imported (numpy, polars, lxml, openpyxl).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "corpora" / "sample" / "fr.txt"
HEAVY = ("numpy", "polars", "lxml", "openpyxl", "pypdfium2", "sentencepiece", "sacrebleu", "wordfreq")
TARGET_SECONDS = 0.15


def _aligner() -> list[str]:
    script = Path(sys.executable).with_name("aligner")
    return [str(script)] if script.exists() else [sys.executable, "-m", "aligner.cli"]


def _cpu_of(command: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _heavy_imports(arguments: list[str]) -> list[str]:
    """The heavy modules a command's run imports (run in-process through the CLI's main)."""
    probe = (
        "import contextlib, io, sys\n"
        "from aligner.cli import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    try:\n        cli.main(args={arguments!r}, prog_name='aligner')\n"
        "    except SystemExit:\n        pass\n"
        f"print(','.join(name for name in {HEAVY!r} if name in sys.modules))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, cwd=REPO
    )
    lines = completed.stdout.strip().splitlines()
    return [name for name in (lines[-1].split(",") if lines else []) if name]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15)
    arguments = parser.parse_args()
    aligner = _aligner()
    commands = {
        "python -c pass": ([sys.executable, "-c", "pass"], None),
        'python -c "import numpy"': ([sys.executable, "-c", "import numpy"], None),
        "aligner --help": ([*aligner, "--help"], ["--help"]),
        "aligner structure sample/fr.txt": ([*aligner, "structure", str(SAMPLE)], ["structure", str(SAMPLE)]),
        "aligner align --help": ([*aligner, "align", "--help"], ["align", "--help"]),
    }
    print(
        f"load average: {' '.join(f'{value:.2f}' for value in os.getloadavg())}; {arguments.runs} runs each"
    )
    print(f"{'command':<36} {'median s':>9} {'min s':>7}  heavy modules imported")
    for name, (command, cli_arguments) in commands.items():
        _cpu_of(command)  # warm the file cache and the bytecode
        seconds = [_cpu_of(command) for _ in range(arguments.runs)]
        heavy = (", ".join(_heavy_imports(cli_arguments)) or "none") if cli_arguments else ""
        verdict = ""
        if name in ("aligner --help", "aligner structure sample/fr.txt"):
            verdict = " ok" if statistics.median(seconds) < TARGET_SECONDS else f" OVER {TARGET_SECONDS}"
        print(f"{name:<36} {statistics.median(seconds):9.3f} {min(seconds):7.3f}  {heavy}{verdict}")


if __name__ == "__main__":
    main()
