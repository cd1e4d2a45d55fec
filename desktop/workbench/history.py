"""Undo and redo as values: a list of past states, a list of undone ones, and which state is saved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

State = TypeVar("State")


@dataclass(frozen=True, slots=True)
class Step(Generic[State]):
    before: State
    after: State
    text: str
    merge_key: str | None = None


class History(Generic[State]):
    """The current state and the steps that led to it. States are immutable values, so a step is just two."""

    def __init__(self, state: State) -> None:
        self.state = state
        self._done: list[Step[State]] = []
        self._undone: list[Step[State]] = []
        self._saved_at: int | None = 0  # how many steps were done when the state was saved (None: never again)

    def push(self, after: State, text: str, merge_key: str | None = None) -> None:
        """Move to `after` as one undoable step; a step with the same merge key as the last one folds into it
        (e.g. keyboard nudges of one field), unless that last step is the saved state."""
        last = self._done[-1] if self._done else None
        if (merge_key is not None and last is not None and last.merge_key == merge_key and not self._undone
                and self._saved_at != len(self._done)):
            self._done[-1] = Step(last.before, after, last.text, merge_key)
        else:
            if self._saved_at is not None and self._saved_at > len(self._done):
                self._saved_at = None  # the saved state was undone and is now lost to redo
            self._done.append(Step(self.state, after, text, merge_key))
        self._undone.clear()
        self.state = after

    def undo(self) -> bool:
        return self._move(self._done, self._undone, forward=False)

    def redo(self) -> bool:
        return self._move(self._undone, self._done, forward=True)

    def _move(self, source: list[Step[State]], target: list[Step[State]], *, forward: bool) -> bool:
        """Move the newest step of `source` onto `target`; the state becomes the one after it (redo) or before it
        (undo). False when there is none."""
        if not source:
            return False
        step = source.pop()
        target.append(step)
        self.state = step.after if forward else step.before
        return True

    def reset(self, state: State) -> None:
        """Start afresh at `state`, saved (a file was opened or a new document made)."""
        self.state = state
        self._done.clear()
        self._undone.clear()
        self._saved_at = 0

    def replace(self, state: State) -> None:
        """Change the current state without a step (what is shown, not what the document holds): undo and
        redo still move to the states of their steps."""
        self.state = state

    def mark_saved(self) -> None:
        self._saved_at = len(self._done)

    def mark_unsaved(self) -> None:
        """No state of this history is on disk (e.g. a document recovered after a crash)."""
        self._saved_at = None

    @property
    def dirty(self) -> bool:
        return self._saved_at != len(self._done)

    @property
    def undo_text(self) -> str:
        return self._done[-1].text if self._done else ""

    @property
    def redo_text(self) -> str:
        return self._undone[-1].text if self._undone else ""

    @property
    def undo_count(self) -> int:
        return len(self._done)

    @property
    def redo_count(self) -> int:
        return len(self._undone)
