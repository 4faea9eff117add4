"""Every real document pair of the shared corpora, aligned as the files are.

    python scripts/bench_real.py [--corpora ../shared/corpora] [--only NAME] [--show-missed]
    python scripts/bench_real.py --reader FILE.pdf [--runs 3]   # the PDF reader alone on one file

For each folder of ``<corpora>/real`` and each extension with two language versions in it
(``fr.pdf``/``en.pdf``, ``fr.docx``/``en.docx``, ``es.pdf``/``en.pdf``), the pair goes through
the whole pipeline as ``aligner align FR EN`` runs it: no --force, no renaming, no language
flags. Each pair runs in a fresh worker process (this script with --worker), so that the
time and the peak memory of one pair do not mix with another's. Printed per pair:

- exit: 0, or the error's exit code and its one-line message;
- units (source/target), pairs (structural pairs with both sides), disagreements by kind;
- links by type, and the share of links with an empty side (1-0, 0-1);
- wall and CPU seconds of the whole run, peak memory (resident set, MB) of the worker;
- for PDFs, the reader alone: pages, CPU seconds and pages per second of CPU (both files);
- where the folder has a HURIDOCS paragraph gold (``labels_<src>_<tgt>.json``), the share of
  its paragraph pairs that the links reproduce (``aligner.paragraph_score`` says how a pair
  is counted), and how many of them were found as runs of whole sentences at all.

Asserts nothing; prints figures.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

LANGUAGE_ORDER = ("fr", "es", "en")


def discover(real: Path) -> list[tuple[str, Path, Path, Path | None]]:
    """(name, source, target, gold) for every pair of language versions with one extension."""
    pairs = []
    for folder in sorted(path for path in real.iterdir() if path.is_dir()):
        by_extension: dict[str, dict[str, Path]] = {}
        for file in folder.iterdir():
            if file.stem in LANGUAGE_ORDER:
                by_extension.setdefault(file.suffix, {})[file.stem] = file
        for extension, files in sorted(by_extension.items()):
            languages = [language for language in LANGUAGE_ORDER if language in files]
            if len(languages) < 2:
                continue
            source, target = files[languages[0]], files[languages[1]]
            gold = folder / f"labels_{languages[0]}_{languages[1]}.json"
            name = folder.name + ("" if len(by_extension) == 1 else f" {extension}")
            pairs.append((name, source, target, gold if gold.exists() else None))
    return pairs


def worker(source: Path, target: Path, gold: Path | None) -> dict:
    from aligner.errors import AlignerError
    from aligner.paragraph_score import read_gold_pairs, score_paragraph_pairs
    from aligner.pipeline import align_documents, load_document, pair_documents

    result: dict = {"exit": 0}
    if source.suffix.lower() == ".pdf":
        result["reader"] = _reader_speed([source, target])
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        french, english = load_document(source), load_document(target)
        structure = pair_documents(french, english, expected_source="fr")
        bitext = align_documents(french, english, structure=structure)
    except AlignerError as error:
        result.update(exit=error.exit_code, error=str(error))
    else:
        links = Counter(link.kind for link in bitext.links)
        empty = sum(not (link.source and link.target) for link in bitext.links)
        result.update(
            units=[len(french.units), len(english.units)],
            pairs=len(structure.paired),
            disagreements=dict(Counter(item.kind for item in structure.disagreements).most_common()),
            links=dict(sorted(links.items(), key=lambda item: -item[1])),
            empty_share=empty / len(bitext.links) if bitext.links else 0.0,
        )
        if gold is not None:
            score = score_paragraph_pairs(read_gold_pairs(gold), bitext)
            result["gold"] = {
                "pairs": score.gold,
                "reproduced": score.reproduced,
                "found": score.found,
                "missed": [[pair.source[:70], pair.target[:70]] for pair in score.missed],
            }
    result["wall"] = time.perf_counter() - wall
    result["cpu"] = time.process_time() - cpu
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _reader_speed(paths: list[Path]) -> dict:
    from aligner.errors import AlignerError
    from aligner.readers import read_document

    pages = 0
    cpu = 0.0
    for path in paths:
        started = time.process_time()
        try:
            raw = read_document(path)
        except AlignerError:
            continue
        cpu += time.process_time() - started
        pages += next((int(note.split()[1]) for note in raw.notes if note.startswith("read ")), 0)
    return {"pages": pages, "cpu": cpu, "pages_per_second": pages / cpu if cpu else 0.0}


def time_reader(path: Path, runs: int) -> None:
    """CPU seconds of ``read_document`` on one file, best and median of ``runs``."""
    from aligner.readers import read_document

    seconds = []
    raw = None
    for _ in range(max(1, runs)):
        started = time.process_time()
        raw = read_document(path)
        seconds.append(time.process_time() - started)
    assert raw is not None
    pages = next((int(note.split()[1]) for note in raw.notes if note.startswith("read ")), 0)
    best, median = min(seconds), sorted(seconds)[len(seconds) // 2]
    print(
        f"{path}: {pages} pages, {len(raw.blocks)} blocks; reader CPU best {best:.2f} s, "
        f"median {median:.2f} s ({pages / best:.0f} pages/s at best)"
    )


def run_pair(source: Path, target: Path, gold: Path | None) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(source), str(target)]
    if gold is not None:
        command += ["--gold", str(gold)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        last = (completed.stderr.strip().splitlines() or ["no output"])[-1]
        return {"exit": completed.returncode, "error": f"worker failed: {last}"}
    return json.loads(completed.stdout)


def report(name: str, result: dict, show_missed: bool) -> None:
    print(f"== {name}")
    if result["exit"]:
        print(f"   exit {result['exit']}: {result.get('error', '')}")
    else:
        units = result["units"]
        links = ", ".join(f"{kind} {count}" for kind, count in result["links"].items())
        print(
            f"   exit 0  units {units[0]}/{units[1]}  pairs {result['pairs']}  "
            f"links {sum(result['links'].values())} ({links})  empty side {result['empty_share']:.1%}"
        )
        kinds = ", ".join(f"{kind} {count}" for kind, count in result["disagreements"].items()) or "none"
        print(f"   disagreements {sum(result['disagreements'].values())}: {kinds}")
    wall, cpu, peak = result.get("wall", 0.0), result.get("cpu", 0.0), result.get("peak_mb", 0.0)
    print(f"   time {wall:.2f} s wall, {cpu:.2f} s CPU, peak {peak:.0f} MB")
    reader = result.get("reader")
    if reader:
        print(
            f"   PDF reader: {reader['pages']} pages in {reader['cpu']:.2f} s CPU, "
            f"{reader['pages_per_second']:.0f} pages/s"
        )
    gold = result.get("gold")
    if gold:
        print(
            f"   gold paragraph pairs reproduced {gold['reproduced']}/{gold['pairs']} "
            f"({gold['reproduced'] / gold['pairs']:.1%}); found as whole sentences {gold['found']}"
        )
        if show_missed:
            for source, target in gold["missed"]:
                print(f"     missed: {source!r} | {target!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--only", help="run the pairs whose name contains this")
    parser.add_argument("--show-missed", action="store_true", help="list the gold pairs not reproduced")
    parser.add_argument("--reader", type=Path, help="time the reader alone on this file (CPU, pages/s)")
    parser.add_argument("--runs", type=int, default=3, help="runs of --reader (best and median printed)")
    parser.add_argument("--worker", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--gold", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.worker:
        print(json.dumps(worker(*arguments.worker, arguments.gold)))
        return
    if arguments.reader:
        time_reader(arguments.reader, arguments.runs)
        return
    real = arguments.corpora / "real"
    if not real.is_dir():
        sys.exit(f"no real corpora at {real}")
    for name, source, target, gold in discover(real):
        if arguments.only and arguments.only not in name:
            continue
        report(name, run_pair(source, target, gold), arguments.show_missed)


if __name__ == "__main__":
    main()
