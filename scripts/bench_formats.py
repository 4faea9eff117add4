"""The same documents in other formats: do the readers give the same alignment?

    python scripts/bench_formats.py [--corpora ../shared/corpora] [--manual-pages 4] [--keep DIR]

Users hold one document in whatever format they were sent, and the layout rules of the PDF
reader were written on the PDFs the project has seen. This script makes new inputs of known
content: each Markdown pair of ``<corpora>/real`` is rendered to HTML (markdown-it) and both
are printed to PDF by headless Chromium; the first pages of the OmegaT manual (HTML pairs)
are printed to PDF too. Every version is aligned as ``aligner align`` does, and for each one
the script prints:

- units (source/target), disagreements by kind and the share of links with an empty side;
- links under 0.9 of confidence;
- kept: the share of the original version's 1-1 links whose two sentences are linked
  together in this version too (after the text is normalised: spaces, bullets, case), the
  measure of whether a format changed the alignment.

A Chromium print is not a word processor's PDF (browser bullets are drawn shapes, paragraph
spacing instead of indentation), which is the point: a layout the rules were not written on.
Needs chromium on the PATH (the PDF rows are left out without it). Asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from aligner import align_files  # noqa: E402
from aligner.errors import AlignerError  # noqa: E402

LANGUAGES = ("fr", "en")
PRINT_SECONDS = 120


def markdown_pairs(real: Path) -> list[tuple[str, Path, Path]]:
    return [
        (folder.name, folder / "fr.md", folder / "en.md")
        for folder in sorted(real.iterdir())
        if (folder / "fr.md").exists() and (folder / "en.md").exists()
    ]


def manual_pairs(manual: Path, count: int) -> list[tuple[str, Path, Path]]:
    """The manual's pages that both languages have, largest first (more text to align)."""
    if not manual.is_dir():
        return []
    shared = [page for page in (manual / "en").glob("*.html") if (manual / "fr" / page.name).exists()]
    shared.sort(key=lambda page: -page.stat().st_size)
    return [(f"omegat {page.stem}", manual / "fr" / page.name, page) for page in shared[:count]]


def markdown_to_html(source: Path, target: Path, language: str) -> Path:
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark").enable("table").render(source.read_text(encoding="utf-8"))
    title = source.parent.name
    target.write_text(
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body>{body}</body></html>",
        encoding="utf-8",
    )
    return target


def print_to_pdf(chromium: str, html: Path, target: Path) -> Path | None:
    command = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-pdf-header-footer",
        f"--print-to-pdf={target}",
        html.resolve().as_uri(),
    ]
    try:
        subprocess.run(command, capture_output=True, timeout=PRINT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        return None
    return target if target.exists() and target.stat().st_size > 0 else None


def normalised(text: str) -> str:
    text = re.sub(r"^[•·▪◦‣○●■□\-–—*]+\s*", "", text.strip())
    return re.sub(r"\s+", " ", text).casefold()


def run(source: Path, target: Path) -> dict:
    try:
        bitext = align_files(source, target)
    except AlignerError as error:
        return {"error": str(error).splitlines()[0]}
    structure = bitext.structure
    disagreements = Counter(d.kind for d in structure.disagreements) if structure else Counter()
    links = bitext.links
    one_to_one = set()
    for link in links:
        if len(link.source) == 1 and len(link.target) == 1:
            one_to_one.add(
                (
                    normalised(bitext.source_sentences[link.source[0]].text),
                    normalised(bitext.target_sentences[link.target[0]].text),
                )
            )
    return {
        "units": (len(structure.source.units), len(structure.target.units)) if structure else (0, 0),
        "disagreements": disagreements,
        "empty": sum(not link.source or not link.target for link in links) / max(len(links), 1),
        "low": sum(link.confidence < 0.9 for link in links),
        "links": len(links),
        "one_to_one": one_to_one,
    }


def report(name: str, version: str, result: dict, original: dict | None) -> None:
    if "error" in result:
        print(f"   {version:<5} error: {result['error']}")
        return
    kinds = ", ".join(f"{kind} {count}" for kind, count in result["disagreements"].most_common()) or "none"
    kept = ""
    if original is not None and original.get("one_to_one"):
        share = len(original["one_to_one"] & result["one_to_one"]) / len(original["one_to_one"])
        kept = f"  kept {100 * share:.1f}% of the original's 1-1 links"
    units = "/".join(map(str, result["units"]))
    print(
        f"   {version:<5} units {units}  disagreements {sum(result['disagreements'].values())} ({kinds})"
        f"  empty side {100 * result['empty']:.1f}%  under 0.9: {result['low']}/{result['links']}{kept}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--manual-pages", type=int, default=4, help="OmegaT manual pages to print")
    parser.add_argument("--keep", type=Path, help="keep the rendered files in this folder")
    arguments = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chromium is None:
        print("chromium is not on the PATH: the PDF versions are left out")
    work = arguments.keep or Path(tempfile.mkdtemp(prefix="bench-formats-"))
    work.mkdir(parents=True, exist_ok=True)
    cases = markdown_pairs(arguments.corpora / "real")
    cases += manual_pairs(arguments.corpora / "omegat-manual", arguments.manual_pages)
    for name, source, target in cases:
        print(f"== {name}")
        folder = work / re.sub(r"\W+", "-", name)
        folder.mkdir(exist_ok=True)
        original = run(source, target)
        report(name, source.suffix[1:], original, None)
        versions: dict[str, tuple[Path, Path]] = {}
        if source.suffix == ".md":
            versions["html"] = (
                markdown_to_html(source, folder / "fr.html", LANGUAGES[0]),
                markdown_to_html(target, folder / "en.html", LANGUAGES[1]),
            )
            html = versions["html"]
        else:
            html = (source, target)
        if chromium is not None:
            printed = [
                print_to_pdf(chromium, page, folder / f"{language}.pdf")
                for page, language in zip(html, LANGUAGES, strict=True)
            ]
            if printed[0] and printed[1]:
                versions["pdf"] = (printed[0], printed[1])
            else:
                print("   pdf   chromium did not print the pages")
        for version, (fr, en) in versions.items():
            report(name, version, run(fr, en), original)
    if arguments.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
