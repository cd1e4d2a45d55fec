"""The whole workshop path in the window, as the issue's "Done when" says: three scenarios (one by duplicate and
tweak, one from the questionnaire), a baseline, the comparison's numbers equal to `estimate`, undo and redo of
each step, save, reopen, the PDF (summary plus a sheet each, totals equal to the comparison) and the CSV, and
present mode entered, stepped through and left."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QWizard

from desktop.cli import main
from desktop.model.advice.advise import advise
from desktop.model.advice.quote_json import advice_json
from desktop.model.format import usd
from desktop.model.options.registry import compared, short_label
from desktop.qt.main_window import MainWindow
from desktop.qt.wizard import QuestionnaireWizard
from desktop.workbench.workbench import Workbench
from tests.qt.interact import type_into
from tests.qt.wizard.test_wizard import SPIKY_API, answer_every_page


def _save_dialog_answers(monkeypatch: pytest.MonkeyPatch, path: Path, chosen_filter: str = "") -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), chosen_filter))


def _build_three(qtbot, window: MainWindow) -> list[object]:  # type: ignore[no-untyped-def]
    """Duplicate and tweak, rename in the list, add from the questionnaire, set a baseline; the state after each."""
    session, controls = window.session, window.workshop
    states = [session.state]
    controls.actions["duplicate"].trigger()  # Ctrl+D
    states.append(session.state)
    with qtbot.waitSignal(session.advice_changed, timeout=5000):
        type_into(qtbot, window, "traffic.requests_per_month", "300M")
    states.append(session.state)
    controls.actions["rename"].trigger()  # F2: the name is edited in place in the list
    editor = controls.list.list.findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "Ten times the traffic")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: session.state.names[1] == "Ten times the traffic", timeout=3000)
    states.append(session.state)

    def drive() -> None:
        wizard = QApplication.activeModalWidget()
        assert isinstance(wizard, QuestionnaireWizard)
        answer_every_page(wizard, SPIKY_API)
        wizard.summary.name_edit.setText("Spiky public API")
        wizard.button(QWizard.WizardButton.FinishButton).click()

    QTimer.singleShot(0, drive)
    controls.actions["questions"].trigger()  # Scenario > Add > From the questionnaire
    assert session.state.names == ("Orders HTTP API", "Ten times the traffic", "Spiky public API")
    states.append(session.state)
    controls.list.list.setCurrentRow(1)  # selecting a scenario shows it: not an undo step
    assert session.workload.name == "Ten times the traffic"
    assert window.findChild(QLineEdit, "traffic.requests_per_month").text() == "300,000,000"
    controls.actions["baseline"].trigger()
    assert session.state.baseline == 1
    states.append(session.state)
    return states


def test_the_whole_workshop_path(qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                 capsys: pytest.CaptureFixture[str]) -> None:
    session = window.session
    states = _build_three(qtbot, window)
    assert window.workshop.comparison_dock.isVisible()  # shown once the document has a second scenario

    # The comparison: every number equals `estimate` of its scenario, computed afresh.
    view = window.workshop.comparison
    comparison = session.comparison
    assert [r.name for r in comparison.rows] == list(session.state.names) and comparison.baseline == 1
    for index, scenario in enumerate(session.state.scenarios):
        estimate = advice_json(advise(scenario.workload, session.book), session.book)
        row = comparison.rows[index]
        for option, quote in estimate["options"].items():
            assert row.totals[option] is not None and float(row.totals[option]) == quote["monthly_usd"]
            if quote["feasible"]:
                assert usd(row.totals[option], row.estimated[option]) in view.text(index, short_label(option))
        rec = estimate["recommendation"]["option"]
        assert row.recommended == rec
        assert view.text(index, "Recommended") == short_label(rec)
    base = comparison.rows[1]
    assert view.text(1, "Against the baseline") == "baseline"
    first = comparison.rows[0]
    assert first.change_usd == first.recommended_usd - base.recommended_usd
    assert view.text(0, "What differs from the baseline") == "requests 300M -> 30M"

    # Undo and redo each step (the selection is not a step).
    for state in reversed(states[:-1]):
        window.undo_action.trigger()
        assert session.state.scenarios == state.scenarios and session.state.baseline == state.baseline
    assert not window.undo_action.isEnabled()
    for state in states[1:]:
        window.redo_action.trigger()
        assert session.state.scenarios == state.scenarios and session.state.baseline == state.baseline

    # Save: a workshop goes to a .workshop.json file; reopen it.
    target = tmp_path / "room.workshop.json"
    _save_dialog_answers(monkeypatch, target)
    assert window.save() and session.path == target and not session.dirty
    saved = session.state
    window.session.run(Workbench.new)
    assert window.open_path(target)
    assert session.state.scenarios == saved.scenarios and session.state.baseline == 1
    assert session.state.kind == "variants" and len(session.state.scenarios) == 3

    # Export the PDF: the summary, then a sheet of two pages each, totals equal to the comparison.
    comparison = session.comparison
    pdf = tmp_path / "room.pdf"
    _save_dialog_answers(monkeypatch, pdf, "PDF sheet, A4 (*.pdf)")
    with qtbot.waitSignal(window.exporter.exported, timeout=20000):
        window.exporter.export_pdf()
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(pdf).pages]
    # Each sheet starts on its own page and keeps its two pages, for three options as for five (the
    # questionnaire's scenario compares all five).
    starts = [i for i, page in enumerate(pages) if "ComputeFit comparison sheet" in page and "Recommended: " in page]
    sizes = [b - a for a, b in zip(starts, [*starts[1:], len(pages)], strict=True)]
    expected = [2 for _ in session.state.scenarios]
    assert any(len(compared(s.workload)) > 3 for s in session.state.scenarios)
    assert starts[0] == 1 and sizes == expected
    assert "ComputeFit workshop comparison" in pages[0] and "room" in pages[0]
    for index, row in enumerate(comparison.rows):
        assert usd(row.recommended_usd) in pages[0]
        assert f"{usd(row.recommended_usd)} a month" in pages[starts[index]]
        assert row.name in pages[starts[index]]

    # Export the CSV: a row per scenario, the same numbers; the CLI gives the same file.
    data = tmp_path / "room.csv"
    _save_dialog_answers(monkeypatch, data, "CSV (*.csv)")
    with qtbot.waitSignal(window.exporter.exported, timeout=10000):
        window.exporter.export_csv()
    rows = list(csv.DictReader(io.StringIO(data.read_text(encoding="utf-8"))))
    assert [r["scenario"] for r in rows] == [r.name for r in comparison.rows]
    assert [r["recommended_usd"] for r in rows] == [f"{r.recommended_usd:.2f}" for r in comparison.rows]
    assert main(["export", str(target), "-o", str(tmp_path / "cli.csv")]) == 0
    assert (tmp_path / "cli.csv").read_text(encoding="utf-8") == data.read_text(encoding="utf-8")
    assert main(["estimate", str(target), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert [s["recommendation"]["option"] for s in printed["scenarios"]] == [r.recommended for r in comparison.rows]

    # Present mode: enters full screen, steps through scenarios and charts, Esc leaves.
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    present_action = next(a for a in view_menu.actions() if a.text() == "P&resent")
    assert present_action.shortcut().toString() == "F11"
    present_action.trigger()
    present = window.presenting
    assert present is not None and present.isFullScreen() and present.isVisible()
    shown = session.state.selected
    assert present.title.text() == session.workload.name
    qtbot.keyClick(present, Qt.Key.Key_Right)
    assert session.state.selected == (shown + 1) % 3 and present.title.text() == session.workload.name
    assert present.headline.text() == session.advice.recommendation.headline
    chart = present.chart_index
    qtbot.keyClick(present, Qt.Key.Key_Down)
    assert present.chart_index == chart + 1 and present.stack.currentWidget() is present.charts[chart + 1]
    qtbot.keyClick(present, Qt.Key.Key_5)
    assert present.chart_title.text() == "Over the years   (5 of 6)"
    qtbot.keyClick(present, Qt.Key.Key_6)
    assert present.stack.currentWidget() is present.comparison_chart
    assert len(present.comparison_chart.bars) == 3
    qtbot.keyClick(present, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.presenting is None, timeout=3000)


def test_switching_scenarios_reuses_their_advice(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    window.workshop.actions["duplicate"].trigger()
    window.workshop.actions["blank"].trigger()
    session.comparison  # noqa: B018 - every scenario advised once
    computed = session.workbench.cache.computed
    for index in (0, 1, 2, 0):
        window.workshop.list.list.setCurrentRow(index)
        assert window.form.editor("name").text() == session.state.names[index]
        assert window.recommendation.headline.text()
    assert session.workbench.cache.computed == computed


def test_tables_copy_as_tab_separated_text(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.table.setFocus()
    window.table.clearSelection()
    qtbot.keyClick(window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0].split("\t")[:2] == ["Option", "Monthly (USD)"]  # amounts are USD and say so
    quote = window.session.advice.quote
    assert [line.split("\t")[1] for line in lines[1:]] == [usd(o.monthly_usd, o.estimated)
                                                           for o in quote.options.values()]
    window.workshop.actions["duplicate"].trigger()
    table = window.workshop.comparison.table
    table.setFocus()
    table.selectRow(1)
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert len(lines) == 2 and lines[1].split("\t")[1] == "Orders HTTP API (copy)"


def test_charts_save_as_png_and_svg_and_copy(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.qt.charts.chart_export import save_chart

    chart = window.current_chart()
    assert save_chart(chart, tmp_path / "c.png") == "png"
    assert (tmp_path / "c.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert save_chart(chart, tmp_path / "c.svg") == "svg"
    svg = (tmp_path / "c.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "Monthly cost" in svg  # text stays text
    window.copy_chart()
    image = QGuiApplication.clipboard().image()
    assert not image.isNull() and image.width() >= chart.width()


def test_a_workload_file_stays_a_workload_file(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.model.workload.files import load_workload

    single = tmp_path / "api.workload.json"
    assert window.save_to(single)
    window.workshop.actions["duplicate"].trigger()
    offered: list[str] = []

    def dialog(_parent, _title, start, _filters, *_rest):  # type: ignore[no-untyped-def]
        offered.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    assert not window.save()  # two scenarios never go into the workload file: Save As offers a workshop file
    assert offered == [str(tmp_path / "api.workshop.json")]
    assert load_workload(single).name == "Orders HTTP API"
    window.undo_action.trigger()
    assert window.save() and load_workload(single).name == "Orders HTTP API"


def test_the_window_starts_on_a_workshop_file(qtbot, book, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.app import create_main_window
    from desktop.resources import examples_dir

    room = tmp_path / "room.workshop.json"
    assert main(["workshop", "new", str(room), str(examples_dir() / "http-api.workload.json"),
                 str(examples_dir() / "nightly-batch.workload.json")]) == 0
    window = create_main_window(room, book=book, settings=settings)
    qtbot.addWidget(window)
    assert window.session.path == room and window.session.workbench.is_workshop_file
    assert len(window.session.state.scenarios) == 2 and not window.session.dirty
    assert window.windowTitle().startswith("room.workshop.json[*] - Orders HTTP API (1 of 2)")


def test_user_text_is_shown_as_text_and_parts_add_up(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    nasty = '<img src="http://example.com/x.png"> & <b>Co</b>'
    window.workshop.actions["duplicate"].trigger()
    assert session.run(Workbench.rename, 1, nasty) == ""
    assert session.run(Workbench.set_note, 1, "<script>alert(1)</script>") == ""
    item = window.workshop.list.list.item(1)
    assert item.text() == nasty
    assert "&lt;img" in item.toolTip() and "<img" not in item.toolTip() and "&lt;script&gt;" in item.toolTip()
    view = window.workshop.comparison
    assert view.text(1, "Scenario") == nasty
    assert "<img" not in view.table.item(1, 1).toolTip()
    window.workshop.kind_group.actions()[1].trigger()  # Scenario > Kind > Parts of one system
    assert session.state.kind == "parts"
    view.text(0, "Scenario")  # renders what is pending
    total = sum(r.recommended_usd for r in session.comparison.rows if r.recommended_usd is not None)
    assert view.portfolio.isVisible() and f"Portfolio total: {usd(total)} a month" in view.portfolio.text()
    assert window.undo_action.text() == "&Undo Change kind of workshop"
