"""What every check returns (``Finding``) and what every check is given (``CheckContext``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from ..model import SegmentPair
from ..profiles import Language
from ..terms.extract import TermIndex, TermOptions, index_terms, pair_label

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one pair. ``key`` is the pair's tuid, else its structural key, else
    its position ("#12"). ``variants`` holds, for a finding about a text rendered in several
    ways, every rendering in full with the number of pairs that use it, the usual one first
    (reports show them whole and mark the words where they differ)."""

    check: str
    severity: str
    key: str
    source: str
    target: str
    detail: str
    document: str = ""
    variants: tuple[tuple[str, int], ...] = ()


class CheckContext:
    """The pairs under check, all turned the same way, and what several checks share: the
    source and target languages (resolved once, where the pairs were read), the term table
    (computed once, on first use) and the glossary."""

    def __init__(
        self, pairs: Sequence[SegmentPair], source: Language, target: Language, glossary: object = None
    ):
        self.pairs = pairs
        self.source = source
        self.target = target
        self.glossary = glossary

    @cached_property
    def terms(self) -> TermIndex:
        """The term table of the pairs, computed on first use and shared by the checks that need it."""
        return index_terms(self.pairs, TermOptions(), self.source.code)

    def label(self, index: int) -> str:
        """How a finding names the pair at ``index``: its tuid, else its key, else its position."""
        return pair_label(self.pairs[index], index)

    def finding(
        self, check: str, severity: str, index: int, detail: str, variants: tuple[tuple[str, int], ...] = ()
    ) -> Finding:
        """A finding of ``check`` about the pair at ``index``."""
        pair = self.pairs[index]
        return Finding(
            check, severity, self.label(index), pair.source, pair.target, detail, pair.document, variants
        )


@dataclass(frozen=True, slots=True)
class Check:
    """A check as the registry knows it: ``run`` yields the findings for a context."""

    name: str
    description: str
    run: Callable[[CheckContext], Iterator[Finding]]
    # Off unless asked for (or, for the glossary, unless a glossary is given).
    default: bool = True


class CheckRule(Protocol):
    """The contract of a check: a name (what ``--only`` and ``--skip`` take), a one-line
    description, whether it runs unless asked for, and ``run``, which yields the findings
    for the pairs of a context, in pair order, and never changes the context."""

    @property
    def name(self) -> str:
        """The check's name, as ``--only``, ``--skip`` and reports write it."""
        ...

    @property
    def description(self) -> str:
        """What the check finds, in one line."""
        ...

    @property
    def default(self) -> bool:
        """Whether the check runs when no ``--only`` names it."""
        ...

    def run(self, context: CheckContext) -> Iterator[Finding]:
        """The findings for the pairs of ``context``, in pair order; the context is left as it is."""
        ...
