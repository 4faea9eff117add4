"""CSV and XLSX output of tables, safe and readable in a spreadsheet.

Every text cell is cleaned of the characters no cell can hold (counted), then, if a
spreadsheet could take it for a formula (it starts with = + - @, or a tab or carriage
return), written with a leading apostrophe, so that a segment such as "=HYPERLINK(...)" from
an untrusted memory stays text. Numbers stay numbers.

CSV files are UTF-8 with a byte-order mark and CRLF line ends: Excel opens a CSV without a
mark in the ANSI code page, which garbles every accented letter.

XLSX sheets are laid out for reading: each column has a width (given, or from its content up
to a cap), long texts wrap, the header row is bold and frozen and carries filters. A cell may
hold rich text (``Runs``: parts of it in bold colour, e.g. the words that differ between two
variants).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from ..atomic import atomic_open, atomic_path
from ..formulas import FORMULA_TRIGGERS
from ..wording import counted

# What no spreadsheet cell can hold: control characters other than tab, LF and CR (XML 1.0
# forbids them in XLSX) and lone surrogates (not encodable in UTF-8).
UNSPREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
CSV_ENCODING = "utf-8-sig"
# Column widths in characters: a column of short values is as wide as its longest value (and
# its header); a text column stops at WRAP_WIDTH and wraps.
MIN_WIDTH = 6
WRAP_WIDTH = 60
HIGHLIGHT_COLOUR = "C00000"


@dataclass(slots=True)
class Cleaning:
    """How many characters the cells lost (see ``UNSPREADABLE``)."""

    characters_removed: int = 0

    def describe(self) -> str:
        """ "" or "; 3 characters the format cannot hold removed", for a command's summary."""
        count = self.characters_removed
        return f"; {counted(count, 'character')} the format cannot hold removed" if count else ""

    def clean(self, text: str, pattern: re.Pattern[str] = UNSPREADABLE) -> str:
        """``text`` without what ``pattern`` matches, counted."""
        text, removed = pattern.subn("", text)
        self.characters_removed += removed
        return text


@dataclass(frozen=True, slots=True)
class Runs:
    """Rich text: (text, highlighted) parts, written as one cell."""

    parts: tuple[tuple[str, bool], ...]

    def __str__(self) -> str:
        return "".join(text for text, _ in self.parts)


def safe_cell(value: object, cleaning: Cleaning | None = None) -> object:
    """The value with the characters no cell can hold removed, then, if the text could start
    a formula, prefixed by an apostrophe. Cleaning comes first: a control character before
    "=" would otherwise hide the formula from the check and leave it live once removed.
    Lists become one text; rich text is made plain (``safe_runs`` keeps it rich)."""
    if isinstance(value, (list, tuple)):
        value = " | ".join(map(str, value))
    if isinstance(value, Runs):
        value = str(value)
    if not isinstance(value, str):
        return value
    value, removed = UNSPREADABLE.subn("", value)
    if cleaning is not None:
        cleaning.characters_removed += removed
    if value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def safe_runs(value: Runs, cleaning: Cleaning | None = None) -> Runs:
    """Rich text made safe as ``safe_cell`` makes text: each part cleaned, and a quote part
    first when the whole would start a formula."""
    cleaning = cleaning if cleaning is not None else Cleaning()
    parts = tuple((cleaning.clean(text), marked) for text, marked in value.parts)
    if "".join(text for text, _ in parts).startswith(FORMULA_TRIGGERS):
        parts = (("'", False), *parts)
    return Runs(parts)


def safe_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with every text cell safe (see ``safe_cell``), for a writer of its own (such
    as polars' CSV writer, which tells empty strings from missing values)."""
    texts = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.col(name).map_elements(safe_cell, return_dtype=pl.String, skip_nulls=True) for name in texts
    )


def write_csv(frame: pl.DataFrame, path: str | Path) -> Cleaning:
    """The table as CSV (see ``write_csv_rows``); returns what was removed."""
    return write_csv_rows(frame.columns, frame.iter_rows(), path)


def write_csv_rows(header: Sequence[str], rows: Iterable[Sequence[object]], path: str | Path) -> Cleaning:
    """A CSV file Excel opens as it is: BOM, CRLF, every cell safe (``safe_cell``); returns
    what was removed."""
    cleaning = Cleaning()
    with atomic_open(path, encoding=CSV_ENCODING, newline="") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow([safe_cell(name, cleaning) for name in header])
        writer.writerows([safe_cell(value, cleaning) for value in row] for row in rows)
    return cleaning


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a sheet: its header, its width in characters (None: from the content) and
    whether its text wraps."""

    header: str
    width: float | None = None
    wrap: bool = False
    number_format: str | None = None


@dataclass(slots=True)
class Sheet:
    """One worksheet: its title, its columns, its rows of cells, and whether the header has filters."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[object]] = field(default_factory=list)
    filters: bool = True


def frame_sheet(title: str, frame: pl.DataFrame) -> Sheet:
    """A sheet of a frame, every column sized from its content."""
    columns = [Column(name, wrap=frame.schema[name] == pl.String) for name in frame.columns]
    return Sheet(title, columns, [list(row) for row in frame.iter_rows()])


def write_xlsx(sheets: Sequence[tuple[str, pl.DataFrame] | Sheet], path: str | Path) -> Cleaning:
    """One worksheet per sheet (or (title, frame)), laid out as the module docstring says.
    Text cells are safe (``safe_cell``: none starts with "=", so none is stored as a formula);
    returns what was removed."""
    from openpyxl import Workbook

    cleaning = Cleaning()
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        laid_out = sheet if isinstance(sheet, Sheet) else frame_sheet(*sheet)
        title = str(safe_cell(laid_out.title))[:31] or "sheet"
        _fill(workbook.create_sheet(title=title), laid_out, cleaning)
    with atomic_path(path) as temp:
        workbook.save(temp)
    return cleaning


def _fill(worksheet: Any, sheet: Sheet, cleaning: Cleaning) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    worksheet.append([safe_cell(column.header, cleaning) for column in sheet.columns])
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for row in sheet.rows:
        worksheet.append([_xlsx_value(value, cleaning) for value in row])
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        worksheet.column_dimensions[letter].width = _width(column, [row[index - 1] for row in sheet.rows])
        alignment = Alignment(vertical="top", wrap_text=column.wrap)
        for (cell,) in worksheet.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.alignment = alignment
            if column.number_format:
                cell.number_format = column.number_format
    worksheet.freeze_panes = "A2"
    if sheet.filters and sheet.columns:
        worksheet.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{max(1, len(sheet.rows) + 1)}"


def _width(column: Column, values: Sequence[object]) -> float:
    if column.width is not None:
        return column.width
    lengths = sorted(len(str(value)) for value in values if value is not None)
    # The 95th percentile, not the longest: one very long cell should wrap, not widen the column.
    typical = lengths[int(0.95 * (len(lengths) - 1))] if lengths else 0
    widest = max(typical, len(column.header) if not column.wrap else min(len(column.header), 20))
    return float(min(max(widest + 2, MIN_WIDTH), WRAP_WIDTH))


def _xlsx_value(value: object, cleaning: Cleaning) -> object:
    """A cell's value: text made safe (``safe_cell``), rich text as runs with the highlighted
    parts in bold colour."""
    if isinstance(value, Runs):
        return _rich_text(safe_runs(value, cleaning))
    return safe_cell(value, cleaning)


def _rich_text(value: Runs) -> object:
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    if not any(marked for _, marked in value.parts):
        return str(value)
    highlight = InlineFont(b=True, color=HIGHLIGHT_COLOUR)
    return CellRichText(
        [TextBlock(highlight, text) if marked else text for text, marked in value.parts if text]
    )
