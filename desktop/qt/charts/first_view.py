"""The cost chart's first view, painted with QPainter from the Advice: the window's first paint needs no pyqtgraph.

pyqtgraph costs about as much to import as the rest of the window takes to build (it copies every Qt class into
its own namespace), so the window starts with this light widget in the "Cost vs volume" tab and swaps in the
real, interactive chart (desktop.qt.charts.cost_curve) right after its first paint. To make the swap a non-event,
this draws what that chart draws, where it draws it: the same whole-decade ranges with pyqtgraph's 2% padding,
axes laid out by pyqtgraph's own rules (tick text width + offset + 0.8 x the title's height), decade grid lines,
one curve per option in its colour and line style (gaps where an option cannot be priced), the legend at
(10, 10), the break-even diamonds with their labels alternating above and below, and the current volume's line
with its label at 93% of its height. It has no hover read-out: the real chart is there before a hand reaches
the mouse.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from desktop.model.advice.advise import Advice, Curves
from desktop.model.format import short_number
from desktop.model.options.registry import short_label
from desktop.present.cost_chart import (
    LogSpan,
    break_even_label,
    break_even_points,
    cost_axes,
    current_label,
    curve_runs,
    label_anchors,
)
from desktop.present.i18n import shown, tr
from desktop.qt.charts.palette import ChartColors, chart_colors, pen_style

TICK_TEXT_OFFSET = (5, 2)  # pyqtgraph AxisItem: between the tick text and the axis (horizontal, vertical)
TICK_TEXT_MIN = (30, 18)  # and the room it keeps for tick text at the least (width, height)
TICK_LENGTH = 5  # outwards; the log axes' minor ticks at 2..9 x each decade are 1.5 times shorter
LABEL_SHARE = 0.8  # pyqtgraph counts 0.8 of an axis title's height
TITLE_NUDGE = 5
TEXT_MARGIN = 4  # a QGraphicsTextItem's document margin
LEGEND_OFFSET = 10
LEGEND_MARGIN = 9
LEGEND_SAMPLE = 20
LEGEND_SPACING = 5
LEGEND_ROW = 22
LEGEND_LABEL_PT = 9
DIAMOND = 11  # pyqtgraph's "d" symbol: 0.8 of this wide, this high


def _x_label(value: float) -> str:
    return short_number(value)


def _y_label(value: float) -> str:
    return f"${short_number(value)}"


class CostCurveFirstView(QWidget):
    """Paints the cost chart from the last Advice given to `render_advice`."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("cost_curve_first_view")
        # no minimum size: the window's stays as it was
        self.setAccessibleName(tr("Monthly cost against monthly volume"))
        self._advice: Advice | None = None

    def render_advice(self, advice: Advice) -> None:
        self._advice = advice
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            colors = chart_colors(self.palette())
            painter.fillRect(self.rect(), QColor(colors.background))
            if self._advice is not None:
                self._paint(painter, self._advice)
        finally:
            painter.end()

    def _paint(self, painter: QPainter, advice: Advice) -> None:
        curves = advice.curves
        spans = cost_axes(curves)
        if spans is None:
            return
        colors = chart_colors(self.palette())
        ink = QColor(colors.foreground)
        font = QFont(self.font())
        painter.setFont(font)
        metrics = QFontMetricsF(font, self)
        x_span, y_span = spans.volume.padded(), spans.cost.padded()  # as the real chart pads its range
        x0, x1, y0, y1 = x_span.low, x_span.high, y_span.low, y_span.high
        x_ticks, y_ticks = list(x_span.decades()), list(y_span.decades())

        def text_rect(text: str) -> QRectF:
            rect = metrics.boundingRect(QRectF(0, 0, 100, 100), Qt.AlignmentFlag.AlignCenter, text)
            rect.setHeight(rect.height() * 0.8)
            return rect

        title_height = math.ceil(metrics.lineSpacing()) + 2 * TEXT_MARGIN
        left_width = (max([TICK_TEXT_MIN[0]] + [text_rect(_y_label(10.0 ** d)).width() for d in y_ticks])
                      + TICK_TEXT_OFFSET[0] + title_height * LABEL_SHARE)
        bottom_height = (max([TICK_TEXT_MIN[1]] + [text_rect(_x_label(10.0 ** d)).height() for d in x_ticks])
                         + TICK_TEXT_OFFSET[1] + title_height * LABEL_SHARE)
        outer = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        view = QRectF(outer.left() + left_width, outer.top(), outer.width() - left_width,
                      outer.height() - bottom_height)
        if view.width() < 10 or view.height() < 10:
            return

        def px(x: float) -> float:
            return view.left() + (x - x0) / (x1 - x0) * view.width()

        def py(y: float) -> float:
            return view.bottom() - (y - y0) / (y1 - y0) * view.height()

        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        grid = QColor(ink)
        grid.setAlphaF(colors.grid_alpha)
        painter.setPen(QPen(grid, 1))
        for d in x_ticks:
            painter.drawLine(QPointF(px(d), view.top()), QPointF(px(d), view.bottom()))
        for d in y_ticks:
            painter.drawLine(QPointF(view.left(), py(d)), QPointF(view.right(), py(d)))
        self._axes(painter, view, outer, ink, text_rect, (x_span, y_span), px, py, curves.unit_name, title_height)

        painter.save()
        painter.setClipRect(view)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for option, values in curves.costs.items():
            painter.setPen(_curve_pen(colors, option, curves.feasible.get(option, True)))
            path = QPainterPath()
            for run in curve_runs(curves.volumes, values):
                path.moveTo(px(math.log10(run[0][0])), py(math.log10(run[0][1])))
                for volume, cost in run[1:]:
                    path.lineTo(px(math.log10(volume)), py(math.log10(cost)))
            painter.drawPath(path)
        if curves.current_volume > 0:
            x = px(math.log10(curves.current_volume))
            painter.setPen(QPen(QColor(colors.marker), 2))
            painter.drawLine(QPointF(x, view.top()), QPointF(x, view.bottom()))
            painter.setPen(ink)
            label = shown(current_label(curves.current_volume))
            top = view.bottom() - 0.93 * view.height()
            painter.drawText(QRectF(x + TEXT_MARGIN, top + TEXT_MARGIN, 400, metrics.lineSpacing()),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), label)
        points = break_even_points(advice.break_even, list(advice.quote.options))
        for ((volume, cost), names), anchor_y in zip(points.items(), label_anchors([v for v, _ in points]),
                                                      strict=True):
            center = QPointF(px(math.log10(volume)), py(math.log10(cost)))
            _diamond(painter, center, ink, QColor(colors.break_even))
            text = shown(break_even_label(names, volume))
            width, height = metrics.horizontalAdvance(text) + 2 * TEXT_MARGIN, title_height
            box = QRectF(center.x() - width / 2, center.y() - anchor_y * height, width, height)
            painter.setPen(ink)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.restore()
        self._legend(painter, view, curves, colors, ink, bool(points))

    def _axes(self, painter: QPainter, view: QRectF, outer: QRectF, ink: QColor, text_rect: Callable[[str], QRectF],
              spans: tuple[LogSpan, LogSpan], px: Callable[[float], float], py: Callable[[float], float],
              unit: str, title_height: float) -> None:
        x_span, y_span = spans
        painter.setPen(QPen(ink, 1))
        painter.drawLine(view.bottomLeft(), view.topLeft())
        painter.drawLine(view.bottomLeft(), view.bottomRight())
        for tick, length in _ticks(y_span):
            y = py(tick)
            painter.drawLine(QPointF(view.left() - length, y), QPointF(view.left(), y))
        for tick, length in _ticks(x_span):
            x = px(tick)
            painter.drawLine(QPointF(x, view.bottom()), QPointF(x, view.bottom() + length))
        for d in y_span.decades():
            y = py(d)
            text = shown(_y_label(10.0 ** d))
            rect = text_rect(text)
            painter.drawText(QRectF(view.left() - TICK_TEXT_OFFSET[0] - rect.width(), y - rect.height() / 2,
                                    rect.width(), rect.height()),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                                 | Qt.TextFlag.TextDontClip), text)
        for d in x_span.decades():
            x = px(d)
            text = shown(_x_label(10.0 ** d))
            rect = text_rect(text)
            box = QRectF(x - rect.width() / 2, view.bottom() + TICK_TEXT_OFFSET[1], rect.width(), rect.height())
            if box.left() >= outer.left() and box.right() <= outer.right() + 1:
                painter.drawText(box, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                                          | Qt.TextFlag.TextDontClip), text)
        top = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        painter.drawText(QRectF(view.left(), outer.bottom() - title_height + TITLE_NUDGE + TEXT_MARGIN, view.width(),
                                title_height), int(top), tr(f"Monthly volume ({unit}s a month, log scale)"))
        painter.save()
        painter.translate(outer.left() - TITLE_NUDGE + 2, view.center().y())
        painter.rotate(-90)
        painter.drawText(QRectF(-view.height() / 2, TEXT_MARGIN, view.height(), title_height), int(top),
                         tr("Monthly cost (USD, log scale)"))
        painter.restore()

    def _legend(self, painter: QPainter, view: QRectF, curves: Curves, colors: ChartColors, ink: QColor,
                break_even: bool) -> None:
        font = QFont(self.font())
        font.setPointSizeF(LEGEND_LABEL_PT)
        metrics = QFontMetricsF(font, self)
        entries = [(shown(short_label(o) + ("" if curves.feasible.get(o, True) else " (ruled out)")), o)
                   for o in curves.costs]
        if break_even:
            entries.append((tr("Break-even"), ""))
        label_width = max(metrics.horizontalAdvance(t) for t, _ in entries) + 2 * TEXT_MARGIN
        box = QRectF(view.left() + LEGEND_OFFSET, view.top() + LEGEND_OFFSET,
                     2 * LEGEND_MARGIN + LEGEND_SAMPLE + LEGEND_SPACING + label_width,
                     2 * LEGEND_MARGIN + LEGEND_ROW * len(entries))
        fill = QColor(colors.background)
        fill.setAlpha(0xCC)
        edge = QColor(ink)
        edge.setAlpha(0x55)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(edge, 1))
        painter.setBrush(fill)
        painter.drawRect(box)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setFont(font)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for i, (text, option) in enumerate(entries):
            top = box.top() + LEGEND_MARGIN + i * LEGEND_ROW
            sample = QRectF(box.left() + LEGEND_MARGIN, top + 1, LEGEND_SAMPLE, LEGEND_SAMPLE)
            if option:
                painter.setPen(_curve_pen(colors, option, curves.feasible.get(option, True)))
                painter.drawLine(QPointF(sample.left(), sample.top() + 11), QPointF(sample.right(), sample.top() + 11))
            else:
                _diamond(painter, sample.center(), ink, QColor(colors.break_even))
            painter.setPen(ink)
            painter.drawText(QRectF(sample.right() + LEGEND_SPACING + TEXT_MARGIN, top + TEXT_MARGIN, label_width,
                                    LEGEND_ROW), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), text)


def _ticks(span: LogSpan) -> list[tuple[float, float]]:
    """pyqtgraph's log-axis ticks: each decade (full length) and 2..9 x each decade (1.5 times shorter)."""
    return [(float(d), float(TICK_LENGTH)) for d in span.decades()] + [(t, TICK_LENGTH / 1.5)
                                                                        for t in span.minor_ticks()]


def _curve_pen(colors: ChartColors, option: str, feasible: bool) -> QPen:
    """An option's curve (and its legend sample): its colour and line style, faint and thin when ruled out."""
    color = colors.option(option)
    if not feasible:
        color.setAlpha(110)
    pen = QPen(color, 3 if feasible else 1.5, pen_style(option))
    pen.setCosmetic(True)
    return pen


def _diamond(painter: QPainter, center: QPointF, edge: QColor, fill: QColor) -> None:
    half_w, half_h = 0.4 * DIAMOND, 0.5 * DIAMOND
    painter.setPen(QPen(edge, 1))
    painter.setBrush(fill)
    painter.drawPolygon(QPolygonF([center + QPointF(0, -half_h), center + QPointF(-half_w, 0),
                                   center + QPointF(0, half_h), center + QPointF(half_w, 0)]))
    painter.setBrush(Qt.BrushStyle.NoBrush)
