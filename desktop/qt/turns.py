"""Work split over turns of the event loop, each step after the timers and input already due.

`QTimer.singleShot(0, ...)` posts its call as an event, and Qt delivers the events posted while it is delivering
posted events in the same pass: a chain of such steps runs two at a time before a due timer gets its turn (a 10 ms
heartbeat saw 15 ms steps run in pairs, 42 ms gaps). A zero-interval timer is a timer like the others, run in the
order the timers fell due, so each step of a chain made with `NextTurn` waits for what was due before it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class NextTurn(QObject):
    """Calls `step` on a later turn of the event loop each time `start` is called (once per turn at most)."""

    def __init__(self, parent: QObject, step: Callable[[], None]) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(step)

    def start(self) -> None:
        self._timer.start()
