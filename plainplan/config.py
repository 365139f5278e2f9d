"""Configuration: `.plainplan.yaml` or `[tool.plainplan]` in pyproject.toml.

Found from the working directory upward unless `--config` names a file. Every key is
checked: an unknown key or a bad value is an error naming the file, the key and what is
allowed, because a silently ignored setting is worse than none.
"""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml

from .check.rules import parse_yaml
from .results import SEVERITIES

CONFIG_NAMES = (".plainplan.yaml", ".plainplan.yml")

# The section names plan checks look for; `sections:` in config adds aliases.
SECTION_NAMES = ("child_views", "strengths", "worries", "plan", "analysis", "contingency", "involved")
MODES = ("document", "template")


class ConfigError(Exception):
    """A configuration that cannot be used. Exit code 2."""


@dataclass
class Config:
    path: Optional[str] = None
    select: list = field(default_factory=list)
    ignore: list = field(default_factory=list)
    severity: dict = field(default_factory=dict)
    glossary: list = field(default_factory=list)
    rules: list = field(default_factory=list)
    accept: list = field(default_factory=list)
    acronyms: dict = field(default_factory=lambda: {"allow": [], "define": {}})
    reading_age: float = 11.0
    max_sentence_words: int = 25
    balance_ratio: float = 3.0
    sections: dict = field(default_factory=dict)
    per_file_ignores: dict = field(default_factory=dict)
    fail_on: str = "warning"
    model: Optional[str] = None
    mode: str = "document"
    templates: list = field(default_factory=list)
    base_dir: str = "."

    # -- which rules run ---------------------------------------------------------
    def rule_selected(self, rule, path: Optional[str] = None) -> bool:
        keys = {rule.id, rule.name, rule.category}
        if self.select and not any(_matches(k, keys) for k in self.select):
            return False
        if any(_matches(k, keys) for k in self.ignore):
            return False
        if path is not None:
            for pattern, ignored in self.per_file_ignores.items():
                if self._glob(path, pattern) and any(_matches(k, keys) for k in ignored):
                    return False
        return True

    def severity_for(self, rule, default: str) -> str:
        for key in (rule.id, rule.name, rule.category):
            if key in self.severity:
                return self.severity[key]
        return default

    def mode_for(self, path: str) -> str:
        if any(self._glob(path, pattern) for pattern in self.templates):
            return "template"
        return self.mode

    def _glob(self, path: str, pattern: str) -> bool:
        p = Path(path)
        try:
            rel = p.resolve().relative_to(Path(self.base_dir).resolve()).as_posix()
        except ValueError:
            rel = p.as_posix()
        return fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(p.name, pattern) or fnmatch.fnmatch(p.as_posix(), pattern)

    def accepted(self, text: str) -> bool:
        low = " ".join(text.lower().split())
        return any(low == a.lower() or low.rstrip("s") == a.lower() for a in self.accept)


def _matches(key: str, keys: set) -> bool:
    # A dotted prefix selects a group of rules by name ("jargon" selects "jargon.care-words").
    return key in keys or any(k.startswith(key + ".") or k.startswith(key + "-") for k in keys)


def _str_list(name):
    def check(value, where):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
            raise ConfigError(f"{where}: '{name}' should be a list of words")
        return [str(v) for v in value]
    return check


def _number(name, low, high):
    def check(value, where):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            raise ConfigError(f"{where}: '{name}' should be a number from {low} to {high}, not {value!r}")
        return value
    return check


def _choice(name, allowed):
    def check(value, where):
        if value not in allowed:
            raise ConfigError(f"{where}: '{name}' is {value!r}; allowed: {', '.join(allowed)}")
        return value
    return check


def _severity_map(value, where):
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 'severity' should map rule ids or categories to info, warning or error")
    for key, level in value.items():
        if level not in SEVERITIES:
            raise ConfigError(f"{where}: severity of '{key}' is {level!r}; allowed: {', '.join(SEVERITIES)}")
    return {str(k): v for k, v in value.items()}


def _acronyms(value, where):
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 'acronyms' should be a mapping with 'allow' and/or 'define'")
    unknown = set(value) - {"allow", "define"}
    if unknown:
        raise ConfigError(f"{where}: unknown key 'acronyms.{sorted(unknown)[0]}'; allowed: allow, define")
    out = {"allow": _str_list("acronyms.allow")(value.get("allow", []), where), "define": {}}
    define = value.get("define") or {}
    if not isinstance(define, dict):
        raise ConfigError(f"{where}: 'acronyms.define' should map an acronym to its expansion")
    out["define"] = {str(k): str(v) for k, v in define.items()}
    return out


def _sections(value, where):
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 'sections' should map a section ({', '.join(SECTION_NAMES)}) to heading aliases")
    out = {}
    for key, aliases in value.items():
        if key not in SECTION_NAMES:
            raise ConfigError(f"{where}: unknown section 'sections.{key}'; allowed: {', '.join(SECTION_NAMES)}")
        out[key] = _str_list(f"sections.{key}")(aliases, where)
    return out


def _per_file(value, where):
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 'per_file_ignores' should map a file glob to rule ids or categories")
    return {str(k): _str_list(f"per_file_ignores.{k}")(v, where) for k, v in value.items()}


KEYS = {
    "extends": None,  # handled while loading
    "select": _str_list("select"),
    "ignore": _str_list("ignore"),
    "severity": _severity_map,
    "glossary": _str_list("glossary"),
    "rules": _str_list("rules"),
    "accept": _str_list("accept"),
    "acronyms": _acronyms,
    "reading_age": _number("reading_age", 5, 25),
    "max_sentence_words": _number("max_sentence_words", 5, 200),
    "balance_ratio": _number("balance_ratio", 1, 100),
    "sections": _sections,
    "per_file_ignores": _per_file,
    "fail_on": _choice("fail_on", SEVERITIES + ("never",)),
    "model": lambda v, w: str(v),
    "mode": _choice("mode", MODES),
    "templates": _str_list("templates"),
}
PATH_KEYS = ("glossary", "rules")


def find_config(start: Optional[str] = None) -> Optional[Path]:
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _pyproject_section(pyproject) is not None:
            return pyproject
    return None


def _pyproject_section(path: Path):
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return data.get("tool", {}).get("plainplan")


def _read(path: Path) -> dict:
    if not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    if path.name == "pyproject.toml":
        data = _pyproject_section(path) or {}
    else:
        try:
            data = parse_yaml(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: configuration should be a mapping of keys to values")
    return data


def _merge(base: dict, extra: dict) -> dict:
    out = dict(base)
    for key, value in extra.items():
        if key in ("select",):
            out[key] = value  # a narrower selection replaces the inherited one
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = out[key] + value
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _resolve(path: Path, seen: tuple = ()) -> dict:
    if path in seen:
        raise ConfigError(f"{path}: 'extends' makes a loop")
    data = _read(path)
    where = str(path)
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ConfigError(f"{where}: unknown key '{unknown[0]}'; allowed: {', '.join(sorted(KEYS))}")
    checked = {}
    for key, value in data.items():
        if key == "extends":
            continue
        checked[key] = KEYS[key](value, where)
        if key in PATH_KEYS:
            checked[key] = [str((path.parent / p).resolve()) for p in checked[key]]
    if "extends" in data:
        parent = (path.parent / str(data["extends"])).resolve()
        return _merge(_resolve(parent, seen + (path,)), checked)
    return checked


def load_config(explicit: Optional[str] = None, start: Optional[str] = None) -> Config:
    path = Path(explicit).resolve() if explicit else find_config(start)
    if path is None:
        return Config()
    values = _resolve(path)
    acronyms = values.pop("acronyms", None)
    config = Config(path=str(path), base_dir=str(path.parent), **values)
    if acronyms:
        config.acronyms = acronyms
    return config


def override(config: Config, **values: Any) -> Config:
    """Command-line options win over the file."""
    for key, value in values.items():
        if value in (None, (), []):
            continue
        if key in ("select", "ignore"):
            value = [v for item in value for v in str(item).split(",") if v]
        setattr(config, key, value)
    return config
