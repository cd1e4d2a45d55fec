"""The window's price book: overrides, discounts and AWS Price List imports, each ending in one new book.

Every change goes through the Qt-free `BookSetup` (checked over the base book, written whole, then adopted) and
is announced once with `book_changed`, which the window hands to `Session.set_book` (one recomputation; the
quote, the region list and the instance choices follow). An import reads its files on a worker thread with a
progress dialog whose Cancel stops it; the window stays usable meanwhile, but prices cannot be changed until
the import ends (so the two cannot overwrite each other's user book). The worker is a Python daemon thread, not
a QThread: a window closed during an import cancels it and waits a few seconds, and a read that cannot stop
(a blocked FIFO) ends with the process instead of aborting it ("QThread: Destroyed while thread is still
running").
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.user_book import UserBook, UserBookError, effective_book
from desktop.present.i18n import tr
from desktop.present.text import file_names
from desktop.pricelist.book.setup import BookSetup, BookSetupError
from desktop.pricelist.book.store import write_user_book
from desktop.qt.background import ImportController, progress_dialog

if TYPE_CHECKING:  # the importer (and ijson) load when an import starts, not with the window
    from desktop.pricelist.offers.importer import ImportReport

PROGRESS_STEPS = 1000
PROGRESS_EVERY_S = 0.05  # at most this often from the worker: the GUI thread is never flooded
STOP_WAIT_S = 5.0  # a window closing during an import waits this long for it to stop
BUSY = "An import of prices is running: wait for it to end (or cancel it) before changing prices"


@dataclass
class ImportOutcome:
    """What an import ended with: done (a new book, written), cancelled or failed (nothing changed)."""

    status: str  # "done", "cancelled", "failed"
    message: str
    layer: UserBook | None = None
    book: PriceBook | None = None
    report: ImportReport | None = None


class _ImportWorker(QObject):
    progressed = Signal(float, str)  # fraction done, file being read
    writing = Signal()
    finished = Signal(object)  # ImportOutcome

    def __init__(self, setup: BookSetup, paths: list[Path], existing: UserBook) -> None:
        super().__init__()
        self._setup = setup
        self._paths = paths
        self._existing = existing
        self._cancel = threading.Event()
        self._shown = 0.0

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int, path: Path) -> None:
        from desktop.pricelist.offers.importer import ImportCancelled

        if self._cancel.is_set():
            raise ImportCancelled()
        now = time.monotonic()
        if now - self._shown >= PROGRESS_EVERY_S or done >= total:
            self._shown = now
            self.progressed.emit(done / total if total else 1.0, path.name)

    @Slot()
    def run(self) -> None:
        self.finished.emit(self._import())

    def _import(self) -> ImportOutcome:
        from desktop.pricelist.offers.importer import ImportCancelled, import_files
        from desktop.pricelist.offers.records import PriceListError

        setup, into = self._setup, self._setup.user_path
        unchanged = f"nothing imported, {into} unchanged"
        try:
            layer, report = import_files(self._paths, setup.base_json, self._existing, self._progress)
            if self._cancel.is_set():
                raise ImportCancelled()
            book = effective_book(setup.base, layer)
            self.writing.emit()
            assert into is not None
            write_user_book(into, layer)
        except ImportCancelled:
            return ImportOutcome("cancelled", f"Import cancelled; {into} unchanged.")
        except PriceListError as exc:
            return ImportOutcome("failed", f"{exc}; {unchanged}")
        except UserBookError as exc:
            return ImportOutcome("failed", f"the imported prices would not make a valid price book: "
                                           f"{'; '.join(exc.problems[:3])}; {unchanged}")
        except OSError as exc:
            return ImportOutcome("failed", f"{into}: cannot write the user price book "
                                           f"({getattr(exc, 'strerror', None) or exc}); unchanged")
        except Exception as exc:  # never a traceback in the window: one line, and nothing changed
            return ImportOutcome("failed", f"the import failed ({type(exc).__name__}: {exc}); {unchanged}")
        return ImportOutcome("done", f"{headline(report)}\n{summary(report, into)}", layer, book, report)


def headline(report: ImportReport) -> str:
    """One sentence: how many prices for which regions."""
    regions = sorted(report.written)
    if not regions:
        return "No price ComputeFit uses was in these files; the user price book is unchanged."
    named = ", ".join(regions[:-1]) + (" and " if len(regions) > 1 else "") + regions[-1]
    if len(regions) > 8:
        named = f"{', '.join(regions[:8])} and {len(regions) - 8} more regions"
    return f"Imported {sum(report.written.values())} prices for {named}."


def summary(report: ImportReport, into: Path | None) -> str:
    """What an import did, line by line (the message's details)."""
    lines = [f"Read {h.path.name}: {h.offer_code} {h.version}, published {h.publication}" for h in report.headers]
    lines += [f"Imported {count} price(s) for {region}" for region, count in sorted(report.written.items())]
    lines += report.skipped + report.empty
    if report.waiting:
        lines.append("Read but not in the price book yet: " + "; ".join(report.waiting))
    lines.append(f"Saved in the user price book {into}")
    return "\n".join(lines)


class PricesController(ImportController):
    """Changes to the window's price book; `book_changed` carries each new book (once per change);
    `import_ended` an ImportOutcome."""

    book_changed = Signal(object)  # PriceBook

    def __init__(self, setup: BookSetup, parent: QWidget | None = None):
        super().__init__(parent)
        self.setup = setup
        self._thread: threading.Thread | None = None
        self._worker: _ImportWorker | None = None
        self.last_outcome: ImportOutcome | None = None

    # --- state ------------------------------------------------------------------------------------
    @property
    def editable(self) -> bool:
        return self.setup.editable and not self.busy

    def read_only_reason(self) -> str:
        if self.busy:
            return BUSY
        if self.setup.user_path is None:
            return self.setup.describe()
        return self.setup.locked

    def where(self) -> str:
        return self.setup.describe()

    def discounts(self) -> dict[str, Decimal]:
        return self.setup.discounts()

    # --- edits (each returns "" or the problem, in words; a problem changes nothing) ------------------
    def override(self, path: str, usd_text: str, note: str, confidence: str = "B") -> str:
        return self._change(lambda: self.setup.override(path, usd_text, note, confidence))

    def add(self, path: str, usd_text: str, unit: str, note: str, confidence: str = "B") -> str:
        """A price the book lacks for a region, typed by the user (marked overridden: the user's own)."""
        return self._change(lambda: self.setup.override(path, usd_text, note, confidence, unit=unit))

    def reset(self, path: str) -> str:
        return self._change(lambda: self.setup.reset(path))

    def set_discount(self, section: str, percent_text: str) -> str:
        return self._change(lambda: self.setup.set_discount(section, percent_text))

    def reset_all(self) -> str:
        return self._change(self.setup.reset_all)

    def _change(self, make: Callable[[], PriceBook]) -> str:
        if self.busy:
            return BUSY
        try:
            book = make()
        except BookSetupError as exc:
            return str(exc)
        self.book_changed.emit(book)
        return ""

    # --- import -----------------------------------------------------------------------------------
    def start_import(self, paths: list[Path]) -> str:
        """Read the files on a worker thread, with a progress dialog; "" or why it cannot start."""
        if self.busy:
            return BUSY
        try:
            existing = self.setup.current_layer()
        except BookSetupError as exc:
            return str(exc)
        worker = _ImportWorker(self.setup, paths, existing)  # lives in the GUI thread: its signals are queued
        thread = threading.Thread(target=worker.run, name="price_import_thread", daemon=True)
        worker.progressed.connect(self._on_progress)
        worker.writing.connect(self._on_writing)
        worker.finished.connect(self._on_finished)
        return self._begin(worker, thread, self._progress_dialog(paths))

    def _progress_dialog(self, paths: list[Path]) -> QProgressDialog:
        names = file_names(paths)
        dialog = progress_dialog(f"Importing AWS Price List files: {names}", "Import prices", "price_import_progress",
                                 self._window, maximum=PROGRESS_STEPS)
        dialog.canceled.connect(self.cancel)
        dialog.setValue(0)
        dialog.show()
        return dialog

    cancel_import = ImportController.cancel

    @Slot(float, str)
    def _on_progress(self, fraction: float, name: str) -> None:
        if self.progress is not None and not self._worker_cancelled():
            self.progress.setValue(min(PROGRESS_STEPS - 1, int(fraction * PROGRESS_STEPS)))
            self.progress.setLabelText(tr(f"Reading {name}: {int(fraction * 100)}%"))  # as the bar rounds

    def _worker_cancelled(self) -> bool:
        return self._worker is not None and self._worker._cancel.is_set()

    @Slot()
    def _on_writing(self) -> None:
        if self.progress is not None:
            self.progress.setLabelText(tr("Writing the user price book..."))
            self.progress.setCancelButton(None)  # too late to cancel: the file is being replaced whole

    @Slot(object)
    def _on_finished(self, outcome: ImportOutcome) -> None:
        thread = self._release(outcome)
        if thread is not None:
            thread.join(1.0)  # it has sent its outcome: it ends now
        if outcome.status == "done" and outcome.layer is not None and outcome.book is not None:
            self.setup.adopt(outcome.layer, outcome.book)
            self.book_changed.emit(outcome.book)
        self._announce_end(outcome)

    def wait(self, timeout_s: float = STOP_WAIT_S) -> bool:
        """Cancel a running import and wait for its thread (the window is closing); False when it did not stop
        in time (it is left to end with the process: a daemon thread, the user book untouched until it ends)."""
        if self._thread is not None and self._worker is not None:
            self._worker.cancel()
            self._thread.join(timeout_s)
            return not self._thread.is_alive()
        return True
