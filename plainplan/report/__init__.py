"""Reporters: each takes the finished results and returns the text to write.

The one registry of output formats; `--format` and `-o` work the same for every one.
"""
from __future__ import annotations

import importlib

FORMATS = {
    "text": "plainplan.report.text",
    "json": "plainplan.report.json",
    "sarif": "plainplan.report.sarif",
    "github": "plainplan.report.github",
    "html": "plainplan.report.html",
}


def render(fmt: str, results: list, **options) -> str:
    return importlib.import_module(FORMATS[fmt]).render(results, **options)


def render_files(fmt: str, results: list, output: str, **options) -> dict:
    """{path: text} for `-o OUTPUT`: one file, or several where a format writes one per document."""
    module = importlib.import_module(FORMATS[fmt])
    if hasattr(module, "render_files"):
        return module.render_files(results, output, **options)
    return {output: module.render(results, **options)}
