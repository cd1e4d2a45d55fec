"""The sheet's charts, drawn with QPainter straight from the Advice data: vectors on a PDF, never a screenshot.

`draw_cost_chart` draws monthly cost against monthly volume (both axes log scale) with the break-even
points and the current workload; `draw_breakdown_chart` draws what each option's cost is made of.
Sizes are given in points and converted with the paint device's resolution, so the same code draws
on a QPdfWriter at any resolution or on a QImage for a preview. Colours are Okabe-Ito (colour-blind safe).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from desktop.model.advice.advise import Advice, BreakEven, Curves
from desktop.model.advice.uncertainty import monte_carlo_once
from desktop.model.format import left_out_short, short_number, usd, usd_tick
from desktop.model.options.registry import short_label
from desktop.model.pricing.quote import OptionQuote, Quote
from desktop.present.breakdown import bar_pieces, discount_total
from desktop.present.cost_chart import (
    CostAxes,
    break_even_label,
    break_even_points,
    cost_axes,
    current_label,
    curve_runs,
    free_label_box,
)
from desktop.present.i18n import shown
from desktop.present.style import group_style, option_colour
from desktop.present.text import curve_left_out

INK = QColor("#222222")
GRID = QColor("#DDDDDD")
FONT_FAMILY = "DejaVu Sans"
NO_LIGATURES = ("liga", "clig", "dlig")
MAX_DECADES = 6  # of the cost axis; lower costs sit on its floor


def pixels_per_point(painter: QPainter) -> float:
    """Device pixels per point for the painter's device."""
    device = painter.device()
    return (device.logicalDpiX() if device is not None else 72) / 72.0


def font_metrics(painter: QPainter) -> QFontMetricsF:
    """Font metrics for the painter's device (a PDF's resolution differs from the screen's)."""
    device = painter.device()
    return QFontMetricsF(painter.font(), device) if device is not None else QFontMetricsF(painter.font())


def sheet_font(size_pt: float, bold: bool = False) -> QFont:
    """The sheet's font, without ligatures: "fi" must extract and search as two letters, not "\ufb01"."""
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(size_pt)
    font.setBold(bold)
    for tag in NO_LIGATURES:
        font.setFeature(QFont.Tag(tag), 0)
    return font


def _pen(colour: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour, width, style)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


class _LogAxes:
    """Maps (volume, USD) to points in the plot rectangle, both on log10 scales (costs clamped to the axis)."""

    def __init__(self, plot: QRectF, spans: CostAxes):
        self.plot = plot
        self.spans = spans

    def x(self, volume: float) -> float:
        return self.plot.left() + self.spans.volume.fraction(volume) * self.plot.width()

    def y(self, usd: float) -> float:
        return self.plot.bottom() - min(max(self.spans.cost.fraction(usd), 0.0), 1.0) * self.plot.height()


def _draw_legend(painter: QPainter, left: float, top: float, entries: list[tuple[str, QColor, bool]],
                 pt: float, right: float | None = None) -> float:
    """One line sample and name per entry, wrapping at `right`; returns the legend's bottom edge."""
    painter.setFont(sheet_font(6.5))
    metrics = font_metrics(painter)
    x = left
    for text, colour, dashed in ((shown(t), c, d) for t, c, d in entries):
        width = 15 * pt + metrics.horizontalAdvance(text) + 9 * pt
        if right is not None and x > left and x + width - 9 * pt > right:
            x, top = left, top + metrics.height() + 2 * pt
        style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
        painter.setPen(_pen(colour, 2 * pt, style))
        mid = top + metrics.ascent() / 2 + metrics.descent() / 2
        painter.drawLine(QLineF(x, mid, x + 12 * pt, mid))
        painter.setPen(INK)
        painter.drawText(QPointF(x + 15 * pt, top + metrics.ascent()), text)
        x += width
    return top + metrics.height()


def begin_chart(painter: QPainter, rect: QRectF, title: str) -> float:
    """Save the painter, turn antialiasing on and draw the chart's title; returns the title's bottom edge.
    The caller restores the painter."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setFont(sheet_font(8, bold=True))
    metrics = font_metrics(painter)
    painter.setPen(INK)
    painter.drawText(QPointF(rect.left(), rect.top() + metrics.ascent()), shown(title))
    return rect.top() + metrics.height()


@dataclass(frozen=True, slots=True)
class Bands:
    """A ranged workload's Monte Carlo at its volume: each option's (P10, P50, P90) monthly cost, and what they are
    ("P10-P90 of 10,000 samples, seed 7")."""

    options: Mapping[str, tuple[float, float, float]]
    words: str


def sheet_bands(advice: Advice) -> Bands | None:
    """The Monte Carlo's bars for the sheet's cost chart (None without ranges, or when the draw is refused: the
    sheet's text says why)."""
    try:
        found = monte_carlo_once(advice.workload, advice.book, advice.quote)
    except ValueError:
        return None
    if found is None:
        return None
    options = {o: (float(s.p10), float(s.p50), float(s.p90)) for o, s in found.options.items()
               if s.p10 is not None and s.p50 is not None and s.p90 is not None and found.complete.get(o, True)}
    return Bands(options, f"P10-P90 a month (tick: P50) of {found.samples:,} samples, seed {found.seed}")


def draw_cost_chart(painter: QPainter, rect: QRectF, curves: Curves, break_even: Sequence[BreakEven] = (),
                    bands: Bands | None = None) -> None:
    """Monthly cost of each option against monthly volume, log-log, with break-even points and 'this workload'
    (and, for a ranged workload, each option's P10-P90 bar at its volume)."""
    pt = pixels_per_point(painter)
    title_bottom = begin_chart(painter, rect, f"Monthly cost (USD) against {curves.unit_name}s a month")
    legend_top = title_bottom + 2 * pt
    options = list(curves.costs)
    entries = [(_legend_name(curves, o), QColor(option_colour(o)), not curves.feasible.get(o, True)) for o in options]
    entries += [(f"bars at this workload: {bands.words}", QColor("#777777"), False)] if bands else []
    legend_bottom = _draw_legend(painter, rect.left() + 30 * pt, legend_top, entries, pt, rect.right())
    plot_top = legend_bottom + 5 * pt
    plot = QRectF(rect.left() + 30 * pt, plot_top, rect.width() - 36 * pt, rect.bottom() - plot_top - 24 * pt)

    spans = cost_axes(curves, MAX_DECADES)
    if spans is None:
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, shown("No priced option to chart"))
        painter.restore()
        return
    axes = _LogAxes(plot, spans)
    _draw_log_grid(painter, axes, pt, curves.unit_name)

    painter.save()  # the curves are clipped to the plot, within the page's own clip (never drawn past the page)
    painter.setClipRect(plot.adjusted(-3 * pt, -3 * pt, 3 * pt, 3 * pt), Qt.ClipOperation.IntersectClip)
    for option in options:
        feasible = curves.feasible.get(option, True)
        colour = QColor(option_colour(option))
        if not feasible:
            colour.setAlpha(150)
        style = Qt.PenStyle.SolidLine if feasible else Qt.PenStyle.DashLine
        painter.setPen(_pen(colour, (1.8 if feasible else 1.2) * pt, style))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath()
        for run in curve_runs(curves.volumes, curves.costs[option], zero_on_floor=True):
            path.moveTo(axes.x(run[0][0]), axes.y(run[0][1]))
            for volume, cost in run[1:]:
                path.lineTo(axes.x(volume), axes.y(cost))
        if path.elementCount() > 1:  # an option with no priced point has no curve (an empty path is a bad PDF)
            painter.drawPath(path)
    painter.restore()

    _draw_current(painter, axes, curves, pt)
    _draw_break_even(painter, axes, break_even, options, pt)
    if bands is not None:  # over the break-even marks: a bar at this volume is the point of the chart here
        _draw_bands(painter, axes, curves.current_volume, bands, pt)
    painter.restore()


def _draw_bands(painter: QPainter, axes: _LogAxes, volume: float, bands: Bands, pt: float) -> None:
    """Each option's P10-P90 bar with a P50 tick, side by side just right of the workload's volume line."""
    if volume <= 0:
        return
    shown = [(o, b) for o, b in bands.options.items() if b[0] > 0]
    for i, (option, (p10, p50, p90)) in enumerate(shown):
        x = axes.x(volume) + (4 + 5 * i) * pt
        painter.setPen(_pen(QColor(option_colour(option)), 2 * pt))
        top, bottom, mid = axes.y(p90), axes.y(p10), axes.y(p50)
        painter.drawLine(QLineF(x, top, x, bottom))
        for y, half in ((top, 1.6), (bottom, 1.6), (mid, 2.4)):
            painter.drawLine(QLineF(x - half * pt, y, x + half * pt, y))


def _legend_name(curves: Curves, option: str) -> str:
    """The option and what its curve leaves out, counted as the table counts it."""
    if not curves.feasible.get(option, True):
        return f"{short_label(option)} (ruled out)"
    return f"{short_label(option)} {curve_left_out(curves, option)}".rstrip()


def _draw_log_grid(painter: QPainter, axes: _LogAxes, pt: float, unit_name: str) -> None:
    plot = axes.plot
    painter.setFont(sheet_font(6.5))
    metrics = font_metrics(painter)
    for decade in axes.spans.cost.decades():
        y = axes.y(10.0 ** decade)
        painter.setPen(_pen(GRID, 0.5 * pt))
        painter.drawLine(QLineF(plot.left(), y, plot.right(), y))
        painter.setPen(INK)
        label = shown(usd_tick(10.0 ** decade))
        painter.drawText(QPointF(plot.left() - 3 * pt - metrics.horizontalAdvance(label),
                                 y + metrics.ascent() / 2 - 1 * pt), label)
    for decade in axes.spans.volume.decades():
        x = axes.x(10.0 ** decade)
        painter.setPen(_pen(GRID, 0.5 * pt))
        painter.drawLine(QLineF(x, plot.top(), x, plot.bottom()))
        painter.setPen(INK)
        label = shown(short_number(10.0 ** decade))
        painter.drawText(QPointF(x - metrics.horizontalAdvance(label) / 2, plot.bottom() + 3 * pt + metrics.ascent()),
                         label)
    painter.setPen(_pen(INK, 0.8 * pt))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(plot)
    caption = shown(f"{unit_name}s a month (log scale); cost axis log scale")
    painter.setPen(QColor("#555555"))
    painter.drawText(QPointF(plot.center().x() - metrics.horizontalAdvance(caption) / 2,
                             plot.bottom() + 5 * pt + 2 * metrics.height()), caption)


def _draw_current(painter: QPainter, axes: _LogAxes, curves: Curves, pt: float) -> None:
    volume = curves.current_volume
    if volume <= 0:
        return
    x = axes.x(volume)
    if not axes.plot.left() <= x <= axes.plot.right():
        return
    painter.setPen(_pen(QColor("#444444"), 1 * pt, Qt.PenStyle.DashLine))
    painter.drawLine(QLineF(x, axes.plot.top(), x, axes.plot.bottom()))
    painter.setFont(sheet_font(6.5, bold=True))
    metrics = font_metrics(painter)
    label = shown(current_label(volume))
    tx = x + 3 * pt
    if tx + metrics.horizontalAdvance(label) > axes.plot.right():
        tx = x - 3 * pt - metrics.horizontalAdvance(label)
    painter.setPen(INK)
    painter.drawText(QPointF(tx, axes.plot.top() + metrics.ascent() + 2 * pt), label)
    # each option's cost at the current volume: the point on its curve nearest the line
    nearest = min(range(len(curves.volumes)), key=lambda i: abs(math.log10(max(curves.volumes[i], 1e-12))
                                                                  - math.log10(volume)))
    for option, costs in curves.costs.items():
        cost = costs[nearest] if nearest < len(costs) else None
        if cost is None:
            continue
        painter.setPen(_pen(QColor("white"), 0.8 * pt))
        painter.setBrush(QColor(option_colour(option)))
        painter.drawEllipse(QPointF(x, axes.y(cost)), 2.6 * pt, 2.6 * pt)


def _draw_break_even(painter: QPainter, axes: _LogAxes, break_even: Sequence[BreakEven], order: Sequence[str],
                     pt: float) -> None:
    painter.setFont(sheet_font(6))
    metrics = font_metrics(painter)
    placed: list[QRectF] = []
    for (volume, cost), names in break_even_points(break_even, order).items():
        x, y = axes.x(volume), axes.y(cost)
        if not axes.plot.contains(QPointF(x, y)):
            continue
        painter.setPen(_pen(INK, 1 * pt))
        painter.setBrush(QColor("white"))
        size = 3.2 * pt
        diamond = QPainterPath()
        diamond.moveTo(x, y - size)
        diamond.lineTo(x + size, y)
        diamond.lineTo(x, y + size)
        diamond.lineTo(x - size, y)
        diamond.closeSubpath()
        painter.drawPath(diamond)
        label = shown(break_even_label(names, volume))
        plot = axes.plot
        box = QRectF(*free_label_box((x, y), metrics.horizontalAdvance(label), metrics.height(),
                                     (plot.left(), plot.top(), plot.width(), plot.height()),
                                     [(b.left(), b.top(), b.width(), b.height()) for b in placed], 5 * pt))
        placed.append(box)
        near = QPointF(min(max(x, box.left()), box.right()), min(max(y, box.top()), box.bottom()))
        painter.setPen(_pen(QColor("#777777"), 0.5 * pt))
        painter.drawLine(QLineF(QPointF(x, y), near))
        painter.setPen(_pen(INK, 1 * pt))
        painter.setBrush(QColor("white"))
        painter.drawPath(diamond)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 210))
        painter.drawRect(box.adjusted(-1 * pt, 0, 1 * pt, 0))
        painter.setPen(INK)
        painter.drawText(QPointF(box.left(), box.top() + metrics.ascent()), label)


def _bar_total(option: OptionQuote) -> str:
    """The label at a bar's end: "$231.82 (after $12.08 off)"."""
    if option.monthly_usd is None:
        return ""
    off = discount_total(option)
    return usd(option.monthly_usd) + (f" (after {usd(off)} off)" if off > 0.005 else "")


def draw_breakdown_chart(painter: QPainter, rect: QRectF, quote: Quote) -> None:
    """One bar per option whose length is its total: compute, requests, storage, front door... after discounts,
    a discounted piece hatched; the total (and what it leaves out) at the bar's end."""
    pt = pixels_per_point(painter)
    title_bottom = begin_chart(painter, rect, "What each monthly total is made of")
    painter.setFont(sheet_font(6.5))
    metrics = font_metrics(painter)
    options = list(quote.options.values())
    label_w = max((metrics.horizontalAdvance(o.short_label) for o in options), default=0.0) + 12 * pt
    totals = {o.option: shown(_bar_total(o)) for o in options}
    total_w = min(max((metrics.horizontalAdvance(t) for t in totals.values()), default=0.0) + 6 * pt,
                  rect.width() * 0.4)
    top = title_bottom + 6 * pt
    groups = list(dict.fromkeys(p.group for o in options for p in bar_pieces(o)))
    discounted = any(p.discounted for o in options for p in bar_pieces(o))
    rows = len(_legend_rows(painter, rect, _legend_entries(groups, discounted), pt))
    legend_h = rows * (metrics.height() + 2 * pt) + 4 * pt
    bars = QRectF(rect.left() + label_w, top, rect.width() - label_w - total_w, rect.height() - (top - rect.top())
                  - legend_h)
    row_h = bars.height() / max(len(options), 1)
    largest = max((float(o.monthly_usd) for o in options if o.monthly_usd is not None), default=0.0) or 1.0
    scale = bars.width() / largest
    used_groups: list[str] = []
    has_discount = False
    for index, option in enumerate(options):
        y = bars.top() + index * row_h
        bar_h = min(row_h * 0.45, 14 * pt)
        bar_top = y + (row_h - bar_h - metrics.height()) / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(option_colour(option.option)))
        painter.drawRect(QRectF(rect.left(), bar_top + bar_h / 2 - 3 * pt, 6 * pt, 6 * pt))
        painter.setPen(INK)
        painter.drawText(QPointF(rect.left() + 9 * pt, bar_top + bar_h / 2 + metrics.ascent() / 2 - 1 * pt),
                         option.short_label)
        pieces = bar_pieces(option)
        if not pieces:
            text = shown("-  ruled out, no price" if not option.feasible else "-  nothing to pay")
            painter.setPen(QColor("#555555"))
            painter.drawText(QPointF(bars.left(), bar_top + bar_h / 2 + metrics.ascent() / 2 - 1 * pt), text)
            continue
        x = bars.left()
        for group in dict.fromkeys(p.group for p in pieces):
            length = sum(p.length for p in pieces if p.group == group)
            if length <= 0:
                continue
            if group not in used_groups:
                used_groups.append(group)
            width = length * scale
            segment = QRectF(x, bar_top, width, bar_h)
            painter.setPen(_pen(QColor("white"), 0.5 * pt))
            painter.setBrush(QColor(group_style(group).light))
            painter.drawRect(segment)
            if any(p.discounted for p in pieces if p.group == group):
                has_discount = True
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QBrush(QColor("white"), Qt.BrushStyle.BDiagPattern))
                painter.drawRect(segment)
            x += width
        painter.setPen(INK)
        painter.drawText(QPointF(x + 3 * pt, bar_top + bar_h / 2 + metrics.ascent() / 2 - 1 * pt),
                         totals[option.option])
        more = shown(left_out_short(option))
        if more:
            painter.setPen(QColor("#8A4B00"))
            painter.drawText(QPointF(bars.left(), bar_top + bar_h + 1 * pt + metrics.ascent()),
                             metrics.elidedText(more, Qt.TextElideMode.ElideRight, rect.right() - bars.left()))
    _draw_group_legend(painter, rect, used_groups, has_discount, pt)
    painter.restore()


def _legend_entries(groups: list[str], discount: bool) -> list[tuple[str, QBrush]]:
    entries: list[tuple[str, QBrush]] = [(shown(group_style(g).label), QBrush(QColor(group_style(g).light)))
                                         for g in groups]
    if discount:
        entries.append((shown("hatched: after discounts"), QBrush(INK, Qt.BrushStyle.BDiagPattern)))
    return entries


def _legend_rows(painter: QPainter, rect: QRectF, entries: list[tuple[str, QBrush]], pt: float) -> list[list[int]]:
    """The legend's entries (by index) laid out in rows that fit the chart's width."""
    metrics = font_metrics(painter)
    rows: list[list[int]] = [[]]
    x = rect.left()
    for index, (text, _brush) in enumerate(entries):
        width = 12 * pt + metrics.horizontalAdvance(text) + 8 * pt
        if rows[-1] and x + width > rect.right():
            rows.append([])
            x = rect.left()
        rows[-1].append(index)
        x += width
    return rows


def _draw_group_legend(painter: QPainter, rect: QRectF, groups: list[str], discount: bool, pt: float) -> None:
    metrics = font_metrics(painter)
    entries = _legend_entries(groups, discount)
    rows = _legend_rows(painter, rect, entries, pt)
    y = rect.bottom() - (len(rows) - 1) * (metrics.height() + 2 * pt) - metrics.descent()
    for row in rows:
        x = rect.left()
        for index in row:
            text, brush = entries[index]
            painter.setPen(_pen(INK, 0.4 * pt))
            painter.setBrush(brush)
            painter.drawRect(QRectF(x, y - metrics.ascent() + 1 * pt, 8 * pt, 8 * pt * 0.8))
            painter.setPen(INK)
            painter.drawText(QPointF(x + 11 * pt, y), text)
            x += 12 * pt + metrics.horizontalAdvance(text) + 8 * pt
        y += metrics.height() + 2 * pt
