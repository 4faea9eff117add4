"""Same source segment, different targets."""

from __future__ import annotations

from collections.abc import Iterator

from .finding import Check, CheckContext, Finding
from .variants import varying_translations

NAME = "same-source"


def run(context: CheckContext) -> Iterator[Finding]:
    """The same-source check: a finding for each source segment translated in more than one way
    across the pairs."""
    return varying_translations(context, NAME, "source")


CHECK = Check(NAME, "a source segment that recurs is translated in more than one way", run)
