"""The child's voice: the child's own words, wishes and what they showed us.

An instance is a sentence with the child's quoted words, their reported speech ("Amy told
me...", "Leo said he..."), a drawing, a score or play they chose, or an observation of a
baby or a child who does not speak ("she was observed babbling"). Inside a child's-views
section, a sentence about the child counts unless it says they did not take part ("did
not want to talk", "refused", "too young"). In a letter to a child, "you said" is the
child. Speech attributed to an adult ("Mum said", "Tony says you are 'addicted to Lego'")
is not the child's. Negated and hypothetical speech does not count.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import cached

SPEECH = {"say", "tell", "ask", "explain", "describe", "share", "write", "draw", "talk", "whisper", "reply",
          "answer", "mention", "express", "score", "rate", "choose", "pick", "show", "sign", "point", "nod",
          "shout", "cry", "laugh", "play", "request", "wish", "want", "like", "love", "hate", "worry", "feel"}
COMMUNICATION = {"say", "tell", "ask", "explain", "describe", "share", "write", "draw", "talk", "whisper",
                 "reply", "answer", "mention", "express", "score", "rate", "request", "sign", "point"}
OBSERVE = {"observe", "see", "notice", "watch"}
NOT_TAKING_PART = re.compile(r"\b(too young|refus|declin|did not (want|wish|engage|complete|attend|say|talk)|"
                             r"didn't|would not|wouldn't|was not seen|wasn't seen|not seen|unable to|not able to|"
                             r"no views|not available|did not attend|n/a)\b", re.I)
CHILD_WORDS = {"child", "children", "baby", "young person", "boy", "girl", "toddler"}
PRONOUNS = {"he", "she", "they"}


@dataclass
class Voice:
    instances: list = field(default_factory=list)     # (block, start, end)
    views_sections: list = field(default_factory=list)  # (Section, instances in it, boilerplate text or None)


def voice(parsed, ctx) -> Voice:
    return cached(parsed, "voice", lambda: _find(parsed, ctx))


def _find(parsed, ctx) -> Voice:
    from .goals import _plan_tables
    from .people import people
    from .sections import sections

    who = people(parsed, ctx)
    found = sections(parsed, ctx)
    plan_cells = {c.index for _, row in _plan_tables(parsed) for c in row.values()}
    out = Voice()
    for block in parsed.blocks:
        kind = found.kind_of.get(block.index)
        if block.kind == "heading" or kind in ("plan", "contingency") or block.index in plan_cells:
            continue
        doc = parsed.docs[block.index]
        quotes = parsed.quotes[block.index]
        for sent in doc.sents:
            if _childs_voice(sent, quotes, kind == "child_views", who):
                out.instances.append((block.index, sent.start_char, sent.end_char))
    for section in found.of_kind("child_views"):
        inside = [i for i in out.instances if i[0] in section.blocks]
        text = " ".join(parsed.blocks[b].text for b in section.blocks)
        boiler = NOT_TAKING_PART.search(text)
        out.views_sections.append((section, inside, boiler.group(0) if boiler else None))
    return out


def _speaker(verb):
    """The subject of a speech verb, following coordination ("you laughed and said")."""
    node = verb
    for _ in range(3):
        subj = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return subj[0]
        if node.dep_ in ("conj", "xcomp", "advcl") and node.head is not node:
            node = node.head
        else:
            break
    return None


def _is_child(token, who, in_views: bool) -> bool:
    if token is None:
        return False
    low = token.lower_
    if low in who.children:
        return True
    if low in ("you", "i") and who.letter_to_child:
        return low == "you"
    if low in PRONOUNS:
        if in_views:
            return True
        # Resolve to the last name before it in the block.
        for t in reversed(list(token.doc[:token.i])):
            if t.lower_ in who.names:
                return t.lower_ in who.children
        return False
    # A document that never says who the child is (a short note): any named speaker who is
    # not an adult or a role is taken to be the child.
    if not who.children and token.pos_ == "PROPN" and token.text[:1].isupper() and low not in who.adults \
            and low not in who.roles:
        return True
    if low in CHILD_WORDS or (token.head.lower_ in CHILD_WORDS and token.dep_ == "poss"):
        return True
    # "Isla's gran" is not Isla; a compound name "Maddie Parker" is.
    for child in token.children:
        if child.dep_ == "compound" and child.lower_ in who.children:
            return True
    return False


def _negated(verb) -> bool:
    node = verb
    for _ in range(3):
        if any(c.dep_ == "neg" for c in node.children) or node.lemma_ in ("refuse", "decline", "fail"):
            return True
        if node.dep_ in ("xcomp", "ccomp") and node.head is not node:
            node = node.head
        else:
            break
    return False


def _childs_voice(sent, quotes, in_views: bool, who) -> bool:
    text = sent.text
    if not any(t.is_alpha for t in sent):
        return False
    quoted = [(s, e) for s, e in quotes if sent.start_char <= s < sent.end_char]
    speech_verbs = [t for t in sent if t.lemma_ in SPEECH and t.pos_ == "VERB"]
    if in_views and NOT_TAKING_PART.search(text) and not quoted:
        return False
    if in_views and quoted and not speech_verbs:
        return True   # a quotation on its own under "What you told me"
    for verb in speech_verbs:
        if _negated(verb) or (verb.lemma_ not in COMMUNICATION and not in_views):
            continue
        if any(t.lower_ in ("if", "unless", "whether") for t in verb.subtree if t.i < verb.i):
            continue
        speaker = _speaker(verb)
        if _is_child(speaker, who, in_views):
            return True
        if speaker is None and in_views and quoted:
            return True
    # An observation of a baby: "she was observed babbling", "I saw Zoya smile".
    for t in sent:
        if t.lemma_ in OBSERVE and t.pos_ == "VERB" and not _negated(t):
            subj = [c for c in t.children if c.dep_ == "nsubjpass"]
            objs = [c for c in t.children if c.dep_ in ("dobj", "ccomp", "xcomp")]
            if (subj and _is_child(subj[0], who, in_views)) or any(_is_child(o, who, in_views) for o in objs):
                return True
    if in_views and not quoted:
        root = sent.root
        subj = _speaker(root) if root.pos_ in ("VERB", "AUX") else None
        return bool(subj is not None and _is_child(subj, who, True) and not _negated(root))
    return False
