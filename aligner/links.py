"""The links file: one alignment, reviewed or not, and the readers of every form it takes.

A links file is JSON Lines (what ``aligner align --format jsonl`` prints and ``-o x.jsonl``
writes, what the review page exports). Its first line describes the document::

    {"format": "aligner-links", "version": 1, "source_lang": "fr", "target_lang": "en",
     "symbol": "A/74/400", "document": "A/74/400", "source_file": "fr.txt", "target_file": "en.txt",
     "disagreements": [{"kind": "missing", "key": "p:14", "detail": "..."}]}

and every other line is one link, in document order::

    {"source": "...", "target": "...", "confidence": 0.9731, "key": "res:I/op:3", "kind": "1-2",
     "tuid": "A/74/400:res:I/op:3:1", "status": "edited", "source_lang": "fr", "target_lang": "en",
     "document": "A/74/400", "target_sentences": ["...", "..."], "source_ids": [41], "target_ids": [44, 45]}

``source`` and ``target`` are the texts (the sentences of a side joined by one space; "" for
the empty side of a 1-0 or 0-1 link). ``status`` is optional: ``approved``, ``rejected`` or
``edited`` (changed by a reviewer, and so checked). ``source_label``/``target_label`` are
written when a link opens a numbered unit: its label as printed ("12.", "a)", a footnote's
"³"), which memory writers place as CAT tools segment. ``*_sentences`` are written when a side has
more than one sentence (where the review page can split it); ``*_ids`` are the positions of the
sentences in their document (what ``aligner evaluate`` scores). Readers need only ``source``
and ``target``: a missing confidence counts as 1, a missing kind is counted from the sentences,
and a sentence list that no longer matches its text (edited by hand) is ignored and the text
segmented again.

The same alignment can also be read from the TSV that ``align`` writes (its header names the
columns) and from the review spreadsheet (``aligner export LINKS -o review.xlsx``).
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

from .errors import InputError
from .files import check_input, json_value, read_input, read_input_text, text_lines
from .formulas import unquote_formula
from .model import REVIEW_STATUSES, Bitext, Disagreement, SegmentPair
from .profiles import detect_language, get_profile
from .segment import split_sentences

LINKS_FORMAT = "aligner-links"
LINKS_VERSION = 1
LINKS_SUFFIXES = (".jsonl", ".ndjson", ".tsv", ".tab", ".xlsx")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
TSV_SUFFIXES = (".tsv", ".tab")

# Columns of the TSV that ``align`` writes (source, target, confidence, key, tuid) and the
# ones a reader also takes from a header.
TSV_COLUMNS = ("source", "target", "confidence", "key", "tuid")
KNOWN_COLUMNS = frozenset({*TSV_COLUMNS, "kind", "status", "note", "n"})

# The review spreadsheet: a "links" sheet with these columns (the sides named with their
# language, "source (fr)"), a hidden digest of each row's texts as written (a changed text
# is an edit), and a "document" sheet of metadata.
SHEET_LINKS = "links"
SHEET_DOCUMENT = "document"
SHEET_DISAGREEMENTS = "disagreements"
SHEET_COLUMNS = (
    "n",
    "source",
    "target",
    "confidence",
    "key",
    "status",
    "kind",
    "tuid",
    "note",
    "source_label",
    "target_label",
    "digest",
)


@dataclass(slots=True)
class LinksMeta:
    """What the first line of a links file says about the document."""

    source_lang: str = ""
    target_lang: str = ""
    symbol: str = ""
    document: str = ""
    source_file: str = ""
    target_file: str = ""
    disagreements: list[Disagreement] = field(default_factory=list)

    def record(self) -> dict[str, Any]:
        """The metadata as the links file's first record: format and version, languages, symbol,
        document, file names and the structure's disagreements."""
        return {
            "format": LINKS_FORMAT,
            "version": LINKS_VERSION,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "symbol": self.symbol,
            "document": self.document,
            "source_file": self.source_file,
            "target_file": self.target_file,
            "disagreements": [
                {"kind": item.kind, "key": item.key, "detail": item.detail} for item in self.disagreements
            ],
        }

    @classmethod
    def from_record(cls, record: dict[str, Any], where: str) -> LinksMeta:
        """The metadata a links file's first record holds (``where`` names it in errors); a version
        newer than this aligner reads is an InputError."""
        version = record.get("version", LINKS_VERSION)
        if not isinstance(version, int) or version > LINKS_VERSION:
            raise InputError(f"{where}: links file version {version!r} is newer than this aligner reads")
        items = record.get("disagreements") or []
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise InputError(f"{where}: 'disagreements' must be a list of objects")
        return cls(
            source_lang=_string(record.get("source_lang"), where),
            target_lang=_string(record.get("target_lang"), where),
            symbol=_string(record.get("symbol"), where),
            document=_string(record.get("document"), where),
            source_file=_string(record.get("source_file"), where),
            target_file=_string(record.get("target_file"), where),
            disagreements=[
                Disagreement(
                    _string(item.get("kind"), where),
                    _string(item.get("key"), where),
                    _string(item.get("detail"), where),
                )
                for item in items
            ],
        )

    @classmethod
    def from_pair(cls, pair: SegmentPair) -> LinksMeta:
        """What can be said of a stream of pairs from its first one."""
        return cls(
            source_lang=pair.source_lang,
            target_lang=pair.target_lang,
            document=pair.document,
            source_file=pair.props.get("source-file", ""),
            target_file=pair.props.get("target-file", ""),
        )


@dataclass(slots=True)
class Links:
    """An alignment as a list of links (``SegmentPair``s in document order) and its metadata."""

    meta: LinksMeta
    pairs: list[SegmentPair]
    path: str = ""

    def memory_pairs(self) -> Iterator[SegmentPair]:
        """The links a memory may hold: every one but the rejected (writers leave out the
        ones with an empty side themselves)."""
        return (pair for pair in self.pairs if pair.status != "rejected")

    def paragraph_pairs(self) -> Iterator[SegmentPair]:
        """One pair per run of links with the same key (a paragraph-level memory), rejected
        links left out. The run is reviewed if all its links are; its confidence is the lowest
        of its links not reviewed."""
        run: list[SegmentPair] = []
        for pair in self.memory_pairs():
            if run and pair.key != run[-1].key:
                yield _paragraph(run)
                run = []
            run.append(pair)
        if run:
            yield _paragraph(run)

    def rejected(self) -> int:
        """How many links a reviewer rejected."""
        return sum(pair.status == "rejected" for pair in self.pairs)


def _paragraph(run: list[SegmentPair]) -> SegmentPair:
    first = run[0]
    statuses = {pair.status for pair in run}
    if statuses <= {"approved"}:
        status = "approved" if statuses else ""
    elif statuses <= {"approved", "edited"}:
        status = "edited"
    else:
        status = ""
    unreviewed = [pair.confidence for pair in run if pair.status not in ("approved", "edited")]
    source = " ".join(pair.source for pair in run if pair.source.strip())
    target = " ".join(pair.target for pair in run if pair.target.strip())
    return SegmentPair(
        source=source,
        target=target,
        source_lang=first.source_lang,
        target_lang=first.target_lang,
        key=first.key,
        tuid=f"{first.document}:{first.key}" if first.document else first.key,
        document=first.document,
        confidence=min(unreviewed, default=1.0),
        kind=f"{int(bool(source))}-{int(bool(target))}",
        props=dict(first.props),
        status=status,
        source_label=first.source_label,
        target_label=first.target_label,
    )


def links_meta(bitext: Bitext, document: str | None = None) -> LinksMeta:
    """The metadata of an alignment made here: languages, symbol, files, disagreements."""
    structure = bitext.structure
    return LinksMeta(
        source_lang=bitext.source_language.code,
        target_lang=bitext.target_language.code,
        symbol=bitext.symbol or "",
        document=document or bitext.symbol or Path(bitext.source_path).stem,
        source_file=Path(bitext.source_path).name if bitext.source_path else "",
        target_file=Path(bitext.target_path).name if bitext.target_path else "",
        disagreements=list(structure.disagreements) if structure is not None else [],
    )


# --- one link as a JSON object -------------------------------------------------------------


def link_record(pair: SegmentPair, tuid: str, note: str = "") -> dict[str, Any]:
    """The JSON object of one link (see the module's docstring for the schema)."""
    record: dict[str, Any] = {
        "source": pair.source,
        "target": pair.target,
        "confidence": round(_probability(pair.confidence), 4),
        "key": pair.key,
        "kind": pair.kind,
        "tuid": tuid,
    }
    if pair.status:
        record["status"] = pair.status
    if pair.source_label or pair.target_label:
        record.update(source_label=pair.source_label, target_label=pair.target_label)
    record.update(source_lang=pair.source_lang, target_lang=pair.target_lang, document=pair.document)
    if note:
        record["note"] = note
    if len(pair.source_sentences) > 1:
        record["source_sentences"] = list(pair.source_sentences)
    if len(pair.target_sentences) > 1:
        record["target_sentences"] = list(pair.target_sentences)
    if pair.source_ids or pair.target_ids:
        record["source_ids"] = list(pair.source_ids)
        record["target_ids"] = list(pair.target_ids)
    return record


def is_meta_record(record: object) -> TypeGuard[dict[str, Any]]:
    """Is this JSON value the first line of a links file (the document's description)?"""
    return isinstance(record, dict) and record.get("format") == LINKS_FORMAT


def _probability(value: float) -> float:
    return 0.0 if math.isnan(value) else min(1.0, max(0.0, value))


# --- reading -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    """One link as a file gives it, before languages are settled and sentences found."""

    source: str
    target: str
    confidence: float = 1.0
    key: str = ""
    kind: str = ""
    tuid: str = ""
    status: str = ""
    note: str = ""
    source_lang: str = ""
    target_lang: str = ""
    document: str = ""
    source_sentences: list[str] | None = None
    target_sentences: list[str] | None = None
    source_ids: list[int] | None = None
    target_ids: list[int] | None = None
    source_label: str = ""
    target_label: str = ""


def read_links(path: str | Path, source_lang: str | None = None, target_lang: str | None = None) -> Links:
    """The links of a links file (.jsonl), of the TSV that ``align`` writes (.tsv) or of the
    review spreadsheet (.xlsx). ``source_lang``/``target_lang`` are used where the file does
    not say its languages (a TSV), else they are detected from the text."""
    path = Path(path)
    _check_file(path)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        meta, drafts = _read_jsonl(path)
    elif suffix in TSV_SUFFIXES:
        meta, drafts = LinksMeta(), _read_tsv(path)
    elif suffix == ".xlsx":
        meta, drafts = _read_xlsx(path)
    else:
        known = ", ".join(LINKS_SUFFIXES)
        raise InputError(f"{path}: not a links file (expected one of {known})")
    if not drafts:
        raise InputError(f"{path}: no links in the file")
    _settle_languages(meta, drafts, source_lang, target_lang, path)
    if not meta.document:
        meta.document = next((draft.document for draft in drafts if draft.document), "") or path.stem
    return Links(meta, [_pair(draft, meta) for draft in drafts], str(path))


def _check_file(path: Path) -> None:
    if check_input(path).st_size == 0:
        raise InputError(f"{path}: empty file")


def _read_text(path: Path) -> str:
    return read_input_text(path)


def _read_jsonl(path: Path) -> tuple[LinksMeta, list[_Draft]]:
    meta = LinksMeta()
    drafts: list[_Draft] = []
    for number, line in enumerate(text_lines(_read_text(path)), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        record = json_value(line, where)
        if is_meta_record(record):
            if drafts:
                raise InputError(f"{where}: the document line must come before the links")
            meta = LinksMeta.from_record(record, where)
            continue
        drafts.append(_draft_from_record(record, where))
    return meta, drafts


def _draft_from_record(record: object, where: str) -> _Draft:
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object")
    if "source" not in record or "target" not in record:
        raise InputError(f"{where}: a link needs 'source' and 'target'")
    return _Draft(
        source=_string(record["source"], where),
        target=_string(record["target"], where),
        confidence=_confidence(record.get("confidence"), where),
        key=_string(record.get("key", record.get("unit")), where),
        kind=_string(record.get("kind"), where),
        tuid=_string(record.get("tuid"), where),
        status=_status(record.get("status"), where),
        note=_string(record.get("note"), where),
        source_lang=_string(record.get("source_lang"), where),
        target_lang=_string(record.get("target_lang"), where),
        document=_string(record.get("document"), where),
        source_sentences=_strings(record.get("source_sentences"), where),
        target_sentences=_strings(record.get("target_sentences"), where),
        source_ids=_positions(record.get("source_ids"), where),
        target_ids=_positions(record.get("target_ids"), where),
        source_label=_string(record.get("source_label"), where),
        target_label=_string(record.get("target_label"), where),
    )


def _string(value: object, where: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InputError(f"{where}: expected text, got {type(value).__name__}")
    return str(value)


def _strings(value: object, where: str) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InputError(f"{where}: sentences must be a list of strings")
    return value


def _positions(value: object, where: str) -> list[int] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(
        isinstance(item, int) and not isinstance(item, bool) and item >= 0 for item in value
    ):
        raise InputError(f"{where}: sentence ids must be a list of non-negative integers")
    return value


def _confidence(value: object, where: str) -> float:
    if value is None or value == "":
        return 1.0
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(f"{where}: confidence {value!r} is not a number") from None
    if math.isnan(number) or not 0.0 <= number <= 1.0:
        raise InputError(f"{where}: confidence {value!r} is not between 0 and 1")
    return number


def _status(value: object, where: str) -> str:
    status = _string(value, where).strip().lower()
    if status and status not in REVIEW_STATUSES:
        raise InputError(f"{where}: status {value!r} is not one of {', '.join(REVIEW_STATUSES)} (or empty)")
    return status


def _read_tsv(path: Path) -> list[_Draft]:
    """Rows of the TSV that ``align`` writes: a header naming the columns (source, target,
    confidence, key, tuid; kind, status and note are read too), or those five columns in
    that order without a header."""
    lines = text_lines(_read_text(path))
    rows = [(number, cells) for number, cells in enumerate(_tsv_rows(lines), start=1) if any(cells)]
    if not rows:
        return []
    header = [cell.strip().lower() for cell in rows[0][1]]
    if _is_links_header(header):
        columns, rows = header, rows[1:]
    else:
        columns = list(TSV_COLUMNS)
    drafts = []
    for number, cells in rows:
        where = f"{path}:{number}"
        if len(cells) != len(columns) and not (len(columns) == len(TSV_COLUMNS) and 2 <= len(cells) <= 5):
            raise InputError(f"{where}: expected {len(columns)} tab-separated columns, found {len(cells)}")
        values = dict(zip(columns, cells, strict=False))
        drafts.append(_draft_from_record(values, where))
    return drafts


def _tsv_rows(lines: Iterable[str]) -> Iterator[list[str]]:
    """The cells of tab-separated lines, unquoted (what csv's QUOTE_NONE reads, without its
    limit of 131,072 characters a field); the apostrophe the TSV writer puts before a text a
    spreadsheet would run as a formula taken off."""
    return ([unquote_formula(cell) for cell in line.split("\t")] for line in lines)


def _is_links_header(cells: Sequence[str]) -> bool:
    return {"source", "target"} <= set(cells) and set(cells) <= KNOWN_COLUMNS


def _read_xlsx(path: Path) -> tuple[LinksMeta, list[_Draft]]:
    workbook = _open_workbook(path)
    try:
        sheet = workbook[SHEET_LINKS] if SHEET_LINKS in workbook.sheetnames else workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        columns, languages = _sheet_columns(header or (), path)
        meta = _sheet_meta(workbook, path)
        for side, language in languages.items():
            if language and not getattr(meta, side):
                setattr(meta, side, language)
        numbered: list[tuple[float, int, _Draft]] = []
        last_number = 0.0
        for row_number, row in enumerate(rows, start=2):
            values = {name: row[index] if index < len(row) else None for name, index in columns.items()}
            if all(value in (None, "") for value in values.values()):
                continue
            where = f"{path}: sheet {sheet.title}, row {row_number}"
            number = values.pop("n", None)
            last_number = float(number) if isinstance(number, (int, float)) else last_number
            numbered.append((last_number, row_number, _draft_from_cells(values, where)))
    finally:
        workbook.close()
    numbered.sort(key=lambda item: (item[0], item[1]))
    return meta, [draft for _, _, draft in numbered]


def _open_workbook(path: Path) -> Any:
    from openpyxl import load_workbook

    from .readers.safexml import check_zip

    data = read_input(path)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(f"{path}: not an .xlsx workbook (not a zip archive)")
    check_zip(data, str(path))
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        message = " ".join(str(error).split())
        raise InputError(f"{path}: not a readable .xlsx workbook ({message})") from None


def _sheet_columns(header: Sequence[object], path: Path) -> tuple[dict[str, int], dict[str, str]]:
    """Column positions by name ("source (fr)" is the source column, in French)."""
    columns: dict[str, int] = {}
    languages = {"source_lang": "", "target_lang": ""}
    for index, cell in enumerate(header):
        name, _, rest = str(cell or "").strip().lower().partition(" (")
        if name in SHEET_COLUMNS and name not in columns:
            columns[name] = index
            if name in ("source", "target") and rest.endswith(")"):
                languages[f"{name}_lang"] = rest[:-1].strip()
    if "source" not in columns or "target" not in columns:
        raise InputError(f"{path}: the first row must name a 'source' and a 'target' column")
    return columns, languages


def _sheet_meta(workbook: Any, path: Path) -> LinksMeta:
    record: dict[str, Any] = {}
    if SHEET_DOCUMENT in workbook.sheetnames:
        for row in workbook[SHEET_DOCUMENT].iter_rows(min_row=1, values_only=True):
            if len(row) >= 2 and isinstance(row[0], str):
                record[row[0].strip()] = row[1]
    disagreements = []
    if SHEET_DISAGREEMENTS in workbook.sheetnames:
        rows = workbook[SHEET_DISAGREEMENTS].iter_rows(min_row=2, values_only=True)
        disagreements = [
            {"kind": row[0], "key": row[1], "detail": row[2]} for row in rows if len(row) >= 3 and row[0]
        ]
    record["disagreements"] = disagreements
    record.pop("format", None)
    return LinksMeta.from_record(record, f"{path}: sheet {SHEET_DOCUMENT}")


def _draft_from_cells(values: dict[str, object], where: str) -> _Draft:
    """A row of the review sheet: sentences one a line in a cell; a text that differs from
    the one written (its digest) is an edit."""
    source_lines = cell_lines(values.get("source"))
    target_lines = cell_lines(values.get("target"))
    record = {name: value for name, value in values.items() if name not in ("digest",)}
    record["source"] = " ".join(source_lines)
    record["target"] = " ".join(target_lines)
    record["source_sentences"] = source_lines
    record["target_sentences"] = target_lines
    draft = _draft_from_record(record, where)
    written = values.get("digest")
    if written and written != text_digest(draft.source, draft.target) and draft.status != "rejected":
        draft.status = "edited"
    return draft


def cell_lines(value: object) -> list[str]:
    """The non-empty lines of a spreadsheet cell, stripped (none for an empty cell): a review sheet
    holds a side's sentences one a line."""
    if value is None:
        return []
    return [line.strip() for line in str(value).splitlines() if line.strip()]


def text_digest(source: str, target: str) -> str:
    """A short digest of a link's texts: the review sheet keeps it to tell an edited row."""
    return hashlib.blake2b(f"{source}\0{target}".encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


# --- settling languages and sentences --------------------------------------------------------


def _settle_languages(
    meta: LinksMeta, drafts: list[_Draft], source_lang: str | None, target_lang: str | None, path: Path
) -> None:
    first = drafts[0]
    meta.source_lang = meta.source_lang or first.source_lang or source_lang or _detect(drafts, "source")
    meta.target_lang = meta.target_lang or first.target_lang or target_lang or _detect(drafts, "target")
    if not meta.source_lang or not meta.target_lang:
        raise InputError(f"{path}: cannot tell the languages: give --src-lang and --tgt-lang")
    if meta.source_lang == meta.target_lang:
        raise InputError(f"{path}: both sides look like '{meta.source_lang}': give --src-lang and --tgt-lang")


def _detect(drafts: list[_Draft], side: str) -> str:
    sample = "\n".join(getattr(draft, side) for draft in drafts[:400])
    return detect_language(sample) or ""


def _pair(draft: _Draft, meta: LinksMeta) -> SegmentPair:
    source_lang = draft.source_lang or meta.source_lang
    target_lang = draft.target_lang or meta.target_lang
    kind_counts = _kind_counts(draft.kind)
    source_sentences = _sentences(draft.source, draft.source_sentences, source_lang, kind_counts[0])
    target_sentences = _sentences(draft.target, draft.target_sentences, target_lang, kind_counts[1])
    return SegmentPair(
        source=draft.source,
        target=draft.target,
        source_lang=source_lang,
        target_lang=target_lang,
        key=draft.key,
        tuid=draft.tuid,
        document=draft.document or meta.document,
        confidence=draft.confidence,
        kind=f"{len(source_sentences)}-{len(target_sentences)}",
        note=draft.note,
        props=_file_props(meta),
        status=draft.status,
        source_sentences=source_sentences,
        target_sentences=target_sentences,
        source_ids=_ids(draft.source_ids, source_sentences),
        target_ids=_ids(draft.target_ids, target_sentences),
        source_label=draft.source_label,
        target_label=draft.target_label,
    )


def _kind_counts(kind: str) -> tuple[int | None, int | None]:
    left, _, right = kind.partition("-")
    if left.isdigit() and right.isdigit():
        return int(left), int(right)
    return None, None


def _sentences(text: str, given: list[str] | None, language: str, count: int | None) -> tuple[str, ...]:
    """The sentences of one side: the list the file gives if it still spells the text (spaces
    aside), the whole text if the kind says one sentence, else the text segmented again."""
    normal = " ".join(text.split())
    if not normal:
        return ()
    if given is not None:
        kept = [sentence.strip() for sentence in given if sentence.strip()]
        if " ".join(" ".join(sentence.split()) for sentence in kept) == normal:
            return tuple(kept)
    if count == 1:
        return (text.strip(),)
    try:
        profile = get_profile(language)
    except InputError:  # a language without a profile: the side stays one piece
        return (text.strip(),)
    return tuple(split_sentences(normal, profile)) or (text.strip(),)


def _ids(ids: list[int] | None, sentences: tuple[str, ...]) -> tuple[int, ...]:
    return tuple(ids) if ids is not None and len(ids) == len(sentences) else ()


def _file_props(meta: LinksMeta) -> dict[str, str]:
    props = {"source-file": meta.source_file, "target-file": meta.target_file}
    return {name: value for name, value in props.items() if value}


# --- what terms, check and merge read --------------------------------------------------------


def is_links_file(path: str | Path) -> bool:
    """Is ``path`` a links file this module reads (rather than another kind of pairs file)?

    A .jsonl whose first line is the document line or a link with source and target, a .tsv
    whose header names links columns, any .xlsx.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return True
    if suffix not in JSONL_SUFFIXES + TSV_SUFFIXES or not path.is_file():
        return False
    check_input(path)  # a regular file (not a pipe that would block) within the size limit
    first = _first_line(path)
    if suffix in JSONL_SUFFIXES:
        try:
            record = json.loads(first)
        except (ValueError, RecursionError):
            return False
        return is_meta_record(record) or (isinstance(record, dict) and {"source", "target"} <= record.keys())
    cells = next(_tsv_rows([first]), [])
    return _is_links_header([cell.strip().lower() for cell in cells])


def _first_line(path: Path) -> str:
    with open(path, encoding="utf-8-sig", errors="replace") as stream:
        for line in stream:
            if line.strip():
                return line
    return ""


def load_pairs(
    paths: Iterable[str | Path], source_lang: str | None = None, target_lang: str | None = None
) -> list[SegmentPair]:
    """Segment pairs from every input, for ``terms`` and ``check``: links files through
    ``read_links`` (rejected links left out), any other input (TMX, other TSV or JSONL,
    line-parallel texts) through ``aligner.terms.pairs``."""
    from .terms.pairs import Languages
    from .terms.pairs import load_pairs as load_other_pairs

    asked = Languages(source_lang, target_lang)
    paths = list(paths)
    for path in paths:
        check_input(path)  # a missing file, a folder, a device or a pipe is said as such, first
    pairs: list[SegmentPair] = []
    others: list[str | Path] = []
    for path in paths:
        if is_links_file(path):
            if others:
                pairs += load_other_pairs(others, asked)
                others = []
            pairs += read_links(path, source_lang, target_lang).memory_pairs()
        else:
            others.append(path)
    if others:
        pairs += load_other_pairs(others, asked)
    if not pairs:
        raise InputError("no segment pairs in the inputs")
    return pairs
