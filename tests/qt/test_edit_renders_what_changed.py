"""An edit sets only what changed in the views (the table's cells, the cost chart's bands, the scenario totals):
what it skips is only what is equal, so every view shows the new numbers exactly as a view rendered afresh would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from desktop.model.advice.advise import Advice
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.files import load_workload
from desktop.model.workload.spec import Workload
from desktop.qt.main_window import MainWindow
from desktop.qt.views.comparison_table import MONTHLY_COL, ComparisonTable
from desktop.resources import default_example_path
from desktop.workbench.workbench import Workbench
from tests.benchmarks.bench_workshop import make_workshop

RANGES = {"seed": 3, "samples": 2000,
          "fields": {"traffic.requests_per_month": {"low": 5e6, "likely": 20e6, "high": 40e6}}}
ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole,
         Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.AccessibleTextRole)


def _cells(table: ComparisonTable) -> list[list[object]]:
    """Every cell's text, tooltip, font, alignment and accessible text."""
    out = []
    for row in range(table.rowCount()):
        for col in range(table.columnCount()):
            item = table.item(row, col)
            out.append([item.data(role) for role in ROLES])
    return out


def _edit(window: MainWindow, changes: dict[str, object]) -> Advice:
    window.session.run(Workbench.apply_changes, changes, "Edit")
    return window.session.advice


def test_the_table_after_edits_is_the_table_rendered_afresh(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    before = window.table.text("lambda", MONTHLY_COL)
    tip_before = window.table.item(window.table.option_ids.index("lambda"), MONTHLY_COL).toolTip()
    for changes in ({"traffic.requests_per_month": 90_000_000}, {"traffic.duration_ms": 450},
                    {"traffic.requests_per_month": 90_000_000}):  # the last one changes nothing: all skipped
        advice = _edit(window, changes)
        fresh = ComparisonTable()
        qtbot.addWidget(fresh)
        fresh.resize(window.table.size())
        fresh.render_advice(advice)
        assert _cells(window.table) == _cells(fresh)
    after = window.table.text("lambda", MONTHLY_COL)
    tip_after = window.table.item(window.table.option_ids.index("lambda"), MONTHLY_COL).toolTip()
    assert after != before and after.split("\n")[0] in tip_after and before.split("\n")[0] not in tip_after
    assert tip_after != tip_before


def test_a_new_font_reaches_every_cell_although_the_texts_are_equal(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    font = QFont(window.table.font())
    font.setPointSizeF(font.pointSizeF() + 3)
    window.table.setFont(font)
    window.table.render_advice(window.session.advice)  # the same advice: only the font differs
    item = window.table.item(0, 0)
    assert item.font().pointSizeF() == font.pointSizeF()


def test_an_edit_hides_the_old_bands_and_the_next_bands_replace_them(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    data = window.session.workload.to_json_dict()
    data["ranges"] = RANGES
    session = window.session
    session.run(Workbench.replace_workload, Workload.model_validate(data), "Ranges")
    assert session.wait_for_ranges(20)
    chart = window.charts.cost_curve
    old = list(chart.bands.values())
    assert len(old) == 3 and all(item.isVisible() for item in old)
    _edit(window, {"traffic.duration_ms": 300})  # a new Monte Carlo
    assert chart.bands == {}  # the edit's frame shows no band of the advice before
    assert all(not item.isVisible() for item in old)
    assert session.wait_for_ranges(20)
    assert set(chart.bands) == {"lambda", "fargate", "ec2"}
    assert all(item.isVisible() for item in chart.bands.values())
    assert all(item.scene() is None for item in old)  # removed from the plot once the new ones are in
    assert not set(map(id, old)) & set(map(id, chart.plot_item.items))


def _bars_drawn(chart: Any) -> Any:
    items = {option: (list(item.opts["x"]), [float(h) for h in item.opts["height"]])
             for option, item in chart.option_bars.items() if len(item.opts["x"])}
    labels = [(label.toPlainText(), label.pos().x(), label.pos().y()) for label in chart.labels if label.isVisible()]
    return items, labels, chart.plot_item.getAxis("bottom")._tickLevels, chart.view_box.viewRange()


def test_the_scenario_totals_after_an_edit_are_the_chart_drawn_afresh(qtbot, book: PriceBook,  # type: ignore[no-untyped-def]
                                                                      tmp_path: Path) -> None:
    from desktop.qt.charts.scenario_totals import ScenarioTotalsChart

    path = tmp_path / "fifty.workshop.json"
    make_workshop(path)
    bench = Workbench(book, load_workload(default_example_path()))
    bench.open(path)
    first = bench.compare()
    bench.select(3)
    bench.apply_changes({"traffic.requests_per_month": 90_000_000}, "Edit")
    second = bench.compare()
    assert first.rows[3] != second.rows[3]
    edited, fresh = ScenarioTotalsChart(), ScenarioTotalsChart()
    for chart in (edited, fresh):
        qtbot.addWidget(chart)
        chart.resize(600, 300)
    edited.render_comparison(first)
    edited.render_comparison(second)
    fresh.render_comparison(second)
    assert _bars_drawn(edited) == _bars_drawn(fresh)
    assert max(_bars_drawn(edited)[0][second.rows[3].recommended or ""][1]) > 0


def test_the_rationale_shows_its_first_line_at_start_and_after_edits(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The reasons open at their top (a text replaced in place once left the view scrolled to its end at start)."""
    rationale = window.recommendation.details
    bar = rationale.verticalScrollBar()
    qtbot.wait(1500)  # the later results (the hinge, the footprint) have replaced the text since the first paint
    assert bar.maximum() > 0 and bar.value() == 0
    _edit(window, {"traffic.requests_per_month": 12_000_000})
    qtbot.wait(500)
    assert bar.maximum() > 0 and bar.value() == 0
