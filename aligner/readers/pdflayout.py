"""Layout rules that turn the lines of a PDF into blocks (``pdf`` reads the characters).

Everything here is geometry and repetition, the same in every language:

- lines: characters on one baseline, with superscripts (smaller and raised) kept on their
  line; a paragraph number or list label printed apart (in the left margin, or alone on
  the same baseline) joined to its line; wide gaps that are not a justified line's even
  spacing split a line into cells;
- page furniture: lines at the top and bottom edges of the page that repeat on other pages
  at the same height (digits and roman numerals ignored, so "Page 3" repeats "Page 4"),
  or that are shaped like a page number, a job or document code, or a continuation mark
  ("/..."), peeled from the edges inwards so that nothing below the first body line goes;
- footnotes: the lines under a footnote rule (a short rule drawn or typed with
  underscores), or the run of smaller lines at the foot of the page that starts with a
  label; each note starts at its label (superscript digits, "1/", "1"), a note whose first
  lines have no label continues the last note of the previous page; old UN calls written
  "1/" in the body become superscript digits, as raised calls already are;
- paragraphs: within a flow (lines that follow one another down one column; a table cell
  or a text box is a flow of its own), a new paragraph starts at a wider gap than the
  document's usual line spacing for that size, at an indentation or outdent, at a change
  of size or weight, at a label or bullet after a finished line, or after a line that
  stopped short although the next word would have fitted; a paragraph cut by a page break
  is joined back; words hyphenated at a line end are rejoined with the text repair's rule;
- headings (larger or bold lines) and table cells are blocks of their own with a kind hint;
  table-of-contents entries end their paragraph so that the repair step can drop them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from itertools import pairwise

from .. import wording
from ..anchors import digits_to_superscript
from ..labels import ADOPTED_NUMBER, SUPERSCRIPTS
from ..model import Block
from ..profiles import any_language_page_number
from ..repair import is_contents_entry, line_joint, line_vocabulary
from ..wording import counted

# Sizes are in PDF points; distances are compared with the font size ("em") where it matters.
SUPERSCRIPT_SIZE = 0.85  # a glyph smaller than this share of its line's size ...
SUPERSCRIPT_RISE = 0.2  # ... and raised by this share of it is a superscript
SPACE_GAP = 0.15  # a gap wider than this (em) between two glyphs is a space
CELL_GAP = 0.8  # a gap wider than this (em) and uneven with the line's others splits cells
CELL_GAP_RATIO = 3.0
EVEN_GAPS = 1.15
EDGE_ZONE = 0.14  # furniture lives in this share of the page height at top and bottom
SAME_HEIGHT = 3.0
EVERYWHERE_SHARE = 0.5  # points: repeated furniture sits at the same height on each page
FURNITURE_GAP = 0.8  # em between a furniture line and the body it is not part of
RULE_LEVEL = 2.0  # points: rules this close are one border
MIN_ROW_HEIGHT = 4.0
MIN_CELL_WIDTH = 4.0
CELL_LINE_GAP = 1.6  # a cell's next line may be further (cells are padded, rows vary)
PARAGRAPH_GAP = 1.3  # a line spacing this many times the usual one starts a paragraph
INDENT = 0.7  # em of indentation (or outdent) that starts a paragraph
SIZE_CHANGE = 0.12
HEADING_SIZE = 1.12
HEADING_MAX_CHARS = 200
FOOTNOTE_SIZE = 0.92
JUSTIFIED_SHARE = 0.5
SHORT_LINE = 0.6  # of the flow's width
TEXT_BOX_SHARE = 0.4  # a flow narrower than this share of the page is a text box
FULL_PAGE_FOOT = 0.25  # a full page's body goes down into this share of the page's height
RULE_MIN_SHARE, RULE_MAX_SHARE = 0.08, 0.55

# A label a line may start with: a paragraph, list or outline number, a bullet, or the number
# of an adopted resolution, which its title follows on a hanging indent ("48/246.  Financing").
_LABEL = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]?|\(\d{1,3}\)|[IVXLC]{1,6}[.)]|[A-Za-z][.)]|\([a-z]{1,2}\)|"
    rf"\(?[ivx]{{1,5}}\)|[•·▪◦‣○●■□–—-]|{ADOPTED_NUMBER}\.)$"
)
_BULLET_MARKS = "•·▪◦‣○●■□"
_BULLET_START = re.compile(rf"^(?:[{_BULLET_MARKS}]|[–—-](?=\s))")
_LABEL_START = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]\s|\(\d{1,3}\)\s|[IVXLC]{1,6}\.\s|(?:[a-z]|[ivxlc]{1,6})[.)]\s|"
    r"\([a-z]{1,2}\)\s|\([ivxlc]{1,6}\)\s)"
)
_NUMBERED_ITEM = re.compile(r"^\d{1,3}[.)]\s+")
_TEXT_RULE = re.compile(r"^[_\-–—‐]{5,}$")
_CODE_LINE = re.compile(r"^(?=[^a-z]*\d)[^\sa-z]{3,}(?:\s+\([A-Z]{1,3}\))?$")
_NO_WORD = re.compile(r"^[^\w]+$")
_FOOTNOTE_LABEL = re.compile(
    rf"^(?:(?P<sup>[{SUPERSCRIPTS}]+)\s*|(?P<slash>\d{{1,3}})/\s+|(?P<plain>\d{{1,3}})[.)]?\s+|(?P<mark>[*†‡§]+)\s*)(?=\S)"
)
_SLASH_CALL = re.compile(r"(?<=\S) (\d{1,3})/(?=[\s,.;:)\]]|$)")
_TERMINAL = tuple(".;:!?»”\"')]…")
_LEADER = ("..", "…", "__")  # a dot leader runs across a gap, it does not end a cell
_PRIVATE_USE_BULLET = "•"


@dataclass(slots=True)
class Glyph:
    """One visible character in reading coordinates (y up), with its font."""

    char: str
    left: float
    right: float
    bottom: float
    top: float
    size: float
    bold: bool
    italic: bool
    space_before: bool


@dataclass(slots=True)
class Rule:
    """A thin path: horizontal from x0 to x1 at height y, or (in ``Page.vertical_rules``)
    vertical from height x0 to x1 at abscissa y."""

    x0: float
    x1: float
    y: float


@dataclass(slots=True)
class Mark:
    """A small filled shape drawn on the page (its box, in points)."""

    x0: float
    x1: float
    bottom: float
    top: float


@dataclass(slots=True)
class Segment:
    """A run of text on one line of a page, with where it starts and ends across the page (in
    points)."""

    text: str
    x0: float
    x1: float


@dataclass(slots=True)
class Line:
    """Glyphs on one baseline; ``segments`` are its cells when wide gaps split it."""

    page: int
    order: int
    size: float
    bottom: float
    top: float
    x0: float
    x1: float
    segments: list[Segment]
    bold: bool
    italic_lead: str
    text_start: float  # x of the text after a leading label or bullet (hanging indents)
    first_word: float  # width of the first word, for the would-it-have-fitted test
    letters: int
    bold_letters: int
    words: list[tuple[str, float, float]] = field(default_factory=list)  # (text, x0, x1)

    @property
    def text(self) -> str:
        """The line's text, its segments joined by a space."""
        return " ".join(segment.text for segment in self.segments)


@dataclass
class Page:
    """One page as the layout reads it: its number and size, its lines of text, the horizontal and
    vertical rules drawn on it (table borders, footnote separators) and how many characters are
    rotated (a page printed sideways)."""

    number: int
    width: float
    height: float
    lines: list[Line]
    rules: list[Rule] = field(default_factory=list)
    rotated_chars: int = 0
    vertical_rules: list[Rule] = field(default_factory=list)


# --- lines ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Fragment:
    glyphs: list[Glyph]
    bottom: float
    top: float
    size: float
    x0: float
    x1: float

    @classmethod
    def start(cls, glyph: Glyph) -> _Fragment:
        return cls([glyph], glyph.bottom, glyph.top, glyph.size, glyph.left, glyph.right)

    def accepts(self, glyph: Glyph) -> bool:
        last = self.glyphs[-1]
        if glyph.left < last.right - 0.5 * max(self.size, glyph.size):
            return False
        return _overlaps(self.bottom, self.top, glyph.bottom, glyph.top)

    def add(self, glyph: Glyph) -> None:
        self.glyphs.append(glyph)
        if glyph.size > self.size * (1 + SIZE_CHANGE):
            self.bottom, self.top, self.size = glyph.bottom, glyph.top, glyph.size
        self.x0 = min(self.x0, glyph.left)
        self.x1 = max(self.x1, glyph.right)

    def text(self) -> str:
        return "".join(glyph.char for glyph in self.glyphs).strip()


def _overlaps(bottom: float, top: float, other_bottom: float, other_top: float, share: float = 0.5) -> bool:
    overlap = min(top, other_top) - max(bottom, other_bottom)
    return overlap >= share * max(min(top - bottom, other_top - other_bottom), 0.1)


def build_lines(glyphs: list[Glyph], page: int) -> list[Line]:
    """The page's lines in content order: runs of glyphs along one baseline, then runs on the
    same baseline put together (a superscript call can end a run; a label may be printed
    after its paragraph)."""
    fragments: list[_Fragment] = []
    for glyph in glyphs:
        if fragments and fragments[-1].accepts(glyph):
            fragments[-1].add(glyph)
        else:
            fragments.append(_Fragment.start(glyph))
    fragments = _merge_consecutive(fragments)
    fragments = _attach_lone_labels(fragments)
    return [line for order, fragment in enumerate(fragments) if (line := _make_line(fragment, page, order))]


def _same_band(first: _Fragment, second: _Fragment) -> bool:
    return _overlaps(first.bottom, first.top, second.bottom, second.top, 0.6) and (
        max(first.size, second.size) <= 1.6 * min(first.size, second.size)
    )


def _disjoint(first: _Fragment, second: _Fragment) -> bool:
    return second.x0 >= first.x1 - 1.0 or second.x1 <= first.x0 + 1.0


def _merge_consecutive(fragments: list[_Fragment]) -> list[_Fragment]:
    merged: list[_Fragment] = []
    for fragment in fragments:
        previous = merged[-1] if merged else None
        if previous is not None and _same_band(previous, fragment) and _disjoint(previous, fragment):
            merged[-1] = _joined(previous, fragment)
        else:
            merged.append(fragment)
    return merged


def _joined(first: _Fragment, second: _Fragment) -> _Fragment:
    left, right = (first, second) if first.x0 <= second.x0 else (second, first)
    base = first if first.size >= second.size else second
    # pdfium reports a line break between runs it did not see as one line: the gap decides.
    head = right.glyphs[0]
    head.space_before = head.left - left.glyphs[-1].right > SPACE_GAP * base.size
    return _Fragment(
        left.glyphs + right.glyphs,
        base.bottom,
        base.top,
        base.size,
        min(left.x0, right.x0),
        max(left.x1, right.x1),
    )


def _attach_lone_labels(fragments: list[_Fragment]) -> list[_Fragment]:
    """A paragraph number printed on its own (in the left margin, on the baseline of its
    paragraph's first line but elsewhere in the content) goes in front of that line."""
    result = list(fragments)
    for fragment in fragments:
        if len(fragment.glyphs) > 8 or not _LABEL.match(fragment.text()):
            continue
        if not any(candidate is fragment for candidate in result):
            continue  # already joined to a label before it
        partners = [
            (position, other)
            for position, other in enumerate(result)
            if other is not fragment and other.x0 >= fragment.x1 - 1.0 and _same_band(fragment, other)
        ]
        if not partners:
            continue
        position, partner = min(partners, key=lambda item: item[1].x0)
        result[position] = _joined(fragment, partner)
        result = [candidate for candidate in result if candidate is not fragment]
    return result


def attach_drawn_bullets(lines: list[Line], marks: list[Mark]) -> list[Line]:
    """Lines of a list whose bullets are drawn shapes, not characters (a browser's print
    of a page): each such line starts with the bullet character, as it would have if the
    bullet were text, so that it opens a list item."""
    for mark in marks:
        line = next((line for line in lines if _bullet_of(mark, line)), None)
        if line is not None and not _BULLET_START.match(line.text):
            first = line.segments[0]
            line.segments[0] = Segment(f"{_PRIVATE_USE_BULLET} {first.text}", mark.x0, first.x1)
            line.text_start = line.x0
            line.x0 = mark.x0
            line.words.insert(0, (_PRIVATE_USE_BULLET, mark.x0, mark.x1))
    return lines


def drop_text_decoration(rules: list[Rule], lines: list[Line]) -> list[Rule]:
    """The horizontal rules that are not a line's underline or strike-through (a link's
    underline is no table border): a rule within a line's extent, at the height of the lower
    half of its letters, is left out. Borders never cross a line's letters."""
    return [rule for rule in rules if not any(_decorates(rule, line) for line in lines)]


def _decorates(rule: Rule, line: Line) -> bool:
    return (
        line.bottom - 0.2 * line.size <= rule.y <= line.bottom + 0.5 * line.size
        and rule.x0 >= line.x0 - 0.5 * line.size
        and rule.x1 <= line.x1 + 0.5 * line.size
    )


def _bullet_of(mark: Mark, line: Line) -> bool:
    """Is ``mark`` a bullet before ``line``: smaller than its letters, at their middle
    height, a little to the left of where the line starts?"""
    centre = (mark.bottom + mark.top) / 2
    gap = line.x0 - mark.x1
    return (
        mark.top - mark.bottom <= 0.6 * line.size
        and line.bottom - 0.1 * line.size <= centre <= line.bottom + 0.7 * line.size
        and 0 <= gap <= 2.5 * line.size
    )


def _make_line(fragment: _Fragment, page: int, order: int) -> Line | None:
    glyphs = fragment.glyphs
    size = _dominant_size(glyphs)
    base = [glyph for glyph in glyphs if glyph.size >= SUPERSCRIPT_SIZE * size] or glyphs
    bottom = min(glyph.bottom for glyph in base)
    top = max(glyph.top for glyph in base)
    pieces, gaps = _pieces(glyphs, size, bottom)
    segments = _segments(pieces, gaps, size)
    if not segments:
        return None
    letters = sum(glyph.char.isalpha() for glyph in glyphs)
    bold_letters = sum(glyph.char.isalpha() and glyph.bold for glyph in glyphs)
    first_word = pieces[0]
    text_start = pieces[1][1] if len(pieces) > 1 and _is_label(first_word[0]) else first_word[1]
    return Line(
        page=page,
        order=order,
        size=size,
        bottom=bottom,
        top=top,
        x0=fragment.x0,
        x1=fragment.x1,
        segments=segments,
        bold=letters > 0 and bold_letters >= 0.9 * letters,
        italic_lead=_italic_lead(pieces),
        text_start=text_start,
        first_word=first_word[2] - first_word[1],
        letters=letters,
        bold_letters=bold_letters,
        words=[(text, x0, x1) for text, x0, x1, _ in pieces],
    )


def _dominant_size(glyphs: list[Glyph]) -> float:
    counts: Counter[float] = Counter(
        round(glyph.size * 2) / 2 for glyph in glyphs if not glyph.char.isspace()
    )
    return counts.most_common(1)[0][0] if counts else glyphs[0].size


# A word of a line: (text, x0, x1, italic)
_Piece = tuple[str, float, float, bool]


def _pieces(glyphs: list[Glyph], size: float, bottom: float) -> tuple[list[_Piece], list[float]]:
    """The line's words (superscript digits written as such) and the gaps between them."""
    pieces: list[_Piece] = []
    gaps: list[float] = []
    chars: list[str] = []
    start = end = 0.0
    italic, has_letter = True, False
    previous: Glyph | None = None
    previous_raised = False
    for glyph in glyphs:
        raised = glyph.size < SUPERSCRIPT_SIZE * size and glyph.bottom - bottom > SUPERSCRIPT_RISE * size
        if previous is not None:
            gap = glyph.left - previous.right
            # After a superscript call only the gap counts: pdfium often reports a space
            # where the baseline comes back down ("unique¹⁰ .").
            spaced = gap > SPACE_GAP * size or (glyph.space_before and not previous_raised)
            if spaced:
                pieces.append(("".join(chars), start, end, italic and has_letter))
                gaps.append(gap)
                chars, italic, has_letter = [], True, False
        char = glyph.char
        if raised:
            char = digits_to_superscript(char) if char.isdigit() else char
        elif "\ue000" <= char <= "\uf8ff":
            char = _PRIVATE_USE_BULLET if not pieces and not chars else ""
        if not chars:
            start, end = glyph.left, glyph.right
        else:
            end = max(end, glyph.right)
        chars.append(char)
        if glyph.char.isalpha():
            italic, has_letter = italic and glyph.italic, True
        previous, previous_raised = glyph, raised
    if chars:
        pieces.append(("".join(chars), start, end, italic and has_letter))
    kept = [(index, piece) for index, piece in enumerate(pieces) if piece[0]]
    kept_gaps = [gaps[index - 1] for index, _ in kept[1:]]
    return [piece for _, piece in kept], kept_gaps


def _segments(pieces: list[_Piece], gaps: list[float], size: float) -> list[Segment]:
    """Words joined into segments, split at gaps that are wide and uneven (table cells, a
    right-aligned page number), not at the even gaps of a justified line."""
    if not pieces:
        return []
    # The line's usual word space: its gaps up to an em, or all of them where a justified
    # line was spread wider than that.
    word_spaces = sorted(gap for gap in gaps if gap <= size)
    usual = word_spaces or sorted(gaps)
    ordinary = usual[len(usual) // 2] if usual else 0.0
    threshold = max(CELL_GAP * size, CELL_GAP_RATIO * ordinary)
    wide = [gap for gap in gaps if gap > threshold]
    if len(wide) >= 3 and max(wide) <= EVEN_GAPS * min(wide):
        # Many gaps of one width: a justified line spread wide, around words that stay
        # together (a non-breaking space), not a row of cells.
        threshold = max(gaps) + 1.0
    segments = [Segment(pieces[0][0], pieces[0][1], pieces[0][2])]
    for piece, gap in zip(pieces[1:], gaps, strict=True):
        leader = piece[0].startswith(_LEADER) or segments[-1].text.endswith(_LEADER)
        if gap > threshold and not leader and not (len(segments) == 1 and _is_label(segments[0].text)):
            segments.append(Segment(piece[0], piece[1], piece[2]))
        else:
            segments[-1].text += " " + piece[0]
            segments[-1].x1 = piece[2]
    return segments


def _is_label(text: str) -> bool:
    return bool(_LABEL.match(text))


def _italic_lead(pieces: list[_Piece]) -> str:
    """The italic words a line starts with, after its label if any (an operative verb)."""
    words = pieces[1:] if len(pieces) > 1 and _is_label(pieces[0][0]) else pieces
    lead = []
    for text, _, _, italic in words:
        if not italic:
            break
        lead.append(text)
    return " ".join(lead) if len(lead) < len(words) else ""


# --- the whole document -----------------------------------------------------------------------


@dataclass
class _Style:
    """What the document's body text looks like, learnt from all its lines."""

    body_size: float
    body_bold: bool
    pitches: dict[float, float]
    floor: float = 0.0  # the usual baseline of a full page's last body line, in points (0: unknown)

    def pitch(self, size: float) -> float:
        return self.pitches.get(round(size * 2) / 2, 1.2 * size)

    def is_heading(self, line: Line) -> bool:
        larger = line.size >= HEADING_SIZE * self.body_size
        return larger or (line.bold and not self.body_bold)


@dataclass
class _Paragraph:
    """Lines (or cell texts) that make one block, and what the block will say about itself."""

    page: int
    line: int
    pieces: list[str]
    lines: list[Line] = field(default_factory=list)
    kind: str | None = None
    label: str | None = None
    slash_label: bool = False
    x0: float = 0.0
    x1: float = 0.0  # right end of a cell's last line
    row: int = 0  # a cell's row: the line number of the row it was read from
    column: int = 0
    table: int = 0
    margin: float = 0.0  # left and right edges of the flow the paragraph is in
    right: float = 0.0

    @property
    def first(self) -> Line | None:
        return self.lines[0] if self.lines else None

    @property
    def last_text(self) -> str:
        return self.pieces[-1] if self.pieces else ""


def layout_blocks(pages: list[Page]) -> tuple[list[Block], list[str]]:
    """Blocks of the whole document in reading order, and notes on what was set aside."""
    style = _document_style(pages)
    furniture = _furniture(pages)
    numbering = _LineNumbers(pages)
    vocabulary = line_vocabulary(line.text for page in pages for line in page.lines)
    body_pages: list[list[_Paragraph]] = []
    footnote_pages: list[list[_Paragraph]] = []
    lowest: list[tuple[float, float]] = []  # each page's lowest body baseline, and its height
    for page in pages:
        lines = [line for line in page.lines if (page.number, line.order) not in furniture]
        body, note_lines = _split_footnotes(page, lines, style)
        body_pages.append(_page_paragraphs(page, body, style, numbering))
        footnote_pages.append(_footnotes(note_lines, numbering))
        lowest += [(min(line.bottom for line in body), page.height)] if body else []
    ordered = _join_pages(body_pages, footnote_pages, replace(style, floor=_full_page_floor(lowest)))
    ordered = _number_tables(ordered)
    _demote_numbered_lists(ordered)
    _mark_titles(ordered)
    slash_labels = {p.label for p in ordered if p.kind == "footnote" and p.slash_label and p.label}
    blocks = [_block(paragraph, vocabulary, slash_labels) for paragraph in ordered]
    blocks = [block for block in blocks if block.text]
    notes = _notes(pages, furniture, ordered)
    return blocks, notes


def _full_page_floor(lowest: list[tuple[float, float]]) -> float:
    """How low the body text of a full page goes: a low quantile of each page's lowest body
    baseline (pages that end early, before a heading or above their notes, only add to the
    top); 0 when that is not near the foot of the page (no page is full) or there are too
    few pages to tell."""
    if len(lowest) < 3:
        return 0.0
    floor, height = sorted(lowest)[len(lowest) // 10]
    return floor if floor < FULL_PAGE_FOOT * height else 0.0


class _LineNumbers:
    """A running number for each line of the document (blocks carry their first line's)."""

    def __init__(self, pages: list[Page]) -> None:
        self.start: dict[int, int] = {}
        total = 0
        for page in pages:
            self.start[page.number] = total
            total += len(page.lines)

    def of(self, line: Line) -> int:
        return self.start[line.page] + line.order + 1


def _document_style(pages: list[Page]) -> _Style:
    sizes: Counter[float] = Counter()
    bold = letters = 0
    for page in pages:
        for line in page.lines:
            sizes[round(line.size * 2) / 2] += line.letters
            bold += line.bold_letters
            letters += line.letters
    body_size = sizes.most_common(1)[0][0] if sizes else 10.0
    return _Style(body_size, letters > 0 and bold > 0.5 * letters, _usual_pitches(pages))


def _usual_pitches(pages: list[Page]) -> dict[float, float]:
    """The usual distance between the baselines of two lines of a paragraph, per font size:
    a low quantile of the distances between consecutive lines of that size (paragraph gaps
    and notes spaced apart only add to the top)."""
    samples: dict[float, list[float]] = defaultdict(list)
    for page in pages:
        for first, second in pairwise(page.lines):
            pitch = first.bottom - second.bottom
            if (
                abs(first.size - second.size) <= SIZE_CHANGE * first.size
                and 0.8 * first.size < pitch < 3 * first.size
            ):
                samples[round(first.size * 2) / 2].append(pitch)
    return {size: sorted(values)[len(values) // 10] for size, values in samples.items() if len(values) >= 4}


# --- furniture --------------------------------------------------------------------------------


def _furniture(pages: list[Page]) -> set[tuple[int, int]]:
    """(page, line order) of the running heads, footers and page numbers of every page.

    From each edge inwards, lines are furniture while they repeat at the same height on
    other pages, or are shaped like furniture (a page number, a code, "/...") and stand
    apart from the line inside them (a gap of about a line: the end of a paragraph is never
    cut off). Lines repeated on half the pages or more are furniture anywhere near the edge
    (a slide number with a diagram's text below it)."""
    repeated, everywhere = _repeated_edge_lines(pages)
    dropped: set[tuple[int, int]] = set(everywhere)
    for page in pages:
        by_height = sorted(page.lines, key=lambda line: -line.top)
        for edge_lines, zone in ((by_height, "top"), (by_height[::-1], "bottom")):
            for index, line in enumerate(edge_lines):
                place = (page.number, line.order)
                inner = edge_lines[index + 1] if index + 1 < len(edge_lines) else None
                if not _in_zone(line, page, zone):
                    break
                if place in repeated or _furniture_shaped(line, inner, zone):
                    dropped.add(place)
                elif place not in everywhere:
                    break
    return dropped


def _stands_apart(line: Line, inner: Line | None, zone: str) -> bool:
    if inner is None:
        return True
    gap = (inner.bottom - line.top) if zone == "bottom" else (line.bottom - inner.top)
    return gap >= FURNITURE_GAP * line.size


def _in_zone(line: Line, page: Page, zone: str) -> bool:
    if zone == "top":
        return line.bottom >= page.height * (1 - EDGE_ZONE)
    return line.top <= page.height * EDGE_ZONE


def _edge_key(text: str) -> str:
    """Text with its numbers (digits, roman numerals) blanked: "Page 3 of 12" ~ "Page 4 of 12"."""
    text = re.sub(r"\d+", "#", text.casefold())
    text = re.sub(r"\b[ivxlc]+\b", "#", text)
    return re.sub(r"\s+", " ", text).strip()


def _repeated_edge_lines(pages: list[Page]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Lines near the top or bottom edge whose text (numbers aside) is printed at the same
    height on another page; and those of them printed so on half the pages or more."""
    places: dict[tuple[str, str], list[tuple[int, int, float]]] = defaultdict(list)
    for page in pages:
        for line in page.lines:
            for zone in ("top", "bottom"):
                if _in_zone(line, page, zone):
                    height = line.top if zone == "top" else line.bottom
                    places[(zone, _edge_key(line.text))].append((page.number, line.order, height))
    repeated: set[tuple[int, int]] = set()
    everywhere: set[tuple[int, int]] = set()
    for occurrences in places.values():
        if len({number for number, _, _ in occurrences}) < 2:
            continue
        for number, order, height in occurrences:
            same = {other for other, _, y in occurrences if abs(height - y) <= SAME_HEIGHT}
            if len(same) >= 2:
                repeated.add((number, order))
                if len(same) >= max(2, EVERYWHERE_SHARE * len(pages)):
                    everywhere.add((number, order))
    return repeated, everywhere


def _furniture_shaped(line: Line, inner: Line | None, zone: str) -> bool:
    """A page number, a job or document code, a continuation mark ("/..."), standing apart
    from the line inside it."""
    text = line.text.strip()
    if not (any_language_page_number().match(text) or _CODE_LINE.match(text) or _NO_WORD.match(text)):
        return False
    return _stands_apart(line, inner, zone)


# --- footnotes --------------------------------------------------------------------------------


def _split_footnotes(page: Page, lines: list[Line], style: _Style) -> tuple[list[Line], list[Line]]:
    """Body lines and footnote lines of a page."""
    typed_rules = [line for line in lines if _TEXT_RULE.match(line.text.replace(" ", ""))]
    lines = [line for line in lines if line not in typed_rules]
    separators = sorted(
        [(line.bottom, False) for line in typed_rules] + _separator_rules(page, lines), reverse=True
    )
    for separator, wide in separators:
        below = sorted((line for line in lines if line.top <= separator + 1.0), key=lambda line: -line.top)
        if below and _looks_like_notes(below, style, under_rule=True, wide_rule=wide):
            return [line for line in lines if line.top > separator + 1.0], below
    below = _small_foot_lines(lines, style)
    if below and _looks_like_notes(below, style, under_rule=False):
        return [line for line in lines if line not in below], below
    return lines, []


def _separator_rules(page: Page, lines: list[Line]) -> list[tuple[float, bool]]:
    """Heights of rules in the lower part of the page that are alone on their height (not a
    table border) and touch no text (not an underline): footnote separators, short, or as
    wide as the text when a note goes on from the previous page (then marked wide)."""
    heights = []
    for rule in page.rules:
        width = rule.x1 - rule.x0
        if width < RULE_MIN_SHARE * page.width or rule.y > 0.6 * page.height:
            continue
        if any(other is not rule and abs(other.y - rule.y) <= 1.0 for other in page.rules):
            continue
        if any(
            line.bottom - 1.5 <= rule.y <= line.top and line.x0 <= rule.x1 and line.x1 >= rule.x0
            for line in lines
        ):
            continue
        heights.append((rule.y, width > RULE_MAX_SHARE * page.width))
    return heights


def _small_foot_lines(lines: list[Line], style: _Style) -> list[Line]:
    """The run of lines smaller than the body text at the foot of the page, top first."""
    run: list[Line] = []
    for line in sorted(lines, key=lambda line: line.bottom):
        if line.size > FOOTNOTE_SIZE * style.body_size:
            break
        run.append(line)
    return run[::-1]


def _looks_like_notes(lines: list[Line], style: _Style, under_rule: bool, wide_rule: bool = False) -> bool:
    """Notes start with a label. Under a short rule, notes may be in body size if their label
    is unmistakable ("1/", a superscript), and smaller lines without a label at the top are
    the rest of a note from the previous page; under a wide rule (which may be a border),
    only smaller lines are notes."""
    match = _FOOTNOTE_LABEL.match(lines[0].text)
    if not under_rule:
        return match is not None
    smaller = all(line.size <= FOOTNOTE_SIZE * style.body_size for line in lines)
    return smaller or (not wide_rule and match is not None and match.group("plain") is None)


def _footnotes(lines: list[Line], numbering: _LineNumbers) -> list[_Paragraph]:
    """The notes of one page's footnote area; a first note without a label (kind
    "footnote-continued") is the end of the previous page's last note."""
    notes: list[_Paragraph] = []
    for line in sorted(lines, key=lambda line: -line.top):
        text = line.text
        match = _FOOTNOTE_LABEL.match(text)
        if match and _expected_label(match, notes):
            label = match.group("sup") or match.group("slash") or match.group("plain") or match.group("mark")
            label = label.translate(str.maketrans(SUPERSCRIPTS, "0123456789"))
            notes.append(
                _Paragraph(
                    page=line.page,
                    line=numbering.of(line),
                    pieces=[text[match.end() :]],
                    lines=[line],
                    kind="footnote",
                    label=label,
                    slash_label=match.group("slash") is not None,
                )
            )
        elif notes:
            notes[-1].pieces.append(text)
            notes[-1].lines.append(line)
        else:
            notes.append(_Paragraph(line.page, numbering.of(line), [text], [line], kind="footnote-continued"))
    return notes


def _expected_label(match: re.Match[str], notes: list[_Paragraph]) -> bool:
    """A plain number opens a note only where a note's number is expected (the next one),
    so that a line of a note starting with a year or a page number does not."""
    if match.group("plain") is None:
        return True
    previous = next((note.label for note in reversed(notes) if note.label and note.label.isdigit()), None)
    return previous is None or int(match.group("plain")) == int(previous) + 1


# --- paragraphs -------------------------------------------------------------------------------


def _flows(lines: list[Line]) -> list[list[Line]]:
    """Runs of lines in content order that go down one column; a line above the previous
    one or beside the run starts a new flow (a table cell, a text box, the next column)."""
    flows: list[list[Line]] = []
    left = right = 0.0
    for line in lines:
        if flows:
            previous = flows[-1][-1]
            below = line.bottom < previous.bottom - 0.3 * line.size
            beside = line.x0 > right or line.x1 < left
            if below and not beside:
                flows[-1].append(line)
                left, right = min(left, line.x0), max(right, line.x1)
                continue
        flows.append([line])
        left, right = line.x0, line.x1
    return flows


def _page_paragraphs(
    page: Page, lines: list[Line], style: _Style, numbering: _LineNumbers
) -> list[_Paragraph]:
    """The page's paragraphs: ruled tables cell by cell where the first of their lines comes
    in the content, the other lines in flows."""
    tables = [_grid_cells(grid, lines, page.number, style) for grid in _ruled_tables(page)]
    table_of = {id(line): index for index, (_, consumed) in enumerate(tables) for line in consumed}
    paragraphs: list[_Paragraph] = []
    run: list[Line] = []
    emitted: set[int] = set()

    def flush() -> None:
        for flow in _flows(run):
            paragraphs.extend(_flow_paragraphs(flow, style, numbering, page.width))
        run.clear()

    for line in lines:
        index = table_of.get(id(line))
        if index is None:
            run.append(line)
            continue
        flush()
        if index not in emitted:
            emitted.add(index)
            paragraphs.extend(tables[index][0])
    flush()
    return paragraphs


def _split_tall_cells(
    cells: dict[tuple[int, int], list[tuple[Line, str]]], style: _Style
) -> dict[tuple[int, int, int], list[tuple[Line, str]]]:
    """A table whose rows have no borders between them (only a frame): in each column, a
    wider gap than the usual line spacing starts a new cell, and the cells of the other
    columns go with the first-column cell they start beside."""
    split: dict[tuple[int, int, int], list[tuple[Line, str]]] = {}
    for row in sorted({row for row, _ in cells}):
        columns = sorted(column for r, column in cells if r == row)
        groups = {
            column: _gap_groups(sorted(cells[(row, column)], key=lambda item: -item[0].top), style)
            for column in columns
        }
        starts = [group[0][0].top for group in groups[columns[0]]]
        for column in columns:
            for group in groups[column]:
                top = group[0][0].top
                subrow = max(
                    (index for index, start in enumerate(starts) if start >= top - 2 * RULE_LEVEL), default=0
                )
                split.setdefault((row, subrow, column), []).extend(group)
    return split


def _gap_groups(content: list[tuple[Line, str]], style: _Style) -> list[list[tuple[Line, str]]]:
    """Lines of one cell, top first, cut where the gap is wider than the usual spacing."""
    groups: list[list[tuple[Line, str]]] = []
    for item in content:
        line = item[0]
        if groups:
            previous = groups[-1][-1][0]
            if previous.bottom - line.bottom <= PARAGRAPH_GAP * style.pitch(line.size):
                groups[-1].append(item)
                continue
        groups.append([item])
    return groups


# --- ruled tables -----------------------------------------------------------------------------


@dataclass
class _GridRow:
    top: float
    bottom: float
    columns: list[float]  # the x of the column borders, left to right


@dataclass
class _Level:
    """Horizontal rules at one height (a double or thick border counts once)."""

    top: float
    bottom: float
    segments: list[tuple[float, float]]

    @property
    def x0(self) -> float:
        return min(x0 for x0, _ in self.segments)

    @property
    def x1(self) -> float:
        return max(x1 for _, x1 in self.segments)

    def joints(self) -> list[float]:
        """Where one segment ends and the next begins: a column border drawn into the rule."""
        ordered = sorted(self.segments)
        return [
            (first[1] + second[0]) / 2
            for first, second in pairwise(ordered)
            if abs(second[0] - first[1]) <= RULE_LEVEL
        ]


def _levels(rules: list[Rule]) -> list[_Level]:
    levels: list[_Level] = []
    for rule in sorted(rules, key=lambda rule: -rule.y):
        if levels and levels[-1].bottom - rule.y <= RULE_LEVEL:
            levels[-1].bottom = rule.y
            levels[-1].segments.append((rule.x0, rule.x1))
        else:
            levels.append(_Level(rule.y, rule.y, [(rule.x0, rule.x1)]))
    return levels


def _joined_verticals(rules: list[Rule]) -> list[Rule]:
    """Vertical rules drawn in pieces one under the other, as one rule each."""
    joined: list[Rule] = []
    for rule in sorted(rules, key=lambda rule: (round(rule.y), rule.x0)):
        last = joined[-1] if joined else None
        if last is not None and abs(last.y - rule.y) <= 1.0 and rule.x0 <= last.x1 + RULE_LEVEL:
            last.x1 = max(last.x1, rule.x1)
        else:
            joined.append(Rule(rule.x0, rule.x1, rule.y))
    return joined


def _ruled_tables(page: Page) -> list[list[_GridRow]]:
    """Tables drawn with borders: rows between consecutive horizontal rules, with the
    vertical rules that cross each row, and the joints of the rules above and below it, as
    column borders; a table has a row of two cells or more (two rules around a page's text
    are no table)."""
    verticals = _joined_verticals(page.vertical_rules)
    tables: list[list[_GridRow]] = []
    current: list[_GridRow] = []
    for upper, lower in pairwise(_levels(page.rules)):
        top, bottom = upper.bottom, lower.top
        if top - bottom < MIN_ROW_HEIGHT and current:
            continue  # the spacing between rows whose cells are boxes drawn apart
        row = _grid_row(verticals, upper, lower) if top - bottom >= MIN_ROW_HEIGHT else None
        if row is not None and current and current[-1].bottom - row.top < MIN_ROW_HEIGHT:
            current.append(row)
            continue
        if any(len(candidate.columns) >= 3 for candidate in current):
            tables.append(current)
        current = [row] if row is not None else []
    if any(len(candidate.columns) >= 3 for candidate in current):
        tables.append(current)
    return tables


def _grid_row(verticals: list[Rule], upper: _Level, lower: _Level) -> _GridRow | None:
    """The row between two borders, with the vertical rules that cross it from one to the
    other as its column borders (and the joints the two borders share); None without two."""
    top, bottom = upper.bottom, lower.top
    left, right = min(upper.x0, lower.x0), max(upper.x1, lower.x1)
    crossing = [
        rule.y
        for rule in verticals
        if rule.x0 <= bottom + RULE_LEVEL
        and rule.x1 >= top - RULE_LEVEL
        and left - RULE_LEVEL <= rule.y <= right + RULE_LEVEL
    ]
    lower_joints = lower.joints()
    crossing += [x for x in upper.joints() if any(abs(x - other) <= RULE_LEVEL for other in lower_joints)]
    if len(crossing) >= 2:
        crossing += [left, right]
    columns: list[float] = []
    for x in sorted(crossing):
        if not columns or x - columns[-1] >= MIN_CELL_WIDTH:  # closer: one border (of boxes drawn apart)
            columns.append(x)
    return _GridRow(top, bottom, columns) if len(columns) >= 2 else None


def _grid_cells(
    grid: list[_GridRow], lines: list[Line], page: int, style: _Style
) -> tuple[list[_Paragraph], list[Line]]:
    """The cells of a ruled table, row by row, and the lines read into them. A line's words
    go to the column their middle falls in, whatever order the content gives them in."""
    cells: dict[tuple[int, int], list[tuple[Line, str]]] = defaultdict(list)
    consumed: list[Line] = []
    for line in lines:
        middle = (line.bottom + line.top) / 2
        row = next((index for index, row in enumerate(grid) if row.bottom <= middle <= row.top), None)
        if row is None or not grid[row].columns[0] - RULE_LEVEL <= line.x0 <= grid[row].columns[-1]:
            continue
        consumed.append(line)
        columns = grid[row].columns
        by_column: dict[int, list[str]] = defaultdict(list)
        for text, x0, x1 in line.words:
            centre = (x0 + x1) / 2
            column = next(
                (index for index in range(len(columns) - 1) if centre < columns[index + 1]), len(columns) - 2
            )
            by_column[column].append(text)
        for column, words in by_column.items():
            cells[(row, column)].append((line, " ".join(words)))
    paragraphs = []
    for (row, subrow, column), content in sorted(_split_tall_cells(cells, style).items()):
        first = content[0][0]
        paragraphs.append(
            _Paragraph(
                page,
                first.order,
                [text for _, text in content],
                [line for line, _ in content],
                kind="cell",
                x0=grid[row].columns[column],
                row=-(page * 10_000 + row * 100 + subrow + 1),
                column=column + 1,
            )
        )
    return paragraphs, consumed


def _split_at_columns(flow: list[Line], style: _Style) -> None:
    """A line whose words jump to the column where the next line starts, at the usual line
    spacing, is a table row ("Input state   Unique identity information: …" over
    "information relates to …"): split it there, unless what comes before is a label (a
    hanging indent)."""
    for line, below in pairwise(flow):
        if len(line.segments) != 1 or len(line.words) < 2 or below.x0 <= line.x0 + line.size:
            continue
        if line.bottom - below.bottom > CELL_LINE_GAP * style.pitch(line.size) or _LABEL_START.match(
            below.text
        ):
            continue
        for index in range(1, len(line.words)):
            _, x0, _ = line.words[index]
            gap = x0 - line.words[index - 1][2]
            if abs(x0 - below.x0) <= 1.5 and gap >= 0.5 * line.size:
                left = " ".join(word for word, _, _ in line.words[:index])
                if not _is_label(left):
                    right_words = line.words[index:]
                    line.segments = [
                        Segment(left, line.x0, line.words[index - 1][2]),
                        Segment(" ".join(word for word, _, _ in right_words), x0, right_words[-1][2]),
                    ]
                break


def _split_aligned_rows(flow: list[Line]) -> None:
    """A line with wide gaps whose words after them start where the cells of the row above
    or below start is a table row too ("North   12   11" under "Region   Members   Reports")."""
    for _ in range(2):  # rows split in the first pass let their neighbours split in the second
        for index, line in enumerate(flow):
            if len(line.segments) != 1 or len(line.words) < 2:
                continue
            neighbours = [flow[position] for position in (index - 1, index + 1) if 0 <= position < len(flow)]
            starts = [
                segment.x0
                for other in neighbours
                if len(other.segments) > 1
                for segment in other.segments[1:]
            ]
            if starts:
                _split_at(line, starts)


def _split_at(line: Line, starts: list[float]) -> None:
    segments: list[Segment] = []
    previous_end = None
    for text, x0, x1 in line.words:
        wide = previous_end is not None and x0 - previous_end > CELL_GAP * line.size
        if segments and not (wide and any(abs(x0 - start) <= 2.0 for start in starts)):
            segments[-1].text += " " + text
            segments[-1].x1 = x1
        else:
            segments.append(Segment(text, x0, x1))
        previous_end = x1
    if len(segments) > 1:
        line.segments = segments


def _flow_paragraphs(
    flow: list[Line], style: _Style, numbering: _LineNumbers, page_width: float
) -> list[_Paragraph]:
    _split_at_columns(flow, style)
    _split_aligned_rows(flow)
    # The right edge of the text, not of a table row above it that spans several columns.
    right = max((line.x1 for line in flow if len(line.segments) == 1), default=max(line.x1 for line in flow))
    justified = _is_justified(flow, right)
    margin = min(line.x0 for line in flow)
    paragraphs: list[_Paragraph] = []
    current: _Paragraph | None = None
    row: list[_Paragraph] = []
    for line in flow:
        if len(line.segments) > 1:
            current = None
            row = [
                _Paragraph(
                    line.page,
                    numbering.of(line),
                    [segment.text],
                    [line],
                    kind="cell",
                    x0=segment.x0,
                    x1=segment.x1,
                    row=numbering.of(line),
                    column=column,
                )
                for column, segment in enumerate(line.segments, start=1)
            ]
            paragraphs.extend(row)
            continue
        if row:
            cell = _cell_continued(row, line, right, style)
            if cell is not None:
                cell.pieces.append(line.text)
                continue
            row = []
        text_box = right - min(line.x0 for line in flow) < TEXT_BOX_SHARE * page_width
        if current is not None and not _breaks(current, line, right, justified, style, text_box):
            current.pieces.append(line.text)
            current.lines.append(line)
            continue
        current = _Paragraph(
            line.page, numbering.of(line), [line.text], [line], x0=line.x0, margin=margin, right=right
        )
        paragraphs.append(current)
    for paragraph in paragraphs:
        if paragraph.kind is None and _is_heading(paragraph, style):
            paragraph.kind = "heading"
    return paragraphs


def _cell_continued(row: list[_Paragraph], line: Line, right: float, style: _Style) -> _Paragraph | None:
    """The cell of the row above that a single-segment line continues: it starts where the
    cell's text starts, and the cell's last line had no room for its first word."""
    last_line = max((cell.lines[-1] for cell in row), key=lambda candidate: -candidate.bottom)
    if last_line.bottom - line.bottom > CELL_LINE_GAP * style.pitch(line.size):
        return None
    em = line.size
    for index, cell in enumerate(row):
        limit = row[index + 1].x0 if index + 1 < len(row) else right
        wrapped = cell.x1 + line.first_word + SPACE_GAP * em >= limit - em
        if abs(line.x0 - cell.x0) <= INDENT * em and wrapped:
            cell.lines.append(line)
            cell.x1 = line.x1
            return cell
    return None


def _is_justified(flow: list[Line], right: float) -> bool:
    """Do most lines of the flow reach its right edge? Then a line that stops short ends its
    paragraph; in ragged-right text (a typewritten page) only a finished sentence does."""
    full = sum(line.x1 >= right - line.size for line in flow)
    return len(flow) >= 3 and full >= JUSTIFIED_SHARE * len(flow)


def _breaks(
    paragraph: _Paragraph, line: Line, right: float, justified: bool, style: _Style, text_box: bool = False
) -> bool:
    """Does ``line`` start a new paragraph after ``paragraph``?"""
    previous = paragraph.lines[-1]
    em = line.size
    if (
        len(paragraph.lines) == 1
        and _is_label(previous.text)
        and previous.bottom - line.bottom < 2.5 * style.pitch(em)
    ):
        return False  # a paragraph number alone on its line belongs to the line below
    if is_contents_entry(previous.text) or len(previous.segments) > 1:
        return True
    if abs(previous.size - line.size) > SIZE_CHANGE * max(previous.size, line.size):
        return True
    if style.is_heading(previous) != style.is_heading(line) and not _style_goes_on(previous, line, right):
        return True
    pitch = max(style.pitch(previous.size), style.pitch(em))
    finished = previous.text.rstrip().rstrip(SUPERSCRIPTS).endswith((*_TERMINAL, ":"))
    starts_unit = bool(_LABEL_START.match(line.text) or _BULLET_START.match(line.text))
    going_on = not finished and line.text[:1].islower() and not starts_unit
    if going_on and previous.bottom - line.bottom < 2 * pitch:
        return False  # a sentence going on, wherever the line starts (text around a figure)
    if previous.bottom - line.bottom > PARAGRAPH_GAP * pitch:
        return True
    if _indentation_changes(paragraph, line, right, text_box):
        return True
    if _is_flush_right(previous, paragraph.margin, right) and _is_flush_right(line, paragraph.margin, right):
        return True  # short lines set flush right (a meeting and its date, a signature)
    stopped_short = previous.x1 + line.first_word + SPACE_GAP * em < right - 0.5 * em
    if starts_unit and (stopped_short or finished or line.text[:1] in _BULLET_MARKS):
        return True  # a bullet never goes on a sentence (a dash or a label may)
    if stopped_short and not justified and not finished:
        # Ragged-right text: a short line of body text whose next word would have fitted
        # ends its paragraph (an address, the items of a list drawn without bullet
        # characters); a long one may have been wrapped early. A title is broken where
        # its designer chose: a short title line over a long one goes on.
        if style.is_heading(previous):
            return _is_short(previous, paragraph.margin, right) and _is_short(line, paragraph.margin, right)
        return _is_short(previous, paragraph.margin, right)
    return stopped_short


def _is_short(line: Line, margin: float, right: float) -> bool:
    return line.x1 - line.x0 < SHORT_LINE * (right - margin)


def _is_flush_right(line: Line, margin: float, right: float) -> bool:
    """A line that ends at the flow's right edge and starts in its right half: set flush
    right, as a resolution's meeting and date or a signature are, not wrapped text."""
    return abs(line.x1 - right) < line.size and line.x0 > (margin + right) / 2


def _style_goes_on(previous: Line, line: Line, right: float) -> bool:
    """Bold that starts or stops inside a paragraph (a bold lead-in that fills its line, a
    quotation set in bold from mid-line): a line that is full and unfinished goes on."""
    unfinished = not previous.text.rstrip().endswith(_TERMINAL)
    return previous.x1 >= right - line.size and unfinished and abs(previous.size - line.size) < 0.5


def _indentation_changes(paragraph: _Paragraph, line: Line, right: float, text_box: bool) -> bool:
    em = line.size
    previous = paragraph.lines[-1]
    short = previous.x1 < right - em and line.x1 < right - em
    centred = abs((line.x0 + line.x1) - (previous.x0 + previous.x1)) < 2 * em
    if short and (centred or abs(line.x1 - previous.x1) < 0.5 * em):
        return False  # centred or right-aligned lines (a title, a table cell) are not indented
    centre = (line.x0 + line.x1) / 2
    if text_box and all(
        abs((earlier.x0 + earlier.x1) / 2 - centre) < 0.5 * em for earlier in paragraph.lines
    ):
        return False  # a narrow centred text box (a diagram's): its lines wrap around the centre
    continuation = paragraph.lines[1:]
    if continuation:
        margin = min(earlier.x0 for earlier in continuation)
        return line.x0 > margin + INDENT * em or line.x0 < margin - INDENT * em
    first = paragraph.lines[0]
    hanging = abs(line.x0 - first.text_start) <= INDENT * em and first.text_start > first.x0 + 1.0
    return line.x0 > first.x0 + INDENT * em and not hanging


def _is_heading(paragraph: _Paragraph, style: _Style) -> bool:
    """Larger or bold lines with words, short, not ended like a sentence (a list of headings
    may end them with ";"), not starting with a word in lower case (bold words that go on
    from the page before are text; "eIDAS" may start one)."""
    text = " ".join(paragraph.pieces)
    first_word = next((word for word in text.split() if any(char.isalpha() for char in word)), "")
    return (
        all(style.is_heading(line) for line in paragraph.lines)
        and bool(first_word)
        and len(text) <= HEADING_MAX_CHARS
        and not text.rstrip().endswith((".", ","))
        and not first_word.islower()
    )


# --- pages joined -----------------------------------------------------------------------------


def _join_pages(
    body_pages: list[list[_Paragraph]], footnote_pages: list[list[_Paragraph]], style: _Style
) -> list[_Paragraph]:
    """Paragraphs in reading order: each page's body, then its notes; a paragraph or note cut
    by the page break is joined to its beginning on the page before."""
    ordered: list[_Paragraph] = []
    last_body: list[_Paragraph] = []  # the body paragraphs of the last page that had any
    last_note: _Paragraph | None = None
    for body, notes in zip(body_pages, footnote_pages, strict=True):
        start = 0
        continued = _continued_paragraph(last_body, body[0], style) if body else None
        if continued is not None:
            continued.pieces += body[0].pieces
            continued.lines += body[0].lines
            start = 1
        ordered.extend(body[start:])
        if len(body) > start:
            last_body = body[start:]
        for note in notes:
            if note.kind == "footnote-continued":
                if last_note is not None:
                    last_note.pieces += note.pieces
                    last_note.lines += note.lines
                    continue
                note.kind = "footnote"
            ordered.append(note)
            last_note = note
    return ordered


def _number_tables(paragraphs: list[_Paragraph]) -> list[_Paragraph]:
    """Cells read one after the other make a table (across a page break too: notes at the
    foot of the page do not end it); rows are numbered from 1 in each; a header row printed
    again at the top of a page is left out."""
    table = 0
    rows: dict[int, int] = {}
    header: list[str] = []
    previous: _Paragraph | None = None
    kept: list[_Paragraph] = []
    for row in _rows(paragraphs):
        first = row[0]
        if first.kind != "cell":
            kept.extend(row)
            if first.kind != "footnote":
                previous = first
            continue
        texts = [cell.last_text for cell in row]
        if previous is None or previous.kind != "cell":
            table, rows, header = table + 1, {}, texts
        elif first.page != previous.page and (texts == header or _continues_row(row, kept)):
            continue  # a header row printed again, or the rest of a row cut by the page break
        for cell in row:
            cell.table = table
            cell.row = rows.setdefault(cell.row, len(rows) + 1)
        kept.extend(row)
        previous = row[-1]
    return kept


def _continues_row(row: list[_Paragraph], kept: list[_Paragraph]) -> bool:
    """A row at the top of a page with nothing in its first column is the rest of the last
    row of the page before, cut by the page break: its texts go to the cells above."""
    if any(cell.column == 1 for cell in row):
        return False
    last_cell = next(paragraph for paragraph in reversed(kept) if paragraph.kind == "cell")
    above = {
        cell.column: cell
        for cell in kept
        if cell.kind == "cell" and cell.table == last_cell.table and cell.row == last_cell.row
    }
    if not all(cell.column in above for cell in row):
        return False
    for cell in row:
        above[cell.column].pieces += cell.pieces
        above[cell.column].lines += cell.lines
    return True


def _rows(paragraphs: list[_Paragraph]) -> list[list[_Paragraph]]:
    """Paragraphs grouped as table rows (cells of one row together), others one by one."""
    groups: list[list[_Paragraph]] = []
    for paragraph in paragraphs:
        if (
            paragraph.kind == "cell"
            and groups
            and groups[-1][0].kind == "cell"
            and groups[-1][0].row == paragraph.row
        ):
            groups[-1].append(paragraph)
        else:
            groups.append([paragraph])
    return groups


def _demote_numbered_lists(paragraphs: list[_Paragraph]) -> None:
    """Bold numbered lines that follow one another ("1. …", "2. …", with no text between)
    are the items of a numbered list set in bold, not headings: a heading has text under it,
    and one language may well set as a heading what the other ends like a sentence."""
    body = [paragraph for paragraph in paragraphs if paragraph.kind not in ("footnote", "cell")]
    for first, second in pairwise(body):
        first_number, second_number = _item_number(first), _item_number(second)
        if first_number is not None and second_number == first_number + 1:
            for paragraph in (first, second):
                if paragraph.kind == "heading":
                    paragraph.kind = None


def _item_number(paragraph: _Paragraph) -> int | None:
    match = _NUMBERED_ITEM.match(paragraph.pieces[0] if paragraph.pieces else "")
    return int(match.group(0).rstrip(".) \t")) if match else None


def _mark_titles(paragraphs: list[_Paragraph]) -> None:
    """The headings a document opens with, on its first page before any body text, are its
    title block (a masthead, a cover page), not headings of its body."""
    first_page = paragraphs[0].page if paragraphs else 0
    for paragraph in paragraphs:
        if paragraph.page != first_page or paragraph.kind != "heading":
            break
        paragraph.kind = "title"


# How many paragraphs at the end of a page may stand between a paragraph cut by the page
# break and the page's end: a pull quote or a box set beside the text, read after it.
_BOXES_AFTER_CUT = 3


def _continued_paragraph(
    previous_page: list[_Paragraph], first: _Paragraph, style: _Style
) -> _Paragraph | None:
    """The paragraph of the page before that ``first`` (a page's first paragraph) goes on
    with: the page's last one, or, when ``first`` opens in lower case (the rest of a
    sentence), an unfinished one a few paragraphs before it, with only boxes after it."""
    if not previous_page:
        return None
    if _continues_across_pages(previous_page[-1], first, style):
        return previous_page[-1]
    if not first.lines or not first.lines[0].text[:1].islower():
        return None
    for earlier in reversed(previous_page[-1 - _BOXES_AFTER_CUT : -1]):
        if _continues_across_pages(earlier, first, style):
            return earlier
    return None


def _continues_across_pages(before: _Paragraph, after: _Paragraph, style: _Style) -> bool:
    if before.kind is not None or after.kind is not None or not before.lines or not after.lines:
        return False
    first, last = after.lines[0], before.lines[-1]
    if abs(first.size - last.size) > SIZE_CHANGE * max(first.size, last.size):
        return False
    text = first.text
    if _LABEL_START.match(text) or _BULLET_START.match(text):
        return False
    if last.x1 < before.right - max(3 * last.size, 0.15 * (before.right - before.margin)):
        return False  # the paragraph's last line stopped short: it ended there
    if text[:1].islower():
        return True
    continuation = before.lines[1:] or before.lines
    if first.x0 > min(line.x0 for line in continuation) + INDENT * first.size:
        return False  # an indented first line opens a paragraph
    if not before.last_text.rstrip().rstrip(SUPERSCRIPTS).rstrip().endswith(_TERMINAL):
        return True
    return _cut_between_sentences(last, first, before.right, style)


def _cut_between_sentences(last: Line, first: Line, right: float, style: _Style) -> bool:
    """A page that ends with a finished sentence and a next page that opens flush with a
    capital: the page broke a paragraph between two sentences only if the page is full (its
    last line as low as full pages' are, not a line or more above, where the next paragraph's
    gap did not fit) and that line had no room left for the next page's first word."""
    full_page = style.floor > 0 and last.bottom - style.floor < style.pitch(last.size)
    no_room = last.x1 + SPACE_GAP * first.size + first.first_word > right - 0.5 * first.size
    return full_page and no_room


# --- blocks -----------------------------------------------------------------------------------


def _block(paragraph: _Paragraph, vocabulary: Counter[str], slash_labels: set[str]) -> Block:
    # Pieces joined once at the end (a paragraph over many pages is not copied line by line).
    parts: list[str] = []
    for piece in (piece.strip() for piece in paragraph.pieces):
        if not piece:
            continue
        if parts:
            separator, dehyphenated = line_joint(parts[-1], piece, vocabulary)
            if dehyphenated:
                parts[-1] = parts[-1][:-1]
            parts.append(separator)
        parts.append(piece)
    text = "".join(parts)
    if paragraph.kind != "footnote" and slash_labels:
        text = _SLASH_CALL.sub(
            lambda match: (
                digits_to_superscript(match.group(1)) if match.group(1) in slash_labels else match.group(0)
            ),
            text,
        )
    first = paragraph.first
    italic_lead = first.italic_lead if first is not None and paragraph.kind is None else ""
    return Block(
        text=re.sub(r"\s+", " ", text).strip(),
        line=paragraph.line,
        kind=paragraph.kind,
        label=paragraph.label,
        italic_lead=italic_lead or None,
        page=paragraph.page,
        table=paragraph.table,
        row=paragraph.row if paragraph.kind == "cell" else 0,
        column=paragraph.column,
    )


def _notes(pages: list[Page], furniture: set[tuple[int, int]], ordered: list[_Paragraph]) -> list[str]:
    notes = [f"read {counted(len(pages), 'PDF page')}"]
    if furniture:
        dropped = wording.number(len(furniture))
        notes.append(f"dropped {dropped} running heads, footers and page numbers of the PDF layout")
    footnotes = sum(paragraph.kind == "footnote" for paragraph in ordered)
    if footnotes:
        notes.append(f"found {counted(footnotes, 'footnote')} at the foot of the pages")
    cells = sum(paragraph.kind == "cell" for paragraph in ordered)
    if cells:
        notes.append(f"read {counted(cells, 'table cell')} one by one")
    rotated = sum(page.rotated_chars for page in pages)
    if rotated:
        left_out = counted(rotated, "character")
        notes.append(f"left out {left_out} of rotated text (margin notes, figure labels)")
    return notes
