"""Goals and actions, and their SMART+W verdicts.

A goal is a row of a plan table ("What needs to happen | Who | By when | How will we
know"), a list item under a plan heading, or a numbered action ("Action 1: ..."). Each is
judged with its whole row:

  S  specific: a concrete action, not engage / support / monitor / attend ... on its own
  M  measurable: a number or how often, an observable result, or a real "how will we know"
  A  achievable: no absolutes (never, at all times, "must stop"), not a pile of actions
  R  relevant: tied to the child or to a worry; attending a course is a means, not an end
  T  time-bound: a date, deadline, frequency, trigger or "immediately"; not "ongoing"/"ASAP"
  W  a named person: a name or a family member (Mum, Nan), not "professionals" or "school"

Sources: DOMAIN.md section 3 (Children's Commissioner 2024; Leeds and Manchester SMART
guidance; Horwath on parents "going through the motions").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ...parse.placeholders import is_only_placeholders
from . import cached, words
from .timing import frequency_or_detail, time_expressions

LETTERS = ("S", "M", "A", "R", "T", "W")
WHO_COLUMN = re.compile(r"\bwho\b|responsib|\blead\b|by whom|person|agency|owner", re.I)
WHEN_COLUMN = re.compile(r"\bwhen\b|timescale|time ?scale|time ?frame|\bdate\b|deadline|frequency|how often", re.I)
MEASURE_COLUMN = re.compile(r"\bhow\b.{0,25}\bknow\b|measur|evidence|success|what will be different|difference|progress|outcome", re.I)
ACTION_COLUMN = re.compile(r"\bwhat\b|action|task|goal|need|step|plan|intervention|support|activit|to do", re.I)
NUMBERED_ACTION = re.compile(r"^\s*(action|step|goal|task)\s*\d+\s*[:.)-]", re.I)
MARKERS = {"to", "must", "will", "shall", "should", "can", "need", "needs", "has", "have", "agreed", "agrees", "expected", "required"}
SUBJECT_FILLER = {"is", "are", "be", "expected", "required", "asked", "needs", "need", "has", "have", "agreed", "agrees", "was", "were", "will", "also"}
PRONOUNS_NAMED = {"i", "me", "you", "we", "us"}


@dataclass
class Goal:
    block: int
    text: str
    who: Optional[str] = None
    when: Optional[str] = None
    measure: Optional[str] = None
    source: str = "list"                     # table | list | numbered
    letters: dict = field(default_factory=dict)
    why: dict = field(default_factory=dict)

    @property
    def missing(self) -> list:
        return [k for k in LETTERS if not self.letters.get(k, True)]

    @property
    def smart(self) -> bool:
        return not self.missing

    def to_json(self, parsed) -> dict:
        block = parsed.blocks[self.block]
        return {
            "text": self.text, "smart": self.smart, "missing": self.missing, "who": self.who, "when": self.when,
            "location": block.location(0, len(block.text)), "how_will_we_know": self.measure,
            "source": self.source, "letters": dict(self.letters), "why": dict(self.why),
        }


def goals(parsed, ctx) -> list:
    return cached(parsed, "goals", lambda: _judge_all(parsed, ctx))


# -- finding goals --------------------------------------------------------------------

def _plan_tables(parsed) -> list:
    tables: dict = {}
    for block in parsed.blocks:
        if block.kind == "table-cell":
            tables.setdefault((block.part, block.table), []).append(block)
    out = []
    for cells in tables.values():
        rows: dict = {}
        for cell in cells:
            rows.setdefault(cell.row, {})[cell.col] = cell
        header_row = min(rows)
        header = rows[header_row]
        roles: dict = {}
        for col in sorted(header):
            text = header[col].text
            for role, pattern in (("who", WHO_COLUMN), ("when", WHEN_COLUMN), ("measure", MEASURE_COLUMN)):
                if role not in roles and pattern.search(text):
                    roles[role] = col
                    break
        used = set(roles.values())
        action = next((c for c in sorted(header) if c not in used and ACTION_COLUMN.search(header[c].text)), None)
        if action is None and 0 in header and 0 not in used:
            action = 0
        if action is None or not ({"who", "when"} & set(roles)):
            continue
        roles["action"] = action
        for row in sorted(rows):
            if row != header_row:
                out.append((roles, rows[row]))
    return out


def _found(parsed, ctx) -> list:
    from .sections import sections

    kinds = sections(parsed, ctx).kind_of
    found = []
    in_tables = set()
    for roles, row in _plan_tables(parsed):
        in_tables.update(c.index for c in row.values())
        cell = row.get(roles["action"])
        if cell is None or not _actionable(parsed, cell):
            continue
        text_of = lambda role: (row[roles[role]].text.strip() or None) if role in roles and roles[role] in row else None
        found.append(Goal(block=cell.index, text=cell.text, who=text_of("who"), when=text_of("when"),
                          measure=text_of("measure"), source="table"))
    for block in parsed.blocks:
        if block.index in in_tables or block.kind == "heading":
            continue
        if block.kind == "list-item" and kinds.get(block.index) == "plan" and not block.level:
            if _actionable(parsed, block) and _has_verb(parsed, block):
                found.append(Goal(block=block.index, text=block.text, source="list"))
        elif block.kind in ("paragraph", "list-item") and NUMBERED_ACTION.match(block.text):
            found.append(Goal(block=block.index, text=block.text, source="numbered"))
    found.sort(key=lambda g: g.block)
    return found


def _actionable(parsed, block) -> bool:
    text = block.text.strip()
    if not text or text.endswith("?") or len(text.split()) < 2:
        return False
    # Placeholders ("[enter action]") and whole quotations are not actions.
    if block.placeholders and is_only_placeholders(block.text, block.placeholders):
        return False
    return not any(s == 0 and e >= len(text) for s, e in parsed.quotes[block.index])


def _has_verb(parsed, block) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in parsed.docs[block.index])


# -- reading an action --------------------------------------------------------------

@dataclass
class Action:
    subject: list            # tokens of who does it
    verb: Optional[object]   # the action's verb token
    passive: bool
    agent: list              # "by the social worker"
    verbs: int               # how many separate actions


def read_action(doc) -> Action:
    tokens = [t for t in doc if not t.is_space]
    marker = None
    for i, t in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if t.lower_ == "to" and nxt is not None and (nxt.pos_ in ("VERB", "AUX") or nxt.tag_ == "VB"):
            marker = i
            break
        if t.tag_ == "MD" or (t.lower_ in MARKERS and t.lower_ != "to" and nxt is not None and nxt.lower_ == "to"):
            marker = i
            break
    subject, rest = [], tokens
    if marker is not None:
        subject = [t for t in tokens[:marker] if t.lower_ not in SUBJECT_FILLER and not t.is_punct]
        rest = tokens[marker + 1:]
    elif tokens and tokens[0].tag_ != "VB":
        root = next((t for t in tokens if t.dep_ == "ROOT"), None)
        subj = [c for c in (root.children if root is not None else []) if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            subject = list(subj[0].subtree)
            rest = [t for t in tokens if t.i > subj[0].right_edge.i]
    verb, passive = None, False
    for i, t in enumerate(rest):
        if t.lower_ in ("to", "not", "never", "also", "be", "been", "being", "is", "are", "will") or t.tag_ == "MD":
            if t.lower_ in ("be", "been", "being", "is", "are") and i + 1 < len(rest) and rest[i + 1].tag_ == "VBN":
                passive = True
            continue
        if t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB"):
            verb = t
        break
    if verb is not None and verb.lemma_ in ("continue", "keep", "start", "begin", "try") and verb.i + 1 < len(doc):
        nxt = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"]
        if nxt:
            verb = nxt[0]
    agent = []
    for t in doc:
        if t.dep_ == "agent":
            agent = list(t.subtree)[1:]
    # A pile of actions is one sentence asking for several things; later sentences of a goal
    # say more about it ("My next visit is on Monday") or give the child a choice.
    first = next(iter(doc.sents), doc[:])
    root_verbs = [t for t in first if t.pos_ == "VERB" and (t.dep_ == "ROOT" or (t.dep_ == "conj" and t.head.pos_ == "VERB"))]
    return Action(subject=subject, verb=verb, passive=passive, agent=agent, verbs=len(root_verbs))


# -- judging ------------------------------------------------------------------------

class Vocabulary:
    def __init__(self, ctx):
        self.vague_verbs = set(words(ctx, "smart", "vague_verbs"))
        self.vague_phrases = words(ctx, "smart", "vague_phrases")
        self.vague_measures = words(ctx, "smart", "vague_measures")
        self.absolutes = words(ctx, "smart", "absolutes")
        self.attendance_objects = set(words(ctx, "smart", "attendance_objects"))
        self.attendance_verbs = set(words(ctx, "smart", "attendance_verbs"))
        self.not_time = words(ctx, "smart", "not_time")
        self.unnamed = set(words(ctx, "smart", "unnamed"))
        self.family = set(words(ctx, "smart", "family"))


def _phrase_in(text: str, phrases) -> Optional[str]:
    low = " " + re.sub(r"[^\w%'\-/.]+", " ", text.lower()) + " "
    for p in phrases:
        if f" {p} " in low:
            return p
    return None


def _judge_all(parsed, ctx) -> list:
    vocab = Vocabulary(ctx)
    found = _found(parsed, ctx)
    topics = _worry_topics(parsed, ctx)
    from .people import people

    who = people(parsed, ctx)
    for goal in found:
        _judge(parsed, goal, vocab, who, topics)
    return found


def named(tokens, vocab, who) -> bool:
    for t in tokens:
        low = t.lower_
        if low in vocab.family or low in PRONOUNS_NAMED - {"we", "us"} or who.name_like(t):
            return True
    return False


def _judge(parsed, goal: Goal, vocab, who, topics) -> None:
    doc = parsed.docs[goal.block]
    action = read_action(doc)
    text = goal.text
    L, why = goal.letters, goal.why
    details = frequency_or_detail(text)

    # S
    vague = _phrase_in(text, vocab.vague_phrases)
    verb = action.verb.lemma_.lower() if action.verb is not None else None
    if vague:
        L["S"], why["S"] = False, f"'{vague}' does not say what will actually be done"
    elif verb in vocab.vague_verbs and not details:
        L["S"], why["S"] = False, (f"'{action.verb.text}' on its own does not say what will actually be done: "
                                   f"say what, where and how often")
    else:
        L["S"] = True

    # M
    if goal.measure and not _phrase_in(goal.measure, ["n/a", "tbc", "none"]):
        loose = _phrase_in(goal.measure, vocab.vague_measures)
        L["M"] = not loose
        if loose:
            why["M"] = f"'{goal.measure}' is an impression, not something anyone can see or count"
    else:
        L["M"] = bool(details or re.search(r"\b\d+\s*(%|per cent|times|sessions|visits|nights|days)", text) or L["S"])
        if not L["M"]:
            why["M"] = "nothing says how everyone will know it has worked: add how often, a number, or what the child will notice"

    # A
    low = text.lower()
    absolute = _phrase_in(text, vocab.absolutes)
    stop = re.search(r"\bmust not\b|\bmust never\b|\b(must|to|will)\s+(immediately\s+)?(stop|cease)\b", low)
    if absolute or stop:
        said = absolute or stop.group(0)
        L["A"], why["A"] = False, (f"'{said}' asks for a complete change at once: say what help the person will have "
                                   f"and what a first step looks like")
    elif action.verbs >= 3:
        L["A"], why["A"] = False, f"it puts {action.verbs} actions in one: give each its own line"
    else:
        L["A"] = True

    # R
    L["R"] = True
    row_text = " ".join(x for x in (text, goal.measure or "") if x)
    mentions_child = any(n in who.children for n in re.findall(r"[a-z]+", row_text.lower())) or re.search(
        r"\b(child|children|baby|young person|you|your)\b", row_text.lower())
    if not mentions_child and verb in vocab.attendance_verbs:
        objects = {t.lower_ for t in doc if t.pos_ in ("NOUN", "PROPN")} & vocab.attendance_objects
        row_topics = _lemmas(doc)
        if objects and topics and not (row_topics - objects) & topics:
            L["R"], why["R"] = False, ("going to a course is a means, not an end: say which worry it is for and what "
                                       "will be different for the child")

    # T
    when_text = goal.when or ""
    timed = time_expressions(when_text) or time_expressions(text)
    L["T"] = bool(timed)
    if not timed:
        loose = _phrase_in(when_text, vocab.not_time) if when_text else None
        why["T"] = (f"'{goal.when}' is not a timescale: give a date, a deadline or how often" if goal.when
                    else "there is no date, deadline or how often")
        if loose is None and goal.when:
            why["T"] = f"'{goal.when}' is not a date, a deadline or how often"
    elif not goal.when:
        goal.when = timed[0][1]

    # W
    if goal.who is not None:
        cell = _cell_doc(parsed, goal)
        L["W"] = named(cell, vocab, who) if cell is not None else False
        if not L["W"]:
            why["W"] = f"'{goal.who}' is not a named person: name who will do it"
    else:
        people_tokens = action.agent if action.passive else action.subject
        if not any(t.lower_ in vocab.unnamed or t.pos_ in ("PROPN", "PRON") or t.lower_ in vocab.family
                   for t in people_tokens):
            people_tokens = []  # "Placement to continue": a thing, not a person, is the subject
        L["W"] = named(people_tokens, vocab, who)
        if people_tokens:
            goal.who = " ".join(t.text for t in people_tokens).replace(" ,", ",").replace(" 's", "'s").strip(" ,")
        if not L["W"]:
            why["W"] = (f"'{goal.who}' is not a named person: name who will do it" if goal.who
                        else "no one is named to do it")


def _cell_doc(parsed, goal):
    block = parsed.blocks[goal.block]
    for other in parsed.blocks:
        if (other.kind == "table-cell" and other.table == block.table and other.part == block.part
                and other.row == block.row and other.text.strip() == goal.who):
            return parsed.docs[other.index]
    return None


STOP_TOPICS = {"will", "need", "plan", "time", "week", "day", "month", "thing", "way", "good", "well", "be", "have",
               "do", "make", "get", "go", "take", "see", "help", "support", "work", "attend"}


def _lemmas(doc) -> set:
    return {t.lemma_.lower() for t in doc if t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB") and not t.is_stop
            and t.lemma_.lower() not in STOP_TOPICS}


def _worry_topics(parsed, ctx) -> set:
    """Words of the document's worries: the sentences judged worries and the worries sections."""
    from .balance import judgements

    topics = set()
    for j in judgements(parsed, ctx):
        if j.side == "worry":
            topics |= _lemmas(parsed.docs[j.block].char_span(j.start, j.end, alignment_mode="expand") or [])
    return topics
