"""CSV and XLSX output of tables, safe to open in a spreadsheet.

Every text cell is cleaned of the characters no cell can hold (counted), then, if a
spreadsheet could take it for a formula (it starts with = + - @, or a tab or carriage
return), written with a leading apostrophe, so that a segment such as "=HYPERLINK(...)" from
an untrusted memory stays text. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from ..atomic import atomic_open, atomic_path

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# What no spreadsheet cell can hold: control characters other than tab, LF and CR (XML 1.0
# forbids them in XLSX) and lone surrogates (not encodable in UTF-8).
UNSPREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


@dataclass(slots=True)
class Cleaning:
    """How many characters the cells lost (see ``UNSPREADABLE``)."""

    characters_removed: int = 0

    def describe(self) -> str:
        """ "" or "; 3 characters the format cannot hold removed", for a command's summary."""
        count = self.characters_removed
        return (
            f"; {count} character{'s' if count != 1 else ''} the format cannot hold removed" if count else ""
        )


def safe_cell(value: object, cleaning: Cleaning | None = None) -> object:
    """The value with the characters no cell can hold removed, then, if the text could start
    a formula, prefixed by an apostrophe. Cleaning comes first: a control character before
    "=" would otherwise hide the formula from the check and leave it live once removed."""
    if isinstance(value, (list, tuple)):
        value = " | ".join(map(str, value))
    if not isinstance(value, str):
        return value
    value, removed = UNSPREADABLE.subn("", value)
    if cleaning is not None:
        cleaning.characters_removed += removed
    if value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def safe_rows(frame: pl.DataFrame, cleaning: Cleaning | None = None) -> list[list[object]]:
    return [[safe_cell(value, cleaning) for value in row] for row in frame.iter_rows()]


def safe_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with every text cell safe (see ``safe_cell``), for a writer of its own (such
    as polars' CSV writer, which tells empty strings from missing values)."""
    texts = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.col(name).map_elements(safe_cell, return_dtype=pl.String, skip_nulls=True) for name in texts
    )


def write_csv(frame: pl.DataFrame, path: str | Path) -> Cleaning:
    """The table as CSV (every text cell safe, see ``safe_cell``); returns what was removed."""
    cleaning = Cleaning()
    with atomic_open(path, newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([safe_cell(name, cleaning) for name in frame.columns])
        writer.writerows(safe_rows(frame, cleaning))
    return cleaning


def write_xlsx(sheets: Sequence[tuple[str, pl.DataFrame]], path: str | Path) -> Cleaning:
    """One worksheet per (title, frame); header row bold and frozen. Text cells are safe (see
    ``safe_cell``: none starts with "=", so none is stored as a formula); returns what was
    removed."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    cleaning = Cleaning()
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, frame in sheets:
        sheet = workbook.create_sheet(title=str(safe_cell(title))[:31] or "sheet")
        sheet.append([safe_cell(name, cleaning) for name in frame.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in safe_rows(frame, cleaning):
            sheet.append(row)
    with atomic_path(path) as temp:
        workbook.save(temp)
    return cleaning
