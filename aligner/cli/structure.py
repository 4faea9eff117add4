"""``aligner structure FILE`` and ``aligner pair FR EN``: the parsed tree and the unit pairs."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TextIO

import click

from ..errors import AlignerError
from ..model import Document, StructuralAlignment, UnitPair
from ..pipeline import load_document, load_pair, pair_documents
from ..profiles import DEFAULT_LANGUAGES
from ..wording import counted, number
from .options import LANGUAGE, base_language, language_options, write_json


def register(group: click.Group) -> None:
    """Add the ``structure`` and ``pair`` commands to the command group."""
    group.add_command(structure)
    group.add_command(pair)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option(
    "--lang",
    "language",
    type=LANGUAGE,
    default=None,
    help="Language of FILE, when one file is given (default: detected).",
)
@language_options(source="the first of two files", target="the second of two files")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "tsv", "json"]), default="text", show_default=True
)
def structure(
    files: tuple[str, ...],
    language: str | None,
    src_lang: str | None,
    tgt_lang: str | None,
    output_format: str,
) -> None:
    """Print the structure of FILE: key, kind and first words of every unit.

    Given two files (SOURCE TARGET, as ``pair`` and ``align`` take them), print both, each in
    the language ``pair`` reads it in (--src-lang/--tgt-lang give them).
    """
    if len(files) > 2:
        raise AlignerError(f"give one file, or two (SOURCE TARGET), not {len(files)}")
    if len(files) == 1:
        if tgt_lang:
            raise AlignerError(
                "--tgt-lang is for the second of two files: give one file's language with --lang"
            )
        documents = [load_document(files[0], base_language(language or src_lang))]
    else:
        if language:
            raise AlignerError(
                "--lang is the language of a single file: give two with --src-lang and --tgt-lang"
            )
        documents = list(load_pair(files[0], files[1], base_language(src_lang), base_language(tgt_lang)))
    writers = {"text": _structure_text, "tsv": _structure_tsv, "json": _structure_json}
    writers[output_format](documents, sys.stdout)


def _first_words(text: str, count: int = 10) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def _structure_text(documents: list[Document], out: TextIO) -> None:
    for position, document in enumerate(documents):
        if position:
            out.write("\n")
        _document_text(document, out)


def _document_text(document: Document, out: TextIO) -> None:
    out.write(f"# {document.path}: {document.language}, {counted(len(document.units), 'unit')}\n")
    for name, value in document.metadata.items():
        out.write(f"# {name}: {value}\n")
    for note in document.notes:
        out.write(f"# note: {note}\n")
    for warning in document.warnings:
        out.write(f"# warning: {warning}\n")
    width = max((len(unit.key) for unit in document.units), default=10)
    for unit in document.units:
        indent = "  " * unit.key.count("/")
        out.write(f"{indent}{unit.key:<{width - len(indent)}}  {unit.kind:<10} {_first_words(unit.text)}\n")


def _structure_tsv(documents: list[Document], out: TextIO) -> None:
    """One row per unit; with two files a first column says which (source, target)."""
    sides = len(documents) > 1
    out.write(("side\t" if sides else "") + "key\tkind\tlabel\tline\ttext\n")
    for document, side in zip(documents, ("source", "target")[: len(documents)], strict=True):
        lead = f"{side}\t" if sides else ""
        for unit in document.units:
            out.write(f"{lead}{unit.key}\t{unit.kind}\t{unit.label}\t{unit.line}\t{_one_line(unit.text)}\n")


def _document_record(document: Document) -> dict:
    return {
        "path": document.path,
        "language": document.language.code,
        "structured": document.structured,
        "metadata": document.metadata,
        "notes": document.notes,
        "warnings": document.warnings,
        "units": [
            {
                "key": u.key,
                "kind": u.kind,
                "label": u.label,
                "line": u.line,
                "italic_lead": u.italic_lead,
                "footnote_refs": list(u.footnote_refs),
                "text": u.text,
            }
            for u in document.units
        ],
    }


def _structure_json(documents: list[Document], out: TextIO) -> None:
    """The document's object; with two files ``{"source": ..., "target": ...}``."""
    records = [_document_record(document) for document in documents]
    payload = records[0] if len(records) == 1 else dict(zip(("source", "target"), records, strict=True))
    write_json(payload, out)


@click.command()
@click.argument("source", type=click.Path())
@click.argument("target", type=click.Path())
@language_options(source="SOURCE", target="TARGET")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "tsv", "json"]), default="text", show_default=True
)
@click.option(
    "--dictionary",
    multiple=True,
    help="A bilingual dictionary (dictd .index or TSV), or 'auto' for installed freedict ones: "
    "helps pair lists that each language sorts its own way.",
)
@click.option("--force", is_flag=True, help="Pair even if the files look like different documents.")
def pair(
    source: str,
    target: str,
    src_lang: str | None,
    tgt_lang: str | None,
    output_format: str,
    dictionary: tuple[str, ...],
    force: bool,
) -> None:
    """Pair the units of SOURCE and TARGET (conventionally FR EN) and report disagreements."""
    source_document, target_document = load_pair(
        source, target, base_language(src_lang), base_language(tgt_lang)
    )
    for warning in (*source_document.warnings, *target_document.warnings):
        click.echo(f"warning: {warning}", err=True)
    alignment = pair_documents(
        source_document,
        target_document,
        force=force,
        expected_source=DEFAULT_LANGUAGES[0],
        dictionary=("auto" if dictionary == ("auto",) else list(dictionary)) if dictionary else None,
    )
    writers = {"text": _pairs_text, "tsv": _pairs_tsv, "json": _pairs_json}
    writers[output_format](alignment, sys.stdout)


def _side_keys(units: Iterable) -> str:
    return "+".join(unit.key for unit in units) or "-"


def _pairs_text(alignment: StructuralAlignment, out: TextIO) -> None:
    for item in alignment.pairs:
        out.write(
            f"{_side_keys(item.source):<18} {_side_keys(item.target):<18} {item.method:<8} "
            f"{_first_words(item.source_text, 6):<50} | {_first_words(item.target_text, 6)}\n"
        )
    paired = number(len(alignment.paired))
    out.write(
        f"\n{counted(len(alignment.pairs), 'pair')}, {paired} with both sides; "
        f"{counted(len(alignment.disagreements), 'disagreement')}\n"
    )
    for disagreement in alignment.disagreements:
        out.write(f"  {disagreement.kind:<15} {disagreement.key:<18} {disagreement.detail}\n")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _pairs_tsv(alignment: StructuralAlignment, out: TextIO) -> None:
    out.write("key\tsource_keys\ttarget_keys\tmethod\tscore\tsource\ttarget\n")
    for item in alignment.pairs:
        out.write(
            f"{item.key}\t{_side_keys(item.source)}\t{_side_keys(item.target)}\t{item.method}\t{item.score:.3f}\t"
            f"{_one_line(item.source_text)}\t{_one_line(item.target_text)}\n"
        )
    for disagreement in alignment.disagreements:
        out.write(f"# {disagreement.kind}\t{disagreement.key}\t{disagreement.detail}\n")


def pair_record(item: UnitPair) -> dict:
    """One unit pair as a JSON record: its key, the keys of each side, how it was paired, its score
    and the texts."""
    return {
        "key": item.key,
        "source_keys": [unit.key for unit in item.source],
        "target_keys": [unit.key for unit in item.target],
        "method": item.method,
        "score": round(item.score, 3),
        "source": item.source_text,
        "target": item.target_text,
    }


def _pairs_json(alignment: StructuralAlignment, out: TextIO) -> None:
    payload = {
        "source": {
            "path": alignment.source.path,
            "language": alignment.source.language.code,
            "metadata": alignment.source.metadata,
        },
        "target": {
            "path": alignment.target.path,
            "language": alignment.target.language.code,
            "metadata": alignment.target.metadata,
        },
        "pairs": [pair_record(item) for item in alignment.pairs],
        "disagreements": [
            {"kind": d.kind, "key": d.key, "detail": d.detail} for d in alignment.disagreements
        ],
    }
    write_json(payload, out)
