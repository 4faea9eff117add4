"""Markdown -> blocks, parsed by markdown-it-py (CommonMark with pipe tables), markup removed.

Headings (``#``…) get kind "heading" and their level; list items kind "item" with the label
the list prints ("•" for a bullet, "3." for an ordered item, whose text starts with it as a
reader sees it); pipe-table cells kind "cell" with their table, row and column; fenced and
indented code kind "code". Links keep their text, images their alternative text; emphasis
marks, HTML tags and comments go. What only helps to move around is left out: a list whose
every item is a link to an anchor of the page (an in-page table of contents) and a line made
only of links and separators ("[<- Previous](2.md) | [Contents](README.md)").

The lines of a paragraph are joined, except after a hyphen, which ``repair`` judges (a word a
conversion from PDF hyphenated, or a real compound); a leading YAML front matter is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..errors import InputError
from ..model import Block, RawDocument
from .encoding import decode
from .inline import Segment, collapse_spaces, is_all_italic, italic_lead
from .safexml import parse_html_fragment

FORMAT = "markdown"
BULLET = "•"
FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
# What may stand between the links of a navigation line: separators and arrows.
NAVIGATION_FILLER = re.compile(r"^[\s|•·/\\<>\-–—→←»«:]*$")
ITALIC_OPEN = frozenset({"em_open"})
ITALIC_CLOSE = frozenset({"em_close"})


def parser() -> MarkdownIt:
    """A CommonMark parser with raw HTML and tables (GitHub's pipe tables) enabled."""
    return MarkdownIt("commonmark", {"html": True}).enable("table")


@dataclass
class ListState:
    """One open list: whether it is numbered, and the label of the item being read, which only the
    item's first paragraph takes."""

    ordered: bool
    # The label of the item being read, given to its first paragraph only.
    pending_label: str | None = None


@dataclass
class MarkdownReading:
    """What reading a Markdown file accumulates: the blocks, the lists open at this point, and the
    position in the current table (table number, row, column)."""

    blocks: list[Block] = field(default_factory=list)
    lists: list[ListState] = field(default_factory=list)
    tables: int = 0
    row: int = 0
    column: int = 0


def read(path: Path, data: bytes) -> RawDocument:
    """The blocks of a Markdown file (front matter and navigation left out): headings with their
    level, paragraphs, list items with their printed labels, table cells, code blocks and the
    text of raw HTML blocks."""
    name = str(path)
    decoded = decode(data, name)
    text = FRONT_MATTER.sub(lambda match: "\n" * match.group(0).count("\n"), decoded.text, count=1)
    tokens = drop_navigation(parser().parse(text))
    reading = MarkdownReading()
    for index, token in enumerate(tokens):
        block_token(token, tokens, index, reading)
    if not reading.blocks:
        raise InputError(f"{name}: the Markdown file has no text")
    return RawDocument(
        path=name,
        format=FORMAT,
        blocks=reading.blocks,
        encoding=decoded.encoding,
        notes=[decoded.note] if decoded.note else [],
    )


def block_token(token: Token, tokens: list[Token], index: int, reading: MarkdownReading) -> None:
    """Follow one block-level token: lists and tables opening and closing, the inline content of a
    heading, paragraph or cell, code, and raw HTML."""
    kind = token.type
    if kind in ("bullet_list_open", "ordered_list_open"):
        reading.lists.append(ListState(ordered=kind == "ordered_list_open"))
    elif kind in ("bullet_list_close", "ordered_list_close"):
        reading.lists.pop()
    elif kind == "list_item_open" and reading.lists:
        state = reading.lists[-1]
        state.pending_label = f"{token.info}{token.markup}" if state.ordered else BULLET
    elif kind == "table_open":
        reading.tables += 1
        reading.row = 0
    elif kind == "tr_open":
        reading.row += 1
        reading.column = 0
    elif kind in ("th_open", "td_open"):
        reading.column += 1
    elif kind == "inline":
        inline_block(token, tokens[index - 1] if index else None, reading)
    elif kind in ("fence", "code_block"):
        add(reading, Block(text=token.content.rstrip("\n"), line=line_of(token), kind="code"))
    elif kind == "html_block":
        text = html_text(token.content)
        if text:
            add(reading, Block(text=text, line=line_of(token)))


def inline_block(token: Token, opener: Token | None, reading: MarkdownReading) -> None:
    """The text of a heading, paragraph or table cell, with what its opening tag says it is."""
    segments = inline_segments(token.children or [])
    text = "\n".join(collapse_spaces(line) for line in "".join(s.text for s in segments).split("\n"))
    text = text.strip("\n")
    if not text.strip():
        return
    block = Block(text=text, line=line_of(token))
    whole_italic = is_all_italic(segments)
    block.italic, block.italic_lead = whole_italic, None if whole_italic else italic_lead(segments)
    opener_type = opener.type if opener is not None else ""
    if opener_type == "heading_open" and opener is not None:
        block.kind, block.level = "heading", int(opener.tag[1:])
        block.text = collapse_spaces(text)
    elif opener_type in ("th_open", "td_open"):
        block.kind, block.table, block.row, block.column = "cell", reading.tables, reading.row, reading.column
    elif reading.lists and reading.lists[-1].pending_label is not None:
        state = reading.lists[-1]
        label, state.pending_label = state.pending_label, None
        block.kind, block.label, block.level = "item", label, len(reading.lists)
        if label != BULLET:
            block.text = f"{label} {text}"
    add(reading, block)


def add(reading: MarkdownReading, block: Block) -> None:
    """Keep a block that has text."""
    if block.text.strip():
        reading.blocks.append(block)


def line_of(token: Token) -> int:
    """The line a token starts on (from 1), 0 when the parser gives none."""
    return token.map[0] + 1 if token.map else 0


def inline_segments(children: list[Token]) -> list[Segment]:
    """Text of inline tokens, italics marked: links give their text, images their alternative
    text, code its content; tags, comments and emphasis marks give nothing."""
    segments: list[Segment] = []
    italic = 0
    for child in children:
        kind = child.type
        if kind in ITALIC_OPEN:
            italic += 1
        elif kind in ITALIC_CLOSE:
            italic = max(0, italic - 1)
        elif kind in ("text", "code_inline"):
            segments.append(Segment(child.content, italic > 0))
        elif kind == "softbreak":
            # One paragraph, whatever the lines look like; a hyphen at the end of a line is
            # left for repair to judge ("inter-" + "national", "Secretary-" + "General").
            hyphenated = bool(segments) and segments[-1].text.endswith("-")
            segments.append(Segment("\n" if hyphenated else " ", italic > 0))
        elif kind == "hardbreak":
            segments.append(Segment("\n", italic > 0))
        elif kind == "image":
            segments.append(Segment(child.content, italic > 0))
        elif kind == "html_inline" and re.match(r"<br\s*/?>", child.content, re.I):
            segments.append(Segment("\n", italic > 0))
    return segments


def html_text(content: str) -> str:
    """The text of a raw HTML block ("" for a comment or an empty anchor)."""
    stripped = re.sub(r"<!--.*?-->", "", content, flags=re.DOTALL).strip()
    if not stripped:
        return ""
    fragment = parse_html_fragment(stripped)
    return collapse_spaces(fragment.text_content()) if fragment is not None else ""


# --- navigation -----------------------------------------------------------------------------------


def drop_navigation(tokens: list[Token]) -> list[Token]:
    """Tokens without in-page tables of contents and navigation lines."""
    kept: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type in ("bullet_list_open", "ordered_list_open") and token.level == 0:
            end = closing_index(tokens, index)
            if is_anchor_list(tokens[index : end + 1]):
                index = end + 1
                continue
        if (
            token.type == "paragraph_open"
            and index + 1 < len(tokens)
            and is_navigation_line(tokens[index + 1])
        ):
            index += 3
            continue
        kept.append(token)
        index += 1
    return kept


def closing_index(tokens: list[Token], start: int) -> int:
    """The index of the token that closes the one at ``start`` (by nesting), else the last token."""
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


def is_anchor_list(tokens: list[Token]) -> bool:
    """Every item of the list (and of the lists inside it) is one link to "#anchor"."""
    inlines = [token for token in tokens if token.type == "inline"]
    return bool(inlines) and all(only_links(token, internal=True) == 1 for token in inlines)


def is_navigation_line(token: Token) -> bool:
    """A line of two or more links and nothing else but separators."""
    return token.type == "inline" and only_links(token, internal=False) >= 2


def only_links(token: Token, internal: bool) -> int:
    """How many links the inline token holds if it holds nothing else but separators, else 0;
    with ``internal``, the links must point into the page ("#…")."""
    links = depth = 0
    outside: list[str] = []
    for child in token.children or []:
        if child.type == "link_open":
            depth += 1
            links += 1
            if internal and not str(child.attrs.get("href", "")).startswith("#"):
                return 0
        elif child.type == "link_close":
            depth -= 1
        elif depth == 0 and child.type in ("text", "code_inline", "image"):
            outside.append(child.content)
    return links if NAVIGATION_FILLER.match("".join(outside)) else 0
