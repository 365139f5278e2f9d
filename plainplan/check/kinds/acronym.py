"""Kind `acronym`: an acronym used before it is spelled out, once per acronym.

Keys:

    glossary: acronyms      # the glossary list(s) with `acronyms`, `allow` and `not_acronyms`
    unknown: true           # also flag all-capital words the glossary does not know
    messages:               # overrides the rule's message for the three cases
      known: "'{text}' ... '{suggestion}' ..."
      ambiguous: "'{text}' can mean {meanings} ..."
      unknown: "'{text}' ..."

A glossary entry is `{acronym: FGC, expansion: family group conference}`; `acronym` may be
a list of spellings (`[S47, s47]`), and an entry with `expansions: [a, b]` is ambiguous: it
is flagged with no suggested expansion. `allow` lists acronyms everyone knows (GP, NHS);
`not_acronyms` lists all-capital words that are ordinary words (URGENT, NOTE).
Config `acronyms.allow` adds to `allow`; `acronyms.define: {XYZ: expansion}` adds local
acronyms (or replaces the glossary's expansion, e.g. to settle an ambiguous one).

The document is read as a whole, in reading order. An acronym counts as spelled out from
the point it is defined ("Family Group Conference (FGC)", "FGC (Family Group Conference)",
"FGC means ...", in any case) and everywhere if the document has a glossary entry for it
(a table row or line "FGC - Family Group Conference" / "FGC: ..."). Only the first
unexplained use of each acronym is reported. Never flagged: words in quotation marks or
placeholders, all-capital headings and sentences, Roman numerals, initials ("AB Smith"),
codes with digits that the glossary does not know (postcodes "SW1A", "B12"), surnames in
capitals after a first name, and unknown all-capital words that are English words.
"""
from __future__ import annotations

import re

from ...results import Hit

OPTIONS = ("glossary", "unknown", "messages")
NEEDS_NLP = True

# A word: letters, digits and "&" (A&E); an optional plural or possessive ending.
_WORD = re.compile(r"(?<![\w&@/\\])([A-Za-z][A-Za-z0-9&]*)(['\u2019]s)?(?![\w&@])")
_UNKNOWN = re.compile(r"^[A-Z]{2,6}$")
_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "pc", "dc", "ds", "di"}
# Words a definition skips when matching letters: "Team Around the Family" is TAF or TATF.
_GLUE = {"and", "of", "the", "for", "in", "on", "to", "a", "an", "with", "&", "at", "by"}
_SEPARATOR = re.compile(r"^\s*(?:[-\u2013\u2014:=]|\t|\s{2,})\s*")
_MEANS = re.compile(r"^\s*,?\s*(?:means|stands for|is short for|is an abbreviation for|which means|which stands for)\s+", re.I)
_BRACKET = re.compile(r"^\s*\(([^)]*)\)?")
_WORDS = re.compile(r"[A-Za-z][A-Za-z']*")

DEFAULT_MESSAGES = {
    "known": "'{text}' is an acronym a family may not know; write '{suggestion}' in full the first time.",
    "ambiguous": "'{text}' can mean different things ({meanings}); write out the one you mean the first time.",
    "unknown": "'{text}' looks like an acronym that is not spelled out; write it in full the first time.",
}


def _as_list(value) -> list:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def prepare(rule, ctx):
    names = _as_list(rule.options.get("glossary") or "acronyms")
    known: dict = {}        # spelling -> entry {"key", "expansions"}
    allow, ordinary = set(), set()
    for name in names:
        for entry in ctx.glossary.entries(name, "acronyms"):
            spellings = _as_list(entry.get("acronym"))
            if not spellings:
                raise ValueError(f"an acronym entry has no 'acronym': {entry}")
            expansions = _as_list(entry.get("expansions")) or _as_list(entry.get("expansion"))
            record = {"key": spellings[0], "expansions": expansions,
                      "source": ctx.glossary.source_title(entry.get("source"))}
            for spelling in spellings:
                known[str(spelling)] = record
        allow.update(str(a) for a in ctx.glossary.entries(name, "allow"))
        ordinary.update(str(a).upper() for a in ctx.glossary.entries(name, "not_acronyms"))
    allow.update(ctx.config.acronyms.get("allow") or [])
    for acronym, expansion in (ctx.config.acronyms.get("define") or {}).items():
        known[acronym] = {"key": acronym, "expansions": [expansion], "source": "local definition (config)"}
    return {
        "known": known,
        "allow": allow,
        "ordinary": ordinary,
        "english": _english_words(ctx.nlp),
        "unknown": rule.options.get("unknown", True),
        "messages": {**DEFAULT_MESSAGES, **(rule.options.get("messages") or {})},
    }


def _english_words(nlp) -> frozenset:
    """Lower-case English words: the model's stop words and its lemmatizer's word index."""
    words = set(nlp.Defaults.stop_words)
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        for pos in ("noun", "verb", "adj", "adv"):
            words.update(index.get(pos, ()))
    except (KeyError, ValueError, AttributeError):
        pass  # without the index, unknown acronyms are judged by shape and stop words only
    return frozenset(words)


# -- finding acronyms in a block -------------------------------------------------------

def _lookup(state, base: str, ending: str):
    """(key, entry-or-None) for a word that is an acronym, else None."""
    known = state["known"]
    if base in known:
        return known[base]["key"], known[base]
    plural = base.endswith("s") and not ending and sum(c.isupper() for c in base) >= 2
    if plural and base[:-1] in known:
        return known[base[:-1]]["key"], known[base[:-1]]
    if not state["unknown"]:
        return None
    word = base[:-1] if plural and _UNKNOWN.match(base[:-1]) else base
    if not _UNKNOWN.match(word):
        return None
    return word, None


def _occurrences(state, text: str):
    """(start, end, key, entry, word) for each acronym-like word in a block."""
    for m in _WORD.finditer(text):
        base, ending = m.group(1), m.group(2) or ""
        end = m.end(1)
        if text[end:end + 1] == "." and text[end + 1:end + 2].isalnum():
            continue  # part of a web address or file name
        found = _lookup(state, base, ending)
        if found:
            yield m.start(1), end, found[0], found[1], base


def _allowed(state, key: str, word: str) -> bool:
    allow = state["allow"]
    return key in allow or word in allow or word.upper() in allow


def _unknown_is_acronym(state, word: str, text: str, start: int, end: int, doc) -> bool:
    """Decide whether an all-capital word the glossary does not know is an acronym."""
    stem = word[:-1] if word.endswith("s") and word[:-1].isupper() else word
    if stem in state["ordinary"] or _ROMAN.match(stem):
        return False
    low = stem.lower()
    english = state["english"]
    if low in english or (low.endswith("s") and low[:-1] in english):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.text.rstrip(".").lower() in _TITLES:
        return False  # "Mr AB Smith", "PC JONES"
    # A surname in capitals after a first name ("Ethan WRIGHT"), or initials before one
    # ("AB Smith"): names, not acronyms.
    if before is not None and before.is_title and not before.is_sent_start and before.pos_ == "PROPN":
        return False
    if len(stem) <= 3 and after is not None and after.is_title and after.pos_ == "PROPN":
        return False
    return True


def _shouting(state, doc, start: int) -> bool:
    """Is the word in an all-capital heading or sentence (emphasis, not an acronym)?"""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    sentence = span[0].sent
    words = [t.text for t in sentence if t.is_alpha and len(t.text) > 1]
    capitals = [w for w in words if w.isupper()]
    ordinary = [w for w in capitals if w not in state["known"] and w not in state["allow"]]
    return len(words) >= 2 and len(capitals) >= 0.7 * len(words) and len(ordinary) >= 2


# -- definitions -----------------------------------------------------------------------

def _letters(word: str) -> str:
    core = re.sub(r"['\u2019]s$", "", word)
    if core.endswith("s") and sum(c.isupper() for c in core) >= 2:
        core = core[:-1]
    return "".join(c for c in core.upper() if c.isalpha())


def _initials(words: list) -> str:
    out = []
    for word in words:
        for part in re.split(r"[-/]", word):
            if part:
                out.append(part[0].upper())
    return "".join(out)


def _subsequence(letters: str, initials: str) -> bool:
    it = iter(initials)
    return all(c in it for c in letters)


def spelled_out(letters: str, words: list, key: str = "", entry=None) -> bool:
    """Do these words spell out the acronym (its letters in order, from the first word)?"""
    if not letters or not words:
        return False
    expansions = [e.lower() for e in _as_list((entry or {}).get("expansions"))]
    joined = " ".join(words).lower()
    if any(joined.startswith(e) or joined.endswith(e) for e in expansions if e):
        return True
    content = [w for w in words if w.lower() not in _GLUE] or words
    if _initials(content)[:1] != letters[0]:
        return False
    return _subsequence(letters, _initials(words)) and len(content) >= min(2, len(letters))


def _defined_before(text: str, start: int, letters: str, entry) -> bool:
    """'Family Group Conference (FGC)': the words before an opening bracket spell it out."""
    head = text[:start].rstrip()
    if not head.endswith("("):
        return False
    words = _WORDS.findall(head[:-1])[-(len(letters) + 4):]
    for first in range(len(words) - 1, -1, -1):
        if spelled_out(letters, words[first:], entry=entry):
            return True
    return False


def _defined_after(text: str, end: int, letters: str, entry) -> bool:
    """'FGC (Family Group Conference)', 'FGC - Family Group Conference', 'FGC means ...'."""
    tail = re.sub(r"^['\u2019]?s\b", "", text[end:])
    bracket = _BRACKET.match(tail)
    if bracket:
        rest = bracket.group(1)
    else:
        m = _MEANS.match(tail) or _SEPARATOR.match(tail)
        if not m:
            return False
        rest = tail[m.end():]
    words = _WORDS.findall(rest)[: len(letters) + 4]
    for last in range(1, len(words) + 1):
        if spelled_out(letters, words[:last], entry=entry):
            return True
    return False


def _glossary_entries(state, parsed) -> set:
    """Acronyms the document explains in its own glossary: a table row or a line 'FGC - ...'."""
    defined = set()
    blocks = parsed.blocks
    cells = {(b.table, b.row, b.col): b for b in blocks if b.table is not None}
    for block in blocks:
        text = block.text.strip()
        m = re.match(r"^([A-Za-z][A-Za-z0-9&]*)(['\u2019]?s)?\b", text)
        if not m:
            continue
        found = _lookup(state, m.group(1), m.group(2) or "")
        if not found:
            continue
        key, entry = found
        letters = _letters(m.group(0))
        if _defined_after(text, m.end(), letters, entry):
            defined.add(key)
        elif block.table is not None and text.rstrip(":").strip() == m.group(0):
            beside = cells.get((block.table, block.row, (block.col or 0) + 1))
            if beside is not None and spelled_out(letters, _WORDS.findall(beside.text)[: len(letters) + 4], entry=entry):
                defined.add(key)
    return defined


# -- the check ---------------------------------------------------------------------------

def check(parsed, rule, state, ctx):
    skip_quotes = rule.quotes != "include"
    done = set(_glossary_entries(state, parsed))
    messages = state["messages"]
    for index, (block, doc) in enumerate(zip(parsed.blocks, parsed.docs)):
        text = block.text
        heading_in_capitals = None
        for start, end, key, entry, word in _occurrences(state, text):
            if key in done or _allowed(state, key, word):
                continue
            letters = _letters(text[start:end])
            if _defined_before(text, start, letters, entry) or _defined_after(text, end, letters, entry):
                done.add(key)
                continue
            if skip_quotes and parsed.in_quotes(index, start, end):
                continue
            if any(s <= start and end <= e for s, e in block.placeholders):
                continue
            if entry is None and not _unknown_is_acronym(state, word, text, start, end, doc):
                continue
            if heading_in_capitals is None:
                heading_in_capitals = block.kind == "heading" and _mostly_capitals(text)
            if heading_in_capitals or _shouting(state, doc, start):
                continue
            done.add(key)
            yield _hit(index, start, end, key, entry, messages)


def _mostly_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _hit(index, start, end, key, entry, messages) -> Hit:
    values = {"acronym": key}
    if entry is None:
        return Hit(block=index, start=start, end=end, message=messages["unknown"], values=values)
    expansions = entry["expansions"]
    if entry.get("source"):
        values["source"] = entry["source"]
    if len(expansions) == 1:
        values["expansion"] = expansions[0]
        return Hit(block=index, start=start, end=end, suggestion=expansions[0],
                   message=messages["known"], values=values)
    values["meanings"] = " or ".join(f"'{e}'" for e in expansions) or "more than one thing"
    return Hit(block=index, start=start, end=end, message=messages["ambiguous"], values=values)
