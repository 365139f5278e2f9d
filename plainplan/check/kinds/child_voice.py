"""Kind `child_voice`: a document with none of the child's own words, and a child's-views
section that is empty or says only that the child did not take part (analysis/voice.py).

A short note (fewer than `min_words` words, default 150, and no recognised section) is not
judged as a whole: it is not a record of the child's life.

Keys: `min_words`, `missing_message` (document-level), `section_message` (an empty or boilerplate
views section; {heading} and {said} fill it).
"""
from __future__ import annotations

from ...results import Hit

OPTIONS = ("min_words", "missing_message", "section_message")
NEEDS_NLP = True


def prepare(rule, ctx):
    return None


def check(parsed, rule, state, ctx):
    from ..analysis.voice import voice

    from ..analysis.sections import sections

    found = voice(parsed, ctx)
    words = sum(1 for doc in parsed.docs for t in doc if t.is_alpha)
    a_record = words >= int(rule.options.get("min_words", 150)) or any(s.kind for s in sections(parsed, ctx).sections)
    if not found.instances and a_record:
        yield Hit(block=None, scope="document", message=rule.options.get("missing_message"))
    for section, inside, said in found.views_sections:
        if inside:
            continue
        text = parsed.blocks[section.heading].text
        yield Hit(block=section.heading, start=0, end=len(text), scope="block",
                  message=rule.options.get("section_message"),
                  values={"heading": text, "said": f" It says only '{said}'." if said else " It is empty."})
