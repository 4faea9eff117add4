"""A batch run: discover the pairs, skip those the journal shows unchanged, run the others on
local processes or a Dask cluster, then write the merged memory, the term table and the
summary.

Layout of the output folder::

    pairs/<id>/memory.tmx  links.jsonl  checks.csv  checks.html  pair.log
    merged.tmx  terms.csv  terms.tbx  summary.csv  summary.parquet  batch.log
    .batch/     journal.jsonl  lock  created  model-<digest>.pkl  corpus.json

Every file is renamed into place whole; the journal records a pair only after its outputs
are in place, so a run killed at any moment resumes where it stopped.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from tqdm import tqdm

from ..atomic import atomic_open
from ..checks import select_checks
from ..errors import AlignerError
from ..files import check_output_folder
from ..wording import counted, number
from .corpus import MERGED_NAME, TERM_NAMES, CorpusOutputs, batch_terms, merge_batch
from .discover import Discovery, PairSpec, Unpaired, discover
from .executors import DaskCluster, Executor, LocalProcesses, WorkerLost
from .journal import BatchLock, JournalRecord, JournalWriter, compact_journal, read_journal
from .limits import DEFAULT_LIMITS, PairLimits
from .settings import BatchSettings, input_digest, moment_text, parse_moment, text_digest
from .shared import ShippedModel, fit_shared, ship
from .summary import PairRow, status_counts, summary_frame, write_summary
from .worker import (
    KILLED_NAME,
    LOG_NAME,
    MEMORY_NAME,
    PairBlocks,
    PairJob,
    PairOutcome,
    pair_blocks,
    remove_outputs,
    run_pair,
)

STATE_FOLDER = ".batch"


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How to run: ``jobs`` local worker processes unless ``scheduler`` names a Dask
    scheduler; ``redo`` ignores the journal; ``settings.created`` empty means the date this
    output folder was first used."""

    outdir: Path
    settings: BatchSettings
    jobs: int = 1
    scheduler: str | None = None
    terms: bool = True
    progress: bool = True
    redo: bool = False
    limits: PairLimits = DEFAULT_LIMITS


@dataclass(slots=True)
class BatchReport:
    """What a batch run did: the summary row of every pair, the corpus outputs (merged memory, term
    table), the files no convention named, the journal lines a kill had cut, and how long the run
    and its alignments took."""

    rows: list[PairRow]
    corpus: CorpusOutputs
    ignored: list[Path] = field(default_factory=list)
    broken_journal_lines: int = 0
    seconds: float = 0.0
    aligned_links: int = 0
    aligning_seconds: float = 0.0

    @property
    def counts(self) -> dict[str, int]:
        """The number of pairs of each status."""
        return status_counts(self.rows)

    @property
    def sentence_pairs_per_second(self) -> float:
        """Links made per second spent aligning (0 when nothing was aligned)."""
        return self.aligned_links / self.aligning_seconds if self.aligning_seconds else 0.0


@dataclass(frozen=True, slots=True)
class BatchPaths:
    """Where a batch keeps its outputs and its state, under the output folder."""

    outdir: Path

    @property
    def state(self) -> Path:
        """The folder of the batch's own state (journal, lock, shared model)."""
        return self.outdir / STATE_FOLDER

    @property
    def journal(self) -> Path:
        """The journal of the pairs done, one JSON line each."""
        return self.state / "journal.jsonl"

    def pair_folder(self, pair_id: str) -> Path:
        """Where the outputs of one pair go."""
        return self.outdir / "pairs" / pair_id


def run_batch(sources: Sequence[str | Path], options: BatchOptions) -> BatchReport:
    """Align every pair the sources hold (folders or manifests) into the output folder, redoing only the pairs
    whose inputs or settings changed, and write the corpus outputs and the summary."""
    started = time.perf_counter()
    paths = BatchPaths(Path(options.outdir))
    select_checks(
        options.settings.checks, options.settings.skip_checks
    )  # unknown names: one error, not one per pair
    check_output_folder(paths.outdir)
    with BatchLock(paths.state / "lock"):
        remove_leftovers(paths.outdir)
        discovery = discover(sources, exclude=paths.outdir, languages=options.settings.languages)
        settings = settled_settings(options.settings, paths)
        executor = choose_executor(options)
        journal = read_journal(paths.journal)
        digests = {pair.id: input_digest([pair.source, pair.target]) for pair in discovery.pairs}
        model = shared_model(discovery.pairs, digests, settings, paths, executor, options)
        jobs, rows = plan(discovery.pairs, digests, settings, model, journal.latest, paths, options)
        rows += [unpaired_row(unpaired) for unpaired in discovery.unpaired]
        report = BatchReport(rows, CorpusOutputs(), discovery.ignored, journal.broken_lines)
        run_jobs(jobs, model, executor, paths, journal.latest, report, options.progress)
        compact_journal(paths.journal, journal.latest.values())
        write_summary(
            summary_frame(report.rows), paths.outdir
        )  # before the term table, the stage that can run out of memory
        report.corpus = corpus_outputs(report.rows, journal.latest, settings, paths, options.terms)
        report.seconds = time.perf_counter() - started
        write_batch_log(report, discovery, paths)
    return report


def remove_leftovers(outdir: Path) -> None:
    """Temporary files of a run that was killed while writing (``aligner.atomic`` names them
    ``.<name>.<random>.part``); under the lock no other run can be writing them."""
    for leftover in outdir.rglob(".*.part"):
        leftover.unlink(missing_ok=True)


def settled_settings(settings: BatchSettings, paths: BatchPaths) -> BatchSettings:
    """The settings with a creation date: the one asked for, else the one this output folder
    got on its first run (so a resumed or repeated run writes the same memories)."""
    stored = paths.state / "created"
    if settings.created:
        created = moment_text(parse_moment(settings.created))
    elif stored.exists():
        return replace(settings, created=stored.read_text(encoding="utf-8").strip())
    else:
        created = moment_text(datetime.now(UTC).replace(microsecond=0))
    if not stored.exists():
        with atomic_open(stored) as stream:
            stream.write(created + "\n")
    return replace(settings, created=created)


def choose_executor(options: BatchOptions) -> Executor:
    """The Dask cluster asked for, else local worker processes."""
    if options.scheduler:
        return DaskCluster(options.scheduler)
    if options.jobs < 1:
        raise AlignerError(f"the number of jobs must be at least 1, got {options.jobs}")
    return LocalProcesses(options.jobs)


def fingerprint(digest: str, settings: BatchSettings, model: ShippedModel | None) -> str:
    """What a pair's outputs depend on: its input files, the settings and the shared model."""
    return text_digest(digest, settings.digest(), model.digest if model else "")


def plan(
    pairs: Sequence[PairSpec],
    digests: dict[str, str],
    settings: BatchSettings,
    model: ShippedModel | None,
    latest: dict[str, JournalRecord],
    paths: BatchPaths,
    options: BatchOptions,
) -> tuple[list[PairJob], list[PairRow]]:
    """Jobs for the pairs to (re)do, largest inputs first so that no long pair starts last,
    and the rows of the pairs the journal shows done from the same inputs and settings."""
    jobs: list[PairJob] = []
    rows: list[PairRow] = []
    for pair in pairs:
        job = PairJob(
            pair,
            paths.pair_folder(pair.id),
            fingerprint(digests[pair.id], settings, model),
            settings,
            options.limits,
        )
        record = latest.get(pair.id)
        if not options.redo and record is not None and unchanged(record, job):
            rows.append(replace(PairRow.from_record(record.row), status="skipped"))
        else:
            jobs.append(job)
    jobs.sort(key=lambda job: -input_size(job.pair))
    return jobs, rows


def unchanged(record: JournalRecord, job: PairJob) -> bool:
    """Did an earlier run align this pair, with the same fingerprint, and are its outputs there?"""
    return (
        record.status == "ok"
        and record.fingerprint == job.fingerprint
        and (job.folder / MEMORY_NAME).exists()
    )


def input_size(pair: PairSpec) -> int:
    """The bytes of a pair's input files (a folder of HTML chapters counts all of its files)."""
    size = 0
    for path in (pair.source, pair.target):
        files = path.rglob("*") if path.is_dir() else [path]
        size += sum(file.stat().st_size for file in files if file.is_file())
    return size


def unpaired_row(unpaired: Unpaired) -> PairRow:
    """The summary row of files that make no pair, with the reason."""
    return PairRow(
        id=unpaired.id,
        source="; ".join(map(str, unpaired.paths)),
        target="",
        status="failed",
        reason=f"unpaired: {unpaired.reason}",
    )


# --- running the pairs ------------------------------------------------------------------------


def run_jobs(
    jobs: list[PairJob],
    model: ShippedModel | None,
    executor: Executor,
    paths: BatchPaths,
    latest: dict[str, JournalRecord],
    report: BatchReport,
    progress: bool,
) -> None:
    """Run the jobs, journaling each pair as it finishes and showing progress."""
    bar = tqdm(
        total=len(jobs),
        desc="aligning",
        unit="pair",
        file=sys.stderr,
        disable=bar_disabled(progress),
        dynamic_ncols=True,
    )
    started = time.perf_counter()
    with JournalWriter(paths.journal) as journal, bar:
        for job, outcome in executor.results(run_pair, jobs, model, give_up=killed_for_a_limit):
            if not isinstance(outcome, PairOutcome):
                outcome = lost_outcome(job, outcome)
            record = JournalRecord(
                job.pair.id, outcome.fingerprint, outcome.row.status, outcome.row.as_record(), outcome.cost
            )
            journal.append(record)
            latest[record.id] = record
            report.rows.append(outcome.row)
            report.aligned_links += outcome.row.links
            report.aligning_seconds = time.perf_counter() - started
            bar.set_postfix_str(f"{report.sentence_pairs_per_second:.0f} sentence pairs/s", refresh=False)
            bar.update()


def bar_disabled(progress: bool) -> bool | None:
    """tqdm's ``disable``: None lets it show the bar only when stderr is a terminal."""
    return None if progress else True


def killed_for_a_limit(job: PairJob) -> bool:
    """Was the pair's worker killed because the pair would not stop at its limit?"""
    return (job.folder / KILLED_NAME).exists()


def lost_outcome(job: PairJob, error: object) -> PairOutcome:
    """A failed row for a pair whose worker never answered; its log says so."""
    reason = (
        f"worker: {error}" if isinstance(error, WorkerLost) else f"worker: {type(error).__name__}: {error}"
    )
    marker = job.folder / KILLED_NAME
    if marker.exists():
        reason = " ".join(marker.read_text(encoding="utf-8", errors="replace").split())
        marker.unlink(missing_ok=True)
    row = PairRow(
        id=job.pair.id,
        source=str(job.pair.source),
        target=str(job.pair.target),
        status="failed",
        reason=reason,
    )
    remove_outputs(job.folder)
    with atomic_open(job.folder / LOG_NAME, newline="\n") as stream:
        stream.write(f"pair {job.pair.id}\nfailed: {reason}\n")
    return PairOutcome(row, job.fingerprint)


# --- the shared model -----------------------------------------------------------------------


def shared_model(
    pairs: Sequence[PairSpec],
    digests: dict[str, str],
    settings: BatchSettings,
    paths: BatchPaths,
    executor: Executor,
    options: BatchOptions,
) -> ShippedModel | None:
    """With ``--shared-model``: one aligner fitted on the blocks of every pair, reused from
    the output folder when the inputs and settings are those it was fitted on."""
    if not settings.shared_model or not pairs:
        return None
    digest = text_digest(settings.digest(), *(f"{pair.id}\0{digests[pair.id]}" for pair in pairs))
    stored = paths.state / f"model-{digest}.pkl"
    if stored.exists():
        return ShippedModel(digest, stored.read_bytes())
    blocks = collect_blocks(pairs, executor, options.progress, options.limits)
    if not blocks:
        return None
    model = ship(fit_shared(blocks, settings.languages), digest)
    for old in paths.state.glob("model-*.pkl"):
        old.unlink()
    with atomic_open(stored, "wb") as stream:
        stream.write(model.payload)
    return model


def collect_blocks(
    pairs: Sequence[PairSpec], executor: Executor, progress: bool, limits: PairLimits = DEFAULT_LIMITS
) -> list[tuple[list[str], list[str]]]:
    """The sentence blocks of every pair that can be read, in pair-id order (the fitted model
    must not depend on which worker finished first)."""
    by_id: dict[str, PairBlocks] = {}
    with tqdm(
        total=len(pairs),
        desc="reading for the shared model",
        unit="pair",
        file=sys.stderr,
        disable=bar_disabled(progress),
    ) as bar:
        for pair, result in executor.results(pair_blocks, list(pairs), limits):
            by_id[pair.id] = result if isinstance(result, PairBlocks) else PairBlocks(pair.id)
            bar.update()
    return [block for pair_id in sorted(by_id) for block in by_id[pair_id].blocks]


# --- outputs over the batch -----------------------------------------------------------------


def corpus_outputs(
    rows: list[PairRow],
    latest: dict[str, JournalRecord],
    settings: BatchSettings,
    paths: BatchPaths,
    terms: bool,
) -> CorpusOutputs:
    """Merged memory and term table, remade only when the set of aligned pairs changed."""
    done = sorted(row.id for row in rows if row.status in ("ok", "skipped"))
    digest = text_digest(
        settings.digest(), str(terms), *(f"{pair_id}\0{latest[pair_id].fingerprint}" for pair_id in done)
    )
    state = paths.state / "corpus.json"
    previous = read_corpus_state(state)
    if (
        previous is not None
        and previous[0] == digest
        and corpus_files_present(previous[1], paths.outdir, terms)
    ):
        return previous[1]
    memories = [paths.pair_folder(pair_id) / MEMORY_NAME for pair_id in done]
    outputs = merge_batch(memories, paths.outdir, settings.created_moment(), settings.languages)
    if terms:
        batch_terms(memories, paths.outdir, outputs, settings.languages)
    else:
        outputs.terms_note = "not asked for"
        for name in TERM_NAMES:
            (paths.outdir / name).unlink(missing_ok=True)
    with atomic_open(state) as stream:
        json.dump({"digest": digest, "outputs": outputs.as_record()}, stream)
    return outputs


def corpus_files_present(outputs: CorpusOutputs, outdir: Path, terms: bool) -> bool:
    """Are the files an earlier run reported still there (the user may have deleted some)?"""
    expected = [MERGED_NAME] if outputs.memories else []
    if terms and not outputs.terms_note:
        expected += TERM_NAMES
    return all((outdir / name).exists() for name in expected)


def read_corpus_state(path: Path) -> tuple[str, CorpusOutputs] | None:
    """The digest and outputs of the last corpus merge, None if there is none or it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data["digest"], CorpusOutputs(**data["outputs"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_batch_log(report: BatchReport, discovery: Discovery, paths: BatchPaths) -> None:
    """The batch's log: what was found, ignored and unpaired, and the pairs that failed with their reason."""
    lines = [
        f"{counted(len(discovery.pairs), 'pair')} found, {number(len(discovery.unpaired))} unpaired, "
        f"{counted(len(discovery.ignored), 'file')} ignored"
    ]
    lines += [f"ignored (no naming convention): {path}" for path in discovery.ignored]
    lines += [f"unpaired {unpaired.id}: {unpaired.reason}" for unpaired in discovery.unpaired]
    if report.broken_journal_lines:
        broken = counted(report.broken_journal_lines, "incomplete line")
        lines.append(f"journal: {broken} skipped (a run was cut short)")
    lines += [
        f"failed {row.id}: {row.reason}"
        for row in sorted(report.rows, key=lambda row: row.id)
        if row.status == "failed"
    ]
    counts = report.counts
    lines.append(", ".join(f"{status} {number(count)}" for status, count in counts.items()))
    lines.append(
        f"{counted(report.aligned_links, 'sentence pair')} aligned in {report.aligning_seconds:.1f} s "
        f"({report.sentence_pairs_per_second:.0f}/s); batch {report.seconds:.1f} s"
    )
    corpus = report.corpus
    lines.append(
        f"merged: {counted(corpus.memories, 'memory')}, {counted(corpus.units_read, 'unit')} read, "
        f"{counted(corpus.duplicates_removed, 'duplicate')} removed, {number(corpus.units_written)} written"
    )
    lines.append(f"terms: {number(corpus.terms)}" + (f" ({corpus.terms_note})" if corpus.terms_note else ""))
    with atomic_open(paths.outdir / "batch.log", newline="\n") as stream:
        stream.write("\n".join(lines) + "\n")
