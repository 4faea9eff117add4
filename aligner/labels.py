"""The grammar of labels: how documents number their paragraphs, items, headings and notes.

One home for it, so that what ``structure`` parses, what ``repair`` takes for the start of a
unit, what ``anchors`` strips before comparing texts and what a reader takes for a typed
number all agree. The pieces:

    12.          a paragraph number (PARAGRAPH_NUMBER, at most three digits)
    a)  (a)  aa) a list letter (LIST_LETTERS); UN French and Spanish write "a)", English "(a)"
    (iv)  iv)    a lower-case roman numeral (LOWER_ROMAN)
    IV.          an upper-case roman numeral: a section (UPPER_ROMAN)
    A.           a capital letter: a sub-section (CAPITAL)
    2.3.1        a decimal outline number (DECIMAL_PARTS)
    ³  ¹²        a footnote number in superscript digits (SUPERSCRIPTS, MAX_FOOTNOTE_DIGITS)
    •  –         a bullet (BULLETS)

Which bracket a language puts around a list letter is the language's (see
``list_marker``); everything else is the same in every language this tool reads.
"""

from __future__ import annotations

import re
from functools import lru_cache

PARAGRAPH_NUMBER = r"\d{1,3}"
LIST_LETTERS = r"[a-z]{1,2}"
LOWER_ROMAN = r"[ivxlc]{1,6}"
UPPER_ROMAN = r"[IVXLC]{1,7}"
CAPITAL = r"[A-Z]"
# The parts after the first of an outline number ("2.3.1", "A.1"): one to six more.
DECIMAL_PARTS = r"(?:\.\d{1,3}){1,6}"
# An adopted resolution's or decision's number, session/serial: "48/246", "2019/16", "S-30/1",
# maybe with a part letter ("48/246 B").
ADOPTED_NUMBER = r"(?:[A-Z]{1,2}-)?\d{1,4}/\d{1,4}(?:\s[A-Z])?"
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# A footnote number has at most this many digits: a longer run of superscript digits is no
# footnote label, and is never read as a number (which could drive a loop or an allocation).
MAX_FOOTNOTE_DIGITS = 4
BULLETS = "•·▪▫◦●○■□►▸‣∙➢➤✓✔❖◆◇–—-"
# The bullets a line that continues nothing may open with (a dash is a bullet only there).
_LINE_BULLETS = "•·▪–—-"

# The number of a division ("Annex II", "Chapter 3", "Appendix B"): roman, arabic or a letter.
DIVISION_LABEL = rf"{UPPER_ROMAN}|{PARAGRAPH_NUMBER}|[A-Za-z]"

# "12. Text": a numbered paragraph.
NUMBERED = re.compile(rf"^(?P<label>{PARAGRAPH_NUMBER})\.\s+(?=\S)")
# "35- Text", "70 – Text": a paragraph number set off by a dash, taken as one only where the
# paragraph before had the number just below (so "3 - 4 weeks" at a line start is text).
NUMBERED_DASH = re.compile(rf"^(?P<label>{PARAGRAPH_NUMBER})\s?[-–]\s+(?=\S)")
# "IV. Title", "VII - Title": a section heading.
ROMAN_HEADING = re.compile(rf"^(?P<label>{UPPER_ROMAN})(?:\.|\s?[-–—])\s+(?P<title>\S.*)$")
# "B. Title": a sub-section heading.
LETTER_HEADING = re.compile(rf"^(?P<label>{CAPITAL})\.\s+(?P<title>\S.*)$")
# A decimal number of two parts or more ("2.3", "2.3.1.1", "A.1"): a heading when its title is
# short, capitalised and not ended like a sentence ("2.5 million people were…" is text).
DECIMAL = re.compile(
    rf"^(?P<label>(?:{PARAGRAPH_NUMBER}|{CAPITAL}){DECIMAL_PARTS})\.?(?:\s*[:–—-])?\s+(?=\S)"
)
# A paragraph numbered in an outline ("2.3.1 The Committee adopted…", "19.25 Les ressources…"):
# a decimal number of two parts or more, then a capitalised word. A lower-case word after a
# decimal number ("2.5 million people") makes it a quantity, not a label.
DECIMAL_PARAGRAPH = re.compile(
    rf"^(?P<label>{PARAGRAPH_NUMBER}{DECIMAL_PARTS})\.?(?:\s*[:–—-])?\s+(?=[A-ZÀ-ÖØ-Þ])"
)
# The number a heading known to be one starts with: "3", "3.", "2.3.1", "A.1", "IV.", "B)".
# A heading's number may lose the space after its period in conversion ("10.Title").
HEADING_LABEL = re.compile(
    rf"^(?P<label>{PARAGRAPH_NUMBER}(?:\.\d{{1,3}}){{0,6}}|{CAPITAL}{DECIMAL_PARTS})"
    r"(?:\.?(?:\s*[:–—-])?\s+|\.(?=[^\W\d_]))(?=\S)"
    rf"|^(?P<letter>{UPPER_ROMAN}|{CAPITAL})[.)](?:\s*[:–—-])?\s+(?=\S)"
)
BULLET = re.compile(rf"^[{BULLETS}]\s+")
# A label made of punctuation only ("•", "–"): a bullet a reader kept as the item's label.
BULLET_LABEL = re.compile(r"^[^\w\s]+$")
# A list label that is a lower-case roman numeral.
ROMAN_LABEL = re.compile(r"^[ivxlc]+$")
# "³ Text": a footnote opening with its number.
FOOTNOTE_START = re.compile(
    rf"^(?P<label>[{SUPERSCRIPTS}]{{1,{MAX_FOOTNOTE_DIGITS}}})(?![{SUPERSCRIPTS}])\s*(?=\S)"
)

# The label a unit's text may open with, and the space after it: what is not evidence that
# two texts translate each other ("12. ", "(a) ", "a) ", "(iv) ", "IV. ", "B. ").
LEADING_LABEL = re.compile(
    rf"^\s*(?:{PARAGRAPH_NUMBER}\.|\(?{LIST_LETTERS}\)|\(?{LOWER_ROMAN}\)|{UPPER_ROMAN}\.|{CAPITAL}\.)\s+"
)
# The label a paragraph may open with before its italic lead word, or none ("1. *Reaffirms*").
OPTIONAL_LEADING_LABEL = re.compile(
    rf"^(?:{PARAGRAPH_NUMBER}\.\s+|\(?{LIST_LETTERS}\)\s+|\(?{LOWER_ROMAN}\)\s+)?"
)
# A line that opens a new unit: a paragraph number, a list label, a roman or letter heading,
# a bullet, a footnote, an outline number before a capitalised word.
UNIT_START = re.compile(
    rf"^(?:{PARAGRAPH_NUMBER}\.\s|\(?{LIST_LETTERS}\)\s|\(?{LOWER_ROMAN}\)\s|{UPPER_ROMAN}\.\s|{CAPITAL}\.\s|"
    rf"[{_LINE_BULLETS}]\s|[{SUPERSCRIPTS}]+\s?\S|{PARAGRAPH_NUMBER}{DECIMAL_PARTS}\.?\s+(?=[A-ZÀ-ÖØ-Þ]))"
)
# A typed label on its own, as the whole text before an italic lead: "1.", "(a)", "iv)", "12",
# "12a", "B.".
TYPED_LABEL = re.compile(rf"\(?(?:{PARAGRAPH_NUMBER}[a-z]?|[a-zA-Z]|{LOWER_ROMAN}|{UPPER_ROMAN})[.)]?\)?")


def strip_label(text: str) -> str:
    """Text without the paragraph number or list marker it starts with ("12. ", "(a) ", "a) ").

    Labels are structure, not evidence that two texts translate each other.
    """
    return LEADING_LABEL.sub("", text, count=1)


@lru_cache(maxsize=4)
def list_marker(opening_bracket: bool) -> re.Pattern[str]:
    """A list item's label at the start of a paragraph, group "label" the letter or roman
    numeral: "(a) " where the language opens the bracket (English), "a) " where it does not
    (French, Spanish)."""
    opening = r"\(" if opening_bracket else ""
    return re.compile(rf"^{opening}(?P<label>{LIST_LETTERS}|{LOWER_ROMAN})\)\s+")


def printed_label(label: str, text: str) -> str:
    """The label as ``text`` prints it at its start, brackets and point included ("12." for
    "12", "(a)" or "a)" for "a"); "" when the text does not open with it or stops there."""
    printed = re.match(rf"\(?{re.escape(label)}[.)]?(?=\s+\S)", text)
    return printed.group(0) if printed else ""


@lru_cache(maxsize=8)
def opening_number(months: frozenset[str]) -> re.Pattern[str]:
    """A paragraph or footnote number opening a segment ("12. ", "19.25 The ...", "3) The",
    "6 Il est"), but not a day before a month ("3 December", given the language's months)."""
    names = "|".join(sorted(map(re.escape, months), key=len, reverse=True)) or "(?!)"
    return re.compile(
        rf"^\s*(?:{PARAGRAPH_NUMBER}(?:\.\d{{1,3}})*\.\s+|\(?{PARAGRAPH_NUMBER}\)\s+"
        rf"|{PARAGRAPH_NUMBER}(?:\.\d{{1,3}})+\s+(?=[^\W\d_])"
        rf"|{PARAGRAPH_NUMBER}\s+(?!(?i:{names})\b)(?=[A-ZÀ-Þ]))"
    )


# --- roman numerals ---------------------------------------------------------------------------

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN_NUMERALS = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman_value(numeral: str) -> int:
    """The value of a roman numeral in either case ("xiv" and "XIV" are 14): a digit before a
    larger one is taken away."""
    values = [_ROMAN_VALUES[char] for char in numeral.lower()]
    return sum(
        -value if index + 1 < len(values) and value < values[index + 1] else value
        for index, value in enumerate(values)
    )


def roman_numeral(number: int) -> str:
    """The upper-case roman numeral of a positive number (14 is "XIV"); others as digits."""
    if number < 1:
        return str(number)
    digits = []
    for value, symbol in _ROMAN_NUMERALS:
        while number >= value:
            digits.append(symbol)
            number -= value
    return "".join(digits)
