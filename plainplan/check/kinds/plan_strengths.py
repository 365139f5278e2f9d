"""Kind `plan_strengths`: a plan that builds on strengths, not only on risks
(check/analysis/links.py links each goal to the worries and strengths it draws on).

Only a document with a plan (goals found) is judged. Keys:

  report: plan      one finding on the plan (its heading, or the plan table's header cell)
                    when no goal draws on any strength or person of the family network the
                    document found, naming what it could build on. A document with no
                    strengths at all is left to the document-level balance rule.
  report: worries   one note on each worry of a "what we are worried about" section that no
                    goal answers: the R of SMART, seen from the other side.
  min_goals         (plan) a plan with fewer goals is not judged (default 2): one numbered
                    action is not a plan
  named             (plan) how many strengths the message names (default 3)
  words             how many words of a worry or strength the message quotes (default 25)
"""
from __future__ import annotations

from ...results import Hit

OPTIONS = ("report", "min_goals", "named", "words")
NEEDS_NLP = True


def prepare(rule, ctx):
    report = rule.options.get("report", "plan")
    if report not in ("plan", "worries"):
        from ..rules import RuleError

        raise RuleError(f"{rule.path}: 'report' is 'plan' or 'worries', not '{report}'")
    return report


def check(parsed, rule, state, ctx):
    from ..analysis.links import links

    found = links(parsed, ctx)
    if not found.goals:
        return
    limit = int(rule.options.get("words", 25))
    if state == "worries":
        for worry in found.unanswered():
            yield Hit(block=worry.block, start=worry.start, end=_end(parsed, worry), scope="span",
                      values={"worry": few_words(worry.text(parsed), limit)})
        return
    if len(found.goals) < int(rule.options.get("min_goals", 2)) or not found.strengths:
        return
    if found.builds_on_strengths:
        return
    block = _anchor(parsed, ctx)
    # Strengths listed in "what is working well" first: the writer chose them.
    strengths = sorted(found.strengths, key=lambda s: s.section != "strengths")[:int(rule.options.get("named", 3))]
    named = [f"\u201c{few_words(s.text(parsed), limit)}\u201d" for s in strengths]
    # Network people the strengths name ("Sana (sister)"); someone named elsewhere may be a worry.
    praised = set().union(*(s.names for s in found.strengths))
    named += [f"{name.title()} ({role})" for name, role in found.network.items() if name in praised][:2]
    yield Hit(block=block, start=0, end=len(parsed.blocks[block].text), scope="block",
              values={"strengths": "; ".join(named), "them": "them" if len(named) > 1 else "it",
                      "goals": len(found.goals)})


def few_words(text: str, limit: int) -> str:
    words = text.split()
    if len(words) <= limit:
        return text.strip().rstrip(".")
    return " ".join(words[:limit]).rstrip(",;:") + "\u2026"


def _end(parsed, item) -> int:
    # The worry without the full stop, so the flagged words read as a phrase.
    text = parsed.blocks[item.block].text
    end = item.end
    while end > item.start and text[end - 1] in " .\n":
        end -= 1
    return end


def _anchor(parsed, ctx) -> int:
    """The plan's heading (or its table's header cell), else its first goal."""
    from ..analysis.goals import goals
    from ..analysis.sections import sections

    first = goals(parsed, ctx)[0].block
    found = sections(parsed, ctx)
    heading = next((b for b in reversed(parsed.blocks[:first]) if b.kind == "heading"), None)
    if heading is not None and found.section_of[heading.index].kind == "plan":
        return heading.index
    section = found.section_of.get(first)
    if section is not None and section.heading is not None and section.kind == "plan":
        return section.heading   # a plan table's header cell ("What needs to happen")
    block = parsed.blocks[first]
    if block.kind == "table-cell":
        for other in parsed.blocks:
            if (other.kind == "table-cell" and other.part == block.part and other.table == block.table
                    and other.col == block.col and other.text.strip()):
                return other.index       # the header cell of the action column
    return first
