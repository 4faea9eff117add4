"""The checks by name, one module each (as sacrebleu keeps one module per metric).

Every check keeps the ``CheckRule`` contract (``finding.CheckRule``; the ``Check`` dataclass
is how the modules keep it). Adding a check is writing a module that defines ``CHECK`` and
listing it here.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import import_module

from ..errors import AlignerError
from ..registry import Registry
from ..wording import noun_for
from .finding import CheckRule

CHECK_MODULES = (
    "same_source",
    "same_target",
    "term_consistency",
    "numbers",
    "symbols",
    "footnotes",
    "untranslated",
    "typography",
    "glossary",
)


@lru_cache(maxsize=1)
def registry() -> Registry[CheckRule]:
    """Every check by its name, in the order above."""
    checks: Registry[CheckRule] = Registry("check")
    for module in CHECK_MODULES:
        check: CheckRule = import_module(f"{__package__}.{module}").CHECK
        checks.register(check.name, check)
    return checks


def _known(names: Iterable[str]) -> list[str]:
    names = [name.strip() for name in names if name.strip()]
    unknown = [name for name in names if name not in registry()]
    if unknown:
        what = noun_for(len(unknown), "unknown check")
        raise AlignerError(f"{what}: {', '.join(unknown)} (known: {registry().known()})")
    return names


def select_checks(
    only: Iterable[str] = (), skip: Iterable[str] = (), glossary: bool = False
) -> list[CheckRule]:
    """The checks to run: ``only`` if given, else every default check (the glossary check too
    when a glossary is given), minus ``skip``."""
    wanted = _known(only)
    skipped = set(_known(skip))
    if wanted:
        chosen = [registry().get(name) for name in wanted]
    else:
        chosen = [
            check
            for _, check in registry().items()
            if check.default or (glossary and check.name == "glossary")
        ]
    return [check for check in chosen if check.name not in skipped]
