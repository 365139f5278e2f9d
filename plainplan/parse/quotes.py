"""Find the parts of a block inside quotation marks: someone's own words.

A child's quoted words are evidence of their voice, never a fault to correct, so rules
skip them unless they say otherwise. Single quotes double as apostrophes ("don't",
"parents' house"), so a single quote opens only at the start of a word and closes only
at the end of one.
"""
from __future__ import annotations

import re

DOUBLE_OPEN = {'"': '"', "\u201c": "\u201d", "\u201e": "\u201d", "\u00ab": "\u00bb"}
SINGLE_OPEN = {"'": "'", "\u2018": "\u2019"}
_WORD = re.compile(r"\w")


def quoted_spans(text: str) -> list:
    """(start, end) character ranges of quoted text, quotation marks included."""
    spans = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < n else " "
        opens_double = ch in DOUBLE_OPEN and not _WORD.match(before) and after != " "
        opens_single = ch in SINGLE_OPEN and not _WORD.match(before) and _WORD.match(after)
        if opens_double or opens_single:
            close = _find_close(text, i + 1, (DOUBLE_OPEN if opens_double else SINGLE_OPEN)[ch], opens_single)
            if close is None:
                # Typographic convention: a quotation running on past the paragraph has no
                # closing mark, so a curly opening quote with no close runs to the end.
                if ch == "\u201c":
                    spans.append((i, n))
                    break
                i += 1
                continue
            spans.append((i, close + 1))
            i = close + 1
            continue
        i += 1
    return spans


def _find_close(text: str, start: int, closer: str, single: bool):
    limit = min(len(text), start + 2000)
    for j in range(start, limit):
        if text[j] != closer:
            continue
        after = text[j + 1] if j + 1 < len(text) else " "
        if single and (_WORD.match(after) or text[j - 1].isspace()):
            continue  # an apostrophe inside a word
        if not single and closer == '"' and text[j - 1].isspace() and _WORD.match(after):
            continue  # this straight quote opens the next quotation
        return j
    return None


def inside(spans: list, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)
