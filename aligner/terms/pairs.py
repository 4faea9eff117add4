"""Segment pairs from files: TMX (through ``aligner.memories``), TSV, JSONL, line-parallel texts.

What the ``terms`` and ``check`` commands read. Languages come from the file where it says
them (a TSV header "key, en, fr", JSONL fields named by language, TMX ``xml:lang``), else from
the caller, else from the text itself.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..files import json_value, read_input_text, text_lines
from ..model import SegmentPair
from ..profiles import DEFAULT_LANGUAGES, PROFILES, detect_language, partner_language

PAIR_SUFFIXES = {".tmx": "tmx", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_HEADER_NAMES = {"key", "id", "tuid", "source", "target", *PROFILES}


@dataclass(frozen=True, slots=True)
class Languages:
    """Languages asked for by the user; ``None`` means: find out."""

    source: str | None = None
    target: str | None = None


def read_text(path: Path) -> str:
    """A UTF-8 input's text; a missing file, a folder, a device or pipe, a file over the size
    limit or bytes that are not UTF-8 are one-line errors (see ``aligner.files``)."""
    return read_input_text(path)


def guess_language(texts: Iterable[str], fallback: str) -> str:
    """The language most of the first 400 texts read as, else ``fallback``."""
    sample = "\n".join(text for _, text in zip(range(400), texts, strict=False))
    return detect_language(sample) or fallback


def settle_languages(sources: Sequence[str], targets: Sequence[str], asked: Languages) -> tuple[str, str]:
    """The source and target languages of line pairs: those asked for, else the ones the texts read
    as (the usual pair where they do not tell); the same language on both sides is an InputError."""
    source = asked.source or guess_language(sources, DEFAULT_LANGUAGES[0])
    target = asked.target or guess_language(targets, partner_language(source))
    if source == target:
        raise InputError(f"both sides look like '{source}': give --src-lang and --tgt-lang")
    return source, target


def _is_header(cells: list[str]) -> bool:
    return len(cells) >= 2 and all(cell.strip().lower() in _HEADER_NAMES for cell in cells)


def read_tsv(path: Path, asked: Languages = Languages()) -> list[SegmentPair]:
    """Rows "source<TAB>target" or "key<TAB>source<TAB>target"; an optional header row may
    name the columns by language code ("key, en, fr")."""
    # Unquoted cells (csv's QUOTE_NONE, without its limit of 131,072 characters a field).
    rows = [line.split("\t") for line in text_lines(read_text(path))]
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    header = [cell.strip().lower() for cell in rows.pop(0)] if rows and _is_header(rows[0]) else None
    if not rows:
        raise InputError(f"{path}: no pairs in the file")
    width = len(rows[0])
    if width not in (2, 3) or any(len(row) != width for row in rows):
        raise InputError(f"{path}: expected 2 or 3 tab-separated columns on every line")
    keys = [row[0] for row in rows] if width == 3 else [""] * len(rows)
    first, second = [row[-2] for row in rows], [row[-1] for row in rows]
    if header and header[-2] in PROFILES and header[-1] in PROFILES:
        asked = _header_languages(header[-2], header[-1], asked)
        if asked.source == header[-1]:
            first, second = second, first
    source, target = settle_languages(first, second, asked)
    return [
        SegmentPair(a, b, source, target, key=key, document=path.name)
        for key, a, b in zip(keys, first, second, strict=True)
    ]


def _header_languages(left: str, right: str, asked: Languages) -> Languages:
    if asked.source in (left, right):
        return Languages(asked.source, right if asked.source == left else left)
    if asked.target in (left, right):
        return Languages(right if asked.target == left else left, asked.target)
    return Languages(left, right)


def read_jsonl(path: Path, asked: Languages = Languages()) -> list[SegmentPair]:
    """One JSON object a line with "source" and "target" (and optional "key", "tuid",
    "document", "source_lang", "target_lang"), or with two fields named by language code
    ({"fr": ..., "en": ...})."""
    records = []
    for number, line in enumerate(text_lines(read_text(path)), start=1):
        if not line.strip():
            continue
        record = json_value(line, f"{path}:{number}")
        if not isinstance(record, dict):
            raise InputError(f"{path}:{number}: expected a JSON object")
        records.append(record)
    if not records:
        raise InputError(f"{path}: no pairs in the file")
    if all("source" in record and "target" in record for record in records):
        return _records_with_sides(path, records, asked)
    return _records_by_language(path, records, asked)


def _text(value: object, path: Path) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"{path}: segment texts must be strings")
    return value


def _records_with_sides(path: Path, records: list[dict[str, Any]], asked: Languages) -> list[SegmentPair]:
    sources = [_text(record["source"], path) for record in records]
    targets = [_text(record["target"], path) for record in records]
    declared = Languages(records[0].get("source_lang"), records[0].get("target_lang"))
    source, target = settle_languages(
        sources, targets, Languages(asked.source or declared.source, asked.target or declared.target)
    )
    return [
        SegmentPair(
            a,
            b,
            str(record.get("source_lang") or source),
            str(record.get("target_lang") or target),
            key=str(record.get("key", "")),
            tuid=str(record.get("tuid", "")),
            document=str(record.get("document") or path.name),
        )
        for record, a, b in zip(records, sources, targets, strict=True)
    ]


def _records_by_language(path: Path, records: list[dict[str, Any]], asked: Languages) -> list[SegmentPair]:
    codes = [code for code in PROFILES if code in records[0]]
    if len(codes) != 2:
        raise InputError(f"{path}: JSONL pairs need 'source' and 'target' fields or two language fields")
    if asked.source in codes:
        source = asked.source
    elif asked.target in codes:
        source = next(code for code in codes if code != asked.target)
    else:
        source = codes[0]
    target = next(code for code in codes if code != source)
    key_field = next((name for name in ("key", "id", "block") if name in records[0]), None)
    return [
        SegmentPair(
            _text(record.get(source), path),
            _text(record.get(target), path),
            source,
            target,
            key=str(record.get(key_field, "")) if key_field else "",
            tuid=str(record.get("tuid", "")),
            document=str(record.get("document") or path.name),
        )
        for record in records
    ]


def read_parallel(first: Path, second: Path, asked: Languages = Languages()) -> list[SegmentPair]:
    """Two line-parallel files: line i of one translates line i of the other."""
    left, right = _parallel_lines(read_text(first)), _parallel_lines(read_text(second))
    if len(left) != len(right):
        raise InputError(f"{first} and {second} are not line-parallel ({len(left)} and {len(right)} lines)")
    source, target = settle_languages(left, right, asked)
    document = f"{first.name}+{second.name}"
    return [
        SegmentPair(a, b, source, target, key=f"line:{number}", document=document)
        for number, (a, b) in enumerate(zip(left, right, strict=True), start=1)
        if a.strip() or b.strip()
    ]


def _parallel_lines(text: str) -> list[str]:
    lines = text_lines(text)
    return lines[:-1] if lines and not lines[-1] else lines


def read_tmx(path: Path, asked: Languages = Languages()) -> list[SegmentPair]:
    """TMX through the project's reader (``aligner.memories.read_memory``)."""
    try:
        memories = importlib.import_module("aligner.memories")
    except ModuleNotFoundError:
        raise InputError(f"{path}: TMX input needs aligner.memories, which is not installed") from None
    reader: Callable[..., Iterable[SegmentPair]] = memories.read_memory
    pairs = list(reader(path, source_lang=asked.source, target_lang=asked.target))
    if not pairs:
        raise InputError(f"{path}: no translation units with both languages")
    return pairs


_READERS = {"tmx": read_tmx, "tsv": read_tsv, "jsonl": read_jsonl}


def load_pairs(paths: Sequence[str | Path], asked: Languages = Languages()) -> list[SegmentPair]:
    """Pairs from every input: files of pairs (.tmx, .tsv, .jsonl) each on its own, any other
    files two by two as line-parallel texts."""
    pairs: list[SegmentPair] = []
    loose: list[Path] = []
    for path in map(Path, paths):
        kind = PAIR_SUFFIXES.get(path.suffix.lower())
        if kind:
            pairs.extend(_READERS[kind](path, asked))
        else:
            loose.append(path)
    if len(loose) % 2:
        raise InputError(f"{loose[-1]}: plain text inputs come in pairs (source file, target file)")
    for first, second in zip(loose[::2], loose[1::2], strict=True):
        pairs.extend(read_parallel(first, second, asked))
    if not pairs:
        raise InputError("no segment pairs in the inputs")
    return pairs
