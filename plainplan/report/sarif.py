"""SARIF 2.1.0 for code-scanning tools (`plainplan check --format sarif`).

One run; `tool.driver.rules` lists the rules that produced results. Text formats
(.md, .txt) carry line and column; a Word document has no lines, so its results carry
a logical location (heading › table row/column) and the flagged words as the snippet.
A document that could not be read becomes an error notification of the invocation.
"""
from __future__ import annotations

import json
from pathlib import Path, PurePath
from urllib.parse import quote

from .. import __version__
from .records import file_records, place

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(results: list, rules: list = (), **_options) -> str:
    return json.dumps(sarif_log(file_records(results), rules), indent=2, ensure_ascii=False) + "\n"


def sarif_log(records: list, rules: list = ()) -> dict:
    known = {rule.id: rule for rule in rules or ()}
    descriptors, index_of = [], {}
    artifacts, sarif_results, notifications = [], [], []
    for record in records:
        artifact_index = len(artifacts)
        artifacts.append({"location": artifact_location(record["path"]),
                          "sourceLanguage": record.get("format") or "text"})
        if record.get("error"):
            notifications.append({
                "level": "error",
                "message": {"text": record["error"]["message"]},
                "locations": [{"physicalLocation": {"artifactLocation": artifact_location(record["path"], artifact_index)}}],
                "properties": {"code": record["error"]["code"]},
            })
            continue
        for finding in record["findings"]:
            if finding["rule"] not in index_of:
                index_of[finding["rule"]] = len(descriptors)
                descriptors.append(descriptor(finding, known.get(finding["rule"])))
            sarif_results.append(result(record, finding, artifact_index, index_of[finding["rule"]]))
    run = {
        "tool": {"driver": {"name": "plainplan", "version": __version__,
                            "semanticVersion": __version__, "rules": descriptors}},
        "invocations": [{"executionSuccessful": not notifications,
                         "toolExecutionNotifications": notifications}],
        "artifacts": artifacts,
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def descriptor(finding: dict, rule=None) -> dict:
    short = (rule.description or rule.name) if rule is not None else finding["category"]
    out = {
        "id": finding["rule"],
        "name": rule.name if rule is not None else finding["rule"],
        "shortDescription": {"text": " ".join(short.split())},
        "defaultConfiguration": {"level": LEVELS[finding["severity"] if rule is None else rule.severity]},
        "properties": {"category": finding["category"], "tags": [finding["category"]]},
    }
    if finding.get("why"):
        out["fullDescription"] = {"text": " ".join(finding["why"].split())}
    if finding.get("source"):
        out["properties"]["source"] = finding["source"]
    if finding.get("link"):
        out["helpUri"] = finding["link"]
    return out


def result(record: dict, finding: dict, artifact_index: int, rule_index: int) -> dict:
    text = finding["message"]
    if finding.get("suggestion"):
        text += f" Try: {finding['suggestion']}."
    out = {
        "ruleId": finding["rule"],
        "ruleIndex": rule_index,
        "level": LEVELS[finding["severity"]],
        "message": {"text": text},
        "locations": [location(record, finding, artifact_index)],
        "properties": {"category": finding["category"], "scope": finding["scope"]},
    }
    if finding.get("suggestion"):
        out["properties"]["suggestion"] = finding["suggestion"]
    if finding.get("goal"):
        out["properties"]["goal"] = finding["goal"]
    return out


def location(record: dict, finding: dict, artifact_index: int) -> dict:
    loc = finding["location"]
    physical = {"artifactLocation": artifact_location(record["path"], artifact_index)}
    out = {"physicalLocation": physical}
    if loc.get("block") is None:
        out["message"] = {"text": "the whole document"}
        return out
    words = finding["text"] or finding["context"]
    if loc.get("line"):
        region = {"startLine": loc["line"], "startColumn": loc["column"]}
        if finding["text"] and "\n" not in finding["text"]:
            region["endLine"] = loc["line"]
            region["endColumn"] = loc["column"] + len(finding["text"])
        if words:
            region["snippet"] = {"text": words}
        physical["region"] = region
    else:
        # A .docx is a zip: byte or line offsets into it would mean nothing to a reader.
        out["logicalLocations"] = [{"fullyQualifiedName": place(loc), "kind": "text"}]
        out["properties"] = {"snippet": words, "block": loc["block"]}
    if finding["context"]:
        out["message"] = {"text": finding["context"]}
    return out


def artifact_location(path: str, index: int = None) -> dict:
    p = PurePath(path)
    if p.is_absolute():
        out = {"uri": Path(path).as_uri()}
    else:
        out = {"uri": quote(p.as_posix()), "uriBaseId": "%SRCROOT%"}
    if index is not None:
        out["index"] = index
    return out
