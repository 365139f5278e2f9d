"""Shared helpers for the Word reader tests: the corpus and the word comparison it describes.

The corpus README (shared/corpus/docx/README.md) compares multisets of words: `\\w+` after
NFKC, casefolded, without U+00AD/U+200B/U+FEFF, ignoring pure numbers, single letters
and words that only occur in image alt text.
"""
from __future__ import annotations

import re
import sys
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:   # the package is not installed in the venv
    sys.path.insert(0, str(ROOT))

CORPUS = (Path(__file__).parents[1] / ".." / "shared" / "corpus" / "docx").resolve()

_WORD = re.compile(r"\w+")
_REMOVE = dict.fromkeys(map(ord, "\u00ad\u200b\ufeff"))
_MISSING = re.compile(r"missing (\d+) of (\d+) words(?:: (.*))?$")


def words(text: str, pictographs: bool = True) -> Counter:
    if not pictographs:
        text = strip_pictographs(text)
    text = unicodedata.normalize("NFKC", text).casefold().translate(_REMOVE)
    return Counter(w for w in _WORD.findall(text) if len(w) > 1 and not w.isdigit())


def strip_pictographs(text: str) -> str:
    """Blank out symbols, private-use glyphs and enclosed alphanumerics (Ⓟ, ⓪, ❹).

    Pandoc maps Wingdings/Webdings glyphs to Unicode pictographs, and NFKC turns some of
    them into letters or digits that then glue onto the neighbouring word.
    """
    return "".join(" " if unicodedata.category(ch) in ("So", "Co", "Cs")
                   or 0x2460 <= ord(ch) <= 0x24FF or 0x2776 <= ord(ch) <= 0x2793 else ch
                   for ch in text)


def corpus_files(with_expected: bool = True) -> list:
    if not CORPUS.is_dir():
        return []
    files = sorted(p for p in CORPUS.iterdir() if p.suffix in (".docx", ".docm", ".dotx"))
    if with_expected:
        files = [p for p in files if expected_path(p).exists()]
    return files


def expected_path(doc: Path) -> Path:
    return doc.with_name(doc.name + ".expected.txt")


def alt_text_words(doc: Path) -> Counter:
    """Words of image alt text (wp:docPr/@descr, else @title) in the word/*.xml parts.

    Pandoc prints an image's alt text once per image, so these occurrences are taken
    off the expected side only.
    """
    found: Counter = Counter()
    with zipfile.ZipFile(doc) as zf:
        for name in zf.namelist():
            if name.startswith("word/") and name.endswith(".xml") and "/" not in name[5:]:
                xml = zf.read(name).decode("utf-8", errors="replace")
                for tag in re.findall(r"<wp:docPr\b[^>]*>", xml):
                    attrs = dict(re.findall(r'\b(descr|title)="([^"]*)"', tag))
                    alt = attrs.get("descr") or attrs.get("title") or ""
                    found.update(words(_unescape(alt)))
    return found


def _unescape(value: str) -> str:
    import html
    return html.unescape(value)


def gap_words(doc: Path) -> Counter:
    """Words pandoc lacks, from NAME.pandoc_gaps.txt.

    The third column lists the missing words (distinct, sorted) but is cut after a
    dozen ("..."); the fourth column is the whole paragraph. When every word of the
    paragraph is missing, the paragraph's words are used; when the list was cut, the
    paragraph's words that are listed or sort after the last listed one.
    """
    path = doc.with_name(doc.name + ".pandoc_gaps.txt")
    if not path.exists():
        return Counter()
    expected = words(expected_path(doc).read_text(encoding="utf-8"))
    total: Counter = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) < 4:
            continue
        m = _MISSING.match(cols[2])
        if not m:
            continue
        missing, of, listed = int(m.group(1)), int(m.group(2)), m.group(3) or ""
        cut = listed.endswith("...") or not listed
        listed_words = words(listed.rstrip("."))
        para = words(cols[3])
        if missing == of:
            total.update(para)
        elif not cut:
            total.update(listed_words)
        else:
            # The list is sorted and cut: words sorting after its last entry may be missing.
            last = max(listed_words) if listed_words else ""
            total.update(Counter({w: n for w, n in para.items()
                                  if w in listed_words or w > last}))
    return total


def header_footer_words(doc: Path) -> Counter:
    path = doc.with_name(doc.name + ".headers_footers.txt")
    if not path.exists():
        return Counter()
    lines = [l for l in path.read_text(encoding="utf-8").splitlines()
             if not l.startswith("== ")]
    return words("\n".join(lines))


# Pandoc's own output that is not document text: note marks "[1]" (the note number is
# generated; in the text it would split a word it sits in) and list markers it numbers
# itself ("ii.", "b)"); pure numbers and single letters are dropped anyway.
_NOTE_MARK = re.compile(r"\[\d+\]")
_LIST_MARK = re.compile(r"^( *)\(?(?:[ivxlcdm]+|[a-z]|\d+)[.)](?= )", re.M | re.I)


def pandoc_text(doc: Path) -> str:
    text = expected_path(doc).read_text(encoding="utf-8")
    return _LIST_MARK.sub(r"\1", _NOTE_MARK.sub("", text))


def expected_words(doc: Path, pictographs: bool = True) -> Counter:
    total = words(pandoc_text(doc), pictographs)
    total.update(gap_words(doc))
    total.update(header_footer_words(doc))
    return total - alt_text_words(doc)


def compare(doc: Path, blocks, pictographs: bool = True, drop_expected=(), drop_got=(),
            add_expected=()) -> tuple:
    """(recall, precision, missing Counter, extra Counter) of the blocks against the corpus."""
    exp = expected_words(doc, pictographs) - Counter(drop_expected) + Counter(add_expected)
    got = words("\n".join(b.text for b in blocks), pictographs) - Counter(drop_got)
    common = sum((exp & got).values())
    recall = common / sum(exp.values()) if exp else 1.0
    precision = common / sum(got.values()) if got else 1.0
    return recall, precision, exp - got, got - exp


# --- synthetic documents ---------------------------------------------------------------
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DECLS = (f'xmlns:w="{W_NS}" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
          'xmlns:v="urn:schemas-microsoft-com:vml" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"')
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def build_docx(path: Path, body: str, parts: dict = None, rels: list = None,
               styles: str = None, main: str = "word/document.xml",
               document: str = None) -> Path:
    """Write a minimal .docx: `body` is the XML inside w:body.

    `parts` maps extra member names to their text; `rels` lists (id, short type, target)
    relationships of the main part; `styles` is the XML inside w:styles.
    """
    parts = dict(parts or {})
    rels = list(rels or [])
    if styles is not None:
        parts["word/styles.xml"] = f"<w:styles {_DECLS}>{styles}</w:styles>"
        rels.append(("rIdStyles", "styles", "styles.xml"))
    rel_xml = "".join(f'<Relationship Id="{i}" Type="{_REL}{t}" Target="{target}"/>'
                      for i, t, target in rels)
    folder, base = main.rsplit("/", 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml",
                    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                    '<Default Extension="xml" ContentType="application/xml"/>'
                    f'<Override PartName="/{main}" ContentType="application/vnd.openxmlformats-'
                    'officedocument.wordprocessingml.document.main+xml"/></Types>')
        zf.writestr("_rels/.rels",
                    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    f'<Relationship Id="rId1" Type="{_REL}officeDocument" Target="{main}"/>'
                    '</Relationships>')
        zf.writestr(main, document or f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    f'<w:document {_DECLS}><w:body>{body}</w:body></w:document>')
        zf.writestr(f"{folder}/_rels/{base}.rels",
                    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    f'{rel_xml}</Relationships>')
        for name, text in parts.items():
            zf.writestr(name, text)
    return path


def part_xml(root: str, inner: str) -> str:
    """A header/footer/notes part: root element `root` ("w:hdr", "w:footnotes") around inner."""
    return f'<{root} {_DECLS}>{inner}</{root}>'


def p(text: str = "", ppr: str = "", runs: str = None) -> str:
    """A paragraph with one run of `text` (or the given run XML)."""
    inner = runs if runs is not None else f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{inner}</w:p>"
