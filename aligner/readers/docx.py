"""Word .docx -> blocks, one per paragraph or table cell, read straight from the zip with lxml.

The text of each block is what a reader of the document sees: list numbering that Word
computes ("1.", "(a)", "iv)", "2.3.1") is worked out and put in front (bullets are not: they
are kept as the block's label), footnote references become superscript digits ("¹") and the
footnotes follow the body as blocks of their own starting with their number, the way PDF
conversions show them.

Headings get kind "heading" and their outline level: from the paragraph's own outline level,
else from its style chain (a style named heading n / Titre n, or the first style in the chain
that sets an outline level; level 9 is body text), else a short paragraph set wholly in bold
is a heading of unknown level (0). Numbered list paragraphs get kind "item" and their label.
A table of contents (TOC styles, the result of a TOC field, a table-of-contents content
control, a line that links to a heading and ends with a tab and a page number) is left out,
with the short title just before it. A table becomes one block per cell (kind "cell",
numbered tables); a one-cell table is only a frame and is read as body.
Text boxes are read once, after the paragraph that anchors them (never their fallback copy).
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from ..errors import InputError
from ..model import Block, RawDocument
from ..profiles import normalized_tag, primary_language
from .inline import Segment, collapse_spaces, is_all_italic, italic_lead, superscript
from .numbering import DEFAULT_BULLET, PRIVATE_USE, Numbering, NumberingCounters, w, w_val
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
# Built-in style names are stored in English whatever the language of Word ("toc 1" has the
# id "TM1" in a French document).
CONTENTS_STYLE = re.compile(
    r"^(?:toc\s*\d|toc\s*heading|table\s*of\s*figures|index\s*\d|index\s*heading)$", re.I
)

CONTENTS_GALLERY = re.compile(r"table of contents", re.I)
CONTENTS_ENTRY_END = re.compile(r"\S\t\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*$", re.I)
BODY_TEXT_OUTLINE_LEVEL = 9
# A paragraph set wholly in bold is a heading when it is this short and does not end like a sentence.
BOLD_HEADING_MAX_CHARS = 120
SENTENCE_END = tuple(".;,:!?")
# The title of a table of contents ("Table des matières", "Contents") is no longer than this.
CONTENTS_TITLE_MAX_CHARS = 60


@dataclass(frozen=True, slots=True)
class Style:
    """One paragraph or character style of styles.xml, as far as reading needs it: its base style, the italic
    and bold it sets (None: its base decides), its outline level, whether it is a title or a table-of-
    contents style, and the list numbering it carries."""

    style_id: str
    name: str
    based_on: str | None
    italic: bool | None
    # 1.. for a heading, BODY_TEXT_OUTLINE_LEVEL + 1 when the style says body text, None
    # when it says nothing (its base decides).
    heading_level: int | None
    is_title: bool
    numbering: tuple[str, int] | None
    bold: bool | None = None
    is_contents: bool = False


@dataclass
class Styles:
    """The document's styles by id, with the language its defaults declare; each property is looked up along
    the chain of base styles."""

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
        """Whether text in the style is italic, from the nearest style in the chain that says (False when none
        does)."""
        return next((style.italic for style in self.chain(style_id) if style.italic is not None), False)

    def heading_level(self, style_id: str | None) -> int | None:
        """The outline level of the nearest style in the chain that sets one (None: body text)."""
        level = next((style.heading_level for style in self.chain(style_id) if style.heading_level), None)
        return level if level is not None and level <= BODY_TEXT_OUTLINE_LEVEL else None

    def bold(self, style_id: str | None) -> bool:
        """Whether text in the style is bold, from the nearest style in the chain that says (False when none
        does)."""
        return next((style.bold for style in self.chain(style_id) if style.bold is not None), False)

    def toggle(self, style_id: str | None, tag: str) -> bool | None:
        """A character property ("i", "b") as the style chain sets it, None if it does not."""
        for style in self.chain(style_id):
            value = {"i": style.italic, "b": style.bold}[tag]
            if value is not None:
                return value
        return None

    def is_contents(self, style_id: str | None) -> bool:
        """A table-of-contents style ("toc 1", "TOC Heading", "table of figures") or one based on it."""
        return any(style.is_contents for style in self.chain(style_id))

    def is_title(self, style_id: str | None) -> bool:
        """Whether the style, or one it is based on, is a Title style."""
        return any(style.is_title for style in self.chain(style_id))

    def numbering(self, style_id: str | None) -> tuple[str, int] | None:
        """The list numbering (numbering id, level) of the nearest style in the chain that sets one, else
        None."""
        return next((style.numbering for style in self.chain(style_id) if style.numbering), None)


@dataclass
class ParagraphText:
    """What one paragraph's runs give: text segments with their italics, the page breaks inside the paragraph,
    and how many characters are bold or belong to a table-of-contents field (to tell bold headings and lost
    contents entries)."""

    segments: list[Segment] = field(default_factory=list)
    page_breaks: int = 0
    bold_chars: int = 0
    # Characters left out because they are the result of a table-of-contents field.
    contents_chars: int = 0

    @property
    def text(self) -> str:
        """The paragraph's text, its segments joined."""
        return "".join(segment.text for segment in self.segments)

    @property
    def all_bold(self) -> bool:
        """Whether every visible character of the paragraph is bold (a heading set by hand rather than by a
        style)."""
        visible = sum(len(segment.text.strip()) for segment in self.segments)
        return visible > 0 and self.bold_chars >= visible


@dataclass
class Field:
    """A complex field being read (w:fldChar begin ... separate ... end)."""

    instruction: str = ""

    @property
    def is_contents(self) -> bool:
        """Whether the field is a table of contents (its instruction starts with TOC): its
        result is left out."""
        return self.instruction.split()[:1] == ["TOC"]


@dataclass
class Reading:
    """What reading one document accumulates: footnote numbers in order of reference, and the
    complex fields open at this point (a TOC field runs over many paragraphs)."""

    styles: Styles
    footnote_numbers: dict[str, int] = field(default_factory=dict)
    current_footnote: str | None = None
    fields: list[Field] = field(default_factory=list)

    def footnote_number(self, footnote_id: str) -> int:
        """The number of a footnote, given in order of first reference (Word numbers footnotes so, whatever
        their ids)."""
        if footnote_id not in self.footnote_numbers:
            self.footnote_numbers[footnote_id] = len(self.footnote_numbers) + 1
        return self.footnote_numbers[footnote_id]

    @property
    def in_contents(self) -> bool:
        """Whether the text being read is inside an open table-of-contents field."""
        return any(open_field.is_contents for open_field in self.fields)


def read(path: Path, data: bytes) -> RawDocument:
    """The blocks of a Word (.docx) file: body paragraphs and table cells in reading order, then the
    referenced footnotes; with the language the styles declare, the title and the declared language tags. A
    damaged or empty file is an InputError."""
    name = str(path)
    archive = check_zip(data, name)
    main_part = main_document_part(archive, name)
    folder = str(PurePosixPath(main_part).parent)
    document = parse_xml(require_member(archive, main_part, name), f"{name}:{main_part}")
    styles_tree = optional_xml(archive, f"{folder}/styles.xml", name)
    styles = read_styles(styles_tree)
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
        metadata={
            **core_metadata(optional_xml(archive, "docProps/core.xml", name)),
            **declared_tags(document, styles_tree),
        },
        paginated=False,
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
    """The bytes of an archive member the document cannot do without; an InputError naming it when it is
    missing."""
    content = read_member(archive, member, name)
    if content is None:
        raise InputError(f"{name}: not a Word document ({member} is missing from the archive)")
    return content


def optional_xml(archive: zipfile.ZipFile, member: str, name: str) -> etree._ElementTree | None:
    """An archive member parsed as XML (through safexml), or None when the archive lacks it."""
    content = read_member(archive, member, name)
    return None if content is None else parse_xml(content, f"{name}:{member}")


def is_on(toggle: etree._Element | None) -> bool | None:
    """A Word on/off property: absent -> None, <w:i/> -> True, <w:i w:val="0"/> -> False."""
    if toggle is None:
        return None
    return (w_val(toggle) or "true").lower() not in FALSE_VALUES


def read_styles(tree: etree._ElementTree | None) -> Styles:
    """The styles of styles.xml by id and the document's declared language (no styles when the part is
    missing)."""
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
    """One w:style element as a ``Style``: what it sets directly, its base left to the chain."""
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
        bold=is_on(element.find(f"{w('rPr')}/{w('b')}")),
        is_contents=bool(CONTENTS_STYLE.match(name.strip())),
    )


def style_heading_level(style_id: str, name: str, outline_level: str | None) -> int | None:
    """The style's own outline level, which Word follows; else the level its name gives."""
    explicit = outline_level_value(outline_level)
    if explicit is not None:
        return explicit
    for candidate in (style_id, name):
        match = HEADING_STYLE.match(candidate.replace(" ", ""))
        if match:
            return int(match.group(1))
    return None


def small_number(text: str | None, digits: int = 4) -> int | None:
    """An attribute that must be a small whole number (a level, an index), or None: it is
    never converted when it is not plain ASCII digits, or too long to be such a number."""
    if text is None or not (text.isascii() and text.isdigit()) or len(text) > digits:
        return None
    return int(text)


def outline_level_value(outline_level: str | None) -> int | None:
    """w:outlineLvl counts from 0 and uses 9 for body text: "0" -> 1, "9" -> 10 (body)."""
    level = small_number(outline_level)
    return None if level is None else min(level, BODY_TEXT_OUTLINE_LEVEL) + 1


def outline_heading_level(outline_level: str | None) -> int | None:
    """The heading level an outline level gives, None for body text."""
    level = outline_level_value(outline_level)
    return level if level is not None and level <= BODY_TEXT_OUTLINE_LEVEL else None


def numbering_reference(num_pr: etree._Element | None) -> tuple[str, int] | None:
    """The (numbering id, level) a w:numPr points to, or None when it names no numbering."""
    if num_pr is None:
        return None
    num_id = w_val(num_pr.find(w("numId")))
    level = w_val(num_pr.find(w("ilvl"))) or "0"
    if not num_id:
        return None
    return num_id, small_number(level) or 0


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
            return primary_language(value)
    return None


def declared_tags(*trees: etree._ElementTree | None) -> dict[str, str]:
    """Every language tag the document and its styles declare (``w:lang w:val``), the most
    used first ("fr-CA en-US"): the pipeline takes the region of the first one in the
    document's language (a template's default may name another language)."""
    counts: Counter[str] = Counter()
    for tree in trees:
        if tree is not None:
            counts.update(
                normalized_tag(value) for lang in tree.getroot().iter(w("lang")) if (value := w_val(lang))
            )
    return {"language_tags": " ".join(tag for tag, _ in counts.most_common())} if counts else {}


def core_metadata(tree: etree._ElementTree | None) -> dict[str, str]:
    """The document's title from docProps/core.xml (dc:title), when it has one."""
    if tree is None:
        return {}
    title = tree.getroot().find(DC_TITLE)
    text = collapse_spaces(title.text or "") if title is not None else ""
    return {"title": text} if text else {}


class BodyReader:
    """Walks the body in reading order and turns paragraphs and table cells into blocks."""

    def __init__(self, reading: Reading, counters: NumberingCounters) -> None:
        self.reading = reading
        self.counters = counters
        self.blocks: list[Block] = []
        self.paragraphs = 0
        self.page = 0
        self.tables = 0
        self.in_contents = False
        self.in_cell = False

    def container(self, element: etree._Element) -> None:
        """The paragraphs and tables of a body, cell, text box or content control, in order."""
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in SKIPPED_SUBTREES or tag == w("sectPr"):
                continue
            if tag == w("p"):
                self.paragraph(child)
            elif tag == w("tbl"):
                self.table(child)
            elif tag == w("sdt") and is_contents_control(child):
                self.skip_contents()
            elif tag == f"{{{MC_NS}}}AlternateContent":
                choice = child.find(f"{{{MC_NS}}}Choice")
                if choice is not None:
                    self.container(choice)
            else:
                self.container(child)

    def paragraph(self, paragraph: etree._Element) -> None:
        """Read one w:p: counts the page breaks before and inside it, leaves out table-of-contents entries,
        and adds its block (a heading inside a table cell is plain text there), then reads the text boxes
        anchored in it."""
        self.paragraphs += 1
        properties = paragraph.find(w("pPr"))
        if is_on(properties.find(w("pageBreakBefore")) if properties is not None else None):
            self.page += 1
        style_id = w_val(properties.find(w("pStyle"))) if properties is not None else None
        content = paragraph_text(paragraph, self.reading)
        if (
            self.reading.styles.is_contents(style_id)
            or (content.contents_chars and not content.text.strip())
            or is_contents_entry(paragraph, content)
        ):
            self.skip_contents()
        else:
            block = paragraph_block(properties, style_id, content, self.reading.styles, self.counters)
            if block is not None:
                if self.in_cell and block.kind == "heading":
                    block.kind, block.level = None, 0
                block.line, block.page = self.paragraphs, self.page
                self.blocks.append(block)
                self.in_contents = False
        self.page += content.page_breaks
        for text_box in text_boxes(paragraph):
            self.container(text_box)

    def skip_contents(self) -> None:
        """A table-of-contents entry is left out; so is the short title just before the first."""
        if not self.in_contents and self.blocks:
            last = self.blocks[-1]
            if last.kind in (None, "heading") and is_contents_title(last.text):
                self.blocks.pop()
        self.in_contents = True

    def table(self, table: etree._Element) -> None:
        """Read a w:tbl: a table of two cells or more gives one block per cell (numbered table, row and
        column); a one-cell frame or a table nested in a cell is read as the text around it."""
        rows = [list(children(row, "tc")) for row in children(table, "tr")]
        cells = [cell for row in rows for cell in row]
        if len(cells) <= 1 or self.in_cell:
            # A frame around text, or a table inside a cell: its text belongs where it is.
            for cell in cells:
                self.container(cell)
            return
        self.tables += 1
        for row_number, row in enumerate(rows, start=1):
            for column_number, cell in enumerate(row, start=1):
                self.cell(cell, self.tables, row_number, column_number)

    def cell(self, cell: etree._Element, table: int, row: int, column: int) -> None:
        """Read one table cell: its paragraphs become one "cell" block, their texts one a line."""
        before = len(self.blocks)
        self.in_cell = True
        try:
            self.container(cell)
        finally:
            self.in_cell = False
        parts = self.blocks[before:]
        del self.blocks[before:]
        text = "\n".join(part.text for part in parts if part.text)
        if text:
            first = parts[0]
            self.blocks.append(
                Block(
                    text=text,
                    line=first.line,
                    kind="cell",
                    page=first.page,
                    table=table,
                    row=row,
                    column=column,
                    italic=first.italic,
                )
            )


def children(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Child elements with ``tag``, looking through content controls and custom XML around them."""
    for child in element:
        if child.tag == w(tag):
            yield child
        elif child.tag in (w("sdt"), w("sdtContent"), w("customXml")):
            yield from children(child, tag)


def text_boxes(paragraph: etree._Element) -> list[etree._Element]:
    """The outermost text boxes anchored in a paragraph, without the fallback copies."""
    found = []
    for box in paragraph.iter(w("txbxContent")):
        ancestors = list(box.iterancestors())
        inside = ancestors[: ancestors.index(paragraph)] if paragraph in ancestors else ancestors
        if any(a.tag == f"{{{MC_NS}}}Fallback" or a.tag == w("txbxContent") for a in inside):
            continue
        found.append(box)
    return found


def is_contents_entry(paragraph: etree._Element, content: ParagraphText) -> bool:
    """A line of a table of contents whose field was lost: a link to a place in the document,
    then a tab and a page number ("2.1 Overview<tab>3")."""
    if not CONTENTS_ENTRY_END.search(content.text):
        return False
    return any(link.get(w("anchor")) for link in paragraph.iter(w("hyperlink")))


def is_contents_control(sdt: etree._Element) -> bool:
    """Whether a content control (w:sdt) is a table-of-contents gallery part, which Word puts around a
    generated table of contents."""
    gallery = sdt.find(f"{w('sdtPr')}/{w('docPartObj')}/{w('docPartGallery')}")
    return gallery is not None and bool(CONTENTS_GALLERY.search(w_val(gallery) or ""))


def is_contents_title(text: str) -> bool:
    """Whether a block could be the title of the table of contents just after it: short, one line, not ending
    like a sentence."""
    return (
        len(text) <= CONTENTS_TITLE_MAX_CHARS
        and not text.rstrip().endswith(SENTENCE_END)
        and "\n" not in text
    )


def body_blocks(root: etree._Element, reading: Reading, counters: NumberingCounters) -> list[Block]:
    """The blocks of the document body (w:body) in reading order."""
    body = root.find(w("body"))
    reader = BodyReader(reading, counters)
    reader.container(body if body is not None else root)
    return reader.blocks


def paragraph_block(
    properties: etree._Element | None,
    style_id: str | None,
    content: ParagraphText,
    styles: Styles,
    counters: NumberingCounters,
) -> Block | None:
    """The block of one paragraph: a heading by its outline level, a title, a list item with the label Word
    prints (bullets shown as one glyph), a bold short line as a heading, else body text with its italics;
    None for an empty paragraph."""
    label, bullet = list_label(properties, style_id, styles, counters)  # empty list items count too
    text = clean_text(content.text)
    if not text:
        return None
    whole_italic = is_all_italic(content.segments)
    kind, level = paragraph_kind(properties, style_id, styles)
    if kind is None and label:
        kind = "item"
    elif kind is None and not label and content.all_bold and is_bold_heading(text):
        kind = "heading"
    return Block(
        text=f"{label} {text}" if label and not bullet else text,
        kind=kind,
        label=label,
        level=level,
        italic=whole_italic,
        italic_lead=None if whole_italic else italic_lead(content.segments),
    )


def is_bold_heading(text: str) -> bool:
    """Whether a paragraph set wholly in bold reads as a heading: short, one line, not ending
    like a sentence."""
    return len(text) <= BOLD_HEADING_MAX_CHARS and not text.endswith(SENTENCE_END) and "\n" not in text


def paragraph_kind(
    properties: etree._Element | None, style_id: str | None, styles: Styles
) -> tuple[str | None, int]:
    """("heading", level) from the paragraph's outline level or its style's, else ("title", 0)
    for a Title style, else (None, 0)."""
    outline = w_val(properties.find(w("outlineLvl"))) if properties is not None else None
    direct = outline_level_value(outline)
    level = outline_heading_level(outline) if direct is not None else styles.heading_level(style_id)
    if level:
        return "heading", level
    return ("title", 0) if styles.is_title(style_id) else (None, 0)


def list_label(
    properties: etree._Element | None, style_id: str | None, styles: Styles, counters: NumberingCounters
) -> tuple[str | None, bool]:
    """The number Word prints before a list paragraph, from its own or its style's numbering,
    and whether it is a bullet (then "•", whatever glyph the list uses)."""
    direct = numbering_reference(properties.find(w("numPr"))) if properties is not None else None
    reference = direct or styles.numbering(style_id)
    if reference is None:
        return None, False
    label = counters.next_label(*reference) or None
    if counters.is_bullet(*reference):
        return DEFAULT_BULLET, True  # whatever the glyph ("o", "§" in a symbol font)
    return label, False


def clean_text(text: str) -> str:
    """Tabs become spaces, spaces are collapsed, line breaks inside a paragraph are kept."""
    lines = [collapse_spaces(line) for line in text.replace("\t", " ").split("\n")]
    return "\n".join(line for line in lines if line)


def paragraph_text(paragraph: etree._Element, reading: Reading) -> ParagraphText:
    """The text and italics of a paragraph's runs, with the bold characters, page breaks and table-of-contents
    characters counted (see ``ParagraphText``)."""
    content = ParagraphText()
    properties = paragraph.find(w("pPr"))
    style_id = w_val(properties.find(w("pStyle"))) if properties is not None else None
    paragraph_italic = reading.styles.italic(style_id)
    paragraph_bold = reading.styles.bold(style_id)
    for run in paragraph_runs(paragraph):
        italic = run_toggle(run, "i", reading.styles, paragraph_italic)
        bold = run_toggle(run, "b", reading.styles, paragraph_bold)
        for part in run:
            text = run_part_text(part, reading, content)
            if not text:
                continue
            if reading.in_contents:
                content.contents_chars += len(text)
                continue
            content.segments.append(Segment(text, italic))
            if bold:
                content.bold_chars += len(text.strip())
    return content


def paragraph_runs(element: etree._Element) -> Iterator[etree._Element]:
    """The runs of a paragraph, through hyperlinks, fields and insertions, skipping deletions
    and simple TOC fields."""
    for sub in element:
        if not isinstance(sub.tag, str) or sub.tag in SKIPPED_SUBTREES or sub.tag == w("p"):
            continue
        if sub.tag == w("fldSimple") and Field(w_val(sub, "instr") or "").is_contents:
            continue
        if sub.tag == w("r"):
            yield sub
        else:
            yield from paragraph_runs(sub)


def run_toggle(run: etree._Element, tag: str, styles: Styles, inherited: bool) -> bool:
    """A run's on/off property: set on the run, else by its character style, else inherited."""
    properties = run.find(w("rPr"))
    if properties is not None:
        direct = is_on(properties.find(w(tag)))
        if direct is not None:
            return direct
        from_style = styles.toggle(w_val(properties.find(w("rStyle"))), tag)
        if from_style is not None:
            return from_style
    return inherited


def run_part_text(part: etree._Element, reading: Reading, content: ParagraphText) -> str:
    """The text one child of a run contributes; page breaks are counted on ``content`` and
    complex fields followed on ``reading``."""
    tag = part.tag
    if tag == w("t"):
        return part.text or ""
    if tag == w("fldChar"):
        follow_field(w_val(part, "fldCharType"), reading)
        return ""
    if tag == w("instrText"):
        if reading.fields:
            reading.fields[-1].instruction += part.text or ""
        return ""
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


def follow_field(char_type: str | None, reading: Reading) -> None:
    """Open a complex field at its begin mark and close the innermost at its end mark, so that a table-of-
    contents field can be left out across paragraphs."""
    if char_type == "begin":
        reading.fields.append(Field())
    elif char_type == "end" and reading.fields:
        reading.fields.pop()


def symbol_text(symbol: etree._Element) -> str:
    """The character a w:sym element stands for (its hexadecimal code), none for a private-use code (a symbol
    font's glyph, which means nothing as text)."""
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
    """The text of one footnote's paragraphs, joined by a space; its own reference mark reads as the
    footnote's number."""
    reading.current_footnote = footnote_id
    try:
        texts = [clean_text(paragraph_text(paragraph, reading).text) for paragraph in note.iter(w("p"))]
    finally:
        reading.current_footnote = None
    return collapse_spaces(" ".join(text for text in texts if text))
