"""CSV and XLSX output of tables, safe to open in a spreadsheet.

Every text cell that a spreadsheet could take for a formula (it starts with = + - @, or a tab
or carriage return) is written with a leading apostrophe, so that a segment such as
"=HYPERLINK(...)" from an untrusted memory stays text. Numbers stay numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from ..atomic import atomic_open, atomic_path

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """The value, with text that could start a formula prefixed by an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def safe_rows(frame: pl.DataFrame) -> list[list[object]]:
    return [[safe_cell(value) for value in row] for row in frame.iter_rows()]


def write_csv(frame: pl.DataFrame, path: str | Path) -> None:
    with atomic_open(path, newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([safe_cell(name) for name in frame.columns])
        writer.writerows(safe_rows(frame))


def write_xlsx(sheets: Sequence[tuple[str, pl.DataFrame]], path: str | Path) -> None:
    """One worksheet per (title, frame); header row bold and frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, frame in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append([safe_cell(name) for name in frame.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in safe_rows(frame):
            sheet.append([_xlsx_value(value) for value in row])
    with atomic_path(path) as temp:
        workbook.save(temp)


def _xlsx_value(value: object) -> object:
    """openpyxl stores a string that starts with "=" as a formula: the apostrophe prefix from
    ``safe_cell`` already prevents that. Lists become one text cell; control characters that
    XLSX cannot hold are dropped."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, (list, tuple)):
        value = safe_cell(" | ".join(map(str, value)))
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value
