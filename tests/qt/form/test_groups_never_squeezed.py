"""The form's groups out of sight are built one per turn after the first paint: no frame in between may show the
groups already there squeezed into the old height (a group added to the column laid it out at the body's old size
until the scroll area grew the body, and the rows of the group in sight overlapped). Each group is now added with
the body grown first, so the groups in sight are never laid out again (nor repainted), and each is built on a turn
of its own, after the timers and input due by then (two built back to back held the window twice as long)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QGroupBox, QMessageBox

from desktop.app import create_main_window
from desktop.qt.form import workload_form
from desktop.qt.main_window import MainWindow


def _shown_window(qtbot, settings) -> MainWindow:  # type: ignore[no-untyped-def]
    window = create_main_window(settings=settings)
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    return window


def test_no_turn_of_the_start_shows_a_squeezed_group(qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    form = _shown_window(qtbot, settings).form
    turns = 0
    while not form.complete and turns < 500:
        QApplication.processEvents()  # one turn: what a paint now would show
        turns += 1
        for box in form.findChildren(QGroupBox):
            if box.isVisible() and box.layout() is not None and not box.layout().isEmpty():
                assert box.height() >= box.sizeHint().height() - 1, (box.title(), turns, box.height())
    assert form.complete


class _Moves(QObject):
    """Every move and resize of the groups given."""

    def __init__(self, boxes: list[QGroupBox]) -> None:
        super().__init__()
        self.boxes = boxes
        self.seen: list[tuple[str, str]] = []
        for box in boxes:
            box.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize) and watched in self.boxes:
            assert isinstance(watched, QGroupBox)
            self.seen.append((watched.title(), event.type().name))
        return False


def test_the_groups_in_sight_keep_their_place_while_the_rest_comes_in(qtbot, settings,  # type: ignore[no-untyped-def]
                                                                       monkeypatch) -> None:
    # A timer due as a group's build starts (a key press, the chart's next frame) runs before the next group is
    # built: each group is built on a turn of its own, not two back to back.
    due = QTimer()
    due.setSingleShot(True)
    due.setInterval(0)
    fired: list[bool] = []
    due.timeout.connect(lambda: fired.__setitem__(-1, True))
    waited: list[bool] = []  # for each build after the first: whether the timer due before it had run
    build = workload_form.WorkloadForm._build_next

    def noted(self: workload_form.WorkloadForm) -> None:
        if fired:
            waited.append(fired[-1])
        fired.append(False)
        due.start()
        build(self)

    monkeypatch.setattr(workload_form.WorkloadForm, "_build_next", noted)
    form = _shown_window(qtbot, settings).form
    assert not form.complete
    in_sight = [box for box in form.findChildren(QGroupBox) if box.isVisible()]
    geometry = [box.geometry() for box in in_sight]
    moves = _Moves(in_sight)
    qtbot.waitUntil(lambda: form.complete, timeout=5000)
    assert len(waited) >= 3 and all(waited), waited
    assert moves.seen == []  # never laid out again: no squeezed pass, nothing in sight repainted for it
    assert [box.geometry() for box in in_sight] == geometry
