"""The job of one pair, run in a worker process (local pool or Dask worker).

A pair goes through the whole pipeline: read and orient both files (French first), pair the
structures, align the sentences, write the memory (TMX), the links (JSONL) and the check
reports, each through ``aligner.atomic``. Whatever goes wrong becomes a failed row with a
one-line reason (the traceback goes to the pair's log); a job never raises, so one bad pair
never stops the others.
"""

from __future__ import annotations

import os
import resource
import socket
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import atomic_open
from ..checks import run_checks, select_checks
from ..checks.report import write_report
from ..errors import AlignerError, InputError
from ..links import LinksMeta, links_meta
from ..model import Bitext, Document, SegmentPair
from ..pipeline import align_documents, bitext_segments, load_document, pair_documents, paragraph_segments
from ..profiles import Language
from ..wording import counted, number
from ..writers import write_segments
from .discover import PairSpec
from .journal import WorkerCost
from .limits import DEFAULT_LIMITS, PairLimits, limited
from .settings import BatchSettings
from .shared import Block, ShippedModel, align_with, block_texts, unpacked
from .summary import PairRow

MEMORY_NAME = "memory.tmx"
LINKS_NAME = "links.jsonl"
REPORT_NAMES = ("checks.csv", "checks.html")
LOG_NAME = "pair.log"
# Left by a worker killed because its pair would not stop at its limit (see ``limits``).
KILLED_NAME = ".killed"
OUTPUT_NAMES = (MEMORY_NAME, LINKS_NAME, *REPORT_NAMES)


@dataclass(frozen=True, slots=True)
class PairJob:
    """What a worker needs to run one pair: the pair, its output folder, the settings and
    the fingerprint the journal will record for it."""

    pair: PairSpec
    folder: Path
    fingerprint: str
    settings: BatchSettings
    limits: PairLimits = DEFAULT_LIMITS


@dataclass(slots=True)
class PairOutcome:
    """What a worker returns for one pair: its summary row, the fingerprint its outputs were made
    for, and what it cost (CPU time, peak memory)."""

    row: PairRow
    fingerprint: str
    cost: WorkerCost = field(default_factory=WorkerCost)


@dataclass(slots=True)
class PairBlocks:
    """The sentence blocks of one pair, for fitting a shared model (or why there are none)."""

    id: str
    blocks: list[Block] = field(default_factory=list)
    reason: str = ""


class PairLog:
    """The lines of a pair's log, timed from the start of the job; written whole at the end."""

    def __init__(self, pair_id: str) -> None:
        self.started = time.perf_counter()
        self.stage = "starting"
        self.lines = [f"pair {pair_id}"]

    def note(self, message: str) -> None:
        """Add a line to the log, timed from the start of the job."""
        self.lines.append(f"[{time.perf_counter() - self.started:8.2f} s] {message}")

    def enter(self, stage: str) -> None:
        """Note that the job enters ``stage`` (what a failure is then said to have happened in)."""
        self.stage = stage
        self.note(stage)

    def write(self, path: Path) -> None:
        """Write the log at ``path``, whole or not at all."""
        with atomic_open(path, "w", newline="\n") as stream:
            stream.write("\n".join(self.lines) + "\n")


def run_pair(job: PairJob, model: ShippedModel | None = None) -> PairOutcome:
    """Align one pair and write its outputs; never raises for a problem of the pair."""
    cpu_started = time.process_time()
    log = PairLog(job.pair.id)
    row = PairRow(id=job.pair.id, source=str(job.pair.source), target=str(job.pair.target))
    (job.folder / KILLED_NAME).unlink(missing_ok=True)
    try:
        with limited(job.limits, job.folder / KILLED_NAME):
            align_pair(job, model, row, log)
    except Exception as error:  # any failure of one pair is that pair's row, not the batch's end
        row = PairRow(
            id=row.id,
            source=row.source,
            target=row.target,
            status="failed",
            reason=failure_reason(log.stage, error),
            notes=row.notes,
        )  # no half-counted figures
        log.note(f"failed: {row.reason}")
        log.lines += traceback.format_exc().rstrip("\n").splitlines()
        remove_outputs(job.folder)
    row.seconds = round(time.perf_counter() - log.started, 3)
    log.note(f"{row.status} in {row.seconds:.2f} s")
    log.write(job.folder / LOG_NAME)
    cost = WorkerCost(
        f"{socket.gethostname()}:{os.getpid()}", round(time.process_time() - cpu_started, 3), peak_rss_mb()
    )
    return PairOutcome(row, job.fingerprint, cost)


def align_pair(job: PairJob, model: ShippedModel | None, row: PairRow, log: PairLog) -> None:
    """Read, pair and align the documents of a pair, then write its memory, links file and checks; the stage
    under way is logged, so that a failure says where it happened."""
    settings = job.settings
    log.enter("reading")
    source, target, notes = load_oriented(job.pair)
    row.source, row.target, row.notes = source.path, target.path, notes
    log.note(
        f"source {source.path} ({source.language}, {counted(len(source.units), 'unit')}); "
        f"target {target.path} ({target.language}, {counted(len(target.units), 'unit')})"
        + (f"; {notes}" if notes else "")
    )
    log.enter("pairing structure")
    structure = pair_documents(source, target)
    log.enter("aligning sentences" + (" with the shared model" if model else ""))
    bitext = (
        align_with(structure, unpacked(model))
        if model
        else align_documents(source, target, structure=structure)
    )
    describe(row, bitext)
    log.note(
        f"{number(row.sentences_source)}/{counted(row.sentences_target, 'sentence')}, "
        f"{counted(row.links, 'link')}, {counted(row.disagreements, 'structural disagreement')}"
    )
    segments = list(batch_segments(bitext, job.pair.id, settings.segtype))
    if not any(segment.source.strip() and segment.target.strip() for segment in segments):
        raise InputError("no sentence of one file has a counterpart in the other")
    write_pair_outputs(job, segments, row, log, links_meta(bitext, pair_document(bitext, job.pair.id)))


def load_oriented(pair: PairSpec) -> tuple[Document, Document, str]:
    """Both documents, the pair's source language first. A manifest's languages are trusted;
    names found in a folder are checked against the text, and a pair named the other way
    round is turned."""
    source_lang, target_lang = pair.languages
    if pair.declared:
        return load_document(pair.source, source_lang), load_document(pair.target, target_lang), ""
    first, second = load_detected(pair.source, source_lang), load_detected(pair.target, target_lang)
    if (first.language, second.language) == (target_lang, source_lang):
        source_name, target_name = source_lang.name, target_lang.name
        note = (
            f"{pair.source.name} reads as {target_name} and {pair.target.name} as {source_name}: "
            f"aligned {source_name} → {target_name}"
        )
        return second, first, note
    return first, second, ""


def load_detected(path: Path, named: Language) -> Document:
    """The document in the language its text shows, else in the one its name says."""
    try:
        return load_document(path)
    except InputError:
        return load_document(path, named)


def describe(row: PairRow, bitext: Bitext) -> None:
    """Fill the pair's summary row with what its alignment holds (languages, sentences, units, links)."""
    structure = bitext.structure
    row.source_lang, row.target_lang = bitext.source_language.code, bitext.target_language.code
    row.sentences_source, row.sentences_target = len(bitext.source_sentences), len(bitext.target_sentences)
    row.count_links(bitext.links)
    if structure is not None:
        row.units_source, row.units_target = len(structure.source.units), len(structure.target.units)
        row.unit_pairs, row.disagreements = len(structure.paired), len(structure.disagreements)


def pair_document(bitext: Bitext, pair_id: str) -> str | None:
    """The name of the pair's document in its outputs: none of its own when it has a symbol."""
    return None if bitext.symbol else pair_id


def batch_segments(bitext: Bitext, pair_id: str, segtype: str) -> Iterator[SegmentPair]:
    """The pair's segments, named after the document symbol (A/74/400) or else the pair id,
    so that units from different pairs never share a tuid in the merged memory."""
    document = pair_document(bitext, pair_id)
    return (
        paragraph_segments(bitext, document) if segtype == "paragraph" else bitext_segments(bitext, document)
    )


def write_pair_outputs(
    job: PairJob, segments: list[SegmentPair], row: PairRow, log: PairLog, meta: LinksMeta
) -> None:
    """The pair's memory, links file (with the alignment's metadata: languages, files,
    structural disagreements, which the review page and ``aligner export`` read) and reports."""
    settings, folder = job.settings, job.folder
    log.enter("writing memory")
    memory = write_segments(
        segments,
        folder / MEMORY_NAME,
        created=settings.created_moment(),
        min_confidence=settings.min_confidence,
        low_confidence=settings.low_confidence,
        segtype=settings.segtype,
        inline=settings.inline,
        labels=settings.labels,
        note=settings.note,
        creation_id=settings.creation_id or None,
        unit_dates=settings.unit_dates,
        keep_identical=settings.keep_identical,
    )
    row.memory_units = memory.units_written
    log.note(memory.summary())
    write_segments(segments, folder / LINKS_NAME, meta=meta)
    log.enter("checking")
    checks = [check.name for check in select_checks(settings.checks, settings.skip_checks)]
    findings = run_checks(segments, only=checks) if checks else []
    row.findings = len(findings)
    inputs = (job.pair.source.name, job.pair.target.name)
    for name in REPORT_NAMES:
        write_report(findings, folder / name, checks, inputs, settings.created_moment())
    log.note(counted(len(findings), "finding"))


def remove_outputs(folder: Path) -> None:
    """Outputs of an earlier run of a pair that now fails: they no longer match its inputs."""
    for name in OUTPUT_NAMES:
        (folder / name).unlink(missing_ok=True)


def failure_reason(stage: str, error: BaseException) -> str:
    """A failure on one line, with the stage it happened in ("aligning: ...")."""
    message = str(error) if isinstance(error, AlignerError) else f"{type(error).__name__}: {error}"
    return f"{stage}: " + " ".join(message.split())


def peak_rss_mb() -> float:
    """The worker process's peak resident memory so far, in MB.

    On Linux this is ``VmHWM``, the high-water mark of the process's own memory:
    ``ru_maxrss`` would do elsewhere, but Linux carries it over ``execve`` from the process
    that forked, so a spawned worker would report its parent's size."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def pair_blocks(pair: PairSpec, limits: PairLimits = DEFAULT_LIMITS) -> PairBlocks:
    """Read and pair one document pair and return its sentence blocks (first phase of a
    shared-model batch); a pair that cannot be read gives no blocks and says why."""
    stage = "reading"
    try:
        with limited(limits):
            source, target, _ = load_oriented(pair)
            stage = "pairing structure"
            return PairBlocks(pair.id, block_texts(pair_documents(source, target)))
    except Exception as error:  # the pair fails again, with its reason, in the second phase
        return PairBlocks(pair.id, reason=failure_reason(stage, error))
