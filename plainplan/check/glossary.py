"""Glossaries: the term lists rules draw on (glossary/*.yaml, plus a team's own files).

A glossary file is

    glossary: jargon          # the list it adds to (default: the file name)
    sources:                  # short keys entries use in `source`
      tact: {title: "TACT, Language That Cares (2019)", link: "https://..."}
    terms: [...]              # entries; what keys an entry has depends on the list
    acronyms: [...]           # (acronym list) entries
    allow: [GP, NHS]          # (acronym list) known to everyone; never flagged

Several files may add to the same list; a team points its config at extra files
instead of editing the shipped ones.
"""
from __future__ import annotations

from pathlib import Path

from .rules import RuleError, load_yaml

LIST_KEYS = ("terms", "acronyms", "allow", "cues")


class Glossary:
    def __init__(self):
        self.lists: dict = {}
        self.sources: dict = {}
        self.files: list = []

    def entries(self, name: str, key: str = "terms") -> list:
        return self.lists.get(name, {}).get(key, [])

    def add_file(self, path: Path) -> None:
        data = load_yaml(path)
        if not isinstance(data, dict):
            raise RuleError(f"{path}: a glossary file holds a mapping (glossary, sources, terms, ...)")
        name = str(data.get("glossary") or Path(path).stem)
        target = self.lists.setdefault(name, {})
        for key, value in data.items():
            if key in ("glossary", "description"):
                continue
            if key == "sources":
                self.sources.update(value or {})
                continue
            if not isinstance(value, list):
                raise RuleError(f"{path}: '{key}' should be a list")
            for entry in value:
                if isinstance(entry, dict):
                    entry.setdefault("_file", str(path))
            target.setdefault(key, []).extend(value)
        self.files.append(str(path))

    def source_title(self, key) -> str:
        if not key:
            return ""
        found = self.sources.get(key)
        if isinstance(found, dict):
            return found.get("title", str(key))
        return str(found or key)


def load_glossary(directories: list, extra_files: list = ()) -> Glossary:
    glossary = Glossary()
    for directory in directories:
        for path in sorted(Path(directory).glob("*.yaml")):
            glossary.add_file(path)
    for path in extra_files:
        glossary.add_file(Path(path))
    return glossary
