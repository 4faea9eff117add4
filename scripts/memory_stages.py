"""Where the memory of an alignment goes, stage by stage: ``python scripts/memory_stages.py FR EN``.

Runs read and parse, pair, sentence blocks, fit, align and write one after the other in this
process and prints, for each, the peak resident memory within the stage (the high-water mark
is reset between stages through /proc/self/clear_refs, Linux) and what stays resident after
it, with its CPU seconds. ``scripts/bench_hostile.py --part stages`` runs it on large inputs.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from aligner import pipeline, sentence_blocks  # noqa: E402
from aligner.align.sentences import SentenceAligner  # noqa: E402
from aligner.export import bitext_segments  # noqa: E402
from aligner.writers import write_segments  # noqa: E402


def stages(source: str, target: str) -> None:
    """The pipeline one stage at a time, printing each stage's peak (the high-water mark is
    reset between stages through /proc/self/clear_refs) and what it leaves resident."""

    def resident() -> tuple[int, int]:
        with open("/proc/self/status") as status:
            fields = dict(line.split(":", 1) for line in status if line.startswith(("VmHWM", "VmRSS")))
        return int(fields["VmHWM"].split()[0]) // 1024, int(fields["VmRSS"].split()[0]) // 1024

    clock = [time.process_time()]

    def mark(stage: str) -> None:
        peak, now = resident()
        print(
            f"  {stage:<14} peak {peak:6d} MB  after {now:6d} MB  CPU {time.process_time() - clock[0]:7.1f} s"
        )
        clock[0] = time.process_time()
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")

    mark("start")
    french, english = pipeline.load_pair(source, target, "fr", "en")
    mark("read+parse")
    structure = pipeline.pair_documents(french, english, force=True)
    mark("pair")
    blocks = sentence_blocks.sentence_blocks(structure)
    sentences = sum(len(block.source) for block in blocks), sum(len(block.target) for block in blocks)
    mark("blocks")
    aligner = SentenceAligner(french.language, english.language).fit(sentence_blocks.block_texts(blocks))
    mark("fit")
    bitext = sentence_blocks.aligned_bitext(blocks, aligner, structure)
    mark("align")
    with tempfile.TemporaryDirectory(prefix="hostile-") as name:
        write_segments(bitext_segments(bitext), Path(name) / "out.tmx")
    mark("write")
    print(
        f"  units {len(french.units):,}/{len(english.units):,}, sentences {sentences[0]:,}/{sentences[1]:,}"
    )


if __name__ == "__main__":
    stages(sys.argv[1], sys.argv[2])
