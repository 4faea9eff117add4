"""A term translated one way in most places and another way here, however rare the exception.

Uses the term table of the pairs themselves: for every source term whose usual rendering is
clear (found with it in most of its segments), every segment that has the source term but
not that rendering is a finding, with the rendering found there instead. A morphological
variant of the usual rendering (plural, case, hyphenation, "children" for "child", "criminal"
for "crime") or its words split or reordered ("technical and legal assistance") is no
finding.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import polars as pl

from ..profiles import LanguageProfile
from ..terms.candidates import segment_candidates
from ..terms.extract import TermIndex
from ..terms.text import fold, strip_markup, tokenize
from ..wording import counted, number
from .finding import Check, CheckContext, Finding

NAME = "term-consistency"
# No stem: only the word itself (plural folded) matches (see ``same_word``).
_EXACT = 0


@dataclass(frozen=True, slots=True)
class ConsistencyOptions:
    min_cooccurrences: int = 4
    min_share: float = 0.85  # of the source term's segments that have the usual rendering
    min_dice: float = 0.85
    # Only pairs of two terms (no partner seen only inside a longer term, see
    # ``terms.association.kept_occurrences``) whose words all translate each other
    # (``terms.quality.coherence``): a slice or an overhang of a term is no rendering.
    min_coherence: float = 1.0
    # Single words are too polysemous to hold to one rendering ("États" in "état de droit").
    min_words: int = 2
    # Two words are one when they share this many first letters, or all but the last of the
    # shorter ("child"/"children", "organized"/"organization").
    min_stem: int = 5


def _candidate_renderings(index: TermIndex, options: ConsistencyOptions) -> pl.DataFrame:
    """Table rows that may hold a usual rendering: two terms whose words translate each other,
    associated strongly enough, the source term of ``min_words`` words or more."""
    return index.table.filter(
        (pl.col("dice") >= options.min_dice)
        & (pl.col("source_key").str.count_matches(" ") >= options.min_words - 1)
        & pl.col("terms")
        & (pl.col("coherence") >= options.min_coherence)
    ).select("source_key", "target_key", "source_term", "target_term")


def _standing(index: TermIndex, options: ConsistencyOptions, alone: bool) -> pl.DataFrame:
    """For each candidate rendering and each segment where its source term stands (on its
    own, not inside a longer term, if ``alone``), whether the target term is in the segment
    (``present``)."""
    occurrences = index.occurrences
    source = (
        occurrences.filter((pl.col("lang") == index.source_lang) & (pl.col("independent") | (not alone)))
        .select("segment", source_key="key")
        .unique()
    )
    target = (
        occurrences.filter(pl.col("lang") == index.target_lang)
        .select("segment", target_key="key")
        .unique()
        .with_columns(pl.lit(True).alias("present"))
    )
    return (
        source.join(_candidate_renderings(index, options), on="source_key")
        .join(target, on=["segment", "target_key"], how="left")
        .with_columns(pl.col("present").fill_null(False))
    )


def usual_renderings(index: TermIndex, options: ConsistencyOptions) -> pl.DataFrame:
    """Renderings that go with their source term in most of the segments where it stands on
    its own: ``cooccurrences`` of ``source_freq`` such segments.
    "quatorzième Congrès" is counted where it stands alone, not inside the Congress's full
    name, whose English does not hold "Fourteenth Congress" word for word (there its words
    stand apart, a variant that ``rendered_loosely`` accepts)."""
    counts = (
        _standing(index, options, alone=True)
        .group_by("source_key", "target_key", "source_term", "target_term")
        .agg(pl.col("present").sum().alias("cooccurrences"), pl.len().alias("source_freq"))
        .with_columns(pl.col("cooccurrences").cast(pl.Int64), pl.col("source_freq").cast(pl.Int64))
    )
    return counts.filter(
        (pl.col("cooccurrences") >= options.min_cooccurrences)
        & (pl.col("cooccurrences") >= options.min_share * pl.col("source_freq"))
    ).sort("source_key", "target_key")


def exceptions(context: CheckContext, options: ConsistencyOptions) -> pl.DataFrame:
    """Segments where a source term stands without its usual rendering (its words may be
    there in another form: see ``run``)."""
    index = context.terms
    usual = usual_renderings(index, options).select(
        "source_key", "target_key", "source_term", "target_term", "cooccurrences", "source_freq"
    )
    return (
        _standing(index, options, alone=False)
        .filter(~pl.col("present"))
        .select("segment", "source_key", "target_key")
        .join(usual, on=["source_key", "target_key"])
        .sort("segment", "source_key")
    )


def _words(text: str, profile: LanguageProfile) -> list[str]:
    tokens = tokenize(unicodedata.normalize("NFC", strip_markup(text)), profile)
    return [
        fold(part, profile)
        for token in tokens
        if token.kind == "word"
        for part in token.lower.replace(" ", "-").split("-")
        if part
    ]


def content_words(text: str, profile: LanguageProfile) -> list[str]:
    ignored = profile.stopwords | profile.term_links | profile.term_articles
    return [word for word in _words(text, profile) if word not in ignored]


def same_word(first: str, second: str, min_stem: int) -> bool:
    """One word in two forms: equal, or sharing a stem ("crime"/"criminal")."""
    if first == second:
        return True
    if min_stem <= 0:
        return False
    shared = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        shared += 1
    return shared >= min(min_stem, min(len(first), len(second)) - 1)


def is_name(term: str) -> bool:
    """A rendering written as a name ("United Nations Office on Drugs and Crime")."""
    capitals = [word for word in term.split() if word[:1].isupper()]
    return len(capitals) >= 2 and term[:1].isupper()


def rendered_loosely(rendering: str, target: str, profile: LanguageProfile, min_stem: int = 5) -> bool:
    """Every content word of the usual rendering is in one stretch of the segment, each in
    some form of its own ("criminal" cannot stand for both "crime" and "criminal"), perhaps
    split or reordered: "technical and legal assistance" for "technical assistance"."""
    wanted = content_words(rendering, profile)
    found = content_words(target, profile)
    width = 2 * len(wanted) + 2
    for start in range(max(1, len(found) - width + 1)):
        free = list(found[start : start + width])
        for word in wanted:
            match = next((i for i, other in enumerate(free) if same_word(word, other, min_stem)), None)
            if match is None:
                break
            free.pop(match)
        else:
            return True
    return False


def rendered_as_written(rendering: str, target: str, profile: LanguageProfile, min_stem: int = 5) -> bool:
    """The content words of the rendering side by side, in some form each: a name in another
    case, plural or hyphenation ("member-states"), or its words in another order ("States
    Members", the Charter's order), but no word of its own in between."""
    wanted = content_words(rendering, profile)
    found = content_words(target, profile)
    for start in range(len(found) - len(wanted) + 1):
        free = list(found[start : start + len(wanted)])
        for word in wanted:
            match = next((i for i, other in enumerate(free) if same_word(word, other, min_stem)), None)
            if match is None:
                break
            free.pop(match)
        else:
            return True
    return False


def short_form(rendering: str, target: str, profile: LanguageProfile) -> bool:
    """The head of the rendering alone, right after an article: "the officer" for "the
    nuclear security officer" named just before, "access to the area". A head after another
    word ("nuclear safety officer") is no short form."""
    wanted = content_words(rendering, profile)
    if len(wanted) < 2:
        return False
    head = wanted[-1] if profile.term_head == "last" else wanted[0]
    words = _words(target, profile)
    function_words = profile.term_articles | profile.elisions
    return any(
        word == head and position > 0 and words[position - 1].rstrip("'") in function_words
        for position, word in enumerate(words)
    )


def rendering_instead(
    rendering: str, target: str, source_position: float, profile: LanguageProfile, min_stem: int = 4
) -> tuple[str, int]:
    """The words of the target that most likely stand for the usual rendering: the candidate
    term sharing most words with it, else the one standing where the source term stands; and
    how many words of the rendering it shares."""
    wanted = content_words(rendering, profile)
    tokens = max(1, len(tokenize(target, profile)))
    best, best_score, best_shared = "", 0.0, 0
    for occurrence in segment_candidates(strip_markup(target), profile):
        if occurrence.cut or occurrence.virtual:
            continue
        words = content_words(occurrence.surface, profile)
        shared = sum(any(same_word(word, other, min_stem) for other in words) for word in wanted)
        closeness = 1.0 - abs(occurrence.start / tokens - source_position)
        length = 1.0 - abs(len(words) - len(wanted)) / max(len(words), len(wanted), 1)
        score = 2.0 * shared + closeness + length
        if score > best_score:
            best, best_score, best_shared = occurrence.surface, score, shared
    return best, best_shared


def _position(term: str, text: str, profile: LanguageProfile) -> float:
    """Where the source term stands in its segment, as a share of the segment's length."""
    words = _words(text, profile)
    first = next(iter(content_words(term, profile)), "")
    return next((i / max(1, len(words)) for i, word in enumerate(words) if word == first), 0.5)


def run(context: CheckContext, options: ConsistencyOptions = ConsistencyOptions()) -> Iterator[Finding]:
    """Terms rendered otherwise than most segments render them (none in no pairs: no term
    table can be made of them)."""
    if not context.pairs:
        return
    for row in exceptions(context, options).iter_rows(named=True):
        index = row["segment"]
        pair = context.pairs[index]
        # A name is held to its wording (an older name of the Office holds most of its words);
        # a term's words may also stand apart, but then each in its own form ("criminal"
        # apart does not stand for "crime", "Crime prevention and penal justice" is no
        # rendering of "criminal justice").
        name = is_name(row["source_term"]) and is_name(row["target_term"])
        rendering = row["target_term"]
        if not pair.target.strip() or (
            rendered_as_written(rendering, pair.target, context.target, options.min_stem)
            or (not name and rendered_loosely(rendering, pair.target, context.target, _EXACT))
            or short_form(rendering, pair.target, context.target)
        ):
            continue
        position = _position(row["source_term"], pair.source, context.source)
        instead, shared = rendering_instead(
            row["target_term"], pair.target, position, context.target, options.min_stem
        )
        usual = (
            f"“{row['source_term']}” is rendered “{row['target_term']}” in {number(row['cooccurrences'])} of "
            f"{counted(row['source_freq'], 'segment')}"
        )
        if shared:
            yield context.finding(NAME, "warning", index, f"{usual}; “{instead}” here")
        else:
            # No word of the rendering here: most often a pronoun or a rewording, worth a look
            # only (a replaced rendering keeps some of its words, or is the segment's term).
            guess = f" (perhaps “{instead}”)" if instead else ""
            yield context.finding(NAME, "info", index, f"{usual}; no word of it here{guess}")


CHECK = Check(
    NAME,
    "a term rendered one way in most segments and another way here, with the rendering found instead",
    run,
)
