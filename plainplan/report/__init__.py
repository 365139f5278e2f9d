"""Reporters: each takes the finished results and returns the text to write.

The one registry of output formats; `--format` and `-o` work the same for every one.
"""
from __future__ import annotations

import importlib

FORMATS = {
    "text": "plainplan.report.text",
    "json": "plainplan.report.json",
}


def render(fmt: str, results: list, **options) -> str:
    return importlib.import_module(FORMATS[fmt]).render(results, **options)
