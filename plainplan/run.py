"""read -> parse -> check for one document: the pure function `check` and `audit` share.

A Session holds what is loaded once per process (config, rules, glossary, model,
matchers); `Session.check_path` turns a path into a finished FileResult and never
raises for a bad document: the error goes into the result.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Optional

from .check.engine import Checker
from .check.glossary import load_glossary
from .check.registry import kinds
from .check.rules import load_rules
from .config import Config
from .document import Document, ReadError
from .read import SUFFIXES, format_of, read_document
from .resources import glossary_dir, rules_dir
from .results import FileResult

# Problems with the installation, not the document: they must reach the user as themselves.
_FATAL = {"ModelMissing", "RuleError", "ConfigError"}

SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox"}


class Session:
    def __init__(self, config: Config, mode: Optional[str] = None):
        self.config = config
        self.mode = mode
        self.rules = load_rules([rules_dir(), *config.rules], kinds)
        self.glossary = load_glossary([glossary_dir()], config.glossary)
        self.checker = Checker(self.rules, self.glossary, config, nlp_loader=self._load_model)

    def _load_model(self):
        from .parse.nlp import load

        return load(self.config.model)

    def mode_for(self, path: str) -> str:
        return self.mode or self.config.mode_for(path)

    def check_document(self, document: Document) -> FileResult:
        from .parse import parse

        mode = self.mode_for(document.path)
        rules = self.checker.rules_for(document.path, mode)
        result = FileResult(path=document.path, format=document.format, warnings=list(document.warnings),
                            blocks=[b.to_json() for b in document.blocks])
        if not rules:
            result.stats = base_stats(document, None)
            return result
        nlp = self.checker.nlp
        parsed = parse(document, nlp)
        findings, goals, stats = self.checker.check(parsed, rules, mode)
        result.findings = findings
        result.goals = goals
        result.stats = {**base_stats(document, parsed), **stats}
        return result

    def check_path(self, path: str) -> FileResult:
        try:
            document = read_document(path)
            return self.check_document(document)
        except ReadError as exc:
            return FileResult(path=path, format=format_of(path), error=exc.to_json())
        except (MemoryError, RecursionError) as exc:
            return FileResult(path=path, format=format_of(path), error={
                "code": "too-complex",
                "message": f"{path}: too large or deeply nested to check ({type(exc).__name__}); split the document"})
        except Exception as exc:  # noqa: BLE001 - one bad document must never stop a batch
            if type(exc).__name__ in _FATAL:
                raise
            return FileResult(path=path, format=format_of(path), error={
                "code": "internal",
                "message": f"{path}: plainplan could not check this document ({type(exc).__name__}: {exc}); "
                           "please report it with the file's structure (not its content)"})


def base_stats(document: Document, parsed) -> dict:
    placeholders = sum(len(b.placeholders) for b in document.blocks)
    if parsed is None:
        words = sum(len(b.text.split()) for b in document.blocks)
        return {"blocks": len(document.blocks), "words": words, "placeholders": placeholders}
    words = sum(1 for doc in parsed.docs for t in doc if t.is_alpha or t.like_num)
    sentences = sum(1 for doc in parsed.docs for _ in doc.sents if doc.text.strip())
    return {"blocks": len(document.blocks), "words": words, "sentences": sentences, "placeholders": placeholders}


def expand_paths(paths: Iterable[str]) -> list:
    """Files named, and every document under folders named (recursively), in a stable order."""
    out = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    if is_document(name):
                        out.append(os.path.join(root, name))
        else:
            out.append(given)
    return out


def is_document(name: str) -> bool:
    lower = name.lower()
    # Word's lock files (~$plan.docx) and plainplan's own annotated copies are not case documents.
    if lower.startswith("~$") or lower.endswith(".plainplan.docx"):
        return False
    return lower.endswith(SUFFIXES)
