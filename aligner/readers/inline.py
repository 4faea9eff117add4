"""Small text helpers shared by the structured readers (DOCX, LIMS XML, HTML)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..anchors import digits_to_superscript
from ..labels import TYPED_LABEL

# ASCII whitespace only: no-break spaces (French typography before ":" or "»") are kept.
_ASCII_SPACES = re.compile(r"[ \t\n\r\f\v]+")


@dataclass(slots=True)
class Segment:
    """A stretch of inline text and whether it is set in italics."""

    text: str
    italic: bool


def collapse_spaces(text: str) -> str:
    """Runs of ASCII whitespace become one space; the ends are trimmed."""
    return _ASCII_SPACES.sub(" ", text).strip()


def superscript(number: str | int) -> str:
    """ "12" -> "¹²", the way footnote references look in text converted from PDF."""
    return digits_to_superscript(number)


def local_name(tag: object) -> str:
    """The tag of an lxml element without its namespace; "" for comments and the like."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def join_key(parent: str, segment: str) -> str:
    """A key one level under ``parent`` ("res:IV" and "op:12" give "res:IV/op:12"); the segment
    alone at the top."""
    return f"{parent}/{segment}" if parent else segment


def key_label(printed: str) -> str:
    """A printed label made fit for a key segment: "(a)", "a)", "a." and "(a)," all give "a".

    "/" separates key segments, so it becomes "-"; inner spaces are dropped.
    """
    label = printed.strip().strip("(),").rstrip(".").strip()
    return "".join(label.split()).replace("/", "-")


def is_all_italic(segments: list[Segment]) -> bool:
    """Whether every segment with visible text is italic (a paragraph wholly in italics: a
    preambular paragraph whose lead lost its markup, a title)."""
    visible = [segment for segment in segments if segment.text.strip()]
    return bool(visible) and all(segment.italic for segment in visible)


def italic_lead(segments: list[Segment]) -> str | None:
    """The italic words opening a block, after a typed number if any ("1. *Reaffirms* its…").

    UN operative paragraphs open with an italic verb; ``structure`` uses it to tell them from
    preambular ones. None when the block does not open in italics.
    """
    start = next(
        (index for index, segment in enumerate(segments) if segment.italic and segment.text.strip()), None
    )
    if start is None:
        return None
    prefix = "".join(segment.text for segment in segments[:start]).strip()
    if prefix and not TYPED_LABEL.fullmatch(prefix):
        return None
    lead: list[str] = []
    for segment in segments[start:]:
        if not segment.italic and segment.text.strip():
            break
        lead.append(segment.text)
    return collapse_spaces("".join(lead)) or None


@dataclass
class UniqueKeys:
    """Hands out block keys, giving a repeated key a "+2", "+3"... suffix (the suffix
    ``structure`` and ``align`` know) and a note."""

    name: str
    notes: list[str] = field(default_factory=list)
    seen: Counter[str] = field(default_factory=Counter)

    def claim(self, key: str) -> str:
        """The key itself the first time; a key seen before gets "+2", "+3"... (with a note), so
        that no two blocks share a key."""
        self.seen[key] += 1
        copy = self.seen[key]
        if copy == 1:
            return key
        self.notes.append(f"{self.name}: key {key} occurs more than once; copy {copy} is {key}+{copy}")
        return f"{key}+{copy}"
