"""The workbench: the open document (its workload, its file, its undo history as values) and the price book.

Pure Python. Each operation validates, changes the state at most once and returns a `Change` saying what
changed; it never computes advice on its own (the caller decides when: the window coalesces bursts of
edits). A price book can be swapped at run time like any other change.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from desktop.model.advice.advise import Advice, advise
from desktop.model.options.registry import check_workload
from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.checks import check_against_book
from desktop.model.workload.files import WorkloadFileError, load_workload, save_workload
from desktop.model.workload.spec import Workload
from desktop.model.workload.validation import FieldProblem, problems_of
from desktop.workbench.history import History

NEW_WORKLOAD_NAME = "New workload"


def _checked(workload: Workload, book: PriceBook) -> list[FieldProblem]:
    """What the book and the registry can say is wrong (a region, an instance type, an option id)."""
    return check_against_book(workload, book) + check_workload(workload, book)


@dataclass(frozen=True, slots=True)
class Scenario:
    """One workload of a document, with a note (a workshop holds several; a workload file is one)."""

    workload: Workload
    note: str = ""

    @property
    def name(self) -> str:
        return self.workload.name


@dataclass(frozen=True, slots=True)
class DocumentState:
    """What undo and redo move between: the scenarios and which one is shown."""

    scenarios: tuple[Scenario, ...]
    selected: int = 0

    @property
    def workload(self) -> Workload:
        return self.scenarios[self.selected].workload

    def with_workload(self, workload: Workload) -> DocumentState:
        chosen = replace(self.scenarios[self.selected], workload=workload)
        scenarios = (*self.scenarios[:self.selected], chosen, *self.scenarios[self.selected + 1:])
        return replace(self, scenarios=scenarios)


@dataclass(frozen=True, slots=True)
class Change:
    """What an operation changed, for the views to follow (each flag at most once per operation)."""

    workload: bool = False  # the shown workload: the form shows it and the advice must follow
    path: bool = False  # the document's file
    dirty: bool = False  # saved / unsaved may have flipped
    history: bool = False  # what undo and redo would do
    book: bool = False  # the price book

    def __or__(self, other: Change) -> Change:
        return Change(*(a or b for a, b in zip(self._flags(), other._flags(), strict=True)))

    def _flags(self) -> tuple[bool, ...]:
        return (self.workload, self.path, self.dirty, self.history, self.book)

    def __bool__(self) -> bool:
        return any(self._flags())


NOTHING = Change()
EDITED = Change(workload=True, dirty=True, history=True)
RESET = Change(workload=True, path=True, dirty=True, history=True)


class Workbench:
    def __init__(self, book: PriceBook, workload: Workload, path: Path | None = None) -> None:
        self.book = book
        self.path = path
        self.history: History[DocumentState] = History(DocumentState((Scenario(workload),)))

    # --- state ----------------------------------------------------------------------------------
    @property
    def state(self) -> DocumentState:
        return self.history.state

    @property
    def workload(self) -> Workload:
        return self.state.workload

    @property
    def dirty(self) -> bool:
        return self.history.dirty

    def advise(self) -> Advice:
        """The advice for the shown workload with the current book (a pure function of the two)."""
        return advise(self.workload, self.book)

    # --- edits ----------------------------------------------------------------------------------
    def validate(self, changes: dict[str, Any]) -> tuple[Workload | None, list[FieldProblem]]:
        """The workload these dotted-path changes would give, or the problems that stop them."""
        try:
            candidate = self.workload.with_changes(changes)
        except ValidationError as exc:
            return None, problems_of(exc)
        except (TypeError, ValueError, KeyError) as exc:  # a malformed change (not a user value)
            return None, [FieldProblem(next(iter(changes), ""), f"cannot be applied ({exc})")]
        problems = _checked(candidate, self.book)
        return (None, problems) if problems else (candidate, [])

    def apply_changes(self, changes: dict[str, Any], text: str, merge: bool = False
                      ) -> tuple[Change, list[FieldProblem]]:
        """Validate and apply the changes as one undoable step; on failure change nothing.

        merge=True folds this step into the previous one when both changed the same fields (keyboard nudges).
        """
        candidate, problems = self.validate(changes)
        if candidate is None:
            return NOTHING, problems
        key = ",".join(sorted(changes)) if merge else None
        return self._push(candidate, text, key), []

    def replace_workload(self, workload: Workload, text: str) -> tuple[Change, list[FieldProblem]]:
        """Swap in a whole workload (e.g. from the questionnaire) as one undoable step."""
        problems = _checked(workload, self.book)
        if problems:
            return NOTHING, problems
        return self._push(workload, text, None), []

    def _push(self, workload: Workload, text: str, merge_key: str | None) -> Change:
        if workload == self.workload:
            return NOTHING
        self.history.push(self.state.with_workload(workload), text, merge_key)
        return EDITED

    def undo(self) -> Change:
        return EDITED if self.history.undo() else NOTHING

    def redo(self) -> Change:
        return EDITED if self.history.redo() else NOTHING

    # --- the price book ---------------------------------------------------------------------------
    def set_book(self, book: PriceBook) -> tuple[Change, list[FieldProblem]]:
        """Price with another book from now on. The workload stays as it is; what the new book cannot price
        (its region, a fixed instance type) is returned as problems, for the window to say."""
        if book is self.book:
            return NOTHING, []
        self.book = book
        return Change(workload=True, book=True), _checked(self.workload, book)

    # --- files ----------------------------------------------------------------------------------
    def _reset(self, workload: Workload, path: Path | None) -> Change:
        self.history.reset(DocumentState((Scenario(workload),)))
        self.path = path
        return RESET

    def new(self, workload: Workload | None = None) -> Change:
        """A new, unsaved document: it never keeps another document's file."""
        return self._reset(workload or Workload(name=NEW_WORKLOAD_NAME), None)

    def restore(self, workload: Workload, path: Path | None) -> tuple[Change, list[FieldProblem]]:
        """A document recovered after a crash: its content, its own file (if any), and not saved."""
        problems = check_against_book(workload, self.book)
        if problems:
            return NOTHING, problems
        change = self._reset(workload, path)
        self.history.mark_unsaved()
        return change, []

    def open(self, path: Path) -> Change:
        """Load a workload file (raises WorkloadFileError with a message for the user)."""
        workload = load_workload(path)
        problems = _checked(workload, self.book)
        if problems:
            raise WorkloadFileError(str(path), problems)
        return self._reset(workload, path)

    def save(self, path: Path | None = None) -> Change:
        """Write the workload safely to `path` (or its own file); raises WorkloadFileError."""
        target = path or self.path
        if target is None:
            raise WorkloadFileError("workload", [FieldProblem("", "has no file yet: use Save As")])
        try:
            save_workload(target, self.workload)
        except OSError as exc:
            raise WorkloadFileError(str(target), [FieldProblem(
                "", f"cannot be written ({exc.strerror or exc})")]) from None
        self.history.mark_saved()
        moved = target != self.path
        self.path = target
        return Change(path=moved, dirty=True)
