"""Kind `terms`: words and phrases with plainer alternatives (jargon, labels, blame).

Keys: `glossary` (name or list of glossary lists whose `terms` this rule uses) and/or
`terms` (entries written in the rule itself). An entry:

    term: contact                 # or a list of spellings: [attention seeking, attention-seeker]
    plain: [family time, time with Mum or Dad]   # what to write instead (first is the suggestion)
    sense: the time a child spends with family they do not live with
    pos: [NOUN]                   # the first word must be one of these parts of speech
    not_pos: [VERB]               # ... or must not be
    dep: [nsubj, dobj, pobj]      # the first word must have one of these dependency labels
    except: [eye contact, contact details]   # a hit inside one of these phrases is not flagged
    forms: [contacts]             # extra spellings; by default first and last words inflect
    exact: false                  # true: no automatic inflection
    severity: info                # this entry's own severity
    source: tact                  # a key of the glossary's `sources`, or a title
    note: one more sentence shown with the finding
    message: overrides the rule's message for this entry

Hyphens are optional between words ("attention-seeking" = "attention seeking"). Matching
is case-insensitive on token text; part of speech and dependency come from the parse.
"""
from __future__ import annotations

from ...results import Hit
from .inflect import forms

OPTIONS = ("glossary", "terms")
NEEDS_NLP = True


def entries(rule, ctx) -> list:
    names = rule.options.get("glossary") or []
    if isinstance(names, str):
        names = [names]
    found = list(rule.options.get("terms") or [])
    for name in names:
        found.extend(ctx.glossary.entries(name, "terms"))
    return found


def spellings(entry) -> list:
    term = entry.get("term")
    if term is None:
        raise ValueError(f"a term entry has no 'term': {entry}")
    out = [term] if isinstance(term, str) else list(term)
    out.extend(entry.get("forms") or [])
    return out


def phrase_words(nlp, text: str, inflect: bool) -> list:
    """Every way the term can be written, as lists of lower-case token texts.

    The first and last words inflect ("fail to engage" -> "failed to engage"); a
    multi-word term is also found hyphenated ("attention-seeking").
    """
    from itertools import product

    words = [t.text.lower() for t in nlp.make_doc(text) if t.text != "-"]
    if not words:
        return []
    choices = [sorted(forms(w)) if inflect and i in (0, len(words) - 1) else [w] for i, w in enumerate(words)]
    out = []
    for variant in product(*choices):
        out.append(list(variant))
        if len(variant) > 1:
            hyphenated = [variant[0]]
            for word in variant[1:]:
                hyphenated += ["-", word]
            out.append(hyphenated)
    return out


def prepare(rule, ctx):
    # A phrase matcher looks each token up in a hash table, where a token matcher with
    # sets of word forms tests every pattern at every token: the difference is most of
    # plainplan's checking time on a long document.
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    nlp = ctx.nlp
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    table = entries(rule, ctx)
    for i, entry in enumerate(table):
        seen, docs = set(), []
        for text in spellings(entry):
            for words in phrase_words(nlp, str(text), not entry.get("exact", False)):
                key = tuple(words)
                if key not in seen:
                    seen.add(key)
                    docs.append(Doc(nlp.vocab, words=words))
        if docs:
            matcher.add(str(i), docs)
    return {"matcher": matcher, "entries": table, "vocab": nlp.vocab}


def _as_list(value) -> list:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _entry_applies(entry, span) -> bool:
    first = span[0]
    if entry.get("pos") and first.pos_ not in _as_list(entry["pos"]):
        return False
    if entry.get("not_pos") and first.pos_ in _as_list(entry["not_pos"]):
        return False
    if entry.get("dep") and first.dep_ not in _as_list(entry["dep"]):
        return False
    return True


def excepted(text_lower: str, start: int, end: int, phrases) -> bool:
    """Is the hit inside one of the entry's exception phrases?"""
    for phrase in _as_list(phrases):
        p = phrase.lower()
        pos = text_lower.find(p, max(0, start - len(p)))
        while pos != -1 and pos <= start:
            if pos + len(p) >= end:
                return True
            pos = text_lower.find(p, pos + 1)
    return False


def check(parsed, rule, state, ctx):
    matcher, table = state["matcher"], state["entries"]
    strings = state["vocab"].strings
    for index, doc in enumerate(parsed.docs):
        lower = None
        for match_id, s, e in matcher(doc):
            entry = table[int(strings[match_id])]
            span = doc[s:e]
            if not _entry_applies(entry, span):
                continue
            if entry.get("except"):
                lower = lower or doc.text.lower()
                if excepted(lower, span.start_char, span.end_char, entry["except"]):
                    continue
            plain = _as_list(entry.get("plain"))
            yield Hit(
                block=index,
                start=span.start_char,
                end=span.end_char,
                suggestion=plain[0] if plain else None,
                message=entry.get("message"),
                severity=entry.get("severity"),
                values={
                    "sense": entry.get("sense", ""),
                    "plain": " or ".join(f"'{p}'" for p in plain),
                    "alternatives": plain,
                    "note": entry.get("note", ""),
                    "source": ctx.glossary.source_title(entry.get("source")),
                    "term": spellings(entry)[0],
                },
            )
