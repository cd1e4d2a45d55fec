"""Acting on the window as a user does, for the GUI tests."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desktop.qt.charts.chart_tabs import ChartTabs
from desktop.qt.main_window import MainWindow


def type_into(qtbot, window: MainWindow, path: str, text: str) -> QLineEdit:  # type: ignore[no-untyped-def]
    """Type `text` into the field named `path` over what it shows, then Return, as a user does."""
    editor = window.findChild(QLineEdit, path)
    assert editor is not None, path
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    return editor


def enter(qtbot, window: MainWindow, path: str, text: str) -> QLineEdit:  # type: ignore[no-untyped-def]
    """Type `text` into the field named `path` and wait for the advice the edit brings."""
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        return type_into(qtbot, window, path, text)


def show_every_chart(window: MainWindow) -> ChartTabs:
    """Open each chart tab as a user does, then draw them all; returns the tabs."""
    charts = window.charts
    for index in range(charts.count()):
        charts.setCurrentIndex(index)
    charts.render_all()
    return charts
