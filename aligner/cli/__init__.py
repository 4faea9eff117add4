"""The ``aligner`` command: a thin layer over the API, one module per command group.

Every command turns ``AlignerError`` into a one-line message on stderr and a non-zero exit;
nothing else reaches the user as a traceback unless ``--debug`` is given.
"""

from __future__ import annotations

import os
import signal
import sys
from importlib import import_module
from typing import Any

import click

from .. import __version__
from ..errors import AlignerError
from ..files import MAX_INPUT_ENV, max_input_bytes


class Terminated(BaseException):
    """SIGTERM arrived: unwind like an interrupt, so that temporary files are removed."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


# Command name -> (module of this package that defines it in ``register(group)``, the line
# ``aligner --help`` shows for it). Modules are imported only when their command runs (or
# for its own --help), so that ``aligner align`` does not pay for the imports of ``aligner
# terms`` or ``aligner batch``, and ``aligner --help`` for none of them.
COMMANDS: dict[str, tuple[str, str]] = {
    "structure": ("structure", "Print the structure of a file: key, kind and first words of every unit."),
    "pair": ("structure", "Pair the units of two files and report where their structures disagree."),
    "align": ("align", "Align two files (FR EN): structure, then sentences; links or a memory."),
    "review": ("review", "Write a self-contained page for correcting an alignment."),
    "evaluate": ("evaluate", "Score predicted links against a gold alignment (strict and lax P/R/F1)."),
    "merge": ("export", "Merge memories or links files into one TMX, duplicates removed."),
    "export": ("export", "Write a memory, links file or review sheet from a links file."),
    "terms": ("terms", "Extract bilingual term pairs from aligned segments."),
    "check": ("check", "Check aligned segment pairs for inconsistent translations."),
    "batch": ("batch", "Align every document pair of folders or manifests, in parallel, resumable."),
}


def _usage_error(error: click.UsageError) -> None:
    """One line, as for every other error (Click would print the usage text first)."""
    command = f" {error.ctx.info_name}" if error.ctx and error.ctx.parent else ""
    message = " ".join(error.format_message().split())
    click.echo(f"aligner: error: {message} (see aligner{command} --help)", err=True)
    sys.exit(error.exit_code)


class AlignerGroup(click.Group):
    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as error:
            _usage_error(error)
            raise

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in COMMANDS:
            import_module(f"{__name__}.{COMMANDS[name][0]}").register(self)
        return self.commands.get(name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands and their lines from ``COMMANDS``, without importing any of them."""
        with formatter.section("Commands"):
            formatter.write_dl([(name, COMMANDS[name][1]) for name in self.list_commands(ctx)])

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AlignerError as error:
            click.echo(f"aligner: error: {error}", err=True)
            sys.exit(error.exit_code)
        except KeyboardInterrupt:
            click.echo("aligner: interrupted", err=True)
            sys.exit(130)
        except Terminated:
            click.echo("aligner: terminated", err=True)
            sys.exit(128 + signal.SIGTERM)
        except click.exceptions.Exit:
            raise
        except click.UsageError as error:
            _usage_error(error)
        except (click.ClickException, click.exceptions.Abort):
            raise
        except RecursionError:
            click.echo("aligner: error: the input is nested too deeply to be read", err=True)
            sys.exit(2)
        except Exception as error:  # a bug or an environment failure: one line unless --debug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            kind = "error" if isinstance(error, (OSError, MemoryError)) else "internal error"
            click.echo(
                f"aligner: {kind}: {type(error).__name__}: {error} (run with --debug for the traceback)",
                err=True,
            )
            sys.exit(1)


@click.group(cls=AlignerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aligner")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.option(
    "--max-input-mb",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help=f"Refuse input files larger than this (default: ${MAX_INPUT_ENV}, else 200).",
)
@click.pass_context
def cli(ctx: click.Context, debug: bool, max_input_mb: float | None) -> None:
    """Align French and English versions of institutional documents."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    if max_input_mb is not None:
        # Through the environment, so that batch worker processes have the same limit.
        os.environ[MAX_INPUT_ENV] = repr(max_input_mb)
    try:
        max_input_bytes()
    except AlignerError as error:
        raise click.UsageError(str(error)) from None


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    cli(prog_name="aligner")
