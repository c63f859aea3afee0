"""Cleaning many documents: in input order, in worker processes, with bounded memory.

``ordered_map`` is the engine the CLI and ``clean_many`` share. Work goes to
the workers in chunks, and at most a few chunks per worker are in flight, so
a stream of any length is read only as fast as it is cleaned.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import multiprocessing.forkserver
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain
from typing import Any, Literal, TypeVar, overload

from .api import Kind, clean, default_pipeline
from .core.types import Cleaned
from .errors import CleanscrapeError, WorkersFailed
from .pipeline import Pipeline

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")

CHUNK_ITEMS = 16
CHUNKS_IN_FLIGHT_PER_WORKER = 4
# Starting a worker costs about a second (it loads the models); a stream shorter than
# this is cleaned sooner in this process (docs/guide.md, "Many documents").
SERIAL_BELOW = 64
MANAGER_END_SECONDS = 5  # how long a stopped pool's thread is given to end

_worker_state: Any = None


def _start_worker(state: Any) -> None:
    """Keep the state; leave Ctrl-C to the main process, which stops the pool cleanly; and
    end with the main process, however it ends (a killed one cannot stop its workers)."""
    global _worker_state
    _worker_state = state
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()


def _exit_with(sentinel: int) -> None:
    """Wait until the main process is gone (its sentinel turns readable), then exit at once."""
    multiprocessing.connection.wait([sentinel])
    os._exit(1)


def _run_chunk(task: Callable[[Any, T], R], chunk: list[T]) -> list[R]:
    return [task(_worker_state, item) for item in chunk]


def worker_context() -> multiprocessing.context.BaseContext:
    """``forkserver`` where the platform has it (safe beside threads), else ``spawn``."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def ordered_map(
    task: Callable[[S, T], R], state: S, items: Iterable[T], jobs: int = 1, chunk: int = CHUNK_ITEMS
) -> Iterator[R]:
    """Yield ``task(state, item)`` for each item, in order, using ``jobs`` processes.

    ``task`` must be a module-level function; ``state`` is sent to each worker
    once. With ``jobs`` 1, or a stream of fewer than ``SERIAL_BELOW`` items, everything
    runs in this process. Where reading ``items`` raises, every result before it is
    yielded first.

    >>> list(ordered_map(pow, 2, range(5)))
    [1, 2, 4, 8, 16]
    """
    chunks = _chunks(items, chunk)
    head: list[list[T]] = []  # read ahead, to see whether the stream is worth the workers
    try:
        while jobs > 1 and sum(map(len, head)) < SERIAL_BELOW and (part := next(chunks, None)) is not None:
            head.append(part)
    except Exception:
        yield from (task(state, item) for part in head for item in part)
        raise
    if jobs <= 1 or sum(map(len, head)) < SERIAL_BELOW:
        yield from (task(state, item) for part in chain(head, chunks) for item in part)
        return
    window = jobs * CHUNKS_IN_FLIGHT_PER_WORKER
    chunks = chain(head, chunks)
    context = worker_context()
    if context.get_start_method() == "forkserver":
        _start_server_deaf_to_ctrl_c()
    pool = ProcessPoolExecutor(jobs, context, _start_worker, (state,))
    pending: deque[Future[list[R]]] = deque()
    try:
        while True:
            try:
                part = next(chunks, None)
            except Exception:
                while pending:  # what was read before the failure is still delivered
                    yield from _result(pending.popleft())
                raise
            if part is None:
                break
            try:
                pending.append(pool.submit(_run_chunk, task, part))
            except (BrokenProcessPool, OSError, EOFError) as exc:  # the server or a worker is gone
                raise _workers_failed(exc) from exc
            if len(pending) >= window:
                yield from _result(pending.popleft())
        while pending:
            yield from _result(pending.popleft())
    except BaseException:
        _stop_now(pool)
        raise
    pool.shutdown()


def _start_server_deaf_to_ctrl_c() -> None:
    """Start the forkserver with SIGINT ignored, so that neither it nor a worker it forks
    dies of a Ctrl-C before the worker ignores it (an ignored signal stays ignored across
    exec; a blocked one does not stay blocked). A Ctrl-C in the few milliseconds of the
    spawn is lost."""
    if threading.current_thread() is not threading.main_thread():
        multiprocessing.forkserver.ensure_running()
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)


def _stop_now(pool: ProcessPoolExecutor) -> None:
    """End the workers at once: their results are no longer wanted, and a broken pool may
    never stop by itself (CPython 3.11's shutdown can wait for ever on a worker blocked in
    writing a result that nobody reads). A worker ended in the middle of writing a result
    leaves half of it in the pipe, which the pool's thread would wait for at exit for ever:
    with every worker gone, this process's own end for writing results is closed too, so
    that the thread reads the end of the pipe instead and stops."""
    workers = list((pool._processes or {}).values())  # no public way to reach them
    results = pool._result_queue  # shutdown lets go of it, as of the workers
    manager = pool._executor_manager_thread  # and of the pool's thread
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join()
    if results is not None:
        results._writer.close()  # type: ignore[attr-defined]  # this process never writes results
    if manager is not None:
        # Once the thread has ended, the interpreter's exit no longer pokes its wake-up pipe,
        # which CPython 3.11 can do just as the thread closes it ("Bad file descriptor").
        manager.join(MANAGER_END_SECONDS)  # type: ignore[attr-defined]  # typeshed calls it a wake-up


def _result(future: Future[list[R]]) -> list[R]:
    """The chunk's results; a pool that broke under it is a ``WorkersFailed``."""
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise _workers_failed(exc) from exc


def _workers_failed(exc: BaseException) -> WorkersFailed:
    return WorkersFailed(f"the worker processes failed ({type(exc).__name__}: {exc})")


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size``; where reading them raises, what was read comes first."""
    part: list[T] = []
    iterator = iter(items)
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            break
        except Exception:
            if part:
                yield part
            raise
        part.append(item)
        if len(part) == size:
            yield part
            part = []
    if part:
        yield part


Errors = Literal["raise", "return"]


def _clean_one(settings: tuple[Kind, Pipeline], raw: Any) -> Cleaned | CleanscrapeError:
    kind, pipeline = settings
    try:
        return clean(raw, kind=kind, pipeline=pipeline)
    except CleanscrapeError as exc:
        return exc


@overload
def clean_many(
    documents: Iterable[Any],
    *,
    jobs: int = ...,
    kind: Kind = ...,
    pipeline: Pipeline | None = ...,
    errors: Literal["raise"] = ...,
) -> Iterator[Cleaned]: ...
@overload
def clean_many(
    documents: Iterable[Any],
    *,
    jobs: int = ...,
    kind: Kind = ...,
    pipeline: Pipeline | None = ...,
    errors: Literal["return"],
) -> Iterator[Cleaned | CleanscrapeError]: ...
def clean_many(
    documents: Iterable[Any],
    *,
    jobs: int = 1,
    kind: Kind = "auto",
    pipeline: Pipeline | None = None,
    errors: Errors = "raise",
) -> Iterator[Cleaned] | Iterator[Cleaned | CleanscrapeError]:
    """Clean a stream of documents with ``jobs`` processes; results come in input order.

    The stream is read lazily, a few chunks ahead of the results, so memory
    stays flat however long it is. ``errors="raise"`` raises a document's
    ``CleanscrapeError`` where it occurs; ``"return"`` yields it in that
    document's place, so results stay aligned with the input.
    Documents are str or bytes (lxml and BeautifulSoup trees only with ``jobs=1``).

    >>> [r.text for r in clean_many(["Advertisement\\nThe vote passed.\\n", "Share\\nIt rained.\\n"])]
    ['The vote passed.\\n', 'It rained.\\n']
    """
    if errors not in ("raise", "return"):
        raise ValueError(f"errors must be 'raise' or 'return', not {errors!r}")
    if not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a whole number of processes, 1 or more, not {jobs!r}")
    results = ordered_map(_clean_one, (kind, pipeline or default_pipeline()), documents, jobs)
    if errors == "return":
        return results
    return _raising(results)


def _raising(results: Iterator[Cleaned | CleanscrapeError]) -> Iterator[Cleaned]:
    for result in results:
        if isinstance(result, CleanscrapeError):
            raise result
        yield result
