"""Start the window: `create_main_window` for tests and embedding, `run_gui` for the `computefit` command."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.model.pricing.book import PriceBook, load_price_book
from desktop.model.workload.files import load_workload
from desktop.resources import default_example_path, price_book_path

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from desktop.qt.main_window import MainWindow

ORGANISATION = "ComputeFit"
APPLICATION = "ComputeFit"


def create_main_window(workload_path: Path | None = None, *, book: PriceBook | None = None,
                       settings: QSettings | None = None) -> MainWindow:
    """Build the window on a workload file (default: the bundled example). A QApplication must exist.

    Raises WorkloadFileError when `workload_path` cannot be used.
    """
    from PySide6.QtCore import QSettings

    from desktop.model.pricing.checks import check_against_book
    from desktop.model.workload.files import WorkloadFileError
    from desktop.qt.main_window import MainWindow
    from desktop.qt.session import Session

    book = book or load_price_book(price_book_path())
    path = Path(workload_path) if workload_path else None
    workload = load_workload(path or default_example_path())
    from desktop.model.options.registry import check_workload

    problems = check_against_book(workload, book) + check_workload(workload, book)
    if problems:
        raise WorkloadFileError(str(path or default_example_path()), problems)
    settings = settings if settings is not None else QSettings(ORGANISATION, APPLICATION)
    session = Session(book, workload, path)
    window = MainWindow(session, settings)
    session.setParent(window)
    if path is not None:
        window.recent.add(path)
    return window


def run_gui(path: Path | None) -> int:
    """Run the window until it closes; a file that cannot be opened is reported and the example shown."""
    started = time.perf_counter()
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.model.workload.files import WorkloadFileError
    from desktop.qt.appearance import apply_appearance

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    settings = QSettings(ORGANISATION, APPLICATION)
    apply_appearance(str(settings.value("view/appearance", "system")))
    problem = None
    try:
        window = create_main_window(path, settings=settings)
    except WorkloadFileError as exc:
        problem = str(exc)
        window = create_main_window(None, settings=settings)
    window.show()
    if path is None and problem is None:  # first start: offer the questionnaire (once, never in tests)
        def offer() -> None:
            from desktop.qt.wizard.first_start import offer_on_first_start

            offer_on_first_start(window, settings, window.open_questionnaire)

        QTimer.singleShot(0, offer)
    if problem:
        sys.stderr.write(f"computefit: {problem}\n")
        QTimer.singleShot(0, lambda: QMessageBox.warning(window, "Open workload", problem))
    if _env_flag("COMPUTEFIT_STARTUP_TIME"):
        QTimer.singleShot(0, lambda: sys.stderr.write(
            f"computefit: first quote painted {time.perf_counter() - started:.3f} s after run_gui\n"))
    return int(app.exec())


def _env_flag(name: str) -> bool:
    import os

    return os.environ.get(name, "") not in ("", "0")
