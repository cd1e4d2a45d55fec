"""The comparison sheet as PDF, with Qt's own writer: QTextDocument (HTML) painted onto a QPdfWriter.

The recipe (qt-toolchain.md): the document's layout paints on the writer, its page size is the printable
body, its margin 0. We paint the pages ourselves (not QTextDocument.print_) so each page gets a footer
with the price book date and "page n of N". The charts are QTextObjectInterface objects in the text flow (the
HTML's <img> elements, the chart object their handler): the layout hands them the PDF painter, so they stay
vectors. The document is laid out whole, once from its HTML, so no block is left out of the page count.
Text is real text with embedded fonts.
Needs a QGuiApplication (see export.ensure_qt_app).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QPyTextObject,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
    QTextTable,
)

from desktop import __version__
from desktop.model.advice.advise import Advice
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from desktop.model.workshop.usage import ScenarioUsage
from desktop.present.i18n import shown
from desktop.report.sheet.charts import draw_breakdown_chart, draw_cost_chart, sheet_bands, sheet_font
from desktop.report.sheet.html import CHART_KINDS, answer_count, clip, sheet_html, user_book_mark

PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
RESOLUTION_DPI = 96  # HTML px = 1/96 inch; text and charts stay vectors at any resolution
MARGINS_MM = {"left": 13.0, "right": 13.0, "top": 10.0, "bottom": 13.0}
CHART_SOURCE = "computefit-chart:"  # an <img> whose source names a chart is drawn by the document's chart object
CHART_WIDTH_SHARE = {"cost": 0.55, "breakdown": 0.43}
CHART_HEIGHT_RATIO = 0.32  # of the body width
OBJECT_REPLACEMENT = "\ufffc"
MAX_PAGES = 2
KEEP_TOGETHER_TITLES = {"Most sensitive assumptions"}
ANSWERS_HEADER = "Question"  # the first header cell of the answers table
MORE_ANSWERS_ROOM_PX = 24  # the "... N more answers" line under a cut answers table
MAX_ANSWERS_TRIED = 80  # the sheet prints at most 80 answers (40 rows), far more than its last page holds
MIN_SCALE = 0.66  # a sheet that still runs over is printed smaller, down to this (8 pt type as 5.3 pt)
SCALE_TRIES = 6
CAPTION_PREFIX = "Break-even:"  # the charts' caption: kept on the page of the charts


_watch = threading.local()  # this thread's progress callback (set by `watched`), else none


@contextlib.contextmanager
def watched(report: Callable[[str, int, int], None]) -> Iterator[None]:
    """While the block runs, every sheet laid out and page painted on this thread is reported to `report(text,
    done, total)`, which may raise to stop the PDF (a window's Cancel): a long workshop report stops between
    pages and writes nothing."""
    previous = getattr(_watch, "report", None)
    _watch.report = report
    try:
        yield
    finally:
        _watch.report = previous


def checkpoint(text: str, done: int = 0, total: int = 0) -> None:
    report = getattr(_watch, "report", None)
    if report is not None:
        report(text, done, total)


class SheetChartObject(QPyTextObject):
    """Draws the chart an <img> of the sheet names (see chart_kind), from the Advice, at its place in the flow."""

    def __init__(self, advice: Advice):
        super().__init__()
        self.advice = advice

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:
        width = doc.pageSize().width()
        kind = chart_kind(fmt)
        return QSizeF(width * CHART_WIDTH_SHARE.get(kind, 0.45), width * CHART_HEIGHT_RATIO)

    def drawObject(self, painter: QPainter, rect: QRectF | QRect, doc: QTextDocument, pos: int,
                   fmt: QTextFormat) -> None:
        kind = chart_kind(fmt)
        rect = QRectF(rect)
        if painter.hasClipping() and painter.clipBoundingRect().intersected(rect).height() < 1:
            return  # on the page before or after its own: drawn there, it would only be clipped away
        if kind == "cost":
            draw_cost_chart(painter, rect, self.advice.curves, self.advice.break_even, sheet_bands(self.advice))
        elif kind == "breakdown":
            draw_breakdown_chart(painter, rect, self.advice.quote)


def chart_kind(fmt: QTextFormat) -> str:
    """The chart an <img src="computefit-chart:KIND"> of the sheet's HTML names."""
    return fmt.toImageFormat().name().removeprefix(CHART_SOURCE)


def _mm_to_px(mm: float) -> float:
    return mm / 25.4 * RESOLUTION_DPI


def build_document(writer: QPdfWriter, html: str, markers: dict[str, str], charts: QPyTextObject,
                    body: QSizeF, *, whole_words: bool = False) -> QTextDocument:
    """The HTML laid out on the page body; `whole_words` breaks lines only between words (Qt's default breaks a
    word, or an amount, anywhere when a table's column is narrower than it: "Szen ario")."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultFont(sheet_font(8))
    if whole_words:
        option = doc.defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        doc.setDefaultTextOption(option)
    doc.documentLayout().registerHandler(QTextFormat.ObjectTypes.ImageObject, charts)  # the sheet has no images
    doc.setDocumentMargin(0)  # before the HTML: each of these set later lays the whole document out again
    doc.setPageSize(body)
    for kind, marker in markers.items():  # the charts are in the HTML, so the document is laid out once, whole
        html = html.replace(marker, f'<img src="{CHART_SOURCE}{kind}" />', 1)
    doc.setHtml(html)
    moved = _keep_titled_tables_together(doc, body.height())
    moved = _keep_charts_with_caption(doc, markers, body.height()) or moved
    if moved:  # lay it all out again, not trusting Qt's partial pass after an edit: the charts once went in by
        doc.markContentsDirty(0, doc.characterCount())  # an edit, and its pass left the last blocks unlaid
    return doc


def _keep_charts_with_caption(doc: QTextDocument, markers: dict[str, str], page_height: float) -> bool:
    """The charts and the caption under them start the next page when they would be split across two (Qt's
    rich text honours no page-break-inside; a line is never split, but the caption would go on alone). True when
    they were moved."""
    first = next((b for b in _blocks(doc) if OBJECT_REPLACEMENT in b.text()), None) if markers else None
    if first is None:
        return False
    last = first.next() if first.next().isValid() and first.next().text().startswith(CAPTION_PREFIX) else first
    layout = doc.documentLayout()
    top, bottom = layout.blockBoundingRect(first).top(), layout.blockBoundingRect(last).bottom()
    if bottom - top >= page_height or math.floor(top / page_height) == math.floor((bottom - 1e-6) / page_height):
        return False
    cursor = QTextCursor(first)
    fmt = first.blockFormat()
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    cursor.setBlockFormat(fmt)
    return True


def _blocks(doc: QTextDocument) -> Iterator[QTextBlock]:
    block = doc.begin()
    while block.isValid():
        yield block
        block = block.next()


def _keep_titled_tables_together(doc: QTextDocument, page_height: float) -> bool:
    """Start a table whose first row is its title on the next page when only the title would fit on this one
    (Qt's rich text has no keep-with-next; the sheet puts such titles in the table's first row). True when one
    was moved."""
    moved = False
    for frame in doc.rootFrame().childFrames():
        if not isinstance(frame, QTextTable) or frame.rows() < 3:
            continue
        if frame.cellAt(0, 0).firstCursorPosition().block().text() not in KEEP_TOGETHER_TITLES:
            continue
        top = doc.documentLayout().frameBoundingRect(frame).top()
        first_rows = doc.documentLayout().blockBoundingRect(frame.cellAt(2, 0).firstCursorPosition().block())
        room = math.ceil(top / page_height + 1e-9) * page_height - top
        if room < first_rows.bottom() - top:
            fmt = frame.format()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            frame.setFormat(fmt)
            moved = True
    return moved


def _fit_answers(doc: QTextDocument, layout: Callable[[bool, int | None], tuple[QTextDocument, int]],
                 total: int, page_height: float) -> tuple[QTextDocument, int, int]:
    """The sheet with as many answers as fit MAX_PAGES pages: read off the overflowing layout `doc` which
    rows of the answers table end above the last page's foot, then lay out that many (two answers a row)
    and step back a row if the closing "... more answers" line still overflows; returns it with how many
    answers it shows."""
    table = next((frame for frame in doc.rootFrame().childFrames() if isinstance(frame, QTextTable)
                  and frame.cellAt(0, 0).firstCursorPosition().block().text() == ANSWERS_HEADER), None)
    rows_fitting = 0
    if table is not None:
        bottom = MAX_PAGES * page_height - MORE_ANSWERS_ROOM_PX
        layout_of = doc.documentLayout()
        for row in range(1, table.rows()):
            ends = [layout_of.blockBoundingRect(table.cellAt(row, column).lastCursorPosition().block()).bottom()
                    for column in range(table.columns())]
            if max(ends) > bottom:
                break
            rows_fitting = row
    shown = min(total - 1, 2 * rows_fitting)
    while True:
        fitted, pages = layout(False, shown)
        if pages <= MAX_PAGES or shown == 0:
            return fitted, pages, shown
        shown = max(0, shown - 2)


def _draw_footer(painter: QPainter, page_rect: QRectF, left: str, right: str) -> None:
    font = sheet_font(6.5)
    painter.setFont(font)
    metrics = QFontMetricsF(font, painter.device())
    margin_l, margin_r = _mm_to_px(MARGINS_MM["left"]), _mm_to_px(MARGINS_MM["right"])
    baseline = page_rect.bottom() - _mm_to_px(MARGINS_MM["bottom"]) / 2 + metrics.ascent() / 2
    painter.setPen(QPen(QColor("#BBBBBB"), RESOLUTION_DPI / 72 * 0.5))
    rule_y = page_rect.bottom() - _mm_to_px(MARGINS_MM["bottom"]) * 0.75
    painter.drawLine(QPointF(margin_l, rule_y), QPointF(page_rect.right() - margin_r, rule_y))
    painter.setPen(QColor("#444444"))
    left, right = shown(left), shown(right)  # in the app's language
    right_w = metrics.horizontalAdvance(right)
    room = page_rect.width() - margin_l - margin_r - right_w - _mm_to_px(5)
    painter.drawText(QPointF(margin_l, baseline), metrics.elidedText(left, Qt.TextElideMode.ElideRight, room))
    painter.drawText(QPointF(page_rect.right() - margin_r - right_w, baseline), right)


@dataclass(frozen=True)
class LaidOut:
    """A document laid out on the writer's pages, ready to paint; `keep` holds what it draws with alive."""

    doc: QTextDocument
    pages: int
    footer_left: str
    keep: object
    scale: float = 1.0  # laid out on pages 1/scale as large, painted at `scale`


def new_pdf_writer(device: QIODevice, page_size: str, title: str, version: str) -> QPdfWriter:
    if page_size not in PAGE_SIZES:
        raise ValueError(f"page size must be one of {', '.join(PAGE_SIZES)}, not {page_size!r}")
    writer = QPdfWriter(device)
    writer.setResolution(RESOLUTION_DPI)
    writer.setPageLayout(QPageLayout(QPageSize(PAGE_SIZES[page_size]), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
    writer.setTitle(title)
    writer.setCreator(f"ComputeFit {version}")
    return writer


def page_body(writer: QPdfWriter) -> QSizeF:
    """The printable body of a page: the page less the margins, in the writer's pixels."""
    return QSizeF(writer.width() - _mm_to_px(MARGINS_MM["left"]) - _mm_to_px(MARGINS_MM["right"]),
                  writer.height() - _mm_to_px(MARGINS_MM["top"]) - _mm_to_px(MARGINS_MM["bottom"]))


def page_count(doc: QTextDocument, body: QSizeF) -> int:
    return max(1, math.ceil(doc.documentLayout().documentSize().height() / body.height() - 1e-6))


def write_sheet_pdf(device: QIODevice, advice: Advice, workload: Workload, book: PriceBook, *,
                    page_size: str = "A4", generated: dt.date | None = None, version: str = __version__,
                    usage: ScenarioUsage | None = None) -> int:
    """Paint the sheet onto `device` as a PDF; returns the number of pages."""
    writer = new_pdf_writer(device, page_size, f"ComputeFit comparison sheet: {workload.name}", version)
    return paint_documents(writer, [lay_out_sheet(writer, advice, workload, book, generated=generated,
                                                  version=version, usage=usage)], book)


def lay_out_sheet(writer: QPdfWriter, advice: Advice, workload: Workload, book: PriceBook, *,
                  generated: dt.date | None = None, version: str = __version__,
                  usage: ScenarioUsage | None = None) -> LaidOut:
    """The sheet of one workload laid out on the writer's pages (at most MAX_PAGES when it fits)."""
    checkpoint(f"Laying out the sheet of {clip(workload.name, 60)}")
    body = page_body(writer)
    nonce = uuid.uuid4().hex
    markers = {kind: f"CHART{kind.upper()}{nonce}" for kind in CHART_KINDS}
    charts = SheetChartObject(advice)

    scale = 1.0

    def layout(register_on_new_page: bool, answers_shown: int | None = None) -> tuple[QTextDocument, int]:
        html = sheet_html(advice, workload, book, generated=generated or dt.date.today(), version=version,
                          markers=markers, register_on_new_page=register_on_new_page, answers_shown=answers_shown,
                          usage=usage)
        doc = build_document(writer, html, markers, charts, body / scale)
        return doc, page_count(doc, body / scale)

    # The register starts page 2 when that still gives at most MAX_PAGES pages; else it follows on; and when
    # even that overflows (only many long questionnaire answers can), as many answers as fit are printed.
    total = answer_count(workload)
    tried = min(total, MAX_ANSWERS_TRIED)
    doc, pages = layout(True, tried if tried < total else None)
    if pages > MAX_PAGES:
        doc, pages = layout(False, tried if tried < total else None)
    answers_shown = tried if tried < total else None
    if pages > MAX_PAGES and tried:
        doc, pages, answers_shown = _fit_answers(doc, layout, tried, body.height())
    for _ in range(SCALE_TRIES):  # still over: the same sheet, smaller, so that it keeps its page promise
        if pages <= MAX_PAGES or scale <= MIN_SCALE:
            break
        height = doc.documentLayout().documentSize().height() * scale  # in real pixels at this scale
        scale = max(MIN_SCALE, min(scale * 0.93, MAX_PAGES * body.height() / height * 0.97))
        doc, pages = layout(False, answers_shown)
    footer_left = f"ComputeFit {version} comparison sheet: {workload.name}"
    return LaidOut(doc, pages, footer_left, charts, scale)


def paint_documents(writer: QPdfWriter, documents: list[LaidOut], book: PriceBook) -> int:
    """Paint laid-out documents one after another, each from a new page, numbering the pages throughout;
    returns the number of pages."""
    page_rect = QRectF(0, 0, writer.width(), writer.height())
    left, top = _mm_to_px(MARGINS_MM["left"]), _mm_to_px(MARGINS_MM["top"])
    body = page_body(writer)
    total = sum(d.pages for d in documents)
    number = 0
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("the PDF writer could not start (is the output writable?)")
    try:
        for laid in documents:
            for page in range(laid.pages):
                checkpoint(f"Writing page {number + 1} of {total}", number, total)
                if number:
                    writer.newPage()
                painter.save()
                painter.translate(left, top)
                painter.scale(laid.scale, laid.scale)
                height = body.height() / laid.scale
                painter.translate(0, -page * height)
                clip = QRectF(0, page * height, body.width() / laid.scale, height)
                painter.setClipRect(clip)
                context = QAbstractTextDocumentLayout.PaintContext()
                context.clip = clip
                laid.doc.documentLayout().draw(painter, context)
                painter.restore()
                number += 1
                _draw_footer(painter, page_rect, laid.footer_left,
                             f"Prices: price book dated {book.effective_date.isoformat()}{user_book_mark(book)}   "
                             f"Page {number} of {total}")
    finally:
        painter.end()
    return total


_warmed_up = False


def warm_up() -> None:
    """Once per process, what a first sheet does before its own work (Qt's PDF engine started, the sheet's font
    loaded, laid out and embedded), on a throwaway one-page PDF. The window calls it in idle time after it shows,
    so that the first File > Export costs about what the later ones do."""
    global _warmed_up
    if _warmed_up:
        return
    _warmed_up = True
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION_DPI)
    writer.setPageLayout(QPageLayout(QPageSize(PAGE_SIZES["A4"]), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
    page_rect = QRectF(0, 0, writer.width(), writer.height())
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultFont(sheet_font(8))
    doc.setDocumentMargin(0)
    doc.setPageSize(page_rect.size())
    doc.setHtml("<h2>ComputeFit 0123456789</h2><table><tr><th>Option</th><td align='right'>$1,234.56</td></tr>"
                "</table><p><b>Recommended</b> <i>estimated</i> a-z A-Z %.,;:()-</p>")
    painter = QPainter()
    if painter.begin(writer):
        try:
            doc.documentLayout().draw(painter, QAbstractTextDocumentLayout.PaintContext())
            _draw_footer(painter, page_rect, "ComputeFit", "Page 1 of 1")
        finally:
            painter.end()
    buffer.close()


def sheet_pdf_bytes(advice: Advice, workload: Workload, book: PriceBook, *, page_size: str = "A4",
                    generated: dt.date | None = None, version: str = __version__,
                    usage: ScenarioUsage | None = None) -> tuple[bytes, int]:
    """The whole PDF in memory (so a file is only ever written whole) and its number of pages."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pages = write_sheet_pdf(buffer, advice, workload, book, page_size=page_size, generated=generated,
                            version=version, usage=usage)
    buffer.close()
    return bytes(data.data()), pages
