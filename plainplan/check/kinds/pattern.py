"""Kind `pattern`: spaCy token and dependency patterns, for wording a word list cannot see.

Keys: `patterns`, a list of

    pattern: [{LEMMA: {IN: [put, place]}}, {LOWER: {IN: [herself, himself, themselves]}},
              {LOWER: at}, {LOWER: risk}]          # a spaCy Matcher pattern
    # or
    dependency: [...]                              # a spaCy DependencyMatcher pattern
    flag: [0, 2]          # which tokens of the match to flag (start, end); default: all
    suggestion: ...
    message: ...          # overrides the rule's message
    except: [...]         # phrases: a hit inside one is not flagged
    near: [regex, ...]    # flag only if one of these is found in the hit's sentence
    not_near: [...]       # ... and none of these is
    unless: [...]         # not flagged if one is found from the hit's first word to the sentence end
    severity: info

Token attributes are spaCy's (LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE is not loaded).
"""
from __future__ import annotations

import re

from ...results import Hit
from .terms import excepted

OPTIONS = ("patterns",)
NEEDS_NLP = True


def prepare(rule, ctx):
    from spacy.matcher import DependencyMatcher, Matcher

    vocab = ctx.nlp.vocab
    matcher, dep_matcher = Matcher(vocab), DependencyMatcher(vocab)
    table = list(rule.options.get("patterns") or [])
    for i, item in enumerate(table):
        try:
            if "pattern" in item:
                matcher.add(str(i), [item["pattern"]])
            elif "dependency" in item:
                dep_matcher.add(str(i), [item["dependency"]])
            else:
                raise ValueError("needs 'pattern' or 'dependency'")
        except Exception as exc:  # spaCy's own message says what is wrong with the pattern
            from ..rules import RuleError

            raise RuleError(f"{rule.path}: pattern {i + 1}: {exc}") from None
    for item in table:
        # Context conditions are compiled once, case-insensitive.
        for key in ("near", "not_near", "unless"):
            if item.get(key):
                item["_" + key] = [re.compile(r, re.I) for r in item[key]]
    return {"matcher": matcher, "dep": dep_matcher, "table": table, "vocab": vocab}


def _in_context(item, span) -> bool:
    """The pattern's sentence conditions (near / not_near / unless) hold for this hit."""
    if not any(k in item for k in ("_near", "_not_near", "_unless")):
        return True
    sentence = span.sent
    text = sentence.text
    if "_near" in item and not any(r.search(text) for r in item["_near"]):
        return False
    if "_not_near" in item and any(r.search(text) for r in item["_not_near"]):
        return False
    rest = text[span.start_char - sentence.start_char:]
    return not ("_unless" in item and any(r.search(rest) for r in item["_unless"]))


def _spans(state, doc):
    strings = state["vocab"].strings
    for match_id, s, e in (state["matcher"](doc) if len(state["matcher"]) else ()):
        item = state["table"][int(strings[match_id])]
        flag = item.get("flag")
        if flag:
            s, e = s + flag[0], min(e, s + flag[1])
        yield item, doc[s:e]
    for match_id, token_ids in (state["dep"](doc) if len(state["dep"]) else ()):
        item = state["table"][int(strings[match_id])]
        chosen = token_ids
        if item.get("flag"):
            chosen = [token_ids[i] for i in item["flag"] if i < len(token_ids)]
        yield item, doc[min(chosen):max(chosen) + 1]


def check(parsed, rule, state, ctx):
    for index, doc in enumerate(parsed.docs):
        lower = None
        for item, span in _spans(state, doc):
            if not len(span) or not _in_context(item, span):
                continue
            if item.get("except"):
                lower = lower or doc.text.lower()
                if excepted(lower, span.start_char, span.end_char, item["except"]):
                    continue
            yield Hit(
                block=index,
                start=span.start_char,
                end=span.end_char,
                suggestion=item.get("suggestion"),
                message=item.get("message"),
                severity=item.get("severity"),
                values=dict(item.get("values") or {}),
            )
