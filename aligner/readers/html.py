"""HTML whose structure is given by headings and anchors (DocBook output such as the OmegaT
manual, a government web page, any page with h1..h6) -> keyed blocks.

Only the main content is read: the ``main`` element (or ``role="main"``, or the one
``article``) when the page has one, else the densest block when what lies around it is
mostly links, else the body; navigation is left out wherever it is
(``nav``, menus, ``role="navigation"``, breadcrumbs, skip links, DocBook navheader/navfooter,
tables of contents, the page's own header and footer, a list whose every item is a link to
an anchor of the page), and so are scripts and styles.

Keys are never made from the file name, which differs between languages (fr.html, en.html).
A heading opens a section keyed by its anchor, ``id:<anchor>`` (the ``<a name>``/``id`` in
the heading or on its section; DocBook's are the same in both languages, a web page's may be
slugs of the translated title, and ``id`` labels are names, paired when equal and by content
otherwise). Anchors that DocBook generates ("d0e3198") differ between languages, so such a
heading is keyed by its printed number instead (``sec:1.2``), or by position (``h:<n>``).
Content blocks (p, li, dt, dd, table cells, admonitions) are ``<section>/para:<n>``; literal
blocks (pre) have kind "code"; a footnote is one block ``fn:<printed number>``. Headings have
kind "heading" and their level ("1".."6") as label. In a folder of chapters the first heading
of each file is its chapter, ``ch:<anchor or printed number>``, and the file's other keys are
under it (``ch:chapter.menu/id:main.menu/para:2``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import html as lxml_html

from ..errors import InputError
from ..files import MAX_INPUT_ENV, check_input, check_input_folder, max_input_bytes
from ..model import Block, RawDocument
from ..profiles import is_language_code, primary_language
from . import read_bytes
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
# Words in a class or id that name navigation ("breadcrumb", "skip-links", "wb-sm" menus are
# called "menu"...), compared with the class's parts split at "-" and "_".
NAVIGATION_WORDS = frozenset(
    {
        "breadcrumb",
        "breadcrumbs",
        "skip",
        "skiplink",
        "skiplinks",
        "navbar",
        "nav",
        "navigation",
        "menu",
        "pager",
        "pagination",
    }
)
# Ids of the page's parts around the content, in pages laid out with divs.
NAVIGATION_IDS = NAVIGATION_WORDS | {"header", "footer", "sidebar", "banner", "masthead"}
NAVIGATION_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menu", "menubar"})
# The page's header and footer, unless they belong to an article or section of the content.
PAGE_FURNITURE_TAGS = frozenset({"header", "footer"})
CONTENT_ANCESTORS = frozenset({"article", "section", "main"})
LISTS = frozenset({"ul", "ol", "dl", "menu"})
CONTAINER_TAGS = frozenset({"div", "aside", "section"})
ADMONITION_CLASSES = frozenset({"note", "warning", "caution", "tip", "important"})
ITALIC_TAGS = frozenset({"em", "i", "cite", "dfn", "var"})
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Ids that DocBook XSL makes up ("d0e3198", "idm140...", "id-1.4.2"): not the same across languages.
GENERATED_ANCHOR = re.compile(r"d\d+e\d+|idm?\d+|id-[\d.]+|ftn\..*")
# The number DocBook prints at the start of a section heading: "1.2. Edit" -> "1.2".
HEADING_NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)*|[A-Z](?:\.\d+)+)\.?(?=\s)")
FOOTNOTE_MARK = re.compile(r"\[?(\d+)\]?")
# The number a chapter's title prints after its word: "Chapter 5. Menus", "Annexe B".
CHAPTER_NUMBER = re.compile(r"^[^\W\d_]+\s+(\d{1,3}|[A-Z]|[IVXLC]{1,7})\b")


@dataclass
class Context:
    """What an element inherits from where it sits."""

    kind: str = "text"
    in_admonition: bool = False


@dataclass
class HtmlReading:
    """Blocks read so far and the section they go into. In a folder of chapters ``chapter``
    is the chapter's key and ``chapter_heading`` the heading that gives it."""

    keys: UniqueKeys
    chapter: str = ""
    chapter_heading: lxml_html.HtmlElement | None = None
    section: str = ""
    blocks: list[Block] = field(default_factory=list)
    counters: Counter[tuple[str, str]] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.section = self.chapter

    def add(self, key: str, kind: str, segments: list[Segment], line: int, label: str | None = None) -> None:
        """Add a block of ``segments`` under ``key`` (made unique if taken), with its italics;
        segments with no text add nothing."""
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
        """The next number of ``counter`` under ``key`` (from 1): the position of an unnumbered
        paragraph or footnote among its siblings."""
        self.counters[(key, counter)] += 1
        return self.counters[(key, counter)]


def read(path: Path, data: bytes) -> RawDocument:
    """The blocks of one HTML page (see ``read_page``)."""
    return read_page(path, data)


def read_page(path: Path, data: bytes, chapter_number: int | None = None) -> RawDocument:
    """One page; as a chapter of a folder when ``chapter_number`` (its place in the folder) is given."""
    name = str(path)
    decoded = decode(data, name)
    root = parse_html(decoded.text.encode("utf-8"), name, encoding="utf-8")
    body = root.find("body")
    content = main_content(body if body is not None else root)
    reading = HtmlReading(keys=UniqueKeys(name))
    if chapter_number is not None:
        reading.chapter_heading = first_heading(content)
        reading.chapter = reading.section = chapter_key(reading.chapter_heading, chapter_number)
    walk(content, reading, Context())
    if not reading.blocks:
        raise InputError(f"{name}: the HTML file has no text outside navigation")
    notes = ([decoded.note] if decoded.note else []) + reading.keys.notes
    return RawDocument(
        path=name,
        format=FORMAT,
        blocks=reading.blocks,
        encoding=decoded.encoding,
        language=document_language(root, path),
        metadata={**page_metadata(root), **declared_tags(root)},
        notes=notes,
    )


def read_directory(path: Path) -> list[RawDocument]:
    """Every HTML file of a folder, sorted by file name, each a chapter (one RawDocument each)."""
    folder = Path(path)
    check_input_folder(folder)
    files = sorted(
        # Not only regular files: a pipe or device named like a page is refused, not skipped.
        item
        for item in folder.iterdir()
        if not item.is_dir() and item.suffix.lower() in HTML_SUFFIXES
    )
    if not files:
        raise InputError(f"{folder}: no HTML files (.html, .htm, .xhtml) in this folder")
    total = sum(check_input(item).st_size for item in files)
    if total > max_input_bytes():
        raise InputError(
            f"{folder}: its HTML files make {total / 1e6:.1f} MB, over the input size limit of "
            f"{max_input_bytes() / 1e6:.1f} MB (raise it with {MAX_INPUT_ENV} or aligner --max-input-mb)"
        )
    return [read_page(item, read_bytes(item), chapter_number=number) for number, item in enumerate(files, 1)]


def main_content(body: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """The ``main`` element (or ``role="main"``), else the page's only ``article``, else the
    densest block of the body (see ``densest_block``)."""
    for candidate in body.iter():
        if isinstance(candidate.tag, str) and (candidate.tag == "main" or candidate.get("role") == "main"):
            return candidate
    articles = [
        element
        for element in body.iter("article")
        if not any(a.tag == "article" for a in element.iterancestors())
    ]
    return articles[0] if len(articles) == 1 else densest_block(body)


# A block holds the content when it has this share of its parent's text outside links...
DENSE_SHARE = 0.8
# ... and what is left around it is mostly link text (menus, link lists, footers).
LINKS_AROUND = 0.5


def densest_block(body: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """The innermost block that holds most of the page's text outside links, when what it
    leaves out is mostly links; else the body, so that no real text is ever lost."""
    sizes: dict[lxml_html.HtmlElement, tuple[int, int]] = {}
    total, total_links = text_sizes(body, sizes)

    def prose(element: lxml_html.HtmlElement) -> int:
        text, links = sizes[element]
        return text - links

    block = body
    while True:
        children = [child for child in block if child in sizes and child.tag in CONTAINER_TAGS | {"article"}]
        largest = max(children, key=prose, default=None)
        if largest is None or prose(largest) < DENSE_SHARE * prose(block):
            break
        block = largest
    if block is body:
        return body
    inside, inside_links = sizes[block]
    around, around_links = total - inside, total_links - inside_links
    return block if around == 0 or around_links >= LINKS_AROUND * around else body


def text_sizes(
    element: lxml_html.HtmlElement, sizes: dict[Any, tuple[int, int]], in_link: bool = False
) -> tuple[int, int]:
    """Characters of text that would be read under ``element``, and how many are link text
    (each element's pair is stored in ``sizes``)."""
    if is_skipped(element):
        return 0, 0
    in_link = in_link or element.tag == "a"
    own = len((element.text or "").strip())
    text, links = own, own if in_link else 0
    for child in element:
        child_text, child_links = text_sizes(child, sizes, in_link) if isinstance(child.tag, str) else (0, 0)
        tail = len((child.tail or "").strip())
        text += child_text + tail
        links += child_links + (tail if in_link else 0)
    sizes[element] = (text, links)
    return text, links


def first_heading(content: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The first heading that would be read (not in navigation or an admonition)."""
    for element in content.iter(*HEADING_TAGS):
        if not any(is_skipped(ancestor) for ancestor in [element, *element.iterancestors()]):
            return element
    return None


def chapter_key(heading: lxml_html.HtmlElement | None, number: int) -> str:
    """``ch:<anchor>`` from the chapter's first heading, else ``ch:<printed number>``
    ("Chapter 5. Menus" -> ``ch:5``), else the file's place in the folder."""
    if heading is not None:
        anchor = heading_anchor(heading)
        if anchor and not GENERATED_ANCHOR.fullmatch(anchor):
            return f"ch:{key_label(anchor)}"
        printed = CHAPTER_NUMBER.match(collapse_spaces(heading.text_content()))
        if printed:
            return f"ch:{printed.group(1)}"
    return f"ch:{number}"


def document_language(root: lxml_html.HtmlElement, path: Path) -> str | None:
    """From lang/xml:lang on <html>, else from a folder or file named en/fr."""
    declared = root.get("lang") or root.get(XML_LANG) or ""
    if declared:
        return primary_language(declared)
    for candidate in (path.parent.name.lower(), path.stem.lower()):
        if is_language_code(candidate):
            return candidate
    return None


def declared_tags(root: lxml_html.HtmlElement) -> dict[str, str]:
    """The full language tag declared on <html> ("fr-CA"), for the document's locale."""
    declared = (root.get("lang") or root.get(XML_LANG) or "").strip()
    return {"language_tags": declared} if declared else {}


def page_metadata(root: lxml_html.HtmlElement) -> dict[str, str]:
    """The page's <title>, as metadata, when it has one."""
    title = root.find("head/title")
    text = collapse_spaces(title.text_content()) if title is not None else ""
    return {"title": text} if text else {}


def classes(element: lxml_html.HtmlElement) -> set[str]:
    """The element's CSS classes."""
    return set((element.get("class") or "").split())


def is_skipped(element: lxml_html.HtmlElement) -> bool:
    """Whether an element is not content: scripts and styles, navigation (by role, class or id), the
    page's own header and footer, an in-page table of contents or skip links."""
    if not isinstance(element.tag, str):
        return True
    return (
        element.tag in SKIPPED_TAGS
        or bool(classes(element) & SKIPPED_CLASSES)
        or element.get("role") in NAVIGATION_ROLES
        or names_navigation(element)
        or (element.tag in PAGE_FURNITURE_TAGS and is_page_level(element))
        or (element.tag in LISTS and is_anchor_list(element))
    )


def names_navigation(element: lxml_html.HtmlElement) -> bool:
    """A class that says navigation ("breadcrumb", "skip-links", "main-menu"), or an id that
    is only such a word or names the page's header or footer ("nav", "breadcrumbs", "footer"):
    ids of content sections may contain "menu"."""
    class_words = set(re.split(r"[\s_-]+", (element.get("class") or "").lower()))
    element_id = re.sub(r"[\s_-]+", "", (element.get("id") or "").lower())
    return bool(class_words & NAVIGATION_WORDS) or element_id in NAVIGATION_IDS


def is_page_level(element: lxml_html.HtmlElement) -> bool:
    """A header or footer of the page, not of an article or section of its content."""
    return not any(ancestor.tag in CONTENT_ANCESTORS for ancestor in element.iterancestors())


def is_anchor_list(element: lxml_html.HtmlElement) -> bool:
    """A list whose every item is only a link to an anchor of the page: an in-page table of
    contents, or the skip links at the top of a page."""
    items = [item for item in element.iter("li", "dt", "dd") if collapse_spaces(item.text_content())]
    if not items:
        return False
    for item in items:
        own_links = [link for link in item.iter("a") if link.get("href")]
        linked = "".join(link.text_content() for link in own_links)
        nested = "".join(sub.text_content() for sub in item.iter("ul", "ol", "dl") if sub is not item)
        if not own_links or not all(link.get("href", "").startswith("#") for link in own_links):
            return False
        if collapse_spaces(item.text_content()) != collapse_spaces(linked) and not nested:
            return False
    return True


def is_blocky(element: lxml_html.HtmlElement) -> bool:
    """Whether an element starts a block of its own (a paragraph, a list item, a table cell, a
    layout container) rather than running inside one."""
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
    """Whether an element is a footnote body (a container with the class "footnote", as DocBook
    writes them)."""
    return "footnote" in classes(element) and element.tag in CONTAINER_TAGS


def footnote(element: lxml_html.HtmlElement, reading: HtmlReading) -> None:
    """A footnote body is one block, ``fn:<n>`` (in a chapter ``ch:<x>/fn:<n>``) with n its
    printed number (DocBook numbers footnotes through the whole book): the key superscript
    references ("³") point to."""
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
    """Add the text gathered so far as one paragraph of the current section, numbered by position,
    and start over."""
    if any(segment.text.strip() for segment in pending):
        key = join_key(reading.section, f"para:{reading.next_in(reading.section, 'para')}")
        reading.add(key, kind, list(pending), element.sourceline or 0)
    pending.clear()


def add_segment(segments: list[Segment], text: str | None, italic: bool) -> None:
    """Append ``text`` to ``segments`` as a segment of that italics, if there is any text."""
    if text:
        segments.append(Segment(text, italic))


def footnote_number(element: lxml_html.HtmlElement) -> str | None:
    """The number a footnote body prints in its first superscript mark ("[3]", "3"), or None."""
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
    """The text of an element and of its inline children, in order, with their italics."""
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
    """A heading opens a section: id:<anchor>, else sec:<printed number>, else h:<n>; the
    heading of a chapter is the chapter (its key is the chapter's)."""
    segments = contents_segments(element, False)
    text = collapse_spaces("".join(segment.text for segment in segments))
    if not text:
        return
    if reading.chapter_heading is not None and element is reading.chapter_heading:
        reading.section = reading.chapter
        reading.add(reading.chapter, "heading", segments, element.sourceline or 0, label=element.tag[1])
        return
    anchor = heading_anchor(element)
    number = HEADING_NUMBER.match(text)
    if anchor and not GENERATED_ANCHOR.fullmatch(anchor):
        segment = f"id:{key_label(anchor)}"
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
        anchor: str | None = candidate.get("id") or (candidate.get("name") if candidate.tag == "a" else None)
        if anchor:
            return anchor
    own: str | None = element.get("id")
    return own or section_id(element)


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
            found: str | None = ancestor.get("id")
            return found
        if ancestor.tag == "body":
            break
    return None
