"""The review page: one self-contained HTML file for checking the doubtful links first.

The page is static markup plus one inline script that renders everything from a JSON blob
embedded in ``<script type="application/json">``. Text from the documents only ever reaches
the page through that blob and ``textContent``, so hostile text stays text. A strict
Content-Security-Policy allows the inline script and style by their sha256 hashes, computed
here at write time, and nothing else: no remote loads, no other scripts.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import atomic_open
from ..model import Bitext, Link, Sentence, UnitPair

ASSETS = Path(__file__).with_name("review_assets")

# Confidence bands, best first: (lowest confidence of the band, css name, legend label).
BANDS: tuple[tuple[float, str, str], ...] = (
    (0.9, "high", "\u2265 0.90"),
    (0.7, "medium", "0.70\u20130.90"),
    (0.5, "low", "0.50\u20130.70"),
    (0.0, "poor", "< 0.50"),
)

LANGUAGE_NAMES = {"fr": "French", "en": "English", "es": "Spanish", "de": "German"}


def write_review(
    bitext: Bitext, path: str | Path, *, title: str | None = None, threshold: float = 0.9
) -> None:
    """Write the review page of ``bitext`` to ``path`` (whole or not at all).

    ``threshold`` is where the page's filter starts: only links whose confidence is below it
    are shown until the reviewer changes it.
    """
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be between 0 and 1, not {threshold}")
    page = render_page(review_data(bitext, title=title, threshold=threshold))
    with atomic_open(path, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(page)


# --- the data ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Group:
    """A run of links that share a structural unit, or a unit pair that has no link."""

    key: str
    links: list[int] = field(default_factory=list)
    pair: UnitPair | None = None
    disagreements: list[int] = field(default_factory=list)


def review_data(bitext: Bitext, *, title: str | None = None, threshold: float = 0.9) -> dict[str, Any]:
    """Everything the page shows, as plain JSON-ready values."""
    groups = _unit_groups(bitext)
    unit_of_link = {link: number for number, group in enumerate(groups) for link in group.links}
    disagreements = _disagreements(bitext, groups)
    return {
        "meta": _meta(bitext, title, threshold),
        "bands": [{"min": low, "name": name, "label": label} for low, name, label in BANDS],
        "units": [_unit_json(group) for group in groups],
        "links": [_link_json(bitext, link, unit_of_link[number]) for number, link in enumerate(bitext.links)],
        "disagreements": disagreements,
    }


def _meta(bitext: Bitext, title: str | None, threshold: float) -> dict[str, Any]:
    symbol = bitext.symbol
    if not symbol and bitext.structure is not None:
        symbol = bitext.structure.source.symbol or bitext.structure.target.symbol
    default_title = f"Alignment review \u2014 {symbol}" if symbol else "Alignment review"
    return {
        "title": title or default_title,
        "symbol": symbol or "",
        "source_path": bitext.source_path,
        "target_path": bitext.target_path,
        "source_lang": bitext.source_lang,
        "target_lang": bitext.target_lang,
        "source_lang_name": LANGUAGE_NAMES.get(bitext.source_lang, bitext.source_lang),
        "target_lang_name": LANGUAGE_NAMES.get(bitext.target_lang, bitext.target_lang),
        "threshold": threshold,
        "structured": bitext.structure is not None,
    }


def _unit_groups(bitext: Bitext) -> list[_Group]:
    """Units in reading order: runs of links by ``Link.unit``, with the unit pairs that have
    no link slotted in after the unit that precedes them in the structural alignment."""
    groups: list[_Group] = []
    for number, link in enumerate(bitext.links):
        if not groups or groups[-1].key != link.unit:
            groups.append(_Group(link.unit))
        groups[-1].links.append(number)
    if bitext.structure is None:
        return groups
    first_group = {}
    for group in groups:
        first_group.setdefault(group.key, group)
    inserted: dict[int, list[_Group]] = {}  # id of the group they follow (0: the start) -> groups
    previous: _Group | None = None
    for pair in bitext.structure.pairs:
        found = next((first_group[key] for key in _pair_keys(pair) if key in first_group), None)
        if found is None:
            found = _Group(pair.key, pair=pair)
            inserted.setdefault(id(previous) if previous is not None else 0, []).append(found)
        elif found.pair is None:
            found.pair = pair
        previous = found
    return _merge_inserted(groups, inserted)


def _merge_inserted(groups: list[_Group], inserted: dict[int, list[_Group]]) -> list[_Group]:
    """Put each inserted group after the one it follows, recursively (chains of linkless units)."""
    merged: list[_Group] = []

    def emit(group: _Group) -> None:
        merged.append(group)
        for follower in inserted.get(id(group), []):
            emit(follower)

    for group in inserted.get(0, []):
        emit(group)
    for group in groups:
        emit(group)
    return merged


def _pair_keys(pair: UnitPair) -> list[str]:
    return [unit.key for unit in (*pair.source, *pair.target)]


def _disagreements(bitext: Bitext, groups: list[_Group]) -> list[dict[str, Any]]:
    """The structural disagreements, each with the number of the unit it is shown at (or -1)."""
    if bitext.structure is None:
        return []
    by_key: dict[str, int] = {}
    for number, group in enumerate(groups):
        keys = [group.key, *(_pair_keys(group.pair) if group.pair else [])]
        for key in keys:
            by_key.setdefault(key, number)
    found = []
    for number, item in enumerate(bitext.structure.disagreements):
        unit = _locate(item.key, by_key)
        if unit >= 0:
            groups[unit].disagreements.append(number)
        found.append({"kind": item.kind, "key": item.key, "detail": item.detail, "unit": unit})
    return found


def _locate(key: str, by_key: dict[str, int]) -> int:
    """The unit a disagreement belongs to: its own key, else its nearest ancestor, else its
    first descendant; -1 for a document-wide one (metadata, symbol) or an unknown key."""
    if not key:
        return -1
    probe = key
    while probe:
        if probe in by_key:
            return by_key[probe]
        probe = probe.rsplit("/", 1)[0] if "/" in probe else ""
    descendants = [unit for other, unit in by_key.items() if other.startswith(key + "/")]
    return min(descendants, default=-1)


def _unit_json(group: _Group) -> dict[str, Any]:
    pair = group.pair
    target_keys = sorted({unit.key for unit in pair.target}) if pair else []
    return {
        "key": group.key,
        "target_key": ", ".join(key for key in target_keys if key != group.key),
        "method": pair.method if pair else "",
        "score": _number(pair.score) if pair else None,
        "links": group.links,
        "disagreements": group.disagreements,
    }


def _link_json(bitext: Bitext, link: Link, unit: int) -> dict[str, Any]:
    return {
        "s": _side_texts(bitext.source_sentences, link.source, link.source_text),
        "t": _side_texts(bitext.target_sentences, link.target, link.target_text),
        "c": _number(link.confidence),
        "k": link.kind,
        "u": unit,
    }


def _side_texts(sentences: list[Sentence], indices: tuple[int, ...], fallback: str) -> list[str]:
    """The sentences of one side of a link; the link's own text when indices do not resolve."""
    if indices and all(0 <= index < len(sentences) for index in indices):
        return [sentences[index].text for index in indices]
    return [fallback] if fallback else []


def _number(value: float) -> float:
    """A confidence as JSON can carry it: NaN becomes 0, the rest is clamped to [0, 1]."""
    if value is None or math.isnan(value):
        return 0.0
    return round(min(1.0, max(0.0, float(value))), 4)


# --- the page ----------------------------------------------------------------------------


def embed_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<`` can open ``</script`` or
    ``<!--``, and the line separators that old parsers choke on are escaped too."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def csp_hash(text: str) -> str:
    """The CSP source expression that allows an inline element whose content is ``text``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(script: str, style: str) -> str:
    return "; ".join(
        (
            "default-src 'none'",
            f"script-src {csp_hash(script)}",
            f"style-src {csp_hash(style)}",
            "img-src 'none'",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )


def _asset(name: str, closing: str) -> str:
    text = (ASSETS / name).read_text(encoding="utf-8")
    if closing in text.lower():
        raise RuntimeError(f"{name} must not contain {closing!r}")
    return text


def render_page(data: dict[str, Any]) -> str:
    """The whole HTML document for ``data`` (as made by ``review_data``)."""
    script = _asset("review.js", "</script")
    style = _asset("review.css", "</style")
    title = html.escape(data["meta"]["title"])
    policy = html.escape(content_security_policy(script, style), quote=False).replace('"', "&quot;")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{title}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        '<noscript><p class="noscript">This review page needs JavaScript to show the alignment.</p></noscript>\n'
        '<div id="app"></div>\n'
        f'<script type="application/json" id="review-data">{embed_json(data)}</script>\n'
        f"<script>{script}</script>\n</body>\n</html>\n"
    )
