"""Placeholders: the prompts and merge fields of templates, which are not anyone's words.

"[Child's name]", "<<FirstName>>", "«Surname»", "{{ child.name }}", "{name}", form blanks
("________") and Word's content-control prompt ("Click or tap here to enter text.") are
recognised in every document: never flagged as jargon or acronyms, and counted. The Word
reader also marks MERGEFIELD results and content controls showing their placeholder.
"""
from __future__ import annotations

import re

_PATTERNS = [
    # [Child's name], [DOB], [insert date] — but not [1], [sic], [a] or a checkbox [ ] / [x]
    r"\[(?!sic\])(?=[^\]\n]*[A-Za-z]{2})[^\[\]\n]{2,80}\]",
    r"<<[^<>\n]{1,80}>>",
    # «FirstName»: Word's mail-merge field; «with spaces» or «Интеррос» is a quotation
    r"\u00ab[A-Za-z_][A-Za-z0-9_.]{0,40}\u00bb",
    r"\{\{[^{}\n]{1,80}\}\}",
    r"\{%[^{}\n]{1,80}%\}",
    r"\{[A-Za-z_][\w .'\-]{0,40}\}",
    r"_{4,}",
    r"[Cc]lick (?:or tap )?here to enter (?:a )?(?:text|date)\.?",
    r"[Cc]lick (?:or tap )?to enter a date\.?",
    r"[Cc]hoose an item\.?",
]
_PLACEHOLDER = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))


def find_placeholders(text: str) -> list:
    return [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)]


def mark_placeholders(document) -> None:
    """Add text-pattern placeholders to what the reader already marked."""
    for block in document.blocks:
        found = set(block.placeholders) | set(find_placeholders(block.text))
        block.placeholders = tuple(sorted(found))


# A bracketed prompt of this many words or more is the template's own wording ("[Describe
# what Mum has done to keep Sam safe]"): it is counted as a placeholder but its words are
# checked, because prompts set the tone of every document written from them.
PROMPT_WORDS = 5


def is_field(text: str) -> bool:
    """A merge field or short prompt ("[DOB]", "<<FirstName>>") rather than prompt wording."""
    return len(re.findall(r"\w+", text)) < PROMPT_WORDS


def field_spans(block) -> list:
    return [(s, e) for s, e in block.placeholders if is_field(block.text[s:e])]


# Words that make bracketed text a prompt to fill in, rather than an editorial insertion
# ("he [Dad] hit me") or a note ("[name removed]").
_PROMPT_WORDS = re.compile(
    r"\b(insert|enter|add|type|describe|detail|details|list|write|record|explain|summari[sz]e|give|state|"
    r"name|names|date|dob|d\.o\.b|address|postcode|number|age|school|agency|role|who|when|what|how|why|"
    r"click|select|choose|tbc|x{2,})\b", re.I)


# Editors' notes in finished records: redactions and transcription marks.
_EDITORIAL = re.compile(r"\b(removed|redacted|withheld|deleted|anonymi[sz]ed|inaudible|unclear|illegible|"
                        r"translated|interpreted|sic|laughs|pause)\b", re.I)


def is_unfilled_prompt(text: str) -> bool:
    """A placeholder a finished document should not still hold.

    Merge fields and Word's own prompts always are; bracketed text is when it reads as a
    prompt; a form blank ("Signed: ______") is left for a pen.
    """
    if text.startswith("_"):
        return False
    if text.startswith("["):
        inner = text[1:-1]
        if _EDITORIAL.search(inner):
            return False
        return bool(_PROMPT_WORDS.search(inner)) or len(inner.split()) >= PROMPT_WORDS
    return True


def is_only_placeholders(text: str, spans) -> bool:
    """A cell or paragraph holding nothing but prompts (an unfilled row of a template)."""
    rest = list(text)
    for s, e in spans:
        rest[s:e] = [" "] * (e - s)
    return not re.search(r"\w", "".join(rest))
