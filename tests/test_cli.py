"""The command line as a user runs it: output shapes, exit codes, errors, speed-sensitive imports."""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from plainplan.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
BAD = "Ellie put herself at risk by going to the party with older men.\n"
CLEAN = "Ellie went to the party. Adults there gave her alcohol.\n"


def run(*args, cwd=None):
    runner = CliRunner()
    if cwd:
        with runner.isolated_filesystem(temp_dir=cwd):
            return runner.invoke(main, list(args))
    return runner.invoke(main, list(args))


@pytest.fixture
def docs(tmp_path):
    (tmp_path / "bad.md").write_text("# Notes\n\n" + BAD)
    (tmp_path / "clean.txt").write_text(CLEAN)
    return tmp_path


def test_text_output_is_compiler_style(docs):
    result = run("check", str(docs / "bad.md"))
    assert result.exit_code == 1
    line = next(l for l in result.output.splitlines() if "put herself at risk" in l)
    assert re.match(rf"^{re.escape(str(docs / 'bad.md'))}:3:7: error: ", line), line
    assert "(try:" in line and line.endswith("]")
    assert "1 document checked" in result.output


def test_json_contract_fields(docs):
    result = run("check", "--format", "json", str(docs / "bad.md"), str(docs / "clean.txt"))
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["schema_version"] == 1
    assert set(report["summary"]) >= {"files", "errors", "findings", "by_category"}
    first = report["files"][0]
    assert set(first) >= {"path", "format", "error", "stats", "findings", "goals"}
    assert first["format"] == "md" and first["error"] is None
    finding = next(f for f in first["findings"] if f["category"] == "victim-blaming")
    assert set(finding) >= {"rule", "category", "severity", "message", "suggestion", "text", "context", "scope", "location"}
    assert finding["text"] == "put herself at risk" and finding["scope"] == "span"
    assert finding["context"].startswith("Ellie put herself at risk")
    loc = finding["location"]
    assert set(loc) >= {"block", "part", "kind", "heading", "table", "row", "col", "line", "column", "start", "end"}
    assert (loc["line"], loc["column"], loc["heading"], loc["part"]) == (3, 7, ["Notes"], "body")
    block_text = "Ellie put herself at risk by going to the party with older men."
    assert block_text[loc["start"]:loc["end"]] == "put herself at risk"
    assert report["files"][1]["format"] == "txt"


def test_exit_codes_and_fail_on(docs):
    assert run("check", str(docs / "clean.txt")).exit_code == 0
    assert run("check", "--fail-on", "never", str(docs / "bad.md")).exit_code == 0
    assert run("check", "--select", "jargon", str(docs / "bad.md")).exit_code == 0
    assert run("check", "--ignore", "victim-blaming", str(docs / "bad.md")).exit_code == 0
    assert run("check", "--select", "victim-blaming", str(docs / "bad.md")).exit_code == 1


def test_a_bad_file_does_not_stop_the_run(docs):
    (docs / "broken.docx").write_bytes(b"this is not a word document")
    result = run("check", "--format", "json", str(docs / "broken.docx"), str(docs / "bad.md"), str(docs / "nope.md"))
    assert result.exit_code == 2
    report = json.loads(result.output)
    errors = {Path(f["path"]).name: f["error"] for f in report["files"]}
    assert errors["broken.docx"]["code"] and "broken.docx" in errors["broken.docx"]["message"]
    assert errors["nope.md"]["code"] == "not-found"
    assert errors["bad.md"] is None
    assert report["summary"]["errors"] == 2 and report["summary"]["findings"] >= 1


def test_folders_are_checked_recursively(docs):
    sub = docs / "sub"
    sub.mkdir()
    (sub / "more.markdown").write_text(BAD)
    (docs / "~$bad.docx").write_bytes(b"word lock file")
    (docs / "notes.pdf").write_bytes(b"%PDF")
    result = run("check", "--format", "json", str(docs))
    paths = sorted(Path(f["path"]).name for f in json.loads(result.output)["files"])
    assert paths == ["bad.md", "clean.txt", "more.markdown"]


def test_config_errors_are_one_line_and_exit_2(docs):
    (docs / ".plainplan.yaml").write_text("colour: blue\n")
    result = run("check", "--config", str(docs / ".plainplan.yaml"), str(docs / "bad.md"))
    assert result.exit_code == 2
    assert "unknown key 'colour'" in result.output and "Traceback" not in result.output


def test_output_file_is_written_whole(docs):
    out = docs / "out" / "report.json"
    result = run("check", "--format", "json", "-o", str(out), str(docs / "bad.md"))
    assert result.exit_code == 1 and result.output == ""
    assert json.loads(out.read_text())["summary"]["files"] == 1
    assert not [p for p in out.parent.iterdir() if p.name != "report.json"]


def test_inputs_are_never_modified(docs):
    files = [docs / "bad.md", *EXAMPLES.iterdir()]
    before = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in files if p.is_file()}
    run("check", "--format", "json", str(docs / "bad.md"), str(EXAMPLES))
    after = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in before}
    assert before == after


def test_rules_explain_and_text():
    rules = run("rules")
    assert rules.exit_code == 0 and "victim-blaming" in rules.output
    rule_id = json.loads(run("rules", "--format", "json").output)[0]["id"]
    explained = run("explain", rule_id)
    assert explained.exit_code == 0 and "Why it matters" in explained.output and "Flagged:" in explained.output
    assert run("explain", "no-such-rule").exit_code == 2
    shown = run("text", "--format", "json", str(EXAMPLES / "letter-to-maya.md"))
    blocks = json.loads(shown.output)["blocks"]
    assert blocks[0]["text"] == "Dear Maya" and blocks[0]["location"]["kind"] == "heading"


def test_light_commands_never_import_spacy():
    code = ("import sys; from click.testing import CliRunner; from plainplan.cli import main; r = CliRunner();"
            "[r.invoke(main, a) for a in (['--version'], ['rules'], ['explain', 'jargon'], "
            f"['text', {str(EXAMPLES / 'letter-to-maya.md')!r}])]; print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_missing_model_is_one_line_telling_what_to_install(docs):
    env = dict(os.environ, PLAINPLAN_MODEL="en_no_such_model")
    out = subprocess.run([sys.executable, "-m", "plainplan", "check", str(docs / "bad.md")],
                         capture_output=True, text=True, env=env)
    assert out.returncode == 2
    assert "pip install" in out.stderr and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_installed_command_works_from_any_directory(tmp_path):
    exe = shutil.which("plainplan", path=str(Path(sys.executable).parent)) or shutil.which("plainplan")
    if exe is None:
        pytest.skip("plainplan is not installed as a command in this environment")
    out = subprocess.run([exe, "check", "--format", "json", str(EXAMPLES / "assessment-riley.md")],
                         capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode in (0, 1), out.stderr
    assert json.loads(out.stdout)["files"][0]["error"] is None


def test_outputs_get_the_users_usual_permissions(docs):
    out = docs / "report.json"
    old = os.umask(0o022)
    try:
        run("check", "--format", "json", "-o", str(out), str(docs / "clean.txt"))
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644
