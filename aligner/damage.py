"""Known damage planted in a copy of a translation, to measure what the review would catch.

A translator reviews only what the aligner flags, so the question a benchmark asks is: when
a translation has lost a sentence, gained one, left one untranslated..., does the link that
holds the damage *surface* (an empty side, a confidence under the review threshold, or a
unit named by a structural disagreement), and how many undamaged links surface with it?

``plant_damages`` takes a clean alignment (a ``Bitext``), picks well-aligned places of the
target document at random (a seeded generator: the same seed plants the same damage) and
returns a damaged copy of the target ``Document`` with, for every damage, the sentences
whose links must surface: source sentences whose translation was lost or replaced, target
sentences that are not a translation of what faces them. ``damaged_links`` finds those
links in the alignment of the damaged pair, ``surfacing_links`` says which links a reviewer
is shown. Damage is planted in the parsed document (units and their sentences), so it works
the same for every input format.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .labels import strip_label
from .model import Bitext, Document, Link, Unit
from .segment import split_sentences

DROPPED = "dropped sentence"
INSERTED = "inserted sentence"
DELETED = "deleted paragraph"
REPLACED = "replaced paragraph"
TRUNCATED = "truncated translation"
MOVED = "moved sentence"
UNTRANSLATED = "untranslated sentence"
CHANGED_NUMBER = "changed number"
KINDS = (DROPPED, INSERTED, DELETED, REPLACED, TRUNCATED, MOVED, UNTRANSLATED, CHANGED_NUMBER)

# Damaged units keep this many units of the target document between them, so that two
# damages never share a link; text brought in (inserted, moved, replacing) comes from at
# least FAR units away.
SPACING = 2
FAR = 5
# A sentence is truncated after this share of its words (at random between the two), and
# only sentences of at least MIN_TRUNCATED_WORDS words are.
TRUNCATE_SHARE = (0.35, 0.65)
MIN_TRUNCATED_WORDS = 8
# Units whose clean links are all at least this confident, with no empty side, are where
# damage is planted: elsewhere the clean alignment is already in doubt.
CLEAN_CONFIDENCE = 0.9
# Sentences damaged one by one (dropped, moved, left untranslated, brought in) have at
# least this many words: a one-word heading left in the other language is a cognate more
# often than not, and no reviewer would call it a missing translation.
MIN_WORDS = 5
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
_NUMBER = re.compile(r"(?<![\w.,/])\d+(?![\w/]|[.,]\d)")


@dataclass(frozen=True, slots=True)
class SentenceRef:
    """A sentence by the key of its unit and its position among the unit's sentences."""

    unit: str
    index: int
    text: str = ""  # for a damaged target sentence, its text as planted


@dataclass(frozen=True)
class Damage:
    """One planted damage: its kind, the target unit it was planted in, and the sentences
    whose links must surface (source sentences as in the source document, target sentences
    as in the damaged target document)."""

    kind: str
    unit: str
    source: tuple[SentenceRef, ...]
    target: tuple[SentenceRef, ...]
    detail: str = ""


@dataclass(frozen=True)
class DamagedPair:
    """A document pair made from a good one with known damages planted (sentences dropped, left
    untranslated, numbers changed): the two documents and what was done, for measuring how links
    and confidences react."""

    source: Document
    target: Document
    damages: list[Damage]

    def untranslated_sentences(self) -> tuple[set[tuple[str, int]], set[tuple[str, int]]]:
        """(unit, index) of the source sentences whose translation is gone or is not one, and
        of the target sentences that translate nothing that faces them: a link holding one
        is wrong, and one alone in a gap link is a right gap. A changed number leaves a
        translation with an error in it: its sentences are in neither set."""
        source, target = set(), set()
        for damage in self.damages:
            if damage.kind == CHANGED_NUMBER:
                continue
            source |= {(ref.unit, ref.index) for ref in damage.source}
            target |= {(ref.unit, ref.index) for ref in damage.target}
        return source, target


@dataclass
class _Sentence:
    text: str
    damaged: bool = False


@dataclass
class _TargetUnit:
    """A target unit being edited: its sentences, and the damage (index) that touched it."""

    unit: Unit
    sentences: list[_Sentence]
    damage: int | None = None
    deleted: bool = False


class _Planter:
    """The state of one damaged copy: target units being edited, what each damage demands."""

    def __init__(self, bitext: Bitext, rng: random.Random, min_confidence: float):
        structure = bitext.structure
        if structure is None:
            raise ValueError("damage is planted in a structured alignment (a Bitext with its structure)")
        self.rng = rng
        self.source_document, self.target_document = structure.source, structure.target
        target_profile = self.target_document.language
        self.units = [
            _TargetUnit(unit, [_Sentence(text) for text in split_sentences(unit.text, target_profile)])
            for unit in self.target_document.units
        ]
        self.position = {unit.unit.key: index for index, unit in enumerate(self.units)}
        self.source_texts = {
            (sentence.unit, sentence.index): sentence.text for sentence in bitext.source_sentences
        }
        self.one_to_one = self._one_to_one_links(bitext, min_confidence)
        self.clean = self._clean_units(bitext, min_confidence)
        self.counterpart = {
            pair.target[0].key: pair.source[0].key
            for pair in structure.pairs
            if len(pair.source) == 1 and len(pair.target) == 1
        }
        self.source_sentence_count: dict[str, int] = {}
        for sentence in bitext.source_sentences:
            self.source_sentence_count[sentence.unit] = self.source_sentence_count.get(sentence.unit, 0) + 1
        self.damages: list[Damage] = []

    @staticmethod
    def _one_to_one_links(bitext: Bitext, min_confidence: float) -> dict[tuple[str, int], tuple[str, int]]:
        """(target unit, index) -> (source unit, index) of every confident 1-1 link."""
        found = {}
        for link in bitext.links:
            if link.kind == "1-1" and link.confidence >= min_confidence:
                source = bitext.source_sentences[link.source[0]]
                target = bitext.target_sentences[link.target[0]]
                found[target.unit, target.index] = (source.unit, source.index)
        return found

    @staticmethod
    def _clean_units(bitext: Bitext, min_confidence: float) -> set[str]:
        """Target units all of whose links are confident and have both sides."""
        doubtful: set[str] = set()
        seen: set[str] = set()
        for link in bitext.links:
            units = {bitext.target_sentences[j].unit for j in link.target}
            seen |= units
            if not (link.source and link.target) or link.confidence < min_confidence:
                doubtful |= units
        return seen - doubtful

    # --- choosing places ------------------------------------------------------------------

    def _free(self, index: int) -> bool:
        low, high = max(0, index - SPACING), min(len(self.units), index + SPACING + 1)
        return all(self.units[k].damage is None for k in range(low, high))

    def _candidates(self, condition) -> list[int]:
        return [
            index
            for index, unit in enumerate(self.units)
            if unit.unit.key in self.clean and self._free(index) and condition(unit)
        ]

    def _leaf(self, unit: _TargetUnit) -> bool:
        """A unit with nothing nested in it, paired one to one with a source unit."""
        index = self.position[unit.unit.key]
        following = self.units[index + 1].unit.key if index + 1 < len(self.units) else ""
        return unit.unit.key in self.counterpart and not following.startswith(unit.unit.key + "/")

    def _mapped(self, unit: _TargetUnit, index: int) -> tuple[str, int] | None:
        return self.one_to_one.get((unit.unit.key, index))

    def _far_sentence(self, near: int, exclude: set[int]) -> tuple[int, int] | None:
        """A (unit, sentence) of an undamaged unit at least FAR units from ``near``."""
        choices = [
            (index, position)
            for index, unit in enumerate(self.units)
            if abs(index - near) >= FAR and unit.damage is None and index not in exclude and not unit.deleted
            for position, sentence in enumerate(unit.sentences)
            if _word_count(sentence.text) >= MIN_WORDS
        ]
        return self.rng.choice(choices) if choices else None

    def _mark(self, index: int) -> int:
        """Give unit ``index`` to the damage about to be recorded."""
        self.units[index].damage = len(self.damages)
        return index

    # --- the damages ------------------------------------------------------------------------

    def plant(self, kind: str) -> bool:
        """Plant one damage of ``kind``; False when the document has no place left for it."""
        return {
            DROPPED: self._drop,
            INSERTED: self._insert,
            DELETED: self._delete,
            REPLACED: self._replace,
            TRUNCATED: self._truncate,
            MOVED: self._move,
            UNTRANSLATED: self._untranslate,
            CHANGED_NUMBER: self._change_number,
        }[kind]()

    def _pick_mapped(self, condition=lambda unit, position: True, minimum_sentences: int = 1):
        """A random (unit index, sentence position, source ref) of a confident 1-1 link in a
        clean unit with at least ``minimum_sentences`` sentences, the sentence of at least
        MIN_WORDS words."""
        choices = [
            (index, position, mapped)
            for index in self._candidates(lambda unit: len(unit.sentences) >= minimum_sentences)
            for position in range(len(self.units[index].sentences))
            if (mapped := self._mapped(self.units[index], position))
            and _word_count(self.units[index].sentences[position].text) >= MIN_WORDS
            and condition(self.units[index], position)
        ]
        return self.rng.choice(choices) if choices else None

    def _drop(self) -> bool:
        # The first sentence carries the unit's label: dropping it would drop the label.
        chosen = self._pick_mapped(lambda unit, position: position > 0, minimum_sentences=2)
        if chosen is None:
            return False
        index, position, mapped = chosen
        unit = self.units[self._mark(index)]
        del unit.sentences[position]
        self._record(DROPPED, unit, [mapped])
        return True

    def _insert(self) -> bool:
        candidates = self._candidates(lambda unit: bool(unit.sentences))
        self.rng.shuffle(candidates)
        for index in candidates:
            far = self._far_sentence(index, set())
            if far is None:
                continue
            unit = self.units[self._mark(index)]
            text = strip_label(self.units[far[0]].sentences[far[1]].text)
            unit.sentences.insert(self.rng.randint(1, len(unit.sentences)), _Sentence(text, damaged=True))
            self._record(INSERTED, unit, [])
            return True
        return False

    def _delete(self) -> bool:
        candidates = self._candidates(lambda unit: self._leaf(unit) and bool(unit.sentences))
        if not candidates:
            return False
        unit = self.units[self._mark(self.rng.choice(candidates))]
        unit.deleted = True
        source_key = self.counterpart[unit.unit.key]
        sources = [(source_key, k) for k in range(self.source_sentence_count.get(source_key, 0))]
        self._record(DELETED, unit, sources)
        return True

    def _replace(self) -> bool:
        candidates = self._candidates(lambda unit: self._leaf(unit) and bool(unit.sentences))
        self.rng.shuffle(candidates)
        target_profile = self.target_document.language
        for index in candidates:
            length = len(self.units[index].unit.text)
            others = [
                other
                for other, unit in enumerate(self.units)
                if abs(other - index) >= FAR
                and unit.damage is None
                and not unit.deleted
                and 0.5 * length <= len(unit.unit.text) <= 2 * length
                and unit.sentences
            ]
            if not others:
                continue
            unit = self.units[self._mark(index)]
            label = unit.unit.text[: len(unit.unit.text) - len(strip_label(unit.unit.text))]
            body = strip_label(self.units[self.rng.choice(others)].unit.text)
            unit.sentences = [
                _Sentence(text, damaged=True) for text in split_sentences(label + body, target_profile)
            ]
            source_key = self.counterpart[unit.unit.key]
            sources = [(source_key, k) for k in range(self.source_sentence_count.get(source_key, 0))]
            self._record(REPLACED, unit, sources)
            return True
        return False

    def _truncate(self) -> bool:
        chosen = self._pick_mapped(
            lambda unit, position: _word_count(unit.sentences[position].text) >= MIN_TRUNCATED_WORDS
        )
        if chosen is None:
            return False
        index, position, mapped = chosen
        unit = self.units[self._mark(index)]
        lost = [self._mapped(unit, k) for k in range(position + 1, len(unit.sentences))]
        words = unit.sentences[position].text.split()
        keep = max(2, round(len(words) * self.rng.uniform(*TRUNCATE_SHARE)))
        unit.sentences[position] = _Sentence(" ".join(words[:keep]).rstrip(",;:"), damaged=True)
        del unit.sentences[position + 1 :]
        self._record(TRUNCATED, unit, [mapped, *(ref for ref in lost if ref)])
        return True

    def _move(self) -> bool:
        chosen = self._pick_mapped(lambda unit, position: position > 0, minimum_sentences=2)
        if chosen is None:
            return False
        index, position, mapped = chosen
        destinations = [
            other
            for other in self._candidates(lambda unit: bool(unit.sentences))
            if abs(other - index) >= FAR
        ]
        if not destinations:
            return False
        unit = self.units[self._mark(index)]
        destination = self.units[self._mark(self.rng.choice(destinations))]
        moved = unit.sentences.pop(position)
        destination.sentences.insert(
            self.rng.randint(1, len(destination.sentences)), _Sentence(moved.text, damaged=True)
        )
        self._record(MOVED, unit, [mapped], f"to {destination.unit.key}")
        return True

    def _untranslate(self) -> bool:
        chosen = self._pick_mapped()
        if chosen is None:
            return False
        index, position, mapped = chosen
        unit = self.units[self._mark(index)]
        original = unit.sentences[position].text
        label = original[: len(original) - len(strip_label(original))]
        source_text = self.source_texts[mapped]
        unit.sentences[position] = _Sentence(label + strip_label(source_text), damaged=True)
        self._record(UNTRANSLATED, unit, [mapped])
        return True

    def _change_number(self) -> bool:
        def has_number(unit: _TargetUnit, position: int) -> bool:
            """A number that the source sentence has too (one the link can be checked by)."""
            mapped = self._mapped(unit, position)
            if mapped is None:  # only called on mapped sentences (see _pick_mapped)
                return False
            source = self.source_texts[mapped]
            numbers = {match.group(0) for match in _NUMBER.finditer(strip_label(source))}
            return any(
                match.group(0) in numbers
                for match in _NUMBER.finditer(strip_label(unit.sentences[position].text))
            )

        chosen = self._pick_mapped(has_number)
        if chosen is None:
            return False
        index, position, mapped = chosen
        unit = self.units[self._mark(index)]
        text = unit.sentences[position].text
        label = text[: len(text) - len(strip_label(text))]
        body = strip_label(text)
        source_numbers = {m.group(0) for m in _NUMBER.finditer(strip_label(self.source_texts[mapped]))}
        matches = [m for m in _NUMBER.finditer(body) if m.group(0) in source_numbers]
        match = self.rng.choice(matches)
        value = int(match.group(0))
        changed = str(value + self.rng.choice([1, 2, 10]) if value < 1000 else value + 1)
        body = body[: match.start()] + changed + body[match.end() :]
        unit.sentences[position] = _Sentence(label + body, damaged=True)
        self._record(CHANGED_NUMBER, unit, [], f"{match.group(0)} -> {changed}")
        return True

    def _record(self, kind: str, unit: _TargetUnit, sources, detail: str = "") -> None:
        self.damages.append(
            Damage(kind, unit.unit.key, tuple(SentenceRef(*ref) for ref in sources), (), detail)
        )

    # --- the damaged document ---------------------------------------------------------------

    def result(self) -> DamagedPair:
        units: list[Unit] = []
        targets: dict[int, list[SentenceRef]] = {}
        profile = self.target_document.language
        for unit in self.units:
            text = " ".join(" ".join(sentence.text.split()) for sentence in unit.sentences)
            if unit.deleted or not text:
                continue
            if unit.damage is None:
                units.append(unit.unit)
                continue
            units.append(replace(unit.unit, text=text))
            if unit.damage is not None:
                targets.setdefault(unit.damage, []).extend(_damaged_refs(unit, profile))
        damages = [
            replace(damage, target=tuple(targets.get(number, ())))
            for number, damage in enumerate(self.damages)
        ]
        target = replace(self.target_document, units=units)
        return DamagedPair(self.source_document, target, damages)


def _word_count(sentence: str) -> int:
    """Words of two letters or more: "1976-77, ch. 33, art. 48" has two, a row of figures none."""
    return len(_LETTER_WORD.findall(strip_label(sentence)))


def _damaged_refs(unit: _TargetUnit, profile) -> list[SentenceRef]:
    """The sentences of the edited unit, as the pipeline will split them, that hold damaged
    text: a sentence planted after one that does not end a sentence (a preambular paragraph
    ends with a comma) becomes part of it."""
    spans, offset = [], 0
    for sentence in unit.sentences:
        length = len(" ".join(sentence.text.split()))
        if sentence.damaged:
            spans.append((offset, offset + length))
        offset += length + 1
    refs, offset = [], 0
    text = " ".join(" ".join(sentence.text.split()) for sentence in unit.sentences)
    for index, piece in enumerate(split_sentences(text, profile)):
        start = text.index(piece, offset)
        end = offset = start + len(piece)
        if any(start < high and low < end for low, high in spans):
            refs.append(SentenceRef(unit.unit.key, index, piece))
    return refs


def plant_damages(
    bitext: Bitext,
    seed: int | random.Random,
    kinds: Sequence[str] = KINDS,
    per_kind: int = 1,
    min_confidence: float = CLEAN_CONFIDENCE,
) -> DamagedPair:
    """A damaged copy of the target document of ``bitext`` (a clean, structured alignment)
    with ``per_kind`` damages of each of ``kinds``, planted at random places (``seed``) where
    the clean alignment is confident (links at ``min_confidence`` or more, none with an
    empty side), each in its own unit; a kind the document has no room for is planted fewer
    times (see ``DamagedPair.damages``)."""
    rng = seed if isinstance(seed, random.Random) else random.Random(seed)
    planter = _Planter(bitext, rng, min_confidence)
    for _ in range(per_kind):
        for kind in kinds:
            if kind not in KINDS:
                raise ValueError(f"unknown damage kind {kind!r} (known: {', '.join(KINDS)})")
            planter.plant(kind)
    return planter.result()


# --- finding the damage in an alignment ----------------------------------------------------------


def surfacing_links(bitext: Bitext, threshold: float = 0.9) -> list[bool]:
    """For every link, whether a reviewer is shown it: an empty side, a confidence under
    ``threshold``, or a unit named by a structural disagreement."""
    named = {d.key for d in bitext.structure.disagreements} if bitext.structure else set()
    return [
        not (link.source and link.target) or link.confidence < threshold or link.unit in named
        for link in bitext.links
    ]


def damaged_links(bitext: Bitext, damaged: DamagedPair) -> list[list[int]]:
    """For every damage, the indices of the links of ``bitext`` (the alignment of the damaged
    pair) that hold its sentences; an empty list when none was found."""
    source_position = {(s.unit, s.index): k for k, s in enumerate(bitext.source_sentences)}
    target_position = {(t.unit, t.index): k for k, t in enumerate(bitext.target_sentences)}
    link_of_source = {i: number for number, link in enumerate(bitext.links) for i in link.source}
    link_of_target = {j: number for number, link in enumerate(bitext.links) for j in link.target}
    found = []
    for damage in damaged.damages:
        links = {
            link_of_source[source_position[ref.unit, ref.index]]
            for ref in damage.source
            if (ref.unit, ref.index) in source_position
        } | {
            link_of_target[target_position[ref.unit, ref.index]]
            for ref in damage.target
            if (ref.unit, ref.index) in target_position
        }
        found.append(sorted(links))
    return found


def link_summary(link: Link) -> str:
    """One line for a report: kind, confidence and the first words of each side."""
    return f"{link.kind} {link.confidence:.3f} | {link.source_text[:60]} | {link.target_text[:60]}"
