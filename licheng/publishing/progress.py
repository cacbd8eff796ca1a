"""Progress of a render: one line per report (queued, executing cell i/n,
exporting, done or failed), redrawn in place on a terminal and printed as
plain log lines elsewhere (CI logs, cron mail)."""
from __future__ import annotations

import sys
import threading
import time


class Progress:
    def __init__(self, names, *, stream=None, live: bool | None = None):
        self.stream = stream or sys.stdout
        self.live = self.stream.isatty() if live is None else live
        self.names = list(names)
        self.width = max((len(n) for n in self.names), default=0)
        self.states = {n: "queued" for n in self.names}
        self.lock = threading.Lock()
        self._drawn = 0
        self._last_cell_log: dict[str, float] = {}
        if self.live:
            self._draw()

    def update(self, name: str, state: str) -> None:
        with self.lock:
            self.states[name] = state
            if self.live:
                self._draw()
            elif not state.startswith("executing cell") or self._cell_log_due(name):
                print(f"[{name}] {state}", file=self.stream, flush=True)

    def cell(self, name: str, index: int, total: int) -> None:
        self.update(name, f"executing cell {index}/{total}")

    def _cell_log_due(self, name) -> bool:
        # In a log, a line per cell is noise: say that execution started, then at most one line in 10 s.
        now = time.monotonic()
        if now - self._last_cell_log.get(name, -1e9) >= 10:
            self._last_cell_log[name] = now
            return True
        return False

    def _draw(self) -> None:
        out = self.stream
        if self._drawn:
            out.write(f"\x1b[{self._drawn}F")
        for n in self.names:
            out.write(f"\x1b[2K{n:<{self.width}}  {self.states[n]}\n")
        self._drawn = len(self.names)
        out.flush()
