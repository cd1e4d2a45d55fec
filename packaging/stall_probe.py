"""The start-up benchmark's stall probe (packaging/launcher.py and tests/benchmarks/baseline_app.py use it).

A heartbeat on the GUI thread: a precise timer every 10 ms from the moment the window is first shown. Each beat
notes the time since the one before; a gap far over 10 ms is a time in which the window could not answer input
(a key, a click, a repaint), as a user feels it. `longest` is the longest gap seen and when it began.
Imported only under the benchmark (never by the app itself).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer

INTERVAL_MS = 10
WATCH_S = 2.0  # the budget's window: no stall over 50 ms in the first two seconds
STALL_S = 0.05


class Heartbeat(QObject):
    """Beats every `interval_ms` until `stop` (or `watch_s` after `start`); `done` is called once, then."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS, watch_s: float = WATCH_S,
                 done: Callable[[Heartbeat], None] | None = None) -> None:
        super().__init__(parent)
        self.watch_s = watch_s
        self.done = done
        self.started = 0.0
        self.last = 0.0
        self.beats = 0
        self.longest = (0.0, 0.0)  # (gap in seconds, its start in seconds after `start`)
        self.stalls: list[tuple[float, float]] = []  # every gap over STALL_S, the same way
        self.running = False
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._beat)

    def start(self) -> None:
        self.started = self.last = time.perf_counter()
        self.running = True
        self._timer.start()

    def _beat(self) -> None:
        self._note_gap()
        self.beats += 1
        if self.last - self.started >= self.watch_s:
            self.stop()

    def _note_gap(self) -> None:
        now = time.perf_counter()
        gap = now - self.last
        if gap > self.longest[0]:
            self.longest = (gap, self.last - self.started)
        if gap > STALL_S:
            self.stalls.append((gap, self.last - self.started))
        self.last = now

    def stop(self) -> None:
        """End the watch; calls `done` once."""
        if not self.running:
            return
        self._note_gap()  # a gap still open now counts too
        self.running = False
        self._timer.stop()
        if self.done is not None:
            self.done(self)

    def line(self) -> str:
        """`STALL <longest gap s> <its start, s after the window was shown> <beats> <gaps over 50 ms>` and each
        of those as `<gap ms>@<start ms>`, for the benchmark."""
        each = " ".join(f"{gap * 1000:.0f}@{at * 1000:.0f}" for gap, at in self.stalls)
        return f"STALL {self.longest[0]:.6f} {self.longest[1]:.6f} {self.beats} {len(self.stalls)} {each}".rstrip()
