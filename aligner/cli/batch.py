"""``aligner batch SOURCES… -o OUTDIR``: align many document pairs, in parallel, resumably."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..batch import BatchOptions, BatchReport, BatchSettings, run_batch
from ..batch.executors import available_cores
from ..batch.limits import PairLimits
from ..profiles import DEFAULT_LANGUAGES, Language, get_profile, partner_language
from ..wording import counted, number
from .options import MemoryChoices, base_language, language_options, memory_options


def register(group: click.Group) -> None:
    """Add the ``batch`` command to the command group."""
    group.add_command(batch)


def _languages(src_lang: str | None, tgt_lang: str | None) -> tuple[Language, Language]:
    """The batch's languages from its options, resolved once: the batch carries the objects."""
    source = base_language(src_lang) or DEFAULT_LANGUAGES[0]
    target = base_language(tgt_lang) or partner_language(source)
    if source == target:
        raise click.BadParameter(
            f"the source and target languages are both {source!r}", param_hint="--tgt-lang"
        )
    return get_profile(source), get_profile(target)


def _names(value: str | None) -> tuple[str, ...]:
    return tuple(name.strip() for name in (value or "").split(",") if name.strip())


@click.command(
    epilog="Exit status: 0 if every pair was aligned (or unchanged), 1 if some failed, 2 for a usage error."
)
@click.argument("sources", nargs=-1, required=True, type=click.Path())
@click.option(
    "-o",
    "--output-dir",
    required=True,
    type=click.Path(file_okay=False),
    help="Where the outputs and the journal go.",
)
@click.option("-j", "--jobs", type=int, default=None, help="Worker processes (default: all cores).")
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    help=(
        "Run on this Dask distributed scheduler instead of local processes (its workers must see "
        "the same paths)."
    ),
)
@click.option(
    "--shared-model",
    is_flag=True,
    help=(
        "Learn one sentence-alignment model (subwords, lexicon) over the whole batch; a changed "
        "file then redoes every pair."
    ),
)
@click.option(
    "--created",
    metavar="ISO-DATE",
    default="",
    help="TMX creation date of every memory (default: the output folder's first run).",
)
@language_options(
    f"{DEFAULT_LANGUAGES[0]} to {DEFAULT_LANGUAGES[1]}",
    source="the source documents",
    target="the target documents",
)
@memory_options("memories")
@click.option("--checks", "only", help="Run only these checks (comma-separated).")
@click.option("--skip", help="Do not run these checks (comma-separated).")
@click.option("--no-terms", is_flag=True, help="Do not extract the batch's term table.")
@click.option("--redo", is_flag=True, help="Redo every pair, whatever the journal says.")
@click.option(
    "--pair-seconds",
    type=click.FloatRange(min=0),
    default=PairLimits().seconds,
    show_default=True,
    help="A pair still running after this many seconds fails (0: no limit); the batch goes on.",
)
@click.option(
    "--pair-memory-mb",
    type=click.FloatRange(min=0),
    default=PairLimits().memory_mb,
    show_default=True,
    help="A pair whose worker grows by more than this fails (0: no limit); the batch goes on.",
)
@click.option("--no-progress", is_flag=True, help="No progress bar (it is shown only on a terminal anyway).")
def batch(
    sources: tuple[str, ...],
    src_lang: str | None,
    tgt_lang: str | None,
    output_dir: str,
    jobs: int | None,
    scheduler: str | None,
    shared_model: bool,
    created: str,
    memory: MemoryChoices,
    only: str | None,
    skip: str | None,
    no_terms: bool,
    redo: bool,
    pair_seconds: float,
    pair_memory_mb: float,
    no_progress: bool,
) -> None:
    """Align every document pair found in SOURCES: folders (pairs found by file names:
    <id>/fr.txt + <id>/en.txt, X.fr.txt + X.en.txt, A_74_400_F.docx + A_74_400_E.docx,
    fr/X + en/X) or CSV manifests (id, source path, target path). The documents are French
    and English unless --src-lang/--tgt-lang name other languages (es/X + en/X).

    Writes OUTDIR/pairs/<id>/ (memory.tmx, links.jsonl, checks.csv/.html, pair.log),
    merged.tmx, terms.csv/.tbx and summary.csv/.parquet. A rerun redoes only the pairs whose
    files or settings changed, and resumes a run that was cut short.
    """
    if memory.xliff_version or memory.xliff_targets:
        raise click.UsageError("--xliff-version, --xliff-targets: a batch writes its memories as TMX")
    settings = BatchSettings(
        created=created,
        min_confidence=memory.min_confidence,
        low_confidence="note" if memory.keep_low else "drop",
        segtype=memory.segtype,
        inline=memory.inline,
        labels=memory.labels or "auto",
        note=memory.note or "",
        creation_id=memory.creation_id or "",
        unit_dates=memory.unit_dates,
        checks=_names(only),
        skip_checks=_names(skip),
        shared_model=shared_model,
        keep_identical=memory.keep_identical,
        languages=_languages(src_lang, tgt_lang),
    )
    options = BatchOptions(
        Path(output_dir),
        settings,
        jobs or available_cores(),
        scheduler,
        not no_terms,
        not no_progress,
        redo,
        PairLimits(pair_seconds, pair_memory_mb),
    )
    report = run_batch(sources, options)
    _print_report(report, Path(output_dir))
    if report.counts["failed"]:
        sys.exit(1)


def _print_report(report: BatchReport, outdir: Path) -> None:
    counts = report.counts

    def echo(line: str) -> None:
        click.echo(line, err=True)

    statuses = ", ".join(f"{status} {number(count)}" for status, count in counts.items())
    ignored = counted(len(report.ignored), "file")
    echo(
        f"{counted(len(report.rows), 'pair')}: {statuses}"
        + (f"; {ignored} ignored (no naming convention, see batch.log)" if report.ignored else "")
    )
    for row in sorted(report.rows, key=lambda row: row.id):
        if row.status == "failed":
            echo(f"  failed {row.id}: {row.reason}")
    if report.aligned_links:
        echo(
            f"aligned {counted(report.aligned_links, 'sentence pair')} in {report.aligning_seconds:.1f} s "
            f"({report.sentence_pairs_per_second:.0f}/s)"
        )
    corpus = report.corpus
    if corpus.memories:
        echo(
            f"merged {counted(corpus.memories, 'memory')}: {counted(corpus.units_written, 'unit')}, "
            f"{counted(corpus.duplicates_removed, 'duplicate')} removed -> {outdir / 'merged.tmx'}"
        )
    echo(
        f"terms: {number(corpus.terms)}"
        + (f" ({corpus.terms_note})" if corpus.terms_note else f" -> {outdir / 'terms.csv'}")
    )
    echo(f"summary -> {outdir / 'summary.csv'} (batch took {report.seconds:.1f} s)")


def main() -> None:
    """``python -m aligner.cli.batch SOURCES… -o OUTDIR``, before ``batch`` is in the main group."""
    from . import cli

    if "batch" not in cli.commands:
        register(cli)
    cli(args=["batch", *sys.argv[1:]], prog_name="aligner")


if __name__ == "__main__":
    main()
