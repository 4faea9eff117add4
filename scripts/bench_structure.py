"""Structure figures on the shared corpora: speed on A/74/400, pairing on the Canadian acts
and on the OmegaT manual.

    python scripts/bench_structure.py [--corpora ../shared/corpora]

Prints figures; asserts nothing. What each figure means:
- un-a74400: CPU seconds to read, repair, parse and pair both files (best and median of runs).
- canada-acts: numbered units (labelled keys) whose label exists in the other language, and the
  share of them paired with that label; definitions (which each language sorts alphabetically)
  paired by content, and the share of those pairs that are right, checked with the term of the
  other language that each definition names in brackets ("Act means … (Loi)").
- omegat-manual: chapters paired by file name, sections by anchor, paragraphs by content, and
  on the chapters whose paragraph counts are equal, the share paired with the paragraph at the
  same position.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections import Counter
from pathlib import Path

from aligner.model import StructuralAlignment, is_ordinal_key
from aligner.pipeline import load_document, pair_documents

REPO = Path(__file__).resolve().parents[1]


def bench_un(folder: Path, runs: int = 5) -> None:
    timings = []
    for _ in range(runs):
        start = time.process_time()
        alignment = pair_documents(load_document(folder / "fr.txt"), load_document(folder / "en.txt"))
        timings.append(time.process_time() - start)
    paired = len(alignment.paired)
    print(
        f"un-a74400: {len(alignment.pairs)} unit pairs, {paired} with both sides, "
        f"{len(alignment.disagreements)} disagreements"
    )
    print(
        f"un-a74400: read+repair+parse+pair CPU {min(timings):.3f} s best, "
        f"{statistics.median(timings):.3f} s median of {runs}"
    )


def _paired_targets(alignment: StructuralAlignment) -> dict[str, str]:
    return {pair.source[0].key: pair.target[0].key for pair in alignment.pairs if pair.source and pair.target}


_BRACKETED_TERM = re.compile(r"\(([^()]+)\)\s*$")


def _other_language_term(text: str) -> str | None:
    match = _BRACKETED_TERM.search(text.strip())
    return match.group(1).strip().lower() if match else None


def _definition_is_right(source_text: str, target_text: str) -> bool | None:
    """A definition names the other language's term in brackets at its end: check both ways."""
    source_names = _other_language_term(source_text)
    target_names = _other_language_term(target_text)
    if source_names is None or target_names is None:
        return None
    return target_text.lower().startswith(
        source_names.split(" ou ")[0].split(" or ")[0]
    ) or source_text.lower().startswith(target_names.split(" ou ")[0].split(" or ")[0])


def bench_canada(folder: Path) -> None:
    totals: Counter[str] = Counter()
    print(
        f"{'act':<8} {'labelled':>9} {'paired':>7} {'share':>7} {'defs':>5} {'paired':>7} "
        f"{'checked':>8} {'right':>6}"
    )
    for act in sorted(path for path in folder.iterdir() if path.is_dir()):
        alignment = pair_documents(load_document(act / "en.xml"), load_document(act / "fr.xml"), force=True)
        counts = _canada_counts(alignment)
        totals.update(counts)
        share = counts["labelled_paired"] / counts["labelled"] if counts["labelled"] else 1.0
        print(
            f"{act.name:<8} {counts['labelled']:>9} {counts['labelled_paired']:>7} {share:>7.2%} "
            f"{counts['definitions']:>5} "
            f"{counts['definitions_paired']:>7} {counts['definitions_checked']:>8} "
            f"{counts['definitions_right']:>6}"
        )
    labelled_share = totals["labelled_paired"] / totals["labelled"]
    definition_share = totals["definitions_paired"] / totals["definitions"]
    right_share = totals["definitions_right"] / max(1, totals["definitions_checked"])
    print(
        f"canada-acts: {labelled_share:.2%} of {totals['labelled']} units whose labels correspond "
        "are paired with that label"
    )
    print(
        f"canada-acts: {definition_share:.2%} of {totals['definitions']} definitions paired by content; "
        f"{right_share:.2%} of the {totals['definitions_checked']} checkable pairs are right"
    )


def _canada_counts(alignment: StructuralAlignment) -> Counter[str]:
    counts: Counter[str] = Counter()
    target_keys = {unit.key for unit in alignment.target.units}
    paired = _paired_targets(alignment)
    for unit in alignment.source.units:
        if unit.kind == "definition":
            counts["definitions"] += 1
            target_key = paired.get(unit.key)
            if target_key:
                counts["definitions_paired"] += 1
                target_text = (
                    alignment.target.by_key()[target_key].text if counts["definitions_paired"] else ""
                )
                verdict = _definition_is_right(unit.text, target_text)
                if verdict is not None:
                    counts["definitions_checked"] += 1
                    counts["definitions_right"] += verdict
            continue
        if is_ordinal_key(unit.key) or "/def:" in unit.key or unit.key not in target_keys:
            continue
        counts["labelled"] += 1
        counts["labelled_paired"] += paired.get(unit.key) == unit.key
    return counts


def bench_omegat(folder: Path) -> None:
    alignment = pair_documents(load_document(folder / "en"), load_document(folder / "fr"), force=True)
    source_chapters = {unit.key.split("/")[0] for unit in alignment.source.units}
    target_chapters = {unit.key.split("/")[0] for unit in alignment.target.units}
    sections = [unit for unit in alignment.source.units if unit.kind == "heading"]
    paragraphs = [unit for unit in alignment.source.units if unit.kind != "heading"]
    paired = _paired_targets(alignment)
    section_share = sum(paired.get(unit.key) == unit.key for unit in sections) / len(sections)
    paragraph_share = sum(unit.key in paired for unit in paragraphs) / len(paragraphs)
    print(
        f"omegat-manual: {len(source_chapters & target_chapters)} chapters in both languages "
        f"(EN only {len(source_chapters - target_chapters)}, FR only "
        f"{len(target_chapters - source_chapters)})"
    )
    print(f"omegat-manual: {section_share:.2%} of {len(sections)} English section headings paired by anchor")
    print(f"omegat-manual: {paragraph_share:.2%} of {len(paragraphs)} English paragraphs paired by content")
    _omegat_equal_count_chapters(alignment, paired)


def _omegat_equal_count_chapters(alignment: StructuralAlignment, paired: dict[str, str]) -> None:
    def paragraphs_by_chapter(units) -> dict[str, list[str]]:
        chapters: dict[str, list[str]] = {}
        for unit in units:
            if unit.kind != "heading":
                chapters.setdefault(unit.key.split("/")[0], []).append(unit.key)
        return chapters

    source_chapters = paragraphs_by_chapter(alignment.source.units)
    target_chapters = paragraphs_by_chapter(alignment.target.units)
    equal = [
        name for name in source_chapters if len(source_chapters[name]) == len(target_chapters.get(name, []))
    ]
    same_position = total = 0
    for name in equal:
        for source_key, target_key in zip(source_chapters[name], target_chapters[name], strict=True):
            total += 1
            same_position += paired.get(source_key) == target_key
    print(
        f"omegat-manual: {len(equal)} chapters with equal paragraph counts; "
        f"{same_position / max(1, total):.2%} of their "
        f"{total} paragraphs paired with the paragraph at the same position"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    arguments = parser.parse_args()
    bench_un(arguments.corpora / "un-a74400")
    bench_canada(arguments.corpora / "canada-acts")
    bench_omegat(arguments.corpora / "omegat-manual")


if __name__ == "__main__":
    main()
