"""The plain dataclasses that flow between the stages of the pipeline.

ingest (readers, repair) -> ``RawDocument`` of ``Block``s
structure                 -> ``Document`` of keyed ``Unit``s
pairing.structural        -> ``StructuralAlignment`` of ``UnitPair``s and ``Disagreement``s
align.sentences           -> ``Bitext`` of ``Sentence``s and ``Link``s
export / terms / checks   -> consume ``SegmentPair``s (a link, a TMX unit or a line pair, all alike)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .profiles import DEFAULT_LANGUAGES, Language


@dataclass(slots=True)
class Block:
    """A paragraph-sized piece of text as a reader found it, before structure is parsed.

    Readers of structured formats (XML, HTML) already know what a block is and give it a
    ``key`` and ``kind``; the text reader leaves both empty for ``structure`` to work out.
    Readers that know a block's role without knowing its key (Word styles, Markdown markup)
    give only the ``kind``: "heading" with its outline ``level`` (1 = top, 0 = unknown),
    "item" for a list paragraph with its printed ``label``, "cell" for a table cell with the
    ``table`` it belongs to (numbered from 1 in the document) and its ``row`` and ``column``
    (from 1), "code", "footnote", "title".
    """

    text: str
    line: int = 0
    key: str | None = None
    kind: str | None = None
    label: str | None = None
    italic_lead: str | None = None
    italic: bool = False
    page: int = 0
    level: int = 0
    table: int = 0
    row: int = 0
    column: int = 0
    terms: tuple[str, ...] = ()


@dataclass(slots=True)
class RawDocument:
    """What a reader returns: blocks in reading order plus what it learnt on the way.

    ``paginated`` says the text went through pages (a PDF conversion): page furniture and
    paragraphs cut by page breaks may be in it. Word and authored Markdown never cut a
    paragraph at a page end, and a table cell "12" there is not a page number.
    """

    path: str
    format: str
    blocks: list[Block]
    encoding: str = "utf-8"
    language: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    paginated: bool = True


@dataclass(slots=True)
class Unit:
    """One structural unit: a heading, a numbered paragraph, a list item, a footnote...

    ``key`` means the same thing in both languages (``res:IV/op:12/b``), so pairing by key is
    pairing by meaning. ``text`` is clean text (markup removed, footnote references kept as
    superscript digits); ``label`` is the number or letter the unit carries in the text.
    A unit whose ``kind`` is in ``STRUCTURE_ONLY_KINDS`` (a table row) holds text only to be
    paired by: its children (the cells) carry the same text and are what gets aligned.
    """

    key: str
    kind: str
    text: str
    label: str = ""
    line: int = 0
    italic_lead: str | None = None
    footnote_refs: tuple[str, ...] = ()
    # The terms a definition defines, in every language its text names them (a Canadian
    # definition gives the other language's term in brackets): evidence for pairing it.
    terms: tuple[str, ...] = ()


# Keys are "/"-joined segments "type:label" (``res:IV/op:12/b`` has segments res:IV, op:12
# and the bare list label b). A label is what the text itself prints (a number, a letter, an
# anchor, a file name), so two units with the same key mean the same thing. Segment types in
# ORDINAL_KEY_TYPES carry only a position among siblings ("pre:3" is the third preambular
# paragraph): such units are paired by content, never trusted by key alone.
ORDINAL_KEY_TYPES = frozenset({"pre", "para", "def", "item", "h", "line", "tbl", "cell"})
# Kinds of units that are paired but not aligned sentence by sentence (see ``Unit``).
STRUCTURE_ONLY_KINDS = frozenset({"row"})


def key_type(key: str) -> str:
    """The type of the last segment of a key ("op" for "res:IV/op:12", "" for a bare label)."""
    last = key.rsplit("/", 1)[-1]
    return last.split(":", 1)[0] if ":" in last else ""


def is_ordinal_key(key: str) -> bool:
    """Does the key's last segment give only a position among siblings ("pre:3"), not a
    printed label? Such units are paired by content (see ``ORDINAL_KEY_TYPES``)."""
    return key_type(key) in ORDINAL_KEY_TYPES


@dataclass(slots=True)
class Document:
    """A parsed document: metadata and units in reading order (the tree is in the keys).
    ``language`` is the document's ``Language``, resolved once at ingestion: what every stage
    after it knows of the language (``language.code`` is its code). ``warnings`` are what a
    user must be told (a body mostly in the other language); ``notes`` what the reader and
    repair did."""

    path: str
    language: Language
    format: str
    units: list[Unit]
    metadata: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    structured: bool = True
    warnings: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[Unit]:
        return iter(self.units)

    def __len__(self) -> int:
        return len(self.units)

    def by_key(self) -> dict[str, Unit]:
        """The units by their key."""
        return {unit.key: unit for unit in self.units}

    @property
    def symbol(self) -> str | None:
        """The document symbol its header gives ("A/74/400"), if any."""
        return self.metadata.get("symbol")


@dataclass(slots=True)
class UnitPair:
    """Units of the source and target that correspond. Usually one each; a split or merged
    paragraph gives one on one side and two on the other, a missing unit an empty side."""

    source: list[Unit]
    target: list[Unit]
    method: str = "key"
    score: float = 1.0

    @property
    def key(self) -> str:
        """The key of the pair: its first source unit's, else its first target unit's."""
        side = self.source or self.target
        return side[0].key if side else ""

    @property
    def source_text(self) -> str:
        """The text of the source units, joined by a space."""
        return " ".join(unit.text for unit in self.source)

    @property
    def target_text(self) -> str:
        """The text of the target units, joined by a space."""
        return " ".join(unit.text for unit in self.target)


@dataclass(slots=True)
class Disagreement:
    """A place where the two structures do not agree. ``kind`` is one of: missing, extra,
    renumbered, nesting (a unit nested at another depth), split, merged, footnote-count,
    symbol, date, number, metadata."""

    kind: str
    key: str
    detail: str


@dataclass(slots=True)
class StructuralAlignment:
    """The structural alignment of two documents: the unit pairs in reading order (one-sided ones
    included) and the disagreements between the two structures."""

    source: Document
    target: Document
    pairs: list[UnitPair]
    disagreements: list[Disagreement] = field(default_factory=list)

    @property
    def paired(self) -> list[UnitPair]:
        """The pairs with units on both sides."""
        return [pair for pair in self.pairs if pair.source and pair.target]


@dataclass(slots=True)
class Sentence:
    """A sentence of one side, with the structural unit it came from."""

    text: str
    unit: str = ""
    index: int = 0


@dataclass(slots=True)
class Link:
    """An alignment link between consecutive source and target sentences.

    Indices are positions in the ``Bitext``'s sentence lists; either side may be empty
    (a 1-0 or 0-1 link). ``confidence`` is a calibrated probability that the link is right.
    """

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float
    unit: str = ""
    source_text: str = ""
    target_text: str = ""

    @property
    def kind(self) -> str:
        """The link type, source sentences then target sentences ("1-1", "2-1", "0-1")."""
        return f"{len(self.source)}-{len(self.target)}"


@dataclass(slots=True)
class Bitext:
    """The result of aligning two documents: sentences of each side and the links, between
    the documents' languages (``Language`` objects, written as their codes)."""

    source_language: Language
    target_language: Language
    source_sentences: list[Sentence]
    target_sentences: list[Sentence]
    links: list[Link]
    structure: StructuralAlignment | None = None
    source_path: str = ""
    target_path: str = ""
    symbol: str | None = None


# What a reviewer can say of a link: right as it is, wrong, or corrected (and so right).
REVIEW_STATUSES = ("approved", "rejected", "edited")


@dataclass(slots=True)
class SegmentPair:
    """A source segment and its translation, whatever produced it (a link, a TMX unit, a
    line of a parallel corpus). Writers, terminology and checks all take these.

    ``source_lang``/``target_lang`` are language tags, with a region where one is known
    ("fr-CA"): a segment pair is the record files exchange (a memory's unit, a link, a line
    pair), so it holds the tags as files write them, not ``Language`` objects (a language has
    no region); whatever works on a set of pairs resolves their languages once, where it
    reads them (``terms.extract.orientation``, which the checks' ``CheckContext`` is given).
    ``source_label``/``target_label`` hold the label of the unit the segment opens
    ("12.", "a)", a footnote's "³"), as printed: the text starts with it, except a footnote's
    number, which readers take out of the footnote's text. Memory writers decide where a label
    goes (``writers.common.LabelRule``).
    """

    source: str
    target: str
    source_lang: str = DEFAULT_LANGUAGES[0]
    target_lang: str = DEFAULT_LANGUAGES[1]
    key: str = ""
    tuid: str = ""
    document: str = ""
    confidence: float = 1.0
    kind: str = "1-1"
    note: str = ""
    props: dict[str, str] = field(default_factory=dict)
    # A reviewer's verdict on a link: "" (not reviewed) or one of REVIEW_STATUSES.
    status: str = ""
    # The sentences each side joins (with one space), when known: where a link can be split.
    source_sentences: tuple[str, ...] = ()
    target_sentences: tuple[str, ...] = ()
    # Positions of those sentences in their document, when known (what ``evaluate`` scores).
    source_ids: tuple[int, ...] = ()
    target_ids: tuple[int, ...] = ()
    source_label: str = ""
    target_label: str = ""
