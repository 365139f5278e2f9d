"""Word forms for term lists, so "fail to engage" also finds "failed to engage".

A small rule-based inflector: term lists stay in the base form a person would write,
and matching runs on lower-case token text, which needs no model at start-up.
"""
from __future__ import annotations

_VOWELS = set("aeiou")


def forms(word: str) -> set:
    w = word.lower()
    out = {w}
    if not w.isalpha() or len(w) < 3:
        return out
    # plural / third person
    if w.endswith(("s", "x", "z", "ch", "sh")):
        out.add(w + "es")
    elif w.endswith("y") and w[-2] not in _VOWELS:
        out.add(w[:-1] + "ies")
    else:
        out.add(w + "s")
    # past tense and -ing
    if w.endswith("e"):
        out.update({w + "d", w[:-1] + "ing"})
    elif w.endswith("y") and w[-2] not in _VOWELS:
        out.update({w[:-1] + "ied", w + "ing"})
    else:
        out.update({w + "ed", w + "ing"})
        if len(w) <= 6 and w[-1] not in _VOWELS | {"w", "x", "y"} and w[-2] in _VOWELS and w[-3] not in _VOWELS:
            out.update({w + w[-1] + "ed", w + w[-1] + "ing"})
    if w.endswith("ing") and len(w) > 5:
        out.add(w[:-3] + "ed")
    return out
