"""Options that several commands share, defined once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

Decorator = Callable[[Callable], Callable]


def language_options(default: str = "detected") -> Decorator:
    """--src-lang and --tgt-lang: the languages of the two sides, optionally with a region."""

    def decorate(command: Callable) -> Callable:
        command = click.option(
            "--tgt-lang",
            default=None,
            help=f"Target language, optionally with a region (en, en-GB, en-CA). Default: {default}.",
        )(command)
        return click.option(
            "--src-lang",
            default=None,
            help=f"Source language, optionally with a region (fr, fr-FR, fr-CA). Default: {default}.",
        )(command)

    return decorate


def base_language(code: str | None) -> str | None:
    """``fr`` for ``fr-CA`` (the language without its region), None for None."""
    return code.replace("_", "-").split("-")[0].lower() if code else None


def writer_options(
    output: str | Path,
    src_lang: str | None,
    tgt_lang: str | None,
    min_confidence: float,
    keep_low: bool,
    segtype: str,
    inline: str,
) -> dict[str, Any]:
    """What ``memory_options`` and ``language_options`` ask of the writer for ``output``."""
    options: dict[str, Any] = {
        "min_confidence": min_confidence,
        "low_confidence": "note" if keep_low else "drop",
    }
    if Path(output).suffix.lower() == ".tmx":
        options.update(segtype=segtype, inline=inline)
        if src_lang and "-" in src_lang:
            options["source_lang"] = src_lang
        if tgt_lang and "-" in tgt_lang:
            options["target_lang"] = tgt_lang
    return options


def memory_options(what: str = "memory") -> Decorator:
    """--min-confidence, --keep-low, --segtype and --inline: how links become memory units."""

    def decorate(command: Callable) -> Callable:
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
                    help="Footnote references as plain characters or as <ph> inline codes (TMX).",
                ),
            )
        ):
            command = option(command)
        return command

    return decorate
