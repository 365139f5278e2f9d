"""Whole-document analyses the plan checks share: sections, people, goals, the child's
voice, strengths and worries, readability.

Each runs once per document and is kept in `parsed.cache`, so the rule that reports on
an analysis and the stats that count it read the same result, and the stats are there
even when a team ignores the rule (engine.Checker.check calls `summarise`).
"""
from __future__ import annotations


def cached(parsed, key: str, compute):
    if key not in parsed.cache:
        parsed.cache[key] = compute()
    return parsed.cache[key]


def words(ctx, glossary: str, key: str) -> list:
    """A glossary word list, lower-cased, longest first (so phrases win over their words)."""
    found = {str(w).lower().strip() for w in ctx.glossary.entries(glossary, key) if str(w).strip()}
    return sorted(found, key=lambda w: (-len(w), w))


def summarise(parsed, ctx) -> None:
    """Fill the document's stats and goals list from the analyses (computed at most once)."""
    from .balance import judgements
    from .goals import goals
    from .readability import readability
    from .voice import voice

    stats = readability(parsed, ctx).stats()
    sides = judgements(parsed, ctx)
    stats["strengths"] = sum(1 for j in sides if j.side == "strength")
    stats["worries"] = sum(1 for j in sides if j.side == "worry")
    heard = voice(parsed, ctx).instances
    stats["child_voice"] = len(heard)
    # Where the child's words are, as [block, start, end]: reporters show them; no text, so --redact holds.
    stats["child_voice_instances"] = [list(i) for i in heard]
    found = goals(parsed, ctx)
    stats["goals"] = len(found)
    stats["smart_goals"] = sum(1 for g in found if g.smart)
    ctx.stats.update(stats)
    ctx.goals[:] = [g.to_json(parsed) for g in found]
    # Each goal's worries and strengths (analysis/links.py): text of the document, so the
    # audit's --redact leaves them out with the goal text.
    from .links import links

    for goal, linked in zip(ctx.goals, links(parsed, ctx).goals):
        goal.update(linked.to_json(parsed))
