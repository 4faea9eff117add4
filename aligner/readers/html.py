"""HTML whose structure is given by headings and anchors (DocBook output such as the OmegaT
manual, or any page with h1..h6) -> keyed blocks.

One file is one chapter: every key starts with ``ch:<file stem>`` so that the files of two
folders pair by name. A heading opens a section keyed by its anchor, ``sec:<anchor>`` (the
``<a name>``/``id`` DocBook puts in the heading, the same in both languages). Anchors that
DocBook generates ("d0e3198") differ between languages, so such a heading is keyed by its
printed number instead (``sec:1.2``), or by position (``h:<n>``) when it has none. Content
blocks (p, li, dt, dd, table cells, admonitions) are ``<section>/para:<n>``; literal blocks
(pre) have kind "code"; a footnote is one block ``ch:<stem>/fn:<printed number>``. Headings have kind "heading" and
their level ("1".."6") as label. Navigation (DocBook navheader/navfooter, tables of
contents), scripts and styles are skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import html as lxml_html

from ..errors import InputError
from ..model import Block, RawDocument
from . import read_document
from .encoding import decode
from .inline import (
    Segment,
    UniqueKeys,
    collapse_spaces,
    is_all_italic,
    italic_lead,
    join_key,
    key_label,
    superscript,
)
from .safexml import parse_html

FORMAT = "html"
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements that hold a block of running text of their own.
BLOCK_TAGS = (
    frozenset({"p", "li", "dt", "dd", "td", "th", "pre", "caption", "figcaption", "address", "blockquote"})
    | HEADING_TAGS
)
# Elements that only arrange blocks; text found directly in them still becomes a block.
LAYOUT_TAGS = frozenset(
    {
        "body",
        "div",
        "section",
        "article",
        "main",
        "aside",
        "header",
        "footer",
        "figure",
        "ul",
        "ol",
        "dl",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "colgroup",
        "details",
        "summary",
        "center",
        "fieldset",
        "form",
        "hr",
        "menu",
    }
)
SKIPPED_TAGS = frozenset(
    {
        "script",
        "style",
        "head",
        "noscript",
        "template",
        "nav",
        "iframe",
        "object",
        "svg",
        "select",
        "button",
        "map",
    }
)
SKIPPED_CLASSES = frozenset(
    {
        "navheader",
        "navfooter",
        "toc",
        "list-of-figures",
        "list-of-tables",
        "list-of-examples",
        "list-of-procedures",
        "list-of-equations",
    }
)
CONTAINER_TAGS = frozenset({"div", "aside", "section"})
ADMONITION_CLASSES = frozenset({"note", "warning", "caution", "tip", "important"})
ITALIC_TAGS = frozenset({"em", "i", "cite", "dfn", "var"})
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Ids that DocBook XSL makes up ("d0e3198", "idm140...", "id-1.4.2"): not the same across languages.
GENERATED_ANCHOR = re.compile(r"d\d+e\d+|idm?\d+|id-[\d.]+|ftn\..*")
# The number DocBook prints at the start of a section heading: "1.2. Edit" -> "1.2".
HEADING_NUMBER = re.compile(r"(\d+(?:\.\d+)*|[A-Z](?:\.\d+)+)\.?(?=\s)")
FOOTNOTE_MARK = re.compile(r"\[?(\d+)\]?")


@dataclass
class Context:
    """What an element inherits from where it sits."""

    kind: str = "text"
    in_admonition: bool = False


@dataclass
class HtmlReading:
    """Blocks read so far and the section they go into."""

    keys: UniqueKeys
    chapter: str
    section: str = ""
    blocks: list[Block] = field(default_factory=list)
    counters: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.section = self.chapter

    def add(self, key: str, kind: str, segments: list[Segment], line: int, label: str | None = None) -> None:
        text = block_text(segments, kind)
        if not text:
            return
        italic = is_all_italic(segments)
        self.blocks.append(
            Block(
                text=text,
                line=line,
                key=self.keys.claim(key),
                kind=kind,
                label=label,
                italic=italic,
                italic_lead=None if italic else italic_lead(segments),
            )
        )

    def next_in(self, key: str, counter: str) -> int:
        self.counters[(key, counter)] += 1
        return self.counters[(key, counter)]


def read(path: Path, data: bytes) -> RawDocument:
    name = str(path)
    decoded = decode(data, name)
    root = parse_html(decoded.text.encode("utf-8"), name, encoding="utf-8")
    reading = HtmlReading(keys=UniqueKeys(name), chapter=f"ch:{key_label(path.stem) or 'file'}")
    body = root.find("body")
    walk(body if body is not None else root, reading, Context())
    if not reading.blocks:
        raise InputError(f"{name}: the HTML file has no text outside navigation")
    notes = ([decoded.note] if decoded.note else []) + reading.keys.notes
    return RawDocument(
        path=name,
        format=FORMAT,
        blocks=reading.blocks,
        encoding=decoded.encoding,
        language=document_language(root, path),
        metadata=page_metadata(root),
        notes=notes,
    )


def read_directory(path: Path) -> list[RawDocument]:
    """Every HTML file of a folder, sorted by file name (one RawDocument per chapter)."""
    folder = Path(path)
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder")
    files = sorted(
        item for item in folder.iterdir() if item.is_file() and item.suffix.lower() in HTML_SUFFIXES
    )
    if not files:
        raise InputError(f"{folder}: no HTML files (.html, .htm, .xhtml) in this folder")
    return [read_document(item) for item in files]


def document_language(root: lxml_html.HtmlElement, path: Path) -> str | None:
    """From lang/xml:lang on <html>, else from a folder or file named en/fr."""
    declared = root.get("lang") or root.get(XML_LANG) or ""
    if declared:
        return declared.replace("_", "-").split("-")[0].lower()
    for candidate in (path.parent.name.lower(), path.stem.lower()):
        if candidate in {"en", "fr"}:
            return candidate
    return None


def page_metadata(root: lxml_html.HtmlElement) -> dict[str, str]:
    title = root.find("head/title")
    text = collapse_spaces(title.text_content()) if title is not None else ""
    return {"title": text} if text else {}


def classes(element: lxml_html.HtmlElement) -> set[str]:
    return set((element.get("class") or "").split())


def is_skipped(element: lxml_html.HtmlElement) -> bool:
    if not isinstance(element.tag, str):
        return True
    return (
        element.tag in SKIPPED_TAGS
        or bool(classes(element) & SKIPPED_CLASSES)
        or element.get("role") == "navigation"
    )


def is_blocky(element: lxml_html.HtmlElement) -> bool:
    return element.tag in BLOCK_TAGS or element.tag in LAYOUT_TAGS


def walk(element: lxml_html.HtmlElement, reading: HtmlReading, context: Context) -> None:
    """Emit the text of ``element`` between its block children, and walk those children."""
    if is_footnote(element):
        footnote(element, reading)
        return
    context = enter(element, context)
    kind = "code" if element.tag == "pre" else context.kind
    pending: list[Segment] = []
    add_segment(pending, element.text, False)
    for child in element:
        if is_skipped(child):
            pass
        elif child.tag in HEADING_TAGS and not context.in_admonition:
            flush(pending, kind, element, reading)
            heading(child, reading)
        elif is_blocky(child):
            flush(pending, kind, element, reading)
            walk(child, reading, context)
        else:
            pending += inline_segments(child, False)
        add_segment(pending, child.tail, False)
    flush(pending, kind, element, reading)


def enter(element: lxml_html.HtmlElement, context: Context) -> Context:
    """Inside an admonition (note, warning...) headings are text, not sections."""
    if classes(element) & ADMONITION_CLASSES and element.tag in CONTAINER_TAGS:
        return Context(kind=context.kind, in_admonition=True)
    return context


def is_footnote(element: lxml_html.HtmlElement) -> bool:
    return "footnote" in classes(element) and element.tag in CONTAINER_TAGS


def footnote(element: lxml_html.HtmlElement, reading: HtmlReading) -> None:
    """A footnote body is one block, ``ch:<stem>/fn:<n>`` with n its printed number (DocBook
    numbers footnotes through the whole book): the key superscript references ("³") point to."""
    number = footnote_number(element) or str(reading.next_in(reading.chapter, "fn"))
    segments = contents_segments(element, False, through_blocks=True)
    reading.add(
        join_key(reading.chapter, f"fn:{number}"),
        "footnote",
        segments,
        element.sourceline or 0,
        label=str(number),
    )


def flush(pending: list[Segment], kind: str, element: lxml_html.HtmlElement, reading: HtmlReading) -> None:
    if any(segment.text.strip() for segment in pending):
        key = join_key(reading.section, f"para:{reading.next_in(reading.section, 'para')}")
        reading.add(key, kind, list(pending), element.sourceline or 0)
    pending.clear()


def add_segment(segments: list[Segment], text: str | None, italic: bool) -> None:
    if text:
        segments.append(Segment(text, italic))


def footnote_number(element: lxml_html.HtmlElement) -> str | None:
    for mark in element.iter("sup"):
        number = FOOTNOTE_MARK.fullmatch(collapse_spaces(mark.text_content()))
        if number:
            return number.group(1)
    return None


def inline_segments(
    element: lxml_html.HtmlElement, italic: bool, through_blocks: bool = False
) -> list[Segment]:
    """The text of an inline element and what it contains, marking italics. Block children
    give nothing (they are blocks of their own) unless ``through_blocks``."""
    if is_skipped(element) or (is_blocky(element) and not through_blocks):
        return []
    if element.tag == "br":
        return [Segment("\n", italic)]
    if element.tag == "sup":
        content = element.text_content()
        mark = FOOTNOTE_MARK.fullmatch(collapse_spaces(content))
        if mark:
            spacing = " " if content[-1:].isspace() else ""  # "[1] " opening a footnote body
            return [Segment(superscript(mark.group(1)) + spacing, italic)]
    segments = contents_segments(element, italic or element.tag in ITALIC_TAGS, through_blocks)
    return [Segment(" ", italic), *segments, Segment(" ", italic)] if is_blocky(element) else segments


def contents_segments(
    element: lxml_html.HtmlElement, italic: bool, through_blocks: bool = False
) -> list[Segment]:
    segments: list[Segment] = []
    add_segment(segments, element.text, italic)
    for child in element:
        segments += inline_segments(child, italic, through_blocks)
        add_segment(segments, child.tail, italic)
    return segments


def block_text(segments: list[Segment], kind: str) -> str:
    """Collapsed text; literal blocks keep their lines and indentation."""
    raw = "".join(segment.text for segment in segments)
    if kind != "code":
        return collapse_spaces(raw)
    lines = [line.rstrip() for line in raw.split("\n")]
    return "\n".join(lines).strip("\n")


def heading(element: lxml_html.HtmlElement, reading: HtmlReading) -> None:
    """A heading opens a section: sec:<anchor>, else sec:<printed number>, else h:<n>."""
    segments = contents_segments(element, False)
    text = collapse_spaces("".join(segment.text for segment in segments))
    if not text:
        return
    anchor = heading_anchor(element)
    number = HEADING_NUMBER.match(text)
    if anchor and not GENERATED_ANCHOR.fullmatch(anchor):
        segment = f"sec:{key_label(anchor)}"
    elif number:
        segment = f"sec:{number.group(1)}"
    else:
        segment = f"h:{reading.next_in(reading.chapter, 'h')}"
    reading.section = join_key(reading.chapter, segment)
    reading.add(reading.section, "heading", segments, element.sourceline or 0, label=element.tag[1])


def heading_anchor(element: lxml_html.HtmlElement) -> str | None:
    """The anchor DocBook puts in a heading (not an index term), else the heading's or its
    section's id."""
    for candidate in element.iter():
        if candidate is element or "indexterm" in classes(candidate):
            continue
        anchor = candidate.get("id") or (candidate.get("name") if candidate.tag == "a" else None)
        if anchor:
            return anchor
    if element.get("id"):
        return element.get("id")
    return section_id(element)


def section_id(element: lxml_html.HtmlElement) -> str | None:
    """The id of the section element around a heading (XHTML and HTML5 DocBook output)."""
    for ancestor in element.iterancestors():
        if ancestor.tag == "section" or classes(ancestor) & {
            "section",
            "chapter",
            "appendix",
            "preface",
            "sect1",
            "sect2",
            "sect3",
        }:
            return ancestor.get("id")
        if ancestor.tag == "body":
            break
    return None
