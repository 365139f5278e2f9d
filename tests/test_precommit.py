"""The pre-commit hook, run the way pre-commit runs it: try-repo against a temporary repository."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def pre_commit():
    exe = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if exe is None or not (ROOT / ".git").exists():
        pytest.skip("needs pre-commit and plainplan's own git checkout")
    return exe


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    path = tmp_path_factory.mktemp("templates")
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    (path / "plan.md").write_text("# Plan\n\nEllie put herself at risk by going to the party.\n")
    (path / "letter.md").write_text("# Dear Ellie\n\nThank you for telling me about the party.\n")
    (path / "notes.csv").write_text("not,a,document\n")
    # The team's config, found from the working directory as in a real repository.
    (path / ".plainplan.yaml").write_text("select: [victim-blaming, blame, jargon]\n")
    subprocess.run([*git, "-C", str(path), "add", "."], check=True)
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")))
    return path, env


def try_repo(repo, *files):
    path, env = repo
    return subprocess.run([pre_commit(), "try-repo", str(ROOT), "plainplan", "--files", *files],
                          cwd=path, env=env, capture_output=True, text=True, timeout=900)


def test_hook_blocks_a_document_with_findings(repo):
    out = try_repo(repo, "plan.md", "letter.md", "notes.csv")
    assert out.returncode == 1, out.stdout + out.stderr
    assert "plan.md:3:7: error:" in out.stdout
    assert "letter.md:" not in out.stdout and "notes.csv" not in out.stdout


def test_hook_passes_a_clean_document(repo):
    out = try_repo(repo, "letter.md")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Passed" in out.stdout
