"""Language rules in context: sense, subject, quotations, overlaps and a team's accepted words."""
import pytest

from plainplan.check.engine import Checker
from plainplan.config import Config
from plainplan.parse import parse
from plainplan.read.text import read_text

LANGUAGE = ["jargon", "acronym", "blame", "victim-blaming", "label", "directive"]


def flagged(check_text, text, category):
    return [f.text for f in check_text(text, rules=[category]) if f.category == category and f.scope == "span"]


@pytest.mark.parametrize("text,category,words", [
    ("Contact with Mum is on Saturday.", "jargon", ["Contact"]),
    ("I will contact the school.", "jargon", []),
    ("He did a work placement at a garage.", "jargon", []),
    ("His placement is going well.", "jargon", ["placement"]),
    ("Mum failed to engage with the assessment.", "blame", ["failed to engage"]),
    ("Sam refused his dinner.", "blame", []),
    ("Maddie is putting herself at risk by going to the flat.", "victim-blaming", ["putting herself at risk"]),
    ("You chose the blue bedroom.", "victim-blaming", []),
    ("Mum is a drug user.", "label", ["drug user"]),
    ("Tony says Leo is addicted to Lego.", "label", []),
    ("Karen to attend a parenting course.", "directive", ["Karen to attend"]),
    ("What needs to happen", "directive", []),
    ("It must feel strange living in a new house.", "directive", []),
])
def test_context_decides(check_text, text, category, words):
    assert flagged(check_text, text, category) == words


@pytest.mark.parametrize("text", [
    'Ethan said "I refused to engage because nobody listened."',
    "Ethan said \u201cI refused to engage because nobody listened.\u201d",
    "Ethan said \u2018I refused to engage because nobody listened.\u2019",
])
def test_quoted_words_are_never_flagged(check_text, text):
    assert [f for f in check_text(text, rules=LANGUAGE) if f.category in ("blame", "jargon")] == []


def test_no_two_findings_cover_the_same_words_within_a_category(check_text):
    text = ("Mum failed to engage and refused to engage with the core group meeting. "
            "Contact with Dad is supervised contact at the contact centre.")
    findings = [f for f in check_text(text, rules=LANGUAGE) if f.scope == "span"]
    by_category = {}
    for f in findings:
        by_category.setdefault(f.category, []).append((f.location["start"], f.location["end"]))
    for spans in by_category.values():
        spans.sort()
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), spans
    assert "core group meeting" in [f.text for f in findings if f.category == "jargon"]


def test_every_finding_has_message_why_and_source(check_text):
    text = ("Mum failed to engage. Ethan chose to go missing. Dad is an alcoholic. Mum must attend. "
            "Contact with Dad is on Monday. The LAC review is soon.")
    findings = [f for f in check_text(text, rules=LANGUAGE) if f.scope == "span"]
    assert {f.category for f in findings} >= set(LANGUAGE)
    for f in findings:
        assert f.message and "{" not in f.message
        assert f.why and f.source


def test_a_team_can_accept_a_word_without_editing_the_glossary(session):
    text = "Contact with Dad is on Monday."
    rules = [r for r in session.rules if r.category == "jargon"]
    document = read_text("example.txt", text.encode("utf-8"))

    def run(config):
        checker = Checker(session.rules, session.glossary, config, nlp_loader=lambda: session.checker.nlp)
        return [f.text for f in checker.check(parse(document, checker.nlp), rules)[0]]

    assert run(Config()) == ["Contact"]
    assert run(Config(accept=["contact"])) == []


def test_pattern_sentence_conditions(check_text):
    # `near`: "her boyfriend" is victim-blaming only when he is an adult.
    assert flagged(check_text, "Maddie stays with her boyfriend, who is 19.", "victim-blaming") == ["her boyfriend"]
    assert flagged(check_text, "Maddie's boyfriend is in her class.", "victim-blaming") == []
    # `unless`: sympathy after "must" is not an order.
    assert flagged(check_text, "You must be very proud of yourself.", "directive") == []
    assert flagged(check_text, "You must go to school.", "directive") == ["You must"]


@pytest.mark.parametrize("text,category", [
    ("Mum was manipulated by Dad for years.", "blame"),
    ("Mum consented to the assessment.", "victim-blaming"),
    ("Sam plugged his phone in to charge.", "victim-blaming"),
    ("Mum demanded to see the report.", "blame"),
])
def test_inflection_does_not_change_the_sense(check_text, text, category):
    assert flagged(check_text, text, category) == []
