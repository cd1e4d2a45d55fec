"""The window's one data path, as a thin Qt adapter over the Qt-free workbench.

Every operation goes to the workbench through one call, `Session.run(Workbench.<operation>, ...)`: the workbench
validates and stores it and returns what changed (a Change); the session turns that into signals (once each) and
advises the shown workload: an isolated edit at once (the user sees it in the next frame), the edits that
follow it within COALESCE_MS once they settle. Every view listens to
`advice_changed` and renders from that Advice (which carries the workload and book it was computed from);
the form listens to `workload_changed` to show the values of the current workload.

The slow parts of an advice run off the GUI thread (background.LatestOnly), once the edit's frame is painted: the
assumption the verdict hinges on (the sensitivity's quotes, about 0.1 s) and a ranged workload's Monte Carlo
(0.1-0.3 s). The advice is shown at once with its point figures, and `advice_completed` follows with the same
Advice once they are known (the headline's hinge, the bands and "how sure"); a result that arrives after a newer
edit is not shown (the newer one's run follows). A ranged growth's horizon draws (about 0.3 s) run there too. The
workshop comparison asks the same worker for its ranged scenarios' spreads (`complete_scenarios`), after the shown
advice's parts: `scenarios_completed` follows, unless a newer request replaced it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar, overload

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, Signal, Slot

from desktop.model.advice.advise import Advice
from desktop.model.advice.uncertainty import (
    horizon_spread_once,
    known_horizon_spread,
    known_monte_carlo,
    monte_carlo_once,
)
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.ranges import GROWTH_PATHS
from desktop.model.workload.spec import Workload
from desktop.model.workshop.compare import Comparison
from desktop.model.workshop.spreads import scenario_spread
from desktop.qt.background import JobResult, LatestOnly
from desktop.workbench.ownership import DocumentLocks
from desktop.workbench.recovery import RecoverySlot
from desktop.workbench.workbench import NEW_WORKLOAD_NAME, Change, DocumentState, Workbench

__all__ = ["AUTOSAVE_MS", "COALESCE_MS", "NEW_WORKLOAD_NAME", "Session"]

P = ParamSpec("P")
R = TypeVar("R")

COALESCE_MS = 15  # an edit this soon after the previous one waits for the burst to settle
AUTOSAVE_MS = 3000  # unsaved edits reach the recovery file at most this long after they were made
RANGES_AFTER_MS = 150  # the slow parts start once the edit's frame is painted (the window says so:
# `frame_painted`), or after this long when nothing was painted (the chart's paint is Python in pyqtgraph: a worker
# holding the interpreter meanwhile would make it wait)


class Session(QObject):
    """Signals for the workbench's changes, and the advice of the shown workload."""

    workload_changed = Signal(object)  # Workload
    advice_changed = Signal(object)  # Advice
    path_changed = Signal(object)  # Path | None
    dirty_changed = Signal(bool)
    history_changed = Signal()  # what undo and redo would do
    book_changed = Signal(object)  # PriceBook
    advice_failed = Signal(str)  # a message for the status bar; the last good advice stays
    scenarios_changed = Signal()  # the scenario list: names, notes, order, selection, baseline or kind
    advice_completed = Signal(object)  # Advice (the shown one) whose hinge and Monte Carlo are now known
    scenarios_completed = Signal()  # the spreads of the workshop's ranged scenarios last asked for are now known

    def __init__(self, book: PriceBook, workload: Workload, path: Path | None = None,
                 parent: QObject | None = None, coalesce_ms: int = COALESCE_MS,
                 recovery: RecoverySlot | None = None, autosave_ms: int = AUTOSAVE_MS,
                 locks: DocumentLocks | None = None):
        super().__init__(parent)
        self.workbench = Workbench(book, workload, path, locks)
        self.recovery = recovery
        # Off the edit path, on a fixed interval: started by the first unsaved edit and never restarted by the
        # next ones, so steady editing is written every `autosave_ms` (a kill -9 loses at most that long).
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(autosave_ms)
        self._autosave.timeout.connect(self.write_recovery)
        self.ranges = LatestOnly(_run_slow_parts, "computefit_ranges", self)
        self.ranges.finished.connect(self._ranges_done)
        self._ranges_after = QTimer(self)
        self._ranges_after.setSingleShot(True)
        self._ranges_after.setInterval(RANGES_AFTER_MS)
        self._ranges_after.timeout.connect(self._submit_ranges)
        self.stale_ranges = 0  # results not shown because a newer advice came first (tests check)
        self._wanted: tuple[Advice, ...] = ()  # the workshop's ranged scenarios whose spreads are not known yet
        self._advice = self.workbench.advise()
        self._start_ranges(self._advice)
        self._timer = QTimer(self)  # active while an edit waits for its advice (the end of a burst)
        self._timer.setSingleShot(True)
        self._timer.setInterval(coalesce_ms)
        self._timer.timeout.connect(self.recompute)
        self._burst = QTimer(self)  # active for coalesce_ms after each edit: a next edit is part of a burst
        self._burst.setSingleShot(True)
        self._burst.setInterval(coalesce_ms)
        self.advise_count = 1  # how many times advise() ran (tests check edits coalesce)

    # --- state ----------------------------------------------------------------------------------
    @property
    def book(self) -> PriceBook:
        return self.workbench.book

    @property
    def workload(self) -> Workload:
        return self.workbench.workload

    @property
    def advice(self) -> Advice:
        """The advice for the current workload (computed now if an edit is still waiting)."""
        if self._timer.isActive():
            self.recompute()
        return self._advice

    @property
    def path(self) -> Path | None:
        return self.workbench.path

    @property
    def dirty(self) -> bool:
        return self.workbench.dirty

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    @property
    def state(self) -> DocumentState:
        return self.workbench.state

    @property
    def is_workshop(self) -> bool:
        """Several scenarios, or a workshop file: exports write the workshop (summary, then each sheet)."""
        return len(self.workbench.state.scenarios) > 1 or self.workbench.is_workshop_file

    @property
    def comparison(self) -> Comparison:
        """The scenarios compared (advice reused for every scenario no edit touched)."""
        if self._timer.isActive():
            self.recompute()
        return self.workbench.compare()

    def advices(self) -> list[Advice]:
        """The advice of every scenario, in order (for the workshop exports)."""
        if self._timer.isActive():
            self.recompute()
        return [self.workbench.advice_for(i) for i in range(len(self.workbench.state.scenarios))]

    # --- operations -----------------------------------------------------------------------------
    @overload
    def run(self, op: Callable[Concatenate[Workbench, P], Change], /, *args: P.args, **kwargs: P.kwargs) -> None: ...

    @overload
    def run(self, op: Callable[Concatenate[Workbench, P], tuple[Change, R]], /, *args: P.args,
            **kwargs: P.kwargs) -> R: ...

    def run(self, op: Callable[..., Change | tuple[Change, Any]], /, *args: Any, **kwargs: Any) -> Any:
        """Run one workbench operation and tell the views what it changed (as Anki's CollectionOp does: the
        operation returns a Change, the session emits it): `session.run(Workbench.rename, 1, "Peak")`.

        A field edit (the workload alone changed) is advised at once when isolated, or once its burst of edits
        settles; a change of the scenario list, the book or the file is advised at once. Returns what the
        operation returns beside its Change: the problems of an edit, why a scenario step could not be done
        ('' when it could), or None."""
        result = op(self.workbench, *args, **kwargs)
        change, answer = result if isinstance(result, tuple) else (result, None)
        self._emit(change, now=change.scenarios or change.book or change.path)
        return answer

    # --- signals --------------------------------------------------------------------------------
    def _emit(self, change: Change, now: bool = False) -> None:
        """Tell the views what changed, once each; advise at once (now, or an isolated edit) or after the burst."""
        if change.book:
            self.book_changed.emit(self.workbench.book)
        if change.path:
            self.path_changed.emit(self.workbench.path)
        if change.workload:
            self.workload_changed.emit(self.workbench.workload)
            if now or not self._burst.isActive():
                self.recompute()  # an isolated edit: no timer between the key and the chart
            else:
                self._timer.start()  # within a burst: once, when it settles
            if not now:
                self._burst.start()
        if change.scenarios:
            self.scenarios_changed.emit()
        if change.history:
            self.history_changed.emit()
        if change.dirty:
            self.dirty_changed.emit(self.workbench.dirty)
        if (change.dirty or change.workload) and not self._autosave.isActive():
            self._autosave.start()

    # --- recovery -------------------------------------------------------------------------------
    def write_recovery(self) -> None:
        """Keep the unsaved document in its recovery file (or remove the file once nothing is unsaved)."""
        self._autosave.stop()
        if self.recovery is None:
            return
        if not self.workbench.dirty:
            self.recovery.remove()
            return
        kind, document = self.workbench.recovery_document()
        name = self.workbench.path.name if kind == "workshop" and self.workbench.path else self.workbench.workload.name
        try:
            self.recovery.write(name, self.workbench.path, document, kind)
        except OSError as exc:  # a full disk must not stop the editing
            self.advice_failed.emit(f"Could not write the recovery file ({exc.strerror or exc})")

    def discard_recovery(self) -> None:
        """The user chose to lose the unsaved edits (or saved them): no recovery file is left behind."""
        self._autosave.stop()
        if self.recovery is not None:
            self.recovery.remove()

    def recompute(self) -> None:
        """Advise the current workload now and tell every view (once)."""
        self._timer.stop()
        try:
            advice = self.workbench.advise()
        except Exception as exc:  # never crash the window: keep the last good advice on screen
            self.advice_failed.emit(f"Could not price this workload: {exc}")
            return
        self.advise_count += 1
        self._advice = advice
        self.advice_changed.emit(advice)
        self._start_ranges(advice)

    # --- the slow parts of an advice (hinge, Monte Carlo), off the GUI thread -----------------------------
    def _start_ranges(self, advice: Advice) -> None:
        """Complete the shown advice (if something is left to do), once its frame is painted."""
        if not _complete(advice, compute=False):
            self._ranges_after.start()

    def frame_painted(self) -> None:
        """The window has painted a frame: the slow parts waiting for the edit's frame start now."""
        if self._ranges_after.isActive():
            self._ranges_after.stop()
            self._submit_ranges()

    def complete_scenarios(self, advices: Sequence[Advice]) -> None:
        """Compute these scenarios' spreads (the workshop comparison's ranged rows) on the worker, after the shown
        advice's slow parts, once the frame is painted; `scenarios_completed` follows (replacing any earlier ask)."""
        self._wanted = tuple(advices)
        if not self._ranges_after.isActive():
            self._ranges_after.start()

    def _submit_ranges(self) -> None:
        self.ranges.submit(_SlowParts(self._advice, self._wanted, not _complete(self._advice, compute=False)))

    def wait_for_ranges(self, timeout_s: float, hurry: bool = True) -> bool:
        """Tests and benchmarks: the shown advice's Monte Carlo run (if one was due: started now when `hurry`, else
        when its timer says) and its result delivered."""
        if self._ranges_after.isActive() and hurry:
            self._ranges_after.stop()
            self._submit_ranges()
        while self._ranges_after.isActive():
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
        return self.ranges.wait_idle(timeout_s)

    @Slot(object, object)  # a declared slot: it receives from the worker thread (see background.LatestOnly)
    def _ranges_done(self, request: object, _result: JobResult) -> None:
        """A run ended (its results, or a refused draw, are kept by the advice and the model): shown if its advice
        still is; the scenarios' spreads said if they are still the ones asked for."""
        assert isinstance(request, _SlowParts)
        if request.scenarios:
            if request.scenarios is self._wanted:
                self._wanted = ()
                self.scenarios_completed.emit()
            else:
                self.stale_ranges += 1
        if request.advice is not self._advice:
            self.stale_ranges += 1
        elif request.due:
            self.advice_completed.emit(request.advice)


@dataclass(frozen=True, slots=True, eq=False)
class _SlowParts:
    """One request to the worker: the shown advice's slow parts (`due`: some were not known when asked), then the
    spreads of the workshop's ranged scenarios."""

    advice: Advice
    scenarios: tuple[Advice, ...] = ()
    due: bool = True


def _complete(advice: Advice, compute: bool = True) -> bool:
    """Whether the advice's hinge, Monte Carlo and horizon draws are known; with `compute`, computing them first
    (on the worker)."""
    if advice.recommendation.option is not None and not advice.hinge_known:
        if not compute:
            return False
        advice.hinge  # noqa: B018  (analysed once, kept by the advice)
    ranges = advice.workload.ranges
    if ranges is None:
        return True
    try:
        if not known_monte_carlo(advice.quote)[0]:
            if not compute:
                return False
            monte_carlo_once(advice.workload, advice.book, advice.quote)
    except ValueError:  # refused (kept with the quote): the views say so in one line
        pass
    if any(p in GROWTH_PATHS for p in ranges.fields) and not known_horizon_spread(advice.quote)[0]:
        if not compute:
            return False
        horizon_spread_once(advice)
    return True


def _run_slow_parts(request: object) -> object:
    assert isinstance(request, _SlowParts)
    done = _complete(request.advice)
    for advice in request.scenarios:
        scenario_spread(advice)
    return done
