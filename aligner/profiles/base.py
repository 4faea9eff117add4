"""What the pipeline needs to know about a language, as data: the ``Language`` object.

A language holds word lists and regular expressions; the code that uses them is the same for
every language. Adding a language is writing one module that builds a ``Language`` and
registering it in ``aligner.profiles``. A language is resolved from its code once, where the
code enters (an option, a file's metadata, a file header: ``aligner.profiles.get_profile``),
and the object itself is what documents, bitexts, batch pairs and checks carry; it writes
itself as its code (``str(language)``), so files keep the codes they always held.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

# The words of a symbol or citation, apart from the separators between them.
_SYMBOL_PIECES = re.compile(r"(\s+|,|/)")


@dataclass(frozen=True, eq=False, repr=False)
class Language:
    """One language: its code, its name and what the stages need to know of it (its
    profile). There is one object per language, so languages are equal, and hash, by their
    code (and can key caches); one pickles as its code and unpickles as the registered object
    (a batch ships languages to its workers inside fitted models)."""

    code: str
    name: str
    # ISO 639-3 code, as dictionaries name their languages ("fra" in "freedict-fra-eng").
    iso639_3: str
    # Language identification: frequent short words of the language.
    function_words: frozenset[str]
    # Names of languages as the language writes them ("anglais" -> "en"), for "Original:" lines.
    language_names: dict[str, str]
    # Sentence segmentation: tokens ending in a period that do not end a sentence.
    abbreviations: frozenset[str]
    # Abbreviations that do not end a sentence when a number follows ("p. 12", "No. 3").
    abbreviations_before_number: frozenset[str]
    # Structure: headings and formulas of UN documents and of legislation.
    resolution_heading: re.Pattern[str]
    decision_heading: re.Pattern[str]
    assembly_formulas: tuple[str, ...]
    # A list item label: group "label" holds the letter or roman number.
    list_marker: re.Pattern[str]
    # Words that introduce a division of a report ("Annexe II", "PART ONE"), mapped to a
    # language-neutral key prefix (lower case).
    division_words: dict[str, str]
    # Header lines of a UN document: metadata field -> pattern with group "value" when useful.
    metadata_lines: dict[str, re.Pattern[str]]
    months: dict[str, int]
    decimal_separator: str
    thousands_separators: tuple[str, ...]
    # Words that open operative paragraphs, used when italics were lost in conversion.
    operative_verbs: frozenset[str] = frozenset()
    stopwords: frozenset[str] = frozenset()
    # Typography: a (narrow) non-breaking space before ; : ! ? and inside « » (French).
    spaced_punctuation: bool = False
    extra: dict[str, object] = field(default_factory=dict)
    # Terminology (aligner.terms): clitics written with an apostrophe ("l'", "d'"); link words
    # allowed inside a multi-word term ("de", "of"); articles allowed right after a link word
    # ("de la", "of the"); words that never belong to a term (verbs, adverbs of the genre).
    elisions: frozenset[str] = frozenset()
    term_links: frozenset[str] = frozenset()
    term_articles: frozenset[str] = frozenset()
    # Link words counted as one ("des", "du", "d'" -> "de") in term keys.
    term_link_folds: dict[str, str] = field(default_factory=dict)
    term_blockers: frozenset[str] = frozenset()
    # Nouns that may stand inside a term but never open or close one: "à des fins" in
    # "Classification internationale des infractions à des fins statistiques", "purposes" in
    # "... for Statistical Purposes", "égard" in "violence à l'égard des femmes".
    term_weak_words: frozenset[str] = frozenset()
    # Prefixes written as a word of their own, which belong to the next word ("non
    # gouvernementales" is one word, as "non-governmental" is).
    detached_prefixes: frozenset[str] = frozenset()
    # Conjunctions: a term joined by one ("X et Y") is a proper name or two terms.
    term_coordinators: frozenset[str] = frozenset()
    # Conjunctions that may follow the punctuation closing an item of a list ("(a) ...; and"):
    # the item still ends there.
    clause_joiners: frozenset[str] = frozenset()
    # Phrases that open an adjunct and so end a term, though their words could be part of
    # one ("sur la recommandation du Conseil", "at the request of"): words apart by spaces.
    term_adjuncts: tuple[str, ...] = ()
    # Prepositions that open a complement: a phrase that one of them nearly always follows
    # goes on past it ("Déclaration de Doha sur ... pénale" + "dans le cadre ...").
    term_continuations: frozenset[str] = frozenset()
    # Plural folding for term keys: (suffix, replacement) rules, the first that matches wins.
    plural_suffixes: tuple[tuple[str, str], ...] = ()
    # Word classes for terms (``term_word_class``): the code of the language's tables in
    # ``aligner.profiles.lexicon`` ("" for none); endings of verb forms that act as adjectives
    # or nouns and so may be term words ("organisée", "trafficking"); endings of the
    # non-finite forms that may stand inside a name but never at its edge ("mettant" in
    # "pornographie mettant en scène des enfants", "réaliser"); endings of forms that are
    # nouns wherever the lexicon says verb (it lacks some plural nouns).
    lexicon: str = ""
    # Where a term's head stands: "last" in English ("nuclear security officer"), "first" in
    # French ("agent de sécurité nucléaire"); the head alone after a determiner ("the
    # officer", "l'agent") is a short form of the term (``checks.term_consistency``).
    term_head: str = "last"
    verbal_content_endings: tuple[str, ...] = ()
    verbal_weak_endings: tuple[str, ...] = ()
    nominal_endings: tuple[str, ...] = ()
    # Spelled-out numbers (aligner.checks.numbers): cardinals, ordinals, and the words that
    # multiply what precedes them ("quatre-vingt", "two hundred").
    cardinal_words: dict[str, int] = field(default_factory=dict)
    ordinal_words: dict[str, int] = field(default_factory=dict)
    multiplying_words: frozenset[str] = frozenset()
    # Suffixes of ordinals written with digits ("1er", "2e" / "1st", "2nd").
    ordinal_suffixes: tuple[str, ...] = ()
    # How the language writes "%" in words: not a number ("100 pour cent et un taux" is not 101).
    percent_words: tuple[str, ...] = ()
    # Numbers that also open a correlative coordination ("both ... and"): counted only where
    # no coordinator follows them.
    correlative_numbers: dict[str, int] = field(default_factory=dict)
    # Suffixes that make an ordinal an adverb of enumeration ("deuxièmement", "secondly").
    enumeration_suffixes: tuple[str, ...] = ()
    # Times of day: groups "hour", optional "minute", and "am"/"pm" where the clock has 12
    # hours ("10 h 15", "6.15 p.m."); words that name an hour ("midi", "noon").
    time_patterns: tuple[re.Pattern[str], ...] = ()
    time_words: dict[str, int] = field(default_factory=dict)
    # Suffixes the sentence aligner's crude stemmer takes off (``align.tokens.stem``), the
    # longest first: the first that leaves three letters or more goes.
    stem_suffixes: tuple[str, ...] = ()
    # The letter of the language in United Nations document file names ("A_74_400_F").
    un_document_letter: str = ""
    # Months as abbreviated before a period ("5 juil. 1982", "Jul. 5, 1982").
    month_abbreviations: dict[str, int] = field(default_factory=dict)
    # Words a date may put before its month and its year (Spanish "5 de junio de 2020").
    date_linkers: frozenset[str] = frozenset()

    # Page numbers printed as words ("Page 3 of 12", "page 3 sur 12", "p. 3"): the word for a
    # page and the words joining a page number to the page count.
    page_words: frozenset[str] = frozenset()
    page_count_words: frozenset[str] = frozenset()

    # Legislation: words that introduce a division heading ("PARTIE 2", "SECTION 3" in French
    # law is a DIVISION), mapped to a language-neutral key prefix; words that join unit
    # labels ("8 à 10" is a range, "(4) et (5)" a list).
    legislation_divisions: dict[str, str] = field(default_factory=dict)
    label_range_words: frozenset[str] = frozenset()
    label_list_words: frozenset[str] = frozenset()
    # Instrument symbols and citations: the words of a series or citation as the language
    # writes them ("DORS" for regulations, "ch." for chapter in "C.R.C., ch. 1605", "L.C." for
    # the Statutes of Canada), mapped to a neutral code (Justice Canada's own data names the
    # series so in both languages: regulation-type="SOR"). Two symbols that differ only by
    # language have the same ``neutral_symbol``.
    symbol_forms: dict[str, str] = field(default_factory=dict)

    def general_zipf(self, word: str) -> float:
        """How common ``word`` is in general use of the language, on the Zipf scale (log10 of
        occurrences per billion words; 0 for a word never seen), from wordfreq's lists,
        which ship inside the package and are read offline."""
        return _zipf(word, self.code)

    # Locale written in memories when the document's origin is unknown ("FR" gives fr-FR).
    default_region: str = ""

    def locale(self, region: str | None = None) -> str:
        """The language tag for a document of this language from ``region`` ("CA" gives
        "fr-CA"), or from the profile's default region when the origin is unknown."""
        chosen = (region or self.default_region).strip().upper()
        return f"{self.code}-{chosen}" if chosen else self.code

    def region_of(self, tag: str | None) -> str | None:
        """The region a declared language tag names for this language ("fr-CA" -> "CA"), None
        when the tag names no region or another language (a Word template's "en-US" in a
        French file says nothing about where the French comes from)."""
        parts = (tag or "").strip().replace("_", "-").split("-")
        if len(parts) < 2 or parts[0].lower() != self.code:
            return None
        region = next((part for part in parts[1:] if REGION_SUBTAG.match(part)), None)
        return region.upper() if region else None

    def term_word_class(self, word: str) -> str:
        """What a lower-case word can be in a term: "verb" (a finite verb, or an adverb:
        never in a term), "verbal" (a non-finite verb form: inside a term only), "adjective"
        (never a term on its own), or "" (a noun, or a word the lexicon does not know)."""
        if not self.lexicon:
            return ""
        endings = (self.verbal_content_endings, self.verbal_weak_endings, self.nominal_endings)
        return _word_class(self.lexicon, endings, word)

    def language_from_name(self, name: str) -> str | None:
        """The code of a language the profile's language names ("anglais" -> "en"), or None."""
        return self.language_names.get(name.strip().lower())

    def neutral_symbol(self, symbol: str) -> str:
        """The symbol with each of its words in neutral form ("DORS/2018-108" and
        "SOR/2018-108" both give "SOR/2018-108"; "C.R.C., ch. 1605" gives "CRC, c 1605")."""
        pieces = _SYMBOL_PIECES.split(" ".join(symbol.split()))
        return "".join(self.symbol_forms.get(piece, piece) for piece in pieces)

    def is_page_number(self, text: str) -> bool:
        """Is this whole line a page number ("5/61", "- 3 -", "Page 3 of 12")?"""
        return bool(page_number_pattern(self.page_words, self.page_count_words).match(text.strip()))

    def spelled_number(self, word: str) -> int | None:
        """The number a word spells out ("premier", "deux", "One", "first"), or None."""
        folded = word.lower()
        return self.cardinal_words.get(folded) or self.ordinal_words.get(folded)

    def spelled_division(self, first: str, second: str) -> tuple[str, int] | None:
        """The division and number two words name when the number is spelt out, after the
        division word or before it ("Chapitre premier", "Deuxième partie"): ("chap", 1)."""
        for word, number_word in ((first, second), (second, first)):
            prefix, number = self.division_words.get(word.lower()), self.spelled_number(number_word)
            if prefix is not None and number is not None:
                return prefix, number
        return None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Language) and other.code == self.code

    def __hash__(self) -> int:
        return hash(self.code)

    def __str__(self) -> str:
        return self.code

    def __repr__(self) -> str:
        return f"Language({self.code!r})"

    def __reduce__(self) -> tuple[object, tuple[str]]:
        from . import get_profile

        return get_profile, (self.code,)

    def is_assembly_formula(self, text: str) -> bool:
        """Is this line the formula that opens a resolution ("L'Assemblée générale,")?"""
        clean = text.strip().replace("\u2019", "'")
        return any(clean == formula for formula in self.assembly_formulas)


# The name the stages' signatures long used for the same object: a language's profile is the
# language (``Document.language`` holds it).
LanguageProfile = Language


@lru_cache(maxsize=200_000)
def _word_class(lexicon: str, endings: tuple[tuple[str, ...], ...], word: str) -> str:
    from .lexicon import load_lexicon

    content, weak, nominal = endings
    classes = load_lexicon(lexicon).classes(word)
    adjective = "adjective" if "adj" in classes else ""
    if not classes or "noun" in classes:
        return ""
    if classes == {"adv"}:
        return "verb"
    if "verb" not in classes or word.endswith(nominal):
        return adjective
    if word.endswith(weak):
        # Before the adjective reading: the French tables list some infinitives as adjectives.
        return "verbal"
    if word.endswith(content):
        return adjective
    return adjective or "verb"


@lru_cache(maxsize=100_000)
def _zipf(word: str, code: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, code)


@lru_cache(maxsize=32)
def page_number_pattern(
    page_words: frozenset[str], count_words: frozenset[str], roman: bool = False
) -> re.Pattern[str]:
    """A whole line that is only a page number: "5", "5/61", "- 3 -", and with the given
    words "Page 3", "Page 3 of 12" (case-insensitive); with ``roman`` also "iv", "Page xii"
    (front matter), which only a reader that knows the line is in the page margin can ask for."""
    number = r"(?:\d{1,4}|(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3}))" if roman else r"\d{1,4}"
    page = "|".join(re.escape(word) for word in sorted(page_words, key=len, reverse=True)) or "(?!)"
    count = "|".join(re.escape(word) for word in sorted(count_words, key=len, reverse=True)) or "(?!)"
    return re.compile(
        rf"^(?:\d{{1,4}}\s*/\s*\d{{1,4}}|{number}|[-–—]\s*{number}\s*[-–—]|"
        rf"(?:{page})\s*{number}(?:\s*(?:{count}|/)\s*\d{{1,4}})?)$",
        re.IGNORECASE,
    )


# A BCP 47 region subtag: two letters or three digits ("CA", "419").
REGION_SUBTAG = re.compile(r"^(?:[A-Za-z]{2}|\d{3})$")


def words(text: str) -> frozenset[str]:
    """A frozenset from a whitespace-separated word list (keeps profile modules readable)."""
    return frozenset(text.split())
