"""An edit sets only what changed in the views (the table's cells, the cost chart's bands): what it skips is only
what is equal, so every view shows the new numbers exactly as a view rendered afresh would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from desktop.model.advice.advise import Advice
from desktop.model.workload.spec import Workload
from desktop.qt.main_window import MainWindow
from desktop.qt.views.comparison_table import MONTHLY_COL, ComparisonTable
from desktop.workbench.workbench import Workbench

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
