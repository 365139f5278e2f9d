"""Kind `placeholder`: a template prompt or merge field left in a finished document.

No keys of its own. Placeholders are found when the document is read
(parse/placeholders.py and the Word reader); a plan should not be signed off with
"[Child's name]" in it.
"""
from __future__ import annotations

from ...parse.placeholders import is_unfilled_prompt
from ...results import Hit

OPTIONS = ()
NEEDS_NLP = False
# This kind reports the placeholders every other kind must skip.
ON_PLACEHOLDERS = True


def prepare(rule, ctx):
    return None


def check(parsed, rule, state, ctx):
    for block in parsed.blocks:
        for start, end in block.placeholders:
            if is_unfilled_prompt(block.text[start:end]):
                yield Hit(block=block.index, start=start, end=end)
