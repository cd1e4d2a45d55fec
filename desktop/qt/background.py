"""What the window's imports on a worker thread share: the thread, the non-modal progress dialog with its
Cancel, and stopping both once, when the worker finishes or the window closes.

A job's worker is a QObject with `run()` (a slot, called on the thread), `cancel()` (called from the GUI
thread) and a `finished` signal carrying its outcome, which the job's subclass connects to its own slot.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class Worker(Protocol):
    def cancel(self) -> None: ...

    def run(self) -> None: ...

    def moveToThread(self, thread: QThread) -> bool: ...


def file_names(paths: list[Path]) -> str:
    """The first three file names, and how many more."""
    return ", ".join(p.name for p in paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


def progress_dialog(parent: QWidget | None, text: str, steps: int, name: str, title: str,
                    on_cancel: Callable[[], None]) -> QProgressDialog:
    """A non-modal progress dialog (the window stays usable while the worker reads), shown at once; `steps`
    0 is a busy bar with no percentage."""
    dialog = QProgressDialog(text, "Cancel", 0, steps, parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(520)
    dialog.canceled.connect(on_cancel)
    if steps:
        dialog.setValue(0)
    dialog.show()
    return dialog


class BackgroundJob(QObject):
    """One worker at a time on its own thread, with its progress dialog; `busy_changed` says when it runs."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._window = parent
        self._thread: QThread | None = None
        self._worker: Worker | None = None
        self.progress: QProgressDialog | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def _run_worker(self, worker: Worker, thread_name: str, dialog: QProgressDialog) -> None:
        """Start `worker.run` on a new thread, with `dialog` showing its progress."""
        thread = QThread(self)
        thread.setObjectName(thread_name)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        self._worker, self._thread = worker, thread
        self.progress = dialog
        self.busy_changed.emit(True)
        thread.start()

    def _cancel_worker(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            if self.progress is not None:
                self.progress.setLabelText("Cancelling...")

    def _stop_thread(self) -> None:
        """The worker has finished: end its thread and close its dialog (busy_changed(False) is the caller's
        to emit, once what the outcome changes is in place)."""
        thread = self._thread
        self._thread, self._worker = None, None
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def wait(self, timeout_ms: int = 30_000) -> None:
        """Cancel a running job and wait for its thread (the window is closing)."""
        if self._thread is not None and self._worker is not None:
            self._worker.cancel()
            self._thread.quit()
            self._thread.wait(timeout_ms)
