"""Time and findings per check on the clean UN pair and real documents (aligned by the pipeline),
un-sdg (455 keyed pairs) and unpc-devset (4,000 line pairs).

    python scripts/bench_checks.py [--corpora ../shared/corpora] [--show numbers [--sample 30]]

``--show`` prints a sample of one check's findings (spread evenly over each corpus) with the
two sides, to judge which are real.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from aligner.checks import CheckContext, Finding, select_checks  # noqa: E402
from aligner.model import SegmentPair  # noqa: E402
from aligner.pipeline import align_files, bitext_segments  # noqa: E402
from aligner.terms import oriented  # noqa: E402
from aligner.terms.pairs import Languages, load_pairs  # noqa: E402


def aligned(folder: Path) -> list[SegmentPair]:
    french, english = sorted(folder.glob("fr.*"))[0], sorted(folder.glob("en.*"))[0]
    return list(bitext_segments(align_files(french, english, force=True)))


def corpora_pairs(root: Path) -> dict[str, list[SegmentPair]]:
    unpc = root / "unpc-devset"
    return {
        "un-a74400 (pipeline, fr→en)": aligned(root / "un-a74400"),
        "ca-regs-SOR-2025-219 (pipeline, fr→en)": aligned(root / "real" / "ca-regs-SOR-2025-219"),
        "ca-gov-openfirst-ch3 (pipeline, fr→en)": aligned(root / "real" / "ca-gov-openfirst-ch3"),
        "un-sdg (en→fr)": load_pairs([root / "un-sdg" / "sdg_en_fr.tsv"], Languages("en", "fr")),
        "unpc-devset (en→fr)": load_pairs(
            [unpc / "UNv1.0.devset.en", unpc / "UNv1.0.devset.fr"], Languages("en", "fr")
        ),
    }


def bench(name: str, pairs: list[SegmentPair]) -> dict[str, list[Finding]]:
    """Prints the findings and time of every check; returns the findings by check."""
    turned, source, target = oriented(pairs)
    context = CheckContext(turned, source, target)
    print(f"{name}: {len(pairs)} pairs")
    total = 0.0
    found: dict[str, list[Finding]] = {}
    for check in select_checks():
        started = time.perf_counter()
        findings = found[check.name] = list(check.run(context))
        seconds = time.perf_counter() - started
        total += seconds
        severities = Counter(finding.severity for finding in findings)
        print(f"  {check.name:17} {len(findings):5} findings {dict(severities)!s:32} {seconds:6.2f} s")
    print(f"  {'all checks':17} {total:31.2f} s")
    return found


def show_sample(findings: list[Finding], size: int, width: int = 300) -> None:
    """``size`` findings spread evenly over the list, each with its two sides."""
    step = max(1, len(findings) / max(1, size))
    for finding in [findings[int(i * step)] for i in range(min(size, len(findings)))]:
        print(f"  == {finding.key}: {finding.detail}")
        print(f"     source: {finding.source[:width]}")
        print(f"     target: {finding.target[:width]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--show", metavar="CHECK", help="print a sample of this check's findings")
    parser.add_argument("--sample", type=int, default=30, help="how many findings --show prints per corpus")
    args = parser.parse_args()
    for name, pairs in corpora_pairs(args.corpora).items():
        findings = bench(name, pairs)
        if args.show:
            show_sample(findings.get(args.show, []), args.sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())
