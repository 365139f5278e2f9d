"""`plainplan rules` and `plainplan explain`: the rules as a table and one rule in full."""
from __future__ import annotations

import json
import textwrap


def render_rules(rules: list, config, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps([rule_record(r, config) for r in rules], indent=2, ensure_ascii=False) + "\n"
    rows = [("id", "category", "severity", "on", "what it checks")]
    for r in rules:
        on = "yes" if config.rule_selected(r) else "no"
        rows.append((r.id, r.category, config.severity_for(r, r.severity), on, first_line(r)))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    out = []
    for row in rows:
        out.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])
    return "\n".join(out) + "\n"


def first_line(rule) -> str:
    text = rule.description or rule.name
    return text.strip().split("\n")[0]


def rule_record(rule, config) -> dict:
    return {
        "id": rule.id, "name": rule.name, "category": rule.category,
        "severity": config.severity_for(rule, rule.severity), "default_severity": rule.severity,
        "kind": rule.kind, "description": rule.description, "message": rule.message, "why": rule.why,
        "source": rule.source, "link": rule.link, "examples": rule.examples,
        "selected": config.rule_selected(rule),
    }


def render_explain(rule, config) -> str:
    wrap = lambda s: textwrap.fill(" ".join(str(s).split()), width=88, initial_indent="  ", subsequent_indent="  ")
    out = [f"{rule.id} ({rule.name}): {rule.category}, {config.severity_for(rule, rule.severity)}", ""]
    if rule.description:
        out += ["What it finds:", wrap(rule.description), ""]
    out += ["Why it matters:", wrap(rule.why or "-"), ""]
    if rule.source or rule.link:
        out += ["Source:", wrap(" ".join(x for x in (rule.source, rule.link) if x)), ""]
    if rule.fail_examples:
        out.append("Flagged:")
        out += [wrap(f"- {e['text']}") for e in rule.fail_examples]
        out.append("")
    if rule.pass_examples:
        out.append("Not flagged:")
        out += [wrap(f"- {e['text']}") for e in rule.pass_examples]
        out.append("")
    return "\n".join(out)
