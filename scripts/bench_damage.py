"""Damage benchmark: does the review surface planted damage, and how much else does it flag?

    .venv/bin/python scripts/bench_damage.py [--copies 40] [--real-copies 3] [--seed 1] [--threshold 0.9]
        [--verbose] [--features]

Copies of the UN pair (../shared/corpora/un-a74400) and of real documents (the Canadian
Acts of ../shared/corpora/canada-acts; the LIMS, DOCX and Markdown pairs of
../shared/corpora/real) are damaged at random places by ``aligner.damage.plant_damages``
(a seeded generator: one damage of every kind in each copy, each in its own unit), aligned
by the whole pipeline, and judged: a damage *surfaces* when every link holding it has an
empty side, a confidence under the threshold, or a unit named by a structural disagreement.
For every kind the script prints the share of damages that surface; for the undamaged links
(links holding no damaged sentence) the share that surface anyway (false alarms), and the
share of those that surface in the clean copy too (what the document itself gives a reviewer
to look at, damage or not).

Real documents whose clean alignment already has more than MAX_CLEAN_SURFACING of its links
with an empty side or in a unit named by a disagreement are listed but left out: damage
cannot be told from the structural doubt already there (the rule does not look at
confidences, so that fit_confidence.py picks the same documents whatever the model).

With --features, every damage that did not surface is listed with the features its quiet
links' confidences were computed from (``aligner.align.confidence``), to see why they stay
sure.
"""

from __future__ import annotations

import argparse
import sys
import time
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aligner.align import block_search
from aligner.damage import KINDS, damaged_links, link_summary, plant_damages, surfacing_links
from aligner.errors import AlignerError
from aligner.pipeline import align_documents, load_document

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
MAX_CLEAN_SURFACING = 0.05
REAL_FORMATS = ("xml", "docx", "md")


@dataclass
class Tally:
    """Counts of one group of documents."""

    planted: Counter = field(default_factory=Counter)
    surfaced: Counter = field(default_factory=Counter)
    not_found: Counter = field(default_factory=Counter)
    undamaged: int = 0
    false_alarms: int = 0
    clean_alarms: int = 0  # of the false alarms, links that surface in the clean copy too
    clean_links: int = 0
    clean_surfacing: int = 0
    seconds: float = 0.0
    missed: list[str] = field(default_factory=list)


class FeatureLog:
    """The features of every link the sentence search explains, by the texts of its two
    sides, while in use (a wrapper around the search's explaining of blocks)."""

    def __init__(self) -> None:
        self.features: dict[tuple[tuple[str, ...], tuple[str, ...]], dict[str, float]] = {}
        self._explain = block_search.BlockSearch._explain_blocks

    def __enter__(self) -> FeatureLog:
        explain, log = self._explain, self.features

        def logged(search, blocks, use_chrf, window=None):
            explained = explain(search, blocks, use_chrf, window)
            for (source, target), (beads, features) in zip(blocks, explained, strict=True):
                for number, bead in enumerate(beads):
                    sides = (tuple(source[i] for i in bead.source), tuple(target[j] for j in bead.target))
                    log[sides] = {name: float(values[number]) for name, values in features.items()}
            return explained

        block_search.BlockSearch._explain_blocks = logged
        return self

    def __exit__(self, *_: object) -> None:
        block_search.BlockSearch._explain_blocks = self._explain

    def describe(self, bitext, link) -> str:
        """The link's features, one "name=value" each ("" if the search did not explain it)."""
        sides = (
            tuple(bitext.source_sentences[i].text for i in link.source),
            tuple(bitext.target_sentences[j].text for j in link.target),
        )
        features = self.features.get(sides, {})
        return " ".join(f"{name}={value:.2f}" for name, value in sorted(features.items()))


def documents() -> list[tuple[str, str, Path, Path]]:
    """(group, name, French path, English path) of every document pair the benchmark uses."""
    found = [("UN", "A/74/400", CORPORA / "un-a74400" / "fr.txt", CORPORA / "un-a74400" / "en.txt")]
    acts = CORPORA / "canada-acts"
    found += [
        ("real", f"act {d.name}", d / "fr.xml", d / "en.xml") for d in sorted(acts.iterdir()) if d.is_dir()
    ]
    for folder in sorted((CORPORA / "real").iterdir()):
        for extension in REAL_FORMATS:
            if (folder / f"fr.{extension}").exists() and (folder / f"en.{extension}").exists():
                found.append(
                    (
                        "real",
                        f"{folder.name}.{extension}",
                        folder / f"fr.{extension}",
                        folder / f"en.{extension}",
                    )
                )
    return found


def copy_seed(seed: int, name: str, copy: int) -> int:
    """The damage seed of one copy: the same in every run (``hash`` of a string is not, from
    one process to the next, so the copies, and the figures, changed from run to run)."""
    return zlib.crc32(f"{seed}:{name}:{copy}".encode())


def structural_doubt(bitext) -> float:
    """The share of links with an empty side or in a unit named by a disagreement."""
    shown = surfacing_links(bitext, threshold=0.0)
    return sum(shown) / max(1, len(shown))


def usable(bitext) -> bool:
    return structural_doubt(bitext) <= MAX_CLEAN_SURFACING


def clean_surfacing_key(bitext, surfacing: list[bool]) -> set[tuple]:
    """Surfacing links of the clean copy, by their sentence texts."""
    return {
        (link.source_text, link.target_text)
        for link, shown in zip(bitext.links, surfacing, strict=True)
        if shown
    }


def bench_document(
    tally: Tally,
    name: str,
    french: Path,
    english: Path,
    copies: int,
    seed: int,
    threshold: float,
    log: FeatureLog | None = None,
) -> None:
    try:
        source, target = load_document(french), load_document(english)
        clean = align_documents(source, target)
    except AlignerError as error:
        print(f"  {name}: does not align today ({error})")
        return
    if not usable(clean):
        print(f"  {name}: left out, {structural_doubt(clean):.1%} of its clean links are in structural doubt")
        return
    clean_shown = surfacing_links(clean, threshold)
    share = sum(clean_shown) / max(1, len(clean_shown))
    tally.clean_links += len(clean_shown)
    tally.clean_surfacing += sum(clean_shown)
    clean_keys = clean_surfacing_key(clean, clean_shown)
    planted = Counter()
    for copy in range(copies):
        damaged = plant_damages(clean, seed=copy_seed(seed, name, copy))
        started = time.process_time()
        bitext = align_documents(damaged.source, damaged.target)
        tally.seconds += time.process_time() - started
        shown = surfacing_links(bitext, threshold)
        holding = damaged_links(bitext, damaged)
        damaged_set = {number for links in holding for number in links}
        for damage, links in zip(damaged.damages, holding, strict=True):
            planted[damage.kind] += 1
            tally.planted[damage.kind] += 1
            if not links:
                tally.not_found[damage.kind] += 1
                continue
            if all(shown[number] for number in links):
                tally.surfaced[damage.kind] += 1
            else:
                quiet = [bitext.links[number] for number in links if not shown[number]]
                tally.missed.append(
                    f"{name} #{copy} {damage.kind} in {damage.unit}: "
                    + "; ".join(link_summary(link) for link in quiet)
                    + "".join(f"\n        {log.describe(bitext, link)}" for link in quiet if log)
                )
        for number, link in enumerate(bitext.links):
            if number in damaged_set:
                continue
            tally.undamaged += 1
            if shown[number]:
                tally.false_alarms += 1
                tally.clean_alarms += (link.source_text, link.target_text) in clean_keys
    print(
        f"  {name}: {len(clean.links)} clean links ({share:.1%} shown), "
        f"{sum(planted.values())} damages planted in {copies} copies"
    )


def print_tally(group: str, tally: Tally, verbose: bool) -> None:
    print(f"\n== {group}: damages that surface, per kind")
    total_planted = total_surfaced = 0
    for kind in KINDS:
        planted = tally.planted[kind]
        if not planted:
            print(f"  {kind:24s} none planted")
            continue
        surfaced = tally.surfaced[kind]
        total_planted += planted
        total_surfaced += surfaced
        lost = f" ({tally.not_found[kind]} not found in the alignment)" if tally.not_found[kind] else ""
        print(f"  {kind:24s} {surfaced:4d} / {planted:4d}  {surfaced / planted:6.1%}{lost}")
    if total_planted:
        print(
            f"  {'all kinds':24s} {total_surfaced:4d} / {total_planted:4d}  "
            f"{total_surfaced / total_planted:6.1%}"
        )
    if tally.undamaged:
        print(
            f"  undamaged links that surface: {tally.false_alarms} / {tally.undamaged} "
            f"({tally.false_alarms / tally.undamaged:.2%}); of them surfacing in the clean copy too: "
            f"{tally.clean_alarms} "
            f"(new alarms {(tally.false_alarms - tally.clean_alarms) / tally.undamaged:.2%})"
        )
    if tally.clean_links:
        print(
            f"  clean copies: {tally.clean_surfacing} / {tally.clean_links} links surface "
            f"({tally.clean_surfacing / tally.clean_links:.2%})"
        )
    print(f"  alignment CPU time of the damaged copies: {tally.seconds:.1f} s")
    if verbose and tally.missed:
        print("  damages that did not surface:")
        for line in tally.missed:
            print("    " + line)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--copies", type=int, default=40, help="damaged copies of the UN pair")
    parser.add_argument("--real-copies", type=int, default=3, help="damaged copies of each real document")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threshold", type=float, default=0.9)
    parser.add_argument("--only", choices=("UN", "real"), help="one group of documents only")
    parser.add_argument("--verbose", action="store_true", help="list the damages that did not surface")
    parser.add_argument(
        "--features", action="store_true", help="with --verbose, the features of their quiet links too"
    )
    args = parser.parse_args()
    tallies: dict[str, Tally] = defaultdict(Tally)
    for group, name, french, english in documents():
        if args.only and group != args.only:
            continue
        copies = args.copies if group == "UN" else args.real_copies
        if args.features:
            with FeatureLog() as log:
                bench_document(tallies[group], name, french, english, copies, args.seed, args.threshold, log)
        else:
            bench_document(tallies[group], name, french, english, copies, args.seed, args.threshold)
    for group, tally in tallies.items():
        print_tally(group, tally, args.verbose or args.features)


if __name__ == "__main__":
    main()
