"""The budget benchmark's baseline: a bare PySide6 window holding one pyqtgraph plot.

It behaves like packaging/launcher.py under the benchmark: with COMPUTEFIT_EXIT_AFTER_FIRST_PAINT=1 it prints
`LAUNCHER <unix time> <CPU seconds>` as its own code starts and
`FIRST_PAINT <unix time> <CPU seconds>` once its plot is painted; with COMPUTEFIT_BENCH_PDF set it then writes,
COMPUTEFIT_BENCH_PDF_DELAY seconds (default 1) later, a one-page PDF (a small table as HTML plus the plot drawn
as vector) twice, prints `PDF_FIRST <seconds>` and `PDF_LATER <seconds>`, and quits. Frozen by
packaging/baseline.spec with the same trimming as the app. It watches its GUI thread as the app's probe does
(packaging/stall_probe.py: `STALL ...`), and gets the start-up fixes the app gives itself: PySide6's import hook
does not read the source of every module imported after PySide6 (desktop.startup.skip_pyside_source_scan, whose
few lines are repeated here), and pyqtgraph's mirrors of Qt's modules forward each name when first asked for
instead of making PySide6 create every class at pyqtgraph's import (desktop.startup.lazy_pyqtgraph_mirrors: the
floor imports that module, which needs only the standard library, and nothing else of the app).
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path


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
    usage = resource.getrusage(resource.RUSAGE_SELF)  # the interpreter's start (frozen: and run-time hooks)
    sys.stdout.write(f"LAUNCHER {time.time():.6f} {usage.ru_utime + usage.ru_stime:.6f}\n")
    from PySide6.QtCore import QEvent, QObject, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    skip_pyside_source_scan()
    if not getattr(sys, "frozen", False):
        sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # desktop.startup (frozen: collected)
    from desktop.startup import lazy_pyqtgraph_mirrors

    lazy_pyqtgraph_mirrors()
    app = QApplication(sys.argv)
    import pyqtgraph as pg

    window = QMainWindow()
    window.setWindowTitle("Baseline")
    plot = pg.PlotWidget()
    plot.plot([1, 2, 3, 4, 5], [3, 1, 4, 1, 5])
    window.setCentralWidget(plot)
    window.resize(1100, 720)

    if not getattr(sys, "frozen", False):
        sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))
    from stall_probe import Heartbeat

    heartbeat = Heartbeat(window, done=lambda beat: say(beat.line()))

    class FirstPaint(QObject):
        """Notes the plot's paint and delivers the window's paint passes itself, so that the time is taken once the
        pass that drew the plot is over (as packaging/launcher.py does for the app)."""

        painted = False
        delivering = False
        done = False

        def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]
            kind = event.type()
            if kind == QEvent.Type.Paint and watched.isWidgetType() and (watched is plot or plot.isAncestorOf(watched)):
                self.painted = True
            elif (kind in (QEvent.Type.UpdateRequest, QEvent.Type.Expose) and not self.delivering and not self.done
                  and (watched is window or watched is window.windowHandle())):
                self.delivering = True
                try:
                    QApplication.sendEvent(watched, event)
                finally:
                    self.delivering = False
                if self.painted and not heartbeat.running and not heartbeat.beats:
                    heartbeat.start()
                if self.painted:
                    self.done = True
                    usage = resource.getrusage(resource.RUSAGE_SELF)
                    stamp, cpu = time.time(), usage.ru_utime + usage.ru_stime
                    QTimer.singleShot(0, lambda: painted(stamp, cpu))
                return True
            return False

    def painted(stamp: float, cpu: float) -> None:
        say(f"FIRST_PAINT {stamp:.6f} {cpu:.6f}")
        pdf = os.environ.get("COMPUTEFIT_BENCH_PDF")
        if not pdf:
            finish(0)
            return
        delay = float(os.environ.get("COMPUTEFIT_BENCH_PDF_DELAY", "1"))
        clicked = time.perf_counter() + delay
        click = QTimer(window)  # precise: a coarse timer may fire up to 5% early
        click.setTimerType(Qt.TimerType.PreciseTimer)
        click.setSingleShot(True)
        click.timeout.connect(lambda: exports(clicked, pdf))
        click.start(round(delay * 1000))

    def exports(clicked: float, pdf: str) -> None:
        status = 1
        heartbeat.stop()
        try:
            waited = max(0.0, time.perf_counter() - clicked)
            _export_pdf(pdf, plot)
            say(f"PDF_FIRST {time.perf_counter() - clicked:.6f} {waited:.6f}")
            started = time.perf_counter()
            _export_pdf(pdf, plot)
            say(f"PDF_LATER {time.perf_counter() - started:.6f}")
            status = 0
        finally:
            finish(status)

    def finish(status: int) -> None:
        window.close()
        app.exit(status)

    if os.environ.get("COMPUTEFIT_EXIT_AFTER_FIRST_PAINT") == "1":
        probe = FirstPaint(window)
        app.installEventFilter(probe)  # the plot's viewport paints, not the plot itself: watch them all
    window.show()
    return app.exec()


def skip_pyside_source_scan() -> None:
    """What the app does for itself (desktop.startup.skip_pyside_source_scan): every module gets PySide6's default
    API without its source being read (about 60 ms and 12 MB once pyqtgraph is in)."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = lambda module: True


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    raise SystemExit(main())
