"""What a reader produces: a document as a list of blocks in reading order.

A block is one paragraph, heading, list item, table cell or quote. Its location is
what a person would use to find it again: the heading it sits under, the table row and
column, or the line and column in a text file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

# Where a block lives in a Word package. Text files only have "body".
PARTS = ("body", "header", "footer", "footnote", "endnote", "textbox")
# What kind of block it is.
KINDS = ("paragraph", "heading", "list-item", "table-cell", "quote")


@dataclass
class Block:
    text: str
    kind: str = "paragraph"
    part: str = "body"
    heading: tuple = ()          # heading path above the block (not including itself)
    level: Optional[int] = None  # heading level (1 = top) for headings; list depth for list items
    table: Optional[int] = None  # 1-based table number in the document
    row: Optional[int] = None    # 0-based row within the table (row 0 is usually the header row)
    col: Optional[int] = None    # 0-based column within the row
    line: Optional[int] = None   # 1-based, text formats only
    column: Optional[int] = None
    index: int = 0               # position in the document's block list
    # Text formats: (offset in block text, line, column) where a run of source text starts,
    # so any character offset maps back to a 1-based file position after markup is removed.
    segments: tuple = ()
    # Word: per source paragraph, (paragraph ordinal, offset in block text). Used only by
    # the annotator to find the paragraph again; never serialised.
    anchors: tuple = ()
    # Words the reader recognised as placeholders or generated text, as (start, end).
    placeholders: tuple = ()
    style: Optional[str] = None

    def location(self, start: Optional[int] = None, end: Optional[int] = None) -> dict:
        """The JSON location object (DESIGN.md) for this block, or a span in it."""
        line, column = self.position(start or 0)
        return {
            "block": self.index,
            "part": self.part,
            "kind": self.kind,
            "heading": list(self.heading),
            "table": self.table,
            "row": self.row,
            "col": self.col,
            "line": line,
            "column": column,
            "start": start,
            "end": end,
        }

    def position(self, offset: int) -> tuple:
        """(line, column) in the source file of a character offset, for text formats."""
        if self.line is None:
            return None, None
        best = (0, self.line, self.column or 1)
        for seg in self.segments:
            if seg[0] > offset:
                break
            best = seg
        return best[1], best[2] + (offset - best[0])

    def to_json(self) -> dict:
        return {"text": self.text, "location": self.location()}


@dataclass
class Document:
    path: str
    format: str                  # "docx", "md", "txt"
    blocks: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    def add(self, block: Block) -> Block:
        block.index = len(self.blocks)
        self.blocks.append(block)
        return block


class ReadError(Exception):
    """A document that cannot be read. `code` is stable; `message` says what to do."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def to_json(self) -> dict:
        return {"code": self.code, "message": self.message}
