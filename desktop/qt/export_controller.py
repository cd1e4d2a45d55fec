"""File > Export: the PDF comparison sheet, CSV and JSON, written from the session's current Advice.

For a workshop (several scenarios, or a workshop file) the PDF is the workshop's (a summary page, then each
scenario's sheet) and the CSV and JSON are the comparison of the scenarios, from the session's advice and
comparison (the same numbers the window shows).

A save dialog opens in the last folder used (kept in QSettings) with a file name made from the workload's
name; the PDF's page size follows the chosen filter (A4 or US Letter, remembered too). Writing takes a
fraction of a second (the sheet ~0.1-0.3 s), so it runs in the GUI thread (QPdfWriter painting belongs
there) under a busy cursor with a status message. Files are written whole or not at all (temporary file +
rename); a target that cannot be written gets a message box naming the path and the reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, QSettings, QStandardPaths, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox, QWidget

from desktop.model.advice.advise import Advice
from desktop.report.sheet.export import write_data, write_report

if TYPE_CHECKING:
    from desktop.qt.session import Session

LAST_FOLDER_KEY = "export/last_folder"
PAGE_SIZE_KEY = "export/page_size"
PDF_FILTERS = {"A4": "PDF sheet, A4 (*.pdf)", "Letter": "PDF sheet, US Letter (*.pdf)"}
DATA_FILTERS = {"csv": "CSV (*.csv)", "json": "JSON (*.json)", "xlsx": "Excel workbook (*.xlsx)"}
STATUS_MS = 6000
WARM_UP_MS = 500  # after the window is made: what the first export needs, loaded while the user reads the window


def safe_file_stem(name: str, fallback: str = "workload") -> str:
    """A file name stem from a workload name: letters, digits, dot, dash and underscore only."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-._")
    stem = re.sub(r"-{2,}", "-", stem)[:80].strip("-._")
    return stem or fallback


def default_page_size() -> str:
    """US Letter where the locale measures in US units, A4 elsewhere."""
    return "Letter" if QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem else "A4"


class ExportController(QObject):
    """Slots for File > Export PDF / CSV / JSON; the main window wires its actions to them."""

    exported = Signal(str)  # the path written
    failed = Signal(str)  # the message shown

    def __init__(self, session: Session, settings: QSettings, parent: QWidget):
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.window = parent
        QTimer.singleShot(WARM_UP_MS, self, self._warm_up)

    def _warm_up(self) -> None:
        """In idle time after the window shows: the sheet's modules now, a throwaway page on the next turn."""
        from desktop.report.sheet.pdf_writer import warm_up

        QTimer.singleShot(0, self, warm_up)

    # --- slots -----------------------------------------------------------------------------------
    @Slot()
    def export_pdf(self) -> None:
        remembered = str(self.settings.value(PAGE_SIZE_KEY, default_page_size()))
        page_size = remembered if remembered in PDF_FILTERS else "A4"
        path, chosen = self._ask("Export comparison sheet (PDF)", ".pdf", list(PDF_FILTERS.values()),
                                 PDF_FILTERS[page_size])
        if path is None:
            return
        page_size = next((size for size, text in PDF_FILTERS.items() if text == chosen), page_size)
        self.settings.setValue(PAGE_SIZE_KEY, page_size)
        session = self.session
        if self.is_workshop:
            from desktop.report.workshop.export import write_workshop_report

            advices, comparison, title = session.advices(), session.comparison, self.title()
            self._run(path, "workshop report", lambda: write_workshop_report(advices, comparison, title,
                                                                            session.book, path, page_size))
            return
        self._run(path, "comparison sheet",
                  lambda: _write_report(session.advice, path, page_size))

    @Slot()
    def export_csv(self) -> None:
        self._export_data("csv")

    @Slot()
    def export_xlsx(self) -> None:
        self._export_data("xlsx")

    @Slot()
    def export_json(self) -> None:
        self._export_data("json")

    # --- helpers ---------------------------------------------------------------------------------
    def _export_data(self, fmt: str) -> None:
        path, _ = self._ask(f"Export comparison ({fmt.upper()})", f".{fmt}", [DATA_FILTERS[fmt]], DATA_FILTERS[fmt])
        if path is None:
            return
        session = self.session
        if self.is_workshop:
            from desktop.report.workshop.export import write_workshop_data

            advices, comparison = session.advices(), session.comparison
            self._run(path, f"{fmt.upper()} comparison of the scenarios",
                      lambda: write_workshop_data(advices, comparison, session.book, path, fmt))
            return
        self._run(path, f"{fmt.upper()} comparison", lambda: write_data(session.advice, session.book, path, fmt))

    @property
    def is_workshop(self) -> bool:
        return bool(getattr(self.session, "is_workshop", False))

    def title(self) -> str:
        """The workshop's title on its report: its file's name, else "Workshop"."""
        path = getattr(self.session, "path", None)
        if path is None:
            return "Workshop"
        name = Path(path).name
        return name.removesuffix(".json").removesuffix(".workshop").removesuffix(".workload") or name

    def start_folder(self) -> Path:
        remembered = self.settings.value(LAST_FOLDER_KEY)
        if remembered and Path(str(remembered)).is_dir():
            return Path(str(remembered))
        current = getattr(self.session, "path", None)
        if current is not None and Path(current).parent.is_dir():
            return Path(current).parent
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents and Path(documents).is_dir() else Path.home()

    def _ask(self, title: str, suffix: str, filters: list[str], selected: str) -> tuple[Path | None, str]:
        name = self.title() if self.is_workshop else self.session.workload.name
        suggested = self.start_folder() / (safe_file_stem(name) + suffix)
        chosen, chosen_filter = QFileDialog.getSaveFileName(self.window, title, str(suggested), ";;".join(filters),
                                                            selected)
        if not chosen:
            return None, chosen_filter
        path = Path(chosen)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self.settings.setValue(LAST_FOLDER_KEY, str(path.parent))
        return path, chosen_filter

    def _status(self, text: str) -> None:
        if isinstance(self.window, QMainWindow):
            self.window.statusBar().showMessage(text, STATUS_MS)

    def _run(self, path: Path, what: str, write: Callable[[], object]) -> None:
        self._status(f"Writing the {what} to {path}...")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QApplication.processEvents()
        try:
            write()
        except OSError as exc:
            reason = exc.strerror or str(exc)
            message = f"The {what} could not be written to\n{path}\n\n{reason}.\n\nNothing was written."
            QApplication.restoreOverrideCursor()
            self._status(f"Export failed: {reason}")
            self.failed.emit(message)
            QMessageBox.critical(self.window, "Export failed", message)
            return
        QApplication.restoreOverrideCursor()
        self._status(f"Wrote the {what} to {path}")
        self.exported.emit(str(path))


def _write_report(advice: Advice, path: Path, page_size: str) -> int:
    """The sheet of exactly what the advice was computed from (its workload and book)."""
    return write_report(advice, advice.workload, advice.book, path, page_size)
