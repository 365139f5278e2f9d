"""Kind `balance`: a document whose worries far outweigh its strengths, or that has no
strengths at all (analysis/balance.py). The ratio is config `balance_ratio` (default 3).

Keys: `min_worries` (below this many worries there is too little to judge; default 2).
"""
from __future__ import annotations

from ...results import Hit

OPTIONS = ("min_worries",)
NEEDS_NLP = True


def prepare(rule, ctx):
    return None


def check(parsed, rule, state, ctx):
    from ..analysis.balance import judgements

    sides = judgements(parsed, ctx)
    strengths = sum(1 for j in sides if j.side == "strength")
    worries = sum(1 for j in sides if j.side == "worry")
    ratio = float(ctx.config.balance_ratio)
    if worries < int(rule.options.get("min_worries", 2)):
        return
    if strengths == 0 or worries > ratio * strengths:
        yield Hit(block=None, scope="document",
                  values={"strengths": strengths, "worries": worries, "ratio": f"{ratio:g}"})
