"""``aligner review FR EN -o review.html`` (align, then write the review page) and
``aligner review --links edited.jsonl -o review.html`` (reopen an alignment, corrected or not)."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import AlignerError
from ..files import check_output
from ..links import Links, read_links
from ..wording import counted, number
from ..writers.review import disputed_keys, doubt, write_review
from .options import INPUT_PATH, alignment_options, base_language


def register(group: click.Group) -> None:
    """Add the ``review`` command to the command group."""
    group.add_command(review)


@click.command("review")
@click.argument("source", required=False, type=click.Path(path_type=Path))
@click.argument("target", required=False, type=click.Path(path_type=Path))
@click.option(
    "--links",
    "links_path",
    type=INPUT_PATH,
    help="Review this links file (.jsonl, align's .tsv, a review .xlsx) instead of aligning two files.",
)
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
    help="Links whose confidence is below this are doubtful (the page lists doubtful links first).",
)
@click.option("--title", help="Title of the page (default: from the document symbol).")
@alignment_options("Align")
def review(
    source: Path | None,
    target: Path | None,
    links_path: Path | None,
    output: Path,
    threshold: float,
    title: str | None,
    presegmented: bool,
    src_lang: str | None,
    tgt_lang: str | None,
    dictionary: tuple[str, ...],
    force: bool,
) -> None:
    """Write a self-contained page for correcting the alignment of SOURCE and TARGET (or of
    --links): doubtful links first; approve, reject, merge, split, move sentences, edit; the
    work stays in the browser and is exported as a links file for ``aligner export``.

    SOURCE and TARGET are what ``aligner align`` takes (files, folders of HTML chapters, or
    one sentence a line with --presegmented), with the same options."""
    check_output(output, [path for path in (source, target, links_path) if path is not None])
    if links_path is not None:
        if source is not None:
            raise AlignerError("give either SOURCE and TARGET or --links, not both")
        if presegmented or dictionary or force:
            raise AlignerError("--presegmented, --dictionary and --force are for aligning files, not --links")
        alignment = read_links(links_path, base_language(src_lang), base_language(tgt_lang))
    elif source is None or target is None:
        raise AlignerError("give SOURCE and TARGET files to align, or --links LINKS to reopen an alignment")
    else:
        from .align import aligned_links

        alignment = aligned_links(source, target, presegmented, src_lang, tgt_lang, dictionary, force)
    write_review(alignment, output, title=title, threshold=threshold)
    click.echo(f"{output}: {_summary(alignment, threshold)}")


def _summary(alignment: Links, threshold: float) -> str:
    disputed = disputed_keys(alignment)
    doubtful = sum(bool(doubt(pair, threshold, disputed)) for pair in alignment.pairs)
    reviewed = sum(bool(pair.status) for pair in alignment.pairs)
    below = sum(pair.confidence < threshold for pair in alignment.pairs)
    gaps = sum(not pair.source.strip() or not pair.target.strip() for pair in alignment.pairs)
    text = f"{counted(len(alignment.pairs), 'link')}, {number(below)} below {threshold:g}, "
    text += f"{number(gaps)} with an empty side, {number(doubtful)} doubtful listed first"
    return text + (f", {number(reviewed)} already reviewed" if reviewed else "")
