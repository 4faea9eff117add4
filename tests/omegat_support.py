"""OmegaT 3.6 run headless, as a translator would use it: a project, a source document, our
memories in ``tm/auto``, and ``--mode=console-translate``. Used by the consumer tests and by
``scripts/bench_tmx.py`` (which prints the leverage figure).

OmegaT comes from Debian: ``apt-get install -y --no-install-recommends omegat default-jre-headless``.
Nothing of OmegaT is copied here: the tests drive the installed jar.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")

# A new OmegaT project segments sentences (the default "Sentence-level segmenting" is on).
PROJECT_FILE = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{source}</source_lang>
    <target_lang>{target}</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneFrenchTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>{sentences}</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def missing_reason() -> str | None:
    """Why OmegaT cannot run here, or None."""
    if shutil.which("java") is None:
        return "Java is not installed (apt-get install default-jre-headless)"
    if not OMEGAT_JAR.is_file():
        return f"OmegaT is not installed ({OMEGAT_JAR} missing; apt-get install omegat)"
    return None


@dataclass
class Translation:
    """What one console-translate run left: OmegaT's own counts and the translated files."""

    total_segments: int
    remaining_segments: int
    target: Path
    log: str

    @property
    def filled(self) -> int:
        return self.total_segments - self.remaining_segments

    @property
    def share(self) -> float:
        return self.filled / self.total_segments if self.total_segments else 0.0


def make_project(folder: Path, source_lang: str, target_lang: str, *, sentences: bool = True) -> Path:
    """An empty OmegaT project (source/, target/, tm/auto/, ...) at ``folder``."""
    for name in ("source", "target", "tm/auto", "omegat", "glossary", "dictionary"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    (folder / "omegat.project").write_text(
        PROJECT_FILE.format(source=source_lang, target=target_lang, sentences=str(sentences).lower()),
        encoding="utf-8",
    )
    return folder


def run_omegat(project: Path, *arguments: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """OmegaT on ``project`` with its settings kept out of the real home folder."""
    home = project.parent / (project.name + ".home")
    home.mkdir(exist_ok=True)
    return subprocess.run(
        [
            "java",
            f"-Duser.home={home}",
            "-Djava.awt.headless=true",
            "-jar",
            str(OMEGAT_JAR),
            str(project),
            *arguments,
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "HOME": str(home)},
    )


STATS_ROW = re.compile(r"^(Total|Remaining):\s+(\d+)", re.MULTILINE)


def translate(project: Path) -> Translation:
    """``console-translate``: OmegaT loads the project, fills every segment for which a memory
    in ``tm/auto`` has an exact match, writes ``target/`` and ``omegat/project_stats.txt``
    (whose Total and Remaining rows count segments). OmegaT exits 0 even when it cannot load
    a file, so callers judge by what it wrote."""
    result = run_omegat(project, "--mode=console-translate")
    log = result.stdout[-4000:] + result.stderr[-4000:]
    stats_file = project / "omegat" / "project_stats.txt"
    if not stats_file.is_file():
        raise AssertionError(f"OmegaT wrote no statistics:\n{log}")
    counts = dict(STATS_ROW.findall(stats_file.read_text(encoding="utf-8")))
    return Translation(int(counts["Total"]), int(counts["Remaining"]), project / "target", log)


def source_segments(project: Path) -> list[str]:
    """The distinct segments OmegaT makes of the project's source documents, as it lists them
    with ``console-createpseudotranslatetmx`` (a TMX, not in document order; inline tags as
    OmegaT shows them)."""
    from lxml import etree

    memory = project / "omegat" / "segments.tmx"
    result = run_omegat(
        project,
        "--mode=console-createpseudotranslatetmx",
        f"--pseudotranslatetmx={memory}",
        "--pseudotranslatetype=equal",
    )
    if not memory.is_file():
        raise AssertionError(f"OmegaT listed no segments:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    tree = etree.parse(str(memory), etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False))
    return ["".join(seg.itertext()) for seg in tree.iterfind("body/tu/tuv[1]/seg")]


# --- the clean French A/74/400 ------------------------------------------------------------

LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
EMPHASIS = re.compile(r"(\*\*|\*)(.+?)\1")
SUPERSCRIPT_MARK = re.compile(r"\^\{?([^}\s]+)\}?")


def without_markup(text: str) -> str:
    """A gold sentence as a clean document prints it: links, bold, italics and ``^``
    superscript marks taken away, their text kept."""
    text = LINK.sub(r"\1", text)
    text = EMPHASIS.sub(r"\2", text)
    return SUPERSCRIPT_MARK.sub(r"\1", text)


def gold_paragraphs(gold: Path, side: str) -> list[str]:
    """The gold's sentences of one side (``fr`` or ``en``) joined into their blocks
    (paragraphs), markup removed, in document order."""
    blocks: dict[str, list[str]] = {}
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            bead = json.loads(line)
            if bead[side].strip():
                blocks.setdefault(bead["block"], []).append(without_markup(bead[side].strip()))
    return [" ".join(sentences) for sentences in blocks.values()]


def gold_sentences(gold: Path, side: str) -> list[str]:
    """Every bead's text of one side, markup removed (a 1-2 bead's two sentences as one)."""
    beads = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [without_markup(bead[side].strip()) for bead in beads if bead[side].strip()]
