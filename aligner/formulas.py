"""Texts a spreadsheet would take for formulas, and how the writers keep them text.

A spreadsheet that opens a CSV, a TSV or an XLSX cell typed as a formula runs it: a segment
of an untrusted memory such as "=HYPERLINK(...)" or "-cmd|..." would become a live link or a
command. Two rules, for two kinds of files:

- reports and tables people open in a spreadsheet (CSV, XLSX; ``FORMULA_TRIGGERS``): any
  text that starts with = + - @, a tab or a carriage return gets a leading apostrophe;
- memories that CAT tools import as they are and spreadsheets may open (TSV;
  ``LIVE_FORMULA``): only what a spreadsheet would run gets one, so that the bullet "- item",
  "-5 %" or "+41 22" stay the texts they are; ``unquote_formula`` gives the text back.
"""

from __future__ import annotations

import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# What a spreadsheet runs when it opens a text file (TSV) whose cell starts so: "=" or "@",
# or a sign before a name, a bracket or another operator ("-cmd|...", "+HYPERLINK(...)"). A
# sign before a digit or a space ("-5 %", "+41 22", the bullet "- item") computes nothing
# that can reach outside the sheet, and stays as it is in a memory that CAT tools import.
LIVE_FORMULA = re.compile(r"[=@]|[+-][^\d\s.,]")


def quote_formula(text: str) -> str:
    """``text`` for a cell of a text file a spreadsheet may open: an apostrophe first if the
    spreadsheet would run it as a formula (``LIVE_FORMULA``), and also if it already starts
    with apostrophes before one, so that ``unquote_formula`` gives every text back."""
    return "'" + text if LIVE_FORMULA.match(text.lstrip("'")) else text


def unquote_formula(cell: str) -> str:
    """The text ``quote_formula`` made ``cell`` of."""
    return cell[1:] if cell.startswith("'") and LIVE_FORMULA.match(cell.lstrip("'")) else cell
