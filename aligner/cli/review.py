"""``aligner review FR EN -o review.html``: align two files and write the review page."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import AlignerError
from ..model import Bitext
from ..writers.review import write_review


def register(group: click.Group) -> None:
    group.add_command(review)


@click.command("review")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("target", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The HTML page to write.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=0.9,
    show_default=True,
    help="The page first shows only the links whose confidence is below this.",
)
@click.option("--title", help="Title of the page (default: from the document symbol).")
def review(source: Path, target: Path, output: Path, threshold: float, title: str | None) -> None:
    """Write a self-contained HTML page for checking the doubtful links of SOURCE and TARGET first."""
    bitext = _align(source, target)
    write_review(bitext, output, title=title, threshold=threshold)
    doubtful = sum(1 for link in bitext.links if link.confidence < threshold)
    click.echo(f"{output}: {len(bitext.links)} links, {doubtful} below {threshold:g}")


def _align(source: Path, target: Path) -> Bitext:
    """The pipeline is imported here: the command must load even before the pipeline exists."""
    try:
        from ..pipeline import align_files
    except ImportError as error:
        if error.name not in ("aligner.pipeline", None):
            raise
        raise AlignerError("the alignment pipeline (aligner.pipeline) is not available") from error
    return align_files(source, target)
