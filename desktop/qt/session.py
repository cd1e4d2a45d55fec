"""The window's one data path: edits are validated here, stored as the current workload and re-advised once.

Session holds the price book, the current workload, its Advice, the file it came from and an undo stack.
Every view listens to `advice_changed` (emitted once per recomputation) and renders from that Advice;
the form listens to `workload_changed` to show the values of the current workload.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.model.advice.advise import Advice, advise
from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.checks import check_against_book
from desktop.model.workload.files import WorkloadFileError, load_workload, save_workload
from desktop.model.workload.spec import Workload
from desktop.model.workload.validation import FieldProblem, problems_of

COALESCE_MS = 15  # edits closer together than this are advised once
NEW_WORKLOAD_NAME = "New workload"


class _WorkloadCommand(QUndoCommand):
    """One undoable step: the workload before and after."""

    MERGE_ID = 4242

    def __init__(self, session: Session, before: Workload, after: Workload, text: str, merge_key: str | None):
        super().__init__(text)
        self._session = session
        self.before = before
        self.after = after
        self.merge_key = merge_key

    def redo(self) -> None:
        self._session._set_workload(self.after)

    def undo(self) -> None:
        self._session._set_workload(self.before)

    def id(self) -> int:
        return self.MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _WorkloadCommand) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        return True


class Session(QObject):
    """The current workload, its advice, its file and its undo history."""

    workload_changed = Signal(object)  # Workload
    advice_changed = Signal(object)  # Advice
    path_changed = Signal(object)  # Path | None
    dirty_changed = Signal(bool)
    advice_failed = Signal(str)  # a message for the status bar; the last good advice stays

    def __init__(self, book: PriceBook, workload: Workload, path: Path | None = None,
                 parent: QObject | None = None, coalesce_ms: int = COALESCE_MS):
        super().__init__(parent)
        self.book = book
        self._workload = workload
        self._advice = advise(workload, book)
        self._path = path
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(coalesce_ms)
        self._timer.timeout.connect(self.recompute)
        self.advise_count = 1  # how many times advise() ran (tests check edits coalesce)

    # --- state ----------------------------------------------------------------------------------
    @property
    def workload(self) -> Workload:
        return self._workload

    @property
    def advice(self) -> Advice:
        """The advice for the current workload (computed now if an edit is still waiting)."""
        if self._timer.isActive():
            self.recompute()
        return self._advice

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def _clean_changed(self, clean: bool) -> None:
        self.dirty_changed.emit(not clean)

    # --- edits ----------------------------------------------------------------------------------
    def validate(self, changes: dict[str, Any]) -> tuple[Workload | None, list[FieldProblem]]:
        """The workload these changes would give, or the problems that stop them."""
        try:
            candidate = self._workload.with_changes(changes)
        except ValidationError as exc:
            return None, problems_of(exc)
        except (TypeError, ValueError, KeyError) as exc:  # a malformed change (not a user value)
            return None, [FieldProblem(next(iter(changes), ""), f"cannot be applied ({exc})")]
        problems = check_against_book(candidate, self.book)
        return (None, problems) if problems else (candidate, [])

    def apply_changes(self, changes: dict[str, Any], text: str, merge: bool = False) -> list[FieldProblem]:
        """Validate and apply dotted-path changes as one undoable step; on failure change nothing.

        merge=True folds this step into the previous one when both changed the same fields (keyboard nudges).
        """
        candidate, problems = self.validate(changes)
        if candidate is None:
            return problems
        if candidate == self._workload:
            return []
        key = ",".join(sorted(changes)) if merge else None
        self.undo_stack.push(_WorkloadCommand(self, self._workload, candidate, text, key))
        return []

    def replace_workload(self, workload: Workload, text: str) -> list[FieldProblem]:
        """Swap in a whole workload (e.g. from the questionnaire) as one undoable step."""
        problems = check_against_book(workload, self.book)
        if problems:
            return problems
        if workload != self._workload:
            self.undo_stack.push(_WorkloadCommand(self, self._workload, workload, text, None))
        return []

    def _set_workload(self, workload: Workload) -> None:
        self._workload = workload
        self.workload_changed.emit(workload)
        self._timer.start()

    def recompute(self) -> None:
        """Advise the current workload now and tell every view (once)."""
        self._timer.stop()
        try:
            advice = advise(self._workload, self.book)
        except Exception as exc:  # never crash the window: keep the last good advice on screen
            self.advice_failed.emit(f"Could not price this workload: {exc}")
            return
        self.advise_count += 1
        self._advice = advice
        self.advice_changed.emit(advice)

    # --- files ----------------------------------------------------------------------------------
    def _reset(self, workload: Workload, path: Path | None) -> None:
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._path = path
        self.path_changed.emit(path)
        self._workload = workload
        self.workload_changed.emit(workload)
        self.recompute()
        self.dirty_changed.emit(False)

    def new(self, workload: Workload | None = None) -> None:
        self._reset(workload or Workload(name=NEW_WORKLOAD_NAME), None)

    def open(self, path: Path) -> None:
        """Load a workload file (raises WorkloadFileError with a message for the user)."""
        workload = load_workload(path)
        problems = check_against_book(workload, self.book)
        if problems:
            raise WorkloadFileError(str(path), problems)
        self._reset(workload, path)

    def save(self, path: Path | None = None) -> Path:
        """Write the workload atomically to `path` (or its own file); raises WorkloadFileError."""
        target = path or self._path
        if target is None:
            raise WorkloadFileError("workload", [FieldProblem("", "has no file yet: use Save As")])
        try:
            save_workload(target, self._workload)
        except OSError as exc:
            raise WorkloadFileError(str(target), [FieldProblem(
                "", f"cannot be written ({exc.strerror or exc})")]) from None
        self.undo_stack.setClean()
        if target != self._path:
            self._path = target
            self.path_changed.emit(target)
        return target
