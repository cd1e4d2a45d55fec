"""The workshop chart in the window: each scenario's recommended monthly total, bars grouped by the option
recommended (in its colour), the baseline outlined. Renders from the Comparison only."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF
from PySide6.QtGui import QColor, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QWidget

from desktop.model.advice.advise import Advice
from desktop.model.format import usd_compact
from desktop.model.options.registry import short_label
from desktop.model.workshop.compare import Comparison
from desktop.present.i18n import shown, tr
from desktop.present.workshop import Bar, bar_amount, bar_label, bar_layout, change_text, left_out_words
from desktop.qt.charts.base import ChartBase

BAR_WIDTH = 0.7
MANY_BARS = 8  # more bars than this are labelled with their number in the table


class ScenarioTotalsChart(ChartBase):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("scenario_totals_chart", parent, money_y=True)
        self.setAccessibleName(tr("Recommended monthly total of each scenario, grouped by option"))
        self.setMinimumSize(200, 120)  # a dock under the window's main area: it must fit at 1280x800
        self.comparison: Comparison | None = None
        self.bars: list[Bar] = []
        self.option_bars: dict[str, pg.BarGraphItem] = {}
        self.labels: list[pg.TextItem] = []
        self._spans: tuple[tuple[float, float], tuple[float, float]] | None = None  # the view's ranges set
        self.plot_item.setLabel("left", tr("Recommended, USD a month"))
        self.apply_colors()

    def render_advice(self, advice: Advice) -> None:
        """Not drawn from one advice: see render_comparison."""

    def draw(self, advice: Advice) -> None:
        if self.comparison is not None:
            self.render_comparison(self.comparison)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        comparison = getattr(self, "comparison", None)  # None while pyqtgraph's constructor sets the palette
        if event.type() == QEvent.Type.PaletteChange and comparison is not None:
            self.render_comparison(comparison)

    def render_comparison(self, comparison: Comparison) -> None:
        """Draw the bars; the bar items and text labels are kept and reused from one comparison to the next."""
        self.comparison = comparison
        self.bars, groups = bar_layout(comparison)
        many = len(self.bars) > MANY_BARS
        highest = max((b.usd for b in self.bars), default=0.0)
        used: set[str] = set()
        for group in groups:
            rows = [b for b in self.bars if b.option == group.option]
            colour = self.colors.option(group.option)
            item = self.option_bars.get(group.option)
            if item is None:
                item = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH)
                self.plot_item.addItem(item)
                self.option_bars[group.option] = item
            bars = (tuple((b.x, b.usd, b.row.is_baseline) for b in rows), colour.rgba(),
                    QColor(self.colors.foreground).rgba())
            if getattr(item, "shown", None) != bars:  # an edit (or a spread come in) leaves most groups as they are
                pens = [pg.mkPen(self.colors.foreground, width=2.5) if b.row.is_baseline else pg.mkPen(colour)
                        for b in rows]
                item.setOpts(x=[b.x for b in rows], height=[b.usd for b in rows], width=BAR_WIDTH, brush=colour,
                             pens=pens)
                item.shown = bars
            used.add(group.option)
        for option, item in self.option_bars.items():
            if option not in used and getattr(item, "shown", None) != ():
                item.setOpts(x=[], height=[])
                item.shown = ()
        texts: list[tuple[str, float, float, QColor, tuple[float, float]]] = [
            (bar_amount(b), b.x, b.usd, QColor(self.colors.foreground), (0.5, 1.0)) for b in self.bars]
        texts += [(short_label(g.option), (g.first + g.last) / 2, max(highest, 1.0) * 1.38,
                   self.colors.option(g.option), (0.5, 0.0)) for g in groups]  # the option over its group
        while len(self.labels) < len(texts):
            label = pg.TextItem("")
            self.plot_item.addItem(label, ignoreBounds=True)
            self.labels.append(label)
        for label, drawn in zip(self.labels, texts, strict=False):
            if getattr(label, "shown", None) == drawn:
                continue  # an edit moves one bar: its label only
            text, x, y, ink, anchor = drawn
            label.setText(shown(text), color=ink)
            label.setAnchor(anchor)
            label.setPos(x, y)
            label.show()
            label.shown = drawn
        for label in self.labels[len(texts):]:
            label.hide()
            label.shown = None
        self._label_bars(many)
        last = self.bars[-1].x if self.bars else 1.0
        spans = ((-0.9, last + 0.9), (0, max(highest, 1.0) * 1.4))  # room for the group names over the end bars
        if spans != self._spans:
            self._spans = spans
            self.plot_item.setXRange(*spans[0], padding=0)
            self.plot_item.setYRange(*spans[1])
        self.set_notice("" if self.bars else "No scenario has a feasible option")

    def _label_bars(self, many: bool) -> None:
        """Names under the bars where they fit, else the scenarios' numbers in the table."""
        names = [bar_label(b.row, many) for b in self.bars]
        room = self.view_box.width() / max(len(self.bars), 1) if self.bars else 0.0
        metrics = QFontMetrics(self.font())
        if not many and any(metrics.horizontalAdvance(n) > room * 0.95 for n in names):
            names = [bar_label(b.row, True) for b in self.bars]
        ticks = [[(b.x, n) for b, n in zip(self.bars, names, strict=True)]]
        axis = self.plot_item.getAxis("bottom")
        if getattr(axis, "_tickLevels", None) != ticks:  # new ticks lay the axis out and repaint it (pyqtgraph keeps
            # them there; without it, set each time)
            axis.setTicks(ticks)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if getattr(self, "bars", None):
            self._label_bars(len(self.bars) > MANY_BARS)

    def hover(self, point: QPointF) -> str:
        for bar in self.bars:
            if abs(point.x() - bar.x) <= BAR_WIDTH / 2 and 0 <= point.y() <= bar.usd:
                row = bar.row
                lines = [f"{row.index + 1}. {row.name}", f"{short_label(bar.option)}: {usd_compact(bar.usd)} a month"]
                if row.recommended_left_out:
                    lines.append(f"leaves out {left_out_words(row)}")
                if change_text(row) and not row.is_baseline:
                    lines.append(f"Against the baseline: {change_text(row)}")
                return "\n".join(lines)
        return ""

    def _mouse_moved(self, scene_pos: QPointF) -> None:
        if not self.bars or not self.view_box.sceneBoundingRect().contains(scene_pos):
            self.readout.setText("")
            return
        self.readout.setText(shown(self.hover(self.view_box.mapSceneToView(scene_pos))))
