"""Candidate terms of one language, found by pattern in each segment (no tagger needed).

A candidate is a run of content words that may be joined by a link word, optionally followed
by an article: N (de|du|des|d' (la|l')? N)* in French, "trafficking in persons" or
"Office on Drugs and Crime" in English. Content words are the words that are neither
stopwords nor term blockers of the profile (verbs and adverbs frequent in the genre), so both
adjective-noun and noun-adjective orders come out without knowing which word is which.
Every well-formed sub-span of a run is a candidate too; which of the nested candidates
survive is decided on counts (see ``independent_candidates``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from ..profiles import LanguageProfile
from .text import Token, fold, tokenize

CONTENT, LINK, ARTICLE, BREAK = "C", "L", "A", "B"
# Gaps allowed between two content words of a term: nothing, a link word, link + article,
# and the coordinations of names ("stupéfiants et de substances", "et à la").
_ALLOWED_GAPS = ((), (LINK,), (LINK, ARTICLE), (LINK, LINK), (LINK, LINK, ARTICLE))


@dataclass(frozen=True, slots=True)
class CandidateOptions:
    max_content_words: int = 10
    max_links: int = 6
    min_word_length: int = 2
    # Single words shorter than this are too ambiguous to be terms ("loi" is, but rarely).
    min_single_word_length: int = 4


@dataclass(frozen=True, slots=True)
class Occurrence:
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


def token_role(token: Token, profile: LanguageProfile, options: CandidateOptions) -> str:
    if token.kind != "word":
        return BREAK
    bare = token.lower.rstrip("'")
    if bare in profile.term_links:
        return LINK
    if bare in profile.term_articles:
        return ARTICLE
    if (
        bare in profile.stopwords
        or bare in profile.term_blockers
        or bare in profile.elisions
        or bare in profile.months
        or f"{token.text}." in profile.abbreviations
        or len(bare) < options.min_word_length
    ):
        return BREAK
    return CONTENT


def _runs(roles: list[str]) -> Iterator[list[int]]:
    """Positions of content words that can belong to one term: consecutive content words
    whose gaps are all allowed gaps."""
    run: list[int] = []
    gap: list[str] = []
    for position, role in enumerate(roles):
        if role == CONTENT:
            if run and tuple(gap) not in _ALLOWED_GAPS:
                yield run
                run = []
            run.append(position)
            gap = []
        elif role == BREAK:
            if run:
                yield run
            run, gap = [], []
        else:
            gap.append(role)
    if run:
        yield run


def _surface(text: str, tokens: list[Token], start: int, end: int) -> str:
    return " ".join(text[tokens[start].start : tokens[end - 1].end].split())


def _key(tokens: list[Token], start: int, end: int, profile: LanguageProfile) -> str:
    parts: list[str] = []
    for token in tokens[start:end]:
        word = fold(token.lower, profile)
        if parts and parts[-1].endswith("'"):
            parts[-1] += word
        else:
            parts.append(word)
    return " ".join(parts)


def _word_weight(token: Token) -> int:
    return 1 + token.lower.count("-")


def _coordination_allowed(tokens: list[Token], start: int, end: int, first_word: int, profile: LanguageProfile) -> bool:
    """"Conseil économique et social" is one term, "blanchiment d'argent et le financement du
    terrorisme" two: a coordinated span is kept only when it holds a capitalised word (a
    name), not counting the capital that opens the segment."""
    span = tokens[start:end]
    if not any(token.lower in profile.term_coordinators for token in span):
        return True
    return any(
        token.text[:1].isupper() for position, token in enumerate(span, start=start) if position != first_word
    )


def candidates_in_run(
    text: str,
    tokens: list[Token],
    roles: list[str],
    run: list[int],
    profile: LanguageProfile,
    options: CandidateOptions,
) -> Iterator[Occurrence]:
    """Every well-formed span of a run. A span that the length limits stopped short of the
    run's end is marked ``cut``: it is an arbitrary slice of a longer phrase, counted (it
    covers its sub-spans) but never offered as a term itself; so is a coordination of common
    nouns."""
    first_word = next((i for i, token in enumerate(tokens) if token.kind == "word"), -1)
    length = max(1, len(tokens))
    links_before = [0]
    for role in roles:
        links_before.append(links_before[-1] + (role == LINK))

    def too_long(first: int, last: int) -> bool:
        """Would the span from run[first] to run[last] break a length limit?"""
        links = links_before[run[last] + 1] - links_before[run[first]]
        return last - first + 1 > options.max_content_words or links > options.max_links

    for i, start in enumerate(run):
        words = 0
        for j in range(i, len(run)):
            if too_long(i, j):
                break
            end = run[j] + 1
            words += _word_weight(tokens[run[j]])
            stopped = j + 1 < len(run) and too_long(i, j + 1)
            cut_left = i > 0 and too_long(i - 1, j)
            if i == j and len(tokens[start].lower) < options.min_single_word_length:
                continue
            yield Occurrence(
                key=_key(tokens, start, end, profile),
                surface=_surface(text, tokens, start, end),
                start=start,
                end=end,
                words=words,
                initial=start == first_word,
                position=start / length,
                cut=stopped or cut_left or not _coordination_allowed(tokens, start, end, first_word, profile),
            )


def segment_candidates(
    text: str, profile: LanguageProfile, options: CandidateOptions = CandidateOptions()
) -> list[Occurrence]:
    """All candidate occurrences in one segment of plain text."""
    tokens = tokenize(text, profile)
    roles = [token_role(token, profile, options) for token in tokens]
    found: list[Occurrence] = []
    for run in _runs(roles):
        found.extend(candidates_in_run(text, tokens, roles, run, profile, options))
    return found


def independent_candidates(
    occurrences: Iterable[tuple[int, Occurrence]], frequent: set[str]
) -> Iterator[tuple[int, Occurrence]]:
    """The occurrences of frequent candidates that no longer frequent candidate contains.

    This is how nested candidates are settled: "Nations Unies" inside every "Office des
    Nations Unies contre la drogue et le crime" is not counted, but where it stands on its
    own it is, so a sub-term survives exactly when it is used on its own often enough.
    """
    by_segment: dict[int, list[Occurrence]] = {}
    for segment, occurrence in occurrences:
        if occurrence.key in frequent:
            by_segment.setdefault(segment, []).append(occurrence)
    for segment, found in by_segment.items():
        for occurrence in found:
            if not any(_contains(other, occurrence) for other in found):
                yield segment, occurrence


def _contains(outer: Occurrence, inner: Occurrence) -> bool:
    return (
        outer.start <= inner.start
        and inner.end <= outer.end
        and (outer.end - outer.start) > (inner.end - inner.start)
    )


def term_key(text: str, profile: LanguageProfile) -> str:
    """The folded key of a whole term as written ("États Membres" -> "état membre"), to match
    terms from elsewhere (a glossary, a reference list) against extracted ones."""
    tokens = [token for token in tokenize(text, profile) if token.kind in ("word", "number")]
    return _key(tokens, 0, len(tokens), profile)
