"""Same target segment, different sources."""

from __future__ import annotations

from collections.abc import Iterator

from .finding import Check, CheckContext, Finding
from .variants import varying_translations

NAME = "same-target"


def run(context: CheckContext) -> Iterator[Finding]:
    """The same-target check: a finding for each target segment given for more than one source
    across the pairs."""
    return varying_translations(context, NAME, "target")


CHECK = Check(NAME, "one target segment stands for different source segments", run)
