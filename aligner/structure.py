"""Parse repaired blocks into a tree of keyed units.

Keys mean the same thing in both languages: ``sec:II/A`` (section II, sub-section A), ``p:6``
(report paragraph 6), ``res:IV`` (draft resolution IV), ``res:IV/title``, ``res:IV/pre:3``
(third preambular paragraph), ``res:IV/op:12/b`` (item b of operative paragraph 12),
``res:IV/fn:2`` (footnote 2 of that resolution), ``meta:date`` (a header line).

What a heading, a list marker or an Assembly formula looks like in each language comes from
the language profile; this module only knows the shape of the documents. Readers of
structured formats (XML, HTML) give their blocks keys already; those are kept as they are.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from dataclasses import dataclass, field
from itertools import islice, pairwise

from .anchors import footnote_references
from .labels import (
    ADOPTED_NUMBER,
    BULLET,
    BULLET_LABEL,
    DECIMAL,
    DECIMAL_PARAGRAPH,
    DIVISION_LABEL,
    HEADING_LABEL,
    LETTER_HEADING,
    MAX_FOOTNOTE_DIGITS,
    NUMBERED,
    NUMBERED_DASH,
    ROMAN_HEADING,
    ROMAN_LABEL,
    SUPERSCRIPTS,
    roman_value,
)
from .model import Block, Document, RawDocument, Unit
from .profiles import Language, LanguageProfile

# An adopted resolution or decision as printed at its head: its number (session/serial,
# "48/246", "2019/16", "S-30/1", maybe with a part letter "48/246 B") and its title.
_ADOPTED_NUMBER = re.compile(rf"^(?P<number>{ADOPTED_NUMBER})\.\s+(?P<rest>[^\W\d_].{{0,250}})$")
_HEADING_MAX_CHARS = 200
_FORMULA_LOOKAHEAD = 3  # blocks: a resolution's heading, its title, then the formula


@dataclass(slots=True)
class _OutlineHeading:
    """A numbered heading whose level is known (from Word styles, Markdown, or its number)."""

    level: int
    key: str


@dataclass
class _Context:
    """Where the parser is in the document while it walks the blocks."""

    in_header: bool = True
    outline: list[_OutlineHeading] = field(default_factory=list)  # open numbered headings, outermost first
    # The document numbers its paragraphs in an outline ("2.3.1 The Committee…"; see
    # ``_numbers_an_outline``).
    decimal_outline: bool = False
    table: int = 0  # the reader's number of the table being read
    table_key: str = ""
    table_row: int = 0
    row_key: str = ""
    sorted_tables: frozenset[int] = frozenset()
    division: str | None = None  # "annex:II": paragraphs are numbered afresh inside it
    resolution: str | None = None  # "res:IV" or "dec:II"
    section: str | None = None  # "sec:II" (report) or "res:IV/sec:I"
    last_number: int = 0  # of the last numbered paragraph
    formula_follows: bool = True  # an Assembly formula comes within the next few blocks
    subsection: str | None = None  # "sec:II/A"
    paragraph: str | None = None  # the key list items attach to
    item: str | None = None  # last lettered item, for nested roman items
    saw_formula: bool = False
    saw_operative: bool = False
    title_pending: bool = False
    counters: dict[str, int] = field(default_factory=dict)
    # Scopes (report, resolutions, divisions) in the order they were last opened.
    scopes: dict[str, int] = field(default_factory=lambda: {"": 0})
    references_seen: set[str] = field(default_factory=set)
    footnotes_placed: set[str] = field(default_factory=set)
    # Footnote label -> the scopes that refer to it and have not got it yet (latest last);
    # scope -> a heap of the footnote numbers it refers to (placed ones popped lazily).
    waiting: dict[str, dict[str, None]] = field(default_factory=dict)
    unplaced: dict[str, list[int]] = field(default_factory=dict)

    def open_scope(self, scope: str) -> None:
        self.scopes.pop(scope, None)
        self.scopes[scope] = len(self.scopes)

    def note_references(self, scope: str, labels: list[str]) -> tuple[str, ...]:
        """The keys of the footnotes ``labels`` in ``scope``, remembered as waiting for them."""
        keys = []
        for label in labels:
            key = f"{scope}fn:{label}"
            keys.append(key)
            if key in self.references_seen:
                continue
            self.references_seen.add(key)
            if key not in self.footnotes_placed:
                self.waiting.setdefault(label, {})[scope] = None
            if _footnote_number(label):
                heapq.heappush(self.unplaced.setdefault(scope, []), int(label))
        return tuple(keys)

    def next_ordinal(self, parent: str, kind: str) -> int:
        counter_key = f"{parent}/{kind}"
        self.counters[counter_key] = self.counters.get(counter_key, 0) + 1
        return self.counters[counter_key]

    @property
    def scope(self) -> str:
        """Key prefix of the current resolution or division (annex, part), or "" in the report."""
        if self.resolution:
            return f"{self.resolution}/"
        return f"{self.division}/" if self.division else ""

    @property
    def parent(self) -> str:
        """The key body units nest under: the innermost open heading, resolution or division."""
        if self.outline:
            return self.outline[-1].key
        return self.subsection or self.section or self.resolution or self.division or ""

    def close_outline(self, level: int) -> None:
        """Close the open headings at ``level`` and deeper: a new heading of that level follows."""
        while self.outline and self.outline[-1].level >= level:
            self.outline.pop()


class _UnitList:
    """Units in reading order with unique keys (a repeated label gets "+2", "+3"...)."""

    def __init__(self) -> None:
        self.units: list[Unit] = []
        self.seen: set[str] = set()
        # The next suffix to try for a repeated key, so that the 20,000th unit with one
        # label costs one look-up, not 20,000.
        self.next_suffix: dict[str, int] = {}

    def add(self, unit: Unit) -> Unit:
        key = base = unit.key
        if key in self.seen:
            suffix = self.next_suffix.get(base, 2)
            key = f"{base}+{suffix}"
            while key in self.seen:
                suffix += 1
                key = f"{base}+{suffix}"
            self.next_suffix[base] = suffix + 1
        unit.key = key
        self.seen.add(key)
        self.units.append(unit)
        return unit


def parse(raw: RawDocument, language: Language) -> Document:
    """Turn a repaired ``RawDocument`` into a ``Document`` of keyed units, in ``language``."""
    profile = language
    if all(block.key for block in raw.blocks):
        units = _units_from_keyed_blocks(raw.blocks)
        return Document(
            raw.path, language, raw.format, units, dict(raw.metadata), list(raw.notes), structured=True
        )
    metadata = dict(raw.metadata)
    units = _parse_blocks(raw.blocks, profile, metadata)
    notes = list(raw.notes)
    structured = _is_structured(units)
    if not structured:
        units = _plain_paragraphs(raw.blocks)
        notes.append(
            "no recognisable structure (numbered paragraphs, headings): falling back to plain paragraphs"
        )
    return Document(raw.path, language, raw.format, units, metadata, notes, structured=structured)


def _units_from_keyed_blocks(blocks: list[Block]) -> list[Unit]:
    units = _UnitList()
    footnotes = {block.key for block in blocks if block.kind == "footnote" and block.key is not None}
    for block in blocks:
        assert block.key is not None
        units.add(
            Unit(
                key=block.key,
                kind=block.kind or "text",
                text=block.text,
                label=block.label or "",
                line=block.line,
                italic_lead=block.italic_lead,
                terms=block.terms,
                footnote_refs=_keyed_footnote_refs(block.text, block.key, footnotes),
            )
        )
    return units.units


def _keyed_footnote_refs(text: str, key: str, footnotes: set[str]) -> tuple[str, ...]:
    """Footnote references of a keyed block: to the footnote of that number in the nearest
    scope around the block that has one (a chapter ``ch:x/fn:3``, the document ``fn:3``)."""
    segments = key.split("/")
    scopes = ["/".join(segments[:cut]) + "/" for cut in range(len(segments) - 1, 0, -1)] + [""]
    references = []
    for number in footnote_references(text):
        found = next((f"{scope}fn:{number}" for scope in scopes if f"{scope}fn:{number}" in footnotes), None)
        references.append(found or f"{scopes[-2] if len(scopes) > 1 else ''}fn:{number}")
    return tuple(references)


def _is_structured(units: list[Unit]) -> bool:
    labelled = sum(
        unit.kind in {"paragraph", "operative", "heading", "footnote", "cell", "item"} for unit in units
    )
    return labelled >= 3


def _plain_paragraphs(blocks: list[Block]) -> list[Unit]:
    return [
        Unit(
            key=f"para:{index}",
            kind="text",
            text=block.text,
            line=block.line,
            footnote_refs=_footnote_refs(block.text, ""),
        )
        for index, block in enumerate(blocks, start=1)
        if block.text
    ]


def _parse_blocks(blocks: list[Block], profile: LanguageProfile, metadata: dict[str, str]) -> list[Unit]:
    context = _Context(sorted_tables=_sorted_tables(blocks), decimal_outline=_numbers_an_outline(blocks))
    units = _UnitList()
    texts = [block.text for block in blocks if block.text]
    position = 0
    for block in blocks:
        if not block.text:
            continue
        following = texts[position + 1 : position + 1 + _FORMULA_LOOKAHEAD]
        context.formula_follows = any(_is_formula(text, profile) for text in following)
        position += 1
        if context.in_header and _starts_body(block, profile, context):
            context.in_header = False
        if block.kind == "cell" and not (context.in_header and _metadata_field(block.text, profile)[0]):
            units.add(_cell(block, context))
            continue
        if context.in_header:
            _header_units(block, profile, metadata, units, context)
            continue
        for unit in _body_units(block, profile, context):
            units.add(unit)
    return units.units


def _starts_body(block: Block, profile: LanguageProfile, context: _Context) -> bool:
    text = block.text
    return bool(
        ROMAN_HEADING.match(text)
        or NUMBERED.match(text)
        or block.kind in ("footnote", "heading", "item")
        or _decimal_heading(text)
        or (context.decimal_outline and DECIMAL_PARAGRAPH.match(text))
        or _division_heading(text, profile)
        or _resolution_heading(text, profile, context.formula_follows)
        or profile.is_assembly_formula(text)
    )


# --- header -----------------------------------------------------------------------------------


def _header_units(
    block: Block, profile: LanguageProfile, metadata: dict[str, str], units: _UnitList, context: _Context
) -> None:
    """Header lines become ``meta:<field>`` units and document metadata."""
    for offset, line in enumerate(block.text.split("\n")):
        field_name, value = _metadata_field(line, profile)
        if field_name is None:
            field_name = (
                "title" if "title" not in metadata else "subtitle" if "subtitle" not in metadata else None
            )
            value = line
        if field_name is None:
            key = f"h:{context.next_ordinal('', 'h')}"
        else:
            key = f"meta:{field_name}"
            metadata.setdefault(field_name, _metadata_value(field_name, value, profile))
        units.add(Unit(key=key, kind="meta", text=line, line=block.line + offset))


def _metadata_field(line: str, profile: LanguageProfile) -> tuple[str | None, str]:
    for field_name, pattern in profile.metadata_lines.items():
        match = pattern.match(line.strip())
        if match:
            return field_name, match.groupdict().get("value") or line
    return None, line


def _metadata_value(field_name: str, value: str, profile: LanguageProfile) -> str:
    """Language names become codes ("anglais" -> "en"); other values stay as printed."""
    if field_name in {"original", "language"}:
        return profile.language_from_name(value) or value
    return value.strip()


# --- body -------------------------------------------------------------------------------------


def _resolution_heading(
    text: str, profile: LanguageProfile, formula_follows: bool = True
) -> tuple[str, str, str] | None:
    """("res", "IV", rest) for "Draft resolution IV ...", ("dec", ...) for a draft decision,
    ("res", "48-246", title) for an adopted resolution headed "48/246. Title" (the "/" of
    its number would cut the key in two).

    A report recommending a single draft prints no number ("Draft resolution", maybe followed
    by the title): its key is ``res:1``. Without a number the rest must look like a title
    (capitalised, short, no final punctuation), not like a sentence that happens to start
    with the word "Resolution", and an Assembly formula must follow (a table cell or a
    heading "Resolution" in a report opens no resolution); so must it after an adopted
    resolution's number.
    """
    adopted = _ADOPTED_NUMBER.match(text)
    if adopted and formula_follows and not adopted.group("rest").rstrip().endswith((".", ";", ",")):
        return "res", re.sub(r"[/\s]", "-", adopted.group("number")), adopted.group("rest").strip()
    for prefix, pattern in (("res", profile.resolution_heading), ("dec", profile.decision_heading)):
        match = pattern.match(text)
        if not match:
            continue
        rest = match.group("rest").strip()
        if match.group("number"):
            return prefix, match.group("number"), rest
        if formula_follows and (
            not rest
            or (rest[:1].isupper() and len(rest) < _HEADING_MAX_CHARS and not rest.endswith(tuple(".;:,")))
        ):
            return prefix, "1", rest
    return None


def _body_units(block: Block, profile: LanguageProfile, context: _Context) -> list[Unit]:
    """The unit(s) one body block becomes, updating the context."""
    text = block.text
    if block.kind == "footnote":
        key = _footnote_key(block.label or "", context)
        return [_unit(key, "footnote", text, block, context, label=block.label or "")]
    resolution = _resolution_heading(text, profile, context.formula_follows)
    if resolution:
        return _start_resolution(resolution, block, context)
    if context.title_pending and not profile.is_assembly_formula(text):
        context.title_pending = False
        return [_unit(f"{context.resolution}/title", "title", text, block, context)]
    context.title_pending = False
    opens_resolution = context.counters.get(f"{context.resolution}/pre", 0) == 0
    if context.resolution and not context.saw_formula and opens_resolution and _is_formula(text, profile):
        context.saw_formula = True
        return [_unit(f"{context.resolution}/formula", "formula", text, block, context)]
    division = _division_heading(text, profile)
    if division:
        return [_start_division(division, block, context)]
    heading = _heading(text, context)
    if heading:
        key, label = heading
        return [_unit(key, "heading", text, block, context, label=label)]
    outline = _outline_heading(block, context)
    if outline:
        return [outline]
    decimal = DECIMAL_PARAGRAPH.match(text) if context.decimal_outline else None
    if decimal:
        return [_outline_paragraph(decimal.group("label"), block, context)]
    numbered = NUMBERED.match(text) or NUMBERED_DASH.match(text)
    if numbered and (numbered.re is NUMBERED or int(numbered.group("label")) == context.last_number + 1):
        return [_numbered_paragraph(numbered.group("label"), block, profile, context)]
    marker = profile.list_marker.match(text)
    if marker and context.paragraph:
        return [_list_item(marker.group("label"), block, context)]
    if block.kind == "item":
        return [_reader_item(block, context)]
    if BULLET.match(text):
        return [_bullet_item(block, context)]
    return [_unnumbered(block, context)]


def _footnote_key(label: str, context: _Context) -> str:
    """The key of a footnote: in the scope (report or resolution) that referred to it.

    A footnote printed at the foot of a page belongs to the text above it, which may be the
    end of the previous resolution when a new one starts on the same page. When two scopes
    wait for a footnote with this number, it goes to the one where it comes in order (its
    lower-numbered footnotes already placed), preferring the current scope.
    """
    waiting_here = context.waiting.get(label, {})
    # The latest scopes waiting for this label (a footnote is printed near its reference),
    # in the order they were opened.
    latest = islice(reversed(waiting_here), _FOOTNOTE_SCOPES)
    waiting = sorted(latest, key=lambda scope: context.scopes.get(scope, -1))
    in_order = [scope for scope in waiting if _footnotes_before_placed(scope, label, context)]
    preference = in_order or waiting
    scope = context.scope if context.scope in preference or not preference else preference[-1]
    key = f"{scope}fn:{label}"
    context.footnotes_placed.add(key)
    waiting_here.pop(scope, None)
    return key


# How many of the scopes waiting for a footnote label are considered (the latest ones).
_FOOTNOTE_SCOPES = 64


def _footnote_number(label: str) -> bool:
    """Is the label a footnote number (digits, no leading zero, not too many)?"""
    return label.isdigit() and len(label) <= MAX_FOOTNOTE_DIGITS and label[0] != "0"


def _footnotes_before_placed(scope: str, label: str, context: _Context) -> bool:
    """Are the lower-numbered footnotes this scope refers to all placed?"""
    if not _footnote_number(label):
        return True
    numbers = context.unplaced.get(scope, [])
    while numbers and f"{scope}fn:{numbers[0]}" in context.footnotes_placed:
        heapq.heappop(numbers)
    return not numbers or numbers[0] >= int(label)


_DIVISION = re.compile(
    rf"^(?P<word>[^\W\d_]+)(?:\s+(?P<label>{DIVISION_LABEL}))?\.?"
    r"(?:\s*[:–—-])?(?:\s+(?P<rest>\S.*))?$"
)


def _division_heading(text: str, profile: LanguageProfile) -> tuple[str, str] | None:
    """("annex", "II") for "Annexe II" / "Annex II ..." / "Appendix A: Title" and the like
    (the words come from the profile); a bare "Annex" or "ANNEXE" gets the label "1"."""
    match = _DIVISION.match(text)
    if not match or len(text) > _HEADING_MAX_CHARS or text.rstrip().endswith(tuple(".;,")):
        return None
    spelled = _spelled_division(text, profile)
    if spelled:
        return spelled
    if text.rstrip().endswith(":") and not match.group("label"):
        return None
    prefix = profile.division_words.get(match.group("word").lower())
    rest = match.group("rest") or ""
    if prefix is None or (rest and not rest[:1].isupper()):
        return None
    # A letter typed in lower case and shown in capitals by its style ("Annexe b") is B.
    return prefix, (match.group("label") or "1").upper()


def _spelled_division(text: str, profile: LanguageProfile) -> tuple[str, str] | None:
    """("chap", "1") for a division whose number is spelt out, after its word or before it:
    "Chapitre premier", "ARTICLE PREMIER", "Part One", "Deuxième partie : Titre"."""
    words = text.split(maxsplit=2)
    if len(words) < 2:
        return None
    first, second = words[0], words[1].rstrip(".:")
    rest = words[2].lstrip(":–—- ") if len(words) > 2 else ""
    if rest and not rest[:1].isupper():
        return None
    spelled = profile.spelled_division(first, second)
    return (spelled[0], str(spelled[1])) if spelled else None


def _start_division(division: tuple[str, str], block: Block, context: _Context) -> Unit:
    prefix, label = division
    context.division = f"{prefix}:{label}"
    context.resolution = context.section = context.subsection = context.paragraph = context.item = None
    context.outline.clear()
    context.open_scope(context.scope)
    return _unit(context.division, "heading", block.text, block, context, label=label)


def _start_resolution(resolution: tuple[str, str, str], block: Block, context: _Context) -> list[Unit]:
    prefix, number, rest = resolution
    context.resolution = f"{prefix}:{number}"
    context.open_scope(context.scope)
    context.section = context.subsection = context.paragraph = context.item = None
    context.saw_formula = context.saw_operative = False
    heading_text = block.text[: len(block.text) - len(rest)].strip() if rest else block.text
    units = [_unit(context.resolution, "heading", heading_text, block, context, label=number)]
    if rest:
        units.append(_unit(f"{context.resolution}/title", "title", rest, block, context))
    else:
        context.title_pending = True
    return units


def _is_formula(text: str, profile: LanguageProfile) -> bool:
    """ "L'Assemblée générale," or any short line ending in a comma that opens a resolution."""
    return profile.is_assembly_formula(text) or (len(text) < 80 and text.endswith(",") and text[:1].isupper())


def _heading(text: str, context: _Context) -> tuple[str, str] | None:
    """(key, label) if the block is a roman-numbered section or lettered sub-section heading."""
    if len(text) > _HEADING_MAX_CHARS or text.rstrip().endswith((";", ",")):
        return None
    roman = ROMAN_HEADING.match(text)
    letter = LETTER_HEADING.match(text)
    if roman and _roman_goes_back(roman.group("label"), context):
        roman = None
        if letter and not _letter_expected(letter.group("label"), context):
            letter = None
    if (roman or letter) and context.outline:
        context.outline.clear()
    if letter and (
        not roman or _letter_expected(letter.group("label"), context) or letter.group("label") not in "IVX"
    ):
        label = letter.group("label")
        context.subsection = (
            f"{context.section}/{label}" if context.section else f"{context.scope}sec:{label}"
        )
        context.paragraph = context.item = None
        return context.subsection, label
    if roman:
        label = roman.group("label")
        context.section = f"{context.scope}sec:{label}"
        context.subsection = context.paragraph = context.item = None
        return context.section, label
    return None


def _roman_goes_back(label: str, context: _Context) -> bool:
    """ "III. Grant any other order" after section VI is an item of a list, not section III."""
    if not context.section:
        return False
    previous = context.section.rsplit("/", 1)[-1].split(":")[-1].split("+")[0]
    return bool(re.fullmatch("[IVXLC]+", previous)) and roman_value(label) < roman_value(previous)


def _letter_expected(label: str, context: _Context) -> bool:
    """ "I." right after sub-section "H." is the letter I, not the roman numeral one."""
    if not context.subsection:
        return False
    previous = context.subsection.rsplit("/", 1)[-1].split(":")[-1]
    return len(previous) == 1 and ord(label) == ord(previous) + 1


def _numbered_paragraph(label: str, block: Block, profile: LanguageProfile, context: _Context) -> Unit:
    """A numbered paragraph: numbered through the report (or the resolution, the annex), or,
    under a heading of an outline, numbered afresh there like the lists of a Word report."""
    if context.resolution and not context.outline:
        context.saw_operative = True
        key, kind = f"{context.resolution}/op:{label}", "operative"
    elif context.outline:
        key, kind = f"{context.parent}/p:{label}", "paragraph"
    else:
        key, kind = f"{context.scope}p:{label}", "paragraph"
    context.paragraph, context.item = key, None
    context.last_number = int(label)
    unit = _unit(key, kind, block.text, block, context, label=label)
    if kind == "operative" and unit.italic_lead is None:
        unit.italic_lead = _operative_verb(block.text, profile)
    return unit


def _operative_verb(text: str, profile: LanguageProfile) -> str | None:
    """The opening verb of an operative paragraph whose italics were lost in conversion."""
    words = NUMBERED.sub("", text).split()
    return words[0] if words and words[0] in profile.operative_verbs else None


def _list_item(label: str, block: Block, context: _Context) -> Unit:
    """A lettered item, or a roman item nested in the last lettered one ("i)" after "h)" is a letter)."""
    assert context.paragraph is not None
    previous_letter = context.item.rsplit("/", 1)[-1] if context.item else None
    is_nested_roman = bool(
        ROMAN_LABEL.match(label)
        and context.item
        and not (previous_letter and len(label) == 1 and ord(label) == ord(previous_letter) + 1)
    )
    if is_nested_roman:
        key = f"{context.item}/{label}"
    else:
        key = f"{context.paragraph}/{label}"
        context.item = key
    return _unit(key, "item", block.text, block, context, label=label)


def _unnumbered(block: Block, context: _Context) -> Unit:
    """Preambular paragraphs in a resolution; elsewhere unnumbered headings or paragraphs."""
    text = block.text
    if context.resolution and not context.saw_operative:
        parent = context.resolution
        key = f"{parent}/pre:{context.next_ordinal(parent, 'pre')}"
        context.paragraph, context.item = key, None
        return _unit(key, "preamble", text, block, context)
    parent = context.parent
    prefix = f"{parent}/" if parent else ""
    is_heading = block.kind == "heading" or (
        len(text) < _HEADING_MAX_CHARS and not text.rstrip(SUPERSCRIPTS).endswith(tuple(".;:,"))
    )
    kind = "h" if is_heading else "para"
    key = f"{prefix}{kind}:{context.next_ordinal(parent, kind)}"
    if not is_heading:
        context.paragraph, context.item = key, None
    return _unit(key, "heading" if is_heading else "text", text, block, context)


def _decimal_heading(text: str) -> re.Match[str] | None:
    """ "2.3.1 Title": a decimal number of two parts or more and a short title that does not
    end like a sentence."""
    match = DECIMAL.match(text)
    if not match or len(text) > _HEADING_MAX_CHARS:
        return None
    title = text[match.end() :].rstrip(SUPERSCRIPTS).rstrip()
    if not title[:1].isupper() or title.endswith(tuple(".;:,")):
        return None  # a colon opens what follows: the lead-in of a list
    return match


def _numbered_title(text: str) -> bool:
    """ "1. Introduction": a one-part number and a short capitalised title that does not end
    like a sentence, the top level of an outline whose lower levels are "1.1", "1.2"."""
    match = NUMBERED.match(text)
    if not match or len(text) > _HEADING_MAX_CHARS:
        return False
    title = text[match.end() :].rstrip(SUPERSCRIPTS).rstrip()
    return title[:1].isupper() and not title.endswith(tuple(".;:,"))


# Blocks opening with an outline number that make a document's paragraphs an outline: one
# such block may be a quantity ("2.5 Million…" in a title), two make a numbering.
_OUTLINE_EVIDENCE = 2


def _numbers_an_outline(blocks: list[Block]) -> bool:
    """Does the document number paragraphs in an outline ("1.1 The Committee…", "2.1.1"), as
    reports of governments and the UN's budget fascicles ("19.25") do? Numbered headings
    alone ("2.3.1 Atomic processes") do not say so: their lists keep their own numbers."""
    numbered = (
        block
        for block in blocks
        if block.kind in (None, "paragraph")
        and DECIMAL_PARAGRAPH.match(block.text)
        and not _decimal_heading(block.text)
    )
    return sum(1 for _ in islice(numbered, _OUTLINE_EVIDENCE)) >= _OUTLINE_EVIDENCE


def _outline_paragraph(label: str, block: Block, context: _Context) -> Unit:
    """A paragraph numbered in the outline ("2.3.1 The Committee adopted…"), keyed by its
    number as a decimal heading is (``sec:2/3/1``): headings and paragraphs of an outline
    share one numbering, and the units that follow it (its list items, an unnumbered
    paragraph) are keyed under it until the outline's next number of its level or higher."""
    parts = label.split(".")
    context.close_outline(len(parts))
    key = f"{context.scope}sec:{'/'.join(parts)}"
    context.outline.append(_OutlineHeading(len(parts), key))
    unit = _unit(key, "paragraph", block.text, block, context, label=label)
    context.paragraph, context.item = key, None
    return unit


def _heading_label(text: str) -> tuple[list[str], int] | None:
    """The parts of the number a heading starts with ("2.3.1" -> ["2", "3", "1"]) and where
    its title starts."""
    match = HEADING_LABEL.match(text)
    if not match:
        return None
    label = match.group("label") or match.group("letter")
    return label.split("."), match.end()


def _outline_heading(block: Block, context: _Context) -> Unit | None:
    """A heading the reader knows (Word style, Markdown ``#``) or a decimal-numbered one.

    A number gives the key: ``sec:2/3/1`` for "2.3.1" (in the current division or
    resolution); a single number or letter under a numbered heading extends its key
    (``sec:2/3`` then "A." gives ``sec:2/3/A``). A numbered heading opens a section: the
    units that follow are keyed under it until a heading of its level or higher. An
    unnumbered heading is ``h:<n>`` among its siblings and opens nothing, because one
    language may style as a heading what the other sets in bold: keys of the units after
    it must not depend on that.
    """
    text = block.text
    decimal = _decimal_heading(text) or (context.decimal_outline and _numbered_title(text))
    if (block.kind != "heading" and not decimal) or len(text) > _HEADING_MAX_CHARS:
        return None
    numbered = _heading_label(text)
    if numbered and not text[numbered[1] :].strip():
        numbered = None
    if not numbered:
        if block.level:
            context.close_outline(block.level)
        return None  # keyed by _unnumbered, as any short unpunctuated line
    parts, _ = numbered
    level = block.level or len(parts)
    context.close_outline(level)
    context.paragraph = context.item = None
    enclosing = context.outline[-1] if context.outline else None
    if len(parts) == 1 and enclosing is not None:
        key = f"{enclosing.key}/{parts[0]}"
    else:
        key = f"{context.scope}sec:{'/'.join(parts)}"
    context.outline.append(_OutlineHeading(level, key))
    return _unit(key, "heading", text, block, context, label=".".join(parts))


def _cell(block: Block, context: _Context) -> Unit:
    """A table cell. The first cell of a table stands for the table, ``<parent>/tbl:<n>``
    (tables counted in reading order), among the paragraphs of its section, so that a table
    one language has and the other lacks, or reads as text, shifts nothing; the other cells
    are beneath it, ``tbl:<n>/cell:<m>`` in reading order.

    A table whose rows are sorted alphabetically by their first column (a glossary) is sorted
    differently in each language: each row after the first is then an entry
    ``tbl:<n>/def:<row>`` holding its first cell, with the other cells beneath it
    (``tbl:<n>/def:<row>/cell:<column>``), and entries are matched by content, whatever
    their order.
    """
    if block.table != context.table or not context.table_key:
        parent = context.parent
        context.table, context.table_row = block.table, block.row
        context.table_key = context.row_key = key = (
            f"{parent + '/' if parent else ''}tbl:{context.next_ordinal(parent, 'tbl')}"
        )
        context.counters[f"{key}/cell"] = 1
    elif block.table not in context.sorted_tables:
        key = f"{context.table_key}/cell:{context.next_ordinal(context.table_key, 'cell')}"
    elif block.row != context.table_row:
        context.table_row = block.row
        context.row_key = key = f"{context.table_key}/def:{block.row}"
    else:
        key = f"{context.row_key}/cell:{block.column}"
    return _unit(key, "cell", block.text, block, context)


_MIN_SORTED_ROWS = 5


def _sorted_tables(blocks: list[Block]) -> frozenset[int]:
    """Tables whose rows (after a heading row, if any) are in alphabetical order of their
    first cells, which start with letters."""
    first_cells: dict[int, dict[int, str]] = {}
    for block in blocks:
        if block.kind == "cell" and block.table and block.row:
            first_cells.setdefault(block.table, {}).setdefault(block.row, block.text)
    found = set()
    for table, rows in first_cells.items():
        texts = [_collation_key(text) for _, text in sorted(rows.items())]
        if any(_mostly_sorted(body) for body in (texts, texts[1:])):
            found.add(table)
    return frozenset(found)


def _mostly_sorted(keys: list[str]) -> bool:
    """Nine in ten neighbours in order: hand-sorted glossaries have the odd slip."""
    if len(keys) < _MIN_SORTED_ROWS or not all(keys):
        return False
    in_order = sum(first <= second for first, second in pairwise(keys))
    return in_order >= _SORTED_SHARE * (len(keys) - 1)


_SORTED_SHARE = 0.9


def _collation_key(text: str) -> str:
    """Words of letters, accents and case folded ("Évaluation d’impact" -> "evaluation d impact");
    "" when the text does not start with a letter."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(char if char.isalpha() else " " for char in folded if not unicodedata.combining(char))
    return " ".join(letters.split()) if text.lstrip()[:1].isalpha() else ""


def _bullet_item(block: Block, context: _Context) -> Unit:
    """A bulleted item: ``item:<n>`` among the paragraphs of its section. Not under the
    paragraph that introduces the list: one language may set that line as a heading."""
    parent = context.parent
    key = f"{parent + '/' if parent else ''}item:{context.next_ordinal(parent, 'item')}"
    return _unit(key, "item", block.text, block, context)


def _reader_item(block: Block, context: _Context) -> Unit:
    """A list paragraph the reader knows with the label it prints ("a)", "iv.", "•")."""
    label = (block.label or "").strip().strip("()").rstrip(".):").strip()
    if not label or BULLET_LABEL.match(label) or "/" in label or " " in label:
        return _bullet_item(block, context)
    if context.paragraph:
        return _list_item(label, block, context)
    parent = context.parent
    key = f"{parent}/{label}" if parent else f"li:{label}"
    context.item = key
    return _unit(key, "item", block.text, block, context, label=label)


def _unit(key: str, kind: str, text: str, block: Block, context: _Context, label: str = "") -> Unit:
    references = context.note_references(context.scope, footnote_references(text))
    return Unit(
        key=key,
        kind=kind,
        text=text,
        label=label,
        line=block.line,
        italic_lead=block.italic_lead,
        footnote_refs=references,
    )


def _footnote_refs(text: str, scope: str) -> tuple[str, ...]:
    """Keys of the footnotes that superscript digits in the text refer to."""
    return tuple(f"{scope}fn:{number}" for number in footnote_references(text))
