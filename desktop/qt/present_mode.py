"""Present mode (View > Present, F11): full screen, large type and high contrast, for a room and a projector.

It shows the selected scenario's name, the recommendation's headline, each option's monthly total and one chart
at a time. Keys: Left/Right (or Page Up/Page Down, as a presenter's clicker sends) step through the scenarios,
Up/Down (or 1-6) through the charts (the horizon's "Over the years" among them),
Esc or F11 leaves. Stepping a scenario selects it in the window too.
Everything renders from the Session (the advice of the shown scenario, the comparison of them all).

Type, margins, tiles and the chart's type scale with the window (1 at 1920x1080, about 0.67 on a 1280x720
projector): every compared option's tile, the headline (shrunk to its lines) and a chart at least about half the
height fit a 1280x720 screen; a long scenario name elides (whole in its tooltip).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QFont, QFontMetrics, QKeyEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from desktop.model.advice.advise import Advice
from desktop.model.format import left_out_cell, left_out_text, usd
from desktop.model.options.registry import label as option_label
from desktop.present.i18n import shown, tr
from desktop.present.style import option_colour
from desktop.present.workshop import change_text
from desktop.qt.charts.base import ChartBase
from desktop.qt.charts.setup import configure_pyqtgraph
from desktop.qt.elided_label import ElidedLabel
from desktop.qt.locale_numbers import locale_format
from desktop.qt.session import Session
from desktop.workbench.workbench import Workbench

BACKGROUND = "#000000"
INK = "#FFFFFF"
MUTED = "#C8C8C8"
ACCENT = "#F0E442"  # Okabe-Ito yellow: the recommended option's frame
TEXT_PT = 20  # at scale 1 (1920x1080)
CHART_PT = 16
REFERENCE_SIZE = (1920, 1080)
MIN_SCALE, MAX_SCALE = 0.5, 1.6
TILE_PX = 340  # a tile's width at scale 1 ("Amazon ECS Managed" at 20 pt, and its margins)
HEADLINE_LINES = 2  # the headline shrinks (to 0.75 of its size) to fit this many lines
CHART_TITLES = ("Cost against volume", "What each total is made of", "Most sensitive assumptions",
                "Capacity hour by hour", "Over the years", "All scenarios: recommended totals")
KEYS_HELP = "← → scenario    ↑ ↓ chart    1-6 pick a chart    Esc leave"


def high_contrast_palette() -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, BACKGROUND), (QPalette.ColorRole.Base, BACKGROUND),
                         (QPalette.ColorRole.WindowText, INK), (QPalette.ColorRole.Text, INK),
                         (QPalette.ColorRole.Button, BACKGROUND), (QPalette.ColorRole.ButtonText, INK)):
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(MUTED))
    return palette


def screen_scale(size: QSize, tiles: int = 5) -> float:
    """How large present mode draws in a window of `size` (logical pixels) with `tiles` options: 1 at 1920x1080,
    less when more than five tiles need the width."""
    scale = min(size.width() / REFERENCE_SIZE[0], size.height() / REFERENCE_SIZE[1],
                size.width() / (tiles * TILE_PX + 2 * 48 + (tiles - 1) * 18))
    return max(MIN_SCALE, min(MAX_SCALE, scale))


def _label(parent: QWidget, size: float, bold: bool = False, colour: str = INK, name: str = "",
           elide: bool = False) -> QLabel:
    """A label whose type is `size` points at scale 1 (see PresentWindow.set_scale); plain text (scenario names
    are the user's); one eliding line, or word-wrapped."""
    label: QLabel = ElidedLabel(parent) if elide else QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(not elide)
    label.setProperty("base_pt", size)
    _set_point_size(label, size, bold)
    label.setStyleSheet(f"color: {colour};")
    if name:
        label.setObjectName(name)
    return label


def _set_point_size(widget: QWidget, size: float, bold: bool | None = None) -> None:
    font = QFont(widget.font())
    font.setPointSizeF(max(size, 6.0))
    if bold is not None:
        font.setBold(bold)
    widget.setFont(font)


class OptionTile(QFrame):
    """One option's monthly total, large; the recommended one framed; under it what the total leaves out (counted
    as the window's table counts it, in the warning colour), so an incomplete total never reads as whole."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.name = _label(self, TEXT_PT)
        self.total = _label(self, TEXT_PT * 2, bold=True)
        self.status = _label(self, TEXT_PT * 0.8, colour=MUTED)
        self.left_out = _label(self, TEXT_PT * 0.8, colour=ACCENT)
        self.left_out.setObjectName("present_left_out")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # the row shares the width
        self.column = QVBoxLayout(self)
        self.column.setSpacing(2)
        for widget in (self.name, self.total, self.status, self.left_out):
            self.column.addWidget(widget)
        self.set_scale(1.0)

    def set_scale(self, scale: float) -> None:
        self.column.setContentsMargins(round(18 * scale), round(10 * scale), round(18 * scale), round(10 * scale))
        for label in (self.name, self.total, self.status, self.left_out):
            _set_point_size(label, float(label.property("base_pt")) * scale)

    def show_option(self, option_id: str, text: str, total: str, status: str, recommended: bool,
                    left_out: str = "") -> None:
        colour = option_colour(option_id, dark=True)
        self.name.setText(text)
        self.name.setStyleSheet(f"color: {colour};")
        self.total.setText(total)
        self.status.setText(status)
        self.left_out.setText(left_out)
        self.left_out.setVisible(bool(left_out))
        border = ACCENT if recommended else "#555555"
        width = 4 if recommended else 1
        self.setStyleSheet(f"OptionTile {{ border: {width}px solid {border}; border-radius: 6px; }}")


class PresentWindow(QWidget):
    left = Signal()  # present mode was left

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("present_mode")
        self.setWindowTitle(tr("ComputeFit - present"))
        self.session = session
        self.setAutoFillBackground(True)
        self.setPalette(high_contrast_palette())
        font = QFont(self.font())
        font.setPointSizeF(CHART_PT)
        self.setFont(font)
        self.scale = 0.0
        self.fmt = locale_format()  # numbers in the user's locale (amounts stay USD)
        self.title = _label(self, TEXT_PT * 2.2, bold=True, name="present_title", elide=True)
        self.subtitle = _label(self, TEXT_PT, colour=MUTED, name="present_subtitle", elide=True)
        self.headline = _label(self, TEXT_PT * 1.3, bold=True, name="present_headline")
        self.tiles: list[OptionTile] = []
        self.tile_row = QHBoxLayout()
        self.tile_row.setSpacing(18)
        self.chart_title = _label(self, TEXT_PT * 1.1, bold=True, name="present_chart_title")
        self.stack = QStackedWidget(self)
        self.keys = _label(self, TEXT_PT * 0.75, colour=MUTED, elide=True)
        self.keys.setText(tr(KEYS_HELP))
        self.column = column = QVBoxLayout(self)
        for widget in (self.title, self.subtitle, self.headline):
            column.addWidget(widget)
        column.addLayout(self.tile_row)
        column.addWidget(self.chart_title)
        column.addWidget(self.stack, 1)
        column.addWidget(self.keys)
        self.labels = (self.title, self.subtitle, self.headline, self.chart_title, self.keys)
        configure_pyqtgraph()
        from desktop.qt.charts.breakdown import BreakdownChart
        from desktop.qt.charts.cost_curve import CostCurveChart
        from desktop.qt.charts.horizon import HorizonChart
        from desktop.qt.charts.hourly_capacity import HourlyCapacityChart
        from desktop.qt.charts.scenario_totals import ScenarioTotalsChart
        from desktop.qt.charts.tornado import TornadoChart

        self.comparison_chart = ScenarioTotalsChart(self)  # last: shown only when there is something to compare
        self.charts: tuple[ChartBase, ...] = (CostCurveChart(self), BreakdownChart(self), TornadoChart(self),
                                              HourlyCapacityChart(self), HorizonChart(self), self.comparison_chart)
        for chart in self.charts:
            self.stack.addWidget(chart)
        self.chart_index = 0
        self.set_scale(screen_scale(self.screen().size(), len(session.advice.quote.options)))
        session.advice_changed.connect(self.render_advice)
        session.advice_completed.connect(self._advice_completed)
        session.scenarios_changed.connect(self._scenarios_changed)
        self.render_advice(session.advice)

    # --- size -------------------------------------------------------------------------------------------
    def set_scale(self, scale: float) -> None:
        """Type, margins and spacing at `scale` (1 at 1920x1080), the tiles' and the chart's included."""
        if abs(scale - self.scale) < 0.01:
            return
        self.scale = scale
        self.column.setContentsMargins(round(48 * scale), round(28 * scale), round(48 * scale), round(18 * scale))
        self.column.setSpacing(round(10 * scale))
        self.tile_row.setSpacing(round(18 * scale))
        for label in self.labels:
            _set_point_size(label, float(label.property("base_pt")) * scale)
        for tile in self.tiles:
            tile.set_scale(scale)
        _set_point_size(self, CHART_PT * scale)
        if self.charts:
            _enlarge(self.charts[self.chart_index], CHART_PT * scale)
        self._fit_headline()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.set_scale(screen_scale(event.size(), len(self.session.advice.quote.options)))
        self._fit_headline()

    def _fit_headline(self) -> None:
        """The headline's type from its size down to three quarters of it, the largest that fits its lines."""
        base = float(self.headline.property("base_pt")) * self.scale
        width = max(self.width() - self.column.contentsMargins().left() * 2, 200)
        text = self.headline.text()
        size = base
        while size > base * 0.75:
            font = QFont(self.headline.font())
            font.setPointSizeF(size)
            metrics = QFontMetrics(font)
            need = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text).height()
            if need <= metrics.lineSpacing() * HEADLINE_LINES + 2:
                break
            size -= base * 0.05
        _set_point_size(self.headline, size)

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
        comparison = self.session.comparison
        if len(state.scenarios) > 1 and comparison.kind != "parts":  # parts of one system have no change
            row = comparison.rows[state.selected]
            where.append("the baseline" if row.is_baseline else f"against the baseline: {change_text(row)}")
        where.append(f"{quote.region} ({quote.region_name})")
        where.append(f"{quote.units_per_month:,} {quote.unit_name}s a month")
        self.subtitle.setText(shown("   \u00b7   ".join(where), self.fmt))
        self.headline.setText(shown(rec.headline or "No option is feasible for this workload", self.fmt))
        self.set_scale(screen_scale(self.size(), len(quote.options)))
        self._fit_headline()
        self._show_tiles(advice)
        self.show_chart(min(self.chart_index, self.chart_count - 1))

    def _scenarios_changed(self) -> None:
        self.render_advice(self.session.advice)

    def _advice_completed(self, advice: Advice) -> None:
        """The worker's bands (a ranged workload's cost chart, a ranged growth's horizon) are known: the chart on
        screen drawn again with them."""
        if advice is self.session.advice and self.charts[self.chart_index] is not self.comparison_chart:
            self.show_chart(self.chart_index)

    def _show_tiles(self, advice: Advice) -> None:
        options = list(advice.quote.options.values())
        while len(self.tiles) < len(options):
            tile = OptionTile(self)
            tile.set_scale(self.scale)
            self.tiles.append(tile)
            self.tile_row.addWidget(tile, 1)
        for tile, option in zip(self.tiles, options, strict=False):
            recommended = option.option == advice.recommendation.option
            status = "recommended" if recommended else ("feasible" if option.feasible else "ruled out")
            total = shown(usd(option.monthly_usd, option.estimated), self.fmt) if option.feasible \
                else "\u2013"
            more = f"{left_out_cell(option)} (no {option.left_out_region} price)" if option.feasible and \
                option.missing else ""
            tile.show_option(option.option, option_label(option.option), total, status + " \u00b7 a month"
                             if option.feasible else status, recommended, more)
            tile.setToolTip(left_out_text(option))
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
        _enlarge(chart, CHART_PT * self.scale)
        self.stack.setCurrentWidget(chart)
        self.chart_title.setText(
            tr(f"{tr(CHART_TITLES[self.chart_index])}   ({self.chart_index + 1} of {self.chart_count})"))

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
        self.session.advice_completed.disconnect(self._advice_completed)
        self.session.scenarios_changed.disconnect(self._scenarios_changed)
        self.left.emit()
        super().closeEvent(event)


def _enlarge(chart: ChartBase, points: float) -> None:
    """Large type on a chart (`points`): ticks, axis titles, the legend and the labels drawn in the plot."""
    import pyqtgraph as pg

    font = QFont(chart.font())
    font.setPointSizeF(points)
    for side in ("left", "bottom", "right"):
        axis = chart.plot_item.getAxis(side) if side in chart.plot_item.axes else None
        if axis is None:
            continue
        axis.setStyle(tickFont=font, tickTextOffset=8, autoExpandTextSpace=True)
        if side == "bottom":  # room for the larger tick labels and the axis title under them
            axis.setHeight(int(QFontMetrics(font).height() * (3.2 if axis.labelText else 2.0)))
        axis.labelStyle = {"font-size": f"{points:.1f}pt", "color": INK}
        axis._updateLabel()
    legend = chart.plot_item.legend
    if legend is not None:
        legend.setLabelTextSize(f"{points * 0.85:.1f}pt")
        for _sample, text in legend.items:
            text.setText(text.text, size=f"{points * 0.85:.1f}pt", color=INK)
    for item in chart.scene().items():  # totals over bars, break-even and "this workload" labels, read-outs
        if isinstance(item, pg.TextItem):
            item.setFont(font)
    place = getattr(chart, "place_labels", None)
    if callable(place):  # larger labels: placed again, clear of each other and the legend
        place()
