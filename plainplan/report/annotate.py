"""The annotated Word copy (`plainplan check plan.docx --annotate`).

Writes NAME.plainplan.docx beside the original (or into --out DIR) with a Word comment
on each finding, like a supervisor's review. The original is never touched and an
existing copy is only replaced with --force.
"""
from __future__ import annotations

import os
from pathlib import Path

SUFFIX = ".plainplan.docx"


class AnnotateError(Exception):
    """An annotated copy that cannot be written; the message names the file and what to do."""


def annotated_path(path: str, out_dir=None) -> str:
    p = Path(path)
    name = p.name[: -len(p.suffix)] + SUFFIX if p.suffix else p.name + SUFFIX
    return str(Path(out_dir) / name if out_dir else p.with_name(name))


def annotation_targets(paths: list, out_dir=None, force: bool = False) -> dict:
    """{document path: annotated copy path} for the Word documents among `paths`.

    Checked before any document is read, so a run never does the work and then refuses
    to write it: an existing copy without --force, or two documents that would write the
    same copy in --out, is an error naming the files.
    """
    from ..read import format_of

    targets, seen = {}, {}
    for path in paths:
        if format_of(path) != "docx":
            continue
        target = annotated_path(path, out_dir)
        key = os.path.normcase(os.path.abspath(target))
        if key in seen:
            raise AnnotateError(f"{seen[key]} and {path} would both be annotated as {target}; "
                                "annotate them separately or without --out")
        seen[key] = path
        if os.path.exists(target) and not force:
            raise AnnotateError(f"{target} already exists; use --force to replace it")
        targets[path] = target
    return targets


def annotate(result, target: str, suggest: bool = False) -> None:
    raise AnnotateError(f"{result.path}: Word comments are not available yet (the Word reader is being finished)")
