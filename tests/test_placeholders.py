"""Placeholders are recognised everywhere, never flagged as words, and are a finding in a finished document."""
import pytest

from plainplan.parse.placeholders import find_placeholders, is_only_placeholders


@pytest.mark.parametrize("text,expected", [
    ("Name: [Child's name], DOB [DOB]", ["[Child's name]", "[DOB]"]),
    ("Dear <<FirstName>> «Surname»", ["<<FirstName>>", "«Surname»"]),
    ("Hello {{ child.name }} and {name}", ["{{ child.name }}", "{name}"]),
    ("Signed: ________", ["________"]),
    ("Click or tap here to enter text.", ["Click or tap here to enter text."]),
    ("Choose an item.", ["Choose an item."]),
])
def test_placeholders_found(text, expected):
    assert [text[s:e] for s, e in find_placeholders(text)] == expected


@pytest.mark.parametrize("text", ["See note [1].", "He said [sic] it.", "[ ] yes  [x] no", "a set {1, 2}", "Sam (age 7)"])
def test_not_placeholders(text):
    assert find_placeholders(text) == []


def test_only_placeholders():
    assert is_only_placeholders("[Who] – [By when]", find_placeholders("[Who] – [By when]"))
    assert not is_only_placeholders("Mum [name] will call", find_placeholders("Mum [name] will call"))


def test_placeholder_words_are_not_flagged_by_other_rules(check_text):
    findings = check_text("Contact plan for [Placement address] and [LAC number].")
    flagged = {(f.rule, f.text) for f in findings}
    assert ("placeholder-unfilled", "[Placement address]") in flagged
    assert all(f.rule == "placeholder-unfilled" for f in findings if "[" in f.text or f.text in ("Placement", "LAC"))
    assert not any(f.text in ("Placement", "LAC", "address") for f in findings)


def test_placeholders_are_counted_and_not_reported_in_template_mode(check_text, tmp_path, session):
    from plainplan.config import Config
    from plainplan.run import Session

    path = tmp_path / "template.md"
    path.write_text("# Plan for [Child's name]\n\nDate: [date]\n")
    result = session.check_path(str(path))
    assert result.stats["placeholders"] == 2
    assert [f.text for f in result.findings if f.rule == "placeholder-unfilled"] == ["[Child's name]", "[date]"]
    template = Session(Config(), mode="template").check_path(str(path))
    assert template.stats["placeholders"] == 2
    assert not [f for f in template.findings if f.rule == "placeholder-unfilled"]


def _word_with_fields(path):
    """A Word file with a content control showing its prompt and two MERGEFIELDs."""
    from docx import Document
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    doc = Document()
    p = doc.add_paragraph("Views: ")
    p._p.append(parse_xml(
        f'<w:sdt {ns}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
        f'<w:r><w:t>Enter what the child said about the plan</w:t></w:r></w:sdtContent></w:sdt>'))
    q = doc.add_paragraph("Dear ")
    q._p.append(parse_xml(f'<w:fldSimple {ns} w:instr=" MERGEFIELD FirstName "><w:r><w:t>Sam Contact</w:t></w:r></w:fldSimple>'))
    for xml in ('<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r {ns}><w:instrText xml:space="preserve"> MERGEFIELD Placement </w:instrText></w:r>',
                '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
                '<w:r {ns}><w:t>Placement Address</w:t></w:r>',
                '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>'):
        q._p.append(parse_xml(xml.format(ns=ns)))
    doc.save(path)


def test_word_content_controls_and_merge_fields_are_placeholders(tmp_path, session):
    from plainplan.read import read_document

    path = tmp_path / "letter.docx"
    _word_with_fields(path)
    blocks = read_document(str(path)).blocks
    marked = [b.text[s:e] for b in blocks for s, e in b.placeholders]
    assert marked == ["Enter what the child said about the plan", "Sam Contact", "Placement Address"]
    result = session.check_path(str(path))
    assert not [f for f in result.findings if f.category == "jargon"]  # "Contact", "Placement" are field results
    assert result.stats["placeholders"] == 3


@pytest.mark.parametrize("text,unfilled", [
    ("[Child's name]", True), ("[DOB]", True), ("[insert date]", True), ("<<FirstName>>", True),
    ("«Surname»", True), ("{{ child.name }}", True), ("Click or tap here to enter text.", True),
    ("[Describe what Mum has done to keep Sam safe]", True),
    ("[Dad]", False), ("[name removed]", False), ("[inaudible]", False), ("________", False),
    ("[org.docx4j.openpackaging.parts.DocPropsCorePart]", False),
])
def test_which_placeholders_a_finished_document_should_not_hold(text, unfilled):
    from plainplan.parse.placeholders import is_unfilled_prompt
    assert find_placeholders(text), text
    assert is_unfilled_prompt(text) is unfilled


@pytest.mark.parametrize("text", ["«Интеррос»", "«le mot juste»"])
def test_guillemets_around_words_are_quotations(text):
    assert find_placeholders(text) == []
