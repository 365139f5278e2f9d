"""docs/rules.md is generated from the rule files and must be kept up to date."""
from pathlib import Path

from click.testing import CliRunner

from plainplan.check.registry import kinds
from plainplan.check.rules import load_rules
from plainplan.report.markdown_rules import REGENERATE, render_rules_markdown
from plainplan.resources import rules_dir

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "rules.md"


def current() -> str:
    return render_rules_markdown(load_rules([rules_dir()], kinds))


def test_committed_rules_reference_is_up_to_date():
    assert DOC.exists(), f"docs/rules.md is missing; run `{REGENERATE}`"
    assert DOC.read_text(encoding="utf-8") == current(), (
        f"docs/rules.md is out of date with rules/; run `{REGENERATE}` and commit it")


def test_reference_lists_every_rule_with_its_examples():
    rules = load_rules([rules_dir()], kinds)
    text = current()
    for rule in rules:
        assert f"\n### {rule.id}\n" in text
        assert f"[`{rule.id}`](#{rule.id})" in text
        section = text.split(f"\n### {rule.id}\n", 1)[1].split("\n### ", 1)[0]
        assert f"severity **{rule.severity}**" in section and f"category **{rule.category}**" in section
        if rule.fail_examples:
            assert "**Flagged:**" in section
        if rule.pass_examples:
            assert "**Not flagged:**" in section


def test_markdown_escapes_what_would_break_it():
    from plainplan.check.rules import Rule

    rule = Rule(id="x-1", name="x.one", category="jargon", severity="info", kind="terms", message="m",
                description="uses | pipes and *stars*", examples={"fail": ["a <b> c"], "pass": []})
    text = render_rules_markdown([rule])
    assert "uses \\| pipes and \\*stars\\*" in text and "a \\<b\\> c" in text


def test_cli_writes_the_reference(tmp_path):
    from plainplan.cli import main

    out = tmp_path / "rules.md"
    result = CliRunner().invoke(main, ["rules", "--format", "markdown", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Rules reference\n")
