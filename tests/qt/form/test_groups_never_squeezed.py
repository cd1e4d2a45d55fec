"""The form's groups out of sight are built one per turn after the first paint: no frame in between may show the
groups already there squeezed into the old height (a group added to the column laid it out at the body's old size
until the scroll area grew the body, and the rows of the group in sight overlapped)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QGroupBox, QMessageBox

from desktop.app import create_main_window


def test_no_turn_of_the_start_shows_a_squeezed_group(qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    window = create_main_window(settings=settings)
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    form = window.form
    turns = 0
    while not form.complete and turns < 500:
        QApplication.processEvents()  # one turn: what a paint now would show
        turns += 1
        for box in form.findChildren(QGroupBox):
            if box.isVisible() and box.layout() is not None and not box.layout().isEmpty():
                assert box.height() >= box.sizeHint().height() - 1, (box.title(), turns, box.height())
    assert form.complete
