"""How the checks that compare things found on both sides word their findings."""

from __future__ import annotations

from collections import Counter


def difference(source: Counter[str], target: Counter[str], what: str) -> str:
    """"" when both sides hold the same items, else a one-line description of the gap."""
    only_source = source - target
    only_target = target - source
    if not only_source and not only_target:
        return ""
    parts = []
    if only_source:
        parts.append(f"{what} only in source: {', '.join(sorted(only_source.elements()))}")
    if only_target:
        parts.append(f"{what} only in target: {', '.join(sorted(only_target.elements()))}")
    return "; ".join(parts)
