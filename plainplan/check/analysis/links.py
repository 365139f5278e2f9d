"""Which worries each goal answers and which strengths it builds on.

A goal (its whole plan-table row) and a worry or strength are linked when they share:

  a subject    a noun that is not generic ("mural", "hospital"), or a subject of
               glossary/plan-links.yaml met in other words ("missed 40% of school" and
               "support Maddie's attendance"; "wetting the bed" and "fewer wet nights")
  a person     of the family network: someone named beside a network word anywhere in
               the document ("Morag, Isla's gran", "her friend Ruby", "Pat Jones (Nan)" in
               the plan's own Who column) or the network word itself ("with help from Nan")
  a cue        the goal says it builds on something ("as Mum already does", "building on")

A parent or the child is in almost every sentence, so sharing them links nothing: a goal
for Mum is not, by itself, a goal that builds on Mum's strengths. People and role words
are therefore never subjects.

Worries and strengths are the sentences analysis/balance.py sorted (negation and
hypotheticals already handled there). A list item or table cell is one worry or strength;
in a paragraph each sentence is one, with a sentence that carries on the one before ("He
checks her phone...", "Since then...") joined to it.

Linking is a few set intersections per goal over the parse already made.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from . import cached, words
from .context import Modifiers, modifier_of
from .people import CALENDAR, HONORIFICS

GLOSSARY = "plan-links"
# A sentence opening with one of these carries on the worry or strength before it.
CARRIES_ON = {"he", "she", "they", "it", "this", "that", "these", "those", "his", "her", "their", "since",
              "also", "there", "then", "both", "each"}
# Where a proper noun stands for who does or owns something, not what it is about.
PERSON_DEPS = {"nsubj", "nsubjpass", "npadvmod", "poss", "appos", "dative", "vocative"}
WHEN_PREPOSITIONS = {"after", "before", "until", "till", "during"}
HYPHENS = {"-", "\u2013", "\u2011"}
# Between a person's name and their network word: "Morag, Isla's gran", "Sana (aunt)".
LEFT_FILLERS = {"her", "his", "their", "my", "your", "our", "the", "a", "an"}
RIGHT_FILLERS = {",", "(", ":", "-", "\u2013", "called", "named", "is", "was"} | HONORIFICS | {"mr.", "mrs.", "ms.", "dr."}


@dataclass
class Item:
    """A worry or a strength: one or more sentences of one block."""
    block: int
    start: int
    end: int
    side: str                       # "worry" | "strength"
    section: Optional[str]          # the kind of section it is in (None outside one)
    cued: bool                      # a cue word said which side it is (not only its section)
    listed: bool = False            # a list item or table cell: the writer listed it as one
    subjects: frozenset = frozenset()  # its words (below) and the glossary subjects they belong to
    words: frozenset = frozenset()     # its nouns and glossary subject words, as lemmas
    names: frozenset = frozenset()     # lower-case names it mentions

    def text(self, parsed) -> str:
        return parsed.blocks[self.block].text[self.start:self.end].strip()


@dataclass
class GoalLinks:
    worries: list = field(default_factory=list)     # Items
    strengths: list = field(default_factory=list)   # Items
    people: list = field(default_factory=list)      # network people it draws on, as shown ("Morag (gran)")
    cues: list = field(default_factory=list)        # its own words saying it builds on something

    @property
    def builds_on_strengths(self) -> bool:
        return bool(self.strengths or self.people or self.cues)

    def to_json(self, parsed) -> dict:
        return {"worries": [w.text(parsed) for w in self.worries],
                "strengths": [s.text(parsed) for s in self.strengths] + self.people + self.cues}


@dataclass
class Links:
    goals: list                 # GoalLinks, in the order of analysis.goals.goals()
    worries: list               # Items
    strengths: list             # Items
    network: dict               # lower-case name -> its network word ("morag" -> "gran")

    @property
    def builds_on_strengths(self) -> bool:
        return any(g.builds_on_strengths for g in self.goals)

    def unanswered(self) -> list:
        """Worries of a worries section that no goal answers. A sentence of a paragraph
        there with no worry cue of its own ("The social worker visited on 3 March") is
        background, not a worry to plan for; a list item there is one the writer listed."""
        answered = {id(w) for g in self.goals for w in g.worries}
        return [w for w in self.worries if w.section == "worries" and id(w) not in answered
                and (w.cued or w.listed)]


def links(parsed, ctx) -> Links:
    return cached(parsed, "plan-links", lambda: _link(parsed, ctx))


# -- the words --------------------------------------------------------------------------

class Vocabulary:
    def __init__(self, ctx):
        self.generic = set(words(ctx, GLOSSARY, "generic"))
        self.network = _phrase_table((w, w) for w in words(ctx, GLOSSARY, "network"))
        self.named_only = set(words(ctx, GLOSSARY, "named_only"))
        self.cues = _phrase_table((c, c) for c in words(ctx, GLOSSARY, "cues"))
        self.subject_of: dict = {}      # a subject word -> the subjects it belongs to ("~school")
        for entry in ctx.glossary.entries(GLOSSARY, "subjects"):
            if isinstance(entry, dict) and entry.get("subject"):
                for w in entry.get("words") or []:
                    self.subject_of.setdefault(str(w).lower(), set()).add("~" + str(entry["subject"]))
        self.subjects = _phrase_table((w, w) for w in self.subject_of)
        self.modifiers = Modifiers(ctx, GLOSSARY)


def _phrase_table(pairs) -> dict:
    """first word -> [(phrase words, value)], longest first."""
    table: dict = {}
    for phrase, value in pairs:
        # The parser splits "grown-up" into three tokens; hyphens are skipped when matching.
        key = tuple(re.split(r"[\s\-\u2013]+", str(phrase).lower().strip(" -")))
        if key:
            table.setdefault(key[0], []).append((key, value))
    for entries in table.values():
        entries.sort(key=lambda e: -len(e[0]))
    return table


def _matches(tokens, i: int, table: dict) -> list:
    """(phrase length, value) of every phrase of the table starting at token i (as written or lemma)."""
    lower = tokens[i].lower_
    lemma = tokens[i].lemma_.lower()
    out = []
    for key in {lower, lemma}:
        for phrase, value in table.get(key, ()):
            j = _match_at(tokens, i, phrase)
            if j:
                out.append((j - i, value))
    return out


def _match_at(tokens, i: int, phrase: tuple) -> int:
    """The token index after `phrase` matched from token i (0 if it does not match)."""
    j = i
    for k, word in enumerate(phrase):
        while k and j < len(tokens) and tokens[j].text in HYPHENS:
            j += 1
        if j >= len(tokens) or word not in (tokens[j].lower_, tokens[j].lemma_.lower()):
            return 0
        j += 1
    return j


# -- building the links -------------------------------------------------------------------

def _link(parsed, ctx) -> Links:
    from .balance import judgements
    from .goals import goals
    from .people import people
    from .sections import sections

    vocab = cached(parsed, "plan-links-vocabulary", lambda: Vocabulary(ctx))
    who = people(parsed, ctx)
    kinds = sections(parsed, ctx).kind_of
    network = _network(parsed, vocab, who)
    worry_cues = set(words(ctx, "strengths-worries", "worry_cues"))
    items = [_describe(parsed, item, vocab, who)
             for item in _items(parsed, judgements(parsed, ctx), kinds, worry_cues)]
    worries = [i for i in items if i.side == "worry"]
    strengths = [i for i in items if i.side == "strength"]
    rows = _rows(parsed)
    found = []
    for goal in goals(parsed, ctx):
        block = parsed.blocks[goal.block]
        cells = rows.get((block.part, block.table, block.row), [goal.block]) if goal.source == "table" else [goal.block]
        docs = [parsed.docs[i] for i in cells]
        said_by_cell = [_words(list(parsed.docs[i]), vocab, who) for i in cells]
        said = set().union(*said_by_cell)
        subjects = said | set().union(*(vocab.subject_of.get(w, ()) for w in said))
        # The Who cell names who does it ("Mrs Reid (head teacher)"), not what the goal is about.
        done = set().union(*(w for i, w in zip(cells, said_by_cell)
                             if i == goal.block or parsed.blocks[i].text.strip() != (goal.who or "")))
        names = {t.lower_ for doc in docs for t in doc if t.lower_ in who.names}
        people_here, drawn_names = _people(docs, vocab, who, network)
        cues = _cues(docs, vocab)
        linked = GoalLinks(people=people_here, cues=cues)
        # A worry is answered in other words ("missed school" - "attendance"); a strength is
        # built on in the same words: "doing well at school" is not built on by "attend school".
        linked.worries = [w for w in worries if w.subjects & subjects]
        linked.strengths = [s for s in strengths if s.words & done or s.names & drawn_names
                            or (cues and s.names & names)]
        found.append(linked)
    return Links(goals=found, worries=worries, strengths=strengths, network=network)


def _rows(parsed) -> dict:
    rows: dict = {}
    for block in parsed.blocks:
        if block.kind == "table-cell":
            rows.setdefault((block.part, block.table, block.row), []).append(block.index)
    return rows


def _items(parsed, judged, kinds, worry_cues: set) -> list:
    """Group the sorted sentences into worries and strengths (see the module docstring)."""
    out: list = []

    def cued(j) -> bool:
        # In a worries section a reassurance ("Grown-ups keep children safe") carries only a
        # strength's cue: it is not a worry anyone has to plan for.
        if j.side != "worry":
            return bool(j.cues)
        return any(c in worry_cues or c.startswith("not ") for c in j.cues)

    for j in judged:
        block = parsed.blocks[j.block]
        last = out[-1] if out else None
        if last is not None and last.block == j.block and last.side == j.side:
            first_word = block.text[j.start:j.end].split(maxsplit=1)
            carries_on = bool(first_word) and first_word[0].lower().strip(",") in CARRIES_ON
            if block.kind in ("list-item", "table-cell") or carries_on:
                last.end = j.end
                last.cued = last.cued or cued(j)
                continue
        out.append(Item(block=j.block, start=j.start, end=j.end, side=j.side, section=kinds.get(j.block),
                        cued=cued(j), listed=block.kind in ("list-item", "table-cell")))
    return out


def _describe(parsed, item: Item, vocab, who) -> Item:
    doc = parsed.docs[item.block]
    span = doc.char_span(item.start, item.end, alignment_mode="expand")
    tokens = list(span) if span is not None else []
    item.words = frozenset(_words(tokens, vocab, who))
    item.subjects = item.words | frozenset().union(*(vocab.subject_of.get(w, ()) for w in item.words))
    item.names = frozenset(t.lower_ for t in tokens if t.lower_ in who.names and t.lower_ not in who.children)
    return item


def _words(tokens: list, vocab, who) -> set:
    """What some words are about: the glossary's subject words met, and the nouns that are
    not generic, not names, not people's roles and not dates (lemmas)."""
    out = set()
    for i, t in enumerate(tokens):
        if t.dep_ == "pobj" and t.head.lower_ in WHEN_PREPOSITIONS:
            continue   # "after school", "before bedtime": when, not what
        for _, phrase in _matches(tokens, i, vocab.subjects):
            out.add(phrase)
        if t.pos_ not in ("NOUN", "PROPN") or not t.is_alpha or len(t.text) < 3 or t.is_stop:
            continue
        lemma, low = t.lemma_.lower(), t.lower_
        if ({lemma, low} & (vocab.generic | who.roles) or low in who.names or low in CALENDAR
                or low.rstrip(".") in HONORIFICS or _matches(tokens, i, vocab.network)):
            continue
        if t.pos_ == "PROPN" and t.dep_ in PERSON_DEPS and who.name_like(t):
            continue   # a name the people analysis did not confirm ("Leo to attend school")
        out.add(lemma)
    return out


def _network(parsed, vocab, who) -> dict:
    """Names set beside a network word: "sister, Sana", "Morag, Isla's gran", "Pat Jones (Nan)"."""
    found: dict = {}

    def is_name(token):
        return token.lower_ in who.names and token.lower_ not in who.children and token.lower_ not in who.roles

    def run_of_names(tokens, j, step):
        names = []
        while 0 <= j < len(tokens) and is_name(tokens[j]):
            names.append(tokens[j].lower_)
            j += step
        return names

    for doc in parsed.docs:
        tokens = list(doc)
        i = 0
        while i < len(tokens):
            hits = _matches(tokens, i, vocab.network)
            if not hits:
                i += 1
                continue
            n, role = max(hits)
            # To the right: "sister, Sana", "friend called Kofi", "Nan (Pat Jones)".
            j = i + n
            while j < len(tokens) and tokens[j].lower_ in RIGHT_FILLERS:
                j += 1
            names = run_of_names(tokens, j, 1)
            # To the left, across a comma or bracket: "Sana (aunt)", "Morag, Isla's gran", "Ruby, her best friend".
            j = i - 1
            while j >= 0 and (tokens[j].lower_ in LEFT_FILLERS or tokens[j].pos_ == "ADJ"):
                j -= 1
            if j >= 1 and tokens[j].lower_ in ("'s", "\u2019s"):
                j -= 2                                   # a possessor: "Isla's gran" is not Isla
                while j >= 0 and is_name(tokens[j]):
                    j -= 1
            if not names and j >= 0 and tokens[j].text in (",", "("):
                names = run_of_names(tokens, j - 1, -1)[::-1]
            # "Morag Fraser (Gran)": the first name, not a surname the parents may share.
            if names:
                found.setdefault(names[0], role)
            i += n
    return found


def _people(docs, vocab, who, network) -> tuple:
    """The network people a goal's row draws on, as shown, and their names (lower case).
    A network word the row turns away from ("stop seeing his friends") does not count."""
    shown, names = [], set()
    for doc in docs:
        tokens = list(doc)
        scopes = [s for sent in doc.sents for s in vocab.modifiers.scopes(sent)]
        i = 0
        while i < len(tokens):
            t = tokens[i]
            if modifier_of(t.i, scopes) is not None:
                i += 1
                continue
            low = t.lower_
            if low in network and low not in names:
                names.add(low)
                shown.append(f"{t.text} ({network[low]})")
            hits = _matches(tokens, i, vocab.network)
            if hits:
                n, role = max(hits)
                beside = [x for x in tokens[max(0, i - 3):i + n + 3] if x.lower_ in network]
                if role not in vocab.named_only and not beside and not any(role == s.lower() for s in shown):
                    shown.append(" ".join(x.text for x in tokens[i:i + n]))
                i += n
                continue
            i += 1
    return shown, names


def _cues(docs, vocab) -> list:
    """The goal's own words saying it builds on what already works: "as Mum already does"."""
    out = []
    for doc in docs:
        tokens = list(doc)
        for i in range(len(tokens)):
            hits = _matches(tokens, i, vocab.cues)
            if hits:
                n, _ = max(hits)
                start = i
                for back in range(i - 1, max(-1, i - 4), -1):
                    if tokens[back].lower_ in ("as", "like"):
                        start = back
                        break
                end = i + n
                while end < len(tokens) and not tokens[end].is_punct and end - i < 8:
                    end += 1
                out.append(doc[start:end].text)
                break
    return out
