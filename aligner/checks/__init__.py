"""Translation consistency checks over segment pairs, one module per check.

    findings = run_checks(pairs)                               # every default check
    findings = run_checks(pairs, only=["numbers", "symbols"])  # some
    write_report(findings, "report.html")

See ``registry.CHECK_MODULES`` for the list; each check has a name and a description.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import SegmentPair
from ..terms.extract import oriented
from .finding import Check, CheckContext, CheckRule, Finding
from .registry import registry, select_checks


def run_checks(
    pairs: Iterable[SegmentPair],
    only: Iterable[str] = (),
    skip: Iterable[str] = (),
    glossary: object = None,
    source_lang: str | None = None,
) -> list[Finding]:
    """Findings of the selected checks, check by check, in pair order."""
    turned, source, target = oriented(pairs, source_lang)
    context = CheckContext(turned, source, target, glossary)
    return [
        finding for check in select_checks(only, skip, glossary is not None) for finding in check.run(context)
    ]


def checks_by_name() -> dict[str, str]:
    """Name -> description of every check."""
    return {name: check.description for name, check in registry().items()}


__all__ = [
    "Check",
    "CheckContext",
    "CheckRule",
    "Finding",
    "checks_by_name",
    "registry",
    "run_checks",
    "select_checks",
]
