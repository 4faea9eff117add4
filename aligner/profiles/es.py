"""Spanish: United Nations conventions (the official Spanish of the Organization's documents)."""

import re

from ..labels import list_marker
from .base import LanguageProfile, words

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
        start=1,
    )
}
# "Setiembre" is an accepted spelling of September.
MONTHS["setiembre"] = 9

PROFILE = LanguageProfile(
    # Region of the locale memories carry when the document's origin is unknown: Spain, the
    # conventional locale of international Spanish in translation tools.
    default_region="ES",
    code="es",
    name="Spanish",
    iso639_3="spa",
    un_document_letter="S",
    function_words=words(
        "el la los las de del y en que por con para un una es son se su sus al lo como más "
        "pero este esta estos estas fue ha han sido ser sobre entre a no o"
    ),
    language_names={
        "inglés": "en",
        "francés": "fr",
        "español": "es",
        "árabe": "ar",
        "chino": "zh",
        "ruso": "ru",
        "alemán": "de",
    },
    abbreviations=words(
        "Sr. Sra. Sres. Srta. Dr. Dra. Excmo. Excma. art. arts. párr. párrs. vol. vols. p. pp. "
        "pág. págs. cap. secc. núm. Núm. No. Nos. n.º Corr. Rev. Add. Supl. etc. cf. ej. "
        "Ibid. ibid. op. cit. aprox. fig. S.A. EE.UU. ed. eds. "
        "ene. feb. abr. jun. jul. ago. sept. set. oct. nov. dic."
    ),
    abbreviations_before_number=words(
        "p. pp. pág. págs. párr. párrs. art. arts. vol. vols. cap. secc. núm. Núm. No. Nos. "
        "n.º fig. "
        # Abbreviated months before the year ("12 dic. 2005").
        "ene. feb. abr. jun. jul. ago. sept. set. oct. nov. dic."
    ),
    resolution_heading=re.compile(
        r"^(?:Proyecto de resolución|Resolución)(?:\s+(?P<number>[IVXLC]+)\b)?(?P<rest>.*)$"
    ),
    decision_heading=re.compile(
        r"^(?:Proyecto de decisión|Decisión)(?:\s+(?P<number>[IVXLC]+)\b)?(?P<rest>.*)$"
    ),
    assembly_formulas=(
        "La Asamblea General,",
        "El Consejo de Seguridad,",
        "El Consejo Económico y Social,",
        "El Consejo de Derechos Humanos,",
        "La Comisión de Estupefacientes,",
        "La Comisión de Prevención del Delito y Justicia Penal,",
        "La Comisión de la Condición Jurídica y Social de la Mujer,",
        "La Conferencia de las Partes,",
    ),
    # United Nations Spanish letters its lists "a)", as French does.
    list_marker=list_marker(opening_bracket=False),
    division_words={
        "parte": "part",
        "capítulo": "chap",
        "anexo": "annex",
        "apéndice": "annex",
        "artículo": "art",
    },
    metadata_lines={
        "organ": re.compile(
            r"^(?P<value>Asamblea General|Consejo de Seguridad|Consejo Económico y Social|"
            r"Consejo de Derechos Humanos)$"
        ),
        "distribution": re.compile(r"^Distr\.\s*:?\s*(?P<value>general|reservada|limitada)\b", re.I),
        "date": re.compile(r"^(?P<value>\d{1,2} de (?:" + "|".join(MONTHS) + r") de \d{4})$", re.I),
        "language": re.compile(r"^(?P<value>Español|Inglés|Francés|Árabe|Chino|Ruso)$"),
        "original": re.compile(r"^Original\s*:\s*(?P<value>\w+)$"),
        "session": re.compile(r"^(?P<value>[\w\s-]+?) período (?:extraordinario )?de sesiones$"),
        "agenda": re.compile(r"^Temas? (?P<value>[\d, y]+?) del programa(?: provisional)?$"),
        "symbol": re.compile(r"^(?P<value>[A-Z]{1,6}(?:/[A-Za-z0-9.\-]+)+)$"),
        "rapporteur": re.compile(r"^Relator(?:a)?\s*:\s*(?P<value>.+)$"),
    },
    page_words=words("página pág. p."),
    page_count_words=words("de"),
    months=MONTHS,
    # The Organization's Spanish writes "0,7 %" and "2.225" (a space is accepted too).
    decimal_separator=",",
    thousands_separators=(".", " ", "\u00a0", "\u202f"),
    legislation_divisions={
        "parte": "part",
        "sección": "div",
        "capítulo": "chap",
        "artículo": "art",
        "anexo": "sch",
        "formulario": "form",
        "apéndice": "app",
    },
    date_linkers=words("de del"),
    month_abbreviations={
        "ene": 1,
        "feb": 2,
        "abr": 4,
        "jun": 6,
        "jul": 7,
        "ago": 8,
        "sept": 9,
        "set": 9,
        "oct": 10,
        "nov": 11,
        "dic": 12,
    },
    operative_verbs=words(
        "Reafirma Invita Alienta Exhorta Insta Pide Solicita Decide Destaca Subraya Observa Toma "
        "Acoge Celebra Recomienda Recuerda Expresa Reconoce Condena Afirma Hace Respalda Aprueba "
        "Reitera Deplora Encomia Encarga Adopta Autoriza Proclama Considera Confirma Apoya Exige "
        "Señala Declara Felicita Agradece Acepta Lamenta Conviene"
    ),
    stopwords=words(
        "a al algo algunas algunos ante antes como con contra cual cuando de del desde donde "
        "durante e el ella ellas ellos en entre era es esa esas ese eso esos esta estas este "
        "esto estos fue fueron ha han hasta hay la las le les lo los más me mi mis muy ni no "
        "nos nosotros o otra otras otro otros para pero por porque que quien se sea ser si sin "
        "sino sobre son su sus también tanto te todo todos tu u un una uno unos y ya así cada "
        "dicho dicha dichos dichas mismo misma mismos mismas según sido siendo será serán"
    ),
    term_links=words("de del en para contra y sobre a al"),
    term_articles=words("la el los las"),
    term_link_folds={"del": "de", "al": "a"},
    term_blockers=words(
        "recordando reafirmando destacando subrayando considerando observando tomando teniendo "
        "reconociendo consciente conscientes convencida convencido preocupada preocupado "
        "profundamente acogiendo celebrando expresando reiterando guiada decidida "
        "aprobado aprobada aprobados aprobadas celebrado celebrada decidido recomendado "
        "presentado presentada titulado titulada relativo relativa relativos relativas "
        "relacionado relacionada relacionados relacionadas incluido incluida incluidos incluidas "
        "adoptar tomar hacer asegurar reforzar fortalecer promover seguir mejorar proporcionar "
        "prestar apoyar ayudar prevenir combatir luchar elaborar velar examinar presentar "
        "pide solicita invita decide insta alienta exhorta destaca subraya observa acoge "
        "recuerda reafirma reconoce considera afirma recomienda "
        "necesario necesaria necesarios necesarias particular posible posibles "
        "véase párrafo párrafos apartado pertinente pertinentes principal principales "
        "conforme fecha hecho desde aquí aún tal tales"
    ),
    term_weak_words=words("fin fines forma formas número medios suplemento"),
    detached_prefixes=words("no"),
    term_coordinators=words("y e"),
    clause_joiners=words("y e o u"),
    term_adjuncts=(
        "por recomendación",
        "a solicitud",
        "a petición",
        "a invitación",
        "en nombre",
        "en virtud",
        "en cooperación",
        "en colaboración",
        "en consulta",
        "en asociación",
        "en estrecha cooperación",
        "en estrecha colaboración",
        "en estrecha consulta",
    ),
    term_continuations=words("en por con bajo entre desde hacia según sin mediante"),
    plural_suffixes=(
        ("ciones", "ción"),
        ("siones", "sión"),
        ("íses", "ís"),
        ("ces", "z"),
        ("ades", "ad"),
        ("udes", "ud"),
        ("ores", "or"),
        ("ales", "al"),
        ("eres", "er"),
        ("s", ""),
    ),
    # Where a term's head stands: first, as in French ("oficial de seguridad nuclear").
    term_head="first",
    cardinal_words={
        "un": 1,
        "uno": 1,
        "una": 1,
        "dos": 2,
        "tres": 3,
        "cuatro": 4,
        "cinco": 5,
        "seis": 6,
        "siete": 7,
        "ocho": 8,
        "nueve": 9,
        "diez": 10,
        "once": 11,
        "doce": 12,
        "trece": 13,
        "catorce": 14,
        "quince": 15,
        "dieciséis": 16,
        "diecisiete": 17,
        "dieciocho": 18,
        "diecinueve": 19,
        "veinte": 20,
        "treinta": 30,
        "cuarenta": 40,
        "cincuenta": 50,
        "sesenta": 60,
        "setenta": 70,
        "ochenta": 80,
        "noventa": 90,
        "cien": 100,
        "ciento": 100,
        "mil": 1000,
        "millón": 10**6,
        "millones": 10**6,
        "docena": 12,
        "decena": 10,
    },
    ordinal_words={
        "primero": 1,
        "primera": 1,
        "primer": 1,
        "segundo": 2,
        "segunda": 2,
        "tercero": 3,
        "tercera": 3,
        "tercer": 3,
        "cuarto": 4,
        "cuarta": 4,
        "quinto": 5,
        "quinta": 5,
        "sexto": 6,
        "sexta": 6,
        "séptimo": 7,
        "séptima": 7,
        "octavo": 8,
        "octava": 8,
        "noveno": 9,
        "novena": 9,
        "décimo": 10,
        "décima": 10,
        "vigésimo": 20,
        "vigésima": 20,
        "trigésimo": 30,
        "cuadragésimo": 40,
        "quincuagésimo": 50,
        "sexagésimo": 60,
        "septuagésimo": 70,
        "octogésimo": 80,
        "centésimo": 100,
    },
    multiplying_words=words("cien ciento mil millón millones"),
    # "1.º", "2.ª", "1º"; "1er" ("1er lugar") for the apocopated "primer".
    ordinal_suffixes=(".º", ".ª", "º", "ª", "er"),
    percent_words=("por ciento",),
    enumeration_suffixes=("mente",),
    time_patterns=(
        # "a las 10.00 horas", "15:30 h".
        re.compile(r"(?<![\d,.])(?P<hour>[01]?\d|2[0-3])[.:](?P<minute>[0-5]\d)\s*(?:horas|h)\b"),
    ),
    time_words={"mediodía": 12, "medianoche": 0},
    # Suffixes the crude stemmer of the sentence aligner takes off (``align.tokens.stem``):
    # nouns, adjectives and verb forms of institutional prose, the longest first.
    stem_suffixes=(
        "amientos",
        "imientos",
        "amiento",
        "imiento",
        "aciones",
        "iciones",
        "ación",
        "ición",
        "idades",
        "idad",
        "mente",
        "ancias",
        "encias",
        "ancia",
        "encia",
        "ables",
        "ibles",
        "able",
        "ible",
        "istas",
        "ista",
        "ando",
        "iendo",
        "aron",
        "ieron",
        "aban",
        "ados",
        "idos",
        "adas",
        "idas",
        "ado",
        "ido",
        "ada",
        "ida",
        "ar",
        "er",
        "ir",
        "os",
        "as",
        "es",
        "o",
        "a",
        "e",
        "s",
    ),
)
