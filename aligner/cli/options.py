"""Options that several commands share, defined once."""

from __future__ import annotations

from collections.abc import Callable

import click

Decorator = Callable[[Callable], Callable]


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
