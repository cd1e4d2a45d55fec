"""The form's marks (a problem's red border and line, an import's origin line) come from a style sheet set on a row
only once it shows one: a sheet over the whole form made Qt keep style data for every widget of its 11 groups
(about 5 MB of the window's resident memory). The marks look as they did: same colours, same heights."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from desktop.qt.main_window import MainWindow
from tests.qt.interact import type_into


def _styled(window: MainWindow) -> list[QWidget]:
    body = window.form.widget()
    return [w for w in [body, *body.findChildren(QWidget)] if w.styleSheet()]


def test_no_style_sheet_until_a_field_shows_a_problem_then_only_on_its_row(qtbot, window: MainWindow) -> None:
    assert window.form.complete and _styled(window) == []
    row = window.form.rows["lambda.memory_mb"]
    height = row.editor.height()
    type_into(qtbot, window, "lambda.memory_mb", "50")
    qtbot.wait(60)
    assert row.problem.isVisible() and "got 50" in row.problem.text()
    assert _styled(window) == [row]
    assert row.problem.palette().color(QPalette.ColorRole.WindowText).name().upper() == "#D55E00"
    assert row.editor.height() == height  # as under the form-wide sheet: the 2 px border does not shrink it
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        type_into(qtbot, window, "lambda.memory_mb", "2048")
    qtbot.wait(60)
    assert not row.problem.isVisible() and row.editor.height() == height
