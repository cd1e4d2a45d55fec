"""Every control a keyboard or a screen reader reaches in the main window has a name: its own accessible name or
its visible text (a scroll area's viewport speaks for the area, which is named)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QWidget

from desktop.qt.main_window import MainWindow


def _unnamed(window: MainWindow) -> list[str]:
    out = []
    for widget in window.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(window):
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractScrollArea) and parent.viewport() is widget and parent.accessibleName():
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not widget.accessibleName() and not text:
            out.append(f"{type(widget).__name__} {widget.objectName()!r} in {parent.objectName() if parent else ''}")
    return out


def test_every_focusable_control_has_a_name(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.form.build_all()
    QApplication.processEvents()
    assert _unnamed(window) == []
    assert window.form.accessibleName() == "Workload form" and window.charts.accessibleName() == "Charts"
