"""Rules as data: loading and validating the YAML files in rules/.

One file holds one rule. Every rule has the common header

    id: jargon-term            # short stable id used in config, output and `explain`
    name: jargon.care-words    # readable dotted name (config accepts either)
    category: jargon           # one of results.CATEGORIES
    severity: warning          # info | warning | error (config may override)
    kind: terms                # which check runs it (check/registry.py)
    message: "'{text}' is ..." # plain words; {text} {suggestion} and kind values fill it
    why: ...                   # the practice principle (DOMAIN.md)
    source: ...                # where the guidance comes from
    link: https://...          # optional
    quotes: skip               # skip (default): words inside quotation marks are someone's own
    examples:
      pass: ["I will contact the school."]
      fail: ["Contact with Dad is on Tuesday.", {text: "...", flagged: "Contact"}]

and keys of its kind, described in each kind's module docstring (check/kinds/).
A rule kind never sets its own severity or id: the engine stamps them on each hit.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml

from ..results import CATEGORIES, SEVERITIES

# libyaml's loader (shipped in PyYAML's wheels) reads the glossaries ten times faster,
# which is most of plainplan's start-up; the pure-Python one is the fallback.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str):
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader either way


COMMON_KEYS = {
    "id", "name", "category", "severity", "kind", "message", "why", "source", "link",
    "quotes", "examples", "description", "enabled", "modes",
}


class RuleError(Exception):
    """A rule file that cannot be used; the message names the file and key."""


@dataclass
class Rule:
    id: str
    name: str
    category: str
    severity: str
    kind: str
    message: str
    why: str = ""
    source: str = ""
    link: str = ""
    quotes: str = "skip"
    description: str = ""
    examples: dict = field(default_factory=lambda: {"pass": [], "fail": []})
    options: dict = field(default_factory=dict)   # the kind-specific keys
    path: str = ""
    enabled: bool = True
    modes: tuple = ("document", "template")        # where the rule runs

    def format_message(self, values: dict) -> str:
        try:
            return self.message.format_map(_Blank(values))
        except (ValueError, IndexError):
            return self.message

    @property
    def fail_examples(self) -> list:
        return [e if isinstance(e, dict) else {"text": e} for e in self.examples.get("fail", [])]

    @property
    def pass_examples(self) -> list:
        return [e if isinstance(e, dict) else {"text": e} for e in self.examples.get("pass", [])]


class _Blank(dict):
    """Missing template values read as empty, so one message serves hits with and without them."""

    def __missing__(self, key):
        return ""


def load_rule_file(path: Path, known_kinds: dict) -> Rule:
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RuleError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise RuleError(f"{path}: a rule file holds one mapping (id, category, kind, ...)")
    for key in ("id", "category", "severity", "kind", "message"):
        if key not in data:
            raise RuleError(f"{path}: missing key '{key}'")
    if data["category"] not in CATEGORIES:
        raise RuleError(f"{path}: category '{data['category']}' is not one of {', '.join(CATEGORIES)}")
    if data["severity"] not in SEVERITIES:
        raise RuleError(f"{path}: severity '{data['severity']}' is not one of {', '.join(SEVERITIES)}")
    kind = known_kinds.get(data["kind"])
    if kind is None:
        raise RuleError(f"{path}: kind '{data['kind']}' is not one of {', '.join(sorted(known_kinds))}")
    options = {k: v for k, v in data.items() if k not in COMMON_KEYS}
    allowed = set(getattr(kind, "OPTIONS", ()))
    unknown = sorted(set(options) - allowed)
    if unknown:
        raise RuleError(
            f"{path}: unknown key '{unknown[0]}' for kind '{data['kind']}'"
            f" (allowed: {', '.join(sorted(allowed)) or 'none'})"
        )
    examples = data.get("examples") or {}
    return Rule(
        id=str(data["id"]),
        name=str(data.get("name", data["id"])),
        category=data["category"],
        severity=data["severity"],
        kind=data["kind"],
        message=str(data["message"]).strip(),
        why=str(data.get("why", "")).strip(),
        source=str(data.get("source", "")).strip(),
        link=str(data.get("link", "")).strip(),
        quotes=data.get("quotes", "skip"),
        description=str(data.get("description", "")).strip(),
        examples={"pass": list(examples.get("pass") or []), "fail": list(examples.get("fail") or [])},
        options=options,
        path=str(path),
        enabled=bool(data.get("enabled", True)),
        modes=tuple(data.get("modes") or ("document", "template")),
    )


def load_rules(directories: list, known_kinds: dict) -> list:
    """All rules in the given directories; a later directory's rule replaces an earlier one with the same id."""
    by_id: dict = {}
    for directory in directories:
        for path in sorted(Path(directory).glob("*.yaml")):
            rule = load_rule_file(path, known_kinds)
            by_id[rule.id] = rule
    return sorted(by_id.values(), key=lambda r: (r.category, r.id))


def load_yaml(path: Path) -> Any:
    try:
        return parse_yaml(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuleError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        raise RuleError(f"{path}: not valid YAML: {exc}") from None


def find_rule(rules: list, key: str) -> Optional[Rule]:
    for rule in rules:
        if key in (rule.id, rule.name):
            return rule
    return None
