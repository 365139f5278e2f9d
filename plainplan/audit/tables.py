"""The audit's CSV tables, built from the saved records (FileResult.to_json() dicts).

summary.csv  one row per document: words, reading age, counts per category, child's voice,
             strengths, worries, goals, SMART goals, error
findings.csv one row per finding, with its location and context
goals.csv    one row per goal with its S/M/A/R/T/W verdicts

`redact` leaves the document's own text out (context, goal text, who, headings, and the
flagged words of findings that quote more than a matched term), so the figures can be
shared beyond the team. Plain UTF-8, comma-separated, one header row.
"""
from __future__ import annotations

import csv
import io
from typing import Iterable

from ..results import CATEGORIES, SEVERITIES

LETTERS = ("S", "M", "A", "R", "T", "W")
# Findings in these categories flag a matched word or phrase from the glossary or a rule's
# pattern, not the writer's own sentence: their `text` is kept when redacting.
TERM_CATEGORIES = ("jargon", "acronym", "blame", "victim-blaming", "label", "directive")
REDACTED = ""

SUMMARY_COLUMNS = (
    ["path", "format", "words", "sentences", "reading_age", "fk_grade", "child_voice", "child_voice_found",
     "strengths", "worries", "goals", "smart_goals", "findings"]
    + [f"{s}s" for s in SEVERITIES] + list(CATEGORIES) + ["report", "error_code", "error"]
)
FINDING_COLUMNS = ["path", "rule", "category", "severity", "scope", "text", "suggestion", "message", "context",
                   "block", "part", "kind", "heading", "table", "row", "col", "line", "column", "start", "end"]
GOAL_COLUMNS = (["path", "goal", "text", "smart", "missing"] + list(LETTERS)
                + ["who", "when", "block", "kind", "heading", "table", "row", "line"])
TABLES = {"summary.csv": SUMMARY_COLUMNS, "findings.csv": FINDING_COLUMNS, "goals.csv": GOAL_COLUMNS}


def render_table(name: str, records: list, redact: bool = False) -> str:
    rows = {"summary.csv": summary_rows, "findings.csv": finding_rows, "goals.csv": goal_rows}[name]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=TABLES[name], extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows(records, redact):
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return buffer.getvalue()


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        # A spreadsheet would run a cell starting like this as a formula.
        return "'" + value
    return value


def _stat(stats: dict, key: str):
    value = stats.get(key)
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def voice_found(result: dict):
    """Did the document hold the child's own words? None when the check did not run."""
    count = _stat(result.get("stats") or {}, "child_voice")
    missing = any(f["category"] == "child-voice" and f["scope"] == "document" for f in result.get("findings", []))
    if count is not None:
        return count > 0 and not missing
    return False if missing else None


def goal_letters(goal: dict) -> dict:
    """S/M/A/R/T/W -> met? Uses the goal's own verdicts when given, else its missing list."""
    letters = goal.get("letters")
    missing = set(goal.get("missing") or [])
    out = {}
    for letter in LETTERS:
        if isinstance(letters, dict) and isinstance(letters.get(letter), bool):
            out[letter] = letters[letter]
        else:
            out[letter] = letter not in missing
    return out


def summary_rows(records: Iterable, redact: bool = False):
    for record in records:
        result = record["result"]
        stats = result.get("stats") or {}
        findings = result.get("findings") or []
        goals = result.get("goals") or []
        error = result.get("error") or {}
        row = {
            "path": record["path"],
            "format": result.get("format"),
            "words": _stat(stats, "words"),
            "sentences": _stat(stats, "sentences"),
            "reading_age": _stat(stats, "reading_age"),
            "fk_grade": _stat(stats, "fk_grade"),
            "child_voice": _stat(stats, "child_voice"),
            "child_voice_found": None if error else voice_found(result),
            "strengths": _stat(stats, "strengths"),
            "worries": _stat(stats, "worries"),
            "goals": None if error else len(goals),
            "smart_goals": None if error else sum(1 for g in goals if g.get("smart")),
            "findings": None if error else len(findings),
            "report": record.get("report"),
            "error_code": error.get("code"),
            "error": error.get("message"),
        }
        for severity in SEVERITIES:
            row[f"{severity}s"] = None if error else sum(1 for f in findings if f["severity"] == severity)
        for category in CATEGORIES:
            row[category] = None if error else sum(1 for f in findings if f["category"] == category)
        yield row


def finding_text(finding: dict, redact: bool) -> str:
    if not redact or (finding.get("scope") == "span" and finding.get("category") in TERM_CATEGORIES):
        return finding.get("text") or ""
    return REDACTED


def finding_message(finding: dict, redact: bool) -> str:
    message = finding.get("message") or ""
    text = finding.get("text") or ""
    if redact and text and not finding_text(finding, redact):
        message = message.replace(text, "…")
    return message


def finding_rows(records: Iterable, redact: bool = False):
    for record in records:
        for finding in record["result"].get("findings") or []:
            location = finding.get("location") or {}
            yield {
                "path": record["path"],
                "rule": finding.get("rule"),
                "category": finding.get("category"),
                "severity": finding.get("severity"),
                "scope": finding.get("scope"),
                "text": finding_text(finding, redact),
                "suggestion": finding.get("suggestion"),
                "message": finding_message(finding, redact),
                "context": REDACTED if redact else finding.get("context"),
                "heading": REDACTED if redact else " > ".join(location.get("heading") or []),
                **{k: location.get(k) for k in ("block", "part", "kind", "table", "row", "col", "line", "column",
                                                  "start", "end")},
            }


def goal_rows(records: Iterable, redact: bool = False):
    for record in records:
        for number, goal in enumerate(record["result"].get("goals") or [], start=1):
            location = goal.get("location") or {}
            letters = goal_letters(goal)
            yield {
                "path": record["path"],
                "goal": number,
                "text": REDACTED if redact else goal.get("text"),
                "smart": bool(goal.get("smart")),
                "missing": " ".join(goal.get("missing") or []),
                **letters,
                "who": REDACTED if redact else goal.get("who"),
                "when": goal.get("when"),
                "heading": REDACTED if redact else " > ".join(location.get("heading") or []),
                **{k: location.get(k) for k in ("block", "kind", "table", "row", "line")},
            }
