"""Readable text: compiler-style lines for .md/.txt, heading and table cell for Word."""
from __future__ import annotations

from ..results import summary

HEADING_SEP = " \u203a "


def where(result, finding) -> str:
    loc = finding.location
    if loc.get("line"):
        return f"{result.path}:{loc['line']}:{loc['column']}"
    if loc.get("block") is None:
        return result.path
    parts = []
    if loc.get("part") and loc["part"] != "body":
        parts.append(loc["part"])
    if loc.get("heading"):
        parts.append(HEADING_SEP.join(loc["heading"]))
    if loc.get("table") is not None:
        parts.append(f"table {loc['table']} row {loc['row'] + 1} column {loc['col'] + 1}")
    elif not loc.get("heading"):
        parts.append("heading" if loc.get("kind") == "heading" else f"paragraph {loc['block'] + 1}")
    return f"{result.path}: " + ", ".join(parts)


def finding_line(result, finding) -> str:
    text = f"{where(result, finding)}: {finding.severity}: {finding.message}"
    if finding.suggestion:
        text += f" (try: {finding.suggestion})"
    return f"{text} [{finding.rule}]"


def render(results: list, quiet: bool = False, **_options) -> str:
    lines = []
    for result in results:
        if result.error:
            message = result.error["message"]
            if message.startswith(f"{result.path}: "):
                message = message[len(result.path) + 2:]
            lines.append(f"{result.path}: error: {message} [{result.error['code']}]")
            continue
        for warning in result.warnings:
            lines.append(f"{result.path}: note: {warning.split(': ', 1)[-1]}")
        for finding in result.findings:
            lines.append(finding_line(result, finding))
    if not quiet:
        s = summary(results)
        sev = s["by_severity"]
        counts = ", ".join(f"{sev[k]} {k}" for k in ("error", "warning", "info") if sev.get(k))
        files = f"{s['files']} document{'s' if s['files'] != 1 else ''}"
        line = f"{files} checked: {s['findings']} finding{'s' if s['findings'] != 1 else ''}"
        if counts:
            line += f" ({counts})"
        if s["errors"]:
            line += f"; {s['errors']} could not be read"
        lines.append(line)
    return "\n".join(lines) + ("\n" if lines else "")
