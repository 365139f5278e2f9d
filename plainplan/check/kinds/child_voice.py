"""Kind `child_voice`: a document with none of the child's own words, and a child's-views
section that is empty or says only that the child did not take part (analysis/voice.py).

Keys: `missing_message` (document-level), `section_message` (an empty or boilerplate
views section; {heading} and {said} fill it).
"""
from __future__ import annotations

from ...results import Hit

OPTIONS = ("missing_message", "section_message")
NEEDS_NLP = True


def prepare(rule, ctx):
    return None


def check(parsed, rule, state, ctx):
    from ..analysis.voice import voice

    found = voice(parsed, ctx)
    if not found.instances:
        yield Hit(block=None, scope="document", message=rule.options.get("missing_message"))
    for section, inside, said in found.views_sections:
        if inside:
            continue
        text = parsed.blocks[section.heading].text
        yield Hit(block=section.heading, start=0, end=len(text), scope="block",
                  message=rule.options.get("section_message"),
                  values={"heading": text, "said": f" It says only '{said}'." if said else " It is empty."})
