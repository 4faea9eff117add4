"""A time and memory limit for each pair of a batch, so that one pair cannot stop the others.

A pair runs under ``limited(limits)``: past ``seconds`` of wall time, or once the worker has
grown by more than ``memory_mb`` since the pair started, the pair's call is interrupted with
``PairLimitExceeded`` (it becomes a failed row, listed with its reason, and the batch goes
on). In the main thread of a worker process (the local pool) the time limit is a real-time
timer, which interrupts Python code, regular expressions and blocking system calls alike;
memory is watched by a thread that signals the process. Elsewhere (a Dask worker thread) the
watching thread raises the exception in the pair's thread. If the pair does not stop within
``GRACE_SECONDS`` (stuck in a C library call), the process is killed: the pool reports the
worker lost and the pair fails all the same. A CPU-time limit set for the process backs this
up should even the watching thread be starved.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import AlignerError

GRACE_SECONDS = 15.0
POLL_SECONDS = 0.2
_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class PairLimitExceeded(AlignerError):
    """A pair ran past its time or memory limit."""


@dataclass(frozen=True, slots=True)
class PairLimits:
    """Wall seconds and memory growth (MB) a pair may use; 0 means no limit."""

    seconds: float = 1800.0
    memory_mb: float = 4000.0

    @property
    def active(self) -> bool:
        """Whether any limit is set (a time or a memory bound)."""
        return self.seconds > 0 or self.memory_mb > 0

    def describe(self) -> str:
        """The limits in words ("300 s and 2000 MB", "none")."""
        parts = []
        if self.seconds > 0:
            parts.append(f"{self.seconds:g} s")
        if self.memory_mb > 0:
            parts.append(f"{self.memory_mb:g} MB")
        return " and ".join(parts) or "none"


DEFAULT_LIMITS = PairLimits()


def resident_mb() -> float:
    """The process's resident memory now, in MB."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * _PAGE_BYTES / 1e6
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _Watch:
    """The state shared by the pair's thread and the watching thread."""

    def __init__(self, limits: PairLimits, thread: threading.Thread, marker: Path | None) -> None:
        self.limits = limits
        self.thread = thread
        self.marker = marker
        self.started = time.monotonic()
        self.baseline_mb = resident_mb()
        self.armed = True
        self.reason = ""
        self.done = threading.Event()

    def overrun(self) -> str:
        """Why the pair must stop now, or ""."""
        limits = self.limits
        if limits.seconds > 0 and time.monotonic() - self.started > limits.seconds:
            return f"over the time limit of {limits.seconds:g} s"
        if limits.memory_mb > 0 and resident_mb() - self.baseline_mb > limits.memory_mb:
            return f"over the memory limit of {limits.memory_mb:g} MB"
        return ""


def _interrupt(watch: _Watch) -> None:
    """Make the pair's thread raise ``PairLimitExceeded`` as soon as it runs Python code."""
    if watch.thread is threading.main_thread():
        os.kill(os.getpid(), signal.SIGUSR1)
        return
    ident = watch.thread.ident
    if ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(PairLimitExceeded))


def _watch(watch: _Watch) -> None:
    while not watch.done.wait(POLL_SECONDS):
        reason = watch.overrun()
        if not reason:
            continue
        watch.reason = reason
        _interrupt(watch)
        if watch.done.wait(GRACE_SECONDS):
            return
        # The pair did not stop: it is stuck where no exception reaches it. Say why, then end
        # the process (the pool reports the worker lost; the parent reads the marker).
        if watch.marker is not None:
            try:
                watch.marker.parent.mkdir(parents=True, exist_ok=True)
                watch.marker.write_text(reason + " (stopped by killing its worker)\n", encoding="utf-8")
            except OSError:
                pass
        os.kill(os.getpid(), signal.SIGKILL)


@contextmanager
def limited(limits: PairLimits, marker: Path | None = None) -> Iterator[None]:
    """Run the block under ``limits``; ``marker`` is where a killed worker leaves its reason."""
    if not limits.active:
        yield
        return
    watch = _Watch(limits, threading.current_thread(), marker)
    in_main = watch.thread is threading.main_thread()
    restore = _arm_main_thread(watch, limits) if in_main else None
    watcher = threading.Thread(target=_watch, args=(watch,), name="pair-limits", daemon=True)
    watcher.start()
    try:
        yield
    except PairLimitExceeded:
        raise PairLimitExceeded(watch.reason or "over its limit") from None
    finally:
        # An interruption that arrives while this runs must not cut it short (the watching
        # thread would go on and kill the process): disarm first, and start again if hit.
        while True:
            try:
                watch.armed = False
                watch.done.set()
                if restore is not None:
                    restore()
                elif watch.thread.ident is not None:  # drop an exception not yet raised
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(watch.thread.ident), None)
                watcher.join()
                break
            except PairLimitExceeded:
                continue


def _arm_main_thread(watch: _Watch, limits: PairLimits):
    """Signal handlers and timers for the main thread; returns what puts them back."""

    def interrupt(signum: int, frame: object) -> None:
        if watch.armed:
            if signum == signal.SIGALRM:
                watch.reason = f"over the time limit of {limits.seconds:g} s"
            raise PairLimitExceeded(watch.reason)

    previous_usr1 = signal.signal(signal.SIGUSR1, interrupt)
    previous_alarm = signal.signal(signal.SIGALRM, interrupt)
    if limits.seconds > 0:
        signal.setitimer(signal.ITIMER_REAL, limits.seconds)
    previous_cpu = _limit_cpu(limits.seconds)

    def restore() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGUSR1, previous_usr1)
        signal.signal(signal.SIGALRM, previous_alarm)
        if previous_cpu is not None:
            resource.setrlimit(resource.RLIMIT_CPU, previous_cpu)

    return restore


def _limit_cpu(seconds: float) -> tuple[int, int] | None:
    """A CPU-time limit for the process: what it has used, plus the pair's time and the grace
    (the kernel ends the process if everything else failed)."""
    if seconds <= 0:
        return None
    try:
        previous = resource.getrlimit(resource.RLIMIT_CPU)
        used = resource.getrusage(resource.RUSAGE_SELF)
        spent = int(used.ru_utime + used.ru_stime)
        soft = spent + int(seconds * 2 + GRACE_SECONDS * 2) + 1
        hard = previous[1]
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
        return previous
    except (ValueError, OSError):
        return None
