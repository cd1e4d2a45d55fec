"""File > Open fleet...: a JSON-lines fleet file (`computefit usage import -o FLEET.jsonl`) advised and ranked off
the GUI thread, with the same pool of processes as `computefit usage rank`, behind a progress dialog with Cancel.

The ranking becomes the fleet review's table when it is done; a file that cannot be used is refused in one
message naming the file and the line, and a cancelled or refused one leaves the window as it was. Selecting a
row opens that one scenario as the document (read again from the file), never the whole fleet.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.model.pricing.book import PriceBook
from desktop.qt.background import Job, JobResult, Report
from desktop.terminal import one_line

BUSY = "A fleet is being opened: wait for it to end (or cancel it)"
FLEET_FILTER = "Fleet files (*.jsonl);;All files (*)"
MAX_MESSAGE = 600


def refusal(path: Path, error: BaseException) -> str:
    """What the window says of a fleet file it could not open: one line, naming the file (and the line)."""
    from desktop.model.workload.files import WorkloadFileError
    from desktop.usage.records import UsageError

    if isinstance(error, UsageError | WorkloadFileError):
        text = str(error)
    else:  # never a traceback: what went wrong, in one line
        text = f"{path}: could not be opened ({type(error).__name__}: {error})"
    return one_line(text)[:MAX_MESSAGE]


class FleetOpener(QObject):
    """One fleet opened at a time: `opened(FleetTable)` when ranked, `refused(str)` when it cannot be used,
    `cancelled()` when the user stopped it."""

    opened = Signal(object)
    refused = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget, jobs: int = 0):
        super().__init__(parent)
        self._window = parent
        self.jobs = jobs  # processes: 0, one per CPU (as `usage rank`)
        self.job: Job | None = None
        self.path: Path | None = None

    @property
    def busy(self) -> bool:
        return self.job is not None

    def open(self, path: Path, book: PriceBook) -> str:
        """Start ranking `path`; "" once started, or why it cannot start."""
        if self.job is not None:
            return BUSY
        from desktop.present.i18n import tr

        self.path = path
        self.job = Job(self._work(path, book), tr("Open fleet"), tr(f"Reading {path.name}"), self._window)
        self.job.dialog.setObjectName("fleet_progress")
        self.job.finished.connect(self._finished)
        self.job.start()
        return ""

    def _work(self, path: Path, book: PriceBook) -> Callable[[Report], object]:
        jobs = self.jobs

        def work(report: Report) -> object:
            import desktop.qt.workshop.fleet_filters  # noqa: F401 - the dock's table: imported here, not on the GUI thread
            from desktop.present.i18n import shown
            from desktop.usage.fleet_table import open_fleet

            return open_fleet(path, book, lambda text, done, total: report(shown(text), done, total), jobs)
        return work

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def wait(self) -> None:
        """Cancel a fleet still being ranked and wait for it (the window is closing)."""
        if self.job is not None:
            self.job.cancel()
            self.job.wait(30)

    def _finished(self, result: JobResult) -> None:
        job, path = self.job, self.path
        self.job = None
        if job is not None:
            job.deleteLater()
        assert path is not None
        if result.cancelled:
            self.cancelled.emit()
        elif result.error is not None:
            self.refused.emit(refusal(path, result.error))
        else:
            self.opened.emit(result.value)
