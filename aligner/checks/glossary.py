"""Glossary compliance: an approved rendering is missing, or a forbidden one is used.

A glossary is CSV/TSV (source term, approved target terms separated by "|" or ";",
forbidden target terms likewise; a header row is optional) or TBX (v2 ``termEntry``/
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
    source: str
    approved: tuple[str, ...]
    forbidden: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Glossary:
    entries: tuple[GlossaryEntry, ...]
    source_lang: str | None = None
    target_lang: str | None = None


def _split(cell: str) -> tuple[str, ...]:
    return tuple(term for term in _ALTERNATIVES.split(cell.strip()) if term)


def read_delimited(path: Path) -> Glossary:
    delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab", ".txt") else ","
    try:
        rows = [
            row
            for row in csv.reader(read_text(path).splitlines(), delimiter=delimiter)
            if any(c.strip() for c in row)
        ]
    except csv.Error as error:  # a field over csv's limit (131,072 characters), a stray quote
        raise InputError(f"{path}: not a readable glossary ({error})") from None
    if rows and any(word in rows[0][0].strip().lower() for word in _HEADER_WORDS):
        rows = rows[1:]
    entries = []
    for number, row in enumerate(rows, start=1):
        if len(row) < 2 or not row[0].strip():
            raise InputError(f"{path}: row {number} needs a source term and approved target terms")
        entries.append(GlossaryEntry(row[0].strip(), _split(row[1]), _split(row[2]) if len(row) > 2 else ()))
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
    path = Path(path)
    if path.suffix.lower() == ".tbx":
        return read_tbx(path, source_lang, target_lang)
    return read_delimited(path)


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
