"""Write a term table in the format its file name asks for: .csv, .xlsx or .tbx."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from ..errors import InputError
from .extract import TERM_COLUMNS
from .sheets import Cleaning, write_csv, write_xlsx
from .tbx import write_tbx

TERM_FORMATS = (".csv", ".xlsx", ".tbx")


def write_terms(table: pl.DataFrame, path: str | Path) -> Cleaning:
    """Write the table; returns how many characters the format could not hold were removed."""
    suffix = Path(path).suffix.lower()
    shown = table.select(TERM_COLUMNS)
    if suffix == ".csv":
        return write_csv(shown, path)
    if suffix == ".xlsx":
        return write_xlsx([("terms", shown)], path)
    if suffix == ".tbx":
        return write_tbx(shown, path)
    raise InputError(f"{path}: unknown term table format (use {', '.join(TERM_FORMATS)})")
