"""Tab-separated bilingual output for Xbench and spreadsheets: one unit per line.

Columns: source, target, confidence, key, tuid, under a header row (``header=False`` leaves
it out). Source first and target second is the layout of Xbench's "Tab-delimited text file"
type (type 1 in its project format), which shows any further columns as extra information;
spreadsheets take the same file as it is.

* No quoting: a tab-delimited reader such as Xbench does not unquote, so tabs and line
  breaks inside a text (including U+2028/U+2029 and the other characters ``splitlines``
  breaks on) are replaced by a space, which keeps every unit on one line without quotes.
* UTF-8 with a byte-order mark by default (``bom=False`` to leave it out): Windows tools,
  Excel among them, take a file without one for the ANSI code page. CRLF line ends.
* Control characters and lone surrogates are removed (counted as characters removed).
* A spreadsheet opens the file too: a text that it would run as a formula ("=HYPERLINK(...)",
  "@SUM(...)", "-cmd|..."; see ``aligner.formulas``) gets a leading apostrophe,
  after the cleaning (a control character before "=" hides nothing), counted in the report
  (``formulas="keep"`` writes such texts as they are, for a tool that never evaluates them).
* Pairs with an empty side are skipped (``skip_empty=False`` keeps them, e.g. for review),
  and so are links a reviewer rejected and pairs whose two sides are the same text
  (``keep_identical=True`` keeps those).
* Texts are written as the aligner gave them (``labels="keep"``); ``labels="auto"`` and the
  other modes of ``common.LabelRule`` make a memory for a CAT tool that imports TSV.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any, Literal

from ..atomic import atomic_open
from ..formulas import quote_formula
from ..model import SegmentPair
from .common import (
    XML_FORBIDDEN,
    ConfidenceRule,
    LabelMode,
    LabelRule,
    LowConfidencePolicy,
    PlannedUnit,
    UnitPlanner,
    WriteReport,
    one_line,
)

COLUMNS = ("source", "target", "confidence", "key", "tuid")
LINE_END = "\r\n"


class TsvWriter:
    """``.tsv``: one line per pair (source, target, confidence, key, link type, tuid...), with a
    header and a byte-order mark for spreadsheets by default; cells a spreadsheet would run as
    formulas are quoted unless ``formulas="keep"``."""

    def __init__(
        self,
        *,
        min_confidence: float = 0.0,
        low_confidence: LowConfidencePolicy = "drop",
        header: bool = True,
        bom: bool = True,
        skip_empty: bool = True,
        labels: LabelMode = "keep",
        keep_identical: bool = False,
        formulas: Literal["quote", "keep"] = "quote",
    ) -> None:
        self.confidence_rule = ConfidenceRule(min_confidence, low_confidence)
        self.label_rule = LabelRule(labels, inline_codes=False)
        self.header = header
        self.encoding = "utf-8-sig" if bom else "utf-8"
        self.skip_empty = skip_empty
        self.keep_identical = keep_identical
        self.quote_formulas = formulas == "quote"

    def write(self, pairs: Iterable[SegmentPair], path: str | Path) -> WriteReport:
        """Write ``pairs`` to ``path`` as the module describes (the ``SegmentWriter`` contract): streamed,
        atomically, with what was written and left out in the report."""
        with atomic_open(path, "w", encoding=self.encoding, newline="") as output:
            return self.write_stream(pairs, output, str(path))

    def write_stream(self, pairs: Iterable[SegmentPair], output: IO[str], name: str = "-") -> WriteReport:
        """Write the header and the lines to an open text stream (its encoding is the caller's)."""
        report = WriteReport(path=name, format="tsv")
        planner = UnitPlanner(
            self.confidence_rule,
            self.label_rule,
            skip_empty=self.skip_empty,
            keep_identical=self.keep_identical,
        )
        if self.header:
            output.write("\t".join(COLUMNS) + LINE_END)
        for pair in pairs:
            for planned in planner.units(pair, report):
                output.write(self.line(planned, report))
        return report

    def line(self, planned: PlannedUnit, report: WriteReport) -> str:
        """The unit's line (counted in the report)."""
        pair = planned.pair
        fields = [pair.source, pair.target, f"{pair.confidence:.3f}", pair.key, planned.tuid]
        cells = []
        for field in fields:
            cell, removed = XML_FORBIDDEN.subn("", one_line(field))
            report.characters_removed += removed
            if self.quote_formulas and (quoted := quote_formula(cell)) != cell:
                cell = quoted
                report.formulas_quoted += 1
            cells.append(cell)
        report.units_written += 1
        return "\t".join(cells) + LINE_END


def write_tsv(pairs: Iterable[SegmentPair], path: str | Path, **options: Any) -> WriteReport:
    """Write ``pairs`` as tab-separated lines at ``path``; see ``TsvWriter`` for the options."""
    return TsvWriter(**options).write(pairs, path)
