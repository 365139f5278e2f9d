"""The pre-commit hook, run the way pre-commit runs it: try-repo against temporary repositories."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "examples" / "templates"
pytestmark = pytest.mark.slow
GIT = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]


def pre_commit():
    exe = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if exe is None or not (ROOT / ".git").exists():
        pytest.skip("needs pre-commit and plainplan's own git checkout")
    return exe


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    # One pre-commit cache for the module: plainplan's hook environment is built once.
    return dict(os.environ, PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")))


def make_repo(path, files: dict):
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    for name, content in files.items():
        target = path / name
        if isinstance(content, Path):
            shutil.copy(content, target)
        else:
            target.write_text(content)
    subprocess.run([*GIT, "-C", str(path), "add", "."], check=True)
    return path


def try_repo(path, env, *files):
    return subprocess.run([pre_commit(), "try-repo", str(ROOT), "plainplan", "--files", *files],
                          cwd=path, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    return make_repo(tmp_path_factory.mktemp("documents"), {
        "plan.md": "# Plan\n\nEllie put herself at risk by going to the party.\n",
        "letter.md": "# Dear Ellie\n\nThank you for telling me about the party.\n",
        "notes.csv": "not,a,document\n",
        # The team's config, found from the working directory as in a real repository.
        ".plainplan.yaml": "select: [victim-blaming, blame, jargon]\n",
    })


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    return make_repo(tmp_path_factory.mktemp("templates"), {
        "good-plan.md": TEMPLATES / "good-plan-template.md",
        "good-plan.docx": TEMPLATES / "good-plan-template.docx",
        "poor-plan.md": TEMPLATES / "poor-plan-template.md",
        ".plainplan.yaml": "mode: template\n",
    })


def test_hook_blocks_a_document_with_findings(documents, env):
    out = try_repo(documents, env, "plan.md", "letter.md", "notes.csv")
    assert out.returncode == 1, out.stdout + out.stderr
    assert "plan.md:3:7: error:" in out.stdout
    assert "letter.md:" not in out.stdout and "notes.csv" not in out.stdout


def test_hook_passes_a_clean_document(documents, env):
    out = try_repo(documents, env, "letter.md")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Passed" in out.stdout


def test_template_repository_blocks_a_poor_template(templates, env):
    out = try_repo(templates, env, "poor-plan.md")
    assert out.returncode == 1, out.stdout + out.stderr
    assert "template-strengths-section" in out.stdout and "template-views-prompt" in out.stdout
    assert "jargon" in out.stdout or "LAC" in out.stdout


def test_template_repository_passes_good_templates(templates, env):
    out = try_repo(templates, env, "good-plan.md", "good-plan.docx")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Passed" in out.stdout
