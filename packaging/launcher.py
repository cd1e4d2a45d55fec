"""Entry point of the frozen `computefit` executable (and of the start-up benchmark from source).

It runs `desktop.cli.main` unchanged. Only when COMPUTEFIT_EXIT_AFTER_FIRST_PAINT=1 is set (by
tests/benchmarks/bench_budgets.py) does it watch the main window: at its first paint it prints
`FIRST_PAINT <unix time>`, optionally writes the PDF sheet named by COMPUTEFIT_BENCH_PDF (printing
`PDF_EXPORT <seconds>`), and quits. The window code knows nothing about this.
"""

from __future__ import annotations

import os
import sys


def _install_first_paint_probe() -> None:
    import time

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    import desktop.app as app_module

    original = app_module.create_main_window
    keep: list[QObject] = []

    def finish(window) -> None:  # type: ignore[no-untyped-def]
        sys.stdout.write(f"FIRST_PAINT {time.time():.6f}\n")
        sys.stdout.flush()
        pdf = os.environ.get("COMPUTEFIT_BENCH_PDF")
        status = 1
        try:
            if pdf:  # what File > Export PDF does, without the file dialog: the sheet from the held Advice
                from pathlib import Path

                from desktop.report.export import write_report

                session = window.session
                started = time.perf_counter()
                write_report(session.advice, session.workload, session.book, Path(pdf))
                sys.stdout.write(f"PDF_EXPORT {time.perf_counter() - started:.6f}\n")
                sys.stdout.flush()
            status = 0
        finally:
            window.setWindowModified(False)
            window.close()
            QApplication.exit(status)

    class FirstPaint(QObject):
        def __init__(self, window) -> None:  # type: ignore[no-untyped-def]
            super().__init__(window)
            self.window = window
            self.done = False

        def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]
            if (not self.done and event.type() == QEvent.Type.Paint and watched.isWidgetType()
                    and watched.window() is self.window):
                self.done = True
                # The whole window is painted in the same pass: report once that pass is over.
                QTimer.singleShot(0, lambda: finish(self.window))
            return False

    def create_and_watch(*args, **kwargs):  # type: ignore[no-untyped-def]
        window = original(*args, **kwargs)
        probe = FirstPaint(window)
        keep.append(probe)
        QApplication.instance().installEventFilter(probe)  # children cover the window: watch them all
        return window

    app_module.create_main_window = create_and_watch


def run() -> int:
    if os.environ.get("COMPUTEFIT_EXIT_AFTER_FIRST_PAINT") == "1" and "--smoke-test" not in sys.argv:
        _install_first_paint_probe()
    from desktop.cli import main

    return main()


if __name__ == "__main__":
    raise SystemExit(run())
