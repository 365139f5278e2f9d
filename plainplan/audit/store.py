"""The audit's results store: DIR/results.jsonl, one JSON object per finished document.

Each line is written, flushed and fsynced as its document finishes, so an audit that is
interrupted, killed or runs out of disk keeps everything it had. A line is
{"path", "key", "sha256", "settings", "result"}: `key` is the absolute path (so a resume
from another folder still matches), `sha256` the content that was checked and
`settings` a fingerprint of the rules and configuration it was checked with.
On resume the last line for a path wins and a torn last line (a write cut short) is
dropped, never an error.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Optional

RESULTS_NAME = "results.jsonl"
# Errors that say nothing about the document itself: a resume tries these again.
RETRY_CODES = ("worker-died", "worker-failed")


def content_hash(path: str) -> Optional[str]:
    """sha256 of a file's bytes; None when it cannot be read (the check will say why)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def key_of(path: str) -> str:
    return os.path.abspath(path)


class StoreError(Exception):
    """The store cannot be written (disk full, permissions): the audit stops, keeping what it had."""


class ResultStore:
    def __init__(self, folder: str):
        self.folder = Path(folder)
        self.path = self.folder / RESULTS_NAME
        self._handle = None

    def exists(self) -> bool:
        return self.path.is_file() and self.path.stat().st_size > 0

    def load(self) -> dict:
        """key -> the last complete record for it. Drops a torn last line from the file."""
        records: dict = {}
        if not self.path.is_file():
            return records
        data = self.path.read_bytes()
        complete = data.rfind(b"\n") + 1
        if complete < len(data):
            # A write cut short (killed, disk full): cut it off so the next line starts clean.
            with open(self.path, "r+b") as handle:
                handle.truncate(complete)
        for line in data[:complete].splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and isinstance(record.get("key"), str) and isinstance(record.get("result"), dict):
                records[record["key"]] = record
        return records

    def open(self, fresh: bool) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._handle = open(self.path, "wb" if fresh else "ab")
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot be written ({exc.strerror}); check the folder") from None

    def append(self, record: dict) -> None:
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        try:
            self._handle.write(line)
            self._handle.flush()
            os.fsync(self._handle.fileno())
        except OSError as exc:
            raise StoreError(f"{self.path}: could not save a result ({exc.strerror}); "
                             f"free some space and run the audit again with --resume") from None

    def close(self) -> None:
        if self._handle is not None:
            try:
                self._handle.close()
            except OSError:
                pass
            self._handle = None


def reusable(record: Optional[dict], sha256: Optional[str], settings: str) -> bool:
    """A stored result stands when the document and the settings are both unchanged."""
    if record is None or sha256 is None:
        return False
    if record.get("sha256") != sha256 or record.get("settings") != settings:
        return False
    error = record["result"].get("error") or {}
    return error.get("code") not in RETRY_CODES
