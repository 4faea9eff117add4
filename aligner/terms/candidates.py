"""Candidate terms of one language, found by pattern in each segment (no tagger needed).

A candidate is a run of content words that may be joined by a link word, optionally followed
by an article: N (de|du|des|d' (la|l')? N)* in French, "trafficking in persons" or
"Office on Drugs and Crime" in English. Content words are the words that are neither
stopwords nor term blockers of the profile (verbs and adverbs frequent in the genre), so both
adjective-noun and noun-adjective orders come out without knowing which word is which.
Every well-formed sub-span of a run is a candidate too; which of the nested candidates
survive is decided on counts (see ``association.settle_nesting``).

Names reach past what the word pattern takes in, and each such reach is bounded by a rule
rather than a list: a year directly beside a word belongs to it ("Programme de développement
durable à l'horizon 2030", "2030 Agenda"); a capitalised name goes on across commas when a
coordinated list closes it ("United Nations Educational, Scientific and Cultural
Organization"). Each occurrence also records what follows it, so that a phrase which every
time stops where something goes on (a document symbol, a year, a coordinated list, the
same preposition) can be told from a term (see ``association.fragment_keys``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..anchors import SYMBOL
from ..profiles import LanguageProfile
from .text import APOSTROPHES, Token, fold, tokenize

# NUMBER: a year that may stand in a name, but only right beside one of its words. WEAK: a
# noun that may stand inside a term, never at its edges ("à des fins", "for ... Purposes").
# ADJECTIVE: a content word that is no term on its own ("efficaces", "transnational").
CONTENT, ADJECTIVE, NUMBER, WEAK, LINK, ARTICLE, COMMA, BREAK = "C", "J", "N", "W", "L", "A", ",", "B"
_WORDLIKE = (CONTENT, ADJECTIVE, NUMBER, WEAK)
# Between the comma and the next conjunct of a list: ", la science", ", de la fabrication".
_AFTER_COMMA = ((), (LINK,), (ARTICLE,), (LINK, ARTICLE))
# What may stand between a document symbol and the phrase before it: "résolution A/C.3/74/L.2",
# "Conseil (A/C.3/74/L.2)".
_BEFORE_SYMBOL = re.compile(r"[ \t(]*")
# Gaps allowed between two content words of a term: nothing, a link word, link + article,
# and the coordinations of names ("stupéfiants et de substances", "et à la").
_ALLOWED_GAPS = ((), (LINK,), (LINK, ARTICLE), (LINK, LINK), (LINK, LINK, ARTICLE))


@dataclass(frozen=True, slots=True)
class CandidateOptions:
    """What a term candidate may be: at most so many content words and link words, words of at least
    so many letters (longer for a single word), and which numbers may belong to a name (years)."""

    max_content_words: int = 12
    # A link word between every two content words ("fonds de contributions volontaires des
    # Nations Unies en faveur des victimes de la traite des personnes": 9 words, 6 links).
    max_links: int = 11
    min_word_length: int = 2
    # Single words shorter than this are too ambiguous to be terms ("loi" is, but rarely).
    min_single_word_length: int = 4
    # Numbers that may belong to a name ("à l'horizon 2030", "2030 Agenda"): years.
    name_number: str = r"(?:19|20)\d\d"


class Occurrence(NamedTuple):
    """One candidate in one segment: ``key`` is the folded lower-case form used for counting,
    ``surface`` the words as written, ``start``/``end`` token positions (end exclusive)."""

    key: str
    surface: str
    start: int
    end: int
    words: int  # content words, counting the parts of hyphenated ones ("Secretary-General": 2)
    initial: bool
    position: float  # where the term starts, as a share of the segment's length (0..1)
    # Not a term itself, though it covers its sub-spans: the run went on but the length limit
    # stopped the span here, or the span coordinates two common-noun terms.
    cut: bool
    # The phrase goes on past the span: a document symbol follows ("projet de résolution
    # A/C.3/74/L.2"), a coordinated list ("institutions efficaces, responsables et ..."), or
    # a year that belongs to the name ("Programme ... à l'horizon" + "2030"); or it began
    # before it, with a one-word conjunct sharing what follows ("règles et" + "procédures de
    # l'Organisation des Nations Unies").
    continued: bool = False
    # The word right after the span when it opens a complement ("dans", "into"), else "".
    next_word: str = ""
    # The span holds a year ("2015 Review Conference"): it does not cover its sub-spans without
    # the year, which may name the same thing in other years.
    dated: bool = False
    # One of the two terms that a coordination of modifiers holds ("organisations
    # non gouvernementales" in "organisations intergouvernementales et non gouvernementales"),
    # spread over the coordination's whole span so that the coordination does not cover it.
    virtual: bool = False
    # A coordination of two phrases ("blanchiment d'argent et le financement du terrorisme"):
    # no term, and it does not cover the terms it joins.
    split: bool = False
    # A coordination of modifiers, which also stands for two terms ("expansions").
    joined: bool = False


def token_role(token: Token, profile: LanguageProfile, options: CandidateOptions) -> str:
    """The part a token can play in a term candidate in its language: a comma, a break (punctuation,
    a stopword, a blocker, a number that is no year), a link word, an article, a weak word
    (inside only), or a content word."""
    if token.kind == "punct" and token.text == ",":
        return COMMA
    if token.kind != "word":
        return BREAK
    return _word_role(token.text, token.lower, profile, options)


@lru_cache(maxsize=200_000)
def _word_role(text: str, lower: str, profile: LanguageProfile, options: CandidateOptions) -> str:
    """The role of a word (``token_role``), worked out once per form: a report repeats its
    words many times."""
    bare = lower.rstrip("'")
    if bare in profile.term_links:
        return LINK
    if bare in profile.term_articles:
        return ARTICLE
    if bare in profile.term_weak_words:
        return WEAK
    if (
        bare in profile.stopwords
        or bare in profile.term_blockers
        or bare in profile.elisions
        or bare in profile.months
        or f"{text}." in profile.abbreviations
        or len(bare) < options.min_word_length
    ):
        return BREAK
    return _CLASS_ROLES[profile.term_word_class(bare)]


# What a word class (``LanguageProfile.term_word_class``) makes of a word in a term: finite
# verbs and adverbs break it, non-finite verb forms stand inside it only.
_CLASS_ROLES = {"": CONTENT, "adjective": ADJECTIVE, "verbal": WEAK, "verb": BREAK}


def _is_name_number(text: str, token: Token, options: CandidateOptions) -> bool:
    """A year standing on its own: not part of a symbol, a resolution number or a range
    ("2019/16", "2015-2030"), which its neighbouring characters tell."""
    if not re.fullmatch(options.name_number, token.text):
        return False
    before = text[token.start - 1] if token.start else " "
    after = text[token.end] if token.end < len(text) else " "
    return before not in "/-\u2010\u2011\u2013\u2014." and after not in "/-\u2010\u2011\u2013\u2014"


@lru_cache(maxsize=16)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    apostrophe = f"[{APOSTROPHES}]"
    alternatives = (
        r"\s+".join(re.escape(word).replace("'", apostrophe) for word in phrase.split())
        for phrase in sorted(phrases, key=len, reverse=True)
    )
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)


def segment_roles(
    text: str, tokens: list[Token], profile: LanguageProfile, options: CandidateOptions
) -> list[str]:
    """The role of every token: years beside words may join names, and the words of the
    profile's adjunct phrases ("sur la recommandation", "at the request") break terms."""
    roles = [
        NUMBER
        if token.kind == "number" and _is_name_number(text, token, options)
        else token_role(token, profile, options)
        for token in tokens
    ]
    pattern = _phrase_pattern(profile.term_adjuncts)
    if pattern is not None:
        for match in pattern.finditer(text):
            for position, token in enumerate(tokens):
                if match.start() <= token.start and token.end <= match.end():
                    roles[position] = BREAK
    return roles


def _gap_allowed(gap: list[str], previous: str, current: str) -> bool:
    """A year joins only the word right beside it ("horizon 2030", not "Commission en 2019")."""
    if NUMBER in (previous, current):
        return not gap
    return tuple(gap) in _ALLOWED_GAPS


def _runs(roles: list[str]) -> Iterator[list[int]]:
    """Positions of content words that can belong to one term: consecutive content words
    whose gaps are all allowed gaps."""
    run: list[int] = []
    gap: list[str] = []
    for position, role in enumerate(roles):
        if role in _WORDLIKE:
            if run and not _gap_allowed(gap, roles[run[-1]], role):
                yield run
                run = []
            run.append(position)
            gap = []
        elif role in (BREAK, COMMA):
            if run:
                yield run
            run, gap = [], []
        else:
            gap.append(role)
    if run:
        yield run


def _surface(text: str, tokens: list[Token], start: int, end: int) -> str:
    return " ".join(text[tokens[start].start : tokens[end - 1].end].split())


def key_word(token: Token, profile: LanguageProfile) -> str | None:
    """A token as a term key holds it: plural folded, articles left out and link words in
    one form ("des", "du", "d'" are "de"), so that "technologies de l'information et de la
    communication" and "... et des communications" are one term; None for punctuation."""
    if token.kind == "punct":
        return None
    bare = token.lower.rstrip("'")
    if bare in profile.term_articles:
        return None
    if bare in profile.term_link_folds:
        return profile.term_link_folds[bare]
    return fold(token.lower, profile)


def _key(folded: list[str | None], start: int, end: int) -> str:
    """The counting key of tokens[start:end]: key words (``key_word``), an elided word glued
    to the next ("qu'" + "il"), punctuation and articles left out."""
    parts: list[str] = []
    for word in folded[start:end]:
        if word is None:
            continue
        if parts and parts[-1].endswith("'"):
            parts[-1] += word
        else:
            parts.append(word)
    return " ".join(parts)


def _word_weight(token: Token) -> int:
    return 1 + token.lower.count("-")


@dataclass(frozen=True, slots=True)
class Coordination:
    """What a coordinator inside a span makes of it: a term or not, and the terms that a
    coordination of modifiers stands for (token positions of each)."""

    term: bool
    expansions: tuple[tuple[int, ...], ...] = ()


_NO_COORDINATION = Coordination(True)
_TWO_PHRASES = Coordination(False)


class _Segment:
    """One segment as the candidate finder sees it: tokens, their roles, the runs, and what
    every span needs, computed once for all of them (the segment is read once, its spans are
    many)."""

    __slots__ = (
        "coordinators_before",
        "endings",
        "first_word",
        "folded",
        "links_before",
        "numbers_before",
        "options",
        "profile",
        "roles",
        "runs",
        "shared_starts",
        "symbol_starts",
        "text",
        "tokens",
    )

    def __init__(self, text: str, profile: LanguageProfile, options: CandidateOptions) -> None:
        """Decomposed accents ("de\u0301cent") are composed first: a combining mark is no
        letter to the tokenizer and would split the word."""
        self.text = text = unicodedata.normalize("NFC", text)
        self.profile, self.options = profile, options
        self.tokens = tokens = tokenize(text, profile)
        self.roles = roles = segment_roles(text, tokens, profile, options)
        self.runs = list(_runs(roles))
        self.first_word = next((i for i, token in enumerate(tokens) if token.kind == "word"), -1)
        # links_before[i], numbers_before[i], coordinators_before[i]: link words, years and
        # coordinators among tokens[:i].
        self.links_before = _running_count(role == LINK for role in roles)
        self.numbers_before = _running_count(role == NUMBER for role in roles)
        coordinators = profile.term_coordinators
        self.coordinators_before = _running_count(token.lower in coordinators for token in tokens)
        # Each token's folded form (None for punctuation).
        self.folded = [key_word(token, profile) for token in tokens]
        # Where the document symbols of the text begin (symbols holding a digit).
        self.symbol_starts = (
            frozenset(
                match.start() for match in SYMBOL.finditer(text) if any(c.isdigit() for c in match.group())
            )
            if any(c.isdigit() for c in text)
            else frozenset()
        )
        self.endings = self._endings()
        self.shared_starts = self._shared_starts()

    def links(self, start: int, end: int) -> int:
        return self.links_before[end] - self.links_before[start]

    def comma_between(self, left: int, right: int) -> bool:
        """Do the tokens between two content words read ", " plus at most a link and an article?"""
        gap = self.roles[left + 1 : right]
        return bool(gap) and gap[0] == COMMA and tuple(gap[1:]) in _AFTER_COMMA

    def coordinated(self, run: list[int]) -> bool:
        """Does a coordinator stand between the first two words of the run ("science et la culture")?"""
        return len(run) >= 2 and any(
            token.lower in self.profile.term_coordinators for token in self.tokens[run[0] + 1 : run[1]]
        )

    def list_end(self, index: int) -> int | None:
        """The run that closes a coordinated list right after run ``index`` (", responsables et
        ouvertes", ", Scientific and Cultural Organization"): single words between commas,
        then "X and Y..."; None when no such list follows."""
        following = index + 1
        while following < len(self.runs) and self.comma_between(
            self.runs[following - 1][-1], self.runs[following][0]
        ):
            run = self.runs[following]
            if self.coordinated(run):
                return following
            if len(run) != 1:
                return None
            following += 1
        return None

    def symbol_follows(self, end: int) -> bool:
        """Does a document symbol come right after token ``end - 1`` (perhaps in brackets)?"""
        if not self.symbol_starts:
            return False
        gap = _BEFORE_SYMBOL.match(self.text, self.tokens[end - 1].end)
        return gap is not None and gap.end() in self.symbol_starts

    def _endings(self) -> dict[int, tuple[bool, str]]:
        """For each place a span can end (after a content word): whether the phrase goes on
        there (``Occurrence.continued``) and the preposition that follows, if any."""
        found: dict[int, tuple[bool, str]] = {}
        for index, run in enumerate(self.runs):
            list_follows = self.list_end(index) is not None
            for position in run:
                end = position + 1
                symbol = self.symbol_follows(end)
                following = self.tokens[end] if end < len(self.tokens) else None
                year_follows = following is not None and self.roles[end] == NUMBER
                preposition = following is not None and following.lower in self.profile.term_continuations
                continued = symbol or year_follows or (position == run[-1] and list_follows)
                after = (
                    following.lower
                    if following is not None and preposition and self.roles[end] == BREAK
                    else ""
                )
                found[end] = (continued, after)
        return found

    def _shared_starts(self) -> frozenset[int]:
        """Where the second conjunct of a one-word coordination begins: "procédures" in "les
        règles et procédures de l'Organisation", "procedures" in "the rules and procedures
        of the United Nations". What follows belongs to both words, so a phrase that starts
        there is cut short of its first conjunct (``Occurrence.continued``)."""
        tokens, roles = self.tokens, self.roles
        starts = set()
        for position in range(2, len(tokens)):
            if (
                tokens[position - 1].lower in self.profile.term_coordinators
                and roles[position] in _WORDLIKE
                and roles[position - 2] in (CONTENT, WEAK)
                and (position < 3 or roles[position - 3] not in _WORDLIKE)
            ):
                starts.add(position)
        return frozenset(starts)

    def coordination(self, start: int, end: int) -> Coordination:
        """ "Conseil économique et social" is one term, "blanchiment d'argent et le financement
        du terrorisme" two. A coordinated span is a term when it is a name (a capitalised
        word, not the capital that opens the segment, stands before the coordinator), when
        two one-word complements share a head, with or without a second link word
        ("technologies de l'information et des communications", "violence against women and
        girls"), or when modifiers are coordinated with no link word in the span:
        "intergovernmental and non-governmental organizations", "organisations
        intergouvernementales et non gouvernementales", which also stand for the two terms
        they join (``Coordination.expansions``)."""
        if self.coordinators_before[end] == self.coordinators_before[start]:
            return _NO_COORDINATION
        tokens, roles = self.tokens, self.roles
        coordinators = [p for p in range(start, end) if tokens[p].lower in self.profile.term_coordinators]
        first = coordinators[0]
        if any(tokens[p].text[:1].isupper() for p in range(start, first) if p != self.first_word):
            return _NO_COORDINATION
        if len(coordinators) > 1:
            return _TWO_PHRASES
        words = [p for p in range(start, end) if roles[p] in _WORDLIKE]
        left = [p for p in words if p < first]
        right = [p for p in words if p > first]
        if not left or not right:
            return _TWO_PHRASES
        joints_left = [roles[p] for p in range(left[-1] + 1, first)]
        joints_right = [roles[p] for p in range(first + 1, right[0])]
        if len(right) == 1 and not joints_left and (not joints_right or joints_right[0] == LINK):
            return Coordination(len(left) >= 2 and roles[left[-1] - 1] in (LINK, ARTICLE))
        links_inside = any(roles[p] in (LINK, ARTICLE) for p in range(start, end) if p != first)
        if links_inside or joints_left or joints_right or len(words) < 3:
            return _TWO_PHRASES
        if len(left) == 1 and len(right) >= 2:
            return Coordination(True, (tuple(left + right[1:]), tuple(right)))
        if len(right) == 1 and len(left) >= 2:
            return Coordination(True, (tuple(left), tuple(left[:-1] + right)))
        return _TWO_PHRASES

    def virtual(self, start: int, end: int, positions: tuple[int, ...]) -> Occurrence:
        """One of the terms a coordination of modifiers stands for, over the whole span."""
        continued, next_word = self.endings[end]
        words = [self.tokens[p] for p in positions]
        return Occurrence(
            key=" ".join(self.folded[p] or "" for p in positions),
            surface=" ".join(token.text for token in words),
            start=start,
            end=end,
            words=sum(_word_weight(token) for token in words),
            initial=start == self.first_word,
            position=start / max(1, len(self.tokens)),
            cut=False,
            continued=continued,
            next_word=next_word,
            virtual=True,
        )

    def occurrence(
        self, start: int, end: int, words: int, cut: bool, split: bool = False, joined: bool = False
    ) -> Occurrence:
        """The occurrence of tokens[start:end] (fields in order: a report makes many)."""
        continued, next_word = self.endings[end]
        continued = continued or start in self.shared_starts
        return Occurrence(
            _key(self.folded, start, end),
            _surface(self.text, self.tokens, start, end),
            start,
            end,
            words,
            start == self.first_word,
            start / max(1, len(self.tokens)),
            cut,
            continued,
            next_word,
            self.numbers_before[end] > self.numbers_before[start],
            False,
            split,
            joined,
        )


def _running_count(flags: Iterator[bool]) -> list[int]:
    """counts[i]: how many of the first i flags are true."""
    counts = [0]
    for flag in flags:
        counts.append(counts[-1] + flag)
    return counts


def _run_spans(segment: _Segment, index: int) -> Iterator[Occurrence]:
    """Every well-formed span of run ``index``. A span that the length limits stopped short
    of the run's end is marked ``cut``: it is an arbitrary slice of a longer phrase, counted
    (it covers its sub-spans) but never offered as a term itself; so is a coordination of
    common nouns. A span of years alone is no candidate."""
    run, tokens, options = segment.runs[index], segment.tokens, segment.options

    def too_long(first: int, last: int) -> bool:
        """Would the span from run[first] to run[last] break a length limit?"""
        links = segment.links(run[first], run[last] + 1)
        return last - first + 1 > options.max_content_words or links > options.max_links

    for i, start in enumerate(run):
        words = 0
        has_word = False
        for j in range(i, len(run)):
            if too_long(i, j):
                break
            end = run[j] + 1
            words += _word_weight(tokens[run[j]])
            has_word = has_word or segment.roles[run[j]] == CONTENT
            if not has_word or (i == j and len(tokens[start].lower) < options.min_single_word_length):
                continue
            if segment.roles[start] == WEAK or (
                segment.roles[run[j]] == WEAK and not tokens[run[j]].text[:1].isupper()
            ):
                continue
            stopped = j + 1 < len(run) and too_long(i, j + 1)
            cut_left = i > 0 and too_long(i - 1, j)
            coordination = segment.coordination(start, end)
            yield segment.occurrence(
                start,
                end,
                words,
                stopped or cut_left or not coordination.term,
                split=not coordination.term,
                joined=bool(coordination.expansions),
            )
            for positions in coordination.expansions:
                yield segment.virtual(start, end, positions)


def _listed_names(segment: _Segment, index: int) -> Iterator[Occurrence]:
    """Capitalised names that go on across commas until a coordinated list closes them:
    "Organisation des Nations Unies pour l'éducation, la science et la culture". The name
    starts with a capital and has at least two words before the first comma; common-noun
    lists ("institutions efficaces, responsables et ouvertes") are not names."""
    last = segment.list_end(index)
    if last is None:
        return
    head, tokens, options = segment.runs[index], segment.tokens, segment.options
    middle = [position for run in segment.runs[index + 1 : last] for position in run]
    for i, start in enumerate(head[:-1]):
        if segment.roles[start] not in (CONTENT, ADJECTIVE) or not tokens[start].text[:1].isupper():
            continue
        positions = head[i:] + middle
        words = sum(_word_weight(tokens[position]) for position in positions)
        for end_position in segment.runs[last]:
            positions.append(end_position)
            words += _word_weight(tokens[end_position])
            end = end_position + 1
            if len(positions) > options.max_content_words or segment.links(start, end) > options.max_links:
                break
            if end_position == segment.runs[last][0] or segment.roles[end_position] == WEAK:
                continue
            coordination = segment.coordination(start, end)
            yield segment.occurrence(start, end, words, not coordination.term, split=not coordination.term)


def segment_candidates(
    text: str, profile: LanguageProfile, options: CandidateOptions = CandidateOptions()
) -> list[Occurrence]:
    """All candidate occurrences in one segment of plain text."""
    return read_segment(text, profile, options)[0]


def read_segment(
    text: str, profile: LanguageProfile, options: CandidateOptions = CandidateOptions()
) -> tuple[list[Occurrence], set[str]]:
    """The candidate occurrences of one segment, and its words as term keys hold them (the
    parts of hyphenated words too), stopwords and punctuation left out: what the quality of
    a pair is judged on (``quality.word_association``)."""
    segment = _Segment(text, profile, options)
    found: list[Occurrence] = []
    for index in range(len(segment.runs)):
        found.extend(_run_spans(segment, index))
        found.extend(_listed_names(segment, index))
    words: set[str] = set()
    for position, role in enumerate(segment.roles):
        folded = segment.folded[position]
        if role in _WORDLIKE and folded:
            words.add(folded)
            words.update(part for part in folded.split("-") if part)
        elif (
            role == BREAK
            and segment.tokens[position].kind == "word"
            and folded
            and folded not in profile.stopwords
            and len(folded) >= options.min_word_length
        ):
            words.add(folded)
    return found, words


def term_key(text: str, profile: LanguageProfile) -> str:
    """The folded key of a whole term as written ("États Membres" -> "état membre"), to match
    terms from elsewhere (a glossary, a reference list) against extracted ones."""
    text = unicodedata.normalize("NFC", text)
    folded = [
        key_word(token, profile) for token in tokenize(text, profile) if token.kind in ("word", "number")
    ]
    return _key(folded, 0, len(folded))
