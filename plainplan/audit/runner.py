"""The audit: every document under the paths, checked in parallel, each result saved as it finishes.

`run_audit` plans the work (skipping documents a resume already has), hands it to the
local worker pool or a Dask cluster, appends each result to DIR/results.jsonl, and stops
cleanly on Ctrl-C, SIGTERM or a full disk. `write_outputs` then builds the tables and
the dashboard from the saved records. Both sides call the same per-document function,
Session.check_path.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import re
import signal
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from .. import __version__
from ..read import format_of
from ..results import FileResult
from .progress import Progress
from .store import ResultStore, StoreError, content_hash, key_of, reusable
from .workers import Done, WorkerPool

DEFAULT_TIMEOUT = 600.0
REPORTS_DIR = "reports"
INFO_NAME = "audit.json"

WARM_UP_TEXT = (
    "# What we are worried about\n\nMum must attend contact at the family centre. "
    "The LAC review is on 3 March 2025.\n\n- Dad to engage with services.\n"
)


class AuditError(Exception):
    """The audit cannot start (the output folder holds another audit, cannot be written...)."""


@dataclass
class AuditOptions:
    out: str
    jobs: int = 1
    resume: bool = False
    force: bool = False
    redact: bool = False
    reports: bool = True
    timeout: Optional[float] = DEFAULT_TIMEOUT
    scheduler: Optional[str] = None
    progress: Optional[bool] = None    # None: a bar on a terminal, lines otherwise
    quiet: bool = False


@dataclass
class AuditOutcome:
    records: list                    # one per document done, in the order of the paths
    total: int                       # documents found under the paths
    checked: int = 0                 # checked in this run
    reused: int = 0                  # carried over from an earlier run (--resume)
    stopped_by: Optional[int] = None  # the signal that interrupted the audit
    store_error: Optional[str] = None
    info: dict = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return len(self.records) == self.total


def settings_fingerprint(session) -> str:
    """What decides a document's result besides its content: version, config, rules, glossaries."""
    from ..resources import glossary_dir, rules_dir

    digest = hashlib.sha256()
    # fail_on decides the exit code, not a finding: changing it must not redo the audit.
    config = {k: v for k, v in asdict(session.config).items() if k not in ("path", "base_dir", "fail_on")}
    digest.update(json.dumps({"version": __version__, "mode": session.mode, "config": config},
                             sort_keys=True, default=str).encode("utf-8"))
    folders = [rules_dir(), glossary_dir(), *map(Path, session.config.rules), *map(Path, session.config.glossary)]
    for folder in folders:
        files = sorted(folder.rglob("*.y*ml")) if folder.is_dir() else [folder]
        for file in files:
            digest.update(str(file.name).encode("utf-8"))
            digest.update((content_hash(str(file)) or "").encode("ascii"))
    return digest.hexdigest()[:16]


def check_one(session, path: str, reports: bool) -> dict:
    """The per-document work, the same in a local worker and on a cluster worker."""
    result = session.check_path(path)
    output = {"result": result.to_json()}
    if reports and not result.error:
        output["report_html"] = _report_html(result, session)
    return output


def _report_html(result: FileResult, session) -> Optional[str]:
    # The per-document HTML report is another engineer's reporter; link to it when it exists.
    from ..report import FORMATS, render

    if "html" not in FORMATS:
        return None
    for options in ({"config": session.config}, {}):
        try:
            return render("html", [result], **options)
        except TypeError:
            continue
        except Exception:  # a reporter's failure must not turn a checked document into an error
            return None
    return None


def warm_up(session) -> None:
    """Load the model, build every matcher and import every reader before workers are forked."""
    from ..read.text import read_text

    for module in ("markdown", "docx"):
        with contextlib.suppress(ImportError):
            __import__(f"plainplan.read.{module}")
    session.check_document(read_text("warm-up.md", WARM_UP_TEXT.encode("utf-8")))
    # Everything loaded so far lives as long as the workers: moving it out of the garbage
    # collector's sight keeps a collection in a worker from writing to (and so copying)
    # every page it shares with this process.
    import gc

    gc.collect()
    gc.freeze()


class _StopFlag:
    """Ctrl-C or SIGTERM asks the audit to stop after saving what is finished; a second Ctrl-C forces it."""

    def __init__(self):
        self.signal: Optional[int] = None
        self._previous: dict = {}

    def __call__(self) -> bool:
        return self.signal is not None

    def _handle(self, number, _frame):
        if self.signal is not None and number == signal.SIGINT:
            raise KeyboardInterrupt
        self.signal = number

    def __enter__(self):
        for number in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(ValueError):  # not the main thread (tests): no handlers
                self._previous[number] = signal.signal(number, self._handle)
        return self

    def __exit__(self, *exc):
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        return False


def _error_result(path: str, error: dict) -> dict:
    return FileResult(path=path, format=format_of(path), error=error).to_json()


def report_name(path: str, key: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(path).name)[:80]
    return f"{stem}.{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}.html"


def run_audit(session, files: list, options: AuditOptions, stream=None) -> AuditOutcome:
    stream = stream or sys.stderr
    out = Path(options.out)
    if out.exists() and not out.is_dir():
        raise AuditError(f"{out}: is a file; --out needs a folder for the audit's results")
    store = ResultStore(str(out))
    if store.exists() and not (options.resume or options.force):
        raise AuditError(f"{out} already holds an audit; add --resume to carry on with it, "
                         f"or --force to start again from nothing")
    previous = store.load() if options.resume else {}
    settings = settings_fingerprint(session)
    started = time.time()

    # Plan: unchanged documents keep their saved result; the rest are checked.
    done: dict = {}
    todo = []
    for index, path in enumerate(files):
        key = key_of(path)
        sha = content_hash(path)
        record = previous.get(key)
        if options.resume and reusable(record, sha, settings):
            done[index] = {**record, "path": path}
        else:
            todo.append((index, path, key, sha))
    outcome = AuditOutcome(records=[], total=len(files), reused=len(done))

    client = None
    if options.scheduler:
        from .cluster import connect

        client = connect(options.scheduler)   # before anything is written: a wrong address changes nothing
    store.open(fresh=not options.resume)
    progress = Progress(len(files), already=len(done), stream=stream, bar=options.progress,
                        enabled=not options.quiet)
    progress.errors = sum(1 for r in done.values() if r["result"].get("error"))   # carried over
    reports_dir = out / REPORTS_DIR
    pool_stats = None
    timings: dict = {}
    reports = options.reports and not options.redact
    try:
        with _StopFlag() as stop:
            if options.scheduler:
                from .cluster import run_on_cluster

                checking = time.monotonic()
                source = run_on_cluster(client, session, todo, reports, stop)
            else:
                warming = time.monotonic()
                warm_up(session)
                checking = time.monotonic()
                timings["warm_up_seconds"] = round(checking - warming, 2)
                pool = WorkerPool(lambda task: check_one(session, task[1], reports),
                                  jobs=options.jobs, timeout=options.timeout)
                pool_stats = pool.stats
                source = pool.run(todo, should_stop=stop)
            with contextlib.closing(source):
                for finished in source:
                    index, path, key, sha = finished.task
                    record = _record(finished, path, key, sha, settings, reports_dir, options)
                    store.append(record)
                    done[index] = record
                    outcome.checked += 1
                    progress.update(error=bool(record["result"].get("error")))
            timings["checking_seconds"] = round(time.monotonic() - checking, 2)
            outcome.stopped_by = stop.signal
    except KeyboardInterrupt:
        outcome.stopped_by = signal.SIGINT
    except StoreError as exc:
        outcome.store_error = str(exc)
    finally:
        progress.close()
        store.close()
    outcome.records = [done[i] for i in sorted(done)]
    outcome.info = {
        "plainplan": __version__,
        "started": _iso(started),
        "finished": _iso(time.time()),
        "seconds": round(time.time() - started, 2),
        "jobs": options.jobs if not options.scheduler else None,
        "scheduler": options.scheduler,
        "documents": len(files),
        "done": len(outcome.records),
        "checked_this_run": outcome.checked,
        "carried_over": outcome.reused,
        "errors": sum(1 for r in outcome.records if r["result"].get("error")),
        "interrupted": outcome.stopped_by is not None or outcome.store_error is not None,
        "settings": settings,
        "redacted": options.redact,
        **timings,
        "workers_started": pool_stats.workers_started if pool_stats else None,
        "worker_peak_memory_mb": max(pool_stats.worker_peak_mb, default=None) if pool_stats else None,
    }
    return outcome


def _record(finished: Done, path: str, key: str, sha: Optional[str], settings: str,
            reports_dir: Path, options: AuditOptions) -> dict:
    output = finished.output
    result = output.get("result")
    if result is None:
        result = _error_result(path, output.get("error") or {"code": "worker-failed", "message": "no result"})
    result["path"] = path
    record = {"path": path, "key": key, "sha256": sha, "settings": settings,
              "checked": _iso(time.time()), "result": result, "report": None}
    html = output.get("report_html")
    if html and not options.redact:
        from ..report.files import write_atomically

        name = report_name(path, key)
        try:
            write_atomically(reports_dir / name, html)
            record["report"] = f"{REPORTS_DIR}/{name}"
        except OSError as exc:
            raise StoreError(f"{reports_dir / name}: could not be written ({exc.strerror}); "
                             f"free some space and run the audit again with --resume") from None
    return record


def _iso(stamp: float) -> str:
    return datetime.fromtimestamp(stamp, timezone.utc).isoformat(timespec="seconds")


def write_outputs(outcome: AuditOutcome, options: AuditOptions, config) -> list:
    """Tables, dashboard and audit.json, each written atomically; returns the paths written."""
    from ..report.files import write_atomically
    from .dashboard import render_dashboard
    from .tables import TABLES, render_table

    out = Path(options.out)
    written = []
    for name in TABLES:
        target = out / name
        write_atomically(target, render_table(name, outcome.records, redact=options.redact))
        written.append(str(target))
    target = out / "report.html"
    write_atomically(target, render_dashboard(outcome, config, redact=options.redact))
    written.append(str(target))
    target = out / INFO_NAME
    write_atomically(target, json.dumps(outcome.info, indent=2) + "\n")
    written.append(str(target))
    return written


def resume_hint(paths: tuple, out: str) -> str:
    quoted = " ".join(_shell_quote(p) for p in paths)
    return f"plainplan audit {quoted} --out {_shell_quote(out)} --resume"


def _shell_quote(text: str) -> str:
    import shlex

    return shlex.quote(text)

