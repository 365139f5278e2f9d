"""Parse once: every block of a document through spaCy in one `nlp.pipe` call."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Document
from .quotes import quoted_spans


@dataclass
class ParsedDocument:
    document: Document
    docs: list                      # one spaCy Doc per block (same order)
    quotes: list                    # quoted character spans per block
    cache: dict = field(default_factory=dict)  # whole-document analyses shared by checks (sections, ...)

    @property
    def blocks(self) -> list:
        return self.document.blocks

    def sentence(self, block: int, start: int, end: int):
        """The sentence holding a span (or the block, if that is shorter)."""
        doc = self.docs[block]
        span = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
        if span is None or not len(span):
            return self.blocks[block].text
        return span[0].sent.text

    def in_quotes(self, block: int, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.quotes[block])


def parse(document: Document, nlp, batch_size: int = 64) -> ParsedDocument:
    texts = [b.text for b in document.blocks]
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    return ParsedDocument(document=document, docs=docs, quotes=[quoted_spans(t) for t in texts])
