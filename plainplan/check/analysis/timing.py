"""Is a piece of text time-bound? Dates in common UK forms, deadlines, frequencies,
triggers and "immediately" are; "ongoing", "ASAP" and "as required" are not."""
from __future__ import annotations

import re

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
_UNIT = r"(?:days?|weeks?|fortnights?|months?|hours?|terms?|years?)"
_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a|an|a few|a couple of)"
_EVENT = r"(?:review|meeting|conference|core group|visit|hearing|panel|end|start|beginning|close|half[- ]term|christmas|easter|summer|holidays?)"

PATTERNS = [
    ("date", rf"\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"),
    ("date", rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b{_MONTH}\s+\d{{4}}\b"),
    ("date", rf"\b(?:by|before|on|from|until|till|starting|after)\s+(?:the\s+)?(?:{_MONTH}|{_DAY})\b"),
    ("date", rf"\b{_DAY}\b"),
    ("date", r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm)\b|\b\d{1,2}[.:]\d{2}\b"),
    ("date", r"\b(?:today|tomorrow|tonight|this\s+(?:week|weekend|month|term|evening|afternoon|morning)|next\s+(?:week|weekend|month|term))\b"),
    ("deadline", rf"\bwithin\s+(?:the\s+)?(?:next\s+)?{_NUMBER}?\s*(?:working\s+)?{_UNIT}\b|\bin\s+{_NUMBER}\s+(?:working\s+)?{_UNIT}(?:'|\u2019)?\s*(?:time)?\b"),
    ("deadline", rf"\b(?:by|before|at|for)\s+(?:the\s+)?(?:next|first|end of the|end of|start of the|start of|following)\s+(?:\w+\s+)?{_EVENT}\b"),
    ("deadline", rf"\b(?:by|before|at)\s+(?:the\s+)?{_EVENT}\b|\bin\s+the\s+(?:\w+\s+)?holidays\b|\bend of (?:the\s+)?(?:week|month|term|year)\b"),
    ("frequency", r"\b(?:daily|weekly|fortnightly|monthly|termly|nightly|yearly|annually|quarterly|bi-weekly|twice-weekly)\b"),
    ("frequency", rf"\b(?:every|each)\s+(?:other\s+)?(?:{_NUMBER}\s+)?(?:{_UNIT}|{_DAY}|morning|afternoon|evening|night|weekend|weekday|week day|break time|lunchtime|school day|visit|session|time)\b"),
    ("frequency", rf"\b(?:once|twice|three times|four times|\d+\s+times)\s+(?:a|per|each|every)\s+\w+\b"),
    ("trigger", r"\bevery time\b|\bwhenever\b|\beach time\b|\bas soon as (?!possible)\w+"),
    ("immediately", r"\bimmediately\b|\bstraight away\b|\bright away\b|\bat once\b|\bwith immediate effect\b"),
]
_COMPILED = [(kind, re.compile(p, re.I)) for kind, p in PATTERNS]


def time_expressions(text: str) -> list:
    """(kind, matched text) for each time expression, in order."""
    found = []
    for kind, pattern in _COMPILED:
        for m in pattern.finditer(text):
            found.append((m.start(), kind, m.group(0)))
    return [(kind, text) for _, kind, text in sorted(found)]


def frequency_or_detail(text: str) -> bool:
    """A concrete when or how often in an action ("every Wednesday", "on Thursdays", "at 6pm")."""
    return any(kind in ("frequency", "date", "trigger") for kind, _ in time_expressions(text))
