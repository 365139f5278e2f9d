"""The one list of records every reporter beyond `text` is built from.

`file_records(results)` gives, per document, its JSON-contract record
(`FileResult.to_json()`) plus the blocks it was checked on. SARIF, GitHub annotations,
the HTML report and the annotated Word copy all format these records; none of them
re-reads a document or re-runs a rule, so every format tells the same story.
"""
from __future__ import annotations

from .text import HEADING_SEP

LETTERS = ("S", "M", "A", "R", "T", "W")
LETTER_NAMES = {
    "S": "specific", "M": "measurable", "A": "achievable", "R": "relevant",
    "T": "time-bound", "W": "who is responsible",
}


def file_records(results: list) -> list:
    records = []
    for result in results:
        record = result.to_json()
        record["blocks"] = list(getattr(result, "blocks", None) or [])
        records.append(record)
    return records


def place(location: dict) -> str:
    """Where a finding is, as a person would look for it: heading › table row/column."""
    if not location or location.get("block") is None:
        return "whole document"
    bits = []
    if location.get("part") not in (None, "body"):
        bits.append(location["part"])
    heading = list(location.get("heading") or [])
    if heading:
        bits.append(HEADING_SEP.join(heading))
    if location.get("table") is not None:
        bits.append(f"table {location['table']} row {location['row'] + 1} column {location['col'] + 1}")
    elif location.get("kind") == "heading":
        bits.append("heading")
    elif not bits:
        bits.append(f"paragraph {location['block'] + 1}")
    return HEADING_SEP.join(bits)


def advice(finding: dict, with_rule: bool = True) -> str:
    """A finding as a kind reviewer would write it: what, what to write instead, why."""
    parts = [finding["message"].strip()]
    if finding.get("suggestion"):
        parts.append(f"You could write: \u201c{finding['suggestion']}\u201d.")
    if finding.get("why"):
        parts.append(f"Why it matters: {finding['why'].strip()}")
    text = " ".join(parts)
    if with_rule:
        text += f" [{finding['rule']}]"
    return text


def goal_letters(goal: dict) -> dict:
    """{"S": True, ...}: which SMART+W letters a goal meets."""
    missing = set(goal.get("missing") or [])
    return {letter: letter not in missing for letter in LETTERS}


def span_findings(record: dict) -> list:
    return [f for f in record["findings"] if f["scope"] == "span" and f["location"].get("block") is not None]
