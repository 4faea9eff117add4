"""Word .docx -> blocks, one per paragraph, read straight from the zip with lxml.

The text of each block is what a reader of the document sees: list numbering that Word
computes ("1.", "(a)", "iv)") is worked out and put in front, footnote references become
superscript digits ("¹") and the footnotes follow the body as blocks of their own starting
with their number, the way PDF conversions show them. Headings (Heading 1..n, Titre 1..n
or an outline level) get kind "heading"; other blocks are left for ``structure`` to parse.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from ..errors import InputError
from ..model import Block, RawDocument
from .inline import Segment, collapse_spaces, is_all_italic, italic_lead, superscript
from .numbering import PRIVATE_USE, Numbering, NumberingCounters, w, w_val
from .safexml import check_zip, parse_xml, read_member

FORMAT = "docx"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
OFFICE_DOCUMENT_REL = "/officeDocument"


# Subtrees whose text is not part of the paragraph that holds them: deleted text, the
# fallback copy of alternate content, and text boxes (read as paragraphs of their own).
SKIPPED_SUBTREES = frozenset(
    {w("del"), w("moveFrom"), w("txbxContent"), w("pPr"), w("rPr"), f"{{{MC_NS}}}Fallback"}
)
FALSE_VALUES = frozenset({"0", "false", "off", "none"})
HEADING_STYLE = re.compile(r"^(?:heading|titre|überschrift|titolo|título)\s*(\d)$", re.IGNORECASE)
TITLE_STYLE = re.compile(r"^(?:title|titre)$", re.IGNORECASE)
BODY_TEXT_OUTLINE_LEVEL = 9


@dataclass(frozen=True, slots=True)
class Style:
    style_id: str
    name: str
    based_on: str | None
    italic: bool | None
    heading_level: int | None
    is_title: bool
    numbering: tuple[str, int] | None


@dataclass
class Styles:
    by_id: dict[str, Style] = field(default_factory=dict)
    language: str | None = None

    def chain(self, style_id: str | None) -> Iterator[Style]:
        """The style and those it is based on, nearest first (cycles are cut)."""
        seen: set[str] = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            style_id = style.based_on

    def italic(self, style_id: str | None) -> bool:
        return next((style.italic for style in self.chain(style_id) if style.italic is not None), False)

    def heading_level(self, style_id: str | None) -> int | None:
        return next((style.heading_level for style in self.chain(style_id) if style.heading_level), None)

    def is_title(self, style_id: str | None) -> bool:
        return any(style.is_title for style in self.chain(style_id))

    def numbering(self, style_id: str | None) -> tuple[str, int] | None:
        return next((style.numbering for style in self.chain(style_id) if style.numbering), None)


@dataclass
class ParagraphText:
    segments: list[Segment] = field(default_factory=list)
    page_breaks: int = 0

    @property
    def text(self) -> str:
        return "".join(segment.text for segment in self.segments)


@dataclass
class Reading:
    """What reading one document accumulates: footnote numbers in order of reference."""

    styles: Styles
    footnote_numbers: dict[str, int] = field(default_factory=dict)
    current_footnote: str | None = None

    def footnote_number(self, footnote_id: str) -> int:
        if footnote_id not in self.footnote_numbers:
            self.footnote_numbers[footnote_id] = len(self.footnote_numbers) + 1
        return self.footnote_numbers[footnote_id]


def read(path: Path, data: bytes) -> RawDocument:
    name = str(path)
    archive = check_zip(data, name)
    main_part = main_document_part(archive, name)
    folder = str(PurePosixPath(main_part).parent)
    document = parse_xml(require_member(archive, main_part, name), f"{name}:{main_part}")
    styles = read_styles(optional_xml(archive, f"{folder}/styles.xml", name))
    numbering = Numbering.from_xml(optional_xml(archive, f"{folder}/numbering.xml", name))
    reading = Reading(styles=styles)
    blocks = body_blocks(document.getroot(), reading, NumberingCounters(numbering))
    blocks += footnote_blocks(optional_xml(archive, f"{folder}/footnotes.xml", name), reading, len(blocks))
    if not blocks:
        raise InputError(f"{name}: the Word document has no text")
    return RawDocument(
        path=name,
        format=FORMAT,
        blocks=blocks,
        encoding="utf-8",
        language=styles.language,
        metadata=core_metadata(optional_xml(archive, "docProps/core.xml", name)),
    )


def main_document_part(archive: zipfile.ZipFile, name: str) -> str:
    """The main part named by the package relationships (almost always word/document.xml)."""
    relationships = optional_xml(archive, "_rels/.rels", name)
    if relationships is not None:
        for relationship in relationships.getroot():
            if (relationship.get("Type") or "").endswith(OFFICE_DOCUMENT_REL):
                return (relationship.get("Target") or "").lstrip("/")
    return "word/document.xml"


def require_member(archive: zipfile.ZipFile, member: str, name: str) -> bytes:
    content = read_member(archive, member, name)
    if content is None:
        raise InputError(f"{name}: not a Word document ({member} is missing from the archive)")
    return content


def optional_xml(archive: zipfile.ZipFile, member: str, name: str) -> etree._ElementTree | None:
    content = read_member(archive, member, name)
    return None if content is None else parse_xml(content, f"{name}:{member}")


def is_on(toggle: etree._Element | None) -> bool | None:
    """A Word on/off property: absent -> None, <w:i/> -> True, <w:i w:val="0"/> -> False."""
    if toggle is None:
        return None
    return (w_val(toggle) or "true").lower() not in FALSE_VALUES


def read_styles(tree: etree._ElementTree | None) -> Styles:
    styles = Styles()
    if tree is None:
        return styles
    root = tree.getroot()
    for element in root.iter(w("style")):
        style = read_style(element)
        styles.by_id[style.style_id] = style
    styles.language = document_language(root, styles)
    return styles


def read_style(element: etree._Element) -> Style:
    style_id = w_val(element, "styleId") or ""
    name = w_val(element.find(w("name"))) or style_id
    outline = w_val(element.find(f"{w('pPr')}/{w('outlineLvl')}"))
    return Style(
        style_id=style_id,
        name=name,
        based_on=w_val(element.find(w("basedOn"))),
        italic=is_on(element.find(f"{w('rPr')}/{w('i')}")),
        heading_level=style_heading_level(style_id, name, outline),
        is_title=bool(TITLE_STYLE.match(style_id) or TITLE_STYLE.match(name)),
        numbering=numbering_reference(element.find(f"{w('pPr')}/{w('numPr')}")),
    )


def style_heading_level(style_id: str, name: str, outline_level: str | None) -> int | None:
    for candidate in (style_id, name):
        match = HEADING_STYLE.match(candidate.replace(" ", ""))
        if match:
            return int(match.group(1))
    return outline_heading_level(outline_level)


def outline_heading_level(outline_level: str | None) -> int | None:
    """w:outlineLvl counts from 0 and uses 9 for body text."""
    if outline_level is None or not outline_level.isdigit():
        return None
    level = int(outline_level)
    return level + 1 if level < BODY_TEXT_OUTLINE_LEVEL else None


def numbering_reference(num_pr: etree._Element | None) -> tuple[str, int] | None:
    if num_pr is None:
        return None
    num_id = w_val(num_pr.find(w("numId")))
    level = w_val(num_pr.find(w("ilvl"))) or "0"
    if not num_id:
        return None
    return num_id, int(level) if level.isdigit() else 0


def document_language(root: etree._Element, styles: Styles) -> str | None:
    """The language of the default run properties, else of the Normal style ("fr-FR" -> "fr")."""
    candidates = [root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}")]
    candidates += [
        style_element.find(f"{w('rPr')}/{w('lang')}")
        for style_element in root.iter(w("style"))
        if w_val(style_element, "default") in {"1", "true"} and w_val(style_element, "type") == "paragraph"
    ]
    for lang in candidates:
        value = w_val(lang)
        if value:
            return value.replace("_", "-").split("-")[0].lower()
    return None


def core_metadata(tree: etree._ElementTree | None) -> dict[str, str]:
    if tree is None:
        return {}
    title = tree.getroot().find(DC_TITLE)
    text = collapse_spaces(title.text or "") if title is not None else ""
    return {"title": text} if text else {}


def body_paragraphs(element: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs in reading order, text-box paragraphs after the one that anchors them."""
    for sub in element:
        if not isinstance(sub.tag, str) or sub.tag == f"{{{MC_NS}}}Fallback":
            continue
        if sub.tag == w("p"):
            yield sub
        yield from body_paragraphs(sub)


def body_blocks(root: etree._Element, reading: Reading, counters: NumberingCounters) -> list[Block]:
    body = root.find(w("body"))
    blocks: list[Block] = []
    page = 0
    for number, paragraph in enumerate(body_paragraphs(body if body is not None else root), start=1):
        properties = paragraph.find(w("pPr"))
        if is_on(properties.find(w("pageBreakBefore")) if properties is not None else None):
            page += 1
        content = paragraph_text(paragraph, reading)
        block = paragraph_block(paragraph, content, reading.styles, counters)
        if block is not None:
            block.line, block.page = number, page
            blocks.append(block)
        page += content.page_breaks
    return blocks


def paragraph_block(
    paragraph: etree._Element, content: ParagraphText, styles: Styles, counters: NumberingCounters
) -> Block | None:
    properties = paragraph.find(w("pPr"))
    style_id = w_val(properties.find(w("pStyle"))) if properties is not None else None
    label = list_label(properties, style_id, styles, counters)  # empty list items count too
    text = clean_text(content.text)
    if not text:
        return None
    whole_italic = is_all_italic(content.segments)
    return Block(
        text=f"{label} {text}" if label else text,
        kind=paragraph_kind(properties, style_id, styles),
        label=label,
        italic=whole_italic,
        italic_lead=None if whole_italic else italic_lead(content.segments),
    )


def paragraph_kind(properties: etree._Element | None, style_id: str | None, styles: Styles) -> str | None:
    outline = w_val(properties.find(w("outlineLvl"))) if properties is not None else None
    if styles.heading_level(style_id) or outline_heading_level(outline):
        return "heading"
    return "title" if styles.is_title(style_id) else None


def list_label(
    properties: etree._Element | None, style_id: str | None, styles: Styles, counters: NumberingCounters
) -> str | None:
    """The number Word prints before a list paragraph, from its own or its style's numbering."""
    direct = numbering_reference(properties.find(w("numPr"))) if properties is not None else None
    reference = direct or styles.numbering(style_id)
    if reference is None:
        return None
    return counters.next_label(*reference) or None


def clean_text(text: str) -> str:
    """Tabs become spaces, spaces are collapsed, line breaks inside a paragraph are kept."""
    lines = [collapse_spaces(line) for line in text.replace("\t", " ").split("\n")]
    return "\n".join(line for line in lines if line)


def paragraph_text(paragraph: etree._Element, reading: Reading) -> ParagraphText:
    content = ParagraphText()
    properties = paragraph.find(w("pPr"))
    style_id = w_val(properties.find(w("pStyle"))) if properties is not None else None
    paragraph_italic = reading.styles.italic(style_id)
    for run in paragraph_runs(paragraph):
        italic = run_italic(run, reading.styles, paragraph_italic)
        for part in run:
            text = run_part_text(part, reading, content)
            if text:
                content.segments.append(Segment(text, italic))
    return content


def paragraph_runs(element: etree._Element) -> Iterator[etree._Element]:
    """The runs of a paragraph, through hyperlinks, fields and insertions, skipping deletions."""
    for sub in element:
        if not isinstance(sub.tag, str) or sub.tag in SKIPPED_SUBTREES or sub.tag == w("p"):
            continue
        if sub.tag == w("r"):
            yield sub
        else:
            yield from paragraph_runs(sub)


def run_italic(run: etree._Element, styles: Styles, paragraph_italic: bool) -> bool:
    properties = run.find(w("rPr"))
    if properties is not None:
        direct = is_on(properties.find(w("i")))
        if direct is not None:
            return direct
        run_style = w_val(properties.find(w("rStyle")))
        if run_style and any(style.italic is not None for style in styles.chain(run_style)):
            return styles.italic(run_style)
    return paragraph_italic


def run_part_text(part: etree._Element, reading: Reading, content: ParagraphText) -> str:
    """The text one child of a run contributes; page breaks are counted on ``content``."""
    tag = part.tag
    if tag == w("t"):
        return part.text or ""
    if tag in (w("tab"), w("ptab")):
        return "\t"
    if tag == w("br"):
        if w_val(part, "type") == "page":
            content.page_breaks += 1
            return ""
        return "\n"
    if tag == w("cr"):
        return "\n"
    if tag == w("noBreakHyphen"):
        return "-"
    if tag == w("sym"):
        return symbol_text(part)
    if tag == w("footnoteReference"):
        return superscript(reading.footnote_number(w_val(part, "id") or ""))
    if tag == w("footnoteRef") and reading.current_footnote is not None:
        return superscript(reading.footnote_number(reading.current_footnote))
    return ""


def symbol_text(symbol: etree._Element) -> str:
    try:
        code = int(w_val(symbol, "char") or "", 16)
    except ValueError:
        return ""
    return "" if code in PRIVATE_USE or not 0x20 <= code <= 0x10FFFF else chr(code)


def footnote_blocks(tree: etree._ElementTree | None, reading: Reading, body_count: int) -> list[Block]:
    """Referenced footnotes in the order of their numbers, each one block: "¹ Text…"."""
    if tree is None or not reading.footnote_numbers:
        return []
    notes = {
        w_val(note, "id"): note
        for note in tree.getroot().iter(w("footnote"))
        if w_val(note, "type") in (None, "normal")
    }
    blocks: list[Block] = []
    for footnote_id, number in sorted(reading.footnote_numbers.items(), key=lambda item: item[1]):
        note = notes.get(footnote_id)
        if note is None:
            continue
        text = footnote_text(note, footnote_id, reading)
        mark = superscript(number)
        if not text.startswith(mark):
            text = f"{mark} {text}"
        blocks.append(Block(text=text, kind="footnote", label=str(number), line=body_count + number))
    return blocks


def footnote_text(note: etree._Element, footnote_id: str, reading: Reading) -> str:
    reading.current_footnote = footnote_id
    try:
        texts = [clean_text(paragraph_text(paragraph, reading).text) for paragraph in note.iter(w("p"))]
    finally:
        reading.current_footnote = None
    return collapse_spaces(" ".join(text for text in texts if text))
