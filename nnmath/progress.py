"""A small progress bar on stderr: visible on a terminal, a few lines in a log."""

import sys
import time


class Progress:
    """Counts ``total`` items under a label; call ``update(done)`` often, it redraws rarely."""

    def __init__(self, total, label, stream=None, enabled=True):
        self.total = max(int(total), 1)
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = getattr(self.stream, "isatty", lambda: False)()
        self.start = time.perf_counter()
        self.last_draw = 0.0
        self.next_quarter = 0.25

    def update(self, done):
        if not self.enabled:
            return
        now = time.perf_counter()
        fraction = done / self.total
        if self.tty:
            if now - self.last_draw < 0.1 and done < self.total:
                return
            self.last_draw = now
            self._draw(done, now, end="\r")
        elif fraction >= self.next_quarter or done >= self.total:
            while self.next_quarter <= fraction:
                self.next_quarter += 0.25
            self._draw(done, now, end="\n")

    def close(self, done=None):
        if self.enabled and self.tty:
            self._draw(self.total if done is None else done, time.perf_counter(), end="\n")

    def _draw(self, done, now, end):
        width = 30
        filled = int(width * done / self.total)
        rate = done / max(now - self.start, 1e-9)
        bar = "#" * filled + "." * (width - filled)
        self.stream.write(f"{self.label} [{bar}] {done}/{self.total} {rate:,.0f}/s{end}")
        self.stream.flush()
