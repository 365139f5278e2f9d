"""GitHub Actions annotations (`plainplan check --format github`).

One workflow command per finding, e.g.

    ::warning file=plan.md,line=14,col=4,endColumn=13,title=jargon-care::'Placement' is ...

A Word document has no lines, so its annotations name the file only and start the
message with where the words are (heading › table row/column).
"""
from __future__ import annotations

from .records import file_records, place

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def render(results: list, **_options) -> str:
    lines = []
    for record in file_records(results):
        if record.get("error"):
            lines.append(command("error", {"file": record["path"], "title": "plainplan"},
                                 record["error"]["message"]))
            continue
        for finding in record["findings"]:
            lines.append(annotation(record, finding))
    return "".join(line + "\n" for line in lines)


def annotation(record: dict, finding: dict) -> str:
    loc = finding["location"]
    props = {"file": record["path"]}
    message = finding["message"]
    if loc.get("line"):
        props["line"] = loc["line"]
        props["col"] = loc["column"]
        if finding["text"] and "\n" not in finding["text"]:
            props["endColumn"] = loc["column"] + len(finding["text"])
    elif loc.get("block") is not None:
        message = f"{place(loc)}: {message}"
    if finding.get("suggestion"):
        message += f" Try: {finding['suggestion']}."
    props["title"] = f"{finding['rule']} ({finding['category']})"
    return command(LEVELS[finding["severity"]], props, message)


def command(level: str, props: dict, message: str) -> str:
    args = ",".join(f"{key}={escape_property(str(value))}" for key, value in props.items())
    return f"::{level} {args}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
