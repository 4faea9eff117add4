"""Word list numbering (word/numbering.xml): the labels Word prints before list paragraphs.

A paragraph names a numbering instance (``w:numId``) and a level (``w:ilvl``). The instance
points at an abstract definition whose levels give a number format (decimal, lowerLetter,
upperRoman...), a start value and a pattern such as "%1." or "(%2)" where %n stands for the
current count of level n. Counters are kept per instance and level; using a level restarts
the levels below it, as Word does by default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from lxml import etree

from ..labels import roman_numeral

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LEVEL_PLACEHOLDER = re.compile(r"%([1-9])")
DEFAULT_BULLET = "•"
# The largest list number Word writes (w:start is at most 32767 in its user interface): a
# start or count beyond it is no list number, and is never spelled out in letters or roman
# numerals (a count of 10^12 in roman numerals would take a billion "m").
MAX_LIST_NUMBER = 32767
# Symbol fonts map their glyphs to the private use area: no meaningful character there.
PRIVATE_USE = range(0xE000, 0xF900)


def w(tag: str) -> str:
    """The qualified name of a WordprocessingML element or attribute ("p" gives "{...main}p")."""
    return f"{{{W_NS}}}{tag}"


def w_val(element: etree._Element | None, name: str = "val") -> str | None:
    """The ``w:`` attribute ``name`` of an element (``w:val`` by default), or None for no element or
    no attribute."""
    return None if element is None else element.get(w(name))


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a Word list: its number format ("decimal", "lowerLetter", "bullet"...), the
    pattern of its label ("%1."), the number it starts at, and whether it shows every level in
    decimal ("legal" numbering)."""

    number_format: str = "decimal"
    text: str = "%1."
    start: int = 1
    legal: bool = False


@dataclass
class Numbering:
    """The lists of numbering.xml: the levels of each abstract list, and each list instance (numId)
    with the abstract list it uses and the levels it overrides."""

    abstract_levels: dict[str, dict[int, Level]] = field(default_factory=dict)
    # numId -> (abstractNumId, levels overridden by this instance)
    instances: dict[str, tuple[str, dict[int, Level]]] = field(default_factory=dict)

    @classmethod
    def from_xml(cls, tree: etree._ElementTree | None) -> Numbering:
        """The lists of a numbering.xml tree (none when the part is missing)."""
        numbering = cls()
        if tree is None:
            return numbering
        root = tree.getroot()
        for abstract in root.iter(w("abstractNum")):
            levels = {index: read_level(element) for index, element in level_elements(abstract)}
            numbering.abstract_levels[w_val(abstract, "abstractNumId") or ""] = levels
        for instance in root.iter(w("num")):
            abstract_id = w_val(instance.find(w("abstractNumId"))) or ""
            numbering.instances[w_val(instance, "numId") or ""] = (
                abstract_id,
                read_overrides(instance, numbering, abstract_id),
            )
        return numbering

    def levels(self, num_id: str) -> dict[int, Level]:
        """The levels of a list instance, its overrides over the abstract list's; none for an
        unknown numId."""
        if num_id not in self.instances:
            return {}
        abstract_id, overrides = self.instances[num_id]
        return {**self.abstract_levels.get(abstract_id, {}), **overrides}


def level_elements(parent: etree._Element) -> list[tuple[int, etree._Element]]:
    """The w:lvl children of a list with their level index, leaving out an index that is not a short
    number."""
    found = []
    for element in parent.findall(w("lvl")):
        index = w_val(element, "ilvl") or "0"
        if _is_level_index(index):
            found.append((int(index), element))
    return found


def read_level(element: etree._Element, base: Level = Level()) -> Level:
    """One w:lvl as a ``Level``; what it does not set is taken from ``base`` (the abstract list's
    level, for an override)."""
    start = w_val(element.find(w("start")))
    legal = element.find(w("isLgl"))
    return Level(
        number_format=w_val(element.find(w("numFmt"))) or base.number_format,
        text=(w_val(element.find(w("lvlText"))) or "")
        if element.find(w("lvlText")) is not None
        else base.text,
        start=_start_value(start, base.start),
        legal=(w_val(legal) or "true").lower() not in {"0", "false", "off"}
        if legal is not None
        else base.legal,
    )


def _is_level_index(text: str) -> bool:
    """Word has list levels 0 to 8; an index is a short run of ASCII digits, or not one."""
    return text.isascii() and text.isdigit() and len(text) <= 2


def _start_value(text: str | None, default: int) -> int:
    """A list's start value, read only if it is a number Word itself allows (0 to 32767):
    a document could otherwise start a list at 10^12 and have it printed in roman numerals."""
    text = text.strip() if text is not None else ""
    if not (text.isascii() and text.isdigit()) or len(text) > 5:
        return default
    value = int(text)
    return value if value <= MAX_LIST_NUMBER else default


def read_overrides(instance: etree._Element, numbering: Numbering, abstract_id: str) -> dict[int, Level]:
    """w:lvlOverride: a new start value, or a whole level redefined for this instance."""
    base_levels = numbering.abstract_levels.get(abstract_id, {})
    overrides: dict[int, Level] = {}
    for override in instance.findall(w("lvlOverride")):
        index = w_val(override, "ilvl") or "0"
        if not _is_level_index(index):
            continue
        level = base_levels.get(int(index), Level())
        redefined = override.find(w("lvl"))
        if redefined is not None:
            level = read_level(redefined, level)
        start = w_val(override.find(w("startOverride")))
        if start is not None:
            level = replace(level, start=_start_value(start, level.start))
        overrides[int(index)] = level
    return overrides


class NumberingCounters:
    """The running counts of one document's lists, to turn (numId, ilvl) into a label."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.counts: dict[str, dict[int, int]] = {}

    def is_bullet(self, num_id: str, level_index: int) -> bool:
        """Whether a list level prints a bullet rather than a number."""
        level = self.numbering.levels(num_id).get(level_index)
        return level is not None and level.number_format == "bullet"

    def next_label(self, num_id: str, level_index: int) -> str | None:
        """The label of the next paragraph of a list at ``level_index``, counting it (a deeper level
        restarts after it); None for a level the list does not define."""
        levels = self.numbering.levels(num_id)
        if level_index not in levels:
            return None
        counts = self.counts.setdefault(num_id, {})
        level = levels[level_index]
        counts[level_index] = counts[level_index] + 1 if level_index in counts else level.start
        for deeper in [index for index in counts if index > level_index]:
            del counts[deeper]
        return render_label(level, levels, counts)


def render_label(level: Level, levels: dict[int, Level], counts: dict[int, int]) -> str:
    """Fill the level's pattern: "%1.%2." with counts 3 and 2 gives "3.2."."""
    if level.number_format == "bullet":
        return bullet_text(level.text)

    def number_of(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        referenced = levels.get(index, Level())
        count = counts.get(index, referenced.start)
        number_format = "decimal" if level.legal else referenced.number_format
        return format_number(count, number_format)

    return LEVEL_PLACEHOLDER.sub(number_of, level.text).strip()


def bullet_text(text: str) -> str:
    """The bullet character, unless it is a symbol-font glyph with no meaning outside the font."""
    if not text.strip() or any(ord(char) in PRIVATE_USE for char in text):
        return DEFAULT_BULLET
    return text.strip()


def format_number(count: int, number_format: str) -> str:
    """The count in the level's format; past Word's largest list number, in digits."""
    if count > MAX_LIST_NUMBER:
        return str(count)
    if number_format in {"lowerLetter", "upperLetter"}:
        letters = letter_number(count)
        return letters.upper() if number_format == "upperLetter" else letters
    if number_format in {"lowerRoman", "upperRoman"}:
        numeral = roman_number(count)
        return numeral.upper() if number_format == "upperRoman" else numeral
    if number_format == "decimalZero":
        return f"{count:02d}"
    if number_format == "none":
        return ""
    return str(count)


def roman_number(count: int) -> str:
    """Word's lower-case roman numerals (i, ii, iii, iv...)."""
    return roman_numeral(count).lower()


def letter_number(count: int) -> str:
    """Word's letters: a..z, then aa..zz, then aaa..."""
    if count < 1:
        return str(count)
    return chr(ord("a") + (count - 1) % 26) * ((count - 1) // 26 + 1)
