"""The review page: one self-contained HTML file in which a reviewer corrects an alignment.

The page is static markup plus one inline script that renders everything from a JSON blob
embedded in ``<script type="application/json">``. Text from the documents only ever reaches
the page through that blob and ``textContent`` (or a textarea's value), so hostile text stays
text. A strict Content-Security-Policy allows the inline script and style by their sha256
hashes, computed here at write time, and nothing else: no remote loads, no other scripts.

The page lists the doubtful links first (see ``doubt``), lets the reviewer approve, reject,
merge, split, move sentences and edit text, keeps the work in the browser's storage under the
document's id, and exports the corrected alignment as a links file (``aligner.links``).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from pathlib import Path
from typing import Any

from ..atomic import atomic_open
from ..links import LINKS_FORMAT, LINKS_VERSION, Links
from ..model import Bitext, SegmentPair
from ..profiles import PROFILES, primary_language

ASSETS = Path(__file__).with_name("review_assets")

# Confidence bands, best first: (lowest confidence of the band, css name, legend label).
BANDS: tuple[tuple[float, str, str], ...] = (
    (0.9, "high", "\u2265 0.90"),
    (0.7, "medium", "0.70\u20130.90"),
    (0.5, "low", "0.50\u20130.70"),
    (0.0, "poor", "< 0.50"),
)


def write_review(
    alignment: Links | Bitext, path: str | Path, *, title: str | None = None, threshold: float = 0.9
) -> None:
    """Write the review page of ``alignment`` to ``path`` (whole or not at all).

    ``threshold``: links whose confidence is below it are doubtful (the reviewer can change it).
    """
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be between 0 and 1, not {threshold}")
    links = alignment if isinstance(alignment, Links) else bitext_links(alignment)
    page = render_page(review_data(links, title=title, threshold=threshold))
    with atomic_open(path, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(page)


def bitext_links(bitext: Bitext) -> Links:
    """An alignment made here, as the links file would hold it."""
    from ..links import links_meta
    from ..pipeline import bitext_segments

    return Links(links_meta(bitext), list(bitext_segments(bitext)))


# --- the data ----------------------------------------------------------------------------


def doubt(pair: SegmentPair, threshold: float, disputed: set[str]) -> list[str]:
    """Why a link is doubtful, most serious first: ``gap`` (a side is empty), ``low`` (its
    confidence is below the threshold), ``disagreement`` (a structural disagreement names its
    unit). The page computes the same for the links the reviewer makes."""
    reasons = []
    if not pair.source.strip() or not pair.target.strip():
        reasons.append("gap")
    if pair.confidence < threshold:
        reasons.append("low")
    if pair.key in disputed:
        reasons.append("disagreement")
    return reasons


def review_data(links: Links, *, title: str | None = None, threshold: float = 0.9) -> dict[str, Any]:
    """Everything the page shows, as plain JSON-ready values."""
    records = [_link_json(pair, number) for number, pair in enumerate(links.pairs)]
    disagreements = _disagreements(links)
    return {
        "meta": _meta(links, title, threshold, records),
        "bands": [{"min": low, "name": name, "label": label} for low, name, label in BANDS],
        "links": records,
        "disagreements": disagreements,
    }


def _meta(links: Links, title: str | None, threshold: float, records: list[dict[str, Any]]) -> dict[str, Any]:
    meta = links.meta
    label = meta.symbol or meta.document
    default_title = f"Alignment review \u2014 {label}" if label else "Alignment review"
    return {
        "title": title or default_title,
        "format": LINKS_FORMAT,
        "version": LINKS_VERSION,
        "symbol": meta.symbol,
        "document": meta.document,
        "source_file": meta.source_file,
        "target_file": meta.target_file,
        "source_lang": meta.source_lang,
        "target_lang": meta.target_lang,
        "source_lang_name": language_name(meta.source_lang),
        "target_lang_name": language_name(meta.target_lang),
        "threshold": threshold,
        "doc_id": _document_id(meta.document, meta.source_file, meta.target_file, records),
    }


def language_name(tag: str) -> str:
    """The name of a tag's language, from its profile ("French" for "fr-CA"); the tag itself
    for a language without a profile."""
    code = primary_language(tag)
    return PROFILES[code].name if code in PROFILES else tag


def _document_id(document: str, source_file: str, target_file: str, records: list[dict[str, Any]]) -> str:
    """What the page keys its saved work by: the same alignment gets the same id, any other
    alignment (another document, or this one corrected and reopened) another."""
    digest = hashlib.sha256()
    for part in (document, source_file, target_file):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(json.dumps(records, ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:20]


def _link_json(pair: SegmentPair, number: int) -> dict[str, Any]:
    source = list(pair.source_sentences) or ([pair.source] if pair.source.strip() else [])
    target = list(pair.target_sentences) or ([pair.target] if pair.target.strip() else [])
    record: dict[str, Any] = {
        "s": source,
        "t": target,
        "c": _number(pair.confidence),
        "k": pair.key,
        "u": pair.tuid or f"link:{number + 1}",
        "st": pair.status,
    }
    if pair.source_ids and len(pair.source_ids) == len(source):
        record["si"] = list(pair.source_ids)
    if pair.target_ids and len(pair.target_ids) == len(target):
        record["ti"] = list(pair.target_ids)
    if pair.note:
        record["n"] = pair.note
    if pair.source_label:
        record["sl"] = pair.source_label
    if pair.target_label:
        record["tl"] = pair.target_label
    return record


def disputed_keys(links: Links) -> set[str]:
    """The link keys that a structural disagreement makes doubtful."""
    return {key for item in _disagreements(links) for key in item["keys"]}


def _disagreements(links: Links) -> list[dict[str, Any]]:
    """The structural disagreements, each with ``keys``: the link keys whose links it makes
    doubtful (its own key, else its nearest ancestor that has links), and ``at``: the key of
    the first link to show for it (those, else its first descendant; "" for a document-wide
    one such as the symbol)."""
    keys = list(dict.fromkeys(pair.key for pair in links.pairs))
    present = set(keys)
    found = []
    for item in links.meta.disagreements:
        named = _named_key(item.key, present)
        at = named or next((key for key in keys if item.key and key.startswith(item.key + "/")), "")
        found.append(
            {
                "kind": item.kind,
                "key": item.key,
                "detail": item.detail,
                "keys": [named] if named else [],
                "at": at,
            }
        )
    return found


def _named_key(key: str, present: set[str]) -> str:
    probe = key
    while probe:
        if probe in present:
            return probe
        probe = probe.rsplit("/", 1)[0] if "/" in probe else ""
    return ""


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
    """The review page's Content-Security-Policy: nothing may load or connect; only the page's own
    script and style run, named by their hashes."""
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
        '<noscript><p class="noscript">This review page needs JavaScript.</p></noscript>\n'
        '<div id="app"></div>\n'
        f'<script type="application/json" id="review-data">{embed_json(data)}</script>\n'
        f"<script>{script}</script>\n</body>\n</html>\n"
    )
