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
                                  "headers_footers_sections.docx", "footnotes_endnotes.docx"])
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




def test_heading_path(docs):
    doc = docs("headings_styles.docx")
    by_text = {b.text: b for b in doc.blocks}
    top = by_text["A Test of Headers"]
    assert (top.kind, top.level, top.heading) == ("heading", 1, ())
    third = by_text["Third level"]
    assert (third.kind, third.level) == ("heading", 3)
    assert third.heading == ("A Test of Headers", "Second Level")
    plain = doc.blocks[doc.blocks.index(third) + 1]
    assert plain.kind == "paragraph"
    assert plain.heading == ("A Test of Headers", "Second Level", "Third level")
    assert by_text["Second Level"].style.casefold() == "heading 2"


def test_list_items(docs):
    doc = docs("lists_complex_numbered.docx")
    kinds = {b.text: (b.kind, b.level) for b in doc.blocks}
    assert kinds["Entry #1"] == ("list-item", 1)
    assert kinds["2-a"] == ("list-item", 2)
    assert kinds["Normal text here"] == ("paragraph", None)
    assert kinds["This is a document with numbered lists"] == ("paragraph", None)
    assert sum(k == "list-item" for k, _ in kinds.values()) == 14


def test_tracked_changes(docs):
    assert texts(docs("tracked_insertion.docx")) == ["This is a text with two exciting insertions."]
    assert texts(docs("tracked_deletion.docx")) == ["This is a text with a deletion."]
    moved = texts(docs("tracked_move.docx"))
    assert moved.count("Here is the text to be moved.") == 1
    long = all_text(docs("tracked_changes_long.docx"))
    with zipfile.ZipFile(CORPUS / "tracked_changes_long.docx") as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    assert "<w:delText" in xml and "<w:ins " in xml
    assert words(long).total() > 1300


def test_comments_not_read(docs):
    doc = docs("comments.docx")
    with zipfile.ZipFile(CORPUS / "comments.docx") as zf:
        comment_words = words(zf.read("word/comments.xml").decode("utf-8").split(">", 2)[-1])
    text = all_text(doc)
    assert "I want some text to have a comment on it." in texts(doc)
    assert all(b.part == "body" for b in doc.blocks)
    for name in ("comments_many.docx", "comment_libreoffice.docx", "tracked_changes_with_comment.docx"):
        assert all(b.part == "body" for b in docs(name).blocks)
    assert comment_words  # the premise: there are comment words to leave out
    assert "comment in a comment" in text


def test_footnotes_and_endnotes(docs):
    doc = docs("footnotes_endnotes.docx")
    assert [(b.part, b.text) for b in doc.blocks[-2:]] == [
        ("footnote", "My note."), ("endnote", "This is an endnote at the end of the document.")]
    assert "Test footnote. Test endnote." in texts(doc, "body")   # reference marks add nothing
    long = docs("rtl_arabic_footnotes.docx")
    notes = [b for b in long.blocks if b.part == "footnote"]
    assert len(notes) >= 100
    parts = [b.part for b in long.blocks]
    assert parts.index("footnote") > max(i for i, p in enumerate(parts) if p == "body")


def test_headers_and_footers_read_once_after_notes(docs):
    doc = docs("headers_footers_sections.docx")
    header = texts(doc, "header")
    assert header[0] == "Section 1 – subsequent page"
    assert header.count("Section 2") == 1 and "Section 1 – first page" in header
    assert texts(doc, "footer") == ["Just a footer."]
    parts = [b.part for b in doc.blocks]
    assert parts == sorted(parts, key=["body", "textbox", "footnote", "endnote", "header",
                                       "footer"].index)
    odd_even = docs("headers_footers_odd_even_first.docx")
    assert {"Even header", "Odd header", "First page"} <= set(texts(odd_even, "header"))
    assert texts(odd_even, "footer") == ["My footer"]


def test_field_results_shown_instructions_hidden(docs):
    assert texts(docs("fields_complex.docx")) == ["ANTONI", "16 June 2010"]
    for name in ("fields_complex.docx", "hyperlink_field.docx", "toc_field.docx",
                 "citations_zotero.docx", "legacy_form_fields_footnote.docx"):
        text = all_text(docs(name))
        for code in ("HYPERLINK", "PAGEREF", "MERGEFIELD", "ADDIN", "FORMTEXT", "TOC \\"):
            assert code not in text, (name, code)
    toc = texts(docs("toc_field.docx"))
    assert "Article 1\t92" in toc   # the TOC field's cached result


def test_strict_and_renamed_main_part(docs):
    strict = docs("strict_ooxml.docx")
    assert texts(strict)[:2] == ["Bullet1", "Bullet2"]
    assert strict.blocks[0].kind == "list-item"
    assert [(b.row, b.col) for b in strict.blocks if b.kind == "table-cell"] == \
        [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert texts(docs("renamed_main_part.docx")) == ["This is a link to my website."]
    with open_docx(str(CORPUS / "renamed_main_part.docx")) as pkg:
        assert pkg.main_part == "word/blah_blah.xml"


def test_macro_enabled_and_template(docs):
    docm = docs("macro_enabled.docm")
    assert docm.format == "docx"
    assert texts(docm) == ["This is a macro word processing document"]
    assert texts(docs("template.dotx")) == ["Test"]


def test_content_controls_everywhere(docs):
    doc = docs("sdt_all_locations.docx")
    assert "Rich_text_cell1" in texts(doc)
    assert "Footnote_sdt" in texts(doc, "footnote")
    assert "This is a header header_rich_text" in texts(doc, "header")
    row = docs("sdt_row.docx")
    assert [b for b in row.blocks if b.kind == "table-cell"]
    assert texts(docs("sdt_whole_document.docx"))
    assert texts(docs("sdt_nested.docx"))
    repeating = all_text(docs("sdt_repeating_section_w15.docx"))
    assert repeating


def test_smart_tags_keep_words_in_place(docs):
    text = all_text(docs("smart_tags_nested.docx"))
    assert "Egypt" in text and "Israel" in text


def test_special_characters(docs):
    text = all_text(docs("special_punctuation.docx"))
    assert "\u00ad" not in text
    assert "∨" in all_text(docs("unicode_sym.docx"))   # w:sym in the Symbol font


# --- synthetic documents: one construct each -------------------------------------------
from docx_helpers import build_docx, p, part_xml  # noqa: E402


def run(text="", inner=None):
    if inner is None:
        inner = f'<w:t xml:space="preserve">{text}</w:t>'
    return f"<w:r>{inner}</w:r>"


def fld(kind):
    return run(inner=f'<w:fldChar w:fldCharType="{kind}"/>')


def instr(code):
    return run(inner=f'<w:instrText xml:space="preserve">{code}</w:instrText>')


def read_body(tmp_path, body, **kw):
    return read_docx(str(build_docx(tmp_path / "t.docx", body, **kw)))


def test_nested_fields_show_results_only(tmp_path):
    runs = (run("Due ") + fld("begin") + instr(" IF ") + fld("begin") + instr(" DATE ")
            + fld("separate") + run("hidden-inner") + fld("end") + instr(' = 1 "x" ')
            + fld("separate") + run("today") + fld("begin") + instr(" PAGE ") + fld("separate")
            + run(" page 3") + fld("end") + fld("end") + run("."))
    doc = read_body(tmp_path, p(runs=runs))
    assert [b.text for b in doc.blocks] == ["Due today page 3."]


def test_field_spanning_paragraphs(tmp_path):
    body = (p(runs=fld("begin") + instr(" TOC \\o ") + fld("separate") + run("Intro\t1"))
            + p("Method\t2") + p(runs=run("End\t3") + fld("end")) + p("After"))
    assert [b.text for b in read_body(tmp_path, body).blocks] == \
        ["Intro\t1", "Method\t2", "End\t3", "After"]


def test_field_without_result_shows_nothing(tmp_path):
    body = p(runs=run("Page ") + fld("begin") + instr(" PAGE ") + fld("end") + run("end"))
    assert read_body(tmp_path, body).blocks[0].text == "Page end"


def test_fld_simple(tmp_path):
    body = p(runs=run("Dear ") + '<w:fldSimple w:instr=" MERGEFIELD Name ">'
             + run("«Name»") + "</w:fldSimple>")
    assert read_body(tmp_path, body).blocks[0].text == "Dear «Name»"


def test_run_characters(tmp_path):
    runs = (run("a") + run(inner="<w:tab/>") + run("b") + run(inner="<w:br/>") + run("c")
            + run(inner='<w:br w:type="page"/>') + run("d") + run(inner="<w:cr/>")
            + run("non") + run(inner="<w:noBreakHyphen/>") + run("stop")
            + run(inner="<w:softHyphen/>") + run("x\u00adyz\u200b\ufeff")
            + run(inner='<w:sym w:font="Symbol" w:char="F061"/>')
            + run(inner='<w:sym w:font="Wingdings" w:char="F04A"/>')
            + run(inner="<w:lastRenderedPageBreak/><w:footnoteReference w:id=\"1\"/>"))
    assert read_body(tmp_path, p(runs=runs)).blocks[0].text == "a\tb\nc d\nnon-stopxyzα"


def test_wrappers_are_read(tmp_path):
    runs = ('<w:hyperlink r:id="rX">' + run("link ") + "</w:hyperlink>"
            + '<w:smartTag w:uri="u" w:element="place"><w:smartTag w:uri="u" w:element="c">'
            + run("Egypt ") + "</w:smartTag></w:smartTag>"
            + '<w:customXml w:element="x">' + run("custom ") + "</w:customXml>"
            + '<w:bdo w:val="rtl">' + run("bdo ") + "</w:bdo>"
            + '<w:dir w:val="rtl">' + run("dir ") + "</w:dir>"
            + '<w:ins w:id="1" w:author="a">' + run("inserted ") + "</w:ins>"
            + '<w:del w:id="2" w:author="a"><w:r><w:delText>deleted </w:delText></w:r></w:del>'
            + '<w:moveFrom w:id="3" w:author="a">' + run("from ") + "</w:moveFrom>"
            + '<w:moveTo w:id="4" w:author="a">' + run("to ") + "</w:moveTo>"
            + "<w:sdt><w:sdtPr><w:alias w:val=\"Hidden alias\"/></w:sdtPr><w:sdtContent>"
            + run("control ") + "</w:sdtContent></w:sdt>"
            + '<w:commentRangeStart w:id="0"/>' + run("commented ") + '<w:commentRangeEnd w:id="0"/>'
            + run(inner='<w:commentReference w:id="0"/>')
            + "<w:ruby><w:rubyPr/><w:rt>" + run("とうきょう") + "</w:rt><w:rubyBase>"
            + run("東京") + "</w:rubyBase></w:ruby>"
            + "<m:oMath><m:r><m:t>x+1</m:t></m:r></m:oMath>")
    assert read_body(tmp_path, p(runs=runs)).blocks[0].text == (
        "link Egypt custom bdo dir inserted to control commented 東京x+1")


def test_alternate_content_choice_only(tmp_path):
    runs = ("<mc:AlternateContent><mc:Choice Requires=\"wps\">" + run("chosen")
            + "</mc:Choice><mc:Fallback>" + run("fallback") + "</mc:Fallback></mc:AlternateContent>")
    assert read_body(tmp_path, p(runs=runs)).blocks[0].text == "chosen"


def textbox(text, vml=False):
    content = f"<w:txbxContent>{p(text)}</w:txbxContent>"
    if vml:
        return run(inner=f'<w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict>')
    return run(inner=f"<w:drawing><wp:anchor><wp:docPr id=\"1\" name=\"Box\" descr=\"alt words\"/>"
                     f"<wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp></wp:anchor></w:drawing>")


def test_textboxes_follow_their_anchor(tmp_path):
    body = (p("Before") + p(runs=run("Anchor text") + textbox("In the box")) + p("After")
            + p(runs=textbox("VML box", vml=True)))
    doc = read_body(tmp_path, body)
    assert [(b.part, b.text) for b in doc.blocks] == [
        ("body", "Before"), ("body", "Anchor text"), ("textbox", "In the box"),
        ("body", "After"), ("textbox", "VML box")]
    assert "alt" not in " ".join(b.text for b in doc.blocks)
    assert doc.blocks[2].anchors == ((2, 0),)   # the box's w:p comes after its anchor's


def test_table_locations(tmp_path):
    def tc(text, pr=""):
        return f"<w:tc>{f'<w:tcPr>{pr}</w:tcPr>' if pr else ''}{p(text)}</w:tc>"
    inner = f"<w:tbl><w:tr>{tc('n00')}{tc('n01')}</w:tr></w:tbl>"
    body = ("<w:tbl><w:tblGrid/>"
            + "<w:tr>" + tc("A", '<w:gridSpan w:val="2"/>') + tc("B", '<w:vMerge w:val="restart"/>')
            + '</w:tr><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + tc("C")
            + tc("", "<w:vMerge/>") + "</w:tr>"
            f"<w:sdt><w:sdtContent><w:tr><w:tc>{p('outer')}{inner}{p('outer2')}</w:tc>"
            f"<w:sdt><w:sdtContent>{tc('D')}</w:sdtContent></w:sdt></w:tr></w:sdtContent></w:sdt>"
            "</w:tbl>" + p("after"))
    doc = read_body(tmp_path, body)
    got = [(b.text, b.kind, b.table, b.row, b.col) for b in doc.blocks]
    assert got == [
        ("A", "table-cell", 1, 0, 0), ("B", "table-cell", 1, 0, 2),
        ("C", "table-cell", 1, 1, 1),
        ("outer\nouter2", "table-cell", 1, 2, 0),
        ("n00", "table-cell", 2, 0, 0), ("n01", "table-cell", 2, 0, 1),
        ("D", "table-cell", 1, 2, 1),
        ("after", "paragraph", None, None, None)]
    assert doc.blocks[3].anchors == ((4, 0), (7, 6))


HEADING_STYLES = (
    '<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/>'
    '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Kop2"><w:name w:val="heading 2"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="MyHead"><w:name w:val="My Head"/>'
    '<w:basedOn w:val="berschrift1"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Bullets"><w:name w:val="Bullets"/>'
    '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/></w:style>')


def test_headings_and_lists_from_styles(tmp_path):
    body = (p("Doc title", '<w:pStyle w:val="Titel"/>')
            + p("Eins", '<w:pStyle w:val="berschrift1"/>')
            + p("Zwei", '<w:pStyle w:val="Kop2"/>')
            + p("text")
            + p("Outline 3", '<w:outlineLvl w:val="2"/>')
            + p("under 3")
            + p("Custom", '<w:pStyle w:val="MyHead"/>')
            + p("bullet", '<w:pStyle w:val="Bullets"/>')
            + p("not a list", '<w:pStyle w:val="Bullets"/><w:numPr><w:numId w:val="0"/></w:numPr>')
            + p("list style", '<w:pStyle w:val="ListBullet"/>')
            + p("direct", '<w:numPr><w:ilvl w:val="2"/><w:numId w:val="5"/></w:numPr>')
            + "<w:tbl><w:tr><w:tc>" + p("Cell heading", '<w:pStyle w:val="berschrift1"/>')
            + "</w:tc></w:tr></w:tbl>" + p("end"))
    doc = read_body(tmp_path, body, styles=HEADING_STYLES)
    got = {b.text: (b.kind, b.level, b.heading) for b in doc.blocks}
    assert got["Doc title"] == ("heading", 0, ())
    assert got["Eins"] == ("heading", 1, ("Doc title",))
    assert got["text"] == ("paragraph", None, ("Doc title", "Eins", "Zwei"))
    assert got["Outline 3"] == ("heading", 3, ("Doc title", "Eins", "Zwei"))
    assert got["Custom"] == ("heading", 1, ("Doc title",))
    assert got["bullet"] == ("list-item", 2, ("Doc title", "Custom"))
    assert got["not a list"][0] == "paragraph"
    assert got["list style"][:2] == ("list-item", 1)
    assert got["direct"][:2] == ("list-item", 3)
    assert got["Cell heading"][:2] == ("table-cell", None)
    assert got["end"][2] == ("Doc title", "Custom")
    assert {b.text: b.style for b in doc.blocks}["Eins"] == "heading 1"


def test_notes_headers_footers(tmp_path):
    notes = part_xml("w:footnotes",
                     '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                     '<w:footnote w:type="continuationSeparator" w:id="0">' + p("cont") + "</w:footnote>"
                     '<w:footnote w:id="1">' + p(runs=run(inner="<w:footnoteRef/>") + run(" A note.")) + "</w:footnote>")
    header = part_xml("w:hdr", p(runs=run("Header text") + textbox("Header box")))
    footer = part_xml("w:ftr", p("Footer text"))
    sect = ('<w:sectPr><w:headerReference w:type="default" r:id="rH"/>'
            '<w:footerReference w:type="default" r:id="rF"/></w:sectPr>')
    body = p("One", sect) + p("Two") + sect
    doc = read_body(tmp_path, body,
                    parts={"word/footnotes.xml": notes, "word/header1.xml": header,
                           "word/footer1.xml": footer},
                    rels=[("rN", "footnotes", "footnotes.xml"), ("rH", "header", "header1.xml"),
                          ("rF", "footer", "footer1.xml")])
    assert [(b.part, b.text) for b in doc.blocks] == [
        ("body", "One"), ("body", "Two"), ("footnote", "A note."), ("header", "Header text"),
        ("header", "Header box"), ("footer", "Footer text")]
    assert all(b.anchors == () for b in doc.blocks[2:])


def test_altchunk_html(tmp_path):
    html = ("<html><head><title>T</title><style>p{}</style></head><body><h1>Imported</h1>"
            "<p>First &amp; <b>bold</b>\n text</p><script>var x;</script><p>Second</p></body></html>")
    doc = read_body(tmp_path, p("Before") + '<w:altChunk r:id="rA"/>' + p("After"),
                    parts={"word/chunk.html": html}, rels=[("rA", "aFChunk", "chunk.html")])
    assert [b.text for b in doc.blocks] == ["Before", "Imported", "First & bold text", "Second", "After"]


def test_package_writes_back_a_copy(tmp_path):
    src = build_docx(tmp_path / "in.docx", p("Hello"))
    with open_docx(str(src)) as pkg:
        blocks = list(walk(pkg))
        block, sources = blocks[0]
        el, start, end = sources[0].pieces[0]
        el.text = "Changed"
        pkg.save(str(tmp_path / "out.docx"))
        with pytest.raises(ValueError):
            pkg.save(str(src))
    assert texts(read_docx(str(tmp_path / "out.docx"))) == ["Changed"]
    assert texts(read_docx(str(src))) == ["Hello"]
    with zipfile.ZipFile(tmp_path / "out.docx") as a, zipfile.ZipFile(src) as b:
        assert a.namelist() == b.namelist()


def test_package_rels_follow_replaced_parts(tmp_path):
    from lxml import etree
    src = build_docx(tmp_path / "in.docx", p("Hello"))
    with open_docx(str(src)) as pkg:
        rels_part = "word/_rels/document.xml.rels"
        assert pkg.related(pkg.main_part, "comments") == []
        root = pkg.xml(rels_part)
        ns = "http://schemas.openxmlformats.org/package/2006/relationships"
        etree.SubElement(root, f"{{{ns}}}Relationship", Id="rC", Target="comments.xml",
                         Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments")
        pkg.set_xml(rels_part, root)
        assert pkg.related(pkg.main_part, "comments") == ["word/comments.xml"]
