"""Long work off the GUI thread: one job on its own QThread, a progress dialog whose Cancel stops it (and quick
work, newest request only, on a Python thread: LatestOnly, at the end).

The work is a function of one argument, `report(text, done, total)`: it says what it is doing, and raises
`JobCancelled` once Cancel was pressed (so the work stops at its next step and writes nothing). The job ends
with `finished(JobResult)` in the GUI thread: a value, the exception it raised, or cancelled.

A QThread (not a Python thread): the PDF writer's text layout starts Qt timers, which need the thread's event
dispatcher. Work given to a Job reports often (a PDF between sheets and pages), so a window closing during it
cancels it and waits for it to stop: the thread always ends before its QThread object goes (never "QThread:
Destroyed while thread is still running"). Work that may block without reporting (reading a FIFO) belongs on a
Python daemon thread instead (see prices_controller). The price and usage imports share `ImportController` (one
import at a time, its progress dialog, busy and ended announced once); every progress dialog here is
`progress_dialog` (non-modal, its label plain text).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QApplication, QLabel, QProgressDialog, QWidget

from desktop.present.i18n import tr

Report = Callable[[str, int, int], None]
PROGRESS_EVERY_S = 0.05  # at most this often from the worker: the GUI thread is never flooded
SHOW_AFTER_MS = 400  # a job quicker than this shows no dialog at all


class JobCancelled(Exception):
    """Raised by `report` in the worker once the job was cancelled."""


@dataclass(frozen=True, slots=True)
class JobResult:
    value: object = None
    error: BaseException | None = None
    cancelled: bool = False


def progress_dialog(label: str, title: str, name: str, parent: QWidget | None, *, maximum: int = 0,
                    width: int = 520, show_after_ms: int = 0) -> QProgressDialog:
    """A progress dialog with Cancel that stays open until closed (maximum 0: busy, no percentage); non-modal, so
    the window stays usable and closable while the work runs."""
    dialog = QProgressDialog(label, tr("Cancel"), 0, maximum, parent)
    dialog.setObjectName(name)
    text = QLabel(label)
    text.setTextFormat(Qt.TextFormat.PlainText)  # names and paths in it are data, never markup
    dialog.setLabel(text)
    dialog.setWindowTitle(tr(title))
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.setMinimumDuration(show_after_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(width)
    return dialog


class _Worker(Protocol):
    def cancel(self) -> None: ...


class _Thread(Protocol):
    def start(self) -> None: ...


class ImportController(QObject):
    """One import at a time, on a worker the subclass makes and a thread it chooses (a QThread, or a Python daemon
    thread for reads that may block), with a progress dialog whose Cancel stops it: `busy_changed` as it starts
    and ends, `import_ended` with its outcome, once."""

    busy_changed = Signal(bool)
    import_ended = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._window = parent
        self._thread: _Thread | None = None
        self._worker: _Worker | None = None
        self.progress: QProgressDialog | None = None
        self.last_outcome: Any = None

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            if self.progress is not None:
                self.progress.setLabelText(tr("Cancelling..."))

    def _begin(self, worker: _Worker, thread: _Thread, dialog: QProgressDialog) -> str:
        self._worker, self._thread = worker, thread
        self.progress = dialog
        self.busy_changed.emit(True)
        thread.start()
        return ""

    def _release(self, outcome: object) -> Any:
        """The ended import's thread (the caller stops it); its dialog closed, its outcome kept."""
        thread = self._thread
        self._thread, self._worker = None, None
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.last_outcome = outcome
        return thread

    def _announce_end(self, outcome: object) -> None:
        self.busy_changed.emit(False)
        self.import_ended.emit(outcome)


class Job(QObject):
    """One piece of work on its own thread; `finished` carries its JobResult (once, in the GUI thread)."""

    progressed = Signal(str, int, int)
    finished = Signal(object)

    def __init__(self, work: Callable[[Report], object], title: str, label: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._shown = 0.0
        self._thread = _Runner(self._run)
        self._thread.setObjectName(f"computefit_{title.lower()}")
        self.result: JobResult | None = None
        self.dialog = progress_dialog(label, title, "job_progress", parent, width=420, show_after_ms=SHOW_AFTER_MS)
        self.dialog.canceled.connect(self.cancel)
        self.progressed.connect(self._show_progress)
        self.finished.connect(self._close_dialog)

    # --- the GUI side ------------------------------------------------------------------------------
    def start(self) -> None:
        self.dialog.setValue(0)
        self._thread.start()

    @property
    def running(self) -> bool:
        return not self._done.is_set()

    def cancel(self) -> None:
        if self.result is not None:  # ended already (closing the dialog at the end says "canceled" too)
            return
        self._cancel.set()
        self.dialog.setLabelText(tr("Cancelling..."))

    def wait(self, timeout_s: float | None = None) -> bool:
        """Wait for the job and its `finished` (None: however long it takes); False when it is still running
        after `timeout_s`."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while deadline is None or time.monotonic() < deadline:
            if self._done.wait(0.02):
                self._thread.wait()
                QApplication.processEvents()  # deliver `finished`
                if self.result is not None:
                    return True
            QApplication.processEvents()
        return not self.running

    @Slot(str, int, int)
    def _show_progress(self, text: str, done: int, total: int) -> None:
        if self._cancel.is_set():
            return
        self.dialog.setLabelText(text)
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total - 1))

    @Slot(object)
    def _close_dialog(self, result: JobResult) -> None:
        self.result = result
        self.dialog.reset()
        self.dialog.close()

    # --- the worker side ---------------------------------------------------------------------------
    def _report(self, text: str, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise JobCancelled()
        now = time.monotonic()
        if now - self._shown >= PROGRESS_EVERY_S:
            self._shown = now
            self._emit(self.progressed, text, done, total)

    def _run(self) -> None:
        try:
            result = JobResult(self._work(self._report))
        except JobCancelled:
            result = JobResult(cancelled=True)
        except Exception as exc:  # the window says what went wrong; never a traceback on a thread
            result = JobResult(error=exc)
        self._emit(self.finished, result)
        self._done.set()

    @staticmethod
    def _emit(signal: object, *args: object) -> None:
        with contextlib.suppress(RuntimeError):  # the window (and this object) is gone: nobody is waiting
            signal.emit(*args)  # type: ignore[attr-defined]


class _Runner(QThread):
    def __init__(self, run: Callable[[], None]) -> None:
        super().__init__()
        self._target = run

    def run(self) -> None:
        self._target()


class LatestOnly(QObject):
    """Quick work off the GUI thread, newest request first: `work(request)` runs on one daemon Python thread; a
    request made while one runs waits for it to end and replaces any request already waiting (only the newest
    matters). `finished(request, JobResult)` arrives in the GUI thread for every run; the receiver decides
    whether its result is still wanted. No dialog, no Cancel: for work of a fraction of a second (a Monte
    Carlo) that must not hold the window, never for writing files.

    The thread stays for the next request (it ends after IDLE_EXIT_S without one): submitting only wakes it. Starting
    a thread on every request held the GUI thread until the new thread had taken the interpreter and given it back
    (5-15 ms, in the paint pass that showed the edit). The thread touches Qt only to emit `finished`; its receiver is a
    declared @Slot (one PySide would otherwise register on the receiver's class at run time)."""

    finished = Signal(object, object)
    IDLE_EXIT_S = 60.0

    def __init__(self, work: Callable[[object], object], name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._name = name
        self._wake = threading.Condition()
        self._waiting: tuple[object] | None = None
        self._running = False  # a request runs or waits
        self._alive = False  # the thread is there (running a request or waiting for one)
        self._idle = threading.Event()
        self._idle.set()

    def submit(self, request: object) -> None:
        with self._wake:
            self._waiting = (request,)
            self._idle.clear()
            self._running = True
            if self._alive:
                self._wake.notify()
                return
            self._alive = True
        threading.Thread(target=self._loop, name=self._name, daemon=True).start()

    def wait_idle(self, timeout_s: float) -> bool:
        """Wait (on the GUI thread: tests, benchmarks) until no request runs or waits; then deliver `finished`."""
        deadline = time.monotonic() + timeout_s
        while not self._idle.wait(0.005):
            QApplication.processEvents()
            if time.monotonic() > deadline:
                return False
        QApplication.processEvents()
        return True

    def _next(self) -> tuple[object] | None:
        """The newest request (waiting for one while the thread may stay), or None: the thread ends."""
        with self._wake:
            if self._waiting is None:
                self._running = False
                self._idle.set()
                if not self._wake.wait_for(lambda: self._waiting is not None, self.IDLE_EXIT_S):
                    self._alive = False
                    return None
            waiting, self._waiting = self._waiting, None
            return waiting

    def _loop(self) -> None:
        while (waiting := self._next()) is not None:
            (request,) = waiting
            try:
                result = JobResult(self._work(request))
            except Exception as exc:  # the receiver says what went wrong; never a traceback on a thread
                result = JobResult(error=exc)
            Job._emit(self.finished, request, result)
