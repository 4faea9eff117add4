"""French: UN and Canadian legislative conventions."""

import re

from ..labels import list_marker
from .base import LanguageProfile, words

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        start=1,
    )
}

PROFILE = LanguageProfile(
    # Region of the locale memories carry when the document's origin is unknown: France, the
    # conventional locale of international French.
    default_region="FR",
    code="fr",
    iso639_3="fra",
    un_document_letter="F",
    name="French",
    function_words=words(
        "le la les de des du un une et est que qui dans pour par sur au aux ce cette ces il elle "
        "ne pas se sa son ses leur leurs ou mais avec à en être été sont sera ont a"
    ),
    language_names={
        "anglais": "en",
        "français": "fr",
        "espagnol": "es",
        "arabe": "ar",
        "chinois": "zh",
        "russe": "ru",
        "allemand": "de",
    },
    abbreviations=words(
        "M. MM. Mme. Mmes. Mlle. Me. Dr. Pr. art. arts. par. al. vol. p. pp. chap. sect. "
        "Corr. Rev. Add. Suppl. n. no. nos. No. Nos. etc. cf. éd. env. ex. fig. suiv. "
        "Ibid. ibid. op. cit. St. Ste. av. apr. J.-C. hab. tél. t. éds. resp. coll. annexe. "
        # Chapter in citations of legislation ("L.C. 2023, ch. 26", "L.R., ch. C-46"; inner
        # periods are caught anyway).
        "ch. sous-al."
    ),
    abbreviations_before_number=words(
        "p. pp. par. al. vol. art. arts. chap. sect. n. no. No. t. fig. paragr. ann. "
        # Abbreviated months before the year ("12 janv. 2005"; "sept." alone is seven).
        "janv. févr. fév. avr. juil. sept. oct. nov. déc."
    ),
    resolution_heading=re.compile(
        r"^(?:Projet de résolution|Résolution)(?:\s+(?P<number>[IVXLC]+)\b)?(?P<rest>.*)$"
    ),
    decision_heading=re.compile(
        r"^(?:Projet de décision|Décision)(?:\s+(?P<number>[IVXLC]+)\b)?(?P<rest>.*)$"
    ),
    assembly_formulas=(
        "L'Assemblée générale,",
        "Le Conseil de sécurité,",
        "Le Conseil économique et social,",
        "Le Conseil des droits de l'homme,",
        "La Commission des stupéfiants,",
        "La Commission pour la prévention du crime et la justice pénale,",
        "La Commission de la condition de la femme,",
        "La Conférence des Parties,",
    ),
    list_marker=list_marker(opening_bracket=False),
    division_words={
        "partie": "part",
        "chapitre": "chap",
        "annexe": "annex",
        "appendice": "annex",
        "article": "art",
    },
    metadata_lines={
        "organ": re.compile(
            r"^(?P<value>Assemblée générale|Conseil de sécurité|Conseil économique et social|"
            r"Conseil des droits de l'homme)$"
        ),
        "distribution": re.compile(r"^Distr\.\s*:?\s*(?P<value>générale|restreinte|limitée)\b", re.I),
        "date": re.compile(r"^(?P<value>\d{1,2}(?:er)? (?:" + "|".join(MONTHS) + r") \d{4})$", re.I),
        "language": re.compile(r"^(?P<value>Français|Anglais|Espagnol|Arabe|Chinois|Russe)$"),
        "original": re.compile(r"^Original\s*:\s*(?P<value>\w+)$"),
        "session": re.compile(r"^(?P<value>[\w-]+ème) session(?: (?:extraordinaire|ordinaire))?$"),
        "agenda": re.compile(r"^Points? (?P<value>[\d, et]+?) de l'ordre du jour(?: provisoire)?$"),
        "symbol": re.compile(r"^(?P<value>[A-Z]{1,6}(?:/[A-Za-z0-9.\-]+)+)$"),
        "rapporteur": re.compile(r"^Rapporteu(?:r|se)\s*:\s*(?P<value>.+)$"),
    },
    page_words=words("page p."),
    page_count_words=words("sur de"),
    months=MONTHS,
    decimal_separator=",",
    spaced_punctuation=True,
    thousands_separators=(" ", "\u00a0", "\u202f", "."),
    legislation_divisions={
        "partie": "part",
        "section": "div",
        "sous-section": "subdiv",
        "chapitre": "chap",
        "article": "art",
        "annexe": "sch",
        "formule": "form",
        "appendice": "app",
    },
    month_abbreviations={
        "janv": 1,
        "févr": 2,
        "fév": 2,
        "avr": 4,
        "juil": 7,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "déc": 12,
    },
    symbol_forms={
        "DORS": "SOR",
        "TR": "SI",
        "C.R.C.": "CRC",
        "L.C.": "SC",
        "L.R.C.": "RSC",
        "L.R.": "RS",
        "ch.": "c",
    },
    label_range_words=words("à"),
    label_list_words=words("et &"),
    operative_verbs=words(
        "Réaffirme Invite Encourage Prie Engage Demande Décide Souligne Note Prend Se Salue "
        "Exhorte Recommande Rappelle Insiste Remercie Accueille Considère Reconnaît Condamne "
        "Exprime Affirme Estime Appelle Souscrit Approuve Constate Lance Déplore Réitère Constate "
        "Sait Attend Proclame Souhaite Félicite Adopte Autorise Charge Juge Confirme"
    ),
    stopwords=words(
        "a à au aux avec ce ces cet cette dans de des du elle en et eux il ils je la le les leur "
        "leurs lui ma mais me même mes moi mon ne nos notre nous on ou où par pas pour qu que qui "
        "sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l m n s t y été être "
        "est sont sera seront ont a été afin ainsi alors aussi autre autres avant après cela celle "
        "celles celui ceux chaque comme dont elles entre lors lorsque notamment plus peut peuvent "
        "selon sans si sous tous tout toute toutes très vers car donc ni soit tant quant également"
    ),
    elisions=words("l d j m n s t c qu jusqu lorsqu puisqu quoiqu presqu"),
    term_links=words("de du des d à au aux pour contre en et sur"),
    term_articles=words("la le les l"),
    term_link_folds={"des": "de", "du": "de", "d": "de", "aux": "à", "au": "à"},
    term_blockers=words(
        "rappelant réaffirmant soulignant considérant notant prenant ayant constatant consciente "
        "conscient convaincue convaincu préoccupée préoccupé profondément sachant accueillant "
        "saluant reconnaissant estimant tenant gardant insistant exprimant félicitant appelant "
        "adopté adoptée adoptés adoptées tenu tenue examiné examinée décidé recommandé déposé "
        "présenté présentée intitulé intitulée intitulés relatif relative relatifs relatives "
        "concernant compris comprise visant ci-après ci-dessus susmentionné susmentionnée "
        "prendre faire mettre assurer renforcer promouvoir continuer poursuivre améliorer "
        "fournir appuyer aider prévenir combattre lutter élaborer veiller examiner présenter donner "
        "demande demandé prie invite décide engage encourage exhorte souligne note salue "
        "rappelle réaffirme reconnaît considère estime affirme constate recommande "
        "nécessaire nécessaires particulier particulière possible possibles besoin "
        "voir paragraphe paragraphes alinéa pertinent pertinente pertinents pertinentes "
        "étroit étroite étroits étroites principal principale principaux principales "
        "satisfaction proposer établi établie établis établies "
        "daté datée datés datées fourni fournie fournis fournies envisager faciliter coopérer "
        "conformément fait "
        "depuis ici encore tel telle tels telles"
    ),
    term_weak_words=words("égard fins fin forme formes nombre moyens supplément"),
    detached_prefixes=words("non"),
    term_coordinators=words("et"),
    clause_joiners=words("et ou"),
    term_adjuncts=(
        "sur la recommandation",
        "à la demande",
        "à l'invitation",
        "au nom",
        "en vertu",
        "en coopération",
        "en collaboration",
        "en consultation",
        "en partenariat",
        "en étroite coopération",
        "en étroite collaboration",
        "en étroite consultation",
    ),
    term_continuations=words("dans par avec sous entre parmi auprès vers envers selon sans"),
    plural_suffixes=(("eaux", "eau"), ("aux", "al"), ("s", ""), ("x", "")),
    lexicon="fr",
    term_head="first",
    # Past participles ("organisée", "établi", "prévu") describe the noun of a term.
    verbal_content_endings=("é", "ée", "i", "ie", "u", "ue"),
    # Infinitives and present participles.
    verbal_weak_endings=("er", "ir", "re", "oir", "ant"),
    # Verb forms in -s are of the first and second person, which institutional prose does
    # not use; a word in -s read as a verb is a plural noun the lexicon lacks ("ressources").
    nominal_endings=("s", "x"),
    cardinal_words={
        "un": 1,
        "une": 1,
        "deux": 2,
        "trois": 3,
        "quatre": 4,
        "cinq": 5,
        "six": 6,
        "sept": 7,
        "huit": 8,
        "neuf": 9,
        "dix": 10,
        "onze": 11,
        "douze": 12,
        "treize": 13,
        "quatorze": 14,
        "quinze": 15,
        "seize": 16,
        "vingt": 20,
        "vingts": 20,
        "trente": 30,
        "quarante": 40,
        "cinquante": 50,
        "soixante": 60,
        "cent": 100,
        "cents": 100,
        "mille": 1000,
        "million": 10**6,
        "millions": 10**6,
        "milliard": 10**9,
        "milliards": 10**9,
        # Approximate numbers ("une vingtaine" is "about 20"); not "quarantaine" (quarantine)
        # nor "quinzaine" (a fortnight).
        "dizaine": 10,
        "douzaine": 12,
        "vingtaine": 20,
        "trentaine": 30,
        "cinquantaine": 50,
        "soixantaine": 60,
    },
    ordinal_words={
        "premier": 1,
        "première": 1,
        "premiers": 1,
        "premières": 1,
        "unième": 1,
        "tiers": 3,
        "deuxième": 2,
        "second": 2,
        "seconde": 2,
        "troisième": 3,
        "quatrième": 4,
        "cinquième": 5,
        "sixième": 6,
        "septième": 7,
        "huitième": 8,
        "neuvième": 9,
        "dixième": 10,
        "onzième": 11,
        "douzième": 12,
        "treizième": 13,
        "quatorzième": 14,
        "quinzième": 15,
        "seizième": 16,
        "vingtième": 20,
        "trentième": 30,
        "quarantième": 40,
        "cinquantième": 50,
        "soixantième": 60,
        "centième": 100,
        "millième": 1000,
    },
    multiplying_words=words("vingt vingts cent cents mille million millions milliard milliards"),
    ordinal_suffixes=("er", "re", "ère", "ème", "e", "\u1d49\u02b3", "\u1d49"),
    percent_words=("pour cent",),
    enumeration_suffixes=("ment",),
    time_patterns=(
        re.compile(r"(?<![\d,.])(?P<hour>[01]?\d|2[0-3])\s*h(?:eures?)?(?:\s*(?P<minute>[0-5]?\d))?(?!\w)"),
    ),
    time_words={"midi": 12, "minuit": 0},
    # Suffixes of the sentence aligner's crude stemmer (``align.tokens.stem``).
    stem_suffixes=(
        "issements",
        "issement",
        "eraient",
        "assent",
        "aient",
        "erais",
        "erait",
        "erons",
        "eront",
        "ement",
        "ments",
        "ment",
        "ions",
        "iez",
        "ait",
        "ais",
        "ant",
        "ent",
        "ées",
        "ée",
        "és",
        "er",
        "ez",
        "es",
        "é",
        "e",
        "s",
        "x",
    ),
)
