"""The ``aligner`` command: a thin layer over the API, one module per command group.

Every command turns ``AlignerError`` into a one-line message on stderr and a non-zero exit;
nothing else reaches the user as a traceback unless ``--debug`` is given.
"""

from __future__ import annotations

import sys
from importlib import import_module

import click

from .. import __version__
from ..errors import AlignerError

# Command name -> module of this package that defines it in ``register(group)``. Modules
# are imported only when their command runs (or for --help), so that ``aligner align`` does
# not pay for the imports of ``aligner terms`` or ``aligner batch``.
COMMANDS = {
    "structure": "structure",
    "pair": "structure",
    "align": "align",
    "review": "review",
    "evaluate": "evaluate",
    "merge": "export",
    "export": "export",
    "terms": "terms",
    "check": "check",
    "batch": "batch",
}


class AlignerGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in COMMANDS:
            import_module(f"{__name__}.{COMMANDS[name]}").register(self)
        return self.commands.get(name)

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except AlignerError as error:
            click.echo(f"aligner: error: {error}", err=True)
            sys.exit(error.exit_code)
        except KeyboardInterrupt:
            click.echo("aligner: interrupted", err=True)
            sys.exit(130)
        except click.exceptions.Exit:
            raise
        except (click.ClickException, click.exceptions.Abort):
            raise
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
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Align French and English versions of institutional documents."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def main() -> None:
    cli(prog_name="aligner")
