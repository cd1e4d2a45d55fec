"""Charts out of the window: saved as PNG or SVG, or copied to the clipboard as an image, each with a header
naming the chart, the scenario and the price book's date; or shown as a table of its numbers.

PNG is the chart as on screen; SVG, for a sharp slide at any size, is the chart painted onto Qt's
SVG generator (vectors, text as text), its scaled curves then drawn in plain coordinates so that librsvg,
ImageMagick, Inkscape and browsers render it alike (desktop/present/svg_strokes.py). Files are written whole
or not at all (report.export.write_bytes_atomically).
"""

from __future__ import annotations

import re
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QSize, QStandardPaths, Qt
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QImage, QPainter, QPalette
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox, QWidget

from desktop.present.i18n import shown, tr
from desktop.present.svg_strokes import bake_scaled_strokes
from desktop.report.sheet.export import write_bytes_atomically

FILTERS = {"png": "PNG image (*.png)", "svg": "SVG drawing (*.svg)"}
HEADER_MARGIN = 6  # px around the caption drawn above a copied or saved chart


def caption(chart: pg.PlotWidget) -> list[str]:
    """The chart's title and where its numbers come from ("Orders HTTP API · price book dated 2026-12-01")."""
    table = chart.data_table() if hasattr(chart, "data_table") else None
    return [table.title, table.source] if table is not None else [chart.accessibleName()]


def _header_height(chart: pg.PlotWidget, lines: list[str]) -> int:
    return QFontMetrics(chart.font()).lineSpacing() * len(lines) + 2 * HEADER_MARGIN


def _draw_header(painter: QPainter, chart: pg.PlotWidget, lines: list[str], width: int) -> None:
    """The caption in the chart's own colours, one line each, the title bold."""
    height = _header_height(chart, lines)
    painter.fillRect(QRect(0, 0, width, height), chart.backgroundBrush())
    painter.setPen(chart.palette().color(QPalette.ColorRole.WindowText))
    metrics = QFontMetrics(chart.font())
    for index, line in enumerate(lines):
        font = QFont(chart.font())
        font.setBold(index == 0)
        painter.setFont(font)
        top = HEADER_MARGIN + index * metrics.lineSpacing()
        painter.drawText(QRect(HEADER_MARGIN, top, width - 2 * HEADER_MARGIN, metrics.lineSpacing()),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         metrics.elidedText(line, Qt.TextElideMode.ElideRight, width - 2 * HEADER_MARGIN))


def chart_image(chart: pg.PlotWidget) -> QImage:
    """The chart as on screen (at the screen's pixel ratio: sharp on a high-density display) under a header with
    its title, the scenario and the price book's date."""
    shot = chart.grab()
    lines = caption(chart)
    ratio = shot.devicePixelRatio()
    header = _header_height(chart, lines)
    image = QImage(round(shot.width()), round(shot.height() + header * ratio), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(ratio)
    image.fill(chart.backgroundBrush().color())
    painter = QPainter(image)
    try:
        _draw_header(painter, chart, lines, round(shot.width() / ratio))
        painter.drawPixmap(0, header, shot)
    finally:
        painter.end()
    return image


def chart_png(chart: pg.PlotWidget) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    chart_image(chart).save(buffer, "PNG")  # type: ignore[call-overload]  # PySide6 takes str here
    buffer.close()
    return bytes(data.data())


def chart_svg(chart: pg.PlotWidget) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    lines = caption(chart)
    header = _header_height(chart, lines)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(chart.width(), chart.height() + header))
    generator.setViewBox(QRect(0, 0, chart.width(), chart.height() + header))
    generator.setResolution(chart.logicalDpiX())  # else pyqtgraph's device-sized items land elsewhere
    generator.setTitle(lines[0] or "ComputeFit chart")
    generator.setDescription(" \u00b7 ".join([*lines[1:], "ComputeFit"]))
    painter = QPainter(generator)
    try:
        _draw_header(painter, chart, lines, chart.width())
        painter.translate(0, header)
        chart.render(painter)
    finally:
        painter.end()
    buffer.close()
    return bake_scaled_strokes(bytes(data.data()).decode("utf-8")).encode("utf-8")


def save_chart(chart: pg.PlotWidget, path: Path) -> str:
    """Write the chart as SVG when the name ends in .svg, else PNG; returns the format. Raises ExportError."""
    fmt = "svg" if path.suffix.lower() == ".svg" else "png"
    write_bytes_atomically(path, chart_svg(chart) if fmt == "svg" else chart_png(chart))
    return fmt


def copy_chart(chart: pg.PlotWidget) -> None:
    """Put the chart on the clipboard as an image. (Not as SVG too: a QMimeData made in Python and handed to the
    clipboard crashes PySide6 at exit; the SVG is one Save away.)"""
    QGuiApplication.clipboard().setImage(chart_image(chart))


def show_chart_table(chart: pg.PlotWidget, parent: QWidget) -> QDialog | None:
    """The chart's numbers in a dialog (None when the chart has none yet)."""
    from desktop.qt.charts.chart_table_view import ChartTableDialog

    table = chart.data_table() if hasattr(chart, "data_table") else None
    if table is None:
        return None
    dialog = ChartTableDialog(table, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def show_chart_menu(chart: pg.PlotWidget, pos: QPoint) -> None:
    """The chart's context menu: its numbers as a table, copy it, or save it as PNG or SVG."""
    menu = QMenu(chart)
    menu.addAction(tr("Show as &table"), lambda: show_chart_table(chart, chart.window()))
    menu.addAction(tr("&Copy chart"), lambda: copy_chart(chart))
    menu.addAction(tr("Save chart as &PNG or SVG..."), lambda: save_chart_dialog(chart, chart))
    menu.exec(chart.mapToGlobal(pos))


def save_chart_dialog(chart: pg.PlotWidget, parent: QWidget) -> Path | None:
    """Ask where, then write the chart (SVG or PNG by the filter chosen); a failure is shown, never raised."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", chart.accessibleName() or "chart").strip("-")[:60] or "chart"
    start = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation) or Path.home())
    name, chosen = QFileDialog.getSaveFileName(parent, "Save chart", str(start / f"{stem}.png"),
                                               ";;".join(FILTERS.values()))
    if not name:
        return None
    path = Path(name)
    wanted = "svg" if chosen == FILTERS["svg"] else "png"
    if path.suffix.lower() not in (".png", ".svg"):
        path = path.with_name(f"{path.name}.{wanted}")
    try:
        save_chart(chart, path)
    except OSError as exc:
        QMessageBox.critical(parent, tr("Save chart"), shown(f"The chart could not be written to\n{path}\n\n"
                                                             f"{exc.strerror or exc}."))
        return None
    return path
