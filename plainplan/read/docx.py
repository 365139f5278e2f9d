"""Read the visible text of a Word (.docx/.docm/.dotx/.dotm) file as blocks.

Public API
----------
``read_docx(path) -> Document``
    Open, check and walk a Word file; format is "docx". Bad input raises
    ``plainplan.document.ReadError`` (codes: empty, not-a-zip, legacy-doc, encrypted,
    damaged, no-document, too-large, unsafe-xml).

``open_docx(path) -> Package``
    Open the package and parse every part the reader needs (main document, styles,
    notes, headers, footers, altChunk parts), after checking their declared sizes.
    ``package.main_part`` is the zip member name of the main document. The caller closes
    the package (``with open_docx(p) as pkg:``). The parsed trees live in the package
    (``pkg.xml(name)``); change them and ``pkg.save(dest)`` writes a copy with every
    untouched member copied as it was (see ``plainplan.read.package.Package``).

``walk(package) -> Iterator[tuple[Block, list[ParagraphSource]]]``
    Yield every block in reading order with, for each source ``w:p``, where its text
    came from. ``read_docx`` is ``Document.add`` over this, so anyone re-walking the same
    package gets exactly the same blocks, texts and offsets.

``ParagraphSource``: ``element`` (the lxml ``w:p``), ``part`` (zip member name),
``ordinal`` (index of that ``w:p`` in ``paragraphs(part_root)``, i.e. pre-order
document order of all ``w:p`` elements of the part, ``mc:Fallback`` copies included),
``start`` (offset of the paragraph's text in ``Block.text``) and ``pieces``: a list of
``(element, start, end)`` where ``element`` is the ``w:t`` / ``w:tab`` / ``w:br`` /
``w:sym`` / ``w:noBreakHyphen`` / ``m:t`` element that produced ``Block.text[start:end]``.
Offsets are in the final (stripped) block text; U+00AD/U+200B/U+FEFF are removed from a
piece's text, so within a piece an offset can be short of the element's own text by
those characters. An altChunk block has ``element`` = the ``w:altChunk`` and no pieces.

``Block.anchors`` is ``((ordinal, start), ...)`` for blocks from the main document part
(body, table cells, text boxes); headers, footers and notes have no anchors (Word
comments cannot point into them) but ``walk`` still gives their sources.

Reading order and locations
---------------------------
Body blocks in document order (every ``w:body``); a text box's blocks (part "textbox";
in a header, footer or note the text box keeps that part) come right after the block of the paragraph or cell that anchors it; a nested table's
cells come right after the cell holding it. Then footnotes, endnotes, headers, footers
(each part once, in the order sections reference them).

``kind``: "heading" (heading styles, Title, or an outline level; body only, not in
tables or text boxes), "list-item" (numbering with numId != 0, directly or through the
style chain, or a "List…" style), "table-cell" (one block per ``w:tc``, its paragraphs
joined by "\\n"), else "paragraph". ``level``: heading level with Title = 0 and
"heading 1" = 1; for list items the list depth, 1-based (``w:ilvl`` + 1).
``table``: 1-based in reading order, nested tables numbered when reached. ``row``:
0-based. ``col``: 0-based grid column where the cell starts (gridBefore and gridSpan
counted), so merged cells keep their column. ``heading``: texts of the enclosing
headings. ``style``: paragraph style name as styles.xml stores it (Word writes built-in
names in lower case, e.g. "heading 1"; falls back to the style id); for a cell, the
style of its first non-empty paragraph.
"""
from __future__ import annotations

import html.parser
import re
from dataclasses import dataclass, field
from typing import Iterator, Optional

from plainplan.document import Block, Document, ReadError
from plainplan.read.package import Package, open_package, damaged

__all__ = ["read_docx", "open_docx", "walk", "paragraphs", "ParagraphSource"]

# --- namespaces -------------------------------------------------------------------
# Transitional and ISO Strict URIs map to the same prefix, so one walker handles both
# without rewriting (and without changing) the trees.
_NS = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "w",
    "http://purl.oclc.org/ooxml/wordprocessingml/main": "w",
    "http://schemas.openxmlformats.org/officeDocument/2006/math": "m",
    "http://purl.oclc.org/ooxml/officeDocument/math": "m",
    "http://schemas.openxmlformats.org/markup-compatibility/2006": "mc",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "r",
    "http://purl.oclc.org/ooxml/officeDocument/relationships": "r",
    "urn:schemas-microsoft-com:vml": "v",
}
W_URIS = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
          "http://purl.oclc.org/ooxml/wordprocessingml/main")
M_URIS = ("http://schemas.openxmlformats.org/officeDocument/2006/math",
          "http://purl.oclc.org/ooxml/officeDocument/math")
R_URIS = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
          "http://purl.oclc.org/ooxml/officeDocument/relationships")
_tag_cache: dict = {}


def _tag(el) -> str:
    """Canonical "prefix:local" name of an element ("" for comments and PIs)."""
    t = el.tag
    if not isinstance(t, str):
        return ""
    name = _tag_cache.get(t)
    if name is None:
        if t.startswith("{"):
            uri, local = t[1:].split("}", 1)
            prefix = _NS.get(uri)
            name = f"{prefix}:{local}" if prefix else t
        else:
            name = t
        _tag_cache[t] = name
    return name


def _attr(el, uris, name: str) -> Optional[str]:
    """An attribute in whichever of the namespace's spellings (transitional, Strict) is used."""
    for uri in uris:
        value = el.get(f"{{{uri}}}{name}")
        if value is not None:
            return value
    return None


def _wattr(el, name: str) -> Optional[str]:
    return _attr(el, W_URIS, name)


def _rid(el) -> Optional[str]:
    for uri in R_URIS:
        value = el.get(f"{{{uri}}}id")
        if value is not None:
            return value
    return None


def _child(el, name: str):
    for c in el:
        if _tag(c) == name:
            return c
    return None


def _children(el, name: str):
    return [c for c in el if _tag(c) == name]


def paragraphs(root) -> list:
    """All ``w:p`` of a part in pre-order; ``ParagraphSource.ordinal`` indexes this."""
    return list(root.iter(*(f"{{{uri}}}p" for uri in W_URIS)))


def _choose(alternate):
    """The one branch of mc:AlternateContent to read: the first Choice, else Fallback."""
    fallback = None
    for c in alternate:
        t = _tag(c)
        if t == "mc:Choice":
            return c
        if t == "mc:Fallback" and fallback is None:
            fallback = c
    return fallback


# --- characters ----------------------------------------------------------------------
_REMOVE = dict.fromkeys(map(ord, "\u00ad\u200b\ufeff"))
# Adobe Symbol encoding, 0x20-0xFF, for w:sym in the Symbol font ("\0" = no character).
_SYMBOL = (
    " !∀#∃%&∋()∗+,−./0123456789:;<=>?"
    "≅ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_"
    "‾αβχδεφγηιϕκλμνοπθρστυϖωξψζ{|}∼\0"
    + "\0" * 32 +
    "€ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…⏐⎯↵"
    "ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓"
    "◊〈®©™∑⎛⎜⎝⎡⎢⎣⎧⎨⎩⎪\0〉∫⌠⎮⌡⎞⎟⎠⎤⎥⎦⎫⎬⎭\0"
)
_PICTURE_FONTS = ("wingdings", "webdings", "marlett", "mt extra", "zapf")


# Symbol-font text is stored as private-use characters U+F020-U+F0FF; map them one to
# one (so offsets do not move) to what Word shows.
_SYMBOL_PUA = {0xF020 + i: ch for i, ch in enumerate(_SYMBOL) if ch != "\0"}


def _is_symbol_run(run) -> bool:
    # Called for every run, so it looks only where Word puts it: rPr first, rFonts in it.
    if not len(run):
        return False
    rpr = run[0]
    if _tag(rpr) != "w:rPr":
        return False
    ns = rpr.tag[:rpr.tag.index("}") + 1]
    fonts = rpr.find(ns + "rFonts")
    if fonts is None:
        return False
    return "symbol" in ((fonts.get(ns + "ascii") or "").casefold(),
                        (fonts.get(ns + "hAnsi") or "").casefold())


def _mattr(el, name: str) -> Optional[str]:
    return _attr(el, M_URIS, name)


def _symbol(el) -> str:
    font = (_wattr(el, "font") or "").casefold()
    try:
        code = int(_wattr(el, "char") or "", 16)
    except ValueError:
        return ""
    if font == "symbol":
        low = code & 0xFF
        ch = _SYMBOL[low - 0x20] if low >= 0x20 else "\0"
        return "" if ch == "\0" else ch
    if font.startswith(_PICTURE_FONTS) or 0xE000 <= code <= 0xF8FF:
        return ""   # a picture glyph has no text equivalent
    return chr(code)


# --- styles --------------------------------------------------------------------------
_HEADING_NAME = re.compile(r"^heading\s*([1-9])$")


@dataclass
class _Style:
    name: Optional[str]
    based_on: Optional[str]
    outline: Optional[int]
    num_id: Optional[str]
    ilvl: Optional[int]


class _Styles:
    def __init__(self, root):
        self.styles: dict = {}
        if root is None:
            return
        for st in root:
            if _tag(st) != "w:style" or _wattr(st, "type") not in (None, "paragraph"):
                continue
            sid = _wattr(st, "styleId")
            if sid is None:
                continue
            name_el, based_el = _child(st, "w:name"), _child(st, "w:basedOn")
            ppr = _child(st, "w:pPr")
            outline, num_id, ilvl = _outline(ppr), *_numpr(ppr)
            self.styles[sid] = _Style(
                name=_wattr(name_el, "val") if name_el is not None else None,
                based_on=_wattr(based_el, "val") if based_el is not None else None,
                outline=outline, num_id=num_id, ilvl=ilvl)

    def chain(self, sid: Optional[str]):
        seen = set()
        while sid and sid not in seen and sid in self.styles:
            seen.add(sid)
            yield sid, self.styles[sid]
            sid = self.styles[sid].based_on

    def name(self, sid: Optional[str]) -> Optional[str]:
        if sid is None:
            return None
        st = self.styles.get(sid)
        return st.name if st is not None and st.name else sid

    def heading_level(self, sid: Optional[str]) -> Optional[int]:
        # The style's own name decides first (a localized id like "berschrift1" still has
        # the built-in name "heading 1"); then outline levels up the basedOn chain.
        if sid is None:
            return None
        own = self.styles.get(sid)
        for label in ((own.name if own else None), sid):
            level = _name_level(label)
            if level is not None:
                return level
        for _, st in self.chain(sid):
            if st.outline is not None:
                return st.outline + 1 if st.outline < 9 else None
            level = _name_level(st.name)
            if level is not None:
                return level
        return None

    def numbering(self, sid: Optional[str]):
        for _, st in self.chain(sid):
            if st.num_id is not None:
                return st.num_id, st.ilvl
        return None, None


def _name_level(label: Optional[str]) -> Optional[int]:
    if not label:
        return None
    label = label.casefold()
    if label == "title":
        return 0
    m = _HEADING_NAME.match(label)
    return int(m.group(1)) if m else None


def _outline(ppr) -> Optional[int]:
    el = _child(ppr, "w:outlineLvl") if ppr is not None else None
    if el is None:
        return None
    try:
        return int(_wattr(el, "val") or "")
    except ValueError:
        return None


def _numpr(ppr):
    numpr = _child(ppr, "w:numPr") if ppr is not None else None
    if numpr is None:
        return None, None
    num_el, ilvl_el = _child(numpr, "w:numId"), _child(numpr, "w:ilvl")
    num_id = _wattr(num_el, "val") if num_el is not None else None
    try:
        ilvl = int(_wattr(ilvl_el, "val")) if ilvl_el is not None else None
    except (TypeError, ValueError):
        ilvl = None
    return num_id, ilvl


# --- sources -------------------------------------------------------------------------
@dataclass
class ParagraphSource:
    element: object                    # the lxml w:p (w:altChunk for imported HTML)
    part: str                          # zip member name of the part
    ordinal: Optional[int]             # index in paragraphs(part root)
    start: int = 0                     # offset of this paragraph in Block.text
    pieces: list = field(default_factory=list)   # [(element, start, end)] in Block.text


@dataclass
class _Field:
    """A complex field being read: its instruction, then (after "separate") its shown result."""
    instruction: str = ""
    result_start: Optional[int] = None


@dataclass
class _Para:
    element: object
    text: str
    pieces: list            # offsets relative to `text`
    deferred: list          # w:txbxContent elements anchored in this paragraph
    style_id: Optional[str]
    # (start, end) of text Word shows in place of content: a content control showing its
    # prompt, a MERGEFIELD's result. Templates are full of them; they are not anyone's words.
    placeholders: list = field(default_factory=list)


def _strip(text: str, pieces: list):
    """Strip a paragraph's text and move its pieces with it."""
    left = len(text) - len(text.lstrip())
    stripped = text.strip()
    return stripped, _shift(pieces, left, len(stripped))


def _shift(spans: list, left: int, end: int) -> list:
    moved = []
    for *el, s, e in spans:
        s, e = max(s - left, 0), min(e - left, end)
        if e > s:
            moved.append((*el, s, e))
    return moved


def _placeholders(para, offset: int = 0) -> tuple:
    """The paragraph's placeholder spans in stripped text, moved to where it starts in its block."""
    left = len(para.text) - len(para.text.lstrip())
    return tuple((s + offset, e + offset) for s, e in _shift(para.placeholders, left, len(para.text.strip())))


# --- parts the reader needs ---------------------------------------------------------
_MAIN_TYPES = ("officeDocument",)
_NOTE_SKIP = {"separator", "continuationSeparator", "continuationNotice"}


def _main_part(pkg: Package) -> str:
    targets = [t for kind in _MAIN_TYPES for t in pkg.related("", kind)]
    if not targets and "_rels/.rels" not in pkg and "word/document.xml" in pkg:
        targets = ["word/document.xml"]   # no package rels at all: the usual place
    for target in targets:
        if target in pkg:
            # Another Office package (a theme, a workbook) is refused by its content
            # type; a generic or missing type is left to the root-element check.
            ctype = (pkg.content_type(target) or "").lower()
            if ("officedocument" in ctype or "ms-" in ctype) and \
                    "wordprocessingml" not in ctype and "ms-word" not in ctype:
                raise _no_document(pkg.path, "it is not a Word document but another kind of "
                                   "Office package")
            return pkg.find(target)
    if targets:
        raise _no_document(pkg.path, f"its main document part {targets[0]} is missing")
    raise _no_document(pkg.path, "it has no main document part")


def _no_document(path: str, why: str) -> ReadError:
    return ReadError("no-document", f"{path} has no readable Word document text ({why}); "
                     "open it in Word and save it as .docx")


def _section_parts(pkg: Package, main: str, root) -> tuple:
    """Header and footer parts in the order sections reference them, each once."""
    by_id = {r.id: r.target for r in pkg.rels(main) if not r.external}
    headers, footers = {}, {}
    for sect in root.iter(*(f"{{{u}}}sectPr" for u in W_URIS)):
        for ref in sect:
            t = _tag(ref)
            target = by_id.get(_rid(ref) or "")
            if target is None or target not in pkg:
                continue
            if t == "w:headerReference":
                headers.setdefault(pkg.find(target), None)
            elif t == "w:footerReference":
                footers.setdefault(pkg.find(target), None)
    return list(headers), list(footers)


def open_docx(path) -> Package:
    """Open and check a Word package and parse the parts the reader needs."""
    pkg = open_package(path)
    try:
        main = _main_part(pkg)
        pkg.main_part = main
        needed = [main, *_main_rel_parts(pkg, main)]
        pkg.check_sizes(needed)
        root = pkg.xml(main)
        if _tag(root) != "w:document":
            raise _no_document(pkg.path, f"its main part {main} is not a Word document body")
        for name in needed[1:]:
            if not name.lower().endswith((".htm", ".html", ".xhtml", ".txt", ".mht", ".mhtml")):
                pkg.xml(name)
        return pkg
    except BaseException:
        pkg.close()
        raise


def _main_rel_parts(pkg: Package, main: str) -> list:
    wanted = ("styles", "footnotes", "endnotes", "header", "footer", "aFChunk")
    return [pkg.find(r.target) for r in pkg.rels(main)
            if not r.external and r.type in wanted and r.target in pkg]


# --- the walker ----------------------------------------------------------------------
_SKIP_INLINE = frozenset((
    "w:pPr", "w:rPr", "w:sdtPr", "w:sdtEndPr", "w:del", "w:moveFrom", "w:delText",
    "w:instrText", "w:delInstrText", "w:rt", "w:rubyPr", "w:fldData", "w:softHyphen",
    "w:commentReference", "w:footnoteReference", "w:endnoteReference", "m:rPr",
    "m:ctrlPr", "w:ffData", "w:tblPr", "w:tcPr", "w:trPr",
))
_SKIP_BLOCK = frozenset((
    "w:sectPr", "w:sdtPr", "w:sdtEndPr", "w:del", "w:moveFrom", "w:tblPr", "w:tblGrid",
    "w:trPr", "w:tcPr", "w:tblPrEx", "w:background", "w:pPr", "w:rPr",
))


class _Walker:
    def __init__(self, pkg: Package):
        self.pkg = pkg
        self.main = pkg.main_part
        styles = pkg.related(self.main, "styles")
        self.styles = _Styles(pkg.xml(styles[0]) if styles and styles[0] in pkg else None)
        self.rels = {r.id: r for r in pkg.rels(self.main)}
        self.tables = 0
        self.headings: list = []     # [(level, text)] of enclosing headings
        self.fields: list = []       # complex-field stack of _Field
        self.part = self.main
        self.ordinals: dict = {}
        self.warnings: list = pkg.warnings

    # -- parts ----------------------------------------------------------------------
    def walk(self) -> Iterator[tuple]:
        root = self.pkg.xml(self.main)
        yield from self._part(self.main, root, "body", self._story(root, "body", True))
        self.headings = []
        for kind in ("footnotes", "endnotes"):
            for name in self.pkg.related(self.main, kind):
                if name in self.pkg:
                    yield from self._notes(self.pkg.find(name), kind[:-1])
        headers, footers = _section_parts(self.pkg, self.main, root)
        for kind, names in (("header", headers), ("footer", footers)):
            for name in names:
                proot = self.pkg.xml(name)
                yield from self._part(name, proot, kind, self._story(proot, kind, False))

    def _part(self, name, root, kind, blocks):
        self.part, self.fields = name, []
        self.ordinals = {p: i for i, p in enumerate(paragraphs(root))}
        for block, sources in blocks:
            if name == self.main:
                block.anchors = tuple((s.ordinal, s.start) for s in sources
                                      if s.ordinal is not None)
            yield block, sources

    def _notes(self, name: str, part: str):
        root = self.pkg.xml(name)

        def stories():
            for note in root:
                if _tag(note) in ("w:footnote", "w:endnote") and \
                        _wattr(note, "type") not in _NOTE_SKIP:
                    self.fields = []
                    yield from self._story(note, part, False)
        yield from self._part(name, root, part, stories())

    # -- block level ----------------------------------------------------------------
    def _items(self, container):
        """Paragraphs, tables and altChunks of a block container, through wrappers."""
        for child in container:
            t = _tag(child)
            if t in ("w:p", "w:tbl", "w:altChunk"):
                yield child
            elif t == "mc:AlternateContent":
                branch = _choose(child)
                if branch is not None:
                    yield from self._items(branch)
            elif t and t not in _SKIP_BLOCK:
                # sdt/sdtContent, customXml, ins, moveTo, extra w:body, unknown wrappers
                yield from self._items(child)

    def _story(self, container, part: str, headings: bool):
        for item in self._items(container):
            t = _tag(item)
            if t == "w:p":
                yield from self._paragraph_block(item, part, headings)
            elif t == "w:tbl":
                yield from self._table(item, part)
            else:
                yield from self._altchunk(item, part)

    def _paragraph_block(self, p, part: str, headings: bool):
        para = self._paragraph(p)
        text, pieces = _strip(para.text, para.pieces)
        if text:
            kind, level = self._classify(p, para.style_id)
            if kind == "heading" and not headings:
                kind, level = "paragraph", None
            path = tuple(h for _, h in self.headings)
            if kind == "heading":
                while self.headings and self.headings[-1][0] >= level:
                    self.headings.pop()
                path = tuple(h for _, h in self.headings)
                self.headings.append((level, text))
            block = Block(text=text, kind=kind, part=part, heading=path, level=level,
                          style=self.styles.name(para.style_id), placeholders=_placeholders(para))
            yield block, [self._source(p, 0, pieces)]
        yield from self._deferred(para.deferred, part)

    def _source(self, p, start: int, pieces: list) -> ParagraphSource:
        return ParagraphSource(element=p, part=self.part, ordinal=self.ordinals.get(p),
                               start=start,
                               pieces=[(el, s + start, e + start) for el, s, e in pieces])

    def _deferred(self, items, part: str):
        """Tables nested in a cell and text boxes, read after the block holding them."""
        for item in items:
            t = _tag(item)
            if t == "w:tbl":
                yield from self._table(item, part)
            elif t == "w:altChunk":
                yield from self._altchunk(item, part)
            else:
                # A text box is its own story with its own field state. In a header,
                # footer or note it keeps that part's name: where it is matters more.
                saved, self.fields = self.fields, []
                box = "textbox" if self.part == self.main else part
                yield from self._story(item, box, False)
                self.fields = saved

    def _classify(self, p, style_id):
        ppr = _child(p, "w:pPr")
        outline = _outline(ppr)
        level = (outline + 1 if outline < 9 else None) if outline is not None \
            else self.styles.heading_level(style_id)
        if level is not None:
            return "heading", level
        num_id, ilvl = _numpr(ppr)
        if num_id is None or ilvl is None:
            style_num, style_ilvl = self.styles.numbering(style_id)
            num_id = num_id if num_id is not None else style_num
            ilvl = ilvl if ilvl is not None else style_ilvl
        name = (self.styles.name(style_id) or "").casefold()
        if (num_id is not None and num_id != "0") or \
                (num_id is None and name.startswith("list")):
            return "list-item", (ilvl or 0) + 1
        return "paragraph", None

    # -- tables ---------------------------------------------------------------------
    def _within(self, el, wanted: str):
        """The `wanted` children (rows of a table, cells of a row) however deeply content
        controls, custom XML or an alternate-content Choice wrap them."""
        for child in el:
            t = _tag(child)
            if t == wanted:
                yield child
            elif t == "mc:AlternateContent":
                branch = _choose(child)
                if branch is not None:
                    yield from self._within(branch, wanted)
            elif t and t not in _SKIP_BLOCK:
                yield from self._within(child, wanted)

    def _table(self, tbl, part: str):
        self.tables += 1
        number, row = self.tables, 0
        for tr in self._within(tbl, "w:tr"):
            trpr = _child(tr, "w:trPr")
            if trpr is not None and _child(trpr, "w:del") is not None:
                continue   # a deleted row is gone once changes are accepted
            col = _int_val(trpr, "w:gridBefore", 0)
            for tc in self._within(tr, "w:tc"):
                tcpr = _child(tc, "w:tcPr")
                span = max(_int_val(tcpr, "w:gridSpan", 1), 1)
                if not _continues_merge(tcpr):
                    yield from self._cell(tc, part, number, row, col)
                col += span
            row += 1

    def _cell(self, tc, part: str, table: int, row: int, col: int):
        texts, sources, deferred, style_id, placeholders = [], [], [], None, []
        offset = 0
        for item in self._items(tc):
            t = _tag(item)
            if t != "w:p":
                deferred.append(item)
                continue
            para = self._paragraph(item)
            deferred.extend(para.deferred)
            text, pieces = _strip(para.text, para.pieces)
            if not text:
                continue
            if texts:
                offset += 1   # the "\n" joining paragraphs
            if style_id is None:
                style_id = para.style_id
            sources.append(self._source(item, offset, pieces))
            placeholders.extend(_placeholders(para, offset))
            texts.append(text)
            offset += len(text)
        if texts:
            block = Block(text="\n".join(texts), kind="table-cell", part=part,
                          heading=tuple(h for _, h in self.headings), table=table,
                          row=row, col=col, style=self.styles.name(style_id),
                          placeholders=tuple(placeholders))
            yield block, sources
        yield from self._deferred(deferred, part)

    # -- inline level ---------------------------------------------------------------
    _symbol_font = False   # inside a run whose font is Symbol

    def _paragraph(self, p) -> _Para:
        ppr = _child(p, "w:pPr")
        style_el = _child(ppr, "w:pStyle") if ppr is not None else None
        para = _Para(element=p, text="", pieces=[], deferred=[],
                     style_id=_wattr(style_el, "val") if style_el is not None else None)
        self._buf: list = []
        self._len = 0
        self._inline(p, para)
        para.text = "".join(self._buf)
        return para

    def _emit(self, el, text: Optional[str], para: _Para) -> None:
        if not text or any(f.result_start is None for f in self.fields):
            return
        text = text.translate(_REMOVE)
        if text:
            para.pieces.append((el, self._len, self._len + len(text)))
            self._buf.append(text)
            self._len += len(text)

    def _inline(self, el, para: _Para) -> None:
        for child in el:
            t = _tag(child)
            if t == "w:t" or t == "m:t":
                text = child.text
                if self._symbol_font and text:
                    text = text.translate(_SYMBOL_PUA)
                self._emit(child, text, para)
            elif t == "w:instrText" and self.fields:
                # Hidden from the text, but it says which fields show merge data.
                self.fields[-1].instruction += child.text or ""
            elif t in _SKIP_INLINE or not t:
                continue
            elif t == "w:tab" or t == "w:ptab":
                self._emit(child, "\t", para)
            elif t == "w:br" or t == "w:cr":
                kind = _wattr(child, "type")
                self._emit(child, " " if kind in ("page", "column") else "\n", para)
            elif t == "w:noBreakHyphen":
                self._emit(child, "-", para)
            elif t == "w:sym":
                self._emit(child, _symbol(child), para)
            elif t == "w:fldChar":
                self._field_char(child, para)
            elif t == "w:fldSimple":
                start = self._len
                self._inline(child, para)
                if _is_merge_field(_wattr(child, "instr")):
                    para.placeholders.append((start, self._len))
            elif t == "w:sdt" and _showing_placeholder(child):
                start = self._len
                self._inline(child, para)
                para.placeholders.append((start, self._len))
            elif t in ("w:drawing", "w:pict", "w:object"):
                self._find_textboxes(child, para.deferred)
            elif t == "mc:AlternateContent":
                branch = _choose(child)
                if branch is not None:
                    self._inline(branch, para)
            elif t == "w:r":
                saved, self._symbol_font = self._symbol_font, _is_symbol_run(child)
                self._inline(child, para)
                self._symbol_font = saved
            elif t == "m:nary":
                # The operator (∫, ∑ ...) is an attribute; Word shows it before the limits.
                pr = _child(child, "m:naryPr")
                chr_el = _child(pr, "m:chr") if pr is not None else None
                self._emit(child, _mattr(chr_el, "val") if chr_el is not None else "∫", para)
                self._inline(child, para)
            elif t == "w:txbxContent":
                para.deferred.append(child)
            else:
                # runs, hyperlinks, sdt/sdtContent, smartTag, customXml, bdo, dir, ins,
                # moveTo, fldSimple, ruby/rubyBase, OMML: the text is somewhere inside
                self._inline(child, para)

    def _field_char(self, el, para) -> None:
        kind = _wattr(el, "fldCharType")
        if kind == "begin":
            self.fields.append(_Field())
        elif kind == "separate" and self.fields:
            self.fields[-1].result_start = self._len
        elif kind == "end" and self.fields:
            done = self.fields.pop()
            if done.result_start is not None and _is_merge_field(done.instruction) and self._len > done.result_start:
                para.placeholders.append((done.result_start, self._len))

    def _find_textboxes(self, el, out: list) -> None:
        for child in el:
            t = _tag(child)
            if t == "w:txbxContent":
                out.append(child)
            elif t == "mc:AlternateContent":
                branch = _choose(child)
                if branch is not None:
                    self._find_textboxes(branch, out)
            elif t:
                self._find_textboxes(child, out)

    # -- altChunk -------------------------------------------------------------------
    def _altchunk(self, el, part: str):
        rel = self.rels.get(_rid(el) or "")
        if rel is None or rel.external or rel.target not in self.pkg:
            return
        name = self.pkg.find(rel.target)
        ctype = (self.pkg.content_type(name) or "").lower()
        lower = name.lower()
        if "html" in ctype or lower.endswith((".htm", ".html", ".xhtml")):
            texts = _html_paragraphs(_decode(self.pkg.read(name)))
        elif ctype.startswith("text/plain") or lower.endswith(".txt"):
            texts = [line.strip() for line in _decode(self.pkg.read(name)).splitlines()]
        else:
            self.warnings.append(f"imported content {name} ({ctype or 'unknown type'}) "
                                 "was not read")
            return
        for text in texts:
            if text:
                block = Block(text=text, kind="paragraph", part=part,
                              heading=tuple(h for _, h in self.headings))
                yield block, [ParagraphSource(element=el, part=self.part, ordinal=None)]


def _int_val(parent, name: str, default: int) -> int:
    el = _child(parent, name) if parent is not None else None
    if el is None:
        return default
    try:
        return int(_wattr(el, "val") or default)
    except ValueError:
        return default


def _continues_merge(tcpr) -> bool:
    """A vMerge/hMerge continuation cell: its content is shown by the starting cell."""
    if tcpr is None:
        return False
    for name in ("w:vMerge", "w:hMerge"):
        el = _child(tcpr, name)
        if el is not None and _wattr(el, "val") in (None, "continue"):
            return True
    return False


# --- imported HTML (w:altChunk) -------------------------------------------------------
_HTML_BLOCKS = frozenset((
    "p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4",
    "h5", "h6", "blockquote", "pre", "section", "article", "header", "footer", "dd", "dt",
    "hr", "body", "caption", "address",
))


class _HTMLText(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs, self._current, self._hidden = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head", "title"):
            self._hidden += 1
        elif tag in _HTML_BLOCKS:
            self.flush()

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head", "title"):
            self._hidden = max(self._hidden - 1, 0)
        elif tag in _HTML_BLOCKS:
            self.flush()

    def handle_data(self, data):
        if not self._hidden:
            self._current.append(data)

    def flush(self):
        text = " ".join("".join(self._current).split()).translate(_REMOVE)
        if text:
            self.paragraphs.append(text)
        self._current = []


def _html_paragraphs(text: str) -> list:
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    parser.flush()
    return parser.paragraphs


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    m = re.search(rb"charset=[\"']?([\w-]+)", data[:2048])
    for encoding in ((m.group(1).decode("ascii"),) if m else ()) + ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


# --- entry points ----------------------------------------------------------------------
def walk(package: Package) -> Iterator[tuple]:
    """Yield (Block, [ParagraphSource]) in reading order (see the module docstring)."""
    yield from _Walker(package).walk()


def read_docx(path) -> Document:
    path = str(path)
    with open_docx(path) as pkg:
        doc = Document(path=path, format="docx")
        try:
            for block, _ in walk(pkg):
                doc.add(block)
        except RecursionError as exc:
            raise damaged(path, "its XML is nested too deeply") from exc
        doc.warnings.extend(pkg.warnings)
    return doc


def _is_merge_field(instruction) -> bool:
    return bool(instruction) and instruction.strip().upper().startswith("MERGEFIELD")


def _showing_placeholder(sdt) -> bool:
    pr = _child(sdt, "w:sdtPr")
    return pr is not None and _child(pr, "w:showingPlcHdr") is not None
