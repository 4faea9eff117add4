"""How fast the review page opens and answers on a 10,000-link alignment, in headless Chromium.

    python scripts/bench_review.py [--copies 17] [--repeat 5]

The alignment is the UN pair (A/74/400, 613 links) aligned once and repeated ``--copies``
times as consecutive documents (17 copies: 10,421 links). The page is written to a temporary
folder and opened in Debian's Chromium through Playwright. Printed:

* open: milliseconds from navigation start to the page being ready (its own clock), and the
  wall time of the whole load as the driver saw it;
* for each action (next link, approve, reject, merge, split, move a sentence, edit, undo,
  redo, switch view): the median and the worst over ``--repeat`` runs of the answer time,
  measured by the page from the key press until the next frame is drawn, and of the time its
  script took. On a shared machine the worst answers are mostly waiting for the CPU: the load
  average is printed with them.

The targets: open under 2 s, every action under 100 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from review_browser import (  # noqa: E402
    chromium_available,
    console_errors,
    launch_chromium,
    press_and_wait,
    wait_ready,
)

from aligner.links import Links  # noqa: E402
from aligner.writers.review import bitext_links, write_review  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpora" / "un-a74400"


def repeated(links: Links, copies: int) -> Links:
    """The alignment ``copies`` times over, each copy a document of its own (unique tuids)."""
    pairs = [
        replace(pair, tuid=f"copy{copy}/{pair.tuid}", key=f"copy:{copy}/{pair.key}")
        for copy in range(1, copies + 1)
        for pair in links.pairs
    ]
    return Links(replace(links.meta, document=f"{links.meta.document} x{copies}"), pairs)


def measure_actions(page, repeat: int) -> dict[str, list[float]]:
    """Answer times of each action, ``repeat`` times, in the all-links view mid-document."""
    times: dict[str, list[tuple[float, float]]] = {}

    def timed(name: str, *keys: str) -> None:
        for key in keys[:-1]:
            press_and_wait(page, key)
        answer = press_and_wait(page, keys[-1])
        script = float(page.evaluate("Number(document.documentElement.dataset.lastScriptMs)"))
        times.setdefault(name, []).append((answer, script))

    press_and_wait(page, "v")
    page.keyboard.press("g")
    page.keyboard.type("copy:9/p:20")
    press_and_wait(page, "Enter")
    for _ in range(repeat):
        timed("next link (j)", "j")
        timed("previous link (k)", "k")
        timed("approve (a)", "a")
        timed("reject (r)", "r")
        timed("merge with next (m)", "m")
        timed("split (s, Enter)", "s", "Enter")
        timed("move last sentence to next (])", "]")
        timed("undo (u)", "u")
        timed("move first sentence to previous ([)", "[")
        timed("undo (u)", "u")
        timed("redo (U)", "U")
        page.keyboard.press("e")
        page.keyboard.press("End")
        page.keyboard.type(" (revised)")
        timed("edit, save (Ctrl+Enter)", "Control+Enter")
        timed("switch view (v)", "v")
        timed("switch back (v)", "v")
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--copies", type=int, default=17)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args(argv)
    reason = chromium_available()
    if reason:
        print(f"bench_review: {reason}", file=sys.stderr)
        return 2
    from aligner.pipeline import align_files

    base = bitext_links(align_files(options.corpus / "fr.txt", options.corpus / "en.txt"))
    alignment = repeated(base, options.copies)
    with tempfile.TemporaryDirectory() as folder, launch_chromium() as browser:
        page_path = Path(folder) / "review.html"
        write_review(alignment, page_path)
        size = page_path.stat().st_size
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors = console_errors(page)
        started = time.perf_counter()
        page.goto(page_path.as_uri())
        wait_ready(page)
        wall = (time.perf_counter() - started) * 1000
        ready = float(page.evaluate("document.documentElement.dataset.readyMs"))
        script = float(page.evaluate("document.documentElement.dataset.renderMs"))
        print(
            f"review page of {len(alignment.pairs):,} links ({size / 1e6:.1f} MB), Chromium {browser.version}"
        )
        print(f"  open: ready {ready:.0f} ms after navigation (script {script:.0f} ms), wall {wall:.0f} ms")
        times = measure_actions(page, options.repeat)
    print(
        f"  actions, ms, median / worst of {options.repeat}: answer (until the next frame is drawn); script"
    )
    for name, values in times.items():
        answers, scripts = [answer for answer, _ in values], [script for _, script in values]
        print(
            f"    {name:<38} {statistics.median(answers):6.1f} / {max(answers):6.1f}"
            f"   {statistics.median(scripts):6.1f} / {max(scripts):6.1f}"
        )
    medians = [statistics.median(answer for answer, _ in values) for values in times.values()]
    worst = max(answer for values in times.values() for answer, _ in values)
    print(
        f"  slowest median answer {max(medians):.1f} ms, worst answer {worst:.1f} ms (target < 100);"
        f" open {ready:.0f} ms (target < 2000); load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores"
    )
    for error in errors:
        print(f"console error: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
