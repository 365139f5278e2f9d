"""The audit dashboard in a real browser: headless Chromium renders it offline, charts and all."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from plainplan.audit.dashboard import render_dashboard
from plainplan.audit.runner import AuditOutcome

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars",
         # Any request the page tried to make would fail here rather than reach a network.
         "--host-resolver-rules=MAP * ~NOTFOUND"]

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (.ci/run installs it)")]


class _Config:
    reading_age = 11
    balance_ratio = 3


def _records(count=12):
    records = []
    for i in range(count):
        findings = [{"rule": "jargon-term", "category": "jargon", "severity": "warning", "scope": "span",
                     "message": "'contact' is jargon", "text": "contact", "context": "Contact is weekly.",
                     "suggestion": "family time", "location": {"block": 1, "heading": []}}] * (i % 4)
        if i % 3 == 0:
            findings = findings + [{"rule": "child-voice-missing", "category": "child-voice", "severity": "warning",
                                    "scope": "document", "message": "No words of the child.", "text": "",
                                    "context": "", "location": {"block": None}}]
        goals = [{"text": "Mum to engage.", "smart": i % 2 == 0, "missing": [] if i % 2 == 0 else ["S", "T"],
                  "who": "Mum", "when": None, "location": {"block": 3}}]
        stats = {"words": 200 + i * 10, "reading_age": 9 + i * 0.7, "strengths": i % 5, "worries": 2 + i % 7,
                 "child_voice": 0 if i % 3 == 0 else 2}
        records.append({"path": f"cases/plan-{i:02d}.md", "report": f"reports/plan-{i:02d}.html",
                        "result": {"path": f"cases/plan-{i:02d}.md", "format": "md", "error": None,
                                   "stats": stats, "findings": findings, "goals": goals, "warnings": []}})
    records.append({"path": "cases/broken.docx", "report": None,
                    "result": {"path": "cases/broken.docx", "format": "docx", "error": {
                        "code": "not-docx", "message": "cases/broken.docx: is not a Word file"},
                        "stats": {}, "findings": [], "goals": [], "warnings": []}})
    return records


def _chromium(tmp_path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
                          capture_output=True, text=True, timeout=120)


def test_dashboard_renders_offline_in_chromium(tmp_path):
    records = _records()
    page = tmp_path / "report.html"
    page.write_text(render_dashboard(AuditOutcome(records=records, total=len(records)), _Config()))
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert "<h1>plainplan audit</h1>" in dom
    assert len(re.findall(r"<svg\b", dom)) == 6
    # Charts drew their marks: bars and dots are SVG paths with real coordinates.
    assert len(re.findall(r"<path\b", dom)) > 50
    assert dom.count('href="reports/plan-') >= 5, "the documents needing attention link to their reports"
    assert "cases/broken.docx: is not a Word file" in dom
    shot = tmp_path / "dashboard.png"
    _chromium(tmp_path, "--window-size=1300,2600", f"--screenshot={shot}", page.as_uri())
    assert shot.is_file() and shot.stat().st_size > 50_000, "a blank page would be a small PNG"
    _keep_for_looking(shot)


def _keep_for_looking(shot: Path) -> None:
    # A person reviewing the test can open the last screenshot.
    target = Path(__file__).resolve().parents[1] / ".pytest_cache" / "audit-dashboard.png"
    if target.parent.is_dir():
        shutil.copy(shot, target)
