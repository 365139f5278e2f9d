"""Strengths and worries: each sentence is a strength, a worry, or neither.

A sentence in a "what is working well" section is a strength and one in a "what we are
worried about" section a worry (the writer chose where to put it), unless every cue in it
is negated. Elsewhere the cue words of glossary/strengths-worries.yaml decide, read
ConText-style: a negated worry ("no concerns about neglect") is not a worry, a negated
strength ("not well enough") is one, a cue in a hypothetical ("if he comes back") or in
quotation marks (someone's own words) does not count. Plans, the child's views and
contingency sections are not sorted: they are not statements of strength or worry.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import cached, words
from .context import Modifiers, modifier_of

UNSORTED = {"plan", "child_views", "involved", "contingency"}


@dataclass
class Judgement:
    block: int
    start: int
    end: int
    side: str            # "strength" | "worry"
    cues: tuple = ()


def judgements(parsed, ctx) -> list:
    return cached(parsed, "balance", lambda: _judge(parsed, ctx))


def _cue_table(ctx, key) -> list:
    return [tuple(c.split()) for c in words(ctx, "strengths-worries", key)]


def _judge(parsed, ctx) -> list:
    from .goals import _plan_tables
    from .sections import sections

    kinds = sections(parsed, ctx).kind_of
    plan_cells = {c.index for _, row in _plan_tables(parsed) for c in row.values()}
    cues = _cue_index(ctx)
    modifiers = Modifiers(ctx)
    out = []
    for block in parsed.blocks:
        kind = kinds.get(block.index)
        if block.kind == "heading" or kind in UNSORTED or block.index in plan_cells:
            continue
        if block.kind == "table-cell" and kind not in ("strengths", "worries"):
            continue  # details tables ("Mother | Farah Ali") state no strength or worry
        doc = parsed.docs[block.index]
        quotes = parsed.quotes[block.index]
        for sent in doc.sents:
            if not any(t.is_alpha for t in sent):
                continue
            scores, found = _score(sent, cues, modifiers, quotes)
            side = None
            if kind == "strengths":
                side = None if scores["negated"] and not scores["strength"] else "strength"
            elif kind == "worries":
                side = None if scores["negated"] and not scores["worry"] else "worry"
            elif scores["worry"] > scores["strength"]:
                side = "worry"
            elif scores["strength"] > scores["worry"]:
                side = "strength"
            if side:
                out.append(Judgement(block.index, sent.start_char, sent.end_char, side, tuple(found)))
    return out


def _cue_index(ctx) -> dict:
    """Cues by their first word, longest first: a token is compared only with the cues
    that can start at it, not with all of them."""
    cues = [("strength", c) for c in _cue_table(ctx, "strength_cues")] + [("worry", c) for c in _cue_table(ctx, "worry_cues")]
    cues.sort(key=lambda x: -len(x[1]))
    index: dict = {}
    for side, cue in cues:
        index.setdefault(cue[0], []).append((side, cue))
    return index


def _score(sent, cues, modifiers, quotes) -> tuple:
    scopes = modifiers.scopes(sent)
    lemmas = [t.lemma_.lower() for t in sent]
    lower = [t.lower_ for t in sent]
    scores = {"strength": 0, "worry": 0, "negated": 0}
    found = []
    i = 0
    while i < len(sent):
        token = sent[i]
        if any(s <= token.idx < e for s, e in quotes):
            i += 1
            continue
        hit = None
        candidates = cues.get(lower[i], [])
        if lemmas[i] != lower[i] and lemmas[i] in cues:
            candidates = sorted(candidates + cues[lemmas[i]], key=lambda x: -len(x[1]))
        for side, cue in candidates:
            n = len(cue)
            if tuple(lower[i:i + n]) == cue or tuple(lemmas[i:i + n]) == cue:
                hit = (side, n)
                break
        if hit is None:
            i += 1
            continue
        side, n = hit
        modifier = modifier_of(sent.start + i, scopes)
        if modifier == "negated":
            scores["negated"] += 1
            if side == "strength":
                scores["worry"] += 1
                found.append("not " + " ".join(lower[i:i + n]))
        elif modifier is None:
            scores[side] += 1
            found.append(" ".join(lower[i:i + n]))
        i += n
    return scores, found
