"""Template mode: structure and prompt wording are checked; content rules that need a filled document are not."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from plainplan.cli import main

TEMPLATES = Path(__file__).resolve().parents[1] / "examples" / "templates"
CONTENT_CATEGORIES_RULES = {"child-voice", "balance", "smart", "placeholder-unfilled"}


def check(*args):
    result = CliRunner().invoke(main, ["check", "--format", "json", *args])
    return result.exit_code, json.loads(result.output)


def rules_of(report, index=0):
    return {f["rule"] for f in report["files"][index]["findings"]}


@pytest.mark.parametrize("name", ["good-plan-template.md", "good-plan-template.docx"])
def test_good_template_passes_with_no_findings(name):
    code, report = check("--template", str(TEMPLATES / name))
    assert report["files"][0]["findings"] == [] and code == 0
    assert report["files"][0]["stats"]["placeholders"] >= 5


@pytest.mark.parametrize("name", ["poor-plan-template.md", "poor-plan-template.docx"])
def test_poor_template_gets_structure_and_language_findings(name):
    code, report = check("--template", str(TEMPLATES / name))
    rules = rules_of(report)
    assert code == 1
    assert {"template-strengths-section", "template-worries-section", "template-views-prompt",
            "template-plan-columns"} <= rules
    categories = {f["category"] for f in report["files"][0]["findings"]}
    assert {"jargon", "acronym"} <= categories
    # Filled-document rules stay quiet: a template has no child's words, goals or strengths yet.
    assert not rules & {"child-voice", "balance", "smart", "placeholder-unfilled"}
    assert not report["files"][0]["goals"]


def test_the_same_template_in_document_mode_is_noisy():
    _, report = check(str(TEMPLATES / "good-plan-template.md"))
    assert "placeholder-unfilled" in rules_of(report)
    assert not any(r.startswith("template-") for r in rules_of(report))


def test_placeholders_are_not_words_but_prompts_are():
    _, report = check("--template", str(TEMPLATES / "poor-plan-template.md"))
    flagged = [f["text"] for f in report["files"][0]["findings"]]
    assert "[Child's name]" not in flagged
    assert "putting themselves at risk" in flagged   # inside a long bracketed prompt


def test_mode_from_config_and_from_globs(tmp_path):
    import shutil
    repo = tmp_path / "repo"
    (repo / "templates").mkdir(parents=True)
    (repo / "cases").mkdir()
    shutil.copy(TEMPLATES / "good-plan-template.md", repo / "templates" / "plan.md")
    shutil.copy(TEMPLATES / "good-plan-template.md", repo / "cases" / "plan.md")
    (repo / ".plainplan.yaml").write_text("templates: ['templates/*']\n")
    _, report = check("--config", str(repo / ".plainplan.yaml"), str(repo))
    by_dir = {Path(f["path"]).parent.name: {x["rule"] for x in f["findings"]} for f in report["files"]}
    assert by_dir["templates"] == set()
    assert "placeholder-unfilled" in by_dir["cases"]
    (repo / ".plainplan.yaml").write_text("mode: template\n")
    _, report = check("--config", str(repo / ".plainplan.yaml"), str(repo))
    assert all(not f["findings"] for f in report["files"])


def test_an_empty_plan_row_is_not_a_goal_in_a_filled_document(tmp_path):
    doc = tmp_path / "plan.md"
    doc.write_text("# Plan\n\n## What needs to happen\n\n| What needs to happen | Who | By when |\n|---|---|---|\n"
                   "| Mum will take Sam to the dentist. | Mum | 1 June 2025 |\n| [Action] | [Name] | [Date] |\n")
    _, report = check(str(doc))
    goals = [g["text"] for g in report["files"][0]["goals"]]
    assert goals == ["Mum will take Sam to the dentist."]


def test_a_plan_row_of_several_placeholders_is_not_a_goal(tmp_path):
    doc = tmp_path / "plan.md"
    doc.write_text("# Plan\n\n## What needs to happen\n\n| What needs to happen | Who | By when |\n|---|---|---|\n"
                   "| Mum will take Sam to the dentist. | Mum | 1 June 2025 |\n| [Action] – [details] | [Name] | [Date] |\n")
    _, report = check(str(doc))
    assert [g["text"] for g in report["files"][0]["goals"]] == ["Mum will take Sam to the dentist."]
