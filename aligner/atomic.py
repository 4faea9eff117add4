"""Outputs appear whole or not at all: write to a temporary file beside the target, then rename.

The temporary file is ``.<name>.<host>-<pid>.<random>.part`` in the target's folder, its name
cut so that it is never longer than the longest name the file system allows (a valid
250-byte output name works). A target that is a folder, a device, a pipe or a socket is
refused before anything is written (see ``aligner.files``). A process killed outright leaves
its temporary file behind; the next write of the same target removes the temporary files of
processes of this machine that no longer run.
"""

from __future__ import annotations

import os
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from .files import check_output

PART_SUFFIX = ".part"
# Room kept in a file name for ".", the owner, the random part mkstemp adds and ".part".
_OWNER_CHARACTERS = 40
_RANDOM_CHARACTERS = 8


def _current_umask() -> int:
    """The process umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _name_limit(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def _owner() -> str:
    host = "".join(char for char in socket.gethostname() if char.isalnum() or char in "-_")[:24]
    return f"{host or 'host'}-{os.getpid()}"


def _temporary_prefix(target: Path) -> str:
    """``.<name>.<owner>.`` with the name cut (on a character boundary) to fit the limit."""
    owner = _owner()
    room = _name_limit(target.parent) - len(owner.encode()) - len(PART_SUFFIX) - _RANDOM_CHARACTERS - 3
    name = target.name.encode("utf-8", "surrogateescape")[: max(room, 1)]
    return f".{name.decode('utf-8', 'ignore') or 'output'}.{owner}."


def remove_stale_parts(target: Path) -> None:
    """Temporary files of ``target`` left by processes of this host that no longer run."""
    prefix = _temporary_prefix(target).rsplit(".", 2)[0] + "."
    host = _owner().rsplit("-", 1)[0]
    try:
        candidates = [entry for entry in os.scandir(target.parent) if entry.name.startswith(prefix)]
    except OSError:
        return
    for entry in candidates:
        owner = entry.name[len(prefix) :].split(".", 1)[0]
        entry_host, _, pid = owner.rpartition("-")
        if entry.name.endswith(PART_SUFFIX) and entry_host == host and pid.isdigit() and not _alive(int(pid)):
            with suppress(OSError):
                os.unlink(entry.path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it over ``path`` on success.

    On any exception the temporary file is removed and ``path`` is left as it was.
    """
    target = Path(path)
    check_output(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_parts(target)
    handle, temp_name = tempfile.mkstemp(
        prefix=_temporary_prefix(target), suffix=PART_SUFFIX, dir=target.parent
    )
    os.close(handle)
    temp = Path(temp_name)
    try:
        # mkstemp makes the file private (0600); an output should get the usual permissions.
        os.chmod(temp, 0o666 & ~_current_umask())
        yield temp
        check_output(target)  # not turned into a folder or a device while we wrote
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_open(
    path: str | Path, mode: str = "w", encoding: str | None = "utf-8", newline: str | None = None
) -> Iterator[IO[Any]]:
    """Open a temporary file for writing; it replaces ``path`` only if the block succeeds."""
    if "b" in mode:
        encoding = None
    with atomic_path(path) as temp, open(temp, mode, encoding=encoding, newline=newline) as stream:
        yield stream
        stream.flush()
        os.fsync(stream.fileno())
