"""What checking produces: findings, goals and stats for each document.

Every reporter takes these finished records; none of them re-reads a document or
re-runs a rule. `to_json` is the JSON contract of DESIGN.md (fields may be added,
never renamed).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: i for i, name in enumerate(SEVERITIES)}
CATEGORIES = (
    "jargon", "acronym", "blame", "victim-blaming", "label", "directive",
    "child-voice", "smart", "balance", "readability",
)
SCOPES = ("span", "block", "document", "goal")


@dataclass
class Hit:
    """What a rule kind yields: where, and anything that varies per hit.

    The engine turns a hit into a Finding by stamping the rule's id, category,
    severity and message on it, so rule kinds stay small and testable.
    """
    block: Optional[int]          # block index; None for document-level
    start: int = 0                # character offsets within the block text
    end: int = 0
    suggestion: Optional[str] = None
    message: Optional[str] = None  # overrides the rule's message template
    scope: str = "span"
    values: dict = field(default_factory=dict)  # fills the message template
    goal: Optional[dict] = None
    context: Optional[str] = None  # overrides the sentence around the hit
    severity: Optional[str] = None  # a glossary entry may set its own


@dataclass
class Finding:
    rule: str
    category: str
    severity: str
    message: str
    text: str
    context: str
    scope: str
    location: dict
    suggestion: Optional[str] = None
    why: str = ""
    source: str = ""
    link: str = ""
    goal: Optional[dict] = None

    def to_json(self) -> dict:
        out = {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "suggestion": self.suggestion,
            "text": self.text,
            "context": self.context,
            "scope": self.scope,
            "location": self.location,
            "why": self.why,
            "source": self.source,
            "link": self.link,
        }
        if self.goal is not None:
            out["goal"] = self.goal
        return out


@dataclass
class FileResult:
    path: str
    format: Optional[str]
    error: Optional[dict] = None
    stats: dict = field(default_factory=dict)
    findings: list = field(default_factory=list)
    goals: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    # The blocks the document was checked on ({"text", "location"} each), so the HTML
    # report can show the text without re-reading the document. Not in the JSON contract.
    blocks: list = field(default_factory=list, repr=False)

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "format": self.format,
            "error": self.error,
            "stats": self.stats,
            "findings": [f.to_json() for f in self.findings],
            "goals": self.goals,
            "warnings": self.warnings,
        }


def summary(results: list) -> dict:
    by_category: dict = {}
    by_severity: dict = {}
    for r in results:
        for f in r.findings:
            by_category[f.category] = by_category.get(f.category, 0) + 1
            by_severity[f.severity] = by_severity.get(f.severity, 0) + 1
    return {
        "files": len(results),
        "errors": sum(1 for r in results if r.error),
        "findings": sum(len(r.findings) for r in results),
        "by_category": by_category,
        "by_severity": by_severity,
    }


def report_json(results: list) -> dict:
    return {
        "schema_version": 1,
        "files": [r.to_json() for r in results],
        "summary": summary(results),
    }


EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def exit_status(errors: bool, severities, fail_on: str) -> int:
    """The exit code of `check` and `audit`: 2 when a document could not be read, 1 when a
    finding is at or above fail_on, else 0."""
    if errors:
        return EXIT_ERROR
    if fail_on == "never":
        return EXIT_OK
    floor = SEVERITY_RANK[fail_on]
    return EXIT_FINDINGS if any(SEVERITY_RANK.get(s, 0) >= floor for s in severities) else EXIT_OK
