"""An exception in a slot reaches the crash dialog: logged in the log folder, shown once, "Copy report" copies the
version, platform and traceback, and the workload only when the box is ticked."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel

from desktop import __version__
from desktop.crash import LOG_NAME
from desktop.qt.crash_dialog import CrashDialog, install_crash_dialog
from desktop.qt.main_window import MainWindow
from tests.qt.session_ops import session_op


@pytest.fixture
def crash_hook(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    monkeypatch.setenv("COMPUTEFIT_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    yield tmp_path / "logs" / LOG_NAME
    logger = logging.getLogger("computefit.crash")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()


def _dialogs() -> list[CrashDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()]


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_shows_the_dialog_and_copies_a_report(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                     crash_hook: Path) -> None:
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        session_op(window.session, "apply_changes", {"name": "ACME secret checkout"}, "Rename")
    install_crash_dialog(lambda: window, lambda: json.dumps(window.session.workload.to_json_dict()))

    def broken_slot() -> None:
        raise RuntimeError(f"broke while pricing {window.session.workload.name}")

    QTimer.singleShot(0, broken_slot)
    QTimer.singleShot(0, broken_slot)  # a second one while the first is shown: logged, not shown again
    qtbot.waitUntil(lambda: len(_dialogs()) == 1, timeout=3000)
    qtbot.wait(50)
    assert len(_dialogs()) == 1
    dialog = _dialogs()[0]
    log = crash_hook.read_text(encoding="utf-8")
    assert log.count("RuntimeError: broke while pricing") == 2
    assert str(crash_hook) in dialog.findChild(QLabel, "crash_summary").text()
    name = window.session.workload.name
    dialog.copy_button.click()
    report = QGuiApplication.clipboard().text()
    assert report.startswith(f"ComputeFit {__version__}\nPlatform: ") and "broken_slot" in report
    assert name not in report and "builtins.RuntimeError (its message is left out" in report
    dialog.include.setChecked(True)
    dialog.copy_button.click()
    report = QGuiApplication.clipboard().text()
    assert f"RuntimeError: broke while pricing {name}" in report and f'"name": "{name}"' in report
    dialog.close()
