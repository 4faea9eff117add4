"""Justice Canada LIMS XML (consolidated Acts and Regulations) -> keyed blocks.

The English and French XML of an Act share their structure but not their words, so every
block gets a key built from labels that mean the same in both languages:

    title, title:short                       long and short title
    pre:<n>, enact:<n>                       preamble provisions, enacting clause
    part:I, part:I/div:2                     labelled headings (PART/PARTIE, DIVISION/SECTION...)
    h:<n>                                    other headings, numbered in reading order
    s:2, s:2/ss:1, s:2/ss:1/p:a              section, subsection, paragraph ("(a)" and "a)" give "a")
    .../sp:i, .../cl:A, .../scl:I            subparagraph, clause, subclause
    s:2/note, s:2/ss:1/note                  marginal notes
    s:2/ss:1/def:<n>                         definitions, by position (each language sorts them)
    s:2/hist, s:2/fn:*, .../cont:<n>         historical note, footnote, continued text
    .../amend:<n>/...                        text that an amending provision inserts
    sch:1, sch:RelatedProvs                  schedules (by number, else by id, else by position)
    sch:1/prov:1/prov:a, sch:1/para:<n>      labelled and unlabelled schedule provisions
    sch:RelatedProvs/piece:2012-1-160        related or not-in-force provisions, by their citation
    sch:1/grp:<n>, .../table:<n>/item:<m>    groups of provisions, table rows

Headings have kind "heading" and their LIMS level as label; other blocks carry the printed
label ("(a)", "a)") in ``label`` and their text without it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import InputError
from ..model import Block, RawDocument
from ..profiles import legislation_words
from .inline import UniqueKeys, collapse_spaces, join_key, key_label, local_name
from .safexml import parse_xml

FORMAT = "lims"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ROOT_TAGS = frozenset({"Statute", "Regulation"})
# LIMS XML is how Justice Canada publishes federal law: the document is Canadian by its format.
ORIGIN_REGION = "CA"

# LIMS element -> (key segment type, block kind) for the numbered units of a provision.
UNIT_TYPES: dict[str, tuple[str, str]] = {
    "Section": ("s", "section"),
    "Subsection": ("ss", "subsection"),
    "Paragraph": ("p", "paragraph"),
    "Subparagraph": ("sp", "subparagraph"),
    "Clause": ("cl", "clause"),
    "Subclause": ("scl", "subclause"),
    "Subsubclause": ("sscl", "subsubclause"),
}
# Subtrees whose text is not part of the running text around them.
NOT_RUNNING_TEXT = frozenset({"Footnote", "HistoricalNote", "MarginalNote"})
LINE_BREAKS = frozenset({"LineBreak", "br"})
# Elements printed apart from the word before them even when the XML has no space there
# ("agent de la paix<Repealed>[Abrogée…]" prints "agent de la paix [Abrogée…]").
SPACED_BEFORE = frozenset({"Repealed"})
CONTINUED_PREFIX = "Continued"
# Read by ``read_identification`` or by the unit that holds them, or holding no running text.
ALWAYS_SKIPPED = frozenset(
    {"Identification", "RecentAmendments", "Label", "ScheduleFormHeading", "GroupHeading"}
)
# A unit reads its own marginal note and text before walking what it contains.
READ_BY_UNIT = frozenset({"MarginalNote", "Text"})


@dataclass
class Scope:
    """Where the walker is: the key of the enclosing unit and the counters of its children."""

    key: str
    ordinal_type: str | None = None
    ordinal_kind: str = "provision"
    counters: Counter = field(default_factory=Counter)
    headings: list[tuple[int, str]] = field(default_factory=list)

    def next(self, counter: str) -> int:
        self.counters[counter] += 1
        return self.counters[counter]


@dataclass
class Builder:
    """Collects blocks in reading order and keeps their keys unique."""

    keys: UniqueKeys
    language: str | None
    blocks: list[Block] = field(default_factory=list)
    heading_count: int = 0

    def add(self, key: str, kind: str, text: str, element: etree._Element, label: str | None = None) -> None:
        if text:
            self.blocks.append(
                Block(
                    text=text, line=element.sourceline or 0, key=self.keys.claim(key), kind=kind, label=label
                )
            )


def read(path: Path, data: bytes) -> RawDocument:
    name = str(path)
    tree = parse_xml(data, name)
    root = tree.getroot()
    if local_name(root.tag) not in ROOT_TAGS:
        raise InputError(
            f"{name}: not a Justice Canada LIMS document (root element <{local_name(root.tag)}>, expected <Statute> or <Regulation>)"
        )
    language = document_language(root, path)
    builder = Builder(keys=UniqueKeys(name), language=language)
    metadata = read_identification(root, builder)
    metadata["region"] = ORIGIN_REGION
    walk(root, Scope(key=""), builder)
    if not builder.blocks:
        raise InputError(f"{name}: the LIMS document has no text")
    return RawDocument(
        path=name,
        format=FORMAT,
        blocks=builder.blocks,
        encoding=(tree.docinfo.encoding or "utf-8").lower(),
        language=language,
        metadata=metadata,
        notes=builder.keys.notes,
    )


def document_language(root: etree._Element, path: Path) -> str | None:
    """From ``xml:lang`` on the root, else from a file named ``en.xml``/``fr.xml``."""
    declared = (root.get(XML_LANG) or "").split("-")[0].lower()
    if declared:
        return declared
    stem = path.stem.lower()
    return stem if stem in {"en", "fr"} else None


def read_identification(root: etree._Element, builder: Builder) -> dict[str, str]:
    """Title blocks from <Identification>; the chapter and titles as metadata."""
    metadata: dict[str, str] = {}
    identification = child(root, "Identification")
    if identification is None:
        return metadata
    long_title = child(identification, "LongTitle")
    short_title = child(identification, "ShortTitle")
    for element, key in ((long_title, "title"), (short_title, "title:short")):
        if element is not None:
            builder.add(key, "title", running_text(element), element)
    titles = [running_text(element) for element in (short_title, long_title) if element is not None]
    if titles and titles[0]:
        metadata["title"] = titles[0]
    if long_title is not None:
        metadata["long_title"] = running_text(long_title)
    for symbol_tag in ("ConsolidatedNumber", "InstrumentNumber"):
        symbol = identification.find(f".//{symbol_tag}")
        if symbol is not None and running_text(symbol):
            metadata["symbol"] = running_text(symbol)
            break
    note = child(identification, "ReaderNote")
    if note is not None:
        builder.add("note:reader", "note", running_text(note), note)
    return metadata


def child(element: etree._Element, tag: str) -> etree._Element | None:
    for candidate in element:
        if local_name(candidate.tag) == tag:
            return candidate
    return None


def children(element: etree._Element) -> list[etree._Element]:
    return [candidate for candidate in element if local_name(candidate.tag)]


def running_text(element: etree._Element, skip: frozenset[str] = NOT_RUNNING_TEXT) -> str:
    """The text of an element as it reads, leaving out notes nested inside it."""
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for sub in node:
            tag = local_name(sub.tag)
            if tag in LINE_BREAKS or tag in SPACED_BEFORE:
                parts.append(" ")
            if tag and tag not in skip and tag not in LINE_BREAKS:
                visit(sub)
            if sub.tail:
                parts.append(sub.tail)

    visit(element)
    return collapse_spaces("".join(parts))


def printed_label(element: etree._Element) -> str:
    """The <Label> of a unit without footnote marks ("*110" in the XML prints as 110 with a mark)."""
    label = child(element, "Label")
    if label is None:
        return ""
    return running_text(label, NOT_RUNNING_TEXT | {"FootnoteRef"})


def walk(element: etree._Element, scope: Scope, builder: Builder, skip: frozenset[str] = frozenset()) -> None:
    """Read the children of ``element`` in order; unknown elements are looked into."""
    for sub in children(element):
        if local_name(sub.tag) not in skip:
            dispatch(sub, scope, builder)


def dispatch(element: etree._Element, scope: Scope, builder: Builder) -> None:
    tag = local_name(element.tag)
    if tag in ALWAYS_SKIPPED:
        return
    handler = HANDLERS.get(tag)
    if handler is None and tag in UNIT_TYPES:
        handler = unit
    elif handler is None and tag.startswith(CONTINUED_PREFIX):
        handler = continued
    (handler or walk)(element, scope, builder)


def unit(element: etree._Element, scope: Scope, builder: Builder) -> None:
    """Section, Subsection, Paragraph... : keyed by their label under the enclosing unit."""
    segment_type, kind = UNIT_TYPES[local_name(element.tag)]
    printed = printed_label(element)
    label = unit_label(printed)
    segment = f"{segment_type}:{label}" if label else f"para:{scope.next('para')}"
    emit_unit(element, join_key(scope.key, segment), kind, printed, builder)


def unit_label(printed: str) -> str:
    """The key label of a unit in either language: "(a)" and "a)" give "a"; labels naming
    several repealed units agree too: "8 to 10" and "8 à 10" give "8-10", "(4) and (5)" and
    "(4) et (5)" give "4,5" ("+" is kept for the "+2" that makes a repeated key unique)."""
    vocabulary = legislation_words()
    pieces: list[str] = []
    for word in printed.split():
        lowered = word.lower()
        if lowered in vocabulary.range_words or lowered in vocabulary.list_words:
            pieces.append("-" if lowered in vocabulary.range_words else ",")
            continue
        if pieces and pieces[-1] not in {"-", ","}:
            pieces.append(",")
        pieces.append(key_label(word))
    return "".join(pieces)


def provision(element: etree._Element, scope: Scope, builder: Builder) -> None:
    """<Provision>: preamble and enacting text, schedule items, statute text in groups."""
    printed = printed_label(element)
    label = unit_label(printed)
    if scope.ordinal_type:
        segment, kind = f"{scope.ordinal_type}:{scope.next(scope.ordinal_type)}", scope.ordinal_kind
    elif label:
        segment, kind = f"prov:{label}", "provision"
    else:
        segment, kind = f"para:{scope.next('para')}", "provision"
    emit_unit(element, join_key(scope.key, segment), kind, printed, builder)


def emit_unit(element: etree._Element, key: str, kind: str, printed: str, builder: Builder) -> None:
    """Marginal note, then the unit's own text, then whatever it contains, in order."""
    note = child(element, "MarginalNote")
    if note is not None:
        builder.add(join_key(key, "note"), "marginal-note", running_text(note), note)
    inner = Scope(key=key)
    texts = [sub for sub in children(element) if local_name(sub.tag) == "Text"]
    if texts:
        builder.add(key, kind, running_text(texts[0]), texts[0], printed or None)
    for extra in texts[1:]:
        builder.add(join_key(key, f"cont:{inner.next('cont')}"), "continued", running_text(extra), extra)
    walk(element, inner, builder, skip=READ_BY_UNIT)


def definition(element: etree._Element, scope: Scope, builder: Builder) -> None:
    """A definition, keyed by position; its label is the term(s) it defines in its language."""
    key = join_key(scope.key, f"def:{scope.next('def')}")
    text_element = child(element, "Text")
    if text_element is not None:
        builder.add(
            key,
            "definition",
            running_text(text_element),
            text_element,
            defined_terms(text_element, builder.language),
        )
    walk(element, Scope(key=key), builder, skip=READ_BY_UNIT)


def defined_terms(text_element: etree._Element, language: str | None) -> str | None:
    """The terms a definition defines, in the document's language ("quiconque; personne")."""
    own = "DefinedTermFr" if language == "fr" else "DefinedTermEn"
    terms = [running_text(term) for term in text_element.iter() if local_name(term.tag) == own]
    return "; ".join(term for term in terms if term) or None


def continued(element: etree._Element, scope: Scope, builder: Builder) -> None:
    """ContinuedSectionSubsection, ContinuedDefinition...: the words after a list of paragraphs."""
    key = join_key(scope.key, f"cont:{scope.next('cont')}")
    builder.add(key, "continued", running_text(element), element)


def heading(element: etree._Element, scope: Scope, builder: Builder) -> None:
    """A heading: "PART I"/"PARTIE I" gives part:I (nested under enclosing labelled headings),
    an unlabelled heading gives h:<n>. Its level goes in the label."""
    level = heading_level(element)
    printed = printed_label(element)
    text = heading_text(element)
    while scope.headings and scope.headings[-1][0] >= level:
        scope.headings.pop()
    segment = division_segment(printed)
    if segment:
        key = join_key(scope.key, "/".join([*(seg for _, seg in scope.headings), segment]))
        scope.headings.append((level, segment))
    else:
        builder.heading_count += 1
        key = join_key(scope.key, f"h:{builder.heading_count}")
    builder.add(key, "heading", text, element, str(level))


def heading_text(element: etree._Element) -> str:
    """Label, title and reference of a heading, one space apart ("PART I Bill of Rights")."""
    parts = [running_text(part, NOT_RUNNING_TEXT | {"FootnoteRef"}) for part in children(element)]
    return " ".join(part for part in parts if part) or running_text(element)


def heading_level(element: etree._Element) -> int:
    try:
        return int(element.get("level", "1"))
    except ValueError:
        return 1


def division_segment(printed: str) -> str | None:
    """ "PART 1" -> "part:1", "SECTION 2" (French) -> "div:2"; None when not that shape."""
    words = printed.split()
    if len(words) != 2:
        return None
    segment_type = legislation_words().divisions.get(words[0].lower())
    return f"{segment_type}:{key_label(words[1])}" if segment_type else None


def schedule(element: etree._Element, scope: Scope, builder: Builder) -> None:
    """A schedule: sch:<number>, else sch:<id> (RelatedProvs, NifProvs), else sch:<position>."""
    form_heading = child(element, "ScheduleFormHeading")
    position = scope.next("sch")
    number = ""
    if form_heading is not None:
        segment = division_segment(printed_label(form_heading))
        number = segment.split(":", 1)[1] if segment else ""
    label = number or element.get("id") or str(position)
    key = join_key(scope.key, f"sch:{label}")
    if form_heading is not None:
        builder.add(key, "heading", heading_text(form_heading), form_heading, "1")
    walk(element, Scope(key=key), builder)


def related_piece(element: etree._Element, scope: Scope, builder: Builder) -> None:
    """A related or not-in-force provision, keyed by the numbers of its citation heading
    ("— 2012, c. 1, s. 160" and "— 2012, ch. 1, art. 160" both give piece:2012-1-160)."""
    title = element.find(".//TitleText")
    citation = running_text(title) if title is not None else ""
    numbers = "-".join(re.findall(r"\d+(?:\.\d+)?", citation))
    key = join_key(scope.key, f"piece:{numbers or scope.next('piece')}")
    inner = Scope(key=key)
    for sub in children(element):
        if local_name(sub.tag) == "Heading":
            builder.add(key, "heading", heading_text(sub), sub, str(heading_level(sub)))
        else:
            dispatch(sub, inner, builder)


def group(element: etree._Element, scope: Scope, builder: Builder) -> None:
    """<Group> of provisions inside a schedule: grp:<position>, its heading at that key."""
    key = join_key(scope.key, f"grp:{scope.next('grp')}")
    group_heading = child(element, "GroupHeading")
    if group_heading is not None:
        builder.add(key, "heading", heading_text(group_heading), group_heading, "2")
    walk(element, Scope(key=key), builder)


def ordinal_container(ordinal_type: str, kind: str) -> Callable[[etree._Element, Scope, Builder], None]:
    """Preamble and Enacts: their provisions are numbered by position (pre:1, pre:2...)."""

    def handle(element: etree._Element, scope: Scope, builder: Builder) -> None:
        walk(element, Scope(key=scope.key, ordinal_type=ordinal_type, ordinal_kind=kind), builder)

    return handle


def amended_text(element: etree._Element, scope: Scope, builder: Builder) -> None:
    """Text inserted by an amending provision: its own units live under amend:<n>."""
    walk(element, Scope(key=join_key(scope.key, f"amend:{scope.next('amend')}")), builder)


def historical_note(element: etree._Element, scope: Scope, builder: Builder) -> None:
    items = [running_text(item) for item in children(element)] or [running_text(element)]
    builder.add(
        join_key(scope.key, "hist"), "historical-note", "; ".join(item for item in items if item), element
    )


def footnote(element: etree._Element, scope: Scope, builder: Builder) -> None:
    printed = printed_label(element)
    label = key_label(printed) or str(scope.next("fn"))
    text_element = child(element, "Text")
    text = running_text(text_element if text_element is not None else element)
    builder.add(join_key(scope.key, f"fn:{label}"), "footnote", text, element, printed or None)


def loose_text(element: etree._Element, scope: Scope, builder: Builder) -> None:
    """A <Text> outside any known unit: keep it, numbered by position."""
    builder.add(join_key(scope.key, f"para:{scope.next('para')}"), "text", running_text(element), element)


def marginal_note(element: etree._Element, scope: Scope, builder: Builder) -> None:
    """A marginal note outside the units that read their own (rare)."""
    builder.add(join_key(scope.key, "note"), "marginal-note", running_text(element), element)


def table_group(element: etree._Element, scope: Scope, builder: Builder) -> None:
    """A table (CALS markup inside <TableGroup>): one block per row, cells joined by " | "."""
    key = join_key(scope.key, f"table:{scope.next('table')}")
    rows = [row for row in element.iter() if local_name(row.tag) == "row"]
    for number, row in enumerate(rows, start=1):
        cells = [running_text(cell) for cell in row if local_name(cell.tag)]
        builder.add(join_key(key, f"item:{number}"), "row", " | ".join(cells), row)


HANDLERS: dict[str, Callable[[etree._Element, Scope, Builder], None]] = {
    "Heading": heading,
    "Provision": provision,
    "Definition": definition,
    "Schedule": schedule,
    "RelatedOrNotInForce": related_piece,
    "Group": group,
    "Preamble": ordinal_container("pre", "preamble"),
    "Enacts": ordinal_container("enact", "text"),
    "AmendedText": amended_text,
    "HistoricalNote": historical_note,
    "Footnote": footnote,
    "TableGroup": table_group,
    "Text": loose_text,
    "MarginalNote": marginal_note,
}
