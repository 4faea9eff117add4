"""The summary table: one row per pair (aligned, skipped as unchanged, or failed), as CSV and
Parquet. Rows are small and fixed-size (counts, never links), so the table of a batch of
thousands of pairs is a few hundred kilobytes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import polars as pl

from ..atomic import atomic_path
from ..model import Link
from ..terms.sheets import safe_frame

STATUSES = ("ok", "skipped", "failed")
# Link types with a column of their own; the rest are counted in links_other.
LINK_KINDS = ("1-1", "1-2", "2-1", "1-0", "0-1")


@dataclass(slots=True)
class PairRow:
    """What the summary says about one pair. ``source``/``target`` are the files as aligned
    (French first once oriented); ``reason`` is the one-line cause of a failure."""

    id: str
    source: str
    target: str
    status: str = "ok"
    reason: str = ""
    notes: str = ""
    source_lang: str = ""
    target_lang: str = ""
    units_source: int = 0
    units_target: int = 0
    unit_pairs: int = 0
    sentences_source: int = 0
    sentences_target: int = 0
    links_1_1: int = 0
    links_1_2: int = 0
    links_2_1: int = 0
    links_1_0: int = 0
    links_0_1: int = 0
    links_other: int = 0
    links: int = 0
    mean_confidence: float | None = None
    disagreements: int = 0
    findings: int = 0
    memory_units: int = 0
    seconds: float = 0.0

    def as_record(self) -> dict[str, Any]:
        """The row as a dict of its columns (what the journal keeps and the summary table is built
        from)."""
        return asdict(self)

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> PairRow:
        """The row a record holds; columns this version does not know are left out (a journal of an
        older run)."""
        known = {field.name for field in fields(cls)}
        return cls(**{name: value for name, value in record.items() if name in known})

    def count_links(self, links: Sequence[Link]) -> None:
        """Fill the link columns from the pair's links: one count per usual link type, the rest as
        other, the total, and the mean confidence (None without links)."""
        kinds = Counter(link.kind for link in links)
        for kind in LINK_KINDS:
            setattr(self, link_column(kind), kinds.pop(kind, 0))
        self.links_other = sum(kinds.values())
        self.links = len(links)
        self.mean_confidence = (
            round(sum(link.confidence for link in links) / len(links), 4) if links else None
        )


def link_column(kind: str) -> str:
    """The summary column counting links of ``kind`` ("1-1" counts in "links_1_1")."""
    return "links_" + kind.replace("-", "_")


def summary_schema() -> dict[str, type[pl.DataType]]:
    """Column types from the annotations of ``PairRow`` ("float | None" is a Float64 column)."""
    types: dict[str, type[pl.DataType]] = {"int": pl.Int64, "float": pl.Float64, "str": pl.String}
    return {field.name: types[str(field.type).split("|")[0].strip()] for field in fields(PairRow)}


def summary_frame(rows: Iterable[PairRow]) -> pl.DataFrame:
    """The rows as a table, sorted by pair id so that it does not depend on finishing order."""
    records = sorted((row.as_record() for row in rows), key=lambda record: record["id"])
    return pl.DataFrame(records, schema=summary_schema())


def write_summary(frame: pl.DataFrame, outdir: Path) -> tuple[Path, Path]:
    """``summary.csv`` and ``summary.parquet`` in ``outdir``, each written whole or not at all."""
    csv_path, parquet_path = outdir / "summary.csv", outdir / "summary.parquet"
    with atomic_path(csv_path) as temp:
        # Ids and reasons come from file names and texts: no live formula in a spreadsheet.
        safe_frame(frame).write_csv(temp)
    with atomic_path(parquet_path) as temp:
        frame.write_parquet(temp)
    return csv_path, parquet_path


def status_counts(rows: Iterable[PairRow]) -> dict[str, int]:
    """How many pairs have each status, every status listed (zeros included), in the order of
    ``STATUSES``."""
    counts = Counter(row.status for row in rows)
    return {status: counts.get(status, 0) for status in STATUSES}
