"""File > Export: the PDF comparison sheet, CSV and JSON, written from the session's current Advice.

For a workshop (several scenarios, or a workshop file) the PDF is the workshop's (a summary page, then each
scenario's sheet) and the CSV and JSON are the comparison of the scenarios, from the session's advice and
comparison (the same numbers the window shows).

A save dialog opens in the last folder used (kept in QSettings) with a file name made from the workload's
name; the PDF's page size follows the chosen filter (A4 or US Letter, remembered too). What is exported is
taken from the session when the export starts; the writing runs off the GUI thread (desktop.qt.background:
a sheet takes a fraction of a second, a maximal workshop report many seconds), with a progress dialog whose
Cancel stops it between pages. Files are written whole or not at all (temporary file + rename); a target that
cannot be written, or any other failure, gets a message box naming the path and the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, QSettings, QStandardPaths, QTimer, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from desktop.model.advice.advise import Advice
from desktop.model.pricing.book import PriceBook
from desktop.model.workshop.compare import Comparison
from desktop.model.workshop.spec import WorkshopSpec
from desktop.model.workshop.usage import ScenarioUsage
from desktop.present.i18n import shown, tr
from desktop.qt.background import Job, JobResult, Report
from desktop.qt.turns import NextTurn
from desktop.report.sheet.export import write_data, write_report
from desktop.workbench.document import spec_from_state
from desktop.workbench.file_names import safe_file_stem

if TYPE_CHECKING:
    from desktop.qt.session import Session

LAST_FOLDER_KEY = "export/last_folder"
PAGE_SIZE_KEY = "export/page_size"
PDF_FILTERS = {"A4": "PDF sheet, A4 (*.pdf)", "Letter": "PDF sheet, US Letter (*.pdf)"}
DATA_FILTERS = {"csv": "CSV (*.csv)", "json": "JSON (*.json)", "xlsx": "Excel workbook (*.xlsx)"}
STATUS_MS = 6000
WARM_UP_MS = 500  # after the window is made: what the first export needs, loaded while the user reads the window
# The sheet's modules, imported one per turn by the warm-up (each imports those before it; about 5-15 ms each).
WARM_UP_MODULES = ("desktop.model.questionnaire.data", "desktop.report.sheet.charts", "desktop.report.sheet.html",
                   "desktop.report.sheet.pdf_writer")
BUSY = "An export is running: wait for it to end (or cancel it) before starting another."


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
        self.job: Job | None = None
        self._writing: tuple[Path, str] = (Path(), "")
        *modules, writer = (partial(import_module, name) for name in WARM_UP_MODULES)
        self._warm_steps: list[Callable[[], object]] = [*modules, _qt_classes_of_the_sheet, writer, _warm_up_page]
        self._warm_turn = NextTurn(self, self._warm_up)
        QTimer.singleShot(WARM_UP_MS, self, self._warm_up)

    def _warm_up(self) -> None:
        """In idle time after the window shows, one step per turn of the event loop (each after the timers and
        input due by then, each well under a frame): the sheet's modules, its Qt classes, then a throwaway page."""
        if self._warm_steps:
            self._warm_steps.pop(0)()
            if self._warm_steps:
                self._warm_turn.start()

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

            spec, title, book = spec_from_state(session.state), self.title(), session.book

            def report() -> object:
                advices, comparison = _priced(spec, book)
                return write_workshop_report(advices, comparison, title, book, path, page_size,
                                             usages=[s.usage for s in spec.scenarios])

            self._run(path, "workshop report", _watched(report))
            return
        advice, usage = session.advice, session.state.scenarios[session.state.selected].usage
        self._run(path, "comparison sheet", _watched(lambda: _write_report(advice, path, page_size, usage)))

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
        book = session.book
        if self.is_workshop:
            from desktop.report.workshop.export import write_workshop_data

            spec = spec_from_state(session.state)
            self._run(path, f"{fmt.upper()} comparison of the scenarios",
                      lambda _report: write_workshop_data(*_priced(spec, book), book, path, fmt))
            return
        advice = session.advice
        self._run(path, f"{fmt.upper()} comparison", lambda _report: write_data(advice, book, path, fmt))

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
            self.window.statusBar().showMessage(shown(text), STATUS_MS)

    def _run(self, path: Path, what: str, write: Callable[[Report], object]) -> None:
        """Write off the GUI thread, with a progress dialog (Cancel); say how it ended."""
        if self.job is not None and self.job.running:
            QMessageBox.information(self.window, tr("Export"), tr(BUSY))
            return
        self._status(f"Writing the {what} to {path}...")
        job = Job(write, tr("Export"), shown(f"Writing the {what} to {path.name}..."), self.window)
        job.finished.connect(self._ended)  # a slot of this object: delivered in the GUI thread
        self.job, self._writing = job, (path, what)
        job.start()

    @Slot(object)
    def _ended(self, result: JobResult) -> None:
        path, what = self._writing
        if result.cancelled:
            self._status(f"Export cancelled: nothing was written to {path}")
            return
        if result.error is not None:
            exc = result.error
            reason = (exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)) or type(exc).__name__
            message = f"The {what} could not be written to\n{path}\n\n{reason}.\n\nNothing was written."
            self._status(f"Export failed: {reason}")
            self.failed.emit(message)
            QMessageBox.critical(self.window, tr("Export failed"), shown(message))
            return
        self._status(f"Wrote the {what} to {path}")
        self.exported.emit(str(path))

    def wait(self, timeout_s: float = 120.0) -> bool:
        """Wait for a running export to end (tests; the window closing): False when it is still running."""
        return self.job is None or self.job.wait(timeout_s)

    def stop(self) -> None:
        """The window is closing: cancel a running export and wait for it to stop (at its next page or sheet)."""
        if self.job is not None and self.job.running:
            self.job.cancel()
            self.job.wait()


def _priced(spec: WorkshopSpec, book: PriceBook) -> tuple[list[Advice], Comparison]:
    """Every scenario advised and compared, on the export's thread (the same pure functions as the window's)."""
    from desktop.report.workshop.export import workshop_advice

    return workshop_advice(spec, book)


def _watched(write: Callable[[], object]) -> Callable[[Report], object]:
    """A PDF's writing, reporting each sheet and page to the job (which stops it on Cancel)."""
    def run(report: Report) -> object:
        from desktop.report.sheet.pdf_writer import watched

        with watched(report):
            return write()
    return run


def _write_report(advice: Advice, path: Path, page_size: str, usage: ScenarioUsage | None = None) -> int:
    """The sheet of exactly what the advice was computed from (its workload and book)."""
    return write_report(advice, advice.workload, advice.book, path, page_size, usage)


def _qt_classes_of_the_sheet() -> None:
    """PySide makes a Qt class when it is first used (its enums too: QPageSize's, QTextFormat's): the sheet's are
    made on a turn of their own, before its writer's module is imported."""
    from PySide6 import QtGui

    for name in ("QPageLayout", "QPageSize", "QPdfWriter", "QTextFormat", "QTextDocument", "QTextCursor", "QTextTable"):
        getattr(QtGui, name)


def _warm_up_page() -> None:
    from desktop.report.sheet.pdf_writer import warm_up

    warm_up()
