"""PDF -> blocks, read with pdfium (pypdfium2) from the characters and their layout.

Why pdfium. Measured on the shared real PDFs (a 92-page Word report, a 17-page PowerPoint
deck, a Word judgment, a 1994 Distiller resolution), pypdfium2, pypdf and pdfminer.six give
the same words (identical word multisets but for one space pdfium missed in 166,000
characters, which the gap test below puts back), but pdfium is 15 to 25 times faster (the 92
pages in 0.15 s of CPU for the plain text, against 2.6 s for pypdf and 4.6 s for
pdfminer.six, which alone would miss the 2 s budget), merges text printed twice for a bold
effect (pypdf and pdfminer.six give "UNITEDUNITED" / "UNITED UNITED" on the UN masthead), keeps
text boxes apart where pypdf glues their words ("fiableÉtat"), and gives every character its
box, font size and font, which is what the layout rules need. It is a C library well kept
for Chromium; it never runs JavaScript (the wheel is built without V8, and no form
environment is ever set up here) and never opens embedded files.

What this module does: open the file safely (size and page caps, one-line errors for
encrypted, damaged and image-only files), turn each page's characters into lines (reading
coordinates whatever the page rotation; superscripts, font size, bold and italic kept; rotated
text and private-use bullet glyphs handled), and find the horizontal rules (a footnote
separator). The layout rules that make blocks out of lines are in ``pdflayout``.
"""

from __future__ import annotations

import ctypes
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import wording
from ..errors import InputError
from ..model import RawDocument
from .pdflayout import (
    Glyph,
    Line,
    Mark,
    Page,
    Rule,
    attach_drawn_bullets,
    build_lines,
    drop_text_decoration,
    layout_blocks,
)

FORMAT = "pdf"
MAX_FILE_BYTES = 300 * 1024 * 1024
MAX_PAGES = 5_000
MAX_CHARS_PER_PAGE = 200_000
MAX_OBJECTS_PER_PAGE = 50_000
# Wall-clock budget for reading one document: a hostile file that makes every page slow is
# stopped with an error instead of running for hours.
MAX_SECONDS = 300.0
# Fewer letters than this per page on average: the pages are images (a scan).
MIN_LETTERS_PER_PAGE = 10

_ERRORS = {
    1: "unknown error",
    2: "cannot open the file",
    3: "damaged or not a PDF",
    4: "encrypted: it needs a password (remove the protection first)",
    5: "encrypted with an unsupported security handler",
    6: "a page is damaged",
}
# Characters pdfium reports for a hyphen it found at a line end, and the soft hyphen.
_LINE_END_HYPHENS = {"\ufffe": "-", "\u00ad": "-"}
_LIGATURES = {chr(code): unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}
_WHITESPACE = frozenset(
    " \t\r\n\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u3000"
)
_BOLD_WORDS = ("bold", "black", "heavy", "semibold", "demibold", "extrabold")
_ITALIC_WORDS = ("italic", "oblique")
_FLAG_ITALIC = 1 << 6
_FLAG_FORCE_BOLD = 1 << 18
_RULE_MAX_HEIGHT = 2.0
_RULE_MIN_WIDTH = 20.0
_CELL_MIN_SIDE = 4.0
# A list bullet drawn as a shape (a browser's disc, circle or square): a small path about as
# wide as high, in points.
_MARK_MIN_SIDE = 1.5
_MARK_MAX_SIDE = 8.0


def read(path: Path, data: bytes) -> RawDocument:
    """The blocks of a PDF's text layer (pdfium): lines grouped into paragraphs by layout, columns,
    headers, footers and tables told apart, with its metadata; a PDF too large, encrypted,
    damaged or with pages of images only is an InputError."""
    name = str(path)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{name}: the PDF is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    pdfium = _pdfium()
    document = _open(pdfium, data, name)
    try:
        notes = _document_notes(pdfium, document)
        pages = _read_pages(pdfium, document, name)
        metadata = _metadata(document)
    finally:
        document.close()
    _refuse_image_only(pages, name)
    blocks, layout_notes = layout_blocks(pages)
    if not blocks:
        raise InputError(f"{name}: the PDF has no body text (only page furniture)")
    # Page furniture and page-break splits were dealt with here, from the layout: the text
    # repair must not guess at them again (a table cell "12" is not a page number).
    return RawDocument(
        path=name,
        format=FORMAT,
        blocks=blocks,
        metadata=metadata,
        notes=notes + layout_notes,
        paginated=False,
    )


def _pdfium() -> Any:
    try:
        import pypdfium2
    except ImportError:  # pragma: no cover - a dependency of the package
        raise InputError("reading PDF needs pypdfium2 (pip install pypdfium2)") from None
    return pypdfium2


def _open(pdfium: Any, data: bytes, name: str) -> Any:
    if b"%PDF" not in data[:1024]:
        raise InputError(f"{name}: not a PDF (no %PDF header)")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        reason = _ERRORS.get(error.err_code or 0, str(error))
        raise InputError(f"{name}: {reason}") from None
    pages = len(document)
    if pages == 0:
        document.close()
        raise InputError(f"{name}: damaged or not a PDF (no pages)")
    if pages > MAX_PAGES:
        document.close()
        limit = wording.number(MAX_PAGES)
        raise InputError(f"{name}: {wording.number(pages)} pages, more than the {limit} this reader accepts")
    return document


def _document_notes(pdfium: Any, document: Any) -> list[str]:
    """What the file holds that is never run or opened here, said once."""
    raw = pdfium.raw
    notes = []
    scripts = raw.FPDFDoc_GetJavaScriptActionCount(document)
    if scripts > 0:
        notes.append(f"the PDF holds {scripts} JavaScript actions (not run)")
    attachments = raw.FPDFDoc_GetAttachmentCount(document)
    if attachments > 0:
        notes.append(f"the PDF holds {attachments} embedded files (not opened)")
    return notes


def _metadata(document: Any) -> dict[str, str]:
    try:
        title = (document.get_metadata_value("Title") or "").strip()
    except Exception:  # damaged metadata is only metadata
        return {}
    return {"pdf-title": title} if title else {}


def _read_pages(pdfium: Any, document: Any, name: str) -> list[Page]:
    started = time.monotonic()
    pages = []
    for index in range(len(document)):
        if time.monotonic() - started > MAX_SECONDS:
            raise InputError(
                f"{name}: reading took more than {MAX_SECONDS:.0f} s (stopped at page {index + 1})"
            )
        try:
            page = document[index]
        except pdfium.PdfiumError:
            raise InputError(f"{name}: page {index + 1} is damaged") from None
        try:
            pages.append(_read_page(pdfium, page, index + 1, name))
        finally:
            page.close()
    return pages


@dataclass(slots=True)
class _Orientation:
    """From PDF user space to reading space (x to the right, y up) for a page's /Rotate."""

    rotation: int
    width: float  # of the unrotated media box
    height: float

    def reads_across(self, a: float, b: float) -> bool:
        """Does text whose baseline runs along (a, b) in user space read left to right once
        the page is turned as displayed? (Text turned on the page is a margin note or a
        figure label.)"""
        across, down = {0: (a, b), 90: (b, -a), 180: (-a, -b), 270: (-b, a)}.get(self.rotation, (a, b))
        return across > 0 and abs(down) <= 0.1 * across

    def box(self, left: float, right: float, bottom: float, top: float) -> tuple[float, float, float, float]:
        if self.rotation == 90:
            return bottom, top, self.width - right, self.width - left
        if self.rotation == 180:
            return self.width - right, self.width - left, self.height - top, self.height - bottom
        if self.rotation == 270:
            return self.height - top, self.height - bottom, left, right
        return left, right, bottom, top


def _read_page(pdfium: Any, page: Any, number: int, name: str) -> Page:
    rotation = page.get_rotation() % 360
    width, height = page.get_size()  # as displayed, i.e. after rotation
    unrotated = (height, width) if rotation in (90, 270) else (width, height)
    orientation = _Orientation(rotation, *unrotated)
    textpage = page.get_textpage()
    try:
        glyphs, rotated = _glyphs(pdfium, textpage, orientation, number, name)
    finally:
        textpage.close()
    rules, columns, marks = _paths(pdfium, page, orientation)
    lines = attach_drawn_bullets(build_lines(glyphs, number), marks)
    return Page(
        number=number,
        width=width,
        height=height,
        lines=lines,
        rules=drop_text_decoration(rules, lines),
        vertical_rules=columns,
        rotated_chars=rotated,
    )


class _Fonts:
    """Bold and italic of each font, looked up once per font handle."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.styles: dict[int, tuple[bool, bool]] = {}
        self.buffer = ctypes.create_string_buffer(256)

    def style(self, text_object: int) -> tuple[bool, bool]:
        font = self.raw.FPDFTextObj_GetFont(ctypes.cast(text_object, self.raw.FPDF_PAGEOBJECT))
        address = ctypes.cast(font, ctypes.c_void_p).value or 0
        if address not in self.styles:
            self.styles[address] = self._read(font) if address else (False, False)
        return self.styles[address]

    def _read(self, font: Any) -> tuple[bool, bool]:
        raw = self.raw
        length = raw.FPDFFont_GetBaseFontName(font, self.buffer, len(self.buffer))
        font_name = self.buffer.value.decode("latin-1").lower() if length else ""
        flags = raw.FPDFFont_GetFlags(font)
        weight = raw.FPDFFont_GetWeight(font)
        angle = ctypes.c_int(0)
        raw.FPDFFont_GetItalicAngle(font, ctypes.byref(angle))
        bold = (
            any(word in font_name for word in _BOLD_WORDS) or weight >= 600 or bool(flags & _FLAG_FORCE_BOLD)
        )
        italic = (
            any(word in font_name for word in _ITALIC_WORDS) or bool(flags & _FLAG_ITALIC) or angle.value != 0
        )
        return bold, italic


def _glyphs(
    pdfium: Any, textpage: Any, orientation: _Orientation, number: int, name: str
) -> tuple[list[Glyph], int]:
    """The page's visible characters in content order; whitespace becomes ``space_before``."""
    raw = pdfium.raw
    count = raw.FPDFText_CountChars(textpage)
    if count > MAX_CHARS_PER_PAGE:
        raise InputError(
            f"{name}: page {number} has {wording.number(count)} characters, "
            f"more than {wording.number(MAX_CHARS_PER_PAGE)}"
        )
    if count <= 0:
        return [], 0
    text = textpage.get_text_range()
    by_index = len(text) == count
    fonts = _Fonts(raw)
    text_object_of = _text_object_address(raw)
    handle = textpage.raw
    rect = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    glyphs: list[Glyph] = []
    space_pending = False
    last_object = None
    size = 0.0
    bold = italic = skew = False
    rotated = 0
    for index in range(count):
        char = text[index] if by_index else chr(raw.FPDFText_GetUnicode(handle, index) or 32)
        if char in _WHITESPACE:
            space_pending = True
            continue
        address = text_object_of(handle, index)
        if not address:  # a character pdfium made up (a line break it inferred)
            space_pending = True
            continue
        if address != last_object:
            last_object = address
            raw.FPDFText_GetMatrix(handle, index, matrix)
            scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
            size = raw.FPDFText_GetFontSize(handle, index) * (scale or 1.0)
            skew = not orientation.reads_across(matrix.a, matrix.b)
            bold, italic = fonts.style(address)
        if skew:
            rotated += 1
            continue
        char = _LINE_END_HYPHENS.get(char) or _LIGATURES.get(char) or char
        if unicodedata.category(char[0]) in ("Cc", "Cf") and char != "-":
            continue
        raw.FPDFText_GetLooseCharBox(handle, index, rect)
        left, right, bottom, top = orientation.box(rect.left, rect.right, rect.bottom, rect.top)
        glyphs.append(Glyph(char, left, right, bottom, top, size, bold, italic, space_pending))
        space_pending = False
    return glyphs, rotated


def _text_object_address(raw: Any) -> Callable[[Any, int], int | None]:
    """FPDFText_GetTextObject returning the object's address as an int: the character loop
    compares it with the last one, and casting pypdfium2's pointer result costs more than
    the call itself."""
    address = ctypes.cast(raw.FPDFText_GetTextObject, ctypes.c_void_p).value or 0
    prototype = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
    function: Callable[[Any, int], int | None] = prototype(address)
    return function


def _paths(pdfium: Any, page: Any, orientation: _Orientation) -> tuple[list[Rule], list[Rule], list[Mark]]:
    """Thin horizontal and vertical paths (footnote separators, table borders, underlines);
    a stroked rectangle gives its four sides (a table cell drawn as a box); small filled
    shapes are marks that may be a list's bullets."""
    raw = pdfium.raw
    count = min(raw.FPDFPage_CountObjects(page), MAX_OBJECTS_PER_PAGE)
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    horizontal: list[Rule] = []
    vertical: list[Rule] = []
    marks: list[Mark] = []
    for index in range(count):
        page_object = raw.FPDFPage_GetObject(page, index)
        if raw.FPDFPageObj_GetType(page_object) != raw.FPDF_PAGEOBJ_PATH:
            continue
        if not raw.FPDFPageObj_GetBounds(page_object, left, bottom, right, top):
            continue
        x0, x1, y0, y1 = orientation.box(left.value, right.value, bottom.value, top.value)
        width, height = x1 - x0, y1 - y0
        if height <= _RULE_MAX_HEIGHT and width >= _RULE_MIN_WIDTH:
            horizontal.append(Rule(x0, x1, (y0 + y1) / 2))
        elif width <= _RULE_MAX_HEIGHT and height >= _CELL_MIN_SIDE:
            vertical.append(Rule(y0, y1, (x0 + x1) / 2))
        elif (
            width >= _CELL_MIN_SIDE
            and height >= _CELL_MIN_SIDE
            and _is_outline_box(raw, page_object, fill, stroke)
        ):
            horizontal += [Rule(x0, x1, y0), Rule(x0, x1, y1)]
            vertical += [Rule(y0, y1, x0), Rule(y0, y1, x1)]
        elif _is_mark(raw, page_object, width, height, fill, stroke):
            marks.append(Mark(x0, x1, y0, y1))
    return horizontal, vertical, marks


def _is_mark(
    raw: Any, page_object: Any, width: float, height: float, fill: ctypes.c_int, stroke: ctypes.c_int
) -> bool:
    """A small shape about as wide as high, filled or outlined (a disc, a circle, a square)."""
    if not (min(width, height) >= _MARK_MIN_SIDE and max(width, height) <= _MARK_MAX_SIDE):
        return False
    if max(width, height) > 1.6 * min(width, height):
        return False
    if not raw.FPDFPath_GetDrawMode(page_object, ctypes.byref(fill), ctypes.byref(stroke)):
        return False
    return fill.value != 0 or bool(stroke.value)


def _is_outline_box(raw: Any, page_object: Any, fill: ctypes.c_int, stroke: ctypes.c_int) -> bool:
    """A rectangle drawn as an outline: four straight sides, stroked, not filled."""
    if raw.FPDFPath_CountSegments(page_object) not in (4, 5):
        return False
    if not raw.FPDFPath_GetDrawMode(page_object, ctypes.byref(fill), ctypes.byref(stroke)):
        return False
    return bool(stroke.value) and fill.value == 0


def _refuse_image_only(pages: list[Page], name: str) -> None:
    letters = sum(glyph_count for page in pages for glyph_count in (_letters(line) for line in page.lines))
    if letters < MIN_LETTERS_PER_PAGE * len(pages):
        raise InputError(f"{name}: the PDF has no text layer (a scanned document?): OCR it first")


def _letters(line: Line) -> int:
    return sum(char.isalpha() for char in line.text)
