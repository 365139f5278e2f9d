"""The same audit on a local Dask cluster of two workers writes the same results as on one machine."""
import json
import shutil
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from plainplan.audit.runner import AuditOptions, run_audit, write_outputs  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = (ROOT / ".." / "shared" / "samples").resolve()


def _comparable(record):
    return record["path"], record["result"]


@pytest.mark.slow
def test_dask_cluster_audit_matches_the_local_audit(session, tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    for name in ("letter_leo.md", "safety_plan_parker.md", "cla_review_wright.md"):
        shutil.copy(SAMPLES / name, folder / name)
    (folder / "note.txt").write_text("Mum must attend contact. The LAC review is next week.\n")
    (folder / "broken.docx").write_bytes(b"not a zip")
    files = sorted(str(p) for p in folder.iterdir())

    # A fresh session, as the cluster's workers build one: rules and glossaries as they are on disk now.
    from plainplan.config import Config
    from plainplan.run import Session

    local = run_audit(Session(Config()), files,
                      AuditOptions(out=str(tmp_path / "local"), jobs=1, quiet=True, reports=False))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as cluster:
        options = AuditOptions(out=str(tmp_path / "dask"), scheduler=cluster.scheduler_address, quiet=True,
                               reports=False)
        remote = run_audit(session, files, options)
        workers_used = len(cluster.scheduler.workers)
    write_outputs(remote, options, session.config)
    assert workers_used == 2
    assert remote.complete and remote.checked == len(files)
    assert [_comparable(r) for r in remote.records] == [_comparable(r) for r in local.records]
    saved = [json.loads(line) for line in (tmp_path / "dask" / "results.jsonl").read_text().splitlines()]
    assert sorted(r["path"] for r in saved) == files
    for name in ("summary.csv", "findings.csv", "goals.csv", "report.html", "audit.json"):
        assert (tmp_path / "dask" / name).is_file()


def test_an_unreachable_scheduler_is_a_clear_error_and_writes_nothing(session, tmp_path, monkeypatch):
    from plainplan.audit import cluster
    from plainplan.audit.cluster import ClusterError

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "1s")
    out = tmp_path / "dask"
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler"):
        run_audit(session, [str(SAMPLES / "letter_leo.md")],
                  AuditOptions(out=str(out), scheduler="tcp://127.0.0.1:9", quiet=True))
    assert not (out / "results.jsonl").exists()
