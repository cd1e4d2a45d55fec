"""Drive the real window offscreen: edits, invalid input, files, undo."""

from __future__ import annotations

import math
import shutil
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget

from desktop.model.format import usd as money
from desktop.model.workload.fields import all_fields
from desktop.model.workload.files import load_workload, workload_json
from desktop.qt.charts.cost_curve import CostCurveChart
from desktop.qt.main_window import MainWindow
from desktop.qt.views.comparison_table import MONTHLY_COL, STATUS_COL, ComparisonTable
from desktop.resources import default_example_path
from desktop.workbench.workbench import Workbench
from tests.qt.interact import enter, type_into


def _lambda_cost_text(window: MainWindow) -> str:
    table = window.findChild(ComparisonTable, "comparison_table")
    return table.text("lambda", MONTHLY_COL)


def test_typing_a_volume_updates_the_table_and_the_curve_marker(qtbot, window: MainWindow) -> None:
    session = window.session
    before = _lambda_cost_text(window)
    with qtbot.waitSignal(session.advice_changed, timeout=5000):
        type_into(qtbot, window, "traffic.requests_per_month", "60M")
    assert session.workload.traffic.requests_per_month == 60_000_000
    assert session.advice.quote.units_per_month == 60_000_000
    expected = money(session.advice.quote.options["lambda"].monthly_usd)
    assert _lambda_cost_text(window) == expected != before
    chart = window.findChild(CostCurveChart, "cost_curve_chart")
    assert chart.current_volume == 60_000_000
    assert math.isclose(chart.marker.value(), math.log10(60_000_000))
    assert window.findChild(QLineEdit, "traffic.requests_per_month").text() == "60,000,000"
    assert window.isWindowModified()


def test_thousands_separators_and_units_are_accepted(qtbot, window: MainWindow) -> None:
    enter(qtbot, window, "traffic.requests_per_month", "1,500,000")
    assert window.session.workload.traffic.requests_per_month == 1_500_000
    enter(qtbot, window, "traffic.duration_ms", "250 ms")
    assert window.session.workload.traffic.duration_ms == 250.0
    enter(qtbot, window, "container.target_utilization", "55")
    assert window.session.workload.container.target_utilization == 0.55


def test_an_invalid_value_is_flagged_at_the_field_and_the_quote_stays(qtbot, window: MainWindow) -> None:
    session = window.session
    workload, advice, shown = session.workload, session.advice, _lambda_cost_text(window)
    editor = type_into(qtbot, window, "lambda.memory_mb", "50")
    qtbot.wait(60)
    problem = window.form.problem_at("lambda.memory_mb")
    assert "must be between 128 and 10,240" in problem and "got 50" in problem
    assert editor.property("invalid") is True
    assert "Memory" in window.status.currentMessage()
    type_into(qtbot, window, "traffic.requests_per_month", "lots")
    qtbot.wait(60)
    assert "is not a number" in window.form.problem_at("traffic.requests_per_month")
    assert session.workload is workload and session.advice is advice
    assert _lambda_cost_text(window) == shown
    assert not window.isWindowModified()
    with qtbot.waitSignal(session.advice_changed, timeout=5000):  # a valid value clears the mark
        type_into(qtbot, window, "lambda.memory_mb", "2048")
    assert window.form.problem_at("lambda.memory_mb") == ""
    assert session.workload.lambda_.memory_mb == 2048


def test_open_edit_save_and_reopen_round_trips_exactly(qtbot, window: MainWindow, tmp_path: Path) -> None:
    source = tmp_path / "api.workload.json"
    shutil.copy(default_example_path(), source)
    assert window.open_path(source)
    assert window.windowTitle().startswith("api.workload.json")
    enter(qtbot, window, "traffic.duration_ms", "95.5")
    assert window.isWindowModified()
    edited = window.session.workload
    target = tmp_path / "saved.workload.json"
    assert window.save_to(target)
    assert not window.isWindowModified()
    assert target.read_text(encoding="utf-8") == workload_json(edited)
    assert load_workload(target) == edited
    assert not list(tmp_path.glob(".*.tmp"))  # the atomic write left no temporary file
    window.session.run(Workbench.new)
    assert window.open_path(target)
    assert window.session.workload == edited
    assert window.findChild(QLineEdit, "traffic.duration_ms").text() == "95.5"
    assert str(target.resolve()) == str(window.recent.paths()[0])


def test_undo_restores_the_previous_value_and_quote(qtbot, window: MainWindow) -> None:
    session = window.session
    original_cost = session.advice.quote.options["lambda"].monthly_usd
    with qtbot.waitSignal(session.advice_changed, timeout=5000):
        type_into(qtbot, window, "lambda.memory_mb", "4096")
    assert session.advice.quote.options["lambda"].monthly_usd != original_cost
    window.table.setFocus()
    with qtbot.waitSignal(session.advice_changed, timeout=5000):
        qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.workload.lambda_.memory_mb == 1024
    assert window.findChild(QLineEdit, "lambda.memory_mb").text() == "1,024"
    assert session.advice.quote.options["lambda"].monthly_usd == original_cost
    assert _lambda_cost_text(window) == money(original_cost)
    assert not window.isWindowModified()
    with qtbot.waitSignal(session.advice_changed, timeout=5000):
        window.redo_action.trigger()
    assert session.workload.lambda_.memory_mb == 4096


def test_ctrl_z_in_an_editor_without_pending_typing_undoes_the_last_edit(qtbot, window: MainWindow) -> None:
    editor = type_into(qtbot, window, "lambda.memory_mb", "4096")
    qtbot.waitUntil(lambda: window.session.workload.lambda_.memory_mb == 4096, timeout=5000)
    assert editor.hasFocus() and not editor.isModified()
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.workload.lambda_.memory_mb == 1024
    assert editor.text() == "1,024"


def test_an_isolated_edit_is_advised_at_once(qtbot, window: MainWindow) -> None:
    qtbot.wait(50)  # no edit before this one
    session = window.session
    count = session.advise_count
    assert session.run(Workbench.apply_changes, {"lambda.memory_mb": 2048}, "memory") == []
    assert session.advise_count == count + 1 and not session.pending  # no timer between the key and the chart
    assert session.advice.quote.options["lambda"].capacity.memory_mb == 2048  # type: ignore[union-attr]


def test_a_burst_of_edits_is_advised_at_once_then_once_it_settles(qtbot, window: MainWindow) -> None:
    qtbot.wait(50)
    session = window.session
    count = session.advise_count
    with qtbot.waitSignal(session.advice_changed, timeout=5000):
        for memory in (256, 512, 768, 1536, 3008):
            assert session.run(Workbench.apply_changes, {"lambda.memory_mb": memory}, "memory") == []
    qtbot.wait(50)
    assert session.advise_count == count + 2
    assert session.advice.quote.options["lambda"].capacity.memory_mb == 3008  # type: ignore[union-attr]
    assert session.workbench.history.undo_count == 5


def test_infeasible_options_are_greyed_with_their_reason(qtbot, window: MainWindow) -> None:
    enter(qtbot, window, "requirements.gpus", "1")
    table = window.table
    for option in ("lambda", "fargate"):
        assert table.text(option, STATUS_COL).startswith("Ruled out: ")
        assert "GPU" in table.text(option, STATUS_COL)
        assert table.item(("lambda", "fargate", "ec2").index(option), 0).font().italic()
    assert window.session.advice.recommendation.option in ("ec2", None)


def test_every_field_has_a_named_accessible_editor(window: MainWindow) -> None:
    for spec in all_fields():
        widget = window.findChild(QWidget, spec.path)
        assert widget is not None, spec.path
        assert widget.accessibleName(), spec.path
        assert spec.help.split(".")[0] in widget.toolTip()
    assert "128 to 10,240 MB" in window.findChild(QWidget, "lambda.memory_mb").toolTip()
    assert "gettingstarted-limits" in window.findChild(QWidget, "lambda.memory_mb").toolTip()
    window.charts.ensure_built()  # the hidden charts are built when first shown
    for name in ("comparison_table", "cost_curve_chart", "breakdown_chart"):
        assert window.findChild(QWidget, name) is not None, name


def test_unsaved_edits_prompt_before_they_are_lost(qtbot, window: MainWindow) -> None:
    session = window.session
    with qtbot.waitSignal(session.advice_changed, timeout=5000):
        type_into(qtbot, window, "name", "Billing API")
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Cancel  # type: ignore[method-assign]
    window.new_file()
    assert session.workload.name == "Billing API"
    assert window.windowTitle() == "Untitled[*] - Billing API - ComputeFit"
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    window.new_file()
    assert session.workload.name == "New workload" and not session.dirty


def test_load_profile_preset_and_keyboard(qtbot, window: MainWindow) -> None:
    from desktop.qt.form.profile_editor import PRESETS, ProfileEditor

    editor = window.form.editor("traffic.daily_profile")
    assert isinstance(editor, ProfileEditor)
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        editor.presets.setCurrentText("Nightly batch")
        editor.presets.activated.emit(editor.presets.currentIndex())
    assert window.session.workload.traffic.daily_profile == PRESETS["Nightly batch"]
    editor.bars.setFocus()
    editor.bars.selected = 3
    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        qtbot.keyClick(editor.bars, Qt.Key.Key_Down)
    profile = window.session.workload.traffic.daily_profile
    assert profile is not None and profile[3] < 1.0


def test_geometry_and_recent_files_persist(qtbot, book, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.app import create_main_window

    source = tmp_path / "a.workload.json"
    shutil.copy(default_example_path(), source)
    first = create_main_window(source, book=book, settings=settings)
    qtbot.addWidget(first)
    first.resize(720, 650)
    first.show()
    qtbot.waitExposed(first)
    first.close()
    second = create_main_window(book=book, settings=settings)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (720, 650)
    assert second.recent.paths()[0] == source.resolve()


def test_file_menu_has_export_and_questionnaire_entries(window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    actions = {a.text().replace("&", ""): a for a in window.findChildren(QAction)}
    for text in ("New", "Open...", "Save", "Save as...", "Export PDF...", "Export CSV...", "Export JSON...",
                 "New from questions...", "Quit"):
        assert text in actions, text
    assert [s.toString() for s in actions["Export PDF..."].shortcuts()] == ["Ctrl+E", "Ctrl+P"]
    assert window.exporter is not None
    warnings: list[str] = []
    monkeypatch.setattr(window, "_warn", lambda title, text: warnings.append(text))
    monkeypatch.setitem(sys.modules, "desktop.qt.wizard", None)  # as if the wizard were missing
    window.open_questionnaire()
    assert warnings == ["The questionnaire is not available in this build."]


def test_user_text_is_shown_as_text_never_markup(qtbot, window: MainWindow) -> None:
    from desktop.present.text import tooltip_html as rich_tooltip

    enter(qtbot, window, "name", "<b>Orders</b> & co")
    assert "<b>Orders</b> & co" in window.windowTitle()
    assert rich_tooltip(["<script>x</script>"]) == "<qt>&lt;script&gt;x&lt;/script&gt;</qt>"
    assert window.recommendation.headline.textFormat() == Qt.TextFormat.PlainText


def test_price_dialog_lists_the_prices_this_quote_uses(qtbot, window: MainWindow) -> None:
    from desktop.qt.views.price_book_dialog import SOURCE_COLUMN, PriceBookDialog

    used = window.session.advice.quote.prices_used()
    dialog = PriceBookDialog(window.session.book, window.session.workload.region, window, used=used)
    qtbot.addWidget(dialog)
    table = dialog.table
    visible = [r for r in range(table.rowCount()) if not table.isRowHidden(r)]
    assert len(visible) == len(used) > 0
    assert all(table.item(r, 1).text() == "yes" for r in visible)
    sources = {table.item(r, SOURCE_COLUMN).text() for r in visible}
    assert all(window.session.book.sources[p.source].title in sources for p in used)
    dialog.only_used.setChecked(False)
    assert sum(not table.isRowHidden(r) for r in range(table.rowCount())) > len(used)
    assert "estimated" not in window.statusBar().findChild(QWidget, "status_price_book").text() or any(
        p.estimated for p in used)


def test_price_dialog_names_the_prices_missing_from_the_book(qtbot, window: MainWindow) -> None:
    from desktop.qt.views.price_book_dialog import PriceBookDialog

    with qtbot.waitSignal(window.session.advice_changed, timeout=5000):
        window.session.run(Workbench.apply_changes, {"region": "ap-southeast-2"}, "region")
        window.session.recompute()
    quote = window.session.advice.quote
    missing = [m for option in quote.options.values() for m in option.missing_prices]
    assert any("Application Load Balancer in ap-southeast-2" in m for m in missing)
    dialog = PriceBookDialog(window.session.book, "ap-southeast-2", window, used=quote.prices_used(), missing=missing)
    qtbot.addWidget(dialog)
    assert not dialog.missing.isHidden()
    assert "Application Load Balancer in ap-southeast-2" in dialog.missing.text()
