"""Every rule's own passing and failing examples, run as tests (rules/*.yaml `examples`)."""
import pytest

from plainplan.check.registry import kinds
from plainplan.check.rules import load_rules
from plainplan.resources import rules_dir

RULES = load_rules([rules_dir()], kinds)
CASES = []
for _rule in RULES:
    for _ex in _rule.fail_examples:
        CASES.append(pytest.param(_rule.id, "fail", _ex, id=f"{_rule.id}-fail-{_ex['text'][:30]}"))
    for _ex in _rule.pass_examples:
        CASES.append(pytest.param(_rule.id, "pass", _ex, id=f"{_rule.id}-pass-{_ex['text'][:30]}"))


def test_every_rule_has_examples_of_both_kinds():
    lacking = [r.id for r in RULES if not r.fail_examples or not r.pass_examples]
    assert not lacking, f"rules without passing and failing examples: {lacking}"


@pytest.mark.parametrize("rule_id,expect,example", CASES)
def test_rule_example(check_text, rule_id, expect, example):
    rule = next(r for r in RULES if r.id == rule_id)
    mode = "document" if "document" in rule.modes else "template"
    findings = [f for f in check_text(example["text"], rules=[rule_id], mode=mode) if f.rule == rule_id]
    if expect == "pass":
        assert not findings, f"{rule_id} flagged {[f.text for f in findings]} in a passing example"
        return
    assert findings, f"{rule_id} did not flag its failing example"
    if "flagged" in example:
        flagged = [f.text for f in findings]
        assert example["flagged"] in flagged, f"{rule_id} flagged {flagged}, expected {example['flagged']!r}"
