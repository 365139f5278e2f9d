"""Worker processes for one machine: forked after the model is loaded, one document each at a time.

Why hand-rolled and not ProcessPoolExecutor or `nlp.pipe(n_process=...)`:
- fork AFTER the parent has loaded the session, model and matchers, so a worker starts at
  once and shares those pages copy-on-write instead of loading its own copy;
- a worker returns finished results (FileResult.to_json() dicts), never spaCy Docs;
- each worker has exactly one document in flight on its own pipe, so when one dies (a
  segfault, the out-of-memory killer) we know which document it took with it, record
  only that document as an error, and carry on with a fresh worker. A broken
  ProcessPoolExecutor cannot say which document it was.
- a worker is replaced after a number of documents, because spaCy's string store only
  grows: this keeps the memory of each worker flat however large the audit.
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import time
import traceback
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Callable, Iterable, Iterator, Optional

RECYCLE_AFTER = 250          # documents per worker before a fresh fork
POLL_SECONDS = 0.25          # how often the loop looks at the stop flag while waiting


def peak_memory_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def failure(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}


@dataclass
class Done:
    """One finished task: what the work function returned, or an error in its place."""
    task: object
    output: dict
    worker_memory_mb: Optional[float] = None


@dataclass
class _Worker:
    process: multiprocessing.Process
    conn: object
    task: object = None
    started: float = 0.0
    done: int = 0
    peak_mb: float = 0.0


@dataclass
class PoolStats:
    workers_started: int = 0
    worker_peak_mb: list = field(default_factory=list)   # one figure per worker that finished


def _worker_main(conn, inherited, work: Callable, describe: Callable) -> None:
    # Ctrl-C reaches the whole process group; the parent decides what stops, and tells us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # Close the parent's ends of the other workers' pipes, so that when the parent dies
    # every worker sees end-of-file and exits instead of waiting forever.
    for other in inherited:
        try:
            other.close()
        except OSError:
            pass
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            output = work(task)
        except Exception as exc:  # a bug in a rule must not lose the other documents
            output = failure("worker-failed", describe(task, exc, traceback.format_exc(limit=3)))
        try:
            conn.send((output, peak_memory_mb()))
        except (OSError, ValueError):
            return


class WorkerPool:
    """Run `work(task) -> dict` over tasks in `jobs` forked worker processes.

    `run` yields Done records in the order documents finish. `should_stop()` is looked at
    between results: when it says stop, no new document is started, running workers are
    ended, and their documents are simply not reported (a resume does them again).
    """

    def __init__(self, work: Callable, jobs: int, timeout: Optional[float] = None,
                 recycle_after: int = RECYCLE_AFTER, describe: Optional[Callable] = None):
        self.work = work
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.recycle_after = max(1, recycle_after)
        self.describe = describe or _describe
        self.stats = PoolStats()
        self._context = multiprocessing.get_context("fork")
        self._workers: list = []

    def _start(self) -> _Worker:
        parent_end, child_end = self._context.Pipe(duplex=True)
        inherited = [w.conn for w in self._workers] + [parent_end]
        process = self._context.Process(target=_worker_main, name="plainplan-worker",
                                        args=(child_end, inherited, self.work, self.describe), daemon=True)
        process.start()
        child_end.close()   # only the worker holds it now: its death is end-of-file here
        worker = _Worker(process=process, conn=parent_end)
        self._workers.append(worker)
        self.stats.workers_started += 1
        return worker

    def _retire(self, worker: _Worker, kill: bool = False) -> None:
        if worker in self._workers:
            self._workers.remove(worker)
        if worker.peak_mb:
            self.stats.worker_peak_mb.append(worker.peak_mb)
        try:
            if not kill and worker.process.is_alive():
                worker.conn.send(None)
        except (OSError, ValueError):
            kill = True
        worker.conn.close()
        if kill:
            worker.process.kill()
        worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()

    def run(self, tasks: Iterable, should_stop: Callable[[], bool] = lambda: False) -> Iterator[Done]:
        pending = iter(tasks)
        exhausted = False
        try:
            while True:
                if should_stop():
                    return
                # Keep every worker busy while there is work.
                while not exhausted and len([w for w in self._workers if w.task is not None]) < self.jobs:
                    idle = next((w for w in self._workers if w.task is None), None)
                    try:
                        task = next(pending)
                    except StopIteration:
                        exhausted = True
                        break
                    worker = idle or self._start()
                    if not self._hand(worker, task):
                        # It died while idle: not this document's fault, so a fresh worker takes it.
                        self._retire(worker, kill=True)
                        worker = self._start()
                        self._hand(worker, task)
                busy = [w for w in self._workers if w.task is not None]
                if not busy:
                    return
                handles = [w.conn for w in busy] + [w.process.sentinel for w in busy]
                ready = set(wait(handles, timeout=POLL_SECONDS))
                for worker in busy:
                    if worker.conn in ready or worker.process.sentinel in ready:
                        yield from self._collect(worker)
                    elif self.timeout and time.monotonic() - worker.started > self.timeout:
                        task = worker.task
                        self._retire(worker, kill=True)
                        yield Done(task, failure("timed-out", f"took longer than {self.timeout:g} seconds and was stopped; "
                                                              "check the document, or raise --timeout"))
        finally:
            self.close()

    @staticmethod
    def _hand(worker: _Worker, task) -> bool:
        worker.task, worker.started = task, time.monotonic()
        try:
            worker.conn.send(task)
            return True
        except (OSError, ValueError):
            return False  # if it died, its sentinel reports it below

    def _collect(self, worker: _Worker) -> Iterator[Done]:
        task = worker.task
        message = None
        try:
            if worker.conn.poll():
                message = worker.conn.recv()
        except (EOFError, OSError):
            message = None
        if message is None:
            worker.process.join(timeout=5)
            code = worker.process.exitcode
            self._retire(worker, kill=True)
            yield Done(task, failure("worker-died", _death(code)))
            return
        output, peak = message
        worker.task = None
        worker.done += 1
        worker.peak_mb = max(worker.peak_mb, peak or 0.0)
        if worker.done >= self.recycle_after:
            self._retire(worker)
        yield Done(task, output, peak)

    def close(self) -> None:
        for worker in list(self._workers):
            # A worker still on a document is stopped; one that is idle is asked to leave.
            self._retire(worker, kill=worker.task is not None)


def _death(exitcode: Optional[int]) -> str:
    if exitcode is not None and exitcode < 0:
        number = -exitcode
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        hint = " (perhaps the machine ran out of memory)" if number == signal.SIGKILL else ""
        how = f"was stopped by {name}{hint}"
    else:
        how = f"stopped unexpectedly (exit code {exitcode})"
    return (f"plainplan's worker process {how} while checking this document; the other documents "
            f"were checked. Run the audit again with --resume to retry it.")


def _describe(task, exc: BaseException, trace: str) -> str:
    return (f"plainplan failed on this document ({type(exc).__name__}: {exc}); the other documents were "
            f"checked. Please report this with the document's format and the message.")


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
