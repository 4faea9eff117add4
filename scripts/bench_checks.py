"""Time and findings per check on un-sdg (455 keyed pairs) and unpc-devset (4,000 line pairs).

    python scripts/bench_checks.py [--corpora ../shared/corpora]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from aligner.checks import CheckContext, select_checks  # noqa: E402
from aligner.model import SegmentPair  # noqa: E402
from aligner.terms import oriented  # noqa: E402
from aligner.terms.pairs import Languages, load_pairs  # noqa: E402


def corpora_pairs(root: Path) -> dict[str, list[SegmentPair]]:
    unpc = root / "unpc-devset"
    return {
        "un-sdg (en→fr)": load_pairs([root / "un-sdg" / "sdg_en_fr.tsv"], Languages("en", "fr")),
        "unpc-devset (en→fr)": load_pairs([unpc / "UNv1.0.devset.en", unpc / "UNv1.0.devset.fr"], Languages("en", "fr")),
    }


def bench(name: str, pairs: list[SegmentPair]) -> None:
    turned, source, target = oriented(pairs)
    context = CheckContext(turned, source, target)
    print(f"{name}: {len(pairs)} pairs")
    total = 0.0
    for check in select_checks():
        started = time.perf_counter()
        findings = list(check.run(context))
        seconds = time.perf_counter() - started
        total += seconds
        severities = Counter(finding.severity for finding in findings)
        print(f"  {check.name:17} {len(findings):5} findings {dict(severities)!s:32} {seconds:6.2f} s")
    print(f"  {'all checks':17} {total:31.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    args = parser.parse_args()
    for name, pairs in corpora_pairs(args.corpora).items():
        bench(name, pairs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
