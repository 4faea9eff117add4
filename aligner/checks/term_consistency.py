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
    """When a term's renderings are held to one: the usual rendering must stand with the term in
    enough segments, in most of the term's segments, by a Dice this high, with every word
    translated; only terms of two words or more count, and words sharing a long enough stem are
    one."""

    min_cooccurrences: int = 4
    min_share: float = 0.85  # of the source term's segments that have the usual rendering
    min_dice: float = 0.85
    # Only pairs of two terms (no partner seen only inside a longer term, see
    # ``terms.association.kept_occurrences``) whose words all translate each other
    # (``terms.quality.coherence``): a slice or an overhang of a term is no rendering. Names
    # are exempt (``named``).
    min_coherence: float = 1.0
    # Single words are too polysemous to hold to one rendering ("États" in "état de droit").
    min_words: int = 2
    # Two words are one when they share this many first letters, or all but the last of the
    # shorter ("child"/"children", "organized"/"organization").
    min_stem: int = 5


def _candidate_renderings(index: TermIndex, options: ConsistencyOptions) -> pl.DataFrame:
    """Table rows that may hold a usual rendering: two terms whose words translate each other,
    or two names (``named``), associated strongly enough, the source term of ``min_words``
    words or more."""
    table = index.table
    names = pl.Series(
        "named",
        [named(source, target) for source, target in table.select("source_term", "target_term").iter_rows()],
        dtype=pl.Boolean,
    )
    return table.filter(
        (pl.col("dice") >= options.min_dice)
        & (pl.col("source_key").str.count_matches(" ") >= options.min_words - 1)
        & pl.col("terms")
        & ((pl.col("coherence") >= options.min_coherence) | names)
    ).select("source_key", "target_key", "source_term", "target_term")


def named(source: str, target: str) -> bool:
    """A pair of names: both open with a capital (a year before it aside: "2030 Agenda"), one
    with two capitalised words or more (French names capitalise their first word only). A
    name's words need not translate each other one by one ("Programme de développement
    durable à l'horizon 2030" / "2030 Agenda for Sustainable Development"): it is held to its
    wording as a whole."""
    capitalised = [
        [word[:1].isupper() for word in term.split() if word[:1].isalpha()] for term in (source, target)
    ]
    return all(words[:1] == [True] for words in capitalised) and any(sum(words) >= 2 for words in capitalised)


def _standing(index: TermIndex, options: ConsistencyOptions, alone: bool) -> pl.DataFrame:
    """For each candidate rendering and each segment where its source term stands (on its
    own, not inside a longer term, if ``alone``), whether the target term is in the segment
    (``present``), and how many times each stands there (``source_count``, ``target_count``)."""
    occurrences = index.occurrences
    source = occurrences.filter(
        (pl.col("lang") == index.source_lang) & (pl.col("independent") | (not alone))
    ).select("segment", source_key="key", source_count="count")
    target = occurrences.filter(pl.col("lang") == index.target_lang).select(
        "segment", target_key="key", target_count="count"
    )
    return (
        source.join(_candidate_renderings(index, options), on="source_key")
        .join(target, on=["segment", "target_key"], how="left")
        .with_columns(pl.col("target_count").fill_null(0))
        .with_columns((pl.col("target_count") > 0).alias("present"))
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
    """Segments where a source term stands more times than its usual rendering, most often
    without it (its words may be there in another form: see ``run``); ``target_count`` says
    how many times the rendering is there all the same."""
    index = context.terms
    usual = usual_renderings(index, options).select(
        "source_key", "target_key", "source_term", "target_term", "cooccurrences", "source_freq"
    )
    return (
        _standing(index, options, alone=False)
        .filter(pl.col("target_count") < pl.col("source_count"))
        .select("segment", "source_key", "target_key", "target_count")
        .join(usual, on=["source_key", "target_key"])
        .sort("segment", "source_key")
    )


def explained_renderings(index: TermIndex, segments: pl.Series) -> dict[int, frozenset[str]]:
    """For each of ``segments``, the target terms of the table that stand there with their
    source term: renderings of other terms, none of them a rendering instead."""
    occurrences = index.occurrences.filter(pl.col("segment").is_in(segments.implode()))
    source = occurrences.filter(pl.col("lang") == index.source_lang).select("segment", source_key="key")
    target = occurrences.filter(pl.col("lang") == index.target_lang).select("segment", target_key="key")
    pairs = index.table.select("source_key", "target_key")
    found = (
        source.join(pairs, on="source_key")
        .join(target, on=["segment", "target_key"])
        .group_by("segment")
        .agg(pl.col("target_key").unique())
    )
    return {segment: frozenset(keys) for segment, keys in found.iter_rows()}


def _words(text: str, profile: LanguageProfile) -> list[str]:
    tokens = tokenize(unicodedata.normalize("NFC", strip_markup(text)), profile)
    return [
        fold(part, profile)
        for token in tokens
        if token.kind == "word"
        for part in token.lower.replace(" ", "-").split("-")
        if part
    ]


def _content(words: list[str], profile: LanguageProfile) -> list[str]:
    ignored = profile.stopwords | profile.term_links | profile.term_articles
    return [word for word in words if word not in ignored]


def content_words(text: str, profile: LanguageProfile) -> list[str]:
    """The words of ``text`` that carry content in its language: stopwords, link words and articles
    of terms left out."""
    return _content(_words(text, profile), profile)


# What stands for a rendering taken out of a segment's words (``blanked``): no word matches it.
_GAP = ""


def blanked(words: list[str], rendering: list[str], times: int) -> list[str]:
    """``words`` with the first ``times`` runs that read ``rendering`` word for word each
    replaced by a gap: what is left once the renderings found are set aside."""
    left = list(words)
    width = len(rendering)
    position = 0
    while times and width and position + width <= len(left):
        if left[position : position + width] == rendering:
            left[position : position + width] = [_GAP]
            times -= 1
        position += 1
    return left


def same_word(first: str, second: str, min_stem: int) -> bool:
    """One word in two forms: equal, or sharing a stem ("crime"/"criminal")."""
    if first == second:
        return True
    if min_stem <= 0 or not first or not second:
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


def _all_found(wanted: list[str], window: list[str], min_stem: int) -> bool:
    """Is every wanted word in the window, each in some form of its own?"""
    free = list(window)
    for word in wanted:
        match = next((i for i, other in enumerate(free) if same_word(word, other, min_stem)), None)
        if match is None:
            return False
        free.pop(match)
    return True


def rendered_loosely(wanted: list[str], found: list[str], min_stem: int = 5) -> bool:
    """Every content word of the usual rendering (``wanted``) is in one stretch of the
    segment's content words (``found``), each in some form of its own ("criminal" cannot
    stand for both "crime" and "criminal"), perhaps split or reordered: "technical and legal
    assistance" for "technical assistance"."""
    width = 2 * len(wanted) + 2
    return any(
        _all_found(wanted, found[start : start + width], min_stem)
        for start in range(max(1, len(found) - width + 1))
    )


def rendered_as_written(wanted: list[str], found: list[str], min_stem: int = 5) -> bool:
    """The content words of the rendering side by side, in some form each: a name in another
    case, plural or hyphenation ("member-states"), or its words in another order ("States
    Members", the Charter's order), but no word of its own in between."""
    return any(
        _all_found(wanted, found[start : start + len(wanted)], min_stem)
        for start in range(len(found) - len(wanted) + 1)
    )


def short_forms(wanted: list[str], words: list[str], profile: LanguageProfile) -> int:
    """How many times the head of the term stands alone right after an article: "the
    officer" for "the nuclear security officer" named just before, "access to the area",
    "l'installation" for "l'installation nucléaire". A head beside another word of the term
    ("nuclear facility", "installation nucléaire") or after another word ("nuclear safety
    officer") is no short form."""
    if len(wanted) < 2:
        return 0
    first = profile.term_head != "last"
    head, beside = (wanted[0], wanted[1]) if first else (wanted[-1], wanted[-2])
    function_words = profile.term_articles | profile.elisions
    found = 0
    for position, word in enumerate(words):
        if word != head or position == 0 or words[position - 1].rstrip("'") not in function_words:
            continue
        after = next((w for w in words[position + 1 :] if w not in profile.term_links), "")
        if not (first and same_word(beside, after, 5)):
            found += 1
    return found


@dataclass(frozen=True, slots=True)
class Instead:
    """The words of a segment that most likely stand for the usual rendering, and how many of
    the rendering's words they share."""

    surface: str = ""
    shared: int = 0
    words: int = 0


def rendering_instead(
    rendering: str,
    target: str,
    source_position: float,
    profile: LanguageProfile,
    min_stem: int = 4,
    length: int = 0,
    explained: frozenset[str] = frozenset(),
) -> Instead:
    """The candidate term of the target sharing most words with the rendering, else the one
    standing where the source term stands; never the rendering itself, in any form, nor
    words of a term that renders another source term of the segment (``explained``:
    "critical security measure" is no rendering of "mesure de sécurité nucléaire" beside
    "mesure de sécurité essentielle", nor is "critical security"); only candidates of
    ``length`` content words if given."""
    wanted = content_words(rendering, profile)
    tokens = max(1, len(tokenize(target, profile)))
    best, best_score = Instead(), 0.0
    candidates = [o for o in segment_candidates(strip_markup(target), profile) if not (o.cut or o.virtual)]
    taken = [(o.start, o.end) for o in candidates if o.key in explained]
    for occurrence in candidates:
        words = content_words(occurrence.surface, profile)
        if (
            (length and len(words) != length)
            or any(start < occurrence.end and occurrence.start < end for start, end in taken)
            or (len(words) == len(wanted) and _all_found(wanted, words, min_stem))
        ):
            continue
        shared = sum(any(same_word(word, other, min_stem) for other in words) for word in wanted)
        closeness = 1.0 - abs(occurrence.start / tokens - source_position)
        likeness = 1.0 - abs(len(words) - len(wanted)) / max(len(words), len(wanted), 1)
        score = 2.0 * shared + closeness + likeness
        if score > best_score:
            best, best_score = Instead(occurrence.surface, shared, len(words)), score
    return best


def _position(term: str, text: str, profile: LanguageProfile) -> float:
    """Where the source term stands in its segment, as a share of the segment's length."""
    words = _words(text, profile)
    first = next(iter(content_words(term, profile)), "")
    return next((i / max(1, len(words)) for i, word in enumerate(words) if word == first), 0.5)


def rendered_otherwise(
    rendering: str,
    target: str,
    times: int,
    name: bool,
    profile: LanguageProfile,
    min_stem: int,
    source_short_forms: int = 0,
) -> bool:
    """Does the target render the term in a form of the usual rendering, once the ``times``
    renderings found word for word are set aside? A name is held to its wording (an older
    name of the Office holds most of its words); a term's words may also stand apart, but
    then each in its own form ("criminal" apart does not stand for "crime", "Crime
    prevention and penal justice" is no rendering of "criminal justice"). A short form of
    the rendering stands for the term only when the target has more of them than the source
    (``source_short_forms``): the others render the source's own short forms."""
    words = blanked(_words(target, profile), _words(rendering, profile), times)
    found, wanted = _content(words, profile), content_words(rendering, profile)
    return (
        rendered_as_written(wanted, found, min_stem)
        or (not name and rendered_loosely(wanted, found, _EXACT))
        or short_forms(wanted, words, profile) > source_short_forms
    )


def run(context: CheckContext, options: ConsistencyOptions = ConsistencyOptions()) -> Iterator[Finding]:
    """Terms rendered otherwise than most segments render them (none in no pairs: no term
    table can be made of them). Where the source term stands more times than its rendering
    (``exceptions``), the rest must be rendered some other way; a repeated term rendered
    once in full and then shortened or left out is usual, so there a finding needs another
    rendering of the same length sharing words with the usual one ("international data" for
    the second "international cooperation")."""
    if not context.pairs:
        return
    profile = context.target
    found = exceptions(context, options)
    explained = explained_renderings(context.terms, found["segment"])
    for row in found.iter_rows(named=True):
        index = row["segment"]
        pair = context.pairs[index]
        name = is_name(row["source_term"]) and is_name(row["target_term"])
        rendering, times = row["target_term"], row["target_count"]
        # The source's short forms, once its full terms are set aside ("the Parties" in
        # "Conference of the Parties" is no short form of it).
        source_words = _words(pair.source, context.source)
        source_term = _words(row["source_term"], context.source)
        own_short_forms = short_forms(
            content_words(row["source_term"], context.source),
            blanked(source_words, source_term, len(source_words)),
            context.source,
        )
        if not pair.target.strip() or rendered_otherwise(
            rendering, pair.target, times, name, profile, options.min_stem, own_short_forms
        ):
            continue
        position = _position(row["source_term"], pair.source, context.source)
        length = len(content_words(rendering, profile)) if times else 0
        # Beside the rendering itself, another rendering keeps some of its words as they are
        # ("international data"), not a stem of them ("parti" is no "partenaire").
        instead = rendering_instead(
            rendering,
            pair.target,
            position,
            profile,
            _EXACT if times else options.min_stem,
            length,
            explained.get(index, frozenset()) if times else frozenset(),
        )
        if times and not instead.shared:
            continue
        usual = (
            f"“{row['source_term']}” is rendered “{rendering}” in {number(row['cooccurrences'])} of "
            f"{counted(row['source_freq'], 'segment')}"
        )
        if instead.shared:
            elsewhere = f" (and “{rendering}” elsewhere in the segment)" if times else ""
            yield context.finding(NAME, "warning", index, f"{usual}; “{instead.surface}” here{elsewhere}")
        else:
            # No word of the rendering here: most often a pronoun or a rewording, worth a look
            # only (a replaced rendering keeps some of its words, or is the segment's term).
            guess = f" (perhaps “{instead.surface}”)" if instead.surface else ""
            yield context.finding(NAME, "info", index, f"{usual}; no word of it here{guess}")


CHECK = Check(
    NAME,
    "a term rendered one way in most segments and another way here, with the rendering found instead",
    run,
)
