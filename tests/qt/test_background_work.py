"""Exports and imports run off the GUI thread and can be cancelled; closing the window during one ends cleanly;
a failed export says why and leaves no busy cursor."""

from __future__ import annotations

import decimal
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox

import desktop.report.sheet.pdf_writer as pdf_writer
from desktop.qt.background import Job
from desktop.qt.main_window import MainWindow
from desktop.workbench.workbench import Workbench
from tests.conftest import REPO


def _workshop(window: MainWindow, scenarios: int) -> None:
    for _ in range(scenarios - 1):
        window.session.run(Workbench.duplicate, 0)


def _room_report(window: MainWindow, scenarios: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A workshop of `scenarios` scenarios whose PDF report the save dialog will answer with room.pdf."""
    _workshop(window, scenarios)
    target = tmp_path / "room.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF sheet, A4 (*.pdf)"))
    assert window.exporter is not None
    return target


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append(text))
    return shown


def test_a_workshop_report_is_written_off_the_gui_thread(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                        monkeypatch: pytest.MonkeyPatch, errors) -> None:
    target = _room_report(window, 6, monkeypatch, tmp_path)
    threads: set[str] = set()
    checkpoint = pdf_writer.checkpoint

    def seen(*args: object) -> None:
        threads.add(threading.current_thread().name)
        checkpoint(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_writer, "checkpoint", seen)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    assert window.exporter is not None
    window.exporter.export_pdf()
    assert window.exporter.job is not None and window.exporter.job.running  # returned before the PDF was done
    assert window.exporter.wait()
    timer.stop()
    assert errors == [] and target.exists() and threads and threading.main_thread().name not in threads
    assert ticks, "the GUI thread's event loop ran while the report was written"
    assert f"Wrote the workshop report to {target}" in window.statusBar().currentMessage()


def test_cancel_stops_a_report_between_pages_and_writes_nothing(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                monkeypatch: pytest.MonkeyPatch, errors) -> None:
    target = _room_report(window, 8, monkeypatch, tmp_path)
    assert window.exporter is not None
    reported = Job._report

    def cancel_at_first_report(job: Job, text: str, done: int, total: int) -> None:
        job._cancel.set()  # what Cancel sets, as the first sheet is reported (in the worker: no race with the GUI)
        reported(job, text, done, total)

    monkeypatch.setattr(Job, "_report", cancel_at_first_report)
    window.exporter.export_pdf()
    job = window.exporter.job
    assert job is not None
    label = job.dialog.findChild(QLabel)
    assert label is not None and label.textFormat() == Qt.TextFormat.PlainText  # names in it are data
    assert window.exporter.wait()
    assert job.result is not None and job.result.cancelled and not target.exists() and errors == []
    assert "Export cancelled" in window.statusBar().currentMessage() and not job.dialog.isVisible()


def test_closing_the_window_during_an_export_ends_it_cleanly(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                             monkeypatch: pytest.MonkeyPatch, errors) -> None:
    target = _room_report(window, 8, monkeypatch, tmp_path)
    assert window.exporter is not None
    window.exporter.export_pdf()
    job = window.exporter.job
    assert job is not None and job.running
    window.close()
    assert not job.running and job.result is not None and job.result.cancelled
    assert not target.exists() and not list(tmp_path.glob("*.tmp*")) and errors == []


def test_a_failed_csv_export_says_why_and_restores_the_cursor(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                             monkeypatch: pytest.MonkeyPatch, errors) -> None:
    import desktop.qt.export_controller as export_controller

    def overflow(*_args: object) -> str:
        raise decimal.InvalidOperation([decimal.InvalidOperation])

    monkeypatch.setattr(export_controller, "write_data", overflow)
    target = tmp_path / "quote.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV (*.csv)"))
    assert window.exporter is not None
    window.exporter.export_csv()
    assert window.exporter.wait()
    assert len(errors) == 1 and str(target) in errors[0] and "Nothing was written" in errors[0]
    assert "InvalidOperation" in errors[0]
    assert QApplication.overrideCursor() is None and not target.exists()
    assert "Export failed" in window.statusBar().currentMessage()


STUCK = textwrap.dedent("""
    import os, sys, threading, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["COMPUTEFIT_DATA_DIR"] = sys.argv[1]
    from pathlib import Path
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication
    import desktop.pricelist.offers.importer as importer
    import desktop.qt.prices_controller as prices_controller
    from desktop.app import create_main_window, price_setup
    from desktop.model.pricing.book import load_price_book
    from desktop.resources import price_book_path

    def never_ends(*args, **kwargs):  # a read that cannot be cancelled (a FIFO without a writer)
        threading.Event().wait()

    importer.import_files = never_ends
    prices_controller.STOP_WAIT_S = 0.5
    app = QApplication([])
    setup, _ = price_setup(load_price_book(price_book_path()))
    window = create_main_window(settings=QSettings(sys.argv[1] + "/s.ini", QSettings.Format.IniFormat),
                                setup=setup)
    window.show()
    assert window.import_prices([Path(sys.argv[1]) / "stuck.json"]) is True
    QTimer.singleShot(300, window.close)
    QTimer.singleShot(600, app.quit)
    code = app.exec()
    print("closed", window.prices.busy, flush=True)
    sys.exit(code)
""")


def test_closing_the_window_during_a_stuck_import_exits_cleanly(tmp_path: Path) -> None:
    (tmp_path / "stuck.json").write_text("{}", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", STUCK, str(tmp_path)], env=env, cwd=REPO, timeout=120,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "closed True" in done.stdout  # the import was still blocked when the window went
    assert "QThread" not in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "price-book.user.json").exists()
