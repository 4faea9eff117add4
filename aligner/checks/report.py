"""Reports of findings, one writer per format in a registry by suffix:

* ``.html``: a self-contained page for reading: the files and the date, a summary with the
  count of every check that ran, one section per check (its description, its findings), every
  rendering of a varying text shown in full with the words where it differs marked, and a
  filter by check and by severity (radio buttons and check boxes styled with CSS ``:has()``:
  no script, so nothing in the page runs, whatever the texts hold);
* ``.xlsx``: sheet "findings" (grouped by check, widths, wrapping, frozen header, filters,
  renderings in full with the differing words in bold red), "summary" (counts) and "about"
  (files, date);
* ``.csv``: one row per finding (UTF-8 with a byte-order mark, for Excel).

Every text from the pairs is escaped in HTML and neutralised against formula injection in
CSV/XLSX (see ``aligner.terms.sheets``); each writer returns what it had to remove.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import polars as pl

from ..atomic import atomic_open
from ..errors import InputError
from ..registry import Registry
from ..terms.sheets import UNSPREADABLE, Cleaning, Column, Runs, Sheet, write_csv, write_xlsx
from .differences import variant_runs
from .finding import Finding
from .registry import registry

FINDING_COLUMNS = tuple(field.name for field in fields(Finding))
TITLE = "Translation checks"


@dataclass(slots=True)
class Report:
    """What a report says: the findings, the checks that ran (in order; the summary lists
    those without findings too), the files checked and when."""

    findings: Sequence[Finding]
    checks: Sequence[str] = ()
    inputs: Sequence[str] = ()
    created: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def names(self) -> list[str]:
        """Every check of the report, in the order they ran, then any other found."""
        found = [finding.check for finding in self.findings]
        return list(dict.fromkeys([*self.checks, *found]))

    def counts(self) -> Counter[str]:
        """The number of findings of each check."""
        return Counter(finding.check for finding in self.findings)

    def of(self, name: str) -> list[Finding]:
        """The findings of one check, in pair order."""
        return [finding for finding in self.findings if finding.check == name]

    @property
    def date(self) -> str:
        """When the report was made, in UTC ("2024-05-01 09:00 UTC")."""
        return self.created.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def variants_text(finding: Finding) -> str:
    """Every rendering of a varying text with the number of pairs using it, on one line ("3× A | 1× B")."""
    return " | ".join(f"{count}× {text}" for text, count in finding.variants)


def findings_frame(findings: Sequence[Finding]) -> pl.DataFrame:
    """One row per finding, every column text (the renderings joined), for CSV."""
    rows = [{**asdict(finding), "variants": variants_text(finding)} for finding in findings]
    return pl.DataFrame(rows, schema={name: pl.String for name in FINDING_COLUMNS})


def summary_frame(findings: Sequence[Finding], checks: Sequence[str] = ()) -> pl.DataFrame:
    """The number of findings of every check that ran, those without any included."""
    report = Report(findings, checks)
    counts = report.counts()
    return pl.DataFrame({"check": report.names, "findings": [counts.get(name, 0) for name in report.names]})


class ReportWriter(Protocol):
    """The contract of a report writer: ``write`` writes the report to ``path`` (atomically)
    and returns what the format could not hold and was removed."""

    def write(self, report: Report, path: str | Path) -> Cleaning:
        """Write ``report`` at ``path``, whole or not at all; what was removed to fit the format."""
        ...


class CsvReport:
    """``.csv``: one row per finding, the renderings joined by " | "."""

    def write(self, report: Report, path: str | Path) -> Cleaning:
        """Write the report to ``path``; what the format could not hold and was removed."""
        return write_csv(findings_frame(report.findings), path)


class XlsxReport:
    """``.xlsx``: findings grouped by check, a summary and the report's particulars."""

    COLUMNS = (
        Column("check", 16),
        Column("severity", 10),
        Column("unit", 28, wrap=True),
        Column("source", 50, wrap=True),
        Column("target", 50, wrap=True),
        Column("detail", 40, wrap=True),
        Column("document", 14),
        Column("renderings", 60, wrap=True),
    )

    def write(self, report: Report, path: str | Path) -> Cleaning:
        """Write the report to ``path``; what the format could not hold and was removed."""
        counts = report.counts()
        rows = [self.row(finding) for name in report.names for finding in report.of(name)]
        summary: list[list[object]] = [
            [name, self.description(name), counts.get(name, 0)] for name in report.names
        ]
        about: list[list[object]] = [
            ["title", TITLE],
            ["files", "\n".join(report.inputs)],
            ["date", report.date],
            ["findings", len(report.findings)],
        ]
        return write_xlsx(
            [
                Sheet("findings", self.COLUMNS, rows),
                Sheet(
                    "summary",
                    (Column("check", 16), Column("description", 70, wrap=True), Column("findings", 10)),
                    summary,
                ),
                Sheet("about", (Column("", 12), Column("", 80, wrap=True)), about, filters=False),
            ],
            path,
        )

    @staticmethod
    def description(name: str) -> str:
        """The description of a check, empty for a name the registry does not know."""
        return registry().get(name).description if name in registry() else ""

    @staticmethod
    def row(finding: Finding) -> list[object]:
        """A finding as a row of the sheet."""
        renderings: object = ""
        if finding.variants:
            parts: list[tuple[str, bool]] = []
            for number, (runs, count) in enumerate(variant_runs(finding.variants)):
                parts.append((("\n" if number else "") + f"{count}× ", False))
                parts.extend(runs)
            renderings = Runs(tuple(parts))
        return [
            finding.check,
            finding.severity,
            finding.key,
            finding.source,
            finding.target,
            finding.detail,
            finding.document,
            renderings,
        ]


_STYLE = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:110em}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}
th{background:#f0f0f0;text-align:left}.finding td.text{width:30%;white-space:pre-wrap}
.error{color:#a00}.warning{color:#a60}.info{color:#06a}h2{margin-top:2em}
.about{color:#555}.filter{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #ddd}
.filter label{margin-right:1em;white-space:nowrap}ol.variants{margin:0;padding-left:1.2em}
mark{background:#ffd6d6;color:#900;font-weight:bold}.count{color:#555}
"""


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "check"


class HtmlReport:
    """``.html``: the page described in the module docstring."""

    def write(self, report: Report, path: str | Path) -> Cleaning:
        """Write the report to ``path``; what the format could not hold and was removed."""
        page, removed = UNSPREADABLE.subn("", self.page(report))
        with atomic_open(path) as stream:
            stream.write(page)
        return Cleaning(removed)

    def page(self, report: Report) -> str:
        """The whole page, every text of the pairs escaped."""
        escape = html.escape
        counts = report.counts()
        shown = [name for name in report.names if counts.get(name)]
        files = ", ".join(f"<b>{escape(name)}</b>" for name in report.inputs) or "—"
        total = len(report.findings)
        about = (
            f"<p class='about'>Files: {files} · Date: {escape(report.date)} · "
            f"{total} finding{'' if total == 1 else 's'} from {len(report.names)} "
            f"check{'' if len(report.names) == 1 else 's'}</p>"
        )
        return (
            f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{TITLE}</title>"
            f"<style>{_STYLE}{self.filter_style(shown)}</style></head><body><h1>{TITLE}</h1>{about}"
            f"{self.filter(shown, counts, report)}{self.summary(report, counts)}"
            + "".join(self.section(name, report.of(name)) for name in shown)
            + "</body></html>\n"
        )

    @staticmethod
    def filter_style(shown: Sequence[str]) -> str:
        """One rule per check: when its radio button is on, the other sections are hidden; one
        per severity: when its box is ticked, its rows are hidden."""
        rules = [
            f"body:has(#show-{_slug(name)}:checked) section.check:not(#check-{_slug(name)}){{display:none}}"
            for name in shown
        ]
        rules += [
            f"body:has(#hide-{severity}:checked) tr.finding.{severity}-row{{display:none}}"
            for severity in ("error", "warning", "info")
        ]
        return "\n".join(rules)

    @staticmethod
    def filter(shown: Sequence[str], counts: Counter[str], report: Report) -> str:
        """The radio buttons and check boxes that show one check or one severity (CSS only)."""
        escape = html.escape
        radios = [
            "<input type='radio' name='check' id='show-all' checked>"
            f"<label for='show-all'>all ({len(report.findings)})</label>"
        ]
        radios += [
            f"<input type='radio' name='check' id='show-{_slug(name)}'>"
            f"<label for='show-{_slug(name)}'>{escape(name)} ({counts[name]})</label>"
            for name in shown
        ]
        severities = Counter(finding.severity for finding in report.findings)
        boxes = [
            f"<input type='checkbox' id='hide-{severity}'><label for='hide-{severity}'>hide {severity} "
            f"({severities[severity]})</label>"
            for severity in ("error", "warning", "info")
            if severities.get(severity)
        ]
        return f"<form class='filter'>Show: {''.join(radios)}<br>{''.join(boxes)}</form>"

    @staticmethod
    def summary(report: Report, counts: Counter[str]) -> str:
        """The table of every check with its number of findings."""
        escape = html.escape
        rows = "".join(
            (
                f"<tr><td><a href='#check-{_slug(name)}'>{escape(name)}</a></td>"
                if counts.get(name)
                else f"<tr><td>{escape(name)}</td>"
            )
            + f"<td>{escape(XlsxReport.description(name))}</td><td>{counts.get(name, 0)}</td></tr>"
            for name in report.names
        )
        header = "<tr><th>check</th><th>what it looks for</th><th>findings</th></tr>"
        return f"<table class='summary'>{header}{rows}</table>"

    def section(self, name: str, findings: Sequence[Finding]) -> str:
        """One check's findings, under its name and description."""
        escape = html.escape
        rows = "".join(self.row(finding) for finding in findings)
        has_variants = any(finding.variants for finding in findings)
        header = "<th>unit</th><th>severity</th><th>detail</th><th>source</th><th>target</th>" + (
            "<th>renderings</th>" if has_variants else ""
        )
        return (
            f"<section class='check' id='check-{_slug(name)}'><h2>{escape(name)} ({len(findings)})</h2>"
            f"<p>{escape(XlsxReport.description(name))}</p><table>{header}{rows}</table></section>"
        )

    @staticmethod
    def row(finding: Finding) -> str:
        """A finding as a row of the page's table, its texts escaped."""
        escape = html.escape
        renderings = ""
        if finding.variants:
            items = "".join(
                f"<li><span class='count'>{count}×</span> "
                + "".join(
                    f"<mark>{escape(part)}</mark>" if differs else escape(part) for part, differs in runs
                )
                + "</li>"
                for runs, count in variant_runs(finding.variants)
            )
            renderings = f"<td class='text'><ol class='variants'>{items}</ol></td>"
        severity = escape(finding.severity)
        return (
            f"<tr class='finding {severity}-row'><td>{escape(finding.key)}</td>"
            f"<td class='{severity}'>{severity}</td><td>{escape(finding.detail)}</td>"
            f"<td class='text'>{escape(finding.source)}</td><td class='text'>{escape(finding.target)}</td>"
            f"{renderings}</tr>"
        )


REPORT_WRITERS: Registry[type[ReportWriter]] = Registry(
    "report format",
    InputError,
    unknown="unknown report format {name} (use {known})",
    unnamed="the file name has no extension to tell the format (use {known})",
)
REPORT_WRITERS.register((".html", ".htm"), HtmlReport)
REPORT_WRITERS.register(".csv", CsvReport)
REPORT_WRITERS.register(".xlsx", XlsxReport)


def write_report(
    findings: Sequence[Finding],
    path: str | Path,
    checks: Sequence[str] = (),
    inputs: Sequence[str] = (),
    created: datetime | None = None,
) -> Cleaning:
    """Write the report in the format the suffix asks for; ``checks`` lists the checks that
    ran (the summary shows those with no finding too), ``inputs`` the files checked and
    ``created`` the date the report gives (now by default). Returns how many characters the
    format could not hold were removed."""
    writer = REPORT_WRITERS.get(Path(path).suffix.lower(), str(path))
    report = Report(findings, checks, inputs, created or datetime.now(UTC))
    return writer().write(report, path)
