"""Kind `template`: what a template can get right before anyone fills it in.

A template is headings, prompts and placeholders: it has no child's words yet, no goals,
no strengths. These checks look at its structure instead:

    check: section        # a section the template needs is there, under any heading alias
    section: child_views  # which (a section name from glossary/sections.yaml)
    label: "the child's own words, wishes and feelings"

    check: plan-columns   # the plan asks what, who, by when, and how we will know

    check: views-prompt   # the child's-views prompt asks for the child's own words
    own_words: [...]      # words that show it does (regular expressions)
    summary: [...]        # words that show it asks for a professional summary instead
"""
from __future__ import annotations

import re

from ...results import Hit

OPTIONS = ("check", "section", "label", "own_words", "summary", "empty_message", "summary_message",
           "missing_columns_message")
NEEDS_NLP = True

CONCEPTS = ("what", "who", "when", "how we will know")


def prepare(rule, ctx):
    return {
        "own_words": [re.compile(p, re.I) for p in rule.options.get("own_words") or []],
        "summary": [re.compile(p, re.I) for p in rule.options.get("summary") or []],
    }


def check(parsed, rule, state, ctx):
    kind = rule.options.get("check")
    if kind == "section":
        yield from _section(parsed, rule, ctx)
    elif kind == "plan-columns":
        yield from _plan_columns(parsed, rule, ctx)
    elif kind == "views-prompt":
        yield from _views_prompt(parsed, rule, state, ctx)


def _section(parsed, rule, ctx):
    from ..analysis.sections import sections

    wanted = rule.options.get("section")
    if sections(parsed, ctx).of_kind(wanted):
        return
    aliases = [str(a) for a in ctx.glossary.entries("sections", wanted)][:3]
    yield Hit(block=None, scope="document", values={
        "label": rule.options.get("label", wanted),
        "aliases": " or ".join(f"'{a[0].upper()}{a[1:]}'" for a in aliases),
    })


def _concepts(text: str) -> set:
    from ..analysis.goals import ACTION_COLUMN, MEASURE_COLUMN, WHEN_COLUMN, WHO_COLUMN

    found = set()
    for name, pattern in (("who", WHO_COLUMN), ("when", WHEN_COLUMN), ("how we will know", MEASURE_COLUMN)):
        if pattern.search(text):
            found.add(name)
    if ACTION_COLUMN.search(re.sub(r"\bhow\b.{0,25}\bknow\b", "", text, flags=re.I)):
        found.add("what")
    return found


def _plan_columns(parsed, rule, ctx):
    """The best plan table's header row, or the plan section's prompts, name all four."""
    from ..analysis.sections import sections

    plan = sections(parsed, ctx).of_kind("plan")
    plan_blocks = {i for s in plan for i in s.blocks} | {s.heading for s in plan}
    tables: dict = {}
    for block in parsed.blocks:
        if block.kind == "table-cell":
            tables.setdefault((block.part, block.table), []).append(block)
    best, best_at = set(), None
    for cells in tables.values():
        header_row = min(c.row for c in cells)
        header = [c for c in cells if c.row == header_row]
        found = set().union(*(_concepts(c.text) for c in header))
        in_plan = any(c.index in plan_blocks for c in cells)
        if (in_plan or len(found) >= 2) and len(found) > len(best):
            best, best_at = found, header[0]
    if best_at is None:
        if not plan:
            return  # no plan at all: the plan-section rule says so
        prompts = " ".join(parsed.blocks[i].text for i in sorted(plan_blocks))
        best = _concepts(prompts)
        best_at = parsed.blocks[plan[0].heading] if plan[0].heading is not None else None
    missing = [c for c in CONCEPTS if c not in best]
    if not missing or best_at is None:
        return
    yield Hit(block=best_at.index, start=0, end=len(best_at.text), scope="block",
              values={"missing": _and([f"'{m}'" for m in missing])})


def _and(items: list) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _views_prompt(parsed, rule, state, ctx):
    from ..analysis.sections import sections

    for section in sections(parsed, ctx).of_kind("child_views"):
        if section.heading is None:
            continue
        heading = parsed.blocks[section.heading]
        prompt = " ".join(parsed.blocks[i].text for i in section.blocks) + " " + heading.text
        asks_summary = any(p.search(prompt) for p in state["summary"])
        asks_own_words = any(p.search(prompt) for p in state["own_words"])
        if asks_summary or not asks_own_words:
            yield Hit(block=heading.index, start=0, end=len(heading.text), scope="block",
                      message=rule.options.get("summary_message" if asks_summary else "empty_message"))
