"""`plainplan audit`: a batch of case files checked in parallel, saved as it goes, with tables and a dashboard.

    runner.py     plan, dispatch, save each result (store.py), stop cleanly, write the outputs
    workers.py    forked worker processes on this machine (cluster.py: the same on Dask)
    tables.py     summary.csv, findings.csv, goals.csv
    dashboard.py  report.html (charts.py draws its SVG charts)

`audit` is the one entry point the command line calls.
"""
from __future__ import annotations

import signal

from ..results import exit_status
from .runner import AuditError, AuditOptions, resume_hint, run_audit, write_outputs

__all__ = ["AuditError", "AuditOptions", "audit", "exit_code"]


def exit_code(outcome, fail_on: str) -> int:
    """As for `check`: 2 a document could not be read (or the audit could not save), 1 findings
    at or above fail_on, 0 otherwise; an interrupted audit exits 128 + the signal (130 for Ctrl-C)."""
    if outcome.stopped_by is not None:
        return 128 + int(outcome.stopped_by)
    results = [r["result"] for r in outcome.records]
    errors = bool(outcome.store_error) or any(r.get("error") for r in results)
    return exit_status(errors, (f.get("severity") for r in results for f in r.get("findings") or []), fail_on)


def audit(session, paths: tuple, files: list, options: AuditOptions, echo) -> int:
    """Run the audit, write its outputs, say what happened (via `echo`, to stderr) and return the exit code."""
    outcome = run_audit(session, files, options)
    try:
        written = write_outputs(outcome, options, session.config)
    except OSError as exc:
        echo(f"plainplan: could not write the audit's tables or dashboard in {options.out} ({exc.strerror}); "
             f"every result is kept in results.jsonl: free some space and run the audit again with --resume")
        written = []
        outcome.store_error = outcome.store_error or str(exc)
    info = outcome.info
    if outcome.store_error:
        echo(f"plainplan: {outcome.store_error}")
    elif outcome.stopped_by is not None:
        how = "interrupted" if outcome.stopped_by == signal.SIGINT else "stopped"
        echo(f"plainplan: audit {how}; {info['done']} of {info['documents']} documents are saved in {options.out}.")
    if not outcome.complete:
        echo(f"plainplan: to carry on: {resume_hint(paths, options.out)}")
    if not options.quiet:
        echo(f"plainplan: {info['done']} of {info['documents']} documents audited "
             f"({info['checked_this_run']} checked now, {info['carried_over']} carried over), "
             f"{info['errors']} could not be read, in {info['seconds']:g} s")
        for path in written:
            echo(f"plainplan: wrote {path}")
    return exit_code(outcome, session.config.fail_on)
