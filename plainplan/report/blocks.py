"""`plainplan text`: the blocks exactly as read, so a user sees what was checked."""
from __future__ import annotations

import json

from .text import HEADING_SEP


def render_blocks(document, fmt: str) -> str:
    if fmt == "json":
        data = {"path": document.path, "format": document.format,
                "warnings": document.warnings, "blocks": [b.to_json() for b in document.blocks]}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    lines = [f"# {document.path} ({document.format}, {len(document.blocks)} blocks)"]
    lines += [f"# note: {w}" for w in document.warnings]
    for b in document.blocks:
        lines.append(f"[{b.index}] {describe(b)}")
        lines.extend("    " + line for line in b.text.split("\n"))
    return "\n".join(lines) + "\n"


def describe(block) -> str:
    bits = [block.kind if block.part == "body" else f"{block.part} {block.kind}"]
    if block.line is not None:
        bits.append(f"line {block.line}:{block.column}")
    if block.table is not None:
        bits.append(f"table {block.table} row {block.row + 1} column {block.col + 1}")
    if block.heading:
        bits.append("under " + HEADING_SEP.join(block.heading))
    return ", ".join(bits)
