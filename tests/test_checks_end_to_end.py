"""Plant 30 known errors into a copy of the English side of A/74/400, run the whole pipeline
(read, repair, structure, alignment) and the checks, and find them."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.checks import run_checks
from aligner.model import SegmentPair
from aligner.pipeline import align_files, bitext_segments

# (text in en.txt, what replaces its first occurrence, check that must report it)
EDITS = [
    ("resolution 2019/16,", "resolution 2019/61,", "symbols"),
    ("draft resolution A/C.3/74/L.2 (see", "draft resolution A/C.3/74/L.3 (see", "symbols"),
    ("[A/74/127](#)", "[A/74/172](#)", "symbols"),
    ("See A/C.3/74/SR.44.", "See A/C.3/74/SR.45.", "symbols"),
    ("resolution 2019/17,", "resolution 2019/71,", "symbols"),
    ("resolution [65/230](#) of 21 December 2010", "resolution [65/203](#) of 21 December 2010", "symbols"),
    ("on 20 September 2019", "on 21 September 2019", "numbers"),
    ("item jointly with item 107", "item jointly with item 108", "numbers"),
    ("its seventy-fourth session the item", "its seventy-third session the item", "numbers"),
    ("At its 48^th meeting, on 15 November", "At its 48^th meeting, on 16 November", "numbers"),
    ("(see para. 29, draft resolution II)", "(see para. 28, draft resolution II)", "numbers"),
    ("At the 44^th meeting, on 7 November", "At the 44^th meeting, on 8 November", "numbers"),
    ("of 1 December 1950", "of 10 December 1950", "numbers"),
    ("from 20 to 27 April 2020", "from 20 to 28 April 2020", "numbers"),
    ("on its ninth session", "on its tenth session", "numbers"),
    ("summary records.¹", "summary records.", "footnotes"),
    (
        "the draft resolutions before the Committee.²",
        "the draft resolutions before the Committee.",
        "footnotes",
    ),
    ("Human Rights,¹ and recalling", "Human Rights, and recalling", "footnotes"),
    ("Prevention of Crime,² the guidelines", "Prevention of Crime, the guidelines", "footnotes"),
    ("(the Beijing Rules)⁷", "(the Beijing Rules)⁹", "footnotes"),
    (
        "legal obligations to prevent and combat trafficking in persons",
        "legal obligations to prevent and combat human trafficking",
        "term-consistency",
    ),
    (
        "objectives of the criminal justice system",
        "objectives of the penal justice system",
        "term-consistency",
    ),
    (
        "against Transnational Organized Crime and the Protocol",
        "against Cross-border Organised Criminality and the Protocol",
        "term-consistency",
    ),
    ("provide technical assistance", "provide technical aid", "term-consistency"),
    ("strengthening international cooperation", "strengthening global collaboration", "term-consistency"),
]
UNTRANSLATED = 5


@pytest.fixture(scope="module")
def clean(un_pair) -> list[SegmentPair]:
    return list(bitext_segments(align_files(*un_pair)))


def _damaged_english(english: str, clean: list[SegmentPair]) -> tuple[str, list[tuple[str, str]]]:
    """en.txt with EDITS applied and five English sentences replaced by their French source;
    returns the text and, for each untranslated sentence, (its French text, the check)."""
    for needle, replacement, _ in EDITS:
        assert english.count(needle) >= 1, needle
        english = english.replace(needle, replacement, 1)
    untranslated = []
    candidates = [
        pair
        for pair in clean
        if pair.kind == "1-1"
        and len(pair.target.split()) >= 12
        and english.count(pair.target) == 1
        and "⁠" not in pair.target
    ]
    step = len(candidates) // UNTRANSLATED
    for pair in candidates[step // 2 :: step][:UNTRANSLATED]:
        english = english.replace(pair.target, pair.source, 1)
        untranslated.append((pair.source, "untranslated"))
    return english, untranslated


def test_thirty_planted_errors_are_found_end_to_end(tmp_path: Path, un_pair, clean):
    french, english = un_pair
    damaged_text, untranslated = _damaged_english(english.read_text(encoding="utf-8"), clean)
    damaged_path = tmp_path / "en.txt"
    damaged_path.write_text(damaged_text, encoding="utf-8")
    damaged = list(bitext_segments(align_files(french, damaged_path)))

    clean_findings = {(f.key, f.check) for f in run_checks(clean)}
    new_findings = {(f.key, f.check) for f in run_checks(damaged)} - clean_findings
    planted = [(replacement, check) for _, replacement, check in EDITS] + untranslated
    assert len(planted) == 30
    found, missed = [], []
    for marker, check in planted:
        # the damaged segment: the first whose target carries the planted text (for a removed
        # footnote reference, the text around it)
        probe = marker.replace("^th", "th").replace("[", "").replace("](#)", "")
        tuids = [pair.tuid for pair in damaged if probe in pair.target]
        hit = bool(tuids) and (tuids[0], check) in new_findings
        (found if hit else missed).append((marker, check))
    print(f"planted errors found end to end: {len(found)} of {len(planted)}; missed: {missed}")
    assert len(found) >= 29, f"missed: {missed}"
