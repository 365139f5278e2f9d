"""Kind `readability`: hard reading for a family (analysis/readability.py).

Keys: `measure`, one of
  sentence-length  a sentence longer than config `max_sentence_words` (words in quotation
                   marks are someone's own and are not counted)
  passive          an agentless passive of one of `verbs` ("Concerns were raised",
                   "It is considered that"), which hides who thinks or did something
  reading-age      the document's reading age is more than `margin` years above config
                   `reading_age`; the hardest sections are named
and `verbs` (passive), `margin` (reading-age, default 2), `suggestion`.
"""
from __future__ import annotations

from ...results import Hit

OPTIONS = ("measure", "verbs", "margin", "suggestion")
NEEDS_NLP = True


def prepare(rule, ctx):
    return {"verbs": {str(v).lower() for v in rule.options.get("verbs") or []}}


def check(parsed, rule, state, ctx):
    from ..analysis.readability import readability

    found = readability(parsed, ctx)
    measure = rule.options.get("measure")
    suggestion = rule.options.get("suggestion")
    if measure == "sentence-length":
        limit = int(ctx.config.max_sentence_words)
        for s in found.sentences:
            if s.own_words > limit:
                end = s.end
                text = parsed.blocks[s.block].text
                while end > s.start and text[end - 1].isspace():
                    end -= 1
                yield Hit(block=s.block, start=s.start, end=end, suggestion=suggestion,
                          values={"words": s.own_words, "limit": limit})
    elif measure == "passive":
        for s in found.sentences:
            for verb in s.passive:
                if verb.lemma_.lower() not in state["verbs"]:
                    continue
                subject = [c for c in verb.children if c.dep_ == "nsubjpass"]
                start = subject[0].left_edge.idx if subject else verb.idx
                start = min(start, min(c.idx for c in verb.children if c.dep_ == "auxpass"))
                yield Hit(block=s.block, start=start, end=verb.idx + len(verb.text), suggestion=suggestion)
    elif measure == "reading-age":
        totals = found.totals()
        margin = float(rule.options.get("margin", 2))
        if totals["reading_age"] is not None and totals["words"] >= 100 and totals["reading_age"] > found.target + margin:
            hardest = sorted((s for s in found.sections if s["words"] >= 40 and s["reading_age"]),
                             key=lambda s: -s["reading_age"])[:3]
            yield Hit(block=None, scope="document", suggestion=suggestion,
                      values={"reading_age": totals["reading_age"], "target": f"{found.target:g}",
                              "hardest": ", ".join(f"'{s['heading']}' ({s['reading_age']})" for s in hardest) or "none"})
