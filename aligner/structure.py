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

import re
from dataclasses import dataclass, field

from .anchors import SUPERSCRIPTS, footnote_references
from .model import Block, Document, RawDocument, Unit
from .profiles import LanguageProfile

_ROMAN_HEADING = re.compile(r"^(?P<label>[IVXLC]{1,7})\.\s+(?P<title>\S.*)$")
_LETTER_HEADING = re.compile(r"^(?P<label>[A-Z])\.\s+(?P<title>\S.*)$")
_NUMBERED = re.compile(r"^(?P<label>\d{1,3})\.\s+(?=\S)")
_BULLET = re.compile(r"^[•·▪–—-]\s+")
_ROMAN_LABEL = re.compile(r"^[ivxlc]+$")
_HEADING_MAX_CHARS = 200
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def roman_to_int(label: str) -> int:
    """Value of a roman numeral in either case ("xiv" -> 14)."""
    values = [_ROMAN_VALUES[char] for char in label.lower()]
    return sum(
        -value if index + 1 < len(values) and value < values[index + 1] else value
        for index, value in enumerate(values)
    )


@dataclass
class _Context:
    """Where the parser is in the document while it walks the blocks."""

    in_header: bool = True
    division: str | None = None  # "annex:II": paragraphs are numbered afresh inside it
    resolution: str | None = None  # "res:IV" or "dec:II"
    section: str | None = None  # "sec:II" (report) or "res:IV/sec:I"
    subsection: str | None = None  # "sec:II/A"
    paragraph: str | None = None  # the key list items attach to
    item: str | None = None  # last lettered item, for nested roman items
    saw_formula: bool = False
    saw_operative: bool = False
    title_pending: bool = False
    counters: dict[str, int] = field(default_factory=dict)
    scopes: list[str] = field(default_factory=lambda: [""])
    references_seen: set[str] = field(default_factory=set)
    footnotes_placed: set[str] = field(default_factory=set)

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


class _UnitList:
    """Units in reading order with unique keys (a repeated label gets "+2", "+3"...)."""

    def __init__(self) -> None:
        self.units: list[Unit] = []
        self.seen: set[str] = set()

    def add(self, unit: Unit) -> Unit:
        key, suffix = unit.key, 2
        while key in self.seen:
            key, suffix = f"{unit.key}+{suffix}", suffix + 1
        unit.key = key
        self.seen.add(key)
        self.units.append(unit)
        return unit


def parse(raw: RawDocument, language: str, profile: LanguageProfile) -> Document:
    """Turn a repaired ``RawDocument`` into a ``Document`` of keyed units."""
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
    for block in blocks:
        assert block.key is not None
        scope = block.key.split("/", 1)[0] + "/" if "/" in block.key else ""
        units.add(
            Unit(
                key=block.key,
                kind=block.kind or "text",
                text=block.text,
                label=block.label or "",
                line=block.line,
                italic_lead=block.italic_lead,
                footnote_refs=_footnote_refs(block.text, scope),
            )
        )
    return units.units


def _is_structured(units: list[Unit]) -> bool:
    labelled = sum(unit.kind in {"paragraph", "operative", "heading", "footnote"} for unit in units)
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
    context = _Context()
    units = _UnitList()
    for block in blocks:
        if not block.text:
            continue
        if context.in_header and _starts_body(block, profile):
            context.in_header = False
        if context.in_header:
            _header_units(block, profile, metadata, units, context)
            continue
        for unit in _body_units(block, profile, context):
            units.add(unit)
    return units.units


def _starts_body(block: Block, profile: LanguageProfile) -> bool:
    text = block.text
    return bool(
        _ROMAN_HEADING.match(text)
        or _NUMBERED.match(text)
        or block.kind == "footnote"
        or _resolution_heading(text, profile)
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


def _resolution_heading(text: str, profile: LanguageProfile) -> tuple[str, str, str] | None:
    """("res", "IV", rest) for "Draft resolution IV ...", ("dec", ...) for a draft decision.

    A report recommending a single draft prints no number ("Draft resolution", maybe followed
    by the title): its key is ``res:1``. Without a number the rest must look like a title
    (capitalised, short, no final punctuation), not like a sentence that happens to start
    with the word "Resolution".
    """
    for prefix, pattern in (("res", profile.resolution_heading), ("dec", profile.decision_heading)):
        match = pattern.match(text)
        if not match:
            continue
        rest = match.group("rest").strip()
        if match.group("number"):
            return prefix, match.group("number"), rest
        if not rest or (
            rest[:1].isupper() and len(rest) < _HEADING_MAX_CHARS and not rest.endswith(tuple(".;:,"))
        ):
            return prefix, "1", rest
    return None


def _body_units(block: Block, profile: LanguageProfile, context: _Context) -> list[Unit]:
    """The unit(s) one body block becomes, updating the context."""
    text = block.text
    if block.kind == "footnote":
        key = _footnote_key(block.label or "", context)
        return [_unit(key, "footnote", text, block, context, label=block.label or "")]
    resolution = _resolution_heading(text, profile)
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
    numbered = _NUMBERED.match(text)
    if numbered:
        return [_numbered_paragraph(numbered.group("label"), block, profile, context)]
    marker = profile.list_marker.match(text)
    if marker and context.paragraph:
        return [_list_item(marker.group("label"), block, context)]
    if _BULLET.match(text) and context.paragraph:
        parent = context.paragraph
        key = f"{parent}/item:{context.next_ordinal(parent, 'item')}"
        return [_unit(key, "item", text, block, context)]
    return [_unnumbered(block, context)]


def _footnote_key(label: str, context: _Context) -> str:
    """The key of a footnote: in the scope (report or resolution) that referred to it.

    A footnote printed at the foot of a page belongs to the text above it, which may be the
    end of the previous resolution when a new one starts on the same page. When two scopes
    wait for a footnote with this number, it goes to the one where it comes in order (its
    lower-numbered footnotes already placed), preferring the current scope.
    """
    waiting = [
        scope
        for scope in context.scopes
        if f"{scope}fn:{label}" in context.references_seen
        and f"{scope}fn:{label}" not in context.footnotes_placed
    ]
    in_order = [scope for scope in waiting if _footnotes_before_placed(scope, label, context)]
    preference = in_order or waiting
    scope = context.scope if context.scope in preference or not preference else preference[-1]
    key = f"{scope}fn:{label}"
    context.footnotes_placed.add(key)
    return key


def _footnotes_before_placed(scope: str, label: str, context: _Context) -> bool:
    if not label.isdigit():
        return True
    return all(
        f"{scope}fn:{earlier}" in context.footnotes_placed
        or f"{scope}fn:{earlier}" not in context.references_seen
        for earlier in range(1, int(label))
    )


_DIVISION = re.compile(
    r"^(?P<word>[^\W\d_]+)(?:\s+(?P<label>[IVXLC]{1,7}|\d{1,3}|[A-Z]))?\.?(?:\s+(?P<rest>\S.*))?$"
)


def _division_heading(text: str, profile: LanguageProfile) -> tuple[str, str] | None:
    """("annex", "II") for "Annexe II" / "Annex II ..." and the like (the words come from
    the profile); a bare "Annex" gets the label "1"."""
    match = _DIVISION.match(text)
    if not match or len(text) > _HEADING_MAX_CHARS or text.rstrip().endswith(tuple(".;:,")):
        return None
    prefix = profile.division_words.get(match.group("word").lower())
    rest = match.group("rest") or ""
    if prefix is None or (rest and not rest[:1].isupper()):
        return None
    return prefix, match.group("label") or "1"


def _start_division(division: tuple[str, str], block: Block, context: _Context) -> Unit:
    prefix, label = division
    context.division = f"{prefix}:{label}"
    context.resolution = context.section = context.subsection = context.paragraph = context.item = None
    context.scopes.append(context.scope)
    return _unit(context.division, "heading", block.text, block, context, label=label)


def _start_resolution(resolution: tuple[str, str, str], block: Block, context: _Context) -> list[Unit]:
    prefix, number, rest = resolution
    context.resolution = f"{prefix}:{number}"
    context.scopes.append(context.scope)
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
    roman = _ROMAN_HEADING.match(text)
    letter = _LETTER_HEADING.match(text)
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


def _letter_expected(label: str, context: _Context) -> bool:
    """ "I." right after sub-section "H." is the letter I, not the roman numeral one."""
    if not context.subsection:
        return False
    previous = context.subsection.rsplit("/", 1)[-1].split(":")[-1]
    return len(previous) == 1 and ord(label) == ord(previous) + 1


def _numbered_paragraph(label: str, block: Block, profile: LanguageProfile, context: _Context) -> Unit:
    if context.resolution:
        context.saw_operative = True
        key, kind = f"{context.resolution}/op:{label}", "operative"
    else:
        key, kind = f"{context.scope}p:{label}", "paragraph"
    context.paragraph, context.item = key, None
    unit = _unit(key, kind, block.text, block, context, label=label)
    if kind == "operative" and unit.italic_lead is None:
        unit.italic_lead = _operative_verb(block.text, profile)
    return unit


def _operative_verb(text: str, profile: LanguageProfile) -> str | None:
    """The opening verb of an operative paragraph whose italics were lost in conversion."""
    words = _NUMBERED.sub("", text).split()
    return words[0] if words and words[0] in profile.operative_verbs else None


def _list_item(label: str, block: Block, context: _Context) -> Unit:
    """A lettered item, or a roman item nested in the last lettered one ("i)" after "h)" is a letter)."""
    assert context.paragraph is not None
    previous_letter = context.item.rsplit("/", 1)[-1] if context.item else None
    is_nested_roman = bool(
        _ROMAN_LABEL.match(label)
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
    parent = context.subsection or context.section or context.resolution or context.division or ""
    prefix = f"{parent}/" if parent else ""
    is_heading = len(text) < _HEADING_MAX_CHARS and not text.rstrip(SUPERSCRIPTS).endswith(tuple(".;:,"))
    kind = "h" if is_heading else "para"
    key = f"{prefix}{kind}:{context.next_ordinal(parent, kind)}"
    if not is_heading:
        context.paragraph, context.item = key, None
    return _unit(key, "heading" if is_heading else "text", text, block, context)


def _unit(key: str, kind: str, text: str, block: Block, context: _Context, label: str = "") -> Unit:
    references = _footnote_refs(text, context.scope)
    context.references_seen.update(references)
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
