"""The export's warm-up (the sheet's modules, its Qt classes, a throwaway page, in idle time after the window shows)
runs one step per turn of the event loop, each after the timers due by then: it was two steps back to back (the
modules, then the page on a posted call), which held the window for their sum."""

from __future__ import annotations

import sys

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QMainWindow

from desktop.qt import export_controller
from desktop.qt.export_controller import WARM_UP_MODULES, ExportController
from desktop.qt.session import Session
from desktop.report.sheet import pdf_writer


def test_each_warm_up_step_waits_for_the_timers_due(qtbot, tmp_path, book, examples,  # type: ignore[no-untyped-def]
                                                    monkeypatch) -> None:
    monkeypatch.setattr(export_controller, "WARM_UP_MS", 0)
    monkeypatch.setattr(pdf_writer, "_warmed_up", False)
    window = QMainWindow()
    qtbot.addWidget(window)
    controller = ExportController(Session(book, examples["http-api"], parent=window),
                                  QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat), window)
    due = QTimer()
    due.setSingleShot(True)
    due.setInterval(0)
    fired: list[bool] = []
    due.timeout.connect(lambda: fired.__setitem__(-1, True))
    waited: list[bool] = []  # for each step after the first: whether the timer due as the one before began had run
    step = controller._warm_up

    def noted() -> None:
        if fired:
            waited.append(fired[-1])
        fired.append(False)
        due.start()
        step()

    controller._warm_turn._timer.timeout.disconnect()  # the steps after the first (its timer is WARM_UP_MS's)
    controller._warm_turn._timer.timeout.connect(noted)
    qtbot.waitUntil(lambda: pdf_writer._warmed_up, timeout=10000)  # the throwaway page, the last step, is done
    # six steps (three modules, the Qt classes, the writer's module, the page): the last four each waited
    assert len(waited) == len(WARM_UP_MODULES) and all(waited), waited
    assert all(name in sys.modules for name in WARM_UP_MODULES)
