"""Plain-text documents: decoding, and paragraphs, headings, lists and tab tables.

Text is decoded as UTF-8; UTF-8 or UTF-16 with a byte-order mark; else Windows-1252
(what Word's "Save as plain text" writes on a UK PC), with a warning, since a wrong
guess changes quotation marks and pound signs.
"""
from __future__ import annotations

import codecs
import re

from ..document import Block, Document, ReadError

_LIST = re.compile(r"^(\s*)([-*\u2022\u25aa\u2013]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")
_UNDERLINE = re.compile(r"^(=+|-+)\s*$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def decode(data: bytes, path: str) -> tuple:
    """(text, warning or None)."""
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8", data[3:]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", data
    else:
        encoding, body = None, data
    if encoding:
        try:
            return body.decode(encoding), None
        except UnicodeDecodeError as exc:
            raise ReadError("undecodable", f"{path}: the text is marked as {encoding.upper()} but is damaged at byte {exc.start}; save it again as UTF-8") from None
    if b"\x00" in data[:4096]:
        raise ReadError("undecodable", f"{path}: this is not a text file (it has binary bytes); check the file, or save it as UTF-8 text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ReadError("undecodable", f"{path}: the text is neither UTF-8 nor Windows-1252 (byte {exc.start}); save it as UTF-8 text") from None
    return text, f"{path}: not UTF-8; read as Windows-1252. Save it as UTF-8 to be sure quotation marks and symbols are right."


def read_text(path: str, data: bytes) -> Document:
    text, warning = decode(data, path)
    document = Document(path=path, format="txt")
    if warning:
        document.warnings.append(warning)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    headings: list = []
    table = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        # A paragraph is a run of non-blank lines; list items and tab rows split it.
        if "\t" in line.strip("\t ") and len([c for c in line.split("\t") if c.strip()]) > 1:
            table += 1
            row = 0
            while i < len(lines) and "\t" in lines[i]:
                col_offset = 0
                for col, cell in enumerate(lines[i].split("\t")):
                    if cell.strip():
                        lead = len(cell) - len(cell.lstrip())
                        document.add(Block(text=cell.strip(), kind="table-cell", heading=tuple(h for _, h in headings),
                                           table=table, row=row, col=col, line=i + 1, column=col_offset + lead + 1))
                    col_offset += len(cell) + 1
                row += 1
                i += 1
            continue
        md = _MD_HEADING.match(line)
        underline = i + 1 < len(lines) and _UNDERLINE.match(lines[i + 1]) and len(line.strip()) > 1
        if md or underline:
            level = len(md.group(1)) if md else (1 if lines[i + 1].startswith("=") else 2)
            title = md.group(2) if md else line.strip()
            col = line.index(title) + 1 if title in line else 1
            headings = _push(headings, level, title)
            document.add(Block(text=title, kind="heading", level=level, heading=tuple(h for _, h in headings[:-1]),
                               line=i + 1, column=col))
            i += 2 if underline and not md else 1
            continue
        if _is_label(line) and i + 1 < len(lines) and lines[i + 1].strip() and not _LIST.match(lines[i + 1]):
            # "Daniel's views:" on its own line heads the text below it, as a form's label does.
            title = line.strip()
            headings = _push(headings, 3, title.rstrip(":"))
            document.add(Block(text=title, kind="heading", level=3, heading=tuple(h for _, h in headings[:-1]),
                               line=i + 1, column=len(line) - len(line.lstrip()) + 1))
            i += 1
            continue
        start = i
        item = _LIST.match(line)
        para = [line]
        i += 1
        while i < len(lines) and lines[i].strip() and not _LIST.match(lines[i]) and "\t" not in lines[i].strip("\t "):
            if item is None and _MD_HEADING.match(lines[i]):
                break
            para.append(lines[i])
            i += 1
        first = para[0]
        if item:
            first_text = first[item.end():]
            col = item.end() + 1
        else:
            first_text = first.lstrip()
            col = len(first) - len(first_text) + 1
        segments, pieces, offset = [], [], 0
        for n, raw in enumerate(para):
            piece = first_text if n == 0 else raw.strip()
            c = col if n == 0 else len(raw) - len(raw.lstrip()) + 1
            segments.append((offset, start + n + 1, c))
            pieces.append(piece.rstrip())
            offset += len(piece.rstrip()) + 1
        body = " ".join(pieces)
        kind = "list-item" if item else "paragraph"
        if not item and _looks_like_heading(para, lines, i):
            headings = _push(headings, 2, body.rstrip(":"))
            document.add(Block(text=body, kind="heading", level=2, heading=tuple(h for _, h in headings[:-1]),
                               line=start + 1, column=col, segments=tuple(segments)))
            continue
        document.add(Block(text=body, kind=kind, heading=tuple(h for _, h in headings), line=start + 1, column=col,
                           level=(len(item.group(1)) // 2) if item else None, segments=tuple(segments)))
    return document


def _is_label(line: str) -> bool:
    text = line.strip()
    return text.endswith(":") and len(text.split()) <= 8 and not _LIST.match(line)


def _push(headings: list, level: int, title: str) -> list:
    return [h for h in headings if h[0] < level] + [(level, title)]


def _looks_like_heading(para: list, lines: list, next_index: int) -> bool:
    """A short line on its own, without closing punctuation, before more text: a heading."""
    if len(para) != 1:
        return False
    line = para[0].strip()
    if len(line) > 70 or len(line.split()) > 10 or line[-1] in ".!,;\"'\u201d\u2019)":
        return False
    rest = [ln for ln in lines[next_index:next_index + 3] if ln.strip()]
    if not rest:
        return False
    return line.endswith((":", "?")) or line.isupper() or line.istitle()
