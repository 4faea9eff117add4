"""The review spreadsheet: links side by side in an .xlsx workbook, for reviewers who work
in Excel (or LibreOffice), and that ``aligner`` reads back (``aligner.links.read_links``).

Sheet "links": one row per link with its number, source and target (one sentence a line,
wrapped), confidence, key, status (a drop-down of approved, rejected, edited), kind, tuid,
note and the printed labels of the unit the link opens ("12."); filters on every column, the
header row frozen, confidences below 0.9 shaded. A hidden last column keeps a digest of each
row's texts, so that a text changed in the sheet reads back as an edit. Sheet "document"
holds the document line of the links file, sheet "disagreements" the structural
disagreements.

Texts are written as string cells, never formulas: a segment such as "=HYPERLINK(...)" stays
text (and is marked with Excel's quote prefix, so that editing the cell keeps it text).
Characters that XLSX cannot hold are removed and counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain
from pathlib import Path
from typing import Any

from ..atomic import atomic_path
from ..links import (
    LINKS_FORMAT,
    LINKS_VERSION,
    SHEET_DISAGREEMENTS,
    SHEET_DOCUMENT,
    SHEET_LINKS,
    LinksMeta,
    cell_lines,
    text_digest,
)
from ..model import SegmentPair
from .common import (
    LONE_SURROGATES,
    ConfidenceRule,
    LowConfidencePolicy,
    TuidMaker,
    WriteReport,
    has_empty_side,
    rated_confidence,
)

FORMULA_TRIGGERS = ("=", "+", "-", "@")
SHADE_BELOW = 0.9
# Column name, width (characters) and whether its text wraps.
LAYOUT = (
    ("n", 7, False),
    ("source", 60, True),
    ("target", 60, True),
    ("confidence", 12, False),
    ("key", 22, False),
    ("status", 12, False),
    ("kind", 7, False),
    ("tuid", 34, False),
    ("note", 30, True),
    ("source_label", 8, False),
    ("target_label", 8, False),
    ("digest", 18, False),
)


class XlsxWriter:
    """``.xlsx``: the review workbook: a sheet of links (sentences one a line, status to fill in,
    low confidences shaded), a sheet of the document's metadata and one of the disagreements;
    ``export`` reads a reviewed workbook back."""

    def __init__(
        self,
        *,
        min_confidence: float = 0.0,
        low_confidence: LowConfidencePolicy = "drop",
        skip_empty: bool = False,
        meta: LinksMeta | None = None,
    ) -> None:
        self.confidence_rule = ConfidenceRule(min_confidence, low_confidence)
        self.skip_empty = skip_empty
        self.meta = meta

    def write(self, pairs: Iterable[SegmentPair], path: str | Path) -> WriteReport:
        """Write ``pairs`` to ``path`` as the module describes (the ``SegmentWriter`` contract): streamed,
        atomically, with what was written and left out in the report."""
        from openpyxl import Workbook

        report = WriteReport(path=str(path), format="xlsx")
        remaining = iter(pairs)
        first = next(remaining, None)
        meta = self.meta or (LinksMeta.from_pair(first) if first is not None else LinksMeta())
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(SHEET_LINKS)
        self._prepare(sheet, meta)
        tuids = TuidMaker()
        rows = 0
        for pair in chain([first] if first is not None else [], remaining):
            row = self._row(sheet, pair, tuids.tuid(pair), rows + 1, report)
            if row is not None:
                sheet.append(row)
                rows += 1
        self._finish(sheet, rows)
        _document_sheet(workbook.create_sheet(SHEET_DOCUMENT), meta)
        _disagreements_sheet(workbook.create_sheet(SHEET_DISAGREEMENTS), meta)
        with atomic_path(path) as temp:
            workbook.save(temp)
        return report

    def _prepare(self, sheet: Any, meta: LinksMeta) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter

        sheet.freeze_panes = "A2"
        names = {"source": f"source ({meta.source_lang})", "target": f"target ({meta.target_lang})"}
        header = []
        for index, (name, width, _) in enumerate(LAYOUT, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = width
            cell = WriteOnlyCell(sheet, value=names.get(name, name))
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", start_color="DDE3EA")
            cell.alignment = Alignment(vertical="center")
            header.append(cell)
        sheet.column_dimensions[get_column_letter(len(LAYOUT))].hidden = True
        sheet.append(header)

    def _row(
        self, sheet: Any, pair: SegmentPair, tuid: str, number: int, report: WriteReport
    ) -> list[Any] | None:
        if self.skip_empty and has_empty_side(pair):
            report.skipped_empty_side += 1
            return None
        low_confidence_note = self.confidence_rule.note_for(rated_confidence(pair), report)
        if low_confidence_note is None:
            return None
        cleaned = _Cleaner(report)
        source = cleaned("\n".join(pair.source_sentences) if pair.source_sentences else pair.source)
        target = cleaned("\n".join(pair.target_sentences) if pair.target_sentences else pair.target)
        digest = text_digest(" ".join(cell_lines(source)), " ".join(cell_lines(target)))
        note = cleaned(" ".join(part for part in (pair.note, low_confidence_note) if part))
        values = (
            number,
            source,
            target,
            round(pair.confidence, 4),
            cleaned(pair.key),
            pair.status,
            pair.kind,
            cleaned(tuid),
            note,
            cleaned(pair.source_label),
            cleaned(pair.target_label),
            digest,
        )
        report.units_written += 1
        return [_cell(sheet, value, wrap) for value, (_, _, wrap) in zip(values, LAYOUT, strict=True)]

    def _finish(self, sheet: Any, rows: int) -> None:
        from openpyxl.formatting.rule import CellIsRule
        from openpyxl.styles import PatternFill
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation

        last = rows + 1
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(LAYOUT) - 1)}{last}"
        if not rows:
            return
        status = DataValidation(
            type="list", formula1='"approved,rejected,edited"', allow_blank=True, showErrorMessage=True
        )
        status.error = "Leave empty, or choose approved, rejected or edited."
        status.add(f"F2:F{last}")
        sheet.data_validations.append(status)
        shade = PatternFill("solid", start_color="FCE4C4", end_color="FCE4C4")
        sheet.conditional_formatting.add(
            f"D2:D{last}", CellIsRule(operator="lessThan", formula=[str(SHADE_BELOW)], fill=shade)
        )


class _Cleaner:
    """Removes what an XLSX cell cannot hold (control characters, lone surrogates), counted."""

    def __init__(self, report: WriteReport) -> None:
        self.report = report

    def __call__(self, text: str) -> str:
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        text, removed = ILLEGAL_CHARACTERS_RE.subn("", text)
        text, surrogates = LONE_SURROGATES.subn("", text)
        self.report.characters_removed += removed + surrogates
        return text


def _cell(sheet: Any, value: Any, wrap: bool = False) -> Any:
    """A write-only cell; text is a string cell even if it looks like a formula."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment

    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True
    if isinstance(value, float):
        cell.number_format = "0.000"
    cell.alignment = Alignment(wrap_text=wrap, vertical="top")
    return cell


def _document_sheet(sheet: Any, meta: LinksMeta) -> None:
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 50
    record = meta.record()
    record.pop("disagreements")
    record.update(format=LINKS_FORMAT, version=LINKS_VERSION)
    for name, value in record.items():
        sheet.append([_cell(sheet, name), _cell(sheet, value)])


def _disagreements_sheet(sheet: Any, meta: LinksMeta) -> None:
    for letter, width in zip("ABC", (16, 24, 90), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_cell(sheet, name) for name in ("kind", "key", "detail")])
    for item in meta.disagreements:
        sheet.append([_cell(sheet, item.kind), _cell(sheet, item.key), _cell(sheet, item.detail, True)])


def write_xlsx(pairs: Iterable[SegmentPair], path: str | Path, **options: Any) -> WriteReport:
    """Write ``pairs`` as the review spreadsheet at ``path``; see ``XlsxWriter``."""
    return XlsxWriter(**options).write(pairs, path)
