"""The acronym kind: first unexplained use, definitions in any order, the document's own glossary."""
import pytest

from plainplan.check.engine import Checker
from plainplan.config import Config
from plainplan.parse import parse
from plainplan.read.markdown import read_markdown
from plainplan.read.text import read_text

RULE = "acronym-first-use"


def acronyms(check_text, text):
    return [(f.text, f.suggestion) for f in check_text(text, rules=[RULE])]


@pytest.fixture(scope="module")
def checker_with(session):
    """Check text under another configuration, reusing the loaded model."""
    def run(config, text, rules=(RULE,)):
        checker = Checker(session.rules, session.glossary, config, nlp_loader=lambda: session.checker.nlp)
        document = read_text("example.txt", text.encode("utf-8"))
        chosen = [r for r in session.rules if r.id in rules or r.category in rules]
        findings, _, _ = checker.check(parse(document, checker.nlp), chosen)
        return findings
    return run


def test_reports_each_acronym_once_at_first_use_with_expansion(check_text):
    found = acronyms(check_text, "The LAC review is on Monday. After the LAC review, the IRO will write.\n\nThe IRO will call.")
    assert found == [("LAC", "looked after child"), ("IRO", "independent reviewing officer")]


@pytest.mark.parametrize("text", [
    "We will hold a Family Group Conference (FGC). The FGC is in March.",
    "We will hold an FGC (Family Group Conference). The FGC is in March.",
    "We will hold a family group conference (FGC). The FGC is in March.",
    "An FGC, which stands for family group conference, is planned. The FGC is in March.",
])
def test_definition_in_either_order_and_any_case(check_text, text):
    assert acronyms(check_text, text) == []


def test_a_definition_after_first_use_does_not_excuse_it(check_text):
    found = acronyms(check_text, "The FGC is in March.\n\nA Family Group Conference (FGC) is a family meeting.")
    assert [t for t, _ in found] == ["FGC"]


def test_glossary_list_anywhere_in_the_document_defines(check_text):
    text = "The FGC is in March and the CGM is on Friday.\n\nGlossary\n\nFGC \u2013 Family Group Conference\n\nCGM: core group meeting\n"
    assert acronyms(check_text, text) == []


def test_glossary_table_in_a_markdown_document_defines(session):
    text = ("The PLO letter was sent.\n\n| Word | Meaning |\n|---|---|\n| PLO | Public Law Outline |\n")
    document = read_markdown("plan.md", text.encode("utf-8"))
    rules = [r for r in session.rules if r.id == RULE]
    findings, _, _ = session.checker.check(parse(document, session.checker.nlp), rules)
    assert findings == []


def test_plurals_and_two_letter_acronyms(check_text):
    found = acronyms(check_text, "Mum missed two CGMs. A DV incident was reported. Another CGM is booked.")
    assert [t for t, _ in found] == ["CGMs", "DV"]
    assert found[0][1] == "core group meeting"


def test_ambiguous_acronym_is_flagged_without_a_guess(check_text):
    findings = check_text("The children are on CP plans.", rules=[RULE])
    assert [f.text for f in findings] == ["CP"]
    assert findings[0].suggestion is None
    assert "child protection" in findings[0].message and "care plan" in findings[0].message


def test_unknown_acronym_is_flagged_without_expansion(check_text):
    findings = check_text("Sam was discussed at the ZQX panel.", rules=[RULE])
    assert [(f.text, f.suggestion) for f in findings] == [("ZQX", None)]


@pytest.mark.parametrize("text", [
    "Rachel saw her GP, went to A&E and sat her GCSE exams.",          # widely known
    "URGENT: NOTE the new date. IMPORTANT information follows.",       # ordinary words in capitals
    "Part IV of the report, section XII.",                             # Roman numerals
    "Signed by J.S. and Mr AB Smith.",                                 # initials
    "The family moved from SW1A 2AA to flat B12.",                     # postcode and codes
    "CHILD PROTECTION PLAN FOR THE COOPER FAMILY",                     # an all-capital heading
    "The meeting was chaired by Ethan WRIGHT.",                        # a surname in capitals
    "Sam said \u201cI hate my LAC review.\u201d",                       # curly quotes: Sam's own words
    'Sam said "I hate my LAC review."',                                # straight quotes
])
def test_not_acronym_traps(check_text, text):
    assert acronyms(check_text, text) == []


def test_quoted_use_does_not_use_up_the_first_report(check_text):
    found = acronyms(check_text, 'Sam said "my LAC review was boring". The LAC review is in May.')
    assert [t for t, _ in found] == ["LAC"]


def test_config_allow_and_define(checker_with):
    config = Config(acronyms={"allow": ["LAC"], "define": {"ZQX": "Zone Quality Exchange"}})
    findings = checker_with(config, "The LAC review and the ZQX panel meet today.")
    assert [(f.text, f.suggestion) for f in findings] == [("ZQX", "Zone Quality Exchange")]
