"""Batch alignment: many document pairs, in parallel (local processes or a Dask cluster),
resumable from a journal, with per-pair outputs and batch-wide memory, terms and summary.

    report = run_batch(["corpus/"], BatchOptions(Path("out"), BatchSettings(created=""), jobs=2))
    report.counts            # {"ok": ..., "skipped": ..., "failed": ...}

See ``run`` for the output layout and ``discover`` for how pairs are found.
"""

from .discover import Discovery, PairSpec, Unpaired, discover
from .run import BatchOptions, BatchReport, run_batch
from .settings import BatchSettings
from .summary import PairRow

__all__ = [
    "BatchOptions",
    "BatchReport",
    "BatchSettings",
    "Discovery",
    "PairRow",
    "PairSpec",
    "Unpaired",
    "discover",
    "run_batch",
]
