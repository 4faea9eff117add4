"""What a batch run is asked to do, and the digests that tell a rerun what changed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

from ..errors import AlignerError
from ..files import check_input
from ..profiles import DEFAULT_PAIR, Language

READ_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class BatchSettings:
    """Everything that shapes a pair's outputs. Two runs with equal settings and equal input
    files produce byte-identical per-pair outputs, so a pair is redone only when its inputs or
    these settings change.

    ``created`` is the TMX creation date of every memory of the batch (ISO 8601, UTC): one
    value per batch, so that outputs do not differ by the moment a pair happened to finish.
    """

    created: str
    min_confidence: float = 0.0
    low_confidence: str = "drop"
    segtype: str = "sentence"
    inline: str = "text"
    labels: str = "auto"
    note: str = ""
    creation_id: str = ""
    unit_dates: bool = False
    checks: tuple[str, ...] = ()
    skip_checks: tuple[str, ...] = ()
    shared_model: bool = False
    keep_identical: bool = False
    # The batch's languages, source then target: which files pair, and which way.
    languages: tuple[Language, Language] = DEFAULT_PAIR

    def digest(self) -> str:
        """A digest of every setting (languages by their codes): equal for equal settings."""
        record = {setting.name: getattr(self, setting.name) for setting in fields(self)}
        return text_digest(json.dumps(record, sort_keys=True, default=str))

    def created_moment(self) -> datetime:
        """The batch's creation date as a moment in UTC."""
        return parse_moment(self.created)


def parse_moment(value: str) -> datetime:
    """An ISO 8601 date or date-time, taken as UTC when it names no zone."""
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise AlignerError(f"not an ISO 8601 date or time: {value!r} (e.g. 2024-05-01T09:00:00Z)") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def moment_text(moment: datetime) -> str:
    """A moment as ISO 8601 in UTC to the second ("2024-05-01T09:00:00Z"), as memories date their
    units."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def text_digest(*parts: str) -> str:
    """A digest of the parts, each ended by a NUL (so that ("ab", "c") and ("a", "bc") differ)."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def input_digest(paths: Iterable[Path]) -> str:
    """A digest of the contents of the input files (a folder counts as all the files under
    it, with their relative names). File names and dates do not count: a renamed or touched
    file with the same bytes is unchanged."""
    digest = hashlib.blake2b(digest_size=16)
    for path in paths:
        digest.update(b"\1input\0")
        for name, file in input_files(path):
            digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
            update_from_file(digest, file)
    return digest.hexdigest()


def input_files(path: Path) -> list[tuple[str, Path]]:
    """The files an input stands for, with their names relative to it: the file itself, or every
    file under a folder in sorted order."""
    if not path.is_dir():
        return [("", path)]
    return [(str(file.relative_to(path)), file) for file in sorted(path.rglob("*")) if file.is_file()]


def update_from_file(digest: hashlib.blake2b, path: Path) -> None:
    """Feed the file's bytes; a file that cannot or must not be read (a device, a pipe, a file
    over the input size limit) feeds why instead (the pair will fail on it)."""
    try:
        check_input(path)
    except AlignerError as error:
        digest.update(f"\0refused:{error}".encode("utf-8", "surrogateescape"))
        return
    try:
        with open(path, "rb") as stream:
            while chunk := stream.read(READ_CHUNK):
                digest.update(chunk)
    except OSError as error:
        digest.update(f"\0unreadable:{type(error).__name__}".encode())
