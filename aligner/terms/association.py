"""Association of candidate terms across languages, as one lazy polars query.

Input frames:

* occurrences: one row per candidate occurrence: ``segment``, ``lang``, ``key`` (folded form),
  ``surface`` (as written), ``start``/``end`` (token span), ``initial`` (opens the segment);
* segments: one row per aligned segment pair: ``segment``, ``document``, ``tuid``.

Counts are segment counts (a term twice in one segment counts once), so that co-occurrence,
frequency and the 2x2 table of the log-likelihood ratio all speak of the same events.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl


@dataclass(frozen=True, slots=True)
class AssociationOptions:
    """How candidates of the two languages are paired: how often each must occur and co-occur, the
    least Dice, how many examples a pair shows, when a candidate is a fragment of a longer
    phrase, and when one seen only inside longer candidates may still pair."""

    min_frequency: int = 2
    min_cooccurrence: int = 2
    min_dice: float = 0.3
    examples: int = 3
    # A candidate is a fragment of a longer phrase, not a term, when the phrase goes on past
    # it (a document symbol, a year or a coordinated list follows), or the same preposition
    # follows it ("Déclaration de Doha sur ... pénale" + "dans"), in this share of the places
    # where it stands alone and at least ``min_fragment_evidence`` times.
    fragment_share: float = 0.9
    min_fragment_evidence: int = 3
    # A candidate seen only inside longer ones may still pair with a term of the other
    # language when it stands in this many segments (see ``kept_occurrences``).
    min_partner_frequency: int = 3


def frequent_occurrences(occurrences: pl.LazyFrame, min_frequency: int) -> pl.LazyFrame:
    """Occurrences of candidates found in at least ``min_frequency`` segments."""
    frequency = occurrences.group_by("lang", "key").agg(pl.col("segment").n_unique().alias("n"))
    keep = frequency.filter(pl.col("n") >= min_frequency).select("lang", "key")
    return occurrences.join(keep, on=["lang", "key"], how="semi")


def settle_nesting(frequent: pl.DataFrame, min_frequency: int) -> pl.Series:
    """Which occurrences stand on their own: outside every longer candidate that holds.

    Candidates are settled from the longest down (C-value style). A candidate holds when it
    stands on its own in at least ``min_frequency`` segments; the occurrences of a holding
    candidate cover the shorter spans inside them, and only those. So "Pacte mondial de
    coordination contre le terrorisme", inside "entités compétentes du Pacte ..." in five
    segments and alone in six, holds, while "Office des Nations Unies contre la drogue",
    always inside the Office's full name, never stands alone. A span with a year covers only
    the spans that keep the year ("2030 Agenda" covers "2030 Agenda" sub-spans, "2015 Review
    Conference" leaves "Review Conference" alone); a coordination of two phrases
    ("blanchiment d'argent et le financement du terrorisme") and the terms read off a
    coordination (``virtual``) cover nothing. A phrase that opens with a common noun does not
    cover a name inside it: "Pacte mondial de coordination contre le terrorisme" stays a term
    of its own in "entités compétentes du Pacte mondial ...", however often it stands there.
    """
    columns = ("segment", "lang", "key", "start", "end", "words", "dated", "split", "virtual")
    first = pl.col("surface").cast(pl.String).str.slice(0, 1)
    named = (first != first.str.to_lowercase()) & ~pl.col("initial")
    common = first != first.str.to_uppercase()
    rows = frequent.select(*columns, named.alias("named"), common.alias("common")).rows()
    order = sorted(range(len(rows)), key=lambda i: -rows[i][5])
    covering: dict[tuple[int, str], list[tuple[int, int, bool, bool]]] = {}
    independent = [False] * len(rows)
    level_start = 0
    while level_start < len(order):
        words = rows[order[level_start]][5]
        level_end = level_start
        while level_end < len(order) and rows[order[level_end]][5] == words:
            level_end += 1
        level = order[level_start:level_end]
        alone: dict[tuple[str, str], set[int]] = {}
        for i in level:
            segment, lang, key, start, end, _, dated, split, _, named, _ = rows[i]
            spans = covering.get((segment, lang), ())
            if not any(
                s <= start and end <= e and (dated or not d) and not (named and c) for s, e, d, c in spans
            ):
                independent[i] = True
                if not split:
                    alone.setdefault((lang, key), set()).add(segment)
        holding = {name for name, segments in alone.items() if len(segments) >= min_frequency}
        for i in level:
            segment, lang, key, start, end, _, dated, split, virtual, _, common = rows[i]
            if (lang, key) in holding and not split and not virtual:
                covering.setdefault((segment, lang), []).append((start, end, dated, common))
        level_start = level_end
    return pl.Series("independent", independent, dtype=pl.Boolean)


def fragment_keys(marked: pl.LazyFrame, options: AssociationOptions) -> pl.LazyFrame:
    """Keys that, where they stand alone, are nearly always cut short of a longer phrase:
    followed by a document symbol, a year or a coordinated list ("continued"), or by one and
    the same preposition. Such a span covers its sub-spans but is no term."""
    alone = marked.filter(pl.col("independent") & ~pl.col("cut"))
    times = pl.col("times")
    per_key = (
        alone.group_by("lang", "key", "next_word")
        .agg(pl.len().alias("times"), pl.col("continued").sum().alias("continued"))
        .group_by("lang", "key")
        .agg(
            times.sum().alias("n"),
            pl.col("continued").sum(),
            times.filter(pl.col("next_word") != "").max().fill_null(0).alias("fixed_next"),
        )
    )
    needed = pl.max_horizontal(options.fragment_share * pl.col("n"), pl.lit(options.min_fragment_evidence))
    return per_key.filter((pl.col("continued") >= needed) | (pl.col("fixed_next") >= needed)).select(
        "lang", "key"
    )


def attested(occurrences: pl.LazyFrame) -> pl.LazyFrame:
    """The occurrences, less the terms of coordinations ("virtual") that the document never
    writes out: "organisations non gouvernementales" stands alone somewhere, so the
    coordination "organisations intergouvernementales et non gouvernementales" counts for
    it too; "conventions internationaux", read off "conventions et protocoles
    internationaux", is never written and is no term."""
    written = occurrences.filter(~pl.col("virtual")).select("lang", "key").unique()
    return pl.concat(
        [
            occurrences.filter(~pl.col("virtual")),
            occurrences.filter(pl.col("virtual")).join(written, on=["lang", "key"], how="semi"),
        ]
    )


def kept_occurrences(
    occurrences: pl.LazyFrame | pl.DataFrame, options: AssociationOptions = AssociationOptions()
) -> pl.DataFrame:
    """The occurrences of the candidates that may enter the table. Column ``term``: the
    candidate stands on its own (``settle_nesting``) in at least ``min_frequency`` segments,
    a maximal term or a sub-term also used alone; column ``independent``: this occurrence
    stands alone. The other rows are partners: candidates seen only inside longer ones (in at
    least ``min_partner_frequency`` segments) that may still translate a term of the other
    language, which builds its names differently ("sale of children" inside the name of the
    Optional Protocol, "vente d'enfants" on its own). Spans cut by the length limit,
    coordinations of two phrases and fragments (``fragment_keys``) cover their sub-spans but
    are neither."""
    frequent = frequent_occurrences(attested(occurrences.lazy()), options.min_frequency).collect()
    marked = frequent.with_columns(settle_nesting(frequent, options.min_frequency)).lazy()
    whole = marked.filter(~pl.col("cut"))
    counts = whole.group_by("lang", "key").agg(
        pl.col("segment").filter(pl.col("independent")).n_unique().alias("alone"),
        pl.col("segment").n_unique().alias("n"),
    )
    keys = (
        counts.filter(
            (pl.col("alone") >= options.min_frequency) | (pl.col("n") >= options.min_partner_frequency)
        )
        .join(fragment_keys(marked, options), on=["lang", "key"], how="anti")
        .select("lang", "key", (pl.col("alone") >= options.min_frequency).alias("term"))
    )
    return marked.join(keys, on=["lang", "key"]).collect()


def display_forms(occurrences: pl.LazyFrame) -> pl.LazyFrame:
    """The form to show for each key: the most frequent written form where the term stands on
    its own and not at the start of a segment (where a capital says nothing about the term)."""
    return (
        occurrences.group_by("lang", "key", "surface")
        .agg(
            pl.col("independent").sum().alias("alone"),
            (pl.col("independent") & ~pl.col("initial")).sum().alias("alone_inside"),
            pl.len().alias("n"),
        )
        .sort(["alone_inside", "alone", "n", "surface"], descending=[True, True, True, False])
        .group_by("lang", "key", maintain_order=True)
        .first()
        .select("lang", "key", pl.col("surface").alias("term"))
    )


def term_frequencies(occurrences: pl.LazyFrame) -> pl.LazyFrame:
    """Segment frequency of each key, and the share of those segments where it stands alone
    (1.0 for a maximal term, small for a fragment of a longer one)."""
    return occurrences.group_by("lang", "key").agg(
        pl.col("segment").n_unique().alias("freq"),
        pl.col("words").first(),
        pl.col("term").first(),
        pl.col("joined").mean(),
        (pl.col("segment").filter(pl.col("independent")).n_unique() / pl.col("segment").n_unique()).alias(
            "independence"
        ),
    )


def _xlogx(column: pl.Expr) -> pl.Expr:
    return pl.when(column > 0).then(column * column.log()).otherwise(0.0)


def log_likelihood(a: pl.Expr, f1: pl.Expr, f2: pl.Expr, n: pl.Expr) -> pl.Expr:
    """Dunning's G² for the 2x2 table of two events seen in ``f1`` and ``f2`` of ``n``
    segments, together in ``a``; signed negative when they avoid each other."""
    b, c = f1 - a, f2 - a
    d = n - f1 - f2 + a
    g2 = 2.0 * (
        _xlogx(a)
        + _xlogx(b)
        + _xlogx(c)
        + _xlogx(d)
        - _xlogx(a + b)
        - _xlogx(a + c)
        - _xlogx(b + d)
        - _xlogx(c + d)
        + _xlogx(n)
    )
    return pl.when(a * d >= b * c).then(g2).otherwise(-g2)


def cooccurrences(source: pl.LazyFrame, target: pl.LazyFrame, min_cooccurrence: int = 1) -> pl.LazyFrame:
    """Co-occurrence counts of every source key with every target key of the same segment,
    and how far apart they stand on average (relative positions, 0 = same place).

    The couples of a segment are many (every source key with every target key), so they carry
    only numbers; what is shown of a pair (documents, example segments) is looked up for the
    pairs of the table only (``evidence``). A couple of two partners (candidates that are no
    terms, see ``kept_occurrences``) is never made."""
    couples = pl.concat(
        [
            source.filter(pl.col("source_term")).join(target, on="segment"),
            source.filter(~pl.col("source_term")).join(target.filter(pl.col("target_term")), on="segment"),
        ]
    )
    return (
        couples.group_by("source_key", "target_key")
        .agg(
            pl.len().alias("cooccurrences"),
            (pl.col("source_position") - pl.col("target_position")).abs().mean().alias("distance"),
        )
        .filter(pl.col("cooccurrences") >= min_cooccurrence)
    )


def evidence(
    table: pl.LazyFrame,
    kept: pl.LazyFrame,
    segments: pl.LazyFrame,
    source_lang: str,
    target_lang: str,
    examples: int,
) -> pl.LazyFrame:
    """For each pair of ``table``: in how many documents its terms stand together, and the
    tuids of the first ``examples`` segments where they do."""
    keys = table.select("source_key", "target_key")
    source = side(kept, source_lang, "source").select("segment", "source_key")
    target = side(kept, target_lang, "target").select("segment", "target_key")
    return (
        source.join(keys, on="source_key")
        .join(target, on=["segment", "target_key"])
        .join(segments.select("segment", "document", "tuid"), on="segment", how="left")
        .group_by("source_key", "target_key")
        .agg(
            pl.col("document").n_unique().alias("documents"),
            pl.col("tuid").sort_by("segment").head(examples).alias("examples"),
        )
    )


def side(occurrences: pl.LazyFrame, lang: str, prefix: str) -> pl.LazyFrame:
    """One row per segment and key of one language, with the key's first position there."""
    return (
        occurrences.filter(pl.col("lang") == lang)
        .group_by("segment", "key")
        .agg(pl.col("position").min(), pl.col("term").first())
        .select(
            "segment",
            pl.col("key").alias(f"{prefix}_key"),
            pl.col("position").alias(f"{prefix}_position"),
            pl.col("term").alias(f"{prefix}_term"),
        )
    )


def association_table(
    kept: pl.LazyFrame,
    segments: pl.LazyFrame,
    source_lang: str,
    target_lang: str,
    options: AssociationOptions = AssociationOptions(),
) -> pl.LazyFrame:
    """Every associated (source term, target term) couple with its counts, Dice and LLR, from
    the occurrences of the kept candidates (``kept_occurrences``)."""
    frequencies = term_frequencies(kept)
    total = segments.select(pl.len().alias("total"))
    source_freq = frequencies.filter(pl.col("lang") == source_lang).select(
        pl.col("key").alias("source_key"),
        pl.col("freq").alias("source_freq"),
        pl.col("independence").alias("source_independence"),
        pl.col("words").alias("source_words"),
        pl.col("joined").alias("source_joined"),
        pl.col("term").alias("source_is_term"),
    )
    target_freq = frequencies.filter(pl.col("lang") == target_lang).select(
        pl.col("key").alias("target_key"),
        pl.col("freq").alias("target_freq"),
        pl.col("independence").alias("target_independence"),
        pl.col("words").alias("target_words"),
        pl.col("joined").alias("target_joined"),
        pl.col("term").alias("target_is_term"),
    )
    a, f1, f2 = (pl.col(name).cast(pl.Float64) for name in ("cooccurrences", "source_freq", "target_freq"))
    return (
        cooccurrences(
            side(kept, source_lang, "source"), side(kept, target_lang, "target"), options.min_cooccurrence
        )
        .join(source_freq, on="source_key")
        .join(target_freq, on="target_key")
        .join(total, how="cross")
        .with_columns(
            (2.0 * a / (f1 + f2)).alias("dice"),
            together(a, f1, f2).alias("together"),
            log_likelihood(a, f1, f2, pl.col("total").cast(pl.Float64)).alias("llr"),
        )
        .filter(pl.col("dice") >= options.min_dice)
        .drop("total")
    )


# The normal quantile of the lower confidence bound that ``together`` takes (95%, two-sided).
_Z = 1.96


def together(a: pl.Expr, f1: pl.Expr, f2: pl.Expr) -> pl.Expr:
    """How surely two terms go together: the lower bound of the Wilson score interval (Wilson
    1927) for the share of the segments holding either term that hold both (a / (f1 + f2 -
    a)). Two terms seen together twice out of twice are less sure than ten times out of
    eleven; no weight is chosen, only the usual 95% confidence."""
    n = f1 + f2 - a
    p = a / n
    z2 = _Z * _Z
    centre = p + z2 / (2 * n)
    spread = _Z * ((p * (1 - p) / n) + z2 / (4 * n * n)).sqrt()
    return (centre - spread) / (1 + z2 / n)


def fit() -> pl.Expr:
    """How well two terms fit as translations: how surely they go together (``together``),
    lowered when they stand in different places of their segments, times the share of their
    words that translate each other (``quality.coherence_scores``)."""
    return pl.col("together") * (1.0 - pl.col("distance")) * pl.col("coherence")


def paired(table: pl.DataFrame) -> pl.DataFrame:
    """The one-to-one table: mutual best couples of terms first (``mutual_best``), then,
    among the keys still unpaired, mutual best couples where one side may be a partner (a
    candidate seen only inside longer ones, see ``kept_occurrences``). A partner never takes
    a term from the longer term that holds it: "Global Counter-Terrorism Coordination", always
    inside the Compact's name, could pair with the French name only if the English name had
    found no partner of its own. ``table`` needs a ``coherence`` column (for ``fit``)."""
    ranked = table if "fit" in table.columns else table.with_columns(fit().alias("fit"))
    both = pl.col("source_is_term") & pl.col("target_is_term")
    first = mutual_best(ranked.filter(both))
    rest = ranked.join(first.select("source_key"), on="source_key", how="anti").join(
        first.select("target_key"), on="target_key", how="anti"
    )
    return pl.concat([first, mutual_best(rest)])


def mutual_best(table: pl.DataFrame) -> pl.DataFrame:
    """Couples in which each term is the other's best partner by ``fit``: a one-to-one table
    without a greedy loop. The two tie-breakers matter when a few repeated segments make many
    candidates co-occur perfectly."""
    ordered = table.sort(["fit", "llr", "source_key", "target_key"], descending=[True, True, False, False])
    return ordered.filter(
        (pl.int_range(pl.len()).over("source_key") == 0) & (pl.int_range(pl.len()).over("target_key") == 0)
    )
