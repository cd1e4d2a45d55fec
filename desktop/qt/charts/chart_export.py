"""Charts out of the window: saved as PNG or SVG, or copied to the clipboard as an image.

PNG is the chart as on screen; SVG, for a sharp slide at any size, is the chart painted onto Qt's
SVG generator (vectors, text as text), its scaled curves then drawn in plain coordinates so that librsvg,
ImageMagick, Inkscape and browsers render it alike (desktop/present/svg_strokes.py). Files are written whole
or not at all (report.export.write_bytes_atomically).
"""

from __future__ import annotations

import re
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QStandardPaths
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from desktop.present.svg_strokes import bake_scaled_strokes
from desktop.report.sheet.export import write_bytes_atomically

FILTERS = {"png": "PNG image (*.png)", "svg": "SVG drawing (*.svg)"}


def chart_image(chart: pg.PlotWidget) -> QImage:
    """The chart exactly as on screen (at the screen's pixel ratio: sharp on a high-density display)."""
    image: QImage = chart.grab().toImage()
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
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(chart.size())
    generator.setViewBox(QRect(0, 0, chart.width(), chart.height()))
    generator.setResolution(chart.logicalDpiX())  # else pyqtgraph's device-sized items land elsewhere
    generator.setTitle(chart.accessibleName() or "ComputeFit chart")
    generator.setDescription("Drawn by ComputeFit")
    painter = QPainter(generator)
    try:
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


def show_chart_menu(chart: pg.PlotWidget, pos: QPoint) -> None:
    """The chart's context menu: copy it, or save it as PNG or SVG."""
    menu = QMenu(chart)
    menu.addAction("&Copy chart", lambda: copy_chart(chart))
    menu.addAction("Save chart as &PNG or SVG...", lambda: save_chart_dialog(chart, chart))
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
        QMessageBox.critical(parent, "Save chart", f"The chart could not be written to\n{path}\n\n"
                                                   f"{exc.strerror or exc}.")
        return None
    return path
