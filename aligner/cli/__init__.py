"""The ``aligner`` command: a thin layer over the API, one module per command group.

Every error is one line on stderr, ``aligner COMMAND: error: ...``, and a non-zero exit:
``AlignerError`` from the library, Click's usage errors (an unknown option, a missing
argument, a bad value) and anything else unless ``--debug`` is given. Output to a pipe that
closes early (``aligner align ... | head -1``) ends quietly with status 141 (128 + SIGPIPE,
as a program killed by SIGPIPE), and a console that cannot show a character gets a
replacement for it, never an encoding error.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import signal
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import Any, NoReturn

import click

from .. import __version__
from ..errors import AlignerError
from ..files import MAX_INPUT_ENV, max_input_bytes

PROGRAM = "aligner"


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

_LINE_BREAKS = re.compile(r"\s*\n\s*")


def one_line(message: str) -> str:
    """A message on one line: line breaks (a parser's multi-line error) become spaces."""
    return _LINE_BREAKS.sub(" ", message.strip())


def _click_message(error: click.ClickException) -> str:
    """Click's message in the form of ours: one line, lower-case start, no final full stop
    ("No such option '--bogus'." -> "no such option '--bogus'")."""
    message = " ".join(error.format_message().split()).rstrip(".")
    if len(message) > 1 and message[0].isupper() and message[1].islower():
        message = message[0].lower() + message[1:]
    return message


def fail(command: str | None, message: str, exit_code: int) -> NoReturn:
    """Print ``aligner COMMAND: error: MESSAGE`` on stderr and exit with ``exit_code`` (also
    when stderr is a pipe that was closed: the error still decides the status)."""
    try:
        click.echo(f"{_prefix(command)}: error: {one_line(message)}", err=True)
    except BrokenPipeError:
        quiet_broken_pipe(exit_code)
    sys.exit(exit_code)


def _prefix(command: str | None) -> str:
    return f"{PROGRAM} {command}" if command else PROGRAM


def _usage_error(command: str | None, error: click.ClickException) -> NoReturn:
    hint = f" (see {_prefix(command)} --help)" if isinstance(error, click.UsageError) else ""
    fail(command, _click_message(error) + hint, error.exit_code)


def _error_command(error: click.ClickException, fallback: str | None) -> str | None:
    """The command a usage error is about: its context's command, else ``fallback``."""
    ctx = getattr(error, "ctx", None)
    if ctx is not None and ctx.parent is not None:
        return ctx.info_name
    return fallback if ctx is None else None


def quiet_broken_pipe(exit_code: int = 128 + signal.SIGPIPE) -> NoReturn:
    """The reader of our output went away (``| head -1``): stop without a word.

    What is still buffered for stdout can never be delivered; stdout is pointed at the null
    device so that flushing it at exit raises nothing either (Python's own advice for
    BrokenPipeError). stderr is kept if it still works.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (BrokenPipeError, ValueError):
                pass
            else:
                if stream is sys.stderr:
                    continue
            with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):  # a test runner's buffer
                os.dup2(devnull, stream.fileno())
    finally:
        os.close(devnull)
    sys.exit(exit_code)


def tolerant_console() -> None:
    """Characters the console's encoding cannot show (cp1252, ASCII) are replaced, never an
    error: stdout and stderr keep their encoding but replace what it lacks (JSON output
    escapes such characters instead, see ``writers.jsonl``). A UTF-8 stream keeps Python's
    ``surrogateescape`` (undecodable file names written back as they were)."""
    for stream in (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper):
            continue
        encoding = (stream.encoding or "").lower().replace("_", "-")
        lossy = stream.errors == "surrogateescape" and not encoding.startswith("utf")
        if stream.errors == "strict" or lossy:
            with contextlib.suppress(ValueError, io.UnsupportedOperation):
                stream.reconfigure(errors="replace")


def _flush_stdout() -> None:
    """Flush now, while a broken pipe can still be handled (not at interpreter exit)."""
    if sys.stdout is not None:
        sys.stdout.flush()


class AlignerGroup(click.Group):
    """The ``aligner`` group: commands loaded on demand, every error on one line."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command line with the program's own error handling: the console made tolerant of
        any text, a usage error, an interruption or a closed pipe told in one line with its exit
        status (2, 130), never a traceback."""
        tolerant_console()
        try:
            result = super().main(args, PROGRAM, complete_var, standalone_mode=False, **extra)
            _flush_stdout()
        except click.exceptions.NoArgsIsHelpError as error:
            # ``aligner`` alone: the help, which is what was asked for.
            click.echo(error.ctx.get_help() if error.ctx else self.get_help(click.Context(self)))
            result = 0
        except click.ClickException as error:
            _usage_error(_error_command(error, None), error)
        except click.exceptions.Abort:
            fail(None, "interrupted", 130)
        except BrokenPipeError:
            quiet_broken_pipe()
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        """Click's context for the group; a pipe closed while the help is written ends quietly."""
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except BrokenPipeError:  # ``aligner --help | true``: before Click's own handler says 1
            quiet_broken_pipe()

    def list_commands(self, ctx: click.Context) -> list[str]:
        """The names of the commands, in alphabetical order (from ``COMMANDS``, none imported)."""
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        """The command ``name``, its module imported only now (so that ``aligner structure`` does
        not pay for the aligner's imports); None for an unknown name."""
        if name not in self.commands and name in COMMANDS:
            import_module(f"{__name__}.{COMMANDS[name][0]}").register(self)
        return self.commands.get(name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands and their lines from ``COMMANDS``, without importing any of them."""
        with formatter.section("Commands"):
            formatter.write_dl([(name, COMMANDS[name][1]) for name in self.list_commands(ctx)])

    def invoke(self, ctx: click.Context) -> Any:
        """Run the chosen command and turn whatever it raises into a one-line error with its exit
        status: usage errors 2, input errors their own code, interruptions 130, termination 143,
        anything unexpected "internal error" (with the traceback only under --debug)."""
        try:
            result = super().invoke(ctx)
            _flush_stdout()
            return result
        except click.exceptions.Exit:
            raise
        except BrokenPipeError:
            quiet_broken_pipe()
        except (click.exceptions.NoArgsIsHelpError, click.exceptions.Abort):
            raise
        except click.ClickException as error:
            _usage_error(_error_command(error, ctx.invoked_subcommand), error)
        except AlignerError as error:
            fail(ctx.invoked_subcommand, str(error), error.exit_code)
        except KeyboardInterrupt:
            click.echo(f"{_prefix(ctx.invoked_subcommand)}: interrupted", err=True)
            sys.exit(130)
        except Terminated:
            click.echo(f"{_prefix(ctx.invoked_subcommand)}: terminated", err=True)
            sys.exit(128 + signal.SIGTERM)
        except RecursionError:
            fail(ctx.invoked_subcommand, "the input is nested too deeply to be read", 2)
        except Exception as error:  # a bug or an environment failure: one line unless --debug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            kind = "error" if isinstance(error, (OSError, MemoryError)) else "internal error"
            click.echo(
                f"{_prefix(ctx.invoked_subcommand)}: {kind}: {type(error).__name__}: "
                f"{one_line(str(error))} (run with --debug for the traceback)",
                err=True,
            )
            sys.exit(1)


@click.group(name=PROGRAM, cls=AlignerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name=PROGRAM)
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
    """The ``aligner`` entry point: SIGTERM ends the run as an error (outputs being written are
    dropped), then the command line."""
    signal.signal(signal.SIGTERM, _terminate)
    cli()
