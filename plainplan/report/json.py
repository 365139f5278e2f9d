"""The JSON contract of DESIGN.md (schema_version 1)."""
from __future__ import annotations

import json

from ..results import report_json


def render(results: list, **_options) -> str:
    return json.dumps(report_json(results), indent=2, ensure_ascii=False) + "\n"
