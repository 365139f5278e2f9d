"""Kind `smart`: one finding for each goal that is not SMART+W (check/analysis/goals.py).

No keys of its own: the words it reads are in glossary/smart.yaml. The finding is on the
goal (scope "goal") and says which letters are missing and why, in a practitioner's words.
"""
from __future__ import annotations

from ...results import Hit

OPTIONS = ()
NEEDS_NLP = True
NAMES = {"S": "specific", "M": "measurable", "A": "achievable", "R": "relevant", "T": "time-bound",
         "W": "a named person responsible"}


def prepare(rule, ctx):
    return None


def check(parsed, rule, state, ctx):
    from ..analysis.goals import goals

    for goal in goals(parsed, ctx):
        if goal.smart:
            continue
        missing = goal.missing
        reasons = "; ".join(f"{k} ({NAMES[k]}): {goal.why.get(k, 'missing')}" for k in missing)
        yield Hit(
            block=goal.block, start=0, end=len(parsed.blocks[goal.block].text), scope="goal",
            goal={"text": goal.text, "missing": missing},
            values={"letters": ", ".join(missing), "reasons": reasons},
            suggestion="Write what will be done, by whom (a name), by when or how often, and how everyone "
                       "will know it has helped the child.",
        )
