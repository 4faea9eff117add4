"""Glossary compliance: an approved rendering is missing, or a forbidden one is used.

A glossary is one of:

* OmegaT's glossary (``.txt``, ``.utf8``, ``.tab``), read as OmegaT reads it: tab-separated
  lines of source term, target term and comment (the third column is a note, never a
  forbidden term), lines starting with "#" are comments, a line without a target term is a
  note on the source term, and several lines of one source term are its approved renderings;
  ``.utf8`` is UTF-8, ``.txt`` and ``.tab`` UTF-8 with or without a byte-order mark;
* CSV/TSV (``.csv``, ``.tsv``): source term, approved target terms separated by "|" or ";",
  forbidden target terms likewise; a header row is optional, and a header naming
  ``source_term`` and ``target_term``, or ``term (fr)`` and ``term (en)`` (the term tables
  ``aligner terms`` writes), picks those columns (and ``forbidden`` if there is one);
* TBX (v2 ``termEntry``/
``langSet``/``tig`` or v3 ``conceptEntry``/``langSec``/``termSec``; terms whose
administrativeStatus is deprecated, superseded or forbidden count as forbidden). TBX is
untrusted input: it is parsed by ``aligner.readers.safexml``, which refuses entity
declarations and never touches the network.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..files import read_input
from ..profiles import LanguageProfile, primary_language
from ..readers.safexml import parse_xml
from ..terms.candidates import term_key
from ..terms.pairs import read_text
from .finding import Check, CheckContext, Finding

NAME = "glossary"
_ALTERNATIVES = re.compile(r"(?<!\s)\s*[|;]\s*")
_FORBIDDEN_STATUS = ("deprecated", "superseded", "forbidden", "obsolete")
_HEADER_WORDS = ("source", "term", "approved", "target", "forbidden")


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """One glossary entry: a source term, the renderings approved for it, and those forbidden."""

    source: str
    approved: tuple[str, ...]
    forbidden: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Glossary:
    """The entries of a glossary and the languages it was read for (None when the file does not say,
    as in OmegaT glossaries)."""

    entries: tuple[GlossaryEntry, ...]
    source_lang: str | None = None
    target_lang: str | None = None


def _split(cell: str) -> tuple[str, ...]:
    return tuple(term for term in _ALTERNATIVES.split(cell.strip()) if term)


# OmegaT's tab-separated glossaries (OmegaT's GlossaryReaderTSV reads these three).
OMEGAT_SUFFIXES = (".txt", ".utf8", ".tab")


def read_omegat(path: Path) -> Glossary:
    """An OmegaT glossary: source<TAB>target[<TAB>comment] per line, "#" lines skipped."""
    approved: dict[str, list[str]] = {}
    for line in read_text(path).splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cells = [" ".join(cell.split()) for cell in line.split("\t")]
        source, target = cells[0], cells[1] if len(cells) > 1 else ""
        if not source:
            continue
        renderings = approved.setdefault(source, [])
        if target and target not in renderings:
            renderings.append(target)
    entries = tuple(GlossaryEntry(source, tuple(targets)) for source, targets in approved.items() if targets)
    if not entries:
        raise InputError(f"{path}: the OmegaT glossary has no entry with a target term")
    return Glossary(entries)


def _named_columns(
    header: list[str], source_lang: str, target_lang: str
) -> tuple[int, int, int | None] | None:
    """The source, target and forbidden columns that a header names, if it names the first two:
    ``source_term``/``target_term``, or ``term (fr)``/``term (en)`` as the term tables of
    ``aligner terms`` have them."""
    names = [cell.strip().lower() for cell in header]
    found = []
    for side, lang in (("source", source_lang), ("target", target_lang)):
        column = next((i for i, name in enumerate(names) if name in (f"{side}_term", f"term ({lang})")), None)
        if column is None:
            return None
        found.append(column)
    forbidden = names.index("forbidden") if "forbidden" in names else None
    return found[0], found[1], forbidden


def read_delimited(path: Path, source_lang: str = "", target_lang: str = "") -> Glossary:
    """A CSV (TSV for a .tsv name) glossary: columns named by a header row (source/term,
    approved/target, forbidden, or the language codes), else source, approved, forbidden in that
    order; alternatives in a cell are separated by "|" or ";"."""
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        rows = [
            row
            for row in csv.reader(read_text(path).splitlines(), delimiter=delimiter)
            if any(c.strip() for c in row)
        ]
    except csv.Error as error:  # a field over csv's limit (131,072 characters), a stray quote
        raise InputError(f"{path}: not a readable glossary ({error})") from None
    columns: tuple[int, int, int | None] = (0, 1, 2)
    if rows and (named := _named_columns(rows[0], source_lang, target_lang)):
        columns, rows = named, rows[1:]
    elif rows and any(word in rows[0][0].strip().lower() for word in _HEADER_WORDS):
        rows = rows[1:]
    source_column, target_column, forbidden_column = columns
    entries = []
    for number, row in enumerate(rows, start=1):
        cells = dict(enumerate(row))
        source, target = cells.get(source_column, "").strip(), cells.get(target_column, "")
        forbidden = cells.get(forbidden_column, "") if forbidden_column is not None else ""
        if not source or not (target.strip() or forbidden.strip()):
            raise InputError(
                f"{path}: row {number} needs a source term and approved or forbidden target terms"
            )
        entries.append(GlossaryEntry(source, _split(target), _split(forbidden)))
    if not entries:
        raise InputError(f"{path}: the glossary has no entries")
    return Glossary(tuple(entries))


def _local(element) -> str:
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def _language(element) -> str:
    code = element.get("{http://www.w3.org/XML/1998/namespace}lang") or element.get("lang") or ""
    return primary_language(code)


def _tbx_terms(section) -> Iterator[tuple[str, bool]]:
    """(term, forbidden) for each term of a language section."""
    for holder in section.iter():
        if _local(holder) not in ("termSec", "tig", "ntig"):
            continue
        term = next((el for el in holder.iter() if _local(el) == "term"), None)
        if term is None or not "".join(term.itertext()).strip():
            continue
        status = " ".join(
            "".join(note.itertext()).lower()
            for note in holder.iter()
            if _local(note) == "termNote"
            and note.get("type") in ("administrativeStatus", "normativeAuthorization")
        )
        yield " ".join("".join(term.itertext()).split()), any(word in status for word in _FORBIDDEN_STATUS)


def read_tbx(path: Path, source_lang: str, target_lang: str) -> Glossary:
    """The ``source_lang`` → ``target_lang`` entries of a TBX glossary (TBX-Basic or TBX 2019): each
    concept's source terms with its approved target terms, and those whose status says deprecated
    or forbidden. No such entry is an InputError."""
    root = parse_xml(read_input(path), str(path)).getroot()
    entries = []
    for concept in root.iter():
        if _local(concept) not in ("conceptEntry", "termEntry"):
            continue
        by_language: dict[str, list[tuple[str, bool]]] = {}
        for section in concept:
            if _local(section) in ("langSec", "langSet"):
                by_language.setdefault(_language(section), []).extend(_tbx_terms(section))
        approved = tuple(term for term, bad in by_language.get(target_lang, []) if not bad)
        forbidden = tuple(term for term, bad in by_language.get(target_lang, []) if bad)
        for term, bad in by_language.get(source_lang, []):
            if not bad and (approved or forbidden):
                entries.append(GlossaryEntry(term, approved, forbidden))
    if not entries:
        raise InputError(f"{path}: no {source_lang}→{target_lang} term entries in the TBX file")
    return Glossary(tuple(entries), source_lang, target_lang)


def load_glossary(path: str | Path, source_lang: str, target_lang: str) -> Glossary:
    """A glossary file read by its suffix: TBX, OmegaT's tab-separated glossary, else CSV/TSV."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".tbx":
        return read_tbx(path, source_lang, target_lang)
    if suffix in OMEGAT_SUFFIXES:
        return read_omegat(path)
    return read_delimited(path, source_lang, target_lang)


@dataclass(frozen=True, slots=True)
class _Keyed:
    entry: GlossaryEntry
    source: str
    approved: tuple[str, ...]
    forbidden: tuple[str, ...]


def _keyed(glossary: Glossary, source: LanguageProfile, target: LanguageProfile) -> list[_Keyed]:
    return [
        _Keyed(
            entry,
            term_key(entry.source, source),
            tuple(term_key(term, target) for term in entry.approved),
            tuple(term_key(term, target) for term in entry.forbidden),
        )
        for entry in glossary.entries
    ]


def _contains(text_key: str, term: str) -> bool:
    return bool(term) and f" {term} " in text_key


def check_pair(source_key: str, target_key: str, entries: list[_Keyed]) -> Iterator[str]:
    """What a pair does against the glossary (texts folded as term keys, spaces around): a source
    term without any of its approved renderings, or one rendered with a forbidden term."""
    for keyed in entries:
        if not _contains(source_key, keyed.source):
            continue
        if keyed.approved and not any(_contains(target_key, term) for term in keyed.approved):
            wanted = " / ".join(f"“{term}”" for term in keyed.entry.approved)
            yield f"“{keyed.entry.source}” without its approved rendering {wanted}"
        used = [
            term
            for term, key in zip(keyed.entry.forbidden, keyed.forbidden, strict=True)
            if _contains(target_key, key)
        ]
        if used:
            yield f"“{keyed.entry.source}” rendered with forbidden {', '.join(f'“{term}”' for term in used)}"


def run(context: CheckContext) -> Iterator[Finding]:
    """The glossary check: a finding for each source term a pair renders without an approved term,
    or with a forbidden one (nothing without a glossary)."""
    glossary = context.glossary
    if not isinstance(glossary, Glossary):
        return
    entries = _keyed(glossary, context.source, context.target)
    for index, pair in enumerate(context.pairs):
        source_key = f" {term_key(pair.source, context.source)} "
        target_key = f" {term_key(pair.target, context.target)} "
        for detail in check_pair(source_key, target_key, entries):
            yield context.finding(NAME, "error", index, detail)


CHECK = Check(
    NAME,
    "glossary terms without an approved rendering, or with a forbidden one (needs --glossary)",
    run,
    default=False,
)

__all__ = ["CHECK", "Glossary", "GlossaryEntry", "load_glossary"]
