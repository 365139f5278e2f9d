"""Where the shipped rules/ and glossary/ folders are.

In a wheel they are installed inside the package (pyproject force-includes them);
in a source checkout or editable install they sit at the top of the repository.
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"plainplan's {name}/ folder is missing from the installation; reinstall plainplan")


def rules_dir() -> Path:
    return data_dir("rules")


def glossary_dir() -> Path:
    return data_dir("glossary")
