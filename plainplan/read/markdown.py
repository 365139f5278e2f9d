"""Markdown documents via markdown-it-py (CommonMark + tables + front matter).

Blocks hold the text a reader sees (emphasis markers and link targets removed), and
segments map each piece of it back to its line and column in the file, so findings
point at the right character in compiler-style output.
"""
from __future__ import annotations

from ..document import Block, Document
from .text import decode

_SKIP_CHILDREN = {"image", "html_inline"}


def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin)


def read_markdown(path: str, data: bytes) -> Document:
    text, warning = decode(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    document = Document(path=path, format="md")
    if warning:
        document.warnings.append(warning)
    lines = text.split("\n")
    tokens = _parser().parse(text)
    headings: list = []
    containers: list = []       # open list items, block quotes, table cells
    table = row = col = 0
    pending_heading = None
    for i, token in enumerate(tokens):
        t = token.type
        if t == "heading_open":
            pending_heading = int(token.tag[1])
        elif t in ("bullet_list_open", "ordered_list_open"):
            containers.append("list")
        elif t in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            containers.pop()
        elif t == "blockquote_open":
            containers.append("quote")
        elif t == "table_open":
            table += 1
            row = -1
        elif t == "tr_open":
            row += 1
            col = -1
        elif t in ("th_open", "td_open"):
            col += 1
        elif t == "inline":
            content, segments = _plain(token, lines)
            stripped = content.strip()
            if not stripped:
                pending_heading = None
                continue
            lead = len(content) - len(content.lstrip())
            segments = _shift(segments, lead)
            content = stripped
            line, column = segments[0][1:] if segments else ((token.map[0] + 1) if token.map else None, 1)
            parent = tokens[i - 1].type if i else ""
            if pending_heading is not None:
                headings = [h for h in headings if h[0] < pending_heading] + [(pending_heading, content)]
                document.add(Block(text=content, kind="heading", level=pending_heading,
                                   heading=tuple(h for _, h in headings[:-1]), line=line, column=column,
                                   segments=segments))
                pending_heading = None
                continue
            kind = "paragraph"
            extra = {}
            if parent in ("th_open", "td_open"):
                kind, extra = "table-cell", {"table": table, "row": row, "col": col}
            elif "list" in containers and containers[-1] == "list":
                kind, extra = "list-item", {"level": containers.count("list") - 1}
            elif "quote" in containers:
                kind = "quote"
            document.add(Block(text=content, kind=kind, heading=tuple(h for _, h in headings),
                               line=line, column=column, segments=segments, **extra))
    return document


def _shift(segments: tuple, lead: int) -> tuple:
    if not lead:
        return segments
    out = []
    for off, line, col in segments:
        if off >= lead:
            out.append((off - lead, line, col))
        elif not out:
            out.append((0, line, col + (lead - off)))
    return tuple(out)


def _plain(token, lines: list) -> tuple:
    """The visible text of an inline token, and where each piece of it is in the file."""
    first = token.map[0] if token.map else 0
    cursor_line, cursor_col = first, 0
    parts, segments, length = [], [], 0
    for child in token.children or []:
        if child.type in _SKIP_CHILDREN:
            if child.type == "image" and child.content:
                piece = child.content
            else:
                continue
        elif child.type in ("softbreak", "hardbreak"):
            piece = " "
        elif child.type in ("text", "code_inline"):
            piece = child.content
        else:
            continue
        if not piece:
            continue
        if piece != " ":
            found = _find(lines, piece, cursor_line, cursor_col)
            if found:
                cursor_line, cursor_col = found
                segments.append((length, cursor_line + 1, cursor_col + 1))
                cursor_col += len(piece)
            else:
                segments.append((length, cursor_line + 1, cursor_col + 1))
        elif child.type in ("softbreak", "hardbreak"):
            cursor_line, cursor_col = cursor_line + 1, 0
        parts.append(piece)
        length += len(piece)
    return "".join(parts), tuple(segments)


def _find(lines: list, piece: str, line: int, col: int):
    probe = piece.split("\n")[0][:40]
    for n in range(line, min(len(lines), line + 50)):
        start = col if n == line else 0
        at = lines[n].find(probe, start)
        if at != -1:
            return n, at
    return None
