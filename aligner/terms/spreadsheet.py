"""The term table as a spreadsheet: CSV (BOM, for Excel) and XLSX (widths, wrapping, frozen
header, filters). Terms first, then the counts and association figures, then the example
pair and the segment it comes from; part of speech only when the table knows one."""

from __future__ import annotations

from pathlib import Path

from .glossary import Glossary, GlossaryEntry
from .sheets import Cleaning, Column, Sheet, write_csv_rows, write_xlsx


def columns(glossary: Glossary) -> list[Column]:
    """The columns of the term table's spreadsheet, headers naming the languages: terms, counts and
    figures, part of speech when the table has one, then the example pair."""
    source, target = glossary.source_lang, glossary.target_lang
    laid_out = [
        Column(f"term ({source})", 34, wrap=True),
        Column(f"term ({target})", 34, wrap=True),
        Column("segments together", 11),
        Column(f"occurrences ({source})", 12),
        Column(f"occurrences ({target})", 12),
        Column("Dice", 8, number_format="0.000"),
        Column("log-likelihood", 11, number_format="0.0"),
        Column("score", 8, number_format="0.000"),
        Column("documents", 10),
    ]
    if _has_part_of_speech(glossary):
        laid_out.append(Column("part of speech", 12))
    laid_out += [
        Column(f"example ({source})", 60, wrap=True),
        Column(f"example ({target})", 60, wrap=True),
        Column("example segment", 28),
    ]
    return laid_out


def _has_part_of_speech(glossary: Glossary) -> bool:
    return any(entry.part_of_speech for entry in glossary.entries)


def row(entry: GlossaryEntry, part_of_speech: bool) -> list[object]:
    """The cells of one entry, in the order of ``columns``."""
    cells: list[object] = [
        entry.source_term,
        entry.target_term,
        entry.cooccurrences,
        entry.source_freq,
        entry.target_freq,
        entry.dice,
        entry.llr,
        entry.score,
        entry.documents,
    ]
    if part_of_speech:
        cells.append(entry.part_of_speech)
    return [*cells, entry.example_source, entry.example_target, entry.example_id]


def rows(glossary: Glossary) -> list[list[object]]:
    """The cells of every entry of the table, in its order."""
    part_of_speech = _has_part_of_speech(glossary)
    return [row(entry, part_of_speech) for entry in glossary.entries]


class CsvTermWriter:
    """``.csv``: the table for Excel and scripts (header row, UTF-8 with a byte-order mark)."""

    def write(self, glossary: Glossary, path: str | Path) -> Cleaning:
        """Write the table as CSV at ``path``, cells a spreadsheet would run as formulas quoted;
        what was cleaned is returned."""
        return write_csv_rows([column.header for column in columns(glossary)], rows(glossary), path)


class XlsxTermWriter:
    """``.xlsx``: the table laid out for reading, one sheet "terms"."""

    def write(self, glossary: Glossary, path: str | Path) -> Cleaning:
        """Write the table as an XLSX workbook at ``path``; what was cleaned is returned."""
        return write_xlsx([Sheet("terms", columns(glossary), rows(glossary))], path)
