"""Where the jobs run: a local pool of processes, or a Dask distributed cluster.

Both take a function, a list of items and extra arguments shared by every call, and yield
``(item, result)`` as calls finish, in finishing order. A call that the machinery could not
complete (a worker process killed by the kernel, a Dask worker lost) yields the exception
instead of a result: the caller turns it into a failed pair, the batch goes on.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

from ..errors import AlignerError

Item = TypeVar("Item")
Outcome = Any
# A pool whose worker dies fails every call it holds: keep few calls queued per worker so
# that one death costs little, and run a call hit by two deaths in a pool of its own.
QUEUED_PER_WORKER = 2
STRIKES_BEFORE_ISOLATION = 2


class WorkerLost(Exception):
    """The process running a call died before answering (killed, out of memory, crashed)."""


def available_cores() -> int:
    """The number of CPU cores this process may run on (its affinity where the system tells it, else
    the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


@dataclass(frozen=True, slots=True)
class LocalProcesses:
    """A pool of ``workers`` processes on this machine. Processes are spawned, not forked:
    the parent runs polars and tqdm threads, which a fork would copy mid-state."""

    workers: int

    def results(
        self,
        function: Callable[..., Outcome],
        items: Sequence[Item],
        *shared: object,
        give_up: Callable[[Item], bool] | None = None,
    ) -> Iterator[tuple[Item, Outcome]]:
        """``give_up(item)`` says that a call whose worker died must not be tried again (its
        worker was killed on purpose, for going past a limit)."""
        strikes = [0] * len(items)
        waiting = deque(range(len(items)))
        isolated: list[int] = []
        while waiting:
            lost: list[int] = []
            yield from self._pool_results(function, items, shared, waiting, lost)
            for index in lost:
                if give_up is not None and give_up(items[index]):
                    yield items[index], WorkerLost("the worker process was stopped")
                    continue
                strikes[index] += 1
                (isolated if strikes[index] >= STRIKES_BEFORE_ISOLATION else waiting).append(index)
        for index in isolated:
            yield items[index], self._alone(function, items[index], shared)

    def _pool_results(
        self, function, items, shared, waiting: deque[int], lost: list[int]
    ) -> Iterator[tuple[Item, Outcome]]:
        """Run the waiting calls in one pool until they are done or the pool breaks; calls
        caught in a break go to ``lost``."""
        pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"))
        running: dict[Future, int] = {}
        completed = False
        try:
            while (waiting or running) and not lost:
                if not self._fill(pool, function, items, shared, waiting, running, lost):
                    break
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                yield from settled(done, running, items, lost)
            yield from settled(list(running), running, items, lost)
            completed = True
        finally:
            pool.shutdown(wait=completed and not lost, cancel_futures=True)

    def _fill(
        self,
        pool: ProcessPoolExecutor,
        function,
        items,
        shared,
        waiting: deque[int],
        running: dict[Future, int],
        lost: list[int],
    ) -> bool:
        """Submit waiting calls up to the queue limit. If the pool turns out broken, the call
        being submitted counts as lost (so that a pool that keeps breaking cannot loop
        forever) and the answer is False."""
        while waiting and len(running) < self.workers * QUEUED_PER_WORKER:
            index = waiting.popleft()
            try:
                running[pool.submit(function, items[index], *shared)] = index
            except BrokenProcessPool:
                lost.append(index)
                return False
        return True

    def _alone(self, function, item: Item, shared) -> Outcome:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            try:
                return pool.submit(function, item, *shared).result()
            except BrokenProcessPool:
                return WorkerLost("the worker process died while running it (out of memory, or killed)")
            except Exception as error:  # the machinery failed (e.g. a result that cannot be pickled)
                return WorkerLost(f"{type(error).__name__}: {error}")


@dataclass(frozen=True, slots=True)
class DaskCluster:
    """A Dask distributed scheduler (``tcp://host:port``). The workers must see the input
    files and the output folder at the same paths as this machine (a shared file system)."""

    address: str

    def results(
        self,
        function: Callable[..., Outcome],
        items: Sequence[Item],
        *shared: object,
        give_up: Callable[[Item], bool] | None = None,
    ) -> Iterator[tuple[Item, Outcome]]:
        """Run ``function`` on every item on the Dask cluster, the ``shared`` values scattered once
        to every worker, yielding (item, outcome) as each finishes; items ``give_up`` accepts are
        cancelled. Without Dask installed, an AlignerError saying how to get it."""
        try:
            from distributed import Client, as_completed
        except ImportError:
            raise AlignerError("--scheduler needs Dask: pip install 'aligner[cluster]'") from None
        with self._client(Client) as client:
            shipped = [
                client.scatter(value, broadcast=True) if value is not None else None for value in shared
            ]
            futures = {client.submit(function, item, *shipped, pure=False): item for item in items}
            for future in as_completed(futures):
                try:
                    outcome = future.result()
                except Exception as error:  # a lost worker or a failure of the machinery
                    outcome = WorkerLost(f"{type(error).__name__}: {error}")
                item = futures.pop(future)
                future.release()
                yield item, outcome

    def _client(self, client_class):
        try:
            return client_class(self.address, timeout="20s")
        except (OSError, TimeoutError, ValueError) as error:
            raise AlignerError(f"cannot reach the Dask scheduler at {self.address}: {error}") from None


Executor = LocalProcesses | DaskCluster


def settled(
    futures, running: dict[Future, int], items: Sequence[Item], lost: list[int]
) -> Iterator[tuple[Item, Outcome]]:
    """Results of the finished ``futures`` (taken out of ``running``); calls that a broken
    pool failed, or that never finished, go to ``lost``."""
    for future in futures:
        index = running.pop(future)
        error = future.exception() if future.done() else BrokenProcessPool()
        if isinstance(error, BrokenProcessPool):
            lost.append(index)
        elif error is not None:
            yield items[index], WorkerLost(f"{type(error).__name__}: {error}")
        else:
            yield items[index], future.result()
