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
