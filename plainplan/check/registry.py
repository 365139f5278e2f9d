"""The one place a rule kind is registered: its name in rule files -> its module.

Modules are imported only when a rule of that kind is loaded; none imports spaCy at
import time, so `plainplan rules` and `explain` stay fast.
"""
from __future__ import annotations

import importlib

KINDS = {
    "terms": "plainplan.check.kinds.terms",
    "pattern": "plainplan.check.kinds.pattern",
    "smart": "plainplan.check.kinds.smart",
    "child_voice": "plainplan.check.kinds.child_voice",
    "balance": "plainplan.check.kinds.balance",
    "readability": "plainplan.check.kinds.readability",
    "placeholder": "plainplan.check.kinds.placeholder",
    "template": "plainplan.check.kinds.template",
    "acronym": "plainplan.check.kinds.acronym",
    "plan_strengths": "plainplan.check.kinds.plan_strengths",
}


class _LazyKinds(dict):
    def __missing__(self, name):
        if name not in KINDS:
            raise KeyError(name)
        module = importlib.import_module(KINDS[name])
        self[name] = module
        return module

    def get(self, name, default=None):
        try:
            return self[name]
        except KeyError:
            return default

    def __iter__(self):
        return iter(KINDS)

    def __contains__(self, name):
        return name in KINDS


kinds = _LazyKinds()
