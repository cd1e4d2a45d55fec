"""Present mode (View > Present, F11): full screen, large type and high contrast, for a room and a projector.

It shows the selected scenario's name, the recommendation's headline, each option's monthly total and one chart
at a time. Keys: Left/Right (or Page Up/Page Down, as a presenter's clicker sends) step through the scenarios,
Up/Down (or 1-5) through the charts, Esc or F11 leaves. Stepping a scenario selects it in the window too.
Everything renders from the Session (the advice of the shown scenario, the comparison of them all).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QFont, QFontMetrics, QKeyEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from desktop.model.advice.advise import Advice
from desktop.model.format import usd
from desktop.model.options.registry import label as option_label
from desktop.present.style import option_colour
from desktop.present.workshop import change_text
from desktop.qt.charts.base import ChartBase
from desktop.qt.charts.setup import configure_pyqtgraph
from desktop.qt.session import Session
from desktop.workbench.workbench import Workbench

BACKGROUND = "#000000"
INK = "#FFFFFF"
MUTED = "#C8C8C8"
ACCENT = "#F0E442"  # Okabe-Ito yellow: the recommended option's frame
TEXT_PT = 20
CHART_PT = 16
CHART_TITLES = ("Cost against volume", "What each total is made of", "Most sensitive assumptions",
                "Capacity hour by hour", "All scenarios: recommended totals")
KEYS_HELP = ("\u2190 \u2192 scenario    \u2191 \u2193 chart    1-5 pick a chart    Esc leave")


def high_contrast_palette() -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, BACKGROUND), (QPalette.ColorRole.Base, BACKGROUND),
                         (QPalette.ColorRole.WindowText, INK), (QPalette.ColorRole.Text, INK),
                         (QPalette.ColorRole.Button, BACKGROUND), (QPalette.ColorRole.ButtonText, INK)):
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(MUTED))
    return palette


def _label(parent: QWidget, size: float, bold: bool = False, colour: str = INK, name: str = "") -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # scenario names are the user's text
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setPointSizeF(size)
    font.setBold(bold)
    label.setFont(font)
    label.setStyleSheet(f"color: {colour};")
    if name:
        label.setObjectName(name)
    return label


class OptionTile(QFrame):
    """One option's monthly total, large; the recommended one framed."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.name = _label(self, TEXT_PT)
        self.total = _label(self, TEXT_PT * 2, bold=True)
        self.status = _label(self, TEXT_PT * 0.8, colour=MUTED)
        column = QVBoxLayout(self)
        column.setContentsMargins(18, 10, 18, 10)
        column.setSpacing(2)
        for widget in (self.name, self.total, self.status):
            column.addWidget(widget)

    def show_option(self, option_id: str, text: str, total: str, status: str, recommended: bool) -> None:
        colour = option_colour(option_id, dark=True)
        self.name.setText(text)
        self.name.setStyleSheet(f"color: {colour};")
        self.total.setText(total)
        self.status.setText(status)
        border = ACCENT if recommended else "#555555"
        width = 4 if recommended else 1
        self.setStyleSheet(f"OptionTile {{ border: {width}px solid {border}; border-radius: 6px; }}")


class PresentWindow(QWidget):
    left = Signal()  # present mode was left

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("present_mode")
        self.setWindowTitle("ComputeFit - present")
        self.session = session
        self.setAutoFillBackground(True)
        self.setPalette(high_contrast_palette())
        font = QFont(self.font())
        font.setPointSizeF(CHART_PT)
        self.setFont(font)
        self.title = _label(self, TEXT_PT * 2.2, bold=True, name="present_title")
        self.subtitle = _label(self, TEXT_PT, colour=MUTED, name="present_subtitle")
        self.headline = _label(self, TEXT_PT * 1.3, bold=True, name="present_headline")
        self.tiles: list[OptionTile] = []
        self.tile_row = QHBoxLayout()
        self.tile_row.setSpacing(18)
        self.chart_title = _label(self, TEXT_PT * 1.1, bold=True, name="present_chart_title")
        self.stack = QStackedWidget(self)
        self.keys = _label(self, TEXT_PT * 0.75, colour=MUTED)
        self.keys.setText(KEYS_HELP)
        column = QVBoxLayout(self)
        column.setContentsMargins(48, 32, 48, 24)
        column.setSpacing(12)
        for widget in (self.title, self.subtitle, self.headline):
            column.addWidget(widget)
        column.addLayout(self.tile_row)
        column.addWidget(self.chart_title)
        column.addWidget(self.stack, 1)
        column.addWidget(self.keys)
        configure_pyqtgraph()
        from desktop.qt.charts.breakdown import BreakdownChart
        from desktop.qt.charts.cost_curve import CostCurveChart
        from desktop.qt.charts.hourly_capacity import HourlyCapacityChart
        from desktop.qt.charts.scenario_totals import ScenarioTotalsChart
        from desktop.qt.charts.tornado import TornadoChart

        self.comparison_chart = ScenarioTotalsChart(self)
        self.charts: tuple[ChartBase, ...] = (CostCurveChart(self), BreakdownChart(self), TornadoChart(self),
                                              HourlyCapacityChart(self), self.comparison_chart)
        for chart in self.charts:
            self.stack.addWidget(chart)
        self.chart_index = 0
        session.advice_changed.connect(self.render_advice)
        session.scenarios_changed.connect(self._scenarios_changed)
        self.render_advice(session.advice)

    # --- what is shown ----------------------------------------------------------------------------------
    @property
    def chart_count(self) -> int:
        """The charts to step through: the comparison chart only when there is something to compare."""
        return len(self.charts) if len(self.session.state.scenarios) > 1 else len(self.charts) - 1

    def render_advice(self, advice: Advice) -> None:
        state = self.session.state
        scenario = state.scenarios[state.selected]
        quote, rec = advice.quote, advice.recommendation
        self.title.setText(scenario.name)
        where = [f"Scenario {state.selected + 1} of {len(state.scenarios)}"]
        if len(state.scenarios) > 1:
            row = self.session.comparison.rows[state.selected]
            where.append("the baseline" if row.is_baseline else f"against the baseline: {change_text(row)}")
        where.append(f"{quote.region} ({quote.region_name})")
        where.append(f"{quote.units_per_month:,} {quote.unit_name}s a month")
        self.subtitle.setText("   \u00b7   ".join(where))
        self.headline.setText(rec.headline or "No option is feasible for this workload")
        self._show_tiles(advice)
        self.show_chart(min(self.chart_index, self.chart_count - 1))

    def _scenarios_changed(self) -> None:
        self.render_advice(self.session.advice)

    def _show_tiles(self, advice: Advice) -> None:
        options = list(advice.quote.options.values())
        while len(self.tiles) < len(options):
            tile = OptionTile(self)
            self.tiles.append(tile)
            self.tile_row.addWidget(tile, 1)
        for tile, option in zip(self.tiles, options, strict=False):
            recommended = option.option == advice.recommendation.option
            status = "recommended" if recommended else ("feasible" if option.feasible else "ruled out")
            total = usd(option.monthly_usd, option.estimated) if option.feasible else "\u2013"
            tile.show_option(option.option, option_label(option.option), total, status + " \u00b7 a month"
                             if option.feasible else status, recommended)
            tile.show()
        for tile in self.tiles[len(options):]:
            tile.hide()

    def show_chart(self, index: int) -> None:
        self.chart_index = index % self.chart_count
        chart = self.charts[self.chart_index]
        if chart is self.comparison_chart:
            self.comparison_chart.render_comparison(self.session.comparison)
        else:
            advice = self.session.advice
            chart.render_advice(advice)
        _enlarge(chart)
        self.stack.setCurrentWidget(chart)
        self.chart_title.setText(f"{CHART_TITLES[self.chart_index]}   ({self.chart_index + 1} of {self.chart_count})")

    # --- keys ---------------------------------------------------------------------------------------------
    def step_scenario(self, step: int) -> None:
        count = len(self.session.state.scenarios)
        self.session.run(Workbench.select, (self.session.state.selected + step) % count)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Escape, Qt.Key.Key_F11):
            self.close()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.step_scenario(1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace):
            self.step_scenario(-1)
        elif key == Qt.Key.Key_Down:
            self.show_chart(self.chart_index + 1)
        elif key == Qt.Key.Key_Up:
            self.show_chart(self.chart_index - 1)
        elif Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and key - Qt.Key.Key_1 < self.chart_count:
            self.show_chart(key - Qt.Key.Key_1)
        elif key == Qt.Key.Key_Home:
            self.session.run(Workbench.select, 0)
        elif key == Qt.Key.Key_End:
            self.session.run(Workbench.select, len(self.session.state.scenarios) - 1)
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.session.advice_changed.disconnect(self.render_advice)
        self.session.scenarios_changed.disconnect(self._scenarios_changed)
        self.left.emit()
        super().closeEvent(event)


def _enlarge(chart: ChartBase) -> None:
    """Large type on a chart: ticks, axis titles, the legend and the labels drawn in the plot."""
    import pyqtgraph as pg

    font = QFont(chart.font())
    font.setPointSizeF(CHART_PT)
    for side in ("left", "bottom", "right"):
        axis = chart.plot_item.getAxis(side) if side in chart.plot_item.axes else None
        if axis is None:
            continue
        axis.setStyle(tickFont=font, tickTextOffset=8, autoExpandTextSpace=True)
        if side == "bottom":  # room for the larger tick labels and the axis title under them
            axis.setHeight(int(QFontMetrics(font).height() * (3.2 if axis.labelText else 2.0)))
        axis.labelStyle = {"font-size": f"{CHART_PT}pt", "color": INK}
        axis._updateLabel()
    legend = chart.plot_item.legend
    if legend is not None:
        legend.setLabelTextSize(f"{CHART_PT * 0.85:g}pt")
        for _sample, text in legend.items:
            text.setText(text.text, size=f"{CHART_PT * 0.85:g}pt", color=INK)
    for item in chart.scene().items():  # totals over bars, break-even and "this workload" labels, read-outs
        if isinstance(item, pg.TextItem):
            item.setFont(font)
