"""Read a document from a path: the one entry point for every format.

Errors a person can act on (a missing file, a folder, a file we cannot open, an
unsupported kind) become a ReadError naming the file; readers never see bad paths.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..document import Document, ReadError

WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt",)
SUFFIXES = WORD_SUFFIXES + MARKDOWN_SUFFIXES + TEXT_SUFFIXES
MAX_TEXT_BYTES = 50 * 1024 * 1024


def format_of(path: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in WORD_SUFFIXES:
        return "docx"
    if suffix in MARKDOWN_SUFFIXES:
        return "md"
    if suffix in TEXT_SUFFIXES:
        return "txt"
    if suffix == ".doc":
        return "doc"
    return "unknown"


def read_document(path: str) -> Document:
    from ..parse.placeholders import mark_placeholders

    document = _read(path)
    mark_placeholders(document)
    return document


def _read(path: str) -> Document:
    p = Path(path)
    fmt = format_of(path)
    if not p.exists():
        raise ReadError("not-found", f"{path}: no such file; check the path")
    if p.is_dir():
        raise ReadError("is-a-folder", f"{path}: is a folder; name a file, or use 'plainplan check FOLDER' to check every document in it")
    if fmt == "doc":
        raise ReadError("legacy-doc", f"{path}: is an old Word 97-2003 .doc file; open it in Word and save it as .docx")
    if fmt == "unknown":
        raise ReadError("unsupported", f"{path}: plainplan reads .docx, .md and .txt files; save it in one of those formats")
    if not os.access(p, os.R_OK):
        raise ReadError("unreadable", f"{path}: cannot be opened (permission denied); check who can read it")
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(path)
    size = p.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise ReadError("too-large", f"{path}: is {size // (1024 * 1024)} MB; plainplan reads text files up to {MAX_TEXT_BYTES // (1024 * 1024)} MB")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ReadError("unreadable", f"{path}: cannot be read ({exc.strerror}); check the file") from None
    if not data.strip():
        raise ReadError("empty", f"{path}: is empty; there is nothing to check")
    if fmt == "md":
        from .markdown import read_markdown

        return read_markdown(path, data)
    from .text import read_text

    return read_text(path, data)
