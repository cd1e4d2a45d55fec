"""Python's cyclic garbage collector, run on the GUI thread only.

Left automatic, a collection runs on whichever thread happens to allocate when a threshold is crossed: the Monte
Carlo's worker, for one. A cycle holding Qt objects (pyqtgraph's items and menus, a closed window's widgets) could
then be freed there, and PySide hands such a deletion to the GUI thread at a moment of its own: a test run hung in a
QMenu's destructor that way, and such frees are the likeliest cause of the rare crash of ranged edits. So the
collector's automatic runs are turned off and the same generational checks run on a GUI-thread timer (as pyqtgraph
recommends for applications with threads), with the same thresholds; reference counting frees everything else at
once, as before.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot

INTERVAL_MS = 100


class GuiThreadCollector(QObject):
    """Collects, on the GUI thread, each generation whose count passed Python's own threshold for it."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.collections = 0  # runs made (tests check the collector is alive)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(INTERVAL_MS)

    @Slot()
    def check(self) -> None:
        counts = gc.get_count()
        if counts[0] <= self.thresholds[0]:
            return
        generation = 2 if counts[2] > self.thresholds[2] else 1 if counts[1] > self.thresholds[1] else 0
        gc.collect(generation)
        self.collections += 1


def collect_on_gui_thread() -> GuiThreadCollector:
    """The application's collector (made once, owned by the QApplication, which must exist)."""
    app = QCoreApplication.instance()
    assert app is not None, "a QApplication must exist"
    found = app.findChild(GuiThreadCollector)
    return found if found is not None else GuiThreadCollector(app)
