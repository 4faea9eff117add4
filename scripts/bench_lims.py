"""Justice Canada LIMS pairs: structure, pairing and links, per pair.

    python scripts/bench_lims.py [--corpora ../shared/corpora] [--force] [--acts] [--no-links]

Runs the five LIMS pairs of ``real/`` (regulations and the Act with a treaty schedule) as the
files are, French first, and prints per pair: whether it pairs without ``--force`` (else the
one-line refusal), units of each side, unit pairs with both sides, one-sided pairs, pairs
whose structural score is under 0.5 (doubtful), disagreements by kind, sentence links, the
share of links with an empty side, CPU seconds, and the definitions paired, how many can be
checked (each names the other language's term in brackets) and how many of those are right.
``--force`` pairs refused documents anyway (to measure a tree that refuses them); ``--acts``
adds the ten Acts of ``canada-acts/``;
``--no-links`` stops after the structural pairing. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from pathlib import Path

from aligner.errors import MismatchError
from aligner.model import Document, Unit
from aligner.pipeline import align_documents, load_document, pair_documents

REPO = Path(__file__).resolve().parents[1]
REAL_LIMS = (
    "ca-regs-SOR-2018-108",
    "ca-regs-CRC-c-1605",
    "ca-regs-SOR-2025-219",
    "ca-regs-SOR-2026-88",
    "ca-act-A-11.5",
)
DOUBTFUL = 0.5


def bench_pair(folder: Path, force: bool, links: bool) -> Counter[str]:
    start = time.process_time()
    source, target = load_document(folder / "fr.xml"), load_document(folder / "en.xml")
    refused = ""
    try:
        structure = pair_documents(source, target)
    except MismatchError as error:
        refused = str(error)
        if not force:
            print(f"{folder.name:<22} REFUSED: {refused}")
            return Counter(refused=1)
        structure = pair_documents(source, target, force=True)
    both = structure.paired
    one_sided = [pair for pair in structure.pairs if not (pair.source and pair.target)]
    doubtful = [pair for pair in both if pair.method != "key" and pair.score < DOUBTFUL]
    definitions = [pair for pair in both if pair.source[0].kind == "definition"]
    verdicts = [
        _definition_is_right(
            _with_descendants(source, pair.source[0]), _with_descendants(target, pair.target[0])
        )
        for pair in definitions
    ]
    checked = [verdict for verdict in verdicts if verdict is not None]
    kinds = Counter(d.kind for d in structure.disagreements)
    counts = Counter(
        units_fr=len(source.units),
        units_en=len(target.units),
        pairs=len(both),
        one_sided=len(one_sided),
        doubtful=len(doubtful),
        disagreements=len(structure.disagreements),
        refused=bool(refused),
        definitions=len(definitions),
        definitions_checked=len(checked),
        definitions_right=sum(checked),
    )
    line = (
        f"{folder.name:<22} {'forced' if refused else 'ok':<7}"
        f"units {len(source.units):>5}/{len(target.units):<5} "
        f"pairs {len(both):>5} one-sided {len(one_sided):>4} doubtful {len(doubtful):>4} "
        f"disagreements {len(structure.disagreements):>4}"
    )
    if links:
        bitext = align_documents(source, target, structure=structure)
        empty = sum(1 for link in bitext.links if not (link.source and link.target))
        counts.update(links=len(bitext.links), empty_links=empty)
        line += f" links {len(bitext.links):>5} empty-side {empty / max(1, len(bitext.links)):6.1%}"
    line += f" cpu {time.process_time() - start:5.1f}s"
    print(line)
    print(" " * 23 + f"definitions paired {len(definitions)}, checkable {len(checked)}, right {sum(checked)}")
    if kinds:
        print(" " * 23 + "disagreements by kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    return counts


def _with_descendants(document: Document, unit: Unit) -> str:
    """A unit's text and its descendants' (a definition's paragraphs end with its bracket)."""
    texts = [unit.text]
    position = document.units.index(unit)
    for following in document.units[position + 1 :]:
        if not following.key.startswith(unit.key + "/"):
            break
        texts.append(following.text)
    return " ".join(texts)


_BRACKETED_TERM = re.compile(r"\(([^()]+)\)\s*[.;,]?\s*$")


def _definition_is_right(source_text: str, target_text: str) -> bool | None:
    """A Canadian definition ends with the other language's term in brackets ("lieu … (place)"
    / "place … (lieu)"): right when each side opens with the term the other names (None when
    either names none, as repealed definitions do)."""
    source_names, target_names = _BRACKETED_TERM.search(source_text), _BRACKETED_TERM.search(target_text)
    if source_names is None or target_names is None:
        return None
    opens = lambda text, names: any(  # noqa: E731
        text.lower().startswith(name.strip().strip("«»“” ").lower())
        for name in re.split(r";| ou | or ", names.group(1))
    )
    return opens(target_text, source_names) or opens(source_text, target_names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--force", action="store_true", help="pair refused documents anyway")
    parser.add_argument("--acts", action="store_true", help="also the ten Acts of canada-acts/")
    parser.add_argument("--no-links", action="store_true", help="structural pairing only")
    arguments = parser.parse_args()
    folders = [arguments.corpora / "real" / name for name in REAL_LIMS]
    if arguments.acts:
        acts = arguments.corpora / "canada-acts"
        folders += sorted(path for path in acts.iterdir() if path.is_dir())
    totals: Counter[str] = Counter()
    for folder in folders:
        totals.update(bench_pair(folder, arguments.force, not arguments.no_links))
    summary = (
        f"total: {totals['refused']} refused, {totals['pairs']} pairs, {totals['one_sided']} one-sided, "
    )
    summary += f"{totals['doubtful']} doubtful, {totals['disagreements']} disagreements, "
    summary += f"definitions {totals['definitions_right']} right of {totals['definitions_checked']} checkable"
    if totals["links"]:
        summary += (
            f", {totals['links']} links, {totals['empty_links'] / totals['links']:.1%} with an empty side"
        )
    print(summary)


if __name__ == "__main__":
    main()
