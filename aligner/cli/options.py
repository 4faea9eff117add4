"""Options that several commands share, defined once."""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, TextIO

import click

from ..profiles import primary_language

Decorator = Callable[[Callable], Callable]


_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


class LanguageCode(click.ParamType):
    """A language code, optionally with a region (``fr``, ``fr-CA``, ``en_GB``), of a language
    that has a profile: anything else is a usage error naming the known languages."""

    name = "code"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        """The option's value as a language tag ("fr", "fr-CA"): anything that is not a tag, or a
        tag of a language without a profile, is a usage error naming the known languages."""
        from ..errors import InputError
        from ..profiles import PROFILES, get_profile

        code = str(value).strip().replace("_", "-")
        known = ", ".join(f"{profile.code} ({profile.name})" for _, profile in sorted(PROFILES.items()))
        if not _LANGUAGE_TAG.fullmatch(code):
            self.fail(f"{value!r} is not a language code (known languages: {known})", param, ctx)
        try:
            get_profile(code)
        except InputError:
            self.fail(f"no language profile for {value!r} (known languages: {known})", param, ctx)
        return code


LANGUAGE = LanguageCode()


def language_options(
    default: str = "detected", *, source: str = "the source", target: str = "the target"
) -> Decorator:
    """--src-lang and --tgt-lang (aliases --source-lang, --target-lang): the languages of the
    two sides, optionally with a region; passed to the command as ``src_lang``, ``tgt_lang``."""

    def decorate(command: Callable) -> Callable:
        command = click.option(
            "--tgt-lang",
            "--target-lang",
            "tgt_lang",
            type=LANGUAGE,
            default=None,
            help=f"Language of {target}, optionally with a region (en, en-GB, en-CA). Default: {default}.",
        )(command)
        return click.option(
            "--src-lang",
            "--source-lang",
            "src_lang",
            type=LANGUAGE,
            default=None,
            help=f"Language of {source}, optionally with a region (fr, fr-FR, fr-CA). Default: {default}.",
        )(command)

    return decorate


def base_language(code: str | None) -> str | None:
    """``fr`` for ``fr-CA`` (the language without its region), None for None."""
    return primary_language(code) if code else None


class InputFile(click.ParamType):
    """An input that must be a regular file: a folder, device or missing file is refused in
    the library's one-line wording (``aligner terms: error: corpus: is a folder, not a
    regular file``), before anything is read or written. The value is the path as given
    (a ``str``, as ``click.Path`` gives it), or a ``Path`` with ``as_path``."""

    name = "file"

    def __init__(self, as_path: bool = False) -> None:
        self.as_path = as_path

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str | Path:
        """The option's value, checked to be a readable input file (not a folder, device or pipe)
        and given as a Path or a string."""
        from ..files import check_input

        check_input(value, limit=sys.maxsize)  # the size limit is checked when the file is read
        return Path(value) if self.as_path else str(value)


INPUT_FILE = InputFile()
INPUT_PATH = InputFile(as_path=True)


# Formats whose units carry inline codes and language tags (the CAT formats).
CAT_SUFFIXES = (".tmx", ".xlf", ".xliff")
# Formats that are translation memories (the links file and the review sheet keep every link).
MEMORY_SUFFIXES = (".tmx", ".xlf", ".xliff", ".tsv")


@dataclass(frozen=True)
class MemoryChoices:
    """What the user chose with ``memory_options``: how links become memory units."""

    min_confidence: float = 0.0
    keep_low: bool = False
    segtype: str = "sentence"
    inline: str = "text"
    labels: str | None = None
    note: str | None = None
    creation_id: str | None = None
    unit_dates: bool = False
    keep_identical: bool = False
    xliff_version: str | None = None
    xliff_targets: str | None = None


def writer_options(
    output: str | Path, src_lang: str | None, tgt_lang: str | None, memory: MemoryChoices
) -> dict[str, Any]:
    """What ``memory_options`` and ``language_options`` ask of the writer for ``output``.
    Options a format does not have are left out unless the user gave one (then
    ``write_segments`` refuses it, naming the option)."""
    options: dict[str, Any] = {
        "min_confidence": memory.min_confidence,
        "low_confidence": "note" if memory.keep_low else "drop",
    }
    given = {
        "labels": memory.labels,
        "note": memory.note,
        "creation_id": memory.creation_id,
        "unit_dates": memory.unit_dates or None,
        "xliff_version": memory.xliff_version,
        "xliff_targets": memory.xliff_targets,
    }
    options.update({name: value for name, value in given.items() if value})
    suffix = Path(output).suffix.lower()
    if suffix in MEMORY_SUFFIXES:
        options["keep_identical"] = memory.keep_identical
    if suffix in CAT_SUFFIXES:
        options["inline"] = memory.inline
        if src_lang and "-" in src_lang:
            options["source_lang"] = src_lang
        if tgt_lang and "-" in tgt_lang:
            options["target_lang"] = tgt_lang
    if suffix == ".tmx":
        options["segtype"] = memory.segtype
    return options


def memory_options(what: str = "memory") -> Decorator:
    """--min-confidence, --keep-low, --segtype, --inline, --labels, --note, --creation-id,
    --unit-dates, --keep-identical, --xliff-version and --xliff-targets: how links become memory
    units. The command receives them together, as ``memory: MemoryChoices``."""

    def decorate(command: Callable) -> Callable:
        command = _collected(command, MemoryChoices, "memory")
        for option in reversed(
            (
                click.option(
                    "--min-confidence",
                    type=click.FloatRange(0, 1),
                    default=0.0,
                    show_default=True,
                    help=f"Links below this are dropped from the {what}...",
                ),
                click.option(
                    "--keep-low", is_flag=True, help="... or kept with a note saying their confidence is low."
                ),
                click.option(
                    "--segtype",
                    type=click.Choice(["sentence", "paragraph"]),
                    default="sentence",
                    show_default=True,
                    help="Sentence-level units, or one unit per structural pair.",
                ),
                click.option(
                    "--inline",
                    type=click.Choice(["text", "tags"]),
                    default="text",
                    show_default=True,
                    help="Footnote references as plain characters or as inline codes (TMX, XLIFF). "
                    "Characters match the segments CAT tools make from text and PDF sources.",
                ),
                click.option(
                    "--labels",
                    type=click.Choice(["auto", "unit", "text", "omit", "tag", "keep"]),
                    default=None,
                    help="Where paragraph numbers, list letters and footnote numbers go in a memory: "
                    "auto (a label ending in a full stop is a unit of its own, others stay in the text, "
                    "as CAT tools segment), unit, text, omit, tag (an inline code; TMX, XLIFF), or keep "
                    "(texts as aligned). Default: auto for TMX and XLIFF, keep for TSV.",
                ),
                click.option("--note", default=None, help="A note written on every unit (TMX, XLIFF)."),
                click.option(
                    "--creation-id",
                    default=None,
                    help="Who made the units: the creationid of every TMX unit.",
                ),
                click.option(
                    "--unit-dates", is_flag=True, help="Give every TMX unit the file's creation date."
                ),
                click.option(
                    "--keep-identical",
                    is_flag=True,
                    help=f"Keep in the {what} the segments whose two sides are the same text (a part "
                    "printed in one language in both files); they are left out by default.",
                ),
                click.option(
                    "--xliff-version",
                    type=click.Choice(["1.2", "2.0", "2.1"]),
                    default=None,
                    help="XLIFF version of an .xlf/.xliff output (default 1.2, what every CAT tool reads).",
                ),
                click.option(
                    "--xliff-targets",
                    type=click.Choice(["translation", "source"]),
                    default=None,
                    help="XLIFF targets: the translations (default, a bilingual file), or copies of the "
                    "sources with the translations as proposals (a kit for OmegaT 3.6, which translates "
                    "the target).",
                ),
            )
        ):
            command = option(command)
        return command

    return decorate


def _collected(command: Callable, choices: type, name: str) -> Callable:
    """``command`` called with the options named by the fields of the dataclass ``choices``
    gathered into one ``name=choices(...)`` argument."""
    names = [field.name for field in fields(choices)]

    @functools.wraps(command)
    def gathered(**arguments: Any) -> Any:
        chosen = {option: arguments.pop(option) for option in names}
        return command(**arguments, **{name: choices(**chosen)})

    return gathered


def alignment_options(what: str = "Align") -> Decorator:
    """What ``align`` takes besides its files and outputs, and ``review`` too: --presegmented,
    --src-lang/--tgt-lang, --dictionary and --force."""

    def decorate(command: Callable) -> Callable:
        for option in reversed(
            (
                click.option(
                    "--presegmented",
                    is_flag=True,
                    help="Each input is one sentence per line; no structure is parsed.",
                ),
                language_options(),
                click.option(
                    "--dictionary",
                    multiple=True,
                    help="A bilingual dictionary (dictd .index or TSV), or 'auto' for installed freedict "
                    "ones.",
                ),
                click.option(
                    "--force", is_flag=True, help=f"{what} even if the files look like different documents."
                ),
            )
        ):
            command = option(command)
        return command

    return decorate


def write_json(payload: object, out: TextIO) -> None:
    """``payload`` as indented JSON on ``out``: text as it is where the stream's encoding holds
    every character, escaped (``\\u00e9``, still the same JSON) where it does not (a cp1252 or
    ASCII console)."""
    encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("_", "-")
    json.dump(payload, out, ensure_ascii=not encoding.startswith("utf"), indent=1)
    out.write("\n")
