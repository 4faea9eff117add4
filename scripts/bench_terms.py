"""Term extraction on A/74/400 against the project's own reference and judgements; top pairs of
real documents for judging.

    python scripts/bench_terms.py [--corpus ../shared/corpora/un-a74400] [--top 100] [--depth 200] [--show]
    python scripts/bench_terms.py --documents real/ca-regs-SOR-2025-219 real/ca-gov-openfirst-ch3 --top 30
    python scripts/bench_terms.py --parallel ../shared/corpora/unpc-devset/UNv1.0.devset.{fr,en} --top 30
    python scripts/bench_terms.py --definitions ../shared/corpora/{canada-acts,real}/*/ --depth 100

On A/74/400 it prints the share of the reference pairs (tests/data/un-a74400-terms.tsv, see its
header for how it was made) found among the first ``--depth`` pairs of the table, and the
precision of the first ``--top`` pairs: a pair counts as right when it is a reference pair or
judged right in tests/data/un-a74400-term-judgements.tsv (fr, en, verdict "yes"/"no", why).
Pairs of the top that neither file knows are listed as unjudged (and counted as wrong), so a
change of the extractor shows what is left to judge. The aligned segments come from the
pipeline (``aligner.pipeline.align_files``), or from the gold beads with ``--segments gold``.

``--documents`` aligns real document pairs of the shared corpora (folders holding fr.* and
en.*) with the pipeline and prints their top pairs; ``--parallel`` does the same for two
line-parallel files. ``--definitions`` checks the extractor on another family than the UN
report, with term pairs its drafters chose: the definitions of Justice Canada XML (each English
definition names its French term), counted when both terms stand together in at least three
aligned segment pairs, found within ``--depth``. The extraction time printed is CPU time.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import polars as pl  # noqa: E402

from aligner.model import SegmentPair  # noqa: E402
from aligner.pipeline import align_files, bitext_segments  # noqa: E402
from aligner.profiles import get_profile  # noqa: E402
from aligner.readers.safexml import parse_xml  # noqa: E402
from aligner.terms import extract_terms, term_key  # noqa: E402
from aligner.terms.pairs import Languages, load_pairs  # noqa: E402
from aligner.terms.text import strip_markup  # noqa: E402

CORPORA = REPO.parent / "shared" / "corpora"
DEFAULT_CORPUS = CORPORA / "un-a74400"
REFERENCE = REPO / "tests" / "data" / "un-a74400-terms.tsv"
JUDGEMENTS = REPO / "tests" / "data" / "un-a74400-term-judgements.tsv"


def aligned_pairs(corpus: Path, segments: str) -> tuple[list[SegmentPair], str]:
    """The pipeline's links, or the gold beads (markup stripped)."""
    if segments == "gold":
        pairs = load_pairs([corpus / "gold.jsonl"])
        return [
            replace(p, source=strip_markup(p.source), target=strip_markup(p.target)) for p in pairs
        ], "gold beads"
    return list(bitext_segments(align_files(corpus / "fr.txt", corpus / "en.txt"))), "pipeline links"


def _rows(path: Path) -> list[list[str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [row for row in csv.reader(lines[1:], delimiter="\t") if row and row[0].strip()]


def keyed(fr: str, en: str) -> tuple[str, str]:
    return term_key(fr, get_profile("fr")), term_key(en, get_profile("en"))


def reference_keys(path: Path = REFERENCE) -> set[tuple[str, str]]:
    return {keyed(row[0], row[1]) for row in _rows(path)}


def judgements(path: Path = JUDGEMENTS) -> dict[tuple[str, str], bool]:
    return {keyed(row[0], row[1]): row[2].strip() == "yes" for row in _rows(path)}


def timed_table(pairs: list[SegmentPair]) -> tuple[pl.DataFrame, float]:
    started = time.process_time()
    table = extract_terms(pairs)
    return table, time.process_time() - started


def _line(rank: int, row: dict, mark: str = " ") -> str:
    return (
        f"{mark} {rank:4} {row['source_term']} | {row['target_term']} "
        f"({row['cooccurrences']}/{row['source_freq']}/{row['target_freq']}, dice {row['dice']:.2f}, "
        f"score {row['score']:.2f})"
    )


def show_top(table: pl.DataFrame, top: int) -> None:
    for rank, row in enumerate(table.head(top).iter_rows(named=True), start=1):
        print(_line(rank, row))


def bench_un(args: argparse.Namespace) -> None:
    pairs, origin = aligned_pairs(args.corpus, args.segments)
    table, seconds = timed_table(pairs)
    reference = reference_keys()
    judged = judgements()
    keys = [(row["source_key"], row["target_key"]) for row in table.iter_rows(named=True)]
    ranks = {key: rank for rank, key in reversed(list(enumerate(keys, start=1)))}
    in_depth = {key for key in reference if ranks.get(key, 10**9) <= args.depth}
    anywhere = {key for key in reference if key in ranks}
    right = [key in reference or judged.get(key, False) for key in keys[: args.top]]
    unjudged = [key for key in keys[: args.top] if key not in reference and key not in judged]
    print(f"segments: {len(pairs)} ({origin}); term pairs: {table.height}; extraction {seconds:.2f} s CPU")
    print(
        f"reference pairs in the top {args.depth}: {len(in_depth)}/{len(reference)} = "
        f"{len(in_depth) / len(reference):.1%} (anywhere in the table: {len(anywhere) / len(reference):.1%})"
    )
    share = sum(right) / max(1, len(right))
    print(
        f"precision of the top {len(right)}: {sum(right)}/{len(right)} = {share:.1%}"
        f" ({len(unjudged)} unjudged, counted wrong)"
    )
    if args.show:
        print(f"-- top {args.top} (✗ judged wrong, ? unjudged):")
        for rank, (key, row) in enumerate(
            zip(keys[: args.top], table.head(args.top).iter_rows(named=True), strict=True), 1
        ):
            mark = " " if key in reference or judged.get(key) else ("✗" if key in judged else "?")
            print(_line(rank, row, mark))
        print(f"-- reference pairs not in the top {args.depth} (rank, or - when absent):")
        names = {keyed(row[0], row[1]): f"{row[0]} | {row[1]}" for row in _rows(REFERENCE)}
        for key in sorted(reference - in_depth, key=lambda key: ranks.get(key, 10**9)):
            print(f"  {ranks.get(key, '-')!s:>5} {names[key]}")


def document_files(folder: Path) -> tuple[Path, Path]:
    def one(lang: str) -> Path:
        found = sorted(folder.glob(f"{lang}.*"))
        if not found:
            raise SystemExit(f"{folder}: no {lang}.* file")
        return found[0]

    return one("fr"), one("en")


def bench_documents(names: list[str], top: int) -> None:
    for name in names:
        folder = Path(name) if Path(name).is_dir() else CORPORA / name
        french, english = document_files(folder)
        pairs = list(bitext_segments(align_files(french, english, force=True)))
        table, seconds = timed_table(pairs)
        print(f"== {name}: {len(pairs)} segment pairs, {table.height} term pairs, {seconds:.2f} s CPU")
        show_top(table, top)


def defined_pairs(english: Path) -> list[tuple[str, str]]:
    """The (French, English) term pairs that the definitions of a Justice Canada XML file give:
    each English definition names its term (DefinedTermEn) and the French one (DefinedTermFr)."""
    root = parse_xml(english.read_bytes(), str(english)).getroot()
    found = []
    for definition in root.iter("Definition"):
        english_terms = [" ".join("".join(t.itertext()).split()) for t in definition.iter("DefinedTermEn")]
        french_terms = [" ".join("".join(t.itertext()).split()) for t in definition.iter("DefinedTermFr")]
        if len(english_terms) == 1 and len(french_terms) == 1:
            found.append((french_terms[0], english_terms[0]))
    return found


def together_in(pairs: list[SegmentPair], fr: str, en: str) -> int:
    french, english = get_profile("fr"), get_profile("en")
    wanted = f" {term_key(fr, french)} ", f" {term_key(en, english)} "
    return sum(
        wanted[0] in f" {term_key(p.source, french)} " and wanted[1] in f" {term_key(p.target, english)} "
        for p in pairs
    )


def bench_definitions(names: list[str], depth: int, least: int = 3) -> None:
    """Recall of the defined terms of Justice Canada documents (another family than the UN
    report, with term pairs chosen by its drafters, not by this project): a defined pair counts
    when both terms stand together in at least ``least`` aligned segment pairs."""
    totals = [0, 0, 0]
    for name in names:
        folder = Path(name) if Path(name).is_dir() else CORPORA / name
        if not (folder / "en.xml").is_file() or not (folder / "fr.xml").is_file():
            continue  # not a Justice Canada XML pair
        french, english = folder / "fr.xml", folder / "en.xml"
        pairs = list(bitext_segments(align_files(french, english, force=True)))
        reference = {
            keyed(fr, en) for fr, en in defined_pairs(english) if together_in(pairs, fr, en) >= least
        }
        table, seconds = timed_table(pairs)
        keys = [(row["source_key"], row["target_key"]) for row in table.iter_rows(named=True)]
        ranks = {key: rank for rank, key in reversed(list(enumerate(keys, start=1)))}
        top = sum(ranks.get(key, 10**9) <= depth for key in reference)
        anywhere = sum(key in ranks for key in reference)
        totals = [totals[0] + top, totals[1] + anywhere, totals[2] + len(reference)]
        print(
            f"{name}: {len(pairs)} segment pairs, {table.height} term pairs ({seconds:.2f} s CPU); "
            f"defined pairs in the top {depth}: {top}/{len(reference)}, anywhere {anywhere}"
        )
    top, anywhere, total = totals
    print(
        f"all: defined pairs in the top {depth}: {top}/{total} = {top / max(1, total):.1%} "
        f"(anywhere in the tables: {anywhere / max(1, total):.1%})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--top", type=int, default=100, help="pairs judged for precision, or printed")
    parser.add_argument("--depth", type=int, default=200, help="rank within which reference pairs count")
    parser.add_argument("--show", action="store_true", help="print the top pairs and the missed references")
    parser.add_argument("--segments", choices=("pipeline", "gold"), default="pipeline")
    parser.add_argument(
        "--documents", nargs="+", metavar="FOLDER", help="real document pairs: print their top"
    )
    parser.add_argument("--parallel", nargs=2, type=Path, metavar=("FR", "EN"), help="line-parallel files")
    parser.add_argument(
        "--definitions",
        nargs="+",
        metavar="FOLDER",
        help="Justice Canada XML pairs: recall of their defined terms within --depth",
    )
    args = parser.parse_args()
    if args.definitions:
        bench_definitions(args.definitions, args.depth)
    elif args.documents:
        bench_documents(args.documents, args.top)
    elif args.parallel:
        pairs = load_pairs(list(args.parallel), Languages("fr", "en"))
        table, seconds = timed_table(pairs)
        print(f"segments: {len(pairs)} (line-parallel); term pairs: {table.height}; {seconds:.2f} s CPU")
        show_top(table, args.top)
    else:
        bench_un(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
