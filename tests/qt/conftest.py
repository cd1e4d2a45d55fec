"""A real main window, offscreen, with its settings in a temporary INI file (never the user's); the message boxes
shown, closed as they appear."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.app import create_main_window
from desktop.model.pricing.book import PriceBook
from desktop.qt.main_window import MainWindow

# The GUI tests read and show numbers the English way whatever the machine's locale (tests/qt/test_locale_input.py
# sets German where it means to).
ENGLISH_LOCALE = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
QLocale.setDefault(ENGLISH_LOCALE)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "computefit.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, book: PriceBook, settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    win = create_main_window(book=book, settings=settings)
    win.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.form.complete, timeout=5000)  # the groups out of sight, one per turn after the paint
    return win


@pytest.fixture
def dialogs(qapp: QApplication) -> Iterator[list[tuple[str, str]]]:  # type: ignore[name-defined]
    """Every message box shown, as (title, text); each is closed as soon as it is seen."""
    seen: list[tuple[str, str]] = []

    def close_boxes() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                seen.append((widget.windowTitle(), widget.text()))
                widget.done(0)

    timer = QTimer()
    timer.timeout.connect(close_boxes)
    timer.start(10)
    yield seen
    timer.stop()



@pytest.fixture
def german() -> Iterator[None]:
    """The app speaks German for the test (Qt's own translator too), English again after it."""
    from desktop.qt.translation import install_language

    assert install_language("de") == "de"
    try:
        yield
    finally:
        install_language("en")
