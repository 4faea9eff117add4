"""Files in and out, refused in one line before they can hurt.

Inputs are regular files of bounded size: a folder, a device (``/dev/zero`` would be read
until memory runs out), a named pipe (a read would block forever) or a socket is refused
before it is opened, and so is a file larger than the input limit (200 MB unless the
``ALIGNER_MAX_INPUT_MB`` environment variable or ``aligner --max-input-mb`` says otherwise).
The file is then opened without blocking and checked again, so that a path swapped for a
pipe in between cannot hang the reader, and read up to the limit only.

Outputs never harm a file: an output path that is a folder, a device, a pipe or a socket is
refused (renaming a finished temporary file over ``/dev/full`` would replace the device), and
so is an output that is one of the inputs (the same file under any name, hard links and
symbolic links included). Writing itself goes through ``aligner.atomic``.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from .errors import AlignerError, InputError
from .wording import counted

MAX_INPUT_ENV = "ALIGNER_MAX_INPUT_MB"
DEFAULT_MAX_INPUT_MB = 200.0
_MB = 1_000_000


def max_input_bytes() -> int:
    """The input size limit in bytes, from ``ALIGNER_MAX_INPUT_MB`` (default 200 MB)."""
    value = os.environ.get(MAX_INPUT_ENV, "").strip()
    if not value:
        return int(DEFAULT_MAX_INPUT_MB * _MB)
    try:
        megabytes = float(value)
    except ValueError:
        megabytes = -1.0
    if not megabytes > 0 or megabytes == float("inf"):
        raise AlignerError(f"{MAX_INPUT_ENV}={value!r}: the input size limit must be a positive number of MB")
    return int(megabytes * _MB)


def file_kind(mode: int) -> str:
    """What a file is, in words ("a folder", "a device", "a named pipe (FIFO)"...)."""
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _stat(path: Path) -> os.stat_result:
    try:
        return os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except NotADirectoryError:
        raise InputError(f"{path}: no such file (a part of the path is not a folder)") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None


def _size_text(size: int) -> str:
    return f"{size / _MB:,.1f} MB" if size >= _MB else counted(size, "byte")


def check_input(path: str | Path, limit: int | None = None) -> os.stat_result:
    """Refuse, in one line, an input that is missing, not a regular file, or over the limit."""
    path = Path(path)
    status = _stat(path)
    if not stat.S_ISREG(status.st_mode):
        raise InputError(f"{path}: is {file_kind(status.st_mode)}, not a regular file")
    _check_size(path, status.st_size, max_input_bytes() if limit is None else limit)
    return status


def _check_size(path: Path, size: int, limit: int) -> None:
    if size > limit:
        raise InputError(
            f"{path}: {_size_text(size)} is over the input size limit of {_size_text(limit)} "
            f"(raise it with {MAX_INPUT_ENV} or aligner --max-input-mb)"
        )


def check_input_folder(path: str | Path) -> None:
    """A folder given as an input (HTML chapters): it must be a folder, not a device."""
    path = Path(path)
    if not os.path.lexists(path):
        raise InputError(f"{path}: not a folder (there is no such file or folder)")
    status = _stat(path)
    if not stat.S_ISDIR(status.st_mode):
        raise InputError(f"{path}: is {file_kind(status.st_mode)}, not a folder")


def read_input(path: str | Path, limit: int | None = None) -> bytes:
    """The bytes of an input file, refused in one line if it is not a regular file of at
    most ``limit`` bytes (default: the input size limit)."""
    path = Path(path)
    limit = max_input_bytes() if limit is None else limit
    check_input(path, limit)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode):  # the path changed since it was checked
            raise InputError(f"{path}: is {file_kind(status.st_mode)}, not a regular file")
        try:
            data = stream.read(limit + 1)
        except OSError as error:
            raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    if len(data) > limit:  # the file grew since it was checked
        _check_size(path, len(data), limit)
    return data


def read_input_text(path: str | Path, encoding: str = "utf-8-sig") -> str:
    """An input file's text; bytes that are not ``encoding`` are a one-line error."""
    data = read_input(path)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        name = encoding.removesuffix("-sig").upper()
        raise InputError(f"{path}: not {name} text (byte {error.start} cannot be decoded)") from None


def check_output(path: str | Path, inputs: Iterable[str | Path] = ()) -> None:
    """Refuse, in one line, an output path that is not a regular file (or not there yet),
    or that is one of ``inputs``."""
    path = Path(path)
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise AlignerError(f"cannot write {path}: {error.strerror or error}") from None
    if not stat.S_ISREG(status.st_mode):
        raise AlignerError(f"cannot write {path}: it is {file_kind(status.st_mode)}, not a regular file")
    for source in inputs:
        if _same_file(status, source):
            raise AlignerError(f"cannot write {path}: that would overwrite the input {source}")


def _same_file(status: os.stat_result, other: str | Path) -> bool:
    try:
        other_status = os.stat(other)
    except OSError:
        return False
    return (status.st_dev, status.st_ino) == (other_status.st_dev, other_status.st_ino)


def check_output_folder(path: str | Path) -> None:
    """An output folder (batch): a folder or nothing yet, never a file or a device."""
    path = Path(path)
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise AlignerError(f"cannot write into {path}: {error.strerror or error}") from None
    if not stat.S_ISDIR(status.st_mode):
        raise AlignerError(f"cannot write into {path}: it is {file_kind(status.st_mode)}, not a folder")


def text_lines(text: str) -> list[str]:
    """The lines of a file's text, ended by LF, CRLF or CR only: a U+2028 or a form feed
    inside a record (which ``str.splitlines`` would break on) stays in its line."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def json_value(text: str, where: str) -> object:
    """One JSON value from an input, or a one-line error: bad syntax, a number too long for
    Python to read (over 4,300 digits), nesting too deep to parse."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{where}: not JSON ({error.msg})") from None
    except ValueError as error:
        raise InputError(f"{where}: not readable JSON ({' '.join(str(error).split()[:8])})") from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply") from None
