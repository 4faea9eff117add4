"""Reports of findings: CSV, XLSX (one sheet of findings, one of counts) and a self-contained
HTML page grouped by check. Every text from the pairs is escaped in HTML and neutralised
against formula injection in CSV/XLSX (see ``aligner.terms.sheets``)."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, fields
from pathlib import Path

import polars as pl

from ..atomic import atomic_open
from ..errors import InputError
from ..terms.sheets import UNSPREADABLE, Cleaning, write_csv, write_xlsx
from .finding import Finding
from .registry import registry

REPORT_FORMATS = (".html", ".csv", ".xlsx")
FINDING_COLUMNS = tuple(field.name for field in fields(Finding))


def findings_frame(findings: Sequence[Finding]) -> pl.DataFrame:
    return pl.DataFrame(
        [asdict(finding) for finding in findings], schema={name: pl.String for name in FINDING_COLUMNS}
    )


def summary_frame(findings: Sequence[Finding], checks: Sequence[str] = ()) -> pl.DataFrame:
    counts = Counter(finding.check for finding in findings)
    names = list(checks) or list(counts)
    return pl.DataFrame({"check": names, "findings": [counts.get(name, 0) for name in names]})


_STYLE = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}
th{background:#f0f0f0;text-align:left}.finding td.text{width:40%;white-space:pre-wrap}
.error{color:#a00}.warning{color:#a60}.info{color:#06a}h2{margin-top:2em}
"""


def _finding_row(finding: Finding) -> str:
    escape = html.escape
    return (
        f"<tr class='finding'><td>{escape(finding.key)}</td>"
        f"<td class='{escape(finding.severity)}'>{escape(finding.severity)}</td>"
        f"<td>{escape(finding.detail)}</td>"
        f"<td class='text'>{escape(finding.source)}</td><td class='text'>{escape(finding.target)}</td></tr>"
    )


def _section(name: str, findings: Sequence[Finding]) -> str:
    check = registry().get(name)
    description = html.escape(check.description) if check else ""
    rows = "".join(_finding_row(finding) for finding in findings)
    return (
        f"<h2 id='{html.escape(name)}'>{html.escape(name)} ({len(findings)})</h2><p>{description}</p>"
        "<table><tr><th>unit</th><th>severity</th><th>detail</th><th>source</th><th>target</th></tr>"
        f"{rows}</table>"
    )


def html_report(
    findings: Sequence[Finding], checks: Sequence[str] = (), title: str = "Translation checks"
) -> str:
    summary = summary_frame(findings, checks)
    summary_rows = "".join(
        f"<tr><td><a href='#{html.escape(name)}'>{html.escape(name)}</a></td><td>{count}</td></tr>"
        for name, count in summary.iter_rows()
    )
    sections = "".join(
        _section(name, [finding for finding in findings if finding.check == name])
        for name, count in summary.iter_rows()
        if count
    )
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"<style>{_STYLE}</style></head><body><h1>{html.escape(title)}</h1>"
        f"<table><tr><th>check</th><th>findings</th></tr>{summary_rows}</table>{sections}</body></html>\n"
    )


def write_report(findings: Sequence[Finding], path: str | Path, checks: Sequence[str] = ()) -> Cleaning:
    """Write the report in the format the suffix asks for; ``checks`` lists the checks that
    ran, so that the summary shows the ones with no finding too. Returns how many characters
    the format could not hold were removed."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return write_csv(findings_frame(findings), path)
    if suffix == ".xlsx":
        return write_xlsx(
            [("findings", findings_frame(findings)), ("summary", summary_frame(findings, checks))], path
        )
    if suffix in (".html", ".htm"):
        page, removed = UNSPREADABLE.subn("", html_report(findings, checks))
        with atomic_open(path) as stream:
            stream.write(page)
        return Cleaning(removed)
    raise InputError(f"{path}: unknown report format (use {', '.join(REPORT_FORMATS)})")
