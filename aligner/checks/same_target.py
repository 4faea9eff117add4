"""Same target segment, different sources."""

from __future__ import annotations

from collections.abc import Iterator

from .finding import Check, CheckContext, Finding
from .variants import varying_translations

NAME = "same-target"


def run(context: CheckContext) -> Iterator[Finding]:
    return varying_translations(context, NAME, "target")


CHECK = Check(NAME, "one target segment stands for different source segments", run)
