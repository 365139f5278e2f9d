"""Progress on stderr: a bar on a terminal, plain lines in a log or CI.

Shows documents done out of the total, errors, the rate and the time left. Never
writes to stdout, so the audit's own output stays clean.
"""
from __future__ import annotations

import sys
import time
from typing import Optional

PLAIN_EVERY_SECONDS = 5.0


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"


class Progress:
    def __init__(self, total: int, already: int = 0, stream=None, bar: Optional[bool] = None,
                 enabled: bool = True):
        self.stream = stream or sys.stderr
        self.total = total
        self.done = already
        self.errors = 0
        self.enabled = enabled
        self._counted = 0            # done in this run, for the rate
        self._start = time.monotonic()
        self._last_line = self._start
        isatty = getattr(self.stream, "isatty", lambda: False)
        self._bar = None
        if enabled and (bar if bar is not None else isatty()):
            import tqdm

            tqdm.tqdm.monitor_interval = 0   # no monitor thread: workers are forked from this process
            self._bar = tqdm.tqdm(total=total, initial=already, unit="doc", file=self.stream,
                                  dynamic_ncols=True, desc="audit", smoothing=0.1)

    def update(self, error: bool = False) -> None:
        self.done += 1
        self._counted += 1
        self.errors += bool(error)
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.set_postfix_str(f"{self.errors} error{'s' if self.errors != 1 else ''}", refresh=False)
            self._bar.update(1)
            return
        now = time.monotonic()
        if now - self._last_line >= PLAIN_EVERY_SECONDS or self.done == self.total:
            self._last_line = now
            self.stream.write(self.line() + "\n")
            self.stream.flush()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self._start, 1e-9)
        rate = self._counted / elapsed
        left = (self.total - self.done) / rate if rate > 0 else None
        parts = [f"audit: {self.done}/{self.total} documents", f"{self.errors} error{'s' if self.errors != 1 else ''}",
                 f"{rate:.1f} documents/s"]
        parts.append(f"about {_clock(left)} left" if left is not None and self.done < self.total
                     else f"{_clock(elapsed)} taken")
        return ", ".join(parts)

    def note(self, text: str) -> None:
        """A message that must not tear the bar."""
        if self._bar is not None:
            self._bar.write(text, file=self.stream)
        else:
            self.stream.write(text + "\n")
            self.stream.flush()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
