"""The form builds the groups it shows first and the others just after its first paint, showing current values."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLineEdit

from desktop.model.pricing.book import PriceBook
from desktop.model.workload.fields import GROUPS
from desktop.workbench.workbench import Workbench


def _window(qtbot, book: PriceBook, settings: QSettings):  # type: ignore[no-untyped-def]
    from desktop.app import create_main_window

    win = create_main_window(book=book, settings=settings)
    win.resize(1280, 800)
    qtbot.addWidget(win)
    return win


def test_the_groups_out_of_sight_are_built_after_the_first_paint(qtbot, book: PriceBook,  # type: ignore[no-untyped-def]
                                                                 settings: QSettings) -> None:
    win = _window(qtbot, book, settings)
    form = win.form
    assert 0 < len(form.rows) < sum(len(g.fields) for g in GROUPS)
    win.show()
    shown = len(form.rows)
    assert "traffic.duration_ms" in form.rows  # what an 800-pixel window shows is there for its first paint
    qtbot.waitUntil(lambda: form.complete, timeout=5000)
    assert len(form.rows) == sum(len(g.fields) for g in GROUPS) > shown
    win.session.workbench.history.mark_saved()


def test_a_field_out_of_sight_asked_for_is_built_with_the_current_value(qtbot, book: PriceBook,  # type: ignore[no-untyped-def]
                                                                        settings: QSettings) -> None:
    win = _window(qtbot, book, settings)
    assert "lambda.memory_mb" not in win.form.rows and "team.operations_appetite" not in win.form.rows
    assert win.session.run(Workbench.apply_changes, {"lambda.memory_mb": 2048}, "memory") == []
    editor = win.form.editor("lambda.memory_mb")
    assert isinstance(editor, QLineEdit) and editor.text() == "2,048"
    assert win.form.complete and win.findChild(QLineEdit, "lambda.memory_mb") is editor
    win.session.workbench.history.mark_saved()
