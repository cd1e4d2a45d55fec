"""The fleet review as a PDF (its pages numbered, the price book's date in the footer). Needs a QGuiApplication
(export.ensure_qt_app)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice

from desktop import __version__
from desktop.files import check_target, write_atomically
from desktop.model.pricing.book import PriceBook
from desktop.model.workshop.spec import WorkshopSpec
from desktop.report.sheet.pdf_writer import (
    LaidOut,
    build_document,
    new_pdf_writer,
    page_body,
    page_count,
    paint_documents,
)
from desktop.report.workshop.fleet_review_html import fleet_review_html
from desktop.report.workshop.pdf import ScenarioChartObject
from desktop.usage.review import FleetReview


def fleet_review_pdf_bytes(review: FleetReview, workshop: WorkshopSpec, title: str, book: PriceBook, *,
                           page_size: str = "A4", generated: dt.date | None = None,
                           version: str = __version__) -> tuple[bytes, int]:
    """The whole PDF in memory (a file is only ever written whole) and its number of pages."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = new_pdf_writer(buffer, page_size, f"ComputeFit fleet review: {title}", version)
    body = page_body(writer)
    html = fleet_review_html(review, workshop, title, book, generated=generated or dt.date.today(), version=version)
    chart = ScenarioChartObject(review.comparison)  # the handler the document layout needs; no chart is placed
    doc = build_document(writer, html, {}, chart, body)
    pages = paint_documents(writer, [LaidOut(doc, page_count(doc, body), f"ComputeFit {version} fleet review: {title}",
                                             chart)], book)
    buffer.close()
    return bytes(data.data()), pages


def write_fleet_review_pdf(review: FleetReview, workshop: WorkshopSpec, title: str, book: PriceBook, path: Path,
                           page_size: str = "A4") -> int:
    """Write the review's PDF whole or not at all; returns its number of pages (raises an OSError)."""
    from desktop.report.sheet.export import ensure_qt_app

    check_target(path)
    ensure_qt_app()
    data, pages = fleet_review_pdf_bytes(review, workshop, title, book, page_size=page_size)
    write_atomically(path, data)
    return pages
