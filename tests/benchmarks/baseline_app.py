"""The budget benchmark's baseline: a bare PySide6 window holding one pyqtgraph plot.

It behaves like packaging/launcher.py under the benchmark: with COMPUTEFIT_EXIT_AFTER_FIRST_PAINT=1 it prints
`FIRST_PAINT <unix time>` at its first paint, writes a one-page PDF (a small table as HTML plus the plot drawn
as vector) to COMPUTEFIT_BENCH_PDF if set, prints `PDF_EXPORT <seconds>` and quits. Frozen by
packaging/baseline.spec with the same trimming as the app.
"""

from __future__ import annotations

import os
import sys
import time


def _export_pdf(path: str, plot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

    writer = QPdfWriter(path)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setResolution(96)
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setPageSize(QSizeF(writer.width(), writer.height()))
    doc.setDocumentMargin(0)
    doc.setHtml("<h1>Baseline</h1><table border='1' cellpadding='4'><tr><th>Option</th><th>Monthly USD</th></tr>"
                "<tr><td>A</td><td>12.00</td></tr><tr><td>B</td><td>34.00</td></tr></table>")
    painter = QPainter(writer)
    doc.drawContents(painter)
    height = doc.size().height() + 20
    plot.render(painter, QRectF(0, height, writer.width(), writer.width() * 0.5))
    painter.end()


def main() -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv)
    import pyqtgraph as pg

    window = QMainWindow()
    window.setWindowTitle("Baseline")
    plot = pg.PlotWidget()
    plot.plot([1, 2, 3, 4, 5], [3, 1, 4, 1, 5])
    window.setCentralWidget(plot)
    window.resize(1100, 720)

    class FirstPaint(QObject):
        done = False

        def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]
            if not self.done and event.type() == QEvent.Type.Paint and watched.isWidgetType():
                self.done = True
                QTimer.singleShot(0, finish)
            return False

    def finish() -> None:
        sys.stdout.write(f"FIRST_PAINT {time.time():.6f}\n")
        sys.stdout.flush()
        pdf = os.environ.get("COMPUTEFIT_BENCH_PDF")
        status = 1
        try:
            if pdf:
                started = time.perf_counter()
                _export_pdf(pdf, plot)
                sys.stdout.write(f"PDF_EXPORT {time.perf_counter() - started:.6f}\n")
                sys.stdout.flush()
            status = 0
        finally:
            window.close()
            app.exit(status)

    if os.environ.get("COMPUTEFIT_EXIT_AFTER_FIRST_PAINT") == "1":
        probe = FirstPaint(window)
        app.installEventFilter(probe)  # children cover the window: its own paint event may never come
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
