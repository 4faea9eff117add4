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
    sch:1/art:2, sch:1/part:1/art:2          labelled groups ("ARTICLE 2"), under the schedule
    sch:1/grp:<n>                            unlabelled groups of provisions
    .../table:<n>/title, .../table:<n>/fn:*  a table's title, its footnotes
    .../table:<n>/item:<m>/col:<c>           table rows (kind "row") and their cells

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
from ..profiles import is_language_code, legislation_words, primary_language
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
SPACED_BEFORE = frozenset(
    {
        "Repealed",
        "Provision",
        "Text",
        "SignatureTitle",
        "SignatureName",
        "SignatureLine",
        "FormulaGroup",
        "Formula",
        "FormulaDefinition",
        "FormulaConnector",
    }
)
CONTINUED_PREFIX = "Continued"
# Read by ``read_identification`` or by the unit that holds them, or holding no running text.
ALWAYS_SKIPPED = frozenset(
    {"Identification", "RecentAmendments", "Label", "ScheduleFormHeading", "GroupHeading"}
)
DEFINED_TERM_TAGS = frozenset({"DefinedTermEn", "DefinedTermFr"})
# Titles of a table, and the key segment each is read into.
TABLE_TITLES = {"title": "title", "Caption": "caption"}
# A unit reads its own marginal note and text before walking what it contains.
READ_BY_UNIT = frozenset({"MarginalNote", "Text"})


@dataclass
class Scope:
    """Where the walker is: the key of the enclosing unit and the counters of its children."""

    key: str
    ordinal_type: str | None = None
    ordinal_kind: str = "provision"
    counters: Counter[str] = field(default_factory=Counter)
    headings: list[tuple[int, str]] = field(default_factory=list)
    # The key of the nearest enclosing labelled unit when the walker is inside unlabelled
    # groups (labelled groups are keyed under it); None when that is ``key`` itself.
    anchor: str | None = None

    @property
    def labelled_key(self) -> str:
        """The key labelled units are keyed under: the nearest enclosing labelled unit's
        (``anchor``) inside unlabelled groups, else the scope's own."""
        return self.key if self.anchor is None else self.anchor

    def next(self, counter: str) -> int:
        """The next number of ``counter`` in this scope (from 1): the position of an unlabelled unit
        among its siblings of that kind."""
        self.counters[counter] += 1
        return self.counters[counter]


@dataclass
class Builder:
    """Collects blocks in reading order and keeps their keys unique."""

    keys: UniqueKeys
    language: str | None
    blocks: list[Block] = field(default_factory=list)
    heading_count: int = 0

    def add(
        self,
        key: str,
        kind: str,
        text: str,
        element: etree._Element,
        label: str | None = None,
        terms: tuple[str, ...] = (),
    ) -> None:
        """Add a block for ``element`` under ``key`` (made unique if it is taken), with its line in
        the XML; an empty text adds nothing."""
        if text:
            self.blocks.append(
                Block(
                    text=text,
                    line=element.sourceline or 0,
                    key=self.keys.claim(key),
                    kind=kind,
                    label=label,
                    terms=terms,
                )
            )


def read(path: Path, data: bytes) -> RawDocument:
    """The blocks of a Justice Canada LIMS XML act or regulation (<Statute>, <Regulation>), keyed by
    the labels the XML gives (parts, sections, subsections, paragraphs, definitions, schedules,
    tables), with the identification's titles and symbol as metadata and Canada as the origin
    region."""
    name = str(path)
    tree = parse_xml(data, name)
    root = tree.getroot()
    if local_name(root.tag) not in ROOT_TAGS:
        raise InputError(
            f"{name}: not a Justice Canada LIMS document (root element <{local_name(root.tag)}>, "
            "expected <Statute> or <Regulation>)"
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
    declared = primary_language(root.get(XML_LANG))
    if declared:
        return declared
    stem = path.stem.lower()
    return stem if is_language_code(stem) else None


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
    """The first child element of ``element`` named ``tag`` (namespaces aside), or None."""
    for candidate in element:
        if local_name(candidate.tag) == tag:
            return candidate
    return None


def children(element: etree._Element) -> list[etree._Element]:
    """The child elements of ``element``, comments and processing instructions left out."""
    return [candidate for candidate in element if local_name(candidate.tag)]


def running_text(
    element: etree._Element, skip: frozenset[str] = NOT_RUNNING_TEXT, keep_language: str | None = None
) -> str:
    """The text of an element as it reads, leaving out notes nested inside it; with
    ``keep_language``, also the parts marked as written in another language."""
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for sub in node:
            tag = local_name(sub.tag)
            if tag in LINE_BREAKS or tag in SPACED_BEFORE:
                parts.append(" ")
            if keep_language and tag == "Language" and not _written_in(sub, keep_language):
                parts.append(" ")
            elif tag and tag not in skip and tag not in LINE_BREAKS:
                visit(sub)
            if sub.tail:
                parts.append(sub.tail)

    visit(element)
    return collapse_spaces("".join(parts))


def _written_in(element: etree._Element, language: str) -> bool:
    return primary_language(element.get(XML_LANG) or language) == language


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
    """Read one element with the handler its tag has, else as a unit if it is one, a continued-text
    element, loose text when it holds text of its own, or by walking its children."""
    tag = local_name(element.tag)
    if tag in ALWAYS_SKIPPED:
        return
    handler = HANDLERS.get(tag)
    if handler is None and tag in UNIT_TYPES:
        handler = unit
    elif handler is None and tag.startswith(CONTINUED_PREFIX):
        handler = continued
    elif handler is None and has_own_text(element):
        handler = loose_text
    (handler or walk)(element, scope, builder)


def has_own_text(element: etree._Element) -> bool:
    """Does an element hold text of its own (a note, an image's alternative text, a formula,
    a "[Repealed]" standing alone), not only elements that hold text?"""
    if element.text and element.text.strip():
        return True
    return any(sub.tail and sub.tail.strip() for sub in element)


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
            terms_in_every_language(element),
        )
    walk(element, Scope(key=key), builder, skip=READ_BY_UNIT)


def defined_terms(text_element: etree._Element, language: str | None) -> str | None:
    """The terms a definition defines, in the document's language ("quiconque; personne")."""
    # Justice Canada names the element after the language: DefinedTermEn, DefinedTermFr.
    own = "DefinedTerm" + (language or "en").capitalize()
    terms = [running_text(term) for term in text_element.iter() if local_name(term.tag) == own]
    return "; ".join(term for term in terms if term) or None


def terms_in_every_language(element: etree._Element) -> tuple[str, ...]:
    """Every term a definition names, in either language, anywhere in it (the other
    language's term often closes its last paragraph): "lieu" and "place" both ways round."""
    terms = (
        running_text(term)
        for term in element.iter()
        if local_name(term.tag) in DEFINED_TERM_TAGS
        and not any(local_name(a.tag) == "Definition" for a in term.iterancestors() if a is not element)
    )
    return tuple(dict.fromkeys(term for term in terms if term))


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
    """The outline level a <Heading> declares (its ``level`` attribute), 1 when it is missing or not
    a number."""
    try:
        return int(element.get("level", "1"))
    except ValueError:
        return 1


def division_segment(printed: str) -> str | None:
    """ "PART 1" -> "part:1", "SECTION 2" (French) -> "div:2", "ARTICLE PREMIER" -> "art:1";
    None when not that shape."""
    words = printed.split()
    if len(words) != 2:
        return None
    vocabulary = legislation_words()
    segment_type = vocabulary.divisions.get(words[0].lower())
    if not segment_type:
        return None
    number = vocabulary.number_words.get(words[1].lower())
    return f"{segment_type}:{number if number is not None else key_label(words[1])}"


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
    """<Group> of provisions inside a schedule, its heading at the group's key.

    A group whose heading carries a division label ("ARTICLE 2", "PART 1") is keyed by it
    under the nearest labelled ancestor (the schedule, or a labelled group), whatever
    unlabelled groups hold it: one language may put the articles of a treaty inside its
    preamble's group and the other beside it. Other groups are grp:<position>.
    """
    group_heading = child(element, "GroupHeading")
    segment = division_segment(printed_label(group_heading)) if group_heading is not None else None
    if segment:
        key = join_key(scope.labelled_key, segment)
        inner = Scope(key=key)
    else:
        key = join_key(scope.key, f"grp:{scope.next('grp')}")
        inner = Scope(key=key, anchor=scope.labelled_key)
    if group_heading is not None:
        builder.add(key, "heading", heading_text(group_heading), group_heading, "2")
    walk(element, inner, builder)


def ordinal_container(ordinal_type: str, kind: str) -> Callable[[etree._Element, Scope, Builder], None]:
    """Preamble and Enacts: their provisions are numbered by position (pre:1, pre:2...)."""

    def handle(element: etree._Element, scope: Scope, builder: Builder) -> None:
        walk(element, Scope(key=scope.key, ordinal_type=ordinal_type, ordinal_kind=kind), builder)

    return handle


def amended_text(element: etree._Element, scope: Scope, builder: Builder) -> None:
    """Text inserted by an amending provision: its own units live under amend:<n>."""
    walk(element, Scope(key=join_key(scope.key, f"amend:{scope.next('amend')}")), builder)


def historical_note(element: etree._Element, scope: Scope, builder: Builder) -> None:
    """A <HistoricalNote>: its items joined by "; " as one block keyed ``hist`` under the unit."""
    items = [running_text(item) for item in children(element)] or [running_text(element)]
    builder.add(
        join_key(scope.key, "hist"), "historical-note", "; ".join(item for item in items if item), element
    )


def footnote(element: etree._Element, scope: Scope, builder: Builder) -> None:
    """A <Footnote> as a block keyed ``fn:<label>`` (its printed label, else its position), its
    label left out of the text."""
    printed = printed_label(element)
    label = key_label(printed) or str(scope.next("fn"))
    text = running_text(element, NOT_RUNNING_TEXT | {"Label"})
    builder.add(join_key(scope.key, f"fn:{label}"), "footnote", text, element, printed or None)


def loose_text(element: etree._Element, scope: Scope, builder: Builder) -> None:
    """A <Text> outside any known unit, or any element with text of its own that no handler
    reads: keep it, numbered by position."""
    builder.add(join_key(scope.key, f"para:{scope.next('para')}"), "text", running_text(element), element)


def marginal_note(element: etree._Element, scope: Scope, builder: Builder) -> None:
    """A marginal note outside the units that read their own (rare)."""
    builder.add(join_key(scope.key, "note"), "marginal-note", running_text(element), element)


def table_group(element: etree._Element, scope: Scope, builder: Builder) -> None:
    """A table (CALS markup inside <TableGroup>), keyed table:<n>: its title and caption, its
    rows (item:<m>, kind "row": the cells joined by " | ", to pair rows by) and under each row
    its non-empty cells (col:<c>, the column the cell starts in), which are what gets aligned,
    then the table's footnotes. A table marked bilingual (a signature block printed alike in
    both versions) keeps only the parts in the document's language."""
    table = Scope(key=join_key(scope.key, f"table:{scope.next('table')}"))
    language = builder.language if element.get("bilingual") == "yes" else None
    read_table_part(element, table, builder, language, Columns())


def read_table_part(
    element: etree._Element, table: Scope, builder: Builder, language: str | None, columns: Columns
) -> None:
    """Read the parts of a table in order: titles and captions as headings, rows (``table_row``),
    footnotes, and whatever holds them (a new <tgroup> brings its own columns); ``language``
    keeps only text in that language (a bilingual table)."""
    for sub in children(element):
        tag = local_name(sub.tag)
        if tag in TABLE_TITLES:
            builder.add(join_key(table.key, TABLE_TITLES[tag]), "heading", running_text(sub), sub, "3")
        elif tag == "row":
            table_row(sub, table, builder, language, columns)
        elif tag == "Footnote":
            footnote(sub, table, builder)
        else:
            if tag == "tgroup":
                columns = Columns.of(sub)
            read_table_part(sub, table, builder, language, columns)


def table_row(
    row: etree._Element, table: Scope, builder: Builder, language: str | None, columns: Columns
) -> None:
    """One table row: a "row" block of its cells joined by " | " (what pairs rows), then each non-
    empty cell as a "cell" block keyed by the column it starts in."""
    key = join_key(table.key, f"item:{table.next('item')}")
    cells = [(column, cell_text(entry, language), entry) for column, entry in columns.place(children(row))]
    builder.add(key, "row", " | ".join(text for _, text, _ in cells if text), row)
    for column, text, entry in cells:
        builder.add(join_key(key, f"col:{column}"), "cell", text, entry)


@dataclass
class Columns:
    """Where the cells of a CALS table group fall: column names from its <colspec>s, and the
    columns that cells of earlier rows still cover (``morerows``)."""

    names: dict[str, int] = field(default_factory=dict)
    covered: dict[int, int] = field(default_factory=dict)

    @classmethod
    def of(cls, tgroup: etree._Element) -> Columns:
        """The columns of a <tgroup>, numbered from 1 in the order of its <colspec>s, by their
        names."""
        specs = [sub for sub in children(tgroup) if local_name(sub.tag) == "colspec"]
        return cls({spec.get("colname", ""): number for number, spec in enumerate(specs, start=1)})

    def place(self, entries: list[etree._Element]) -> list[tuple[int, etree._Element]]:
        """The entries of one row with the number of the column each starts in: a cell with
        no column name takes the next column that neither a cell spanning columns nor a cell
        of a row above (spanning rows) holds."""
        placed = []
        taken = {column for column, rows in self.covered.items() if rows > 0}
        self.covered = {column: rows - 1 for column, rows in self.covered.items() if rows > 1}
        last = 0
        for entry in entries:
            if local_name(entry.tag) != "entry":
                continue
            named = self.names.get(entry.get("namest") or entry.get("colname") or "")
            start = named or next(column for column in range(last + 1, last + 1000) if column not in taken)
            end = max(start, self.names.get(entry.get("nameend") or "", start))
            placed.append((start, entry))
            rows_below = _count(entry.get("morerows"))
            for column in range(start, end + 1):
                taken.add(column)
                if rows_below:
                    self.covered[column] = rows_below
            last = end
        return placed


def _count(value: str | None) -> int:
    try:
        return max(0, int(value or 0))
    except ValueError:
        return 0


def cell_text(entry: etree._Element, language: str | None) -> str:
    """A cell's text without its footnotes; only the document's language where given."""
    return running_text(entry, NOT_RUNNING_TEXT, keep_language=language)


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
