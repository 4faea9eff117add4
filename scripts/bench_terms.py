"""Term extraction on A/74/400: precision of the top term pairs against a hand-made list.

    python scripts/bench_terms.py [--corpus ../shared/corpora/un-a74400] [--top 100] [--show]
    python scripts/bench_terms.py --parallel ../shared/corpora/unpc-devset/UNv1.0.devset.{fr,en} --top 30

The aligned segments come from ``aligner.pipeline.align_files`` when the pipeline provides
it, otherwise from the gold beads of gold.jsonl (markup stripped). The reference list
(tests/data/un-a74400-terms.tsv) was written by hand from the two documents. With
``--parallel`` the pairs are two line-parallel files and the top pairs are printed to be
judged by eye (there is no reference list for them).
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from aligner.model import Bitext, SegmentPair  # noqa: E402
from aligner.profiles import get_profile  # noqa: E402
from aligner.terms import extract_terms, term_key  # noqa: E402
from aligner.terms.pairs import Languages, load_pairs  # noqa: E402
from aligner.terms.text import strip_markup  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "un-a74400"
REFERENCE = REPO / "tests" / "data" / "un-a74400-terms.tsv"


def bitext_pairs(bitext: Bitext) -> list[SegmentPair]:
    def side(sentences, indices, fallback):
        return fallback or " ".join(sentences[i].text for i in indices)

    return [
        SegmentPair(
            side(bitext.source_sentences, link.source, link.source_text),
            side(bitext.target_sentences, link.target, link.target_text),
            bitext.source_lang,
            bitext.target_lang,
            key=link.unit,
            tuid=f"link:{number}",
            document=bitext.symbol or "",
            confidence=link.confidence,
            kind=link.kind,
        )
        for number, link in enumerate(bitext.links, start=1)
    ]


def aligned_pairs(corpus: Path, segments: str) -> tuple[list[SegmentPair], str]:
    """The pipeline's links when it can align files (or ``segments`` says "pipeline"),
    else the gold beads."""
    try:
        align_files = importlib.import_module("aligner.pipeline").align_files
    except (ImportError, AttributeError):
        align_files = None
    if segments == "gold" or (segments == "auto" and align_files is None):
        pairs = load_pairs([corpus / "gold.jsonl"])
        return [
            replace(p, source=strip_markup(p.source), target=strip_markup(p.target)) for p in pairs
        ], "gold beads"
    return bitext_pairs(align_files(corpus / "fr.txt", corpus / "en.txt")), "aligner.pipeline.align_files"


def reference_keys(path: Path) -> set[tuple[str, str]]:
    french, english = get_profile("fr"), get_profile("en")
    keys = set()
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            fr, en = line.split("\t")
            keys.add((term_key(fr, french), term_key(en, english)))
    return keys


def show_parallel(french: Path, english: Path, top: int) -> None:
    pairs = load_pairs([french, english], Languages("fr", "en"))
    started = time.perf_counter()
    table = extract_terms(pairs)
    seconds = time.perf_counter() - started
    print(f"segments: {len(pairs)} (line-parallel); term pairs extracted: {table.height} in {seconds:.2f} s")
    for rank, row in enumerate(table.head(top).iter_rows(named=True), start=1):
        print(
            f"{rank:4} {row['source_term']} | {row['target_term']} "
            f"({row['cooccurrences']}/{row['source_freq']}/{row['target_freq']}, dice {row['dice']:.2f})"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--top", type=int, default=100)
    parser.add_argument("--show", action="store_true", help="print the top pairs, marking misses")
    parser.add_argument(
        "--segments",
        choices=("auto", "gold", "pipeline"),
        default="auto",
        help="aligned segments: the pipeline's links (auto: when it exists) or the gold beads",
    )
    parser.add_argument(
        "--parallel",
        nargs=2,
        type=Path,
        metavar=("FR", "EN"),
        help="line-parallel French and English files: print their top pairs instead",
    )
    args = parser.parse_args()
    if args.parallel:
        show_parallel(*args.parallel, args.top)
        return 0

    pairs, origin = aligned_pairs(args.corpus, args.segments)
    started = time.perf_counter()
    table = extract_terms(pairs)
    seconds = time.perf_counter() - started
    reference = reference_keys(REFERENCE)
    found = {(row["source_key"], row["target_key"]) for row in table.iter_rows(named=True)}
    top = table.head(args.top)
    hits = [(row["source_key"], row["target_key"]) in reference for row in top.iter_rows(named=True)]

    print(f"segments: {len(pairs)} ({origin}); term pairs extracted: {table.height} in {seconds:.2f} s")
    print(
        f"precision of the top {top.height}: {sum(hits)}/{top.height} = {sum(hits) / max(1, top.height):.1%}"
    )
    print(
        f"reference pairs found anywhere in the table: {len(reference & found)}/{len(reference)} = "
        f"{len(reference & found) / len(reference):.1%}"
    )
    if args.show:
        for hit, row in zip(hits, top.iter_rows(named=True)):
            mark = " " if hit else "✗"
            print(
                f"{mark} {row['source_term']} | {row['target_term']} "
                f"({row['cooccurrences']}/{row['source_freq']}/{row['target_freq']}, dice {row['dice']:.2f})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
