"""plainplan audit: nothing lost (store, resume, dying workers, Ctrl-C), tables and dashboard agree with `check`."""
import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plainplan.audit import AuditOptions, exit_code
from plainplan.audit.dashboard import gather, render_dashboard
from plainplan.audit.runner import AuditError, AuditOutcome, run_audit, write_outputs
from plainplan.audit.store import ResultStore, reusable
from plainplan.audit.tables import render_table
from plainplan.audit.workers import WorkerPool

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = (ROOT / ".." / "shared" / "samples").resolve()

# --------------------------------------------------------------------------- helpers


def _rows(text: str) -> list:
    return list(csv.DictReader(io.StringIO(text)))


def _record(path, findings=(), goals=(), stats=None, error=None, report=None):
    return {"path": path, "key": "/abs/" + path, "sha256": "x", "settings": "s", "report": report,
            "result": {"path": path, "format": "md", "error": error, "stats": stats or {}, "findings": list(findings),
                       "goals": list(goals), "warnings": []}}


def _finding(category, text="", severity="warning", scope="span", context="Contact with Dad is on Tuesday.",
             message=None):
    return {"rule": f"{category}-rule", "category": category, "severity": severity,
            "message": message or f"'{text}' is a {category} word.", "suggestion": "family time", "text": text,
            "context": context, "scope": scope,
            "location": {"block": 1, "part": "body", "kind": "paragraph", "heading": ["Amy's views"], "table": None,
                         "row": None, "col": None, "line": 3, "column": 1, "start": 0, "end": len(text)}}


GOAL = {"text": "Mum to engage with services.", "smart": False, "missing": ["S", "M", "T"], "who": "Mum",
        "when": None, "location": {"block": 4, "kind": "table-cell", "table": 1, "row": 2, "col": 0}}
SMART_GOAL = {"text": "Sarah will take Amy to the dentist by 1 June.", "smart": True, "missing": [],
              "who": "Sarah", "when": "by 1 June", "location": {"block": 5, "kind": "list-item"}}


def _records():
    return [
        _record("a.md", findings=[_finding("jargon", "contact"), _finding("jargon", "Contact"),
                                  _finding("acronym", "LAC"),
                                  _finding("child-voice", scope="document", context="", severity="warning"),
                                  _finding("smart", "Mum to engage with services.", scope="goal")],
                goals=[GOAL, SMART_GOAL],
                stats={"words": 300, "sentences": 20, "reading_age": 14.5, "strengths": 1, "worries": 9,
                       "child_voice": 0}),
        _record("b.md", findings=[_finding("blame", "=failed to engage")],
                stats={"words": 120, "sentences": 9, "reading_age": 10.0, "strengths": 4, "worries": 3,
                       "child_voice": 2}),
        _record("bad.docx", error={"code": "not-docx", "message": "bad.docx: is not a Word file"}),
    ]


def _folder(tmp_path: Path) -> Path:
    """A small batch like an auditor's: real documents, a broken Word file, an empty file, bad bytes."""
    folder = tmp_path / "cases"
    (folder / "team-a").mkdir(parents=True)
    for name in ("letter_leo.md", "safety_plan_parker.md", "cla_review_wright.md"):
        shutil.copy(SAMPLES / name, folder / name)
    examples = ROOT / "examples"
    for example in sorted(examples.glob("*.md")) + sorted(examples.glob("*.txt")):
        shutil.copy(example, folder / "team-a" / example.name)
    (folder / "team-a" / "note.txt").write_text("Mum must attend contact. The LAC review is next week.\n")
    (folder / "broken.docx").write_bytes(b"this is not a zip file")
    (folder / "empty.md").write_bytes(b"")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 old word")
    return folder


def _files(folder: Path) -> list:
    from plainplan.run import expand_paths

    return expand_paths([str(folder)]) + [str(folder / "old.doc")]


def _results(out: Path) -> list:
    return [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]


# --------------------------------------------------------------------------- the store


def test_store_drops_a_torn_last_line_and_keeps_the_last_record_per_document(tmp_path):
    store = ResultStore(str(tmp_path))
    store.open(fresh=True)
    store.append(_record("a.md"))
    store.append({**_record("a.md"), "sha256": "newer"})
    store.append(_record("b.md"))
    store.close()
    with open(store.path, "ab") as handle:
        handle.write(b'{"path": "c.md", "key": "/abs/c.md", "res')   # killed mid-write
    records = store.load()
    assert sorted(records) == ["/abs/a.md", "/abs/b.md"]
    assert records["/abs/a.md"]["sha256"] == "newer"
    assert store.path.read_bytes().endswith(b"\n"), "the torn line is cut off so the next one starts clean"
    store.open(fresh=False)
    store.append(_record("c.md"))
    store.close()
    assert sorted(store.load()) == ["/abs/a.md", "/abs/b.md", "/abs/c.md"]


def test_a_saved_result_is_reused_only_when_content_and_settings_are_unchanged():
    record = _record("a.md")
    assert reusable(record, "x", "s")
    assert not reusable(record, "changed", "s")
    assert not reusable(record, "x", "other settings")
    assert not reusable(record, None, "s")
    died = _record("a.md", error={"code": "worker-died", "message": "..."})
    assert not reusable(died, "x", "s"), "a document whose worker died is tried again"
    unreadable = _record("a.md", error={"code": "not-docx", "message": "..."})
    assert reusable(unreadable, "x", "s"), "an unreadable file stays unreadable until it changes"


# --------------------------------------------------------------------------- the worker pool


def _flaky(task):
    if task == "crash":
        os.kill(os.getpid(), signal.SIGKILL)
    if task == "bug":
        raise ValueError("a rule's bug")
    if task == "slow":
        time.sleep(30)
    return {"result": {"done": task, "pid": os.getpid()}}


def test_a_worker_that_dies_takes_only_its_own_document_with_it():
    tasks = ["a", "b", "crash", "c", "bug", "d", "e"]
    done = {d.task: d.output for d in WorkerPool(_flaky, jobs=2).run(tasks)}
    assert sorted(done) == sorted(tasks)
    assert done["crash"]["error"]["code"] == "worker-died"
    assert "SIGKILL" in done["crash"]["error"]["message"] and "--resume" in done["crash"]["error"]["message"]
    assert done["bug"]["error"]["code"] == "worker-failed"
    assert "ValueError" in done["bug"]["error"]["message"]
    assert all(done[t]["result"]["done"] == t for t in "abcde")


def test_a_document_that_takes_too_long_is_stopped_and_recorded():
    done = {d.task: d.output for d in WorkerPool(_flaky, jobs=2, timeout=1).run(["slow", "a", "b"])}
    assert done["slow"]["error"]["code"] == "timed-out"
    assert done["a"]["result"]["done"] == "a" and done["b"]["result"]["done"] == "b"


def test_workers_are_replaced_after_a_number_of_documents_so_memory_stays_flat():
    pool = WorkerPool(_flaky, jobs=1, recycle_after=3)
    done = list(pool.run([str(i) for i in range(7)]))
    assert len(done) == 7
    assert len({d.output["result"]["pid"] for d in done}) == 3
    assert pool.stats.workers_started == 3
    assert all(d.worker_memory_mb > 0 for d in done)


def test_stopping_ends_the_running_workers_and_reports_no_half_done_document():
    pool = WorkerPool(_flaky, jobs=1)
    seen = []
    for done in pool.run(["a", "slow", "b"], should_stop=lambda: len(seen) >= 1):
        seen.append(done.task)
    assert seen == ["a"]
    assert not pool._workers


# --------------------------------------------------------------------------- tables


def test_summary_has_one_row_per_document_with_counts_per_category():
    rows = {r["path"]: r for r in _rows(render_table("summary.csv", _records()))}
    assert list(rows) == ["a.md", "b.md", "bad.docx"]
    a = rows["a.md"]
    assert (a["words"], a["reading_age"], a["jargon"], a["acronym"], a["child-voice"], a["smart"]) == \
        ("300", "14.5", "2", "1", "1", "1")
    assert (a["goals"], a["smart_goals"], a["child_voice_found"], a["strengths"], a["worries"]) == \
        ("2", "1", "no", "1", "9")
    assert rows["b.md"]["child_voice_found"] == "yes"
    bad = rows["bad.docx"]
    assert bad["error_code"] == "not-docx" and "not a Word file" in bad["error"]
    assert bad["jargon"] == "" and bad["words"] == "", "an unreadable document has no counts, not zeros"


def test_findings_and_goals_tables_carry_location_context_and_letters():
    findings = _rows(render_table("findings.csv", _records()))
    assert len(findings) == 6
    first = findings[0]
    assert (first["path"], first["text"], first["context"], first["line"], first["heading"]) == \
        ("a.md", "contact", "Contact with Dad is on Tuesday.", "3", "Amy's views")
    blame = [f for f in findings if f["category"] == "blame"][0]
    assert blame["text"] == "'=failed to engage", "a cell that a spreadsheet would run as a formula is defused"
    goals = _rows(render_table("goals.csv", _records()))
    assert [(g["goal"], g["smart"], g["missing"]) for g in goals] == [("1", "no", "S M T"), ("2", "yes", "")]
    assert [goals[0][letter] for letter in "SMARTW"] == ["no", "no", "yes", "yes", "no", "yes"]
    assert goals[0]["table"] == "1" and goals[0]["row"] == "2"


def test_redact_leaves_the_documents_own_words_out_of_every_table():
    records = _records()
    findings = _rows(render_table("findings.csv", records, redact=True))
    assert all(f["context"] == "" and f["heading"] == "" for f in findings)
    assert [f["text"] for f in findings if f["category"] == "jargon"] == ["contact", "Contact"], \
        "a matched glossary word is a figure, not the writer's text"
    goal_finding = [f for f in findings if f["category"] == "smart"][0]
    assert goal_finding["text"] == "" and "engage with services" not in goal_finding["message"]
    goals = _rows(render_table("goals.csv", records, redact=True))
    assert all(g["text"] == "" and g["who"] == "" for g in goals)
    everything = "".join(render_table(n, records, redact=True) for n in ("summary.csv", "findings.csv", "goals.csv"))
    for secret in ("Tuesday", "Amy's views", "engage with services", "Sarah"):
        assert secret not in everything


# --------------------------------------------------------------------------- dashboard


class _Config:
    reading_age = 11
    balance_ratio = 3


def _outcome(records, total=None):
    return AuditOutcome(records=records, total=len(records) if total is None else total)


def test_dashboard_figures_come_from_the_records():
    data = gather(_records(), _Config())
    assert data["documents"] == 3 and len(data["errors"]) == 1
    assert data["ages"] == [14.5, 10.0]
    assert data["voice"]["found"] == 1 and data["voice"]["missing"] == 1
    assert (data["goals"], data["smart_goals"]) == (2, 1)
    assert data["missing_letters"] == {"S": 1, "M": 1, "T": 1}
    assert data["terms"]["jargon"] == [("contact", 2, 1)]
    assert data["terms"]["acronym"] == [("LAC", 1, 1)]
    assert [r["path"] for _, r in data["attention"]] == ["a.md", "b.md"]


def test_dashboard_is_one_self_contained_page_with_svg_charts():
    records = _records()
    records[1]["path"] = "<script>alert(1)</script>.md"
    records[0]["report"] = "reports/a.md.1234.html"
    page = render_dashboard(_outcome(records, total=4), _Config())
    assert page.count("<svg") == 6   # reading age, voice, SMART share, letters, categories, balance
    assert "<script" not in page, "no scripts at all, and a path is escaped"
    # Nothing is fetched: no external sources; namespaces are names, not requests.
    assert not re.search(r'(?:src|href)\s*=\s*"(?:https?:)?//', page)
    assert "@import" not in page and "url(http" not in page
    assert 'href="reports/a.md.1234.html"' in page
    assert "1 of 4 documents" in page and "--resume" in page
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "charts inline in one page must not share element ids"


# --------------------------------------------------------------------------- exit codes


def test_exit_codes_follow_check_and_fail_on_applies_to_the_whole_audit():
    records = _records()
    assert exit_code(_outcome(records), "warning") == 2          # a document could not be read
    readable = records[:2]
    assert exit_code(_outcome(readable), "warning") == 1
    assert exit_code(_outcome(readable), "error") == 0
    assert exit_code(_outcome(readable), "never") == 0
    stopped = _outcome(readable)
    stopped.stopped_by = signal.SIGINT
    assert exit_code(stopped, "never") == 130


# --------------------------------------------------------------------------- a real audit


def test_audit_reads_every_document_and_agrees_with_check(session, tmp_path):
    folder = _folder(tmp_path)
    files = _files(folder)
    out = tmp_path / "audit"
    options = AuditOptions(out=str(out), jobs=2, quiet=True)
    outcome = run_audit(session, files, options)
    write_outputs(outcome, options, session.config)
    assert outcome.complete and outcome.checked == len(files)
    summary = {r["path"]: r for r in _rows((out / "summary.csv").read_text())}
    assert list(summary) == files, "one row per document, in the order of the paths"
    errors = {p: r["error_code"] for p, r in summary.items() if r["error_code"]}
    assert errors[str(folder / "empty.md")] == "empty"
    assert errors[str(folder / "old.doc")] == "legacy-doc"
    assert str(folder / "broken.docx") in errors
    findings = _rows((out / "findings.csv").read_text())
    for path in files:
        expected = session.check_path(path).to_json()
        row = summary[path]
        assert row["error_code"] == ((expected["error"] or {}).get("code") or "")
        if expected["error"]:
            continue
        assert int(row["findings"]) == len(expected["findings"])
        for category in ("jargon", "acronym", "victim-blaming", "directive"):
            assert int(row[category]) == sum(f["category"] == category for f in expected["findings"])
        assert [(f["rule"], f["text"], f["context"]) for f in findings if f["path"] == path] == \
            [(f["rule"], f["text"], f["context"]) for f in expected["findings"]]
    assert (out / "report.html").read_text().count("<svg") >= 1
    info = json.loads((out / "audit.json").read_text())
    assert info["documents"] == len(files) and info["worker_peak_memory_mb"] > 0


def test_resume_skips_unchanged_documents_and_rechecks_changed_ones(session, tmp_path):
    folder = _folder(tmp_path)
    files = _files(folder)
    out = tmp_path / "audit"
    run_audit(session, files, AuditOptions(out=str(out), jobs=2, quiet=True))
    lines = (out / "results.jsonl").read_bytes().splitlines(keepends=True)
    # Killed after three documents, in the middle of writing the fourth.
    (out / "results.jsonl").write_bytes(b"".join(lines[:3]) + lines[3][:40])
    kept = [json.loads(line)["path"] for line in lines[:3]]
    changed = next(p for p in files if p not in kept and p.endswith(".txt"))
    with open(changed, "a") as handle:
        handle.write("\nThe social worker will visit.\n")
    with pytest.raises(AuditError, match="--resume"):
        run_audit(session, files, AuditOptions(out=str(out), jobs=2, quiet=True))
    outcome = run_audit(session, files, AuditOptions(out=str(out), jobs=2, resume=True, quiet=True))
    assert outcome.complete
    assert outcome.reused == 3 and outcome.checked == len(files) - 3
    again = run_audit(session, files, AuditOptions(out=str(out), jobs=2, resume=True, quiet=True))
    assert again.reused == len(files) and again.checked == 0
    with open(changed, "a") as handle:
        handle.write("Mum must attend.\n")
    third = run_audit(session, files, AuditOptions(out=str(out), jobs=1, resume=True, quiet=True))
    assert third.checked == 1 and third.reused == len(files) - 1
    latest = {r["path"]: r for r in _results(out)}
    assert latest[changed]["result"] == session.check_path(changed).to_json()


def _run_cli(args, cwd, **kwargs):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "plainplan", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


@pytest.mark.slow
def test_ctrl_c_keeps_what_is_done_writes_tables_and_resume_finishes(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    text = (SAMPLES / "cla_review_wright.md").read_text()
    for i in range(60):
        (folder / f"review-{i:02d}.md").write_text(text.replace("Wright", f"Wright{i}"))
    out = tmp_path / "audit"
    process = _run_cli(["audit", str(folder), "--out", str(out), "-j", "1", "--no-reports"], cwd=tmp_path)
    results = out / "results.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not results.exists() or results.read_bytes().count(b"\n") < 2):
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    saved = results.read_bytes().count(b"\n")
    assert 2 <= saved < 60
    assert "--resume" in stderr and "Traceback" not in stderr
    summary = _rows((out / "summary.csv").read_text())
    assert len(summary) == saved, "tables hold what was done"
    assert "not finished" in (out / "report.html").read_text()
    process = _run_cli(["audit", str(folder), "--out", str(out), "-j", "2", "--resume", "--no-reports",
                        "--fail-on", "never"], cwd=tmp_path)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert f"{saved} carried over" in stderr
    assert len(_rows((out / "summary.csv").read_text())) == 60


def test_an_output_folder_that_cannot_be_used_is_a_clear_error(tmp_path):
    target = tmp_path / "a-file"
    target.write_text("x")
    process = _run_cli(["audit", str(SAMPLES / "letter_leo.md"), "--out", str(target)], cwd=tmp_path)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "is a file" in stderr and "Traceback" not in stderr
