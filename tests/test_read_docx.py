"""The Word reader against the real-world corpus in shared/corpus/docx.

Every file with a pandoc reference is compared word for word (multisets, as the corpus
README describes) in both directions. Where pandoc's reference is wrong the difference
is named in PANDOC_DIFFERENCES and asserted by its own test below.
"""
from __future__ import annotations

import zipfile
from collections import Counter

import pytest

from docx_helpers import CORPUS, compare, corpus_files, words

from plainplan.read.docx import open_docx, paragraphs, read_docx, walk

if not CORPUS.is_dir():
    pytest.skip(f"corpus not found at {CORPUS}", allow_module_level=True)

MIN_RECALL = MIN_PRECISION = 0.98

# Files where pandoc's reference (or the gaps heuristic) differs from what Word shows.
# Each entry adjusts the comparison; each is also checked directly by a test below.
PANDOC_DIFFERENCES = {
    # The gaps file's simple w:t walk glues the ruby reading to its base ("とうきょう東京");
    # Word shows the reading as a small annotation above 東京, pandoc prints nothing.
    "ruby_annotation.docx": dict(drop_expected={"とうきょう東京": 1}, add_expected={"東京": 1}),
    # pandoc reads mc:Fallback and prints "v:textbox"; Word shows the Choice, "A text box".
    "textbox_alternates_contrived.docx": dict(drop_expected={"textbox": 1}),
    # pandoc renders OMML as TeX (\hat{}, \backslash, \int_{0}) and re-renders the
    # linear-format equation, splitting "\int0<1x<5" into "int_({0}) < {1}x".
    "math_equations_word2016.docx": dict(drop_expected={"backslash": 1, "int": 1, "hat": 1},
                                         drop_got={"int0": 1, "1x": 1}),
    # pandoc maps Wingdings/Webdings glyphs to pictographs, some of which NFKC folds
    # into letters that glue onto the next word; the reader keeps the characters.
    "symbol_fonts.docx": dict(pictographs=False),
}

FILES = corpus_files()


@pytest.fixture(scope="module")
def docs():
    cache = {}

    def get(name):
        if name not in cache:
            cache[name] = read_docx(str(CORPUS / name))
        return cache[name]
    return get


def texts(doc, part=None):
    return [b.text for b in doc.blocks if part is None or b.part == part]


def all_text(doc):
    return "\n".join(b.text for b in doc.blocks)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_corpus_words_match_reference(path, docs):
    doc = docs(path.name)
    assert doc.format == "docx"
    recall, precision, missing, extra = compare(path, doc.blocks,
                                                **PANDOC_DIFFERENCES.get(path.name, {}))
    assert recall >= MIN_RECALL, f"missing: {missing.most_common(15)}"
    assert precision >= MIN_PRECISION, f"extra: {extra.most_common(15)}"


def test_corpus_has_files():
    assert len(FILES) >= 70


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_blocks_are_clean(path, docs):
    doc = docs(path.name)
    for i, b in enumerate(doc.blocks):
        assert b.index == i
        assert b.text and b.text == b.text.strip()
        assert not set(b.text) & {"\u00ad", "\u200b", "\ufeff"}
        assert b.part in ("body", "header", "footer", "footnote", "endnote", "textbox")
        assert b.kind in ("paragraph", "heading", "list-item", "table-cell")
        assert (b.kind == "table-cell") == (b.table is not None)


_CLEAN = dict.fromkeys(map(ord, "\u00ad\u200b\ufeff"))


@pytest.mark.parametrize("name", ["sdt_all_locations.docx", "nested_tables.docx",
                                  "textbox_drawingml.docx", "long_document_toc.docx",
                                  "tracked_changes_long.docx", "symbol_fonts.docx",
                                  "resume_template_textbox_sdt.docx", "strict_ooxml.docx",
                                  "headers_footers_sections.docx", "rtl_arabic_footnotes.docx"])
def test_sources_point_at_the_text(name):
    """walk() gives, for every character of a block, the element it came from."""
    with open_docx(str(CORPUS / name)) as pkg:
        main_paragraphs = paragraphs(pkg.xml(pkg.main_part))
        count = 0
        for block, sources in walk(pkg):
            count += 1
            assert sources
            for src in sources:
                assert src.element.tag.endswith("}p")
                if src.part == pkg.main_part:
                    assert main_paragraphs[src.ordinal] is src.element
                for el, start, end in src.pieces:
                    piece = block.text[start:end]
                    assert piece
                    tag = el.tag.rsplit("}", 1)[-1]
                    if tag == "t":
                        own = (el.text or "").translate(_CLEAN)
                        symbol_mapped = any(0xF020 <= ord(c) <= 0xF0FF for c in own)
                        assert symbol_mapped or piece in own
                    elif tag == "tab":
                        assert piece == "\t"
            # Every character comes from a piece, except the "\n" joining a cell's paragraphs.
            covered = sum(e - s for src in sources for _, s, e in src.pieces)
            assert covered + len(sources) - 1 == len(block.text)
            if block.part in ("body", "textbox"):
                assert block.anchors == tuple((s.ordinal, s.start) for s in sources)
                for src in sources:
                    assert block.text[src.start:].startswith(
                        block.text[src.pieces[0][1]:src.pieces[0][2]])
            else:
                assert block.anchors == ()
        assert count


def test_walk_and_read_give_the_same_blocks():
    path = str(CORPUS / "nested_tables_whole_document.docx")
    with open_docx(path) as pkg:
        walked = [b for b, _ in walk(pkg)]
    read = read_docx(path).blocks
    assert [(b.text, b.table, b.row, b.col, b.anchors) for b in walked] == \
        [(b.text, b.table, b.row, b.col, b.anchors) for b in read]


# --- pandoc's reference is wrong here: what Word shows ---------------------------------

def test_textbox_anchor_paragraph_is_read(docs):
    """textbox_sdt_in_paragraph: the anchoring paragraph's 676 words are read; pandoc drops them."""
    doc = docs("textbox_sdt_in_paragraph.docx")
    anchor = [b for b in doc.blocks if b.part == "body"]
    assert sum(words(b.text).total() for b in anchor) >= 676
    box = [b for b in doc.blocks if b.part == "textbox"]
    assert box and doc.blocks.index(box[0]) == doc.blocks.index(anchor[0]) + 1


def test_alternate_content_reads_choice_only(docs):
    """textbox_alternates_contrived: Word shows "A text box"; pandoc prints the Fallback."""
    doc = docs("textbox_alternates_contrived.docx")
    text = all_text(doc)
    assert "A text box" in text
    assert "v:textbox" not in text
    assert text.count("A text box") == 1
    assert [b.part for b in doc.blocks if "A text box" in b.text] == ["textbox"]


def test_textbox_drawingml_read_once(docs):
    doc = docs("textbox_drawingml.docx")
    boxes = [b.text for b in doc.blocks if b.part == "textbox"]
    assert boxes
    assert len(set(boxes)) == len(boxes)   # Choice and Fallback are not both read


def test_title_paragraphs_are_read(docs):
    """Title-styled paragraphs become pandoc metadata and vanish from its output."""
    doc = docs("toc_field.docx")
    first = doc.blocks[0]
    assert first.text.startswith("United Nations Declaration on the Elimination")
    assert first.kind == "heading" and first.level == 0
    assert docs("symbol_fonts.docx").blocks[0].text == "Symbols"


def test_field_simple_results_are_read(docs):
    """pandoc drops w:fldSimple results (FILENAME, MERGEFIELD, DOCPROPERTY)."""
    assert "FldSimple.docx" in all_text(docs("field_simple.docx"))
    merge = all_text(docs("mergefields.docx"))
    assert merge.count("«Kundenname»") == 6
    assert "MERGEFIELD" not in merge
    cells = all_text(docs("sdt_cells_docprops_fields.docx"))
    assert "11501" in cells and "Normal.dotm" in cells


def test_ruby_base_only(docs):
    """ruby_annotation: pandoc prints nothing; Word shows 東京 with a small reading above."""
    text = all_text(docs("ruby_annotation.docx"))
    assert "東京" in text
    assert "とうきょう" not in text


def test_math_is_read_as_text(docs):
    """pandoc prints OMML as TeX; the reader takes the m:t text and the n-ary operator."""
    text = texts(docs("math_equations_word2016.docx"))
    assert "∫01x" in text
    assert not any("backslash" in t or "\\hat" in t for t in text)


def test_vml_textboxes_read(docs):
    """textbox_vml_word2007: Word 2007 VML-only text boxes, mostly missed by pandoc."""
    doc = docs("textbox_vml_word2007.docx")
    boxes = " ".join(b.text for b in doc.blocks if b.part == "textbox")
    assert "Начало процедуры" in boxes
    assert words(boxes).total() >= 200


def test_gridbefore_row_text_read(docs):
    doc = docs("table_gridbefore.docx")
    coded = [b for b in doc.blocks if b.text == "CODED TEXT"]
    assert coded and coded[0].kind == "table-cell" and coded[0].col >= 1


def test_multiple_bodies_read(docs):
    text = all_text(docs("multiple_body_elements.docx"))
    for n in (2, 3):
        assert f"START BODY {n}" in text


def test_altchunk_html_read(docs):
    doc = docs("altchunk_html.docx")
    assert "Miljöbilaga" in all_text(doc)
    assert words(all_text(doc)).total() >= 600
    assert "<" not in all_text(doc)


def test_bdo_dir_customxml_read(docs):
    assert "(315) 857-5019" in all_text(docs("bidi_dir_bdo.docx"))
    assert "Выборгского района" in all_text(docs("custom_xml_markup.docx"))


def test_textbox_content_controls_read(docs):
    doc = docs("resume_template_textbox_sdt.docx")
    boxes = [b.text for b in doc.blocks if b.part == "textbox"]
    assert "Allison, Timothy B." in boxes
    assert "[Job Title]" in boxes


# --- structure ------------------------------------------------------------------------

def test_merged_cells_read_once(docs):
    doc = docs("merged_cells.docx")
    cells = {b.text: (b.row, b.col) for b in doc.blocks}
    assert [b.text for b in doc.blocks].count("0-12") == 1
    assert cells["0-12"] == (0, 1)      # spans grid columns 1-2
    assert cells["0-3"] == (0, 3)       # so the next cell starts at column 3
    assert cells["12-0"] == (1, 0)      # vertically merged over rows 1-2, read once
    assert cells["2-1"] == (2, 1)
    assert cells["34-123"] == (3, 1)
    assert len(doc.blocks) == len(set(b.text for b in doc.blocks))


def test_vmerge_schedule_not_repeated(docs):
    doc = docs("nested_tables_schedule.docx")
    keys = [(b.table, b.row, b.col) for b in doc.blocks if b.kind == "table-cell"]
    assert len(keys) == len(set(keys))


def test_nested_tables_have_own_numbers(docs):
    doc = docs("nested_tables.docx")
    body = [b for b in doc.blocks if b.part == "body"]
    assert all(b.kind == "table-cell" for b in body)
    first = next(b for b in body if b.text == "Protocol No. (Document ID):")
    assert (first.row, first.col) == (0, 0)
    assert first.table > 1   # table 1 is the outer layout table holding it
    assert next(b for b in body if b.text == "LOA No.:").table == first.table
    assert next(b for b in body if b.text == "Study Design:").table > first.table
    header = [b for b in doc.blocks if b.part == "header"]
    assert header and all(b.table for b in header)


