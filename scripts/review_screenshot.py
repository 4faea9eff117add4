"""Build the review page of a pair (A/74/400 by default) and take a screenshot of it in
headless Chromium.

    python scripts/review_screenshot.py [out/review.png] [--links links.jsonl] [--press vjjs]

The page is the pipeline's alignment of the pair (or the links file given); ``--press`` types
keys into it before the screenshot (``v`` all links, ``j`` next link, ``s`` split, ``e`` edit...).
It prints the page's render time and any console error (a CSP refusal among them).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from review_browser import chromium_available, console_errors, launch_chromium, press_and_wait, wait_ready  # noqa: E402

from aligner.links import read_links  # noqa: E402
from aligner.writers.review import bitext_links, write_review  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpora" / "un-a74400"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("png", nargs="?", type=Path, default=REPO / "out" / "review.png")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="a folder with fr.txt and en.txt")
    parser.add_argument("--links", type=Path, help="a links file to review instead of aligning the corpus")
    parser.add_argument("--threshold", type=float, default=0.9)
    parser.add_argument("--press", default="", help="keys to press before the screenshot, e.g. vjjs")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    options = parser.parse_args(argv)
    reason = chromium_available()
    if reason:
        print(f"review_screenshot: {reason}", file=sys.stderr)
        return 2
    if options.links:
        alignment = read_links(options.links)
    else:
        from aligner.pipeline import align_files

        alignment = bitext_links(align_files(options.corpus / "fr.txt", options.corpus / "en.txt"))
    page_path = options.png.with_suffix(".html")
    write_review(alignment, page_path, threshold=options.threshold)
    with launch_chromium() as browser:
        page = browser.new_page(viewport={"width": options.width, "height": options.height})
        errors = console_errors(page)
        page.goto(page_path.resolve().as_uri())
        wait_ready(page)
        render_ms = page.evaluate("document.documentElement.dataset.renderMs")
        for key in options.press:
            press_and_wait(page, key)
        options.png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(options.png))
    print(f"{len(alignment.pairs)} links; page {page_path}; screenshot {options.png}; render {render_ms} ms")
    for error in errors:
        print(f"console error: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
