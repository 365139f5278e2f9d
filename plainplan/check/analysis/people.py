"""Who a document is about: the children, the adults, and every person's name.

Names are capitalised proper nouns the parse confirms: not at the start of a sentence,
next to another name ("Karen Parker", "Miss Hart"), or not an English word. Children are
named in the "Child / Children / Young person" row of a details table, with an age
("Hamza Ali (6)"), in the title ("Maddie's Safety Plan") or in a letter's greeting
("Hi Leo,"). Adults are named beside a role ("Rachel Fraser (Mum)", "Emma Whitlock, social
worker", "YOS officer (Dean Marsh)") or in a parent or worker row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import cached, words

HONORIFICS = {"mr", "mrs", "miss", "ms", "mx", "dr"}
CALENDAR = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "christmas", "easter",
}
CHILD_LABELS = re.compile(r"^(child|children|child's name|childs name|name of child|names? of (the )?children|"
                          r"young person|young people|child/young person|name|subject|about)\b", re.I)
ADULT_LABELS = re.compile(r"^(mother|father|mum|dad|parents?|carers?|partner|mother's partner|father's partner|"
                          r"step|grand|lives with|social worker|worker|allocated|team manager|iro|chair|author|"
                          r"completed by|written by|practitioner|guardian)", re.I)
AGE = re.compile(r"^\(?\s*(\d{1,2})\s*(\)|years?|yrs?|months?|weeks?)", re.I)
GREETING = re.compile(r"^(hi|hello|dear)\s+([A-Z][\w'-]+)", re.I)
TITLE_POSSESSIVE = re.compile(r"^([A-Z][\w-]+)['\u2019]s\b")
HEADING_CHILD = re.compile(r"^what ([A-Z][\w-]+) (says|said|told|thinks|wants|would)|^([A-Z][\w-]+)['\u2019]s (views|voice|wishes|words)", re.I)

_dictionary: set = set()


def _english_words(nlp) -> set:
    """Lower-case English words known to the lemmatizer (WordNet's index), loaded once."""
    if not _dictionary:
        try:
            table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
            for pos in table:
                _dictionary.update(table[pos])
        except (KeyError, ValueError):
            _dictionary.add("")
    return _dictionary


@dataclass
class People:
    names: set = field(default_factory=set)      # lower-case, every confirmed name
    children: set = field(default_factory=set)
    adults: set = field(default_factory=set)
    letter_to_child: bool = False
    roles: set = field(default_factory=set)       # role and family words (not names)
    lower_words: set = field(default_factory=set)  # words the document writes in lower case

    def name_like(self, token) -> bool:
        """A name, or a capitalised proper noun the document never writes in lower case."""
        low = token.lower_
        if low in self.names:
            return True
        return (token.pos_ == "PROPN" and token.text[:1].isupper() and not token.text.isupper()
                and low not in self.roles and low not in self.lower_words and low not in CALENDAR)

    def is_child(self, word: str) -> bool:
        return word.lower() in self.children

    def is_adult(self, word: str) -> bool:
        return word.lower() in self.adults


def roles(ctx) -> set:
    return set(words(ctx, "smart", "unnamed")) | set(words(ctx, "smart", "family"))


def people(parsed, ctx) -> People:
    return cached(parsed, "people", lambda: _find(parsed, ctx))


def _candidate(token, role_words) -> bool:
    text = token.text
    return (text[:1].isupper() and token.is_alpha and not (text.isupper() and len(text) > 1)
            and token.lower_ not in role_words and token.lower_ not in CALENDAR and token.lower_ not in HONORIFICS
            and text != "I" and (token.pos_ == "PROPN" or not token.is_sent_start))


def _find(parsed, ctx) -> People:
    role_words = roles(ctx)
    found = People(roles=role_words)
    english = _english_words(ctx.nlp) if ctx.nlp is not None else set()
    # A word the document also writes in lower case mid-sentence ("the plan", "safety") is no name.
    lower_words = {t.lower_ for doc in parsed.docs for t in doc if t.text.islower() and not t.is_sent_start}
    found.lower_words = lower_words
    for block, doc in zip(parsed.blocks, parsed.docs):
        if block.kind == "heading":
            continue  # headings are in title case
        for token in doc:
            if token.lower_ in lower_words:
                continue
            if not _candidate(token, role_words):
                continue
            prev = doc[token.i - 1] if token.i else None
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            beside_name = any(t is not None and t.text[:1].isupper() and t.is_alpha and t.pos_ == "PROPN"
                              and t.lower_ not in role_words and t.lower_ not in CALENDAR for t in (prev, nxt))
            honorific = prev is not None and prev.lower_.rstrip(".") in HONORIFICS
            if not token.is_sent_start or beside_name or honorific or (token.lower_ not in english and token.lemma_.lower() not in english):
                found.names.add(token.lower_)
            if honorific:
                found.adults.add(token.lower_)
    _details_tables(parsed, found)
    _beside_roles(parsed, found, role_words)
    _children_from_text(parsed, found)
    found.children -= found.adults
    return found


def _first_names(doc, names: set) -> list:
    out, previous_was_name = [], False
    for token in doc:
        is_name = token.lower_ in names
        if is_name and not previous_was_name:
            out.append(token.lower_)
        previous_was_name = is_name
    return out


def _details_tables(parsed, found: People) -> None:
    """Rows like "Children | Hamza Ali (6), Zoya Ali (14 months)" and "Mother | Farah Ali"."""
    blocks = parsed.blocks
    rows: dict = {}
    for block in blocks:
        if block.kind == "table-cell":
            rows.setdefault((block.part, block.table, block.row), []).append(block)
    for cells in rows.values():
        cells.sort(key=lambda b: b.col or 0)
        if len(cells) < 2:
            continue
        label = cells[0].text.strip().rstrip(":")
        target = found.children if CHILD_LABELS.match(label) else found.adults if ADULT_LABELS.match(label) else None
        if target is None:
            continue
        for cell in cells[1:]:
            target.update(_first_names(parsed.docs[cell.index], found.names))
    for block in blocks:
        label, _, value = block.text.partition(":")
        if value and block.kind != "table-cell" and len(label.split()) <= 4:
            target = found.children if CHILD_LABELS.match(label.strip()) else found.adults if ADULT_LABELS.match(label.strip()) else None
            if target is not None:
                names = _first_names(parsed.docs[block.index], found.names)
                target.update(n for n in names if n not in label.lower())


ROLE_HEADS = {"worker", "officer", "teacher", "lead", "manager", "nurse", "doctor", "visitor", "adviser",
              "advisor", "therapist", "counsellor", "mentor", "coordinator", "practitioner", "chair", "carer"}


def _beside_roles(parsed, found: People, role_words: set) -> None:
    """An adult is named in apposition to a role: "Rachel Fraser (Mum)", "mum, Efua",
    "Emma Whitlock, social worker", "YOS officer (Dean Marsh)". A determiner between them
    ("Isla, her mum Rachel") breaks the apposition, so the child is not taken for an adult."""
    def is_role(token):
        return token.lower_ in role_words or token.lower_ in ROLE_HEADS

    for doc in parsed.docs:
        tokens = [t for t in doc if t.text not in (",", "(", ")", "-", "\u2013")]
        for i, token in enumerate(tokens):
            if token.lower_ not in found.names:
                continue
            j = i + 1
            while j < len(tokens) and tokens[j].lower_ in found.names:
                j += 1
            after = tokens[j] if j < len(tokens) else None
            before = tokens[i - 1] if i else None
            if after is not None and is_role(after) and after.i - tokens[j - 1].i <= 2:
                found.adults.add(token.lower_)
            elif (before is not None and is_role(before) and token.i - before.i <= 2
                  and before.lower_ not in ("all", "team", "service", "services", "school")):
                found.adults.add(token.lower_)


def _children_from_text(parsed, found: People) -> None:
    blocks = parsed.blocks
    for block in blocks:
        doc = parsed.docs[block.index]
        for token in doc:
            if token.lower_ in found.names and token.i + 1 < len(doc):
                rest = doc.text[token.idx + len(token.text):].lstrip()
                # "Hamza Ali (6)": the age may follow the surname.
                if doc[token.i + 1].lower_ in found.names:
                    rest = doc.text[doc[token.i + 1].idx + len(doc[token.i + 1].text):].lstrip()
                m = AGE.match(rest)
                if m and (int(m.group(1)) < 18 or m.group(2).lower().startswith(("month", "week"))):
                    found.children.add(token.lower_)
    headings = [b for b in blocks if b.kind == "heading"]
    if headings:
        m = TITLE_POSSESSIVE.match(headings[0].text)
        if m and m.group(1).lower() not in found.adults and m.group(1).lower() not in found.roles | {"children", "child", "child's", "my", "our", "your"}:
            found.children.add(m.group(1).lower())
    for heading in headings:
        m = HEADING_CHILD.match(heading.text)
        name = m and (m.group(1) or m.group(3))
        if name and name.lower() in found.names and name.lower() not in found.adults:
            found.children.add(name.lower())
    for block in blocks[:4]:
        m = GREETING.match(block.text)
        if m and m.group(2).lower() not in found.adults:
            found.children.add(m.group(2).lower())
            found.names.add(m.group(2).lower())
            found.letter_to_child = True
