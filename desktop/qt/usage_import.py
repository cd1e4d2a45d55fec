"""File > Import usage...: billing exports and CLI JSON into a fleet workshop, on a worker thread.

The import (desktop.usage, DuckDB for billing exports) runs on a QThread with a progress dialog whose Cancel
interrupts the engine's running query; the window stays usable. The fleet is written to the file the user chose
(whole or not at all) only when the import succeeded: a cancelled or failed import writes nothing. The window then
opens it. Nothing here imports the usage package before an import starts.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMenu,
    QProgressDialog,
    QTabBar,
    QWidget,
)

from desktop.model.pricing.book import PriceBook
from desktop.present.i18n import shown, tr
from desktop.present.text import file_names
from desktop.qt.background import ImportController, progress_dialog
from desktop.qt.session import Session
from desktop.qt.workshop.fleet_window import FleetWindowPart

if TYPE_CHECKING:
    from desktop.usage.records import TagFilter, UsageError

BUSY = "A usage import is running: wait for it to end (or cancel it)"
TAG_PROMPT = ("Only the billing rows with this tag (KEY=VALUE, e.g. team=orders; several separated by commas, all "
              "must match). Leave it empty to read every row.")


def one_line(text: str) -> str:
    """Control characters (from a file name or a resource id) shown as '?': each message stays one line."""
    return "".join("?" if (ord(ch) < 32 and ch != "\n") or ord(ch) == 127 else ch for ch in text)


def usage_error_text(exc: UsageError) -> str:
    """A refused input as one line in the window's language: the file and the column as they are, the reason
    translated."""
    where = f"{exc.where}: {exc.column}: " if exc.column else f"{exc.where}: "
    return one_line(where + tr(exc.message))


_COUNTED = re.compile(r"^(\s*[\d,]+\s\s)(\S.*)$")  # "       12  tax, fee or purchase line (...)": rows, reason


def shown_line(line: str) -> str:
    """A line of the import's summary in the window's language (a count of rows and its reason: each alone)."""
    counted = _COUNTED.match(line)
    return shown(counted.group(1)) + shown(counted.group(2)) if counted else shown(line)


@dataclass(frozen=True, slots=True)
class UsageOutcome:
    status: str  # "done", "cancelled", "failed"
    message: str  # the summary (done) or the reason, one line
    output: Path


class _UsageWorker(QObject):
    finished = Signal(object)  # UsageOutcome

    def __init__(self, paths: list[Path], output: Path, book: PriceBook, tags: tuple[TagFilter, ...] = ()) -> None:
        super().__init__()
        self._paths, self._output, self._book, self._tags = paths, output, book, tags
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._interrupt: Callable[[], None] | None = None

    def cancel(self) -> None:
        self._cancel.set()
        with self._lock:
            if self._interrupt is not None:
                # stops the engine's running query (from the GUI thread); if the query just ended, the flag stops
                # what comes next
                with contextlib.suppress(Exception):
                    self._interrupt()

    def _register(self, interrupt: Callable[[], None]) -> None:
        with self._lock:
            self._interrupt = interrupt
        if self._cancel.is_set():
            interrupt()

    @Slot()
    def run(self) -> None:
        self.finished.emit(self._run())

    def _run(self) -> UsageOutcome:
        from desktop.model.workshop.files import save_workshop
        from desktop.usage.importer import import_usage, summary_text
        from desktop.usage.records import Cancelled, UsageError

        cancelled = UsageOutcome("cancelled", tr("Usage import cancelled; nothing was written."), self._output)
        try:
            workshop, summary = import_usage(self._paths, self._book, self._register, self._tags)
            with self._lock:
                self._interrupt = None
            if self._cancel.is_set():
                return cancelled
            save_workshop(self._output, workshop)
        except Cancelled:
            return cancelled
        except UsageError as exc:
            return UsageOutcome("failed", usage_error_text(exc), self._output)
        except OSError as exc:
            return UsageOutcome("failed", tr(f"{self._output}: cannot write ({exc.strerror or exc})"), self._output)
        except Exception as exc:  # never a traceback in the window: one line, and nothing written
            return UsageOutcome("failed", tr(f"the import failed ({type(exc).__name__}: {one_line(str(exc))[:300]})"),
                                self._output)
        return UsageOutcome("done", summary_text(summary, workshop, one_line), self._output)


class UsageImportController(ImportController):
    """Starts an import, shows its progress, and announces its end once (`import_ended`, a UsageOutcome)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: _UsageWorker | None = None
        self.last_outcome: UsageOutcome | None = None

    def start(self, paths: list[Path], output: Path, book: PriceBook, tags: tuple[TagFilter, ...] = ()) -> str:
        """"" once started, or why it cannot start."""
        if self.busy:
            return BUSY
        worker = _UsageWorker(paths, output, book, tags)
        thread = QThread(self)
        thread.setObjectName("usage_import_thread")
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.finished.connect(self._on_finished)
        return self._begin(worker, thread, self._progress_dialog(paths))

    def _progress_dialog(self, paths: list[Path]) -> QProgressDialog:
        names = file_names(paths)
        dialog = progress_dialog(tr(f"Reading usage: {names}"), "Import usage", "usage_import_progress", self._window)
        dialog.canceled.connect(self.cancel)
        dialog.show()
        return dialog

    @Slot(object)
    def _on_finished(self, outcome: UsageOutcome) -> None:
        thread = self._release(outcome)
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
        self._announce_end(outcome)

    def wait(self, timeout_ms: int = 30_000) -> None:
        """Cancel a running import and wait for its thread (the window is closing)."""
        if self._thread is not None and self._worker is not None:
            self._worker.cancel()
            self._thread.quit()
            self._thread.wait(timeout_ms)


USAGE_FILTER = ("Usage exports (*.parquet *.csv *.csv.gz *.gz *.json);;Billing exports (*.parquet *.csv *.csv.gz);;"
                "CloudWatch or AWS CLI JSON (*.json);;All files (*)")


class UsageWindowPart(QObject):
    """What the usage import adds to the window: File > Import usage... (files or a folder) and the fleet
    review dock, which shows itself when the document holds imported scenarios."""

    def __init__(self, window: QMainWindow, session: Session, inform: Callable[[str, str, str], None]):
        super().__init__(window)
        from desktop.qt.workshop.fleet_review_view import FleetReviewView

        self.window, self.session, self.inform = window, session, inform
        self.controller = UsageImportController(window)
        self.controller.import_ended.connect(self._ended)
        self.review = FleetReviewView(session, window)
        self.dock = QDockWidget(tr("Fleet review"), window)
        self.dock.setObjectName("fleet_review_dock")
        self.dock.setWidget(self.review)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        beside = getattr(getattr(window, "workshop", None), "comparison_dock", None)
        if isinstance(beside, QDockWidget):
            window.tabifyDockWidget(beside, self.dock)  # a tab beside the comparison, the same full width
            for bar in window.findChildren(QTabBar):  # the docks' tab bar, which the main window made just now
                if not bar.accessibleName():
                    bar.setAccessibleName(tr("Comparison or fleet review"))
        self.dock.hide()
        self.review.model.modelReset.connect(self._follow)
        self.actions: list[QAction] = []
        self.fleet = FleetWindowPart(window, session, self.review, self.dock, inform)

    def fill_menu(self, menu: QMenu) -> None:
        for text, slot in (("Import &usage...", self.import_dialog),
                           ("Import usage from a f&older...", self.import_folder_dialog)):
            action = QAction(tr(text), self.window)
            action.triggered.connect(lambda _checked=False, run=slot: run())
            menu.addAction(action)
            self.actions.append(action)
        self.controller.busy_changed.connect(self._busy)

    def _busy(self, busy: bool) -> None:
        for action in self.actions:
            action.setEnabled(not busy)

    def import_dialog(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self.window, tr("Import usage: billing exports, CloudWatch and CLI "
                                                   "JSON"), str(Path.home()), tr(USAGE_FILTER))
        if names:
            self.ask_output_and_start([Path(n) for n in names])

    def import_folder_dialog(self) -> None:
        name = QFileDialog.getExistingDirectory(self.window, tr("Import a folder of billing export parts"),
                                                str(Path.home()))
        if name:
            self.ask_output_and_start([Path(name)])

    def ask_output_and_start(self, paths: list[Path]) -> None:
        first = paths[0] if paths[0].is_dir() else paths[0].parent
        name, _ = QFileDialog.getSaveFileName(self.window, tr("Save the fleet workshop as"),
                                              str(first / "fleet.workshop.json"),
                                              tr("Workshop files (*.workshop.json)"))
        if not name:
            return
        tags = self.ask_tags()
        if tags is not None:
            self.start(paths, Path(name), tags)

    def ask_tags(self) -> tuple[TagFilter, ...] | None:
        """The optional tag filter (KEY=VALUE, several separated by commas); None when the user cancelled or the
        text is not a filter (said in a dialog)."""
        from desktop.usage.records import UsageError, parse_tag_filter

        text, ok = QInputDialog.getText(self.window, tr("Import usage: tag filter"), tr(TAG_PROMPT))
        if not ok:
            return None
        try:
            return tuple(parse_tag_filter(part.strip(), tr("Tag filter")) for part in text.split(",") if part.strip())
        except UsageError as exc:
            self.inform(tr("Import usage"), usage_error_text(exc), "")
            return None

    def start(self, paths: list[Path], output: Path, tags: tuple[TagFilter, ...] = ()) -> str:
        """Import on the worker thread; "" once started, or the problem (also shown)."""
        problem = self.controller.start(paths, output, self.session.book, tags)
        if problem:
            self.inform(tr("Import usage"), tr(problem), "")
        return problem

    def _ended(self, outcome: UsageOutcome) -> None:
        if outcome.status == "done":
            opened = getattr(self.window, "open_path", None)
            if callable(opened):
                opened(outcome.output, True)
            first, _, details = outcome.message.partition("\n")
            lines = [shown_line(line) for line in details.splitlines()]  # line by line: a line's text stays in it
            self.inform(tr("Import usage"), shown(first) + "\n" + tr(f"Wrote {outcome.output}"), "\n".join(lines))
        else:
            self.inform(tr("Import usage"), outcome.message, "")

    def _follow(self) -> None:
        if self.review.fleet is not None:
            return
        if self.review.review is not None:
            self.dock.show()
            self.dock.raise_()
        else:
            self.dock.hide()
