"""The sections of a document: from headings, and from table header rows and columns.

Templates mark their sections in two ways: headings ("What are we worried about?") and
table header cells (a Signs of Safety table with "What's working well | What are we
worried about" columns, or a one-cell row "Child's views" above the box to fill in). A
heading's kind comes from the alias lists in glossary/sections.yaml plus config
`sections:`; a sub-heading with no kind of its own belongs to its parent's section. The
document's title (a first heading with more headings after it) is not a section, so
"Maddie's Safety Plan" does not make the whole document a plan.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from . import cached

KINDS = ("child_views", "strengths", "worries", "plan", "analysis", "contingency", "involved")
_NAME = r"(?P<name>[\w'\u2019-]+(?: [\w'\u2019-]+)?)"
_NUMBERING = re.compile(r"^\s*(section\s+)?(\d+(\.\d+)*|[a-z]|[ivx]+)[.):]\s+", re.I)


@dataclass
class Section:
    kind: Optional[str]
    heading: Optional[int]          # block index of its heading or header cell
    title: str
    blocks: list = field(default_factory=list)
    name: Optional[str] = None      # the {name} an alias matched ("what Maddie says")


@dataclass
class Sections:
    sections: list
    kind_of: dict                   # block index -> section kind (or None)
    section_of: dict                # block index -> Section

    def of_kind(self, kind: str) -> list:
        return [s for s in self.sections if s.kind == kind]


def normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    # A template's heading names the child with a placeholder: "What [name] says".
    text = re.sub(r"\[[^\]]{1,40}\]|<<[^>]{1,40}>>|\u00ab[^\u00bb]{1,40}\u00bb|\{\{[^}]{1,40}\}\}", "child", text)
    text = re.sub(r"\([^)]*\)", " ", text)
    text = _NUMBERING.sub("", text)
    text = re.sub(r"[\s:?.!*_#\u2013-]+$", "", text.strip())
    return " ".join(text.split())


class Matcher:
    """Heading text -> section kind, from the glossary aliases and config `sections:`."""

    def __init__(self, ctx):
        self.patterns = []
        configured = getattr(ctx.config, "sections", {}) or {}
        for kind in KINDS:
            aliases = [str(a) for a in ctx.glossary.entries("sections", kind)] + list(configured.get(kind, []))
            for alias in sorted(set(aliases), key=len, reverse=True):
                body = re.escape(normalise(alias)).replace(r"\{name\}", _NAME)
                self.patterns.append((kind, re.compile(rf"^{body}(?:$|[\s,;/&-])")))

    def kind(self, text: str) -> tuple:
        norm = normalise(text)
        if not norm or len(norm.split()) > 12:
            return None, None
        for kind, pattern in self.patterns:
            m = pattern.match(norm)
            if m:
                return kind, m.groupdict().get("name")
        return None, None


def matcher(parsed, ctx) -> Matcher:
    # The matcher is per process in spirit; rebuilding it per document is cheap (a few hundred regexes).
    return cached(parsed, "section-matcher", lambda: Matcher(ctx))


def sections(parsed, ctx) -> Sections:
    return cached(parsed, "sections", lambda: _find(parsed, ctx))


def _find(parsed, ctx) -> Sections:
    from .people import people

    match = matcher(parsed, ctx)
    who = people(parsed, ctx)
    blocks = parsed.blocks
    headings = [b for b in blocks if b.kind == "heading"]
    title = headings[0].index if headings and headings[0].index == 0 and len(headings) > 1 else None
    if title is not None and match.kind(headings[0].text)[0] not in (None, "plan"):
        title = None  # the document opens straight with a section ("Children's views")

    def kind_of_heading(text):
        kind, name = match.kind(text)
        # "What Rachel said" is Mum's view, not the child's.
        if kind == "child_views" and name and name.split()[0] in who.adults:
            return None, None
        return kind, name

    out = [Section(kind=None, heading=None, title="")]
    kind_of, section_of = {}, {}
    stack: list = []        # (level, kind) of open headings
    for block in blocks:
        if block.kind == "heading":
            level = block.level or 1
            stack = [(lv, k) for lv, k in stack if lv < level]
            kind, name = (None, None) if block.index == title else kind_of_heading(block.text)
            inherited = next((k for _, k in reversed(stack) if k), None)
            stack.append((level, kind))
            out.append(Section(kind=kind or inherited, heading=block.index, title=block.text, name=name))
            kind_of[block.index] = None
            section_of[block.index] = out[-1]
            continue
        out[-1].blocks.append(block.index)
        kind_of[block.index] = out[-1].kind
        section_of[block.index] = out[-1]
    _table_sections(parsed, kind_of_heading, out, kind_of, section_of)
    return Sections(sections=[s for s in out if s.heading is not None or s.blocks], kind_of=kind_of, section_of=section_of)


def _table_sections(parsed, kind_of_heading, out, kind_of, section_of) -> None:
    """Header cells that name a section take the cells below them (by column, or by the
    rows that follow a one-cell title row)."""
    tables: dict = {}
    for block in parsed.blocks:
        if block.kind == "table-cell":
            tables.setdefault((block.part, block.table), []).append(block)
    for cells in tables.values():
        rows: dict = {}
        for cell in cells:
            rows.setdefault(cell.row, []).append(cell)
        header = {c.col: c for c in rows.get(min(rows), [])}
        columns = {}
        for col, cell in header.items():
            kind, name = kind_of_heading(cell.text)
            if kind:
                columns[col] = Section(kind=kind, heading=cell.index, title=cell.text, name=name)
                out.append(columns[col])
                kind_of[cell.index] = None
        current = None
        for row in sorted(rows)[1:] if columns else sorted(rows):
            row_cells = [c for c in rows[row] if c.text.strip()]
            if len(row_cells) == 1 and not columns:
                kind, name = kind_of_heading(row_cells[0].text)
                if kind:
                    current = Section(kind=kind, heading=row_cells[0].index, title=row_cells[0].text, name=name)
                    out.append(current)
                    kind_of[row_cells[0].index] = None
                    section_of[row_cells[0].index] = current
                    continue
            for cell in rows[row]:
                section = columns.get(cell.col) or current
                if section is None:
                    continue
                section.blocks.append(cell.index)
                kind_of[cell.index] = section.kind
                section_of[cell.index] = section
