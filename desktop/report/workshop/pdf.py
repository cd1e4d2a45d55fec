"""The workshop as one PDF: the summary page(s) first (comparison table, chart, portfolio total, what differs),
then each scenario's sheet (two pages each), numbered throughout. Needs a QGuiApplication (export.ensure_qt_app).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QRectF, QSizeF
from PySide6.QtGui import QPainter, QPdfWriter, QPyTextObject, QTextDocument, QTextFormat

from desktop import __version__
from desktop.model.advice.advise import Advice
from desktop.model.pricing.book import PriceBook
from desktop.model.workshop.compare import Comparison
from desktop.model.workshop.usage import ScenarioUsage
from desktop.report.sheet.pdf_writer import (
    LaidOut,
    build_document,
    lay_out_sheet,
    new_pdf_writer,
    page_body,
    page_count,
    paint_documents,
)
from desktop.report.workshop.chart import draw_scenario_chart
from desktop.report.workshop.html import workshop_summary_html

CHART_HEIGHT_RATIO = 0.36  # of the body width


class ScenarioChartObject(QPyTextObject):
    """Draws the scenarios' chart at its place in the summary's text flow."""

    def __init__(self, comparison: Comparison):
        super().__init__()
        self.comparison = comparison

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:
        width = doc.pageSize().width()
        return QSizeF(width * 0.98, width * CHART_HEIGHT_RATIO)

    def drawObject(self, painter: QPainter, rect: QRectF | QRect, doc: QTextDocument, pos: int,
                   fmt: QTextFormat) -> None:
        box = QRectF(rect)
        if painter.hasClipping() and painter.clipBoundingRect().intersected(box).height() < 1:
            return  # on the page before or after its own: drawn there, its words would sit outside that page
        draw_scenario_chart(painter, box, self.comparison)


def lay_out_summary(writer: QPdfWriter, comparison: Comparison, title: str, book: PriceBook, *,
                    generated: dt.date, version: str) -> LaidOut:
    body = page_body(writer)
    marker = f"CHARTSCENARIOS{uuid.uuid4().hex}"
    chart = ScenarioChartObject(comparison)
    html = workshop_summary_html(comparison, title, book, generated=generated, version=version, marker=marker)
    doc = build_document(writer, html, {"scenarios": marker}, chart, body, whole_words=True)
    return LaidOut(doc, page_count(doc, body), f"ComputeFit {version} workshop: {title}", chart)


def write_workshop_pdf(device: QIODevice, advices: Sequence[Advice], comparison: Comparison, title: str,
                       book: PriceBook, *, page_size: str = "A4", generated: dt.date | None = None,
                       version: str = __version__, sheets: bool = True,
                       usages: Sequence[ScenarioUsage | None] = ()) -> int:
    """Paint the summary and (sheets=True) each scenario's sheet onto `device` (an imported scenario's with its
    `usages` provenance); returns the number of pages."""
    day = generated or dt.date.today()
    writer = new_pdf_writer(device, page_size, f"ComputeFit workshop: {title}", version)
    documents = [lay_out_summary(writer, comparison, title, book, generated=day, version=version)]
    if sheets:
        documents += [lay_out_sheet(writer, advice, advice.workload, book, generated=day, version=version,
                                    usage=usages[i] if i < len(usages) else None)
                      for i, advice in enumerate(advices)]
    return paint_documents(writer, documents, book)


def workshop_pdf_bytes(advices: Sequence[Advice], comparison: Comparison, title: str, book: PriceBook, *,
                       page_size: str = "A4", generated: dt.date | None = None, version: str = __version__,
                       sheets: bool = True, usages: Sequence[ScenarioUsage | None] = ()) -> tuple[bytes, int]:
    """The whole PDF in memory (a file is only ever written whole) and its number of pages."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pages = write_workshop_pdf(buffer, advices, comparison, title, book, page_size=page_size, generated=generated,
                               version=version, sheets=sheets, usages=usages)
    buffer.close()
    return bytes(data.data()), pages
