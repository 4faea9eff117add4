"""The batch journal: one JSON line per finished pair, appended and fsynced as pairs finish.

A line is written only after every output of its pair has been renamed into place, so a
line in the journal means "these outputs are whole and were made from inputs and settings
with this fingerprint". A run killed at any moment leaves at worst a half-written last line,
which reading skips (as it skips any line that is not a whole record). At the end of a run
the journal is rewritten, atomically, with only the latest record of each pair.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import atomic_open
from ..errors import AlignerError

JOURNAL_VERSION = 1


@dataclass(frozen=True, slots=True)
class WorkerCost:
    """What a pair cost the process that ran it: CPU time of all its threads, and the peak
    resident memory of the process so far. ``worker`` is ``host:pid``."""

    worker: str = ""
    cpu_seconds: float = 0.0
    peak_rss_mb: float = 0.0


@dataclass(slots=True)
class JournalRecord:
    """A finished pair: its id, the fingerprint of what it was made from, its status
    ("ok" or "failed"), its summary row, and what it cost its worker."""

    id: str
    fingerprint: str
    status: str
    row: dict[str, Any] = field(default_factory=dict)
    cost: WorkerCost = WorkerCost()

    def line(self) -> str:
        """The record as one JSON line (keys sorted, with the journal's version), as the journal
        appends it."""
        record = {
            "v": JOURNAL_VERSION,
            "id": self.id,
            "fingerprint": self.fingerprint,
            "status": self.status,
            "row": self.row,
            "cost": asdict(self.cost),
        }
        return json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"

    @classmethod
    def parse(cls, line: str) -> JournalRecord | None:
        """The record on a line, or None for a line that is not a whole record."""
        try:
            data = json.loads(line)
        except ValueError:
            return None
        if not isinstance(data, dict) or data.get("v") != JOURNAL_VERSION:
            return None
        try:
            return cls(
                str(data["id"]),
                str(data["fingerprint"]),
                str(data["status"]),
                dict(data["row"]),
                WorkerCost(**data.get("cost", {})),
            )
        except (KeyError, TypeError, ValueError):
            return None


@dataclass(slots=True)
class JournalContents:
    """What a journal holds: the latest record of each pair by id, and how many lines were cut (a
    write a kill interrupted)."""

    latest: dict[str, JournalRecord]
    broken_lines: int = 0


def read_journal(path: Path) -> JournalContents:
    """The latest record of each pair; lines that do not parse (a write cut by a kill) are
    counted and skipped."""
    contents = JournalContents({})
    if not path.exists():
        return contents
    with open(path, "rb") as stream:
        for raw in stream:
            record = JournalRecord.parse(raw.decode("utf-8", "replace"))
            if record is None:
                contents.broken_lines += bool(raw.strip())
            else:
                contents.latest[record.id] = record
    return contents


class JournalWriter:
    """Appends records, each in one write and fsynced before the next pair is reported."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        if not ends_with_newline(path):
            os.write(self._fd, b"\n")  # close a line cut by a kill, so the next one stands alone

    def append(self, record: JournalRecord) -> None:
        """Append one record in a single write and fsync it, so that a kill after it leaves the
        record whole."""
        os.write(self._fd, record.line().encode("utf-8"))
        os.fsync(self._fd)

    def close(self) -> None:
        """Close the journal file."""
        os.close(self._fd)

    def __enter__(self) -> JournalWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def ends_with_newline(path: Path) -> bool:
    """Whether the file is empty or ends with a line break (else its last line was cut)."""
    size = path.stat().st_size
    if size == 0:
        return True
    with open(path, "rb") as stream:
        stream.seek(size - 1)
        return stream.read(1) == b"\n"


def compact_journal(path: Path, records: Iterable[JournalRecord]) -> None:
    """Replace the journal by these records (the latest of each pair), atomically."""
    with atomic_open(path, "w", newline="\n") as stream:
        for record in records:
            stream.write(record.line())


class BatchLock:
    """An exclusive lock on an output folder: two batches writing one folder would mix their
    journals. The kernel drops it when the process dies, however it dies."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def __enter__(self) -> BatchLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise AlignerError(
                f"{self.path.parent.parent}: another batch is running on this output folder"
            ) from None
        self._fd = fd
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
