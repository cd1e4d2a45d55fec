"""The recommendation's rationale: the advice's reasons as rich text, read-only and selectable; an edit changes the
text, never the panel's size (a new text costs no layout of the window); a text longer than its room scrolls."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from desktop.qt.main_window import MainWindow
from desktop.workbench.workbench import Workbench


class _Resizes(QObject):
    def __init__(self, watched: QWidget) -> None:
        super().__init__(watched)
        self.count = 0
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.count += event.type() == QEvent.Type.Resize
        return False


def test_an_edit_changes_the_rationale_not_the_panels_size(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    details = window.recommendation.details
    before = details.text()
    sizes = (window.recommendation.size(), details.size())
    assert details.isReadOnly() and details.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert "Monthly cost at 30,000,000 requests a month" in details.toPlainText()
    resized = _Resizes(details.viewport())
    window.session.run(Workbench.apply_changes, {"traffic.requests_per_month": 45_000_000}, "Change")
    QApplication.processEvents()
    assert resized.count == 0  # the new text is laid out once, in a view of the same size
    assert details.text() != before and "Monthly cost at 45,000,000 requests a month" in details.toPlainText()
    assert details.toPlainText().startswith("\u2022 ")  # one bullet per reason
    assert (window.recommendation.size(), details.size()) == sizes
    assert details.verticalScrollBar().maximum() > 0  # the example's reasons are longer than their room


def test_the_rationale_is_named_for_screen_readers(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    details = window.recommendation.details
    assert details.accessibleName() == "Reasons for the recommendation"
    rationale = window.session.advice.recommendation.rationale
    assert details.accessibleDescription().startswith(rationale[0][:40])
