import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()


@pytest.fixture(scope="session")
def session():
    """One plainplan session (model, rules, matchers) for the whole test run."""
    from plainplan.config import Config
    from plainplan.run import Session

    return Session(Config())


@pytest.fixture(scope="session")
def check_text(session):
    """Check a piece of text as a .txt document with the chosen rules (default: all)."""
    from plainplan.parse import parse
    from plainplan.parse.placeholders import mark_placeholders
    from plainplan.read.text import read_text

    def run(text, rules=None, mode="document", path="example.txt"):
        document = read_text(path, text.encode("utf-8"))
        mark_placeholders(document)
        chosen = session.rules if rules is None else [r for r in session.rules if r.id in rules or r.category in rules]
        parsed = parse(document, session.checker.nlp)
        findings, goals, stats = session.checker.check(parsed, chosen, mode)
        return findings
    return run
