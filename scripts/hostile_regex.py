"""Every regular expression aligner compiles, tried on pathological strings: the time slope.

    python scripts/hostile_regex.py [--size 2000] [--show 20]

Patterns are caught as the ``re`` module compiles them (module constants at import, profile
patterns, patterns built at run time by the pipeline, the checks and terms on the embedded
sample), then each is run (``finditer``, ``match``, ``fullmatch``) on strings made of one or
two of the characters it names repeated, with a character that fails the match at the end.
The worst string of each pattern is timed again at 4 and 16 times the size: a linear pattern
takes about 4 times as long for each step, a quadratic one 16 times. Prints the patterns
whose slope is above 6 (their 16x time and where they are defined) and a count; asserts
nothing. Used by scripts/bench_hostile.py.
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import pkgutil
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BASE_CHARACTERS = " a.A1(),-/*[]^{}¹\n\t'’«»:;_#@<>&\"|"


@dataclass(frozen=True)
class Slope:
    pattern: str
    where: str
    unit: str
    seconds: tuple[float, ...]

    @property
    def ratio(self) -> float:
        """Growth of the time per 4x of input, between the two largest sizes."""
        return self.seconds[-1] / max(self.seconds[-2], 1e-6)


def collect_patterns() -> dict[tuple[str, int], tuple[re.Pattern[str], str]]:
    """The patterns compiled from aligner's own code (by the caller's file), with where."""
    found: dict[tuple[str, int], tuple[re.Pattern[str], str]] = {}
    original = re._compile  # type: ignore[attr-defined]

    def recording(pattern, flags):
        compiled = original(pattern, flags)
        if isinstance(pattern, str):
            frame = sys._getframe(1)
            while frame and frame.f_code.co_filename.endswith(("/re/__init__.py", "functools.py")):
                frame = frame.f_back
            if frame and "/aligner/" in frame.f_code.co_filename:
                where = f"{Path(frame.f_code.co_filename).relative_to(REPO)}:{frame.f_lineno}"
                found.setdefault((pattern, compiled.flags), (compiled, where))
        return compiled

    re._compile = recording  # type: ignore[attr-defined]
    try:
        import aligner

        for module in pkgutil.walk_packages(aligner.__path__, "aligner."):
            importlib.import_module(module.name)
        exercise_pipeline()
    finally:
        re._compile = original  # type: ignore[attr-defined]
    return found


def exercise_pipeline() -> None:
    """Run align, checks and terms on the embedded sample, so that patterns built at run
    time are compiled too."""
    import tempfile

    from aligner.checks import run_checks
    from aligner.pipeline import align_files, bitext_segments
    from aligner.terms import extract_terms
    from aligner.writers import write_segments

    sample = REPO / "corpora" / "sample"
    bitext = align_files(sample / "fr.txt", sample / "en.txt")
    segments = list(bitext_segments(bitext))
    run_checks(segments)
    extract_terms(segments)
    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".tmx", ".tsv", ".jsonl"):
            write_segments(segments, Path(folder) / f"out{suffix}")


def _run(pattern: re.Pattern[str], text: str) -> float:
    started = time.perf_counter()
    for _ in pattern.finditer(text):
        pass
    pattern.match(text)
    pattern.fullmatch(text)
    return time.perf_counter() - started


def units_for(pattern: re.Pattern[str]) -> list[str]:
    characters = set(BASE_CHARACTERS) | {
        char for char in pattern.pattern if char.isprintable() and not char.isalnum()
    }
    characters |= {char for char in "IVXLCivxlcé0" if char in pattern.pattern}
    ordered = sorted(characters - set("\\"))
    return ordered + ["".join(pair) for pair in itertools.combinations(ordered, 2)]


def slope(pattern: re.Pattern[str], where: str, size: int) -> Slope:
    worst, worst_lead, worst_unit = -1.0, "", " "
    for unit in units_for(pattern):
        body = unit * max(1, size // len(unit))
        for lead, text in (("", body), ("", body + "\x00"), ("\x00", "\x00" + body)):
            seconds = _run(pattern, text)
            if seconds > worst:
                worst, worst_lead, worst_unit = seconds, lead, unit
    timings = []
    for factor in (1, 4, 16):
        text = worst_lead + worst_unit * max(1, factor * size // len(worst_unit)) + "\x00"
        timings.append(min(_run(pattern, text) for _ in range(2)))
    return Slope(pattern.pattern, where, worst_unit, tuple(timings))


def audit(size: int) -> list[Slope]:
    return [slope(pattern, where, size) for pattern, where in collect_patterns().values()]


def report(slopes: list[Slope], show: int) -> int:
    """Print the steep patterns; return how many there are."""
    steep = sorted((s for s in slopes if s.ratio > 6 and s.seconds[-1] > 0.05), key=lambda s: -s.ratio)
    print(f"regex: {len(slopes)} patterns, {len(steep)} with a slope above 6 per 4x of input")
    for item in steep[:show]:
        print(
            f"  x{item.ratio:5.1f} {item.seconds[-1]:7.3f} s  {item.where}  unit {item.unit!r}  "
            f"/{item.pattern[:90]}/"
        )
    return len(steep)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=2000, help="characters of the first string")
    parser.add_argument("--show", type=int, default=30)
    args = parser.parse_args()
    report(audit(args.size), args.show)


if __name__ == "__main__":
    main()
