"""Run the chosen rules over a parsed document and turn their hits into findings.

Matchers are built once per process (the first time a rule runs) and reused for every
document. Rule kinds yield bare hits; the engine stamps rule id, category, severity and
message, drops hits inside quotation marks (someone's own words) and words a team has
accepted, and keeps the longest of overlapping hits within a category.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..config import Config
from ..parse.placeholders import field_spans
from ..results import Finding, Hit
from .glossary import Glossary
from .registry import kinds


@dataclass
class Context:
    """What every rule kind may read, and where whole-document checks leave goals and stats."""
    config: Config
    glossary: Glossary
    nlp: object = None
    mode: str = "document"
    goals: list = field(default_factory=list)
    stats: dict = field(default_factory=dict)


class Checker:
    def __init__(self, rules: list, glossary: Glossary, config: Config, nlp_loader=None):
        self.rules = [r for r in rules if r.enabled]
        self.glossary = glossary
        self.config = config
        self._nlp_loader = nlp_loader
        self._nlp = None
        self._prepared: dict = {}

    def rules_for(self, path: Optional[str], mode: str) -> list:
        return [r for r in self.rules if self.config.rule_selected(r, path) and mode in r.modes]

    def needs_nlp(self, rules: list) -> bool:
        return any(getattr(kinds[r.kind], "NEEDS_NLP", True) for r in rules)

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = self._nlp_loader()
        return self._nlp

    def _state(self, rule, ctx):
        if rule.id not in self._prepared:
            self._prepared[rule.id] = kinds[rule.kind].prepare(rule, ctx)
        return self._prepared[rule.id]

    def check(self, parsed, rules: list, mode: str = "document") -> tuple:
        """Findings (sorted), goals and stats for one parsed document."""
        ctx = Context(config=self.config, glossary=self.glossary, nlp=self._nlp, mode=mode)
        findings = []
        for rule in rules:
            state = self._state(rule, ctx)
            hits = kinds[rule.kind].check(parsed, rule, state, ctx)
            findings.extend(self._findings(parsed, rule, hits))
        findings = prune_overlaps(findings)
        findings.sort(key=_order)
        # Goals and whole-document stats (reading age, strengths, worries, child's voice) are
        # reported even when the rules that judge them are ignored; each analysis runs once.
        from .analysis import summarise
        summarise(parsed, ctx)
        return findings, ctx.goals, ctx.stats

    def _findings(self, parsed, rule, hits):
        blocks = parsed.blocks
        for hit in hits:
            if hit.block is None:
                yield self._finding(rule, hit, text="", context=hit.context or "", location=_nowhere())
                continue
            block = blocks[hit.block]
            text = block.text[hit.start:hit.end]
            if hit.scope == "span":
                if rule.quotes != "include" and parsed.in_quotes(hit.block, hit.start, hit.end):
                    continue
                if not getattr(kinds[rule.kind], "ON_PLACEHOLDERS", False) and _placeholder(block, hit.start, hit.end):
                    continue
                if self.config.accepted(text):
                    continue
            context = hit.context if hit.context is not None else _context(parsed, hit)
            start, end = (hit.start, hit.end) if hit.scope in ("span", "goal") else (None, None)
            yield self._finding(rule, hit, text=text if hit.scope != "block" else "",
                                context=context, location=block.location(start, end))

    def _finding(self, rule, hit: Hit, text: str, context: str, location: dict) -> Finding:
        values = {"text": text, "suggestion": hit.suggestion or "", **hit.values}
        message = rule.format_message(values) if hit.message is None else hit.message.format_map(
            _Blank(values))
        return Finding(
            rule=rule.id,
            category=rule.category,
            severity=self.config.severity_for(rule, hit.severity or rule.severity),
            message=" ".join(message.split()),
            text=text,
            context=" ".join(context.split()),
            scope=hit.scope,
            location=location,
            suggestion=hit.suggestion,
            why=rule.why,
            source=hit.values.get("source") or rule.source,
            link=rule.link,
            goal=hit.goal,
        )


class _Blank(dict):
    def __missing__(self, key):
        return ""


def _context(parsed, hit: Hit) -> str:
    block_text = parsed.blocks[hit.block].text
    if hit.scope != "span":
        return block_text
    sentence = parsed.sentence(hit.block, hit.start, hit.end)
    return sentence if len(sentence) <= len(block_text) else block_text


def _placeholder(block, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in field_spans(block)) if block.placeholders else False


def _nowhere() -> dict:
    return {"block": None, "part": None, "kind": "document", "heading": [], "table": None,
            "row": None, "col": None, "line": None, "column": None, "start": None, "end": None}


def _order(f: Finding):
    loc = f.location
    return (loc["block"] is not None, loc["block"] or 0, loc["start"] or 0, f.rule)


def prune_overlaps(findings: list) -> list:
    """Within a category, where span findings overlap, the longest wins."""
    spans = [f for f in findings if f.scope == "span"]
    others = [f for f in findings if f.scope != "span"]
    spans.sort(key=lambda f: (-(f.location["end"] - f.location["start"]), f.location["start"]))
    kept, taken = [], {}
    for f in spans:
        key = (f.category, f.location["block"])
        s, e = f.location["start"], f.location["end"]
        if any(s < te and ts < e for ts, te in taken.get(key, [])):
            continue
        taken.setdefault(key, []).append((s, e))
        kept.append(f)
    return kept + others
