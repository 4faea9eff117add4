"""Planted errors: a seeded generator damages the target side of aligned real documents at random
places, the checks run on the damaged pairs, and each planted error counts as found when a new
finding of the expected check falls on its segment.

    python scripts/bench_planted.py [--seed 1] [--per-kind 10] [--show]
        [--documents un-a74400 real/ca-regs-SOR-2025-219]

Kinds: a term's usual rendering replaced once (one of its words swapped for another word of the
document), a number, a date, a document symbol or resolution number, a footnote call removed,
a whole sentence and half a sentence left in the source language. The clean pairs' findings are
printed first (false findings, to be judged), then found/planted per kind and document. The
damage is done on the aligned segment pairs (the pipeline's links), not on the files, so each
planted error sits in a known segment.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


from aligner.checks import run_checks  # noqa: E402
from aligner.model import SegmentPair  # noqa: E402
from aligner.pipeline import align_files, bitext_segments  # noqa: E402
from aligner.planting import EXPECTED, KINDS, damage  # noqa: E402

CORPORA = REPO.parent / "shared" / "corpora"


def load(name: str) -> list[SegmentPair]:
    folder = Path(name) if Path(name).is_dir() else CORPORA / name
    french = sorted(folder.glob("fr.*"))[0]
    english = sorted(folder.glob("en.*"))[0]
    return list(bitext_segments(align_files(french, english, force=True)))


def bench(name: str, seed: int, per_kind: int, show: bool) -> Counter:
    pairs = load(name)
    started = time.process_time()
    clean = run_checks(pairs)
    seconds = time.process_time() - started
    print(f"== {name}: {len(pairs)} pairs; clean findings {len(clean)} ({seconds:.2f} s CPU)")
    for check, count in sorted(Counter(f.check for f in clean).items()):
        print(f"   clean {check}: {count}")
    damaged, planted = damage(pairs, per_kind, random.Random(seed))
    before = {(f.key, f.check) for f in clean}
    after = {(f.key, f.check) for f in run_checks(damaged)} - before
    labels = [damaged[index].tuid or damaged[index].key or f"#{index + 1}" for index in range(len(damaged))]
    found: Counter = Counter()
    total: Counter = Counter()
    for index, kind in planted:
        total[kind] += 1
        hit = (labels[index], EXPECTED[kind]) in after
        found[kind] += hit
        if show and not hit:
            print(f"   missed {kind} at {labels[index]}: {damaged[index].target[:200]}")
    for kind in KINDS:
        print(f"   {kind:18} {found[kind]}/{total[kind]}")
    print(f"   all                {sum(found.values())}/{sum(total.values())}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-kind", type=int, default=10)
    parser.add_argument("--documents", nargs="+", default=["un-a74400", "real/ca-regs-SOR-2025-219"])
    parser.add_argument("--show", action="store_true", help="print the missed errors")
    args = parser.parse_args()
    for name in args.documents:
        bench(name, args.seed, args.per_kind, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
