"""The workshop chart on a QPainter (the PDF summary page): each scenario's recommended monthly total, as bars
grouped by the option recommended, in the option's colour. Vectors, from the Comparison only; its texts in the app's
language (the scenarios' names as written)."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter

from desktop.model.format import usd_tick
from desktop.model.options.registry import short_label
from desktop.model.workshop.compare import Comparison
from desktop.present.i18n import shown
from desktop.present.style import option_colour
from desktop.present.workshop import bar_amount, bar_label, bar_layout
from desktop.report.sheet.charts import GRID, INK, begin_chart, font_metrics, pixels_per_point, sheet_font

MANY_BARS = 8  # more bars than this are labelled with their number in the table


def _nice_top(value: float) -> float:
    if value <= 0:
        return 1.0
    step = 10.0 ** len(str(int(value))) / 10
    for factor in (1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if value <= step * factor:
            return float(step * factor)
    return float(step * 10)


def draw_scenario_chart(painter: QPainter, rect: QRectF, comparison: Comparison) -> None:
    pt = pixels_per_point(painter)
    title_bottom = begin_chart(painter, rect, "Recommended monthly total of each scenario, grouped by option "
                                              "(≥: its total leaves out a price)")
    painter.setFont(sheet_font(6.5))
    metrics = font_metrics(painter)
    bars, groups = bar_layout(comparison)
    many = len(bars) > MANY_BARS
    axis_w = metrics.horizontalAdvance("$000k") + 6 * pt
    plot = QRectF(rect.left() + axis_w, title_bottom + 10 * pt, rect.width() - axis_w,
                  rect.height() - (title_bottom - rect.top()) - 10 * pt - 3 * metrics.height() - 4 * pt)
    if not bars:
        painter.setPen(INK)
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, shown("No scenario has a feasible option."))
        painter.restore()
        return
    top = _nice_top(max(b.usd for b in bars))
    span = bars[-1].x + 1
    slot = plot.width() / span
    for step in range(5):  # horizontal grid and money ticks
        value: float = top * step / 4
        y = plot.bottom() - plot.height() * step / 4
        painter.setPen(GRID)
        painter.drawLine(QLineF(plot.left(), y, plot.right(), y))
        painter.setPen(INK)
        text = shown(usd_tick(value)) if value else "$0"
        painter.drawText(QPointF(plot.left() - metrics.horizontalAdvance(text) - 3 * pt, y + metrics.ascent() / 2),
                         text)
    for bar in bars:
        height = plot.height() * bar.usd / top
        left = plot.left() + bar.x * slot + slot * 0.15
        box = QRectF(left, plot.bottom() - height, slot * 0.7, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(option_colour(bar.option)))
        painter.drawRect(box)
        painter.setPen(INK)
        amount = shown(bar_amount(bar))
        if metrics.horizontalAdvance(amount) <= slot * 1.1:
            painter.drawText(QPointF(box.center().x() - metrics.horizontalAdvance(amount) / 2, box.top() - 2 * pt),
                             amount)
        label = metrics.elidedText(bar_label(bar.row, many), Qt.TextElideMode.ElideRight, slot * 0.95)
        painter.drawText(QPointF(box.center().x() - metrics.horizontalAdvance(label) / 2,
                                 plot.bottom() + metrics.ascent() + 2 * pt), label)
    painter.setFont(sheet_font(7, bold=True))
    bold = font_metrics(painter)
    for group in groups:
        left = plot.left() + group.first * slot
        right = plot.left() + (group.last + 1) * slot
        y = plot.bottom() + metrics.height() + 4 * pt
        painter.setPen(QColor(option_colour(group.option)))
        painter.drawLine(QLineF(left + 2 * pt, y, right - 2 * pt, y))
        text = bold.elidedText(short_label(group.option), Qt.TextElideMode.ElideRight, right - left)
        painter.setPen(INK)
        painter.drawText(QPointF((left + right) / 2 - bold.horizontalAdvance(text) / 2, y + bold.ascent() + 2 * pt),
                         text)
    painter.setPen(INK)
    painter.drawLine(QLineF(plot.left(), plot.bottom(), plot.right(), plot.bottom()))
    painter.restore()
