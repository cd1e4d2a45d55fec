"""The workbench: the open document (its scenarios, its file, its undo history as values) and the price book.

Pure Python. Each operation validates, changes the state at most once and returns a `Change` saying what
changed; it never computes advice on its own (the caller decides when: the window coalesces bursts of
edits). A price book can be swapped at run time like any other change. A document holds one or more
scenarios (a workshop); a plain workload file opens as a workshop of one and saves back as a workload file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from desktop.model.advice.advise import Advice
from desktop.model.options.registry import all_options, check_workload
from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.checks import check_against_book
from desktop.model.pricing.user_book import UserBookError
from desktop.model.workload.files import SUFFIX as WORKLOAD_SUFFIX
from desktop.model.workload.files import WorkloadFileError, save_workload
from desktop.model.workload.spec import Workload
from desktop.model.workload.validation import FieldProblem, problems_of
from desktop.model.workshop.compare import Comparison, RowCache, compare
from desktop.model.workshop.files import SUFFIX as WORKSHOP_SUFFIX
from desktop.model.workshop.files import load_document, save_workshop, workshop_json
from desktop.model.workshop.prices import WorkshopPrices, book_for, workshop_book
from desktop.model.workshop.spec import ScenarioEntry, WorkshopSpec
from desktop.workbench import document as doc
from desktop.workbench.advice_cache import CACHE_SIZE, AdviceCache, DifferencesCache
from desktop.workbench.document import (
    EDITED,
    NOTHING,
    RESET,
    Change,
    DocumentState,
    Scenario,
    ScenarioError,
    change_between,
    document_json,
    spec_from_state,
    state_from_spec,
)
from desktop.workbench.history import History
from desktop.workbench.ownership import DiskStamp, DocumentLocks, Owner

__all__ = ["EDITED", "NEW_WORKLOAD_NAME", "NOTHING", "RESET", "Change", "DocumentState", "FileChangedError",
           "Scenario", "ScenarioError", "Workbench", "document_json"]


class FileChangedError(WorkloadFileError):
    """The document's file was changed on disk since this instance read or wrote it: saving would lose that."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path), [FieldProblem("", "was changed on disk since it was opened (by another "
                                                  "program or window); saving now would overwrite that")])



def _checked(workload: Workload, book: PriceBook) -> list[FieldProblem]:
    """What the book and the registry can say is wrong (a region, an instance type, an option id)."""
    return check_against_book(workload, book) + check_workload(workload, book)

NEW_WORKLOAD_NAME = "New workload"
NEW_SCENARIO_NAME = "Scenario"


class Workbench:
    def __init__(self, book: PriceBook, workload: Workload, path: Path | None = None,
                 locks: DocumentLocks | None = None) -> None:
        self.book = book
        self.path: Path | None = None
        self.locks = locks  # None: no locking (tests, embedding)
        self.locked_by: Owner | None = None  # another live instance has `path` open: this one is read-only
        self._disk: DiskStamp | None = None  # the file as last read or written here
        self._own(path)
        self.is_workshop_file = False  # the file at `path` is a workshop file (else a workload file)
        self.history: History[DocumentState] = History(DocumentState((Scenario(workload),)))
        self.cache = AdviceCache()
        self.differ = DifferencesCache()
        self._rows: RowCache = {}  # comparison rows already built, for the advice they were built from
        self._comparison: tuple[tuple[object, ...], Comparison] | None = None
        self.base_book = book  # the book without the open workshop file's own prices
        self.prices: WorkshopPrices | None = None  # the open workshop file's own prices (kept when saved)

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
        return self.cache.advice(self.workload, self.book)

    def advice_for(self, index: int) -> Advice:
        return self.cache.advice(self.state.scenarios[index].workload, self.book)

    def compare(self) -> Comparison:
        """Every scenario compared with the baseline (advice reused for the scenarios no edit touched)."""
        state = self.state
        key = (tuple(id(s.workload) for s in state.scenarios), tuple(s.note for s in state.scenarios),
               state.baseline, state.kind, id(self.book), tuple(id(o) for o in all_options()))
        if self._comparison is None or self._comparison[0] != key:
            pairs = [(s.note, self.cache.advice(s.workload, self.book)) for s in state.scenarios]
            if len(self._rows) > 4 * CACHE_SIZE:
                self._rows.clear()
            self._comparison = (key, compare(pairs, state.baseline, state.kind, self.differ, self._rows))
        return self._comparison[1]

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

    def replace_workload(self, workload: Workload, text: str, detach: bool = False
                         ) -> tuple[Change, list[FieldProblem]]:
        """Swap in a whole workload (e.g. from the questionnaire) as one undoable step. detach=True: the result
        is a new workload, so a document that is one workload file forgets that file (Save asks for a new one)."""
        problems = _checked(workload, self.book)
        if problems:
            return NOTHING, problems
        return self._push(workload, text, None) | (self._detach() if detach else NOTHING), []

    def _push(self, workload: Workload, text: str, merge_key: str | None) -> Change:
        if workload == self.workload:
            return NOTHING
        before = self.state
        self.history.push(before.with_workload(workload), text, merge_key)
        return change_between(before, self.state) | Change(dirty=True, history=True)

    def _step(self, after: DocumentState, text: str, merge_key: str | None = None) -> Change:
        """Move to `after` as one undoable step (folded into the last one when both have `merge_key`)."""
        before = self.state
        if after == before:
            return NOTHING
        self.history.push(after, text, merge_key)
        return change_between(before, after) | Change(dirty=True, history=True)

    def _try(self, operation: Callable[[DocumentState], DocumentState], text: str,
             merge_key: str | None = None) -> tuple[Change, str]:
        """Run a scenario operation as one step; ('', the change) or (NOTHING, why it cannot be done)."""
        try:
            after = operation(self.state)
        except ScenarioError as exc:
            return NOTHING, str(exc)
        return self._step(after, text, merge_key), ""

    def undo(self) -> Change:
        before = self.state
        if not self.history.undo():
            return NOTHING
        return change_between(before, self.state) | Change(dirty=True, history=True)

    def redo(self) -> Change:
        before = self.state
        if not self.history.redo():
            return NOTHING
        return change_between(before, self.state) | Change(dirty=True, history=True)

    # --- scenarios --------------------------------------------------------------------------------
    def add_scenario(self, workload: Workload | None = None, note: str = "", text: str = "Add scenario",
                     detach: bool = False) -> tuple[Change, str]:
        """Add a scenario after the shown one and show it: a blank one (default values) or the given workload."""
        if workload is None:
            workload = Workload(name=doc.unique_name(f"{NEW_SCENARIO_NAME} {len(self.state.scenarios) + 1}",
                                                     self.state.names), region=self.workload.region)
        problems = _checked(workload, self.book)
        if problems:
            return NOTHING, "; ".join(str(p) for p in problems)
        change, problem = self._try(lambda s: doc.insert_scenarios(s, (Scenario(workload, note),)), text)
        return (change | self._detach() if detach and change else change), problem

    def add_from_file(self, path: Path) -> tuple[Change, str]:
        """Add every scenario of a workload or workshop file after the shown one (WorkloadFileError if unreadable)."""
        loaded = load_document(path)
        self._check_scenarios(str(path), loaded.workshop.scenarios, self.book)
        new = tuple(Scenario(s.workload, s.note, s.usage) for s in loaded.workshop.scenarios)
        return self._try(lambda s: doc.insert_scenarios(s, new), f"Add scenarios from {path.name}")

    def duplicate(self, index: int | None = None) -> tuple[Change, str]:
        return self._try(lambda s: doc.duplicate(s, index), "Duplicate scenario")

    def rename(self, index: int, name: str) -> tuple[Change, str]:
        return self._try(lambda s: doc.rename(s, index, name), "Rename scenario")

    def set_note(self, index: int, note: str) -> tuple[Change, str]:
        """A note typed in several commits (it is committed while typing) is one undoable step."""
        return self._try(lambda s: doc.set_note(s, index, note), "Change note", f"note:{index}")

    def move(self, index: int, to: int) -> tuple[Change, str]:
        return self._try(lambda s: doc.move(s, index, to), "Move scenario")

    def delete(self, index: int | None = None) -> tuple[Change, str]:
        return self._try(lambda s: doc.delete(s, index), "Delete scenario")

    def set_baseline(self, index: int) -> tuple[Change, str]:
        return self._try(lambda s: doc.set_baseline(s, index), "Set baseline")

    def set_kind(self, kind: str) -> tuple[Change, str]:
        return self._try(lambda s: doc.set_kind(s, kind), "Change kind of workshop")

    def select(self, index: int) -> Change:
        """Show another scenario: not an undoable step (what is shown is not what the document holds)."""
        before = self.state
        try:
            after = doc.select(before, index)
        except ScenarioError:
            return NOTHING
        self.history.replace(after)
        return change_between(before, after)

    def _detach(self) -> Change:
        if self.path is None or self.is_workshop_file:
            return NOTHING
        self._own(None)
        return Change(path=True)

    # --- the price book ---------------------------------------------------------------------------
    def set_book(self, book: PriceBook) -> tuple[Change, list[FieldProblem]]:
        """Price with another book from now on. The workload stays as it is; what the new book cannot price
        (its region, a fixed instance type) is returned as problems, for the window to say."""
        if book is self.base_book and self.prices is None and book is self.book:
            return NOTHING, []
        self.base_book = book
        try:
            self.book = workshop_book(book, self.prices)
            kept: list[FieldProblem] = []
        except UserBookError as exc:  # the new book cannot take the file's prices: priced without them
            self.book, self.prices = book, None
            kept = [FieldProblem("prices", f"the workshop file's prices are not used ({exc})")]
        self.cache.clear()
        return Change(workload=True, book=True), kept + _checked(self.workload, book)

    # --- files ----------------------------------------------------------------------------------
    # --- the document's file: one instance writes it, nobody else's changes are lost -----------------
    def _own(self, path: Path | None) -> None:
        """Make `path` this document's file: the lock moves to it (or says who holds it), its stamp is taken."""
        if self.locks is not None and path != self.path:
            if self.locked_by is None:
                self.locks.release(self.path)
            self.locked_by = None if path is None else self.locks.acquire(path)
        self.path = path
        self._disk = None if path is None else DiskStamp.of(path)

    def release(self) -> None:
        """The document is closed: its lock is removed (the window closes)."""
        if self.locks is not None:
            self.locks.release_all()
        self.locked_by = None

    def _check_target(self, target: Path, overwrite_changed: bool) -> None:
        """Refuse to write over a document another instance has open, or a file changed since it was read."""
        holder = self.locked_by if target == self.path else (
            self.locks.holder(target) if self.locks is not None else None)
        if holder is not None:
            raise WorkloadFileError(str(target), [FieldProblem("", (
                f"is open in another ComputeFit window ({holder.describe()}), so it is read-only here: "
                "save a copy with Save As")) ])
        if not overwrite_changed and target == self.path and self._disk is not None \
                and self._disk.changed(target):
            raise FileChangedError(target)

    def _reset(self, state: DocumentState, path: Path | None, is_workshop: bool) -> Change:
        self.history.reset(state)
        self._own(path)
        self.is_workshop_file = is_workshop
        return RESET

    def new(self, workload: Workload | None = None) -> Change:
        """A new, unsaved document: it never keeps another document's file."""
        return self._reset(DocumentState((Scenario(workload or Workload(name=NEW_WORKLOAD_NAME)),)), None,
                           False) | self._price(None, self.base_book)

    def open_scenario(self, entry: ScenarioEntry) -> Change:
        """A new, unsaved document holding one scenario of a fleet file (its workload, note and imported usage),
        not changed yet: the fleet's other scenarios stay in the file."""
        return self._reset(state_from_spec(WorkshopSpec(scenarios=(entry,))), None, False) | self._price(
            None, self.base_book)

    def _check_scenarios(self, where: str, scenarios: tuple[Any, ...], book: PriceBook) -> None:
        several = len(scenarios) > 1
        problems = [FieldProblem(f"scenarios.{i}.workload.{p.path}" if several else p.path, p.message)
                    for i, s in enumerate(scenarios) for p in _checked(s.workload, book)]
        if problems:
            raise WorkloadFileError(where, problems)

    def restore(self, document: Workload | WorkshopSpec, path: Path | None) -> tuple[Change, list[FieldProblem]]:
        """A document recovered after a crash (one workload, or a workshop): its content, its own file (if any),
        and not saved."""
        workshop = isinstance(document, WorkshopSpec)
        spec = document if isinstance(document, WorkshopSpec) else WorkshopSpec(
            scenarios=(ScenarioEntry(workload=document),))
        several = len(spec.scenarios) > 1
        try:  # the workshop file's own prices, kept in the recovery file
            book = book_for(spec.prices, self.base_book, "recovery") if spec.prices is not None else self.base_book
        except WorkloadFileError as exc:
            return NOTHING, exc.problems
        problems = [FieldProblem(f"scenarios.{i}.workload.{p.path}" if several else p.path, p.message)
                    for i, s in enumerate(spec.scenarios) for p in _checked(s.workload, book)]
        if problems:
            return NOTHING, problems
        own_workshop_file = workshop and not (path is not None and path.name.lower().endswith(WORKLOAD_SUFFIX))
        change = self._reset(state_from_spec(spec), path, own_workshop_file) | self._price(spec.prices, book)
        self.history.mark_unsaved()
        return change, []

    def recovery_document(self) -> tuple[str, dict[str, object]]:
        """What a recovery file keeps: ("workload", the workload file's JSON) for a document that is one workload,
        else ("workshop", the workshop file's JSON)."""
        state = self.state
        if not state.needs_workshop_file and not self.is_workshop_file:
            return "workload", state.workload.to_json_dict()
        return "workshop", self._spec().to_json_dict()

    def open(self, path: Path) -> Change:
        """Load a workload or workshop file (raises WorkloadFileError with a message for the user)."""
        loaded = load_document(path)
        prices = loaded.workshop.prices
        book = book_for(prices, self.base_book, str(path)) if prices is not None else self.base_book
        self._check_scenarios(str(path), loaded.workshop.scenarios, book)
        return self._reset(state_from_spec(loaded.workshop), path, loaded.is_workshop) | self._price(prices, book)

    def saves_as_workshop(self, target: Path) -> bool:
        """Whether `target` gets a workshop file: by its name, else what the document needs (or already was)."""
        name = target.name.lower()
        if name.endswith(WORKSHOP_SUFFIX):
            return True
        if name.endswith(WORKLOAD_SUFFIX):
            return False
        return self.state.needs_workshop_file or (target == self.path and self.is_workshop_file)

    def save_problem(self, target: Path) -> str:
        """Why the document cannot be saved to `target` ('' when it can): a workload file holds one workload."""
        if self.saves_as_workshop(target) or not self.state.needs_workshop_file:
            return ""
        count = len(self.state.scenarios)
        what = f"{count} scenarios" if count > 1 else "a note or the kind \"parts of one system\""
        return (f"holds {what}, more than a workload file can: save it as a workshop file "
                f"(a name ending in {WORKSHOP_SUFFIX})")

    def save(self, path: Path | None = None, overwrite_changed: bool = False) -> Change:
        """Write the document safely to `path` (or its own file); raises WorkloadFileError: FileChangedError
        when the file changed on disk since it was read here (unless `overwrite_changed`), and a refusal when
        another instance has the target open."""
        target = path or self.path
        if target is None:
            raise WorkloadFileError("workload", [FieldProblem("", "has no file yet: use Save As")])
        problem = self.save_problem(target)
        if problem:
            raise WorkloadFileError(str(target), [FieldProblem("", problem)])
        self._check_target(target, overwrite_changed)
        as_workshop = self.saves_as_workshop(target)
        try:
            if as_workshop:  # the file's own prices go with it
                save_workshop(target, self._spec())
            else:
                save_workload(target, self.workload)
        except OSError as exc:
            raise WorkloadFileError(str(target), [FieldProblem(
                "", f"cannot be written ({exc.strerror or exc})")]) from None
        self.history.mark_saved()
        moved = target != self.path or as_workshop != self.is_workshop_file
        self._own(target)
        self.is_workshop_file = as_workshop
        return Change(path=moved, dirty=True)

    def document_json(self) -> str:
        """The document as workshop JSON, for an autosave (with the workshop file's own prices)."""
        return workshop_json(self._spec()) if self.prices is not None else document_json(self.state)

    def _spec(self) -> WorkshopSpec:
        """The document as a workshop file holds it: its scenarios and the file's own prices."""
        return spec_from_state(self.state).model_copy(update={"prices": self.prices})

    def _price(self, prices: WorkshopPrices | None, book: PriceBook) -> Change:
        """Price with `book`, the base book with the open file's own `prices` on top (or none: the base book)."""
        if prices == self.prices and book is self.book:
            return NOTHING
        self.prices, self.book = prices, book  # the window says which prices came from the file
        self.cache.clear()
        return Change(workload=True, book=True)
