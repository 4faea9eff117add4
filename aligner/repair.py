"""Undo what conversion from PDF (or a careless export) did to a text, before structure is parsed.

Each step is a function from blocks to blocks, so each can be tested on its own:

- ``drop_table_of_contents``: entries with a dot leader and a page number, and their title.
- ``unwrap``: lines hard-wrapped at a fixed width become paragraphs again; a word hyphenated at
  a line end is rejoined ("inter-" + "national") unless the hyphen is real ("Secretary-General").
- ``drop_page_furniture``: running heads (the document symbol), page numbers ("5/61") and job
  numbers ("19-20599") printed on every page.
- ``clean_markup``: markdown left-overs: ``[A/74/125](#)`` becomes ``A/74/125``, bold and italic
  marks go (the italic lead word of an operative paragraph is recorded), ``2^e`` becomes ``2e``.
- ``mark_footnotes``: blocks that start with a superscript number are footnotes.
- ``rejoin_splits``: a paragraph cut by a page break, by a footnote block printed at the foot of
  the page, or by the continuation of a footnote from the previous page, is put back together.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import pairwise

from .anchors import superscript_to_digits
from .labels import (
    DECIMAL_PARAGRAPH,
    DIVISION_LABEL,
    FOOTNOTE_START,
    NUMBERED,
    OPTIONAL_LEADING_LABEL,
    UNIT_START,
)
from .labels import SUPERSCRIPTS as SUPERSCRIPT_DIGITS
from .model import Block, RawDocument
from .profiles import LanguageProfile
from .wording import counted, number

_JOB_NUMBER = re.compile(r"^\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\S+)*$")
_SYMBOL = re.compile(r"^[A-Z]{1,6}(?:/[A-Za-z0-9.\-]+)+$")

# Neither part of a link holds its own opening bracket, so a run of "[" or "[a](" fails
# once per bracket instead of scanning the rest of the line from each.
_LINK = re.compile(r"\[([^\[\]\n]+)\]\([^()\n]*\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_SUPERSCRIPT_TEXT = re.compile(r"\^\{([^}\n]{1,6})\}|\^([A-Za-zèé]{1,4})")
_ESCAPED = re.compile(r"\\([*_\[\]()#.\-])")
_SPACES = re.compile(r"[ \t]+")

_LONGEST_TITLE = 300
_SHORT_LINE = 60
_MIN_WRAPPED_LINES = 8
_PLAUSIBLE_WIDTHS = (40, 200)
_TERMINAL = tuple(".;:!?»”\"')]…")


@dataclass
class RepairReport:
    """What repair changed, for the notes of the document and for tests."""

    unwrapped_lines: int = 0
    dehyphenated: int = 0
    dropped: list[str] = field(default_factory=list)
    contents_entries: int = 0
    page_splits_joined: int = 0
    footnote_continuations: int = 0

    def notes(self) -> list[str]:
        """What repair did, one line for each kind of change it made (lines unwrapped, contents
        entries and page furniture dropped, paragraphs rejoined...)."""
        notes = []
        if self.unwrapped_lines:
            notes.append(
                f"unwrapped {counted(self.unwrapped_lines, 'hard-wrapped line')} "
                f"({counted(self.dehyphenated, 'hyphenation')} undone)"
            )
        if self.contents_entries:
            notes.append(f"dropped {counted(self.contents_entries, 'table-of-contents entry')}")
        if self.dropped:
            notes.append(f"dropped {number(len(self.dropped))} running heads, page and job numbers")
        if self.page_splits_joined:
            joined = counted(self.page_splits_joined, "paragraph")
            notes.append(f"rejoined {joined} split by page breaks or footnotes")
        if self.footnote_continuations:
            continued = counted(self.footnote_continuations, "footnote")
            notes.append(f"rejoined {continued} continued on the next page")
        return notes


def repair(document: RawDocument, profile: LanguageProfile) -> tuple[RawDocument, RepairReport]:
    """Run every repair step on a document whose blocks are plain paragraphs (text, Word);
    formats whose reader already keyed every block (XML, HTML) pass through untouched.
    Page furniture and page splits are looked for only in text that went through pages."""
    report = RepairReport()
    if document.blocks and all(block.key for block in document.blocks):
        return document, report
    blocks = drop_table_of_contents(document.blocks, report)
    blocks = unwrap(blocks, report)
    symbol = None
    if document.paginated:
        blocks, symbol = drop_page_furniture(blocks, report, profile)
    blocks = [clean_markup(block) for block in blocks]
    blocks = mark_footnotes(blocks)
    if document.paginated:
        blocks = rejoin_splits(blocks, report, profile)
    # Markup that a page break cut in two ("*Documents" ... "officiels*") is whole again now.
    blocks = [clean_markup(block) for block in blocks]
    metadata = dict(document.metadata)
    if symbol and "symbol" not in metadata:
        metadata["symbol"] = symbol
    repaired = replace(document, blocks=blocks, metadata=metadata, notes=document.notes + report.notes())
    return repaired, report


# --- tables of contents ----------------------------------------------------------------------

# An entry of a table of contents (or of a list of figures): a title, a dot leader and a page
# number, roman in front matter ("2.3 Scope ........ 12", "Annex ……… iv"). The title may be
# empty on the second line of an entry that wrapped.
# Read in linear time whatever the line (a paragraph of 100,000 dots is no entry, and must not
# take minutes to say so): the page number at the end, then the run of dots, ellipses and
# spaces before it, which must hold a leader, or follow a leader of underscores or dots.
_CONTENTS_PAGE = re.compile(r"(?:\d{1,4}|[ivxlc]{1,7}|[IVXLC]{1,7})$")
_DOT_LEADER = re.compile(r"\.{4}|…{2}|(?:\.\s){4}")
_LEADER_FILL = re.compile(r"(?<![.…\s])[.…\s]*$")
_CONTENTS_MIN_ENTRIES = 3
_CONTENTS_TITLE_CHARS = 60


# What every contents entry holds (a dot leader): most lines are ruled out by this search
# alone.
_LEADER = re.compile(r"\.{4}|…{2}|(?:\.\s){4}|[_·]{4}")


def is_contents_entry(line: str) -> bool:
    """Is this line an entry of a table of contents (a title, a dot leader, then a page
    number: "2.3 Scope ........ 12", "Annex ……… iv")?"""
    if _LEADER.search(line) is None:
        return False
    line = line.strip()
    page = _CONTENTS_PAGE.search(line)
    if page is None:
        return False
    before = line[: page.start()]
    fill = _LEADER_FILL.search(before)  # always found: the run of leader characters that ends it
    title = before[: fill.start()] if fill else before
    underscores = len(title) >= 4 and all(char in "_·" for char in title[-4:])
    return underscores or bool(_DOT_LEADER.search(before, len(title)))


def drop_table_of_contents(blocks: list[Block], report: RepairReport) -> list[Block]:
    """Drop table-of-contents entries (lines with a dot leader and a page number), the first
    line of an entry that wrapped, and the title of a table of contents (a short line right
    before its entries). A block left empty disappears."""
    kept: list[Block] = []
    pending_title: Block | None = None
    for position, block in enumerate(blocks):
        lines = block.text.split("\n")
        entries = [is_contents_entry(line) for line in lines]
        if not any(entries):
            if pending_title is not None:
                kept.append(pending_title)
            pending_title = block if _could_be_contents_title(block) else None
            if pending_title is None:
                kept.append(block)
            continue
        remaining = [
            line
            for index, line in enumerate(lines)
            if not entries[index] and not _wrapped_entry_start(lines, entries, index)
        ]
        report.contents_entries += sum(entries)
        starts_contents = sum(entries) >= _CONTENTS_MIN_ENTRIES or _entries_follow(blocks, position)
        if pending_title is not None and not (starts_contents and not remaining[:1]):
            kept.append(pending_title)
        pending_title = None
        if remaining:
            kept.append(replace(block, text="\n".join(remaining)))
    if pending_title is not None:
        kept.append(pending_title)
    return kept


def _could_be_contents_title(block: Block) -> bool:
    text = block.text.strip()
    return "\n" not in text and len(text) <= _CONTENTS_TITLE_CHARS and not text.endswith(_TERMINAL)


def _wrapped_entry_start(lines: list[str], entries: list[bool], index: int) -> bool:
    """A line of an entry that wrapped: not an entry itself, directly followed by one, short,
    without final punctuation, in a block whose other lines are entries."""
    line = lines[index].strip()
    return (
        index + 1 < len(lines)
        and entries[index + 1]
        and sum(entries) >= 2
        and len(line) <= 2 * _CONTENTS_TITLE_CHARS
        and not line.endswith(_TERMINAL)
    )


def _entries_follow(blocks: list[Block], start: int) -> bool:
    """Do the blocks from ``start`` on begin with enough contents entries (one entry a block)?"""
    following = blocks[start : start + _CONTENTS_MIN_ENTRIES]
    return len(following) == _CONTENTS_MIN_ENTRIES and all(
        any(is_contents_entry(line) for line in candidate.text.split("\n")) for candidate in following
    )


# --- unwrapping -------------------------------------------------------------------------------


def wrap_width(blocks: list[Block]) -> int | None:
    """The width text was hard-wrapped at, or None if lines were not wrapped.

    Wrapped text has many blocks of several lines whose non-final lines all reach nearly
    the same length; a paragraph-per-line text has long single lines instead.
    """
    inner_lengths = [len(line) for block in blocks for line in block.text.split("\n")[:-1]]
    if len(inner_lengths) < _MIN_WRAPPED_LINES:
        return None
    inner_lengths.sort()
    width = inner_lengths[int(len(inner_lengths) * 0.9)]
    if not _PLAUSIBLE_WIDTHS[0] <= width <= _PLAUSIBLE_WIDTHS[1]:
        return None
    near_width = sum(length >= 0.6 * width for length in inner_lengths)
    return width if near_width >= 0.6 * len(inner_lengths) else None


def unwrap(blocks: list[Block], report: RepairReport) -> list[Block]:
    """Join the lines of each block that belong to one paragraph; split where a new one starts."""
    width = wrap_width(blocks)
    hyphenated = any(line.endswith("-") for block in blocks for line in block.text.split("\n")[:-1])
    vocabulary = (
        line_vocabulary(line for block in blocks for line in block.text.split("\n"))
        if hyphenated
        else Counter()
    )
    result: list[Block] = []
    for block in blocks:
        if block.kind == "cell":
            result.append(block)  # the lines of a table cell are one unit, whatever they look like
            continue
        lines = [line.strip() for line in block.text.split("\n")]
        # Each paragraph is a list of pieces joined once at the end: joining line by line
        # would copy the paragraph at every line (quadratic on a million-line block).
        paragraphs = [[lines[0]]]
        for previous_line, line in pairwise(lines):
            pieces = paragraphs[-1]
            if _continues(pieces[-1], previous_line, line, width):
                separator, dehyphenated = _join_lines(pieces[-1], line, vocabulary)
                if dehyphenated:
                    pieces[-1] = pieces[-1][:-1]
                pieces += (separator, line)
                report.unwrapped_lines += 1
                report.dehyphenated += dehyphenated
            else:
                paragraphs.append([line])
        result.extend(
            replace(block, text="".join(pieces), line=block.line + offset)
            for offset, pieces in enumerate(paragraphs)
        )
    return result


def _continues(paragraph: str, previous_line: str, line: str, width: int | None) -> bool:
    """Does ``line`` continue ``paragraph`` (its end: only how it ends counts), whose last
    line was ``previous_line``?"""
    if UNIT_START.match(line) and not previous_line.endswith("-"):
        # A new numbered paragraph, unless the previous line was filled to the margin.
        return width is not None and len(previous_line) >= 0.85 * width and not paragraph.endswith(_TERMINAL)
    if previous_line.endswith("-") or line[:1].islower() or line[:1] in ",;:)]»”":
        return True
    if width is None:
        # Short lines are header lines ("Distr.: General" / "26 November 2019"); a long
        # line without final punctuation was cut.
        return len(previous_line) >= _SHORT_LINE and not previous_line.endswith(_TERMINAL)
    # Wrapped lines reach the margin; a short line ends its paragraph (or is a header line).
    return len(previous_line) >= 0.6 * width


# A match starts only where a word starts (the look-behind): searching a long line that
# ends in a hyphen tries each word once, not each character.
_WORD_BEFORE_HYPHEN = re.compile(r"(?<!\w)(\w++)-$")
_WORD_AFTER = re.compile(r"^(\w+)")


def _join_lines(previous: str, line: str, vocabulary: Counter[str]) -> tuple[str, int]:
    """How ``line`` joins the paragraph that ends with ``previous``: the separator to put
    between them ("" or " ") and 1 if the line-end hyphen of ``previous`` goes. The hyphen
    goes when the joined word is a known word or the hyphenated form is unknown and the next
    part is in lower case."""
    before = _WORD_BEFORE_HYPHEN.search(previous)
    after = _WORD_AFTER.match(line)
    if not (before and after):
        return ("" if previous.endswith("-") else " "), 0
    head, tail = before.group(1), after.group(1)
    if any(mark in previous.rsplit(" ", 1)[-1] for mark in "/@"):
        return "", 0  # an address or a path: its hyphens are its own
    joined_word = (head + tail).lower()
    hyphenated_word = f"{head}-{tail}".lower()
    keep_hyphen = vocabulary[hyphenated_word] > vocabulary[joined_word] or (
        vocabulary[joined_word] == 0 and (tail[:1].isupper() or tail.isdigit())
    )
    return "", 0 if keep_hyphen else 1


def line_joint(previous: str, line: str, vocabulary: Counter[str]) -> tuple[str, int]:
    """How a layout reader joins two lines of one paragraph: the separator and whether the
    line-end hyphen of ``previous`` goes (the rule of ``unwrap``)."""
    return _join_lines(previous, line, vocabulary)


_VOCABULARY_WORD = re.compile(r"\w+(?:-\w+)*")


def line_vocabulary(lines: Iterable[str]) -> Counter[str]:
    """Words and hyphenated compounds of a document's lines that are not split at a line end
    (what ``line_joint`` asks to decide whether a line-end hyphen is real)."""
    counts: Counter[str] = Counter()
    for line in lines:
        body = line[:-1] if line.endswith("-") else line
        for word in _VOCABULARY_WORD.findall(body.lower()):
            counts[word] += 1
            if "-" in word:
                counts.update(word.split("-"))
    return counts


# --- page furniture ---------------------------------------------------------------------------


def drop_page_furniture(
    blocks: list[Block], report: RepairReport, profile: LanguageProfile
) -> tuple[list[Block], str | None]:
    """Drop running heads, page and job numbers; return the document symbol they revealed."""
    symbol_counts = Counter(block.text.strip() for block in blocks if _SYMBOL.match(block.text.strip()))
    running_symbol = next((text for text, count in symbol_counts.most_common(1) if count >= 2), None)
    kept: list[Block] = []
    for block in blocks:
        text = block.text.strip()
        if profile.is_page_number(text) or _JOB_NUMBER.match(text) or text == running_symbol:
            report.dropped.append(text)
            continue
        kept.append(block)
    return kept, running_symbol


# --- markup -----------------------------------------------------------------------------------


def clean_markup(block: Block) -> Block:
    """Remove markdown left-overs, keeping what they meant (symbols, italic lead words)."""
    # Each pattern needs a character most blocks do not have: looked for before it is run.
    text = _LINK.sub(r"\1", block.text) if "](" in block.text else block.text
    italic_lead = block.italic_lead
    if "*" in text:
        text = _BOLD.sub(r"\1", text)
        label = OPTIONAL_LEADING_LABEL.match(text)
        lead_match = _ITALIC.match(text, label.end()) if label else None
        if lead_match and italic_lead is None:
            italic_lead = lead_match.group(1).strip()
        text = _ITALIC.sub(r"\1", text)
    if "^" in text:
        text = _SUPERSCRIPT_TEXT.sub(lambda match: match.group(1) or match.group(2), text)
    if "\\" in text:
        text = _ESCAPED.sub(r"\1", text)
    if "  " in text or "\t" in text:
        text = _SPACES.sub(" ", text)
    text = text.strip()
    if text == block.text and italic_lead == block.italic_lead:
        return block
    return replace(block, text=text, italic_lead=italic_lead)


# --- footnotes and page splits ----------------------------------------------------------------


def mark_footnotes(blocks: list[Block]) -> list[Block]:
    """Blocks starting with a superscript number become footnotes labelled with that number."""
    marked = []
    for block in blocks:
        match = FOOTNOTE_START.match(block.text)
        if match and block.kind in (None, "footnote"):
            label = superscript_to_digits(match.group("label"))
            marked.append(replace(block, kind="footnote", label=label, text=block.text[match.end() :]))
        else:
            marked.append(block)
    return marked


def is_unfinished(text: str) -> bool:
    """A paragraph that stops without closing punctuation was probably cut short."""
    return not _without_trailing_refs(text).endswith(_TERMINAL)


# How a paragraph ends is read from its last characters only, so that each question about
# a long paragraph costs the same as about a short one.
_TAIL = 1000


def _without_trailing_refs(text: str) -> str:
    """The end of the text (its last ``_TAIL`` characters) without the footnote reference that
    may follow its final punctuation (",⁸")."""
    return text[-_TAIL:].rstrip().rstrip(SUPERSCRIPT_DIGITS).rstrip()


def _looks_like_continuation(block: Block, last_body: Block | None, profile: LanguageProfile) -> bool:
    """Is this block the rest of an earlier paragraph rather than a paragraph of its own?"""
    text = block.text
    if block.kind is not None or not text:
        return False
    if text[0].islower() and not UNIT_START.match(text):
        return True
    if text[0] in ",;:)]»”":
        return True
    if last_body is None or UNIT_START.match(text) or _is_division_title(last_body.text, profile):
        return False
    previous = _without_trailing_refs(last_body.text)
    previous_length = len(last_body.text) - (min(len(last_body.text), _TAIL) - len(previous))
    stops_mid_sentence = previous[-1:].isalnum() or previous.endswith(("«", "“", "-"))
    if stops_mid_sentence and text[0] in "(«“\"'":
        return True
    # A page break (form feed) fell inside the paragraph: the new page goes on with it.
    if block.page > last_body.page and (stops_mid_sentence or text[0].isdigit()):
        return True
    # A list of names cut by the page end goes on after its comma; so does a numbered
    # paragraph, or a paragraph too long to be a title, that stops in mid-sentence. Other
    # paragraphs ending in a comma are normal (preambular paragraphs, list items), and
    # shorter unpunctuated unnumbered lines are headings and titles.
    if previous.endswith(",") and looks_like_name_list(text):
        return True
    if previous_length < _SHORT_HEADING and _is_numbered_title(last_body.text):
        return False  # a heading, not a paragraph cut short
    return stops_mid_sentence and (bool(UNIT_START.match(last_body.text)) or previous_length > _LONGEST_TITLE)


_SECTION_HEADING = re.compile(r"^(?:[IVXLC]{1,6}|[A-Z])\.\s+\S")
_DIVISION_LABEL = re.compile(DIVISION_LABEL)
_DIVISION_TITLE_WORDS = 3


def _is_division_title(text: str, profile: LanguageProfile) -> bool:
    """ "CHAPTER I", "Annexe", "Chapitre premier", "Deuxième partie": a division word of the
    language and its number, alone on a line, which nothing continues."""
    words = [word.rstrip(".:") for word in text.split()]
    if not words or len(words) > _DIVISION_TITLE_WORDS:
        return False
    if len(words) == 1:
        return words[0].lower() in profile.division_words
    first, second = words[0], words[1]
    labelled = first.lower() in profile.division_words and bool(_DIVISION_LABEL.fullmatch(second))
    return labelled or profile.spelled_division(first, second) is not None


def _is_numbered_title(text: str) -> bool:
    """ "I. Introduction", "A. Mandate", "2.1 Overview", "3. Results": a section number, or a
    paragraph or outline number before a capitalised word, which on a short line is a title."""
    numbered = NUMBERED.match(text)
    return bool(
        _SECTION_HEADING.match(text)
        or DECIMAL_PARAGRAPH.match(text)
        or (numbered and text[numbered.end() : numbered.end() + 1].isupper())
    )


_SHORT_HEADING = 120


def looks_like_name_list(text: str, pieces: int = 4) -> bool:
    """ "Kenya, Lettonie, Libéria, …": the first comma-separated pieces are short capitalised names."""
    parts = text.split(", ", pieces)[:pieces]
    return len(parts) == pieces and all(part[:1].isupper() and len(part.split()) <= 4 for part in parts)


_WHOLE_KINDS = frozenset({"heading", "cell", "code", "title"})
# Bounds that no real document reaches, so that hostile input cannot make the rejoining
# quadratic: a paragraph takes at most this many continuations (a paragraph cut by this many
# page breaks would span as many pages), only the latest open paragraphs can be continued,
# and the usual ending of a kind of paragraph is looked for this many blocks back.
_MAX_CONTINUATIONS = 64
_MAX_OPEN = 32
_ENDING_LOOKBACK = 200


def rejoin_splits(blocks: list[Block], report: RepairReport, profile: LanguageProfile) -> list[Block]:
    """Put back together paragraphs and footnotes that page breaks cut in two.

    Open (unfinished) paragraphs are kept on a stack: a continuation goes to the most recently
    opened one, which is the footnote when a footnote's second half is printed between the two
    halves of a body paragraph, and the body paragraph otherwise.
    """
    result: list[Block] = []
    open_indices: list[int] = []
    last_body: int | None = None
    continuations: Counter[int] = Counter()
    for block in blocks:
        candidate = result[last_body] if last_body is not None else None
        target = None
        if _looks_like_continuation(block, candidate, profile) and (open_indices or last_body is not None):
            target = _continuation_target(result, open_indices, last_body, block)
        if target is not None and continuations[target] < _MAX_CONTINUATIONS:
            continuations[target] += 1
            joined = result[target]
            result[target] = replace(joined, text=_join_halves(joined.text, block.text), page=block.page)
            if joined.kind == "footnote":
                report.footnote_continuations += 1
            else:
                report.page_splits_joined += 1
            if not is_unfinished(result[target].text) and target in open_indices:
                open_indices.remove(target)
            continue
        result.append(block)
        index = len(result) - 1
        if block.kind in _WHOLE_KINDS:
            # A heading, cell or code block the reader knew is whole: nothing continues it,
            # and nothing before it continues past it.
            last_body, open_indices = None, []
            continue
        if block.kind != "footnote":
            last_body = index
            open_indices = [i for i in open_indices if result[i].kind == "footnote"]
        if is_unfinished(block.text) or block.kind != "footnote":
            open_indices.append(index)
            del open_indices[:-_MAX_OPEN]
    return result


def _continuation_target(
    result: list[Block], open_indices: list[int], last_body: int | None, block: Block
) -> int:
    """The open paragraph a continuation belongs to (see ``rejoin_splits``).

    When both a footnote and a body paragraph were left unfinished, the continuation goes to
    the one whose usual ending it shares: footnotes end with a full stop, preambular
    paragraphs with a comma, operative ones with a semicolon. Ties go to the most recent.
    """
    unfinished = [i for i in open_indices if is_unfinished(result[i].text)]
    if not unfinished:
        return last_body if last_body is not None else open_indices[-1]
    ending = _final_mark(block.text)
    matching = [i for i in unfinished if _usual_ending(result, i) == ending]
    return (matching or unfinished)[-1]


def _final_mark(text: str) -> str:
    stripped = text[-_TAIL:].rstrip().rstrip(SUPERSCRIPT_DIGITS + "»”\"')")
    return stripped[-1:] if stripped[-1:] in ".,;:" else ""


def _usual_ending(result: list[Block], index: int) -> str:
    """How the nearest finished block of the same kind (footnote or body) before ``index`` ends."""
    is_footnote = result[index].kind == "footnote"
    for position in range(index - 1, max(index - _ENDING_LOOKBACK, 0) - 1, -1):
        earlier = result[position]
        if (earlier.kind == "footnote") == is_footnote and not is_unfinished(earlier.text):
            return _final_mark(earlier.text)
    return "." if is_footnote else ""


def _join_halves(first: str, second: str) -> str:
    if first.endswith("-") and second[:1].islower():
        return first[:-1] + second
    return f"{first.rstrip()} {second.lstrip()}"
