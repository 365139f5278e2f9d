"""ConText-style modifiers: negation and hypotheticals change what a cue word means.

A trigger ("no", "not", "if", "would") opens a scope that runs to the end of its clause:
the end of the sentence, a semicolon or colon, or a word that turns the sentence ("but",
"however", "because"). A cue inside a negation scope is negated ("no concerns about
neglect"); inside a hypothetical scope it did not happen ("if he comes back"). This is the
approach of medspaCy's ConText (Harkema et al. 2009), kept small.
"""
from __future__ import annotations

from . import words

NEGATION_WINDOW = 8  # a negation reaches a few words, not a whole long sentence


def _sequences(items: list) -> list:
    return [tuple(item.split()) for item in items]


class Modifiers:
    def __init__(self, ctx, glossary: str = "strengths-worries"):
        self.negation = _sequences(words(ctx, glossary, "negation"))
        self.hypothetical = _sequences(words(ctx, glossary, "hypothetical"))
        self.ends = set(words(ctx, glossary, "scope_ends"))

    def scopes(self, sent) -> list:
        """(kind, first token index, end token index) for each trigger in a sentence span."""
        lower = [t.lower_ for t in sent]
        out = []
        i = 0
        while i < len(lower):
            for kind, triggers in (("negated", self.negation), ("hypothetical", self.hypothetical)):
                found = next((s for s in triggers if tuple(lower[i:i + len(s)]) == s), None)
                if found:
                    # The scope includes the trigger: "no concerns" negates its own cue word.
                    start = i
                    end = i + len(found)
                    limit = len(lower) if kind == "hypothetical" else min(len(lower), start + NEGATION_WINDOW)
                    while end < limit and lower[end] not in self.ends and lower[end] not in (";", ":"):
                        end += 1
                    out.append((kind, sent.start + start, sent.start + end))
                    break
            i += 1
        return out


def modifier_of(token_index: int, scopes: list):
    """'negated', 'hypothetical' or None for a token, given a sentence's scopes."""
    for kind, start, end in scopes:
        if start <= token_index < end:
            return kind
    return None
