"""English: UN and Canadian legislative conventions."""

import re

from ..labels import list_marker
from .base import LanguageProfile, words

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}

PROFILE = LanguageProfile(
    # Region of the locale memories carry when the document's origin is unknown: United Nations
    # English follows British (Oxford) spelling.
    default_region="GB",
    code="en",
    iso639_3="eng",
    un_document_letter="E",
    name="English",
    function_words=words(
        "the of and to in a is that for on with by as at from this be are was it its an which "
        "have has been were not or their these those shall will would"
    ),
    language_names={
        "english": "en",
        "french": "fr",
        "spanish": "es",
        "arabic": "ar",
        "chinese": "zh",
        "russian": "ru",
        "german": "de",
    },
    abbreviations=words(
        "Mr. Mrs. Ms. Messrs. Dr. Prof. St. No. Nos. no. nos. para. paras. art. arts. vol. vols. "
        "p. pp. chap. sect. Corr. Rev. Add. Suppl. e.g. i.e. etc. cf. vs. Inc. Ltd. Co. Jr. Sr. "
        "Gen. Ibid. ibid. al. approx. Fig. fig. Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. "
        "Oct. Nov. Dec. U.S. U.K. U.N. a.m. p.m. ed. eds. op. cit. Hon. Rt. "
        # Citations of legislation: chapter ("S.C. 2023, c. 26", "R.S., c. C-46").
        "c."
    ),
    abbreviations_before_number=words(
        "p. pp. para. paras. art. arts. vol. vols. chap. sect. No. Nos. no. nos. fig. Fig. "
        # Sections, subsections, paragraphs, clauses, schedules of legislation ("SOR/2019-12,
        # s. 3", "ss. 4 to 6", "subs. 2(1)", "par. 2(1)(a)").
        "s. ss. subs. par. pars. cl. sch. Sch."
    ),
    resolution_heading=re.compile(
        r"^(?:Draft resolution|Resolution)(?:\s+(?P<number>[IVXLC]+)\b)?(?P<rest>.*)$"
    ),
    decision_heading=re.compile(r"^(?:Draft decision|Decision)(?:\s+(?P<number>[IVXLC]+)\b)?(?P<rest>.*)$"),
    assembly_formulas=(
        "The General Assembly,",
        "The Security Council,",
        "The Economic and Social Council,",
        "The Human Rights Council,",
        "The Commission on Narcotic Drugs,",
        "The Commission on Crime Prevention and Criminal Justice,",
        "The Commission on the Status of Women,",
        "The Conference of the Parties,",
    ),
    list_marker=list_marker(opening_bracket=True),
    # An appendix and an annex are one kind of division: French calls both "annexe".
    division_words={
        "part": "part",
        "chapter": "chap",
        "annex": "annex",
        "appendix": "annex",
        "article": "art",
    },
    metadata_lines={
        "organ": re.compile(
            r"^(?P<value>General Assembly|Security Council|Economic and Social Council|"
            r"Human Rights Council)$"
        ),
        "distribution": re.compile(r"^Distr\.\s*:?\s*(?P<value>General|Restricted|Limited)\b", re.I),
        "date": re.compile(r"^(?P<value>\d{1,2} (?:" + "|".join(MONTHS) + r") \d{4})$", re.I),
        "language": re.compile(r"^(?P<value>English|French|Spanish|Arabic|Chinese|Russian)$"),
        "original": re.compile(r"^Original\s*:\s*(?P<value>\w+)$"),
        "session": re.compile(r"^(?P<value>[\w-]+) session$"),
        "agenda": re.compile(r"^(?:Provisional )?[Aa]genda items? (?P<value>[\d, and]+?)$"),
        "symbol": re.compile(r"^(?P<value>[A-Z]{1,6}(?:/[A-Za-z0-9.\-]+)+)$"),
        "rapporteur": re.compile(r"^Rapporteur\s*:\s*(?P<value>.+)$"),
    },
    page_words=words("page p. pg."),
    page_count_words=words("of"),
    months=MONTHS,
    decimal_separator=".",
    thousands_separators=(",", "\u00a0", "\u202f", " "),
    legislation_divisions={
        "part": "part",
        "division": "div",
        "subdivision": "subdiv",
        "chapter": "chap",
        "article": "art",
        "schedule": "sch",
        "form": "form",
        "appendix": "app",
    },
    month_abbreviations={
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "jun": 6,
        "jul": 7,
        "aug": 8,
        "sep": 9,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    },
    symbol_forms={
        "SOR": "SOR",
        "SI": "SI",
        "C.R.C.": "CRC",
        "S.C.": "SC",
        "R.S.C.": "RSC",
        "R.S.": "RS",
        "c.": "c",
    },
    label_range_words=words("to"),
    label_list_words=words("and &"),
    operative_verbs=words(
        "Reaffirms Invites Encourages Requests Urges Calls Decides Stresses Emphasizes "
        "Emphasises Notes Takes Welcomes Recommends Recalls Expresses Recognizes Recognises "
        "Condemns Affirms Acknowledges Appeals Endorses Approves Underlines Reiterates Deplores "
        "Commends Also Further Adopts Authorizes Proclaims Considers Confirms Invites Supports"
    ),
    stopwords=words(
        "a an the and or but if of at by for with about against between into through during "
        "before after above below to from up down in out on off over under again further then "
        "once here there when where why how all any both each few more most other some such no "
        "nor not only own same so than too very s t can will just don should now i me my we our "
        "you your he him his she her it its they them their what which who whom this that these "
        "those am is are was were be been being have has had having do does did doing would "
        "could shall may might must also as well including inter alia within upon"
    ),
    elisions=frozenset(),
    term_links=words("of on in for against and to"),
    term_articles=words("the"),
    term_blockers=words(
        "recalling reaffirming stressing emphasizing emphasising considering noting taking "
        "having recognizing recognising conscious convinced concerned deeply aware welcoming "
        "acknowledging bearing mindful alarmed expressing reiterating guided determined "
        "adopted held decided recommended submitted introduced entitled relating related "
        "regarding concerning including such further continue encourage strengthen promote "
        "ensure take make made taken provide support assist prevent combat develop "
        "requests invites decides urges encourages stresses notes welcomes recalls reaffirms "
        "recognizes considers affirms calls recommends necessary particular possible need "
        "see paragraph paragraphs subparagraph relevant close main "
        "appreciation established "
        "dated provided build consider facilitate cooperate accordance pursuant done since until yet"
    ),
    term_weak_words=words("purpose purposes form forms number means regard supplement"),
    term_coordinators=words("and"),
    clause_joiners=words("and or"),
    term_adjuncts=(
        "on the recommendation",
        "at the request",
        "at the invitation",
        "on behalf",
        "in cooperation",
        "in collaboration",
        "in consultation",
        "in partnership",
        "in close cooperation",
        "in close collaboration",
        "in close consultation",
    ),
    term_continuations=words("into by with from at under between among towards upon through without"),
    lexicon="en",
    # Gerunds and participles ("trafficking in persons", "organized crime").
    verbal_content_endings=("ing", "ed"),
    plural_suffixes=(
        ("sses", "ss"),
        ("ss", "ss"),
        ("ies", "y"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("xes", "x"),
        ("us", "us"),
        ("is", "is"),
        ("s", ""),
    ),
    cardinal_words={
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
        "thousand": 1000,
        "million": 10**6,
        "billion": 10**9,
        "dozen": 12,
        "twice": 2,
    },
    ordinal_words={
        "first": 1,
        "second": 2,
        "third": 3,
        "fourth": 4,
        "fifth": 5,
        "sixth": 6,
        "seventh": 7,
        "eighth": 8,
        "ninth": 9,
        "tenth": 10,
        "eleventh": 11,
        "twelfth": 12,
        "thirteenth": 13,
        "fourteenth": 14,
        "fifteenth": 15,
        "sixteenth": 16,
        "seventeenth": 17,
        "eighteenth": 18,
        "nineteenth": 19,
        "twentieth": 20,
        "thirtieth": 30,
        "fortieth": 40,
        "fiftieth": 50,
        "sixtieth": 60,
        "seventieth": 70,
        "eightieth": 80,
        "ninetieth": 90,
        "hundredth": 100,
        "thousandth": 1000,
        "thirds": 3,
    },
    multiplying_words=words("hundred thousand million billion"),
    ordinal_suffixes=("st", "nd", "rd", "th"),
    correlative_numbers={"both": 2},
    percent_words=("per cent", "percent"),
    enumeration_suffixes=("ly",),
    time_patterns=(
        re.compile(
            r"(?<![\d,.])(?P<hour>1[0-2]|0?\d)(?:[.:](?P<minute>[0-5]\d))?\s*"
            r"(?:(?P<am>a\.\s?m\.?)|(?P<pm>p\.\s?m\.?))(?!\w)",
            re.I,
        ),
        # Military time: "1200 hours", "at 0300".
        re.compile(r"(?<![\d,.])(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)(?=\s*hours\b)"),
        re.compile(r"(?<![\d,.])(?P<hour>0\d)(?P<minute>[0-5]\d)(?![\d,.])"),
    ),
    time_words={"noon": 12, "midday": 12, "midnight": 0},
    # Suffixes of the sentence aligner's crude stemmer (``align.tokens.stem``).
    stem_suffixes=("ingly", "edly", "ings", "ing", "ies", "ied", "ed", "ly", "es", "s"),
)
