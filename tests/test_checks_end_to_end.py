"""Plant errors into a copy of the English file of A/74/400 with the seeded generator
(``aligner.planting``), run the whole pipeline (read, repair, structure, alignment) and the
checks on the damaged file, and find them. What is damaged is read off the corpus at run time;
nothing of its text is written here."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from aligner.checks import run_checks
from aligner.model import SegmentPair
from aligner.pipeline import align_files, bitext_segments
from aligner.planting import EXPECTED, KINDS, damage

PER_KIND = 4
SEED = 7


@pytest.fixture(scope="module")
def clean(un_pair) -> list[SegmentPair]:
    return list(bitext_segments(align_files(*un_pair)))


def test_planted_errors_are_found_end_to_end(tmp_path: Path, un_pair, clean):
    french, english = un_pair
    text = english.read_text(encoding="utf-8")
    # Only pairs whose English stands once, word for word, in the file can be damaged there.
    damaged_pairs, planted = damage(
        clean, PER_KIND, random.Random(SEED), allowed=lambda pair: text.count(pair.target) == 1
    )
    for index, _ in planted:
        text = text.replace(clean[index].target, damaged_pairs[index].target, 1)
    damaged_path = tmp_path / "en.txt"
    damaged_path.write_text(text, encoding="utf-8")
    damaged = list(bitext_segments(align_files(french, damaged_path)))

    before = {(f.key, f.check) for f in run_checks(clean)}
    after = {(f.key, f.check) for f in run_checks(damaged)} - before
    found: Counter = Counter()
    total: Counter = Counter()
    for index, kind in planted:
        total[kind] += 1
        found[kind] += (clean[index].tuid, EXPECTED[kind]) in after
    print({kind: f"{found[kind]}/{total[kind]}" for kind in KINDS})
    assert sum(total.values()) >= 5 * PER_KIND
    for kind in KINDS:
        if kind == "term":
            # One-off term renderings are the hard kind (see scripts/bench_planted.py).
            assert found[kind] >= total[kind] // 2, (kind, found[kind], total[kind])
        else:
            assert found[kind] >= total[kind] - 1, (kind, found[kind], total[kind])
    assert sum(found.values()) >= 0.85 * sum(total.values())
