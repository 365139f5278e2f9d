"""The same audit on a Dask distributed cluster (`plainplan audit --dask-scheduler ADDRESS`).

Optional: needs `pip install "plainplan[dask]"` here and on every worker, and the documents
on a file system every worker can read (paths are sent as absolute paths). Each worker
process builds one Session the first time it is given a document and keeps it (a
module-level cache keyed by the settings), so the model loads once per worker. The work
is the same pure function as on one machine (runner.check_one); results come back as
FileResult.to_json() dicts and are saved by this process, exactly as locally.
"""
from __future__ import annotations

import os
import threading
from typing import Iterator

from .workers import Done, failure

WAIT_SECONDS = 0.5
CONNECT_TIMEOUT = "20s"
_sessions: dict = {}
# A Dask worker may run tasks in several threads; one session per process, used by one at a time.
_lock = threading.Lock()


def _check_on_worker(path: str, config, mode, settings: str, reports: bool) -> dict:
    from ..run import Session
    from .runner import check_one

    with _lock:
        session = _sessions.get(settings)
        if session is None:
            session = _sessions[settings] = Session(config, mode=mode)
        return check_one(session, path, reports)


class ClusterError(Exception):
    """The scheduler cannot be reached, or Dask is not installed."""


def connect(address: str):
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError('--dask-scheduler needs Dask: pip install "plainplan[dask]"') from None
    try:
        return Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address} ({exc}); check the address") from None


def run_on_cluster(client, session, todo: list, reports: bool, should_stop) -> Iterator[Done]:
    """Yield Done records as the cluster finishes documents, like WorkerPool.run. Closes the client."""
    from distributed import wait
    from distributed.client import FutureCancelledError

    from .runner import settings_fingerprint

    settings = settings_fingerprint(session)
    futures = {}
    try:
        for task in todo:
            _, path, _, _ = task
            future = client.submit(_check_on_worker, os.path.abspath(path), session.config, session.mode,
                                   settings, reports, pure=False, retries=0)
            futures[future] = task
        remaining = set(futures)
        while remaining:
            if should_stop():
                return
            try:
                finished, remaining = wait(remaining, timeout=WAIT_SECONDS, return_when="FIRST_COMPLETED")
            except TimeoutError:
                continue
            for future in finished:
                task = futures.pop(future)
                try:
                    output = future.result()
                except FutureCancelledError:
                    continue
                except Exception as exc:  # KilledWorker and anything a worker raised
                    code = "worker-died" if type(exc).__name__ == "KilledWorker" else "worker-failed"
                    output = failure(code, f"the Dask worker could not check this document ({type(exc).__name__}: "
                                           f"{exc}); the other documents were checked. Run the audit again with "
                                           f"--resume to retry it.")
                yield Done(task, output)
    finally:
        # Unfinished documents are cancelled: a resume does them again.
        if futures:
            client.cancel(list(futures))
        client.close()
